//! Code tables apply API-wide: a table headed `BillingTransactionType` or `Activity Types`
//! documents every field of that name, in every type, request and response, not only the
//! bodies of the operation whose description holds it (APIs document a code once and use it
//! everywhere). Across operations the link is weaker, so a table is applied only where the
//! heading names the field itself (`Activity Types` for `ActivityType`, `Case status` for
//! `Case.Status`) and every value the examples show is in the table.

use super::build::{Builder, Root};
use super::prose::{norm, ProseField};
use super::prose_apply::{listed, Target};
use crate::model::{Decision, DecisionKind, EnumValue, Operation, Origin, ParamLocation, Ty, TypeDef, TypeId, TypeKind, Types};
use crate::name;
use serde_json::Value;
use std::collections::BTreeSet;

impl Builder<'_> {
    pub(super) fn apply_code_tables(&mut self, roots: &[Root]) {
        let tables = code_tables(roots);
        if tables.is_empty() {
            return;
        }
        for id in (0..self.types.defs.len()).map(TypeId) {
            let type_name = self.types.get(id).name.clone();
            let TypeKind::Struct(fields) = &self.types.get(id).kind else { continue };
            // Fields already made enums (by their own operation's prose) stay as they are.
            let wanted: Vec<(usize, String)> = fields.iter().enumerate().filter(|(_, f)| f.ty == Ty::Integer).map(|(i, f)| (i, f.name.clone())).collect();
            for (index, field) in wanted {
                let Some(table) = best(&tables, &field, &type_name) else { continue };
                let seen = self.observed_values(id, &field, true);
                let unknown: Vec<String> = seen.iter().filter(|v| !table.values.iter().any(|(t, _)| t == *v)).map(|v| v.to_string()).collect();
                if !unknown.is_empty() {
                    self.decisions.push(Decision {
                        kind: DecisionKind::Enum,
                        subject: format!("{type_name}.{field}"),
                        detail: format!("the prose table `{}` ({}) lacks {}, which the examples show; kept as an integer", table.path, listed(table), unknown.join(", ")),
                        evidence: table.origin.iter().cloned().collect(),
                    });
                    continue;
                }
                self.apply_entry(table, &Target { ty: id, field: index });
            }
        }
    }
}

/// Distinct tables of integer codes, in the order the operations come.
pub fn code_tables(roots: &[Root]) -> Vec<&ProseField> {
    let mut out: Vec<&ProseField> = Vec::new();
    for e in roots.iter().flat_map(|r| &r.prose) {
        let codes = e.loose && !e.values.is_empty() && e.values.iter().all(|(v, _)| v.is_i64());
        if codes && !out.iter().any(|t| t.path == e.path && t.values == e.values) {
            out.push(e);
        }
    }
    out
}

/// The table whose heading names the field: the field's own name first (`BillingRenewalTerm`),
/// then the type and field (`Case status`); among equals the longest, then the first.
fn best<'t>(tables: &[&'t ProseField], field: &str, type_name: &str) -> Option<&'t ProseField> {
    let (f, t) = (norm(field), norm(type_name));
    let rank = |e: &ProseField| {
        let h = norm(&e.path);
        if h == f {
            Some(0)
        } else if !t.is_empty() && h == format!("{t}{f}") {
            Some(1)
        } else {
            None
        }
    };
    let mut found: Vec<(usize, usize, &ProseField)> = tables.iter().enumerate().filter_map(|(i, e)| rank(e).map(|r| (r, i, *e))).collect();
    found.sort_by_key(|(r, i, e)| (*r, std::cmp::Reverse(e.values.len()), *i));
    found.first().map(|(_, _, e)| *e)
}

/// Query and header parameters a code table names (`?ActivityType=100`) take its enum: the
/// one the fields use where there is one, a new one otherwise. Parameters are typed after the
/// bodies, so this runs on the built arena.
pub fn type_params(tables: &[&ProseField], types: &mut Types, op: &mut Operation, examples: &dyn Fn(&str) -> Vec<Value>, decisions: &mut Vec<Decision>) {
    let place = format!("{} {}", op.method.as_str(), op.path.to_openapi());
    for p in op.params.iter_mut().filter(|p| p.location != ParamLocation::Path && p.ty == Ty::Integer) {
        let Some(table) = best(tables, &p.name, "") else { continue };
        let subject = format!("{place} parameter {}", p.name);
        let seen: Vec<i64> = examples(&p.name).iter().filter_map(|v| v.as_i64().or_else(|| v.as_str()?.trim().parse().ok())).collect();
        let unknown: Vec<String> = seen.iter().filter(|n| !table.values.iter().any(|(t, _)| t.as_i64() == Some(**n))).map(i64::to_string).collect();
        let evidence: Vec<Origin> = table.origin.iter().cloned().collect();
        if !unknown.is_empty() {
            let detail = format!("the prose table `{}` ({}) lacks {}, which the examples send; kept as an integer", table.path, listed(table), unknown.join(", "));
            decisions.push(Decision { kind: DecisionKind::Enum, subject, detail, evidence });
            continue;
        }
        p.ty = Ty::Named(enum_for(types, table, &p.name));
        let detail = format!("values from the prose (`{}`): {}", table.path, listed(table));
        decisions.push(Decision { kind: DecisionKind::Enum, subject, detail, evidence });
    }
}

/// The open enum the fields got from the table (its codes, then any the examples added), or
/// a new one.
fn enum_for(types: &mut Types, table: &ProseField, param: &str) -> TypeId {
    let codes: Vec<&Value> = table.values.iter().map(|(v, _)| v).collect();
    let starts_with_table = |def: &TypeDef| matches!(&def.kind, TypeKind::Enum { values, .. } if values.len() >= codes.len() && values.iter().map(|v| &v.value).zip(&codes).all(|(a, b)| a == *b));
    if let Some(i) = types.defs.iter().position(starts_with_table) {
        return TypeId(i);
    }
    let mut taken: BTreeSet<String> = types.defs.iter().map(|d| d.name.clone()).collect();
    let name = name::unique(name::type_name(param), &mut taken);
    let values = table.values.iter().map(|(v, label)| EnumValue { value: v.clone(), label: label.clone(), docs: None }).collect();
    types.push(TypeDef { name, docs: None, kind: TypeKind::Enum { values, open: true }, origins: Vec::new() })
}
