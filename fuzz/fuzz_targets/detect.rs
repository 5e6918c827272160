//! Parsing (JSON, YAML, multi-document streams) and format detection.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else { return };
    if let Ok(doc) = codegen::read::parse_document("fuzz.json", text) {
        let _ = codegen::read::detect::detect(&doc);
        // Diagnostics name lines: the locators walk the text for any pointer.
        let _ = doc.line_of("/paths/~1a~1{b}/get/responses/200");
        let _ = doc.line_of("/item/0/item/1/request/url");
    }
});
