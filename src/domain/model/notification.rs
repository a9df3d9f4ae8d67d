//! `notification.yaml`: what was sent to IMY, told to the data subjects and to other
//! parties (step F; IMY questions 14 and 31–37).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Q35, Selection};
use super::regimes::CsirtRequest;

/// Notifications and communications of one incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// The notification to IMY (GDPR Art. 33).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imy: Option<ImyNotification>,
    /// Information to the data subjects (GDPR Art. 34; IMY questions 31–35).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_subjects: Option<DataSubjectsInformation>,
    /// The public communication that informs the data subjects instead, when informing each
    /// of them would take disproportionate effort (GDPR Art. 34(3)(c)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_communication: Option<PublicCommunication>,
    /// When the controller was notified, when the organisation is the processor (GDPR Art. 33(2)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub controller_notified_at: Option<DateTime<FixedOffset>>,
    /// Customers told, with the three notices a vendor sends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customers: Vec<CustomerNotices>,
    /// Reports to the CSIRT when the incident is significant under NIS2 Art. 23 /
    /// the Swedish cybersäkerhetslag (2025:1506).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nis2: Option<Nis2Reports>,
    /// Reports under the other regimes the register follows (DORA, CERT-SE): by the
    /// regime's key, then the report's key (as in the tool's catalogue/regimes.toml), when
    /// each was sent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub regime_reports: BTreeMap<String, BTreeMap<String, DateTime<FixedOffset>>>,
}

/// The reports of NIS2 Art. 23(4) to the CSIRT (cybersäkerhetslagen (2025:1506) 2 kap.
/// 5–8 §§): early warning, incident notification, intermediate reports on request, final
/// report, and the progress report when the incident is still ongoing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Nis2Reports {
    /// When the early warning was sent (within 24 hours of awareness).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_warning_at: Option<DateTime<FixedOffset>>,
    /// When the incident notification was sent (within 72 hours of awareness).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_at: Option<DateTime<FixedOffset>>,
    /// When the final report was sent (within one month of the incident notification).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_report_at: Option<DateTime<FixedOffset>>,
    /// Intermediate reports the CSIRT asked for, each with its answer (Art. 23(4)(c)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub intermediate: Vec<CsirtRequest>,
    /// When the progress report was sent: the incident was still ongoing when the final
    /// report was due (Art. 23(4)(e)); the final report then follows within one month of
    /// the incident's handling.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress_report_at: Option<DateTime<FixedOffset>>,
}

/// The notification to IMY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImyNotification {
    /// When it was submitted (RFC 3339 with offset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<DateTime<FixedOffset>>,
    /// IMY's case number, e.g. IMY-2026-1234.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_number: Option<String>,
    /// Why the notification comes later than 72 hours after discovery (GDPR Art. 33(1);
    /// IMY question 14).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
    /// A supplement is announced (IMY question 36; IMY: within 4 weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplement_planned: Option<bool>,
    /// Supplements sent, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supplements: Vec<Supplement>,
    /// What in the notification should be secret, and why (IMY question 37; OSL 2009:400).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<String>,
}

/// A supplement (komplettering) sent to IMY.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplement {
    /// When it was submitted.
    pub submitted_at: DateTime<FixedOffset>,
    /// What it added.
    pub summary: String,
}

/// Information to the data subjects (IMY questions 31–35).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DataSubjectsInformation {
    /// Have they been informed? (IMY question 31)
    pub informed: bool,
    /// When they were informed (IMY question 32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informed_at: Option<DateTime<FixedOffset>>,
    /// How they were informed (letter, e-mail, public notice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
    /// Will they be informed? (IMY question 33)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub will_inform: Option<bool>,
    /// When they will be informed (IMY question 34).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub will_inform_on: Option<String>,
    /// Why they will not be informed (IMY question 35; GDPR Art. 34(3)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons_not_to_inform: Option<Selection<Q35>>,
}

/// A public communication, or a similar measure that informs the data subjects in an
/// equally effective way (GDPR Art. 34(3)(c)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicCommunication {
    /// When the public was informed (RFC 3339 with offset).
    pub at: DateTime<FixedOffset>,
    /// How and where: e.g. a notice on the website's front page, a press release.
    pub how: String,
}

/// A customer told of the incident, with the three notices of a vendor's process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerNotices {
    /// The customer.
    pub name: String,
    /// Acknowledgement with the case number sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<DateTime<FixedOffset>>,
    /// Detailed notice (consequences, extent) sent; promised within the agreement's hours
    /// (`inform_customers_hours`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detailed_notice_at: Option<DateTime<FixedOffset>>,
    /// Resolution notice sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution_at: Option<DateTime<FixedOffset>>,
}

/// Which of a vendor's three notices to a customer (the Boet process: the acknowledgement
/// with the case number, the detailed notice within 72 hours, the resolution).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CustomerNotice {
    Acknowledgement,
    Detailed,
    Resolution,
}

impl CustomerNotice {
    pub const ALL: [CustomerNotice; 3] = [
        CustomerNotice::Acknowledgement,
        CustomerNotice::Detailed,
        CustomerNotice::Resolution,
    ];

    /// The value of `--notice` that names it.
    pub fn key(self) -> &'static str {
        match self {
            CustomerNotice::Acknowledgement => "acknowledgement",
            CustomerNotice::Detailed => "detailed",
            CustomerNotice::Resolution => "resolution",
        }
    }
}

impl CustomerNotices {
    /// A customer listed as affected, with no notice sent yet.
    pub fn listed(name: &str) -> CustomerNotices {
        CustomerNotices {
            name: name.trim().to_string(),
            acknowledged_at: None,
            detailed_notice_at: None,
            resolution_at: None,
        }
    }

    /// Whether `name` names this customer: without regard to case or the spaces around
    /// it ("Exempelby Kommun" is "Exempelby kommun").
    pub fn is_named(&self, name: &str) -> bool {
        same_customer(&self.name, name)
    }

    /// When `notice` was sent to this customer; each notice only by its own field.
    pub fn sent_at(&self, notice: CustomerNotice) -> Option<DateTime<FixedOffset>> {
        match notice {
            CustomerNotice::Acknowledgement => self.acknowledged_at,
            CustomerNotice::Detailed => self.detailed_notice_at,
            CustomerNotice::Resolution => self.resolution_at,
        }
    }

    /// Records that `notice` was sent `at`.
    pub fn mark_sent(&mut self, notice: CustomerNotice, at: DateTime<FixedOffset>) {
        let field = match notice {
            CustomerNotice::Acknowledgement => &mut self.acknowledged_at,
            CustomerNotice::Detailed => &mut self.detailed_notice_at,
            CustomerNotice::Resolution => &mut self.resolution_at,
        };
        *field = Some(at);
    }
}

/// Two names of one customer: equal without regard to case or surrounding spaces.
pub fn same_customer(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Notification {
    /// The customer `name` names (without regard to case), listed first if it is not yet:
    /// the spelling first recorded is kept.
    pub fn customer_mut(&mut self, name: &str) -> &mut CustomerNotices {
        let index = match self.customers.iter().position(|c| c.is_named(name)) {
            Some(index) => index,
            None => {
                self.customers.push(CustomerNotices::listed(name));
                self.customers.len() - 1
            }
        };
        &mut self.customers[index]
    }

    /// Whether `name` is listed among the affected customers (without regard to case).
    pub fn lists_customer(&self, name: &str) -> bool {
        self.customers.iter().any(|c| c.is_named(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty() -> Notification {
        Notification {
            schema_version: 1,
            imy: None,
            data_subjects: None,
            public_communication: None,
            controller_notified_at: None,
            customers: Vec::new(),
            nis2: None,
            regime_reports: BTreeMap::new(),
        }
    }

    #[test]
    fn a_customer_is_one_customer_whatever_the_case_of_its_name() {
        let mut notification = empty();
        let at = DateTime::parse_from_rfc3339("2026-03-27T12:00:00+01:00").unwrap();
        notification
            .customer_mut("Exempelby kommun")
            .mark_sent(CustomerNotice::Acknowledgement, at);
        notification
            .customer_mut(" Exempelby Kommun ")
            .mark_sent(CustomerNotice::Detailed, at);
        assert_eq!(notification.customers.len(), 1);
        let customer = &notification.customers[0];
        assert_eq!(customer.name, "Exempelby kommun");
        assert_eq!(customer.sent_at(CustomerNotice::Acknowledgement), Some(at));
        assert_eq!(customer.sent_at(CustomerNotice::Detailed), Some(at));
        assert_eq!(customer.sent_at(CustomerNotice::Resolution), None);
        assert!(notification.lists_customer("EXEMPELBY KOMMUN"));
        assert!(same_customer("Älvdalens Kommun", "älvdalens kommun"));
    }
}
