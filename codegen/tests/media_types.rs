//! A success documented under two JSON media types whose schemas differ (fixture
//! `tests/fixtures/media`, shaped after GitHub's code-scanning analysis and its SARIF log):
//! one type per media type, in an enum the client picks by `Content-Type`, with `Other` for
//! any other JSON; one type where the media types' types agree or one covers the other.

#[allow(dead_code)]
mod narrowed_support;

use codegen::model::{DecisionKind, Ty, TypeKind};
use narrowed_support::{api, decodes, returns, show};
use serde_json::json;

const SCANNING: &str = "media/code-scanning-3.0.yaml";

#[test]
fn two_json_media_types_with_different_schemas_are_an_enum_by_media_type() {
    let api = api(SCANNING);
    let ty = returns(&api, "get_analysis");
    let Ty::Named(id) = &ty else { panic!("{}", show(&api, &ty)) };
    let TypeKind::Union(variants) = &api.types.get(*id).kind else { panic!("{} is not an enum", show(&api, &ty)) };
    let names: Vec<&str> = variants.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Json", "SarifJson", "Other"]);
    assert_eq!(variants[2].ty, Ty::Json, "`Other` takes any JSON");
    // The analysis and the SARIF log are two types, each requiring what its schema requires.
    assert_ne!(variants[0].ty, variants[1].ty);
    decodes(&api, &variants[0].ty, &json!({"id": 1, "ref": "r", "tool": {"name": "t"}, "results_count": 0})).unwrap();
    decodes(&api, &variants[1].ty, &json!({"version": "2.1.0", "runs": []})).unwrap();
    assert!(decodes(&api, &variants[0].ty, &json!({"version": "2.1.0", "runs": []})).is_err());
    // The operation says which media type each variant stands for, in order.
    let op = api.operations.iter().find(|o| o.id == "get_analysis").unwrap();
    let ok = op.responses.iter().find(|r| r.status == Some(200)).unwrap();
    assert_eq!(ok.media, ["application/json", "application/sarif+json"]);
}

#[test]
fn media_types_whose_types_cover_each_other_keep_one_type() {
    let api = api(SCANNING);
    // `RuleV2` is `Rule` with an optional `tags`: it takes a body of either.
    let ty = returns(&api, "get_rule");
    assert!(matches!(&ty, Ty::Named(id) if matches!(api.types.get(*id).kind, TypeKind::Struct(_))), "{}", show(&api, &ty));
    let op = api.operations.iter().find(|o| o.id == "get_rule").unwrap();
    assert!(op.responses.iter().all(|r| r.media.is_empty()));
}

#[test]
fn an_error_status_under_two_media_types_stays_one_type_taking_either() {
    let api = api(SCANNING);
    let op = api.operations.iter().find(|o| o.id == "get_analysis").unwrap();
    let not_found = op.responses.iter().find(|r| r.status == Some(404)).unwrap();
    assert!(not_found.media.is_empty());
    let ty = not_found.ty.clone().unwrap();
    decodes(&api, &ty, &json!({"message": "no"})).unwrap();
    decodes(&api, &ty, &json!({"title": "Not Found", "status": 404})).unwrap();
}

#[test]
fn every_example_of_either_media_type_is_checked_against_the_enum_and_reported() {
    let api = api(SCANNING);
    let uses: Vec<_> = api.examples.iter().filter(|e| e.operation == "get_analysis" && e.status == Some(200)).collect();
    assert_eq!(uses.len(), 2, "the analysis and the SARIF example");
    let ty = returns(&api, "get_analysis");
    for u in uses {
        decodes(&api, &ty, &u.value).unwrap_or_else(|e| panic!("{}: {e}", u.value));
    }
    let said = api.decisions.iter().find(|d| d.kind == DecisionKind::Union && d.subject == "get_analysis 200").expect("a decision");
    assert!(said.detail.contains("`application/sarif+json`") && said.evidence.len() == 2, "{said:?}");
}
