//! The context of reading a document converted to the OpenAPI 3.0 shape: where each converted
//! node came from, and what the converter and the schema reader share while they walk it. It
//! sits below both `openapi` and `schema`, so neither imports the other's internals.

use super::parts::{Parts, Unsure};
use super::pointer::{child, component_name, local_pointer, resolve};
use super::Document;
use crate::diag::{Diagnostics, Level};
use crate::model::{Decision, Origin};
use serde_json::Value;
use foldhash::{HashMap, HashSet};
use std::collections::BTreeMap;
use std::borrow::Cow;

/// The extension that keeps the fact that a schema allows only `null` (`type: 'null'`), which the
/// 3.0 shape cannot say.
pub(crate) const NULL_ONLY: &str = "x-codegen-null-only";

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
    /// Called for every origin of a read (62,000 times on GitHub's description), so the common
    /// cases are quick: a document with no recorded move, and a byte search for `/`.
    pub(crate) fn original(&self, converted: &str) -> String {
        self.original_or_same(converted).into_owned()
    }

    /// [`Rewrite::original`], borrowing `converted` where no move applies (most pointers): the
    /// origins only read it.
    fn original_or_same<'p>(&self, converted: &'p str) -> Cow<'p, str> {
        if self.moves.is_empty() {
            return Cow::Borrowed(converted);
        }
        let mut cut = converted.len();
        loop {
            let prefix = converted.get(..cut).unwrap_or("");
            if let Some(original) = self.moves.get(prefix) {
                return Cow::Owned(format!("{original}{}", converted.get(cut..).unwrap_or("")));
            }
            match memchr::memrchr(b'/', prefix.as_bytes()) {
                Some(i) => cut = i,
                None => return Cow::Borrowed(converted),
            }
        }
    }

    /// The moves at and under `prefix` those of `other`, the rest as they are: for the moves
    /// one thread recorded under its own part of the document.
    pub(crate) fn replace_under(&mut self, prefix: &str, other: Rewrite) {
        let under = |k: &String| k.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'));
        self.moves.retain(|k, _| !under(k));
        self.moves.extend(other.moves.into_iter().filter(|(k, _)| under(k)));
    }

    /// The moves at and under each of `prefixes` those of `other`: for the moves one thread
    /// recorded under the nodes it lowered.
    pub(crate) fn replace_under_each(&mut self, prefixes: &[String], other: &Rewrite) {
        for prefix in prefixes {
            let mine: Vec<String> = self.under(prefix).map(|(k, _)| k.clone()).collect();
            for key in mine {
                self.moves.remove(&key);
            }
            self.moves.extend(other.under(prefix).map(|(k, v)| (k.clone(), v.clone())));
        }
    }

    /// The moves at and under `prefix` (at a segment boundary).
    fn under<'s>(&'s self, prefix: &'s str) -> impl Iterator<Item = (&'s String, &'s String)> {
        let at_boundary = move |k: &String| k.len() == prefix.len() || k.as_bytes().get(prefix.len()) == Some(&b'/');
        self.moves.range::<str, _>((std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded)).take_while(move |(k, _)| k.starts_with(prefix)).filter(move |(k, _)| at_boundary(k))
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
    /// What is still read from the converted document once the typed one exists.
    pub kept: &'a Kept,
    pub api: &'a openapiv3::OpenAPI,
    pub diags: &'a mut Diagnostics,
    pub decisions: Vec<Decision>,
    /// References being followed inline, to stop cycles.
    pub ref_stack: Vec<String>,
}

impl Ctx<'_> {
    /// The origin in the original file of a node of the converted document.
    pub fn origin(&self, pointer: &str) -> Origin {
        self.doc.origin(&self.rewrite.original_or_same(pointer))
    }

    /// A warning about a node of the converted document, reported at its original place.
    pub fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        warn_at(self.doc, self.diags, &self.rewrite.original_or_same(pointer), message);
    }
}

/// The little the converter reads from the converted document besides the typed one, taken
/// before the typed parse consumes it: holding the whole `Value` beside the typed document
/// doubled the peak memory of reading.
#[derive(Debug, Default)]
pub(crate) struct Kept {
    /// Each path item's methods in the order the document lists them (the typed path item has
    /// fixed fields), by pointer: `paths`, `webhooks`, and the callbacks of `paths`' operations.
    methods: HashMap<String, Vec<&'static str>>,
    /// Each operation's response keys as the document wrote them (`default` included, no
    /// extensions), by the pointer of its `responses`.
    responses: HashMap<String, Vec<String>>,
    /// The node each local `$ref` points to, for those that do not name a component schema
    /// (references below a component are read in place); missing when it points to nothing.
    /// A copy where the node is parsed or dropped before the converter reads it (`paths`,
    /// `components/schemas`, the root's extensions), else in `rest`: copying every example
    /// GitHub's description refers to took 6 ms.
    targets: HashMap<String, Option<Value>>,
    /// The document without `paths` and `components/schemas`, where the other targets are.
    rest: Value,
    /// The names in `components/schemas` (parsed one at a time, after this is built).
    schemas: HashSet<String>,
}

impl Kept {
    /// What the converter reads later, from the document in `parts`; `Unsure` when a reference
    /// points to a place only the whole document has.
    /// `rest_stays`: `parts.rest` is the value that [`Kept::keep_rest`] will be given (else every
    /// target is copied).
    pub(crate) fn new(parts: &Parts, methods: &[&'static str], rest_stays: bool) -> Result<Kept, Unsure> {
        let mut kept = Kept::default();
        let in_order = |item: &Value| -> Vec<&'static str> {
            let keys = item.as_object().map(|m| m.keys());
            keys.map(|keys| keys.filter_map(|k| methods.iter().find(|x| **x == k.as_str()).copied()).collect()).unwrap_or_default()
        };
        if let Some(paths) = parts.paths() {
            for (path, item) in paths {
                let pointer = child("/paths", path);
                for (method, op) in item.as_object().into_iter().flatten() {
                    let Some(Value::Object(callbacks)) = op.get("callbacks") else { continue };
                    let op_pointer = child(&child(&pointer, method), "callbacks");
                    for (key, callback) in callbacks {
                        for (expr, cb_item) in callback.as_object().into_iter().flatten() {
                            kept.path_item(child(&child(&op_pointer, key), expr), cb_item, &in_order);
                        }
                    }
                }
                kept.path_item(pointer, item, &in_order);
            }
        }
        if let Some(Value::Object(hooks)) = parts.root_member("webhooks") {
            for (name, item) in hooks {
                kept.path_item(child("/webhooks", name), item, &in_order);
            }
        }
        if let Some(schemas) = parts.schemas() {
            kept.schemas = schemas.keys().cloned().collect();
        }
        let mut refs = Vec::new();
        parts.all().for_each(|value| collect_refs(value, &mut refs));
        for target in refs {
            if component_name(&target, "/components/schemas").is_some() || kept.targets.contains_key(&target) {
                continue;
            }
            if let Some((node, in_rest)) = parts.resolve(&target)? {
                let node = (!(rest_stays && in_rest)).then(|| node.clone());
                kept.targets.insert(target, node);
            }
        }
        Ok(kept)
    }

    fn path_item(&mut self, pointer: String, item: &Value, in_order: &dyn Fn(&Value) -> Vec<&'static str>) {
        for (method, op) in item.as_object().into_iter().flatten() {
            if let Some(Value::Object(responses)) = op.get("responses") {
                let keys = responses.keys().filter(|k| !k.starts_with("x-")).cloned().collect();
                self.responses.insert(child(&child(&pointer, method), "responses"), keys);
            }
        }
        self.methods.insert(pointer, in_order(item));
    }

    /// The response keys of the operation whose `responses` is at `pointer`, in the document's order.
    pub(crate) fn responses(&self, pointer: &str) -> Vec<String> {
        self.responses.get(pointer).cloned().unwrap_or_default()
    }

    /// The methods of the path item at `pointer`, in the document's order.
    pub(crate) fn methods(&self, pointer: &str) -> Vec<&'static str> {
        self.methods.get(pointer).cloned().unwrap_or_default()
    }

    /// Whether `components/schemas` has `name`.
    pub(crate) fn has_schema(&self, name: &str) -> bool {
        self.schemas.contains(name)
    }

    /// The document's rest, where the targets not copied are: the value [`Kept::new`] read as
    /// `parts.rest`, unchanged since.
    pub(crate) fn keep_rest(&mut self, rest: Value) {
        self.rest = rest;
    }

    /// The node a local reference (other than to a component schema) points to.
    pub(crate) fn target(&self, pointer: &str) -> Option<&Value> {
        match self.targets.get(pointer)? {
            Some(copy) => Some(copy),
            None => resolve(&self.rest, pointer),
        }
    }
}

/// The pointer of every local `$ref` in `value` (in no particular order). One pass over each
/// object's members: a lookup of `$ref` hashed the key in every object of the document.
fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                if key == "$ref" {
                    if let Some(target) = member.as_str().and_then(local_pointer) {
                        out.push(target);
                    }
                }
                collect_refs(member, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// A warning at a pointer of the original file, with its line when the locator finds it (at the
/// end of the read, for all warnings at once).
pub(crate) fn warn_at(doc: &Document, diags: &mut Diagnostics, original: &str, message: impl Into<String>) {
    diags.push_unlocated(Level::Warning, &doc.origin(original), message);
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
    fn rewrite_replace_under_each_takes_only_the_named_subtrees() {
        let mut rw = Rewrite::default();
        rw.record("/c/a", "/old/a");
        rw.record("/c/a/x", "/old/a/x");
        rw.record("/c/a~1b/x", "/old/ab");
        rw.record("/c/b", "/old/b");
        let mut other = Rewrite::default();
        other.record("/c/a/y", "/new/a/y");
        other.record("/c/a~1b/x", "/new/ab");
        other.record("/c/b", "/new/b");
        rw.replace_under_each(&["/c/a".to_string()], &other);
        let moves: Vec<(&str, &str)> = rw.moves.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(moves, [("/c/a/y", "/new/a/y"), ("/c/a~1b/x", "/old/ab"), ("/c/b", "/old/b")]);
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
}
