//! Bad input never panics: each case gets an error or warning naming the file and the JSON
//! pointer (and the line where known), and a warning never stops generation.

use codegen::diag::{Diagnostics, Level};
use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use codegen::read::read_source;
use std::path::PathBuf;

fn write_temp(name: &str, text: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn opts() -> EmitOptions {
    EmitOptions { command: "test".into(), standalone: true, test_support: false }
}

#[test]
fn a_file_that_is_neither_json_nor_yaml_is_an_error_naming_the_file_and_line() {
    let mut diags = Diagnostics::default();
    let err = read_source("junk.txt", "key: [unclosed\n  - : :\n\t{", &mut diags).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("junk.txt"), "{text}");
    assert!(text.contains("neither JSON nor YAML"), "{text}");
    assert!(err.diagnostics[0].line.is_some(), "{text}");
}

#[test]
fn broken_json_names_its_line() {
    let mut diags = Diagnostics::default();
    let err = read_source("broken.json", "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,\n}", &mut diags).unwrap_err();
    assert_eq!(err.diagnostics[0].line, Some(3), "{err}");
    assert!(err.to_string().contains("broken.json:3"), "{err}");
}

#[test]
fn an_unknown_format_is_an_error() {
    let mut diags = Diagnostics::default();
    let err = read_source("other.json", r#"{"hello": "world"}"#, &mut diags).unwrap_err();
    assert!(err.to_string().contains("unknown format"), "{err}");
    let err = read_source("list.json", "[1, 2, 3]", &mut diags).unwrap_err();
    assert!(err.to_string().contains("expected an object"), "{err}");
}

#[test]
fn an_empty_or_binary_file_is_an_error_not_a_panic() {
    let empty = write_temp("empty.json", b"");
    let err = generate_from_files(&[empty], "x", &opts()).unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");
    let binary = write_temp("binary.bin", &[0xff, 0xfe, 0x00, 0x01, 0x80]);
    let err = generate_from_files(&[binary], "x", &opts()).unwrap_err();
    assert!(err.to_string().contains("binary.bin"), "{err}");
}

const COLLECTION: &str = r#"{
  "info": {"name": "Bad", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "item": [
    {"name": "Empty", "request": {"method": "GET", "url": ""}},
    {"name": "Get thing", "request": {"method": "GET", "url": "{{base}}/things/:id"},
     "response": [{"name": "broken", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}],
                   "body": "{\"id\": 1, \"name\": \"unterminated}"}]},
    {"name": "get thing", "request": {"method": "POST", "url": "{{base}}/things"}}
  ]
}"#;

#[test]
fn an_empty_url_and_an_invalid_example_are_warnings_with_pointers_and_generation_goes_on() {
    let path = write_temp("bad.postman.json", COLLECTION.as_bytes());
    let krate = generate_from_files(&[path], "bad", &opts()).expect("warnings do not stop generation");
    let warnings: Vec<String> = krate.diagnostics.iter().filter(|d| d.level == Level::Warning).map(|d| d.to_string()).collect();
    let all = warnings.join("\n");
    assert!(all.contains("#/item/0") || all.contains("at /item/0"), "no warning for the empty URL:\n{all}");
    assert!(all.contains("/item/1/response/0/body"), "no warning for the invalid example:\n{all}");
    // The bad example is kept out of inference: the operation still exists, untyped.
    assert!(krate.api.operations.iter().any(|o| o.path.to_openapi() == "/things/{id}"));
    assert!(krate.files["REPORT.md"].contains("not valid JSON"), "{}", krate.files["REPORT.md"]);
}

#[test]
fn two_operations_that_want_one_method_name_both_survive_with_a_warning() {
    let path = write_temp("collide.postman.json", COLLECTION.as_bytes());
    let krate = generate_from_files(&[path], "collide", &opts()).unwrap();
    let ids: Vec<&str> = krate.api.operations.iter().map(|o| o.id.as_str()).collect();
    assert!(ids.contains(&"get_thing") && ids.contains(&"get_thing2"), "{ids:?}");
    assert!(
        krate.diagnostics.iter().any(|d| d.message.contains("two operations want the method name `get_thing`")),
        "{:?}",
        krate.diagnostics
    );
}

#[test]
fn a_ref_to_nothing_is_a_warning_naming_the_pointer() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi/dangling-ref-3.0.yaml");
    let krate = generate_from_files(&[path], "dangling", &opts()).expect("a dangling $ref is not fatal");
    let all: Vec<String> = krate.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(all.iter().any(|d| d.contains("#/components/schemas/Thing") || d.contains("Thing")), "{all:#?}");
    assert!(all.iter().all(|d| d.contains("dangling-ref-3.0.yaml")), "{all:#?}");
}
