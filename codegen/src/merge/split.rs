//! Requests on one method and path that are two operations: one sends no credentials and
//! another does, and their bodies have other fields (Outseta's `POST /tokens` is a password
//! login and a token minted with the API key). Merged, the login would always carry the key,
//! so they stay apart, each with its own auth and its own name (from its request's name).
//! Where only one of them documents a response, both answer with it.

use super::group::Group;
use crate::model::{AuthHint, Decision, DecisionKind, SourceOperation};
use serde_json::Value;
use std::collections::BTreeSet;

/// Splits each group whose members disagree as above; other groups pass through.
pub fn split_by_auth<'a>(groups: Vec<Group<'a>>, decisions: &mut Vec<Decision>) -> Vec<Group<'a>> {
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        match split(&g) {
            Some((with, without)) => {
                decisions.push(decision(&g, &with, &without));
                let first_without = without.iter().any(|m| std::ptr::eq(*m, g.members[0]));
                // A side whose requests document no response shares the other's.
                let silent = |side: &[&SourceOperation]| side.iter().all(|m| m.responses.is_empty());
                let (with_from, without_from) = match (silent(&with), silent(&without)) {
                    (true, false) => (without.clone(), Vec::new()),
                    (false, true) => (Vec::new(), with.clone()),
                    _ => (Vec::new(), Vec::new()),
                };
                let with = Group { method: g.method, path: g.path.clone(), members: with, no_auth: false, responses_from: with_from };
                let without = Group { method: g.method, path: g.path, members: without, no_auth: true, responses_from: without_from };
                if first_without {
                    out.extend([without, with]);
                } else {
                    out.extend([with, without]);
                }
            }
            None => out.push(g),
        }
    }
    out
}

/// The members that show credentials and those that show none, when the group must split.
fn split<'a>(g: &Group<'a>) -> Option<(Vec<&'a SourceOperation>, Vec<&'a SourceOperation>)> {
    let shows = |m: &SourceOperation| matches!(m.auth, Some(AuthHint::Header { .. } | AuthHint::Schemes(_)));
    // A request that says nothing, in a document where its sibling shows credentials, sends
    // none: the document shows what goes out.
    let none = |m: &SourceOperation| match m.auth {
        Some(AuthHint::None) => true,
        None => g.members.iter().any(|o| o.origin.file == m.origin.file && shows(o)),
        Some(_) => false,
    };
    let (with, without): (Vec<&SourceOperation>, Vec<&SourceOperation>) = g.members.iter().partition(|m| !none(m));
    if without.is_empty() || !with.iter().any(|m| shows(m)) {
        return None;
    }
    let fields = |side: &[&SourceOperation]| side.iter().flat_map(|m| body_fields(m)).collect::<BTreeSet<String>>();
    (fields(&with) != fields(&without)).then_some((with, without))
}

/// The field names a request's bodies show: form fields, schema properties, example keys.
fn body_fields(m: &SourceOperation) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for body in &m.request {
        out.extend(body.form_fields.iter().map(|f| f.name.clone()));
        if let Some(crate::model::SchemaKind::Object { properties, .. }) = body.schema.as_ref().map(|s| &s.kind) {
            out.extend(properties.iter().map(|(n, _)| n.clone()));
        }
        for example in &body.examples {
            if let crate::model::ExampleBody::Json(Value::Object(map)) = &example.body {
                out.extend(map.keys().cloned());
            }
        }
    }
    out
}

fn decision(g: &Group<'_>, with: &[&SourceOperation], without: &[&SourceOperation]) -> Decision {
    let names = |side: &[&SourceOperation]| side.iter().map(|m| format!("`{}`", m.name.as_deref().unwrap_or("?"))).collect::<Vec<_>>().join(", ");
    let fields = |side: &[&SourceOperation]| {
        let all: BTreeSet<String> = side.iter().flat_map(|m| body_fields(m)).collect();
        all.into_iter().collect::<Vec<_>>().join(", ")
    };
    Decision {
        kind: DecisionKind::OperationMerged,
        subject: format!("{} {}", g.method.as_str(), g.path.to_openapi()),
        detail: format!(
            "two operations, not one: {} sends no credentials (body: {}) while {} does (body: {}); api.toml names each as `[overrides.operations] \"{} {} (<request name>)\"`",
            names(without),
            fields(without),
            names(with),
            fields(with),
            g.method.as_str(),
            g.path.to_openapi()
        ),
        evidence: without.iter().chain(with).map(|m| m.origin.clone()).collect(),
    }
}
