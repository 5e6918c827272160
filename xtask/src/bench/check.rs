//! Lines and `cargo check` time of each generated crate.

use super::cargo;
use super::features::bench_features;
use super::summary::Summary;
use super::timing::rust_lines;
use codegen::pipeline::GeneratedCrate;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct GeneratedCrateFiles {
    pub name: String,
    pub dir: PathBuf,
    pub files: BTreeMap<String, String>,
}

pub fn read_tree(dir: &Path) -> BTreeMap<String, String> {
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
pub fn bench_check(root: &Path, work: &Path, bundled: &[GeneratedCrate], summary: &mut Summary) {
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
            if timed.is_ok() {
                let surface = c.files.get(codegen::surface::FILE).map_or("", String::as_str);
                for line in bench_features(&c.dir, &target, surface) {
                    summary.note(format!("GitHub crate `cargo check` (warm), {line}"));
                }
            }
        } else if let Err(e) = timed {
            summary.note(format!("{} does not compile: {e}", c.name));
        }
    }
}
