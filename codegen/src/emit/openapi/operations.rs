//! Operations as OpenAPI path items: parameters, request bodies, every documented status with
//! its schema, and the examples the documents gave for each body.

use super::examples_in_place::PathItem;
use super::schemas::ty_schema;
use super::security::operation_security;
use super::webhooks::{add_callbacks, callbacks, Callback};
use super::write_operations::write_operation;
use super::{object, origins, text, Writer};
use crate::model::{Api, BodyKind, ExampleUse, OpParam, OpResponse, Operation, ParamLocation, RequestBody, Ty, TypeKind};
use serde_json::{json, Map, Value};
use foldhash::HashMap;

/// An example with its index in `api.examples`.
pub type Example<'a> = (usize, &'a ExampleUse);

/// The operations of one method on one path template, in the order they come.
type Slot<'a> = (String, Vec<&'a Operation>);

/// `paths`, built one path item at a time by [`Paths::items`].
pub struct Paths<'a> {
    api: &'a Api,
    /// The path templates in the order the operations come, each with its method slots in
    /// the order they come, each slot with its operations in the order they come.
    items: Vec<(String, Vec<Slot<'a>>)>,
    examples: HashMap<&'a str, Vec<Example<'a>>>,
    callbacks: Vec<Callback<'a>>,
}

pub fn paths(api: &Api) -> Paths<'_> {
    let mut items: Vec<(String, Vec<Slot>)> = Vec::new();
    let mut item_of: HashMap<String, usize> = HashMap::default();
    for op in &api.operations {
        let method = op.method.as_str().to_ascii_lowercase();
        let at = *item_of.entry(op.path.to_openapi()).or_insert_with_key(|path| {
            items.push((path.clone(), Vec::new()));
            items.len() - 1
        });
        let slots = &mut items[at].1;
        match slots.iter_mut().find(|(m, _)| *m == method) {
            Some((_, ops)) => ops.push(op),
            None => slots.push((method, vec![op])),
        }
    }
    let mut examples: HashMap<&str, Vec<Example>> = HashMap::default();
    for (at, e) in api.examples.iter().enumerate() {
        examples.entry(e.operation.as_str()).or_default().push((at, e));
    }
    Paths { api, items, examples, callbacks: callbacks(api) }
}

impl Paths<'_> {
    /// Each path template with its item (operations and callbacks), one at a time;
    /// `direct`: written by [`write_operation`] where it can (see `write_operations`).
    pub fn write(&self, out: &mut Writer, direct: bool) {
        for (path, slots) in &self.items {
            out.key(path);
            let simple = slots.iter().all(|(_, ops)| ops.len() == 1) && !self.callbacks.iter().any(|c| c.path() == path);
            if direct && simple {
                out.open(b'{');
                for (method, ops) in slots {
                    out.key(method);
                    write_operation(out, self.api, ops[0], self.of(ops[0]));
                }
                out.close(b'}');
                continue;
            }
            let mut item = Map::new();
            for (method, ops) in slots {
                let op = slot(self.api, method, ops, &self.examples, &mut item);
                item.insert(method.clone(), op);
            }
            add_callbacks(self.api, &self.callbacks, path, &mut item);
            PathItem { item: Value::Object(item), examples: &self.api.examples }.write(out);
        }
    }

    /// The operation's own examples.
    fn of(&self, op: &Operation) -> &[Example<'_>] {
        self.examples.get(op.id.as_str()).map_or(&[][..], Vec::as_slice)
    }
}

/// The operation in one method-and-path slot. Several (requests split for their auth, see
/// `merge::split`) have no place in OpenAPI: the one needing no credentials takes the slot,
/// its body widened to accept the others' (so that a server validating against the document
/// accepts every call), and the others go into the path item's `x-split-operations`.
fn slot(api: &Api, method: &str, ops: &[&Operation], examples: &HashMap<&str, Vec<Example>>, item: &mut Map<String, Value>) -> Value {
    let main = if ops.len() > 1 { ops.iter().position(|o| o.auth.is_empty()).unwrap_or(0) } else { 0 };
    let of = |op: &Operation| examples.get(op.id.as_str()).map_or(&[][..], Vec::as_slice);
    let mut out = operation(api, ops[main], of(ops[main]));
    for op in ops.iter().enumerate().filter(|(i, _)| *i != main).map(|(_, op)| op) {
        let mut other = operation(api, op, of(op));
        widen_body(&mut out, &other);
        if let Value::Object(o) = &mut other {
            o.insert("x-method".into(), json!(method));
        }
        let list = item.entry("x-split-operations").or_insert_with(|| json!([]));
        if let Value::Array(list) = list {
            list.push(other);
        }
    }
    out
}

/// Makes `main`'s request body accept `other`'s too: `anyOf` both schemas per media type.
fn widen_body(main: &mut Value, other: &Value) {
    let Some(theirs) = other.pointer("/requestBody/content").and_then(Value::as_object) else { return };
    let Value::Object(main_op) = main else { return };
    let Some(Value::Object(body)) = main_op.get_mut("requestBody") else {
        main_op.insert("requestBody".into(), json!({"content": theirs.clone()}));
        return;
    };
    let Some(Value::Object(content)) = body.get_mut("content") else { return };
    for (media, their_media) in theirs {
        let Some(their_schema) = their_media.get("schema") else { continue };
        let Some(Value::Object(mine)) = content.get_mut(media) else {
            content.insert(media.clone(), their_media.clone());
            continue;
        };
        let my_schema = mine.remove("schema").unwrap_or_else(|| json!({}));
        mine.insert("schema".into(), object([("anyOf", Value::Array(vec![my_schema, their_schema.clone()]))]));
    }
}

/// The tags the operations use, in first-use order, for the document's `tags` list.
pub fn tags(api: &Api) -> Vec<Value> {
    let mut seen: Vec<&String> = Vec::new();
    for tag in api.operations.iter().flat_map(|op| &op.tags) {
        if !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    seen.into_iter().map(|t| json!({"name": t})).collect()
}

/// One operation; `examples`: its own, in the order the documents gave them.
fn operation(api: &Api, op: &Operation, examples: &[Example]) -> Value {
    let mut out = Map::new();
    out.insert("operationId".into(), json!(op.id.trim_start_matches("r#")));
    if let Some(s) = text(op.summary.as_deref()) {
        out.insert("summary".into(), json!(s.lines().next().unwrap_or_default()));
    }
    if let Some(d) = text(op.description.as_deref()) {
        out.insert("description".into(), json!(d));
    }
    if !op.tags.is_empty() {
        out.insert("tags".into(), json!(op.tags));
    }
    let params = parameters(api, op);
    if !params.is_empty() {
        out.insert("parameters".into(), Value::Array(params));
    }
    if let Some(body) = op.request.as_ref().and_then(|r| request_body(api, examples, r)) {
        out.insert("requestBody".into(), body);
    }
    out.insert("responses".into(), responses(api, op, examples));
    out.insert("security".into(), operation_security(op));
    if let Some(server) = &op.server {
        out.insert("servers".into(), json!([{"url": server}]));
    }
    if op.deprecated {
        out.insert("deprecated".into(), json!(true));
    }
    if !op.origins.is_empty() {
        out.insert("x-origins".into(), origins(&op.origins));
    }
    Value::Object(out)
}

fn parameters(api: &Api, op: &Operation) -> Vec<Value> {
    let mut out: Vec<Value> = op.params.iter().map(|p| parameter(api, p)).collect();
    // Every path template parameter must be declared; one the model has no type for is a
    // string, as the client sends it.
    for name in op.path.params() {
        if !op.params.iter().any(|p| p.location == ParamLocation::Path && p.name == name) {
            out.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
        }
    }
    out
}

fn parameter(api: &Api, p: &OpParam) -> Value {
    let location = match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    let mut out = Map::new();
    out.insert("name".into(), json!(p.name));
    out.insert("in".into(), json!(location));
    if let Some(d) = text(p.docs.as_deref()) {
        out.insert("description".into(), json!(d));
    }
    out.insert("required".into(), json!(p.required || p.location == ParamLocation::Path));
    out.insert("schema".into(), ty_schema(&api.types, &p.ty));
    Value::Object(out)
}

fn request_body(api: &Api, examples: &[Example], r: &RequestBody) -> Option<Value> {
    let examples = numbered(examples, |e| e.request);
    let media = match r.kind {
        BodyKind::Empty => return None,
        BodyKind::Json => media_type(r.ty.as_ref().map_or(json!({}), |t| ty_schema(&api.types, t)), examples),
        BodyKind::Form => media_type(r.ty.as_ref().map_or(json!({"type": "object"}), |t| ty_schema(&api.types, t)), examples),
        BodyKind::Multipart => media_type(multipart_schema(api, r), Vec::new()),
        BodyKind::Text => media_type(json!({"type": "string"}), Vec::new()),
        BodyKind::Binary => media_type(binary_schema(), Vec::new()),
    };
    let content_type = match r.kind {
        BodyKind::Json => "application/json",
        BodyKind::Form => "application/x-www-form-urlencoded",
        BodyKind::Multipart => "multipart/form-data",
        _ => r.content_type.as_str(),
    };
    Some(object([("required", json!(true)), ("content", object([(content_type, media)]))]))
}

/// The text fields of the form type, plus the file parts, which the client always sends.
pub fn multipart_schema(api: &Api, r: &RequestBody) -> Value {
    let mut schema = match &r.ty {
        Some(Ty::Named(id)) => match &api.types.get(*id).kind {
            TypeKind::Struct(_) => ty_schema(&api.types, &Ty::Named(*id)),
            _ => json!({"type": "object"}),
        },
        _ => json!({"type": "object"}),
    };
    if r.file_fields.is_empty() {
        return schema;
    }
    let mut properties = Map::new();
    for f in &r.file_fields {
        properties.insert(f.clone(), binary_schema());
    }
    let files = json!({"type": "object", "properties": properties, "required": r.file_fields});
    if schema.get("$ref").is_some() {
        schema = object([("allOf", Value::Array(vec![schema, files]))]);
    } else {
        schema = files;
    }
    schema
}

fn binary_schema() -> Value {
    json!({"type": "string", "contentMediaType": "application/octet-stream"})
}

/// Each example's value is its index in `api.examples`, put in place as [`PathItem`] is
/// written: a copy of GitHub's examples was an eighth of this file's time.
fn media_type(schema: Value, examples: Vec<(String, Example)>) -> Value {
    let mut out = Map::new();
    out.insert("schema".into(), schema);
    if !examples.is_empty() {
        let map: Map<String, Value> = examples
            .into_iter()
            .map(|(key, (at, e))| (key, object([("summary", Value::String(format!("From {}", e.origin))), ("value", json!(at))])))
            .collect();
        out.insert("examples".into(), Value::Object(map));
    }
    Value::Object(out)
}

/// The examples of one body, keyed `example-1`, `example-2`, ... in the order the documents
/// gave them.
fn numbered<'a>(examples: &[Example<'a>], which: impl Fn(&ExampleUse) -> bool) -> Vec<(String, Example<'a>)> {
    examples
        .iter()
        .copied()
        .filter(|(_, e)| which(e))
        .enumerate()
        .map(|(i, e)| (format!("example-{}", i + 1), e))
        .collect()
}

fn responses(api: &Api, op: &Operation, examples: &[Example]) -> Value {
    let mut out = Map::new();
    for r in &op.responses {
        let key = r.status.map_or_else(|| "default".to_string(), |s| s.to_string());
        if out.contains_key(&key) {
            continue;
        }
        out.insert(key, response(api, examples, r));
    }
    if out.is_empty() {
        // OpenAPI wants at least one response; the client takes any 2xx as success.
        out.insert("default".into(), json!({"description": "The documents show no response for this operation."}));
    }
    Value::Object(out)
}

fn response(api: &Api, examples: &[Example], r: &OpResponse) -> Value {
    let mut out = Map::new();
    let description = text(r.description.as_deref()).unwrap_or_else(|| reason(r.status).to_string());
    out.insert("description".into(), json!(description));
    let examples = numbered(examples, |e| !e.request && e.status == r.status);
    let schema = r.ty.as_ref().map(|t| ty_schema(&api.types, t));
    let content = match r.kind {
        BodyKind::Empty => None,
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart => Some(("application/json", media_type(schema.unwrap_or(json!({})), examples))),
        BodyKind::Text => Some(("text/plain", media_type(schema.unwrap_or(json!({"type": "string"})), Vec::new()))),
        BodyKind::Binary => Some(("application/octet-stream", media_type(binary_schema(), Vec::new()))),
    };
    if let Some((ct, media)) = content {
        out.insert("content".into(), object([(ct, media)]));
    }
    Value::Object(out)
}

/// The standard reason phrase, for responses the documents did not describe.
pub fn reason(status: Option<u16>) -> &'static str {
    let Some(s) = status else { return "Any other status." };
    crate::surface::calls::known_reason(s).unwrap_or(match s {
        200..=299 => "Success",
        400..=499 => "Client error",
        _ => "Status",
    })
}
