//! A cluster's struct: its fields from the union of the cluster's objects (renamed fields
//! paired, optional and nullable decided, each decision reported), then the manifest's
//! field overrides.

use super::ahead::Found;
use super::aliases;
use super::build::{Builder, Role};
use super::covers::is_required;
use super::naming::field_hint;
use super::shape::{Name, ObjectShape, Shape};
use crate::model::{Decision, DecisionKind, Field, Ty, TypeKind};
use crate::name;
use crate::overrides::named_ty;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

impl Builder<'_> {
    pub(super) fn fill_struct(&mut self, i: usize) {
        self.fill_struct_found(i, None);
    }

    /// `fill_struct`, with the renamed fields of a cluster made while typing, where they were
    /// found ahead.
    pub(super) fn fill_struct_found(&mut self, i: usize, found: Option<Found>) {
        let (role, hint, id) = (self.clusters[i].role, self.clusters[i].hint.clone(), self.clusters[i].id);
        // Shared, not copied: only a struct with renamed fields needs its own object.
        let shape = Arc::clone(&self.clusters[i].shape);
        let Some(whole) = shape.object.as_deref() else { return };
        let type_name = self.types.get(id).name.clone();
        let ahead = match found {
            Some(found) => Some(found),
            None => super::ahead::take(&mut self.ahead, super::ahead::At::Cluster(i)).map(|(found, known)| {
                self.known = known;
                found
            }),
        };
        let (pairs, rejected) = ahead.unwrap_or_else(|| self.alias_inputs().find_pairs(whole, &self.key_sets));
        self.overrides.mark_pairs(|name| whole.fields.contains_key(name));
        let mut object = Cow::Borrowed(whole);
        let alias_map = if pairs.is_empty() { BTreeMap::new() } else { aliases::apply(object.to_mut(), &pairs) };
        let object: &ObjectShape = &object;
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
                evidence: aliases::first_origins(object, &r.a, &r.b),
            });
        }
        // Samples' key order is noise (it differs between examples of one object), so the
        // fields that no schema orders come in alphabetical order. Marked by their place in
        // the (sorted) map, not sought in the list: objects of a hundred fields are common.
        let mut ordered = vec![false; object.fields.len()];
        let mut order: Vec<&Name> = Vec::with_capacity(object.fields.len());
        for name in &object.declared_order {
            if let Ok(at) = object.fields.find_index(name.as_str()) {
                ordered[at] = true;
                order.push(name);
            }
        }
        order.extend(object.fields.keys().zip(&ordered).filter(|(_, &done)| !done).map(|(name, _)| name));
        let mut fields = Vec::new();
        for json_name in order {
            let fs = &object.fields[json_name];
            let subject = format!("{type_name}.{json_name}");
            let ty = self.ty_of(&fs.shape, &field_hint(json_name, &hint), &hint, role, &subject);
            let absent = object.count.saturating_sub(fs.present);
            let optional = !is_required(object, fs, role);
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
                    detail: format!("null in {} of {} observations", fs.shape.null, fs.shape.null as usize + count_values(&fs.shape)),
                    evidence: fs.shape.origins.iter().take(1).cloned().collect(),
                });
            }
            let mut field = Field {
                name: json_name.to_string(),
                rust_name: None,
                lenient: false,
                aliases: alias_map.get(json_name.as_str()).cloned().unwrap_or_default(),
                ty,
                optional,
                nullable,
                docs: fs.shape.docs.as_deref().map(str::to_string),
                origins: fs.shape.origins.to_vec(),
            };
            self.apply_field_override(&type_name, &mut field);
            fields.push(field);
        }
        self.types.defs[id.0].kind = TypeKind::Struct(fields);
    }

    fn apply_field_override(&mut self, type_name: &str, field: &mut Field) {
        let keys: Vec<String> = self.manifest_names(type_name).map(|t| format!("{t}.{}", field.name)).collect();
        let Some((key, o)) = keys.into_iter().find_map(|k| self.overrides.field(&k).map(|o| (k, o))) else { return };
        if let Some(t) = &o.ty {
            field.ty = named_ty(t).unwrap_or(Ty::Json);
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
}

fn count_values(shape: &Shape) -> usize {
    [shape.bool, shape.int, shape.float, shape.string.as_ref().map_or(0, |s| s.count)].iter().map(|&n| n as usize).sum::<usize>() + shape.array.as_ref().map_or(0, |a| a.count) + shape.object.as_ref().map_or(0, |o| o.count)
}

