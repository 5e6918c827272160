//! The generator library: read -> merge/infer -> emit.
//!
//! Each folder is one pipeline stage; [`pipeline`] runs them in order for one API.

pub mod both;
pub mod diag;
pub mod diff;
pub mod drop_later;
pub mod emit;
mod shared_text;
pub mod model;
pub mod infer;
pub mod manifest;
pub mod merge;
pub mod name;
pub mod overrides;
pub mod pipeline;
pub mod read;
pub mod reserved;
pub mod surface;
pub mod text;
