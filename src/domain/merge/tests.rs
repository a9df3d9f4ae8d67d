use serde_json::{Value, json};

use super::*;

fn three(kind: MergeKind, base: &Value, ours: &Value, theirs: &Value) -> Merged {
    merge(kind, Some(base), Some(ours), Some(theirs))
}

fn paths(merged: &Merged) -> Vec<String> {
    merged
        .conflicts
        .iter()
        .map(|conflict| conflict.path.to_string())
        .collect()
}

fn action(date: &str, time: Option<&str>, text: &str) -> Value {
    match time {
        Some(time) => json!({"date": date, "time": time, "action": text}),
        None => json!({"date": date, "action": text}),
    }
}

fn measure(text: &str, status: &str) -> Value {
    json!({"measure": text, "purpose": "prevent", "status": status})
}

// Whole files: present or absent on each side.

#[test]
fn a_file_added_on_one_side_is_taken() {
    let file = json!({"title": "Lost laptop"});
    for (ours, theirs) in [(Some(&file), None), (None, Some(&file))] {
        let merged = merge(MergeKind::Report, None, ours, theirs);
        assert_eq!(
            merged,
            Merged {
                value: Some(file.clone()),
                conflicts: vec![]
            }
        );
    }
}

#[test]
fn a_file_deleted_on_one_side_and_unchanged_on_the_other_is_deleted() {
    let file = json!({"title": "Lost laptop"});
    for (ours, theirs) in [(None, Some(&file)), (Some(&file), None)] {
        let merged = merge(MergeKind::Closure, Some(&file), ours, theirs);
        assert_eq!(
            merged,
            Merged {
                value: None,
                conflicts: vec![]
            }
        );
    }
}

#[test]
fn a_file_deleted_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let base = json!({"title": "Lost laptop"});
    let changed = json!({"title": "Stolen laptop"});
    let merged = merge(MergeKind::Report, Some(&base), None, Some(&changed));
    assert_eq!(paths(&merged), ["the whole file"]);
    assert_eq!(merged.value, None, "ours (deleted) stands meanwhile");
    let conflict = &merged.conflicts[0];
    assert_eq!(
        (&conflict.base, &conflict.ours, &conflict.theirs),
        (&Some(base.clone()), &None, &Some(changed.clone()))
    );
    assert_eq!(merged.clone().resolve(|_| Side::Theirs), Some(changed));
    assert_eq!(merged.resolve(|_| Side::Ours), None);
}

#[test]
fn a_file_added_on_both_sides_differently_is_one_conflict_at_the_root() {
    let ours = json!({"title": "Lost laptop", "ongoing": true});
    let theirs = json!({"title": "Phishing", "ongoing": true});
    let merged = merge(MergeKind::Report, None, Some(&ours), Some(&theirs));
    assert_eq!(merged.value, Some(ours.clone()));
    assert_eq!(merged.conflicts.len(), 1);
    assert!(merged.conflicts[0].path.is_root());
    assert_eq!(merged.conflicts[0].base, None);
    assert_eq!(merged.clone().resolve(|_| Side::Theirs), Some(theirs));
    assert_eq!(merged.resolve(|_| Side::Ours), Some(ours));
}

#[test]
fn a_file_added_on_both_sides_alike_is_taken_once() {
    let file = json!({"title": "Lost laptop"});
    let merged = merge(MergeKind::Report, None, Some(&file), Some(&file));
    assert_eq!(
        merged,
        Merged {
            value: Some(file),
            conflicts: vec![]
        }
    );
}

#[test]
fn a_file_deleted_on_both_sides_stays_deleted() {
    let file = json!({"title": "Lost laptop"});
    let merged = merge(MergeKind::Report, Some(&file), None, None);
    assert_eq!(
        merged,
        Merged {
            value: None,
            conflicts: vec![]
        }
    );
}

// Objects, key by key.

#[test]
fn fields_changed_on_different_sides_are_both_kept() {
    let base = json!({"title": "Laptop", "ongoing": true});
    let ours = json!({"title": "Lost laptop", "ongoing": true});
    let theirs = json!({"title": "Laptop", "ongoing": false, "encrypted": true});
    let merged = three(MergeKind::Report, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"title": "Lost laptop", "ongoing": false, "encrypted": true}))
    );
}

#[test]
fn a_field_removed_on_one_side_and_unchanged_on_the_other_is_removed() {
    let base = json!({"title": "Laptop", "description": "Left on a train"});
    let ours = json!({"title": "Laptop"});
    let theirs = json!({"title": "Lost laptop", "description": "Left on a train"});
    let merged = three(MergeKind::Report, &base, &ours, &theirs);
    assert_eq!(
        merged,
        Merged {
            value: Some(json!({"title": "Lost laptop"})),
            conflicts: vec![]
        }
    );
}

#[test]
fn a_field_removed_on_one_side_and_changed_on_the_other_is_a_conflict() {
    let base = json!({"description": "Left on a train"});
    let ours = json!({});
    let theirs = json!({"description": "Left on the 8:15 train"});
    let merged = three(MergeKind::Report, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["description"]);
    assert_eq!(merged.value, Some(json!({})));
    assert_eq!(merged.clone().resolve(|_| Side::Theirs), Some(theirs));
    assert_eq!(merged.resolve(|_| Side::Ours), Some(ours));
}

#[test]
fn nested_objects_merge_field_by_field() {
    let base = json!({"imy": {"case_number": "IMY-2026-1"}, "schema_version": 1});
    let ours =
        json!({"imy": {"case_number": "IMY-2026-1", "secrecy": "Names"}, "schema_version": 1});
    let theirs = json!({"imy": {"case_number": "IMY-2026-12"}, "schema_version": 1});
    let merged = three(MergeKind::Notification, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(
            json!({"imy": {"case_number": "IMY-2026-12", "secrecy": "Names"}, "schema_version": 1})
        )
    );
}

#[test]
fn a_nested_conflict_is_at_its_field_and_the_rest_still_merges() {
    let base = json!({"imy": {"case_number": "IMY-2026-1", "late_reason": "Easter"}});
    let ours = json!({"imy": {"case_number": "IMY-2026-2", "late_reason": "Easter"}});
    let theirs = json!({"imy": {"case_number": "IMY-2026-3", "late_reason": "Easter week"}});
    let merged = three(MergeKind::Notification, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["imy → case_number"]);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.base, Some(json!("IMY-2026-1")));
    assert_eq!(conflict.side(Side::Ours), Some(&json!("IMY-2026-2")));
    assert_eq!(conflict.side(Side::Theirs), Some(&json!("IMY-2026-3")));
    assert_eq!(
        merged.value,
        Some(json!({"imy": {"case_number": "IMY-2026-2", "late_reason": "Easter week"}}))
    );
}

#[test]
fn an_object_added_on_both_sides_merges_its_fields() {
    let base = json!({"schema_version": 1});
    let ours = json!({"schema_version": 1, "imy": {"case_number": "IMY-2026-1"}});
    let theirs = json!({"schema_version": 1, "imy": {"submitted_at": "2026-03-02T10:00:00+01:00"}});
    let merged = three(MergeKind::Notification, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"schema_version": 1, "imy": {
            "case_number": "IMY-2026-1", "submitted_at": "2026-03-02T10:00:00+01:00"}}))
    );
}

#[test]
fn an_object_replaced_by_a_plain_value_is_a_conflict() {
    let base = json!({"occurred": {"date": "2026-03-01"}});
    let ours = json!({"occurred": {"date": "2026-03-02"}});
    let theirs = json!({"occurred": "unknown"});
    let merged = three(MergeKind::Report, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["occurred"]);
}

// Arrays that are not logs: one value each.

#[test]
fn other_arrays_are_single_values() {
    let base = json!({"breach_types": ["confidentiality"]});
    let ours = json!({"breach_types": ["confidentiality", "integrity"]});
    let theirs = json!({"breach_types": ["confidentiality", "availability"]});
    let merged = three(MergeKind::Report, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["breach_types"]);
    assert_eq!(merged.value, Some(ours.clone()));
    assert_eq!(merged.clone().resolve(|_| Side::Theirs), Some(theirs));
    assert_eq!(merged.resolve(|_| Side::Ours), Some(ours));
}

#[test]
fn an_array_changed_on_one_side_is_taken() {
    let base = json!({"contacts": [{"name": "Ann"}]});
    let theirs = json!({"contacts": [{"name": "Ann"}, {"name": "Bo"}]});
    let merged = three(MergeKind::Settings, &base, &base, &theirs);
    assert_eq!(
        merged,
        Merged {
            value: Some(theirs),
            conflicts: vec![]
        }
    );
}

#[test]
fn a_log_is_a_single_value_in_another_kind_of_file() {
    let base = json!({"taken": [1]});
    let merged = three(
        MergeKind::Report,
        &base,
        &json!({"taken": [1, 2]}),
        &json!({"taken": [1, 3]}),
    );
    assert_eq!(paths(&merged), ["taken"]);
}

// Logs.

#[test]
fn entries_appended_on_both_sides_are_all_kept_in_date_order() {
    let first = action("2026-03-01", Some("09:00"), "Laptop reported lost");
    let base = json!({"taken": [first]});
    let ours = json!({"taken": [first, action("2026-03-03", None, "Password reset")]});
    let theirs = json!({"taken": [first, action("2026-03-02", Some("14:00"), "Device wiped")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"taken": [
            first,
            action("2026-03-02", Some("14:00"), "Device wiped"),
            action("2026-03-03", None, "Password reset"),
        ]}))
    );
}

#[test]
fn dated_entries_at_the_same_moment_order_by_their_text_and_no_time_first_on_its_day() {
    let base = json!({});
    let ours = json!({"taken": [action("2026-03-02", Some("10:00"), "Ours")]});
    let theirs = json!({"taken": [
        action("2026-03-02", Some("10:00"), "Theirs"),
        action("2026-03-02", None, "Theirs, no time"),
    ]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    let texts: Vec<&str> = merged.value.as_ref().unwrap()["taken"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["action"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Theirs, no time", "Ours", "Theirs"]);
}

#[test]
fn an_entry_appended_identically_on_both_sides_is_kept_once() {
    let first = action("2026-03-01", None, "Reported");
    let same = action("2026-03-02", Some("08:00"), "Police report filed");
    let base = json!({"taken": [first]});
    let ours = json!({"taken": [first, same, action("2026-03-04", None, "Ours")]});
    let theirs = json!({"taken": [first, same]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"taken": [first, same, action("2026-03-04", None, "Ours")]}))
    );
}

#[test]
fn an_action_logged_for_an_earlier_day_goes_between_the_base_entries() {
    // The action log is kept sorted, so the side that logged it inserted it before.
    let early = action("2026-03-01", None, "Reported");
    let late = action("2026-03-05", None, "Closed the account");
    let base = json!({"taken": [early, late]});
    let backdated = action("2026-03-03", None, "Backdated");
    let ours = json!({"taken": [early, backdated, late]});
    let theirs = json!({"taken": [early, late, action("2026-03-06", None, "Later")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"taken": [early, backdated, late, action("2026-03-06", None, "Later")]}))
    );
}

#[test]
fn undated_entries_are_appended_theirs_then_ours() {
    let base = json!({"planned": [measure("Patch", "open")]});
    let ours = json!({"planned": [measure("Patch", "open"), measure("Train staff", "open")]});
    let theirs = json!({"planned": [measure("Patch", "open"), measure("Encrypt disks", "open")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"planned": [
            measure("Patch", "open"), measure("Encrypt disks", "open"), measure("Train staff", "open"),
        ]}))
    );
}

#[test]
fn a_base_entry_edited_on_both_sides_merges_field_by_field() {
    let base = json!({"planned": [measure("Patch", "open"), measure("Train", "open")]});
    let mut done = measure("Train", "done");
    done["done_on"] = json!("2026-04-01");
    let ours = json!({"planned": [measure("Patch", "open"), done]});
    let theirs = json!({"planned": [measure("Patch", "open"), measure("Train all staff", "open")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert!(merged.is_clean());
    let mut both = measure("Train all staff", "done");
    both["done_on"] = json!("2026-04-01");
    assert_eq!(
        merged.value,
        Some(json!({"planned": [measure("Patch", "open"), both]}))
    );
}

#[test]
fn a_base_entry_edited_and_others_appended_on_both_sides() {
    let base = json!({"planned": [measure("Patch", "open")]});
    let ours = json!({"planned": [measure("Patch", "done"), measure("Train", "open")]});
    let theirs =
        json!({"planned": [measure("Patch and reboot", "open"), measure("Audit", "open")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"planned": [
            measure("Patch and reboot", "done"), measure("Audit", "open"), measure("Train", "open"),
        ]}))
    );
}

#[test]
fn a_base_entry_field_changed_differently_is_a_conflict_numbered_from_one() {
    let base = json!({"planned": [measure("Patch", "open"), measure("Train", "open")]});
    let ours = json!({"planned": [measure("Patch", "open"), measure("Train", "done")]});
    let theirs = json!({"planned": [
        measure("Patch", "open"), measure("Train", "deferred"), measure("Audit", "open"),
    ]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["planned 2 → status"]);
    assert_eq!(
        merged.conflicts[0].path.steps,
        [
            PathStep::Key("planned".into()),
            PathStep::Entry(1),
            PathStep::Key("status".into())
        ]
    );
    assert_eq!(
        merged.clone().resolve(|_| Side::Ours),
        Some(json!({"planned": [
            measure("Patch", "open"), measure("Train", "done"), measure("Audit", "open"),
        ]}))
    );
    assert_eq!(merged.resolve(|_| Side::Theirs), Some(theirs));
}

#[test]
fn a_conflict_in_a_dated_log_is_numbered_where_the_entry_ends_up() {
    let early = action("2026-03-01", None, "Reported");
    let base = json!({"taken": [early, action("2026-03-05", None, "Account closed")]});
    let ours = json!({"taken": [early, action("2026-03-05", None, "Account closed by IT")]});
    let added = action("2026-03-02", None, "Added at the end by hand");
    let theirs = json!({"taken": [early, action("2026-03-05", None, "Account deleted"), added]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["taken 3 → action"]);
    assert_eq!(
        merged.resolve(|_| Side::Theirs),
        Some(json!({"taken": [early, added, action("2026-03-05", None, "Account deleted")]}))
    );
}

#[test]
fn a_side_that_inserted_and_edited_pairs_its_entries_with_the_base_by_position() {
    let base = json!({"taken": [action("2026-03-05", None, "Account closed")]});
    let ours = json!({"taken": [action("2026-03-05", None, "Account closed by IT")]});
    let theirs = json!({"taken": [
        action("2026-03-01", None, "Reported"), action("2026-03-05", None, "Account deleted"),
    ]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["taken 1 → action"]);
    assert_eq!(merged.resolve(|_| Side::Theirs), Some(theirs));
}

#[test]
fn a_side_that_removed_log_entries_is_a_conflict_on_the_log() {
    let one = action("2026-03-01", None, "One");
    let two = action("2026-03-02", None, "Two");
    let base = json!({"taken": [one, two]});
    let ours = json!({"taken": [one]});
    let theirs = json!({"taken": [one, two, action("2026-03-03", None, "Three")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["taken"]);
    assert_eq!(merged.value, Some(ours.clone()));
    assert_eq!(merged.clone().resolve(|_| Side::Theirs), Some(theirs));
    assert_eq!(merged.resolve(|_| Side::Ours), Some(ours));
}

#[test]
fn a_log_emptied_on_one_side_while_the_other_appends_is_a_conflict() {
    // An empty log is left out of the file.
    let one = action("2026-03-01", None, "One");
    let base = json!({"taken": [one]});
    let ours = json!({});
    let theirs = json!({"taken": [one, action("2026-03-02", None, "Two")]});
    let merged = three(MergeKind::Actions, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["taken"]);
    assert_eq!(merged.conflicts[0].ours, None);
    assert_eq!(merged.clone().resolve(|_| Side::Ours), Some(json!({})));
    assert_eq!(merged.resolve(|_| Side::Theirs), Some(theirs));
}

#[test]
fn a_log_changed_on_one_side_only_is_taken_even_shorter() {
    let one = action("2026-03-01", None, "One");
    let base = json!({"taken": [one, action("2026-03-01", None, "Typo")]});
    let ours = json!({"taken": [one]});
    let merged = three(MergeKind::Actions, &base, &ours, &base);
    assert_eq!(
        merged,
        Merged {
            value: Some(ours),
            conflicts: vec![]
        }
    );
}

#[test]
fn supplements_are_a_log_inside_the_imy_notification() {
    let supplement = |at: &str, text: &str| json!({"submitted_at": at, "summary": text});
    let first = supplement("2026-03-05T10:00:00+01:00", "Counts");
    let base = json!({"imy": {"case_number": "IMY-1", "supplements": [first]}});
    let ours = json!({"imy": {"case_number": "IMY-1", "supplements": [
        first, supplement("2026-03-09T10:00:00+01:00", "Ours")]}});
    let theirs = json!({"imy": {"case_number": "IMY-1", "supplements": [
        first, supplement("2026-03-08T10:00:00+01:00", "Theirs")]}});
    let merged = three(MergeKind::Notification, &base, &ours, &theirs);
    assert!(merged.is_clean());
    assert_eq!(
        merged.value,
        Some(json!({"imy": {"case_number": "IMY-1", "supplements": [
            first,
            supplement("2026-03-08T10:00:00+01:00", "Theirs"),
            supplement("2026-03-09T10:00:00+01:00", "Ours"),
        ]}}))
    );
}

#[test]
fn customers_told_on_both_sides_are_all_kept_and_one_name_is_one_customer() {
    let base = json!({"customers": [{"name": "Acme"}]});
    let ours = json!({"customers": [
        {"name": "Acme", "acknowledged_at": "2026-03-02T09:00:00+01:00"},
        {"name": "Beta", "acknowledged_at": "2026-03-02T10:00:00+01:00"},
        {"name": "Gamma", "acknowledged_at": "2026-03-02T11:00:00+01:00"},
    ]});
    let theirs = json!({"customers": [
        {"name": "Acme"},
        {"name": "Beta", "detailed_notice_at": "2026-03-03T10:00:00+01:00"},
        {"name": "Gamma", "acknowledged_at": "2026-03-02T12:00:00+01:00"},
    ]});
    let merged = three(MergeKind::Notification, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["customers 3 → acknowledged_at"]);
    assert_eq!(
        merged.clone().resolve(|_| Side::Theirs),
        Some(json!({"customers": [
            {"name": "Acme", "acknowledged_at": "2026-03-02T09:00:00+01:00"},
            {"name": "Beta", "acknowledged_at": "2026-03-02T10:00:00+01:00",
             "detailed_notice_at": "2026-03-03T10:00:00+01:00"},
            {"name": "Gamma", "acknowledged_at": "2026-03-02T12:00:00+01:00"},
        ]}))
    );
}

#[test]
fn a_log_that_is_not_a_list_is_a_conflict() {
    let merged = three(
        MergeKind::Actions,
        &json!({}),
        &json!({"taken": "x"}),
        &json!({"taken": [1]}),
    );
    assert_eq!(paths(&merged), ["taken"]);
}

// Resolution.

#[test]
fn resolving_picks_a_side_per_conflict_and_keeps_the_clean_merge() {
    let base =
        json!({"title": "Laptop", "ongoing": true, "description": "Train", "encrypted": false});
    let ours = json!({"title": "Lost laptop", "ongoing": false, "description": "Train"});
    let theirs =
        json!({"title": "Stolen laptop", "ongoing": true, "description": "Bus", "encrypted": true});
    let merged = three(MergeKind::Report, &base, &ours, &theirs);
    assert_eq!(paths(&merged), ["encrypted", "title"]);
    let clean = json!({"ongoing": false, "description": "Bus"});
    let with = |title: &str, encrypted: Option<bool>| {
        let mut value = clean.clone();
        value["title"] = json!(title);
        if let Some(encrypted) = encrypted {
            value["encrypted"] = json!(encrypted);
        }
        Some(value)
    };
    assert_eq!(merged.value, with("Lost laptop", None));
    assert_eq!(
        merged.clone().resolve(|_| Side::Ours),
        with("Lost laptop", None)
    );
    assert_eq!(
        merged.clone().resolve(|_| Side::Theirs),
        with("Stolen laptop", Some(true))
    );
    let mixed = merged.resolve(|conflict| {
        if conflict.path.to_string() == "title" {
            Side::Theirs
        } else {
            Side::Ours
        }
    });
    assert_eq!(mixed, with("Stolen laptop", None));
}

// Kinds and paths.

#[test]
fn the_kind_comes_from_the_file_name() {
    for (name, kind) in [
        ("incident.toml", Some(MergeKind::Settings)),
        ("report.yaml", Some(MergeKind::Report)),
        ("assessment.yaml", Some(MergeKind::Assessment)),
        ("actions.yaml", Some(MergeKind::Actions)),
        ("notification.yaml", Some(MergeKind::Notification)),
        ("closure.yaml", Some(MergeKind::Closure)),
        ("notes.md", None),
    ] {
        assert_eq!(MergeKind::for_file_name(name), kind, "{name}");
    }
    assert!(MergeKind::Report.logs().is_empty());
    assert_eq!(MergeKind::Actions.logs().len(), 2);
}

#[test]
fn paths_read_as_people_number_things() {
    let path = MergePath::root()
        .key("imy")
        .key("supplements")
        .entry(0)
        .key("summary");
    assert_eq!(path.to_string(), "imy → supplements 1 → summary");
    assert_eq!(MergePath::root().to_string(), "the whole file");
    assert!(MergePath::root().is_root());
}
