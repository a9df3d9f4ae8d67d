//! A synthetic register for the benchmark: N incidents in the real file layout
//! (`incidents/YYYY/YYYY-NNNN/*.yaml`), deterministic from a seed, committed as one commit.
//!
//! The mix follows a large organisation's register: incidents spread evenly over ten years
//! (2017–2026), most of them closed; the newest 5 % are open, in three states (just
//! reported, assessed and notified with a measure due, and assessed high without the
//! notification to IMY, so overdue). Scores and decisions follow ENISA's method and the
//! tool's recommendation, so that `incident validate` finds nothing wrong.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use chrono::{Duration, NaiveDate, NaiveDateTime};

/// The clock of the benchmark: every command runs "now" at this instant.
pub const NOW: &str = "2026-11-20T12:00:00+01:00";
pub const AUTHOR_NAME: &str = "Bench Author";
pub const AUTHOR_EMAIL: &str = "bench@example.org";
const FIRST_YEAR: i32 = 2017;
const YEARS: i32 = 10;
/// Share of incidents that are still open, in per mille.
const OPEN_PER_MILLE: usize = 50;

/// SplitMix64: a small, well-known generator; enough for a reproducible mix of content.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % bound as u64).expect("below a usize bound")
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One kind of incident, with IMY option keys that fit it.
struct Scenario {
    title: &'static str,
    observed: &'static str,
    description: &'static str,
    what_happened: &'static str,
    breach_type: &'static str,
    cause: &'static str,
    how_discovered: &'static str,
    groups: &'static [&'static str],
    categories: &'static [&'static str],
    consequences: &'static [&'static str],
    action: &'static str,
    measure: &'static str,
    root_cause: &'static str,
}

const SCENARIOS: &[Scenario] = &[
    Scenario {
        title: "E-post med hälsouppgifter till fel mottagare",
        observed: "En handläggare skickade ett e-postmeddelande med en bilaga om en patient till fel extern mottagare.",
        description: "E-post med bilaga skickades till fel mottagare; mottagaren har raderat den.",
        what_happened: "misdirected_communication",
        breach_type: "confidentiality",
        cause: "human_error_individual",
        how_discovered: "employee_informed",
        groups: &["patients"],
        categories: &["health", "contact_details"],
        consequences: &["loss_of_control", "loss_of_professional_secrecy"],
        action: "Mottagaren ombads radera meddelandet och bekräftade det.",
        measure: "Påminnelse om rutinen för e-post med känsliga uppgifter",
        root_cause: "Fel mottagare valdes ur adressboken.",
    },
    Scenario {
        title: "Förlorad bärbar dator med elevuppgifter",
        observed: "En lärare glömde sin bärbara dator på bussen; datorn innehöll omdömen om elever.",
        description: "Bärbar dator med lokalt sparade dokument om elever förlorades.",
        what_happened: "disclosure_other",
        breach_type: "availability",
        cause: "human_error_individual",
        how_discovered: "employee_informed",
        groups: &["pupils", "children"],
        categories: &["identifying", "personal_identity_number"],
        consequences: &["loss_of_control"],
        action: "Datorn spärrades och kontot fick nytt lösenord.",
        measure: "Kryptering av hårddisken på alla bärbara datorer",
        root_cause: "Dokument sparades lokalt i stället för i den gemensamma lagringen.",
    },
    Scenario {
        title: "Nätfiske gav åtkomst till ett e-postkonto",
        observed: "En anställd loggade in på en falsk inloggningssida; kontot skickade sedan skräppost.",
        description: "Obehörig åtkomst till ett e-postkonto efter nätfiske.",
        what_happened: "disclosure_other",
        breach_type: "confidentiality",
        cause: "technical_error",
        how_discovered: "automated_technical_measures",
        groups: &["employees", "customers"],
        categories: &["contact_details", "communication_logs"],
        consequences: &["identity_theft_or_fraud", "loss_of_control"],
        action: "Kontot låstes, sessionerna avslutades och lösenordet byttes.",
        measure: "Tvåfaktorsinloggning för alla e-postkonton",
        root_cause: "Kontot saknade tvåfaktorsinloggning.",
    },
    Scenario {
        title: "Fel i behörigheter i verksamhetssystemet",
        observed: "Användare i en annan enhet kunde läsa journalanteckningar de inte skulle se.",
        description: "En uppdatering av verksamhetssystemet gav för vida läsbehörigheter.",
        what_happened: "disclosure_other",
        breach_type: "confidentiality",
        cause: "technical_error",
        how_discovered: "automated_technical_measures",
        groups: &["service_users", "vulnerable_persons"],
        categories: &["health", "official_documents"],
        consequences: &["loss_of_professional_secrecy", "damage_to_reputation"],
        action: "Behörigheterna återställdes och loggarna granskades.",
        measure: "Test av behörigheter efter varje uppdatering",
        root_cause: "Uppdateringen återställde en behörighetsregel till standardvärdet.",
    },
    Scenario {
        title: "Protokoll med personnummer publicerat på webbplatsen",
        observed: "Ett protokoll publicerades med bilaga där personnummer inte var maskerade.",
        description: "Personnummer publicerades på webbplatsen i ett protokoll.",
        what_happened: "disclosure_other",
        breach_type: "confidentiality",
        cause: "human_error_individual",
        how_discovered: "employee_informed",
        groups: &["customers"],
        categories: &["personal_identity_number", "financial"],
        consequences: &["identity_theft_or_fraud", "financial_loss"],
        action: "Protokollet avpublicerades och sökmotorernas cache tömdes.",
        measure: "Granskning av bilagor före publicering",
        root_cause: "Bilagan maskerades inte före publicering.",
    },
    Scenario {
        title: "Utskrift med kunduppgifter kvar i skrivaren",
        observed: "En lista med kunder och deras betalningar låg kvar i en delad skrivare.",
        description: "Utskrift med kunduppgifter hämtades av fel person.",
        what_happened: "misdirected_communication",
        breach_type: "confidentiality",
        cause: "human_error_individual",
        how_discovered: "employee_informed",
        groups: &["customers"],
        categories: &["financial", "contact_details"],
        consequences: &["loss_of_control"],
        action: "Utskriften samlades in och förstördes.",
        measure: "Säker utskrift med kortinloggning",
        root_cause: "Skrivaren saknade säker utskrift.",
    },
];

/// An ENISA assessment and the decision that follows it.
struct Profile {
    category: &'static str,
    score: u8,
    ease: &'static str,
    confidentiality: &'static str,
    integrity: &'static str,
    availability: &'static str,
    malicious: bool,
    severity: &'static str,
    band: &'static str,
    notify_imy: bool,
    inform: bool,
}

/// SE = DPC × EI + CB (ENISA 2013); the decisions are the tool's recommendations.
const PROFILES: &[Profile] = &[
    // 1 × 0.5 + 0.25 = 0.75: low, documented only (GDPR Art. 33(5)).
    Profile {
        category: "simple",
        score: 1,
        ease: "limited",
        confidentiality: "known_recipients",
        integrity: "none",
        availability: "none",
        malicious: false,
        severity: "0.75",
        band: "low",
        notify_imy: false,
        inform: false,
    },
    // 3 × 0.5 + 0.5 = 2: medium, notify IMY (Art. 33(1)).
    Profile {
        category: "financial",
        score: 3,
        ease: "limited",
        confidentiality: "unknown_recipients",
        integrity: "none",
        availability: "none",
        malicious: false,
        severity: "2.0",
        band: "medium",
        notify_imy: true,
        inform: false,
    },
    // 4 × 0.5 + 0.5 + 0.5 = 3: high, notify and inform (Art. 34(1)).
    Profile {
        category: "sensitive",
        score: 4,
        ease: "limited",
        confidentiality: "unknown_recipients",
        integrity: "none",
        availability: "none",
        malicious: true,
        severity: "3.0",
        band: "high",
        notify_imy: true,
        inform: true,
    },
    // 4 × 1 + 0.25 = 4.25: very high.
    Profile {
        category: "sensitive",
        score: 4,
        ease: "maximum",
        confidentiality: "known_recipients",
        integrity: "none",
        availability: "none",
        malicious: false,
        severity: "4.25",
        band: "very_high",
        notify_imy: true,
        inform: true,
    },
];

/// The state an incident is generated in.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum State {
    Closed,
    /// Reported within the last days; nothing more yet.
    Reported,
    /// Assessed, notified, a planned measure still open and due.
    Notified,
    /// Assessed high more than 72 hours ago, IMY not notified: overdue.
    Overdue,
}

/// What was generated, for the benchmark to pick its targets.
pub struct Generated {
    pub ids: Vec<String>,
    pub open: Vec<String>,
    pub closed: Vec<String>,
    pub files: usize,
    pub bytes: u64,
}

fn instant(at: NaiveDateTime) -> String {
    // Stockholm's offset at that local time, for the RFC 3339 instants the tool writes.
    use chrono::TimeZone;
    // A local time in the spring gap does not exist: the hour after it does.
    let zone = chrono_tz::Europe::Stockholm;
    let local = zone
        .from_local_datetime(&at)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(at + Duration::hours(1)))
                .earliest()
        })
        .expect("an hour after the gap exists");
    local.fixed_offset().to_rfc3339()
}

/// A local time the clocks showed: one in the spring gap moves an hour on.
fn existing(at: NaiveDateTime) -> NaiveDateTime {
    use chrono::TimeZone;
    match chrono_tz::Europe::Stockholm.from_local_datetime(&at) {
        chrono::LocalResult::None => at + Duration::hours(1),
        _ => at,
    }
}

fn date(at: NaiveDateTime) -> String {
    existing(at).format("%Y-%m-%d").to_string()
}

fn time(at: NaiveDateTime) -> String {
    existing(at).format("%H:%M").to_string()
}

/// A count of the synthetic register (minutes, days) as chrono takes it.
fn int(n: usize) -> i64 {
    i64::try_from(n).expect("a count of the synthetic register fits in i64")
}

/// An hour or a minute as chrono takes it.
fn small(n: usize) -> u32 {
    u32::try_from(n).expect("an hour or a minute fits in u32")
}

fn keys(list: &[&str]) -> String {
    list.iter().map(|k| format!("  - {k}\n")).collect()
}

fn report(id: &str, s: &Scenario, discovered: NaiveDateTime, rng: &mut Rng) -> String {
    let occurred = discovered - Duration::minutes(30 + int(rng.below(600)));
    let manager = discovered + Duration::minutes(20);
    let dpo = discovered + Duration::minutes(50);
    let subjects = 1 + rng.below(400);
    let mut text = String::new();
    let _ = write!(
        text,
        "# yaml-language-server: $schema=../../../schemas/report.schema.json
schema_version: 1
id: {id}
title: {title}
observed: {observed}
occurred:
  date: \"{od}\"
  time: \"{ot}\"
discovered:
  date: \"{dd}\"
  time: \"{dt}\"
discovered_by: Handläggare
manager_informed:
  name: Enhetschef
  date: \"{md}\"
  time: \"{mt}\"
dpo_contacted:
  name: Dataskyddsombud
  date: \"{pd}\"
  time: \"{pt}\"
ongoing: false
ended:
  date: \"{od}\"
  time: \"{ot}\"
what_happened:
  key: {what}
description: {description}
how_discovered:
  key: {how}
cause:
  key: {cause}
sector:
  key: public
area:
  key: social_services
breach_types:
- {breach}
role: controller
processors_involved: false
data_subjects:
  exact: {subjects}
records:
  exact: {records}
subject_groups:
  keys:
{groups}data_categories:
  keys:
{categories}encrypted: false
consequences:
  keys:
{consequences}",
        title = s.title,
        observed = s.observed,
        od = date(occurred),
        ot = time(occurred),
        dd = date(discovered),
        dt = time(discovered),
        md = date(manager),
        mt = time(manager),
        pd = date(dpo),
        pt = time(dpo),
        what = s.what_happened,
        description = s.description,
        how = s.how_discovered,
        cause = s.cause,
        breach = s.breach_type,
        records = subjects * 2,
        groups = keys(s.groups),
        categories = keys(s.categories),
        consequences = keys(s.consequences),
    );
    text
}

fn assessment(p: &Profile, at: NaiveDateTime) -> String {
    format!(
        "# yaml-language-server: $schema=../../../schemas/assessment.schema.json
schema_version: 1
assessed_at: \"{at}\"
assessed_by: Dataskyddsombud
data_processing_context:
  category: {category}
  score: {score}
ease_of_identification: {ease}
circumstances:
  confidentiality: {conf}
  integrity: {integrity}
  availability: {availability}
  malicious: {malicious}
flags:
  more_than_100_data_subjects: false
  unintelligible: false
severity_score: {severity}
band: {band}
decision:
  notify_imy: {notify}
  inform_data_subjects: {inform}
reasoning: Bedömningen följer ENISA:s metod utifrån uppgifterna i rapporten.
",
        at = instant(at),
        category = p.category,
        score = p.score,
        ease = p.ease,
        conf = p.confidentiality,
        integrity = p.integrity,
        availability = p.availability,
        malicious = p.malicious,
        severity = p.severity,
        band = p.band,
        notify = p.notify_imy,
        inform = p.inform,
    )
}

fn actions(s: &Scenario, discovered: NaiveDateTime, measure_due: NaiveDate, done: bool) -> String {
    let taken = discovered + Duration::minutes(90);
    let status = if done {
        format!(
            "  status: done\n  done_on: \"{}\"\n",
            measure_due - Duration::days(2)
        )
    } else {
        "  status: open\n".to_string()
    };
    format!(
        "# yaml-language-server: $schema=../../../schemas/actions.schema.json
schema_version: 1
taken:
- date: \"{td}\"
  time: \"{tt}\"
  action: {action}
  by: Handläggare
planned:
- measure: {measure}
  owner: Enhetschef
  due: \"{due}\"
  purpose: prevent
{status}",
        td = date(taken),
        tt = time(taken),
        action = s.action,
        measure = s.measure,
        due = measure_due,
    )
}

fn notification(p: &Profile, discovered: NaiveDateTime, case: &str) -> String {
    let submitted = discovered + Duration::hours(40);
    let mut text = format!(
        "# yaml-language-server: $schema=../../../schemas/notification.schema.json
schema_version: 1
imy:
  submitted_at: \"{submitted}\"
  case_number: IMY-{case}
  supplement_planned: false
data_subjects:
",
        submitted = instant(submitted),
    );
    if p.inform {
        let _ = write!(
            text,
            "  informed: true\n  informed_at: \"{}\"\n  how: Brev till var och en av de registrerade.\n",
            instant(submitted + Duration::hours(24))
        );
    } else {
        text.push_str("  informed: false\n  will_inform: false\n  reasons_not_to_inform:\n    keys:\n    - no_high_risk\n");
    }
    text
}

/// As `incident close` writes it when every duty of the law is met: `deadlines` passes the
/// case over by that line (a closure without it, as an older version wrote, is parsed).
fn closure(at: NaiveDateTime, s: &Scenario) -> String {
    format!(
        "# yaml-language-server: $schema=../../../schemas/closure.schema.json
schema_version: 1
closed_at: \"{at}\"
closed_by: Dataskyddsombud
legal_obligations_at_close: met
root_cause: {root}
lessons_learned: Rutinen har setts över och medarbetarna har informerats.
",
        at = instant(at),
        root = s.root_cause,
    )
}

/// The files of one incident: (file name, text).
fn incident_files(
    id: &str,
    state: State,
    discovered: NaiveDateTime,
    rng: &mut Rng,
) -> Vec<(&'static str, String)> {
    let scenario = rng.pick(SCENARIOS);
    let profile = match state {
        State::Overdue => &PROFILES[2 + rng.below(2)],
        State::Notified => &PROFILES[1 + rng.below(3)],
        _ => rng.pick(PROFILES),
    };
    let mut files = vec![("report.yaml", report(id, scenario, discovered, rng))];
    if state == State::Reported {
        return files;
    }
    let assessed = discovered + Duration::hours(3);
    files.push(("assessment.yaml", assessment(profile, assessed)));
    if state == State::Overdue {
        return files;
    }
    let closed = state == State::Closed;
    let due = (discovered + Duration::days(if closed { 30 } else { 90 })).date();
    files.push(("actions.yaml", actions(scenario, discovered, due, closed)));
    if profile.notify_imy {
        let case = format!("{}-{:05}", discovered.format("%Y"), rng.below(100_000));
        files.push((
            "notification.yaml",
            notification(profile, discovered, &case),
        ));
    }
    if closed {
        let closed_at = discovered + Duration::days(35);
        files.push(("closure.yaml", closure(closed_at, scenario)));
    }
    files
}

/// Writes `count` incidents into the register at `root` (made by `incident init`) and
/// commits them as one commit with the git command line.
pub fn generate(root: &Path, count: usize, seed: u64) -> std::io::Result<Generated> {
    let mut generated = Generated {
        ids: Vec::new(),
        open: Vec::new(),
        closed: Vec::new(),
        files: 0,
        bytes: 0,
    };
    each_incident(count, seed, |id, closed, files| {
        let folder = root.join(format!("incidents/{}/{id}", &id[..4]));
        std::fs::create_dir_all(&folder)?;
        for (name, text) in files {
            generated.files += 1;
            generated.bytes += text.len() as u64;
            std::fs::write(folder.join(name), text)?;
        }
        if closed {
            generated.closed.push(id.to_string());
        } else {
            generated.open.push(id.to_string());
        }
        generated.ids.push(id.to_string());
        Ok(())
    })?;
    // No background `gc --auto` racing the measurements; the register is packed once
    // below, as a register in use for years would be.
    git(root, &["config", "gc.auto", "0"])?;
    git(root, &["add", "-A"])?;
    git(
        root,
        &[
            "commit",
            "-q",
            "-m",
            &format!("register: {count} synthetic incidents (seed {seed})"),
        ],
    )?;
    git(root, &["gc", "-q"])?;
    Ok(generated)
}

/// The `count` incidents of `seed`, oldest first: `each(id, closed, files)`.
pub fn each_incident(
    count: usize,
    seed: u64,
    mut each: impl FnMut(&str, bool, Vec<(&'static str, String)>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut rng = Rng::new(seed);
    let now = NaiveDateTime::parse_from_str("2026-11-20 12:00", "%Y-%m-%d %H:%M").unwrap();
    let open_count = count * OPEN_PER_MILLE / 1000;
    let per_year = count.div_ceil(YEARS as usize);
    let mut index = 0;
    for year in FIRST_YEAR..FIRST_YEAR + YEARS {
        let in_year = per_year.min(count - index);
        for sequence in 1..=in_year {
            let id = format!("{year}-{sequence:04}");
            let open_rank = (index + open_count).checked_sub(count);
            let (state, discovered) = match open_rank {
                // The newest incidents are the open ones, over the last 60 days.
                Some(rank) => {
                    let age_minutes = int(open_count - rank) * 60 * 24 * 60 / int(open_count);
                    let discovered = now - Duration::minutes(age_minutes);
                    let state = if discovered > now - Duration::hours(48) {
                        State::Reported
                    } else {
                        [State::Reported, State::Notified, State::Overdue][rng.below(3)]
                    };
                    (state, discovered)
                }
                None => {
                    // Spread over 1 January to late September, at office hours.
                    let day = (sequence - 1) * 270 / in_year.max(1);
                    let start = NaiveDate::from_ymd_opt(year, 1, 2).unwrap();
                    let discovered = (start + Duration::days(int(day)))
                        .and_hms_opt(8 + small(rng.below(9)), small(rng.below(60)), 0)
                        .unwrap();
                    (State::Closed, discovered)
                }
            };
            let files = incident_files(&id, state, discovered, &mut rng);
            each(&id, state == State::Closed, files)?;
            index += 1;
        }
    }
    Ok(())
}

/// Runs the git command line in `root` as the benchmark's author, outside any user config.
pub fn git(root: &Path, args: &[&str]) -> std::io::Result<()> {
    let status = git_command(root).args(args).status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "git {} failed",
            args.join(" ")
        )))
    }
}

pub fn git_command(root: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", AUTHOR_NAME)
        .env("GIT_AUTHOR_EMAIL", AUTHOR_EMAIL)
        .env("GIT_COMMITTER_NAME", AUTHOR_NAME)
        .env("GIT_COMMITTER_EMAIL", AUTHOR_EMAIL)
        .env("GIT_AUTHOR_DATE", NOW)
        .env("GIT_COMMITTER_DATE", NOW);
    command
}
