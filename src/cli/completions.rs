//! `incident completions SHELL` and `incident man`: generated from the clap definitions.

use clap_complete::Shell;

use super::command;
use crate::error::{Error, Result};

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell
    pub shell: Shell,
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "every command's run returns Result<i32> to the dispatcher"
)]
pub fn run(args: CompletionsArgs) -> Result<i32> {
    let mut command = command();
    clap_complete::generate(args.shell, &mut command, "incident", &mut std::io::stdout());
    Ok(0)
}

pub fn man() -> Result<i32> {
    let command = command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|source| Error::Io {
            action: "render the man page to",
            path: "stdout".into(),
            source,
        })?;
    super::ui::Ui::new(crate::domain::Lang::En).out(&String::from_utf8_lossy(&page));
    Ok(0)
}
