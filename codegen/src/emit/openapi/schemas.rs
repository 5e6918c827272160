//! The type arena as JSON Schema 2020-12 (the OpenAPI 3.1 dialect): one component per named
//! type, and inline schemas for lists, maps and scalars.
//!
//! The schemas say what the generated Rust types accept, so an example that decodes into a
//! type validates against its schema and the other way round: structs keep unknown fields
//! (no `additionalProperties: false`), optional means "not in `required`", nullable means
//! `null` is allowed, an aliased field may arrive under any of its names, an open enum
//! accepts any value of its type, and a lenient field also accepts its value written as a
//! string.

use super::{object, origins, text};
use crate::model::{Api, EnumValue, Field, Ty, TypeDef, TypeKind, Types};
use std::collections::BTreeSet;
use serde_json::{json, Map, Value};

/// Where the named types live in the document.
pub const COMPONENTS: &str = "#/components/schemas/";

/// The schema of a type reference.
pub fn ty_schema(types: &Types, ty: &Ty) -> Value {
    match ty {
        Ty::Bool => json!({"type": "boolean"}),
        Ty::Integer => json!({"type": "integer", "format": "int64"}),
        Ty::Float => json!({"type": "number", "format": "double"}),
        Ty::String => json!({"type": "string"}),
        // Timestamps arrive in several formats (RFC 3339, plain dates, no offset), so
        // `format: date-time` would reject real responses; the extension says what it is.
        Ty::DateTime => json!({"type": "string", "x-timestamp": true}),
        // Likewise `format: duration` is ISO 8601 only, and `00:03:45` is not.
        Ty::Duration => json!({"type": "string", "x-duration": true}),
        Ty::Json => json!({}),
        Ty::List(item) => object([("type", json!("array")), ("items", ty_schema(types, item))]),
        Ty::Map(value) => object([("type", json!("object")), ("additionalProperties", ty_schema(types, value))]),
        Ty::Named(id) => json!({"$ref": format!("{COMPONENTS}{}", types.get(*id).name)}),
    }
}

/// `schema`, also allowing `null`: `type: [T, "null"]` where there is one type, `anyOf`
/// otherwise, `null` first: tools that make a sample take the first branch, and `null` ends
/// what would otherwise recurse (an account's subscription's account). The empty schema
/// already allows `null`.
pub fn nullable(schema: Value) -> Value {
    let Value::Object(mut map) = schema else { return schema };
    if map.is_empty() {
        return Value::Object(map);
    }
    if let Some(Value::String(t)) = map.get("type").cloned() {
        if !map.contains_key("$ref") && !map.contains_key("anyOf") {
            map.insert("type".into(), json!([t, "null"]));
            return Value::Object(map);
        }
    }
    object([("anyOf", Value::Array(vec![json!({"type": "null"}), Value::Object(map)]))])
}

/// `components/schemas`: every named type an operation uses (under its Rust name, schema by
/// [`type_schema`]), in arena order. A type no operation reaches (one the inference replaced)
/// is left out, as a linter would flag it.
pub fn components(api: &Api) -> impl Iterator<Item = &TypeDef> {
    let used = reachable(api);
    api.types.defs.iter().enumerate().filter(move |(i, _)| used.contains(i)).map(|(_, def)| def)
}

/// The arena indices of the types the operations and webhooks use, directly or through other
/// types.
pub fn reachable(api: &Api) -> BTreeSet<usize> {
    let mut stack: Vec<&Ty> = Vec::new();
    for op in &api.operations {
        stack.extend(op.params.iter().map(|p| &p.ty));
        stack.extend(op.request.iter().filter_map(|r| r.ty.as_ref()));
        stack.extend(op.responses.iter().filter_map(|r| r.ty.as_ref()));
    }
    stack.extend(api.webhooks.iter().flat_map(|g| &g.events).filter_map(|e| e.ty.as_ref()));
    let mut seen = BTreeSet::new();
    while let Some(ty) = stack.pop() {
        match ty {
            Ty::List(inner) | Ty::Map(inner) => stack.push(inner),
            Ty::Named(id) if seen.insert(id.0) => match &api.types.get(*id).kind {
                TypeKind::Struct(fields) => stack.extend(fields.iter().map(|f| &f.ty)),
                TypeKind::Union(variants) => stack.extend(variants.iter().map(|v| &v.ty)),
                TypeKind::Enum { .. } => {}
            },
            _ => {}
        }
    }
    seen
}

pub fn type_schema(types: &Types, def: &TypeDef) -> Value {
    let mut out = Map::new();
    match &def.kind {
        TypeKind::Struct(fields) => struct_schema(types, fields, &mut out),
        TypeKind::Enum { values, open } => enum_schema(values, *open, &mut out),
        TypeKind::Union(variants) => {
            // Untagged: the first variant that decodes wins, which is what `anyOf` says.
            let schemas: Vec<Value> = variants.iter().map(|v| ty_schema(types, &v.ty)).collect();
            out.insert("anyOf".into(), Value::Array(schemas));
            out.insert("x-variants".into(), Value::Array(variants.iter().map(|v| json!(v.name)).collect()));
        }
    }
    if let Some(d) = text(def.docs.as_deref()) {
        out.insert("description".into(), json!(d));
    }
    out.insert("x-rust-type".into(), json!(def.name));
    if !def.origins.is_empty() {
        out.insert("x-origins".into(), origins(&def.origins));
    }
    Value::Object(out)
}

/// String enums and integer-coded enums. An open enum keeps values it has never seen, so any
/// value of its type is valid; the known values come first, so tools that sample a value pick
/// a known one.
fn enum_schema(values: &[EnumValue], open: bool, out: &mut Map<String, Value>) {
    let list: Vec<Value> = values.iter().map(|v| v.value.clone()).collect();
    let ty = if list.iter().all(Value::is_string) {
        Some("string")
    } else if list.iter().all(|v| v.is_i64() || v.is_u64()) {
        Some("integer")
    } else {
        None
    };
    let known = match ty {
        Some(t) => object([("type", json!(t)), ("enum", Value::Array(list.clone()))]),
        None => object([("enum", Value::Array(list.clone()))]),
    };
    match (open, ty) {
        (false, _) => {
            if let Value::Object(known) = known {
                out.extend(known);
            }
        }
        (true, Some(t)) => {
            out.insert("anyOf".into(), Value::Array(vec![known, json!({"type": t})]));
            out.insert("x-open-enum".into(), json!(true));
        }
        // Mixed kinds of values, open: anything goes.
        (true, None) => {
            out.insert("x-open-enum".into(), json!(true));
            out.insert("x-enum".into(), Value::Array(list));
        }
    }
    if values.iter().any(|v| v.label.is_some()) {
        out.insert("x-enum-labels".into(), values.iter().map(|v| json!(v.label.clone().unwrap_or_default())).collect());
    }
    if values.iter().any(|v| v.docs.is_some()) {
        out.insert("x-enum-descriptions".into(), values.iter().map(|v| json!(text(v.docs.as_deref()).unwrap_or_default())).collect());
    }
}

/// A number or a boolean written as a string (`"2"`, `"true"`).
fn string_form(types: &Types, ty: &Ty) -> Value {
    match ty {
        Ty::Bool => json!({"type": "string", "enum": ["true", "false"]}),
        Ty::Integer => json!({"type": "string", "pattern": "^-?[0-9]+$"}),
        Ty::Named(id) if matches!(&types.get(*id).kind, TypeKind::Enum { values, .. } if values.iter().all(|v| v.value.is_i64())) => {
            json!({"type": "string", "pattern": "^-?[0-9]+$"})
        }
        _ => json!({"type": "string"}),
    }
}

fn struct_schema(types: &Types, fields: &[Field], out: &mut Map<String, Value>) {
    out.insert("type".into(), json!("object"));
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut any_name = Vec::new();
    for f in fields {
        let mut schema = ty_schema(types, &f.ty);
        if f.lenient {
            // The client also reads the value written as a string, as request examples send
            // it, and writes the documented type.
            schema = object([("anyOf", Value::Array(vec![schema, string_form(types, &f.ty)])), ("x-lenient", json!(true))]);
        }
        if f.nullable {
            schema = nullable(schema);
        }
        if !f.aliases.is_empty() {
            // The field may arrive under an alias instead. The aliases are not listed among
            // the object's own properties: tools that fill in every property would then send
            // two names for one field, which does not decode. Each alias is a property of its
            // own `anyOf` branch, and tools that sample take the first branch, the field's name.
            let first = if f.optional { json!({}) } else { json!({"required": [f.name]}) };
            let branches = std::iter::once(first).chain(f.aliases.iter().map(|a| {
                let mut alias = schema.clone();
                if let Value::Object(map) = &mut alias {
                    map.insert("x-alias-of".into(), json!(f.name));
                }
                object([("properties", object([(a.as_str(), alias)])), ("required", json!([a]))])
            }));
            any_name.push(object([("anyOf", Value::Array(branches.collect()))]));
        } else if !f.optional {
            required.push(json!(f.name));
        }
        if let Value::Object(map) = &mut schema {
            if let Some(d) = text(f.docs.as_deref()) {
                map.insert("description".into(), json!(d));
            }
            if !f.aliases.is_empty() {
                map.insert("x-aliases".into(), json!(f.aliases));
            }
            if !f.origins.is_empty() {
                map.insert("x-origins".into(), origins(&f.origins));
            }
        }
        properties.insert(f.name.clone(), schema);
    }
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    // Always under `allOf`, even for one field: tools that make a sample from a schema merge
    // `allOf` parts into the object, but replace the whole object by its first `anyOf` branch.
    if !any_name.is_empty() {
        out.insert("allOf".into(), Value::Array(any_name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nullable_widens_the_type_or_wraps_a_reference() {
        assert_eq!(nullable(json!({"type": "string"})), json!({"type": ["string", "null"]}));
        assert_eq!(nullable(json!({"$ref": "#/components/schemas/A"})), json!({"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/A"}]}));
        assert_eq!(nullable(json!({})), json!({}));
        assert_eq!(
            nullable(json!({"type": "array", "items": {"type": "integer"}})),
            json!({"type": ["array", "null"], "items": {"type": "integer"}})
        );
    }
}
