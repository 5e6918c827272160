//! Cargo features: each tag (an OpenAPI tag, a Postman folder) is a feature of the crate, on
//! by default, so that a user compiles only the groups they call and the types those reach.
//!
//! The mapping is decided here alone. An operation belongs to its first tag (operations
//! without one to `untagged`), the document's webhooks to `webhooks`, a callback to its
//! operation's feature. A model is compiled under every feature that reaches it through
//! parameters, bodies, responses, fields, union variants and webhook payloads.
//!
//! The emitters write their items as before; `gate.rs` then puts `#[cfg]` on the parsed
//! file's items by name.

mod gate;

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
/// [`Features::names`]).
type Cfg = Option<BTreeSet<usize>>;

/// Which file an item list comes from: names mean different things in each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum File {
    Models,
    Operations,
    Webhooks,
    Lib,
}

pub struct Features {
    /// Feature names, sorted.
    pub names: Vec<String>,
    /// Each feature's tag as the documents spell it (empty for the built-in groups).
    pub tags: Vec<String>,
    /// The feature of each operation.
    pub of_op: Vec<usize>,
    /// The features of each webhook group.
    of_webhook: Vec<usize>,
    /// Per type, the features that reach it.
    of_type: Vec<Cfg>,
    /// Internal features (`_name`), each enabled by a set of features: a type many features
    /// reach carries one short `cfg` instead of an `any(...)` over lines.
    internal: Vec<(String, BTreeSet<usize>)>,
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

impl Features {
    pub fn new(api: &Api) -> Features {
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
        // A shared error enum compiles under its operations' features (see `gate.rs`).
        let shared = crate::emit::errors::users_of_error_enums(api).into_iter().filter(|(_, ops)| ops.len() > 1);
        let of_errors: Vec<(String, Cfg)> = shared.map(|(name, ops)| (name, Some(ops.iter().map(|i| of_op[*i]).collect()))).collect();
        let internal = internal(api, &names, &of_type, &of_errors, taken);
        Features { names, tags, of_op, of_webhook, of_type, internal }
    }

    /// Per model, the features it compiles under (`None`: always), for the surface.
    pub fn of_type(&self) -> &[Option<BTreeSet<usize>>] {
        &self.of_type
    }

    /// The feature of each webhook group, for the surface.
    pub fn of_webhook(&self) -> &[usize] {
        &self.of_webhook
    }

    /// The `[features]` table: every group on by default; test support needs them all.
    pub fn cargo_table(&self, test_support: bool) -> String {
        let quoted: Vec<String> = self.names.iter().map(|n| format!("{n:?}")).collect();
        let mut out = format!("\n[features]\ndefault = [{}]\n", quoted.join(", "));
        for (i, n) in self.names.iter().enumerate() {
            let enables: Vec<String> = self.internal.iter().filter(|(_, set)| set.contains(&i)).map(|(name, _)| format!("{name:?}")).collect();
            out.push_str(&format!("{n} = [{}]\n", enables.join(", ")));
        }
        if !self.internal.is_empty() {
            out.push_str("# Internal: the types several groups use, each under one name.\n");
        }
        for (name, _) in &self.internal {
            out.push_str(&format!("{name} = []\n"));
        }
        if test_support {
            out.push_str("# Test support: decode and re-encode examples (see tests/ in the generator's repository).\nround-trip = [\"default\"]\n");
        }
        out
    }

    /// The crate's examples test decodes every type: it runs with every feature.
    pub fn examples_test(&self) -> String {
        let quoted: Vec<String> = self.names.iter().map(|n| format!("{n:?}")).collect();
        format!("\n[[test]]\nname = \"examples\"\npath = \"{}\"\nrequired-features = [{}]\n", super::examples::TEST_FILE, quoted.join(", "))
    }

    /// The README section: how to compile less.
    pub fn readme_section(&self, api: &Api) -> String {
        let Some(first) = self.names.first() else { return String::new() };
        let list: Vec<String> = self.names.iter().map(|n| format!("`{n}`")).collect();
        format!(
            "\n## Cargo features\n\nEach group of operations (a tag of the documents) is a feature, all on by default: {}. \
             To compile only the groups you call and the types they use:\n\n```toml\n[dependencies]\n{} = {{ path = \"...\", default-features = false, features = [{first:?}] }}\n```\n\n\
             `REPORT.md` lists the operations of each feature.\n",
            list.join(", "),
            api.name
        )
    }

    /// The REPORT.md section: each feature and its operations.
    pub fn report_section(&self, api: &Api) -> String {
        let mut out = String::from("\n## Cargo features\n\nEach tag is a feature, all on by default; an operation belongs to its first tag. ");
        out.push_str("`default-features = false, features = [\"...\"]` compiles only those groups and the types they reach.\n\n");
        out.push_str("| feature | tag | operations |\n|---|---|---|\n");
        for (i, n) in self.names.iter().enumerate() {
            let ops: Vec<String> = api.operations.iter().zip(&self.of_op).filter(|(_, f)| **f == i).map(|(op, _)| format!("`{}`", op.id)).collect();
            let mut what = ops.join(", ");
            let hooks = api.webhooks.iter().zip(&self.of_webhook).filter(|(g, f)| **f == i && g.callback.is_none()).count();
            if hooks > 0 {
                what = "the document's webhooks (`webhooks::decode`, `webhooks::decode_named`)".to_string();
            }
            let tag = match self.tags[i].as_str() {
                "" if n.starts_with(UNTAGGED) && hooks == 0 => "(none)".to_string(),
                "" => "(webhooks)".to_string(),
                t => format!("`{}`", t.replace('|', "\\|")),
            };
            out.push_str(&format!("| `{n}` | {tag} | {what} |\n"));
        }
        out
    }
}

/// The internal features: one per set of features a type or a shared error enum compiles
/// under whose `any(...)` would not fit on a line, named after the first type with that set
/// (arena order, so stable), else after the error enum (`_status404-error`).
fn internal(api: &Api, names: &[String], of_type: &[Cfg], of_errors: &[(String, Cfg)], mut taken: BTreeSet<String>) -> Vec<(String, BTreeSet<usize>)> {
    let mut out: Vec<(String, BTreeSet<usize>)> = Vec::new();
    let types = api.types.defs.iter().map(|d| d.name.as_str()).zip(of_type);
    for (name, cfg) in types.chain(of_errors.iter().map(|(n, c)| (n.as_str(), c))) {
        let Some(set) = cfg else { continue };
        let width: usize = set.iter().map(|i| names[*i].len() + 14).sum();
        if set.len() < 2 || width + 12 <= LINE || out.iter().any(|(_, s)| s == set) {
            continue;
        }
        let wanted = format!("_{}", sanitize(name));
        out.push((name::unique(wanted, &mut taken), set.clone()));
    }
    out
}

/// About where prettyplease breaks an attribute (the widest `cfg` it kept on one line: 89).
const LINE: usize = 90;

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
            let mut next = Vec::new();
            match &types.defs[n].kind {
                TypeKind::Struct(fields) => fields.iter().for_each(|f| named_in(&f.ty, &mut next)),
                TypeKind::Union(vs) => vs.iter().for_each(|v| named_in(&v.ty, &mut next)),
                TypeKind::Enum { .. } => {}
            }
            stack.extend(next);
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

fn union(a: &Cfg, b: &Cfg) -> Cfg {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(b).copied().collect()),
        _ => None,
    }
}
