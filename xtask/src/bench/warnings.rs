//! A document with thousands of warnings, in JSON and in YAML: the time per warning must not
//! grow with their number (a warning's line was once found by a scan of the whole text each).

use super::summary::Summary;
use super::timing::{cpu_time, ms};
use super::Options;
use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::fmt::Write;
use std::path::Path;

pub fn bench_warnings(opts: &Options, work: &Path, summary: &mut Summary) {
    let dir = work.join("warnings");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        println!("  cannot create {}: {e}", dir.display());
        return;
    }
    let counts: &[usize] = if opts.quick { &[2_500, 5_000] } else { &[2_500, 5_000, 10_000] };
    let emit = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    println!("  {:>6} {:>7} {:>6} {:>9} {:>8} {:>12}", "format", "ops", "MB", "warnings", "CPU ms", "ms/warning");
    for (format, write) in [("json", json as fn(usize) -> String), ("yaml", yaml)] {
        let mut per_warning = Vec::new();
        for &n in counts {
            let path = dir.join(format!("warnings.{n}.{format}"));
            let text = write(n);
            if let Err(e) = std::fs::write(&path, &text) {
                println!("  cannot write {}: {e}", path.display());
                return;
            }
            let start = cpu_time();
            let krate = match generate_from_files(std::slice::from_ref(&path), "warnings", &emit) {
                Ok(k) => k,
                Err(e) => {
                    println!("  {format} {n}: failed: {e}");
                    summary.goal(&format!("Many warnings ({format}, {n}) generated"), "succeeds", format!("failed: {e}"), false);
                    return;
                }
            };
            let cpu_ms = ms(cpu_time().saturating_sub(start));
            let warnings = krate.diagnostics.len();
            let each = cpu_ms / warnings.max(1) as f64;
            println!("  {format:>6} {:>7} {:>6.2} {warnings:>9} {cpu_ms:>8.0} {each:>12.4}", krate.api.operations.len(), text.len() as f64 / 1e6);
            per_warning.push((n, each));
        }
        if let (Some(first), Some(last)) = (per_warning.first(), per_warning.last()) {
            let ratio = last.1 / first.1;
            let text: Vec<String> = per_warning.iter().map(|(n, m)| format!("{n}: {m:.3}")).collect();
            summary.goal(
                &format!("Linear in warnings ({format}: CPU ms per warning, {} warnings)", counts.iter().map(usize::to_string).collect::<Vec<_>>().join("/")),
                "no growth (<= 1.25x)",
                format!("{} (largest/smallest {ratio:.2})", text.join(", ")),
                ratio <= 1.25,
            );
        }
    }
}

/// `n` operations, each with a path parameter not marked `required`: one warning each, at a
/// pointer whose path segment needs `~1`.
pub fn json(n: usize) -> String {
    let mut out = String::from("{\n  \"openapi\": \"3.0.3\",\n  \"info\": {\"title\": \"Many warnings\", \"version\": \"1\"},\n  \"paths\": {\n");
    for i in 0..n {
        let comma = if i + 1 < n { "," } else { "" };
        let _ = write!(
            out,
            r#"    "/items{i}/{{id}}": {{
      "get": {{
        "operationId": "getItem{i}",
        "parameters": [
          {{"name": "id", "in": "path", "schema": {{"type": "string"}}}}
        ],
        "responses": {{
          "200": {{
            "description": "ok",
            "content": {{"application/json": {{"schema": {{"type": "object", "properties": {{"id": {{"type": "string"}}, "count{i}": {{"type": "integer"}}}}}}}}}}
          }}
        }}
      }}
    }}{comma}
"#
        );
    }
    out.push_str("  }\n}\n");
    out
}

/// [`json`]'s document in block-style YAML.
pub fn yaml(n: usize) -> String {
    let mut out = String::from("openapi: 3.0.3\ninfo:\n  title: Many warnings\n  version: '1'\npaths:\n");
    for i in 0..n {
        let _ = write!(
            out,
            r#"  /items{i}/{{id}}:
    get:
      operationId: getItem{i}
      parameters:
      - name: id
        in: path
        schema:
          type: string
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  id:
                    type: string
                  count{i}:
                    type: integer
"#
        );
    }
    out
}
