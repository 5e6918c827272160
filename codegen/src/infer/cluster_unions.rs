//! The unions `merge_alike` makes, on the second core. Its tests of a pair read only an
//! object's own fields (their names, the kinds of their values, what is required, the text of
//! a type-naming field), so the main thread unions [`outline`]s, which hold just that, and a
//! worker makes the deep unions the clusters are built from, in the same order.

use super::shape::{FieldShape, ObjectShape, Shape, Shared};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// What the pair tests read of an object: its fields, each with the counts of its kinds of
/// value and its strings, but not what nested objects and lists hold. Unioned like the
/// shapes themselves, outlines agree with the unions of the whole shapes on all of it.
pub(super) fn outline(shape: &Shape) -> Shape {
    let object = shape.object.as_deref().map(|o| {
        let fields = o
            .fields
            .iter()
            .map(|(name, f)| {
                let s = &f.shape;
                let shape = Shape {
                    null: s.null,
                    bool: s.bool,
                    int: s.int,
                    float: s.float,
                    declared_int: s.declared_int,
                    string: s.string.clone(),
                    array: s.array.as_ref().map(|_| Shared::default()),
                    object: s.object.as_ref().map(|_| Box::default()),
                    ..Default::default()
                };
                let field = FieldShape {
                    present: f.present,
                    shape: Shared::new(shape),
                    declared_required: f.declared_required,
                    required_by_some: f.required_by_some,
                    read_only: f.read_only,
                    write_only: f.write_only,
                };
                (name.clone(), field)
            })
            .collect();
        Box::new(ObjectShape { count: o.count, fields, stating: o.stating, open: o.open, declared: o.declared, ..Default::default() })
    });
    Shape { object, ..Default::default() }
}

/// One join for the worker: `from`'s original joins `into`'s union; `into`'s original comes
/// along the first time (and only then) to start the union. The originals are moved here, not
/// copied: the main thread reads neither again (it reads the outline of a joined object).
pub(super) struct Join<'a> {
    pub(super) into: usize,
    pub(super) first: Option<Cow<'a, Shape>>,
    pub(super) from: usize,
    pub(super) joining: Cow<'a, Shape>,
}

/// The deep unions by the object they start from, and each joined object's original.
pub(super) type United<'a> = (BTreeMap<usize, Shape>, Vec<(usize, Cow<'a, Shape>)>);

/// The deep unions: for each join in order, `from`'s shape joins `into`'s (its original at the
/// first, taken over where it is owned, copied where borrowed). Also hands back each joined
/// object's original, which the report still reads.
pub(super) fn unite<'a>(joins: impl IntoIterator<Item = Join<'a>>) -> United<'a> {
    let mut unions: BTreeMap<usize, Shape> = BTreeMap::new();
    let mut joined = Vec::new();
    for Join { into, first, from, joining } in joins {
        unions.entry(into).or_insert_with(|| first.map(Cow::into_owned).unwrap_or_default()).union(&joining);
        joined.push((from, joining));
    }
    (unions, joined)
}
