//! Authentication: the manifest's schemes (or, without a manifest, the sources' own), and
//! which of them each operation accepts.
//!
//! The bundled APIs describe auth only in prose and show it as literal headers
//! (`Authorization: Basic {{crankwheel-api-key}}`), so a manifest scheme lists the strings
//! that mark an operation as its own.

use super::group::Group;
use crate::manifest::{AuthEntry, Manifest};
use crate::model::{AuthHint, AuthKind, AuthScheme, Source};

pub struct Scheme {
    pub scheme: AuthScheme,
    matches: Vec<String>,
    default: bool,
}

pub fn schemes(manifest: &Manifest, sources: &[Source]) -> Vec<Scheme> {
    if !manifest.auth.is_empty() {
        return manifest.auth.iter().map(from_entry).collect();
    }
    let mut out: Vec<Scheme> = Vec::new();
    for s in sources.iter().flat_map(|s| &s.auth) {
        if !out.iter().any(|o| o.scheme.name == s.name) {
            out.push(Scheme { scheme: s.clone(), matches: Vec::new(), default: true });
        }
    }
    out
}

fn from_entry(e: &AuthEntry) -> Scheme {
    let header = e.header.clone().unwrap_or_else(|| "Authorization".into());
    let kind = match e.kind.as_str() {
        "query" => AuthKind::Query { param: e.param.clone().unwrap_or_else(|| "api_key".into()) },
        "basic" => AuthKind::Basic,
        "bearer" => AuthKind::Bearer { prefix: e.prefix.clone().unwrap_or_else(|| "Bearer ".into()) },
        "key_pair" => AuthKind::KeyPair {
            header,
            prefix: e.prefix.clone().unwrap_or_default(),
            separator: e.separator.clone().unwrap_or_else(|| ":".into()),
        },
        _ => AuthKind::Header { header, prefix: e.prefix.clone().unwrap_or_default() },
    };
    Scheme {
        scheme: AuthScheme { name: e.name.clone(), kind, description: e.description.clone() },
        matches: e.matches.clone(),
        default: e.default,
    }
}

/// The schemes an operation accepts, from the first source that says anything about it.
pub fn for_operation(g: &Group<'_>, schemes: &[Scheme]) -> Vec<String> {
    if g.no_auth {
        return Vec::new();
    }
    let defaults = || schemes.iter().filter(|s| s.default).map(|s| s.scheme.name.clone()).collect::<Vec<_>>();
    let Some(hint) = g.members.iter().find_map(|m| m.auth.as_ref()) else { return defaults() };
    match hint {
        AuthHint::None => Vec::new(),
        AuthHint::Schemes(names) => {
            let known: Vec<String> = names.iter().filter(|n| schemes.iter().any(|s| &s.scheme.name == *n)).cloned().collect();
            if known.is_empty() { defaults() } else { known }
        }
        AuthHint::Header { value, .. } => {
            let value = value.to_ascii_lowercase();
            let matched: Vec<String> = schemes
                .iter()
                .filter(|s| s.matches.iter().any(|m| value.contains(&m.to_ascii_lowercase())))
                .map(|s| s.scheme.name.clone())
                .collect();
            if matched.is_empty() { defaults() } else { matched }
        }
    }
}
