//! A register with a history: the synthetic incidents of [`super::generate`], each recorded
//! as the tool records it, in two journal entries (its report, then the rest of its files;
//! an incident with only a report gets an edit by hand as its second entry), written with
//! `git fast-import` so that 20,000 entries take seconds, not hours.

use std::io::Write as _;
use std::path::Path;
use std::process::Stdio;

use super::generate::{self, AUTHOR_EMAIL, AUTHOR_NAME};

/// The first entry's time (seconds since 1970, 2017-01-01): one entry a minute after it.
const FIRST_ENTRY: i64 = 1_483_228_800;

/// What was written: the journal's entries and one open incident.
pub struct History {
    pub entries: usize,
    pub open: String,
}

/// Adds the incidents of `seed` as 2 × `count` entries on top of the register at `root`
/// (made by `incident init`), then packs the repository as a register in use for years is.
pub fn generate_history(root: &Path, count: usize, seed: u64) -> std::io::Result<History> {
    let mut child = generate::git_command(root)
        .args(["fast-import", "--quiet", "--done"])
        .stdin(Stdio::piped())
        .spawn()?;
    let mut stdin = std::io::BufWriter::new(child.stdin.take().expect("a pipe"));
    let mut entries = 0usize;
    let mut open = String::new();
    let mut entry = |stdin: &mut dyn std::io::Write,
                     subject: String,
                     trailers: &str,
                     files: &[(String, &str)]|
     -> std::io::Result<()> {
        let message = format!("{subject}\n\n{trailers}");
        let when = FIRST_ENTRY + 60 * i64::try_from(entries).unwrap_or(0);
        writeln!(stdin, "commit refs/heads/main")?;
        writeln!(stdin, "author {AUTHOR_NAME} <{AUTHOR_EMAIL}> {when} +0100")?;
        writeln!(
            stdin,
            "committer {AUTHOR_NAME} <{AUTHOR_EMAIL}> {when} +0100"
        )?;
        writeln!(stdin, "data {}\n{message}", message.len())?;
        if entries == 0 {
            writeln!(stdin, "from refs/heads/main^0")?;
        }
        for (path, text) in files {
            writeln!(stdin, "M 100644 inline {path}\ndata {}\n{text}", text.len())?;
        }
        entries += 1;
        Ok(())
    };
    generate::each_incident(count, seed, |id, closed, files| {
        if !closed && open.is_empty() {
            open = id.to_string();
        }
        let folder = format!("incidents/{}/{id}", &id[..4]);
        let path = |name: &str| format!("{folder}/{name}");
        let (report, rest) = files.split_first().expect("every incident has a report");
        entry(
            &mut stdin,
            format!("{id}: reported"),
            &format!("Incident: {id}\nStep: A\nEvent: reported\n"),
            &[(path(report.0), report.1.as_str())],
        )?;
        if rest.is_empty() {
            let edited = format!("{}# checked by the DPO\n", report.1);
            entry(
                &mut stdin,
                format!("{id}: edited by hand (report.yaml)"),
                &format!("Incident: {id}\nChange: edited by hand\n"),
                &[(path(report.0), edited.as_str())],
            )
        } else {
            let rest: Vec<(String, &str)> = rest
                .iter()
                .map(|(name, text)| (path(name), text.as_str()))
                .collect();
            entry(
                &mut stdin,
                format!("{id}: assessed, notified and closed"),
                &format!("Incident: {id}\nStep: C\nEvent: assessed\n"),
                &rest,
            )
        }
    })?;
    writeln!(stdin, "done")?;
    drop(stdin);
    let status = child.wait()?;
    if !status.success() {
        return Err(std::io::Error::other("git fast-import failed"));
    }
    // The work tree follows the branch, as in a register in use.
    generate::git(root, &["reset", "-q", "--hard", "main"])?;
    generate::git(root, &["config", "gc.auto", "0"])?;
    generate::git(root, &["gc", "-q"])?;
    Ok(History {
        entries: entries + 1,
        open,
    })
}
