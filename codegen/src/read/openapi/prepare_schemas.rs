//! `components/schemas` lowered on both threads of [`super::prepare`]. The other thread repairs
//! `components` while this one repairs `paths` and `webhooks`, which took less (on GitHub's
//! description, 34 samples against 57), so this one waited. The schemas are cut into runs that
//! either thread takes in turn; each run keeps its own warnings, added in the document's order,
//! and each thread records its moves under its own runs' schemas only (a schema's lowering reads
//! and records moves below its own pointer), so the result is that of one thread.

use super::prepare::Prep;
use super::{child, Rewrite};
use crate::diag::Diagnostics;
use crate::model::Format;
use crate::read::Document;
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Schemas in one run: GitHub's 969 make 61 runs, each well under a millisecond.
const PER_RUN: usize = 16;

const SCHEMAS: &str = "/components/schemas";

#[derive(Default)]
struct Run {
    entries: Vec<(String, Value)>,
    diags: Diagnostics,
}

/// The entries of `components/schemas`, in runs, each lowered by the thread that takes it.
#[derive(Default)]
pub(super) struct SchemaRuns {
    runs: Vec<Mutex<Run>>,
    next: AtomicUsize,
}

impl SchemaRuns {
    /// The entries of `components/schemas` when it is an object, an empty one left in its
    /// place (anything else stays, for `Prep::components` to report as before).
    pub(super) fn take(components: Option<&mut Value>) -> SchemaRuns {
        let map = match components.and_then(|c| c.get_mut("schemas")) {
            Some(Value::Object(map)) => std::mem::take(map),
            _ => return SchemaRuns::default(),
        };
        let mut entries = map.into_iter().peekable();
        let mut runs = Vec::new();
        while entries.peek().is_some() {
            runs.push(Mutex::new(Run { entries: entries.by_ref().take(PER_RUN).collect(), diags: Diagnostics::default() }));
        }
        SchemaRuns { runs, next: AtomicUsize::new(0) }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Lowers the runs no thread has taken yet, one at a time, its moves into `rw`; the numbers
    /// of the runs this call lowered.
    pub(super) fn lower(&self, doc: &Document, format: Format, rw: &mut Rewrite) -> Vec<usize> {
        let mut done = Vec::new();
        loop {
            let at = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(run) = self.runs.get(at) else { return done };
            // Poisoned only by a panic in a lowering, which fails the read anyway.
            let Ok(mut run) = run.lock() else { continue };
            let Run { entries, diags } = &mut *run;
            let mut prep = Prep { doc, rw: &mut *rw, diags, format };
            for (name, schema) in entries.iter_mut() {
                prep.schema(schema, &child(SCHEMAS, name.as_str()));
            }
            done.push(at);
        }
    }

    /// The schemas back in `components` (in their order), the runs' warnings in the document's
    /// order, and the pointers of the schemas in runs numbered `ours`.
    pub(super) fn put_back(self, components: Option<&mut Value>, ours: &[usize]) -> (Diagnostics, Vec<String>) {
        let (mut diags, mut pointers, mut map) = (Diagnostics::default(), Vec::new(), Map::new());
        for (at, run) in self.runs.into_iter().enumerate() {
            let run = run.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            diags.extend(run.diags);
            for (name, schema) in run.entries {
                if ours.contains(&at) {
                    pointers.push(child(SCHEMAS, &name));
                }
                map.insert(name, schema);
            }
        }
        if let Some(slot) = components.and_then(|c| c.get_mut("schemas")).filter(|_| !map.is_empty()) {
            *slot = Value::Object(map);
        }
        (diags, pointers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_lowered_on_two_threads_keep_the_documents_order() {
        let schemas: Map<String, Value> = (0..50).map(|i| (format!("S{i}"), Value::from(i))).collect();
        let mut components = serde_json::json!({ "schemas": schemas, "parameters": {} });
        let doc = Document { file: "api.json".into(), text: String::new(), value: Value::Null, is_yaml: false, places: Default::default() };
        let runs = SchemaRuns::take(Some(&mut components));
        assert_eq!(components["schemas"], serde_json::json!({}));
        let (mut theirs, mut ours) = (Rewrite::default(), Rewrite::default());
        let (_, our_runs) = crate::both::both("test", || runs.lower(&doc, Format::OpenApi30, &mut theirs), || runs.lower(&doc, Format::OpenApi30, &mut ours));
        let (diags, pointers) = runs.put_back(Some(&mut components), &our_runs);
        let warned: Vec<&str> = diags.items.iter().map(|d| d.origin.pointer.as_str()).collect();
        let expected: Vec<String> = (0..50).map(|i| format!("/components/schemas/S{i}")).collect();
        assert_eq!(warned, expected);
        assert!(pointers.iter().all(|p| expected.contains(p)));
        let names: Vec<&String> = components["schemas"].as_object().map(|m| m.keys().collect()).unwrap_or_default();
        assert_eq!(names, (0..50).map(|i| format!("S{i}")).collect::<Vec<_>>().iter().collect::<Vec<_>>());
        assert!(components["schemas"].as_object().is_some_and(|m| m.values().all(|v| v == &serde_json::json!({}))));
    }
}
