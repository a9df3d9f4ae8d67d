//! The test servers of `tests/common/servers.rs` are real: for each transport, plain git
//! clones, commits, pushes, and a second clone finds the push.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a failed step fails the test by panicking"
)]

mod common;

use common::servers::{BareRepo, Daemon, HttpServer, Remote, git_ok};
use tempfile::TempDir;

/// Clones `remote`, commits a file, pushes, and clones again: the second clone has the
/// file and the commit, and the server's branch points at it.
fn round_trip(bare: &BareRepo, remote: &dyn Remote, seeded: bool) {
    let url = remote.url();
    let work = TempDir::new().unwrap();
    git_ok(work.path(), &["clone", "--quiet", &url, "first"]);
    let first = work.path().join("first");
    if seeded {
        assert_eq!(
            std::fs::read_to_string(first.join("seed.txt")).unwrap(),
            "seed\n"
        );
    }
    std::fs::write(first.join("pushed.txt"), "pushed through the server\n").unwrap();
    git_ok(&first, &["add", "pushed.txt"]);
    git_ok(&first, &["commit", "--quiet", "-m", "A commit to push"]);
    let pushed = git_ok(&first, &["rev-parse", "HEAD"]);
    git_ok(
        &first,
        &["push", "--quiet", "origin", "HEAD:refs/heads/main"],
    );

    assert_eq!(
        bare.rev("refs/heads/main").as_deref(),
        Some(pushed.as_str())
    );
    git_ok(
        work.path(),
        &["clone", "--quiet", "--branch", "main", &url, "second"],
    );
    let second = work.path().join("second");
    assert_eq!(git_ok(&second, &["rev-parse", "HEAD"]), pushed);
    assert_eq!(
        std::fs::read_to_string(second.join("pushed.txt")).unwrap(),
        "pushed through the server\n"
    );
    assert_eq!(
        git_ok(&second, &["log", "-1", "--format=%s"]),
        "A commit to push"
    );
}

/// A bare repository with one commit holding `seed.txt`, pushed from a fresh repository.
fn seeded(name: &str) -> BareRepo {
    let bare = BareRepo::new(name);
    let seed = TempDir::new().unwrap();
    git_ok(seed.path(), &["init", "--quiet", "--initial-branch=main"]);
    std::fs::write(seed.path().join("seed.txt"), "seed\n").unwrap();
    git_ok(seed.path(), &["add", "seed.txt"]);
    git_ok(seed.path(), &["commit", "--quiet", "-m", "Seed"]);
    git_ok(seed.path(), &["push", "--quiet", &bare.url(), "main"]);
    bare
}

#[test]
fn a_bare_repository_by_path_takes_a_push() {
    let bare = BareRepo::new("register");
    round_trip(&bare, &bare, false);
}

#[test]
fn git_daemon_takes_a_push_into_an_empty_repository() {
    let bare = BareRepo::new("register");
    let daemon = Daemon::start(&bare);
    assert!(daemon.url().starts_with("git://127.0.0.1:"));
    round_trip(&bare, &daemon, false);
}

#[test]
fn git_daemon_takes_a_push_onto_a_seeded_repository() {
    let bare = seeded("register");
    let daemon = Daemon::start(&bare);
    round_trip(&bare, &daemon, true);
}

#[test]
fn smart_http_takes_a_push_into_an_empty_repository() {
    let bare = BareRepo::new("register");
    let http = HttpServer::start(&bare);
    assert!(http.url().starts_with("http://127.0.0.1:"));
    round_trip(&bare, &http, false);
}

#[test]
fn smart_http_takes_a_push_onto_a_seeded_repository() {
    let bare = seeded("register");
    let http = HttpServer::start(&bare);
    round_trip(&bare, &http, true);
}

#[test]
fn smart_http_takes_a_push_larger_than_the_post_buffer_in_chunks() {
    // Above http.postBuffer git sends the pack with Transfer-Encoding: chunked.
    let bare = seeded("register");
    let http = HttpServer::start(&bare);
    let work = TempDir::new().unwrap();
    git_ok(work.path(), &["clone", "--quiet", &http.url(), "clone"]);
    let clone = work.path().join("clone");
    // Bytes that do not compress: a simple generator, so the pack stays large.
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let noise: Vec<u8> = (0..300_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    std::fs::write(clone.join("noise.bin"), noise).unwrap();
    git_ok(&clone, &["add", "noise.bin"]);
    git_ok(&clone, &["commit", "--quiet", "-m", "Large"]);
    git_ok(
        &clone,
        &[
            "-c",
            "http.postBuffer=65536",
            "push",
            "--quiet",
            "origin",
            "main",
        ],
    );
    assert_eq!(
        bare.rev("refs/heads/main"),
        Some(git_ok(&clone, &["rev-parse", "HEAD"]))
    );
}
