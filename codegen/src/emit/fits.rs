//! What a JSON example becomes on a round trip through its generated type, worked out from the
//! type arena at generation time: why it cannot decode (an example that contradicts the type
//! the documents give), and the JSON the type writes back where it promises a change.

use crate::model::{Field, Ty, TypeKind, Types};
use foldhash::HashMap;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt::Write;

/// Why `value` cannot decode as `ty`, naming the JSON path; `None` where it decodes.
pub fn why_not(types: &Types, ty: &Ty, value: &Value) -> Option<String> {
    let mut path = String::new();
    check(types, ty, value, &mut path, 0, false).err()
}

/// An error. Where nobody reads it (`quiet`: a union's variants tried in turn, a lenient
/// string's JSON) it is not written: formatting the errors of the variants that did not fit
/// was half of this check's instructions on GitHub's description.
fn fail(quiet: bool, message: impl FnOnce() -> String) -> Result<(), String> {
    Err(if quiet { String::new() } else { message() })
}

/// Deeper than this the check gives up and trusts the type: the arena may be cyclic.
const MAX_DEPTH: usize = 128;

fn check(types: &Types, ty: &Ty, value: &Value, path: &mut String, depth: usize, quiet: bool) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let at = |path: &str, what: std::fmt::Arguments| fail(quiet, || format!("at `{}`: {what}, found {}", show(path), kind_of(value)));
    match (ty, value) {
        (Ty::Json, _) => Ok(()),
        (Ty::Bool, Value::Bool(_)) | (Ty::String | Ty::DateTime | Ty::Duration, Value::String(_)) | (Ty::Float, Value::Number(_)) => Ok(()),
        (Ty::Integer, Value::Number(n)) if n.is_i64() => Ok(()),
        (Ty::Integer, _) => at(path, format_args!("expected an integer (i64)")),
        (Ty::Bool, _) => at(path, format_args!("expected a boolean")),
        (Ty::String | Ty::DateTime | Ty::Duration, _) => at(path, format_args!("expected a string")),
        (Ty::Float, _) => at(path, format_args!("expected a number")),
        (Ty::List(item), Value::Array(items)) => each(path, items.iter().enumerate(), |p, v| check(types, item, v, p, depth + 1, quiet)),
        (Ty::List(_), _) => at(path, format_args!("expected an array")),
        (Ty::Map(item), Value::Object(map)) => each(path, map.iter(), |p, v| check(types, item, v, p, depth + 1, quiet)),
        (Ty::Map(_), _) => at(path, format_args!("expected an object (a map)")),
        (Ty::Named(id), _) => match &types.get(*id).kind {
            TypeKind::Struct(fields) => match value {
                Value::Object(map) => check_struct(types, fields, map, path, depth, quiet),
                _ => at(path, format_args!("expected an object (`{}`)", types.get(*id).name)),
            },
            TypeKind::Enum { values, open } => {
                let ints = !values.is_empty() && values.iter().all(|v| v.value.is_i64());
                let kind_ok = if ints { value.is_i64() } else { value.is_string() };
                match (kind_ok, *open || values.iter().any(|v| &v.value == value)) {
                    (true, true) => Ok(()),
                    (false, _) => at(path, format_args!("expected {} (`{}`)", if ints { "an integer code" } else { "a string" }, types.get(*id).name)),
                    (true, false) => fail(quiet, || format!("at `{}`: {value} is not one of the values of `{}`", show(path), types.get(*id).name)),
                }
            }
            TypeKind::Union(variants) => {
                let len = path.len();
                let fits = variants.iter().any(|v| {
                    let fits = check(types, &v.ty, value, path, depth + 1, true).is_ok();
                    path.truncate(len);
                    fits
                });
                match fits {
                    true => Ok(()),
                    false => at(path, format_args!("fits no variant of `{}`", types.get(*id).name)),
                }
            }
        },
    }
}

fn check_struct(types: &Types, fields: &[Field], map: &Map<String, Value>, path: &mut String, depth: usize, quiet: bool) -> Result<(), String> {
    // serde_json's map hashes with SipHash (a quarter of this check's instructions went to
    // its lookups); the members indexed once with foldhash answer the same at a fraction.
    let members: HashMap<&str, &Value> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    for f in fields {
        let found = std::iter::once(&f.name).chain(&f.aliases).find_map(|k| members.get(k.as_str()).map(|v| (k, *v)));
        let len = path.len();
        match found {
            // A missing `Option` is `None`, whatever serde attributes the field has.
            None if f.optional || f.nullable => {}
            None => return fail(quiet, || format!("at `{}`: the required field `{}` is missing", show(path), f.name)),
            Some((_, Value::Null)) if f.nullable || f.optional || f.ty == Ty::Json => {}
            Some((k, Value::Null)) => return fail(quiet, || format!("at `{}/{k}`: null, but the field is not nullable", path)),
            // A lenient field reads a string as the JSON it spells, else as a string.
            Some((_, Value::String(s))) if f.lenient && serde_json::from_str::<Value>(s).ok().is_some_and(|v| check(types, &f.ty, &v, &mut String::new(), 0, true).is_ok()) => {}
            Some((k, v)) => {
                path.push('/');
                path.push_str(k);
                check(types, &f.ty, v, path, depth + 1, quiet)?;
            }
        }
        path.truncate(len);
    }
    Ok(())
}

/// Each member or element checked with its key (an index or a name) on the path, written
/// straight into it rather than allocated a string each.
fn each<'a, K: PathKey>(path: &mut String, items: impl Iterator<Item = (K, &'a Value)>, mut f: impl FnMut(&mut String, &'a Value) -> Result<(), String>) -> Result<(), String> {
    for (key, v) in items {
        let len = path.len();
        path.push('/');
        key.push_onto(path);
        f(path, v)?;
        path.truncate(len);
    }
    Ok(())
}

/// A key on the path: a member's name copied as it is (through `Display` it took a sixth
/// of this check), an element's index written.
trait PathKey {
    fn push_onto(self, path: &mut String);
}

impl PathKey for &String {
    fn push_onto(self, path: &mut String) {
        path.push_str(self);
    }
}

impl PathKey for usize {
    fn push_onto(self, path: &mut String) {
        // Writing into a String cannot fail.
        let _ = write!(path, "{self}");
    }
}

fn show(path: &str) -> &str {
    if path.is_empty() {
        "."
    } else {
        path
    }
}

fn kind_of(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.chars().count() > 40 => format!("a string ({} chars)", s.chars().count()),
        Value::String(s) => format!("{s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// The named types a round trip may change a value of: those that reach a struct field with
/// an alias or a lenient reading. Any other type writes back what it read, so `expected` need
/// not walk its examples (all but one of GitHub's 1,400).
pub struct Rewriting(Vec<bool>);

impl Rewriting {
    pub fn of(types: &Types) -> Rewriting {
        let n = types.defs.len();
        let mut changes = vec![false; n];
        // Who uses each type, so that a type that changes marks its users, and theirs.
        let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut stack = Vec::new();
        for (at, def) in types.defs.iter().enumerate() {
            let parts: Vec<&Ty> = match &def.kind {
                TypeKind::Struct(fields) => {
                    if fields.iter().any(|f| f.lenient || !f.aliases.is_empty()) {
                        changes[at] = true;
                        stack.push(at);
                    }
                    fields.iter().map(|f| &f.ty).collect()
                }
                TypeKind::Union(variants) => variants.iter().map(|v| &v.ty).collect(),
                TypeKind::Enum { .. } => Vec::new(),
            };
            for ty in parts {
                if let Some(used) = named(ty).and_then(|id| users.get_mut(id)) {
                    used.push(at);
                }
            }
        }
        while let Some(at) = stack.pop() {
            for &user in &users[at] {
                if !changes[user] {
                    changes[user] = true;
                    stack.push(user);
                }
            }
        }
        Rewriting(changes)
    }

    /// Whether a value of `ty` may come back changed (an unknown type may).
    pub fn may_change(&self, ty: &Ty) -> bool {
        named(ty).is_some_and(|id| self.0.get(id).copied().unwrap_or(true))
    }
}

/// The arena index of the named type inside lists and maps, if there is one.
fn named(ty: &Ty) -> Option<usize> {
    match ty {
        Ty::List(inner) | Ty::Map(inner) => named(inner),
        Ty::Named(id) => Some(id.0),
        _ => None,
    }
}

/// The JSON the type writes back, where it promises to change what it read: a field that
/// arrived under a serde alias goes out under its own name, and a lenient field's `"2"` goes
/// out as the documented `2`. Everything else must come back unchanged. `None` where nothing
/// changes (most examples): those are not copied.
pub fn expected(types: &Types, ty: &Ty, value: &Value) -> Option<Value> {
    match expected_at(types, ty, value, 0) {
        Cow::Borrowed(_) => None,
        Cow::Owned(v) => Some(v).filter(|v| v != value),
    }
}

fn expected_at<'a>(types: &Types, ty: &Ty, value: &'a Value, depth: usize) -> Cow<'a, Value> {
    if depth > MAX_DEPTH {
        return Cow::Borrowed(value);
    }
    match (ty, value) {
        (Ty::List(item), Value::Array(items)) => {
            let mut out: Option<Vec<Value>> = None;
            for (at, v) in items.iter().enumerate() {
                let v = expected_at(types, item, v, depth + 1);
                if let Some(out) = &mut out {
                    out.push(v.into_owned());
                } else if let Cow::Owned(v) = v {
                    // The first change: the elements before it are copied as they are.
                    let mut first = items[..at].to_vec();
                    first.push(v);
                    out = Some(first);
                }
            }
            out.map_or(Cow::Borrowed(value), |out| Cow::Owned(Value::Array(out)))
        }
        (Ty::Map(item), Value::Object(map)) => {
            let mut out: Option<Map<String, Value>> = None;
            for (at, (k, v)) in map.iter().enumerate() {
                let v = expected_at(types, item, v, depth + 1);
                if let Some(out) = &mut out {
                    out.insert(k.clone(), v.into_owned());
                } else if let Cow::Owned(v) = v {
                    let mut first: Map<String, Value> = map.iter().take(at).map(|(k, v)| (k.clone(), v.clone())).collect();
                    first.insert(k.clone(), v);
                    out = Some(first);
                }
            }
            out.map_or(Cow::Borrowed(value), |out| Cow::Owned(Value::Object(out)))
        }
        (Ty::Named(id), Value::Object(map)) => match &types.get(*id).kind {
            TypeKind::Struct(fields) => expected_struct(types, fields, value, map, depth),
            TypeKind::Union(variants) => match variants.iter().find(|v| why_not(types, &v.ty, value).is_none()) {
                Some(v) => expected_at(types, &v.ty, value, depth + 1),
                None => Cow::Borrowed(value),
            },
            TypeKind::Enum { .. } => Cow::Borrowed(value),
        },
        _ => Cow::Borrowed(value),
    }
}

/// Each member under its field's own name, with the value its field writes back.
fn expected_struct<'a>(types: &Types, fields: &[Field], value: &'a Value, map: &'a Map<String, Value>, depth: usize) -> Cow<'a, Value> {
    // Made at the first member that changes (most examples have none), with those before it.
    let mut changed: Option<Map<String, Value>> = None;
    for (at, (k, v)) in map.iter().enumerate() {
        let field = fields.iter().find(|f| &f.name == k).or_else(|| fields.iter().find(|f| f.aliases.contains(k) && !map.contains_key(&f.name)));
        let (name, v) = match field {
            Some(f) => {
                let v = match v {
                    Value::String(s) if f.lenient => serde_json::from_str::<Value>(s).ok().filter(|p| p.is_number() || p.is_boolean()).map_or(Cow::Borrowed(v), Cow::Owned),
                    _ => expected_at(types, &f.ty, v, depth + 1),
                };
                (&f.name, v)
            }
            None => (k, Cow::Borrowed(v)),
        };
        if changed.is_none() && name == k && matches!(v, Cow::Borrowed(_)) {
            continue;
        }
        let out = changed.get_or_insert_with(|| map.iter().take(at).map(|(k, v)| (k.clone(), v.clone())).collect());
        out.insert(name.clone(), v.into_owned());
    }
    changed.map_or(Cow::Borrowed(value), |out| Cow::Owned(Value::Object(out)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{TypeDef, TypeId};
    use serde_json::json;

    fn field(name: &str, ty: Ty, optional: bool, nullable: bool) -> Field {
        Field { name: name.into(), rust_name: None, aliases: vec![], ty, optional, nullable, lenient: false, docs: None, origins: vec![] }
    }

    fn person() -> (Types, Ty) {
        let mut types = Types::default();
        let mut renamed = field("content_filter_regex", Ty::String, true, false);
        renamed.aliases.push("black_list_regex".into());
        let mut stage = field("AccountStage", Ty::Integer, true, false);
        stage.lenient = true;
        let fields = vec![field("id", Ty::Integer, false, false), field("tags", Ty::List(Box::new(Ty::String)), true, true), renamed, stage];
        let id = types.push(TypeDef { name: "Person".into(), docs: None, kind: TypeKind::Struct(fields), origins: vec![] });
        (types, Ty::Named(id))
    }

    #[test]
    fn an_example_that_fits_decodes_and_one_that_does_not_says_where() {
        let (types, ty) = person();
        assert_eq!(why_not(&types, &ty, &json!({"id": 1, "tags": null, "x": [1]})), None);
        assert_eq!(why_not(&types, &ty, &json!({"id": 1, "AccountStage": "2"})), None);
        assert_eq!(why_not(&types, &ty, &json!({"tags": []})).as_deref(), Some("at `.`: the required field `id` is missing"));
        assert_eq!(why_not(&types, &ty, &json!({"id": 1.5})).as_deref(), Some("at `/id`: expected an integer (i64), found 1.5"));
        assert_eq!(why_not(&types, &ty, &json!({"id": 1, "tags": ["a", 2]})).as_deref(), Some("at `/tags/1`: expected a string, found 2"));
        assert_eq!(why_not(&types, &ty, &json!({"id": null})).as_deref(), Some("at `/id`: null, but the field is not nullable"));
        assert!(why_not(&types, &Ty::List(Box::new(ty.clone())), &json!({"id": 1})).is_some(), "an object is not an array");
        assert_eq!(why_not(&types, &Ty::Named(TypeId(0)), &json!([])).as_deref(), Some("at `.`: expected an object (`Person`), found an array"));
    }

    #[test]
    fn only_types_that_reach_an_alias_or_a_lenient_field_may_change() {
        let (mut types, person) = person();
        let plain = types.push(TypeDef { name: "Plain".into(), docs: None, kind: TypeKind::Struct(vec![field("id", Ty::Integer, false, false)]), origins: vec![] });
        let team = types.push(TypeDef { name: "Team".into(), docs: None, kind: TypeKind::Struct(vec![field("lead", Ty::Map(Box::new(person.clone())), true, false)]), origins: vec![] });
        let rewriting = Rewriting::of(&types);
        assert!(rewriting.may_change(&Ty::List(Box::new(person))));
        assert!(rewriting.may_change(&Ty::Named(team)), "through a map of a type that changes");
        assert!(!rewriting.may_change(&Ty::Named(plain)));
        assert!(!rewriting.may_change(&Ty::List(Box::new(Ty::String))));
    }

    #[test]
    fn only_aliases_and_lenient_fields_change_on_the_way_back() {
        let (types, ty) = person();
        let input = json!({"id": 1, "black_list_regex": "x", "AccountStage": "2", "Other": "2"});
        assert_eq!(expected(&types, &ty, &input), Some(json!({"id": 1, "content_filter_regex": "x", "AccountStage": 2, "Other": "2"})));
        let both = json!({"id": 1, "black_list_regex": "x", "content_filter_regex": "y"});
        assert_eq!(expected(&types, &ty, &both), None, "an alias is not renamed when the real name is present too");
        assert_eq!(expected(&types, &Ty::List(Box::new(ty.clone())), &json!([{"id": 1, "AccountStage": "x"}])), None, "a lenient field that is not a number stays");
    }
}
