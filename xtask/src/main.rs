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
/// No transparent huge pages for mimalloc's arenas (on Linux), unless `MIMALLOC_ALLOW_THP`
/// says otherwise. With them each fault zeroed 2 MiB and each purge split a huge page again, so
/// the kernel cleared pages over and over (30% of all samples in `clear_page_erms`). Without
/// them, on GitHub's description: system time 0.70-0.90 s to 0.42-0.45 s, peak 262 MB to
/// 250 MB (twice the page faults, each of 4 KiB). mimalloc's own option is read before `main`,
/// so the process asks the kernel directly; that holds for the mappings mimalloc already made.
///
/// Freed pages go back to the system after 10 ms (mimalloc 3 waits a second by default, which
/// let each stage's garbage pile up: 275-299 MB). The immediate purge this process used to ask
/// for mattered while huge pages were on (262 MB against 267-269 MB at 10 ms); without them
/// 10 ms costs about 4 MB of peak and saves about 0.1 s of system time (4 runs each: 251.9-252.2
/// MB and 0.45-0.53 s against 255.5-256.0 MB and 0.37-0.42 s). `MIMALLOC_PURGE_DELAY` overrides it.
fn tune_allocator() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain option setter, called before any other thread exists.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    }
    #[cfg(target_os = "linux")]
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets a flag of this process; the result is ignored, as THP is only a speed matter.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong, 0 as libc::c_ulong) };
    }
}

/// `cargo xtask`: the project's commands.
#[derive(clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(clap::Subcommand)]
enum Cmd {
    /// Regenerates `generated/<api>/` from `specs/<api>/api.toml` for every API.
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
    tune_allocator();
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
