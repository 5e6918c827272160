//! Postman URLs: a raw string (v2.0), an object `{raw, protocol, host, port, path, query,
//! variable}` (v2.1), and the documenter's sibling `urlObject`.
//!
//! The path always comes from the raw text, parsed here, because Postman's own parse of a URL
//! without a host variable is wrong (`billing/subscriptions/...` gives `host: ["billing"]`). Query
//! descriptions, `disabled` flags and path-variable examples only exist in the objects, so they
//! come from there when present.

use super::{description_of, is_placeholder, str_of, Cx};
use crate::model::{Origin, Param, ParamLocation, PathTemplate};
use crate::read::path::{parse_path_checked, percent_decode, PathIssue};
use serde_json::{Map, Value};

/// What stands before the path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Host {
    /// `/a/b` or `billing/subscriptions/...`: no host at all.
    None,
    /// A host that depends on Postman variables, as written (`{{url}}`, `https://{{tenant}}.x.com`).
    Var(String),
    /// A usable base URL: `https://meeting.is`.
    Literal(String),
}

impl Host {
    /// Replaces the variables of a host with the collection's values, when all are defined and
    /// the result is a URL.
    pub(super) fn resolve(self, cx: &Cx<'_>) -> Host {
        let Host::Var(text) = &self else { return self };
        let Some(value) = substitute(text, cx) else { return self };
        // A base URL variable may carry a base path (`https://api.example.com/v1`): keep it.
        let split = split_raw(&value);
        match split.host {
            Host::Literal(url) => Host::Literal(format!("{url}{}", split.path.trim_end_matches('/'))),
            _ => self,
        }
    }
}

/// A raw URL cut into host, path and query text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SplitUrl {
    pub host: Host,
    pub path: String,
    pub query: Option<String>,
}

/// Cuts a raw URL: `{{url}}/a/b?x=1`, `https://host/a`, `/a/b`, `a/b`.
pub(super) fn split_raw(raw: &str) -> SplitUrl {
    let text = raw.trim();
    let text = text.split_once('#').map_or(text, |(before, _)| before);
    let (before_query, query) = match text.split_once('?') {
        Some((before, query)) => (before, Some(query.to_string())),
        None => (text, None),
    };
    let (host, path) = split_host(before_query);
    SplitUrl { host, path: path.to_string(), query }
}

fn split_host(text: &str) -> (Host, &str) {
    if let Some(idx) = text.find("://") {
        let scheme = &text[..idx];
        let valid_scheme = scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if valid_scheme {
            let after = &text[idx + 3..];
            let (authority, path) = match after.find('/') {
                Some(slash) => (&after[..slash], &after[slash..]),
                None => (after, ""),
            };
            let host = format!("{scheme}://{authority}");
            return (if host.contains("{{") { Host::Var(host) } else { Host::Literal(host) }, path);
        }
    }
    if text.starts_with('/') {
        return (Host::None, text);
    }
    let (first, rest) = match text.find('/') {
        Some(slash) => (&text[..slash], &text[slash..]),
        None => (text, ""),
    };
    if first.starts_with("{{") && first.contains("}}") {
        // `{{url}}`, or a host built around variables such as `{{tenant}}.example.com`.
        return (Host::Var(first.to_string()), rest);
    }
    if looks_like_hostname(first) {
        // Postman sends a URL without a scheme over http; documented APIs mean https.
        return (Host::Literal(format!("https://{first}")), rest);
    }
    (Host::None, text)
}

/// `api.example.com`, `localhost:8080`, `127.0.0.1`: a host written without a scheme.
fn looks_like_hostname(text: &str) -> bool {
    let name = text.rsplit_once(':').filter(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()));
    let (name, has_port) = match name {
        Some((name, _)) => (name, true),
        None => (text, false),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
        return false;
    }
    if name == "localhost" {
        return true;
    }
    let labels: Vec<&str> = name.split('.').collect();
    let tld_ok = labels.last().is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    let ip = labels.len() == 4 && labels.iter().all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit()));
    let all_labels = labels.iter().all(|l| !l.is_empty());
    (labels.len() >= 2 && all_labels && tld_ok) || ip || (has_port && all_labels)
}

/// Replaces every `{{name}}` with the collection variable's value. `None` if one is undefined.
fn substitute(text: &str, cx: &Cx<'_>) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find("}}")?;
        let value = cx.vars.get(after[..end].trim())?;
        out.push_str(value);
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Some(out)
}

/// The raw text of a URL value: the string itself, or an object's `raw`, or a URL rebuilt from
/// the object's parts.
pub(super) fn raw_of(url: &Value) -> Option<String> {
    match url {
        Value::String(s) => Some(s.clone()),
        Value::Object(obj) => {
            if let Some(raw) = obj.get("raw").and_then(Value::as_str) {
                return Some(raw.to_string());
            }
            Some(rebuild(obj))
        }
        _ => None,
    }
}

fn rebuild(obj: &Map<String, Value>) -> String {
    let mut out = String::new();
    let host = match obj.get("host") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("."),
        _ => String::new(),
    };
    if !host.is_empty() {
        if let Some(protocol) = obj.get("protocol").and_then(Value::as_str) {
            out.push_str(protocol.trim_end_matches("://"));
            out.push_str("://");
        }
        out.push_str(&host);
        if let Some(port) = obj.get("port").and_then(|p| str_of(Some(p))) {
            out.push(':');
            out.push_str(&port);
        }
    }
    let path = match obj.get("path") {
        Some(Value::String(s)) => s.trim_start_matches('/').to_string(),
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(|p| match p {
                Value::String(s) => Some(s.clone()),
                Value::Object(o) => o.get("value").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("/"),
        _ => String::new(),
    };
    if !path.is_empty() || !host.is_empty() {
        out.push('/');
        out.push_str(&path);
    }
    let query: Vec<String> = obj
        .get("query")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|q| q.get("disabled").and_then(Value::as_bool) != Some(true))
        .filter_map(|q| {
            let key = q.get("key").and_then(Value::as_str)?;
            Some(match q.get("value").and_then(Value::as_str) {
                Some(value) => format!("{key}={value}"),
                None => key.to_string(),
            })
        })
        .collect();
    if !query.is_empty() {
        out.push('?');
        out.push_str(&query.join("&"));
    }
    out
}

/// A parsed request URL with everything the operation needs from it.
pub(super) struct RequestUrl {
    pub host: Host,
    pub path: PathTemplate,
    pub path_issues: Vec<PathIssue>,
    pub query: Vec<Param>,
    pub path_vars: Vec<PathVar>,
}

/// What a Postman path variable entry says about a path parameter.
pub(super) struct PathVar {
    pub name: String,
    pub description: Option<String>,
    pub example: Option<Value>,
    pub origin: Origin,
}

/// Reads a request's URL. `meta` is the object that carries query and variable details
/// (`urlObject`, else the `url` object) with its origin. `None` when the URL is empty.
pub(super) fn request_url(
    cx: &mut Cx<'_>,
    raw: &str,
    url_origin: &Origin,
    meta: Option<(&Map<String, Value>, Origin)>,
) -> Option<RequestUrl> {
    if raw.trim().is_empty() {
        return None;
    }
    let split = split_raw(raw);
    if split.host == Host::None && !split.path.starts_with('/') {
        cx.warn(url_origin, format!("the URL `{}` has no host or host variable; it is read as a path", raw.trim()));
    }
    let (path, path_issues) = parse_path_checked(&split.path);

    let meta_query = meta.as_ref().and_then(|(obj, origin)| {
        let entries = obj.get("query").and_then(Value::as_array).filter(|q| !q.is_empty())?;
        Some((entries, origin.child("query")))
    });
    let mut entries = Vec::new();
    match meta_query {
        Some((list, origin)) => {
            for (i, entry) in list.iter().enumerate() {
                let origin = origin.child(i);
                let Some(obj) = entry.as_object() else {
                    cx.warn(&origin, "a query entry is not an object; it is skipped");
                    continue;
                };
                entries.push(QueryEntry {
                    key: percent_decode(&str_of(obj.get("key")).unwrap_or_default(), true),
                    value: str_of(obj.get("value")).map(|v| percent_decode(&v, true)),
                    disabled: obj.get("disabled").and_then(Value::as_bool) == Some(true),
                    description: description_of(obj.get("description")),
                    origin,
                });
            }
        }
        None => {
            for (key, value) in parse_query(split.query.as_deref().unwrap_or("")) {
                entries.push(QueryEntry { key, value, disabled: false, description: None, origin: url_origin.clone() });
            }
        }
    }
    let query = query_params(cx, entries);

    let mut path_vars = Vec::new();
    if let Some((obj, origin)) = &meta {
        for (i, var) in obj.get("variable").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let origin = origin.child("variable").child(i);
            let name = str_of(var.get("key")).or_else(|| str_of(var.get("id")));
            let Some(name) = name.filter(|n| !n.trim().is_empty()) else { continue };
            let example = str_of(var.get("value")).filter(|v| !v.is_empty() && !is_placeholder(v)).map(Value::String);
            path_vars.push(PathVar {
                name: name.trim().to_string(),
                description: description_of(var.get("description")),
                example,
                origin,
            });
        }
    }
    Some(RequestUrl { host: split.host, path, path_issues, query, path_vars })
}

struct QueryEntry {
    key: String,
    value: Option<String>,
    disabled: bool,
    description: Option<String>,
    origin: Origin,
}

/// `a=1&b=x+y&c` into decoded pairs, in order. Empty keys are kept for the caller to report.
pub(super) fn parse_query(raw: &str) -> Vec<(String, Option<String>)> {
    raw.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| match part.split_once('=') {
            Some((key, value)) => (percent_decode(key, true), Some(percent_decode(value, true))),
            None => (percent_decode(part, true), None),
        })
        .collect()
}

/// One query parameter per key (a repeated key gives one parameter with several examples).
fn query_params(cx: &mut Cx<'_>, entries: Vec<QueryEntry>) -> Vec<Param> {
    let mut params: Vec<Param> = Vec::new();
    for entry in entries {
        let key = entry.key.trim().to_string();
        if key.is_empty() {
            let value = entry.value.as_deref().unwrap_or("null");
            cx.warn(&entry.origin, format!("a query parameter has an empty name (`={value}`); it is skipped"));
            continue;
        }
        let example = entry.value.filter(|v| !v.is_empty() && !is_placeholder(v)).map(Value::String);
        let required = !entry.disabled && entry.description.as_deref().is_some_and(says_required);
        match params.iter_mut().find(|p| p.name == key) {
            Some(param) => {
                param.examples.extend(example);
                param.disabled &= entry.disabled;
                param.required |= required;
                if param.description.is_none() {
                    param.description = entry.description;
                }
            }
            None => params.push(Param {
                name: key,
                location: ParamLocation::Query,
                required,
                schema: None,
                description: entry.description,
                examples: example.into_iter().collect(),
                disabled: entry.disabled,
                origin: entry.origin,
            }),
        }
    }
    for param in &mut params {
        param.examples.dedup();
    }
    params
}

/// A description that marks its parameter as required ("required", "Required. Start of ...").
pub(super) fn says_required(description: &str) -> bool {
    let text = strip_tags(description).to_lowercase();
    let text = text.trim_start();
    if text.starts_with("optional") || text.contains("not required") {
        return false;
    }
    text.split(|c: char| !c.is_alphanumeric()).any(|word| word == "required" || word == "mandatory")
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_variable_is_cut_off_the_path() {
        let split = split_raw("{{server-url}}/ss/rsapi/clients/:id/usage?start=1&end=2");
        assert_eq!(split.host, Host::Var("{{server-url}}".into()));
        assert_eq!(split.path, "/ss/rsapi/clients/:id/usage");
        assert_eq!(split.query.as_deref(), Some("start=1&end=2"));
    }

    #[test]
    fn literal_host_with_base_path_keeps_the_base_path_in_the_path() {
        let split = split_raw("https://webflow-demo.outseta.com/api/v1/crm/accounts/KaWx1mVr");
        assert_eq!(split.host, Host::Literal("https://webflow-demo.outseta.com".into()));
        assert_eq!(split.path, "/api/v1/crm/accounts/KaWx1mVr");
    }

    #[test]
    fn url_without_host_variable_is_a_path() {
        let split = split_raw("billing/subscriptions/{subscriptionUid}/discounts/{discountUid}");
        assert_eq!(split.host, Host::None);
        assert_eq!(split.path, "billing/subscriptions/{subscriptionUid}/discounts/{discountUid}");
    }

    #[test]
    fn scheme_less_hostname_is_a_host() {
        let split = split_raw("api.example.com/v1/users");
        assert_eq!(split.host, Host::Literal("https://api.example.com".into()));
        assert_eq!(split.path, "/v1/users");
        assert_eq!(split_raw("localhost:3000/x").host, Host::Literal("https://localhost:3000".into()));
    }

    #[test]
    fn query_values_are_percent_decoded_with_plus_as_space() {
        assert_eq!(
            parse_query("orderBy=ActivityDateTime+DESC&to=2020-07-19T23%3A59%3A59Z&flag"),
            vec![
                ("orderBy".to_string(), Some("ActivityDateTime DESC".to_string())),
                ("to".to_string(), Some("2020-07-19T23:59:59Z".to_string())),
                ("flag".to_string(), None),
            ]
        );
    }

    #[test]
    fn required_is_read_from_the_description() {
        assert!(says_required("<p>required</p>"));
        assert!(says_required("Required. Start of date range (ISO 8601)"));
        assert!(!says_required("Optional. Start of date range. Required for nothing"));
        assert!(!says_required("optional: Values can be either \"active\" or \"soft_deleted\""));
        assert!(!says_required("This is not required"));
    }

    #[test]
    fn object_urls_without_raw_are_rebuilt() {
        let url = serde_json::json!({
            "protocol": "https", "host": ["api", "example", "com"], "path": ["v1", ":id"],
            "query": [{"key": "a", "value": "1"}, {"key": "b", "value": "2", "disabled": true}]
        });
        assert_eq!(raw_of(&url).as_deref(), Some("https://api.example.com/v1/:id?a=1"));
    }
}
