//! openapiv3's `PathItem` built straight from a JSON value, for the path items whose every
//! keyword has the plain JSON type it should have ([`super::fast_schema`] does the same for
//! schemas, and builds the schemas found here).
//!
//! openapiv3 parses a path item through untagged (`ReferenceOr`) and internally tagged
//! (`Parameter`) enums and flattened fields: serde copies every parameter, request body,
//! response and media type into its buffer before it reads it, and parses their schemas the
//! slow way (on GitHub's description, 30 ms of the typed parse). This reads the value once.
//! Every field takes what serde's derive takes; on anything else (a keyword of an unexpected
//! type, a `$ref` that is no string, a parameter without `in`) it
//! answers `None` and the caller parses with openapiv3, so that its result and its messages
//! stay the only ones for unusual input. The rare small pieces (servers, security, callbacks,
//! encodings, links, external docs, non-reference headers) are read by openapiv3's own
//! `Deserialize` from their values, which is what its derive does with them too.
//! `fast_path_item_tests.rs` holds the two equal.

use super::fast_schema::{opt, ref_member, schema_or_ref, string};
use openapiv3::{CookieStyle, Example, HeaderStyle, MediaType, Operation, Parameter, ParameterData, ParameterSchemaOrContent};
use openapiv3::{PathItem, PathStyle, QueryStyle, ReferenceOr, RequestBody, Response, Responses, StatusCode};
use serde::de::value::{Error as PlainError, StrDeserializer};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{Map, Value};

/// An entry of `paths`, as `ReferenceOr::<PathItem>::deserialize` gives it, or `None`: leave
/// it to openapiv3.
pub fn path_item_or_ref(value: &Value) -> Option<ReferenceOr<PathItem>> {
    ref_or(value, path_item)
}

/// A reference (an object with a string `$ref`, whatever else it holds) or an item read by
/// `item`; `None` for anything that is no object, or has a `$ref` that is no string.
fn ref_or<T>(value: &Value, item: fn(&Map<String, Value>) -> Option<T>) -> Option<ReferenceOr<T>> {
    let map = value.as_object()?;
    match ref_member(map) {
        None => item(map).map(ReferenceOr::Item),
        Some(Value::String(reference)) => Some(ReferenceOr::Reference { reference: reference.clone() }),
        Some(_) => None,
    }
}

/// [`ref_or`] with the item read by openapiv3 (the rare kinds).
fn ref_or_serde<T: DeserializeOwned>(value: &Value) -> Option<ReferenceOr<T>> {
    match ref_member(value.as_object()?) {
        None => serde(value).map(ReferenceOr::Item),
        Some(Value::String(reference)) => Some(ReferenceOr::Reference { reference: reference.clone() }),
        Some(_) => None,
    }
}

/// A field openapiv3 reads whole (its type says what).
fn serde<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

fn list<T>(value: &Value, item: impl Fn(&Value) -> Option<T>) -> Option<Vec<T>> {
    value.as_array()?.iter().map(item).collect()
}

/// An `IndexMap<String, T>` of openapiv3 (its type inferred), from an object.
fn map_of<M: Default + Extend<(String, T)>, T>(value: &Value, item: impl Fn(&Value) -> Option<T>) -> Option<M> {
    let mut out = M::default();
    for (key, value) in value.as_object()? {
        out.extend([(key.clone(), item(value)?)]);
    }
    Some(out)
}

/// The value of an `Option<Value>` field: `null` is `None`, as serde reads it.
fn any(value: &Value) -> Option<Option<Value>> {
    opt(value, |v| Some(v.clone()))
}

fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

fn path_item(map: &Map<String, Value>) -> Option<PathItem> {
    let mut item = PathItem::default();
    for (key, v) in map {
        match key.as_str() {
            "summary" => item.summary = opt(v, string)?,
            "description" => item.description = opt(v, string)?,
            "get" => item.get = opt(v, operation)?,
            "put" => item.put = opt(v, operation)?,
            "post" => item.post = opt(v, operation)?,
            "delete" => item.delete = opt(v, operation)?,
            "options" => item.options = opt(v, operation)?,
            "head" => item.head = opt(v, operation)?,
            "patch" => item.patch = opt(v, operation)?,
            "trace" => item.trace = opt(v, operation)?,
            "servers" => item.servers = serde(v)?,
            "parameters" => item.parameters = list(v, |v| ref_or(v, parameter))?,
            _ if is_extension(key) => {
                item.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    Some(item)
}

fn operation(value: &Value) -> Option<Operation> {
    let mut op = Operation::default();
    let mut responses_seen = None;
    for (key, v) in value.as_object()? {
        match key.as_str() {
            "tags" => op.tags = list(v, string)?,
            "summary" => op.summary = opt(v, string)?,
            "description" => op.description = opt(v, string)?,
            "externalDocs" => op.external_docs = serde(v)?,
            "operationId" => op.operation_id = opt(v, string)?,
            "parameters" => op.parameters = list(v, |v| ref_or(v, parameter))?,
            "requestBody" => op.request_body = opt(v, |v| ref_or(v, request_body))?,
            "responses" => responses_seen = Some(responses(v)?),
            "callbacks" => op.callbacks = serde(v)?,
            "deprecated" => op.deprecated = v.as_bool()?,
            "security" => op.security = serde(v)?,
            "servers" => op.servers = serde(v)?,
            _ if is_extension(key) => {
                op.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    // A required field.
    op.responses = responses_seen?;
    Some(op)
}

/// The fields a parameter's `in` decides (those of `Parameter`'s variants).
#[derive(Default)]
struct Placement<'a> {
    style: Option<&'a str>,
    allow_reserved: bool,
    allow_empty_value: Option<bool>,
}

fn parameter(map: &Map<String, Value>) -> Option<Parameter> {
    // The tag of the internally tagged enum.
    let location = map.get("in")?.as_str()?;
    let is_query = location == "query";
    let mut placement = Placement::default();
    let mut name = None;
    let mut format = None;
    // `format` is filled in last (it is required).
    let empty = ParameterSchemaOrContent::Content(Default::default());
    let mut data = ParameterData {
        name: String::new(),
        description: None,
        required: false,
        deprecated: None,
        format: empty,
        example: None,
        examples: Default::default(),
        explode: None,
        extensions: Default::default(),
    };
    for (key, v) in map {
        match key.as_str() {
            "in" => {}
            "style" => placement.style = Some(v.as_str()?),
            "allowReserved" if is_query => placement.allow_reserved = v.as_bool()?,
            "allowEmptyValue" if is_query => placement.allow_empty_value = opt(v, Value::as_bool)?,
            "name" => name = Some(string(v)?),
            "description" => data.description = opt(v, string)?,
            "required" => data.required = v.as_bool()?,
            "deprecated" => data.deprecated = opt(v, Value::as_bool)?,
            "example" => data.example = any(v)?,
            "examples" => data.examples = map_of(v, |v| ref_or(v, example))?,
            "explode" => data.explode = opt(v, Value::as_bool)?,
            // The flattened enum takes the first of them; the other is not read.
            "schema" if format.is_none() => format = Some(ParameterSchemaOrContent::Schema(schema_or_ref(v)?)),
            "content" if format.is_none() => format = Some(ParameterSchemaOrContent::Content(map_of(v, media_type)?)),
            "schema" | "content" => {}
            _ if is_extension(key) => {
                data.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    data.name = name?;
    data.format = format?;
    let parameter_data = data;
    let style = placement.style;
    Some(match location {
        "query" => Parameter::Query {
            parameter_data,
            allow_reserved: placement.allow_reserved,
            style: match style {
                None | Some("form") => QueryStyle::Form,
                Some("spaceDelimited") => QueryStyle::SpaceDelimited,
                Some("pipeDelimited") => QueryStyle::PipeDelimited,
                Some("deepObject") => QueryStyle::DeepObject,
                Some(_) => return None,
            },
            allow_empty_value: placement.allow_empty_value,
        },
        "header" => Parameter::Header {
            parameter_data,
            style: match style {
                None | Some("simple") => HeaderStyle::Simple,
                Some(_) => return None,
            },
        },
        "path" => Parameter::Path {
            parameter_data,
            style: match style {
                None | Some("simple") => PathStyle::Simple,
                Some("matrix") => PathStyle::Matrix,
                Some("label") => PathStyle::Label,
                Some(_) => return None,
            },
        },
        "cookie" => Parameter::Cookie {
            parameter_data,
            style: match style {
                None | Some("form") => CookieStyle::Form,
                Some(_) => return None,
            },
        },
        _ => return None,
    })
}

fn example(map: &Map<String, Value>) -> Option<Example> {
    let mut out = Example::default();
    for (key, v) in map {
        match key.as_str() {
            "summary" => out.summary = opt(v, string)?,
            "description" => out.description = opt(v, string)?,
            "value" => out.value = any(v)?,
            "externalValue" => out.external_value = opt(v, string)?,
            _ if is_extension(key) => {
                out.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    Some(out)
}

fn request_body(map: &Map<String, Value>) -> Option<RequestBody> {
    let mut out = RequestBody::default();
    for (key, v) in map {
        match key.as_str() {
            "description" => out.description = opt(v, string)?,
            "content" => out.content = map_of(v, media_type)?,
            "required" => out.required = v.as_bool()?,
            _ if is_extension(key) => {
                out.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    Some(out)
}

fn responses(value: &Value) -> Option<Responses> {
    let mut out = Responses::default();
    for (key, v) in value.as_object()? {
        if key == "default" {
            out.default = opt(v, |v| ref_or(v, response))?;
            continue;
        }
        // Its keys are those that read as a status code (`200`, `4XX`); as in openapiv3, a
        // later key that reads as the same code replaces the value in the earlier's place.
        if let Ok(code) = StatusCode::deserialize(StrDeserializer::<PlainError>::new(key)) {
            out.responses.insert(code, ref_or(v, response)?);
        }
        if is_extension(key) {
            out.extensions.insert(key.clone(), v.clone());
        }
    }
    Some(out)
}

fn response(map: &Map<String, Value>) -> Option<Response> {
    let mut out = Response::default();
    let mut description = None;
    for (key, v) in map {
        match key.as_str() {
            "description" => description = Some(string(v)?),
            "headers" => out.headers = map_of(v, ref_or_serde)?,
            "content" => out.content = map_of(v, media_type)?,
            "links" => out.links = serde(v)?,
            _ if is_extension(key) => {
                out.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    // A required field.
    out.description = description?;
    Some(out)
}

fn media_type(value: &Value) -> Option<MediaType> {
    let mut out = MediaType::default();
    for (key, v) in value.as_object()? {
        match key.as_str() {
            "schema" => out.schema = opt(v, schema_or_ref)?,
            "example" => out.example = any(v)?,
            "examples" => out.examples = map_of(v, |v| ref_or(v, example))?,
            "encoding" => out.encoding = serde(v)?,
            _ if is_extension(key) => {
                out.extensions.insert(key.clone(), v.clone());
            }
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
#[path = "fast_path_item_tests.rs"]
mod tests;
