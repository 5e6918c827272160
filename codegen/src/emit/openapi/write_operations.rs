//! The operations of [`super::operations`] written straight onto the [`Writer`], without
//! building them as `Value`s first (with the examples' values borrowed where they go): building
//! and dropping them was over a third of `openapi.json`'s time on GitHub's description.
//! Same members in the same order; `operations.rs` stays the reference the debug builds
//! compare against (see `openapi_json`), and writes the rare path items this does not: those
//! with split operations or callbacks.

use super::operations::{reason, Example};
use super::write_schemas::{pointer, write_origins, write_ty};
use super::{text, Writer};
use crate::model::{Api, BodyKind, OpParam, OpResponse, Operation, ParamLocation, RequestBody, Ty};

/// One operation as `operations::operation` builds it; `examples`: its own.
pub fn write_operation(out: &mut Writer, api: &Api, op: &Operation, examples: &[Example]) {
    out.open(b'{');
    out.key_string("operationId", op.id.trim_start_matches("r#"));
    if let Some(s) = text(op.summary.as_deref()) {
        out.key_string("summary", s.lines().next().unwrap_or_default());
    }
    if let Some(d) = text(op.description.as_deref()) {
        out.key_string("description", &d);
    }
    if !op.tags.is_empty() {
        out.key("tags");
        out.strings(op.tags.iter().map(String::as_str));
    }
    parameters(out, api, op);
    if let Some(r) = &op.request {
        request_body(out, api, examples, r);
    }
    out.key("responses");
    responses(out, api, op, examples);
    out.key("security");
    out.open(b'[');
    for name in &op.auth {
        out.element();
        out.open(b'{');
        out.key(name);
        out.open(b'[');
        out.close(b']');
        out.close(b'}');
    }
    out.close(b']');
    if let Some(server) = &op.server {
        out.key("servers");
        out.open(b'[');
        out.element();
        out.object(|out| out.key_string("url", server));
        out.close(b']');
    }
    if op.deprecated {
        out.key("deprecated");
        out.bool(true);
    }
    write_origins(out, &op.origins);
    out.close(b'}');
}

fn parameters(out: &mut Writer, api: &Api, op: &Operation) {
    // A path template parameter the model has no type for is a string (see `operations`).
    let untyped = |name: &&str| !op.params.iter().any(|p| p.location == ParamLocation::Path && p.name == *name);
    let mut missing = op.path.params().filter(untyped).peekable();
    if op.params.is_empty() && missing.peek().is_none() {
        return;
    }
    out.key("parameters");
    out.open(b'[');
    for p in &op.params {
        out.element();
        parameter(out, api, p);
    }
    for name in missing {
        out.element();
        out.open(b'{');
        out.key_string("name", name);
        out.key_string("in", "path");
        out.key("required");
        out.bool(true);
        out.key("schema");
        write_ty(out, &api.types, &Ty::String);
        out.close(b'}');
    }
    out.close(b']');
}

fn parameter(out: &mut Writer, api: &Api, p: &OpParam) {
    let location = match p.location {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    };
    out.open(b'{');
    out.key_string("name", &p.name);
    out.key_string("in", location);
    if let Some(d) = text(p.docs.as_deref()) {
        out.key_string("description", &d);
    }
    out.key("required");
    out.bool(p.required || p.location == ParamLocation::Path);
    out.key("schema");
    write_ty(out, &api.types, &p.ty);
    out.close(b'}');
}

/// A body's schema: its type's, else `default`.
enum Schema<'t> {
    Of(Option<&'t Ty>, Ty),
    Binary,
    /// Multipart's, built as a `Value` (rare).
    Built(serde_json::Value),
}

fn write_schema(out: &mut Writer, api: &Api, schema: &Schema) {
    match schema {
        Schema::Of(Some(ty), _) => write_ty(out, &api.types, ty),
        // `{}` (`Ty::Json`), `{"type": "string"}` or `{"type": "object"}`.
        Schema::Of(None, default) => write_ty(out, &api.types, default),
        Schema::Binary => {
            out.open(b'{');
            out.key_string("type", "string");
            out.key_string("contentMediaType", "application/octet-stream");
            out.close(b'}');
        }
        Schema::Built(value) => out.value(value),
    }
}

fn request_body(out: &mut Writer, api: &Api, examples: &[Example], r: &RequestBody) {
    let ty = r.ty.as_ref();
    let (content_type, schema, with_examples) = match r.kind {
        BodyKind::Empty => return,
        BodyKind::Json => ("application/json", Schema::Of(ty, Ty::Json), true),
        // `{"type": "object"}`: `Ty::Map` would add `additionalProperties`.
        BodyKind::Form => ("application/x-www-form-urlencoded", ty.map_or_else(|| Schema::Built(serde_json::json!({"type": "object"})), |t| Schema::Of(Some(t), Ty::Json)), true),
        BodyKind::Multipart => ("multipart/form-data", Schema::Built(super::operations::multipart_schema(api, r)), false),
        BodyKind::Text => (r.content_type.as_str(), Schema::Of(None, Ty::String), false),
        BodyKind::Binary => (r.content_type.as_str(), Schema::Binary, false),
    };
    out.key("requestBody");
    out.open(b'{');
    out.key("required");
    out.bool(true);
    out.key("content");
    out.open(b'{');
    out.key(content_type);
    let request = |e: &&Example| e.1.request;
    media_type(out, api, &schema, examples.iter().filter(request).filter(|_| with_examples));
    out.close(b'}');
    out.close(b'}');
}

/// `{"schema": …, "examples": {"example-1": {"summary": "From …", "value": …}, …}}`.
fn media_type<'e>(out: &mut Writer, api: &Api, schema: &Schema, examples: impl Iterator<Item = &'e Example<'e>>) {
    out.open(b'{');
    out.key("schema");
    write_schema(out, api, schema);
    let mut examples = examples.enumerate().peekable();
    if examples.peek().is_some() {
        out.key("examples");
        out.open(b'{');
        for (i, (_, e)) in examples {
            out.key(&format!("example-{}", i + 1));
            out.open(b'{');
            out.key("summary");
            out.string_of(&["From ", &e.origin.file, "#", pointer(&e.origin)]);
            out.key("value");
            out.value(&e.value);
            out.close(b'}');
        }
        out.close(b'}');
    }
    out.close(b'}');
}

fn responses(out: &mut Writer, api: &Api, op: &Operation, examples: &[Example]) {
    out.open(b'{');
    let mut seen: Vec<Option<u16>> = Vec::with_capacity(op.responses.len());
    for r in &op.responses {
        // The first of each status (as a map keyed by status keeps it).
        if seen.contains(&r.status) {
            continue;
        }
        seen.push(r.status);
        match r.status {
            Some(s) => out.key(&s.to_string()),
            None => out.key("default"),
        }
        response(out, api, examples, r);
    }
    if seen.is_empty() {
        out.key("default");
        out.open(b'{');
        out.key_string("description", "The documents show no response for this operation.");
        out.close(b'}');
    }
    out.close(b'}');
}

fn response(out: &mut Writer, api: &Api, examples: &[Example], r: &OpResponse) {
    out.open(b'{');
    let description = text(r.description.as_deref());
    out.key_string("description", description.as_deref().unwrap_or_else(|| reason(r.status)));
    let ty = r.ty.as_ref();
    let (content_type, schema, with_examples) = match r.kind {
        BodyKind::Empty => {
            out.close(b'}');
            return;
        }
        BodyKind::Json | BodyKind::Form | BodyKind::Multipart => ("application/json", Schema::Of(ty, Ty::Json), true),
        BodyKind::Text => ("text/plain", Schema::Of(ty, Ty::String), false),
        BodyKind::Binary => ("application/octet-stream", Schema::Binary, false),
    };
    out.key("content");
    out.open(b'{');
    out.key(content_type);
    let this = |e: &&Example| !e.1.request && e.1.status == r.status;
    media_type(out, api, &schema, examples.iter().filter(this).filter(|_| with_examples));
    out.close(b'}');
    out.close(b'}');
}
