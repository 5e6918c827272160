//! `src/round_trip.rs` (feature `round-trip`): decodes a JSON example into the type the
//! generator chose for its body and encodes it back, so tests outside the crate can check
//! that every example in the specs round-trips.

use super::models::rust_ty;
use crate::model::Api;
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit_round_trip(api: &Api) -> TokenStream {
    let models = quote!(crate::models::);
    let mut arms = Vec::new();
    for op in &api.operations {
        let id = op.id.trim_start_matches("r#");
        if let Some(ty) = op.request.as_ref().and_then(|r| r.ty.as_ref()) {
            let t = rust_ty(&api.types, ty, &models);
            arms.push(quote!((#id, None, true) => check::<#t>));
        }
        for r in &op.responses {
            if let Some(ty) = &r.ty {
                let t = rust_ty(&api.types, ty, &models);
                let status = match r.status {
                    Some(s) => quote!(Some(#s)),
                    None => quote!(None),
                };
                arms.push(quote!((#id, #status, false) => check::<#t>));
            }
        }
    }
    quote! {
        //! Test support: decode an example into its body's type and encode it back.

        /// Decodes `json` as the body of `operation` (a request body, or the response with
        /// `status`) and encodes the value back to JSON.
        pub fn round_trip(operation: &str, status: Option<u16>, request: bool, json: &::serde_json::Value) -> Result<::serde_json::Value, String> {
            // The match picks a function and the call is made once: a match whose every arm
            // called its own `check::<T>` was one function holding all of them inlined, which
            // took more than 16 GiB to compile for GitHub's 1,461 bodies.
            let check: fn(&::serde_json::Value) -> Result<::serde_json::Value, String> = match (operation, status, request) {
                #(#arms,)*
                _ => return Err(format!("no body type for {operation} {status:?} (request: {request})")),
            };
            check(json)
        }

        #[inline(never)]
        fn check<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(json: &::serde_json::Value) -> Result<::serde_json::Value, String> {
            let value: T = ::serde_path_to_error::deserialize(json).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))?;
            ::serde_json::to_value(&value).map_err(|e| e.to_string())
        }
    }
}
