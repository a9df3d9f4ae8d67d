//! `incident template mail [--language sv|en]`: the template a customer or an employee
//! fills in to report an incident by e-mail (the vendor's five headings), so that what
//! comes back is read by `incident new --from-mail`. Needs no register.

use crate::cli::Context;
use crate::cli::args::parse_lang;
use crate::cli::ui::Ui;
use crate::domain::{Lang, mail};
use crate::error::{Result, exit};

#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    #[command(subcommand)]
    pub what: TemplateWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum TemplateWhat {
    /// The e-mail template for reporting an incident: the subject line and the five headings, each with a hint
    Mail(MailTemplateArgs),
}

#[derive(Debug, clap::Args)]
pub struct MailTemplateArgs {
    /// Language of the template: sv or en [default: the interface language]
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    pub language: Option<Lang>,
}

#[expect(
    clippy::unnecessary_wraps,
    reason = "every command's run returns the same Result, for the dispatch"
)]
pub fn run(context: &Context, args: TemplateArgs) -> Result<i32> {
    match args.what {
        TemplateWhat::Mail(args) => {
            let register = context.open_register().ok();
            let lang = args
                .language
                .unwrap_or_else(|| context.lang(register.as_ref()));
            Ui::new(lang).out(&mail::template(lang));
            Ok(exit::OK)
        }
    }
}
