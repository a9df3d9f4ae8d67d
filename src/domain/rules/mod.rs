//! The rules a schema cannot express: order of dates, times that do not exist, "Övrigt"
//! needs its comment, exact count or interval, ids that match their folder. Pure functions
//! from a parsed file to the problems found in it, grouped by the register file they check;
//! this one holds the problem type, the settings and the closure.

mod answers;
mod assessment;
#[cfg(test)]
mod language_tests;
mod notification;
mod regimes;
mod report;
#[cfg(test)]
mod tests;

pub use answers::{check_option_key, unknown_option_message};
pub use assessment::check_assessment;
pub use notification::{
    check_actions, check_late_notification, check_notices_after_discovery, check_notification,
};
pub use report::check_report;

use chrono_tz::Tz;

use super::closing::open_legal;
use super::incident::Incident;
use super::model::closure::AtClose;
use super::model::{Closure, Settings};
use super::obligations::obligations_under;
use super::regimes::chosen;
use super::{Bilingual, Lang};
use answers::check_choice;

/// One thing wrong in a file: the field (dotted path, the file's own words) and what to
/// do about it, in both languages: the rules are pure and do not know the reader's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub field: String,
    pub message: Bilingual,
}

impl Problem {
    pub fn new(field: impl Into<String>, sv: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            field: field.into(),
            message: Bilingual::new(sv, en),
        }
    }

    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
}

/// Parses the register's timezone setting.
pub fn parse_timezone(name: &str) -> Result<Tz, Problem> {
    name.parse::<Tz>().map_err(|_| {
        Problem::new(
            "register.timezone",
            format!("`{name}` är ingen IANA-tidszon; skriv t.ex. Europe/Stockholm"),
            format!("`{name}` is not an IANA timezone; write e.g. Europe/Stockholm"),
        )
    })
}

pub fn check_settings(settings: &Settings) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Err(problem) = parse_timezone(&settings.register.timezone) {
        problems.push(problem);
    }
    non_empty(
        &mut problems,
        "organisation.name",
        &settings.organisation.name,
    );
    if let Some(sector) = &settings.organisation.sector {
        check_choice(&mut problems, "organisation.sector", sector);
    }
    if let Some(area) = &settings.organisation.area {
        check_choice(&mut problems, "organisation.area", area);
    }
    problems.extend(regimes::check_chosen(&settings.regimes));
    problems
}

pub fn check_closure(closure: &Closure) -> Vec<Problem> {
    let mut problems = Vec::new();
    non_empty(&mut problems, "root_cause", &closure.root_cause);
    non_empty(&mut problems, "lessons_learned", &closure.lessons_learned);
    // A waiver keeps its reason: the journal holds why a duty of the law was left open.
    for (index, waiver) in closure.waived.iter().enumerate() {
        non_empty(
            &mut problems,
            &format!("waived[{index}].reason"),
            &waiver.reason,
        );
    }
    let waived = !closure.waived.is_empty();
    match closure.legal_obligations_at_close {
        Some(AtClose::Met) if waived => problems.push(Problem::new(
            "legal_obligations_at_close",
            "är `met`, men `waived` listar skyldigheter som lämnades öppna: skriv `waived`",
            "is `met`, but `waived` lists obligations left open: write `waived`",
        )),
        Some(AtClose::Waived) if !waived => problems.push(Problem::new(
            "legal_obligations_at_close",
            "är `waived`, men `waived` listar inga: lista dem med sina skäl, eller skriv `met`",
            "is `waived`, but `waived` lists none: list them with their reasons, or write `met`",
        )),
        _ => {}
    }
    problems
}

/// A closure that says every duty of the law was met at the closing while one is open (a
/// file edited by hand after the closing): `deadlines` passes such a case over, so the
/// claim must hold. Checked across the incident's files, at any moment (whether a duty is
/// met does not depend on it).
pub fn check_closure_claim(incident: &Incident, settings: &Settings, zone: Tz) -> Vec<Problem> {
    let claims_met = incident
        .closure
        .as_ref()
        .is_some_and(|c| c.legal_obligations_at_close == Some(AtClose::Met));
    if !claims_met {
        return Vec::new();
    }
    let any_moment = chrono::DateTime::UNIX_EPOCH.with_timezone(&zone);
    // Under the register's own regimes, as `incident close` judges it.
    let regimes = chosen(&settings.regimes);
    let Ok(list) = obligations_under(incident, &settings.deadlines, &regimes, zone, any_moment)
    else {
        return Vec::new();
    };
    let open_in = |lang: Lang, key_word: &str| -> Vec<String> {
        open_legal(&list)
            .iter()
            .map(|o| {
                format!(
                    "{} ({}, {key_word} {})",
                    o.duty.label(lang),
                    o.duty.rule_in(lang),
                    o.duty.key()
                )
            })
            .collect()
    };
    let (open_sv, open_en) = (open_in(Lang::Sv, "nyckel"), open_in(Lang::En, "key"));
    if open_en.is_empty() {
        return Vec::new();
    }
    vec![Problem::new(
        "legal_obligations_at_close",
        format!(
            "är `met`, men {} är öppen: öppna ärendet igen (`incident reopen`) och registrera den, eller skriv `waived` och lista den under `waived` med skälet",
            open_sv.join("; ")
        ),
        format!(
            "is `met`, but {} open: reopen the case (`incident reopen`) and record it, or write `waived` and list it under `waived` with the reason",
            open_en.join("; ")
        ),
    )]
}

pub(super) fn non_empty(problems: &mut Vec<Problem>, field: &str, text: &str) {
    if text.trim().is_empty() {
        problems.push(Problem::new(
            field,
            "får inte vara tomt",
            "must not be empty",
        ));
    }
}
