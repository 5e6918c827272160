//! The two big maps of a document, `components/schemas` and `paths`, parsed and converted one
//! entry at a time: the JSON value, the typed document and the model were all alive at once
//! when the whole document was parsed first (160 MB at GitHub's description).

use super::{child, failure, Ctx};
use crate::read::schema;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The entries of `components/schemas` and of `paths`, taken out of the document (empty maps
/// are left in their places, so that the rest of it parses as before).
#[derive(Default)]
pub(super) struct Pieces {
    pub(super) schemas: Option<Map<String, Value>>,
    pub(super) paths: Option<Map<String, Value>>,
}

/// Where an entry failed to parse: the deepest failing node's pointer, and its message.
pub(super) type Failure = (String, String);

impl Pieces {
    pub(super) fn take(value: &mut Value) -> Pieces {
        let schemas = value.get_mut("components").and_then(|c| c.get_mut("schemas")).and_then(take_map);
        let paths = value.get_mut("paths").and_then(take_map);
        Pieces { schemas, paths }
    }

    /// The entries back in their places, for the search of what failed.
    pub(super) fn put_back(self, value: &mut Value) {
        if let (Some(map), Some(Value::Object(slot))) = (self.schemas, value.get_mut("components").and_then(|c| c.get_mut("schemas"))) {
            *slot = map;
        }
        if let (Some(map), Some(Value::Object(slot))) = (self.paths, value.get_mut("paths")) {
            *slot = map;
        }
    }
}

fn take_map(value: &mut Value) -> Option<Map<String, Value>> {
    match value {
        Value::Object(map) => Some(std::mem::take(map)),
        _ => None,
    }
}

/// Each component schema, parsed, converted and dropped in turn, in the document's order.
pub(super) fn schemas(cx: &mut Ctx, map: Option<Map<String, Value>>, out: &mut std::collections::BTreeMap<String, crate::model::Schema>) -> Result<(), Failure> {
    for (name, value) in map.into_iter().flatten() {
        let pointer = child("/components/schemas", &name);
        // From a reference: consuming the value is slower.
        let parsed = openapiv3::ReferenceOr::<openapiv3::Schema>::deserialize(&value);
        let typed = parsed.map_err(|e| failure::locate_schema(&value, pointer.clone(), e))?;
        drop(value);
        let read = schema::read(cx, &typed, &pointer);
        out.insert(name, read);
    }
    Ok(())
}

/// One path item of `paths` (keys that do not start with `/` are not path items, as in the
/// typed document), parsed from its value.
pub(super) fn path_item(path: &str, value: &Value) -> Result<Option<openapiv3::ReferenceOr<openapiv3::PathItem>>, Failure> {
    if !path.starts_with('/') {
        return Ok(None);
    }
    let parsed = openapiv3::ReferenceOr::<openapiv3::PathItem>::deserialize(value);
    parsed.map(Some).map_err(|e| failure::locate_path_item(value, child("/paths", path), e))
}
