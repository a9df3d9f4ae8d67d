//! The exit codes are documented once, in the code (`incident::error::exit::TABLE`): the
//! README's table, `--help` and the man page must say the same.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use common::TestRegister;
use incident::error::exit::TABLE;

/// The rows of the README's "Exit codes" table: (code, meaning).
fn readme_rows() -> Vec<(i32, String)> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Exit codes").expect("an Exit codes section")..];
    section
        .lines()
        .skip_while(|line| !line.starts_with("| code"))
        .skip(2)
        .take_while(|line| line.starts_with('|'))
        .map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
            (cells[0].parse().unwrap(), cells[1].to_string())
        })
        .collect()
}

#[test]
fn the_readme_lists_every_exit_code_as_the_code_does() {
    let table: Vec<(i32, String)> = TABLE.iter().map(|(c, m)| (*c, m.to_string())).collect();
    assert_eq!(readme_rows(), table);
}

#[test]
fn help_and_the_man_page_list_every_exit_code() {
    let register = TestRegister::empty();
    for args in [&["--help"][..], &["man"]] {
        let output = register.cmd().args(args).output().unwrap();
        assert!(output.status.success());
        // Wrapped to the terminal's width, and roff escapes its dashes: compare the words.
        let text = String::from_utf8_lossy(&output.stdout).replace("\\-", "-");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (code, meaning) in TABLE {
            let words = meaning.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                text.contains(&format!("{code} {words}")),
                "{args:?} lacks {code}: {text}"
            );
        }
    }
}
