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
use crate::name;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};

/// One enum and the operations that use it.
struct ErrorEnum {
    ident: Ident,
    variants: Vec<ErrorVariant>,
    /// The operations' own names for it, in document order.
    users: Vec<Ident>,
    /// The operation ids, for docs.
    op_ids: Vec<String>,
    /// The operations' indices.
    ops: Vec<usize>,
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

/// The error enums to emit, in order of first use; the definition only of those whose users
/// (operation indices) are `wanted`, empty for the others.
pub fn error_types(api: &Api, wanted: impl Fn(&[usize]) -> bool) -> Vec<ErrorType> {
    error_enums(api)
        .into_iter()
        .map(|e| {
            let def = if wanted(&e.ops) { emit_enum(api, &e) } else { TokenStream::new() };
            ErrorType { ident: e.ident, def, users: e.ops.into_iter().zip(e.users).collect() }
        })
        .collect()
}

/// Per error enum, its name and the indices of the operations that use it (the features need
/// the shared ones' sets before the files are gated).
pub fn users_of_error_enums(api: &Api) -> Vec<(String, Vec<usize>)> {
    error_enums(api).into_iter().map(|e| (e.ident.to_string(), e.ops)).collect()
}

fn error_enums(api: &Api) -> Vec<ErrorEnum> {
    let models = quote!(crate::models::);
    let mut enums: Vec<ErrorEnum> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for (oi, op) in api.operations.iter().enumerate() {
        let Some(own) = error_enum(op) else { continue };
        let variants = error_variants(op);
        let key = variants.iter().map(|v| format!("{} {} {};", v.status, v.ident, payload_ty(api, &v.payload, &models))).collect::<String>();
        let descriptions = variants.iter().map(|v| v.description.clone()).collect();
        let i = *by_key.entry(key).or_insert_with(|| {
            enums.push(ErrorEnum { ident: own.clone(), variants, users: Vec::new(), op_ids: Vec::new(), ops: Vec::new(), descriptions: Vec::new() });
            enums.len() - 1
        });
        enums[i].users.push(own);
        enums[i].ops.push(oi);
        enums[i].op_ids.push(op.id.trim_start_matches("r#").to_string());
        enums[i].descriptions.push(descriptions);
    }
    // Shared enums are named after their statuses; an operation's own name stays free.
    let mut taken: BTreeSet<String> = enums.iter().flat_map(|e| e.users.iter().map(|u| u.to_string())).collect();
    for e in enums.iter_mut().filter(|e| e.users.len() > 1) {
        let statuses: Vec<String> = e.variants.iter().map(|v| v.status.to_string()).collect();
        e.ident = format_ident!("{}", name::unique(format!("Status{}Error", statuses.join("_")), &mut taken));
    }
    enums
}

fn payload_ty(api: &Api, payload: &Payload, models: &TokenStream) -> TokenStream {
    match payload {
        Payload::Typed(ty) => rust_ty(&api.types, ty, models),
        Payload::Json => quote!(::serde_json::Value),
        Payload::Text => quote!(String),
        Payload::None => quote!(),
    }
}

/// The enum, each variant's status marked by how its body is read (`status`: decoded,
/// `text`: kept as it is, `empty`: none), as the runtime's `documented_errors!` reads it.
fn emit_enum(api: &Api, e: &ErrorEnum) -> TokenStream {
    let models = quote!(crate::models::);
    let ident = &e.ident;
    let mut defs = Vec::new();
    for (i, v) in e.variants.iter().enumerate() {
        let (vi, status) = (&v.ident, v.status);
        let code = proc_macro2::Literal::u16_unsuffixed(status);
        // A description goes on the variant when every operation sharing it agrees.
        let first = &e.descriptions[0][i];
        let described = first.as_deref().filter(|_| e.descriptions.iter().all(|d| &d[i] == first)).map(to_rustdoc).filter(|d| !d.is_empty());
        let doc = doc_attr(&match described {
            Some(d) => format!("Status {status}: {d}"),
            None => format!("Status {status}."),
        });
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
    let doc = match e.op_ids.as_slice() {
        [one] => format!(" The documented error responses of [`Client::{one}`](crate::Client::{one})."),
        _ => format!(" The documented error responses of {} operations; each has its own name for it.", e.users.len()),
    };
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
