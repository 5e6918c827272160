//! The type arena into Rust items: structs that keep unknown fields, open enums that keep
//! unknown values, untagged unions.

use super::docs::to_rustdoc;
use crate::model::{Field, Ty, TypeId, TypeKind, Types};
use crate::surface::{self, rust::{field_names, field_ty, RustTy}, types::{boxed_edges, integer_codes, variant_names, wire}};
use crate::name;
use proc_macro2::{Delimiter, Group, Ident, Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeSet, HashMap};

/// The Rust type of a reference, as seen from the `models` module (`module` empty) or from
/// elsewhere (`module` = `crate::models`). The surface decides it; this spells it.
pub fn rust_ty(types: &Types, ty: &Ty, module: &TokenStream) -> TokenStream {
    surface::rust_ty(types, ty).tokens(module)
}

pub fn doc_attr(doc: &str) -> TokenStream {
    let lines = doc.lines().map(doc_line);
    quote!(#(#[doc = #lines])*)
}

/// One line of docs as the literal ` {line}`, spelled raw (`r"..."`) where it can be: a
/// cooked literal is escaped a character at a time here and unescaped again by syn, three
/// times over (peek, parse, prettyplease's `value()`), where a raw one is only scanned for its
/// end. Docs are most of the generated text, so this is a fifth of emitting. The value, and
/// so the `///` line prettyplease prints, is the same either way.
fn doc_line(line: &str) -> Literal {
    // A raw literal cannot hold a lone carriage return.
    if line.contains('\r') {
        return Literal::string(&format!(" {line}"));
    }
    // As many `#` as close no `"#...` run inside the line.
    let mut hashes = 0;
    let mut rest = line;
    while let Some(at) = rest.find('"') {
        rest = &rest[at + 1..];
        let run = rest.len() - rest.trim_start_matches('#').len();
        hashes = hashes.max(run + 1);
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\" {line}\"{fence}").parse().unwrap_or_else(|_| Literal::string(&format!(" {line}")))
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
/// decides which (`first_of`: `surface::types::alias_targets`; the diff compares them);
/// equal shapes must give equal text.
pub fn emit_models(types: &Types, first_of: &[Option<usize>]) -> TokenStream {
    let boxed = boxed_edges(types);
    let mut texts: HashMap<usize, String> = HashMap::new();
    // Streams are appended by value: interpolated (`#x`) they are copied, token by token.
    let mut items = TokenStream::new();
    for i in 0..types.defs.len() {
        // Debug builds check that an alias has its target's shape: with a placeholder name,
        // equal shapes give equal text.
        if cfg!(debug_assertions) {
            let placeholder = format_ident!("__Same");
            match first_of[i] {
                Some(first) => assert_eq!(texts.get(&first), Some(&def_body(types, i, &placeholder, &boxed).to_string()), "{} is an alias of another shape", types.defs[i].name),
                None => {
                    texts.insert(i, def_body(types, i, &placeholder, &boxed).to_string());
                }
            }
        }
        items.extend(item_tokens(types, i, first_of, &boxed));
    }
    items
}

/// Model `i` as an item under its own name, with its docs: an alias of its first shape
/// where it has one (`first_of`), else its definition.
pub fn item_tokens(types: &Types, i: usize, first_of: &[Option<usize>], boxed: &BTreeSet<(usize, usize)>) -> TokenStream {
    let def = &types.defs[i];
    let docs = docs_of(def.docs.as_deref());
    let ident = name::ident(&def.name);
    let mut item = docs;
    match first_of[i] {
        Some(first) => {
            let first = name::ident(&types.defs[first].name);
            item.extend(quote!(pub type #ident = #first;));
        }
        None => item.extend(def_body(types, i, &ident, boxed)),
    }
    item
}

/// Model `i`'s item named `name`, without its type docs.
fn def_body(types: &Types, i: usize, name: &Ident, boxed: &BTreeSet<(usize, usize)>) -> TokenStream {
    match &types.defs[i].kind {
        TypeKind::Struct(fields) => emit_struct(types, TypeId(i), name, fields, boxed),
        TypeKind::Enum { values, open } => emit_enum(name, values, *open),
        TypeKind::Union(variants) => {
            let vs = variants.iter().map(|v| {
                let vi = name::ident(&name::pascal(&v.name));
                let ty = rust_ty(types, &v.ty, &quote!());
                quote!(#vi(#ty))
            });
            // A union holds one of its shapes at a time; boxing a big struct would only
            // make every match on it longer.
            let allow = if holds_struct(types, variants) { quote!(#[allow(clippy::large_enum_variant)]) } else { quote!() };
            quote! {
                #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
                #[serde(untagged)]
                #allow
                pub enum #name { #(#vs,)* }
            }
        }
    }
}

/// Whether a union has a struct among its shapes (it then allows `large_enum_variant`).
pub fn holds_struct(types: &Types, variants: &[crate::model::Variant]) -> bool {
    variants.iter().any(|v| matches!(&v.ty, Ty::Named(id) if matches!(types.get(*id).kind, TypeKind::Struct(_))))
}

/// The struct, marked for the runtime's `model!` (`emit::calls`), which writes its serde
/// impls: per field, after its docs, its JSON name where the Rust name is not it, its kind
/// where its type does not say it, and its aliases.
fn emit_struct(types: &Types, id: TypeId, ident: &Ident, fields: &[Field], boxed: &BTreeSet<(usize, usize)>) -> TokenStream {
    let (names, extra_name) = field_names(fields);
    let mut out = TokenStream::new();
    for (fi, (f, rust_name)) in fields.iter().zip(names).enumerate() {
        let fident = name::ident(&rust_name);
        // The surface decides the type (boxing and `Option` layers); emit adds serde's view.
        let rust_ty = field_ty(types, f, boxed.contains(&(id.0, fi)));
        let is_option = matches!(rust_ty, RustTy::Option(_));
        let ty = rust_ty.tokens(&quote!());
        let json = &f.name;
        let rename = if rust_name != *json { quote!(#[json = #json]) } else { quote!() };
        let kind = field_kind(f, is_option).map(|k| {
            let k = format_ident!("{k}");
            quote!(#[kind = #k])
        });
        let aliases = &f.aliases;
        out.extend([docs_of(f.docs.as_deref()), quote!(#rename #kind #(#[alias = #aliases])* pub #fident: #ty,)]);
    }
    let extra = name::ident(&extra_name);
    let default = if fields.iter().all(|f| f.optional) { quote!(Default,) } else { quote!() };
    // `extra` is documented once, in the module docs.
    out.extend(quote!(#[extra] pub #extra: ::serde_json::Map<String, ::serde_json::Value>,));
    let body = Group::new(Delimiter::Brace, out);
    quote! {
        #[model]
        #[derive(Clone, Debug, PartialEq, #default)]
        pub struct #ident #body
    }
}

/// How a field travels (the runtime's `model` module has one type per kind): `None` for
/// what its type says (`Auto`: read as itself, an `Option` left out when `None`).
pub(super) fn field_kind(f: &Field, is_option: bool) -> Option<&'static str> {
    Some(match (f.optional, f.nullable, f.lenient) {
        // A required `Option` is sent as `null`.
        (false, _, false) if is_option => "Req",
        (false, _, false) => return None,
        (false, _, true) => "Lenient",
        (true, false, true) => "LenientSome",
        (true, true, true) => "LenientDouble",
        // `Value` holds `null` itself: a null that arrived must not become "absent".
        (true, false, false) if f.ty == Ty::Json => "PresentValue",
        (true, false, false) if is_option => return None,
        (true, false, false) => "Opt",
        (true, true, false) => "Nullable",
    })
}

/// The enum, marked for the runtime's `wire_enum!` (`emit::calls`), which writes its impls:
/// each variant with its wire value, and its wire type and openness after its name.
fn emit_enum(ident: &Ident, values: &[crate::model::EnumValue], open: bool) -> TokenStream {
    // Integer codes (Outseta's `AccountStage`) travel as numbers; everything else as strings.
    let ints = integer_codes(values);
    let mut variants = Vec::new();
    for (v, unique) in values.iter().zip(variant_names(values)) {
        let raw = wire(&v.value);
        let vi = name::ident(&unique);
        let vdocs = docs_of(v.docs.as_deref());
        // The wire value, where the name does not already spell it.
        let vdoc_value = if name::pascal(&raw) == unique { quote!() } else { doc_attr(&format!("`{raw}`")) };
        let value = if ints { Literal::i64_unsuffixed(v.value.as_i64().unwrap_or_default()) } else { Literal::string(&raw) };
        variants.push(quote!(#vdocs #vdoc_value #vi = #value));
    }
    let (wire, kind) = if ints { (quote!(i64), quote!(i64)) } else { (quote!(String), quote!(str)) };
    let open = if open { quote!(open) } else { quote!(closed) };
    quote! {
        #[wire_enum(#kind, #open)]
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ident {
            #(#variants,)*
            /// A value this crate does not know yet, kept as it arrived.
            Other(#wire),
        }
    }
}
