//! JSON pointers and local references, as the readers of OpenAPI and JSON Schema use them.

use serde_json::Value;

/// `base` one step deeper, with `key` escaped as RFC 6901 asks: as `model::pointer_child`, with
/// the key copied, not formatted (the readers build hundreds of thousands of pointers, most
/// with a text key: 35 of 1,350 samples of reading GitHub's description went to formatting them).
pub(crate) fn child(base: &str, key: impl Segment) -> String {
    let mut out = String::with_capacity(base.len() + 1 + key.len_hint());
    out.push_str(base);
    out.push('/');
    key.push_escaped(&mut out);
    out
}

/// A key of a JSON pointer: a member's name or an element's index.
pub(crate) trait Segment {
    /// About how many bytes the key takes.
    fn len_hint(&self) -> usize;
    /// The key, with `~` and `/` escaped as `~0` and `~1`.
    fn push_escaped(&self, out: &mut String);
}

impl Segment for &str {
    fn len_hint(&self) -> usize {
        self.len()
    }

    fn push_escaped(&self, out: &mut String) {
        if memchr::memchr2(b'~', b'/', self.as_bytes()).is_none() {
            out.push_str(self);
            return;
        }
        for c in self.chars() {
            match c {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                c => out.push(c),
            }
        }
    }
}

impl Segment for &String {
    fn len_hint(&self) -> usize {
        self.len()
    }

    fn push_escaped(&self, out: &mut String) {
        self.as_str().push_escaped(out);
    }
}

impl Segment for &&str {
    fn len_hint(&self) -> usize {
        self.len()
    }

    fn push_escaped(&self, out: &mut String) {
        (**self).push_escaped(out);
    }
}

impl Segment for String {
    fn len_hint(&self) -> usize {
        self.len()
    }

    fn push_escaped(&self, out: &mut String) {
        self.as_str().push_escaped(out);
    }
}

impl Segment for usize {
    fn len_hint(&self) -> usize {
        4
    }

    fn push_escaped(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = write!(out, "{self}");
    }
}

/// The JSON pointer of a local reference (`#/components/schemas/A`), percent-decoded; `None` for
/// a reference to another file or URL.
pub(crate) fn local_pointer(reference: &str) -> Option<String> {
    let fragment = reference.strip_prefix('#')?;
    Some(percent_decode(fragment))
}

/// The last segment of `pointer` if it is `prefix/<name>`, unescaped.
pub(crate) fn component_name(pointer: &str, prefix: &str) -> Option<String> {
    let rest = pointer.strip_prefix(prefix)?.strip_prefix('/')?;
    if rest.contains('/') {
        return None;
    }
    // Most names have nothing to unescape: one copy, not two replaced ones.
    if !rest.contains('~') {
        return Some(rest.to_string());
    }
    Some(rest.replace("~1", "/").replace("~0", "~"))
}

fn percent_decode(raw: &str) -> String {
    // Most references have no escape: a copy, not a byte-by-byte decode and a UTF-8 check (a
    // reference is decoded wherever the document has one, 13 M instructions on GitHub's).
    if memchr::memchr(b'%', raw.as_bytes()).is_none() {
        return raw.to_string();
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_string())
}

/// The value at a JSON pointer.
pub(crate) fn resolve<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.is_empty() {
        return Some(value);
    }
    value.pointer(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_pointers_are_percent_decoded_and_external_ones_refused() {
        assert_eq!(local_pointer("#/components/schemas/A%20B").as_deref(), Some("/components/schemas/A B"));
        assert_eq!(local_pointer("other.yaml#/A"), None);
        assert_eq!(component_name("/components/schemas/a~1b", "/components/schemas").as_deref(), Some("a/b"));
        assert_eq!(component_name("/components/schemas/a/properties/b", "/components/schemas"), None);
    }

    #[test]
    fn children_are_those_of_the_model() {
        for key in ["a", "", "a/b", "~", "~1/~0", "é/ü~", "{id}"] {
            assert_eq!(child("/paths", key), crate::model::pointer_child("/paths", key));
            assert_eq!(child("", key.to_string()), crate::model::pointer_child("", key));
        }
        assert_eq!(child("/p/parameters", 12usize), "/p/parameters/12");
    }
}
