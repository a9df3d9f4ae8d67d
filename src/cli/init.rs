//! `incident init [DIR]`: create a register (incident.toml, schemas, a Git repository and
//! the first commit), or adopt a folder that already holds register files.

use std::path::PathBuf;

use crate::cli::Context;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::{Ui, short};
use crate::domain::Lang;
use crate::domain::input::{InputError, known_option};
use crate::domain::model::Choice;
use crate::domain::model::settings::{
    DeadlineSettings, Organisation, Person, PostalAddress, RegisterSettings, SyncMode,
};
use crate::domain::model::{SCHEMA_VERSION, Settings};
use crate::error::{Error, Result};
use crate::store::Register;
use crate::store::layout::SETTINGS_FILE;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder of the register; created if needed [default: the current folder]
    pub dir: Option<PathBuf>,
    /// Name of the organisation (IMY question 1)
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,
    /// Organisation number NNNNNN-NNNN (IMY question 2)
    #[arg(long, value_name = "NUMBER")]
    pub org_number: Option<String>,
    /// Postal address: street or box (IMY question 3)
    #[arg(long)]
    pub street: Option<String>,
    /// Postal code (IMY question 3)
    #[arg(long)]
    pub postal_code: Option<String>,
    /// City (IMY question 3)
    #[arg(long)]
    pub city: Option<String>,
    /// Country [default: Sverige]
    #[arg(long)]
    pub country: Option<String>,
    /// Default sector, an option key of IMY question 19 (public, private)
    #[arg(long, value_name = "KEY")]
    pub sector: Option<String>,
    /// Default area of activity, an option key of IMY question 20 (health_care, social_services, ...)
    #[arg(long, value_name = "KEY")]
    pub area: Option<String>,
    /// The data protection officer's name
    #[arg(long, value_name = "NAME")]
    pub dpo_name: Option<String>,
    /// The DPO's e-mail address
    #[arg(long, value_name = "EMAIL", requires = "dpo_name")]
    pub dpo_email: Option<String>,
    /// The DPO's telephone number
    #[arg(long, value_name = "PHONE", requires = "dpo_name")]
    pub dpo_phone: Option<String>,
    /// Default contact person for IMY (questions 5–8): name
    #[arg(long, value_name = "NAME")]
    pub contact_name: Option<String>,
    /// The contact person's role
    #[arg(long, value_name = "ROLE", requires = "contact_name")]
    pub contact_role: Option<String>,
    /// The contact person's e-mail address
    #[arg(long, value_name = "EMAIL", requires = "contact_name")]
    pub contact_email: Option<String>,
    /// The contact person's telephone number
    #[arg(long, value_name = "PHONE", requires = "contact_name")]
    pub contact_phone: Option<String>,
    /// Timezone of the register's local times
    #[arg(long, default_value = "Europe/Stockholm")]
    pub timezone: String,
    /// When the register's clones share their entries with the Git server: manual (at
    /// `incident sync`) or auto (fetch before each change, push after it)
    #[arg(long, value_name = "MODE", default_value = "manual", value_parser = parse_sync_mode)]
    pub sync: SyncMode,
    /// The reporting regimes the register follows beside the GDPR's: nis2 (NIS2 /
    /// cybersäkerhetslagen, incidents classified significant), dora (major ICT-related
    /// incidents), cert_se (state agencies: every IT incident to CERT-SE); comma-separated
    #[arg(
        long,
        value_name = "KEYS",
        value_delimiter = ',',
        default_value = "gdpr,nis2"
    )]
    pub regimes: Vec<String>,
}

pub fn run(context: &Context, args: InitArgs) -> Result<i32> {
    let lang = context.lang(None);
    let dir = args
        .dir
        .clone()
        .or_else(|| context.register_dir.clone())
        .unwrap_or_else(|| PathBuf::from("."));
    let stamp = context.stamp(None)?;
    let adopting = dir.join(SETTINGS_FILE).is_file();
    let settings = if adopting {
        None
    } else {
        Some(gather_settings(context, lang, args)?)
    };
    let (register, recorded) = Register::init(&dir, settings.as_ref(), &stamp)?;
    // An adopted register speaks its own language unless the command was given another.
    let ui = Ui::new(context.lang(Some(&register)));
    let entry = format!(
        "{} {}",
        ui.t("journalpost", "journal entry"),
        short(&recorded.commit)
    );
    let root = register.root.display();
    ui.say(&if adopting {
        format!(
            "{} {root} {} ({entry})",
            ui.t("Registret i", "The register in"),
            ui.t("har tagits över", "has been adopted"),
        )
    } else {
        format!(
            "{} {root} ({entry})",
            ui.t("Registret är skapat i", "The register is created in"),
        )
    });
    ui.say(&format!("  {}", recorded.subject));
    ui.say(ui.t(
        "Nästa steg: rapportera en incident med `incident new`.",
        "Next: report an incident with `incident new`.",
    ));
    Ok(0)
}

fn gather_settings(context: &Context, lang: Lang, args: InitArgs) -> Result<Settings> {
    let mut organisation = args.organisation;
    let mut postal_code = args.postal_code;
    let mut city = args.city;
    let mut street = args.street;
    let mut org_number = args.org_number;
    let mut dpo_name = args.dpo_name;
    let mut dpo_email = args.dpo_email;
    let mut dpo_phone = args.dpo_phone;
    if context.interactive {
        let mut prompter = TerminalPrompter::new(lang);
        let none = &|_: &str| Ok(());
        if organisation.is_none() {
            organisation = prompter.text(
                lang.pick("Organisationens namn", "Name of the organisation"),
                None,
                true,
                none,
            )?;
        }
        if org_number.is_none() {
            org_number = prompter.text(
                lang.pick(
                    "Organisationsnummer (NNNNNN-NNNN, tomt om inget)",
                    "Organisation number (NNNNNN-NNNN, empty if none)",
                ),
                None,
                false,
                &|text| check_org_number(text).map_err(|e| e.describe(lang)),
            )?;
        }
        if street.is_none() {
            street = prompter.text(
                lang.pick(
                    "Postadress: gata eller box",
                    "Postal address: street or box",
                ),
                None,
                false,
                none,
            )?;
        }
        if postal_code.is_none() {
            postal_code =
                prompter.text(lang.pick("Postnummer", "Postal code"), None, false, none)?;
        }
        if city.is_none() && postal_code.is_some() {
            city = prompter.text(lang.pick("Ort", "City"), None, true, none)?;
        }
        if dpo_name.is_none() {
            dpo_name = prompter.text(
                lang.pick(
                    "Dataskyddsombudets namn",
                    "The data protection officer's name",
                ),
                None,
                false,
                none,
            )?;
            if dpo_name.is_some() {
                dpo_email = prompter.text(
                    lang.pick("Dataskyddsombudets e-post", "The DPO's e-mail"),
                    None,
                    false,
                    none,
                )?;
                dpo_phone = prompter.text(
                    lang.pick("Dataskyddsombudets telefon", "The DPO's telephone"),
                    None,
                    false,
                    none,
                )?;
            }
        }
    }
    let Some(name) = organisation else {
        return Err(Error::MissingAnswers {
            command: "init".into(),
            missing: vec![(
                "--organisation NAME".into(),
                "name of the organisation (IMY question 1)".into(),
            )],
            from_file: false,
        });
    };
    if let Some(number) = &org_number {
        check_org_number(number).map_err(|problem| Error::bad_input("--org-number", problem))?;
    }
    let address = match (postal_code, city) {
        (Some(postal_code), Some(city)) => Some(PostalAddress {
            street,
            postal_code,
            city,
            country: args.country,
        }),
        (None, None) if street.is_none() => None,
        _ => {
            return Err(Error::bad_input(
                "--postal-code/--city",
                InputError::AddressIncomplete,
            ));
        }
    };
    let choice = |flag: &str, number: u8, key: Option<String>| -> Result<Option<String>> {
        match key {
            Some(key) => known_option(number, &key)
                .map(|_| Some(key))
                .map_err(|problem| Error::bad_input(flag, problem)),
            None => Ok(None),
        }
    };
    let sector = choice("--sector", 19, args.sector)?.map(|key| Choice::new(key, None));
    let area = choice("--area", 20, args.area)?.map(|key| Choice::new(key, None));
    let dpo = dpo_name.map(|name| Person {
        name,
        role: Some("Dataskyddsombud".into()),
        email: dpo_email,
        phone: dpo_phone,
    });
    let contacts = args
        .contact_name
        .map(|name| Person {
            name,
            role: args.contact_role,
            email: args.contact_email,
            phone: args.contact_phone,
        })
        .into_iter()
        .collect();
    let regimes = chosen_regimes(args.regimes)?;
    Ok(Settings {
        schema_version: SCHEMA_VERSION,
        regimes,
        organisation: Organisation {
            name,
            org_number,
            address,
            sector,
            area,
        },
        dpo,
        contacts,
        contact_address: None,
        register: RegisterSettings {
            timezone: args.timezone,
            language: lang,
            sync: args.sync,
            ..RegisterSettings::default()
        },
        deadlines: DeadlineSettings::default(),
    })
}

fn parse_sync_mode(text: &str) -> Result<SyncMode, crate::cli::args::Refusal> {
    match text.trim() {
        "manual" => Ok(SyncMode::Manual),
        "auto" => Ok(SyncMode::Auto),
        _ => Err(crate::cli::args::one_of(text, "manual, auto")),
    }
}

fn check_org_number(text: &str) -> Result<(), InputError> {
    let bytes = text.as_bytes();
    let valid = bytes.len() == 11
        && bytes[6] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 6 || b.is_ascii_digit());
    if valid {
        Ok(())
    } else {
        Err(InputError::NotAnOrgNumber {
            text: text.to_string(),
        })
    }
}

/// `--regimes` as incident.toml keeps it: known keys, the GDPR's first (added when left out).
fn chosen_regimes(given: Vec<String>) -> Result<Vec<String>> {
    let known = crate::domain::regimes::regimes().keys();
    let mut chosen = vec![crate::domain::regimes::GDPR.to_string()];
    for key in given {
        let key = key.trim().to_lowercase();
        if !known.contains(&key.as_str()) {
            return Err(Error::bad_input(
                "--regimes",
                InputError::UnknownRegime {
                    key,
                    known: known.iter().map(ToString::to_string).collect(),
                },
            ));
        }
        if !chosen.contains(&key) {
            chosen.push(key);
        }
    }
    Ok(chosen)
}
