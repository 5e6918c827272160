//! The generated structs and their serde impls, written once: each module's structs are
//! written inside one `model! { ... }` call, as Rust items, each field's way of travelling
//! marked on its own line, and the map of unknown fields last:
//!
//! ```text
//! model! {
//!     /// A user.
//!     #[derive(Clone, Debug, PartialEq, Default)]
//!     pub struct User {
//!         #[kind = Nullable] pub name: Option<Option<String>>,
//!         /// The kind of user.
//!         #[json = "type"] #[alias = "kind"] pub r#type: Option<String>,
//!         #[extra] pub extra: ::serde_json::Map<String, ::serde_json::Value>,
//!     }
//! }
//! ```
//!
//! Per field, in this order: its docs, `#[json = ".."]` where the JSON name is not the Rust
//! name (always for raw identifiers), `#[kind = ..]` (below; none is [`Auto`], which an
//! optional field's `Option` needs no more than a required field's other types) and an
//! `#[alias = ".."]` per other name it is read under. The macro matches these attributes
//! token by token (a `$(#[$m:meta])*` could not tell the last field, `#[extra]`, from the
//! others), so a field takes no other attribute. `Serialize` writes the known fields in
//! order (an absent optional one left out), then the unknown ones, as they arrived.
//! `Deserialize` reads a JSON object key by key: a known key into its field (a key seen
//! twice is an error), any other key into the map of unknown fields. That is what
//! `#[serde(flatten)]` did, without buffering every object into serde's private tree first
//! (decoding took 1.10-1.15x the time of a plain derive). Like serde's derive, a missing
//! required `Option` is `None` and any other missing required field is an error naming it.
//!
//! The struct is written once, with how each field travels on its line, where a call beside
//! the struct named every field a second time. No recursion: one flat expansion per struct,
//! so that a crate with 1,000 structs compiles quickly (the decode bench parses the calls
//! back into serde attributes).

use serde::de::{self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};
use std::borrow::Cow;
use std::marker::PhantomData;

macro_rules! model {
    // Each struct on its own, by the short name the crate calls the macro by: matched all at
    // once, a module's call took twice the time to expand (the matcher's work grows faster
    // than the call).
    ($($(#[$sm:meta])* pub struct $name:ident { $($body:tt)* })+) => {$(
        model!(@struct $(#[$sm])* pub struct $name { $($body)* });
    )+};
    (@struct
        $(#[$sm:meta])*
        pub struct $name:ident {
            $($(#[doc = $doc:literal])* $(#[json = $json:literal])? $(#[kind = $kind:ident])? $(#[alias = $alias:literal])* pub $f:ident : $t:ty,)*
            #[extra] pub $extra:ident : $et:ty $(,)?
        }
    ) => {
        $(#[$sm])*
        pub struct $name {
            $($(#[doc = $doc])* pub $f: $t,)*
            pub $extra: $et,
        }
        const _: () = {
            use $crate::runtime::model as m;
            // The JSON name of each field.
            #[allow(non_upper_case_globals)]
            mod keys {
                $(pub const $f: &str = [$($json,)? stringify!($f)][0];)*
            }
            // The kind of each field (`Auto` where the call names none).
            #[allow(non_camel_case_types)]
            mod kinds {
                $(pub type $f = <($($crate::runtime::model::$kind,)?) as $crate::runtime::model::Pick>::Kind;)*
            }
            impl ::serde::Serialize for $name {
                fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                    use ::serde::ser::SerializeMap;
                    // Unused where every field is an `Option` of kind `Auto` (see `Field`).
                    #[allow(unused_imports)]
                    use m::SkipField as _;
                    let mut map = s.serialize_map(::std::option::Option::None)?;
                    $(if !m::Field::<_, kinds::$f>(&self.$f, ::std::marker::PhantomData).skip() {
                        map.serialize_entry(keys::$f, &self.$f)?;
                    })*
                    for (k, v) in &self.$extra {
                        map.serialize_entry(k, v)?;
                    }
                    map.end()
                }
            }
            impl<'de> ::serde::Deserialize<'de> for $name {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                    struct V;
                    impl<'de> ::serde::de::Visitor<'de> for V {
                        type Value = $name;
                        fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.write_str(concat!("struct ", stringify!($name)))
                        }
                        fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::std::result::Result<$name, A::Error> {
                            $(let mut $f = ::std::option::Option::None;)*
                            let mut $extra = ::serde_json::Map::new();
                            while let ::std::option::Option::Some(key) = map.next_key::<m::Key<'de>>()? {
                                match key.as_str() {
                                    $(keys::$f $(| $alias)* => {
                                        if $f.is_some() {
                                            return ::std::result::Result::Err(<A::Error as ::serde::de::Error>::duplicate_field(keys::$f));
                                        }
                                        $f = ::std::option::Option::Some(map.next_value_seed(m::Seed::<_, kinds::$f>(::std::marker::PhantomData))?);
                                    })*
                                    _ => {
                                        let value = map.next_value()?;
                                        $extra.insert(key.into_string(), value);
                                    }
                                }
                            }
                            ::std::result::Result::Ok($name {
                                $($f: match $f {
                                    ::std::option::Option::Some(v) => v,
                                    ::std::option::Option::None => <kinds::$f as m::Read<'de, _>>::missing::<A::Error>(keys::$f)?,
                                },)*
                                $extra,
                            })
                        }
                    }
                    d.deserialize_map(V)
                }
            }
        };
    };
}
pub(crate) use model;

/// Picks a field's kind: the one the call names, or [`Auto`].
pub trait Pick {
    type Kind;
}
impl Pick for () {
    type Kind = Auto;
}
impl<K> Pick for (K,) {
    type Kind = K;
}

/// How a kind of field is read, and what it is when its key is missing.
pub trait Read<'de, T> {
    fn read<D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
    fn missing<E: de::Error>(name: &'static str) -> Result<T, E>;
}

/// Whether a kind of field is left out of the output.
pub trait Skip<T> {
    fn skip(value: &T) -> bool;
}

/// A field the call names no kind for: read as its type, `None` when missing if it is an
/// `Option` and an error otherwise (serde's rule); an `Option` left out when `None`.
pub struct Auto;
/// A required field: as [`Auto`], but a `None` is sent (as `null`).
pub struct Req;
/// An optional field: `None` when missing, left out when `None`.
pub struct Opt;
/// An optional field that may be `null`: missing is `None`, `null` is `Some(None)`.
pub struct Nullable;
/// An optional untyped field: a `null` that arrived is `Some(Value::Null)`, sent back.
pub struct PresentValue;
/// A required field that also accepts its value written as a string.
pub struct Lenient;
/// An optional field that also accepts its value written as a string.
pub struct LenientSome;
/// An optional, nullable field that also accepts its value written as a string.
pub struct LenientDouble;

/// The kinds read as their type.
macro_rules! as_itself {
    ($($kind:ident)*) => {$(
        impl<'de, T: Deserialize<'de>> Read<'de, T> for $kind {
            fn read<D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
                T::deserialize(d)
            }
            fn missing<E: de::Error>(name: &'static str) -> Result<T, E> {
                T::deserialize(Missing(name, PhantomData))
            }
        }
    )*};
}
as_itself!(Auto Req);

impl<'de, T: DeserializeOwned> Read<'de, T> for Lenient {
    fn read<D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        crate::runtime::lenient(d)
    }
    // serde's derive gives a `deserialize_with` field no default, even an `Option`.
    fn missing<E: de::Error>(name: &'static str) -> Result<T, E> {
        Err(E::missing_field(name))
    }
}

/// The optional kinds: `None` when missing, left out when `None`.
macro_rules! optional {
    ($($kind:ident [$($g:tt)*] $ty:ty => $read:expr;)*) => {$(
        impl<'de, $($g)*> Read<'de, $ty> for $kind {
            fn read<D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                $read(d)
            }
            fn missing<E: de::Error>(_: &'static str) -> Result<$ty, E> {
                Ok(None)
            }
        }
    )*};
}
optional! {
    Opt [T: Deserialize<'de>] Option<T> => Option::<T>::deserialize;
    Nullable [T: Deserialize<'de>] Option<Option<T>> => crate::runtime::nullable;
    PresentValue [] Option<serde_json::Value> => crate::runtime::present_value;
    LenientSome [T: DeserializeOwned] Option<T> => crate::runtime::lenient_some;
    LenientDouble [T: DeserializeOwned] Option<Option<T>> => crate::runtime::lenient_double;
}

macro_rules! skip_never {
    ($($kind:ident)*) => {$(
        impl<T> Skip<T> for $kind {
            fn skip(_: &T) -> bool {
                false
            }
        }
    )*};
}
// `Auto`'s `Option`s are left out by `Field`'s own `skip`.
skip_never!(Auto Req Lenient);
macro_rules! skip_none {
    ($($kind:ident)*) => {$(
        impl<T> Skip<Option<T>> for $kind {
            fn skip(value: &Option<T>) -> bool {
                value.is_none()
            }
        }
    )*};
}
skip_none!(Opt Nullable PresentValue LenientSome LenientDouble);

/// A field's value and its kind (`K`), which say whether it is left out of the output.
pub struct Field<'a, T, K>(pub &'a T, pub PhantomData<K>);

/// An `Option` of kind [`Auto`] is left out when `None`. Inherent, so that it is picked
/// before [`SkipField`] where it applies; everything else asks the kind.
impl<T> Field<'_, Option<T>, Auto> {
    pub fn skip(&self) -> bool {
        self.0.is_none()
    }
}

/// Whether a field is left out of the output, as its kind says.
pub trait SkipField {
    fn skip(&self) -> bool;
}
impl<T, K: Skip<T>> SkipField for Field<'_, T, K> {
    fn skip(&self) -> bool {
        K::skip(self.0)
    }
}

/// Reads one field's value the way its kind says.
pub struct Seed<T, K>(pub PhantomData<fn() -> (T, K)>);

impl<'de, T, K: Read<'de, T>> DeserializeSeed<'de> for Seed<T, K> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        K::read(d)
    }
}

/// An object key, borrowed from the input where it has no escapes: a known key costs no
/// allocation.
pub struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The value of a missing field: `None` for an `Option`, the error "missing field" for
/// anything else, as serde's derive does it.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}
