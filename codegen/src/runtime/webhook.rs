//! A delivery of a webhook or callback: its headers and body, and what decoding needs of them.
//! Copied only into crates whose API sends webhooks or callbacks.

// Each API tells its events apart differently (a header, an `action`, neither).
#![allow(dead_code)]

use std::fmt;

/// Why a delivery could not be decoded.
#[derive(Debug)]
#[non_exhaustive]
pub enum WebhookError {
    /// No documented event matches the delivery: `event` is the value of the header that
    /// names events (or the name given to `decode_named`), `action` the body's `action`.
    UnknownEvent { event: Option<String>, action: Option<String> },
    /// The body is not the payload of `event`; `path` is where in the JSON it failed.
    Decode { event: &'static str, path: String, source: serde_json::Error },
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebhookError::UnknownEvent { event, action } => {
                f.write_str("no documented event matches the delivery")?;
                if let Some(event) = event {
                    write!(f, " (event `{event}`)")?;
                }
                if let Some(action) = action {
                    write!(f, " (action `{action}`)")?;
                }
                Ok(())
            }
            WebhookError::Decode { event, path, source } => write!(f, "the `{event}` payload does not decode at `{path}`: {source}"),
        }
    }
}

impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Decode { source, .. } => Some(source),
            WebhookError::UnknownEvent { .. } => None,
        }
    }
}

pub(crate) struct Delivery<'b> {
    /// Header names in lower case; a value that is not text is left out.
    headers: Vec<(String, String)>,
    action: Option<String>,
    body: &'b [u8],
}

/// Only `action` is read to choose the event; the payload is decoded once it is chosen.
#[derive(serde::Deserialize)]
struct Action {
    action: Option<serde_json::Value>,
}

impl<'b> Delivery<'b> {
    pub(crate) fn new<K: AsRef<str>, V: AsRef<[u8]>>(headers: impl IntoIterator<Item = (K, V)>, body: &'b [u8]) -> Self {
        let headers = headers
            .into_iter()
            .filter_map(|(k, v)| Some((k.as_ref().to_ascii_lowercase(), std::str::from_utf8(v.as_ref()).ok()?.trim().to_string())))
            .collect();
        let action = serde_json::from_slice::<Action>(body).ok().and_then(|a| a.action).and_then(|a| a.as_str().map(str::to_string));
        Delivery { headers, action, body }
    }

    /// The delivery's header `name` (given in lower case) has one of `values`.
    pub(crate) fn header_is(&self, name: &str, values: &[&str]) -> bool {
        self.headers.iter().any(|(k, v)| k == name && values.contains(&v.as_str()))
    }

    /// The body's `action` is one of `values`.
    pub(crate) fn action_is(&self, values: &[&str]) -> bool {
        self.action.as_deref().is_some_and(|a| values.contains(&a))
    }

    /// The body decoded as the payload of `event`.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(&self, event: &'static str) -> Result<T, WebhookError> {
        let de = &mut serde_json::Deserializer::from_slice(self.body);
        serde_path_to_error::deserialize(de).map_err(|e| WebhookError::Decode { event, path: e.path().to_string(), source: e.into_inner() })
    }

    /// The body as it came, for payloads that are not JSON.
    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.body.to_vec()
    }

    /// No event matched: what the delivery said, the first of `headers` (lower case) it has.
    pub(crate) fn unknown(&self, headers: &[&str]) -> WebhookError {
        let event = headers.iter().find_map(|h| self.headers.iter().find(|(k, _)| k == h).map(|(_, v)| v.clone()));
        WebhookError::UnknownEvent { event, action: self.action.clone() }
    }
}
