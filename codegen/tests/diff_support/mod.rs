//! Shared by the diff tests: which rules a document change alone cannot show.

/// Rules of the surface compare that a change of the fixture documents alone does not
/// trigger (an `api.toml` or generator change does): `diff_rules.rs` leaves them out of its
/// coverage check, `diff_surface.rs` has a case for each.
pub const SURFACE_ONLY: &[&str] = &[
    "setter-removed",
    "error-type-changed",
    "pagination-removed",
    "pagination-added",
    "type-removed",
    "field-removed",
    "field-renamed",
    "field-type-changed",
    "variant-removed",
    "webhook-function-removed",
    "webhook-event-added",
    "webhook-event-removed",
    "webhook-event-changed",
    "error-variant-removed",
    "error-variant-changed",
    "type-alias-removed",
    "type-alias-added",
    "feature-removed",
    "feature-item-removed",
    "feature-added",
];
