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
    // The first operation with the same feature and setters: its number is theirs.
    let mut first: BTreeMap<(usize, String), usize> = BTreeMap::new();
    let mut count = vec![0usize; builders.len()];
    let owner: Vec<usize> = builders
        .iter()
        .enumerate()
        .map(|(i, b)| match b {
            Some(b) if b.pager.is_empty() => *first.entry((of_op[i], b.setters.to_string())).or_insert(i),
            _ => i,
        })
        .collect();
    owner.iter().for_each(|o| count[*o] += 1);
    builders
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let Some(b) = b else { return TokenStream::new() };
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
        })
        .collect()
}
