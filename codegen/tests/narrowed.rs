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

const REFS: &str = "narrowed/refs-swagger2.json";

#[test]
fn a_ref_to_an_array_schema_is_a_list_of_its_items() {
    let api = api(REFS);
    // `Pets` is `type: array` of `$ref: Pet`; `file-directory` an array of inline objects whose
    // singular name is its own.
    assert_eq!(show(&api, &returns(&api, "list_pets")), format!("Vec<{}>", show(&api, &returns(&api, "get_pet"))));
    let files = returns(&api, "get_files");
    assert!(show(&api, &files).starts_with("Vec<"), "{}", show(&api, &files));
    decodes(&api, &files, &json!([{"name": "a", "path": "/a"}, {"name": "b", "path": "/b", "size": 3}])).unwrap();
    // The same references below a field.
    let kennel = returns(&api, "get_kennel");
    let body = json!({"id": 1, "pets": [{"id": 1, "name": "Rex"}], "entries": [{"name": "a", "path": "/a"}]});
    decodes(&api, &kennel, &body).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_ref_resolves_to_its_own_schema_when_two_share_a_type_name() {
    let api = api(REFS);
    // `Pet` and `pet` are both `Pet` by name: each operation gets the one it refers to.
    let (pet, animal) = (returns(&api, "get_pet"), returns(&api, "get_animal"));
    assert_ne!(pet, animal);
    assert_eq!(show(&api, &pet), "Pet", "the schema spelled as the type name gets it");
    assert_eq!(required(&api, &pet), ["id", "name"]);
    assert_eq!(required(&api, &animal), ["id", "species"]);
    decodes(&api, &animal, &json!({"id": 2, "species": "cat"})).unwrap();
}

#[test]
fn named_schemas_that_disagree_on_required_fields_stay_two_types() {
    let api = api(ALTERNATIVES);
    // The short and long forms of a project share every field but not their required lists.
    assert_eq!(show(&api, &returns(&api, "get_project")), "FullProject");
    assert_eq!(show(&api, &returns(&api, "list_org_projects")), "Vec<MinimalProject>");
    assert!(required(&api, &returns(&api, "get_project")).contains(&"archived".to_string()));
}

#[test]
fn a_one_of_two_refs_takes_a_value_of_either() {
    let api = api(ALTERNATIVES);
    let pinned = returns(&api, "get_pinned");
    assert_eq!(required(&api, &pinned), ["id"]);
    // One type for the pair wherever it recurs, named after both.
    assert_eq!(show(&api, &pinned), "FullProjectOrProjectNote");
    assert_eq!(returns(&api, "get_featured"), pinned);
    let project = json!({"id": 1, "name": "a", "owner": "o", "url": "u", "html_url": "h", "archived": false, "delete_on_merge": true});
    for body in [project, json!({"id": 2, "body": "note"})] {
        decodes(&api, &pinned, &body).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
}

#[test]
fn a_response_with_two_json_media_types_takes_a_body_of_either() {
    let api = api(ALTERNATIVES);
    let analysis = returns(&api, "get_analysis");
    let summary = json!({"id": 1, "ref": "refs/heads/main", "tool": "scanner"});
    let sarif = json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "scanner"}}}]});
    for body in [summary, sarif] {
        decodes(&api, &analysis, &body).unwrap_or_else(|e| panic!("{body}: {e}"));
    }
    // One variant per media type (see `media_types.rs`), each with its fields typed, not left
    // to `extra`.
    let codegen::model::Ty::Named(id) = &analysis else { panic!("{}", show(&api, &analysis)) };
    let codegen::model::TypeKind::Union(variants) = &api.types.get(*id).kind else { panic!("{} is not an enum", show(&api, &analysis)) };
    let names = |i: usize| -> Vec<String> { fields(&api, &variants[i].ty).into_iter().map(|f| f.0).collect() };
    assert_eq!(names(0), ["id", "ref", "tool"]);
    assert!(names(1).contains(&"runs".to_string()), "{:?}", names(1));
}

#[test]
fn objects_merged_into_one_type_keep_their_nested_objects_no_stricter_than_each() {
    let api = api("narrowed/nested-merge-3.0.yaml");
    let short = returns(&api, "get_address");
    // The two schemas are one type; its `amount` items take the short form as well.
    assert_eq!(show(&api, &short), show(&api, &returns(&api, "get_address_extended")));
    let body = json!({"address": "addr1", "script": false, "amount": [{"unit": "lovelace", "quantity": "42"}]});
    decodes(&api, &short, &body).unwrap_or_else(|e| panic!("{e}"));
    let long = json!({"address": "addr1", "script": false, "amount": [{"unit": "x", "quantity": "1", "decimals": null, "has_nft_onchain_metadata": true}]});
    decodes(&api, &short, &long).unwrap_or_else(|e| panic!("{e}"));
}
