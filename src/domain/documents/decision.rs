//! Whether the decision recorded is not to inform the data subjects, and why: the answer to
//! IMY question 35 when one is recorded, else the risk assessment's decision (GDPR
//! Art. 34(1) and the exceptions of Art. 34(3)). A letter to them then contradicts the
//! record, so its export says so.

use crate::domain::Lang;
use crate::domain::incident::Incident;
use crate::domain::model::assessment::Art34Exception;

/// Why the data subjects are not to be informed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotInformingReason {
    /// No high risk: Art. 34(1) does not apply.
    NoHighRisk,
    /// Art. 34(3)(a): the data were unintelligible to others (e.g. encrypted).
    Unintelligible,
    /// Art. 34(3)(b): later measures ensure the high risk is no longer likely.
    RiskRemoved,
    /// Art. 34(3)(c): disproportionate effort; the public is informed instead.
    PublicCommunication,
}

impl NotInformingReason {
    /// The reason with the rule it comes from.
    pub fn text(&self, lang: Lang) -> &'static str {
        match self {
            NotInformingReason::NoHighRisk => lang.pick(
                "incidenten medför inte hög risk för de registrerade (GDPR art. 34.1)",
                "the breach does not result in a high risk to the data subjects (GDPR Art. 34(1))",
            ),
            NotInformingReason::Unintelligible => lang.pick(
                "uppgifterna var krypterade eller på annat sätt oläsbara för obehöriga (GDPR art. 34.3 a)",
                "the data were encrypted or otherwise unintelligible to anyone not authorised (GDPR Art. 34(3)(a))",
            ),
            NotInformingReason::RiskRemoved => lang.pick(
                "åtgärder efteråt gör att den höga risken sannolikt inte längre uppstår (GDPR art. 34.3 b)",
                "later measures ensure that the high risk is no longer likely to materialise (GDPR Art. 34(3)(b))",
            ),
            NotInformingReason::PublicCommunication => lang.pick(
                "att informera var och en vore en oproportionell ansträngning; allmänheten informeras i stället (GDPR art. 34.3 c)",
                "informing each of them would involve disproportionate effort; the public is informed instead (GDPR Art. 34(3)(c))",
            ),
        }
    }

    fn of_q35(key: &str) -> Option<NotInformingReason> {
        match key {
            "no_high_risk" => Some(NotInformingReason::NoHighRisk),
            "unintelligible" => Some(NotInformingReason::Unintelligible),
            "risk_removed" => Some(NotInformingReason::RiskRemoved),
            "public_communication" => Some(NotInformingReason::PublicCommunication),
            _ => None,
        }
    }
}

/// The decision not to inform the data subjects, where it is recorded and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotInforming {
    /// Recorded as the answer to IMY question 35 (notification.yaml), else by the risk
    /// assessment's decision (assessment.yaml).
    pub answered_q35: bool,
    pub reasons: Vec<NotInformingReason>,
}

/// The decision not to inform the data subjects, when that is what the register holds. The
/// latest word counts: what notification.yaml says of the data subjects (informed, will
/// be, will not be: IMY questions 31–35) over the risk assessment's decision.
pub fn not_informing(incident: &Incident) -> Option<NotInforming> {
    let told = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref());
    if let Some(told) = told {
        if told.informed || told.will_inform == Some(true) {
            return None;
        }
        let reasons = told.reasons_not_to_inform.as_ref();
        if told.will_inform == Some(false) || reasons.is_some() {
            return Some(NotInforming {
                answered_q35: true,
                reasons: reasons
                    .map(|r| {
                        r.keys
                            .iter()
                            .filter_map(|k| NotInformingReason::of_q35(k))
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
    }
    let decision = &incident.assessment.as_ref()?.decision;
    if decision.inform_data_subjects {
        return None;
    }
    let reason = match decision.exception {
        Some(Art34Exception::Unintelligible) => NotInformingReason::Unintelligible,
        Some(Art34Exception::RiskRemoved) => NotInformingReason::RiskRemoved,
        Some(Art34Exception::DisproportionateEffort) => NotInformingReason::PublicCommunication,
        None => NotInformingReason::NoHighRisk,
    };
    Some(NotInforming {
        answered_q35: false,
        reasons: vec![reason],
    })
}
