use serde::{Deserialize, Deserializer};

/// For fields that may be absent and may be `null`: absent stays `None`, `null` becomes
/// `Some(None)`, so both survive a round trip.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
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
