//! `incident hook pre-receive`: run by Git on the register's shared server before it
//! accepts a push, it refuses what the tool would refuse in a clone (see
//! [`crate::store::receive`]). Git shows what it writes on stderr to the pusher, each line
//! as `remote: ...`, and a non-zero exit refuses the whole push.

use std::io::Read;
use std::path::PathBuf;

use crate::cli::Context;
use crate::domain::terminal::for_terminal;
use crate::error::{Error, Result, exit};
use crate::store::receive;

#[derive(Debug, clap::Args)]
pub struct HookArgs {
    #[command(subcommand)]
    pub hook: Hook,
}

#[derive(Debug, clap::Subcommand)]
pub enum Hook {
    /// The server's pre-receive hook: reads Git's `<old> <new> <ref>` lines on stdin and
    /// refuses a push to the register's branch that deletes it, rewrites it, brings invalid
    /// files or gives one id to two incidents, and a filed tag (`filed/*`) that is deleted,
    /// moved or points outside the branch
    PreReceive,
}

pub fn run(context: &Context, args: HookArgs) -> Result<i32> {
    match args.hook {
        Hook::PreReceive => pre_receive(context),
    }
}

fn pre_receive(context: &Context) -> Result<i32> {
    let mut input = Vec::new();
    std::io::stdin()
        .read_to_end(&mut input)
        .map_err(|source| Error::Io {
            action: "read",
            path: PathBuf::from("standard input"),
            source,
        })?;
    let verdict = receive::check_push(&String::from_utf8_lossy(&input))?;
    if verdict.refusals.is_empty() {
        return Ok(exit::OK);
    }
    // The register's own language (from the pushed settings) unless --lang or
    // INCIDENT_LANG says otherwise: a bare repository has no register to ask.
    let lang = context
        .lang_override
        .or(verdict.language)
        .unwrap_or_default();
    let refused = Error::PushRefused {
        branch: verdict.branch,
        refusals: verdict.refusals,
    };
    eprintln!(
        "{}: {}",
        lang.pick("fel", "error"),
        for_terminal(&refused.full_text(lang))
    );
    Ok(refused.exit_code())
}
