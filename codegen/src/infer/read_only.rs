//! `readOnly` and `writeOnly` properties: a client is never made to send what the server sets,
//! and a response type never requires what only a client sends.
//!
//! A request body that is `$ref: X`, where X (or an object it holds) has `readOnly`
//! properties, gets a request type of its own, `XInput`, without them: the response keeps X's
//! type as the document describes it (`Booking.id: String`), and the request cannot carry a
//! value the server would ignore or refuse. Nothing is lost: a request type keeps unknown keys
//! in `extra`, so an example that does send the field still round-trips. Where X has no
//! `readOnly` property, the body keeps X's own type, unless that type (shared with the
//! objects merged into it, such as a response whose samples have every field) requires a
//! field X does not: then too the request gets `XInput`, requiring what X requires.
//! A `writeOnly` property of a response type is optional (`Option`, skipped when `None`): the
//! server leaves it out.

use super::build::{Builder, Role};
use super::covers::is_required;
use super::shape::{FieldShape, Name, ObjectShape, Shape};
use crate::model::{Decision, DecisionKind, Ty};
use crate::name;
use std::collections::{BTreeMap, BTreeSet};

impl Builder<'_> {
    /// The type a request body or request field gets for `$ref: name`: the named schema's own
    /// where nothing in it is `readOnly` and that type requires no more than the schema, else
    /// a request type of its own (without the `readOnly` fields, requiring what the schema does).
    pub(super) fn request_ref_ty(&mut self, name: &str) -> Option<Ty> {
        let shapes = self.component_shapes;
        let shape = shapes.get(name)?;
        // Made already: the schema was judged at its first reference.
        let key = format!("request type of `{name}`");
        if let Some(&id) = self.made.get(&key) {
            return Some(Ty::Named(id));
        }
        let stricter = self.shared_type_requires_more(name, shape);
        if !holds_read_only(shape, shapes, &mut BTreeSet::new()) && stricter.is_empty() {
            return self.component_ty(name);
        }
        // A schema that holds itself: the inner reference keeps the schema's own type.
        if !self.resolving.insert(key.clone()) {
            return self.component_ty(name);
        }
        let mut left_out = Vec::new();
        let mut stripped = without_read_only(shape, "", &mut left_out);
        // A nullable schema: `null` is the referring field's to allow, as for the shared type.
        if stripped.object.is_some() {
            stripped.null = 0;
        }
        let ty = self.slot_ty(&stripped, &name::type_name(name), "", Role::Request, name);
        self.resolving.remove(&key);
        if let Ty::Named(id) = ty {
            self.made.insert(key, id);
        }
        if let Ty::Named(id) = ty {
            // Each reason for a type of its own is a report line.
            let quoted = |names: Vec<&str>| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let subject = self.types.get(id).name.clone();
            if !stricter.is_empty() {
                let detail = format!(
                    "the request type of schema `{name}`: the type it shares with other objects requires {}, which the schema does not, so requests get a type of their own",
                    quoted(stricter.iter().map(String::as_str).collect())
                );
                self.decisions.push(Decision { kind: DecisionKind::Optional, subject: subject.clone(), detail, evidence: shape.origins.iter().take(1).cloned().collect() });
            }
            if !left_out.is_empty() {
                let detail = format!(
                    "the request type of schema `{name}`: the schema marks {} `readOnly`, so requests leave it out (unknown keys still go through `extra`; rename the type with `[overrides.types]`)",
                    quoted(left_out.iter().map(|(path, _)| path.as_str()).collect())
                );
                let evidence = left_out.into_iter().filter_map(|(_, origin)| origin).take(1).collect();
                self.decisions.push(Decision { kind: DecisionKind::Optional, subject, detail, evidence });
            }
        }
        Some(ty)
    }

    /// The fields the type of schema `name` requires though the schema does not: that type is
    /// shared with the other objects merged into it (a response with the same fields), whose
    /// samples may require more than a caller has to send.
    fn shared_type_requires_more(&self, name: &str, schema: &Shape) -> Vec<String> {
        let (Some(c), Some(declared)) = (self.component_clusters.get(name).map(|&i| &self.clusters[i]), schema.object.as_deref()) else { return Vec::new() };
        let Some(shared) = c.shape.object.as_deref() else { return Vec::new() };
        shared
            .fields
            .iter()
            .filter(|(k, f)| is_required(shared, f, c.role) && !declared.fields.get(k.as_str()).is_some_and(|d| d.declared_required))
            .map(|(k, _)| k.to_string())
            .collect()
    }

    /// Whether a response type's field is optional because the schema marks it `writeOnly`,
    /// recording the decision (`[overrides.fields] "Type.field" = { optional = false }` undoes it).
    pub(super) fn write_only_optional(&mut self, role: Role, field: &FieldShape, required: bool, subject: &str) -> bool {
        if role != Role::Response || !field.write_only || !required {
            return false;
        }
        self.decisions.push(Decision {
            kind: DecisionKind::Optional,
            subject: subject.to_string(),
            detail: "the schema marks it `writeOnly`: a response may leave it out".into(),
            evidence: field.shape.origins.iter().take(1).cloned().collect(),
        });
        true
    }
}

/// Whether the schema, or an object inside it (through references too), has a `readOnly`
/// property.
fn holds_read_only(shape: &Shape, shapes: &BTreeMap<String, Shape>, seen: &mut BTreeSet<String>) -> bool {
    let in_object = |o: &ObjectShape, seen: &mut BTreeSet<String>| {
        o.fields.values().any(|f| f.read_only || holds_read_only(&f.shape, shapes, seen))
            || o.additional.as_deref().is_some_and(|a| holds_read_only(a, shapes, seen))
    };
    if shape.object.as_deref().is_some_and(|o| in_object(o, seen)) {
        return true;
    }
    if shape.array.as_deref().is_some_and(|a| holds_read_only(&a.item, shapes, seen)) {
        return true;
    }
    let refs: Vec<&String> = shape.refs().iter().collect();
    refs.into_iter().any(|r| seen.insert(r.clone()) && shapes.get(r).is_some_and(|s| holds_read_only(s, shapes, seen)))
}

/// The shape with its `readOnly` properties left out, at every depth of its own objects
/// (references are resolved, and stripped, when their types are built). Each left-out
/// property's path and first origin go to `left_out`.
fn without_read_only(shape: &Shape, prefix: &str, left_out: &mut Vec<(String, Option<crate::model::Origin>)>) -> Shape {
    let mut out = shape.clone();
    if let Some(object) = out.object.as_deref_mut() {
        let dropped: Vec<Name> = object.fields.iter().filter(|(_, f)| f.read_only).map(|(n, _)| n.clone()).collect();
        for name in dropped {
            if let Some(f) = object.fields.remove(name.as_str()) {
                left_out.push((join(prefix, &name), f.shape.origins.first().cloned()));
            }
        }
        object.declared_order.retain(|n| object.fields.contains_key(n));
        for (name, field) in object.fields.iter_mut() {
            *field.shape = without_read_only(&field.shape, &join(prefix, name), left_out);
        }
    }
    if let Some(array) = out.array.as_deref_mut() {
        array.item = without_read_only(&array.item, &format!("{prefix}[]"), left_out);
    }
    out
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}
