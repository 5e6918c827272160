//! The typed parse of the entries of `components/schemas` and `paths`, on a second thread.
//!
//! Parsing an entry into openapiv3's types needs nothing but the entry's value, and was half of
//! the work of converting them (on GitHub's description, fast_schema and the path items' serde
//! parse about 50 ms, and freeing each value after it). So one thread parses, in the
//! document's order, and hands each typed entry over a bounded channel to the thread that
//! converts it: the two halves overlap, the order of the entries (and so of every warning) is
//! that of the document, and no more than a few typed entries wait at a time (memory).
//!
//! A panic on the parsing thread closes its channels early; the converter then sees fewer
//! entries, and its caller turns the panic into an error, so a partial read never comes out.

use super::pieces::{path_item, schema, Failure, Pieces};
use openapiv3::{PathItem, ReferenceOr, Schema};
use std::sync::mpsc::sync_channel;
use std::thread::Scope;

/// A component schema by name, typed or where it failed.
pub(super) type TypedSchema = (String, Result<ReferenceOr<Schema>, Failure>);
/// A path item by path (`None`: not a path item), typed or where it failed.
pub(super) type TypedPath = (String, Result<Option<ReferenceOr<PathItem>>, Failure>);

/// The typed entries, in the document's order: the schemas first, then the paths.
pub(super) struct Typed<'s> {
    pub(super) schemas: Box<dyn Iterator<Item = TypedSchema> + 's>,
    pub(super) paths: Box<dyn Iterator<Item = TypedPath> + 's>,
}

/// How many typed entries may wait for the converter: enough that neither thread waits on the
/// other at every entry, few enough that memory stays that of one entry at a time.
const AHEAD: usize = 64;

/// The typed entries of `pieces`, parsed on a thread of `scope`, with its handle; parsed here,
/// each when the converter asks for it, when no thread can be started. Each value is dropped
/// on the parsing thread once parsed.
pub(super) fn spawn<'scope>(scope: &'scope Scope<'scope, '_>, pieces: Pieces) -> (Typed<'scope>, Option<std::thread::ScopedJoinHandle<'scope, ()>>) {
    let (schema_tx, schema_rx) = sync_channel::<TypedSchema>(AHEAD);
    let (path_tx, path_rx) = sync_channel::<TypedPath>(AHEAD);
    // The pieces go to the thread through a cell, so that they come back if it cannot start.
    let slot = std::sync::Arc::new(std::sync::Mutex::new(Some(pieces)));
    let theirs = slot.clone();
    let work = move || {
        let Some(pieces) = theirs.lock().ok().and_then(|mut p| p.take()) else { return };
        for (name, value) in pieces.schemas.into_iter().flatten() {
            let typed = schema(&name, &value);
            drop(value);
            if schema_tx.send((name, typed)).is_err() {
                return;
            }
        }
        drop(schema_tx);
        for (path, value) in pieces.paths.into_iter().flatten() {
            let typed = path_item(&path, &value);
            drop(value);
            if path_tx.send((path, typed)).is_err() {
                return;
            }
        }
    };
    match std::thread::Builder::new().name("read-typed".into()).stack_size(crate::both::STACK).spawn_scoped(scope, work) {
        Ok(handle) => (Typed { schemas: Box::new(schema_rx.into_iter()), paths: Box::new(path_rx.into_iter()) }, Some(handle)),
        Err(_) => {
            let pieces = slot.lock().ok().and_then(|mut p| p.take()).unwrap_or_default();
            (inline(pieces), None)
        }
    }
}

/// The typed entries of `pieces`, each parsed when the converter asks for it.
fn inline<'s>(pieces: Pieces) -> Typed<'s> {
    let schemas = pieces.schemas.into_iter().flatten().map(|(name, value)| {
        let typed = schema(&name, &value);
        (name, typed)
    });
    let paths = pieces.paths.into_iter().flatten().map(|(path, value)| {
        let typed = path_item(&path, &value);
        (path, typed)
    });
    Typed { schemas: Box::new(schemas), paths: Box::new(paths) }
}
