//! What is owed, the rule it comes from, and its names in both languages.

use crate::domain::lang::Lang;

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
    /// An intermediate report the CSIRT asked for, numbered from 1 in the order asked.
    Nis2Intermediate(usize),
    /// The progress report due instead of the final report while the incident goes on.
    Nis2ProgressReport,
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
            // Both articles say "without undue delay" and name no hours: the hours of the
            // deadline are the organisation's own target (incident.toml's [deadlines]).
            Duty::InformDataSubjects => lang.pick(
                "GDPR art. 34.1: utan onödigt dröjsmål; timmar: internt mål",
                "GDPR Art. 34(1): without undue delay; hours: internal target",
            ),
            Duty::NotifyController => lang.pick(
                "GDPR art. 33.2: utan onödigt dröjsmål; timmar: internt mål",
                "GDPR Art. 33(2): without undue delay; hours: internal target",
            ),
            Duty::InformCustomer(_) => lang.pick("avtal med kunden", "customer agreement"),
            Duty::ContactDpo => lang.pick("internt mål, steg B", "internal target, step B"),
            Duty::AssessRisk => lang.pick("internt mål, steg C", "internal target, step C"),
            // NIS2 Directive (EU) 2022/2555 Art. 23(4), in Swedish law the incident reports of
            // cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§, sent to the CSIRT-enhet
            // (cybersäkerhetsförordningen (2025:1507) 31 §). Which of 5–8 §§ holds which
            // figure is not verified, so the sections are cited together.
            Duty::Nis2EarlyWarning => lang.pick(
                "NIS2 art. 23.4 a; cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§",
                "NIS2 Art. 23(4)(a); cybersäkerhetslagen (2025:1506) ch. 2 ss. 5–8",
            ),
            Duty::Nis2Notification => lang.pick(
                "NIS2 art. 23.4 b; cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§",
                "NIS2 Art. 23(4)(b); cybersäkerhetslagen (2025:1506) ch. 2 ss. 5–8",
            ),
            Duty::Nis2Intermediate(_) => lang.pick(
                "NIS2 art. 23.4 c: på begäran, tid enligt begäran; cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§",
                "NIS2 Art. 23(4)(c): on request, by the time asked; cybersäkerhetslagen (2025:1506) ch. 2 ss. 5–8",
            ),
            Duty::Nis2FinalReport => lang.pick(
                "NIS2 art. 23.4 d–e; cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§",
                "NIS2 Art. 23(4)(d)–(e); cybersäkerhetslagen (2025:1506) ch. 2 ss. 5–8",
            ),
            Duty::Nis2ProgressReport => lang.pick(
                "NIS2 art. 23.4 e: incidenten pågår, slutrapport en månad efter att den hanterats; cybersäkerhetslagen (2025:1506) 2 kap. 5–8 §§",
                "NIS2 Art. 23(4)(e): the incident is ongoing, final report one month after it is handled; cybersäkerhetslagen (2025:1506) ch. 2 ss. 5–8",
            ),
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
            Duty::Nis2Intermediate(_) => "nis2_intermediate_report",
            Duty::Nis2ProgressReport => "nis2_progress_report",
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
            Duty::Nis2Intermediate(number) => format!(
                "{} {number} {}",
                lang.pick("NIS2: delrapport", "NIS2: intermediate report"),
                lang.pick("på CSIRT:s begäran", "on the CSIRT's request")
            ),
            Duty::Nis2ProgressReport => lang
                .pick("NIS2: lägesrapport", "NIS2: progress report")
                .into(),
            Duty::PlannedMeasure(what) => format!("{}: {what}", lang.pick("Åtgärd", "Measure")),
            Duty::CloseCase => lang.pick("Avsluta ärendet", "Close the case").into(),
        }
    }
}
