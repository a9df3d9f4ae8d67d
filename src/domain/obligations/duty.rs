//! What is owed, the rule it comes from, and its names in both languages.

use crate::domain::lang::Lang;
use crate::domain::model::notification::CustomerNotice;
use crate::domain::regimes::RegimeReport;

/// What is owed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duty {
    NotifyImy,
    /// The organisation's own, shorter target for notifying IMY (incident.toml's
    /// `notify_imy_hours`), beside the law's 72 hours.
    NotifyImyTarget,
    LateReason,
    Supplement,
    InformDataSubjects,
    /// GDPR Art. 34(3)(c): informing each data subject would take disproportionate effort,
    /// so a public communication (or a similar measure, equally effective) informs them.
    PublicCommunication,
    NotifyController,
    /// One of the three notices of a vendor's process to an affected customer, each met
    /// only by its own notice.
    InformCustomer {
        name: String,
        notice: CustomerNotice,
    },
    ContactDpo,
    AssessRisk,
    /// A report under a regime beside the GDPR (NIS2, DORA, CERT-SE), as the regimes file
    /// describes it; numbered from 1 when there may be several (NIS2's intermediate reports
    /// on request).
    Report(&'static RegimeReport, Option<usize>),
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
            Duty::NotifyImyTarget => lang.pick(
                "internt mål; lagens frist är 72 timmar (GDPR art. 33.1)",
                "internal target; the law's deadline is 72 hours (GDPR Art. 33(1))",
            ),
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
            // Art. 34(3)(c) replaces the communication of Art. 34(1), which is owed "without
            // undue delay"; the hours are those of informing the data subjects.
            Duty::PublicCommunication => lang.pick(
                "GDPR art. 34.3 c: utan onödigt dröjsmål (art. 34.1); timmar: internt mål",
                "GDPR Art. 34(3)(c): without undue delay (Art. 34(1)); hours: internal target",
            ),
            Duty::NotifyController => lang.pick(
                "GDPR art. 33.2: utan onödigt dröjsmål; timmar: internt mål",
                "GDPR Art. 33(2): without undue delay; hours: internal target",
            ),
            // The vendor's own process and its agreements with the customers, not law.
            Duty::InformCustomer { notice, .. } => match notice {
                CustomerNotice::Acknowledgement => lang.pick(
                    "avtal med kunden: kvittens med ärendenummer",
                    "customer agreement: acknowledgement with the case number",
                ),
                CustomerNotice::Detailed => lang.pick(
                    "avtal med kunden: konsekvenser och omfattning",
                    "customer agreement: consequences and extent",
                ),
                CustomerNotice::Resolution => lang.pick(
                    "avtal med kunden: före avslut, steg H",
                    "customer agreement: before closing, step H",
                ),
            },
            Duty::ContactDpo => lang.pick("internt mål, steg B", "internal target, step B"),
            Duty::AssessRisk => lang.pick("internt mål, steg C", "internal target, step C"),
            Duty::Report(report, _) => report.rule(lang),
            Duty::PlannedMeasure(_) => {
                lang.pick("planerad åtgärd, steg E", "planned measure, step E")
            }
            Duty::CloseCase => lang.pick("internt mål, steg H", "internal target, step H"),
        }
    }

    pub fn key(&self) -> &'static str {
        match self {
            Duty::NotifyImy => "notify_imy",
            Duty::NotifyImyTarget => "notify_imy_target",
            Duty::LateReason => "late_reason",
            Duty::Supplement => "supplement",
            Duty::InformDataSubjects => "inform_data_subjects",
            Duty::PublicCommunication => "public_communication",
            Duty::NotifyController => "notify_controller",
            Duty::InformCustomer { notice, .. } => match notice {
                CustomerNotice::Acknowledgement => "acknowledge_customer",
                // The key of the one customer duty before the three were told apart.
                CustomerNotice::Detailed => "inform_customer",
                CustomerNotice::Resolution => "tell_customer_resolution",
            },
            Duty::ContactDpo => "contact_dpo",
            Duty::AssessRisk => "assess_risk",
            Duty::Report(report, _) => &report.duty_key,
            Duty::PlannedMeasure(_) => "planned_measure",
            Duty::CloseCase => "close_case",
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        match self {
            Duty::NotifyImy => lang.pick("Anmäla till IMY", "Notify IMY").into(),
            Duty::NotifyImyTarget => lang
                .pick(
                    "Anmäla till IMY (internt mål)",
                    "Notify IMY (internal target)",
                )
                .into(),
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
            Duty::PublicCommunication => lang
                .pick("Informera allmänheten", "Inform the public")
                .into(),
            Duty::NotifyController => lang
                .pick(
                    "Underrätta den personuppgiftsansvarige",
                    "Notify the controller",
                )
                .into(),
            Duty::InformCustomer { name, notice } => {
                let what = match notice {
                    CustomerNotice::Acknowledgement => {
                        lang.pick("Kvittens till kunden", "Acknowledgement to the customer")
                    }
                    CustomerNotice::Detailed => lang.pick(
                        "Detaljerat besked till kunden",
                        "Detailed notice to the customer",
                    ),
                    CustomerNotice::Resolution => lang.pick(
                        "Besked om lösning till kunden",
                        "Resolution notice to the customer",
                    ),
                };
                format!("{what} {name}")
            }
            Duty::ContactDpo => lang
                .pick("Kontakta dataskyddsombudet", "Contact the DPO")
                .into(),
            Duty::AssessRisk => lang.pick("Bedöma risken", "Assess the risk").into(),
            Duty::Report(report, None) => report.label(lang).into(),
            Duty::Report(report, Some(number)) => format!("{} ({number})", report.label(lang)),
            Duty::PlannedMeasure(what) => format!("{}: {what}", lang.pick("Åtgärd", "Measure")),
            Duty::CloseCase => lang.pick("Avsluta ärendet", "Close the case").into(),
        }
    }

    /// Whether the duty comes from the law (GDPR; the regimes' reports that
    /// catalogue/regimes.toml marks `law`: NIS2 / cybersäkerhetslagen, DORA, CERT-SE) rather than
    /// from the organisation's own targets or agreements. A case is not closed while a duty
    /// of the law is open, unless it is waived with a reason (`incident close --waive`).
    /// Exhaustive on purpose: a new duty must be classified here.
    pub fn is_law(&self) -> bool {
        match self {
            Duty::NotifyImy
            | Duty::LateReason
            | Duty::Supplement
            | Duty::InformDataSubjects
            | Duty::PublicCommunication
            | Duty::NotifyController => true,
            Duty::Report(report, _) => report.law,
            Duty::NotifyImyTarget
            | Duty::InformCustomer { .. }
            | Duty::ContactDpo
            | Duty::AssessRisk
            | Duty::PlannedMeasure(_)
            | Duty::CloseCase => false,
        }
    }
}
