//! Webhooks (OpenAPI 3.1) and callbacks (3.0 and 3.1) are read like operations, with origins
//! in the file the user wrote, and kept apart from the API's own operations.

use codegen::diag::Diagnostics;
use codegen::model::{Method, ParamLocation, SchemaKind, Source};
use codegen::read::read_source;

/// Reads a fixture; the origins carry its name relative to the workspace root.
fn read((relative, text): (&str, &str)) -> (Source, Diagnostics) {
    let mut diags = Diagnostics::default();
    let source = read_source(relative, text, &mut diags).unwrap_or_else(|e| panic!("{relative} did not read: {e}"));
    (source, diags)
}

const EVENTS31: (&str, &str) = ("codegen/tests/fixtures/webhooks/pet-events-3.1.yaml", include_str!("fixtures/webhooks/pet-events-3.1.yaml"));
const CALLBACKS30: (&str, &str) =
    ("codegen/tests/fixtures/webhooks/subscriptions-callbacks-3.0.yaml", include_str!("fixtures/webhooks/subscriptions-callbacks-3.0.yaml"));

#[test]
fn webhooks_are_read_in_document_order_with_their_header_and_body() {
    let (s, diags) = read(EVENTS31);
    assert!(s.operations.is_empty());
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    let names: Vec<&str> = s.webhooks.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["pet-created", "pet-adopted", "ping"]);
    assert!(s.webhooks.iter().all(|w| w.callback.is_none()));
    let created = &s.webhooks[0].operation;
    let header = &created.params[0];
    assert_eq!((header.name.as_str(), header.location, header.required), ("X-Pet-Event", ParamLocation::Header, true));
    // `const: pet` is lowered to a one-value enum.
    assert_eq!(header.schema.as_ref().map(|s| s.enum_values.clone()), Some(vec![serde_json::json!("pet")]));
    assert_eq!(created.request[0].origin.pointer, "/webhooks/pet-created/post/requestBody/content/application~1json");
    // `type: [string, 'null']` becomes a nullable string.
    let SchemaKind::Object { properties, .. } = &s.webhooks[1].operation.request[0].schema.as_ref().expect("schema").kind else { panic!("not an object") };
    let adopter = &properties.iter().find(|(n, _)| n == "adopter").expect("adopter").1;
    assert!(adopter.nullable && adopter.kind == SchemaKind::String, "{adopter:?}");
}

#[test]
fn callbacks_belong_to_their_operation_and_refs_to_components_are_followed() {
    let (s, diags) = read(CALLBACKS30);
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    assert_eq!(s.operations.len(), 1, "a callback is not an operation of the API");
    let keys: Vec<(&str, &str)> = s.webhooks.iter().map(|w| (w.callback.as_ref().expect("a callback").key.as_str(), w.name.as_str())).collect();
    assert_eq!(keys, [("onEvent", "{$request.body#/callbackUrl}"), ("onCancel", "{$request.body#/callbackUrl}")]);
    let owner = s.webhooks[0].callback.as_ref().expect("a callback");
    assert_eq!((owner.method, owner.path.to_openapi().as_str()), (Method::Post, "/subscriptions"));
    assert_eq!(s.webhooks[0].operation.origin.pointer, "/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1callbackUrl}/post");
    // The `$ref` to `components/callbacks` is read in place; its origin is the component.
    assert_eq!(s.webhooks[1].operation.origin.pointer, "/components/callbacks/Cancelled/{$request.body#~1callbackUrl}/post");
    let schema = s.webhooks[0].operation.request[0].schema.as_ref().expect("schema");
    assert_eq!(schema.kind, SchemaKind::Ref("Event".into()));
}

#[test]
fn a_callback_that_is_not_an_object_is_reported_and_the_rest_still_reads() {
    let text = r##"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"post": {
        "responses": {"200": {"description": "ok"}},
        "callbacks": {"bad": 3, "dangling": {"$ref": "#/components/callbacks/Nope"}, "ok": {"{$url}": {"post": {
            "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": {"200": {"description": "ok"}}}}}}}}},
        "webhooks": 7}"##;
    let mut diags = Diagnostics::default();
    let s = read_source("inline.json", text, &mut diags).expect("reads");
    assert_eq!(s.operations.len(), 1);
    let keys: Vec<&str> = s.webhooks.iter().filter_map(|w| w.callback.as_ref().map(|c| c.key.as_str())).collect();
    assert_eq!(keys, ["ok"]);
    assert!(diags.items.iter().any(|d| d.origin.pointer == "/paths/~1a/post/callbacks/dangling" && d.message.contains("$ref")), "{:?}", diags.items);
}

#[test]
fn credentials_in_a_webhook_example_are_redacted_like_an_operations() {
    let text = r#"{"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "webhooks": {"login": {"post": {
        "requestBody": {"content": {"application/json": {"example": {"user": "ann", "password": "hunter2-secret"}}}},
        "responses": {"200": {"description": "ok"}}}}}}"#;
    let mut diags = Diagnostics::default();
    let s = read_source("inline.json", text, &mut diags).expect("reads");
    let example = &s.webhooks[0].operation.request[0].examples[0].body;
    assert!(!format!("{example:?}").contains("hunter2"), "{example:?}");
    assert!(s.decisions.iter().any(|d| d.evidence.iter().any(|o| o.pointer.starts_with("/webhooks/login"))), "{:?}", s.decisions);
}
