//! Merge: the sources of one API -> one [`Api`], every decision recorded.
//!
//! [`group`] decides which operations are one; [`params`] unions their parameters;
//! [`bodies`] gathers the evidence of every body into inference roots; [`auth`] maps what
//! the sources show of authentication onto the manifest's schemes.

pub mod auth;
pub mod bodies;
pub mod group;
mod media;
mod names;
mod nested;
mod split;
pub mod params;
pub mod request_fields;
pub mod schema_examples;
pub mod schema_fit;
pub mod structure;
pub mod webhooks;

use crate::diag::Diagnostics;
use crate::infer::{self, Shape};
use crate::manifest::Manifest;
use crate::overrides::Lookup;
use crate::model::{Api, Decision, Operation, Source};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Merges the sources into one API. Sources handed over (`Cow::Owned`) lose their bodies and
/// schemas once every inference root is built from them, before inference runs: they held
/// 40 MB of GitHub's description at the peak of memory, for nothing.
pub fn merge(manifest: &Manifest, overrides: &Lookup<'_>, mut sources: Cow<'_, [Source]>, diags: &mut Diagnostics) -> Api {
    let borrowed = &*sources;
    let mut decisions: Vec<Decision> = borrowed.iter().flat_map(|s| s.decisions.iter().cloned()).collect();
    let groups = group::group(borrowed, &mut decisions);
    let schemes = auth::schemes(manifest, borrowed);

    // Method names first: type names are derived from them.
    let method_names = names::method_names(overrides, &groups, &schemes, &mut decisions, diags);
    names::record_auth_names(&schemes, &mut decisions);

    // Every body of the API becomes an inference root; types are built for all at once so
    // that an object recurring across operations becomes one type.
    let mut roots = Vec::new();
    let mut plans = Vec::new();
    let mut examples = Vec::new();
    for (g, method_name) in groups.iter().zip(&method_names) {
        plans.push(bodies::plan(g, method_name, &mut roots, &mut examples, &mut decisions));
    }
    schema_examples::record(&groups, &method_names, &plans, borrowed, &mut schema_examples::Out { uses: &mut examples, decisions: &mut decisions });
    request_fields::complete(&groups, &plans, &mut roots, &mut decisions);
    structure::borrow(&groups, &mut plans, &mut roots, overrides, &mut decisions);
    let hooks = webhooks::plan(borrowed, &groups, &method_names, &mut roots, &mut decisions);
    let components = component_shapes(borrowed);
    let prose = prose(borrowed);
    let root_names = names::root_type_names(&method_names);
    // Inference reads only what was built above: the evidence in the sources goes now.
    let placed = group::place(groups, borrowed);
    if let Cow::Owned(list) = &mut sources {
        release_evidence(list);
    }
    let sources = &*sources;
    let groups = group::unplace(placed, sources);
    let built = infer::build(&roots, &components, overrides, &prose, &root_names);
    decisions.extend(built.decisions);
    let mut types = built.types;
    let tables = infer::code_tables(&roots);

    let mut operations = Vec::new();
    for ((g, method_name), plan) in groups.iter().zip(method_names).zip(plans) {
        let first = g.members[0];
        let media = plan.media_roots();
        let (request, mut responses) = plan.resolve(&built.roots);
        media::choose(&media, &built.roots, &mut types, &mut responses, &method_name, &root_names, &mut decisions);
        let params = params::merge_params(g, overrides, &mut decisions);
        names::record_setter_names(g, &params, &mut decisions);
        operations.push(Operation {
            id: method_name,
            method: g.method,
            path: g.path.clone(),
            summary: g.members.iter().find_map(|m| m.name.clone()).map(|s| s.trim().to_string()),
            description: g.members.iter().find_map(|m| m.description.clone().filter(|d| !d.trim().is_empty())),
            tags: first.tags.clone(),
            params,
            request,
            responses,
            auth: auth::for_operation(g, &schemes),
            server: g.members.iter().find_map(|m| m.server.clone()),
            deprecated: g.members.iter().any(|m| m.deprecated),
            origins: g.members.iter().map(|m| m.origin.clone()).collect(),
        });
        // A parameter named by a code table of the prose gets its enum.
        let examples = |name: &str| g.members.iter().flat_map(|m| &m.params).filter(|p| p.name == name).flat_map(|p| p.examples.clone()).collect();
        if let Some(op) = operations.last_mut() {
            infer::type_params(&tables, &mut types, op, &examples, &mut decisions);
        }
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
    let webhooks = webhooks::resolve(hooks, &built.roots, &types, &mut decisions);
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
        types,
        decisions,
        examples,
        webhooks,
    }
}

/// Drops what only the inference roots were built from: every body (schemas and examples),
/// the named schemas and the webhooks. What the operations still read (names, parameters,
/// auth, servers) stays.
fn release_evidence(sources: &mut [Source]) {
    for source in sources {
        source.schemas = BTreeMap::new();
        source.webhooks = Vec::new();
        for op in &mut source.operations {
            op.request = Vec::new();
            op.responses = Vec::new();
        }
    }
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
