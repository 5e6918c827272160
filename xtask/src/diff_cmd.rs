//! `cargo xtask diff`: what a spec change does to the generated crates, and the gate that
//! fails on a breaking change the crate version does not announce.
//!
//! The base side is read straight from git (`git ls-tree`, `git cat-file`), never checked out,
//! so the working tree is untouched and uncommitted spec edits are part of the diff. Both sides
//! are built by the same code (`codegen::diff::load`), so only the documents differ.

use codegen::diff::render::{self, Report};
use codegen::diff::{changelog, load, rules, ApiDiff, Side};
use codegen::surface;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
enum Format {
    #[default]
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

#[derive(clap::Args, Default)]
pub struct Args {
    /// The revision to compare against (default: the merge base with origin/main, else HEAD~1).
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Only this API folder of specs/ (repeatable).
    #[arg(long = "api", value_name = "NAME")]
    apis: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Write the bumped version's entry into `specs/<api>/CHANGELOG.md`.
    #[arg(long)]
    changelog: bool,
    /// Print how long each step took, to stderr.
    #[arg(long)]
    timings: bool,
    /// Print the rules table (docs/spec-diff.md) and exit.
    #[arg(long)]
    rules: bool,
    /// Work on DIR/specs and DIR/generated instead of this repository's.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Compare the documents only: skip cargo-semver-checks on the generated crates.
    #[arg(long)]
    no_semver_checks: bool,
    /// For the tests: exit 0 when the pinned cargo-semver-checks is installed, else 1.
    #[arg(long, hide = true)]
    semver_checks_installed: bool,
}

pub fn run(args: Args) -> u8 {
    if args.semver_checks_installed {
        return u8::from(super::semver_checks::installed().is_none());
    }
    if args.rules {
        print!("{}", rules::markdown_table());
        return 0;
    }
    let root = args.root.clone().unwrap_or_else(super::codegen_cmd::workspace_root);
    diff(&args, &root)
}

fn diff(o: &Args, root: &Path) -> u8 {
    let started = Instant::now();
    let base = match resolve_base(root, o.base.as_deref()) {
        Ok(Base::Rev { sha, label }) => (sha, label),
        Ok(Base::None(why)) => {
            let message = format!("spec diff: no base revision to compare against ({why}); the spec diff gate is skipped");
            match o.format {
                Format::Json => print!("{}", render::json_skipped(&message)),
                _ => println!("{message}"),
            }
            return 0;
        }
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let (sha, label) = base;
    let resolved = started.elapsed();

    let base_files = match git_files(root, &sha) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot list specs/ at {label}: {e}");
            return 2;
        }
    };
    let mut names: BTreeSet<String> = base_files
        .iter()
        .filter_map(|p| p.strip_prefix("specs/")?.strip_suffix("/api.toml").filter(|n| !n.contains('/')).map(str::to_string))
        .collect();
    match disk_apis(root) {
        Ok(n) => names.extend(n),
        Err(e) => {
            eprintln!("error: cannot list {}: {e}", root.join("specs").display());
            return 2;
        }
    }
    for wanted in &o.apis {
        if !names.contains(wanted) {
            let known: Vec<&str> = names.iter().map(String::as_str).collect();
            eprintln!("error: no API named `{wanted}` in specs/ (working tree or {label}); known: {}", known.join(", "));
            return 2;
        }
    }
    names.retain(|n| o.apis.is_empty() || o.apis.contains(n));

    // Read every file first (git is quick); then build only what can differ: an API whose
    // files are the same on both sides has the same model, so neither side is built.
    let names: Vec<String> = names.into_iter().collect();
    let inputs: Vec<_> = names
        .iter()
        .map(|name| {
            let dir = format!("specs/{name}");
            let old = load::read_inputs(&dir, &|rel: &str| git_read(root, &sha, &base_files, rel));
            let new = load::read_inputs(&dir, &|rel: &str| load::read_disk(root, rel));
            (old, new)
        })
        .collect();
    // The surface each side's generator wrote: a generator change shows as a difference.
    let surface_file = |name: &String| format!("generated/{name}/{}", surface::FILE);
    let surfaces: Vec<_> = names.iter().map(|n| (git_read(root, &sha, &base_files, &surface_file(n)).ok().flatten(), load::read_disk(root, &surface_file(n)).ok().flatten())).collect();
    let read_done = started.elapsed();
    let same: Vec<bool> = inputs.iter().zip(&surfaces).map(|((old, new), (a, b))| a == b && matches!((old, new), (Ok(Some(a)), Ok(Some(b))) if a.same_files(b))).collect();
    let jobs: Vec<(usize, bool)> = (0..names.len()).filter(|&i| !same[i]).flat_map(|i| [(i, true), (i, false)]).collect();
    let built = parallel(&jobs, |&(i, is_base)| {
        let t0 = Instant::now();
        let side = match if is_base { &inputs[i].0 } else { &inputs[i].1 } {
            Ok(Some(inputs)) => inputs.build(),
            Ok(None) => Side::Missing,
            Err(e) => Side::Broken(e.clone()),
        };
        let side = match side {
            Side::Broken(reason) if is_base => Side::Broken(format!("at {label}:\n{reason}")),
            other => other,
        };
        ((i, is_base), (side, t0.elapsed()))
    });
    let side = |i: usize, is_base: bool| built.iter().find(|(k, _)| *k == (i, is_base)).map(|(_, v)| v);
    let mut diffs = Vec::new();
    let mut timings = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let t = Instant::now();
        match (side(i, true), side(i, false), &inputs[i].1) {
            (Some((old, old_time)), Some((new, new_time)), _) => {
                let base_surface = surfaces[i].0.as_deref().and_then(surface::from_json);
                diffs.push(ApiDiff::with_base_surface(name, old, new, base_surface.as_ref()));
                timings.push((name.clone(), Some((*old_time, *new_time)), t.elapsed()));
            }
            (_, _, Ok(Some(same_inputs))) => {
                diffs.push(ApiDiff::unchanged(name, &same_inputs.manifest.package.version));
                timings.push((name.clone(), None, t.elapsed()));
            }
            _ => {}
        }
    }
    let report = Report { base: label.clone(), apis: diffs };
    let text = match o.format {
        Format::Text => render::text(&report),
        Format::Markdown => render::markdown(&report),
        Format::Json => render::json(&report),
    };
    print!("{text}");
    let mut code = report.exit_code();
    if o.changelog && code != 2 {
        if let Err(e) = write_changelogs(root, &report) {
            eprintln!("error: {e}");
            code = 2;
        }
    }
    if !o.no_semver_checks && code != 2 {
        // The generated crates themselves, so generator and api.toml changes count too.
        let say = |line: &str| if o.format == Format::Json { eprintln!("{line}") } else { println!("{line}") };
        code = code.max(super::semver_checks::gate(root, &sha, &label, &names, &say));
    }
    if o.timings {
        eprintln!("timings: base resolved in {}, files read in {}", ms(resolved), ms(read_done - resolved));
        for (name, built, cmp) in &timings {
            match built {
                Some((old, new)) => eprintln!("  {name}: base model {}, working-tree model {}, compare {}", ms(*old), ms(*new), ms(*cmp)),
                None => eprintln!("  {name}: same files on both sides, nothing built"),
            }
        }
        eprintln!("  (models built on {} threads)", std::thread::available_parallelism().map_or(1, |n| n.get()));
        eprintln!("  total {}", ms(started.elapsed()));
    }
    code
}

/// `f` over every job, on as many threads as there are cores; results in job order.
fn parallel<J: Sync, R: Send>(jobs: &[J], f: impl Fn(&J) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(jobs.len()).max(1);
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let r = f(job);
                if let Ok(mut slots) = results.lock() {
                    slots[i] = Some(r);
                }
            });
        }
    });
    results.into_inner().unwrap_or_default().into_iter().flatten().collect()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn write_changelogs(root: &Path, report: &Report) -> Result<(), String> {
    for api in &report.apis {
        let Some((version, section)) = changelog::entry(api) else {
            if !api.changes.is_empty() {
                eprintln!("{}: the version was not bumped, so no changelog entry was written", api.api);
            }
            continue;
        };
        let path = root.join("specs").join(&api.api).join(changelog::FILE);
        let existing = match std::fs::read_to_string(&path) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        let text = changelog::upsert(existing.as_deref(), &version, &section);
        if existing.as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            eprintln!("wrote the {version} entry of {}", path.display());
        }
    }
    Ok(())
}

/// API folders of the working tree: `specs/*/api.toml`.
fn disk_apis(root: &Path) -> std::io::Result<Vec<String>> {
    let specs = root.join("specs");
    if !specs.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in std::fs::read_dir(specs)? {
        let path = entry?.path();
        if path.join("api.toml").is_file() {
            if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
                out.push(name.to_string());
            }
        }
    }
    Ok(out)
}

enum Base {
    Rev { sha: String, label: String },
    /// No base to compare against, and that is fine (the reason says why).
    None(String),
}

/// The explicit `--base`, or the merge base with `origin/main` when that is an ancestor short
/// of HEAD, or else `HEAD~1` (CI on main, where the merge base is HEAD itself).
fn resolve_base(root: &Path, explicit: Option<&str>) -> Result<Base, String> {
    let inside = git(root, &["rev-parse", "--is-inside-work-tree"]);
    if !matches!(inside.as_deref(), Ok("true")) {
        let why = "not a git work tree".to_string();
        return match explicit {
            Some(rev) => Err(format!("--base {rev}: {why} at {}", root.display())),
            None => Ok(Base::None(why)),
        };
    }
    let commit = |rev: &str| git(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).ok();
    let short = |sha: &str| sha.chars().take(7).collect::<String>();
    if let Some(rev) = explicit {
        return match commit(rev) {
            Some(sha) => Ok(Base::Rev { label: format!("{rev} ({})", short(&sha)), sha }),
            None => Err(format!("--base {rev}: not a commit in this repository")),
        };
    }
    let head = commit("HEAD");
    if commit("origin/main").is_some() {
        if let Ok(mb) = git(root, &["merge-base", "HEAD", "origin/main"]) {
            if head.as_deref() != Some(mb.as_str()) {
                return Ok(Base::Rev { label: format!("the merge base with origin/main ({})", short(&mb)), sha: mb });
            }
        }
    }
    match commit("HEAD~1") {
        Some(sha) => Ok(Base::Rev { label: format!("HEAD~1 ({})", short(&sha)), sha }),
        None if head.is_none() => Ok(Base::None("the repository has no commits yet".into())),
        None => Ok(Base::None("HEAD has no parent: a first commit or a shallow clone (fetch more history to diff)".into())),
    }
}

/// Runs git in `root`; its trimmed stdout, or its stderr as the error.
pub(crate) fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").current_dir(root).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// Every file under `specs/` at `sha`, relative to `root`.
fn git_files(root: &Path, sha: &str) -> Result<BTreeSet<String>, String> {
    let out = Command::new("git")
        .current_dir(root)
        .args(["ls-tree", "-r", "-z", "--name-only", sha, "--", "specs", "generated"])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(out.stdout.split(|b| *b == 0).filter(|p| !p.is_empty()).map(|p| String::from_utf8_lossy(p).into_owned()).collect())
}

/// One file at `sha`: `None` when it is not there.
fn git_read(root: &Path, sha: &str, files: &BTreeSet<String>, rel: &str) -> Result<Option<String>, String> {
    if !files.contains(rel) {
        return Ok(None);
    }
    let out = Command::new("git")
        .current_dir(root)
        .args(["cat-file", "blob", &format!("{sha}:./{rel}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    String::from_utf8(out.stdout).map(Some).map_err(|e| format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}
