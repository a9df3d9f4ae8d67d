//! The supplement (komplettering) to a notification already filed with IMY: the answers
//! added or changed since that filing, each with its previous value, and the actions
//! logged since. IMY asks a supplement for what was missing, not for the whole form again:
//! "Observera att ni i så fall endast ska lämna den information som tidigare saknades. Ni
//! ska alltså inte fylla i alla uppgifter en gång till." (Datainspektionen, now IMY, "Hur
//! du anmäler", datainspektionen.se/lagar--regler/dataskyddsforordningen/
//! anmala-personuppgiftsincident/hur-du-anmaler/); and it takes changes and corrections of
//! the earlier notification the same way (IMY, "Ändra eller komplettera en anmälan":
//! "ändringar, kompletteringar och information om att den tidigare anmälan var felaktig").
//! Pure: the incident as the journal held it at the filing and as it is now in, the list
//! out; the renderers are in `supplement_render`.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;

use super::{Block, Content, ImyForm, Missing, build};
use crate::domain::incident::Incident;
use crate::domain::model::Settings;

/// IMY question 30, "Hur har ni agerat efter incidenten?": a log, compared entry by entry.
pub const ACTIONS_QUESTION: u8 = 30;

/// The filing a supplement is compared with, as the incident at that filing records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filed {
    /// The first notification (`notified imy`).
    Notification,
    /// The N-th supplement (`notified supplement`), from 1.
    Supplement(usize),
}

/// One question whose answer was added or changed since the filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub number: u8,
    pub heading: String,
    pub mandatory: bool,
    /// The answer now: one block, or one a contact person for questions 5–8.
    pub now: Vec<Block>,
    /// The answer at the filing; empty blocks (or none) when it was missing.
    pub before: Vec<Block>,
}

impl Changed {
    /// Whether the question had no answer at the filing.
    pub fn was_missing(&self) -> bool {
        self.before
            .iter()
            .all(|b| b.content.is_empty() && b.other_comment.is_none())
    }

    /// Whether the question has no answer now (an answer taken back).
    pub fn is_missing_now(&self) -> bool {
        self.now
            .iter()
            .all(|b| b.content.is_empty() && b.other_comment.is_none())
    }
}

/// What changed since the last filing with IMY.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Supplement {
    pub incident: String,
    /// IMY's case number (diarienummer), which a supplement names.
    pub case_number: Option<String>,
    pub filed: Filed,
    /// When that filing was submitted, as recorded.
    pub filed_at: Option<DateTime<FixedOffset>>,
    /// Answers added or changed, in the form's order (question 30 apart).
    pub changed: Vec<Changed>,
    /// Entries of question 30 (actions taken, planned measures) new since the filing.
    pub actions_added: Vec<Vec<(String, String)>>,
    /// Entries of question 30 filed then and no longer in the log as they were.
    pub actions_removed: Vec<Vec<(String, String)>>,
    /// Answers still missing now, as the full export lists them.
    pub missing: Vec<Missing>,
}

impl Supplement {
    /// Nothing was added, changed or logged since the filing.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.actions_added.is_empty() && self.actions_removed.is_empty()
    }
}

/// Compares the incident as it was filed (`before`, as the journal held it at the filing)
/// with the incident `now`, both filled into IMY's form under the same settings; `at`
/// decides question 14 only for a notification not submitted, which neither is.
pub fn supplement(
    before: &Incident,
    now: &Incident,
    settings: &Settings,
    zone: Tz,
    at: DateTime<Tz>,
) -> Supplement {
    let then_form = build(before, settings, zone, at);
    let now_form = build(now, settings, zone, at);
    let then = by_question(&then_form);
    let current = by_question(&now_form);
    let mut changed = Vec::new();
    for (number, blocks) in &current {
        if *number == ACTIONS_QUESTION {
            continue;
        }
        let previous = then.get(number).cloned().unwrap_or_default();
        if same_answer(&previous, blocks) {
            continue;
        }
        let first = &blocks[0];
        changed.push(Changed {
            number: *number,
            heading: first.heading.clone(),
            mandatory: first.mandatory,
            now: blocks.clone(),
            before: previous,
        });
    }
    // A question shown then and no longer (13 when the incident is said to go on again).
    for (number, blocks) in &then {
        if *number != ACTIONS_QUESTION && !current.contains_key(number) && !all_empty(blocks) {
            let first = &blocks[0];
            changed.push(Changed {
                number: *number,
                heading: first.heading.clone(),
                mandatory: first.mandatory,
                now: Vec::new(),
                before: blocks.clone(),
            });
        }
    }
    changed.sort_by_key(|c| c.number);
    let then_actions = actions(&then);
    let now_actions = actions(&current);
    let imy = |incident: &Incident| {
        incident
            .notification
            .as_ref()
            .and_then(|n| n.imy.as_ref())
            .cloned()
    };
    let filed_imy = imy(before);
    let supplements = filed_imy.as_ref().map_or(0, |i| i.supplements.len());
    let (filed, filed_at) = match filed_imy.as_ref().and_then(|i| i.supplements.last()) {
        Some(last) => (Filed::Supplement(supplements), Some(last.submitted_at)),
        None => (
            Filed::Notification,
            filed_imy.as_ref().and_then(|i| i.submitted_at),
        ),
    };
    let case_number = imy(now)
        .and_then(|i| i.case_number)
        .or_else(|| filed_imy.and_then(|i| i.case_number));
    Supplement {
        incident: now.report.id.to_string(),
        case_number,
        filed,
        filed_at,
        changed,
        actions_added: difference(&now_actions, &then_actions),
        actions_removed: difference(&then_actions, &now_actions),
        missing: now_form.missing,
    }
}

fn by_question(form: &ImyForm) -> BTreeMap<u8, Vec<Block>> {
    let mut map: BTreeMap<u8, Vec<Block>> = BTreeMap::new();
    for block in form.sections.iter().flat_map(|s| &s.blocks) {
        map.entry(block.number).or_default().push(block.clone());
    }
    map
}

fn all_empty(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .all(|b| b.content.is_empty() && b.other_comment.is_none())
}

/// The same answer: the same contents and comments (an empty answer equals none).
fn same_answer(before: &[Block], now: &[Block]) -> bool {
    if all_empty(before) && all_empty(now) {
        return true;
    }
    before.len() == now.len()
        && before
            .iter()
            .zip(now)
            .all(|(a, b)| a.content == b.content && a.other_comment == b.other_comment)
}

fn actions(blocks: &BTreeMap<u8, Vec<Block>>) -> Vec<Vec<(String, String)>> {
    blocks
        .get(&ACTIONS_QUESTION)
        .into_iter()
        .flatten()
        .flat_map(|block| match &block.content {
            Content::Entries(entries) => entries.clone(),
            _ => Vec::new(),
        })
        .collect()
}

/// The entries of `of` not in `without`, each counted as often as it occurs.
fn difference(
    of: &[Vec<(String, String)>],
    without: &[Vec<(String, String)>],
) -> Vec<Vec<(String, String)>> {
    let mut left: Vec<&Vec<(String, String)>> = without.iter().collect();
    let mut out = Vec::new();
    for entry in of {
        match left.iter().position(|e| *e == entry) {
            Some(index) => {
                left.remove(index);
            }
            None => out.push(entry.clone()),
        }
    }
    out
}

impl Supplement {
    /// The supplement in one line, for the journal's record of it (`notified supplement`
    /// without `--summary`): the questions answered anew and the actions logged since;
    /// `None` when nothing changed.
    pub fn summary(&self, lang: crate::domain::Lang) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !self.changed.is_empty() {
            let numbers: Vec<String> = self.changed.iter().map(|c| c.number.to_string()).collect();
            parts.push(format!(
                "{} {}",
                lang.pick(
                    "Tillkomna eller ändrade svar, IMY:s frågor",
                    "Answers added or changed, IMY questions"
                ),
                numbers.join(", ")
            ));
        }
        if !self.actions_added.is_empty() {
            parts.push(format!(
                "{}: {}",
                lang.pick("åtgärder loggade sedan dess", "actions logged since"),
                self.actions_added.len()
            ));
        }
        if !self.actions_removed.is_empty() {
            parts.push(format!(
                "{}: {}",
                lang.pick(
                    "tidigare åtgärder ändrade eller borttagna",
                    "earlier actions changed or removed"
                ),
                self.actions_removed.len()
            ));
        }
        let mut line = parts.join("; ");
        if let Some(first) = line.get(..1) {
            line = format!("{}{}", first.to_uppercase(), &line[1..]);
        }
        Some(format!("{line}."))
    }
}
