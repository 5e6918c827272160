//! The passes that need the whole collection: literal ids read as path parameters, and saved
//! examples checked against the request they are filed under.
//!
//! Both compare paths position by position, a parameter on either side matching any segment, as
//! operation identity is defined for the whole generator.

use super::url::{raw_of, split_raw, Host};
use super::{body, Cx, Draft};
use crate::model::{Decision, DecisionKind, Method, Origin, PathTemplate, Response, Segment};
use crate::read::path::{looks_like_id, parse_path, segments_compatible, tail_match, without_trailing_slash};
use serde_json::{Map, Value};

/// A saved example with what its `originalRequest` says about where it was recorded.
pub(super) struct PendingExample {
    origin: Origin,
    name: Option<String>,
    method: Option<Method>,
    /// The host, path and raw URL it was recorded on, when known.
    url: Option<(Host, PathTemplate, String)>,
    response: Response,
}

impl PendingExample {
    pub(super) fn read(cx: &mut Cx<'_>, resp: &Map<String, Value>, origin: &Origin) -> PendingExample {
        let response = body::response(cx, resp, origin);
        let name =
            resp.get("name").and_then(Value::as_str).map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        let original = resp.get("originalRequest");
        // Like a request, the original request may be just its URL.
        let (method, url_value) = match original {
            Some(v @ Value::String(_)) => (None, Some(v)),
            Some(Value::Object(o)) => (o.get("method").and_then(Value::as_str).and_then(Method::parse), o.get("url")),
            _ => (None, None),
        };
        let url = url_value.and_then(raw_of).filter(|raw| !raw.trim().is_empty()).map(|raw| {
            let split = split_raw(&raw);
            (split.host, parse_path(&split.path), raw.trim().to_string())
        });
        PendingExample { origin: origin.clone(), name, method, url, response }
    }

    fn label(&self) -> String {
        match &self.name {
            Some(name) => format!("the saved example `{name}`"),
            None => "a saved example".into(),
        }
    }
}

/// A path seen somewhere in the collection, as evidence of which positions are parameters.
struct Evidence {
    draft: usize,
    /// The draft's own request path (not evidence about itself).
    own: bool,
    segments: Vec<Segment>,
    origin: Origin,
    label: String,
}

/// Gathers every request path, and every example path aligned to its request (a literal host's
/// base path such as `/api/v1` cut off).
fn evidence(drafts: &[Draft]) -> Vec<Evidence> {
    let mut out = Vec::new();
    for (index, draft) in drafts.iter().enumerate() {
        let segments = without_trailing_slash(&draft.op.path.segments).to_vec();
        let label = format!("{} {}", draft.op.method.as_str(), draft.op.path.to_openapi());
        out.push(Evidence { draft: index, own: true, segments, origin: draft.url_origin.clone(), label });
        for example in &draft.examples {
            let Some((host, path, raw)) = &example.url else { continue };
            let request = without_trailing_slash(&draft.op.path.segments);
            let recorded = without_trailing_slash(&path.segments);
            let aligned = if host == &draft.host {
                recorded
            } else if let Some(offset) = tail_match(request, recorded) {
                recorded.get(offset..).unwrap_or(recorded)
            } else if matches!(host, Host::Literal(_)) {
                // A literal host may hide a base path: positions cannot be trusted.
                continue;
            } else {
                recorded
            };
            out.push(Evidence {
                draft: index,
                own: false,
                segments: aligned.to_vec(),
                origin: example.origin.child("originalRequest"),
                label: format!("{} recorded on `{raw}`", example.label()),
            });
        }
    }
    out
}

/// Turns literal ids into parameters where sibling paths have a parameter at that position, and
/// records each rewrite as a [`DecisionKind::PathParameter`] decision.
///
/// A sibling is another request or a saved example's URL whose segments before the position
/// match (parameters match anything). Siblings of the same length that match everywhere are
/// preferred; among them the most common parameter name wins, ties going to the first seen.
pub(super) fn rewrite_literal_ids(drafts: &mut [Draft], decisions: &mut Vec<Decision>) {
    let evidence = evidence(drafts);
    for (index, draft) in drafts.iter_mut().enumerate() {
        let original = draft.op.path.clone();
        let segments = without_trailing_slash(&original.segments);
        let mut notes: Vec<(String, String, Vec<Origin>, String)> = Vec::new();
        for (pos, seg) in segments.iter().enumerate() {
            let Segment::Literal(literal) = seg else { continue };
            if !looks_like_id(literal) {
                continue;
            }
            let mut candidates: Vec<(bool, &str, &Evidence)> = Vec::new();
            for ev in evidence.iter().filter(|ev| !(ev.own && ev.draft == index)) {
                let Some(Segment::Param(name)) = ev.segments.get(pos) else { continue };
                let prefix_ok = segments.iter().zip(&ev.segments).take(pos).all(|(a, b)| segments_compatible(a, b));
                if !prefix_ok {
                    continue;
                }
                let full = ev.segments.len() == segments.len()
                    && segments.iter().zip(&ev.segments).all(|(a, b)| segments_compatible(a, b));
                candidates.push((full, name, ev));
            }
            let any_full = candidates.iter().any(|(full, _, _)| *full);
            let tier: Vec<&(bool, &str, &Evidence)> =
                candidates.iter().filter(|(full, _, _)| *full || !any_full).collect();
            let mut votes: Vec<(&str, usize)> = Vec::new();
            for (_, name, _) in &tier {
                match votes.iter_mut().find(|(n, _)| n == name) {
                    Some((_, count)) => *count += 1,
                    None => votes.push((name, 1)),
                }
            }
            let mut chosen: Option<(&str, usize)> = None;
            for (name, count) in votes {
                if chosen.is_none_or(|(_, best)| count > best) {
                    chosen = Some((name, count));
                }
            }
            let Some((name, _)) = chosen else { continue };
            let taken = draft.op.path.params().any(|p| p == name) || notes.iter().any(|(n, _, _, _)| n == name);
            if taken {
                continue;
            }
            // Cite the closest siblings first: most positions agreeing, fewest disagreeing.
            let mut support: Vec<&Evidence> =
                tier.iter().filter(|(_, n, _)| *n == name).map(|(_, _, ev)| *ev).collect();
            support.sort_by_key(|ev| {
                let agree = segments.iter().zip(&ev.segments).filter(|(a, b)| segments_compatible(a, b)).count();
                let disagree = segments.iter().zip(&ev.segments).count() - agree;
                std::cmp::Reverse(agree as isize - disagree as isize)
            });
            let mut origins = vec![draft.url_origin.clone()];
            for ev in support.iter().take(3) {
                if !origins.contains(&ev.origin) {
                    origins.push(ev.origin.clone());
                }
            }
            let first = support.first().map(|ev| ev.label.clone()).unwrap_or_default();
            if let Some(slot) = draft.op.path.segments.get_mut(pos) {
                *slot = Segment::Param(name.to_string());
            }
            notes.push((name.to_string(), literal.clone(), origins, first));
        }
        for (name, literal, origins, first) in notes {
            decisions.push(Decision {
                kind: DecisionKind::PathParameter,
                subject: format!("{} {}", draft.op.method.as_str(), draft.op.path.to_openapi()),
                detail: format!(
                    "the literal segment `{literal}` of `{}` is read as the path parameter `{name}`, because {first} has a parameter at that position",
                    original.to_openapi()
                ),
                evidence: origins,
            });
            draft.rewritten.push((name, literal));
        }
    }
}

/// Attaches each saved example to its operation, unless it was recorded for another endpoint
/// (another method, or a path that does not match), in which case it is reported and recorded
/// as a [`DecisionKind::ExampleRejected`] decision.
pub(super) fn attach_examples(cx: &mut Cx<'_>, drafts: &mut [Draft], decisions: &mut Vec<Decision>) {
    for draft in drafts.iter_mut() {
        for example in std::mem::take(&mut draft.examples) {
            let Err(recorded_as) = check(draft, &example) else {
                draft.op.responses.push(example.response);
                continue;
            };
            let here = format!("{} {}", draft.op.method.as_str(), draft.op.path.to_openapi());
            let detail = format!(
                "{} was recorded as `{recorded_as}`, not for this request (`{here}`); it is not attached to the operation and kept out of inference",
                example.label()
            );
            cx.warn(&example.origin, detail.clone());
            decisions.push(Decision {
                kind: DecisionKind::ExampleRejected,
                subject: here,
                detail,
                evidence: vec![example.origin.clone(), draft.op.origin.clone()],
            });
        }
    }
}

/// `Err(what it was recorded as)` when the example was recorded for another endpoint. A
/// request-body difference alone is no reason to reject: the examples of one endpoint often
/// differ in their bodies.
///
/// The host an example was recorded on (`https://webflow-demo.outseta.com/api/v1`) is not taken
/// as a server: it is one tenant's host, and a generated client must not send keys there by
/// default.
fn check(draft: &Draft, example: &PendingExample) -> Result<(), String> {
    let recorded_as = |method: Option<Method>| {
        let method = method.unwrap_or(draft.op.method).as_str();
        match &example.url {
            Some((_, _, raw)) => format!("{method} {raw}"),
            None => method.to_string(),
        }
    };
    if let Some(method) = example.method {
        if method != draft.op.method {
            return Err(recorded_as(Some(method)));
        }
    }
    let Some((host, path, _)) = &example.url else { return Ok(()) };
    let request = without_trailing_slash(&draft.op.path.segments);
    let recorded = without_trailing_slash(&path.segments);
    let matches = if host == &draft.host {
        // Same host: the paths must line up exactly.
        request.len() == recorded.len() && request.iter().zip(recorded).all(|(a, b)| segments_compatible(a, b))
    } else {
        // Another host may carry a base path on either side: compare the tails.
        tail_match(request, recorded).is_some() || tail_match(recorded, request).is_some()
    };
    if matches {
        Ok(())
    } else {
        Err(recorded_as(example.method))
    }
}
