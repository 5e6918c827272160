//! `cargo xtask generate` makes crates that compile on their own, outside this workspace:
//! from each bundled document alone, and from small Swagger 2.0 and OpenAPI 3.0/3.1 fixtures.
//!
//! Each crate is generated into a temporary folder and built with `cargo build`; they share
//! one target folder (not the workspace's, which `cargo test` keeps locked), so their common
//! dependencies compile once.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::{Path, PathBuf};
use std::process::Command;
use workspace_tests::root;

fn inputs() -> Vec<(&'static str, PathBuf)> {
    let r = root();
    vec![
        ("seed-reseller-postman", r.join("specs/crankwheel-reseller/reseller.postman.json")),
        ("seed-reseller-openapi31", r.join("specs/crankwheel-reseller/reseller.openapi.yaml")),
        ("seed-crankwheel-postman", r.join("specs/crankwheel/crankwheel.postman.json")),
        ("seed-crankwheel-swagger2", r.join("specs/crankwheel/crankwheel.swagger.yaml")),
        ("seed-outseta-postman", r.join("specs/outseta/outseta.postman.json")),
        ("fixture-swagger2", r.join("codegen/tests/fixtures/swagger2/petstore-mini.yaml")),
        ("fixture-openapi30", r.join("codegen/tests/fixtures/openapi/petstore-mini-3.0.json")),
        ("fixture-openapi31", r.join("codegen/tests/fixtures/openapi/petstore-mini-3.1.yaml")),
    ]
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

#[test]
fn generated_standalone_crates_compile_outside_the_workspace() {
    let work = root().join("target/standalone-check");
    // Each crate's own folder is cleared by `write_crate`; clearing all of `crates` here raced
    // with the other test of this file building `crates/clashing-names` at the same time.
    let crates = work.join("crates");
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let mut failures = Vec::new();
    for (name, input) in inputs() {
        let krate = generate_from_files(std::slice::from_ref(&input), name, &opts)
            .unwrap_or_else(|e| panic!("{} does not generate:\n{e}", input.display()));
        assert!(!krate.api.operations.is_empty(), "{name}: no operations");
        let dir = crates.join(name);
        workspace_tests::write_crate(&dir, &krate.files);
        let out = build(&dir, &work);
        if !out.status.success() {
            failures.push(format!("{name} ({}):\n{}", input.display(), String::from_utf8_lossy(&out.stderr)));
        }
    }
    assert!(failures.is_empty(), "crates that do not compile:\n{}", failures.join("\n"));
}

/// `cargo build` of the crate in `dir`, warnings denied, into the shared target under `work`.
fn build(dir: &Path, work: &Path) -> std::process::Output {
    Command::new(cargo())
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", work.join("target"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs")
}

/// Every name a spec can give that the crate already uses (the methods of `Client` and
/// `Request`, the crate root's types, the prelude, std types, keywords) is renamed, and the
/// crate compiles without warnings.
#[test]
fn names_from_the_spec_never_clash_with_the_crates_own() {
    let input = root().join("codegen/tests/fixtures/names/clashing-names-3.0.yaml");
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let krate = generate_from_files(std::slice::from_ref(&input), "clashing-names", &opts).expect("the fixture generates");
    let api = &krate.api;
    let ids: Vec<&str> = api.operations.iter().map(|o| o.id.as_str()).collect();
    for taken in ["request", "get", "delete", "send", "builder", "new", "client", "clone", "into"] {
        assert!(!ids.contains(&taken), "an operation is still called `{taken}`: {ids:?}");
    }
    assert!(ids.contains(&"post_ops_get") && ids.contains(&"r#type"), "{ids:?}");
    let types: Vec<&str> = api.types.defs.iter().map(|d| d.name.as_str()).collect();
    for (clash, cleared) in [("Client", "ClientModel"), ("Error", "ErrorModel"), ("Duration", "DurationModel"), ("Option", "OptionModel"), ("SearchBuilder", "SearchBuilderModel"), ("Status404Error", "Status404ErrorModel")] {
        assert!(!types.contains(&clash) && types.contains(&cleared), "{clash}: {types:?}");
    }
    let operations = &krate.files["src/operations.rs"];
    for setter in ["query_param", "json_param", "send_param", "into_stream_param", "clone_param"] {
        assert!(operations.contains(&format!("pub fn {setter}(self")), "no setter `{setter}`");
    }
    let lib = &krate.files["src/lib.rs"];
    for builder_setter in ["pub fn timeout_auth(self", "pub fn credential_auth(self", "pub fn with_credential_token(&self"] {
        assert!(lib.contains(builder_setter), "no `{builder_setter}`");
    }
    let report = &krate.files["REPORT.md"];
    assert!(report.contains("model named `ClientModel`: `Client` is a type of the crate root"), "{report}");
    assert!(report.contains("setter named `query_param`: `query` is a method of the request"), "{report}");
    assert!(report.contains("`auth timeout`: setter named `timeout_auth`"), "{report}");

    let work = root().join("target/standalone-check");
    let dir = work.join("crates/clashing-names");
    workspace_tests::write_crate(&dir, &krate.files);
    let out = build(&dir, &work);
    assert!(out.status.success(), "the crate does not compile:\n{}", String::from_utf8_lossy(&out.stderr));
}
