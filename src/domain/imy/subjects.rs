//! Questions 31–35: whether and when the data subjects are, or will be, informed, and why
//! not (GDPR Art. 34).

use super::Content;
use super::answers::{text, yes_no};
use super::build::Builder;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::lang::Lang;
use crate::domain::model::assessment::{Art34Exception, Band};

/// Questions 31–35 with the form's conditions: 32 when 31 = Ja; 33 when 31 = Nej; 34 when
/// 33 = Ja; 35 when 33 = Nej. Without a recorded answer, the assessment's decision gives
/// 33 and 35 (GDPR Art. 34(3) exceptions, or no high risk).
pub(super) fn data_subjects(b: &mut Builder, incident: &Incident) {
    let recorded = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref());
    let decision = incident.assessment.as_ref().map(|a| (&a.decision, a.band));
    // Nothing recorded after an assessment: not informed yet, as far as the register knows.
    let informed = recorded.map(|d| d.informed).or(decision.map(|_| false));
    b.block(31, yes_no(informed), None);
    match informed {
        Some(true) => {
            let when = recorded
                .and_then(|d| d.informed_at)
                .map(|at| at.format("%Y-%m-%d %H:%M").to_string());
            let how = recorded.and_then(|d| d.how.clone());
            let answer = match (when, how) {
                (Some(when), Some(how)) => Some(format!("{when} ({how})")),
                (when, how) => when.or(how),
            };
            b.block(32, text(answer.as_deref()), None);
            if recorded.and_then(|d| d.informed_at).is_none() {
                b.need(32, "när de registrerade informerades", false);
            }
        }
        Some(false) | None => {
            let will = recorded
                .and_then(|d| d.will_inform)
                .or(decision.map(|(d, _)| d.inform_data_subjects));
            if informed.is_none() && decision.is_none() {
                b.need(31, "om de registrerade har informerats eller kommer att informeras (avgörs i riskbedömningen)", false);
            }
            b.block(33, yes_no(will), None);
            match will {
                Some(true) => {
                    let when = recorded.and_then(|d| d.will_inform_on.as_deref());
                    b.block(34, text(when), None);
                    if when.is_none() {
                        b.need(34, "när de registrerade kommer att informeras (`incident notified subjects --will-inform-on`)", false);
                    }
                }
                Some(false) => {
                    let explicit = recorded.and_then(|d| d.reasons_not_to_inform.as_ref());
                    let derived = decision.map(|(d, band)| derived_reasons(d.exception, band));
                    let items: Vec<String> = match explicit {
                        Some(selection) => labels::form_selection(selection).0,
                        None => derived.unwrap_or_default(),
                    };
                    let empty = items.is_empty();
                    b.block(35, Content::List(items), None);
                    if empty {
                        b.need(35, "varför de registrerade inte informeras (GDPR art. 34.3, eller att risken inte är hög)", false);
                    }
                }
                None => {}
            }
        }
    }
}

/// Question 35's options from the assessment: the Art. 34(3) exception, or no high risk.
fn derived_reasons(exception: Option<Art34Exception>, band: Band) -> Vec<String> {
    let key = match (exception, band) {
        (Some(Art34Exception::Unintelligible), _) => "unintelligible",
        (Some(Art34Exception::RiskRemoved), _) => "risk_removed",
        (Some(Art34Exception::DisproportionateEffort), _) => "public_communication",
        (None, Band::Low | Band::Medium) => "no_high_risk",
        (None, _) => return Vec::new(),
    };
    vec![labels::option_label(35, key, Lang::Sv)]
}
