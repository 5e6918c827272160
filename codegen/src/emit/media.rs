//! The decoding of a success whose type has one variant per media type (`merge::media`): the
//! response's `Content-Type` picks the variant; a body under another media type, or one that
//! does not fit its media type's variant, is decoded as any variant that takes it, and last as
//! `Other`, which takes any JSON. So the body is never lost.

use super::models::rust_ty;
use super::responses::{success, Success};
use crate::model::{Api, Operation, Ty, TypeKind};
use crate::name;
use proc_macro2::TokenStream;
use quote::quote;

/// The function the method decodes its success with, where its type is chosen by media type.
pub fn decoder(api: &Api, op: &Operation) -> Option<TokenStream> {
    let Success::Json { ty, optional } = success(op) else { return None };
    let response = op.responses.iter().find(|r| !r.media.is_empty() && r.ty.as_ref() == Some(&ty))?;
    let Ty::Named(id) = ty else { return None };
    let TypeKind::Union(variants) = &api.types.get(id).kind else { return None };
    let path = rust_ty(&api.types, &ty, &quote!(models::));
    let arms = response.media.iter().zip(variants).map(|(media, v)| {
        let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let variant = name::ident(&name::pascal(&v.name));
        quote!(#essence => ::serde_json::from_slice(&raw.body).ok().map(#path::#variant))
    });
    // The media type's own variant where the body fits it; else any variant, last `Other`.
    let typed = quote! {
        let by_media_type = match raw.media_type().as_str() {
            #(#arms,)*
            _ => None,
        };
    };
    Some(match optional {
        // A documented empty success (a 204) is `None`.
        true => quote!(|raw| {
            if raw.is_empty() {
                return Ok(None);
            }
            #typed
            by_media_type.map_or_else(|| raw.json(), Ok).map(Some)
        }),
        false => quote!(|raw| {
            #typed
            by_media_type.map_or_else(|| raw.json(), Ok)
        }),
    })
}
