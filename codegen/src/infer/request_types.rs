//! Request fields typed from the response side of the API (third in strength, after examples,
//! schemas and prose): a request field with no evidence of its type takes the type the
//! responses give the same-named field, and a request string takes the open enum the responses
//! (or the prose) give it, so a client can send every value the server documents. Open enums
//! keep values they do not list, and `Value` accepts anything, so neither rejects data.

use super::build::{Builder, Role};
use crate::model::{Decision, DecisionKind, Ty, TypeKind};
use super::lenient::Documented;

impl Builder<'_> {
    /// `documented`: the types the responses give each field name.
    pub(super) fn request_types_from_responses(&mut self, documented: &Documented) {
        // An open enum of strings or of integer codes: it keeps any value of its kind.
        let open_enum = |types: &crate::model::Types, ty: &Ty, ints: bool| {
            matches!(ty, Ty::Named(id) if matches!(&types.get(*id).kind, TypeKind::Enum { open: true, values } if values.iter().all(|v| v.value.is_i64() == ints)))
        };
        let request_ids: Vec<_> = self.clusters.iter().filter(|c| c.role == Role::Request).map(|c| c.id).collect();
        for id in request_ids {
            let type_name = self.types.get(id).name.clone();
            let TypeKind::Struct(fields) = &self.types.defs[id.0].kind else { continue };
            let mut changes = Vec::new();
            for (k, f) in fields.iter().enumerate() {
                let Some(set) = documented.get(&f.name).filter(|s| s.len() == 1) else { continue };
                let Some(server) = set.first() else { continue };
                let reason = match (&f.ty, server) {
                    (Ty::Json, s) if *s != Ty::Json => "no request evidence shows its type, the responses' field of that name has one (and `null` stays allowed)",
                    (Ty::String, s) if open_enum(&self.types, s, false) && !f.lenient => "the responses' field of that name is an open enum, which keeps any string",
                    (Ty::Integer, s) if open_enum(&self.types, s, true) => "the responses' field of that name is an open enum of codes, which keeps any integer",
                    _ => continue,
                };
                changes.push((k, server.clone(), reason));
            }
            let TypeKind::Struct(fields) = &mut self.types.defs[id.0].kind else { continue };
            for (k, ty, reason) in changes {
                let f = &mut fields[k];
                self.decisions.push(Decision {
                    kind: DecisionKind::Widened,
                    subject: format!("{type_name}.{}", f.name),
                    detail: format!("typed from the response side: {reason}"),
                    evidence: f.origins.iter().take(1).cloned().collect(),
                });
                // `Value` accepted `null`; the typed field still does.
                f.nullable |= f.ty == Ty::Json;
                f.ty = ty;
            }
        }
    }
}
