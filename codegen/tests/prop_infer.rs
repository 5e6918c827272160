//! Property tests of inference, on random JSON samples (issue 9):
//!
//! - the inferred type accepts every sample and gives it back unchanged (the round-trip law
//!   that `tests/tests/round_trip.rs` checks on the bundled examples, here on random data);
//! - the inferred type does not depend on the order of the samples;
//! - two runs give the same types and the same names.
//!
//! Nothing is compiled: [`codec`] walks a sample against the type arena the way the emitted
//! serde code decodes and re-encodes it (struct fields required or optional, nullable,
//! aliased, lenient, the `extra` map for unknown keys; untagged unions tried in order; maps,
//! lists, open and closed enums), so thousands of cases run in a second or two.
//!
//! `PROPTEST_CASES=N` runs more cases than the default (which keeps the suite fast).

use codegen::infer::{build, Built, Role, Root, Shape};
use codegen::manifest::Overrides;
use codegen::overrides::Lookup;
use codegen::model::{Origin, Ty, TypeKind, Types};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::Value;
use std::collections::BTreeMap;

mod prop_support;

use prop_support::{codec, json_samples as samples, promised, same};

// ---------------------------------------------------------------------------------------------
// Inference on a set of samples.
// ---------------------------------------------------------------------------------------------

/// Each sample keeps its own origin wherever it goes, so a permutation moves evidence, not
/// labels.
fn infer(samples: &[(usize, Value)], role: Role) -> Built {
    let mut shape = Shape::default();
    for (i, v) in samples {
        shape.observe(v, &Origin::new("samples.json", format!("/{i}")));
    }
    let root = Root { hint: "Body".into(), role, shape, prose: Vec::new() };
    build(&[root], &BTreeMap::new(), &Lookup::new(&Overrides::default()), "", &Default::default())
}

/// The parts of a build that must not depend on sample order: every type's name and
/// structure, the root's type and the decisions, without the origins (which list the first
/// few samples seen, in the order they were seen).
fn order_free(built: &Built) -> (Types, Vec<Option<Ty>>, Vec<String>) {
    let mut types = built.types.clone();
    for def in &mut types.defs {
        def.origins.clear();
        if let TypeKind::Struct(fields) = &mut def.kind {
            for f in fields {
                f.origins.clear();
            }
        }
    }
    let mut decisions: Vec<String> = built.decisions.iter().map(|d| format!("{:?} {} {}", d.kind, d.subject, d.detail)).collect();
    decisions.sort();
    (types, built.roots.clone(), decisions)
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Response), Just(Role::Request)]
}

/// A fixed seed keeps CI repeatable; `PROPTEST_RNG_SEED=N` and `PROPTEST_CASES=N` explore more.
fn config() -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok());
    let cases = env("PROPTEST_CASES").map_or(128, |n| n as u32);
    let seed = env("PROPTEST_RNG_SEED").unwrap_or(9);
    Config { cases, max_shrink_iters: 2048, rng_seed: RngSeed::Fixed(seed), ..Config::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_inferred_type_accepts_every_sample_and_gives_it_back(samples in samples(), role in role()) {
        let built = infer(&samples, role);
        let ty = built.roots[0].clone().unwrap_or(Ty::Json);
        for (i, sample) in &samples {
            let out = codec(&built.types, &ty, sample);
            prop_assert!(out.is_ok(), "sample {i} rejected: {:?}\nsample: {sample}\ntypes: {:#?}", out, built.types);
            let (out, want) = (out.unwrap_or_default(), promised(&built.types, &ty, sample));
            prop_assert!(same(&out, &want), "sample {i} changed\n  in:  {sample}\n  out: {out}\n  want: {want}\ntypes: {:#?}", built.types);
        }
    }

    #[test]
    fn the_inferred_type_does_not_depend_on_sample_order(
        (samples, shuffled) in samples().prop_flat_map(|s| (Just(s.clone()), Just(s).prop_shuffle())),
        role in role(),
    ) {
        let (a, b) = (order_free(&infer(&samples, role)), order_free(&infer(&shuffled, role)));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn two_runs_give_the_same_types_and_names(samples in samples(), role in role()) {
        let (a, b) = (infer(&samples, role), infer(&samples, role));
        prop_assert_eq!(&a.types, &b.types);
        prop_assert_eq!(&a.roots, &b.roots);
        prop_assert_eq!(&a.decisions, &b.decisions);
    }
}

/// The checker itself must say no where serde says no; otherwise the laws above prove nothing.
#[test]
fn the_checker_rejects_what_serde_rejects() {
    let built = infer(&[(0, serde_json::json!({"id": 1, "name": "x", "tags": ["a"]}))], Role::Response);
    let ty = built.roots[0].clone().unwrap_or(Ty::Json);
    let types = &built.types;
    assert!(codec(types, &ty, &serde_json::json!({"id": 1, "name": "x", "tags": ["a"], "new": true})).is_ok());
    assert!(codec(types, &ty, &serde_json::json!({"id": "1", "name": "x", "tags": []})).is_err(), "a string id");
    assert!(codec(types, &ty, &serde_json::json!({"name": "x", "tags": []})).is_err(), "a missing required field");
    assert!(codec(types, &ty, &serde_json::json!({"id": 1.5, "name": "x", "tags": []})).is_err(), "a fraction in an i64");
    assert!(codec(types, &ty, &serde_json::json!({"id": 1, "name": null, "tags": []})).is_err(), "null where no null was seen");
    assert!(codec(types, &ty, &serde_json::json!([1])).is_err(), "a list for a struct");
}

// ---------------------------------------------------------------------------------------------
// Regressions: the smallest failing inputs the properties found, kept as plain tests.
// ---------------------------------------------------------------------------------------------

/// Found by `the_inferred_type_accepts_every_sample_and_gives_it_back`: `9223372036854775808`
/// (i64::MAX + 1) was typed `i64`, which rejects it. Such integers are read as `f64` now.
#[test]
fn an_integer_beyond_i64_is_accepted() {
    let samples = [(0, serde_json::json!({"id": 9223372036854775808u64})), (1, serde_json::json!({"id": 1}))];
    let built = infer(&samples, Role::Response);
    let ty = built.roots[0].clone().unwrap_or(Ty::Json);
    for (_, s) in &samples {
        let out = codec(&built.types, &ty, s).unwrap();
        assert!(same(&out, s), "{out} != {s}");
    }
}

/// Found by `the_inferred_type_accepts_every_sample_and_gives_it_back`: `[false, null]` was a
/// `Vec<bool>`, and a list holding only nulls was typed by its name as a list of structs;
/// neither accepts the null. A list item, map value or body that was null somewhere and is no
/// struct field (which could be `Option`) is untyped now.
#[test]
fn nulls_in_lists_map_values_and_bodies_are_accepted() {
    let cases: [&[Value]; 4] = [
        &[serde_json::json!({"id": [false, null]})],
        &[serde_json::json!({"content_filter_regex": {}}), serde_json::json!({"content_filter_regex": [null]})],
        &[serde_json::json!({"a@b.co": 1, "c@d.co": null})],
        &[serde_json::json!({"id": 1}), Value::Null],
    ];
    for samples in cases {
        let samples: Vec<(usize, Value)> = samples.iter().cloned().enumerate().collect();
        for role in [Role::Response, Role::Request] {
            let built = infer(&samples, role);
            let ty = built.roots[0].clone().unwrap_or(Ty::Json);
            for (_, s) in &samples {
                let out = codec(&built.types, &ty, s).unwrap_or_else(|e| panic!("{s} rejected: {e}"));
                assert!(same(&out, s), "{out} != {s}");
            }
        }
    }
}

/// Found by `the_inferred_type_accepts_every_sample_and_gives_it_back` (seed 2): two `c`
/// objects were one type whose `name` took the first `Name` type that shared a key, though
/// the `name` of one `c` never had that type's required `email`. A field's type is now a
/// cluster that accepts every value seen there, or a new one.
#[test]
fn a_field_gets_a_type_that_accepts_all_its_values() {
    let samples = [
        (0, serde_json::json!({"id": {"c": {"name": {"email": null}}}})),
        (1, serde_json::json!({"c": {"name": {"id": null}}})),
    ];
    let built = infer(&samples, Role::Response);
    let ty = built.roots[0].clone().unwrap_or(Ty::Json);
    for (_, s) in &samples {
        let out = codec(&built.types, &ty, s).unwrap_or_else(|e| panic!("{s} rejected: {e}"));
        assert!(same(&out, s), "{out} != {s}");
    }
}
