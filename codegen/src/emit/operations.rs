//! Operations into client methods: required parameters are arguments, optional ones are
//! setters on a request builder that can be awaited directly.

use super::docs::to_rustdoc;
use super::models::{doc_attr, rust_ty};
use crate::model::{Api, BodyKind, OpParam, Operation, ParamLocation, Segment, Ty};
use crate::name;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// What a successful call returns.
enum Success {
    Json(Ty),
    Text,
    Bytes,
    Unit,
    /// JSON with no evidence of its shape.
    Value,
}

pub fn emit_operations(api: &Api) -> TokenStream {
    let items = api.operations.iter().map(|op| emit_operation(api, op));
    quote! {
        use crate::runtime::{Body, Client, Error, RequestSpec};
        use std::future::{Future, IntoFuture};
        use std::pin::Pin;

        #(#items)*
    }
}

struct ParamField {
    ident: proc_macro2::Ident,
    param: OpParam,
    /// The stored type (`String` for `impl Into<String>` arguments).
    ty: TokenStream,
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

fn success(op: &Operation) -> Success {
    let ok = |s: Option<u16>| s.is_none_or(|s| (200..300).contains(&s));
    let successes: Vec<_> = op.responses.iter().filter(|r| ok(r.status)).collect();
    // An explicit 2xx beats a response without a status.
    let pick = successes.iter().find(|r| r.status.is_some() && r.ty.is_some()).or_else(|| successes.iter().find(|r| r.ty.is_some()));
    if let Some(r) = pick {
        if let Some(ty) = &r.ty {
            return Success::Json(ty.clone());
        }
    }
    for kind in [BodyKind::Json, BodyKind::Binary, BodyKind::Text] {
        if successes.iter().any(|r| r.kind == kind) {
            return match kind {
                BodyKind::Json => Success::Value,
                BodyKind::Binary => Success::Bytes,
                _ => Success::Text,
            };
        }
    }
    Success::Unit
}

fn emit_operation(api: &Api, op: &Operation) -> TokenStream {
    let method_ident = name::ident(&op.id);
    let builder = format_ident!("{}Builder", name::pascal(&op.id));
    let models = quote!(crate::models::);

    let mut taken = BTreeSet::from(["client".to_string(), "body".to_string()]);
    let fields: Vec<ParamField> = op.params.iter().map(|p| param_field(api, p, &mut taken)).collect();
    let (required, optional): (Vec<&ParamField>, Vec<&ParamField>) = fields.iter().partition(|f| f.param.required);

    // The body: a required argument when there is a typed one.
    let body_ty = op.request.as_ref().and_then(|r| r.ty.as_ref()).map(|t| rust_ty(&api.types, t, &models));
    let file_fields: Vec<String> = op.request.as_ref().map(|r| r.file_fields.clone()).unwrap_or_default();
    let file_idents: Vec<proc_macro2::Ident> = file_fields.iter().map(|f| name::ident(&name::unique(name::snake(f), &mut taken))).collect();

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
    let body = match (&op.request, &body_ty) {
        (Some(r), Some(_)) if r.kind == BodyKind::Json => quote!(Body::Json(::serde_json::to_vec(&self.body).map_err(|e| Error::InvalidRequest(e.to_string()))?)),
        (Some(r), Some(_)) if r.kind == BodyKind::Form => quote!(Body::Form(crate::runtime::form_fields(&self.body)?)),
        (Some(r), _) if r.kind == BodyKind::Multipart => {
            let fields = if body_ty.is_some() { quote!(crate::runtime::form_fields(&self.body)?) } else { quote!(Vec::new()) };
            let files = file_fields.iter().zip(&file_idents).map(|(n, i)| quote!((#n, self.#i)));
            quote!(Body::Multipart { fields: #fields, files: vec![#(#files),*] })
        }
        _ => quote!(Body::None),
    };

    let (out_ty, decode) = match success(op) {
        Success::Json(ty) => {
            let t = rust_ty(&api.types, &ty, &models);
            (t, quote!(raw.json()))
        }
        Success::Value => (quote!(::serde_json::Value), quote!(if raw.body.is_empty() { Ok(::serde_json::Value::Null) } else { raw.json() })),
        Success::Text => (quote!(String), quote!(Ok(raw.text()))),
        Success::Bytes => (quote!(::bytes::Bytes), quote!(Ok(raw.body))),
        Success::Unit => (quote!(()), quote!(Ok(()))),
    };
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
        pub struct #builder<'a> {
            client: &'a Client,
            #(#struct_fields,)*
        }

        impl<'a> #builder<'a> {
            #(#setters)*

            /// Sends the request.
            pub async fn send(self) -> Result<#out_ty, Error> {
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
                let raw = self.client.send(spec).await?;
                if !(200..300).contains(&raw.status) {
                    return Err(raw.into_error());
                }
                #decode
            }
        }

        impl<'a> IntoFuture for #builder<'a> {
            type Output = Result<#out_ty, Error>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
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
        parts.push(format!("Documented error statuses (decode them with [`ApiError::decode`](crate::ApiError::decode)):\n\n{}", errors.join("\n")));
    }
    parts.join("\n\n")
}
