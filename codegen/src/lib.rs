//! The generator library: read -> merge/infer -> emit.
//!
//! Each folder is one pipeline stage; [`pipeline`] runs them in order for one API.

pub mod diag;
pub mod model;
pub mod read;
