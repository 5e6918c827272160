//! Derives, from each generated crate's `models.rs`, the baseline the decode benchmark
//! compares the generated models against: `plain`, the same structs without the map of
//! unknown fields, with `#[derive(Serialize, Deserialize)]` and the serde attributes that say
//! what each struct's line says in its `model!` call (unknown fields are dropped).
//!
//! It also turns the crate's `round_trip.rs` dispatch (operation, status, request -> type) into
//! a table of decoders. Anything it does not understand is skipped with a note, never a failed
//! build: this crate is compiled by CI along with the rest of the workspace.

use quote::quote;
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
        for file in ["models.rs", "round_trip.rs", "runtime/serde_helpers.rs", "runtime/wire_enum.rs", "runtime/model.rs"] {
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

/// The module of one API: its `plain` model variant and its decoder table.
fn api_module(src: &Path, module: &str) -> Result<String, String> {
    let read = |f: &str| std::fs::read_to_string(src.join(f)).map_err(|e| format!("cannot read {f}: {e}"));
    let models = read("models.rs")?;
    let round_trip = read("round_trip.rs")?;
    // The enums' impls are the runtime's `wire_enum!` macro.
    let helpers = read("runtime/serde_helpers.rs")? + &read("runtime/wire_enum.rs")?;
    // The models call runtime helpers by absolute path; each variant gets its own copy.
    for name in models.split("crate::runtime::").skip(1) {
        let name: String = name.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if name != "model" && !helpers.contains(&format!("fn {name}")) && !helpers.contains(&format!("macro_rules! {name}")) {
            return Err(format!("models.rs uses crate::runtime::{name}, which is not in serde_helpers.rs or wire_enum.rs"));
        }
    }
    // Times are the crate's own runtime types, not serde helpers: the bench uses them from
    // the crate itself.
    let models = models.replace("crate::runtime::", "self::runtime::").replace("crate::Timestamp", &format!("::{module}::Timestamp")).replace("crate::TimeSpan", &format!("::{module}::TimeSpan"));
    let helpers: String = helpers.lines().filter(|l| !l.starts_with("//!")).collect::<Vec<_>>().join("\n");
    let mut file = syn::parse_file(&models).map_err(|e| format!("models.rs does not parse: {e}"))?;
    file.attrs.clear();
    // The crate puts the models of each `cfg` in a private module re-exported with
    // `pub use m::*` (its items import the others with `use super::*`): here, one flat list.
    file.items = std::mem::take(&mut file.items)
        .into_iter()
        .flat_map(|item| match item {
            syn::Item::Mod(m) => m.content.map(|(_, items)| items).unwrap_or_default(),
            other => vec![other],
        })
        .filter(|item| !matches!(item, syn::Item::Use(u) if is_glob(&u.tree)))
        .collect();
    // The crate compiles a model under the Cargo features (tags) that reach it; here every
    // model is wanted, and this crate has none of those features.
    for item in &mut file.items {
        if let Some(attrs) = item_attrs(item) {
            attrs.retain(|a| !a.path().is_ident("cfg"));
        }
    }
    let plain = plain_variant(file)?;
    let entries = entries(&round_trip, module)?;
    Ok(format!(
        "pub mod {module} {{
    pub const SKIPPED: Option<&str> = None;
    #[allow(dead_code, clippy::all)]
    pub mod plain {{
        // The models call the macros by their short names (`wire_enum!`), as in the crate.
        #[macro_use]
        #[allow(unused_imports)]
        mod runtime {{ {helpers} }}
        {plain}
    }}
    pub fn entries() -> Vec<crate::Entry> {{ vec![{entries}] }}
}}
"
    ))
}

/// What a field's attributes in a `model! { .. }` call say (`#[json = ".."]`,
/// `#[kind = ..]`, `#[alias = ".."]`).
#[derive(Default)]
struct FieldSpec {
    json: Option<syn::Expr>,
    kind: Option<String>,
    aliases: Vec<syn::Expr>,
}

impl FieldSpec {
    /// The spec, taken out of the field's attributes (its docs stay).
    fn take(attrs: &mut Vec<syn::Attribute>) -> Result<FieldSpec, String> {
        let mut spec = FieldSpec::default();
        for attr in std::mem::take(attrs) {
            let syn::Meta::NameValue(nv) = &attr.meta else {
                attrs.push(attr);
                continue;
            };
            let value = nv.value.clone();
            match nv.path.get_ident().map(|i| i.to_string()).as_deref() {
                Some("json") => spec.json = Some(value),
                Some("alias") => spec.aliases.push(value),
                Some("kind") => spec.kind = Some(quote!(#value).to_string()),
                Some("doc") => attrs.push(attr),
                _ => return Err(format!("a model! field attribute is not known to the decode bench: {}", quote!(#attr))),
            }
        }
        Ok(spec)
    }
}

/// serde's attributes for what a `model!` field spec says (`runtime` is the copy of the
/// serde helpers next to the structs).
fn serde_attr(spec: &FieldSpec) -> Result<Option<syn::Attribute>, String> {
    let mut parts = Vec::new();
    if let Some(json) = &spec.json {
        parts.push(quote!(rename = #json));
    }
    for alias in &spec.aliases {
        parts.push(quote!(alias = #alias));
    }
    let (default, with) = match spec.kind.as_deref() {
        None | Some("Req") => (false, None),
        Some("Lenient") => (false, Some("runtime::lenient")),
        Some("Opt") => (true, None),
        Some("Nullable") => (true, Some("runtime::nullable")),
        Some("PresentValue") => (true, Some("runtime::present_value")),
        Some("LenientSome") => (true, Some("runtime::lenient_some")),
        Some("LenientDouble") => (true, Some("runtime::lenient_double")),
        Some(other) => return Err(format!("field kind {other} is not known to the decode bench")),
    };
    if default {
        parts.push(quote!(default));
    }
    if let Some(with) = with {
        parts.push(quote!(deserialize_with = #with));
    }
    Ok((!parts.is_empty()).then(|| syn::parse_quote!(#[serde(#(#parts),*)])))
}

/// The structs without their map of unknown fields, with serde's derive and field attributes
/// in place of what their `model!` call says (the structs are the call's body).
fn plain_variant(mut file: syn::File) -> Result<String, String> {
    let mut items = Vec::new();
    for item in std::mem::take(&mut file.items) {
        let syn::Item::Macro(m) = &item else {
            items.push(item);
            continue;
        };
        if m.mac.path.segments.last().is_none_or(|s| s.ident != "model") {
            items.push(item);
            continue;
        }
        let body = m.mac.parse_body_with(|input: syn::parse::ParseStream| {
            let mut structs = Vec::new();
            while !input.is_empty() {
                structs.push(input.parse::<syn::ItemStruct>()?);
            }
            Ok(structs)
        });
        for mut s in body.map_err(|e| format!("a model! call does not parse: {e}"))? {
            let syn::Fields::Named(named) = &mut s.fields else { return Err(format!("{} has no named fields", s.ident)) };
            let mut fields = syn::punctuated::Punctuated::<syn::Field, syn::Token![,]>::new();
            for mut field in std::mem::take(&mut named.named) {
                if field.attrs.iter().any(|a| a.path().is_ident("extra")) {
                    continue;
                }
                let spec = FieldSpec::take(&mut field.attrs)?;
                field.attrs.extend(serde_attr(&spec)?);
                fields.push(field);
            }
            named.named = fields;
            s.attrs.push(syn::parse_quote!(#[derive(::serde::Serialize, ::serde::Deserialize)]));
            items.push(syn::Item::Struct(s));
        }
    }
    file.items = items;
    Ok(prettyplease::unparse(&file))
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
                "crate::Entry {{ operation: {op:?}, status: {status}, request: {request}, \
                 generated: crate::decode::<{g}>, plain: crate::decode::<{p}> }}",
                g = ty_in(&format!("::{krate}::models::")),
                p = ty_in("self::plain::"),
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

/// `use a::*` or `use a::b::*`.
fn is_glob(tree: &syn::UseTree) -> bool {
    match tree {
        syn::UseTree::Path(p) => is_glob(&p.tree),
        syn::UseTree::Glob(_) => true,
        _ => false,
    }
}
