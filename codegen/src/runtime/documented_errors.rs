//! The `DocumentedErrors` impl of a generated error enum, written once: GitHub's crate has
//! hundreds of them, each the same `match` on the status.
//!
//! `documented_errors!(Name, [typed statuses], [text statuses], [statuses without a body]; ...);`
//! (one call per module, `;` between its enums), each list `status => Variant`: a typed body
//! is decoded into the variant (into `Other` when it does not match its type), a text body
//! kept as it is, and any other status is `Other`.

macro_rules! documented_errors {
    ($($name:ident, [$($typed:literal => $tv:ident),*], [$($text:literal => $xv:ident),*], [$($none:literal => $nv:ident),*]);+ $(;)?) => {$(
        impl crate::runtime::DocumentedErrors for $name {
            fn decode(status: u16, body: &::bytes::Bytes) -> Self {
                match status {
                    $($typed => crate::runtime::error_variant(body, Self::$tv, Self::Other),)*
                    $($text => Self::$xv(String::from_utf8_lossy(body).into_owned()),)*
                    $($none => Self::$nv,)*
                    _ => Self::Other(crate::ErrorBody::parse(body)),
                }
            }
        }
    )+};
}
pub(crate) use documented_errors;
