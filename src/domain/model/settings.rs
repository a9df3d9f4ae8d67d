//! `incident.toml`: the register's settings (IMY questions 1–9 and the defaults of 19–20).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::answers::{Choice, Q19, Q20};
use crate::domain::lang::Lang;

/// The settings of one register: who the organisation is, its data protection officer,
/// the default contacts for IMY, and how the register works.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Version of the file format.
    #[serde(default = "super::current_schema_version")]
    #[schemars(schema_with = "super::schema_version_schema")]
    pub schema_version: u32,
    /// The reporting regimes the register follows: "gdpr" (always; its duties follow the
    /// risk assessment) and keys of the tool's catalogue/regimes.toml: "nis2" (NIS2 /
    /// cybersäkerhetslagen, for incidents classified significant), "dora" (for incidents
    /// classified as major ICT-related incidents), "cert_se" (the state agencies' reports of
    /// every IT incident to CERT-SE). Default: `["gdpr", "nis2"]`.
    #[serde(default = "default_regimes")]
    pub regimes: Vec<String>,
    /// The organisation that keeps the register (the controller; IMY questions 1–3).
    pub organisation: Organisation,
    /// The data protection officer (dataskyddsombud), contacted in step B.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Person>,
    /// Default contact persons for IMY notifications (IMY questions 5–8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Person>,
    /// Where IMY should write to, if not the postal address (IMY question 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_address: Option<PostalAddress>,
    /// How the register works.
    #[serde(default)]
    pub register: RegisterSettings,
    /// Hours and days of the obligations' deadlines: legal defaults and internal targets.
    #[serde(default)]
    pub deadlines: DeadlineSettings,
}

/// The organisation (IMY questions 1–3, defaults for 19–20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Name of the organisation (IMY question 1).
    pub name: String,
    /// Swedish organisation number, NNNNNN-NNNN (IMY question 2); leave out for a sole trader.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[0-9]{6}-[0-9]{4}$"))]
    pub org_number: Option<String>,
    /// Postal address, not the visiting address (IMY question 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<PostalAddress>,
    /// Default sector of incidents (IMY question 19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<Choice<Q19>>,
    /// Default area of activity of incidents (IMY question 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Choice<Q20>>,
}

/// A postal address as IMY's form asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostalAddress {
    /// Street address or box ("Adress").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    /// Postal code ("Postnummer"), e.g. 301 80.
    pub postal_code: String,
    /// City ("Ort").
    pub city: String,
    /// Country ("Land"); Sverige when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
}

/// A person to contact: the DPO or a contact person for IMY (questions 5–8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Role, e.g. "Dataskyddsombud" (IMY question 6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[^@\s]+@[^@\s]+$"))]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

/// How the register works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterSettings {
    /// IANA timezone of the register's local times, e.g. Europe/Stockholm.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Language of the interface: sv or en. The IMY export is always Swedish.
    #[serde(default)]
    pub language: Lang,
    /// When a clone shares its entries with the Git server: "manual" (only at `incident
    /// sync`) or "auto" (fetch before every change and push after it, working on locally
    /// when the server cannot be reached).
    #[serde(default, skip_serializing_if = "SyncMode::is_manual")]
    pub sync: SyncMode,
    /// Every entry must be signed the way Git signs commits (the person's Git
    /// configuration: `commit.gpgsign = true`, `gpg.format`, `user.signingkey`): a change
    /// the configuration would not sign is refused before anything is written.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub require_signed: bool,
    /// The file that lists the SSH keys entries may be signed with, in the format of Git's
    /// `gpg.ssh.allowedSignersFile` (`principal key-type key`, one a line), relative to the
    /// register's folder. Default: `.allowed_signers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_signers: Option<String>,
}

/// The allowed-signers file of a register that names none, relative to its folder.
pub const DEFAULT_ALLOWED_SIGNERS: &str = ".allowed_signers";

impl RegisterSettings {
    /// The allowed-signers file, relative to the register's folder (or absolute).
    pub fn allowed_signers_path(&self) -> &str {
        self.allowed_signers
            .as_deref()
            .unwrap_or(DEFAULT_ALLOWED_SIGNERS)
    }
}

/// When a clone syncs with the server.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SyncMode {
    /// Only when a person runs `incident sync`.
    #[default]
    Manual,
    /// Before and after every change, quietly working locally when the server is away.
    Auto,
}

impl SyncMode {
    pub fn is_manual(&self) -> bool {
        *self == SyncMode::Manual
    }
}

/// The regimes of a register that names none: the GDPR, and NIS2 for the incidents
/// classified significant.
pub fn default_regimes() -> Vec<String> {
    vec!["gdpr".to_string(), "nis2".to_string()]
}

fn default_timezone() -> String {
    "Europe/Stockholm".to_string()
}

impl Default for RegisterSettings {
    fn default() -> Self {
        RegisterSettings {
            timezone: default_timezone(),
            language: Lang::Sv,
            sync: SyncMode::Manual,
            require_signed: false,
            allowed_signers: None,
        }
    }
}

/// Deadlines of the obligations, in hours (at most a year, 8760) or days (at most ten
/// years, 3650) from the instant each runs from.
/// The legal ones have their law's value as default; the others are internal targets and
/// contract terms an organisation sets for itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct DeadlineSettings {
    /// Notify IMY: the organisation's own target in hours after awareness. The law's
    /// deadline stays 72 hours (GDPR Art. 33(1)); a shorter figure adds an internal target
    /// beside it, a longer one changes nothing.
    #[schemars(range(min = 1, max = 8760))]
    pub notify_imy_hours: u32,
    /// Supplement an announced notification: days after it (IMY: 4 weeks).
    #[schemars(range(min = 1, max = 3650))]
    pub supplement_days: u32,
    /// Inform the data subjects of a high risk: hours after the assessment (GDPR Art. 34(1):
    /// "without undue delay"; an internal target).
    #[schemars(range(min = 1, max = 8760))]
    pub inform_data_subjects_hours: u32,
    /// Notify the controller when acting as processor: hours after discovery (GDPR
    /// Art. 33(2): "without undue delay"; contracts often say 24–48).
    #[schemars(range(min = 1, max = 8760))]
    pub notify_controller_hours: u32,
    /// Acknowledge to affected customers, with the case number: hours after discovery (a
    /// vendor's promise).
    #[schemars(range(min = 1, max = 8760))]
    pub acknowledge_customers_hours: u32,
    /// The detailed notice to affected customers (consequences and extent): hours after
    /// discovery (a vendor's promise).
    #[schemars(range(min = 1, max = 8760))]
    pub inform_customers_hours: u32,
    /// Contact the DPO: hours after discovery (internal target, step B).
    #[schemars(range(min = 1, max = 8760))]
    pub contact_dpo_hours: u32,
    /// Assess the risk: hours after discovery (internal target, step C).
    #[schemars(range(min = 1, max = 8760))]
    pub assess_risk_hours: u32,
    /// Close the case: days after discovery (internal target, step H).
    #[schemars(range(min = 1, max = 3650))]
    pub close_days: u32,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            notify_imy_hours: 72,
            supplement_days: 28,
            inform_data_subjects_hours: 72,
            notify_controller_hours: 24,
            acknowledge_customers_hours: 24,
            inform_customers_hours: 72,
            contact_dpo_hours: 24,
            assess_risk_hours: 48,
            close_days: 90,
        }
    }
}
