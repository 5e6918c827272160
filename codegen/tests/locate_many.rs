//! The lines that `locate_many` finds for many pointers in one pass are those that the
//! per-pointer scans of `locate` find for each: on small documents with every awkward case
//! (escaped pointers, escaped JSON keys, array indexes, missing nodes) and on the bundled specs.

use codegen::read::locate::{json_line, yaml_line};
use codegen::read::locate_many::{json_lines, yaml_lines};
use codegen::read::parse_document;
use serde_json::Value;

/// Every pointer in `value`, escaped as RFC 6901 says, plus pointers that lead nowhere.
fn pointers(value: &Value) -> Vec<String> {
    fn walk(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    walk(v, format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")), out);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(v, format!("{at}/{i}"), out);
                }
                out.push(format!("{at}/{}", items.len()));
                out.push(format!("{at}/x"));
            }
            _ => out.push(format!("{at}/below-a-scalar")),
        }
        out.push(format!("{at}/no-such-key"));
        out.push(at);
    }
    let mut out = vec!["/".to_string(), "/no/such/path".to_string()];
    walk(value, String::new(), &mut out);
    out
}

/// Compares both ways for `pointers` (shuffled and repeated, as warnings come), and returns
/// how many were found.
fn same_lines(file: &str, text: &str, pointers: &[String]) -> usize {
    let doc = parse_document(file, text).unwrap();
    let mut asked: Vec<&str> = pointers.iter().map(String::as_str).collect();
    asked.reverse();
    asked.extend(pointers.iter().step_by(3).map(String::as_str));
    let many = if doc.is_yaml { yaml_lines(&doc.text, &asked) } else { json_lines(&doc.text, &asked) };
    assert_eq!(many, doc.lines_of(&asked));
    for (pointer, line) in asked.iter().zip(&many) {
        let one = if doc.is_yaml { yaml_line(&doc.text, pointer) } else { json_line(&doc.text, pointer) };
        assert_eq!(*line, one, "{file}: {pointer}");
    }
    many.iter().flatten().count()
}

const JSON: &str = r#"{
  "openapi": "3.0.3",
  "a/b": {"~x": [1, {"y~1": true}],
    "caf\u00e9": "accent",
    "say \"hi\"": {"back\\slash": null}},
  "list": [
    [],
    {},
    [[0, 1], {"k": "]}"}],
    "last"
  ],
  "dup": {"k": 1},
  "dup": {"k": 2,
    "z": 3},
  "0": {"01": "keys that look like indexes"}
}"#;

#[test]
fn json_lines_equal_the_per_pointer_scan() {
    let value: Value = serde_json::from_str(JSON).unwrap();
    let mut asked = pointers(&value);
    // Written the other ways: `01` reads as index 1, a key given twice leads to its first value.
    asked.extend(["/list/01", "/list/2/01/k", "/dup/z", "/dup/k", "/0/01", "/a~1b/caf\u{e9}", "/a~1b/say \"hi\"/back\\slash"].map(String::from));
    let found = same_lines("t.json", JSON, &asked);
    assert!(found > 30, "{found}");
    let doc = parse_document("t.json", JSON).unwrap();
    let lines = doc.lines_of(&["/a~1b/~0x/1/y~01", "/a~1b/caf\u{e9}", "/a~1b/say \"hi\"/back\\slash", "/list/01", "/list/4", "/dup/z"]);
    assert_eq!(lines, [Some(3), Some(4), Some(5), Some(8), None, None]);
}

const YAML: &str = r#"# a comment
---
swagger: '2.0'
"a/b":
  ~x:
    - 1
    - y~1: true
      z: 2
  "quoted": 'yes'
paths:
  /a:
    get:
      parameters:
      - in: query

        name: x
      - name: y
        in: path
      -
        name: z
servers:
- url: http://x
- url: http://y
"0":
  "01": keys that look like indexes
"#;

#[test]
fn yaml_lines_equal_the_per_pointer_scan() {
    let doc = parse_document("t.yaml", YAML).unwrap();
    assert!(doc.is_yaml);
    let mut asked = pointers(&doc.value);
    asked.extend(["/paths/~1a/get/parameters/01/name", "/0/01", "/0/1"].map(String::from));
    let found = same_lines("t.yaml", YAML, &asked);
    assert!(found > 20, "{found}");
    let lines = doc.lines_of(&["/a~1b/~0x/1/y~01", "/a~1b/~0x/1/z", "/paths/~1a/get/parameters/2/name", "/servers/1/url", "/servers/2"]);
    assert_eq!(lines, [Some(7), Some(8), Some(20), Some(23), None]);
}

#[test]
fn the_bundled_specs_give_the_same_lines_both_ways() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut files = 0;
    for api in std::fs::read_dir(&root).unwrap() {
        let api = api.unwrap().path();
        if !api.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(api).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let doc = parse_document(&path.display().to_string(), &text).unwrap();
            // The per-pointer scan is slow on all of them: a spread of a few hundred.
            let all = pointers(&doc.value);
            let asked: Vec<String> = all.iter().step_by(all.len() / 300 + 1).cloned().collect();
            let found = same_lines(&path.display().to_string(), &text, &asked);
            assert!(found > 50, "{}: {found}", path.display());
            files += 1;
        }
    }
    assert!(files >= 5, "{files}");
}
