//! The bundled crates' `round_trip` functions, by API name, for the tests that push examples
//! through the generated types (`round_trip.rs`, `prose_nullable.rs`).

use serde_json::Value;

/// Decodes a body (operation, status, request or response) and encodes it back.
pub type RoundTrip = fn(&str, Option<u16>, bool, &Value) -> Result<Value, String>;

pub fn crate_of(api: &str) -> RoundTrip {
    match api {
        "crankwheel" => crankwheel::round_trip::round_trip,
        "crankwheel-reseller" => crankwheel_reseller::round_trip::round_trip,
        "outseta" => outseta::round_trip::round_trip,
        other => panic!("no crate for {other}: add it to tests/Cargo.toml and here"),
    }
}
