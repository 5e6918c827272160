//! A JSON value as `serde_json::to_string_pretty` writes it (two spaces a level, `": "`
//! after a key, `[]` and `{}` when empty, serde_json's escapes), straight into a `String`.
//! serde_json writes each level of indentation and each token through `io::Write`, which
//! was most of the cost of GitHub's 15 MB `openapi.json`; the test checks the two agree.

use serde_json::Value;

/// The text of `value`, pretty-printed.
pub fn to_string_pretty(value: &Value) -> String {
    let mut out = String::new();
    write(&mut out, value, 0);
    out
}

fn write(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        // Number's Display is serde_json's own number writer (itoa, ryu).
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                write(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, depth + 1);
                string(out, key);
                out.push_str(": ");
                write(out, item, depth + 1);
            }
            out.push('\n');
            indent(out, depth);
            out.push('}');
        }
    }
}

fn indent(out: &mut String, depth: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = depth * 2;
    while left > 0 {
        let n = left.min(SPACES.len());
        out.push_str(&SPACES[..n]);
        left -= n;
    }
}

/// A JSON string with serde_json's escapes: `\"`, `\\`, the short forms of control
/// characters that have one, `\u00xx` (lower-case hex) for the others; nothing else.
fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    while let Some(at) = to_escape(rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let b = rest.as_bytes()[at];
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x08 => out.push_str("\\b"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0C => out.push_str("\\f"),
            0x0D => out.push_str("\\r"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 0xF)] as char);
            }
        }
        // The byte is ASCII, so the rest starts on a character boundary.
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out.push('"');
}

/// Where the first byte that needs an escape is: eight bytes at a time while none of them
/// does (a control character, `"` or `\\`), then one at a time.
fn to_escape(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether some byte of `w` is zero (exact for the word as a whole).
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH != 0;
    let mut start = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0;
        if control || zero(w ^ (ONES * u64::from(b'"'))) || zero(w ^ (ONES * u64::from(b'\\'))) {
            break;
        }
        start += 8;
    }
    bytes[start..].iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\').map(|at| start + at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let control: String = (0u8..0x20).map(char::from).chain(['\u{7f}', 'é', '→', '😀']).collect();
        let deep = (0..40).fold(json!([]), |v, i| json!({ format!("k{i}"): [v, {}] }));
        let value = json!({
            "s": "a \"quoted\" \\ back/slash",
            "control": control,
            "numbers": [0, -1, u64::MAX, i64::MIN, 1.5, -0.0, 1e300, 0.1, 12345678.9],
            "empty": {"a": [], "o": {}, "s": ""},
            "nested": [[1, [2, {"x": null, "y": true, "z": false}]], {}],
            "deep": deep,
            "ключ \n": "значение",
        });
        // Every escape at every offset of a word, between long clean runs.
        let shifted: Vec<Value> = (0..17).flat_map(|i| ["\"", "\\", "\n", "\u{1}", "\u{1f}", " ", "~", "\u{7f}"].map(|c| json!(format!("{}{c}{}", "a".repeat(i), "b".repeat(17 - i))))).collect();
        for v in [value, Value::Array(shifted), json!(null), json!([]), json!({}), json!("x"), json!(3)] {
            assert_eq!(to_string_pretty(&v), serde_json::to_string_pretty(&v).unwrap());
        }
    }
}
