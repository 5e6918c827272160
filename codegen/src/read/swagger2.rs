//! Swagger 2.0, brought to the OpenAPI 3.0 shape and read by the OpenAPI reader.
//!
//! The conversion is explicit and value to value: `definitions` become `components/schemas`,
//! `basePath` is joined to every path, `host` and `schemes` become servers, an `in: body`
//! parameter becomes a `requestBody`, `formData` parameters become a form (or, with a file, a
//! multipart) body, `consumes`/`produces` become media types and `securityDefinitions` become
//! security schemes. Each converted node records where it came from, so every origin points into
//! the Swagger file (a request body at its body parameter), never into the converted document.

use super::openapi::{self, child, Rewrite};
use super::Document;
use crate::diag::{Diagnostics, Error};
use crate::model::{Decision, DecisionKind, Format, Source};
use serde_json::{json, Map, Value};

pub fn read(doc: &Document, diags: &mut Diagnostics) -> Result<Source, Error> {
    let Some(root) = doc.value.as_object() else {
        return Err(Error::at(&doc.origin(""), Some(1), "expected an object at the top level"));
    };
    let mut rw = Rewrite::default();
    let mut up = Up { doc, root, rw: &mut rw, diags, decisions: Vec::new() };
    let value = up.document();
    let decisions = std::mem::take(&mut up.decisions);
    let mut source = openapi::read_value(doc, value, rw, Format::Swagger2, diags)?;
    source.decisions.extend(decisions);
    Ok(source)
}

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// Parameter keywords that describe the value's type; they move into the 3.0 `schema`.
const SCHEMA_KEYWORDS: [&str; 16] = [
    "type",
    "format",
    "items",
    "default",
    "enum",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
];

struct Up<'a> {
    doc: &'a Document,
    root: &'a Map<String, Value>,
    rw: &'a mut Rewrite,
    diags: &'a mut Diagnostics,
    decisions: Vec<Decision>,
}

/// A parameter after `$ref`s are followed, with its pointer in the original file.
struct Found {
    param: Map<String, Value>,
    pointer: String,
}

impl Up<'_> {
    fn warn(&mut self, original: &str, message: impl Into<String>) {
        openapi::warn_at(self.doc, self.diags, original, message);
    }

    fn document(&mut self) -> Value {
        let root = self.root;
        let mut out = Map::new();
        out.insert("openapi".into(), json!("3.0.3"));
        out.insert("info".into(), root.get("info").cloned().unwrap_or_else(|| json!({})));
        out.insert("servers".into(), Value::Array(self.servers()));
        let base = base_path(root.get("basePath").and_then(Value::as_str).unwrap_or(""));
        let mut paths = Map::new();
        if let Some(Value::Object(items)) = root.get("paths") {
            for (key, item) in items {
                if key.starts_with("x-") {
                    continue;
                }
                let joined = if key.starts_with('/') { format!("{base}{key}") } else { key.clone() };
                let original = child("/paths", key);
                let converted = child("/paths", &joined);
                if converted != original {
                    self.rw.record(converted.clone(), original.clone());
                }
                let item = self.path_item(item, &original, &converted, &joined);
                paths.insert(joined, item);
            }
        }
        out.insert("paths".into(), Value::Object(paths));
        let mut components = Map::new();
        if let Some(Value::Object(defs)) = root.get("definitions") {
            let schemas: Map<String, Value> = defs.iter().map(|(k, v)| (k.clone(), fix_schema(v))).collect();
            components.insert("schemas".into(), Value::Object(schemas));
            self.rw.record("/components/schemas", "/definitions");
        }
        if let Some(Value::Object(defs)) = root.get("securityDefinitions") {
            let mut schemes = Map::new();
            for (name, def) in defs {
                if let Some(scheme) = self.security_scheme(name, def) {
                    schemes.insert(name.clone(), scheme);
                }
            }
            components.insert("securitySchemes".into(), Value::Object(schemes));
            self.rw.record("/components/securitySchemes", "/securityDefinitions");
        }
        out.insert("components".into(), Value::Object(components));
        if let Some(security) = root.get("security") {
            out.insert("security".into(), security.clone());
        }
        Value::Object(out)
    }

    /// `schemes` x `host`. The base path is joined to the paths instead, so operations compare
    /// equal with sources that spell the whole path.
    fn servers(&mut self) -> Vec<Value> {
        let root = self.root;
        let Some(host) = root.get("host").and_then(Value::as_str).map(str::trim).filter(|h| !h.is_empty()) else {
            return Vec::new();
        };
        let host = host.trim_end_matches('/');
        let schemes: Vec<String> = match root.get("schemes") {
            Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_ascii_lowercase).collect(),
            _ => vec!["https".to_string()],
        };
        let mut out = Vec::new();
        for scheme in schemes {
            if scheme != "http" && scheme != "https" {
                self.warn("/schemes", format!("the scheme `{scheme}` is not generated"));
                continue;
            }
            out.push(json!({ "url": format!("{scheme}://{host}") }));
        }
        out
    }

    fn path_item(&mut self, item: &Value, original: &str, converted: &str, path: &str) -> Value {
        let Some(item) = item.as_object() else { return item.clone() };
        let mut out = Map::new();
        if let Some(reference) = item.get("$ref") {
            out.insert("$ref".into(), reference.clone());
            return Value::Object(out);
        }
        // Path-level parameters: body and form ones belong to each operation's body.
        let shared = self.parameters_of(item.get("parameters"), &child(original, "parameters"));
        let (shared_plain, shared_payload): (Vec<Found>, Vec<Found>) = shared.into_iter().partition(|f| !is_payload(&f.param));
        let mut plain = Vec::new();
        for (j, found) in shared_plain.into_iter().enumerate() {
            let at = child(&child(converted, "parameters"), j);
            plain.push(self.parameter(&found, &at));
        }
        if !plain.is_empty() {
            out.insert("parameters".into(), Value::Array(plain));
        }
        for (key, value) in item {
            if METHODS.contains(&key.as_str()) {
                let op = self.operation(value, &child(original, key), &child(converted, key), key, path, &shared_payload);
                out.insert(key.clone(), op);
            }
        }
        Value::Object(out)
    }

    /// Parameters with `$ref`s (to the top-level `parameters`) followed.
    fn parameters_of(&mut self, list: Option<&Value>, pointer: &str) -> Vec<Found> {
        let mut out = Vec::new();
        let Some(list) = list else { return out };
        let Some(items) = list.as_array() else {
            self.warn(pointer, "`parameters` is not a list; it is ignored");
            return out;
        };
        for (i, p) in items.iter().enumerate() {
            let here = child(pointer, i);
            let (param, at) = match p.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let name = reference.strip_prefix("#/parameters/").map(|n| n.replace("~1", "/").replace("~0", "~"));
                    let target = name.as_ref().and_then(|n| self.root.get("parameters").and_then(|ps| ps.get(n.as_str())));
                    match (name, target) {
                        (Some(name), Some(target)) => (target.clone(), child("/parameters", name)),
                        _ => {
                            self.warn(&here, format!("`$ref: {reference}` points to nothing in `parameters`; the parameter is ignored"));
                            continue;
                        }
                    }
                }
                None => (p.clone(), here.clone()),
            };
            match param {
                Value::Object(param) => out.push(Found { param, pointer: at }),
                _ => self.warn(&here, "a parameter must be an object; it is ignored"),
            }
        }
        out
    }

    fn operation(&mut self, op: &Value, original: &str, converted: &str, method: &str, path: &str, inherited: &[Found]) -> Value {
        let Some(op) = op.as_object() else { return op.clone() };
        let root = self.root;
        let mut out = Map::new();
        for key in ["tags", "summary", "description", "operationId", "deprecated", "security"] {
            if let Some(v) = op.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        if op.contains_key("schemes") {
            self.warn(&child(original, "schemes"), "per-operation `schemes` are not kept; the document's servers apply");
        }
        let consumes = media_types(op.get("consumes").or_else(|| root.get("consumes")));
        let produces = media_types(op.get("produces").or_else(|| root.get("produces")));

        let own = self.parameters_of(op.get("parameters"), &child(original, "parameters"));
        let own_payload: Vec<&Found> = own.iter().filter(|f| is_payload(&f.param)).collect();
        // Inherited body/form parameters apply unless the operation redefines them.
        let mut payload: Vec<&Found> = inherited.iter().filter(|f| !own_payload.iter().any(|o| same_param(&o.param, &f.param))).collect();
        payload.extend(own_payload);

        let mut params = Vec::new();
        for found in own.iter().filter(|f| !is_payload(&f.param)) {
            let at = child(&child(converted, "parameters"), params.len());
            params.push(self.parameter(found, &at));
        }
        if !params.is_empty() {
            out.insert("parameters".into(), Value::Array(params));
        }

        let subject = format!("{} {path}", method.to_ascii_uppercase());
        if let Some(body) = self.request_body(&payload, &consumes, &child(converted, "requestBody"), &subject) {
            out.insert("requestBody".into(), body);
        }
        let responses = self.responses(op.get("responses"), &child(original, "responses"), &child(converted, "responses"), &produces);
        out.insert("responses".into(), responses);
        Value::Object(out)
    }

    /// A `query`, `header`, `path` or `cookie` parameter: the type keywords move into `schema`.
    fn parameter(&mut self, found: &Found, converted: &str) -> Value {
        let p = &found.param;
        self.rw.record(converted.to_string(), found.pointer.clone());
        self.rw.record(child(converted, "schema"), found.pointer.clone());
        let name = p.get("name").and_then(Value::as_str).unwrap_or("").to_string();
        let location = p.get("in").and_then(Value::as_str).unwrap_or("").to_string();
        let mut out = Map::new();
        for key in ["name", "in", "description", "required", "allowEmptyValue"] {
            if let Some(v) = p.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        if let Some(example) = p.get("x-example").or_else(|| p.get("example")) {
            out.insert("example".into(), example.clone());
        }
        let ignored_header = location == "header"
            && ["content-type", "accept", "authorization"].contains(&name.to_ascii_lowercase().as_str());
        let schema = self.value_schema(p, &found.pointer, &name, !ignored_header);
        out.insert("schema".into(), schema);
        let is_array = p.get("type").and_then(Value::as_str) == Some("array");
        if is_array {
            let format = p.get("collectionFormat").and_then(Value::as_str).unwrap_or("csv");
            match (format, location.as_str()) {
                ("csv", "query" | "cookie") => {
                    out.insert("explode".into(), json!(false));
                }
                ("csv", _) => {}
                ("multi", "query") => {
                    out.insert("explode".into(), json!(true));
                }
                ("ssv", "query") => {
                    out.insert("style".into(), json!("spaceDelimited"));
                    out.insert("explode".into(), json!(false));
                }
                ("pipes", "query") => {
                    out.insert("style".into(), json!("pipeDelimited"));
                    out.insert("explode".into(), json!(false));
                }
                (other, _) => {
                    let at = child(&found.pointer, "collectionFormat");
                    self.warn(&at, format!("`collectionFormat: {other}` has no OpenAPI 3 equivalent for a {location} parameter; it is ignored"));
                }
            }
        }
        Value::Object(out)
    }

    /// The 3.0 schema of a non-body parameter (or form field, or header) from its type keywords.
    fn value_schema(&mut self, p: &Map<String, Value>, pointer: &str, name: &str, report_missing_type: bool) -> Value {
        let mut schema = items_schema(p);
        let is_form = p.get("in").and_then(Value::as_str) == Some("formData");
        match p.get("type").and_then(Value::as_str) {
            None => {
                if report_missing_type {
                    self.warn(pointer, format!("the parameter `{name}` has no `type` (Swagger 2.0 requires one); its type is unknown"));
                }
            }
            Some("file") => {
                if !is_form {
                    self.warn(&child(pointer, "type"), "`type: file` is only allowed for form parameters; read as binary data");
                }
                schema.insert("type".into(), json!("string"));
                schema.insert("format".into(), json!("binary"));
            }
            Some(_) => {}
        }
        Value::Object(schema)
    }

    fn request_body(&mut self, payload: &[&Found], consumes: &[String], converted: &str, subject: &str) -> Option<Value> {
        let (bodies, forms): (Vec<&Found>, Vec<&Found>) =
            payload.iter().partition(|f| f.param.get("in").and_then(Value::as_str) == Some("body"));
        if let Some(extra) = bodies.get(1) {
            self.warn(&extra.pointer, "an operation has at most one body parameter; this one is ignored");
        }
        if let Some(body) = bodies.first() {
            if let Some(form) = forms.first() {
                self.warn(&form.pointer, "`formData` parameters next to a body parameter are ignored");
            }
            return Some(self.json_body(body, consumes, converted));
        }
        let first = forms.first()?;
        Some(self.form_body(&forms, first, consumes, converted, subject))
    }

    fn json_body(&mut self, body: &Found, consumes: &[String], converted: &str) -> Value {
        let p = &body.param;
        let schema = match p.get("schema") {
            Some(s) => fix_schema(s),
            None => {
                self.warn(&body.pointer, "the body parameter has no `schema`; its type is unknown");
                json!({})
            }
        };
        let types = if consumes.is_empty() { vec!["application/json".to_string()] } else { consumes.to_vec() };
        self.rw.record(converted.to_string(), body.pointer.clone());
        let examples = p.get("x-examples").and_then(Value::as_object);
        let mut content = Map::new();
        for media_type in types {
            let at = child(&child(converted, "content"), &media_type);
            self.rw.record(at.clone(), body.pointer.clone());
            self.rw.record(child(&at, "schema"), child(&body.pointer, "schema"));
            let mut media = Map::new();
            media.insert("schema".into(), schema.clone());
            if let Some(example) = examples.and_then(|e| e.get(&media_type)) {
                self.rw.record(child(&at, "example"), child(&child(&body.pointer, "x-examples"), &media_type));
                media.insert("example".into(), example.clone());
            }
            content.insert(media_type, Value::Object(media));
        }
        let mut out = Map::new();
        if let Some(d) = p.get("description") {
            out.insert("description".into(), d.clone());
        }
        if let Some(r) = p.get("required") {
            out.insert("required".into(), r.clone());
        }
        out.insert("content".into(), Value::Object(content));
        Value::Object(out)
    }

    /// `formData` parameters as one object schema: a multipart body when a file is among them or
    /// `consumes` says so, else a urlencoded form.
    fn form_body(&mut self, forms: &[&Found], first: &Found, consumes: &[String], converted: &str, subject: &str) -> Value {
        let has_file = forms.iter().any(|f| f.param.get("type").and_then(Value::as_str) == Some("file"));
        let declared = consumes.iter().find(|c| {
            let c = c.to_ascii_lowercase();
            c.starts_with("multipart/form-data") || c.starts_with("application/x-www-form-urlencoded")
        });
        let listed = consumes.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        let media_type = match (has_file, declared) {
            (true, Some(d)) if d.to_ascii_lowercase().starts_with("multipart/") => d.clone(),
            (true, _) => {
                if !consumes.is_empty() {
                    self.warn(&first.pointer, format!("a `type: file` form parameter needs `multipart/form-data`, but the operation consumes {listed}; read as multipart"));
                }
                "multipart/form-data".to_string()
            }
            (false, Some(d)) => d.clone(),
            (false, None) => {
                if !consumes.is_empty() {
                    let detail = format!("`formData` parameters under `consumes` {listed}: read as an `application/x-www-form-urlencoded` body");
                    self.warn(&first.pointer, format!("{detail}, as the parameters say; `consumes` contradicts them"));
                    let evidence = vec![self.doc.origin(&first.pointer)];
                    self.decisions.push(Decision { kind: DecisionKind::SourceConflict, subject: subject.to_string(), detail, evidence });
                }
                "application/x-www-form-urlencoded".to_string()
            }
        };
        let at = child(&child(converted, "content"), &media_type);
        let schema_at = child(&at, "schema");
        self.rw.record(converted.to_string(), first.pointer.clone());
        self.rw.record(at.clone(), first.pointer.clone());
        self.rw.record(schema_at.clone(), first.pointer.clone());
        let mut properties = Map::new();
        let mut required = Vec::new();
        for f in forms {
            let name = f.param.get("name").and_then(Value::as_str).unwrap_or("").to_string();
            if name.is_empty() {
                self.warn(&f.pointer, "a form parameter without a `name` is ignored");
                continue;
            }
            let mut schema = self.value_schema(&f.param, &f.pointer, &name, true);
            if let (Some(d), Value::Object(s)) = (f.param.get("description"), &mut schema) {
                s.insert("description".into(), d.clone());
            }
            if let (Some(e), Value::Object(s)) = (f.param.get("x-example").or_else(|| f.param.get("example")), &mut schema) {
                s.insert("example".into(), e.clone());
            }
            if f.param.get("required") == Some(&Value::Bool(true)) {
                required.push(Value::String(name.clone()));
            }
            self.rw.record(child(&child(&schema_at, "properties"), &name), f.pointer.clone());
            properties.insert(name, schema);
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        json!({ "content": { media_type: { "schema": Value::Object(schema) } } })
    }

    fn responses(&mut self, responses: Option<&Value>, original: &str, converted: &str, produces: &[String]) -> Value {
        let mut out = Map::new();
        let Some(Value::Object(responses)) = responses else {
            if responses.is_some() {
                self.warn(original, "`responses` must be an object; it is ignored");
            }
            return Value::Object(out);
        };
        for (code, response) in responses {
            if code.starts_with("x-") {
                continue;
            }
            let conv = child(converted, code);
            let (response, at) = match response.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let name = reference.strip_prefix("#/responses/").map(|n| n.replace("~1", "/").replace("~0", "~"));
                    let target = name.as_ref().and_then(|n| self.root.get("responses").and_then(|rs| rs.get(n.as_str())));
                    match (name, target) {
                        (Some(name), Some(target)) => {
                            let at = child("/responses", name);
                            self.rw.record(conv.clone(), at.clone());
                            (target, at)
                        }
                        _ => {
                            self.warn(&child(original, code), format!("`$ref: {reference}` points to nothing in `responses`; the response is ignored"));
                            continue;
                        }
                    }
                }
                None => (response, child(original, code)),
            };
            out.insert(code.clone(), self.response(response, &at, &conv, produces));
        }
        Value::Object(out)
    }

    fn response(&mut self, response: &Value, original: &str, converted: &str, produces: &[String]) -> Value {
        let Some(r) = response.as_object() else { return json!({ "description": "" }) };
        let mut out = Map::new();
        out.insert("description".into(), r.get("description").cloned().unwrap_or_else(|| json!("")));
        if let Some(Value::Object(headers)) = r.get("headers") {
            let mut converted_headers = Map::new();
            for (name, h) in headers {
                let Some(h) = h.as_object() else { continue };
                let header_original = child(&child(original, "headers"), name);
                self.rw.record(child(&child(&child(converted, "headers"), name), "schema"), header_original);
                let mut header = Map::new();
                if let Some(d) = h.get("description") {
                    header.insert("description".into(), d.clone());
                }
                header.insert("schema".into(), Value::Object(items_schema(h)));
                converted_headers.insert(name.clone(), Value::Object(header));
            }
            out.insert("headers".into(), Value::Object(converted_headers));
        }
        let schema = r.get("schema").map(fix_schema);
        let examples = r.get("examples").and_then(Value::as_object);
        let mut content = Map::new();
        if let Some(schema) = &schema {
            let is_file = schema.get("format").and_then(Value::as_str) == Some("binary") && r.get("schema").and_then(|s| s.get("type")) == Some(&json!("file"));
            let mut types = if produces.is_empty() { vec!["application/json".to_string()] } else { produces.to_vec() };
            if is_file && types.iter().all(|t| t.contains("json")) {
                self.warn(&child(original, "schema"), "a file response under a JSON `produces`: read as `application/octet-stream`");
                types = vec!["application/octet-stream".to_string()];
            }
            for media_type in types {
                let at = child(&child(converted, "content"), &media_type);
                self.rw.record(at.clone(), original.to_string());
                self.rw.record(child(&at, "schema"), child(original, "schema"));
                content.insert(media_type, json!({ "schema": schema }));
            }
        }
        if let Some(examples) = examples {
            for (media_type, example) in examples {
                let at = child(&child(converted, "content"), media_type);
                self.rw.record(child(&at, "example"), child(&child(original, "examples"), media_type));
                if !content.contains_key(media_type) {
                    self.rw.record(at.clone(), original.to_string());
                    if schema.is_some() {
                        self.rw.record(child(&at, "schema"), child(original, "schema"));
                    }
                }
                let entry = content.entry(media_type.clone()).or_insert_with(|| {
                    let mut media = Map::new();
                    if let Some(schema) = &schema {
                        media.insert("schema".into(), schema.clone());
                    }
                    Value::Object(media)
                });
                if let Value::Object(media) = entry {
                    media.insert("example".into(), example.clone());
                }
            }
        }
        if !content.is_empty() {
            out.insert("content".into(), Value::Object(content));
        }
        Value::Object(out)
    }

    fn security_scheme(&mut self, name: &str, def: &Value) -> Option<Value> {
        let pointer = child("/securityDefinitions", name);
        let kind = def.get("type").and_then(Value::as_str).unwrap_or("");
        let description = def.get("description").cloned();
        let mut out = match kind {
            "basic" => json!({ "type": "http", "scheme": "basic" }),
            "apiKey" => json!({ "type": "apiKey", "name": def.get("name").cloned().unwrap_or(json!("")), "in": def.get("in").cloned().unwrap_or(json!("header")) }),
            "oauth2" => {
                let scopes = def.get("scopes").cloned().filter(Value::is_object).unwrap_or_else(|| json!({}));
                let auth_url = def.get("authorizationUrl").cloned().unwrap_or(json!(""));
                let token_url = def.get("tokenUrl").cloned().unwrap_or(json!(""));
                let flow = match def.get("flow").and_then(Value::as_str).unwrap_or("") {
                    "implicit" => json!({ "implicit": { "authorizationUrl": auth_url, "scopes": scopes } }),
                    "password" => json!({ "password": { "tokenUrl": token_url, "scopes": scopes } }),
                    "application" => json!({ "clientCredentials": { "tokenUrl": token_url, "scopes": scopes } }),
                    "accessCode" => json!({ "authorizationCode": { "authorizationUrl": auth_url, "tokenUrl": token_url, "scopes": scopes } }),
                    other => {
                        self.warn(&pointer, format!("the OAuth 2 flow `{other}` is not known; the flow is left out"));
                        json!({})
                    }
                };
                json!({ "type": "oauth2", "flows": flow })
            }
            other => {
                self.warn(&pointer, format!("the security definition `{name}` has the unknown type `{other}`; it is left out"));
                return None;
            }
        };
        if let (Some(d), Value::Object(map)) = (description, &mut out) {
            map.insert("description".into(), d);
        }
        Some(out)
    }
}

/// `/ss/api/` -> `/ss/api`; `/` -> ``.
fn base_path(raw: &str) -> String {
    let trimmed = raw.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        String::new()
    } else if trimmed.starts_with('/') {
        trimmed.to_string()
    } else {
        format!("/{trimmed}")
    }
}

fn media_types(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn is_payload(p: &Map<String, Value>) -> bool {
    matches!(p.get("in").and_then(Value::as_str), Some("body" | "formData"))
}

fn same_param(a: &Map<String, Value>, b: &Map<String, Value>) -> bool {
    a.get("name") == b.get("name") && a.get("in") == b.get("in")
}

/// The type keywords of a parameter, header or `items` object as a 3.0 schema.
fn items_schema(p: &Map<String, Value>) -> Map<String, Value> {
    let mut schema = Map::new();
    for key in SCHEMA_KEYWORDS {
        let Some(v) = p.get(key) else { continue };
        if key == "items" {
            if let Value::Object(items) = v {
                schema.insert("items".into(), Value::Object(items_schema(items)));
            }
            continue;
        }
        schema.insert(key.into(), v.clone());
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".into(), json!("string"));
        schema.insert("format".into(), json!("binary"));
    }
    schema
}

/// A Swagger 2.0 schema as a 3.0 one: references into `definitions` now point into
/// `components/schemas`, and `type: file` is binary data. Other differences (`x-nullable`, a
/// string `discriminator`) are handled for every format when the document is prepared.
fn fix_schema(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, v) in map {
                let fixed = match key.as_str() {
                    "$ref" => match v.as_str().and_then(|r| r.strip_prefix("#/definitions/")) {
                        Some(name) => json!(format!("#/components/schemas/{name}")),
                        None => v.clone(),
                    },
                    "properties" => match v {
                        Value::Object(props) => Value::Object(props.iter().map(|(k, p)| (k.clone(), fix_schema(p))).collect()),
                        other => other.clone(),
                    },
                    "items" | "additionalProperties" | "not" => fix_schema(v),
                    "allOf" | "oneOf" | "anyOf" => match v {
                        Value::Array(list) => Value::Array(list.iter().map(fix_schema).collect()),
                        other => other.clone(),
                    },
                    _ => v.clone(),
                };
                out.insert(key.clone(), fixed);
            }
            if out.get("type").and_then(Value::as_str) == Some("file") {
                out.insert("type".into(), json!("string"));
                out.insert("format".into(), json!("binary"));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalised() {
        assert_eq!(base_path("/ss/api"), "/ss/api");
        assert_eq!(base_path("/ss/api/"), "/ss/api");
        assert_eq!(base_path("/"), "");
        assert_eq!(base_path("v1"), "/v1");
    }

    #[test]
    fn fix_schema_rewrites_definition_refs_deeply() {
        let s = json!({"type": "object", "properties": {"a": {"type": "array", "items": {"$ref": "#/definitions/Pet"}}}});
        assert_eq!(fix_schema(&s), json!({"type": "object", "properties": {"a": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}}}}));
    }
}
