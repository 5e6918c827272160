//! Request fields that the examples send as strings where the server's responses use numbers
//! or booleans (`"AccountStage": "2"`, `"IsPrimary": "true"`). The field gets the type the
//! server documents (what its responses hold) and also accepts the string form the examples
//! show; serializing sends the documented type. Every such choice is in the report.

use super::build::{Builder, Role};
use super::shape::Shape;
use crate::model::{Decision, DecisionKind, Ty, TypeKind};
use std::collections::BTreeSet;
use std::sync::Arc;

/// The types the responses give each field name; the sets are ordered (their first is used).
pub(super) type Documented = foldhash::HashMap<String, BTreeSet<Ty>>;

impl Builder<'_> {
    /// The types the responses give each JSON field name. Built once for this step and
    /// [`Self::request_types_from_responses`]: neither changes a response cluster's type (every
    /// cluster has its own). A hash map, as only lookups by name read it (GitHub's 26k fields).
    pub(super) fn response_field_types(&self) -> Documented {
        let mut documented = Documented::default();
        for c in self.clusters.iter().filter(|c| c.role == Role::Response) {
            if let TypeKind::Struct(fields) = &self.types.get(c.id).kind {
                for f in fields {
                    documented.entry(f.name.clone()).or_default().insert(f.ty.clone());
                }
            }
        }
        documented
    }

    /// `documented`: what the responses hold, by JSON field name (only names with one clear
    /// type count).
    pub(super) fn lenient_requests(&mut self, documented: &Documented) {
        let int_enums: BTreeSet<usize> = (0..self.types.defs.len())
            .filter(|&i| matches!(&self.types.defs[i].kind, TypeKind::Enum { values, .. } if values.iter().all(|v| v.value.is_i64())))
            .collect();
        for ci in 0..self.clusters.len() {
            let (role, id) = (self.clusters[ci].role, self.clusters[ci].id);
            if role != Role::Request {
                continue;
            }
            let shape = Arc::clone(&self.clusters[ci].shape);
            let Some(object) = shape.object.as_deref() else { continue };
            let type_name = self.types.get(id).name.clone();
            let TypeKind::Struct(fields) = &mut self.types.defs[id.0].kind else { continue };
            for f in fields.iter_mut() {
                // One clear type; where some responses hold the prose's integer-coded enum and
                // others plain integers, the enum is what the server documents.
                let Some(server) = documented.get(&f.name).and_then(|set| {
                    let enums: Vec<&Ty> = set.iter().filter(|t| matches!(t, Ty::Named(n) if int_enums.contains(&n.0))).collect();
                    match (set.len(), enums.as_slice()) {
                        (1, _) => set.first(),
                        (_, [only]) if set.iter().all(|t| *t == Ty::Integer || t == *only) => Some(*only),
                        _ => None,
                    }
                }) else {
                    continue;
                };
                let Some(shape) = object.fields.get(f.name.as_str()).map(|fs| &fs.shape) else { continue };
                let fits = match server {
                    Ty::Integer => strings_parse(shape, |s| s.parse::<i64>().is_ok()) && shape.float == 0 && shape.bool == 0,
                    Ty::Bool => strings_parse(shape, |s| s == "true" || s == "false") && shape.int + shape.float == 0,
                    Ty::Named(n) => int_enums.contains(&n.0) && strings_parse(shape, |s| s.parse::<i64>().is_ok()),
                    _ => false,
                };
                if !fits || f.ty == *server {
                    continue;
                }
                let seen: Vec<&String> = shape.string.iter().flat_map(|s| s.values.iter()).take(3).collect();
                self.decisions.push(Decision {
                    kind: DecisionKind::Widened,
                    subject: format!("{type_name}.{}", f.name),
                    detail: format!(
                        "the examples send strings ({}) where responses hold {}; typed as the server documents, and strings are accepted on input",
                        seen.iter().map(|s| format!("{s:?}")).collect::<Vec<_>>().join(", "),
                        match server {
                            Ty::Integer => "integers".to_string(),
                            Ty::Bool => "booleans".to_string(),
                            _ => "integer codes".to_string(),
                        }
                    ),
                    evidence: shape.origins.iter().take(1).cloned().collect(),
                });
                f.ty = server.clone();
                f.lenient = true;
            }
        }
    }
}

/// Some strings were seen, and every one of them passes `ok`.
fn strings_parse(shape: &Shape, ok: impl Fn(&str) -> bool) -> bool {
    let Some(s) = &shape.string else { return false };
    !s.truncated && !s.values.is_empty() && s.values.iter().all(|v| ok(v)) && shape.array.is_none() && shape.object.is_none()
}
