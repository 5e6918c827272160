//! Files handed to `on_file` as they are made: a file it takes is not kept in the result, and
//! every file is handed over with the text `emit_crate` gives.

use codegen::drop_later::Spent;
use codegen::emit::EmitOptions;
use codegen::pipeline::{generate_from_files, generate_from_files_streamed};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

#[test]
fn a_file_taken_is_left_out_and_the_others_are_kept() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/times/events-3.0.yaml");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let whole = generate_from_files(std::slice::from_ref(&path), "events", &opts).unwrap_or_else(|e| panic!("{e}"));
    let handed = Mutex::new(BTreeMap::new());
    // Takes the Rust files, leaves the rest.
    let on_file = |rel: &str, text: &str| {
        handed.lock().unwrap().insert(rel.to_string(), text.to_string());
        rel.ends_with(".rs")
    };
    let streamed = generate_from_files_streamed(&[path], "events", &opts, &on_file, Spent::Kept(Vec::new())).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(handed.into_inner().unwrap(), whole.files, "every file handed over, as emit_crate makes it");
    let kept: BTreeMap<String, String> = whole.files.iter().filter(|(rel, _)| !rel.ends_with(".rs")).map(|(r, t)| (r.clone(), t.clone())).collect();
    assert!(kept.len() < whole.files.len() && kept.contains_key("openapi.json"));
    assert_eq!(streamed.files, kept);
    assert!(matches!(&streamed.spent, Spent::Kept(values) if !values.is_empty()), "inference's input kept for the caller");
    assert!(matches!(whole.spent, Spent::FreedAtOnce));
}
