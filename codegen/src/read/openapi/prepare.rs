//! Repairs a document in the OpenAPI 3.0 shape before the typed parse, and reports each repair.
//!
//! The typed parse is strict where real documents are sloppy: one parameter without a schema or
//! one `required: true` on a property would reject the whole API. Each such node is fixed here
//! with a warning, so the typed parse fails only on documents that are truly broken. Every schema
//! found on the way is lowered to the 3.0 dialect by [`super::lower_schema`], for every format,
//! because 3.0 documents borrow 3.1 keywords often enough (`type: [string, 'null']`).

use super::prepare_schemas::SchemaRuns;
use super::{child, local_pointer, resolve, warn_at, Rewrite};
use crate::diag::{Diagnostics, Error};
use crate::model::Format;
use crate::read::Document;
use serde_json::{json, Map, Value};

pub(crate) const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

pub(super) fn prepare(doc: &Document, value: &mut Value, rw: &mut Rewrite, format: Format, diags: &mut Diagnostics) -> Result<(), Error> {
    let mut p = Prep { doc, rw, diags, format };
    p.root(value)
}

pub(crate) struct Prep<'a> {
    pub doc: &'a Document,
    pub rw: &'a mut Rewrite,
    pub diags: &'a mut Diagnostics,
    pub format: Format,
}

impl Prep<'_> {
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        let original = self.rw.original(pointer);
        warn_at(self.doc, self.diags, &original, message);
    }

    pub(super) fn is31(&self) -> bool {
        self.format == Format::OpenApi31
    }

    fn root(&mut self, value: &mut Value) -> Result<(), Error> {
        let Some(root) = value.as_object_mut() else { return Ok(()) };
        if let Some(Value::Number(n)) = root.get("openapi") {
            // `openapi: 3.0` in YAML is a number; the author meant the version text.
            let text = n.to_string();
            root.insert("openapi".into(), Value::String(text));
        }
        self.info(root);
        // Tags and external docs are documentation the model has no place for; their shape
        // must not decide whether the API can be read.
        root.retain(|k, _| k != "tags" && k != "externalDocs");
        if let Some(servers) = root.get_mut("servers") {
            self.servers(servers, "/servers");
        }
        if let Some(security) = root.get_mut("security") {
            if !security_is_valid(security) {
                self.warn("/security", "`security` is not a list of security requirements; it is ignored");
                root.retain(|k, _| k != "security");
            }
        }
        match root.get("paths") {
            Some(Value::Object(_)) => {}
            Some(_) => {
                self.warn("/paths", "`paths` is not an object; no operations are read");
                root.insert("paths".into(), json!({}));
            }
            None => {
                if self.format != Format::OpenApi31 {
                    self.warn("", "the document has no `paths`; no operations are read");
                }
                root.insert("paths".into(), json!({}));
            }
        }
        self.inline_path_item_refs(value);
        self.inline_hook_refs(value);
        let Some(root) = value.as_object_mut() else { return Ok(()) };
        // `components` is repaired on another thread while this one repairs `paths` and
        // `webhooks` (on GitHub's description, 15 ms each): neither side reads the other's
        // nodes, nor reads or records moves under the other's pointers. Its warnings and moves
        // are added after theirs, in the order of one thread.
        // Its schemas are lowered by both threads in turns, once this one is done with its part.
        let mut components = root.get_mut("components").map(std::mem::take);
        let schemas = SchemaRuns::take(components.as_mut());
        let (doc, format, base) = (self.doc, self.format, self.rw.clone());
        let mut ours = if schemas.is_empty() { Rewrite::default() } else { base.clone() };
        let (theirs, our_runs) = crate::both::both(
            "read-prepare",
            || {
                let (mut rw, mut diags) = (base, Diagnostics::default());
                if let Some(components) = components.as_mut() {
                    Prep { doc, rw: &mut rw, diags: &mut diags, format }.components(components);
                }
                schemas.lower(doc, format, &mut rw);
                (rw, diags)
            },
            || {
                self.paths(root);
                self.webhooks(root);
                schemas.lower(doc, format, &mut ours)
            },
        );
        let Some((rw, diags)) = theirs else { return Err(Error::at(&doc.origin(""), None, "internal error: repairing `components` panicked")) };
        // The schemas' warnings first, as `components` lists them first.
        let (schema_diags, our_pointers) = schemas.put_back(components.as_mut(), &our_runs);
        self.diags.extend(schema_diags);
        self.diags.extend(diags);
        self.rw.replace_under("/components", rw);
        self.rw.replace_under_each(&our_pointers, &ours);
        if let (Some(components), Some(slot)) = (components, root.get_mut("components")) {
            *slot = components;
        }
        Ok(())
    }

    fn paths(&mut self, root: &mut Map<String, Value>) {
        if let Some(Value::Object(paths)) = root.get_mut("paths") {
            for (key, item) in paths.iter_mut() {
                let pointer = child("/paths", key);
                if key.starts_with("x-") {
                    continue;
                }
                if !key.starts_with('/') {
                    self.warn(&pointer, format!("the path `{key}` does not start with `/`; it is ignored"));
                    continue;
                }
                self.path_item(item, &pointer);
            }
        }
    }

    fn info(&mut self, root: &mut Map<String, Value>) {
        let info = root.entry("info").or_insert_with(|| json!({}));
        if !info.is_object() {
            *info = json!({});
        }
        let Some(info) = info.as_object_mut() else { return };
        let mut missing = Vec::new();
        for key in ["title", "version"] {
            match info.get(key) {
                Some(Value::String(_)) => {}
                Some(Value::Number(n)) => {
                    // `version: 1.0` in YAML is a number; the author meant the text.
                    let text = n.to_string();
                    info.insert(key.into(), Value::String(text));
                }
                _ => {
                    missing.push(key);
                    info.insert(key.into(), Value::String(String::new()));
                }
            }
        }
        if let Some(d) = info.get("description") {
            if !d.is_string() {
                info.insert("description".into(), Value::String(String::new()));
            }
        }
        // Contact and license are documentation only.
        info.retain(|k, _| k != "contact" && k != "license");
        if !missing.is_empty() {
            let list = missing.iter().map(|k| format!("`info.{k}`")).collect::<Vec<_>>().join(" and ");
            self.warn("/info", format!("{list} missing"));
        }
    }

    pub fn servers(&mut self, servers: &mut Value, pointer: &str) {
        let Some(items) = servers.as_array_mut() else {
            self.warn(pointer, "`servers` is not a list; it is ignored");
            *servers = json!([]);
            return;
        };
        let mut kept = Vec::new();
        let mut out = Vec::new();
        for (i, server) in std::mem::take(items).into_iter().enumerate() {
            let here = child(pointer, i);
            let mut server = server;
            let Some(map) = server.as_object_mut() else {
                self.warn(&here, "a server must be an object with a `url`; it is ignored");
                continue;
            };
            if !map.get("url").is_some_and(Value::is_string) {
                self.warn(&here, "a server without a `url` is ignored");
                continue;
            }
            if map.get("description").is_some_and(|d| !d.is_string()) {
                map.retain(|k, _| k != "description");
            }
            if let Some(vars) = map.get_mut("variables") {
                let Some(vars) = vars.as_object_mut() else {
                    self.warn(&child(&here, "variables"), "server `variables` is not an object; it is ignored");
                    map.retain(|k, _| k != "variables");
                    kept.push(i);
                    out.push(server);
                    continue;
                };
                for (name, var) in vars.iter_mut() {
                    let var_pointer = child(&child(&here, "variables"), name);
                    if !var.is_object() {
                        *var = json!({});
                    }
                    let Some(var) = var.as_object_mut() else { continue };
                    if let Some(Value::Array(values)) = var.get_mut("enum") {
                        values.retain(Value::is_string);
                    } else {
                        var.retain(|k, _| k != "enum");
                    }
                    match var.get("default") {
                        Some(Value::String(_)) => {}
                        Some(other @ (Value::Number(_) | Value::Bool(_))) => {
                            let text = other.to_string();
                            var.insert("default".into(), Value::String(text));
                        }
                        _ => {
                            let first = var.get("enum").and_then(|e| e.get(0)).cloned();
                            self.warn(&var_pointer, format!("server variable `{name}` has no `default`"));
                            var.insert("default".into(), first.unwrap_or(Value::String(String::new())));
                        }
                    }
                    if var.get("description").is_some_and(|d| !d.is_string()) {
                        var.retain(|k, _| k != "description");
                    }
                }
            }
            kept.push(i);
            out.push(server);
        }
        *items = out;
        self.rw.reindex(pointer, &kept);
    }

    /// Path items given by `$ref` (3.0 allows it, 3.1 adds `components/pathItems`) are copied in
    /// place, so every operation is read from one place.
    fn inline_path_item_refs(&mut self, value: &mut Value) {
        let refs: Vec<(String, String)> = value
            .get("paths")
            .and_then(Value::as_object)
            .map(|paths| {
                paths
                    .iter()
                    .filter_map(|(k, v)| v.get("$ref").and_then(Value::as_str).map(|r| (k.clone(), r.to_string())))
                    .collect()
            })
            .unwrap_or_default();
        for (key, reference) in refs {
            let pointer = child("/paths", &key);
            let target = local_pointer(&reference).and_then(|t| resolve(value, &t).filter(|v| v.is_object()).cloned().map(|v| (t, v)));
            let Some(Value::Object(paths)) = value.get_mut("paths") else { return };
            match target {
                Some((target_pointer, item)) if item.get("$ref").is_none() => {
                    let original = self.rw.original(&target_pointer);
                    self.rw.record(pointer, original);
                    paths.insert(key, item);
                }
                _ => {
                    self.warn(&pointer, format!("the path item `$ref: {reference}` does not lead to a path item; the path is ignored"));
                    paths.retain(|k, _| *k != key);
                }
            }
        }
    }

    pub(super) fn path_item(&mut self, item: &mut Value, pointer: &str) {
        let Some(map) = item.as_object_mut() else {
            self.warn(pointer, "a path item must be an object; the path is ignored");
            *item = json!({});
            return;
        };
        let unknown: Vec<String> = map
            .keys()
            .filter(|k| {
                !k.starts_with("x-")
                    && !METHODS.contains(&k.as_str())
                    && !["summary", "description", "servers", "parameters", "$ref"].contains(&k.as_str())
            })
            .cloned()
            .collect();
        for key in &unknown {
            self.warn(&child(pointer, key), format!("`{key}` is not an HTTP method OpenAPI knows; it is ignored"));
        }
        map.retain(|k, _| !unknown.contains(k) && k != "$ref");
        for key in ["summary", "description"] {
            if map.get(key).is_some_and(|v| !v.is_string()) {
                map.retain(|k, _| k != key);
            }
        }
        if let Some(servers) = map.get_mut("servers") {
            self.servers(servers, &child(pointer, "servers"));
        }
        if let Some(params) = map.get_mut("parameters") {
            self.parameters(params, &child(pointer, "parameters"));
        }
        for method in METHODS {
            let Some(op) = map.get_mut(method) else { continue };
            let op_pointer = child(pointer, method);
            if !op.is_object() {
                self.warn(&op_pointer, "an operation must be an object; it is ignored");
                map.retain(|k, _| k != method);
                continue;
            }
            self.operation(op, &op_pointer);
        }
    }

    fn operation(&mut self, op: &mut Value, pointer: &str) {
        let Some(map) = op.as_object_mut() else { return };
        map.retain(|k, _| k != "externalDocs");
        self.callbacks(map, pointer);
        for key in ["summary", "description", "operationId"] {
            if map.get(key).is_some_and(|v| !v.is_string()) {
                self.warn(&child(pointer, key), format!("`{key}` is not a string; it is ignored"));
                map.retain(|k, _| k != key);
            }
        }
        if map.get("deprecated").is_some_and(|v| !v.is_boolean()) {
            map.retain(|k, _| k != "deprecated");
        }
        match map.get_mut("tags") {
            Some(Value::Array(tags)) => tags.retain(Value::is_string),
            Some(_) => {
                map.retain(|k, _| k != "tags");
            }
            None => {}
        }
        if let Some(security) = map.get("security") {
            if !security_is_valid(security) {
                self.warn(&child(pointer, "security"), "`security` is not a list of security requirements; it is ignored");
                map.retain(|k, _| k != "security");
            }
        }
        if let Some(servers) = map.get_mut("servers") {
            self.servers(servers, &child(pointer, "servers"));
        }
        if let Some(params) = map.get_mut("parameters") {
            self.parameters(params, &child(pointer, "parameters"));
        }
        if let Some(body) = map.get_mut("requestBody") {
            self.request_body(body, &child(pointer, "requestBody"));
        }
        match map.get_mut("responses") {
            Some(responses) => self.responses(responses, &child(pointer, "responses")),
            None => {
                self.warn(pointer, "the operation has no `responses`");
                map.insert("responses".into(), json!({}));
            }
        }
    }

    fn parameters(&mut self, params: &mut Value, pointer: &str) {
        let Some(items) = params.as_array_mut() else {
            self.warn(pointer, "`parameters` is not a list; it is ignored");
            *params = json!([]);
            return;
        };
        let mut kept = Vec::new();
        let mut out = Vec::new();
        for (i, mut param) in std::mem::take(items).into_iter().enumerate() {
            if self.parameter(&mut param, &child(pointer, i)) {
                kept.push(i);
                out.push(param);
            }
        }
        *items = out;
        self.rw.reindex(pointer, &kept);
    }

    /// Repairs one parameter; `false` if it cannot be read at all.
    fn parameter(&mut self, param: &mut Value, pointer: &str) -> bool {
        let Some(map) = param.as_object_mut() else {
            self.warn(pointer, "a parameter must be an object; it is ignored");
            return false;
        };
        if let Some(reference) = map.get("$ref") {
            if !reference.is_string() {
                self.warn(pointer, "`$ref` is not a string; the parameter is ignored");
                return false;
            }
            return true;
        }
        let Some(name) = map.get("name").and_then(Value::as_str).map(str::to_string) else {
            self.warn(pointer, "a parameter without a `name` is ignored");
            return false;
        };
        let location = map.get("in").and_then(Value::as_str).unwrap_or("").to_string();
        let styles: &[&str] = match location.as_str() {
            "query" => &["form", "spaceDelimited", "pipeDelimited", "deepObject"],
            "header" => &["simple"],
            "path" => &["matrix", "label", "simple"],
            "cookie" => &["form"],
            other => {
                let what = if other.is_empty() { "no `in`".to_string() } else { format!("`in: {other}`") };
                self.warn(pointer, format!("the parameter `{name}` has {what}, which OpenAPI 3 does not know; it is ignored"));
                return false;
            }
        };
        if let Some(style) = map.get("style") {
            if !style.as_str().is_some_and(|s| styles.contains(&s)) {
                self.warn(&child(pointer, "style"), format!("`style: {style}` is not valid for a {location} parameter; it is ignored"));
                map.retain(|k, _| k != "style");
            }
        }
        for key in ["required", "explode", "deprecated", "allowEmptyValue", "allowReserved"] {
            if map.get(key).is_some_and(|v| !v.is_boolean()) {
                let fixed = map.get(key).and_then(Value::as_str).and_then(|s| s.parse::<bool>().ok());
                match fixed {
                    Some(b) => {
                        map.insert(key.into(), Value::Bool(b));
                    }
                    None => {
                        self.warn(&child(pointer, key), format!("`{key}` is not a boolean; it is ignored"));
                        map.retain(|k, _| k != key);
                    }
                }
            }
        }
        if map.get("description").is_some_and(|v| !v.is_string()) {
            map.retain(|k, _| k != "description");
        }
        self.schema_or_content(map, pointer, true, &format!("the parameter `{name}`"));
        if let Some(examples) = map.get_mut("examples") {
            self.examples(examples, &child(pointer, "examples"));
        }
        true
    }

    /// Parameters and headers carry their type in `schema` or in `content`, exactly one of them.
    fn schema_or_content(&mut self, map: &mut Map<String, Value>, pointer: &str, report_missing: bool, what: &str) {
        if map.contains_key("schema") && map.contains_key("content") {
            self.warn(&child(pointer, "content"), format!("{what} has both `schema` and `content`; `content` is ignored"));
            map.retain(|k, _| k != "content");
        }
        if let Some(content) = map.get_mut("content") {
            let ok = content.as_object().is_some_and(|c| !c.is_empty());
            if ok {
                self.content(content, &child(pointer, "content"));
            } else {
                map.retain(|k, _| k != "content");
            }
        }
        if !map.contains_key("schema") && !map.contains_key("content") {
            if report_missing {
                self.warn(pointer, format!("{what} has no `schema`; its type is unknown"));
            }
            map.insert("schema".into(), json!({}));
        }
        if let Some(schema) = map.get_mut("schema") {
            self.schema(schema, &child(pointer, "schema"));
        }
    }

    fn header(&mut self, header: &mut Value, pointer: &str) {
        let Some(map) = header.as_object_mut() else {
            *header = json!({"schema": {}});
            return;
        };
        if map.contains_key("$ref") {
            return;
        }
        if map.get("style").is_some_and(|s| s.as_str() != Some("simple")) {
            map.retain(|k, _| k != "style");
        }
        for key in ["required", "deprecated", "explode"] {
            if map.get(key).is_some_and(|v| !v.is_boolean()) {
                map.retain(|k, _| k != key);
            }
        }
        if map.get("description").is_some_and(|v| !v.is_string()) {
            map.retain(|k, _| k != "description");
        }
        self.schema_or_content(map, pointer, false, "the header");
        if let Some(examples) = map.get_mut("examples") {
            self.examples(examples, &child(pointer, "examples"));
        }
    }

    fn request_body(&mut self, body: &mut Value, pointer: &str) {
        let Some(map) = body.as_object_mut() else {
            self.warn(pointer, "`requestBody` must be an object; it is ignored");
            *body = json!({"content": {}});
            return;
        };
        if map.contains_key("$ref") {
            return;
        }
        if map.get("description").is_some_and(|v| !v.is_string()) {
            map.retain(|k, _| k != "description");
        }
        if map.get("required").is_some_and(|v| !v.is_boolean()) {
            map.retain(|k, _| k != "required");
        }
        match map.get_mut("content") {
            Some(content) => self.content(content, &child(pointer, "content")),
            None => {
                self.warn(pointer, "the request body has no `content`; its media type is unknown");
            }
        }
    }

    fn responses(&mut self, responses: &mut Value, pointer: &str) {
        let Some(map) = responses.as_object_mut() else {
            self.warn(pointer, "`responses` must be an object; it is ignored");
            *responses = json!({});
            return;
        };
        let mut bad = Vec::new();
        for key in map.keys() {
            if key == "default" || key.starts_with("x-") || is_status_key(key) {
                continue;
            }
            bad.push(key.clone());
        }
        for key in &bad {
            self.warn(&child(pointer, key), format!("`{key}` is not a status code; the response is ignored"));
        }
        map.retain(|k, _| !bad.contains(k));
        for (key, response) in map.iter_mut() {
            if key.starts_with("x-") {
                continue;
            }
            self.response(response, &child(pointer, key));
        }
    }

    fn response(&mut self, response: &mut Value, pointer: &str) {
        if !response.is_object() {
            self.warn(pointer, "a response must be an object");
            *response = json!({"description": ""});
        }
        let Some(map) = response.as_object_mut() else { return };
        if map.contains_key("$ref") {
            return;
        }
        match map.get("description") {
            Some(Value::String(_)) => {}
            // Many generated documents leave the required description out; it is only prose.
            _ => {
                map.insert("description".into(), Value::String(String::new()));
            }
        }
        map.retain(|k, _| k != "links");
        if let Some(headers) = map.get_mut("headers") {
            match headers.as_object_mut() {
                Some(headers) => {
                    for (name, header) in headers.iter_mut() {
                        self.header(header, &child(&child(pointer, "headers"), name));
                    }
                }
                None => {
                    self.warn(&child(pointer, "headers"), "`headers` is not an object; it is ignored");
                    map.retain(|k, _| k != "headers");
                }
            }
        }
        if let Some(content) = map.get_mut("content") {
            self.content(content, &child(pointer, "content"));
        }
    }

    fn content(&mut self, content: &mut Value, pointer: &str) {
        let Some(map) = content.as_object_mut() else {
            self.warn(pointer, "`content` is not an object; it is ignored");
            *content = json!({});
            return;
        };
        for (media_type, media) in map.iter_mut() {
            let here = child(pointer, media_type);
            if !media.is_object() {
                if !media.is_null() {
                    self.warn(&here, "a media type must be an object; its content is ignored");
                }
                *media = json!({});
            }
            let Some(media) = media.as_object_mut() else { continue };
            if let Some(schema) = media.get_mut("schema") {
                self.schema(schema, &child(&here, "schema"));
            }
            if let Some(examples) = media.get_mut("examples") {
                self.examples(examples, &child(&here, "examples"));
            }
            if let Some(Value::Object(encoding)) = media.get_mut("encoding") {
                let mut bad = Vec::new();
                for (name, enc) in encoding.iter() {
                    if serde_json::from_value::<openapiv3::Encoding>(enc.clone()).is_err() {
                        bad.push(name.clone());
                    }
                }
                for name in &bad {
                    self.warn(&child(&child(&here, "encoding"), name), "this encoding entry is not understood; it is ignored");
                }
                encoding.retain(|k, _| !bad.contains(k));
            } else {
                media.retain(|k, _| k != "encoding");
            }
        }
    }

    /// `examples` must map names to Example Objects; a bare value, or a list of values, is read
    /// as the example's value.
    fn examples(&mut self, examples: &mut Value, pointer: &str) {
        if let Value::Array(items) = examples {
            self.warn(pointer, "`examples` is a list, not a map of Example Objects; each item is read as an example value");
            let mut map = Map::new();
            for (i, item) in std::mem::take(items).into_iter().enumerate() {
                let name = format!("example{}", i + 1);
                self.rw.record(child(&child(pointer, &name), "value"), self.rw.original(&child(pointer, i)));
                map.insert(name, json!({ "value": item }));
            }
            *examples = Value::Object(map);
            return;
        }
        let Some(map) = examples.as_object_mut() else {
            self.warn(pointer, "`examples` is not a map; it is ignored");
            *examples = json!({});
            return;
        };
        for (name, example) in map.iter_mut() {
            let here = child(pointer, name);
            let is_example_object = example.as_object().is_some_and(|o| {
                o.contains_key("$ref") || o.contains_key("value") || o.contains_key("externalValue") || o.contains_key("summary")
            });
            if !is_example_object {
                self.warn(&here, format!("the example `{name}` is not an Example Object (no `value`); it is read as the value itself"));
                let original = self.rw.original(&here);
                self.rw.record(child(&here, "value"), original);
                let value = std::mem::take(example);
                *example = json!({ "value": value });
            }
            if let Some(o) = example.as_object_mut() {
                for key in ["summary", "description", "externalValue"] {
                    if o.get(key).is_some_and(|v| !v.is_string()) {
                        o.retain(|k, _| k != key);
                    }
                }
            }
        }
    }

    fn components(&mut self, components: &mut Value) {
        let Some(map) = components.as_object_mut() else {
            self.warn("/components", "`components` is not an object; it is ignored");
            *components = json!({});
            return;
        };
        // Links are not generated; callbacks and path items were inlined already.
        map.retain(|k, _| k != "links" && k != "callbacks" && k != "pathItems");
        for section in ["schemas", "parameters", "headers", "responses", "requestBodies", "examples", "securitySchemes"] {
            let pointer = child("/components", section);
            let Some(entries) = map.get_mut(section) else { continue };
            let Some(entries) = entries.as_object_mut() else {
                self.warn(&pointer, format!("`components.{section}` is not an object; it is ignored"));
                map.insert(section.into(), json!({}));
                continue;
            };
            match section {
                "schemas" => {
                    for (name, schema) in entries.iter_mut() {
                        self.schema(schema, &child(&pointer, name));
                    }
                }
                "parameters" => {
                    let mut bad = Vec::new();
                    for (name, param) in entries.iter_mut() {
                        if !self.parameter(param, &child(&pointer, name)) {
                            bad.push(name.clone());
                        }
                    }
                    entries.retain(|k, _| !bad.contains(k));
                }
                "headers" => {
                    for (name, header) in entries.iter_mut() {
                        self.header(header, &child(&pointer, name));
                    }
                }
                "responses" => {
                    for (name, response) in entries.iter_mut() {
                        self.response(response, &child(&pointer, name));
                    }
                }
                "requestBodies" => {
                    for (name, body) in entries.iter_mut() {
                        self.request_body(body, &child(&pointer, name));
                    }
                }
                "examples" => {
                    let mut wrapped = Value::Object(std::mem::take(entries));
                    self.examples(&mut wrapped, &pointer);
                    if let Value::Object(w) = wrapped {
                        *entries = w;
                    }
                }
                _ => {
                    let mut bad = Vec::new();
                    for (name, scheme) in entries.iter() {
                        if serde_json::from_value::<openapiv3::ReferenceOr<openapiv3::SecurityScheme>>(scheme.clone()).is_err() {
                            let kind = scheme.get("type").map(|t| t.to_string()).unwrap_or_else(|| "no type".into());
                            self.warn(&child(&pointer, name), format!("the security scheme `{name}` ({kind}) is not understood; it is left out"));
                            bad.push(name.clone());
                        }
                    }
                    entries.retain(|k, _| !bad.contains(k));
                }
            }
        }
    }
}

/// `200`, `404`, `2XX`.
pub(crate) fn is_status_key(key: &str) -> bool {
    let bytes = key.as_bytes();
    match bytes {
        [a, b, c] => {
            (a.is_ascii_digit() && *a != b'0' && b.is_ascii_digit() && c.is_ascii_digit())
                || ((b'1'..=b'5').contains(a) && b.eq_ignore_ascii_case(&b'X') && c.eq_ignore_ascii_case(&b'X'))
        }
        _ => false,
    }
}

fn security_is_valid(value: &Value) -> bool {
    serde_json::from_value::<Vec<openapiv3::SecurityRequirement>>(value.clone()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys() {
        assert!(is_status_key("200"));
        assert!(is_status_key("4XX"));
        assert!(is_status_key("5xx"));
        assert!(!is_status_key("200 OK"));
        assert!(!is_status_key("099"));
    }
}
