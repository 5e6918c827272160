//! Shared by the OpenAPI tests (`openapi_*.rs`, `contract.rs`): where the documents and the
//! npm tools are, `$ref` resolution, and a sampler that makes a value a schema accepts.

#![allow(dead_code)]

use serde_json::{json, Map, Value};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use workspace_tests::root;

/// The bundled APIs, as in `tests/tests/freshness.rs`.
pub const APIS: &[&str] = &["crankwheel", "crankwheel-reseller", "outseta"];

/// `generated/<api>/openapi.json`, parsed.
pub fn document(api: &str) -> Value {
    let path = root().join("generated").join(api).join("openapi.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask codegen`", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// The npm tools `cargo xtask test` installs with `npm ci` (package.json, package-lock.json).
pub struct Tools {
    pub redocly: PathBuf,
    pub prism: PathBuf,
}

/// The tools, or `None` when the test cannot run. Without Node.js or npm the test is skipped
/// and says so on the terminal (not in captured output); with both but without the installed
/// tools it fails, since `cargo xtask test` installs them.
pub fn tools(test: &str) -> Option<Tools> {
    let works = |tool: &str| Command::new(tool).arg("--version").output().is_ok_and(|o| o.status.success());
    if let Some(missing) = ["node", "npm"].into_iter().find(|t| !works(t)) {
        say(&format!(
            "SKIPPED {test}: `{missing}` is not installed (`{missing} --version` failed), so the OpenAPI tools cannot run. \
             Install Node.js and npm, then run `cargo xtask test` (it runs `npm ci`)."
        ));
        return None;
    }
    let bin = root().join("node_modules").join(".bin");
    let tools = Tools { redocly: bin.join("redocly"), prism: bin.join("prism") };
    for tool in [&tools.redocly, &tools.prism] {
        assert!(
            tool.exists(),
            "{} is missing: run `npm ci` at the workspace root (`cargo xtask test` does it) to install the pinned tools",
            tool.display()
        );
    }
    Some(tools)
}

/// Writes straight to the terminal: the test harness captures `println!` of passing tests,
/// and a skip must not pass silently.
pub fn say(message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\n*** {message}\n");
}

/// Follows a local `$ref` (`#/components/schemas/X`).
pub fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    let mut current = schema;
    for _ in 0..32 {
        match current.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let pointer = r.strip_prefix('#').unwrap_or_else(|| panic!("non-local $ref {r}"));
                current = doc.pointer(pointer).unwrap_or_else(|| panic!("dangling $ref {r}"));
            }
            None => return current,
        }
    }
    panic!("$ref chain too long at {schema}")
}

/// Every operation of a document: (path, method, operation object).
pub fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            if let Some(item) = item.as_object() {
                for (method, op) in item {
                    if method == "x-split-operations" {
                        // Operations split on one method and path (see `merge::split`).
                        for split in op.as_array().into_iter().flatten() {
                            let method = split["x-method"].as_str().unwrap_or_default().to_string();
                            out.push((path.clone(), method, split));
                        }
                    } else {
                        out.push((path.clone(), method.clone(), op));
                    }
                }
            }
        }
    }
    out
}

/// A value `schema` accepts, filling in every property (so request bodies carry as much as
/// they can), with a depth limit for recursive types.
pub fn sample(doc: &Value, schema: &Value) -> Value {
    sample_at(doc, schema, 0)
}

fn allows_null(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::Array(types)) => types.iter().any(|t| t == "null"),
        Some(Value::String(t)) => t == "null",
        Some(_) => false,
        None => schema.get("anyOf").and_then(Value::as_array).is_some_and(|v| v.iter().any(allows_null)),
    }
}

fn sample_at(doc: &Value, schema: &Value, depth: usize) -> Value {
    let schema = resolve(doc, schema);
    if depth > 6 && allows_null(schema) {
        return Value::Null;
    }
    if let Some(first) = schema.get("enum").and_then(Value::as_array).and_then(|v| v.first()) {
        return first.clone();
    }
    let ty = match schema.get("type") {
        Some(Value::String(t)) => Some(t.as_str()),
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    };
    if ty.is_none() && schema.get("properties").is_none() {
        // The first branch that is not `null`: a value says more than `null` does.
        if let Some(branches) = schema.get("anyOf").or_else(|| schema.get("oneOf")).and_then(Value::as_array) {
            if let Some(first) = branches.iter().find(|b| b.get("type") != Some(&json!("null"))).or(branches.first()) {
                return sample_at(doc, first, depth + 1);
            }
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(m) = sample_at(doc, part, depth + 1) {
                    merged.extend(m);
                }
            }
            return Value::Object(merged);
        }
    }
    match ty {
        Some("boolean") => json!(true),
        Some("integer") => json!(7),
        Some("number") => json!(1.5),
        Some("string") => json!("contract test/ä"),
        Some("array") => match schema.get("items") {
            Some(items) => json!([sample_at(doc, items, depth + 1)]),
            None => json!([]),
        },
        Some("null") => Value::Null,
        Some("object") | None if schema.get("properties").is_some() || ty.is_some() => {
            let mut out = Map::new();
            let required: Vec<&str> = schema.get("required").and_then(Value::as_array).map(|r| r.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                for (name, prop) in props {
                    if depth > 6 && !required.contains(&name.as_str()) {
                        continue;
                    }
                    out.insert(name.clone(), sample_at(doc, prop, depth + 1));
                }
            }
            if let Some(values) = schema.get("additionalProperties").filter(|v| v.is_object()) {
                out.insert("key".into(), sample_at(doc, values, depth + 1));
            }
            Value::Object(out)
        }
        // The empty schema: anything; a string is what a client sends for "any" parameters.
        _ => json!("contract"),
    }
}
