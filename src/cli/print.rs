//! Where a printable page goes: HTML to stdout or `--output FILE`, or PDF printed by a
//! headless Chromium or Chrome (the only outside program the tool runs besides Git's own
//! tools), with a time limit so a hung browser never hangs the command.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::cli::ui::Ui;
use crate::error::{Error, PrintProblem, Result};
use crate::store::files::write_atomically;

/// The browsers looked for on the PATH, in this order.
pub const BROWSERS: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// How long the browser may take to print, unless `INCIDENT_BROWSER_TIMEOUT` says.
const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

/// What is written: text or an HTML page as it is, or the page printed to PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    Text,
    Html,
    Pdf,
}

/// `export report --format`: the text as before, or the printable page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Plain text
    Text,
    /// One self-contained HTML page, for print (A4)
    Html,
    /// PDF, printed by a headless Chromium or Chrome
    Pdf,
}

/// Writes `html` as asked: as it is (text or HTML) to `output` or stdout; printed to PDF
/// to `output` or `default_pdf` in the current folder. Says on stderr which file was
/// written.
pub fn deliver(
    ui: &Ui,
    html: &str,
    form: Printed,
    output: Option<&Path>,
    default_pdf: &str,
) -> Result<()> {
    match (form, output) {
        (Printed::Text | Printed::Html, None) => ui.out(html),
        (Printed::Text | Printed::Html, Some(path)) => {
            write_atomically(&in_folder(path), html.as_bytes())?;
            written(ui, path);
        }
        (Printed::Pdf, output) => {
            let path = output.map_or_else(|| PathBuf::from(default_pdf), Path::to_path_buf);
            let pdf = print_to_pdf(html)?;
            write_atomically(&in_folder(&path), &pdf)?;
            written(ui, &path);
        }
    }
    Ok(())
}

/// A bare file name is in the current folder: `./NAME`, so the atomic write has a folder
/// to put its temporary file in and to flush.
fn in_folder(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if parent.as_os_str().is_empty() => Path::new(".").join(path),
        _ => path.to_path_buf(),
    }
}

fn written(ui: &Ui, path: &Path) {
    ui.say(&format!("{} {}", ui.t("Skrev", "Wrote"), path.display()));
}

fn on_path(name: &str) -> Option<PathBuf> {
    let name = Path::new(name);
    if name.components().count() > 1 {
        return name.is_file().then(|| name.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|folder| folder.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

/// The browser to print with: `INCIDENT_BROWSER` when set, else the first of [`BROWSERS`]
/// on the PATH.
pub fn find_browser() -> Result<PathBuf> {
    let named = std::env::var("INCIDENT_BROWSER")
        .ok()
        .filter(|v| !v.trim().is_empty());
    let found = match &named {
        Some(named) => on_path(named),
        None => BROWSERS.iter().find_map(|name| on_path(name)),
    };
    found.ok_or_else(|| Error::Print {
        problem: PrintProblem::NoBrowser {
            named,
            looked_for: BROWSERS.iter().map(ToString::to_string).collect(),
        },
    })
}

fn timeout() -> Duration {
    let seconds = std::env::var("INCIDENT_BROWSER_TIMEOUT")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .unwrap_or(DEFAULT_TIMEOUT_SECONDS);
    Duration::from_secs(seconds)
}

/// A folder of its own for one printing, removed when dropped: the page, the browser's
/// profile (so no user profile is read or changed) and the PDF.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let base = std::env::temp_dir();
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = base.join(format!("incident-print-{}-{stamp}", std::process::id()));
        std::fs::create_dir(&path).map_err(|source| Error::Io {
            action: "create the folder",
            path: path.clone(),
            source,
        })?;
        Ok(Scratch(path))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The arguments of a headless print of `page` to `pdf`: no sandbox (containers and CI
/// run as root, where Chromium's sandbox refuses to start), no network of its own, a fresh
/// profile, and no header or footer of the browser's on the paper.
pub fn print_arguments(profile: &Path, pdf: &Path, page: &Path) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        format!("--user-data-dir={}", profile.display()),
        format!("--print-to-pdf={}", pdf.display()),
        "--no-pdf-header-footer".into(),
        format!("file://{}", page.display()),
    ]
}

/// The page printed to PDF by the browser.
fn print_to_pdf(html: &str) -> Result<Vec<u8>> {
    let browser = find_browser()?;
    let program = browser.display().to_string();
    let scratch = Scratch::new()?;
    let page = scratch.0.join("page.html");
    let pdf = scratch.0.join("page.pdf");
    let log = scratch.0.join("browser.log");
    let io = |action: &'static str, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    std::fs::write(&page, html).map_err(io("write", &page))?;
    let log_file = std::fs::File::create(&log).map_err(io("create", &log))?;
    let mut command = Command::new(&browser);
    command
        .args(print_arguments(&scratch.0.join("profile"), &pdf, &page))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log_file);
    // A process group of its own, so that a browser that hangs is stopped with every
    // process it started.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let failed = |detail: String| Error::Print {
        problem: PrintProblem::Failed {
            program: program.clone(),
            detail,
        },
    };
    let mut child = command.spawn().map_err(|e| failed(e.to_string()))?;
    let limit = timeout();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| failed(e.to_string()))? {
            break status;
        }
        if started.elapsed() >= limit {
            stop(&mut child);
            return Err(Error::Print {
                problem: PrintProblem::TimedOut {
                    program,
                    seconds: limit.as_secs(),
                },
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default();
        return Err(failed(format!(
            "{status}{}",
            if last.is_empty() {
                String::new()
            } else {
                format!(": {}", crate::domain::terminal::for_terminal(last.trim()))
            }
        )));
    }
    Ok(bytes)
}

/// Stops the browser and everything it started.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(child.id()) {
        // SAFETY: kill(2) with the negative id of the group this child leads (made with
        // process_group(0) above); it touches no memory.
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}
