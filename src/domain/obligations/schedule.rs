//! The schedule of one incident: every duty its files create, when each runs from, when
//! it is due and where it stands at `now`, in the order of the process; and of several
//! incidents, soonest first.

use crate::domain::obligations::GDPR_NOTIFY_IMY_HOURS;
use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::{Duty, Obligation, State, add_days, add_hours};
use crate::domain::IncidentId;
use crate::domain::incident::Incident;
use crate::domain::model::Assessment;
use crate::domain::model::Settings;
use crate::domain::model::actions::MeasureStatus;
use crate::domain::model::assessment::Art34Exception;
use crate::domain::model::notification::CustomerNotice;
use crate::domain::model::report::Role;
use crate::domain::model::settings::{DeadlineSettings, default_regimes};
use crate::domain::moment::{Moment, TimeProblem, start_of_day};
use crate::domain::regimes::{Regime, chosen};

fn state_at(due: DateTime<Tz>, met_at: Option<DateTime<Tz>>, now: DateTime<Tz>) -> State {
    match met_at {
        Some(met) if met <= due => State::Met,
        Some(_) => State::MetLate,
        None if now < due => State::Pending,
        None => State::Overdue,
    }
}

pub(super) struct Builder<'a> {
    id: &'a IncidentId,
    pub(super) zone: Tz,
    pub(super) now: DateTime<Tz>,
    list: Vec<Obligation>,
}

impl Builder<'_> {
    pub(super) fn push(
        &mut self,
        duty: Duty,
        runs_from: DateTime<Tz>,
        due: DateTime<Tz>,
        met_at: Option<DateTime<FixedOffset>>,
    ) {
        let met_at = met_at.map(|m| m.with_timezone(&self.zone));
        let state = state_at(due, met_at, self.now);
        self.list.push(Obligation {
            incident: self.id.clone(),
            duty,
            runs_from,
            due,
            met_at,
            state,
        });
    }

    fn not_required(&mut self, duty: Duty, runs_from: DateTime<Tz>, due: DateTime<Tz>) {
        self.list.push(Obligation {
            incident: self.id.clone(),
            duty,
            runs_from,
            due,
            met_at: None,
            state: State::NotRequired,
        });
    }
}

fn instant(moment: &Moment, zone: Tz) -> Result<DateTime<Tz>, TimeProblem> {
    moment.earliest_instant(zone)
}

/// The moment GDPR Art. 33's clocks run from: becoming aware that personal data were
/// compromised, the discovery when no later awareness is recorded (EDPB Guidelines 9/2022
/// paras 31–34).
pub fn aware(incident: &Incident, zone: Tz) -> Result<DateTime<Tz>, TimeProblem> {
    instant(&incident.report.clock_start(), zone)
}

/// The moment of the incident itself (IMY question 11): the other regimes' reports (NIS2,
/// DORA, CERT-SE concern the incident, not whether personal data were compromised), the
/// internal targets of steps B, C and H and the customers' agreements run from here, so
/// a later GDPR awareness never moves them.
pub fn discovered(incident: &Incident, zone: Tz) -> Result<DateTime<Tz>, TimeProblem> {
    instant(&incident.report.discovered, zone)
}

/// Every obligation of one incident at `now`, in the order of the process, under the
/// regimes of a register that names none (the GDPR, NIS2).
pub fn obligations(
    incident: &Incident,
    deadlines: &DeadlineSettings,
    zone: Tz,
    now: DateTime<Tz>,
) -> Result<Vec<Obligation>, TimeProblem> {
    let regimes = chosen(&default_regimes());
    obligations_under(incident, deadlines, &regimes, zone, now)
}

/// Every obligation of one incident at `now` under `regimes` (beside the GDPR's), in the
/// order of the process.
pub fn obligations_under(
    incident: &Incident,
    deadlines: &DeadlineSettings,
    regimes: &[&'static Regime],
    zone: Tz,
    now: DateTime<Tz>,
) -> Result<Vec<Obligation>, TimeProblem> {
    let report = &incident.report;
    let aware = aware(incident, zone)?;
    let discovered = discovered(incident, zone)?;
    // The GDPR's duties follow the verdict: an undecided case is treated as a breach.
    let gdpr = report.verdict_kind().gdpr_applies();
    let mut b = Builder {
        id: &report.id,
        zone,
        now,
        list: Vec::new(),
    };
    if gdpr {
        push_gdpr_duties(&mut b, incident, deadlines, discovered, aware)?;
    }
    push_other_duties(&mut b, incident, deadlines, regimes, discovered)?;
    let mut list = b.list;
    waive(&mut list, incident);
    Ok(list)
}

/// The duties of GDPR Art. 33 and 34 and the internal targets of the steps that lead to
/// them (B and C).
fn push_gdpr_duties(
    b: &mut Builder<'_>,
    incident: &Incident,
    deadlines: &DeadlineSettings,
    discovered: DateTime<Tz>,
    aware: DateTime<Tz>,
) -> Result<(), TimeProblem> {
    let report = &incident.report;
    let zone = b.zone;
    let decision = incident.assessment.as_ref().map(|a| &a.decision);
    let notification = incident.notification.as_ref();
    let imy = notification.and_then(|n| n.imy.as_ref());
    let dpo = report
        .dpo_contacted
        .as_ref()
        .map(|p| instant(&p.moment(), zone))
        .transpose()?;
    // Steps B and C lead to the awareness: their internal targets run from the discovery.
    b.push(
        Duty::ContactDpo,
        discovered,
        add_hours(discovered, deadlines.contact_dpo_hours),
        dpo.map(|d| d.fixed_offset()),
    );
    b.push(
        Duty::AssessRisk,
        discovered,
        add_hours(discovered, deadlines.assess_risk_hours),
        incident.assessment.as_ref().map(Assessment::first_assessed),
    );

    let imy_due = add_hours(aware, GDPR_NOTIFY_IMY_HOURS);
    let submitted = imy.and_then(|i| i.submitted_at);
    // A processor informs its controller, which notifies IMY (GDPR Art. 33(2)); until the
    // risk is assessed the notification applies (design §7).
    let imy_required = report.role == Role::Controller && decision.is_none_or(|d| d.notify_imy);
    if imy_required || submitted.is_some() {
        b.push(Duty::NotifyImy, aware, imy_due, submitted);
        // A shorter figure in incident.toml is the organisation's own target, beside the
        // law's deadline, never instead of it.
        if deadlines.notify_imy_hours < GDPR_NOTIFY_IMY_HOURS {
            let target = add_hours(aware, deadlines.notify_imy_hours);
            b.push(Duty::NotifyImyTarget, aware, target, submitted);
        }
    } else {
        b.not_required(Duty::NotifyImy, aware, imy_due);
    }
    if let Some(submitted) = submitted {
        let submitted_local = submitted.with_timezone(&zone);
        if submitted_local > imy_due {
            let reason_given = imy
                .and_then(|i| i.late_reason.as_deref())
                .is_some_and(|r| !r.trim().is_empty());
            let met = reason_given.then_some(submitted);
            b.push(Duty::LateReason, aware, submitted_local, met);
        }
        if imy.and_then(|i| i.supplement_planned) == Some(true) {
            let first = imy
                .and_then(|i| i.supplements.first())
                .map(|s| s.submitted_at);
            b.push(
                Duty::Supplement,
                submitted_local,
                add_days(submitted_local, deadlines.supplement_days),
                first,
            );
        }
    }

    if let Some(assessment) = &incident.assessment {
        let assessed = assessment.first_assessed().with_timezone(&zone);
        let due = add_hours(assessed, deadlines.inform_data_subjects_hours);
        let informed = notification
            .and_then(|n| n.data_subjects.as_ref())
            .filter(|d| d.informed)
            .and_then(|d| d.informed_at);
        // Informing the data subjects is the controller's duty (GDPR Art. 34(1)).
        if assessment.decision.inform_data_subjects && report.role == Role::Controller {
            b.push(Duty::InformDataSubjects, assessed, due, informed);
        } else {
            b.not_required(Duty::InformDataSubjects, assessed, due);
        }
    }
    // GDPR Art. 34(3)(c): the exception for disproportionate effort is not a release; the
    // public is informed instead, in the time the data subjects would have been.
    let public = notification.and_then(|n| n.public_communication.as_ref());
    if public_communication_owed(incident) || public.is_some() {
        let runs_from = incident
            .assessment
            .as_ref()
            .map_or(aware, |a| a.first_assessed().with_timezone(&zone));
        b.push(
            Duty::PublicCommunication,
            runs_from,
            add_hours(runs_from, deadlines.inform_data_subjects_hours),
            public.map(|p| p.at),
        );
    }

    if report.role == Role::Processor {
        let notified = notification.and_then(|n| n.controller_notified_at);
        b.push(
            Duty::NotifyController,
            aware,
            add_hours(aware, deadlines.notify_controller_hours),
            notified,
        );
    }
    Ok(())
}

/// The duties that do not depend on the GDPR's applying: customers' agreements, the other
/// regimes' reports (NIS2, DORA, CERT-SE), planned measures and closing.
fn push_other_duties(
    b: &mut Builder<'_>,
    incident: &Incident,
    deadlines: &DeadlineSettings,
    regimes: &[&'static Regime],
    discovered: DateTime<Tz>,
) -> Result<(), TimeProblem> {
    let report = &incident.report;
    let zone = b.zone;
    let notification = incident.notification.as_ref();
    // The vendor's three notices (the Boet process): the acknowledgement with the case
    // number, the detailed notice (within 72 hours by default), the resolution before the
    // case closes; each met only by its own notice.
    for customer in notification
        .map(|n| n.customers.as_slice())
        .unwrap_or_default()
    {
        for notice in CustomerNotice::ALL {
            let due = match notice {
                CustomerNotice::Acknowledgement => {
                    add_hours(discovered, deadlines.acknowledge_customers_hours)
                }
                CustomerNotice::Detailed => add_hours(discovered, deadlines.inform_customers_hours),
                CustomerNotice::Resolution => add_days(discovered, deadlines.close_days),
            };
            let duty = Duty::InformCustomer {
                name: customer.name.clone(),
                notice,
            };
            b.push(duty, discovered, due, customer.sent_at(notice));
        }
    }

    // Not an incident at all: no regime's incident report applies.
    if report.verdict_kind().is_incident() {
        super::regimes::schedule(b, incident, regimes, discovered)?;
    }

    for measure in incident
        .actions
        .as_ref()
        .map(|a| a.planned.as_slice())
        .unwrap_or_default()
    {
        let Some(due_date) = measure.due else {
            continue;
        };
        // Due by the end of its day: the first instant of the next day.
        let due = start_of_day(zone, due_date.succ_opt().unwrap_or(due_date));
        let duty = Duty::PlannedMeasure(
            measure
                .measure
                .lines()
                .next()
                .unwrap_or_default()
                .to_string(),
        );
        match measure.status {
            MeasureStatus::Deferred => b.not_required(duty, discovered, due),
            MeasureStatus::Done => {
                let done = measure
                    .done_on
                    .map_or(due.fixed_offset(), |d| start_of_day(zone, d).fixed_offset());
                b.push(duty, discovered, due, Some(done));
            }
            MeasureStatus::Open => b.push(duty, discovered, due, None),
        }
    }

    b.push(
        Duty::CloseCase,
        discovered,
        add_days(discovered, deadlines.close_days),
        incident.closure.as_ref().map(|c| c.closed_at),
    );
    Ok(())
}

/// Whether a duty of the law is open or waived in `incident`. Whether a duty is met does not
/// depend on the moment (only pending against overdue does), so this holds at any `now`;
/// an incident whose times cannot be placed in the zone counts as owing.
/// Under the register's own `regimes`, so a DORA or CERT-SE report counts too.
pub fn law_still_owed(incident: &Incident, settings: &Settings, zone: Tz) -> bool {
    let any_moment = DateTime::UNIX_EPOCH.with_timezone(&zone);
    let regimes = chosen(&settings.regimes);
    obligations_under(incident, &settings.deadlines, &regimes, zone, any_moment).map_or(
        true,
        |list| {
            list.iter()
                .any(|o| o.duty.is_law() && (o.state.is_open() || o.state == State::Waived))
        },
    )
}

/// Whether the controller owes a public communication (GDPR Art. 34(3)(c)): the assessment
/// chose the exception for disproportionate effort, or question 35's answer names it.
pub fn public_communication_owed(incident: &Incident) -> bool {
    let excepted = incident
        .assessment
        .as_ref()
        .is_some_and(|a| a.decision.exception == Some(Art34Exception::DisproportionateEffort));
    let answered = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref())
        .and_then(|d| d.reasons_not_to_inform.as_ref())
        .is_some_and(|r| r.contains("public_communication"));
    // Everyone informed directly after all: Art. 34(3)(c) replaces nothing any more.
    let informed = incident
        .notification
        .as_ref()
        .and_then(|n| n.data_subjects.as_ref())
        .is_some_and(|d| d.informed);
    incident.report.role == Role::Controller && (excepted || answered) && !informed
}

/// A duty of the law still open when the case was closed, and waived there with a reason,
/// is shown as waived: neither met nor pending (closure.yaml `waived`).
fn waive(list: &mut [Obligation], incident: &Incident) {
    let waived = incident
        .closure
        .as_ref()
        .map(|c| c.waived.as_slice())
        .unwrap_or_default();
    for obligation in list.iter_mut() {
        let key = obligation.duty.key();
        if obligation.duty.is_law()
            && obligation.state.is_open()
            && waived.iter().any(|w| w.obligation == key)
        {
            obligation.state = State::Waived;
        }
    }
}

/// An incident whose schedule cannot be computed: a time it runs from (the discovery, or
/// the DPO's contact) does not exist in the register's zone. The rules refuse such files
/// (`incident validate`), so a register that loads does not hold one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryNotInZone {
    pub id: IncidentId,
}

/// The obligations of several incidents at `now` under the register's settings (its
/// deadlines and regimes), soonest first (then by incident).
pub fn of_incidents(
    incidents: &[Incident],
    settings: &Settings,
    zone: Tz,
    now: DateTime<Tz>,
) -> Result<Vec<Obligation>, DiscoveryNotInZone> {
    let regimes = chosen(&settings.regimes);
    let mut all = Vec::new();
    for incident in incidents {
        let found = obligations_under(incident, &settings.deadlines, &regimes, zone, now).map_err(
            |_| DiscoveryNotInZone {
                id: incident.report.id.clone(),
            },
        )?;
        all.extend(found);
    }
    all.sort_by(|a, b| a.due.cmp(&b.due).then(a.incident.cmp(&b.incident)));
    Ok(all)
}
