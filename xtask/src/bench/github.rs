//! GitHub's REST description, whole, in slices and in copies, each in a child process.

use super::check::{read_tree, GeneratedCrateFiles};
use super::summary::Summary;
use super::Options;
use crate::bench_inputs::{github_spec, replicate, slice};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Which GitHub input a row measures.
enum Size {
    File,
    /// The first N% of the paths.
    Slice(u32),
    /// N copies of the 10% slice.
    Copies(usize),
}

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

pub fn bench_github(opts: &Options, work: &Path, summary: &mut Summary) {
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
                    // Compared with openapi-generator's in the side-by-side section.
                    println!("  file: {} lines of Rust, {} warnings about the input", r.lines, r.warnings);
                    summary.github_lines = Some(r.lines);
                    summary.goal(
                        "GitHub generated in-process (issue #8's goal; #17's is the whole-process row)",
                        "< 2 s",
                        format!("{:.2} s (median {:.2} s, CPU {:.2} s)", r.min_ms / 1e3, r.median_ms / 1e3, r.cpu_ms / 1e3),
                        r.min_ms < 2000.0,
                    );
                    summary.goal(
                        "GitHub peak memory in-process, child VmHWM (issue #8's goal)",
                        "< 500 MB",
                        format!("{:.0} MB (after reading: {:.0} MB)", r.peak_kb as f64 / 1024.0, r.read_peak_kb as f64 / 1024.0),
                        r.peak_kb < 500 * 1024,
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
