//! `cargo xtask bench [--quick]`: how fast the generator is, how big and how quick to compile
//! its output is, and how fast the generated models decode. It prints figures; it asserts
//! nothing (a benchmark is not a test).
//!
//! A debug xtask re-runs itself as a release build in `target/bench` (its own target folder, so
//! it does not wait on builds in `target/`). GitHub's REST description comes from the npm
//! package `@octokit/openapi` at a pinned version, fetched once with `npm pack` into a cache
//! outside the repository (`$SPEC2RUST_CACHE`, else `~/.cache/spec2rust`). Each GitHub size
//! is generated in a child process, so its peak memory (`VmHWM`) is its own.

use super::bench_inputs::{github_spec, replicate, slice, OCTOKIT_VERSION};
use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_files, generate_from_manifest, GeneratedCrate};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// openapi-generator's Rust client for the same description (the issue's reference figure).
const OPENAPI_GENERATOR_LINES: usize = 194_609;

/// Which GitHub input a row measures.
enum Size {
    File,
    /// The first N% of the paths.
    Slice(u32),
    /// N copies of the 10% slice.
    Copies(usize),
}

#[derive(Default)]
struct Options {
    quick: bool,
    check: bool,
    github: bool,
    decode: bool,
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
    /// Internal: one measured child run, `--child FILE REPEAT [OUT]`.
    #[arg(long, hide = true, num_args = 2..=3, value_names = ["FILE", "REPEAT", "OUT"])]
    child: Option<Vec<String>>,
}

pub fn run(args: Args) -> u8 {
    if let Some(child_args) = &args.child {
        return child(child_args);
    }
    let mut opts = Options { quick: args.quick, check: !args.no_check, github: !args.no_github, decode: !args.no_decode };
    if opts.quick {
        // The quick subset: no `cargo check` of the GitHub crate (minutes), fewer repetitions.
        opts.check = false;
    }
    let root = super::codegen_cmd::workspace_root();
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

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

// ---------------------------------------------------------------------------------------------
// Bundled APIs

fn bench_bundled(opts: &Options, summary: &mut Summary) -> Option<Vec<GeneratedCrate>> {
    let dirs = match api_dirs(Path::new("specs")) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: cannot list specs/: {e}");
            return None;
        }
    };
    let runs = if opts.quick { 5 } else { 30 };
    let gen_opts = EmitOptions { command: super::codegen_cmd::COMMAND.into(), standalone: false, test_support: true };
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
fn api_dirs(specs: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(specs)?.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.join("api.toml").is_file()).collect();
    dirs.sort();
    Ok(dirs)
}

struct Times {
    min: Duration,
    median: Duration,
    /// The least CPU time of a run: what an idle machine would take (this one is shared).
    cpu: Duration,
}

fn time_runs(runs: usize, mut f: impl FnMut()) -> Times {
    f();
    let mut cpu = Duration::MAX;
    let mut t: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let (start, start_cpu) = (Instant::now(), cpu_time());
            f();
            cpu = cpu.min(cpu_time().saturating_sub(start_cpu));
            start.elapsed()
        })
        .collect();
    t.sort();
    Times { min: t[0], median: t[t.len() / 2], cpu }
}

/// This thread's CPU time (the pipeline runs on one thread); the wall clock elsewhere.
#[cfg(target_os = "linux")]
fn cpu_time() -> Duration {
    #[repr(C)]
    struct Timespec {
        sec: i64,
        nsec: i64,
    }
    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
    }
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut t = Timespec { sec: 0, nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec; clock_gettime only writes it.
    if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
        Duration::new(t.sec as u64, t.nsec as u32)
    } else {
        wall_since_start()
    }
}

#[cfg(not(target_os = "linux"))]
fn cpu_time() -> Duration {
    wall_since_start()
}

fn wall_since_start() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Lines of Rust in a crate's files.
fn rust_lines(files: &BTreeMap<String, String>) -> usize {
    files.iter().filter(|(p, _)| p.ends_with(".rs")).map(|(_, t)| t.lines().count()).sum()
}

// ---------------------------------------------------------------------------------------------
// GitHub

/// What a child process measured for one document.
#[derive(Default)]
struct ChildReport {
    ops: usize,
    types: usize,
    bytes: usize,
    read_ms: f64,
    emit_ms: f64,
    min_ms: f64,
    median_ms: f64,
    cpu_ms: f64,
    peak_kb: u64,
    read_peak_kb: u64,
    /// Peak memory as read, merge and emit end, in a fresh process.
    stage_peaks_kb: Vec<u64>,
    lines: usize,
    warnings: usize,
}

fn bench_github(opts: &Options, work: &Path, summary: &mut Summary) {
    let spec = match github_spec() {
        Ok(s) => s,
        Err(e) => {
            println!("  skipped: {e}");
            summary.note(format!("GitHub description not measured: {e}"));
            return;
        }
    };
    let bytes = std::fs::metadata(&spec).map(|m| m.len()).unwrap_or(0);
    println!("  {} ({:.1} MB)", spec.display(), bytes as f64 / 1e6);
    // The file itself is the headline. For the time per operation, slices keep the first N%
    // of `paths` (document order) and only the components those reach, written compact: the
    // three sizes then differ only in how much API they describe.
    let doc: Option<Value> = std::fs::read(&spec).ok().and_then(|b| serde_json::from_slice(&b).ok());
    // (label, slice percentage or copy count, path)
    let mut sizes: Vec<(String, Size, PathBuf)> = vec![("file".into(), Size::File, spec.clone())];
    if let Some(doc) = &doc {
        let write = |name: String, make: &dyn Fn() -> Value| -> Option<PathBuf> {
            let path = spec.with_file_name(name);
            if !path.is_file() {
                if let Err(e) = std::fs::write(&path, serde_json::to_string(&make()).unwrap_or_default()) {
                    println!("  cannot write {}: {e}", path.display());
                    return None;
                }
            }
            Some(path)
        };
        for pct in [10u32, 30, 100] {
            if let Some(path) = write(format!("api.github.com.{pct}pct.json"), &|| slice(doc, pct)) {
                sizes.push((format!("{pct}%"), Size::Slice(pct), path));
            }
        }
        let tenth = slice(doc, 10);
        for copies in [1usize, 3, 9] {
            if let Some(path) = write(format!("api.github.com.10pct.x{copies}.json"), &|| replicate(&tenth, copies)) {
                sizes.push((format!("10%x{copies}"), Size::Copies(copies), path));
            }
        }
    }
    drop(doc);
    let out = work.join("crates").join("github");
    println!(
        "  {:>5} {:>6} {:>5} {:>6} {:>8} {:>8} {:>8} {:>9} {:>8} {:>7} {:>8} {:>8}",
        "input", "MB", "ops", "types", "read ms", "emit ms", "min ms", "median ms", "CPU ms", "ms/op", "read MB", "peak MB"
    );
    let (mut per_op, mut per_op_copies) = (Vec::new(), Vec::new());
    for (label, size, path) in &sizes {
        let repeat = match (opts.quick, size) {
            (true, Size::File) => 1,
            (true, _) => 2,
            (false, Size::File | Size::Slice(100)) => 3,
            (false, _) => 5,
        };
        if opts.quick && matches!(size, Size::Slice(100) | Size::Copies(9)) {
            continue;
        }
        let pct = match size {
            Size::File => None,
            Size::Slice(p) => Some(*p),
            Size::Copies(_) => Some(0),
        };
        let write = pct.is_none().then_some(out.as_path());
        match run_child(path, repeat, write, if opts.quick { 300 } else { 900 }) {
            Ok(r) => {
                let ms_per_op = r.cpu_ms / r.ops.max(1) as f64;
                match size {
                    Size::Slice(p) => per_op.push((format!("{p}%"), ms_per_op)),
                    Size::Copies(n) => per_op_copies.push((format!("x{n}"), ms_per_op)),
                    Size::File => {}
                }
                println!(
                    "  {:>5} {:>6.2} {:>5} {:>6} {:>8.0} {:>8.0} {:>8.0} {:>9.0} {:>8.0} {:>7.2} {:>8.0} {:>8.0}",
                    label,
                    r.bytes as f64 / 1e6,
                    r.ops,
                    r.types,
                    r.read_ms,
                    r.emit_ms,
                    r.min_ms,
                    r.median_ms,
                    r.cpu_ms,
                    ms_per_op,
                    r.read_peak_kb as f64 / 1024.0,
                    r.peak_kb as f64 / 1024.0
                );
                if pct.is_none() {
                    if let [read, merged, emitted] = r.stage_peaks_kb[..] {
                        println!(
                            "  file: peak memory as each stage ends: read {:.0} MB, merge {:.0} MB, emit {:.0} MB",
                            read as f64 / 1024.0,
                            merged as f64 / 1024.0,
                            emitted as f64 / 1024.0
                        );
                    }
                    println!(
                        "  file: {} lines of Rust ({:.1}% of openapi-generator's {OPENAPI_GENERATOR_LINES}), {} warnings about the input",
                        r.lines,
                        100.0 * r.lines as f64 / OPENAPI_GENERATOR_LINES as f64,
                        r.warnings
                    );
                    summary.goal(
                        "GitHub generated",
                        "< 2 s",
                        format!("{:.2} s (median {:.2} s, CPU {:.2} s)", r.min_ms / 1e3, r.median_ms / 1e3, r.cpu_ms / 1e3),
                        r.min_ms < 2000.0,
                    );
                    summary.goal(
                        "GitHub peak memory (child VmHWM)",
                        "< 500 MB",
                        format!("{:.0} MB (after reading: {:.0} MB)", r.peak_kb as f64 / 1024.0, r.read_peak_kb as f64 / 1024.0),
                        r.peak_kb < 500 * 1024,
                    );
                    summary.goal(
                        "GitHub crate lines of Rust",
                        &format!("<= {} (1/3 of {OPENAPI_GENERATOR_LINES})", OPENAPI_GENERATOR_LINES / 3),
                        format!("{} ({}% of openapi-generator's)", r.lines, 100 * r.lines / OPENAPI_GENERATOR_LINES),
                        r.lines <= OPENAPI_GENERATOR_LINES / 3,
                    );
                }
            }
            Err(e) => {
                println!("  {label:>5} failed: {e}");
                summary.goal(&format!("GitHub ({label}) generated"), "succeeds", format!("failed: {e}"), false);
            }
        }
    }
    // Linear: the time per operation does not grow with the size. Slices of the real
    // description differ in content (its later paths are heavier), copies of one slice do not.
    let growth = |figures: &[(String, f64)]| -> Option<(String, f64)> {
        let (first, last) = (figures.first()?.1, figures.last()?.1);
        let text: Vec<String> = figures.iter().map(|(l, m)| format!("{l}: {m:.2}")).collect();
        Some((text.join(", "), last / first))
    };
    if let Some((text, ratio)) = growth(&per_op_copies).filter(|_| per_op_copies.len() >= 2) {
        summary.goal("Linear in size (CPU ms per operation, 1/3/9 copies of the 10% slice)", "no growth (<= 1.25x)", format!("{text} (largest/smallest {ratio:.2})"), ratio <= 1.25);
    }
    if let Some((text, ratio)) = growth(&per_op).filter(|_| per_op.len() >= 2) {
        summary.note(format!("CPU ms per operation on slices of the paths (different content): {text} (largest/smallest {ratio:.2})"));
    }
    if !opts.check {
        return;
    }
    if out.join("Cargo.toml").is_file() {
        let files = read_tree(&out);
        summary.github_crate = Some(GeneratedCrateFiles { name: "github".into(), dir: out, files });
    }
}

/// Runs `xtask bench --child` on one document, with a time limit.
fn run_child(path: &Path, repeat: usize, write: Option<&Path>, limit_s: u64) -> Result<ChildReport, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(exe);
    cmd.args(["bench", "--child"]).arg(path).arg(repeat.to_string());
    if let Some(out) = write {
        cmd.arg(out);
    }
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > Duration::from_secs(limit_s) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("still running after {limit_s} s; stopped"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Some(line) = stdout.lines().find_map(|l| l.strip_prefix("CHILD ")) else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: Vec<&str> = stderr.lines().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
        return Err(format!("{} ({})", output.status, tail.join(" | ")));
    };
    let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let u = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
    let f = |k: &str| v.get(k).and_then(Value::as_f64).unwrap_or(0.0);
    Ok(ChildReport {
        ops: u("ops") as usize,
        types: u("types") as usize,
        bytes: u("bytes") as usize,
        read_ms: f("read_ms"),
        emit_ms: f("emit_ms"),
        min_ms: f("min_ms"),
        median_ms: f("median_ms"),
        cpu_ms: f("cpu_ms"),
        peak_kb: u("peak_kb"),
        read_peak_kb: u("read_peak_kb"),
        stage_peaks_kb: v.get("stage_peaks_kb").and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_u64).collect()).unwrap_or_default(),
        lines: u("lines") as usize,
        warnings: u("warnings") as usize,
    })
}

/// `xtask bench --child FILE REPEAT [OUT]`: generates FILE REPEAT times (after timing its read
/// and, once, its emit alone), prints one `CHILD {json}` line, and writes the crate to OUT.
fn child(args: &[String]) -> u8 {
    let (Some(file), Some(repeat)) = (args.first(), args.get(1).and_then(|r| r.parse::<usize>().ok())) else {
        eprintln!("usage: xtask bench --child FILE REPEAT [OUT]");
        return 2;
    };
    let file = PathBuf::from(file);
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    // First, in a fresh process, the peak memory as each stage ends (VmHWM only grows).
    let stage_peaks = match stage_peaks(&file, &opts) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return 2;
        }
    };
    let mut read_ms = f64::INFINITY;
    for _ in 0..repeat {
        let start = Instant::now();
        if let Err(e) = codegen::pipeline::read_file(&file, &mut codegen::diag::Diagnostics::default()) {
            eprintln!("{e}");
            return 2;
        }
        read_ms = read_ms.min(ms(start.elapsed()));
    }
    let read_peak_kb = stage_peaks[0];
    let mut times = Vec::new();
    let mut cpu_ms = f64::INFINITY;
    let mut last = None;
    for _ in 0..repeat {
        // Free the previous crate first, so peak memory is that of one run.
        drop(last.take());
        let (start, start_cpu) = (Instant::now(), cpu_time());
        match generate_from_files(std::slice::from_ref(&file), "github", &opts) {
            Ok(k) => last = Some(k),
            Err(e) => {
                eprintln!("{e}");
                return 2;
            }
        }
        times.push(ms(start.elapsed()));
        cpu_ms = cpu_ms.min(ms(cpu_time().saturating_sub(start_cpu)));
    }
    let Some(krate) = last else { return 2 };
    let start = Instant::now();
    if let Err(e) = codegen::emit::emit_crate(&krate.api, &krate.diagnostics, &opts) {
        eprintln!("{e}");
        return 2;
    }
    let emit_ms = ms(start.elapsed());
    times.sort_by(f64::total_cmp);
    let peak_kb = peak_kb();
    let report = json!({
        "ops": krate.api.operations.len(),
        "types": krate.api.types.defs.len(),
        "bytes": std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0),
        "read_ms": read_ms,
        "emit_ms": emit_ms,
        "min_ms": times[0],
        "median_ms": times[times.len() / 2],
        "cpu_ms": cpu_ms,
        "peak_kb": peak_kb,
        "read_peak_kb": read_peak_kb,
        "stage_peaks_kb": stage_peaks,
        "lines": rust_lines(&krate.files),
        "warnings": krate.diagnostics.len(),
    });
    println!("CHILD {report}");
    if let Some(out) = args.get(2) {
        if let Err(e) = super::write::write_crate(Path::new(out), &krate.files, super::write::Folder::Shared, false) {
            eprintln!("error: cannot write {out}: {e}");
            return 2;
        }
    }
    0
}

/// Peak memory after read, after merge (with inference) and after emit, run stage by stage
/// as `pipeline::generate_from_files` does.
fn stage_peaks(file: &Path, opts: &EmitOptions) -> Result<[u64; 3], codegen::diag::Error> {
    use codegen::manifest::{Manifest, Package, SourceEntry};
    let manifest = Manifest {
        package: Package { name: "github".into(), version: "0.1.0".into(), ..Default::default() },
        sources: vec![SourceEntry { file: file.display().to_string() }],
        ..Default::default()
    };
    let mut diags = codegen::diag::Diagnostics::default();
    let source = codegen::pipeline::read_file(file, &mut diags)?;
    let read = peak_kb();
    let api = codegen::pipeline::build_api(&manifest, std::slice::from_ref(&source), &mut diags);
    drop(source);
    let merged = peak_kb();
    let files = codegen::emit::emit_crate(&api, &diags.items, opts)?;
    drop(files);
    Ok([read, merged, peak_kb()])
}

/// This process's peak resident memory in kB (`VmHWM`), 0 where /proc is missing.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("VmHWM:").and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())))
        .unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// cargo check

struct GeneratedCrateFiles {
    name: String,
    dir: PathBuf,
    files: BTreeMap<String, String>,
}

fn read_tree(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for entry in rd.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let (Ok(rel), Ok(text)) = (path.strip_prefix(dir), std::fs::read_to_string(&path)) {
                out.insert(rel.to_string_lossy().replace('\\', "/"), text);
            }
        }
    }
    out
}

/// Writes each bundled crate (as generated now) next to the GitHub one, each a workspace of
/// its own pinned to this repository's Cargo.lock, and times `cargo check` of the crate alone
/// (its dependencies are checked once first, in a shared target folder).
fn bench_check(root: &Path, work: &Path, bundled: &[GeneratedCrate], summary: &mut Summary) {
    let mut crates = Vec::new();
    for k in bundled {
        let dir = work.join("crates").join(&k.name);
        let mut files = k.files.clone();
        if let Some(toml) = files.get_mut("Cargo.toml") {
            if !toml.contains("[workspace]") {
                toml.push_str("\n[workspace]\n");
            }
        }
        let _ = std::fs::remove_dir_all(dir.join("src"));
        for (rel, text) in &files {
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            if let Err(e) = std::fs::write(&path, text) {
                println!("  cannot write {}: {e}", path.display());
            }
        }
        crates.push(GeneratedCrateFiles { name: k.name.clone(), dir, files });
    }
    if let Some(g) = summary.github_crate.take() {
        crates.push(g);
    }
    let target = work.join("check");
    let check = |dir: &Path| -> Result<Duration, String> {
        let start = Instant::now();
        let out = Command::new(cargo())
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .args(["check", "--quiet", "--message-format", "short"])
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(start.elapsed())
        } else {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let errors: Vec<&str> = stderr.lines().filter(|l| l.contains("error")).take(5).collect();
            Err(errors.join("\n    "))
        }
    };
    println!("  {:<22} {:>8} {:>8} {:>10}  cargo check (crate only, deps already checked)", "crate", "lines", "models", "operations");
    for c in &crates {
        let lockfile = c.dir.join("Cargo.lock");
        if !lockfile.is_file() {
            let _ = std::fs::copy(root.join("Cargo.lock"), &lockfile);
        }
        // The first check also checks the dependencies; the timed one is the crate alone.
        let first = check(&c.dir);
        let touched = std::fs::File::options()
            .append(true)
            .open(c.dir.join("src/lib.rs"))
            .and_then(|f| f.set_modified(std::time::SystemTime::now()));
        let timed = match (first, touched) {
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e.to_string()),
            (Ok(_), Ok(())) => check(&c.dir),
        };
        let lines = rust_lines(&c.files);
        let count = |f: &str| c.files.get(f).map_or(0, |t| t.lines().count());
        let result = match &timed {
            Ok(d) => format!("{:.1} s", d.as_secs_f64()),
            Err(e) => format!("does not compile:\n    {e}"),
        };
        println!("  {:<22} {:>8} {:>8} {:>10}  {result}", c.name, lines, count("src/models.rs"), count("src/operations.rs"));
        if c.name == "github" {
            summary.goal("GitHub crate compiles (`cargo check`)", "yes", result.lines().next().unwrap_or_default().to_string(), timed.is_ok());
            // Generated code must also pass clippy and build its docs without warnings.
            for (what, args, env) in [
                ("clippy -D warnings", &["clippy", "--quiet", "--", "-D", "warnings"][..], None),
                ("rustdoc -D warnings", &["doc", "--no-deps", "--quiet"][..], Some(("RUSTDOCFLAGS", "-D warnings"))),
            ] {
                let mut cmd = Command::new(cargo());
                cmd.current_dir(&c.dir).env("CARGO_TARGET_DIR", &target).args(args);
                if let Some((name, value)) = env {
                    cmd.env(name, value);
                }
                let out = cmd.output();
                let (ok, said) = match out {
                    Ok(o) => {
                        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
                        let problems = stderr.lines().filter(|l| l.starts_with("error") || l.starts_with("warning")).count();
                        (o.status.success() && problems == 0, if o.status.success() { format!("{problems} warnings") } else { format!("fails ({problems} errors and warnings)") })
                    }
                    Err(e) => (false, e.to_string()),
                };
                println!("  github: {what}: {said}");
                summary.goal(&format!("GitHub crate passes {what}"), "yes", said, ok);
            }
        } else if let Err(e) = timed {
            summary.note(format!("{} does not compile: {e}", c.name));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

fn bench_decode(opts: &Options, root: &Path, work: &Path, bundled: &[GeneratedCrate], summary: &mut Summary) {
    let examples: Vec<Value> = bundled
        .iter()
        .flat_map(|k| {
            k.api.examples.iter().map(move |e| {
                json!({
                    "api": k.name,
                    "operation": e.operation.trim_start_matches("r#"),
                    "status": e.status,
                    "request": e.request,
                    "body": e.value.to_string(),
                })
            })
        })
        .collect();
    let _ = std::fs::create_dir_all(work);
    let input = work.join("decode-examples.json");
    let output = work.join("decode-results.json");
    if let Err(e) = std::fs::write(&input, Value::Array(examples).to_string()) {
        println!("  cannot write {}: {e}", input.display());
        return;
    }
    let _ = std::fs::remove_file(&output);
    let mut cmd = Command::new(cargo());
    cmd.current_dir(root)
        .env("CARGO_TARGET_DIR", work)
        .args(["run", "--release", "--quiet", "--package", "decode-bench", "--"])
        .arg(&input)
        .arg("--json")
        .arg(&output);
    if opts.quick {
        cmd.arg("--quick");
    }
    match cmd.status() {
        Ok(s) if s.success() => {}
        Ok(s) => {
            summary.note(format!("decode benchmark failed: {s}"));
            return;
        }
        Err(e) => {
            summary.note(format!("cannot run the decode benchmark: {e}"));
            return;
        }
    }
    let results: Option<Value> = std::fs::read(&output).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let all = results.as_ref().and_then(|r| r["results"].as_array()?.iter().find(|g| g["group"] == "all").cloned());
    if let Some(all) = all {
        let f = |k: &str| all[k].as_f64().unwrap_or(0.0);
        let (plain, generated) = (f("plain"), f("generated"));
        if generated > 0.0 {
            summary.goal(
                "Generated models (keeping unknown fields) decode within 1.05x of a plain derive",
                "<= 1.05x",
                format!("{:.2}x ({generated:.0} vs {plain:.0} MB/s; Value {:.0} MB/s)", plain / generated, f("value")),
                plain / generated <= 1.05,
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Summary

#[derive(Default)]
struct Summary {
    machine: Vec<String>,
    goals: Vec<(String, String, String, bool)>,
    notes: Vec<String>,
    github_crate: Option<GeneratedCrateFiles>,
}

impl Summary {
    fn goal(&mut self, what: &str, target: &str, measured: String, met: bool) {
        self.goals.push((what.to_string(), target.to_string(), measured, met));
    }

    fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn print(&self, work: &Path) {
        let mut md = String::from("| goal | target | measured | met |\n| --- | --- | --- | --- |\n");
        for (what, target, measured, met) in &self.goals {
            md.push_str(&format!("| {what} | {target} | {measured} | {} |\n", if *met { "yes" } else { "**no**" }));
        }
        println!("\n## Summary\n");
        for m in &self.machine {
            println!("{m}");
        }
        println!("\n{md}");
        for n in &self.notes {
            println!("note: {n}");
        }
        let path = work.join("summary.md");
        let text = format!("{}\n\n{md}", self.machine.join("\n"));
        if std::fs::create_dir_all(work).and_then(|_| std::fs::write(&path, text)).is_ok() {
            println!("(also written to {})", path.display());
        }
    }
}

fn print_machine(summary: &mut Summary) {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo.lines().find_map(|l| l.strip_prefix("model name")).map(|l| l.trim_start_matches([' ', '\t', ':']).to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gb = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|kb| kb / 1024.0 / 1024.0);
    let rustc = Command::new("rustc").arg("-V").output().ok().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let line = format!(
        "machine: {} core(s) of {}, {} GiB RAM, {}, {}",
        cores,
        cpu.unwrap_or_else(|| "an unknown CPU".into()),
        mem_gb.map_or("?".into(), |g| format!("{g:.0}")),
        std::env::consts::OS,
        rustc.unwrap_or_else(|| "rustc ?".into())
    );
    println!("{line}");
    summary.machine.push(line);
}
