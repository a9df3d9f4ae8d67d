//! End-to-end tests of init, new, list, show, validate, history and record: the binary
//! runs in a temporary register with a fixed clock and author; the tests check the files,
//! the commits and the output.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{NOW, TestRegister, copy_dir, transcript};

#[test]
fn init_creates_settings_schemas_and_the_first_commit() {
    let register = TestRegister::new();
    insta::assert_snapshot!("init_incident_toml", register.read("incident.toml"));
    assert!(register.path("schemas/report.schema.json").is_file());
    assert_eq!(
        register.read("schemas/report.schema.json"),
        std::fs::read_to_string("schemas/report.schema.json").unwrap()
    );
    let commits = register.commits();
    assert_eq!(commits.len(), 1);
    let first = &commits[0];
    assert_eq!(first.subject, "register created: Exempel kommun");
    assert!(
        first.message.contains("\nChange: init\n"),
        "{}",
        first.message
    );
    assert_eq!(
        (first.author.as_str(), first.email.as_str()),
        ("Test Author", "test@example.org")
    );
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap();
    assert_eq!((first.time, first.offset_minutes), (now.timestamp(), 60));
    assert!(first.files.contains(&"incident.toml".to_string()));
    assert!(first.files.contains(&".gitignore".to_string()));
    assert_eq!(
        register.dirty(),
        Vec::<String>::new(),
        "git status is clean after init"
    );
}

#[test]
fn init_refuses_an_existing_register() {
    let register = TestRegister::new();
    let before = register.head();
    let output = register
        .cmd()
        .args(["init", ".", "--organisation", "Other"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already holds a register"));
    assert_eq!(register.head(), before);
    assert!(register.read("incident.toml").contains("Exempel kommun"));
}

#[test]
fn init_without_a_terminal_names_the_missing_organisation() {
    let register = TestRegister::empty();
    let output = register.cmd().args(["init", "reg"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--organisation NAME"));
    assert!(!register.path("reg/incident.toml").exists());
}

#[test]
fn init_adopts_the_example_register_and_validates_it() {
    let register = TestRegister::empty();
    copy_dir(std::path::Path::new("examples/register"), register.root());
    register.cmd().args(["validate"]).assert().success();
    register.cmd().args(["init", "."]).assert().success();
    let commits = register.commits();
    assert_eq!(commits.len(), 1);
    let subject = &commits[0].subject; // the example register is Swedish, so is its journal
    assert_eq!(
        subject,
        "registret övertaget: Exempelregistret (2 incidenter)"
    );
    assert!(
        commits[0]
            .files
            .iter()
            .any(|f| f.ends_with("2021-0001/report.yaml"))
    );
    assert!(
        commits[0]
            .files
            .iter()
            .any(|f| f.ends_with("2023-0001/report.yaml"))
    );
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn new_by_flags_writes_the_report_and_commits_it() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args([
            "new",
            "--title",
            "E-mail with health data to the wrong recipient",
            "--observed",
            "A nurse sent a referral to the wrong e-mail address.",
            "--occurred",
            "2026-03-27 09:15",
            "--discovered",
            "2026-03-27 10:00",
            "--discovered-comment",
            "The recipient called us",
            "--discovered-by",
            "Nurse on duty",
            "--manager-informed",
            "2026-03-27 10:20",
            "--manager",
            "Unit manager",
            "--dpo-contacted",
            "2026-03-27 11:00",
            "--what-happened",
            "misdirected_communication",
            "--description",
            "A referral with health data was e-mailed to the wrong recipient.",
            "--breach-type",
            "confidentiality",
            "--cause",
            "human_error_individual",
            "--how-discovered",
            "free_text",
            "--how-discovered-comment",
            "The recipient told us",
            "--ongoing",
            "no",
            "--ended",
            "2026-03-27 09:15",
            "--groups",
            "patients",
            "--data-subjects",
            "1",
            "--records",
            "1-10",
            "--categories",
            "health,personal_identity_number",
            "--encrypted",
            "no",
            "--consequences",
            "loss_of_control,other",
            "--consequences-comment",
            "Worry",
            "--no-processors",
            "--internal-reference",
            "KS 2026/17",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("new_by_flags_output", transcript(&output));
    insta::assert_snapshot!(
        "new_by_flags_report",
        register.read("incidents/2026/2026-0001/report.yaml")
    );
    let commits = register.commits();
    assert_eq!(commits.len(), 2);
    let commit = &commits[0];
    assert_eq!(
        commit.subject,
        "2026-0001: reported: E-mail with health data to the wrong recipient"
    );
    let trailers = "Incident: 2026-0001\nStep: A\nStep: B\nEvent: reported\nTitle: E-mail";
    assert!(commit.message.contains(trailers), "{}", commit.message);
    assert_eq!(commit.author, "Test Author");
    assert_eq!(
        commit.files,
        vec!["incidents/2026/2026-0001/report.yaml".to_string()]
    );
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn ids_count_up_within_the_year_of_discovery() {
    let register = TestRegister::new();
    assert_eq!(register.new_incident(&[]), "2026-0001");
    assert_eq!(register.new_incident(&[]), "2026-0002");
    let old = register
        .cmd()
        .args([
            "new",
            "--title",
            "Old laptop found",
            "--discovered",
            "2025-12-31",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&old.stdout).trim(), "2025-0001");
    assert!(
        register
            .path("incidents/2025/2025-0001/report.yaml")
            .is_file()
    );
}

#[test]
fn new_from_a_partial_file_with_flags_overriding() {
    let register = TestRegister::new();
    register.write(
        "draft.yaml",
        "title: From the file\ndiscovered:\n  date: 2026-03-20\n  time: 08:30\ndata_categories:\n  keys: [contact_details]\nencrypted: false\n",
    );
    std::fs::rename(
        register.path("draft.yaml"),
        register
            .root()
            .parent()
            .unwrap()
            .join("draft-from-test.yaml"),
    )
    .ok();
    let draft = register
        .root()
        .parent()
        .unwrap()
        .join("draft-from-test.yaml");
    register
        .cmd()
        .args([
            "new",
            "--from",
            draft.to_str().unwrap(),
            "--title",
            "Title from the flag",
        ])
        .assert()
        .success()
        .stdout("2026-0001\n");
    let report = register.read("incidents/2026/2026-0001/report.yaml");
    assert!(report.contains("title: Title from the flag"), "{report}");
    assert!(report.contains("  time: 08:30\n"), "{report}");
    assert!(report.contains("- contact_details"), "{report}");
    assert!(report.contains("encrypted: false"), "{report}");
    std::fs::remove_file(draft).unwrap();
}

#[test]
fn new_without_a_terminal_fails_at_once_naming_what_is_missing() {
    let register = TestRegister::new();
    let before = register.head();
    let output = register
        .cmd()
        .args(["new", "--observed", "Something"])
        .output()
        .unwrap();
    insta::assert_snapshot!("new_missing_answers", transcript(&output));
    assert_eq!(register.head(), before);
    assert!(!register.path("incidents").exists());
}

#[test]
fn list_and_show_in_text_and_json() {
    let register = TestRegister::new();
    register.new_incident(&[
        "--dpo-contacted",
        "2026-03-27 11:00",
        "--categories",
        "health",
    ]);
    register.new_incident(&[
        "--title",
        "Stolen laptop",
        "--what-happened",
        "free_text",
        "--what-happened-comment",
        "Förlust: stöld",
    ]);
    let list = register.cmd().args(["list"]).output().unwrap();
    insta::assert_snapshot!("list_table", transcript(&list));
    let list_json = register.cmd().args(["list", "--json"]).output().unwrap();
    insta::assert_snapshot!("list_json", transcript(&list_json));
    let show = register.cmd().args(["show", "2026-0001"]).output().unwrap();
    insta::assert_snapshot!("show_text", transcript(&show));
    let show_sv = register
        .cmd()
        .args(["--lang", "sv", "show", "2026-0002"])
        .output()
        .unwrap();
    insta::assert_snapshot!("show_text_sv", transcript(&show_sv));
    let show_json = register
        .cmd()
        .args(["show", "2026-0001", "--json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&show_json.stdout).unwrap();
    assert_eq!(value["id"], "2026-0001");
    assert_eq!(value["next_step"], "A");
    assert_eq!(value["steps"][1]["state"], "done");
    assert_eq!(value["report"]["data_categories"]["keys"][0], "health");
}

#[test]
fn an_edit_by_hand_is_validated_recorded_and_shown_in_history() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let path = "incidents/2026/2026-0001/report.yaml";
    let edited = register.read(path).replace(
        "title: E-mail with health data to the wrong recipient",
        "title: E-mail with patient data to the wrong recipient",
    );
    register.write(path, &edited);
    let pending = register
        .cmd()
        .args(["history", "2026-0001"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&pending.stderr)
            .contains("Hand edits not yet recorded: incidents/2026/2026-0001/report.yaml")
    );
    register
        .cmd()
        .args(["record", "-m", "Clearer title"])
        .assert()
        .success();
    let commit = &register.commits()[0];
    assert_eq!(commit.subject, "2026-0001: edited by hand (report.yaml)");
    assert!(commit.message.contains("Clearer title"));
    assert!(commit.message.contains("Incident: 2026-0001"));
    let history = register
        .cmd()
        .args(["history", "2026-0001"])
        .output()
        .unwrap();
    insta::assert_snapshot!("history_after_hand_edit", transcript(&history));
    let json = register
        .cmd()
        .args(["history", "2026-0001", "--json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(value["entries"].as_array().unwrap().len(), 2);
    assert_eq!(value["entries"][1]["files"][0]["change"], "changed");
    assert_eq!(value["entries"][0]["time"], "2026-03-27T12:00:00+01:00");
}

#[test]
fn hand_edits_are_recorded_as_their_own_entry_before_the_next_change() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let path = "incidents/2026/2026-0001/report.yaml";
    register.write(path, &(register.read(path) + "ongoing: false\n"));
    register
        .cmd()
        .args([
            "log",
            "2026-0001",
            "--action",
            "Recipient asked to delete the e-mail.",
        ])
        .assert()
        .success();
    let commits = register.commits();
    assert_eq!(
        commits[1].subject,
        "2026-0001: edited by hand (report.yaml)"
    );
    assert!(commits[0].subject.starts_with("2026-0001: action logged"));
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn a_change_records_hand_edits_of_its_own_incident_only_and_record_takes_the_rest() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let path = "incidents/2026/2026-0001/report.yaml";
    register.write(path, &(register.read(path) + "ongoing: false\n"));
    // A change elsewhere costs the same whatever the register holds: it does not scan
    // other incidents, and leaves their edits on disk, unrecorded, for `incident record`.
    register.new_incident(&["--title", "Second"]);
    let commits = register.commits();
    assert_eq!(commits[0].subject, "2026-0002: reported: Second");
    assert_eq!(register.dirty(), vec![path.to_string()]);
    register
        .cmd()
        .args(["record", "--message", "Corrected by the DPO"])
        .assert()
        .success();
    assert_eq!(
        register.commits()[0].subject,
        "2026-0001: edited by hand (report.yaml)"
    );
    assert_eq!(register.dirty(), Vec::<String>::new());
}

#[test]
fn an_invalid_hand_edit_blocks_the_next_change_and_is_kept() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    let path = "incidents/2026/2026-0001/report.yaml";
    let broken = register.read(path).replace("discovered:", "discoverd:");
    register.write(path, &broken);
    let output = register
        .cmd()
        .args([
            "log",
            "2026-0001",
            "--action",
            "Recipient asked to delete the e-mail.",
        ])
        .output()
        .unwrap();
    insta::assert_snapshot!("invalid_hand_edit_refused", transcript(&output));
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(register.head(), before, "nothing recorded");
    assert_eq!(register.read(path), broken, "the person's edit is kept");
    assert!(
        !register
            .path("incidents/2026/2026-0001/actions.yaml")
            .exists()
    );
}

#[test]
fn validate_reports_every_problem_with_file_line_and_field() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    register.new_incident(&[]);
    register.new_incident(&[]);
    let first = "incidents/2026/2026-0001/report.yaml";
    register.write(
        first,
        &register
            .read(first)
            .replace("id: 2026-0001", "id: 2026-0001\nowner: someone"),
    );
    let second = "incidents/2026/2026-0002/report.yaml";
    register.write(
        second,
        &(register.read(second) + "data_categories:\n  keys:\n  - helth\n"),
    );
    let third = "incidents/2026/2026-0003/report.yaml";
    register.write(
        third,
        &register.read(third).replace(
            "occurred:\n  date: \"2026-03-27\"",
            "occurred:\n  date: \"2026-03-29\"",
        ),
    );
    register.write("incidents/2026/2026-0003/notes.txt", "stray");
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("validate_problems", transcript(&output));
}

#[test]
fn validate_passes_on_a_valid_register() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("The register is valid: 1 incident\n")
    );
}

#[test]
fn bad_input_gets_a_clear_error_and_changes_nothing() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let before = register.head();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["new", "--title", "x", "--discovered", "2026-02-30"],
            2,
            "`2026-02-30` is not a date that exists",
        ),
        (
            &["new", "--title", "x", "--discovered", "2026-03-29 02:30"],
            2,
            "does not exist in Europe/Stockholm",
        ),
        (
            &[
                "new",
                "--title",
                "x",
                "--discovered",
                "2026-03-20",
                "--occurred",
                "2026-03-21",
            ],
            2,
            "discovered (2026-03-20) is before occurred (2026-03-21)",
        ),
        (
            &[
                "new",
                "--title",
                "x",
                "--discovered",
                "2026-03-20",
                "--categories",
                "helth",
            ],
            2,
            "did you mean `health`?",
        ),
        (
            &[
                "new",
                "--title",
                "x",
                "--discovered",
                "2026-03-20",
                "--cause",
                "other",
            ],
            2,
            "needs its comment: add --cause-comment",
        ),
        (&["show", "../x"], 2, "`../x` is not an incident id"),
        (&["show", "2026-0002"], 3, "did you mean 2026-0001?"),
        (&["history", "2026/../../x"], 2, "is not an incident id"),
    ];
    for (args, code, message) in cases {
        let output = register.cmd().args(*args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(*code), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Error {") && !stderr.contains("BadInput"),
            "never Debug: {stderr}"
        );
    }
    assert_eq!(register.head(), before);
    assert_eq!(register.dirty(), Vec::<String>::new());
    assert!(!register.path("incidents/2026/2026-0002").exists());
}

#[test]
fn malformed_yaml_names_the_file_and_line() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let path = "incidents/2026/2026-0001/report.yaml";
    register.write(
        path,
        &(register.read(path) + "breach_types: [confidentiality\n"),
    );
    let output = register.cmd().args(["show", "2026-0001"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("incidents/2026/2026-0001/report.yaml:"),
        "{stderr}"
    );
    insta::assert_snapshot!("malformed_yaml", transcript(&output));
}

#[test]
fn a_missing_register_is_named_with_a_hint() {
    let register = TestRegister::empty();
    let output = register.cmd().args(["list"]).output().unwrap();
    assert_eq!(output.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("no register found") && stderr.contains("incident init"),
        "{stderr}"
    );
    let explicit = register
        .cmd()
        .args(["--register", "nowhere", "list"])
        .output()
        .unwrap();
    assert_eq!(explicit.status.code(), Some(3));
}

#[test]
fn read_only_commands_work_on_a_folder_that_is_not_journaled() {
    let register = TestRegister::empty();
    copy_dir(std::path::Path::new("examples/register"), register.root());
    let list = register.cmd().args(["list"]).output().unwrap();
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    assert!(String::from_utf8_lossy(&list.stdout).contains("2021-0001"));
    let show = register.cmd().args(["show", "2023-0001"]).output().unwrap();
    assert!(show.status.success());
    assert!(String::from_utf8_lossy(&show.stderr).contains("not journaled"));
    let new = register
        .cmd()
        .args(["new", "--title", "x", "--discovered", "2026-03-20"])
        .output()
        .unwrap();
    assert_eq!(new.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&new.stderr).contains("is not a Git repository"));
}

#[test]
fn completions_and_man_page_come_from_the_command_definitions() {
    let register = TestRegister::empty();
    let bash = register
        .cmd()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(bash.status.success());
    assert!(String::from_utf8_lossy(&bash.stdout).contains("incident__subcmd__new"));
    let man = register.cmd().args(["man"]).output().unwrap();
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH incident"));
}

#[test]
fn no_author_is_a_clear_error() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .env_remove("INCIDENT_AUTHOR")
        .args(["new", "--title", "x", "--discovered", "2026-03-20"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no author for the journal"));
}

#[test]
fn a_saved_intake_recorded_with_from_is_not_offered_again() {
    let register = TestRegister::new();
    let draft = ".drafts/new.yaml";
    register.write(
        draft,
        "title: Lost laptop\nobserved: The laptop was not in the bag.\n",
    );
    register
        .cmd()
        .args(["new", "--from", draft, "--discovered", "2026-03-27 10:00"])
        .assert()
        .success();
    let report = register.read("incidents/2026/2026-0001/report.yaml");
    assert!(report.contains("Lost laptop"), "{report}");
    assert!(
        !register.path(draft).exists(),
        "the draft has served: the next `new` must not offer it again"
    );
}

#[test]
fn rewriting_a_file_that_holds_a_persons_comments_says_they_are_not_kept() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    let actions = "incidents/2026/2026-0001/actions.yaml";
    register
        .cmd()
        .args(["log", "2026-0001", "--action", "Recipient called."])
        .assert()
        .success();
    register.write(
        actions,
        &(register.read(actions) + "# Confirmed by phone with the unit.\n"),
    );
    let output = register
        .cmd()
        .args([
            "log",
            "2026-0001",
            "--action",
            "Recipient deleted the e-mail.",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    let said = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(
        lines[0],
        format!(
            "Note: {actions} has comments that are not kept when the file is rewritten (the journal keeps them)."
        )
    );
    assert!(
        lines[1].starts_with("Hand edits recorded first: 2026-0001: edited by hand (actions.yaml)")
    );
    assert!(
        lines[2].starts_with("Recorded: 2026-0001: action logged: Recipient deleted the e-mail.")
    );
    assert!(!register.read(actions).contains("# Confirmed"));
    let history = register.git(&["log", "-p", "-2", "--format=%s", "--", actions]);
    assert!(
        String::from_utf8_lossy(&history.stdout).contains("-# Confirmed by phone"),
        "the journal keeps the comment"
    );
}
