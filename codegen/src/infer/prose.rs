//! Field documentation and enums written in prose: what an operation's description says about
//! the fields of its bodies.
//!
//! The forms read here are the ones API documents use in practice:
//! - `**sname**: The short name of the company…` (a field and its doc; dotted for nested
//!   fields: `**settings.audit_log**: Default false…`);
//! - value lists in that doc: "Available values are 'eu1' (default, Ireland), 'eu2' …";
//! - "Possible values for **privilege** are:" followed by a list of `**user** (…)` items;
//! - a `**Account stages**` heading followed by a Name/Value table of integer codes;
//! - "Duration values:" followed by a list of `1 - Forever` items.

use super::prose_codes::{code_lists, tables};
use super::prose_null::{blanket, null_cue};
use crate::model::{Origin, SourceOperation};
use serde_json::Value;

/// What the prose says about one field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProseField {
    /// The field as the prose names it: `sname`, `settings.audit_log`, or a heading such as
    /// `Account stages` (matched loosely against field names).
    pub path: String,
    /// Markdown documentation, when the prose documents the field.
    pub doc: Option<String>,
    /// Values the prose lists, each with its own doc (`eu1`: "default, Ireland").
    pub values: Vec<(Value, Option<String>)>,
    /// The name comes from a heading, not a field name: match it loosely.
    pub loose: bool,
    /// The sentence saying the field may be null: its own doc's, or a blanket statement
    /// before it ("each of which can take the value null if unset").
    pub nullable: Option<String>,
    /// The operation whose description says all this, for the report.
    pub origin: Option<Origin>,
}

/// Reads an operation's description, each entry pointing back at the operation.
pub fn extract_from(op: &SourceOperation) -> Vec<ProseField> {
    let mut out = op.description.as_deref().map(extract).unwrap_or_default();
    let origin = description_origin(op);
    for f in &mut out {
        f.origin = Some(origin.clone());
    }
    out
}

/// Where an operation's description sits: under `request` in a Postman item, on the OpenAPI
/// operation.
pub fn description_origin(op: &SourceOperation) -> Origin {
    match op.origin.pointer.rsplit('/').nth(1) {
        Some("item") => op.origin.child("request").child("description"),
        _ if op.origin.pointer.starts_with("/paths/") => op.origin.child("description"),
        _ => op.origin.clone(),
    }
}

/// Reads a description (HTML or Markdown).
pub fn extract(description: &str) -> Vec<ProseField> {
    let mut out = tables(description);
    out.extend(code_lists(description));
    let markdown = if description.contains("</") { htmd::convert(description).unwrap_or_default() } else { description.to_string() };
    // htmd escapes Markdown punctuation (`audit\_log`); names must match as written.
    let markdown = if markdown.contains('\\') {
        markdown.replace("\\_", "_").replace("\\-", "-").replace("\\.", ".").replace("\\[", "[").replace("\\]", "]")
    } else {
        markdown
    };
    let lines: Vec<&str> = markdown.lines().filter(|l| !l.trim().is_empty()).collect();
    // A blanket statement covers the fields documented after it.
    let mut all_null: Option<String> = None;
    let mut i = 0;
    while i < lines.len() {
        let item = list_item(lines[i]);
        let content = item.unwrap_or(lines[i].trim());
        i += 1;
        if let Some((names, doc)) = field_doc(content).or_else(|| item.and_then(item_doc).map(|(n, d)| (vec![n], d))) {
            let values = quoted_values(&doc);
            let nullable = null_cue(&doc).or_else(|| all_null.clone());
            for name in names {
                out.push(ProseField { path: name, doc: Some(doc.clone()), values: values.clone(), nullable: nullable.clone(), ..Default::default() });
            }
            continue;
        }
        if let Some(sentence) = blanket(content) {
            all_null = Some(sentence);
            continue;
        }
        // "Possible values for **privilege** are:" or "Duration values:", then a list whose
        // items are values, not fields.
        if let Some((name, loose)) = list_intro(content) {
            let items: Vec<&str> = lines[i..].iter().map_while(|l| list_item(l)).collect();
            i += items.len();
            let values = list_values(&items);
            if !values.is_empty() {
                out.push(ProseField { path: name, values, loose, ..Default::default() });
            }
        }
    }
    out
}

/// The text of a Markdown list item (`*   text`, `- text`), or `None` for other lines.
fn list_item(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t.strip_prefix("* ").or_else(|| t.strip_prefix("- ")).or_else(|| t.strip_prefix("+ "))?;
    Some(rest.trim())
}

/// A field name at the start of a line, in bold or inline code: `**name**`, `` `name` ``,
/// `_name_`. Returns the name and what follows it.
fn leading_name(line: &str) -> Option<(&str, &str)> {
    leading_name_with(line, false)
}

/// `alternation`: the name may hold one `(a|b)` group, for [`expand`].
fn leading_name_with(line: &str, alternation: bool) -> Option<(&str, &str)> {
    for delim in ["**", "`", "_"] {
        if let Some(rest) = line.strip_prefix(delim) {
            let (name, after) = rest.split_once(delim)?;
            let name = name.trim();
            let allowed = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']') || (alternation && matches!(c, '(' | ')' | '|'));
            let valid = !name.is_empty() && name.len() <= 80 && name.chars().all(allowed);
            return valid.then_some((name, after));
        }
    }
    None
}

/// `**name**: doc`, `` `name`: doc `` or `**name** - doc` at the start of a paragraph; also
/// `**a** and **b**: doc` and `**settings.(window|tab)**: doc`, one doc for several fields.
fn field_doc(line: &str) -> Option<(Vec<String>, String)> {
    let (first, mut after) = leading_name_with(line, true)?;
    let mut names = expand(first);
    loop {
        let t = after.trim_start();
        let Some(next) = t.strip_prefix("and ").or_else(|| t.strip_prefix(", and ")).or_else(|| t.strip_prefix(", ")).or_else(|| t.strip_prefix("or ")) else { break };
        let Some((name, rest)) = leading_name_with(next.trim_start(), true) else { break };
        names.extend(expand(name));
        after = rest;
    }
    let after = after.trim_start_matches(['*', '_', '`']).trim_start();
    let doc = after.strip_prefix(':').or_else(|| after.strip_prefix("- "))?.trim();
    if doc.is_empty() || names.is_empty() {
        return None;
    }
    Some((names, doc.replace('\n', " ")))
}

/// `settings.allow_edit_(picture|name)` -> `settings.allow_edit_picture`, `settings.allow_edit_name`.
fn expand(name: &str) -> Vec<String> {
    let plain = |n: &str| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']'));
    let Some((head, rest)) = name.split_once('(') else { return if plain(name) { vec![name.to_string()] } else { Vec::new() } };
    let Some((group, tail)) = rest.split_once(')') else { return Vec::new() };
    let names: Vec<String> = group.split('|').map(|alt| format!("{head}{}{tail}", alt.trim())).collect();
    if names.len() < 2 || !names.iter().all(|n| plain(n)) {
        return Vec::new();
    }
    names
}

/// A list item that starts with a field name and goes on about it:
/// `**url** will be set only if…` (the name stays in the doc, as the sentence needs it).
fn item_doc(item: &str) -> Option<(String, String)> {
    let (name, after) = leading_name(item)?;
    let after = after.trim();
    if after.is_empty() || after.starts_with('(') {
        return None;
    }
    Some((name.to_string(), format!("`{name}` {after}")))
}

/// "Possible values for **privilege** are:" -> (`privilege`, exact);
/// "Duration values:" -> (`Duration`, loose).
fn list_intro(line: &str) -> Option<(String, bool)> {
    let lower = line.to_ascii_lowercase();
    if let Some(pos) = lower.find("values for ") {
        let rest = &line[pos + "values for ".len()..];
        let name: String = rest.trim_start_matches(['*', '`', '_']).chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '.')).collect();
        if !name.is_empty() && lower.trim_end().ends_with(':') {
            return Some((name, false));
        }
    }
    if let Some(head) = line.trim().strip_suffix("values:") {
        let name = head.trim().trim_matches(['*', '`']).trim();
        if !name.is_empty() && name.split_whitespace().count() <= 3 {
            return Some((name.to_string(), true));
        }
    }
    None
}

/// Items of a Markdown list: `**user** (a normal user)` or `1 - Forever`.
fn list_values(items: &[&str]) -> Vec<(Value, Option<String>)> {
    let mut out = Vec::new();
    for item in items {
        if let Some((code, label)) = item.split_once(" - ") {
            if let Ok(n) = code.trim().parse::<i64>() {
                out.push((Value::from(n), Some(label.trim().to_string())));
                continue;
            }
        }
        let (value, doc) = match item.strip_prefix("**").and_then(|r| r.split_once("**")) {
            Some((v, rest)) => (v.trim().to_string(), rest.trim()),
            None => continue,
        };
        let doc = doc.trim_start_matches(['(', ':', ' ']).trim_end_matches(')').trim();
        out.push((Value::String(value), (!doc.is_empty()).then(|| doc.to_string())));
    }
    out
}

/// Quoted values in a sentence that announces a closed set ("Available values are 'eu1' …").
fn quoted_values(doc: &str) -> Vec<(Value, Option<String>)> {
    const CUES: &[&str] = &["values are", "values can be", "a value of", "languages are", "can be either", "can currently be either", "one of", "must be either"];
    let lower = doc.to_ascii_lowercase();
    let Some(start) = CUES.iter().filter_map(|c| lower.find(c).map(|p| p + c.len())).min() else { return Vec::new() };
    // The set ends with the sentence.
    let sentence = &doc[start..];
    let end = sentence.find(". ").map_or(sentence.len(), |p| p + 1);
    let sentence = &sentence[..end];
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let q = chars[i];
        if q == '\'' || q == '"' || q == '`' {
            if let Some(len) = chars[i + 1..].iter().position(|&c| c == q) {
                let value: String = chars[i + 1..i + 1 + len].iter().collect();
                i += len + 2;
                // A parenthesis right after the value is its doc: 'eu1' (default, Ireland).
                let rest: String = chars[i..].iter().collect();
                let doc = rest.trim_start().strip_prefix('(').and_then(|r| r.split_once(')')).map(|(d, _)| d.trim().to_string());
                if !value.is_empty() && value.len() <= 40 && !value.contains(' ') {
                    out.push((Value::String(value), doc));
                }
                continue;
            }
        }
        i += 1;
    }
    if out.len() < 2 {
        return Vec::new();
    }
    out
}



/// A loose name (`Account stages`, `Renewal term`, `Case status`) and a field name
/// (`AccountStage`, `BillingRenewalTerm`, `Status`) are the same thing: the normalised heading
/// ends with the field, or the field ends with the heading.
pub fn loose_match(heading: &str, field: &str, type_name: &str) -> bool {
    let (h, f, t) = (norm(heading), norm(field), norm(type_name));
    if h.is_empty() || f.is_empty() {
        return false;
    }
    h == f || f.ends_with(&h) || h == format!("{t}{f}") || (h.ends_with(&f) && h.len() <= f.len() + t.len() && h.starts_with(&t))
}

/// A name for loose comparison: letters and digits, lower case, a plural `s` dropped
/// (`Activity Types` -> `activitytype`).
pub fn norm(s: &str) -> String {
    let s: String = s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_ascii_lowercase();
    s.strip_suffix('s').map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bold_field_paragraphs_become_docs_with_their_listed_values() {
        let html = "<p><strong>geo</strong>: The location. Available values are 'eu1' (default, Ireland), 'eu2' (Frankfurt) and 'us1' (Ohio).</p><p><strong>settings.audit_log</strong>: Default false.</p>";
        let fields = extract(html);
        assert_eq!(fields[0].path, "geo");
        assert!(fields[0].doc.as_deref().unwrap().starts_with("The location."));
        let values: Vec<&Value> = fields[0].values.iter().map(|v| &v.0).collect();
        assert_eq!(values, [&json!("eu1"), &json!("eu2"), &json!("us1")]);
        assert_eq!(fields[0].values[0].1.as_deref(), Some("default, Ireland"));
        assert_eq!(fields[1].path, "settings.audit_log");
        assert!(fields[1].values.is_empty());
    }

    #[test]
    fn possible_values_lists_and_integer_tables_become_enums() {
        let html = "<p>Possible values for <strong>privilege</strong> are:</p><ul><li><strong>user</strong> (a normal user)</li><li><strong>admin</strong> (an admin)</li></ul>\
                    <p><strong>Account stages</strong></p><table><tr><th>Name</th><th>Value</th></tr><tr><td>Trialing</td><td>2</td></tr><tr><td>Past due</td><td>7</td></tr></table>\
                    <ul><li>Duration values:<ul><li>1 - Forever</li><li>2 - Once</li></ul></li></ul>";
        let fields = extract(html);
        let stages = fields.iter().find(|f| f.path == "Account stages").unwrap();
        assert_eq!(stages.values, vec![(json!(2), Some("Trialing".into())), (json!(7), Some("Past due".into()))]);
        let privilege = fields.iter().find(|f| f.path == "privilege").unwrap();
        assert_eq!(privilege.values[1], (json!("admin"), Some("an admin".into())));
        let duration = fields.iter().find(|f| f.path == "Duration").unwrap();
        assert_eq!(duration.values[0], (json!(1), Some("Forever".into())));
    }

    #[test]
    fn headings_match_field_names_loosely() {
        assert!(loose_match("Account stages", "AccountStage", "Account"));
        assert!(loose_match("Renewal term", "BillingRenewalTerm", "Subscription"));
        assert!(loose_match("Case status", "Status", "Case"));
        assert!(loose_match("BillingRenewalTerm", "BillingRenewalTerm", "Subscription"));
        assert!(!loose_match("Case status", "Source", "Case"));
        assert!(!loose_match("Account stages", "Name", "Account"));
    }

    #[test]
    fn one_doc_for_several_fields_documents_each() {
        let html = "<p><strong>first_limit</strong> and <strong>hard_limit</strong>: Both set at once.</p><p><strong>settings.(window|tab|screen)</strong>: True by default.</p><p><strong>settings.allow_(a|b</strong>: broken.</p>";
        let paths: Vec<String> = extract(html).into_iter().map(|f| f.path).collect();
        assert_eq!(paths, ["first_limit", "hard_limit", "settings.window", "settings.tab", "settings.screen"]);
    }

    #[test]
    fn a_blanket_null_statement_covers_the_fields_after_it_only() {
        let html = "<p><strong>before</strong>: Not covered.</p><p>Each object has these attributes, each of which may be null:</p>\
                    <p><strong>id</strong>: The ID.</p><p><strong>logo</strong>: A URL, or nil if unset.</p>";
        let fields = extract(html);
        let null = |p: &str| fields.iter().find(|f| f.path == p).unwrap().nullable.clone();
        assert_eq!(null("before"), None);
        assert!(null("id").unwrap().contains("each of which may be null"));
        assert_eq!(null("logo").as_deref(), Some("A URL, or nil if unset."));
    }

    #[test]
    fn prose_without_a_closed_set_gives_no_values() {
        let fields = extract("<p><strong>logo</strong>: A URL to the logo, or nil if unset.</p>");
        assert!(fields[0].values.is_empty());
        assert!(extract("<p>Nothing to see here: 'a' and 'b'.</p>").is_empty());
    }
}
