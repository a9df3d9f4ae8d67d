//! The interactive intake's draft: its answers saved after each one, so a laptop that
//! dies or a terminal closed mid-intake loses no answer, and the next `incident new` offers
//! to resume them (declined, they are set aside under a dated name, never deleted).

use std::cell::{Cell, RefCell};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::cli::prompt::Prompter;
use crate::cli::ui::Ui;
use crate::domain::draft::ReportDraft;
use crate::error::Result;
use crate::store::drafts::Drafts;

/// Keeps the answers of an interactive intake in `.drafts/new.yaml` as they are given.
pub struct IntakeKeeper {
    drafts: Drafts,
    /// Set once saving failed, so the warning is given once, not after every answer.
    failed: Cell<bool>,
    /// The draft before the first question (flags, a resumed draft): nothing to save until
    /// a person has answered something.
    before_questions: RefCell<Option<String>>,
}

impl IntakeKeeper {
    pub fn new(root: &Path) -> IntakeKeeper {
        IntakeKeeper {
            drafts: Drafts::of(root),
            failed: Cell::new(false),
            before_questions: RefCell::new(None),
        }
    }

    /// Whether the draft holds an answer given since the first question.
    fn answered(&self, draft: &ReportDraft) -> bool {
        let text = serde_saphyr::to_string(draft).unwrap_or_default();
        let mut before = self.before_questions.borrow_mut();
        match before.as_ref() {
            Some(before) => *before != text,
            None => {
                *before = Some(text);
                false
            }
        }
    }

    /// Saves the answers so far; a failure is said once and the intake goes on.
    pub fn keep(&self, ui: &Ui, draft: &ReportDraft) {
        if !self.answered(draft) {
            return;
        }
        if let Err(message) = self.drafts.save_intake(draft)
            && !self.failed.replace(true)
        {
            ui.say(&format!(
                "{} {}: {message}",
                ui.t(
                    "Varning: svaren kan inte sparas under tiden i",
                    "Warning: the answers cannot be saved as you go in"
                ),
                self.drafts.intake_path().display()
            ));
        }
    }

    /// Saves the answers of an intake that ended without a report, and says where.
    pub fn kept(&self, ui: &Ui, draft: &ReportDraft) {
        let path = self.drafts.intake_path();
        match self.drafts.save_intake(draft) {
            Ok(()) => ui.say(&format!(
                "{} {} — {} `incident new` ({} `incident new --from {}`)",
                ui.t("Dina svar är sparade i", "Your answers are saved in"),
                path.display(),
                ui.t("fortsätt med", "resume with"),
                ui.t("eller", "or"),
                path.display()
            )),
            Err(message) => ui.say(&format!(
                "{}: {message}",
                ui.t("Kunde inte spara svaren", "Could not save the answers")
            )),
        }
    }

    /// The intake became a report: its draft has served.
    pub fn discard(&self) {
        self.drafts.discard_intake();
    }

    /// Whether `path` names the intake's draft.
    pub fn is(&self, path: &Path) -> bool {
        self.drafts.is_intake(path)
    }

    /// Offers the answers of an unfinished intake, if any. Declined (or unreadable), they
    /// are set aside under a dated name rather than deleted: nothing typed is lost.
    pub fn offer_to_resume(
        &self,
        ui: &Ui,
        prompter: &mut dyn Prompter,
        now: DateTime<FixedOffset>,
    ) -> Result<ReportDraft> {
        let Some(saved) = self.drafts.saved_intake() else {
            return Ok(ReportDraft::default());
        };
        match saved {
            Ok(saved) => {
                let question = format!(
                    "{} {} ({} {}{}). {}",
                    ui.t(
                        "Ett påbörjat ärende som inte blev klart finns sparat i",
                        "An intake that was not finished is saved in"
                    ),
                    self.drafts.intake_path().display(),
                    saved.answer_count(),
                    ui.t("svar", "answers"),
                    saved
                        .title
                        .as_deref()
                        .or(saved.observed.as_deref())
                        .map(|text| format!(": ”{}”", shorten(text, 60)))
                        .unwrap_or_default(),
                    ui.t("Fortsätt med det?", "Resume it?")
                );
                if prompter.confirm(&question, true)? {
                    return Ok(saved);
                }
            }
            Err(error) => ui.say(&format!(
                "{}: {error}",
                ui.t(
                    "Ett sparat påbörjat ärende kan inte läsas",
                    "A saved unfinished intake cannot be read"
                )
            )),
        }
        self.set_aside(ui, now)?;
        Ok(ReportDraft::default())
    }

    /// Moves a saved draft, if any, to a dated name beside it, and says where.
    pub fn set_aside(&self, ui: &Ui, now: DateTime<FixedOffset>) -> Result<()> {
        if let Some(aside) = self.drafts.set_aside_intake(now)? {
            ui.say(&format!(
                "{} {} (`incident new --from {}`)",
                ui.t(
                    "Det sparade ärendet ligger kvar i",
                    "The saved intake is kept in"
                ),
                aside.display(),
                aside.display()
            ));
        }
        Ok(())
    }
}

/// The first `limit` characters of the first line of a text, with an ellipsis if cut.
fn shorten(text: &str, limit: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    match line.char_indices().nth(limit) {
        Some((index, _)) => format!("{}…", &line[..index]),
        None => line.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_answer_is_shortened_to_its_first_line() {
        assert_eq!(shorten("kort", 60), "kort");
        assert_eq!(shorten("första raden\nandra", 60), "första raden");
        assert_eq!(shorten("åäöåäö", 3), "åäö…");
    }
}
