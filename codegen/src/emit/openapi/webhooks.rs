//! Webhooks and callbacks in the emitted document: the document's webhooks under `webhooks`,
//! each callback under its operation's `callbacks`, so that nothing the crate decodes is
//! missing from it.

use super::schemas::ty_schema;
use super::{object, origins, text};
use crate::model::{Api, BodyKind, WebhookEvent, WebhookGroup};
use crate::name;
use serde_json::{json, Map, Value};

/// The document's `webhooks`: name -> path item, methods in the order they come.
pub fn webhooks(api: &Api) -> Map<String, Value> {
    let mut out = Map::new();
    for e in api.webhooks.iter().filter(|g| g.callback.is_none()).flat_map(|g| &g.events) {
        add(api, &mut out, e, "webhook");
    }
    out
}

/// A callback group with the path template and method of its operation.
pub struct Callback<'a> {
    path: String,
    method: String,
    op_id: &'a str,
    key: &'a str,
    group: &'a WebhookGroup,
}

impl Callback<'_> {
    /// The path template of its operation.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// The callbacks whose operation exists, in the order they come.
pub fn callbacks(api: &Api) -> Vec<Callback<'_>> {
    let mut out = Vec::new();
    for group in &api.webhooks {
        let Some((op_id, key)) = &group.callback else { continue };
        let Some(op) = api.operations.iter().find(|o| &o.id == op_id) else { continue };
        out.push(Callback { path: op.path.to_openapi(), method: op.method.as_str().to_ascii_lowercase(), op_id, key, group });
    }
    out
}

/// Puts each callback of an operation on `path` under that operation in its path item.
pub fn add_callbacks(api: &Api, callbacks: &[Callback], path: &str, item: &mut Map<String, Value>) {
    for c in callbacks.iter().filter(|c| c.path == path) {
        let Some(Value::Object(op)) = item.get_mut(&c.method) else { continue };
        let callbacks = op.entry("callbacks").or_insert_with(|| json!({}));
        let Value::Object(callbacks) = callbacks else { continue };
        let Value::Object(callback) = callbacks.entry(c.key.to_string()).or_insert_with(|| json!({})) else { continue };
        let prefix = format!("{}_{}", c.op_id.trim_start_matches("r#"), name::snake(c.key).trim_start_matches("r#"));
        for e in &c.group.events {
            add(api, callback, e, &prefix);
        }
    }
}

/// One event as an operation of the path item named after it. Its id is `prefix` and the
/// event's variant; it needs no credentials the crate knows of.
fn add(api: &Api, items: &mut Map<String, Value>, e: &WebhookEvent, prefix: &str) {
    let mut op = Map::new();
    let summary = text(e.summary.as_deref()).unwrap_or_else(|| format!("{} {}", e.method.as_str(), e.name));
    op.insert("summary".into(), json!(summary));
    op.insert("operationId".into(), json!(format!("{prefix}_{}", name::snake(&e.variant).trim_start_matches("r#"))));
    op.insert("security".into(), json!([]));
    if let Some((header, values)) = &e.header {
        op.insert("parameters".into(), json!([{"name": header, "in": "header", "required": true, "schema": {"type": "string", "enum": values}}]));
    }
    let (media, schema) = match (e.kind, &e.ty) {
        (BodyKind::Json, Some(ty)) => ("application/json", ty_schema(&api.types, ty)),
        (BodyKind::Json, None) => ("application/json", json!({})),
        _ => ("application/octet-stream", json!({})),
    };
    op.insert("requestBody".into(), object([("required", json!(true)), ("content", object([(media, object([("schema", schema)]))]))]));
    op.insert("responses".into(), json!({"200": {"description": "The delivery was received."}}));
    op.insert("x-origins".into(), origins(std::slice::from_ref(&e.origin)));
    let item = items.entry(e.name.clone()).or_insert_with(|| json!({}));
    if let Value::Object(item) = item {
        item.insert(e.method.as_str().to_ascii_lowercase(), Value::Object(op));
    }
}
