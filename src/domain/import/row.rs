//! One row of the file as a report (and a closure when the row says it was closed): each
//! mapped cell parsed as its field wants it, each problem named by its line, column and
//! field. The rules and schemas over the files are the store's to check, as for a file
//! edited by hand; what is checked here is what must be read before a file exists.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::table::Table;
use super::{Mapping, RowProblem};
use crate::domain::catalogue::catalogue;
use crate::domain::draft::ReportDraft;
use crate::domain::input::InputError;
use crate::domain::model::answers::FormQuestion;
use crate::domain::model::notification::ImyNotification;
use crate::domain::model::{
    Choice, Closure, Count, Notification, SCHEMA_VERSION, Verdict, VerdictKind,
};
use crate::domain::moment::{ClockTime, Moment, resolve_local, resolve_local_latest, start_of_day};
use crate::domain::plausibility::{Facts, Plausibility, Recorded, TOLERANCE_HOURS, When, judge};
use crate::domain::{Bilingual, IncidentId, Lang};

/// What every row is read with: the file's name, the register's language and zone (the
/// texts the import writes are the register's), and who imports, when.
#[derive(Debug, Clone)]
pub struct RowContext {
    pub file: String,
    pub lang: Lang,
    pub zone: Tz,
    pub now: DateTime<FixedOffset>,
    pub author: String,
}

/// A row read: its line, the report (under a provisional id of its year of discovery)
/// and the closure when the row was closed.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRow {
    pub line: u64,
    pub report: crate::domain::model::Report,
    pub closure: Option<Closure>,
    /// When the row says IMY was notified: notification.yaml.
    pub notification: Option<Notification>,
}

struct Cells<'a> {
    mapping: &'a Mapping,
    table: &'a Table,
    values: &'a [String],
    line: u64,
    /// Now and the register's zone: a moment more than a day after now is refused.
    now: DateTime<FixedOffset>,
    zone: Tz,
    problems: Vec<RowProblem>,
}

impl Cells<'_> {
    /// The cell of `field`, trimmed; `None` when unmapped or empty.
    fn get(&self, field: &str) -> Option<String> {
        let column = self.mapping.columns.get(field)?;
        let index = self.table.column(column)?;
        let cell = self.values.get(index)?.trim();
        (!cell.is_empty()).then(|| cell.to_string())
    }

    fn problem(&mut self, field: &str, sv: String, en: String) {
        self.problems.push(RowProblem {
            line: self.line,
            column: self.mapping.columns.get(field).cloned(),
            field: field.to_string(),
            message: Bilingual::new(sv, en),
        });
    }

    fn input_problem(&mut self, field: &str, error: &InputError) {
        self.problem(field, error.describe(Lang::Sv), error.describe(Lang::En));
    }

    /// A date and an optional `HH:MM`, in the mapping's date format.
    fn date_and_time(&mut self, field: &str) -> Option<(NaiveDate, Option<ClockTime>)> {
        let text = self.get(field)?;
        let format = self.mapping.date_format.as_deref().unwrap_or("%Y-%m-%d");
        let with_time = |at: NaiveDateTime| {
            (
                at.date(),
                ClockTime::new(at.time().hour(), at.time().minute()),
            )
        };
        let read = NaiveDate::parse_from_str(&text, format)
            .map(|date| (date, None))
            .or_else(|_| {
                NaiveDateTime::parse_from_str(&text, &format!("{format} %H:%M")).map(with_time)
            })
            .or_else(|_| {
                NaiveDateTime::parse_from_str(&text, &format!("{format}T%H:%M")).map(with_time)
            });
        if let Ok((date, time)) = read {
            return self.not_ahead(field, &text, date, time);
        }
        self.problem(
            field,
            format!("`{text}` är inget datum i formatet {format} (date_format i mappningsfilen), med en tid TT:MM efter om den finns"),
            format!("`{text}` is not a date in the format {format} (date_format in the mapping file), with a time HH:MM after it if any"),
        );
        None
    }

    /// A moment read is kept unless it lies more than a day after now (the tolerance of
    /// [`crate::domain::plausibility`]): an old register documents what has happened
    /// (GDPR Art. 33(5)), so a date that has not come is a wrong cell (a day and a month
    /// swapped, a year mistyped), and a discovery after now would start the 72 hours from
    /// a moment that has not come.
    fn not_ahead(
        &mut self,
        field: &str,
        text: &str,
        date: NaiveDate,
        time: Option<ClockTime>,
    ) -> Option<(NaiveDate, Option<ClockTime>)> {
        let when = When::Local(Moment::on(date, time));
        let judged = judge(
            &Facts::default(),
            Recorded::Occurred,
            &when,
            self.now,
            self.zone,
        );
        if let Plausibility::Unlikely { now } = judged {
            let hours = TOLERANCE_HOURS;
            self.problem(
                field,
                format!("`{text}` ligger mer än {hours} timmar efter nu ({now}): registret dokumenterar det som har hänt (GDPR art. 33.5), så en tid som inte har kommit än är fel (dag och månad förväxlade? date_format i mappningsfilen); rätta cellen"),
                format!("`{text}` is more than {hours} hours after now ({now}): the register documents what has happened (GDPR Art. 33(5)), so a time that has not come yet is wrong (day and month swapped? date_format in the mapping file); correct the cell"),
            );
            return None;
        }
        Some((date, time))
    }

    fn moment(&mut self, field: &str) -> Option<Moment> {
        self.date_and_time(field)
            .map(|(date, time)| Moment::on(date, time))
    }

    fn count(&mut self, field: &str) -> Option<Count> {
        let text = self.get(field)?;
        match Count::parse(&text) {
            Ok(count) => Some(count),
            Err(error) => {
                self.input_problem(field, &error);
                None
            }
        }
    }

    /// The option key of a cell: the mapping's `[values.<field>]` word, else the cell.
    fn key(&mut self, field: &str, number: u8) -> Option<(String, String)> {
        let text = self.get(field)?;
        let key = self
            .mapping
            .values
            .get(field)
            .and_then(|words| words.get(&text))
            .cloned()
            .unwrap_or_else(|| text.clone());
        if number > 0 && catalogue().question(number).option(&key).is_none() {
            let known: Vec<&str> = catalogue().question(number).option_keys().collect();
            self.problem(
                field,
                format!(
                    "`{text}` är inget svar på IMY fråga {number}; översätt det under [values.{field}] i mappningsfilen till en av: {}",
                    known.join(", ")
                ),
                format!(
                    "`{text}` is no answer to IMY question {number}; translate it under [values.{field}] in the mapping file to one of: {}",
                    known.join(", ")
                ),
            );
            return None;
        }
        Some((key, text))
    }

    /// A choice of IMY question `Q`; an option that needs its comment ("other") takes
    /// the cell's own words as the comment.
    fn choice<Q: FormQuestion>(&mut self, field: &str) -> Option<Choice<Q>> {
        let (key, text) = self.key(field, Q::NUMBER)?;
        let needs_comment = catalogue()
            .question(Q::NUMBER)
            .option(&key)
            .is_some_and(crate::domain::catalogue::AnswerOption::needs_comment);
        let comment = (needs_comment && text != key).then_some(text);
        Some(Choice::new(key, comment))
    }
}

use chrono::Timelike;

/// Reads row `cells` (at `line`) of `table` as `mapping` says.
pub fn build_row(
    mapping: &Mapping,
    table: &Table,
    line: u64,
    cells: &[String],
    context: &RowContext,
) -> Result<ImportedRow, Vec<RowProblem>> {
    let mut row = Cells {
        mapping,
        table,
        values: cells,
        line,
        now: context.now,
        zone: context.zone,
        problems: Vec::new(),
    };
    let lang = context.lang;
    let source = match lang {
        Lang::Sv => format!("importerad från {} rad {line}", context.file),
        Lang::En => format!("imported from {} line {line}", context.file),
    };
    let mut draft = ReportDraft {
        title: row.get("title"),
        internal_reference: row.get("internal_reference"),
        observed: row.get("observed"),
        description: row.get("description"),
        discovered_by: row.get("discovered_by"),
        occurred: row.moment("occurred"),
        discovered: row.moment("discovered"),
        ended: row.moment("ended"),
        what_happened: row.choice("what_happened"),
        how_discovered: row.choice("how_discovered"),
        cause: row.choice("cause"),
        sector: row.choice("sector"),
        area: row.choice("area"),
        data_subjects: row.count("data_subjects"),
        records: row.count("records"),
        ..ReportDraft::default()
    };
    // An incident that ended is not ongoing (IMY questions 12–13).
    if draft.ended.is_some() {
        draft.ongoing = Some(false);
    }
    if let Some((key, text)) = row.key("verdict", 0) {
        match VerdictKind::parse(&key) {
            Some(VerdictKind::Undecided) => {}
            Some(kind) => {
                draft.verdict = Some(Verdict {
                    kind,
                    decided_by: context.author.clone(),
                    decided_at: context.now,
                    reason: format!("{source}: {text}"),
                });
            }
            None => {
                let keys: Vec<&str> = VerdictKind::ALL.iter().map(|k| k.key()).collect();
                row.problem(
                    "verdict",
                    format!("`{text}` är ingen klassning; översätt det under [values.verdict] i mappningsfilen till en av: {}", keys.join(", ")),
                    format!("`{text}` is no verdict; translate it under [values.verdict] in the mapping file to one of: {}", keys.join(", ")),
                );
            }
        }
    }
    if draft.title.is_none() {
        row.problem(
            "title",
            "är tom: varje incident behöver en rubrik".into(),
            "is empty: every incident needs a title".into(),
        );
    }
    if draft.discovered.is_none() && !row.problems.iter().any(|p| p.field == "discovered") {
        row.problem(
            "discovered",
            "är tom: när incidenten upptäcktes bestämmer dess år och id (IMY fråga 11)".into(),
            "is empty: when the incident was discovered gives its year and id (IMY question 11)"
                .into(),
        );
    }
    let closed = row.date_and_time("closed");
    // A case is closed after it was discovered: a closing date before the discovery is a
    // wrong cell (a day and a month swapped), which no rule of closure.yaml would catch.
    if let (Some((date, time)), Some(discovered)) = (closed, &draft.discovered)
        && Moment::on(date, time).compare(discovered) == Some(std::cmp::Ordering::Less)
    {
        let at = Moment::on(date, time);
        row.problem(
            "closed",
            format!("{at} är före upptäckten ({discovered}, IMY fråga 11): ett ärende avslutas efter att incidenten upptäckts; rätta avslutsdatumet eller upptäckten"),
            format!("{at} is before the discovery ({discovered}, IMY question 11): a case is closed after the incident was discovered; correct the closing date or the discovery"),
        );
    }
    let closure = closed.map(|(date, time)| {
        let at = time
            .and_then(|t| resolve_local(context.zone, date, t.naive()).ok())
            .unwrap_or_else(|| start_of_day(context.zone, date));
        let not_recorded = match lang {
            Lang::Sv => format!("Ej angivet i det tidigare registret ({source})."),
            Lang::En => format!("Not recorded in the earlier register ({source})."),
        };
        Closure {
            schema_version: SCHEMA_VERSION,
            closed_at: at.fixed_offset(),
            closed_by: row
                .get("closed_by")
                .unwrap_or_else(|| context.author.clone()),
            legal_obligations_at_close: None,
            waived: Vec::new(),
            root_cause: row
                .get("root_cause")
                .unwrap_or_else(|| not_recorded.clone()),
            lessons_learned: row.get("lessons_learned").unwrap_or(not_recorded),
        }
    });
    // The notification to IMY (GDPR Art. 33): when it was submitted, its case number and
    // the reasons for a delay past the 72 hours, which the rules of notification.yaml ask.
    // A submission is read at its latest (a date alone: 23:59), as the tool reads every
    // submission, so that a deadline is never claimed met on the generous reading.
    let notification = row.date_and_time("notified_imy").map(|(date, time)| {
        let clock = time.map_or(NaiveTime::from_hms_opt(23, 59, 0), |t| Some(t.naive()));
        let at = clock
            .and_then(|t| resolve_local_latest(context.zone, date, t).ok())
            .unwrap_or_else(|| start_of_day(context.zone, date));
        Notification {
            schema_version: SCHEMA_VERSION,
            imy: Some(ImyNotification {
                submitted_at: Some(at.fixed_offset()),
                case_number: row.get("imy_case_number"),
                late_reason: row.get("late_reason"),
                supplement_planned: None,
                supplements: Vec::new(),
                secrecy: None,
            }),
            data_subjects: None,
            public_communication: None,
            controller_notified_at: None,
            customers: Vec::new(),
            nis2: None,
            regime_reports: std::collections::BTreeMap::new(),
        }
    });
    if !row.problems.is_empty() {
        return Err(row.problems);
    }
    let year = draft.year_of_discovery().unwrap_or_default();
    // A provisional id of the year: the store gives the real one when it records.
    let report = draft
        .into_report(IncidentId::new(year, 1), lang)
        .map_err(|missing| {
            missing
                .into_iter()
                .map(|(flag, what)| RowProblem {
                    line,
                    column: None,
                    field: flag,
                    message: Bilingual::new(what.clone(), what),
                })
                .collect::<Vec<_>>()
        })?;
    Ok(ImportedRow {
        line,
        report,
        closure,
        notification,
    })
}
