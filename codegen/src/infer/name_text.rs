//! [`Name`]: a key name held by the sets of an [`super::shape::ObjectShape`] that repeat it
//! (the key before each field, the key sets of the samples and schemas), shared, not copied.
//!
//! An object of `n` keys seen in a sample named each key about four times over (the field,
//! the key before the next field, the key before it, its key set), each a `String` of its
//! own; the unions of the clustering copied them all again for every object they copy, and
//! freeing them was most of the time of freeing inference's input. One `Name` per key of a
//! sample: a copy counts a reference up.

use std::borrow::Borrow;
use foldhash::HashSet;
use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;

/// Compares, orders and prints as the text it holds (as the `String` it replaces did).
#[derive(Clone, Eq)]
pub struct Name(Arc<str>);

/// One shared text is equal to itself without reading it: the keys of samples are shared
/// (see [`Name::key`]), and the unions compare the fields of two objects name by name.
impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

/// As the text: equal names hash alike whether they share their text or not.
impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state)
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        if Arc::ptr_eq(&self.0, &other.0) {
            return std::cmp::Ordering::Equal;
        }
        self.0.cmp(&other.0)
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How many key names [`Name::key`] remembers per thread; past it, new names are not shared.
const KEYS: usize = 1 << 16;

thread_local! {
    static KEYS_SEEN: RefCell<HashSet<Name>> = RefCell::new(HashSet::default());
}

impl Name {
    /// The name `text`, shared with every other made of the same text on this thread: the
    /// objects of a document repeat a few thousand keys (`id`, `url`, `login`) hundreds of
    /// thousands of times, and a few formats (`uri`) thousands, each a text of its own to
    /// make, compare and free.
    pub fn key(text: &str) -> Name {
        KEYS_SEEN.with(|seen| match seen.try_borrow_mut() {
            Ok(mut seen) => match seen.get(text) {
                Some(name) => name.clone(),
                None => {
                    let name = Name::from(text);
                    if seen.len() < KEYS {
                        seen.insert(name.clone());
                    }
                    name
                }
            },
            Err(_) => Name::from(text),
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
        let (a, b) = (Name::key("uri"), Name::key("uri"));
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, Name::from("uri"));
        let (date, date_time) = (Name::from("date"), Name::from("date-time"));
        assert!(date < date_time);
        assert_eq!(format!("{:?}", Name::from("uri")), "\"uri\"");
    }
}
