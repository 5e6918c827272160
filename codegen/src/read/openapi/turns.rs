//! The entries of `components/schemas` and of `paths`, each parsed into openapiv3's types and
//! converted into the model, on two threads that take runs of them in turns.
//!
//! An entry needs nothing but its value and what the whole read shares (the document, the
//! moves, [`Kept`], the typed rest, the operations' common context), except a form body, whose
//! fields are looked up in the converted schemas. So the entries are cut into runs, the schemas'
//! first; either thread takes the next run when it is free, converting it into its own warnings
//! and decisions, and the caller puts the runs together in the document's order: the model and
//! the warnings are those of one thread reading every entry in turn. A form body waits until
//! every run of schemas is read; those runs were all taken before any of paths, so the wait ends.
//! (The typed parse alone on the second thread, with the conversion on this one, left this one
//! the longer half: on GitHub's description, about 90 ms against 65.)

use super::convert::{operation, operation_of, servers, OpContext, SchemaMap};
use super::pieces::{path_item, schema, Callbacks, Failure, Pieces};
use super::{child, Ctx, Kept, Rewrite};
use crate::diag::Diagnostics;
use crate::model::{Decision, Schema, SourceOperation};
use crate::read::{schema as read_schema, Document};
use openapiv3::{Operation, PathItem, ReferenceOr};
use serde_json::Value;
use std::sync::{Mutex, OnceLock};

/// Entries in one run: small enough that both threads end about together, large enough that a
/// run's own warnings and its hand-over cost little.
const PER_RUN: usize = 16;

/// What every entry's reader shares.
#[derive(Clone, Copy)]
pub(super) struct Shared<'a> {
    pub(super) doc: &'a Document,
    pub(super) rewrite: &'a Rewrite,
    pub(super) kept: &'a Kept,
    pub(super) api: &'a openapiv3::OpenAPI,
    pub(super) op_cx: &'a OpContext,
}

/// What reading a run reported.
#[derive(Default)]
pub(super) struct Reported {
    pub(super) diags: Diagnostics,
    pub(super) decisions: Vec<Decision>,
}

/// A run of schemas, read, in the document's order.
pub(super) struct SchemaRun {
    pub(super) schemas: Vec<(String, Schema)>,
    pub(super) reported: Reported,
}

/// A run of path items, read: their operations and their operations' callbacks.
#[derive(Default)]
pub(super) struct PathRun {
    pub(super) operations: Vec<SourceOperation>,
    pub(super) callbacks: Vec<Callbacks>,
    pub(super) reported: Reported,
}

/// Every run, in the document's order; `Err` where a run stopped at an entry that does not parse.
pub(super) struct Runs {
    pub(super) schemas: Vec<Result<SchemaRun, Failure>>,
    pub(super) paths: Vec<Result<PathRun, Failure>>,
}

/// A run of entries, taken by the thread that reads it.
type Entries = Mutex<Option<Vec<(String, Value)>>>;

/// Each run of schemas once read (`None`: its thread panicked).
struct SchemaCells(Vec<OnceLock<Option<Result<SchemaRun, Failure>>>>);

impl SchemaMap for SchemaCells {
    fn schema(&self, name: &str) -> Option<&Schema> {
        self.0.iter().find_map(|cell| match cell.wait() {
            Some(Ok(run)) => run.schemas.iter().find(|(n, _)| n == name).map(|(_, s)| s),
            _ => None,
        })
    }
}

/// Sets its cell to `None` unless the run has set it: a panic must not leave a form body
/// waiting for the run forever.
struct SetOnDrop<'c>(&'c OnceLock<Option<Result<SchemaRun, Failure>>>);

impl Drop for SetOnDrop<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Reads `pieces` on this thread and a second one. `None`: a thread panicked.
pub(super) fn read(shared: Shared, pieces: Pieces) -> Option<Runs> {
    let runs = |map: Option<serde_json::Map<String, Value>>| -> Vec<Entries> {
        let mut entries = map.into_iter().flatten().peekable();
        let mut out = Vec::new();
        while entries.peek().is_some() {
            out.push(Mutex::new(Some(entries.by_ref().take(PER_RUN).collect())));
        }
        out
    };
    let schema_runs = runs(pieces.schemas);
    let path_runs = runs(pieces.paths);
    let cells = SchemaCells(schema_runs.iter().map(|_| OnceLock::new()).collect());
    let take = |entries: &Entries| entries.lock().ok().and_then(|mut e| e.take()).unwrap_or_default();
    let job = |at: usize| -> Option<Result<PathRun, Failure>> {
        match (schema_runs.get(at), cells.0.get(at)) {
            (Some(entries), Some(cell)) => {
                let unset = SetOnDrop(cell);
                let _ = cell.set(Some(read_schemas(shared, take(entries))));
                drop(unset);
                None
            }
            _ => {
                let entries = path_runs.get(at - schema_runs.len()).map(take).unwrap_or_default();
                Some(read_paths(shared, &cells, entries))
            }
        }
    };
    let paths = crate::both::in_turns("read-entries", schema_runs.len() + path_runs.len(), job).ok()?;
    let schemas = cells.0.into_iter().map(|cell| cell.into_inner().flatten()).collect::<Option<Vec<_>>>()?;
    Some(Runs { schemas, paths: paths.into_iter().flatten().collect() })
}

/// A context for reading one run, its warnings into `diags`.
pub(super) fn context<'a>(shared: Shared<'a>, diags: &'a mut Diagnostics) -> Ctx<'a> {
    let Shared { doc, rewrite, kept, api, .. } = shared;
    Ctx { doc, rewrite, kept, api, diags, decisions: Vec::new(), ref_stack: Vec::new() }
}

/// A run of component schemas, each parsed, converted and dropped in turn.
fn read_schemas(shared: Shared, entries: Vec<(String, Value)>) -> Result<SchemaRun, Failure> {
    let mut diags = Diagnostics::default();
    let mut cx = context(shared, &mut diags);
    let mut schemas = Vec::with_capacity(entries.len());
    for (name, value) in entries {
        let typed = schema(&name, &value)?;
        drop(value);
        let pointer = child("/components/schemas", &name);
        let read = read_schema::read_owned(&mut cx, typed, &pointer);
        schemas.push((name, read));
    }
    let decisions = cx.decisions;
    Ok(SchemaRun { schemas, reported: Reported { diags, decisions } })
}

/// A run of `paths`' entries, each parsed, converted and dropped in turn.
fn read_paths(shared: Shared, schemas: &dyn SchemaMap, entries: Vec<(String, Value)>) -> Result<PathRun, Failure> {
    let mut run = PathRun::default();
    let mut diags = Diagnostics::default();
    let mut cx = context(shared, &mut diags);
    for (path, value) in entries {
        let item = path_item(&path, &value);
        drop(value);
        let Some(item) = item? else { continue };
        let path_pointer = child("/paths", &path);
        let ReferenceOr::Item(mut item) = item else {
            cx.warn(&path_pointer, "a path item reference that could not be followed; the path is ignored");
            continue;
        };
        // Operations in the order the document lists them.
        let mut methods: Vec<&str> = cx.kept.methods(&path_pointer);
        for (m, _) in item.iter() {
            if !methods.contains(&m) {
                methods.push(m);
            }
        }
        let path_server = servers(&mut cx, &item.servers, &child(&path_pointer, "servers")).into_iter().next();
        for method_name in methods {
            let Some((method, op)) = operation_of(&item, method_name) else { continue };
            let mut read = operation(&mut cx, schemas, shared.op_cx, &path, &path_pointer, &item, method, method_name, op);
            read.server = read.server.or_else(|| path_server.clone());
            run.operations.push(read);
        }
        for (method_name, op) in operations_mut(&mut item) {
            if !op.callbacks.is_empty() {
                let list = std::mem::take(&mut op.callbacks).into_iter().collect();
                run.callbacks.push(Callbacks { owner: child(&path_pointer, method_name), list });
            }
        }
    }
    let decisions = cx.decisions;
    run.reported = Reported { diags, decisions };
    Ok(run)
}

/// The operations of a path item, in [`PathItem::iter`]'s order.
fn operations_mut(item: &mut PathItem) -> impl Iterator<Item = (&'static str, &mut Operation)> {
    let all = [
        ("get", &mut item.get),
        ("put", &mut item.put),
        ("post", &mut item.post),
        ("delete", &mut item.delete),
        ("options", &mut item.options),
        ("head", &mut item.head),
        ("patch", &mut item.patch),
        ("trace", &mut item.trace),
    ];
    all.into_iter().filter_map(|(name, op)| op.as_mut().map(|op| (name, op)))
}
