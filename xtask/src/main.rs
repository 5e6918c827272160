//! `cargo xtask`: a thin command line over the `codegen` library.
//!
//! Exit codes: 0 success, 1 `--check` found stale files, 2 bad input or usage.

mod bench_cmd;
mod bench_inputs;
mod codegen_cmd;
mod corpus_cmd;
mod corpus_list;
mod diff_cmd;
mod generate_cmd;
mod test_cmd;
mod write;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage:
  cargo xtask codegen [--check] [--verbose] [--root DIR] [--force]
      Regenerates generated/<api>/ from specs/<api>/api.toml for every API.
      --force: also replace or remove files there that the generator did not write.
      --check: write nothing; exit 1 and show what is stale.
      --verbose: print every warning about the inputs.
      --root: work on DIR/specs and DIR/generated instead of this repository's.
  cargo xtask generate --input FILE [--input FILE ...] --name NAME --out DIR [--test-support] [--force]
      Builds a standalone crate from any API documents (merged as one API, first file wins).
      Files in DIR without the `@generated` marker are never replaced: exit 2 unless --force.
      --test-support: also emit the modules the generator's tests use (feature `round-trip`).
  cargo xtask diff [--base REV] [--api NAME] [--format text|markdown|json] [--changelog] [--timings]
      Classifies what changed in specs/ since REV (default: the merge base with origin/main,
      else HEAD~1) as breaking, warning or info (rules: docs/spec-diff.md, or --rules).
      Exit 1 when a breaking change comes without a semver-major version step in api.toml.
      --changelog: write the bumped version's entry into specs/<api>/CHANGELOG.md.
      --timings: print how long each step took, to stderr. --root DIR as for codegen.
  cargo xtask test
      Runs every check CI runs: the workspace tests, clippy and the generated crates' docs.
  cargo xtask corpus [--all] [--only NAME]
      Generates every real document of tests/corpus.toml (fetched with npm pack into
      ~/.cache/spec2rust), runs clippy -D warnings and each crate's examples test, and prints
      a table; a document npm cannot fetch is SKIPPED. --all: also the heavy ones (GitHub).
  cargo xtask bench [--quick] [--no-check] [--no-github] [--no-decode]
      Prints benchmark figures (release build in target/bench): codegen time of each API and of
      GitHub's REST description, peak memory, lines and `cargo check` time of the generated
      crates, decode throughput of the generated models. --quick: a fast subset.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("codegen") => codegen_cmd::run(&args[1..]),
        Some("generate") => generate_cmd::run(&args[1..]),
        Some("diff") => diff_cmd::run(&args[1..]),
        Some("test") => test_cmd::run(&args[1..]),
        Some("bench") => bench_cmd::run(&args[1..]),
        Some("corpus") => corpus_cmd::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code)
}

/// Prints what was said about the inputs, warnings first, to stderr.
fn print_diagnostics(diags: &[codegen::diag::Diagnostic], verbose: bool) {
    let warnings = diags.len();
    if verbose {
        for d in diags {
            eprintln!("  {d}");
        }
    } else if warnings > 0 {
        eprintln!("  {warnings} warnings about the inputs (listed in REPORT.md; run with --verbose to print them)");
    }
}
