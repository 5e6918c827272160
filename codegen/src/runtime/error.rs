use std::collections::BTreeMap;
use std::fmt;

/// Everything that can go wrong with a call. `E` is the decoded error body: an operation that
/// documents its error statuses has its own enum (`CreateClientError`), the others use
/// [`ErrorBody`]. Large details are boxed so that `Result`s stay small.
#[non_exhaustive]
pub enum Error<E = ErrorBody> {
    /// The server answered with a status the operation does not treat as success.
    Api(Box<ApiError<E>>),
    /// The request could not be sent or the response not read.
    Transport(reqwest::Error),
    /// The call took longer than the configured timeout.
    Timeout,
    /// The response body did not match the documented type.
    Decode(Box<DecodeError>),
    /// The request itself was invalid (a header value with a line break, a bad base URL).
    InvalidRequest(String),
    /// The response body was larger than the client's limit
    /// ([`max_response_bytes`](super::ClientBuilder::max_response_bytes)); it was not read
    /// further. `content_length` is the size the server announced, if it did.
    ResponseTooLarge { limit: u64, content_length: Option<u64> },
}

/// A response body that did not match the documented type.
#[derive(Clone, Debug)]
pub struct DecodeError {
    pub status: u16,
    /// The JSON path that failed, e.g. `settings.audit_log` (`.` for the whole body).
    pub path: String,
    pub message: String,
    pub body: bytes::Bytes,
}

/// A response with a status the operation does not treat as success.
#[derive(Clone)]
pub struct ApiError<E = ErrorBody> {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    /// The body as received.
    pub raw_body: bytes::Bytes,
    /// The body decoded: the documented type for a documented status, else an [`ErrorBody`].
    pub body: E,
    /// The `x-request-id` header, when the server sent one.
    pub request_id: Option<String>,
}

/// An error body whose shape the operation does not document, read as well as it can be.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum ErrorBody {
    /// No body at all.
    Empty,
    /// `{"error": "..."}` or `{"message": "..."}`.
    Message(String),
    /// `{"errors": {"field": ["message", ...]}}`: validation messages per field. Other keys
    /// (an `id`, a flag) stay in [`ApiError::raw_body`].
    Fields(BTreeMap<String, Vec<String>>),
    /// Any other JSON.
    Json(serde_json::Value),
    /// A body that is not JSON (plain text, HTML).
    Text(String),
}

impl ErrorBody {
    /// Reads a body of any shape; never fails.
    pub fn parse(body: &[u8]) -> ErrorBody {
        if body.iter().all(u8::is_ascii_whitespace) {
            return ErrorBody::Empty;
        }
        let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
            return ErrorBody::Text(String::from_utf8_lossy(body).into_owned());
        };
        if let Some(map) = value.as_object() {
            for key in ["error", "message"] {
                if let Some(serde_json::Value::String(s)) = map.get(key) {
                    return ErrorBody::Message(s.clone());
                }
            }
            if let Some(Ok(fields)) = map.get("errors").map(|e| serde_json::from_value::<BTreeMap<String, Vec<String>>>(e.clone())) {
                return ErrorBody::Fields(fields);
            }
        }
        ErrorBody::Json(value)
    }
}

impl<E> ApiError<E> {
    /// The body as JSON, when it is JSON.
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.raw_body).ok()
    }

    /// The body decoded as any type.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.raw_body).ok()
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.raw_body).into_owned()
    }
}

impl<E> Error<E> {
    /// The HTTP status, for an error the server answered with.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The `x-request-id` the server sent with an error response.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The error response, if the server answered with one.
    pub fn api(&self) -> Option<&ApiError<E>> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// The same error with the body read as an [`ErrorBody`], so errors of different
    /// operations fit one type.
    pub fn untyped(self) -> Error {
        self.map_body(|raw, _| ErrorBody::parse(raw))
    }

    /// The same error with the decoded body replaced.
    pub fn map_body<F>(self, f: impl FnOnce(&bytes::Bytes, E) -> F) -> Error<F> {
        match self {
            Error::Api(e) => {
                let ApiError { status, headers, raw_body, body, request_id } = *e;
                let body = f(&raw_body, body);
                Error::Api(Box::new(ApiError { status, headers, raw_body, body, request_id }))
            }
            Error::Transport(e) => Error::Transport(e),
            Error::Timeout => Error::Timeout,
            Error::Decode(e) => Error::Decode(e),
            Error::InvalidRequest(m) => Error::InvalidRequest(m),
            Error::ResponseTooLarge { limit, content_length } => Error::ResponseTooLarge { limit, content_length },
        }
    }
}

impl<E: fmt::Debug> fmt::Debug for ApiError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Headers are left out: a server may echo credentials back.
        f.debug_struct("ApiError")
            .field("status", &self.status)
            .field("request_id", &self.request_id)
            .field("body", &self.body)
            .finish()
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => f.debug_tuple("Api").field(e).finish(),
            Error::Transport(e) => f.debug_tuple("Transport").field(e).finish(),
            Error::Timeout => f.write_str("Timeout"),
            Error::Decode(e) => f.debug_tuple("Decode").field(e).finish(),
            Error::InvalidRequest(m) => f.debug_tuple("InvalidRequest").field(m).finish(),
            Error::ResponseTooLarge { limit, content_length } => {
                f.debug_struct("ResponseTooLarge").field("limit", limit).field("content_length", content_length).finish()
            }
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                write!(f, "the server answered {}", e.status)?;
                let text = e.text();
                if !text.trim().is_empty() {
                    let short: String = text.chars().take(200).collect();
                    write!(f, ": {short}")?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " (request id {id})")?;
                }
                Ok(())
            }
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Timeout => f.write_str("the request timed out"),
            Error::Decode(e) => write!(f, "cannot decode the {} response at `{}`: {}", e.status, e.path, e.message),
            Error::InvalidRequest(m) => write!(f, "invalid request: {m}"),
            Error::ResponseTooLarge { limit, content_length: Some(n) } => write!(f, "the response body is {n} bytes, more than the limit of {limit}"),
            Error::ResponseTooLarge { limit, content_length: None } => write!(f, "the response body is larger than the limit of {limit} bytes"),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(e) => Some(e),
            _ => None,
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(e: reqwest::Error) -> Self {
        if e.is_timeout() {
            Error::Timeout
        } else {
            Error::Transport(e)
        }
    }
}
