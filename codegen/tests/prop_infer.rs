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
use codegen::model::{Field, Origin, Ty, TypeKind, Types};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde_json::{Map, Number, Value};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// What the emitted serde code does with a JSON value.
// ---------------------------------------------------------------------------------------------

/// Decodes `v` as `ty` and encodes it back, as the generated crate would; `Err` when the
/// generated type would reject the value.
fn codec(types: &Types, ty: &Ty, v: &Value) -> Result<Value, String> {
    match ty {
        Ty::Bool if v.is_boolean() => Ok(v.clone()),
        Ty::Integer => match v.as_i64() {
            Some(i) if v.is_i64() || v.is_u64() => Ok(Value::from(i)),
            _ => Err(format!("not an i64: {v}")),
        },
        // serde_json reads any JSON number into f64 and writes it back as a float.
        Ty::Float => match v {
            Value::Number(n) => n.as_f64().and_then(Number::from_f64).map(Value::Number).ok_or_else(|| format!("not an f64: {v}")),
            _ => Err(format!("not a number: {v}")),
        },
        Ty::String | Ty::DateTime if v.is_string() => Ok(v.clone()),
        Ty::Json => Ok(v.clone()),
        Ty::List(item) => match v {
            Value::Array(items) => items.iter().map(|i| codec(types, item, i)).collect::<Result<Vec<_>, _>>().map(Value::Array),
            _ => Err(format!("not a list: {v}")),
        },
        Ty::Map(value) => match v {
            Value::Object(map) => map
                .iter()
                .map(|(k, x)| codec(types, value, x).map(|x| (k.clone(), x)))
                .collect::<Result<Map<_, _>, _>>()
                .map(Value::Object),
            _ => Err(format!("not a map: {v}")),
        },
        Ty::Named(id) => {
            let def = types.get(*id);
            match &def.kind {
                TypeKind::Struct(fields) => codec_struct(types, &def.name, fields, v),
                TypeKind::Enum { values, open } => {
                    let ints = !values.is_empty() && values.iter().all(|e| e.value.is_i64());
                    let ok_kind = if ints { v.is_i64() } else { v.is_string() };
                    let known = values.iter().any(|e| e.value == *v);
                    if ok_kind && (*open || known) {
                        Ok(v.clone())
                    } else {
                        Err(format!("{} rejects {v}", def.name))
                    }
                }
                // `#[serde(untagged)]`: the first variant that accepts the value wins.
                TypeKind::Union(variants) => variants
                    .iter()
                    .find_map(|var| codec(types, &var.ty, v).ok())
                    .ok_or_else(|| format!("no variant of {} accepts {v}", def.name)),
            }
        }
        _ => Err(format!("{ty:?} rejects {v}")),
    }
}

/// A lenient field also reads its value written as a string (`"2"` for 2).
fn lenient_value(types: &Types, f: &Field, v: &Value) -> Value {
    if let (true, Value::String(s)) = (f.lenient, v) {
        if let Ok(parsed) = serde_json::from_str::<Value>(s) {
            if codec(types, &f.ty, &parsed).is_ok() {
                return parsed;
            }
        }
    }
    v.clone()
}

fn codec_struct(types: &Types, name: &str, fields: &[Field], v: &Value) -> Result<Value, String> {
    let Value::Object(map) = v else { return Err(format!("{name} is a struct, got {v}")) };
    let mut out = Map::new();
    let mut used = BTreeSet::new();
    for f in fields {
        let spellings: Vec<&String> = std::iter::once(&f.name).chain(&f.aliases).filter(|n| map.contains_key(*n)).collect();
        if spellings.len() > 1 {
            return Err(format!("duplicate field `{}` in {name}", f.name));
        }
        used.extend(spellings.iter().map(|s| s.as_str()));
        let got = spellings.first().map(|s| &map[s.as_str()]);
        let key = f.name.clone();
        match (f.optional, f.nullable, got) {
            // `#[serde(default, skip_serializing_if = "Option::is_none")]`: absent stays absent.
            (true, _, None) => {}
            // `Option<T>` without `default`: serde reads a missing field as `None`, written as
            // `null` (unless a `deserialize_with` is in the way, which makes it an error).
            (false, true, None) if !f.lenient => {
                out.insert(key, Value::Null);
            }
            (false, _, None) => return Err(format!("missing field `{}` in {name}", f.name)),
            (_, true, Some(Value::Null)) => {
                out.insert(key, Value::Null);
            }
            // `Value` holds the null itself (`present_value` for optional ones).
            (_, false, Some(Value::Null)) if f.ty == Ty::Json => {
                out.insert(key, Value::Null);
            }
            // `Option<T>` with `default`: a null reads as `None` and is then skipped: lost.
            (true, false, Some(Value::Null)) => {}
            (_, _, Some(x)) => {
                out.insert(key, codec(types, &f.ty, &lenient_value(types, f, x))?);
            }
        }
    }
    // `#[serde(flatten)] extra`: every key no field claimed, as it arrived.
    for (k, x) in map {
        if !used.contains(k.as_str()) {
            out.insert(k.clone(), x.clone());
        }
    }
    Ok(Value::Object(out))
}

/// What the types promise to give back for `v`: the same JSON, except that a key that is a
/// serde alias goes out under its field's name, and a lenient field's string goes out in the
/// field's type. Both are decisions the report lists.
fn promised(types: &Types, ty: &Ty, v: &Value) -> Value {
    match (ty, v) {
        (Ty::List(item), Value::Array(items)) => Value::Array(items.iter().map(|i| promised(types, item, i)).collect()),
        (Ty::Map(value), Value::Object(map)) => Value::Object(map.iter().map(|(k, x)| (k.clone(), promised(types, value, x))).collect()),
        (Ty::Named(id), _) => match &types.get(*id).kind {
            TypeKind::Struct(fields) => {
                let Value::Object(map) = v else { return v.clone() };
                let mut out = Map::new();
                for (k, x) in map {
                    let field = fields.iter().find(|f| f.name == *k || (f.aliases.contains(k) && !map.contains_key(&f.name)));
                    match field {
                        Some(f) => {
                            let x = lenient_value(types, f, x);
                            out.insert(f.name.clone(), if x.is_null() { x } else { promised(types, &f.ty, &x) });
                        }
                        None => {
                            out.insert(k.clone(), x.clone());
                        }
                    }
                }
                Value::Object(out)
            }
            TypeKind::Union(variants) => match variants.iter().find(|var| codec(types, &var.ty, v).is_ok()) {
                Some(var) => promised(types, &var.ty, v),
                None => v.clone(),
            },
            TypeKind::Enum { .. } => v.clone(),
        },
        _ => v.clone(),
    }
}

/// JSON equality where numbers compare by value (`20` and `20.0` are one JSON number; a field
/// widened to `f64` writes `20.0`), and object keys in any order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

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
    build(&[root], &BTreeMap::new(), &Overrides::default(), "")
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

// ---------------------------------------------------------------------------------------------
// Random JSON, biased towards what APIs send: records sharing key names, ids, timestamps,
// keys that are data (e-mails, numbers), renamed fields, and some hostile text.
// ---------------------------------------------------------------------------------------------

fn key() -> impl Strategy<Value = String> {
    let common = prop::sample::select(vec![
        "id", "name", "email", "data", "items", "status", "type", "a", "b", "c", "created_at", "settings",
        "content_filter_regex", "black_list_regex", "prospect-name", "prospect-email", "prospect-phone",
    ]);
    let odd = prop::sample::select(vec![
        "user@example.com", "12345", "3fa85f64-5717-4562-b3fc-2c963f66afa6", "https://x.io/a", "ключ", "名前",
        "a\u{1}b", "\t", "", "self", "r#type", "1st", "a b", "$ref", "~/",
    ]);
    prop_oneof![6 => common.prop_map(String::from), 1 => odd.prop_map(String::from), 1 => "[a-z_]{1,6}"]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        2 => Just(Value::Null),
        2 => any::<bool>().prop_map(Value::Bool),
        3 => prop_oneof![-3i64..1000, any::<i64>()].prop_map(Value::from),
        1 => (i64::MAX as u64 + 1..=u64::MAX).prop_map(Value::from),
        2 => prop_oneof![(-1e6f64..1e6), Just(1.0), Just(-0.0), any::<f64>()].prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
        3 => prop::sample::select(vec!["", "x", "never", "2019-02-01T00:00:00Z", "2020-01-01", "a@b.co", "12", "true", "null"]).prop_map(Value::from),
        2 => any::<String>().prop_map(Value::String),
    ]
}

fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            1 => prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            3 => prop::collection::vec((key(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// One to six samples of one body, numbered by their original position.
fn samples() -> impl Strategy<Value = Vec<(usize, Value)>> {
    let object_heavy = prop::collection::vec((key(), json()), 0..7).prop_map(|kv| Value::Object(kv.into_iter().collect()));
    prop::collection::vec(prop_oneof![3 => object_heavy, 1 => json()], 1..6).prop_map(|v| v.into_iter().enumerate().collect())
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
