//! [`Origins`]: the few origins a [`super::shape::Shape`] remembers, the first held inline.
//!
//! Most places of a body are seen once: a `Vec` allocated a block for that one origin at every
//! place observed (and again at every copy of a shape), and freed it with the shape.

use crate::model::Origin;
use std::ops::Deref;

/// Reads as a slice of origins, in the order they were noted.
#[derive(Clone, Debug)]
pub enum Origins {
    /// Exactly one.
    One(Origin),
    /// None, or two and more.
    Few(Vec<Origin>),
}

impl Default for Origins {
    fn default() -> Self {
        Origins::Few(Vec::new())
    }
}

impl Origins {
    pub fn push(&mut self, origin: Origin) {
        match self {
            Origins::Few(few) if few.is_empty() => *self = Origins::One(origin),
            Origins::Few(few) => few.push(origin),
            Origins::One(first) => {
                *self = Origins::Few(vec![first.clone(), origin]);
            }
        }
    }
}

impl Deref for Origins {
    type Target = [Origin];
    fn deref(&self) -> &[Origin] {
        match self {
            Origins::One(one) => std::slice::from_ref(one),
            Origins::Few(few) => few,
        }
    }
}

impl PartialEq for Origins {
    fn eq(&self, other: &Origins) -> bool {
        **self == **other
    }
}

#[cfg(test)]
mod tests {
    use super::Origins;
    use crate::model::Origin;

    #[test]
    fn reads_as_the_origins_pushed() {
        let mut origins = Origins::default();
        assert!(origins.is_empty());
        let (a, b, c) = (Origin::new("a.json", "/a"), Origin::new("a.json", "/b"), Origin::new("a.json", "/c"));
        origins.push(a.clone());
        assert_eq!(&*origins, std::slice::from_ref(&a));
        origins.push(b.clone());
        origins.push(c.clone());
        assert_eq!(&*origins, [a, b, c]);
    }
}
