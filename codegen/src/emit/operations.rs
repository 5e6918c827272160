//! Operations into client methods: required parameters are arguments, optional ones are
//! setters on a request builder that can be awaited directly. Each method returns its
//! documented success type and, where error statuses are documented, an error enum of its own.

use super::docs::to_rustdoc;
use super::models::{doc_attr, rust_ty};
use super::responses::{error_enum, error_ty, error_variants, pagination, success, Pagination, Payload, Success};
use crate::model::{Api, BodyKind, OpParam, Operation, ParamLocation, Segment, Ty};
use crate::name;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

pub fn emit_operations(api: &Api) -> TokenStream {
    let items = api.operations.iter().map(|op| emit_operation(api, op));
    quote! {
        use crate::runtime::{Body, Client, RequestSpec};
        use std::future::{Future, IntoFuture};
        use std::pin::Pin;

        #(#items)*
    }
}

pub(super) struct ParamField {
    pub ident: proc_macro2::Ident,
    pub param: OpParam,
    /// The stored type (`String` for `impl Into<String>` arguments).
    pub ty: TokenStream,
    /// The argument or setter type.
    arg_ty: TokenStream,
    /// The argument is `impl Into<String>` and needs `.into()`.
    into: bool,
    /// Copy types are passed by value, others by reference.
    copy: bool,
}

fn param_field(api: &Api, p: &OpParam, taken: &mut BTreeSet<String>) -> ParamField {
    let ident = name::ident(&name::unique(name::snake(&p.name), taken));
    let models = quote!(crate::models::);
    let (ty, arg_ty, into, copy) = match &p.ty {
        Ty::Integer => (quote!(i64), quote!(i64), false, true),
        Ty::Float => (quote!(f64), quote!(f64), false, true),
        Ty::Bool => (quote!(bool), quote!(bool), false, true),
        Ty::List(item) => {
            let item = rust_ty(&api.types, item, &models);
            (quote!(Vec<#item>), quote!(Vec<#item>), false, false)
        }
        _ => (quote!(String), quote!(impl Into<String>), true, false),
    };
    ParamField { ident, param: p.clone(), ty, arg_ty, into, copy }
}

/// The parameters of the operation's method, plus the page parameters a paginated list
/// accepts even where its documents leave them out.
pub(super) fn params(api: &Api, op: &Operation) -> Vec<OpParam> {
    let mut params = op.params.clone();
    if let Some(p) = pagination(api, op) {
        for (name, doc) in [(p.page_param, "The page to fetch."), (p.size_param, "The number of items per page.")] {
            if !params.iter().any(|q| q.location == ParamLocation::Query && q.name == name) {
                params.push(OpParam { name: name.to_string(), location: ParamLocation::Query, required: false, ty: Ty::Integer, docs: Some(doc.to_string()) });
            }
        }
    }
    params
}

/// The builder fields of the operation's parameters and the identifiers of its file parts.
pub(super) fn fields(api: &Api, op: &Operation) -> (Vec<ParamField>, Vec<proc_macro2::Ident>) {
    let mut taken = BTreeSet::from(["client".to_string(), "body".to_string()]);
    let fields = params(api, op).iter().map(|p| param_field(api, p, &mut taken)).collect();
    let files = op
        .request
        .iter()
        .flat_map(|r| &r.file_fields)
        .map(|f| name::ident(&name::unique(name::snake(f), &mut taken)))
        .collect();
    (fields, files)
}

/// The type `send` returns on success.
pub(super) fn success_ty(api: &Api, op: &Operation) -> TokenStream {
    let models = quote!(crate::models::);
    match success(op) {
        Success::Json { ty, optional } => {
            let t = rust_ty(&api.types, &ty, &models);
            if optional {
                quote!(Option<#t>)
            } else {
                t
            }
        }
        Success::Value => quote!(::serde_json::Value),
        Success::Text => quote!(String),
        Success::Stream => quote!(crate::ByteStream),
        Success::Unit => quote!(()),
    }
}

fn decode(op: &Operation) -> TokenStream {
    match success(op) {
        Success::Json { ty: Ty::String, optional: false } => quote!(raw.json_or_text()),
        Success::Json { ty: Ty::String, optional: true } => quote!(if raw.is_empty() { Ok(None) } else { raw.json_or_text().map(Some) }),
        Success::Json { ty: Ty::Json, optional: false } | Success::Value => quote!(raw.value()),
        Success::Json { optional: true, .. } => quote!(raw.optional_json()),
        Success::Json { .. } => quote!(raw.json()),
        Success::Text => quote!(Ok(raw.text())),
        Success::Stream | Success::Unit => quote!(Ok(())),
    }
}

/// The enum of the operation's documented error bodies, and how a response becomes one.
fn emit_error_enum(api: &Api, op: &Operation) -> TokenStream {
    let Some(ident) = error_enum(op) else { return quote!() };
    let models = quote!(crate::models::);
    let variants = error_variants(op);
    let mut defs = Vec::new();
    let mut arms = Vec::new();
    for v in &variants {
        let (vi, status) = (&v.ident, v.status);
        let code = proc_macro2::Literal::u16_unsuffixed(status);
        let mut doc = format!("Status {status}.");
        if let Some(d) = v.description.as_deref().map(to_rustdoc).filter(|d| !d.is_empty()) {
            doc = format!("Status {status}: {d}");
        }
        let doc = doc_attr(&doc);
        let (def, arm) = match &v.payload {
            Payload::Typed(ty) => {
                let t = rust_ty(&api.types, ty, &models);
                (quote!(#vi(#t)), quote!(#code => match crate::runtime::decode_error_body(body) { Some(v) => Self::#vi(v), None => Self::Other(crate::ErrorBody::parse(body)) }))
            }
            Payload::Json => (quote!(#vi(::serde_json::Value)), quote!(#code => match crate::runtime::decode_error_body(body) { Some(v) => Self::#vi(v), None => Self::Other(crate::ErrorBody::parse(body)) })),
            Payload::Text => (quote!(#vi(String)), quote!(#code => Self::#vi(String::from_utf8_lossy(body).into_owned()))),
            Payload::None => (quote!(#vi), quote!(#code => Self::#vi)),
        };
        defs.push(quote!(#doc #def));
        arms.push(arm);
    }
    let doc = format!(" The documented error responses of [`Client::{}`].", op.id.trim_start_matches("r#"));
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, PartialEq)]
        pub enum #ident {
            #(#defs,)*
            /// Another status, or a body that does not match its documented type.
            Other(crate::ErrorBody),
        }

        impl #ident {
            fn decode(status: u16, body: &::bytes::Bytes) -> Self {
                match status {
                    #(#arms,)*
                    _ => Self::Other(crate::ErrorBody::parse(body)),
                }
            }
        }

        impl From<crate::Error<#ident>> for crate::Error {
            fn from(e: crate::Error<#ident>) -> Self {
                e.untyped()
            }
        }
    }
}

/// `into_stream` for a paginated list: every item of every page.
fn emit_pager(api: &Api, p: &Pagination, fields: &[ParamField], error_body: &TokenStream) -> TokenStream {
    let item = rust_ty(&api.types, &p.item, &quote!(crate::models::));
    let find = |name: &str| fields.iter().find(|f| f.param.location == ParamLocation::Query && f.param.name == name).map(|f| f.ident.clone());
    let (Some(page), Some(_)) = (find(p.page_param), find(p.size_param)) else { return quote!() };
    let (items, meta, total, size, first) = (&p.items, &p.meta, &p.total, &p.size, p.first_page);
    let doc = doc_attr(&format!(
        "Every item of every page, as a stream that fetches each page when it is needed. Pages are picked with `{}` (the first is {first}, or the one set here) and sized with `{}`; the stream ends after a short or empty page or once `{}` items were read.",
        p.page_param, p.size_param, "total"
    ));
    quote! {
        #doc
        pub fn into_stream(self) -> crate::Paginator<'a, #item, #error_body> {
            let first = self.#page.unwrap_or(#first);
            crate::Paginator::new(first, move |page| {
                let mut request = self.clone();
                request.#page = Some(page);
                Box::pin(async move {
                    let list = request.send().await?;
                    Ok(crate::runtime::Page { items: list.#items, total: Some(list.#meta.#total), page_size: Some(list.#meta.#size) })
                })
            })
        }
    }
}

fn emit_operation(api: &Api, op: &Operation) -> TokenStream {
    let method_ident = name::ident(&op.id);
    let builder = format_ident!("{}Builder", name::pascal(&op.id));
    let models = quote!(crate::models::);
    let (fields, file_idents) = fields(api, op);
    let (required, optional): (Vec<&ParamField>, Vec<&ParamField>) = fields.iter().partition(|f| f.param.required);

    // The body: a required argument when there is a typed one.
    let body_ty = op.request.as_ref().and_then(|r| r.ty.as_ref()).map(|t| rust_ty(&api.types, t, &models));
    let file_fields: Vec<String> = op.request.as_ref().map(|r| r.file_fields.clone()).unwrap_or_default();

    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut struct_fields = Vec::new();
    for f in &required {
        let (ident, arg_ty, ty) = (&f.ident, &f.arg_ty, &f.ty);
        args.push(quote!(#ident: #arg_ty));
        inits.push(if f.into { quote!(#ident: #ident.into()) } else { quote!(#ident) });
        struct_fields.push(quote!(#ident: #ty));
    }
    if let Some(bt) = &body_ty {
        args.push(quote!(body: #bt));
        inits.push(quote!(body));
        struct_fields.push(quote!(body: #bt));
    }
    for ident in &file_idents {
        args.push(quote!(#ident: crate::FilePart));
        inits.push(quote!(#ident));
        struct_fields.push(quote!(#ident: crate::FilePart));
    }
    let mut setters = Vec::new();
    for f in &optional {
        let (ident, arg_ty, ty) = (&f.ident, &f.arg_ty, &f.ty);
        let convert = if f.into { quote!(value.into()) } else { quote!(value) };
        inits.push(quote!(#ident: None));
        struct_fields.push(quote!(#ident: Option<#ty>));
        let doc = f.param.docs.as_deref().map(to_rustdoc).filter(|d| !d.is_empty()).unwrap_or_else(|| format!("Sets the `{}` parameter.", f.param.name));
        let doc = doc_attr(&doc);
        setters.push(quote! {
            #doc
            pub fn #ident(mut self, value: #arg_ty) -> Self {
                self.#ident = Some(#convert);
                self
            }
        });
    }

    // Path, query and headers.
    let segments = op.path.segments.iter().map(|s| match s {
        Segment::Literal(l) => quote!(#l.to_string()),
        Segment::Param(p) => match fields.iter().find(|f| f.param.location == ParamLocation::Path && &f.param.name == p) {
            Some(f) => {
                let ident = &f.ident;
                if f.copy {
                    quote!(Client::path_param(self.#ident))
                } else {
                    quote!(Client::path_param(&self.#ident))
                }
            }
            None => quote!(Client::path_param("")),
        },
    });
    // Required values start the lists; optional ones are pushed when set.
    let mut query_init = Vec::new();
    let mut query = Vec::new();
    let mut header_init = Vec::new();
    let mut headers = Vec::new();
    for f in &fields {
        let (ident, name) = (&f.ident, &f.param.name);
        let (init, pushes, target) = match f.param.location {
            ParamLocation::Query => (&mut query_init, &mut query, format_ident!("query")),
            ParamLocation::Header | ParamLocation::Cookie => (&mut header_init, &mut headers, format_ident!("headers")),
            ParamLocation::Path => continue,
        };
        match (&f.param.ty, f.param.required) {
            (Ty::List(_), true) => pushes.push(quote!(for v in self.#ident.iter() { #target.push((#name, v.to_string())); })),
            (Ty::List(_), false) => pushes.push(quote!(if let Some(values) = &self.#ident { for v in values { #target.push((#name, v.to_string())); } })),
            (_, true) => init.push(quote!((#name, self.#ident.to_string()))),
            (_, false) => pushes.push(quote!(if let Some(value) = &self.#ident { #target.push((#name, value.to_string())); })),
        }
    }
    // Every error inside `send` carries the operation's error body type.
    let error_body = match error_enum(op) {
        Some(e) => quote!(#e),
        None => quote!(crate::ErrorBody),
    };
    let body = match (&op.request, &body_ty) {
        (Some(r), Some(_)) if r.kind == BodyKind::Json => {
            quote!(Body::Json(::serde_json::to_vec(&self.body).map_err(|e| crate::Error::<#error_body>::InvalidRequest(e.to_string()))?))
        }
        (Some(r), Some(_)) if r.kind == BodyKind::Form => quote!(Body::Form(crate::runtime::form_fields::<_, #error_body>(&self.body)?)),
        (Some(r), _) if r.kind == BodyKind::Multipart => {
            let fields = if body_ty.is_some() { quote!(crate::runtime::form_fields::<_, #error_body>(&self.body)?) } else { quote!(Vec::new()) };
            let files = file_fields.iter().zip(&file_idents).map(|(n, i)| quote!((#n, self.#i)));
            quote!(Body::Multipart { fields: #fields, files: vec![#(#files),*] })
        }
        _ => quote!(Body::None),
    };

    let out_ty = success_ty(api, op);
    let err_ty = error_ty(op);
    let into_error = match error_enum(op) {
        Some(e) => quote!(raw.into_error_with(#e::decode)),
        None => quote!(raw.into_error()),
    };
    let finish = if success(op) == Success::Stream {
        quote! {
            match self.client.send_streaming::<#error_body>(spec).await? {
                Ok(stream) => Ok(stream),
                Err(raw) => Err(#into_error),
            }
        }
    } else {
        let decode = decode(op);
        quote! {
            let raw = self.client.send::<#error_body>(spec).await?;
            if !raw.is_success() {
                return Err(#into_error);
            }
            #decode
        }
    };
    let pager = pagination(api, op).map(|p| emit_pager(api, &p, &fields, &error_body)).unwrap_or_default();
    let derive_clone = if pager.is_empty() { quote!() } else { quote!(#[derive(Clone)]) };
    let error_enum = emit_error_enum(api, op);

    let method = format_ident!("{}", op.method.as_str());
    let auth: Vec<&String> = op.auth.iter().collect();
    let server = match &op.server {
        Some(s) => quote!(Some(#s)),
        None => quote!(None),
    };

    let doc = operation_doc(api, op);
    let doc = doc_attr(&doc);
    let builder_doc = format!(" The request of [`Client::{}`]. Await it, or call `send`.", op.id.trim_start_matches("r#"));
    let query_mut = if query.is_empty() { quote!() } else { quote!(mut) };
    let headers_mut = if headers.is_empty() { quote!() } else { quote!(mut) };
    let query_init = if query_init.is_empty() { quote!(Vec::new()) } else { quote!(vec![#(#query_init),*]) };
    let header_init = if header_init.is_empty() { quote!(Vec::new()) } else { quote!(vec![#(#header_init),*]) };
    let deprecated = if op.deprecated { quote!(#[deprecated]) } else { quote!() };

    quote! {
        impl Client {
            #doc
            #deprecated
            pub fn #method_ident(&self, #(#args),*) -> #builder<'_> {
                #builder { client: self, #(#inits,)* }
            }
        }

        #[doc = #builder_doc]
        #[must_use = "a request does nothing until it is awaited"]
        #derive_clone
        pub struct #builder<'a> {
            client: &'a Client,
            #(#struct_fields,)*
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            /// Sends the request.
            pub async fn send(self) -> Result<#out_ty, #err_ty> {
                let #query_mut query: Vec<(&'static str, String)> = #query_init;
                #(#query)*
                let #headers_mut headers: Vec<(&'static str, String)> = #header_init;
                #(#headers)*
                let spec = RequestSpec {
                    method: ::reqwest::Method::#method,
                    segments: vec![#(#segments),*],
                    query,
                    headers,
                    body: #body,
                    auth: &[#(#auth),*],
                    server: #server,
                };
                #finish
            }

            #pager
        }

        impl<'a> IntoFuture for #builder<'a> {
            type Output = Result<#out_ty, #err_ty>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }

        #error_enum
    }
}

fn operation_doc(api: &Api, op: &Operation) -> String {
    let mut parts = Vec::new();
    if let Some(s) = &op.summary {
        parts.push(to_rustdoc(s));
    }
    parts.push(format!("`{} {}`", op.method.as_str(), op.path.to_openapi()));
    if let Some(d) = &op.description {
        let d = to_rustdoc(d);
        if !d.is_empty() && Some(&d) != parts.first() {
            parts.push(d);
        }
    }
    let auth: Vec<String> = op
        .auth
        .iter()
        .filter_map(|a| api.auth.iter().find(|s| &s.name == a))
        .map(|s| format!("`{}`", s.name))
        .collect();
    parts.push(if auth.is_empty() { "Authentication: none.".to_string() } else { format!("Authentication: {}.", auth.join(" or ")) });
    let errors: Vec<String> = op
        .responses
        .iter()
        .filter(|r| r.status.is_some_and(|s| !(200..300).contains(&s)))
        .map(|r| {
            let status = r.status.unwrap_or_default();
            match &r.ty {
                Some(Ty::Named(id)) => format!("- {status}: [`{}`](crate::models::{})", api.types.get(*id).name, api.types.get(*id).name),
                _ => format!("- {status}"),
            }
        })
        .collect();
    if !errors.is_empty() {
        let ident = error_enum(op).map(|e| e.to_string()).unwrap_or_default();
        parts.push(format!("Documented error statuses, decoded into [`{ident}`] in [`ApiError::body`](crate::ApiError::body):\n\n{}", errors.join("\n")));
    }
    parts.join("\n\n")
}
