//! Format detection from content: the seeds all end in `.txt`, so names tell nothing.

use super::Document;
use crate::diag::Error;
use crate::model::Format;
use serde_json::Value;

pub fn detect(doc: &Document) -> Result<Format, Error> {
    let origin = doc.origin("");
    let Some(obj) = doc.value.as_object() else {
        return Err(Error::at(&origin, Some(1), "expected an object at the top level (an API document)"));
    };
    if let Some(v) = obj.get("openapi") {
        let version = version_string(v);
        return if version.starts_with("3.0") {
            Ok(Format::OpenApi30)
        } else if version.starts_with("3.") {
            // 3.1 and later minor versions share the JSON Schema dialect we handle.
            Ok(Format::OpenApi31)
        } else {
            Err(Error::at(&doc.origin("/openapi"), doc.line_of("/openapi"), format!("unsupported OpenAPI version {version:?}")))
        };
    }
    if let Some(v) = obj.get("swagger") {
        let version = version_string(v);
        return if version.starts_with("2.") {
            Ok(Format::Swagger2)
        } else {
            Err(Error::at(&doc.origin("/swagger"), doc.line_of("/swagger"), format!("unsupported Swagger version {version:?}")))
        };
    }
    let info = obj.get("info").and_then(Value::as_object);
    let schema = info.and_then(|i| i.get("schema")).and_then(Value::as_str).unwrap_or("");
    if schema.contains("collection/v2.1") {
        return Ok(Format::Postman21);
    }
    if schema.contains("collection/v2.0") {
        return Ok(Format::Postman20);
    }
    if info.is_some_and(|i| i.contains_key("_postman_id")) || obj.get("item").is_some_and(Value::is_array) {
        // A collection without a schema URL: v2.1 is what Postman exports today.
        return Ok(Format::Postman21);
    }
    if schema.contains("collection/v1") || obj.contains_key("requests") {
        return Err(Error::at(&origin, None, "Postman collection v1 is not supported: export it again as v2.1"));
    }
    Err(Error::at(
        &origin,
        Some(1),
        "unknown format: expected an OpenAPI 3.x document (`openapi`), Swagger 2.0 (`swagger`) or a Postman v2 collection (`info.schema`)",
    ))
}

fn version_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}
