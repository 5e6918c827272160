//! Names the API shows to be distinct fields: two keys of one sample, or two properties of one
//! declared schema, anywhere in the API. The alias guards ask it before pairing a renamed
//! field: a declared schema that lists `hooks_url` beside `received_events_url` says they are
//! two fields, whatever slot they share elsewhere.

use super::build::Root;
use super::shape::{Name, Shape};
use crate::model::Origin;
use foldhash::HashMap;
use std::collections::BTreeMap;

/// Every key set of the API (samples' keys and schemas' properties), indexed by key.
pub struct KeySets<'a> {
    /// Each set with where it was seen and whether a schema declared it.
    sets: Vec<(&'a [Name], Option<&'a Origin>, bool)>,
    /// Looked up, never walked: a hash map, built for every key of the API.
    by_key: HashMap<&'a str, Vec<u32>>,
}

impl<'a> KeySets<'a> {
    pub fn new(roots: &'a [Root], components: &'a BTreeMap<String, Shape>) -> KeySets<'a> {
        let mut index = KeySets { sets: Vec::new(), by_key: HashMap::default() };
        for shape in components.values() {
            index.walk(shape);
        }
        for root in roots {
            index.walk(&root.shape);
        }
        index
    }

    fn walk(&mut self, shape: &'a Shape) {
        if let Some(object) = &shape.object {
            let origin = shape.origins.first();
            let declared = object.declared_sets.iter().map(|s| (s, true));
            for (keys, by_schema) in object.together.iter().map(|s| (s, false)).chain(declared) {
                let i = self.sets.len() as u32;
                self.sets.push((keys, origin, by_schema));
                for k in keys {
                    self.by_key.entry(k.as_str()).or_default().push(i);
                }
            }
            for field in object.fields.values() {
                self.walk(&field.shape);
            }
            if let Some(additional) = &object.additional {
                self.walk(additional);
            }
        }
        if let Some(array) = &shape.array {
            self.walk(&array.item);
        }
    }

    /// Why `a` and `b` are two fields, when some sample or schema holds both: a schema is
    /// named first, being the stronger evidence.
    pub fn distinct(&self, a: &str, b: &str) -> Option<String> {
        let (Some(ia), Some(ib)) = (self.by_key.get(a), self.by_key.get(b)) else { return None };
        // Look each set of the rarer key up in the other's (both ascending): common keys
        // (`id`, `url`) are in many thousand sets on large APIs.
        let (short, long) = if ia.len() <= ib.len() { (ia, ib) } else { (ib, ia) };
        let at = |origin: Option<&Origin>| origin.map(|o| format!(" (`{o}`)")).unwrap_or_default();
        let mut sample = None;
        for i in short.iter().filter(|i| long.binary_search(i).is_ok()) {
            let (_, origin, by_schema) = self.sets[*i as usize];
            if by_schema {
                return Some(format!("a declared schema defines both{}", at(origin)));
            }
            if sample.is_none() {
                sample = Some(format!("one sample holds both{}", at(origin)));
            }
        }
        sample
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::build::Role;
    use crate::model::{Schema, SchemaKind};
    use serde_json::json;

    fn root(shape: Shape) -> Root {
        Root { hint: "Thing".into(), role: Role::Response, shape, prose: Vec::new() }
    }

    #[test]
    fn keys_of_one_sample_anywhere_are_distinct() {
        let mut shape = Shape::default();
        shape.observe(&json!({"owner": {"login": "a", "hooks_url": "h", "received_events_url": "r"}}), &Origin::new("a.json", ""));
        let roots = [root(shape)];
        let components = BTreeMap::new();
        let index = KeySets::new(&roots, &components);
        assert!(index.distinct("hooks_url", "received_events_url").unwrap().contains("one sample"));
        assert_eq!(index.distinct("hooks_url", "owner"), None);
    }

    #[test]
    fn properties_of_one_declared_schema_are_distinct_even_when_no_sample_has_both() {
        let prop = |n: &str| (n.to_string(), Schema { kind: SchemaKind::String, ..Default::default() });
        let schema = Schema {
            kind: SchemaKind::Object { properties: vec![prop("hooks_url"), prop("received_events_url")], required: Vec::new(), additional: None },
            ..Default::default()
        };
        let mut shape = Shape::default();
        shape.observe_schema(&schema);
        let components = BTreeMap::from([("Org".to_string(), shape)]);
        let index = KeySets::new(&[], &components);
        assert!(index.distinct("received_events_url", "hooks_url").unwrap().contains("declared schema"));
    }
}
