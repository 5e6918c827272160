use super::encode::{fill_template, is_safe_variable};
use super::error::Error;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// The API client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct Client {
    pub(super) http: reqwest::Client,
    pub(super) base_url: String,
    pub(super) credentials: BTreeMap<&'static str, Credential>,
    pub(super) retry: RetryPolicy,
    pub(super) timeout: Duration,
    pub(super) max_response_bytes: u64,
}

/// The largest body a buffered call reads unless the builder says otherwise: far above any
/// JSON page an API sends, far below what would hurt a process to hold.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 32 * 1024 * 1024;

/// When and how often a failed call is tried again: on 429, 502, 503, 504, connection errors
/// and timeouts, for idempotent methods (everything but POST and PATCH) unless
/// [`retry_non_idempotent`](Self::retry_non_idempotent) is set.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Tries after the first one; 0 turns retries off.
    pub max_retries: u32,
    /// The first wait; each further wait doubles, with jitter.
    pub initial_backoff: Duration,
    /// The longest computed wait.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this is not waited for: the error is returned instead.
    pub max_retry_after: Duration,
    /// Retry POST and PATCH too. Off by default: they may not be safe to send twice.
    pub retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            retry_non_idempotent: false,
        }
    }
}

/// A secret and where it goes. Its `Debug` output never shows the secret.
#[doc(hidden)]
#[derive(Clone)]
pub enum Credential {
    Header { name: &'static str, value: String },
    Query { name: &'static str, value: String },
    /// HTTP basic, encoded by reqwest when the request is built.
    Basic { user: String, password: String },
}

impl Credential {
    /// The text sent as it is; basic credentials are sent base64-encoded, so any text will do.
    fn raw_value(&self) -> Option<&str> {
        match self {
            Credential::Header { value, .. } | Credential::Query { value, .. } => Some(value),
            Credential::Basic { .. } => None,
        }
    }
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::Header { name, .. } => write!(f, "Header({name}: ***)"),
            Credential::Query { name, .. } => write!(f, "Query({name}=***)"),
            Credential::Basic { .. } => write!(f, "Header(authorization: ***)"),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("credentials", &self.credentials)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// Configures a [`Client`].
#[derive(Debug)]
pub struct ClientBuilder {
    base_url: String,
    timeout: Duration,
    max_response_bytes: u64,
    user_agent: String,
    retry: RetryPolicy,
    credentials: BTreeMap<&'static str, Credential>,
    http: Option<reqwest::Client>,
    /// A setter that got a value it cannot use; reported by `build`.
    invalid: Option<String>,
}

impl ClientBuilder {
    #[doc(hidden)]
    pub fn new(base_url: impl Into<String>, user_agent: &str) -> Self {
        ClientBuilder {
            base_url: base_url.into(),
            timeout: Duration::from_secs(30),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            user_agent: user_agent.to_string(),
            retry: RetryPolicy::default(),
            credentials: BTreeMap::new(),
            http: None,
            invalid: None,
        }
    }

    /// The base URL, e.g. for another region or tenant.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// The base URL from a template such as `https://{domain}.example.com/api`. Values may
    /// only hold letters, digits, `-`, `.`, `_` and `~`, so they cannot change the host.
    #[doc(hidden)]
    pub fn base_url_from_template(mut self, template: &str, values: &[(&str, &str)]) -> Self {
        match values.iter().find(|(_, v)| !is_safe_variable(v)) {
            Some((name, value)) => self.invalid = Some(format!("`{value}` is not a valid `{name}` for the base URL")),
            None => self.base_url = fill_template(template, values),
        }
        self
    }

    /// The limit for one try of a call, 30 seconds by default. A streamed download gets it
    /// until the response starts and then between chunks.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest response body a call reads into memory, 32 MiB by default
    /// ([`DEFAULT_MAX_RESPONSE_BYTES`]). A larger body fails the call with
    /// [`Error::ResponseTooLarge`]: before it is downloaded when `Content-Length` announces it,
    /// else as soon as the limit is passed. Streamed downloads ([`ByteStream`]) have no limit.
    ///
    /// [`ByteStream`]: super::ByteStream
    pub fn max_response_bytes(mut self, limit: u64) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// The `User-Agent`; the default names the crate and its version.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// The whole retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Tries after the first failed one (429, 502, 503, 504, connection errors); 0 turns
    /// retries off.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.retry.max_retries = n;
        self
    }

    /// Retries POST and PATCH too (off by default: they may not be safe to send twice).
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.retry.retry_non_idempotent = yes;
        self
    }

    /// Uses a `reqwest::Client` you configured (proxies, certificates). The user agent set
    /// here is then ignored; the timeout still applies.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    #[doc(hidden)]
    pub fn credential(mut self, scheme: &'static str, credential: Credential) -> Self {
        self.credentials.insert(scheme, credential);
        self
    }

    /// Checks the settings and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        if let Some(message) = self.invalid {
            return Err(Error::InvalidRequest(message));
        }
        let base_url = self.base_url.trim_end_matches('/').to_string();
        if base_url.is_empty() {
            return Err(Error::InvalidRequest("no base URL: set one on the builder".into()));
        }
        if reqwest::Url::parse(&base_url).is_err() {
            return Err(Error::InvalidRequest(format!("invalid base URL `{base_url}`")));
        }
        if self.credentials.values().filter_map(Credential::raw_value).any(|v| v.contains(['\r', '\n'])) {
            return Err(Error::InvalidRequest("a credential contains a line break".into()));
        }
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .read_timeout(self.timeout)
                .connect_timeout(self.timeout)
                .user_agent(self.user_agent)
                .build()?,
        };
        Ok(Client { http, base_url, credentials: self.credentials, retry: self.retry, timeout: self.timeout, max_response_bytes: self.max_response_bytes })
    }
}

impl Client {
    /// The base URL calls go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A client that shares this one's connections and settings but uses `credential` for
    /// `scheme`, e.g. a user's access token next to the server's API key.
    #[doc(hidden)]
    pub fn with_credential(&self, scheme: &'static str, credential: Credential) -> Client {
        let mut client = self.clone();
        client.credentials.insert(scheme, credential);
        client
    }

    /// Like [`with_credential`](Self::with_credential), dropping every other credential.
    #[doc(hidden)]
    pub fn with_only_credential(&self, scheme: &'static str, credential: Credential) -> Client {
        let mut client = self.clone();
        client.credentials = BTreeMap::from([(scheme, credential)]);
        client
    }

    /// The same client at another base URL (a per-agent or per-tenant host).
    pub fn with_base_url(&self, url: impl Into<String>) -> Result<Client, Error> {
        let url = url.into();
        let base_url = url.trim_end_matches('/').to_string();
        if reqwest::Url::parse(&base_url).is_err() {
            return Err(Error::InvalidRequest(format!("invalid base URL `{base_url}`")));
        }
        let mut client = self.clone();
        client.base_url = base_url;
        Ok(client)
    }
}
