//! serde_json's pretty printing (two spaces a level), with each line's indent written at
//! once: `PrettyFormatter` writes it two bytes at a time, two million writes for GitHub's
//! `openapi.json` (275,000 lines, 15 spaces a line on average). [`Pretty`] is the formatter
//! for serde; [`Writer`] writes the same text without serde, its strings scanned eight bytes
//! at a time (serde_json looks up each byte).

use serde::Serialize;
use serde_json::ser::Formatter;
use serde_json::Value;
use std::io::{self, Write};

/// A separator, then a new line's indent: `,` `\n` and spaces for 128 levels.
const LINE: &[u8; 2 + 2 * 128] = &{
    let mut line = [b' '; 2 + 2 * 128];
    line[0] = b',';
    line[1] = b'\n';
    line
};

/// Writes exactly what `serde_json::ser::PrettyFormatter::new()` writes.
#[derive(Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A new line (after a comma unless `first`) indented to the current depth.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let (line, more) = line(self.depth, first);
        w.write_all(line)?;
        (0..more).try_for_each(|_| w.write_all(b" "))
    }

    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    /// The closing bracket, on a line of its own unless nothing came since the opening one.
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The new line (after a comma unless `first`) before a member or an element, indented to
/// `depth`: a slice of [`LINE`], and how many spaces more where it is deeper than the table.
fn line(depth: usize, first: bool) -> (&'static [u8], usize) {
    let (from, end) = (usize::from(first), 2 + 2 * depth);
    match LINE.get(from..end) {
        Some(line) => (line, 0),
        None => (LINE.get(from..).unwrap_or_default(), end - LINE.len()),
    }
}

/// JSON text written piece by piece, byte for byte what [`write()`] writes for the same values.
#[derive(Default)]
pub struct Writer {
    pub out: Vec<u8>,
    depth: usize,
    /// Nothing written yet in the innermost object or list.
    first: bool,
    /// On one line, as `serde_json::to_writer` writes.
    compact: bool,
}

impl Writer {
    pub fn with_capacity(bytes: usize) -> Writer {
        Writer { out: Vec::with_capacity(bytes), ..Writer::default() }
    }

    /// Writes onto `out` on one line.
    pub fn compact(out: Vec<u8>) -> Writer {
        Writer { out, compact: true, ..Writer::default() }
    }

    /// Opens an object (`{`) or a list (`[`).
    #[inline]
    pub fn open(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.depth += 1;
        self.first = true;
    }

    /// Closes what [`Writer::open`] opened: `}` or `]`, on a line of its own unless empty.
    #[inline]
    pub fn close(&mut self, bracket: u8) {
        self.depth = self.depth.saturating_sub(1);
        if !self.first {
            self.line(true);
        }
        self.out.push(bracket);
        self.first = false;
    }

    /// Starts a list's element.
    #[inline]
    pub fn element(&mut self) {
        self.line(self.first);
        self.first = false;
    }

    #[inline]
    fn line(&mut self, first: bool) {
        if self.compact {
            if !first {
                self.out.push(b',');
            }
            return;
        }
        let (line, more) = line(self.depth, first);
        self.out.extend_from_slice(line);
        self.out.resize(self.out.len() + more, b' ');
    }

    /// Starts an object's member: its key, then its value is written.
    #[inline]
    pub fn key(&mut self, key: &str) {
        self.element();
        self.string(key);
        self.out.extend_from_slice(if self.compact { b":" } else { b": " });
    }

    /// A value as serde_json writes it.
    pub fn value(&mut self, value: &Value) {
        match value {
            Value::Null => self.out.extend_from_slice(b"null"),
            Value::Bool(b) => self.bool(*b),
            Value::Number(n) => {
                // serde_json's own digits (itoa and ryu); a number cannot fail to write.
                let _ = serde_json::to_writer(&mut self.out, n);
            }
            Value::String(s) => self.string(s),
            Value::Array(list) => {
                self.open(b'[');
                for v in list {
                    self.element();
                    self.value(v);
                }
                self.close(b']');
            }
            Value::Object(map) => {
                self.open(b'{');
                for (k, v) in map {
                    self.key(k);
                    self.value(v);
                }
                self.close(b'}');
            }
        }
    }

    /// A string in quotes, escaped as serde_json escapes it: `"`, `\\` and control characters.
    #[inline]
    pub fn string(&mut self, s: &str) {
        self.out.push(b'"');
        self.escaped(s);
        self.out.push(b'"');
    }

    /// The parts as one string, without joining them first.
    pub fn string_of(&mut self, parts: &[&str]) {
        self.out.push(b'"');
        parts.iter().for_each(|part| self.escaped(part));
        self.out.push(b'"');
    }

    #[inline]
    pub fn bool(&mut self, b: bool) {
        self.out.extend_from_slice(if b { b"true" } else { b"false" });
    }

    /// An object whose members `members` writes.
    pub fn object(&mut self, members: impl FnOnce(&mut Writer)) {
        self.open(b'{');
        members(self);
        self.close(b'}');
    }

    /// A member whose value is a string.
    #[inline]
    pub fn key_string(&mut self, key: &str, s: &str) {
        self.key(key);
        self.string(s);
    }

    /// A list of strings.
    pub fn strings<'s>(&mut self, list: impl IntoIterator<Item = &'s str>) {
        self.open(b'[');
        for s in list {
            self.element();
            self.string(s);
        }
        self.close(b']');
    }

    /// A string's text, escaped, without quotes: the runs between the bytes that need an
    /// escape copied whole, those bytes found eight at a time (a byte at a time, the ends of
    /// short strings made this the costliest function of emit on GitHub's description).
    fn escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        let mut done = 0;
        while let Some(at) = next_escape(bytes, done) {
            self.out.extend_from_slice(&bytes[done..at]);
            done = at + 1;
            let b = bytes[at];
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                0x08 => b'b',
                0x0c => b'f',
                _ => b'u',
            };
            self.out.push(b'\\');
            self.out.push(short);
            if short == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.extend_from_slice(&[b'0', b'0', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
            }
        }
        self.out.extend_from_slice(&bytes[done..]);
    }
}

/// Where the first byte at or after `from` that needs an escape is: `"`, `\\` or below 0x20.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    // Sixteen bytes at a time while none does (a fold without an early exit, which the
    // compiler turns into vector compares), then the exact position eight at a time.
    while let Some(chunk) = bytes.get(at..at + 16) {
        if chunk.iter().fold(false, |any, &b| any | needs_escape(b)) {
            break;
        }
        at += 16;
    }
    while let Some(word) = bytes.get(at..at + 8) {
        let found = escapes(u64::from_le_bytes(word.try_into().unwrap_or_default()));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    // The last bytes: the string's last eight, those before `at` left out, else one by one.
    if at < bytes.len() && bytes.len() >= 8 {
        let start = bytes.len() - 8;
        let word = u64::from_le_bytes(bytes[start..].try_into().unwrap_or_default());
        let found = escapes(word) & (u64::MAX << (8 * (at - start)));
        return (found != 0).then(|| start + found.trailing_zeros() as usize / 8);
    }
    bytes[at.min(bytes.len())..].iter().position(|&b| needs_escape(b)).map(|n| at + n)
}

fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// The high bit of each of the eight bytes that is `"`, `\\` or below 0x20, and of no other
/// (exact: no borrow runs from one byte into the next, so the lowest bit set is the first).
fn escapes(word: u64) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let zero = |w: u64| !(((w & LOW) + LOW) | w | LOW);
    zero(word & (ONES * 0xe0)) | zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')))
}

/// `value` pretty-printed onto `out`, as `serde_json::to_writer_pretty` writes it.
pub fn write<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Pretty::default()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let mut deep = json!([]);
        for at in 0..300 {
            deep = json!({"level": at, "empty": {}, "none": [], "list": [1, "two", deep, {"k": null}]});
        }
        let mut ours = Vec::new();
        super::write(&mut ours, &deep).unwrap();
        let theirs = serde_json::to_string_pretty(&deep).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        let mut writer = super::Writer::default();
        writer.value(&deep);
        assert_eq!(String::from_utf8(writer.out).unwrap(), theirs);
        let mut writer = super::Writer::compact(b"x".to_vec());
        writer.value(&deep);
        assert_eq!(String::from_utf8(writer.out).unwrap(), format!("x{}", serde_json::to_string(&deep).unwrap()));
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let all: String = (0u8..0x80).map(char::from).chain("é😀\u{7f}\u{2028}".chars()).collect();
        let mut cases = vec![all.clone(), String::new(), "plain text, longer than eight bytes".into()];
        for at in 0..0x80 {
            cases.push(format!("{}{}", &"0123456789abcdef"[..at % 16], &all[at..at + 1]));
        }
        for s in cases {
            let mut writer = super::Writer::default();
            writer.string(&s);
            assert_eq!(String::from_utf8(writer.out).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}
