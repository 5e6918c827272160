//! The impls every generated enum of wire values has, written once: 286 enums in GitHub's
//! crate would otherwise spell the same five impls each (about 9,000 lines).
//!
//! `wire_enum!(str|i64: Name, open, [Variant = wire, ...]; Next, ...);` at the end of the
//! module of `pub enum Name { Variant, ..., Other(String|i64) }`, one call for the enums of
//! each wire type, so that the calls of small enums share lines. Per enum: the getter
//! (`as_str` or `code`), `From` the wire type, `Display` (the wire value, so that it can be a query parameter),
//! `Serialize`, and `Deserialize`, which keeps an unknown value in `Other` when `open` is
//! `true` and rejects it otherwise. No recursion: the decode bench copies this file elsewhere.

macro_rules! wire_enum {
    (str: $($name:ident, $open:literal, [$($v:ident = $w:literal),* $(,)?]);+ $(;)?) => {$(
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
                match (Self::from(<String as ::serde::Deserialize>::deserialize(d)?), $open) {
                    (Self::Other(v), false) => Err(::serde::de::Error::custom(format!("unknown value {v}"))),
                    (known, _) => Ok(known),
                }
            }
        }
    )+};
    (i64: $($name:ident, $open:literal, [$($v:ident = $w:literal),* $(,)?]);+ $(;)?) => {$(
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
                match (Self::from(<i64 as ::serde::Deserialize>::deserialize(d)?), $open) {
                    (Self::Other(v), false) => Err(::serde::de::Error::custom(format!("unknown value {v}"))),
                    (known, _) => Ok(known),
                }
            }
        }
    )+};
}
pub(crate) use wire_enum;
