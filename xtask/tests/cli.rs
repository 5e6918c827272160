//! The command line as a user runs it: exit codes 0, 1 (stale) and 2 (bad input or usage).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn xtask(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).output().expect("xtask runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// A scratch tree with one bundled API's specs, so the real generated/ is never touched.
fn scratch(name: &str) -> PathBuf {
    let dir = repo().join("target/xtask-cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    let specs = dir.join("specs/crankwheel-reseller");
    std::fs::create_dir_all(&specs).unwrap();
    for entry in std::fs::read_dir(repo().join("specs/crankwheel-reseller")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), specs.join(entry.file_name())).unwrap();
    }
    dir
}

#[test]
fn codegen_check_exits_0_when_fresh_and_1_with_a_diff_when_stale() {
    let root = scratch("check");
    let r = root.to_str().unwrap();
    let o = xtask(&["codegen", "--root", r]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(root.join("generated/crankwheel-reseller/src/lib.rs").is_file());

    let o = xtask(&["codegen", "--check", "--root", r]);
    assert_eq!(o.status.code(), Some(0), "fresh output reported stale:\n{}", stderr(&o));

    let lib = root.join("generated/crankwheel-reseller/src/lib.rs");
    let text = std::fs::read_to_string(&lib).unwrap();
    std::fs::write(&lib, text.replace("pub mod models;", "pub mod models; // edited by hand")).unwrap();
    std::fs::write(root.join("generated/crankwheel-reseller/src/stray.rs"), "// left over\n").unwrap();
    let o = xtask(&["codegen", "--check", "--root", r]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("run `cargo xtask codegen`"), "{err}");
    assert!(err.contains("changed:") && err.contains("edited by hand"), "no diff shown:\n{err}");
    assert!(err.contains("no longer generated") && err.contains("stray.rs"), "{err}");

    // Regenerating repairs both, and --check agrees.
    assert_eq!(xtask(&["codegen", "--root", r]).status.code(), Some(0));
    assert!(!root.join("generated/crankwheel-reseller/src/stray.rs").exists());
    assert_eq!(xtask(&["codegen", "--check", "--root", r]).status.code(), Some(0));
}

#[test]
fn codegen_with_a_broken_source_exits_2_and_names_the_file() {
    let root = scratch("broken");
    std::fs::write(root.join("specs/crankwheel-reseller/reseller.openapi.yaml"), "openapi: [unclosed\n").unwrap();
    let o = xtask(&["codegen", "--root", root.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("reseller.openapi.yaml"), "{err}");
}

#[test]
fn generate_writes_a_crate_and_bad_input_exits_2() {
    let out = repo().join("target/xtask-cli/generate-out");
    let _ = std::fs::remove_dir_all(&out);
    let input = repo().join("codegen/tests/fixtures/swagger2/petstore-mini.yaml");
    let o = xtask(&["generate", "--input", input.to_str().unwrap(), "--name", "petstore", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let cargo_toml = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(cargo_toml.contains("name = \"petstore\"") && cargo_toml.contains("[workspace]"), "{cargo_toml}");

    let junk = repo().join("target/xtask-cli/junk.txt");
    std::fs::write(&junk, "this is not an API document {").unwrap();
    let o = xtask(&["generate", "--input", junk.to_str().unwrap(), "--name", "junk", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("junk.txt"), "{}", stderr(&o));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(xtask(&[]).status.code(), Some(2));
    assert_eq!(xtask(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(xtask(&["generate", "--input", "x.json"]).status.code(), Some(2));
    assert_eq!(xtask(&["generate", "--input", "x.json", "--name", "Not A Crate", "--out", "o"]).status.code(), Some(2));
    assert_eq!(xtask(&["codegen", "--bogus"]).status.code(), Some(2));
}
