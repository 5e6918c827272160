//! Operations into client methods. Each method returns a `Request` to await: required
//! parameters are its arguments; optional ones are setters on a builder of the operation's
//! own around the request, whose setters may be shared (see `builders.rs`). Each method returns its documented success type and, where error
//! statuses are documented, an error type of its own (see `errors.rs`).

use super::builders::{emit_builders, Builder};
use super::deferred_docs::DeferredDocs;
use super::docs::to_rustdoc;
use super::errors::error_types;
use super::features::Features;
use super::models::{doc_attr, rust_ty};
use super::responses::{error_enum, pagination, success, Pagination, Success};
use crate::model::{Api, BodyKind, OpParam, Operation, ParamLocation, Segment, Ty};
use crate::name;
use crate::surface::{self, ArgTy};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;
use std::ops::Range;

/// The features `part` of the operations file: their methods, builders and error types,
/// grouped by feature, then, `with_shared`, the error types several features share; in
/// parts, with which features use each import (see [`Features::operation_modules`]).
pub fn emit_operations(api: &Api, features: &Features, part: &Range<usize>, with_shared: bool) -> (Vec<TokenStream>, Vec<BTreeSet<usize>>, DeferredDocs) {
    let of_op = &features.map.of_op;
    let mut docs = DeferredDocs::default();
    let (methods, builders): (Vec<TokenStream>, Vec<Option<Builder>>) =
        api.operations.iter().zip(of_op).map(|(op, f)| if part.contains(f) { emit_operation(api, op, &mut docs) } else { (TokenStream::new(), None) }).unzip();
    // Builders are numbered by operation index, so the other parts' are left as `None`.
    let ops = methods.into_iter().zip(emit_builders(builders, of_op)).collect();
    let wanted = |ops: &[usize]| {
        let set: BTreeSet<usize> = ops.iter().map(|op| of_op[*op]).collect();
        if set.len() == 1 { set.iter().all(|f| part.contains(f)) } else { with_shared }
    };
    let (parts, users) = features.operation_modules(ops, error_types(api, &features.error_groups, wanted), part, with_shared);
    (parts, users, docs)
}

pub(super) struct ParamField {
    pub ident: proc_macro2::Ident,
    pub param: OpParam,
    /// The owned type of a value (`String` for a `&str` argument).
    pub ty: TokenStream,
    /// The argument or setter type.
    arg_ty: TokenStream,
    /// The argument is a `&str`: pass a reference to the owned value.
    pub by_ref: bool,
    /// The argument is `impl Into<ty>`: convert it before use.
    into: bool,
}

/// The builder fields of the operation's parameters and the identifiers of its file parts,
/// named and typed as the surface decides.
pub(super) fn fields(api: &Api, op: &Operation) -> (Vec<ParamField>, Vec<proc_macro2::Ident>) {
    let (params, files) = surface::params(api, op);
    let fields = params
        .into_iter()
        .map(|p| {
            let (ty, arg_ty) = match &p.ty {
                ArgTy::Value(t) => (t.tokens(&quote!(crate::models::)), t.tokens(&quote!(crate::models::))),
                ArgTy::Str => (quote!(String), quote!(&str)),
                ArgTy::Into(t) => {
                    let t = t.tokens(&quote!(crate::models::));
                    (t.clone(), quote!(impl Into<#t>))
                }
            };
            let (by_ref, into) = (matches!(p.ty, ArgTy::Str), matches!(p.ty, ArgTy::Into(_)));
            ParamField { ident: name::ident(&p.name), param: p.param, ty, arg_ty, by_ref, into }
        })
        .collect();
    (fields, files.iter().map(|f| name::ident(f)).collect())
}

/// The type a call returns on success, with model types under `models`.
pub(super) fn success_ty(api: &Api, op: &Operation, models: &TokenStream) -> TokenStream {
    surface::return_ty(api, op).tokens(models)
}

/// How the method decodes a success when not as JSON: `.decode_unit()`, `.decode_optional()`
/// or `.decode` with a `RawResponse` decoder; `None` for JSON.
fn decoder(op: &Operation) -> Option<TokenStream> {
    let (call, with) = decoder_call(op)?;
    let call = format_ident!("{call}");
    Some(match with {
        Some(with) => {
            let with = format_ident!("{with}");
            quote!(.#call(RawResponse::#with))
        }
        None => quote!(.#call()),
    })
}

/// [`decoder`]'s method and, for `decode`, the `RawResponse` function it is given.
pub(super) fn decoder_call(op: &Operation) -> Option<(&'static str, Option<&'static str>)> {
    let with = match success(op) {
        Success::Json { ty: Ty::String, optional: false } => "json_or_text",
        Success::Json { ty: Ty::String, optional: true } => "optional_json_or_text",
        Success::Json { ty: Ty::Json, optional: false } | Success::Value => "value",
        Success::Json { optional: true, .. } => return Some(("decode_optional", None)),
        Success::Text => "plain_text",
        Success::Unit => return Some(("decode_unit", None)),
        Success::Json { .. } | Success::Stream => return None,
    };
    Some(("decode", Some(with)))
}

/// The request's method that sends a required parameter (none for a path parameter).
pub(super) fn required_call(p: &OpParam) -> Option<&'static str> {
    let list = matches!(p.ty, Ty::List(_));
    Some(match (p.location, list) {
        (ParamLocation::Query, false) => "query",
        (ParamLocation::Query, true) => "query_list",
        (ParamLocation::Header | ParamLocation::Cookie, false) => "header",
        (ParamLocation::Header | ParamLocation::Cookie, true) => "header_list",
        (ParamLocation::Path, _) => return None,
    })
}

/// The request's method a setter of an optional parameter calls.
pub(super) fn setter_call(p: &OpParam) -> &'static str {
    match (p.location, matches!(p.ty, Ty::List(_))) {
        (ParamLocation::Query, false) => "set_query",
        (ParamLocation::Query, true) => "query_list",
        (_, false) => "header",
        (_, true) => "header_list",
    }
}

/// A setter's docs: the parameter's, else a line naming it.
pub(super) fn setter_doc(p: &OpParam) -> String {
    p.docs.as_deref().map(to_rustdoc).filter(|d| !d.is_empty()).unwrap_or_else(|| format!("Sets the `{}` parameter.", p.name))
}

/// Whether a paginated list's builder has `into_stream`: its page and size are query
/// parameters of the operation (`params`).
pub(super) fn has_pager<'p>(p: &Pagination, params: impl Iterator<Item = &'p OpParam> + Clone) -> bool {
    let find = |name: &str| params.clone().any(|f| f.location == ParamLocation::Query && f.name == name);
    find(p.page_param) && find(p.size_param)
}

/// `into_stream` for a paginated list: every item of every page.
fn emit_pager(api: &Api, p: &Pagination, fields: &[ParamField], error_body: &TokenStream) -> TokenStream {
    let item = rust_ty(&api.types, &p.item, &quote!(models::));
    if !has_pager(p, fields.iter().map(|f| &f.param)) {
        return quote!();
    }
    let [items, meta, total, size] = [&p.items, &p.meta, &p.total, &p.size].map(|n| name::ident(n));
    let (first, page) = (p.first_page, p.page_param);
    let doc = doc_attr(&format!(
        "Every item of every page, as a stream that fetches each page when it is needed. Pages are picked with `{}` (the first is {first}, or the one set here) and sized with `{}`; the stream ends after a short or empty page or once `{}` items were read.",
        p.page_param, p.size_param, "total"
    ));
    quote! {
        #doc
        pub fn into_stream(self) -> crate::Paginator<'a, #item, #error_body> {
            self.pages(#page, #first, |list| crate::runtime::Page { items: list.#items, total: Some(list.#meta.#total), page_size: Some(list.#meta.#size) })
        }
    }
}

/// Whether the module has public items besides the methods (builders, error enums) for the
/// crate root to re-export: a glob import of nothing is an unused-import warning.
pub fn has_exports(api: &Api) -> bool {
    api.operations.iter().any(|op| exports(api, op))
}

/// Whether the operation has a builder or an error type of its own (from the surface's
/// decisions, without building the method's tokens).
pub fn exports(api: &Api, op: &Operation) -> bool {
    surface::calls::has_errors(op) || surface::calls::has_setters(api, op)
}

/// The method on `Client` and, for optional parameters, its builder.
pub(super) fn emit_operation(api: &Api, op: &Operation, docs: &mut DeferredDocs) -> (TokenStream, Option<Builder>) {
    let method_ident = name::ident(&op.id);
    let builder = format_ident!("{}Builder", name::pascal(&op.id));
    let models = quote!(models::);
    let (fields, file_idents) = fields(api, op);
    let (required, optional): (Vec<&ParamField>, Vec<&ParamField>) = fields.iter().partition(|f| f.param.required);

    // Arguments: required parameters, the typed body, file parts.
    let body_ty = op.request.as_ref().and_then(|r| r.ty.as_ref()).map(|t| rust_ty(&api.types, t, &models));
    let file_fields: Vec<String> = op.request.as_ref().map(|r| r.file_fields.clone()).unwrap_or_default();
    let mut args: Vec<TokenStream> = required.iter().map(|f| {
        let (ident, arg_ty) = (&f.ident, &f.arg_ty);
        quote!(#ident: #arg_ty)
    }).collect();
    if let Some(bt) = &body_ty {
        args.push(quote!(body: #bt));
    }
    for ident in &file_idents {
        args.push(quote!(#ident: crate::FilePart));
    }

    // The path template and its parameters, in order.
    let (template, path_params) = path_template(op, fields.iter().map(|f| &f.param));
    let path_args: Vec<TokenStream> = path_params
        .iter()
        .map(|at| match at {
            Some(at) => {
                let ident = &fields[*at].ident;
                quote!(&#ident)
            }
            None => quote!(&""),
        })
        .collect();
    let error_body = match error_enum(op) {
        Some(e) => quote!(#e),
        None => quote!(crate::ErrorBody),
    };
    let mut call = match (success(op), op.method.as_str()) {
        (Success::Stream, m) => {
            let m = format_ident!("{m}");
            quote!(self.download(Method::#m, #template, &[#(#path_args),*]))
        }
        (_, m @ ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")) => {
            let m = format_ident!("{}", m.to_ascii_lowercase());
            quote!(self.#m(#template, &[#(#path_args),*]))
        }
        (_, m) => {
            let m = format_ident!("{m}");
            quote!(self.request(Method::#m, #template, &[#(#path_args),*]))
        }
    };
    if let Some(decode) = super::media::decoder(api, op).map(|d| quote!(.decode(#d))).or_else(|| decoder(op)) {
        call = quote!(#call #decode);
    }
    // Required query values and headers, then the body, auth and server.
    for f in &required {
        let (ident, name) = (&f.ident, &f.param.name);
        if let Some(send) = required_call(&f.param) {
            let send = format_ident!("{send}");
            call = quote!(#call.#send(#name, #ident));
        }
    }
    call = match (&op.request, &body_ty) {
        (Some(r), Some(_)) if r.kind == BodyKind::Json => quote!(#call.json(&body)),
        (Some(r), Some(_)) if r.kind == BodyKind::Form => quote!(#call.form(&body)),
        (Some(r), _) if r.kind == BodyKind::Multipart => {
            let fields = if body_ty.is_some() { quote!(Some(&body)) } else { quote!(None) };
            let files = file_fields.iter().zip(&file_idents).map(|(n, i)| quote!((#n, #i)));
            quote!(#call.multipart(#fields, vec![#(#files),*]))
        }
        _ => call,
    };
    if !op.auth.is_empty() {
        let auth = &op.auth;
        call = quote!(#call.auth(&[#(#auth),*]));
    }
    if let Some(s) = &op.server {
        call = quote!(#call.server(#s));
    }

    // `impl Into` arguments become their type once, before the call uses them.
    let conversions: Vec<TokenStream> = required
        .iter()
        .filter(|f| f.into)
        .map(|f| {
            let (ident, ty) = (&f.ident, &f.ty);
            quote!(let #ident: #ty = #ident.into();)
        })
        .collect();
    let call = quote!(#(#conversions)* #call);
    let out_ty = success_ty(api, op, &models);
    let request_ty = match error_enum(op) {
        Some(e) => quote!(Request<'_, #out_ty, #e>),
        None => quote!(Request<'_, #out_ty>),
    };
    let doc = docs.attr(operation_doc(api, op));
    let deprecated = if op.deprecated { quote!(#[deprecated]) } else { quote!() };
    if optional.is_empty() {
        let method = quote! {
            #doc
            #deprecated
            pub fn #method_ident(&self, #(#args),*) -> #request_ty {
                #call
            }
        };
        return (method, None);
    }

    let setters: Vec<TokenStream> = optional.iter().map(|f| {
        let (ident, arg_ty, name) = (&f.ident, &f.arg_ty, &f.param.name);
        let doc = docs.attr(setter_doc(&f.param));
        let set = format_ident!("{}", setter_call(&f.param));
        let convert = if f.into {
            let ty = &f.ty;
            quote!(let value: #ty = value.into();)
        } else {
            quote!()
        };
        quote! {
            #doc
            pub fn #ident(self, value: #arg_ty) -> Self {
                #convert
                self.#set(#name, value)
            }
        }
    }).collect();
    let pager = pagination(api, op).map(|p| emit_pager(api, &p, &fields, &error_body)).unwrap_or_default();
    let builder_doc = builder_doc(op);
    let method = quote! {
        #doc
        #deprecated
        pub fn #method_ident(&self, #(#args),*) -> #builder<'_> {
            #call
        }
    };
    let setters = quote!(#(#setters)*);
    (method, Some(Builder { ident: builder, doc: builder_doc, out_ty, error_ty: error_body, setters, pager }))
}

/// The path's template (`/repos/{}/{}`) and, per parameter in it, the index of its
/// parameter among `params` (`None`: not a parameter of the operation).
pub(super) fn path_template<'p>(op: &Operation, params: impl Iterator<Item = &'p OpParam> + Clone) -> (String, Vec<Option<usize>>) {
    let mut template = String::new();
    let mut path_params = Vec::new();
    for s in &op.path.segments {
        template.push('/');
        match s {
            Segment::Literal(l) => template.push_str(l),
            Segment::Param(p) => {
                template.push_str("{}");
                path_params.push(params.clone().position(|f| f.location == ParamLocation::Path && &f.name == p));
            }
        }
    }
    if template.is_empty() {
        template.push('/');
    }
    (template, path_params)
}

/// A builder alias's doc (the attribute's value).
pub(super) fn builder_doc(op: &Operation) -> String {
    format!(" The request of [`Client::{}`](crate::Client::{0}): set its optional parameters, then await it.", op.id.trim_start_matches("r#"))
}

/// The method's docs: the summary with the route, the description, then one line with
/// the credentials it takes (where the API has any) and its documented error statuses.
pub(super) fn operation_doc(api: &Api, op: &Operation) -> String {
    let route = format!("`{} {}`", op.method.as_str(), op.path.to_openapi());
    let summary = op.summary.as_deref().map(to_rustdoc).filter(|s| !s.is_empty());
    let mut parts = vec![match &summary {
        Some(s) => format!("{s} ({route})"),
        None => route,
    }];
    if let Some(d) = op.description.as_deref().map(to_rustdoc).filter(|d| !d.is_empty() && Some(d) != summary.as_ref()) {
        parts.push(d);
    }
    let mut last = Vec::new();
    let auth: Vec<String> = op.auth.iter().filter(|a| api.auth.iter().any(|s| &s.name == *a)).map(|a| format!("`{a}`")).collect();
    match (api.auth.is_empty(), auth.is_empty()) {
        (true, _) => {}
        (false, true) => last.push("Authentication: none.".to_string()),
        (false, false) => last.push(format!("Authentication: {}.", auth.join(" or "))),
    }
    let errors: Vec<String> = op
        .responses
        .iter()
        .filter(|r| surface::calls::is_error_status(r.status))
        .map(|r| {
            let status = r.status.unwrap_or_default();
            match &r.ty {
                Some(Ty::Named(id)) => format!("{status} ([`{0}`](crate::models::{0}))", api.types.get(*id).name),
                _ => status.to_string(),
            }
        })
        .collect();
    if let (false, Some(ident)) = (errors.is_empty(), error_enum(op)) {
        last.push(format!("Error statuses, decoded into [`{ident}`] in [`ApiError::body`](crate::ApiError::body): {}.", errors.join(", ")));
    }
    if !last.is_empty() {
        parts.push(last.join(" "));
    }
    parts.join("\n\n")
}
