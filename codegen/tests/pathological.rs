//! Pathological inputs (issue 9): each one ends, in bounded time and memory, with a clear
//! error or a correct result, never a panic, a hang or a stack overflow.
//!
//! Every case runs the whole pipeline (`generate_from_files`: read -> merge -> infer -> emit)
//! on a file it writes and checks a time bound (generous: a debug build on a busy machine) and
//! a bound on the peak resident memory of that run. Runs take a lock, one at a time, and reset
//! the kernel's peak counter first, so each peak is the run's own.
//!
//! Two cases are too slow for a debug build (serde_json, syn and prettyplease unoptimised
//! take minutes on them): they run with `--release`, which CI does, and are ignored otherwise.

use codegen::diag::Error;
use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_files, GeneratedCrate};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Peak resident memory allowed for one run, in MiB, unless a case says otherwise.
const MAX_RSS_MIB: u64 = 1024;

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn write_temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-pathological-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The process's peak resident set since the last reset (Linux); `None` elsewhere.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kib| kib / 1024)
}

/// Runs the pipeline on `files` and checks the time and memory bounds.
fn generate(name: &str, files: &[(&str, Vec<u8>)], limit: Duration) -> Result<GeneratedCrate, Error> {
    generate_within(name, files, limit, MAX_RSS_MIB)
}

fn generate_within(name: &str, files: &[(&str, Vec<u8>)], limit: Duration, max_mib: u64) -> Result<GeneratedCrate, Error> {
    let paths: Vec<PathBuf> = files.iter().map(|(f, bytes)| write_temp(f, bytes)).collect();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // "5" resets the peak resident set to the current one (Linux 4.0 and later).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let start = Instant::now();
    let result = generate_from_files(&paths, name, &opts);
    let took = start.elapsed();
    assert!(took < limit, "{name}: took {took:?}, more than {limit:?}");
    if let Some(mib) = peak_rss_mib() {
        assert!(mib < max_mib, "{name}: peak memory {mib} MiB, more than {max_mib} MiB");
    }
    result
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

fn openapi(paths: Value, schemas: Value) -> Vec<u8> {
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "Pathological", "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    });
    serde_json::to_vec_pretty(&doc).unwrap()
}

/// One `GET /things` returning `schema`.
fn get_returning(schema: Value) -> Value {
    json!({"/things": {"get": {
        "operationId": "getThings",
        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
    }}})
}

fn models(generated: &GeneratedCrate) -> &str {
    generated.files.get("src/models.rs").map(String::as_str).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------

#[test]
fn json_nested_10000_deep_is_an_error_naming_the_depth() {
    let deep_array = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let deep_object = format!("{}1{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
    let deep_yaml = format!("{}1\n", "- ".repeat(10_000));
    for (file, text) in [("deep-array.json", deep_array), ("deep-object.json", deep_object), ("deep.yaml", deep_yaml)] {
        let err = generate(file, &[(file, text.into_bytes())], secs(10)).unwrap_err().to_string();
        assert!(err.contains(file), "{err}");
        assert!(err.contains("deep") || err.contains("recursion limit"), "{file}: {err}");
    }
}

#[test]
fn an_example_nested_350_deep_is_read_and_typed() {
    // Deeper than serde_json's own limit (128), within the reader's (`read::MAX_DEPTH`).
    let mut example = json!({"leaf": 1});
    for i in 0..350 {
        example = json!({ format!("level{i}"): example });
    }
    let paths = json!({"/things": {"get": {"operationId": "getThings", "responses": {"200": {"description": "ok",
        "content": {"application/json": {"schema": {"type": "object"}, "example": example}}}}}}});
    let g = generate("nested-example", &[("nested-example.json", openapi(paths, json!({})))], secs(30)).unwrap();
    let m = models(&g);
    assert!(m.contains("level0") && m.contains("level349"), "every level is typed");
}

#[test]
fn a_50_mb_array_document_is_an_error() {
    let mut text = String::with_capacity(51 << 20);
    text.push('[');
    while text.len() < 50 << 20 {
        text.push_str("{\"id\":123456789,\"ok\":true},");
    }
    text.push_str("null]");
    let err = generate("array", &[("array.json", text.into_bytes())], secs(60)).unwrap_err().to_string();
    assert!(err.contains("array.json") && err.contains("expected an object"), "{err}");
}

/// A Swagger document whose response example is an array of 50 MB (5.7 million integers).
/// Measured in release: about 12 s and 1.9 GB at the peak, since the reader holds the
/// example four times (the document, its OpenAPI 3.0 form, the typed OpenAPI, the model).
#[test]
#[cfg_attr(debug_assertions, ignore = "release only: a 50 MB example takes minutes in a debug build")]
fn a_50_mb_array_example_is_read_in_bounded_time_and_memory() {
    let mut text = String::with_capacity(52 << 20);
    text.push_str(r#"{"swagger":"2.0","info":{"title":"Big","version":"1"},"paths":{"/big":{"get":{"produces":["application/json"],"responses":{"200":{"description":"ok","schema":{"type":"array","items":{"type":"integer"}},"examples":{"application/json":["#);
    let mut i = 0u64;
    while text.len() < 50 << 20 {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&(i * 7919 % 1_000_000_007).to_string());
        i += 1;
    }
    text.push_str("]}}}}}}}");
    let g = generate_within("big-array", &[("big-array.json", text.into_bytes())], secs(90), 2560).unwrap();
    assert_eq!(g.api.operations.len(), 1);
}

#[test]
fn ref_cycles_are_types_that_refer_to_each_other() {
    let schemas = json!({
        "A": {"type": "object", "properties": {"b": {"$ref": "#/components/schemas/B"}, "name": {"type": "string"}}},
        "B": {"type": "object", "properties": {"a": {"$ref": "#/components/schemas/A"}, "self": {"$ref": "#/components/schemas/B"}}},
        // A reference that is only a reference, in a ring: no type at all behind it.
        "Ring1": {"$ref": "#/components/schemas/Ring2"},
        "Ring2": {"$ref": "#/components/schemas/Ring1"},
        "Self": {"$ref": "#/components/schemas/Self"},
    });
    let paths = json!({
        "/a": {"get": {"operationId": "getA", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}}}},
        "/ring": {"get": {"operationId": "getRing", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ring1"}}}}}}},
        "/self": {"get": {"operationId": "getSelf", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Self"}}}}}}},
    });
    let g = generate("ref-cycles", &[("ref-cycles.json", openapi(paths, schemas))], secs(20)).unwrap();
    let m = models(&g);
    assert!(m.contains("pub struct A") && m.contains("pub struct B"), "{m}");
    // A type that contains itself directly needs a box to have a size.
    assert!(m.contains("Box<"), "{m}");
}

#[test]
fn swagger_ref_cycles_and_an_all_of_that_includes_itself() {
    let doc = json!({
        "swagger": "2.0",
        "info": {"title": "Cycles", "version": "1"},
        "paths": {"/n": {"get": {"operationId": "getNode", "produces": ["application/json"], "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Node"}}}}}},
        "definitions": {
            "Node": {"allOf": [{"$ref": "#/definitions/Node"}, {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}, "id": {"type": "integer"}}}]},
            "Loop": {"allOf": [{"$ref": "#/definitions/Loop2"}]},
            "Loop2": {"allOf": [{"$ref": "#/definitions/Loop"}]},
        },
    });
    let g = generate("swagger-cycles", &[("swagger-cycles.json", serde_json::to_vec(&doc).unwrap())], secs(20)).unwrap();
    assert!(models(&g).contains("children"), "{}", models(&g));
}

#[test]
fn an_all_of_that_includes_itself_is_read() {
    let schemas = json!({
        "Pet": {"allOf": [
            {"$ref": "#/components/schemas/Pet"},
            {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "parent": {"$ref": "#/components/schemas/Pet"}}}
        ]},
        "Deep": {"allOf": [{"allOf": [{"allOf": [{"$ref": "#/components/schemas/Deep"}]}]}]},
    });
    let paths = json!({
        "/pets": {"get": {"operationId": "getPet", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}}}}}},
        "/deep": {"get": {"operationId": "getDeep", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Deep"}}}}}}},
    });
    let g = generate("all-of-self", &[("all-of-self.json", openapi(paths, schemas))], secs(20)).unwrap();
    assert!(models(&g).contains("pub struct Pet"), "{}", models(&g));
}

/// Measured in release: about 25 s and 1.9 GB at the peak, nearly all in emit, which parses
/// and pretty-prints the 30 MB `operations.rs` as one syn file.
#[test]
#[cfg_attr(debug_assertions, ignore = "release only: 20,000 operations take minutes to format in a debug build")]
fn twenty_thousand_operations_are_generated() {
    let mut paths = serde_json::Map::new();
    for i in 0..10_000 {
        paths.insert(
            format!("/things{i}/{{id}}"),
            json!({
                "get": {"operationId": format!("getThing{i}"), "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                        "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
                "delete": {"operationId": format!("deleteThing{i}"), "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
                           "responses": {"204": {"description": "gone"}}},
            }),
        );
    }
    let schemas = json!({"Thing": {"type": "object", "properties": {"id": {"type": "string"}}}});
    let g = generate_within("many-ops", &[("many-ops.json", openapi(Value::Object(paths), schemas))], secs(120), 2560).unwrap();
    assert_eq!(g.api.operations.len(), 20_000);
}

#[test]
fn keys_with_control_characters_and_non_ascii_text_survive() {
    let props = json!({
        "\u{1}ctl": {"type": "string"},
        "tab\there": {"type": "integer"},
        "new\nline": {"type": "boolean"},
        "ключ": {"type": "string"},
        "名前": {"type": "string"},
        "🦀": {"type": "number"},
        "": {"type": "string"},
        "type": {"type": "string"},
        "a\"quote": {"type": "string"},
        "back\\slash": {"type": "string"},
    });
    let schema = json!({"type": "object", "properties": props, "example": {"ключ": "значение", "\u{1}ctl": "x", "🦀": 1.5}});
    let paths = get_returning(schema);
    let mut doc: Value = serde_json::from_slice(&openapi(paths, json!({}))).unwrap();
    // Path segments and parameter names in other scripts too.
    doc["paths"]["/вещи/{ид}"] = json!({"get": {"parameters": [{"name": "ид", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"204": {"description": "ok"}}}});
    let g = generate("odd-keys", &[("odd-keys.json", serde_json::to_vec(&doc).unwrap())], secs(20)).unwrap();
    let m = models(&g);
    for key in ["ключ", "名前", "🦀", "tab\\there", "\\u{1}ctl", "a\\\"quote"] {
        assert!(m.contains(key), "the JSON name {key:?} is kept as a serde rename:\n{m}");
    }
}

#[test]
fn duplicate_keys_take_the_last_value_in_json_and_are_an_error_in_yaml() {
    let json_text = r#"{"openapi": "3.0.3", "info": {"title": "Dup", "version": "1"},
        "paths": {"/a": {"get": {"operationId": "first", "responses": {"204": {"description": "x"}}}},
                  "/a": {"get": {"operationId": "second", "responses": {"204": {"description": "x"}}}}}}"#;
    let g = generate("dup-json", &[("dup.json", json_text.as_bytes().to_vec())], secs(10)).unwrap();
    assert_eq!(g.api.operations.len(), 1);
    assert_eq!(g.api.operations[0].id, "second", "the last of two equal keys wins, as in JavaScript");

    let yaml_text = "openapi: 3.0.3\ninfo:\n  title: Dup\n  version: '1'\npaths:\n  /a:\n    get:\n      responses:\n        '204':\n          description: x\n  /a:\n    get:\n      responses:\n        '204':\n          description: y\n";
    let err = generate("dup-yaml", &[("dup.yaml", yaml_text.as_bytes().to_vec())], secs(10)).unwrap_err().to_string();
    assert!(err.contains("dup.yaml") && err.contains("duplicate"), "{err}");
}

#[test]
fn a_postman_collection_with_folders_nested_100_deep_is_read() {
    let mut item = json!({"name": "leaf request", "request": {"method": "GET", "url": "https://api.example.com/deep/:id"}});
    for i in (0..100).rev() {
        item = json!({"name": format!("folder {i}"), "item": [item]});
    }
    let doc = json!({
        "info": {"name": "Deep", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [item],
    });
    let g = generate("deep-folders", &[("deep-folders.json", serde_json::to_vec(&doc).unwrap())], secs(20)).unwrap();
    assert_eq!(g.api.operations.len(), 1);
}

#[test]
fn an_empty_file_is_an_error() {
    for (file, bytes) in [("empty.json", &b""[..]), ("blank.yaml", &b" \n\t\n"[..]), ("bom.json", &b"\xef\xbb\xbf"[..]), ("nul.yaml", &b"---\n...\n"[..])] {
        let err = generate(file, &[(file, bytes.to_vec())], secs(5)).unwrap_err().to_string();
        assert!(err.contains(file), "{err}");
        assert!(err.contains("empty") || err.contains("no YAML or JSON document"), "{file}: {err}");
    }
}

#[test]
fn a_binary_file_is_an_error() {
    // Bytes that are not UTF-8, and bytes that are UTF-8 but no text (NULs, controls).
    let mut noise: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    noise[0] = 0x89;
    let controls: Vec<u8> = (0..4096u32).map(|i| (i % 32) as u8).collect();
    for (file, bytes) in [("image.png", noise), ("controls.bin", controls), ("gzip.gz", vec![0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0])] {
        let err = generate(file, &[(file, bytes)], secs(5)).unwrap_err().to_string();
        assert!(err.contains(file), "{err}");
    }
}

/// Every input under `fixtures/regressions/` (crashes the fuzzers or the property tests found,
/// minimized) goes through detection, every reader whatever its format, and the pipeline.
#[test]
fn every_regression_input_ends_in_a_result_or_a_clear_error() {
    use codegen::diag::Diagnostics;
    use codegen::model::Format;
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_none_or(|e| e != "md")).collect();
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let start = Instant::now();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            if let Ok(doc) = codegen::read::parse_document(&name, text) {
                let _ = codegen::read::detect::detect(&doc);
                let _ = codegen::read::postman::read(&doc, Format::Postman21, &mut Diagnostics::default());
                let _ = codegen::read::swagger2::read(&doc, &mut Diagnostics::default());
                let _ = codegen::read::openapi::read(&doc, Format::OpenApi30, &mut Diagnostics::default());
                let _ = codegen::read::openapi::read(&doc, Format::OpenApi31, &mut Diagnostics::default());
            }
        }
        assert!(start.elapsed() < secs(10), "{name}: the readers took {:?}", start.elapsed());
        if let Err(e) = generate(&name, &[(&name, bytes)], secs(20)) {
            assert!(e.to_string().contains(&name), "{name}: an error that does not name the file: {e}");
        }
    }
}
