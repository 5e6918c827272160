//! The hand-written runtime every generated crate carries: HTTP transport, auth, retries,
//! errors, streams and the serde helpers the models use. It is the same in every crate; only
//! the operations and models around it are generated.

// Each API uses a different part of the runtime (one has no form bodies, another no basic
// auth), and the runtime is the same file in every crate.
#![allow(dead_code, unused_imports, unused_macros)]

mod body;
mod client;
#[macro_use]
mod documented_errors;
mod encode;
mod error;
#[macro_use]
pub(crate) mod model;
mod paginate;
mod request;
mod serde_helpers;
mod timespan;
mod timestamp;
mod transport;
#[macro_use]
mod wire_enum;

pub use body::{ByteStream, FilePart};
pub use client::{Client, ClientBuilder, RetryPolicy, DEFAULT_MAX_RESPONSE_BYTES};
pub use error::{ApiError, DecodeError, Error, ErrorBody};
pub use paginate::Paginator;
pub use request::{Request, Sending};
pub use timespan::TimeSpan;
pub use timestamp::Timestamp;
#[doc(hidden)]
pub use request::{DocumentedErrors, FromErrorResponse};
#[doc(hidden)]
pub use client::Credential;
#[doc(hidden)]
pub use encode::{encode_path_segment, fill_template, form_fields};
#[doc(hidden)]
pub use paginate::Page;
#[doc(hidden)]
pub use serde_helpers::{lenient, lenient_double, lenient_some, nullable, present_value};
#[doc(hidden)]
pub use transport::{error_variant, Body, RawResponse, RequestSpec};
pub(crate) use documented_errors::documented_errors;
pub(crate) use wire_enum::wire_enum;
pub(crate) use model::model;
