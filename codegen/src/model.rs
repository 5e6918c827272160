//! The one intermediate model every stage speaks.
//!
//! Readers turn each input document into a [`Source`]: operations with their raw evidence
//! (declared [`Schema`]s and JSON [`Example`]s), never yet decided types. The merge and infer
//! stages turn the sources of one API into an [`Api`], whose types live in the [`Types`] arena.
//! This file holds data only; the logic lives in the stage folders.

pub use crate::shared_text::{FileName, SharedText};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// Where a piece of evidence came from: the file and the JSON pointer inside it. Both texts
/// are shared by the origin's copies: inference copies a shape's origins into fields, types
/// and decisions (on GitHub's description the pointers held 9 MB of the API, copied).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub file: FileName,
    pub pointer: SharedText,
}

thread_local! {
    /// Where [`Origin::child`] writes a pointer before it is shared (one allocation, not two).
    static CHILD: RefCell<String> = const { RefCell::new(String::new()) };
}

impl Origin {
    pub fn new(file: impl AsRef<str>, pointer: impl AsRef<str>) -> Self {
        Origin { file: FileName::new(file.as_ref()), pointer: SharedText::from(pointer.as_ref()) }
    }

    /// The same file, one step deeper: `key` is escaped as RFC 6901 asks.
    pub fn child(&self, key: impl std::fmt::Display) -> Origin {
        let pointer = CHILD.with(|buffer| match buffer.try_borrow_mut() {
            Ok(mut out) => {
                out.clear();
                push_child(&mut out, &self.pointer, key);
                SharedText::from(out.as_str())
            }
            Err(_) => SharedText::from(pointer_child(&self.pointer, key).as_str()),
        });
        Origin { file: self.file, pointer }
    }
}

/// `base` one step deeper, `key` escaped as RFC 6901 asks: one allocation, where building the
/// key, escaping it twice and joining took four (hundreds of thousands of pointers on GitHub).
pub(crate) fn pointer_child(base: &str, key: impl std::fmt::Display) -> String {
    let mut out = String::with_capacity(base.len() + 24);
    push_child(&mut out, base, key);
    out
}

/// Writes `base`, a slash and `key` (escaped) to `out`.
fn push_child(out: &mut String, base: &str, key: impl std::fmt::Display) {
    out.push_str(base);
    push_segment(out, key);
}

/// Writes a slash and `key` (escaped as RFC 6901 asks) to `out`: a pointer one step deeper.
pub(crate) fn push_segment(out: &mut String, key: impl std::fmt::Display) {
    use std::fmt::Write;
    out.push('/');
    let start = out.len();
    let _ = write!(out, "{key}");
    if out[start..].contains(['~', '/']) {
        let escaped = out[start..].replace('~', "~0").replace('/', "~1");
        out.truncate(start);
        out.push_str(&escaped);
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pointer = if self.pointer.is_empty() { "/" } else { &self.pointer };
        write!(f, "{}#{}", self.file, pointer)
    }
}

/// The document formats we read. Detected from content, never from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Postman20,
    Postman21,
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Format::Postman20 => "Postman collection v2.0",
            Format::Postman21 => "Postman collection v2.1",
            Format::Swagger2 => "Swagger 2.0",
            Format::OpenApi30 => "OpenAPI 3.0",
            Format::OpenApi31 => "OpenAPI 3.1",
        })
    }
}

/// HTTP methods, in the order operations on one path are emitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    pub fn parse(s: &str) -> Option<Method> {
        Some(match s.to_ascii_uppercase().as_str() {
            "GET" => Method::Get,
            "PUT" => Method::Put,
            "POST" => Method::Post,
            "DELETE" => Method::Delete,
            "OPTIONS" => Method::Options,
            "HEAD" => Method::Head,
            "PATCH" => Method::Patch,
            "TRACE" => Method::Trace,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// Safe to retry: the method may be sent twice with the same effect.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// A path with its parameters normalised, whatever syntax the source used
/// (`:id`, `{id}`, `{{id}}`, `[id]`, or a literal id standing where siblings have a parameter).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PathTemplate {
    pub segments: Vec<Segment>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Segment {
    Literal(String),
    /// The parameter's name as the source spelled it (`date_in_yyyy-MM-DD` stays as it is;
    /// Rust naming happens at emit time).
    Param(String),
}

impl PathTemplate {
    /// The OpenAPI spelling: `/a/{id}/b`. A trailing slash is kept as an empty last literal.
    pub fn to_openapi(&self) -> String {
        let mut out = String::new();
        for seg in &self.segments {
            out.push('/');
            match seg {
                Segment::Literal(s) => out.push_str(s),
                Segment::Param(p) => {
                    out.push('{');
                    out.push_str(p);
                    out.push('}');
                }
            }
        }
        if out.is_empty() {
            out.push('/');
        }
        out
    }

    /// The identity used to match operations across sources: parameters compared by position.
    pub fn shape_key(&self) -> String {
        let mut out = String::new();
        for seg in &self.segments {
            out.push('/');
            match seg {
                Segment::Literal(s) => out.push_str(s),
                Segment::Param(_) => out.push_str("{}"),
            }
        }
        out
    }

    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            Segment::Param(p) => Some(p.as_str()),
            Segment::Literal(_) => None,
        })
    }
}

/// A simplified JSON Schema: what every format's declared types come down to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Schema {
    pub kind: SchemaKind,
    /// `null` is allowed (OpenAPI 3.0 `nullable`, 3.1 `type: [T, 'null']`).
    pub nullable: bool,
    pub title: Option<String>,
    pub description: Option<String>,
    pub format: Option<String>,
    /// Declared `enum` values, if any.
    pub enum_values: Vec<Value>,
    pub default: Option<Value>,
    pub example: Option<Value>,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    pub origin: Origin,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub enum SchemaKind {
    /// No constraint at all (`{}`), or a schema that said nothing about its type.
    #[default]
    Any,
    /// Only `null` (`type: 'null'`).
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array(Box<Schema>),
    Object {
        /// In document order; the emitter sorts where it needs a stable order.
        properties: Vec<(String, Schema)>,
        required: Vec<String>,
        /// `additionalProperties`: `None` when absent or `true`/`false`.
        additional: Option<Box<Schema>>,
    },
    /// `oneOf` / `anyOf`.
    OneOf(Vec<Schema>),
    /// `allOf`: every part applies.
    AllOf(Vec<Schema>),
    /// A reference to a named schema of the same source (the name, not the pointer).
    Ref(String),
}

/// A JSON sample: a saved response, a request body, an OpenAPI `example`.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub name: Option<String>,
    pub body: ExampleBody,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExampleBody {
    Json(Value),
    /// A body that is not JSON and was not meant to be (plain text, HTML).
    Text(String),
    /// A body that claims to be JSON but does not parse. Kept out of inference and reported.
    InvalidJson { raw: String, error: String },
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub schema: Option<Schema>,
    pub description: Option<String>,
    /// Values seen in examples (the Postman value, OpenAPI `example`).
    pub examples: Vec<Value>,
    /// Postman's `disabled: true`: documented but not sent by default, so optional.
    pub disabled: bool,
    pub origin: Origin,
}

/// How a body is encoded on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyKind {
    Json,
    /// `application/x-www-form-urlencoded`
    Form,
    /// `multipart/form-data`
    Multipart,
    Text,
    Binary,
    /// No body at all (a 204, an empty 200).
    Empty,
}

/// A request or response body: its media type plus every piece of evidence about its shape.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    pub content_type: String,
    pub kind: BodyKind,
    pub schema: Option<Schema>,
    pub examples: Vec<Example>,
    /// For form and multipart bodies: the fields, with file parts marked.
    pub form_fields: Vec<FormField>,
    pub description: Option<String>,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FormField {
    pub name: String,
    pub is_file: bool,
    pub required: bool,
    pub schema: Option<Schema>,
    pub description: Option<String>,
    pub example: Option<Value>,
}

/// A success status: any 2xx, or none (OpenAPI `default`, a saved example without a code),
/// which every stage treats as the success it must stand for.
pub fn is_success_status(status: Option<u16>) -> bool {
    status.is_none_or(|s| (200..300).contains(&s))
}

/// A response status as documented. `None` for `default` or a saved example without a code.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: Option<u16>,
    pub description: Option<String>,
    pub body: Option<Body>,
    /// Where the response has JSON bodies under several media types whose schemas differ
    /// (`application/json` and `application/sarif+json`): each one, with its own schema and
    /// examples. `body` is then their union. Empty otherwise.
    pub media: Vec<Body>,
    pub headers: Vec<String>,
    pub origin: Origin,
}

/// What a source says about authentication for one operation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthHint {
    /// The operation says no auth is needed (Postman `noauth`, OpenAPI `security: []`).
    None,
    /// Names of the source's or manifest's schemes (OpenAPI `security`).
    Schemes(Vec<String>),
    /// A literal header template, e.g. `Authorization: Basic {{crankwheel-api-key}}`.
    Header { name: String, value: String },
}

/// One operation as one source describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceOperation {
    pub method: Method,
    pub path: PathTemplate,
    /// Postman request name or OpenAPI summary.
    pub name: Option<String>,
    pub operation_id: Option<String>,
    pub description: Option<String>,
    /// Postman folder names, OpenAPI tags.
    pub tags: Vec<String>,
    pub params: Vec<Param>,
    pub request: Vec<Body>,
    pub responses: Vec<Response>,
    pub auth: Option<AuthHint>,
    /// A host that only this operation uses (Postman URL with another host).
    pub server: Option<String>,
    pub deprecated: bool,
    pub origin: Origin,
}

/// Authentication scheme declared by a source (securitySchemes) or by the manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthScheme {
    /// A stable name (`api_key`, `bearer`).
    pub name: String,
    pub kind: AuthKind,
    pub description: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuthKind {
    /// A header carrying `prefix` followed by the secret (`Authorization: Basic <raw key>`).
    Header { header: String, prefix: String },
    /// A query parameter carrying the secret.
    Query { param: String },
    /// HTTP basic with user and password, base64 encoded.
    Basic,
    /// `Authorization: Bearer <token>` (the prefix is configurable for APIs that want `bearer`).
    Bearer { prefix: String },
    /// A header whose value joins two secrets (`Outseta <key>:<secret>`).
    KeyPair { header: String, prefix: String, separator: String },
}

/// Everything one input document says, before merging.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Source {
    pub file: String,
    pub format: Option<Format>,
    pub title: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    pub servers: Vec<String>,
    pub auth: Vec<AuthScheme>,
    pub operations: Vec<SourceOperation>,
    /// Named schemas (`components/schemas`, `definitions`), for `SchemaKind::Ref`.
    pub schemas: BTreeMap<String, Schema>,
    /// Decisions the reader took on its own (a literal id read as a parameter, an example
    /// filed under the wrong request), for the report.
    pub decisions: Vec<Decision>,
    /// Requests the API sends to the user: OpenAPI 3.1 `webhooks` and operations' `callbacks`.
    pub webhooks: Vec<SourceWebhook>,
}

/// One request the API sends (a webhook or a callback), read like an operation: its request
/// body is the payload, its header parameters may say which event it is.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceWebhook {
    /// `None` for the document's `webhooks`; the operation and key for a callback.
    pub callback: Option<CallbackOf>,
    /// The webhook's name (`pet.created`), or the callback's URL expression.
    pub name: String,
    pub operation: SourceOperation,
}

/// The operation a callback belongs to, and the key it is filed under in its `callbacks`.
#[derive(Clone, Debug, PartialEq)]
pub struct CallbackOf {
    pub method: Method,
    pub path: PathTemplate,
    pub key: String,
}

// ---------------------------------------------------------------------------------------------
// The merged API, with decided types.
// ---------------------------------------------------------------------------------------------

/// An index into [`Types::defs`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// A reference to a type, as a field or parameter uses it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ty {
    Bool,
    Integer,
    Float,
    String,
    /// A timestamp in any of the formats seen (or a date alone); the crate's `Timestamp`,
    /// which keeps the string it arrived as.
    DateTime,
    /// A length of time written as text (`00:03:45`, `1.02:03:04`, `format: duration`); the
    /// crate's `TimeSpan`, which keeps the string it arrived as.
    Duration,
    /// No evidence of the type: `serde_json::Value`.
    Json,
    List(Box<Ty>),
    Map(Box<Ty>),
    Named(TypeId),
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The Rust type name, unique in the crate.
    pub name: String,
    pub docs: Option<String>,
    pub kind: TypeKind,
    pub origins: Vec<Origin>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    Struct(Vec<Field>),
    /// An enum of strings or of integer codes. `open` enums keep unseen values in an
    /// `Other` variant.
    Enum { values: Vec<EnumValue>, open: bool },
    /// An untagged union of different JSON kinds (`53 | "never"`).
    Union(Vec<Variant>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    pub value: Value,
    /// The name the prose gives a code (`Trialing` for 2), for the variant name.
    pub label: Option<String>,
    pub docs: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    /// The Rust variant name (`Integer`, `Text`).
    pub name: String,
    pub ty: Ty,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The JSON name.
    pub name: String,
    /// The Rust name the manifest gives it; otherwise it is derived from the JSON name.
    pub rust_name: Option<String>,
    /// Other JSON names that mean the same field (serde aliases).
    pub aliases: Vec<String>,
    pub ty: Ty,
    /// Absent in some sample, or not listed as required.
    pub optional: bool,
    /// `null` in some sample, or declared nullable.
    pub nullable: bool,
    /// Also accepts its value written as a string (`"2"` for 2), as request examples send it.
    pub lenient: bool,
    pub docs: Option<String>,
    pub origins: Vec<Origin>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Types {
    pub defs: Vec<TypeDef>,
}

impl Types {
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.defs[id.0]
    }

    pub fn push(&mut self, def: TypeDef) -> TypeId {
        self.defs.push(def);
        TypeId(self.defs.len() - 1)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    /// The crate name (`crankwheel-reseller`).
    pub name: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<String>,
    pub auth: Vec<AuthScheme>,
    pub operations: Vec<Operation>,
    pub types: Types,
    /// Every decision the generator took on its own, for the report.
    pub decisions: Vec<Decision>,
    /// Every valid JSON example and the body it documents, for round-trip tests.
    pub examples: Vec<ExampleUse>,
    /// The requests the API sends: the document's webhooks first, then each callback.
    pub webhooks: Vec<WebhookGroup>,
}

/// Events decoded by one function: the document's webhooks, or one callback of an operation.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookGroup {
    /// `None` for the document's webhooks; the operation's method name and the callback key.
    pub callback: Option<(String, String)>,
    pub events: Vec<WebhookEvent>,
}

/// One event: a webhook's (or callback's) method, what tells it apart, and its payload type.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookEvent {
    /// The key as the document gives it: the webhook's name or the callback's URL expression.
    pub name: String,
    pub method: Method,
    /// The Rust variant name, unique in its group.
    pub variant: String,
    /// A required header whose declared values name this event (`X-GitHub-Event: issues`).
    pub header: Option<(String, Vec<String>)>,
    /// The declared values of the payload's `action` property.
    pub actions: Vec<String>,
    pub kind: BodyKind,
    /// The payload type; `None` where nothing shows it (`serde_json::Value`).
    pub ty: Option<Ty>,
    pub summary: Option<String>,
    pub origin: Origin,
}

/// A JSON example and the body whose type must accept it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExampleUse {
    /// The operation's method name (`Operation::id`).
    pub operation: String,
    /// The response status, or `None` for a response without one.
    pub status: Option<u16>,
    /// A request body rather than a response.
    pub request: bool,
    pub value: Value,
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The Rust method name, unique in the crate.
    pub id: String,
    pub method: Method,
    pub path: PathTemplate,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub params: Vec<OpParam>,
    pub request: Option<RequestBody>,
    pub responses: Vec<OpResponse>,
    /// Names of `Api::auth` schemes this operation accepts; empty means none needed.
    pub auth: Vec<String>,
    pub server: Option<String>,
    pub deprecated: bool,
    pub origins: Vec<Origin>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpParam {
    pub name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: Ty,
    pub docs: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RequestBody {
    pub content_type: String,
    pub kind: BodyKind,
    /// The JSON body type, or the form type (a struct whose fields are the form fields).
    pub ty: Option<Ty>,
    pub file_fields: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OpResponse {
    pub status: Option<u16>,
    pub description: Option<String>,
    pub kind: BodyKind,
    pub ty: Option<Ty>,
    /// The type comes from prose or the API's structure, not from this body's own evidence,
    /// and the documents never show the body: an empty one is accepted too (`Option<T>`).
    pub may_be_empty: bool,
    /// No document shows this response: it stands for the success the operation must have,
    /// so that its body is not thrown away. It is not a documented status.
    pub undocumented: bool,
    /// Where `ty` is a union with one variant per media type (chosen by `Content-Type`), the
    /// media types in the order of its variants; its last variant, past these, takes any JSON.
    pub media: Vec<String>,
}

/// A decision recorded for the report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Decision {
    pub kind: DecisionKind,
    /// What it is about: `Client.settings.content_filter_regex`, `GET /ss/api/usage`.
    pub subject: String,
    pub detail: String,
    pub evidence: Vec<Origin>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DecisionKind {
    SourceConflict,
    OperationMerged,
    PathParameter,
    ExampleRejected,
    Alias,
    /// Objects under different names found to be one type.
    Merged,
    Map,
    /// An enum from values the prose lists.
    Enum,
    Union,
    Widened,
    Optional,
    Nullable,
    NoEvidence,
    /// A success body the documents do not show, typed from prose or the API's structure.
    ResponseBody,
    /// Strings typed as timestamps or lengths of time.
    Time,
    /// A JSON sample written in a description, read as weak evidence (or repaired, or not read).
    ProseSample,
    Override,
    /// A name from the spec that would clash with one the crate or std already uses.
    Renamed,
    /// A credential in the inputs replaced by a placeholder in every emitted file.
    Redacted,
    /// Webhooks and callbacks: which were generated and how their events are told apart.
    Webhook,
    /// A document's example that does not fit the schema the same document gives its body.
    ExampleContradictsSchema,
}
