//! Decode throughput of the generated models (`benches/decode`).

use super::cargo;
use super::summary::Summary;
use super::Options;
use codegen::pipeline::GeneratedCrate;
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

pub fn bench_decode(opts: &Options, root: &Path, work: &Path, bundled: &[GeneratedCrate], summary: &mut Summary) {
    let examples: Vec<Value> = bundled
        .iter()
        .flat_map(|k| {
            k.api.examples.iter().map(move |e| {
                json!({
                    "api": k.name,
                    "operation": e.operation.trim_start_matches("r#"),
                    "status": e.status,
                    "request": e.request,
                    "body": e.value.to_string(),
                })
            })
        })
        .collect();
    let _ = std::fs::create_dir_all(work);
    let input = work.join("decode-examples.json");
    let output = work.join("decode-results.json");
    if let Err(e) = std::fs::write(&input, Value::Array(examples).to_string()) {
        println!("  cannot write {}: {e}", input.display());
        return;
    }
    let _ = std::fs::remove_file(&output);
    let mut cmd = Command::new(cargo());
    cmd.current_dir(root)
        .env("CARGO_TARGET_DIR", work)
        .args(["run", "--release", "--quiet", "--package", "decode-bench", "--"])
        .arg(&input)
        .arg("--json")
        .arg(&output);
    if opts.quick {
        cmd.arg("--quick");
    }
    match cmd.status() {
        Ok(s) if s.success() => {}
        Ok(s) => {
            summary.note(format!("decode benchmark failed: {s}"));
            return;
        }
        Err(e) => {
            summary.note(format!("cannot run the decode benchmark: {e}"));
            return;
        }
    }
    let results: Option<Value> = std::fs::read(&output).ok().and_then(|b| serde_json::from_slice(&b).ok());
    let all = results.as_ref().and_then(|r| r["results"].as_array()?.iter().find(|g| g["group"] == "all").cloned());
    if let Some(all) = all {
        let f = |k: &str| all[k].as_f64().unwrap_or(0.0);
        let (plain, generated) = (f("plain"), f("generated"));
        if generated > 0.0 {
            summary.goal(
                "Generated models (keeping unknown fields) decode within 1.05x of a plain derive",
                "<= 1.05x",
                format!("{:.2}x ({generated:.0} vs {plain:.0} MB/s; Value {:.0} MB/s)", plain / generated, f("value")),
                plain / generated <= 1.05,
            );
        }
    }
}
