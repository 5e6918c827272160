//! What an operation's documented responses mean for its method: the typed error enum. The
//! success type and pagination are the surface's decisions (`crate::surface`).

use crate::model::{BodyKind, OpResponse, Operation, Ty};
use crate::name;
use crate::surface::calls::{is_error_status, status_variant};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

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

/// The documented error statuses, in status order.
pub fn error_variants(op: &Operation) -> Vec<ErrorVariant> {
    let mut taken = BTreeSet::from(["Other".to_string()]);
    let mut out: Vec<ErrorVariant> = Vec::new();
    let mut errors: Vec<&OpResponse> = op.responses.iter().filter(|r| is_error_status(r.status)).collect();
    errors.sort_by_key(|r| r.status);
    for r in errors {
        let status = r.status.unwrap_or_default();
        if out.iter().any(|v| v.status == status) {
            continue;
        }
        let ident = format_ident!("{}", name::unique(status_variant(status), &mut taken));
        let payload = match (&r.ty, r.kind) {
            (Some(ty), _) => Payload::Typed(ty.clone()),
            (None, BodyKind::Text) => Payload::Text,
            (None, BodyKind::Json) => Payload::Json,
            _ => Payload::None,
        };
        out.push(ErrorVariant { status, ident, payload, description: r.description.clone() });
    }
    out
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
