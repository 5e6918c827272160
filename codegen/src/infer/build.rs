//! Shapes into the type arena: structs, maps, unions and enums, one named type per recurring
//! object.
//!
//! Objects are gathered from every body of the API, grouped by the name their position
//! suggests (`settings` -> `Settings`), and clustered by how many keys they share, so the
//! client returned by five operations becomes one `Client` while two unrelated `Settings`
//! objects stay apart. Each cluster's type is built from the union of its members.

use super::aliases;
use super::distinct::KeySets;
use super::map_keys::{is_map, map_values};
use super::covers::{covers_object, is_required, same_required};
use super::shape::{ObjectShape, Shape};
use crate::manifest::Overrides;
use crate::model::{Decision, DecisionKind, EnumValue, Field, Origin, Ty, TypeDef, TypeId, TypeKind, Types, Variant};
use crate::name;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

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

/// Objects whose keys overlap at least this much (relative to the smaller key set) are one type.
const SAME_OBJECT: f64 = 0.5;

pub(super) struct Cluster<'a> {
    pub(super) role: Role,
    hint: String,
    /// The evidence of the cluster's objects: only `object`, `docs` and `origins` are read.
    /// Borrowed from the roots and components while the cluster has one member; owned once it
    /// holds the union of several.
    pub(super) shape: Cow<'a, Shape>,
    pub(super) id: TypeId,
}

/// An object that will become a struct: its role, the name its position suggests, its
/// parent's name, and the shape holding it (of which only `object`, `docs` and `origins` count).
/// Borrowed, not cloned: a clone at every depth held hundreds of MB for GitHub's description.
/// Last, the named schema (component) the object is the whole of, if any.
type Candidate<'a> = (Role, String, String, Cow<'a, Shape>, Option<String>);

pub(super) struct Builder<'a> {
    pub(super) types: Types,
    pub(super) decisions: Vec<Decision>,
    pub(super) overrides: &'a Overrides,
    pub(super) clusters: Vec<Cluster<'a>>,
    /// (role, hint) -> indexes into `clusters`.
    groups: BTreeMap<(Role, String), Vec<usize>>,
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
    prose: &'a str,
    /// All the evidence, and every key set in it (built when an alias is first considered).
    roots: &'a [Root],
    pub(super) component_shapes: &'a BTreeMap<String, Shape>,
    key_sets: std::cell::OnceCell<KeySets<'a>>,
    /// Names the crate root gives the operations' own types (`ListClientsBuilder`).
    pub(super) root_names: &'a BTreeSet<String>,
    /// Models renamed to clear a clash, with the name they wanted: the manifest's overrides
    /// may use either (`Client.geo` or `ClientModel.geo`).
    pub(super) cleared: BTreeMap<String, String>,
}

/// `root_names` are the names the crate root already gives the operations' own types.
pub fn build<'a>(roots: &'a [Root], components: &'a BTreeMap<String, Shape>, overrides: &'a Overrides, prose: &'a str, root_names: &'a BTreeSet<String>) -> Built {
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
        key_sets: std::cell::OnceCell::new(),
        root_names,
        cleared: BTreeMap::new(),
    };
    b.cluster(candidates);
    // Each named schema is its own cluster's type, never another's that shares its name.
    for (name, &i) in &b.component_clusters {
        b.components.insert(name.clone(), Ty::Named(b.clusters[i].id));
    }
    for i in 0..b.clusters.len() {
        b.fill_struct(i);
    }
    let tys: Vec<Option<Ty>> = roots.iter().map(|r| b.root_ty(r)).collect();
    b.apply_enum_overrides();
    b.apply_prose(roots, &tys);
    b.apply_code_tables(roots);
    b.apply_prose_nullable(roots, &tys);
    b.lenient_requests();
    b.request_types_from_responses();
    let mut tys = tys;
    let types = prune(b.types, &mut tys);
    Built { types, roots: tys, decisions: b.decisions }
}

/// Drops types no body reaches (a union a later step replaced, say), renumbering the rest in
/// their order, so the crate holds no dead types.
fn prune(types: Types, roots: &mut [Option<Ty>]) -> Types {
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
    for (i, def) in types.defs.into_iter().enumerate() {
        if keep[i] {
            new_id[i] = out.defs.len();
            out.defs.push(def);
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
    out
}

/// Gathers every object that will become a struct, with the name its position suggests.
fn collect<'a>(shape: &'a Shape, hint: &str, parent: &str, role: Role, overrides: &Overrides, out: &mut Vec<Candidate<'a>>) {
    if let Some(obj) = &shape.object {
        if is_map(obj, hint, overrides) {
            // The values' shape is built here, so what is found in it must be owned.
            let values = map_values(obj);
            let mut found = Vec::new();
            collect(&values, &map_value_hint(hint), parent, role, overrides, &mut found);
            out.extend(found.into_iter().map(|(role, hint, parent, shape, named)| (role, hint, parent, Cow::Owned(shape.into_owned()), named)));
        } else {
            out.push((role, hint.to_string(), parent.to_string(), Cow::Borrowed(shape), None));
            for (field, fs) in &obj.fields {
                collect(&fs.shape, &field_hint(field, hint), hint, role, overrides, out);
            }
        }
    }
    if let Some(array) = &shape.array {
        collect(&array.item, &name::type_name(&name::singular(hint)), parent, role, overrides, out);
    }
}

/// The type name a field's value suggests. The list inside a page envelope (`items`, `data`)
/// is named for what the page holds: `PlanList.items` holds `Plan`s.
pub fn field_hint(field: &str, parent: &str) -> String {
    const ENVELOPE: &[&str] = &["items", "data", "results", "records", "entries", "rows"];
    if ENVELOPE.contains(&field.to_ascii_lowercase().as_str()) {
        if let Some(base) = parent.strip_suffix("List").filter(|b| !b.is_empty()) {
            return base.to_string();
        }
    }
    name::type_name(field)
}

/// The name of a map's values: `UserStats` holds `UserStat`s; when the singular is the same
/// word (`PlansProRata`), `PlansProRataValue`, so an override for the map never hits its values.
fn map_value_hint(hint: &str) -> String {
    let single = name::type_name(&name::singular(hint));
    if single == hint {
        format!("{hint}Value")
    } else {
        single
    }
}

/// Shared keys over the smaller key set.
fn overlap(a: &Shape, b: &Shape) -> f64 {
    let empty = ObjectShape::default();
    key_similarity(obj(a).unwrap_or(&empty), obj(b).unwrap_or(&empty))
}

/// How many field names two objects share, walking their sorted keys together: the
/// clustering compares thousands of pairs of objects on large APIs, and building a set of
/// names for each comparison was most of its time.
fn shared_keys(a: &ObjectShape, b: &ObjectShape) -> usize {
    let (mut ka, mut kb) = (a.fields.keys().peekable(), b.fields.keys().peekable());
    let mut shared = 0;
    while let (Some(x), Some(y)) = (ka.peek(), kb.peek()) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => {
                ka.next();
            }
            std::cmp::Ordering::Greater => {
                kb.next();
            }
            std::cmp::Ordering::Equal => {
                shared += 1;
                ka.next();
                kb.next();
            }
        }
    }
    shared
}

/// The share of the smaller object's field names that the other has too (1 when either has
/// none).
fn key_similarity(a: &ObjectShape, b: &ObjectShape) -> f64 {
    if a.fields.is_empty() || b.fields.is_empty() {
        return 1.0;
    }
    shared_keys(a, b) as f64 / a.fields.len().min(b.fields.len()) as f64
}

/// The type name an object gives itself in a discriminator field (`"_objectType": "Person"`,
/// GraphQL's `__typename`), when every sample agrees.
fn declared_type_name(shape: &Shape) -> Option<String> {
    let object = obj(shape)?;
    ["_objectType", "__typename", "$type", "objectType"].iter().find_map(|key| {
        let field = object.fields.get(*key)?;
        let values = &field.shape.string.as_ref()?.values;
        match (values.len(), values.iter().next()) {
            (1, Some(v)) if field.shape.kinds() == 1 && !v.is_empty() => Some(name::type_name(v)),
            _ => None,
        }
    })
}

/// Objects under different names that are one type: the same field names (three or more),
/// or nearly the same (three in four of all names shared, six or more shared), each shared
/// field holding the same kinds of value.
fn same_fields(a: &Shape, b: &Shape) -> bool {
    let (Some(a), Some(b)) = (obj(a), obj(b)) else { return false };
    let shared = shared_keys(a, b);
    let all = a.fields.len() + b.fields.len() - shared;
    let same = shared == a.fields.len() && shared == b.fields.len() && shared >= 3;
    let nearly = shared >= 6 && shared * 4 >= all * 3;
    if !(same || nearly) {
        return false;
    }
    let kinds = |s: &Shape| [s.bool > 0, s.int + s.float > 0, s.string.is_some(), s.array.is_some(), s.object.is_some()];
    a.fields.iter().filter(|(k, _)| b.fields.contains_key(*k)).all(|(k, fa)| {
        let (ka, kb) = (kinds(&fa.shape), kinds(&b.fields[k].shape));
        ka == kb || ka == [false; 5] || kb == [false; 5]
    })
}

pub(super) fn obj(shape: &Shape) -> Option<&ObjectShape> {
    shape.object.as_deref()
}

impl<'a> Builder<'a> {
    fn cluster(&mut self, mut candidates: Vec<Candidate<'a>>) {
        // A canonical order makes the clusters independent of the order of the samples.
        // The key is built once per candidate, not once per comparison.
        candidates.sort_by_cached_key(|c| {
            let keys: Vec<String> = obj(&c.3).map(|o| o.fields.keys().cloned().collect()).unwrap_or_default();
            (c.0, c.1.clone(), std::cmp::Reverse(keys.len()), keys, c.2.clone(), c.4.clone())
        });
        let mut pending: Vec<(Role, String, BTreeSet<String>, Cow<'a, Shape>)> = Vec::new();
        let mut group_of: BTreeMap<(Role, String), Vec<usize>> = BTreeMap::new();
        // The named schemas each pending object holds.
        let mut named: Vec<Vec<String>> = Vec::new();
        for (role, hint, parent, shape, component) in candidates {
            let group = group_of.entry((role, hint.clone())).or_default();
            let empty = ObjectShape::default();
            let object = obj(&shape).unwrap_or(&empty);
            // Two schemas are one type only where they agree on what is required.
            let fits = |i: &usize| key_similarity(object, obj(&pending[*i].3).unwrap_or(&empty)) >= SAME_OBJECT && same_required(&shape, &pending[*i].3);
            match group.iter().copied().find(fits) {
                Some(i) => {
                    pending[i].2.insert(parent);
                    pending[i].3.to_mut().union(&shape);
                    named[i].extend(component);
                }
                None => {
                    group.push(pending.len());
                    pending.push((role, hint, BTreeSet::from([parent]), shape));
                    named.push(component.into_iter().collect());
                }
            }
        }
        // Objects found under different names with exactly the same fields are one type
        // (`PerCompany` in the billing overview is the `ClientBilling` of one client). The
        // earlier name in sorted order is kept.
        let mut merged_into: Vec<Option<usize>> = vec![None; pending.len()];
        let mut preferred: Vec<String> = pending.iter().map(|p| p.1.clone()).collect();
        // A request body keeps its operation's name even when another operation sends the same.
        let is_root_request = |p: &(Role, String, BTreeSet<String>, Cow<Shape>)| p.0 == Role::Request && p.2.iter().all(String::is_empty);
        // Each object's declared name and field count, renewed when it absorbs another: the
        // pairs below are quadratic in number (thousands of objects in GitHub's description).
        let mut declared: Vec<Option<String>> = pending.iter().map(|p| declared_type_name(&p.3)).collect();
        let field_count = |p: &(Role, String, BTreeSet<String>, Cow<Shape>)| obj(&p.3).map_or(0, |o| o.fields.len());
        let mut counts: Vec<usize> = pending.iter().map(field_count).collect();
        let mut root_request: Vec<bool> = pending.iter().map(is_root_request).collect();
        for (i, d) in declared.iter().enumerate() {
            // An object that names its own type (`"_objectType": "Person"`) is named by it.
            if let Some(t) = d {
                preferred[i] = t.clone();
            }
        }
        for j in 0..pending.len() {
            for i in 0..j {
                let (a, b) = (&pending[i], &pending[j]);
                if merged_into[i].is_some() || a.0 != b.0 || a.1 == b.1 {
                    continue;
                }
                // `same_fields` needs three shared names and three in four of all names shared:
                // impossible when the field counts are that far apart. The cheap tests come
                // first: the pairs are quadratic in number.
                let (small, large) = (counts[i].min(counts[j]), counts[i].max(counts[j]));
                let could_match = small >= 3 && 4 * small >= 3 * large;
                let (da, db) = (&declared[i], &declared[j]);
                if !could_match && da.is_none() && db.is_none() || root_request[i] || root_request[j] {
                    continue;
                }
                // One names itself `Person` and the other is called `Person`: one type, when
                // they share most of the smaller one's fields (older samples lack newer fields).
                let named_alike = match (da, db) {
                    (Some(x), Some(y)) => x == y,
                    (Some(x), None) => *x == preferred[j] || *x == b.1,
                    (None, Some(y)) => *y == preferred[i] || *y == a.1,
                    (None, None) => false,
                };
                let same_declared = named_alike && overlap(&a.3, &b.3) >= SAME_OBJECT;
                if !(same_declared || (could_match && same_fields(&a.3, &b.3))) {
                    continue;
                }
                if !same_required(&a.3, &b.3) {
                    continue;
                }
                if let Some(t) = da.clone().or_else(|| db.clone()) {
                    preferred[i] = t;
                }
                // A named schema's name beats a body's (from its path), which beats a field's;
                // among fields' names the shorter is the more general (`Subscription`, not
                // `CurrentSubscription`).
                let is_root = |p: &(Role, String, BTreeSet<String>, Cow<Shape>)| p.2.contains("");
                let better = match (named[i].is_empty(), named[j].is_empty(), is_root(a), is_root(b)) {
                    (true, false, _, _) => true,
                    (false, true, _, _) => false,
                    (_, _, false, true) => true,
                    (_, _, true, false) => false,
                    _ => b.1.len() < preferred[i].len(),
                };
                if better && declared[i].is_none() {
                    preferred[i] = b.1.clone();
                }
                // `i < j`: split the list to borrow both without cloning `j`'s shape.
                let (before, from_j) = pending.split_at_mut(j);
                let (into, from) = (&mut before[i], &from_j[0]);
                into.2.extend(from.2.iter().cloned());
                into.3.to_mut().union(&from.3);
                let moved = std::mem::take(&mut named[j]);
                named[i].extend(moved);
                declared[i] = declared_type_name(&pending[i].3);
                counts[i] = field_count(&pending[i]);
                root_request[i] = is_root_request(&pending[i]);
                merged_into[j] = Some(i);
                self.decisions.push(Decision {
                    kind: DecisionKind::Merged,
                    subject: format!("{} and {}", pending[i].1, pending[j].1),
                    detail: "the same fields holding the same kinds of value: one type".into(),
                    evidence: pending[j].3.origins.iter().take(1).cloned().collect(),
                });
                break;
            }
        }
        // Names: responses first, so request types are the ones that yield a clashing name.
        let mut order: Vec<usize> = (0..pending.len()).filter(|&i| merged_into[i].is_none()).collect();
        // A named schema spelled exactly as its type name (`Pet`, beside a `pet`) gets it.
        order.sort_by_key(|&i| (pending[i].0, !named[i].contains(&preferred[i]), i));
        let mut names = vec![String::new(); pending.len()];
        for &i in &order {
            let (role, hint, parents, _) = &pending[i];
            let group = &group_of[&(*role, hint.clone())];
            let parent = parents.iter().find(|p| !p.is_empty()).cloned().unwrap_or_default();
            // A generic word names nothing on its own: `settings` of a client is `ClientSettings`.
            let generic = GENERIC_NAMES.contains(&hint.to_ascii_lowercase().as_str()) && preferred[i] == *hint;
            let mut wanted = if !parent.is_empty() && (generic || group.first() != Some(&i)) {
                name::type_name(&format!("{parent} {hint}"))
            } else {
                preferred[i].clone()
            };
            // The manifest may name the type as the report showed it, clash cleared or not.
            let shown = crate::reserved::clear_type(&wanted);
            if let Some(renamed) = self.overrides.types.get(&wanted).or_else(|| self.overrides.types.get(&shown)) {
                self.decisions.push(Decision {
                    kind: DecisionKind::Override,
                    subject: wanted.clone(),
                    detail: format!("type renamed to `{renamed}` by the manifest"),
                    evidence: Vec::new(),
                });
                wanted = renamed.clone();
            }
            // Objects a client sends inside a request body are `…Input`, apart from what it
            // receives: they differ (every field optional, strings where numbers come back).
            let nested = !parent.is_empty();
            if *role == Role::Request && (nested || self.taken.contains(&wanted)) && !wanted.ends_with("Input") && !wanted.ends_with("Request") {
                wanted = format!("{wanted}Input");
            }
            names[i] = self.name_type(wanted);
        }
        let mut cluster_of = vec![0; pending.len()];
        let mut merged = Vec::new();
        for (i, (role, hint, _, shape)) in pending.into_iter().enumerate() {
            if merged_into[i].is_some() {
                merged.push((i, role, hint));
                continue;
            }
            let docs = shape.docs.first().cloned();
            let id = self.types.push(TypeDef {
                name: names[i].clone(),
                docs,
                kind: TypeKind::Struct(Vec::new()),
                origins: shape.origins.clone(),
            });
            cluster_of[i] = self.clusters.len();
            self.groups.entry((role, hint.clone())).or_default().push(self.clusters.len());
            self.clusters.push(Cluster { role, hint, shape, id });
        }
        for (j, role, hint) in merged {
            let target = merged_into[j].map_or(0, |i| cluster_of[i]);
            self.groups.entry((role, hint)).or_default().push(target);
        }
        for (i, names) in named.into_iter().enumerate() {
            for name in names {
                self.component_clusters.insert(name, cluster_of[merged_into[i].unwrap_or(i)]);
            }
        }
    }

    /// The cluster an object at this position belongs to; a new one when none fits (possible
    /// when the union of several samples no longer looks like any single one of them).
    fn cluster_for(&mut self, role: Role, hint: &str, object: &ObjectShape) -> TypeId {
        if let Some(group) = self.groups.get(&(role, hint.to_string())) {
            // Only a cluster whose type accepts every value seen here will do: two objects
            // of one place can have landed in different clusters, and their union fits neither.
            let best = group
                .iter()
                .filter(|&&i| obj(&self.clusters[i].shape).is_some_and(|whole| covers_object(whole, object, role)))
                .filter_map(|&i| Some((i, key_similarity(object, obj(&self.clusters[i].shape)?))))
                .fold(None::<(usize, f64)>, |best, (i, s)| match best {
                    Some((_, bs)) if bs >= s => best,
                    _ => Some((i, s)),
                });
            if let Some((i, _)) = best {
                return self.clusters[i].id;
            }
        }
        let shape = Cow::Owned(Shape { object: Some(Box::new(object.clone())), ..Default::default() });
        // Objects sent inside a request are `…Input`, as `cluster` names them.
        let wanted = match role {
            Role::Request if !hint.ends_with("Input") && !hint.ends_with("Request") => format!("{hint}Input"),
            _ => hint.to_string(),
        };
        let name = self.name_type(wanted);
        let id = self.types.push(TypeDef { name, docs: None, kind: TypeKind::Struct(Vec::new()), origins: Vec::new() });
        self.groups.entry((role, hint.to_string())).or_default().push(self.clusters.len());
        self.clusters.push(Cluster { role, hint: hint.to_string(), shape, id });
        let i = self.clusters.len() - 1;
        self.fill_struct(i);
        id
    }

    fn fill_struct(&mut self, i: usize) {
        let (role, hint, id) = (self.clusters[i].role, self.clusters[i].hint.clone(), self.clusters[i].id);
        let Some(mut object) = self.clusters[i].shape.object.clone() else { return };
        let type_name = self.types.get(id).name.clone();
        let prose = self.prose;
        let (roots, components) = (self.roots, self.component_shapes);
        let key_sets = &self.key_sets;
        let distinct = |a: &str, b: &str| key_sets.get_or_init(|| KeySets::new(roots, components)).distinct(a, b);
        let evidence = aliases::Evidence {
            forced: &self.overrides.aliases,
            forbidden: &self.overrides.not_aliases,
            documented: &|name: &str| prose.contains(name),
            distinct: &distinct,
        };
        let (pairs, rejected) = aliases::find_pairs(&object, &evidence);
        let alias_map = aliases::apply(&mut object, &pairs);
        for p in &pairs {
            self.decisions.push(Decision {
                kind: DecisionKind::Alias,
                subject: format!("{type_name}.{}", p.keep),
                detail: format!("`{}` is the same field ({})", p.alias, p.reason),
                evidence: p.evidence.clone(),
            });
        }
        for r in &rejected {
            self.decisions.push(Decision {
                kind: DecisionKind::Alias,
                subject: format!("{type_name}.{}", r.a),
                detail: format!("`{}` looks renamed but is another field: {} (pair them with `[overrides] aliases`)", r.b, r.reason),
                evidence: aliases::first_origins(&object, &r.a, &r.b),
            });
        }
        let mut order: Vec<&String> = object.declared_order.iter().filter(|n| object.fields.contains_key(*n)).collect();
        // Samples' key order is noise (it differs between examples of one object), so the
        // fields that no schema orders come in alphabetical order.
        for name in object.fields.keys() {
            if !order.contains(&name) {
                order.push(name);
            }
        }
        let mut fields = Vec::new();
        for json_name in order {
            let fs = &object.fields[json_name];
            let subject = format!("{type_name}.{json_name}");
            let ty = self.ty_of(&fs.shape, &field_hint(json_name, &hint), &hint, role, &subject);
            let absent = object.count.saturating_sub(fs.present);
            let optional = !is_required(&object, fs, role);
            let nullable = fs.shape.null > 0 && ty != Ty::Json;
            if optional && role == Role::Response && absent > 0 && object.count > 0 {
                self.decisions.push(Decision {
                    kind: DecisionKind::Optional,
                    subject: subject.clone(),
                    detail: format!("absent in {absent} of {} samples", object.count),
                    evidence: fs.shape.origins.iter().take(1).cloned().collect(),
                });
            } else if optional && role == Role::Response && object.count > 0 {
                self.decisions.push(Decision {
                    kind: DecisionKind::Optional,
                    subject: subject.clone(),
                    detail: format!("in all {} samples, but not required by every declared schema that lists required fields", object.count),
                    evidence: fs.shape.origins.iter().take(1).cloned().collect(),
                });
            } else if optional && fs.required_by_some {
                self.decisions.push(Decision {
                    kind: DecisionKind::Optional,
                    subject: subject.clone(),
                    detail: "required by some of the declared schemas here (alternatives, or schemas merged into one type), not by all: optional".into(),
                    evidence: fs.shape.origins.iter().take(1).cloned().collect(),
                });
            }
            let optional = optional || self.write_only_optional(role, fs, !optional, &subject);
            if nullable {
                self.decisions.push(Decision {
                    kind: DecisionKind::Nullable,
                    subject: subject.clone(),
                    detail: format!("null in {} of {} observations", fs.shape.null, fs.shape.null + count_values(&fs.shape)),
                    evidence: fs.shape.origins.iter().take(1).cloned().collect(),
                });
            }
            let mut field = Field {
                name: json_name.clone(),
                rust_name: None,
                lenient: false,
                aliases: alias_map.get(json_name).cloned().unwrap_or_default(),
                ty,
                optional,
                nullable,
                docs: fs.shape.docs.first().cloned(),
                origins: fs.shape.origins.clone(),
            };
            self.apply_field_override(&type_name, &mut field);
            fields.push(field);
        }
        self.types.defs[id.0].kind = TypeKind::Struct(fields);
    }

    fn apply_field_override(&mut self, type_name: &str, field: &mut Field) {
        let keys: Vec<String> = self.manifest_names(type_name).map(|t| format!("{t}.{}", field.name)).collect();
        let Some((key, o)) = keys.into_iter().find_map(|k| self.overrides.fields.get(&k).map(|o| (k, o))) else { return };
        if let Some(t) = &o.ty {
            field.ty = match t.as_str() {
                "string" => Ty::String,
                "integer" => Ty::Integer,
                "float" => Ty::Float,
                "bool" => Ty::Bool,
                "datetime" | "timestamp" => Ty::DateTime,
                "duration" | "timespan" => Ty::Duration,
                _ => Ty::Json,
            };
        }
        if let Some(v) = o.optional {
            field.optional = v;
        }
        if let Some(v) = o.nullable {
            field.nullable = v;
        }
        if let Some(d) = &o.docs {
            field.docs = Some(d.clone());
        }
        if let Some(r) = &o.rename {
            field.rust_name = Some(name::snake(r));
        }
        self.decisions.push(Decision {
            kind: DecisionKind::Override,
            subject: key,
            detail: "field settings taken from the manifest".into(),
            evidence: Vec::new(),
        });
    }

    fn root_ty(&mut self, root: &Root) -> Option<Ty> {
        if root.shape.is_empty() {
            return None;
        }
        Some(self.slot_ty(&root.shape, &root.hint, "", root.role, &root.hint))
    }

    /// The type of a value that is not a struct field (a body, a list item, a map value),
    /// where nothing else can carry `null`: when null was seen beside other values, only
    /// `serde_json::Value` accepts every sample (`[false, null]`, `{"a": 1, "b": null}`).
    pub(super) fn slot_ty(&mut self, shape: &Shape, hint: &str, parent: &str, role: Role, subject: &str) -> Ty {
        if shape.null == 0 {
            return self.ty_of(shape, hint, parent, role, subject);
        }
        self.decisions.push(Decision {
            kind: DecisionKind::NoEvidence,
            subject: subject.to_string(),
            detail: format!("null ({} times) where no field can make it optional: untyped", shape.null),
            evidence: shape.origins.iter().take(1).cloned().collect(),
        });
        Ty::Json
    }

    pub(super) fn ty_of(&mut self, shape: &Shape, hint: &str, parent: &str, role: Role, subject: &str) -> Ty {
        if let Some(ty) = self.declared_ref(shape, hint, role, subject) {
            return ty;
        }
        if shape.kinds() == 0 {
            // A back-reference that is always null (`PersonAccount.Account`) is still the
            // object its name says, when the API has a type of that name.
            if let Some(id) = self.type_named(role, hint).filter(|_| shape.null > 0) {
                self.decisions.push(Decision {
                    kind: DecisionKind::NoEvidence,
                    subject: subject.to_string(),
                    detail: format!("only null was seen; typed as `{}` by its name", self.types.get(id).name),
                    evidence: shape.origins.iter().take(1).cloned().collect(),
                });
                return Ty::Named(id);
            }
            self.decisions.push(Decision {
                kind: DecisionKind::NoEvidence,
                subject: subject.to_string(),
                detail: if shape.null > 0 { "only null was seen".into() } else { "no type evidence".into() },
                evidence: shape.origins.iter().take(1).cloned().collect(),
            });
            return Ty::Json;
        }
        if shape.kinds() > 1 {
            return self.union(shape, hint, parent, role, subject);
        }
        self.single_kind(shape, hint, parent, role, subject)
    }

    /// A struct the API already has under this name (for the same direction), if any.
    fn type_named(&self, role: Role, hint: &str) -> Option<TypeId> {
        let found = self.groups.get(&(role, hint.to_string())).and_then(|g| g.first()).map(|&i| self.clusters[i].id);
        found.or_else(|| self.clusters.iter().find(|c| c.role == role && self.types.get(c.id).name == hint).map(|c| c.id))
    }

    fn single_kind(&mut self, shape: &Shape, hint: &str, parent: &str, role: Role, subject: &str) -> Ty {
        if shape.bool > 0 {
            return Ty::Bool;
        }
        if shape.int + shape.float > 0 {
            if shape.float > 0 && shape.int > 0 {
                self.decisions.push(Decision {
                    kind: DecisionKind::Widened,
                    subject: subject.to_string(),
                    detail: format!("integers and fractions both seen ({} and {}): f64", shape.int, shape.float),
                    evidence: shape.origins.iter().take(1).cloned().collect(),
                });
            }
            if shape.float == 0 && shape.declared_int == 0 && super::numbers::holds_fractions(subject) {
                self.decisions.push(Decision {
                    kind: DecisionKind::Widened,
                    subject: subject.to_string(),
                    detail: "only integers were seen, but the name says money or a ratio, which may have a fraction: f64".into(),
                    evidence: shape.origins.iter().take(1).cloned().collect(),
                });
                return Ty::Float;
            }
            return if shape.float > 0 { Ty::Float } else { Ty::Integer };
        }
        if let Some(s) = &shape.string {
            if !s.declared_enum.is_empty() {
                return self.string_enum(s.declared_enum.iter().chain(s.values.iter()), hint, parent);
            }
            return self.string_ty(s, subject, &shape.origins);
        }
        if let Some(array) = &shape.array {
            if array.item.null > 0 {
                let item_hint = name::type_name(&name::singular(hint));
                return Ty::List(Box::new(self.slot_ty(&array.item, &item_hint, parent, role, &format!("{subject}[]"))));
            }
            if array.item.kinds() == 0 && array.item.refs.is_empty() {
                let item_hint = name::type_name(&name::singular(hint));
                if let Some(id) = self.type_named(role, &item_hint) {
                    self.decisions.push(Decision {
                        kind: DecisionKind::NoEvidence,
                        subject: format!("{subject}[]"),
                        detail: format!("the list was empty in every sample; its items typed as `{}` by its name", self.types.get(id).name),
                        evidence: shape.origins.iter().take(1).cloned().collect(),
                    });
                    return Ty::List(Box::new(Ty::Named(id)));
                }
                self.decisions.push(Decision {
                    kind: DecisionKind::NoEvidence,
                    subject: format!("{subject}[]"),
                    detail: "the list was empty in every sample".into(),
                    evidence: shape.origins.iter().take(1).cloned().collect(),
                });
                return Ty::List(Box::new(Ty::Json));
            }
            let item_hint = name::type_name(&name::singular(hint));
            return Ty::List(Box::new(self.slot_ty(&array.item, &item_hint, parent, role, &format!("{subject}[]"))));
        }
        if let Some(object) = &shape.object {
            if is_map(object, hint, self.overrides) {
                let by_manifest = self.overrides.maps.contains_key(hint);
                self.decisions.push(Decision {
                    kind: if by_manifest { DecisionKind::Override } else { DecisionKind::Map },
                    subject: subject.to_string(),
                    detail: if by_manifest {
                        format!("a map by the manifest (`[overrides.maps] {hint} = true`; keys seen: {})", sample_keys(object))
                    } else {
                        format!("keys are data ({})", sample_keys(object))
                    },
                    evidence: shape.origins.iter().take(1).cloned().collect(),
                });
                let values = map_values(object);
                let value_hint = map_value_hint(hint);
                let value_ty = if values.is_empty() { Ty::Json } else { self.slot_ty(&values, &value_hint, parent, role, &format!("{subject}{{}}")) };
                return Ty::Map(Box::new(value_ty));
            }
            return Ty::Named(self.cluster_for(role, hint, object));
        }
        Ty::Json
    }

    fn union(&mut self, shape: &Shape, hint: &str, parent: &str, role: Role, subject: &str) -> Ty {
        let mut variants = Vec::new();
        let mut seen = Vec::new();
        if shape.bool > 0 {
            variants.push(Variant { name: "Bool".into(), ty: Ty::Bool });
            seen.push("boolean");
        }
        if shape.int + shape.float > 0 {
            let (name, ty) = if shape.float > 0 { ("Number", Ty::Float) } else { ("Integer", Ty::Integer) };
            variants.push(Variant { name: name.into(), ty });
            seen.push("number");
        }
        if shape.array.is_some() {
            let only = Shape { array: shape.array.clone(), ..Default::default() };
            let ty = self.single_kind(&only, hint, parent, role, subject);
            variants.push(Variant { name: "List".into(), ty });
            seen.push("array");
        }
        if shape.object.is_some() {
            let only = Shape { object: shape.object.clone(), ..Default::default() };
            let ty = self.single_kind(&only, hint, parent, role, subject);
            let name = if matches!(ty, Ty::Map(_)) { "Map" } else { "Object" };
            variants.push(Variant { name: name.into(), ty });
            seen.push("object");
        }
        if let Some(s) = &shape.string {
            // Strings go last: an untagged enum tries variants in order, and a string never
            // shadows the others.
            let ty = self.string_ty(s, subject, &shape.origins);
            variants.push(Variant { name: "Text".into(), ty });
            let mut examples: Vec<&String> = s.values.iter().take(3).collect();
            examples.sort();
            seen.push("string");
        }
        let key = format!("union:{parent}:{hint}:{variants:?}");
        if let Some(&id) = self.made.get(&key) {
            return Ty::Named(id);
        }
        self.decisions.push(Decision {
            kind: DecisionKind::Union,
            subject: subject.to_string(),
            detail: format!("values of several kinds: {}", seen.join(" | ")),
            evidence: shape.origins.iter().take(2).cloned().collect(),
        });
        let name = self.name_type(name::type_name(&format!("{parent} {hint}")));
        let id = self.types.push(TypeDef { name, docs: None, kind: TypeKind::Union(variants), origins: shape.origins.clone() });
        self.made.insert(key, id);
        Ty::Named(id)
    }

    fn string_enum<'s>(&mut self, values: impl Iterator<Item = &'s String>, hint: &str, parent: &str) -> Ty {
        let values: BTreeSet<&String> = values.collect();
        let key = format!("enum:{values:?}");
        if let Some(&id) = self.made.get(&key) {
            return Ty::Named(id);
        }
        let wanted = if self.taken.contains(hint) { format!("{parent} {hint}") } else { hint.to_string() };
        let name = self.name_type(name::type_name(&wanted));
        let values = values.into_iter().map(|v| EnumValue { value: Value::String(v.clone()), label: None, docs: None }).collect();
        let id = self.types.push(TypeDef { name, docs: None, kind: TypeKind::Enum { values, open: true }, origins: Vec::<Origin>::new() });
        self.made.insert(key, id);
        Ty::Named(id)
    }
}

fn count_values(shape: &Shape) -> usize {
    shape.bool + shape.int + shape.float + shape.string.as_ref().map_or(0, |s| s.count) + shape.array.as_ref().map_or(0, |a| a.count) + shape.object.as_ref().map_or(0, |o| o.count)
}

fn sample_keys(object: &ObjectShape) -> String {
    let keys: Vec<&str> = object.fields.keys().take(3).map(String::as_str).collect();
    let more = if object.fields.len() > 3 { ", ..." } else { "" };
    format!("{}{more}", keys.join(", "))
}
