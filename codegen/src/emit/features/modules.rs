//! The operations file by feature, so that each feature's `#[cfg]` is written once: one
//! `impl crate::Client` per feature with its methods, and one private module per feature with
//! its builders and error types, re-exported with `pub use` so that every public path stays
//! where it was. An error enum the operations of several features share stays at the top,
//! under all their features; each operation's own name for it is an alias in its module.

use super::Features;
use crate::emit::errors::ErrorType;
use crate::name;
use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use std::collections::BTreeSet;

impl Features {
    /// The file's items from each operation's method and builder (empty without one), in
    /// document order, and the error types: features in name order, each in document order.
    pub fn operation_modules(&self, ops: Vec<(TokenStream, TokenStream)>, errors: Vec<ErrorType>) -> TokenStream {
        let count = self.map.names.len();
        let (mut methods, mut items) = (vec![Vec::new(); count], vec![Vec::new(); count]);
        for ((method, builder), f) in ops.into_iter().zip(&self.map.of_op) {
            methods[*f].push(method);
            if !builder.is_empty() {
                items[*f].push(builder);
            }
        }
        let mut shared = Vec::new();
        for e in errors {
            let set: BTreeSet<usize> = e.users.iter().map(|(op, _)| self.map.of_op[*op]).collect();
            let ident = &e.ident;
            let own = match set.iter().next() {
                Some(f) if set.len() == 1 => Some(*f),
                _ => None,
            };
            let target = match own {
                Some(f) => {
                    items[f].extend([e.def, e.impls]);
                    quote!(#ident)
                }
                None => {
                    let attr = self.attr(&Some(set));
                    let (def, impls) = (e.def, e.impls);
                    shared.push(quote!(#attr #def #attr #impls));
                    quote!(super::#ident)
                }
            };
            // The method's docs link to its alias; the alias needs none of its own.
            for (op, alias) in e.users.iter().filter(|(_, alias)| alias != ident) {
                items[self.map.of_op[*op]].push(quote!(pub type #alias = #target;));
            }
        }
        // A module takes no name the file imports (a tag `models`).
        let mut taken: BTreeSet<String> = IMPORTS.iter().map(|n| n.to_string()).collect();
        // The methods stay at the top (a level less of indentation, so that fewer lines
        // break); their imports compile under the features whose methods use them.
        let mut users: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); IMPORTS.len()];
        let mut out = Vec::new();
        for (f, (methods, items)) in methods.into_iter().zip(items).enumerate().filter(|(_, (m, _))| !m.is_empty()) {
            let attr = self.attr(&Some(BTreeSet::from([f])));
            let body = quote!(impl crate::Client { #(#methods)* });
            for (i, set) in imported(&body).into_iter().zip(&mut users) {
                if i {
                    set.insert(f);
                }
            }
            out.push(quote!(#attr #body));
            if items.is_empty() {
                continue;
            }
            let module = name::ident(&name::unique(name::snake(&self.map.names[f]), &mut taken));
            let body = quote!(#(#items)*);
            let names: Vec<&str> = IMPORTS.iter().zip(imported(&body)).filter(|(_, i)| *i).map(|(name, _)| *name).collect();
            let uses = imports(&names);
            out.push(quote! {
                #attr
                pub use #module::*;
                #attr
                mod #module {
                    #uses
                    #body
                }
            });
        }
        let uses = IMPORTS.iter().zip(users).filter(|(_, set)| !set.is_empty()).map(|(name, set)| {
            let (attr, import) = (self.attr(&Some(set)), imports(&[name]));
            quote!(#attr #import)
        });
        quote!(#(#uses)* #(#out)* #(#shared)*)
    }
}

/// The names the operations may import.
const IMPORTS: [&str; 4] = ["models", "Request", "Method", "RawResponse"];

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
fn imported(body: &TokenStream) -> Vec<bool> {
    let mut used = BTreeSet::new();
    idents(body.clone(), &mut used);
    IMPORTS.iter().map(|name| used.contains(*name)).collect()
}

/// The identifiers the tokens use, but not after `::` (`crate::models`, `reqwest::Method`)
/// or inside a string.
fn idents(tokens: TokenStream, out: &mut BTreeSet<String>) {
    let mut colons = 0;
    for t in tokens {
        match &t {
            TokenTree::Group(g) => idents(g.stream(), out),
            TokenTree::Ident(i) if colons < 2 => {
                out.insert(i.to_string());
            }
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
