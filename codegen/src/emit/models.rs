//! The type arena into Rust items: structs that keep unknown fields, open enums that keep
//! unknown values, untagged unions.

use super::docs::to_rustdoc;
use crate::model::{Field, Ty, TypeId, TypeKind, Types};
use crate::surface::{self, rust::{field_names, field_ty}, types::{boxed_edges, integer_codes, variant_names, wire}};
use crate::name;
use proc_macro2::{Group, Ident, TokenStream, TokenTree};
use quote::{format_ident, quote};
use std::collections::{BTreeSet, HashMap};

/// The Rust type of a reference, as seen from the `models` module (`module` empty) or from
/// elsewhere (`module` = `crate::models`). The surface decides it; this spells it.
pub fn rust_ty(types: &Types, ty: &Ty, module: &TokenStream) -> TokenStream {
    surface::rust_ty(types, ty).tokens(module)
}

pub fn doc_attr(doc: &str) -> TokenStream {
    let lines: Vec<String> = doc.lines().map(|l| format!(" {l}")).collect();
    quote!(#(#[doc = #lines])*)
}

fn docs_of(raw: Option<&str>) -> TokenStream {
    match raw.map(to_rustdoc).filter(|d| !d.is_empty()) {
        Some(d) => doc_attr(&d),
        None => TokenStream::new(),
    }
}

/// All model items, in arena order (which follows the API's operations, so it is stable).
/// A type with the same fields (and field docs) as an earlier one is an alias of it: large
/// APIs describe the same object inline many times under different names. The surface
/// decides which (the diff compares them); equal shapes must give equal text.
pub fn emit_models(types: &Types) -> TokenStream {
    let boxed = boxed_edges(types);
    let placeholder = format_ident!("__Same");
    let first_of = surface::types::alias_targets(types);
    let mut texts: HashMap<usize, String> = HashMap::new();
    let mut items = Vec::new();
    for (i, def) in types.defs.iter().enumerate() {
        let docs = docs_of(def.docs.as_deref());
        let ident = name::ident(&def.name);
        // The item with a placeholder name and no type docs: equal shapes give equal text.
        let body = match &def.kind {
            TypeKind::Struct(fields) => emit_struct(types, TypeId(i), &placeholder, fields, &boxed),
            TypeKind::Enum { values, open } => emit_enum(&placeholder, values, *open),
            TypeKind::Union(variants) => {
                let vs = variants.iter().map(|v| {
                    let vi = name::ident(&name::pascal(&v.name));
                    let ty = rust_ty(types, &v.ty, &quote!());
                    quote!(#vi(#ty))
                });
                // A union holds one of its shapes at a time; boxing a big struct would only
                // make every match on it longer.
                let holds_struct = variants.iter().any(|v| matches!(&v.ty, Ty::Named(id) if matches!(types.get(*id).kind, TypeKind::Struct(_))));
                let allow = if holds_struct { quote!(#[allow(clippy::large_enum_variant)]) } else { quote!() };
                quote! {
                    #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                    #[serde(untagged)]
                    #allow
                    pub enum #placeholder { #(#vs,)* }
                }
            }
        };
        match first_of[i] {
            Some(first) => {
                debug_assert_eq!(texts.get(&first), Some(&body.to_string()), "{} is an alias of another shape", def.name);
                let first = name::ident(&types.defs[first].name);
                items.push(quote!(#docs pub type #ident = #first;));
            }
            None => {
                if cfg!(debug_assertions) {
                    texts.insert(i, body.to_string());
                }
                let body = rename(body, &placeholder, &ident);
                items.push(quote!(#docs #body));
            }
        }
    }
    // The field attributes name these helpers by their short names, so that they fit on a line.
    let fields = || types.defs.iter().flat_map(|d| match &d.kind {
        TypeKind::Struct(fields) => fields.as_slice(),
        _ => &[],
    });
    let mut helpers = Vec::new();
    if fields().any(|f| f.optional) {
        helpers.push(format_ident!("is_none"));
    }
    if fields().any(|f| f.optional && f.nullable && !f.lenient) {
        helpers.push(format_ident!("nullable"));
    }
    if fields().any(|f| f.optional && !f.nullable && !f.lenient && f.ty == Ty::Json) {
        helpers.push(format_ident!("present_value"));
    }
    // One import each: each is gated by its own users' features (see `features/gate.rs`).
    quote!(#(use crate::runtime::#helpers;)* #(#items)*)
}

/// `tokens` with every `from` identifier replaced by `to`.
fn rename(tokens: TokenStream, from: &Ident, to: &Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|t| match t {
            TokenTree::Ident(i) if &i == from => TokenTree::Ident(to.clone()),
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), rename(g.stream(), from, to));
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other,
        })
        .collect()
}

fn emit_struct(types: &Types, id: TypeId, ident: &Ident, fields: &[Field], boxed: &BTreeSet<(usize, usize)>) -> TokenStream {
    let (names, extra_name) = field_names(fields);
    let mut all_optional = true;
    let mut out = Vec::new();
    for (fi, (f, rust_name)) in fields.iter().zip(names).enumerate() {
        let fident = name::ident(&rust_name);
        // The surface decides the type (boxing and `Option` layers); emit adds serde's view.
        let ty = field_ty(types, f, boxed.contains(&(id.0, fi))).tokens(&quote!());
        let mut attrs = Vec::new();
        if rust_name.trim_start_matches("r#") != f.name {
            let json = &f.name;
            attrs.push(quote!(rename = #json));
        }
        for alias in &f.aliases {
            attrs.push(quote!(alias = #alias));
        }
        match (f.optional, f.nullable) {
            (false, _) => {
                all_optional = false;
                if f.lenient {
                    attrs.push(quote!(deserialize_with = "crate::runtime::lenient"));
                }
            }
            (true, false) if f.lenient => {
                attrs.push(quote!(default, skip_serializing_if = "is_none", deserialize_with = "crate::runtime::lenient_some"));
            }
            (true, true) if f.lenient => {
                attrs.push(quote!(default, skip_serializing_if = "is_none", deserialize_with = "crate::runtime::lenient_double"));
            }
            (true, false) if f.ty == Ty::Json => {
                // `Value` holds `null` itself: a null that arrived must not become "absent".
                attrs.push(quote!(default, skip_serializing_if = "is_none", deserialize_with = "present_value"));
            }
            (true, false) => {
                attrs.push(quote!(default, skip_serializing_if = "is_none"));
            }
            (true, true) => {
                attrs.push(quote!(default, skip_serializing_if = "is_none", deserialize_with = "nullable"));
            }
        }
        let fdocs = docs_of(f.docs.as_deref());
        let serde = if attrs.is_empty() { quote!() } else { quote!(#[serde(#(#attrs),*)]) };
        out.push(quote! {
            #fdocs
            #serde
            pub #fident: #ty,
        });
    }
    let extra = name::ident(&extra_name);
    let default = if all_optional { quote!(Default,) } else { quote!() };
    // `extra` is documented once, in the module docs.
    quote! {
        #[derive(Clone, Debug, PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        pub struct #ident {
            #(#out)*
            #[serde(flatten)]
            pub #extra: ::serde_json::Map<String, ::serde_json::Value>,
        }
    }
}

fn emit_enum(ident: &Ident, values: &[crate::model::EnumValue], open: bool) -> TokenStream {
    // Integer codes (Outseta's `AccountStage`) travel as numbers; everything else as strings.
    let ints = integer_codes(values);
    let mut variants = Vec::new();
    let mut pairs = Vec::new();
    for (v, unique) in values.iter().zip(variant_names(values)) {
        let raw = wire(&v.value);
        let vi = name::ident(&unique);
        let vdocs = docs_of(v.docs.as_deref());
        // The wire value, where the name does not already spell it.
        let vdoc_value = if name::pascal(&raw) == unique { quote!() } else { doc_attr(&format!("`{raw}`")) };
        variants.push(quote!(#vdocs #vdoc_value #vi));
        if ints {
            let n = v.value.as_i64().unwrap_or_default();
            pairs.push(quote!(#vi = #n));
        } else {
            pairs.push(quote!(#vi = #raw));
        }
    }
    let (wire, kind) = if ints { (quote!(i64), quote!(i64)) } else { (quote!(String), quote!(str)) };
    // The impls are the runtime's `wire_enum!`: the same five for every enum.
    quote! {
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(#variants,)*
            /// A value this crate does not know yet, kept as it arrived.
            Other(#wire),
        }
        crate::runtime::wire_enum!(#ident, #open, #kind, [#(#pairs),*]);
    }
}
