//! Diagnostics: every problem in an input names its file, JSON pointer and, where known, line.
//!
//! Warnings never stop generation. An error stops only the API it belongs to.

use crate::model::Origin;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Warning,
    Error,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    pub level: Level,
    pub origin: Origin,
    /// 1-based line in the file, where the parser or the locator knows it.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let pointer = if self.origin.pointer.is_empty() { "/" } else { &self.origin.pointer };
        match self.line {
            Some(line) => write!(f, "{level}: {}:{line}: at {pointer}: {}", self.origin.file, self.message),
            None => write!(f, "{level}: {}: at {pointer}: {}", self.origin.file, self.message),
        }
    }
}

/// Collects diagnostics for one run. Order of insertion is kept, so output is deterministic.
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
    /// What `items` already holds: a component used by many operations is read once per
    /// use, and would otherwise repeat its warning that many times (73 on GitHub's REST
    /// description).
    seen: std::collections::HashSet<Diagnostic>,
}

impl Diagnostics {
    pub fn warn(&mut self, origin: &Origin, message: impl Into<String>) {
        self.push(Level::Warning, origin, None, message);
    }

    pub fn error(&mut self, origin: &Origin, message: impl Into<String>) {
        self.push(Level::Error, origin, None, message);
    }

    pub fn push(&mut self, level: Level, origin: &Origin, line: Option<usize>, message: impl Into<String>) {
        self.add(Diagnostic { level, origin: origin.clone(), line, message: message.into() });
    }

    fn add(&mut self, d: Diagnostic) {
        if self.seen.insert(d.clone()) {
            self.items.push(d);
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.level == Level::Error)
    }

    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.add(d);
        }
    }
}

/// A fatal problem with one API: its inputs cannot be turned into a crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub diagnostics: Vec<Diagnostic>,
}

impl Error {
    pub fn at(origin: &Origin, line: Option<usize>, message: impl Into<String>) -> Self {
        Error { diagnostics: vec![Diagnostic { level: Level::Error, origin: origin.clone(), line, message: message.into() }] }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_repeated_for_each_use_of_a_component_is_kept_once() {
        let mut diags = Diagnostics::default();
        let at = Origin::new("api.json", "/components/responses/bad_request/content");
        for _ in 0..3 {
            diags.warn(&at, "a response has one body in the model");
        }
        diags.warn(&at, "another problem");
        let mut other = Diagnostics::default();
        other.warn(&at, "another problem");
        diags.extend(other);
        assert_eq!(diags.items.len(), 2, "{:?}", diags.items);
    }
}
