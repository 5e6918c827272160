//! `specs/<api>/api.toml`: what the sources alone cannot say.
//!
//! The manifest names the crate, lists the sources in precedence order (on a disagreement the
//! earlier source wins), gives the base URLs and the auth schemes that the bundled APIs describe
//! only in prose, and holds every override of a decision the generator would otherwise take on
//! its own. The format is documented in `specs/README.md`.

use crate::diag::Error;
use crate::model::Origin;
use crate::overrides::KeyLines;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub package: Package,
    /// In precedence order.
    #[serde(default, rename = "source")]
    pub sources: Vec<SourceEntry>,
    /// Base URLs; the first is the client's default.
    #[serde(default)]
    pub servers: Vec<String>,
    #[serde(default, rename = "auth")]
    pub auth: Vec<AuthEntry>,
    #[serde(default)]
    pub overrides: Overrides,
    /// The file the manifest was read from, for diagnostics (empty when built in code).
    #[serde(skip)]
    pub file: String,
    /// The line of each override key, so a key that matches nothing can be pointed at.
    #[serde(skip)]
    pub key_lines: KeyLines,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// The crate name, e.g. `crankwheel-reseller`.
    pub name: String,
    pub version: String,
    /// Human title; defaults to the first source's title.
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    /// Path relative to the manifest's folder.
    pub file: String,
}

/// An auth scheme, and which operations accept it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AuthEntry {
    /// A stable name, used for the builder setter (`api_key` -> `.api_key(..)`).
    pub name: String,
    /// `header`, `query`, `basic`, `bearer` or `key_pair`.
    pub kind: String,
    /// For `header` and `key_pair`: the header name (default `Authorization`).
    pub header: Option<String>,
    /// For `query`: the parameter name.
    pub param: Option<String>,
    /// Text before the secret: `Basic ` for CrankWheel's raw key, `bearer ` for Outseta tokens.
    pub prefix: Option<String>,
    /// For `key_pair`: what joins key and secret (default `:`).
    pub separator: Option<String>,
    pub description: Option<String>,
    /// An operation accepts this scheme when the Authorization header its source shows
    /// contains one of these strings (for example `{{crankwheel-api-key}}`).
    #[serde(default)]
    pub matches: Vec<String>,
    /// Operations whose source says nothing about auth accept this scheme.
    #[serde(default)]
    pub default: bool,
}

/// Overrides of the generator's own decisions. Each one is listed in the report when applied.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    /// Operation method names, keyed by `METHOD /path` as the report shows it.
    #[serde(default)]
    pub operations: BTreeMap<String, String>,
    /// Type names: generated name -> wanted name.
    #[serde(default)]
    pub types: BTreeMap<String, String>,
    /// Per-field decisions keyed by `Type.field` (the generated type name and the JSON name).
    #[serde(default)]
    pub fields: BTreeMap<String, FieldOverride>,
    /// Parameter types keyed by `METHOD /path name` as the report shows them: `string`,
    /// `integer`, `float`, `bool`, `timestamp`, `duration`.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// Objects that are maps keyed by data (or, with `false`, structs), keyed by
    /// `Type.field` or the type name.
    #[serde(default)]
    pub maps: BTreeMap<String, bool>,
    /// Pairs of JSON names that mean one field: `[documented name, other name]`.
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
    /// Pairs of JSON names that are two fields, never paired as a renamed one.
    #[serde(default)]
    pub not_aliases: Vec<Vec<String>>,
    /// Enum values for fields the prose does not list (or lists wrongly), keyed by
    /// `Type.field`: strings, or integer codes.
    #[serde(default)]
    pub enums: BTreeMap<String, Vec<serde_json::Value>>,
    /// Success bodies the documents describe only in prose, keyed by `METHOD /path`: the
    /// media type of the 200 response (`"video/mp4"` makes the method return a byte stream).
    #[serde(default)]
    pub responses: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldOverride {
    /// The Rust field name.
    pub rename: Option<String>,
    /// `string`, `integer`, `float`, `bool`, `timestamp` (or `datetime`), `duration` (or
    /// `timespan`), `json`.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub optional: Option<bool>,
    pub nullable: Option<bool>,
    pub docs: Option<String>,
}

impl Manifest {
    pub fn parse(file: &str, text: &str) -> Result<Manifest, Error> {
        let mut manifest: Manifest = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            Error::at(&Origin::new(file, ""), line, format!("invalid manifest: {}", e.message()))
        })?;
        let origin = Origin::new(file, "");
        if manifest.sources.is_empty() {
            return Err(Error::at(&origin, None, "the manifest lists no [[source]]"));
        }
        if !is_crate_name(&manifest.package.name) {
            return Err(Error::at(&origin, None, format!("`{}` is not a valid crate name", manifest.package.name)));
        }
        for auth in &manifest.auth {
            if !matches!(auth.kind.as_str(), "header" | "query" | "basic" | "bearer" | "key_pair") {
                return Err(Error::at(
                    &origin,
                    None,
                    format!("auth `{}`: unknown kind `{}` (header, query, basic, bearer, key_pair)", auth.name, auth.kind),
                ));
            }
        }
        manifest.file = file.to_string();
        manifest.key_lines = crate::overrides::key_lines(text);
        crate::overrides::check_types(&manifest)?;
        Ok(manifest)
    }

    pub fn load(path: &Path) -> Result<Manifest, Error> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::at(&Origin::new(file.clone(), ""), None, format!("cannot read: {e}")))?;
        Manifest::parse(&file, &text)
    }
}

pub fn is_crate_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_with_sources_auth_and_overrides_parses() {
        let m = Manifest::parse(
            "api.toml",
            r#"
            servers = ["https://meeting.is"]
            [package]
            name = "demo"
            version = "0.1.0"
            [[source]]
            file = "a.json"
            [[auth]]
            name = "api_key"
            kind = "header"
            prefix = "Basic "
            matches = ["{{key}}"]
            [overrides.types]
            Foo = "Bar"
            "#,
        )
        .unwrap();
        assert_eq!(m.sources[0].file, "a.json");
        assert_eq!(m.auth[0].prefix.as_deref(), Some("Basic "));
        assert_eq!(m.overrides.types["Foo"], "Bar");
    }

    #[test]
    fn manifest_errors_name_the_line() {
        let err = Manifest::parse("api.toml", "[package]\nname = \"x\"\nversion = 3\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("api.toml:3"), "{text}");
    }

    #[test]
    fn manifest_without_sources_is_rejected() {
        let err = Manifest::parse("api.toml", "[package]\nname = \"x\"\nversion = \"1.0.0\"\n").unwrap_err();
        assert!(err.to_string().contains("no [[source]]"));
    }
}
