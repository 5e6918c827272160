//! [`Shared`]: a part of a [`super::Shape`] behind a reference count, copied only where it
//! changes while another holds it too.
//!
//! The clustering unions thousands of objects, each union starting from a copy of one, and
//! typing copies shapes to join them with schemas: deep copies (and their frees) were a fifth
//! of the time of `build` for GitHub's description. With the parts shared, a copy takes a count
//! for each part, a union copies only the parts that both sides hold, and an untouched subtree
//! is never copied at all.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// Reads as a `Box<T>`; writing to one that is shared first copies it (one level: its own
/// parts stay shared), so every holder keeps the value it had.
#[derive(Default, PartialEq)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
