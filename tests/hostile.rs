//! Broken and hostile files: each class gets a clear error naming the file, the exit code
//! of an invalid register, and leaves the register's files and its journal as they were.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::TestRegister;

const REPORT: &str = "incidents/2026/2026-0001/report.yaml";

/// Every file of the register (outside `.git`) and its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, folder: &Path, found: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let relative = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let kind = entry.file_type().unwrap();
            if relative == ".git" {
                continue;
            }
            if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                found.insert(relative, target.to_string_lossy().as_bytes().to_vec());
            } else if kind.is_dir() {
                walk(root, &path, found);
            } else {
                found.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut found = BTreeMap::new();
    walk(root, root, &mut found);
    found
}

/// A register with one incident whose report is replaced by `bytes`; then `validate` and a
/// change to the incident must both fail with `expected` in their messages, changing
/// nothing.
fn refused(bytes: &[u8], expected: &str) {
    let register = TestRegister::new();
    register.new_incident(&[]);
    std::fs::write(register.path(REPORT), bytes).unwrap();
    assert_refused(&register, expected);
}

fn assert_refused(register: &TestRegister, expected: &str) {
    let head = register.head();
    let files = snapshot(register.root());
    let validate = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(validate.status.code(), Some(1));
    let text = String::from_utf8_lossy(&validate.stdout);
    assert!(
        text.contains("report.yaml") || text.contains("2026-0001"),
        "{text}"
    );
    assert!(text.contains(expected), "validate: {text}");
    // A file that is there is never told as missing: that advice would throw it away.
    assert!(!text.contains("is missing"), "validate: {text}");
    let change = register
        .cmd()
        .args(["log", "2026-0001", "--action", "Deleted the e-mail."])
        .output()
        .unwrap();
    assert_eq!(change.status.code(), Some(1));
    let text = String::from_utf8_lossy(&change.stderr);
    assert!(text.contains(expected), "log: {text}");
    assert_eq!(register.head(), head, "nothing recorded");
    assert_eq!(snapshot(register.root()), files, "nothing written");
}

#[test]
fn an_alias_bomb_is_refused() {
    let mut yaml = String::from("schema_version: 1\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let previous = format!("*a{}", level - 1);
        let list = vec![previous; 10].join(", ");
        yaml.push_str(&format!("a{level}: &a{level} [{list}]\n"));
    }
    yaml.push_str("title: *a11\n");
    refused(yaml.as_bytes(), "report.yaml");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 10_000;
    let yaml = format!("title: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    refused(yaml.as_bytes(), "report.yaml");
}

#[test]
fn a_very_large_file_is_refused_with_the_limit() {
    let mut yaml = String::from("schema_version: 1\ntitle: big\nobserved: ");
    yaml.push_str(&"x".repeat(2 << 20));
    refused(yaml.as_bytes(), "at most 1048576 bytes");
}

#[test]
fn invalid_utf8_and_nul_bytes_are_refused() {
    refused(b"schema_version: 1\ntitle: caf\xe9\n", "is not UTF-8");
    refused(b"schema_version: 1\ntitle: a\0b\n", "report.yaml");
}

#[test]
fn yaml_tags_are_refused() {
    // A standard tag that would hide text, and an application tag other YAML tools act on.
    for (tag, value) in [
        ("!!binary", "aMO2Zw=="),
        ("!!python/object:os.system", "ls"),
    ] {
        let register = TestRegister::new();
        register.new_incident(&[]);
        let text = register
            .read(REPORT)
            .replacen("title: ", &format!("title: {tag} {value} #"), 1);
        std::fs::write(register.path(REPORT), text).unwrap();
        assert_refused(&register, "YAML tags are not accepted in register files");
        assert_refused(&register, tag);
    }
}

#[test]
fn duplicate_keys_are_refused() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let text = register.read(REPORT) + "title: A second title\n";
    std::fs::write(register.path(REPORT), text).unwrap();
    assert_refused(&register, "title");
}

#[cfg(unix)]
#[test]
fn a_file_linked_outside_the_register_is_never_followed() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let outside = tempfile::TempDir::new().unwrap();
    let secret = outside.path().join("secret.yaml");
    std::fs::write(&secret, register.read(REPORT)).unwrap();
    std::fs::remove_file(register.path(REPORT)).unwrap();
    std::os::unix::fs::symlink(&secret, register.path(REPORT)).unwrap();
    assert_refused(&register, "is a symbolic link");
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        register.read(REPORT)
    );
}

#[cfg(unix)]
#[test]
fn a_folder_linked_outside_the_register_is_never_followed() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let outside = tempfile::TempDir::new().unwrap();
    let folder = register.path("incidents/2026/2026-0001");
    let moved = outside.path().join("2026-0001");
    std::fs::rename(&folder, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &folder).unwrap();
    assert_refused(&register, "is a symbolic link");
    assert!(
        !moved.join("actions.yaml").exists(),
        "nothing written outside"
    );
}

#[cfg(unix)]
#[test]
fn a_year_folder_linked_outside_the_register_is_never_followed() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let outside = tempfile::TempDir::new().unwrap();
    let year = register.path("incidents/2026");
    let moved = outside.path().join("2026");
    std::fs::rename(&year, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &year).unwrap();
    let before = snapshot(outside.path());
    let head = register.head();
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1), "{said}");
    assert!(
        said.contains("incidents/2026: is a symbolic link"),
        "{said}"
    );
    let change = register
        .cmd()
        .args(["log", "2026-0001", "--action", "Deleted the e-mail."])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&change.stderr);
    assert_eq!(change.status.code(), Some(1), "{said}");
    assert!(said.contains("is a symbolic link"), "{said}");
    // A new incident of that year is refused too, rather than written through the link.
    let output = register
        .cmd()
        .args(["new", "--title", "T", "--discovered", "2026-03-27 10:00"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{said}");
    assert!(
        said.contains("incidents/2026") && said.contains("symbolic link"),
        "{said}"
    );
    assert_eq!(register.head(), head, "nothing recorded");
    assert_eq!(snapshot(outside.path()), before, "nothing written outside");
}

#[cfg(unix)]
#[test]
fn the_incidents_folder_linked_outside_the_register_is_never_followed() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let outside = tempfile::TempDir::new().unwrap();
    let moved = outside.path().join("incidents");
    std::fs::rename(register.path("incidents"), &moved).unwrap();
    std::os::unix::fs::symlink(&moved, register.path("incidents")).unwrap();
    let before = snapshot(outside.path());
    let head = register.head();
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert_eq!(validate.status.code(), Some(1), "{said}");
    assert!(said.contains("incidents: is a symbolic link"), "{said}");
    assert!(
        !said.contains("warning"),
        "nothing else is said of it: {said}"
    );
    for args in [
        &["log", "2026-0001", "--action", "Deleted the e-mail."][..],
        &["new", "--title", "T", "--discovered", "2026-03-27 10:00"][..],
    ] {
        let output = register.cmd().args(args).output().unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {said}");
        assert!(said.contains("incidents: is a symbolic link"), "{said}");
    }
    assert_eq!(register.head(), head, "nothing recorded");
    assert_eq!(snapshot(outside.path()), before, "nothing written outside");
}

#[test]
fn ids_and_paths_that_leave_the_register_are_refused_at_parse_time() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let head = register.head();
    for id in [
        "../../etc",
        "/etc/passwd",
        "2026-0001/../../x",
        "2026-00\\01",
    ] {
        let output = register.cmd().args(["show", id]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{id}");
        let text = String::from_utf8_lossy(&output.stderr);
        assert!(text.contains("is not an incident id"), "{id}: {text}");
    }
    let text = register
        .read(REPORT)
        .replace("id: 2026-0001", "id: ../../etc");
    std::fs::write(register.path(REPORT), text).unwrap();
    let validate = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(validate.status.code(), Some(1));
    let problems = String::from_utf8_lossy(&validate.stdout);
    assert!(
        problems.contains("report.yaml") && problems.contains("id"),
        "{problems}"
    );
    assert_eq!(register.head(), head);
}

#[test]
fn crlf_line_ends_and_a_byte_order_mark_are_accepted() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let text = register.read(REPORT).replace('\n', "\r\n");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(text.as_bytes());
    std::fs::write(register.path(REPORT), bytes).unwrap();
    let validate = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(
        validate.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validate.stdout)
    );
    register
        .cmd()
        .args(["show", "2026-0001"])
        .assert()
        .success();
}

#[test]
fn a_from_file_has_the_limit_of_register_files() {
    let register = TestRegister::new();
    let big = register.path("big.yaml");
    std::fs::write(&big, format!("title: {}\n", "x".repeat(3 << 20))).unwrap();
    for from in [big.to_string_lossy().into_owned(), "/dev/zero".to_string()] {
        let output = register
            .cmd()
            .args(["new", "--from", &from, "--discovered", "2026-03-27"])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{from}: {said}");
        assert!(
            said.contains("is larger than 1048576 bytes"),
            "{from}: {said}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_nobody_writes_to_is_given_up_after_the_wait() {
    let register = TestRegister::new();
    let pipe = register.path("pipe.yaml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap()
            .success()
    );
    let output = register
        .cmd()
        .env("INCIDENT_LOCK_WAIT", "0.2")
        .args(["new", "--from", &pipe.to_string_lossy()])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("is a named pipe that no program wrote to"),
        "{said}"
    );
}

#[test]
fn a_wait_out_of_range_is_a_clear_error_not_a_panic() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let output = register
        .cmd()
        .env("INCIDENT_LOCK_WAIT", "1e300")
        .args(["log", "2026-0001", "--action", "x"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("INCIDENT_LOCK_WAIT: `1e300` is not a number of seconds from 0 to 3600"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn a_duplicate_key_is_told_in_the_registers_words() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let duplicated = register.read(REPORT) + "title: A second title\n";
    std::fs::write(register.path(REPORT), duplicated).unwrap();
    let validate = register.cmd().args(["validate"]).output().unwrap();
    let said = String::from_utf8_lossy(&validate.stdout);
    assert!(
        said.contains("the key `title` is written twice in one place; keep one"),
        "{said}"
    );
    assert!(!said.contains("DuplicateKeyPolicy"), "{said}");
}

#[test]
fn a_register_option_that_is_not_a_folder_is_not_offered_to_init() {
    let register = TestRegister::empty();
    let output = register
        .cmd()
        .env("INCIDENT_REGISTER", "/dev/null")
        .args(["list"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{said}");
    assert!(
        said.contains("/dev/null is not a register: it is not a folder"),
        "{said}"
    );
    assert!(!said.contains("incident init /dev/null"), "{said}");
}
