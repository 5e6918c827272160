//! The examples test emitted into a crate names the crate's own types by the crate's name: in
//! `tests/`, `crate` is the test, so a body that is a runtime type (`Vec<Timestamp>`, found on
//! GitHub's description) must not be written `crate::Timestamp`.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::PathBuf;

#[test]
fn a_body_of_runtime_types_is_named_through_the_library_in_the_examples_test() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/openapi/timestamps-body-3.0.yaml");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let krate = generate_from_files(&[path], "schedule", &opts).expect("the fixture builds");
    let test = krate.files.get("tests/examples.rs").expect("an examples test");
    // A row of the table: the name the examples file uses, then the type.
    assert!(test.contains("\"Vec<crate::Timestamp>\" => Vec < schedule::Timestamp >"), "{test}");
    assert!(!test.contains("=> Vec < crate::"), "{test}");
}
