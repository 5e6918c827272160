//! `webhooks`: each group's decode function, its event enum and each event's payload type.

use super::rust::{rust_ty, RustTy};
use super::{EventItem, WebhookFn};
use crate::model::{Api, BodyKind, Ty, WebhookEvent, WebhookGroup};
use crate::name;
use std::collections::BTreeSet;

/// Each group's decode function and enum. Two callback keys may spell one name (`on-event`,
/// `on_event`): the later gets a number.
pub fn group_names(api: &Api) -> Vec<(String, String)> {
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

/// Named payloads are boxed in the event enum: events differ much in size.
pub fn boxed(e: &WebhookEvent) -> bool {
    e.kind == BodyKind::Json && matches!(e.ty, Some(Ty::Named(_)))
}

/// The payload type of an event.
pub fn payload_ty(api: &Api, e: &WebhookEvent) -> RustTy {
    match (&e.ty, e.kind) {
        (_, kind) if kind != BodyKind::Json => RustTy::Bytes,
        (Some(ty), _) => rust_ty(&api.types, ty),
        (None, _) => RustTy::Value,
    }
}

/// A group with one event (a callback) returns its payload; the others an enum of events.
pub fn single(g: &WebhookGroup) -> bool {
    g.callback.is_some() && g.events.len() == 1
}

pub fn items(api: &Api) -> Vec<WebhookFn> {
    api.webhooks
        .iter()
        .zip(group_names(api))
        .map(|(g, (function, enum_name))| {
            let events = g
                .events
                .iter()
                .map(|e| {
                    let payload = payload_ty(api, e);
                    let payload = if boxed(e) && !single(g) { RustTy::Box(Box::new(payload)) } else { payload };
                    EventItem { variant: e.variant.clone(), name: e.name.clone(), payload: payload.to_string() }
                })
                .collect();
            let returns = if single(g) { payload_ty(api, &g.events[0]).to_string() } else { enum_name.clone() };
            WebhookFn { function, returns, events: if single(g) { Vec::new() } else { events } }
        })
        .collect()
}
