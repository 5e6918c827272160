//! Schema keywords with values of the wrong kind are dropped with one warning each, in a
//! fixed order whatever the order of the keys in the document; keywords OpenAPI 3.0 has no
//! equivalent for are named; a tuple of `items` is read as its first item.

use codegen::diag::{Diagnostics, Level};
use codegen::model::{Schema, SchemaKind};
use codegen::read::read_source;
use serde_json::json;

fn read_with(schema: serde_json::Value) -> (Vec<String>, Schema) {
    let doc = json!({
        "openapi": "3.1.0",
        "info": { "title": "keywords", "version": "1" },
        "paths": {},
        "components": { "schemas": { "Odd": schema } }
    });
    let mut diags = Diagnostics::default();
    let source = read_source("odd.json", &doc.to_string(), &mut diags).expect("reads");
    let warnings = diags.items.iter().filter(|d| d.level == Level::Warning).map(|d| d.to_string()).collect();
    let odd = source.schemas.get("Odd").cloned().expect("the schema is kept");
    (warnings, odd)
}

#[test]
fn ill_typed_keywords_are_dropped_in_one_order_whatever_the_document_order() {
    let keys = json!({
        "required": "name",
        "description": 5,
        "if": {},
        "enum": { "a": 1 },
        "minLength": -1,
        "prefixItems": [],
        "nullable": "yes",
        "type": "string"
    });
    let (warnings, _) = read_with(keys.clone());
    let said: Vec<&str> = warnings
        .iter()
        .filter_map(|w| ["`prefixItems`", "`if`", "`nullable`", "`minLength`", "`description`", "`enum`", "`required`"].into_iter().find(|k| w.contains(k)))
        .collect();
    assert_eq!(said, ["`prefixItems`", "`if`", "`nullable`", "`minLength`", "`description`", "`enum`", "`required`"], "{warnings:#?}");
    for (key, what) in [("nullable", "a boolean"), ("minLength", "a whole number"), ("description", "a string"), ("enum", "a list"), ("required", "a list of property names")] {
        assert!(warnings.iter().any(|w| w.contains(&format!("`{key}` must be {what}")) && w.contains(&format!("/components/schemas/Odd/{key}"))), "{key}: {warnings:#?}");
    }
    // The same keys in the reverse order give the same warnings.
    let reversed: serde_json::Map<String, serde_json::Value> = keys.as_object().unwrap().clone().into_iter().rev().collect();
    assert_eq!(read_with(serde_json::Value::Object(reversed)).0, warnings);
}

#[test]
fn a_tuple_of_items_is_read_as_a_list_of_the_first_items_type() {
    let (warnings, odd) = read_with(json!({ "type": "array", "items": [{ "type": "integer" }, { "type": "string" }] }));
    assert!(warnings.iter().any(|w| w.contains("a list of `items` (a tuple)")), "{warnings:#?}");
    match odd.kind {
        SchemaKind::Array(item) => assert!(matches!(item.kind, SchemaKind::Integer), "{:?}", item.kind),
        other => panic!("not a list: {other:?}"),
    }
}
