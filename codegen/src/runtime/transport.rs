use super::body::{ByteStream, FileData, FilePart};
use super::client::{Client, Credential};
use super::encode::encode_path_segment;
use super::error::{ApiError, DecodeError, Error, ErrorBody};
use reqwest::header::{HeaderName, HeaderValue};
use std::fmt;
use std::time::Duration;

/// A request body, as a generated method hands it over.
#[doc(hidden)]
pub enum Body {
    None,
    Json(Vec<u8>),
    Form(Vec<(String, String)>),
    Multipart { fields: Vec<(String, String)>, files: Vec<(&'static str, FilePart)> },
}

impl Body {
    /// A body that can be sent again (a streamed file part can be sent once).
    fn replayable(&self) -> bool {
        match self {
            Body::Multipart { files, .. } => files.iter().all(|(_, f)| matches!(f.data, FileData::Bytes(_))),
            _ => true,
        }
    }
}

/// One call, as a generated method describes it.
#[doc(hidden)]
pub struct RequestSpec {
    pub method: reqwest::Method,
    /// Path segments; parameters are encoded here, so each stays one segment.
    pub segments: Vec<String>,
    pub query: Vec<(&'static str, String)>,
    pub headers: Vec<(&'static str, String)>,
    pub body: Body,
    /// Schemes the operation accepts; the first one configured is used.
    pub auth: &'static [&'static str],
    pub server: Option<&'static str>,
}

impl RequestSpec {
    /// A request to `path`, whose `{placeholder}` segments take `params` in order, each
    /// encoded as one segment (a missing one is empty).
    pub fn new(method: reqwest::Method, path: &str, params: &[&dyn fmt::Display]) -> Self {
        let mut params = params.iter();
        let segments = match path.strip_prefix('/').unwrap_or(path) {
            "" => Vec::new(),
            path => path
                .split('/')
                .map(|s| match s.starts_with('{') && s.ends_with('}') {
                    true => params.next().map(|p| encode_path_segment(&p.to_string())).unwrap_or_default(),
                    false => s.to_string(),
                })
                .collect(),
        };
        RequestSpec { method, segments, query: Vec::new(), headers: Vec::new(), body: Body::None, auth: &[], server: None }
    }

    /// A copy to send again, unless a file part is a stream (it can be read once).
    pub fn try_clone(&self) -> Option<Self> {
        let body = match &self.body {
            Body::None => Body::None,
            Body::Json(b) => Body::Json(b.clone()),
            Body::Form(f) => Body::Form(f.clone()),
            Body::Multipart { fields, files } => {
                Body::Multipart { fields: fields.clone(), files: files.iter().map(|(n, f)| Some((*n, f.try_clone()?))).collect::<Option<_>>()? }
            }
        };
        Some(RequestSpec {
            method: self.method.clone(),
            segments: self.segments.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body,
            auth: self.auth,
            server: self.server,
        })
    }
}

/// A response as received, before decoding.
#[doc(hidden)]
pub struct RawResponse {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: bytes::Bytes,
}

impl RawResponse {
    fn decode_error(&self, path: String, message: String) -> Box<DecodeError> {
        Box::new(DecodeError { status: self.status, path, message, body: self.body.clone() })
    }

    /// The body's media type from `Content-Type`, in lower case and without parameters (empty
    /// when there is none): the methods whose success has a type per media type pick by it.
    pub fn media_type(&self) -> String {
        let value = self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        value.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
    }

    /// The body as `T`; a mismatch names the JSON path that failed.
    pub fn json<T: serde::de::DeserializeOwned, E>(&self) -> Result<T, Error<E>> {
        // The fast path first; only a failure pays for tracking the path.
        if let Ok(value) = serde_json::from_slice(&self.body) {
            return Ok(value);
        }
        let de = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(de).map_err(|e| Error::Decode(self.decode_error(e.path().to_string(), e.inner().to_string())))
    }

    /// `None` for an empty body (a 204, an empty 200) or a JSON `null`, else the body as `T`.
    pub fn optional_json<T: serde::de::DeserializeOwned, E>(&self) -> Result<Option<T>, Error<E>> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.json()
        }
    }

    /// A documented JSON string that may also arrive as plain text.
    pub fn json_or_text<E>(&self) -> Result<String, Error<E>> {
        Ok(serde_json::from_slice::<String>(&self.body).unwrap_or_else(|_| self.text()))
    }

    /// Any JSON; `null` for an empty body, the text as a JSON string when it is not JSON.
    pub fn value<E>(&self) -> Result<serde_json::Value, Error<E>> {
        if self.is_empty() {
            return Ok(serde_json::Value::Null);
        }
        Ok(serde_json::from_slice(&self.body).unwrap_or_else(|_| serde_json::Value::String(self.text())))
    }

    /// A documented string that may be empty (`None`), JSON or plain text.
    pub fn optional_json_or_text<E>(&self) -> Result<Option<String>, Error<E>> {
        if self.is_empty() {
            Ok(None)
        } else {
            self.json_or_text().map(Some)
        }
    }

    /// The body as text.
    pub fn plain_text<E>(&self) -> Result<String, Error<E>> {
        Ok(self.text())
    }

    /// No output: the body, if any, is not read.
    pub fn unit<E>(&self) -> Result<(), Error<E>> {
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// An error response with the body read as an [`ErrorBody`].
    pub fn into_error(self) -> Error {
        self.into_error_with(|_, body| ErrorBody::parse(body))
    }

    /// An error response with the body decoded by `decode` (given the status and the body).
    pub fn into_error_with<E>(self, decode: impl FnOnce(u16, &bytes::Bytes) -> E) -> Error<E> {
        let request_id = self.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_string);
        let body = decode(self.status, &self.body);
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, raw_body: self.body, body, request_id }))
    }
}

/// A documented error body as `variant`, or as `other` when it does not match its type.
#[doc(hidden)]
pub fn error_variant<T: serde::de::DeserializeOwned, E>(body: &[u8], variant: fn(T) -> E, other: fn(ErrorBody) -> E) -> E {
    match serde_json::from_slice(body) {
        Ok(v) => variant(v),
        Err(_) => other(ErrorBody::parse(body)),
    }
}

impl Client {
    /// Sends a call, retrying as the policy allows, and reads the whole response.
    #[doc(hidden)]
    pub async fn send<E>(&self, spec: RequestSpec) -> Result<RawResponse, Error<E>> {
        // reqwest's own timeout covers the whole exchange, body included.
        let mut response = self.execute(spec, true).await?;
        let status = response.status().as_u16();
        let headers = std::mem::take(response.headers_mut());
        let body = read_limited(response, self.max_response_bytes).await?;
        Ok(RawResponse { status, headers, body })
    }

    /// Sends a call and hands the body over as a stream; an error status is read whole.
    #[doc(hidden)]
    pub async fn send_streaming<E>(&self, spec: RequestSpec) -> Result<Result<ByteStream, RawResponse>, Error<E>> {
        let response = self.execute(spec, false).await?;
        if response.status().is_success() {
            return Ok(Ok(ByteStream::new(response)));
        }
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = match tokio::time::timeout(self.timeout, read_limited(response, self.max_response_bytes)).await {
            Ok(body) => body?,
            Err(_) => return Err(Error::Timeout),
        };
        Ok(Err(RawResponse { status, headers, body }))
    }

    /// Sends a call until it succeeds, fails for good, or the retry policy gives up.
    /// `whole`: the timeout covers the body too (a buffered call); otherwise it covers the
    /// wait for the response head, and the client's read timeout the gaps between chunks.
    async fn execute<E>(&self, mut spec: RequestSpec, whole: bool) -> Result<reqwest::Response, Error<E>> {
        let idempotent = !matches!(spec.method, reqwest::Method::POST | reqwest::Method::PATCH);
        let may_retry = (idempotent || self.retry.retry_non_idempotent) && spec.body.replayable();
        let mut attempt = 0u32;
        loop {
            let mut request = self.build_request(&mut spec)?;
            let outcome = if whole {
                *request.timeout_mut() = Some(self.timeout);
                self.http.execute(request).await.map_err(Error::from)
            } else {
                match tokio::time::timeout(self.timeout, self.http.execute(request)).await {
                    Ok(outcome) => outcome.map_err(Error::from),
                    Err(_) => Err(Error::Timeout),
                }
            };
            // `Some(None)`: retry after the computed backoff; `Some(Some(d))`: after `d`.
            let wait = match &outcome {
                Ok(resp) if matches!(resp.status().as_u16(), 429 | 502 | 503 | 504) => Some(retry_after(resp.headers())),
                Err(Error::Timeout) => Some(None),
                Err(Error::Transport(e)) if e.is_connect() || e.is_request() => Some(None),
                _ => None,
            };
            if let (Some(after), true) = (wait, may_retry && attempt < self.retry.max_retries) {
                let delay = after.unwrap_or_else(|| self.backoff(attempt));
                if delay <= self.retry.max_retry_after {
                    drop(outcome);
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                    continue;
                }
            }
            return outcome;
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.retry.initial_backoff.saturating_mul(1u32 << attempt.min(16));
        let capped = base.min(self.retry.max_backoff);
        // Jitter between half and the whole wait, so that clients spread apart. A fresh
        // `RandomState` is randomly keyed: enough randomness without an RNG dependency.
        use std::hash::{BuildHasher, Hasher};
        let random = std::collections::hash_map::RandomState::new().build_hasher().finish();
        capped.mul_f64(0.5 + (random % 1000) as f64 / 2000.0)
    }

    fn build_request<E>(&self, spec: &mut RequestSpec) -> Result<reqwest::Request, Error<E>> {
        let base = spec.server.unwrap_or(&self.base_url).trim_end_matches('/');
        let mut url = String::from(base);
        for segment in &spec.segments {
            url.push('/');
            url.push_str(segment);
        }
        let mut url = reqwest::Url::parse(&url).map_err(|e| Error::InvalidRequest(format!("invalid URL `{url}`: {e}")))?;
        // URL parsing drops `.` and `..` segments even when percent-encoded: a parameter that
        // would move the request elsewhere is refused.
        if spec.segments.iter().any(|s| matches!(s.to_ascii_lowercase().as_str(), "%2e" | "%2e%2e" | "." | ".." | ".%2e" | "%2e.")) {
            return Err(Error::InvalidRequest("a path parameter of `.` or `..` cannot be sent as one segment".into()));
        }
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in &spec.headers {
            headers.insert(header_name(name)?, header_value(value)?);
        }
        let credential = spec.auth.iter().find_map(|scheme| self.credentials.get(scheme));
        if let Some(Credential::Header { name, value }) = credential {
            let mut value = header_value(value)?;
            value.set_sensitive(true);
            headers.insert(header_name(name)?, value);
        }
        // The credential replaces any Authorization header, as a `Header` credential does.
        if let Some(Credential::Basic { .. }) = credential {
            headers.remove(reqwest::header::AUTHORIZATION);
        }
        let query_credential = match credential {
            Some(Credential::Query { name, value }) => Some((*name, value.as_str())),
            _ => None,
        };
        if !spec.query.is_empty() || query_credential.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &spec.query {
                pairs.append_pair(name, value);
            }
            if let Some((name, value)) = query_credential {
                pairs.append_pair(name, value);
            }
        }
        let builder = self.http.request(spec.method.clone(), url).headers(headers);
        let builder = match credential {
            Some(Credential::Basic { user, password }) => builder.basic_auth(user, Some(password)),
            _ => builder,
        };
        let builder = match &mut spec.body {
            Body::None => builder,
            Body::Json(bytes) => builder.header(reqwest::header::CONTENT_TYPE, "application/json").body(bytes.clone()),
            Body::Form(fields) => builder.form(fields),
            Body::Multipart { fields, files } => {
                let mut form = reqwest::multipart::Form::new();
                for (name, value) in fields.iter() {
                    form = form.text(name.clone(), value.clone());
                }
                for (name, file) in files.iter_mut() {
                    form = form.part(*name, file.take_part()?);
                }
                builder.multipart(form)
            }
        };
        Ok(builder.build()?)
    }
}

/// The whole body, refusing one larger than `limit`: at once when `Content-Length` announces
/// it, else as soon as the chunks read pass it, so an endless body costs at most `limit`.
async fn read_limited<E>(mut response: reqwest::Response, limit: u64) -> Result<bytes::Bytes, Error<E>> {
    let too_large = |content_length| Error::ResponseTooLarge { limit, content_length };
    let announced = response.content_length();
    if announced.is_some_and(|n| n > limit) {
        return Err(too_large(announced));
    }
    // Up to 64 KiB reserved ahead: a lying `Content-Length` cannot make us allocate much.
    let mut body = bytes::BytesMut::with_capacity(announced.unwrap_or(0).min(64 * 1024) as usize);
    while let Some(chunk) = response.chunk().await? {
        if body.len() as u64 + chunk.len() as u64 > limit {
            return Err(too_large(announced));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn header_name<E>(name: &str) -> Result<HeaderName, Error<E>> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::InvalidRequest(e.to_string()))
}

/// A header value, refusing CR and LF rather than sending them.
fn header_value<E>(value: &str) -> Result<HeaderValue, Error<E>> {
    if value.contains(['\r', '\n']) {
        return Err(Error::InvalidRequest("a header value contains a line break".into()));
    }
    HeaderValue::from_str(value).map_err(|e| Error::InvalidRequest(e.to_string()))
}

/// `Retry-After` as seconds or as an HTTP date.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = super::encode::parse_http_date(value)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}
