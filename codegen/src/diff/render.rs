//! A diff report as text (for a terminal and CI logs), Markdown (for a pull request comment)
//! or JSON (for tools). All three are deterministic: the same diff prints the same bytes.

use super::{ApiDiff, Change, Level, Status, Verdict};
use serde_json::{json, Value};

/// Everything one run compared.
#[derive(Clone, Debug)]
pub struct Report {
    /// The base, in words: `HEAD~1 (8ab3eb7)`.
    pub base: String,
    pub apis: Vec<ApiDiff>,
}

impl Report {
    /// 2 if any API is bad input, else 1 if any breaking change is unannounced, else 0.
    pub fn exit_code(&self) -> u8 {
        self.apis.iter().map(|a| a.verdict.exit_code()).fold(0, |acc, c| if c == 2 || acc == 2 { 2 } else { acc.max(c) })
    }
}

fn counts(api: &ApiDiff) -> String {
    let n = api.changes.len();
    if n == 0 {
        return "no changes".into();
    }
    let plural = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    format!(
        "{}: {}, {}, {}",
        plural(n, "change", "changes"),
        plural(api.count(Level::Breaking), "breaking", "breaking"),
        plural(api.count(Level::Warning), "warning", "warnings"),
        plural(api.count(Level::Info), "info", "info")
    )
}

fn heading(api: &ApiDiff) -> String {
    match &api.status {
        Status::Compared { old_version, new_version } if old_version == new_version => format!("{} {new_version}", api.api),
        Status::Compared { old_version, new_version } => format!("{} {old_version} -> {new_version}", api.api),
        Status::New { new_version } | Status::BaseBroken { new_version, .. } => format!("{} {new_version}", api.api),
        Status::Removed { old_version } => format!("{} {}", api.api, old_version.as_deref().unwrap_or("")).trim_end().to_string(),
        Status::HeadBroken { .. } => api.api.clone(),
    }
}

/// What the status and verdict mean, in one sentence.
fn verdict_line(api: &ApiDiff) -> Option<String> {
    let file = format!("specs/{}/api.toml", api.api);
    match &api.verdict {
        Verdict::Fail { from, to, needed } => Some(format!(
            "FAIL: breaking changes without a version bump: set version to {needed} or later in {file} (it is {to}; the base has {from}), then run `cargo xtask diff --changelog`"
        )),
        Verdict::Bumped { from, to } => Some(format!("ok: breaking changes announced by the version step {from} -> {to}")),
        Verdict::Unchecked(why) => Some(format!("not checked: {why}")),
        Verdict::Invalid(why) => Some(format!("error: {why}")),
        Verdict::Pass | Verdict::NotApplicable => None,
    }
}

fn status_line(api: &ApiDiff) -> String {
    match &api.status {
        Status::Compared { .. } => counts(api),
        Status::New { .. } => "new API (not at the base), nothing to compare".into(),
        Status::Removed { .. } => "removed (in the base, not in the working tree)".into(),
        Status::BaseBroken { .. } => "the base's documents do not build, so nothing can be compared".into(),
        Status::HeadBroken { .. } => "the working tree's documents do not build".into(),
    }
}

pub fn text(report: &Report) -> String {
    let mut out = format!("spec diff: specs/ at {} -> working tree\n", report.base);
    let width = report.apis.iter().flat_map(|a| &a.changes).map(|c| c.rule.id().len()).max().unwrap_or(0);
    for api in &report.apis {
        out.push_str(&format!("{}: {}\n", heading(api), status_line(api)));
        if let Status::BaseBroken { reason, .. } = &api.status {
            out.extend(reason.lines().map(|l| format!("    {l}\n")));
        }
        for c in &api.changes {
            out.push_str(&format!("  {:<8}  {:<width$}  {}\n", c.level().as_str(), c.rule.id(), c.message()));
        }
        if let Some(line) = verdict_line(api) {
            out.extend(line.lines().map(|l| format!("  {l}\n")));
        }
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

fn summary(report: &Report) -> String {
    match report.exit_code() {
        0 => "spec diff gate: passed".to_string(),
        1 => {
            let failing: Vec<&str> = report.apis.iter().filter(|a| a.verdict.exit_code() == 1).map(|a| a.api.as_str()).collect();
            format!("spec diff gate: FAILED: unannounced breaking changes in {}", failing.join(", "))
        }
        _ => "spec diff gate: error: bad input (see above)".to_string(),
    }
}

fn md_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn markdown(report: &Report) -> String {
    let mut out = format!("## Spec diff against {}\n", md_escape(&report.base));
    for api in &report.apis {
        out.push_str(&format!("\n### {}\n\n{}.\n", md_escape(&heading(api)), md_escape(&status_line(api))));
        if let Status::BaseBroken { reason, .. } | Status::HeadBroken { reason } = &api.status {
            out.push_str(&format!("\n```text\n{reason}\n```\n"));
        }
        if !api.changes.is_empty() {
            out.push_str("\n| level | rule | operation | where | change |\n|---|---|---|---|---|\n");
            for c in &api.changes {
                out.push_str(&format!(
                    "| {} | `{}` | {} | {} | {} |\n",
                    c.level(),
                    c.rule.id(),
                    c.operation.as_deref().map(|o| format!("`{}`", md_escape(o))).unwrap_or_default(),
                    md_escape(&c.location),
                    md_escape(&what(c)),
                ));
            }
        }
        if let Some(line) = verdict_line(api) {
            out.push_str(&format!("\n**{}**\n", md_escape(&line)));
        }
    }
    out.push_str(&format!("\n{}\n", summary(report)));
    out
}

fn what(c: &Change) -> String {
    let info = c.rule.info();
    if c.detail.is_empty() {
        info.what.to_string()
    } else {
        format!("{} ({})", info.what, c.detail)
    }
}

pub fn json(report: &Report) -> String {
    let apis: Vec<Value> = report.apis.iter().map(api_json).collect();
    let value = json!({
        "base": report.base,
        "exit_code": report.exit_code(),
        "apis": apis,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON report of a run that had no base to compare against.
pub fn json_skipped(message: &str) -> String {
    let value = json!({ "base": null, "skipped": message, "exit_code": 0, "apis": [] });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn api_json(api: &ApiDiff) -> Value {
    let (status, old_version, new_version, reason) = match &api.status {
        Status::Compared { old_version, new_version } => ("compared", Some(old_version.as_str()), Some(new_version.as_str()), None),
        Status::New { new_version } => ("new", None, Some(new_version.as_str()), None),
        Status::Removed { old_version } => ("removed", old_version.as_deref(), None, None),
        Status::BaseBroken { reason, new_version } => ("base-broken", None, Some(new_version.as_str()), Some(reason.as_str())),
        Status::HeadBroken { reason } => ("head-broken", None, None, Some(reason.as_str())),
    };
    let (verdict, needed) = match &api.verdict {
        Verdict::Pass => ("pass", None),
        Verdict::Bumped { .. } => ("bumped", None),
        Verdict::Fail { needed, .. } => ("fail", Some(needed.as_str())),
        Verdict::NotApplicable => ("not-applicable", None),
        Verdict::Unchecked(_) => ("unchecked", None),
        Verdict::Invalid(_) => ("invalid", None),
    };
    let changes: Vec<Value> = api
        .changes
        .iter()
        .map(|c| {
            json!({
                "id": c.rule.id(),
                "level": c.level().as_str(),
                "operation": c.operation,
                "location": c.location,
                "detail": c.detail,
                "message": c.message(),
            })
        })
        .collect();
    json!({
        "api": api.api,
        "status": status,
        "old_version": old_version,
        "new_version": new_version,
        "reason": reason,
        "verdict": verdict,
        "needed_version": needed,
        "breaking": api.count(Level::Breaking),
        "warnings": api.count(Level::Warning),
        "info": api.count(Level::Info),
        "changes": changes,
    })
}
