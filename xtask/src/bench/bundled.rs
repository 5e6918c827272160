//! Read + merge + emit of each bundled API, in-process.

use super::summary::Summary;
use super::timing::{ms, time_runs};
use super::Options;
use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_manifest, GeneratedCrate};
use std::path::{Path, PathBuf};

pub fn bench_bundled(opts: &Options, summary: &mut Summary) -> Option<Vec<GeneratedCrate>> {
    let dirs = match api_dirs(Path::new("specs")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot list specs/: {e}");
            return None;
        }
    };
    let runs = if opts.quick { 5 } else { 30 };
    let gen_opts = EmitOptions { command: crate::codegen_cmd::COMMAND.into(), standalone: false, test_support: true };
    let generate = |dir: &Path| match generate_from_manifest(dir, &gen_opts) {
        Ok(k) => Some(k),
        Err(e) => {
            eprintln!("error: {} was not generated:\n{e}", dir.display());
            None
        }
    };
    let mut crates = Vec::new();
    println!("  {:<22} {:>5} {:>6} {:>9} {:>9} {:>9}  ({runs} runs after one warm-up)", "api", "ops", "types", "min ms", "median ms", "CPU ms");
    for dir in &dirs {
        let krate = generate(dir)?;
        let times = time_runs(runs, || {
            generate(dir);
        });
        println!(
            "  {:<22} {:>5} {:>6} {:>9.2} {:>9.2} {:>9.2}",
            krate.name,
            krate.api.operations.len(),
            krate.api.types.defs.len(),
            ms(times.min),
            ms(times.median),
            ms(times.cpu)
        );
        crates.push(krate);
    }
    let all = time_runs(runs, || {
        for dir in &dirs {
            generate(dir);
        }
    });
    let ops: usize = crates.iter().map(|k| k.api.operations.len()).sum();
    let types: usize = crates.iter().map(|k| k.api.types.defs.len()).sum();
    println!("  {:<22} {:>5} {:>6} {:>9.2} {:>9.2} {:>9.2}", "all three", ops, types, ms(all.min), ms(all.median), ms(all.cpu));
    summary.goal(
        "All bundled APIs generated in-process",
        "< 100 ms",
        format!("{:.1} ms (median {:.1} ms, CPU {:.1} ms)", ms(all.min), ms(all.median), ms(all.cpu)),
        ms(all.min) < 100.0,
    );
    Some(crates)
}

/// Folders of `specs/` that hold an `api.toml`, sorted (as `cargo xtask codegen` finds them).
pub fn api_dirs(specs: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(specs)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("api.toml").is_file()).collect();
    dirs.sort();
    Ok(dirs)
}
