//! `generated/<api>/openapi.json` says what the merged API and the generated client are: every
//! embedded example validates against its schema (checked here with the `jsonschema` crate,
//! JSON Schema 2020-12, the OpenAPI 3.1 dialect), every example the merge kept is embedded,
//! the operation ids are the client's method names, optional and nullable fields are told
//! apart, and the security schemes say how each credential is sent.

mod openapi_tools;

use codegen::model::{AuthKind, Ty, TypeKind};
use openapi_tools::{document, operations, resolve, APIS};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use workspace_tests::generate_bundled;

/// A validator for `schema` inside `doc`: the document's components travel along so that
/// `#/components/schemas/X` resolves.
fn validator(doc: &Value, schema: &Value) -> jsonschema::Validator {
    let mut root = match schema {
        Value::Object(m) => m.clone(),
        other => panic!("a schema that is not an object: {other}"),
    };
    root.insert("components".into(), doc.get("components").cloned().unwrap_or(json!({})));
    jsonschema::draft202012::options().build(&Value::Object(root)).unwrap_or_else(|e| panic!("not a valid JSON Schema: {e}\n{schema}"))
}

/// Every media type of the document that has a schema: (where, media type object).
fn media_types(doc: &Value) -> Vec<(String, &Value)> {
    let mut out = Vec::new();
    for (path, method, op) in operations(doc) {
        let id = op.get("operationId").and_then(Value::as_str).unwrap_or("?");
        let mut bodies: Vec<(String, &Value)> = Vec::new();
        if let Some(rb) = op.get("requestBody") {
            bodies.push(("request".into(), rb));
        }
        for (status, r) in op.get("responses").and_then(Value::as_object).into_iter().flatten() {
            bodies.push((format!("response {status}"), r));
        }
        for (what, body) in bodies {
            for (ct, media) in body.get("content").and_then(Value::as_object).into_iter().flatten() {
                out.push((format!("{id} ({method} {path}) {what} {ct}"), media));
            }
        }
    }
    out
}

#[test]
fn every_example_in_the_openapi_documents_validates_against_its_schema() {
    let mut failures = Vec::new();
    for api in APIS {
        let doc = document(api);
        let mut checked = 0;
        for (at, media) in media_types(&doc) {
            let (Some(schema), Some(examples)) = (media.get("schema"), media.get("examples").and_then(Value::as_object)) else { continue };
            let v = validator(&doc, schema);
            for (key, example) in examples {
                checked += 1;
                let value = example.get("value").unwrap_or_else(|| panic!("{api}: {at}: example {key} has no value"));
                let errors: Vec<String> = v.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect();
                if !errors.is_empty() {
                    failures.push(format!("{api}: {at}: example {key}:\n    {}", errors.join("\n    ")));
                }
            }
        }
        println!("{api}: {checked} embedded examples validated");
        assert!(checked > 0, "{api}: no examples in openapi.json");
    }
    assert!(failures.is_empty(), "{} examples do not match their schemas:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_example_the_merge_kept_is_embedded_in_the_openapi_document() {
    let mut missing = Vec::new();
    for api in APIS {
        let krate = generate_bundled(api);
        let doc = document(api);
        let ops = operations(&doc);
        for ex in &krate.api.examples {
            let id = ex.operation.trim_start_matches("r#");
            let Some((_, _, op)) = ops.iter().find(|(_, _, op)| op["operationId"] == id) else {
                missing.push(format!("{api}: {}: no operation `{id}`", ex.origin));
                continue;
            };
            let body = if ex.request {
                op.get("requestBody")
            } else {
                let status = ex.status.map_or_else(|| "default".to_string(), |s| s.to_string());
                op.get("responses").and_then(|r| r.get(&status))
            };
            let found = body
                .and_then(|b| b.get("content"))
                .and_then(Value::as_object)
                .into_iter()
                .flat_map(|c| c.values())
                .filter_map(|m| m.get("examples").and_then(Value::as_object))
                .flat_map(|e| e.values())
                .any(|e| e.get("value") == Some(&ex.value));
            if !found {
                missing.push(format!("{api}: {} ({id}, status {:?}, request {})", ex.origin, ex.status, ex.request));
            }
        }
    }
    assert!(missing.is_empty(), "examples of the merged API that openapi.json lacks:\n{}", missing.join("\n"));
}

#[test]
fn openapi_operation_ids_are_the_client_method_names() {
    for api in APIS {
        let krate = generate_bundled(api);
        let doc = document(api);
        let in_doc: Vec<String> = operations(&doc).iter().map(|(_, _, op)| op["operationId"].as_str().unwrap_or_default().to_string()).collect();
        let unique: BTreeSet<&String> = in_doc.iter().collect();
        assert_eq!(unique.len(), in_doc.len(), "{api}: duplicate operationIds");
        let methods: BTreeSet<String> = krate.api.operations.iter().map(|op| op.id.trim_start_matches("r#").to_string()).collect();
        assert_eq!(in_doc.iter().cloned().collect::<BTreeSet<_>>(), methods, "{api}: operationIds differ from the client's methods");
        let callable: BTreeSet<String> = callable_operations(api).iter().map(|s| s.to_string()).collect();
        assert_eq!(callable, methods, "{api}: the test-support entry point (the contract test's way in) does not cover every method");
    }
}

fn callable_operations(api: &str) -> &'static [&'static str] {
    match api {
        "crankwheel" => crankwheel::test_support::OPERATIONS,
        "crankwheel-reseller" => crankwheel_reseller::test_support::OPERATIONS,
        "outseta" => outseta::test_support::OPERATIONS,
        other => panic!("no crate for {other}"),
    }
}

#[test]
fn openapi_schemas_tell_optional_from_nullable_and_keep_aliases() {
    let mut failures = Vec::new();
    for api in APIS {
        let krate = generate_bundled(api);
        let doc = document(api);
        let used = codegen::emit::openapi::schemas::reachable(&krate.api);
        for (i, def) in krate.api.types.defs.iter().enumerate() {
            let TypeKind::Struct(fields) = &def.kind else { continue };
            if !used.contains(&i) {
                assert!(doc.pointer(&format!("/components/schemas/{}", def.name)).is_none(), "{api}: {} is used by no operation", def.name);
                continue;
            }
            let schema = doc.pointer(&format!("/components/schemas/{}", def.name)).unwrap_or_else(|| panic!("{api}: no schema {}", def.name));
            let required: BTreeSet<&str> = schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
            for f in fields {
                let at = format!("{api}: {}.{}", def.name, f.name);
                // A required field with aliases is required under any of its names (`anyOf`).
                let want_required = !f.optional && f.aliases.is_empty();
                if required.contains(f.name.as_str()) != want_required {
                    failures.push(format!("{at}: in `required` is {}, optional is {}", !want_required, f.optional));
                }
                let prop = &schema["properties"][&f.name];
                let accepts_null = validator(&doc, prop).is_valid(&Value::Null);
                if accepts_null != (f.nullable || f.ty == Ty::Json) {
                    failures.push(format!("{at}: accepts null is {accepts_null}, nullable is {}", f.nullable));
                }
                let aliases: Vec<&str> = prop.get("x-aliases").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
                if aliases != f.aliases.iter().map(String::as_str).collect::<Vec<_>>() {
                    failures.push(format!("{at}: x-aliases {aliases:?}, the type has {:?}", f.aliases));
                }
                if !f.optional {
                    // Present under an alias instead of the name: still valid.
                    for alias in &f.aliases {
                        let mut body = serde_json::Map::new();
                        for g in fields.iter().filter(|g| !g.optional && g.name != f.name) {
                            body.insert(g.name.clone(), openapi_tools::sample(&doc, &schema["properties"][&g.name]));
                        }
                        body.insert(alias.clone(), openapi_tools::sample(&doc, prop));
                        if !validator(&doc, schema).is_valid(&Value::Object(body)) {
                            failures.push(format!("{at}: a body with the alias `{alias}` does not validate"));
                        }
                    }
                }
            }
            // The schema the document gives is the one its `$ref`s reach.
            assert_eq!(resolve(&doc, &json!({"$ref": format!("#/components/schemas/{}", def.name)})), schema);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn openapi_security_schemes_say_how_each_credential_is_sent() {
    for api in APIS {
        let krate = generate_bundled(api);
        let doc = document(api);
        for scheme in &krate.api.auth {
            let s = &doc["components"]["securitySchemes"][&scheme.name];
            let at = format!("{api}: {}", scheme.name);
            match &scheme.kind {
                AuthKind::Header { header, prefix } => {
                    assert_eq!((&s["type"], &s["in"], &s["name"]), (&json!("apiKey"), &json!("header"), &json!(header)), "{at}");
                    // A value template (`{placeholders}`) or a prefix before the key.
                    let spelled = s.get("x-template").or_else(|| s.get("x-prefix"));
                    assert_eq!(spelled, Some(&json!(prefix)), "{at}");
                }
                AuthKind::KeyPair { header, prefix, separator } => {
                    assert_eq!((&s["type"], &s["in"], &s["name"]), (&json!("apiKey"), &json!("header"), &json!(header)), "{at}");
                    assert_eq!((&s["x-prefix"], &s["x-separator"]), (&json!(prefix), &json!(separator)), "{at}");
                }
                AuthKind::Bearer { .. } => assert_eq!((&s["type"], &s["scheme"]), (&json!("http"), &json!("bearer")), "{at}"),
                AuthKind::Basic => assert_eq!((&s["type"], &s["scheme"]), (&json!("http"), &json!("basic")), "{at}"),
                AuthKind::Query { param } => assert_eq!((&s["type"], &s["in"], &s["name"]), (&json!("apiKey"), &json!("query"), &json!(param)), "{at}"),
            }
        }
        for op in &krate.api.operations {
            let id = op.id.trim_start_matches("r#");
            let ops = operations(&doc);
            let (_, _, doc_op) = ops.iter().find(|(_, _, o)| o["operationId"] == id).unwrap_or_else(|| panic!("{api}: no {id}"));
            let expected: Vec<Value> = op.auth.iter().map(|a| json!({ a.as_str(): [] })).collect();
            assert_eq!(doc_op["security"], Value::Array(expected), "{api}: {id}: security");
        }
    }
}

#[test]
fn openapi_documents_are_openapi_3_1_with_the_api_title_version_and_servers() {
    for api in APIS {
        let krate = generate_bundled(api);
        let doc = document(api);
        assert_eq!(doc["openapi"], "3.1.0", "{api}");
        assert_eq!(doc["info"]["title"], json!(krate.api.title), "{api}");
        assert_eq!(doc["info"]["version"], json!(krate.api.version), "{api}");
        let servers: Vec<&str> = doc.get("servers").and_then(Value::as_array).into_iter().flatten().filter_map(|s| s["url"].as_str()).collect();
        // No base URL in the documents is said explicitly, as OpenAPI's default `/`.
        let expected: Vec<&str> = if krate.api.servers.is_empty() { vec!["/"] } else { krate.api.servers.iter().map(String::as_str).collect() };
        assert_eq!(servers, expected, "{api}");
        assert!(doc["x-generated"].as_str().is_some_and(|s| s.contains("cargo xtask codegen")), "{api}: no generated-file notice");
    }
}
