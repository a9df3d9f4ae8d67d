//! End-to-end tests of closing against the law's open duties (issue 16, items 1 and 5): the
//! public communication of GDPR Art. 34(3)(c) as a duty with its own record and its own
//! answer to IMY question 35; a closing refused while any duty of the law is open, unless
//! it is waived with a reason that closure.yaml and the journal keep; and `deadlines`,
//! which shows a closed case's open or waived duties instead of passing over it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_low, assess_sensitive, transcript};
use serde_json::Value;

const ID: &str = "2026-0001";
const CLOSURE: &str = "incidents/2026/2026-0001/closure.yaml";
const NOTIFICATION: &str = "incidents/2026/2026-0001/notification.yaml";

fn run(register: &TestRegister, args: &[&str]) -> String {
    let output = register.cmd().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn close(register: &TestRegister, id: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "close",
        id,
        "--root-cause",
        "A mail merge took the wrong list.",
        "--lessons",
        "Two people check every merge.",
    ];
    args.extend_from_slice(extra);
    register.cmd().args(&args).output().unwrap()
}

/// Questions 31–35 of the IMY export as JSON, by number.
fn questions_31_to_35(register: &TestRegister) -> Vec<(String, Value)> {
    let json = run(
        register,
        &["export", "imy", ID, "--format", "json", "--draft"],
    );
    let form: Value = serde_json::from_str(&json).unwrap();
    (31..=35)
        .filter_map(|n| {
            let answer = form["answers"].get(n.to_string())?;
            Some((n.to_string(), answer["answer"].clone()))
        })
        .collect()
}

/// The state of step F in `incident show --json`.
fn step_f(register: &TestRegister) -> String {
    let shown: Value = serde_json::from_str(&run(register, &["show", ID, "--json"])).unwrap();
    shown["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "F")
        .map(|s| s["state"].as_str().unwrap().to_string())
        .unwrap()
}

/// A very high risk, IMY notified, and the exception of GDPR Art. 34(3)(c) chosen.
fn disproportionate_effort() -> TestRegister {
    let register = TestRegister::new();
    register.new_incident(&[]);
    run(
        &register,
        &assess_sensitive(
            ID,
            &[
                "--exception",
                "disproportionate_effort",
                "--reasoning",
                "Forty thousand former pupils; no current addresses.",
            ],
        ),
    );
    run(
        &register,
        &["notified", "imy", ID, "--case-number", "IMY-2026-1"],
    );
    register
}

#[test]
fn disproportionate_effort_owes_a_public_communication_before_imy_is_told_it_was_made() {
    let register = disproportionate_effort();

    // Before the public is informed: 33 = Ja, and 34 says how and that it is planned; the
    // option of 35 ("vi har istället informerat allmänheten") is not claimed.
    let before = questions_31_to_35(&register);
    let numbers: Vec<&str> = before.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, ["31", "33", "34"], "{before:?}");
    assert_eq!(before[1].1, "Ja");
    let planned = before[2].1.as_str().unwrap();
    assert!(
        planned.contains("GDPR art. 34.3 c") && planned.contains("ännu inte gjorts"),
        "{planned}"
    );

    // Step F is not done while the public is not informed.
    assert_eq!(step_f(&register), "open");

    // The duty is listed with its rule.
    let deadlines = run(&register, &["deadlines", "--json"]);
    let listed: Value = serde_json::from_str(&deadlines).unwrap();
    let public = listed["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["obligation"] == "public_communication")
        .expect("the public communication is due");
    assert_eq!(public["state"], "pending");
    assert_eq!(
        public["rule"],
        "GDPR Art. 34(3)(c): without undue delay (Art. 34(1)); hours: internal target"
    );

    // Closing is refused, naming the duty and its rule; nothing is recorded.
    let head = register.head();
    let refused = close(&register, ID, &[]);
    assert_eq!(refused.status.code(), Some(4));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("Inform the public (GDPR Art. 34(3)(c)"),
        "{said}"
    );
    assert_eq!(register.head(), head);

    // IMY's option may not be chosen by hand before the communication is recorded.
    let claimed = register
        .cmd()
        .args([
            "notified",
            "subjects",
            ID,
            "--not-informing",
            "public_communication",
        ])
        .output()
        .unwrap();
    assert_eq!(claimed.status.code(), Some(2), "bad input");
    assert!(
        String::from_utf8_lossy(&claimed.stderr)
            .contains("no public communication is recorded: record it first with `incident notified public 2026-0001"),
        "{}",
        String::from_utf8_lossy(&claimed.stderr)
    );

    // The public communication is recorded: its own journal entry and record.
    run(
        &register,
        &[
            "notified",
            "public",
            ID,
            "--at",
            "2026-03-27 11:30",
            "--how",
            "A notice on the front page of the school's website",
        ],
    );
    let commit = &register.commits()[0];
    assert_eq!(
        commit.subject,
        "2026-0001: public informed (GDPR Art. 34(3)(c))"
    );
    assert!(
        register.read(NOTIFICATION).contains(
            "public_communication:\n  at: \"2026-03-27T11:30:00+01:00\"\n  how: A notice on the front page of the school's website\n"
        ),
        "{}",
        register.read(NOTIFICATION)
    );

    assert_eq!(step_f(&register), "done");
    let shown = run(&register, &["show", ID]);
    assert!(
        shown.contains(
            "2026-03-27 11:30 +01:00 (A notice on the front page of the school's website)"
        ) && shown.contains("Inform the public  met  (GDPR Art. 34(3)(c)"),
        "{shown}"
    );

    // Now IMY is told the public was informed, and the case closes.
    let after = questions_31_to_35(&register);
    let numbers: Vec<&str> = after.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, ["31", "33", "35"], "{after:?}");
    assert_eq!(after[1].1, "Nej");
    assert_eq!(
        after[2].1,
        serde_json::json!([
            "Att informera innebär en oproportionell ansträngning, vi har istället informerat allmänheten"
        ])
    );
    let closed = close(&register, ID, &[]);
    assert!(closed.status.success(), "{}", transcript(&closed));
    assert!(
        register
            .read(CLOSURE)
            .contains("legal_obligations_at_close: met\n")
    );
}

/// A medium risk notified to IMY with a supplement announced (IMY question 36).
fn supplement_announced(register: &TestRegister) -> String {
    let id = register.new_incident(&[]);
    run(
        register,
        &[
            "assess",
            &id,
            "--category",
            "simple",
            "--ease",
            "maximum",
            "--confidentiality",
            "known_recipients",
            "--integrity",
            "none",
            "--availability",
            "none",
            "--reasoning",
            "One known recipient.",
        ],
    );
    run(
        register,
        &["notified", "imy", &id, "--supplement-planned", "yes"],
    );
    id
}

#[test]
fn an_announced_supplement_refuses_the_closing_in_both_languages() {
    let register = TestRegister::new();
    supplement_announced(&register);
    let head = register.head();
    let english = close(&register, ID, &[]);
    assert_eq!(english.status.code(), Some(4));
    insta::assert_snapshot!("close_refused_supplement_en", transcript(&english));
    let swedish = register
        .cmd()
        .env("INCIDENT_LANG", "sv")
        .args(["close", ID, "--root-cause", "r", "--lessons", "l"])
        .output()
        .unwrap();
    assert_eq!(swedish.status.code(), Some(4));
    insta::assert_snapshot!("close_refused_supplement_sv", transcript(&swedish));
    assert_eq!(register.head(), head, "nothing recorded");
}

#[test]
fn a_waiver_with_its_reason_closes_and_is_kept_and_shown_as_waived() {
    let register = TestRegister::new();
    supplement_announced(&register);

    // A waiver needs its reason, and must name a duty of the law that is open.
    let no_reason = close(&register, ID, &["--waive", "supplement"]);
    assert_eq!(no_reason.status.code(), Some(2));
    let wrong = close(&register, ID, &["--waive", "close_case", "--reason", "x"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&wrong.stderr).contains(
            "--waive: `close_case` is not an open obligation of the law in this incident; open: supplement"
        ),
        "{}",
        String::from_utf8_lossy(&wrong.stderr)
    );

    let reason = "IMY closed its case on 2026-03-28 without asking for more.";
    let closed = close(
        &register,
        ID,
        &["--waive", "supplement", "--reason", reason],
    );
    assert!(closed.status.success(), "{}", transcript(&closed));
    let closure = register.read(CLOSURE);
    assert!(
        closure.contains(&format!(
            "legal_obligations_at_close: waived\nwaived:\n- obligation: supplement\n  reason: {reason}\n"
        )),
        "{closure}"
    );
    let commit = &register.commits()[0];
    assert_eq!(
        commit.subject,
        "2026-0001: closed, 1 obligation of the law waived"
    );
    assert!(
        commit.message.contains(&format!(
            "Waived: supplement (GDPR Art. 33(4); IMY: 4 weeks): {reason}"
        )),
        "{}",
        commit.message
    );

    let shown = run(&register, &["show", ID]);
    assert!(
        shown.contains(&format!("Supplement the IMY notification: {reason}"))
            && shown
                .contains("Supplement the IMY notification  waived at closing  (GDPR Art. 33(4)"),
        "{shown}"
    );

    // `deadlines` lists it as waived, never as pending nor as met; nothing is overdue.
    let later = register
        .cmd()
        .args(["deadlines", "--json", "--at", "2026-06-01 12:00"])
        .output()
        .unwrap();
    assert_eq!(later.status.code(), Some(0), "{}", transcript(&later));
    let listed: Value = serde_json::from_slice(&later.stdout).unwrap();
    let rows: Vec<(&str, &str)> = listed["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["obligation"].as_str().unwrap(),
                o["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows, [("supplement", "waived")]);
}

#[test]
fn deadlines_lists_the_open_supplement_of_a_case_closed_by_hand() {
    let register = TestRegister::new();
    supplement_announced(&register);
    // A second case, closed by the tool with every duty met: not listed.
    let met = register.new_incident(&["--title", "Closed properly"]);
    run(
        &register,
        &[
            "assess",
            &met,
            "--category",
            "simple",
            "--ease",
            "negligible",
            "--confidentiality",
            "none",
            "--integrity",
            "none",
            "--availability",
            "none",
            "--reasoning",
            "Nothing left the building.",
        ],
    );
    assert!(close(&register, &met, &[]).status.success());
    // The first is closed by hand (as an older version could close it), then recorded.
    register.write(
        CLOSURE,
        "schema_version: 1\nclosed_at: \"2026-03-27T12:00:00+01:00\"\nclosed_by: Test Author\nroot_cause: r\nlessons_learned: l\n",
    );
    run(&register, &["record", "-m", "closed by hand"]);

    let output = register
        .cmd()
        .args(["deadlines", "--at", "2026-05-01 12:00"])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(5),
        "overdue: {}",
        transcript(&output)
    );
    let table = String::from_utf8_lossy(&output.stdout);
    assert!(
        table.contains("| 2026-0001 | Supplement the IMY notification |")
            && table.contains("| overdue "),
        "{table}"
    );
    assert!(!table.contains("2026-0002"), "{table}");
    // Only the law's duty of the closed case: its internal targets are settled.
    assert!(!table.contains("Contact the DPO"), "{table}");
}

#[test]
fn a_case_closed_by_hand_is_seen_through_the_cache_and_an_edit_after_is_not_hidden() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    run(&register, &assess_low(ID, "Nothing left the building."));
    register.write(
        CLOSURE,
        "schema_version: 1\nclosed_at: \"2026-03-27T12:00:00+01:00\"\nclosed_by: Test Author\nroot_cause: r\nlessons_learned: l\n",
    );
    run(&register, &["record", "-m", "closed by hand"]);
    // Nothing of the law is owed: the derived cache keeps that, so the next run need not
    // parse the case (the cache is trusted for files older than itself).
    std::thread::sleep(std::time::Duration::from_millis(50));
    let quiet = run(&register, &["deadlines", "--json"]);
    assert!(quiet.contains("\"obligations\": []"), "{quiet}");
    let cache = register.read(".git/incident-deadlines.json");
    // Settled cases are kept as [year, sequence, hash of the folder's metadata].
    assert!(cache.contains("\"settled\":[[2026,1,"), "{cache}");
    std::thread::sleep(std::time::Duration::from_millis(50));
    assert!(run(&register, &["deadlines", "--json"]).contains("\"obligations\": []"));

    // A supplement announced by a hand edit after the closing is seen at once.
    register.write(
        NOTIFICATION,
        "schema_version: 1\nimy:\n  submitted_at: \"2026-03-27T11:00:00+01:00\"\n  supplement_planned: true\n",
    );
    let listed = run(&register, &["deadlines", "--json"]);
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let rows: Vec<(&str, &str)> = listed["obligations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["obligation"].as_str().unwrap(),
                o["state"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows, [("supplement", "pending")]);
}

#[test]
fn a_closure_that_says_met_while_a_duty_of_the_law_is_open_is_invalid() {
    let register = TestRegister::new();
    register.new_incident(&[]);
    run(&register, &assess_low(ID, "Nothing left the building."));
    assert!(close(&register, ID, &[]).status.success());
    // `deadlines` passes this case over by its closure: an edit by hand that opens a duty
    // of the law afterwards must not be accepted silently.
    register.write(
        NOTIFICATION,
        "schema_version: 1\nimy:\n  submitted_at: \"2026-03-27T11:00:00+01:00\"\n  supplement_planned: true\n",
    );
    let output = register.cmd().args(["validate"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", transcript(&output));
    let said = String::from_utf8_lossy(&output.stdout).to_string()
        + &String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("incidents/2026/2026-0001/closure.yaml")
            && said.contains("legal_obligations_at_close: is `met`, but Supplement the IMY notification (GDPR Art. 33(4); IMY: 4 weeks, key supplement) open: reopen the case"),
        "{said}"
    );
}

#[test]
fn a_public_communication_before_the_discovery_is_refused() {
    let register = TestRegister::new();
    let id = register.new_incident(&[]);
    let output = register
        .cmd()
        .args([
            "notified",
            "public",
            &id,
            "--at",
            "2026-03-26 10:00",
            "--how",
            "The website's front page",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", common::stderr(&output));
    assert_eq!(register.commits().len(), 2, "nothing recorded");
}
