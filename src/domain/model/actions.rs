//! `actions.yaml`: the action log and the planned measures (steps D and E; IMY question 30).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::domain::moment::ClockTime;

/// What was done after the incident, and what is planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actions {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// Actions taken, in order (IMY question 30: Datum, Klockslag, Åtgärd).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taken: Vec<ActionTaken>,
    /// Measures planned to mitigate the consequences or prevent recurrence (step E).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub planned: Vec<PlannedMeasure>,
}

/// No planned measure has the number given: there are `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSuchMeasure {
    pub count: usize,
}

impl Actions {
    /// Marks planned measure `number` done on `on`; numbers start at 1, as `incident show`
    /// numbers the measures. A reason it was once deferred no longer applies.
    pub fn mark_done(
        &mut self,
        number: usize,
        on: NaiveDate,
    ) -> Result<&PlannedMeasure, NoSuchMeasure> {
        let measure = self.planned_mut(number)?;
        measure.status = MeasureStatus::Done;
        measure.done_on = Some(on);
        measure.deferred_reason = None;
        Ok(measure)
    }

    /// Defers planned measure `number` (from 1, as `incident show` numbers them) for
    /// `reason`.
    pub fn defer(
        &mut self,
        number: usize,
        reason: String,
    ) -> Result<&PlannedMeasure, NoSuchMeasure> {
        let measure = self.planned_mut(number)?;
        measure.status = MeasureStatus::Deferred;
        measure.deferred_reason = Some(reason);
        Ok(measure)
    }

    fn planned_mut(&mut self, number: usize) -> Result<&mut PlannedMeasure, NoSuchMeasure> {
        let count = self.planned.len();
        number
            .checked_sub(1)
            .and_then(|index| self.planned.get_mut(index))
            .ok_or(NoSuchMeasure { count })
    }
}

/// One action taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionTaken {
    /// Date of the action.
    pub date: NaiveDate,
    /// Clock time (HH:MM), if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<ClockTime>,
    /// What was done.
    pub action: String,
    /// Who did it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// A planned measure (step E).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedMeasure {
    /// What is to be done.
    pub measure: String,
    /// Who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    /// Purpose: mitigate (the consequences for the data subjects) or prevent (recurrence).
    pub purpose: Purpose,
    /// State: open, done or deferred.
    #[serde(default)]
    pub status: MeasureStatus,
    /// When it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// Why it was deferred; required when deferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deferred_reason: Option<String>,
}

/// Purpose of a planned measure (the municipal process, step E).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Mitigate,
    Prevent,
}

/// State of a planned measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    #[default]
    Open,
    Done,
    Deferred,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions(measures: &[&str]) -> Actions {
        Actions {
            schema_version: 1,
            taken: Vec::new(),
            planned: measures
                .iter()
                .map(|measure| PlannedMeasure {
                    measure: measure.to_string(),
                    owner: None,
                    due: None,
                    purpose: Purpose::Prevent,
                    status: MeasureStatus::Open,
                    done_on: None,
                    deferred_reason: None,
                })
                .collect(),
        }
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn measures_are_numbered_from_one() {
        for (number, found) in [(0, None), (1, Some("Patch")), (2, Some("Train")), (3, None)] {
            let mut actions = actions(&["Patch", "Train"]);
            let done = actions.mark_done(number, day("2026-04-01"));
            assert_eq!(
                done.map(|m| m.measure.as_str()),
                found.ok_or(NoSuchMeasure { count: 2 }),
                "--done {number}"
            );
            let deferred = actions.defer(number, "Budget".into());
            assert_eq!(
                deferred.map(|m| m.measure.as_str()),
                found.ok_or(NoSuchMeasure { count: 2 }),
                "--defer {number}"
            );
        }
        assert_eq!(
            actions(&[]).mark_done(1, day("2026-04-01")).unwrap_err(),
            NoSuchMeasure { count: 0 }
        );
    }

    #[test]
    fn done_clears_a_deferral() {
        let mut actions = actions(&["Patch"]);
        actions.defer(1, "Budget next year".into()).unwrap();
        assert_eq!(actions.planned[0].status, MeasureStatus::Deferred);
        assert_eq!(
            actions.planned[0].deferred_reason.as_deref(),
            Some("Budget next year")
        );
        let done = actions.mark_done(1, day("2026-04-01")).unwrap().clone();
        assert_eq!(
            (done.status, done.done_on, done.deferred_reason),
            (MeasureStatus::Done, Some(day("2026-04-01")), None)
        );
    }
}
