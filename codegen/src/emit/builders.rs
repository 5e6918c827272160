//! The builders of the operations with optional parameters. A builder is the operation's
//! [`Request`] with a number of its own (`Request<'a, T, E, 12>`) named by an alias, and its
//! setters are an `impl` on that type. Operations of one feature whose setters are the same
//! (names, types, wire names and docs, in the same order) share one number and one generic
//! `impl<'a, T, E> Request<'a, T, E, 12>`: GitHub's 325 builders repeat `per_page` and `page`
//! with the same docs 127 times. Sharing by number, not by a trait bound, keeps rustdoc right:
//! an alias's page lists the impls whose type can be the alias's, which a bound does not
//! narrow (a `where Op<OP>: Takes<PerPage>` impl is listed on every builder's page), while a
//! number does.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use std::collections::BTreeMap;

/// One operation's builder, before its number is decided.
pub struct Builder {
    /// The alias and its doc.
    pub ident: Ident,
    pub doc: String,
    /// The success and error types of the request.
    pub out_ty: TokenStream,
    pub error_ty: TokenStream,
    /// The setters, in parameter order.
    pub setters: TokenStream,
    /// `into_stream`, which names the success type's fields: a builder with one has its own
    /// number.
    pub pager: TokenStream,
}

/// Each operation's builder items (empty without a builder), from its builder and feature.
pub fn emit_builders(builders: Vec<Option<Builder>>, of_op: &[usize]) -> Vec<TokenStream> {
    let keys: Vec<Option<Option<String>>> = builders.iter().map(|b| b.as_ref().map(|b| b.pager.is_empty().then(|| b.setters.to_string()))).collect();
    let (owner, count) = owners(&keys, of_op);
    builders.into_iter().enumerate().map(|(i, b)| b.map(|b| builder_items(b, i, &owner, &count)).unwrap_or_default()).collect()
}

/// Per operation, the operation whose number its builder takes (the first with the same
/// feature and setters: `keys`, `None` without a builder, `Some(None)` for a builder of its
/// own), and per operation how many builders take its number.
pub(super) fn owners(keys: &[Option<Option<String>>], of_op: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut first: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    let mut count = vec![0usize; keys.len()];
    let owner: Vec<usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| match k {
            Some(Some(setters)) => *first.entry((of_op[i], setters.as_str())).or_insert(i),
            _ => i,
        })
        .collect();
    owner.iter().for_each(|o| count[*o] += 1);
    (owner, count)
}

/// Operation `i`'s builder items: its alias and, for the first of its number, the setters.
pub(super) fn builder_items(b: Builder, i: usize, owner: &[usize], count: &[usize]) -> TokenStream {
    let Builder { ident, doc, out_ty, error_ty, setters, pager } = b;
    let number = Literal::u32_unsuffixed(owner[i] as u32 + 1);
    let alias = quote! {
        #[doc = #doc]
        pub type #ident<'a> = Request<'a, #out_ty, #error_ty, #number>;
    };
    match (owner[i] == i, count[i] > 1) {
        // Shared: the first alias carries the setters of all.
        (true, true) => quote! {
            #alias
            impl<'a, T, E> Request<'a, T, E, #number> {
                #setters
            }
        },
        (true, false) => quote! {
            #alias
            impl<'a> #ident<'a> {
                #setters
                #pager
            }
        },
        (false, _) => alias,
    }
}
