use std::fmt;

/// Everything that can go wrong with a call. Large details are boxed so that `Result`s
/// stay small.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a status the operation does not treat as success.
    Api(Box<ApiError>),
    /// The request could not be sent or the response not read.
    Transport(reqwest::Error),
    /// The call took longer than the configured timeout.
    Timeout,
    /// The response body did not match the documented type.
    Decode(Box<DecodeError>),
    /// The request itself was invalid (a header value with a line break, a bad base URL).
    InvalidRequest(String),
}

/// A response body that did not match the documented type.
#[derive(Clone, Debug)]
pub struct DecodeError {
    pub status: u16,
    /// The JSON path that failed, e.g. `settings.audit_log`.
    pub path: String,
    pub message: String,
    pub body: bytes::Bytes,
}

/// A response with a status the operation does not treat as success.
#[derive(Clone)]
pub struct ApiError {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: bytes::Bytes,
    /// The `x-request-id` header, when the server sent one.
    pub request_id: Option<String>,
}

impl ApiError {
    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body decoded as one of the documented error types.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers are left out: a server may echo credentials back.
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("body", &self.text())
            .finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                write!(f, "the server answered {}", e.status)?;
                let text = e.text();
                if !text.is_empty() {
                    let short: String = text.chars().take(200).collect();
                    write!(f, ": {short}")?;
                }
                Ok(())
            }
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Timeout => f.write_str("the request timed out"),
            Error::Decode(e) => write!(f, "cannot decode the {} response at `{}`: {}", e.status, e.path, e.message),
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            _ => None,
        }
    }
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout
        } else {
            Error::Transport(e)
        }
    }
}
