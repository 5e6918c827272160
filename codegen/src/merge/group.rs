//! Operation identity: which operations of which sources are one operation of the API.
//!
//! Identity is method + path with parameters compared by position (as oasdiff matches
//! endpoints), and a trailing slash ignored. Sources come in the manifest's precedence order,
//! so the first member of a group is the one whose words win.

use crate::model::{Decision, DecisionKind, Method, PathTemplate, Segment, Source, SourceOperation};
use foldhash::HashMap;
use std::collections::BTreeMap;

/// One operation of the API, with every source's view of it, highest precedence first.
pub struct Group<'a> {
    pub method: Method,
    pub path: PathTemplate,
    pub members: Vec<&'a SourceOperation>,
    /// Split from requests that send credentials (see `split`): this one sends none.
    pub no_auth: bool,
    /// Where the responses come from when not from `members`: a split group whose requests
    /// document none shares its sibling's (one method and path answer alike).
    pub responses_from: Vec<&'a SourceOperation>,
}

/// The path without a trailing slash (`/crm/accounts/` and `/crm/accounts` are one endpoint).
pub fn canonical_path(path: &PathTemplate) -> PathTemplate {
    let mut segments = path.segments.clone();
    while matches!(segments.last(), Some(Segment::Literal(s)) if s.is_empty()) {
        segments.pop();
    }
    PathTemplate { segments }
}

/// Groups the operations of all sources. Groups come out sorted by path, then method.
pub fn group<'a>(sources: &'a [Source], decisions: &mut Vec<Decision>) -> Vec<Group<'a>> {
    let mut groups: BTreeMap<(String, Method), Group<'a>> = BTreeMap::new();
    for source in sources {
        for op in &source.operations {
            let path = canonical_path(&op.path);
            let key = (path.shape_key(), op.method);
            groups.entry(key).or_insert_with(|| Group { method: op.method, path, members: Vec::new(), no_auth: false, responses_from: Vec::new() }).members.push(op);
        }
    }
    let groups = super::split::split_by_auth(groups.into_values().collect(), decisions);
    for g in &groups {
        record_conflicts(g, decisions);
    }
    groups
}

fn record_conflicts(g: &Group<'_>, decisions: &mut Vec<Decision>) {
    let subject = format!("{} {}", g.method.as_str(), g.path.to_openapi());
    if g.members.len() < 2 {
        return;
    }
    let first = g.members[0];
    let same_file = g.members.iter().filter(|m| m.origin.file == first.origin.file).count();
    if same_file > 1 {
        let names: Vec<String> = g
            .members
            .iter()
            .filter(|m| m.origin.file == first.origin.file)
            .map(|m| format!("`{}`", m.name.as_deref().unwrap_or("?")))
            .collect();
        decisions.push(Decision {
            kind: DecisionKind::OperationMerged,
            subject: subject.clone(),
            detail: format!("{} requests differ only in example values or bodies and are one operation: {}", names.len(), names.join(", ")),
            evidence: g.members.iter().filter(|m| m.origin.file == first.origin.file).map(|m| m.origin.clone()).collect(),
        });
    }
    for other in &g.members[1..] {
        if other.origin.file == first.origin.file {
            continue;
        }
        let (a, b) = (first.name.as_deref().map(str::trim), other.name.as_deref().map(str::trim));
        if let (Some(a), Some(b)) = (a, b) {
            if !a.eq_ignore_ascii_case(b) {
                decisions.push(Decision {
                    kind: DecisionKind::SourceConflict,
                    subject: subject.clone(),
                    detail: format!("`{}` calls it \"{b}\"; `{}` calls it \"{a}\", which wins by precedence", other.origin.file, first.origin.file),
                    evidence: vec![first.origin.clone(), other.origin.clone()],
                });
            }
        }
        let first_params: Vec<&str> = first.path.params().collect();
        let other_params: Vec<&str> = other.path.params().collect();
        if first_params != other_params {
            decisions.push(Decision {
                kind: DecisionKind::SourceConflict,
                subject: subject.clone(),
                detail: format!("path parameters are named {other_params:?} in `{}` and {first_params:?} in `{}`, which wins", other.origin.file, first.origin.file),
                evidence: vec![first.origin.clone(), other.origin.clone()],
            });
        }
    }
}

/// A group with its members named by place (source, operation) instead of by reference, so
/// that the sources can be changed while the grouping is kept (see `merge::release_evidence`).
pub struct Placed {
    method: Method,
    path: PathTemplate,
    members: Vec<(usize, usize)>,
    no_auth: bool,
    responses_from: Vec<(usize, usize)>,
}

/// The groups by place. Every member is an operation of `sources` (`group` took it there).
pub fn place(groups: Vec<Group<'_>>, sources: &[Source]) -> Vec<Placed> {
    let mut at: HashMap<*const SourceOperation, (usize, usize)> = HashMap::default();
    for (s, source) in sources.iter().enumerate() {
        for (o, op) in source.operations.iter().enumerate() {
            at.insert(op, (s, o));
        }
    }
    let places = |members: Vec<&SourceOperation>| members.into_iter().filter_map(|m| at.get(&(m as *const _)).copied()).collect();
    groups
        .into_iter()
        .map(|g| Placed { method: g.method, path: g.path, members: places(g.members), no_auth: g.no_auth, responses_from: places(g.responses_from) })
        .collect()
}

/// The groups again, their members in `sources`, which hold the operations `place` saw.
pub fn unplace<'a>(placed: Vec<Placed>, sources: &'a [Source]) -> Vec<Group<'a>> {
    let refs = |places: Vec<(usize, usize)>| places.into_iter().filter_map(|(s, o)| sources.get(s)?.operations.get(o)).collect();
    placed
        .into_iter()
        .map(|p| Group { method: p.method, path: p.path, members: refs(p.members), no_auth: p.no_auth, responses_from: refs(p.responses_from) })
        .collect()
}
