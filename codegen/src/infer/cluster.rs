//! Clustering: the objects gathered from every body, grouped by the name their position
//! suggests and by how many keys they share, so one recurring object is one type; then
//! objects under different names with the same fields are merged, and each cluster is named.

use super::build::{obj, Builder, Candidate, Cluster, Role, GENERIC_NAMES};
use super::cluster_group::{group, Groups};
use super::cluster_pairs::{Gate, KeyIds, Seen};
use super::cluster_unions::{outline, unite, Join};
use super::covers::same_required;
use super::map_keys::{is_map, map_values};
use super::naming::{field_hint, map_value_hint};
use super::shape::{ObjectShape, Shape};
use crate::model::{Decision, DecisionKind, Origin, TypeDef, TypeId, TypeKind};
use crate::name;
use crate::overrides::Lookup;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::mpsc;
use std::sync::Arc;

/// Objects whose keys overlap at least this much (relative to the smaller key set) are one type.
pub(super) const SAME_OBJECT: f64 = 0.5;

/// Gathers every object that will become a struct, with the name its position suggests.
pub(super) fn collect<'a>(shape: &'a Shape, hint: &str, parent: &str, role: Role, overrides: &Lookup<'_>, out: &mut Vec<Candidate<'a>>) {
    if let Some(obj) = &shape.object {
        if is_map(obj, hint, overrides) {
            // The values' shape is built here, so what is found in it must be owned.
            let values = map_values(obj);
            let mut found = Vec::new();
            collect(&values, &map_value_hint(hint), parent, role, overrides, &mut found);
            out.extend(found.into_iter().map(|(role, hint, parent, shape, named)| (role, hint, parent, Cow::Owned(shape.into_owned()), named)));
        } else {
            out.push((role, hint.to_string(), parent.to_string(), Cow::Borrowed(shape), None));
            // Only objects and lists hold objects: no hint is made for the other fields.
            for (field, fs) in obj.fields.iter().filter(|(_, fs)| fs.shape.object.is_some() || fs.shape.array.is_some()) {
                collect(&fs.shape, &field_hint(field, hint), hint, role, overrides, out);
            }
        }
    }
    if let Some(array) = &shape.array {
        collect(&array.item, &name::type_name(&name::singular(hint)), parent, role, overrides, out);
    }
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
pub(super) fn key_similarity(a: &ObjectShape, b: &ObjectShape) -> f64 {
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
/// field holding the same kinds of value. `shared`: how many names they share.
fn same_fields(a: &Shape, b: &Shape, shared: usize) -> bool {
    let (Some(a), Some(b)) = (obj(a), obj(b)) else { return false };
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

/// An object on its way to a type: its role, the name its position suggests, its parents'
/// names (empty for a body itself) and the union of its shapes.
pub(super) type Object<'a> = (Role, String, BTreeSet<String>, Cow<'a, Shape>);

impl<'a> Builder<'a> {
    /// Groups the candidates into would-be types, merges those under different names that
    /// are one, names them, and makes each a cluster with its (still empty) struct.
    pub(super) fn cluster(&mut self, candidates: Vec<Candidate<'a>>) {
        let (mut pending, group_of, mut named) = group(candidates);
        let (merged_into, preferred, mut spent) = self.merge_alike(&mut pending, &mut named);
        let names = self.name_objects(&pending, &group_of, &named, &preferred, &merged_into);
        let merged = merged_groups(&pending, &merged_into);
        let cluster_of = self.register(pending, named, &merged_into, &names, &mut spent);
        // The shapes the unions replaced are deep trees: freed on another thread.
        crate::drop_later::drop_later(spent);
        for (i, detail, evidence) in merged {
            self.merged.push((self.clusters[cluster_of[i]].id, detail, evidence));
        }
    }

    /// Merges objects found under different names that are one type; returns what each was
    /// merged into, the name each prefers, and the shapes no longer needed (to be freed).
    fn merge_alike(&mut self, pending: &mut [Object<'a>], named: &mut [Vec<String>]) -> (Vec<Option<usize>>, Vec<String>, Vec<Shape>) {
        // Objects found under different names with exactly the same fields are one type
        // (`PerCompany` in the billing overview is the `ClientBilling` of one client). The
        // earlier name in sorted order is kept.
        let mut merged_into: Vec<Option<usize>> = vec![None; pending.len()];
        let mut preferred: Vec<String> = pending.iter().map(|p| p.1.clone()).collect();
        // A request body keeps its operation's name even when another operation sends the same.
        let is_root_request = |p: &Object| p.0 == Role::Request && p.2.iter().all(String::is_empty);
        // Each object's declared name and field count, renewed when it absorbs another: the
        // pairs below are quadratic in number (thousands of objects in GitHub's description).
        // The field names as numbers are counted on the second core meanwhile (idle here).
        let (keys, mut declared) = std::thread::scope(|scope| {
            let shared: &[Object<'a>] = pending;
            let keys = scope.spawn(move || KeyIds::of(shared));
            let declared: Vec<Option<String>> = shared.iter().map(|p| declared_type_name(&p.3)).collect();
            // A panic there only means they are counted here.
            (keys.join().unwrap_or_else(|_| KeyIds::of(shared)), declared)
        });
        let mut keys = keys;
        let gate = |p: &Object, shape: &Shape, declared: &Option<String>| Gate {
            count: obj(shape).map_or(0, |o| o.fields.len()),
            role: p.0,
            open: !is_root_request(p),
            declared: declared.is_some(),
        };
        let mut gates: Vec<Gate> = pending.iter().zip(&declared).map(|(p, d)| gate(p, &p.3, d)).collect();
        // The shapes are read through `view`: an object's outline once others joined it (see
        // `cluster_unions`), while a worker makes the deep unions.
        // An original goes to the worker when its object is joined (`Join`): after that, only
        // its outline is read here (a joined object is closed).
        let mut originals: Vec<Option<Cow<'a, Shape>>> = pending.iter_mut().map(|p| Some(std::mem::take(&mut p.3))).collect();
        let mut outlines: Vec<Option<Shape>> = vec![None; pending.len()];
        let none = Shape::default();
        fn view<'s>(outlines: &'s [Option<Shape>], originals: &'s [Option<Cow<'_, Shape>>], none: &'s Shape, k: usize) -> &'s Shape {
            outlines[k].as_ref().or(originals[k].as_deref()).unwrap_or(none)
        }
        for (i, d) in declared.iter().enumerate() {
            // An object that names its own type (`"_objectType": "Person"`) is named by it.
            if let Some(t) = d {
                preferred[i] = t.clone();
            }
        }
        let mut seen = Seen::default();
        let (mut unions, joined) = std::thread::scope(|scope| {
            let (to, from) = mpsc::channel::<Join<'a>>();
            let worker = scope.spawn(move || unite(from));
            for j in 0..pending.len() {
                // Nothing of `j` changes while its partner is sought (a root request body has none).
                let gj = gates[j];
                if !gj.open {
                    continue;
                }
                let candidates: Vec<usize> = if gj.declared { (0..j).collect() } else { seen.candidates(gj) };
                for i in candidates {
                    // The cheap tests come first, the names (strings) last: the pairs are
                    // quadratic in number (tens of millions for GitHub's description).
                    let gi = gates[i];
                    if !gi.open || gi.role != gj.role {
                        continue;
                    }
                    // `same_fields` needs three shared names and three in four of all names shared:
                    // impossible when the field counts are that far apart.
                    let (small, large) = (gi.count.min(gj.count), gi.count.max(gj.count));
                    let could_match = small >= 3 && 4 * small >= 3 * large;
                    if !could_match && !gi.declared && !gj.declared {
                        continue;
                    }
                    let (da, db) = (&declared[i], &declared[j]);
                    let (a, b) = (&pending[i], &pending[j]);
                    if a.1 == b.1 {
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
                    let same_declared = named_alike && keys.similarity(i, j) >= SAME_OBJECT;
                    let (sa, sb) = (view(&outlines, &originals, &none, i), view(&outlines, &originals, &none, j));
                    if !(same_declared || (could_match && same_fields(sa, sb, keys.shared(i, j)))) {
                        continue;
                    }
                    if !same_required(sa, sb) {
                        continue;
                    }
                    if let Some(t) = da.clone().or_else(|| db.clone()) {
                        preferred[i] = t;
                    }
                    // A named schema's name beats a body's (from its path), which beats a field's;
                    // among fields' names the shorter is the more general (`Subscription`, not
                    // `CurrentSubscription`).
                    let is_root = |p: &Object| p.2.contains("");
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
                    let joining = outline(view(&outlines, &originals, &none, j));
                    if outlines[i].is_none() {
                        outlines[i] = Some(outline(view(&outlines, &originals, &none, i)));
                    }
                    if let Some(outline) = outlines[i].as_mut() {
                        outline.union(&joining);
                    }
                    // `i`'s original goes at its first join (it is `None` after), `j`'s now.
                    let join = Join { into: i, first: originals[i].take(), from: j, joining: originals[j].take().unwrap_or_default() };
                    // A worker gone (a panic) is raised here once it is joined.
                    let _ = to.send(join);
                    let moved = std::mem::take(&mut named[j]);
                    named[i].extend(moved);
                    let joined = view(&outlines, &originals, &none, i);
                    declared[i] = declared_type_name(joined);
                    seen.remove(i, gates[i]);
                    gates[i] = gate(&pending[i], joined, &declared[i]);
                    if gates[i].open {
                        seen.insert(i, gates[i]);
                    }
                    keys.absorb(i, j);
                    merged_into[j] = Some(i);
                    gates[j].open = false;
                    break;
                }
                if gates[j].open {
                    seen.insert(j, gates[j]);
                }
            }
            drop(to);
            // A panic there is a bug here (the work is pure), and the shapes it took are gone:
            // raised again as if it were on this thread.
            worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        for (k, original) in joined {
            originals[k] = Some(original);
        }
        let spent: Vec<Shape> = outlines.into_iter().flatten().collect();
        for (k, (p, original)) in pending.iter_mut().zip(originals).enumerate() {
            // An object joined by others has its union; its original became that union.
            p.3 = unions.remove(&k).map(Cow::Owned).or(original).unwrap_or_default();
        }
        (merged_into, preferred, spent)
    }

    /// The type name of each object that was not merged into another.
    fn name_objects(&mut self, pending: &[Object<'a>], group_of: &Groups, named: &[Vec<String>], preferred: &[String], merged_into: &[Option<usize>]) -> Vec<String> {
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
            if let Some(renamed) = self.overrides.type_name(&wanted).or_else(|| self.overrides.type_name(&shown)) {
                self.decisions.push(Decision {
                    kind: DecisionKind::Override,
                    subject: wanted.clone(),
                    detail: format!("type renamed to `{renamed}` by the manifest"),
                    evidence: Vec::new(),
                });
                wanted = renamed.to_string();
            }
            // Objects a client sends inside a request body are `…Input`, apart from what it
            // receives: they differ (every field optional, strings where numbers come back).
            let nested = !parent.is_empty();
            if *role == Role::Request && (nested || self.taken.contains(&wanted)) && !wanted.ends_with("Input") && !wanted.ends_with("Request") {
                wanted = format!("{wanted}Input");
            }
            names[i] = self.name_type(wanted);
        }
        names
    }

    /// Makes each remaining object a cluster with its type, and points the merged ones and the
    /// named schemas at their cluster.
    /// Gives each object's cluster index (a merged object's is the one it joined).
    /// The shapes of the merged objects go to `spent`.
    fn register(&mut self, pending: Vec<Object<'a>>, named: Vec<Vec<String>>, merged_into: &[Option<usize>], names: &[String], spent: &mut Vec<Shape>) -> Vec<usize> {
        let mut cluster_of = vec![0; pending.len()];
        let mut merged = Vec::new();
        for (i, (role, hint, _, shape)) in pending.into_iter().enumerate() {
            if merged_into[i].is_some() {
                spent.extend(owned(shape));
                merged.push((i, role, hint));
                continue;
            }
            let docs = shape.docs.as_deref().map(str::to_string);
            let id = self.types.push(TypeDef {
                name: names[i].clone(),
                docs,
                kind: TypeKind::Struct(Vec::new()),
                origins: shape.origins.to_vec(),
            });
            cluster_of[i] = self.clusters.len();
            self.groups.entry((role, hint.clone())).or_default().push(self.clusters.len());
            self.clusters.push(Cluster { role, hint, shape: Arc::new(shape), id });
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
        cluster_of
    }

    /// The cluster an object at this position belongs to; a new one when none fits (possible
    /// when the union of several samples no longer looks like any single one of them).
    pub(super) fn cluster_for(&mut self, role: Role, hint: &str, object: &ObjectShape) -> TypeId {
        if let Some(group) = self.groups.get(&(role, hint.to_string())) {
            // Only a cluster whose type accepts every value seen here will do: two objects
            // of one place can have landed in different clusters, and their union fits neither.
            let best = group
                .iter()
                .filter(|&&i| obj(&self.clusters[i].shape).is_some_and(|whole| self.known.covers(whole, object, role)))
                .filter_map(|&i| Some((i, key_similarity(object, obj(&self.clusters[i].shape)?))))
                .fold(None::<(usize, f64)>, |best, (i, s)| match best {
                    Some((_, bs)) if bs >= s => best,
                    _ => Some((i, s)),
                });
            if let Some((i, _)) = best {
                return self.clusters[i].id;
            }
        }
        // Found ahead, by the address of the object (its copy is new).
        let found = self.known.take_pairs(object);
        let shape = Cow::Owned(Shape { object: Some(Box::new(object.clone())), ..Default::default() });
        // Objects sent inside a request are `…Input`, as `cluster` names them.
        let wanted = match role {
            Role::Request if !hint.ends_with("Input") && !hint.ends_with("Request") => format!("{hint}Input"),
            _ => hint.to_string(),
        };
        let name = self.name_type(wanted);
        let id = self.types.push(TypeDef { name, docs: None, kind: TypeKind::Struct(Vec::new()), origins: Vec::new() });
        self.groups.entry((role, hint.to_string())).or_default().push(self.clusters.len());
        self.clusters.push(Cluster { role, hint: hint.to_string(), shape: Arc::new(shape), id });
        let i = self.clusters.len() - 1;
        self.fill_struct_found(i, found);
        id
    }
}

/// The shape, if it is not borrowed.
fn owned(shape: Cow<'_, Shape>) -> Option<Shape> {
    match shape {
        Cow::Owned(s) => Some(s),
        Cow::Borrowed(_) => None,
    }
}

/// Each object that others joined, with the report's detail (every name it was found under)
/// and evidence (where each was first found). An object only ever joins one that has not
/// joined another, so the groups are flat. `build` says them once the types have their final
/// names.
fn merged_groups(pending: &[Object<'_>], merged_into: &[Option<usize>]) -> Vec<(usize, String, Vec<Origin>)> {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (j, into) in merged_into.iter().enumerate() {
        if let Some(i) = into {
            members.entry(*i).or_default().push(j);
        }
    }
    let mut groups = Vec::new();
    for (i, joined) in members {
        let group: Vec<usize> = std::iter::once(i).chain(joined).collect();
        let mut found_as: Vec<String> = Vec::new();
        let mut evidence: Vec<Origin> = Vec::new();
        for &k in &group {
            let name = format!("`{}`", pending[k].1);
            if !found_as.contains(&name) {
                found_as.push(name);
            }
            if let Some(o) = pending[k].3.origins.first().filter(|o| !evidence.contains(*o)) {
                evidence.push(o.clone());
            }
        }
        let detail = format!(
            "one type for the {} objects found as {}: the same fields holding the same kinds of value",
            group.len(),
            found_as.join(", ")
        );
        groups.push((i, detail, evidence));
    }
    groups
}
