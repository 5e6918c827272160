//! Every operation of every bundled crate, against a real HTTP server on 127.0.0.1: the
//! request has the documented method, path, query, auth header and body, and the documented
//! example response decodes into the method's success type. The cases come from the model
//! (`generate_bundled`), the calls from each crate's `test_support::call`.

mod live_support;

use codegen::model::{Api, AuthKind, BodyKind, ExampleUse, Operation, ParamLocation, Segment, Ty, TypeId, TypeKind};
use codegen::emit::responses::{success, Success};
use live_support::{form_pairs, run, same_json, seen, Seen};
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::{Mock, MockServer, ResponseTemplate};
use workspace_tests::{bundled_apis, generate_bundled};

async fn call(api: &str, base: &str, op: &str, args: &Value) -> Result<Value, String> {
    match api {
        "crankwheel" => {
            let client = crankwheel::test_support::client_with_every_credential(base).map_err(|e| e.to_string())?;
            crankwheel::test_support::call(&client, op, args).await
        }
        "crankwheel-reseller" => {
            let client = crankwheel_reseller::test_support::client_with_every_credential(base).map_err(|e| e.to_string())?;
            crankwheel_reseller::test_support::call(&client, op, args).await
        }
        "outseta" => {
            let client = outseta::test_support::client_with_every_credential(base).map_err(|e| e.to_string())?;
            outseta::test_support::call(&client, op, args).await
        }
        other => panic!("no crate for {other}: add it to tests/Cargo.toml and here"),
    }
}

fn round_trip(api: &str) -> fn(&str, Option<u16>, bool, &Value) -> Result<Value, String> {
    match api {
        "crankwheel" => crankwheel::round_trip::round_trip,
        "crankwheel-reseller" => crankwheel_reseller::round_trip::round_trip,
        _ => outseta::round_trip::round_trip,
    }
}

/// A value of `ty` for an operation without an example: every required field filled in.
fn sample(api: &Api, ty: &Ty, depth: usize) -> Value {
    if depth > 8 {
        return Value::Null;
    }
    match ty {
        Ty::Bool => json!(true),
        Ty::Integer => json!(1),
        Ty::Float => json!(1.5),
        Ty::String => json!("s"),
        Ty::DateTime => json!("2020-01-01T00:00:00Z"),
        Ty::Duration => json!("00:03:45"),
        Ty::Json => json!({}),
        // Deeper down, lists and maps are empty: a cycle of required fields (an invoice's
        // line items, each with its invoice) ends there instead of in a `null`.
        Ty::List(_) | Ty::Map(_) if depth > 2 => if matches!(ty, Ty::List(_)) { json!([]) } else { json!({}) },
        Ty::List(item) => json!([sample(api, item, depth + 1)]),
        Ty::Map(item) => json!({ "k": sample(api, item, depth + 1) }),
        Ty::Named(id) => match &api.types.get(*id).kind {
            TypeKind::Struct(fields) => Value::Object(
                fields.iter().filter(|f| !f.optional).map(|f| (f.name.clone(), sample(api, &f.ty, depth + 1))).collect(),
            ),
            TypeKind::Enum { values, .. } => values.first().map(|v| v.value.clone()).unwrap_or(Value::Null),
            TypeKind::Union(variants) => variants.first().map(|v| sample(api, &v.ty, depth + 1)).unwrap_or(Value::Null),
        },
    }
}

/// The first value of an enum type.
fn enum_value(api: &Api, id: TypeId) -> Option<Value> {
    match &api.types.get(id).kind {
        TypeKind::Enum { values, .. } => values.first().map(|v| v.value.clone()),
        _ => None,
    }
}

/// The argument the test passes for a parameter, and how it appears in a query string.
fn param_value(api: &Api, ty: &Ty, name: &str) -> (Value, Vec<String>) {
    match ty {
        Ty::Integer => (json!(7), vec!["7".into()]),
        Ty::Float => (json!(1.5), vec!["1.5".into()]),
        Ty::Bool => (json!(true), vec!["true".into()]),
        Ty::List(item) => {
            let (v, s) = param_value(api, item, name);
            (json!([v]), s)
        }
        // An enum parameter is sent as its wire value (`ActivityType=10`).
        Ty::Named(id) if enum_value(api, *id).is_some() => {
            let v = enum_value(api, *id).unwrap_or_default();
            let wire = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            (v, vec![wire])
        }
        _ => {
            let v = format!("v-{name}");
            (json!(v), vec![v])
        }
    }
}

/// The credential `client_with_every_credential` configures for `scheme`, as sent.
fn expected_auth(api: &Api, op: &Operation) -> Option<(String, String, bool)> {
    let scheme = api.auth.iter().find(|s| op.auth.first() == Some(&s.name))?;
    let n = &scheme.name;
    Some(match &scheme.kind {
        AuthKind::Header { header, prefix } if prefix.contains('{') => {
            let mut value = prefix.clone();
            while let (Some(a), Some(b)) = (value.find('{'), value.find('}')) {
                let var = value[a + 1..b].to_string();
                value = value.replacen(&format!("{{{var}}}"), &format!("{var}-{n}"), 1);
            }
            (header.to_ascii_lowercase(), value, false)
        }
        AuthKind::Header { header, prefix } => (header.to_ascii_lowercase(), format!("{prefix}secret-{n}"), false),
        AuthKind::Bearer { prefix } => {
            let prefix = if prefix.ends_with(' ') || prefix.is_empty() { prefix.clone() } else { format!("{prefix} ") };
            ("authorization".into(), format!("{prefix}secret-{n}"), false)
        }
        AuthKind::KeyPair { header, prefix, separator } => (header.to_ascii_lowercase(), format!("{prefix}key-{n}{separator}secret-{n}"), false),
        AuthKind::Basic => ("authorization".into(), String::new(), false),
        AuthKind::Query { param } => (param.clone(), format!("secret-{n}"), true),
    })
}

fn first_example<'a>(api: &'a Api, op: &Operation, request: bool) -> Option<&'a ExampleUse> {
    let mine = |e: &&ExampleUse| e.operation == op.id.trim_start_matches("r#") && e.request == request;
    if request {
        return api.examples.iter().find(mine);
    }
    let ok = |e: &&ExampleUse| e.status.is_none_or(|s| (200..300).contains(&s));
    api.examples.iter().filter(mine).filter(ok).find(|e| e.status.is_some()).or_else(|| api.examples.iter().filter(mine).find(ok))
}

/// One operation: builds its arguments and response, calls it, and compares.
async fn check(api_name: &str, api: &Api, op: &Operation, server: &MockServer) -> Result<(), String> {
    let id = op.id.trim_start_matches("r#");
    let mut args = serde_json::Map::new();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    for p in &op.params {
        let (value, wire) = param_value(api, &p.ty, &p.name);
        args.insert(p.name.clone(), value);
        match p.location {
            ParamLocation::Query => query.extend(wire.into_iter().map(|w| (p.name.clone(), w))),
            ParamLocation::Header => headers.extend(wire.into_iter().map(|w| (p.name.to_ascii_lowercase(), w))),
            _ => {}
        }
    }
    let mut path = String::new();
    for s in &op.path.segments {
        path.push('/');
        match s {
            Segment::Literal(l) => path.push_str(l),
            Segment::Param(p) => {
                let ty = op.params.iter().find(|q| q.location == ParamLocation::Path && &q.name == p).map_or(Ty::String, |q| q.ty.clone());
                path.push_str(&param_value(api, &ty, p).1[0]);
            }
        }
    }
    // The request body: the first example, else a sample; on the wire it is what the type
    // makes of it.
    let mut wire_body = None;
    if let Some(request) = &op.request {
        if let Some(ty) = &request.ty {
            let value = first_example(api, op, true).map(|e| e.value.clone()).unwrap_or_else(|| sample(api, ty, 0));
            let wire = round_trip(api_name)(id, None, true, &value).map_err(|e| format!("request example: {e}"))?;
            args.insert("body".into(), value);
            wire_body = Some(wire);
        }
        let files: serde_json::Map<String, Value> = request.file_fields.iter().map(|f| (f.clone(), json!(format!("file-data-{f}")))).collect();
        args.insert("files".into(), Value::Object(files));
    }
    if let Some((name, value, true)) = expected_auth(api, op) {
        query.push((name, value));
    }

    // The response: the documented example with its status (a 204 is served as a 200, since
    // HTTP gives a 204 no body), and what the method should make of it.
    let (status, body, expected): (u16, Vec<u8>, Value) = match success(op) {
        Success::Json { ty, .. } => {
            let example = first_example(api, op, false);
            let status = example.and_then(|e| e.status).filter(|s| *s != 204 && *s != 205).unwrap_or(200);
            let value = example.map(|e| e.value.clone()).unwrap_or_else(|| sample(api, &ty, 0));
            let expected = round_trip(api_name)(id, example.and_then(|e| e.status), false, &value).unwrap_or_else(|_| value.clone());
            (status, serde_json::to_vec(&value).unwrap_or_default(), expected)
        }
        Success::Value => (200, br#"{"any":"json"}"#.to_vec(), json!({"any": "json"})),
        Success::Text => (200, b"Ok".to_vec(), json!("Ok")),
        Success::Stream => (200, b"\x00binary body".to_vec(), json!("\u{0}binary body")),
        Success::Unit => (200, Vec::new(), Value::Null),
    };
    server.reset().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(status).set_body_bytes(body)).mount(server).await;

    let result = call(api_name, &server.uri(), id, &Value::Object(args)).await;
    let requests = seen(server).await;
    let [request] = requests.as_slice() else { return Err(format!("expected one request, the server got {}", requests.len())) };
    let mut problems = Vec::new();
    compare_request(api, op, request, &path, &query, &headers, wire_body.as_ref(), &mut problems);
    match result {
        Ok(value) if same_json(&value, &expected) => {}
        Ok(value) => problems.push(format!("decoded {value} but expected {expected}")),
        Err(e) => problems.push(format!("the call failed: {e}")),
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[allow(clippy::too_many_arguments)]
fn compare_request(
    api: &Api,
    op: &Operation,
    seen: &Seen,
    path: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    body: Option<&Value>,
    problems: &mut Vec<String>,
) {
    if seen.method != op.method.as_str() {
        problems.push(format!("method {} instead of {}", seen.method, op.method.as_str()));
    }
    if seen.path != path {
        problems.push(format!("path {} instead of {path}", seen.path));
    }
    let (mut got, mut want) = (seen.query.clone(), query.to_vec());
    got.sort();
    want.sort();
    if got != want {
        problems.push(format!("query {got:?} instead of {want:?}"));
    }
    for (name, value) in headers {
        if seen.header(name) != Some(value) {
            problems.push(format!("header {name}: {:?} instead of {value}", seen.header(name)));
        }
    }
    match expected_auth(api, op) {
        Some((name, value, false)) if seen.header(&name) != Some(value.as_str()) => {
            problems.push(format!("{name}: {:?} instead of {value}", seen.header(&name)))
        }
        None if seen.header("authorization").is_some() => problems.push("an Authorization header on an operation without auth".into()),
        _ => {}
    }
    let Some(request) = &op.request else {
        if !seen.body.is_empty() {
            problems.push(format!("a body on an operation without one: {}", seen.body_text()));
        }
        return;
    };
    let content_type = seen.header("content-type").unwrap_or_default();
    match request.kind {
        BodyKind::Json => {
            let sent: Value = serde_json::from_slice(&seen.body).unwrap_or(Value::Null);
            if !content_type.starts_with("application/json") {
                problems.push(format!("content-type {content_type}"));
            }
            if body.is_some_and(|b| !same_json(&sent, b)) {
                problems.push(format!("body {sent} instead of {}", body.unwrap_or(&Value::Null)));
            }
        }
        BodyKind::Form => {
            let mut sent = form_pairs(&seen.body_text());
            let mut want: Vec<(String, String)> = body
                .and_then(Value::as_object)
                .map(|m| {
                    m.iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
                        .collect()
                })
                .unwrap_or_default();
            sent.sort();
            want.sort();
            if !content_type.starts_with("application/x-www-form-urlencoded") || sent != want {
                problems.push(format!("form {content_type} {sent:?} instead of {want:?}"));
            }
        }
        BodyKind::Multipart => {
            let text = seen.body_text();
            for f in &request.file_fields {
                let part = format!("name=\"{f}\"");
                if !content_type.starts_with("multipart/form-data") || !text.contains(&part) || !text.contains(&format!("file-data-{f}")) {
                    problems.push(format!("multipart {content_type} without the file part {f}: {text}"));
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_operation_sends_its_documented_request_and_decodes_its_example() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for api_name in bundled_apis() {
        let krate = generate_bundled(&api_name);
        let api = &krate.api;
        run(Duration::from_secs(120), async {
            let server = MockServer::start().await;
            for op in &api.operations {
                assert!(op.server.is_none(), "{} would leave loopback", op.id);
                checked += 1;
                if let Err(e) = check(&api_name, api, op, &server).await {
                    failures.push(format!("{api_name} {} ({} {}): {e}", op.id, op.method.as_str(), op.path.to_openapi()));
                }
            }
        });
    }
    assert!(checked >= 100, "only {checked} operations checked");
    assert!(failures.is_empty(), "{} of {checked} operations failed:\n{}", failures.len(), failures.join("\n"));
}
