//! The Swagger 2.0 reader (conversion to OpenAPI 3.0, then the 3.0 reader) on any value.
#![no_main]

#[path = "common.rs"]
mod common;

use codegen::diag::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else { return };
    let Ok(doc) = codegen::read::parse_document("fuzz.swagger.yaml", text) else { return };
    let mut diags = Diagnostics::default();
    let _ = codegen::read::swagger2::read(&doc, &mut diags);
});
