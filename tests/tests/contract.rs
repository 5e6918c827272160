//! Contract test: Prism (`@stoplight/prism-cli`, pinned in package.json) serves a mock of each
//! API from `generated/<api>/openapi.json` on 127.0.0.1, with request validation on and
//! `--errors`, and every operation of the generated client is called against it. Prism must
//! accept every request the client sends (no validation errors: the call succeeds and Prism's
//! log has no violation), and the client must decode every response Prism returns.
//!
//! Each API is run twice: once with the documents' examples as Prism's responses, once with
//! responses Prism makes from the schemas alone (`--ignoreExamples`). Arguments come from the
//! document: the first request example, or a value made from the schema, and a value made
//! from each parameter's schema. The calls go through the crates' `test_support` module
//! (feature `round-trip`), which takes arguments as JSON.
//!
//! Bounded: each server start waits at most 60 s, each call 20 s, and the server is stopped by
//! its process id when the run ends, also when the test fails (a guard's `Drop`).

mod openapi_tools;

use openapi_tools::{document, operations, resolve, sample, say, tools, APIS};
use serde_json::{json, Value};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use workspace_tests::root;

/// A running Prism, killed by its process id when dropped.
struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Prism {
    fn start(prism: &Path, document: &Path, log: &Path, extra: &[&str]) -> Prism {
        // A free loopback port: bind to port 0, read the port, let it go.
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port");
        let out = std::fs::File::create(log).expect("log file");
        let err = out.try_clone().expect("log file");
        let child = Command::new(prism)
            .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string(), "--errors"])
            .args(extra)
            .arg(document)
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", prism.display()));
        let mut server = Prism { child, port, log: log.to_path_buf() };
        server.wait_until_listening(Duration::from_secs(60));
        server
    }

    fn wait_until_listening(&mut self, limit: Duration) {
        let started = Instant::now();
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prism exited ({status}) before listening:\n{}", self.log_text());
            }
            if self.log_text().contains("Prism is listening") && TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return;
            }
            assert!(started.elapsed() < limit, "Prism did not listen on {addr} within {limit:?}:\n{}", self.log_text());
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        // `Child::kill` signals the process by its id; `wait` reaps it.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The generated client of `api`: one call through its test-support entry point (feature
/// `round-trip`), which takes the arguments as JSON. `Ok` means the call succeeded and its
/// response decoded.
async fn call(api: &str, base_url: &str, operation: &str, args: &Value) -> Result<(), String> {
    match api {
        "crankwheel" => {
            use crankwheel::test_support as t;
            t::call(&t::client_with_every_credential(base_url).map_err(|e| e.to_string())?, operation, args).await.map(drop)
        }
        "crankwheel-reseller" => {
            use crankwheel_reseller::test_support as t;
            t::call(&t::client_with_every_credential(base_url).map_err(|e| e.to_string())?, operation, args).await.map(drop)
        }
        "outseta" => {
            use outseta::test_support as t;
            t::call(&t::client_with_every_credential(base_url).map_err(|e| e.to_string())?, operation, args).await.map(drop)
        }
        other => panic!("no crate for {other}: add it to tests/Cargo.toml and here"),
    }
}

/// The arguments of one operation, from its document, as the test-support entry point takes
/// them: every parameter (optional ones too, so Prism checks how the client sends them) by
/// name, with a value made from its schema; `body`: the first example of the request body, or
/// a value made from its schema; `files`: a short text for each file part.
fn arguments(doc: &Value, op: &Value) -> Value {
    let mut args = serde_json::Map::new();
    for p in op.get("parameters").and_then(Value::as_array).into_iter().flatten() {
        let p = resolve(doc, p);
        let mut value = sample(doc, &p["schema"]);
        if p["in"] == "header" && value.is_string() {
            // Header values are visible ASCII.
            value = json!("contract");
        }
        if let Some(name) = p["name"].as_str() {
            args.insert(name.to_string(), value);
        }
    }
    if let Some((media_type, media)) = op.pointer("/requestBody/content").and_then(Value::as_object).and_then(|c| c.iter().next()) {
        let example = media.get("examples").and_then(Value::as_object).and_then(|e| e.values().next()).and_then(|e| e.get("value"));
        let schema = media.get("schema").cloned().unwrap_or(json!({}));
        let body = match example {
            Some(v) => v.clone(),
            // A multipart body is the form type's fields (the first `allOf` part) plus the file
            // parts, which the client takes as arguments of their own.
            None if media_type == "multipart/form-data" => match schema.get("allOf").and_then(|a| a.get(0)) {
                Some(fields) => sample(doc, fields),
                None => json!({}),
            },
            None => sample(doc, &schema),
        };
        args.insert("body".into(), body);
        let files: serde_json::Map<String, Value> = file_parts(doc, &schema).into_iter().map(|f| (f, json!("contract test file\n"))).collect();
        args.insert("files".into(), Value::Object(files));
    }
    Value::Object(args)
}

/// The properties of a multipart schema that are files (`contentMediaType`).
fn file_parts(doc: &Value, schema: &Value) -> Vec<String> {
    let schema = resolve(doc, schema);
    let mut out: Vec<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, p)| p.get("contentMediaType").is_some())
        .map(|(name, _)| name.clone())
        .collect();
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        out.extend(file_parts(doc, part));
    }
    out
}

/// Prism checks `Authorization: Bearer` case-sensitively (stoplightio/prism#2722), while the
/// scheme name is case-insensitive (RFC 9110, section 11.1) and Outseta wants `bearer`. Prism
/// gets a copy of the document where such a bearer scheme is an API key in the
/// `Authorization` header, which Prism checks for presence; everything else is unchanged.
fn prism_copy(api: &str, dir: &Path) -> PathBuf {
    let mut doc = document(api);
    if let Some(schemes) = doc.pointer_mut("/components/securitySchemes").and_then(Value::as_object_mut) {
        for scheme in schemes.values_mut() {
            let lower_case_bearer = scheme["type"] == "http" && scheme["scheme"] == "bearer" && scheme.get("x-prefix").is_some_and(|p| p != "Bearer ");
            if lower_case_bearer {
                *scheme = json!({"type": "apiKey", "in": "header", "name": "Authorization"});
            }
        }
    }
    let path = dir.join(format!("{api}.openapi.json"));
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("JSON")).expect("write the copy for Prism");
    path
}

/// What Prism's log says about the requests since the `from`-th: Prism logs each request as a
/// block that starts with "Request received" and ends with the response it chose or the error
/// it answered with.
struct Blocks {
    count: usize,
    /// Every block since `from` has ended.
    complete: bool,
    /// Lines reporting a problem with a request or with a response.
    violations: Vec<String>,
    /// Prism accepted the request but could not make a valid response body from the schema
    /// (its sampler gives up on large or recursive schemas).
    not_generated: bool,
}

fn blocks(log: &str, from: usize) -> Blocks {
    let mut all: Vec<Vec<&str>> = Vec::new();
    for line in log.lines() {
        if line.contains("[HTTP SERVER]") && line.contains("Request received") {
            all.push(Vec::new());
        }
        if let Some(block) = all.last_mut() {
            block.push(line);
        }
    }
    let mine = all.get(from..).unwrap_or_default();
    let ended = |b: &Vec<&str>| b.iter().any(|l| l.contains("> Responding with") || l.contains("Request terminated with error"));
    let passed = |b: &Vec<&str>| b.iter().any(|l| l.contains("The request passed the validation rules"));
    let generation_failed = |b: &Vec<&str>| b.iter().any(|l| l.contains("errors#SCHEMA_TOO_COMPLEX") || l.contains("errors#VIOLATIONS"));
    Blocks {
        count: all.len(),
        complete: mine.iter().all(ended),
        violations: mine
            .iter()
            .filter(|b| !(passed(b) && generation_failed(b)))
            .flat_map(|b| b.iter())
            .filter(|l| (l.contains("[VALIDATOR]") && (l.contains('✖') || l.contains('⚠'))) || l.contains("Request terminated with error"))
            .map(|l| l.to_string())
            .collect(),
        not_generated: !mine.is_empty() && mine.iter().all(|b| passed(b) && generation_failed(b)),
    }
}

/// Waits (at most 3 s) until Prism has logged the end of every request since the `from`-th.
fn settled(prism: &Prism, from: usize) -> Blocks {
    let started = Instant::now();
    loop {
        let b = blocks(&prism.log_text(), from);
        if (b.count > from && b.complete) || started.elapsed() > Duration::from_secs(3) {
            return b;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn every_operation_of_every_client_passes_prism_validation_and_decodes_its_response() {
    let test = "every_operation_of_every_client_passes_prism_validation_and_decodes_its_response";
    let Some(tools) = tools(test) else { return };
    let dir = root().join("target").join("contract");
    std::fs::create_dir_all(&dir).expect("target/contract");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    let started = Instant::now();
    let mut failures = Vec::new();
    for api in APIS {
        let doc = document(api);
        let input = prism_copy(api, &dir);
        let ops = operations(&doc);
        assert!(!ops.is_empty(), "{api}: no operations");
        for (mode, extra) in [("examples", &[][..]), ("schemas", &["--ignoreExamples"][..])] {
            let log = dir.join(format!("{api}.{mode}.prism.log"));
            let prism = Prism::start(&tools.prism, &input, &log, extra);
            let (mut ok, mut not_generated) = (0, Vec::new());
            for (path, method, op) in &ops {
                let id = op["operationId"].as_str().unwrap_or_default();
                let args = arguments(&doc, op);
                let before = blocks(&prism.log_text(), 0).count;
                let outcome = runtime.block_on(async { tokio::time::timeout(Duration::from_secs(20), call(api, &prism.url(), id, &args)).await });
                let seen = settled(&prism, before);
                let at = format!("{api} ({mode}): {id} ({method} {path})");
                match outcome {
                    _ if seen.count == before => failures.push(format!("{at}: no request reached Prism ({outcome:?})")),
                    // Only where the documents give no example to answer with, and never for a
                    // request Prism rejected.
                    Ok(Err(_)) if seen.not_generated && mode == "schemas" => not_generated.push(id),
                    Ok(Ok(())) if seen.violations.is_empty() => ok += 1,
                    Ok(Ok(())) => failures.push(format!("{at}: Prism reported:\n    {}", seen.violations.join("\n    "))),
                    Ok(Err(e)) => failures.push(format!("{at} failed: {e}\n    arguments: {args}\n    Prism: {}", seen.violations.join("\n    "))),
                    Err(_) => failures.push(format!("{at}: no answer within 20 s")),
                }
            }
            println!("{api} ({mode}): {ok} of {} operations passed", ops.len());
            if !not_generated.is_empty() {
                // Said, not hidden: the requests passed Prism's validation, but its sampler could
                // not make a valid body from these (recursive or large) response schemas.
                say(&format!(
                    "{api} ({mode}): Prism accepted the request but could not generate a valid response body from the schema for {} operations: {}",
                    not_generated.len(),
                    not_generated.join(", ")
                ));
            }
            drop(prism);
        }
    }
    say(&format!("contract test: {} APIs against Prism in {:.0?}", APIS.len(), started.elapsed()));
    assert!(failures.is_empty(), "{} contract failures (Prism logs in {}):\n{}", failures.len(), dir.display(), failures.join("\n"));
}
