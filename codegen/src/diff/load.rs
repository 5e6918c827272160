//! One API's merged model from the files of its `specs/<api>/` folder, wherever they live.
//!
//! The same path builds both sides of a diff: the working tree reads files from disk, a base
//! revision reads them from git. Either way a missing manifest means the API does not exist
//! there, and anything that stops the build (a missing source, a parse error, a bad manifest)
//! is reported as a reason, never a panic.

use crate::diag::{Diagnostics, Level};
use crate::manifest::Manifest;
use crate::model::Api;
use crate::read;
use std::path::Path;

/// What one side of a diff holds for one API.
#[derive(Clone, Debug)]
pub enum Side {
    /// No `api.toml`: the API does not exist on this side.
    Missing,
    /// The documents do not build; the reason names the file and, where known, the line.
    Broken(String),
    Built(Box<Api>),
}

impl Side {
    pub fn version(&self) -> Option<&str> {
        match self {
            Side::Built(api) => Some(api.version.as_str()),
            _ => None,
        }
    }
}

/// Reads a file by its path relative to the workspace root (`specs/outseta/api.toml`):
/// `Ok(None)` when it does not exist, `Err` with a reason when it cannot be read.
pub type ReadFile<'a> = dyn Fn(&str) -> Result<Option<String>, String> + 'a;

/// The text of every file one API is built from: its manifest and its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    pub manifest: Manifest,
    pub manifest_text: String,
    /// `(path, text)` of each source, in the manifest's precedence order.
    pub sources: Vec<(String, String)>,
}

impl Inputs {
    /// Same bytes in, same model out: the pipeline is deterministic, so a side whose inputs
    /// equal the other side's need not be built to know the diff is empty.
    pub fn same_files(&self, other: &Inputs) -> bool {
        self.manifest_text == other.manifest_text && self.sources == other.sources
    }

    /// Reads, merges and infers the model.
    pub fn build(&self) -> Side {
        let mut diags = Diagnostics::default();
        let mut sources = Vec::new();
        let mut problems = Vec::new();
        for (path, text) in &self.sources {
            match read::read_source(path, text, &mut diags) {
                Ok(source) => sources.push(source),
                Err(e) => problems.push(e.to_string()),
            }
        }
        if !problems.is_empty() {
            return Side::Broken(problems.join("\n"));
        }
        let api = crate::pipeline::build_api(&self.manifest, &sources, &mut diags);
        let errors: Vec<String> = diags.items.iter().filter(|d| d.level == Level::Error).map(|d| d.to_string()).collect();
        if !errors.is_empty() {
            return Side::Broken(errors.join("\n"));
        }
        Side::Built(Box::new(api))
    }
}

/// Reads the manifest of the API in `dir` (`specs/<api>`, with `/` separators) and the
/// sources it lists. `Ok(None)`: no manifest, so no API. `Err`: why the API cannot be built.
pub fn read_inputs(dir: &str, read: &ReadFile<'_>) -> Result<Option<Inputs>, String> {
    let manifest_path = format!("{dir}/api.toml");
    let manifest_text = match read(&manifest_path) {
        Ok(Some(text)) => text,
        Ok(None) => return Ok(None),
        Err(e) => return Err(format!("{manifest_path}: {e}")),
    };
    let manifest = Manifest::parse(&manifest_path, &manifest_text).map_err(|e| e.to_string())?;
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for entry in &manifest.sources {
        let Some(path) = join(dir, &entry.file) else {
            problems.push(format!("{manifest_path}: source `{}` is outside the repository", entry.file));
            continue;
        };
        match read(&path) {
            Ok(Some(text)) => sources.push((path, text)),
            Ok(None) => problems.push(format!("{manifest_path}: source `{}` does not exist", entry.file)),
            Err(e) => problems.push(format!("{path}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    Ok(Some(Inputs { manifest, manifest_text, sources }))
}

/// Builds the model of the API in `dir` (`specs/<api>`, with `/` separators).
pub fn build(dir: &str, read: &ReadFile<'_>) -> Side {
    match read_inputs(dir, read) {
        Ok(Some(inputs)) => inputs.build(),
        Ok(None) => Side::Missing,
        Err(e) => Side::Broken(e),
    }
}

/// Builds from the working tree under `root`.
pub fn build_from_disk(root: &Path, dir: &str) -> Side {
    build(dir, &|rel: &str| read_disk(root, rel))
}

/// A file of the working tree: `None` when it does not exist.
pub fn read_disk(root: &Path, rel: &str) -> Result<Option<String>, String> {
    match std::fs::read(root.join(rel)) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read: {e}")),
    }
}

/// `dir/file` with `.` and `..` resolved, since git does not resolve them in `REV:path`.
/// `None` when the result would leave the repository.
pub fn join(dir: &str, file: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in dir.split('/').chain(file.split(['/', '\\'])) {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_resolves_dots_and_refuses_to_leave_the_repository() {
        assert_eq!(join("specs/a", "x.json").as_deref(), Some("specs/a/x.json"));
        assert_eq!(join("specs/a", "./sub/../x.json").as_deref(), Some("specs/a/x.json"));
        assert_eq!(join("specs/a", "../b/x.json").as_deref(), Some("specs/b/x.json"));
        assert_eq!(join("specs/a", "../../../x.json"), None);
    }

    #[test]
    fn a_missing_manifest_is_a_missing_api_and_a_missing_source_is_broken() {
        let none = |_: &str| Ok(None);
        assert!(matches!(build("specs/x", &none), Side::Missing));
        let manifest_only = |p: &str| {
            Ok((p == "specs/x/api.toml").then(|| "[package]\nname = \"x\"\nversion = \"0.1.0\"\n[[source]]\nfile = \"gone.json\"\n".to_string()))
        };
        match build("specs/x", &manifest_only) {
            Side::Broken(reason) => assert!(reason.contains("gone.json") && reason.contains("does not exist"), "{reason}"),
            other => panic!("expected a broken side, got {other:?}"),
        }
    }

    #[test]
    fn a_source_that_does_not_parse_is_broken_with_the_file_named() {
        let files = |p: &str| {
            Ok(match p {
                "specs/x/api.toml" => Some("[package]\nname = \"x\"\nversion = \"0.1.0\"\n[[source]]\nfile = \"a.json\"\n".to_string()),
                "specs/x/a.json" => Some("{ not json".to_string()),
                _ => None,
            })
        };
        match build("specs/x", &files) {
            Side::Broken(reason) => assert!(reason.contains("specs/x/a.json"), "{reason}"),
            other => panic!("expected a broken side, got {other:?}"),
        }
    }
}
