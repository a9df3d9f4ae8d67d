//! The answers of a risk assessment before it is complete, in the layout of
//! `assessment.yaml` with every field optional: read from `--from`, filled by flags and the
//! dialogue, saved when it cannot be recorded, and turned into the assessment (score, band,
//! recommendation and decision) once the required answers are there.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::Lang;
use crate::domain::model::assessment::{
    Art34Exception, AvailabilityLoss, Band, Circumstances, ConfidentialityLoss, DataCategory,
    DataProcessingContext, Decision, EaseOfIdentification, Flags, IntegrityLoss,
};
use crate::domain::model::{Assessment, Report, SCHEMA_VERSION};
use crate::domain::scoring::{self, Suggestions};

/// A partial assessment.yaml. The computed fields (score, band, times) of a copy of a
/// stored assessment are accepted and recomputed, never written.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AssessmentDraft {
    #[serde(skip_serializing)]
    pub schema_version: Option<u32>,
    #[serde(skip_serializing)]
    pub assessed_at: Option<String>,
    #[serde(skip_serializing)]
    pub first_assessed_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessed_by: Option<String>,
    #[serde(skip_serializing_if = "ContextDraft::is_empty")]
    pub data_processing_context: ContextDraft,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ease_of_identification: Option<EaseOfIdentification>,
    #[serde(skip_serializing_if = "CircumstancesDraft::is_empty")]
    pub circumstances: CircumstancesDraft,
    #[serde(skip_serializing_if = "FlagsDraft::is_empty")]
    pub flags: FlagsDraft,
    /// Computed from the report and the inputs, never taken from a file.
    #[serde(skip_serializing)]
    pub edpb_factors: Option<serde_json::Value>,
    #[serde(skip_serializing)]
    pub severity_score: Option<f64>,
    #[serde(skip_serializing)]
    pub band: Option<String>,
    #[serde(skip_serializing_if = "DecisionDraft::is_empty")]
    pub decision: DecisionDraft,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContextDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<DataCategory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CircumstancesDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<ConfidentialityLoss>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub integrity: Option<IntegrityLoss>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<AvailabilityLoss>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub malicious: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FlagsDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub more_than_100_data_subjects: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unintelligible: Option<bool>,
}

#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DecisionDraft {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_imy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inform_data_subjects: Option<bool>,
    /// The Art. 34(3) exception, or explicitly none. A decision written without one (as a
    /// stored assessment.yaml is when none applies) has answered it: none.
    #[serde(
        default = "no_exception_answered",
        skip_serializing_if = "Option::is_none"
    )]
    pub exception: Option<ExceptionAnswer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub departure_reason: Option<String>,
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "a serde default, of the field's type"
)]
fn no_exception_answered() -> Option<ExceptionAnswer> {
    Some(ExceptionAnswer(None))
}

/// The answer to "does a GDPR Art. 34(3) exception apply?": one of them, or none
/// (written `none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExceptionAnswer(pub Option<Art34Exception>);

impl Serialize for ExceptionAnswer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Some(exception) => exception.serialize(serializer),
            None => serializer.serialize_str("none"),
        }
    }
}

impl<'de> Deserialize<'de> for ExceptionAnswer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ExceptionAnswer::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl ExceptionAnswer {
    /// `none`, or an exception's key (`unintelligible`, `risk_removed`,
    /// `disproportionate_effort`).
    pub fn parse(text: &str) -> Result<ExceptionAnswer, String> {
        match text.trim() {
            "none" | "" => Ok(ExceptionAnswer(None)),
            other => serde_json::from_value(serde_json::Value::String(other.to_string()))
                .map(|exception| ExceptionAnswer(Some(exception)))
                .map_err(|_| format!("`{text}` is not one of the allowed values (see --help)")),
        }
    }
}

impl ContextDraft {
    fn is_empty(&self) -> bool {
        *self == ContextDraft::default()
    }
}

impl CircumstancesDraft {
    fn is_empty(&self) -> bool {
        *self == CircumstancesDraft::default()
    }
}

impl FlagsDraft {
    fn is_empty(&self) -> bool {
        *self == FlagsDraft::default()
    }
}

impl DecisionDraft {
    fn is_empty(&self) -> bool {
        *self == DecisionDraft::default()
    }
}

/// The score of a draft whose factors are all answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub category: DataCategory,
    pub score: u8,
    pub ease: EaseOfIdentification,
    pub circumstances: Circumstances,
    pub severity: f64,
    pub band: Band,
}

/// Why a draft does not make an assessment yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Incomplete {
    /// Required answers are missing: (flag, what), with the report's suggestions.
    Missing(Vec<(String, String)>),
    /// The decision departs from the recommendation without a written reason (the people
    /// may depart, but must say why).
    DepartureWithoutReason {
        band: Band,
        severity: f64,
        recommendation: String,
    },
    /// An Art. 34(3) exception that the facts answered do not allow: for the `--exception`
    /// answer, which is then bad input.
    Exception(crate::domain::input::InputError),
    /// A data category below what the report's data imply, without a written reason
    /// (ENISA 2013 §3.2): bad input of `--dpc-justification`.
    Category(crate::domain::input::InputError),
    /// Data answered unintelligible that the report says were not encrypted (IMY question
    /// 27): bad input of `--unintelligible`.
    Unintelligible(crate::domain::input::InputError),
}

impl AssessmentDraft {
    /// Whether nothing has been answered.
    pub fn is_empty(&self) -> bool {
        serde_json::to_value(self)
            .is_ok_and(|value| value.as_object().is_none_or(serde_json::Map::is_empty))
    }

    /// The required answers still missing, as (flag, what) pairs in `lang`, with the
    /// suggestions of `report` where there are any.
    pub fn missing_for(&self, report: &Report, lang: Lang) -> Vec<(String, String)> {
        self.missing(&scoring::suggest(report), lang)
    }

    fn missing(&self, suggestions: &Suggestions, lang: Lang) -> Vec<(String, String)> {
        let mut missing = Vec::new();
        let mut need = |absent: bool, flag: &str, what: String| {
            if absent {
                missing.push((flag.to_string(), what));
            }
        };
        let circumstances = &self.circumstances;
        need(
            self.data_processing_context.category.is_none(),
            "--category CATEGORY",
            format!(
                "{} ({} {})",
                lang.pick("ENISA:s datakategori", "ENISA data category"),
                lang.pick("rapporten föreslår", "the report suggests"),
                suggestions.category.key()
            ),
        );
        need(
            self.ease_of_identification.is_none(),
            "--ease LEVEL",
            format!(
                "{}: negligible, limited, significant, maximum",
                lang.pick(
                    "hur lätt personerna kan identifieras",
                    "ease of identification"
                )
            ),
        );
        need(
            circumstances.confidentiality.is_none(),
            "--confidentiality LEVEL",
            format!(
                "{} ({} {})",
                lang.pick("förlust av konfidentialitet", "loss of confidentiality"),
                lang.pick("rapporten föreslår", "the report suggests"),
                suggestions.confidentiality.key()
            ),
        );
        need(
            circumstances.integrity.is_none(),
            "--integrity LEVEL",
            format!(
                "{} ({} {})",
                lang.pick("förlust av riktighet", "loss of integrity"),
                lang.pick("rapporten föreslår", "the report suggests"),
                suggestions.integrity.key()
            ),
        );
        need(
            circumstances.availability.is_none(),
            "--availability LEVEL",
            format!(
                "{} ({} {})",
                lang.pick("förlust av tillgänglighet", "loss of availability"),
                lang.pick("rapporten föreslår", "the report suggests"),
                suggestions.availability.key()
            ),
        );
        need(
            self.reasoning.is_none(),
            "--reasoning TEXT",
            lang.pick(
                "motiveringen till beslutet, krävs",
                "the reasoning for the decision (motivering), mandatory",
            )
            .into(),
        );
        missing
    }

    /// The ENISA score of the answers so far, once every factor is answered: the data
    /// processing context (the category's base score unless adjusted), the ease of
    /// identification and the circumstances; SE = DPC × EI + CB and its band.
    pub fn scored(&self) -> Option<Scored> {
        let context = &self.data_processing_context;
        let given = &self.circumstances;
        let category = context.category?;
        let score = context.score.unwrap_or(category.base_score());
        let ease = self.ease_of_identification?;
        let circumstances = Circumstances {
            confidentiality: given.confidentiality?,
            integrity: given.integrity?,
            availability: given.availability?,
            malicious: given.malicious.unwrap_or(false),
        };
        let severity = scoring::severity(score, ease, &circumstances);
        Some(Scored {
            category,
            score,
            ease,
            severity,
            band: scoring::band(severity),
            circumstances,
        })
    }

    /// The Art. 34(3) exception answered, if any.
    pub fn exception(&self) -> Option<Art34Exception> {
        self.decision.exception.and_then(|answer| answer.0)
    }

    /// Computes the score and band, weighs the EDPB factors of the inputs and the report,
    /// applies the recommendation where the people did not decide otherwise, and assembles
    /// the assessment; refuses a departure from the recommendation without its reason, and
    /// a category below the report's without one. `previous` is the assessment this one
    /// replaces: the deadlines that run from the first assessment keep running from it.
    pub fn into_assessment(
        self,
        report: &Report,
        previous: Option<&Assessment>,
        author: String,
        now: DateTime<FixedOffset>,
    ) -> Result<Assessment, Incomplete> {
        use crate::domain::input::InputError;
        let suggestions = scoring::suggest(report);
        let exception = self.exception();
        let (Some(scored), Some(reasoning)) = (self.scored(), self.reasoning.clone()) else {
            // The command asks `missing_for` in its own language first; this is the guard.
            return Err(Incomplete::Missing(self.missing(&suggestions, Lang::En)));
        };
        let Scored {
            category,
            score,
            ease,
            severity,
            band,
            circumstances,
        } = scored;
        let justification = self
            .data_processing_context
            .justification
            .filter(|j| !j.trim().is_empty());
        // ENISA 2013 §3.2: the highest category concerned; a lower one is justified in writing.
        if let Some((implied, keys)) = scoring::category_below_report(category, report)
            && justification.is_none()
        {
            return Err(Incomplete::Category(InputError::CategoryBelowReport {
                chosen: category.key().to_string(),
                implied: implied.key().to_string(),
                keys: keys.into_iter().map(String::from).collect(),
            }));
        }
        // ENISA 2013 §3.3 / GDPR Art. 34(3)(a): unintelligible data are protected, which
        // the report's "not encrypted" contradicts; the facts are mended first.
        if self.flags.unintelligible == Some(true) && report.encrypted == Some(false) {
            return Err(Incomplete::Unintelligible(
                InputError::UnintelligibleButNotEncrypted,
            ));
        }
        let flags = Flags {
            more_than_100_data_subjects: self
                .flags
                .more_than_100_data_subjects
                .unwrap_or(suggestions.more_than_100),
            unintelligible: self.flags.unintelligible.unwrap_or(false),
        };
        let factors = scoring::find_factors(category, &circumstances, &flags, report);
        let recommendation = scoring::recommend(band, exception, Some(&factors));
        if let Some(exception) = exception {
            // GDPR Art. 34(1) owes information only for a high risk; 34(3) excepts from it.
            if !recommendation.high_risk {
                return Err(Incomplete::Exception(InputError::ExceptionNotForBand {
                    exception: exception.key().to_string(),
                    band: band.key().to_string(),
                }));
            }
            // Art. 34(3)(a): the data made unintelligible, which the ENISA flag answers.
            if exception == Art34Exception::Unintelligible && !flags.unintelligible {
                return Err(Incomplete::Exception(InputError::UnintelligibleNotAnswered));
            }
        }
        let decision = Decision {
            notify_imy: self
                .decision
                .notify_imy
                .unwrap_or(recommendation.notify_imy),
            inform_data_subjects: self
                .decision
                .inform_data_subjects
                .unwrap_or(recommendation.inform_data_subjects),
            exception,
            departure_reason: self
                .decision
                .departure_reason
                .filter(|r| !r.trim().is_empty()),
        };
        if scoring::departs(&decision, recommendation) && decision.departure_reason.is_none() {
            let moving: Vec<&str> = scoring::moving_factors(band, &factors)
                .into_iter()
                .map(|f| f.describe(Lang::En))
                .collect();
            let mut text = scoring::recommendation_text(recommendation, exception, Lang::En);
            if !moving.is_empty() {
                text.push_str(&format!("; EDPB factors: {}", moving.join("; ")));
            }
            return Err(Incomplete::DepartureWithoutReason {
                band,
                severity,
                recommendation: text,
            });
        }
        Ok(Assessment {
            schema_version: SCHEMA_VERSION,
            assessed_at: now,
            first_assessed_at: previous.map(Assessment::first_assessed),
            assessed_by: self.assessed_by.unwrap_or(author),
            data_processing_context: DataProcessingContext {
                category,
                score,
                justification,
            },
            ease_of_identification: ease,
            circumstances,
            flags,
            edpb_factors: Some(factors),
            severity_score: severity,
            band,
            decision,
            reasoning,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Health data of one patient in a letter to a known wrong recipient.
    fn report() -> Report {
        serde_saphyr::from_str(
            "id: 2026-0001\ntitle: Brev\ndiscovered: {date: 2026-03-27}\n\
             breach_types: [confidentiality]\nwhat_happened: {key: misdirected_communication}\n\
             data_categories: {keys: [health]}\nsubject_groups: {keys: [patients]}\n",
        )
        .unwrap()
    }

    fn answered() -> AssessmentDraft {
        let mut draft = AssessmentDraft::default();
        draft.data_processing_context.category = Some(DataCategory::Sensitive);
        draft.ease_of_identification = Some(EaseOfIdentification::Maximum);
        draft.circumstances.confidentiality = Some(ConfidentialityLoss::KnownRecipients);
        draft.circumstances.integrity = Some(IntegrityLoss::None);
        draft.circumstances.availability = Some(AvailabilityLoss::None);
        draft.reasoning = Some("Hälsa till fel mottagare".into());
        draft
    }

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap()
    }

    #[test]
    fn saved_answers_read_back_as_the_same_draft() {
        let mut draft = answered();
        draft.circumstances.integrity = None;
        draft.decision.notify_imy = Some(true);
        draft.decision.exception = Some(ExceptionAnswer(None));
        let text = serde_saphyr::to_string(&draft).unwrap();
        assert!(!text.contains("integrity"), "unanswered left out:\n{text}");
        let again: AssessmentDraft = serde_saphyr::from_str(&text).unwrap();
        assert_eq!(again, draft);
    }

    #[test]
    fn a_copy_of_a_stored_assessment_has_its_factors_recomputed() {
        let copy: AssessmentDraft = serde_saphyr::from_str(
            "edpb_factors: [many_data_subjects]\nseverity_score: 1.0\nband: low\n",
        )
        .unwrap();
        assert!(copy.is_empty(), "computed fields are read, never written");
        let assessment = answered()
            .into_assessment(&report(), None, "DSO".into(), now())
            .unwrap();
        assert_eq!(
            assessment.edpb_factors,
            Some(vec![
                crate::domain::model::assessment::EdpbFactor::SpecialCategoriesDisclosed
            ])
        );
    }

    #[test]
    fn a_category_below_the_reports_needs_its_reason() {
        let mut draft = answered();
        draft.data_processing_context.category = Some(DataCategory::Simple);
        let refused = draft
            .clone()
            .into_assessment(&report(), None, "DSO".into(), now());
        assert!(
            matches!(&refused, Err(Incomplete::Category(_))),
            "{refused:?}"
        );
        draft.data_processing_context.justification = Some("Only an appointment".into());
        let assessment = draft
            .into_assessment(&report(), None, "DSO".into(), now())
            .unwrap();
        assert_eq!(assessment.band, Band::Low);
        assert!(
            assessment.decision.notify_imy && assessment.decision.inform_data_subjects,
            "health data disclosed: a high risk whatever the band"
        );
    }

    #[test]
    fn a_decision_without_an_exception_has_answered_none() {
        let with: AssessmentDraft =
            serde_saphyr::from_str("decision:\n  notify_imy: true\n").unwrap();
        assert_eq!(with.decision.exception, Some(ExceptionAnswer(None)));
        let without: AssessmentDraft = serde_saphyr::from_str("reasoning: x\n").unwrap();
        assert_eq!(without.decision.exception, None);
        assert!(ExceptionAnswer::parse("sometimes").is_err());
    }

    #[test]
    fn a_complete_draft_is_scored_and_follows_the_recommendation() {
        let assessment = answered()
            .into_assessment(&report(), None, "DSO".into(), now())
            .unwrap();
        assert_eq!(assessment.severity_score, 4.25);
        assert_eq!(assessment.band, Band::VeryHigh);
        assert!(assessment.decision.notify_imy && assessment.decision.inform_data_subjects);
        assert_eq!(assessment.assessed_by, "DSO");
    }

    #[test]
    fn missing_answers_and_a_departure_without_reason_are_refused() {
        let mut draft = answered();
        draft.reasoning = None;
        let Err(Incomplete::Missing(missing)) =
            draft.into_assessment(&report(), None, "DSO".into(), now())
        else {
            panic!("the reasoning is required");
        };
        assert_eq!(missing[0].0, "--reasoning TEXT");
        let mut draft = answered();
        draft.decision.inform_data_subjects = Some(false);
        let refused = draft.into_assessment(&report(), None, "DSO".into(), now());
        assert!(matches!(
            refused,
            Err(Incomplete::DepartureWithoutReason {
                band: Band::VeryHigh,
                ..
            })
        ));
    }
}
