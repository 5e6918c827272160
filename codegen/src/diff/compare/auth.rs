//! API-wide changes (servers and auth schemes) and what each operation accepts.

use super::Cx;
use crate::diff::rules::Rule;
use crate::model::{AuthKind, AuthScheme, Operation};
use std::collections::BTreeSet;

impl Cx<'_> {
    pub(super) fn servers(&mut self) {
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

    pub(super) fn schemes(&mut self) {
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

    /// What an operation accepts: scheme names, or `none` when it needs no credentials.
    pub(super) fn security(&mut self, o: &Operation, n: &Operation) {
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
}

/// What an operation that needs no credentials accepts.
const NO_CREDENTIALS: &str = "no credentials";

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
