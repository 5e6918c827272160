//! One model as prettyplease prints it (see [`super`]), its runtime macro's marker first as
//! `calls::merge` puts it. Every line is written as prettyplease writes it when nothing
//! breaks: each attribute, doc line, field and variant on its own line (they are separated
//! by breaks of a broken consistent box: the item's, the module's or the file's), no
//! trailing comma inside an attribute list. What could break is checked: a line with a
//! break inside it (a field's or a variant's type with `<`, `(`, an item's head) breaks only
//! where it is wider than prettyplease's margin, so such an item is printed by prettyplease.

use crate::emit::models::field_kind;
use crate::model::{EnumValue, Field, TypeId, TypeKind, Types};
use crate::name;
use crate::surface::rust::{field_names, field_ty, rust_ty, RustTy};
use crate::surface::types::{integer_codes, variant_names, wire};
use proc_macro2::Literal;
use std::collections::BTreeSet;

/// prettyplease's margin: a line of at most this many bytes breaks nowhere.
pub(super) const MARGIN: usize = 89;

/// The text being printed, and whether every line that could break fits the margin.
pub(super) struct Out {
    pub text: String,
    pub fits: bool,
}

impl Out {
    pub(super) fn pad(&mut self, ind: usize) {
        self.text.extend(std::iter::repeat_n(' ', ind));
    }

    /// A line that cannot break (an attribute of one path or literal, a doc line, an alias
    /// of a name), however long.
    pub(super) fn line(&mut self, ind: usize, parts: &[&str]) {
        self.pad(ind);
        parts.iter().for_each(|p| self.text.push_str(p));
        self.text.push('\n');
    }

    /// A line with breaks inside it: it must fit the margin (bytes, as prettyplease counts).
    pub(super) fn breakable(&mut self, ind: usize, parts: &[&str]) {
        let start = self.text.len();
        self.line(ind, parts);
        self.fits &= self.text.len() - start - 1 <= MARGIN;
    }

    /// A line that breaks only inside a group (`<..>`, `(..)`, `[..]`): a path, a string
    /// or a name stays whole however long.
    pub(super) fn grouped(&mut self, ind: usize, parts: &[&str]) {
        match parts.iter().any(|p| p.contains(['<', '(', '['])) {
            true => self.breakable(ind, parts),
            false => self.line(ind, parts),
        }
    }

    /// Doc lines as prettyplease prints `#[doc = " {line}"]`: `///` and the value, its
    /// trailing spaces trimmed (the value never holds `\n` nor starts with `/`).
    pub(super) fn docs(&mut self, ind: usize, doc: &str) {
        let indent = " ".repeat(ind);
        doc.lines().for_each(|line| crate::emit::deferred_docs::doc_line(&mut self.text, &indent, line));
    }

    fn docs_of(&mut self, ind: usize, raw: Option<&str>) {
        if let Some(raw) = raw {
            self.docs(ind, &crate::emit::docs::to_rustdoc(raw));
        }
    }
}

/// The runtime macro model `i` is marked for (`calls`), if any.
pub(super) fn call_of(types: &Types, i: usize, first_of: &[Option<usize>]) -> Option<&'static str> {
    match (&types.defs[i].kind, first_of[i]) {
        (_, Some(_)) | (TypeKind::Union(_), _) => None,
        (TypeKind::Struct(_), None) => Some("model"),
        (TypeKind::Enum { .. }, None) => Some("wire_enum"),
    }
}

/// Prints model `i` at indent `ind`; `out.fits` turns false where prettyplease would break
/// a line of it.
pub(super) fn print(types: &Types, i: usize, first_of: &[Option<usize>], boxed: &BTreeSet<(usize, usize)>, ind: usize, out: &mut Out) {
    let def = &types.defs[i];
    let name = def.name.as_str();
    if let Some(first) = first_of[i] {
        out.docs_of(ind, def.docs.as_deref());
        // `pub type A = B;`: a path of one name has no break.
        out.line(ind, &["pub type ", name, " = ", &types.defs[first].name, ";"]);
        return;
    }
    match &def.kind {
        TypeKind::Struct(fields) => {
            out.line(ind, &["#[model]"]);
            out.docs_of(ind, def.docs.as_deref());
            // `Default,` last in the tokens: a trailing comma prettyplease leaves out.
            let default = if fields.iter().all(|f| f.optional) { ", Default" } else { "" };
            out.line(ind, &["#[derive(Clone, Debug, PartialEq", default, ")]"]);
            out.breakable(ind, &["pub struct ", name, " {"]);
            print_fields(types, TypeId(i), fields, boxed, ind + 4, out);
            out.line(ind, &["}"]);
        }
        TypeKind::Enum { values, open } => {
            let ints = integer_codes(values);
            let kind = if ints { "i64" } else { "str" };
            out.line(ind, &["#[wire_enum(", kind, if *open { ", open)]" } else { ", closed)]" }]);
            out.docs_of(ind, def.docs.as_deref());
            out.line(ind, &["#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]"]);
            out.breakable(ind, &["pub enum ", name, " {"]);
            print_values(values, ints, ind + 4, out);
            out.line(ind + 4, &["/// A value this crate does not know yet, kept as it arrived."]);
            out.line(ind + 4, &["Other(", if ints { "i64" } else { "String" }, "),"]);
            out.line(ind, &["}"]);
        }
        TypeKind::Union(variants) => {
            out.docs_of(ind, def.docs.as_deref());
            out.line(ind, &["#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]"]);
            out.line(ind, &["#[serde(untagged)]"]);
            if crate::emit::models::holds_struct(types, variants) {
                out.line(ind, &["#[allow(clippy::large_enum_variant)]"]);
            }
            // An enum without variants is printed `pub enum A {}`.
            out.fits &= !variants.is_empty();
            out.breakable(ind, &["pub enum ", name, " {"]);
            for v in variants {
                let mut ty = String::new();
                ty_text(&rust_ty(types, &v.ty), "", &mut ty);
                out.breakable(ind + 4, &[&name::pascal(&v.name), "(", &ty, "),"]);
            }
            out.line(ind, &["}"]);
        }
    }
}

/// A struct's fields (as `models::emit_struct` writes them), then its map of unknown ones.
fn print_fields(types: &Types, id: TypeId, fields: &[Field], boxed: &BTreeSet<(usize, usize)>, ind: usize, out: &mut Out) {
    let (names, extra) = field_names(fields);
    let mut ty = String::new();
    for (fi, (f, rust_name)) in fields.iter().zip(names).enumerate() {
        let rust_ty = field_ty(types, f, boxed.contains(&(id.0, fi)));
        out.docs_of(ind, f.docs.as_deref());
        if rust_name != f.name {
            out.line(ind, &["#[json = ", &Literal::string(&f.name).to_string(), "]"]);
        }
        if let Some(kind) = field_kind(f, matches!(rust_ty, RustTy::Option(_))) {
            out.line(ind, &["#[kind = ", kind, "]"]);
        }
        for alias in &f.aliases {
            out.line(ind, &["#[alias = ", &Literal::string(alias).to_string(), "]"]);
        }
        ty.clear();
        ty_text(&rust_ty, "", &mut ty);
        out.breakable(ind, &["pub ", &rust_name, ": ", &ty, ","]);
    }
    out.line(ind, &["#[extra]"]);
    out.breakable(ind, &["pub ", &extra, ": ::serde_json::Map<String, ::serde_json::Value>,"]);
}

/// An enum's variants (as `models::emit_enum` writes them): `Name = "wire",` has no break.
fn print_values(values: &[EnumValue], ints: bool, ind: usize, out: &mut Out) {
    for (v, unique) in values.iter().zip(variant_names(values)) {
        let raw = wire(&v.value);
        out.docs_of(ind, v.docs.as_deref());
        if name::pascal(&raw) != unique {
            out.docs(ind, &format!("`{raw}`"));
        }
        let value = if ints {
            let n = v.value.as_i64().unwrap_or_default();
            // `-1` is parsed as a negation, printed by its own rules.
            out.fits &= n >= 0;
            n.to_string()
        } else {
            Literal::string(&raw).to_string()
        };
        out.line(ind, &[&unique, " = ", &value, ","]);
    }
}

/// A type as prettyplease prints the tokens of [`RustTy::tokens`], models under `models`
/// (`""` in the models file, `crate::models::` or `models::` in the operations').
pub(super) fn ty_text(ty: &RustTy, models: &str, out: &mut String) {
    let (open, inner) = match ty {
        RustTy::Bool => return out.push_str("bool"),
        RustTy::I64 => return out.push_str("i64"),
        RustTy::F64 => return out.push_str("f64"),
        RustTy::String => return out.push_str("String"),
        RustTy::Timestamp => return out.push_str("crate::Timestamp"),
        RustTy::TimeSpan => return out.push_str("crate::TimeSpan"),
        RustTy::Value => return out.push_str("::serde_json::Value"),
        RustTy::ByteStream => return out.push_str("crate::ByteStream"),
        RustTy::Bytes => return out.push_str("Vec<u8>"),
        RustTy::Unit => return out.push_str("()"),
        RustTy::Model(n) => {
            out.push_str(models);
            return out.push_str(n);
        }
        RustTy::Vec(t) => ("Vec<", t),
        RustTy::Map(t) => ("::std::collections::BTreeMap<String, ", t),
        RustTy::Option(t) => ("Option<", t),
        RustTy::Box(t) => ("Box<", t),
    };
    out.push_str(open);
    ty_text(inner, models, out);
    out.push('>');
}

/// The names model `i`'s item uses as `features::modules` reads them from its types' tokens:
/// every identifier not after `::` (`crate` of `crate::Timestamp`, not `Timestamp`).
pub(super) fn names_used(types: &Types, i: usize, first_of: &[Option<usize>], boxed: &BTreeSet<(usize, usize)>, f: &mut impl FnMut(&str)) {
    if let Some(first) = first_of[i] {
        return f(&types.defs[first].name);
    }
    match &types.defs[i].kind {
        TypeKind::Struct(fields) => {
            for (fi, field) in fields.iter().enumerate() {
                ty_names(&field_ty(types, field, boxed.contains(&(i, fi))), f);
            }
            // `::serde_json::Map<String, ::serde_json::Value>`
            f("String");
        }
        TypeKind::Enum { values, .. } => f(if integer_codes(values) { "i64" } else { "String" }),
        TypeKind::Union(variants) => variants.iter().for_each(|v| ty_names(&rust_ty(types, &v.ty), f)),
    }
}

fn ty_names(ty: &RustTy, f: &mut impl FnMut(&str)) {
    let inner = match ty {
        RustTy::Bool => return f("bool"),
        RustTy::I64 => return f("i64"),
        RustTy::F64 => return f("f64"),
        RustTy::String => return f("String"),
        RustTy::Timestamp | RustTy::TimeSpan | RustTy::ByteStream => return f("crate"),
        RustTy::Value | RustTy::Unit => return,
        RustTy::Bytes => {
            f("Vec");
            return f("u8");
        }
        RustTy::Model(n) => return f(n),
        RustTy::Vec(t) => {
            f("Vec");
            t
        }
        RustTy::Map(t) => {
            f("String");
            t
        }
        RustTy::Option(t) => {
            f("Option");
            t
        }
        RustTy::Box(t) => {
            f("Box");
            t
        }
    };
    ty_names(inner, f)
}
