//! The runtime's `model!` macro, which writes every generated struct's serde impls, against
//! what serde's derive with `#[serde(flatten)]` did before it: the same output, the same
//! values, the same errors, and unknown fields kept in the order they arrived.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

#[allow(dead_code)]
#[path = "../src/runtime/serde_helpers.rs"]
mod serde_helpers;
// The macros call themselves by their short names, as the crate's modules do.
#[allow(dead_code)]
#[macro_use]
#[path = "../src/runtime/model.rs"]
mod model;
#[allow(dead_code, unused_imports)]
#[macro_use]
#[path = "../src/runtime/wire_enum.rs"]
mod wire_enum;

/// The runtime files the macro needs, where the generated crates have them.
mod runtime {
    pub use super::serde_helpers::*;
    pub(crate) use super::model::{self, model};
}

crate::runtime::model! {
    /// Every kind of field (`id` and `display_name` name none: `Auto`), a renamed one with
    /// an alias and a raw identifier.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Thing {
        /// Docs on a field.
        pub id: i64,
        #[json = "ref"] #[kind = Req] pub r#ref: Option<String>,
        /// Docs, a JSON name and an alias.
        #[json = "displayName"] #[alias = "name"] pub display_name: Option<String>,
        #[kind = Nullable] pub note: Option<Option<String>>,
        #[kind = PresentValue] pub data: Option<Value>,
        #[kind = Lenient] pub count: i64,
        #[kind = LenientSome] pub size: Option<i64>,
        #[kind = LenientDouble] pub level: Option<Option<i64>>,
        #[extra] pub extra: Map<String, Value>,
    }
}

/// The same struct the way the generator wrote it before `model!`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Derived {
    pub id: i64,
    pub r#ref: Option<String>,
    #[serde(rename = "displayName", alias = "name", default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "runtime::nullable")]
    pub note: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "runtime::present_value")]
    pub data: Option<Value>,
    #[serde(deserialize_with = "runtime::lenient")]
    pub count: i64,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "runtime::lenient_some")]
    pub size: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "runtime::lenient_double")]
    pub level: Option<Option<i64>>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

crate::runtime::model! {
    /// All optional (so `Default`), a field named `extra` and the map under another name.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Settings {
        #[kind = Opt] pub extra: Option<i64>,
        #[extra] pub extra_: Map<String, Value>,
    }
    /// No field at all: everything is unknown.
    #[derive(Clone, Debug, PartialEq, Default)]
    pub struct Empty {
        #[extra] pub extra: Map<String, Value>,
    }
    /// Fields named like the macro's own locals and modules, and a keyword.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Names {
        pub map: i64,
        #[kind = Opt] pub key: Option<i64>,
        #[kind = Opt] pub v: Option<i64>,
        #[kind = Opt] pub m: Option<i64>,
        #[kind = Opt] pub keys: Option<i64>,
        #[kind = Opt] pub kinds: Option<i64>,
        #[json = "type"] #[kind = Opt] pub r#type: Option<i64>,
        #[extra] pub extra: Map<String, Value>,
    }
}

/// What each decodes `text` to, re-encoded, or its error.
fn both(text: &str) -> (Result<String, String>, Result<String, String>) {
    let ours = serde_json::from_str::<Thing>(text).map(|t| serde_json::to_string(&t).unwrap()).map_err(|e| e.to_string());
    let derived = serde_json::from_str::<Derived>(text).map(|t| serde_json::to_string(&t).unwrap()).map_err(|e| e.to_string().replace("Derived", "Thing"));
    (ours, derived)
}

const INPUTS: &[&str] = &[
    r#"{"zzz":1,"id":1,"ref":"r","displayName":"d","note":null,"data":null,"count":"2","size":"3","level":null,"aaa":[1,{"b":null}]}"#,
    r#"{"id":1,"count":2}"#,
    r#"{"id":1,"count":2,"ref":null,"note":"n","data":{"x":1},"level":"4","size":5}"#,
    r#"{"count":2}"#,
    r#"{"id":1}"#,
    r#"{"id":1,"count":2,"id":3}"#,
    r#"{"id":1,"count":2,"displayName":"a","name":"b"}"#,
    r#"{"id":1,"count":2,"name":"b","m":1,"m":2}"#,
    r#"{"id":"x","count":2}"#,
    r#"{"id":1,"count":"two"}"#,
    r#"{"id":1,"count":2,"size":null}"#,
    r#"{"id":1,"count":2,"data":1,"data":2}"#,
    r#"{"id":1,"count":2,"dis\u0070layName":"escaped key"}"#,
    r#"[1,"r","d",null,null,2,null,null]"#,
    r#""text""#,
    r#"null"#,
];

#[test]
fn same_output_values_and_errors_as_serde_flatten() {
    for text in INPUTS {
        let (ours, derived) = both(text);
        assert_eq!(ours, derived, "on {text}");
    }
}

#[test]
fn unknown_fields_are_kept_and_sent_back_after_the_known_ones_in_arrival_order() {
    let thing: Thing = serde_json::from_str(INPUTS[0]).unwrap();
    assert_eq!(thing.extra.keys().collect::<Vec<_>>(), ["zzz", "aaa"]);
    assert_eq!(thing.extra["aaa"], json!([1, {"b": null}]));
    assert_eq!(
        serde_json::to_string(&thing).unwrap(),
        r#"{"id":1,"ref":"r","displayName":"d","note":null,"data":null,"count":2,"size":3,"level":null,"zzz":1,"aaa":[1,{"b":null}]}"#
    );
}

#[test]
fn each_kind_reads_and_leaves_out_what_it_should() {
    let thing: Thing = serde_json::from_str(INPUTS[0]).unwrap();
    assert_eq!((thing.r#ref.as_deref(), thing.display_name.as_deref()), (Some("r"), Some("d")));
    assert_eq!((thing.note, thing.data, thing.count, thing.size, thing.level), (Some(None), Some(Value::Null), 2, Some(3), Some(None)));
    // Missing: a required `Option` is `None` and still sent (as null); optional ones are left out.
    let bare: Thing = serde_json::from_str(INPUTS[1]).unwrap();
    assert_eq!((bare.r#ref, bare.display_name, bare.note, bare.data, bare.size, bare.level), (None, None, None, None, None, None));
    assert_eq!(serde_json::to_string(&serde_json::from_str::<Thing>(INPUTS[1]).unwrap()).unwrap(), r#"{"id":1,"ref":null,"count":2}"#);
    // An alias reads the field, which is sent back under its own name.
    let aliased: Thing = serde_json::from_str(r#"{"id":1,"count":2,"name":"b"}"#).unwrap();
    assert_eq!(aliased.display_name.as_deref(), Some("b"));
    assert!(serde_json::to_string(&aliased).unwrap().contains(r#""displayName":"b""#));
}

#[test]
fn errors_name_the_field() {
    let err = |text: &str| serde_json::from_str::<Thing>(text).unwrap_err().to_string();
    assert!(err(r#"{"count":2}"#).starts_with("missing field `id`"), "{}", err(r#"{"count":2}"#));
    // A lenient field has no default, even where its type could have one.
    assert!(err(r#"{"id":1}"#).starts_with("missing field `count`"));
    assert!(err(r#"{"id":1,"count":2,"id":3}"#).starts_with("duplicate field `id`"));
    assert!(err(r#"{"id":1,"count":2,"displayName":"a","name":"b"}"#).starts_with("duplicate field `displayName`"));
    assert!(err(r#"[1]"#).starts_with("invalid type: sequence, expected struct Thing"));
}

#[test]
fn owned_keys_decode_the_same() {
    for text in INPUTS {
        let Ok(value) = serde_json::from_str::<Value>(text) else { continue };
        let ours = serde_json::from_value::<Thing>(value.clone()).map(|t| serde_json::to_value(t).unwrap()).map_err(|e| e.to_string());
        let derived = serde_json::from_value::<Derived>(value).map(|t| serde_json::to_value(t).unwrap()).map_err(|e| e.to_string().replace("Derived", "Thing"));
        assert_eq!(ours, derived, "on {text}");
    }
}

#[test]
fn default_structs_and_a_renamed_map() {
    assert_eq!(serde_json::to_string(&Settings::default()).unwrap(), "{}");
    let s: Settings = serde_json::from_str(r#"{"extra":3,"extra_":4}"#).unwrap();
    assert_eq!((s.extra, s.extra_.get("extra_")), (Some(3), Some(&json!(4))));
    assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"extra":3,"extra_":4}"#);
    let e: Empty = serde_json::from_str(r#"{"b":1,"a":2}"#).unwrap();
    assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"b":1,"a":2}"#);
    assert_eq!(serde_json::from_str::<Empty>("{}").unwrap(), Empty::default());
}

#[test]
fn fields_named_like_the_macros_locals() {
    let text = r#"{"map":1,"key":2,"v":3,"m":4,"keys":5,"kinds":6,"type":7,"s":8}"#;
    let n: Names = serde_json::from_str(text).unwrap();
    assert_eq!((n.map, n.key, n.v, n.m, n.keys, n.kinds, n.r#type), (1, Some(2), Some(3), Some(4), Some(5), Some(6), Some(7)));
    assert_eq!(serde_json::to_string(&n).unwrap(), text);
}

wire_enum! {
    /// An open enum of strings.
    #[derive(Clone, Debug, PartialEq)]
    pub enum State: str, open {
        /// Docs on a variant.
        Open = "open",
        InProgress = "in-progress",
        /// A value this crate does not know yet, kept as it arrived.
        Other(String),
    }
    /// A closed enum of codes, in the same call.
    #[derive(Clone, Debug, PartialEq)]
    pub enum Stage: i64, closed {
        One = 1,
        Other(i64),
    }
}

#[test]
fn wire_enums_of_both_wire_types_in_one_call() {
    assert_eq!((State::InProgress.as_str(), State::from("x".to_string())), ("in-progress", State::Other("x".into())));
    assert_eq!(serde_json::from_str::<State>(r#""new""#).unwrap(), State::Other("new".into()));
    assert_eq!(serde_json::to_string(&State::Open).unwrap(), r#""open""#);
    assert_eq!((Stage::One.code(), Stage::Other(7).to_string()), (1, "7".to_string()));
    assert_eq!(serde_json::from_str::<Stage>("1").unwrap(), Stage::One);
    assert!(serde_json::from_str::<Stage>("2").unwrap_err().to_string().starts_with("unknown value 2"));
}
