//! Filings are fixed points: recording what was sent (to IMY, the data subjects, a CSIRT)
//! makes an annotated tag `filed/<id>/<what>` on the entry, named in the entry's `Filing:`
//! trailer, so that a tag lost is made again from the journal; `show` lists them.
//! Through a Git server: tests/sharing_filed.rs.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed step fails the test by panicking"
)]

mod common;

use common::TestRegister;

/// A register in `lang` with one incident, discovered 2026-03-27 10:00; its id.
fn register_with_incident(lang: &str) -> (TestRegister, String) {
    let register = TestRegister::in_language(lang);
    let id = register.new_incident(&[]);
    (register, id)
}

fn ok(register: &TestRegister, args: &[&str]) -> std::process::Output {
    let output = register.cmd().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{args:?}: {}",
        common::transcript(&output)
    );
    output
}

fn git_text(register: &TestRegister, args: &[&str]) -> String {
    let output = register.git(args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        common::stderr(&output)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

/// The names of the filed tags, sorted.
fn filed_tags(register: &TestRegister) -> Vec<String> {
    git_text(register, &["tag", "-l", "filed/*"])
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn notified_imy_makes_one_annotated_tag_on_its_entry_with_what_when_to_whom() {
    let (register, id) = register_with_incident("sv");
    let output = ok(
        &register,
        &[
            "notified",
            "imy",
            &id,
            "--at",
            "2026-03-28 09:15",
            "--case-number",
            "IMY-2026-1234",
        ],
    );
    let tag = format!("filed/{id}/imy");
    assert_eq!(filed_tags(&register), vec![tag.clone()]);
    assert!(
        common::stderr(&output).contains(&format!("Filing tagged: {tag}")),
        "{}",
        common::stderr(&output)
    );
    // Annotated, on the entry's commit, which names it.
    assert_eq!(git_text(&register, &["cat-file", "-t", &tag]), "tag");
    let head = register.head();
    assert_eq!(
        git_text(&register, &["rev-parse", &format!("{tag}^{{commit}}")]),
        head
    );
    let entry = &register.commits()[0];
    assert!(
        entry.message.ends_with(&format!("Filing: {tag}\n")),
        "{}",
        entry.message
    );
    // The tagger is the change's author at the change's time (the fixed clock).
    let object = git_text(&register, &["cat-file", "tag", &tag]);
    assert!(
        object.contains("\ntagger Test Author <test@example.org> 1774609200 +0100\n"),
        "{object}"
    );
    let message = object.split_once("\n\n").unwrap().1;
    assert_eq!(
        message,
        format!(
            "{id}: anmälan av personuppgiftsincident till IMY (GDPR art. 33) inlämnad 2026-03-28 09:15 +01:00\n\
             \n\
             Till: Integritetsskyddsmyndigheten (IMY)\n\
             IMY:s diarienummer: IMY-2026-1234\n\
             \n\
             Incident: {id}\n\
             Filed: imy\n\
             Filed-At: 2026-03-28T09:15:00+01:00\n\
             Case-Number: IMY-2026-1234"
        )
    );
}

#[test]
fn a_case_number_added_later_makes_no_tag_and_a_new_time_makes_the_next_name() {
    let (register, id) = register_with_incident("en");
    ok(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-28 09:15"],
    );
    let first = git_text(&register, &["rev-parse", &format!("filed/{id}/imy")]);
    // The same submission, completed: nothing new was sent.
    ok(
        &register,
        &["notified", "imy", &id, "--case-number", "IMY-2026-1"],
    );
    assert_eq!(filed_tags(&register), vec![format!("filed/{id}/imy")]);
    assert!(!register.commits()[0].message.contains("Filing:"));
    // Recorded again at another time (a correction): the first tag stays where it is.
    ok(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-28 10:00"],
    );
    assert_eq!(
        filed_tags(&register),
        vec![format!("filed/{id}/imy"), format!("filed/{id}/imy.2")]
    );
    assert_eq!(
        git_text(&register, &["rev-parse", &format!("filed/{id}/imy")]),
        first,
        "a filed tag is never moved"
    );
    assert_eq!(
        git_text(
            &register,
            &["rev-parse", &format!("filed/{id}/imy.2^{{commit}}")]
        ),
        register.head()
    );
}

#[test]
fn each_supplement_and_the_data_subjects_get_their_own_tag_and_show_lists_them() {
    let (register, id) = register_with_incident("en");
    ok(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-27 10:30"],
    );
    ok(
        &register,
        &[
            "notified",
            "supplement",
            &id,
            "--at",
            "2026-03-27 11:00",
            "--summary",
            "The number of recipients",
        ],
    );
    ok(
        &register,
        &[
            "notified",
            "supplement",
            &id,
            "--at",
            "2026-03-27 11:30",
            "--summary",
            "The cause",
        ],
    );
    ok(
        &register,
        &[
            "notified",
            "subjects",
            &id,
            "--informed-at",
            "2026-03-27 10:45",
            "--how",
            "Letter",
        ],
    );
    assert_eq!(
        filed_tags(&register),
        vec![
            format!("filed/{id}/imy"),
            format!("filed/{id}/subjects"),
            format!("filed/{id}/supplement-1"),
            format!("filed/{id}/supplement-2"),
        ]
    );
    let second = git_text(
        &register,
        &["cat-file", "tag", &format!("filed/{id}/supplement-2")],
    );
    assert!(
        second.contains(&format!(
            "\n\n{id}: supplement 2 to IMY (GDPR Art. 33(4)) filed 2026-03-27 11:30 +01:00\n"
        )),
        "{second}"
    );
    let subjects = git_text(
        &register,
        &["cat-file", "tag", &format!("filed/{id}/subjects")],
    );
    assert!(
        subjects.contains("To: the data subjects (Letter)"),
        "{subjects}"
    );

    let shown = String::from_utf8(ok(&register, &["show", &id]).stdout).unwrap();
    let section = shown.split_once("\nFiled\n").map(|(_, rest)| rest).unwrap();
    assert_eq!(
        section,
        format!(
            "  IMY 2026-03-27 10:30 (tag filed/{id}/imy)\n  \
             Data subjects 2026-03-27 10:45 (tag filed/{id}/subjects)\n  \
             IMY, supplement 1 2026-03-27 11:00 (tag filed/{id}/supplement-1)\n  \
             IMY, supplement 2 2026-03-27 11:30 (tag filed/{id}/supplement-2)\n"
        )
    );
    let swedish = register
        .cmd()
        .args(["show", &id, "--lang", "sv"])
        .output()
        .unwrap();
    let swedish = String::from_utf8(swedish.stdout).unwrap();
    assert!(
        swedish.contains(&format!(
            "\nInlämnat\n  IMY 2026-03-27 10:30 (tagg filed/{id}/imy)\n"
        )),
        "{swedish}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&ok(&register, &["show", &id, "--json"]).stdout).unwrap();
    assert_eq!(json["filings"][0]["tag"], format!("filed/{id}/imy"));
    assert_eq!(json["filings"][0]["filed_at"], "2026-03-27T10:30:00+01:00");
    assert_eq!(json["filings"][0]["in_branch"], true);
}

#[test]
fn a_tag_lost_after_its_entry_is_made_again_the_same_by_the_next_change_or_record() {
    let (register, id) = register_with_incident("en");
    ok(
        &register,
        &[
            "notified",
            "imy",
            &id,
            "--at",
            "2026-03-28 09:15",
            "--case-number",
            "IMY-1",
        ],
    );
    let tag = format!("filed/{id}/imy");
    let object = git_text(&register, &["rev-parse", &tag]);
    // As if the process died between the commit and the tag.
    git_text(&register, &["tag", "-d", &tag]);
    ok(&register, &["log", &id, "--action", "Called the recipient"]);
    assert_eq!(
        git_text(&register, &["rev-parse", &tag]),
        object,
        "the same tag object: name, commit, tagger and message made again from the journal"
    );

    // Deleted by hand, further back: `incident record` looks through the whole journal.
    for n in 0..16 {
        ok(&register, &["log", &id, "--action", &format!("Step {n}")]);
    }
    git_text(&register, &["tag", "-d", &tag]);
    ok(&register, &["log", &id, "--action", "One more step"]);
    assert!(
        filed_tags(&register).is_empty(),
        "only the last entries are looked at by a change"
    );
    let recorded = ok(&register, &["record"]);
    assert_eq!(
        common::stderr(&recorded).trim(),
        format!("Filed tag made again from the journal: {tag}")
    );
    assert_eq!(git_text(&register, &["rev-parse", &tag]), object);
}

#[test]
fn an_existing_tag_of_another_commit_is_never_moved() {
    let (register, id) = register_with_incident("en");
    // Someone made the name by hand on the register's first commit.
    let first = register.commits().last().unwrap().id.clone();
    git_text(&register, &["tag", &format!("filed/{id}/imy"), &first]);
    ok(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-28 09:15"],
    );
    assert_eq!(
        git_text(&register, &["rev-parse", &format!("filed/{id}/imy")]),
        first
    );
    assert_eq!(
        git_text(
            &register,
            &["rev-parse", &format!("filed/{id}/imy.2^{{commit}}")]
        ),
        register.head()
    );
}

#[test]
fn a_tag_that_cannot_be_made_leaves_the_filing_recorded_and_the_next_change_makes_it() {
    let (register, id) = register_with_incident("en");
    // A file where Git would make the folder of the filed tags: no tag can be made.
    register.write(".git/refs/tags/filed", "in the way\n");
    let output = register
        .cmd()
        .args(["notified", "imy", &id, "--at", "2026-03-28 09:15"])
        .output()
        .unwrap();
    let said = common::stderr(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("Warning: the change is recorded")
            && said.contains(&format!(
                "the filing's tag filed/{id}/imy could not be made"
            )),
        "{said}"
    );
    let entry = register.commits().remove(0);
    assert!(entry.message.contains(&format!("Filing: filed/{id}/imy")));

    // Still in the way: the next change is not stopped by it.
    ok(&register, &["log", &id, "--action", "Called the recipient"]);
    std::fs::remove_file(register.path(".git/refs/tags/filed")).unwrap();
    ok(
        &register,
        &["log", &id, "--action", "Called the recipient again"],
    );
    assert_eq!(
        git_text(
            &register,
            &["rev-parse", &format!("filed/{id}/imy^{{commit}}")]
        ),
        entry.id
    );
}
