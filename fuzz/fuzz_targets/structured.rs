//! Structure-aware: the fuzzer's bytes choose a well-formed OpenAPI 3.0/3.1 document (schemas
//! that refer to each other, `allOf`/`oneOf`, nullable types, enums, odd names, examples that
//! agree or disagree with their schemas, parameters in every place), which then goes through
//! the whole pipeline. Byte mutations of the seeds rarely get past the parser this deep.
#![no_main]

use libfuzzer_sys::arbitrary::{Arbitrary, Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

const NAMES: &[&str] = &[
    "id", "name", "data", "items", "email", "status", "type", "self", "Self", "a@b.co", "123", "prospect-x", "prospect-y",
    "ключ", "\u{1}", "", "$ref", "content_filter_regex", "black_list_regex", "created_at", "value", "Value", "r#type", "3d",
    "super", "crate", "extra", "default", "Option", "a b", "a-b", "A_B", "ok",
];

fn name(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 8)? {
        String::arbitrary(u)
    } else {
        Ok(u.choose(NAMES)?.to_string())
    }
}

fn json(u: &mut Unstructured, depth: u32) -> Result<Value> {
    let max = if depth == 0 { 5 } else { 7 };
    Ok(match u.int_in_range(0..=max)? {
        0 => Value::Null,
        1 => Value::Bool(bool::arbitrary(u)?),
        2 => Value::from(i64::arbitrary(u)?),
        3 => serde_json::Number::from_f64(f64::arbitrary(u)?).map_or(Value::Null, Value::Number),
        4 => Value::String(u.choose(&["2020-01-01T00:00:00Z", "x", "", "never", "12"])?.to_string()),
        5 => Value::String(String::arbitrary(u)?),
        6 => Value::Array((0..u.int_in_range(0..=3)?).map(|_| json(u, depth - 1)).collect::<Result<_>>()?),
        _ => {
            let mut m = Map::new();
            for _ in 0..u.int_in_range(0..=4)? {
                m.insert(name(u)?, json(u, depth - 1)?);
            }
            Value::Object(m)
        }
    })
}

fn schema(u: &mut Unstructured, depth: u32, schemas: usize) -> Result<Value> {
    let max = if depth == 0 { 3 } else { 9 };
    let mut s = match u.int_in_range(0..=max)? {
        0 => json!({"$ref": format!("#/components/schemas/S{}", u.int_in_range(0..=schemas)?)}),
        1 | 2 => {
            let kind = *u.choose(&["string", "integer", "number", "boolean", "null"])?;
            let mut s = json!({"type": kind});
            if u.ratio(1, 4)? {
                s["format"] = json!(u.choose(&["date-time", "date", "int64", "email", "binary"])?);
            }
            if u.ratio(1, 4)? {
                s["enum"] = Value::Array((0..u.int_in_range(0..=3)?).map(|_| json(u, 0)).collect::<Result<_>>()?);
            }
            s
        }
        3 => json!({}),
        4 | 5 => {
            let mut props = Map::new();
            let mut required = Vec::new();
            for _ in 0..u.int_in_range(0..=4)? {
                let n = name(u)?;
                if u.ratio(1, 2)? {
                    required.push(Value::String(n.clone()));
                }
                props.insert(n, schema(u, depth - 1, schemas)?);
            }
            let mut s = json!({"type": "object", "properties": props, "required": required});
            if u.ratio(1, 4)? {
                s["additionalProperties"] = if u.ratio(1, 2)? { json!(bool::arbitrary(u)?) } else { schema(u, depth - 1, schemas)? };
            }
            s
        }
        6 => json!({"type": "array", "items": schema(u, depth - 1, schemas)?}),
        7 => json!({"allOf": (0..u.int_in_range(1..=3)?).map(|_| schema(u, depth - 1, schemas)).collect::<Result<Vec<_>>>()?}),
        8 => json!({"oneOf": (0..u.int_in_range(1..=3)?).map(|_| schema(u, depth - 1, schemas)).collect::<Result<Vec<_>>>()?}),
        _ => json!({"type": [*u.choose(&["string", "integer", "object", "array"])?, "null"], "items": {}}),
    };
    if let Value::Object(m) = &mut s {
        if u.ratio(1, 5)? {
            m.insert("nullable".into(), json!(true));
        }
        if u.ratio(1, 5)? {
            m.insert("example".into(), json(u, 2)?);
        }
        if u.ratio(1, 6)? {
            m.insert("description".into(), json!(u.choose(&["<p>An <b>HTML</b> text</p>", "Values: 1 = Active, 2 = Trialing", "```\ncode\n```", ""])?));
        }
    }
    Ok(s)
}

fn content(u: &mut Unstructured, schemas: usize) -> Result<Value> {
    let mut media = json!({"schema": schema(u, 3, schemas)?});
    match u.int_in_range(0..=2)? {
        0 => {}
        1 => media["example"] = json(u, 3)?,
        _ => {
            let mut examples = Map::new();
            for i in 0..u.int_in_range(1..=3)? {
                examples.insert(format!("e{i}"), json!({"value": json(u, 3)?}));
            }
            media["examples"] = Value::Object(examples);
        }
    }
    let media_type = *u.choose(&["application/json", "application/json", "multipart/form-data", "text/plain", "application/x-www-form-urlencoded"])?;
    Ok(json!({ media_type: media }))
}

fn document(u: &mut Unstructured) -> Result<Value> {
    let schemas = u.int_in_range(0..=4)?;
    let mut components = Map::new();
    for i in 0..schemas {
        components.insert(format!("S{i}"), schema(u, 3, schemas)?);
    }
    let mut paths = Map::new();
    for _ in 0..u.int_in_range(1..=4)? {
        let mut path = String::new();
        let mut params = Vec::new();
        for _ in 0..u.int_in_range(0..=3)? {
            if u.ratio(1, 3)? {
                let p = name(u)?;
                path.push_str(&format!("/{{{p}}}"));
                params.push(json!({"name": p, "in": "path", "required": true, "schema": schema(u, 1, schemas)?}));
            } else {
                path.push('/');
                path.push_str(u.choose(&["users", "v1", "plans", "42", "a.b", "ünï", "-"])?);
            }
        }
        if u.ratio(1, 2)? {
            let place = *u.choose(&["query", "header", "cookie"])?;
            params.push(json!({"name": name(u)?, "in": place, "required": bool::arbitrary(u)?, "schema": schema(u, 1, schemas)?}));
        }
        let mut op = json!({"parameters": params, "responses": {}});
        if u.ratio(1, 2)? {
            op["operationId"] = json!(name(u)?);
        }
        if u.ratio(1, 2)? {
            op["requestBody"] = json!({"required": bool::arbitrary(u)?, "content": content(u, schemas)?});
        }
        for _ in 0..u.int_in_range(0..=3)? {
            let status = *u.choose(&["200", "201", "204", "400", "404", "default", "2XX"])?;
            let mut response = json!({"description": "r"});
            if status != "204" && u.ratio(3, 4)? {
                response["content"] = content(u, schemas)?;
            }
            op["responses"][status] = response;
        }
        let method = *u.choose(&["get", "post", "put", "patch", "delete"])?;
        paths.entry(if path.is_empty() { "/".to_string() } else { path }).or_insert_with(|| json!({}))[method] = op;
    }
    let version = *u.choose(&["3.0.3", "3.1.0"])?;
    Ok(json!({
        "openapi": version,
        "info": {"title": name(u)?, "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": components},
    }))
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(doc) = document(&mut u) else { return };
    let text = doc.to_string();
    if std::env::var_os("FUZZ_PRINT").is_some() {
        // `FUZZ_PRINT=1 fuzz/fuzz.sh repro structured <artifact>`: the document, for a regression file.
        eprintln!("{text}");
    }
    let mut diags = codegen::diag::Diagnostics::default();
    let Ok(source) = codegen::read::read_source("structured.json", &text, &mut diags) else { return };
    let manifest = codegen::manifest::Manifest {
        package: codegen::manifest::Package { name: "fuzz-api".into(), version: "0.1.0".into(), title: None, description: None },
        ..Default::default()
    };
    let api = codegen::pipeline::build_api(&manifest, &[source], &mut diags);
    if diags.has_errors() {
        return;
    }
    let opts = codegen::emit::EmitOptions { command: "fuzz".into(), standalone: true, test_support: false };
    let _ = codegen::emit::emit_crate(&api, &diags.items, &opts);
});
