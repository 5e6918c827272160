//! `cargo-semver-checks` in the diff gate: each generated crate against the base revision's
//! committed crate, so breaking changes that come from the generator or `api.toml` (not only
//! from the documents the spec diff reads) fail without a version step.
//!
//! The tool is pinned and installed by `cargo install --locked` into
//! `~/.cache/spec2rust/tools/cargo-semver-checks-<VERSION>` (outside the repository, reused).
//! Its rustdoc builds share one target dir under target/, so dependencies compile once.

use codegen::diff::gate::Version;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The pinned release; it reads the rustdoc JSON of the stable toolchain CI uses (1.95).
pub const VERSION: &str = "0.51.0";

/// The gate's second check: every generated crate that differs from `sha` against the crate
/// committed there. Returns 1 when a breaking change lacks its version step, 2 when a crate
/// could not be checked, else 0; a tool that cannot be installed is SKIPPED with the reason.
pub fn gate(root: &Path, sha: &str, label: &str, apis: &[String], say: &dyn Fn(&str)) -> u8 {
    let started = Instant::now();
    let mut pairs = Vec::new();
    for api in apis {
        let rel = format!("generated/{api}");
        let current = root.join(&rel);
        if !current.join("Cargo.toml").is_file() {
            continue; // a tree without generated crates (the spec diff's own tests)
        }
        if super::diff_cmd::git(root, &["cat-file", "-e", &format!("{sha}:{rel}/Cargo.toml")]).is_err() {
            say(&format!("semver-checks {api}: a new crate, nothing at {label} to compare"));
        } else if unchanged(root, sha, &rel) {
            say(&format!("semver-checks {api}: generated/{api} is unchanged since {label}"));
        } else {
            pairs.push((api, rel, current));
        }
    }
    if pairs.is_empty() {
        return 0;
    }
    let bin = match ensure_installed() {
        Ok(bin) => bin,
        Err(why) => {
            say(&format!("semver-checks: SKIPPED ({why})"));
            return 0;
        }
    };
    let target = target_dir(root);
    let mut code = 0;
    for (api, rel, current) in pairs {
        let copy = target.join("baseline").join(api);
        let base = copy.join(&rel);
        let checked = extract(root, sha, &rel, &copy).and_then(|()| {
            let ((name, to), (_, from)) = (package_of(&current)?, package_of(&base)?);
            Ok((check(&bin, &name, &current, &base, &target)?, from, to))
        });
        let (finding, from, to) = match checked {
            Ok(c) => c,
            Err(why) => {
                say(&format!("semver-checks {api}: error: {why}"));
                code = code.max(2);
                continue;
            }
        };
        // Paths as in the repository, not the temporary copy.
        let report = finding.report.replace(&format!("{}/", copy.display()), "");
        match judge(&finding, &from, &to) {
            Ok(()) if finding.breaking => say(&format!("semver-checks {api}: breaking changes, announced by {from} -> {to}\n{report}")),
            Ok(()) => say(&format!("semver-checks {api}: no breaking change against {label}")),
            Err(needed) => {
                say(&format!("semver-checks {api}: breaking changes without a version step: version {to} must be at least {needed} (in specs/{api}/api.toml)\n{report}"));
                code = code.max(1);
            }
        }
    }
    eprintln!("semver-checks took {:.1} s", started.elapsed().as_secs_f64());
    code
}

/// Same tracked content as at `sha`, and no untracked files.
fn unchanged(root: &Path, sha: &str, rel: &str) -> bool {
    let same = Command::new("git")
        .current_dir(root)
        .args(["diff", "--quiet", sha, "--", rel])
        .status()
        .is_ok_and(|s| s.success());
    same && super::diff_cmd::git(
        root,
        &["ls-files", "--others", "--exclude-standard", "--", rel],
    )
    .is_ok_and(|o| o.is_empty())
}

/// `rel` as committed at `sha`, into `dir/rel`, made standalone.
fn extract(root: &Path, sha: &str, rel: &str, dir: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let archive = Command::new("git")
        .current_dir(root)
        .args(["archive", "--format=tar", sha, "--", rel])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !archive.status.success() {
        return Err(format!(
            "git archive {rel}: {}",
            String::from_utf8_lossy(&archive.stderr).trim()
        ));
    }
    let mut tar = Command::new("tar")
        .current_dir(dir)
        .args(["-x", "-f", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if let Some(mut stdin) = tar.stdin.take() {
        std::io::Write::write_all(&mut stdin, &archive.stdout).map_err(|e| format!("tar: {e}"))?;
    }
    match tar.wait() {
        Ok(s) if s.success() => make_standalone(&dir.join(rel)),
        Ok(s) => Err(format!("tar -x failed ({s})")),
        Err(e) => Err(format!("tar: {e}")),
    }
}

/// The installed binary, if a previous run installed it.
pub fn installed() -> Option<PathBuf> {
    let bin = install_root().join("bin").join(format!(
        "cargo-semver-checks{}",
        std::env::consts::EXE_SUFFIX
    ));
    let out = Command::new(&bin)
        .args(["semver-checks", "--version"])
        .output()
        .ok()?;
    (out.status.success() && String::from_utf8_lossy(&out.stdout).contains(VERSION)).then_some(bin)
}

/// The binary, installed first when missing. The error says why it cannot be installed.
pub fn ensure_installed() -> Result<PathBuf, String> {
    if let Some(bin) = installed() {
        return Ok(bin);
    }
    let root = install_root();
    eprintln!(
        "==> installing cargo-semver-checks {VERSION} into {} (once; reused after)",
        root.display()
    );
    let started = Instant::now();
    let out = Command::new(cargo())
        .args([
            "install",
            "--locked",
            "--quiet",
            "cargo-semver-checks",
            "--version",
            VERSION,
            "--root",
        ])
        .arg(&root)
        // Built in a temporary dir that cargo removes, not in this workspace's target dir.
        .env_remove("CARGO_TARGET_DIR")
        // The tool's release profile (fat LTO, one codegen unit) made the install 38 min
        // here, 12 without; its checks take well under a second either way.
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .output()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no output");
        return Err(format!(
            "cargo install cargo-semver-checks {VERSION} failed: {}",
            last.trim()
        ));
    }
    eprintln!(
        "==> cargo-semver-checks {VERSION} installed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    installed().ok_or_else(|| {
        format!(
            "cargo install succeeded but {} does not run",
            root.display()
        )
    })
}

fn install_root() -> PathBuf {
    super::bench_inputs::cache_dir()
        .join("tools")
        .join(format!("cargo-semver-checks-{VERSION}"))
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// The rustdoc builds of every check share this target dir.
pub fn target_dir(root: &Path) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    target.join("semver-checks")
}

/// What cargo-semver-checks said about one crate pair.
pub struct Finding {
    /// It found changes that need a major version (minor for 0.x).
    pub breaking: bool,
    /// Its failure sections (lint, description, items), without timings.
    pub report: String,
}

/// Runs the tool on `current` against `baseline` (crate folders, each with a Cargo.toml).
/// `--release-type minor` makes it report exactly what needs more than a minor step; the
/// version step itself is judged by [`judge`], with the spec diff's rule.
pub fn check(bin: &Path, package: &str, current: &Path, baseline: &Path, target: &Path) -> Result<Finding, String> {
    // `-p`: the tool silently skips a `publish = false` crate it was not asked for by name.
    let out = Command::new(bin)
        .args(["semver-checks", "check-release", "--release-type", "minor", "--default-features", "--color", "never", "-p", package])
        .arg("--manifest-path")
        .arg(current.join("Cargo.toml"))
        .arg("--baseline-root")
        .arg(baseline)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", bin.display()))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let report = failures(&stdout);
    // A run that checked nothing is no evidence of compatibility.
    let checked = stderr.lines().any(|l| l.trim_start().starts_with("Checked"));
    if out.status.success() && checked {
        return Ok(Finding { breaking: false, report });
    }
    if checked && stderr.contains("requires new major version") {
        return Ok(Finding { breaking: true, report });
    }
    let tail: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    Err(format!("cargo-semver-checks checked nothing ({}):\n{}", out.status, tail[tail.len().saturating_sub(15)..].join("\n")))
}

/// The `--- failure ...` sections of the tool's stdout: what it found, in its own words.
fn failures(stdout: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in stdout.lines() {
        if line.starts_with("--- failure") {
            inside = true;
        } else if line.trim_start().starts_with("Summary") {
            inside = false;
        }
        if inside {
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// The gate's verdict on one crate: `Err` names the version the crate needed.
pub fn judge(finding: &Finding, from: &str, to: &str) -> Result<(), String> {
    if !finding.breaking {
        return Ok(());
    }
    match (Version::parse(from), Version::parse(to)) {
        (Some(from_v), Some(to_v)) if from_v.allows_breaking(to_v) => Ok(()),
        (Some(from_v), Some(_)) => Err(from_v.next_breaking().to_string()),
        // Versions the spec diff already judges (and rejects) as not semver.
        _ => Ok(()),
    }
}

/// The `name` and `version` of a crate's Cargo.toml.
pub fn package_of(dir: &Path) -> Result<(String, String), String> {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let doc: toml::Table = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let field = |key: &str| doc.get("package").and_then(|p| p.get(key)).and_then(|v| v.as_str()).map(str::to_string);
    match (field("name"), field("version")) {
        (Some(name), Some(version)) => Ok((name, version)),
        _ => Err(format!("{}: no [package] name and version", path.display())),
    }
}

/// Makes a crate copied out of the workspace build on its own: cargo stops looking for a
/// parent workspace at a `[workspace]` table.
pub fn make_standalone(dir: &Path) -> Result<(), String> {
    let path = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if text.lines().any(|l| l.trim() == "[workspace]") {
        return Ok(());
    }
    std::fs::write(&path, format!("{text}\n[workspace]\n"))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(breaking: bool) -> Finding {
        Finding {
            breaking,
            report: String::new(),
        }
    }

    #[test]
    fn a_breaking_finding_needs_the_spec_diffs_version_step() {
        assert_eq!(judge(&finding(true), "0.1.0", "0.1.1"), Err("0.2.0".into()));
        assert_eq!(judge(&finding(true), "0.1.0", "0.2.0"), Ok(()));
        assert_eq!(judge(&finding(true), "1.4.0", "1.5.0"), Err("2.0.0".into()));
        assert_eq!(judge(&finding(true), "1.4.0", "2.0.0"), Ok(()));
        assert_eq!(judge(&finding(false), "1.4.0", "1.4.0"), Ok(()));
    }

    #[test]
    fn only_the_failure_sections_are_kept() {
        let stdout = "     Checked [   0.012s] 196 checks\n--- failure struct_missing: pub struct removed or renamed ---\n\nDescription:\nA struct is gone.\n  struct pets::Pet, previously in file src/models.rs:3\n\n     Summary semver requires new major version: 1 major and 0 minor checks failed\n";
        let kept = failures(stdout);
        assert!(kept.starts_with("--- failure struct_missing"), "{kept}");
        assert!(kept.contains("struct pets::Pet"), "{kept}");
        assert!(
            !kept.contains("Checked") && !kept.contains("Summary"),
            "{kept}"
        );
    }
}
