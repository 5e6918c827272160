//! A document in parts: the OpenAPI reader takes `paths`, `components/schemas` and some root
//! members out of the value before its typed parse. What reads the whole document meanwhile
//! (`context::Kept`, on another thread) reads it through [`Parts`] instead of waiting for them
//! to be put back.

use serde_json::{Map, Value};

/// The document `rest` with the members below taken out of it (empty maps left in the places of
/// `paths` and `components/schemas`, the `aside` root members removed).
pub(crate) struct Parts<'a> {
    pub rest: &'a Value,
    pub paths: Option<&'a Map<String, Value>>,
    pub schemas: Option<&'a Map<String, Value>>,
    pub aside: Vec<(&'a str, &'a Value)>,
}

/// A pointer to a place the parts do not hold whole (the root, `/paths`, `/components`): only the
/// whole document can answer.
#[derive(Debug)]
pub(crate) struct Unsure;

impl<'a> Parts<'a> {
    /// A document in one piece.
    pub(crate) fn whole(value: &'a Value) -> Parts<'a> {
        Parts { rest: value, paths: None, schemas: None, aside: Vec::new() }
    }

    /// The root member `key`, wherever it is now.
    pub(crate) fn root_member(&self, key: &str) -> Option<&'a Value> {
        match self.aside.iter().find(|(k, _)| *k == key) {
            Some((_, value)) => Some(value),
            None => self.rest.get(key),
        }
    }

    /// `paths`, wherever it is now.
    pub(crate) fn paths(&self) -> Option<&'a Map<String, Value>> {
        self.paths.or_else(|| self.rest.get("paths").and_then(Value::as_object))
    }

    /// `components/schemas`, wherever it is now.
    pub(crate) fn schemas(&self) -> Option<&'a Map<String, Value>> {
        self.schemas.or_else(|| self.rest.get("components").and_then(|c| c.get("schemas")).and_then(Value::as_object))
    }

    /// Every value the parts hold, the rest first (together, the whole document's members).
    pub(crate) fn all(&self) -> impl Iterator<Item = &'a Value> + '_ {
        let maps = [self.paths, self.schemas].into_iter().flatten().flat_map(|m| m.values());
        std::iter::once(self.rest).chain(maps).chain(self.aside.iter().map(|(_, v)| *v))
    }

    /// The value at a JSON pointer, as `read::pointer::resolve` finds it in the whole document,
    /// and whether it is in `rest` (not in `paths`, `schemas` or the aside members).
    pub(crate) fn resolve(&self, pointer: &str) -> Result<Option<(&'a Value, bool)>, Unsure> {
        let first = pointer.strip_prefix('/').map(|tokens| unescape(split_first(tokens).0));
        let taken = match first.as_deref() {
            Some("paths") => self.paths.is_some(),
            Some(key) => self.aside.iter().any(|(k, _)| *k == key) || (self.schemas.is_some() && pointer.starts_with("/components/schemas/")),
            None => false,
        };
        Ok(self.find(pointer)?.map(|value| (value, !taken)))
    }

    fn find(&self, pointer: &str) -> Result<Option<&'a Value>, Unsure> {
        if self.paths.is_none() && self.schemas.is_none() && self.aside.is_empty() {
            return Ok(super::pointer::resolve(self.rest, pointer));
        }
        if pointer.is_empty() {
            return Err(Unsure);
        }
        let Some(tokens) = pointer.strip_prefix('/') else { return Ok(None) };
        let (first, after) = split_first(tokens);
        match (unescape(first).as_str(), self.paths, self.schemas) {
            ("paths", Some(paths), _) => below(paths, after),
            ("components", _, Some(schemas)) => {
                let Some(after) = after else { return Err(Unsure) };
                let (second, after) = split_first(after);
                match unescape(second).as_str() {
                    "schemas" => below(schemas, after),
                    _ => Ok(self.rest.pointer(pointer)),
                }
            }
            (key, _, _) => match self.aside.iter().find(|(k, _)| *k == key) {
                Some((_, value)) => Ok(value.pointer(&tail(after))),
                None => Ok(self.rest.pointer(pointer)),
            },
        }
    }
}

/// The entry of a taken-out map that a pointer's tokens `after` the map lead to. The map itself
/// is not whole where it was: only the entries below it are.
fn below<'a>(map: &'a Map<String, Value>, after: Option<&str>) -> Result<Option<&'a Value>, Unsure> {
    let Some(after) = after else { return Err(Unsure) };
    let (entry, after) = split_first(after);
    Ok(map.get(&unescape(entry)).and_then(|value| value.pointer(&tail(after))))
}

/// The pointer made of the tokens `after` one (empty: the value itself).
fn tail(after: Option<&str>) -> String {
    after.map(|after| format!("/{after}")).unwrap_or_default()
}

/// The first token of a pointer without its leading `/`, and what follows its `/`.
fn split_first(tokens: &str) -> (&str, Option<&str>) {
    match tokens.split_once('/') {
        Some((first, after)) => (first, Some(after)),
        None => (tokens, None),
    }
}

/// A pointer token as serde_json reads it.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::Parts;
    use serde_json::{json, Value};

    /// Every pointer resolves in the parts as in the whole, or is refused.
    #[test]
    fn parts_resolve_as_the_whole_document() {
        let whole = json!({
            "openapi": "3.0.3",
            "paths": {"/a/{b}": {"get": {"x": [1, {"y": 2}]}}, "~t": {"z": 1}},
            "components": {"schemas": {"A": {"type": "string"}, "a/b": {"c": 1}}, "examples": {"E": {"value": 3}}},
            "x-hooks": {"h": {"k": true}},
            "webhooks": {"w": {}},
        });
        let mut rest = whole.clone();
        let paths = std::mem::take(rest["paths"].as_object_mut().unwrap());
        let schemas = std::mem::take(rest["components"]["schemas"].as_object_mut().unwrap());
        let root = rest.as_object_mut().unwrap();
        let (hooks, webhooks) = (root.shift_remove("x-hooks").unwrap(), root.shift_remove("webhooks").unwrap());
        let parts = Parts { rest: &rest, paths: Some(&paths), schemas: Some(&schemas), aside: vec![("x-hooks", &hooks), ("webhooks", &webhooks)] };
        let pointers = [
            "/openapi", "/paths/~1a~1{b}", "/paths/~1a~1{b}/get/x/1/y", "/paths/~0t/z", "/paths/none", "/paths/~1a~1{b}/get/x/9",
            "/components/schemas/A", "/components/schemas/a~1b/c", "/components/schemas/B", "/components/examples/E/value",
            "/components/examples", "/x-hooks", "/x-hooks/h/k", "/webhooks/w", "/nothing", "nothing", "/openapi/x",
        ];
        for pointer in pointers {
            let expected: Option<&Value> = super::super::pointer::resolve(&whole, pointer);
            assert_eq!(parts.resolve(pointer).unwrap().map(|(v, _)| v), expected, "{pointer}");
        }
        let in_rest = |pointer| parts.resolve(pointer).unwrap().map(|(_, in_rest)| in_rest);
        assert_eq!(in_rest("/paths/~0t/z"), Some(false));
        assert_eq!(in_rest("/components/schemas/A"), Some(false));
        assert_eq!(in_rest("/components/examples/E/value"), Some(true));
        assert_eq!(in_rest("/x-hooks/h/k"), Some(false));
        assert_eq!(in_rest("/openapi"), Some(true));
        for pointer in ["", "/paths", "/components", "/components/schemas"] {
            assert!(parts.resolve(pointer).is_err(), "{pointer}");
        }
        let count = |parts: &Parts| parts.all().count();
        assert_eq!(count(&parts), 1 + 2 + 2 + 2);
        assert_eq!(count(&Parts::whole(&whole)), 1);
    }
}
