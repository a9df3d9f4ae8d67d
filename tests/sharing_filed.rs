//! Filed tags through a Git server: a sync pushes them with the branch, a tag of an entry
//! the sync made again follows it (with the renumbered id in its name), the server's come
//! with a fetch and a clone, and the server's hook refuses a filed tag deleted or moved.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::team::{Member, Team, Transport};

fn text(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

/// The filed tags a clone (or the bare server) holds: name → commit.
fn tags_in(team: &Team, folder: &std::path::Path) -> Vec<(String, String)> {
    let listed = team.git(
        folder,
        &[
            "for-each-ref",
            "--format=%(refname:strip=2) %(objectname) %(*objectname)",
            "refs/tags/filed",
        ],
    );
    // An annotated tag's commit is its peeled object; a lightweight tag's, its own.
    text(&listed)
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.split(' ');
            let (name, object) = (parts.next().unwrap(), parts.next().unwrap());
            let peeled = parts.next().filter(|p| !p.is_empty()).unwrap_or(object);
            (name.to_string(), peeled.to_string())
        })
        .collect()
}

fn notify(member: &Member<'_>, id: &str) {
    member.ok(&["notified", "imy", id, "--at", "2026-12-01 09:30"]);
}

#[test]
fn a_renumbered_provisional_id_carries_its_tag_to_the_new_id_and_the_server_gets_it() {
    let team = Team::over(Transport::Daemon, &[]);
    team.guard_with_hook();
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    let first = anna.report("Misdirected e-mail");
    let second = bo.report("Stolen laptop");
    assert_eq!(
        (first.as_str(), second.as_str()),
        ("2026-0001", "2026-0001")
    );
    notify(&anna, &first);
    notify(&bo, &second);
    assert_eq!(
        tags_in(&team, &bo.folder)
            .into_iter()
            .map(|(name, _)| name)
            .collect::<Vec<_>>(),
        ["filed/2026-0001/imy"]
    );

    anna.ok(&["sync"]);
    let annas_entry = anna.head();
    let sync = bo.run(&["sync"]);
    assert!(sync.status.success(), "{}", common::transcript(&sync));
    let said = common::stderr(&sync);
    assert!(said.contains("New id: 2026-0001 → 2026-0002"), "{said}");
    assert!(
        said.contains("Filed tags under the new id: filed/2026-0002/imy"),
        "{said}"
    );
    assert!(
        said.contains("Filed tags pushed: filed/2026-0002/imy"),
        "{said}"
    );

    // Bo's tag follows his entry, made again on the server's; Anna's came with the fetch.
    let bo_head = bo.head();
    let bos = tags_in(&team, &bo.folder);
    assert_eq!(
        bos,
        [
            ("filed/2026-0001/imy".to_string(), annas_entry),
            ("filed/2026-0002/imy".to_string(), bo_head.clone()),
        ]
    );
    let message = bo.git(&["log", "-1", "--format=%B"]);
    assert!(
        text(&message).ends_with("Filing: filed/2026-0002/imy"),
        "{}",
        text(&message)
    );
    let tag_message = bo.git(&["tag", "-l", "-n1", "filed/2026-0002/imy"]);
    assert!(
        text(&tag_message).contains("2026-0002: notification of a personal data breach"),
        "{}",
        text(&tag_message)
    );
    // The server holds both, each on its entry.
    assert_eq!(tags_in(&team, &team.bare.path()), bos);

    // Anna's next sync brings Bo's tag; a new clone gets them all.
    anna.ok(&["sync"]);
    assert_eq!(tags_in(&team, &anna.folder), bos);
    let cecilia = team.join("cecilia", "Cecilia Ceder <cecilia@example.org>");
    assert_eq!(tags_in(&team, &cecilia.folder), bos);
    // They came from the server: her first sync sends none back.
    let first_sync = cecilia.run(&["sync"]);
    assert!(
        first_sync.status.success() && !common::stderr(&first_sync).contains("Filed tags pushed"),
        "{}",
        common::transcript(&first_sync)
    );
    let shown = cecilia.ok(&["show", "2026-0002"]);
    assert!(
        shown.contains("  IMY 2026-12-01 09:30 (tag filed/2026-0002/imy)"),
        "{shown}"
    );
    anna.assert_sound();
    bo.assert_sound();
}

#[test]
fn the_servers_hook_refuses_a_filed_tag_deleted_or_moved() {
    let team = Team::new(&[]);
    team.guard_with_hook();
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let id = anna.report("Misdirected e-mail");
    notify(&anna, &id);
    anna.ok(&["sync"]);
    let tag = format!("filed/{id}/imy");
    let on_server = tags_in(&team, &team.bare.path());
    assert_eq!(on_server.len(), 1);

    let deleted = anna.git(&["push", "origin", &format!(":refs/tags/{tag}")]);
    assert!(!deleted.status.success());
    let said = common::stderr(&deleted);
    assert!(
        said.contains(&format!("deletes the filed tag {tag}"))
            || said.contains(&format!("tar bort inlämningstaggen {tag}")),
        "{said}"
    );

    // Moved by hand to the entry before it, and forced.
    anna.git(&["tag", "-f", "-a", "-m", "moved", &tag, "HEAD~1"]);
    let moved = anna.git(&["push", "--force", "origin", &format!("refs/tags/{tag}")]);
    assert!(!moved.status.success());
    let said = common::stderr(&moved);
    assert!(
        said.contains(&format!("moves the filed tag {tag}"))
            || said.contains(&format!("flyttar inlämningstaggen {tag}")),
        "{said}"
    );
    assert_eq!(
        tags_in(&team, &team.bare.path()),
        on_server,
        "nothing changed"
    );

    // A filed tag on a commit the branch does not hold is refused too.
    anna.git(&["checkout", "--quiet", "--detach", "HEAD"]);
    anna.git(&["commit", "--quiet", "--allow-empty", "-m", "Elsewhere"]);
    anna.git(&["tag", "-a", "-m", "outside", "filed/2026-0009/imy"]);
    let outside = anna.git(&["push", "origin", "refs/tags/filed/2026-0009/imy"]);
    assert!(!outside.status.success());
    assert!(
        common::stderr(&outside).contains("filed/2026-0009/imy"),
        "{}",
        common::stderr(&outside)
    );
}

#[test]
fn one_filing_recorded_on_two_clones_keeps_the_servers_tag_and_gives_the_other_the_next_name() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let id = anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    notify(&anna, &id);
    notify(&bo, &id);
    anna.ok(&["sync"]);
    let servers = tags_in(&team, &team.bare.path());
    let sync = bo.run(&["sync"]);
    assert!(sync.status.success(), "{}", common::transcript(&sync));
    assert!(
        !common::stderr(&sync).contains("Warning"),
        "{}",
        common::stderr(&sync)
    );
    let tags = tags_in(&team, &bo.folder);
    assert_eq!(tags[0], servers[0], "the server's tag is never overwritten");
    assert_eq!(
        tags[1],
        (format!("filed/{id}/imy.2"), bo.head()),
        "Bo's entry keeps a tag of its own"
    );
    assert_eq!(tags_in(&team, &team.bare.path()), tags);
    bo.assert_sound();
}

#[test]
fn a_servers_tag_that_differs_from_this_clones_is_named_and_neither_is_moved() {
    let team = Team::new(&[]);
    let anna = team.join("anna", "Anna Andersson <anna@example.org>");
    let id = anna.report("Misdirected e-mail");
    anna.ok(&["sync"]);
    let bo = team.join("bo", "Bo Berg <bo@example.org>");
    notify(&anna, &id);
    anna.ok(&["sync"]);
    // Bo made the name by hand on another entry.
    let tag = format!("filed/{id}/imy");
    assert!(bo.git(&["tag", &tag, "HEAD"]).status.success());
    let his = bo.head();
    let sync = bo.run(&["sync"]);
    assert!(sync.status.success(), "{}", common::transcript(&sync));
    assert!(
        common::stderr(&sync).contains(&format!(
            "Warning: the filed tag {tag} points at another journal entry on the server than here; neither is moved"
        )),
        "{}",
        common::stderr(&sync)
    );
    assert_eq!(tags_in(&team, &bo.folder).len(), 1);
    let local = bo.git(&["rev-parse", &format!("{tag}^{{commit}}")]);
    assert_eq!(text(&local), his);
    let servers = team.git(
        &team.bare.path(),
        &["rev-parse", &format!("{tag}^{{commit}}")],
    );
    assert_ne!(text(&servers), his);
}
