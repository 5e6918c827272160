//! The schemas of [`super::schemas`] written straight onto the [`Writer`], without building
//! them as `Value`s first: building and dropping them was most of `components/schemas`' time
//! on GitHub's description. Same members in the same order; `schemas.rs` stays the reference
//! the debug builds compare against (see `openapi_json`).

use super::schemas::COMPONENTS;
use super::{text, Writer};
use crate::model::{EnumValue, Field, Origin, Ty, TypeDef, TypeKind, Types};
use foldhash::HashSet;

/// A type reference's schema, as `schemas::ty_schema` builds it.
pub fn write_ty(out: &mut Writer, types: &Types, ty: &Ty) {
    out.open(b'{');
    ty_members(out, types, ty, false);
    out.close(b'}');
}

/// The members of a type reference's schema; `null`: also allowing `null` (`type: [T,
/// "null"]`), for the types whose schema has a `type` (the caller wraps the others).
fn ty_members(out: &mut Writer, types: &Types, ty: &Ty, null: bool) {
    let type_is = |out: &mut Writer, t: &str| {
        out.key("type");
        if null {
            out.strings([t, "null"]);
        } else {
            out.string(t);
        }
    };
    match ty {
        Ty::Bool => type_is(out, "boolean"),
        Ty::Integer => {
            type_is(out, "integer");
            out.key_string("format", "int64");
        }
        Ty::Float => {
            type_is(out, "number");
            out.key_string("format", "double");
        }
        Ty::String => type_is(out, "string"),
        Ty::DateTime | Ty::Duration => {
            type_is(out, "string");
            out.key(if matches!(ty, Ty::DateTime) { "x-timestamp" } else { "x-duration" });
            out.bool(true);
        }
        Ty::Json => {}
        Ty::List(item) => {
            type_is(out, "array");
            out.key("items");
            write_ty(out, types, item);
        }
        Ty::Map(value) => {
            type_is(out, "object");
            out.key("additionalProperties");
            write_ty(out, types, value);
        }
        Ty::Named(id) => {
            out.key("$ref");
            out.string_of(&[COMPONENTS, &types.get(*id).name]);
        }
    }
}

/// `anyOf: [{"type": "null"}, …` as `schemas::nullable` wraps a schema it cannot widen; the
/// caller writes the schema and [`close_null`].
pub fn open_null(out: &mut Writer) {
    out.key("anyOf");
    out.open(b'[');
    out.element();
    out.object(|out| out.key_string("type", "null"));
    out.element();
    out.open(b'{');
}

pub fn close_null(out: &mut Writer) {
    out.close(b'}');
    out.close(b']');
}

/// A field's schema (lenient, nullable), then the members `tail` writes, as `struct_schema`
/// builds it.
fn field_schema(out: &mut Writer, types: &Types, f: &Field, tail: impl FnOnce(&mut Writer)) {
    out.open(b'{');
    // Widened in place where the schema has a `type`; wrapped where it has `$ref` or `anyOf`;
    // the empty schema already allows `null`.
    let wrap = f.nullable && (f.lenient || matches!(f.ty, Ty::Named(_)));
    if wrap {
        open_null(out);
    }
    if f.lenient {
        out.key("anyOf");
        out.open(b'[');
        out.element();
        write_ty(out, types, &f.ty);
        out.element();
        string_form(out, types, &f.ty);
        out.close(b']');
        out.key("x-lenient");
        out.bool(true);
    } else {
        ty_members(out, types, &f.ty, f.nullable && !wrap);
    }
    if wrap {
        close_null(out);
    }
    tail(out);
    out.close(b'}');
}

/// As `schemas::string_form`.
fn string_form(out: &mut Writer, types: &Types, ty: &Ty) {
    out.open(b'{');
    out.key_string("type", "string");
    match ty {
        Ty::Bool => {
            out.key("enum");
            out.strings(["true", "false"]);
        }
        Ty::Integer => out.key_string("pattern", "^-?[0-9]+$"),
        Ty::Named(id) if matches!(&types.get(*id).kind, TypeKind::Enum { values, .. } if values.iter().all(|v| v.value.is_i64())) => {
            out.key_string("pattern", "^-?[0-9]+$");
        }
        _ => {}
    }
    out.close(b'}');
}

/// A named type's component schema, as `schemas::type_schema` builds it. False, writing
/// nothing, for a struct with two fields of one name (the `Value` path keeps the last's
/// schema in the first's place; rare enough to leave to it).
pub fn write_type_schema(out: &mut Writer, types: &Types, def: &TypeDef) -> bool {
    if let TypeKind::Struct(fields) = &def.kind {
        let mut names = HashSet::default();
        if !fields.iter().all(|f| names.insert(f.name.as_str())) {
            return false;
        }
    }
    out.open(b'{');
    match &def.kind {
        TypeKind::Struct(fields) => struct_schema(out, types, fields),
        TypeKind::Enum { values, open } => enum_schema(out, values, *open),
        TypeKind::Union(variants) => {
            out.key("anyOf");
            out.open(b'[');
            for v in variants {
                out.element();
                write_ty(out, types, &v.ty);
            }
            out.close(b']');
            out.key("x-variants");
            out.strings(variants.iter().map(|v| v.name.as_str()));
        }
    }
    if let Some(d) = text(def.docs.as_deref()) {
        out.key_string("description", &d);
    }
    out.key_string("x-rust-type", &def.name);
    write_origins(out, &def.origins);
    out.close(b'}');
    true
}

/// `x-origins` unless there are none, as `super::origins` lists them.
pub fn write_origins(out: &mut Writer, list: &[Origin]) {
    if list.is_empty() {
        return;
    }
    out.key("x-origins");
    out.open(b'[');
    for (at, o) in list.iter().enumerate() {
        // Each once: the same text seen before.
        if list[..at].iter().any(|seen| spelled_len(seen) == spelled_len(o) && spelled(seen).eq(spelled(o))) {
            continue;
        }
        out.element();
        out.string_of(&[&o.file, "#", pointer(o)]);
    }
    out.close(b']');
}

/// An origin's pointer as `Origin`'s `Display` spells it.
pub fn pointer(o: &Origin) -> &str {
    if o.pointer.is_empty() { "/" } else { &o.pointer }
}

/// An origin's text (`file#pointer`) byte by byte, and its length.
fn spelled(o: &Origin) -> impl Iterator<Item = u8> + '_ {
    o.file.bytes().chain(*b"#").chain(pointer(o).bytes())
}

fn spelled_len(o: &Origin) -> usize {
    o.file.len() + 1 + pointer(o).len()
}

fn struct_schema(out: &mut Writer, types: &Types, fields: &[Field]) {
    out.key_string("type", "object");
    out.key("properties");
    out.open(b'{');
    for f in fields {
        out.key(&f.name);
        field_schema(out, types, f, |out| {
            if let Some(d) = text(f.docs.as_deref()) {
                out.key_string("description", &d);
            }
            if !f.aliases.is_empty() {
                out.key("x-aliases");
                out.strings(f.aliases.iter().map(String::as_str));
            }
            write_origins(out, &f.origins);
        });
    }
    out.close(b'}');
    let mut required = fields.iter().filter(|f| f.aliases.is_empty() && !f.optional).peekable();
    if required.peek().is_some() {
        out.key("required");
        out.strings(required.map(|f| f.name.as_str()));
    }
    let mut aliased = fields.iter().filter(|f| !f.aliases.is_empty()).peekable();
    if aliased.peek().is_none() {
        return;
    }
    // Each alias a property of its own `anyOf` branch (see `schemas::struct_schema`).
    out.key("allOf");
    out.open(b'[');
    for f in aliased {
        out.element();
        out.open(b'{');
        out.key("anyOf");
        out.open(b'[');
        out.element();
        out.open(b'{');
        if !f.optional {
            out.key("required");
            out.strings([f.name.as_str()]);
        }
        out.close(b'}');
        for a in &f.aliases {
            out.element();
            out.open(b'{');
            out.key("properties");
            out.open(b'{');
            out.key(a);
            field_schema(out, types, f, |out| out.key_string("x-alias-of", &f.name));
            out.close(b'}');
            out.key("required");
            out.strings([a.as_str()]);
            out.close(b'}');
        }
        out.close(b']');
        out.close(b'}');
    }
    out.close(b']');
}

/// As `schemas::enum_schema`.
fn enum_schema(out: &mut Writer, values: &[EnumValue], open: bool) {
    let ty = if values.iter().all(|v| v.value.is_string()) {
        Some("string")
    } else if values.iter().all(|v| v.value.is_i64() || v.value.is_u64()) {
        Some("integer")
    } else {
        None
    };
    let list = |out: &mut Writer| {
        out.open(b'[');
        for v in values {
            out.element();
            out.value(&v.value);
        }
        out.close(b']');
    };
    let known = |out: &mut Writer| {
        if let Some(t) = ty {
            out.key_string("type", t);
        }
        out.key("enum");
        list(out);
    };
    match (open, ty) {
        (false, _) => known(out),
        (true, Some(t)) => {
            out.key("anyOf");
            out.open(b'[');
            out.element();
            out.object(known);
            out.element();
            out.object(|out| out.key_string("type", t));
            out.close(b']');
            out.key("x-open-enum");
            out.bool(true);
        }
        (true, None) => {
            out.key("x-open-enum");
            out.bool(true);
            out.key("x-enum");
            list(out);
        }
    }
    if values.iter().any(|v| v.label.is_some()) {
        out.key("x-enum-labels");
        out.strings(values.iter().map(|v| v.label.as_deref().unwrap_or_default()));
    }
    if values.iter().any(|v| v.docs.is_some()) {
        out.key("x-enum-descriptions");
        out.open(b'[');
        for v in values {
            out.element();
            out.string(&text(v.docs.as_deref()).unwrap_or_default());
        }
        out.close(b']');
    }
}
