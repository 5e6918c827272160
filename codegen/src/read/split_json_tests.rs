use super::parse;
use crate::read::locate_many::{json_lines_in, Places};
use serde_json::Value;

/// The split parse gives nothing, or exactly the whole parse's value, key order included.
fn agrees(text: &str) -> Option<Value> {
    let split = parse(text);
    if let Some((value, places)) = &split {
        places_agree(text, places);
        let whole: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("split accepted what a whole parse rejects ({e}): {text:?}"));
        assert_eq!(serde_json::to_string(value).unwrap(), serde_json::to_string(&whole).unwrap(), "{text:?}");
    }
    split.map(|(value, _)| value)
}

/// Every place the split parse records, and every pointer below one, is found on the line the
/// walk from the top finds it on.
fn places_agree(text: &str, places: &Places) {
    // Spread over the document, and few: each expected line is a scan of the whole text.
    let all: Vec<&str> = places.pointers().collect();
    let step = all.len().div_ceil(12).max(1);
    let mut pointers: Vec<String> = all.iter().step_by(step).map(|p| p.to_string()).collect();
    let below: Vec<String> = pointers.iter().flat_map(|p| [format!("{p}/0"), format!("{p}/x"), format!("{p}/d/e"), format!("{p}/")]).collect();
    pointers.extend(below);
    pointers.extend(["".to_string(), "/nowhere".to_string()]);
    let pointers: Vec<&str> = pointers.iter().map(String::as_str).collect();
    let expected: Vec<Option<usize>> = pointers.iter().map(|p| crate::read::locate::json_line(text, p)).collect();
    assert_eq!(json_lines_in(text, &pointers, places), expected, "{text:?}");
}

const VALID: &[&str] = &[
    r#"{}"#,
    " \n\t{ }\r\n ",
    r#"{"a":1}"#,
    r#"{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{}}}"#,
    r#"{"components":{"schemas":{"A":{"type":"object","properties":{"x":{"type":"string"}}},"B":[1,2,{"c":[]}]}}}"#,
    r#"{"k\"ey":"v\\","a\\":{"b\"}":{"c":"}]{[\"\\"}}}"#,
    r#"{"s":"{not an object}","t":"[","u":"\\\\","v":"\\\""}"#,
    r#"{"é":"ü","\u00e9x":{"日本":{"😀":"\ud83d\ude00"}}}"#,
    r#"{"n":-1.5e+10,"z":0,"t":true,"f":false,"null":null,"big":123456789012345678901234567890}"#,
    r#"{ "a" : { "b" : { "c" : { "d" : { } } , "e" : [ ] } } , "f" : "" }"#,
    r#"{"a":{"b":{"c":{"d":{"e":{"f":{"g":1}}}}}}}"#,
    r#"{"paths":{"/a":{"get":{}},"/b":{"post":{"x":[{"y":"]"}]}}}}"#,
];

const INVALID: &[&str] = &[
    "",
    "{",
    "{\"a\"",
    "{\"a\":",
    "{\"a\":1",
    "{\"a\":1,}",
    "{,\"a\":1}",
    "{\"a\" 1}",
    "{\"a\":1 \"b\":2}",
    "{\"a\":1}}",
    "{\"a\":1} x",
    "{\"a\":{\"b\":[1,2}}}",
    "{\"a\":{\"b\":{\"c\":[1,2}}}}",
    "{\"a\":{\"b\":{\"c\":{\"d\":[1,2}}}}}",
    "{\"a\":tru}",
    "{\"a\":1 2}",
    "{\"a\":01}",
    "{\"a\":\"\\x\"}",
    "{\"a\":\"\\ud800\"}",
    "{\"a\\ud800\":1}",
    "{\"a\":\"line\nbreak\"}",
    "{\"a\nb\":1}",
    "{'a':1}",
    "{a:1}",
    "{\"a\":{\"b\":1,}}",
    "{\"a\":\"unterminated}",
    "{\"a\":\"ends in a backslash\\",
    "{\"components\":{\"schemas\":{\"A\":{\"type\":\"object\"",
];

#[test]
fn valid_documents_split_as_a_whole_parse_reads_them() {
    for text in VALID {
        assert!(agrees(text).is_some(), "not split: {text:?}");
    }
}

#[test]
fn invalid_documents_are_left_to_the_whole_parse() {
    for text in INVALID {
        assert!(serde_json::from_str::<Value>(text).is_err(), "meant to be invalid: {text:?}");
        assert!(agrees(text).is_none(), "{text:?}");
    }
}

#[test]
fn a_document_not_an_object_is_left_to_the_whole_parse() {
    for text in ["[]", "[{}]", "1", "\"s\"", "null"] {
        assert!(agrees(text).is_none(), "{text:?}");
    }
}

#[test]
fn a_key_seen_twice_is_left_to_the_whole_parse() {
    for text in [r#"{"a":1,"a":2}"#, r#"{"c":{"s":{"x":1,"y":2,"x":3}}}"#, r#"{"a":{},"b":1,"a":{"c":1}}"#, r#"{"a":1,"\u0061":2}"#] {
        assert!(serde_json::from_str::<Value>(text).is_ok());
        assert!(agrees(text).is_none(), "{text:?}");
    }
    // Below the skeleton, serde_json itself decides, as in a whole parse.
    assert!(agrees(r#"{"a":{"b":{"c":{"d":1,"d":2}}}}"#).is_some());
}

#[test]
fn nesting_near_serde_jsons_limit_is_left_to_the_whole_parse() {
    let deep = |n: usize| format!("{{\"a\":{{\"b\":{}{}}}}}", "[".repeat(n), "]".repeat(n));
    assert!(agrees(&deep(10)).is_some());
    assert!(agrees(&deep(99)).is_none());
    assert!(agrees(&deep(200)).is_none());
}

/// Pretty-printed, so that the places are on many lines.
#[test]
fn places_are_where_a_walk_from_the_top_finds_them() {
    for text in VALID {
        let whole: Value = serde_json::from_str(text).unwrap();
        let pretty = serde_json::to_string_pretty(&whole).unwrap();
        let (_, places) = parse(&pretty).unwrap_or_else(|| panic!("not split: {pretty}"));
        places_agree(&pretty, &places);
    }
}

/// Every valid document cut short, and changed one byte at a time into what JSON's grammar
/// turns on: the split parse never accepts what the whole one rejects, nor reads it otherwise.
#[test]
fn damaged_documents_never_split_differently() {
    const BYTES: &[u8] = b"\"\\{}[],: a1\n";
    for text in VALID {
        for cut in 0..text.len() {
            if let Some(prefix) = text.get(..cut) {
                agrees(prefix);
            }
        }
        for at in 0..text.len() {
            for &b in BYTES {
                let mut bytes = text.as_bytes().to_vec();
                bytes[at] = b;
                if let Ok(changed) = String::from_utf8(bytes.clone()) {
                    agrees(&changed);
                }
                bytes.insert(at, b);
                if let Ok(inserted) = String::from_utf8(bytes) {
                    agrees(&inserted);
                }
            }
        }
    }
}

/// The corpus's JSON documents, when fetched (`~/.cache/spec2rust/corpus`): each split parse
/// reads them as a whole parse does.
#[test]
fn corpus_documents_split_as_a_whole_parse_reads_them() {
    let Some(home) = std::env::var_os("HOME") else { return };
    let mut dirs = vec![std::path::Path::new(&home).join(".cache/spec2rust/corpus")];
    let mut read = 0;
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                let Ok(text) = std::fs::read_to_string(&path) else { continue };
                let text = text.trim_start_matches('\u{feff}');
                let split = agrees(text);
                // Real documents have no key twice at the top levels: each is split.
                if serde_json::from_str::<Value>(text).is_ok_and(|v| v.is_object()) {
                    assert!(split.is_some(), "not split: {}", path.display());
                }
                read += 1;
            }
        }
    }
    eprintln!("{read} corpus documents");
}
