//! `--help`, clap's errors and the man pages in the interface language, by the binary:
//! Swedish by default, English with `--lang en`, `INCIDENT_LANG=en` or a register whose
//! language is `en` (issue 17).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, stderr, transcript};

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The binary in an empty folder with no language given: neither flag nor environment.
fn without_language(register: &TestRegister) -> assert_cmd::Command {
    let mut command = register.cmd();
    // clap wraps help at the terminal's width, 100 at most: the same width everywhere.
    command.env_remove("INCIDENT_LANG").env("COLUMNS", "100");
    command
}

/// A register whose incident.toml says `language = "en"` (init writes the language it
/// was run in: the tests' English).
fn english_register() -> TestRegister {
    let register = TestRegister::new();
    let settings = register.read("incident.toml");
    assert!(settings.contains("language = \"en\""), "{settings}");
    register
}

#[test]
fn a_register_in_swedish_gives_swedish_help() {
    let register = english_register();
    let settings = register.read("incident.toml");
    register.write(
        "incident.toml",
        &settings.replace("language = \"en\"", "language = \"sv\""),
    );
    let help = stdout(
        &without_language(&register)
            .args(["new", "--help"])
            .output()
            .unwrap(),
    );
    assert!(help.contains("Användning: incident new"), "{help}");
}

#[test]
fn help_is_swedish_by_default_and_english_with_lang_en() {
    let register = TestRegister::empty();
    for (name, args) in [
        ("help_top_sv", &["--help"][..]),
        ("help_top_en", &["--lang", "en", "--help"]),
        ("help_new_sv", &["new", "--help"]),
        ("help_new_en", &["--lang", "en", "new", "--help"]),
    ] {
        let output = without_language(&register).args(args).output().unwrap();
        assert!(output.status.success(), "{name}");
        insta::assert_snapshot!(name, stdout(&output));
    }
}

#[test]
fn the_swedish_help_uses_swedish_words_for_clap_own_too() {
    let register = TestRegister::empty();
    let output = without_language(&register)
        .args(["new", "-h"])
        .output()
        .unwrap();
    let help = stdout(&output);
    for swedish in [
        "Användning: incident new [FLAGGOR]",
        "Flaggor:",
        "Visa hjälp",
    ] {
        assert!(help.contains(swedish), "{swedish}:\n{help}");
    }
    let top = stdout(&without_language(&register).arg("-h").output().unwrap());
    for swedish in [
        "Kommandon:",
        "<KOMMANDO>",
        "Slutkoder:",
        "[miljövariabel: INCIDENT_LANG]",
    ] {
        assert!(top.contains(swedish), "{swedish}:\n{top}");
    }
    let verdict = stdout(
        &without_language(&register)
            .args(["verdict", "--help"])
            .output()
            .unwrap(),
    );
    for swedish in [
        "Argument:",
        "Möjliga värden:",
        "- undecided: Inte avgjort än",
    ] {
        assert!(verdict.contains(swedish), "{swedish}:\n{verdict}");
    }
    let help_subcommand = stdout(
        &without_language(&register)
            .args(["help", "notified", "imy"])
            .output()
            .unwrap(),
    );
    assert!(
        help_subcommand.starts_with("Registrera att anmälan lämnats till IMY (GDPR art. 33)"),
        "{help_subcommand}"
    );
}

#[test]
fn incident_lang_in_the_environment_chooses_the_language_of_help() {
    let register = TestRegister::empty();
    let output = without_language(&register)
        .env("INCIDENT_LANG", "en")
        .args(["new", "--help"])
        .output()
        .unwrap();
    let help = stdout(&output);
    assert!(help.starts_with("Report a new incident (step A)"), "{help}");
    assert!(help.contains("Usage: incident new [OPTIONS]"), "{help}");
    let swedish = stdout(
        &without_language(&register)
            .env("INCIDENT_LANG", "sv")
            .args(["new", "--help"])
            .output()
            .unwrap(),
    );
    assert!(swedish.contains("Användning: incident new"), "{swedish}");
}

#[test]
fn a_register_in_english_gives_english_help_and_errors_unless_lang_says_otherwise() {
    let register = english_register();
    let help = stdout(
        &without_language(&register)
            .args(["new", "--help"])
            .output()
            .unwrap(),
    );
    assert!(help.contains("Usage: incident new [OPTIONS]"), "{help}");
    // Named by --register from another folder, as by the folder itself.
    let elsewhere = TestRegister::empty();
    let named = stdout(
        &without_language(&elsewhere)
            .arg("--register")
            .arg(register.root())
            .args(["show", "--help"])
            .output()
            .unwrap(),
    );
    assert!(named.contains("Usage: incident show"), "{named}");
    let error = without_language(&register)
        .args(["new", "--titel", "x"])
        .output()
        .unwrap();
    assert_eq!(error.status.code(), Some(2));
    assert!(
        stderr(&error).starts_with("error: unexpected argument '--titel' found"),
        "{}",
        stderr(&error)
    );
    let overridden = stdout(
        &without_language(&register)
            .args(["--lang", "sv", "new", "--help"])
            .output()
            .unwrap(),
    );
    assert!(
        overridden.contains("Användning: incident new"),
        "{overridden}"
    );
}

#[test]
fn a_bad_command_line_is_refused_in_swedish() {
    let register = TestRegister::empty();
    let unknown = without_language(&register)
        .args(["new", "--titel", "x"])
        .output()
        .unwrap();
    insta::assert_snapshot!("unknown_flag_sv", transcript(&unknown));
    let bad_id = without_language(&register)
        .args(["show", "26-1"])
        .output()
        .unwrap();
    assert_eq!(bad_id.status.code(), Some(2));
    assert_eq!(
        stderr(&bad_id),
        "fel: ogiltigt värde '26-1' för '<ID>': `26-1` är inget incident-id: skriv ÅÅÅÅ-NNNN, \
         t.ex. 2026-0001\n\nMer information får du med '--help'.\n"
    );
    let english = register.cmd().args(["show", "26-1"]).output().unwrap();
    assert!(
        stderr(&english)
            .starts_with("error: invalid value '26-1' for '<ID>': `26-1` is not an incident id"),
        "{}",
        stderr(&english)
    );
}

/// The commands that get a page: `incident` and every visible subcommand, at any depth.
fn pages(command: &clap::Command, prefix: &str, names: &mut Vec<String>) {
    let name = format!("{prefix}{}", command.get_name());
    names.push(format!("{name}.1"));
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        pages(sub, &format!("{name}-"), names);
    }
}

#[test]
fn man_dir_writes_one_page_per_command_in_the_interface_language() {
    let register = TestRegister::empty();
    let dir = register.path("pages/man1");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("incident-new.1"), "an old page\n").unwrap();
    let output = without_language(&register)
        .args(["man", "pages/man1"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    let mut expected = Vec::new();
    pages(&incident::cli::command(), "", &mut expected);
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    expected.sort();
    assert_eq!(written, expected);
    let subcommands = incident::cli::command()
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .map(|sub| 1 + sub.get_subcommands().filter(|s| !s.is_hide_set()).count())
        .sum::<usize>();
    assert_eq!(written.len(), subcommands + 1);
    for name in ["incident.1", "incident-new.1", "incident-notified-imy.1"] {
        assert!(written.contains(&name.to_string()), "{name}");
    }
    let said = stdout(&output);
    let listed: Vec<&str> = said.lines().collect();
    assert_eq!(listed.len(), written.len());
    assert!(
        listed.contains(&"pages/man1/incident-notified-imy.1"),
        "{listed:?}"
    );
    let new = std::fs::read_to_string(dir.join("incident-new.1")).unwrap();
    assert!(new.starts_with(".ie"), "overwritten: {new}");
    assert!(new.contains("\n.SH BESKRIVNING\n"), "{new}");
    assert!(new.contains("Rapportera en ny incident (steg A)"), "{new}");
    let imy = std::fs::read_to_string(dir.join("incident-notified-imy.1")).unwrap();
    assert!(imy.contains(".TH incident-notified-imy 1"), "{imy}");
}

#[test]
fn man_dir_in_english_and_the_top_page_to_stdout() {
    let register = TestRegister::empty();
    let output = register.cmd().args(["man", "man"]).output().unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    let page = register.read("man/incident-export-letter.1");
    assert!(page.contains("\n.SH DESCRIPTION\n"), "{page}");
    let top = without_language(&register).arg("man").output().unwrap();
    let top = stdout(&top);
    assert!(
        top.starts_with(".ie") && top.contains("\n.SH NAMN\n"),
        "{top}"
    );
    assert!(top.contains("incident\\-new(1)"), "{top}");
    assert!(
        !top.contains("incident\\-help(1)"),
        "no page for clap's help: {top}"
    );
}

#[test]
fn clap_errors_of_every_common_kind_are_swedish() {
    let register = TestRegister::empty();
    for (args, said) in [
        (
            &["shwo"][..],
            "fel: okänt underkommando 'shwo'\n\n  tips: det finns ett liknande underkommando: 'show'",
        ),
        (
            &["export", "imy"],
            "fel: följande argument krävs men gavs inte:\n  <ID>",
        ),
        (
            &["verdict", "2026-0001", "kanske"],
            "fel: ogiltigt värde 'kanske' för '[BEDÖMNING]'\n  [möjliga värden: undecided,",
        ),
        (
            &["new", "--ongoing", "kanske"],
            "fel: ogiltigt värde 'kanske' för '--ongoing <JA|NEJ>': `kanske` är varken ja eller nej",
        ),
        (
            &["new", "--no-processors", "--processor", "X"],
            "fel: '--no-processors' kan inte användas tillsammans med '--processor <NAMN[;ORGNR]>'",
        ),
        (
            &["verdict", "2026-0001", "--reason", "a", "--reason", "b"],
            "fel: '--reason <TEXT>' kan inte anges flera gånger",
        ),
    ] {
        let output = without_language(&register).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = stderr(&output);
        assert!(text.starts_with(said), "{args:?}:\n{text}");
        assert!(
            text.ends_with("Mer information får du med '--help'.\n"),
            "{text}"
        );
    }
}

#[test]
fn shell_completions_describe_the_commands_in_the_interface_language() {
    let register = TestRegister::empty();
    let swedish = without_language(&register)
        .args(["completions", "fish"])
        .output()
        .unwrap();
    assert!(
        stdout(&swedish).contains("Rapportera en ny incident (steg A)"),
        "{}",
        stdout(&swedish)
    );
    let english = register
        .cmd()
        .args(["completions", "fish"])
        .output()
        .unwrap();
    assert!(stdout(&english).contains("Report a new incident (step A)"));
}

#[test]
fn completions_into_a_pipe_closed_early_end_without_a_panic() {
    let register = TestRegister::new();
    let mut child = register
        .process()
        .args(["completions", "bash"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before anything is read, as `| head -0` does.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let said = stderr(&output);
    assert!(!said.contains("panicked"), "{said}");
    assert_eq!(output.status.code(), Some(0), "{said}");
}
