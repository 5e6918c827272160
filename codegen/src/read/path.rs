//! Path templates: every placeholder syntax into [`crate::model::PathTemplate`].
