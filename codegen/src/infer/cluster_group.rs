//! The grouping of the clustering: the objects gathered from every body, in a canonical
//! order, grouped by the name their position suggests and by the keys they share. The
//! groups of different names never meet, so the sorted run is cut into parts that both
//! threads take in turn.

use super::build::{obj, Candidate, Role};
use super::cluster::{key_similarity, Object, SAME_OBJECT};
use super::covers::same_required;
use super::shape::ObjectShape;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// (role, hint) -> indexes of the objects found there.
pub(super) type Groups = BTreeMap<(Role, String), Vec<usize>>;

/// The candidates of each (role, hint) grouped by the keys they share, with the named schemas
/// each group holds.
pub(super) fn group<'a>(candidates: Vec<Candidate<'a>>) -> (Vec<Object<'a>>, Groups, Vec<Vec<String>>) {
    // A canonical order makes the clusters independent of the order of the samples.
    // The key is built once per candidate, not once per comparison, and borrows its names;
    // equal keys keep their order.
    let order: Vec<usize> = {
        let keys: Vec<_> = candidates
            .iter()
            .map(|c| {
                let names: Vec<&str> = obj(&c.3).map(|o| o.fields.keys().map(|k| k.as_str()).collect()).unwrap_or_default();
                (c.0, c.1.as_str(), std::cmp::Reverse(names.len()), names, c.2.as_str(), c.4.as_deref())
            })
            .collect();
        let mut order: Vec<usize> = (0..candidates.len()).collect();
        order.sort_unstable_by(|&a, &b| keys[a].cmp(&keys[b]).then(a.cmp(&b)));
        order
    };
    let mut slots: Vec<Option<Candidate<'a>>> = candidates.into_iter().map(Some).collect();
    let sorted: Vec<Candidate<'a>> = order.into_iter().filter_map(|i| slots[i].take()).collect();
    // Objects of different (role, hint) never meet: the sorted run is cut between two of them
    // into parts of about equal work, which both threads take in turn (the work of a part is
    // hard to foresee: with halves, one thread waited a fifth of the time). The parts'
    // results are joined in order, each part's indexes following those before it, as one
    // pass would number them.
    let parts: Vec<Mutex<Vec<Candidate<'a>>>> = cut(sorted, PARTS).into_iter().map(Mutex::new).collect();
    let take = |at: usize| group_sorted(std::mem::take(&mut *parts[at].lock().unwrap_or_else(|e| e.into_inner())));
    // A panic there is a bug here (the work is pure): raised again as if it were on this thread.
    let done = crate::both::in_turns("group", parts.len(), take).unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    let mut out: (Vec<Object<'a>>, Groups, Vec<Vec<String>>) = Default::default();
    for (pending, group_of, named) in done {
        let offset = out.0.len();
        out.0.extend(pending);
        out.1.extend(group_of.into_iter().map(|(key, members)| (key, members.into_iter().map(|i| i + offset).collect())));
        out.2.extend(named);
    }
    out
}

/// How many parts `group` cuts the candidates into: enough for the two threads to end
/// together, few enough that each is worth a turn.
const PARTS: usize = 32;

/// The sorted candidates cut at the starts of (role, hint)s into about `parts` parts of
/// about equal work, counted as the fields of each candidate's object (the unions walk them).
fn cut(sorted: Vec<Candidate<'_>>, parts: usize) -> Vec<Vec<Candidate<'_>>> {
    let weight = |c: &Candidate<'_>| 1 + obj(&c.3).map_or(0, |o| o.fields.len());
    let total: usize = sorted.iter().map(weight).sum();
    let mut out: Vec<Vec<Candidate<'_>>> = vec![Vec::new()];
    let mut before = 0;
    for c in sorted {
        let starts_group = out.last().and_then(|p| p.last()).is_none_or(|l| (l.0, &l.1) != (c.0, &c.1));
        // Part `n` (counting from 1) ends once `n / parts` of the work is before it.
        if starts_group && before * parts >= out.len() * total && out.last().is_some_and(|p| !p.is_empty()) {
            out.push(Vec::new());
        }
        before += weight(&c);
        if let Some(part) = out.last_mut() {
            part.push(c);
        }
    }
    out
}

/// `group` for candidates in canonical order.
fn group_sorted(candidates: Vec<Candidate<'_>>) -> (Vec<Object<'_>>, Groups, Vec<Vec<String>>) {
    let mut pending: Vec<Object<'_>> = Vec::new();
    let mut group_of: Groups = BTreeMap::new();
    // The named schemas each pending object holds.
    let mut named: Vec<Vec<String>> = Vec::new();
    for (role, hint, parent, shape, component) in candidates {
        let group = group_of.entry((role, hint.clone())).or_default();
        let empty = ObjectShape::default();
        let object = obj(&shape).unwrap_or(&empty);
        // Two schemas are one type only where they agree on what is required.
        let fits = |i: &usize| key_similarity(object, obj(&pending[*i].3).unwrap_or(&empty)) >= SAME_OBJECT && same_required(&shape, &pending[*i].3);
        match group.iter().copied().find(fits) {
            Some(i) => {
                pending[i].2.insert(parent);
                pending[i].3.to_mut().union(&shape);
                named[i].extend(component);
            }
            None => {
                group.push(pending.len());
                pending.push((role, hint, BTreeSet::from([parent]), shape));
                named.push(component.into_iter().collect());
            }
        }
    }
    (pending, group_of, named)
}
