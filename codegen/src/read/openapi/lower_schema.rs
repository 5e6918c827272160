//! Schemas in the JSON Schema 2020-12 dialect (OpenAPI 3.1), or borrowing from it, lowered to
//! the OpenAPI 3.0 dialect that `openapiv3` reads.
//!
//! `type: [T, 'null']` becomes `type: T` plus `nullable`; `type: 'null'` becomes `nullable` plus
//! [`NULL_ONLY`], so the fact that only `null` is allowed survives; a list of several types
//! becomes a `oneOf` with each type's keywords; `const`, `examples`, numeric exclusive bounds and
//! `contentMediaType` get their 3.0 spelling; keywords with no 3.0 equivalent are reported and
//! removed. Malformed keywords (`required: true` on a property, a `minLength` that is text) are
//! repaired or removed with a warning, so one sloppy schema does not reject the whole document.

use super::child;
use super::keywords::{self, bit};
use super::prepare::Prep;
use super::NULL_ONLY;
use crate::model::Format;
use serde_json::{json, Map, Value};

/// JSON Schema keywords that have no OpenAPI 3.0 equivalent: reported and removed.
const FOREIGN_KEYWORDS: [&str; 17] = [
    "prefixItems",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "patternProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "propertyNames",
    "$dynamicRef",
    "$dynamicAnchor",
    "$anchor",
    "$id",
];

const STRING_KEYWORDS: [&str; 4] = ["pattern", "minLength", "maxLength", "contentMediaType"];
const NUMBER_KEYWORDS: [&str; 5] = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"];
const OBJECT_KEYWORDS: [&str; 5] = ["properties", "required", "additionalProperties", "minProperties", "maxProperties"];
const ARRAY_KEYWORDS: [&str; 4] = ["items", "minItems", "maxItems", "uniqueItems"];

impl Prep<'_> {
    /// Lowers one schema (and everything below it) to the OpenAPI 3.0 dialect `openapiv3` reads.
    pub fn schema(&mut self, node: &mut Value, pointer: &str) {
        match node {
            Value::Object(_) => {}
            Value::Bool(true) => {
                *node = json!({});
                return;
            }
            Value::Bool(false) => {
                self.warn(pointer, "the schema `false` (no value is valid) is read as any value");
                *node = json!({});
                return;
            }
            _ => {
                self.warn(pointer, "a schema must be an object; it is read as any value");
                *node = json!({});
                return;
            }
        }
        let Some(map) = node.as_object_mut() else { return };
        // Read again after each step that may add or remove keywords.
        let mut has = keywords::present(map, &FOREIGN_KEYWORDS);
        if has & bit::REF != 0 {
            if node.get("$ref").is_some_and(|r| !r.is_string()) {
                self.warn(pointer, "`$ref` is not a string; the schema is read as any value");
                *node = json!({});
                return;
            }
            self.wrap_ref_siblings(node, pointer);
            has = node.as_object().map_or(0, |map| keywords::present(map, &FOREIGN_KEYWORDS));
        }
        let Some(map) = node.as_object_mut() else { return };
        if has & bit::REF != 0 {
            return;
        }
        self.schema_keywords(map, pointer, has);
        if keywords::present(map, &FOREIGN_KEYWORDS) & bit::TYPE != 0 {
            self.schema_type(map, pointer);
        }
        let has = keywords::present(map, &FOREIGN_KEYWORDS);
        self.schema_children(map, pointer, has);
    }

    /// In 3.1 a `$ref` may have siblings (`description`, `nullable` spelled as a type list); in
    /// 3.0 they are ignored. Keep them by moving the reference into an `allOf` of one.
    fn wrap_ref_siblings(&mut self, node: &mut Value, pointer: &str) {
        if !self.is31() {
            return;
        }
        let Some(map) = node.as_object_mut() else { return };
        let Some(reference) = map.get("$ref").cloned() else { return };
        let meaningful = map.keys().any(|k| k != "$ref" && k != "$comment" && k != "summary");
        if !meaningful {
            return;
        }
        map.retain(|k, _| k != "$ref");
        map.insert("allOf".into(), json!([{ "$ref": reference }]));
        let original = self.rw.original(pointer);
        self.rw.record(child(&child(pointer, "allOf"), 0), original);
    }

    /// `has`: the schema's [`keywords::present`], which says which steps have work to do.
    fn schema_keywords(&mut self, map: &mut Map<String, Value>, pointer: &str, has: u32) {
        if has & bit::UNREAD != 0 {
            map.retain(|k, _| k != "externalDocs" && k != "xml" && k != "$schema" && k != "$comment");
        }
        if has & bit::FOREIGN != 0 {
            self.foreign_keywords(map, pointer);
        }
        if has & bit::DEFS != 0 {
            for key in ["$defs", "definitions"] {
                if map.contains_key(key) {
                    self.warn(&child(pointer, key), format!("`{key}` inside a schema is not read here; reference such schemas from `components/schemas`"));
                    map.retain(|k, _| k != key);
                }
            }
        }
        if has & bit::X_NULLABLE != 0 && map.get("x-nullable") == Some(&Value::Bool(true)) {
            map.insert("nullable".into(), Value::Bool(true));
        }
        if has & bit::CONST != 0 {
            self.const_keyword(map, pointer);
        }
        if has & bit::EXAMPLES != 0 {
            self.examples_keyword(map, pointer);
        }
        if has & bit::EXCLUSIVE != 0 {
            for (exclusive, bound) in [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")] {
                if let Some(Value::Number(n)) = map.get(exclusive).cloned() {
                    map.insert(bound.into(), Value::Number(n));
                    map.insert(exclusive.into(), Value::Bool(true));
                }
            }
        }
        if has & bit::CONTENT != 0 {
            content_keywords(map);
        }
        let dropped = keywords::ill_typed(map);
        for (key, what) in &dropped {
            self.warn(&child(pointer, key), format!("`{key}` must be {what}; it is ignored"));
        }
        if !dropped.is_empty() {
            map.retain(|k, _| !dropped.iter().any(|(d, _)| d == k));
        }
        if has & bit::REQUIRED != 0 {
            if let Some(Value::Array(required)) = map.get_mut("required") {
                let before = required.len();
                required.retain(Value::is_string);
                if required.len() != before {
                    self.warn(&child(pointer, "required"), "`required` lists something that is not a property name; it is ignored");
                }
            }
        }
        if has & bit::DISCRIMINATOR != 0 {
            self.discriminator(map, pointer);
        }
        if has & bit::ITEMS != 0 {
            self.items_keyword(map, pointer);
        }
        if has & bit::PROPERTIES != 0 {
            self.lift_required(map, pointer);
        }
    }

    fn foreign_keywords(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let mut found: Vec<usize> = map.keys().filter_map(|k| FOREIGN_KEYWORDS.iter().position(|f| f == k)).collect();
        found.sort_unstable();
        let foreign: Vec<String> = found.into_iter().map(|i| FOREIGN_KEYWORDS[i].to_string()).collect();
        for key in &foreign {
            self.warn(&child(pointer, key), format!("the JSON Schema keyword `{key}` has no OpenAPI 3.0 equivalent; it is ignored"));
        }
        map.retain(|k, _| !foreign.contains(k));
    }

    fn const_keyword(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        if let Some(c) = map.get("const").cloned() {
            if map.contains_key("enum") {
                self.warn(&child(pointer, "const"), "`const` next to `enum` is ignored");
            } else {
                map.insert("enum".into(), Value::Array(vec![c]));
            }
            map.retain(|k, _| k != "const");
        }
    }

    fn examples_keyword(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        if let Some(examples) = map.get("examples").cloned() {
            map.retain(|k, _| k != "examples");
            match examples {
                Value::Array(items) => {
                    if !map.contains_key("example") {
                        if let Some(first) = items.first() {
                            map.insert("example".into(), first.clone());
                        }
                    }
                    if items.len() > 1 {
                        self.warn(&child(pointer, "examples"), format!("only one of the {} schema examples is kept", items.len()));
                    }
                }
                _ => self.warn(&child(pointer, "examples"), "schema `examples` must be a list; it is ignored"),
            }
        }
    }

    fn discriminator(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        match map.get("discriminator").cloned() {
            Some(Value::String(name)) => {
                if self.format != Format::Swagger2 {
                    self.warn(&child(pointer, "discriminator"), "`discriminator` should be an object with `propertyName`");
                }
                map.insert("discriminator".into(), json!({ "propertyName": name }));
            }
            Some(Value::Object(mut d)) if d.get("propertyName").is_some_and(Value::is_string) => {
                if let Some(Value::Object(mapping)) = d.get_mut("mapping") {
                    mapping.retain(|_, v| v.is_string());
                } else {
                    d.retain(|k, _| k != "mapping");
                }
                map.insert("discriminator".into(), Value::Object(d));
            }
            Some(_) => {
                self.warn(&child(pointer, "discriminator"), "`discriminator` has no `propertyName`; it is ignored");
                map.retain(|k, _| k != "discriminator");
            }
            None => {}
        }
    }

    fn items_keyword(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        match map.get_mut("items") {
            None | Some(Value::Object(_) | Value::Bool(_)) => {}
            Some(Value::Array(list)) => {
                let first = std::mem::take(list).into_iter().next().unwrap_or_else(|| json!({}));
                map.insert("items".into(), first);
                self.warn(&child(pointer, "items"), "a list of `items` (a tuple) is read as a list of the first item's type");
            }
            Some(_) => {
                self.warn(&child(pointer, "items"), "`items` must be a schema; it is ignored");
                map.retain(|k, _| k != "items");
            }
        }
    }

    /// Swagger-style `required: true` on a property: lifted into the parent's list.
    fn lift_required(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let mut lifted = Vec::new();
        if let Some(Value::Object(props)) = map.get_mut("properties") {
            for (name, prop) in props.iter_mut() {
                let Some(p) = prop.as_object_mut() else { continue };
                match p.get("required") {
                    Some(Value::Bool(flag)) => {
                        if *flag {
                            lifted.push(name.clone());
                        }
                        p.retain(|k, _| k != "required");
                    }
                    Some(Value::Array(_)) | None => {}
                    Some(_) => {}
                }
            }
        }
        if !lifted.is_empty() {
            self.warn(
                &child(pointer, "properties"),
                format!("`required: true` on a property is not JSON Schema; read as `required: [{}]` on the object", lifted.join(", ")),
            );
            let required = map.entry("required").or_insert_with(|| json!([]));
            if let Value::Array(list) = required {
                for name in lifted {
                    if !list.iter().any(|v| v.as_str() == Some(&name)) {
                        list.push(Value::String(name));
                    }
                }
            }
        }
    }

    /// `type` lists and `type: 'null'` into 3.0's single `type` plus `nullable`.
    fn schema_type(&mut self, map: &mut Map<String, Value>, pointer: &str) {
        let types: Vec<String> = match map.get("type") {
            // One type (most schemas): nothing to lower.
            None => return,
            Some(Value::String(s)) if s != "null" => return,
            Some(Value::String(s)) => vec![s.clone()],
            Some(Value::Array(items)) => {
                let here = child(pointer, "type");
                if !self.is31() {
                    self.warn(&here, "a list of types is OpenAPI 3.1; it is read as 3.1 would");
                }
                let mut out: Vec<String> = Vec::new();
                for item in items {
                    match item.as_str() {
                        Some(s) if !out.iter().any(|o| o == s) => out.push(s.to_string()),
                        Some(_) => {}
                        None => self.warn(&here, format!("`{item}` is not a type name; it is ignored")),
                    }
                }
                out
            }
            Some(other) => {
                self.warn(&child(pointer, "type"), format!("`type: {other}` is not a type name; the schema is read without a type"));
                map.retain(|k, _| k != "type");
                return;
            }
        };
        let here = child(pointer, "type");
        let has_null = types.iter().any(|t| t == "null");
        let rest: Vec<String> = types.into_iter().filter(|t| t != "null").collect();
        if has_null {
            if !self.is31() && rest.is_empty() {
                self.warn(&here, "`type: null` is OpenAPI 3.1; it is read as 3.1 would (only `null`)");
            }
            map.insert("nullable".into(), Value::Bool(true));
        }
        match rest.as_slice() {
            [] => {
                map.retain(|k, _| k != "type");
                if has_null {
                    map.insert(NULL_ONLY.into(), Value::Bool(true));
                } else {
                    self.warn(&here, "an empty list of types allows any value");
                }
            }
            [one] => {
                map.insert("type".into(), Value::String(one.clone()));
            }
            many => self.split_types(map, pointer, many),
        }
    }

    /// `type: [string, integer]`: one branch per type, each with the keywords that apply to it.
    fn split_types(&mut self, map: &mut Map<String, Value>, pointer: &str, types: &[String]) {
        let key = if !map.contains_key("oneOf") {
            "oneOf"
        } else if !map.contains_key("anyOf") {
            "anyOf"
        } else {
            self.warn(&child(pointer, "type"), "a list of types next to both `oneOf` and `anyOf`: only the first type is kept");
            if let Some(first) = types.first() {
                map.insert("type".into(), Value::String(first.clone()));
            }
            return;
        };
        map.retain(|k, _| k != "type");
        let numeric_format = map.get("format").and_then(Value::as_str).is_some_and(|f| ["int32", "int64", "float", "double"].contains(&f));
        let enum_values = map.get("enum").and_then(Value::as_array).cloned();
        let has_number = types.iter().any(|t| t == "number");
        let mut branches = Vec::new();
        for t in types {
            let mut branch = Map::new();
            branch.insert("type".into(), Value::String(t.clone()));
            let keywords: &[&str] = match t.as_str() {
                "string" => &STRING_KEYWORDS,
                "integer" | "number" => &NUMBER_KEYWORDS,
                "object" => &OBJECT_KEYWORDS,
                "array" => &ARRAY_KEYWORDS,
                _ => &[],
            };
            for k in keywords {
                if let Some(v) = map.get(*k) {
                    branch.insert((*k).to_string(), v.clone());
                }
            }
            let format_here = match t.as_str() {
                "string" => !numeric_format,
                "integer" | "number" => numeric_format,
                _ => false,
            };
            if format_here {
                if let Some(f) = map.get("format") {
                    branch.insert("format".into(), f.clone());
                }
            }
            if let Some(values) = &enum_values {
                let mine: Vec<Value> = values
                    .iter()
                    .filter(|v| match t.as_str() {
                        "string" => v.is_string(),
                        "integer" => v.is_i64() || v.is_u64(),
                        "number" => v.is_number() && !(has_number && types.iter().any(|x| x == "integer") && (v.is_i64() || v.is_u64())),
                        "boolean" => v.is_boolean(),
                        _ => false,
                    })
                    .cloned()
                    .collect();
                if !mine.is_empty() {
                    branch.insert("enum".into(), Value::Array(mine));
                }
            }
            branches.push(Value::Object(branch));
        }
        let typed: Vec<&str> = STRING_KEYWORDS.iter().chain(&NUMBER_KEYWORDS).chain(&OBJECT_KEYWORDS).chain(&ARRAY_KEYWORDS).copied().collect();
        map.retain(|k, _| !typed.contains(&k.as_str()) && k != "format" && k != "enum");
        let original = self.rw.original(pointer);
        for i in 0..branches.len() {
            self.rw.record(child(&child(pointer, key), i), original.clone());
        }
        map.insert(key.into(), Value::Array(branches));
    }

    fn schema_children(&mut self, map: &mut Map<String, Value>, pointer: &str, has: u32) {
        if has & (bit::PROPERTIES | bit::ITEMS | bit::CHILDREN) == 0 {
            return;
        }
        if let Some(Value::Object(props)) = map.get_mut("properties") {
            let base = child(pointer, "properties");
            for (name, prop) in props.iter_mut() {
                self.schema(prop, &child(&base, name));
            }
        }
        for key in ["items", "not"] {
            if let Some(node) = map.get_mut(key) {
                self.schema(node, &child(pointer, key));
            }
        }
        if let Some(node @ Value::Object(_)) = map.get_mut("additionalProperties") {
            self.schema(node, &child(pointer, "additionalProperties"));
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            if let Some(Value::Array(items)) = map.get_mut(key) {
                let base = child(pointer, key);
                for (i, item) in items.iter_mut().enumerate() {
                    self.schema(item, &child(&base, i));
                }
            }
        }
    }
}

/// `contentEncoding: base64` as `format: byte`, a `contentMediaType` alone as `format: binary`.
fn content_keywords(map: &mut Map<String, Value>) {
    let encoding = map.get("contentEncoding").and_then(Value::as_str).map(str::to_string);
    let media = map.get("contentMediaType").and_then(Value::as_str).map(str::to_string);
    if !map.contains_key("format") {
        if encoding.as_deref().is_some_and(|e| e.eq_ignore_ascii_case("base64")) {
            map.insert("format".into(), json!("byte"));
        } else if media.is_some() && encoding.is_none() {
            map.insert("format".into(), json!("binary"));
        }
    }
    map.retain(|k, _| k != "contentEncoding" && k != "contentMediaType" && k != "contentSchema");
}

#[cfg(test)]
mod tests {
    use super::super::Rewrite;
    use super::*;
    use crate::diag::Diagnostics;
    use crate::read::parse_document;

    fn lowered(format: Format, schema: Value) -> (Value, Diagnostics) {
        let doc = parse_document("t.json", "{}").unwrap();
        let mut rw = Rewrite::default();
        let mut diags = Diagnostics::default();
        let mut p = Prep { doc: &doc, rw: &mut rw, diags: &mut diags, format };
        let mut node = schema;
        p.schema(&mut node, "/components/schemas/T");
        (node, diags)
    }

    #[test]
    fn type_list_with_null_becomes_nullable() {
        let (s, d) = lowered(Format::OpenApi31, json!({"type": ["string", "null"], "format": "date-time"}));
        assert_eq!(s, json!({"type": "string", "format": "date-time", "nullable": true}));
        assert!(d.items.is_empty());
    }

    #[test]
    fn type_null_alone_keeps_the_null_only_fact() {
        let (s, _) = lowered(Format::OpenApi31, json!({"type": "null"}));
        assert_eq!(s, json!({"nullable": true, NULL_ONLY: true}));
    }

    #[test]
    fn type_list_of_two_types_splits_keywords_by_type() {
        let (s, _) = lowered(Format::OpenApi31, json!({"type": ["integer", "string"], "maxLength": 3, "minimum": 1, "description": "d"}));
        assert_eq!(
            s,
            json!({"description": "d", "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "maxLength": 3}]})
        );
    }

    #[test]
    fn const_examples_and_numeric_exclusive_bounds_are_lowered() {
        let (s, d) = lowered(Format::OpenApi31, json!({"type": "number", "const": 3, "examples": [3, 4], "exclusiveMinimum": 0}));
        assert_eq!(s, json!({"type": "number", "enum": [3], "example": 3, "minimum": 0, "exclusiveMinimum": true}));
        assert_eq!(d.items.len(), 1, "{:?}", d.items);
    }

    #[test]
    fn required_true_on_a_property_is_lifted_with_a_warning() {
        let (s, d) = lowered(Format::OpenApi30, json!({"type": "object", "properties": {"a": {"type": "string", "required": true}}}));
        assert_eq!(s, json!({"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}));
        assert_eq!(d.items.len(), 1);
    }

    #[test]
    fn ref_with_siblings_in_31_moves_into_all_of() {
        let (s, _) = lowered(Format::OpenApi31, json!({"$ref": "#/components/schemas/A", "description": "d"}));
        assert_eq!(s, json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/A"}]}));
    }
}
