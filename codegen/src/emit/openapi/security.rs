//! The API's auth schemes as `components/securitySchemes`, and each operation's `security`.
//!
//! OpenAPI has no words for a header that carries a raw key after a prefix
//! (`Authorization: Basic <key>`, not base64 of user:password) or joins two secrets
//! (`Authorization: Outseta <key>:<secret>`): those are `apiKey` schemes in their header, and
//! the exact spelling is in the description and in `x-prefix` / `x-separator`, or in
//! `x-template` for a value made from several parts (`Basic resellerimpersonate-{client_id}-{reseller_key}`).

use super::super::library::placeholders;
use super::text;
use crate::model::{AuthKind, AuthScheme, Operation};
use serde_json::{json, Map, Value};

pub fn security_schemes(schemes: &[AuthScheme]) -> Map<String, Value> {
    schemes.iter().map(|s| (s.name.clone(), scheme(s))).collect()
}

fn scheme(s: &AuthScheme) -> Value {
    let mut out = Map::new();
    let how = match &s.kind {
        AuthKind::Header { header, prefix } => {
            out.insert("type".into(), json!("apiKey"));
            out.insert("in".into(), json!("header"));
            out.insert("name".into(), json!(header));
            if !placeholders(prefix).is_empty() {
                // The whole value is a template whose `{placeholders}` the client fills in.
                out.insert("x-template".into(), json!(prefix));
                format!("Sent as `{header}: {prefix}`, with the placeholders filled in.")
            } else {
                if !prefix.is_empty() {
                    out.insert("x-prefix".into(), json!(prefix));
                }
                format!("Sent as `{header}: {prefix}<key>`.")
            }
        }
        AuthKind::Query { param } => {
            out.insert("type".into(), json!("apiKey"));
            out.insert("in".into(), json!("query"));
            out.insert("name".into(), json!(param));
            format!("Sent as the query parameter `{param}`.")
        }
        AuthKind::Basic => {
            out.insert("type".into(), json!("http"));
            out.insert("scheme".into(), json!("basic"));
            "HTTP basic: `Authorization: Basic <base64 of user:password>`.".to_string()
        }
        AuthKind::Bearer { prefix } => {
            out.insert("type".into(), json!("http"));
            out.insert("scheme".into(), json!("bearer"));
            // The scheme name is case-insensitive (RFC 9110), but some servers are not.
            if prefix != "Bearer " {
                out.insert("x-prefix".into(), json!(prefix));
            }
            format!("Sent as `Authorization: {prefix}<token>`.")
        }
        AuthKind::KeyPair { header, prefix, separator } => {
            out.insert("type".into(), json!("apiKey"));
            out.insert("in".into(), json!("header"));
            out.insert("name".into(), json!(header));
            out.insert("x-prefix".into(), json!(prefix));
            out.insert("x-separator".into(), json!(separator));
            format!("Sent as `{header}: {prefix}<key>{separator}<secret>`.")
        }
    };
    let description = match text(s.description.as_deref()) {
        Some(d) => format!("{d}\n\n{how}"),
        None => how,
    };
    // `type` first, as people write it; the description after the fields it explains.
    out.insert("description".into(), json!(description));
    Value::Object(out)
}

/// Any one of the operation's schemes will do; an empty list says no auth is needed.
pub fn operation_security(op: &Operation) -> Value {
    Value::Array(op.auth.iter().map(|name| json!({ name: [] })).collect())
}
