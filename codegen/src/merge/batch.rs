//! The bodies of every operation, planned on two threads.
//!
//! The operations are cut into runs; either thread takes the next run not yet taken and plans
//! it on its own (its roots, example uses and decisions in lists of its own). The runs are then
//! joined in order, each run's roots shifted past those before it: the plans, roots and uses
//! are those of planning one operation after the other, whichever thread planned which run.
//! Each operation's parameters are merged here too: they read no body, and the main thread
//! would otherwise merge them alone after inference.

use super::bodies::{self, Plan};
use super::example_uses::Uses;
use super::group::Group;
use super::schema_examples;
use super::{names, params};
use crate::infer::Root;
use crate::model::{Decision, ExampleUse, OpParam, Source};
use crate::overrides::Lookup;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Operations per run: few enough that the two threads end close together.
const RUN: usize = 16;

/// What the bodies of some operations give.
#[derive(Default)]
pub(super) struct Bodies {
    pub plans: Vec<Plan>,
    pub roots: Vec<Root>,
    /// The examples the bodies give.
    pub uses: Uses,
    /// The examples composed from the bodies' schemas (`schema_examples`): they come after
    /// all of `uses` in the API.
    pub composed: Vec<ExampleUse>,
    /// Each operation's parameters, merged (`params::merge_params`).
    pub params: Vec<Vec<OpParam>>,
    /// Decisions in no order: the merge sorts them all at its end.
    pub decisions: Vec<Decision>,
}

impl Bodies {
    fn plan(groups: &[Group<'_>], method_names: &[String], sources: &[Source], overrides: &Lookup<'_>) -> Bodies {
        let mut out = Bodies::default();
        for (g, method_name) in groups.iter().zip(method_names) {
            out.plans.push(bodies::plan(g, method_name, &mut out.roots, &mut out.uses, &mut out.decisions));
            let params = params::merge_params(g, overrides, &mut out.decisions);
            names::record_setter_names(g, &params, &mut out.decisions);
            out.params.push(params);
        }
        let mut composed = schema_examples::Out { uses: &mut out.composed, decisions: &mut out.decisions };
        schema_examples::record(groups, method_names, &out.plans, sources, &mut composed);
        out
    }

    /// Appends the bodies of the operations that follow these.
    fn append(&mut self, next: Bodies) {
        let by = self.roots.len();
        self.plans.extend(next.plans.into_iter().map(|p| p.shifted(by)));
        self.roots.extend(next.roots);
        self.uses.append(next.uses);
        self.composed.extend(next.composed);
        self.params.extend(next.params);
        self.decisions.extend(next.decisions);
    }
}

/// The runs of the operations, taken in turn by any thread.
pub(super) struct Runs<'a, 'g> {
    groups: &'a [Group<'g>],
    method_names: &'a [String],
    sources: &'a [Source],
    overrides: &'a Lookup<'a>,
    next: AtomicUsize,
}

impl<'a, 'g> Runs<'a, 'g> {
    pub fn new(groups: &'a [Group<'g>], method_names: &'a [String], sources: &'a [Source], overrides: &'a Lookup<'a>) -> Self {
        Runs { groups, method_names, sources, overrides, next: AtomicUsize::new(0) }
    }

    fn len(&self) -> usize {
        self.groups.len().min(self.method_names.len())
    }

    /// Run `at`, planned.
    fn plan(&self, at: usize) -> Bodies {
        let (start, end) = (at * RUN, ((at + 1) * RUN).min(self.len()));
        Bodies::plan(&self.groups[start..end], &self.method_names[start..end], self.sources, self.overrides)
    }

    /// Plans runs until none is left, each with its place.
    pub fn work(&self) -> Vec<(usize, Bodies)> {
        let mut done = Vec::new();
        loop {
            let at = self.next.fetch_add(1, Ordering::Relaxed);
            if at * RUN >= self.len() {
                return done;
            }
            done.push((at, self.plan(at)));
        }
    }

    /// The runs `done` in order. A run missing (its thread panicked) is planned here.
    pub fn join(&self, mut done: Vec<(usize, Bodies)>) -> Bodies {
        done.sort_by_key(|(at, _)| *at);
        let mut done = done.into_iter().peekable();
        let mut out = Bodies::default();
        for at in 0..self.len().div_ceil(RUN) {
            let run = match done.next_if(|(place, _)| *place == at) {
                Some((_, run)) => run,
                None => self.plan(at),
            };
            out.append(run);
        }
        out
    }
}
