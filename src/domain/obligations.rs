//! The obligations an incident creates, each with the rule it comes from, the instant it
//! runs from, its due instant and its state at a given `now` (design §7). Hours are elapsed
//! hours (so 72 hours stay 72 across a change to or from summer time); days are calendar
//! days in the register's timezone. Pure: `now` and the settings are parameters.

use chrono::{DateTime, Days, Duration, FixedOffset, Months};
use chrono_tz::Tz;

use super::IncidentId;
use super::incident::Incident;
use super::lang::Lang;
use super::model::actions::MeasureStatus;
use super::model::report::Role;
use super::model::settings::DeadlineSettings;
use super::moment::{Moment, TimeProblem, start_of_day};

/// What is owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duty {
    NotifyImy,
    LateReason,
    Supplement,
    InformDataSubjects,
    NotifyController,
    InformCustomer(String),
    ContactDpo,
    AssessRisk,
    Nis2EarlyWarning,
    Nis2Notification,
    Nis2FinalReport,
    PlannedMeasure(String),
    CloseCase,
}

impl Duty {
    /// Where the duty comes from, as shown to the user.
    pub fn rule(&self) -> &'static str {
        self.rule_in(Lang::En)
    }

    /// Where the duty comes from, in the interface language.
    pub fn rule_in(&self, lang: Lang) -> &'static str {
        match self {
            Duty::NotifyImy => lang.pick("GDPR art. 33.1", "GDPR Art. 33(1)"),
            Duty::LateReason => {
                lang.pick("GDPR art. 33.1, IMY fråga 14", "GDPR Art. 33(1), IMY q14")
            }
            Duty::Supplement => lang.pick(
                "GDPR art. 33.4; IMY: 4 veckor",
                "GDPR Art. 33(4); IMY: 4 weeks",
            ),
            Duty::InformDataSubjects => lang.pick("GDPR art. 34.1", "GDPR Art. 34(1)"),
            Duty::NotifyController => lang.pick("GDPR art. 33.2", "GDPR Art. 33(2)"),
            Duty::InformCustomer(_) => lang.pick("avtal med kunden", "customer agreement"),
            Duty::ContactDpo => lang.pick("internt mål, steg B", "internal target, step B"),
            Duty::AssessRisk => lang.pick("internt mål, steg C", "internal target, step C"),
            Duty::Nis2EarlyWarning => lang.pick("NIS2 art. 23.4 a", "NIS2 Art. 23(4)(a)"),
            Duty::Nis2Notification => lang.pick("NIS2 art. 23.4 b", "NIS2 Art. 23(4)(b)"),
            Duty::Nis2FinalReport => lang.pick("NIS2 art. 23.4 d", "NIS2 Art. 23(4)(d)"),
            Duty::PlannedMeasure(_) => {
                lang.pick("planerad åtgärd, steg E", "planned measure, step E")
            }
            Duty::CloseCase => lang.pick("internt mål, steg H", "internal target, step H"),
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Duty::NotifyImy => "notify_imy",
            Duty::LateReason => "late_reason",
            Duty::Supplement => "supplement",
            Duty::InformDataSubjects => "inform_data_subjects",
            Duty::NotifyController => "notify_controller",
            Duty::InformCustomer(_) => "inform_customer",
            Duty::ContactDpo => "contact_dpo",
            Duty::AssessRisk => "assess_risk",
            Duty::Nis2EarlyWarning => "nis2_early_warning",
            Duty::Nis2Notification => "nis2_notification",
            Duty::Nis2FinalReport => "nis2_final_report",
            Duty::PlannedMeasure(_) => "planned_measure",
            Duty::CloseCase => "close_case",
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Duty::NotifyImy => lang.pick("Anmäla till IMY", "Notify IMY").into(),
            Duty::LateReason => lang
                .pick("Skäl till sen anmälan", "Reason for the late notification")
                .into(),
            Duty::Supplement => lang
                .pick(
                    "Komplettera anmälan till IMY",
                    "Supplement the IMY notification",
                )
                .into(),
            Duty::InformDataSubjects => lang
                .pick("Informera de registrerade", "Inform the data subjects")
                .into(),
            Duty::NotifyController => lang
                .pick(
                    "Underrätta den personuppgiftsansvarige",
                    "Notify the controller",
                )
                .into(),
            Duty::InformCustomer(name) => format!(
                "{} {name}",
                lang.pick("Informera kunden", "Inform the customer")
            ),
            Duty::ContactDpo => lang
                .pick("Kontakta dataskyddsombudet", "Contact the DPO")
                .into(),
            Duty::AssessRisk => lang.pick("Bedöma risken", "Assess the risk").into(),
            Duty::Nis2EarlyWarning => lang
                .pick("NIS2: tidig varning", "NIS2: early warning")
                .into(),
            Duty::Nis2Notification => lang
                .pick("NIS2: incidentanmälan", "NIS2: incident notification")
                .into(),
            Duty::Nis2FinalReport => lang.pick("NIS2: slutrapport", "NIS2: final report").into(),
            Duty::PlannedMeasure(what) => format!("{}: {what}", lang.pick("Åtgärd", "Measure")),
            Duty::CloseCase => lang.pick("Avsluta ärendet", "Close the case").into(),
        }
    }
}

/// Where an obligation stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    Overdue,
    Pending,
    MetLate,
    Met,
    NotRequired,
}

impl State {
    pub fn key(self) -> &'static str {
        match self {
            State::Overdue => "overdue",
            State::Pending => "pending",
            State::MetLate => "met_late",
            State::Met => "met",
            State::NotRequired => "not_required",
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            State::Overdue => lang.pick("försenad", "overdue"),
            State::Pending => lang.pick("väntar", "pending"),
            State::MetLate => lang.pick("uppfylld för sent", "met late"),
            State::Met => lang.pick("uppfylld", "met"),
            State::NotRequired => lang.pick("krävs inte", "not required"),
        }
    }

    /// Still to be done.
    pub fn is_open(self) -> bool {
        matches!(self, State::Overdue | State::Pending)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Obligation {
    pub incident: IncidentId,
    pub duty: Duty,
    pub runs_from: DateTime<Tz>,
    pub due: DateTime<Tz>,
    pub met_at: Option<DateTime<Tz>>,
    pub state: State,
}

/// Adds elapsed hours: the 72 hours of Art. 33(1) are 72 real hours whatever the clocks do.
pub fn add_hours(from: DateTime<Tz>, hours: u32) -> DateTime<Tz> {
    // The schema bounds the settings to a year, so the sum stays within chrono's range.
    from.checked_add_signed(Duration::hours(i64::from(hours)))
        .unwrap_or(from)
}

/// Adds calendar days in the zone: a 4-week period ends at the same local time.
pub fn add_days(from: DateTime<Tz>, days: u32) -> DateTime<Tz> {
    from.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(from + Duration::days(i64::from(days)))
}

fn state_at(due: DateTime<Tz>, met_at: Option<DateTime<Tz>>, now: DateTime<Tz>) -> State {
    match met_at {
        Some(met) if met <= due => State::Met,
        Some(_) => State::MetLate,
        None if now < due => State::Pending,
        None => State::Overdue,
    }
}

struct Builder<'a> {
    id: &'a IncidentId,
    zone: Tz,
    now: DateTime<Tz>,
    list: Vec<Obligation>,
}

impl Builder<'_> {
    fn push(
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

/// Every obligation of one incident at `now`, in the order of the process.
pub fn obligations(
    incident: &Incident,
    deadlines: &DeadlineSettings,
    zone: Tz,
    now: DateTime<Tz>,
) -> Result<Vec<Obligation>, TimeProblem> {
    let report = &incident.report;
    let aware = instant(&report.discovered, zone)?;
    let mut b = Builder {
        id: &report.id,
        zone,
        now,
        list: Vec::new(),
    };
    let decision = incident.assessment.as_ref().map(|a| &a.decision);
    let notification = incident.notification.as_ref();
    let imy = notification.and_then(|n| n.imy.as_ref());

    let dpo = report
        .dpo_contacted
        .as_ref()
        .map(|p| instant(&p.moment(), zone))
        .transpose()?;
    b.push(
        Duty::ContactDpo,
        aware,
        add_hours(aware, deadlines.contact_dpo_hours),
        dpo.map(|d| d.fixed_offset()),
    );
    b.push(
        Duty::AssessRisk,
        aware,
        add_hours(aware, deadlines.assess_risk_hours),
        incident.assessment.as_ref().map(|a| a.first_assessed()),
    );

    let imy_due = add_hours(aware, deadlines.notify_imy_hours);
    let submitted = imy.and_then(|i| i.submitted_at);
    // A processor informs its controller, which notifies IMY (GDPR Art. 33(2)); until the
    // risk is assessed the notification applies (design §7).
    let imy_required = report.role == Role::Controller && decision.is_none_or(|d| d.notify_imy);
    if imy_required || submitted.is_some() {
        b.push(Duty::NotifyImy, aware, imy_due, submitted);
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

    if report.role == Role::Processor {
        let notified = notification.and_then(|n| n.controller_notified_at);
        b.push(
            Duty::NotifyController,
            aware,
            add_hours(aware, deadlines.notify_controller_hours),
            notified,
        );
    }
    for customer in notification
        .map(|n| n.customers.as_slice())
        .unwrap_or_default()
    {
        b.push(
            Duty::InformCustomer(customer.name.clone()),
            aware,
            add_hours(aware, deadlines.inform_customers_hours),
            customer.detailed_notice_at,
        );
    }

    if report.nis2_significant == Some(true) {
        let nis2 = notification
            .and_then(|n| n.nis2.clone())
            .unwrap_or_default();
        // NIS2 Art. 23(4): early warning within 24 h, notification within 72 h of awareness,
        // final report within one month of the notification.
        b.push(
            Duty::Nis2EarlyWarning,
            aware,
            add_hours(aware, 24),
            nis2.early_warning_at,
        );
        let notification_due = add_hours(aware, 72);
        b.push(
            Duty::Nis2Notification,
            aware,
            notification_due,
            nis2.notification_at,
        );
        let sent = nis2
            .notification_at
            .map(|n| n.with_timezone(&zone))
            .unwrap_or(notification_due);
        let final_due = sent
            .checked_add_months(Months::new(1))
            .unwrap_or(add_days(sent, 30));
        b.push(Duty::Nis2FinalReport, sent, final_due, nis2.final_report_at);
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
            MeasureStatus::Deferred => b.not_required(duty, aware, due),
            MeasureStatus::Done => {
                let done = measure
                    .done_on
                    .map(|d| start_of_day(zone, d).fixed_offset())
                    .unwrap_or(due.fixed_offset());
                b.push(duty, aware, due, Some(done));
            }
            MeasureStatus::Open => b.push(duty, aware, due, None),
        }
    }

    b.push(
        Duty::CloseCase,
        aware,
        add_days(aware, deadlines.close_days),
        incident.closure.as_ref().map(|c| c.closed_at),
    );
    Ok(b.list)
}

/// How long until `due`, or how long it is overdue, in days, hours and minutes.
pub fn time_left(due: DateTime<Tz>, now: DateTime<Tz>, lang: Lang) -> String {
    let delta = due.signed_duration_since(now);
    let minutes = delta.num_minutes().abs();
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    let mut parts = Vec::new();
    if days > 0 {
        parts.push(format!("{days} d"));
    }
    if hours > 0 {
        parts.push(format!("{hours} {}", lang.pick("tim", "h")));
    }
    if days == 0 && (mins > 0 || parts.is_empty()) {
        parts.push(format!("{mins} min"));
    }
    let span = parts.join(" ");
    if delta.num_minutes() < 0 {
        format!("{} {span}", lang.pick("försenad", "overdue by"))
    } else {
        format!("{span} {}", lang.pick("kvar", "left"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::assessment::*;
    use crate::domain::model::notification::{ImyNotification, Notification};
    use crate::domain::model::report::Report;
    use crate::domain::moment::{ClockTime, parse_date};
    use chrono::TimeZone;
    use chrono_tz::Europe::Stockholm;

    fn report(date: &str, time: Option<(u32, u32)>) -> Report {
        let text = format!(
            "id: {}-0001\ntitle: t\ndiscovered:\n  date: {date}\n{}",
            &date[..4],
            time.map(|(h, m)| format!("  time: \"{h:02}:{m:02}\"\n"))
                .unwrap_or_default()
        );
        serde_saphyr::from_str(&text).unwrap()
    }

    fn at(text: &str) -> DateTime<Tz> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Stockholm)
    }

    fn notify_imy(incident: &Incident, now: &str) -> Obligation {
        obligations(incident, &DeadlineSettings::default(), Stockholm, at(now))
            .unwrap()
            .into_iter()
            .find(|o| o.duty == Duty::NotifyImy)
            .unwrap()
    }

    fn assessment(notify: bool) -> Assessment {
        Assessment {
            schema_version: 1,
            assessed_at: DateTime::parse_from_rfc3339("2026-03-27T15:00:00+01:00").unwrap(),
            first_assessed_at: None,
            assessed_by: "x".into(),
            data_processing_context: DataProcessingContext {
                category: DataCategory::Simple,
                score: 1,
                justification: None,
            },
            ease_of_identification: EaseOfIdentification::Negligible,
            circumstances: Circumstances {
                confidentiality: ConfidentialityLoss::None,
                integrity: IntegrityLoss::None,
                availability: AvailabilityLoss::None,
                malicious: false,
            },
            flags: Flags::default(),
            severity_score: 0.25,
            band: Band::Low,
            decision: Decision {
                notify_imy: notify,
                inform_data_subjects: false,
                exception: None,
                departure_reason: None,
            },
            reasoning: "r".into(),
        }
    }

    fn submitted(incident: &mut Incident, when: &str) {
        incident.notification = Some(Notification {
            schema_version: 1,
            imy: Some(ImyNotification {
                submitted_at: Some(DateTime::parse_from_rfc3339(when).unwrap()),
                case_number: None,
                late_reason: None,
                supplement_planned: None,
                supplements: vec![],
                secrecy: None,
            }),
            data_subjects: None,
            controller_notified_at: None,
            customers: vec![],
            nis2: None,
        });
    }

    #[test]
    fn the_72_hours_are_elapsed_hours_across_summer_time() {
        // Friday before summer time starts (29 March 2026): due 11:00 local on Monday.
        let spring = Incident::new(report("2026-03-27", Some((10, 0))));
        let due = notify_imy(&spring, "2026-03-27T12:00:00+01:00").due;
        assert_eq!(due.fixed_offset().to_rfc3339(), "2026-03-30T11:00:00+02:00");
        // Friday before it ends (25 October 2026): due 09:00 local on Monday.
        let autumn = Incident::new(report("2026-10-23", Some((10, 0))));
        let due = notify_imy(&autumn, "2026-10-23T12:00:00+02:00").due;
        assert_eq!(due.fixed_offset().to_rfc3339(), "2026-10-26T09:00:00+01:00");
    }

    #[test]
    fn a_date_without_time_runs_from_the_start_of_the_day() {
        let incident = Incident::new(report("2026-06-10", None));
        let obligation = notify_imy(&incident, "2026-06-10T12:00:00+02:00");
        assert_eq!(
            obligation.runs_from.fixed_offset().to_rfc3339(),
            "2026-06-10T00:00:00+02:00"
        );
        assert_eq!(
            obligation.due.fixed_offset().to_rfc3339(),
            "2026-06-13T00:00:00+02:00"
        );
    }

    #[test]
    fn new_years_eve_crosses_into_the_next_year() {
        let incident = Incident::new(report("2026-12-31", Some((23, 30))));
        let obligation = notify_imy(&incident, "2027-01-01T00:00:00+01:00");
        assert_eq!(
            obligation.due.fixed_offset().to_rfc3339(),
            "2027-01-03T23:30:00+01:00"
        );
        assert_eq!(obligation.state, State::Pending);
    }

    #[test]
    fn states_met_met_late_overdue_pending_and_not_required() {
        let base = Incident::new(report("2026-03-27", Some((10, 0))));
        // due 2026-03-30T11:00+02:00
        assert_eq!(
            notify_imy(&base, "2026-03-30T10:59:00+02:00").state,
            State::Pending
        );
        assert_eq!(
            notify_imy(&base, "2026-03-30T11:00:00+02:00").state,
            State::Overdue
        );
        let mut on_time = base.clone();
        submitted(&mut on_time, "2026-03-30T11:00:00+02:00");
        assert_eq!(
            notify_imy(&on_time, "2026-04-10T00:00:00+02:00").state,
            State::Met
        );
        let mut late = base.clone();
        submitted(&mut late, "2026-03-30T11:01:00+02:00");
        assert_eq!(
            notify_imy(&late, "2026-04-10T00:00:00+02:00").state,
            State::MetLate
        );
        let all = obligations(
            &late,
            &DeadlineSettings::default(),
            Stockholm,
            at("2026-04-10T00:00:00+02:00"),
        )
        .unwrap();
        let reason = all.iter().find(|o| o.duty == Duty::LateReason).unwrap();
        assert_eq!(
            reason.state,
            State::Overdue,
            "the late notification lacks its reason (IMY q14)"
        );
        let mut not_required = base.clone();
        not_required.assessment = Some(assessment(false));
        assert_eq!(
            notify_imy(&not_required, "2026-04-10T00:00:00+02:00").state,
            State::NotRequired
        );
        let mut required = base.clone();
        required.assessment = Some(assessment(true));
        assert_eq!(
            notify_imy(&required, "2026-04-10T00:00:00+02:00").state,
            State::Overdue
        );
        // Unassessed: the notification applies.
        assert_eq!(
            notify_imy(&base, "2026-03-28T00:00:00+01:00").state,
            State::Pending
        );
    }

    #[test]
    fn a_processor_notifies_its_controller_not_imy() {
        let mut incident = Incident::new(report("2026-03-27", Some((10, 0))));
        incident.report.role = Role::Processor;
        let all = obligations(
            &incident,
            &DeadlineSettings::default(),
            Stockholm,
            at("2026-03-27T12:00:00+01:00"),
        )
        .unwrap();
        assert_eq!(
            all.iter()
                .find(|o| o.duty == Duty::NotifyImy)
                .unwrap()
                .state,
            State::NotRequired
        );
        let controller = all
            .iter()
            .find(|o| o.duty == Duty::NotifyController)
            .unwrap();
        assert_eq!(
            controller.due.fixed_offset().to_rfc3339(),
            "2026-03-28T10:00:00+01:00"
        );
        assert_eq!(controller.duty.rule(), "GDPR Art. 33(2)");
    }

    #[test]
    fn internal_targets_come_from_the_settings() {
        let incident = Incident::new(report("2026-03-27", Some((10, 0))));
        let settings = DeadlineSettings {
            contact_dpo_hours: 2,
            close_days: 30,
            ..DeadlineSettings::default()
        };
        let all = obligations(
            &incident,
            &settings,
            Stockholm,
            at("2026-03-27T12:30:00+01:00"),
        )
        .unwrap();
        let dpo = all.iter().find(|o| o.duty == Duty::ContactDpo).unwrap();
        assert_eq!(
            (dpo.due.fixed_offset().to_rfc3339().as_str(), dpo.state),
            ("2026-03-27T12:00:00+01:00", State::Overdue)
        );
        let close = all.iter().find(|o| o.duty == Duty::CloseCase).unwrap();
        assert_eq!(
            close.due.fixed_offset().to_rfc3339(),
            "2026-04-26T10:00:00+02:00",
            "calendar days keep the local time"
        );
    }

    #[test]
    fn time_left_reads_plainly() {
        let now = Stockholm.with_ymd_and_hms(2026, 3, 27, 12, 0, 0).unwrap();
        assert_eq!(
            time_left(
                now + Duration::minutes(2 * 24 * 60 + 3 * 60 + 5),
                now,
                Lang::En
            ),
            "2 d 3 h left"
        );
        assert_eq!(
            time_left(now - Duration::minutes(90), now, Lang::En),
            "overdue by 1 h 30 min"
        );
        assert_eq!(time_left(now, now, Lang::Sv), "0 min kvar");
        let _ = (parse_date("2026-01-01"), ClockTime::new(1, 0));
    }
}
