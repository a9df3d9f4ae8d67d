//! The guided intake of `incident new` (steps A and B): every answer not yet given, in the
//! order a person experiences a breach. An empty answer means "not known yet".

use chrono_tz::Tz;

use crate::cli::prompt::Prompter;
use crate::cli::times::Judge;
use crate::domain::Lang;
use crate::domain::catalogue::catalogue;
use crate::domain::draft::ReportDraft;
use crate::domain::input::InputError;
use crate::domain::model::answers::FormQuestion;
use crate::domain::model::report::{BreachType, Party, PersonTold, Role};
use crate::domain::model::verdict::verdict_guidance;
use crate::domain::model::{Choice, Count, Selection, Verdict, VerdictKind};
use crate::domain::moment::{ClockTime, Moment, parse_date_and_time, resolve_local};
use crate::domain::plausibility::{Facts, Recorded, When};
use crate::error::{Error, Result};

/// The guided intake: asks for every answer not yet given, in the order a person
/// experiences a breach. An empty answer means "not known yet".
pub struct Intake {
    pub lang: Lang,
    pub zone: Tz,
    pub today: chrono::NaiveDate,
    pub dpo: Option<String>,
    /// Who answers and when: the verdict records them as who decided, and when.
    pub author: String,
    pub now: chrono::DateTime<chrono::FixedOffset>,
    /// `--confirm-time`: a moment more than a day ahead is taken without asking.
    pub confirm_time: bool,
}

impl Intake {
    fn t<'a>(&self, sv: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(sv, en)
    }

    fn heading(&self, number: u8) -> String {
        let question = catalogue().question(number);
        format!(
            "{} ({})",
            question.heading(self.lang),
            self.t(
                &format!("IMY fråga {number}"),
                &format!("IMY question {number}")
            )
        )
    }

    /// Asks what the draft lacks. `keep` is called with the draft before every question,
    /// so that each answer is saved as soon as it is given.
    pub fn ask(
        &self,
        prompter: &mut dyn Prompter,
        draft: &mut ReportDraft,
        keep: &mut dyn FnMut(&ReportDraft),
    ) -> Result<()> {
        let lang = self.lang;
        keep(draft);
        if draft.observed.is_none() {
            draft.observed = prompter.long_text(
                self.t(
                    "Vad har ni observerat? Hur yttrar sig incidenten?",
                    "What was observed? How does the incident show itself?",
                ),
                None,
                false,
            )?;
        }
        keep(draft);
        if draft.title.is_none() {
            draft.title = prompter.text(
                self.t("Kort rubrik för listor", "Short title for lists"),
                None,
                true,
                &|_| Ok(()),
            )?;
        }
        keep(draft);
        if draft.occurred.is_none() {
            draft.occurred = self.ask_moment(
                prompter,
                &self.heading(10),
                None,
                false,
                Recorded::Occurred,
                None,
            )?;
        }
        keep(draft);
        if draft.discovered.is_none() {
            let today = self.today.format("%Y-%m-%d").to_string();
            let what = Recorded::Discovered;
            draft.discovered =
                self.ask_moment(prompter, &self.heading(11), Some(&today), true, what, None)?;
            if let Some(discovered) = draft.discovered.as_mut() {
                self.ask_discovery_time(prompter, discovered)?;
            }
        }
        keep(draft);
        if draft.discovered_by.is_none() {
            draft.discovered_by = prompter.text(
                self.t("Vem upptäckte incidenten?", "Who discovered the incident?"),
                None,
                false,
                &|_| Ok(()),
            )?;
        }
        keep(draft);
        if draft.manager_informed.is_none()
            && prompter.confirm(
                self.t(
                    "Steg A: har ansvarig chef informerats?",
                    "Step A: has the responsible manager been told?",
                ),
                false,
            )?
        {
            let name = prompter.text(
                self.t("Chefens namn", "The manager's name"),
                None,
                false,
                &|_| Ok(()),
            )?;
            let when = self.ask_moment(
                prompter,
                self.t("När informerades chefen?", "When was the manager told?"),
                Some(&self.today.to_string()),
                true,
                Recorded::ManagerTold,
                draft.discovered.as_ref(),
            )?;
            draft.manager_informed = when.map(|m| PersonTold {
                name,
                date: m.date,
                time: m.time,
            });
        }
        keep(draft);
        if draft.dpo_contacted.is_none()
            && prompter.confirm(
                self.t(
                    "Steg B: har dataskyddsombudet kontaktats?",
                    "Step B: has the data protection officer been contacted?",
                ),
                false,
            )?
        {
            let name = prompter.text(
                self.t("Dataskyddsombudets namn", "The DPO's name"),
                self.dpo.as_deref(),
                false,
                &|_| Ok(()),
            )?;
            let when = self.ask_moment(
                prompter,
                self.t(
                    "När kontaktades dataskyddsombudet?",
                    "When was the DPO contacted?",
                ),
                Some(&self.today.to_string()),
                true,
                Recorded::DpoContacted,
                draft.discovered.as_ref(),
            )?;
            draft.dpo_contacted = when.map(|m| PersonTold {
                name,
                date: m.date,
                time: m.time,
            });
        }
        keep(draft);
        if draft.what_happened.is_none() {
            draft.what_happened = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.description.is_none() {
            draft.description =
                prompter.long_text(&self.heading(16), draft.observed.as_deref(), false)?;
        }
        keep(draft);
        if draft.breach_types.is_empty() {
            let items: Vec<String> = BreachType::ALL
                .iter()
                .map(|t| t.label(lang).to_string())
                .collect();
            let chosen = prompter.multi_select(
                self.t("Typ av incident (EDPB)", "Type of breach (EDPB)"),
                &items,
                &[false; 3],
            )?;
            draft.breach_types = chosen.into_iter().map(|i| BreachType::ALL[i]).collect();
        }
        keep(draft);
        if draft.cause.is_none() {
            draft.cause = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.how_discovered.is_none() {
            draft.how_discovered = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.sector.is_none() {
            draft.sector = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.area.is_none() {
            draft.area = self.ask_choice(prompter)?;
        }
        keep(draft);
        if draft.ongoing.is_none() {
            draft.ongoing = self.ask_yes_no(prompter, &self.heading(12))?;
        }
        keep(draft);
        if draft.ongoing == Some(false) && draft.ended.is_none() {
            draft.ended = self.ask_moment(
                prompter,
                &self.heading(13),
                None,
                false,
                Recorded::Ended,
                None,
            )?;
        }
        keep(draft);
        if draft.subject_groups.is_none() {
            draft.subject_groups = self.ask_selection(prompter)?;
        }
        keep(draft);
        if draft.data_subjects.is_none() {
            draft.data_subjects = self.ask_count(prompter, 23)?;
        }
        keep(draft);
        if draft.records.is_none() {
            draft.records = self.ask_count(prompter, 24)?;
        }
        keep(draft);
        if draft.data_categories.is_none() {
            draft.data_categories = self.ask_selection(prompter)?;
        }
        keep(draft);
        if draft.encrypted.is_none() {
            draft.encrypted = self.ask_yes_no(prompter, &self.heading(27))?;
        }
        keep(draft);
        if draft.consequences.is_none() {
            draft.consequences = self.ask_selection(prompter)?;
        }
        keep(draft);
        if draft.processors_involved.is_none() {
            draft.processors_involved = self.ask_yes_no(prompter, &self.heading(21))?;
            if draft.processors_involved == Some(true) {
                let name_prompt = self.t(
                    "Biträdets namn (tomt när klart)",
                    "The processor's name (empty when done)",
                );
                while let Some(name) = prompter.text(name_prompt, None, false, &|_| Ok(()))? {
                    let org_number = prompter.text(
                        self.t("Organisationsnummer", "Organisation number"),
                        None,
                        false,
                        &|_| Ok(()),
                    )?;
                    draft.processors.push(Party { name, org_number });
                    keep(draft);
                }
            }
        }
        keep(draft);
        if draft.role.is_none() {
            let items = vec![
                self.t(
                    "Personuppgiftsansvarig (anmäler till IMY, art. 33.1)",
                    "Controller (notifies IMY, Art. 33(1))",
                )
                .to_string(),
                self.t(
                    "Personuppgiftsbiträde (underrättar den ansvarige, art. 33.2)",
                    "Processor (notifies the controller, Art. 33(2))",
                )
                .to_string(),
            ];
            let role = prompter.select(
                self.t("Er roll för behandlingen", "Your role for this processing"),
                &items,
                0,
            )?;
            draft.role = Some(if role == 0 {
                Role::Controller
            } else {
                Role::Processor
            });
            if role == 1 && draft.controller.is_none() {
                let name = prompter.text(
                    self.t("Den personuppgiftsansvariges namn", "The controller's name"),
                    None,
                    true,
                    &|_| Ok(()),
                )?;
                draft.controller = name.map(|name| Party {
                    name,
                    org_number: None,
                });
            }
        }
        keep(draft);
        if draft.verdict.is_none() {
            draft.verdict = self.ask_verdict(prompter)?;
        }
        keep(draft);
        Ok(())
    }

    /// Is it a personal data breach at all? With the seeds' guidance; "not yet decided"
    /// (treated as a breach, the clock runs) is the default, as the seeds say "if in doubt".
    fn ask_verdict(&self, prompter: &mut dyn Prompter) -> Result<Option<Verdict>> {
        let items: Vec<String> = VerdictKind::ALL
            .iter()
            .map(|k| k.label(self.lang).to_string())
            .collect();
        let prompt = format!(
            "{}\n{}",
            verdict_guidance(self.lang),
            self.t("Vad är det?", "What is it?")
        );
        let kind = VerdictKind::ALL[prompter.select(&prompt, &items, 0)?];
        if kind == VerdictKind::Undecided {
            return Ok(None);
        }
        let reason = prompter.long_text(
            self.t(
                "Motivering: vad som har konstaterats och av vem",
                "Reason: what was established, and by whom",
            ),
            None,
            true,
        )?;
        Ok(reason.map(|reason| Verdict {
            kind,
            decided_by: self.author.clone(),
            decided_at: self.now,
            reason,
        }))
    }

    /// A discovery given as a date alone: the 72 hours then run from 00:00 of that day
    /// (the earliest it can be). Asks for the clock time, or a comment on why it is not
    /// known (IMY question 11's comment).
    fn ask_discovery_time(
        &self,
        prompter: &mut dyn Prompter,
        discovered: &mut Moment,
    ) -> Result<()> {
        if discovered.time.is_some() || discovered.comment.is_some() {
            return Ok(());
        }
        let answer = prompter.text(
            self.t(
                "Inget klockslag angivet: 72 timmar räknas då från kl. 00:00. Klockslag (TT:MM), eller en kommentar om varför det inte är känt",
                "No clock time given: the 72 hours then run from 00:00. The time (HH:MM), or a comment on why it is not known",
            ),
            None,
            false,
            &|text| self.check_time_or_comment(text, discovered.date),
        )?;
        if let Some(text) = answer {
            match text.trim().parse::<ClockTime>() {
                Ok(time) => discovered.time = Some(time),
                Err(_) => discovered.comment = Some(text),
            }
        }
        Ok(())
    }

    /// A clock time that exists on `date`, or a comment: what looks like a time (digits
    /// with `:` or `.`) but is none, or falls in the spring gap, is asked again rather than
    /// kept as a comment, so nobody believes a time was recorded that was not.
    fn check_time_or_comment(&self, text: &str, date: chrono::NaiveDate) -> Result<(), String> {
        let text = text.trim();
        let looks_like_time = text.len() <= 5
            && text.chars().next().is_some_and(|c| c.is_ascii_digit())
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
        if !looks_like_time {
            return Ok(());
        }
        let time = text
            .parse::<ClockTime>()
            .map_err(|e| e.describe(self.lang))?;
        resolve_local(self.zone, date, time.naive())
            .map(|_| ())
            .map_err(|_| {
                InputError::SkippedTime {
                    text: format!("{date} {text}"),
                    zone: self.zone.to_string(),
                }
                .describe(self.lang)
            })
    }

    /// A moment of `what`: one that cannot be true is refused and asked again (a notice
    /// before the `discovered` one); one more than a day ahead is asked about, and asked
    /// again unless confirmed.
    fn ask_moment(
        &self,
        prompter: &mut dyn Prompter,
        prompt: &str,
        default: Option<&str>,
        required: bool,
        what: Recorded,
        discovered: Option<&Moment>,
    ) -> Result<Option<Moment>> {
        let (zone, lang) = (self.zone, self.lang);
        let facts = Facts {
            discovered: discovered.cloned(),
            imy_notified: None,
        };
        let judge = Judge {
            facts: &facts,
            now: self.now,
            zone,
            lang,
            confirmed: self.confirm_time,
        };
        let hint = self.t(
            "ÅÅÅÅ-MM-DD eller ÅÅÅÅ-MM-DD TT:MM",
            "YYYY-MM-DD or YYYY-MM-DD HH:MM",
        );
        let judged = &judge;
        let check = move |text: &str| -> Result<(), String> {
            let (date, time) = parse_date_and_time(text).map_err(|e| e.describe(lang))?;
            if let Some(time) = time {
                resolve_local(zone, date, time.naive()).map_err(|_| {
                    InputError::SkippedTime {
                        text: text.to_string(),
                        zone: zone.to_string(),
                    }
                    .describe(lang)
                })?;
            }
            judged.impossible(what, &When::Local(Moment::on(date, time)))
        };
        let (date, time) = loop {
            let Some(answer) =
                prompter.text(&format!("{prompt} [{hint}]"), default, required, &check)?
            else {
                return Ok(None);
            };
            let (date, time): (chrono::NaiveDate, Option<ClockTime>) = parse_date_and_time(&answer)
                .map_err(|m| Error::bad_input(prompt.to_string(), m))?;
            let when = When::Local(Moment::on(date, time));
            if judge.settle(what, &when, Some(&mut *prompter))?.is_ok() {
                break (date, time);
            }
        };
        let comment = prompter.text(
            self.t("Eventuell kommentar", "Comment, if any"),
            None,
            false,
            &|_| Ok(()),
        )?;
        Ok(Some(Moment {
            date,
            time,
            comment,
        }))
    }

    fn ask_yes_no(&self, prompter: &mut dyn Prompter, prompt: &str) -> Result<Option<bool>> {
        let items = vec![
            self.t("Ja", "Yes").to_string(),
            self.t("Nej", "No").to_string(),
            self.t("Vet inte än", "Not known yet").to_string(),
        ];
        Ok(match prompter.select(prompt, &items, 2)? {
            0 => Some(true),
            1 => Some(false),
            _ => None,
        })
    }

    fn ask_count(&self, prompter: &mut dyn Prompter, number: u8) -> Result<Option<Count>> {
        let prompt = format!(
            "{} [{}]",
            self.heading(number),
            self.t(
                "antal, intervall 1-10, eller 1000+",
                "number, interval 1-10, or 1000+"
            )
        );
        let lang = self.lang;
        let answer = prompter.text(&prompt, None, false, &|text| {
            Count::parse(text).map(|_| ()).map_err(|e| e.describe(lang))
        })?;
        answer
            .as_deref()
            .map(Count::parse)
            .transpose()
            .map_err(|m| Error::bad_input(prompt, m))
    }

    fn ask_comment(
        &self,
        prompter: &mut dyn Prompter,
        option_label: &str,
    ) -> Result<Option<String>> {
        prompter.text(
            // The form's "Övrigt:" already ends in a colon.
            &format!(
                "{}: {}",
                option_label.trim_end_matches(':'),
                self.t("kommentar", "comment")
            ),
            None,
            true,
            &|_| Ok(()),
        )
    }

    fn ask_choice<Q: FormQuestion>(
        &self,
        prompter: &mut dyn Prompter,
    ) -> Result<Option<Choice<Q>>> {
        let question = catalogue().question(Q::NUMBER);
        let mut items: Vec<String> = question
            .options
            .iter()
            .map(|o| o.label(self.lang).to_string())
            .collect();
        items.push(self.t("Vet inte än", "Not known yet").to_string());
        let index = prompter.select(&self.heading(Q::NUMBER), &items, items.len() - 1)?;
        let Some(option) = question.options.get(index) else {
            return Ok(None);
        };
        let comment = if option.needs_comment() {
            self.ask_comment(prompter, option.label(self.lang))?
        } else {
            None
        };
        Ok(Some(Choice::new(option.key.clone(), comment)))
    }

    fn ask_selection<Q: FormQuestion>(
        &self,
        prompter: &mut dyn Prompter,
    ) -> Result<Option<Selection<Q>>> {
        let question = catalogue().question(Q::NUMBER);
        let items: Vec<String> = question
            .options
            .iter()
            .map(|o| o.label(self.lang).to_string())
            .collect();
        // The prompter says how to choose, and confirms an empty choice: "not known yet".
        let prompt = self.heading(Q::NUMBER);
        let chosen = prompter.multi_select(&prompt, &items, &vec![false; items.len()])?;
        if chosen.is_empty() {
            return Ok(None);
        }
        let keys: Vec<String> = chosen
            .iter()
            .map(|&i| question.options[i].key.clone())
            .collect();
        let comment = match chosen
            .iter()
            .map(|&i| &question.options[i])
            .find(|o| o.needs_comment())
        {
            Some(option) => self.ask_comment(prompter, option.label(self.lang))?,
            None => None,
        };
        Ok(Some(Selection::new(keys, comment)))
    }
}
