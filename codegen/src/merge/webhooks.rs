//! Webhooks and callbacks: each event's payload becomes an inference root, and what tells one
//! event's deliveries from another's is decided here.
//!
//! Payloads are roots with [`Role::Response`]: they arrive from the API like responses, so
//! unknown fields are kept, and a `$ref` to a component shares the API's own model.

use super::bodies;
use super::group::{canonical_path, Group};
use crate::infer::{Role, Root};
use crate::model::{
    BodyKind, Decision, DecisionKind, Method, ParamLocation, Schema, SchemaKind, Source, SourceWebhook, Ty, Types, WebhookEvent,
    WebhookGroup,
};
use crate::name;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One group's events, with indexes into the inference roots.
pub struct Plan {
    callback: Option<(String, String)>,
    /// What the report calls the group.
    subject: String,
    events: Vec<(WebhookEvent, Option<usize>)>,
}

impl Plan {
    /// The same plan with its roots `by` places further: they were pushed to a list of their
    /// own, which is appended after `by` others.
    pub(super) fn shifted(mut self, by: usize) -> Plan {
        for (_, root) in &mut self.events {
            *root = root.map(|i| i + by);
        }
        self
    }
}

/// One event (its name and method) and every source's description of it.
type Gathered<'s> = ((String, Method), Vec<(&'s SourceWebhook, &'s Source)>);

/// A group's key (`None` for the document's webhooks), what the report calls it, its events.
type GroupOf<'s> = (Option<(String, String)>, String, Vec<Gathered<'s>>);

/// Gathers every source's webhooks and callbacks into groups (the first source's order wins),
/// and pushes a root for each JSON payload.
pub fn plan(sources: &[Source], groups: &[Group<'_>], method_names: &[String], roots: &mut Vec<Root>, decisions: &mut Vec<Decision>) -> Vec<Plan> {
    // Group key -> event key -> every source's description of that event.
    let mut keyed: Vec<GroupOf<'_>> = Vec::new();
    for source in sources {
        for hook in &source.webhooks {
            let (callback, subject) = match &hook.callback {
                None => (None, "webhook".to_string()),
                Some(c) => {
                    let shape = canonical_path(&c.path).shape_key();
                    let owner = groups.iter().zip(method_names).find(|(g, _)| g.method == c.method && g.path.shape_key() == shape);
                    let subject = format!("callback {} of {} {}", c.key, c.method.as_str(), c.path.to_openapi());
                    let Some((_, op)) = owner else {
                        let detail = "left out: the operation it belongs to is not generated".to_string();
                        decisions.push(Decision { kind: DecisionKind::Webhook, subject, detail, evidence: vec![hook.operation.origin.clone()] });
                        continue;
                    };
                    (Some((op.clone(), c.key.clone())), subject)
                }
            };
            let at = match keyed.iter().position(|(k, _, _)| *k == callback) {
                Some(i) => i,
                None => {
                    keyed.push((callback, subject, Vec::new()));
                    keyed.len() - 1
                }
            };
            let events = &mut keyed[at].2;
            let key = (hook.name.clone(), hook.operation.method);
            match events.iter_mut().find(|(k, _)| *k == key) {
                Some((_, members)) => members.push((hook, source)),
                None => events.push((key, vec![(hook, source)])),
            }
        }
    }
    let mut out = Vec::new();
    for (callback, subject, events) in keyed {
        let several_methods = |n: &str| events.iter().filter(|((m, _), _)| m == n).count() > 1;
        // A callback's requests usually share one URL expression: the method alone names them.
        let one_expression = events.iter().all(|((n, _), _)| Some(n) == events.first().map(|((f, _), _)| f));
        let mut taken = BTreeSet::new();
        let mut planned = Vec::new();
        for ((event_name, method), members) in &events {
            let base = match &callback {
                None if several_methods(event_name) => format!("{event_name} {}", method.as_str().to_ascii_lowercase()),
                None => event_name.clone(),
                Some(_) if !one_expression => format!("{} {event_name}", method.as_str().to_ascii_lowercase()),
                Some(_) => method.as_str().to_ascii_lowercase(),
            };
            let variant = name::unique(name::type_name(&base), &mut taken);
            let hint = match &callback {
                None => name::type_name(&format!("{base} Payload")),
                Some((op, key)) if events.len() > 1 => name::type_name(&format!("{op} {key} {variant} Payload")),
                Some((op, key)) => name::type_name(&format!("{op} {key} Payload")),
            };
            let (first, source) = members[0];
            let bodies: Vec<_> = members.iter().flat_map(|(h, _)| h.operation.request.iter()).collect();
            let kind = bodies.first().map_or(BodyKind::Json, |b| b.kind);
            let json: Vec<_> = bodies.iter().copied().filter(|b| b.kind == BodyKind::Json).collect();
            let label = format!("{subject}: `{event_name}` payload");
            let shape = bodies::evidence(&json, &label, decisions);
            let root = if kind == BodyKind::Json && !shape.is_empty() {
                roots.push(Root { hint, role: Role::Response, shape, prose: Vec::new() });
                Some(roots.len() - 1)
            } else {
                None
            };
            let header = first.operation.params.iter().filter(|p| p.location == ParamLocation::Header && p.required).find_map(|p| {
                let values = strings(&p.schema.as_ref().map(|s| enum_values(s, &source.schemas, 0)).unwrap_or_default());
                (!values.is_empty()).then(|| (p.name.clone(), values))
            });
            let actions = json.first().and_then(|b| b.schema.as_ref()).map(|s| strings(&action_values(s, &source.schemas, 0))).unwrap_or_default();
            let summary = first.operation.name.clone().or_else(|| first.operation.description.clone());
            let origin = first.operation.origin.clone();
            let event = WebhookEvent { name: event_name.clone(), method: *method, variant, header, actions, kind, ty: None, summary, origin };
            planned.push((event, root));
        }
        out.push(Plan { callback, subject, events: planned });
    }
    out
}

/// The groups with their payload types, each event's decision recorded for the report.
pub fn resolve(plans: Vec<Plan>, tys: &[Option<Ty>], types: &Types, decisions: &mut Vec<Decision>) -> Vec<WebhookGroup> {
    let mut out = Vec::new();
    for plan in plans {
        let only = plan.events.len() == 1;
        let mut events = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for (mut event, root) in plan.events {
            event.ty = root.and_then(|i| tys.get(i).cloned().flatten());
            let payload = match (&event.ty, event.kind) {
                (Some(Ty::Named(id)), _) => format!("payload `{}`", types.get(*id).name),
                (_, BodyKind::Json) => "payload `serde_json::Value` (nothing shows its type)".to_string(),
                (_, kind) => format!("payload kept as raw bytes (a {kind:?} body is not decoded)"),
            };
            let key = keyed_by(&event);
            let detail = match seen.get(&key) {
                _ if only && plan.callback.is_some() => format!("{payload}; the callback's only request: its decode function returns the payload"),
                _ if only && key.is_empty() => format!("{payload}; the only webhook, and nothing tells it apart: `decode` reads every delivery as it"),
                Some(other) if !key.is_empty() => format!("{payload}; told apart by {key}, as `{other}` is: the decode function picks `{other}`"),
                _ if key.is_empty() => format!("{payload}; no required header with declared values and no declared `action` tell it apart: the decode function tries it after the events that are told apart, in document order (raw bytes last)"),
                _ => format!("{payload}; told apart by {key}"),
            };
            seen.entry(key).or_insert_with(|| event.name.clone());
            let sep = if plan.callback.is_some() { ":" } else { "" };
            let subject = format!("{}{sep} {} {}", plan.subject, event.method.as_str(), event.name);
            decisions.push(Decision { kind: DecisionKind::Webhook, subject, detail, evidence: vec![event.origin.clone()] });
            events.push(event);
        }
        out.push(WebhookGroup { callback: plan.callback, events });
    }
    out
}

/// How an event is told apart, in words; empty when nothing tells it apart.
fn keyed_by(event: &WebhookEvent) -> String {
    let list = |v: &[String]| v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ");
    let mut parts = Vec::new();
    if let Some((header, values)) = &event.header {
        parts.push(format!("the header `{header}` = {}", list(values)));
    }
    if !event.actions.is_empty() {
        parts.push(format!("`action` = {}", list(&event.actions)));
    }
    parts.join(" and ")
}

fn strings(values: &[Value]) -> Vec<String> {
    values.iter().filter_map(|v| v.as_str().map(str::to_string)).collect()
}

/// The declared values of a schema (`enum`, or `const` lowered to a one-value enum).
fn enum_values(schema: &Schema, schemas: &BTreeMap<String, Schema>, depth: usize) -> Vec<Value> {
    match &schema.kind {
        SchemaKind::Ref(name) if depth < 16 => schemas.get(name).map(|s| enum_values(s, schemas, depth + 1)).unwrap_or_default(),
        _ => schema.enum_values.clone(),
    }
}

/// The declared values of the payload's top-level `action` property, through `$ref`s and `allOf`.
fn action_values(schema: &Schema, schemas: &BTreeMap<String, Schema>, depth: usize) -> Vec<Value> {
    if depth > 16 {
        return Vec::new();
    }
    match &schema.kind {
        SchemaKind::Ref(name) => schemas.get(name).map(|s| action_values(s, schemas, depth + 1)).unwrap_or_default(),
        SchemaKind::AllOf(parts) => parts.iter().map(|p| action_values(p, schemas, depth + 1)).find(|v| !v.is_empty()).unwrap_or_default(),
        SchemaKind::Object { properties, .. } => {
            properties.iter().find(|(n, _)| n == "action").map(|(_, s)| enum_values(s, schemas, depth + 1)).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(properties: Vec<(&str, Schema)>) -> Schema {
        let properties = properties.into_iter().map(|(n, s)| (n.to_string(), s)).collect();
        Schema { kind: SchemaKind::Object { properties, required: Vec::new(), additional: None }, ..Schema::default() }
    }

    #[test]
    fn action_values_are_found_through_refs_and_all_of() {
        let action = Schema { kind: SchemaKind::String, enum_values: vec![json!("opened")], ..Schema::default() };
        let mut schemas = BTreeMap::new();
        schemas.insert("Action".to_string(), action);
        schemas.insert("Base".to_string(), object(vec![("action", Schema { kind: SchemaKind::Ref("Action".into()), ..Schema::default() })]));
        let payload = Schema { kind: SchemaKind::AllOf(vec![object(vec![("x", Schema::default())]), Schema { kind: SchemaKind::Ref("Base".into()), ..Schema::default() }]), ..Schema::default() };
        assert_eq!(strings(&action_values(&payload, &schemas, 0)), ["opened"]);
        // A reference cycle ends, with nothing found.
        schemas.insert("Loop".to_string(), Schema { kind: SchemaKind::Ref("Loop".into()), ..Schema::default() });
        assert!(action_values(&Schema { kind: SchemaKind::Ref("Loop".into()), ..Schema::default() }, &schemas, 0).is_empty());
    }
}
