//! What typing the clusters' fields and the bodies asks, answered ahead on the second core.
//!
//! Typing a field that holds an object asks, for each cluster of the field's name, whether
//! the cluster's type takes every value the object describes (`covers_object`): a walk of
//! both trees. A field with references and samples is typed as a copy joined with the
//! schemas it refers to (`joined_with_schemas`): deep copies. Both were most of the main
//! thread's time in `fill_struct` and the bodies' types, and both are pure functions of
//! shapes that stay put while `build` runs (the clusters', the bodies' and the named
//! schemas'). So the thread that finds the renamed fields ahead also walks each cluster's
//! fields (then every body) as the typing will, and sends what it found with the cluster's
//! pairs, keyed by the objects' addresses. The typing looks its questions up and works out
//! any it does not find (an object copied to rename its fields, say): the same either way.

use super::ahead::Found;
use super::build::{obj, Role, Root};
use super::covers::covers_object;
use super::naming::field_hint;
use super::refs::joined_with_schemas;
use super::shape::{ObjectShape, Shape};
use crate::name;
use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// What the typing of one cluster's fields (or of the bodies) asks, answered ahead.
#[derive(Default)]
pub(super) struct Known {
    /// Whether the type of an object (first, by address) takes another (second) in a role.
    covers: HashMap<(usize, usize, Role), bool>,
    /// The joined shape (`joined_with_schemas`) of a value with references and samples, by
    /// the value's address.
    joined: HashMap<usize, Shape>,
    /// Joined shapes taken and typed: kept as long as the answers, which may point into them.
    used: Vec<Shape>,
    /// The renamed fields of each object (by address) that no cluster of its name takes: the
    /// typing makes a new cluster of it and fills its struct.
    pairs: HashMap<usize, Found>,
}

fn key(whole: &ObjectShape, part: &ObjectShape, role: Role) -> (usize, usize, Role) {
    (whole as *const ObjectShape as usize, part as *const ObjectShape as usize, role)
}

impl Known {
    /// Whether the type of `whole` takes every value `part` describes: looked up, else worked out.
    pub(super) fn covers(&self, whole: &ObjectShape, part: &ObjectShape, role: Role) -> bool {
        self.covers.get(&key(whole, part, role)).copied().unwrap_or_else(|| covers_object(whole, part, role))
    }

    /// The joined shape of this value, if it was made ahead; `keep` it once typed.
    pub(super) fn take_joined(&mut self, shape: &Shape) -> Option<Shape> {
        self.joined.remove(&(shape as *const Shape as usize))
    }

    /// The renamed fields of an object no cluster took, if found ahead.
    pub(super) fn take_pairs(&mut self, object: &ObjectShape) -> Option<Found> {
        self.pairs.remove(&(object as *const ObjectShape as usize))
    }

    pub(super) fn keep(&mut self, joined: Shape) {
        self.used.push(joined);
    }

    fn note(&mut self, whole: &ObjectShape, part: &ObjectShape, role: Role) -> bool {
        *self.covers.entry(key(whole, part, role)).or_insert_with(|| covers_object(whole, part, role))
    }
}

/// The clusters as they stand before any struct is filled: what the typing will look in.
pub(super) struct Clusters<'a> {
    /// Each cluster's role, name hint and shape.
    pub(super) clusters: Vec<(Role, String, Arc<Cow<'a, Shape>>)>,
    /// (role, hint) -> indexes into `clusters`.
    pub(super) groups: BTreeMap<(Role, String), Vec<usize>>,
    /// The cluster of each object named schema.
    pub(super) component_clusters: BTreeMap<String, usize>,
    pub(super) component_shapes: &'a BTreeMap<String, Shape>,
}

/// The renamed fields of an object named `hint` that no cluster takes, as the typing will
/// find them when it makes a cluster of it; `None` where it will not (a map, or an object a
/// cluster made earlier takes).
pub(super) type PairsOf<'f> = &'f mut dyn FnMut(&ObjectShape, &str, Role) -> Option<Found>;

impl Clusters<'_> {
    /// The answers the typing of cluster `i`'s fields will look for.
    pub(super) fn of_cluster(&self, i: usize, pairs_of: PairsOf<'_>) -> Known {
        let mut out = Known::default();
        let Some((role, hint, shape)) = self.clusters.get(i) else { return out };
        if let Some(object) = obj(shape) {
            self.walk_fields(object, hint, *role, &mut *pairs_of, &mut out);
        }
        out
    }

    /// The answers the typing of a body will look for.
    pub(super) fn of_root(&self, root: &Root, pairs_of: PairsOf<'_>) -> Known {
        let mut out = Known::default();
        if root.shape.null == 0 {
            self.walk(&root.shape, &root.hint, root.role, &mut *pairs_of, &mut out);
        }
        out
    }

    /// As `fill_struct` types the fields of a struct named `hint`.
    fn walk_fields(&self, object: &ObjectShape, hint: &str, role: Role, pairs_of: PairsOf<'_>, out: &mut Known) {
        for (field, fs) in &object.fields {
            self.walk(&fs.shape, &field_hint(field, hint), role, &mut *pairs_of, out);
        }
    }

    /// As `ty_of` walks a value down to the objects it asks about (its lists' items, and the
    /// object itself), without what it asks of the manifest.
    fn walk(&self, shape: &Shape, hint: &str, role: Role, pairs_of: PairsOf<'_>, out: &mut Known) {
        if !shape.refs().is_empty() && !shape.any {
            if shape.kinds() == 0 {
                return;
            }
            if self.declared(shape, hint, role, &mut *pairs_of, out) {
                return;
            }
        }
        if let Some(array) = &shape.array {
            if array.item.null == 0 {
                self.walk(&array.item, &name::type_name(&name::singular(hint)), role, &mut *pairs_of, out);
            }
        }
        if let Some(object) = shape.object.as_deref() {
            let group = self.groups.get(&(role, hint.to_string()));
            let mut taken = false;
            for whole in group.into_iter().flatten().filter_map(|&c| self.clusters.get(c).and_then(|c| obj(&c.2))) {
                taken |= out.note(whole, object, role);
            }
            // No cluster takes it: the typing makes one of it (unless one it made earlier
            // takes it) and fills its struct, as here. A new cluster's struct is a copy of the
            // object, whose parts keep their addresses (they are shared).
            let at = object as *const ObjectShape as usize;
            if !taken && !out.pairs.contains_key(&at) {
                if let Some(found) = pairs_of(object, hint, role) {
                    out.pairs.insert(at, found);
                    self.walk_fields(object, hint, role, pairs_of, out);
                }
            }
        }
    }

    /// What `declared_ref` asks of a value with references and samples; whether it asks no
    /// more of it (its type is the schema's, or is made from a copy joined with the schemas).
    fn declared(&self, shape: &Shape, hint: &str, role: Role, pairs_of: PairsOf<'_>, out: &mut Known) -> bool {
        let Some(object) = shape.object.as_deref() else { return false };
        let plain = object.declared == 0 && object.stating == 0 && object.open == 0;
        if role == Role::Request {
            let schema = shape.only_ref().and_then(|r| self.component_shapes.get(r)).filter(|s| s.kinds() == 1).and_then(|s| s.object.as_deref());
            let Some(schema) = schema.filter(|_| plain && shape.kinds() == 1) else { return false };
            return out.note(schema, object, role);
        }
        if shape.kinds() != 1 {
            return false;
        }
        let own = shape.only_ref().and_then(|r| self.component_clusters.get(r)).and_then(|&c| self.clusters.get(c)).and_then(|c| obj(&c.2));
        if own.filter(|_| plain).is_some_and(|whole| out.note(whole, object, role)) {
            return true;
        }
        // Joined with the schemas it refers to, and typed as that: made here, and walked (its
        // objects keep their addresses when it moves to the typing, which keeps it).
        let Some(joined) = joined_with_schemas(shape, self.component_shapes) else { return false };
        self.walk(&joined, hint, role, pairs_of, out);
        out.joined.insert(shape as *const Shape as usize, joined);
        true
    }
}
