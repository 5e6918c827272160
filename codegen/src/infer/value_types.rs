//! The Rust type of each value: a body, a field, a list item or a map value becomes a
//! scalar, a list, a map, a struct of its cluster, an untagged union or a string enum.

use super::build::{Builder, Role, Root};
use super::map_keys::{is_map, map_values};
use super::naming::map_value_hint;
use super::shape::{ArrayShape, ObjectShape, Shape};
use crate::model::{Decision, DecisionKind, EnumValue, Origin, Ty, TypeDef, TypeId, TypeKind, Variant};
use crate::name;
use serde_json::Value;
use std::collections::BTreeSet;

impl Builder<'_> {
    pub(super) fn root_ty(&mut self, root: &Root) -> Option<Ty> {
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
            return self.list_ty(array, &shape.origins, hint, parent, role, subject);
        }
        if let Some(object) = &shape.object {
            return self.object_ty(object, &shape.origins, hint, parent, role, subject);
        }
        Ty::Json
    }

    /// The type of a list; `origins`, the evidence its decisions cite.
    fn list_ty(&mut self, array: &ArrayShape, origins: &[Origin], hint: &str, parent: &str, role: Role, subject: &str) -> Ty {
        if array.item.null > 0 {
            let item_hint = name::type_name(&name::singular(hint));
            return Ty::List(Box::new(self.slot_ty(&array.item, &item_hint, parent, role, &format!("{subject}[]"))));
        }
        if array.item.kinds() == 0 && array.item.refs().is_empty() {
            let item_hint = name::type_name(&name::singular(hint));
            if let Some(id) = self.type_named(role, &item_hint) {
                self.decisions.push(Decision {
                    kind: DecisionKind::NoEvidence,
                    subject: format!("{subject}[]"),
                    detail: format!("the list was empty in every sample; its items typed as `{}` by its name", self.types.get(id).name),
                    evidence: origins.iter().take(1).cloned().collect(),
                });
                return Ty::List(Box::new(Ty::Named(id)));
            }
            self.decisions.push(Decision {
                kind: DecisionKind::NoEvidence,
                subject: format!("{subject}[]"),
                detail: "the list was empty in every sample".into(),
                evidence: origins.iter().take(1).cloned().collect(),
            });
            return Ty::List(Box::new(Ty::Json));
        }
        let item_hint = name::type_name(&name::singular(hint));
        Ty::List(Box::new(self.slot_ty(&array.item, &item_hint, parent, role, &format!("{subject}[]"))))
    }

    /// The type of an object: a map or its cluster's struct; `origins`, the evidence its
    /// decisions cite.
    fn object_ty(&mut self, object: &ObjectShape, origins: &[Origin], hint: &str, parent: &str, role: Role, subject: &str) -> Ty {
        if is_map(object, hint, self.overrides) {
            let by_manifest = self.overrides.map(hint).is_some();
            self.decisions.push(Decision {
                kind: if by_manifest { DecisionKind::Override } else { DecisionKind::Map },
                subject: subject.to_string(),
                detail: if by_manifest {
                    format!("a map by the manifest (`[overrides.maps] {hint} = true`; keys seen: {})", sample_keys(object))
                } else {
                    format!("keys are data ({})", sample_keys(object))
                },
                evidence: origins.iter().take(1).cloned().collect(),
            });
            let values = map_values(object);
            let value_hint = map_value_hint(hint);
            let value_ty = if values.is_empty() { Ty::Json } else { self.slot_ty(&values, &value_hint, parent, role, &format!("{subject}{{}}")) };
            return Ty::Map(Box::new(value_ty));
        }
        Ty::Named(self.cluster_for(role, hint, object))
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
        // Each kind alone, as `single_kind` types it, citing no evidence (borrowed, where a
        // shape of the one kind was a copy of it).
        if let Some(array) = &shape.array {
            let ty = self.list_ty(array, &[], hint, parent, role, subject);
            variants.push(Variant { name: "List".into(), ty });
            seen.push("array");
        }
        if let Some(object) = &shape.object {
            let ty = self.object_ty(object, &[], hint, parent, role, subject);
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
        let id = self.types.push(TypeDef { name, docs: None, kind: TypeKind::Union(variants), origins: shape.origins.to_vec() });
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

fn sample_keys(object: &ObjectShape) -> String {
    let keys: Vec<&str> = object.fields.keys().take(3).map(|k| k.as_str()).collect();
    let more = if object.fields.len() > 3 { ", ..." } else { "" };
    format!("{}{more}", keys.join(", "))
}
