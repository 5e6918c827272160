//! `redocly lint` (Redocly CLI, pinned in package.json) passes on every
//! `generated/<api>/openapi.json` under the repository's ruleset (`redocly.yaml`): no errors,
//! and warnings only from the rules that file sets to `warn`, each with its reason there.

mod openapi_tools;

use openapi_tools::{tools, APIS};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;
use workspace_tests::root;

/// The rules `redocly.yaml` sets to `warn` (the only warnings allowed).
fn rules_set_to_warn() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("redocly.yaml")).expect("redocly.yaml is at the workspace root");
    text.lines()
        .filter_map(|l| {
            let (rule, level) = l.split_once(':')?;
            (level.trim() == "warn" && !l.trim_start().starts_with('#')).then(|| rule.trim().to_string())
        })
        .collect()
}

#[test]
fn openapi_documents_pass_redocly_lint_with_the_repository_ruleset() {
    let Some(tools) = tools("openapi_documents_pass_redocly_lint_with_the_repository_ruleset") else { return };
    let allowed = rules_set_to_warn();
    let mut failures = Vec::new();
    for api in APIS {
        // The API's name in redocly.yaml picks its root file and its per-API rules.
        let out = Command::new(&tools.redocly)
            .current_dir(root())
            .args(["lint", "--format=json", "--max-problems=1000", api])
            .env("REDOCLY_TELEMETRY", "off")
            .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
            .env("NO_COLOR", "1")
            .output()
            .expect("redocly runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let report: Value = match stdout.find('{').map(|i| serde_json::from_str(&stdout[i..])) {
            Some(Ok(v)) => v,
            _ => panic!("{api}: redocly printed no JSON report (exit {}):\n{stdout}\n{stderr}", out.status),
        };
        let problems = report["problems"].as_array().cloned().unwrap_or_default();
        assert!(report["totals"].is_object(), "{api}: unexpected report: {report}");
        let mut warnings = 0;
        for p in &problems {
            let rule = p["ruleId"].as_str().unwrap_or("?");
            let severity = p["severity"].as_str().unwrap_or("?");
            let at = p["location"][0]["pointer"].as_str().unwrap_or("?");
            let message = p["message"].as_str().unwrap_or("?");
            match severity {
                "warn" if allowed.contains(rule) => warnings += 1,
                "warn" => failures.push(format!("{api}: warning from `{rule}`, which redocly.yaml does not set to warn: {message} at {at}")),
                _ => failures.push(format!("{api}: {severity} `{rule}`: {message} at {at}")),
            }
        }
        println!("{api}: redocly lint: 0 errors, {warnings} expected warnings");
        if failures.is_empty() {
            assert!(out.status.success(), "{api}: redocly failed (exit {}) with no problem reported:\n{stderr}", out.status);
        }
    }
    assert!(failures.is_empty(), "redocly lint:\n{}", failures.join("\n"));
}

#[test]
fn the_redocly_ruleset_names_every_bundled_api() {
    let text = std::fs::read_to_string(root().join("redocly.yaml")).expect("redocly.yaml");
    for api in APIS {
        assert!(text.contains(&format!("root: generated/{api}/openapi.json")), "redocly.yaml does not lint {api}");
    }
}
