//! The GitHub inputs of `cargo xtask bench`: the pinned description itself (fetched with
//! `npm pack` into a cache outside the repository), slices of its paths, and copies of one
//! slice side by side.

use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// The pinned `@octokit/openapi` release and the file in it that describes api.github.com.
pub const OCTOKIT_VERSION: &str = "23.0.2";
const GITHUB_FILE: &str = "package/generated/api.github.com.json";

/// Where fetched documents are kept: `$SPEC2RUST_CACHE`, else `~/.cache/spec2rust`.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SPEC2RUST_CACHE") {
        return PathBuf::from(dir);
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("spec2rust")
}

/// The pinned GitHub description, downloaded with `npm pack` on first use.
pub fn github_spec() -> Result<PathBuf, String> {
    let dir = cache_dir().join(format!("octokit-openapi-{OCTOKIT_VERSION}"));
    let file = dir.join("api.github.com.json");
    if file.is_file() {
        return Ok(file);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    println!("  downloading @octokit/openapi@{OCTOKIT_VERSION} with npm pack into {}", dir.display());
    let out = Command::new("npm")
        .current_dir(&dir)
        .args(["pack", "--silent", &format!("@octokit/openapi@{OCTOKIT_VERSION}")])
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run npm (needed once, to fetch the GitHub description): {e}"))?;
    if !out.status.success() {
        return Err(format!("npm pack @octokit/openapi@{OCTOKIT_VERSION} failed"));
    }
    let tarball = dir.join(String::from_utf8_lossy(&out.stdout).trim());
    let status = Command::new("tar")
        .current_dir(&dir)
        .arg("xzf")
        .arg(&tarball)
        .arg(GITHUB_FILE)
        .status()
        .map_err(|e| format!("cannot run tar: {e}"))?;
    if !status.success() {
        return Err(format!("cannot extract {GITHUB_FILE} from {}", tarball.display()));
    }
    std::fs::rename(dir.join(GITHUB_FILE), &file).map_err(|e| format!("cannot move {GITHUB_FILE}: {e}"))?;
    let _ = std::fs::remove_dir_all(dir.join("package"));
    let _ = std::fs::remove_file(&tarball);
    Ok(file)
}

/// The first `pct`% of the document's paths and the components they reach.
pub fn slice(doc: &Value, pct: u32) -> Value {
    let empty = Map::new();
    let paths = doc.get("paths").and_then(Value::as_object).unwrap_or(&empty);
    let keep = (paths.len() * pct as usize).div_ceil(100);
    let kept: Map<String, Value> = paths.iter().take(keep).map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut reached = BTreeSet::new();
    let mut todo = Vec::new();
    collect_refs(&Value::Object(kept.clone()), &mut todo);
    while let Some(r) = todo.pop() {
        if !reached.insert(r.clone()) {
            continue;
        }
        if let Some(target) = doc.pointer(&r) {
            collect_refs(target, &mut todo);
        }
    }
    let mut out = doc.clone();
    out["paths"] = Value::Object(kept);
    if let Some(Value::Object(components)) = doc.get("components") {
        let mut pruned = Map::new();
        for (section, entries) in components {
            let Value::Object(entries) = entries else { continue };
            let keep: Map<String, Value> = entries
                .iter()
                .filter(|(name, _)| reached.contains(&format!("/components/{section}/{}", name.replace('~', "~0").replace('/', "~1"))))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            // Security schemes are named, not referenced: keep them all.
            if !keep.is_empty() || section == "securitySchemes" {
                pruned.insert(section.clone(), if section == "securitySchemes" { Value::Object(entries.clone()) } else { Value::Object(keep) });
            }
        }
        out["components"] = Value::Object(pruned);
    }
    out
}

fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("$ref", Value::String(r)) => {
                        if let Some(p) = r.strip_prefix('#') {
                            out.push(p.to_string());
                        }
                    }
                    _ => collect_refs(v, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

/// `copies` copies of `doc` side by side, as one document: copy `k` has its paths under
/// `/copy{k}`, its operation ids and component names suffixed with `_copy{k}` (references
/// follow). Unlike slices of the real description, whose later paths are heavier than its
/// first ones, each copy is the same amount of API: time per operation across copy counts
/// shows how the generator itself scales.
pub fn replicate(doc: &Value, copies: usize) -> Value {
    let mut out = doc.clone();
    let (mut paths, mut components) = (Map::new(), Map::new());
    for k in 0..copies {
        let mut copy = doc.clone();
        rename_refs(&mut copy, k);
        if let Some(Value::Object(ps)) = copy.get_mut("paths").map(Value::take) {
            for (path, mut item) in ps {
                if let Value::Object(ops) = &mut item {
                    for op in ops.values_mut() {
                        if let Some(Value::String(id)) = op.get_mut("operationId") {
                            id.push_str(&format!("_copy{k}"));
                        }
                    }
                }
                paths.insert(format!("/copy{k}{path}"), item);
            }
        }
        if let Some(Value::Object(sections)) = copy.get_mut("components").map(Value::take) {
            for (section, entries) in sections {
                let Value::Object(entries) = entries else { continue };
                let target = components.entry(section.clone()).or_insert_with(|| Value::Object(Map::new()));
                for (name, entry) in entries {
                    // Security schemes are named by operations, not referenced: one set.
                    let name = if section == "securitySchemes" { name } else { format!("{name}_copy{k}") };
                    if let Value::Object(t) = target {
                        t.insert(name, entry);
                    }
                }
            }
        }
    }
    out["paths"] = Value::Object(paths);
    out["components"] = Value::Object(components);
    out
}

/// Points every `#/components/...` reference at copy `k`'s component.
fn rename_refs(v: &mut Value, k: usize) {
    match v {
        Value::Object(m) => {
            for (key, v) in m.iter_mut() {
                match (key.as_str(), v) {
                    ("$ref", Value::String(r)) if r.starts_with("#/components/") && !r.starts_with("#/components/securitySchemes/") => {
                        r.push_str(&format!("_copy{k}"));
                    }
                    (_, v) => rename_refs(v, k),
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|v| rename_refs(v, k)),
        _ => {}
    }
}
