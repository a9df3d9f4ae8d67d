//! `incident new`: the intake of a new incident (steps A and B), in the order a person
//! experiences a breach. Every answer can come from a flag ([`flags`]), from `--from FILE`
//! (a partial report.yaml) or from the guided intake ([`intake`]), whose answers are kept
//! as they are given ([`draft`]); without a terminal, missing answers fail at once.

mod draft;
mod flags;
mod intake;
mod mail;
mod notice;

use std::path::PathBuf;

use crate::cli::Context;
use crate::cli::args::parse_yes_no;
use crate::cli::hints::next_hint;
use crate::cli::prompt::TerminalPrompter;
use crate::cli::steps::guide;
use crate::cli::times::vouch;
use crate::domain::Lang;
use crate::domain::draft::ReportDraft;
use crate::domain::event::Event;
use crate::domain::incident::Incident;
use crate::domain::model::Awareness;
use crate::domain::model::report::PersonTold;
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::domain::steps::{Step, next_step};
use crate::error::{Error, Result};
use crate::store::files::read_partial;
use crate::store::{Entry, Register};
use draft::IntakeKeeper;
use intake::Intake;

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Read answers from a partial report.yaml; flags override it (its `id`, if any, is ignored)
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Take in a report received by e-mail: a saved message (.eml), a Maildir (each message once), or - for standard input; flags override what it gave
    #[arg(long, value_name = "FILE|DIR|-", conflicts_with = "from")]
    pub from_mail: Option<PathBuf>,
    /// With --from-mail: the customer who reported it, listed as affected in the same entry (its three notices become obligations)
    #[arg(long, value_name = "NAME", requires = "from_mail")]
    pub customer: Option<String>,
    /// Short title for lists
    #[arg(long)]
    pub title: Option<String>,
    /// What was observed and how the incident shows itself
    #[arg(long)]
    pub observed: Option<String>,
    /// When it occurred: YYYY-MM-DD or "YYYY-MM-DD HH:MM" (IMY question 10)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub occurred: Option<String>,
    /// Comment on when it occurred
    #[arg(long, value_name = "TEXT", requires = "occurred")]
    pub occurred_comment: Option<String>,
    /// When it was discovered: the 72 hours run from here (GDPR Art. 33(1); IMY question 11)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub discovered: Option<String>,
    /// Comment on when it was discovered
    #[arg(long, value_name = "TEXT", requires = "discovered")]
    pub discovered_comment: Option<String>,
    /// Who discovered it
    #[arg(long, value_name = "NAME")]
    pub discovered_by: Option<String>,
    /// When the responsible manager was told (step A)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub manager_informed: Option<String>,
    /// The responsible manager's name
    #[arg(long, value_name = "NAME", requires = "manager_informed")]
    pub manager: Option<String>,
    /// When the data protection officer was contacted (step B)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub dpo_contacted: Option<String>,
    /// The DPO contacted [default: incident.toml's DPO]
    #[arg(long, value_name = "NAME", requires = "dpo_contacted")]
    pub dpo: Option<String>,
    /// Is it still going on? yes or no (IMY question 12)
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub ongoing: Option<bool>,
    /// When it ended (IMY question 13)
    #[arg(long, value_name = "DATE[ TIME]")]
    pub ended: Option<String>,
    /// Comment on when it ended
    #[arg(long, value_name = "TEXT", requires = "ended")]
    pub ended_comment: Option<String>,
    /// What happened: an option key of IMY question 15
    #[arg(long, value_name = "KEY")]
    pub what_happened: Option<String>,
    /// Comment for --what-happened (the answer itself with free_text)
    #[arg(long, value_name = "TEXT", requires = "what_happened")]
    pub what_happened_comment: Option<String>,
    /// Short description (IMY question 16)
    #[arg(long)]
    pub description: Option<String>,
    /// Breach type(s): confidentiality, integrity, availability (EDPB)
    #[arg(long, value_name = "TYPE", value_delimiter = ',')]
    pub breach_type: Vec<String>,
    /// Why it happened: an option key of IMY question 18
    #[arg(long, value_name = "KEY")]
    pub cause: Option<String>,
    /// Comment for --cause (required with other and free_text)
    #[arg(long, value_name = "TEXT", requires = "cause")]
    pub cause_comment: Option<String>,
    /// How it was discovered: an option key of IMY question 17
    #[arg(long, value_name = "KEY")]
    pub how_discovered: Option<String>,
    /// Comment for --how-discovered
    #[arg(long, value_name = "TEXT", requires = "how_discovered")]
    pub how_discovered_comment: Option<String>,
    /// Sector: an option key of IMY question 19 [default: incident.toml's]
    #[arg(long, value_name = "KEY")]
    pub sector: Option<String>,
    /// Comment for --sector
    #[arg(long, value_name = "TEXT", requires = "sector")]
    pub sector_comment: Option<String>,
    /// Area of activity: an option key of IMY question 20 [default: incident.toml's]
    #[arg(long, value_name = "KEY")]
    pub area: Option<String>,
    /// Comment for --area
    #[arg(long, value_name = "TEXT", requires = "area")]
    pub area_comment: Option<String>,
    /// Groups of data subjects: option keys of IMY question 25, comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub groups: Vec<String>,
    /// Comment for --groups (required with other)
    #[arg(long, value_name = "TEXT", requires = "groups")]
    pub groups_comment: Option<String>,
    /// Number of data subjects: 12, an interval 1-10, or 1000+ (IMY question 23)
    #[arg(long, value_name = "COUNT")]
    pub data_subjects: Option<String>,
    /// Number of records: 12, an interval 1-10, or 1000+ (IMY question 24)
    #[arg(long, value_name = "COUNT")]
    pub records: Option<String>,
    /// Kinds of personal data: option keys of IMY question 26, comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub categories: Vec<String>,
    /// Comment for --categories (required with other)
    #[arg(long, value_name = "TEXT", requires = "categories")]
    pub categories_comment: Option<String>,
    /// Were the data encrypted? yes or no (IMY question 27)
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub encrypted: Option<bool>,
    /// Possible consequences: option keys of IMY question 28, comma-separated
    #[arg(long, value_name = "KEYS", value_delimiter = ',')]
    pub consequences: Vec<String>,
    /// Comment for --consequences (required with other)
    #[arg(long, value_name = "TEXT", requires = "consequences")]
    pub consequences_comment: Option<String>,
    /// A processor involved, "NAME" or "NAME;NNNNNN-NNNN" (IMY question 22); repeatable
    #[arg(long, value_name = "NAME[;ORGNR]")]
    pub processor: Vec<String>,
    /// No processors are involved (IMY question 21 = Nej)
    #[arg(long, conflicts_with = "processor")]
    pub no_processors: bool,
    /// The organisation's role: controller or processor (a processor notifies its controller, GDPR Art. 33(2))
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The controller to notify, "NAME" or "NAME;NNNNNN-NNNN", when the role is processor
    #[arg(long, value_name = "NAME[;ORGNR]")]
    pub controller: Option<String>,
    /// The organisation's own case or diary number (IMY question 4)
    #[arg(long, value_name = "TEXT")]
    pub internal_reference: Option<String>,
    /// Is it a personal data breach at all? (see `incident verdict --help`) [default: undecided, treated as one]
    #[arg(long, value_enum, requires = "verdict_reason")]
    pub verdict: Option<crate::cli::args::VerdictArg>,
    /// Why the verdict: what was established, and by whom
    #[arg(long, value_name = "TEXT", requires = "verdict")]
    pub verdict_reason: Option<String>,
    /// When you became aware that personal data were compromised, when later than the discovery: the 72 hours run from here (GDPR Art. 33(1); EDPB 9/2022 paras 31–34)
    #[arg(long, value_name = "DATE[ TIME]", requires = "aware_reason")]
    pub aware: Option<String>,
    /// Why awareness came later than the discovery
    #[arg(long, value_name = "TEXT", requires = "aware")]
    pub aware_reason: Option<String>,
    /// Also a significant incident under NIS2 / cybersäkerhetslagen? yes or no
    #[arg(long, value_name = "YES|NO", value_parser = parse_yes_no)]
    pub nis2_significant: Option<bool>,
    /// Start from a processor's notice file (incident-notice/1, from `export controller|customer --format json`): its facts, the processor recorded (IMY questions 21–22); flags override it
    #[arg(long, value_name = "FILE", conflicts_with_all = ["from", "from_mail"])]
    pub from_notice: Option<PathBuf>,
    /// When the notice was received, "YYYY-MM-DD HH:MM" [default: now]: the discovery, from which the 72 hours run (GDPR Art. 33(1); EDPB 9/2022 para. 44)
    #[arg(
        long,
        value_name = "DATE[ TIME]",
        requires = "from_notice",
        conflicts_with = "discovered"
    )]
    pub received: Option<String>,
}

pub fn run(context: &Context, args: NewArgs) -> Result<i32> {
    if let Some(source) = &args.from_mail {
        return mail::run(context, &args, source);
    }
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let lang = ui.lang;
    // Known before any question is asked, so nobody types answers that cannot be recorded.
    let stamp = context.stamp(Some(&register))?;
    let intake_change = register.start_new(&stamp, context.lock_hold())?;
    let mut prompter = context.interactive.then(|| TerminalPrompter::new(lang));
    let keeper = IntakeKeeper::new(&register.root);
    // The actions a processor's notice says were taken: recorded with the report.
    let mut notice_actions = None;
    let mut draft = match (&args.from, &args.from_notice, prompter.as_mut()) {
        (None, Some(path), prompter) => {
            let (draft, actions) = notice::draft(context, &register, &ui, path, &args)?;
            notice_actions = actions;
            if prompter.is_some() {
                keeper.set_aside(&ui, context.now)?;
            }
            draft
        }
        (Some(path), _, prompter) => {
            let draft = read_partial::<ReportDraft>(path)?;
            // This intake's answers will be saved where an earlier one's may be waiting.
            if prompter.is_some() && !keeper.is(path) {
                keeper.set_aside(&ui, context.now)?;
            }
            draft
        }
        (None, None, Some(prompter)) => keeper.offer_to_resume(&ui, prompter, context.now)?,
        (None, None, None) => ReportDraft::default(),
    };
    flags::apply_flags(&mut draft, &args, &stamp)?;
    if let Some(told) = draft.dpo_contacted.as_mut()
        && told.name.is_none()
    {
        told.name = register.settings.dpo.as_ref().map(|dpo| dpo.name.clone());
    }
    if draft.sector.is_none() {
        draft
            .sector
            .clone_from(&register.settings.organisation.sector);
    }
    if draft.area.is_none() {
        draft.area.clone_from(&register.settings.organisation.area);
    }
    vouch_moments(context, &register, &draft)?;
    let prompted = prompter.is_some();
    if let Some(prompter) = prompter.as_mut() {
        let intake = Intake {
            lang,
            zone: register.zone,
            today: context.now_in(Some(&register)).date_naive(),
            dpo: register.settings.dpo.as_ref().map(|d| d.name.clone()),
            author: stamp.author.name.clone(),
            now: stamp.when,
            confirm_time: context.confirm_time,
        };
        let mut keep = |draft: &ReportDraft| keeper.keep(&ui, draft);
        if let Err(error) = intake.ask(prompter, &mut draft, &mut keep) {
            keeper.kept(&ui, &draft);
            return Err(error);
        }
    }
    if prompted {
        // The answers are checked as they are given; a notice given by flag is checked
        // again against a discovery answered at the prompt. Nothing is asked twice.
        let confirmed = Context {
            confirm_time: true,
            ..context.clone()
        };
        if let Err(error) = vouch_moments(&confirmed, &register, &draft) {
            keeper.kept(&ui, &draft);
            return Err(error);
        }
    }
    // A NIS2 classification only where the register follows NIS2, as `incident nis2` asks.
    if draft.nis2_significant == Some(true)
        && !register.settings.regimes.iter().any(|r| r == "nis2")
    {
        return Err(Error::bad_input(
            "--nis2-significant",
            crate::domain::input::InputError::RegimeNotFollowed {
                regime: "nis2".into(),
            },
        ));
    }
    if let (Some(discovered), Some(aware)) = (&draft.discovered, &draft.aware) {
        crate::domain::model::verdict::check_awareness(discovered, aware, None, register.zone)
            .map_err(|problem| Error::bad_input("--aware", problem))?;
    }
    let missing = draft.missing(lang);
    if !missing.is_empty() {
        return Err(Error::MissingAnswers {
            command: "new".into(),
            missing,
            from_file: true,
        });
    }
    let entry = notice::with_provenance(
        entry_of(&draft, register.settings.register.language),
        &draft,
    );
    let outcome = match intake_change.finish_with(draft.clone(), notice_actions, entry) {
        Ok(outcome) => outcome,
        Err(error) => {
            if prompted {
                keeper.kept(&ui, &draft);
            }
            // The new report's own rules refuse what was answered: the answers are what to
            // change, and no file of the register is invalid (nothing was written).
            return Err(match error {
                Error::Invalid { problems, .. }
                    if problems.iter().all(|p| p.file.ends_with("report.yaml")) =>
                {
                    Error::AnswersDisagree { problems }
                }
                other => other,
            });
        }
    };
    // The draft has served, whether it was typed here or read with --from.
    if prompted || args.from.as_deref().is_some_and(|from| keeper.is(from)) {
        keeper.discard();
    }
    // With `sync = "auto"` the id is published before it is shown: one the server gave
    // meanwhile is replaced first, and the id shown never changes after.
    let shared = context.share(&register, true, Some(&outcome.id));
    let mut outcome = outcome;
    if let Some(report) = &shared {
        if let Some((was, is)) = report.renumbered.iter().find(|(was, _)| *was == outcome.id) {
            outcome.entry.subject =
                outcome
                    .entry
                    .subject
                    .replacen(&was.to_string(), &is.to_string(), 1);
            outcome.id = is.clone();
        }
        if let Some((_, is)) = report
            .rewritten
            .iter()
            .find(|(was, _)| *was == outcome.entry.commit)
        {
            outcome.entry.commit = is.clone();
        }
    }
    ui.outcome(&outcome);
    let id = outcome.id.clone();
    ui.out(&id.to_string());
    if let Ok(report) = draft.clone().into_report(id.clone(), lang) {
        let now = context.now.with_timezone(&register.zone);
        if let Ok(obligations) = crate::domain::obligations::of_incidents(
            &[Incident::new(report)],
            &register.settings,
            register.zone,
            now,
        ) && let Some(line) = crate::cli::hints::imy_deadline(lang, &obligations, false)
        {
            ui.say(&line);
        }
    }
    let published = shared
        .as_ref()
        .is_some_and(|report| report.offline.is_none());
    if !published && register.has_remote() {
        ui.say(&format!(
            "{} {id} {}",
            ui.t("Obs:", "Note:"),
            ui.t(
                "är preliminärt tills registret synkas (`incident sync`): om servern har gett samma id under tiden får incidenten nästa lediga id då. Lämna inte ut id:t förrän det är synkat.",
                "is provisional until the register is synced (`incident sync`): if the server has given the same id meanwhile, the incident takes the next free id then. Do not pass the id on before it is synced."
            )
        ));
    }
    if context.interactive {
        // The intake is step A; the flow offers to go on with the next steps.
        return guide::continue_from(context, &ui, &id);
    }
    if let Ok(report) = draft.into_report(id.clone(), lang) {
        let incident = Incident::new(report);
        if let Some(step) = next_step(&incident) {
            ui.say(&next_hint(lang, &incident, step));
        }
    }
    Ok(0)
}

/// The report's moments given by flag or `--from` (or a resumed intake): each checked
/// by [`vouch`] under the flag that gives it.
fn vouch_moments(context: &Context, register: &Register, draft: &ReportDraft) -> Result<()> {
    let facts = Facts {
        discovered: draft.discovered.clone(),
        imy_notified: None,
    };
    let moments = [
        ("--occurred", Recorded::Occurred, draft.occurred.clone()),
        (
            "--discovered",
            Recorded::Discovered,
            draft.discovered.clone(),
        ),
        ("--ended", Recorded::Ended, draft.ended.clone()),
        (
            "--aware",
            Recorded::Aware,
            draft.aware.as_ref().map(Awareness::moment),
        ),
        (
            "--manager-informed",
            Recorded::ManagerTold,
            draft.manager_informed.as_ref().map(PersonTold::moment),
        ),
        (
            "--dpo-contacted",
            Recorded::DpoContacted,
            draft.dpo_contacted.as_ref().map(PersonTold::moment),
        ),
    ];
    for (flag, what, moment) in moments {
        if let Some(moment) = moment {
            vouch(context, register, &facts, what, flag, &When::Local(moment))?;
        }
    }
    Ok(())
}

/// The journal entry of a report: step A, and B when the DPO was contacted; its body in
/// the register's language (`journal`), as the subject.
fn entry_of(draft: &ReportDraft, journal: Lang) -> Entry {
    let steps: &[Step] = if draft.dpo_contacted.is_some() {
        &[Step::A, Step::B]
    } else {
        &[Step::A]
    };
    let title = draft.title.clone().unwrap_or_default();
    let mut entry = Entry::new(Event::Reported { title }, steps);
    if let Some(discovered) = &draft.discovered {
        entry = entry.with_body(format!(
            "{} {discovered}.",
            journal.pick("Upptäckt", "Discovered")
        ));
    }
    entry
}
