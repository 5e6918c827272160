//! The generated enums of wire values and the impls each has, written once: 286 enums in
//! GitHub's crate would otherwise spell the same five impls each (about 9,000 lines).
//!
//! A module's enums are written inside one `wire_enum! { ... }` call, as Rust items but for
//! the wire type and whether unknown values are kept, after the name:
//!
//! ```text
//! wire_enum! {
//!     /// The state.
//!     #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
//!     pub enum State: str, open {
//!         Open = "open",
//!         /// `in-progress`
//!         InProgress = "in-progress",
//!         /// A value this crate does not know yet, kept as it arrived.
//!         Other(String),
//!     }
//! }
//! ```
//!
//! `str` enums travel as strings (`Other(String)`), `i64` ones as numbers (`Other(i64)`);
//! `open` keeps an unknown value in `Other`, `closed` rejects it. A variant is its docs, then
//! its name and wire value (the macro matches `#[doc]` token by token, as `model!` does);
//! `Other` is one of the variants for the macro, so that its docs parse like theirs. Per
//! enum: the getter (`as_str` or `code`), `From` the wire type, `Display` (the wire value,
//! so that it can be a query parameter), `Serialize`, and `Deserialize`. No recursion: each
//! enum is one expansion of the arm of its wire type (the decode bench copies this file).

macro_rules! wire_enum {
    // Each enum on its own, by the short name the crate calls the macro by (the decode bench
    // copies this file into a module of its own): matched all at once, a module's call took
    // twice the time to expand (the matcher's work grows faster than the call).
    ($($(#[$em:meta])* pub enum $name:ident: $wire:ident, $open:ident { $($body:tt)* })+) => {$(
        wire_enum!(@enum $(#[$em])* pub enum $name: $wire, $open { $($body)* });
    )+};
    (@enum
        $(#[$em:meta])*
        pub enum $name:ident: $wire:ident, $open:ident {
            $($(#[doc = $doc:literal])* $v:ident $(= $w:literal)? $(($other:ty $(,)?))?),* $(,)?
        }
    ) => {
        $(#[$em])*
        pub enum $name {
            $($(#[doc = $doc])* $v $(($other))?,)*
        }
        wire_enum!(@$wire $name, $open, [$($($v = $w,)?)*]);
    };
    (@str $name:ident, $open:ident, [$($v:ident = $w:literal,)*]) => {
        impl $name {
            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$v => $w,)*
                    Self::Other(v) => v,
                }
            }
        }
        impl From<String> for $name {
            fn from(v: String) -> Self {
                match v.as_str() {
                    $($w => Self::$v,)*
                    _ => Self::Other(v),
                }
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // `open` and `closed` as values: any other word is an error.
                #[allow(non_upper_case_globals, dead_code)]
                const open: bool = true;
                #[allow(non_upper_case_globals, dead_code)]
                const closed: bool = false;
                match (Self::from(<String as ::serde::Deserialize>::deserialize(d)?), $open) {
                    (Self::Other(v), false) => Err(::serde::de::Error::custom(format!("unknown value {v}"))),
                    (known, _) => Ok(known),
                }
            }
        }
    };
    (@i64 $name:ident, $open:ident, [$($v:ident = $w:literal,)*]) => {
        impl $name {
            /// The code as the API sends it.
            pub fn code(&self) -> i64 {
                match self {
                    $(Self::$v => $w,)*
                    Self::Other(v) => *v,
                }
            }
        }
        impl From<i64> for $name {
            fn from(v: i64) -> Self {
                match v {
                    $($w => Self::$v,)*
                    _ => Self::Other(v),
                }
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.code(), f)
            }
        }
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.code())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // `open` and `closed` as values: any other word is an error.
                #[allow(non_upper_case_globals, dead_code)]
                const open: bool = true;
                #[allow(non_upper_case_globals, dead_code)]
                const closed: bool = false;
                match (Self::from(<i64 as ::serde::Deserialize>::deserialize(d)?), $open) {
                    (Self::Other(v), false) => Err(::serde::de::Error::custom(format!("unknown value {v}"))),
                    (known, _) => Ok(known),
                }
            }
        }
    };
}
pub(crate) use wire_enum;
