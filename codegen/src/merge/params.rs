//! Parameters: the union of every source's parameters of one operation.
//!
//! Path parameters are matched by position and named as the top source names them; query,
//! header and cookie parameters by location and name. Postman gives every value as a string,
//! so example values that all read as integers or booleans make an integer or boolean.

use super::group::Group;
use crate::infer::time_text::{looks_like_datetime, looks_like_timespan};
use crate::overrides::{named_ty, Lookup};
use crate::model::{Decision, DecisionKind, OpParam, Param, ParamLocation, SchemaKind, Ty};

pub fn merge_params(g: &Group<'_>, overrides: &Lookup<'_>, decisions: &mut Vec<Decision>) -> Vec<OpParam> {
    let mut out: Vec<(OpParam, Vec<&Param>)> = Vec::new();
    let top_path_names: Vec<&str> = g.path.params().collect();
    for (pos, name) in top_path_names.iter().enumerate() {
        let mut evidence = Vec::new();
        for m in &g.members {
            let Some(member_name) = m.path.params().nth(pos) else { continue };
            evidence.extend(m.params.iter().filter(|p| p.location == ParamLocation::Path && p.name == member_name));
        }
        let docs = evidence.iter().find_map(|p| p.description.clone());
        out.push((OpParam { name: name.to_string(), location: ParamLocation::Path, required: true, ty: Ty::String, docs }, evidence));
    }
    for (rank, m) in g.members.iter().enumerate() {
        for p in &m.params {
            if p.location == ParamLocation::Path || p.name.is_empty() {
                continue;
            }
            match out.iter_mut().find(|(o, _)| o.location == p.location && o.name == p.name) {
                Some((o, evidence)) => {
                    evidence.push(p);
                    if o.docs.is_none() {
                        o.docs = p.description.clone();
                    }
                }
                None => out.push((
                    OpParam {
                        name: p.name.clone(),
                        location: p.location,
                        // Only the top source may make a parameter required.
                        required: rank == 0 && p.required && !p.disabled,
                        ty: Ty::String,
                        docs: p.description.clone(),
                    },
                    vec![p],
                )),
            }
        }
    }
    let route = format!("{} {}", g.method.as_str(), g.path.to_openapi());
    out.into_iter()
        .map(|(mut o, evidence)| {
            o.ty = param_ty(&evidence);
            let subject = format!("{route} {}", o.name);
            let origins = evidence.iter().take(1).map(|p| p.origin.clone()).collect();
            if let Some(t) = overrides.param(&subject) {
                o.ty = named_ty(t).unwrap_or(Ty::String);
                decisions.push(Decision { kind: DecisionKind::Override, subject, detail: format!("typed `{t}` by the manifest"), evidence: origins });
            } else if let Some((what, rust)) = time_type(&o.ty) {
                let detail = format!("every example value is {what}: `impl Into<{rust}>` (`[overrides.params] \"{subject}\" = \"string\"` makes it `&str`)");
                decisions.push(Decision { kind: DecisionKind::Time, subject, detail, evidence: origins });
            }
            o
        })
        .collect()
}

fn time_type(ty: &Ty) -> Option<(&'static str, &'static str)> {
    match ty {
        Ty::DateTime => Some(("a timestamp", "Timestamp")),
        Ty::Duration => Some(("a length of time", "TimeSpan")),
        _ => None,
    }
}

/// A value that stands for "fill me in", not an example of the type.
fn is_placeholder(s: &str) -> bool {
    s.is_empty() || s.contains("{{") || (s.starts_with('[') && s.ends_with(']')) || s.contains('/') && s.contains("true")
}

pub fn param_ty(evidence: &[&Param]) -> Ty {
    for p in evidence {
        if let Some(schema) = &p.schema {
            match &schema.kind {
                SchemaKind::Integer => return Ty::Integer,
                SchemaKind::Number => return Ty::Float,
                SchemaKind::Boolean => return Ty::Bool,
                SchemaKind::String => match schema.format.as_deref() {
                    Some("date-time" | "date") => return Ty::DateTime,
                    Some("duration") => return Ty::Duration,
                    // A string with no format may still be a time, as its examples tell.
                    None => return text_ty(&example_values(evidence)),
                    Some(_) => return Ty::String,
                },
                SchemaKind::Array(item) => {
                    let item = match item.kind {
                        SchemaKind::Integer => Ty::Integer,
                        SchemaKind::Number => Ty::Float,
                        SchemaKind::Boolean => Ty::Bool,
                        _ => Ty::String,
                    };
                    return Ty::List(Box::new(item));
                }
                _ => {}
            }
        }
    }
    let values = example_values(evidence);
    if values.is_empty() {
        return Ty::String;
    }
    if values.iter().all(|v| v.parse::<i64>().is_ok() && !(v.len() > 1 && v.starts_with('0'))) {
        return Ty::Integer;
    }
    if values.iter().all(|v| v == "true" || v == "false") {
        return Ty::Bool;
    }
    text_ty(&values)
}

/// The example values that are values, not placeholders, as text.
fn example_values(evidence: &[&Param]) -> Vec<String> {
    evidence
        .iter()
        .flat_map(|p| p.examples.iter())
        .map(|v| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .filter(|s| !is_placeholder(s))
        .collect()
}

/// Text that is a time in every example (and there is one) is a timestamp or a length of
/// time; anything else stays a string.
fn text_ty(values: &[String]) -> Ty {
    if !values.is_empty() && values.iter().all(|v| looks_like_datetime(v)) {
        Ty::DateTime
    } else if !values.is_empty() && values.iter().all(|v| looks_like_timespan(v)) {
        Ty::Duration
    } else {
        Ty::String
    }
}
