//! Merge: the sources of one API -> one [`Api`], every decision recorded.
//!
//! [`group`] decides which operations are one; [`params`] unions their parameters;
//! [`bodies`] gathers the evidence of every body into inference roots; [`auth`] maps what
//! the sources show of authentication onto the manifest's schemes.

pub mod auth;
mod batch;
pub mod bodies;
mod example_uses;
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

use crate::both::both;
use crate::diag::Diagnostics;
use crate::infer::{self, Shape};
use crate::manifest::Manifest;
use crate::overrides::Lookup;
use crate::drop_later::{drop_later, Spent};
use crate::model::{Api, Body, Decision, Operation, Response, Schema, Source, SourceOperation, SourceWebhook};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Merges the sources into one API. Sources handed over (`Cow::Owned`) lose their bodies and
/// schemas once every inference root is built from them, before inference runs: they held
/// 40 MB of GitHub's description at the peak of memory, for nothing.
pub fn merge(manifest: &Manifest, overrides: &Lookup<'_>, mut sources: Cow<'_, [Source]>, diags: &mut Diagnostics, spent: &mut Spent) -> Api {
    let borrowed = &*sources;
    let mut decisions: Vec<Decision> = borrowed.iter().flat_map(|s| s.decisions.iter().cloned()).collect();
    let groups = group::group(borrowed, &mut decisions);
    let schemes = auth::schemes(manifest, borrowed);

    // Method names first: type names are derived from them.
    let method_names = names::method_names(overrides, &groups, &schemes, &mut decisions, diags);
    names::record_auth_names(&schemes, &mut decisions);

    // Every body of the API becomes an inference root; types are built for all at once so
    // that an object recurring across operations becomes one type. The bodies are planned on
    // two threads; the other one first turns what is not an operation's body into shapes.
    let runs = batch::Runs::new(&groups, &method_names, borrowed, overrides);
    let (theirs, mut done) = both("merge", || (Beside::gather(borrowed, &groups, &method_names), runs.work()), || runs.work());
    // What a thread that failed did not deliver is done here.
    let beside = theirs.map(|(beside, theirs)| {
        done.extend(theirs);
        beside
    });
    let beside = beside.unwrap_or_else(|| Beside::gather(borrowed, &groups, &method_names));
    let batch::Bodies { mut plans, mut roots, uses, composed, params, decisions: planned } = runs.join(done);
    decisions.extend(planned);
    let Beside { components, prose, hooks, hook_roots, hook_decisions } = beside;
    decisions.extend(hook_decisions);
    let root_names = names::root_type_names(&method_names);

    // What follows reads no body, schema or webhook of the sources: that evidence goes now,
    // freed on another thread meanwhile.
    let placed = group::place(groups, borrowed);
    // The examples' values are moved out of the bodies that go now (copied when borrowed).
    let mut examples = match &mut sources {
        Cow::Owned(list) => {
            let examples = uses.take_from(list);
            drop_later(release_evidence(list));
            examples
        }
        Cow::Borrowed(list) => uses.copy_from(list),
    };
    examples.extend(composed);
    let owned = sources;
    let sources = &*owned;
    let groups = group::unplace(placed, sources);
    request_fields::complete(&groups, &plans, &mut roots, &mut decisions);
    structure::borrow(&groups, &mut plans, &mut roots, overrides, &mut decisions);
    // The payloads' roots come after all of the operations'.
    let hooks: Vec<webhooks::Plan> = hooks.into_iter().map(|h| h.shifted(roots.len())).collect();
    roots.extend(hook_roots);
    let built = infer::build(&roots, &components, overrides, &prose, &root_names);
    decisions.extend(built.decisions);
    let mut types = built.types;
    // Inference's input goes now, to be freed as the caller chose (the tables are few).
    let tables: Vec<infer::prose::ProseField> = infer::code_tables(&roots).into_iter().cloned().collect();
    let tables: Vec<&infer::prose::ProseField> = tables.iter().collect();
    spent.put((roots, components, prose));

    let mut operations = Vec::new();
    for (((g, method_name), plan), params) in groups.iter().zip(method_names).zip(plans).zip(params) {
        let first = g.members[0];
        let media = plan.media_roots();
        let (request, mut responses) = plan.resolve(&built.roots);
        media::choose(&media, &built.roots, &mut types, &mut responses, &method_name, &root_names, &mut decisions);
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
    let api = Api {
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
    };
    // What is left of sources handed over (names, parameters) is freed on another thread.
    drop(groups);
    if let Cow::Owned(list) = owned {
        drop_later(list);
    }
    api
}

/// Every source's named schemas and webhooks; every operation's request and response bodies.
type Evidence = (BTreeMap<String, Schema>, Vec<SourceWebhook>, Vec<(Vec<Body>, Vec<Response>)>);

/// Takes what only the inference roots were built from: every body (schemas and examples),
/// the named schemas and the webhooks. What the operations still read (names, parameters,
/// auth, servers) stays.
fn release_evidence(sources: &mut [Source]) -> Vec<Evidence> {
    let take_bodies = |op: &mut SourceOperation| (std::mem::take(&mut op.request), std::mem::take(&mut op.responses));
    let take = |s: &mut Source| (std::mem::take(&mut s.schemas), std::mem::take(&mut s.webhooks), s.operations.iter_mut().map(take_bodies).collect());
    sources.iter_mut().map(take).collect()
}

/// What the merge gathers beside the operations' bodies: the named schemas as shapes, the
/// prose and the webhooks' payloads (with roots of their own, to follow the operations').
struct Beside {
    components: BTreeMap<String, Shape>,
    prose: String,
    hooks: Vec<webhooks::Plan>,
    hook_roots: Vec<infer::Root>,
    hook_decisions: Vec<Decision>,
}

impl Beside {
    fn gather(sources: &[Source], groups: &[group::Group<'_>], method_names: &[String]) -> Beside {
        let (mut hook_roots, mut hook_decisions) = (Vec::new(), Vec::new());
        let hooks = webhooks::plan(sources, groups, method_names, &mut hook_roots, &mut hook_decisions);
        Beside { components: component_shapes(sources), prose: prose(sources), hooks, hook_roots, hook_decisions }
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
