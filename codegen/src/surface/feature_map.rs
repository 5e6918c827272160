//! Which Cargo feature of a generated crate each operation, webhook group and model belongs
//! to: each tag (an OpenAPI tag, a Postman folder) is a feature, on by default, so that a user
//! compiles only the groups they call and the types those reach. Part of the public surface:
//! emit writes the `#[cfg]`s and the `[features]` table from it, the diff judges what a
//! `features = [...]` user sees.
//!
//! An operation belongs to its first tag (operations without one to `untagged`), the
//! document's webhooks to `webhooks`, a callback to its operation's feature. A model is
//! compiled under every feature that reaches it through parameters, bodies, responses, fields,
//! union variants and webhook payloads.

use crate::model::{Api, Ty, TypeKind};
use crate::name;
use heck::ToKebabCase;
use std::collections::{BTreeMap, BTreeSet};

/// The group of operations without a tag.
pub const UNTAGGED: &str = "untagged";
/// The group of the document's webhooks (callbacks go with their operation).
pub const WEBHOOKS: &str = "webhooks";
/// Names a tag cannot take: Cargo's own, the test-support feature, the dependencies.
const RESERVED: &[&str] = &["default", "round-trip", "bytes", "futures-core", "jiff", "reqwest", "serde", "serde-json", "serde-path-to-error", "tokio"];

/// The features under which an item compiles: `None` always, else any of these (indices into
/// [`FeatureMap::names`]).
pub type Cfg = Option<BTreeSet<usize>>;

pub struct FeatureMap {
    /// Feature names, sorted.
    pub names: Vec<String>,
    /// Each feature's tag as the documents spell it (empty for the built-in groups).
    pub tags: Vec<String>,
    /// The feature of each operation.
    pub of_op: Vec<usize>,
    /// The feature of each webhook group.
    pub of_webhook: Vec<usize>,
    /// Per type, the features that reach it.
    pub of_type: Vec<Cfg>,
}

/// A feature name from a tag: kebab case, ASCII letters, digits and `-`, starting with a letter.
pub fn sanitize(tag: &str) -> String {
    let kebab: String = tag.to_kebab_case().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    let kebab = kebab.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join("-").to_ascii_lowercase();
    match kebab.chars().next() {
        None => "group".to_string(),
        Some(c) if !c.is_ascii_alphabetic() => format!("tag-{kebab}"),
        Some(_) => kebab,
    }
}

impl FeatureMap {
    pub fn new(api: &Api) -> FeatureMap {
        // The groups: the untagged one first, then the tags in sorted order, so that a name
        // two tags share goes to the same one whatever the operations' order.
        let key = |tags: &[String]| tags.first().cloned();
        let mut groups: BTreeSet<Option<String>> = api.operations.iter().map(|op| key(&op.tags)).collect();
        if api.webhooks.iter().any(|g| g.callback.is_none()) {
            groups.insert(Some(String::new()));
        }
        let mut taken: BTreeSet<String> = RESERVED.iter().map(|s| s.to_string()).collect();
        let mut named: BTreeMap<Option<String>, String> = BTreeMap::new();
        // Built-in names first: a tag called `webhooks` is the one that moves.
        for (group, wanted) in [(None, UNTAGGED), (Some(String::new()), WEBHOOKS)] {
            if groups.contains(&group) {
                named.insert(group, name::unique(wanted.to_string(), &mut taken));
            }
        }
        let rest: Vec<&Option<String>> = groups.iter().filter(|g| !named.contains_key(*g)).collect();
        for group in rest {
            let wanted = sanitize(group.as_deref().unwrap_or_default());
            let unique = match taken.contains(&wanted) {
                true => (2..).map(|n| format!("{wanted}-{n}")).find(|n| !taken.contains(n)).unwrap_or_default(),
                false => wanted,
            };
            taken.insert(unique.clone());
            named.insert(group.clone(), unique);
        }
        let mut sorted: Vec<(&String, &Option<String>)> = named.iter().map(|(g, n)| (n, g)).collect();
        sorted.sort();
        let names: Vec<String> = sorted.iter().map(|(n, _)| n.to_string()).collect();
        let tags = sorted.iter().map(|(_, g)| g.as_deref().unwrap_or_default().to_string()).collect();
        let index = |group: &Option<String>| names.iter().position(|n| *n == named[group]).unwrap_or_default();
        let of_op: Vec<usize> = api.operations.iter().map(|op| index(&key(&op.tags))).collect();
        let of_webhook: Vec<usize> = api
            .webhooks
            .iter()
            .map(|g| match &g.callback {
                None => index(&Some(String::new())),
                Some((op, _)) => api.operations.iter().position(|o| &o.id == op).map_or(0, |i| of_op[i]),
            })
            .collect();
        let of_type = reach(api, &of_op, &of_webhook);
        FeatureMap { names, tags, of_op, of_webhook, of_type }
    }

    /// The names another feature cannot take: Cargo's own, the dependencies, the groups.
    pub fn taken(&self) -> BTreeSet<String> {
        RESERVED.iter().map(|s| s.to_string()).chain(self.names.iter().cloned()).collect()
    }
}

/// Per type, the features whose operations or webhooks reach it; a type nothing reaches is
/// always compiled, and so is what it reaches.
fn reach(api: &Api, of_op: &[usize], of_webhook: &[usize]) -> Vec<Cfg> {
    let types = &api.types;
    let mut out: Vec<Cfg> = vec![Some(BTreeSet::new()); types.defs.len()];
    let mut roots: BTreeMap<usize, Vec<&Ty>> = BTreeMap::new();
    for (op, f) in api.operations.iter().zip(of_op) {
        let tys = roots.entry(*f).or_default();
        tys.extend(op.params.iter().map(|p| &p.ty));
        tys.extend(op.request.iter().filter_map(|r| r.ty.as_ref()));
        tys.extend(op.responses.iter().filter_map(|r| r.ty.as_ref()));
    }
    for (g, f) in api.webhooks.iter().zip(of_webhook) {
        roots.entry(*f).or_default().extend(g.events.iter().filter_map(|e| e.ty.as_ref()));
    }
    let walk = |start: Vec<usize>, seen: &mut Vec<bool>| {
        let mut stack = start;
        while let Some(n) = stack.pop() {
            if std::mem::replace(&mut seen[n], true) {
                continue;
            }
            // Straight onto the stack (the order of a walk does not change what it reaches).
            match &types.defs[n].kind {
                TypeKind::Struct(fields) => fields.iter().for_each(|f| named_in(&f.ty, &mut stack)),
                TypeKind::Union(vs) => vs.iter().for_each(|v| named_in(&v.ty, &mut stack)),
                TypeKind::Enum { .. } => {}
            }
        }
    };
    for (f, tys) in &roots {
        let mut start = Vec::new();
        tys.iter().for_each(|t| named_in(t, &mut start));
        let mut seen = vec![false; types.defs.len()];
        walk(start, &mut seen);
        for (i, s) in seen.iter().enumerate() {
            if let (true, Some(set)) = (*s, &mut out[i]) {
                set.insert(*f);
            }
        }
    }
    let orphans: Vec<usize> = out.iter().enumerate().filter(|(_, c)| c.as_ref().is_some_and(|s| s.is_empty())).map(|(i, _)| i).collect();
    let mut always = vec![false; types.defs.len()];
    walk(orphans, &mut always);
    for (i, a) in always.iter().enumerate() {
        if *a {
            out[i] = None;
        }
    }
    out
}

fn named_in(ty: &Ty, out: &mut Vec<usize>) {
    match ty {
        Ty::Named(id) => out.push(id.0),
        Ty::List(t) | Ty::Map(t) => named_in(t, out),
        _ => {}
    }
}
