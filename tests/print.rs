//! The printable pages: `stats --format html|pdf` (the annual follow-up, step G) and
//! `export report --format html|pdf`: self-contained HTML in both languages, what happens
//! without a browser and with one that fails or hangs, and a real print to PDF by
//! Chromium, checked with poppler's pdftotext and pdfinfo.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{TestRegister, run, stderr, transcript};

/// A year of incidents across months, causes and severity bands: one notified within the
/// 72 hours, one after them, one assessed as not to be notified, one from the year before.
fn a_year(register: &TestRegister) {
    register.new_incident(&[
        "--title",
        "Letter to the wrong <guardian> & school",
        "--discovered",
        "2026-02-10 09:00",
        "--occurred",
        "2026-02-09",
        "--what-happened",
        "misdirected_communication",
        "--cause",
        "human_error_individual",
    ]);
    run(
        register,
        &common::assess_sensitive("2026-0001", &["--reasoning", "Health data of a child."]),
    );
    run(
        register,
        &[
            "notified",
            "imy",
            "2026-0001",
            "--at",
            "2026-02-11 15:30",
            "--confirm-time",
        ],
    );
    register.new_incident(&[
        "--title",
        "Shared folder open to all staff",
        "--discovered",
        "2026-02-20 08:00",
        "--occurred",
        "2026-02-01",
        "--what-happened",
        "disclosure_other",
        "--cause",
        "technical_error",
        "--confirm-time",
    ]);
    run(
        register,
        &common::assess_low("2026-0002", "Nobody opened the files."),
    );
    register.new_incident(&[
        "--title",
        "Phone lost",
        "--discovered",
        "2026-06-01 08:00",
        "--occurred",
        "2026-05-31",
        "--what-happened",
        "disclosure_other",
        "--cause",
        "human_error_individual",
        "--confirm-time",
    ]);
    run(
        register,
        &[
            "notified",
            "imy",
            "2026-0003",
            "--at",
            "2026-06-05 08:00",
            "--confirm-time",
            "--late-reason",
            "Found in the holidays.",
        ],
    );
    register.new_incident(&[
        "--title",
        "Last year",
        "--discovered",
        "2025-11-02 09:00",
        "--occurred",
        "2025-11-01",
    ]);
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn the_annual_follow_up_is_one_self_contained_page_in_swedish_and_english() {
    let register = TestRegister::new();
    a_year(&register);
    let swedish = register
        .cmd()
        .args([
            "--lang", "sv", "stats", "--year", "2026", "--format", "html",
        ])
        .output()
        .unwrap();
    assert!(swedish.status.success(), "{}", transcript(&swedish));
    let page = stdout(&swedish);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
    for remote in [
        "http:", "https:", "<link", "<script", "<img", "@import", "url(",
    ] {
        assert!(!page.contains(remote), "the page reaches out: {remote}");
    }
    assert!(page.contains("@page { size: A4"));
    // Each chart has its title and its figures beside it as a table.
    assert_eq!(page.matches("<svg ").count(), 5);
    assert_eq!(page.matches("<title id=").count(), 5);
    assert!(
        page.contains(
            "<td>2026-0003</td><td class=\"number late\">96\u{a0}tim (efter 72 tim)</td>"
        )
    );
    assert!(page.contains("<td>2026-0001</td><td class=\"number\">30\u{a0}tim 30\u{a0}min</td>"));
    assert!(page.contains("<td>februari</td><td class=\"number\">2</td>"));
    assert!(page.contains("72 tim, GDPR art. 33.1"));
    assert!(page.contains("Upprättad 27 mars 2026."));
    insta::assert_snapshot!("annual_follow_up_sv", page);

    let english = register
        .cmd()
        .args(["stats", "--year", "2026", "--format", "html"])
        .output()
        .unwrap();
    let page = stdout(&english);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("72 h, GDPR Art. 33(1)"));
    insta::assert_snapshot!("annual_follow_up_en", page);
}

#[test]
fn an_internal_target_is_drawn_as_such_beside_the_law() {
    let register = TestRegister::new();
    let settings = register.read("incident.toml");
    register.write(
        "incident.toml",
        &settings.replace("notify_imy_hours = 72", "notify_imy_hours = 48"),
    );
    run(&register, &["record", "-m", "Internal target 48 hours"]);
    a_year(&register);
    let page = stdout(
        &register
            .cmd()
            .args(["--lang", "sv", "stats", "--format", "html"])
            .output()
            .unwrap(),
    );
    assert!(page.contains("48 tim, internt mål"), "{page}");
    assert!(page.contains("72 tim, GDPR art. 33.1"));
    // All years: the months run from the first incident's to the last one's.
    assert!(page.contains("<td>november 2025</td>"));
    assert!(page.contains("<td>juni 2026</td>"));
    // The figures the charts draw are in the JSON too.
    let json = register
        .cmd()
        .args(["stats", "--year", "2026", "--format", "json"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        value["by_month"],
        serde_json::json!({"2026-02": 2, "2026-06": 1})
    );
    assert_eq!(
        value["hours_to_notification"],
        serde_json::json!([
            {"id": "2026-0001", "hours": 30.5, "late": false},
            {"id": "2026-0003", "hours": 96.0, "late": true}
        ])
    );
}

#[test]
fn the_incident_report_prints_as_a_page_with_the_register_text_escaped() {
    let register = TestRegister::new();
    a_year(&register);
    let output = register
        .cmd()
        .args([
            "export",
            "report",
            "2026-0001",
            "--format",
            "html",
            "--output",
            "report.html",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Wrote report.html"));
    let page = register.read("report.html");
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains(
        "<h1>Incident report 2026-0001 — Letter to the wrong &lt;guardian&gt; &amp; school</h1>"
    ));
    assert!(page.contains("<h2>Risk assessment (step C)</h2>"));
    assert!(!page.contains("<guardian>"));
    // The text stays the default, and goes to a file too.
    let text = register
        .cmd()
        .args(["export", "report", "2026-0001"])
        .output()
        .unwrap();
    run(
        &register,
        &["export", "report", "2026-0001", "--output", "report.txt"],
    );
    assert_eq!(register.read("report.txt"), stdout(&text));
    assert!(
        stdout(&text).starts_with("Incident report 2026-0001 — Letter to the wrong <guardian>")
    );
}

/// An empty folder for PATH: no browser anywhere.
fn no_browser_path() -> tempfile::TempDir {
    tempfile::TempDir::new().unwrap()
}

#[test]
fn without_a_browser_pdf_says_what_to_install_and_that_html_works() {
    let register = TestRegister::new();
    a_year(&register);
    let empty = no_browser_path();
    for (lang, words) in [
        (
            "sv",
            [
                "apt install chromium",
                "`--format html` behöver ingen webbläsare",
            ],
        ),
        (
            "en",
            ["apt install chromium", "`--format html` needs no browser"],
        ),
    ] {
        let output = register
            .cmd()
            .env("PATH", empty.path())
            .env_remove("INCIDENT_BROWSER")
            .args(["--lang", lang, "stats", "--year", "2026", "--format", "pdf"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{}", transcript(&output));
        let said = String::from_utf8_lossy(&output.stderr);
        for word in words {
            assert!(said.contains(word), "{said}");
        }
        assert!(
            said.contains("chromium, chromium-browser, google-chrome"),
            "{said}"
        );
    }
    assert!(!register.path("incident-stats-2026.pdf").exists());
    let output = register
        .cmd()
        .env("INCIDENT_BROWSER", "/nowhere/chromium")
        .args(["export", "report", "2026-0001", "--format", "pdf"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("INCIDENT_BROWSER (/nowhere/chromium)")
    );
}

/// A stand-in browser: a shell script that records its arguments and then runs `body`.
#[cfg(unix)]
fn fake_browser(dir: &Path, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-chromium");
    let args = dir.join("args.txt");
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\" >> '{}'; done\n{body}\n",
            args.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn the_browser_is_called_headless_with_a_fresh_profile_and_its_pdf_is_kept() {
    let register = TestRegister::new();
    a_year(&register);
    let dir = tempfile::TempDir::new().unwrap();
    let browser = fake_browser(
        dir.path(),
        "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > \"${a#--print-to-pdf=}\";; esac; done",
    );
    let output = register
        .cmd()
        .env("INCIDENT_BROWSER", &browser)
        .args(["stats", "--year", "2026", "--format", "pdf"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    assert_eq!(
        std::fs::read(register.path("incident-stats-2026.pdf")).unwrap(),
        b"%PDF-1.4 fake"
    );
    let args = std::fs::read_to_string(dir.path().join("args.txt")).unwrap();
    for flag in [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--no-pdf-header-footer",
    ] {
        assert!(args.lines().any(|l| l == flag), "{flag}: {args}");
    }
    assert!(args.contains("--user-data-dir="));
    assert!(
        args.lines().last().unwrap().starts_with("file://"),
        "{args}"
    );
    // The scratch folder (page, profile) is gone.
    let page = args.lines().last().unwrap().trim_start_matches("file://");
    assert!(!Path::new(page).exists());
}

#[cfg(unix)]
#[test]
fn a_browser_that_fails_or_hangs_is_reported_and_writes_nothing() {
    let register = TestRegister::new();
    a_year(&register);
    let dir = tempfile::TempDir::new().unwrap();
    let failing = fake_browser(dir.path(), "echo 'cannot open display' >&2; exit 3");
    let output = register
        .cmd()
        .env("INCIDENT_BROWSER", &failing)
        .args([
            "export",
            "report",
            "2026-0001",
            "--format",
            "pdf",
            "--output",
            "out.pdf",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(10), "{}", transcript(&output));
    assert!(String::from_utf8_lossy(&output.stderr).contains("cannot open display"));
    assert!(!register.path("out.pdf").exists());

    let hanging = fake_browser(dir.path(), "sleep 600");
    let output = register
        .cmd()
        .env("INCIDENT_BROWSER", &hanging)
        .env("INCIDENT_BROWSER_TIMEOUT", "1")
        .args([
            "--lang", "sv", "stats", "--format", "pdf", "--output", "out.pdf",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(10), "{}", transcript(&output));
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("blev inte klar med PDF-filen på 1 sekunder och stoppades"),
        "{said}"
    );
    assert!(said.contains("INCIDENT_BROWSER_TIMEOUT"));
    assert!(!register.path("out.pdf").exists());
}

/// A program on the PATH, as the tool finds its browser.
fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|folder| folder.join(name))
        .find(|candidate| candidate.is_file())
}

/// Whether a real browser (and poppler's tools to read its PDF) is here; in CI
/// (`INCIDENT_REQUIRE_BROWSER=1`, set by .ci/run) its absence fails the test.
fn real_browser_present() -> bool {
    let browser = std::env::var_os("INCIDENT_BROWSER")
        .map(PathBuf::from)
        .or_else(|| {
            [
                "chromium",
                "chromium-browser",
                "google-chrome",
                "google-chrome-stable",
            ]
            .into_iter()
            .find_map(on_path)
        });
    let present =
        browser.is_some() && on_path("pdftotext").is_some() && on_path("pdfinfo").is_some();
    if !present {
        assert!(
            std::env::var("INCIDENT_REQUIRE_BROWSER").as_deref() != Ok("1"),
            "INCIDENT_REQUIRE_BROWSER=1 and no Chromium or no pdftotext/pdfinfo: apt-get install chromium poppler-utils"
        );
        eprintln!(
            "skipped: no Chromium or Chrome, or no pdftotext/pdfinfo (apt-get install chromium poppler-utils)"
        );
    }
    present
}

#[test]
fn chromium_prints_the_annual_follow_up_to_a_pdf_with_its_text_and_pages() {
    if !real_browser_present() {
        return;
    }
    let register = TestRegister::new();
    a_year(&register);
    let output = register
        .cmd()
        .args([
            "--lang",
            "sv",
            "stats",
            "--year",
            "2026",
            "--format",
            "pdf",
            "--output",
            "annual.pdf",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", transcript(&output));
    let pdf = register.path("annual.pdf");
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(text.status.success());
    // Words as they read, whatever the lines the layout broke them into.
    let words = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for expected in [
        "Årsuppföljning av inrapporterade incidenter 2026",
        "Incidenter upptäckta 2026 3",
        "varav senare än 72 timmar efter vetskap (GDPR art. 33.1) 1",
        "Tid från vetskap till anmälan till IMY, mot 72 timmar (GDPR art. 33.1)",
        "72 tim, GDPR art. 33.1",
        "2026-0003 96 tim (efter 72 tim)",
        "Upprättad 27 mars 2026",
    ] {
        assert!(words.contains(expected), "{expected} not in: {words}");
    }
    let info = std::process::Command::new("pdfinfo")
        .arg(&pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!((2..=3).contains(&pages), "{pages} pages: {info}");
    assert!(info.contains("(A4)"), "A4: {info}");
}

#[test]
fn the_example_year_of_the_readme_screenshot_stays_valid_and_printable() {
    let register = TestRegister::empty();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/annual-register");
    let example = example.to_str().unwrap();
    let validate = register
        .cmd()
        .args(["--register", example, "validate"])
        .output()
        .unwrap();
    assert!(validate.status.success(), "{}", transcript(&validate));
    let page = register
        .cmd()
        .args([
            "--register",
            example,
            "--lang",
            "sv",
            "stats",
            "--year",
            "2026",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert!(page.status.success(), "{}", transcript(&page));
    let page = stdout(&page);
    assert!(
        page.contains("<tr><td>Incidenter upptäckta 2026</td><td class=\"number\">11</td></tr>")
    );
    assert!(page.contains("(efter 72 tim)"));
}

/// A year without incidents: every figure 0, each chart says it has nothing to draw, and
/// no table is printed with only its headings (the verdicts' was).
#[test]
fn a_year_without_incidents_prints_zeros_and_no_empty_table() {
    let register = TestRegister::new();
    let output = register
        .cmd()
        .args([
            "stats", "--year", "2025", "--format", "html", "--lang", "sv",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let page = String::from_utf8(output.stdout).unwrap();
    assert!(
        page.contains("<tr><td>Incidenter upptäckta 2025</td><td class=\"number\">0</td></tr>")
    );
    assert!(page.contains("Ingen incident anmäldes till IMY."));
    assert!(page.contains("Inga incidenter."));
    assert!(!page.contains("<th>Klassning</th>"), "{page}");
    assert!(!page.contains("<tbody>\n</tbody>"), "{page}");
}
