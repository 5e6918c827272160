//! Objects found under several names that are one type: REPORT.md says so once per type,
//! under the type's final name, with every name it was found under and where.

use codegen::emit::EmitOptions;
use codegen::model::DecisionKind;
use codegen::pipeline::generate_from_files;
use std::path::Path;

#[test]
fn one_report_line_per_merged_type_names_every_member_and_where_it_was_found() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/merged/same-object-three-names.json");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let api = generate_from_files(&[path], "merged", &opts).unwrap().api;
    let merged: Vec<_> = api.decisions.iter().filter(|d| d.kind == DecisionKind::Merged).collect();
    assert_eq!(merged.len(), 1, "one line for the one type: {merged:#?}");
    let d = merged[0];
    // The subject is a type the crate has.
    assert!(api.types.defs.iter().any(|t| t.name == d.subject), "{} is not a type: {:?}", d.subject, api.types.defs.iter().map(|t| &t.name).collect::<Vec<_>>());
    for found in ["`Assignee`", "`Committer`", "`Owner`"] {
        assert!(d.detail.contains(found), "{found} missing from {}", d.detail);
    }
    assert!(d.detail.contains("the 3 objects"), "{}", d.detail);
    let pointers: Vec<String> = d.evidence.iter().map(|o| o.pointer.to_string()).collect();
    for place in ["assignee", "committer", "owner"] {
        assert!(pointers.iter().any(|p| p.ends_with(place)), "no evidence at {place}: {pointers:?}");
    }
}
