use super::body::{ByteStream, FilePart};
use super::client::Client;
use super::encode::form_fields;
use super::error::{Error, ErrorBody};
use super::paginate::{Page, Paginator};
use super::transport::{Body, RawResponse, RequestSpec};
use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

/// How an operation's error type is read from an error response: an [`ErrorBody`], or one of
/// the generated error enums.
#[doc(hidden)]
pub trait FromErrorResponse: Sized {
    fn from_error_response(status: u16, body: &bytes::Bytes) -> Self;
}

/// A generated error enum: the documented body for a documented status, else `Other`.
#[doc(hidden)]
pub trait DocumentedErrors: Sized {
    fn decode(status: u16, body: &bytes::Bytes) -> Self;
}

impl FromErrorResponse for ErrorBody {
    fn from_error_response(_: u16, body: &bytes::Bytes) -> Self {
        ErrorBody::parse(body)
    }
}

impl<E: DocumentedErrors> FromErrorResponse for E {
    fn from_error_response(status: u16, body: &bytes::Bytes) -> Self {
        E::decode(status, body)
    }
}

/// Any call's error as the untyped [`Error`], e.g. to use `?` on calls with different error
/// enums in one function.
impl<E: DocumentedErrors> From<Error<E>> for Error {
    fn from(e: Error<E>) -> Self {
        e.untyped()
    }
}

/// How a successful response becomes the method's output.
enum Decode<T, E> {
    /// Read the whole body, then decode it.
    Whole(fn(&RawResponse) -> Result<T, Error<E>>),
    /// Hand the body over as a stream.
    Stream(fn(ByteStream) -> T),
}

/// One call to the API, returned by every method of [`Client`]: await it, or call
/// [`send`](Self::send). `T` is what a success returns, `E` the decoded error body (the
/// operation's error enum where it documents error statuses). A method with optional
/// parameters returns a `Request` with an `OP` number, named by an alias such as
/// `ListUsersBuilder`, whose setters are those parameters; operations with the same setters
/// may share a number.
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<'a, T, E = ErrorBody, const OP: u32 = 0> {
    client: &'a Client,
    spec: RequestSpec,
    decode: Decode<T, E>,
    /// A problem found while building it (a body that does not serialize), returned by `send`.
    invalid: Option<String>,
}

impl Client {
    /// A call to `path`, a template such as `/repos/{}/{}` whose placeholders take
    /// `params` in order (each encoded as one path segment), decoded as JSON unless
    /// [`decode`](Request::decode) says otherwise.
    #[doc(hidden)]
    pub fn request<T: serde::de::DeserializeOwned, E, const OP: u32>(&self, method: reqwest::Method, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, T, E, OP> {
        Request { client: self, spec: RequestSpec::new(method, path, params), decode: Decode::Whole(RawResponse::json), invalid: None }
    }

    #[doc(hidden)]
    pub fn get<T: serde::de::DeserializeOwned, E, const OP: u32>(&self, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, T, E, OP> {
        self.request(reqwest::Method::GET, path, params)
    }

    #[doc(hidden)]
    pub fn post<T: serde::de::DeserializeOwned, E, const OP: u32>(&self, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, T, E, OP> {
        self.request(reqwest::Method::POST, path, params)
    }

    #[doc(hidden)]
    pub fn put<T: serde::de::DeserializeOwned, E, const OP: u32>(&self, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, T, E, OP> {
        self.request(reqwest::Method::PUT, path, params)
    }

    #[doc(hidden)]
    pub fn patch<T: serde::de::DeserializeOwned, E, const OP: u32>(&self, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, T, E, OP> {
        self.request(reqwest::Method::PATCH, path, params)
    }

    #[doc(hidden)]
    pub fn delete<T: serde::de::DeserializeOwned, E, const OP: u32>(&self, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, T, E, OP> {
        self.request(reqwest::Method::DELETE, path, params)
    }

    /// A call whose successful body is handed over as a [`ByteStream`].
    #[doc(hidden)]
    pub fn download<E, const OP: u32>(&self, method: reqwest::Method, path: &str, params: &[&dyn fmt::Display]) -> Request<'_, ByteStream, E, OP> {
        Request { client: self, spec: RequestSpec::new(method, path, params), decode: Decode::Stream(std::convert::identity), invalid: None }
    }
}

// The setters the generated methods use; optional parameters replace an earlier value.
#[doc(hidden)]
impl<'a, T, E, const OP: u32> Request<'a, T, E, OP> {
    /// Decodes a success with `decode` (a `RawResponse` method) instead of as JSON.
    pub fn decode(mut self, decode: fn(&RawResponse) -> Result<T, Error<E>>) -> Self {
        self.decode = Decode::Whole(decode);
        self
    }

    pub fn query(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.spec.query.push((name, value.to_string()));
        self
    }

    pub fn query_list<V: fmt::Display>(mut self, name: &'static str, values: impl IntoIterator<Item = V>) -> Self {
        self.spec.query.retain(|(n, _)| *n != name);
        self.spec.query.extend(values.into_iter().map(|v| (name, v.to_string())));
        self
    }

    pub fn set_query(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.spec.query.retain(|(n, _)| *n != name);
        self.query(name, value)
    }

    pub fn header(mut self, name: &'static str, value: impl fmt::Display) -> Self {
        self.spec.headers.retain(|(n, _)| *n != name);
        self.spec.headers.push((name, value.to_string()));
        self
    }

    pub fn header_list<V: fmt::Display>(mut self, name: &'static str, values: impl IntoIterator<Item = V>) -> Self {
        self.spec.headers.retain(|(n, _)| *n != name);
        self.spec.headers.extend(values.into_iter().map(|v| (name, v.to_string())));
        self
    }

    pub fn json(mut self, body: &impl serde::Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => self.spec.body = Body::Json(bytes),
            Err(e) => self.invalid = Some(e.to_string()),
        }
        self
    }

    pub fn form(mut self, body: &impl serde::Serialize) -> Self {
        match form_fields::<_, E>(body) {
            Ok(fields) => self.spec.body = Body::Form(fields),
            Err(e) => self.invalid = Some(e.to_string()),
        }
        self
    }

    /// A multipart body: the fields of `body` (when there is one) as text parts, then `files`.
    pub fn multipart(mut self, body: Option<&dyn erased::Fields>, files: Vec<(&'static str, FilePart)>) -> Self {
        let fields = match body.map(erased::Fields::fields) {
            Some(Ok(fields)) => fields,
            Some(Err(e)) => {
                self.invalid = Some(e);
                Vec::new()
            }
            None => Vec::new(),
        };
        self.spec.body = Body::Multipart { fields, files };
        self
    }

    /// The auth schemes the operation accepts; the first one configured is used.
    pub fn auth(mut self, schemes: &'static [&'static str]) -> Self {
        self.spec.auth = schemes;
        self
    }

    /// A base URL of the operation's own, instead of the client's.
    pub fn server(mut self, url: &'static str) -> Self {
        self.spec.server = Some(url);
        self
    }
}

/// Serializable bodies as form fields, behind a `dyn` so that `multipart` is not generic.
#[doc(hidden)]
pub mod erased {
    pub trait Fields {
        fn fields(&self) -> Result<Vec<(String, String)>, String>;
    }

    impl<T: serde::Serialize> Fields for T {
        fn fields(&self) -> Result<Vec<(String, String)>, String> {
            super::form_fields::<_, ()>(self).map_err(|e| e.to_string())
        }
    }
}

// The commonest decoders by a shorter name: calls that fit on a line in the operations.
impl<E, const OP: u32> Request<'_, (), E, OP> {
    /// Decodes a success as nothing, whatever its body.
    pub(crate) fn decode_unit(self) -> Self {
        self.decode(RawResponse::unit)
    }
}

impl<T: serde::de::DeserializeOwned, E, const OP: u32> Request<'_, Option<T>, E, OP> {
    /// Decodes a success as JSON, an empty body as `None`.
    pub(crate) fn decode_optional(self) -> Self {
        self.decode(RawResponse::optional_json)
    }
}

impl<'a, T, E: FromErrorResponse, const OP: u32> Request<'a, T, E, OP> {
    /// Sends the request and decodes the response.
    pub async fn send(self) -> Result<T, Error<E>> {
        if let Some(message) = self.invalid {
            return Err(Error::InvalidRequest(message));
        }
        match self.decode {
            Decode::Whole(decode) => {
                let raw = self.client.send::<E>(self.spec).await?;
                if !raw.is_success() {
                    return Err(raw.into_error_with(E::from_error_response));
                }
                decode(&raw)
            }
            Decode::Stream(wrap) => match self.client.send_streaming::<E>(self.spec).await? {
                Ok(stream) => Ok(wrap(stream)),
                Err(raw) => Err(raw.into_error_with(E::from_error_response)),
            },
        }
    }
}

impl<'a, T: Send + 'a, E: FromErrorResponse + Send + 'a, const OP: u32> Request<'a, T, E, OP> {
    /// Every item of every page, as a stream that fetches each page when it is needed.
    /// Pages are picked with the query parameter `page_param` (the first is the one set on
    /// the request, else `first_page`); `split` reads a page from the response.
    #[doc(hidden)]
    pub fn pages<I: Send + 'a>(self, page_param: &'static str, first_page: i64, split: fn(T) -> Page<I>) -> Paginator<'a, I, E> {
        let first = self.spec.query.iter().find(|(n, _)| *n == page_param).and_then(|(_, v)| v.parse().ok()).unwrap_or(first_page);
        Paginator::new(first, move |page| {
            let request = self.try_clone().map(|r| r.set_query(page_param, page));
            Box::pin(async move {
                match request {
                    Some(request) => request.send().await.map(split),
                    None => Err(Error::InvalidRequest("a request with a streamed file part cannot be sent for several pages".into())),
                }
            })
        })
    }

    fn try_clone(&self) -> Option<Self> {
        let decode = match &self.decode {
            Decode::Whole(f) => Decode::Whole(*f),
            Decode::Stream(f) => Decode::Stream(*f),
        };
        Some(Request { client: self.client, spec: self.spec.try_clone()?, decode, invalid: self.invalid.clone() })
    }
}

impl<'a, T: Send + 'a, E: FromErrorResponse + Send + 'a, const OP: u32> IntoFuture for Request<'a, T, E, OP> {
    type Output = Result<T, Error<E>>;
    type IntoFuture = Sending<'a, T, E>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The future of an awaited [`Request`].
pub type Sending<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, Error<E>>> + Send + 'a>>;

impl<T, E, const OP: u32> fmt::Debug for Request<'_, T, E, OP> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Only where it goes: query values and bodies may hold personal data.
        f.debug_struct("Request").field("method", &self.spec.method).field("segments", &self.spec.segments).finish_non_exhaustive()
    }
}
