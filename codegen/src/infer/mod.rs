//! Inference: JSON samples and declared schemas -> shapes -> named Rust types.
//!
//! [`shape`] unions the evidence at each place of a body (observing a sample or a schema in
//! `shape_observe.rs`, uniting two shapes in `shape_merge.rs`, their parts shared behind a count
//! in `shared.rs`); [`map_keys`] tells maps from structs; [`mod@build`] turns shapes into the type
//! arena.

mod ahead;
mod ahead_covers;
pub mod aliases;
pub mod build;
mod cluster;
mod cluster_group;
mod cluster_pairs;
mod cluster_unions;
mod covers;
mod distinct;
mod fields;
mod lenient;
pub mod map_keys;
mod name_text;
mod naming;
mod numbers;
mod origins;
pub mod prose;
mod prose_apply;
mod request_types;
mod prose_codes;
pub mod prose_json;
mod prose_null;
mod prose_tables;
mod read_only;
mod refs;
pub mod shape;
mod shared;
pub mod sorted_set;
pub mod time_text;
mod times;
mod value_types;

pub use build::{build, Built, Role, Root};
pub use prose_tables::{code_tables, type_params};
pub use shape::Shape;
