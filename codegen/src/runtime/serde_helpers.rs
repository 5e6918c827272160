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
