//! Whether an example fits the schema its own document gives the same body. An example that
//! does not is a contradiction inside the document: the report says so, so that an example
//! the generated type cannot decode is told apart from a type the generator made too narrow.

use crate::model::{Schema, SchemaKind};
use serde_json::Value;
use std::collections::BTreeMap;

/// Nesting and `$ref` depth past which the example is taken to fit.
const MAX_DEPTH: usize = 64;

/// Why `value` does not fit `schema`, naming the JSON path; `None` where it fits. A request
/// example may leave out read-only properties, a response example write-only ones.
pub fn why_not(schema: &Schema, schemas: &BTreeMap<String, Schema>, value: &Value, request: bool) -> Option<String> {
    Fit { schemas, request, visiting: Default::default() }.check(schema, value, &mut String::new(), 0).err()
}

struct Fit<'a> {
    schemas: &'a BTreeMap<String, Schema>,
    request: bool,
    /// The named schemas being checked against the value at a path: a schema that refers
    /// back to itself at the same place (`S = oneOf[S, S]`) is taken to fit there, instead of
    /// branching at every level, exponentially.
    visiting: std::cell::RefCell<Vec<(String, String)>>,
}

impl Fit<'_> {
    /// `path` is the JSON path of `value`: one string, extended and cut back on the way down,
    /// where a new string for every value checked was most of the cost.
    fn check(&self, schema: &Schema, value: &Value, path: &mut String, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let at = shown(path);
        if value.is_null() && (schema.nullable || matches!(schema.kind, SchemaKind::Any | SchemaKind::Null)) {
            return Ok(());
        }
        if !schema.enum_values.is_empty() && !value.is_null() && !schema.enum_values.contains(value) {
            return Err(format!("at `{at}`: {value} is not one of the schema's `enum` values"));
        }
        let kind = |ok: bool, what: &str| if ok { Ok(()) } else { Err(format!("at `{at}`: the schema says {what}, the example has {}", short(value))) };
        match &schema.kind {
            SchemaKind::Any => Ok(()),
            SchemaKind::Null => kind(false, "null"),
            SchemaKind::Boolean => kind(value.is_boolean(), "a boolean"),
            SchemaKind::Integer => kind(value.as_f64().is_some_and(|f| f.fract() == 0.0), "an integer"),
            SchemaKind::Number => kind(value.is_number(), "a number"),
            SchemaKind::String => kind(value.is_string(), "a string"),
            SchemaKind::Array(item) => match value {
                Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| self.check_at(item, v, path, i, depth + 1)),
                _ => kind(false, "an array"),
            },
            SchemaKind::Object { properties, required, additional } => {
                let Value::Object(map) = value else { return kind(false, "an object") };
                for name in required {
                    let skipped = properties.iter().find(|(n, _)| n == name).is_some_and(|(_, p)| (self.request && p.read_only) || (!self.request && p.write_only));
                    if !map.contains_key(name) && !skipped {
                        return Err(format!("at `{at}`: the schema requires `{name}`, the example leaves it out"));
                    }
                }
                for (k, v) in map {
                    match (properties.iter().find(|(n, _)| n == k), additional) {
                        (Some((_, p)), _) => self.check_at(p, v, path, k, depth + 1)?,
                        (None, Some(extra)) => self.check_at(extra, v, path, k, depth + 1)?,
                        (None, None) => {}
                    }
                }
                Ok(())
            }
            SchemaKind::OneOf(variants) => match variants.iter().any(|s| self.check(s, value, path, depth + 1).is_ok()) {
                true => Ok(()),
                false => Err(format!("at `{}`: the example fits none of the schema's `oneOf`/`anyOf` variants", shown(path))),
            },
            SchemaKind::AllOf(parts) => parts.iter().try_for_each(|s| self.check(s, value, path, depth + 1)),
            SchemaKind::Ref(name) => {
                let key = (name.clone(), path.clone());
                let (Some(target), false) = (self.schemas.get(name), self.visiting.borrow().contains(&key)) else { return Ok(()) };
                self.visiting.borrow_mut().push(key);
                let out = self.check(target, value, path, depth + 1);
                self.visiting.borrow_mut().pop();
                out
            }
        }
    }

    /// Checks `value`, found under `step` (a key or an index) of `path`.
    fn check_at(&self, schema: &Schema, value: &Value, path: &mut String, step: impl std::fmt::Display, depth: usize) -> Result<(), String> {
        use std::fmt::Write;
        let len = path.len();
        let _ = write!(path, "/{step}");
        let out = self.check(schema, value, path, depth);
        path.truncate(len);
        out
    }
}

/// A JSON path as the report shows it: `.` for the whole value.
fn shown(path: &str) -> &str {
    if path.is_empty() { "." } else { path }
}

fn short(v: &Value) -> String {
    match v {
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
        Value::String(s) if s.chars().count() > 40 => "a long string".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn s(kind: SchemaKind) -> Schema {
        Schema { kind, ..Schema::default() }
    }

    fn object(required: &[&str]) -> Schema {
        let id = Schema { read_only: true, ..s(SchemaKind::Integer) };
        s(SchemaKind::Object {
            properties: vec![("id".into(), id), ("tags".into(), s(SchemaKind::Array(Box::new(s(SchemaKind::String)))))],
            required: required.iter().map(|r| r.to_string()).collect(),
            additional: None,
        })
    }

    #[test]
    fn an_example_against_its_own_schema() {
        let schemas = BTreeMap::new();
        let o = object(&["id", "tags"]);
        assert_eq!(why_not(&o, &schemas, &json!({"id": 1, "tags": ["a"], "x": {}}), false), None);
        assert_eq!(why_not(&o, &schemas, &json!({"tags": []}), true), None, "a request leaves out a read-only property");
        assert_eq!(why_not(&o, &schemas, &json!({"tags": []}), false).as_deref(), Some("at `.`: the schema requires `id`, the example leaves it out"));
        assert_eq!(why_not(&o, &schemas, &json!({"id": 1, "tags": [2]}), false).as_deref(), Some("at `/tags/0`: the schema says a string, the example has 2"));
        assert_eq!(why_not(&o, &schemas, &json!({"id": 1.0, "tags": []}), false), None, "1.0 is an integer in JSON Schema");
    }

    #[test]
    fn references_enums_and_variants() {
        let mut schemas = BTreeMap::new();
        schemas.insert("Status".to_string(), Schema { enum_values: vec![json!("open")], ..s(SchemaKind::String) });
        let r = s(SchemaKind::Ref("Status".into()));
        assert_eq!(why_not(&r, &schemas, &json!("open"), false), None);
        assert!(why_not(&r, &schemas, &json!("closed"), false).is_some_and(|w| w.contains("enum")));
        let either = s(SchemaKind::OneOf(vec![s(SchemaKind::Integer), r.clone()]));
        assert_eq!(why_not(&either, &schemas, &json!(3), false), None);
        assert!(why_not(&either, &schemas, &json!(true), false).is_some());
        let cycle = BTreeMap::from([("Loop".to_string(), s(SchemaKind::Ref("Loop".into())))]);
        assert_eq!(why_not(&s(SchemaKind::Ref("Loop".into())), &cycle, &json!(1), false), None, "a cycle ends");
    }
}
