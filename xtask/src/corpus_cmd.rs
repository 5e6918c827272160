//! `cargo xtask corpus [--all] [--only NAME]`: every document of `tests/corpus.toml` is generated as a
//! standalone crate, linted with clippy `-D warnings`, and its examples test is run; a table
//! says, per document, how many operations and examples it has and which examples fail.
//! Documents marked `heavy` (GitHub's) run only with `--all` or `--only`.
//!
//! The crates share one target folder (`<target>/corpus/target`) and the workspace's
//! `Cargo.lock`, so their dependencies compile once. A document npm cannot fetch is SKIPPED,
//! loudly; a document whose sha256 differs from the pinned one fails the run.

use super::corpus_list::{self, Fixture, Missing};
use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One line of the table.
#[derive(Default)]
struct Row {
    name: String,
    format: String,
    kb: u64,
    operations: usize,
    examples: usize,
    contradictions: usize,
    failing: usize,
    result: String,
    /// The run fails on this fixture.
    bad: bool,
    skipped: bool,
}

#[derive(clap::Args, Default)]
pub struct Args {
    /// Also the heavy documents (GitHub).
    #[arg(long)]
    all: bool,
    /// Only the document of this name.
    #[arg(long, value_name = "NAME")]
    only: Option<String>,
}

pub fn run(args: Args) -> u8 {
    let Args { all, only } = args;
    let root = super::codegen_cmd::workspace_root();
    let fixtures = match corpus_list::load(&root.join("tests/corpus.toml")) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("target"));
    let work = target.join("corpus");
    let mut rows = Vec::new();
    for f in fixtures.iter().filter(|f| only.as_ref().is_none_or(|o| o == &f.name)) {
        if f.heavy && !all && only.is_none() {
            println!("==> corpus: {} is heavy ({}): not run; `cargo xtask corpus --all` runs it", f.name, f.notes);
            continue;
        }
        println!("==> corpus: {} ({}, {}@{}): {}", f.name, f.format, f.package, f.version, f.notes);
        let row = check(f, &root, &work);
        println!("    {}", row.result);
        rows.push(row);
    }
    let table = table(&rows);
    println!("\n{table}");
    let _ = std::fs::write(work.join("summary.md"), &table);
    let skipped = rows.iter().filter(|r| r.skipped).count();
    if skipped > 0 {
        println!("SKIPPED: {skipped} of {} corpus documents could not be fetched (is npm installed and the registry reachable?)", rows.len());
    }
    match rows.iter().filter(|r| r.bad).count() {
        0 => 0,
        n => {
            println!("corpus: {n} documents fail (details above and in {})", work.display());
            1
        }
    }
}

fn check(f: &Fixture, root: &Path, work: &Path) -> Row {
    let mut row = Row { name: f.name.clone(), format: f.format.clone(), ..Row::default() };
    let file = match corpus_list::fetch(f) {
        Ok(file) => file,
        Err(Missing::Offline(why)) => {
            row.skipped = true;
            row.result = format!("SKIPPED: {why}");
            return row;
        }
        Err(Missing::Mismatch(why)) => return fail(row, why),
    };
    row.kb = std::fs::metadata(&file).map(|m| m.len().div_ceil(1024)).unwrap_or(0);
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let krate = match generate_from_files(std::slice::from_ref(&file), &f.name, &opts) {
        Ok(k) => k,
        Err(e) => return fail(row, format!("not generated: {}", first_line(&e.to_string()))),
    };
    row.operations = krate.api.operations.len();
    let dir = work.join("crates").join(&f.name);
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = super::write::write_crate(&dir, &krate.files, super::write::Folder::Shared, false) {
        return fail(row, format!("cannot write {}: {e}", dir.display()));
    }
    // The workspace's lock file pins the same dependency versions for every corpus crate.
    let _ = std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"));
    let target = work.join("target");
    let clippy = cargo(&dir, &target, &["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"]);
    if let Err(e) = clippy {
        return fail(row, format!("clippy -D warnings: {}", first_error(&e)));
    }
    if !dir.join("tests/examples.rs").is_file() {
        row.result = "ok (no JSON examples)".into();
        return row;
    }
    let out = match cargo(&dir, &target, &["test", "--quiet", "--test", "examples", "--", "--nocapture"]) {
        Ok(out) => out,
        Err(out) => out,
    };
    // Origins name the cached file: the package's own path reads better.
    let cached = file.display().to_string();
    let failures: Vec<String> = out.lines().filter_map(|l| l.strip_prefix("FAIL ")).map(|l| l.replace(&cached, &f.path)).collect();
    let Some(summary) = out.lines().find_map(|l| l.strip_prefix("examples: ")) else {
        return fail(row, format!("the examples test did not run: {}", first_error(&out)));
    };
    let numbers: Vec<usize> = summary.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    if let [examples, contradictions, failing] = numbers[..] {
        (row.examples, row.contradictions, row.failing) = (examples, contradictions, failing);
    }
    let _ = std::fs::write(work.join(format!("{}.failures.txt", f.name)), failures.join("\n"));
    for l in failures.iter().take(5) {
        println!("    FAIL {l}");
    }
    row.result = match row.failing.cmp(&f.known_failing) {
        std::cmp::Ordering::Equal if row.failing == 0 => "ok".into(),
        std::cmp::Ordering::Equal => format!("ok ({} known failing; first: {})", row.failing, failures.first().map_or("", |l| short(l))),
        std::cmp::Ordering::Less => format!("ok, better than known: {} failing, list says {}; lower known_failing", row.failing, f.known_failing),
        std::cmp::Ordering::Greater => {
            row.bad = true;
            format!("FAILED: {} failing, {} known; first: {}", row.failing, f.known_failing, failures.first().map_or("", |l| short(l)))
        }
    };
    row
}

fn fail(mut row: Row, why: String) -> Row {
    row.bad = true;
    row.result = format!("FAILED: {why}");
    row
}

/// Runs cargo on the crate in `dir`; its output (stdout then stderr), as `Err` if it failed.
fn cargo(dir: &Path, target: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .args(args)
        .env("CARGO_TARGET_DIR", target)
        // Each crate is built once per run: incremental state would only fill the disk
        // (5 GB with GitHub's crate).
        .env("CARGO_INCREMENTAL", "0")
        .env_remove("RUSTFLAGS")
        .output();
    match out {
        Ok(o) => {
            let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
            if o.status.success() {
                Ok(text)
            } else {
                Err(text)
            }
        }
        Err(e) => Err(format!("cannot run cargo: {e}")),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim()
}

/// The first compiler error with its location, or else the first line.
fn first_error(out: &str) -> String {
    let lines: Vec<&str> = out.lines().collect();
    match lines.iter().position(|l| l.starts_with("error")) {
        Some(i) => lines[i..].iter().take(2).map(|l| l.trim()).collect::<Vec<_>>().join(" "),
        None => first_line(out).to_string(),
    }
}

fn short(s: &str) -> &str {
    match s.char_indices().nth(160) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from("| fixture | format | KB | operations | examples | cannot decode (REPORT.md) | failing | result |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |\n",
            r.name,
            r.format,
            r.kb,
            r.operations,
            r.examples,
            r.contradictions,
            r.failing,
            r.result.replace('|', "\\|")
        ));
    }
    out
}
