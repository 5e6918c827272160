//! The typed pieces of an OpenAPI 3.0 document into the model (walked by `pieces`): operations,
//! parameters, bodies, responses, servers and authentication. Schemas are read by
//! [`crate::read::schema`].

use super::{child, component_name, local_pointer, Ctx};
use crate::model::{
    AuthHint, AuthKind, AuthScheme, Body, BodyKind, Decision, DecisionKind, Example, ExampleBody, FormField, Method, Param,
    ParamLocation, PathTemplate, Response, Schema, SchemaKind, Segment, SourceOperation,
};
use crate::read::schema;
use openapiv3::{
    APIKeyLocation, Components, MediaType, Operation, Parameter, ParameterData, ParameterSchemaOrContent, PathItem, QueryStyle,
    ReferenceOr, SecurityRequirement, SecurityScheme, Server, StatusCode,
};
use serde::de::value::StrDeserializer;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// The component schemas as read, where a form body's fields are looked up: all read, or
/// still being read on another thread (asking waits for them).
pub(super) trait SchemaMap {
    fn schema(&self, name: &str) -> Option<&Schema>;
}

impl SchemaMap for BTreeMap<String, Schema> {
    fn schema(&self, name: &str) -> Option<&Schema> {
        self.get(name)
    }
}

pub(super) struct OpContext {
    pub(super) global: Option<AuthHint>,
    pub(super) known_schemes: Vec<String>,
}

pub(super) fn operation_of<'i>(item: &'i PathItem, name: &str) -> Option<(Method, &'i Operation)> {
    let (method, op) = match name {
        "get" => (Method::Get, &item.get),
        "put" => (Method::Put, &item.put),
        "post" => (Method::Post, &item.post),
        "delete" => (Method::Delete, &item.delete),
        "options" => (Method::Options, &item.options),
        "head" => (Method::Head, &item.head),
        "patch" => (Method::Patch, &item.patch),
        "trace" => (Method::Trace, &item.trace),
        _ => return None,
    };
    op.as_ref().map(|op| (method, op))
}

pub(super) fn non_empty(s: Option<&String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty()).cloned()
}

fn decide(cx: &mut Ctx, kind: DecisionKind, subject: &str, detail: impl Into<String>, pointer: &str) {
    let evidence = vec![cx.origin(pointer)];
    cx.decisions.push(Decision { kind, subject: subject.to_string(), detail: detail.into(), evidence });
}

// ---------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------

/// One operation of the path item at `path_pointer`. Webhooks and callbacks are read here
/// too, with an empty `path`.
#[allow(clippy::too_many_arguments)]
pub(super) fn operation<'a: 'i, 'i>(
    cx: &mut Ctx<'a>,
    schemas: &dyn SchemaMap,
    op_cx: &OpContext,
    path: &str,
    path_pointer: &str,
    item: &'i PathItem,
    method: Method,
    method_name: &str,
    op: &'i Operation,
) -> SourceOperation {
    let op_pointer = child(path_pointer, method_name);
    let template = path_template(cx, path, path_pointer);
    let subject = format!("{} {}", method.as_str(), template.to_openapi());

    // Path-level parameters first, each replaced by an operation parameter of the same name
    // and location; then the operation's own.
    let mut declared: Vec<(&Parameter, String)> = Vec::with_capacity(item.parameters.len() + op.parameters.len());
    let item_params = child(path_pointer, "parameters");
    for (i, p) in item.parameters.iter().enumerate() {
        if let Some((p, pointer)) = resolve_parameter(cx, p, &child(&item_params, i)) {
            declared.push((p, pointer));
        }
    }
    let path_level = declared.len();
    let op_params = child(&op_pointer, "parameters");
    for (i, p) in op.parameters.iter().enumerate() {
        let Some((p, pointer)) = resolve_parameter(cx, p, &child(&op_params, i)) else { continue };
        let key = param_key(p);
        if let Some(slot) = declared.iter().take(path_level).position(|(q, _)| param_key(q) == key) {
            if let Some(entry) = declared.get_mut(slot) {
                *entry = (p, pointer);
            }
        } else if declared.iter().skip(path_level).any(|(q, _)| param_key(q) == key) {
            cx.warn(&pointer, format!("the parameter `{}` is declared twice; the first one is kept", key.1));
        } else {
            declared.push((p, pointer));
        }
    }

    let mut params = Vec::with_capacity(declared.len());
    let mut auth_header = None;
    for (p, pointer) in declared {
        let data = p.parameter_data_ref();
        if let Parameter::Header { .. } = p {
            if data.name.eq_ignore_ascii_case("authorization") {
                let value = example_text(data);
                auth_header = Some((AuthHint::Header { name: data.name.clone(), value }, pointer));
                continue;
            }
            if data.name.eq_ignore_ascii_case("content-type") || data.name.eq_ignore_ascii_case("accept") {
                cx.warn(
                    &pointer,
                    format!("the header parameter `{}` is ignored (OpenAPI says so): the media types of the bodies decide it", data.name),
                );
                continue;
            }
        }
        let mut read = param(cx, p, &pointer);
        if read.location == ParamLocation::Path {
            if !template.params().any(|name| name == read.name) {
                cx.warn(&pointer, format!("the path parameter `{}` does not appear in the path `{path}`; it is ignored", read.name));
                continue;
            }
            if !read.required {
                cx.warn(&pointer, format!("the path parameter `{}` is not marked `required`; path parameters always are", read.name));
                decide(cx, DecisionKind::PathParameter, &subject, format!("`{}` made required: it is part of the path", read.name), &pointer);
                read.required = true;
            }
        }
        params.push(read);
    }
    for name in template.params() {
        let declared = params.iter().any(|p| p.location == ParamLocation::Path && p.name == name);
        if !declared {
            cx.warn(&op_pointer, format!("the path parameter `{name}` is not declared; it is read as a required string of unknown type"));
            decide(cx, DecisionKind::PathParameter, &subject, format!("`{name}` added: it appears in the path but is not declared"), &op_pointer);
            params.push(Param {
                name: name.to_string(),
                location: ParamLocation::Path,
                required: true,
                schema: None,
                description: None,
                examples: Vec::new(),
                disabled: false,
                origin: cx.origin(&op_pointer),
            });
        }
    }

    let mut request = Vec::new();
    if let Some(body) = &op.request_body {
        let lookup = |name: &str| cx.api.components.as_ref().and_then(|c| c.request_bodies.get(name));
        let found = follow(cx, body, &child(&op_pointer, "requestBody"), "requestBodies", lookup);
        if let Some((body, pointer)) = found {
            request = bodies(cx, schemas, &body.content, &child(&pointer, "content"), body.description.as_ref());
        }
    }

    let responses = responses(cx, schemas, op, &op_pointer);

    let auth = match &op.security {
        Some(reqs) => {
            if let Some((_, pointer)) = &auth_header {
                cx.warn(pointer, "the `Authorization` header parameter is ignored: the operation declares `security`");
            }
            Some(auth_hint(cx, reqs, &child(&op_pointer, "security"), &op_cx.known_schemes))
        }
        None => match auth_header {
            Some((hint, _)) => Some(hint),
            None => op_cx.global.clone(),
        },
    };

    // A server of the path item as a whole is filled in by the caller.
    let server = servers(cx, &op.servers, &child(&op_pointer, "servers")).into_iter().next();

    SourceOperation {
        method,
        path: template,
        name: non_empty(op.summary.as_ref()),
        operation_id: non_empty(op.operation_id.as_ref()),
        description: non_empty(op.description.as_ref()),
        tags: op.tags.clone(),
        params,
        request,
        responses,
        auth,
        server,
        deprecated: op.deprecated,
        origin: cx.origin(&op_pointer),
    }
}

fn param_key(p: &Parameter) -> (u8, String) {
    let location = match p {
        Parameter::Query { .. } => 0,
        Parameter::Header { .. } => 1,
        Parameter::Path { .. } => 2,
        Parameter::Cookie { .. } => 3,
    };
    let name = p.parameter_data_ref().name.clone();
    // Header names are case-insensitive on the wire.
    let name = if location == 1 { name.to_ascii_lowercase() } else { name };
    (location, name)
}

/// The path `/a/{id}/b` as segments. OpenAPI has one placeholder syntax, a whole `{name}` segment.
fn path_template(cx: &mut Ctx, path: &str, pointer: &str) -> PathTemplate {
    let body = path.strip_prefix('/').unwrap_or(path);
    if body.is_empty() {
        return PathTemplate::default();
    }
    let mut segments = Vec::with_capacity(memchr::memchr_iter(b'/', body.as_bytes()).count() + 1);
    for seg in body.split('/') {
        let param = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')).filter(|n| !n.is_empty() && !n.contains(['{', '}']));
        match param {
            Some(name) => segments.push(Segment::Param(name.to_string())),
            None => {
                if seg.contains(['{', '}']) {
                    cx.warn(pointer, format!("the path segment `{seg}` mixes literal text and a parameter; it is kept as literal text"));
                }
                segments.push(Segment::Literal(seg.to_string()));
            }
        }
    }
    PathTemplate { segments }
}

/// Follows `$ref`s to `components/<section>`; `None` (reported) when one leads nowhere.
fn follow<'v, T>(
    cx: &mut Ctx,
    start: &'v ReferenceOr<T>,
    pointer: &str,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'v ReferenceOr<T>>,
) -> Option<(&'v T, String)> {
    let prefix = format!("/components/{section}");
    let mut current = start;
    let mut here = pointer.to_string();
    for _ in 0..32 {
        match current {
            ReferenceOr::Item(item) => return Some((item, here)),
            ReferenceOr::Reference { reference } => {
                let name = local_pointer(reference).and_then(|t| component_name(&t, &prefix));
                match name.as_deref().and_then(|n| lookup(n).map(|next| (n, next))) {
                    Some((name, next)) => {
                        here = child(&prefix, name);
                        current = next;
                    }
                    None => {
                        cx.warn(&here, format!("`$ref: {reference}` points to nothing in `components/{section}`; it is ignored"));
                        return None;
                    }
                }
            }
        }
    }
    cx.warn(pointer, "these references form a loop; ignored");
    None
}

fn resolve_parameter<'a: 'v, 'v>(cx: &mut Ctx<'a>, p: &'v ReferenceOr<Parameter>, pointer: &str) -> Option<(&'v Parameter, String)> {
    let api: &'v openapiv3::OpenAPI = cx.api;
    follow(cx, p, pointer, "parameters", |name| api.components.as_ref().and_then(|c| c.parameters.get(name)))
}

fn param(cx: &mut Ctx, p: &Parameter, pointer: &str) -> Param {
    let data = p.parameter_data_ref();
    let (location, custom_style) = match p {
        Parameter::Query { style, parameter_data, .. } => {
            (ParamLocation::Query, *style != QueryStyle::Form || parameter_data.explode == Some(false))
        }
        Parameter::Header { parameter_data, .. } => (ParamLocation::Header, parameter_data.explode == Some(true)),
        Parameter::Path { style, parameter_data } => {
            (ParamLocation::Path, *style != openapiv3::PathStyle::Simple || parameter_data.explode == Some(true))
        }
        Parameter::Cookie { parameter_data, .. } => (ParamLocation::Cookie, parameter_data.explode == Some(false)),
    };
    if custom_style {
        cx.warn(pointer, format!("the serialization (`style`/`explode`) of `{}` is not kept; the default one is used", data.name));
    }
    let schema = match &data.format {
        ParameterSchemaOrContent::Schema(s) => Some(schema::read(cx, s, &child(pointer, "schema"))),
        ParameterSchemaOrContent::Content(content) => {
            if content.len() > 1 {
                cx.warn(&child(pointer, "content"), "a parameter with several media types: only the first is read");
            }
            content.iter().next().and_then(|(media_type, media)| {
                let at = child(&child(&child(pointer, "content"), media_type), "schema");
                media.schema.as_ref().map(|s| schema::read(cx, s, &at))
            })
        }
    };
    let mut examples = Vec::new();
    if let Some(v) = &data.example {
        examples.push(v.clone());
    }
    let api = cx.api;
    for (name, ex) in &data.examples {
        let at = child(&child(pointer, "examples"), name);
        let found = follow(cx, ex, &at, "examples", |n| api.components.as_ref().and_then(|c| c.examples.get(n)));
        if let Some(v) = found.and_then(|(ex, _)| ex.value.clone()) {
            examples.push(v);
        }
    }
    Param {
        name: data.name.clone(),
        location,
        required: data.required,
        schema,
        description: non_empty(data.description.as_ref()),
        examples,
        disabled: false,
        origin: cx.origin(pointer),
    }
}

/// The documented value of a header parameter (`Basic {{api-key}}`), for an auth hint.
fn example_text(data: &ParameterData) -> String {
    let from_schema = match &data.format {
        ParameterSchemaOrContent::Schema(ReferenceOr::Item(s)) => s.schema_data.example.clone().or_else(|| s.schema_data.default.clone()),
        _ => None,
    };
    let value = data.example.clone().or_else(|| data.examples.values().find_map(|e| e.as_item().and_then(|e| e.value.clone()))).or(from_schema);
    match value {
        Some(Value::String(s)) => s,
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// Bodies and responses
// ---------------------------------------------------------------------------------------------

fn responses(cx: &mut Ctx, schemas: &dyn SchemaMap, op: &Operation, op_pointer: &str) -> Vec<Response> {
    let base = child(op_pointer, "responses");
    // The keys as the document wrote them, in its order (`default` included).
    let mut keys: Vec<String> = cx.kept.responses(&base);
    if keys.is_empty() {
        keys = op.responses.responses.keys().map(|c| c.to_string()).collect();
        if op.responses.default.is_some() {
            keys.push("default".into());
        }
    }
    let api = cx.api;
    let mut out = Vec::with_capacity(keys.len());
    for key in keys {
        let pointer = child(&base, &key);
        let (status, response) = if key == "default" {
            (None, op.responses.default.as_ref())
        } else {
            match StatusCode::deserialize(StrDeserializer::<serde::de::value::Error>::new(&key)) {
                Ok(code) => {
                    let status = match code {
                        StatusCode::Code(n) => Some(n),
                        StatusCode::Range(n) => {
                            cx.warn(&pointer, format!("the status range `{key}` is read as status {n}00"));
                            Some(n.saturating_mul(100))
                        }
                    };
                    (status, op.responses.responses.get(&code))
                }
                Err(_) => continue,
            }
        };
        let Some(response) = response else { continue };
        let lookup = |name: &str| api.components.as_ref().and_then(|c| c.responses.get(name));
        let Some((response, at)) = follow(cx, response, &pointer, "responses", lookup) else { continue };
        let found = bodies(cx, schemas, &response.content, &child(&at, "content"), None);
        let (body, media) = super::media::one_body(cx, found, &child(&at, "content"));
        out.push(Response {
            status,
            description: non_empty(Some(&response.description)),
            body,
            media,
            headers: response.headers.keys().cloned().collect(),
            origin: cx.origin(&at),
        });
    }
    out
}

fn bodies(
    cx: &mut Ctx,
    schemas: &dyn SchemaMap,
    content: &openapiv3::Content,
    content_pointer: &str,
    description: Option<&String>,
) -> Vec<Body> {
    let mut out = Vec::with_capacity(content.len());
    for (content_type, media) in content {
        let pointer = child(content_pointer, content_type);
        let schema = media.schema.as_ref().map(|s| schema::read(cx, s, &child(&pointer, "schema")));
        let kind = body_kind(content_type, schema.as_ref());
        let examples = examples(cx, media, &pointer, kind, schema.as_ref());
        let form_fields = match kind {
            BodyKind::Form | BodyKind::Multipart => form_fields(cx, schemas, schema.as_ref(), media, &pointer),
            _ => Vec::new(),
        };
        if kind == BodyKind::Form && form_fields.iter().any(|f| f.is_file) {
            cx.warn(&pointer, "a file part in an `application/x-www-form-urlencoded` body cannot be sent as a file");
        }
        out.push(Body {
            content_type: content_type.clone(),
            kind,
            schema,
            examples,
            form_fields,
            description: non_empty(description),
            origin: cx.origin(&pointer),
        });
    }
    out
}

pub(crate) fn body_kind(content_type: &str, schema: Option<&Schema>) -> BodyKind {
    let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let binary_schema = schema.is_some_and(|s| s.kind == SchemaKind::String && s.format.as_deref() == Some("binary"));
    match essence.as_str() {
        "application/json" | "text/json" | "application/x-json" => BodyKind::Json,
        e if e.ends_with("+json") => BodyKind::Json,
        "application/x-www-form-urlencoded" => BodyKind::Form,
        e if e.starts_with("multipart/") => BodyKind::Multipart,
        e if e.starts_with("text/") => BodyKind::Text,
        "application/xml" | "application/yaml" | "application/x-yaml" | "application/javascript" => BodyKind::Text,
        e if e.ends_with("+xml") => BodyKind::Text,
        "*/*" | "application/*" | "" => {
            if binary_schema || schema.is_none() {
                BodyKind::Binary
            } else {
                BodyKind::Json
            }
        }
        e if e.contains("json") => BodyKind::Json,
        _ => BodyKind::Binary,
    }
}

fn examples(cx: &mut Ctx, media: &MediaType, pointer: &str, kind: BodyKind, schema: Option<&Schema>) -> Vec<Example> {
    let mut out = Vec::with_capacity(usize::from(media.example.is_some()) + media.examples.len());
    if let Some(v) = &media.example {
        out.push(Example { name: None, body: example_body(kind, v, schema), origin: cx.origin(&child(pointer, "example")) });
    }
    let api = cx.api;
    for (name, ex) in &media.examples {
        let at = child(&child(pointer, "examples"), name);
        let Some((ex, ex_pointer)) = follow(cx, ex, &at, "examples", |n| api.components.as_ref().and_then(|c| c.examples.get(n))) else {
            continue;
        };
        match (&ex.value, &ex.external_value) {
            (Some(v), _) => out.push(Example {
                name: Some(name.clone()),
                body: example_body(kind, v, schema),
                origin: cx.origin(&child(&ex_pointer, "value")),
            }),
            (None, Some(url)) => cx.warn(&ex_pointer, format!("the external example `{url}` is not fetched")),
            (None, None) => {}
        }
    }
    out
}

/// A string example of a JSON body that looks like JSON text was most likely meant as the JSON
/// it spells; one that does not parse is kept out of inference.
fn example_body(kind: BodyKind, v: &Value, schema: Option<&Schema>) -> ExampleBody {
    match (kind, v) {
        (BodyKind::Text | BodyKind::Binary, Value::String(s)) => ExampleBody::Text(s.clone()),
        (BodyKind::Json, Value::String(s)) => {
            let schema_says_string = schema.is_some_and(|s| s.kind == SchemaKind::String);
            let trimmed = s.trim_start();
            if !schema_says_string && (trimmed.starts_with('{') || trimmed.starts_with('[')) {
                match serde_json::from_str::<Value>(s) {
                    Ok(parsed) => ExampleBody::Json(parsed),
                    Err(e) => ExampleBody::InvalidJson { raw: s.clone(), error: e.to_string() },
                }
            } else {
                ExampleBody::Json(v.clone())
            }
        }
        _ => ExampleBody::Json(v.clone()),
    }
}

fn form_fields(cx: &mut Ctx, schemas: &dyn SchemaMap, schema: Option<&Schema>, media: &MediaType, pointer: &str) -> Vec<FormField> {
    let mut fields = Vec::new();
    if let Some(s) = schema {
        collect_fields(schemas, s, &mut fields, 0);
    }
    if fields.is_empty() {
        cx.warn(pointer, "the form body declares no fields (no `properties`); its fields are unknown");
    }
    for (name, encoding) in &media.encoding {
        let Some(content_type) = &encoding.content_type else { continue };
        let textual = content_type.starts_with("text/") || content_type.contains("json");
        if let Some(field) = fields.iter_mut().find(|f| &f.name == name) {
            if !textual {
                field.is_file = true;
            }
        }
    }
    fields
}

fn collect_fields(schemas: &dyn SchemaMap, s: &Schema, out: &mut Vec<FormField>, depth: usize) {
    if depth > 16 {
        return;
    }
    match &s.kind {
        SchemaKind::Ref(name) => {
            if let Some(target) = schemas.schema(name) {
                collect_fields(schemas, target, out, depth + 1);
            }
        }
        SchemaKind::AllOf(parts) => {
            for part in parts {
                collect_fields(schemas, part, out, depth + 1);
            }
        }
        SchemaKind::Object { properties, required, .. } => {
            for (name, p) in properties {
                if out.iter().any(|f| &f.name == name) {
                    continue;
                }
                out.push(FormField {
                    name: name.clone(),
                    is_file: is_file(schemas, p, 0),
                    required: required.contains(name),
                    schema: Some(p.clone()),
                    description: p.description.clone(),
                    example: p.example.clone(),
                });
            }
        }
        _ => {}
    }
}

fn is_file(schemas: &dyn SchemaMap, s: &Schema, depth: usize) -> bool {
    if depth > 16 {
        return false;
    }
    match &s.kind {
        SchemaKind::String => s.format.as_deref() == Some("binary"),
        SchemaKind::Array(items) => is_file(schemas, items, depth + 1),
        SchemaKind::Ref(name) => schemas.schema(name).is_some_and(|t| is_file(schemas, t, depth + 1)),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Servers and authentication
// ---------------------------------------------------------------------------------------------

pub(super) fn servers(cx: &mut Ctx, servers: &[Server], pointer: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, server) in servers.iter().enumerate() {
        if let Some(url) = server_url(cx, server, &child(pointer, i)) {
            if !out.contains(&url) {
                out.push(url);
            }
        }
    }
    out
}

/// The server URL with its `{variables}` replaced by their defaults.
fn server_url(cx: &mut Ctx, server: &Server, pointer: &str) -> Option<String> {
    let raw = server.url.trim();
    // The server, not its `url`: it is the server that is left out.
    let at = pointer.to_string();
    if raw.contains("{{") {
        cx.warn(&at, format!("the server URL `{raw}` is a Postman variable, not a URL; it is left out of the servers"));
        return None;
    }
    let mut url = String::new();
    let mut rest = raw;
    while let Some(open) = rest.find('{') {
        url.push_str(rest.get(..open).unwrap_or(""));
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('}') else {
            cx.warn(&at, format!("the server URL `{raw}` has an unclosed `{{`; it is left out of the servers"));
            return None;
        };
        let name = after.get(..close).unwrap_or("");
        match server.variables.as_ref().and_then(|v| v.get(name)) {
            Some(var) => url.push_str(&var.default),
            None => {
                cx.warn(&at, format!("the server variable `{name}` is not defined; the server `{raw}` is left out"));
                return None;
            }
        }
        rest = after.get(close + 1..).unwrap_or("");
    }
    url.push_str(rest);
    if url.is_empty() {
        cx.warn(&at, "an empty server URL is left out");
        return None;
    }
    while url.len() > 1 && url.ends_with('/') {
        url.pop();
    }
    Some(url)
}

pub(super) fn auth_schemes(cx: &mut Ctx, components: &Components) -> Vec<AuthScheme> {
    let mut out = Vec::new();
    let api = cx.api;
    for (name, scheme) in &components.security_schemes {
        let pointer = child("/components/securitySchemes", name);
        let lookup = |n: &str| api.components.as_ref().and_then(|c| c.security_schemes.get(n));
        let Some((scheme, at)) = follow(cx, scheme, &pointer, "securitySchemes", lookup) else { continue };
        let (kind, description) = match scheme {
            SecurityScheme::APIKey { location, name: key, description, .. } => match location {
                APIKeyLocation::Header => (AuthKind::Header { header: key.clone(), prefix: String::new() }, description),
                APIKeyLocation::Query => (AuthKind::Query { param: key.clone() }, description),
                APIKeyLocation::Cookie => {
                    cx.warn(&at, format!("the API key `{name}` goes in a cookie, which the generated client cannot send; it is left out"));
                    continue;
                }
            },
            SecurityScheme::HTTP { scheme: http, description, .. } => match http.to_ascii_lowercase().as_str() {
                "basic" => (AuthKind::Basic, description),
                "bearer" => (AuthKind::Bearer { prefix: "Bearer ".into() }, description),
                _ => {
                    cx.warn(&at, format!("the HTTP auth scheme `{http}` is read as an `Authorization: {http} <secret>` header"));
                    (AuthKind::Header { header: "Authorization".into(), prefix: format!("{http} ") }, description)
                }
            },
            SecurityScheme::OAuth2 { description, .. } | SecurityScheme::OpenIDConnect { description, .. } => {
                cx.warn(&at, format!("the flows of `{name}` are not generated; the client takes a ready bearer token"));
                (AuthKind::Bearer { prefix: "Bearer ".into() }, description)
            }
        };
        out.push(AuthScheme { name: name.clone(), kind, description: non_empty(description.as_ref()) });
    }
    out
}

pub(super) fn auth_hint(cx: &mut Ctx, reqs: &[SecurityRequirement], pointer: &str, known: &[String]) -> AuthHint {
    let mut names: Vec<String> = Vec::new();
    let mut optional = false;
    for (i, req) in reqs.iter().enumerate() {
        let at = child(pointer, i);
        if req.is_empty() {
            optional = true;
            continue;
        }
        if req.len() > 1 {
            let all = req.keys().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" and ");
            cx.warn(&at, format!("{all} are required together; the model keeps them as alternatives"));
        }
        for name in req.keys() {
            if !known.contains(name) {
                cx.warn(&at, format!("the security scheme `{name}` is not declared in `components/securitySchemes`"));
            }
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    if names.is_empty() {
        return AuthHint::None;
    }
    if optional {
        cx.warn(pointer, "authentication is optional here (an empty requirement); the model keeps it as required");
    }
    AuthHint::Schemes(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_kinds_follow_the_media_type() {
        assert_eq!(body_kind("application/json; charset=utf-8", None), BodyKind::Json);
        assert_eq!(body_kind("application/problem+json", None), BodyKind::Json);
        assert_eq!(body_kind("application/x-www-form-urlencoded", None), BodyKind::Form);
        assert_eq!(body_kind("multipart/form-data", None), BodyKind::Multipart);
        assert_eq!(body_kind("text/plain", None), BodyKind::Text);
        assert_eq!(body_kind("video/mp4", None), BodyKind::Binary);
        assert_eq!(body_kind("application/octet-stream", None), BodyKind::Binary);
    }
}
