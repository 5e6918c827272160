//! Shared setters as a user meets them (`codegen/src/emit/builders.rs`): the fixture
//! `codegen/tests/fixtures/builders/shared-setters-3.1.yaml` has two operations of one feature
//! with the same documented `per_page` and `page`, one with a `page` documented as a cursor,
//! one in another feature and one with no setters (`get_status`). The crate compiles with each feature; a
//! user's calls of the shared setters compile with no `use`; a shared setter on an operation
//! that does not take it does not compile; rustdoc lists the shared setters on the pages of
//! the two builders that take them and on no other.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::Path;
use std::process::{Command, Output};
use workspace_tests::root;

/// `cargo <args>` on the crate in `dir`, warnings denied, into the target shared with the
/// standalone crates.
fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .arg("--manifest-path")
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", root().join("target/standalone-check/target"))
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A user's test file of the crate.
const CALLS: &str = r#"
#[test]
fn calls() {
    let client = shared_setters::Client::new("https://api.example.com").expect("a client");
    let _ = client.list_items().per_page(5).page(2);
    let _ = client.list_tags().page(2).per_page(5);
    let _ = client.list_versions(1).per_page(5).page("cursor");
    let _ = client.list_people().per_page(5).page(2);
}
"#;

#[test]
fn shared_setters_compile_are_called_without_imports_and_are_documented_on_their_builders_only() {
    let input = root().join("codegen/tests/fixtures/builders/shared-setters-3.1.yaml");
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let mut krate = generate_from_files(std::slice::from_ref(&input), "shared-setters", &opts).expect("the fixture generates");
    krate.files.insert("tests/calls.rs".into(), CALLS.into());
    let dir = root().join("target/standalone-check/crates/shared-setters");
    workspace_tests::write_crate(&dir, &krate.files);

    for args in [&["check", "--tests"][..], &["check", "--no-default-features", "--features", "items"], &["check", "--no-default-features", "--features", "people"]] {
        let out = cargo(&dir, args);
        assert!(out.status.success(), "{args:?}:\n{}", stderr(&out));
    }

    // The shared `page` takes an integer: the cursor operation's own `page` is not it, and
    // an operation without setters has none of them.
    for (call, wanted) in [("client.list_versions(1).page(2)", "expected `&str`"), ("client.get_status().per_page(5)", "no method named `per_page` found")] {
        let test = format!("#[test]\nfn wrong() {{\n    let client = shared_setters::Client::new(\"https://api.example.com\").expect(\"a client\");\n    let _ = {call};\n}}\n");
        std::fs::write(dir.join("tests/calls.rs"), test).expect("write");
        let out = cargo(&dir, &["check", "--tests"]);
        assert!(!out.status.success() && stderr(&out).contains(wanted), "{call} should fail with {wanted}:\n{}", stderr(&out));
    }
    std::fs::remove_file(dir.join("tests/calls.rs")).expect("remove");

    // rustdoc merges its impl lists with those a previous run left: start from none.
    let doc = root().join("target/standalone-check/target/doc");
    for stale in [doc.join("shared_setters"), doc.join("type.impl/shared_setters")] {
        let _ = std::fs::remove_dir_all(stale);
    }
    let out = cargo(&dir, &["doc", "--no-deps"]);
    assert!(out.status.success(), "cargo doc:\n{}", stderr(&out));
    // The impls of `Request` and the aliases rustdoc shows each on: one entry per generic
    // impl, `["<html of the impl>",0,"crate::Alias",...]`.
    let impls = std::fs::read_to_string(doc.join("type.impl/shared_setters/struct.Request.js")).expect("rustdoc's impls of Request");
    let entry = impls.split("[\"<details").find(|e| e.contains("method.per_page")).unwrap_or_else(|| panic!("no shared impl in {impls}"));
    for builder in ["ListItemsBuilder", "ListTagsBuilder"] {
        assert!(entry.contains(&format!("::{builder}\"")), "{builder} in {entry}");
    }
    for builder in ["ListVersionsBuilder", "ListPeopleBuilder"] {
        assert!(!entry.contains(builder), "{builder} in {entry}");
    }
    // A builder of its own shows its setters on its page.
    let page = std::fs::read_to_string(doc.join("shared_setters/type.ListVersionsBuilder.html")).expect("the builder's page");
    assert!(page.contains("An opaque cursor from the previous page"), "{page}");
}
