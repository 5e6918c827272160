//! The operations' error enums, grouped as `errors::error_groups` groups them, without
//! building tokens: its key was each variant's payload type as tokens turned into text, 45%
//! of `Features::new` on GitHub's description, which holds up the operations (the first job).

use crate::model::{Api, BodyKind};
use crate::name;
use crate::surface::{calls, rust_ty, RustTy};
use std::collections::{BTreeSet, HashMap};

/// What sets an error enum apart: each variant's status, name and payload type, the type as
/// written (`Payload::Json` and a typed `Value` are the same `::serde_json::Value`).
type Key = Vec<(u16, String, Option<RustTy>)>;

/// Per error enum, its name and the operations that use it, in order of first use.
pub(super) fn error_groups(api: &Api) -> Vec<(String, Vec<usize>)> {
    let mut groups: Vec<(String, Vec<usize>, usize)> = Vec::new();
    let mut keys: Vec<Key> = Vec::new();
    let mut by_key: HashMap<Key, usize> = HashMap::new();
    // Shared enums are named after their statuses; an operation's own name stays free.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (oi, op) in api.operations.iter().enumerate() {
        let Some(own) = calls::error_enum(op) else { continue };
        taken.insert(own.clone());
        let key: Key = calls::error_variants(op)
            .into_iter()
            .map(|(status, name, r)| {
                let payload = match (&r.ty, r.kind) {
                    (Some(ty), _) => Some(rust_ty(&api.types, ty)),
                    (None, BodyKind::Text) => Some(RustTy::String),
                    (None, BodyKind::Json) => Some(RustTy::Value),
                    _ => None,
                };
                (status, name, payload)
            })
            .collect();
        let at = match by_key.get(&key) {
            Some(at) => *at,
            None => {
                by_key.insert(key.clone(), groups.len());
                keys.push(key);
                groups.push((own, Vec::new(), keys.len() - 1));
                groups.len() - 1
            }
        };
        groups[at].1.push(oi);
    }
    let groups = groups
        .into_iter()
        .map(|(own, ops, key)| {
            if ops.len() < 2 {
                return (own, ops);
            }
            let statuses: Vec<String> = keys[key].iter().map(|(status, _, _)| status.to_string()).collect();
            (name::unique(format!("Status{}Error", statuses.join("_")), &mut taken), ops)
        })
        .collect();
    groups
}
