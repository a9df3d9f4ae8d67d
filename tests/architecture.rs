//! The layers hold (design.md §9): the domain is pure (no files, environment, git,
//! prompts or clock), git2 stays in the store, no command module imports another, and no
//! source file grows past what reads in one sitting.
//! Read from the source text, so a breach fails the tests rather than waiting for a review.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

use std::path::{Path, PathBuf};

/// The longest a source file may be, its unit tests included.
const MAX_LINES: usize = 600;

fn sources(folder: &str) -> Vec<(PathBuf, String)> {
    fn walk(folder: &Path, found: &mut Vec<(PathBuf, String)>) {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    let mut found = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
        &mut found,
    );
    found.sort();
    found
}

/// The code of a file without its comments, so that a doc comment naming a forbidden
/// thing ("no clock") is not taken for using it.
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(start) => &line[..start],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn offences(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (path, text) in sources(folder) {
        let code = code(&text);
        for word in forbidden {
            if code.contains(word) {
                found.push(format!("{} uses {word}", path.display()));
            }
        }
    }
    found
}

#[test]
fn the_domain_touches_no_file_environment_git_prompt_or_clock() {
    let forbidden = [
        "std::fs",
        "std::env",
        "std::process",
        "git2",
        "dialoguer",
        "Utc::now",
        "Local::now",
        "SystemTime::now",
        "Instant::now",
        "crate::store",
        "crate::cli",
    ];
    assert_eq!(offences("src/domain", &forbidden), Vec::<String>::new());
}

#[test]
fn git2_stays_in_the_store() {
    assert_eq!(offences("src/cli", &["git2"]), Vec::<String>::new());
    assert_eq!(offences("src/domain", &["git2"]), Vec::<String>::new());
}

/// The command modules of `src/cli`: those the `Command` enum dispatches to.
fn command_modules() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli/mod.rs");
    let text = std::fs::read_to_string(root).unwrap();
    let dispatch = &text[text.find("match cli.command").unwrap()..];
    let mut modules: Vec<String> = dispatch
        .lines()
        .filter_map(|line| line.split("=> ").nth(1))
        .filter_map(|call| call.split("::").next())
        .map(|module| module.trim().to_string())
        .collect();
    modules.sort();
    modules.dedup();
    modules
}

#[test]
fn no_command_module_imports_another() {
    let commands = command_modules();
    assert!(commands.len() > 10, "{commands:?}");
    let mut found = Vec::new();
    for command in &commands {
        let folder = format!("src/cli/{command}");
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{folder}.rs"));
        let files = if file.is_file() {
            vec![(file.clone(), std::fs::read_to_string(&file).unwrap())]
        } else {
            sources(&folder)
        };
        assert!(!files.is_empty(), "no source for the command {command}");
        for (path, text) in files {
            let code = code(&text);
            for other in commands.iter().filter(|other| *other != command) {
                let direct = [
                    format!("crate::cli::{other}::"),
                    format!("super::{other}::"),
                ];
                let grouped = code.lines().any(|line| {
                    line.trim_start().starts_with("use crate::cli::{")
                        && line.contains(&format!(" {other},"))
                });
                if direct.iter().any(|path| code.contains(path.as_str())) || grouped {
                    found.push(format!("{} imports the command {other}", path.display()));
                }
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn no_source_file_is_longer_than_a_sitting() {
    let long: Vec<String> = sources("src")
        .into_iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(path, text)| format!("{} ({} lines)", path.display(), text.lines().count()))
        .collect();
    assert_eq!(long, Vec::<String>::new());
}
