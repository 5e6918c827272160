//! The typed document into the model, its two big maps (`components/schemas` and `paths`)
//! parsed and converted one entry at a time: the JSON value, the typed document and the model
//! were all alive at once when the whole document was parsed first (160 MB at GitHub's
//! description; 96 MB so).

use super::convert::{auth_hint, auth_schemes, non_empty, operation, operation_of, servers, OpContext};
use super::typed::{Typed, TypedSchema};
use super::{child, failure, Ctx};
use crate::model::Source;
use crate::read::schema;
use openapiv3::{Operation, PathItem, ReferenceOr};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The callbacks of one operation of `paths`, kept for after the webhooks (read in that order).
pub(super) struct Callbacks {
    /// The pointer of the operation that declares them.
    pub(super) owner: String,
    pub(super) list: Vec<(String, openapiv3::Callback)>,
}

/// The document into the model: the typed rest of it in `cx`, its schemas and path items in
/// `pieces`. Also the callbacks of `paths`' operations, read after the webhooks.
pub(super) fn convert(cx: &mut Ctx, typed: Typed) -> Result<(Source, Vec<Callbacks>), Failure> {
    let api = cx.api;
    let mut source = Source {
        title: non_empty(Some(&api.info.title)),
        version: non_empty(Some(&api.info.version)),
        description: non_empty(api.info.description.as_ref()),
        ..Source::default()
    };
    source.servers = servers(cx, &api.servers, "/servers");
    let mut known_schemes = Vec::new();
    let Typed { schemas: typed_schemas, paths: typed_paths } = typed;
    if let Some(components) = &api.components {
        schemas(cx, typed_schemas, &mut source.schemas)?;
        source.auth = auth_schemes(cx, components);
        known_schemes = components.security_schemes.keys().cloned().collect();
    }
    let global = api.security.as_ref().map(|reqs| auth_hint(cx, reqs, "/security", &known_schemes));
    let op_cx = OpContext { global, known_schemes };
    let mut callbacks = Vec::new();
    for (path, item) in typed_paths {
        let Some(item) = item? else { continue };
        let path_pointer = child("/paths", &path);
        let ReferenceOr::Item(mut item) = item else {
            cx.warn(&path_pointer, "a path item reference that could not be followed; the path is ignored");
            continue;
        };
        // Operations in the order the document lists them.
        let mut methods: Vec<&str> = cx.kept.methods(&path_pointer);
        for (m, _) in item.iter() {
            if !methods.contains(&m) {
                methods.push(m);
            }
        }
        let path_server = servers(cx, &item.servers, &child(&path_pointer, "servers")).into_iter().next();
        for method_name in methods {
            let Some((method, op)) = operation_of(&item, method_name) else { continue };
            let mut read = operation(cx, &source.schemas, &op_cx, &path, &path_pointer, &item, method, method_name, op);
            read.server = read.server.or_else(|| path_server.clone());
            source.operations.push(read);
        }
        for (method_name, op) in operations_mut(&mut item) {
            if !op.callbacks.is_empty() {
                let list = std::mem::take(&mut op.callbacks).into_iter().collect();
                callbacks.push(Callbacks { owner: child(&path_pointer, method_name), list });
            }
        }
    }
    Ok((source, callbacks))
}

/// The operations of a path item, in [`PathItem::iter`]'s order.
fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    let all = [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ];
    all.into_iter().filter_map(|(name, op)| op.as_mut().map(|op| (name, op)))
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

/// Each component schema, converted in turn, in the document's order.
fn schemas(cx: &mut Ctx, typed: impl Iterator<Item = TypedSchema>, out: &mut std::collections::BTreeMap<String, crate::model::Schema>) -> Result<(), Failure> {
    for (name, typed) in typed {
        let typed = typed?;
        let pointer = child("/components/schemas", &name);
        let read = schema::read_owned(cx, typed, &pointer);
        out.insert(name, read);
    }
    Ok(())
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
