//! Shared by the property tests: an interpreter of the emitted serde code, and random JSON.
#![allow(dead_code)]

use codegen::model::{Field, Ty, TypeKind, Types};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// What the emitted serde code does with a JSON value.
// ---------------------------------------------------------------------------------------------

/// Decodes `v` as `ty` and encodes it back, as the generated crate would; `Err` when the
/// generated type would reject the value.
pub fn codec(types: &Types, ty: &Ty, v: &Value) -> Result<Value, String> {
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
        Ty::String | Ty::DateTime | Ty::Duration if v.is_string() => Ok(v.clone()),
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
pub fn lenient_value(types: &Types, f: &Field, v: &Value) -> Value {
    if let (true, Value::String(s)) = (f.lenient, v) {
        if let Ok(parsed) = serde_json::from_str::<Value>(s) {
            if codec(types, &f.ty, &parsed).is_ok() {
                return parsed;
            }
        }
    }
    v.clone()
}

pub fn codec_struct(types: &Types, name: &str, fields: &[Field], v: &Value) -> Result<Value, String> {
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
pub fn promised(types: &Types, ty: &Ty, v: &Value) -> Value {
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
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        _ => a == b,
    }
}

// ---------------------------------------------------------------------------------------------
// Random JSON, biased towards what APIs send: records sharing key names, ids, timestamps,
// keys that are data (e-mails, numbers), renamed fields, and some hostile text.
// ---------------------------------------------------------------------------------------------

pub fn key() -> impl Strategy<Value = String> {
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

pub fn leaf() -> impl Strategy<Value = Value> {
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

pub fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            1 => prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            3 => prop::collection::vec((key(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// One to six samples of one body, numbered by their original position.
pub fn json_samples() -> impl Strategy<Value = Vec<(usize, Value)>> {
    let object_heavy = prop::collection::vec((key(), json()), 0..7).prop_map(|kv| Value::Object(kv.into_iter().collect()));
    prop::collection::vec(prop_oneof![3 => object_heavy, 1 => json()], 1..6).prop_map(|v| v.into_iter().enumerate().collect())
}

