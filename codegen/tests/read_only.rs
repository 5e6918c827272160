//! `readOnly` and `writeOnly` properties (fixture `tests/fixtures/read_only`, an accounts API
//! whose `User` schema serves both directions): a client is never made to send what the server
//! sets, and a response type never requires what only a client sends.

mod narrowed_support;

use codegen::model::DecisionKind;
use narrowed_support::{api, decodes, fields, required, returns, sends, show};
use serde_json::json;

const ACCOUNTS: &str = "read_only/accounts-3.0.yaml";

#[test]
fn a_request_body_never_holds_read_only_fields_at_any_depth() {
    let api = api(ACCOUNTS);
    // `replace_user` has only the schema: the request type is the schema without `id` and
    // `created_at`, and requires what the schema requires besides them.
    let body = sends(&api, "replace_user");
    let names: Vec<String> = fields(&api, &body).into_iter().map(|f| f.0).collect();
    assert!(!names.contains(&"id".to_string()) && !names.contains(&"created_at".to_string()), "{names:?}");
    assert_eq!(required(&api, &body), ["email", "password", "profile"]);
    // The nested `Profile` has its own request type too, without `verified` (shared with the
    // example's `profile` object of `create_user`, which requires nothing).
    let profile = fields(&api, &body).into_iter().position(|f| f.0 == "profile").unwrap();
    let codegen::model::Ty::Named(id) = &body else { panic!() };
    let codegen::model::TypeKind::Struct(fs) = &api.types.get(*id).kind else { panic!() };
    let profile: Vec<String> = fields(&api, &fs[profile].ty).into_iter().map(|f| f.0).collect();
    assert_eq!(profile, ["display_name"]);
    decodes(&api, &body, &json!({"email": "a@b.test", "password": "x", "profile": {"display_name": "A"}})).unwrap();
    // `create_user` has an example too; its request type holds no read-only field either.
    let with_example = sends(&api, "create_user");
    let names: Vec<String> = fields(&api, &with_example).into_iter().map(|f| f.0).collect();
    assert!(!names.contains(&"id".to_string()) && !names.contains(&"created_at".to_string()), "{names:?}");
    assert!(required(&api, &with_example).is_empty());
}

#[test]
fn responses_keep_the_schema_type_with_its_read_only_fields_required() {
    let api = api(ACCOUNTS);
    let user = returns(&api, "get_user");
    assert_eq!(show(&api, &user), "User");
    let req = required(&api, &user);
    assert!(req.contains(&"id".to_string()) && req.contains(&"created_at".to_string()), "{req:?}");
    // The request type is apart from the response's, named after the schema.
    assert_eq!(show(&api, &sends(&api, "replace_user")), "UserInput");
}

#[test]
fn a_response_never_requires_a_write_only_field() {
    let api = api(ACCOUNTS);
    let user = returns(&api, "get_user");
    assert!(!required(&api, &user).contains(&"password".to_string()));
    decodes(&api, &user, &json!({"id": 7, "email": "a@b.test", "created_at": "2024-01-02T03:04:05Z", "profile": {"display_name": "A", "verified": true}})).unwrap();
    // Every example of `User` leaves `password` out, and the schema marks it `writeOnly`: the
    // report gives the first reason found.
    let said = api.decisions.iter().any(|d| d.kind == DecisionKind::Optional && d.subject == "User.password");
    assert!(said, "the report says why `User.password` is optional");
    // No example of `ApiKey`: the schema's `writeOnly` alone makes `secret` optional in the
    // response, and the request requires it (and holds no `id`).
    let key = returns(&api, "create_key");
    assert_eq!(required(&api, &key), ["id", "name"]);
    let said = api.decisions.iter().any(|d| d.subject == "ApiKey.secret" && d.detail.contains("writeOnly"));
    assert!(said, "the report says why `ApiKey.secret` is optional");
    assert_eq!(fields(&api, &sends(&api, "create_key")), [("name".to_string(), false), ("secret".to_string(), false)]);
}

#[test]
fn a_schema_without_read_only_fields_is_one_type_for_both_directions() {
    let api = api(ACCOUNTS);
    assert_eq!(show(&api, &sends(&api, "create_tag")), "Tag");
    assert_eq!(show(&api, &returns(&api, "create_tag")), "Tag");
}

#[test]
fn the_report_names_the_read_only_fields_left_out_with_their_pointer() {
    let api = api(ACCOUNTS);
    let body = show(&api, &sends(&api, "replace_user"));
    let d = api.decisions.iter().find(|d| d.subject == body && d.detail.contains("readOnly")).expect("a decision for the request type");
    assert!(d.detail.contains("`id`") && d.detail.contains("`created_at`"), "{}", d.detail);
    assert!(d.evidence.iter().any(|o| o.to_string().contains("#/components/schemas/User/properties/")), "{:?}", d.evidence);
}
