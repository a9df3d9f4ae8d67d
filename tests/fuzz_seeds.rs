//! The fuzz targets' seed corpus (`fuzz/seeds/<target>/`) stays valid input as the formats
//! change: each seed is accepted by the loader its target fuzzes, so fuzzing starts from
//! files the tool reads rather than from files it refuses at the first line.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test code: a helper outside a #[test] fails the test by panicking"
)]

use std::path::{Path, PathBuf};

use incident::domain::id::IncidentId;
use incident::domain::model::{Actions, Assessment, Closure, Notification, Report};
use incident::domain::moment::parse_date_and_time;
use incident::store::files::{self, FileKind};
use incident::store::load::parse_settings;

fn seeds(target: &str) -> Vec<(PathBuf, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut found: Vec<(PathBuf, String)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            (path, text)
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no seeds in {}", folder.display());
    found
}

fn accepted<T: serde::de::DeserializeOwned + serde::Serialize>(kind: FileKind, target: &str) {
    for (path, text) in seeds(target) {
        if let Err(problems) = files::parse::<T>(kind, &path, &text) {
            panic!("{}: {problems:?}", path.display());
        }
    }
}

#[test]
fn every_incident_file_seed_is_accepted() {
    accepted::<Report>(FileKind::Report, "report");
    accepted::<Assessment>(FileKind::Assessment, "assessment");
    accepted::<Actions>(FileKind::Actions, "actions");
    accepted::<Notification>(FileKind::Notification, "notification");
    accepted::<Closure>(FileKind::Closure, "closure");
}

#[test]
fn every_settings_seed_is_accepted() {
    for (path, text) in seeds("settings") {
        if let Err(problems) = parse_settings(&path, &text) {
            panic!("{}: {problems:?}", path.display());
        }
    }
}

#[test]
fn every_id_and_moment_seed_is_accepted() {
    for (path, text) in seeds("id") {
        assert!(text.parse::<IncidentId>().is_ok(), "{}", path.display());
    }
    for (path, text) in seeds("moment") {
        assert!(parse_date_and_time(&text).is_ok(), "{}", path.display());
    }
}

#[test]
fn the_seeds_are_the_example_register_s_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, text) in seeds("report")
        .into_iter()
        .chain(seeds("assessment"))
        .chain(seeds("actions"))
        .chain(seeds("notification"))
    {
        // example-YYYY-NNNN.yaml in the folder of its kind.
        let name = path.file_stem().unwrap().to_string_lossy();
        let Some(id) = name.strip_prefix("example-") else {
            continue;
        };
        let kind = path
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy();
        let example = root.join(format!(
            "examples/register/incidents/{}/{id}/{kind}.yaml",
            &id[..4]
        ));
        assert_eq!(
            std::fs::read_to_string(&example).unwrap(),
            text,
            "{} is a copy of {}: copy it again",
            path.display(),
            example.display()
        );
    }
    assert_eq!(
        std::fs::read_to_string(root.join("examples/register/incident.toml")).unwrap(),
        std::fs::read_to_string(root.join("fuzz/seeds/settings/example.toml")).unwrap(),
        "fuzz/seeds/settings/example.toml is a copy of the example's incident.toml: copy it again"
    );
}
