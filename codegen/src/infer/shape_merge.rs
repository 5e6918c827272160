//! Unions: the evidence of one [`Shape`] added to another's.
//!
//! Kept apart from the type definitions (`shape.rs`) and from observing (`shape_observe.rs`):
//! the unions decide which fields stay required where several schemas or alternatives meet,
//! and run thousands of times when clusters are joined, so they are read and tuned on their own.

use super::{FieldShape, Name, ObjectShape, Shape, StringShape, MAX_ORIGINS, MAX_STRING_VALUES};
use crate::model::{FileName, Origin, SharedText};
use foldhash::HashSet;
use litemap::LiteMap;
use std::cmp::Ordering;

impl Shape {
    pub(super) fn note_origin(&mut self, origin: &Origin) {
        // The pointers first (they differ where origins do), and the texts only where they are
        // not one shared text (the file name of an origin is shared by its whole file).
        let same_text = |a: &SharedText, b: &SharedText| std::ptr::eq(a.as_str(), b.as_str()) || same_pointer(a, b);
        let known = |o: &Origin| same_text(&o.pointer, &origin.pointer) && o.file == origin.file;
        if self.origins.len() < MAX_ORIGINS && !self.origins.iter().any(known) {
            self.origins.push(origin.clone());
        }
    }

    /// `note_origin` for the origin at `pointer` in `file`, made only if it is kept.
    pub(super) fn note_origin_at(&mut self, file: FileName, pointer: &str) {
        if self.origins.len() < MAX_ORIGINS && !self.origins.iter().any(|o| same_pointer(&o.pointer, pointer) && o.file == file) {
            self.origins.push(Origin { file, pointer: SharedText::from(pointer) });
        }
    }

    /// Unions `other` into `self`. Commutative up to the order of remembered origins and docs.
    pub fn union(&mut self, other: &Shape) {
        self.merge(other, false);
    }

    /// Unions `other` into `self` as one alternative of several of which some say which fields
    /// are required: its object counts as saying so too (`stating` at least 1), as a copy of it
    /// with that set would, without the copy.
    pub fn union_alternative(&mut self, other: &Shape) {
        self.merge_stating(other, false, 1);
    }

    /// Unions `other` into `self`; `both` when both hold at once (the parts of an `allOf`), so
    /// that what either requires is required.
    pub(super) fn merge(&mut self, other: &Shape, both: bool) {
        self.merge_stating(other, both, 0);
    }

    /// `merge`, with `other`'s object taken as stating required fields at least `stating` times.
    fn merge_stating(&mut self, other: &Shape, both: bool, stating: usize) {
        self.null += other.null;
        self.bool += other.bool;
        self.int += other.int;
        if let Some(theirs) = other.rare.as_deref() {
            let mine = self.rare_mut();
            for &i in &theirs.ints {
                if mine.ints.len() < MAX_STRING_VALUES {
                    mine.ints.insert(i);
                }
            }
            mine.refs.extend_from(&theirs.refs);
            mine.titles.extend_from(&theirs.titles);
        }
        self.float += other.float;
        self.declared_int += other.declared_int;
        self.any |= other.any;
        if self.docs.is_none() {
            self.docs.clone_from(&other.docs);
        }
        for o in other.origins.iter() {
            // Full: no origin of `other` is remembered, and none need be compared.
            if self.origins.len() >= MAX_ORIGINS {
                break;
            }
            self.note_origin(o);
        }
        // Where `self` has none, a union into an empty one is a copy (the sets of `other` are
        // distinct and within their limits): cloned, where the union walked every field.
        if let Some(s) = &other.string {
            match &mut self.string {
                Some(mine) => mine.union(s),
                None => self.string = Some(s.clone()),
            }
        }
        if let Some(a) = &other.array {
            match &mut self.array {
                Some(mine) => {
                    mine.count += a.count;
                    mine.empty += a.empty;
                    mine.item.merge(&a.item, both);
                }
                None => self.array = Some(a.clone()),
            }
        }
        if let Some(o) = &other.object {
            let theirs_stating = o.stating.max(stating);
            match &mut self.object {
                Some(mine) => mine.merge_as(o, theirs_stating, both),
                None => {
                    let mut copy = o.clone();
                    copy.stating = theirs_stating;
                    self.object = Some(copy);
                }
            }
        }
    }
}

impl FieldShape {
    /// Adds another observation of the same field; `declared_required` is the object's to set.
    fn absorb(&mut self, other: &FieldShape, both: bool) {
        self.present += other.present;
        self.required_by_some |= other.required_by_some;
        self.read_only |= other.read_only;
        self.write_only |= other.write_only;
        self.shape.merge(&other.shape, both);
    }
}

impl StringShape {
    fn union(&mut self, other: &StringShape) {
        self.count += other.count;
        self.datetime += other.datetime;
        self.duration += other.duration;
        self.iso_duration += other.iso_duration;
        self.plain_declared += other.plain_declared;
        self.truncated |= other.truncated;
        for v in &other.values {
            if self.values.contains(v) {
                continue;
            }
            if self.values.len() < MAX_STRING_VALUES {
                self.values.insert(v.clone());
            } else {
                self.truncated = true;
            }
        }
        self.declared_enum.extend_from(&other.declared_enum);
        self.formats.extend_from(&other.formats);
    }
}

impl ObjectShape {
    /// Unions `other` into `self`. The field maps, and the maps of previous keys, are walked
    /// together in their sorted order (see [`union_sorted`]).
    pub(super) fn merge(&mut self, other: &ObjectShape, both: bool) {
        self.merge_as(other, other.stating, both);
    }

    /// `merge`, with `theirs_stating` in place of `other.stating`.
    fn merge_as(&mut self, other: &ObjectShape, theirs_stating: usize, both: bool) {
        self.count += other.count;
        // Where both sides say which fields are required, a field stays required only if both
        // require it (a side that lacks the field does not); else the side that says decides.
        let (mine_says, theirs_say) = (self.stating > 0, theirs_stating > 0);
        let required = |mine: bool, theirs: bool| match (both, mine_says, theirs_say) {
            (true, _, _) | (false, false, false) => mine || theirs,
            (false, true, true) => mine && theirs,
            (false, true, false) => mine,
            (false, false, true) => theirs,
        };
        union_sorted(
            &mut self.fields,
            &other.fields,
            |mine, field| {
                mine.declared_required = required(mine.declared_required, field.is_some_and(|f| f.declared_required));
                if let Some(field) = field {
                    mine.absorb(field, both);
                }
            },
            // A union into an empty field is a copy of it.
            |field| FieldShape { declared_required: required(false, field.declared_required), ..field.clone() },
        );
        self.stating += theirs_stating;
        self.open += other.open;
        // Samples declare no order: most unions of a schema's object with samples add none.
        if !other.declared_order.is_empty() && self.declared_order != other.declared_order {
            let mut known: HashSet<&str> = self.declared_order.iter().map(Name::as_str).collect();
            let added: Vec<&Name> = other.declared_order.iter().filter(|n| known.insert(n.as_str())).collect();
            self.declared_order.extend(added.into_iter().cloned());
        }
        if let Some(a) = &other.additional {
            match &mut self.additional {
                Some(mine) => mine.merge(a, both),
                None => self.additional = Some(a.clone()),
            }
        }
        self.together.extend_from(&other.together);
        self.declared += other.declared;
        self.declared_sets.extend_from(&other.declared_sets);
        union_sorted(&mut self.previous, &other.previous, |mine, theirs| theirs.into_iter().for_each(|v| mine.extend_from(v)), Clone::clone);
    }
}

/// Whether two JSON pointers are the same text. The ends first: the pointers of one place's
/// samples share a long start (`/paths/...`) and differ near the end, if anywhere.
fn same_pointer(a: &str, b: &str) -> bool {
    fn tail(s: &str) -> &[u8] {
        &s.as_bytes()[s.len().saturating_sub(8)..]
    }
    a.len() == b.len() && tail(a) == tail(b) && a == b
}

/// Unions the sorted map `theirs` into `mine`, walking both together in their order: `meet`
/// sees each entry of `mine` with `theirs`' entry of the same name, if any, and `copy` makes
/// the entry of each name only `theirs` has. Each name is compared once, and cloned only where
/// `mine` lacks it: merging the clusters' objects cloned every name of both sides, several
/// times, for each of thousands of unions, and looking each name up cost a search per name.
fn union_sorted<K: Ord + Clone, V>(mine: &mut LiteMap<K, V>, theirs: &LiteMap<K, V>, mut meet: impl FnMut(&mut V, Option<&V>), copy: impl Fn(&V) -> V) {
    // Their entries `mine` lacks, each with how many of `mine`'s entries come before it: the
    // names are compared once each, here, and not again to insert the new ones.
    let mut theirs = theirs.iter().peekable();
    let mut new: Vec<(usize, &K, &V)> = Vec::new();
    for (at, (name, entry)) in mine.iter_mut().enumerate() {
        let mut found = None;
        while let Some(&(n, v)) = theirs.peek() {
            match n.cmp(name) {
                Ordering::Less => new.push((at, n, v)),
                Ordering::Equal => found = Some(v),
                Ordering::Greater => break,
            }
            theirs.next();
            if found.is_some() {
                break;
            }
        }
        meet(entry, found);
    }
    let end = mine.len();
    new.extend(theirs.map(|(n, v)| (end, n, v)));
    if !new.is_empty() {
        let old = std::mem::take(mine).into_tuple_vec();
        let mut entries = Vec::with_capacity(old.len() + new.len());
        let mut new = new.into_iter().peekable();
        for (at, entry) in old.into_iter().enumerate() {
            while let Some((_, name, v)) = new.next_if(|(before, _, _)| *before == at) {
                entries.push((name.clone(), copy(v)));
            }
            entries.push(entry);
        }
        entries.extend(new.map(|(_, name, v)| (name.clone(), copy(v))));
        // Sorted: both sides were, and each new entry sits where its name orders it.
        *mine = LiteMap::from_sorted_store_unchecked(entries);
    }
}
