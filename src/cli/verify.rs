//! `incident verify`: checks the journal as an auditor would, from the repository alone,
//! and says what it found, each finding with its commit and incident, and a summary line a
//! person can paste into the annual follow-up.

use serde_json::json;

use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::domain::Lang;
use crate::domain::terminal::for_terminal;
use crate::error::{Result, exit};
use crate::store::verify::{Finding, Verification, short};

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
    /// Check every entry again, ignoring what earlier runs established (kept in
    /// .git/incident-verified.json)
    #[arg(long)]
    pub no_cache: bool,
}

pub fn run(context: &Context, args: VerifyArgs) -> Result<i32> {
    let register = crate::store::Register::open_for_verify(&context.register_root()?)?;
    let ui = Ui::new(context.lang(Some(&register)));
    let verification = register.verify(args.no_cache)?;
    let code = if verification.findings.is_empty() {
        exit::OK
    } else {
        exit::DEVIATIONS
    };
    if args.json {
        let findings: Vec<_> = verification
            .findings
            .iter()
            .map(|finding| {
                let mut value = serde_json::to_value(finding).unwrap_or_default();
                value["description"] = json!(finding.describe().get(ui.lang));
                value
            })
            .collect();
        ui.json(&json!({
            "branch": verification.branch,
            "head": verification.head,
            "entries": verification.entries,
            "walked": verification.walked,
            "filings": verification.filings,
            "signed_since": verification.signed_since,
            "server": verification.server,
            "deviations": verification.findings.len(),
            "findings": findings,
            "summary": summary(&verification, ui.lang),
        }));
        return Ok(code);
    }
    for finding in &verification.findings {
        ui.out(&for_terminal(&line_of(finding, ui.lang)));
    }
    if let Some(server) = &verification.server {
        ui.say(&server_line(server, ui.lang));
    }
    if let Some(since) = &verification.signed_since {
        ui.say(&format!(
            "{} {}.",
            ui.t(
                "Registret kräver signerade poster (require_signed) sedan",
                "The register requires signed entries (require_signed) since"
            ),
            short(since)
        ));
    }
    ui.out(&summary(&verification, ui.lang));
    Ok(code)
}

/// A finding as one line: the commit, the incident, what was found.
fn line_of(finding: &Finding, lang: Lang) -> String {
    let incidents = finding.incidents();
    let place = if incidents.is_empty() {
        short(finding.commit()).to_string()
    } else {
        format!("{} {}", short(finding.commit()), incidents.join(", "))
    };
    format!("{place}: {}", finding.describe().get(lang))
}

fn server_line(server: &crate::store::verify::ServerStand, lang: Lang) -> String {
    match (server.ahead, server.behind) {
        (0, 0) => format!(
            "{} {}.",
            lang.pick(
                "Journalen är densamma som serverns gren",
                "The journal is the same as the server's branch"
            ),
            server.remote_branch
        ),
        (ahead, behind) => format!(
            "{} {}: {} {}, {} {} (`incident sync`).",
            lang.pick("Mot serverns gren", "Against the server's branch"),
            server.remote_branch,
            count(ahead, lang),
            match (ahead, lang) {
                (1, Lang::Sv) => "post här är inte skickad",
                (_, Lang::Sv) => "poster här är inte skickade",
                (1, Lang::En) => "entry here not yet pushed",
                (_, Lang::En) => "entries here not yet pushed",
            },
            count(behind, lang),
            match (behind, lang) {
                (1, Lang::Sv) => "post från servern är inte hämtad (senast hämtat)",
                (_, Lang::Sv) => "poster från servern är inte hämtade (senast hämtat)",
                (1, Lang::En) => "entry of the server's not yet here (as last fetched)",
                (_, Lang::En) => "entries of the server's not yet here (as last fetched)",
            },
        ),
    }
}

/// "1 214 journalposter, 0 avvikelser, kontrollerat mot 12 inlämningar".
pub fn summary(verification: &Verification, lang: Lang) -> String {
    let deviations = verification.findings.len();
    match lang {
        Lang::Sv => format!(
            "{} {}, {} {}, kontrollerat mot {} {}",
            count(verification.entries, lang),
            if verification.entries == 1 {
                "journalpost"
            } else {
                "journalposter"
            },
            count(deviations, lang),
            if deviations == 1 {
                "avvikelse"
            } else {
                "avvikelser"
            },
            count(verification.filings, lang),
            if verification.filings == 1 {
                "inlämning"
            } else {
                "inlämningar"
            },
        ),
        Lang::En => format!(
            "{} {}, {} {}, checked against {} {}",
            count(verification.entries, lang),
            if verification.entries == 1 {
                "journal entry"
            } else {
                "journal entries"
            },
            count(deviations, lang),
            if deviations == 1 {
                "deviation"
            } else {
                "deviations"
            },
            count(verification.filings, lang),
            if verification.filings == 1 {
                "filing"
            } else {
                "filings"
            },
        ),
    }
}

/// A count with the thousands grouped as the language writes them: "1 214" (a no-break
/// space, as Swedish typography has it) or "1,214".
fn count(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = lang.pick("\u{a0}", ",");
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_thousands_as_each_language_writes_them() {
        assert_eq!(count(7, Lang::Sv), "7");
        assert_eq!(count(1214, Lang::Sv), "1\u{a0}214");
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(100, Lang::En), "100");
    }
}
