//! Shapes into the type arena: structs, maps, unions and enums, one named type per recurring
//! object.
//!
//! Objects are gathered from every body of the API, grouped by the name their position
//! suggests (`settings` -> `Settings`), and clustered by how many keys they share, so the
//! client returned by five operations becomes one `Client` while two unrelated `Settings`
//! objects stay apart. Each cluster's type is built from the union of its members.
//!
//! This file holds the arena and the order of the steps; `super::cluster` gathers and
//! clusters the objects, `super::fields` fills each cluster's struct, and
//! `super::value_types` types every value.

use super::ahead::{find_all_pairs, Ahead, AliasInputs, At};
use super::ahead_covers::{Clusters, Known};
use super::cluster::collect;
use super::distinct::KeySets;
use super::map_keys::is_map;
use super::shape::{ObjectShape, Shape};
use crate::model::{Decision, DecisionKind, Origin, Ty, TypeId, TypeKind, Types};
use crate::name;
use crate::overrides::Lookup;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{mpsc, Arc, OnceLock};

/// Whether a body is sent or received: request objects get their own types, since clients
/// send what they choose (every field optional) while servers promise what they return.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Response,
    Request,
}

/// One body's evidence and the name its type should get.
#[derive(Clone, Debug)]
pub struct Root {
    pub hint: String,
    pub role: Role,
    pub shape: Shape,
    /// What the operation's prose says about the fields of this body.
    pub prose: Vec<super::prose::ProseField>,
}

pub struct Built {
    pub types: Types,
    /// The type of each root, in the order given; `None` when there was no evidence at all.
    pub roots: Vec<Option<Ty>>,
    pub decisions: Vec<Decision>,
}

/// Field names too generic to name a type alone; their type takes the parent's name first.
pub(crate) const GENERIC_NAMES: &[&str] = &[
    "settings", "setting", "stats", "stat", "metadata", "meta", "info", "details", "detail", "data", "config", "configuration",
    "options", "attributes", "summary", "links", "link", "errors", "error", "result", "results", "item", "items", "value",
    "values", "properties", "params", "body", "response", "request", "payload", "pagination", "page", "status",
];

pub(super) struct Cluster<'a> {
    pub(super) role: Role,
    pub(super) hint: String,
    /// The evidence of the cluster's objects: only `object`, `docs` and `origins` are read.
    /// Borrowed from the roots and components while the cluster has one member; owned once it
    /// holds the union of several. Shared, so that filling the struct (which may add clusters)
    /// reads it without a copy.
    pub(super) shape: Arc<Cow<'a, Shape>>,
    pub(super) id: TypeId,
}

/// An object that will become a struct: its role, the name its position suggests, its
/// parent's name, and the shape holding it (of which only `object`, `docs` and `origins` count).
/// Borrowed, not cloned: a clone at every depth held hundreds of MB for GitHub's description.
/// Last, the named schema (component) the object is the whole of, if any.
pub(super) type Candidate<'a> = (Role, String, String, Cow<'a, Shape>, Option<String>);

pub(super) struct Builder<'a> {
    pub(super) types: Types,
    pub(super) decisions: Vec<Decision>,
    pub(super) overrides: &'a Lookup<'a>,
    pub(super) clusters: Vec<Cluster<'a>>,
    /// (role, hint) -> indexes into `clusters`.
    pub(super) groups: BTreeMap<(Role, String), Vec<usize>>,
    pub(super) taken: BTreeSet<String>,
    /// Unions and enums already made, by their structure, so equal ones are shared.
    pub(super) made: BTreeMap<String, TypeId>,
    /// The type of each named schema, once made: its own cluster for an object, else built
    /// from its shape when first referenced (`Vec<Item>` for an array).
    pub(super) components: BTreeMap<String, Ty>,
    /// The cluster each object component landed in.
    pub(super) component_clusters: BTreeMap<String, usize>,
    /// Named schemas whose type is being built, so that a cycle of references ends.
    pub(super) resolving: BTreeSet<String>,
    /// The API's prose, to tell which spelling of a renamed field is the documented one.
    pub(super) prose: &'a str,
    /// All the evidence, and every key set in it (built when an alias is first considered).
    pub(super) roots: &'a [Root],
    pub(super) component_shapes: &'a BTreeMap<String, Shape>,
    /// Shared with the thread that finds the clusters' renamed fields ahead (see [`super::ahead`]).
    pub(super) key_sets: Arc<OnceLock<KeySets<'a>>>,
    pub(super) ahead: Option<Ahead>,
    /// What the typing of the cluster being filled (or of the bodies) asks, answered ahead:
    /// see [`super::ahead_covers`].
    pub(super) known: Known,
    /// Names the crate root gives the operations' own types (`ListClientsBuilder`).
    pub(super) root_names: &'a BTreeSet<String>,
    /// Models renamed to clear a clash, with the name they wanted: the manifest's overrides
    /// may use either (`Client.geo` or `ClientModel.geo`).
    pub(super) cleared: BTreeMap<String, String>,
    /// Types that objects found under several names became, with the report line's detail
    /// and evidence: said once the type keeps its final name and is known to be used.
    pub(super) merged: Vec<(TypeId, String, Vec<Origin>)>,
}

/// How many bodies' answers (with their joined copies) are freed on another thread at once.
const SPENT_AT_ONCE: usize = 256;

/// `root_names` are the names the crate root already gives the operations' own types.
pub fn build<'a>(roots: &'a [Root], components: &'a BTreeMap<String, Shape>, overrides: &'a Lookup<'a>, prose: &'a str, root_names: &'a BTreeSet<String>) -> Built {
    let key_sets: Arc<OnceLock<KeySets<'a>>> = Arc::default();
    let inputs = AliasInputs { overrides, prose, roots, components };
    // The second core is idle while the objects are gathered: it builds every key set of the
    // API then (the alias guards' index), and later finds the clusters' renamed fields while
    // their structs are filled here, in order; the results are the same whichever thread finds
    // them.
    let (mut b, tys) = std::thread::scope(|scope| {
        let (send_clusters, clusters) = mpsc::channel();
        let (to, from) = mpsc::channel();
        let other = scope.spawn({
            let key_sets = Arc::clone(&key_sets);
            move || find_all_pairs(inputs, &key_sets, clusters, to)
        });
        let mut b = clustered(roots, components, overrides, prose, root_names, Arc::clone(&key_sets));
        let clusters = Clusters {
            clusters: b.clusters.iter().map(|c| (c.role, c.hint.clone(), Arc::clone(&c.shape))).collect(),
            groups: b.groups.clone(),
            component_clusters: b.component_clusters.clone(),
            component_shapes: components,
        };
        b.ahead = Some(Ahead { count: clusters.clusters.len(), from });
        // A thread gone (a panic) only means all is found here.
        let _ = send_clusters.send(clusters);
        for i in 0..b.clusters.len() {
            b.fill_struct(i);
        }
        // What was found for the bodies holds copies of them: freed on another thread.
        let mut spent: Vec<Known> = Vec::new();
        let mut tys: Vec<Option<Ty>> = Vec::with_capacity(roots.len());
        for (r, root) in roots.iter().enumerate() {
            let known = super::ahead::take(&mut b.ahead, At::Root(r)).map(|(_, known)| known).unwrap_or_default();
            spent.push(std::mem::replace(&mut b.known, known));
            // Not all held to the end: they would add megabytes to the peak of memory.
            if spent.len() >= SPENT_AT_ONCE {
                crate::drop_later::drop_later(std::mem::take(&mut spent));
            }
            tys.push(b.root_ty(root));
        }
        // Stops the other thread if it is still sending; a panic there only means what it
        // did not send was found here.
        b.ahead = None;
        let _ = other.join();
        // The answers point into the clusters' shapes: they go before those can.
        spent.push(std::mem::take(&mut b.known));
        crate::drop_later::drop_later(spent);
        (b, tys)
    });
    b.apply_enum_overrides();
    b.apply_prose(roots, &tys);
    b.apply_code_tables(roots);
    b.apply_prose_nullable(roots, &tys);
    let documented = b.response_field_types();
    b.lenient_requests(&documented);
    // What follows reads only the clusters' roles and ids: their unions go now, freed on
    // another thread while inference ends, where they were freed while emit ran on both cores.
    free_unions(&mut b.clusters);
    b.request_types_from_responses(&documented);
    drop(documented);
    let mut tys = tys;
    let (types, new_id, dropped_names) = prune(b.types, &mut tys);
    let mut decisions = b.decisions;
    drop_decisions_of_dropped(&mut decisions, &dropped_names, &types);
    for (id, detail, evidence) in b.merged {
        // A type no body reaches (its objects typed by a declared schema instead) is not news.
        if let Some(def) = new_id.get(id.0).and_then(|&n| types.defs.get(n)) {
            decisions.push(Decision { kind: DecisionKind::Merged, subject: def.name.clone(), detail, evidence });
        }
    }
    Built { types, roots: tys, decisions }
}

/// Hands the unions of the clusters' objects (big trees, tens of ms to free) to another
/// thread; each cluster is left an empty shape, shared by all.
fn free_unions(clusters: &mut [Cluster<'_>]) {
    let empty = Arc::new(Cow::Owned(Shape::default()));
    let unions = clusters.iter_mut().filter_map(|c| Arc::try_unwrap(std::mem::replace(&mut c.shape, Arc::clone(&empty))).ok()).filter_map(|s| match s {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    });
    crate::drop_later::drop_later(unions.collect::<Vec<Shape>>());
}

/// The objects of every body and named schema gathered and clustered, each cluster with its
/// (still empty) struct.
fn clustered<'a>(roots: &'a [Root], components: &'a BTreeMap<String, Shape>, overrides: &'a Lookup<'a>, prose: &'a str, root_names: &'a BTreeSet<String>, key_sets: Arc<OnceLock<KeySets<'a>>>) -> Builder<'a> {
    let mut candidates: Vec<Candidate<'a>> = Vec::new();
    for (name, shape) in components {
        let start = candidates.len();
        collect(shape, &name::type_name(name), "", Role::Response, overrides, &mut candidates);
        // `collect` pushes the object itself first, unless it is a map.
        if shape.object.as_deref().is_some_and(|o| !is_map(o, &name::type_name(name), overrides)) {
            if let Some(c) = candidates.get_mut(start) {
                c.4 = Some(name.clone());
            }
        }
    }
    for root in roots {
        collect(&root.shape, &root.hint, "", root.role, overrides, &mut candidates);
    }
    let mut b = Builder {
        types: Types::default(),
        decisions: Vec::new(),
        overrides,
        clusters: Vec::new(),
        groups: BTreeMap::new(),
        taken: BTreeSet::new(),
        made: BTreeMap::new(),
        components: BTreeMap::new(),
        component_clusters: BTreeMap::new(),
        resolving: BTreeSet::new(),
        prose,
        roots,
        component_shapes: components,
        key_sets,
        ahead: None,
        known: Known::default(),
        root_names,
        cleared: BTreeMap::new(),
        merged: Vec::new(),
    };
    b.cluster(candidates);
    // Each named schema is its own cluster's type, never another's that shares its name.
    for (name, &i) in &b.component_clusters {
        b.components.insert(name.clone(), Ty::Named(b.clusters[i].id));
    }
    b
}

/// Forgets what was decided about the fields of types `prune` dropped: the report would
/// otherwise speak of a type the crate does not have (`Amount.decimals` beside the `Amount2`
/// that is emitted). Only field lines (`Type.field`, `Type.field[]`) go: a line whose subject
/// is a name alone (a rename, an override, a body's union) is about the name, not the type.
/// Hash sets, not ordered ones: GitHub's report has tens of thousands of lines to look up and
/// the order of the sets reaches nothing (15 M instructions less on its description).
fn drop_decisions_of_dropped(decisions: &mut Vec<Decision>, dropped_names: &[String], kept: &Types) {
    let kept: foldhash::HashSet<&str> = kept.defs.iter().map(|d| d.name.as_str()).collect();
    let dropped: foldhash::HashSet<&str> = dropped_names.iter().map(String::as_str).filter(|name| !kept.contains(name)).collect();
    if dropped.is_empty() {
        return;
    }
    decisions.retain(|d| match d.subject.split_once(['.', '[']) {
        Some((owner, _)) => !dropped.contains(owner),
        None => true,
    });
}

/// Drops types no body reaches (a union a later step replaced, say), renumbering the rest in
/// their order, so the crate holds no dead types. Also gives each old id's new one
/// (`usize::MAX` for a dropped type), and the names of the dropped types.
fn prune(types: Types, roots: &mut [Option<Ty>]) -> (Types, Vec<usize>, Vec<String>) {
    fn visit(ty: &Ty, types: &Types, keep: &mut Vec<bool>) {
        match ty {
            Ty::List(t) | Ty::Map(t) => visit(t, types, keep),
            Ty::Named(id) if !keep[id.0] => {
                keep[id.0] = true;
                match &types.defs[id.0].kind {
                    TypeKind::Struct(fields) => fields.iter().for_each(|f| visit(&f.ty, types, keep)),
                    TypeKind::Union(vs) => vs.iter().for_each(|v| visit(&v.ty, types, keep)),
                    TypeKind::Enum { .. } => {}
                }
            }
            _ => {}
        }
    }
    fn renumber(ty: &mut Ty, new_id: &[usize]) {
        match ty {
            Ty::List(t) | Ty::Map(t) => renumber(t, new_id),
            Ty::Named(id) => id.0 = new_id[id.0],
            _ => {}
        }
    }
    let mut keep = vec![false; types.defs.len()];
    for ty in roots.iter().flatten() {
        visit(ty, &types, &mut keep);
    }
    let mut new_id = vec![usize::MAX; types.defs.len()];
    let mut out = Types::default();
    let mut dropped_names = Vec::new();
    for (i, def) in types.defs.into_iter().enumerate() {
        if keep[i] {
            new_id[i] = out.defs.len();
            out.defs.push(def);
        } else {
            dropped_names.push(def.name);
        }
    }
    for def in &mut out.defs {
        match &mut def.kind {
            TypeKind::Struct(fields) => fields.iter_mut().for_each(|f| renumber(&mut f.ty, &new_id)),
            TypeKind::Union(vs) => vs.iter_mut().for_each(|v| renumber(&mut v.ty, &new_id)),
            TypeKind::Enum { .. } => {}
        }
    }
    for ty in roots.iter_mut().flatten() {
        renumber(ty, &new_id);
    }
    (out, new_id, dropped_names)
}

impl<'a> Builder<'a> {
    pub(super) fn alias_inputs(&self) -> AliasInputs<'a> {
        AliasInputs { overrides: self.overrides, prose: self.prose, roots: self.roots, components: self.component_shapes }
    }
}

pub(super) fn obj(shape: &Shape) -> Option<&ObjectShape> {
    shape.object.as_deref()
}

