//! The surface compare: the public Rust shape of the crate before and after, item by item.
//!
//! The spec compare explains most changes in API terms; this one catches what it cannot see
//! (a type, field, variant, setter or method whose Rust name or type moved because of
//! `api.toml` or the generator; a return type that gained an `Option`; pagination; webhooks)
//! and reports nothing the spec compare already reported for the same item.

mod features;
mod members;

use super::compare::SpecDiff;
use super::rules::Rule;
use super::Change;
use crate::surface::{ArgItem, ItemKind, MethodItem, Surface, TypeItem, WebhookFn};
use std::collections::{BTreeMap, BTreeSet};

/// The changes of the surface the spec compare did not report.
pub fn compare(old: &Surface, new: &Surface, spec: &SpecDiff) -> Vec<Change> {
    let mut cx = Cx { spec, out: Vec::new(), renames: renames_reported(spec) };
    cx.types(old, new);
    cx.aliases(old, new);
    cx.methods(old, new);
    cx.webhooks(&old.webhooks, &new.webhooks);
    cx.features(old, new);
    cx.out
}

struct Cx<'a> {
    spec: &'a SpecDiff,
    out: Vec<Change>,
    /// Old type name -> new, as reported (by either compare).
    renames: BTreeMap<String, String>,
}

/// The `type-renamed` pairs the spec compare reported.
fn renames_reported(spec: &SpecDiff) -> BTreeMap<String, String> {
    spec.changes
        .iter()
        .filter(|c| c.rule == Rule::TypeRenamed)
        .filter_map(|c| {
            let (a, b) = c.detail.split_once(" -> ")?;
            Some((a.trim_matches('`').to_string(), b.trim_matches('`').to_string()))
        })
        .collect()
}

impl Cx<'_> {
    fn push(&mut self, rule: Rule, operation: Option<&str>, location: String, detail: String) {
        self.out.push(Change { rule, operation: operation.map(str::to_string), location, detail });
    }

    /// An old type spelled with the new names of renamed models: `Vec<Pet>` -> `Vec<Animal>`.
    fn renamed(&self, ty: &str) -> String {
        let mut out = String::new();
        let mut word = String::new();
        for c in ty.chars().chain(std::iter::once(' ')) {
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            out.push_str(self.renames.get(&word).unwrap_or(&word));
            word.clear();
            out.push(c);
        }
        out.pop();
        out
    }

    /// Whether the spec compare reported a change for `member` of the type named `ty`.
    fn touched(&self, ty: &str, member: &str) -> bool {
        self.spec.touched.contains(&(ty.to_string(), member.to_string())) || self.spec.touched.contains(&(ty.to_string(), "*".to_string()))
    }

    /// Whether the spec compare reported a change at `location` of `operation`, or inside it
    /// (`request body.owner` is inside `request body`; `query parameter limit2` is not inside
    /// `query parameter limit`).
    fn reported(&self, operation: &str, location: &str) -> bool {
        self.spec.changes.iter().any(|c| {
            let inside = c.location.strip_prefix(location).is_some_and(|rest| !rest.starts_with(|ch: char| ch.is_alphanumeric() || ch == '_'));
            c.operation.as_deref() == Some(operation) && inside
        })
    }

    fn reported_rule(&self, operation: &str, rules: &[Rule]) -> bool {
        self.spec.changes.iter().any(|c| c.operation.as_deref() == Some(operation) && rules.contains(&c.rule))
    }

    // -----------------------------------------------------------------------------------------
    // Models.
    // -----------------------------------------------------------------------------------------

    fn types(&mut self, old: &Surface, new: &Surface) {
        // A type gone whose model the spec compare paired under the same name lost its Rust
        // name to something the documents do not show: a rename when a new type has its shape.
        let kept: BTreeSet<&str> = self.spec.paired.iter().filter(|(a, b)| a == b).map(|(a, _)| a.as_str()).collect();
        let gone: Vec<&String> = old.types.keys().filter(|n| !new.types.contains_key(*n) && !self.renames.contains_key(*n)).collect();
        let mut added: Vec<&String> = new.types.keys().filter(|n| !old.types.contains_key(*n)).collect();
        // A type whose model was not paired lost its uses, and the spec compare said where.
        // The base's surface may come from another generator, so either name may be the
        // model's.
        for name in gone {
            let item = &old.types[name];
            let twin = added.iter().position(|n| new.types[*n].kind == item.kind && (kept.contains(name.as_str()) || kept.contains(n.as_str())));
            if let Some(i) = twin {
                let to = added.remove(i);
                self.renames.insert(name.clone(), to.clone());
                self.push(Rule::TypeRenamed, None, String::new(), format!("`{name}` -> `{to}`"));
            } else if kept.contains(name.as_str()) {
                self.push(Rule::TypeRemoved, None, format!("type `{name}`"), format!("from {}", item.origin));
            }
        }
        for (name, a) in &old.types {
            let to = self.renames.get(name).cloned().unwrap_or_else(|| name.clone());
            if let Some(b) = new.types.get(&to) {
                self.type_item(name, &to, a, b);
            }
        }
    }

    fn type_item(&mut self, from: &str, to: &str, a: &TypeItem, b: &TypeItem) {
        if self.touched(from, "*") || self.touched(to, "*") {
            return;
        }
        let here = |member: String| format!("type `{to}` {member}");
        match (&a.kind, &b.kind) {
            (ItemKind::Struct(fa), ItemKind::Struct(fb)) => {
                for f in fa {
                    if self.touched(from, &f.json) || self.touched(to, &f.json) {
                        continue;
                    }
                    let place = here(format!("field `{}` (JSON `{}`)", f.name, f.json));
                    match fb.iter().find(|g| g.json == f.json) {
                        None => self.push(Rule::FieldRemoved, None, place, f.ty.clone()),
                        Some(g) if g.name != f.name => self.push(Rule::FieldRenamed, None, place, format!("`{}` -> `{}`", f.name, g.name)),
                        Some(g) if self.renamed(&f.ty) != g.ty => self.push(Rule::FieldTypeChanged, None, place, format!("{} -> {}", f.ty, g.ty)),
                        Some(_) => {}
                    }
                }
            }
            (ItemKind::Enum(va), ItemKind::Enum(vb)) => {
                for v in va {
                    if self.touched(from, &format!("={}", v.value)) || self.touched(to, &format!("={}", v.value)) {
                        continue;
                    }
                    let place = here(format!("variant `{}` (value `{}`)", v.name, v.value));
                    match vb.iter().find(|w| w.value == v.value) {
                        None => self.push(Rule::VariantRemoved, None, place, String::new()),
                        Some(w) if w.name != v.name => self.push(Rule::VariantRemoved, None, place, format!("`{}` -> `{}`", v.name, w.name)),
                        Some(_) => {}
                    }
                }
            }
            (ItemKind::Union(va), ItemKind::Union(vb)) => {
                for v in va {
                    if self.touched(from, &format!("({})", v.name)) || self.touched(to, &format!("({})", v.name)) {
                        continue;
                    }
                    let place = here(format!("variant `{}`", v.name));
                    match vb.iter().find(|w| w.name == v.name) {
                        None => self.push(Rule::VariantRemoved, None, place, v.value.clone()),
                        Some(w) if self.renamed(&v.value) != w.value => self.push(Rule::VariantRemoved, None, place, format!("{} -> {}", v.value, w.value)),
                        Some(_) => {}
                    }
                }
            }
            _ => self.push(Rule::FieldTypeChanged, None, format!("type `{to}`"), "another kind of type".into()),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Methods.
    // -----------------------------------------------------------------------------------------

    fn methods(&mut self, old: &Surface, new: &Surface) {
        for a in &old.methods {
            // A method whose operation is gone is the spec compare's `api-removed`.
            let Some(b) = new.methods.iter().find(|b| b.key == a.key) else { continue };
            self.method(a, b);
        }
    }

    fn method(&mut self, a: &MethodItem, b: &MethodItem) {
        let op = b.operation.as_str();
        if a.name != b.name && !self.reported_rule(op, &[Rule::OperationIdUpdated]) {
            self.push(Rule::OperationIdUpdated, Some(op), String::new(), format!("`{}` -> `{}`", a.name, b.name));
        }
        self.args(op, &a.args, &b.args, true);
        self.args(op, &a.setters, &b.setters, false);
        let returns = self.renamed(&a.returns);
        if returns != b.returns && !self.reported_rule(op, &[Rule::ResponseBodyTypeChanged]) {
            self.push(Rule::ResponseBodyTypeChanged, Some(op), "return type".into(), format!("{} -> {}", a.returns, b.returns));
        }
        // An error enum named after the method is renamed with it: that is the method's rename.
        let (from, to) = (crate::name::pascal(&a.name), crate::name::pascal(&b.name));
        if a.error.replacen(&from, &to, 1) != b.error {
            self.push(Rule::ErrorTypeChanged, Some(op), "error type".into(), format!("{} -> {}", a.error, b.error));
        } else {
            self.error_variants(op, a, b);
        }
        match (&a.pages, &b.pages) {
            (Some(x), Some(y)) if self.renamed(x) != *y => self.push(Rule::PaginationRemoved, Some(op), "into_stream".into(), format!("items {x} -> {y}")),
            (Some(x), None) => self.push(Rule::PaginationRemoved, Some(op), "into_stream".into(), format!("items {x}")),
            (None, Some(y)) => self.push(Rule::PaginationAdded, Some(op), "into_stream".into(), format!("items {y}")),
            _ => {}
        }
    }

    /// Arguments (`positional`) or setters, matched by what they stand for.
    fn args(&mut self, op: &str, old: &[ArgItem], new: &[ArgItem], positional: bool) {
        for a in old {
            if self.reported(op, &a.place) {
                continue;
            }
            let (removed, type_changed) = match (positional, a.key.as_str()) {
                (true, "body") => (Rule::RequestBodyRemoved, Rule::RequestBodyTypeChanged),
                (true, _) => (Rule::RequestParameterRemoved, Rule::RequestParameterTypeChanged),
                (false, _) => (Rule::SetterRemoved, Rule::RequestParameterTypeChanged),
            };
            match new.iter().find(|b| b.key == a.key) {
                None => self.push(removed, Some(op), a.place.clone(), format!("`{}`", a.name)),
                Some(b) if !positional && b.name != a.name => self.push(Rule::SetterRemoved, Some(op), a.place.clone(), format!("`{}` -> `{}`", a.name, b.name)),
                Some(b) if self.renamed(&a.ty) != b.ty => self.push(type_changed, Some(op), a.place.clone(), format!("{} -> {}", a.ty, b.ty)),
                Some(_) => {}
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Webhooks.
    // -----------------------------------------------------------------------------------------

    fn webhooks(&mut self, old: &[WebhookFn], new: &[WebhookFn]) {
        for a in old {
            let place = format!("webhooks::{}", a.function);
            let Some(b) = new.iter().find(|b| b.function == a.function) else {
                self.push(Rule::WebhookFunctionRemoved, None, place, String::new());
                continue;
            };
            if self.renamed(&a.returns) != b.returns {
                self.push(Rule::WebhookFunctionRemoved, None, place.clone(), format!("returns {} -> {}", a.returns, b.returns));
            }
            for e in &a.events {
                let here = format!("{place} event `{}`", e.name);
                match b.events.iter().find(|f| f.name == e.name) {
                    None => self.push(Rule::WebhookEventRemoved, None, here, format!("`{}`", e.variant)),
                    Some(f) if f.variant != e.variant || self.renamed(&e.payload) != f.payload => {
                        self.push(Rule::WebhookEventChanged, None, here, format!("`{}({})` -> `{}({})`", e.variant, e.payload, f.variant, f.payload))
                    }
                    Some(_) => {}
                }
            }
            for f in b.events.iter().filter(|f| !a.events.iter().any(|e| e.name == f.name)) {
                self.push(Rule::WebhookEventAdded, None, format!("{place} event `{}`", f.name), format!("`{}({})`", f.variant, f.payload));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(spec: &SpecDiff) -> Cx<'_> {
        Cx { spec, out: Vec::new(), renames: BTreeMap::from([("Pet".to_string(), "Animal".to_string())]) }
    }

    #[test]
    fn renames_apply_to_whole_type_names_only() {
        let spec = SpecDiff { changes: Vec::new(), paired: BTreeSet::new(), touched: BTreeSet::new() };
        assert_eq!(cx(&spec).renamed("Option<Vec<Pet>>"), "Option<Vec<Animal>>");
        assert_eq!(cx(&spec).renamed("BTreeMap<String, PetList>"), "BTreeMap<String, PetList>");
    }

    #[test]
    fn a_change_inside_a_place_counts_for_it_and_a_longer_name_does_not() {
        let at = |location: &str| Change { rule: Rule::RequestParameterRemoved, operation: Some("GET /pets".into()), location: location.into(), detail: String::new() };
        let spec = SpecDiff { changes: vec![at("query parameter limit2"), at("request body.owner")], paired: BTreeSet::new(), touched: BTreeSet::new() };
        let cx = cx(&spec);
        assert!(!cx.reported("GET /pets", "query parameter limit"));
        assert!(cx.reported("GET /pets", "query parameter limit2"));
        assert!(cx.reported("GET /pets", "request body"));
        assert!(!cx.reported("GET /cats", "request body"));
    }
}
