//! Webhooks (3.1) and callbacks (3.0 and 3.1) brought to a shape the typed parse and the
//! operation reader take: references inlined, every path item repaired like those of `paths`.
//!
//! `webhooks` stays at the root, where the typed parse ignores it; [`super::webhooks`] reads
//! each of its path items on its own. Callbacks stay on their operation, which the typed parse
//! reads as maps of path items.

use super::prepare::{Prep, METHODS};
use super::{child, local_pointer, resolve};
use serde_json::{json, Map, Value};

impl Prep<'_> {
    /// Copies in the `$ref`s the typed parse cannot follow: a webhook's path item, an
    /// operation's callback (`components/callbacks`) and a callback's path items.
    pub(super) fn inline_hook_refs(&mut self, value: &mut Value) {
        let mut refs: Vec<String> = Vec::new();
        if let Some(Value::Object(hooks)) = value.get("webhooks") {
            refs.extend(hooks.keys().map(|name| child("/webhooks", name)));
        }
        if let Some(Value::Object(paths)) = value.get("paths") {
            for (path, item) in paths {
                let Some(item) = item.as_object() else { continue };
                for method in METHODS {
                    let Some(Value::Object(callbacks)) = item.get(method).and_then(|op| op.get("callbacks")) else { continue };
                    let base = child(&child(&child("/paths", path), method), "callbacks");
                    refs.extend(callbacks.keys().map(|key| child(&base, key)));
                }
            }
        }
        for pointer in refs {
            self.inline_ref(value, &pointer);
            // A callback's expressions, once the callback itself is in place.
            if !pointer.starts_with("/webhooks") {
                let exprs: Vec<String> = resolve(value, &pointer).and_then(Value::as_object).map(|m| m.keys().map(|k| child(&pointer, k)).collect()).unwrap_or_default();
                for expr in exprs {
                    self.inline_ref(value, &expr);
                }
            }
        }
    }

    /// Replaces the node at `pointer` by the target of its `$ref`, if it has one.
    fn inline_ref(&mut self, value: &mut Value, pointer: &str) {
        let Some(reference) = resolve(value, pointer).and_then(|v| v.get("$ref")).and_then(Value::as_str).map(str::to_string) else { return };
        let target = local_pointer(&reference).and_then(|t| resolve(value, &t).filter(|v| v.get("$ref").is_none()).and_then(|v| v.as_object().cloned()).map(|v| (t, v)));
        let Some(node) = value.pointer_mut(pointer) else { return };
        match target {
            Some((target_pointer, item)) => {
                let original = self.rw.original(&target_pointer);
                self.rw.record(pointer, original);
                *node = Value::Object(item);
            }
            None => {
                self.warn(pointer, format!("`$ref: {reference}` leads nowhere this reader can follow; it is ignored"));
                *node = json!({});
            }
        }
    }

    /// The document's `webhooks`: each entry a path item, repaired like those of `paths`.
    pub(super) fn webhooks(&mut self, root: &mut Map<String, Value>) {
        let Some(hooks) = root.get_mut("webhooks") else { return };
        let Some(hooks) = hooks.as_object_mut() else {
            self.warn("/webhooks", "`webhooks` is not an object; no webhooks are read");
            root.retain(|k, _| k != "webhooks");
            return;
        };
        hooks.retain(|k, _| !k.starts_with("x-"));
        for (name, item) in hooks.iter_mut() {
            self.path_item(item, &child("/webhooks", name));
        }
    }

    /// An operation's `callbacks`: key -> URL expression -> path item. What is not of that
    /// shape is reported and left out, so the typed parse never fails on it.
    pub(super) fn callbacks(&mut self, op: &mut Map<String, Value>, pointer: &str) {
        let base = child(pointer, "callbacks");
        let Some(callbacks) = op.get_mut("callbacks") else { return };
        let Some(callbacks) = callbacks.as_object_mut() else {
            self.warn(&base, "`callbacks` is not an object; it is ignored");
            op.retain(|k, _| k != "callbacks");
            return;
        };
        callbacks.retain(|k, v| !k.starts_with("x-") && v.is_object());
        for (key, callback) in callbacks.iter_mut() {
            let here = child(&base, key);
            let Some(exprs) = callback.as_object_mut() else { continue };
            if exprs.contains_key("$ref") {
                self.warn(&here, "a callback reference that could not be followed; the callback is ignored");
                exprs.clear();
                continue;
            }
            exprs.retain(|k, _| !k.starts_with("x-"));
            for (expr, item) in exprs.iter_mut() {
                self.path_item(item, &child(&here, expr));
            }
        }
    }
}
