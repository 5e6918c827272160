//! A path item written with its examples' values borrowed from the model: copying them into
//! the item's `Value` (GitHub's 15 MB document is mostly examples) was an eighth of the
//! document's time. `media_type` puts each example's index in `api.examples` where its value
//! goes; [`PathItem`] writes the example there.

use super::Writer;
use crate::model::ExampleUse;
use serde_json::Value;

/// A path item whose examples' `value`s are indices into `examples`.
pub struct PathItem<'a> {
    pub item: Value,
    pub examples: &'a [ExampleUse],
}

impl PathItem<'_> {
    pub fn write(&self, out: &mut Writer) {
        Walk { value: &self.item, path: [Step::Element; DEPTH], len: 0, examples: self.examples }.write(out);
    }
}

/// One step down from a path item: a member or a list element.
#[derive(Clone, Copy)]
enum Step<'v> {
    Key(&'v str),
    Element,
}

/// A step of [`SLOTS`]: any member, this member, or a list element.
enum Pat {
    Any,
    Key(&'static str),
    Element,
}

/// Where an example's value sits in a path item: in a request body or a response of the
/// slot's operation or of a split-off one (`x-split-operations`). Only these are walked;
/// everything else (schemas among it) is written as it is.
const SLOTS: [&[Pat]; 4] = {
    use Pat::{Any, Element, Key};
    [
        &[Any, Key("requestBody"), Key("content"), Any, Key("examples"), Any, Key("value")],
        &[Any, Key("responses"), Any, Key("content"), Any, Key("examples"), Any, Key("value")],
        &[Key("x-split-operations"), Element, Key("requestBody"), Key("content"), Any, Key("examples"), Any, Key("value")],
        &[Key("x-split-operations"), Element, Key("responses"), Any, Key("content"), Any, Key("examples"), Any, Key("value")],
    ]
};

/// The longest slot.
const DEPTH: usize = 9;

/// Whether `path` leads into (or is) `slot`.
fn leads_into(slot: &[Pat], path: &[Step]) -> bool {
    path.len() <= slot.len()
        && slot.iter().zip(path).all(|(pat, step)| match (pat, step) {
            (Pat::Any, Step::Key(_)) | (Pat::Element, Step::Element) => true,
            (Pat::Key(want), Step::Key(key)) => want == key,
            _ => false,
        })
}

/// A value of the path item and where it is.
struct Walk<'v, 'a> {
    value: &'v Value,
    path: [Step<'v>; DEPTH],
    len: usize,
    examples: &'a [ExampleUse],
}

impl<'v> Walk<'v, '_> {
    fn child(&self, value: &'v Value, step: Step<'v>) -> Self {
        let mut path = self.path;
        path[self.len] = step;
        Walk { value, path, len: self.len + 1, examples: self.examples }
    }
}

impl Walk<'_, '_> {
    /// The value as [`Writer::value`] writes it, with each example slot's index replaced by
    /// the example's value.
    fn write(&self, out: &mut Writer) {
        let path = &self.path[..self.len];
        if SLOTS.iter().any(|slot| slot.len() == path.len() && leads_into(slot, path)) {
            let example = self.value.as_u64().and_then(|at| usize::try_from(at).ok()).and_then(|at| self.examples.get(at));
            if let Some(e) = example {
                return out.value(&e.value);
            }
        }
        if self.len == DEPTH || !SLOTS.iter().any(|slot| leads_into(slot, path)) {
            return out.value(self.value);
        }
        match self.value {
            Value::Object(map) => {
                out.open(b'{');
                for (key, value) in map {
                    out.key(key);
                    self.child(value, Step::Key(key)).write(out);
                }
                out.close(b'}');
            }
            Value::Array(list) => {
                out.open(b'[');
                for value in list {
                    out.element();
                    self.child(value, Step::Element).write(out);
                }
                out.close(b']');
            }
            other => out.value(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn examples_are_written_in_their_slots_only() {
        let example = |value: Value| ExampleUse { operation: "op".into(), status: None, request: false, value, origin: Default::default() };
        let examples = [example(json!({"a": [1, 2]})), example(json!("b"))];
        let media = |at: usize| json!({"application/json": {"schema": {"properties": {"value": {"type": "string"}}}, "examples": {"example-1": {"summary": "s", "value": at}}}});
        let op = |at: usize| json!({"requestBody": {"content": media(at)}, "responses": {"200": {"content": media(at)}}, "x-value": {"value": 0}});
        let item = json!({"get": op(0), "x-split-operations": [op(1)]});
        let mut out = Writer::default();
        PathItem { item: item.clone(), examples: &examples }.write(&mut out);
        let written = String::from_utf8(out.out).unwrap();
        let mut expected = item;
        for (at, op) in [(0, "/get"), (1, "/x-split-operations/0")] {
            for media in ["/requestBody/content", "/responses/200/content"] {
                let slot = format!("{op}{media}/application~1json/examples/example-1/value");
                *expected.pointer_mut(&slot).unwrap() = examples[at].value.clone();
            }
        }
        assert_eq!(written, serde_json::to_string_pretty(&expected).unwrap());
    }
}
