//! REPORT.md speaks of the crate the user gets: a line about a field (`Type.field`) names a
//! type the crate has, not one a later step dropped (an object typed by its declared schema
//! instead, a request type replaced by the schema's own). Checked on the bundled reseller API
//! (a Postman collection beside its OpenAPI conversion) and on an OpenAPI 3.0 document whose
//! nested schemas merge.

use codegen::emit::EmitOptions;
use codegen::model::Api;
use codegen::pipeline::{generate_from_files, generate_from_manifest};
use std::path::Path;

fn opts() -> EmitOptions {
    EmitOptions { command: "test".into(), standalone: true, test_support: false }
}

/// The field lines whose type is not in the crate.
fn lines_about_missing_types(api: &Api) -> Vec<String> {
    let types: Vec<&str> = api.types.defs.iter().map(|t| t.name.as_str()).collect();
    let fields = api.decisions.iter().filter_map(|d| Some((d, d.subject.split_once(['.', '['])?.0)));
    // A type's name; an operation's subject (`GET /a.json`) is not one.
    let typed = fields.filter(|(_, owner)| owner.starts_with(|c: char| c.is_ascii_uppercase()) && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    typed.filter(|(_, owner)| !types.contains(owner)).map(|(d, _)| format!("{}: {}", d.subject, d.detail)).collect()
}

#[test]
fn field_lines_of_the_bundled_reseller_api_name_its_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/crankwheel-reseller");
    let api = generate_from_manifest(&root, &opts()).unwrap().api;
    assert!(api.decisions.len() > 50, "the API's report has lines: {}", api.decisions.len());
    let missing = lines_about_missing_types(&api);
    assert!(missing.is_empty(), "{missing:#?}");
}

#[test]
fn field_lines_of_merged_nested_schemas_name_the_emitted_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/narrowed/nested-merge-3.0.yaml");
    let api = generate_from_files(&[path], "nested", &opts()).unwrap().api;
    let missing = lines_about_missing_types(&api);
    assert!(missing.is_empty(), "{missing:#?}");
    // The lines about the emitted types are still there.
    assert!(api.decisions.iter().any(|d| d.subject.contains('.')), "{:#?}", api.decisions);
}
