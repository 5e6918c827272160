//! `cargo xtask test`: every check CI runs, in one command.
//!
//! 0. `npm ci`: the pinned OpenAPI tools (Redocly CLI, Prism) from `package-lock.json`, which
//!    the OpenAPI lint and contract tests run; without npm they say they are skipped;
//! 1. `cargo test --workspace` (unit, snapshot, round-trip and freshness tests), with
//!    `INSTA_UPDATE=no` so a changed snapshot fails instead of being written;
//! 2. clippy with `-D warnings` on the whole workspace, generated crates included, which
//!    also fails on any compiler warning;
//! 3. `cargo doc` of the generator (`codegen`, `xtask`) and the generated crates with `-D warnings`;
//! 4. the pathological-input tests in release, where the two heavy cases run;
//! 5. the corpus (`cargo xtask corpus`): real third-party documents from npm packages, each
//!    generated, linted and its examples test run; without npm they are SKIPPED, loudly;
//! 6. a fuzz smoke: each fuzz target for 5 s (`fuzz/fuzz.sh smoke`, docs/robustness.md).
//!
//! Before them, the pinned cargo-semver-checks is installed (once, into ~/.cache/spec2rust) and
//! the spec diff gate runs (`cargo xtask diff`, docs/spec-diff.md): a breaking change in the
//! documents or the generated crates without a version step fails here; no base is a skip.

use std::process::Command;

const GENERATED: &[&str] = &["crankwheel", "crankwheel-reseller", "outseta"];

/// What it checks, the cargo arguments, and extra environment.
type Step = (&'static str, Vec<String>, Vec<(&'static str, &'static str)>);

pub fn run() -> u8 {
    let root = super::codegen_cmd::workspace_root();
    if let Err(code) = npm_ci(&root) {
        return code;
    }
    // Before the gate, which runs it, and the tests, which must not skip it once installed.
    let semver_bin = match super::semver_checks::ensure_installed() {
        Ok(bin) => bin.display().to_string(),
        Err(why) => {
            eprintln!("==> cargo-semver-checks: SKIPPED ({why})");
            String::new()
        }
    };
    eprintln!("==> spec diff gate: cargo xtask diff");
    match super::diff_cmd::run(Default::default()) {
        0 => {}
        code => {
            eprintln!("==> spec diff gate failed (exit {code}): see docs/spec-diff.md");
            return code;
        }
    }
    let steps: Vec<Step> = vec![
        ("tests", vec!["test".into(), "--workspace".into()], vec![("INSTA_UPDATE", "no")]),
        (
            "clippy",
            ["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"].map(String::from).to_vec(),
            vec![],
        ),
        (
            "docs of the generator and the generated crates",
            ["doc", "--no-deps"].iter().map(|s| s.to_string()).chain(["codegen", "xtask"].iter().chain(GENERATED).flat_map(|g| ["-p".to_string(), g.to_string()])).collect(),
            vec![("RUSTDOCFLAGS", "-D warnings")],
        ),
        (
            "pathological inputs in release (the 50 MB and 20,000-operation cases; docs/robustness.md)",
            ["test", "--release", "-p", "codegen", "--test", "pathological", "--", "--include-ignored"].map(String::from).to_vec(),
            vec![],
        ),
    ];
    for (what, args, env) in steps {
        eprintln!("==> {what}: cargo {}", args.join(" "));
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.current_dir(&root).args(&args).env("SPEC2RUST_SEMVER_CHECKS", &semver_bin);
        for (k, v) in env {
            cmd.env(k, v);
        }
        match cmd.status() {
            Ok(s) if s.success() => {}
            Ok(s) => {
                eprintln!("==> {what} failed ({s})");
                return 1;
            }
            Err(e) => {
                eprintln!("==> cannot run cargo: {e}");
                return 2;
            }
        }
    }
    eprintln!("==> corpus: cargo xtask corpus (tests/corpus.toml)");
    match super::corpus_cmd::run(Default::default()) {
        0 => {}
        code => {
            eprintln!("==> corpus failed (exit {code})");
            return code;
        }
    }
    // Each fuzz target for a few seconds: libFuzzer on stable Rust, nothing to install.
    eprintln!("==> fuzz smoke: bash fuzz/fuzz.sh smoke 5 (the long campaign: docs/robustness.md)");
    match Command::new("bash").current_dir(&root).args(["fuzz/fuzz.sh", "smoke", "5"]).status() {
        Ok(s) if s.success() => {}
        Ok(s) => {
            eprintln!("==> fuzz smoke failed ({s})");
            return 1;
        }
        Err(e) => {
            eprintln!("==> cannot run bash: {e}");
            return 2;
        }
    }
    eprintln!("==> all checks passed");
    0
}

/// Installs the npm tools exactly as locked. Without npm the tests that need the tools report
/// themselves skipped; a failed install stops the run.
fn npm_ci(root: &std::path::Path) -> Result<(), u8> {
    if !Command::new("npm").arg("--version").output().is_ok_and(|o| o.status.success()) {
        eprintln!("==> npm is not installed: the OpenAPI tool tests (redocly lint, Prism contract test) will be SKIPPED");
        return Ok(());
    }
    eprintln!("==> OpenAPI tools: npm ci (package-lock.json)");
    let status = Command::new("npm").current_dir(root).args(["ci", "--no-audit", "--no-fund", "--ignore-scripts"]).status();
    match status {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => {
            eprintln!("==> npm ci failed ({s})");
            Err(1)
        }
        Err(e) => {
            eprintln!("==> cannot run npm: {e}");
            Err(2)
        }
    }
}
