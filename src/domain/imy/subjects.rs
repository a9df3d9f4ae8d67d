//! Questions 31–35: whether and when the data subjects are, or will be, informed, and why
//! not (GDPR Art. 34).

use super::Content;
use super::answers::{text, yes_no};
use super::build::Builder;
use crate::domain::incident::Incident;
use crate::domain::labels;
use crate::domain::lang::Lang;
use crate::domain::model::assessment::Art34Exception;
use crate::domain::scoring;

/// Questions 31–35 with the form's conditions: 32 when 31 = Ja; 33 when 31 = Nej; 34 when
/// 33 = Ja; 35 when 33 = Nej. Without a recorded answer, the assessment's decision gives
/// 33 and 35 (GDPR Art. 34(3) exceptions, or no high risk). Question 35 names the public
/// communication of Art. 34(3)(c) only once it is recorded; before, 33 = Ja and 34 says
/// that the public will be informed.
pub(super) fn data_subjects(b: &mut Builder, incident: &Incident) {
    let recorded = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref());
    // Whether the risk is high follows the recommendation (the band and the EDPB's factors),
    // so question 35 never tells IMY "no high risk" where a factor made it high.
    let decision = incident
        .assessment
        .as_ref()
        .map(|a| (&a.decision, scoring::recommendation_of(a).high_risk));
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
            let mut will = recorded
                .and_then(|d| d.will_inform)
                .or(decision.map(|(d, _)| d.inform_data_subjects));
            if informed.is_none() && decision.is_none() {
                b.need(31, "om de registrerade har informerats eller kommer att informeras (avgörs i riskbedömningen)", false);
            }
            let explicit = recorded.and_then(|d| d.reasons_not_to_inform.as_ref());
            let derived = decision.map(|(d, high)| derived_reasons(d.exception, high));
            // Question 35's option for GDPR Art. 34(3)(c) says "vi har istället informerat
            // allmänheten": until that is recorded, the truth is that they will be informed,
            // through the public (33 = Ja, 34 says how).
            let claims_public = match explicit {
                Some(selection) => selection.contains(PUBLIC),
                None => derived
                    .as_ref()
                    .is_some_and(|d| d.contains(&public_label())),
            };
            let public_pending = will == Some(false)
                && claims_public
                && incident
                    .notification
                    .as_ref()
                    .is_none_or(|n| n.public_communication.is_none());
            if public_pending {
                will = Some(true);
            }
            b.block(33, yes_no(will), None);
            match will {
                Some(true) if public_pending => {
                    // Waived at the closing: not "planned" any more; said as it is.
                    let waiver = incident
                        .closure
                        .as_ref()
                        .and_then(|c| c.waived.iter().find(|w| w.obligation == PUBLIC));
                    match waiver {
                        Some(waiver) => {
                            let said = format!(
                                "En offentlig kommunikation i stället för information till var och en (GDPR art. 34.3 c) var planerad men gjordes inte; den skrevs av när ärendet avslutades. Skäl: {}",
                                waiver.reason.trim()
                            );
                            b.block(34, text(Some(&said)), None);
                            b.need(34, "hur de registrerade informeras: den offentliga kommunikationen skrevs av vid avslut (GDPR art. 34.3 c)", false);
                        }
                        None => b.block(34, text(Some(PUBLIC_PLANNED)), None),
                    }
                }
                Some(true) => {
                    let when = recorded.and_then(|d| d.will_inform_on.as_deref());
                    b.block(34, text(when), None);
                    if when.is_none() {
                        b.need(34, "när de registrerade kommer att informeras (`incident notified subjects --will-inform-on`)", false);
                    }
                }
                Some(false) => {
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

/// Question 35's option for GDPR Art. 34(3)(c).
const PUBLIC: &str = "public_communication";

/// Question 34 while the public communication of GDPR Art. 34(3)(c) is planned, not made.
const PUBLIC_PLANNED: &str = "Genom en offentlig kommunikation i stället för information till var och en, eftersom det skulle innebära en oproportionell ansträngning (GDPR art. 34.3 c). Den är planerad och har ännu inte gjorts.";

fn public_label() -> String {
    labels::option_label(35, PUBLIC, Lang::Sv)
}

/// Question 35's options from the assessment: the Art. 34(3) exception, or no high risk.
fn derived_reasons(exception: Option<Art34Exception>, high_risk: bool) -> Vec<String> {
    let key = match (exception, high_risk) {
        (Some(Art34Exception::Unintelligible), _) => "unintelligible",
        (Some(Art34Exception::RiskRemoved), _) => "risk_removed",
        (Some(Art34Exception::DisproportionateEffort), _) => PUBLIC,
        (None, false) => "no_high_risk",
        (None, _) => return Vec::new(),
    };
    vec![labels::option_label(35, key, Lang::Sv)]
}
