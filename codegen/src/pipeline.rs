//! The whole pipeline for one API: read every source, merge, infer, emit.

use crate::diag::{Diagnostic, Diagnostics, Error, Level};
use crate::drop_later::Spent;
use crate::emit::{self, EmitOptions};
use crate::manifest::{Manifest, Package, SourceEntry};
use crate::merge;
use crate::overrides::{Lookup, Table};
use crate::model::{is_success_status, Api, BodyKind, Decision, DecisionKind, OpResponse, Origin, Source, Ty, TypeId};
use crate::read;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A generated crate: its files by relative path, and what was said about the inputs.
#[derive(Debug)]
pub struct GeneratedCrate {
    pub name: String,
    /// Every file's text, but those an `on_file` took (see [`emit::OnFile`]).
    pub files: BTreeMap<String, String>,
    pub diagnostics: Vec<Diagnostic>,
    pub api: Api,
    /// What the run no longer reads, where the caller asked to keep it (see [`Spent`]).
    pub spent: Spent,
}

/// Reads the sources a manifest lists (relative to `dir`), in precedence order.
/// A source that cannot be read is an error for this API.
pub fn read_sources(dir: &Path, manifest: &Manifest, diags: &mut Diagnostics) -> Result<Vec<Source>, Error> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for entry in &manifest.sources {
        let path = dir.join(&entry.file);
        match read_file(&path, diags) {
            Ok(source) => sources.push(source),
            Err(e) => errors.extend(e.diagnostics),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(Error { diagnostics: errors })
    }
}

/// Reads one file of any supported format.
pub fn read_file(path: &Path, diags: &mut Diagnostics) -> Result<Source, Error> {
    let file = display_path(path);
    let bytes = std::fs::read(path).map_err(|e| Error::at(&Origin::new(file.clone(), ""), None, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|e| Error::at(&Origin::new(file.clone(), ""), None, format!("not UTF-8 text (byte {}): not an API document", e.utf8_error().valid_up_to())))?;
    read::read_source_text(&file, text, diags)
}

/// Paths in diagnostics and reports are relative to the working directory when possible, so
/// committed reports do not depend on where the repository was cloned.
fn display_path(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let rel = cwd.as_deref().and_then(|c| path.strip_prefix(c).ok()).unwrap_or(path);
    rel.display().to_string().replace('\\', "/")
}

/// Builds the crate of the API described by `dir/api.toml`.
pub fn generate_from_manifest(dir: &Path, opts: &EmitOptions) -> Result<GeneratedCrate, Error> {
    let path = dir.join("api.toml");
    let file = display_path(&path);
    let text = std::fs::read_to_string(&path).map_err(|e| Error::at(&Origin::new(file.clone(), ""), None, format!("cannot read: {e}")))?;
    // Named as the sources are, so an error reads `specs/<api>/api.toml:12`.
    let manifest = Manifest::parse(&file, &text)?;
    let mut diags = Diagnostics::default();
    let sources = read_sources(dir, &manifest, &mut diags)?;
    let mut krate = generate(&manifest, sources, diags, opts, &|_, _| false, Spent::FreedAtOnce)?;
    // A committed `specs/<api>/CHANGELOG.md` (written by `cargo xtask diff --changelog`) goes
    // into the crate as it is: codegen reads only `specs/`, never git, so it stays deterministic.
    if let Some(text) = crate::diff::changelog::crate_file(dir, &opts.command) {
        krate.files.insert(crate::diff::changelog::FILE.to_string(), text);
    }
    Ok(krate)
}

/// Builds a crate from any files a user brings, merged as one API, first file first.
pub fn generate_from_files(inputs: &[PathBuf], name: &str, opts: &EmitOptions) -> Result<GeneratedCrate, Error> {
    generate_from_files_streamed(inputs, name, opts, &|_, _| false, Spent::FreedAtOnce)
}

/// [`generate_from_files`], handing each file to `on_file` as soon as it is made (see
/// [`emit::emit_crate_streamed`]), and what the run no longer reads to `spent` (handed back
/// in the crate when kept: a process that ends after writing the files need not free it).
pub fn generate_from_files_streamed(inputs: &[PathBuf], name: &str, opts: &EmitOptions, on_file: emit::OnFile, spent: Spent) -> Result<GeneratedCrate, Error> {
    let manifest = Manifest {
        package: Package { name: name.to_string(), version: "0.1.0".into(), title: None, description: None },
        sources: inputs.iter().map(|p| SourceEntry { file: p.display().to_string() }).collect(),
        ..Default::default()
    };
    let mut diags = Diagnostics::default();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match read_file(input, &mut diags) {
            Ok(s) => sources.push(s),
            Err(e) => errors.extend(e.diagnostics),
        }
    }
    if !errors.is_empty() {
        return Err(Error { diagnostics: errors });
    }
    generate(&manifest, sources, diags, opts, on_file, spent)
}

/// The API the sources of one manifest describe: merged, inferred, with the manifest's
/// response overrides applied. The one composition every command builds an API with
/// (codegen, generate, the spec diff, the benchmarks, the fuzz targets), so that what the
/// diff judges is what the crate is. An override key that matched nothing is an error.
pub fn build_api(manifest: &Manifest, sources: &[Source], diags: &mut Diagnostics) -> Api {
    build_api_from(manifest, Cow::Borrowed(sources), diags, &mut Spent::FreedAtOnce)
}

/// [`build_api`] with the sources handed over, so that merge frees what it no longer needs
/// before inference runs (its peak of memory).
pub fn build_api_owned(manifest: &Manifest, sources: Vec<Source>, diags: &mut Diagnostics) -> Api {
    build_api_from(manifest, Cow::Owned(sources), diags, &mut Spent::FreedAtOnce)
}

fn build_api_from(manifest: &Manifest, sources: Cow<'_, [Source]>, diags: &mut Diagnostics, spent: &mut Spent) -> Api {
    let overrides = Lookup::new(&manifest.overrides);
    let mut api = merge::merge(manifest, &overrides, sources, diags, spent);
    add_manifest_responses(&mut api, manifest, &overrides, diags);
    overrides.report_unused(manifest, diags);
    api
}

fn generate(manifest: &Manifest, sources: Vec<Source>, mut diags: Diagnostics, opts: &EmitOptions, on_file: emit::OnFile, mut spent: Spent) -> Result<GeneratedCrate, Error> {
    // The api holds all that emit needs: the sources (50 MB for GitHub) are freed by merge.
    // It is used where inference left it: copying it together (28 MB for GitHub) lowered the
    // peak with the system allocator, but with mimalloc it costs 0.03-0.08 s of CPU for no
    // lower peak.
    let api = build_api_from(manifest, Cow::Owned(sources), &mut diags, &mut spent);
    if diags.has_errors() {
        return Err(Error { diagnostics: diags.items.into_iter().filter(|d| d.level == Level::Error).collect() });
    }
    let files = emit::emit_crate_streamed(&api, &diags.items, opts, on_file)?;
    Ok(GeneratedCrate { name: manifest.package.name.clone(), files, diagnostics: diags.items, api, spent })
}

/// The success responses `[overrides.responses]` sets: a media type (a body the documents give
/// only in prose, such as CrankWheel's `video/mp4` download), `empty` (no body), or the name of
/// a generated type (a JSON body of that type).
fn add_manifest_responses(api: &mut Api, manifest: &Manifest, overrides: &Lookup<'_>, diags: &mut Diagnostics) {
    let file = if manifest.file.is_empty() { "api.toml" } else { manifest.file.as_str() };
    for (key, value) in overrides.responses() {
        // Left to `report_unused`, which names the line.
        let Some(op) = api.operations.iter_mut().find(|op| format!("{} {}", op.method.as_str(), op.path.to_openapi()) == key) else { continue };
        overrides.mark(Table::Responses, key);
        let named = api.types.defs.iter().position(|t| t.name == value).map(|i| Ty::Named(TypeId(i)));
        let (kind, ty, detail) = match (value, named) {
            ("empty", _) => (BodyKind::Empty, None, "has no body".to_string()),
            (_, Some(ty)) => (BodyKind::Json, Some(ty), format!("is a `{value}`")),
            (media, None) if media.contains('/') => {
                let kind = match media.to_ascii_lowercase() {
                    m if m.contains("json") => BodyKind::Json,
                    m if m.starts_with("text/") => BodyKind::Text,
                    _ => BodyKind::Binary,
                };
                (kind, None, format!("is `{media}`"))
            }
            _ => {
                let line = manifest.key_lines.get(&(Table::Responses, key.to_string())).copied();
                let origin = Origin::new(file, "/overrides/responses");
                let message = format!("[overrides.responses] \"{key}\" = \"{value}\": neither a media type, `empty`, nor a generated type");
                diags.push(Level::Error, &origin, line, message);
                continue;
            }
        };
        op.responses.retain(|r| !is_success_status(r.status));
        op.responses.push(OpResponse { status: Some(200), description: Some(format!("`{value}`")), kind, ty, may_be_empty: false, undocumented: false, media: Vec::new() });
        api.decisions.push(Decision {
            kind: DecisionKind::Override,
            subject: key.to_string(),
            detail: format!("the success response {detail} (api.toml)"),
            evidence: Vec::new(),
        });
    }
}
