//! Merge: the sources of one API -> one [`Api`], every decision recorded.
//!
//! [`group`] decides which operations are one; [`params`] unions their parameters;
//! [`bodies`] gathers the evidence of every body into inference roots; [`auth`] maps what
//! the sources show of authentication onto the manifest's schemes.

pub mod auth;
pub mod bodies;
pub mod group;
pub mod params;
pub mod request_fields;
pub mod schema_examples;
pub mod schema_fit;
pub mod structure;

use crate::diag::Diagnostics;
use crate::infer::{self, Shape};
use crate::manifest::Manifest;
use crate::model::{Api, Decision, DecisionKind, Operation, Source};
use crate::name;
use std::collections::{BTreeMap, BTreeSet};

pub fn merge(manifest: &Manifest, sources: &[Source], diags: &mut Diagnostics) -> Api {
    let mut decisions: Vec<Decision> = sources.iter().flat_map(|s| s.decisions.iter().cloned()).collect();
    let groups = group::group(sources, &mut decisions);
    let schemes = auth::schemes(manifest, sources);

    // Method names first: type names are derived from them.
    let mut taken = BTreeSet::new();
    let mut method_names = Vec::new();
    for g in &groups {
        let key = format!("{} {}", g.method.as_str(), g.path.to_openapi());
        let wanted = match manifest.overrides.operations.get(&key) {
            Some(name) => {
                decisions.push(Decision {
                    kind: DecisionKind::Override,
                    subject: key.clone(),
                    detail: format!("method named `{name}` by the manifest"),
                    evidence: Vec::new(),
                });
                name::snake(name)
            }
            None => operation_name(g),
        };
        let unique = name::unique(wanted.clone(), &mut taken);
        if unique != wanted {
            // Two operations want one method name: both keep working, and the user is told.
            let origin = g.members[0].origin.clone();
            diags.warn(&origin, format!("two operations want the method name `{wanted}`; `{key}` gets `{unique}` (rename it in api.toml [overrides.operations])"));
        }
        method_names.push(unique);
    }

    // Every body of the API becomes an inference root; types are built for all at once so
    // that an object recurring across operations becomes one type.
    let mut roots = Vec::new();
    let mut plans = Vec::new();
    let mut examples = Vec::new();
    for (g, method_name) in groups.iter().zip(&method_names) {
        plans.push(bodies::plan(g, method_name, &mut roots, &mut examples, &mut decisions));
    }
    schema_examples::record(&groups, &method_names, &plans, sources, &mut schema_examples::Out { uses: &mut examples, decisions: &mut decisions });
    request_fields::complete(&groups, &plans, &mut roots, &mut decisions);
    structure::borrow(&groups, &mut plans, &mut roots, &manifest.overrides.responses, &mut decisions);
    let components = component_shapes(sources);
    let prose = prose(sources);
    let built = infer::build(&roots, &components, &manifest.overrides, &prose);
    decisions.extend(built.decisions);

    let mut operations = Vec::new();
    for ((g, method_name), plan) in groups.iter().zip(method_names).zip(plans) {
        let first = g.members[0];
        let (request, responses) = plan.resolve(&built.roots);
        operations.push(Operation {
            id: method_name,
            method: g.method,
            path: g.path.clone(),
            summary: g.members.iter().find_map(|m| m.name.clone()).map(|s| s.trim().to_string()),
            description: g.members.iter().find_map(|m| m.description.clone().filter(|d| !d.trim().is_empty())),
            tags: first.tags.clone(),
            params: params::merge_params(g),
            request,
            responses,
            auth: auth::for_operation(g, &schemes),
            server: g.members.iter().find_map(|m| m.server.clone()),
            deprecated: g.members.iter().any(|m| m.deprecated),
            origins: g.members.iter().map(|m| m.origin.clone()).collect(),
        });
    }

    let title = manifest
        .package
        .title
        .clone()
        .or_else(|| sources.iter().find_map(|s| s.title.clone()))
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| manifest.package.name.clone());
    let mut servers: Vec<String> = manifest.servers.clone();
    for s in sources.iter().flat_map(|s| &s.servers) {
        if !servers.contains(s) {
            servers.push(s.clone());
        }
    }
    decisions.sort();
    decisions.dedup();
    Api {
        name: manifest.package.name.clone(),
        title,
        version: manifest.package.version.clone(),
        description: manifest.package.description.clone().or_else(|| sources.iter().find_map(|s| s.description.clone())),
        servers,
        auth: schemes.into_iter().map(|s| s.scheme).collect(),
        operations,
        types: built.types,
        decisions,
        examples,
    }
}

/// The method name: the top source's operationId, else its request name or summary, else
/// the method and path.
fn operation_name(g: &group::Group<'_>) -> String {
    for m in &g.members {
        if let Some(id) = m.operation_id.as_deref().filter(|s| !s.trim().is_empty()) {
            // Postman has no operationId; an OpenAPI source with one is authoritative.
            if m.name.is_none() || g.members[0].operation_id.is_some() {
                return name::snake(id);
            }
        }
        if let Some(n) = m.name.as_deref().filter(|s| !s.trim().is_empty()) {
            return name::snake(n);
        }
    }
    let lits: Vec<String> = g
        .path
        .segments
        .iter()
        .map(|s| match s {
            crate::model::Segment::Literal(l) => l.clone(),
            crate::model::Segment::Param(p) => format!("by {p}"),
        })
        .collect();
    name::snake(&format!("{} {}", g.method.as_str().to_lowercase(), lits.join(" ")))
}

/// Named schemas of every source, as shapes. The earlier source wins a name clash.
fn component_shapes(sources: &[Source]) -> BTreeMap<String, Shape> {
    let mut out: BTreeMap<String, Shape> = BTreeMap::new();
    for source in sources {
        for (name, schema) in &source.schemas {
            out.entry(name.clone()).or_insert_with(|| {
                let mut shape = Shape::default();
                shape.observe_schema(schema);
                shape
            });
        }
    }
    out
}

/// Every description of every source, for telling documented names from others.
fn prose(sources: &[Source]) -> String {
    let mut out = String::new();
    for s in sources {
        out.extend(s.description.iter().map(|d| format!("{d}\n")));
        for op in &s.operations {
            out.extend(op.description.iter().map(|d| format!("{d}\n")));
            for p in &op.params {
                out.extend(p.description.iter().map(|d| format!("{d}\n")));
            }
        }
    }
    out
}
