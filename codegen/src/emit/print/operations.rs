//! The operations file printed as text, as the models file is ([`super`]): building the
//! methods' and builders' tokens, parsing and printing them was a third of emitting GitHub's
//! description, on the thread that finishes last.
//!
//! The text is the one `format_parts` prints for `operations::emit_operations`' parts: per
//! feature of the part, its `impl crate::Client` of methods and its module of builders,
//! error enums (those of the module together where the first was, as `calls::merge` puts
//! them) and aliases; then the shared error enums, grouped by `cfg`. An item with a line
//! prettyplease would break, or a shape not printed here ([`methods`]), is printed by
//! prettyplease at its indentation. Debug builds check every part against the old path.

use super::items::{Out, MARGIN};
use super::methods::{self, Op};
use crate::diag::Error;
use crate::emit::builders::{builder_items, owners};
use crate::emit::deferred_docs::DeferredDocs;
use crate::emit::errors::{emit_enum, enum_doc, error_enum_of, variant_doc, ErrorEnum};
use crate::emit::features::{Features, IMPORTS};
use crate::emit::operations::emit_operation;
use crate::emit::responses::Payload;
use crate::model::{Api, Origin};
use crate::surface;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeSet;
use std::ops::Range;

/// An item of a feature's module after its builders.
enum Entry {
    Error(ErrorEnum),
    Alias(String),
}

/// A part's text and, per import, the features whose methods use it.
pub type Part = (String, Vec<BTreeSet<usize>>);

/// The features `part` of the operations file (and, `with_shared`, the shared error enums)
/// as prettyplease prints them, with which features' methods use each of [`IMPORTS`]; `None`
/// where a `cfg` could break (the old path prints the part).
pub fn operations(api: &Api, features: &Features, part: &Range<usize>, with_shared: bool) -> Result<Option<Part>, Error> {
    let of_op = &features.map.of_op;
    let count = features.map.names.len();
    if part.clone().any(|f| features.cfg_text(&BTreeSet::from([f])).len() > MARGIN) {
        return Ok(None);
    }
    let ops: Vec<Option<Op>> = api.operations.iter().zip(of_op).map(|(op, f)| part.contains(f).then(|| Op::new(api, op))).collect();
    let keys: Vec<Option<Option<String>>> = ops.iter().map(|o| o.as_ref().filter(|o| o.has_builder()).map(|o| (!o.has_pager(api)).then(|| o.setters_key()))).collect();
    let (owner, taking) = owners(&keys, of_op);
    let new_out = || Out { text: String::new(), fits: true };
    let (mut methods, mut bodies): (Vec<Out>, Vec<Out>) = (0..count).map(|_| (new_out(), new_out())).unzip();
    for (i, o) in ops.iter().enumerate() {
        let Some(o) = o else { continue };
        let f = of_op[i];
        let by_tokens = |docs: &mut DeferredDocs| emit_operation(api, o.op, docs);
        item(&mut methods[f], |out| methods::method(api, o, out), || {
            let mut docs = DeferredDocs::default();
            let method = by_tokens(&mut docs).0;
            inside(api, "impl crate::Client", quote!(impl crate::Client { #method }), &docs)
        })?;
        if !o.has_builder() {
            continue;
        }
        let number = owner[i] + 1;
        let head = match (owner[i] == i, taking[i] > 1) {
            (true, true) => Some(format!("impl<'a, T, E> Request<'a, T, E, {number}> {{")),
            (true, false) => Some(format!("impl<'a> {}Builder<'a> {{", crate::name::pascal(&o.op.id))),
            (false, _) => None,
        };
        let pager = owner[i] == i && o.has_pager(api);
        item(&mut bodies[f], |out| {
            out.fits = !pager;
            methods::builder(api, o, number, head.as_deref(), out)
        }, || {
            let mut docs = DeferredDocs::default();
            let items = by_tokens(&mut docs).1.map(|b| builder_items(b, i, &owner, &taking)).unwrap_or_default();
            inside(api, "mod m", quote!(mod m { #items }), &docs)
        })?;
    }
    // The error enums and aliases, as `Features::operation_modules` places them.
    let mut entries: Vec<Vec<Entry>> = (0..count).map(|_| Vec::new()).collect();
    let mut shared: Vec<(BTreeSet<usize>, Vec<ErrorEnum>)> = Vec::new();
    for (name, users) in &features.error_groups {
        // A group none of whose operations is in this half, and that is not shared (this
        // half is not the one that writes those), adds nothing here: its enum is not built
        // (each half built every one, a sixth of this function's time).
        let in_part = users.iter().any(|op| part.contains(&of_op[*op]));
        let several = users.iter().any(|op| of_op[*op] != users.first().map_or(usize::MAX, |first| of_op[*first]));
        let adds = in_part || with_shared && several;
        if !adds {
            continue;
        }
        let Some(e) = error_enum_of(api, name, users) else { continue };
        let set: BTreeSet<usize> = e.ops.iter().map(|op| of_op[*op]).collect();
        let ident = e.ident.to_string();
        let users: Vec<(usize, String)> = e.ops.iter().zip(&e.users).map(|(op, alias)| (*op, alias.to_string())).collect();
        let target = match set.iter().next() {
            Some(f) if set.len() == 1 => {
                if part.contains(f) {
                    entries[*f].push(Entry::Error(e));
                }
                ident.clone()
            }
            _ => {
                if with_shared {
                    match shared.iter_mut().find(|(s, _)| *s == set) {
                        Some((_, group)) => group.push(e),
                        None => shared.push((set, vec![e])),
                    }
                }
                format!("super::{ident}")
            }
        };
        // The method's docs link to its alias; the alias needs none of its own.
        for (op, alias) in users.iter().filter(|(op, alias)| *alias != ident && part.contains(&of_op[*op])) {
            entries[of_op[*op]].push(Entry::Alias(format!("pub type {alias} = {target};")));
        }
    }
    let mut users: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); IMPORTS.len()];
    let mut text = String::new();
    for (f, (methods, mut body)) in methods.into_iter().zip(bodies).enumerate().filter(|(_, (m, _))| !m.text.is_empty()) {
        for (at, used) in names_used(&methods.text).into_iter().enumerate() {
            if used {
                users[at].insert(f);
            }
        }
        let cfg = features.cfg_text(&BTreeSet::from([f]));
        text.push_str(&format!("{cfg}\nimpl crate::Client {{\n{}}}\n", methods.text));
        module_errors(api, &entries[f], &mut body)?;
        if body.text.is_empty() {
            continue;
        }
        let module = features.operation_module_name(f);
        text.push_str(&format!("{cfg}\npub use {module}::*;\n{cfg}\nmod {module} {{\n"));
        let names: Vec<&str> = IMPORTS.iter().zip(names_used(&body.text)).filter(|(_, used)| *used).map(|(name, _)| *name).collect();
        imports(&names, 4, &mut text);
        text.push_str(&body.text);
        text.push_str("}\n");
    }
    if with_shared {
        let mut out = Out { text, fits: true };
        for (set, group) in &shared {
            let cfg = features.cfg_text(set);
            if cfg.len() > MARGIN {
                return Ok(None);
            }
            for (k, e) in group.iter().enumerate() {
                let cfg = (k == 0).then_some(cfg.as_str());
                item(&mut out, |out| error_enum(api, e, 0, cfg, out), || {
                    let cfg: TokenStream = cfg.unwrap_or_default().parse().map_err(|_| internal(api))?;
                    let def = emit_enum(api, e);
                    inside(api, "", quote!(#cfg #def), &DeferredDocs::default())
                })?;
            }
        }
        text = out.text;
    }
    Ok(Some((text, users)))
}

/// A module's error enums, together where the first was, and its aliases, after its
/// builders in `body`.
fn module_errors(api: &Api, entries: &[Entry], body: &mut Out) -> Result<(), Error> {
    let mut placed = false;
    for entry in entries {
        match entry {
            Entry::Alias(alias) => body.line(4, &[alias]),
            Entry::Error(_) if placed => {}
            Entry::Error(_) => {
                placed = true;
                for e in entries.iter().filter_map(|entry| if let Entry::Error(e) = entry { Some(e) } else { None }) {
                    item(body, |out| error_enum(api, e, 4, None, out), || {
                        let def = emit_enum(api, e);
                        inside(api, "mod m", quote!(mod m { #def }), &DeferredDocs::default())
                    })?;
                }
            }
        }
    }
    Ok(())
}

/// An error enum at `ind`, its `cfg` first where it has one.
fn error_enum(api: &Api, e: &ErrorEnum, ind: usize, cfg: Option<&str>, out: &mut Out) {
    if let Some(cfg) = cfg {
        out.line(ind, &[cfg]);
    }
    out.line(ind, &["#[documented_errors]"]);
    out.docs(ind, enum_doc(e).trim_start_matches(' '));
    out.line(ind, &["#[derive(Clone, Debug, PartialEq)]"]);
    out.breakable(ind, &["pub enum ", &e.ident.to_string(), " {"]);
    let mut ty = String::new();
    for (i, v) in e.variants.iter().enumerate() {
        out.docs(ind + 4, &variant_doc(e, i));
        let (status, name) = (v.status.to_string(), v.ident.to_string());
        ty.clear();
        match &v.payload {
            Payload::Typed(t) => super::items::ty_text(&surface::rust_ty(&api.types, t), "crate::models::", &mut ty),
            Payload::Json => ty.push_str("::serde_json::Value"),
            Payload::Text => ty.push_str("String"),
            Payload::None => {}
        }
        let marker = match v.payload {
            Payload::Typed(_) | Payload::Json => "#[status = ",
            Payload::Text => "#[text = ",
            Payload::None => "#[empty = ",
        };
        out.line(ind + 4, &[marker, &status, "]"]);
        match v.payload {
            Payload::None => out.line(ind + 4, &[&name, ","]),
            _ => out.breakable(ind + 4, &[&name, "(", &ty, "),"]),
        }
    }
    out.line(ind + 4, &["/// Another status, or a body that does not match its documented type."]);
    out.line(ind + 4, &["Other(crate::ErrorBody),"]);
    out.line(ind, &["}"]);
}

/// One item printed by `print`, else by `fallback` (prettyplease) where a line of it would
/// break.
fn item(out: &mut Out, print: impl FnOnce(&mut Out), fallback: impl FnOnce() -> Result<String, Error>) -> Result<(), Error> {
    let start = out.text.len();
    out.fits = true;
    print(out);
    if !out.fits {
        out.text.truncate(start);
        out.text.push_str(&fallback()?);
    }
    Ok(())
}

/// prettyplease's text of `tokens`, an item `head { .. }` (nothing for the file's top)
/// around the items wanted, without its first and last line, its placeholders of `docs`
/// expanded.
fn inside(api: &Api, head: &str, tokens: TokenStream, docs: &DeferredDocs) -> Result<String, Error> {
    let text = prettyplease::unparse(&crate::emit::parse(api, tokens)?);
    let inner = match head {
        "" => Some(text.as_str()),
        _ => text.strip_prefix(head).and_then(|t| t.strip_prefix(" {\n")).and_then(|t| t.strip_suffix("}\n")),
    };
    let mut out = String::new();
    docs.expand_into(inner.ok_or_else(|| internal(api))?, &mut out);
    Ok(out)
}

fn internal(api: &Api) -> Error {
    Error::at(&Origin::new(api.name.clone(), ""), None, "internal error: an operation printed out of shape".to_string())
}

/// The imports of `names` at `ind`, as `features::modules::imports` writes them: the
/// crate's in one `use`.
fn imports(names: &[&str], ind: usize, text: &mut String) {
    let pad = " ".repeat(ind);
    let mut ours = Vec::new();
    for name in names {
        match *name {
            "models" => ours.push("models"),
            "Request" => ours.push("runtime::Request"),
            "RawResponse" => ours.push("runtime::RawResponse"),
            _ => text.push_str(&format!("{pad}use ::reqwest::Method;\n")),
        }
    }
    match ours.as_slice() {
        [] => {}
        [one] => text.push_str(&format!("{pad}use crate::{one};\n")),
        many => text.push_str(&format!("{pad}use crate::{{{}}};\n", many.join(", "))),
    }
}

/// The operations file's first part ([`Features::operation_imports`]), as prettyplease
/// prints it.
pub fn operation_imports(users: &[BTreeSet<usize>]) -> String {
    let mut text = String::new();
    for (name, _) in IMPORTS.iter().zip(users).filter(|(_, set)| !set.is_empty()) {
        text.push_str("#[allow(unused_imports)]\n");
        imports(&[name], 0, &mut text);
    }
    text
}

/// Which of [`IMPORTS`] the printed items use, as `features::modules::imported` reads
/// their tokens: a name outside docs and string literals, not after `::`.
fn names_used(text: &str) -> [bool; IMPORTS.len()] {
    // Only the lines where a name appears can use it: found with `memmem`, then read as
    // before (every identifier of the text compared was a sixth of this function's time).
    let bytes = text.as_bytes();
    let mut starts: Vec<usize> = Vec::new();
    for name in IMPORTS {
        for at in memchr::memmem::find_iter(bytes, name) {
            starts.push(memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |n| n + 1));
        }
    }
    starts.sort_unstable();
    starts.dedup();
    let mut used = [false; IMPORTS.len()];
    for start in starts {
        let line = &text[start..memchr::memchr(b'\n', &bytes[start..]).map_or(text.len(), |n| start + n)];
        let code = line.trim_start().as_bytes();
        if code.starts_with(b"//") {
            continue;
        }
        let mut i = 0;
        while i < code.len() {
            let c = code[i];
            if c == b'"' {
                i += 1;
                while i < code.len() && code[i] != b'"' {
                    i += if code[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            } else if c.is_ascii_alphabetic() || c == b'_' {
                let start = i;
                while i < code.len() && (code[i].is_ascii_alphanumeric() || code[i] == b'_') {
                    i += 1;
                }
                let after_path = start >= 2 && &code[start - 2..start] == b"::";
                if let Some(at) = IMPORTS.iter().position(|name| name.as_bytes() == &code[start..i]).filter(|_| !after_path) {
                    used[at] = true;
                }
            } else {
                i += 1;
            }
        }
    }
    used
}
