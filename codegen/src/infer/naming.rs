//! Model names clear of the names a generated crate already uses (`crate::reserved`): a
//! model that wants `Client`, `Duration` or an operation's `ListClientsBuilder` is named
//! `ClientModel`, and the report says why. The wanted name still names the types derived
//! from it (`ClientSettings`), and the manifest may use either.

use super::build::Builder;
use crate::model::{Decision, DecisionKind};
use crate::name;
use crate::reserved;

impl Builder<'_> {
    /// A free name for a new model: clear of the names the crate root and std use (the
    /// report says why it changed) and of the other models.
    pub(super) fn name_type(&mut self, wanted: String) -> String {
        let clash = reserved::type_clash(&wanted).or_else(|| {
            let shared_error = wanted.strip_prefix("Status").and_then(|r| r.strip_suffix("Error"));
            let shared_error = shared_error.is_some_and(|m| !m.is_empty() && m.chars().all(|c| c.is_ascii_digit() || c == '_'));
            let root = self.root_names.contains(&wanted) || shared_error;
            root.then_some("the name of an operation's builder or error type in the crate root")
        });
        let Some(why) = clash else { return name::unique(wanted, &mut self.taken) };
        let cleared = name::unique(reserved::clear_type(&wanted), &mut self.taken);
        self.cleared.insert(cleared.clone(), wanted.clone());
        self.decisions.push(Decision {
            kind: DecisionKind::Renamed,
            subject: wanted.clone(),
            detail: format!("model named `{cleared}`: `{wanted}` is {why} (another name: api.toml `[overrides.types] {cleared} = \"...\"`)"),
            evidence: Vec::new(),
        });
        cleared
    }

    /// The names the manifest may call a model by: its own, and the one it wanted.
    pub(super) fn manifest_names<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'n str> {
        std::iter::once(name).chain(self.cleared.get(name).map(String::as_str))
    }
}

/// The type name a field's value suggests. The list inside a page envelope (`items`, `data`)
/// is named for what the page holds: `PlanList.items` holds `Plan`s.
pub fn field_hint(field: &str, parent: &str) -> String {
    const ENVELOPE: &[&str] = &["items", "data", "results", "records", "entries", "rows"];
    if ENVELOPE.iter().any(|e| field.eq_ignore_ascii_case(e)) {
        if let Some(base) = parent.strip_suffix("List").filter(|b| !b.is_empty()) {
            return base.to_string();
        }
    }
    name::type_name(field)
}

/// The name of a map's values: `UserStats` holds `UserStat`s; when the singular is the same
/// word (`PlansProRata`), `PlansProRataValue`, so an override for the map never hits its values.
pub(super) fn map_value_hint(hint: &str) -> String {
    let single = name::type_name(&name::singular(hint));
    if single == hint {
        format!("{hint}Value")
    } else {
        single
    }
}
