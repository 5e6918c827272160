//! Near-valid JSON, repaired: hand-written examples often miss a closing quote or bracket.
//! An example the API documents is evidence; throwing it away for one missing `"` loses it.
//!
//! Only three mistakes are repaired, each where the intent is plain, and the caller says what
//! was changed:
//! - a string left open at the end of its line (`"agent1@example.com,` ⏎) is closed there,
//!   before a trailing comma;
//! - a closing bracket that does not match the open one (`[ … }`) first closes what is open;
//! - brackets still open at the end are closed.
//!
//! Anything else, or a repair that still does not parse, leaves the example invalid.

use serde_json::Value;

/// The repaired value and what was repaired, or `None` when the text is not near-valid.
pub fn repair_json(raw: &str) -> Option<(Value, Vec<String>)> {
    let mut out = String::with_capacity(raw.len() + 8);
    let mut open: Vec<char> = Vec::new();
    let mut fixes: Vec<String> = Vec::new();
    let (mut in_string, mut escaped, mut line) = (false, false, 1usize);
    for c in raw.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '\n' | '\r' => {
                    // Closed where the line ends, before the comma that was meant to follow it.
                    let comma = out.ends_with(',');
                    if comma {
                        out.pop();
                    }
                    out.push('"');
                    if comma {
                        out.push(',');
                    }
                    in_string = false;
                    fixes.push(format!("closed a string left open at line {line}"));
                }
                _ => {}
            }
            if c == '\n' {
                line += 1;
            }
            out.push(c);
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => open.push(c),
            '}' | ']' => {
                let want = if c == '}' { '{' } else { '[' };
                // Close what is open inside the bracket this one closes.
                while open.last().is_some_and(|&o| o != want) && open.contains(&want) {
                    let inner = open.pop().unwrap_or('[');
                    out.push(closer(inner));
                    fixes.push(format!("closed an unclosed {} before line {line}", kind(inner)));
                }
                open.pop();
            }
            '\n' => line += 1,
            _ => {}
        }
        out.push(c);
    }
    if in_string {
        out.push('"');
        fixes.push("closed a string left open at the end".into());
    }
    while let Some(inner) = open.pop() {
        out.push(closer(inner));
        fixes.push(format!("closed an unclosed {} at the end", kind(inner)));
    }
    if fixes.is_empty() {
        return None;
    }
    serde_json::from_str(&out).ok().map(|v| (v, fixes))
}

fn closer(open: char) -> char {
    if open == '{' {
        '}'
    } else {
        ']'
    }
}

fn kind(open: char) -> &'static str {
    if open == '{' {
        "object"
    } else {
        "array"
    }
}

#[cfg(test)]
mod tests {
    use super::repair_json;
    use serde_json::json;

    #[test]
    fn a_string_left_open_at_the_end_of_its_line_is_closed_before_its_comma() {
        let raw = "[{\"email\": \"a@example.com,\n \"id\": 1}]";
        let (value, fixes) = repair_json(raw).unwrap();
        assert_eq!(value, json!([{"email": "a@example.com", "id": 1}]));
        assert_eq!(fixes, vec!["closed a string left open at line 1"]);
    }

    #[test]
    fn an_array_left_open_inside_an_object_is_closed() {
        let (value, fixes) = repair_json("{\"items\": [{\"a\": 1}, {\"a\": 2}\n}").unwrap();
        assert_eq!(value, json!({"items": [{"a": 1}, {"a": 2}]}));
        assert_eq!(fixes, vec!["closed an unclosed array before line 2"]);
    }

    #[test]
    fn brackets_open_at_the_end_are_closed() {
        assert_eq!(repair_json("{\"a\": [1, 2").unwrap().0, json!({"a": [1, 2]}));
    }

    #[test]
    fn valid_or_hopeless_text_is_not_repaired() {
        assert!(repair_json("{\"a\": 1}").is_none());
        assert!(repair_json("{\"a\": 1,, }").is_none());
        assert!(repair_json("not json at all").is_none());
    }
}
