//! `$ref`s to named schemas: each resolves to its own schema's type (`Vec<Item>` for an array
//! schema), never to another that shares its name; several alternatives to their union.

use super::build::{Builder, Role};
use super::shape::Shape;
use crate::model::{Decision, DecisionKind, Ty};
use crate::name;
use std::collections::BTreeMap;

impl Builder<'_> {
    /// The type a reference here gives: the named schema's own, when nothing else was declared
    /// here and its type takes every sample seen here (the samples of a response whose schema
    /// is `$ref: X` are X's). `None` leaves the place to the samples and its name.
    pub(super) fn declared_ref(&mut self, shape: &Shape, hint: &str, role: Role, subject: &str) -> Option<Ty> {
        if shape.refs().is_empty() || shape.any {
            return None;
        }
        if shape.kinds() == 0 {
            return match shape.refs().iter().collect::<Vec<_>>()[..] {
                [only] if role == Role::Request => self.request_ref_ty(only),
                [only] => self.component_ty(only),
                _ => self.alternatives_ty(shape, role, subject),
            };
        }
        if role == Role::Request {
            return self.request_ref_with_samples(shape);
        }
        if shape.kinds() != 1 {
            return None;
        }
        let object = shape.object.as_deref()?;
        if let Some(only) = shape.only_ref() {
            let own = self.component_clusters.get(only).map(|&i| &self.clusters[i]);
            let whole = own.and_then(|c| Some((c.id, c.shape.object.as_deref()?)));
            if let Some((id, whole)) = whole.filter(|_| object.declared == 0 && object.stating == 0 && object.open == 0) {
                if self.known.covers(whole, object, role) {
                    return Some(Ty::Named(id));
                }
            }
        }
        // Other evidence beside the references (another media type's schema, samples the
        // schema lacks): the referenced schemas join it as alternatives, so that their fields
        // are typed too. Joined ahead on the second core, when it got here first.
        let joined = match self.known.take_joined(shape) {
            Some(joined) => joined,
            None => joined_with_schemas(shape, self.component_shapes)?,
        };
        let ty = self.ty_of(&joined, hint, "", role, subject);
        self.known.keep(joined);
        Some(ty)
    }

    /// A request body whose schema is one `$ref` and that has samples too: the schema's
    /// request type when the schema takes every sample (the samples show values, the schema
    /// says which fields a caller must set). Else the samples make a type of their own, every
    /// field optional, as for a body with no schema.
    fn request_ref_with_samples(&mut self, shape: &Shape) -> Option<Ty> {
        let (Some(object), Some(only)) = (shape.object.as_deref(), shape.only_ref()) else { return None };
        if shape.kinds() != 1 || object.declared != 0 || object.stating != 0 || object.open != 0 {
            return None;
        }
        let schema = self.component_shapes.get(only).filter(|s| s.kinds() == 1)?.object.as_deref()?;
        if self.known.covers(schema, object, Role::Request) {
            return self.request_ref_ty(only);
        }
        None
    }

    /// The type of one named schema: its cluster for an object, else made from its shape the
    /// first time it is referenced. A cycle of references that never reaches an object is any
    /// JSON value.
    pub(super) fn component_ty(&mut self, name: &str) -> Option<Ty> {
        if let Some(ty) = self.components.get(name) {
            return Some(ty.clone());
        }
        let shapes = self.component_shapes;
        let shape = shapes.get(name)?;
        if !self.resolving.insert(name.to_string()) {
            return Some(Ty::Json);
        }
        let ty = self.slot_ty(shape, &name::type_name(name), "", Role::Response, name);
        self.resolving.remove(name);
        self.components.insert(name.to_string(), ty.clone());
        Some(ty)
    }

    /// Several references here and nothing else (`oneOf: [$ref: A, $ref: B]`): one type that
    /// takes a value of any of them, each schema an alternative.
    fn alternatives_ty(&mut self, shape: &Shape, role: Role, subject: &str) -> Option<Ty> {
        // One type per set of schemas, named after them, wherever the set recurs (a shared
        // error response of every operation).
        let names: Vec<&str> = shape.refs().iter().map(String::as_str).collect();
        let key = format!("refs:{role:?}:{names:?}");
        if let Some(&id) = self.made.get(&key) {
            return Some(Ty::Named(id));
        }
        let shapes = self.component_shapes;
        let parts: Vec<&Shape> = shape.refs().iter().filter_map(|r| shapes.get(r)).collect();
        // Where one alternative says which fields are required, every one counts as saying so.
        let stating = parts.iter().any(|p| p.object.as_deref().is_some_and(|o| o.stating > 0));
        let mut all = Shape::default();
        for part in parts {
            if stating {
                all.union_alternative(part);
            } else {
                all.union(part);
            }
        }
        if all.kinds() == 0 {
            return None;
        }
        all.clear_refs();
        let ty = self.ty_of(&all, &name::type_name(&names.join(" or ")), "", role, subject);
        if let Ty::Named(id) = ty {
            self.made.insert(key, id);
            self.decisions.push(Decision {
                kind: DecisionKind::Union,
                subject: subject.to_string(),
                detail: format!("one of the schemas {}: `{}` takes a value of any of them", names.join(", "), self.types.get(id).name),
                evidence: shape.origins.iter().take(1).cloned().collect(),
            });
        }
        Some(ty)
    }
}

/// The value's shape without its references, with the object schemas it refers to unioned
/// in, each an alternative; `None` when it refers to no object schema.
pub(super) fn joined_with_schemas(shape: &Shape, schemas: &BTreeMap<String, Shape>) -> Option<Shape> {
    let parts: Vec<&Shape> = shape.refs().iter().filter_map(|r| schemas.get(r)).filter(|s| s.kinds() == 1 && s.object.is_some()).collect();
    if parts.is_empty() {
        return None;
    }
    let mut all = shape.clone();
    all.clear_refs();
    for part in parts {
        all.union_alternative(part);
    }
    Some(all)
}
