//! The index rewrite against Git itself: the same change made by `git add`/`git rm` in one
//! copy of a repository and by [`IndexFile`] in another must give the same entries, the
//! same tree (`git write-tree` reads the cache tree, so a node left valid would show), a
//! checksum Git accepts, and a clean `git status`.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{IndexFile, Unusable, Update};
use crate::error::IndexDamage;
use crate::store::journal::index::entry_of;

fn git(dir: &Path, args: &[&str]) -> String {
    let output = git_output(dir, args);
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn git_output(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("HOME", dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_AUTHOR_DATE", "2026-11-25T12:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2026-11-25T12:00:00+01:00")
        .output()
        .unwrap()
}

/// A repository of 400 files in nested folders (so that the rewrite jumps over marks),
/// committed, with the index in `version`.
fn repository(version: u32) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::TempDir::new().unwrap();
    let root = dir.path().join("a");
    std::fs::create_dir(&root).unwrap();
    git(&root, &["init", "-q", "-b", "main"]);
    for year in 2020..2024 {
        for number in 1..=50 {
            let folder = root.join(format!("incidents/{year}/{year}-{number:04}"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("report.yaml"), format!("id: {number}\n")).unwrap();
            std::fs::write(folder.join("actions.yaml"), "actions: []\n").unwrap();
        }
    }
    std::fs::write(root.join("incident.toml"), "schema_version = 1\n").unwrap();
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "first"]);
    git(
        &root,
        &["update-index", "--index-version", &version.to_string()],
    );
    (dir, root)
}

/// A second copy of the repository beside the first.
fn copy(root: &Path) -> PathBuf {
    let other = root.with_file_name("b");
    let status = Command::new("cp")
        .args(["-a"])
        .arg(root)
        .arg(&other)
        .status()
        .unwrap();
    assert!(status.success());
    other
}

/// The files changed alike in both copies; Git updates `by_git`'s index, the rewrite
/// `ours`; then both are compared.
fn compare(by_git: &Path, ours: &Path, writes: &[(&str, &str)], deletes: &[&str], version: u32) {
    for root in [by_git, ours] {
        for (path, text) in writes {
            let full = root.join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
        }
        for path in deletes {
            std::fs::remove_file(root.join(path)).unwrap();
        }
    }
    for (path, _) in writes {
        git(by_git, &["add", path]);
    }
    for path in deletes {
        git(by_git, &["rm", "-q", "--cached", path]);
    }
    // The tool's commit holds the blobs; here Git writes them.
    for (path, _) in writes {
        git(ours, &["hash-object", "-w", path]);
    }
    let index = ours.join(".git/index");
    let file = IndexFile::parse(std::fs::read(&index).unwrap()).unwrap();
    let mut updates: Vec<Update> = writes
        .iter()
        .map(|(path, _)| Update::Put(entry_of(ours, path).unwrap()))
        .collect();
    updates.extend(
        deletes
            .iter()
            .map(|path| Update::Remove((*path).to_string())),
    );
    let updated = file.updated(&updates, version, false);
    assert_eq!(
        u32::from_be_bytes(updated[4..8].try_into().unwrap()),
        version
    );
    std::fs::write(&index, updated).unwrap();
    // Git reads it (its checksum is checked on every read) and finds the same entries,
    // the same tree and nothing left unstaged.
    assert_eq!(
        git(ours, &["ls-files", "--stage"]),
        git(by_git, &["ls-files", "--stage"])
    );
    assert_eq!(git(ours, &["write-tree"]), git(by_git, &["write-tree"]));
    assert_eq!(
        git(ours, &["status", "--porcelain"]),
        git(by_git, &["status", "--porcelain"])
    );
    assert_eq!(
        git(ours, &["diff-files", "--name-only"]),
        git(by_git, &["diff-files", "--name-only"])
    );
}

#[test]
fn a_rewrite_gives_what_git_add_and_git_rm_give_in_every_format() {
    for version in [2, 3, 4] {
        let (_dir, by_git) = repository(version);
        let ours = copy(&by_git);
        compare(
            &by_git,
            &ours,
            &[
                ("incidents/2021/2021-0025/actions.yaml", "actions: [one]\n"),
                ("incidents/2023/2023-0050/closure.yaml", "closed: true\n"),
                ("incidents/2024/2024-0001/report.yaml", "id: 1\n"),
                ("aaa.txt", "first of all\n"),
                ("incidents/2020/2020-0001/a.yaml", "before report\n"),
            ],
            &["incidents/2022/2022-0010/report.yaml", "incident.toml"],
            version,
        );
    }
}

#[test]
fn one_change_in_the_middle_and_one_path_twice() {
    let (_dir, by_git) = repository(4);
    let ours = copy(&by_git);
    compare(
        &by_git,
        &ours,
        &[("incidents/2022/2022-0030/actions.yaml", "actions: [two]\n")],
        &[],
        4,
    );
    // The next change, on the index the rewrite wrote.
    compare(
        &by_git,
        &ours,
        &[
            (
                "incidents/2022/2022-0031/actions.yaml",
                "actions: [three]\n",
            ),
            ("incidents/2022/2022-0030/actions.yaml", "actions: [four]\n"),
        ],
        &["incidents/2022/2022-0032/actions.yaml"],
        4,
    );
}

#[test]
fn a_format_is_changed_as_git_update_index_changes_it() {
    let (_dir, by_git) = repository(2);
    let ours = copy(&by_git);
    git(&by_git, &["update-index", "--index-version", "4"]);
    compare(
        &by_git,
        &ours,
        &[("incidents/2020/2020-0002/actions.yaml", "actions: [x]\n")],
        &[],
        4,
    );
}

#[test]
fn an_intent_to_add_entry_keeps_its_extended_flags() {
    let (_dir, by_git) = repository(3);
    std::fs::write(by_git.join("later.txt"), "not yet\n").unwrap();
    git(&by_git, &["add", "-N", "later.txt"]);
    let ours = copy(&by_git);
    compare(
        &by_git,
        &ours,
        &[("incidents/2020/2020-0003/actions.yaml", "actions: [y]\n")],
        &[],
        3,
    );
    assert!(git(&ours, &["ls-files", "--debug", "later.txt"]).contains("later.txt"));
}

#[test]
fn a_conflicts_stages_give_way_to_the_written_file_and_resolve_undo_is_kept() {
    let (_dir, root) = repository(4);
    let path = "incidents/2021/2021-0001/actions.yaml";
    git(&root, &["checkout", "-q", "-b", "other"]);
    std::fs::write(root.join(path), "actions: [other]\n").unwrap();
    git(&root, &["commit", "-q", "-am", "other"]);
    git(&root, &["checkout", "-q", "main"]);
    std::fs::write(root.join(path), "actions: [main]\n").unwrap();
    git(&root, &["commit", "-q", "-am", "main"]);
    let merge = git_output(&root, &["merge", "-q", "other"]);
    assert!(!merge.status.success(), "a conflict");
    assert!(git(&root, &["ls-files", "--unmerged"]).contains(path));
    let ours = copy(&root);
    compare(&root, &ours, &[(path, "actions: [both]\n")], &[], 4);
    assert_eq!(git(&ours, &["ls-files", "--unmerged"]), "");
}

#[test]
fn without_a_checksum_when_git_writes_none() {
    let (_dir, root) = repository(4);
    git(&root, &["config", "index.skipHash", "true"]);
    git(&root, &["update-index", "--really-refresh"]);
    std::fs::write(root.join("incident.toml"), "schema_version = 1\n# note\n").unwrap();
    git(&root, &["add", "incident.toml"]);
    let bytes = std::fs::read(root.join(".git/index")).unwrap();
    assert!(
        bytes[bytes.len() - 20..].iter().all(|&b| b == 0),
        "Git wrote no checksum"
    );
    let file = IndexFile::parse(bytes).unwrap();
    std::fs::write(root.join("aaa.txt"), "new\n").unwrap();
    let entry = entry_of(&root, "aaa.txt").unwrap();
    let updated = file.updated(&[Update::Put(entry)], 4, true);
    assert!(updated[updated.len() - 20..].iter().all(|&b| b == 0));
    std::fs::write(root.join(".git/index"), updated).unwrap();
    assert!(git(&root, &["ls-files"]).starts_with("aaa.txt\n"));
}

#[test]
fn a_split_or_sparse_index_or_a_damaged_one_is_refused() {
    let (_dir, root) = repository(4);
    git(&root, &["update-index", "--split-index"]);
    let split = IndexFile::parse(std::fs::read(root.join(".git/index")).unwrap());
    assert_eq!(split.err(), Some(Unusable::Split));
    git(&root, &["update-index", "--no-split-index"]);

    git(
        &root,
        &["sparse-checkout", "set", "--cone", "incidents/2020"],
    );
    git(&root, &["config", "index.sparse", "true"]);
    git(&root, &["sparse-checkout", "reapply"]);
    let sparse = IndexFile::parse(std::fs::read(root.join(".git/index")).unwrap());
    assert_eq!(sparse.err(), Some(Unusable::Sparse));
    git(&root, &["sparse-checkout", "disable"]);

    let mut bytes = std::fs::read(root.join(".git/index")).unwrap();
    assert!(IndexFile::parse(bytes.clone()).is_ok());
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    assert_eq!(
        IndexFile::parse(bytes.clone()).err(),
        Some(Unusable::Damaged(IndexDamage::Checksum))
    );
    bytes[7] = 5;
    assert_eq!(IndexFile::parse(bytes).err(), Some(Unusable::Version(5)));
    assert_eq!(
        IndexFile::parse(b"DIRC\0\0\0\x02".to_vec()).err(),
        Some(Unusable::Damaged(IndexDamage::NotAnIndex))
    );
}

#[test]
fn the_untracked_cache_and_other_optional_extensions_are_dropped() {
    let (_dir, root) = repository(4);
    git(&root, &["config", "core.untrackedCache", "true"]);
    git(&root, &["update-index", "--untracked-cache"]);
    git(&root, &["status", "--porcelain"]);
    let bytes = std::fs::read(root.join(".git/index")).unwrap();
    assert!(
        bytes.windows(4).any(|w| w == b"UNTR"),
        "Git wrote an untracked cache"
    );
    let file = IndexFile::parse(bytes).unwrap();
    std::fs::write(root.join("incident.toml"), "schema_version = 1\n# b\n").unwrap();
    let entry = entry_of(&root, "incident.toml").unwrap();
    let updated = file.updated(&[Update::Put(entry)], 4, false);
    assert!(!updated.windows(4).any(|w| w == b"UNTR"));
    std::fs::write(root.join(".git/index"), updated).unwrap();
    git(&root, &["hash-object", "-w", "incident.toml"]);
    assert_eq!(git(&root, &["status", "--porcelain"]), "M  incident.toml\n");
    assert_eq!(git(&root, &["diff-files", "--name-only"]), "");
}

#[test]
fn the_path_compression_counter_reads_back_what_it_wrote() {
    for value in [
        0,
        1,
        127,
        128,
        16_383,
        16_384,
        2_113_663,
        usize::from(u16::MAX),
    ] {
        let mut out = Vec::new();
        super::varint::write_varint(&mut out, value);
        assert_eq!(super::varint::read_varint(&out), Some((value, out.len())));
    }
}

#[test]
fn a_change_of_existing_files_leaves_the_cache_tree_valid_and_the_commits() {
    use crate::domain::steps::Step;
    use crate::store::testing::TestRegister;
    use crate::store::{Entry, LockHold};
    let test = TestRegister::new();
    let register = test.open();
    let id = test.new_incident(&register);
    // Git's own commit leaves a whole cache tree.
    git(
        test.root(),
        &["commit", "-q", "--allow-empty", "-m", "by git"],
    );
    let tree_id = || {
        let bytes = std::fs::read(test.root().join(".git/index")).unwrap();
        IndexFile::parse(bytes)
            .unwrap()
            .tree_id()
            .map(|id| id.iter().map(|b| format!("{b:02x}")).collect::<String>())
    };
    let head_tree = || {
        git(test.root(), &["rev-parse", "HEAD^{tree}"])
            .trim()
            .to_string()
    };
    assert_eq!(tree_id(), Some(head_tree()));
    let mut change = register
        .start_change(&id, &test.stamp(), LockHold::Throughout)
        .unwrap();
    let mut report = change.incident().report.clone();
    report.discovered_by = Some("Kontaktcenter".into());
    change.set_report(report);
    change
        .finish(Entry::new(crate::store::testing::logged(), &[Step::D]))
        .unwrap();
    assert_eq!(
        tree_id(),
        Some(head_tree()),
        "kept valid, with the commit's id"
    );
    assert_eq!(git(test.root(), &["status", "--porcelain"]), "");
}

/// The cache tree as path → (entries, subfolders, id), in any order.
fn cache_tree_of(root: &Path) -> std::collections::BTreeMap<String, (i64, usize, String)> {
    let bytes = std::fs::read(root.join(".git/index")).unwrap();
    let file = IndexFile::parse(bytes).unwrap();
    let data = file.cache_tree_bytes().expect("a cache tree");
    let mut nodes = std::collections::BTreeMap::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut offset = 0;
    while offset < data.len() {
        while stack.last().is_some_and(|(_, left)| *left == 0) {
            stack.pop();
        }
        let name_end = offset + data[offset..].iter().position(|&b| b == 0).unwrap();
        let line_end = name_end + data[name_end..].iter().position(|&b| b == b'\n').unwrap();
        let line = std::str::from_utf8(&data[name_end + 1..line_end]).unwrap();
        let (entries, folders) = line.split_once(' ').unwrap();
        let (entries, folders): (i64, usize) = (entries.parse().unwrap(), folders.parse().unwrap());
        let mut id = String::new();
        let mut end = line_end + 1;
        if entries >= 0 {
            id = data[end..end + 20]
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            end += 20;
        }
        let name = String::from_utf8(data[offset..name_end].to_vec()).unwrap();
        let path = match stack.last_mut() {
            Some((parent, left)) => {
                *left -= 1;
                format!("{parent}{name}/")
            }
            None => String::new(),
        };
        nodes.insert(path.clone(), (entries, folders, id));
        stack.push((path, folders));
        offset = end;
    }
    nodes
}

#[test]
fn a_change_that_adds_and_empties_folders_leaves_the_cache_tree_git_read_tree_makes() {
    use crate::store::journal::{Journal, PathChange};
    let (_dir, root) = repository(4);
    // The next commit, made beside the index (a temporary index), as the tool makes its
    // commit from bytes: a new folder with a subfolder, a folder emptied, a file changed.
    let scratch = root.join(".git/scratch-index");
    let with_scratch = |args: &[&str]| {
        let output = Command::new("git")
            .current_dir(&root)
            .args(args)
            .env("GIT_INDEX_FILE", &scratch)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let writes = [
        ("incidents/2024/2024-0001/report.yaml", "id: 1\n"),
        ("incidents/2024/2024-0001/evidence/mail.eml", "Subject: x\n"),
        ("incidents/2021/2021-0003/actions.yaml", "actions: [z]\n"),
    ];
    let deletes = [
        "incidents/2022/2022-0007/report.yaml",
        "incidents/2022/2022-0007/actions.yaml",
    ];
    with_scratch(&["read-tree", "HEAD"]);
    for (path, text) in writes {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, text).unwrap();
        with_scratch(&["add", path]);
    }
    for path in deletes {
        std::fs::remove_file(root.join(path)).unwrap();
        with_scratch(&["rm", "-q", "--cached", path]);
    }
    let tree = with_scratch(&["write-tree"]);
    let commit = git(
        &root,
        &["commit-tree", tree.trim(), "-p", "HEAD", "-m", "next"],
    );
    git(&root, &["update-ref", "HEAD", commit.trim()]);
    std::fs::remove_file(&scratch).unwrap();
    // The index, still the parent's with a whole cache tree, follows through the store.
    let mut changes: Vec<PathChange> = writes
        .iter()
        .map(|(path, text)| PathChange::Write {
            path: (*path).to_string(),
            bytes: text.as_bytes().to_vec(),
        })
        .collect();
    changes.extend(deletes.iter().map(|path| PathChange::Delete {
        path: (*path).to_string(),
    }));
    let journal = Journal::open(&root).unwrap().unwrap();
    let lock = journal.lock_index(std::time::Duration::ZERO).unwrap();
    journal.update_index(&lock, &changes).unwrap();
    drop(lock);
    let ours = cache_tree_of(&root);
    assert_eq!(
        ours.get("").map(|n| n.2.clone()),
        Some(tree.trim().to_string())
    );
    // Git's own: the index read from the commit has every folder's node.
    let other = copy(&root);
    git(&other, &["read-tree", "HEAD"]);
    assert_eq!(ours, cache_tree_of(&other));
    assert_eq!(git(&root, &["status", "--porcelain"]), "");
}
