//! Authentication (`auth` blocks on the collection, folders and requests) and request headers.

use super::{description_of, is_placeholder, str_of, Cx};
use crate::model::{AuthHint, AuthKind, AuthScheme, Origin, Param, ParamLocation};
use serde_json::Value;

/// What one `auth` block says. `Inherit` defers to the enclosing folder or collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum AuthBlock {
    Inherit,
    /// `noauth`, or a scheme (registered in the source's schemes), or an unsupported type (no hint).
    Own(Option<AuthHint>),
}

/// Reads an `auth` block and registers the scheme it declares.
pub(super) fn auth_block(cx: &mut Cx<'_>, block: &Value, origin: &Origin) -> AuthBlock {
    let Some(obj) = block.as_object() else {
        if !block.is_null() {
            cx.warn(origin, "the `auth` block is not an object; it is ignored");
        }
        return AuthBlock::Inherit;
    };
    let ty = obj.get("type").and_then(Value::as_str).unwrap_or("inherit").trim().to_ascii_lowercase();
    let scheme = match ty.as_str() {
        "inherit" | "" => return AuthBlock::Inherit,
        "noauth" => return AuthBlock::Own(Some(AuthHint::None)),
        "bearer" => {
            AuthScheme { name: "bearer".into(), kind: AuthKind::Bearer { prefix: "Bearer".into() }, description: None }
        }
        "basic" => AuthScheme { name: "basic".into(), kind: AuthKind::Basic, description: None },
        "apikey" => {
            let key = attr(block, "apikey", "key").filter(|k| !k.trim().is_empty());
            let Some(key) = key else {
                cx.warn(origin, "the `apikey` auth names no key; it is ignored");
                return AuthBlock::Own(None);
            };
            let kind = match attr(block, "apikey", "in").as_deref() {
                Some("query") => AuthKind::Query { param: key.trim().to_string() },
                _ => AuthKind::Header { header: key.trim().to_string(), prefix: String::new() },
            };
            AuthScheme { name: "api_key".into(), kind, description: None }
        }
        "oauth2" => {
            // Postman sends the access token as a bearer header unless told to use the query.
            let kind = match attr(block, "oauth2", "addTokenTo").as_deref() {
                Some("queryParams") => AuthKind::Query { param: "access_token".into() },
                _ => {
                    let prefix = attr(block, "oauth2", "headerPrefix").filter(|p| !p.trim().is_empty());
                    AuthKind::Bearer { prefix: prefix.unwrap_or_else(|| "Bearer".into()).trim().to_string() }
                }
            };
            AuthScheme { name: "oauth2".into(), kind, description: None }
        }
        other => {
            cx.warn(origin, format!("auth type `{other}` is not supported; the requests under it get no auth hint"));
            return AuthBlock::Own(None);
        }
    };
    let name = register(&mut cx.schemes, scheme);
    AuthBlock::Own(Some(AuthHint::Schemes(vec![name])))
}

/// Adds a scheme unless an equal one is there; a name taken by a different scheme gets a suffix.
fn register(schemes: &mut Vec<AuthScheme>, scheme: AuthScheme) -> String {
    if let Some(existing) = schemes.iter().find(|s| s.kind == scheme.kind && s.name.starts_with(&scheme.name)) {
        return existing.name.clone();
    }
    let mut name = scheme.name.clone();
    let mut n = 2;
    while schemes.iter().any(|s| s.name == name) {
        name = format!("{}_{n}", scheme.name);
        n += 1;
    }
    schemes.push(AuthScheme { name: name.clone(), ..scheme });
    name
}

/// One attribute of an auth block: v2.1 writes `{type, bearer: [{key, value}]}`, v2.0 writes
/// `{type, bearer: {token: ...}}`.
fn attr(block: &Value, ty: &str, key: &str) -> Option<String> {
    match block.get(ty)? {
        Value::Array(list) => {
            list.iter().find(|e| e.get("key").and_then(Value::as_str) == Some(key)).and_then(|e| str_of(e.get("value")))
        }
        Value::Object(obj) => str_of(obj.get(key)),
        _ => None,
    }
}

/// What a request's headers say.
#[derive(Default)]
pub(super) struct Headers {
    pub content_type: Option<String>,
    /// `(name as written, value as written)`.
    pub authorization: Option<(String, String)>,
    pub params: Vec<Param>,
}

/// Headers the HTTP client computes itself; documenting them as parameters would only mislead.
const TRANSPORT_HEADERS: &[&str] = &["content-length", "host", "connection", "transfer-encoding", "accept-encoding"];

pub(super) fn request_headers(cx: &mut Cx<'_>, headers: Option<&Value>, origin: &Origin) -> Headers {
    let mut out = Headers::default();
    let entries: Vec<(Origin, &Value)> = match headers {
        Some(Value::Array(list)) => list.iter().enumerate().map(|(i, h)| (origin.child(i), h)).collect(),
        Some(Value::String(_)) => {
            // The v2.1 string form: no descriptions or flags, just `Key: value` lines.
            for (key, value) in super::body::header_pairs(headers) {
                one_header(cx, &mut out, &key, value, false, None, origin);
            }
            return out;
        }
        _ => return out,
    };
    for (entry_origin, header) in entries {
        let key = str_of(header.get("key")).unwrap_or_default().trim().to_string();
        if key.is_empty() {
            cx.warn(&entry_origin, "a request header has no name; it is skipped");
            continue;
        }
        let value = str_of(header.get("value")).unwrap_or_default();
        let disabled = header.get("disabled").and_then(Value::as_bool) == Some(true);
        let description = description_of(header.get("description"));
        one_header(cx, &mut out, &key, value, disabled, description, &entry_origin);
    }
    out
}

fn one_header(
    cx: &mut Cx<'_>,
    out: &mut Headers,
    key: &str,
    value: String,
    disabled: bool,
    description: Option<String>,
    origin: &Origin,
) {
    let lower = key.to_ascii_lowercase();
    match lower.as_str() {
        "content-type" => {
            if !disabled && out.content_type.is_none() {
                out.content_type = Some(value);
            }
        }
        "authorization" => {
            if !disabled && out.authorization.is_none() {
                out.authorization = Some((key.to_string(), value));
            }
        }
        "accept" => {}
        "cookie" => {
            for pair in value.split(';') {
                let Some((name, example)) = pair.split_once('=') else { continue };
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                out.params.push(Param {
                    name: name.to_string(),
                    location: ParamLocation::Cookie,
                    required: false,
                    schema: None,
                    description: None,
                    examples: example_value(example.trim()),
                    disabled,
                    origin: origin.clone(),
                });
            }
        }
        _ if TRANSPORT_HEADERS.contains(&lower.as_str()) => {}
        _ => {
            if out.params.iter().any(|p| p.location == ParamLocation::Header && p.name.eq_ignore_ascii_case(key)) {
                cx.warn(origin, format!("the header `{key}` is set twice; the first one is kept"));
                return;
            }
            let required = !disabled && description.as_deref().is_some_and(super::url::says_required);
            out.params.push(Param {
                name: key.to_string(),
                location: ParamLocation::Header,
                required,
                schema: None,
                description,
                examples: example_value(value.trim()),
                disabled,
                origin: origin.clone(),
            });
        }
    }
}

fn example_value(value: &str) -> Vec<Value> {
    if value.is_empty() || is_placeholder(value) {
        Vec::new()
    } else {
        vec![Value::String(value.to_string())]
    }
}
