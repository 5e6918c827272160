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
    seen: foldhash::HashSet<Diagnostic>,
    /// Indexes in `items` of the diagnostics whose line [`Diagnostics::locate`] is still to find.
    unlocated: Vec<usize>,
    /// What the unlocated items already hold, apart from `seen`: an unlocated diagnostic is no
    /// duplicate of one without a line, since it may get one.
    seen_unlocated: foldhash::HashSet<Diagnostic>,
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

    /// A diagnostic whose line is found later, with all the others of its document, in one
    /// pass over the text by [`Diagnostics::locate`]: a scan of the text per warning made a
    /// document with thousands of warnings quadratic. Their document must be located before
    /// another is read (`read::read_source_text` does).
    pub fn push_unlocated(&mut self, level: Level, origin: &Origin, message: impl Into<String>) {
        let d = Diagnostic { level, origin: origin.clone(), line: None, message: message.into() };
        if self.seen_unlocated.insert(d.clone()) {
            self.unlocated.push(self.items.len());
            self.items.push(d);
        }
    }

    /// Gives the unlocated diagnostics their lines, which `find` returns for all their pointers
    /// at once, and then drops the duplicates the lines reveal, as [`Diagnostics::push`]
    /// would have dropped them with the lines known: the items are those of pushing them located.
    pub fn locate(&mut self, find: impl FnOnce(&[&str]) -> Vec<Option<usize>>) {
        let Some(&from) = self.unlocated.first() else { return };
        let pointers: Vec<&str> = self.unlocated.iter().map(|&i| self.items[i].origin.pointer.as_str()).collect();
        let lines = find(&pointers);
        let mut lines = lines.into_iter();
        let unlocated = std::mem::take(&mut self.unlocated);
        self.seen_unlocated.clear();
        let rest = self.items.split_off(from);
        // Every key of the rest out of `seen` before any goes back in: a later item may be
        // the duplicate of one that only now has its line, and the first one stays.
        let mut next_unlocated = unlocated.iter().peekable();
        let mut again = Vec::with_capacity(rest.len());
        for (i, mut d) in (from..).zip(rest) {
            if next_unlocated.next_if(|&&u| u == i).is_some() {
                d.line = lines.next().flatten();
            } else {
                self.seen.remove(&d);
            }
            again.push(d);
        }
        for d in again {
            self.add(d);
        }
    }

    /// Drops the items from `len` on, as if they had never been pushed.
    pub fn truncate(&mut self, len: usize) {
        let from = len.min(self.items.len());
        for (i, d) in (from..).zip(self.items.drain(from..)) {
            // Each was kept by one of the two sets, as `push_unlocated` or `add` kept it.
            if self.unlocated.contains(&i) {
                self.seen_unlocated.remove(&d);
            } else {
                self.seen.remove(&d);
            }
        }
        self.unlocated.retain(|&i| i < from);
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
        let mut unlocated = other.unlocated.iter().peekable();
        for (i, d) in other.items.into_iter().enumerate() {
            if unlocated.next_if(|&&u| u == i).is_some() {
                self.push_unlocated(d.level, &d.origin, d.message);
            } else {
                self.add(d);
            }
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

    #[test]
    fn warnings_located_later_are_those_pushed_with_their_lines() {
        let (a, b) = (Origin::new("api.json", "/a"), Origin::new("api.json", "/b"));
        let mut diags = Diagnostics::default();
        diags.push_unlocated(Level::Warning, &a, "m");
        // Without a line: another warning, once the first gets its line.
        diags.push(Level::Warning, &a, None, "m");
        diags.push_unlocated(Level::Warning, &a, "m");
        diags.push(Level::Warning, &b, Some(7), "n");
        // The same as the one before, once its line is known.
        diags.push_unlocated(Level::Warning, &b, "n");
        diags.locate(|pointers| {
            assert_eq!(pointers, ["/a", "/b"]);
            vec![Some(3), Some(7)]
        });
        let shown: Vec<String> = diags.items.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["warning: api.json:3: at /a: m", "warning: api.json: at /a: m", "warning: api.json:7: at /b: n"]);
        diags.push(Level::Warning, &a, Some(3), "m");
        diags.push_unlocated(Level::Warning, &b, "n");
        diags.locate(|_| vec![Some(7)]);
        assert_eq!(diags.items.len(), 3, "{:?}", diags.items);
    }
}
