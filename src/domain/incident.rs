//! One incident: its report and whichever later files its steps have produced.

use super::model::{Actions, Assessment, Closure, Notification, Report};

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
