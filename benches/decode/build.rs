//! Derives, from each generated crate's `models.rs`, the two model variants the decode
//! benchmark compares the generated models against:
//!
//! - `plain`: the same structs without the `#[serde(flatten)]` map of unknown fields, so
//!   serde's derive reads them directly (unknown fields are dropped);
//! - `fast`: the same structs keeping unknown fields, read by a hand-rolled map visitor (what
//!   serde's derive does for a plain struct, plus a catch-all arm) instead of `flatten`, which
//!   buffers every object into serde's private `Content` tree before reading the fields.
//!
//! It also turns the crate's `round_trip.rs` dispatch (operation, status, request -> type) into
//! a table of decoders. Anything it does not understand is skipped with a note, never a failed
//! build: this crate is compiled by CI along with the rest of the workspace.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::path::{Path, PathBuf};

/// The generated crates this crate depends on (see Cargo.toml).
const APIS: &[&str] = &["crankwheel", "crankwheel-reseller", "outseta"];

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let generated = here.join("../../generated");
    let mut out = String::new();
    let mut table = Vec::new();
    for api in APIS {
        let src = generated.join(api).join("src");
        for file in ["models.rs", "round_trip.rs", "runtime/serde_helpers.rs", "runtime/wire_enum.rs"] {
            println!("cargo:rerun-if-changed={}", src.join(file).display());
        }
        let module = api.replace('-', "_");
        match api_module(&src, &module) {
            Ok(code) => out.push_str(&code),
            Err(why) => {
                println!("cargo:warning=decode-bench: {api} skipped: {why}");
                out.push_str(&format!(
                    "pub mod {module} {{ pub fn entries() -> Vec<crate::Entry> {{ Vec::new() }} pub const SKIPPED: Option<&str> = Some({why:?}); }}\n"
                ));
            }
        }
        table.push(format!("crate::Api {{ name: {api:?}, entries: {module}::entries, skipped: {module}::SKIPPED }}"));
    }
    out.push_str(&format!("/// Each API's decoders.\npub const APIS: &[crate::Api] = &[{}];\n", table.join(", ")));
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("variants.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        println!("cargo:warning=decode-bench: cannot write {}: {e}", dest.display());
    }
}

/// The module of one API: `plain` and `fast` model variants and its decoder table.
fn api_module(src: &Path, module: &str) -> Result<String, String> {
    let read = |f: &str| std::fs::read_to_string(src.join(f)).map_err(|e| format!("cannot read {f}: {e}"));
    let models = read("models.rs")?;
    let round_trip = read("round_trip.rs")?;
    // The enums' impls are the runtime's `wire_enum!` macro.
    let helpers = read("runtime/serde_helpers.rs")? + &read("runtime/wire_enum.rs")?;
    // The models call runtime helpers by absolute path; each variant gets its own copy.
    for name in models.split("crate::runtime::").skip(1) {
        let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !helpers.contains(&format!("fn {name}")) && !helpers.contains(&format!("macro_rules! {name}")) {
            return Err(format!("models.rs uses crate::runtime::{name}, which is not in serde_helpers.rs or wire_enum.rs"));
        }
    }
    // Times are the crate's own runtime types, not serde helpers: the bench uses them from
    // the crate itself.
    let models = models.replace("crate::runtime::", "self::runtime::").replace("crate::Timestamp", &format!("::{module}::Timestamp")).replace("crate::TimeSpan", &format!("::{module}::TimeSpan"));
    let helpers: String = helpers.lines().filter(|l| !l.starts_with("//!")).collect::<Vec<_>>().join("\n");
    let mut file = syn::parse_file(&models).map_err(|e| format!("models.rs does not parse: {e}"))?;
    file.attrs.clear();
    // The crate compiles a model under the Cargo features (tags) that reach it; here every
    // model is wanted, and this crate has none of those features.
    for item in &mut file.items {
        if let Some(attrs) = item_attrs(item) {
            attrs.retain(|a| !a.path().is_ident("cfg"));
        }
    }
    let plain = plain_variant(file.clone());
    let (fast, fallbacks) = fast_variant(file)?;
    let entries = entries(&round_trip, module)?;
    Ok(format!(
        "pub mod {module} {{
    pub const SKIPPED: Option<&str> = None;
    /// Structs the fast variant left to serde's derive (an attribute it does not handle).
    pub const FAST_FALLBACKS: usize = {fallbacks};
    #[allow(dead_code, clippy::all)]
    pub mod plain {{
        mod runtime {{ {helpers} }}
        {plain}
    }}
    #[allow(dead_code, clippy::all)]
    pub mod fast {{
        mod runtime {{ {helpers} }}
        {fast}
    }}
    pub fn entries() -> Vec<crate::Entry> {{ vec![{entries}] }}
}}
"
    ))
}

fn is_flatten(field: &syn::Field) -> bool {
    field.attrs.iter().any(|a| {
        let mut flat = false;
        if a.path().is_ident("serde") {
            let _ = a.parse_nested_meta(|m| {
                if m.path.is_ident("flatten") {
                    flat = true;
                } else if m.input.peek(syn::Token![=]) {
                    let _: syn::Expr = m.value()?.parse()?;
                }
                Ok(())
            });
        }
        flat
    })
}

/// The structs without their `flatten` field.
fn plain_variant(mut file: syn::File) -> String {
    for item in &mut file.items {
        if let syn::Item::Struct(s) = item {
            if let syn::Fields::Named(named) = &mut s.fields {
                named.named = named.named.clone().into_iter().filter(|f| !is_flatten(f)).collect();
            }
        }
    }
    prettyplease::unparse(&file)
}

/// What the fast visitor needs to know about one field.
struct FieldSpec {
    ident: syn::Ident,
    ty: syn::Type,
    name: String,
    aliases: Vec<String>,
    default: bool,
    with: Option<syn::Path>,
}

fn field_spec(f: &syn::Field) -> Result<FieldSpec, String> {
    let ident = f.ident.clone().ok_or("unnamed field")?;
    let mut spec = FieldSpec {
        name: ident.to_string().trim_start_matches("r#").to_string(),
        ident,
        ty: f.ty.clone(),
        aliases: Vec::new(),
        default: false,
        with: None,
    };
    for a in f.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        a.parse_nested_meta(|m| {
            if m.path.is_ident("rename") {
                spec.name = m.value()?.parse::<syn::LitStr>()?.value();
            } else if m.path.is_ident("alias") {
                spec.aliases.push(m.value()?.parse::<syn::LitStr>()?.value());
            } else if m.path.is_ident("default") {
                spec.default = true;
            } else if m.path.is_ident("deserialize_with") {
                spec.with = Some(m.value()?.parse::<syn::LitStr>()?.parse()?);
            } else if m.path.is_ident("skip_serializing_if") {
                let _: syn::LitStr = m.value()?.parse()?;
            } else {
                return Err(m.error("not handled by the fast variant"));
            }
            Ok(())
        })
        .map_err(|e| e.to_string())?;
    }
    Ok(spec)
}

/// The structs with a `flatten` map, deserialized by a generated visitor instead of the derive.
fn fast_variant(mut file: syn::File) -> Result<(String, usize), String> {
    let mut impls = Vec::new();
    let mut fallbacks = 0;
    for item in &mut file.items {
        let syn::Item::Struct(s) = item else { continue };
        let syn::Fields::Named(named) = &s.fields else { continue };
        let Some(extra) = named.named.iter().find(|f| is_flatten(f)).and_then(|f| f.ident.clone()) else { continue };
        let specs: Result<Vec<FieldSpec>, String> = named.named.iter().filter(|f| !is_flatten(f)).map(field_spec).collect();
        let Ok(specs) = specs else {
            fallbacks += 1;
            continue;
        };
        // Drop `Deserialize` from the derive list: the impl below replaces it.
        for a in &mut s.attrs {
            if a.path().is_ident("derive") {
                let paths = a
                    .parse_args_with(syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
                    .map_err(|e| e.to_string())?;
                let kept: Vec<&syn::Path> = paths.iter().filter(|p| p.segments.last().is_none_or(|l| l.ident != "Deserialize")).collect();
                *a = syn::parse_quote!(#[derive(#(#kept),*)]);
            }
        }
        impls.push(fast_impl(&s.ident, &extra, &specs));
    }
    let code = quote!(#(#impls)*);
    let impls: syn::File = syn::parse2(code).map_err(|e| format!("fast impls do not parse: {e}"))?;
    file.items.extend(impls.items);
    Ok((prettyplease::unparse(&file), fallbacks))
}

fn fast_impl(ident: &syn::Ident, extra: &syn::Ident, fields: &[FieldSpec]) -> TokenStream {
    let expecting = format!("struct {ident}");
    let vars: Vec<syn::Ident> = (0..fields.len()).map(|i| format_ident!("f{i}")).collect();
    let decls = fields.iter().zip(&vars).map(|(f, v)| {
        let ty = &f.ty;
        quote!(let mut #v: ::std::option::Option<#ty> = ::std::option::Option::None;)
    });
    let arms = fields.iter().zip(&vars).map(|(f, v)| {
        let name = &f.name;
        let keys = std::iter::once(&f.name).chain(&f.aliases);
        let ty = &f.ty;
        let read = match &f.with {
            None => quote!(map.next_value::<#ty>()?),
            Some(path) => quote!({
                struct W(#ty);
                impl<'de> ::serde::Deserialize<'de> for W {
                    fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                        #path(d).map(W)
                    }
                }
                map.next_value::<W>()?.0
            }),
        };
        quote! {
            #(#keys)|* => {
                if #v.is_some() {
                    return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(#name));
                }
                #v = ::std::option::Option::Some(#read);
            }
        }
    });
    let finish = fields.iter().zip(&vars).map(|(f, v)| {
        let fi = &f.ident;
        let name = &f.name;
        if f.default {
            quote!(#fi: #v.unwrap_or_default())
        } else {
            quote!(#fi: match #v { ::std::option::Option::Some(v) => v, ::std::option::Option::None => crate::fastde::missing(#name)? })
        }
    });
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = #ident;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<#ident, A::Error> {
                        #(#decls)*
                        let mut #extra = ::serde_json::Map::new();
                        while let ::std::option::Option::Some(key) = map.next_key::<crate::fastde::Key<'de>>()? {
                            match key.as_str() {
                                #(#arms)*
                                _ => {
                                    let value = map.next_value()?;
                                    #extra.insert(key.into_string(), value);
                                }
                            }
                        }
                        ::std::result::Result::Ok(#ident { #(#finish,)* #extra })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }
    }
}

/// The decoder table, from the arms of `round_trip`'s match:
/// `("op", Some(200u16), false) => check::<crate::models::T>` (or `…(json)`).
fn entries(round_trip: &str, module: &str) -> Result<String, String> {
    let file = syn::parse_file(round_trip).map_err(|e| format!("round_trip.rs does not parse: {e}"))?;
    let mut arms = Vec::new();
    for item in &file.items {
        if let syn::Item::Fn(f) = item {
            if f.sig.ident == "round_trip" {
                collect_arms(&f.block.stmts, &mut arms);
            }
        }
    }
    if arms.is_empty() {
        return Err("no `(operation, status, request) => check::<T>(json)` arms in round_trip.rs".into());
    }
    let krate = module;
    let out: Vec<String> = arms
        .iter()
        .map(|(op, status, request, ty)| {
            let ty_in = |prefix: &str| ty.replace("crate :: models ::", prefix);
            let status = match status {
                Some(s) => format!("Some({s})"),
                None => "None".into(),
            };
            format!(
                "crate::Entry {{ operation: {op:?}, status: {status}, request: {request}, ty: {ty:?}, \
                 generated: crate::decode::<{g}>, plain: crate::decode::<{p}>, fast: crate::decode::<{f}>, \
                 fast_agrees: crate::agrees::<{g}, {f}> }}",
                g = ty_in(&format!("::{krate}::models::")),
                p = ty_in("self::plain::"),
                f = ty_in("self::fast::"),
            )
        })
        .collect();
    Ok(out.join(",\n"))
}

type Arm = (String, Option<u16>, bool, String);

fn collect_arms(stmts: &[syn::Stmt], out: &mut Vec<Arm>) {
    for stmt in stmts {
        // `match … { arms }`, or `let check: fn(…) = match … { arms };`.
        let expr = match stmt {
            syn::Stmt::Expr(e, _) => e,
            syn::Stmt::Local(syn::Local { init: Some(init), .. }) => &*init.expr,
            _ => continue,
        };
        if let syn::Expr::Match(m) = expr {
            for arm in &m.arms {
                if let Some(a) = arm_of(arm) {
                    out.push(a);
                }
            }
        }
    }
}

fn arm_of(arm: &syn::Arm) -> Option<Arm> {
    let syn::Pat::Tuple(t) = &arm.pat else { return None };
    let elems: Vec<&syn::Pat> = t.elems.iter().collect();
    let [op, status, request] = elems.as_slice() else { return None };
    let op = match op {
        syn::Pat::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => s.value(),
        _ => return None,
    };
    let status = match status {
        syn::Pat::Ident(i) if i.ident == "None" => None,
        syn::Pat::TupleStruct(ts) => match ts.elems.first() {
            Some(syn::Pat::Lit(syn::ExprLit { lit: syn::Lit::Int(n), .. })) => Some(n.base10_parse::<u16>().ok()?),
            _ => return None,
        },
        _ => return None,
    };
    let request = match request {
        syn::Pat::Lit(syn::ExprLit { lit: syn::Lit::Bool(b), .. }) => b.value,
        _ => return None,
    };
    let mut body = &*arm.body;
    while let syn::Expr::Block(b) = body {
        match b.block.stmts.as_slice() {
            [syn::Stmt::Expr(e, None)] => body = e,
            _ => return None,
        }
    }
    // `check::<T>(json)`, or the function itself: `check::<T>`.
    let func = match body {
        syn::Expr::Call(call) => &*call.func,
        other => other,
    };
    let syn::Expr::Path(p) = func else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "check" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else { return None };
    let Some(syn::GenericArgument::Type(ty)) = args.args.first() else { return None };
    Some((op, status, request, quote!(#ty).to_string()))
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Struct(s) => &mut s.attrs,
        syn::Item::Enum(e) => &mut e.attrs,
        syn::Item::Type(t) => &mut t.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Use(u) => &mut u.attrs,
        syn::Item::Macro(m) => &mut m.attrs,
        _ => return None,
    })
}
