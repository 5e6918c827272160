//! The examples test that every generated crate carries (`tests/examples.rs`) passes on its own
//! documents' examples and fails when an example stops round-tripping, or when the report's
//! list of examples that cannot decode is wrong.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};
use workspace_tests::root;

/// Runs the crate's examples test in the standalone test's target folder (same flags, so
/// the dependencies it built are reused).
fn examples_test(dir: &Path) -> Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["test", "--quiet", "--test", "examples", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .args(["--", "--nocapture"])
        .env("CARGO_TARGET_DIR", root().join("target/standalone-check/target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_generated_crates_examples_test_passes_and_catches_a_broken_example() {
    let input = root().join("codegen/tests/fixtures/openapi/petstore-mini-3.0.json");
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let krate = generate_from_files(std::slice::from_ref(&input), "examples-check", &opts).expect("the fixture generates");
    let dir = root().join("target/standalone-check/examples-crate");
    let _ = std::fs::remove_dir_all(&dir);
    for (rel, text) in &krate.files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("files have a parent")).expect("folder");
        std::fs::write(&path, text).expect("write");
    }
    let json_path = dir.join("tests/examples.json");
    let original: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&json_path).expect("examples.json is written")).expect("JSON");
    assert_eq!(original.len(), krate.api.examples.len(), "every example of the API is in the file");

    let out = examples_test(&dir);
    assert!(out.status.success(), "the examples test fails on its own examples:\n{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains(&format!("examples: {} checked, 0 known not to decode (REPORT.md), 0 failing", original.len())), "{}", stdout(&out));

    // An example its type cannot hold any more: a struct sent as `true`.
    let target = original.iter().position(|e| e["type"].as_str().is_some_and(|t| t.starts_with("models::"))).expect("a struct-typed example");
    let mut broken = original.clone();
    broken[target]["value"] = Value::Bool(true);
    std::fs::write(&json_path, serde_json::to_string(&broken).expect("JSON")).expect("write");
    let out = examples_test(&dir);
    assert!(!out.status.success(), "a broken example passed");
    assert!(stdout(&out).contains(&format!("FAIL {}: does not decode as", original[target]["origin"])), "{}", stdout(&out));

    // A good example the report would list as not decoding: the list is wrong, so it fails.
    let mut listed = original.clone();
    listed[target]["cannot_decode"] = Value::String("said so by hand".into());
    std::fs::write(&json_path, serde_json::to_string(&listed).expect("JSON")).expect("write");
    let out = examples_test(&dir);
    assert!(!out.status.success(), "an example wrongly listed as not decoding passed");
    assert!(stdout(&out).contains("decodes, but REPORT.md says it cannot"), "{}", stdout(&out));
}
