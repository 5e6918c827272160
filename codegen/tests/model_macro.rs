//! The runtime's `model!` macro, which writes every generated struct's serde impls, against
//! what serde's derive with `#[serde(flatten)]` did before it: the same output, the same
//! values, the same errors, and unknown fields kept in the order they arrived.

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

#[allow(dead_code)]
#[path = "../src/runtime/serde_helpers.rs"]
mod serde_helpers;
#[allow(dead_code)]
#[path = "../src/runtime/model.rs"]
mod model;

/// The runtime files the macro needs, where the generated crates have them.
mod runtime {
    pub use super::serde_helpers::*;
    pub(crate) use super::model::{self, model};
}

/// Every kind of field (`id` and `display_name` name none: `Auto`), a renamed one with an
/// alias and a raw identifier.
#[derive(Clone, Debug, PartialEq)]
pub struct Thing {
    pub id: i64,
    pub r#ref: Option<String>,
    pub display_name: Option<String>,
    pub note: Option<Option<String>>,
    pub data: Option<Value>,
    pub count: i64,
    pub size: Option<i64>,
    pub level: Option<Option<i64>>,
    pub extra: Map<String, Value>,
}
crate::runtime::model!(Thing {
    id, r#ref = "ref": Req, display_name = "displayName" | "name", note: Nullable, data: PresentValue,
    count: Lenient, size: LenientSome, level: LenientDouble
} extra);

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

/// All optional (so `Default`), a field named `extra` and the map under another name.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Settings {
    pub extra: Option<i64>,
    pub extra_: Map<String, Value>,
}
crate::runtime::model!(Settings { extra: Opt } extra_);

/// No field at all: everything is unknown.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Empty {
    pub extra: Map<String, Value>,
}
crate::runtime::model!(Empty {} extra);

/// Fields named like the macro's own locals and modules, and a keyword.
#[derive(Clone, Debug, PartialEq)]
pub struct Names {
    pub map: i64,
    pub key: Option<i64>,
    pub v: Option<i64>,
    pub m: Option<i64>,
    pub keys: Option<i64>,
    pub kinds: Option<i64>,
    pub r#type: Option<i64>,
    pub extra: Map<String, Value>,
}
crate::runtime::model!(Names { map, key: Opt, v: Opt, m: Opt, keys: Opt, kinds: Opt, r#type = "type": Opt } extra);

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
