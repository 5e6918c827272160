//! Spec diff: the merged model of an API before and after a change -> classified changes.
//!
//! [`load`] builds an [`Api`] from the files of one `specs/<api>/` folder,
//! wherever they come from (the working tree, or a git revision); [`mod@compare`] walks two models
//! and explains their changes in API terms, and [`surface`] compares the public Rust surfaces
//! of the two crates (`crate::surface`) for what the documents alone do not show (an
//! `api.toml` rename, a generator change); [`rules`] is the one
//! table of rule ids and levels; [`gate`] decides whether the crate version was bumped enough;
//! [`render`] prints text, Markdown or JSON; [`changelog`] turns a diff into a CHANGELOG entry.
//! The command line is `cargo xtask diff` (`xtask/src/diff_cmd.rs`); the rules and the design
//! are documented in `docs/spec-diff.md`.

pub mod changelog;
pub mod compare;
pub mod gate;
pub mod load;
pub mod render;
pub mod rules;
pub mod surface;

pub use gate::Verdict;
pub use load::Side;
pub use rules::{Level, Rule};

use crate::model::Api;
use crate::surface::Surface;

/// Every change from `old` to `new` a program using the generated crate can see, sorted:
/// breaking first, then warnings, then info; API-wide changes before per-operation ones.
pub fn compare(old: &Api, new: &Api) -> Vec<Change> {
    compare_crates(old, &crate::surface::build(old), new, &crate::surface::build(new))
}

/// [`compare()`] with each side's surface given: the surface of a crate built by another
/// generator need not be the one this generator decides for the same model.
pub fn compare_crates(old: &Api, old_surface: &Surface, new: &Api, new_surface: &Surface) -> Vec<Change> {
    let spec = compare::compare_specs(old, new);
    let mut changes = surface::compare(old_surface, new_surface, &spec);
    changes.splice(0..0, spec.changes);
    compare::sort(&mut changes);
    changes
}

/// One classified change.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Change {
    pub rule: Rule,
    /// The operation, as `GET /pets/{petId}`; `None` for API-wide changes (auth, servers,
    /// type names).
    pub operation: Option<String>,
    /// Where: `query parameter limit`, `request body.owner.name`, `response 200 body.items[]`.
    pub location: String,
    /// What changed, in words: `integer -> string`, `"sold"`. May be empty.
    pub detail: String,
}

impl Change {
    pub fn level(&self) -> Level {
        self.rule.level()
    }

    /// One line: `GET /pets: query parameter limit: new required parameter (integer)`.
    pub fn message(&self) -> String {
        let mut out = String::new();
        if let Some(op) = &self.operation {
            out.push_str(op);
            out.push_str(": ");
        }
        if !self.location.is_empty() {
            out.push_str(&self.location);
            out.push_str(": ");
        }
        out.push_str(self.rule.info().what);
        if !self.detail.is_empty() {
            out.push_str(" (");
            out.push_str(&self.detail);
            out.push(')');
        }
        out
    }
}

/// What could be compared for one API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// Both sides built; `changes` lists the differences.
    Compared { old_version: String, new_version: String },
    /// No `specs/<api>/api.toml` at the base: the API is new.
    New { new_version: String },
    /// The API is in the base but no longer in the working tree.
    Removed { old_version: Option<String> },
    /// The base's documents do not build (missing source, parse error, bad manifest), so
    /// nothing can be compared; the reason says which.
    BaseBroken { reason: String, new_version: String },
    /// The working tree's documents do not build: bad input, as `cargo xtask codegen` would say.
    HeadBroken { reason: String },
}

/// The diff of one API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiDiff {
    /// The folder name under `specs/`.
    pub api: String,
    pub status: Status,
    /// Sorted: breaking first, then warnings, then info; API-wide changes before operations.
    pub changes: Vec<Change>,
    pub verdict: Verdict,
}

impl ApiDiff {
    /// Compares what the base and the working tree give for one API folder.
    pub fn new(api: &str, old: &Side, new: &Side) -> ApiDiff {
        ApiDiff::with_base_surface(api, old, new, None)
    }

    /// [`ApiDiff::new`] with the surface of the base's crate as its generator wrote it
    /// (`generated/<api>/surface.json`): a generator change between the revisions is then
    /// judged too. Without it, the base's surface is the one this generator decides.
    pub fn with_base_surface(api: &str, old: &Side, new: &Side, old_surface: Option<&Surface>) -> ApiDiff {
        let (status, changes) = match (old, new) {
            (Side::Built(o), Side::Built(n)) => {
                let built = crate::surface::build(o);
                // A file from an older generator lacks some sections: this one's fill them.
                let old_surface = old_surface.cloned().map(|mut s| {
                    s.complete(&built);
                    s
                });
                let old_surface = old_surface.unwrap_or(built);
                let changes = compare_crates(o, &old_surface, n, &crate::surface::build(n));
                return ApiDiff::compared(api, o, n, changes);
            }
            (Side::Missing, Side::Built(n)) => (Status::New { new_version: n.version.clone() }, Vec::new()),
            (Side::Broken(reason), Side::Built(n)) => {
                (Status::BaseBroken { reason: reason.clone(), new_version: n.version.clone() }, Vec::new())
            }
            (_, Side::Broken(reason)) => (Status::HeadBroken { reason: reason.clone() }, Vec::new()),
            (o, Side::Missing) => (Status::Removed { old_version: o.version().map(str::to_string) }, Vec::new()),
        };
        let verdict = gate::verdict(&status, &changes);
        ApiDiff { api: api.to_string(), status, changes, verdict }
    }

    /// Both sides built, with the changes found between them.
    pub fn compared(api: &str, old: &Api, new: &Api, changes: Vec<Change>) -> ApiDiff {
        let status = Status::Compared { old_version: old.version.clone(), new_version: new.version.clone() };
        let verdict = gate::verdict(&status, &changes);
        ApiDiff { api: api.to_string(), status, changes, verdict }
    }

    /// An API whose files are byte-identical on both sides: the pipeline is deterministic, so
    /// the models are equal and nothing needs to be built to know there is no change.
    pub fn unchanged(api: &str, version: &str) -> ApiDiff {
        let status = Status::Compared { old_version: version.to_string(), new_version: version.to_string() };
        let verdict = gate::verdict(&status, &[]);
        ApiDiff { api: api.to_string(), status, changes: Vec::new(), verdict }
    }

    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level() == level).count()
    }
}
