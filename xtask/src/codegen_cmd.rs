//! `cargo xtask codegen [--check]`: every `specs/<api>/api.toml` -> `generated/<api>/`.

use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_manifest, GeneratedCrate};
use super::write::{Folder, WriteError};
use std::path::{Path, PathBuf};

pub const COMMAND: &str = "cargo xtask codegen";

/// The workspace root: xtask lives one folder below it.
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

#[derive(clap::Args)]
pub struct Args {
    /// Write nothing; exit 1 and show what is stale.
    #[arg(long)]
    check: bool,
    /// Print every warning about the inputs.
    #[arg(long, short)]
    verbose: bool,
    /// Work on DIR/specs and DIR/generated instead of this repository's (the CLI tests use a
    /// scratch copy).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Also replace or remove files in `generated/<api>/` that the generator did not write.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> u8 {
    let Args { check, verbose, force, root } = args;
    let root = root.unwrap_or_else(workspace_root);
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {e}", root.display());
        return 2;
    }
    let apis = match api_dirs(Path::new("specs")) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: cannot list specs/: {e}");
            return 2;
        }
    };
    let opts = EmitOptions { command: COMMAND.to_string(), standalone: false, test_support: true };
    let mut failed = false;
    let mut stale = Vec::new();
    for dir in apis {
        let api = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        match generate_from_manifest(&dir, &opts) {
            Ok(krate) => {
                let out = Path::new("generated").join(&api);
                eprintln!("{api}: {} operations, {} types", krate.api.operations.len(), krate.api.types.defs.len());
                super::print_diagnostics(&krate.diagnostics, verbose);
                let result = if check { diff_crate(&out, &krate).map_err(WriteError::from) } else { super::write::write_crate(&out, &krate.files, Folder::Owned, force).map(|_| Vec::new()) };
                match result {
                    Ok(changes) => stale.extend(changes),
                    Err(e) => {
                        eprintln!("error: {api}: cannot write {}: {e}", out.display());
                        failed = true;
                    }
                }
            }
            Err(e) => {
                eprintln!("error: {api} was not generated:\n{e}");
                failed = true;
            }
        }
    }
    if failed {
        return 2;
    }
    if check && !stale.is_empty() {
        eprintln!("generated/ is stale; run `cargo xtask codegen` and commit the result:");
        for s in &stale {
            eprintln!("{s}");
        }
        return 1;
    }
    0
}

/// Folders of `specs/` that hold an `api.toml`, sorted.
fn api_dirs(specs: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(specs)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("api.toml").is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// The stale files, each with a short diff.
fn diff_crate(out: &Path, krate: &GeneratedCrate) -> std::io::Result<Vec<String>> {
    let mut stale = Vec::new();
    for (rel, text) in &krate.files {
        let path = out.join(rel);
        match std::fs::read_to_string(&path) {
            Ok(old) if &old == text => {}
            Ok(old) => stale.push(format!("  changed: {}\n{}", path.display(), short_diff(&old, text))),
            Err(_) => stale.push(format!("  missing: {}", path.display())),
        }
    }
    for rel in super::write::existing_files(out)? {
        if !krate.files.contains_key(&rel) {
            stale.push(format!("  no longer generated: {}", out.join(rel).display()));
        }
    }
    Ok(stale)
}

/// A unified diff cut to its first lines: enough to see what changed.
fn short_diff(old: &str, new: &str) -> String {
    const MAX_LINES: usize = 30;
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff.unified_diff().context_radius(2).header("committed", "generated").to_string();
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = lines.iter().take(MAX_LINES).map(|l| format!("    {l}")).collect();
    if lines.len() > MAX_LINES {
        out.push(format!("    ... {} more diff lines", lines.len() - MAX_LINES));
    }
    out.join("\n")
}
