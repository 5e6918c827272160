//! Renamed fields: one field that examples of one object spell two ways
//! (`content_filter_regex` in one response, `black_list_regex` in the same slot of another).
//!
//! A wrong alias is silent data corruption (the value is sent back under another key), so two
//! fields of one object are paired only when every guard holds:
//! - they never appear together in one sample, and no sample or declared schema anywhere in
//!   the API holds both (see `distinct`);
//! - their values are of the same kinds (or one was only ever null);
//! - they stand in the same slot: some key that preceded one also preceded the other (keys
//!   already paired count as one);
//! - their names end in the same word (`_regex`, `_pattern`);
//! - no sibling field names either of them as its value (`"type": "block_id"` beside
//!   `block_id`: a tagged union's variants, not a rename);
//! - where a declared schema describes the object, slot and last word alone are not enough:
//!   another pair must make the same rename (`content_filter_` -> `black_list_` for both
//!   `_regex` and `_pattern`).
//!
//! The manifest can force a pair or forbid one. The field keeps the name the API's prose
//! documents; the other becomes a serde alias.

use super::shape::{FieldShape, Name, ObjectShape, Shape};
use crate::model::Origin;
use foldhash::HashMap;
use std::collections::BTreeMap;

/// A pair found: the name kept and the name that becomes an alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pair {
    pub keep: String,
    pub alias: String,
    /// Why they were paired, for the report.
    pub reason: String,
    /// One sample of each spelling: the two examples that paired them.
    pub evidence: Vec<Origin>,
}

/// Two look-alikes kept apart, and why: reported, so that a reader knows it was considered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    pub a: String,
    pub b: String,
    pub reason: String,
}

/// What besides the object itself tells renamed fields from distinct ones.
pub struct Evidence<'e> {
    /// `[keep, alias]` pairs the manifest forces, whatever the guards say.
    pub forced: &'e [Vec<String>],
    /// Pairs the manifest says are two fields.
    pub forbidden: &'e [Vec<String>],
    /// Whether the prose documents a name (that spelling is kept).
    pub documented: &'e dyn Fn(&str) -> bool,
    /// Why two names are distinct elsewhere in the API, if they are.
    pub distinct: &'e dyn Fn(&str, &str) -> Option<String>,
}

impl Evidence<'_> {
    fn forbids(&self, a: &str, b: &str) -> bool {
        self.forbidden.iter().any(|f| matches!(f.as_slice(), [x, y] if (x == a && y == b) || (x == b && y == a)))
    }
}

/// Finds renamed fields, and the look-alikes the guards kept apart.
pub fn find_pairs(object: &ObjectShape, ev: &Evidence<'_>) -> (Vec<Pair>, Vec<Rejected>) {
    let mut pairs: Vec<Pair> = Vec::new();
    for f in ev.forced {
        if let [keep, alias] = f.as_slice() {
            if object.fields.contains_key(keep.as_str()) && object.fields.contains_key(alias.as_str()) && !paired(&pairs, keep) && !paired(&pairs, alias) {
                let evidence = first_origins(object, keep, alias);
                pairs.push(Pair { keep: keep.clone(), alias: alias.clone(), reason: "paired by the manifest".into(), evidence });
            }
        }
    }
    let mut rejected: Vec<Rejected> = Vec::new();
    // Dropping an uncorroborated pair can take away another's slot, so search again until
    // nothing more is dropped; each round rejects a pair for good, so this ends.
    loop {
        let found = heuristic_pairs(object, ev, &pairs, &mut rejected);
        let dropped: Vec<&Pair> = match object.declared {
            0 => Vec::new(),
            _ => found.iter().filter(|p| !found.iter().any(|q| q != *p && stems(q) == stems(p))).collect(),
        };
        if dropped.is_empty() {
            for p in &found {
                if let Some(q) = found.iter().find(|q| *q != p && stems(q) == stems(p)).filter(|_| object.declared > 0) {
                    let reason = format!("{}; `{}`/`{}` is renamed the same way", p.reason, q.keep, q.alias);
                    pairs.push(Pair { reason, ..p.clone() });
                } else {
                    pairs.push(p.clone());
                }
            }
            return (pairs, rejected);
        }
        let why = "a declared schema describes the object, and no other field of it is renamed the same way";
        rejected.extend(dropped.into_iter().map(|p| Rejected { a: p.keep.clone(), b: p.alias.clone(), reason: why.into() }));
    }
}

/// The pairs the guards allow, beside the `given` ones; look-alikes that fail a guard of
/// evidence (not just of form) are added to `rejected`.
fn heuristic_pairs(object: &ObjectShape, ev: &Evidence<'_>, given: &[Pair], rejected: &mut Vec<Rejected>) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = given.to_vec();
    // The fields by their place in key order, read there: each pair tried looked both up.
    let fields: Vec<(&Name, &FieldShape)> = object.fields.iter().collect();
    let names: Vec<&Name> = fields.iter().map(|f| f.0).collect();
    // Only names that end in the same word can pair: each name's look-alikes, in key order,
    // so that the pairs are tried in the order of all pairs without walking all of them
    // (objects of a hundred fields and more are common in large APIs).
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, n) in names.iter().enumerate() {
        by_word.entry(last_word(n)).or_default().push(i);
    }
    // Pairing one pair can make another's slot match, so repeat until nothing changes.
    loop {
        let before = pairs.len();
        for (i, a) in names.iter().enumerate() {
            for (j, b) in by_word[last_word(a)].iter().filter(|&&j| j > i).map(|&j| (j, &names[j])) {
                if paired(&pairs, a) || paired(&pairs, b) || rejected.iter().any(|r| (r.a == a.as_str() && r.b == b.as_str()) || (r.a == b.as_str() && r.b == a.as_str())) {
                    continue;
                }
                let Some(reason) = guards_hold(object, fields[i], fields[j], &pairs) else { continue };
                if let Some(why) = kept_apart(object, a, b, ev) {
                    rejected.push(Rejected { a: a.to_string(), b: b.to_string(), reason: why });
                    continue;
                }
                let (keep, alias) = match ((ev.documented)(a), (ev.documented)(b)) {
                    (false, true) => (b, a),
                    (true, false) => (a, b),
                    // Neither or both documented: the spelling seen more often wins.
                    _ if fields[j].1.present > fields[i].1.present => (b, a),
                    _ => (a, b),
                };
                let evidence = first_origins(object, keep, alias);
                pairs.push(Pair { keep: keep.to_string(), alias: alias.to_string(), reason, evidence });
            }
        }
        if pairs.len() == before {
            return pairs.split_off(given.len());
        }
    }
}

/// Why two look-alikes that pass the guards of form are still two fields, if they are.
fn kept_apart(object: &ObjectShape, a: &str, b: &str, ev: &Evidence<'_>) -> Option<String> {
    if ev.forbids(a, b) {
        return Some("kept apart by the manifest".into());
    }
    if let Some(why) = (ev.distinct)(a, b) {
        return Some(why);
    }
    let tag = object.fields.iter().find(|(name, f)| {
        *name != a && *name != b && f.shape.string.as_ref().is_some_and(|s| s.values.contains(a) || s.values.contains(b))
    });
    tag.map(|(name, _)| format!("`{name}` names them as its value: variants of a tagged union, not a rename"))
}

/// The parts of two paired names before their shared last word, in order:
/// `content_filter_regex`/`black_list_regex` -> (`black_list_`, `content_filter_`).
fn stems(p: &Pair) -> (&str, &str) {
    let cut = |n: &'_ str| -> usize { n.len() - last_word(n).len() };
    let (x, y) = (&p.keep[..cut(&p.keep)], &p.alias[..cut(&p.alias)]);
    if x <= y {
        (x, y)
    } else {
        (y, x)
    }
}

/// One origin of each of two fields, for the report.
pub fn first_origins(object: &ObjectShape, a: &str, b: &str) -> Vec<Origin> {
    [a, b].iter().filter_map(|n| object.fields.get(*n).and_then(|f| f.shape.origins.first().cloned())).collect()
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

fn guards_hold(object: &ObjectShape, (a, fa): (&Name, &FieldShape), (b, fb): (&Name, &FieldShape), pairs: &[Pair]) -> Option<String> {
    let (a, b) = (a.as_str(), b.as_str());
    if fa.present == 0 || fb.present == 0 {
        return None;
    }
    // The cheap tests first: most pairs of names end in different words, and the kinds are
    // compared before the samples' key sets are searched.
    if last_word(a) != last_word(b) || a == b {
        return None;
    }
    let (ka, kb) = (kinds(&fa.shape), kinds(&fb.shape));
    let none = (false, false, false, false, false);
    if (ka != kb && ka != none && kb != none) || object.together(a, b) {
        return None;
    }
    // The keys before each, as sorted lists (tens of thousands of pairs are tried on large
    // APIs: a tree for each slot was most of the cost); the first shared key is the least.
    let slot = |name: &str| -> Vec<&str> {
        let mut keys: Vec<&str> = object.previous.get(name).map(|s| s.iter().map(|p| canonical(pairs, p.as_str())).collect()).unwrap_or_default();
        keys.sort_unstable();
        keys.dedup();
        keys
    };
    let (sa, sb) = (slot(a), slot(b));
    let first = sa.iter().find(|k| sb.binary_search(k).is_ok())?;
    Some(format!("never together, same kind of value, both after `{first}`, both end in `{}`", last_word(a)))
}

/// Folds each alias field into the field it pairs with.
pub fn apply(object: &mut ObjectShape, pairs: &[Pair]) -> BTreeMap<String, Vec<String>> {
    let mut aliases: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for p in pairs {
        let Some(other) = object.fields.remove(p.alias.as_str()) else { continue };
        let keep = object.fields.entry(Name::from(p.keep.as_str())).or_default();
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
    use crate::model::{Schema, SchemaKind};
    use serde_json::{json, Value};

    fn shape(samples: &[Value]) -> Shape {
        let mut s = Shape::default();
        for (i, v) in samples.iter().enumerate() {
            s.observe(v, &Origin::new("api.json", format!("/{i}")));
        }
        s
    }

    fn object(samples: &[Value]) -> ObjectShape {
        *shape(samples).object.unwrap()
    }

    fn documented(name: &str) -> bool {
        name.starts_with("content_filter")
    }

    fn nothing_else(_: &str, _: &str) -> Option<String> {
        None
    }

    fn plain() -> Evidence<'static> {
        Evidence { forced: &[], forbidden: &[], documented: &|_| false, distinct: &nothing_else }
    }

    fn found(pairs: &[Pair]) -> Vec<(&str, &str)> {
        pairs.iter().map(|p| (p.keep.as_str(), p.alias.as_str())).collect()
    }

    fn reseller_settings() -> Vec<Value> {
        vec![
            json!({"dod": 1, "content_filter_regex": null, "content_filter_pattern": null, "auto": true}),
            json!({"dod": 2, "black_list_regex": "x", "black_list_pattern": "y", "auto": false}),
            json!({"dod": 3, "black_list_regex": null, "black_list_pattern": null, "auto": false}),
        ]
    }

    #[test]
    fn renamed_fields_in_the_same_slot_are_paired_under_the_documented_name() {
        let o = object(&reseller_settings());
        let ev = Evidence { documented: &documented, ..plain() };
        let (pairs, rejected) = find_pairs(&o, &ev);
        assert_eq!(found(&pairs), [("content_filter_regex", "black_list_regex"), ("content_filter_pattern", "black_list_pattern")]);
        assert!(rejected.is_empty(), "{rejected:?}");
        // The report names one example of each spelling.
        assert_eq!(pairs[0].evidence, [Origin::new("api.json", "/0/content_filter_regex"), Origin::new("api.json", "/1/black_list_regex")]);
    }

    #[test]
    fn fields_that_appear_together_are_never_paired() {
        let o = object(&[json!({"a": 1, "x_name": "p", "y_name": "q"}), json!({"a": 2, "x_name": "r"})]);
        assert!(find_pairs(&o, &plain()).0.is_empty());
    }

    #[test]
    fn look_alikes_of_different_kinds_or_slots_are_rejected() {
        // Same slot, never together, same last word, but a number and a string.
        let o = object(&[json!({"a": 1, "plan_amount": 5}), json!({"a": 2, "addon_amount": "5"})]);
        assert!(find_pairs(&o, &plain()).0.is_empty());
        // Same kind and last word, never together, but in different slots.
        let o = object(&[json!({"a": 1, "plan_name": "x"}), json!({"b": 2, "addon_name": "y"})]);
        assert!(find_pairs(&o, &plain()).0.is_empty());
    }

    #[test]
    fn names_held_together_elsewhere_in_the_api_are_never_paired() {
        let o = object(&[
            json!({"login": "octo", "events_url": "e", "hooks_url": "h"}),
            json!({"login": "cat", "events_url": "e", "received_events_url": "r"}),
        ]);
        let elsewhere = |a: &str, b: &str| {
            let pair = [a, b];
            (pair.contains(&"hooks_url") && pair.contains(&"received_events_url")).then(|| "a declared schema defines both".to_string())
        };
        let (pairs, rejected) = find_pairs(&o, &Evidence { distinct: &elsewhere, ..plain() });
        assert!(pairs.is_empty(), "{pairs:?}");
        assert_eq!(rejected[0].reason, "a declared schema defines both");
    }

    #[test]
    fn a_sibling_naming_the_keys_makes_them_variants_not_a_rename() {
        let o = object(&[json!({"type": "database_id", "database_id": "d1"}), json!({"type": "block_id", "block_id": "b1"})]);
        let (pairs, rejected) = find_pairs(&o, &plain());
        assert!(pairs.is_empty(), "{pairs:?}");
        assert!(rejected[0].reason.contains("`type` names them"), "{rejected:?}");
    }

    #[test]
    fn on_a_schema_described_object_a_lone_look_alike_is_not_a_rename() {
        let declared = Schema {
            kind: SchemaKind::Object {
                properties: vec![("login".into(), Schema { kind: SchemaKind::String, ..Default::default() })],
                required: Vec::new(),
                additional: None,
            },
            ..Default::default()
        };
        let mut s = shape(&[
            json!({"login": "octo", "events_url": "e", "hooks_url": "h"}),
            json!({"login": "cat", "events_url": "e", "received_events_url": "r"}),
        ]);
        s.observe_schema(&declared);
        let o = s.object.unwrap();
        let (pairs, rejected) = find_pairs(&o, &plain());
        assert!(pairs.is_empty(), "{pairs:?}");
        assert!(rejected[0].reason.contains("no other field of it is renamed the same way"), "{rejected:?}");
        // Two fields renamed the same way corroborate each other.
        let mut s = shape(&reseller_settings());
        s.observe_schema(&declared);
        let (pairs, _) = find_pairs(&s.object.unwrap(), &plain());
        assert_eq!(pairs.len(), 2, "{pairs:?}");
        assert!(pairs[0].reason.contains("renamed the same way"), "{}", pairs[0].reason);
    }

    #[test]
    fn the_manifest_can_force_or_forbid_a_pair() {
        let o = object(&[json!({"old": 1}), json!({"new": 2})]);
        let forced = [vec!["new".to_string(), "old".to_string()]];
        let (pairs, _) = find_pairs(&o, &Evidence { forced: &forced, ..plain() });
        assert_eq!(found(&pairs), [("new", "old")]);
        let o = object(&reseller_settings());
        let forbidden = [vec!["black_list_pattern".to_string(), "content_filter_pattern".to_string()]];
        let (pairs, rejected) = find_pairs(&o, &Evidence { forbidden: &forbidden, ..plain() });
        assert_eq!(found(&pairs), [("black_list_regex", "content_filter_regex")]);
        assert_eq!(rejected[0].reason, "kept apart by the manifest");
    }
}
