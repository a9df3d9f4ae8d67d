//! The end of the incident (IMY questions 12–13): recorded by `incident ended`, or asked in
//! the guided walk when the resolution to a customer needs it. The resolution says what
//! was resolved and when, so it waits for this.

use chrono::Timelike;

use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::times::vouch;
use crate::cli::{Context, ui::Ui};
use crate::domain::IncidentId;
use crate::domain::event::Event;
use crate::domain::moment::{ClockTime, Moment, parse_date_and_time};
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::Step;
use crate::error::{Error, Result};
use crate::store::{Entry, Register};

/// Records that incident `id` ended at `at` ("YYYY-MM-DD[ HH:MM]"), or now.
pub fn record(
    context: &Context,
    register: &Register,
    ui: &Ui,
    id: &IncidentId,
    at: Option<&str>,
) -> Result<()> {
    let mut change = context.start_change(register, id)?;
    // The resolution to the customers said when it ended: a closed case keeps that.
    if change.incident().closure.is_some() {
        return Err(Error::AlreadyClosed { id: id.clone() });
    }
    let moment = match at {
        Some(text) => {
            let (date, time) =
                parse_date_and_time(text).map_err(|e| Error::bad_input("--at", e))?;
            Moment::on(date, time)
        }
        None => {
            let now = context.now_in(Some(register));
            Moment::on(now.date_naive(), ClockTime::new(now.hour(), now.minute()))
        }
    };
    let facts = Facts::of(change.incident());
    vouch(
        context,
        register,
        &facts,
        Recorded::Ended,
        "--at",
        &When::Local(moment.clone()),
    )?;
    let mut report = change.incident().report.clone();
    report.ongoing = Some(false);
    report.ended = Some(moment.clone());
    change.set_report(report);
    let event = Event::Ended {
        at: moment.to_string(),
    };
    // A time the report's rules refuse (before the incident occurred, or an hour the clocks
    // skipped) is a bad `--at`, not an invalid file: nothing was written.
    let outcome = change
        .finish(Entry::new(event, &[Step::D]))
        .map_err(|error| match error {
            Error::Invalid { problems, .. } => Error::AnswersDisagree { problems },
            other => other,
        })?;
    ui.outcome(&outcome);
    Ok(())
}

/// In the guided walk: when did the incident end? An empty answer: not yet.
pub fn ask(ui: &Ui, prompter: &mut TerminalPrompter) -> Result<Option<String>> {
    let lang = ui.lang;
    prompter.text(
        lang.pick(
            "Beskedet om lösning säger när incidenten upphörde. När upphörde den? (IMY fråga 13) [ÅÅÅÅ-MM-DD TT:MM; tomt svar: den pågår]",
            "The resolution says when the incident ended. When did it end? (IMY question 13) [YYYY-MM-DD HH:MM; empty answer: it goes on]",
        ),
        None,
        false,
        &|text| {
            parse_date_and_time(text)
                .map(|_| ())
                .map_err(|e| e.describe(lang))
        },
    )
}
