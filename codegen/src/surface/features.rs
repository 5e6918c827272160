//! The crate's Cargo features as a user's `features = [...]` sees them: each feature and the
//! methods, models and webhook decode functions it compiles. The mapping is `feature_map`'s, which emit's
//! `#[cfg]`s follow too.

use super::FeatureItem;
use super::feature_map::FeatureMap;
use crate::model::Api;
use std::collections::{BTreeMap, BTreeSet};

/// Every feature by name, with its methods (in the API's order) and models (sorted), from
/// the API's feature map and alias targets (`types::alias_targets`).
pub fn items(api: &Api, features: &FeatureMap, alias_targets: &[Option<usize>]) -> BTreeMap<String, FeatureItem> {
    let mut out: BTreeMap<String, FeatureItem> = features.names.iter().map(|n| (n.clone(), FeatureItem::default())).collect();
    for (op, i) in api.operations.iter().zip(&features.of_op) {
        out.entry(features.names[*i].clone()).or_default().methods.push(op.id.trim_start_matches("r#").to_string());
    }
    for ((function, _), i) in super::webhooks::group_names(api).into_iter().zip(&features.of_webhook) {
        out.entry(features.names[*i].clone()).or_default().webhooks.push(function);
    }
    // An alias compiles its target, as the gate writes it: the target needs any feature of
    // either (none when either compiles always).
    let mut of_type: Vec<Option<BTreeSet<usize>>> = features.of_type.clone();
    for (i, first) in alias_targets.iter().enumerate() {
        let Some(first) = *first else { continue };
        of_type[first] = match (&of_type[first], &of_type[i]) {
            (Some(a), Some(b)) => Some(a.union(b).copied().collect()),
            _ => None,
        };
    }
    for (def, cfg) in api.types.defs.iter().zip(&of_type) {
        for i in cfg.iter().flatten() {
            out.entry(features.names[*i].clone()).or_default().types.push(def.name.trim_start_matches("r#").to_string());
        }
    }
    for item in out.values_mut() {
        item.types.sort();
    }
    out
}
