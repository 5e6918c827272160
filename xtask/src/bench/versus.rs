//! Side by side with openapi-generator: the same documents (GitHub's description and each
//! bundled OpenAPI or Swagger file; openapi-generator does not read Postman collections), each
//! tool run as a whole process, its output's `.rs` lines counted the same way.

use super::check::read_tree;
use super::openapi_generator::{self, Tool};
use super::summary::Summary;
use super::timing::rust_lines;
use super::whole_process::{measure_fresh, median, Usage};
use super::Options;
use crate::bench_inputs::github_spec;
use codegen::model::Format;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// openapi-generator 7.26.0's Rust client for GitHub's description (`generate -g rust`, no
/// other options, measured on 2026-12-05; the same as the figure issue #8 quoted). Used only
/// for the lines goal when the tool cannot run here, and labelled so.
const FALLBACK_GITHUB_LINES: usize = 194_609;

/// One document both tools are given.
struct Input {
    label: String,
    /// The crate name ours is given.
    name: String,
    file: PathBuf,
}

/// What one tool cost on one input (median of the runs) and how much Rust it wrote.
struct Measured {
    usage: Usage,
    lines: usize,
}

pub fn bench_versus(opts: &Options, work: &Path, summary: &mut Summary) {
    let runs = if opts.quick { 1 } else { 3 };
    let tool = match openapi_generator::ensure_installed() {
        Ok(tool) => {
            println!("  openapi-generator {}: `{}` (its plain form), {}", openapi_generator::VERSION, openapi_generator::OPTIONS, tool.java);
            Some(tool)
        }
        Err(e) => {
            println!("  openapi-generator: SKIPPED ({e}); only our side is measured");
            summary.note(format!("openapi-generator comparison SKIPPED: {e}"));
            None
        }
    };
    println!("  spec2rust: `xtask generate --input <file> --name <api> --out <dir>` (this release build)");
    println!("  whole process each, spawned from a fresh small process; median of {runs} run(s); CPU = user + system; peak = max RSS (wait4)");
    println!("  {:<44} {:<18} {:>8} {:>8} {:>9} {:>9}", "input", "tool", "wall s", "CPU s", "peak MiB", "lines");
    let mut github_lines = None;
    for input in inputs(opts) {
        let dir = work.join("versus").join(&input.name);
        let ours = measure_runs(runs, &dir.join("spec2rust"), Duration::from_secs(300), |out| our_command(&input, out));
        print_row(&input.label, "spec2rust", &ours);
        if input.name == "github" {
            whole_process_goals(&ours, runs, summary);
        }
        let Some(tool) = &tool else { continue };
        let theirs = measure_runs(runs, &dir.join("openapi-generator"), Duration::from_secs(900), |out| tool_command(tool, &input, out));
        print_row("", "openapi-generator", &theirs);
        if let (Ok(a), Ok(b)) = (&ours, &theirs) {
            let x = |theirs: f64, ours: f64| if ours > 0.0 { format!("{:.1}x", theirs / ours) } else { "-".into() };
            let (ua, ub) = (a.usage, b.usage);
            println!(
                "  {:<44} {:<18} {:>8} {:>8} {:>9} {:>9}",
                "",
                "theirs / ours",
                x(ub.wall.as_secs_f64(), ua.wall.as_secs_f64()),
                x(ub.cpu.as_secs_f64(), ua.cpu.as_secs_f64()),
                x(ub.peak_kb as f64, ua.peak_kb as f64),
                x(b.lines as f64, a.lines as f64)
            );
            if input.name == "github" {
                github_lines = Some(b.lines);
                summary.note(format!(
                    "GitHub, whole process (median of {runs}): spec2rust {}; openapi-generator {} {}",
                    describe(a),
                    openapi_generator::VERSION,
                    describe(b)
                ));
            }
        }
    }
    lines_goal(github_lines, summary);
}

/// Issue #17's goals for `generate` on GitHub's description, as a user runs it: a whole
/// process, under half a second and 150 MB at its peak.
fn whole_process_goals(ours: &Result<Measured, String>, runs: usize, summary: &mut Summary) {
    const WALL_GOAL_S: f64 = 0.5;
    const PEAK_GOAL_MB: f64 = 150.0;
    let Ok(m) = ours else {
        summary.goal("GitHub `generate`, whole process", "succeeds", "failed".into(), false);
        return;
    };
    let wall = m.usage.wall.as_secs_f64();
    // The goal is in MB (10^6 bytes); `wait4` counts KiB, and the tables print MiB.
    let peak_bytes = m.usage.peak_kb as f64 * 1024.0;
    let (peak_mb, peak_mib) = (peak_bytes / 1e6, peak_bytes / (1024.0 * 1024.0));
    summary.goal(
        "GitHub `generate`, whole process, wall",
        &format!("< {WALL_GOAL_S} s"),
        format!("{wall:.2} s (median of {runs}, CPU {:.2} s)", m.usage.cpu.as_secs_f64()),
        wall < WALL_GOAL_S,
    );
    summary.goal(
        "GitHub `generate`, whole process, peak memory (max RSS)",
        &format!("< {PEAK_GOAL_MB} MB"),
        format!("{peak_mb:.1} MB = {peak_mib:.1} MiB (median of {runs})"),
        peak_mb < PEAK_GOAL_MB,
    );
}

/// Issue #17's goal: at most a quarter of openapi-generator's lines on GitHub's description.
fn lines_goal(measured: Option<usize>, summary: &mut Summary) {
    let Some(ours) = summary.github_lines else { return };
    let (reference, whose) = match measured {
        Some(n) => (n, format!("openapi-generator {}'s {n}, measured in this run", openapi_generator::VERSION)),
        None => (FALLBACK_GITHUB_LINES, format!("FALLBACK: openapi-generator's {FALLBACK_GITHUB_LINES} from an earlier run, not measured now")),
    };
    summary.goal(
        "GitHub crate lines of Rust",
        &format!("<= {} (1/4 of {whose})", reference / 4),
        format!("{ours} ({:.1}% of openapi-generator's)", 100.0 * ours as f64 / reference.max(1) as f64),
        ours <= reference / 4,
    );
}

/// GitHub's description (unless `--no-github`) and each bundled OpenAPI or Swagger file.
fn inputs(opts: &Options) -> Vec<Input> {
    let mut inputs = Vec::new();
    if opts.github {
        match github_spec() {
            Ok(file) => inputs.push(Input { label: "github (api.github.com.json)".into(), name: "github".into(), file }),
            Err(e) => println!("  github: SKIPPED ({e})"),
        }
    }
    for dir in super::bundled::api_dirs(Path::new("specs")).unwrap_or_default() {
        let Some(api) = dir.file_name().map(|n| n.to_string_lossy().into_owned()) else { continue };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).into_iter().flatten().filter_map(Result::ok).map(|e| e.path()).collect();
        files.sort();
        for file in files {
            if is_openapi(&file) {
                let label = format!("{api} ({})", file.file_name().unwrap_or_default().to_string_lossy());
                inputs.push(Input { label, name: api.clone(), file });
            }
        }
    }
    inputs
}

/// An OpenAPI or Swagger document, as our reader detects it (from content, not the name).
fn is_openapi(file: &Path) -> bool {
    if file.file_name().is_some_and(|n| n == "api.toml") {
        return false;
    }
    let mut diags = codegen::diag::Diagnostics::default();
    let format = codegen::pipeline::read_file(file, &mut diags).ok().and_then(|s| s.format);
    matches!(format, Some(Format::Swagger2 | Format::OpenApi30 | Format::OpenApi31))
}

fn our_command(input: &Input, out: &Path) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap_or_else(|_| "xtask".into()));
    cmd.arg("generate").arg("--input").arg(&input.file).args(["--name", &input.name, "--out"]).arg(out);
    cmd
}

fn tool_command(tool: &Tool, input: &Input, out: &Path) -> Command {
    tool.command(&input.file, out)
}

/// `runs` fresh runs into `out` (emptied first), the median of each figure, and the lines of
/// Rust of the last run's output.
fn measure_runs(runs: usize, out: &Path, limit: Duration, make: impl Fn(&Path) -> Command) -> Result<Measured, String> {
    let mut all = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(out);
        if let Some(parent) = out.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        all.push(measure_fresh(&make(out), &out.with_extension("log"), limit)?);
    }
    let usage = median(&all).ok_or("no runs")?;
    Ok(Measured { usage, lines: rust_lines(&read_tree(out)) })
}

fn print_row(input: &str, tool: &str, m: &Result<Measured, String>) {
    match m {
        Ok(m) => println!(
            "  {input:<44} {tool:<18} {:>8.2} {:>8.2} {:>9.0} {:>9}",
            m.usage.wall.as_secs_f64(),
            m.usage.cpu.as_secs_f64(),
            m.usage.peak_kb as f64 / 1024.0,
            m.lines
        ),
        Err(e) => println!("  {input:<44} {tool:<18} {e}"),
    }
}

fn describe(m: &Measured) -> String {
    format!("{:.2} s wall, {:.2} s CPU, {:.0} MiB peak, {} lines", m.usage.wall.as_secs_f64(), m.usage.cpu.as_secs_f64(), m.usage.peak_kb as f64 / 1024.0, m.lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_of_rust_count_every_rs_file_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("xtask-versus-lines-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src/apis")).unwrap();
        std::fs::write(dir.join("src/lib.rs"), "pub mod apis;\n\n// end\n").unwrap();
        std::fs::write(dir.join("src/apis/mod.rs"), "pub fn a() {}\npub fn b() {}").unwrap();
        std::fs::write(dir.join("README.md"), "# x\n\n- a\n- b\n").unwrap();
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"x\"\n").unwrap();
        let lines = rust_lines(&read_tree(&dir));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(lines, 5);
    }

    #[test]
    fn only_openapi_and_swagger_documents_go_to_openapi_generator() {
        let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        assert!(is_openapi(&specs.join("crankwheel/crankwheel.swagger.yaml")));
        assert!(is_openapi(&specs.join("crankwheel-reseller/reseller.openapi.yaml")));
        assert!(!is_openapi(&specs.join("outseta/outseta.postman.json")));
        assert!(!is_openapi(&specs.join("outseta/api.toml")));
    }
}
