//! The runtime's three macros (`model!`, `wire_enum!`, `documented_errors!`) define the types
//! they write impls for, so that each field and variant is written once. The emitters write
//! those types as ordinary items marked with an attribute naming their macro
//! (`#[model]`, `#[wire_enum(str, open)]`, `#[documented_errors]`), their fields and variants
//! with the attributes the macro reads (`#[json = ".."]`, `#[status = 404]`, ...), so that
//! prettyplease and the layout pass print them as any other item: neither can lay out items
//! inside a macro's body (prettyplease prints it as one line of tokens). Then:
//!
//! - [`merge`] (on the parsed file) puts the marked items of a module that share a macro and
//!   a `cfg` one after the other, where the first of them was, its `cfg` first;
//! - [`wrap`] (on the printed text) writes each run of them inside one call of their macro
//!   (two lines a module), indented one level more, each field's or variant's attributes on
//!   its line, an item's derives on its head's line where the two fit in 100 columns, and an
//!   enum's wire type after its name. The layout pass leaves these calls'
//!   bodies alone ([`is_call`]).

use super::layout::lex::{plain_lines, Lines};

/// The runtime's macros that define types.
const NAMES: [&str; 3] = ["model", "wire_enum", "documented_errors"];

/// The attributes of fields and variants that the macros read: they go on the line of
/// their field or variant.
const FIELD_MARKERS: [&str; 7] = ["#[json = ", "#[kind = ", "#[alias = ", "#[status = ", "#[text = ", "#[empty = ", "#[extra]"];

/// Whether a line opens one of these calls (`model! {`), whose body the layout pass must
/// not fill again: it holds items, laid out one field a line.
pub fn is_call(line: &str) -> bool {
    line.trim_indent().strip_suffix("! {").is_some_and(|name| NAMES.contains(&name))
}

/// The macro an item is marked for, if any.
fn marker(attrs: &[syn::Attribute]) -> Option<(usize, String)> {
    attrs.iter().enumerate().find_map(|(i, a)| {
        let name = a.path().get_ident()?.to_string();
        NAMES.contains(&name.as_str()).then_some((i, name))
    })
}

fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Struct(s) => Some(&mut s.attrs),
        syn::Item::Enum(e) => Some(&mut e.attrs),
        _ => None,
    }
}

/// The marked items of each module (and of the file) that share a macro and a `cfg`, one
/// after the other where the first of them was, each with its marker first, the first one
/// with the `cfg` before it (the `cfg` then gates the call: the impls the macro writes must
/// have it too). In place, in the file's items and in those of its inline modules.
pub fn merge(items: &mut Vec<syn::Item>) {
    // Per group (macro and cfg), its items, in order.
    let mut groups: Vec<(String, Vec<syn::Item>)> = Vec::new();
    // The file's items, a group standing where its first item was.
    let mut order: Vec<Result<syn::Item, usize>> = Vec::new();
    for mut item in std::mem::take(items) {
        if let syn::Item::Mod(m) = &mut item {
            if let Some((_, inner)) = &mut m.content {
                merge(inner);
            }
        }
        let Some(attrs) = attrs_mut(&mut item) else {
            order.push(Ok(item));
            continue;
        };
        let Some((at, name)) = marker(attrs) else {
            order.push(Ok(item));
            continue;
        };
        let mark = attrs.remove(at);
        let (mut cfgs, rest): (Vec<_>, Vec<_>) = std::mem::take(attrs).into_iter().partition(|a| a.path().is_ident("cfg"));
        let key = format!("{name} {}", cfgs.iter().map(|a| quote::quote!(#a).to_string()).collect::<String>());
        let group = match groups.iter().position(|(k, _)| *k == key) {
            Some(g) => {
                cfgs.clear();
                g
            }
            None => {
                order.push(Err(groups.len()));
                groups.push((key, Vec::new()));
                groups.len() - 1
            }
        };
        cfgs.push(mark);
        cfgs.extend(rest);
        *attrs = cfgs;
        groups[group].1.push(item);
    }
    let mut groups: Vec<Vec<syn::Item>> = groups.into_iter().map(|(_, g)| g).collect();
    for entry in order {
        match entry {
            Ok(item) => items.push(item),
            Err(g) => items.append(&mut groups[g]),
        }
    }
}

/// The item marker a line is, if it is one: the macro's name and its arguments
/// (`#[wire_enum(str, open)]`: `wire_enum`, `str, open`).
fn marker_line(line: &str) -> Option<(&str, &str)> {
    let inner = line.trim_indent().strip_prefix("#[")?.strip_suffix(']')?;
    let (name, args) = match inner.split_once('(') {
        Some((name, args)) => (name, args.strip_suffix(')')?),
        None => (inner, ""),
    };
    NAMES.contains(&name).then_some((name, args))
}

fn indent(line: &str) -> usize {
    super::layout::lex::indent(line)
}

/// Each run of items [`merge`] put together, written inside one call of its macro (see the
/// module docs). The text is prettyplease's, laid out: an item ends at the `}` of its
/// indentation.
pub fn wrap(text: &str) -> String {
    let plain = plain_lines(text);
    let lines: Vec<&str> = text.fast_lines().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < lines.len() {
        let Some((name, _)) = marker_line(lines[i]).filter(|_| plain[i]) else {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        };
        let pad = " ".repeat(indent(lines[i]));
        out.push_str(&format!("{pad}{name}! {{\n"));
        while let Some((_, args)) = lines.get(i).and_then(|l| marker_line(l)).filter(|(n, _)| *n == name && plain[i] && indent(lines[i]) == pad.len()) {
            i = item(&lines, &plain, i + 1, pad.len(), args, &mut out);
        }
        out.push_str(&format!("{pad}}}\n"));
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

/// Whether an item's `#[derive(..)]` goes on the line of the item's head (`next`): the
/// same derives on a line of their own were 1,500 of GitHub's lines. Only where the two fit
/// in the layout's 100 columns, one level in.
fn derive_fits(code: &str, next: Option<&&str>, ind: usize, args: &str) -> bool {
    let Some(next) = next.map(|l| l.trim_indent()) else { return false };
    let head = next.starts_with("pub struct ") || next.starts_with("pub enum ");
    // The head gets `: {args}` (an enum's wire type) before its `{`.
    let args = if args.is_empty() { 0 } else { args.chars().count() + 2 };
    let width = ind + 4 + code.chars().count() + 1 + next.chars().count() + args;
    code.starts_with("#[derive(") && code.ends_with(")]") && head && width <= super::layout::WIDTH
}

/// Copies the item that starts at line `i` (after its marker) one level in, its fields'
/// markers on their lines and `args` after its name; returns the line after it.
fn item(lines: &[&str], plain: &[bool], mut i: usize, ind: usize, args: &str, out: &mut String) -> usize {
    let mut markers: Vec<&str> = Vec::new();
    let mut named = args.is_empty();
    while let Some(&line) = lines.get(i) {
        i += 1;
        let code = line.trim_indent();
        if plain[i - 1] && FIELD_MARKERS.iter().any(|m| code.starts_with(m)) {
            markers.push(code);
            continue;
        }
        if plain[i - 1] && indent(line) == ind && derive_fits(code, lines.get(i).filter(|_| plain.get(i) == Some(&true)), ind, args) {
            markers.push(code);
            continue;
        }
        // A line inside a literal keeps its spaces: they are the literal's.
        if plain[i - 1] || code.starts_with("//") {
            out.push_str("    ");
        }
        out.push_str(&line[..line.len() - code.len()]);
        for m in markers.drain(..) {
            out.push_str(m);
            out.push(' ');
        }
        match code.strip_suffix(" {") {
            Some(head) if !named && plain[i - 1] && indent(line) == ind => {
                out.push_str(&format!("{head}: {args} {{"));
                named = true;
            }
            _ => out.push_str(code),
        }
        out.push('\n');
        if plain[i - 1] && indent(line) == ind && code == "}" {
            break;
        }
    }
    i
}
