//! Cargo features in the crate's files: the `[features]` table, README and REPORT sections, and
//! the `#[cfg]`s (`gate.rs`). Which feature each item belongs to is part of the public surface
//! (`surface::feature_map`); what is decided here is only how to write it: a type whose
//! `any(...)` of features would not fit on a line gets one internal feature instead.
//!
//! The emitters write their items as before; `gate.rs` then puts `#[cfg]` on the parsed
//! file's items by name. The operations and the models are grouped instead (`modules.rs`):
//! one module per `cfg`, so that each is written once.

mod error_groups;
mod gate;
mod modules;

pub(crate) use modules::IMPORTS;

use crate::model::Api;
use crate::name;
use crate::surface::feature_map::{sanitize, Cfg, FeatureMap, UNTAGGED};
use std::collections::{BTreeMap, BTreeSet};

/// Which file an item list comes from: names mean different things in each.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum File {
    Models,
    Webhooks,
    Lib,
}

pub struct Features {
    /// Which feature each item belongs to.
    pub map: FeatureMap,
    /// Internal features (`_name`), each enabled by a set of features: a type many features
    /// reach carries one short `cfg` instead of an `any(...)` over lines.
    internal: Vec<(String, BTreeSet<usize>)>,
    /// Per model, the earlier model it is an alias of (`surface::types::alias_targets`):
    /// computed once for the models, the features and the surface.
    pub alias_targets: Vec<Option<usize>>,
    /// The name of each feature's module in the operations file (`modules.rs`).
    operation_modules: BTreeMap<usize, String>,
    /// The operations' error enums (`features/error_groups.rs`): worked out once, used by the
    /// features and by both halves of the operations file.
    pub error_groups: Vec<(String, Vec<usize>)>,
    /// Each model's `cfg` as the gate writes it: an alias adds its own to its target's
    /// (`with_aliases`); for the models file too.
    pub gated_types: Vec<Cfg>,
}

impl Features {
    pub fn new(api: &Api) -> Features {
        let map = FeatureMap::new(api);
        // A shared error enum compiles under its operations' features (see `gate.rs`).
        let error_groups = error_groups::error_groups(api);
        let shared = error_groups.iter().filter(|(_, ops)| ops.len() > 1);
        let mut of_errors: Vec<(String, Cfg)> = shared.map(|(name, ops)| (name.clone(), Some(ops.iter().map(|i| map.of_op[*i]).collect()))).collect();
        // The crate root's re-export of the operations' builders and error types.
        let exporting = gate::exporting(api, &map);
        let operation_modules = modules::operation_module_names(&map.names, &exporting);
        of_errors.push(("operations".to_string(), Some(exporting)));
        // An alias compiles its target (`gate.rs`): the target's `cfg` is the union of both.
        let alias_targets = crate::surface::types::alias_targets(&api.types);
        let gated_types = with_aliases(&map.of_type, &alias_targets);
        let internal = internal(api, &map.names, &gated_types, &of_errors, map.taken());
        Features { map, internal, alias_targets, operation_modules, error_groups, gated_types }
    }

    /// The `[features]` table: every group on by default; test support needs them all.
    pub fn cargo_table(&self, test_support: bool) -> String {
        let quoted: Vec<String> = self.map.names.iter().map(|n| format!("{n:?}")).collect();
        let mut out = format!("\n[features]\ndefault = [{}]\n", quoted.join(", "));
        for (i, n) in self.map.names.iter().enumerate() {
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
        let quoted: Vec<String> = self.map.names.iter().map(|n| format!("{n:?}")).collect();
        format!("\n[[test]]\nname = \"examples\"\npath = \"{}\"\nrequired-features = [{}]\n", super::examples::TEST_FILE, quoted.join(", "))
    }

    /// The README section: how to compile less.
    pub fn readme_section(&self, api: &Api) -> String {
        let Some(first) = self.map.names.first() else { return String::new() };
        let list: Vec<String> = self.map.names.iter().map(|n| format!("`{n}`")).collect();
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
        for (i, n) in self.map.names.iter().enumerate() {
            let ops: Vec<String> = api.operations.iter().zip(&self.map.of_op).filter(|(_, f)| **f == i).map(|(op, _)| format!("`{}`", op.id)).collect();
            let mut what = ops.join(", ");
            let hooks = api.webhooks.iter().zip(&self.map.of_webhook).filter(|(g, f)| **f == i && g.callback.is_none()).count();
            if hooks > 0 {
                what = "the document's webhooks (`webhooks::decode`, `webhooks::decode_named`)".to_string();
            }
            let tag = match self.map.tags[i].as_str() {
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

/// `of_type` where an alias's target compiles under the features of both (`gate.rs`), each
/// union made in place (a new set each took an eighth of `Features::new`).
fn with_aliases(of_type: &[Cfg], alias_targets: &[Option<usize>]) -> Vec<Cfg> {
    let mut out = of_type.to_vec();
    for (alias, first) in alias_targets.iter().enumerate() {
        let Some(first) = *first else { continue };
        match (&mut out[first], &of_type[alias]) {
            (Some(target), Some(own)) => target.extend(own),
            (target, None) => *target = None,
            (None, Some(_)) => {}
        }
    }
    out
}

pub(crate) fn union(a: &Cfg, b: &Cfg) -> Cfg {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.union(b).copied().collect()),
        _ => None,
    }
}
