//! The whole pipeline: read -> merge (with inference) -> emit, on one to three documents.
//!
//! The input is split at NUL bytes (which no JSON or YAML text holds) into up to three
//! documents of one API, so merging several sources is fuzzed too.
#![no_main]

#[path = "common.rs"]
mod common;

use codegen::diag::{Diagnostics, Level};
use codegen::emit::EmitOptions;
use codegen::manifest::{Manifest, Package};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(text) = common::text(data) else { return };
    let mut diags = Diagnostics::default();
    let mut sources = Vec::new();
    for (i, part) in text.split('\0').take(3).enumerate() {
        if let Ok(source) = codegen::read::read_source(&format!("fuzz{i}.json"), part, &mut diags) {
            sources.push(source);
        }
    }
    if sources.is_empty() {
        return;
    }
    let manifest = Manifest {
        package: Package { name: "fuzz-api".into(), version: "0.1.0".into(), title: None, description: None },
        ..Default::default()
    };
    let api = codegen::pipeline::build_api(&manifest, &sources, &mut diags);
    if diags.items.iter().any(|d| d.level == Level::Error) {
        return;
    }
    let opts = EmitOptions { command: "fuzz".into(), standalone: true, test_support: false };
    let _ = codegen::emit::emit_crate(&api, &diags.items, &opts);
});
