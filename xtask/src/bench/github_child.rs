//! The child process of the GitHub rows: one document, measured stage by stage.

use super::timing::{cpu_time, ms, rust_lines};
use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `xtask bench --child FILE REPEAT [OUT]`: generates FILE REPEAT times (after timing its read
/// and, once, its emit alone), prints one `CHILD {json}` line, and writes the crate to OUT.
pub fn child(args: &[String]) -> u8 {
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
        if let Err(e) = crate::write::write_crate(Path::new(out), &krate.files, crate::write::Folder::Shared, false) {
            eprintln!("error: cannot write {out}: {e}");
            return 2;
        }
    }
    0
}

/// Peak memory after read, after merge (with inference) and after emit, run stage by stage
/// as `pipeline::generate_from_files` does (sources handed over).
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
    let api = codegen::pipeline::build_api_owned(&manifest, vec![source], &mut diags);
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
