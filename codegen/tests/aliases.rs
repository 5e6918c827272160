//! Renamed fields on whole documents: look-alikes that a schema or a tag tells apart get no
//! alias (a wrong one sends a value back under another key), the bundled reseller rename
//! still does, and api.toml can force or forbid a pair.

use codegen::emit::EmitOptions;
use codegen::model::{Api, DecisionKind, Field, TypeKind};
use codegen::pipeline::{generate_from_files, generate_from_manifest};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn opts() -> EmitOptions {
    EmitOptions { command: "test".into(), standalone: true, test_support: false }
}

fn fixture(name: &str) -> Api {
    let path = root().join("codegen/tests/fixtures/aliases").join(name);
    generate_from_files(&[path], "aliases", &opts()).unwrap().api
}

fn fields<'a>(api: &'a Api, type_name: &str) -> &'a [Field] {
    let def = api.types.defs.iter().find(|d| d.name == type_name);
    match def.map(|d| &d.kind) {
        Some(TypeKind::Struct(fields)) => fields,
        _ => panic!("no struct {type_name}: {:?}", api.types.defs.iter().map(|d| &d.name).collect::<Vec<_>>()),
    }
}

fn aliased(api: &Api) -> Vec<String> {
    let structs = api.types.defs.iter().filter_map(|d| match &d.kind {
        TypeKind::Struct(fields) => Some((d, fields)),
        _ => None,
    });
    structs.flat_map(|(d, fields)| fields.iter().filter(|f| !f.aliases.is_empty()).map(move |f| format!("{}.{} {:?}", d.name, f.name, f.aliases))).collect()
}

fn alias_decisions(api: &Api) -> Vec<String> {
    api.decisions.iter().filter(|d| d.kind == DecisionKind::Alias).map(|d| format!("{}: {}", d.subject, d.detail)).collect()
}

#[test]
fn properties_one_schema_declares_side_by_side_are_never_aliased() {
    let api = fixture("look-alikes-3.0.json");
    assert!(aliased(&api).is_empty(), "{:?}", aliased(&api));
    let owner: Vec<&str> = fields(&api, "Owner").iter().map(|f| f.name.as_str()).collect();
    assert!(owner.contains(&"hooks_url") && owner.contains(&"received_events_url"), "{owner:?}");
    // The report says the pair was considered and why it was kept apart.
    let decisions = alias_decisions(&api);
    assert!(decisions.iter().any(|d| d.contains("hooks_url") && d.contains("a declared schema defines both")), "{decisions:?}");
}

#[test]
fn keys_a_sibling_tag_names_are_variants_not_a_rename() {
    let api = fixture("tagged-parent.postman.json");
    assert!(aliased(&api).is_empty(), "{:?}", aliased(&api));
    let parent: Vec<&str> = fields(&api, "Parent").iter().map(|f| f.name.as_str()).collect();
    assert_eq!(parent, ["block_id", "database_id", "type"]);
    let decisions = alias_decisions(&api);
    assert!(decisions.iter().any(|d| d.contains("`type` names them")), "{decisions:?}");
}

#[test]
fn the_bundled_reseller_rename_is_still_an_alias_with_both_examples_as_evidence() {
    let api = generate_from_manifest(&root().join("specs/crankwheel-reseller"), &opts()).unwrap().api;
    let settings = fields(&api, "ClientSettings");
    let regex = settings.iter().find(|f| f.name == "content_filter_regex").unwrap();
    assert_eq!(regex.aliases, ["black_list_regex"]);
    assert!(settings.iter().all(|f| f.name != "black_list_regex"));
    let decision = api.decisions.iter().find(|d| d.subject == "ClientSettings.content_filter_regex" && d.kind == DecisionKind::Alias).unwrap();
    let pointers: Vec<&str> = decision.evidence.iter().map(|o| o.pointer.as_str()).collect();
    assert!(pointers[0].ends_with("/content_filter_regex") && pointers[1].ends_with("/black_list_regex"), "{pointers:?}");
}

#[test]
fn api_toml_forces_or_forbids_a_pair() {
    let dir = std::env::temp_dir().join(format!("codegen-aliases-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let generate = |source: &str, overrides: &str| {
        std::fs::copy(root().join("codegen/tests/fixtures/aliases").join(source), dir.join("api.postman.json")).unwrap();
        let text = format!("[package]\nname = \"tagged\"\nversion = \"1.0.0\"\n[[source]]\nfile = \"api.postman.json\"\n[overrides]\n{overrides}\n");
        std::fs::write(dir.join("api.toml"), text).unwrap();
        generate_from_manifest(&dir, &opts()).unwrap().api
    };
    // Forced where the guards keep them apart.
    let forced = generate("tagged-parent.postman.json", r#"aliases = [["database_id", "block_id"]]"#);
    assert_eq!(aliased(&forced), ["Parent.database_id [\"block_id\"]"]);
    // Forbidden where the guards would pair them.
    let renamed = generate("renamed.postman.json", "");
    assert_eq!(aliased(&renamed), ["AccountSettings.content_filter_regex [\"black_list_regex\"]"]);
    let forbidden = generate("renamed.postman.json", r#"not_aliases = [["black_list_regex", "content_filter_regex"]]"#);
    assert!(aliased(&forbidden).is_empty(), "{:?}", aliased(&forbidden));
    assert!(alias_decisions(&forbidden).iter().any(|d| d.contains("kept apart by the manifest")));
}
