//! OpenAPI 3.1 into the 3.0 shape: the document-level differences.
//!
//! Schema keywords (`type` lists, `type: 'null'`, `const`, `examples`, numeric exclusive bounds)
//! are lowered by [`super::prepare`] for every format. What is left here is what needs the whole
//! document: `$defs` moved into `components/schemas` (with every `$ref` to them rewritten).
//! `webhooks` stay where they are: [`super::webhooks`] reads them.

use super::{child, local_pointer, Rewrite};
use serde_json::{Map, Value};

pub(super) fn lower(value: &mut Value, rw: &mut Rewrite) {
    hoist_defs(value, rw);
}

/// A schema moved out of a `$defs` block.
struct Hoisted {
    /// Where it was, e.g. `/components/schemas/Pet/$defs/Tag`.
    from: String,
    name: String,
    schema: Value,
}

/// Moves every `$defs` entry into `components/schemas`, so references to it become ordinary
/// named references.
fn hoist_defs(value: &mut Value, rw: &mut Rewrite) {
    let mut hoisted = Vec::new();
    for_each_schema_root(value, &mut |schema, pointer| collect_defs(schema, &pointer, &mut hoisted));
    // `$defs` at the top of the document is not OpenAPI, but its references work the same way.
    if let Value::Object(root) = &mut *value {
        if let Some(Value::Object(defs)) = root.get("$defs").cloned() {
            root.retain(|k, _| k != "$defs");
            for (name, mut schema) in defs {
                let from = child("/$defs", &name);
                collect_defs(&mut schema, &from, &mut hoisted);
                hoisted.push(Hoisted { from, name, schema });
            }
        }
    }
    if hoisted.is_empty() {
        return;
    }
    let Some(root) = value.as_object_mut() else { return };
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new()));
    if !components.is_object() {
        *components = Value::Object(Map::new());
    }
    let Some(components) = components.as_object_mut() else { return };
    let schemas = components.entry("schemas").or_insert_with(|| Value::Object(Map::new()));
    if !schemas.is_object() {
        *schemas = Value::Object(Map::new());
    }
    let Some(schemas) = schemas.as_object_mut() else { return };
    let mut renames: Vec<(String, String)> = Vec::new();
    for Hoisted { from, name, schema } in hoisted {
        let mut new_name = name.clone();
        let mut n = 2;
        while schemas.contains_key(&new_name) {
            new_name = format!("{name}_{n}");
            n += 1;
        }
        let to = child("/components/schemas", &new_name);
        rw.record(to.clone(), from.clone());
        renames.push((from, to));
        schemas.insert(new_name, schema);
    }
    // Longest first, so a nested `$defs` wins over the one that contained it.
    renames.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
    rewrite_refs(value, &renames);
}

fn collect_defs(node: &mut Value, pointer: &str, out: &mut Vec<Hoisted>) {
    let Some(map) = node.as_object_mut() else { return };
    for_each_subschema(map, pointer, &mut |sub, p| collect_defs(sub, &p, out));
    if let Some(Value::Object(defs)) = map.get("$defs").cloned() {
        map.retain(|k, _| k != "$defs");
        for (name, schema) in defs {
            out.push(Hoisted { from: child(&child(pointer, "$defs"), &name), name, schema });
        }
    }
}

fn rewrite_refs(value: &mut Value, renames: &[(String, String)]) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get_mut("$ref") {
                if let Some(pointer) = local_pointer(reference) {
                    for (from, to) in renames {
                        let rest = pointer.strip_prefix(from.as_str());
                        if let Some(rest) = rest.filter(|r| r.is_empty() || r.starts_with('/')) {
                            *reference = format!("#{to}{rest}");
                            break;
                        }
                    }
                }
            }
            for (_, v) in map.iter_mut() {
                rewrite_refs(v, renames);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rewrite_refs(v, renames)),
        _ => {}
    }
}

/// Calls `f` on each direct subschema of a schema object, `$defs` entries included.
fn for_each_subschema(map: &mut Map<String, Value>, pointer: &str, f: &mut dyn FnMut(&mut Value, String)) {
    for (key, v) in map.iter_mut() {
        let here = child(pointer, key);
        match key.as_str() {
            "properties" | "patternProperties" | "dependentSchemas" | "$defs" | "definitions" => {
                if let Value::Object(entries) = v {
                    for (name, s) in entries.iter_mut() {
                        f(s, child(&here, name));
                    }
                }
            }
            "allOf" | "oneOf" | "anyOf" | "prefixItems" => {
                if let Value::Array(items) = v {
                    for (i, s) in items.iter_mut().enumerate() {
                        f(s, child(&here, i));
                    }
                }
            }
            "items" | "additionalProperties" | "not" | "if" | "then" | "else" | "contains" | "propertyNames"
            | "unevaluatedProperties" | "unevaluatedItems" | "contentSchema" => f(v, here),
            _ => {}
        }
    }
}

/// Calls `f` on every schema that is not inside another schema.
fn for_each_schema_root(value: &mut Value, f: &mut dyn FnMut(&mut Value, String)) {
    let Some(root) = value.as_object_mut() else { return };
    if let Some(Value::Object(components)) = root.get_mut("components") {
        for (section, entries) in components.iter_mut() {
            let Value::Object(entries) = entries else { continue };
            let base = child("/components", section);
            for (name, entry) in entries.iter_mut() {
                let here = child(&base, name);
                match section.as_str() {
                    "schemas" => f(entry, here),
                    "parameters" | "headers" => parameter(entry, &here, f),
                    "responses" => response(entry, &here, f),
                    "requestBodies" => content_of(entry, &here, f),
                    "pathItems" => path_item(entry, &here, f),
                    _ => {}
                }
            }
        }
    }
    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (path, item) in paths.iter_mut() {
            path_item(item, &child("/paths", path), f);
        }
    }
    if let Some(Value::Object(hooks)) = root.get_mut("webhooks") {
        for (name, item) in hooks.iter_mut() {
            path_item(item, &child("/webhooks", name), f);
        }
    }
}

fn path_item(item: &mut Value, pointer: &str, f: &mut dyn FnMut(&mut Value, String)) {
    let Some(map) = item.as_object_mut() else { return };
    for (key, v) in map.iter_mut() {
        let here = child(pointer, key);
        if key == "parameters" {
            if let Value::Array(params) = v {
                for (i, p) in params.iter_mut().enumerate() {
                    parameter(p, &child(&here, i), f);
                }
            }
        } else if super::prepare::METHODS.contains(&key.as_str()) {
            let Some(op) = v.as_object_mut() else { continue };
            for (op_key, ov) in op.iter_mut() {
                let op_here = child(&here, op_key);
                match op_key.as_str() {
                    "parameters" => {
                        if let Value::Array(params) = ov {
                            for (i, p) in params.iter_mut().enumerate() {
                                parameter(p, &child(&op_here, i), f);
                            }
                        }
                    }
                    "requestBody" => content_of(ov, &op_here, f),
                    "responses" => {
                        if let Value::Object(responses) = ov {
                            for (code, r) in responses.iter_mut() {
                                response(r, &child(&op_here, code), f);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}

fn parameter(param: &mut Value, pointer: &str, f: &mut dyn FnMut(&mut Value, String)) {
    let Some(map) = param.as_object_mut() else { return };
    if let Some(schema) = map.get_mut("schema") {
        f(schema, child(pointer, "schema"));
    }
    content_of(param, pointer, f);
}

fn response(response: &mut Value, pointer: &str, f: &mut dyn FnMut(&mut Value, String)) {
    let Some(map) = response.as_object_mut() else { return };
    if let Some(Value::Object(headers)) = map.get_mut("headers") {
        for (name, h) in headers.iter_mut() {
            parameter(h, &child(&child(pointer, "headers"), name), f);
        }
    }
    content_of(response, pointer, f);
}

/// The schemas under `content` of a request body, response, parameter or header.
fn content_of(node: &mut Value, pointer: &str, f: &mut dyn FnMut(&mut Value, String)) {
    let Some(Value::Object(content)) = node.get_mut("content") else { return };
    let base = child(pointer, "content");
    for (media_type, media) in content.iter_mut() {
        if let Some(schema) = media.get_mut("schema") {
            f(schema, child(&child(&base, media_type), "schema"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defs_move_into_components_and_refs_follow() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "components": {"schemas": {
                "Pet": {"type": "object", "properties": {"tag": {"$ref": "#/components/schemas/Pet/$defs/Tag"}},
                        "$defs": {"Tag": {"type": "string"}}},
                "Tag": {"type": "integer"}
            }}
        });
        let mut rw = Rewrite::default();
        hoist_defs(&mut doc, &mut rw);
        assert_eq!(doc.pointer("/components/schemas/Tag_2"), Some(&json!({"type": "string"})));
        assert_eq!(doc.pointer("/components/schemas/Pet/properties/tag/$ref"), Some(&json!("#/components/schemas/Tag_2")));
        assert!(doc.pointer("/components/schemas/Pet/$defs").is_none());
        assert_eq!(rw.original("/components/schemas/Tag_2/type"), "/components/schemas/Pet/$defs/Tag/type");
    }
}
