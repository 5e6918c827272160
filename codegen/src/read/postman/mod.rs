//! Postman collections v2.0 and v2.1.
//!
//! The collection is read in three passes, because some decisions need the whole collection as
//! evidence:
//!
//! 1. every request item becomes a draft operation (folders give tags, `auth` is inherited);
//! 2. literal ids that stand where sibling requests have a parameter become parameters
//!    (`ids::rewrite_literal_ids`);
//! 3. saved examples are matched against their request, and the ones recorded for another
//!    endpoint are rejected (`ids::attach_examples`); request hosts become servers.
//!
//! Every problem is a warning with the JSON pointer: nothing in the file stops the run.

mod auth;
mod body;
mod ids;
mod url;

use super::Document;
use crate::diag::{Diagnostics, Error, Level};
use crate::model::{
    AuthHint, AuthScheme, Format, Method, Origin, Param, ParamLocation, Response, Source, SourceOperation,
};
use auth::AuthBlock;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use url::Host;

/// Shared state of one read.
pub(super) struct Cx<'a> {
    diags: &'a mut Diagnostics,
    /// Collection variables (`variable[]`), to resolve hosts such as `{{baseUrl}}`.
    vars: BTreeMap<String, String>,
    /// Schemes declared by `auth` blocks, in the order first seen.
    schemes: Vec<AuthScheme>,
}

impl Cx<'_> {
    /// With its line, found at the end of the read for all warnings at once.
    fn warn(&mut self, origin: &Origin, message: impl Into<String>) {
        self.diags.push_unlocated(Level::Warning, origin, message);
    }
}

/// A request item read, waiting for the passes that need the whole collection.
struct Draft {
    /// Path parameters are added at the end, once literal ids are rewritten.
    op: SourceOperation,
    host: Host,
    url_origin: Origin,
    path_vars: Vec<url::PathVar>,
    /// Literal ids turned into parameters: `(parameter name, literal)`.
    rewritten: Vec<(String, String)>,
    examples: Vec<ids::PendingExample>,
}

pub fn read(doc: &Document, _format: Format, diags: &mut Diagnostics) -> Result<Source, Error> {
    let root = doc.origin("");
    let Some(obj) = doc.value.as_object() else {
        return Err(Error::at(&root, Some(1), "a Postman collection must be a JSON object"));
    };
    let mut cx = Cx { diags, vars: collection_vars(obj.get("variable")), schemes: Vec::new() };
    let mut source = Source::default();

    let info = obj.get("info");
    source.title = info
        .and_then(|i| i.get("name"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    source.description = description_of(info.and_then(|i| i.get("description")));
    source.version = info.and_then(|i| i.get("version")).and_then(version_of);

    let collection_auth = match obj.get("auth") {
        Some(block) => match auth::auth_block(&mut cx, block, &root.child("auth")) {
            AuthBlock::Inherit => None,
            AuthBlock::Own(hint) => hint,
        },
        None => None,
    };

    let mut drafts = Vec::new();
    match obj.get("item") {
        Some(Value::Array(items)) => walk(&mut cx, items, &root, &[], &collection_auth, &mut drafts),
        Some(_) => cx.warn(&root.child("item"), "`item` is not an array; the collection has no requests"),
        None => cx.warn(&root, "the collection has no `item` list, so no requests"),
    }

    ids::rewrite_literal_ids(&mut drafts, &mut source.decisions);
    ids::attach_examples(&mut cx, &mut drafts, &mut source.decisions);
    assign_servers(&mut cx, &mut drafts, &mut source);

    source.operations = drafts.into_iter().map(finish).collect();
    source.auth = cx.schemes;
    Ok(source)
}

/// Collection variables as `key -> value`, for the ones with a string value.
fn collection_vars(vars: Option<&Value>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for var in vars.and_then(Value::as_array).into_iter().flatten() {
        if var.get("disabled").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let key = str_of(var.get("key")).or_else(|| str_of(var.get("id")));
        if let (Some(key), Some(value)) = (key, str_of(var.get("value"))) {
            out.entry(key.trim().to_string()).or_insert(value);
        }
    }
    out
}

/// `info.version`: a string, or v2.1's `{major, minor, patch, identifier}`.
fn version_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => {
            let part = |k: &str| o.get(k).and_then(|p| str_of(Some(p)));
            let (major, minor, patch) =
                (part("major")?, part("minor").unwrap_or("0".into()), part("patch").unwrap_or("0".into()));
            let mut version = format!("{major}.{minor}.{patch}");
            if let Some(id) = part("identifier").filter(|i| !i.is_empty()) {
                version.push('-');
                version.push_str(&id);
            }
            Some(version)
        }
        _ => None,
    }
}

/// A string, number or boolean as text; anything else is `None`.
pub(super) fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A description: a string, or `{content, type}`. HTML is kept; conversion happens at emit time.
pub(super) fn description_of(v: Option<&Value>) -> Option<String> {
    let text = match v? {
        Value::String(s) => s.clone(),
        Value::Object(o) => o.get("content").and_then(Value::as_str)?.to_string(),
        _ => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

/// A placeholder rather than a value: a Postman variable the file does not define (`{{name}}`),
/// or the documentation conventions `[personId]` and `{id}`.
pub(super) fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    let wrapped = |open: &str, close: &str| {
        v.len() > open.len() + close.len()
            && v.starts_with(open)
            && v.ends_with(close)
            && v[open.len()..v.len() - close.len()]
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ' ' | '$'))
    };
    wrapped("{{", "}}") || wrapped("{", "}") || wrapped("[", "]")
}

/// Walks folders depth first; folder names become tags and folder `auth` blocks are inherited.
fn walk(
    cx: &mut Cx<'_>,
    items: &[Value],
    parent: &Origin,
    tags: &[String],
    auth: &Option<AuthHint>,
    drafts: &mut Vec<Draft>,
) {
    for (i, item) in items.iter().enumerate() {
        let origin = parent.child("item").child(i);
        let Some(obj) = item.as_object() else {
            cx.warn(&origin, "an item is not an object; it is skipped");
            continue;
        };
        if let Some(children) = obj.get("item") {
            let Some(children) = children.as_array() else {
                cx.warn(&origin.child("item"), "a folder's `item` is not an array; the folder is skipped");
                continue;
            };
            let mut folder_tags = tags.to_vec();
            if let Some(name) = obj.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty()) {
                folder_tags.push(name.to_string());
            }
            let folder_auth = match obj.get("auth") {
                Some(block) => match auth::auth_block(cx, block, &origin.child("auth")) {
                    AuthBlock::Inherit => auth.clone(),
                    AuthBlock::Own(hint) => hint,
                },
                None => auth.clone(),
            };
            walk(cx, children, &origin, &folder_tags, &folder_auth, drafts);
        } else if obj.contains_key("request") {
            if let Some(draft) = request_item(cx, obj, &origin, tags, auth) {
                drafts.push(draft);
            }
        } else {
            cx.warn(&origin, "an item has neither `request` nor `item`; it is skipped");
        }
    }
}

/// One request item into a draft operation. `None` (with a warning) when it cannot be one.
fn request_item(
    cx: &mut Cx<'_>,
    item: &Map<String, Value>,
    origin: &Origin,
    tags: &[String],
    inherited_auth: &Option<AuthHint>,
) -> Option<Draft> {
    let req_origin = origin.child("request");
    let request = item.get("request")?;
    let name = item.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    let label = name.as_deref().map(|n| format!("request `{n}`")).unwrap_or_else(|| "a request".into());

    // v2.0 allows the request to be just its URL.
    let (req, url_value, url_origin) = match request {
        Value::String(_) => (None, Some(request), req_origin.clone()),
        Value::Object(req) => (Some(req), req.get("url"), req_origin.child("url")),
        _ => {
            cx.warn(&req_origin, format!("{label}: `request` is neither an object nor a URL; it is skipped"));
            return None;
        }
    };
    let method = match req.and_then(|r| r.get("method")) {
        None | Some(Value::Null) => Method::Get,
        Some(Value::String(m)) => match Method::parse(m.trim()) {
            Some(method) => method,
            None => {
                cx.warn(&req_origin.child("method"), format!("{label}: unsupported HTTP method `{m}`; it is skipped"));
                return None;
            }
        },
        Some(_) => {
            cx.warn(&req_origin.child("method"), format!("{label}: the method is not a string; it is skipped"));
            return None;
        }
    };

    // The documenter's `urlObject` carries the details; a v2.1 `url` object carries them too.
    let meta = match (req.and_then(|r| r.get("urlObject")), url_value) {
        (Some(Value::Object(m)), _) => Some((m, req_origin.child("urlObject"))),
        (_, Some(Value::Object(m))) => Some((m, url_origin.clone())),
        _ => None,
    };
    let raw = url_value.and_then(url::raw_of).unwrap_or_default();
    let Some(parsed) = url::request_url(cx, &raw, &url_origin, meta) else {
        cx.warn(&url_origin, format!("{label} has an empty URL; it is skipped"));
        return None;
    };
    for issue in &parsed.path_issues {
        cx.warn(&url_origin, format!("{label}: {}", issue.message));
    }

    let headers = auth::request_headers(cx, req.and_then(|r| r.get("header")), &req_origin.child("header"));

    let own_auth = match req.and_then(|r| r.get("auth")) {
        Some(block) => auth::auth_block(cx, block, &req_origin.child("auth")),
        None => AuthBlock::Inherit,
    };
    let auth = match (&headers.authorization, own_auth) {
        (Some((header, value)), own) => {
            if own == AuthBlock::Own(Some(AuthHint::None)) {
                cx.warn(
                    &req_origin.child("auth"),
                    format!(
                        "{label} says `noauth` but sends an `{header}` header; the header is what goes out, so it wins"
                    ),
                );
            }
            Some(AuthHint::Header { name: header.clone(), value: value.clone() })
        }
        (None, AuthBlock::Own(hint)) => hint,
        (None, AuthBlock::Inherit) => inherited_auth.clone(),
    };

    let request_body = req
        .and_then(|r| r.get("body"))
        .and_then(|b| body::request_body(cx, b, &req_origin.child("body"), headers.content_type.as_deref()));

    let description =
        description_of(req.and_then(|r| r.get("description"))).or_else(|| description_of(item.get("description")));

    let mut params = parsed.query;
    params.extend(headers.params);

    let mut examples = Vec::new();
    for (i, resp) in item.get("response").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let resp_origin = origin.child("response").child(i);
        let Some(resp) = resp.as_object() else {
            cx.warn(&resp_origin, "a saved example is not an object; it is skipped");
            continue;
        };
        examples.push(ids::PendingExample::read(cx, resp, &resp_origin));
    }

    Some(Draft {
        op: SourceOperation {
            method,
            path: parsed.path,
            name,
            operation_id: None,
            description,
            tags: tags.to_vec(),
            params,
            request: request_body.into_iter().collect(),
            responses: Vec::<Response>::new(),
            auth,
            server: None,
            deprecated: false,
            origin: origin.clone(),
        },
        host: parsed.host,
        url_origin,
        path_vars: parsed.path_vars,
        rewritten: Vec::new(),
        examples,
    })
}

/// Hosts into servers. The most common host is the collection's usual one; a request on another
/// literal host gets it as its own server. Every literal host (after collection variables are
/// substituted) is in `Source::servers`, the usual one first, the others in document order.
fn assign_servers(cx: &mut Cx<'_>, drafts: &mut [Draft], source: &mut Source) {
    for draft in drafts.iter_mut() {
        let host = std::mem::replace(&mut draft.host, Host::None);
        draft.host = host.resolve(cx);
    }
    // Most frequent host; ties go to the one seen first.
    let mut counts: Vec<(&Host, usize)> = Vec::new();
    for draft in drafts.iter().filter(|d| d.host != Host::None) {
        match counts.iter_mut().find(|(h, _)| *h == &draft.host) {
            Some((_, n)) => *n += 1,
            None => counts.push((&draft.host, 1)),
        }
    }
    let mut usual: Option<&Host> = None;
    let mut best = 0;
    for (host, n) in &counts {
        if *n > best {
            usual = Some(host);
            best = *n;
        }
    }
    let usual = usual.cloned();

    if let Some(Host::Literal(url)) = &usual {
        source.servers.push(url.clone());
    }
    for draft in drafts.iter_mut() {
        let Some(usual) = &usual else { break };
        if &draft.host == usual {
            continue;
        }
        match &draft.host {
            Host::Literal(url) => {
                draft.op.server = Some(url.clone());
                if !source.servers.contains(url) {
                    source.servers.push(url.clone());
                }
            }
            Host::Var(text) => {
                let usual_text = match usual {
                    Host::Var(t) | Host::Literal(t) => t.as_str(),
                    Host::None => "",
                };
                let message = format!(
                    "this request uses the host `{text}` while most use `{usual_text}`; the variable is not defined in the collection, so the model cannot name this server and the request is kept on the usual one"
                );
                cx.warn(&draft.url_origin, message);
            }
            Host::None => {}
        }
    }
}

/// The operation with its path parameters: one per path placeholder, in path order, first.
fn finish(draft: Draft) -> SourceOperation {
    let Draft { mut op, url_origin, path_vars, rewritten, .. } = draft;
    let mut params: Vec<Param> = Vec::new();
    for name in op.path.params() {
        if params.iter().any(|p| p.name == name) {
            continue;
        }
        let var = path_vars.iter().find(|v| v.name == name);
        let literal = rewritten.iter().find(|(n, _)| n == name).map(|(_, literal)| Value::String(literal.clone()));
        params.push(Param {
            name: name.to_string(),
            location: ParamLocation::Path,
            required: true,
            schema: None,
            description: var.and_then(|v| v.description.clone()),
            examples: var.and_then(|v| v.example.clone()).into_iter().chain(literal).collect(),
            disabled: false,
            origin: var.map_or_else(|| url_origin.clone(), |v| v.origin.clone()),
        });
    }
    params.append(&mut op.params);
    op.params = params;
    op
}
