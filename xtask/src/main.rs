//! `cargo xtask`: a thin command line over the `codegen` library.
//!
//! Exit codes: 0 success, 1 `--check` found stale files (or the diff gate failed), 2 bad input
//! or usage.

mod bench;
mod bench_inputs;
mod codegen_cmd;
mod corpus_cmd;
mod corpus_list;
mod diff_cmd;
mod generate_cmd;
mod semver_checks;
mod test_cmd;
mod write;

use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

extern "C" {
    /// mimalloc's own option setter (linked in through the `mimalloc` crate's C library).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e` (the version `libmimalloc-sys` builds).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// `cargo xtask`: the project's commands.
#[derive(clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(clap::Subcommand)]
enum Cmd {
    /// Regenerates generated/<api>/ from specs/<api>/api.toml for every API.
    Codegen(codegen_cmd::Args),
    /// Builds a standalone crate from any API documents.
    ///
    /// The documents are merged as one API, the first file wins. Files in --out without the `@generated` marker are never replaced: exit 2 unless --force.
    Generate(generate_cmd::Args),
    /// The spec diff gate: what changed since a base revision, and cargo-semver-checks.
    ///
    /// Classifies what changed in specs/ since the base as breaking, warning or info (rules:
    /// docs/spec-diff.md, or --rules), and runs cargo-semver-checks on each generated crate
    /// against the base revision's. Exit 1 when a breaking change comes without a semver-major version step in api.toml.
    Diff(diff_cmd::Args),
    /// Runs every check CI runs.
    ///
    /// The diff gate, the workspace tests, clippy, the generated crates' docs, the corpus and
    /// a fuzz smoke.
    Test,
    /// Real third-party documents: generated, linted and their examples tested.
    ///
    /// Generates every real document of tests/corpus.toml (fetched with npm pack into
    /// ~/.cache/spec2rust), runs clippy -D warnings and each crate's examples test, and prints
    /// a table; a document npm cannot fetch is SKIPPED.
    Corpus(corpus_cmd::Args),
    /// Prints benchmark figures.
    ///
    /// A release build in target/bench: codegen time of each API and
    /// of GitHub's REST description, peak memory, the same documents through openapi-generator
    /// side by side (PyPI `openapi-generator-cli`, needs Java; SKIPPED without), lines and
    /// `cargo check` time of the generated crates, decode throughput of the generated models.
    Bench(bench::Args),
}

fn main() -> ExitCode {
    // Pages freed by one stage go back to the system at once instead of 10 ms later: each stage
    // frees much of what the last built, and the delay let those pages pile up. On GitHub's
    // description `generate` peaked at 315-366 MB with the delay, 266 MB without, and spent less
    // system time.
    // SAFETY: a plain option setter, called before any other thread exists.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    let cli = match <Cli as clap::Parser>::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` is not an error; every usage error exits 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let code = match cli.command {
        Cmd::Codegen(args) => codegen_cmd::run(args),
        Cmd::Generate(args) => generate_cmd::run(args),
        Cmd::Diff(args) => diff_cmd::run(args),
        Cmd::Test => test_cmd::run(),
        Cmd::Bench(args) => bench::run(args),
        Cmd::Corpus(args) => corpus_cmd::run(args),
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
