//! A compact, reviewable listing of the types the generator chose: one line per field, with
//! its Rust type, optional/nullable markers and aliases. Snapshot tests compare it.

use crate::model::{Api, Ty, TypeKind, Types};

pub fn ty_text(types: &Types, ty: &Ty) -> String {
    match ty {
        Ty::Bool => "bool".into(),
        Ty::Integer => "i64".into(),
        Ty::Float => "f64".into(),
        Ty::String => "String".into(),
        Ty::DateTime => "Timestamp".into(),
        Ty::Duration => "TimeSpan".into(),
        Ty::Json => "Value".into(),
        Ty::List(t) => format!("Vec<{}>", ty_text(types, t)),
        Ty::Map(t) => format!("Map<String, {}>", ty_text(types, t)),
        Ty::Named(id) => types.get(*id).name.clone(),
    }
}

/// The start of a doc, so snapshots show which docs came from where without whole paragraphs.
fn doc_excerpt(doc: Option<&str>) -> String {
    let Some(first) = doc.and_then(|d| d.lines().map(str::trim).find(|l| !l.is_empty())) else { return String::new() };
    let short: String = first.chars().take(60).collect();
    let more = if first.chars().count() > 60 { "…" } else { "" };
    format!("  // {short}{more}")
}

pub fn types_summary(api: &Api) -> String {
    let mut out = String::new();
    for def in &api.types.defs {
        match &def.kind {
            TypeKind::Struct(fields) => {
                out.push_str(&format!("struct {}\n", def.name));
                for f in fields {
                    let mut marks = Vec::new();
                    if f.optional {
                        marks.push("optional".to_string());
                    }
                    if f.nullable {
                        marks.push("nullable".to_string());
                    }
                    if !f.aliases.is_empty() {
                        marks.push(format!("alias {}", f.aliases.join(", ")));
                    }
                    if f.lenient {
                        marks.push("accepts strings".to_string());
                    }
                    let marks = if marks.is_empty() { String::new() } else { format!("  [{}]", marks.join("; ")) };
                    let rust = f.rust_name.as_ref().map(|r| format!(" (as `{r}`)")).unwrap_or_default();
                    out.push_str(&format!("  {}{rust}: {}{}{}\n", f.name, ty_text(&api.types, &f.ty), marks, doc_excerpt(f.docs.as_deref())));
                }
            }
            TypeKind::Enum { values, open } => {
                let values: Vec<String> = values.iter().map(|v| v.value.to_string()).collect();
                out.push_str(&format!("enum {} ({}): {}\n", def.name, if *open { "open" } else { "closed" }, values.join(" | ")));
            }
            TypeKind::Union(variants) => {
                let vs: Vec<String> = variants.iter().map(|v| format!("{}({})", v.name, ty_text(&api.types, &v.ty))).collect();
                out.push_str(&format!("union {}: {}\n", def.name, vs.join(" | ")));
            }
        }
    }
    out.push_str("\noperations\n");
    for op in &api.operations {
        let req = op.request.as_ref().map(|r| match &r.ty {
            Some(t) => format!(" body {} ({})", ty_text(&api.types, t), r.content_type),
            None => format!(" body ({})", r.content_type),
        });
        out.push_str(&format!("  {} {} {}{}\n", op.id, op.method.as_str(), op.path.to_openapi(), req.unwrap_or_default()));
        for r in &op.responses {
            let status = r.status.map_or("default".to_string(), |s| s.to_string());
            let ty = r.ty.as_ref().map_or_else(|| format!("{:?}", r.kind), |t| ty_text(&api.types, t));
            out.push_str(&format!("    {status} -> {ty}\n"));
        }
    }
    out
}
