//! `incident validate`: every file of the register against its schema and the rules.

use crate::cli::Context;
use crate::cli::ui::{Progress, Ui};
use crate::domain::Bilingual;
use crate::error::{FileProblem, Result, exit};
use crate::store::drafts::{DraftKind, Drafts};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Parse every file again, ignoring the derived cache of earlier runs (the cache is
    /// rebuilt)
    #[arg(long)]
    pub no_cache: bool,
}

/// The problems of `incident.toml`, which stop the validation before any incident is
/// read; the exit code to return.
fn settings_invalid(ui: &Ui, problems: &[FileProblem]) -> i32 {
    for problem in problems {
        ui.out(&problem.render(ui.lang));
    }
    exit::INVALID
}

pub fn run(context: &Context, args: ValidateArgs) -> Result<i32> {
    let register = match context.open_register() {
        Ok(register) => register,
        Err(crate::Error::Invalid { problems, .. }) => {
            return Ok(settings_invalid(&Ui::new(context.lang(None)), &problems));
        }
        Err(other) => return Err(other),
    };
    let ui = Ui::new(context.lang(Some(&register)));
    if !register.is_journaled() {
        ui.say(ui.t(
            "Obs: mappen är inte ett Git-förråd; ändringar journalförs inte (`incident init` adopterar den).",
            "Note: the folder is not a Git repository; changes are not journaled (`incident init` adopts it).",
        ));
    }
    let incidents = register.ids()?.len();
    // Files unchanged since an earlier run are not parsed again (the derived cache);
    // `--no-cache` parses every file.
    if args.no_cache {
        register.clear_cache();
        // Opening the register skipped the schema's check of a settings text this binary
        // found valid before; here nothing earlier counts.
        let settings_problems = register.settings_checked_again();
        if !settings_problems.is_empty() {
            return Ok(settings_invalid(&ui, &settings_problems));
        }
    }
    // Git's index is read whole (libgit2): before the examination rather than after, so
    // that its memory is given back before the examination's is taken, not added to it.
    let index_warnings = register.index_warnings()?;
    release_freed_memory();
    let progress = Progress::new(ui.t("Kontrollerar", "Checking"), incidents);
    let (mut problems, mut warnings) = register.check_all_reporting(&|| progress.tick())?;
    progress.finish();
    problems.extend(register.leftover_state()?);
    warnings.extend(index_warnings);
    warnings.extend(merge_setup_warning(&register, &ui));
    // Not a problem of the files, but every change is refused until it is left.
    if let Some(refusal) = register.git_state() {
        warnings.push(FileProblem {
            file: ".git".into(),
            line: None,
            column: None,
            field: None,
            message: Bilingual::same(refusal.full_text(ui.lang).replace('\n', " ")),
        });
    }
    // A file named as a problem (an interrupted write, say), or inside a folder named as
    // one (a link), is not also a warning.
    warnings.retain(|warning| !problems.iter().any(|p| warning.file.starts_with(&p.file)));
    for problem in &problems {
        ui.out(&problem.render(ui.lang));
    }
    // Warnings do not make the register invalid: a person decides.
    for warning in warnings.iter().chain(&saved_drafts(&register.root)) {
        ui.out(&format!(
            "{}: {}",
            ui.t("varning", "warning"),
            warning.render(ui.lang)
        ));
    }
    if problems.is_empty() {
        ui.say(&format!(
            "{}: {incidents} {}",
            ui.t("Registret är giltigt", "The register is valid"),
            if incidents == 1 {
                ui.t("incident", "incident")
            } else {
                ui.t("incidenter", "incidents")
            }
        ));
        Ok(exit::OK)
    } else {
        ui.say(&format!(
            "{} {}",
            problems.len(),
            if problems.len() == 1 {
                ui.t("problem hittades.", "problem found.")
            } else {
                ui.t("problem hittades.", "problems found.")
            }
        ));
        Ok(exit::INVALID)
    }
}

/// Gives the memory freed so far back to the system. glibc keeps what a phase freed for
/// later allocations of the same thread, but the examination allocates on its worker
/// threads: at 100,000 incidents the index read (about 100 MB) would stay resident under it.
fn release_freed_memory() {
    // SAFETY: malloc_trim(3) only returns free pages of the allocator to the system.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    unsafe {
        libc::malloc_trim(0);
    }
}

/// A shared register whose clone would merge a `git pull` line by line, with conflict
/// markers: the merge driver not set up, and how to set it up.
fn merge_setup_warning(register: &crate::store::Register, ui: &Ui) -> Option<FileProblem> {
    let setup = register.merge_setup()?;
    if setup.is_complete() || !register.has_remote() {
        return None;
    }
    let (file, message) = if setup.attributes {
        (
            ".git/config",
            ui.t(
                "Gits sammanslagning efter innehåll (`incident merge-driver`) är inte inställd i den här klonen, så en `git pull` kan skriva konfliktmarkeringar i registrets filer: kör `incident sync`, som ställer in den",
                "Git's merge by meaning (`incident merge-driver`) is not set up in this clone, so a `git pull` may write conflict markers into the register's files: run `incident sync`, which sets it up",
            ),
        )
    } else {
        (
            ".gitattributes",
            ui.t(
                "journalen saknar .gitattributes som låter Git slå samman registrets filer efter innehåll: kör `incident sync`, som registrerar den och ställer in sammanslagningen",
                "the journal lacks the .gitattributes that make Git merge the register's files by meaning: run `incident sync`, which records it and sets the merge up",
            ),
        )
    };
    Some(FileProblem {
        file: file.into(),
        line: None,
        column: None,
        field: None,
        message: Bilingual::same(message),
    })
}

/// Answers that commands saved in `.drafts/` (ignored by Git) when they did not finish,
/// each with what to do with it.
fn saved_drafts(root: &std::path::Path) -> Vec<FileProblem> {
    Drafts::of(root)
        .list()
        .into_iter()
        .map(|draft| {
            let message = match draft.kind {
                DraftKind::Intake => Bilingual::new(
                    "innehåller svaren från ett interaktivt `incident new` som inte avslutades: nästa `incident new` erbjuder att fortsätta med dem (ta bort filen för att kasta dem)",
                    "holds the answers of an interactive `incident new` that did not finish: the next `incident new` offers to resume them (delete the file to drop them)",
                ),
                DraftKind::Command(command) => {
                    let file = draft.file.display();
                    Bilingual::new(
                        format!(
                            "innehåller svar som sparades av ett kommando som inte avslutades: fortsätt med `incident {command} --from {file}`, eller ta bort filen"
                        ),
                        format!(
                            "holds answers saved by a command that did not finish: go on with `incident {command} --from {file}`, or delete the file"
                        ),
                    )
                }
            };
            FileProblem {
                file: draft.file,
                line: None,
                column: None,
                field: None,
                message,
            }
        })
        .collect()
}
