//! Request bodies (`request.body`) and saved responses (`item.response[]`).
//!
//! What a body is comes from its declared content type first, then from Postman's own hints, and
//! only then from its content: `_postman_previewlanguage` is not trusted (002 #22 is JSON marked
//! `plain`).

use super::{description_of, is_placeholder, str_of, Cx};
use crate::model::{Body, BodyKind, Example, ExampleBody, FormField, Origin, Response};
use serde_json::{Map, Value};

/// The media type without parameters, lower-cased: `application/json; charset=utf-8` gives
/// `application/json`.
pub(super) fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

pub(super) fn is_json_media(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media.ends_with("/json") || media.contains("json")
}

fn is_text_media(media: &str) -> bool {
    media.starts_with("text/")
        || media.contains("xml")
        || media.contains("javascript")
        || media.contains("html")
        || media == "application/x-www-form-urlencoded"
}

/// Reads `request.body`. `content_type` is the request's `Content-Type` header, if any.
pub(super) fn request_body(cx: &mut Cx<'_>, body: &Value, origin: &Origin, content_type: Option<&str>) -> Option<Body> {
    let obj = match body {
        Value::Object(obj) => obj,
        Value::Null => return None,
        _ => {
            cx.warn(origin, "the request body is not an object; it is ignored");
            return None;
        }
    };
    if obj.get("disabled").and_then(Value::as_bool) == Some(true) {
        return None;
    }
    let header_media = content_type.map(media_type).filter(|m| !m.is_empty() && !is_placeholder(m));
    let mode = obj.get("mode").and_then(Value::as_str).unwrap_or("");
    match mode {
        "raw" => raw_body(cx, obj, origin, header_media),
        "urlencoded" => form_body(cx, obj, "urlencoded", origin, header_media),
        "formdata" => form_body(cx, obj, "formdata", origin, header_media),
        "file" => Some(Body {
            content_type: header_media.unwrap_or_else(|| "application/octet-stream".into()),
            kind: BodyKind::Binary,
            schema: None,
            examples: Vec::new(),
            form_fields: Vec::new(),
            description: None,
            origin: origin.clone(),
        }),
        "graphql" => graphql_body(cx, obj, origin),
        "" | "none" => None,
        other => {
            cx.warn(&origin.child("mode"), format!("unknown body mode `{other}`; the body is ignored"));
            None
        }
    }
}

fn raw_body(cx: &mut Cx<'_>, obj: &Map<String, Value>, origin: &Origin, header_media: Option<String>) -> Option<Body> {
    let raw = obj.get("raw").and_then(Value::as_str).unwrap_or("");
    if raw.trim().is_empty() {
        return None;
    }
    let language = obj
        .get("options")
        .and_then(|o| o.get("raw"))
        .and_then(|r| r.get("language"))
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase);
    let raw_origin = origin.child("raw");
    // Decide whether the body claims to be JSON: header first, then Postman's language option.
    let (media, claims_json) = match (&header_media, language.as_deref()) {
        (Some(media), _) => (media.clone(), is_json_media(media)),
        (None, Some("json")) => ("application/json".to_string(), true),
        (None, Some("xml")) => ("application/xml".to_string(), false),
        (None, Some("html")) => ("text/html".to_string(), false),
        (None, Some("javascript")) => ("application/javascript".to_string(), false),
        (None, _) => match serde_json::from_str::<Value>(raw) {
            Ok(_) => ("application/json".to_string(), true),
            Err(_) => ("text/plain".to_string(), false),
        },
    };
    let (kind, example) = if claims_json {
        let body = parse_json(cx, raw, &raw_origin, "the request body");
        (BodyKind::Json, body)
    } else {
        (BodyKind::Text, ExampleBody::Text(raw.to_string()))
    };
    Some(Body {
        content_type: media,
        kind,
        schema: None,
        examples: vec![Example { name: None, body: example, origin: raw_origin }],
        form_fields: Vec::new(),
        description: None,
        origin: origin.clone(),
    })
}

/// Parses a body that claims to be JSON; one that does not parse is kept as
/// [`ExampleBody::InvalidJson`] and reported.
fn parse_json(cx: &mut Cx<'_>, raw: &str, origin: &Origin, what: &str) -> ExampleBody {
    match serde_json::from_str::<Value>(raw) {
        Ok(value) => ExampleBody::Json(value),
        Err(err) => {
            if let Some((value, fixes)) = crate::read::repair::repair_json(raw) {
                cx.warn(origin, format!("{what} is not valid JSON, but nearly: repaired ({}) and used as an example", fixes.join("; ")));
                return ExampleBody::Json(value);
            }
            let hint = if raw.contains("{{") { " (it contains Postman variables outside strings?)" } else { "" };
            // serde_json counts lines inside the body; say so, the diagnostic's line is the file's.
            let full = err.to_string();
            let message = full.split(" at line ").next().unwrap_or(&full);
            cx.warn(
                origin,
                format!(
                    "{what} is not valid JSON ({message} at line {} column {} of the body){hint}; it is kept out of type inference",
                    err.line(),
                    err.column()
                ),
            );
            ExampleBody::InvalidJson { raw: raw.to_string(), error: err.to_string() }
        }
    }
}

fn form_body(
    cx: &mut Cx<'_>,
    obj: &Map<String, Value>,
    mode: &str,
    origin: &Origin,
    header_media: Option<String>,
) -> Option<Body> {
    let entries = obj.get(mode).and_then(Value::as_array)?;
    let list_origin = origin.child(mode);
    let mut fields: Vec<FormField> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let entry_origin = list_origin.child(i);
        let Some(key) = str_of(entry.get("key")).map(|k| k.trim().to_string()).filter(|k| !k.is_empty()) else {
            cx.warn(&entry_origin, "a form field has no name; it is skipped");
            continue;
        };
        let is_file = mode == "formdata" && entry.get("type").and_then(Value::as_str) == Some("file");
        let disabled = entry.get("disabled").and_then(Value::as_bool) == Some(true);
        // A file part's `src` is a path on the author's machine, not an example value.
        let example = if is_file {
            None
        } else {
            str_of(entry.get("value")).filter(|v| !v.is_empty() && !is_placeholder(v)).map(Value::String)
        };
        if fields.iter().any(|f| f.name == key) {
            // Repeated keys are how forms send lists; one field is enough for the shape.
            continue;
        }
        fields.push(FormField {
            name: key,
            is_file,
            required: !disabled,
            schema: None,
            description: description_of(entry.get("description")),
            example,
        });
    }
    if fields.is_empty() {
        return None;
    }
    let kind = if fields.iter().any(|f| f.is_file) { BodyKind::Multipart } else { BodyKind::Form };
    let content_type = match (kind, header_media) {
        (BodyKind::Multipart, Some(media)) if media.starts_with("multipart/") => media,
        (BodyKind::Form, Some(media))
            if media == "application/x-www-form-urlencoded" || media.starts_with("multipart/") =>
        {
            media
        }
        (BodyKind::Multipart, _) => "multipart/form-data".to_string(),
        _ => "application/x-www-form-urlencoded".to_string(),
    };
    Some(Body {
        content_type,
        kind,
        schema: None,
        examples: Vec::new(),
        form_fields: fields,
        description: None,
        origin: origin.clone(),
    })
}

/// A GraphQL body is sent as JSON `{query, variables}`.
fn graphql_body(cx: &mut Cx<'_>, obj: &Map<String, Value>, origin: &Origin) -> Option<Body> {
    let graphql = obj.get("graphql")?;
    let query = graphql.get("query").and_then(Value::as_str).unwrap_or("");
    if query.trim().is_empty() {
        return None;
    }
    let variables = match graphql.get("variables") {
        Some(Value::String(s)) if !s.trim().is_empty() => match serde_json::from_str::<Value>(s) {
            Ok(v) => v,
            Err(err) => {
                cx.warn(
                    &origin.child("graphql").child("variables"),
                    format!("GraphQL variables are not valid JSON: {err}"),
                );
                Value::Null
            }
        },
        Some(v @ Value::Object(_)) => v.clone(),
        _ => Value::Null,
    };
    let mut example = Map::new();
    example.insert("query".into(), Value::String(query.to_string()));
    example.insert("variables".into(), variables);
    Some(Body {
        content_type: "application/json".into(),
        kind: BodyKind::Json,
        schema: None,
        examples: vec![Example {
            name: None,
            body: ExampleBody::Json(Value::Object(example)),
            origin: origin.child("graphql"),
        }],
        form_fields: Vec::new(),
        description: None,
        origin: origin.clone(),
    })
}

/// Reads one saved example (`item.response[i]`) into a [`Response`].
pub(super) fn response(cx: &mut Cx<'_>, resp: &Map<String, Value>, origin: &Origin) -> Response {
    let status = match resp.get("code") {
        Some(Value::Number(n)) => n.as_u64().and_then(|c| u16::try_from(c).ok()),
        Some(Value::String(s)) => s.trim().parse::<u16>().ok(),
        _ => None,
    };
    let name = resp.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
    let status_text = resp.get("status").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty());
    let description = name.clone().or_else(|| status_text.map(str::to_string));

    let headers = header_pairs(resp.get("header"));
    let mut header_names: Vec<String> = Vec::new();
    for (key, _) in &headers {
        if !header_names.iter().any(|h| h.eq_ignore_ascii_case(key)) {
            header_names.push(key.clone());
        }
    }
    let header_media = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| media_type(v))
        .filter(|m| !m.is_empty());

    let body_origin = origin.child("body");
    let text = resp.get("body").and_then(Value::as_str).unwrap_or("");
    let what = match &name {
        Some(n) => format!("the body of the saved example `{n}`"),
        None => "the body of a saved example".to_string(),
    };
    let (content_type, kind, example) = if text.trim().is_empty() {
        (header_media.unwrap_or_default(), BodyKind::Empty, None)
    } else {
        match header_media {
            Some(media) if is_json_media(&media) => {
                let example = parse_json(cx, text, &body_origin, &what);
                (media, BodyKind::Json, Some(example))
            }
            Some(media) if is_text_media(&media) => (media, BodyKind::Text, Some(ExampleBody::Text(text.to_string()))),
            Some(media) => (media, BodyKind::Binary, None),
            None => match serde_json::from_str::<Value>(text) {
                Ok(value) => ("application/json".to_string(), BodyKind::Json, Some(ExampleBody::Json(value))),
                Err(_) if text.trim_start().starts_with(['{', '[']) => {
                    // No header, but it is plainly meant as JSON: report it like a JSON body.
                    let example = parse_json(cx, text, &body_origin, &what);
                    ("application/json".to_string(), BodyKind::Json, Some(example))
                }
                Err(_) => ("text/plain".to_string(), BodyKind::Text, Some(ExampleBody::Text(text.to_string()))),
            },
        }
    };
    let examples =
        example.map(|body| Example { name: name.clone(), body, origin: body_origin.clone() }).into_iter().collect();
    Response {
        status,
        description,
        media: Vec::new(),
        body: Some(Body {
            content_type,
            kind,
            schema: None,
            examples,
            form_fields: Vec::new(),
            description: None,
            origin: body_origin,
        }),
        headers: header_names,
        origin: origin.clone(),
    }
}

/// Header entries as `(key, value)`, enabled ones only. Postman writes them as an array of
/// `{key, value, disabled}` or, in v2.1, as one `Key: value` string per line.
pub(super) fn header_pairs(headers: Option<&Value>) -> Vec<(String, String)> {
    match headers {
        Some(Value::Array(list)) => list
            .iter()
            .filter(|h| h.get("disabled").and_then(Value::as_bool) != Some(true))
            .filter_map(|h| {
                let key = str_of(h.get("key"))?.trim().to_string();
                let value = str_of(h.get("value")).unwrap_or_default();
                (!key.is_empty()).then_some((key, value))
            })
            .collect(),
        Some(Value::String(text)) => text
            .lines()
            .filter_map(|line| {
                let (key, value) = line.split_once(':')?;
                let key = key.trim();
                (!key.is_empty()).then(|| (key.to_string(), value.trim().to_string()))
            })
            .collect(),
        _ => Vec::new(),
    }
}
