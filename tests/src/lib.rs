//! Helpers shared by the workspace-level tests.

use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_manifest, GeneratedCrate};
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Writes a generated crate's files (relative paths) under `dir`, replacing what was there.
pub fn write_crate(dir: &Path, files: &std::collections::BTreeMap<String, String>) {
    let _ = std::fs::remove_dir_all(dir);
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("files have a parent")).expect("folder");
        std::fs::write(&path, text).expect("write");
    }
}

/// The bundled APIs: folder names under `specs/` with an `api.toml`.
pub fn bundled_apis() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("specs"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| e.path().join("api.toml").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Generates one bundled API in-process exactly as `cargo xtask codegen` does.
pub fn generate_bundled(api: &str) -> GeneratedCrate {
    // Paths in reports are relative to the working directory, as when xtask runs at the root.
    std::env::set_current_dir(root()).expect("the workspace root exists");
    let opts = EmitOptions { command: "cargo xtask codegen".into(), standalone: false, test_support: true };
    generate_from_manifest(&Path::new("specs").join(api), &opts).unwrap_or_else(|e| panic!("{api} does not generate:\n{e}"))
}
