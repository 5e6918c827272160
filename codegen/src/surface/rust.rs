//! Rust types as the crate spells them. One decision, two renderings: tokens for emit, a
//! normalized string (`Option<Vec<Pet>>`) for the diff, so the two cannot disagree.

use crate::model::{Field, Ty, Types};
use crate::name;
use proc_macro2::TokenStream;
use quote::quote;
use std::fmt;

/// A Rust type of the generated crate's public surface.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RustTy {
    Bool,
    I64,
    F64,
    String,
    Timestamp,
    TimeSpan,
    Value,
    ByteStream,
    /// A raw body, as `Vec<u8>`.
    Bytes,
    Unit,
    /// A model of the crate, by its Rust name.
    Model(std::string::String),
    Vec(Box<RustTy>),
    Map(Box<RustTy>),
    Option(Box<RustTy>),
    Box(Box<RustTy>),
}

impl RustTy {
    pub fn option(self) -> RustTy {
        RustTy::Option(Box::new(self))
    }

    /// The tokens emit writes; models are named under `module` (`crate::models::`, or empty
    /// inside the models module).
    pub fn tokens(&self, module: &TokenStream) -> TokenStream {
        match self {
            RustTy::Bool => quote!(bool),
            RustTy::I64 => quote!(i64),
            RustTy::F64 => quote!(f64),
            RustTy::String => quote!(String),
            RustTy::Timestamp => quote!(crate::Timestamp),
            RustTy::TimeSpan => quote!(crate::TimeSpan),
            RustTy::Value => quote!(::serde_json::Value),
            RustTy::ByteStream => quote!(crate::ByteStream),
            RustTy::Bytes => quote!(Vec<u8>),
            RustTy::Unit => quote!(()),
            RustTy::Model(n) => {
                let ident = name::ident(n);
                quote!(#module #ident)
            }
            RustTy::Vec(t) => {
                let t = t.tokens(module);
                quote!(Vec<#t>)
            }
            RustTy::Map(t) => {
                let t = t.tokens(module);
                quote!(::std::collections::BTreeMap<String, #t>)
            }
            RustTy::Option(t) => {
                let t = t.tokens(module);
                quote!(Option<#t>)
            }
            RustTy::Box(t) => {
                let t = t.tokens(module);
                quote!(Box<#t>)
            }
        }
    }
}

/// The normalized spelling: no paths, `Option<Vec<Pet>>`, `BTreeMap<String, i64>`.
impl fmt::Display for RustTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RustTy::Bool => f.write_str("bool"),
            RustTy::I64 => f.write_str("i64"),
            RustTy::F64 => f.write_str("f64"),
            RustTy::String => f.write_str("String"),
            RustTy::Timestamp => f.write_str("Timestamp"),
            RustTy::TimeSpan => f.write_str("TimeSpan"),
            RustTy::Value => f.write_str("Value"),
            RustTy::ByteStream => f.write_str("ByteStream"),
            RustTy::Bytes => f.write_str("Vec<u8>"),
            RustTy::Unit => f.write_str("()"),
            RustTy::Model(n) => f.write_str(n.trim_start_matches("r#")),
            RustTy::Vec(t) => write!(f, "Vec<{t}>"),
            RustTy::Map(t) => write!(f, "BTreeMap<String, {t}>"),
            RustTy::Option(t) => write!(f, "Option<{t}>"),
            RustTy::Box(t) => write!(f, "Box<{t}>"),
        }
    }
}

/// The Rust type of a model reference.
pub fn rust_ty(types: &Types, ty: &Ty) -> RustTy {
    match ty {
        Ty::Bool => RustTy::Bool,
        Ty::Integer => RustTy::I64,
        Ty::Float => RustTy::F64,
        Ty::String => RustTy::String,
        Ty::DateTime => RustTy::Timestamp,
        Ty::Duration => RustTy::TimeSpan,
        Ty::Json => RustTy::Value,
        Ty::List(item) => RustTy::Vec(Box::new(rust_ty(types, item))),
        Ty::Map(value) => RustTy::Map(Box::new(rust_ty(types, value))),
        Ty::Named(id) => RustTy::Model(types.get(*id).name.clone()),
    }
}

/// A struct field's Rust type: its value (boxed where it leads back to its own struct), in
/// one `Option` where it may be absent or null, two where it may be both.
pub fn field_ty(types: &Types, f: &Field, boxed: bool) -> RustTy {
    let mut base = rust_ty(types, &f.ty);
    if boxed {
        base = RustTy::Box(Box::new(base));
    }
    match (f.optional, f.nullable) {
        (false, false) => base,
        (true, true) => base.option().option(),
        _ => base.option(),
    }
}

/// The Rust names of a struct's fields, in order, and of its map of unknown fields last.
pub fn field_names(fields: &[Field]) -> (Vec<std::string::String>, std::string::String) {
    let wanted: Vec<std::string::String> = fields.iter().map(|f| f.rust_name.clone().unwrap_or_else(|| name::snake(&f.name))).collect();
    // Most structs' names differ already, and none is `extra`: then each name is its own
    // (`name::unique` cloned every name into a set: a third of printing the models).
    let mut sorted: Vec<&str> = wanted.iter().map(std::string::String::as_str).collect();
    sorted.sort_unstable();
    if sorted.windows(2).all(|w| w[0] != w[1]) && sorted.binary_search(&"extra").is_err() {
        return (wanted, "extra".to_string());
    }
    let mut taken = std::collections::BTreeSet::new();
    let names = wanted.into_iter().map(|n| name::unique(n, &mut taken)).collect();
    (names, name::unique("extra".to_string(), &mut taken))
}
