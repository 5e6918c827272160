//! Work of `build` done ahead on the second core: every key set of the API (for the alias
//! guards) and each cluster's renamed fields, pure functions of the evidence that `fill_struct`
//! would otherwise compute one after another on the main thread.

use super::ahead_covers::{Clusters, Known};
use super::aliases::{self, Pair, Rejected};
use super::build::{obj, Role, Root};
use super::covers::covers_object;
use super::distinct::KeySets;
use super::map_keys::is_map;
use super::shape::{ObjectShape, Shape};
use crate::overrides::Lookup;
use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::OnceLock;

/// A cluster's renamed fields and the look-alikes kept apart, as `aliases::find_pairs` finds them.
pub(super) type Found = (Vec<Pair>, Vec<Rejected>);

/// What the alias guards read, shared by both threads: the key sets are built once, by
/// whichever thread asks first (the other waits for them).
#[derive(Clone, Copy)]
pub(super) struct AliasInputs<'a> {
    pub(super) overrides: &'a Lookup<'a>,
    pub(super) prose: &'a str,
    pub(super) roots: &'a [Root],
    pub(super) components: &'a BTreeMap<String, Shape>,
}

impl<'a> AliasInputs<'a> {
    pub(super) fn key_sets<'k>(&self, cell: &'k OnceLock<KeySets<'a>>) -> &'k KeySets<'a> {
        cell.get_or_init(|| KeySets::new(self.roots, self.components))
    }

    /// The renamed fields of an object.
    pub(super) fn find_pairs(&self, object: &ObjectShape, key_sets: &OnceLock<KeySets<'a>>) -> Found {
        let distinct = |a: &str, b: &str| self.key_sets(key_sets).distinct(a, b);
        let evidence = aliases::Evidence {
            forced: self.overrides.aliases(),
            forbidden: self.overrides.not_aliases(),
            documented: &|name: &str| self.prose.contains(name),
            distinct: &distinct,
        };
        aliases::find_pairs(object, &evidence)
    }
}

/// What a message of the other thread is for: a cluster's fields, or a body.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum At {
    Cluster(usize),
    Root(usize),
}

/// On the second core: the key sets, then, once the clusters come, each cluster's pairs and
/// the answers its typing will look for, then each body's answers, in order, sent as they are
/// found. Stops when either other end is gone.
pub(super) fn find_all_pairs<'a>(inputs: AliasInputs<'a>, key_sets: &OnceLock<KeySets<'a>>, clusters: Receiver<Clusters<'a>>, to: Sender<(At, Found, Known)>) {
    inputs.key_sets(key_sets);
    let Ok(clusters) = clusters.recv() else { return };
    // The objects the typing will make clusters of, by role and name, in the order it will
    // (near enough: a difference only costs the typing a search of its own).
    let mut made: BTreeMap<(Role, String), Vec<ObjectShape>> = BTreeMap::new();
    let mut pairs_of = |object: &ObjectShape, hint: &str, role: Role| {
        if is_map(object, hint, inputs.overrides) {
            return None;
        }
        let earlier = made.entry((role, hint.to_string())).or_default();
        if earlier.iter().any(|whole| covers_object(whole, object, role)) {
            return None;
        }
        // A copy shares the object's parts: a count for each field.
        earlier.push(object.clone());
        Some(inputs.find_pairs(object, key_sets))
    };
    for (i, (_, _, shape)) in clusters.clusters.iter().enumerate() {
        let found = obj(shape).map(|whole| inputs.find_pairs(whole, key_sets)).unwrap_or_default();
        if to.send((At::Cluster(i), found, clusters.of_cluster(i, &mut pairs_of))).is_err() {
            return;
        }
    }
    for (r, root) in inputs.roots.iter().enumerate() {
        if to.send((At::Root(r), Found::default(), clusters.of_root(root, &mut pairs_of))).is_err() {
            return;
        }
    }
}

/// The receiving end: what was found for clusters `0..count`, in order, then for the bodies.
pub(super) struct Ahead {
    pub(super) count: usize,
    pub(super) from: Receiver<(At, Found, Known)>,
}

/// What the other thread found for a cluster or a body, if it did. The first clusters are
/// filled in order (those made later are not sent), then the bodies are typed in order; any
/// mismatch, or a thread that stopped, means all is found here from then on.
pub(super) fn take(ahead: &mut Option<Ahead>, at: At) -> Option<(Found, Known)> {
    let from = ahead.as_ref().filter(|a| !matches!(at, At::Cluster(i) if i >= a.count))?;
    let got = from.from.recv().ok().filter(|(sent, _, _)| *sent == at).map(|(_, found, known)| (found, known));
    if got.is_none() {
        *ahead = None;
    }
    got
}
