//! `--help`, the man pages and clap's own errors in the interface language.
//!
//! The English texts are the derive doc comments (the source of truth). The Swedish ones
//! are tables keyed by command path and argument id ([`sv_commands`], [`sv_args`]); they
//! are laid over the built command tree, together with Swedish for clap's own words
//! (headings, "Print help", "[default: …]"), which clap takes from a template or from
//! settings only, so they are set per command here. The language must be known before
//! the command line is parsed: [`language_before_parsing`] looks for it the way the
//! parsed command line would.

mod errors;
mod sv_args;
mod sv_commands;

use std::ffi::OsString;
use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Arg, Command};

pub use errors::in_swedish as error_in_swedish;

use crate::domain::Lang;

/// The language of `--help` and of clap's errors: `--lang`, else `INCIDENT_LANG`, else the
/// setting of the register that `--register` / `INCIDENT_REGISTER` or the current folder
/// names, else Swedish. A value that is not a language is passed over here (clap refuses
/// it afterwards, in the language found without it).
pub fn language_before_parsing(args: &[OsString]) -> Lang {
    let given = flag_value(args, "--lang")
        .and_then(|text| Lang::parse(&text))
        .or_else(|| {
            std::env::var("INCIDENT_LANG")
                .ok()
                .and_then(|text| Lang::parse(&text))
        });
    let register = flag_value(args, "--register")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("INCIDENT_REGISTER").map(PathBuf::from))
        .filter(|path| !path.as_os_str().is_empty());
    super::ErrorLanguage { given, register }.resolve()
}

/// The last value given to a long flag, as `--flag VALUE` or `--flag=VALUE`, before `--`.
fn flag_value(args: &[OsString], flag: &str) -> Option<String> {
    let mut found = None;
    let mut words = args.iter().skip(1).map(|arg| arg.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == flag {
            found = words.next().map(std::borrow::Cow::into_owned);
        } else if let Some(value) = word.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
            found = Some(value.to_string());
        }
    }
    found
}

/// The command line's definition in `lang`: the English one as it is, or built and laid
/// over with the Swedish texts.
pub fn command_in(lang: Lang) -> Command {
    localized(super::command(), lang)
}

/// `command` in `lang`; built when the language is Swedish (the Swedish texts are laid
/// over what clap adds when it builds: the global flags in each subcommand, `--help`).
pub fn localized(command: Command, lang: Lang) -> Command {
    match lang {
        Lang::En => command,
        Lang::Sv => {
            let mut command = command.after_help(exit_codes_in_swedish());
            command.build();
            in_swedish(command, "")
        }
    }
}

/// The exit code table of `--help` in Swedish.
fn exit_codes_in_swedish() -> String {
    let mut text = String::from("Slutkoder:\n");
    for (code, meaning) in sv_commands::EXIT_CODES {
        let _ = writeln!(text, "  {code:<3}{meaning}");
    }
    text.trim_end().to_string()
}

/// The words clap writes itself around the texts of a command's help.
struct Words {
    usage: &'static str,
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
}

const SWEDISH: Words = Words {
    usage: "Användning:",
    commands: "Kommandon",
    arguments: "Argument",
    options: "Flaggor",
};

/// The key of a command's texts: its path without clap's `help` subcommands, which repeat
/// the commands under them (`help new` is described as `new` is).
fn texts_key(path: &str) -> String {
    path.split(' ')
        .filter(|word| !word.is_empty() && *word != "help")
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_help_command(path: &str) -> bool {
    path.rsplit(' ').next() == Some("help")
}

fn in_swedish(mut command: Command, path: &str) -> Command {
    let key = texts_key(path);
    let texts = sv_commands::COMMANDS
        .iter()
        .find(|(command_path, _, _)| *command_path == key);
    if is_help_command(path) {
        command = command.about(sv_commands::HELP_COMMAND);
    } else if let Some((_, about, long_about)) = texts {
        if command.get_about().is_some() {
            command = command.about(*about);
        }
        if command.get_long_about().is_some() {
            command = command.long_about(long_about.unwrap_or(about));
        }
    }
    command = command
        .subcommand_help_heading(SWEDISH.commands)
        .subcommand_value_name(swedish_value_name("COMMAND"))
        .mut_args(|arg| arg_in_swedish(arg, &key))
        .mut_subcommands(|sub| {
            let sub_path = format!("{path} {}", sub.get_name());
            in_swedish(sub, sub_path.trim_start())
        });
    let usage = usage_in_swedish(&mut command);
    let template = template(&command, &SWEDISH);
    command.override_usage(usage).help_template(template)
}

fn swedish_value_name(english: &'static str) -> &'static str {
    sv_args::VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == english)
        .map_or(english, |(_, sv)| sv)
}

/// The Swedish help of an argument of the command `key`, or of a global flag.
/// The placeholders of a command line written in a message (`--at TIME`, `--by NAME`),
/// in `lang`: the same words `--help` shows (`--at TID`, `--by NAMN`).
pub fn placeholders_in(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    // Placeholders of more than one word first, then each word in capitals.
    let mut text = text.to_string();
    for (english, swedish) in sv_args::VALUE_NAMES {
        if english.contains([' ', '[', '<', ';', '|']) {
            text = text.replace(english, swedish);
        }
    }
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let swedish = sv_args::VALUE_NAMES
            .iter()
            .find(|(english, _)| *english == word.as_str())
            .map_or(word.as_str(), |(_, swedish)| swedish);
        out.push_str(swedish);
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_uppercase() || (c == '_' && !word.is_empty()) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

fn swedish_help(key: &str, arg: &Arg) -> Option<&'static str> {
    let id = arg.get_id().as_str();
    let find = |path: &str| {
        sv_args::ARGS
            .iter()
            .find(|(arg_path, arg_id, _)| *arg_path == path && *arg_id == id)
            .map(|(_, _, help)| *help)
    };
    find(key).or_else(|| if arg.is_global_set() { find("") } else { None })
}

/// clap's own `--help` and `--version`, by the English clap gives them.
fn clap_flag_in_swedish(english: &str) -> Option<&'static str> {
    match english {
        "Print help" => Some("Visa hjälp"),
        "Print help (see more with '--help')" => Some("Visa hjälp (mer med '--help')"),
        "Print help (see a summary with '-h')" => Some("Visa hjälp (en sammanfattning med '-h')"),
        "Print version" => Some("Visa versionen"),
        _ => None,
    }
}

fn arg_in_swedish(mut arg: Arg, key: &str) -> Arg {
    if let Some(names) = arg.get_value_names() {
        let names: Vec<clap::builder::Str> = names
            .iter()
            .map(|name| {
                sv_args::VALUE_NAMES
                    .iter()
                    .find(|(en, _)| *en == name.as_str())
                    .map_or_else(|| name.clone(), |(_, sv)| (*sv).into())
            })
            .collect();
        arg = arg.value_names(names);
    }
    let english = arg.get_help().map(ToString::to_string);
    let help = match english.as_deref().and_then(clap_flag_in_swedish) {
        Some(flag) => {
            let long = arg
                .get_long_help()
                .map(ToString::to_string)
                .and_then(|long| clap_flag_in_swedish(&long));
            return arg.help(flag).long_help(long);
        }
        None => match swedish_help(key, &arg) {
            Some(help) => help.to_string(),
            None => return arg,
        },
    };
    // clap's "[env: …]", "[default: …]" and "[possible values: …]" are English: hidden,
    // and said in Swedish after the help instead.
    let mut notes = String::new();
    if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        let _ = write!(notes, " [miljövariabel: {}]", env.to_string_lossy());
        arg = arg.hide_env(true);
    }
    let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
    if takes_values && !arg.is_hide_default_value_set() && !arg.get_default_values().is_empty() {
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|value| value.to_string_lossy().into_owned())
            .collect();
        let _ = write!(notes, " [standard: {}]", defaults.join(" "));
        arg = arg.hide_default_value(true);
    }
    let values: Vec<_> = arg
        .get_possible_values()
        .into_iter()
        .filter(|value| !value.is_hide_set())
        .collect();
    if values.is_empty() || arg.is_hide_possible_values_set() {
        return arg.help(format!("{help}{notes}"));
    }
    let names: Vec<&str> = values
        .iter()
        .map(clap::builder::PossibleValue::get_name)
        .collect();
    let short = format!("{help}{notes} [möjliga värden: {}]", names.join(", "));
    let long = values
        .iter()
        .any(|value| value.get_help().is_some())
        .then(|| {
            let mut long = format!("{help}{notes}\n\nMöjliga värden:");
            for value in &values {
                let text = sv_args::VALUES
                    .iter()
                    .find(|(path, id, name, _)| {
                        *path == key && *id == arg.get_id().as_str() && *name == value.get_name()
                    })
                    .map(|(_, _, _, text)| (*text).to_string())
                    .or_else(|| value.get_help().map(ToString::to_string));
                let _ = write!(long, "\n- {}", value.get_name());
                if let Some(text) = text {
                    let _ = write!(long, ": {text}");
                }
            }
            long
        });
    let arg = arg.hide_possible_values(true).help(short);
    match long {
        Some(long) => arg.long_help(long),
        None => arg,
    }
}

/// The usage line without clap's title, its `[OPTIONS]` in Swedish.
fn usage_in_swedish(command: &mut Command) -> String {
    let style = command.get_styles().get_usage();
    let title = format!("{}Usage:{} ", style.render(), style.render_reset());
    let usage = command.render_usage().ansi().to_string();
    let usage = usage.strip_prefix(&title).unwrap_or(&usage);
    // The lines after the first are indented under the title's width.
    let indent = format!("\n{}", " ".repeat(SWEDISH.usage.chars().count() + 1));
    usage
        .replace("[OPTIONS]", "[FLAGGOR]")
        .replace("\n       ", &indent)
}

/// A help template that lays the help out as clap's default does, in `words`: the
/// headings of the sections this command has.
fn template(command: &Command, words: &Words) -> String {
    let styles = command.get_styles();
    let usage = styles.get_usage();
    let header = styles.get_header();
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}",
        words.usage
    );
    let shown = |arg: &&Arg| !arg.is_hide_set();
    if command.get_subcommands().any(|sub| !sub.is_hide_set()) {
        let _ = write!(
            template,
            "\n\n{header}{}:{header:#}\n{{subcommands}}",
            words.commands
        );
    }
    if command.get_positionals().any(|arg| shown(&arg)) {
        let _ = write!(
            template,
            "\n\n{header}{}:{header:#}\n{{positionals}}",
            words.arguments
        );
    }
    if command
        .get_arguments()
        .any(|arg| !arg.is_positional() && shown(&arg))
    {
        let _ = write!(
            template,
            "\n\n{header}{}:{header:#}\n{{options}}",
            words.options
        );
    }
    template.push_str("{after-help}");
    template
}

/// The headings of a man page (clap_mangen writes them in English) in Swedish.
pub fn man_page_in_swedish(roff: &str) -> String {
    let mut page = String::with_capacity(roff.len());
    for line in roff.lines() {
        let line = match line {
            ".SH NAME" => ".SH NAMN",
            ".SH SYNOPSIS" => ".SH SAMMANFATTNING",
            ".SH DESCRIPTION" => ".SH BESKRIVNING",
            ".SH OPTIONS" => ".SH FLAGGOR",
            ".SH Kommandon" | ".SH SUBCOMMANDS" => ".SH KOMMANDON",
            ".SH EXTRA" => ".SH ÖVRIGT",
            ".SH AUTHORS" => ".SH FÖRFATTARE",
            other => other,
        };
        page.push_str(line);
        page.push('\n');
    }
    page
}

#[cfg(test)]
mod tests;
