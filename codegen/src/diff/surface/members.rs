//! Model aliases and the variants of the error enums, as the surface compare sees them.

use super::Cx;
use crate::diff::rules::Rule;
use crate::surface::{MethodItem, Surface};
use std::collections::BTreeMap;

impl Cx<'_> {
    /// `pub type B = A;`: a `B` is an `A`. That stops when `B` becomes a type of its own or
    /// an alias of another, and starts when two types become one. Which name is the alias
    /// follows the arena's order, so types are compared as groups of one type.
    pub(super) fn aliases(&mut self, old: &Surface, new: &Surface) {
        let (Some(oa), Some(na)) = (&old.aliases, &new.aliases) else { return };
        let root = |aliases: &BTreeMap<String, String>, name: &str| aliases.get(name).cloned().unwrap_or_else(|| name.to_string());
        let forward: BTreeMap<String, String> = old.types.keys().map(|n| (n.clone(), self.renames.get(n).cloned().unwrap_or_else(|| n.clone()))).collect();
        let back: BTreeMap<&String, &String> = forward.iter().map(|(a, b)| (b, a)).collect();
        // Only types on both sides: one gone is `type-removed` or `type-renamed`.
        let pairs = |aliases: &BTreeMap<String, String>, now: &dyn Fn(&String) -> Option<String>| -> Vec<(String, String)> {
            aliases.iter().filter_map(|(a, b)| Some((now(a)?, now(b)?))).collect()
        };
        let to_new = |n: &String| forward.get(n).filter(|t| new.types.contains_key(*t)).cloned();
        for (name, target) in pairs(oa, &to_new) {
            if root(na, &name) != root(na, &target) {
                self.push(Rule::TypeAliasRemoved, None, format!("type `{name}`"), format!("`{name}` and `{target}` are no longer one type"));
            }
        }
        let to_old = |n: &String| back.get(n).map(|o| o.to_string());
        for (name, target) in pairs(na, &to_old) {
            if root(oa, &name) != root(oa, &target) {
                let (a, b) = (&forward[&name], &forward[&target]);
                self.push(Rule::TypeAliasAdded, None, format!("type `{a}`"), format!("now `{a}` = `{b}`"));
            }
        }
    }

    /// One variant per documented error status: matched by status, a variant gone or renamed
    /// breaks code that names it, one that holds another type breaks code that reads it.
    pub(super) fn error_variants(&mut self, op: &str, a: &MethodItem, b: &MethodItem) {
        let (Some(va), Some(vb)) = (&a.errors, &b.errors) else { return };
        for v in va {
            let response = format!("response {}", v.status);
            // The spec compare said it in API terms: the status or its body changed.
            if self.reported(op, &response) {
                continue;
            }
            let place = format!("error variant `{}` (status {})", v.name, v.status);
            match vb.iter().find(|w| w.status == v.status) {
                None => self.push(Rule::ErrorVariantRemoved, Some(op), place, String::new()),
                Some(w) if w.name != v.name => self.push(Rule::ErrorVariantRemoved, Some(op), place, format!("`{}` -> `{}`", v.name, w.name)),
                Some(w) if self.renamed(&v.payload) != w.payload => self.push(Rule::ErrorVariantChanged, Some(op), place, format!("`{}({})` -> `{}({})`", v.name, v.payload, w.name, w.payload)),
                Some(_) => {}
            }
        }
    }
}
