//! OpenAPI 3.0 and 3.1, and the shared back half of the Swagger 2.0 reader.
//!
//! Every input is brought to the OpenAPI 3.0 shape as a `serde_json::Value` first: 3.1 by
//! `lower31` (document-level changes) and `lower_schema` (the schema dialect), Swagger 2.0 by
//! [`super::swagger2`]. `prepare` then repairs what would make the typed parse fail for no good
//! reason (a parameter without a schema, a `required: true` on a property) and reports it; the
//! `openapiv3` crate parses the result (`failure` names the node when it still fails); and
//! `convert` builds the model.
//!
//! A `Rewrite` remembers where each moved node came from, so every origin and diagnostic names a
//! pointer into the file the user wrote, not into the converted document.

mod convert;
mod failure;
mod lower31;
mod lower_schema;
mod media;
mod prepare;
mod prepare_hooks;
mod webhooks;

pub(crate) use prepare::NULL_ONLY;

use super::Document;
use crate::diag::{Diagnostics, Error, Level};
use crate::model::{Decision, Format, Origin, Source};
use serde_json::Value;
use std::collections::BTreeMap;

pub fn read(doc: &Document, format: Format, diags: &mut Diagnostics) -> Result<Source, Error> {
    read_owned(doc, doc.value.clone(), format, diags)
}

/// [`read`] with the document's value handed over (`doc.value` is not read): the value is
/// rewritten in place, and a copy of it was 50 MB for GitHub's description.
pub(crate) fn read_owned(doc: &Document, mut value: Value, format: Format, diags: &mut Diagnostics) -> Result<Source, Error> {
    let mut rewrite = Rewrite::default();
    match format {
        Format::OpenApi30 => {}
        Format::OpenApi31 => lower31::lower(&mut value, &mut rewrite),
        other => {
            return Err(Error::at(&doc.origin(""), None, format!("the OpenAPI reader cannot read {other}")));
        }
    }
    read_value(doc, value, rewrite, format, diags)
}

/// Reads a document already in the OpenAPI 3.0 shape. `format` is the format the user wrote,
/// used for messages and for what counts as a foreign keyword.
pub(crate) fn read_value(
    doc: &Document,
    mut value: Value,
    mut rewrite: Rewrite,
    format: Format,
    diags: &mut Diagnostics,
) -> Result<Source, Error> {
    prepare::prepare(doc, &mut value, &mut rewrite, format, diags);
    // Read from a reference: a clone would hold one more copy of every example at once.
    let api: openapiv3::OpenAPI = match serde::Deserialize::deserialize(&value) {
        Ok(api) => api,
        Err(whole) => {
            let (pointer, message) = failure::locate(&value).unwrap_or_else(|| (String::new(), whole.to_string()));
            let original = rewrite.original(&pointer);
            let what = match format {
                Format::Swagger2 => "not a valid Swagger 2.0 document (after conversion to OpenAPI 3.0)",
                Format::OpenApi31 => "not a valid OpenAPI 3.1 document (after conversion to OpenAPI 3.0)",
                _ => "not a valid OpenAPI 3.0 document",
            };
            return Err(Error::at(&doc.origin(&original), doc.line_of(&original), format!("{what}: {message}")));
        }
    };
    let hooks = webhooks::items(doc, &value, &rewrite, diags);
    let mut cx = Ctx { doc, rewrite: &rewrite, value: &value, api: &api, diags, decisions: Vec::new(), ref_stack: Vec::new() };
    let mut source = convert::convert(&mut cx);
    webhooks::read(&mut cx, &hooks, &mut source);
    source.decisions.extend(std::mem::take(&mut cx.decisions));
    Ok(source)
}

/// Where the nodes of a converted document came from: converted pointer prefix -> original
/// pointer prefix. A pointer with no recorded prefix is the same in both documents.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rewrite {
    moves: BTreeMap<String, String>,
}

impl Rewrite {
    /// Records that the node at `converted` (and everything below it) came from `original`.
    pub(crate) fn record(&mut self, converted: impl Into<String>, original: impl Into<String>) {
        self.moves.insert(converted.into(), original.into());
    }

    /// The pointer in the original file for a pointer into the converted document: the longest
    /// recorded prefix (at a segment boundary) is replaced.
    pub(crate) fn original(&self, converted: &str) -> String {
        let mut cut = converted.len();
        loop {
            let prefix = converted.get(..cut).unwrap_or("");
            if let Some(original) = self.moves.get(prefix) {
                return format!("{original}{}", converted.get(cut..).unwrap_or(""));
            }
            match prefix.rfind('/') {
                Some(i) => cut = i,
                None => return converted.to_string(),
            }
        }
    }

    /// An array at `base` lost or reordered elements: `kept[j]` is the old index of new element
    /// `j`. Recorded moves under the old indexes follow their elements.
    pub(crate) fn reindex(&mut self, base: &str, kept: &[usize]) {
        if kept.iter().enumerate().all(|(new, old)| new == *old) {
            return;
        }
        let prefix = format!("{base}/");
        let mut originals = Vec::new();
        for (new, old) in kept.iter().enumerate() {
            originals.push((new, self.original(&format!("{prefix}{old}"))));
        }
        let under: Vec<(String, String)> =
            self.moves.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix)).map(|(k, v)| (k.clone(), v.clone())).collect();
        for (key, _) in &under {
            self.moves.remove(key);
        }
        for (new, original) in originals {
            self.moves.insert(format!("{prefix}{new}"), original);
        }
        // Deeper moves (`base/3/schema`) follow their element to its new index.
        for (key, target) in under {
            let rest = key.get(prefix.len()..).unwrap_or("");
            let (index, tail) = rest.split_once('/').map(|(i, t)| (i, format!("/{t}"))).unwrap_or((rest, String::new()));
            if tail.is_empty() {
                continue;
            }
            let Ok(old) = index.parse::<usize>() else { continue };
            if let Some(new) = kept.iter().position(|k| *k == old) {
                self.moves.insert(format!("{prefix}{new}{tail}"), target);
            }
        }
    }
}

/// Everything the converter needs while it walks the typed document.
pub(crate) struct Ctx<'a> {
    pub doc: &'a Document,
    pub rewrite: &'a Rewrite,
    /// The converted document, for references that point below a component.
    pub value: &'a Value,
    pub api: &'a openapiv3::OpenAPI,
    pub diags: &'a mut Diagnostics,
    pub decisions: Vec<Decision>,
    /// References being followed inline, to stop cycles.
    pub ref_stack: Vec<String>,
}

impl Ctx<'_> {
    /// The origin in the original file of a node of the converted document.
    pub fn origin(&self, pointer: &str) -> Origin {
        self.doc.origin(&self.rewrite.original(pointer))
    }

    /// A warning about a node of the converted document, reported at its original place.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        warn_at(self.doc, self.diags, &self.rewrite.original(pointer), message);
    }
}

/// A warning at a pointer of the original file, with its line when the locator finds it.
pub(crate) fn warn_at(doc: &Document, diags: &mut Diagnostics, original: &str, message: impl Into<String>) {
    diags.push(Level::Warning, &doc.origin(original), doc.line_of(original), message);
}

/// `base` one step deeper, with `key` escaped as RFC 6901 asks.
pub(crate) fn child(base: &str, key: impl std::fmt::Display) -> String {
    crate::model::pointer_child(base, key)
}

/// The JSON pointer of a local reference (`#/components/schemas/A`), percent-decoded; `None` for
/// a reference to another file or URL.
pub(crate) fn local_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    Some(percent_decode(fragment))
}

/// The last segment of `pointer` if it is `prefix/<name>`, unescaped.
pub(crate) fn component_name(pointer: &str, prefix: &str) -> Option<String> {
    let rest = pointer.strip_prefix(prefix)?.strip_prefix('/')?;
    if rest.contains('/') {
        return None;
    }
    Some(rest.replace("~1", "/").replace("~0", "~"))
}

fn percent_decode(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_string())
}

/// The value at a JSON pointer.
pub(crate) fn resolve<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    value.pointer(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrite_maps_the_longest_recorded_prefix() {
        let mut rw = Rewrite::default();
        rw.record("/components/schemas", "/definitions");
        rw.record("/paths/~1a~1b/post/requestBody", "/paths/~1b/post/parameters/0");
        rw.record("/paths/~1a~1b/post/requestBody/content/application~1json/schema", "/paths/~1b/post/parameters/0/schema");
        assert_eq!(rw.original("/components/schemas/Pet/properties/id"), "/definitions/Pet/properties/id");
        assert_eq!(rw.original("/components/schemasX"), "/components/schemasX");
        assert_eq!(rw.original("/paths/~1a~1b/post/requestBody/content/application~1json/schema/items"), "/paths/~1b/post/parameters/0/schema/items");
        assert_eq!(rw.original("/paths/~1a~1b/post/requestBody"), "/paths/~1b/post/parameters/0");
        assert_eq!(rw.original(""), "");
    }

    #[test]
    fn rewrite_reindex_moves_deeper_entries_with_their_element() {
        let mut rw = Rewrite::default();
        rw.record("/p/parameters/1", "/x/parameters/3");
        rw.record("/p/parameters/1/schema", "/x/parameters/3");
        rw.reindex("/p/parameters", &[1]);
        assert_eq!(rw.original("/p/parameters/0"), "/x/parameters/3");
        assert_eq!(rw.original("/p/parameters/0/schema"), "/x/parameters/3");
        assert_eq!(rw.original("/p/parameters/0/schema/items"), "/x/parameters/3/items");
    }

    #[test]
    fn local_pointers_are_percent_decoded_and_external_ones_refused() {
        assert_eq!(local_pointer("#/components/schemas/A%20B").as_deref(), Some("/components/schemas/A B"));
        assert_eq!(local_pointer("other.yaml#/A"), None);
        assert_eq!(component_name("/components/schemas/a~1b", "/components/schemas").as_deref(), Some("a/b"));
        assert_eq!(component_name("/components/schemas/a/properties/b", "/components/schemas"), None);
    }
}
