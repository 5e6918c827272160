//! What an operation's documented responses mean for its method: the success type, the
//! typed error enum, and whether its list result is paginated.

use crate::model::{Api, BodyKind, Field, OpResponse, Operation, Ty, TypeKind};
use crate::name;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// What a successful call returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Success {
    /// A typed body; `optional` when a documented success has no body (a 204, an empty 200),
    /// so the method returns `Option<T>`.
    Json { ty: Ty, optional: bool },
    Text,
    /// A binary body, handed over as a stream.
    Stream,
    Unit,
    /// JSON with no evidence of its shape.
    Value,
}

fn is_success(r: &OpResponse) -> bool {
    crate::model::is_success_status(r.status)
}

pub fn success(op: &Operation) -> Success {
    let successes: Vec<&OpResponse> = op.responses.iter().filter(|r| is_success(r)).collect();
    // An explicit 2xx beats a response without a status.
    let pick = successes.iter().find(|r| r.status.is_some() && r.ty.is_some()).or_else(|| successes.iter().find(|r| r.ty.is_some()));
    if let Some(ty) = pick.and_then(|r| r.ty.clone()) {
        // HTTP gives a 204 no body, whatever the documents show for it.
        let optional = successes.iter().any(|r| matches!(r.status, Some(204 | 205)) || (r.status.is_some() && r.kind == BodyKind::Empty) || r.may_be_empty);
        return Success::Json { ty, optional };
    }
    for (kind, out) in [(BodyKind::Json, Success::Value), (BodyKind::Binary, Success::Stream), (BodyKind::Text, Success::Text)] {
        if successes.iter().any(|r| r.kind == kind) {
            return out;
        }
    }
    Success::Unit
}

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
    let mut errors: Vec<&OpResponse> = op.responses.iter().filter(|r| r.status.is_some_and(|s| s >= 300)).collect();
    errors.sort_by_key(|r| r.status);
    for r in errors {
        let status = r.status.unwrap_or_default();
        if out.iter().any(|v| v.status == status) {
            continue;
        }
        let ident = format_ident!("{}", name::unique(status_name(status), &mut taken));
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

fn status_name(status: u16) -> String {
    let known = match status {
        400 => "BadRequest",
        401 => "Unauthorized",
        402 => "PaymentRequired",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        408 => "RequestTimeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        _ => return format!("Status{status}"),
    };
    known.to_string()
}

/// The name of the operation's error enum, when it documents error statuses.
pub fn error_enum(op: &Operation) -> Option<Ident> {
    if error_variants(op).is_empty() {
        return None;
    }
    let base = name::pascal(&op.id);
    // The runtime's own names are taken.
    let wanted = match base.as_str() {
        "Api" | "Decode" | "" => format!("{base}OperationError"),
        _ => format!("{base}Error"),
    };
    Some(format_ident!("{}", wanted))
}

/// The error type of the operation's method.
pub fn error_ty(op: &Operation) -> TokenStream {
    match error_enum(op) {
        Some(e) => quote!(crate::Error<#e>),
        None => quote!(crate::Error),
    }
}

/// How a list envelope is paged.
pub struct Pagination {
    /// The field holding the page's items, and their type.
    pub items: Ident,
    pub item: Ty,
    /// The field holding the page metadata, and its `total` and page-size fields.
    pub meta: Ident,
    pub total: Ident,
    pub size: Ident,
    /// The query parameters that pick a page and its size.
    pub page_param: &'static str,
    pub size_param: &'static str,
    /// The index of the first page.
    pub first_page: i64,
}

/// Recognises the two envelopes of the bundled APIs: `{"items": [...], "metadata": {"limit",
/// "offset", "total"}}`, where `offset` is a page index from 0 (Outseta), and `{"data":
/// [...], "pagination": {"page", "page_size", "total"}}`, pages from 1 (CrankWheel).
pub fn pagination(api: &Api, op: &Operation) -> Option<Pagination> {
    let Success::Json { ty: Ty::Named(id), optional: false } = success(op) else { return None };
    let TypeKind::Struct(fields) = &api.types.get(id).kind else { return None };
    let plain = |f: &Field| !f.optional && !f.nullable;
    let styles: [(&str, &str, &str, &str, i64); 2] = [("items", "metadata", "offset", "limit", 0), ("data", "pagination", "page", "page_size", 1)];
    for (items, meta, page, size, first_page) in styles {
        let Some(list) = fields.iter().find(|f| f.name == items && plain(f)) else { continue };
        let Ty::List(item) = &list.ty else { continue };
        let Some(meta_field) = fields.iter().find(|f| f.name == meta && plain(f)) else { continue };
        let Ty::Named(meta_id) = meta_field.ty else { continue };
        let TypeKind::Struct(meta_fields) = &api.types.get(meta_id).kind else { continue };
        let int = |n: &str| meta_fields.iter().any(|f| f.name == n && plain(f) && f.ty == Ty::Integer);
        if !(int("total") && int(size) && int(page)) {
            continue;
        }
        return Some(Pagination {
            items: field_ident(fields, items)?,
            item: (**item).clone(),
            meta: field_ident(fields, meta)?,
            total: field_ident(meta_fields, "total")?,
            size: field_ident(meta_fields, size)?,
            page_param: page,
            size_param: size,
            first_page,
        });
    }
    None
}

/// The Rust name `emit::models` gives the field with JSON name `json`.
fn field_ident(fields: &[Field], json: &str) -> Option<Ident> {
    let mut taken = BTreeSet::new();
    for f in fields {
        let rust = name::unique(f.rust_name.clone().unwrap_or_else(|| name::snake(&f.name)), &mut taken);
        if f.name == json {
            return Some(name::ident(&rust));
        }
    }
    None
}
