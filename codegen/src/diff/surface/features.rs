//! The Cargo features: what a dependency's `features = [...]` compiles.

use super::Cx;
use crate::diff::rules::Rule;
use crate::surface::Surface;
use std::collections::BTreeMap;

impl Cx<'_> {
    pub(super) fn features(&mut self, old: &Surface, new: &Surface) {
        let (Some(fa), Some(fb)) = (&old.features, &new.features) else { return };
        for name in fa.keys().filter(|n| !fb.contains_key(*n)) {
            self.push(Rule::FeatureRemoved, None, format!("feature `{name}`"), String::new());
        }
        for name in fb.keys().filter(|n| !fa.contains_key(*n)) {
            self.push(Rule::FeatureAdded, None, format!("feature `{name}`"), String::new());
        }
        // Methods by operation, types by name through the renames; an item gone from the
        // crate is reported where it went.
        let method: BTreeMap<&str, &str> = old
            .methods
            .iter()
            .filter_map(|a| Some((a.name.as_str(), new.methods.iter().find(|b| b.key == a.key)?.name.as_str())))
            .collect();
        let gating = |name: &str, types: bool| -> Vec<&String> {
            fb.iter().filter(|(_, f)| if types { &f.types } else { &f.methods }.iter().any(|n| n == name)).map(|(n, _)| n).collect()
        };
        for (feature, a) in fa {
            let Some(b) = fb.get(feature) else { continue };
            for f in a.webhooks.iter().filter(|f| !b.webhooks.contains(f) && new.webhooks.iter().any(|w| w.function == **f)) {
                let now: Vec<&String> = fb.iter().filter(|(_, g)| g.webhooks.contains(f)).map(|(n, _)| n).collect();
                self.push(Rule::FeatureItemRemoved, None, format!("feature `{feature}`"), format!("`webhooks::{f}`, now under {}", list(&now)));
            }
            for (m, types) in a.methods.iter().map(|m| (m, false)).chain(a.types.iter().map(|t| (t, true))) {
                let now = match types {
                    true => Some(self.renames.get(m).cloned().unwrap_or_else(|| m.clone())).filter(|t| new.types.contains_key(t)),
                    false => method.get(m.as_str()).map(|n| n.to_string()),
                };
                let Some(now) = now else { continue };
                let kept = if types { &b.types } else { &b.methods }.contains(&now);
                // A type no feature gates any more compiles always, this one's builds too.
                let gated = gating(&now, types);
                let still = kept || (types && gated.is_empty());
                if !still {
                    let what = if types { "type" } else { "method" };
                    self.push(Rule::FeatureItemRemoved, None, format!("feature `{feature}`"), format!("{what} `{now}`, now under {}", list(&gated)));
                }
            }
        }
        // A type every build compiled that now needs a feature.
        let gated_before = |name: &str| fa.values().any(|f| f.types.iter().any(|t| t == name));
        for (name, _) in old.types.iter().filter(|(n, _)| !gated_before(n)) {
            let now = self.renames.get(name).cloned().unwrap_or_else(|| name.clone());
            let gated = gating(&now, true);
            if new.types.contains_key(&now) && !gated.is_empty() {
                self.push(Rule::FeatureItemRemoved, None, format!("type `{now}`"), format!("compiled always, now under {}", list(&gated)));
            }
        }
    }
}

fn list(features: &[&String]) -> String {
    let names: Vec<String> = features.iter().map(|f| format!("`{f}`")).collect();
    match names.len() {
        0 => "no feature".into(),
        1 => format!("feature {}", names[0]),
        _ => format!("any of features {}", names.join(", ")),
    }
}
