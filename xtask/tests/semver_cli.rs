//! The gate's second check, `cargo-semver-checks`, on fixture pairs in a scratch repository laid
//! out like this one (a workspace over `generated/*`): a change that only the generator makes,
//! two that only `api.toml` makes, and two that only the documents make. Where the spec diff
//! and cargo-semver-checks disagree, the case says why.
//!
//! The tool is installed by `cargo xtask test` (and by `cargo xtask diff` when a generated crate
//! changed); without it these tests print SKIPPED and pass, since they cannot run.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{git, out, repo, write};

/// Whether the pinned tool is installed. `cargo xtask test` installs it and says so in
/// `SPEC2RUST_SEMVER_CHECKS` (its path, empty when it could not): then it must be there.
fn tool_installed() -> bool {
    match std::env::var("SPEC2RUST_SEMVER_CHECKS") {
        Ok(bin) if !bin.is_empty() => {
            assert!(
                Path::new(&bin).is_file(),
                "cargo xtask test installed {bin}, but it is not there"
            );
            true
        }
        Ok(_) => false,
        Err(_) => Command::new(env!("CARGO_BIN_EXE_xtask"))
            .args(["diff", "--semver-checks-installed"])
            .status()
            .is_ok_and(|s| s.success()),
    }
}

fn base_yaml() -> String {
    std::fs::read_to_string(repo().join("codegen/tests/fixtures/diff/openapi30/base.yaml")).unwrap()
}

fn manifest(version: &str, extra: &str) -> String {
    format!("[package]\nname = \"pets\"\nversion = \"{version}\"\n\n[[source]]\nfile = \"pets.yaml\"\n{extra}")
}

fn run(root: &Path, args: &[&str]) -> Output {
    // The rustdoc builds share the workspace's target dir, as in the real gate.
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("xtask runs")
}

/// A scratch repository with the pets crate generated and committed.
fn scratch() -> PathBuf {
    let root = repo().join("target/xtask-cli/semver");
    let _ = std::fs::remove_dir_all(&root);
    write(
        &root,
        &[
            (
                "Cargo.toml",
                "[workspace]\nresolver = \"2\"\nmembers = [\"generated/*\"]\n",
            ),
            (".gitignore", "target/\nCargo.lock\n"),
            ("specs/pets/api.toml", &manifest("0.1.0", "")),
            ("specs/pets/pets.yaml", &base_yaml()),
        ],
    );
    let o = run(&root, &["codegen"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    git(&root, &["init", "-q"]);
    git(&root, &["add", "-A"]);
    git(&root, &["commit", "-q", "-m", "base"]);
    root
}

/// Back to the committed base, then `edit`, then regenerate unless the edit is the generator's.
fn scenario(root: &Path, regenerate: bool, edit: impl FnOnce(&Path)) {
    git(root, &["checkout", "-q", "--", "."]);
    git(root, &["clean", "-q", "-fd"]);
    edit(root);
    if regenerate {
        let o = run(root, &["codegen"]);
        assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    }
}

/// Runs the gate (with cargo-semver-checks, or the spec diff alone) against the committed
/// base; asserts its exit code and that its output says each of `said`.
fn expect(root: &Path, semver: bool, code: i32, said: &[&str]) {
    let mut args = vec!["diff", "--base", "HEAD"];
    if !semver {
        args.push("--no-semver-checks");
    }
    let o = run(root, &args);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(code), "diff {args:?}:\n{text}");
    for s in said {
        assert!(text.contains(s), "diff {args:?} does not say `{s}`:\n{text}");
    }
}

const PET_GONE: &str = "struct pets::models::Pet, previously in file generated/pets/src/models.rs";
const UNANNOUNCED: &str = "semver-checks pets: breaking changes without a version step: version 0.1.0 must be at least 0.2.0";

#[test]
fn semver_checks_sees_generator_override_and_spec_changes_and_the_disagreements_are_explained() {
    if !tool_installed() {
        println!("SKIPPED: cargo-semver-checks is not installed (cargo xtask test installs it)");
        return;
    }
    let root = scratch();
    expect(&root, true, 0, &["semver-checks pets: generated/pets is unchanged since HEAD"]);

    // Generator only: a new generator that renames `Pet` (simulated by editing the committed
    // output). The documents are the same, so the spec diff cannot see it; semver-checks can.
    scenario(&root, false, |root| {
        for entry in std::fs::read_dir(root.join("generated/pets/src")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, rename_word(&text, "Pet", "Animal")).unwrap();
            }
        }
    });
    expect(&root, false, 0, &["pets 0.1.0: no changes"]);
    expect(&root, true, 1, &[UNANNOUNCED, "struct_missing", PET_GONE]);

    // Override only: `[overrides.types]` renames `Pet`. Both see it: the surface compare of the
    // spec diff (code naming the type stops compiling) and semver-checks (a public struct is
    // gone). The gate fails until the version steps.
    let renamed = |version: &str| manifest(version, "\n[overrides.types]\nPet = \"Animal\"\n");
    scenario(&root, true, |root| write(root, &[("specs/pets/api.toml", &renamed("0.1.0"))]));
    expect(&root, false, 1, &["type-renamed", "Animal"]);
    expect(&root, true, 1, &[UNANNOUNCED, "struct_missing", PET_GONE]);
    scenario(&root, true, |root| write(root, &[("specs/pets/api.toml", &renamed("0.2.0"))]));
    expect(&root, true, 0, &["semver-checks pets: breaking changes, announced by 0.1.0 -> 0.2.0", PET_GONE]);

    // Override only, seen by the spec diff alone: `[overrides.fields]` makes `Pet.age` a
    // `String` (was `i64`). cargo-semver-checks has no lint for a field whose type changes
    // (0.51 compares items, not types), so it passes; the spec diff fails it.
    let age = manifest("0.1.0", "\n[overrides.fields.\"Pet.age\"]\ntype = \"string\"\n");
    scenario(&root, true, |root| write(root, &[("specs/pets/api.toml", &age)]));
    expect(&root, true, 1, &["response-property-type-changed", "age", "semver-checks pets: no breaking change against HEAD"]);

    // Spec only, seen by both: a new required query parameter is one more method argument.
    let species = "        - name: species\n          in: query\n          required: true\n          schema:\n            type: string\n";
    let required = base_yaml().replacen("        - name: limit\n", &format!("{species}        - name: limit\n"), 1);
    scenario(&root, true, |root| write(root, &[("specs/pets/pets.yaml", &required)]));
    expect(&root, true, 1, &["new-required-request-parameter", UNANNOUNCED, "method_parameter_count_changed"]);

    // Spec only, seen by the spec diff alone: the JSON name of `Pet.name` changes, the Rust
    // field does not (`name`, now with `#[serde(rename = "Name")]`). The crate's API is the
    // same, so semver-checks passes it; every response now fails to decode, so the spec diff
    // fails it.
    let wire = base_yaml()
        .replacen("required: [id, name, kind, tag]", "required: [id, Name, kind, tag]", 1)
        .replacen("        name:\n          type: string\n        kind:", "        Name:\n          type: string\n        kind:", 1);
    assert_eq!(wire.matches("Name").count(), 2, "the fixture edit missed");
    scenario(&root, true, |root| write(root, &[("specs/pets/pets.yaml", &wire)]));
    expect(&root, true, 1, &["response-required-property-removed", "semver-checks pets: no breaking change against HEAD"]);
}

/// `text` with every whole-word `from` replaced by `to`.
fn rename_word(text: &str, from: &str, to: &str) -> String {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(from) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + from.len()..].chars().next();
        out.push_str(&rest[..i]);
        out.push_str(
            if before.is_some_and(is_ident) || after.is_some_and(is_ident) {
                from
            } else {
                to
            },
        );
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}
