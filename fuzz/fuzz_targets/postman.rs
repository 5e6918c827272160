//! The Postman reader on any JSON or YAML value, whatever format detection would say.
#![no_main]

#[path = "common.rs"]
mod common;

use codegen::diag::Diagnostics;
use codegen::model::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else { return };
    let Ok(doc) = codegen::read::parse_document("fuzz.postman.json", text) else { return };
    let mut diags = Diagnostics::default();
    let _ = codegen::read::postman::read(&doc, Format::Postman21, &mut diags);
});
