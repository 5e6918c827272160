//! The operations file by feature, so that each feature's `#[cfg]` is written once: one
//! `impl crate::Client` per feature with its methods, and one private module per feature with
//! its builders and error types, re-exported with `pub use` so that every public path stays
//! where it was. An error enum the operations of several features share stays at the top,
//! under all their features; each operation's own name for it is an alias in its module.
//! The models file is grouped the same way, by the `cfg` of each type (`model_modules`).

use super::{Cfg, Features};
use crate::emit::errors::ErrorType;
use crate::name;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{quote, ToTokens};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

impl Features {
    /// The features in `part` of the operations file: per feature in name order, one
    /// `impl crate::Client` with its methods and, with builders or error types, its module;
    /// then, `with_shared`, the error types that operations of several features share. From
    /// each operation's method and builder (empty without one; nothing for an operation of
    /// another part), in document order, and the error types (a definition empty where
    /// another part writes it). Each a part to be formatted on its own, so that one part's
    /// syntax tree is live at a time; with which features' methods use each of `IMPORTS`
    /// (for [`operation_imports`](Self::operation_imports)).
    pub fn operation_modules(&self, ops: Vec<(TokenStream, TokenStream)>, errors: Vec<ErrorType>, part: &Range<usize>, with_shared: bool) -> (Vec<TokenStream>, Vec<BTreeSet<usize>>) {
        let count = self.map.names.len();
        let (mut methods, mut items) = (vec![Vec::new(); count], vec![Vec::new(); count]);
        for ((method, builder), f) in ops.into_iter().zip(&self.map.of_op).filter(|(_, f)| part.contains(f)) {
            methods[*f].push(method);
            if !builder.is_empty() {
                items[*f].push(builder);
            }
        }
        let mut shared = Vec::new();
        for e in errors {
            let set = self.error_features(&e.users);
            let ident = &e.ident;
            let target = match set.iter().next() {
                Some(f) if set.len() == 1 => {
                    if part.contains(f) {
                        items[*f].push(e.def);
                    }
                    quote!(#ident)
                }
                _ => {
                    if with_shared {
                        let attr = self.attr(&Some(set));
                        let def = e.def;
                        shared.push(quote!(#attr #def));
                    }
                    quote!(super::#ident)
                }
            };
            // The method's docs link to its alias; the alias needs none of its own.
            for (op, alias) in e.users.iter().filter(|(op, alias)| alias != ident && part.contains(&self.map.of_op[*op])) {
                items[self.map.of_op[*op]].push(quote!(pub type #alias = #target;));
            }
        }
        // The methods stay at the top (a level less of indentation, so that fewer lines
        // break); their imports compile under the features whose methods use them.
        let mut users: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); IMPORTS.len()];
        let mut out = Vec::new();
        // Streams are moved, not interpolated (`#x` copies a stream token by token).
        for (f, (methods, items)) in methods.into_iter().zip(items).enumerate().filter(|(_, (m, _))| !m.is_empty()) {
            let attr = self.attr(&Some(BTreeSet::from([f])));
            let methods: TokenStream = methods.into_iter().collect();
            for (i, set) in imported(&methods).into_iter().zip(&mut users) {
                if i {
                    set.insert(f);
                }
            }
            let body = Group::new(Delimiter::Brace, methods);
            out.push(quote!(#attr impl crate::Client #body));
            if items.is_empty() {
                continue;
            }
            let body: TokenStream = items.into_iter().collect();
            let names: Vec<&str> = IMPORTS.iter().zip(imported(&body)).filter(|(_, i)| *i).map(|(name, _)| *name).collect();
            out.push(self.module(f, imports(&names), body));
        }
        if with_shared {
            out.push(shared.into_iter().collect());
        }
        (out, users)
    }

    /// The features of an error type's users (operation indices).
    pub fn error_features(&self, users: &[(usize, proc_macro2::Ident)]) -> BTreeSet<usize> {
        users.iter().map(|(op, _)| self.map.of_op[*op]).collect()
    }

    /// The operations file's first part: the imports of the methods, each with `users`
    /// from [`operation_modules`](Self::operation_modules), the union of all parts'.
    pub fn operation_imports(users: &[BTreeSet<usize>]) -> TokenStream {
        // Always there, allowed to be unused with the features that do not use them: under
        // the `any(...)` of those that do, they took 150 lines of GitHub's crate.
        IMPORTS
            .iter()
            .zip(users)
            .filter(|(_, set)| !set.is_empty())
            .map(|(name, _)| {
                let import = imports(&[name]);
                quote!(#[allow(unused_imports)] #import)
            })
            .collect()
    }

    /// Feature `f`'s builders and error types, written once: a private module re-exported
    /// with `pub use`, so that every public path stays where it was, under the feature's
    /// `cfg`, named as [`operation_module_names`] decided.
    fn module(&self, f: usize, uses: TokenStream, body: TokenStream) -> TokenStream {
        let attr = self.attr(&Some(BTreeSet::from([f])));
        let module = name::ident(&self.operation_module_name(f));
        let mut inner = uses;
        inner.extend([body]);
        let inner = Group::new(Delimiter::Brace, inner);
        quote! {
            #attr
            pub use #module::*;
            #attr
            mod #module #inner
        }
    }

    /// The name of feature `f`'s module in the operations file.
    pub(crate) fn operation_module_name(&self, f: usize) -> String {
        self.operation_modules.get(&f).cloned().unwrap_or_else(|| name::snake(&self.map.names[f]))
    }

    /// Items under one `cfg`, written once: a private module re-exported with `pub use`
    /// (as [`module`](Self::module)), as parsed items: the models file is not turned back
    /// into tokens and parsed a second time (GitHub's: 26,000 lines).
    fn module_items(&self, set: &BTreeSet<usize>, first: &str, taken: &mut BTreeSet<String>, uses: Option<syn::Item>, body: Vec<syn::Item>) -> [syn::Item; 2] {
        let (attr, module) = self.module_name(set, first, taken);
        let export: syn::ItemUse = syn::parse_quote!(#attr pub use #module::*;);
        let mut inner: syn::ItemMod = syn::parse_quote!(#attr mod #module {});
        if let Some((_, items)) = &mut inner.content {
            items.extend(uses.into_iter().chain(body));
        }
        [syn::Item::Use(export), syn::Item::Mod(inner)]
    }

    /// The `cfg` of a module of items and its name: its feature; for several features, the
    /// internal feature that stands for them (without its `_`), else the first of its items
    /// (`first`, snake case), as internal features are. A name already `taken` gets a number.
    fn module_name(&self, set: &BTreeSet<usize>, first: &str, taken: &mut BTreeSet<String>) -> (Option<syn::Attribute>, proc_macro2::Ident) {
        (self.attr(&Some(set.clone())), name::ident(&self.model_module_name(set, first, taken)))
    }

    /// The name [`module_name`](Self::module_name) gives a module of models.
    pub(crate) fn model_module_name(&self, set: &BTreeSet<usize>, first: &str, taken: &mut BTreeSet<String>) -> String {
        let internal = self.internal.iter().find(|(_, s)| s == set).map(|(n, _)| n.as_str());
        let wanted = match (set.iter().next(), internal) {
            (Some(f), _) if set.len() == 1 => name::snake(&self.map.names[*f]),
            (_, Some(internal)) => name::snake(internal),
            _ => name::snake(first),
        };
        name::unique(wanted, taken)
    }

    /// The models file by `cfg` (`cfgs`: each item's): the items every feature compiles
    /// stay at the top, the others go into one `module` per `cfg`, in the
    /// order of the sets of features, each with its items in file order. A module whose
    /// items name a type defined outside it imports the file (`use super::*`).
    pub fn model_modules(&self, file: syn::File, cfgs: Vec<Cfg>) -> syn::File {
        let mut top = Vec::new();
        let mut groups: BTreeMap<BTreeSet<usize>, Vec<syn::Item>> = BTreeMap::new();
        for (item, cfg) in file.items.into_iter().zip(cfgs) {
            match cfg {
                Some(set) => groups.entry(set).or_default().push(item),
                None => top.push(item),
            }
        }
        let defined = |items: &[syn::Item]| -> BTreeSet<String> { items.iter().filter_map(item_name).collect() };
        let everywhere: BTreeSet<String> = defined(&top).into_iter().chain(groups.values().flat_map(|items| defined(items))).collect();
        let mut taken: BTreeSet<String> = ["models", "runtime"].iter().map(|n| n.to_string()).collect();
        for (set, items) in groups {
            let mut used = BTreeSet::new();
            items.iter().for_each(|item| {
                idents(types_named(item), &mut |i| {
                    used.insert(i.to_string());
                });
            });
            let own = defined(&items);
            let uses = used.iter().any(|n| everywhere.contains(n) && !own.contains(n)).then(|| syn::parse_quote!(use super::*;));
            let first = items.iter().find_map(item_name).unwrap_or_default();
            top.extend(self.module_items(&set, &first, &mut taken, uses, items));
        }
        syn::File { shebang: file.shebang, attrs: file.attrs, items: top }
    }
}

/// The type an item defines.
fn item_name(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        _ => None,
    }
}

/// The types an item names: those of its fields and of an alias' target (not a variant's
/// name, which may also be a type's, nor the runtime's calls, which name fields and kinds).
fn types_named(item: &syn::Item) -> TokenStream {
    let fields = |f: &syn::Fields| f.iter().map(|f| f.ty.to_token_stream()).collect::<TokenStream>();
    match item {
        syn::Item::Struct(s) => fields(&s.fields),
        syn::Item::Enum(e) => e.variants.iter().map(|v| fields(&v.fields)).collect(),
        syn::Item::Type(t) => t.ty.to_token_stream(),
        _ => TokenStream::new(),
    }
}

/// The name of each feature's module of builders and error types in the operations file:
/// the features with any (`exporting`) in order, each named after itself, a name the file
/// imports or an earlier module took getting a number. Decided up front so that the
/// file's parts can be written apart.
pub(super) fn operation_module_names(names: &[String], exporting: &BTreeSet<usize>) -> BTreeMap<usize, String> {
    // A module takes no name the file imports (a tag `models`).
    let mut taken: BTreeSet<String> = IMPORTS.iter().map(|n| n.to_string()).collect();
    exporting.iter().map(|f| (*f, name::unique(name::snake(&names[*f]), &mut taken))).collect()
}

/// The names the operations may import.
pub(crate) const IMPORTS: [&str; 4] = ["models", "Request", "Method", "RawResponse"];

/// The imports of these names, those of the crate in one `use`.
fn imports(names: &[&str]) -> TokenStream {
    let mut ours = Vec::new();
    let mut out = TokenStream::new();
    for name in names {
        match *name {
            "models" => ours.push(quote!(models)),
            "Request" => ours.push(quote!(runtime::Request)),
            "RawResponse" => ours.push(quote!(runtime::RawResponse)),
            _ => out.extend(quote!(use ::reqwest::Method;)),
        }
    }
    match ours.as_slice() {
        [] => {}
        [one] => out.extend(quote!(use crate::#one;)),
        many => out.extend(quote!(use crate::{#(#many),*};)),
    }
    out
}

/// Which of [`IMPORTS`] the items use (`models` where they name it without `crate::`).
/// Compared in place: the operations have a few hundred thousand identifiers, each once made
/// a `String` for a set.
fn imported(body: &TokenStream) -> Vec<bool> {
    let mut used = vec![false; IMPORTS.len()];
    idents(body.clone(), &mut |i| {
        if let Some(at) = IMPORTS.iter().position(|name| i == name) {
            used[at] = true;
        }
    });
    used
}

/// Calls `f` with each identifier the tokens use, but not after `::` (`crate::models`,
/// `reqwest::Method`) or inside a string.
fn idents(tokens: TokenStream, f: &mut impl FnMut(&proc_macro2::Ident)) {
    let mut colons = 0;
    for t in tokens {
        match &t {
            TokenTree::Group(g) => idents(g.stream(), f),
            TokenTree::Ident(i) if colons < 2 => f(i),
            _ => {}
        }
        colons = match &t {
            TokenTree::Punct(p) if p.as_char() == ':' => colons + 1,
            _ => 0,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_only_what_the_items_name_unqualified() {
        // `crate::models::A` needs no import, nor does a name inside a doc string.
        let body = quote! {
            #[doc = "see models::A and Request"]
            pub fn f(&self) -> crate::models::A { self.get("/", &[]).decode(RawResponse::unit) }
        };
        assert_eq!(imported(&body), [false, false, false, true]);
        let body = quote!(pub type B<'a> = Request<'a, Vec<models::B>, crate::ErrorBody, 2>;);
        assert_eq!(imports(&IMPORTS.iter().zip(imported(&body)).filter(|(_, i)| *i).map(|(n, _)| *n).collect::<Vec<_>>()).to_string(), "use crate :: { models , runtime :: Request } ;");
    }
}
