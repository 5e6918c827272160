//! `cargo xtask codegen [--check]`: every `specs/<api>/api.toml` -> `generated/<api>/`.

use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_manifest, GeneratedCrate};
use std::path::{Path, PathBuf};

pub const COMMAND: &str = "cargo xtask codegen";

/// The workspace root: xtask lives one folder below it.
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

pub fn run(args: &[String]) -> u8 {
    let mut check = false;
    let mut verbose = false;
    let mut root = workspace_root();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--check" => check = true,
            "--verbose" | "-v" => verbose = true,
            // Another tree with specs/ and generated/ (the CLI tests use a scratch copy).
            "--root" => match it.next() {
                Some(dir) => root = PathBuf::from(dir),
                None => {
                    eprintln!("--root needs a folder\n{}", super::USAGE);
                    return 2;
                }
            },
            other => {
                eprintln!("unknown argument `{other}`\n{}", super::USAGE);
                return 2;
            }
        }
    }
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
                let result = if check { diff_crate(&out, &krate) } else { write_crate(&out, &krate, true).map(|_| Vec::new()) };
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

/// Writes files that changed; with `prune`, removes files the generator no longer makes
/// (only for folders the generator owns: never for a user's `--out`).
pub fn write_crate(out: &Path, krate: &GeneratedCrate, prune: bool) -> std::io::Result<()> {
    for (rel, text) in &krate.files {
        let path = out.join(rel);
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
    }
    if prune {
        for rel in existing_files(out)? {
            if !krate.files.contains_key(&rel) {
                std::fs::remove_file(out.join(&rel))?;
            }
        }
    }
    Ok(())
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
    for rel in existing_files(out)? {
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

/// Files under `dir`, relative to it, with `/` separators; none if it does not exist.
fn existing_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    if !dir.exists() {
        return Ok(out);
    }
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}
