//! Requests the API sends: OpenAPI 3.1 `webhooks` and operations' `callbacks` (3.0 and 3.1).
//!
//! Each is a path item, read by the same operation reader as `paths`: its request body is the
//! payload, its header parameters may say which event a delivery is.

use super::convert::{self, OpContext};
use super::pieces::Callbacks;
use super::{child, warn_at, Ctx, Rewrite};
use crate::diag::Diagnostics;
use crate::model::{CallbackOf, Source, SourceWebhook};
use crate::read::Document;
use openapiv3::PathItem;
use serde::Deserialize;
use serde_json::Value;

/// One entry of `webhooks`, parsed on its own (the typed parse of the document skips them).
pub(crate) struct Hook {
    name: String,
    pointer: String,
    item: PathItem,
}

/// The document's webhooks, each a typed path item; one that does not parse is reported.
pub(super) fn items(doc: &Document, hooks: Option<&Value>, rw: &Rewrite, diags: &mut Diagnostics) -> Vec<Hook> {
    let Some(Value::Object(hooks)) = hooks else { return Vec::new() };
    let mut out = Vec::new();
    for (name, item) in hooks {
        let pointer = child("/webhooks", name);
        match PathItem::deserialize(item) {
            Ok(item) => out.push(Hook { name: name.clone(), pointer, item }),
            Err(e) => warn_at(doc, diags, &rw.original(&pointer), format!("the webhook `{name}` is not a valid path item ({e}); it is ignored")),
        }
    }
    out
}

/// Reads every webhook and every callback of the document's operations into `source`.
/// `callbacks`: those of `paths`' operations, in the document's order.
pub(super) fn read(cx: &mut Ctx, hooks: &[Hook], callbacks: &[Callbacks], source: &mut Source) {
    let known_schemes = cx.api.components.as_ref().map(|c| c.security_schemes.keys().cloned().collect()).unwrap_or_default();
    let op_cx = OpContext { global: None, known_schemes };
    for hook in hooks {
        for method_name in methods_in_order(cx, &hook.pointer) {
            let Some((method, op)) = convert::operation_of(&hook.item, method_name) else { continue };
            let operation = convert::operation(cx, &source.schemas, &op_cx, "", &hook.pointer, &hook.item, method, method_name, op);
            source.webhooks.push(SourceWebhook { callback: None, name: hook.name.clone(), operation });
        }
    }
    for owner in callbacks {
        // The callback belongs to the operation as read, with its path normalised.
        let origin = cx.origin(&owner.owner);
        let Some(read) = source.operations.iter().find(|o| o.origin == origin) else { continue };
        let (method, template) = (read.method, read.path.clone());
        for (key, callback) in &owner.list {
            for (expr, cb_item) in callback {
                let pointer = child(&child(&child(&owner.owner, "callbacks"), key), expr);
                for method_name in methods_in_order(cx, &pointer) {
                    let Some((cb_method, op)) = convert::operation_of(cb_item, method_name) else { continue };
                    let operation = convert::operation(cx, &source.schemas, &op_cx, "", &pointer, cb_item, cb_method, method_name, op);
                    let callback = Some(CallbackOf { method, path: template.clone(), key: key.clone() });
                    source.webhooks.push(SourceWebhook { callback, name: expr.clone(), operation });
                }
            }
        }
    }
}

/// The methods of the path item at `pointer`, in the order the document lists them.
fn methods_in_order(cx: &Ctx, pointer: &str) -> Vec<&'static str> {
    cx.kept.methods(pointer)
}
