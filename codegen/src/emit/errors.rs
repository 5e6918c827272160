//! The error enums of the operations. Each operation that documents error statuses has an
//! error type named after it (`ReposGetError`); operations whose documented errors are the
//! same (statuses, variants and body types) share one enum named after its statuses
//! (`Status403_404Error`), and their own names are aliases of it. Large APIs repeat the same
//! few error sets hundreds of times; the aliases keep each operation's name stable when a
//! change to the documents makes its set shared or unshared.

use super::docs::to_rustdoc;
use super::models::{doc_attr, rust_ty};
use super::responses::{error_enum, error_variants, ErrorVariant, Payload};
use crate::model::Api;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One enum and the operations that use it.
pub(super) struct ErrorEnum {
    pub ident: Ident,
    pub variants: Vec<ErrorVariant>,
    /// The operations' own names for it, in document order.
    pub users: Vec<Ident>,
    /// The operation ids, for docs.
    op_ids: Vec<String>,
    /// The operations' indices.
    pub ops: Vec<usize>,
    /// Each variant's description, per user.
    descriptions: Vec<Vec<Option<String>>>,
}

/// One error enum as emitted: its definition and, per operation, the name it has there.
pub struct ErrorType {
    pub ident: Ident,
    /// The enum, marked for the runtime's `documented_errors!` (`emit::calls`).
    pub def: TokenStream,
    /// Each user's operation index and own name (an alias where it is not `ident`).
    pub users: Vec<(usize, Ident)>,
}

/// The error enums to emit, in order of first use (`groups`: `Features::error_groups`); the
/// definition only of those whose users (operation indices) are `wanted`, empty for the others.
pub fn error_types(api: &Api, groups: &[(String, Vec<usize>)], wanted: impl Fn(&[usize]) -> bool) -> Vec<ErrorType> {
    groups
        .iter()
        .filter_map(|(name, ops)| {
            let e = error_enum_of(api, name, ops)?;
            let def = if wanted(&e.ops) { emit_enum(api, &e) } else { TokenStream::new() };
            Some(ErrorType { ident: e.ident, def, users: e.ops.into_iter().zip(e.users).collect() })
        })
        .collect()
}

/// The enum named `name` shared by operations `ops` (all with the same variants).
pub(super) fn error_enum_of(api: &Api, name: &str, ops: &[usize]) -> Option<ErrorEnum> {
    let variants = error_variants(api.operations.get(*ops.first()?)?);
    let mut e = ErrorEnum { ident: format_ident!("{name}"), variants, users: Vec::new(), op_ids: Vec::new(), ops: Vec::new(), descriptions: Vec::new() };
    for &oi in ops {
        let op = &api.operations[oi];
        let Some(own) = error_enum(op) else { continue };
        e.users.push(own);
        e.ops.push(oi);
        e.op_ids.push(op.id.trim_start_matches("r#").to_string());
        e.descriptions.push(error_variants(op).into_iter().map(|v| v.description).collect());
    }
    Some(e)
}

fn payload_ty(api: &Api, payload: &Payload, models: &TokenStream) -> TokenStream {
    match payload {
        Payload::Typed(ty) => rust_ty(&api.types, ty, models),
        Payload::Json => quote!(::serde_json::Value),
        Payload::Text => quote!(String),
        Payload::None => quote!(),
    }
}

/// Variant `i`'s docs: its description where every operation sharing it agrees.
pub(super) fn variant_doc(e: &ErrorEnum, i: usize) -> String {
    let status = e.variants[i].status;
    let first = &e.descriptions[0][i];
    let described = first.as_deref().filter(|_| e.descriptions.iter().all(|d| &d[i] == first)).map(to_rustdoc).filter(|d| !d.is_empty());
    match described {
        Some(d) => format!("Status {status}: {d}"),
        None => format!("Status {status}."),
    }
}

/// The enum's doc (the attribute's value).
pub(super) fn enum_doc(e: &ErrorEnum) -> String {
    match e.op_ids.as_slice() {
        [one] => format!(" The documented error responses of [`Client::{one}`](crate::Client::{one})."),
        _ => format!(" The documented error responses of {} operations; each has its own name for it.", e.users.len()),
    }
}

/// The enum, each variant's status marked by how its body is read (`status`: decoded,
/// `text`: kept as it is, `empty`: none), as the runtime's `documented_errors!` reads it.
pub(super) fn emit_enum(api: &Api, e: &ErrorEnum) -> TokenStream {
    let models = quote!(crate::models::);
    let ident = &e.ident;
    let mut defs = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        let (vi, status) = (&v.ident, v.status);
        let code = proc_macro2::Literal::u16_unsuffixed(status);
        let doc = doc_attr(&variant_doc(e, i));
        let def = match &v.payload {
            Payload::Typed(_) | Payload::Json => {
                let t = payload_ty(api, &v.payload, &models);
                quote!(#[status = #code] #vi(#t))
            }
            Payload::Text => quote!(#[text = #code] #vi(String)),
            Payload::None => quote!(#[empty = #code] #vi),
        };
        defs.push(quote!(#doc #def));
    }
    let doc = enum_doc(e);
    quote! {
        #[documented_errors]
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #(#defs,)*
            /// Another status, or a body that does not match its documented type.
            Other(crate::ErrorBody),
        }
    }
}
