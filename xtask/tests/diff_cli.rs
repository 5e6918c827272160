//! `cargo xtask diff` as CI runs it, on scratch git repositories: exit 0 (nothing breaking,
//! or a breaking change announced by the version), 1 (an unannounced breaking change) and 2
//! (bad input or usage), and the cases with nothing to compare (a new API, a base whose
//! documents do not build, no base revision at all).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::{git, out, repo, write};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("codegen/tests/fixtures/diff/openapi30").join(name)).unwrap()
}

fn manifest(version: &str) -> String {
    format!("[package]\nname = \"pets\"\nversion = \"{version}\"\n\n[[source]]\nfile = \"pets.yaml\"\n")
}

/// A fresh git repository under target/ with `files` committed, one commit per entry.
fn scratch(name: &str, commits: &[&[(&str, &str)]]) -> PathBuf {
    let dir = repo().join("target/xtask-cli").join(format!("diff-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    git(&dir, &["init", "-q"]);
    for (i, files) in commits.iter().enumerate() {
        write(&dir, files);
        git(&dir, &["add", "-A"]);
        git(&dir, &["commit", "-q", "--allow-empty", "-m", &format!("commit {i}")]);
    }
    dir
}

fn diff(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).arg("diff").arg("--root").arg(root).args(args).output().expect("xtask runs")
}

#[test]
fn a_breaking_change_fails_until_the_version_is_bumped_and_the_changelog_records_it() {
    let base = fixture("base.yaml");
    let root = scratch("gate", &[&[("specs/pets/api.toml", &manifest("0.1.0")), ("specs/pets/pets.yaml", &base)]]);

    // Unchanged, then a compatible change: exit 0.
    let o = diff(&root, &["--base", "HEAD"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("pets 0.1.0: no changes"), "{}", out(&o));
    write(&root, &[("specs/pets/pets.yaml", &fixture("param-optional-added.yaml"))]);
    let o = diff(&root, &["--base", "HEAD"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("info      new-optional-request-parameter  GET /pets: query parameter sort"), "{}", out(&o));

    // A new required parameter without a version step: exit 1, naming the version to set.
    write(&root, &[("specs/pets/pets.yaml", &fixture("param-required-added.yaml"))]);
    let o = diff(&root, &["--base", "HEAD"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains("breaking  new-required-request-parameter  GET /pets: query parameter species"), "{text}");
    assert!(text.contains("set version to 0.2.0 or later in specs/pets/api.toml"), "{text}");
    assert!(text.contains("spec diff gate: FAILED: unannounced breaking changes in pets"), "{text}");

    // A patch step is not enough for 0.x; a minor step is.
    write(&root, &[("specs/pets/api.toml", &manifest("0.1.1"))]);
    assert_eq!(diff(&root, &["--base", "HEAD"]).status.code(), Some(1));
    write(&root, &[("specs/pets/api.toml", &manifest("0.2.0"))]);
    let o = diff(&root, &["--base", "HEAD"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("announced by the version step 0.1.0 -> 0.2.0"), "{}", out(&o));

    // The changelog entry of 0.2.0, written once however often the command runs.
    let o = diff(&root, &["--base", "HEAD", "--changelog"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let log = std::fs::read_to_string(root.join("specs/pets/CHANGELOG.md")).unwrap();
    assert!(log.starts_with("# Changelog\n"), "{log}");
    assert!(log.contains("## 0.2.0\n\nChanges since 0.1.0"), "{log}");
    assert!(log.contains("### Breaking\n\n- GET /pets: query parameter species: new required parameter (&str) (`new-required-request-parameter`)\n"), "{log}");
    assert_eq!(diff(&root, &["--base", "HEAD", "--changelog"]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(root.join("specs/pets/CHANGELOG.md")).unwrap(), log);

    // The same report for tools and for pull requests.
    let json = out(&diff(&root, &["--base", "HEAD", "--format", "json"]));
    assert!(json.contains("\"id\": \"new-required-request-parameter\"") && json.contains("\"verdict\": \"bumped\""), "{json}");
    let md = out(&diff(&root, &["--base", "HEAD", "--format", "markdown"]));
    assert!(md.contains("| breaking | `new-required-request-parameter` | `GET /pets` | query parameter species |"), "{md}");
}

/// An `api.toml` edit that no document shows still changes what callers compile against:
/// a type renamed through `[overrides.types]`, a field retyped through `[overrides.fields]`.
#[test]
fn an_override_only_change_fails_the_gate_until_the_version_is_bumped() {
    let base = fixture("base.yaml");
    let root = scratch("overrides", &[&[("specs/pets/api.toml", &manifest("0.1.0")), ("specs/pets/pets.yaml", &base)]]);
    for (name, overrides, named) in [
        ("a type rename", "[overrides.types]\nPet = \"Animal\"\n", "breaking  type-renamed  model type renamed (`Pet` -> `Animal`)"),
        ("a field type", "[overrides.fields.\"Pet.name\"]\ntype = \"integer\"\n", ".name: response field's type changed (string -> integer)"),
    ] {
        write(&root, &[("specs/pets/api.toml", &format!("{}\n{overrides}", manifest("0.1.0")))]);
        let o = diff(&root, &["--base", "HEAD"]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", out(&o));
        assert!(out(&o).contains(named), "{name}: {}", out(&o));
        write(&root, &[("specs/pets/api.toml", &format!("{}\n{overrides}", manifest("0.2.0")))]);
        let o = diff(&root, &["--base", "HEAD"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", out(&o));
    }
}

/// A generator change: the base's crate, as its generator wrote it (`surface.json`), named a
/// method and a model otherwise than this generator does, with the same documents.
#[test]
fn a_generator_change_of_the_crate_surface_fails_the_gate_until_the_version_is_bumped() {
    use codegen::diff::load::{build, Side};
    let (base, toml) = (fixture("base.yaml"), manifest("0.1.0"));
    let files = |rel: &str| Ok(match rel {
        "specs/pets/api.toml" => Some(toml.clone()),
        "specs/pets/pets.yaml" => Some(base.clone()),
        _ => None,
    });
    let Side::Built(api) = build("specs/pets", &files) else { panic!("the fixture builds") };
    let mut old = codegen::surface::build(&api);
    let method = old.methods.iter_mut().find(|m| m.name == "list_pets").expect("list_pets");
    method.name = "get_pets".into();
    let command = "cargo xtask codegen";
    let old = codegen::surface::to_json(&old, command);
    let root = scratch("generator", &[&[("specs/pets/api.toml", &toml), ("specs/pets/pets.yaml", &base), ("generated/pets/surface.json", &old)]]);
    // The working tree regenerated with this generator.
    write(&root, &[("generated/pets/surface.json", &codegen::surface::to_json(&codegen::surface::build(&api), command))]);
    let o = diff(&root, &["--base", "HEAD"]);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(out(&o).contains("GET /pets: operation's method renamed (`get_pets` -> `list_pets`)"), "{}", out(&o));
    write(&root, &[("specs/pets/api.toml", &manifest("0.2.0"))]);
    let o = diff(&root, &["--base", "HEAD"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    // Without the base's surface the same documents give the same crate: nothing to report.
    std::fs::remove_file(root.join("generated/pets/surface.json")).unwrap();
    git(&root, &["commit", "-q", "-a", "-m", "no surface"]);
    let o = diff(&root, &["--base", "HEAD"]);
    assert!(out(&o).contains("pets 0.2.0: no changes"), "{}", out(&o));
}

#[test]
fn a_new_api_and_a_base_that_does_not_parse_are_reported_not_crashed() {
    let root = scratch(
        "broken-base",
        &[
            &[("specs/pets/api.toml", &manifest("0.1.0")), ("specs/pets/pets.yaml", "openapi: [unclosed\n")],
            &[("specs/ghost/api.toml", &manifest("0.1.0").replace("\"pets\"", "\"ghost\""))],
        ],
    );
    write(&root, &[("specs/pets/pets.yaml", &fixture("base.yaml")), ("specs/ghost/pets.yaml", &fixture("base.yaml"))]);
    write(&root, &[("specs/fresh/api.toml", &manifest("0.1.0").replace("\"pets\"", "\"fresh\"")), ("specs/fresh/pets.yaml", &fixture("base.yaml"))]);
    let o = diff(&root, &["--base", "HEAD"]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{text}");
    assert!(text.contains("fresh 0.1.0: new API (not at the base), nothing to compare"), "{text}");
    assert!(text.contains("pets 0.1.0: the base's documents do not build, so nothing can be compared"), "{text}");
    assert!(text.contains("specs/pets/pets.yaml"), "the broken file is named:\n{text}");
    // ghost's manifest was committed without its source.
    assert!(text.contains("ghost 0.1.0: the base's documents do not build"), "{text}");
    assert!(text.contains("source `pets.yaml` does not exist"), "{text}");
}

#[test]
fn a_working_tree_that_does_not_build_is_bad_input() {
    let root = scratch("broken-head", &[&[("specs/pets/api.toml", &manifest("0.1.0")), ("specs/pets/pets.yaml", &fixture("base.yaml"))]]);
    write(&root, &[("specs/pets/pets.yaml", "{ \"openapi\": ")]);
    let o = diff(&root, &["--base", "HEAD"]);
    assert_eq!(o.status.code(), Some(2), "{}", out(&o));
    assert!(out(&o).contains("specs/pets/pets.yaml"), "{}", out(&o));
}

#[test]
fn without_a_base_revision_the_gate_says_so_and_passes() {
    // One commit: HEAD has no parent and there is no origin/main.
    let root = scratch("no-base", &[&[("specs/pets/api.toml", &manifest("0.1.0")), ("specs/pets/pets.yaml", &fixture("base.yaml"))]]);
    let o = diff(&root, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("no base revision to compare against (HEAD has no parent"), "{}", out(&o));

    // With a second commit, the default base is HEAD~1.
    git(&root, &["commit", "-q", "--allow-empty", "-m", "second"]);
    let o = diff(&root, &[]);
    assert!(out(&o).contains("spec diff: specs/ at HEAD~1 ("), "{}", out(&o));

    // Outside any git work tree.
    let outside = std::env::temp_dir().join(format!("spec-diff-no-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&outside);
    std::fs::create_dir_all(&outside).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["diff", "--root"])
        .arg(&outside)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(out(&o).contains("no base revision to compare against (not a git work tree)"), "{}", out(&o));
    let _ = std::fs::remove_dir_all(&outside);
}

#[test]
fn bad_usage_and_unknown_revisions_exit_2() {
    let root = scratch("usage", &[&[("specs/pets/api.toml", &manifest("0.1.0")), ("specs/pets/pets.yaml", &fixture("base.yaml"))]]);
    for args in [&["--format", "xml"][..], &["--base"], &["--bogus"], &["--base", "no-such-rev"], &["--base", "HEAD", "--api", "nope"]] {
        let o = diff(&root, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", out(&o));
    }
    let o = diff(&root, &["--base", "HEAD", "--api", "pets", "--timings"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("timings:"), "{}", out(&o));
}

#[test]
fn codegen_copies_a_committed_changelog_into_the_crate_and_check_stays_fresh() {
    let root = repo().join("target/xtask-cli/diff-changelog-copy");
    let _ = std::fs::remove_dir_all(&root);
    write(&root, &[("specs/pets/api.toml", &manifest("0.2.0")), ("specs/pets/pets.yaml", &fixture("base.yaml"))]);
    let codegen = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_xtask")).arg("codegen").arg("--root").arg(&root).args(args).output().unwrap();

    // No changelog: no file in the crate.
    assert_eq!(codegen(&[]).status.code(), Some(0));
    assert!(!root.join("generated/pets/CHANGELOG.md").exists());

    write(&root, &[("specs/pets/CHANGELOG.md", "# Changelog\n\n## 0.2.0\n\n- a change\n")]);
    let o = codegen(&["--check"]);
    assert_eq!(o.status.code(), Some(1), "a new changelog makes the crate stale:\n{}", out(&o));
    assert_eq!(codegen(&[]).status.code(), Some(0));
    let copy = std::fs::read_to_string(root.join("generated/pets/CHANGELOG.md")).unwrap();
    assert_eq!(
        copy,
        "<!-- @generated by `cargo xtask codegen` from specs/pets/CHANGELOG.md. Edit that file, not this one. -->\n\n# Changelog\n\n## 0.2.0\n\n- a change\n"
    );
    let o = codegen(&["--check"]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
}
