//! A success documented as JSON under several media types whose schemas differ (GitHub's
//! `application/json` and `application/sarif+json` of one code-scanning analysis): each media
//! type's body is inferred on its own, and where their types differ the method returns an
//! enum with one variant per media type, which the client picks by the response's
//! `Content-Type` (`emit::media`). Its last variant, `Other`, takes any JSON, so a body under
//! a media type the documents do not list, or one that fits none of the types, is never lost.
//! Where the types are the same, or one takes every value of the others, there is one type.

use super::bodies::{evidence, record_uses};
use crate::infer::{Role, Root};
use crate::model::{is_success_status, Decision, DecisionKind, OpResponse, Origin, Response, Ty, TypeDef, TypeKind, Types, Variant};
use crate::name;
use std::collections::BTreeSet;

/// One media type's body: its media type, inference root and first origin.
pub(super) type MediaRoot = (String, usize, Origin);

/// What one status's bodies are in: where the members give it JSON bodies under different
/// media types with different schemas, an inference root for each, else nothing.
#[allow(clippy::too_many_arguments)]
pub(super) fn roots(
    rs: &[&Response],
    status: Option<u16>,
    hint: &str,
    label: &str,
    prose: &[crate::infer::prose::ProseField],
    method_name: &str,
    roots: &mut Vec<Root>,
    uses: &mut super::example_uses::Uses,
    decisions: &mut Vec<Decision>,
) -> Vec<MediaRoot> {
    // Every member with a body must say which media types it has, or a body would be left out.
    if !is_success_status(status) || !rs.iter().filter(|r| r.body.is_some()).all(|r| r.media.len() > 1) {
        return Vec::new();
    }
    let mut order: Vec<&str> = Vec::new();
    for b in rs.iter().flat_map(|r| &r.media) {
        if !order.contains(&b.content_type.as_str()) {
            order.push(&b.content_type);
        }
    }
    let mut out = Vec::new();
    for (i, media) in order.into_iter().enumerate() {
        let bodies: Vec<&crate::model::Body> = rs.iter().flat_map(|r| &r.media).filter(|b| b.content_type == media).collect();
        let shape = evidence(&bodies, &format!("{label} ({media})"), decisions);
        let hint = if i == 0 { hint.to_string() } else { name::type_name(&format!("{hint} {}", variant_name(media))) };
        roots.push(Root { hint, role: Role::Response, shape, prose: prose.to_vec() });
        for body in &bodies {
            record_uses(body, method_name, status, false, uses);
        }
        let origin = bodies.first().map(|b| b.origin.clone()).unwrap_or_default();
        out.push((media.to_string(), roots.len() - 1, origin));
    }
    out
}

/// Gives each response with bodies per media type its type: one where the media types' types
/// agree (or one covers the others), else an enum by media type. `taken` holds the names the
/// crate root and the models already use.
pub(super) fn choose(
    media: &[(Option<u16>, Vec<MediaRoot>)],
    tys: &[Option<Ty>],
    types: &mut Types,
    responses: &mut [OpResponse],
    method_name: &str,
    taken: &BTreeSet<String>,
    decisions: &mut Vec<Decision>,
) {
    for (status, roots) in media {
        let Some(response) = responses.iter_mut().find(|r| r.status == *status) else { continue };
        let found: Vec<Option<Ty>> = roots.iter().map(|(_, root, _)| tys.get(*root).cloned().flatten()).collect();
        let Some(found) = found.into_iter().collect::<Option<Vec<Ty>>>() else { continue };
        let subject = format!("{method_name} {}", status.map_or_else(|| "default".to_string(), |s| s.to_string()));
        let evidence: Vec<Origin> = roots.iter().map(|(_, _, o)| o.clone()).collect();
        if let Some(one) = found.iter().find(|a| found.iter().all(|b| covers(types, a, b))) {
            response.ty = Some(one.clone());
            decisions.push(Decision {
                kind: DecisionKind::Union,
                subject,
                detail: format!("the media types {} give one type, `{}`, that takes the bodies of all", list(roots), show(types, one)),
                evidence,
            });
            continue;
        }
        let mut names = BTreeSet::from(["Other".to_string()]);
        let mut variants: Vec<Variant> = roots.iter().zip(&found).map(|((m, _, _), ty)| Variant { name: name::unique(variant_name(m), &mut names), ty: ty.clone() }).collect();
        variants.push(Variant { name: "Other".into(), ty: Ty::Json });
        let mut type_name = name::type_name(&format!("{method_name} response"));
        while taken.contains(&type_name) || types.defs.iter().any(|d| d.name == type_name) {
            type_name.push_str("Body");
        }
        let docs = format!(
            "The body of a successful `{method_name}`, by the response's `Content-Type`: {}. `Other` holds a body under another media type, or one that fits none of them.",
            roots.iter().zip(&variants).map(|((m, _, _), v)| format!("`{m}` is `{}`", v.name)).collect::<Vec<_>>().join(", ")
        );
        let id = types.push(TypeDef { name: type_name.clone(), docs: Some(docs), kind: TypeKind::Union(variants), origins: evidence.clone() });
        response.ty = Some(Ty::Named(id));
        response.media = roots.iter().map(|(m, _, _)| m.clone()).collect();
        decisions.push(Decision {
            kind: DecisionKind::Union,
            subject,
            detail: format!("the media types {} have different schemas: `{type_name}` has a variant for each, picked by `Content-Type`, and `Other` for any other JSON", list(roots)),
            evidence,
        });
    }
}

/// The variant a media type names: `application/sarif+json` is `SarifJson`, `application/json`
/// is `Json`.
pub fn variant_name(media: &str) -> String {
    let essence = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let short = essence.strip_prefix("application/").unwrap_or(&essence);
    name::type_name(&short.replace(['+', '.', '/', '-'], " "))
}

/// Whether every value of type `b` is a value of `a`: the same type, or two structs where `a`
/// has each of `b`'s fields with the same type and requires none that `b` may leave out.
fn covers(types: &Types, a: &Ty, b: &Ty) -> bool {
    if a == b {
        return true;
    }
    let (Ty::Named(x), Ty::Named(y)) = (a, b) else { return false };
    let (TypeKind::Struct(fa), TypeKind::Struct(fb)) = (&types.get(*x).kind, &types.get(*y).kind) else { return false };
    let has = |f: &crate::model::Field| fa.iter().any(|g| g.name == f.name && g.ty == f.ty && (g.nullable || !f.nullable));
    let requires_more = fa.iter().any(|g| !g.optional && !fb.iter().any(|f| f.name == g.name && !f.optional));
    fb.iter().all(has) && !requires_more
}

fn list(roots: &[MediaRoot]) -> String {
    roots.iter().map(|(m, _, _)| format!("`{m}`")).collect::<Vec<_>>().join(" and ")
}

fn show(types: &Types, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => types.get(*id).name.clone(),
        other => format!("{other:?}"),
    }
}
