//! Every valid JSON example in `specs/` (request and response bodies) deserializes into its
//! generated type and serializes back to the same JSON: same keys, same nulls, same numbers.

use codegen::diag::Diagnostics;
use codegen::manifest::Manifest;
use codegen::model::{ExampleBody, Source, TypeKind};
use std::collections::{BTreeMap, BTreeSet};
use codegen::pipeline::read_sources;
use serde_json::Value;
use workspace_tests::{bundled_apis, generate_bundled, root};

mod round_trip_support;
use round_trip_support::crate_of;

/// JSON equality where numbers compare by value: `20` and `20.0` are the same number, as
/// JSON says; a type that widened integers to `f64` writes `20.0`.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

/// What the generated types promise to change, and nothing else: keys that are serde aliases
/// go out under the field's own name (`black_list_regex` arrives, `content_filter_regex` goes
/// out), and a lenient field's value written as a string (`"2"`) goes out in the type the
/// server documents (`2`). Both are listed in the report.
fn expected(value: &Value, promises: &Promises) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(|v| expected(v, promises)).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let key = promises.aliases.get(k).filter(|c| !map.contains_key(*c)).unwrap_or(k);
                    let v = match v {
                        Value::String(s) if promises.lenient.contains(key) => {
                            serde_json::from_str::<Value>(s).ok().filter(|p| p.is_number() || p.is_boolean()).unwrap_or_else(|| v.clone())
                        }
                        _ => expected(v, promises),
                    };
                    (key.clone(), v)
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

#[derive(Default)]
struct Promises {
    aliases: BTreeMap<String, String>,
    lenient: BTreeSet<String>,
}

fn promises(api: &codegen::model::Api) -> Promises {
    let mut out = Promises::default();
    for def in &api.types.defs {
        if let TypeKind::Struct(fields) = &def.kind {
            for f in fields {
                for a in &f.aliases {
                    out.aliases.insert(a.clone(), f.name.clone());
                }
                if f.lenient {
                    out.lenient.insert(f.name.clone());
                }
            }
        }
    }
    out
}

/// Valid JSON examples the readers found, counted apart from the merge, so an example the
/// merge forgot to check makes the test fail.
fn valid_examples(sources: &[Source]) -> usize {
    sources
        .iter()
        .flat_map(|s| &s.operations)
        .flat_map(|op| op.request.iter().chain(op.responses.iter().filter_map(|r| r.body.as_ref())))
        .flat_map(|b| &b.examples)
        .filter(|e| matches!(e.body, ExampleBody::Json(_)))
        .count()
}

#[test]
fn every_valid_example_round_trips_through_its_generated_type() {
    let mut failures = Vec::new();
    for api in bundled_apis() {
        let krate = generate_bundled(&api);
        let dir = root().join("specs").join(&api);
        let manifest = Manifest::load(&dir.join("api.toml")).unwrap();
        let valid = valid_examples(&read_sources(&dir, &manifest, &mut Diagnostics::default()).unwrap());
        let round_trip = crate_of(&api);
        let promises = promises(&krate.api);
        let mut checked = 0;
        for ex in &krate.api.examples {
            checked += 1;
            let expected = expected(&ex.value, &promises);
            match round_trip(ex.operation.trim_start_matches("r#"), ex.status, ex.request, &ex.value) {
                Ok(back) if same(&back, &expected) => {}
                Ok(back) => failures.push(format!("{api}: {} changed on the round trip:\n  in:  {}\n  out: {}", ex.origin, ex.value, back)),
                Err(e) => failures.push(format!("{api}: {} does not decode: {e}", ex.origin)),
            }
        }
        println!("{api}: checked {checked} examples ({valid} valid JSON examples in its specs)");
        assert!(checked >= valid, "{api}: only {checked} of {valid} valid examples were checked");
        assert!(checked > 0, "{api}: no examples checked");
    }
    assert!(failures.is_empty(), "{} examples fail:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn number_equality_is_by_value_but_nothing_else_is_loosened() {
    use serde_json::json;
    assert!(same(&json!({"a": 20}), &json!({"a": 20.0})));
    assert!(!same(&json!({"a": 20}), &json!({"a": 21})));
    assert!(!same(&json!({"a": null}), &json!({})));
    assert!(!same(&json!({"a": "2"}), &json!({"a": 2})));
    assert!(!same(&json!([1, 2]), &json!([2, 1])));
}

#[test]
fn only_promised_changes_are_forgiven() {
    use serde_json::json;
    let mut p = Promises::default();
    p.aliases.insert("black_list_regex".into(), "content_filter_regex".into());
    p.lenient.insert("AccountStage".into());
    let input = json!({"black_list_regex": "x", "AccountStage": "2", "Other": "2", "nested": [{"AccountStage": "n/a"}]});
    let want = json!({"content_filter_regex": "x", "AccountStage": 2, "Other": "2", "nested": [{"AccountStage": "n/a"}]});
    assert_eq!(expected(&input, &p), want);
    // An alias is not renamed when the real name is present too.
    let both = json!({"black_list_regex": "x", "content_filter_regex": "y"});
    assert_eq!(expected(&both, &p), both);
}
