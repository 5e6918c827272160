//! `src/webhooks/`: the requests the API sends (webhooks and callbacks), decoded from a
//! delivery's headers and body. Emitted only for APIs that document some.
//!
//! The document's webhooks are one `Event` enum with `decode` and `decode_named`; each callback
//! gets `decode_<operation>_<key>`, returning its payload (or an enum when it has several).

use super::docs::to_rustdoc;
use super::models::{doc_attr, rust_ty};
use crate::model::{Api, BodyKind, Ty, WebhookEvent, WebhookGroup};
use crate::name;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The hand-written part: `WebhookError` and the delivery the generated functions read.
pub const DELIVERY: &str = include_str!("../runtime/webhook.rs");

pub fn emit_webhooks(api: &Api) -> TokenStream {
    let krate = api.name.replace('-', "_");
    let names = group_names(api);
    let function = names.first().map_or_else(|| "decode".to_string(), |(f, _)| f.clone());
    let example: Vec<String> = [
        "```".to_string(),
        "fn handle(headers: &[(&str, &str)], body: &[u8]) {".to_string(),
        format!("    match {krate}::webhooks::{function}(headers.iter().copied(), body) {{"),
        "        Ok(payload) => println!(\"{payload:?}\"),".to_string(),
        "        Err(e) => eprintln!(\"{e}\"),".to_string(),
        "    }".to_string(),
        "}".to_string(),
        "```".to_string(),
    ]
    .into_iter()
    .map(|l| format!(" {l}"))
    .collect();
    let groups = api.webhooks.iter().zip(&names).map(|(g, (f, e))| group(api, g, f, e));
    quote! {
        //! The requests the API sends to you (its webhooks and callbacks), decoded from a
        //! delivery's headers and body.
        //!
        //! `headers` is anything that iterates over name and value pairs: an
        //! `http::HeaderMap` as axum and actix-web hand it over (`&headers`), or
        //! `[("X-Event", "name")]`. `REPORT.md` lists each event and what tells it apart.
        //!
        #(#![doc = #example])*

        mod delivery;

        use delivery::Delivery;
        pub use delivery::WebhookError;

        #(#groups)*
    }
}

/// Each group's decode function and enum. Two callback keys may spell one name (`on-event`,
/// `on_event`): the later gets a number.
pub(super) fn group_names(api: &Api) -> Vec<(String, String)> {
    let (mut fns, mut enums) = (BTreeSet::from(["decode_named".to_string()]), BTreeSet::from(["WebhookError".to_string(), "Delivery".to_string()]));
    api.webhooks.iter().map(|g| (name::unique(function_name(g), &mut fns), name::unique(enum_name(g), &mut enums))).collect()
}

/// `decode` for the document's webhooks, `decode_<operation>_<key>` for a callback.
fn function_name(g: &WebhookGroup) -> String {
    match &g.callback {
        None => "decode".to_string(),
        Some((op, key)) => format!("decode_{}_{}", op.trim_start_matches("r#"), name::snake(key).trim_start_matches("r#")),
    }
}

/// `Event` for the document's webhooks, `<Operation><Key>Callback` for a callback.
fn enum_name(g: &WebhookGroup) -> String {
    match &g.callback {
        None => "Event".to_string(),
        Some((op, key)) => name::type_name(&format!("{} {key} Callback", op.trim_start_matches("r#"))),
    }
}

fn group(api: &Api, g: &WebhookGroup, fn_name: &str, enum_name: &str) -> TokenStream {
    let fn_name = format_ident!("{fn_name}");
    let single = g.callback.is_some() && g.events.len() == 1;
    let enum_name = format_ident!("{enum_name}");
    let headers: Vec<String> = g.events.iter().filter_map(|e| e.header.as_ref().map(|(h, _)| h.to_ascii_lowercase())).fold(Vec::new(), |mut out, h| {
        if !out.contains(&h) {
            out.push(h);
        }
        out
    });
    let target = (!single).then_some(&enum_name);
    // Events a header and an `action` tell apart first, then those one of them does; the
    // rest are tried in document order, typed payloads before untyped ones.
    let rank = |e: &WebhookEvent| match (e.header.is_some(), !e.actions.is_empty()) {
        (true, true) => 0,
        (true, false) | (false, true) => 1,
        (false, false) => 2 + usize::from(e.ty.is_none()) + usize::from(e.kind != BodyKind::Json),
    };
    let mut ordered: Vec<&WebhookEvent> = g.events.iter().collect();
    ordered.sort_by_key(|e| rank(e));
    let told_apart = ordered.iter().take_while(|e| rank(e) < 2).map(|e| {
        let mut conds = Vec::new();
        if let Some((header, values)) = &e.header {
            let header = header.to_ascii_lowercase();
            conds.push(quote!(delivery.header_is(#header, &[#(#values),*])));
        }
        if !e.actions.is_empty() {
            let values = &e.actions;
            conds.push(quote!(delivery.action_is(&[#(#values),*])));
        }
        let (decoded, cond) = (result_expr(e, target), conds.into_iter().reduce(|a, b| quote!(#a && #b)));
        quote!(if #cond { return #decoded; })
    });
    let mut rest: Vec<&WebhookEvent> = ordered.iter().copied().filter(|e| rank(e) >= 2).collect();
    // Raw bytes always decode: nothing after the first is tried.
    if let Some(cut) = rest.iter().position(|e| e.kind != BodyKind::Json) {
        rest.truncate(cut + 1);
    }
    let tail = match rest.split_last() {
        None => quote!(Err(delivery.unknown(&[#(#headers),*]))),
        Some((last, before)) => {
            let tries = before.iter().map(|e| {
                let decoded = result_expr(e, target);
                quote!(if let Ok(p) = #decoded { return Ok(p); })
            });
            let decoded = result_expr(last, target);
            quote!(#(#tries)* #decoded)
        }
    };
    let subject = match &g.callback {
        None => "one of the API's webhooks".to_string(),
        Some((op, key)) => format!("the callback `{key}` of [`Client::{op}`](crate::Client::{op})"),
    };
    let fn_doc = match single {
        true => doc_attr(&format!("Decodes a delivery of {subject}: its body, as the payload.")),
        false => doc_attr(&format!("Decodes a delivery of {subject}: the event is told apart by its headers and its `action`, as `REPORT.md` says.")),
    };
    let returns = if single { payload_ty(api, &g.events[0]) } else { quote!(#enum_name) };
    let decode = quote! {
        #fn_doc
        pub fn #fn_name<K: AsRef<str>, V: AsRef<[u8]>>(headers: impl IntoIterator<Item = (K, V)>, body: &[u8]) -> Result<#returns, WebhookError> {
            let delivery = Delivery::new(headers, body);
            #(#told_apart)*
            #tail
        }
    };
    if single {
        return decode;
    }
    let variants = g.events.iter().map(|e| {
        let variant = name::ident(&e.variant);
        let docs = doc_attr(&event_doc(e));
        let ty = payload_ty(api, e);
        let ty = if boxed(e) { quote!(Box<#ty>) } else { ty };
        quote!(#docs #variant(#ty))
    });
    let names = g.events.iter().map(|e| {
        let (variant, key) = (name::ident(&e.variant), &e.name);
        quote!(#enum_name::#variant(_) => #key)
    });
    let enum_doc = match &g.callback {
        None => "The events of the API's webhooks, keyed as the documents key them.".to_string(),
        Some((op, key)) => format!("The requests of the callback `{key}` of [`Client::{op}`](crate::Client::{op})."),
    };
    let named = g.callback.is_none().then(|| decode_named(g));
    let enum_doc = doc_attr(&enum_doc);
    quote! {
        #enum_doc
        #[derive(Clone, Debug, PartialEq)]
        pub enum #enum_name {
            #(#variants,)*
        }

        impl #enum_name {
            /// The key the documents file this event under.
            pub fn name(&self) -> &'static str {
                match self {
                    #(#names,)*
                }
            }
        }

        #decode
        #named
    }
}

/// `decode_named`: the caller knows the event (one URL per webhook, say).
fn decode_named(g: &WebhookGroup) -> TokenStream {
    // One arm per name: a webhook with several methods is decoded as its first.
    let mut seen: Vec<&str> = Vec::new();
    let mut arms = Vec::new();
    for e in &g.events {
        if seen.contains(&e.name.as_str()) {
            continue;
        }
        seen.push(&e.name);
        let (key, decoded) = (&e.name, result_expr(e, Some(&format_ident!("Event"))));
        arms.push(quote!(#key => #decoded));
    }
    quote! {
        /// Decodes a delivery of the webhook the documents name `name`, whatever its headers say.
        pub fn decode_named(name: &str, body: &[u8]) -> Result<Event, WebhookError> {
            let delivery = Delivery::new(std::iter::empty::<(&str, &str)>(), body);
            match name {
                #(#arms,)*
                _ => Err(WebhookError::UnknownEvent { event: Some(name.to_string()), action: None }),
            }
        }
    }
}

/// Named payloads are boxed: events differ much in size.
fn boxed(e: &WebhookEvent) -> bool {
    e.kind == BodyKind::Json && matches!(e.ty, Some(Ty::Named(_)))
}

fn payload_ty(api: &Api, e: &WebhookEvent) -> TokenStream {
    match (&e.ty, e.kind) {
        (_, kind) if kind != BodyKind::Json => quote!(Vec<u8>),
        (Some(ty), _) => rust_ty(&api.types, ty, &quote!(crate::models::)),
        (None, _) => quote!(::serde_json::Value),
    }
}

/// The event's payload as a `Result`, wrapped in `target`'s variant when there is one.
fn result_expr(e: &WebhookEvent, target: Option<&proc_macro2::Ident>) -> TokenStream {
    let (key, variant) = (&e.name, name::ident(&e.variant));
    match (e.kind == BodyKind::Json, target) {
        (true, None) => quote!(delivery.json(#key)),
        (true, Some(en)) if boxed(e) => quote!(delivery.json(#key).map(|p| #en::#variant(Box::new(p)))),
        (true, Some(en)) => quote!(delivery.json(#key).map(#en::#variant)),
        (false, None) => quote!(Ok(delivery.bytes())),
        (false, Some(en)) => quote!(Ok(#en::#variant(delivery.bytes()))),
    }
}

fn event_doc(e: &WebhookEvent) -> String {
    let mut doc = format!("`{}` (`{}`)", e.name, e.method.as_str());
    if let Some(summary) = e.summary.as_deref().map(to_rustdoc).filter(|s| !s.trim().is_empty()) {
        doc.push_str(": ");
        doc.push_str(summary.trim());
    }
    let mut keyed = Vec::new();
    if let Some((header, values)) = &e.header {
        keyed.push(format!("the header `{header}` is {}", values.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" or ")));
    }
    if !e.actions.is_empty() {
        keyed.push(format!("`action` is {}", e.actions.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(" or ")));
    }
    if !keyed.is_empty() {
        doc.push_str(&format!("\n\nDecoded when {}.", keyed.join(" and ")));
    }
    doc
}

/// The README section: each decode function and the events it returns, for crates with webhooks.
pub fn readme_section(api: &Api) -> String {
    if api.webhooks.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n## Webhooks and callbacks\n\n");
    out.push_str("Deliveries the API sends are decoded from their headers (any iterator of name and value pairs, `&http::HeaderMap` too) and body:\n\n");
    out.push_str("| function | event | HTTP | told apart by |\n|---|---|---|---|\n");
    for (g, (function, _)) in api.webhooks.iter().zip(group_names(api)) {
        let function = format!("webhooks::{function}");
        for e in &g.events {
            let mut keyed: Vec<String> = e.header.iter().map(|(h, v)| format!("`{h}: {}`", v.join(" \\| "))).collect();
            if !e.actions.is_empty() {
                keyed.push(format!("`action: {}`", e.actions.join(" \\| ")));
            }
            let name = e.name.replace('|', "\\|");
            out.push_str(&format!("| `{function}` | `{name}` | `{}` | {} |\n", e.method.as_str(), keyed.join(", ")));
        }
    }
    out
}
