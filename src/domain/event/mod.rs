//! What a journal entry records, as machine keys and as words. The keys travel as the
//! commit's trailers (`Event: assessed`, `Band: very_high`, …: English, stable, the
//! contract between clones, design.md §13); the subject is rendered from them in the
//! register's language when the entry is written, and in the reader's when `history`
//! shows it. An entry without the trailers (older commits, plain git) keeps its subject.

use crate::domain::Lang;
use crate::domain::labels::option_label;
use crate::domain::model::assessment::Band;
use crate::domain::model::verdict::VerdictKind;
use crate::domain::regimes::regimes;

mod trailers;

pub use trailers::EVENT;

/// One kind of journal entry with what its subject says.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    RegisterCreated {
        organisation: String,
    },
    RegisterAdopted {
        organisation: String,
        incidents: usize,
    },
    /// `.gitattributes` set up so that Git merges the files by their meaning.
    MergeByMeaning,
    /// Incidents taken in from an old register's spreadsheet (`incident import`).
    Imported {
        incidents: usize,
        file: String,
    },
    /// Files of one incident edited by hand, by name.
    EditedByHand {
        files: Vec<String>,
    },
    /// Files of the register edited by hand (settings, several incidents).
    RegisterEditedByHand {
        files: usize,
    },
    Reported {
        title: String,
    },
    Verdict {
        kind: VerdictKind,
    },
    Aware {
        at: String,
    },
    /// The incident ended (IMY questions 12–13).
    Ended {
        at: String,
    },
    ManagerTold {
        name: Option<String>,
    },
    DpoContacted {
        name: Option<String>,
    },
    ControllerNotified {
        name: Option<String>,
    },
    /// Customers listed as affected, before any notice is sent to them.
    CustomersListed {
        customers: Vec<String>,
    },
    /// A notice to an affected customer: `acknowledgement`, `detailed` or `resolution`.
    CustomerNotice {
        notice: String,
        customer: String,
    },
    Assessed {
        again: bool,
        band: Band,
        score: f64,
        notify_imy: bool,
        inform_data_subjects: bool,
        /// The organisation is the processor: the decision is its controller's to make
        /// (GDPR Art. 33(1)); its own duty is the notice to the controller (Art. 33(2)).
        processor: bool,
    },
    /// Whether a regime applies (NIS2: whether the incident is significant).
    Classified {
        regime: String,
        applies: bool,
    },
    /// A report under a regime sent; `to_csirt` when the subject names NIS2's recipient.
    RegimeReportSent {
        regime: String,
        report: String,
        to_csirt: bool,
    },
    CsirtRequest {
        number: usize,
    },
    CsirtReportSent {
        number: usize,
    },
    ActionLogged {
        action: String,
    },
    MeasurePlanned {
        measure: String,
    },
    MeasureDone {
        measure: String,
    },
    MeasureDeferred {
        measure: String,
    },
    ImyNotified {
        case_number: Option<String>,
    },
    SupplementSent {
        number: usize,
    },
    PublicInformed,
    SubjectsInformed,
    SubjectsWillBeInformed {
        when: String,
    },
    /// Reasons of IMY question 35, as keys.
    SubjectsNotInformed {
        reasons: Vec<String>,
    },
    Closed {
        waived: usize,
    },
    Reopened,
}

impl Event {
    /// The `Event` trailer's value.
    pub fn key(&self) -> &'static str {
        match self {
            Event::RegisterCreated { .. } => "register_created",
            Event::RegisterAdopted { .. } => "register_adopted",
            Event::MergeByMeaning => "merge_by_meaning",
            Event::Imported { .. } => "imported",
            Event::EditedByHand { .. } => "edited_by_hand",
            Event::RegisterEditedByHand { .. } => "register_edited_by_hand",
            Event::Reported { .. } => "reported",
            Event::Verdict { .. } => "verdict",
            Event::Aware { .. } => "aware",
            Event::Ended { .. } => "ended",
            Event::ManagerTold { .. } => "manager_told",
            Event::DpoContacted { .. } => "dpo_contacted",
            Event::ControllerNotified { .. } => "controller_notified",
            Event::CustomersListed { .. } => "customers_listed",
            Event::CustomerNotice { .. } => "customer_notice",
            Event::Assessed { again: false, .. } => "assessed",
            Event::Assessed { again: true, .. } => "reassessed",
            Event::Classified { .. } => "classified",
            Event::RegimeReportSent { .. } => "regime_report_sent",
            Event::CsirtRequest { .. } => "csirt_request",
            Event::CsirtReportSent { .. } => "csirt_report_sent",
            Event::ActionLogged { .. } => "action_logged",
            Event::MeasurePlanned { .. } => "measure_planned",
            Event::MeasureDone { .. } => "measure_done",
            Event::MeasureDeferred { .. } => "measure_deferred",
            Event::ImyNotified { .. } => "imy_notified",
            Event::SupplementSent { .. } => "supplement_sent",
            Event::PublicInformed => "public_informed",
            Event::SubjectsInformed => "subjects_informed",
            Event::SubjectsWillBeInformed { .. } => "subjects_will_be_informed",
            Event::SubjectsNotInformed { .. } => "subjects_not_informed",
            Event::Closed { .. } => "closed",
            Event::Reopened => "reopened",
        }
    }

    /// Whether the entry is about the register rather than one incident: its subject
    /// does not begin with an id.
    fn of_register(&self) -> bool {
        matches!(
            self,
            Event::RegisterCreated { .. }
                | Event::RegisterAdopted { .. }
                | Event::MergeByMeaning
                | Event::Imported { .. }
                | Event::RegisterEditedByHand { .. }
        )
    }

    /// The entry's subject in `lang`: `<id>: <what happened>` for an incident's entry,
    /// the register's own words for the register's.
    pub fn subject(&self, id: &str, lang: Lang) -> String {
        let what = self.what(lang);
        if self.of_register() {
            what
        } else {
            format!("{id}: {what}")
        }
    }

    /// What happened, in `lang`.
    #[expect(
        clippy::too_many_lines,
        reason = "one arm a kind of entry, each with its two languages"
    )]
    fn what(&self, lang: Lang) -> String {
        let t = |sv: &'static str, en: &'static str| lang.pick(sv, en);
        let named = |name: &Option<String>| match name {
            Some(name) => format!(" ({name})"),
            None => String::new(),
        };
        match self {
            Event::RegisterCreated { organisation } => {
                format!(
                    "{} {organisation}",
                    t("registret skapat:", "register created:")
                )
            }
            Event::RegisterAdopted {
                organisation,
                incidents,
            } => format!(
                "{} {organisation} ({incidents} {})",
                t("registret övertaget:", "register adopted:"),
                match (lang, incidents) {
                    (_, 1) => "incident",
                    (Lang::Sv, _) => "incidenter",
                    (Lang::En, _) => "incidents",
                }
            ),
            Event::MergeByMeaning => t(
                "registret: filerna slås ihop efter sin betydelse (.gitattributes)",
                "register: files merge by their meaning (.gitattributes)",
            )
            .to_string(),
            Event::Imported { incidents, file } => format!(
                "{} {incidents} {} {file}",
                t("registret:", "register:"),
                match (lang, incidents) {
                    (Lang::Sv, 1) => "incident importerad från",
                    (Lang::Sv, _) => "incidenter importerade från",
                    (Lang::En, 1) => "incident imported from",
                    (Lang::En, _) => "incidents imported from",
                }
            ),
            Event::EditedByHand { files } => format!(
                "{} ({})",
                t("handredigerad", "edited by hand"),
                files.join(", ")
            ),
            Event::RegisterEditedByHand { files } => format!(
                "{} ({files} {})",
                t("registret: handredigerat", "register: edited by hand"),
                match (lang, files) {
                    (Lang::Sv, 1) => "fil",
                    (Lang::Sv, _) => "filer",
                    (Lang::En, 1) => "file",
                    (Lang::En, _) => "files",
                }
            ),
            Event::Reported { title } => format!("{} {title}", t("rapporterad:", "reported:")),
            // English keeps the key, as the journal has always written it.
            Event::Verdict { kind } => match lang {
                Lang::Sv => format!("avgörande: {}", kind.label(lang)),
                Lang::En => format!("verdict: {}", kind.key()),
            },
            Event::Aware { at } => format!("{} {at}", t("vetskap från", "aware")),
            Event::Ended { at } => format!("{} {at}", t("upphörde", "ended")),
            Event::ManagerTold { name } => format!(
                "{}{}",
                t("ansvarig chef informerad", "manager told"),
                named(name)
            ),
            Event::DpoContacted { name } => format!(
                "{}{}",
                t("dataskyddsombudet kontaktat", "DPO contacted"),
                named(name)
            ),
            Event::ControllerNotified { name } => format!(
                "{} ({})",
                t("personuppgiftsansvarig underrättad", "controller notified"),
                name.as_deref()
                    .unwrap_or(t("den personuppgiftsansvarige", "the controller"))
            ),
            Event::CustomersListed { customers } => format!(
                "{}: {}",
                t("berörda kunder listade", "customers listed as affected"),
                customers.join(", ")
            ),
            Event::CustomerNotice { notice, customer } => {
                let what = match notice.as_str() {
                    "acknowledgement" => t(
                        "mottagningsbekräftelse skickad till kunden",
                        "acknowledgement sent to customer",
                    ),
                    "detailed" => t(
                        "detaljerat meddelande skickat till kunden",
                        "detailed notice sent to customer",
                    ),
                    _ => t(
                        "meddelande om lösning skickat till kunden",
                        "resolution notice sent to customer",
                    ),
                };
                format!("{what} {customer}")
            }
            Event::Assessed {
                again,
                band,
                score,
                processor: true,
                ..
            } => format!(
                "{}: {} (SE {}), {}",
                if *again {
                    t("riskbedömd på nytt", "risk re-assessed")
                } else {
                    t("riskbedömd", "risk assessed")
                },
                band.label(lang),
                lang.decimal(*score),
                t(
                    "underrätta den personuppgiftsansvarige",
                    "notify the controller"
                )
            ),
            Event::Assessed {
                again,
                band,
                score,
                notify_imy,
                inform_data_subjects,
                processor: false,
            } => format!(
                "{}: {} (SE {}), {}",
                if *again {
                    t("riskbedömd på nytt", "risk re-assessed")
                } else {
                    t("riskbedömd", "risk assessed")
                },
                band.label(lang),
                lang.decimal(*score),
                decision_in_words(*notify_imy, *inform_data_subjects, lang)
            ),
            Event::Classified { regime, applies } if regime == "nis2" => if *applies {
                t("NIS2: betydande incident", "NIS2: significant incident")
            } else {
                t(
                    "NIS2: inte en betydande incident",
                    "NIS2: not a significant incident",
                )
            }
            .to_string(),
            Event::Classified { regime, applies } => format!(
                "{}: {}",
                regimes()
                    .get(regime)
                    .map_or(regime.as_str(), |r| r.name(lang)),
                if *applies {
                    t("gäller", "applies")
                } else {
                    t("gäller inte", "does not apply")
                }
            ),
            Event::RegimeReportSent {
                regime,
                report,
                to_csirt,
            } => {
                let label = regimes()
                    .get(regime)
                    .and_then(|r| r.report(report))
                    .map_or(report.as_str(), |r| r.label(lang));
                let sent = if *to_csirt {
                    t("skickad till CSIRT", "sent to the CSIRT")
                } else {
                    t("skickad", "sent")
                };
                format!("{label} {sent}")
            }
            Event::CsirtRequest { number } => match lang {
                Lang::Sv => format!("NIS2: delrapport {number} begärd av CSIRT"),
                Lang::En => format!("NIS2: intermediate report {number} requested by the CSIRT"),
            },
            Event::CsirtReportSent { number } => match lang {
                Lang::Sv => format!("NIS2: delrapport {number} skickad till CSIRT"),
                Lang::En => format!("NIS2: intermediate report {number} sent to the CSIRT"),
            },
            Event::ActionLogged { action } => {
                format!("{} {action}", t("åtgärd loggad:", "action logged:"))
            }
            Event::MeasurePlanned { measure } => {
                format!("{} {measure}", t("åtgärd planerad:", "measure planned:"))
            }
            Event::MeasureDone { measure } => format!(
                "{} {measure}",
                t("planerad åtgärd genomförd:", "measure done:")
            ),
            Event::MeasureDeferred { measure } => format!(
                "{} {measure}",
                t("planerad åtgärd uppskjuten:", "measure deferred:")
            ),
            Event::ImyNotified { case_number } => format!(
                "{}{}",
                t("anmäld till IMY", "IMY notified"),
                named(case_number)
            ),
            Event::SupplementSent { number } => match lang {
                Lang::Sv => format!("komplettering {number} skickad till IMY"),
                Lang::En => format!("supplement {number} sent to IMY"),
            },
            // GDPR Art. 34(3)(c): the public communication instead of informing each one.
            Event::PublicInformed => t(
                "allmänheten informerad (GDPR art. 34.3 c)",
                "public informed (GDPR Art. 34(3)(c))",
            )
            .to_string(),
            Event::SubjectsInformed => {
                t("de registrerade informerade", "data subjects informed").to_string()
            }
            Event::SubjectsWillBeInformed { when } => format!(
                "{} ({when})",
                t(
                    "de registrerade ska informeras",
                    "data subjects will be informed"
                )
            ),
            // IMY question 35's reasons: their words in Swedish, the keys in English as
            // the journal has always written them.
            Event::SubjectsNotInformed { reasons } => match lang {
                Lang::Sv => format!(
                    "de registrerade informeras inte ({})",
                    reasons
                        .iter()
                        .map(|key| option_label(35, key, lang))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                Lang::En => format!("data subjects not informed ({})", reasons.join(", ")),
            },
            Event::Closed { waived } => match (lang, waived) {
                (_, 0) => t("avslutad", "closed").to_string(),
                (Lang::Sv, 1) => "avslutad, 1 skyldighet enligt lag avskriven".to_string(),
                (Lang::Sv, n) => format!("avslutad, {n} skyldigheter enligt lag avskrivna"),
                (Lang::En, 1) => "closed, 1 obligation of the law waived".to_string(),
                (Lang::En, n) => format!("closed, {n} obligations of the law waived"),
            },
            Event::Reopened => t("öppnad igen", "reopened").to_string(),
        }
    }
}

/// The decision of an assessment in words, for subjects and lists.
pub fn decision_in_words(notify_imy: bool, inform_data_subjects: bool, lang: Lang) -> &'static str {
    match (notify_imy, inform_data_subjects) {
        (false, false) => lang.pick("endast dokumentera", "document only"),
        (true, false) => lang.pick("anmäl till IMY", "notify IMY"),
        (true, true) => lang.pick(
            "anmäl till IMY, informera de registrerade",
            "notify IMY, inform data subjects",
        ),
        (false, true) => lang.pick("informera de registrerade", "inform data subjects"),
    }
}

#[cfg(test)]
mod tests;
