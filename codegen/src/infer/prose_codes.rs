//! Codes documented in prose: a heading followed by a Name/Value table of integers
//! (`<strong>Account stages</strong><table>…`), or by a list of `Name = 1,` pairs
//! (`Activity Types<br/> Custom = 10, Note = 50, …`), as C# enums are often pasted.

use super::prose::ProseField;
use crate::text::{block_text, strip_tags};
use serde_json::Value;

/// `<strong>Heading</strong>` followed by a Name/Value table whose values are integers.
pub fn tables(html: &str) -> Vec<ProseField> {
    let mut out = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower[from..].find("<table") {
        let start = from + rel;
        let Some(end_rel) = lower[start..].find("</table>") else { break };
        let end = start + end_rel;
        let heading = lower[..start].rfind("<strong>").and_then(|h| {
            let close = lower[h..start].find("</strong>")? + h;
            Some(html[h + "<strong>".len()..close].trim().to_string())
        });
        let mut values = Vec::new();
        for row in html[start..end].split("<tr").skip(1) {
            let cells: Vec<String> = row.split("<td").skip(1).map(|c| strip_tags(&format!("<td{c}")).trim().to_string()).collect();
            if let [name, code, ..] = cells.as_slice() {
                if let Ok(n) = code.parse::<i64>() {
                    values.push((Value::from(n), Some(name.clone())));
                }
            }
        }
        if let (Some(h), false) = (heading, values.is_empty()) {
            out.push(ProseField { path: h, values, loose: true, ..Default::default() });
        }
        from = end;
    }
    out
}

/// A heading line followed by `Name = code` pairs separated by commas or line breaks.
pub fn code_lists(description: &str) -> Vec<ProseField> {
    let text = block_text(description);
    let chunks: Vec<&str> = text.split([',', '\n', ';']).map(str::trim).filter(|c| !c.is_empty()).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chunks.len() {
        // The heading is the chunk before the first pair, or the text before a colon in it.
        let (heading, first) = match chunks[i].rsplit_once(':') {
            Some((h, rest)) if pair(rest).is_some() => (Some(h.trim()), rest),
            _ => (i.checked_sub(1).map(|p| chunks[p].trim_end_matches(':')), chunks[i]),
        };
        let Some(first) = pair(first) else {
            i += 1;
            continue;
        };
        let mut values = vec![first];
        let mut j = i + 1;
        while let Some(p) = chunks.get(j).and_then(|c| pair(c)) {
            values.push(p);
            j += 1;
        }
        if let Some(h) = heading.filter(|h| is_heading(h)) {
            if values.len() >= 2 {
                let values = values.into_iter().map(|(name, code)| (Value::from(code), Some(name.to_string()))).collect();
                out.push(ProseField { path: h.to_string(), values, loose: true, ..Default::default() });
            }
        }
        i = j;
    }
    out
}

/// `Custom = 10`, `AccountDeleted=104`.
fn pair(chunk: &str) -> Option<(&str, i64)> {
    let (name, code) = chunk.split_once('=')?;
    let (name, code) = (name.trim(), code.trim().parse::<i64>().ok()?);
    let ident = name.chars().next().is_some_and(char::is_alphabetic) && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    ident.then_some((name, code))
}

/// A short name (`Activity Types`, `BillingTransactionType`), not a sentence.
fn is_heading(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (1..=4).contains(&words.len()) && words.iter().all(|w| w.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pasted_name_equals_code_lists_become_code_tables() {
        let html = "<p>Retrieves all.</p><p>Activity Types\n<br />\n  Custom = 10,\n  Note = 50,\n  AccountDeleted=104</p><p>\nEntity Types\n<br />  Account = 1,\n  Person = 2</p>";
        let lists = code_lists(html);
        assert_eq!(lists.len(), 2);
        assert_eq!(lists[0].path, "Activity Types");
        assert!(lists[0].loose);
        assert_eq!(lists[0].values, vec![(json!(10), Some("Custom".into())), (json!(50), Some("Note".into())), (json!(104), Some("AccountDeleted".into()))]);
        assert_eq!(lists[1].path, "Entity Types");
        let inline = code_lists("<p>Duration: Forever = 1, Once = 2</p>");
        assert_eq!((inline[0].path.as_str(), inline[0].values.len()), ("Duration", 2));
    }

    #[test]
    fn sentences_and_single_pairs_are_not_code_tables() {
        assert!(code_lists("<p>Use the filter limit=25, offset=0 to page.</p>").is_empty());
        assert!(code_lists("<p>Set the value as you like. Mode = 1</p>").is_empty());
        assert!(code_lists("<p>GET /activities?ActivityType=100&amp;EntityType=1</p>").is_empty());
    }
}
