//! [`super::schema_or_ref`] against openapiv3's own parse: wherever it answers, the answer is
//! the one openapiv3 gives; on what openapiv3 rejects, it leaves the answer to it.

use super::schema_or_ref;
use openapiv3::{ReferenceOr, Schema};
use serde::Deserialize;
use serde_json::{json, Value};

/// Equal, and with maps in the same order (`IndexMap`'s `==` ignores the order; `Debug` shows it).
fn same(typed: &Result<ReferenceOr<Schema>, serde_json::Error>, fast: &ReferenceOr<Schema>, at: &Value) {
    let typed = typed.as_ref().unwrap_or_else(|e| panic!("openapiv3 rejects what was built ({e}): {at}"));
    assert_eq!(typed, fast, "at {at}");
    assert_eq!(format!("{typed:?}"), format!("{fast:?}"), "at {at}");
}

/// Every object in `value` taken as a schema: how many `schema_or_ref` built.
fn check_all(value: &Value) -> usize {
    let mut built = 0;
    if value.is_object() {
        let typed = ReferenceOr::<Schema>::deserialize(value);
        if let Some(fast) = schema_or_ref(value) {
            same(&typed, &fast, value);
            built += 1;
        }
    }
    match value {
        Value::Object(map) => built + map.values().map(check_all).sum::<usize>(),
        Value::Array(items) => built + items.iter().map(check_all).sum::<usize>(),
        _ => built,
    }
}

/// The documents of the fixtures and of the bundled APIs that are OpenAPI or Swagger, parsed.
pub(in crate::read::openapi) fn fixture_documents() -> Vec<Value> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut files = Vec::new();
    for dir in ["codegen/tests/fixtures/openapi", "specs/crankwheel", "specs/crankwheel-reseller"] {
        for entry in std::fs::read_dir(format!("{root}/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().contains("openapi") || path.to_string_lossy().contains("swagger") {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 6, "{files:?}");
    let parsed = files.iter().filter_map(|path| {
        let text = std::fs::read_to_string(path).unwrap();
        crate::read::parse_document(&path.display().to_string(), &text).ok().map(|doc| doc.value)
    });
    parsed.collect()
}

#[test]
fn every_object_of_the_documents_parses_as_openapiv3_parses_it() {
    let built: usize = fixture_documents().iter().map(check_all).sum();
    assert!(built > 100, "only {built} schemas built");
}

#[test]
fn each_arm_and_each_way_out_matches_openapiv3() {
    let cases = [
        json!({"type": "string", "format": "date-time", "pattern": "^a", "enum": ["a", null], "minLength": 1, "maxLength": 3}),
        json!({"type": "string", "enum": ["a", 1]}),
        json!({"type": "string", "minimum": 1}),
        json!({"type": "number", "format": "float", "multipleOf": 0.5, "minimum": -1, "maximum": 1e3, "enum": [1, 2.5, null]}),
        json!({"type": "number", "exclusiveMinimum": true, "exclusiveMaximum": false}),
        json!({"type": "integer", "format": "int64", "minimum": 0, "maximum": 18446744073709551615u64}),
        json!({"type": "integer", "minimum": 1.5}),
        json!({"type": "integer", "enum": [1, -2, null], "multipleOf": 2}),
        json!({"type": "integer", "enum": [1.5]}),
        json!({"type": "boolean", "enum": [true, null]}),
        json!({"type": "boolean", "format": "x"}),
        json!({"type": "object", "properties": {"a": {"$ref": "#/x", "description": "d"}, "b": {"type": "array", "items": {"type": "string"}}}, "required": ["a"], "additionalProperties": false, "minProperties": 1, "maxProperties": 2}),
        json!({"type": "object", "additionalProperties": {"type": "integer"}}),
        json!({"type": "object", "properties": {"z": {}, "a": {"type": "string"}, "m": {"$ref": "#/m"}}, "x-z": 1, "x-a": 2}),
        json!({"type": "object", "additionalProperties": {"$ref": "#/y"}}),
        json!({"type": "object", "items": {}}),
        json!({"type": "array", "items": {"oneOf": [{"type": "string"}, {"$ref": "#/z"}]}, "minItems": 0, "maxItems": 4, "uniqueItems": true}),
        json!({"type": "array"}),
        json!({"type": "null"}),
        json!({"oneOf": [{"type": "string"}]}),
        json!({"allOf": [{"$ref": "#/a"}, {"type": "object"}]}),
        json!({"anyOf": []}),
        json!({"not": {"type": "string"}}),
        json!({"oneOf": [{}], "anyOf": [{}]}),
        json!({"oneOf": [{}], "properties": {}}),
        json!({}),
        json!({"nullable": true, "readOnly": true, "writeOnly": false, "deprecated": true, "title": "t", "description": "d", "example": {"a": [1]}, "default": null, "x-a": null, "x-b": [1], "externalDocs": {"url": "u"}, "discriminator": {"propertyName": "k", "mapping": {"a": "#/a"}}}),
        json!({"title": null, "description": null, "example": null, "type": null, "enum": null, "properties": null, "items": null}),
        json!({"$ref": "#/r", "type": "string"}),
        json!({"$ref": 1}),
        json!({"nullable": null}),
        json!({"nullable": "yes"}),
        json!({"title": 1}),
        json!({"required": [1]}),
        json!({"minLength": -1}),
        json!({"minLength": 1.0}),
        json!({"properties": {"a": true}}),
        json!({"items": [{"type": "string"}]}),
        json!({"type": ["string", "null"]}),
        json!({"additionalProperties": "yes"}),
        json!({"discriminator": {"mapping": {}}}),
        json!({"externalDocs": {"description": "no url"}}),
        json!({"type": "object", "properties": {"a": {"type": "string", "minLength": "1"}}}),
    ];
    for case in &cases {
        let typed = ReferenceOr::<Schema>::deserialize(case);
        match schema_or_ref(case) {
            Some(fast) => same(&typed, &fast, case),
            // A `$ref` that is no string is left to openapiv3 (which reads a schema without it).
            None => assert!(typed.is_err() || case["$ref"].is_number(), "left out, yet openapiv3 reads it: {case}"),
        }
    }
    // The plain ones take the quick way.
    for case in &cases[..8] {
        assert!(schema_or_ref(case).is_some(), "{case}");
    }
}
