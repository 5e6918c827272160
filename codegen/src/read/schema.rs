//! JSON Schema (Swagger 2.0 and OpenAPI 3.x dialects) into [`crate::model::Schema`].
//!
//! Every dialect arrives here as `openapiv3` structs (2.0 and 3.1 were lowered to the 3.0 shape
//! before), so this one converter serves all three. References to `components/schemas` stay
//! references ([`SchemaKind::Ref`]); references below a component are followed inline; a
//! reference to nothing is reported and read as any value.

use super::context::{Ctx, NULL_ONLY};
use super::pointer::{child, component_name, local_pointer};
use crate::model::{Schema, SchemaKind};
use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, SchemaData, Type, VariantOrUnknownOrEmpty};
use serde_json::Value;

const SCHEMAS: &str = "/components/schemas";

/// Converts the schema (or reference) at `pointer` of the converted document.
pub(crate) fn read(cx: &mut Ctx, schema: &ReferenceOr<openapiv3::Schema>, pointer: &str) -> Schema {
    match schema {
        ReferenceOr::Reference { reference } => read_ref(cx, reference, pointer),
        ReferenceOr::Item(s) => read_item(cx, &mut s.clone(), pointer),
    }
}

/// [`read`] of a schema the caller is done with: its texts, values and property names are
/// moved into the model instead of copied (on GitHub's component schemas, most of the
/// converter's allocations and copies).
pub(crate) fn read_owned(cx: &mut Ctx, mut schema: ReferenceOr<openapiv3::Schema>, pointer: &str) -> Schema {
    read_taking(cx, &mut schema, pointer)
}

/// The converters below take what they keep out of the typed schema, leaving it emptied.
fn read_taking(cx: &mut Ctx, schema: &mut ReferenceOr<openapiv3::Schema>, pointer: &str) -> Schema {
    match schema {
        ReferenceOr::Reference { reference } => read_ref(cx, reference, pointer),
        ReferenceOr::Item(s) => read_item(cx, s, pointer),
    }
}

fn read_boxed(cx: &mut Ctx, schema: &mut ReferenceOr<Box<openapiv3::Schema>>, pointer: &str) -> Schema {
    match schema {
        ReferenceOr::Reference { reference } => read_ref(cx, reference, pointer),
        ReferenceOr::Item(s) => read_item(cx, s, pointer),
    }
}

fn read_ref(cx: &mut Ctx, reference: &str, pointer: &str) -> Schema {
    let origin = cx.origin(pointer);
    let any = |origin| Schema { kind: SchemaKind::Any, origin, ..Schema::default() };
    let Some(target) = local_pointer(reference) else {
        cx.warn(pointer, format!("`$ref: {reference}` points into another document, which is not read; read as any value"));
        return any(origin);
    };
    if let Some(name) = component_name(&target, SCHEMAS) {
        let exists = cx.kept.has_schema(&name);
        if exists {
            return Schema { kind: SchemaKind::Ref(name), origin, ..Schema::default() };
        }
        cx.warn(pointer, format!("`$ref: {reference}` points to nothing; read as any value"));
        return any(origin);
    }
    // A reference below a component (`.../Pet/properties/id`) or elsewhere: read it in place.
    if cx.ref_stack.iter().any(|r| r == &target) {
        cx.warn(pointer, format!("`$ref: {reference}` refers to itself; read as any value"));
        return any(origin);
    }
    let parsed = cx.kept.target(&target).map(|v| serde_json::from_value::<ReferenceOr<openapiv3::Schema>>(v.clone()));
    match parsed {
        Some(Ok(mut schema)) => {
            cx.ref_stack.push(target.clone());
            let out = read_taking(cx, &mut schema, &target);
            cx.ref_stack.pop();
            out
        }
        Some(Err(e)) => {
            cx.warn(pointer, format!("`$ref: {reference}` does not point to a schema ({e}); read as any value"));
            any(origin)
        }
        None => {
            cx.warn(pointer, format!("`$ref: {reference}` points to nothing; read as any value"));
            any(origin)
        }
    }
}

fn read_item(cx: &mut Ctx, s: &mut openapiv3::Schema, pointer: &str) -> Schema {
    let data = &mut s.schema_data;
    let mut out = base(cx, data, pointer);
    match &mut s.schema_kind {
        openapiv3::SchemaKind::Type(t) => read_type(cx, t, pointer, &mut out),
        openapiv3::SchemaKind::OneOf { one_of } => out.kind = SchemaKind::OneOf(list(cx, one_of, &child(pointer, "oneOf"))),
        openapiv3::SchemaKind::AnyOf { any_of } => out.kind = SchemaKind::OneOf(list(cx, any_of, &child(pointer, "anyOf"))),
        openapiv3::SchemaKind::AllOf { all_of } => out.kind = SchemaKind::AllOf(list(cx, all_of, &child(pointer, "allOf"))),
        openapiv3::SchemaKind::Not { .. } => {
            cx.warn(pointer, "`not` cannot be expressed in the model; the schema is read as any value");
        }
        openapiv3::SchemaKind::Any(any) => read_any(cx, any, pointer, &mut out),
    }
    if data.extensions.get(NULL_ONLY) == Some(&Value::Bool(true)) {
        out.kind = SchemaKind::Null;
        out.nullable = true;
    }
    simplify(out)
}

fn base(cx: &mut Ctx, data: &mut SchemaData, pointer: &str) -> Schema {
    if data.discriminator.is_some() {
        cx.warn(&child(pointer, "discriminator"), "`discriminator` is not kept; the variants are told apart by their shape");
    }
    Schema {
        kind: SchemaKind::Any,
        nullable: data.nullable,
        title: data.title.take(),
        description: data.description.take(),
        format: None,
        enum_values: Vec::new(),
        default: data.default.take(),
        example: data.example.take(),
        read_only: data.read_only,
        write_only: data.write_only,
        deprecated: data.deprecated,
        origin: cx.origin(pointer),
    }
}

fn list(cx: &mut Ctx, items: &mut [ReferenceOr<openapiv3::Schema>], pointer: &str) -> Vec<Schema> {
    items.iter_mut().enumerate().map(|(i, s)| read_taking(cx, s, &child(pointer, i))).collect()
}

fn format_of<T: std::fmt::Debug>(f: &mut VariantOrUnknownOrEmpty<T>, name: impl Fn(&T) -> &'static str) -> Option<String> {
    match f {
        VariantOrUnknownOrEmpty::Item(t) => Some(name(t).to_string()),
        VariantOrUnknownOrEmpty::Unknown(s) => Some(std::mem::take(s)),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

/// Declared enum values; a `null` among them means the schema is nullable.
fn enum_values<T>(values: Vec<Option<T>>, to_value: impl Fn(T) -> Option<Value>, out: &mut Schema) {
    for v in values {
        match v {
            Some(v) => {
                if let Some(v) = to_value(v) {
                    out.enum_values.push(v);
                }
            }
            None => out.nullable = true,
        }
    }
}

fn read_type(cx: &mut Ctx, t: &mut Type, pointer: &str, out: &mut Schema) {
    match t {
        Type::String(s) => {
            out.kind = SchemaKind::String;
            out.format = format_of(&mut s.format, |f| match f {
                openapiv3::StringFormat::Date => "date",
                openapiv3::StringFormat::DateTime => "date-time",
                openapiv3::StringFormat::Password => "password",
                openapiv3::StringFormat::Byte => "byte",
                openapiv3::StringFormat::Binary => "binary",
            });
            enum_values(std::mem::take(&mut s.enumeration), |v| Some(Value::String(v)), out);
        }
        Type::Number(n) => {
            out.kind = SchemaKind::Number;
            out.format = format_of(&mut n.format, |f| match f {
                openapiv3::NumberFormat::Float => "float",
                openapiv3::NumberFormat::Double => "double",
            });
            enum_values(std::mem::take(&mut n.enumeration), |v| serde_json::Number::from_f64(v).map(Value::Number), out);
        }
        Type::Integer(n) => {
            out.kind = SchemaKind::Integer;
            out.format = format_of(&mut n.format, |f| match f {
                openapiv3::IntegerFormat::Int32 => "int32",
                openapiv3::IntegerFormat::Int64 => "int64",
            });
            enum_values(std::mem::take(&mut n.enumeration), |v| Some(Value::from(v)), out);
        }
        Type::Boolean(b) => {
            out.kind = SchemaKind::Boolean;
            enum_values(std::mem::take(&mut b.enumeration), |v| Some(Value::Bool(v)), out);
        }
        Type::Object(o) => {
            out.kind = object(cx, &mut o.properties, &mut o.required, o.additional_properties.as_mut(), pointer);
        }
        Type::Array(a) => {
            let items = match &mut a.items {
                Some(items) => read_boxed(cx, items, &child(pointer, "items")),
                None => Schema { origin: cx.origin(pointer), ..Schema::default() },
            };
            out.kind = SchemaKind::Array(Box::new(items));
        }
    }
}

/// `properties` is openapiv3's `IndexMap` (not a dependency of this crate, so named by what it does).
fn object<P: Default + IntoIterator<Item = (String, ReferenceOr<Box<openapiv3::Schema>>)>>(
    cx: &mut Ctx,
    properties: &mut P,
    required: &mut Vec<String>,
    additional: Option<&mut AdditionalProperties>,
    pointer: &str,
) -> SchemaKind {
    let base = child(pointer, "properties");
    let properties = std::mem::take(properties)
        .into_iter()
        .map(|(name, mut s)| {
            let read = read_boxed(cx, &mut s, &child(&base, &name));
            (name, read)
        })
        .collect();
    let additional = match additional {
        Some(AdditionalProperties::Schema(s)) => Some(Box::new(read_taking(cx, s, &child(pointer, "additionalProperties")))),
        Some(AdditionalProperties::Any(_)) | None => None,
    };
    SchemaKind::Object { properties, required: std::mem::take(required), additional }
}

/// `openapiv3` keeps a schema it has no struct for (a `type` next to `oneOf`, a string with a
/// `minimum`) as an [`AnySchema`]; read it keyword by keyword.
fn read_any(cx: &mut Ctx, any: &mut AnySchema, pointer: &str, out: &mut Schema) {
    out.format = any.format.take();
    for v in std::mem::take(&mut any.enumeration) {
        if v.is_null() {
            out.nullable = true;
        } else {
            out.enum_values.push(v);
        }
    }
    let own = match any.typ.as_deref() {
        Some("string") => SchemaKind::String,
        Some("integer") => SchemaKind::Integer,
        Some("number") => SchemaKind::Number,
        Some("boolean") => SchemaKind::Boolean,
        Some("null") => SchemaKind::Null,
        Some("object") => object(cx, &mut any.properties, &mut any.required, any.additional_properties.as_mut(), pointer),
        Some("array") => {
            let items = match &mut any.items {
                Some(items) => read_boxed(cx, items, &child(pointer, "items")),
                None => Schema { origin: cx.origin(pointer), ..Schema::default() },
            };
            SchemaKind::Array(Box::new(items))
        }
        Some(other) => {
            cx.warn(&child(pointer, "type"), format!("`type: {other}` is not a JSON Schema type; read as any value"));
            SchemaKind::Any
        }
        None if !any.properties.is_empty() || any.additional_properties.is_some() => {
            object(cx, &mut any.properties, &mut any.required, any.additional_properties.as_mut(), pointer)
        }
        None if any.items.is_some() => {
            let items = match &mut any.items {
                Some(items) => read_boxed(cx, items, &child(pointer, "items")),
                None => Schema::default(),
            };
            SchemaKind::Array(Box::new(items))
        }
        // `enum`/`const` without a `type`: the values say it.
        None => kind_of_values(&out.enum_values),
    };
    if any.not.is_some() {
        cx.warn(&child(pointer, "not"), "`not` cannot be expressed in the model; it is ignored");
    }
    let mut parts = Vec::new();
    let own_is_any = own == SchemaKind::Any;
    if !own_is_any {
        parts.push(Schema { kind: own.clone(), origin: cx.origin(pointer), ..Schema::default() });
    }
    let mut alternatives = Vec::new();
    if !any.one_of.is_empty() {
        alternatives.push(SchemaKind::OneOf(list(cx, &mut any.one_of, &child(pointer, "oneOf"))));
    }
    if !any.any_of.is_empty() {
        alternatives.push(SchemaKind::OneOf(list(cx, &mut any.any_of, &child(pointer, "anyOf"))));
    }
    let all_of = list(cx, &mut any.all_of, &child(pointer, "allOf"));
    if alternatives.is_empty() && all_of.is_empty() {
        out.kind = own;
        return;
    }
    if own_is_any && all_of.is_empty() && alternatives.len() == 1 {
        if let Some(kind) = alternatives.pop() {
            out.kind = kind;
        }
        return;
    }
    for kind in alternatives {
        parts.push(Schema { kind, origin: cx.origin(pointer), ..Schema::default() });
    }
    parts.extend(all_of);
    out.kind = SchemaKind::AllOf(parts);
}

/// The kind every value shares, or [`SchemaKind::Any`].
fn kind_of_values(values: &[Value]) -> SchemaKind {
    let kind = |v: &Value| match v {
        Value::String(_) => SchemaKind::String,
        Value::Bool(_) => SchemaKind::Boolean,
        Value::Number(n) if n.is_i64() || n.is_u64() => SchemaKind::Integer,
        Value::Number(_) => SchemaKind::Number,
        _ => SchemaKind::Any,
    };
    let mut kinds = values.iter().map(kind);
    let Some(first) = kinds.next() else { return SchemaKind::Any };
    let mut widened = first;
    for k in kinds {
        widened = match (widened, k) {
            (a, b) if a == b => a,
            (SchemaKind::Integer, SchemaKind::Number) | (SchemaKind::Number, SchemaKind::Integer) => SchemaKind::Number,
            _ => return SchemaKind::Any,
        };
    }
    widened
}

/// Tidies compositions: `null` among `oneOf` variants means nullable, and a composition of one
/// part is that part (`allOf: [$ref]` is how 3.0 documents hang a description or `nullable` on a
/// reference).
fn simplify(mut s: Schema) -> Schema {
    if let SchemaKind::OneOf(variants) = &mut s.kind {
        let before = variants.len();
        variants.retain(|v| v.kind != SchemaKind::Null);
        if variants.len() != before {
            s.nullable = true;
        }
        if variants.is_empty() && before > 0 {
            s.kind = SchemaKind::Null;
        }
    }
    let single = match &mut s.kind {
        SchemaKind::OneOf(parts) | SchemaKind::AllOf(parts) if parts.len() == 1 => parts.pop(),
        _ => None,
    };
    match single {
        Some(inner) => merge_outer(s, inner),
        None => s,
    }
}

/// `inner` with what `outer` says on top of it.
fn merge_outer(outer: Schema, inner: Schema) -> Schema {
    Schema {
        kind: inner.kind,
        nullable: outer.nullable || inner.nullable,
        title: outer.title.or(inner.title),
        description: outer.description.or(inner.description),
        format: outer.format.or(inner.format),
        enum_values: if outer.enum_values.is_empty() { inner.enum_values } else { outer.enum_values },
        default: outer.default.or(inner.default),
        example: outer.example.or(inner.example),
        read_only: outer.read_only || inner.read_only,
        write_only: outer.write_only || inner.write_only,
        deprecated: outer.deprecated || inner.deprecated,
        origin: outer.origin,
    }
}
