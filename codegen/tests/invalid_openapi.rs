//! A document the typed OpenAPI parse rejects is an error naming the deepest bad node: its
//! pointer from the root, its line, and serde's message, wherever in the document it is. The
//! typed document is parsed piece by piece (a path item, a component), so a bad node inside a
//! piece must still be named from the root, and of two bad nodes the one named is the first in
//! the order the search takes (components before paths, `responses` before `headers`).

use codegen::diag::Diagnostics;
use codegen::read::read_source;
use serde_json::{json, Value};

fn doc(paths: Value, components: Value) -> String {
    let doc = json!({"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": paths, "components": components});
    serde_json::to_string_pretty(&doc).unwrap()
}

fn error(text: &str) -> (String, Option<usize>) {
    let mut diags = Diagnostics::default();
    let err = read_source("bad.json", text, &mut diags).unwrap_err();
    (err.to_string(), err.diagnostics[0].line)
}

fn ok_path() -> Value {
    json!({"get": {"responses": {"200": {"description": "ok"}}}})
}

/// A response whose header's `$ref` is not a string (nothing repairs that before the parse).
fn bad_response() -> Value {
    json!({"description": "d", "headers": {"h": {"$ref": 5}}})
}

fn bad_path() -> Value {
    json!({"get": {"responses": {"200": bad_response()}}})
}

const BAD_REF: &str = "not a valid OpenAPI 3.0 document: `$ref` must be a string";

#[test]
fn a_bad_node_inside_a_path_item_is_named_from_the_root() {
    let text = doc(json!({"/a": ok_path(), "/b": bad_path()}), json!({"schemas": {"A": {"type": "string"}}}));
    let (message, line) = error(&text);
    assert_eq!(message, format!("error: bad.json:{}: at /paths/~1b/get/responses/200/headers/h: {BAD_REF}", line.unwrap()));
    assert_eq!(text.lines().nth(line.unwrap() - 1).map(str::trim), Some("\"h\": {"));
}

#[test]
fn a_bad_node_inside_a_component_is_named_from_the_root() {
    let text = doc(json!({"/a": ok_path()}), json!({"schemas": {"A": {"type": "string"}}, "responses": {"R": bad_response()}}));
    let (message, line) = error(&text);
    assert_eq!(message, format!("error: bad.json:{}: at /components/responses/R/headers/h: {BAD_REF}", line.unwrap()));
    assert_eq!(text.lines().nth(line.unwrap() - 1).map(str::trim), Some("\"h\": {"));
}

#[test]
fn of_two_bad_nodes_the_first_searched_is_named() {
    // Components before paths.
    let (message, _) = error(&doc(json!({"/b": bad_path()}), json!({"headers": {"H": {"$ref": 5}}})));
    assert!(message.ends_with(&format!("at /components/headers/H: {BAD_REF}")), "{message}");
    // `responses` before `headers`, whatever the document's order.
    let (message, _) = error(&doc(json!({"/a": ok_path()}), json!({"headers": {"H": {"$ref": 5}}, "responses": {"R": bad_response()}})));
    assert!(message.ends_with(&format!("at /components/responses/R/headers/h: {BAD_REF}")), "{message}");
    // The first path item in the document's order.
    let (message, _) = error(&doc(json!({"/a": ok_path(), "/c": bad_path(), "/b": bad_path()}), json!({})));
    assert!(message.ends_with(&format!("at /paths/~1c/get/responses/200/headers/h: {BAD_REF}")), "{message}");
}

#[test]
fn a_bad_piece_leaves_no_warning_of_the_pieces_read_before_it() {
    // Schemas and paths are converted as they are parsed: what the good ones said goes.
    let schema = json!({"type": "object", "discriminator": {"propertyName": "k"}});
    let text = doc(json!({"/a": ok_path(), "/b": bad_path()}), json!({"schemas": {"A": schema}}));
    let mut diags = Diagnostics::default();
    assert!(read_source("bad.json", &text, &mut diags).is_err());
    assert!(diags.items.is_empty(), "{:?}", diags.items);
}
