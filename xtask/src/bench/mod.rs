//! `cargo xtask bench [--quick]`: how fast the generator is, how big and how quick to compile
//! its output is, and how fast the generated models decode. It prints figures; it asserts
//! nothing (a benchmark is not a test).
//!
//! A debug xtask re-runs itself as a release build in `target/bench` (its own target folder, so
//! it does not wait on builds in `target/`). GitHub's REST description comes from the npm
//! package `@octokit/openapi` at a pinned version, fetched once with `npm pack` into a cache
//! outside the repository (`$SPEC2RUST_CACHE`, else `~/.cache/spec2rust`). Each GitHub size
//! is generated in a child process, so its peak memory (`VmHWM`) is its own. openapi-generator
//! is run on the same documents in the same run (`versus`), installed from PyPI at a pinned
//! version into the same cache (`openapi_generator`); without Java or the registry that
//! comparison is SKIPPED with the reason.
mod bundled;
mod check;
mod decode;
mod features;
mod github;
mod github_child;
mod openapi_generator;
mod summary;
mod timing;
mod versus;
mod warnings;
mod whole_process;

use super::bench_inputs::OCTOKIT_VERSION;
use bundled::bench_bundled;
use check::bench_check;
use decode::bench_decode;
use github::bench_github;
use std::path::Path;
use std::process::Command;
use summary::{print_machine, Summary};
use timing::rust_lines;

#[derive(Default)]
struct Options {
    quick: bool,
    check: bool,
    github: bool,
    decode: bool,
    versus: bool,
}

#[derive(clap::Args)]
pub struct Args {
    /// A fast subset.
    #[arg(long)]
    quick: bool,
    /// Skip `cargo check` of the generated crates.
    #[arg(long)]
    no_check: bool,
    /// Skip GitHub's REST description.
    #[arg(long)]
    no_github: bool,
    /// Skip the decode throughput.
    #[arg(long)]
    no_decode: bool,
    /// Skip the side-by-side run of openapi-generator (installed from PyPI, needs Java).
    #[arg(long)]
    no_openapi_generator: bool,
    /// Internal: run PROGRAM (after `--`), print its wall, CPU and peak memory,
    /// `--measure LOG LIMIT_S -- PROGRAM ARGS...`.
    #[arg(long, hide = true, num_args = 2, value_names = ["LOG", "LIMIT_S"])]
    measure: Option<Vec<String>>,
    #[arg(last = true, hide = true)]
    program: Vec<std::ffi::OsString>,
    /// Internal: one measured child run, `--child FILE REPEAT [OUT]`.
    #[arg(long, hide = true, num_args = 2..=3, value_names = ["FILE", "REPEAT", "OUT"])]
    child: Option<Vec<String>>,
}

pub fn run(args: Args) -> u8 {
    if let Some(child_args) = &args.child {
        return github_child::child(child_args);
    }
    if let Some(measure_args) = &args.measure {
        return whole_process::wrapper(measure_args, &args.program);
    }
    let mut opts = Options { quick: args.quick, check: !args.no_check, github: !args.no_github, decode: !args.no_decode, versus: !args.no_openapi_generator };
    if opts.quick {
        // The quick subset: no `cargo check` of the GitHub crate (minutes), fewer repetitions.
        opts.check = false;
    }
    let root = crate::codegen_cmd::workspace_root();
    if cfg!(debug_assertions) {
        return rerun_in_release(&root);
    }
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return 2;
    }
    let work = root.join("target").join("bench");
    let mut summary = Summary::default();
    print_machine(&mut summary);

    println!("\n## Bundled APIs: read + merge + emit, in-process, release build");
    let Some(bundled) = bench_bundled(&opts, &mut summary) else { return 2 };

    if opts.github {
        println!("\n## GitHub REST description (@octokit/openapi {OCTOKIT_VERSION})");
        bench_github(&opts, &work, &mut summary);
    }

    println!("\n## Many warnings: their lines found in one pass (in-process, release build)");
    warnings::bench_warnings(&opts, &work, &mut summary);

    if opts.versus {
        println!("\n## Side by side with openapi-generator: the same documents, whole process each");
        versus::bench_versus(&opts, &work, &mut summary);
    }

    if opts.check {
        println!("\n## Generated crates: lines and `cargo check` time");
        bench_check(&root, &work, &bundled, &mut summary);
    } else {
        println!("\n## Generated crates: lines (`cargo check` skipped)");
        for k in &bundled {
            let lines = rust_lines(&k.files);
            println!("  {:<22} {:>7} lines of Rust", k.name, lines);
        }
    }

    if opts.decode {
        println!("\n## Decoding the bundled examples (release build, MB/s of JSON)");
        bench_decode(&opts, &root, &work, &bundled, &mut summary);
    }

    summary.print(&work);
    0
}

/// Builds this command in release mode in `target/bench` and runs it there.
fn rerun_in_release(root: &Path) -> u8 {
    let target = root.join("target").join("bench");
    eprintln!("building the benchmark in release mode (target dir {})...", target.display());
    let status = Command::new(cargo())
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .args(["run", "--release", "--quiet", "--package", "xtask", "--"])
        .args(std::env::args().skip(1)) // `bench` and its flags, as given
        .status();
    match status {
        Ok(s) => s.code().map_or(2, |c| u8::try_from(c).unwrap_or(2)),
        Err(e) => {
            eprintln!("error: cannot run cargo: {e}");
            2
        }
    }
}

pub(crate) fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

