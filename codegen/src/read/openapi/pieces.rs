//! The typed document into the model, its two big maps (`components/schemas` and `paths`)
//! parsed and converted one entry at a time: the JSON value, the typed document and the model
//! were all alive at once when the whole document was parsed first (160 MB at GitHub's
//! description; 96 MB so).

use super::convert::{auth_hint, auth_schemes, non_empty, servers, OpContext};
use super::turns::{self, Reported, Runs};
use super::{child, failure, Ctx};
use crate::model::Source;
use openapiv3::ReferenceOr;
use serde::Deserialize;
use serde_json::{Map, Value};

/// The callbacks of one operation of `paths`, kept for after the webhooks (read in that order).
pub(super) struct Callbacks {
    /// The pointer of the operation that declares them.
    pub(super) owner: String,
    pub(super) list: Vec<(String, openapiv3::Callback)>,
}

/// The document into the model: the typed rest of it in `cx`, its schemas and path items in
/// `pieces` (parsed and converted on two threads, [`turns`]). Also the callbacks of `paths`'
/// operations, read after the webhooks. `None`: a thread panicked.
pub(super) fn convert(cx: &mut Ctx, pieces: Pieces) -> Option<Result<(Source, Vec<Callbacks>), Failure>> {
    let api = cx.api;
    let mut source = Source {
        title: non_empty(Some(&api.info.title)),
        version: non_empty(Some(&api.info.version)),
        description: non_empty(api.info.description.as_ref()),
        ..Source::default()
    };
    source.servers = servers(cx, &api.servers, "/servers");
    // Read before the entries, but reported after the schemas, as in the document's order.
    let mut auth = Reported::default();
    let mut known_schemes = Vec::new();
    let op_cx = {
        let mut auth_cx = Ctx { doc: cx.doc, rewrite: cx.rewrite, kept: cx.kept, api, diags: &mut auth.diags, decisions: Vec::new(), ref_stack: Vec::new() };
        if let Some(components) = &api.components {
            source.auth = auth_schemes(&mut auth_cx, components);
            known_schemes = components.security_schemes.keys().cloned().collect();
        }
        let global = api.security.as_ref().map(|reqs| auth_hint(&mut auth_cx, reqs, "/security", &known_schemes));
        auth.decisions = auth_cx.decisions;
        OpContext { global, known_schemes }
    };
    // Without `components`, the typed document has no schemas to read.
    let pieces = Pieces { schemas: pieces.schemas.filter(|_| api.components.is_some()), paths: pieces.paths };
    let Runs { schemas, paths } = turns::read(turns::Shared { doc: cx.doc, rewrite: cx.rewrite, kept: cx.kept, api, op_cx: &op_cx }, pieces)?;
    // The first entry that fails is the document's failure, the schemas' first.
    let schemas = match schemas.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(runs) => runs,
        Err(found) => return Some(Err(found)),
    };
    let paths = match paths.into_iter().collect::<Result<Vec<_>, _>>() {
        Ok(runs) => runs,
        Err(found) => return Some(Err(found)),
    };
    let mut report = |reported: Reported| {
        cx.diags.extend(reported.diags);
        cx.decisions.extend(reported.decisions);
    };
    for run in schemas {
        source.schemas.extend(run.schemas);
        report(run.reported);
    }
    report(auth);
    let mut callbacks = Vec::new();
    for run in paths {
        source.operations.extend(run.operations);
        callbacks.extend(run.callbacks);
        report(run.reported);
    }
    Some(Ok((source, callbacks)))
}

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

/// One component schema, parsed from its value.
pub(super) fn schema(name: &str, value: &Value) -> Result<ReferenceOr<openapiv3::Schema>, Failure> {
    // From a reference: consuming the value is slower.
    let parsed = super::fast_schema::schema_or_ref(value).map_or_else(|| reference_or::<openapiv3::Schema>(value), Ok);
    parsed.map_err(|e| failure::locate_schema(value, child("/components/schemas", name), e))
}

/// One path item of `paths` (keys that do not start with `/` are not path items, as in the
/// typed document), parsed from its value.
pub(super) fn path_item(path: &str, value: &Value) -> Result<Option<openapiv3::ReferenceOr<openapiv3::PathItem>>, Failure> {
    if !path.starts_with('/') {
        return Ok(None);
    }
    // From a reference, as the schemas.
    let parsed = super::fast_path_item::path_item_or_ref(value).map_or_else(|| reference_or::<openapiv3::PathItem>(value), Ok);
    parsed.map(Some).map_err(|e| failure::locate_path_item(value, child("/paths", path), e))
}

/// `ReferenceOr::<T>::deserialize(value)`, without its first step: as an untagged enum, it
/// copies the whole value into serde's buffer before it tries each variant (on GitHub's
/// description, a copy of every schema and path item). An object with a string `$ref` is the
/// reference, as there; anything else is parsed as `T` straight from the value. A list (a
/// struct may be read from one) and every failure take openapiv3's own way, so what it
/// accepts and its messages stay the same.
fn reference_or<T: serde::de::DeserializeOwned>(value: &Value) -> Result<ReferenceOr<T>, serde_json::Error> {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                return Ok(ReferenceOr::Reference { reference: reference.clone() });
            }
        }
        Value::Array(_) => return ReferenceOr::<T>::deserialize(value),
        _ => {}
    }
    T::deserialize(value).map(ReferenceOr::Item).or_else(|_| ReferenceOr::<T>::deserialize(value))
}
