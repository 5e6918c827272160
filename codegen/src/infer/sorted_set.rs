//! A set kept as a sorted `Vec`: the small sets of a [`super::Shape`] in a fraction of the room.
//!
//! A `BTreeSet` allocates a node of 11 slots for its first element (280 bytes for a set of one
//! `String`), and most sets of a shape hold one to three values: the integers and strings seen at
//! a place, the key that preceded a field, the key sets of the samples. For GitHub's description
//! those nodes were the largest part of the peak of memory. A sorted `Vec` iterates in the same
//! order, so whatever reads the sets reads the same.

use std::borrow::Borrow;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SortedSet<T>(Vec<T>);

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T> SortedSet<T> {
    /// An empty set, in a `static` where a shape has none.
    pub const fn new() -> Self {
        SortedSet(Vec::new())
    }
}

impl<T: Ord> SortedSet<T> {
    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match self.0.binary_search(&value) {
            Ok(_) => false,
            Err(i) => {
                // Most sets stay at one or two values: room for one more, not for four.
                self.0.reserve_exact(1);
                self.0.insert(i, value);
                true
            }
        }
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.0.binary_search_by(|v| v.borrow().cmp(value)).is_ok()
    }

    /// Whether a value is in the set, found by how each value orders against it (`Less`: the
    /// value comes before the one sought), so that a borrowed form can be sought.
    pub fn contains_by(&self, order: impl FnMut(&T) -> std::cmp::Ordering) -> bool {
        self.0.binary_search_by(order).is_ok()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Adds every value of `other` that `self` lacks, cloning only those: one pass over both.
    pub fn extend_from(&mut self, other: &SortedSet<T>)
    where
        T: Clone,
    {
        if other.0.is_empty() {
            return;
        }
        if self.0.is_empty() {
            self.0.clone_from(&other.0);
            return;
        }
        let missing: Vec<&T> = other.0.iter().filter(|v| self.0.binary_search(v).is_err()).collect();
        if missing.is_empty() {
            return;
        }
        let mut merged = Vec::with_capacity(self.0.len() + missing.len());
        let mut theirs = missing.into_iter().peekable();
        for mine in self.0.drain(..) {
            while let Some(t) = theirs.next_if(|t| **t < mine) {
                merged.push(t.clone());
            }
            merged.push(mine);
        }
        merged.extend(theirs.cloned());
        self.0 = merged;
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut values: Vec<T> = iter.into_iter().collect();
        values.sort_unstable();
        values.dedup();
        SortedSet(values)
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::SortedSet;

    #[test]
    fn keeps_values_sorted_and_distinct() {
        let mut s = SortedSet::default();
        for v in [5, 1, 3, 1, 5] {
            s.insert(v);
        }
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 3, 5]);
        assert!(s.contains(&3) && !s.contains(&2));
        assert!(!s.insert(3));
    }

    #[test]
    fn extend_merges_in_order() {
        let mut a: SortedSet<i64> = [1, 4, 9].into_iter().collect();
        a.extend_from(&[0, 4, 5, 10].into_iter().collect());
        assert_eq!(a.iter().copied().collect::<Vec<_>>(), [0, 1, 4, 5, 9, 10]);
        let mut empty = SortedSet::default();
        empty.extend_from(&a);
        assert_eq!(empty, a);
    }

    #[test]
    fn strings_are_found_by_str() {
        let s: SortedSet<String> = ["b".to_string(), "a".to_string()].into_iter().collect();
        assert!(s.contains("a") && s.contains("b") && !s.contains("c"));
        assert_eq!(s.iter().next().map(String::as_str), Some("a"));
    }
}
