//! `src/test_support.rs` (feature `round-trip`): calls any operation by its id with
//! arguments given as JSON, and builds a client with a made-up secret for every auth scheme,
//! so the loopback tests outside the crate can drive every operation from the model.

use super::library::placeholders;
use super::models::rust_ty;
use super::operations::{fields, success_ty};
use super::responses::{success, Success};
use crate::model::{Api, AuthKind};
use crate::name;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_test_support(api: &Api) -> TokenStream {
    let arms = api.operations.iter().map(|op| {
        let id = op.id.trim_start_matches("r#");
        let method = name::ident(&op.id);
        let (fields, _) = fields(api, op);
        let mut args = Vec::new();
        let mut setters = Vec::new();
        for f in &fields {
            let (ident, ty, json) = (&f.ident, &f.ty, &f.param.name);
            let amp = if f.by_ref { quote!(&) } else { quote!() };
            if f.param.required {
                args.push(quote!(#amp arg::<#ty>(args, #json)?));
            } else {
                setters.push(quote!(let request = match opt::<#ty>(args, #json)? { Some(v) => request.#ident(#amp v), None => request };));
            }
        }
        if let Some(ty) = op.request.as_ref().and_then(|r| r.ty.as_ref()) {
            let t = rust_ty(&api.types, ty, &quote!(crate::models::));
            args.push(quote!(arg::<#t>(args, "body")?));
        }
        for json in op.request.iter().flat_map(|r| &r.file_fields) {
            args.push(quote!(file(args, #json)?));
        }
        let out = success_ty(api, op, &quote!(crate::models::));
        let finish = if success(op) == Success::Stream {
            quote!(match request.await {
                Ok(stream) => stream.collect().await.map(|b| ::serde_json::Value::String(String::from_utf8_lossy(&b).into_owned())).map_err(|e| format!("{e}: {e:?}")),
                Err(e) => Err(format!("{e}: {e:?}")),
            })
        } else {
            quote!(output::<#out, _>(request.await))
        };
        quote! {
            #id => Box::pin(async move {
                let request = client.#method(#(#args),*);
                #(#setters)*
                #finish
            }),
        }
    });
    let credentials = api.auth.iter().map(|s| {
        let setter = name::ident(&super::library::auth_setter_name(api, s));
        let scheme = &s.name;
        let values: Vec<String> = match &s.kind {
            AuthKind::Basic | AuthKind::KeyPair { .. } => vec![format!("key-{scheme}"), format!("secret-{scheme}")],
            AuthKind::Header { prefix, .. } if !placeholders(prefix).is_empty() => placeholders(prefix).iter().map(|p| format!("{p}-{scheme}")).collect(),
            _ => vec![format!("secret-{scheme}")],
        };
        quote!(let builder = builder.#setter(#(#values),*);)
    });
    let ids = api.operations.iter().map(|op| op.id.trim_start_matches("r#").to_string());
    quote! {
        //! Test support: call any operation by its id with JSON arguments.

        // Not every API has file parts or optional parameters.
        #![allow(dead_code, deprecated)]

        use crate::{Client, Error, FilePart};
        use ::serde_json::Value;

        /// Every operation id, in the order of the documents.
        pub const OPERATIONS: &[&str] = &[#(#ids),*];

        /// A client for `base_url` with a made-up secret for every scheme: `secret-<scheme>`,
        /// `key-<scheme>` for the key of a pair, `<placeholder>-<scheme>` for templates. Retries
        /// are off.
        pub fn client_with_every_credential(base_url: &str) -> Result<Client, Error> {
            let builder = Client::builder().base_url(base_url).max_retries(0);
            #(#credentials)*
            builder.build()
        }

        /// Calls `operation` with `args`: parameters by their documented names, `body` for
        /// the request body, `files.<field>` (text) for file parts. Returns the success value
        /// as JSON (a streamed body as text), or the error's `Display` and `Debug`.
        pub async fn call(client: &Client, operation: &str, args: &Value) -> Result<Value, String> {
            // Each operation is its own boxed future: one `async fn` awaiting every operation's
            // future in its own arm was one state machine holding them all, which took more
            // than 16 GiB to compile for GitHub's 1,223 operations.
            let call: ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Result<Value, String>> + Send + '_>> = match operation {
                #(#arms)*
                other => return Err(format!("no operation {other}")),
            };
            call.await
        }

        fn arg<T: ::serde::de::DeserializeOwned>(args: &Value, name: &str) -> Result<T, String> {
            let value = args.get(name).cloned().ok_or_else(|| format!("missing argument `{name}`"))?;
            ::serde_json::from_value(value).map_err(|e| format!("argument `{name}`: {e}"))
        }

        fn opt<T: ::serde::de::DeserializeOwned>(args: &Value, name: &str) -> Result<Option<T>, String> {
            match args.get(name) {
                None => Ok(None),
                Some(v) => ::serde_json::from_value(v.clone()).map(Some).map_err(|e| format!("argument `{name}`: {e}")),
            }
        }

        fn file(args: &Value, name: &str) -> Result<FilePart, String> {
            let text: String = arg(args.get("files").unwrap_or(&Value::Null), name)?;
            Ok(FilePart::new(format!("{name}.bin"), "application/octet-stream", text.into_bytes()))
        }

        fn output<T: ::serde::Serialize, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> Result<Value, String> {
            match result {
                Ok(v) => ::serde_json::to_value(&v).map_err(|e| e.to_string()),
                Err(e) => Err(format!("{e}: {e:?}")),
            }
        }
    }
}
