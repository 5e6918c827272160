//! The unions `merge_alike` makes, on the second core. Its tests of a pair read only an
//! object's own fields (their names, the kinds of their values, what is required, the text of
//! a type-naming field), so the main thread unions [`outline`]s, which hold just that, and a
//! worker makes the deep unions the clusters are built from, in the same order.

use super::shape::{FieldShape, ObjectShape, Shape};
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
                    array: s.array.as_ref().map(|_| Box::default()),
                    object: s.object.as_ref().map(|_| Box::default()),
                    ..Default::default()
                };
                let field = FieldShape {
                    present: f.present,
                    shape: Box::new(shape),
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

/// The deep unions: for each `(into, from)` in order, `from`'s shape joins `into`'s (a copy
/// of its original at the first). An object that joins another is always still its
/// original: it is tested only on its own turn, before any later object can join it.
pub(super) fn unite(originals: &[Cow<'_, Shape>], joins: impl IntoIterator<Item = (usize, usize)>) -> BTreeMap<usize, Shape> {
    let mut unions: BTreeMap<usize, Shape> = BTreeMap::new();
    for (into, from) in joins {
        unions.entry(into).or_insert_with(|| originals[into].as_ref().clone()).union(&originals[from]);
    }
    unions
}
