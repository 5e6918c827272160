//! A set kept as a sorted `Vec`: the small sets of a [`super::Shape`] in a fraction of the room.
//!
//! A `BTreeSet` allocates a node of 11 slots for its first element (280 bytes for a set of one
//! `String`), and most sets of a shape hold one to three values: the integers and strings seen at
//! a place, the key that preceded a field, the key sets of the samples. For GitHub's description
//! those nodes were the largest part of the peak of memory. A sorted `Vec` iterates in the same
//! order, so whatever reads the sets reads the same.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

/// Compares, orders, hashes and prints as the slice of its values.
#[derive(Clone)]
pub struct SortedSet<T>(Values<T>);

/// A set of one value holds it inline: most sets of a shape hold one (the key before a field,
/// the one string or key set seen at a place), and a `Vec` allocated a block for it at every
/// place observed, again at every copy of a shape, and freed it with each.
#[derive(Clone)]
enum Values<T> {
    One(T),
    /// None, or two and more (never one, so that each set has one form).
    Few(Vec<T>),
}

impl<T> Default for SortedSet<T> {
    fn default() -> Self {
        SortedSet::new()
    }
}

impl<T> SortedSet<T> {
    /// An empty set, in a `static` where a shape has none.
    pub const fn new() -> Self {
        SortedSet(Values::Few(Vec::new()))
    }

    /// The set of `value` alone.
    pub fn one(value: T) -> Self {
        SortedSet(Values::One(value))
    }

    fn as_slice(&self) -> &[T] {
        match &self.0 {
            Values::One(one) => std::slice::from_ref(one),
            Values::Few(few) => few,
        }
    }

    fn from_sorted(mut values: Vec<T>) -> Self {
        match (values.len(), values.pop()) {
            (1, Some(one)) => SortedSet(Values::One(one)),
            (_, last) => {
                values.extend(last);
                SortedSet(Values::Few(values))
            }
        }
    }

    fn into_vec(self) -> Vec<T> {
        match self.0 {
            Values::One(one) => vec![one],
            Values::Few(few) => few,
        }
    }
}

impl<T: Ord> SortedSet<T> {
    /// Adds `value`; false when it was there already.
    pub fn insert(&mut self, value: T) -> bool {
        match &mut self.0 {
            Values::Few(few) if few.is_empty() => {
                self.0 = Values::One(value);
                true
            }
            Values::Few(few) => match few.binary_search(&value) {
                Ok(_) => false,
                Err(i) => {
                    // Most sets stay at one or two values: room for one more, not for four.
                    few.reserve_exact(1);
                    few.insert(i, value);
                    true
                }
            },
            Values::One(one) => {
                let order = value.cmp(one);
                if order == Ordering::Equal {
                    return false;
                }
                if let Values::One(one) = std::mem::replace(&mut self.0, Values::Few(Vec::new())) {
                    let both = match order {
                        Ordering::Less => [value, one],
                        _ => [one, value],
                    };
                    self.0 = Values::Few(Vec::from(both));
                }
                true
            }
        }
    }

    pub fn contains<Q: Ord + ?Sized>(&self, value: &Q) -> bool
    where
        T: Borrow<Q>,
    {
        self.as_slice().binary_search_by(|v| v.borrow().cmp(value)).is_ok()
    }

    /// Whether a value is in the set, found by how each value orders against it (`Less`: the
    /// value comes before the one sought), so that a borrowed form can be sought.
    pub fn contains_by(&self, order: impl FnMut(&T) -> std::cmp::Ordering) -> bool {
        self.as_slice().binary_search_by(order).is_ok()
    }

    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    pub fn clear(&mut self) {
        self.0 = Values::Few(Vec::new());
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// Adds every value of `other` that `self` lacks, cloning only those: one pass over both.
    pub fn extend_from(&mut self, other: &SortedSet<T>)
    where
        T: Clone,
    {
        if other.is_empty() {
            return;
        }
        if self.is_empty() {
            self.clone_from(other);
            return;
        }
        let mine = self.as_slice();
        let missing: Vec<&T> = other.iter().filter(|v| mine.binary_search(v).is_err()).collect();
        if missing.is_empty() {
            return;
        }
        let mut merged = Vec::with_capacity(mine.len() + missing.len());
        let mut theirs = missing.into_iter().peekable();
        for mine in std::mem::take(self).into_vec() {
            while let Some(t) = theirs.next_if(|t| **t < mine) {
                merged.push(t.clone());
            }
            merged.push(mine);
        }
        merged.extend(theirs.cloned());
        *self = SortedSet::from_sorted(merged);
    }
}

impl<T: Ord> FromIterator<T> for SortedSet<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut values: Vec<T> = iter.into_iter().collect();
        values.sort_unstable();
        values.dedup();
        SortedSet::from_sorted(values)
    }
}

impl<'a, T> IntoIterator for &'a SortedSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.as_slice().iter()
    }
}

impl<T: PartialEq> PartialEq for SortedSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl<T: Eq> Eq for SortedSet<T> {}

impl<T: PartialOrd> PartialOrd for SortedSet<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        self.as_slice().partial_cmp(other.as_slice())
    }
}

impl<T: Ord> Ord for SortedSet<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_slice().cmp(other.as_slice())
    }
}

impl<T: Hash> Hash for SortedSet<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_slice().hash(state)
    }
}

impl<T: fmt::Debug> fmt::Debug for SortedSet<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SortedSet").field(&self.as_slice()).finish()
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
        // One value held inline meets sets of one and of more, in either order.
        let mut one: SortedSet<i64> = [7].into_iter().collect();
        one.extend_from(&[7].into_iter().collect());
        assert_eq!(one.iter().copied().collect::<Vec<_>>(), [7]);
        one.extend_from(&[3, 9].into_iter().collect());
        assert_eq!(one.iter().copied().collect::<Vec<_>>(), [3, 7, 9]);
        let mut two: SortedSet<i64> = SortedSet::default();
        assert!(two.insert(5) && two.insert(2) && !two.insert(5));
        assert_eq!(two, [2, 5].into_iter().collect());
        two.clear();
        assert!(two.is_empty() && two.insert(1) && two.len() == 1);
    }

    #[test]
    fn strings_are_found_by_str() {
        let s: SortedSet<String> = ["b".to_string(), "a".to_string()].into_iter().collect();
        assert!(s.contains("a") && s.contains("b") && !s.contains("c"));
        assert_eq!(s.iter().next().map(String::as_str), Some("a"));
    }
}
