//! No credential from `specs/` reaches a generated file. The secrets are found here in the raw
//! documents, independently of the generator's redaction pass: every JWT-shaped string, and
//! every string under a name that holds a secret (JSON fields, Postman `{key, value}` headers
//! and form fields, JSON bodies kept as strings).

use codegen::read::redact::is_secret_name;
use serde_json::Value;
use std::collections::BTreeSet;
use workspace_tests::{bundled_apis, generate_bundled, root};

/// A JWT's first 24 characters are enough to find it again, whole or cut.
fn jwts(text: &str, out: &mut BTreeSet<String>) {
    for (i, _) in text.match_indices("eyJ") {
        let token: String = text[i..].chars().take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect();
        if token.len() >= 24 {
            out.insert(token[..24].to_string());
        }
    }
}

/// A real value, not a template (`{{key}}`), a mask (`•••`) or a word too short to search for.
fn worth_checking(value: &str) -> bool {
    value.len() >= 4 && !value.contains("{{") && !value.contains('•') && !value.contains('<')
}

fn secrets(value: &Value, key: Option<&str>, out: &mut BTreeSet<String>) {
    match value {
        Value::String(s) => {
            jwts(s, out);
            if key.is_some_and(is_secret_name) && worth_checking(s) {
                out.insert(format!("{s:?}"));
            }
            // Postman keeps JSON bodies as strings.
            if let Ok(inner @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str::<Value>(s) {
                secrets(&inner, None, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| secrets(v, key, out)),
        Value::Object(map) => {
            // A Postman header or form field: `{"key": "Authorization", "value": "..."}`.
            let pair_name = map.get("key").and_then(Value::as_str);
            for (k, v) in map {
                let name = if k == "value" { pair_name.unwrap_or(k) } else { k };
                secrets(v, Some(name), out);
            }
        }
        _ => {}
    }
}

#[test]
fn no_credential_from_the_inputs_is_in_any_generated_file() {
    let mut total = 0;
    for api in bundled_apis() {
        let mut found = BTreeSet::new();
        for entry in std::fs::read_dir(root().join("specs").join(&api)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json" || e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let doc = codegen::read::parse_document(&path.display().to_string(), &text).unwrap();
                secrets(&doc.value, None, &mut found);
            }
        }
        total += found.len();
        let krate = generate_bundled(&api);
        for (file, text) in &krate.files {
            for secret in &found {
                assert!(!text.contains(secret.as_str()), "{api}/{file} holds the credential {secret} from its inputs");
            }
        }
        if api == "outseta" {
            assert!(found.len() >= 5, "the inputs' credentials were not found: {found:?}");
        }
    }
    assert!(total > 0);
}
