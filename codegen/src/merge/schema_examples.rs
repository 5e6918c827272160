//! Body examples the documents give only through their schemas: a schema's own `example`, or
//! one composed from its properties' examples (as documentation renderers show them). They
//! are checked by each crate's examples test like any other example, but they never feed
//! inference: the schema itself already does. Every example is also checked against its own
//! body's schema, and one that does not fit is reported as a contradiction in the document.

use super::bodies::Plan;
use super::group::Group;
use super::schema_fit;
use crate::model::{Body, BodyKind, Decision, DecisionKind, ExampleBody, ExampleUse, Schema, SchemaKind, Source};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Nesting and `$ref` depth past which no example is composed.
const MAX_DEPTH: usize = 32;

/// What is recorded: examples for the crate's test, contradictions for the report.
pub struct Out<'a> {
    pub uses: &'a mut Vec<ExampleUse>,
    pub decisions: &'a mut Vec<Decision>,
}

/// Adds an example for every typed JSON body that has a schema but no example of its own,
/// and reports every example that does not fit its body's schema.
pub fn record(groups: &[Group<'_>], method_names: &[String], plans: &[Plan], sources: &[Source], out: &mut Out<'_>) {
    for ((g, operation), plan) in groups.iter().zip(method_names).zip(plans) {
        for m in &g.members {
            let Some(source) = sources.iter().find(|s| s.file == m.origin.file) else { continue };
            if plan.request.as_ref().is_some_and(|r| r.root.is_some() && r.kind == BodyKind::Json) {
                for body in &m.request {
                    push(body, &source.schemas, operation, None, true, out);
                }
            }
            for r in &m.responses {
                if let Some(body) = r.body.as_ref().filter(|_| plan.responses.iter().any(|p| p.status == r.status && p.root.is_some())) {
                    push(body, &source.schemas, operation, r.status, false, out);
                }
            }
        }
    }
}

fn push(body: &Body, schemas: &BTreeMap<String, Schema>, operation: &str, status: Option<u16>, request: bool, out: &mut Out<'_>) {
    let Some(schema) = body.schema.as_ref().filter(|_| body.kind == BodyKind::Json) else { return };
    // The examples are read where they are, not copied: only a composed one is kept.
    let mut examples: Vec<(&Value, &crate::model::Origin)> =
        body.examples.iter().filter_map(|e| if let ExampleBody::Json(v) = &e.body { Some((v, &e.origin)) } else { None }).collect();
    let composed = match examples.is_empty() {
        true => {
            let mut cx = Compose { schemas, request, found: false, visiting: Vec::new() };
            cx.compose(schema, 0).filter(|_| cx.found)
        }
        false => None,
    };
    if let Some(value) = &composed {
        examples.push((value, &schema.origin));
    }
    for (value, origin) in examples {
        if let Some(why) = schema_fit::why_not(schema, schemas, value, request) {
            let body = match status {
                _ if request => "request".to_string(),
                Some(s) => format!("{s} response"),
                None => "response".to_string(),
            };
            out.decisions.push(Decision {
                kind: DecisionKind::ExampleContradictsSchema,
                subject: format!("{} {body}", operation.trim_start_matches("r#")),
                detail: why,
                evidence: vec![origin.clone(), schema.origin.clone()],
            });
        }
    }
    if let Some(value) = composed {
        out.uses.push(ExampleUse { operation: operation.to_string(), status, request, value, origin: schema.origin.clone() });
    }
}

struct Compose<'a> {
    schemas: &'a BTreeMap<String, Schema>,
    /// A request leaves out read-only properties, a response write-only ones.
    request: bool,
    /// Some value came from the document's own `example`, not from a default or an enum.
    found: bool,
    /// The named schemas being composed: one that refers back to itself gives no example
    /// (`S = oneOf[S, S, S]` would otherwise branch at every level, exponentially).
    visiting: Vec<String>,
}

impl Compose<'_> {
    /// An example of `schema`, or `None` where a required part has none.
    fn compose(&mut self, schema: &Schema, depth: usize) -> Option<Value> {
        if depth > MAX_DEPTH {
            return None;
        }
        if let Some(v) = &schema.example {
            self.found = true;
            return Some(v.clone());
        }
        match &schema.kind {
            SchemaKind::Ref(name) => {
                if self.visiting.contains(name) {
                    return None;
                }
                let target = self.schemas.get(name)?;
                self.visiting.push(name.clone());
                let out = self.compose(target, depth + 1);
                self.visiting.pop();
                out
            }
            SchemaKind::Object { properties, required, .. } => {
                let mut out = Map::new();
                for (name, p) in properties {
                    if (self.request && p.read_only) || (!self.request && p.write_only) {
                        continue;
                    }
                    match self.compose(p, depth + 1) {
                        Some(v) => {
                            out.insert(name.clone(), v);
                        }
                        None if required.contains(name) => return None,
                        None => {}
                    }
                }
                (!out.is_empty()).then_some(Value::Object(out))
            }
            SchemaKind::Array(item) => self.compose(item, depth + 1).map(|v| Value::Array(vec![v])),
            SchemaKind::AllOf(parts) => {
                let mut out = Map::new();
                for part in parts {
                    match self.compose(part, depth + 1)? {
                        Value::Object(m) => out.extend(m),
                        _ => return None,
                    }
                }
                Some(Value::Object(out))
            }
            SchemaKind::OneOf(variants) => variants.iter().find_map(|v| self.compose(v, depth + 1)),
            _ => schema.default.clone().or_else(|| schema.enum_values.first().cloned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use serde_json::json;

    fn schema(kind: SchemaKind, example: Option<Value>) -> Schema {
        Schema { kind, example, origin: Origin::new("t.json", "/s"), ..Schema::default() }
    }

    fn compose(s: &Schema, schemas: &BTreeMap<String, Schema>) -> Option<Value> {
        let mut cx = Compose { schemas, request: false, found: false, visiting: Vec::new() };
        cx.compose(s, 0).filter(|_| cx.found)
    }

    #[test]
    fn property_examples_compose_a_body_and_a_required_gap_gives_none() {
        let mut schemas = BTreeMap::new();
        schemas.insert("Block".to_string(), schema(SchemaKind::Object {
            properties: vec![("height".into(), schema(SchemaKind::Integer, Some(json!(15)))), ("hash".into(), schema(SchemaKind::String, Some(json!("4ea1"))))],
            required: vec!["height".into()],
            additional: None,
        }, None));
        let list = schema(SchemaKind::Array(Box::new(schema(SchemaKind::Ref("Block".into()), None))), None);
        assert_eq!(compose(&list, &schemas), Some(json!([{"height": 15, "hash": "4ea1"}])));
        let gap = schema(SchemaKind::Object { properties: vec![("id".into(), schema(SchemaKind::Integer, None))], required: vec!["id".into()], additional: None }, None);
        assert_eq!(compose(&gap, &schemas), None, "a required property without an example");
        let defaults_only = schema(SchemaKind::Object { properties: vec![("n".into(), Schema { default: Some(json!(1)), ..schema(SchemaKind::Integer, None) })], required: vec![], additional: None }, None);
        assert_eq!(compose(&defaults_only, &schemas), None, "defaults alone are not the document's example");
    }

    #[test]
    fn a_reference_cycle_stops() {
        let mut schemas = BTreeMap::new();
        schemas.insert("Node".to_string(), schema(SchemaKind::Ref("Node".into()), None));
        assert_eq!(compose(&schema(SchemaKind::Ref("Node".into()), None), &schemas), None);
    }
}
