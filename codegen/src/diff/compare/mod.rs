//! Two merged models -> the changes a program using the generated crate can see.
//!
//! Operations are matched as oasdiff matches endpoints: method plus path, with path parameters
//! compared by position. Types are matched by where they are used (operation, request or
//! status, field path), never by `TypeId` or name, since inferred names may change between
//! revisions; a name change is reported once, as `type-renamed`. A type reached from several
//! places is compared once per direction, at the first place the walk reaches it, so one
//! changed struct used by ten operations is one change, not ten.

use super::rules::Rule;
use super::Change;
use crate::model::is_success_status as is_success;
use crate::model::{Api, OpParam, OpResponse, Operation, Ty, TypeId};
use crate::surface::calls::{is_error_status, success_of};
use crate::surface::{arg_ty, op_keys, op_name, param_key as key, param_place, return_ty, Success};
use std::collections::{BTreeMap, BTreeSet};

mod auth;
mod types;
pub use types::describe;

/// Whether the program sends the value (request) or reads it (response): the same change has
/// a different effect in each direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Dir {
    Request,
    Response,
}

/// Sorts changes: breaking first, then warnings, then info; API-wide changes before
/// per-operation ones; then in walk order (the sort is stable).
pub fn sort(changes: &mut [Change]) {
    // Operation order is the new model's order, which is sorted by path, then method.
    changes.sort_by_key(|c| (c.level(), c.operation.is_some()));
}

/// What the spec compare found, unsorted, and what it looked at: the surface compare reports
/// only what this did not.
pub struct SpecDiff {
    pub changes: Vec<Change>,
    /// Model type names paired across the revisions (old, new), by where they are used.
    pub paired: BTreeSet<(String, String)>,
    /// Members a change was reported for, as (type name, member): a field's JSON name, an
    /// enum value as `=value`, a union variant as `(Name)`; under both sides' type names.
    pub touched: BTreeSet<(String, String)>,
}

pub fn compare_specs(old: &Api, new: &Api) -> SpecDiff {
    let mut cx = Cx {
        old,
        new,
        op: None,
        out: Vec::new(),
        seen: BTreeSet::new(),
        renamed: BTreeSet::new(),
        removed_schemes: BTreeSet::new(),
        paired: BTreeSet::new(),
        touched: BTreeSet::new(),
    };
    cx.servers();
    cx.schemes();
    cx.operations();
    SpecDiff { changes: cx.out, paired: cx.paired, touched: cx.touched }
}

struct Cx<'a> {
    old: &'a Api,
    new: &'a Api,
    /// The operation being compared, as `GET /pets/{petId}`.
    op: Option<String>,
    out: Vec<Change>,
    /// Type pairs already compared, per direction.
    seen: BTreeSet<(TypeId, TypeId, Dir)>,
    /// Type renames already reported.
    renamed: BTreeSet<(String, String)>,
    /// Auth schemes removed from the API: reported once, not again for each operation.
    removed_schemes: BTreeSet<String>,
    paired: BTreeSet<(String, String)>,
    touched: BTreeSet<(String, String)>,
}

impl<'a> Cx<'a> {
    fn push(&mut self, rule: Rule, location: impl Into<String>, detail: impl Into<String>) {
        self.out.push(Change { rule, operation: self.op.clone(), location: location.into(), detail: detail.into() });
    }

    /// Records that changes were reported for `member` of the type pair, if `since` (the
    /// number of changes before) is behind.
    fn touch(&mut self, since: usize, names: (&str, &str), member: &str) {
        if self.out.len() > since {
            self.touched.insert((names.0.to_string(), member.to_string()));
            self.touched.insert((names.1.to_string(), member.to_string()));
        }
    }

    // -----------------------------------------------------------------------------------------
    // Operations.
    // -----------------------------------------------------------------------------------------

    fn operations(&mut self) {
        let (old_keys, new_keys) = (op_keys(&self.old.operations), op_keys(&self.new.operations));
        let old_ops: BTreeMap<_, &Operation> = old_keys.iter().cloned().zip(&self.old.operations).collect();
        let new_set: BTreeSet<_> = new_keys.iter().cloned().collect();
        for (k, op) in old_keys.iter().zip(&self.old.operations) {
            if !new_set.contains(k) {
                self.op = Some(op_name(op));
                self.push(Rule::ApiRemoved, "", format!("method `{}`", op.id));
            }
        }
        for (k, n) in new_keys.iter().zip(&self.new.operations) {
            self.op = Some(op_name(n));
            match old_ops.get(k) {
                None => self.push(Rule::EndpointAdded, "", format!("method `{}`", n.id)),
                Some(o) => self.operation(o, n),
            }
        }
        self.op = None;
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        if o.id != n.id {
            self.push(Rule::OperationIdUpdated, "", format!("`{}` -> `{}`", o.id, n.id));
        }
        match (o.deprecated, n.deprecated) {
            (false, true) => self.push(Rule::ApiDeprecated, "", ""),
            (true, false) => self.push(Rule::ApiReactivated, "", ""),
            _ => {}
        }
        if o.server != n.server {
            let show = |s: &Option<String>| s.clone().unwrap_or_else(|| "the client's base URL".to_string());
            self.push(Rule::ApiServerChanged, "", format!("{} -> {}", show(&o.server), show(&n.server)));
        }
        self.security(o, n);
        self.params(o, n);
        self.request(o, n);
        self.responses(o, n);
    }

    fn params(&mut self, o: &Operation, n: &Operation) {
        let old_params: BTreeMap<String, &OpParam> = o.params.iter().map(|p| (key(o, p), p)).collect();
        let new_params: BTreeMap<String, &OpParam> = n.params.iter().map(|p| (key(n, p), p)).collect();

        for (on, nn) in o.path.params().zip(n.path.params()) {
            if on != nn {
                self.push(Rule::RequestPathParameterRenamed, format!("path parameter {nn}"), format!("`{on}` -> `{nn}`"));
            }
        }
        for p in &o.params {
            if !new_params.contains_key(&key(o, p)) {
                self.push(Rule::RequestParameterRemoved, param_place(p), if p.required { "was required" } else { "was optional" });
            }
        }
        for p in &n.params {
            let place = param_place(p);
            match old_params.get(&key(n, p)) {
                None if p.required => self.push(Rule::NewRequiredRequestParameter, place, arg_ty(self.new, p).to_string()),
                None => self.push(Rule::NewOptionalRequestParameter, place, arg_ty(self.new, p).to_string()),
                Some(op) => {
                    match (op.required, p.required) {
                        (false, true) => self.push(Rule::RequestParameterBecameRequired, place.clone(), ""),
                        (true, false) => self.push(Rule::RequestParameterBecameOptional, place.clone(), ""),
                        _ => {}
                    }
                    let (a, b) = (arg_ty(self.old, op).to_string(), arg_ty(self.new, p).to_string());
                    if a != b {
                        self.push(Rule::RequestParameterTypeChanged, place, format!("{a} -> {b}"));
                    }
                }
            }
        }
        // Required parameters are positional arguments in the op.params order: the ones
        // required on both sides must keep their relative order.
        let both = |op: &Operation, other: &BTreeMap<String, &OpParam>| -> Vec<String> {
            op.params
                .iter()
                .filter(|p| p.required)
                .map(|p| key(op, p))
                .filter(|k| other.get(k).is_some_and(|q| q.required))
                .collect()
        };
        let (os, ns) = (both(o, &new_params), both(n, &old_params));
        if os != ns {
            let show = |keys: &[String], params: &BTreeMap<String, &OpParam>| -> String {
                keys.iter().filter_map(|k| params.get(k)).map(|p| p.name.clone()).collect::<Vec<_>>().join(", ")
            };
            self.push(Rule::RequestParametersReordered, "arguments", format!("({}) -> ({})", show(&os, &old_params), show(&ns, &new_params)));
        }
    }

    fn request(&mut self, o: &Operation, n: &Operation) {
        let (or, nr) = (o.request.as_ref(), n.request.as_ref());
        if let (Some(a), Some(b)) = (or, nr) {
            if !a.content_type.eq_ignore_ascii_case(&b.content_type) || a.kind != b.kind {
                self.push(Rule::RequestBodyMediaTypeChanged, "request body", format!("{} -> {}", a.content_type, b.content_type));
            }
        }
        match (or.and_then(|r| r.ty.as_ref()), nr.and_then(|r| r.ty.as_ref())) {
            (None, Some(b)) => {
                let detail = self.describe(self.new, b);
                self.push(Rule::RequestBodyAddedRequired, "request body", detail);
            }
            (Some(a), None) => {
                let detail = self.describe(self.old, a);
                self.push(Rule::RequestBodyRemoved, "request body", detail);
            }
            (Some(a), Some(b)) => self.ty(a, b, Dir::Request, "request", ""),
            (None, None) => {}
        }
        let files = |r: Option<&crate::model::RequestBody>| -> BTreeSet<String> { r.map(|r| r.file_fields.iter().cloned().collect()).unwrap_or_default() };
        let (of, nf) = (files(or), files(nr));
        for f in nf.difference(&of) {
            self.push(Rule::RequestFilePartAdded, format!("request body file `{f}`"), "");
        }
        for f in of.difference(&nf) {
            self.push(Rule::RequestFilePartRemoved, format!("request body file `{f}`"), "");
        }
    }

    fn responses(&mut self, o: &Operation, n: &Operation) {
        // A success no document shows is not a status the API documents.
        // A 1xx is neither the return type nor an error variant: the crate does not show it.
        let shown = |r: &&OpResponse| !r.undocumented && (is_success(r.status) || is_error_status(r.status));
        let statuses = |op: &Operation| -> BTreeSet<Option<u16>> { op.responses.iter().filter(shown).map(|r| r.status).collect() };
        let (os, ns) = (statuses(o), statuses(n));
        for s in ns.difference(&os) {
            let rule = if is_success(*s) { Rule::ResponseSuccessStatusAdded } else { Rule::ResponseNonSuccessStatusAdded };
            self.push(rule, format!("response {}", status_name(*s)), "");
        }
        for s in os.difference(&ns) {
            let rule = if is_success(*s) { Rule::ResponseSuccessStatusRemoved } else { Rule::ResponseNonSuccessStatusRemoved };
            self.push(rule, format!("response {}", status_name(*s)), "");
        }

        // The success body is what the method returns, whichever 2xx documents it.
        let ((ro, so), (rn, sn)) = (success_of(o), success_of(n));
        let status = |r: Option<&OpResponse>, s: &Success| match s {
            Success::Unit => r.map(|r| r.status),
            _ => r.filter(|r| !r.undocumented).map(|r| r.status),
        };
        let place = match (status(ro, &so), status(rn, &sn)) {
            (Some(a), Some(b)) if a != b => format!("success response ({} -> {})", status_name(a), status_name(b)),
            (Some(a), _) | (None, Some(a)) => format!("response {}", status_name(a)),
            (None, None) => "response".to_string(),
        };
        match (&so, &sn) {
            (Success::Json { ty: a, optional: oa }, Success::Json { ty: b, optional: ob }) => {
                // `T` and `Option<T>` are different return types.
                if oa != ob {
                    let detail = format!("{} -> {}", return_ty(self.old, o), return_ty(self.new, n));
                    self.push(Rule::ResponseBodyTypeChanged, at(&place, ""), detail);
                }
                self.ty(a, b, Dir::Response, &place, "")
            }
            (a, b) if a != b => {
                let (da, db) = (self.describe_success(self.old, a), self.describe_success(self.new, b));
                self.push(Rule::ResponseBodyTypeChanged, at(&place, ""), format!("{da} -> {db}"));
            }
            _ => {}
        }

        // Error bodies: the types `ApiError::decode` is documented with, status by status.
        for r in n.responses.iter().filter(|r| !is_success(r.status)) {
            let Some(old) = o.responses.iter().find(|x| x.status == r.status) else { continue };
            let place = format!("response {}", status_name(r.status));
            match (&old.ty, &r.ty) {
                (Some(a), Some(b)) => self.ty(a, b, Dir::Response, &place, ""),
                (None, None) => {}
                (a, b) => {
                    let da = a.as_ref().map(|t| self.describe(self.old, t)).unwrap_or_else(|| "untyped".into());
                    let db = b.as_ref().map(|t| self.describe(self.new, t)).unwrap_or_else(|| "untyped".into());
                    self.push(Rule::ResponseBodyTypeChanged, at(&place, ""), format!("{da} -> {db}"));
                }
            }
        }
    }

    // -----------------------------------------------------------------------------------------
    // Words.
    // -----------------------------------------------------------------------------------------

    fn describe(&self, api: &Api, ty: &Ty) -> String {
        describe(api, ty)
    }

    fn describe_success(&self, api: &Api, s: &Success) -> String {
        match s {
            Success::Json { ty, optional: false } => describe(api, ty),
            Success::Json { ty, optional: true } => format!("{} or no body", describe(api, ty)),
            Success::Value => "untyped JSON".into(),
            Success::Text => "text".into(),
            Success::Stream => "bytes".into(),
            Success::Unit => "no body".into(),
        }
    }
}

/// `response 200 body.items[].name`; `response 200 body` for the body itself.
fn at(place: &str, path: &str) -> String {
    format!("{place} body{path}")
}

fn status_name(status: Option<u16>) -> String {
    status.map(|s| s.to_string()).unwrap_or_else(|| "default".into())
}
