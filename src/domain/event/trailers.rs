//! An event as the commit's trailers, and back.

use super::Event;
use crate::domain::model::assessment::Band;
use crate::domain::model::verdict::VerdictKind;
use crate::domain::terminal::for_terminal;

/// The trailer that names an entry's event.
pub const EVENT: &str = "Event";

impl Event {
    /// The trailers that carry the event: `Event` and its parameters (one line each; a
    /// text a person wrote is cut to its first line and made safe for a terminal). A
    /// `Regime` trailer is the one the entry already carries for its regime.
    pub fn trailers(&self) -> Vec<(String, String)> {
        let mut out = vec![(EVENT.to_string(), self.key().to_string())];
        let mut put = |key: &str, value: &str| out.push((key.to_string(), one_line(value)));
        match self {
            Event::RegisterCreated { organisation } => put("Organisation", organisation),
            Event::RegisterAdopted {
                organisation,
                incidents,
            } => {
                put("Organisation", organisation);
                put("Incidents", &incidents.to_string());
            }
            Event::Imported { incidents, file } => {
                put("Incidents", &incidents.to_string());
                put("File", file);
            }
            Event::EditedByHand { files } => put("Files", &files.join(", ")),
            Event::RegisterEditedByHand { files } => put("Files", &files.to_string()),
            Event::Reported { title } => put("Title", title),
            Event::Verdict { kind } => put("Verdict", kind.key()),
            Event::Aware { at } | Event::Ended { at } => put("At", at),
            Event::ManagerTold { name }
            | Event::DpoContacted { name }
            | Event::ControllerNotified { name } => {
                if let Some(name) = name {
                    put("Name", name);
                }
            }
            Event::CustomersListed { customers } => put("Customers", &customers.join(", ")),
            Event::CustomerNotice { notice, customer } => {
                put("Notice", notice);
                put("Customer", customer);
            }
            Event::Assessed {
                band,
                score,
                notify_imy,
                inform_data_subjects,
                processor,
                ..
            } => {
                put("Band", band.key());
                put("Score", &score.to_string());
                put("Notify-IMY", yes_no(*notify_imy));
                put("Inform-Subjects", yes_no(*inform_data_subjects));
                if *processor {
                    put("Role", "processor");
                }
            }
            Event::Classified { applies, .. } => put("Applies", yes_no(*applies)),
            Event::RegimeReportSent {
                report, to_csirt, ..
            } => {
                put("Report", report);
                if *to_csirt {
                    put("To", "csirt");
                }
            }
            Event::CsirtRequest { number }
            | Event::CsirtReportSent { number }
            | Event::SupplementSent { number } => put("Number", &number.to_string()),
            Event::ActionLogged { action } => put("Action", action),
            Event::MeasurePlanned { measure }
            | Event::MeasureDone { measure }
            | Event::MeasureDeferred { measure } => put("Measure", measure),
            Event::ImyNotified { case_number } => {
                if let Some(number) = case_number {
                    put("Case-Number", number);
                }
            }
            Event::SubjectsWillBeInformed { when } => put("When", when),
            Event::SubjectsNotInformed { reasons } => put("Reasons", &reasons.join(", ")),
            Event::Closed { waived } => put("Waived", &waived.to_string()),
            Event::MergeByMeaning
            | Event::PublicInformed
            | Event::SubjectsInformed
            | Event::Reopened => {}
        }
        out
    }

    /// The event an entry's trailers carry; `None` for an entry without them (or with a
    /// key or a value this version does not know).
    pub fn from_trailers(trailers: &[(String, String)]) -> Option<Event> {
        let get = |key: &str| {
            trailers
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        let text = |key: &str| get(key).unwrap_or_default();
        let count = |key: &str| get(key).and_then(|v| v.parse::<usize>().ok());
        let flag = |key: &str| match get(key).as_deref() {
            Some("yes") => Some(true),
            Some("no") => Some(false),
            _ => None,
        };
        let list = |key: &str| -> Vec<String> {
            get(key)
                .map(|v| {
                    v.split(", ")
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        Some(match get(EVENT)?.as_str() {
            "register_created" => Event::RegisterCreated {
                organisation: text("Organisation"),
            },
            "register_adopted" => Event::RegisterAdopted {
                organisation: text("Organisation"),
                incidents: count("Incidents")?,
            },
            "merge_by_meaning" => Event::MergeByMeaning,
            "imported" => Event::Imported {
                incidents: count("Incidents")?,
                file: text("File"),
            },
            "edited_by_hand" => Event::EditedByHand {
                files: list("Files"),
            },
            "register_edited_by_hand" => Event::RegisterEditedByHand {
                files: count("Files")?,
            },
            "reported" => Event::Reported {
                title: text("Title"),
            },
            "verdict" => Event::Verdict {
                kind: VerdictKind::parse(&get("Verdict")?)?,
            },
            "aware" => Event::Aware { at: get("At")? },
            "ended" => Event::Ended { at: get("At")? },
            "manager_told" => Event::ManagerTold { name: get("Name") },
            "dpo_contacted" => Event::DpoContacted { name: get("Name") },
            "controller_notified" => Event::ControllerNotified { name: get("Name") },
            "customers_listed" => Event::CustomersListed {
                customers: list("Customers"),
            },
            "customer_notice" => Event::CustomerNotice {
                notice: get("Notice")?,
                customer: text("Customer"),
            },
            key @ ("assessed" | "reassessed") => Event::Assessed {
                again: key == "reassessed",
                band: [Band::Low, Band::Medium, Band::High, Band::VeryHigh]
                    .into_iter()
                    .find(|b| Some(b.key()) == get("Band").as_deref())?,
                score: get("Score")?.parse().ok()?,
                notify_imy: flag("Notify-IMY")?,
                inform_data_subjects: flag("Inform-Subjects")?,
                processor: get("Role").as_deref() == Some("processor"),
            },
            "classified" => Event::Classified {
                regime: get("Regime")?,
                applies: flag("Applies")?,
            },
            "regime_report_sent" => Event::RegimeReportSent {
                regime: get("Regime")?,
                report: get("Report")?,
                to_csirt: get("To").as_deref() == Some("csirt"),
            },
            "csirt_request" => Event::CsirtRequest {
                number: count("Number")?,
            },
            "csirt_report_sent" => Event::CsirtReportSent {
                number: count("Number")?,
            },
            "action_logged" => Event::ActionLogged {
                action: text("Action"),
            },
            "measure_planned" => Event::MeasurePlanned {
                measure: text("Measure"),
            },
            "measure_done" => Event::MeasureDone {
                measure: text("Measure"),
            },
            "measure_deferred" => Event::MeasureDeferred {
                measure: text("Measure"),
            },
            "imy_notified" => Event::ImyNotified {
                case_number: get("Case-Number"),
            },
            "supplement_sent" => Event::SupplementSent {
                number: count("Number")?,
            },
            "public_informed" => Event::PublicInformed,
            "subjects_informed" => Event::SubjectsInformed,
            "subjects_will_be_informed" => Event::SubjectsWillBeInformed { when: get("When")? },
            "subjects_not_informed" => Event::SubjectsNotInformed {
                reasons: list("Reasons"),
            },
            "closed" => Event::Closed {
                waived: count("Waived")?,
            },
            "reopened" => Event::Reopened,
            _ => return None,
        })
    }
}

fn yes_no(value: bool) -> &'static str {
    if value { "yes" } else { "no" }
}

/// A value as one trailer line: its first line, safe for a terminal.
fn one_line(value: &str) -> String {
    for_terminal(value.lines().next().unwrap_or_default().trim()).into_owned()
}
