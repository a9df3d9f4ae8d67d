//! The Swedish texts cover the whole command tree, and the Swedish layout is clap's.

use super::*;

/// Every command path and argument of the English tree that clap did not add, with the
/// command's texts and the argument's values that have help.
fn walk(command: &Command, path: &str, found: &mut Vec<String>) {
    if command.get_about().is_some() {
        found.push(format!("about of `{path}`"));
    }
    if command.get_long_about().is_some() {
        found.push(format!("long about of `{path}`"));
    }
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if id == "help" || id == "version" || (arg.is_global_set() && !path.is_empty()) {
            continue;
        }
        found.push(format!("argument `{id}` of `{path}`"));
        for value in arg.get_possible_values() {
            if value.get_help().is_some() {
                found.push(format!(
                    "value `{}` of `{id}` of `{path}`",
                    value.get_name()
                ));
            }
        }
    }
    for sub in command.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        let sub_path = format!("{path} {}", sub.get_name());
        walk(sub, sub_path.trim_start(), found);
    }
}

/// What the Swedish tables hold, in the words of [`walk`].
fn in_tables() -> Vec<String> {
    let mut held = Vec::new();
    for (path, _, long) in sv_commands::COMMANDS {
        held.push(format!("about of `{path}`"));
        if long.is_some() {
            held.push(format!("long about of `{path}`"));
        }
    }
    for (path, id, _) in sv_args::ARGS {
        held.push(format!("argument `{id}` of `{path}`"));
    }
    for (path, id, value, _) in sv_args::VALUES {
        held.push(format!("value `{value}` of `{id}` of `{path}`"));
    }
    held
}

#[test]
fn every_command_argument_and_value_has_a_swedish_text_and_every_text_a_place() {
    let mut command = crate::cli::command();
    command.build();
    let mut needed = Vec::new();
    walk(&command, "", &mut needed);
    let held = in_tables();
    let missing: Vec<&String> = needed.iter().filter(|n| !held.contains(n)).collect();
    assert!(missing.is_empty(), "no Swedish text for: {missing:#?}");
    let stale: Vec<&String> = held.iter().filter(|h| !needed.contains(h)).collect();
    assert!(stale.is_empty(), "Swedish texts for nothing: {stale:#?}");
}

/// Every text a person can read in the Swedish help of each command, with what is English.
#[test]
fn the_swedish_help_has_no_english_of_clap_left() {
    let mut command = command_in(Lang::Sv);
    let mut paths = vec![Vec::<String>::new()];
    let mut pages = Vec::new();
    while let Some(path) = paths.pop() {
        let mut sub = &mut command;
        for name in &path {
            sub = sub.find_subcommand_mut(name).unwrap();
        }
        pages.push((path.join(" "), sub.render_long_help().to_string()));
        pages.push((path.join(" "), sub.render_help().to_string()));
        for child in sub.get_subcommands() {
            let mut child_path = path.clone();
            child_path.push(child.get_name().to_string());
            paths.push(child_path);
        }
    }
    for (path, page) in pages {
        for english in [
            "Usage:",
            "Options:",
            "Commands:",
            "Arguments:",
            "Print help",
            "Print version",
            "[default:",
            "[env:",
            "possible values",
            "Possible values",
            "[OPTIONS]",
            "<COMMAND>",
            "Exit codes",
            "The incident id",
        ] {
            assert!(
                !page.contains(english),
                "`{english}` in the help of `{path}`:\n{page}"
            );
        }
        assert!(page.contains("Användning: incident"), "{path}:\n{page}");
    }
}

#[test]
fn the_swedish_template_lays_out_the_help_as_clap_does() {
    const ENGLISH: Words = Words {
        usage: "Usage:",
        commands: "Commands",
        arguments: "Arguments",
        options: "Options",
    };
    let mut command = crate::cli::command();
    command.build();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in [None].into_iter().chain(names.iter().map(Some)) {
        let clap_own = match name {
            None => command.clone(),
            Some(name) => command.find_subcommand(name).unwrap().clone(),
        };
        let template = template(&clap_own, &ENGLISH);
        let mut ours = clap_own.clone().help_template(template);
        let mut clap_own = clap_own;
        assert_eq!(
            ours.render_long_help().to_string(),
            clap_own.render_long_help().to_string(),
            "{name:?}"
        );
    }
}

#[test]
fn the_language_is_found_before_parsing_from_the_flag_in_either_form() {
    let args = |words: &[&str]| words.iter().map(OsString::from).collect::<Vec<_>>();
    assert_eq!(
        flag_value(&args(&["incident", "--lang", "en", "new"]), "--lang"),
        Some("en".into())
    );
    assert_eq!(
        flag_value(&args(&["incident", "new", "--lang=sv"]), "--lang"),
        Some("sv".into())
    );
    assert_eq!(
        flag_value(&args(&["incident", "log", "--", "--lang", "en"]), "--lang"),
        None,
        "after -- it is a value, not a flag"
    );
    assert_eq!(
        flag_value(&args(&["incident", "--language"]), "--lang"),
        None
    );
}

#[test]
fn every_exit_code_has_swedish_words() {
    let swedish: Vec<i32> = sv_commands::EXIT_CODES
        .iter()
        .map(|(code, _)| *code)
        .collect();
    let english: Vec<i32> = crate::error::exit::TABLE
        .iter()
        .map(|(code, _)| *code)
        .collect();
    assert_eq!(swedish, english);
}

#[test]
fn a_man_page_gets_swedish_headings() {
    let page = man_page_in_swedish(".TH incident 1\n.SH NAME\nincident\n.SH OPTIONS\n.TP\n");
    assert_eq!(
        page,
        ".TH incident 1\n.SH NAMN\nincident\n.SH FLAGGOR\n.TP\n"
    );
}

#[test]
fn every_placeholder_of_a_value_has_a_swedish_word() {
    fn walk(command: &Command, missing: &mut Vec<String>) {
        for arg in command.get_arguments() {
            let takes_values = arg.get_num_args().is_some_and(|n| n.takes_values());
            for name in arg.get_value_names().unwrap_or_default() {
                let known = sv_args::VALUE_NAMES
                    .iter()
                    .any(|(en, _)| *en == name.as_str());
                if takes_values && !known {
                    missing.push(format!("{} of --{}", name, arg.get_id()));
                }
            }
        }
        for sub in command.get_subcommands() {
            walk(sub, missing);
        }
    }
    let mut command = crate::cli::command();
    command.build();
    let mut missing = Vec::new();
    walk(&command, &mut missing);
    assert!(
        missing.is_empty(),
        "no Swedish placeholder for: {missing:#?}"
    );
}
