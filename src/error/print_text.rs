//! The errors of a page printed to PDF through a headless browser (`--format pdf`), in
//! Swedish and in English.

use super::exit;
use crate::domain::Lang;

/// Why a PDF could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintProblem {
    /// No browser to print with: `INCIDENT_BROWSER` names none that runs, and none of the
    /// usual names is on the PATH.
    NoBrowser {
        /// The value of `INCIDENT_BROWSER`, when set.
        named: Option<String>,
        /// The names looked for on the PATH.
        looked_for: Vec<String>,
    },
    /// The browser ran and failed, or wrote no PDF: its exit status and last words.
    Failed { program: String, detail: String },
    /// The browser did not finish within the time allowed and was stopped.
    TimedOut { program: String, seconds: u64 },
}

impl PrintProblem {
    pub(super) fn exit_code(&self) -> i32 {
        match self {
            // Asked for a format this machine cannot make: usage, like a value not on offer.
            PrintProblem::NoBrowser { .. } => exit::USAGE,
            // An outside program failed: as the file system or git failing.
            PrintProblem::Failed { .. } | PrintProblem::TimedOut { .. } => exit::IO,
        }
    }
}

/// What went wrong.
pub(super) fn message(problem: &PrintProblem, lang: Lang) -> String {
    match (problem, lang) {
        (
            PrintProblem::NoBrowser {
                named: Some(named), ..
            },
            Lang::Sv,
        ) => format!(
            "ingen PDF: webbläsaren i INCIDENT_BROWSER ({named}) finns inte eller går inte att köra"
        ),
        (
            PrintProblem::NoBrowser {
                named: Some(named), ..
            },
            Lang::En,
        ) => format!(
            "no PDF: the browser in INCIDENT_BROWSER ({named}) does not exist or cannot be run"
        ),
        (
            PrintProblem::NoBrowser {
                named: None,
                looked_for,
            },
            Lang::Sv,
        ) => format!(
            "ingen PDF: en PDF skrivs av en webbläsare utan fönster (Chromium eller Google Chrome), och ingen finns här (letade i PATH efter {})",
            looked_for.join(", ")
        ),
        (
            PrintProblem::NoBrowser {
                named: None,
                looked_for,
            },
            Lang::En,
        ) => format!(
            "no PDF: a PDF is printed by a headless browser (Chromium or Google Chrome), and there is none here (looked on the PATH for {})",
            looked_for.join(", ")
        ),
        (PrintProblem::Failed { program, detail }, Lang::Sv) => {
            format!("{program} kunde inte skriva PDF-filen: {detail}")
        }
        (PrintProblem::Failed { program, detail }, Lang::En) => {
            format!("{program} could not print the PDF: {detail}")
        }
        (PrintProblem::TimedOut { program, seconds }, Lang::Sv) => format!(
            "{program} blev inte klar med PDF-filen på {seconds} sekunder och stoppades; ingen fil skrevs"
        ),
        (PrintProblem::TimedOut { program, seconds }, Lang::En) => format!(
            "{program} did not finish the PDF within {seconds} seconds and was stopped; no file was written"
        ),
    }
}

/// What to do.
pub(super) fn hint(problem: &PrintProblem, lang: Lang) -> String {
    match problem {
        PrintProblem::NoBrowser { .. } => lang
            .pick(
                "installera Chromium (`apt install chromium` i Debian och Ubuntu) eller peka ut en webbläsare med INCIDENT_BROWSER=SÖKVÄG; `--format html` behöver ingen webbläsare, och sidan kan skrivas ut till PDF från vilken webbläsare som helst",
                "install Chromium (`apt install chromium` on Debian and Ubuntu) or name a browser with INCIDENT_BROWSER=PATH; `--format html` needs no browser, and its page prints to PDF from any browser",
            )
            .to_string(),
        PrintProblem::Failed { .. } => lang
            .pick(
                "skriv sidan med `--format html` och skriv ut den till PDF från en webbläsare, eller pröva en annan webbläsare med INCIDENT_BROWSER=SÖKVÄG",
                "write the page with `--format html` and print it to PDF from a browser, or try another browser with INCIDENT_BROWSER=PATH",
            )
            .to_string(),
        PrintProblem::TimedOut { .. } => lang
            .pick(
                "ge webbläsaren längre tid med INCIDENT_BROWSER_TIMEOUT=SEKUNDER, eller skriv sidan med `--format html`",
                "give the browser longer with INCIDENT_BROWSER_TIMEOUT=SECONDS, or write the page with `--format html`",
            )
            .to_string(),
    }
}
