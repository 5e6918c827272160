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
