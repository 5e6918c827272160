use super::encode::encode_path_segment;
use super::error::{ApiError, DecodeError, Error};
use reqwest::header::{HeaderName, HeaderValue};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// The API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: String,
    credentials: BTreeMap<&'static str, Credential>,
    retry: RetryPolicy,
}

/// When and how often a failed call is tried again.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Tries after the first one; 0 turns retries off.
    pub max_retries: u32,
    /// The first wait; each further wait doubles, with jitter.
    pub initial_backoff: Duration,
    pub max_backoff: Duration,
    /// Retry POST and PATCH too. Off by default: they may not be safe to send twice.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            retry_non_idempotent: false,
        }
    }
}

/// A secret and where it goes. Its `Debug` output never shows the secret.
#[derive(Clone)]
pub enum Credential {
    Header { name: &'static str, value: String },
    Query { name: &'static str, value: String },
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Header { name, .. } => write!(f, "Header({name}: ***)"),
            Credential::Query { name, .. } => write!(f, "Query({name}=***)"),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .finish()
    }
}

/// Configures a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    timeout: Duration,
    user_agent: String,
    retry: RetryPolicy,
    credentials: BTreeMap<&'static str, Credential>,
    http: Option<reqwest::Client>,
}

impl ClientBuilder {
    #[doc(hidden)]
    pub fn new(base_url: impl Into<String>, user_agent: &str) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            timeout: Duration::from_secs(30),
            user_agent: user_agent.to_string(),
            retry: RetryPolicy::default(),
            credentials: BTreeMap::new(),
            http: None,
        }
    }

    /// The base URL, e.g. for another region or tenant.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The limit for one whole call, 30 seconds by default.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Tries after the first failed one (429, 502, 503, 504, connection errors).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// Uses a `reqwest::Client` you configured (proxies, certificates). Timeout and user agent
    /// set here are then ignored.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    #[doc(hidden)]
    pub fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.insert(scheme, credential);
        self
    }

    pub fn build(self) -> Result<Client, Error> {
        let base_url = self.base_url.trim_end_matches('/').to_string();
        if reqwest::Url::parse(&base_url).is_err() {
            return Err(Error::InvalidRequest(format!("invalid base URL `{base_url}`")));
        }
        for c in self.credentials.values() {
            let (Credential::Header { value, .. } | Credential::Query { value, .. }) = c;
            if value.contains(['\r', '\n']) {
                return Err(Error::InvalidRequest("a credential contains a line break".into()));
            }
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder().timeout(self.timeout).user_agent(self.user_agent).build()?,
        };
        Ok(Client { http, base_url, credentials: self.credentials, retry: self.retry })
    }
}

/// A file part of a multipart body.
#[derive(Clone, Debug)]
pub struct FilePart {
    pub file_name: String,
    pub content_type: String,
    pub data: bytes::Bytes,
}

impl FilePart {
    pub fn new(file_name: impl Into<String>, content_type: impl Into<String>, data: impl Into<bytes::Bytes>) -> Self {
        FilePart { file_name: file_name.into(), content_type: content_type.into(), data: data.into() }
    }
}

#[doc(hidden)]
pub enum Body {
    None,
    Json(Vec<u8>),
    Form(Vec<(String, String)>),
    Multipart { fields: Vec<(String, String)>, files: Vec<(&'static str, FilePart)> },
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

/// A response as received, before decoding.
#[doc(hidden)]
pub struct RawResponse {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: bytes::Bytes,
}

impl RawResponse {
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        let de = &mut serde_json::Deserializer::from_slice(&self.body);
        serde_path_to_error::deserialize(de).map_err(|e| {
            Error::Decode(Box::new(DecodeError {
                status: self.status,
                path: e.path().to_string(),
                message: e.inner().to_string(),
                body: self.body.clone(),
            }))
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn into_error(self) -> Error {
        let request_id = self.headers.get("x-request-id").and_then(|v| v.to_str().ok()).map(str::to_string);
        Error::Api(Box::new(ApiError { status: self.status, headers: self.headers, body: self.body, request_id }))
    }
}

impl Client {
    #[doc(hidden)]
    pub fn from_builder(builder: ClientBuilder) -> Result<Client, Error> {
        builder.build()
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    #[doc(hidden)]
    pub fn path_param(value: impl fmt::Display) -> String {
        encode_path_segment(&value.to_string())
    }

    /// Sends a call, retrying as the policy allows, and returns the raw response.
    #[doc(hidden)]
    pub async fn send(&self, spec: RequestSpec) -> Result<RawResponse, Error> {
        let idempotent = !matches!(spec.method, reqwest::Method::POST | reqwest::Method::PATCH);
        let may_retry = idempotent || self.retry.retry_non_idempotent;
        let mut attempt = 0u32;
        loop {
            let request = self.build_request(&spec)?;
            let outcome = self.http.execute(request).await;
            let retry_after = match &outcome {
                Ok(resp) if matches!(resp.status().as_u16(), 429 | 502 | 503 | 504) => Some(retry_after(resp.headers())),
                Err(e) if e.is_connect() || e.is_timeout() => Some(None),
                _ => None,
            };
            if let (Some(wait), true) = (retry_after, may_retry && attempt < self.retry.max_retries) {
                tokio::time::sleep(wait.unwrap_or_else(|| self.backoff(attempt))).await;
                attempt += 1;
                continue;
            }
            let resp = outcome?;
            let status = resp.status().as_u16();
            let headers = resp.headers().clone();
            let body = resp.bytes().await?;
            return Ok(RawResponse { status, headers, body });
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.retry.initial_backoff.saturating_mul(1u32 << attempt.min(16));
        let capped = base.min(self.retry.max_backoff);
        // Jitter from the clock: enough to spread clients apart, no RNG dependency.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let factor = 0.5 + f64::from(nanos % 1000) / 2000.0;
        capped.mul_f64(factor)
    }

    fn build_request(&self, spec: &RequestSpec) -> Result<reqwest::Request, Error> {
        let base = spec.server.unwrap_or(&self.base_url).trim_end_matches('/');
        let mut url = String::from(base);
        for segment in &spec.segments {
            url.push('/');
            url.push_str(segment);
        }
        let mut url = reqwest::Url::parse(&url).map_err(|e| Error::InvalidRequest(format!("invalid URL `{url}`: {e}")))?;
        let mut headers = reqwest::header::HeaderMap::new();
        for (name, value) in &spec.headers {
            let name = HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::InvalidRequest(e.to_string()))?;
            headers.insert(name, header_value(value)?);
        }
        if let Some(credential) = spec.auth.iter().find_map(|scheme| self.credentials.get(scheme)) {
            match credential {
                Credential::Header { name, value } => {
                    let mut value = header_value(value)?;
                    value.set_sensitive(true);
                    headers.insert(HeaderName::from_bytes(name.as_bytes()).map_err(|e| Error::InvalidRequest(e.to_string()))?, value);
                }
                Credential::Query { name, value } => {
                    url.query_pairs_mut().append_pair(name, value);
                }
            }
        }
        if !spec.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in &spec.query {
                pairs.append_pair(name, value);
            }
        }
        let mut builder = self.http.request(spec.method.clone(), url).headers(headers);
        builder = match &spec.body {
            Body::None => builder,
            Body::Json(bytes) => builder.header(reqwest::header::CONTENT_TYPE, "application/json").body(bytes.clone()),
            Body::Form(fields) => builder.form(fields),
            Body::Multipart { fields, files } => {
                let mut form = reqwest::multipart::Form::new();
                for (name, value) in fields {
                    form = form.text(name.clone(), value.clone());
                }
                for (name, file) in files {
                    let part = reqwest::multipart::Part::stream(file.data.clone())
                        .file_name(file.file_name.clone())
                        .mime_str(&file.content_type)
                        .map_err(|e| Error::InvalidRequest(e.to_string()))?;
                    form = form.part(*name, part);
                }
                builder.multipart(form)
            }
        };
        Ok(builder.build()?)
    }
}

/// A header value, refusing CR and LF rather than sending them.
fn header_value(value: &str) -> Result<HeaderValue, Error> {
    if value.contains(['\r', '\n']) {
        return Err(Error::InvalidRequest("a header value contains a line break".into()));
    }
    HeaderValue::from_str(value).map_err(|e| Error::InvalidRequest(e.to_string()))
}

/// `Retry-After` in seconds (the HTTP-date form is treated as absent).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let secs: u64 = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(secs.min(120)))
}
