//! The texts of an [`crate::model::Origin`], shared rather than copied.
//!
//! Every schema, field, example and diagnostic carries an origin: GitHub's description makes
//! about 100,000 of them, each of which held its own copy of the same path. Its JSON pointer
//! is shared too: inference copies each shape's origins into the fields, the types and the
//! decisions it makes of them.

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// A text shared by every copy, immutable. Compares, orders, hashes and prints as the text
/// it holds.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedText(Arc<str>);

impl SharedText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A text of its own, not looked up: where texts rarely repeat one after another.
impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText(Arc::from(text))
    }
}

impl std::ops::Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// As a `String` prints, so debug output and snapshots stay the same.
impl std::fmt::Debug for SharedText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedText> for String {
    fn eq(&self, other: &SharedText) -> bool {
        **self == *other.0
    }
}

/// The name of a file evidence came from, the same text for every origin in that file, for the
/// whole process: copying an origin copies a reference. (A shared `Arc` was counted up on every
/// copy, by both threads on one counter: 58% of `note_origin`'s own time on GitHub's description.)
/// The names are never freed: one per file a process reads.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileName(&'static str);

thread_local! {
    /// The name made last on this thread: origins come in long runs from one file.
    static LAST: Cell<FileName> = const { Cell::new(FileName("")) };
}

/// Every file name made so far.
static FILE_NAMES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);

impl FileName {
    /// The one name for `name`: the last one made on this thread when it is the same text.
    pub fn new(name: &str) -> Self {
        let last = LAST.get();
        if last.0 == name {
            return last;
        }
        // A poisoned lock still holds names: the set is only ever added to.
        let mut names = FILE_NAMES.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let names = names.get_or_insert_with(HashSet::new);
        let text = match names.get(name) {
            Some(text) => *text,
            None => {
                let text: &'static str = Box::leak(name.into());
                names.insert(text);
                text
            }
        };
        LAST.set(FileName(text));
        FileName(text)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl std::ops::Deref for FileName {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl std::fmt::Display for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// As a `String` prints, so debug output and snapshots stay the same.
impl std::fmt::Debug for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0, f)
    }
}

impl PartialEq<&str> for FileName {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for FileName {
    fn eq(&self, other: &String) -> bool {
        self.0 == other
    }
}

impl PartialEq<FileName> for String {
    fn eq(&self, other: &FileName) -> bool {
        self == other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_one_file_share_one_allocation_and_read_as_text() {
        let (a, b) = (FileName::new("specs/a.json"), FileName::new("specs/a.json"));
        assert!(std::ptr::eq(a.0, b.0));
        // Another file between them, and another thread: still the one text.
        let c = FileName::new("specs/b.json");
        let d = std::thread::spawn(|| FileName::new("specs/a.json")).join().unwrap();
        assert!(std::ptr::eq(a.0, d.0) && !std::ptr::eq(a.0, c.0));
        assert_eq!(a, "specs/a.json");
        assert_eq!(format!("{a} {a:?}"), "specs/a.json \"specs/a.json\"");
        assert_eq!(FileName::new("b"), "b".to_string());
    }
}
