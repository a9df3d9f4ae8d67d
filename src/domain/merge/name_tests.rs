//! The entries of a log named by a field (the customers of notification.yaml) merge by
//! their names without regard to case.

use serde_json::json;

use super::*;

#[test]
fn one_customer_added_on_both_sides_in_another_case_is_one_customer() {
    let base = json!({});
    let ours = json!({"customers": [{"name": "Exempelby Kommun", "acknowledged_at": "2026-03-02T09:00:00+01:00"}]});
    let theirs = json!({"customers": [{"name": "Exempelby kommun"}]});
    let merged = merge(
        MergeKind::Notification,
        Some(&base),
        Some(&ours),
        Some(&theirs),
    );
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    assert_eq!(
        merged.resolve(|_| Side::Theirs),
        Some(json!({"customers": [
            {"name": "Exempelby kommun", "acknowledged_at": "2026-03-02T09:00:00+01:00"},
        ]}))
    );
}
