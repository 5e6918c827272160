//! openapiv3's `Schema` built straight from a JSON value, for the schemas whose every keyword
//! has the plain JSON type it should have.
//!
//! openapiv3 parses a schema through untagged enums and flattened fields: serde copies each
//! nested schema into its buffer again at every level (the typed parse was 460 M instructions
//! on GitHub's description). This builds the same `Schema` by reading the value once. It
//! decides as openapiv3's `SchemaKind::deserialize` does, arm by arm; on anything it does not
//! take as plain (a keyword of an unexpected type, a `$ref` that is no string, a schema that is
//! no object), it answers `None` and the caller parses with openapiv3, whose result and messages
//! thus stay the only ones for unusual input. `tests/fast_schema.rs` holds the two equal.

use openapiv3::{AdditionalProperties, AnySchema, ArrayType, BooleanType, Discriminator, ExternalDocumentation};
use openapiv3::{IntegerType, NumberType, ObjectType, ReferenceOr, Schema, SchemaData, SchemaKind, StringType, Type};
use serde::Deserialize;
use serde_json::{Map, Number, Value};

/// A component schema or a reference, as `ReferenceOr::<Schema>::deserialize` gives it, or
/// `None`: leave it to openapiv3.
pub fn schema_or_ref(value: &Value) -> Option<ReferenceOr<Schema>> {
    match reference(value)? {
        Some(reference) => Some(ReferenceOr::Reference { reference }),
        None => schema(value).map(ReferenceOr::Item),
    }
}

fn boxed_or_ref(value: &Value) -> Option<ReferenceOr<Box<Schema>>> {
    match reference(value)? {
        Some(reference) => Some(ReferenceOr::Reference { reference }),
        None => schema(value).map(|s| ReferenceOr::Item(Box::new(s))),
    }
}

/// `Some(Some(target))` for a reference (an object with a string `$ref`, whatever else it
/// holds), `Some(None)` for an object without `$ref`, `None` for anything else.
fn reference(value: &Value) -> Option<Option<String>> {
    match ref_member(value.as_object()?) {
        None => Some(None),
        Some(Value::String(target)) => Some(Some(target.clone())),
        Some(_) => None,
    }
}

/// The `$ref` member of `map`. Most nodes have a few members, and comparing each key is cheaper
/// than hashing the one looked up (a lookup per schema and per path item piece: 4 ms of 60 of
/// the typed parse on GitHub's description).
pub(super) fn ref_member(map: &Map<String, Value>) -> Option<&Value> {
    if map.len() <= 8 {
        map.iter().find_map(|(k, v)| (k == "$ref").then_some(v))
    } else {
        map.get("$ref")
    }
}

fn schema(value: &Value) -> Option<Schema> {
    let map = value.as_object()?;
    Some(Schema { schema_data: data(map)?, schema_kind: kind(map)? })
}

/// A keyword whose value may be `null` (then absent, as serde reads an `Option`), or else
/// must be what `read` takes.
pub(super) fn opt<T>(value: &Value, read: impl FnOnce(&Value) -> Option<T>) -> Option<Option<T>> {
    if value.is_null() {
        Some(None)
    } else {
        read(value).map(Some)
    }
}

pub(super) fn string(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

fn size(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

fn data(map: &Map<String, Value>) -> Option<SchemaData> {
    let mut data = SchemaData::default();
    for (key, value) in map {
        match key.as_str() {
            "nullable" => data.nullable = value.as_bool()?,
            "readOnly" => data.read_only = value.as_bool()?,
            "writeOnly" => data.write_only = value.as_bool()?,
            "deprecated" => data.deprecated = value.as_bool()?,
            "externalDocs" => data.external_docs = opt(value, |v| ExternalDocumentation::deserialize(v).ok())?,
            "example" => data.example = opt(value, |v| Some(v.clone()))?,
            "title" => data.title = opt(value, string)?,
            "description" => data.description = opt(value, string)?,
            "discriminator" => data.discriminator = opt(value, |v| Discriminator::deserialize(v).ok())?,
            "default" => data.default = opt(value, |v| Some(v.clone()))?,
            _ if key.starts_with("x-") => {
                data.extensions.insert(key.clone(), value.clone());
            }
            _ => {}
        }
    }
    Some(data)
}

/// The keywords `SchemaKind::deserialize` reads (its `RawAnySchema`).
#[derive(Default)]
struct Raw {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    properties: Option<Vec<(String, ReferenceOr<Box<Schema>>)>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<Value>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

fn schemas(value: &Value) -> Option<Vec<ReferenceOr<Schema>>> {
    value.as_array()?.iter().map(schema_or_ref).collect()
}

fn raw(map: &Map<String, Value>) -> Option<Raw> {
    let mut raw = Raw::default();
    for (key, v) in map {
        match key.as_str() {
            "type" => raw.typ = opt(v, string)?,
            "pattern" => raw.pattern = opt(v, string)?,
            "multipleOf" => raw.multiple_of = opt(v, |v| v.as_number().cloned())?,
            "exclusiveMinimum" => raw.exclusive_minimum = opt(v, Value::as_bool)?,
            "exclusiveMaximum" => raw.exclusive_maximum = opt(v, Value::as_bool)?,
            "minimum" => raw.minimum = opt(v, |v| v.as_number().cloned())?,
            "maximum" => raw.maximum = opt(v, |v| v.as_number().cloned())?,
            "properties" => {
                raw.properties = opt(v, |v| v.as_object()?.iter().map(|(k, s)| Some((k.clone(), boxed_or_ref(s)?))).collect())?
            }
            "required" => raw.required = opt(v, |v| v.as_array()?.iter().map(string).collect())?,
            "additionalProperties" => {
                raw.additional_properties = opt(v, |v| match v {
                    Value::Bool(b) => Some(AdditionalProperties::Any(*b)),
                    _ => schema_or_ref(v).map(|s| AdditionalProperties::Schema(Box::new(s))),
                })?
            }
            "minProperties" => raw.min_properties = opt(v, size)?,
            "maxProperties" => raw.max_properties = opt(v, size)?,
            "items" => raw.items = opt(v, boxed_or_ref)?,
            "minItems" => raw.min_items = opt(v, size)?,
            "maxItems" => raw.max_items = opt(v, size)?,
            "uniqueItems" => raw.unique_items = opt(v, Value::as_bool)?,
            "enum" => raw.enumeration = opt(v, |v| v.as_array().cloned())?,
            "format" => raw.format = opt(v, string)?,
            "minLength" => raw.min_length = opt(v, size)?,
            "maxLength" => raw.max_length = opt(v, size)?,
            "oneOf" => raw.one_of = opt(v, schemas)?,
            "allOf" => raw.all_of = opt(v, schemas)?,
            "anyOf" => raw.any_of = opt(v, schemas)?,
            "not" => raw.not = opt(v, |v| schema_or_ref(v).map(Box::new))?,
            _ => {}
        }
    }
    Some(raw)
}

// The keywords each arm of `SchemaKind::deserialize` allows (all others must be absent).
const TYPE: u32 = 1;
const PATTERN: u32 = 1 << 1;
const MULTIPLE_OF: u32 = 1 << 2;
const EXCLUSIVE_MIN: u32 = 1 << 3;
const EXCLUSIVE_MAX: u32 = 1 << 4;
const MINIMUM: u32 = 1 << 5;
const MAXIMUM: u32 = 1 << 6;
const PROPERTIES: u32 = 1 << 7;
const REQUIRED: u32 = 1 << 8;
const ADDITIONAL: u32 = 1 << 9;
const MIN_PROPERTIES: u32 = 1 << 10;
const MAX_PROPERTIES: u32 = 1 << 11;
const ITEMS: u32 = 1 << 12;
const MIN_ITEMS: u32 = 1 << 13;
const MAX_ITEMS: u32 = 1 << 14;
const UNIQUE: u32 = 1 << 15;
const ENUM: u32 = 1 << 16;
const FORMAT: u32 = 1 << 17;
const MIN_LENGTH: u32 = 1 << 18;
const MAX_LENGTH: u32 = 1 << 19;
const ONE_OF: u32 = 1 << 20;
const ALL_OF: u32 = 1 << 21;
const ANY_OF: u32 = 1 << 22;
const NOT: u32 = 1 << 23;
const NUMERIC: u32 = TYPE | MULTIPLE_OF | EXCLUSIVE_MIN | EXCLUSIVE_MAX | MINIMUM | MAXIMUM | ENUM | FORMAT;

impl Raw {
    fn present(&self) -> u32 {
        let flags = [
            self.typ.is_some(),
            self.pattern.is_some(),
            self.multiple_of.is_some(),
            self.exclusive_minimum.is_some(),
            self.exclusive_maximum.is_some(),
            self.minimum.is_some(),
            self.maximum.is_some(),
            self.properties.is_some(),
            self.required.is_some(),
            self.additional_properties.is_some(),
            self.min_properties.is_some(),
            self.max_properties.is_some(),
            self.items.is_some(),
            self.min_items.is_some(),
            self.max_items.is_some(),
            self.unique_items.is_some(),
            self.enumeration.is_some(),
            self.format.is_some(),
            self.min_length.is_some(),
            self.max_length.is_some(),
            self.one_of.is_some(),
            self.all_of.is_some(),
            self.any_of.is_some(),
            self.not.is_some(),
        ];
        flags.iter().enumerate().filter(|(_, &on)| on).fold(0, |bits, (i, _)| bits | 1 << i)
    }

    fn enum_all(&self, check: fn(&Value) -> bool) -> bool {
        self.enumeration.iter().flatten().all(|v| v.is_null() || check(v))
    }
}

/// Each enum value, `null` as `None`; the arm has checked that `convert` takes the others.
fn enum_values<T>(values: Option<Vec<Value>>, convert: fn(&Value) -> Option<T>) -> Option<Vec<Option<T>>> {
    values.unwrap_or_default().iter().map(|v| if v.is_null() { Some(None) } else { convert(v).map(Some) }).collect()
}

fn is_int(n: &Option<Number>) -> bool {
    n.as_ref().is_none_or(Number::is_i64)
}

fn f64_of(n: Option<Number>) -> Option<f64> {
    n.and_then(|n| n.as_f64())
}

fn i64_of(n: Option<Number>) -> Option<i64> {
    n.and_then(|n| n.as_i64())
}

/// `SchemaKind::deserialize`'s arms, in its order.
fn kind(map: &Map<String, Value>) -> Option<SchemaKind> {
    let raw = raw(map)?;
    let present = raw.present();
    let fits = |allowed: u32| present & !allowed == 0;
    let typ = raw.typ.as_deref();
    let kind = match typ {
        Some("string") if fits(TYPE | PATTERN | ENUM | FORMAT | MIN_LENGTH | MAX_LENGTH) && raw.enum_all(Value::is_string) => {
            SchemaKind::Type(Type::String(StringType {
                format: raw.format.into(),
                pattern: raw.pattern,
                enumeration: enum_values(raw.enumeration, string)?,
                min_length: raw.min_length,
                max_length: raw.max_length,
            }))
        }
        Some("number") if fits(NUMERIC) && raw.enum_all(Value::is_number) => SchemaKind::Type(Type::Number(NumberType {
            format: raw.format.into(),
            multiple_of: f64_of(raw.multiple_of),
            exclusive_minimum: raw.exclusive_minimum.unwrap_or_default(),
            exclusive_maximum: raw.exclusive_maximum.unwrap_or_default(),
            minimum: f64_of(raw.minimum),
            maximum: f64_of(raw.maximum),
            enumeration: enum_values(raw.enumeration, Value::as_f64)?,
        })),
        Some("integer")
            if fits(NUMERIC) && raw.enum_all(Value::is_i64) && is_int(&raw.multiple_of) && is_int(&raw.minimum) && is_int(&raw.maximum) =>
        {
            SchemaKind::Type(Type::Integer(IntegerType {
                format: raw.format.into(),
                multiple_of: i64_of(raw.multiple_of),
                exclusive_minimum: raw.exclusive_minimum.unwrap_or_default(),
                exclusive_maximum: raw.exclusive_maximum.unwrap_or_default(),
                minimum: i64_of(raw.minimum),
                maximum: i64_of(raw.maximum),
                enumeration: enum_values(raw.enumeration, Value::as_i64)?,
            }))
        }
        Some("boolean") if fits(TYPE | ENUM) && raw.enum_all(Value::is_boolean) => {
            SchemaKind::Type(Type::Boolean(BooleanType { enumeration: enum_values(raw.enumeration, Value::as_bool)? }))
        }
        Some("object") if fits(TYPE | PROPERTIES | REQUIRED | ADDITIONAL | MIN_PROPERTIES | MAX_PROPERTIES) => {
            let mut object = ObjectType::default();
            object.properties.extend(raw.properties.unwrap_or_default());
            object.required = raw.required.unwrap_or_default();
            object.additional_properties = raw.additional_properties;
            object.min_properties = raw.min_properties;
            object.max_properties = raw.max_properties;
            SchemaKind::Type(Type::Object(object))
        }
        Some("array") if fits(TYPE | ITEMS | MIN_ITEMS | MAX_ITEMS | UNIQUE) => SchemaKind::Type(Type::Array(ArrayType {
            items: raw.items,
            min_items: raw.min_items,
            max_items: raw.max_items,
            unique_items: raw.unique_items.unwrap_or_default(),
        })),
        None if present == ONE_OF => SchemaKind::OneOf { one_of: raw.one_of? },
        None if present == ALL_OF => SchemaKind::AllOf { all_of: raw.all_of? },
        None if present == ANY_OF => SchemaKind::AnyOf { any_of: raw.any_of? },
        None if present == NOT => SchemaKind::Not { not: raw.not? },
        _ => SchemaKind::Any(any(raw)),
    };
    Some(kind)
}

fn any(raw: Raw) -> AnySchema {
    let mut any = AnySchema {
        typ: raw.typ,
        pattern: raw.pattern,
        multiple_of: f64_of(raw.multiple_of),
        exclusive_minimum: raw.exclusive_minimum,
        exclusive_maximum: raw.exclusive_maximum,
        minimum: f64_of(raw.minimum),
        maximum: f64_of(raw.maximum),
        required: raw.required.unwrap_or_default(),
        additional_properties: raw.additional_properties,
        min_properties: raw.min_properties,
        max_properties: raw.max_properties,
        items: raw.items,
        min_items: raw.min_items,
        max_items: raw.max_items,
        unique_items: raw.unique_items,
        enumeration: raw.enumeration.unwrap_or_default(),
        format: raw.format,
        min_length: raw.min_length,
        max_length: raw.max_length,
        one_of: raw.one_of.unwrap_or_default(),
        all_of: raw.all_of.unwrap_or_default(),
        any_of: raw.any_of.unwrap_or_default(),
        not: raw.not,
        ..AnySchema::default()
    };
    any.properties.extend(raw.properties.unwrap_or_default());
    any
}

#[cfg(test)]
#[path = "fast_schema_tests.rs"]
pub(super) mod tests;
