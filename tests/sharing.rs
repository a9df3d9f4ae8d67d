//! Several people, one register: clones of a register on a Git server, each person with
//! their own author, syncing with `incident sync` or `sync = "auto"`, and using git beside
//! the tool. Many people at once: tests/sharing_many.rs.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::team::{Member, Team};

#[test]
fn two_people_reporting_at_once_get_different_ids_and_keep_their_entries() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    assert!(anna.read(".gitattributes").contains("merge=incident"));

    let first = anna.report("Misdirected e-mail");
    let second = bo.report("Stolen laptop");
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("2026-0001", "2026-0001"),
        "offline, both take the next id they see"
    );
    // The id is provisional until synced, and said so.
    let listed = bo.run(&["list"]);
    assert!(
        common::stderr(&listed).contains("Provisional ids (not synced): 2026-0001"),
        "{}",
        common::stderr(&listed)
    );

    anna.ok(&["sync"]);
    let sync = bo.run(&["sync"]);
    assert!(sync.status.success(), "{}", common::transcript(&sync));
    assert!(
        common::stderr(&sync).contains("New id: 2026-0001 → 2026-0002"),
        "{}",
        common::stderr(&sync)
    );
    anna.ok(&["sync"]);

    let expected = vec![
        ("2026-0001".to_string(), "Misdirected e-mail".to_string()),
        ("2026-0002".to_string(), "Stolen laptop".to_string()),
    ];
    assert_eq!(anna.titles(), expected);
    assert_eq!(bo.titles(), expected);
    assert!(
        bo.read("incidents/2026/2026-0002/report.yaml")
            .contains("id: 2026-0002")
    );
    // Every entry on the server with its author, the renumbered one under its new id.
    let log = team.server_log();
    assert!(
        log.contains(&(
            "Anna Andersson".into(),
            "2026-0001: reported: Misdirected e-mail".into()
        )),
        "{log:?}"
    );
    assert!(
        log.contains(&(
            "Bo Berg".into(),
            "2026-0002: reported: Stolen laptop".into()
        )),
        "{log:?}"
    );
    assert_eq!(anna.head(), team.server_head());
    assert_eq!(bo.head(), team.server_head());
    anna.assert_sound();
    bo.assert_sound();
    // Nothing left to share: show says nothing of the server.
    assert!(!common::stderr(&bo.run(&["list"])).contains("not pushed"));
}

#[test]
fn with_auto_sync_the_id_is_published_before_it_is_shown() {
    let team = Team::new(&["--sync", "auto"]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    assert_eq!(anna.report("Misdirected e-mail"), "2026-0001");
    // Bo's clone has not fetched Anna's report; the auto sync before the change does.
    assert_eq!(bo.report("Stolen laptop"), "2026-0002");
    assert_eq!(team.server_log().len(), 3, "{:?}", team.server_log());
    assert_eq!(bo.head(), team.server_head());
    // A change of Anna's fetches Bo's report first, then pushes.
    anna.ok(&[
        "contacted",
        "manager",
        "2026-0002",
        "--name",
        "Chef Exempel",
        "--at",
        "2026-12-01 09:30",
    ]);
    assert_eq!(anna.head(), team.server_head());
    anna.assert_sound();
}

#[test]
fn with_the_server_away_an_auto_change_is_kept_and_its_id_marked_provisional() {
    let team = Team::new(&["--sync", "auto"]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let gone = team.bare.base().join("gone.git");
    std::fs::rename(team.bare.path(), &gone).unwrap();
    let output = anna.run(&[
        "new",
        "--no-input",
        "--title",
        "Offline",
        "--discovered",
        "2026-12-01 09:00",
    ]);
    assert!(output.status.success(), "{}", common::transcript(&output));
    let said = common::stderr(&output);
    assert!(said.contains("could not be reached"), "{said}");
    assert!(said.contains("2026-0001 is provisional"), "{said}");
    let sync = anna.run(&["sync"]);
    assert_eq!(
        sync.status.code(),
        Some(10),
        "{}",
        common::transcript(&sync)
    );
    std::fs::rename(&gone, team.bare.path()).unwrap();
    anna.ok(&["sync"]);
    assert_eq!(anna.head(), team.server_head());
}

/// Anna reports and syncs, Bo clones; both assess the incident with different reasoning,
/// and Anna's assessment is on the server: Bo's sync meets a true conflict.
fn assessed_on_both_sides(team: &Team) -> (Member<'_>, Member<'_>) {
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let assess = |member: &Member<'_>, reasoning: &str| {
        member.ok(&common::assess_sensitive(
            "2026-0001",
            &["--no-input", "--reasoning", reasoning],
        ));
    };
    assess(&anna, "Health data to one known recipient.");
    anna.ok(&["sync"]);
    assess(&bo, "Health data; the recipient deleted it.");
    (anna, bo)
}

#[test]
fn a_true_conflict_stops_the_sync_names_both_sides_and_is_settled_by_a_flag() {
    let team = Team::new(&[]);
    let (anna, bo) = assessed_on_both_sides(&team);
    let server_before = team.server_head();
    let bo_before = bo.head();
    let refused = bo.run(&["sync"]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(said.contains("2026-0001, assessment.yaml"), "{said}");
    assert!(
        said.contains("Bo Berg <bo@example.org>") && said.contains("Anna Andersson"),
        "{said}"
    );
    assert!(said.contains("--keep mine"), "{said}");
    insta::assert_snapshot!("sync_conflict", said);
    let swedish = common::stderr(&bo.run(&["--lang", "sv", "sync"]));
    insta::assert_snapshot!("sync_conflict_sv", swedish);
    assert_eq!(team.server_head(), server_before, "nothing pushed");
    assert_eq!(bo.head(), bo_before, "nothing recorded");

    let settled = bo.run(&["sync", "--keep", "theirs"]);
    assert!(settled.status.success(), "{}", common::transcript(&settled));
    assert!(
        common::stderr(&settled).contains("Conflict settled"),
        "{}",
        common::stderr(&settled)
    );
    assert_eq!(bo.head(), team.server_head());
    assert_eq!(
        bo.read("incidents/2026/2026-0001/assessment.yaml"),
        anna.read("incidents/2026/2026-0001/assessment.yaml")
    );
    bo.assert_sound();
}

/// Anna and Bo each log an action on one incident; Anna syncs, and Bo takes hers with a
/// plain `git pull`: the merge driver that `incident clone` set up merges the logs.
fn action_logs_pulled_by_git(team: &Team) -> (Member<'_>, Member<'_>) {
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let log = |member: &Member<'_>, action: &str, at: &str| {
        member.ok(&["log", "2026-0001", "--action", action, "--at", at]);
    };
    log(&anna, "Called the recipient.", "2026-12-01 09:10");
    anna.ok(&["sync"]);
    log(&bo, "Told the manager.", "2026-12-01 09:05");
    let pull = bo.git(&["pull", "--no-edit", "origin", "main"]);
    assert!(
        pull.status.success(),
        "{}",
        String::from_utf8_lossy(&pull.stderr)
    );
    (anna, bo)
}

#[test]
fn a_plain_git_pull_merges_two_action_logs_without_markers() {
    let team = Team::new(&[]);
    let (_anna, bo) = action_logs_pulled_by_git(&team);
    let actions = bo.read("incidents/2026/2026-0001/actions.yaml");
    let (told, called) = (
        actions.find("Told the manager.").unwrap(),
        actions.find("Called the recipient.").unwrap(),
    );
    assert!(told < called, "in date order: {actions}");
    bo.assert_sound();
    bo.ok(&["sync"]);
    assert_eq!(bo.head(), team.server_head());
}

#[test]
fn a_plain_git_pull_of_a_true_conflict_keeps_this_side_and_writes_no_marker() {
    let team = Team::new(&[]);
    let (_anna, bo) = assessed_on_both_sides(&team);
    let mine = bo.read("incidents/2026/2026-0001/assessment.yaml");
    let pull = bo.git(&["pull", "--no-edit", "origin", "main"]);
    assert!(!pull.status.success(), "git reports the conflict");
    let said =
        String::from_utf8_lossy(&pull.stderr).into_owned() + &String::from_utf8_lossy(&pull.stdout);
    assert!(
        said.contains("reasoning") && said.contains("`incident sync`"),
        "{said}"
    );
    assert_eq!(
        bo.read("incidents/2026/2026-0001/assessment.yaml"),
        mine,
        "this side's file, no markers"
    );
    // The tool refuses changes until the merge is left, and says how.
    let refused = bo.run(&[
        "log",
        "2026-0001",
        "--action",
        "More.",
        "--at",
        "2026-12-01 11:00",
    ]);
    assert_eq!(refused.status.code(), Some(4));
    assert!(bo.git(&["merge", "--abort"]).status.success());
    let settled = bo.run(&["sync", "--keep", "mine"]);
    assert!(settled.status.success(), "{}", common::transcript(&settled));
    assert!(
        bo.read("incidents/2026/2026-0001/assessment.yaml")
            .contains("the recipient deleted it")
    );
    assert_eq!(bo.head(), team.server_head());
    bo.assert_sound();
}

#[test]
fn at_a_terminal_the_sync_asks_which_value_holds() {
    let team = Team::new(&[]);
    let (anna, bo) = assessed_on_both_sides(&team);
    let mut command = bo.command(&bo.folder);
    command.env("TERM", "xterm").arg("sync");
    let mut terminal = common::pty::Pty::spawn(command, "`incident sync`".into());
    for field in ["assessed_by", "reasoning"] {
        terminal.expect(&format!("2026-0001, assessment.yaml: {field}"));
        terminal.expect("Which value holds?");
        terminal.send(common::pty::ARROW_DOWN);
        terminal.send(common::pty::ENTER);
    }
    assert_eq!(terminal.finish(), 0, "{}", terminal.terminal());
    assert_eq!(
        bo.read("incidents/2026/2026-0001/assessment.yaml"),
        anna.read("incidents/2026/2026-0001/assessment.yaml")
    );
    assert_eq!(bo.head(), team.server_head());
}

#[test]
fn show_and_list_tell_what_is_not_pushed_and_what_is_behind() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    anna.report("Misdirected e-mail");
    let show = anna.run(&["show", "2026-0001"]);
    let said = common::stderr(&show);
    assert!(
        said.contains("1 journal entry here is not pushed to the server origin yet"),
        "{said}"
    );
    assert!(
        said.contains("Provisional ids (not synced): 2026-0001"),
        "{said}"
    );
    anna.ok(&["sync"]);
    assert!(!common::stderr(&anna.run(&["show", "2026-0001"])).contains("Note:"));
    // Bo's clone knows of Anna's entry once it has fetched (git fetch, or a sync).
    assert!(bo.git(&["fetch", "-q", "origin"]).status.success());
    let list = bo.run(&["list"]);
    assert!(
        common::stderr(&list)
            .contains("1 journal entry on the server is not here yet (as last fetched)"),
        "{}",
        common::stderr(&list)
    );
}

#[test]
fn validate_tells_a_clone_without_the_merge_driver_how_to_set_it_up() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    assert!(
        anna.git(&["config", "--remove-section", "merge.incident"])
            .status
            .success()
    );
    let validate = anna.run(&["validate"]);
    assert!(validate.status.success(), "a warning, not a problem");
    let out = String::from_utf8_lossy(&validate.stdout);
    assert!(
        out.contains("warning: .git/config: Git's merge by meaning (`incident merge-driver`) is not set up in this clone")
            && out.contains("run `incident sync`"),
        "{out}"
    );
    anna.ok(&["sync"]);
    let again = anna.run(&["validate"]);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("merge by meaning"));
}

#[test]
fn a_merge_of_two_valid_sides_that_breaks_a_rule_is_refused_before_anything_is_pushed() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    anna.ok(&[
        "new",
        "--no-input",
        "--title",
        "Stolen laptop",
        "--occurred",
        "2026-12-01 08:00",
        "--discovered",
        "2026-12-01 09:30",
    ]);
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let report = "incidents/2026/2026-0001/report.yaml";
    // Anna: it began later than first thought. Bo: it ended at 08:30. Each is valid.
    let text = anna.read(report);
    assert!(text.contains("08:00"), "{text}");
    std::fs::write(anna.folder.join(report), text.replace("08:00", "09:00")).unwrap();
    anna.ok(&["record", "-m", "began at nine"]);
    anna.ok(&["sync"]);
    let text = bo.read(report);
    std::fs::write(
        bo.folder.join(report),
        format!("{text}ongoing: false\nended:\n  date: 2026-12-01\n  time: 08:30\n"),
    )
    .unwrap();
    bo.ok(&["record", "-m", "ended at half past eight"]);
    let (server, head) = (team.server_head(), bo.head());
    let refused = bo.run(&["sync"]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains(report) && said.contains("would together make files that break a rule"),
        "{said}"
    );
    assert_eq!(team.server_head(), server, "nothing pushed");
    assert_eq!(bo.head(), head, "nothing recorded");
}

#[test]
fn a_server_that_holds_another_register_is_refused() {
    let ours = Team::new(&[]);
    // Another register (made with other settings, so its first entry differs).
    let theirs = Team::new(&["--timezone", "Europe/Helsinki"]);
    let anna = ours.join("anna", "Anna Andersson <anna@example.org>");
    anna.report("Misdirected e-mail");
    assert!(
        anna.git(&["remote", "set-url", "origin", &theirs.server_url()])
            .status
            .success()
    );
    let (server, head) = (theirs.server_head(), anna.head());
    let refused = anna.run(&["sync"]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains("no history in common with this register"),
        "{said}"
    );
    assert_eq!(
        (theirs.server_head(), anna.head()),
        (server, head),
        "nothing moved"
    );
}

#[test]
fn two_incidents_made_offline_are_renumbered_each_with_its_own_entries() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    anna.report("First of Anna's");
    anna.report("Second of Anna's");
    anna.ok(&[
        "log",
        "2026-0001",
        "--action",
        "On the first.",
        "--at",
        "2026-12-01 09:10",
    ]);
    anna.ok(&[
        "log",
        "2026-0002",
        "--action",
        "On the second.",
        "--at",
        "2026-12-01 09:20",
    ]);
    bo.report("Bo's");
    bo.ok(&["sync"]);
    anna.ok(&["sync"]);
    let log = team.server_log();
    for entry in [
        "2026-0001: reported: Bo's",
        "2026-0002: reported: First of Anna's",
        "2026-0003: reported: Second of Anna's",
        "2026-0002: action logged: On the first.",
        "2026-0003: action logged: On the second.",
    ] {
        assert!(
            log.iter().any(|(_, subject)| subject == entry),
            "{entry}: {log:#?}"
        );
    }
    assert!(
        anna.read("incidents/2026/2026-0003/actions.yaml")
            .contains("On the second.")
    );
    let history = anna.ok(&["history", "2026-0002"]);
    assert!(
        history.contains("On the first.") && !history.contains("On the second."),
        "{history}"
    );
    anna.assert_sound();
}

#[test]
fn with_auto_sync_a_command_naming_a_renumbered_id_does_not_run_on_another_incident() {
    let team = Team::new(&["--sync", "auto"]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let server = team.server_url();
    assert!(
        anna.git(&["remote", "set-url", "origin", "/nonexistent/server.git"])
            .status
            .success()
    );
    assert_eq!(anna.report("Anna's, offline"), "2026-0001");
    assert_eq!(bo.report("Bo's"), "2026-0001");
    assert!(
        anna.git(&["remote", "set-url", "origin", &server])
            .status
            .success()
    );
    let refused = anna.run(&[
        "log",
        "2026-0001",
        "--action",
        "Contained it.",
        "--at",
        "2026-12-01 09:40",
    ]);
    let said = common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(4), "{said}");
    assert!(
        said.contains("2026-0001 was a provisional id")
            && said.contains("run the command again with 2026-0002"),
        "{said}"
    );
    assert!(
        !anna
            .folder
            .join("incidents/2026/2026-0001/actions.yaml")
            .exists(),
        "Bo's incident untouched"
    );
    anna.ok(&[
        "log",
        "2026-0002",
        "--action",
        "Contained it.",
        "--at",
        "2026-12-01 09:40",
    ]);
    assert!(
        anna.read("incidents/2026/2026-0002/report.yaml")
            .contains("Anna's, offline")
    );
    assert_eq!(anna.head(), team.server_head());
}

#[test]
fn an_id_the_server_gave_and_deleted_since_is_not_given_again() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let cecilia = team.join("cecilia", "Cecilia Ceder <cecilia@example.org>");
    anna.report("Kept");
    anna.report("A duplicate");
    anna.ok(&["sync"]);
    assert!(
        anna.git(&["rm", "-q", "-r", "incidents/2026/2026-0002"])
            .status
            .success()
    );
    assert!(
        anna.git(&["commit", "-q", "-m", "2026-0002: removed (a duplicate)"])
            .status
            .success()
    );
    anna.ok(&["sync"]);
    // Cecilia's clone never saw 2026-0002.
    assert_eq!(cecilia.report("Cecilia's"), "2026-0001");
    let sync = cecilia.run(&["sync"]);
    assert!(
        common::stderr(&sync).contains("New id: 2026-0001 → 2026-0003"),
        "{}",
        common::transcript(&sync)
    );
}

#[test]
fn a_sync_killed_after_it_moved_the_branch_is_finished_before_a_change_reads_its_incident() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    bo.report("Bo's");
    bo.ok(&["sync"]);
    // As a sync killed between moving the branch and writing the files leaves it.
    let before = anna.head();
    assert!(anna.git(&["fetch", "-q", "origin"]).status.success());
    std::fs::write(
        anna.folder.join(".git/incident-sync"),
        format!("{before}\n"),
    )
    .unwrap();
    assert!(
        anna.git(&["update-ref", "refs/heads/main", &team.server_head()])
            .status
            .success()
    );
    let listed = anna.run(&["list"]);
    assert!(
        common::stderr(&listed).contains("a sync was interrupted"),
        "{}",
        common::stderr(&listed)
    );
    anna.ok(&[
        "log",
        "2026-0001",
        "--action",
        "Called Bo.",
        "--at",
        "2026-12-01 09:40",
    ]);
    assert!(!anna.folder.join(".git/incident-sync").exists());
    assert!(
        anna.read("incidents/2026/2026-0001/report.yaml")
            .contains("Bo's")
    );
    anna.assert_sound();
}

#[test]
fn a_merge_made_by_git_pull_is_replayed_by_a_later_sync_without_doubling_anything() {
    let team = Team::new(&[]);
    let (anna, bo) = action_logs_pulled_by_git(&team);
    // The server moves on before Bo syncs: his entry and his merge are made again on it.
    anna.ok(&[
        "log",
        "2026-0001",
        "--action",
        "Asked for deletion.",
        "--at",
        "2026-12-01 09:20",
    ]);
    anna.ok(&["sync"]);
    bo.ok(&["sync"]);
    anna.ok(&["sync"]);
    let actions = anna.read("incidents/2026/2026-0001/actions.yaml");
    for action in [
        "Told the manager.",
        "Called the recipient.",
        "Asked for deletion.",
    ] {
        assert_eq!(actions.matches(action).count(), 1, "{action}: {actions}");
    }
    assert_eq!(bo.read("incidents/2026/2026-0001/actions.yaml"), actions);
    assert!(
        team.server_log()
            .iter()
            .any(|(who, subject)| who == "Bo Berg" && subject.contains("Told the manager."))
    );
    bo.assert_sound();
    anna.assert_sound();
}

#[test]
fn a_register_never_pushed_says_so_and_every_id_is_provisional() {
    let team = Team::new(&[]);
    let erik = team.member_at("erik", "Erik Ek <erik@example.org>");
    erik.ok(&["init", ".", "--organisation", "Annan förvaltning"]);
    assert!(
        erik.git(&["remote", "add", "origin", "/srv/nowhere.git"])
            .status
            .success()
    );
    let said = common::stderr(&erik.run(&["list"]));
    assert!(
        said.contains("the register has not been pushed to the server origin yet"),
        "{said}"
    );
}

#[test]
fn a_clone_url_is_never_taken_for_an_option_of_gits() {
    let team = Team::new(&[]);
    let member = team.member_at("mallory", "Mallory <m@example.org>");
    let marker = team.dir.path().join("pwned");
    let url = format!("--upload-pack=touch {}", marker.display());
    let refused = member
        .command(team.dir.path())
        .args(["clone", "--", &url, "copy"])
        .output()
        .unwrap();
    let said = common::transcript(&refused);
    assert_eq!(refused.status.code(), Some(10), "{said}");
    // git looked for a repository of that name; as an option it would name `copy`.
    assert!(said.contains(&format!("'{url}' does not exist")), "{said}");
    // A clone that failed has nothing to sync: the hint says so.
    assert!(said.contains("nothing was cloned"), "{said}");
    assert!(!marker.exists(), "git ran the URL as an option");
}
