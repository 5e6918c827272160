//! [`Name`]: a key name held by the sets of an [`super::shape::ObjectShape`] that repeat it
//! (the key before each field, the key sets of the samples and schemas), shared, not copied.
//!
//! An object of `n` keys seen in a sample named each key about four times over (the field,
//! the key before the next field, the key before it, its key set), each a `String` of its
//! own; the unions of the clustering copied them all again for every object they copy, and
//! freeing them was most of the time of freeing inference's input. One `Name` per key of a
//! sample: a copy counts a reference up.

use std::borrow::Borrow;
use std::cell::RefCell;
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

/// How many names [`Name::known`] remembers per thread: the formats of a document are few.
const KNOWN: usize = 32;

thread_local! {
    static SEEN: RefCell<Vec<Name>> = const { RefCell::new(Vec::new()) };
}

impl Name {
    /// The name `text`, shared with the last one made of the same text on this thread while
    /// few are made this way: for the few texts a document repeats on thousands of values
    /// (a string's `format`).
    pub fn known(text: &str) -> Name {
        SEEN.with_borrow_mut(|seen| match seen.iter().find(|n| n.as_str() == text) {
            Some(name) => name.clone(),
            None => {
                let name = Name::from(text);
                if seen.len() < KNOWN {
                    seen.push(name.clone());
                }
                name
            }
        })
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

/// Reads as the text, as the `String` keys it replaces did (`&name` where a `&str` is asked).
impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

#[cfg(test)]
mod tests {
    use super::Name;
    use std::sync::Arc;

    #[test]
    fn known_names_are_shared_and_order_as_their_text() {
        let (a, b) = (Name::known("uri"), Name::known("uri"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, Name::from("uri"));
        let (date, date_time) = (Name::from("date"), Name::from("date-time"));
        assert!(date < date_time);
        assert_eq!(format!("{:?}", Name::from("uri")), "\"uri\"");
    }
}
