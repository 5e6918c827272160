//! Request bodies that are `$ref`s to named schemas (fixture `tests/fixtures/request_refs`):
//! declared schemas outrank examples. The body's type is the schema's, requiring what the
//! schema requires, unless the examples contradict it or the schema's type is shared with
//! objects (a response) that require more than a caller has to send.

mod narrowed_support;

use codegen::model::DecisionKind;
use narrowed_support::{api, decodes, required, returns, sends, show};
use serde_json::json;

const PETS: &str = "request_refs/pets-3.0.yaml";

#[test]
fn a_body_with_a_schema_and_an_example_is_the_schema_type() {
    let api = api(PETS);
    let body = sends(&api, "create_pet");
    assert_eq!(show(&api, &body), "NewPet");
    assert_eq!(required(&api, &body), ["name"]);
    assert!(decodes(&api, &body, &json!({"tag": "dog"})).is_err(), "`name` is required by the schema");
}

#[test]
fn an_example_without_a_required_field_keeps_a_type_of_its_own() {
    let api = api(PETS);
    let body = sends(&api, "replace_pet");
    assert_ne!(show(&api, &body), "NewPet");
    assert!(required(&api, &body).is_empty(), "{:?}", required(&api, &body));
    decodes(&api, &body, &json!({"tag": "cat"})).unwrap();
}

#[test]
fn a_request_never_requires_what_only_the_shared_response_type_requires() {
    let api = api(PETS);
    // The response's example has every field, so its type requires them.
    let response = returns(&api, "get_settings");
    assert_eq!(required(&api, &response), ["enabled", "patterns"]);
    // The request body requires nothing, as the schema says, and the report says why it
    // has a type of its own.
    let body = sends(&api, "set_settings");
    assert_eq!(show(&api, &body), "SettingsInput");
    assert!(required(&api, &body).is_empty(), "{:?}", required(&api, &body));
    decodes(&api, &body, &json!({})).unwrap();
    let said = api.decisions.iter().any(|d| d.kind == DecisionKind::Optional && d.subject == "SettingsInput" && d.detail.contains("`enabled`, `patterns`"));
    assert!(said, "{:#?}", api.decisions);
}
