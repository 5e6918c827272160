//! OpenAPI 3.0 and 3.1, and the shared back half of the Swagger 2.0 reader.
//!
//! Every input is brought to the OpenAPI 3.0 shape as a `serde_json::Value` first: 3.1 by
//! `lower31` (document-level changes) and `lower_schema` (the schema dialect), Swagger 2.0 by
//! [`super::swagger2`]. `prepare` then repairs what would make the typed parse fail for no good
//! reason (a parameter without a schema, a `required: true` on a property) and reports it; the
//! `openapiv3` crate parses the result, its schemas and path items one at a time (`failure` names
//! the node when it still fails); and `pieces` with `convert` builds the model, each schema and
//! path item as soon as it is parsed, on two threads in turns (`turns`).
//!
//! A `Rewrite` remembers where each moved node came from, so every origin and diagnostic names a
//! pointer into the file the user wrote, not into the converted document.

mod convert;
mod failure;
mod fast_path_item;
mod fast_schema;
mod keywords;
mod lower31;
mod lower_schema;
mod media;
mod pieces;
mod prepare;
mod prepare_hooks;
mod prepare_schemas;
mod turns;
mod webhooks;

// Shared with `read::schema`, which reads what this reader converted.
pub(crate) use super::context::{warn_at, Ctx, Kept, Rewrite, NULL_ONLY};
pub(crate) use super::pointer::{child, component_name, local_pointer, resolve};

use super::parts::Parts;
use super::Document;
use crate::diag::{Diagnostics, Error};
use crate::drop_later::drop_later;
use crate::model::{Format, Source};
use pieces::Pieces;
use serde_json::Value;

pub fn read(doc: &Document, format: Format, diags: &mut Diagnostics) -> Result<Source, Error> {
    read_owned(doc, doc.value.clone(), format, diags)
}

/// [`read`] with the document's value handed over (`doc.value` is not read): the value is
/// rewritten in place, and a copy of it was 50 MB for GitHub's description.
pub(crate) fn read_owned(doc: &Document, value: Value, format: Format, diags: &mut Diagnostics) -> Result<Source, Error> {
    if !matches!(format, Format::OpenApi30 | Format::OpenApi31) {
        return Err(Error::at(&doc.origin(""), None, format!("the OpenAPI reader cannot read {format}")));
    }
    let mut rewrite = Rewrite::default();
    let value = lower(value, format, &mut rewrite);
    read_value(doc, value, rewrite, format, diags)
}

fn lower(mut value: Value, format: Format, rewrite: &mut Rewrite) -> Value {
    if format == Format::OpenApi31 {
        lower31::lower(&mut value, rewrite);
    }
    value
}

/// Reads a document already in the OpenAPI 3.0 shape. `format` is the format the user wrote,
/// used for messages and for what counts as a foreign keyword. The rest of the document is
/// parsed first, then `components/schemas` and `paths` one entry at a time ([`pieces`]), each
/// dropped once converted, so that the value, the typed document and the model never are all
/// whole at once.
pub(crate) fn read_value(
    doc: &Document,
    mut value: Value,
    mut rewrite: Rewrite,
    format: Format,
    diags: &mut Diagnostics,
) -> Result<Source, Error> {
    prepare::prepare(doc, &mut value, &mut rewrite, format, diags)?;
    let mut pieces = Pieces::take(&mut value);
    let aside = set_aside(&mut value);
    // What the converter reads besides the typed document is taken on the other thread, from the
    // parts, while this one parses the rest (from a reference: consuming the value took 0.5 G
    // more instructions on GitHub's description).
    let parts = Parts {
        rest: &value,
        paths: pieces.paths.as_ref(),
        schemas: pieces.schemas.as_ref(),
        aside: aside.iter().map(|(_, key, value)| (key.as_str(), value)).collect(),
    };
    let (kept, parsed) = crate::both::both("read-kept", || Kept::new(&parts, &prepare::METHODS, true).ok(), || serde::Deserialize::deserialize(&value));
    put_back(&mut value, aside);
    let mut kept = match kept.flatten() {
        Some(kept) => kept,
        None => {
            // A reference to a place only the whole document has (`#/paths`), or a panic.
            pieces.put_back(&mut value);
            let kept = Kept::new(&Parts::whole(&value), &prepare::METHODS, false).unwrap_or_default();
            pieces = Pieces::take(&mut value);
            kept
        }
    };
    let api: openapiv3::OpenAPI = match parsed {
        Ok(api) => api,
        Err(whole) => {
            pieces.put_back(&mut value);
            let found = failure::locate(&value).unwrap_or_else(|| (String::new(), whole.to_string()));
            return Err(invalid(doc, &rewrite, format, found));
        }
    };
    // What an entry that fails to parse leaves: the warnings of the read so far go, as when
    // the whole document was parsed before any was made.
    let before = diags.items.len();
    // The webhooks are parsed on their own (the typed parse skips them).
    let hooks = webhooks::items(doc, value.get("webhooks"), &rewrite, diags);
    // The root's extensions (GitHub's `x-webhooks`: 600 kB) are read no more: freed now.
    drop_later(set_aside(&mut value));
    kept.keep_rest(value);
    let mut cx = Ctx { doc, rewrite: &rewrite, kept: &kept, api: &api, diags, decisions: Vec::new(), ref_stack: Vec::new() };
    let converted = pieces::convert(&mut cx, pieces);
    let converted = converted.ok_or_else(|| Error::at(&doc.origin(""), None, "internal error: reading the schemas and paths panicked"))?;
    let (mut source, callbacks) = match converted {
        Ok(read) => read,
        Err(found) => {
            cx.diags.truncate(before);
            return Err(invalid(doc, &rewrite, format, found));
        }
    };
    webhooks::read(&mut cx, &hooks, &callbacks, &mut source);
    source.decisions.extend(std::mem::take(&mut cx.decisions));
    // Freed off this thread: the typed document holds every example (GitHub's: 1.5 MB of JSON).
    drop_later((api, kept, hooks, callbacks));
    Ok(source)
}

/// The error for a document the typed parse rejects, at the failing node's original place.
fn invalid(doc: &Document, rewrite: &Rewrite, format: Format, (pointer, message): pieces::Failure) -> Error {
    let original = rewrite.original(&pointer);
    let what = match format {
        Format::Swagger2 => "not a valid Swagger 2.0 document (after conversion to OpenAPI 3.0)",
        Format::OpenApi31 => "not a valid OpenAPI 3.1 document (after conversion to OpenAPI 3.0)",
        _ => "not a valid OpenAPI 3.0 document",
    };
    Error::at(&doc.origin(&original), doc.line_of(&original), format!("{what}: {message}"))
}

/// The root's members the typed document does not keep in a field: its extensions (nothing
/// reads them from it) and `webhooks` (parsed on its own). With them in, the typed parse
/// buffered and copied them (GitHub's `x-webhooks`: 600 kB, 30 M instructions), so they
/// are set aside around it, with their places.
fn set_aside(value: &mut Value) -> Vec<(usize, String, Value)> {
    let Some(root) = value.as_object_mut() else { return Vec::new() };
    let keys: Vec<(usize, String)> = root.keys().enumerate().filter(|(_, k)| k.starts_with("x-") || *k == "webhooks").map(|(i, k)| (i, k.clone())).collect();
    // From the last, so that each place is the one it had.
    let mut aside: Vec<(usize, String, Value)> = keys.into_iter().rev().filter_map(|(i, k)| root.shift_remove(&k).map(|v| (i, k, v))).collect();
    aside.reverse();
    aside
}

/// What [`set_aside`] took, back in its places.
fn put_back(value: &mut Value, aside: Vec<(usize, String, Value)>) {
    let Some(root) = value.as_object_mut() else { return };
    for (i, k, v) in aside {
        root.shift_insert(i, k, v);
    }
}
