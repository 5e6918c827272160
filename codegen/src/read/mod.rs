//! Readers: one module per input format, each turning a parsed document into a [`Source`].
//!
//! Every document is parsed into a `serde_json::Value` first (YAML through serde_yaml; a YAML
//! stream of several documents gives its first non-empty one), its format is detected from the
//! content, and the matching reader builds the model.

mod context;
pub mod detect;
pub mod locate;
pub mod locate_many;
pub mod openapi;
mod parts;
pub mod path;
mod pointer;
pub mod postman;
pub mod repair;
pub mod redact;
pub mod schema;
mod split_json;
pub mod swagger2;

use crate::diag::{Diagnostics, Error};
use crate::model::{Format, Origin, Source};
use serde_json::Value;

/// A parsed input file. `text` is kept so diagnostics can name lines.
#[derive(Clone, Debug)]
pub struct Document {
    pub file: String,
    pub text: String,
    pub value: Value,
    pub is_yaml: bool,
    /// Where the top levels' values start, when the split parse read the text.
    pub places: locate_many::Places,
}

impl Document {
    pub fn origin(&self, pointer: &str) -> Origin {
        Origin::new(&self.file, pointer)
    }

    /// The 1-based line where the value at `pointer` starts, when it can be found. A scan of
    /// the text: for an error, which stops the run; warnings are located all at once
    /// ([`Document::lines_of`]).
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        if self.is_yaml {
            locate::yaml_line(&self.text, pointer)
        } else {
            locate::json_line(&self.text, pointer)
        }
    }

    /// [`Document::line_of`] for each of `pointers`, in one scan of the text.
    pub fn lines_of(&self, pointers: &[&str]) -> Vec<Option<usize>> {
        if self.is_yaml {
            locate_many::yaml_lines(&self.text, pointers)
        } else {
            locate_many::json_lines_in(&self.text, pointers, &self.places)
        }
    }
}

/// Parses `text` as JSON, or else as YAML. Neither: an error naming the file and the line.
pub fn parse_document(file: &str, text: &str) -> Result<Document, Error> {
    parse_text(file, text.to_string())
}

/// [`parse_document`] keeping `text` as the document's text instead of a copy of it (13 MB for
/// GitHub's description).
fn parse_text(file: &str, mut text: String) -> Result<Document, Error> {
    let origin = Origin::new(file, "");
    let bom = text.len() - text.trim_start_matches('\u{feff}').len();
    text.drain(..bom);
    let trimmed = text.as_str();
    if trimmed.trim().is_empty() {
        return Err(Error::at(&origin, None, "the file is empty"));
    }
    let looks_like_json = matches!(trimmed.trim_start().chars().next(), Some('{') | Some('['));
    // API documents nest far less than serde_json's own limit (128), and a document that parses
    // within it needs no scan for depth first (it was 90 M instructions, 1.6% of the run, on
    // GitHub's description). Any failure takes the way below, whose checks come first as before.
    if looks_like_json {
        // A large document on two threads; whenever that way is unsure, the whole parse decides.
        let split = (trimmed.len() >= split_json::MIN_LEN).then(|| split_json::parse(trimmed)).flatten();
        let parsed = split.or_else(|| serde_json::from_str::<Value>(trimmed).ok().map(|value| (value, Default::default())));
        if let Some((value, places)) = parsed {
            return Ok(Document { file: file.into(), text, value, is_yaml: false, places });
        }
    }
    if let Some(offset) = too_deep(trimmed).filter(|_| looks_like_json) {
        let line = trimmed[..offset].matches('\n').count() + 1;
        return Err(Error::at(&origin, Some(line), format!("nested more than {MAX_DEPTH} levels deep: not an API document")));
    }
    let json_err = match parse_json(trimmed) {
        Ok(value) => return Ok(Document { file: file.into(), text, value, is_yaml: false, places: Default::default() }),
        Err(e) => e,
    };
    if looks_like_json {
        // A file that starts like JSON is JSON; a YAML error would only confuse.
        return Err(Error::at(&origin, Some(json_err.line()), format!("invalid JSON: {json_err}")));
    }
    match parse_yaml(trimmed) {
        Ok(Some(value)) => Ok(Document { file: file.into(), text, value, is_yaml: true, places: Default::default() }),
        Ok(None) => Err(Error::at(&origin, None, "the file holds no YAML or JSON document")),
        Err((line, msg)) => Err(Error::at(&origin, line, format!("neither JSON nor YAML: {msg}"))),
    }
}

/// How deep JSON may nest. serde_json stops at 128, which a Postman collection with folders
/// 60 deep already passes (each folder is an object in an array); every stage walks values
/// recursively, so some bound stays, far above real documents and far below the stack.
pub const MAX_DEPTH: usize = 400;

/// The byte offset where brackets first nest deeper than [`MAX_DEPTH`] (outside strings).
/// A cheap scan, so that the recursive parser never sees such input; `memchr` crosses strings.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                // To the closing quote: past each backslash and the byte it escapes.
                i += 1;
                loop {
                    let at = bytes.get(i..).and_then(|rest| memchr::memchr2(b'"', b'\\', rest))?;
                    if bytes[i + at] == b'"' {
                        i += at;
                        break;
                    }
                    i += at + 2;
                }
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// JSON without serde_json's fixed nesting limit ([`too_deep`] has checked the depth).
fn parse_json(text: &str) -> Result<Value, serde_json::Error> {
    use serde::Deserialize;
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The first non-empty document of a YAML stream, converted to JSON values.
fn parse_yaml(text: &str) -> Result<Option<Value>, (Option<usize>, String)> {
    use serde::Deserialize;
    for doc in serde_yaml::Deserializer::from_str(text) {
        let mut value = serde_yaml::Value::deserialize(doc)
            .map_err(|e| (e.location().map(|l| l.line()), e.to_string()))?;
        value.apply_merge().map_err(|e| (None, e.to_string()))?;
        if value.is_null() {
            continue;
        }
        return yaml_to_json(value).map(Some).map_err(|e| (None, e));
    }
    Ok(None)
}

/// YAML allows non-string keys (`200:` is an integer); JSON documents want strings.
fn yaml_to_json(value: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f).map(Value::Number).unwrap_or_else(|| Value::String(n.to_string()))
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect::<Result<_, _>>()?),
        Y::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".into(),
                    other => return Err(format!("unsupported mapping key {other:?}")),
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(tagged) => yaml_to_json(tagged.value)?,
    })
}

/// Reads one file's text into a [`Source`], whatever its format.
pub fn read_source(file: &str, text: &str, diags: &mut Diagnostics) -> Result<Source, Error> {
    read_source_text(file, text.to_string(), diags)
}

/// [`read_source`] taking the text over, so that it is held once while the document is read.
pub fn read_source_text(file: &str, text: String, diags: &mut Diagnostics) -> Result<Source, Error> {
    if text.trim_start_matches('\u{feff}').trim_start().starts_with('[') {
        // A list is no API document, whatever it holds: no need to parse 50 MB to say so.
        return Err(Error::at(&Origin::new(file, ""), Some(1), "expected an object at the top level (an API document), found a list"));
    }
    let first_warning = diags.items.len();
    let mut doc = parse_text(file, text)?;
    let format = detect::detect(&doc)?;
    let read = match format {
        Format::Postman20 | Format::Postman21 => postman::read(&doc, format, diags),
        Format::Swagger2 => swagger2::read(&doc, diags),
        Format::OpenApi30 | Format::OpenApi31 => {
            let value = std::mem::take(&mut doc.value);
            openapi::read_owned(&doc, value, format, diags)
        }
    };
    // The warnings' lines, in one scan of the text for all of them; also when the read failed,
    // as its warnings are still shown. Meanwhile, on this thread, the source is redacted: before
    // any other stage sees it, so nothing downstream can emit a credential.
    let redacted = |read: Result<Source, Error>| {
        let mut source = read?;
        source.file = file.to_string();
        source.format = Some(format);
        redact::source(&mut source)?;
        Ok::<Source, Error>(source)
    };
    let (located, read) = crate::both::both("locate", || diags.locate(|pointers| doc.lines_of(pointers)), || redacted(read));
    let mut source = read?;
    located.ok_or_else(|| Error::at(&Origin::new(file, ""), None, "internal error: locating the warnings panicked"))?;
    if let Some(warnings) = diags.items.get_mut(first_warning..) {
        redact::diagnostics(warnings, &mut source.decisions);
    }
    Ok(source)
}
