//! `incident sync` and `incident clone`: sharing the register through a Git server; and
//! `incident merge-driver`, which Git runs to merge the register's files on a `git pull`.

use std::path::PathBuf;

use crate::cli::Context;
use crate::cli::prompt::{Prompter, TerminalPrompter};
use crate::cli::ui::{Ui, short};
use crate::domain::terminal::for_terminal;
use crate::error::{Result, exit};
use crate::store::Register;
use crate::store::sharing::{Conflict, Side, SyncOptions, SyncReport};

#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// Settle every conflict (a field given different values here and on the server) by
    /// keeping this side's value: mine or theirs. Without it, a terminal asks for each; a
    /// run without a terminal stops, naming them, and nothing is merged or pushed
    #[arg(long, value_name = "SIDE", value_parser = parse_side)]
    pub keep: Option<Side>,
    /// Fetch and integrate only; push nothing
    #[arg(long)]
    pub no_push: bool,
}

#[derive(Debug, clap::Args)]
pub struct CloneArgs {
    /// The register on the Git server: ssh (git@host:org/register.git), https, git:// or a path
    pub url: String,
    /// The folder to make [default: the repository's name]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (Git's %O)
    pub base: PathBuf,
    /// This side's version, overwritten with the result (Git's %A)
    pub ours: PathBuf,
    /// The other side's version (Git's %B)
    pub theirs: PathBuf,
    /// The file's path in the register (Git's %P)
    pub path: String,
}

fn parse_side(text: &str) -> Result<Side, crate::cli::args::Refusal> {
    match text.trim() {
        "mine" | "min" | "mina" | "ours" => Ok(Side::Mine),
        "theirs" | "deras" | "server" | "servern" => Ok(Side::Theirs),
        _ => Err(crate::cli::args::one_of(
            text,
            "mine (mina), theirs (deras)",
        )),
    }
}

pub fn run(context: &Context, args: &SyncArgs) -> Result<i32> {
    let register = context.open_register()?;
    let ui = context.ui(&register);
    let stamp = context.stamp(Some(&register))?;
    let mut prompter = TerminalPrompter::new(ui.lang);
    let interactive = context.interactive;
    let keep = args.keep;
    let mut choose = |conflict: &Conflict| -> Option<Side> {
        if keep.is_some() {
            return keep;
        }
        if !interactive {
            return None;
        }
        ask(&ui, &mut prompter, conflict)
    };
    let report = register.sync(
        &stamp,
        SyncOptions {
            push: !args.no_push,
            push_first: false,
            choose: &mut choose,
        },
    )?;
    tell(&ui, &report, !args.no_push);
    Ok(if report.offline.is_some() {
        exit::IO
    } else {
        exit::OK
    })
}

/// Asks which value a conflict keeps; `None` when the person leaves it (Esc).
fn ask(ui: &Ui, prompter: &mut TerminalPrompter, conflict: &Conflict) -> Option<Side> {
    ui.say(&format!(
        "{}{}",
        ui.t(
            "Ett fält har fått olika värden här och på servern:",
            "A field was given different values here and on the server:"
        ),
        conflict.lines(ui.lang)
    ));
    let items = vec![
        format!("{} {}", ui.t("Behåll min:", "Keep mine:"), conflict.mine),
        format!(
            "{} {}",
            ui.t("Behåll serverns:", "Keep theirs:"),
            conflict.theirs
        ),
        ui.t(
            "Avbryt synken (inget slås ihop eller skickas)",
            "Stop the sync (nothing is merged or pushed)",
        )
        .to_string(),
    ];
    match prompter.select(
        ui.t("Vilket värde gäller?", "Which value holds?"),
        &items,
        0,
    ) {
        Ok(0) => Some(Side::Mine),
        Ok(1) => Some(Side::Theirs),
        _ => None,
    }
}

/// Tells what a sync did, in the order it happened.
pub fn tell(ui: &Ui, report: &SyncReport, pushing: bool) {
    if let Some(entry) = &report.hand_edits {
        ui.say(&format!(
            "{} {} ({})",
            ui.t(
                "Handredigeringar registrerade först:",
                "Hand edits recorded first:"
            ),
            entry.subject,
            short(&entry.commit)
        ));
    }
    if let Some(entry) = &report.attributes {
        ui.entry(entry);
    }
    for (conflict, side) in &report.resolved {
        let kept = match side {
            Side::Mine => &conflict.mine,
            Side::Theirs => &conflict.theirs,
        };
        ui.say(&format!(
            "{} {} {}: {kept}",
            ui.t("Konflikt löst:", "Conflict settled:"),
            conflict
                .incident
                .as_ref()
                .map_or_else(|| conflict.path.clone(), ToString::to_string),
            conflict.field,
        ));
    }
    for (was, is) in &report.renumbered {
        ui.say(&format!(
            "{} {was} → {is} {}",
            ui.t("Nytt id:", "New id:"),
            ui.t(
                "(servern hade redan gett id:t; det preliminära id:t byttes innan det publicerades)",
                "(the server had given that id already; the provisional id was replaced before it was published)"
            )
        ));
    }
    // Filings are fixed points: a tag of the server's that differs from this clone's is
    // named, never overwritten (see README, "Filings are tagged").
    for tag in &report.filed_differ {
        ui.say(&format!(
            "{} {} {}",
            ui.t("Varning: inlämningstaggen", "Warning: the filed tag"),
            for_terminal(tag),
            ui.t(
                "pekar på en annan journalpost på servern än här; ingen av dem flyttas (jämför med `git show`)",
                "points at another journal entry on the server than here; neither is moved (compare them with `git show`)"
            )
        ));
    }
    if !report.retagged.is_empty() && !report.renumbered.is_empty() {
        ui.say(&format!(
            "{} {}",
            ui.t(
                "Inlämningstaggar med det nya id:t:",
                "Filed tags under the new id:"
            ),
            for_terminal(&report.retagged.join(", "))
        ));
    }
    if !report.filed_pushed.is_empty() {
        ui.say(&format!(
            "{} {}",
            ui.t("Inlämningstaggar skickade:", "Filed tags pushed:"),
            for_terminal(&report.filed_pushed.join(", "))
        ));
    }
    if let Some(message) = &report.offline {
        ui.say(&format!(
            "{} {}\n  {}",
            ui.t(
                "Servern kunde inte nås:",
                "The server could not be reached:"
            ),
            report.remote,
            message.replace('\n', "\n  ")
        ));
        ui.say(ui.t(
            "Posterna finns kvar här och skickas vid nästa `incident sync`.",
            "The entries stay here and are sent at the next `incident sync`.",
        ));
        return;
    }
    ui.out(&format!(
        "{} {}: {} {}, {} {}{}",
        ui.t("Synkad med", "Synced with"),
        report.remote,
        report.received,
        if report.received == 1 {
            ui.t("journalpost mottagen", "journal entry received")
        } else {
            ui.t("journalposter mottagna", "journal entries received")
        },
        if pushing { report.pushed } else { 0 },
        ui.t("skickade", "pushed"),
        if report.already_there > 0 {
            format!(
                ", {} {}",
                report.already_there,
                ui.t(
                    "utan ändring i filerna (servern hade redan samma innehåll)",
                    "without a change of files (the server held the same already)"
                )
            )
        } else {
            String::new()
        }
    ));
    ui.unfinished(report.unfinished.as_ref());
}

pub fn clone(context: &Context, args: &CloneArgs) -> Result<i32> {
    let folder = match &args.dir {
        Some(dir) => dir.clone(),
        None => PathBuf::from(repository_name(&args.url)),
    };
    let register = Register::clone_from(&args.url, &folder)?;
    let ui = context.ui(&register);
    let count = register.ids()?.len();
    ui.out(&format!(
        "{} {}: {count} {}",
        ui.t("Registret klonat till", "Register cloned into"),
        folder.display(),
        match count {
            1 => ui.t("incident", "incident"),
            _ => ui.t("incidenter", "incidents"),
        }
    ));
    ui.say(ui.t(
        "Sammanslagning efter innehåll är inställd för `git pull`; dela ändringar med `incident sync`.",
        "Merging by meaning is set up for `git pull`; share changes with `incident sync`.",
    ));
    Ok(0)
}

/// The folder `git clone` would make: the last part of the URL without `.git`.
fn repository_name(url: &str) -> String {
    let last = url
        .trim_end_matches('/')
        .rsplit(['/', ':', '\\'])
        .next()
        .unwrap_or("register");
    let name = last.strip_suffix(".git").unwrap_or(last);
    if name.is_empty() {
        "register".to_string()
    } else {
        name.to_string()
    }
}

pub fn merge_driver(context: &Context, args: &MergeDriverArgs) -> Result<i32> {
    let lang = context.lang(None);
    let conflicts =
        crate::store::sharing::merge_driver(&args.base, &args.ours, &args.theirs, &args.path)?;
    if conflicts.is_empty() {
        return Ok(0);
    }
    let ui = Ui::new(lang);
    ui.say(&format!(
        "incident: {} {}:",
        ui.t(
            "fält med olika värden på båda sidor i",
            "fields given different values on both sides in"
        ),
        args.path
    ));
    for conflict in &conflicts {
        ui.say(&format!(
            "  {}: {} {} / {} {}",
            conflict.field,
            ui.t("min", "mine"),
            conflict.mine,
            ui.t("deras", "theirs"),
            conflict.theirs
        ));
    }
    ui.say(ui.t(
        "Filen har behållit din version (inga konfliktmarkeringar). Avbryt med `git merge --abort` och kör `incident sync`, som frågar vilket värde som gäller.",
        "The file keeps your version (no conflict markers). Abort with `git merge --abort` and run `incident sync`, which asks which value holds.",
    ));
    Ok(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clone_folder_is_named_as_git_names_it() {
        assert_eq!(repository_name("git@host:org/register.git"), "register");
        assert_eq!(
            repository_name("https://host/org/dpo-register/"),
            "dpo-register"
        );
        assert_eq!(repository_name("/srv/git/reg.git"), "reg");
    }
}
