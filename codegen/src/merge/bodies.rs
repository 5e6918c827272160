//! Bodies: every source's declared schemas and examples of one body, unioned into one
//! inference root, and the name its type should get.
//!
//! Each documented status gets its own root, so a 201 body and a 400 body are never one type.

use super::example_uses::Uses;
use super::group::Group;
use crate::infer::shape::{FieldShape, Name, ObjectShape};
use crate::infer::prose::{self, ProseField};
use crate::infer::prose_json::{self, ProseSample};
use crate::infer::{Role, Root, Shape};
use crate::model::{
    Body, BodyKind, Decision, DecisionKind, ExampleBody, ExampleUse, OpResponse, PathTemplate, RequestBody, Response, Segment, SharedText, Ty,
};
use crate::name;
use crate::surface::calls::reason;
use std::collections::BTreeMap;
use crate::model::is_success_status as is_success;

/// What one operation's bodies will be, with indexes into the inference roots.
pub struct Plan {
    pub(super) request: Option<PlannedRequest>,
    pub(super) responses: Vec<PlannedResponse>,
}

pub(super) struct PlannedRequest {
    content_type: String,
    pub(super) kind: BodyKind,
    pub(super) root: Option<usize>,
    file_fields: Vec<String>,
}

pub(super) struct PlannedResponse {
    pub(super) status: Option<u16>,
    description: Option<String>,
    pub(super) kind: BodyKind,
    pub(super) root: Option<usize>,
    /// The documents never show this body, so an empty one is accepted too.
    may_be_empty: bool,
    undocumented: bool,
    /// A body per media type, where the documents give several JSON schemas (`media`).
    media: Vec<super::media::MediaRoot>,
}

impl Plan {
    pub fn resolve(self, tys: &[Option<Ty>]) -> (Option<RequestBody>, Vec<OpResponse>) {
        let ty = |i: Option<usize>| i.and_then(|i| tys.get(i).cloned().flatten());
        let request = self.request.map(|r| RequestBody { content_type: r.content_type, kind: r.kind, ty: ty(r.root), file_fields: r.file_fields });
        let responses = self
            .responses
            .into_iter()
            .map(|r| OpResponse { status: r.status, description: r.description, kind: r.kind, ty: ty(r.root), may_be_empty: r.may_be_empty, undocumented: r.undocumented, media: Vec::new() })
            .collect();
        (request, responses)
    }

    /// The statuses whose bodies were inferred per media type, with their roots.
    pub(super) fn media_roots(&self) -> Vec<(Option<u16>, Vec<super::media::MediaRoot>)> {
        self.responses.iter().filter(|r| !r.media.is_empty()).map(|r| (r.status, r.media.clone())).collect()
    }

    /// The success responses: those with a 2xx status or none.
    fn successes(&self) -> impl Iterator<Item = &PlannedResponse> {
        self.responses.iter().filter(|r| is_success(r.status))
    }

    /// The documents show no success body: no success at all, or JSON with no evidence.
    /// A documented empty, text or binary body is shown, and never replaced.
    pub(super) fn success_unknown(&self) -> bool {
        self.successes().all(|r| r.kind == BodyKind::Json && r.root.is_none())
    }

    /// The inference root of the success body, an explicit 2xx first.
    pub(super) fn success_root(&self) -> Option<usize> {
        let mut successes: Vec<&PlannedResponse> = self.successes().filter(|r| r.root.is_some()).collect();
        successes.sort_by_key(|r| r.status.is_none());
        successes.first().and_then(|r| r.root)
    }

    /// The inference root of a JSON request body.
    pub(super) fn request_root(&self) -> Option<usize> {
        self.request.as_ref().filter(|r| r.kind == BodyKind::Json).and_then(|r| r.root)
    }

    /// The same plan with its roots `by` places further: they were pushed to a list of their
    /// own, which is appended after `by` others (see `merge::batch`).
    pub(super) fn shifted(mut self, by: usize) -> Plan {
        if let Some(r) = &mut self.request {
            r.root = r.root.map(|i| i + by);
        }
        for r in &mut self.responses {
            r.root = r.root.map(|i| i + by);
            for (_, root, _) in &mut r.media {
                *root += by;
            }
        }
        self
    }

    /// Gives the success bodies the documents do not show the type of `root`.
    pub(super) fn borrow_success(&mut self, root: usize, may_be_empty: bool) {
        for r in self.responses.iter_mut().filter(|r| is_success(r.status)) {
            r.root = Some(root);
            r.may_be_empty = may_be_empty;
        }
    }
}

pub(super) fn plan(g: &Group<'_>, method_name: &str, roots: &mut Vec<Root>, uses: &mut Uses, decisions: &mut Vec<Decision>) -> Plan {
    let op_type = name::type_name(method_name);
    let subject = format!("{} {}", g.method.as_str(), g.path.to_openapi());
    let prose: Vec<ProseField> = g.members.iter().copied().flat_map(prose::extract_from).collect();
    let samples: Vec<ProseSample> = g.members.iter().copied().flat_map(prose_json::samples_from).collect();
    let request = request_plan(g, &op_type, &subject, (&prose, &samples), roots, decisions);
    if let Some(r) = request.as_ref().filter(|r| r.root.is_some()) {
        for body in g.members.iter().flat_map(|m| m.request.iter()).filter(|b| b.kind == r.kind) {
            record_uses(body, method_name, None, true, uses);
        }
    }

    let mut by_status: BTreeMap<Option<u16>, Vec<&Response>> = BTreeMap::new();
    let responders = if g.responses_from.is_empty() { &g.members } else { &g.responses_from };
    for m in responders {
        for r in &m.responses {
            by_status.entry(r.status).or_default().push(r);
        }
    }
    let mut responses = Vec::new();
    // The prose's samples document the success body: the first 2xx.
    let mut samples = Some(samples);
    for (status, rs) in by_status {
        let bodies: Vec<&Body> = rs.iter().filter_map(|r| r.body.as_ref()).collect();
        let description = rs.iter().find_map(|r| r.description.clone());
        let label = format!("{subject} {}", status_label(status));
        let mut shape = evidence(&bodies, &label, decisions);
        if let Some(samples) = samples.take_if(|_| status.is_some() && is_success(status)) {
            prose_json::observe(&mut shape, &samples, false, &label, decisions);
        }
        // A status documented without any body (an OpenAPI response with no `content`) says
        // little of the body: whatever comes is decoded as JSON, and nothing is accepted too.
        // Only a 204 or 205, or a saved response that was empty, says the body is empty.
        let kind = if bodies.is_empty() && !matches!(status, Some(204 | 205)) { BodyKind::Json } else { body_kind(&bodies, &shape) };
        let mut media = Vec::new();
        let root = if kind == BodyKind::Json && !shape.is_empty() {
            let hint = match status {
                Some(s) if !is_success(status) => name::type_name(&format!("{op_type} {}", reason(s))),
                _ => resource_hint(&g.path, &shape),
            };
            media = super::media::roots(&rs, status, &hint, &label, &prose, method_name, roots, uses, decisions);
            if let Some((_, first, _)) = media.first() {
                responses.push(PlannedResponse { status, description, kind, root: Some(*first), may_be_empty: false, undocumented: false, media });
                continue;
            }
            roots.push(Root { hint, role: Role::Response, shape, prose: prose.clone() });
            for body in &bodies {
                record_uses(body, method_name, status, false, uses);
            }
            Some(roots.len() - 1)
        } else {
            None
        };
        let may_be_empty = bodies.is_empty();
        responses.push(PlannedResponse { status, description, kind, root, may_be_empty, undocumented: false, media });
    }
    if !responses.iter().any(|r| is_success(r.status)) {
        // No success documented at all: any JSON (or none) is accepted, never thrown away.
        let description = Some("The documents show no successful response.".to_string());
        responses.push(PlannedResponse { status: None, description, kind: BodyKind::Json, root: None, may_be_empty: true, undocumented: true, media: Vec::new() });
    }
    Plan { request, responses }
}

fn request_plan(
    g: &Group<'_>,
    op_type: &str,
    subject: &str,
    (prose, samples): (&[ProseField], &[ProseSample]),
    roots: &mut Vec<Root>,
    decisions: &mut Vec<Decision>,
) -> Option<PlannedRequest> {
    // The kind and media type come from the highest-precedence source that has a body.
    let first = g.members.iter().flat_map(|m| m.request.iter()).next()?;
    let same_kind: Vec<&Body> = g.members.iter().flat_map(|m| m.request.iter()).filter(|b| b.kind == first.kind).collect();
    let hint = name::type_name(&format!("{op_type} Request"));
    match first.kind {
        BodyKind::Json => {
            let mut shape = evidence(&same_kind, &format!("{subject} request"), decisions);
            prose_json::observe(&mut shape, samples, true, &format!("{subject} request"), decisions);
            // Another source that documents the body as form fields (Swagger 2.0 `formData`,
            // `user_access[in_demo_pool]`) names fields the JSON examples may lack.
            let forms: Vec<&Body> = g.members.iter().flat_map(|m| m.request.iter()).filter(|b| matches!(b.kind, BodyKind::Form | BodyKind::Multipart)).collect();
            if shape.object.is_some() {
                for body in forms {
                    form_fields_as_json(body, &mut shape, subject, decisions);
                }
            }
            let root = if shape.is_empty() {
                None
            } else {
                roots.push(Root { hint, role: Role::Request, shape, prose: prose.to_vec() });
                Some(roots.len() - 1)
            };
            Some(PlannedRequest { content_type: first.content_type.clone(), kind: BodyKind::Json, root, file_fields: Vec::new() })
        }
        BodyKind::Form | BodyKind::Multipart => {
            let mut object = ObjectShape::default();
            let mut files = Vec::new();
            for body in &same_kind {
                for f in &body.form_fields {
                    if f.is_file {
                        if !files.contains(&f.name) {
                            files.push(f.name.clone());
                        }
                        continue;
                    }
                    let name = Name::key(&f.name);
                    if !object.declared_order.contains(&name) {
                        object.declared_order.push(name.clone());
                    }
                    // Required only where every request of the operation sends it (the token
                    // exchange with an API key sends a username and no password).
                    let everywhere = same_kind.iter().all(|b| b.form_fields.iter().any(|g| g.name == f.name && g.required));
                    let field: &mut FieldShape = object.fields.entry(name).or_default();
                    field.declared_required = everywhere;
                    match &f.schema {
                        Some(schema) => field.shape.observe_schema(schema),
                        None => field.shape.observe(&serde_json::Value::String(String::new()), &body.origin),
                    }
                    // The first description is the one the docs are written from.
                    if field.shape.docs.is_none() {
                        field.shape.docs = f.description.as_deref().map(SharedText::from);
                    }
                }
            }
            let root = if object.fields.is_empty() {
                None
            } else {
                roots.push(Root { hint, role: Role::Request, shape: Shape { object: Some(Box::new(object)), ..Default::default() }, prose: prose.to_vec() });
                Some(roots.len() - 1)
            };
            let kind = if files.is_empty() { first.kind } else { BodyKind::Multipart };
            let content_type = if kind == BodyKind::Multipart { "multipart/form-data".to_string() } else { first.content_type.clone() };
            Some(PlannedRequest { content_type, kind, root, file_fields: files })
        }
        kind => Some(PlannedRequest { content_type: first.content_type.clone(), kind, root: None, file_fields: Vec::new() }),
    }
}

/// Adds the fields of a form body to a JSON body's shape, `a[b]` as `b` inside `a`; fields the
/// JSON evidence already has are left as they are.
fn form_fields_as_json(body: &Body, shape: &mut Shape, subject: &str, decisions: &mut Vec<Decision>) {
    let mut added = Vec::new();
    for f in body.form_fields.iter().filter(|f| !f.is_file) {
        let path: Vec<&str> = f.name.split(['[', ']']).filter(|s| !s.is_empty()).collect();
        let mut at = &mut *shape;
        for (k, seg) in path.iter().enumerate() {
            let Some(object) = at.object.as_mut() else { break };
            let last = k + 1 == path.len();
            if !object.fields.contains_key(*seg) {
                let mut field = FieldShape::default();
                match (&f.schema, last) {
                    (Some(schema), true) => field.shape.observe_schema(schema),
                    (_, false) => field.shape.object = Some(Box::default()),
                    (None, true) => {}
                }
                object.fields.insert(Name::key(seg), field);
                added.push(f.name.clone());
            }
            let Some(next) = object.fields.get_mut(*seg) else { break };
            at = &mut next.shape;
        }
    }
    if !added.is_empty() {
        decisions.push(Decision {
            kind: DecisionKind::Optional,
            subject: format!("{subject} request"),
            detail: format!("fields another source documents as form fields, added to the JSON body as optional: {}", added.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")),
            evidence: vec![body.origin.clone()],
        });
    }
}

/// The body's examples as uses; their values stay in the sources until `Uses` fills them in.
pub(super) fn record_uses(body: &Body, operation: &str, status: Option<u16>, request: bool, uses: &mut Uses) {
    for ex in &body.examples {
        if let ExampleBody::Json(value) = &ex.body {
            uses.push(ExampleUse { operation: operation.to_string(), status, request, value: serde_json::Value::Null, origin: ex.origin.clone() }, value);
        }
    }
}

/// Unions the schemas and valid JSON examples of some bodies. Invalid examples are recorded
/// and kept out.
pub(super) fn evidence(bodies: &[&Body], subject: &str, decisions: &mut Vec<Decision>) -> Shape {
    let mut shape = Shape::default();
    for body in bodies {
        if let Some(schema) = &body.schema {
            if body.kind == BodyKind::Json {
                shape.observe_schema(schema);
            }
        }
        for ex in &body.examples {
            match &ex.body {
                ExampleBody::Json(v) => shape.observe(v, &ex.origin),
                ExampleBody::InvalidJson { error, .. } => decisions.push(Decision {
                    kind: DecisionKind::ExampleRejected,
                    subject: subject.to_string(),
                    detail: format!("example is not valid JSON ({error}); kept out of inference"),
                    evidence: vec![ex.origin.clone()],
                }),
                ExampleBody::Text(_) => {}
            }
        }
    }
    shape
}

fn body_kind(bodies: &[&Body], shape: &Shape) -> BodyKind {
    let has_json = bodies.iter().any(|b| {
        b.examples.iter().any(|e| matches!(e.body, ExampleBody::Json(_))) || (b.kind == BodyKind::Json && b.schema.is_some())
    });
    if has_json && !shape.is_empty() {
        return BodyKind::Json;
    }
    for kind in [BodyKind::Binary, BodyKind::Text, BodyKind::Json] {
        if bodies.iter().any(|b| b.kind == kind) {
            // A JSON body with no evidence at all is still JSON on the wire: decode as a value.
            return kind;
        }
    }
    BodyKind::Empty
}

/// The name a success body suggests, from the path: `/clients` -> `Clients` (a list, whose
/// items become `Client`), `/clients/{id}` -> `Client`, `/clients/{id}/usage` -> `ClientUsage`.
pub fn resource_hint(path: &PathTemplate, shape: &Shape) -> String {
    let segs = &path.segments;
    let mut base = String::new();
    if let Some(i) = segs.iter().rposition(|s| matches!(s, Segment::Literal(l) if !l.is_empty())) {
        let Segment::Literal(last) = &segs[i] else { unreachable!("rposition matched a literal") };
        let ends_with_param = i + 1 < segs.len();
        let before_is_param = i > 0 && matches!(segs[i - 1], Segment::Param(_));
        base = if ends_with_param {
            name::singular(last)
        } else if before_is_param {
            let owner = segs[..i - 1].iter().rev().find_map(|s| match s {
                Segment::Literal(l) if !l.is_empty() => Some(l.clone()),
                _ => None,
            });
            format!("{} {last}", owner.map(|o| name::singular(&o)).unwrap_or_default())
        } else {
            last.clone()
        };
    }
    if base.is_empty() {
        base = "Root".into();
    }
    if shape.array.is_some() {
        return name::type_name(&base);
    }
    let single = name::singular(&base);
    let envelope = shape.object.as_ref().is_some_and(|o| {
        o.fields.iter().any(|(k, f)| {
            matches!(k.to_ascii_lowercase().as_str(), "items" | "data" | "results" | "records" | "entries" | "rows") && f.shape.array.is_some()
        })
    });
    if envelope {
        name::type_name(&format!("{single} List"))
    } else {
        name::type_name(&single)
    }
}


fn status_label(status: Option<u16>) -> String {
    status.map_or_else(|| "default".to_string(), |s| s.to_string())
}
