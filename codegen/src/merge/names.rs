//! The names the merge decides: each operation's method name, clear of the `Client`'s own
//! methods and unique by the form that names its builder and error types; and the report of
//! setters and auth setters renamed to keep clear of the runtime's (see `crate::reserved`).

use super::auth::Scheme;
use super::group::Group;
use crate::diag::Diagnostics;
use crate::overrides::Lookup;
use crate::model::{AuthKind, Decision, DecisionKind, OpParam};
use crate::name;
use crate::reserved;
use std::collections::BTreeSet;

/// The method name of each group, in order.
pub fn method_names(overrides: &Lookup<'_>, groups: &[Group<'_>], schemes: &[Scheme], decisions: &mut Vec<Decision>, diags: &mut Diagnostics) -> Vec<String> {
    // `Client::with_<scheme>` exists for each bearer scheme (see `emit::library`).
    let client_names: BTreeSet<String> = schemes
        .iter()
        .filter(|s| matches!(s.scheme.kind, AuthKind::Bearer { .. }))
        .map(|s| reserved::with_token_name(&name::snake(&s.scheme.name)))
        .collect();
    let mut taken = BTreeSet::new();
    let mut method_names = Vec::new();
    for g in groups {
        let key = format!("{} {}", g.method.as_str(), g.path.to_openapi());
        // Operations split on one method and path are told apart by their request's name.
        let named = g.members[0].name.as_deref().map(|n| format!("{key} ({})", n.trim()));
        let (key, renamed) = match named.and_then(|k| overrides.operation(&k).map(|n| (k, n))) {
            Some((k, n)) => (k, Some(n)),
            None => {
                let n = overrides.operation(&key);
                (key, n)
            }
        };
        let wanted = match renamed {
            Some(name) => {
                decisions.push(Decision {
                    kind: DecisionKind::Override,
                    subject: key.clone(),
                    detail: format!("method named `{name}` by the manifest"),
                    evidence: Vec::new(),
                });
                name::snake(name)
            }
            None => operation_name(g),
        };
        let wanted = clear_method_name(g, wanted, &client_names, decisions);
        // Unique by the PascalCase form, which names the method's builder and error types
        // (`foo2` and `foo_2` are both `Foo2Builder`).
        let mut unique = wanted.clone();
        for n in 2.. {
            if taken.insert(name::pascal(&unique)) {
                break;
            }
            unique = format!("{}{n}", wanted.trim_start_matches("r#"));
        }
        if unique != wanted {
            // Two operations want one method name: both keep working, and the user is told.
            let origin = g.members[0].origin.clone();
            diags.warn(&origin, format!("two operations want the method name `{wanted}`; `{key}` gets `{unique}` (rename it in api.toml [overrides.operations])"));
        }
        method_names.push(unique);
    }
    method_names
}

/// The names the crate root gives each operation's builder and error type: models keep
/// clear of them.
pub fn root_type_names(method_names: &[String]) -> BTreeSet<String> {
    method_names.iter().flat_map(|m| ["Builder", "Error", "OperationError"].map(|suffix| format!("{}{suffix}", name::pascal(m)))).collect()
}

/// Reports the auth schemes whose builder setter or `Client::with_<scheme>` method is not
/// their own name, the name being a method already (`emit::library` names them).
pub fn record_auth_names(schemes: &[Scheme], decisions: &mut Vec<Decision>) {
    for s in schemes {
        let wanted = name::snake(&s.scheme.name);
        let mut renamed = Vec::new();
        if let Some(why) = reserved::builder_clash(&wanted) {
            renamed.push(format!("setter named `{}_auth`: `{wanted}` is {why}", wanted.trim_start_matches("r#")));
        }
        let plain = format!("with_{}", wanted.trim_start_matches("r#"));
        if let (AuthKind::Bearer { .. }, Some(why)) = (&s.scheme.kind, reserved::method_clash(&plain)) {
            renamed.push(format!("client method named `{}`: `{plain}` is {why}", reserved::with_token_name(&wanted)));
        }
        if !renamed.is_empty() {
            decisions.push(Decision { kind: DecisionKind::Renamed, subject: format!("auth {}", s.scheme.name), detail: renamed.join("; "), evidence: Vec::new() });
        }
    }
}

/// The method name: the top source's operationId, else its request name or summary, else
/// the method and path.
fn operation_name(g: &Group<'_>) -> String {
    for m in &g.members {
        if let Some(id) = m.operation_id.as_deref().filter(|s| !s.trim().is_empty()) {
            // Postman has no operationId; an OpenAPI source with one is authoritative.
            if m.name.is_none() || g.members[0].operation_id.is_some() {
                return name::snake(id);
            }
        }
        if let Some(n) = m.name.as_deref().filter(|s| !s.trim().is_empty()) {
            return name::snake(n);
        }
    }
    path_name(g)
}

/// The method and path as a method name: `GET /clients/{id}` -> `get_clients_by_id`.
fn path_name(g: &Group<'_>) -> String {
    let lits: Vec<String> = g
        .path
        .segments
        .iter()
        .map(|s| match s {
            crate::model::Segment::Literal(l) => l.clone(),
            crate::model::Segment::Param(p) => format!("by {p}"),
        })
        .collect();
    name::snake(&format!("{} {}", g.method.as_str().to_lowercase(), lits.join(" ")))
}

/// A method name clear of the `Client`'s own methods (`get`, `delete`, `clone`, ...): the
/// method and path name instead, else the name with `_operation`; the report says why.
fn clear_method_name(g: &Group<'_>, wanted: String, client_names: &BTreeSet<String>, decisions: &mut Vec<Decision>) -> String {
    let clash = |n: &str| reserved::method_clash(n).or_else(|| client_names.contains(n).then_some("a method of the crate's `Client`"));
    let Some(why) = clash(&wanted) else { return wanted };
    let by_path = path_name(g);
    let cleared = if clash(&by_path).is_none() && by_path != wanted { by_path } else { format!("{}_operation", wanted.trim_start_matches("r#")) };
    let key = format!("{} {}", g.method.as_str(), g.path.to_openapi());
    decisions.push(Decision {
        kind: DecisionKind::Renamed,
        subject: key.clone(),
        detail: format!("method named `{cleared}`: `{wanted}` is {why} (another name: api.toml `[overrides.operations] \"{key}\" = \"...\"`)"),
        evidence: g.members.iter().map(|m| m.origin.clone()).take(1).collect(),
    });
    cleared
}

/// Reports the optional parameters whose setter is not their own name (`query_param`), the
/// name being a method of the request (`emit::operations` names them the same way).
pub fn record_setter_names(g: &Group<'_>, params: &[OpParam], decisions: &mut Vec<Decision>) {
    for p in params.iter().filter(|p| !p.required) {
        let wanted = name::snake(&p.name);
        let Some(why) = reserved::setter_clash(&wanted) else { continue };
        decisions.push(Decision {
            kind: DecisionKind::Renamed,
            subject: format!("{} {} {}", g.method.as_str(), g.path.to_openapi(), p.name),
            detail: format!("setter named `{}`: `{wanted}` is {why}", reserved::setter_name(wanted.clone())),
            evidence: g.members.iter().map(|m| m.origin.clone()).take(1).collect(),
        });
    }
}

