//! Fields the prose says may be null ("or nil if unset", "each of which can take the value
//! null if unset") decode when the server sends null: each such field of each bundled example
//! is set to null, one at a time, and the variant must decode and round-trip through the
//! generated types. The fields come from the generator's own decisions, so a field the prose
//! names but the generator forgot is not checked here; the report lists what was decided.

use codegen::model::{Api, DecisionKind, Ty, TypeKind};
use serde_json::Value;
use std::collections::BTreeSet;
use workspace_tests::{bundled_apis, generate_bundled};

mod round_trip_support;
use round_trip_support::crate_of;

/// `(type, JSON field)` of every field made nullable because the prose says so.
fn prose_nullable(api: &Api) -> BTreeSet<(String, String)> {
    api.decisions
        .iter()
        .filter(|d| d.kind == DecisionKind::Nullable && d.detail.starts_with("the prose says"))
        .filter_map(|d| d.subject.split_once('.').map(|(t, f)| (t.to_string(), f.to_string())))
        .collect()
}

/// A place in an example where a prose-nullable field holds a value: the keys that lead to it
/// as the example spells them, the same keys as the generated types write them back (an alias
/// goes out under the field's own name), and the field.
struct Place {
    input: Vec<Value>,
    output: Vec<Value>,
    field: (String, String),
}

fn places(api: &Api, ty: &Ty, value: &Value, path: (&[Value], &[Value]), wanted: &BTreeSet<(String, String)>, out: &mut Vec<Place>) {
    let step = |p: &[Value], k: Value| -> Vec<Value> { p.iter().cloned().chain([k]).collect() };
    match (ty, value) {
        (Ty::List(item), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                places(api, item, v, (&step(path.0, i.into()), &step(path.1, i.into())), wanted, out);
            }
        }
        (Ty::Map(item), Value::Object(map)) => {
            for (k, v) in map {
                places(api, item, v, (&step(path.0, k.as_str().into()), &step(path.1, k.as_str().into())), wanted, out);
            }
        }
        (Ty::Named(id), Value::Object(map)) => {
            let def = api.types.get(*id);
            let TypeKind::Struct(fields) = &def.kind else { return };
            for (k, v) in map {
                let Some(f) = fields.iter().find(|f| &f.name == k || f.aliases.contains(k)) else { continue };
                let (input, output) = (step(path.0, k.as_str().into()), step(path.1, f.name.as_str().into()));
                let key = (def.name.clone(), f.name.clone());
                if !v.is_null() && wanted.contains(&key) {
                    out.push(Place { input: input.clone(), output: output.clone(), field: key });
                }
                places(api, &f.ty, v, (&input, &output), wanted, out);
            }
        }
        _ => {}
    }
}

fn set_null(value: &mut Value, path: &[Value]) {
    let mut at = value;
    for key in path {
        at = match key {
            Value::Number(i) => &mut at[i.as_u64().unwrap_or_default() as usize],
            Value::String(k) => &mut at[k.as_str()],
            _ => return,
        };
    }
    *at = Value::Null;
}

/// The body type an example documents.
fn body_ty<'a>(api: &'a Api, operation: &str, status: Option<u16>, request: bool) -> Option<&'a Ty> {
    let op = api.operations.iter().find(|o| o.id == operation)?;
    if request {
        return op.request.as_ref()?.ty.as_ref();
    }
    op.responses.iter().find(|r| r.status == status)?.ty.as_ref()
}

#[test]
fn every_field_the_prose_says_may_be_null_decodes_null_in_every_example() {
    let mut failures = Vec::new();
    let mut total = 0;
    for api in bundled_apis() {
        let krate = generate_bundled(&api);
        let wanted = prose_nullable(&krate.api);
        let round_trip = crate_of(&api);
        let mut exercised = BTreeSet::new();
        let mut variants = 0;
        for ex in krate.api.examples.iter().filter(|e| !e.request) {
            let Some(ty) = body_ty(&krate.api, &ex.operation, ex.status, ex.request) else { continue };
            let operation = ex.operation.trim_start_matches("r#");
            let Ok(original) = round_trip(operation, ex.status, ex.request, &ex.value) else { continue };
            let mut found = Vec::new();
            places(&krate.api, ty, &ex.value, (&[], &[]), &wanted, &mut found);
            for place in found {
                variants += 1;
                let mut variant = ex.value.clone();
                set_null(&mut variant, &place.input);
                let mut expected = original.clone();
                set_null(&mut expected, &place.output);
                match round_trip(operation, ex.status, ex.request, &variant) {
                    Ok(back) if back == expected => {
                        exercised.insert(place.field);
                    }
                    Ok(back) => failures.push(format!("{api}: {} with {:?} null changed on the round trip: {back}", ex.origin, place.input)),
                    Err(e) => failures.push(format!("{api}: {} with {:?} null does not decode: {e}", ex.origin, place.input)),
                }
            }
        }
        println!("{api}: {} fields nullable by the prose; {variants} variants with one of them null", wanted.len());
        let unchecked: Vec<_> = wanted.difference(&exercised).collect();
        assert!(unchecked.is_empty() || !failures.is_empty(), "{api}: no example holds a value for {unchecked:?}");
        total += variants;
    }
    println!("{total} variants, {} decode and round-trip", total - failures.len());
    assert!(failures.is_empty(), "{} of {total} variants fail:\n{}", failures.len(), failures.join("\n"));
    assert!(total > 0, "no field is nullable by the prose in the bundled APIs");
}
