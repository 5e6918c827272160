//! Renamed fields: one field that examples of one object spell two ways
//! (`content_filter_regex` in one response, `black_list_regex` in the same slot of another).
//!
//! Two fields of one object are paired only when every guard holds, so look-alikes stay apart:
//! - they never appear together in one sample;
//! - their values are of the same kinds (or one was only ever null);
//! - they stand in the same slot: some key that preceded one also preceded the other (keys
//!   already paired count as one);
//! - their names end in the same word (`_regex`, `_pattern`).
//!
//! The field keeps the name the API's prose documents; the other becomes a serde alias.

use super::shape::{FieldShape, ObjectShape, Shape};
use std::collections::{BTreeMap, BTreeSet};

/// A pair found: the name kept and the name that becomes an alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub keep: String,
    pub alias: String,
    /// Why they were paired, for the report.
    pub reason: String,
}

/// Finds renamed fields. `forced` pairs come from the manifest; `documented` tells which
/// spelling the prose uses.
pub fn find_pairs(object: &ObjectShape, forced: &[Vec<String>], documented: &dyn Fn(&str) -> bool) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    for f in forced {
        if let [keep, alias] = f.as_slice() {
            if object.fields.contains_key(keep) && object.fields.contains_key(alias) {
                pairs.push(Pair { keep: keep.clone(), alias: alias.clone(), reason: "paired by the manifest".into() });
            }
        }
    }
    // Pairing one pair can make another's slot match, so repeat until nothing changes.
    loop {
        let before = pairs.len();
        let names: Vec<&String> = object.fields.keys().collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                if paired(&pairs, a) || paired(&pairs, b) {
                    continue;
                }
                if let Some(reason) = guards_hold(object, a, b, &pairs) {
                    let (keep, alias) = match (documented(a), documented(b)) {
                        (false, true) => (b, a),
                        (true, false) => (a, b),
                        // Neither or both documented: the spelling seen more often wins.
                        _ if object.fields[*b].present > object.fields[*a].present => (b, a),
                        _ => (a, b),
                    };
                    pairs.push(Pair { keep: (*keep).clone(), alias: (*alias).clone(), reason });
                }
            }
        }
        if pairs.len() == before {
            return pairs;
        }
    }
}

fn paired(pairs: &[Pair], name: &str) -> bool {
    pairs.iter().any(|p| p.keep == name || p.alias == name)
}

fn canonical<'a>(pairs: &'a [Pair], name: &'a str) -> &'a str {
    pairs.iter().find(|p| p.alias == name).map_or(name, |p| p.keep.as_str())
}

fn last_word(name: &str) -> &str {
    name.rsplit(['_', '-', '.']).next().unwrap_or(name)
}

fn kinds(shape: &Shape) -> (bool, bool, bool, bool, bool) {
    (shape.bool > 0, shape.int + shape.float > 0, shape.string.is_some(), shape.array.is_some(), shape.object.is_some())
}

fn guards_hold(object: &ObjectShape, a: &str, b: &str, pairs: &[Pair]) -> Option<String> {
    let (fa, fb): (&FieldShape, &FieldShape) = (&object.fields[a], &object.fields[b]);
    if fa.present == 0 || fb.present == 0 {
        return None;
    }
    // The cheap test first: most pairs of names end in different words.
    if last_word(a) != last_word(b) || a == b || object.together(a, b) {
        return None;
    }
    let (ka, kb) = (kinds(&fa.shape), kinds(&fb.shape));
    let none = (false, false, false, false, false);
    if ka != kb && ka != none && kb != none {
        return None;
    }
    let slot = |name: &str| -> BTreeSet<String> {
        object.previous.get(name).map(|s| s.iter().map(|p| canonical(pairs, p).to_string()).collect()).unwrap_or_default()
    };
    let (sa, sb) = (slot(a), slot(b));
    let shared: Vec<&String> = sa.intersection(&sb).collect();
    let first = shared.first()?;
    Some(format!("never together, same kind of value, both after `{first}`, both end in `{}`", last_word(a)))
}

/// Folds each alias field into the field it pairs with.
pub fn apply(object: &mut ObjectShape, pairs: &[Pair]) -> BTreeMap<String, Vec<String>> {
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in pairs {
        let Some(other) = object.fields.remove(&p.alias) else { continue };
        let keep = object.fields.entry(p.keep.clone()).or_default();
        keep.present += other.present;
        keep.declared_required |= other.declared_required;
        keep.shape.union(&other.shape);
        aliases.entry(p.keep.clone()).or_default().push(p.alias.clone());
        object.declared_order.retain(|n| n != &p.alias);
    }
    aliases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;
    use serde_json::{json, Value};

    fn object(samples: &[Value]) -> ObjectShape {
        let mut s = Shape::default();
        for v in samples {
            s.observe(v, &Origin::default());
        }
        *s.object.unwrap()
    }

    fn documented(name: &str) -> bool {
        name.starts_with("content_filter")
    }

    #[test]
    fn renamed_fields_in_the_same_slot_are_paired_under_the_documented_name() {
        let o = object(&[
            json!({"dod": 1, "content_filter_regex": null, "content_filter_pattern": null, "auto": true}),
            json!({"dod": 2, "black_list_regex": "x", "black_list_pattern": "y", "auto": false}),
            json!({"dod": 3, "black_list_regex": null, "black_list_pattern": null, "auto": false}),
        ]);
        let pairs = find_pairs(&o, &[], &documented);
        let found: Vec<(&str, &str)> = pairs.iter().map(|p| (p.keep.as_str(), p.alias.as_str())).collect();
        assert_eq!(found, [("content_filter_regex", "black_list_regex"), ("content_filter_pattern", "black_list_pattern")]);
    }

    #[test]
    fn fields_that_appear_together_are_never_paired() {
        let o = object(&[json!({"a": 1, "x_name": "p", "y_name": "q"}), json!({"a": 2, "x_name": "r"})]);
        assert!(find_pairs(&o, &[], &|_| false).is_empty());
    }

    #[test]
    fn look_alikes_of_different_kinds_or_slots_are_rejected() {
        // Same slot, never together, same last word, but a number and a string.
        let o = object(&[json!({"a": 1, "plan_amount": 5}), json!({"a": 2, "addon_amount": "5"})]);
        assert!(find_pairs(&o, &[], &|_| false).is_empty());
        // Same kind and last word, never together, but in different slots.
        let o = object(&[json!({"a": 1, "plan_name": "x"}), json!({"b": 2, "addon_name": "y"})]);
        assert!(find_pairs(&o, &[], &|_| false).is_empty());
    }

    #[test]
    fn the_manifest_can_force_a_pair() {
        let o = object(&[json!({"old": 1}), json!({"new": 2})]);
        let pairs = find_pairs(&o, &[vec!["new".into(), "old".into()]], &|_| false);
        assert_eq!(pairs[0].keep, "new");
        assert_eq!(pairs[0].alias, "old");
    }
}
