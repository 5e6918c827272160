//! What a client method looks like: its name, its arguments and setters with their Rust
//! types, what it returns on success and its error type.

use super::rust::{rust_ty, RustTy};
use crate::model::{is_success_status, Api, BodyKind, OpParam, OpResponse, Operation, ParamLocation, Ty, TypeKind};
use crate::{name, reserved};
use std::collections::BTreeSet;
use std::fmt;

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
    is_success_status(r.status)
}

/// An error status: one the method's error type has a variant for.
pub fn is_error_status(status: Option<u16>) -> bool {
    status.is_some_and(|s| s >= 300)
}

pub fn success(op: &Operation) -> Success {
    success_of(op).1
}

/// What a successful call returns, and the response that decides it (for a method without
/// a body, the first success documented; `None` when there is none).
pub fn success_of(op: &Operation) -> (Option<&OpResponse>, Success) {
    let successes: Vec<&OpResponse> = op.responses.iter().filter(|r| is_success(r)).collect();
    // An explicit 2xx beats a response without a status.
    let pick = successes.iter().find(|r| r.status.is_some() && r.ty.is_some()).or_else(|| successes.iter().find(|r| r.ty.is_some()));
    if let Some((r, ty)) = pick.and_then(|r| Some((*r, r.ty.clone()?))) {
        // HTTP gives a 204 no body, whatever the documents show for it.
        let optional = successes.iter().any(|r| matches!(r.status, Some(204 | 205)) || (r.status.is_some() && r.kind == BodyKind::Empty) || r.may_be_empty);
        return (Some(r), Success::Json { ty, optional });
    }
    for (kind, out) in [(BodyKind::Json, Success::Value), (BodyKind::Binary, Success::Stream), (BodyKind::Text, Success::Text)] {
        if let Some(r) = successes.iter().find(|r| r.kind == kind) {
            return (Some(*r), out);
        }
    }
    (successes.first().copied(), Success::Unit)
}

/// The type a call returns on success.
pub fn return_ty(api: &Api, op: &Operation) -> RustTy {
    match success(op) {
        Success::Json { ty, optional } => {
            let t = rust_ty(&api.types, &ty);
            if optional {
                t.option()
            } else {
                t
            }
        }
        Success::Value => RustTy::Value,
        Success::Text => RustTy::String,
        Success::Stream => RustTy::ByteStream,
        Success::Unit => RustTy::Unit,
    }
}

/// HTTP reason phrases: the one table for error variant names (`NotFound`), error body type
/// names (`GetPetNotFound`) and the descriptions of undescribed responses in `openapi.json`.
const REASONS: &[(u16, &str)] = &[
    (200, "OK"),
    (201, "Created"),
    (202, "Accepted"),
    (204, "No Content"),
    (400, "Bad Request"),
    (401, "Unauthorized"),
    (402, "Payment Required"),
    (403, "Forbidden"),
    (404, "Not Found"),
    (405, "Method Not Allowed"),
    (406, "Not Acceptable"),
    (408, "Request Timeout"),
    (409, "Conflict"),
    (410, "Gone"),
    (413, "Payload Too Large"),
    (415, "Unsupported Media Type"),
    (422, "Unprocessable Entity"),
    (429, "Too Many Requests"),
    (500, "Internal Server Error"),
    (501, "Not Implemented"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
    (504, "Gateway Timeout"),
];

/// The reason phrase of a status the table knows.
pub fn known_reason(status: u16) -> Option<&'static str> {
    REASONS.iter().find(|(s, _)| *s == status).map(|(_, r)| *r)
}

/// `Not Found` for 404, `Status 418` for a status the table lacks.
pub fn reason(status: u16) -> String {
    known_reason(status).map_or_else(|| format!("Status {status}"), str::to_string)
}

/// The error enum's variant for a status: `NotFound`, `Status418`.
pub fn status_variant(status: u16) -> String {
    reason(status).replace(' ', "")
}

/// The documented error statuses in status order, each with its variant's name in the error
/// enum and the first response that documents it.
pub fn error_variants(op: &Operation) -> Vec<(u16, String, &OpResponse)> {
    let mut taken = BTreeSet::from(["Other".to_string()]);
    let mut errors: Vec<&OpResponse> = op.responses.iter().filter(|r| is_error_status(r.status)).collect();
    errors.sort_by_key(|r| r.status);
    let mut out: Vec<(u16, String, &OpResponse)> = Vec::new();
    for r in errors {
        let status = r.status.unwrap_or_default();
        if !out.iter().any(|v| v.0 == status) {
            out.push((status, name::unique(status_variant(status), &mut taken), r));
        }
    }
    out
}

/// The name of the operation's error enum, when it documents error statuses.
pub fn error_enum(op: &Operation) -> Option<String> {
    if !has_errors(op) {
        return None;
    }
    let base = name::pascal(&op.id);
    // The runtime's own names are taken.
    Some(match base.as_str() {
        "Api" | "Decode" | "" => format!("{base}OperationError"),
        _ => format!("{base}Error"),
    })
}

/// How a parameter is taken, by argument or setter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArgTy {
    /// Taken and kept as this type.
    Value(RustTy),
    /// `&str`, kept as a `String`.
    Str,
    /// `impl Into<T>`, converted before use.
    Into(RustTy),
}

impl ArgTy {
    /// The type the value is kept as.
    pub fn owned(&self) -> RustTy {
        match self {
            ArgTy::Value(t) | ArgTy::Into(t) => t.clone(),
            ArgTy::Str => RustTy::String,
        }
    }
}

impl fmt::Display for ArgTy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArgTy::Value(t) => write!(f, "{t}"),
            ArgTy::Str => f.write_str("&str"),
            ArgTy::Into(t) => write!(f, "impl Into<{t}>"),
        }
    }
}

/// A parameter's argument or setter type.
pub fn arg_ty(api: &Api, p: &OpParam) -> ArgTy {
    match &p.ty {
        Ty::Integer => ArgTy::Value(RustTy::I64),
        Ty::Float => ArgTy::Value(RustTy::F64),
        Ty::Bool => ArgTy::Value(RustTy::Bool),
        // `impl Into`, so that a caller's `"2020-01-01T00:00:00Z"` or `jiff` value both do.
        Ty::DateTime => ArgTy::Into(RustTy::Timestamp),
        Ty::Duration => ArgTy::Into(RustTy::TimeSpan),
        // A path segment is one value: a list there is sent as text. An enum from prose
        // (`ActivityType`) is sent as its wire value, through `Display`.
        Ty::Named(id) if p.location != ParamLocation::Path && matches!(api.types.get(*id).kind, TypeKind::Enum { .. }) => ArgTy::Value(rust_ty(&api.types, &p.ty)),
        Ty::List(_) if p.location != ParamLocation::Path => ArgTy::Value(rust_ty(&api.types, &p.ty)),
        _ => ArgTy::Str,
    }
}

/// A parameter of the method, as the crate names and types it.
#[derive(Clone, Debug)]
pub struct Param {
    /// The argument's or setter's Rust name.
    pub name: String,
    pub ty: ArgTy,
    pub param: OpParam,
}

/// The method's parameters (with the page parameters of a paginated list), named, and the
/// names of its multipart file arguments.
pub fn params(api: &Api, op: &Operation) -> (Vec<Param>, Vec<String>) {
    let mut taken = BTreeSet::from(["client".to_string(), "body".to_string()]);
    let params = all_params(api, op)
        .into_iter()
        .map(|p| {
            // An optional parameter is a setter on `Request`, which must not take one of its methods.
            let wanted = if p.required { name::snake(&p.name) } else { reserved::setter_name(name::snake(&p.name)) };
            Param { name: name::unique(wanted, &mut taken), ty: arg_ty(api, &p), param: p }
        })
        .collect();
    let files = op.request.iter().flat_map(|r| &r.file_fields).map(|f| name::unique(name::snake(f), &mut taken)).collect();
    (params, files)
}

/// Whether the method has setters (a builder): an optional parameter, its own or a page
/// parameter `all_params` adds. [`params`] without naming or cloning anything.
pub fn has_setters(api: &Api, op: &Operation) -> bool {
    op.params.iter().any(|p| !p.required)
        || super::pages::pagination(api, op).is_some_and(|p| [p.page_param, p.size_param].iter().any(|name| !op.params.iter().any(|q| q.location == ParamLocation::Query && q.name == *name)))
}

/// Whether the operation documents error statuses (has an [`error_enum`]).
pub fn has_errors(op: &Operation) -> bool {
    op.responses.iter().any(|r| is_error_status(r.status))
}

/// The parameters of the operation's method, plus the page parameters a paginated list
/// accepts even where its documents leave them out.
fn all_params(api: &Api, op: &Operation) -> Vec<OpParam> {
    let mut params = op.params.clone();
    if let Some(p) = super::pages::pagination(api, op) {
        for (name, doc) in [(p.page_param, "The page to fetch."), (p.size_param, "The number of items per page.")] {
            if !params.iter().any(|q| q.location == ParamLocation::Query && q.name == name) {
                params.push(OpParam { name: name.to_string(), location: ParamLocation::Query, required: false, ty: Ty::Integer, docs: Some(doc.to_string()) });
            }
        }
    }
    params
}
