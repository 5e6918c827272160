//! The file an [`crate::model::Origin`] names, shared rather than copied.
//!
//! Every schema, field, example and diagnostic carries an origin: GitHub's description makes
//! about 100,000 of them, each of which held its own copy of the same path.

use std::cell::RefCell;
use std::sync::Arc;

/// A file name shared by every origin in that file. Compares, orders, hashes and prints as
/// the text it holds.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileName(Arc<str>);

thread_local! {
    /// The name made last: origins come in long runs from one file.
    static LAST: RefCell<Option<Arc<str>>> = const { RefCell::new(None) };
}

impl FileName {
    /// The shared name for `name`: the last one made on this thread when it is the same text.
    pub fn new(name: &str) -> Self {
        LAST.with(|last| {
            let mut last = last.borrow_mut();
            match last.as_ref() {
                Some(shared) if **shared == *name => FileName(shared.clone()),
                _ => {
                    let shared: Arc<str> = Arc::from(name);
                    *last = Some(shared.clone());
                    FileName(shared)
                }
            }
        })
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for FileName {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// As a `String` prints, so debug output and snapshots stay the same.
impl std::fmt::Debug for FileName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.0, f)
    }
}

impl PartialEq<str> for FileName {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for FileName {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for FileName {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<FileName> for String {
    fn eq(&self, other: &FileName) -> bool {
        **self == *other.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_one_file_share_one_allocation_and_read_as_text() {
        let (a, b) = (FileName::new("specs/a.json"), FileName::new("specs/a.json"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, "specs/a.json");
        assert_eq!(format!("{a} {a:?}"), "specs/a.json \"specs/a.json\"");
        assert_eq!(FileName::new("b"), "b".to_string());
    }
}
