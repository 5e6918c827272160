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
use crate::model::{Api, AuthKind, AuthScheme, Field, OpParam, OpResponse, Operation, Ty, TypeId, TypeKind};
use crate::surface::calls::success_of;
use crate::surface::{arg_ty, op_keys, op_name, param_key as key, param_place, return_ty, Success};
use std::collections::{BTreeMap, BTreeSet};

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
    // API-wide: servers and auth schemes.
    // -----------------------------------------------------------------------------------------

    fn servers(&mut self) {
        let (old, new) = (&self.old.servers, &self.new.servers);
        let (od, nd) = (old.first(), new.first());
        let mut default_moved = false;
        match (od, nd) {
            (Some(a), Some(b)) if a != b => {
                self.push(Rule::DefaultServerChanged, "", format!("{a} -> {b}"));
                default_moved = true;
            }
            (Some(a), None) => {
                self.push(Rule::DefaultServerRemoved, "", a.clone());
                default_moved = true;
            }
            _ => {}
        }
        // A default that moved is reported once, above, not again as added and removed.
        for s in new {
            let reported = default_moved && Some(s) == nd;
            if !reported && !old.contains(s) {
                let detail = if Some(s) == nd { format!("{s}, now the default") } else { s.clone() };
                self.push(Rule::ServerAdded, "", detail);
            }
        }
        for s in old {
            let reported = default_moved && Some(s) == od;
            if !reported && !new.contains(s) {
                self.push(Rule::ServerRemoved, "", s.clone());
            }
        }
    }

    fn schemes(&mut self) {
        for o in &self.old.auth {
            match self.new.auth.iter().find(|n| n.name == o.name) {
                None => {
                    self.removed_schemes.insert(o.name.clone());
                    self.push(Rule::SecuritySchemeRemoved, format!("auth `{}`", o.name), describe_scheme(o));
                }
                Some(n) if n.kind != o.kind => {
                    let rule = if setter_args(&o.kind) != setter_args(&n.kind) { Rule::SecuritySchemeSetterChanged } else { Rule::SecuritySchemeChanged };
                    self.push(rule, format!("auth `{}`", o.name), format!("{} -> {}", describe_scheme(o), describe_scheme(n)));
                }
                Some(_) => {}
            }
        }
        for n in &self.new.auth {
            if !self.old.auth.iter().any(|o| o.name == n.name) {
                self.push(Rule::SecuritySchemeAdded, format!("auth `{}`", n.name), describe_scheme(n));
            }
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

    /// What an operation accepts: scheme names, or `none` when it needs no credentials.
    fn security(&mut self, o: &Operation, n: &Operation) {
        let accepted = |op: &Operation| -> BTreeSet<String> {
            if op.auth.is_empty() {
                BTreeSet::from([NO_CREDENTIALS.to_string()])
            } else {
                op.auth.iter().map(|a| format!("`{a}`")).collect()
            }
        };
        let (oa, na) = (accepted(o), accepted(n));
        // An operation that now needs no credentials works for every client, whatever it sends.
        let open_now = n.auth.is_empty();
        for a in oa.difference(&na) {
            if open_now || self.removed_schemes.contains(a.trim_matches('`')) {
                continue;
            }
            let detail = if a == NO_CREDENTIALS { "none: credentials are now needed".to_string() } else { a.clone() };
            self.push(Rule::ApiSecurityRemoved, "auth", detail);
        }
        let added: BTreeSet<&String> = na.difference(&oa).collect();
        let old_names: BTreeSet<&str> = self.old.auth.iter().map(|s| s.name.as_str()).collect();
        for a in added {
            // A scheme new to the API is reported once, as api-security-component-added.
            let name = a.trim_matches('`');
            if a.starts_with('`') && !old_names.contains(name) {
                continue;
            }
            let detail = if a == NO_CREDENTIALS { "none: no credentials are needed".to_string() } else { a.clone() };
            self.push(Rule::ApiSecurityAdded, "auth", detail);
        }
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
        let statuses = |op: &Operation| -> BTreeSet<Option<u16>> { op.responses.iter().filter(|r| !r.undocumented).map(|r| r.status).collect() };
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
    // Types, structurally.
    // -----------------------------------------------------------------------------------------

    /// Compares the types at one place. `path` is relative to the body: `.owner.name`,
    /// `.items[]`; empty for the body itself.
    fn ty(&mut self, a: &Ty, b: &Ty, dir: Dir, place: &str, path: &str) {
        match (a, b) {
            (Ty::Named(x), Ty::Named(y)) => self.named(*x, *y, dir, place, path),
            (Ty::List(x), Ty::List(y)) => self.ty(x, y, dir, place, &format!("{path}[]")),
            (Ty::Map(x), Ty::Map(y)) => self.ty(x, y, dir, place, &format!("{path}{{}}")),
            (x, y) if rust_scalar(x).is_some() && rust_scalar(x) == rust_scalar(y) => {}
            _ => {
                let detail = format!("{} -> {}", self.describe(self.old, a), self.describe(self.new, b));
                self.type_changed(dir, place, path, detail);
            }
        }
    }

    fn type_changed(&mut self, dir: Dir, place: &str, path: &str, detail: String) {
        let rule = match (dir, path.is_empty()) {
            (Dir::Request, true) => Rule::RequestBodyTypeChanged,
            (Dir::Request, false) => Rule::RequestPropertyTypeChanged,
            (Dir::Response, true) => Rule::ResponseBodyTypeChanged,
            (Dir::Response, false) => Rule::ResponsePropertyTypeChanged,
        };
        self.push(rule, at(place, path), detail);
    }

    fn named(&mut self, x: TypeId, y: TypeId, dir: Dir, place: &str, path: &str) {
        if !self.seen.insert((x, y, dir)) {
            return;
        }
        let (Some(a), Some(b)) = (self.old.types.defs.get(x.0), self.new.types.defs.get(y.0)) else { return };
        self.paired.insert((a.name.clone(), b.name.clone()));
        let names = (a.name.as_str(), b.name.as_str());
        let since = self.out.len();
        match (&a.kind, &b.kind) {
            (TypeKind::Struct(fa), TypeKind::Struct(fb)) => {
                self.rename(&a.name, &b.name);
                self.fields(fa, fb, dir, place, path, names);
            }
            (TypeKind::Enum { values: va, open: oa }, TypeKind::Enum { values: vb, open: ob }) => {
                self.rename(&a.name, &b.name);
                if oa != ob {
                    let show = |open: bool| if open { "open enum" } else { "closed enum" };
                    self.type_changed(dir, place, path, format!("{} -> {}", show(*oa), show(*ob)));
                    self.touch(since, names, "*");
                }
                let (added, removed) = match dir {
                    Dir::Request => (Rule::RequestPropertyEnumValueAdded, Rule::RequestPropertyEnumValueRemoved),
                    Dir::Response => (Rule::ResponsePropertyEnumValueAdded, Rule::ResponsePropertyEnumValueRemoved),
                };
                for (v, rule) in vb.iter().filter(|v| !va.iter().any(|w| w.value == v.value)).map(|v| (v, added)).chain(va.iter().filter(|v| !vb.iter().any(|w| w.value == v.value)).map(|v| (v, removed))) {
                    let since = self.out.len();
                    self.push(rule, at(place, path), v.value.to_string());
                    self.touch(since, names, &format!("={}", crate::surface::types::wire(&v.value)));
                }
            }
            (TypeKind::Union(va), TypeKind::Union(vb)) => {
                self.rename(&a.name, &b.name);
                let (added, removed) = match dir {
                    Dir::Request => (Rule::RequestPropertyOneOfAdded, Rule::RequestPropertyOneOfRemoved),
                    Dir::Response => (Rule::ResponsePropertyOneOfAdded, Rule::ResponsePropertyOneOfRemoved),
                };
                for v in vb {
                    let since = self.out.len();
                    match va.iter().find(|w| w.name == v.name) {
                        None => {
                            let d = format!("`{}`: {}", v.name, self.describe(self.new, &v.ty));
                            self.push(added, at(place, path), d);
                        }
                        Some(w) => self.ty(&w.ty, &v.ty, dir, place, &format!("{path}({})", v.name)),
                    }
                    self.touch(since, names, &format!("({})", crate::name::pascal(&v.name)));
                }
                for w in va.iter().filter(|w| !vb.iter().any(|v| v.name == w.name)) {
                    let d = format!("`{}`: {}", w.name, self.describe(self.old, &w.ty));
                    self.push(removed, at(place, path), d);
                    self.touched.insert((a.name.clone(), format!("({})", crate::name::pascal(&w.name))));
                }
            }
            _ => {
                let detail = format!("{} -> {}", self.describe(self.old, &Ty::Named(x)), self.describe(self.new, &Ty::Named(y)));
                self.type_changed(dir, place, path, detail);
                self.touch(since, names, "*");
            }
        }
    }

    /// A type name change, reported once per pair of names, API-wide.
    fn rename(&mut self, a: &str, b: &str) {
        if a != b && self.renamed.insert((a.to_string(), b.to_string())) {
            let op = self.op.take();
            self.push(Rule::TypeRenamed, "", format!("`{a}` -> `{b}`"));
            self.op = op;
        }
    }

    fn fields(&mut self, fa: &[Field], fb: &[Field], dir: Dir, place: &str, path: &str, names: (&str, &str)) {
        for f in fa {
            if fb.iter().any(|g| g.name == f.name) {
                continue;
            }
            let rule = match dir {
                Dir::Request => Rule::RequestPropertyRemoved,
                Dir::Response if f.optional => Rule::ResponseOptionalPropertyRemoved,
                Dir::Response => Rule::ResponseRequiredPropertyRemoved,
            };
            self.push(rule, at(place, &format!("{path}.{}", f.name)), "");
            self.touch(0, names, &f.name);
        }
        for g in fb {
            let since = self.out.len();
            self.field(fa, g, dir, place, path);
            self.touch(since, names, &g.name);
        }
    }

    /// One field of the new side, against the old side's field of the same JSON name.
    fn field(&mut self, fa: &[Field], g: &Field, dir: Dir, place: &str, path: &str) {
        let here = format!("{path}.{}", g.name);
        let Some(f) = fa.iter().find(|f| f.name == g.name) else {
            let rule = match (dir, g.optional) {
                (Dir::Request, false) => Rule::NewRequiredRequestProperty,
                (Dir::Request, true) => Rule::NewOptionalRequestProperty,
                (Dir::Response, false) => Rule::ResponseRequiredPropertyAdded,
                (Dir::Response, true) => Rule::ResponseOptionalPropertyAdded,
            };
            let detail = self.describe(self.new, &g.ty);
            self.push(rule, at(place, &here), detail);
            return;
        };
        let (became_optional, became_required, became_nullable, became_not_nullable) = match dir {
            Dir::Request => (
                Rule::RequestPropertyBecameOptional,
                Rule::RequestPropertyBecameRequired,
                Rule::RequestPropertyBecameNullable,
                Rule::RequestPropertyBecameNotNullable,
            ),
            Dir::Response => (
                Rule::ResponsePropertyBecameOptional,
                Rule::ResponsePropertyBecameRequired,
                Rule::ResponsePropertyBecameNullable,
                Rule::ResponsePropertyBecameNotNullable,
            ),
        };
        match (f.optional, g.optional) {
            (false, true) => self.push(became_optional, at(place, &here), ""),
            (true, false) => self.push(became_required, at(place, &here), ""),
            _ => {}
        }
        match (f.nullable, g.nullable) {
            (false, true) => self.push(became_nullable, at(place, &here), ""),
            (true, false) => self.push(became_not_nullable, at(place, &here), ""),
            _ => {}
        }
        self.ty(&f.ty, &g.ty, dir, place, &here);
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

/// What an operation that needs no credentials accepts.
const NO_CREDENTIALS: &str = "no credentials";

/// `response 200 body.items[].name`; `response 200 body` for the body itself.
fn at(place: &str, path: &str) -> String {
    format!("{place} body{path}")
}

/// The Rust type of a scalar, or `None` for lists, maps and named types. A timestamp is a
/// `Timestamp`, not a `String`: a change between them breaks callers' code.
fn rust_scalar(ty: &Ty) -> Option<&'static str> {
    match ty {
        Ty::Bool => Some("bool"),
        Ty::Integer => Some("i64"),
        Ty::Float => Some("f64"),
        Ty::String => Some("String"),
        Ty::DateTime => Some("Timestamp"),
        Ty::Duration => Some("TimeSpan"),
        Ty::Json => Some("Value"),
        Ty::List(_) | Ty::Map(_) | Ty::Named(_) => None,
    }
}

/// A type in words: `integer`, `list of object Pet`, `enum Kind`.
pub fn describe(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Bool => "boolean".into(),
        Ty::Integer => "integer".into(),
        Ty::Float => "number".into(),
        Ty::String => "string".into(),
        Ty::DateTime => "timestamp".into(),
        Ty::Duration => "duration".into(),
        Ty::Json => "any JSON".into(),
        Ty::List(item) => format!("list of {}", describe(api, item)),
        Ty::Map(value) => format!("map of {}", describe(api, value)),
        Ty::Named(id) => match api.types.defs.get(id.0) {
            Some(def) => {
                let kind = match def.kind {
                    TypeKind::Struct(_) => "object",
                    TypeKind::Enum { .. } => "enum",
                    TypeKind::Union(_) => "union",
                };
                format!("{kind} `{}`", def.name)
            }
            None => "unknown type".into(),
        },
    }
}

fn describe_scheme(s: &AuthScheme) -> String {
    match &s.kind {
        AuthKind::Header { header, prefix } => format!("header `{header}: {prefix}<secret>`"),
        AuthKind::Query { param } => format!("query `{param}=<secret>`"),
        AuthKind::Basic => "HTTP basic".into(),
        AuthKind::Bearer { prefix } => {
            // The emitter puts a space after a prefix that has none (`Bearer` -> `Bearer `).
            let space = if prefix.is_empty() || prefix.ends_with(' ') { "" } else { " " };
            format!("bearer `Authorization: {prefix}{space}<token>`")
        }
        AuthKind::KeyPair { header, prefix, separator } => format!("key pair `{header}: {prefix}<key>{separator}<secret>`"),
    }
}

/// The shape of what the builder offers for a scheme: a setter taking one secret, one taking
/// a key and a secret, or (bearer) a token setter plus a `with_<scheme>` client method.
fn setter_args(kind: &AuthKind) -> &'static str {
    match kind {
        AuthKind::Basic | AuthKind::KeyPair { .. } => "key and secret",
        AuthKind::Bearer { .. } => "token",
        AuthKind::Header { .. } | AuthKind::Query { .. } => "secret",
    }
}

fn status_name(status: Option<u16>) -> String {
    status.map(|s| s.to_string()).unwrap_or_else(|| "default".into())
}
