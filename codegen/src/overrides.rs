//! The manifest's overrides behind typed lookups that remember which keys were used.
//!
//! Every part of the pipeline that honours `[overrides.*]` asks through [`Lookup`], so after
//! the build each key that matched nothing (a typo, a type renamed since, an operation gone
//! from the documents) is an error naming the line of `api.toml`, instead of an override that
//! silently does nothing.

use crate::diag::{Diagnostics, Error, Level};
use crate::manifest::{FieldOverride, Manifest, Overrides};
use crate::model::{Origin, Ty};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use toml::Spanned;

/// One override table of the manifest. Pairs (`aliases`, `not_aliases`) are keyed by their
/// index in the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    Operations,
    Types,
    Fields,
    Params,
    Maps,
    Enums,
    Responses,
    Aliases,
    NotAliases,
}

impl Table {
    const ALL: [Table; 9] =
        [Table::Operations, Table::Types, Table::Fields, Table::Params, Table::Maps, Table::Enums, Table::Responses, Table::Aliases, Table::NotAliases];

    fn name(self) -> &'static str {
        match self {
            Table::Operations => "operations",
            Table::Types => "types",
            Table::Fields => "fields",
            Table::Params => "params",
            Table::Maps => "maps",
            Table::Enums => "enums",
            Table::Responses => "responses",
            Table::Aliases => "aliases",
            Table::NotAliases => "not_aliases",
        }
    }

    /// Why a key of this table matched nothing.
    fn unmatched(self, key: &str) -> String {
        match self {
            Table::Operations | Table::Responses => format!("no operation is keyed `{key}` (keys are `METHOD /path` as the report shows them)"),
            Table::Types => format!("no generated type is named {key}"),
            Table::Fields | Table::Enums => {
                let (ty, field) = key.split_once('.').unwrap_or((key, ""));
                format!("no generated type {ty} has a field `{field}` (keys are `Type.json_name`)")
            }
            Table::Params => format!("no operation has the parameter `{key}` (keys are `METHOD /path name`)"),
            Table::Maps => format!("no object is named {key}"),
            Table::Aliases | Table::NotAliases => format!("no object has both fields {key}"),
        }
    }
}

/// The 1-based line of each override key in the manifest's text.
pub type KeyLines = BTreeMap<(Table, String), usize>;

/// The manifest's overrides, and which of their keys the build has used.
pub struct Lookup<'m> {
    overrides: &'m Overrides,
    used: Mutex<BTreeSet<(Table, String)>>,
}

impl<'m> Lookup<'m> {
    pub fn new(overrides: &'m Overrides) -> Self {
        Lookup { overrides, used: Mutex::new(BTreeSet::new()) }
    }

    fn hit<'v, V>(&self, table: Table, map: &'v BTreeMap<String, V>, key: &str) -> Option<&'v V> {
        let found = map.get(key);
        if found.is_some() {
            self.mark(table, key);
        }
        found
    }

    /// Records a key as matched, for lookups that walk a table themselves.
    pub fn mark(&self, table: Table, key: &str) {
        self.used.lock().unwrap_or_else(|e| e.into_inner()).insert((table, key.to_string()));
    }

    /// The method name for an operation keyed `METHOD /path` (or `METHOD /path (request name)`).
    pub fn operation(&self, key: &str) -> Option<&'m str> {
        self.hit(Table::Operations, &self.overrides.operations, key).map(String::as_str)
    }

    /// The wanted name of a generated type.
    pub fn type_name(&self, name: &str) -> Option<&'m str> {
        self.hit(Table::Types, &self.overrides.types, name).map(String::as_str)
    }

    /// The settings of a field keyed `Type.json_name`.
    pub fn field(&self, key: &str) -> Option<&'m FieldOverride> {
        self.hit(Table::Fields, &self.overrides.fields, key)
    }

    /// The type of a parameter keyed `METHOD /path name`.
    pub fn param(&self, key: &str) -> Option<&'m str> {
        self.hit(Table::Params, &self.overrides.params, key).map(String::as_str)
    }

    /// Whether an object of this name is a map (`true`) or a struct (`false`), if the
    /// manifest says.
    pub fn map(&self, name: &str) -> Option<bool> {
        self.hit(Table::Maps, &self.overrides.maps, name).copied()
    }

    /// The enum values of a field keyed `Type.json_name`.
    pub fn enum_values(&self, key: &str) -> Option<&'m [Value]> {
        self.hit(Table::Enums, &self.overrides.enums, key).map(Vec::as_slice)
    }

    /// Every enum key, unrecorded: the caller marks those it finds a field for.
    pub fn enum_keys(&self) -> impl Iterator<Item = &'m str> {
        self.overrides.enums.keys().map(String::as_str)
    }

    /// Whether `[overrides.responses]` sets this operation's success body (not recorded: the
    /// response step records what it applies).
    pub fn sets_response(&self, key: &str) -> bool {
        self.overrides.responses.contains_key(key)
    }

    /// Every `[overrides.responses]` entry, unrecorded.
    pub fn responses(&self) -> impl Iterator<Item = (&'m str, &'m str)> {
        self.overrides.responses.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn aliases(&self) -> &'m [Vec<String>] {
        &self.overrides.aliases
    }

    pub fn not_aliases(&self) -> &'m [Vec<String>] {
        &self.overrides.not_aliases
    }

    /// Records the `aliases` and `not_aliases` pairs an object holds both names of.
    pub fn mark_pairs(&self, has_field: impl Fn(&str) -> bool) {
        for (table, pairs) in [(Table::Aliases, self.aliases()), (Table::NotAliases, self.not_aliases())] {
            for (i, pair) in pairs.iter().enumerate() {
                if pair.len() == 2 && pair.iter().all(|n| has_field(n)) {
                    self.mark(table, &i.to_string());
                }
            }
        }
    }

    /// The keys nothing used, in table order and then key order.
    fn unused(&self) -> Vec<(Table, String)> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        let o = self.overrides;
        let mut out = Vec::new();
        for table in Table::ALL {
            let keys: Vec<String> = match table {
                Table::Operations => o.operations.keys().cloned().collect(),
                Table::Types => o.types.keys().cloned().collect(),
                Table::Fields => o.fields.keys().cloned().collect(),
                Table::Params => o.params.keys().cloned().collect(),
                Table::Maps => o.maps.keys().cloned().collect(),
                Table::Enums => o.enums.keys().cloned().collect(),
                Table::Responses => o.responses.keys().cloned().collect(),
                Table::Aliases => (0..o.aliases.len()).map(|i| i.to_string()).collect(),
                Table::NotAliases => (0..o.not_aliases.len()).map(|i| i.to_string()).collect(),
            };
            out.extend(keys.into_iter().filter(|k| !used.contains(&(table, k.clone()))).map(|k| (table, k)));
        }
        out
    }

    /// An error for each key that matched nothing, at its line of the manifest: an
    /// override that does nothing is a mistake the user should hear about.
    pub fn report_unused(&self, manifest: &Manifest, diags: &mut Diagnostics) {
        let file = if manifest.file.is_empty() { "api.toml" } else { manifest.file.as_str() };
        for (table, key) in self.unused() {
            let line = manifest.key_lines.get(&(table, key.clone())).copied();
            let (heading, subject, why) = match table {
                Table::Aliases | Table::NotAliases => {
                    let pairs = if table == Table::Aliases { self.aliases() } else { self.not_aliases() };
                    let names = key.parse::<usize>().ok().and_then(|i| pairs.get(i)).cloned().unwrap_or_default();
                    let listed: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
                    (format!("[overrides] {}", table.name()), format!("[{}]", listed.join(", ")), table.unmatched(&names.join(" and ")))
                }
                _ => (format!("[overrides.{}]", table.name()), format!("\"{key}\""), table.unmatched(&key)),
            };
            let origin = Origin::new(file, format!("/overrides/{}", table.name()));
            diags.push(Level::Error, &origin, line, format!("{heading} {subject}: {why}"));
        }
    }
}

/// A type `[overrides.fields]` (`type = ...`) or `[overrides.params]` names.
pub fn named_ty(name: &str) -> Option<Ty> {
    Some(match name {
        "string" => Ty::String,
        "integer" => Ty::Integer,
        "float" => Ty::Float,
        "bool" => Ty::Bool,
        "datetime" | "timestamp" => Ty::DateTime,
        "duration" | "timespan" => Ty::Duration,
        "json" => Ty::Json,
        _ => return None,
    })
}

/// Type names the generator would not know: a typo would otherwise quietly type a field as
/// JSON or a parameter as a string. A parameter is sent as text, so never `json`.
pub(crate) fn check_types(manifest: &Manifest) -> Result<(), Error> {
    let fields = manifest.overrides.fields.iter().filter_map(|(k, o)| Some((Table::Fields, k, o.ty.as_deref()?)));
    let params = manifest.overrides.params.iter().map(|(k, t)| (Table::Params, k, t.as_str()));
    for (table, key, ty) in fields.chain(params) {
        let known = named_ty(ty).is_some_and(|t| table == Table::Fields || t != Ty::Json);
        if !known {
            let line = manifest.key_lines.get(&(table, key.clone())).copied();
            let origin = Origin::new(manifest.file.clone(), format!("/overrides/{}", table.name()));
            let allowed = if table == Table::Fields { "string, integer, float, bool, timestamp, duration, json" } else { "string, integer, float, bool, timestamp, duration" };
            return Err(Error::at(&origin, line, format!("[overrides.{}] \"{key}\": unknown type `{ty}` ({allowed})", table.name())));
        }
    }
    Ok(())
}

/// The override keys of a manifest's text, with their lines. The text has parsed as a
/// [`Manifest`] already, so a failure here only loses the lines.
pub fn key_lines(text: &str) -> KeyLines {
    #[derive(Default, Deserialize)]
    struct Doc {
        #[serde(default)]
        overrides: Spans,
    }
    #[derive(Default, Deserialize)]
    struct Spans {
        #[serde(default)]
        operations: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        types: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        fields: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        params: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        maps: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        enums: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        responses: BTreeMap<Spanned<String>, IgnoredAny>,
        #[serde(default)]
        aliases: Vec<Spanned<IgnoredAny>>,
        #[serde(default)]
        not_aliases: Vec<Spanned<IgnoredAny>>,
    }
    let line = |start: usize| text[..start.min(text.len())].matches('\n').count() + 1;
    let Ok(doc) = toml::from_str::<Doc>(text) else { return KeyLines::new() };
    let s = doc.overrides;
    let mut out = KeyLines::new();
    let tables = [
        (Table::Operations, s.operations),
        (Table::Types, s.types),
        (Table::Fields, s.fields),
        (Table::Params, s.params),
        (Table::Maps, s.maps),
        (Table::Enums, s.enums),
        (Table::Responses, s.responses),
    ];
    for (table, keys) in tables {
        for key in keys.into_keys() {
            out.insert((table, key.get_ref().clone()), line(key.span().start));
        }
    }
    for (table, pairs) in [(Table::Aliases, s.aliases), (Table::NotAliases, s.not_aliases)] {
        for (i, pair) in pairs.iter().enumerate() {
            out.insert((table, i.to_string()), line(pair.span().start));
        }
    }
    out
}
