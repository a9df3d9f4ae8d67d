//! `incident validate`: every file of the register against its schema and the rules.

use crate::cli::Context;
use crate::cli::ui::Ui;
use crate::error::{Result, exit};

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {}

pub fn run(context: &Context, _args: ValidateArgs) -> Result<i32> {
    let register = match context.open_register() {
        Ok(register) => register,
        Err(crate::Error::Invalid { problems, .. }) => {
            let ui = Ui::new(context.lang(None));
            for problem in &problems {
                ui.out(&problem.to_string());
            }
            return Ok(exit::INVALID);
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
    let problems = register.check_all()?;
    for problem in &problems {
        ui.out(&problem.to_string());
    }
    let incidents = register.ids()?.len();
    if problems.is_empty() {
        ui.say(&format!(
            "{}: {incidents} {}",
            ui.t("Registret är giltigt", "The register is valid"),
            ui.t("incident(er)", "incident(s)")
        ));
        Ok(exit::OK)
    } else {
        ui.say(&format!(
            "{} {}",
            problems.len(),
            ui.t("problem hittades.", "problem(s) found.")
        ));
        Ok(exit::INVALID)
    }
}
