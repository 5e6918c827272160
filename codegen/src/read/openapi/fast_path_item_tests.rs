//! The quick readers of [`super`] against openapiv3's own parse: wherever one answers, the
//! answer is the one openapiv3 gives; on what openapiv3 rejects, it leaves the answer to it.

use super::super::fast_schema::tests::fixture_documents;
use super::{media_type, operation, parameter, path_item_or_ref, ref_or, request_body, response, responses};
use openapiv3::{MediaType, Operation, Parameter, PathItem, ReferenceOr, RequestBody, Response, Responses};
use serde::Deserialize;
use serde_json::{json, Value};
use std::fmt::Debug;

/// Equal, and with maps in the same order (`IndexMap`'s `==` ignores the order; `Debug` shows it).
fn same<T: PartialEq + Debug>(typed: &Result<T, serde_json::Error>, fast: &T, at: &Value) {
    let typed = typed.as_ref().unwrap_or_else(|e| panic!("openapiv3 rejects what was built ({e}): {at}"));
    assert_eq!(typed, fast, "at {at}");
    assert_eq!(format!("{typed:?}"), format!("{fast:?}"), "at {at}");
}

/// `value` read both ways as a `T`: 1 if the quick way answered (and agrees), else 0 (and
/// openapiv3 rejects it, or it holds a `$ref` that is no string).
fn check<T: PartialEq + Debug + serde::de::DeserializeOwned>(value: &Value, fast: Option<T>) -> usize {
    let typed = T::deserialize(value);
    match fast {
        Some(fast) => {
            same(&typed, &fast, value);
            1
        }
        None => {
            assert!(typed.is_err() || value.get("$ref").is_some_and(|r| !r.is_string()), "left out, yet openapiv3 reads it: {value}");
            0
        }
    }
}

/// Every object in `value` taken as each kind the quick way reads: how many it built.
fn check_all(value: &Value) -> usize {
    let mut built = 0;
    if value.is_object() {
        built += check::<ReferenceOr<PathItem>>(value, path_item_or_ref(value));
        built += check::<Operation>(value, operation(value));
        built += check::<ReferenceOr<Parameter>>(value, ref_or(value, parameter));
        built += check::<ReferenceOr<RequestBody>>(value, ref_or(value, request_body));
        built += check::<Responses>(value, responses(value));
        built += check::<ReferenceOr<Response>>(value, ref_or(value, response));
        built += check::<MediaType>(value, media_type(value));
    }
    match value {
        Value::Object(map) => built + map.values().map(check_all).sum::<usize>(),
        Value::Array(items) => built + items.iter().map(check_all).sum::<usize>(),
        _ => built,
    }
}

#[test]
fn every_object_of_the_documents_parses_as_openapiv3_parses_it() {
    let built: usize = fixture_documents().iter().map(check_all).sum();
    assert!(built > 100, "only {built} built");
}

#[test]
fn each_field_and_each_way_out_matches_openapiv3() {
    let schema = json!({"type": "string"});
    let media = json!({"schema": schema, "example": {"a": 1}, "examples": {"e": {"value": [1], "summary": "s", "x-e": 1}, "r": {"$ref": "#/e"}}, "encoding": {"f": {"contentType": "text/plain"}}, "x-m": true});
    let cases = [
        json!({"summary": "s", "description": null, "servers": [{"url": "/v1"}], "parameters": [{"$ref": "#/p"}], "x-a": 1, "other": 2}),
        json!({"get": {"responses": {}}, "put": null}),
        json!({"get": {}}),
        json!({"get": {"responses": {"200": {"description": "ok"}}, "tags": ["a"], "operationId": "o", "deprecated": true, "security": [{"k": []}], "servers": [], "externalDocs": {"url": "u"}, "x-o": {}}}),
        json!({"post": {"responses": {}, "requestBody": {"description": "d", "required": true, "content": {"application/json": media}, "x-b": 1}}}),
        json!({"post": {"responses": {}, "requestBody": {"$ref": "#/b"}}}),
        json!({"post": {"responses": {}, "requestBody": {"required": "yes"}}}),
        json!({"post": {"responses": {}, "callbacks": {"c": {"{$url}": {"post": {"responses": {}}}}}}}),
        json!({"get": {"responses": {"default": {"$ref": "#/r"}, "2XX": {"description": "r"}, "4xx": {"description": "x"}, "x-r": 1, "other": 2, "1000": {}}}}),
        json!({"get": {"responses": {"200": {"description": "a"}, "0200": {"description": "b"}}}}),
        json!({"get": {"responses": {"200": {}}}}),
        json!({"get": {"responses": {"200": {"description": "h", "headers": {"a": {"$ref": "#/h"}, "b": {"schema": {"type": "integer"}}}, "links": {"l": {"operationId": "o"}}, "content": {"*/*": {}}}}}}),
        json!({"get": {"responses": {"default": null}}}),
        json!({"get": {"responses": [], "tags": "a"}}),
        json!({"parameters": [{"name": "a", "in": "query", "schema": schema, "style": "deepObject", "explode": true, "allowReserved": true, "allowEmptyValue": null, "required": true, "deprecated": false, "example": null, "examples": {"e": {"value": 1}}, "x-p": 1}]}),
        json!({"parameters": [{"name": "a", "in": "header", "schema": schema, "allowReserved": true, "style": "simple"}]}),
        json!({"parameters": [{"name": "a", "in": "header", "schema": schema, "style": "form"}]}),
        json!({"parameters": [{"name": "a", "in": "path", "content": {"application/json": media}, "style": "label"}]}),
        json!({"parameters": [{"name": "a", "in": "cookie", "schema": {"$ref": "#/s"}}]}),
        json!({"parameters": [{"name": "a", "in": "body", "schema": schema}]}),
        json!({"parameters": [{"name": "a", "schema": schema}]}),
        json!({"parameters": [{"name": "a", "in": "query"}]}),
        json!({"parameters": [{"in": "query", "schema": schema}]}),
        json!({"parameters": [{"name": "a", "in": "query", "schema": schema, "content": {}}]}),
        json!({"parameters": [{"name": "a", "in": "query", "content": {"text/plain": {}}, "schema": 1}]}),
        json!({"parameters": [{"name": "a", "in": "query", "schema": null}]}),
        json!({"parameters": [{"name": "a", "in": "query", "schema": schema, "required": null}]}),
        json!({"parameters": [{"$ref": 1}]}),
        json!({"parameters": {}}),
        json!({"$ref": "#/paths/a", "get": 1}),
        json!({"$ref": 1}),
        json!({"servers": null}),
        json!({}),
    ];
    for case in &cases {
        check::<ReferenceOr<PathItem>>(case, path_item_or_ref(case));
    }
    // The plain ones take the quick way.
    for case in cases.iter().take(2) {
        assert!(path_item_or_ref(case).is_some(), "{case}");
    }
    assert!(check_all(&Value::Array(cases.to_vec())) > 20);
    // What openapiv3 reads but a document hardly says is left to it: `in` as the variant's index.
    let odd = json!({"parameters": [{"name": "a", "in": 0, "schema": schema}]});
    assert!(path_item_or_ref(&odd).is_none() && ReferenceOr::<PathItem>::deserialize(&odd).is_ok());
}

