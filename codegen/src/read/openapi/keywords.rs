//! The schema keywords whose values have a required kind (`minLength` a whole number,
//! `enum` a list, ...): a value of another kind is dropped with a warning.

use serde_json::{Map, Value};

/// What a keyword's value must be, else it is dropped with a warning.
#[derive(Clone, Copy)]
enum Kind {
    Bool,
    Number,
    WholeNumber,
    Text,
    List,
    Object,
    Schema,
    BoolOrSchema,
    Names,
}

impl Kind {
    fn accepts(self, v: &Value) -> bool {
        match self {
            Kind::Bool => v.is_boolean(),
            Kind::Number => v.is_number(),
            Kind::WholeNumber => v.is_u64(),
            Kind::Text => v.is_string(),
            Kind::List | Kind::Names => v.is_array(),
            Kind::Object => v.is_object(),
            Kind::Schema | Kind::BoolOrSchema => v.is_object() || v.is_boolean(),
        }
    }

    fn what(self) -> &'static str {
        match self {
            Kind::Bool => "a boolean",
            Kind::Number => "a number",
            Kind::WholeNumber => "a whole number",
            Kind::Text => "a string",
            Kind::List => "a list",
            Kind::Object => "an object",
            Kind::Schema => "a schema",
            Kind::BoolOrSchema => "a boolean or a schema",
            Kind::Names => "a list of property names",
        }
    }
}

/// The keywords whose values are checked, in the order their warnings are given.
const TYPED_KEYWORDS: [(&str, Kind); 28] = [
    ("nullable", Kind::Bool),
    ("readOnly", Kind::Bool),
    ("writeOnly", Kind::Bool),
    ("deprecated", Kind::Bool),
    ("uniqueItems", Kind::Bool),
    ("exclusiveMinimum", Kind::Bool),
    ("exclusiveMaximum", Kind::Bool),
    ("minimum", Kind::Number),
    ("maximum", Kind::Number),
    ("multipleOf", Kind::Number),
    ("minLength", Kind::WholeNumber),
    ("maxLength", Kind::WholeNumber),
    ("minItems", Kind::WholeNumber),
    ("maxItems", Kind::WholeNumber),
    ("minProperties", Kind::WholeNumber),
    ("maxProperties", Kind::WholeNumber),
    ("format", Kind::Text),
    ("pattern", Kind::Text),
    ("title", Kind::Text),
    ("description", Kind::Text),
    ("enum", Kind::List),
    ("allOf", Kind::List),
    ("oneOf", Kind::List),
    ("anyOf", Kind::List),
    ("properties", Kind::Object),
    ("not", Kind::Schema),
    ("additionalProperties", Kind::BoolOrSchema),
    ("required", Kind::Names),
];

/// The checked keywords whose values are of the wrong kind, with what they must be, in the
/// table's order. One pass over the schema's own keys (most schemas have a handful) instead of
/// a lookup per keyword: this runs on every schema of a document.
pub(super) fn ill_typed(map: &Map<String, Value>) -> Vec<(&'static str, &'static str)> {
    let mut found: Vec<usize> = map
        .iter()
        .filter_map(|(k, v)| {
            let i = TYPED_KEYWORDS.iter().position(|(key, _)| key == k)?;
            (!TYPED_KEYWORDS[i].1.accepts(v)).then_some(i)
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|i| (TYPED_KEYWORDS[i].0, TYPED_KEYWORDS[i].1.what())).collect()
}

/// Which of the keywords lowering acts on a schema holds, one bit each ([`bit`]): one pass
/// over its keys (most schemas have a handful) instead of a hashed lookup per keyword, of
/// which there were two dozen per schema, on every schema of a document.
pub(super) fn present(map: &Map<String, Value>, foreign: &[&str]) -> u32 {
    map.keys().fold(0, |acc, k| {
        acc | match k.as_str() {
            "$ref" => bit::REF,
            "type" => bit::TYPE,
            "externalDocs" | "xml" | "$schema" | "$comment" => bit::UNREAD,
            "$defs" | "definitions" => bit::DEFS,
            "x-nullable" => bit::X_NULLABLE,
            "const" => bit::CONST,
            "examples" => bit::EXAMPLES,
            "exclusiveMinimum" | "exclusiveMaximum" => bit::EXCLUSIVE,
            "contentEncoding" | "contentMediaType" | "contentSchema" => bit::CONTENT,
            "required" => bit::REQUIRED,
            "discriminator" => bit::DISCRIMINATOR,
            "items" => bit::ITEMS,
            "properties" => bit::PROPERTIES,
            "not" | "additionalProperties" | "allOf" | "oneOf" | "anyOf" => bit::CHILDREN,
            k if foreign.contains(&k) => bit::FOREIGN,
            _ => 0,
        }
    })
}

/// The bits of [`present`].
pub(super) mod bit {
    pub const REF: u32 = 1;
    pub const TYPE: u32 = 1 << 1;
    pub const UNREAD: u32 = 1 << 2;
    pub const DEFS: u32 = 1 << 3;
    pub const X_NULLABLE: u32 = 1 << 4;
    pub const CONST: u32 = 1 << 5;
    pub const EXAMPLES: u32 = 1 << 6;
    pub const EXCLUSIVE: u32 = 1 << 7;
    pub const CONTENT: u32 = 1 << 8;
    pub const REQUIRED: u32 = 1 << 9;
    pub const DISCRIMINATOR: u32 = 1 << 10;
    pub const ITEMS: u32 = 1 << 11;
    pub const PROPERTIES: u32 = 1 << 12;
    /// `not`, `additionalProperties`, `allOf`, `oneOf`, `anyOf`.
    pub const CHILDREN: u32 = 1 << 13;
    pub const FOREIGN: u32 = 1 << 14;
}
