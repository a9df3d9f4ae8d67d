//! The documented exit codes: one table, which `--help`, the man page and the README's
//! table are made from or checked against.

pub const OK: i32 = 0;
/// A file of the register is invalid, or a check found problems.
pub const INVALID: i32 = 1;
/// Bad usage: an unknown flag, a bad value, answers of a new report that disagree, answers
/// missing without a terminal.
pub const USAGE: i32 = 2;
/// Not found: no register, or no such incident.
pub const NOT_FOUND: i32 = 3;
/// Refused: the change would overwrite or record something it must not.
pub const REFUSED: i32 = 4;
/// `incident deadlines`: something is overdue.
pub const OVERDUE: i32 = 5;
/// `incident export`: answers are missing (use `--draft` for a first notification).
pub const INCOMPLETE: i32 = 6;
/// `incident verify`: the journal deviates from what the tool records.
pub const DEVIATIONS: i32 = 7;
/// `incident new --from-mail` without a terminal: recorded, with fields the message did
/// not give (listed) to complete.
pub const TO_COMPLETE: i32 = 8;
/// The file system, git or the browser that prints a PDF failed.
pub const IO: i32 = 10;
/// Busy: another change held the register, or changed the incident meanwhile; nothing
/// was recorded, try again (EX_TEMPFAIL of sysexits.h).
pub const BUSY: i32 = 75;

/// Every exit code with what it means, in the words of `--help` and the README.
pub const TABLE: [(i32, &str); 11] = [
    (OK, "success"),
    (
        INVALID,
        "a file of the register is invalid, or `validate` found problems",
    ),
    (
        USAGE,
        "bad usage: unknown flag, bad value, answers of a new report that disagree (nothing is written), answers missing without a terminal, no author",
    ),
    (
        NOT_FOUND,
        "not found: no register, no such incident (the error suggests the nearest ids)",
    ),
    (
        REFUSED,
        "refused: an existing register, files edited by hand that are invalid, a folder that is not journaled, a step out of order, a letter to data subjects the decision says not to inform (`export letter --anyway` writes it), a resolution notice to a customer before the incident has ended",
    ),
    (OVERDUE, "`incident deadlines`: something is overdue"),
    (
        INCOMPLETE,
        "`incident export imy`: answers are missing (`--draft` exits 0)",
    ),
    (
        DEVIATIONS,
        "`incident verify`: the journal deviates (an entry not made by the tool, an invalid file committed, history rewritten, the tag of a filing missing, an unsigned entry); each finding names its commit",
    ),
    (
        TO_COMPLETE,
        "`incident new --from-mail` without a terminal: recorded, with fields the message did not give to complete (listed on stderr)",
    ),
    (
        IO,
        "the file system, git or the browser that prints a PDF failed",
    ),
    (
        BUSY,
        "busy: another command held the register lock for longer than the wait, or changed the incident meanwhile; nothing was recorded, run it again",
    ),
];

/// The table as `--help` and the man page show it.
pub fn help_text() -> String {
    let mut text = String::from("Exit codes:\n");
    for (code, meaning) in TABLE {
        text.push_str(&format!("  {code:<3}{meaning}\n"));
    }
    text.trim_end().to_string()
}
