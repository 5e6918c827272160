//! Whether a type built from some evidence accepts what other evidence describes, and which
//! fields it requires: the rules that keep merged types from being stricter than their parts.

use super::build::{obj, Role};
use super::shape::{FieldShape, ObjectShape, Shape};
use std::cmp::Ordering;

/// Whether the type built from `whole` accepts every value `part` describes: no kind of
/// value `whole` lacks, no field it lacks, and no field it requires that `part` can miss.
pub(super) fn covers(whole: &Shape, part: &Shape, role: Role) -> bool {
    if whole.kinds() == 0 && whole.null == 0 && whole.refs().is_empty() {
        return true;
    }
    let lacks = |w: u32, p: u32| p > 0 && w == 0;
    if lacks(whole.null, part.null) || lacks(whole.bool, part.bool) || lacks(whole.float, part.float) || lacks(whole.int + whole.float, part.int) {
        return false;
    }
    if part.string.is_some() && whole.string.is_none() {
        return false;
    }
    let arrays = match (&whole.array, &part.array) {
        (_, None) => true,
        (Some(w), Some(p)) => covers(&w.item, &p.item, role),
        (None, Some(_)) => false,
    };
    let objects = match (&whole.object, &part.object) {
        (_, None) => true,
        (Some(w), Some(p)) => covers_object(w, p, role),
        (None, Some(_)) => false,
    };
    arrays && objects
}

/// The field maps are walked together in their sorted order, each name compared once: the
/// typing asks this of hundreds of thousands of pairs of objects on GitHub's description.
pub(super) fn covers_object(whole: &ObjectShape, part: &ObjectShape, role: Role) -> bool {
    let (mut wholes, mut parts) = (whole.fields.iter().peekable(), part.fields.iter().peekable());
    loop {
        let order = match (wholes.peek(), parts.peek()) {
            (None, None) => return true,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some((kw, _)), Some((kp, _))) => kw.cmp(kp),
        };
        match order {
            // A field `part` lacks: it must not be required.
            Ordering::Less => {
                let Some((_, w)) = wholes.next() else { return true };
                if is_required(whole, w, role) {
                    return false;
                }
            }
            // A field `whole` lacks.
            Ordering::Greater => return false,
            Ordering::Equal => {
                let (Some((_, w)), Some((_, p))) = (wholes.next(), parts.next()) else { return true };
                if !covers(&w.shape, &p.shape, role) || (is_required(whole, w, role) && !always_has(part, p)) {
                    return false;
                }
            }
        }
    }
}

/// Whether every value `part` describes has `field`: each of its samples has it, or, where it
/// has no sample (only schemas), its schemas require it. Without this a schema-only part was
/// covered by any whole (no sample lacks anything), and a type requiring more than the part's
/// schema took its values.
fn always_has(part: &ObjectShape, field: &FieldShape) -> bool {
    if part.count == 0 {
        field.declared_required
    } else {
        field.present >= part.count
    }
}

/// Whether the struct built from `object` requires `field`. A client sends what the caller
/// sets, and an object no sample shows has only its schemas' word: required where every schema
/// that says requires it. Otherwise every sample must have it, and no schema that says which
/// fields are required may leave it out: merged evidence never requires more than any part.
pub(super) fn is_required(object: &ObjectShape, field: &FieldShape, role: Role) -> bool {
    match role {
        Role::Request => field.declared_required,
        Role::Response if object.count == 0 => field.declared_required,
        Role::Response => field.present >= object.count && (object.stating == 0 || field.declared_required),
    }
}

/// Whether two objects' declared schemas agree on what is required (or either says nothing).
pub(super) fn same_required(a: &Shape, b: &Shape) -> bool {
    // The names come in sorted order from each object's map: compared as they come, not
    // copied into sets (the clustering asks this for every object it places).
    fn required(s: &Shape) -> Option<impl Iterator<Item = &str>> {
        obj(s).filter(|o| o.stating > 0).map(|o| o.fields.iter().filter(|f| f.1.declared_required).map(|f| f.0.as_str()))
    }
    match (required(a), required(b)) {
        (Some(x), Some(y)) => x.eq(y),
        _ => true,
    }
}
