//! JSON samples written in prose: a description's code blocks (`<pre><code>{…}</code></pre>`,
//! Markdown fences) that hold a JSON object or array, labelled by the text before them as the
//! request ("Request body:") or the response ("Response:").
//!
//! Prose samples are weaker than saved examples: they are observed like a schema without
//! `required`, so they add fields (optional), kinds (`0.85` beside `1` makes a float) and nulls,
//! but never make a field optional that every example has. Samples that are nearly JSON (an
//! elision `{ ... }`, a trailing comma, an unterminated string, an unclosed bracket) are
//! repaired, and the report says what was repaired.

use super::shape::Shape;
use super::time_text::looks_like_datetime;
use crate::model::{Decision, DecisionKind, Origin, Schema, SchemaKind, SourceOperation};
use crate::text::{decode_entities, strip_tags};
use serde_json::Value;

/// One code block of JSON in a description.
#[derive(Clone, Debug, PartialEq)]
pub struct ProseSample {
    /// The sample, or why it could not be read.
    pub value: Result<Value, String>,
    /// It documents the request body (else the success response).
    pub request: bool,
    /// What was repaired to read it.
    pub repairs: Vec<&'static str>,
    pub origin: Origin,
}

/// The samples of an operation's description.
pub fn samples_from(op: &SourceOperation) -> Vec<ProseSample> {
    let Some(description) = op.description.as_deref() else { return Vec::new() };
    let origin = super::prose::description_origin(op);
    blocks(description)
        .into_iter()
        .map(|(label, code)| {
            let request = label.rfind("request").is_some_and(|r| label.rfind("response").is_none_or(|s| r > s));
            let (value, repairs) = match serde_json::from_str::<Value>(&code) {
                Ok(v) => (Ok(v), Vec::new()),
                Err(e) => match crate::read::repair::repair_json(&code) {
                    Some((v, repairs)) => (Ok(v), repairs),
                    None => (Err(e.to_string()), Vec::new()),
                },
            };
            ProseSample { value, request, repairs, origin: origin.clone() }
        })
        .collect()
}

/// Adds the samples for one body to its evidence, weakly; only to a body that already has
/// JSON evidence, so that a sample never decides alone what kind of body an operation has.
pub fn observe(shape: &mut Shape, samples: &[ProseSample], request: bool, subject: &str, decisions: &mut Vec<Decision>) {
    if shape.is_empty() {
        return;
    }
    for s in samples.iter().filter(|s| s.request == request) {
        let (detail, value) = match (&s.value, s.repairs.is_empty()) {
            (Ok(v), true) => ("a JSON sample in the description, read as weak evidence (it adds fields and kinds, it makes none optional)".to_string(), Some(v)),
            (Ok(v), false) => (format!("a JSON sample in the description, repaired ({}) and read as weak evidence", s.repairs.join(", ")), Some(v)),
            (Err(e), _) => (format!("a JSON sample in the description does not parse ({e}); kept out of inference"), None),
        };
        decisions.push(Decision { kind: DecisionKind::ProseSample, subject: subject.to_string(), detail, evidence: vec![s.origin.clone()] });
        if let Some(v) = value {
            let mut weak = Shape::default();
            weak.observe_schema(&schema_of(v, &s.origin));
            forget_order(&mut weak);
            shape.union(&weak);
        }
    }
}

/// The code blocks of a description holding `{` or `[`, each with the lower-cased text that
/// leads to it (its label).
fn blocks(description: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let lower = description.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let pre = lower[from..].find("<pre").map(|p| (from + p, "</pre>"));
        let fence = lower[from..].find("```").map(|p| (from + p, "```"));
        let Some((start, close)) = [pre, fence].into_iter().flatten().min() else { break };
        let body_start = match close {
            "```" => lower[start + 3..].find('\n').map_or(lower.len(), |n| start + 3 + n + 1),
            _ => lower[start..].find('>').map_or(lower.len(), |n| start + n + 1),
        };
        let Some(end) = lower[body_start..].find(close).map(|e| body_start + e) else { break };
        let code = decode_entities(&strip_tags(&description[body_start..end]));
        let label: String = lower[from..start].chars().rev().take(200).collect::<Vec<_>>().into_iter().rev().collect();
        if code.trim_start().starts_with(['{', '[']) {
            out.push((label, code));
        }
        from = end + close.len();
    }
    out
}

/// A schema that says what the sample shows and requires nothing.
fn schema_of(v: &Value, origin: &Origin) -> Schema {
    let kind = match v {
        Value::Null => SchemaKind::Null,
        Value::Bool(_) => SchemaKind::Boolean,
        Value::Number(n) if n.is_i64() => SchemaKind::Integer,
        Value::Number(_) => SchemaKind::Number,
        Value::String(_) => SchemaKind::String,
        // An empty list says nothing of its items, nor does an elided item (`{ ... }` read as
        // `{}`): it would be an alternative that has none of the fields the API shows.
        Value::Array(items) => {
            let shown = items.iter().filter(|i| !i.as_object().is_some_and(|o| o.is_empty()));
            SchemaKind::Array(Box::new(Schema { kind: SchemaKind::OneOf(shown.map(|i| schema_of(i, origin)).collect()), origin: origin.clone(), ..Default::default() }))
        }
        Value::Object(map) => SchemaKind::Object { properties: map.iter().map(|(k, v)| (k.clone(), schema_of(v, origin))).collect(), required: Vec::new(), additional: None },
    };
    let format = v.as_str().filter(|s| looks_like_datetime(s)).map(|_| "date-time".to_string());
    Schema { kind, format, origin: origin.clone(), ..Default::default() }
}

/// A sample's key order is noise, as an example's is: it must not order the struct.
fn forget_order(shape: &mut Shape) {
    if let Some(o) = shape.object.as_mut() {
        o.declared_order.clear();
        o.fields.iter_mut().for_each(|(_, f)| forget_order(&mut f.shape));
    }
    if let Some(a) = shape.array.as_mut() {
        forget_order(&mut a.item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn code_blocks_are_labelled_by_the_text_before_them() {
        let html = "<p>Request body:</p><pre><code>{&quot;a&quot;: 1}</code></pre><p>Response:</p><pre class=\"x\"><code class=\"language-json\">[1, 2]</code></pre><pre>not json</pre>";
        let found = blocks(html);
        assert_eq!(found.len(), 2);
        assert!(found[0].0.contains("request") && found[0].1 == "{\"a\": 1}");
        assert!(found[1].0.ends_with("response:</p>") && found[1].1 == "[1, 2]");
        let md = blocks("Response:\n```json\n{\"b\": true}\n```\n");
        assert_eq!(md, [("response:\n".to_string(), "{\"b\": true}\n".to_string())]);
    }

    #[test]
    fn a_weak_sample_adds_fields_and_kinds_but_makes_nothing_optional() {
        let origin = Origin::new("f", "/x");
        let mut shape = Shape::default();
        shape.observe(&json!({"id": "a", "score": 1, "segment": null}), &origin);
        let sample = ProseSample { value: Ok(json!({"score": 72.5, "segment": "demo", "extra": true})), request: false, repairs: Vec::new(), origin: origin.clone() };
        let mut decisions = Vec::new();
        observe(&mut shape, &[sample], false, "GET /x 200", &mut decisions);
        let o = shape.object.as_ref().unwrap();
        assert_eq!((o.count, o.fields.get("id").unwrap().present), (1, 1), "id stays present in every observation");
        assert!(o.fields.get("score").unwrap().shape.float > 0);
        assert!(o.fields.get("segment").unwrap().shape.string.is_some());
        assert_eq!(o.fields.get("extra").unwrap().present, 0, "a field only the prose shows is optional");
        assert!(o.declared_order.is_empty());
        assert_eq!(decisions.len(), 1);
    }
}
