//! One incident: its report and whichever later files its steps have produced.

use serde::{Deserialize, Serialize};

use super::model::assessment::Band;
use super::model::{Actions, Assessment, Closure, Notification, Report, VerdictKind};
use super::steps::{Step, next_step, step_strip};

/// The files of one incident as loaded from its folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    pub report: Report,
    pub assessment: Option<Assessment>,
    pub actions: Option<Actions>,
    pub notification: Option<Notification>,
    pub closure: Option<Closure>,
}

impl Incident {
    pub fn new(report: Report) -> Incident {
        Incident {
            report,
            assessment: None,
            actions: None,
            notification: None,
            closure: None,
        }
    }

    pub fn is_closed(&self) -> bool {
        self.closure.is_some()
    }
}

/// What a list of incidents shows of one incident: small enough to keep in the register's
/// derived cache, so that a list of thousands need not parse them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub discovered: String,
    /// The steps A–H, one mark each (see [`step_strip`]).
    pub steps: String,
    pub next_step: Option<char>,
    pub band: Option<Band>,
    pub notify_imy: Option<bool>,
    pub closed: bool,
    /// Is it a personal data breach at all (undecided when no verdict is recorded).
    #[serde(default = "undecided")]
    pub verdict: VerdictKind,
}

fn undecided() -> VerdictKind {
    VerdictKind::Undecided
}

impl Summary {
    pub fn of(incident: &Incident) -> Summary {
        let report = &incident.report;
        Summary {
            id: report.id.to_string(),
            year: report.id.year(),
            title: report.title.clone(),
            discovered: report.discovered.to_string(),
            steps: step_strip(incident),
            next_step: next_step(incident).map(Step::letter),
            band: incident.assessment.as_ref().map(|a| a.band),
            notify_imy: incident.assessment.as_ref().map(|a| a.decision.notify_imy),
            closed: incident.is_closed(),
            verdict: report.verdict_kind(),
        }
    }
}
