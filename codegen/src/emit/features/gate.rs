//! `#[cfg(feature = ...)]` on the items of a parsed file, by name, and on each import the
//! features of the items that use it, so that no combination of features leaves an unused
//! import behind.

use super::{union, Cfg, Features, File};
use crate::surface::feature_map::FeatureMap;
use crate::model::Api;
use crate::name;
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::collections::{BTreeSet, HashMap};

impl Features {
    /// What each name of a file compiles under.
    fn named(&self, api: &Api, file: File) -> HashMap<String, Cfg> {
        let mut out = HashMap::new();
        match file {
            File::Models => {
                for (def, cfg) in api.types.defs.iter().zip(&self.map.of_type) {
                    out.insert(name::ident(&def.name).to_string(), cfg.clone());
                }
            }
            File::Webhooks => {
                for (f, (function, enum_name)) in self.map.of_webhook.iter().zip(crate::surface::webhooks::group_names(api)) {
                    let cfg = Some(BTreeSet::from([*f]));
                    out.insert(function, cfg.clone());
                    out.insert(enum_name, cfg);
                }
                if let Some(cfg) = out.get("Event").cloned() {
                    out.insert("decode_named".to_string(), cfg);
                }
            }
            File::Lib => {
                out.insert("operations".to_string(), Some(exporting(api, &self.map)));
                out.insert("webhooks".to_string(), Some(self.map.of_webhook.iter().copied().collect()));
            }
        }
        out
    }

    /// Puts `#[cfg(feature = ...)]` on the file's items (and on `Client`'s methods), then on
    /// each import the union of what its users compile under; returns each item's `cfg`. The
    /// models' items get none: [`Features::model_modules`] groups them by it.
    pub fn gate(&self, api: &Api, file: &mut syn::File, kind: File) -> Vec<Cfg> {
        let mut named = self.named(api, kind);
        // An alias compiles its target: `pub type Alias = First;` adds its features to `First`.
        let defined: BTreeSet<String> = file.items.iter().filter_map(|i| match i {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            _ => None,
        }).collect();
        for item in &file.items {
            let syn::Item::Type(t) = item else { continue };
            if let Some(alias_cfg) = named.get(&t.ident.to_string()).cloned() {
                if let Some(target) = last_ident(&t.ty).filter(|n| defined.contains(n)) {
                    let slot = named.entry(target).or_insert_with(|| Some(BTreeSet::new()));
                    *slot = union(slot, &alias_cfg);
                }
            }
        }
        let mut used: Vec<(Cfg, TokenStream)> = Vec::new();
        // The items' tokens are read only to gate imports: the models (no imports) skip them.
        let imports = file.items.iter().any(|i| matches!(i, syn::Item::Use(_)));
        let mut cfgs = Vec::new();
        if kind == File::Lib {
            self.gate_doc_links(api, file);
        }
        for item in &mut file.items {
            let name = match item {
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                syn::Item::Type(t) => Some(t.ident.to_string()),
                syn::Item::Fn(f) => Some(f.sig.ident.to_string()),
                syn::Item::Mod(m) if kind == File::Lib && m.ident == "webhooks" => Some(m.ident.to_string()),
                syn::Item::Impl(i) => last_ident(&i.self_ty),
                syn::Item::Use(u) if kind == File::Lib && is_glob_of(&u.tree, "operations") => Some("operations".to_string()),
                _ => None,
            };
            if matches!(item, syn::Item::Use(_)) && name.is_none() {
                cfgs.push(None);
                continue;
            }
            let cfg = name.and_then(|n| named.get(&n).cloned()).flatten();
            if imports {
                used.push((cfg.clone(), item.to_token_stream()));
            }
            match attrs_mut(item) {
                Some(attrs) if kind != File::Models => push_cfg(attrs, self.attr(&cfg)),
                _ => {}
            }
            cfgs.push(cfg);
        }
        for item in &mut file.items {
            let syn::Item::Use(u) = item else { continue };
            if kind == File::Lib && is_glob_of(&u.tree, "operations") {
                continue;
            }
            let mut leaves = Vec::new();
            use_leaves(&u.tree, &mut leaves);
            let users: Vec<&Cfg> = used.iter().filter(|(_, tokens)| mentions(tokens.clone(), &leaves)).map(|(cfg, _)| cfg).collect();
            if users.is_empty() {
                continue;
            }
            // `None` (always) absorbs: an import some unconditional item uses is unconditional.
            let cfg = users.into_iter().try_fold(BTreeSet::new(), |acc, c| c.as_ref().map(|c| acc.union(c).copied().collect()));
            push_cfg(&mut u.attrs, self.attr(&cfg));
        }
        cfgs
    }

    /// A doc line of the crate root that links to an operation (`with_access_token` names the
    /// token exchange) is there only with the operation's feature: rustdoc fails on the link.
    fn gate_doc_links(&self, api: &Api, file: &mut syn::File) {
        let links: Vec<(String, usize)> = api.operations.iter().enumerate().map(|(i, op)| (format!("[`Client::{}`]", op.id.trim_start_matches("r#")), i)).collect();
        for item in &mut file.items {
            let syn::Item::Impl(imp) = item else { continue };
            for member in &mut imp.items {
                let syn::ImplItem::Fn(f) = member else { continue };
                for attr in &mut f.attrs {
                    let syn::Meta::NameValue(nv) = &attr.meta else { continue };
                    let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &nv.value else { continue };
                    let text = text.value();
                    let Some((_, op)) = links.iter().find(|(link, _)| text.contains(link.as_str())) else { continue };
                    let feature = &self.map.names[self.map.of_op[*op]];
                    // Written anew, cooked: docs may be spelled raw (`doc_attr`), and inside
                    // `cfg_attr` prettyplease prints the literal as it is spelled.
                    *attr = syn::parse_quote!(#[cfg_attr(feature = #feature, doc = #text)]);
                }
            }
        }
    }

    /// [`attr`](Self::attr) of a set as prettyplease prints it when it fits on a line (the
    /// literals spelled as `quote` spells them; a space after each comma).
    pub(crate) fn cfg_text(&self, set: &BTreeSet<usize>) -> String {
        let feature = |name: &str| format!("feature = {}", proc_macro2::Literal::string(name));
        if let Some((name, _)) = self.internal.iter().find(|(_, s)| s == set) {
            return format!("#[cfg({})]", feature(name));
        }
        let features: Vec<String> = set.iter().map(|i| feature(&self.map.names[*i])).collect();
        match features.as_slice() {
            [one] => format!("#[cfg({one})]"),
            many => format!("#[cfg(any({}))]", many.join(", ")),
        }
    }

    /// `#[cfg(feature = "a")]`, `#[cfg(any(...))]`, or nothing where every feature has it.
    pub(super) fn attr(&self, cfg: &Cfg) -> Option<syn::Attribute> {
        let set = cfg.as_ref()?;
        if let Some((name, _)) = self.internal.iter().find(|(_, s)| s == set) {
            return Some(syn::parse_quote!(#[cfg(feature = #name)]));
        }
        let features: Vec<&String> = set.iter().map(|i| &self.map.names[*i]).collect();
        let attr: syn::Attribute = match features.as_slice() {
            [one] => syn::parse_quote!(#[cfg(feature = #one)]),
            many => syn::parse_quote!(#[cfg(any(#(feature = #many),*))]),
        };
        Some(attr)
    }
}

/// The features whose operations have builders or error types, which the crate root
/// re-exports.
pub(super) fn exporting(api: &Api, map: &FeatureMap) -> BTreeSet<usize> {
    api.operations.iter().zip(&map.of_op).filter(|(op, _)| crate::emit::operations::exports(api, op)).map(|(_, f)| *f).collect()
}

/// The last identifier of a path type (`crate::Client` -> `Client`).
fn last_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn is_glob_of(tree: &syn::UseTree, module: &str) -> bool {
    match tree {
        syn::UseTree::Path(p) => p.ident == module && matches!(&*p.tree, syn::UseTree::Glob(_)),
        _ => false,
    }
}

/// The names an import brings in.
fn use_leaves(tree: &syn::UseTree, out: &mut Vec<String>) {
    match tree {
        syn::UseTree::Path(p) => use_leaves(&p.tree, out),
        syn::UseTree::Name(n) => out.push(n.ident.to_string()),
        syn::UseTree::Rename(r) => out.push(r.rename.to_string()),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_leaves(t, out)),
        syn::UseTree::Glob(_) => {}
    }
}

/// Whether the tokens name one of `names`, as an identifier or as a string (`"is_none"` in a
/// serde attribute).
fn mentions(tokens: TokenStream, names: &[String]) -> bool {
    tokens.into_iter().any(|t| match t {
        TokenTree::Ident(i) => names.iter().any(|n| i == n),
        TokenTree::Literal(l) => {
            let text = l.to_string();
            names.iter().any(|n| text.trim_matches('"') == n)
        }
        TokenTree::Group(g) => mentions(g.stream(), names),
        TokenTree::Punct(_) => false,
    })
}

fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Struct(s) => &mut s.attrs,
        syn::Item::Enum(e) => &mut e.attrs,
        syn::Item::Type(t) => &mut t.attrs,
        syn::Item::Fn(f) => &mut f.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Macro(m) => &mut m.attrs,
        syn::Item::Mod(m) => &mut m.attrs,
        syn::Item::Use(u) => &mut u.attrs,
        _ => return None,
    })
}

/// The attribute after the docs, so that the item reads as before.
fn push_cfg(attrs: &mut Vec<syn::Attribute>, attr: Option<syn::Attribute>) {
    let Some(attr) = attr else { return };
    let at = attrs.iter().position(|a| !a.path().is_ident("doc")).unwrap_or(attrs.len());
    attrs.insert(at, attr);
}
