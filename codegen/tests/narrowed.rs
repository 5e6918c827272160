//! Narrowed types: merged or alternative evidence must never make a type stricter than any of
//! its parts. Fixtures in `tests/fixtures/narrowed`, shaped after real cases (a bulk delete
//! that takes one of two id lists, lists of a short form of an object a long form describes).

mod narrowed_support;

use codegen::model::DecisionKind;
use narrowed_support::{api, decodes, fields, required, returns, sends, show};
use serde_json::json;

const ALTERNATIVES: &str = "narrowed/alternatives-3.0.yaml";

#[test]
fn a_one_of_request_requires_only_what_every_alternative_requires() {
    let api = api(ALTERNATIVES);
    let purge = sends(&api, "purge_attestations");
    assert_eq!(fields(&api, &purge), [("digests".to_string(), true), ("ids".to_string(), true)]);
    for body in [json!({"digests": ["sha256:abc"]}), json!({"ids": [1, 2]})] {
        decodes(&api, &purge, &body).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
    // The report says why each field is optional.
    let said: Vec<&str> = api.decisions.iter().filter(|d| d.kind == DecisionKind::Optional).map(|d| d.subject.as_str()).collect();
    assert!(said.contains(&"PurgeAttestationsRequest.digests") && said.contains(&"PurgeAttestationsRequest.ids"), "{said:?}");
}

#[test]
fn an_any_of_request_keeps_required_what_every_alternative_requires() {
    let api = api(ALTERNATIVES);
    let label = sends(&api, "create_label");
    assert_eq!(required(&api, &label), ["name"]);
    for body in [json!({"name": "bug", "color": "red"}), json!({"name": "bug", "template": "t"})] {
        decodes(&api, &label, &body).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
}

#[test]
fn a_list_of_a_short_form_never_requires_what_its_schema_leaves_out() {
    let api = api(ALTERNATIVES);
    // Every example shows `archived` and `delete_on_merge`, but the short form's schema does
    // not require them: a real response without them must decode.
    let list = returns(&api, "list_org_projects");
    let short = json!([{"id": 1, "name": "a", "owner": "o", "url": "u", "html_url": "h"}]);
    decodes(&api, &list, &short).unwrap_or_else(|e| panic!("{}: {e}", show(&api, &list)));
    // The long form is still required to carry what its own schema requires.
    let full = returns(&api, "get_project");
    let full_required = required(&api, &full);
    assert!(full_required.contains(&"id".to_string()) && full_required.contains(&"name".to_string()), "{full_required:?}");
}
