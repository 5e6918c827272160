//! What an operation's documented responses mean for its method: the typed error enum. The
//! success type and pagination are the surface's decisions (`crate::surface`).

use crate::model::{BodyKind, Operation, Ty};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub use crate::surface::pages::{pagination, Pagination};
pub use crate::surface::{success, Success};

/// One documented error status and its variant in the operation's error enum.
pub struct ErrorVariant {
    pub status: u16,
    pub ident: Ident,
    pub payload: Payload,
    pub description: Option<String>,
}

pub enum Payload {
    Typed(Ty),
    Text,
    Json,
    None,
}

/// The documented error statuses, in status order; the surface names the variants.
pub fn error_variants(op: &Operation) -> Vec<ErrorVariant> {
    crate::surface::calls::error_variants(op)
        .into_iter()
        .map(|(status, name, r)| {
            let payload = match (&r.ty, r.kind) {
                (Some(ty), _) => Payload::Typed(ty.clone()),
                (None, BodyKind::Text) => Payload::Text,
                (None, BodyKind::Json) => Payload::Json,
                _ => Payload::None,
            };
            ErrorVariant { status, ident: format_ident!("{}", name), payload, description: r.description.clone() }
        })
        .collect()
}

/// The name of the operation's error enum, when it documents error statuses.
pub fn error_enum(op: &Operation) -> Option<Ident> {
    crate::surface::error_enum(op).map(|e| format_ident!("{}", e))
}

/// The error type of the operation's method.
pub fn error_ty(op: &Operation) -> TokenStream {
    match error_enum(op) {
        Some(e) => quote!(crate::Error<#e>),
        None => quote!(crate::Error),
    }
}
