//! The hand-written runtime every generated crate carries: HTTP transport, auth, retries,
//! errors and the serde helpers the models use. It is the same in every crate; only the
//! operations and models around it are generated.

// Each API uses a different part of the runtime (one has no form bodies, another no basic
// auth), and the runtime is the same file in every crate.
#![allow(dead_code, unused_imports)]

mod client;
mod encode;
mod error;
mod serde_helpers;

pub use client::{Client, ClientBuilder, FilePart, RetryPolicy};
pub use error::{ApiError, DecodeError, Error};
#[doc(hidden)]
pub use client::{Body, Credential, RawResponse, RequestSpec};
#[doc(hidden)]
pub use encode::{base64, encode_path_segment, form_fields};
#[doc(hidden)]
pub use serde_helpers::{double_option, present_value};
