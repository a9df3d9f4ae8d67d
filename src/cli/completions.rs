//! `incident completions SHELL` and `incident man [DIR]`: generated from the clap
//! definitions, in the interface language.

use std::path::{Path, PathBuf};

use clap_complete::Shell;

use super::{Context, help};
use crate::domain::Lang;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// The folder to write the pages to, one per command (created if missing; existing pages
    /// are overwritten) [default: the top page to stdout]
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The interface language: `--lang`, else the register's setting (when there is one),
/// else Swedish.
fn language(context: &Context) -> Lang {
    let register = context.open_register().ok();
    context.lang(register.as_ref())
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "every command's run returns Result<i32> to the dispatcher"
)]
pub fn run(context: &Context, args: CompletionsArgs) -> Result<i32> {
    let mut command = help::command_in(language(context));
    // Written whole, then printed: a reader that closes the pipe early (`| head`) ends the
    // output, never with a panic.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "incident", &mut script);
    let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
    Ok(0)
}

/// The page of one command, in roff, its headings in `lang`.
fn page(command: &clap::Command, lang: Lang, path: &Path) -> Result<String> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone())
        .render(&mut page)
        .map_err(|source| Error::Io {
            action: "render the man page to",
            path: path.to_path_buf(),
            source,
        })?;
    let page = String::from_utf8_lossy(&page);
    Ok(match lang {
        Lang::Sv => help::man_page_in_swedish(&page),
        Lang::En => page.into_owned(),
    })
}

/// Every command worth a page: the command and, depth first, its visible subcommands
/// (clap's `help` is left out, as clap_mangen leaves it out).
fn commands(command: &clap::Command) -> Vec<&clap::Command> {
    let mut all = vec![command];
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        all.extend(commands(sub));
    }
    all
}

pub fn man(context: &Context, args: &ManArgs) -> Result<i32> {
    let lang = language(context);
    let mut command = help::localized(super::command().disable_help_subcommand(true), lang);
    command.build();
    let ui = super::ui::Ui::new(lang);
    let Some(dir) = &args.dir else {
        ui.out(&page(&command, lang, Path::new("stdout"))?);
        return Ok(0);
    };
    std::fs::create_dir_all(dir).map_err(|source| Error::Io {
        action: "create the folder",
        path: dir.clone(),
        source,
    })?;
    for command in commands(&command) {
        let name = command.get_display_name().unwrap_or(command.get_name());
        let path = dir.join(format!("{name}.1"));
        let text = page(command, lang, &path)?;
        std::fs::write(&path, text).map_err(|source| Error::Io {
            action: "write",
            path: path.clone(),
            source,
        })?;
        ui.out(&format!("{}\n", path.display()));
    }
    Ok(0)
}
