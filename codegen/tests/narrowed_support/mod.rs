//! Helpers for the narrowed-types tests: build a fixture's model, find an operation's body
//! types, and tell whether a JSON value would decode into a type of the model (the checks
//! serde makes: kinds, and required fields present), without compiling a crate.

use codegen::emit::responses::{success, Success};
use codegen::emit::EmitOptions;
use codegen::model::{Api, Ty, TypeKind};
use codegen::pipeline::generate_from_files;
use serde_json::Value;
use std::path::PathBuf;

pub fn api(fixture: &str) -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "narrowed", &opts).expect("the fixture builds").api
}

/// The success type of an operation.
pub fn returns(api: &Api, method: &str) -> Ty {
    let op = api.operations.iter().find(|o| o.id == method).unwrap_or_else(|| panic!("no method {method}"));
    match success(op) {
        Success::Json { ty, .. } => ty,
        other => panic!("{method} returns {other:?}"),
    }
}

/// The request body type of an operation.
pub fn sends(api: &Api, method: &str) -> Ty {
    let op = api.operations.iter().find(|o| o.id == method).unwrap_or_else(|| panic!("no method {method}"));
    op.request.as_ref().and_then(|r| r.ty.clone()).unwrap_or_else(|| panic!("{method} sends no typed body"))
}

/// A type as a user reads it: `Vec<Project>`, `Project`.
pub fn show(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::List(t) => format!("Vec<{}>", show(api, t)),
        Ty::Map(t) => format!("Map<{}>", show(api, t)),
        Ty::Named(id) => api.types.get(*id).name.clone(),
        other => format!("{other:?}"),
    }
}

/// The fields of a struct type: (JSON name, optional).
pub fn fields(api: &Api, ty: &Ty) -> Vec<(String, bool)> {
    let Ty::Named(id) = ty else { panic!("{} is not a struct", show(api, ty)) };
    let TypeKind::Struct(fields) = &api.types.get(*id).kind else { panic!("{} is not a struct", show(api, ty)) };
    fields.iter().map(|f| (f.name.clone(), f.optional)).collect()
}

pub fn required(api: &Api, ty: &Ty) -> Vec<String> {
    fields(api, ty).into_iter().filter(|f| !f.1).map(|f| f.0).collect()
}

/// Whether `value` decodes into `ty`: where not, the first reason.
pub fn decodes(api: &Api, ty: &Ty, value: &Value) -> Result<(), String> {
    match (ty, value) {
        (Ty::Json, _) => Ok(()),
        (Ty::Bool, Value::Bool(_)) | (Ty::String | Ty::DateTime | Ty::Duration, Value::String(_)) => Ok(()),
        (Ty::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(()),
        (Ty::Float, Value::Number(_)) => Ok(()),
        (Ty::List(item), Value::Array(items)) => items.iter().try_for_each(|i| decodes(api, item, i)),
        (Ty::Map(v), Value::Object(map)) => map.values().try_for_each(|i| decodes(api, v, i)),
        (Ty::Named(id), _) => {
            let def = api.types.get(*id);
            match (&def.kind, value) {
                (TypeKind::Struct(fields), Value::Object(map)) => fields.iter().try_for_each(|f| match map.get(&f.name) {
                    None if !f.optional => Err(format!("missing field `{}` of {}", f.name, def.name)),
                    None => Ok(()),
                    Some(Value::Null) if f.nullable => Ok(()),
                    Some(v) => decodes(api, &f.ty, v),
                }),
                (TypeKind::Union(vs), v) => {
                    vs.iter().find(|variant| decodes(api, &variant.ty, v).is_ok()).map(|_| ()).ok_or_else(|| format!("no variant of {} takes {v}", def.name))
                }
                (TypeKind::Enum { .. }, _) => Ok(()),
                (_, v) => Err(format!("{} does not take {v}", def.name)),
            }
        }
        (ty, v) => Err(format!("{} does not take {v}", show(api, ty))),
    }
}
