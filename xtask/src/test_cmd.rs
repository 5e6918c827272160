//! `cargo xtask test`: every check CI runs, in one command.
//!
//! 1. `cargo test --workspace` (unit, snapshot, round-trip and freshness tests), with
//!    `INSTA_UPDATE=no` so a changed snapshot fails instead of being written;
//! 2. clippy with `-D warnings` on the whole workspace, generated crates included, which
//!    also fails on any compiler warning;
//! 3. `cargo doc` of the generated crates with `-D warnings`.

use std::process::Command;

const GENERATED: &[&str] = &["crankwheel", "crankwheel-reseller", "outseta"];

/// What it checks, the cargo arguments, and extra environment.
type Step = (&'static str, Vec<String>, Vec<(&'static str, &'static str)>);

pub fn run(args: &[String]) -> u8 {
    if let Some(a) = args.first() {
        eprintln!("unknown argument `{a}`\n{}", super::USAGE);
        return 2;
    }
    let root = super::codegen_cmd::workspace_root();
    let steps: Vec<Step> = vec![
        ("tests", vec!["test".into(), "--workspace".into()], vec![("INSTA_UPDATE", "no")]),
        (
            "clippy",
            ["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"].map(String::from).to_vec(),
            vec![],
        ),
        (
            "docs of the generated crates",
            ["doc", "--no-deps"].iter().map(|s| s.to_string()).chain(GENERATED.iter().flat_map(|g| ["-p".to_string(), g.to_string()])).collect(),
            vec![("RUSTDOCFLAGS", "-D warnings")],
        ),
    ];
    for (what, args, env) in steps {
        eprintln!("==> {what}: cargo {}", args.join(" "));
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.current_dir(&root).args(&args);
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
    eprintln!("==> all checks passed");
    0
}
