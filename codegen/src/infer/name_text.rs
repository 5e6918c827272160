//! [`Name`]: a key name held by the sets of an [`super::shape::ObjectShape`] that repeat it
//! (the key before each field, the key sets of the samples and schemas), shared, not copied.
//!
//! An object of `n` keys seen in a sample named each key about four times over (the field,
//! the key before the next field, the key before it, its key set), each a `String` of its
//! own; the unions of the clustering copied them all again for every object they copy, and
//! freeing them was most of the time of freeing inference's input. One `Name` per key of a
//! sample: a copy counts a reference up.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

/// Compares, orders and prints as the text it holds (as the `String` it replaces did).
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<str>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Self {
        Name(Arc::from(text))
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}
