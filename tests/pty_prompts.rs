//! The prompts themselves (issue 17), driven through a pseudo-terminal: yes/no questions in
//! Swedish (j/ja/n/nej, `(j/N)`, echoed "ja"/"nej") and English, an answer that is neither
//! asked again; a multi-select that says how to choose and marks the current line and the
//! chosen items without colour (NO_COLOR=1), an empty choice confirmed; and the echo of an
//! answer written in `$EDITOR` with `:e`.

#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::pty::{ARROW_DOWN, ENTER, PtyRegister, SPACE, assert_clean, head_commit, read_yaml};

/// `incident log` of an action at a time more than a day ahead: it asks whether the time
/// is right, default no.
const LOG_AHEAD: [&str; 6] = [
    "log",
    "2026-0001",
    "--action",
    "Mejlet återkallat",
    "--at",
    "2030-01-01 09:00",
];
const SV_QUESTION: &str = "en tid som inte har kommit än. Stämmer tiden?";
const EN_QUESTION: &str = "a time that has not come yet. Is the time right?";

fn register_with_an_incident() -> PtyRegister {
    let register = PtyRegister::init("Dora Dataskydd");
    register.report_quietly(&[
        "--title",
        "Fel mottagare",
        "--discovered",
        "2026-03-27 10:00",
    ]);
    register
}

fn with_lang<'a>(args: &[&'a str], lang: &'a str) -> Vec<&'a str> {
    [args, &["--lang", lang]].concat()
}

#[test]
fn a_swedish_yes_no_takes_nej_and_j_and_echoes_them_as_words() {
    let register = register_with_an_incident();
    let actions = register.path("incidents/2026/2026-0001/actions.yaml");
    let before = head_commit(&register.repo()).id();

    let mut pty = register.spawn(&with_lang(&LOG_AHEAD, "sv"));
    pty.expect(SV_QUESTION);
    // The default, no, in capitals, with the Swedish letters.
    pty.answer("(j/N)", "nej\r");
    pty.expect("· nej");
    pty.expect("Inget registrerades.");
    assert_eq!(pty.finish(), 2, "{}", pty.terminal());
    assert!(!actions.exists(), "nej records nothing");
    assert_eq!(
        head_commit(&register.repo()).id(),
        before,
        "no journal entry"
    );

    let mut pty = register.spawn(&with_lang(&LOG_AHEAD, "sv"));
    pty.expect(SV_QUESTION);
    pty.answer("(j/N)", "J\r");
    pty.expect("· ja");
    pty.expect("Registrerad: 2026-0001:");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let (_, parsed) = read_yaml(&actions);
    assert_eq!(parsed["taken"][0]["date"], "2030-01-01");
    assert_eq!(parsed["taken"][0]["action"], "Mejlet återkallat");
    let repo = register.repo();
    let head = head_commit(&repo);
    assert!(
        head.message().unwrap_or("").contains("Mejlet återkallat"),
        "the journal entry of the action: {:?}",
        head.message()
    );
    assert_clean(&register.repo());
}

#[test]
fn an_answer_that_is_neither_yes_nor_no_is_asked_again_saying_what_to_type() {
    let register = register_with_an_incident();
    let mut pty = register.spawn(&with_lang(&LOG_AHEAD, "sv"));
    pty.expect(SV_QUESTION);
    pty.answer("(j/N)", "kanske\r");
    pty.expect("”kanske” är varken ja eller nej: svara j (ja) eller n (nej).");
    // The question again; `ja` in full, and `yes` would do as well.
    pty.answer(SV_QUESTION, "ja\r");
    pty.expect("· ja");
    pty.expect("Registrerad: 2026-0001:");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    assert!(
        register
            .path("incidents/2026/2026-0001/actions.yaml")
            .exists()
    );
}

#[test]
fn an_english_yes_no_shows_y_n_and_takes_y() {
    let register = register_with_an_incident();
    let mut pty = register.spawn(&with_lang(&LOG_AHEAD, "en"));
    pty.expect(EN_QUESTION);
    pty.answer("(y/N)", "maybe\r");
    pty.expect("“maybe” is neither yes nor no: answer y (yes) or n (no).");
    pty.answer(EN_QUESTION, "y\r");
    pty.expect("· yes");
    pty.expect("Recorded: 2026-0001: action logged: Mejlet återkallat");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
}

/// `incident new` with every answer by flag but the kinds of personal data (IMY question
/// 26), a multi-select.
fn new_asking_only_the_categories() -> Vec<&'static str> {
    vec![
        "new",
        "--lang",
        "sv",
        "--title",
        "Provsvar till fel mottagare",
        "--observed",
        "Ett brev med provsvar skickades till fel patient",
        "--occurred",
        "2026-03-25 08:00",
        "--discovered",
        "2026-03-26 09:30",
        "--discovered-by",
        "Anna Andersson",
        "--manager-informed",
        "2026-03-26 10:00",
        "--manager",
        "Maria Chef",
        "--dpo-contacted",
        "2026-03-26 11:00",
        "--dpo",
        "Dora Dataskydd",
        "--what-happened",
        "disclosure_other",
        "--description",
        "Provsvar för en patient skickades till en annan patient.",
        "--breach-type",
        "confidentiality",
        "--cause",
        "human_error_individual",
        "--how-discovered",
        "employee_informed",
        "--sector",
        "public",
        "--area",
        "health_care",
        "--ongoing",
        "no",
        "--ended",
        "2026-03-26 09:00",
        "--groups",
        "patients",
        "--data-subjects",
        "1",
        "--records",
        "3",
        "--encrypted",
        "no",
        "--consequences",
        "loss_of_control",
        "--no-processors",
        "--role",
        "controller",
        "--verdict",
        "personal_data_breach",
        "--verdict-reason",
        "Patientuppgifter nådde en obehörig",
    ]
}

const CATEGORIES: &str = "Vilken sorts personuppgifter har incidenten drabbat? (IMY fråga 26)";
const HINT: &str = "(mellanslag väljer, enter går vidare)";

#[test]
fn a_multi_select_and_a_select_mark_the_current_line_without_colour() {
    let register = PtyRegister::init("Dora Dataskydd");
    // Without the verdict's flags, so that its select is asked too.
    let mut args = new_asking_only_the_categories();
    args.truncate(args.len() - 4);
    assert_eq!(args.last(), Some(&"controller"));
    let mut pty = register.spawn(&args);
    // The pty runs with NO_COLOR=1: what colour would say is written out.
    pty.expect(&format!("{CATEGORIES} {HINT}"));
    pty.expect("❯ [ ] ");
    pty.expect("  [ ] ");
    // Down to the second option, chosen: the marker has moved and the box is checked.
    pty.send(ARROW_DOWN);
    pty.send(SPACE);
    pty.expect("❯ [x] ");
    pty.send(ENTER);
    // A select: the current line carries its marker, the others none.
    pty.expect("❯ ej avgjort (behandlas som möjlig personuppgiftsincident)");
    pty.expect("\n  personuppgiftsincident");
    pty.send(ENTER);
    pty.answer("Gå vidare med steg", "n\r");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    let keys = parsed["data_categories"]["keys"]
        .as_array()
        .unwrap_or_else(|| panic!("one category chosen:\n{report}"));
    assert_eq!(keys.len(), 1, "{report}");
}

#[test]
fn an_empty_multi_select_is_confirmed_before_it_is_taken() {
    let register = PtyRegister::init("Dora Dataskydd");
    let mut pty = register.spawn(&new_asking_only_the_categories());
    pty.expect(CATEGORIES);
    pty.expect("❯ [ ] ");
    // Enter with nothing chosen: asked whether that is right, with no default.
    pty.send(ENTER);
    pty.expect("· (inget valt)");
    pty.expect("Inget valt – stämmer det? (j/n)");
    pty.send(ENTER);
    pty.expect("Svara j (ja) eller n (nej).");
    // No: the list again, and again nothing chosen, now confirmed.
    pty.answer("Inget valt – stämmer det? (j/n)", "n\r");
    pty.expect("· nej");
    pty.expect(&format!("{CATEGORIES} {HINT}"));
    pty.expect("❯ [ ] ");
    pty.send(ENTER);
    pty.answer("Inget valt – stämmer det? (j/n)", "j\r");
    pty.expect("· ja");
    pty.expect("Registrerad: 2026-0001:");
    pty.answer("Gå vidare med steg", "n\r");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert!(
        parsed
            .get("data_categories")
            .is_none_or(serde_json::Value::is_null),
        "nothing chosen is \"not known yet\":\n{report}"
    );
}

/// An editor that writes `text` into the file it is given.
fn editor_writing(dir: &Path, text: &str) -> String {
    let script = dir.join("editor.sh");
    // A fixed future modification time: dialoguer takes the file only when it was saved
    // after it was opened, and a quick script may land in the same clock tick.
    std::fs::write(
        &script,
        format!("#!/bin/sh\nprintf '%s' '{text}' > \"$1\"\ntouch -d 2030-01-01T00:00:00 \"$1\"\n"),
    )
    .unwrap_or_else(|e| panic!("write {}: {e}", script.display()));
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("make {} executable: {e}", script.display()));
    script.display().to_string()
}

#[test]
fn an_answer_written_in_the_editor_is_echoed_as_its_first_line() {
    let register = register_with_an_incident();
    let first = "Mejlet återkallades från mottagaren kl 10.15";
    let written = format!("{first}\nMottagaren bekräftade per telefon att det raderats.");
    let tools = tempfile::tempdir().unwrap();
    let editor = editor_writing(tools.path(), &written);
    let mut command = register.command(&["log", "2026-0001", "--at", "2026-03-27 10:15"]);
    command.env("EDITOR", &editor);
    let mut pty = common::pty::Pty::spawn(command, "`incident log`".into());
    pty.answer("(:e opens $EDITOR)", ":e\r");
    // The echo is what was written, cut at its first line, never `:e`.
    pty.expect(&format!("· {first} …"));
    pty.expect("Recorded: 2026-0001: action logged:");
    assert_eq!(pty.finish(), 0, "{}", pty.terminal());
    assert!(
        !pty.terminal().contains("· :e"),
        "the echo is not `:e`:\n{}",
        pty.terminal()
    );
    let (actions, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/actions.yaml"));
    assert_eq!(parsed["taken"][0]["action"], written.as_str(), "{actions}");
}
