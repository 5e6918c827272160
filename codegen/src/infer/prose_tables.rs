//! Code tables apply API-wide: a table headed `BillingTransactionType` or `Activity Types`
//! documents every field of that name, in every type, request and response, not only the
//! bodies of the operation whose description holds it (APIs document a code once and use it
//! everywhere). Across operations the link is weaker, so a table is applied only where the
//! heading names the field itself (`Activity Types` for `ActivityType`, `Case status` for
//! `Case.Status`) and every value the examples show is in the table.

use super::build::{Builder, Root};
use super::prose::{norm, ProseField};
use super::prose_apply::{listed, Target};
use crate::model::{Decision, DecisionKind, Ty, TypeId, TypeKind};

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
fn code_tables(roots: &[Root]) -> Vec<&ProseField> {
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
