//! Puts what the prose says onto the built types: field docs, and enums for fields whose
//! values the prose lists. Examples win over prose: a value seen in an example but missing
//! from the prose list becomes a variant too, and the report says so. Enums come only from
//! prose, never from example values (e-mails and names are not enums).

use super::build::{Builder, Root};
use super::prose::{loose_match, ProseField};
use crate::model::{Decision, DecisionKind, EnumValue, Ty, TypeId, TypeKind};
use crate::name;
use serde_json::Value;
use std::collections::BTreeSet;

/// A field found for a prose entry: the struct, the field's index, and the struct's cluster.
pub(super) struct Target {
    pub(super) ty: TypeId,
    pub(super) field: usize,
}

impl Builder<'_> {
    pub(super) fn apply_prose(&mut self, roots: &[Root], tys: &[Option<Ty>]) {
        for (root, ty) in roots.iter().zip(tys) {
            let Some(ty) = ty else { continue };
            for entry in &root.prose {
                for target in self.targets(ty, entry) {
                    self.apply_entry(entry, &target);
                }
            }
        }
    }

    /// Enums the manifest asks for (`[overrides.enums] "Client.geo" = [...]`), applied like
    /// values listed in prose.
    pub(super) fn apply_enum_overrides(&mut self) {
        let overrides = self.overrides;
        for key in overrides.enum_keys() {
            let Some((type_name, field)) = key.split_once('.') else { continue };
            let Some(ty) = self.types.defs.iter().position(|d| self.manifest_names(&d.name).any(|n| n == type_name)).map(TypeId) else { continue };
            let TypeKind::Struct(fields) = &self.types.get(ty).kind else { continue };
            let Some(index) = fields.iter().position(|f| f.name == field) else { continue };
            let values = overrides.enum_values(key).unwrap_or_default();
            let entry = ProseField { path: field.to_string(), values: values.iter().map(|v| (v.clone(), None)).collect(), ..Default::default() };
            self.decisions.push(Decision {
                kind: DecisionKind::Override,
                subject: key.to_string(),
                detail: format!("enum values from the manifest: {}", listed(&entry)),
                evidence: Vec::new(),
            });
            self.apply_entry(&entry, &Target { ty, field: index });
        }
    }

    /// The structs reachable from `ty`, in a fixed order (breadth first).
    fn reachable(&self, ty: &Ty) -> Vec<TypeId> {
        let mut out: Vec<TypeId> = Vec::new();
        let mut queue: Vec<TypeId> = named(ty).into_iter().collect();
        while let Some(id) = queue.first().copied() {
            queue.remove(0);
            if out.contains(&id) {
                continue;
            }
            out.push(id);
            if let TypeKind::Struct(fields) = &self.types.get(id).kind {
                queue.extend(fields.iter().filter_map(|f| named(&f.ty)));
            }
        }
        out
    }

    pub(super) fn targets(&self, root: &Ty, entry: &ProseField) -> Vec<Target> {
        let structs = self.reachable(root);
        if entry.loose {
            let mut out = Vec::new();
            for &id in &structs {
                let def = self.types.get(id);
                if let TypeKind::Struct(fields) = &def.kind {
                    for (i, f) in fields.iter().enumerate() {
                        if loose_match(&entry.path, &f.name, &def.name) {
                            out.push(Target { ty: id, field: i });
                        }
                    }
                }
            }
            return out;
        }
        // An exact path from the body's own type; failing that, the first struct that has
        // the path's first field.
        let segments: Vec<&str> = entry.path.split('.').collect();
        for start in std::iter::once(named(root)).flatten().chain(structs.iter().copied()) {
            if let Some(t) = self.walk(start, &segments) {
                return vec![t];
            }
        }
        Vec::new()
    }

    fn walk(&self, mut id: TypeId, segments: &[&str]) -> Option<Target> {
        for (i, seg) in segments.iter().enumerate() {
            let TypeKind::Struct(fields) = &self.types.get(id).kind else { return None };
            let index = fields.iter().position(|f| f.name == *seg || f.aliases.iter().any(|a| a == seg))?;
            if i + 1 == segments.len() {
                return Some(Target { ty: id, field: index });
            }
            id = named(&fields[index].ty)?;
        }
        None
    }

    pub(super) fn apply_entry(&mut self, entry: &ProseField, target: &Target) {
        let type_name = self.types.get(target.ty).name.clone();
        let TypeKind::Struct(fields) = &mut self.types.defs[target.ty.0].kind else { return };
        let field = &mut fields[target.field];
        if field.docs.is_none() {
            field.docs = entry.doc.clone();
        }
        if entry.values.is_empty() {
            return;
        }
        let (json_name, ty) = (field.name.clone(), field.ty.clone());
        if let Ty::Named(id) = ty {
            if matches!(self.types.get(id).kind, TypeKind::Enum { .. }) {
                // Another operation's prose made it an enum already.
                return;
            }
        }
        let subject = format!("{type_name}.{json_name}");
        // The manifest's type for the field is final, unless it asks for the enum itself.
        if self.overrides.field(&subject).is_some_and(|o| o.ty.is_some()) && self.overrides.enum_values(&subject).is_none() {
            return;
        }
        let ints = entry.values.iter().all(|(v, _)| v.is_i64());
        let strings = entry.values.iter().all(|(v, _)| v.is_string());
        let fits = (ints && ty == Ty::Integer) || (strings && ty == Ty::String);
        if !fits {
            self.decisions.push(Decision {
                kind: DecisionKind::Enum,
                subject,
                detail: format!("the prose lists values ({}) but the examples hold another type; kept as it is", listed(entry)),
                evidence: entry.origin.iter().cloned().collect(),
            });
            return;
        }
        // Examples win: every value they show is a variant, documented or not.
        let seen = self.observed_values(target.ty, &json_name, ints);
        // A code's name (`Trialing` for 2) names its variant; a string value names itself.
        let mut values: Vec<EnumValue> = entry
            .values
            .iter()
            .map(|(v, d)| if ints { EnumValue { value: v.clone(), label: d.clone(), docs: None } } else { EnumValue { value: v.clone(), label: None, docs: d.clone() } })
            .collect();
        let extra: Vec<Value> = seen.into_iter().filter(|v| !values.iter().any(|e| &e.value == v)).collect();
        for v in &extra {
            values.push(EnumValue { value: v.clone(), label: None, docs: Some("Seen in the examples; not in the documented list.".into()) });
        }
        let mut detail = match entry.loose {
            true => format!("values from the prose (`{}`): {}", entry.path, listed(entry)),
            false => format!("values from the prose: {}", listed(entry)),
        };
        if !extra.is_empty() {
            let extra: Vec<String> = extra.iter().map(Value::to_string).collect();
            detail.push_str(&format!("; the examples also show {}, which the prose does not list (kept: examples win)", extra.join(", ")));
        }
        let key = format!("enum:{values:?}");
        let id = match self.made.get(&key) {
            Some(&id) => id,
            None => {
                let wanted = name::type_name(&json_name);
                let wanted = if self.taken.contains(&wanted) { name::type_name(&format!("{type_name} {json_name}")) } else { wanted };
                let enum_name = self.name_type(wanted);
                let id = self.types.push(crate::model::TypeDef {
                    name: enum_name,
                    docs: entry.doc.clone(),
                    kind: TypeKind::Enum { values, open: true },
                    origins: Vec::new(),
                });
                self.made.insert(key, id);
                id
            }
        };
        if let TypeKind::Struct(fields) = &mut self.types.defs[target.ty.0].kind {
            fields[target.field].ty = Ty::Named(id);
        }
        self.decisions.push(Decision { kind: DecisionKind::Enum, subject, detail, evidence: entry.origin.iter().cloned().collect() });
    }

    /// Distinct values the examples show for a field of a struct, in sorted order.
    pub(super) fn observed_values(&self, id: TypeId, json_name: &str, ints: bool) -> Vec<Value> {
        let Some(shape) = self.clusters.iter().find(|c| c.id == id).and_then(|c| c.shape.object.as_ref()) else { return Vec::new() };
        let Some(field) = shape.fields.get(json_name) else { return Vec::new() };
        if ints {
            return field.shape.ints().iter().map(|&n| Value::from(n)).collect();
        }
        let set: BTreeSet<&String> = field.shape.string.iter().flat_map(|s| s.values.iter()).collect();
        set.into_iter().map(|s| Value::String(s.clone())).collect()
    }
}

fn named(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named(id) => Some(*id),
        Ty::List(t) | Ty::Map(t) => named(t),
        _ => None,
    }
}

pub(super) fn listed(entry: &ProseField) -> String {
    entry.values.iter().map(|(v, _)| v.to_string()).collect::<Vec<_>>().join(", ")
}
