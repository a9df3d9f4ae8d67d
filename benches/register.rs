//! The register benchmark: the release binary against synthetic registers of 1,000 and
//! 10,000 incidents (and 100,000 with `--full`), timed beside the floors of the machine in
//! the same run, with the budgets of the performance issue checked.
//!
//!   cargo bench --bench register              # 1k and 10k
//!   cargo bench --bench register -- --full    # also 100k
//!   cargo bench --bench register -- generate DIR N [SEED]   # only write a register
//!   cargo bench --bench register -- history DIR N           # a register with 2 N entries
//!
//! Every figure is a median over several runs with a warm OS cache (one unmeasured run
//! first). The floors: reading the files a command needs in this process, one thread,
//! without parsing; and `git add <file> && git commit` by the git command line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark harness aborts on any failure by design"
)]

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::generate::{self, AUTHOR_EMAIL, AUTHOR_NAME, NOW};
use support::{journal, sharing};

const BINARY: &str = env!("CARGO_BIN_EXE_incident");
#[expect(clippy::unreadable_literal, reason = "a date, 2026-11-25, as the seed")]
const SEED: u64 = 20261125;

struct Options {
    sizes: Vec<usize>,
    runs: usize,
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("generate") {
        let dir = PathBuf::from(args.get(1).expect("generate DIR N [SEED]"));
        let count: usize = args.get(2).and_then(|n| n.parse().ok()).expect("a count");
        let seed = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(SEED);
        init_register(&dir);
        let generated = generate::generate(&dir, count, seed).expect("generate");
        println!(
            "{count} incidents ({} open), {} files, {} bytes in {}",
            generated.open.len(),
            generated.files,
            generated.bytes,
            dir.display()
        );
        return;
    }
    if args.first().map(String::as_str) == Some("history") {
        let dir = PathBuf::from(args.get(1).expect("history DIR N"));
        let count: usize = args.get(2).and_then(|n| n.parse().ok()).expect("a count");
        init_register(&dir);
        let history = journal::generate_history(&dir, count, SEED).expect("generate");
        println!("{} journal entries in {}", history.entries, dir.display());
        return;
    }
    let mut options = Options {
        sizes: vec![1_000, 10_000],
        runs: 7,
    };
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--full" => options.sizes.push(100_000),
            "--runs" => options.runs = iter.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "--sizes" => {
                options.sizes = iter
                    .next()
                    .expect("--sizes N,N")
                    .split(',')
                    .map(|n| n.parse().expect("a size"))
                    .collect();
            }
            other => panic!("unknown argument {other}: use --full, --runs N, --sizes N,N"),
        }
    }
    run(&options);
}

/// One measured command: the median wall time and the peak memory of its process.
#[derive(Clone, Copy)]
struct Measured {
    median: Duration,
    peak_kib: u64,
}

struct Row {
    size: usize,
    what: String,
    measured: Measured,
    floor: Option<(&'static str, Duration)>,
    budget: Option<Budget>,
}

#[derive(Clone, Copy)]
enum Budget {
    /// At most this ratio to the floor.
    Ratio(f64),
    /// Below this many milliseconds.
    Millis(f64),
    /// Below this many kilobytes (repository growth).
    Kilobytes(f64),
    /// At most this ratio to the floor and at most this many milliseconds.
    RatioAndMillis(f64, f64),
}

fn run(options: &Options) {
    let mut rows: Vec<Row> = Vec::new();
    let version = time_command(Path::new("."), &["--version"], options.runs * 3, 0);
    rows.push(Row {
        size: 0,
        what: "incident --version".into(),
        measured: version,
        floor: None,
        budget: Some(Budget::Millis(10.0)),
    });
    for &size in &options.sizes {
        let runs = if size >= 100_000 { 3 } else { options.runs };
        let dir = tempfile::TempDir::new().expect("a temporary folder");
        let root = dir.path().join("register");
        let started = Instant::now();
        init_register(&root);
        let generated = generate::generate(&root, size, SEED).expect("generate");
        // The files just written go to disk now, not while commands are timed.
        // SAFETY: sync(2) takes no arguments and cannot fail.
        unsafe { libc::sync() };
        eprintln!(
            "{size}: generated {} files ({} MB) in {:.1} s",
            generated.files,
            generated.bytes / 1_000_000,
            started.elapsed().as_secs_f64()
        );
        let floor_all = median(runs, || {
            read_all(&root.join("incidents")) + read_file(&root.join("incident.toml"))
        });
        let floor_incidents = median(runs, || read_all(&root.join("incidents")));
        let open = &generated.open[generated.open.len() / 2];
        let closed = &generated.closed[generated.closed.len() / 2];

        let deadlines = time_command(&root, &["deadlines"], runs, 5);
        rows.push(Row {
            size,
            what: format!("deadlines ({} open)", generated.open.len()),
            measured: deadlines,
            floor: Some(("read all files", floor_all)),
            budget: (size == 10_000).then_some(Budget::Ratio(0.5)),
        });
        // What `deadlines` cannot do without: list the incidents, look at each closure
        // (a stat, on two threads), read the open incidents' files.
        let floor_deadlines = median(runs, || deadlines_floor(&root, &generated.open));
        rows.push(Row {
            size,
            what: format!(
                "deadlines ({} open), against its own floor",
                generated.open.len()
            ),
            measured: deadlines,
            floor: Some((
                "list folders + stat each closure (2 threads) + read the open",
                floor_deadlines,
            )),
            budget: (size == 100_000).then_some(Budget::RatioAndMillis(1.7, 300.0)),
        });
        let list = time_command(&root, &["list"], runs, 0);
        rows.push(Row {
            size,
            what: "list".into(),
            measured: list,
            floor: Some(("read incident files", floor_incidents)),
            budget: (size == 10_000).then_some(Budget::Ratio(1.5)),
        });
        // The annual follow-up's figures, through the derived cache like `list`.
        let stats = time_command(&root, &["stats"], runs, 0);
        rows.push(Row {
            size,
            what: "stats".into(),
            measured: stats,
            floor: Some(("list", list.median)),
            budget: (size == 100_000).then_some(Budget::Ratio(1.0)),
        });
        let validate = time_command(&root, &["validate"], runs, 0);
        rows.push(Row {
            size,
            what: "validate".into(),
            measured: validate,
            floor: Some(("read all files", floor_all)),
            budget: (size == 10_000).then_some(Budget::Ratio(2.0)),
        });
        // The first run after a clone or a new binary: the derived cache deleted before
        // each run (not timed), so every incident is parsed and the cache written anew.
        let cache = root.join(".git/incident-cache.json");
        // Every file parsed takes minutes at 100,000 incidents: one measured run there.
        let slow_runs = if size >= 100_000 { 1 } else { runs.min(3) };
        for (command, floor) in [
            ("list", ("read incident files", floor_incidents)),
            ("stats", ("read incident files", floor_incidents)),
            ("validate", ("read all files", floor_all)),
        ] {
            let cold = time_command_prepared(&root, &[command], slow_runs, 0, || {
                let _ = std::fs::remove_file(&cache);
            });
            rows.push(Row {
                size,
                what: format!("{command}, cold (no derived cache)"),
                measured: cold,
                floor: Some(floor),
                budget: None,
            });
        }
        // Every file parsed and hashed, the cache neither read nor written.
        let uncached = time_command(&root, &["validate", "--no-cache"], slow_runs, 0);
        rows.push(Row {
            size,
            what: "validate --no-cache (every file parsed)".into(),
            measured: uncached,
            floor: Some(("read all files", floor_all)),
            budget: None,
        });
        let show = time_command(&root, &["show", closed], runs, 0);
        rows.push(Row {
            size,
            what: "show <id>".into(),
            measured: show,
            floor: None,
            budget: None,
        });
        // The same incident as the journal held it at the clock's moment: its files read
        // from the commit's tree, the settings too; the budget is twice `show`.
        let as_of = time_command(&root, &["show", closed, "--as-of", NOW], runs, 0);
        rows.push(Row {
            size,
            what: "show <id> --as-of (read from the journal's entry)".into(),
            measured: as_of,
            floor: Some(("show <id>", show.median)),
            budget: Some(Budget::Ratio(2.0)),
        });

        // The floor of one change: git's own add and commit of one changed file.
        let changed = root.join(format!("incidents/{}/{closed}/report.yaml", &closed[..4]));
        let mut round = 0;
        let git_commit = median(runs, || {
            round += 1;
            append(&changed, &format!("# bench edit {round}\n"));
            let relative = changed
                .strip_prefix(&root)
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            let started = Instant::now();
            let status = generate::git_command(&root)
                .args(["add", &relative])
                .status()
                .and_then(|_| {
                    generate::git_command(&root)
                        .args(["commit", "-q", "-m", "bench edit"])
                        .status()
                })
                .expect("git");
            assert!(status.success(), "git commit failed");
            started.elapsed()
        });

        // One change by the tool: an action logged on an open incident.
        let objects_before = folder_bytes(&root.join(".git/objects"));
        let mut counter = 0;
        let change = time_command_with(&root, runs, 0, || {
            counter += 1;
            vec![
                "log".to_string(),
                open.clone(),
                "--action".into(),
                format!("Uppföljning nummer {counter} av incidenten."),
                "--at".into(),
                "2026-11-20 11:00".into(),
                "--by".into(),
                "Dataskyddsombud".into(),
            ]
        });
        let commits = (runs + 1) as u64;
        let growth = (folder_bytes(&root.join(".git/objects")) - objects_before) / commits;
        let clean = git_status_clean(&root);
        rows.push(Row {
            size,
            what: format!("log (one change committed; git status clean: {clean})"),
            measured: change,
            floor: Some(("git add + commit", git_commit)),
            budget: match size {
                10_000 => Some(Budget::Ratio(0.3)),
                100_000 => Some(Budget::RatioAndMillis(0.3, 150.0)),
                _ => None,
            },
        });
        assert!(clean, "git status is not clean after the tool's commits");
        rows.push(Row {
            size,
            what: "repository growth per commit (bytes of new objects)".into(),
            measured: Measured {
                median: Duration::ZERO,
                peak_kib: 0,
            },
            floor: None,
            budget: (size == 10_000).then_some(Budget::Kilobytes(50.0)),
        });
        rows.last_mut().unwrap().measured.peak_kib = growth;

        // Sharing: one new entry on each side, a server on this machine.
        let work = dir.path().join("sharing");
        std::fs::create_dir_all(&work).unwrap();
        let ours = generated.open[0].clone();
        let theirs = generated.open[generated.open.len() - 1].clone();
        let figures = sharing::measure(&root, &work, [&ours, &theirs], runs, &incident);
        rows.push(Row {
            size,
            what: "sync (one new entry here and one on the server)".into(),
            measured: Measured {
                median: figures.tool_sync,
                peak_kib: 0,
            },
            floor: Some(("git pull --rebase && git push", figures.git_sync)),
            budget: (size == 10_000).then_some(Budget::Ratio(2.0)),
        });
        rows.push(Row {
            size,
            what: "log with sync = \"auto\" (fetch, change, push)".into(),
            measured: Measured {
                median: figures.auto_change,
                peak_kib: 0,
            },
            floor: Some(("log + sync", figures.manual_change + figures.tool_sync)),
            budget: (size == 10_000).then_some(Budget::Ratio(1.0)),
        });
        // A history of two entries an incident is written through `git fast-import`, one
        // year folder of 10,000 entries per entry at 100,000 incidents: about 74 GB of
        // trees before packing, which no run here finishes; measured up to 10,000.
        if size <= 10_000 {
            rows.extend(measure_verify(dir.path(), size, runs));
        }
        eprintln!(
            "{size}: measured in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    print_table(&rows, options);
}

/// `incident verify` on a register whose history is two entries an incident: the first
/// run against `git fsck` of the same repository, then a run after one new entry.
fn measure_verify(dir: &Path, size: usize, runs: usize) -> Vec<Row> {
    let root = dir.join("journaled");
    init_register(&root);
    let started = Instant::now();
    let history = journal::generate_history(&root, size, SEED).expect("generate a history");
    eprintln!(
        "{size}: a history of {} entries in {:.1} s",
        history.entries,
        started.elapsed().as_secs_f64()
    );
    let slow_runs = runs.min(3);
    let fsck = median(slow_runs, || {
        let started = Instant::now();
        let status = generate::git_command(&root)
            .args(["fsck", "--no-progress"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("git fsck");
        assert!(status.success(), "git fsck failed");
        started.elapsed()
    });
    let first = time_command(&root, &["verify", "--no-cache"], slow_runs, 0);
    // Each measured run follows one new entry (made before the clock starts).
    let mut counter = 0;
    let second = time_command_with(&root, runs, 0, || {
        counter += 1;
        let status = incident(&root)
            .args([
                "log",
                &history.open,
                "--action",
                &format!("Uppföljning nummer {counter}."),
                "--at",
                "2026-11-20 11:00",
                "--by",
                "Dataskyddsombud",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("incident log");
        assert!(status.success(), "incident log failed");
        vec!["verify".to_string()]
    });
    vec![
        Row {
            size,
            what: format!("verify, first run ({} entries)", history.entries),
            measured: first,
            floor: Some(("git fsck", fsck)),
            budget: (size == 10_000).then_some(Budget::Ratio(2.0)),
        },
        Row {
            size,
            what: "verify after one new entry".into(),
            measured: second,
            floor: None,
            budget: (size == 10_000).then_some(Budget::Millis(100.0)),
        },
    ]
}

fn print_table(rows: &[Row], options: &Options) {
    let machine = machine();
    println!("Machine: {machine}");
    println!(
        "Runs: median of {} (3 at 100k), warm cache, after one unmeasured run; seed {SEED}; clock {NOW}",
        options.runs
    );
    println!();
    println!("| incidents | what | median | floor | ratio | peak memory | budget | met |");
    println!("| ---: | --- | ---: | --- | ---: | ---: | --- | --- |");
    let mut all_met = true;
    for row in rows {
        let size = if row.size == 0 {
            "–".to_string()
        } else {
            row.size.to_string()
        };
        let is_growth = row.what.starts_with("repository growth");
        let median = if is_growth {
            format!("{:.1} KB", kib(row.measured.peak_kib) / 1000.0)
        } else {
            format!("{:.1} ms", millis(row.measured.median))
        };
        let (floor, ratio) = match row.floor {
            Some((name, floor)) => (
                format!("{name}: {:.1} ms", millis(floor)),
                format!("{:.2}×", millis(row.measured.median) / millis(floor)),
            ),
            None => ("–".into(), "–".into()),
        };
        // The sharing rows time several processes (the tool and git's): no one peak.
        let peak = if is_growth || row.measured.peak_kib == 0 {
            "–".to_string()
        } else {
            format!("{:.1} MB", kib(row.measured.peak_kib) / 1024.0)
        };
        let (budget, met) = match row.budget {
            Some(Budget::Ratio(limit)) => {
                let floor = row.floor.map_or(f64::NAN, |(_, f)| millis(f));
                let met = millis(row.measured.median) <= limit * floor;
                (format!("≤ {limit}× floor"), Some(met))
            }
            Some(Budget::Millis(limit)) => (
                format!("< {limit:.1} ms"),
                Some(millis(row.measured.median) < limit),
            ),
            Some(Budget::RatioAndMillis(ratio, limit)) => {
                let floor = row.floor.map_or(f64::NAN, |(_, f)| millis(f));
                let median = millis(row.measured.median);
                (
                    format!("≤ {ratio}× floor, ≤ {limit:.0} ms"),
                    Some(median <= ratio * floor && median <= limit),
                )
            }
            Some(Budget::Kilobytes(limit)) => (
                format!("< {limit} KB"),
                Some((kib(row.measured.peak_kib) / 1000.0) < limit),
            ),
            _ => ("–".into(), None),
        };
        // Peak memory: < 200 MB for any command at any size.
        let memory_met = is_growth || row.measured.peak_kib < 200 * 1024;
        let met = match met {
            Some(met) => met && memory_met,
            None => memory_met,
        };
        all_met &= met;
        println!(
            "| {size} | {} | {median} | {floor} | {ratio} | {peak} | {budget} | {} |",
            row.what,
            if met { "yes" } else { "**no**" }
        );
    }
    println!();
    println!(
        "Every budget met (and peak memory < 200 MB everywhere): {}",
        if all_met { "yes" } else { "no" }
    );
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let git = Command::new("git")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{cpu}, {cores} cores, {} {}, {git}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

fn median(runs: usize, mut measure: impl FnMut() -> Duration) -> Duration {
    measure();
    let mut times: Vec<Duration> = (0..runs).map(|_| measure()).collect();
    times.sort();
    times[times.len() / 2]
}

/// Reads every file under `folder` into one reused buffer, without parsing: the floor.
fn read_all(folder: &Path) -> Duration {
    let started = Instant::now();
    let mut buffer = Vec::with_capacity(64 * 1024);
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a folder") {
            let entry = entry.expect("a folder entry");
            if entry.file_type().expect("a file type").is_dir() {
                stack.push(entry.path());
            } else {
                buffer.clear();
                std::fs::File::open(entry.path())
                    .and_then(|mut file| file.read_to_end(&mut buffer))
                    .expect("read a file");
            }
        }
    }
    started.elapsed()
}

fn read_file(path: &Path) -> Duration {
    let started = Instant::now();
    std::fs::read(path).expect("read a file");
    started.elapsed()
}

fn append(path: &Path, text: &str) {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .expect("open");
    file.write_all(text.as_bytes()).expect("append");
}

/// Apparent bytes of every file under `folder`.
fn folder_bytes(folder: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a folder").flatten() {
            let metadata = entry.metadata().expect("metadata");
            if metadata.is_dir() {
                stack.push(entry.path());
            } else {
                total += metadata.len();
            }
        }
    }
    total
}

fn git_status_clean(root: &Path) -> bool {
    let output = generate::git_command(root)
        .args(["status", "--porcelain"])
        .output()
        .expect("git status");
    output.status.success() && output.stdout.is_empty()
}

fn init_register(root: &Path) {
    std::fs::create_dir_all(root).expect("create the register folder");
    let status = incident(root)
        .args([
            "init",
            ".",
            "--organisation",
            "Exempel kommun",
            "--org-number",
            "212000-0000",
            "--street",
            "Box 1",
            "--postal-code",
            "123 45",
            "--city",
            "Exempelstad",
            "--sector",
            "public",
            "--area",
            "social_services",
            "--dpo-name",
            "Dataskyddsombud Exempel",
            "--dpo-email",
            "dso@example.org",
            "--contact-name",
            "Kontakt Exempel",
            "--contact-email",
            "kontakt@example.org",
            "--contact-phone",
            "000-000 00 00",
        ])
        .stdout(Stdio::null())
        .status()
        .expect("incident init");
    assert!(status.success(), "incident init failed");
}

/// The binary, with the benchmark's clock and author, outside any user configuration.
fn incident(root: &Path) -> Command {
    let mut command = Command::new(BINARY);
    command
        .current_dir(root)
        .env("INCIDENT_NOW", NOW)
        .env("INCIDENT_AUTHOR", format!("{AUTHOR_NAME} <{AUTHOR_EMAIL}>"))
        .env("INCIDENT_LANG", "en")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("NO_COLOR", "1")
        .env_remove("INCIDENT_REGISTER");
    command
}

fn time_command(root: &Path, args: &[&str], runs: usize, expected_exit: i32) -> Measured {
    let args: Vec<String> = args.iter().map(ToString::to_string).collect();
    time_command_with(root, runs, expected_exit, || args.clone())
}

/// [`time_command`] with `prepare` run before each run, untimed.
fn time_command_prepared(
    root: &Path,
    args: &[&str],
    runs: usize,
    expected_exit: i32,
    mut prepare: impl FnMut(),
) -> Measured {
    let args: Vec<String> = args.iter().map(ToString::to_string).collect();
    time_command_with(root, runs, expected_exit, || {
        prepare();
        args.clone()
    })
}

/// The floor of `deadlines`: the incident folders listed, each closure looked at with one
/// `stat` (on two threads, as the tool may use both cores), and the open incidents' files
/// read.
fn deadlines_floor(root: &Path, open: &[String]) -> Duration {
    let started = Instant::now();
    let incidents = root.join("incidents");
    let mut folders = Vec::new();
    for year in std::fs::read_dir(&incidents)
        .expect("read incidents")
        .flatten()
    {
        for incident in std::fs::read_dir(year.path())
            .expect("read a year")
            .flatten()
        {
            folders.push(incident.path());
        }
    }
    let (first, second) = folders.split_at(folders.len() / 2);
    std::thread::scope(|scope| {
        for half in [first, second] {
            scope.spawn(move || {
                half.iter()
                    .filter(|folder| folder.join("closure.yaml").metadata().is_ok())
                    .count()
            });
        }
    });
    let mut buffer = Vec::with_capacity(64 * 1024);
    for id in open {
        let folder = incidents.join(&id[..4]).join(id);
        for file in std::fs::read_dir(folder)
            .expect("read an incident")
            .flatten()
        {
            buffer.clear();
            std::fs::File::open(file.path())
                .and_then(|mut f| f.read_to_end(&mut buffer))
                .expect("read a file");
        }
    }
    started.elapsed()
}

/// Runs the command once unmeasured, then `runs` times; the median time and the highest
/// peak memory (from the kernel's accounting of the child, `wait4`).
fn time_command_with(
    root: &Path,
    runs: usize,
    expected_exit: i32,
    mut args: impl FnMut() -> Vec<String>,
) -> Measured {
    let mut times = Vec::new();
    let mut peak_kib = 0;
    for run in 0..=runs {
        let arguments = args();
        let started = Instant::now();
        let child = incident(root)
            .args(&arguments)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start incident");
        let (code, max_rss_kib, stderr) = wait_with_rusage(child);
        let elapsed = started.elapsed();
        assert_eq!(
            code,
            expected_exit,
            "incident {} exited {code}: {stderr}",
            arguments.join(" ")
        );
        if run > 0 {
            times.push(elapsed);
            peak_kib = peak_kib.max(max_rss_kib);
        }
    }
    times.sort();
    Measured {
        median: times[times.len() / 2],
        peak_kib,
    }
}

/// Kibibytes as a float, to print.
#[expect(
    clippy::cast_precision_loss,
    reason = "a peak memory or a growth in KiB is far below 2^52"
)]
fn kib(kib: u64) -> f64 {
    kib as f64
}

/// Waits for the child with `wait4`, which also returns its peak resident memory.
fn wait_with_rusage(mut child: std::process::Child) -> (i32, u64, String) {
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_string(&mut stderr);
    }
    let pid = libc::pid_t::try_from(child.id()).expect("a process id fits in pid_t");
    let mut status = 0;
    // SAFETY: rusage is plain data, written by the kernel; pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    // Linux reports ru_maxrss in kibibytes.
    let peak = u64::try_from(usage.ru_maxrss).expect("a peak memory is not negative");
    (code, peak, stderr)
}
