//! Times on fixtures outside the bundled APIs: a field or parameter whose every value is a
//! timestamp (or declared `format: date-time`/`date`) is a `Timestamp`, one whose every value
//! is a length of time a `TimeSpan`, and one value of another kind keeps it a `String`.

use codegen::emit::EmitOptions;
use codegen::model::{Api, Ty, TypeKind};
use codegen::pipeline::{generate_from_files, GeneratedCrate};
use std::path::PathBuf;

fn generate(file: &str) -> GeneratedCrate {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/times").join(file);
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "times", &opts).unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

fn field_ty(api: &Api, type_name: &str, field: &str) -> Ty {
    let def = api.types.defs.iter().find(|d| d.name == type_name).unwrap_or_else(|| panic!("no type {type_name}"));
    let TypeKind::Struct(fields) = &def.kind else { panic!("{type_name} is not a struct") };
    fields.iter().find(|f| f.name == field).unwrap_or_else(|| panic!("no field {type_name}.{field}")).ty.clone()
}

fn param_ty(api: &Api, name: &str) -> Ty {
    api.operations[0].params.iter().find(|p| p.name == name).unwrap_or_else(|| panic!("no parameter {name}")).ty.clone()
}

#[test]
fn declared_date_time_date_and_duration_formats_are_typed() {
    let krate = generate("events-3.0.yaml");
    let api = &krate.api;
    assert_eq!(field_ty(api, "Event", "starts"), Ty::DateTime);
    assert_eq!(field_ty(api, "Event", "day"), Ty::DateTime, "a date alone is a Timestamp too");
    assert_eq!(field_ty(api, "Event", "took"), Ty::Duration);
    assert_eq!(field_ty(api, "Event", "note"), Ty::String, "one value is not a date");
    assert_eq!(param_ty(api, "since"), Ty::DateTime);
    assert_eq!(param_ty(api, "day"), Ty::DateTime);
    assert_eq!(param_ty(api, "label"), Ty::String);
    let models = &krate.files["src/models.rs"];
    assert!(models.contains("pub starts: crate::Timestamp,"), "{models}");
    // Optional: every example has it, but the schema's `required` list leaves it out.
    assert!(models.contains("pub took: Option<crate::TimeSpan>,"), "{models}");
    let ops = &krate.files["src/operations.rs"];
    assert!(ops.contains("pub fn since(self, value: impl Into<crate::Timestamp>) -> Self"), "{ops}");
}

#[test]
fn dotnet_timestamps_in_postman_examples_are_typed_and_a_stray_value_keeps_text() {
    let krate = generate("dotnet.postman.json");
    let api = &krate.api;
    let item = api.types.defs.iter().find(|d| matches!(&d.kind, TypeKind::Struct(f) if f.iter().any(|f| f.name == "Created"))).map(|d| d.name.clone()).unwrap();
    for field in ["Created", "Submitted", "Seen", "Limit"] {
        assert_eq!(field_ty(api, &item, field), Ty::DateTime, "{field}");
    }
    assert_eq!(field_ty(api, &item, "Length"), Ty::Duration);
    assert_eq!(field_ty(api, &item, "Label"), Ty::String, "`never` is not a timestamp");
    assert_eq!(param_ty(api, "from"), Ty::DateTime);
    assert_eq!(param_ty(api, "page"), Ty::Integer);
    let report = &krate.files["REPORT.md"];
    assert!(report.contains("Times: 5 fields and parameters are `Timestamp`s and 1 `TimeSpan`s"), "{report}");
    assert!(report.contains(&format!("`{item}.Created`: all 2 of its values are timestamps")), "{report}");
}

#[test]
fn overrides_turn_a_timestamp_back_into_text_and_text_into_a_timestamp() {
    let dir = std::env::temp_dir().join(format!("codegen-times-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/times/dotnet.postman.json");
    std::fs::copy(&fixture, dir.join("dotnet.postman.json")).unwrap();
    let item = generate("dotnet.postman.json").api.types.defs.iter().find(|d| matches!(&d.kind, TypeKind::Struct(f) if f.iter().any(|f| f.name == "Created"))).map(|d| d.name.clone()).unwrap();
    let manifest = format!(
        "[package]\nname = \"times\"\nversion = \"0.1.0\"\n[[source]]\nfile = \"dotnet.postman.json\"\n\
         [overrides.fields.\"{item}.Created\"]\ntype = \"string\"\n[overrides.fields.\"{item}.Label\"]\ntype = \"timestamp\"\n\
         [overrides.params]\n\"GET /cases from\" = \"string\"\n\"GET /cases page\" = \"duration\"\n"
    );
    std::fs::write(dir.join("api.toml"), manifest).unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let krate = codegen::pipeline::generate_from_manifest(&dir, &opts).unwrap_or_else(|e| panic!("{e:?}"));
    let _ = std::fs::remove_dir_all(&dir);
    let api = &krate.api;
    assert_eq!(field_ty(api, &item, "Created"), Ty::String);
    assert_eq!(field_ty(api, &item, "Label"), Ty::DateTime);
    assert_eq!(field_ty(api, &item, "Seen"), Ty::DateTime, "fields the manifest does not name keep their type");
    assert_eq!(param_ty(api, "from"), Ty::String);
    assert_eq!(param_ty(api, "page"), Ty::Duration);
    let report = &krate.files["REPORT.md"];
    assert!(report.contains("`GET /cases from`: typed `string` by the manifest"), "{report}");
}
