//! The OpenAPI 3.0 and 3.1 readers on any value. A document whose `openapi` says 3.0 goes to
//! the 3.0 reader; anything else to the 3.1 reader (which lowers 3.1 to 3.0 first).
#![no_main]

#[path = "common.rs"]
mod common;

use codegen::diag::Diagnostics;
use codegen::model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else { return };
    let Ok(doc) = codegen::read::parse_document("fuzz.openapi.yaml", text) else { return };
    let format = match codegen::read::detect::detect(&doc) {
        Ok(Format::OpenApi30) => Format::OpenApi30,
        _ => Format::OpenApi31,
    };
    let mut diags = Diagnostics::default();
    let _ = codegen::read::openapi::read(&doc, format, &mut diags);
});
