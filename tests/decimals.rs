//! Numbers with a decimal comma in Swedish and a point in English, in every output that
//! shows one (show's SE, stats' hours).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper fails the test by panicking"
)]

mod common;

use common::{TestRegister, assess_sensitive, stderr};

fn run(register: &TestRegister, args: &[&str]) -> String {
    let output = register.cmd().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr(&output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An incident discovered 22:48 the day before, assessed (SE 4.25) and notified to IMY
/// at 10:00: 11.2 hours to the notification.
fn notified_register() -> TestRegister {
    let register = TestRegister::new();
    let id = register.new_incident(&[
        "--discovered",
        "2026-03-26 22:48",
        "--occurred",
        "2026-03-26 22:00",
    ]);
    run(
        &register,
        &assess_sensitive(&id, &["--reasoning", "Health data to a known recipient."]),
    );
    run(
        &register,
        &["notified", "imy", &id, "--at", "2026-03-27 10:00"],
    );
    register
}

#[test]
fn show_and_stats_write_a_decimal_comma_in_swedish_and_a_point_in_english() {
    let register = notified_register();
    let swedish = run(&register, &["show", "2026-0001", "--lang", "sv"]);
    assert!(swedish.contains("mycket hög (SE 4,25)"), "{swedish}");
    let english = run(&register, &["show", "2026-0001", "--lang", "en"]);
    assert!(english.contains("very high (SE 4.25)"), "{english}");

    let swedish = run(&register, &["stats", "--year", "2026", "--lang", "sv"]);
    assert!(swedish.contains("11,2 tim"), "{swedish}");
    assert!(!swedish.contains("11.2"), "{swedish}");
    let english = run(&register, &["stats", "--year", "2026", "--lang", "en"]);
    assert!(english.contains("11.2 h"), "{english}");
}
