//! The municipal process steps A–H (the "Hantering av personuppgiftsincident" process) and
//! which of them an incident has done.

use super::incident::Incident;
use super::lang::Lang;
use super::model::actions::MeasureStatus;
use super::model::report::Role;

/// A step of the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    A,
    B,
    C,
    D,
    E,
    F,
    G,
    H,
}

impl Step {
    pub const ALL: [Step; 8] = [
        Step::A,
        Step::B,
        Step::C,
        Step::D,
        Step::E,
        Step::F,
        Step::G,
        Step::H,
    ];

    pub fn letter(self) -> char {
        match self {
            Step::A => 'A',
            Step::B => 'B',
            Step::C => 'C',
            Step::D => 'D',
            Step::E => 'E',
            Step::F => 'F',
            Step::G => 'G',
            Step::H => 'H',
        }
    }

    /// What the step asks, in the words of the municipal process.
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Step::A => lang.pick(
                "Upptäcka och upplysa ansvarig chef",
                "Detect and tell the responsible manager",
            ),
            Step::B => lang.pick(
                "Kontakta dataskyddsombudet",
                "Contact the data protection officer",
            ),
            Step::C => lang.pick(
                "Riskbedömning med motivering",
                "Risk assessment with reasoning",
            ),
            Step::D => lang.pick(
                "Dokumentera händelseförloppet",
                "Document the course of events",
            ),
            Step::E => lang.pick("Lista åtgärder", "List measures"),
            Step::F => lang.pick(
                "Anmäla till IMY och informera de registrerade",
                "Notify IMY and inform the data subjects",
            ),
            Step::G => lang.pick("Dokumentera incidenten", "Document the incident"),
            Step::H => lang.pick("Avsluta och diarieföra", "Close and register"),
        }
    }

    /// What the step asks of an organisation in `role`: a processor's step F is to notify
    /// its controller, which notifies IMY (GDPR Art. 33(2)).
    pub fn title_as(self, role: Role, lang: Lang) -> &'static str {
        match (self, role) {
            (Step::F, Role::Processor) => lang.pick(
                "Underrätta den personuppgiftsansvarige (GDPR art. 33.2)",
                "Notify the controller (GDPR Art. 33(2))",
            ),
            _ => self.title(lang),
        }
    }
}

/// Where one step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    Done,
    /// The assessment made the step unnecessary (e.g. no notification to IMY).
    NotRequired,
    Open,
}

impl StepState {
    pub fn is_settled(self) -> bool {
        !matches!(self, StepState::Open)
    }
}

/// The state of every step of an incident, in order.
pub fn step_states(incident: &Incident) -> Vec<(Step, StepState)> {
    Step::ALL
        .into_iter()
        .map(|step| (step, state_of(incident, step)))
        .collect()
}

/// The first step not yet settled; `None` when all are.
pub fn next_step(incident: &Incident) -> Option<Step> {
    step_states(incident)
        .into_iter()
        .find(|(_, state)| !state.is_settled())
        .map(|(step, _)| step)
}

fn done_if(condition: bool) -> StepState {
    if condition {
        StepState::Done
    } else {
        StepState::Open
    }
}

fn state_of(incident: &Incident, step: Step) -> StepState {
    let report = &incident.report;
    // A case the verdict takes out of the GDPR (no personal data, not an incident, security
    // protection) has no DPO contact, risk assessment or notification to make.
    let gdpr = report.verdict_kind().gdpr_applies();
    let settled_without_gdpr = |state: StepState| {
        if gdpr || state == StepState::Done {
            state
        } else {
            StepState::NotRequired
        }
    };
    match step {
        Step::B | Step::C | Step::F => settled_without_gdpr(gdpr_step_state(incident, step)),
        _ => gdpr_step_state(incident, step),
    }
}

fn gdpr_step_state(incident: &Incident, step: Step) -> StepState {
    let report = &incident.report;
    match step {
        Step::A => done_if(report.manager_informed.is_some()),
        Step::B => done_if(report.dpo_contacted.is_some()),
        Step::C => done_if(incident.assessment.is_some()),
        // The course of events is documented in the action log (IMY question 30).
        Step::D => done_if(
            incident
                .actions
                .as_ref()
                .is_some_and(|a| !a.taken.is_empty()),
        ),
        Step::E => done_if(
            incident
                .actions
                .as_ref()
                .is_some_and(|a| !a.planned.is_empty()),
        ),
        Step::F => notification_state(incident),
        Step::G | Step::H => done_if(incident.closure.is_some()),
    }
}

fn notification_state(incident: &Incident) -> StepState {
    // A processor's step F is to notify its controller (GDPR Art. 33(2)).
    if incident.report.role == Role::Processor {
        return done_if(
            incident
                .notification
                .as_ref()
                .is_some_and(|n| n.controller_notified_at.is_some()),
        );
    }
    let Some(assessment) = &incident.assessment else {
        return StepState::Open;
    };
    let decision = &assessment.decision;
    let notification = incident.notification.as_ref();
    // GDPR Art. 34(3)(c): the public communication replaces informing the data subjects.
    let public_owed = super::obligations::public_communication_owed(incident);
    let public_done =
        !public_owed || notification.is_some_and(|n| n.public_communication.is_some());
    if !decision.notify_imy && !decision.inform_data_subjects && !public_owed {
        return StepState::NotRequired;
    }
    let imy_done = !decision.notify_imy
        || notification
            .and_then(|n| n.imy.as_ref())
            .is_some_and(|imy| imy.submitted_at.is_some());
    let subjects_done = !decision.inform_data_subjects
        || notification
            .and_then(|n| n.data_subjects.as_ref())
            .is_some_and(|d| d.informed);
    done_if(imy_done && subjects_done && public_done)
}

/// Planned measures still open, for closing (step H).
pub fn open_measures(incident: &Incident) -> usize {
    incident.actions.as_ref().map_or(0, |a| {
        a.planned
            .iter()
            .filter(|m| m.status == MeasureStatus::Open)
            .count()
    })
}

/// The steps as a checklist, one line each: `[x]` done, `[-]` not required, `[ ]` open.
pub fn checklist(incident: &Incident, lang: Lang) -> String {
    step_states(incident)
        .into_iter()
        .map(|(step, state)| {
            let mark = match state {
                StepState::Done => "[x]",
                StepState::NotRequired => "[-]",
                StepState::Open => "[ ]",
            };
            format!(
                "  {mark} {}  {}\n",
                step.letter(),
                step.title_as(incident.report.role, lang)
            )
        })
        .collect()
}

/// A compact picture of the steps, e.g. `AB·D····` (a letter for each settled step).
pub fn step_strip(incident: &Incident) -> String {
    step_states(incident)
        .into_iter()
        .map(|(step, state)| {
            if state.is_settled() {
                step.letter()
            } else {
                '·'
            }
        })
        .collect()
}
