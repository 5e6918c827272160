//! Request fields the documents allow but the request examples do not show, so that a client
//! can send every documented field, not only those one example happened to carry.
//!
//! Read in order of strength, each recorded with its pointer:
//! - prose that points at another operation's body: "You may send any or all of the fields
//!   documented under the Get Clients List API, unless they are read-only or an ID field";
//! - prose that names a parameter of this body: "The parameter **create_hook** is optional and
//!   defaults to the empty string";
//! - prose that requires a field: "you must include the "id" sub-field of settings";
//! - the API's structure: an update of an item (PUT/PATCH `/users/{id}`) accepts the fields the
//!   create (POST `/users`) sends.
//!
//! Every added field is optional: the evidence says what may be sent, never what must.

use super::bodies::Plan;
use super::group::Group;
use crate::infer::prose::{self, ProseField};
use crate::infer::shape::{FieldShape, Name};
use crate::infer::{Root, Shape};
use crate::model::{Decision, DecisionKind, Method, Origin, Segment};
use crate::text::strip_tags;
use serde_json::Value;

pub fn complete(groups: &[Group<'_>], plans: &[Plan], roots: &mut [Root], decisions: &mut Vec<Decision>) {
    for (i, g) in groups.iter().enumerate() {
        let Some(root) = plans[i].request_root() else { continue };
        if roots[root].shape.object.is_none() {
            continue;
        }
        let subject = format!("{} {}", g.method.as_str(), g.path.to_openapi());
        let mut required = Vec::new();
        for m in &g.members {
            let Some(text) = m.description.as_deref() else { continue };
            let origin = m.origin.child("description");
            if let Some(found) = fields_documented_under(text) {
                from_other_operation(&found, groups, plans, roots, root, &subject, &origin, decisions);
            }
            for (field, default) in named_parameters(text) {
                add_prose_parameter(&mut roots[root].shape, &field, default, &subject, &origin, decisions);
            }
            required.extend(required_fields(text).into_iter().map(|path| (path, origin.clone())));
        }
        if matches!(g.method, Method::Put | Method::Patch) {
            from_create(g, groups, plans, roots, root, &subject, decisions);
        }
        // Last: a required field is present in every observation of its object, those the
        // additions above made too.
        for (path, origin) in required {
            require(&mut roots[root].shape, &path, &subject, &origin, decisions);
        }
    }
}

/// The object the documented fields go into: the body itself, or the one object it wraps
/// (`{"company": {...}}`, `{"user_access": {...}}`).
fn target(shape: &mut Shape) -> &mut Shape {
    let wraps = shape.object.as_ref().is_some_and(|o| o.fields.len() == 1 && o.fields.values().all(|f| f.shape.object.is_some()));
    if !wraps {
        return shape;
    }
    match shape.object.as_mut().and_then(|o| o.fields.iter_mut().next().map(|(_, f)| f)) {
        Some(field) => &mut field.shape,
        None => unreachable!("`wraps` saw one object field"),
    }
}

/// What "any or all of the fields documented under X" says: the operation's name and whether
/// read-only and ID fields are left out.
pub struct Documented {
    pub operation: String,
    pub skip_read_only: bool,
    pub skip_ids: bool,
}

pub fn fields_documented_under(text: &str) -> Option<Documented> {
    let plain = strip_tags(text);
    let lower = plain.to_ascii_lowercase();
    let at = ["fields documented under", "fields documented for", "parameters documented for", "parameters documented under", "attributes documented under", "attributes documented for"]
        .iter()
        .find_map(|p| lower.find(p).map(|i| i + p.len()))?;
    let rest = plain[at..].trim_start();
    let rest = rest.strip_prefix("the ").or_else(|| rest.strip_prefix("The ")).unwrap_or(rest);
    let end = rest.find(" API").or_else(|| rest.find(" endpoint")).or_else(|| rest.find(['.', ',']))?;
    let operation = rest[..end].trim().trim_matches(['"', '*', '`']).to_string();
    let sentence_end = lower[at..].find('.').map_or(lower.len(), |e| at + e);
    let sentence = &lower[at..sentence_end];
    (!operation.is_empty()).then(|| Documented {
        operation,
        // A field documented as read-only is never writable, whether or not the sentence
        // says so again.
        skip_read_only: true,
        skip_ids: sentence.contains("id field") || sentence.contains("ids"),
    })
}

#[allow(clippy::too_many_arguments)]
fn from_other_operation(
    found: &Documented,
    groups: &[Group<'_>],
    plans: &[Plan],
    roots: &mut [Root],
    root: usize,
    subject: &str,
    origin: &Origin,
    decisions: &mut Vec<Decision>,
) {
    let Some(j) = groups.iter().position(|g| g.members.iter().any(|m| m.name.as_deref().is_some_and(|n| n.trim().eq_ignore_ascii_case(&found.operation)))) else {
        return;
    };
    let Some(source) = plans[j].success_root() else { return };
    let shape = &roots[source].shape;
    // A list documents its items (a bare array or an envelope's one list); else the object.
    let item = match super::structure::list_items(shape) {
        Some(items) => items.clone(),
        None if shape.object.is_some() && shape.array.is_none() => shape.clone(),
        None => return,
    };
    let documented: Vec<ProseField> = groups[j].members.iter().filter_map(|m| m.description.as_deref()).flat_map(prose::extract).collect();
    let mut item = item;
    let mut left_out = Vec::new();
    drop_fields(&mut item, "", &mut |path, name| {
        let read_only = found.skip_read_only
            && documented.iter().any(|p| p.path == path && p.doc.as_deref().is_some_and(|d| d.to_ascii_lowercase().contains("read-only")));
        let id = found.skip_ids && (name == "id" || name.ends_with("_id"));
        if read_only || id {
            left_out.push(path.to_string());
        }
        read_only || id
    });
    loosen(&mut item);
    let added = merge_into(target(&mut roots[root].shape), &item);
    if added.is_empty() {
        return;
    }
    let mut detail = format!("the description allows the fields documented under `{}`; added: {}", found.operation, list(&added));
    if !left_out.is_empty() {
        detail.push_str(&format!("; left out as read-only or ID fields: {}", list(&left_out)));
    }
    let mut evidence = vec![origin.clone()];
    evidence.extend(roots[source].shape.origins.iter().take(1).cloned());
    decisions.push(Decision { kind: DecisionKind::Optional, subject: subject.to_string(), detail, evidence });
}

fn list(names: &[String]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Removes, at any depth, the fields `drop(path, name)` says to.
fn drop_fields(shape: &mut Shape, prefix: &str, drop: &mut dyn FnMut(&str, &str) -> bool) {
    let Some(object) = shape.object.as_mut() else { return };
    object.fields.retain(|name, _| {
        let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        !drop(&path, name)
    });
    object.declared_order.retain(|n| object.fields.contains_key(n.as_str()));
    for (name, field) in object.fields.iter_mut() {
        let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        drop_fields(&mut field.shape, &path, drop);
    }
}

/// Every field of every object optional: evidence of what may be sent or returned.
pub(super) fn loosen(shape: &mut Shape) {
    if let Some(object) = shape.object.as_mut() {
        object.count += 1;
        for (_, field) in object.fields.iter_mut() {
            field.declared_required = false;
            loosen(&mut field.shape);
        }
    }
    if let Some(array) = shape.array.as_mut() {
        loosen(&mut array.item);
    }
}

/// Unions `extra` into `into`, returning the paths of the fields it adds.
fn merge_into(into: &mut Shape, extra: &Shape) -> Vec<String> {
    let mut added = Vec::new();
    collect_new(into, extra, "", &mut added);
    // The union keeps `into`'s required fields required: only `declared_required` decides that
    // for requests, and `extra` has none.
    into.union(extra);
    added
}

fn collect_new(into: &Shape, extra: &Shape, prefix: &str, added: &mut Vec<String>) {
    let (Some(a), Some(b)) = (&into.object, &extra.object) else { return };
    for (name, field) in &b.fields {
        let path = if prefix.is_empty() { name.to_string() } else { format!("{prefix}.{name}") };
        match a.fields.get(name.as_str()) {
            None => added.push(path),
            Some(existing) => collect_new(&existing.shape, &field.shape, &path, added),
        }
    }
}

/// "The parameter **create_hook** is optional and defaults to the empty string", "The
/// **title** parameter will be used as…": the names, with what the default shows of the type.
pub fn named_parameters(text: &str) -> Vec<(String, Option<Value>)> {
    let plain = strip_tags(&text.replace("<strong>", "**").replace("</strong>", "**").replace("<b>", "**").replace("</b>", "**").replace("</p>", "\n"));
    let mut out: Vec<(String, Option<Value>)> = Vec::new();
    for sentence in plain.split(['.', '\n']) {
        let s = sentence.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '*').trim();
        let name = if let Some(rest) = s.strip_prefix("The parameter **") {
            rest.split("**").next()
        } else if let Some(rest) = s.strip_prefix("The **") {
            rest.split_once("** parameter").map(|(n, _)| n)
        } else {
            None
        };
        let Some(name) = name.filter(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_')) else { continue };
        let lower = s.to_ascii_lowercase();
        let default = if lower.contains("defaults to false") || lower.contains("defaults to true") {
            Some(Value::Bool(false))
        } else if lower.contains("empty string") || lower.contains("this string") || lower.contains("url") {
            Some(Value::String(String::new()))
        } else {
            None
        };
        if !out.iter().any(|(n, _)| n == name) {
            out.push((name.to_string(), default));
        }
    }
    out
}

fn add_prose_parameter(shape: &mut Shape, name: &str, default: Option<Value>, subject: &str, origin: &Origin, decisions: &mut Vec<Decision>) {
    let body = target(shape);
    let Some(object) = body.object.as_mut() else { return };
    if object.fields.contains_key(name) {
        return;
    }
    let mut field = FieldShape::default();
    let kind = match &default {
        Some(v) => {
            field.shape.observe(v, origin);
            if v.is_boolean() {
                "a boolean"
            } else {
                "a string"
            }
        }
        None => {
            // The prose names the field but not its type: any JSON value.
            field.shape.any = true;
            "any JSON"
        }
    };
    object.fields.insert(Name::key(name), field);
    decisions.push(Decision {
        kind: DecisionKind::Optional,
        subject: subject.to_string(),
        detail: format!("the description documents the optional parameter `{name}`, which no example sends; added as {kind}"),
        evidence: vec![origin.clone()],
    });
}

/// "you must include the "id" sub-field of "settings"": `settings.id`.
pub fn required_fields(text: &str) -> Vec<String> {
    let plain = strip_tags(text).replace(['"', '*', '`', '\u{201c}', '\u{201d}'], "");
    let lower = plain.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = lower[from..].find("must include the ") {
        let rest = &plain[from + i + "must include the ".len()..];
        from += i + 1;
        let words: Vec<&str> = rest.split_whitespace().take(4).collect();
        if let [field, "sub-field" | "subfield" | "field", "of", parent, ..] = words[..] {
            let parent = parent.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
            let field = field.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
            out.push(format!("{parent}.{field}"));
        }
    }
    out
}

fn require(shape: &mut Shape, path: &str, subject: &str, origin: &Origin, decisions: &mut Vec<Decision>) {
    let mut at = target(shape);
    let segments: Vec<&str> = path.split('.').collect();
    for (k, seg) in segments.iter().enumerate() {
        let Some(object) = at.object.as_mut() else { return };
        let count = object.count;
        let Some(field) = object.fields.get_mut(*seg) else { return };
        if k + 1 == segments.len() {
            if !field.declared_required {
                // Required as a schema would say it: present wherever its object is.
                field.declared_required = true;
                field.present = count;
                decisions.push(Decision {
                    kind: DecisionKind::Optional,
                    subject: format!("{subject} request `{path}`"),
                    detail: "required where its parent is sent: the description says it must be included".into(),
                    evidence: vec![origin.clone()],
                });
            }
            return;
        }
        at = &mut field.shape;
    }
}

/// An update of an item accepts what the create of its collection sends.
fn from_create(g: &Group<'_>, groups: &[Group<'_>], plans: &[Plan], roots: &mut [Root], root: usize, subject: &str, decisions: &mut Vec<Decision>) {
    let segs = &g.path.segments;
    if !matches!(segs.last(), Some(Segment::Param(_))) {
        return;
    }
    let collection = crate::model::PathTemplate { segments: segs[..segs.len() - 1].to_vec() }.shape_key();
    let Some(j) = groups.iter().position(|c| c.method == Method::Post && c.path.shape_key() == collection) else { return };
    let Some(create) = plans[j].request_root() else { return };
    let mut extra = roots[create].shape.clone();
    loosen(&mut extra);
    let added = merge_into(&mut roots[root].shape, &extra);
    if added.is_empty() {
        return;
    }
    decisions.push(Decision {
        kind: DecisionKind::Optional,
        subject: subject.to_string(),
        detail: format!("an update accepts what POST {} sends; added: {}", groups[j].path.to_openapi(), list(&added)),
        evidence: extra.origins.iter().take(1).cloned().collect(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_under_names_the_operation_and_its_exclusions() {
        let d = fields_documented_under("<p>You may send any or all of the fields documented under the Get Clients List API, unless they are read-only or an ID field.</p>").unwrap();
        assert_eq!(d.operation, "Get Clients List");
        assert!(d.skip_read_only && d.skip_ids);
        let d = fields_documented_under("You may include any or all of the parameters documented for the List Widgets API, including settings.").unwrap();
        assert_eq!(d.operation, "List Widgets");
        assert!(d.skip_read_only && !d.skip_ids);
        assert!(fields_documented_under("Returns the fields of a widget.").is_none());
    }

    #[test]
    fn named_parameters_carry_their_default_kind() {
        let text = "<p>The parameter <strong>notify</strong> is optional and defaults to false.</p><p>The parameter <strong>callback</strong> is optional and defaults to the empty string.</p><p>One other API accepts a <strong>uid</strong> parameter.</p>";
        assert_eq!(named_parameters(text), vec![("notify".to_string(), Some(Value::Bool(false))), ("callback".to_string(), Some(Value::String(String::new())))]);
    }

    #[test]
    fn required_sub_fields_are_read() {
        assert_eq!(required_fields("if you include \"settings\" you must include the \"id\" sub-field of settings with the same value"), vec!["settings.id"]);
        assert!(required_fields("you must include a valid token").is_empty());
    }
}
