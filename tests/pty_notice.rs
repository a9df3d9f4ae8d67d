//! `incident new --from-notice` at a terminal asks only what the notice and the flags
//! leave open: here what was observed, and nothing of what the notice gave (the
//! discovery, the processors, the counts).

#![cfg(unix)]

mod common;

use common::pty::{ENTER, PtyRegister, read_yaml};

const NOTICE: &str = r#"{
  "format": "incident-notice/1",
  "kind": "controller",
  "exported_at": "2026-03-26T13:00:00+01:00",
  "sender": {
    "organisation": { "name": "Leverantören AB", "org_number": "556000-0000" },
    "role": "processor",
    "incident": "2026-0003",
    "commit": "0123456789abcdef0123456789abcdef01234567",
    "timezone": "Europe/Stockholm"
  },
  "facts": {
    "title": "Kunder såg varandras ärenden",
    "discovered": { "date": "2026-03-26", "time": "08:30" },
    "occurred": { "date": "2026-03-25" },
    "ongoing": false,
    "ended": { "date": "2026-03-26", "time": "10:00" },
    "what_happened": { "key": "disclosure_other", "comment": "Fel behörighet" },
    "description": "Efter en uppdatering visade portalen andra kunders ärenden.",
    "cause": { "key": "technical_error" },
    "breach_types": ["confidentiality"],
    "data_subjects": { "exact": 12 },
    "records": { "exact": 40 },
    "subject_groups": { "keys": ["children"] },
    "data_categories": { "keys": ["health"] },
    "encrypted": false,
    "consequences": { "keys": ["loss_of_control"] }
  }
}
"#;

const OBSERVED: &str = "Leverantören mejlade en underrättelse om felet i portalen";

#[test]
fn the_intake_asks_only_what_the_notice_leaves_open() {
    let register = PtyRegister::init("Dora Dataskydd");
    let file = register.path("underrattelse.json");
    std::fs::write(&file, NOTICE).expect("write the notice");
    let file = file.to_string_lossy().into_owned();
    let mut pty = register.spawn(&[
        "new",
        "--from-notice",
        &file,
        "--received",
        "2026-03-26 14:05",
        "--manager-informed",
        "2026-03-26 14:30",
        "--manager",
        "Maria Chef",
        "--dpo-contacted",
        "2026-03-26 15:00",
        "--sector",
        "public",
        "--area",
        "social_services",
        "--verdict",
        "personal_data_breach",
        "--verdict-reason",
        "Leverantören bekräftar att personuppgifter visades för fel kunder",
    ]);
    pty.expect("Received and discovered: 2026-03-26 14:05 (as --received gives)");
    pty.answer(
        "What was observed? How does the incident show itself?",
        &format!("{OBSERVED}{ENTER}"),
    );
    pty.expect("Recorded: 2026-0001: reported:");
    pty.expect("Go on with step");
    pty.send("n\r");
    let code = pty.finish();
    let terminal = pty.terminal();
    assert_eq!(code, 0, "{terminal}");
    for not_asked in [
        "When did you discover the incident?",
        "IMY question 21",
        "IMY question 23",
        "What happened in the incident?",
        "Short title for lists",
    ] {
        assert!(
            !terminal.contains(not_asked),
            "asked {not_asked:?}:\n{terminal}"
        );
    }
    let (report, parsed) = read_yaml(&register.path("incidents/2026/2026-0001/report.yaml"));
    assert_eq!(parsed["observed"], OBSERVED, "{report}");
    assert_eq!(
        parsed["processors"][0]["name"], "Leverantören AB",
        "{report}"
    );
    assert_eq!(parsed["discovered"]["time"], "14:05", "{report}");
    assert_eq!(parsed["from_notice"]["incident"], "2026-0003", "{report}");
}
