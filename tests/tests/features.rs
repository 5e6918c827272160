//! Each tag is a Cargo feature of the generated crate (`codegen/src/emit/features/`): a crate
//! built with one feature alone, with none, or with all compiles without a warning.
//!
//! The fixture (`codegen/tests/fixtures/features/bookshop-3.1.yaml`) has two tags, a tag named
//! `default`, a tag named `models` (the name of an import of the operations' file, and of the
//! models' file itself) with a model only it reaches, an operation
//! with two tags, an untagged operation, webhooks and a callback, types several groups reach, and
//! error enums shared within a feature and across features. The bundled crates are built with each of their features alone.
//! All builds share one target folder outside the workspace's, which `cargo test` keeps locked.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::Path;
use std::process::Command;
use workspace_tests::{bundled_apis, root};

/// The features `default` lists in a generated `Cargo.toml`.
fn default_features(cargo_toml: &str) -> Vec<String> {
    let line = cargo_toml.lines().find(|l| l.starts_with("default = [")).expect("a default feature list");
    line.trim_start_matches("default = [").trim_end_matches(']').split(", ").filter(|f| !f.is_empty()).map(|f| f.trim_matches('"').to_string()).collect()
}

/// `cargo check` of the crate with these feature arguments, warnings denied; the error text
/// where it fails.
fn check(manifest: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--manifest-path"])
        .arg(manifest)
        .args(args)
        .env("CARGO_TARGET_DIR", root().join("target/features-check"))
        .env("RUSTFLAGS", "-D warnings")
        .output()
        .expect("cargo runs");
    (!out.status.success()).then(|| format!("{} {}:\n{}", manifest.display(), args.join(" "), String::from_utf8_lossy(&out.stderr)))
}

/// Every feature alone, none, and all of them (the default).
fn each_combination(manifest: &Path, features: &[String]) -> Vec<String> {
    let mut runs: Vec<Vec<&str>> = vec![vec![], vec!["--no-default-features"]];
    runs.extend(features.iter().map(|f| vec!["--no-default-features", "--features", f.as_str()]));
    runs.iter().filter_map(|args| check(manifest, args)).collect()
}

#[test]
fn the_fixture_compiles_with_each_feature_alone_with_none_and_with_all() {
    let input = root().join("codegen/tests/fixtures/features/bookshop-3.1.yaml");
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let krate = generate_from_files(std::slice::from_ref(&input), "bookshop", &opts).expect("the fixture generates");
    let features = default_features(&krate.files["Cargo.toml"]);
    // `Books` and `Store Orders` sanitized, Cargo's `default` moved aside, the built-in groups.
    assert_eq!(features, ["books", "default-2", "models", "store-orders", "untagged", "webhooks"]);
    let report = &krate.files["REPORT.md"];
    assert!(report.contains("| `store-orders` | `Store Orders` | `create_order`, `get_order` |"), "{report}");
    // A type only the callback of a `store-orders` operation reaches is that feature's alone:
    // it and its serde impls (the runtime's `model!`) are in that feature's module, whose
    // `cfg` is written once, re-exported so that it stays `models::Carrier`.
    let models = &krate.files["src/models.rs"];
    let module = "#[cfg(feature = \"store-orders\")]\npub use store_orders::*;\n#[cfg(feature = \"store-orders\")]\nmod store_orders {\n";
    let start = models.find(module).unwrap_or_else(|| panic!("{module} in {models}"));
    let body = &models[start + module.len()..];
    let body = &body[..body.find("\n}\n").expect("the module ends")];
    for wanted in ["    model! {\n", "        #[derive(Clone, Debug, PartialEq, Default)] pub struct Carrier {"] {
        assert!(body.contains(wanted), "{wanted} in {body}");
    }
    assert_eq!(models.matches("#[cfg(feature = \"store-orders\")]").count(), 2, "{models}");
    // One `cfg` per feature: its methods in one `impl`, its builders and error types in one
    // module (not named `models`, which the file imports); an error enum two features share
    // stays outside, one a feature's operations share goes in its module.
    let operations = &krate.files["src/operations.rs"];
    for wanted in ["#[cfg(feature = \"models\")]\nimpl crate::Client {", "#[cfg(feature = \"models\")]\nmod models2 {", "    pub type GetAuthorError = Status410Error;", "    pub type GetBookError = super::Status404Error;"] {
        assert!(operations.contains(wanted), "{wanted} in {operations}");
    }
    assert_eq!(operations.matches("#[cfg(feature = \"books\")]").count(), 3, "{operations}");
    // The model only the `models` group reaches is in a module that does not take the name
    // of the `models` import either.
    assert!(models.contains("#[cfg(feature = \"models\")]\nmod models2 {"), "{models}");
    assert!(models.contains("mod models2 {\n    model! {\n        #[derive(Clone, Debug, PartialEq, Default)] pub struct AuthorStats {"), "{models}");
    let dir = root().join("target/features-check/crates/bookshop");
    workspace_tests::write_crate(&dir, &krate.files);
    let failures = each_combination(&dir.join("Cargo.toml"), &features);
    assert!(failures.is_empty(), "combinations that do not compile cleanly:\n{}", failures.join("\n"));
}

#[test]
fn bundled_crates_compile_with_each_feature_alone() {
    let mut failures = Vec::new();
    for api in bundled_apis() {
        let manifest = root().join("generated").join(&api).join("Cargo.toml");
        let features = default_features(&std::fs::read_to_string(&manifest).expect("the bundled crate's Cargo.toml"));
        assert!(features.len() > 1, "{api}: one group only");
        failures.extend(each_combination(&manifest, &features));
    }
    assert!(failures.is_empty(), "combinations that do not compile cleanly:\n{}", failures.join("\n"));
}
