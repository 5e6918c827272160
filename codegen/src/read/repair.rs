//! Near-valid JSON, repaired: examples written by hand, in saved responses or in prose,
//! often miss a closing quote or bracket, or elide (`{ ... }`) what they do not show. An
//! example the API documents is evidence; throwing it away for one missing `"` loses it.
//!
//! Repaired, where the intent is plain: elisions (`{ ... }`, `"a": 1, …`), trailing commas,
//! strings left open at the end of a line (closed before the comma that follows them) or of
//! the text, and brackets left open or closed in the wrong order. Anything else stays
//! unreadable: a guess would be worse than no example. The caller says what was repaired.

use serde_json::Value;

/// The repaired value and what was repaired, or `None` when it still does not parse.
pub fn repair_json(text: &str) -> Option<(Value, Vec<&'static str>)> {
    let mut repairs: Vec<&'static str> = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut stack: Vec<char> = Vec::new();
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' | '\r' => {
                    // Closed where its line ends, before the comma meant to follow it.
                    let comma = out.ends_with(',');
                    if comma {
                        out.pop();
                    }
                    out.push('"');
                    if comma {
                        out.push(',');
                    }
                    in_string = false;
                    note(&mut repairs, "closed a string left open");
                }
                _ => {}
            }
            out.push(c);
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => stack.push(if c == '{' { '}' } else { ']' }),
            '}' | ']' => {
                // A closer for an outer bracket closes the inner ones left open first.
                if !stack.contains(&c) {
                    note(&mut repairs, "dropped a stray closing bracket");
                    continue;
                }
                while let Some(open) = stack.pop() {
                    if open == c {
                        break;
                    }
                    trim_comma(&mut out, &mut repairs);
                    out.push(open);
                    note(&mut repairs, "closed a bracket left open");
                }
                trim_comma(&mut out, &mut repairs);
            }
            '.' if chars.peek() == Some(&'.') => {
                while chars.peek() == Some(&'.') {
                    chars.next();
                }
                note(&mut repairs, "dropped an elision (`...`)");
                continue;
            }
            '…' => {
                note(&mut repairs, "dropped an elision (`...`)");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    if in_string {
        out.push('"');
        note(&mut repairs, "closed a string left open");
    }
    while let Some(open) = stack.pop() {
        trim_comma(&mut out, &mut repairs);
        out.push(open);
        note(&mut repairs, "closed a bracket left open");
    }
    // An elision between commas leaves `, ,` behind.
    let out = collapse_commas(&out, &mut repairs);
    serde_json::from_str(&out).ok().map(|v| (v, repairs))
}

/// Drops a comma that would end an object or array (`[1, 2,]`).
fn trim_comma(out: &mut String, repairs: &mut Vec<&'static str>) {
    let kept = out.trim_end().len();
    if out[..kept].ends_with(',') {
        out.truncate(kept - 1);
        note(repairs, "dropped a trailing comma");
    }
}

fn note(repairs: &mut Vec<&'static str>, what: &'static str) {
    if !repairs.contains(&what) {
        repairs.push(what);
    }
}

/// `[1, , 2]` and `{, "a": 1}` (left by a dropped elision) lose the empty element.
fn collapse_commas(text: &str, repairs: &mut Vec<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && matches!(out.trim_end().chars().last(), Some(',' | '{' | '[')) {
            note(repairs, "dropped a trailing comma");
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn near_json_is_repaired_and_says_how() {
        let (v, r) = repair_json("{\"a\": [1, 2,], \"b\": 3,}").unwrap();
        assert_eq!((v, r), (json!({"a": [1, 2], "b": 3}), vec!["dropped a trailing comma"]));
        let (v, r) = repair_json("{\"items\": [{\"x\": 1}, {\"x\": 2}\n}").unwrap();
        assert_eq!(v, json!({"items": [{"x": 1}, {"x": 2}]}));
        assert_eq!(r, ["closed a bracket left open"]);
        let (v, _) = repair_json("{\"name\": \"abc\n, \"n\": 1").unwrap();
        assert_eq!(v, json!({"name": "abc", "n": 1}));
        let (v, r) = repair_json("{\"slug\": \"a\", \"sessions\": [ { ... } ], \"more\": 1, ...}").unwrap();
        assert_eq!(v, json!({"slug": "a", "sessions": [{}], "more": 1}));
        assert!(r.contains(&"dropped an elision (`...`)"));
    }

    #[test]
    fn text_that_is_not_near_json_is_not_guessed() {
        assert_eq!(repair_json("{\"a\" 1}"), None);
        assert_eq!(repair_json("{a: 1}"), None);
        assert_eq!(repair_json("GET /x?y=1"), None);
        // Dots inside strings are text, not elisions.
        assert_eq!(repair_json("{\"a\": \"x...y\",}").map(|(v, _)| v), Some(json!({"a": "x...y"})));
    }

    #[test]
    fn a_string_left_open_at_the_end_of_its_line_is_closed_before_its_comma() {
        let raw = "[{\"email\": \"a@example.com,\n \"id\": 1}]";
        let (value, fixes) = repair_json(raw).unwrap();
        assert_eq!(value, json!([{"email": "a@example.com", "id": 1}]));
        assert_eq!(fixes, vec!["closed a string left open"]);
    }

    #[test]
    fn an_array_left_open_inside_an_object_is_closed() {
        let (value, fixes) = repair_json("{\"items\": [{\"a\": 1}, {\"a\": 2}\n}").unwrap();
        assert_eq!(value, json!({"items": [{"a": 1}, {"a": 2}]}));
        assert_eq!(fixes, vec!["closed a bracket left open"]);
    }

    #[test]
    fn brackets_open_at_the_end_are_closed() {
        assert_eq!(repair_json("{\"a\": [1, 2").unwrap().0, json!({"a": [1, 2]}));
    }

    #[test]
    fn valid_text_needs_no_repair_and_hopeless_text_gets_none() {
        assert_eq!(repair_json("{\"a\": 1}"), Some((json!({"a": 1}), Vec::new())));
        assert!(repair_json("not json at all").is_none());
    }
}
