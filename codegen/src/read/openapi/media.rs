//! A response documented under several media types has one body in the model. The JSON ones
//! (`application/json` beside `application/sarif+json` or a vendor `+json`) are unioned: one
//! body whose schema is any of theirs and which holds every example, so that its type takes
//! what either sends. Where their schemas differ, each is kept too (`Response::media`), so
//! that a success can get one type per media type, chosen by the response's `Content-Type`.
//! Other media types are left out, with a warning.

use super::Ctx;
use crate::model::{Body, BodyKind, Schema, SchemaKind};

/// The one body of a response, from the bodies of its media types, and the JSON bodies apart
/// where their schemas differ; `content` is the pointer of the response's `content`, for the
/// warnings.
pub(super) fn one_body(cx: &mut Ctx, mut found: Vec<Body>, content: &str) -> (Option<Body>, Vec<Body>) {
    let preferred = found.iter().position(|b| b.kind == BodyKind::Json).unwrap_or(0);
    if found.len() <= 1 {
        return (found.pop(), Vec::new());
    }
    let mut body = found.swap_remove(preferred);
    let (json, other): (Vec<Body>, Vec<Body>) = found.into_iter().partition(|b| b.kind == BodyKind::Json && body.kind == BodyKind::Json);
    // The same schema under two JSON media types (`application/json`, `text/json`) is one.
    let same = json.iter().all(|b| b.schema.as_ref().map(|s| &s.kind) == body.schema.as_ref().map(|s| &s.kind));
    let mut media = Vec::new();
    if same {
        json.into_iter().for_each(|b| body.examples.extend(b.examples));
    } else {
        let names: Vec<&str> = json.iter().map(|b| b.content_type.as_str()).collect();
        cx.warn(content, format!("`{}` and `{}` are both JSON with different schemas: a success gets a type for each, chosen by `Content-Type`; an error status one type that takes a body of either", body.content_type, names.join("`, `")));
        media.push(body.clone());
        media.extend(json.iter().cloned());
        let mut alternatives = Vec::new();
        let mut any = false;
        for b in std::iter::once(&body).chain(&json) {
            match &b.schema {
                Some(s) => alternatives.push(s.clone()),
                None => any = true,
            }
        }
        let origin = body.origin.clone();
        body.schema = (!any).then(|| Schema { kind: SchemaKind::OneOf(alternatives), origin, ..Schema::default() });
        for b in json {
            body.examples.extend(b.examples);
        }
    }
    if !other.is_empty() {
        let names: Vec<&str> = other.iter().map(|b| b.content_type.as_str()).collect();
        cx.warn(content, format!("a response has one body in the model; `{}` is kept, `{}` are not", body.content_type, names.join("`, `")));
    }
    (Some(body), media)
}
