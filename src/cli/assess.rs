//! `incident assess <id>`: the risk assessment of step C (see [`steps::assess`]): its
//! answers from flags over `--from FILE` (a partial assessment.yaml), the rest asked at a
//! terminal; `--explain` alone explains the stored assessment.

use std::path::PathBuf;

use crate::cli::Context;
use crate::cli::args::{incident_id, parse_key, parse_yes_no};
use crate::cli::steps::assess;
use crate::domain::IncidentId;
use crate::domain::draft::{AssessmentDraft, ExceptionAnswer};
use crate::domain::model::assessment::{
    AvailabilityLoss, ConfidentialityLoss, DataCategory, EaseOfIdentification, IntegrityLoss,
};
use crate::domain::scoring;
use crate::error::{Error, Result};
use crate::store::files;

#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    /// The incident id, YYYY-NNNN
    #[arg(value_parser = incident_id)]
    pub id: IncidentId,
    /// Read answers from a partial assessment.yaml; flags override it
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// ENISA data category: simple (1), behavioural (2), financial (3), sensitive (4); the
    /// highest concerned: below the one the report's data imply only with --dpc-justification
    #[arg(long, value_name = "CATEGORY", value_parser = parse_key::<DataCategory>)]
    pub category: Option<DataCategory>,
    /// The data processing context score 1–4 after adjustment [default: the category's base score]
    #[arg(long, value_name = "1-4", value_parser = parse_score)]
    pub dpc_score: Option<u8>,
    /// Why the score differs from the base score, or the category is below the one the
    /// report's data (IMY question 26) imply (required then; ENISA 2013 §3.2)
    #[arg(long, value_name = "TEXT")]
    pub dpc_justification: Option<String>,
    /// Ease of identification: negligible, limited, significant, maximum
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<EaseOfIdentification>)]
    pub ease: Option<EaseOfIdentification>,
    /// Loss of confidentiality: none, known_recipients, unknown_recipients
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<ConfidentialityLoss>)]
    pub confidentiality: Option<ConfidentialityLoss>,
    /// Loss of integrity: none, recoverable, irrecoverable
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<IntegrityLoss>)]
    pub integrity: Option<IntegrityLoss>,
    /// Loss of availability: none, temporary, full
    #[arg(long, value_name = "LEVEL", value_parser = parse_key::<AvailabilityLoss>)]
    pub availability: Option<AvailabilityLoss>,
    /// Malicious intent, yes or no [default: no]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub malicious: Option<bool>,
    /// The data are unintelligible to anyone not authorised (e.g. encrypted, key safe) [default: no]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub unintelligible: Option<bool>,
    /// More than 100 data subjects [default: from the report's count]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub more_than_100: Option<bool>,
    /// GDPR Art. 34(3) exception: unintelligible (a), risk_removed (b), disproportionate_effort (c), or none
    #[arg(long, value_name = "EXCEPTION", value_parser = parse_exception)]
    pub exception: Option<ExceptionAnswer>,
    /// Decision: notify IMY, yes or no [default: the recommendation]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub notify_imy: Option<bool>,
    /// Decision: inform the data subjects, yes or no [default: the recommendation]
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub inform: Option<bool>,
    /// Why the decision departs from the recommendation (required when it does)
    #[arg(long, value_name = "TEXT")]
    pub departure_reason: Option<String>,
    /// The reasoning for the decision (motivering; mandatory)
    #[arg(long, value_name = "TEXT")]
    pub reasoning: Option<String>,
    /// Who made the assessment [default: the journal's author]
    #[arg(long, value_name = "NAMES")]
    pub assessed_by: Option<String>,
    /// Print every factor, its value, why, and the arithmetic (alone: explain the stored assessment)
    #[arg(long)]
    pub explain: bool,
}

/// Flags override what `--from` gave.
fn apply_flags(draft: &mut AssessmentDraft, args: &AssessArgs) {
    fn set<T: Clone>(field: &mut Option<T>, flag: &Option<T>) {
        if flag.is_some() {
            field.clone_from(flag);
        }
    }
    let context = &mut draft.data_processing_context;
    set(&mut context.category, &args.category);
    set(&mut context.score, &args.dpc_score);
    set(&mut context.justification, &args.dpc_justification);
    set(&mut draft.ease_of_identification, &args.ease);
    let circumstances = &mut draft.circumstances;
    set(&mut circumstances.confidentiality, &args.confidentiality);
    set(&mut circumstances.integrity, &args.integrity);
    set(&mut circumstances.availability, &args.availability);
    set(&mut circumstances.malicious, &args.malicious);
    set(&mut draft.flags.unintelligible, &args.unintelligible);
    set(
        &mut draft.flags.more_than_100_data_subjects,
        &args.more_than_100,
    );
    let decision = &mut draft.decision;
    set(&mut decision.exception, &args.exception);
    set(&mut decision.notify_imy, &args.notify_imy);
    set(&mut decision.inform_data_subjects, &args.inform);
    set(&mut decision.departure_reason, &args.departure_reason);
    set(&mut draft.reasoning, &args.reasoning);
    set(&mut draft.assessed_by, &args.assessed_by);
}

pub fn run(context: &Context, args: AssessArgs) -> Result<i32> {
    let mut draft = match &args.from {
        Some(path) => files::read_partial::<AssessmentDraft>(path)?,
        None => AssessmentDraft::default(),
    };
    apply_flags(&mut draft, &args);
    if args.explain && draft.is_empty() && args.from.is_none() {
        let opened = context.open_incident(&args.id)?;
        if let Some(assessment) = &opened.incident.assessment {
            opened.ui.out(&scoring::explain(
                assessment,
                Some(&opened.incident.report),
                opened.ui.lang,
            ));
            return Ok(0);
        }
        if !context.interactive {
            let id = &args.id;
            return Err(Error::NothingToExplain { id: id.clone() });
        }
    }
    let register = context.open_register()?;
    let ui = context.ui(&register);
    assess::assess(context, &register, &ui, &args.id, draft, args.explain)?;
    Ok(0)
}

/// `--exception`: `none` or an exception of GDPR Art. 34(3), refused in both languages.
fn parse_exception(text: &str) -> Result<ExceptionAnswer, crate::cli::args::Refusal> {
    ExceptionAnswer::parse(text).map_err(|_| {
        crate::cli::args::one_of(
            text,
            "none, unintelligible, risk_removed, disproportionate_effort",
        )
    })
}

/// `--dpc-score`: the score in context of ENISA's Table 1, 1 to 4.
fn parse_score(text: &str) -> Result<u8, crate::cli::args::Refusal> {
    match text.trim().parse::<u8>() {
        Ok(score @ 1..=4) => Ok(score),
        _ => Err(crate::cli::args::one_of(text, "1, 2, 3, 4")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser)]
    struct Wrapper {
        #[command(flatten)]
        args: AssessArgs,
    }

    #[test]
    fn flags_override_the_file_and_leave_the_rest() {
        let mut draft: AssessmentDraft = serde_saphyr::from_str(
            "data_processing_context:\n  category: financial\nreasoning: Från filen\n",
        )
        .unwrap();
        let args = Wrapper::parse_from([
            "assess",
            "2026-0001",
            "--category",
            "sensitive",
            "--exception",
            "none",
        ])
        .args;
        apply_flags(&mut draft, &args);
        assert_eq!(
            draft.data_processing_context.category,
            Some(DataCategory::Sensitive)
        );
        assert_eq!(draft.decision.exception, Some(ExceptionAnswer(None)));
        assert_eq!(draft.reasoning.as_deref(), Some("Från filen"));
        assert_eq!(draft.ease_of_identification, None);
    }
}
