//! The pairs `merge_alike` compares, made cheap: the objects are thousands, so their pairs
//! are millions. [`Gate`] packs what the cheap tests read, [`Seen`] hands each object only
//! the earlier objects that can pass those tests, and [`KeyIds`] counts shared field names on
//! integers.

use super::build::{obj, Role};
use super::cluster::Object;
use foldhash::HashMap;
use std::collections::BTreeSet;

/// What the cheap tests of a pair of objects read, in one place: its field count, role,
/// whether it can still be merged (not merged away, not a request body of its own), and
/// whether it names its own type.
#[derive(Clone, Copy)]
pub(super) struct Gate {
    pub(super) count: usize,
    pub(super) role: Role,
    pub(super) open: bool,
    pub(super) declared: bool,
}

/// Each object's field names as numbers (one per name), sorted, so that the names two
/// objects share are counted comparing integers, not strings: the pairs of objects compared
/// are quadratic in number (over a hundred thousand for GitHub's description).
pub(super) struct KeyIds(Vec<Vec<u32>>);

impl KeyIds {
    pub(super) fn of(objects: &[Object<'_>]) -> KeyIds {
        fn names<'o>(o: &'o Object<'_>) -> impl Iterator<Item = &'o str> {
            obj(&o.3).into_iter().flat_map(|o| o.fields.keys().map(|k| k.as_str()))
        }
        // Numbered as first met (a hash look-up each, where sorting every name of every
        // object compared strings), then each object's numbers sorted.
        let mut ids: HashMap<&str, u32> = HashMap::default();
        let mut out = Vec::with_capacity(objects.len());
        for o in objects {
            let mut own: Vec<u32> = names(o)
                .map(|n| {
                    let next = ids.len() as u32;
                    *ids.entry(n).or_insert(next)
                })
                .collect();
            own.sort_unstable();
            out.push(own);
        }
        KeyIds(out)
    }

    /// How many names objects `i` and `j` share, walking their sorted ids together.
    pub(super) fn shared(&self, i: usize, j: usize) -> usize {
        let (a, b) = (&self.0[i], &self.0[j]);
        let (mut x, mut y, mut shared) = (0, 0, 0);
        while x < a.len() && y < b.len() {
            match a[x].cmp(&b[y]) {
                std::cmp::Ordering::Less => x += 1,
                std::cmp::Ordering::Greater => y += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    x += 1;
                    y += 1;
                }
            }
        }
        shared
    }

    /// The share of the smaller object's names that the other has too (1 when either has none),
    /// as `key_similarity` counts it.
    pub(super) fn similarity(&self, i: usize, j: usize) -> f64 {
        let (a, b) = (self.0[i].len(), self.0[j].len());
        if a == 0 || b == 0 {
            return 1.0;
        }
        self.shared(i, j) as f64 / a.min(b) as f64
    }

    /// Object `i` now holds the names of `j` too.
    pub(super) fn absorb(&mut self, i: usize, j: usize) {
        let mut union: Vec<u32> = self.0[i].iter().chain(&self.0[j]).copied().collect();
        union.sort_unstable();
        union.dedup();
        self.0[i] = union;
    }
}

/// The open objects already passed, by role: by field count, and those that name their own
/// type. An object whose type name is not its own can only match one whose field count is
/// within three quarters of its own, or one that names its type; the others are never tried.
#[derive(Default)]
pub(super) struct Seen {
    by_count: BTreeSet<(Role, usize, usize)>,
    declared: BTreeSet<(Role, usize)>,
}

impl Seen {
    pub(super) fn insert(&mut self, i: usize, g: Gate) {
        self.by_count.insert((g.role, g.count, i));
        if g.declared {
            self.declared.insert((g.role, i));
        }
    }

    pub(super) fn remove(&mut self, i: usize, g: Gate) {
        self.by_count.remove(&(g.role, g.count, i));
        self.declared.remove(&(g.role, i));
    }

    /// In ascending order, every earlier open object that may pass the cheap tests with an
    /// object of this gate that does not name its own type (and maybe a few that do not).
    pub(super) fn candidates(&self, g: Gate) -> Vec<usize> {
        let mut out: Vec<usize> = self.declared.range((g.role, 0)..=(g.role, usize::MAX)).map(|&(_, i)| i).collect();
        if g.count >= 3 {
            let (lo, hi) = ((3 * g.count).div_ceil(4).max(3), 4 * g.count / 3);
            out.extend(self.by_count.range((g.role, lo, 0)..=(g.role, hi, usize::MAX)).map(|&(_, _, i)| i));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}
