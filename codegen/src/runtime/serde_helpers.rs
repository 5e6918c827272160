use serde::{Deserialize, Deserializer};

/// For fields that may be absent and may be `null`: absent stays `None`, `null` becomes
/// `Some(None)`, so both survive a round trip.
pub fn nullable<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// For untyped fields that may be absent: a `null` that arrived stays `Some(Value::Null)`,
/// so it is sent back, while an absent field stays `None` and is left out.
pub fn present_value<'de, D>(deserializer: D) -> Result<Option<serde_json::Value>, D::Error>
where
    D: Deserializer<'de>,
{
    serde_json::Value::deserialize(deserializer).map(Some)
}

/// Reads a value that may arrive written as a string (`"2"` for 2, `"true"` for true), as
/// some request examples send it; the value is always sent in its own type.
fn lenient_value<T: serde::de::DeserializeOwned, E: serde::de::Error>(value: serde_json::Value) -> Result<T, E> {
    match value {
        serde_json::Value::String(s) => match serde_json::from_str::<T>(&s) {
            Ok(v) => Ok(v),
            Err(_) => serde_json::from_value(serde_json::Value::String(s)).map_err(E::custom),
        },
        other => serde_json::from_value(other).map_err(E::custom),
    }
}

/// A required field that also accepts its value as a string.
pub fn lenient<'de, T: serde::de::DeserializeOwned, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    lenient_value(serde_json::Value::deserialize(deserializer)?)
}

/// An optional field that also accepts its value as a string.
pub fn lenient_some<'de, T: serde::de::DeserializeOwned, D: Deserializer<'de>>(deserializer: D) -> Result<Option<T>, D::Error> {
    lenient_value(serde_json::Value::deserialize(deserializer)?)
}

/// An optional, nullable field that also accepts its value as a string.
pub fn lenient_double<'de, T: serde::de::DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    lenient_value::<Option<T>, D::Error>(serde_json::Value::deserialize(deserializer)?).map(Some)
}
