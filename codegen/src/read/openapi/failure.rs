//! Finds the node that made the typed OpenAPI parse fail.
//!
//! `openapiv3` leans on untagged enums and flattened fields, so serde's own error says only
//! "data did not match any variant" somewhere near the top. This walks the document instead: each
//! node is parsed as the type it should be, and the search descends into the first child that
//! fails on its own, so the answer is the deepest node that is wrong.

use super::child;
use openapiv3::{Components, Example, Header, Info, MediaType, Operation, Parameter, PathItem, ReferenceOr, RequestBody};
use openapiv3::{Response, Responses, Schema, SecurityScheme, Server};
use serde::de::DeserializeOwned;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Root,
    Info,
    Server,
    Components,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Responses,
    Response,
    MediaType,
    Header,
    Example,
    SecurityScheme,
    Schema,
}

/// The pointer (into the converted document) and message of the deepest failing node, or `None`
/// if the whole document parses after all.
pub(super) fn locate(value: &Value) -> Option<(String, String)> {
    let message = check(Kind::Root, value)?;
    Some(descend(Kind::Root, value, String::new(), message))
}

/// [`locate`] below a component schema that failed to parse on its own (`error`), at `pointer`:
/// what `locate` would find once everything before it parsed.
pub(super) fn locate_schema(value: &Value, pointer: String, error: impl std::fmt::Display) -> (String, String) {
    locate_in(Kind::Schema, value, pointer, error)
}

/// [`locate_schema`] for a path item.
pub(super) fn locate_path_item(value: &Value, pointer: String, error: impl std::fmt::Display) -> (String, String) {
    locate_in(Kind::PathItem, value, pointer, error)
}

fn locate_in(kind: Kind, value: &Value, pointer: String, error: impl std::fmt::Display) -> (String, String) {
    let message = check(kind, value).unwrap_or_else(|| error.to_string());
    descend(kind, value, pointer, message)
}

fn descend(kind: Kind, value: &Value, pointer: String, message: String) -> (String, String) {
    for (steps, child_kind) in children(kind, value) {
        let mut child_value = Some(value);
        let mut child_pointer = pointer.clone();
        for step in &steps {
            child_value = child_value.and_then(|v| child_at(v, step));
            child_pointer = child(&child_pointer, step);
        }
        let Some(child_value) = child_value else { continue };
        if let Some(child_message) = check(child_kind, child_value) {
            return descend(child_kind, child_value, child_pointer, child_message);
        }
    }
    if value.get("$ref").is_some_and(|r| !r.is_string()) {
        return (pointer, "`$ref` must be a string".to_string());
    }
    (pointer, message)
}

fn child_at<'v>(value: &'v Value, key: &str) -> Option<&'v Value> {
    match value {
        Value::Object(map) => map.get(key),
        Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    }
}

/// The error of parsing `value` as `kind`, if any.
fn check(kind: Kind, value: &Value) -> Option<String> {
    fn parse<T: DeserializeOwned>(value: &Value) -> Option<String> {
        serde_json::from_value::<T>(value.clone()).err().map(|e| e.to_string())
    }
    match kind {
        Kind::Root => parse::<openapiv3::OpenAPI>(value),
        Kind::Info => parse::<Info>(value),
        Kind::Server => parse::<Server>(value),
        Kind::Components => parse::<Components>(value),
        Kind::PathItem => parse::<ReferenceOr<PathItem>>(value),
        Kind::Operation => parse::<Operation>(value),
        Kind::Parameter => parse::<ReferenceOr<Parameter>>(value),
        Kind::RequestBody => parse::<ReferenceOr<RequestBody>>(value),
        Kind::Responses => parse::<Responses>(value),
        Kind::Response => parse::<ReferenceOr<Response>>(value),
        Kind::MediaType => parse::<MediaType>(value),
        Kind::Header => parse::<ReferenceOr<Header>>(value),
        Kind::Example => parse::<ReferenceOr<Example>>(value),
        Kind::SecurityScheme => parse::<ReferenceOr<SecurityScheme>>(value),
        Kind::Schema => parse::<ReferenceOr<Schema>>(value),
    }
}

/// The children of a node worth checking, with the kind each should be.
fn children(kind: Kind, value: &Value) -> Vec<(Vec<String>, Kind)> {
    let mut out = Vec::new();
    let Some(map) = value.as_object() else { return out };
    let each = |out: &mut Vec<(Vec<String>, Kind)>, key: &str, child_kind: Kind| match map.get(key) {
        Some(Value::Object(entries)) => {
            for name in entries.keys() {
                out.push((vec![key.to_string(), name.clone()], child_kind));
            }
        }
        Some(Value::Array(items)) => {
            for i in 0..items.len() {
                out.push((vec![key.to_string(), i.to_string()], child_kind));
            }
        }
        _ => {}
    };
    let one = |out: &mut Vec<(Vec<String>, Kind)>, key: &str, child_kind: Kind| {
        if map.contains_key(key) {
            out.push((vec![key.to_string()], child_kind));
        }
    };
    match kind {
        Kind::Root => {
            one(&mut out, "info", Kind::Info);
            each(&mut out, "servers", Kind::Server);
            one(&mut out, "components", Kind::Components);
            if let Some(Value::Object(paths)) = map.get("paths") {
                for name in paths.keys().filter(|k| k.starts_with('/')) {
                    out.push((vec!["paths".to_string(), name.clone()], Kind::PathItem));
                }
            }
        }
        Kind::Components => {
            each(&mut out, "schemas", Kind::Schema);
            each(&mut out, "responses", Kind::Response);
            each(&mut out, "parameters", Kind::Parameter);
            each(&mut out, "examples", Kind::Example);
            each(&mut out, "requestBodies", Kind::RequestBody);
            each(&mut out, "headers", Kind::Header);
            each(&mut out, "securitySchemes", Kind::SecurityScheme);
        }
        Kind::PathItem => {
            for method in ["get", "put", "post", "delete", "options", "head", "patch", "trace"] {
                one(&mut out, method, Kind::Operation);
            }
            each(&mut out, "parameters", Kind::Parameter);
            each(&mut out, "servers", Kind::Server);
        }
        Kind::Operation => {
            each(&mut out, "parameters", Kind::Parameter);
            one(&mut out, "requestBody", Kind::RequestBody);
            one(&mut out, "responses", Kind::Responses);
            each(&mut out, "servers", Kind::Server);
        }
        Kind::Responses => {
            for name in map.keys().filter(|k| !k.starts_with("x-")) {
                out.push((vec![name.clone()], Kind::Response));
            }
        }
        Kind::Response => {
            each(&mut out, "headers", Kind::Header);
            each(&mut out, "content", Kind::MediaType);
        }
        Kind::Parameter | Kind::Header => {
            one(&mut out, "schema", Kind::Schema);
            each(&mut out, "content", Kind::MediaType);
            each(&mut out, "examples", Kind::Example);
        }
        Kind::RequestBody => each(&mut out, "content", Kind::MediaType),
        Kind::MediaType => {
            one(&mut out, "schema", Kind::Schema);
            each(&mut out, "examples", Kind::Example);
        }
        Kind::Schema => {
            each(&mut out, "properties", Kind::Schema);
            one(&mut out, "items", Kind::Schema);
            if map.get("additionalProperties").is_some_and(Value::is_object) {
                one(&mut out, "additionalProperties", Kind::Schema);
            }
            each(&mut out, "allOf", Kind::Schema);
            each(&mut out, "oneOf", Kind::Schema);
            each(&mut out, "anyOf", Kind::Schema);
            one(&mut out, "not", Kind::Schema);
        }
        Kind::Info | Kind::Server | Kind::Example | Kind::SecurityScheme => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn locate_names_the_deepest_failing_node() {
        let doc = json!({
            "openapi": "3.0.3",
            "info": {"title": "t", "version": "1"},
            "paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "content": {
                "application/json": {"schema": {"type": "object", "properties": {"x": {"discriminator": 5}}}}
            }}}}}}
        });
        let (pointer, message) = locate(&doc).unwrap();
        assert_eq!(pointer, "/paths/~1a/get/responses/200/content/application~1json/schema/properties/x");
        assert!(!message.is_empty());
    }
}
