//! The generated error enums and their `DocumentedErrors` impls, written once: GitHub's
//! crate has hundreds of them, each the same `match` on the status.
//!
//! A module's error enums are written inside one `documented_errors! { ... }` call, as Rust
//! items, each variant's status marked on its line by how its body is read:
//!
//! ```text
//! documented_errors! {
//!     /// The documented error responses of ...
//!     #[derive(Clone, Debug, PartialEq)]
//!     pub enum GetThingError {
//!         /// Status 404: Not found
//!         #[status = 404] NotFound(crate::models::BasicError),
//!         /// Status 409.
//!         #[text = 409] Conflict(String),
//!         /// Status 304.
//!         #[empty = 304] NotModified,
//!         /// Another status, or a body that does not match its documented type.
//!         Other(crate::ErrorBody),
//!     }
//! }
//! ```
//!
//! `status`: the body is decoded into the variant (into `Other` when it does not match its
//! type); `text`: the body kept as it is; `empty`: no body. Any other status is `Other`. The
//! macro matches the attributes token by token (docs first), and `Other` is one of the
//! variants for it, so that its docs parse like theirs. No recursion: one flat expansion
//! per enum.

macro_rules! documented_errors {
    // Each enum on its own (see `model!`).
    ($($(#[$em:meta])* pub enum $name:ident { $($body:tt)* })+) => {$(
        documented_errors!(@enum $(#[$em])* pub enum $name { $($body)* });
    )+};
    (@enum
        $(#[$em:meta])*
        pub enum $name:ident {
            $($(#[doc = $doc:literal])* $(#[status = $typed:literal])? $(#[text = $text:literal])? $(#[empty = $none:literal])? $v:ident $(($t:ty $(,)?))?),* $(,)?
        }
    ) => {
        $(#[$em])*
        pub enum $name {
            $($(#[doc = $doc])* $v $(($t))?,)*
        }
        impl crate::runtime::DocumentedErrors for $name {
            fn decode(status: u16, body: &::bytes::Bytes) -> Self {
                match status {
                    $($($typed => crate::runtime::error_variant(body, Self::$v, Self::Other),)?)*
                    $($($text => Self::$v(String::from_utf8_lossy(body).into_owned()),)?)*
                    $($($none => Self::$v,)?)*
                    _ => Self::Other(crate::ErrorBody::parse(body)),
                }
            }
        }
    };
}
pub(crate) use documented_errors;
