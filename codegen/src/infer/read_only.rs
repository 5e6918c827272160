//! `readOnly` and `writeOnly` properties: a client is never made to send what the server sets,
//! and a response type never requires what only a client sends.
//!
//! A request body that is `$ref: X`, where X (or an object it holds) has `readOnly`
//! properties, gets a request type of its own, `XInput`, without them: the response keeps X's
//! type as the document describes it (`Booking.id: String`), and the request cannot carry a
//! value the server would ignore or refuse. Nothing is lost: a request type keeps unknown keys
//! in `extra`, so an example that does send the field still round-trips. Where X has no
//! `readOnly` property, the body keeps X's own type. A `writeOnly` property of a response type
//! is optional (`Option`, skipped when `None`): the server leaves it out.

use super::build::{Builder, Role};
use super::shape::{FieldShape, ObjectShape, Shape};
use crate::model::{Decision, DecisionKind, Ty};
use crate::name;
use std::collections::{BTreeMap, BTreeSet};

impl Builder<'_> {
    /// The type a request body or request field gets for `$ref: name`: the named schema's own
    /// where nothing in it is `readOnly`, else a request type without the `readOnly` fields.
    pub(super) fn request_ref_ty(&mut self, name: &str) -> Option<Ty> {
        let shapes = self.component_shapes;
        let shape = shapes.get(name)?;
        if !holds_read_only(shape, shapes, &mut BTreeSet::new()) {
            return self.component_ty(name);
        }
        let key = format!("request type of `{name}`");
        if let Some(&id) = self.made.get(&key) {
            return Some(Ty::Named(id));
        }
        // A schema that holds itself: the inner reference keeps the schema's own type.
        if !self.resolving.insert(key.clone()) {
            return self.component_ty(name);
        }
        let mut left_out = Vec::new();
        let stripped = without_read_only(shape, "", &mut left_out);
        let ty = self.slot_ty(&stripped, &name::type_name(name), "", Role::Request, name);
        self.resolving.remove(&key);
        if let Ty::Named(id) = ty {
            self.made.insert(key, id);
        }
        if let (false, Ty::Named(id)) = (left_out.is_empty(), &ty) {
            let listed: Vec<String> = left_out.iter().map(|(path, _)| format!("`{path}`")).collect();
            self.decisions.push(Decision {
                kind: DecisionKind::Optional,
                subject: self.types.get(*id).name.clone(),
                detail: format!(
                    "the request type of schema `{name}`: the schema marks {} `readOnly`, so requests leave it out (unknown keys still go through `extra`; rename the type with `[overrides.types]`)",
                    listed.join(", ")
                ),
                evidence: left_out.into_iter().filter_map(|(_, origin)| origin).take(1).collect(),
            });
        }
        Some(ty)
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
        let dropped: Vec<String> = object.fields.iter().filter(|(_, f)| f.read_only).map(|(n, _)| n.clone()).collect();
        for name in dropped {
            if let Some(f) = object.fields.remove(&name) {
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
