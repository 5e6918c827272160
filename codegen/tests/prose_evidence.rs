//! What a collection's prose says about codes and nulls reaches the types: a `Name = code`
//! list and a Name/Value table become open enums on every field their heading names (other
//! operations' bodies included, unless their examples show codes the table lacks), and a
//! blanket "all of which may be null" makes the documented response fields nullable; JSON
//! samples in descriptions (repaired where nearly JSON) add fields and kinds to the body they
//! document.

use codegen::emit::EmitOptions;
use codegen::model::{Api, Decision, DecisionKind, Ty, TypeKind};
use codegen::pipeline::{generate_from_files, generate_from_manifest};
use std::path::PathBuf;

fn api() -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postman/prose_evidence.json");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "parcels", &opts).expect("the fixture builds").api
}

/// The type of `Type.field` and whether it is nullable.
fn field(api: &Api, type_name: &str, field: &str) -> (Ty, bool) {
    let def = api.types.defs.iter().find(|d| d.name == type_name).unwrap_or_else(|| panic!("no type {type_name}"));
    let TypeKind::Struct(fields) = &def.kind else { panic!("{type_name} is not a struct") };
    let f = fields.iter().find(|f| f.name == field).unwrap_or_else(|| panic!("no field {type_name}.{field}"));
    (f.ty.clone(), f.nullable)
}

fn enum_codes(api: &Api, ty: &Ty) -> Vec<(i64, Option<String>)> {
    let Ty::Named(id) = ty else { panic!("{ty:?} is not an enum") };
    let TypeKind::Enum { values, open } = &api.types.get(*id).kind else { panic!("{ty:?} is not an enum") };
    assert!(open, "enums from prose keep unknown values");
    values.iter().map(|v| (v.value.as_i64().unwrap(), v.label.clone())).collect()
}

fn decision<'a>(api: &'a Api, kind: DecisionKind, subject: &str) -> &'a Decision {
    api.decisions.iter().find(|d| d.kind == kind && d.subject == subject).unwrap_or_else(|| panic!("no {kind:?} decision on {subject}"))
}

#[test]
fn a_pasted_code_list_types_the_field_it_names_in_every_body_consistent_with_it() {
    let api = api();
    let (state, _) = field(&api, "Parcel", "ParcelState");
    let codes = enum_codes(&api, &state);
    assert_eq!(codes, [(0, Some("Registered".into())), (5, Some("InTransit".into())), (9, Some("Delivered".into()))]);
    // The request of another operation, whose description says nothing, shares the enum.
    assert_eq!(field(&api, "RegisterParcelRequest", "ParcelState").0, state);
    assert!(decision(&api, DecisionKind::Enum, "RegisterParcelRequest.ParcelState").detail.contains("`Parcel States`"));
    // A field whose examples show a code the table lacks is left alone, and the report says so.
    assert_eq!(field(&api, "Scan", "ParcelState").0, Ty::Integer);
    assert!(decision(&api, DecisionKind::Enum, "Scan.ParcelState").detail.contains("lacks 42"));
}

#[test]
fn a_query_parameter_named_by_a_code_table_takes_its_enum_unless_its_examples_disagree() {
    let api = api();
    let param = |path: &str| {
        let op = api.operations.iter().find(|o| o.method.as_str() == "GET" && o.path.to_openapi() == path).unwrap();
        op.params.iter().find(|p| p.name == "ParcelState").unwrap().ty.clone()
    };
    assert_eq!(param("/parcels"), field(&api, "Parcel", "ParcelState").0);
    assert!(decision(&api, DecisionKind::Enum, "GET /parcels parameter ParcelState").detail.contains("`Parcel States`"));
    assert_eq!(param("/scans"), Ty::Integer);
    assert!(decision(&api, DecisionKind::Enum, "GET /scans parameter ParcelState").detail.contains("lacks 42"));
}

#[test]
fn a_name_value_table_types_a_nested_field_and_cites_the_description() {
    let api = api();
    let (kind, _) = field(&api, "Hauler", "HaulerKind");
    assert_eq!(enum_codes(&api, &kind), [(1, Some("Road".into())), (2, Some("Air".into()))]);
    let d = decision(&api, DecisionKind::Enum, "Hauler.HaulerKind");
    assert_eq!(d.evidence[0].pointer, "/item/0/request/description");
}

#[test]
fn a_blanket_null_statement_makes_the_documented_response_fields_nullable() {
    let api = api();
    assert!(field(&api, "Parcel", "tracking").1);
    assert!(field(&api, "Parcel", "weight_grams").1);
    // Not documented after the statement: not covered.
    assert!(!field(&api, "Parcel", "code").1);
    let d = decision(&api, DecisionKind::Nullable, "Parcel.tracking");
    assert!(d.detail.contains("all of which may be null"), "{}", d.detail);
    assert_eq!(d.evidence[0].pointer, "/item/0/request/description");
}

#[test]
fn the_manifest_undoes_a_prose_enum_and_a_prose_null() {
    let dir = std::env::temp_dir().join(format!("spec2rust-prose-evidence-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postman/prose_evidence.json"), dir.join("parcels.json")).unwrap();
    let manifest = "[package]\nname = \"parcels\"\nversion = \"0.1.0\"\n\n[[source]]\nfile = \"parcels.json\"\n\n\
                    [overrides.fields.\"Parcel.ParcelState\"]\ntype = \"integer\"\n\n[overrides.fields.\"Parcel.tracking\"]\nnullable = false\n";
    std::fs::write(dir.join("api.toml"), manifest).unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let api = generate_from_manifest(&dir, &opts).expect("the fixture builds").api;
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(field(&api, "Parcel", "ParcelState").0, Ty::Integer);
    assert!(!field(&api, "Parcel", "tracking").1);
    // The other fields the table names keep the enum.
    assert!(matches!(field(&api, "RegisterParcelRequest", "ParcelState").0, Ty::Named(_)));
}

#[test]
fn prose_json_samples_add_fields_and_kinds_to_the_body_they_document() {
    let api = api();
    // The response sample has an unterminated string and a trailing comma: repaired, said so.
    let d = decision(&api, DecisionKind::ProseSample, "GET /scans 200");
    assert!(d.detail.contains("closed a string left open") && d.detail.contains("dropped a trailing comma"), "{}", d.detail);
    assert_eq!(d.evidence[0].pointer, "/item/2/request/description");
    // A field only the prose shows is there, and optional; one every example has stays required.
    let scan = |name: &str| {
        let def = api.types.defs.iter().find(|d| d.name == "Scan").unwrap();
        let TypeKind::Struct(fields) = &def.kind else { panic!() };
        fields.iter().find(|f| f.name == name).cloned().unwrap_or_else(|| panic!("no Scan.{name}"))
    };
    assert!(scan("site").optional && scan("temperature").ty == Ty::Float);
    assert!(!scan("scanner").optional);
    // The request sample documents the request body.
    let def = api.types.defs.iter().find(|d| d.name == "RegisterParcelRequest").unwrap();
    let TypeKind::Struct(fields) = &def.kind else { panic!() };
    assert!(fields.iter().any(|f| f.name == "priority" && f.ty == Ty::Bool));
}
