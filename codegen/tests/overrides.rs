//! `[overrides.*]` in api.toml: every key must match something the build sees, and one that
//! matches nothing stops the API with an error naming the file and line.

use codegen::emit::EmitOptions;
use codegen::model::DecisionKind;
use codegen::pipeline::{generate_from_manifest, GeneratedCrate};
use std::path::PathBuf;

fn collection() -> String {
    let client = r#"{"id": 1, "name": "a", "sname": "b", "geo": "eu1", "new_name": "x", "old_name": "y",
        "owner": {"id": 2, "email": "o@example.com"}, "limits": {"seats": 1, "rooms": 2}}"#;
    serde_json::json!({
        "info": {"name": "Overrides", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [
            {"name": "Show client", "request": {"method": "GET", "url": "{{url}}/clients/:id?from=2019-01-01"},
             "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": client}]},
            {"name": "Download video", "request": {"method": "GET", "url": "{{url}}/videos/:id/data"}, "response": []}
        ]
    })
    .to_string()
}

/// Builds the fixture API with `overrides` appended to its manifest, in a folder of its own.
fn generate(case: &str, overrides: &str) -> Result<GeneratedCrate, String> {
    let dir = std::env::temp_dir().join(format!("codegen-overrides-{}-{case}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("api.postman.json"), collection()).unwrap();
    let manifest = format!("[package]\nname = \"overrides\"\nversion = \"0.1.0\"\n\n[[source]]\nfile = \"api.postman.json\"\n\n{overrides}");
    std::fs::write(dir.join("api.toml"), manifest).unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_manifest(&dir, &opts).map_err(|e| e.to_string())
}

/// One key of each table, each matching something in the fixture.
const MATCHED: &str = r#"aliases = [["new_name", "old_name"]]
not_aliases = [["name", "sname"]]

[overrides.operations]
"GET /clients/{id}" = "fetch_client"

[overrides.types]
Owner = "Person"

[overrides.fields."Client.name"]
docs = "The client's name."

[overrides.params]
"GET /clients/{id} from" = "string"

[overrides.maps]
Limits = true

[overrides.enums]
"Client.geo" = ["eu1", "us1"]

[overrides.responses]
"GET /videos/{id}/data" = "video/mp4"
"#;

#[test]
fn keys_that_match_are_applied_without_errors() {
    // `aliases` sits under `[overrides]`, so the table header comes first.
    let krate = generate("matched", &format!("[overrides]\n{MATCHED}")).unwrap_or_else(|e| panic!("{e}"));
    let overrides: Vec<&str> = krate.api.decisions.iter().filter(|d| d.kind == DecisionKind::Override).map(|d| d.subject.as_str()).collect();
    for subject in ["GET /clients/{id}", "Owner", "Client.name", "GET /clients/{id} from", "Client.geo", "GET /videos/{id}/data"] {
        assert!(overrides.contains(&subject), "{subject} not applied: {overrides:?}");
    }
    assert!(krate.api.types.defs.iter().any(|t| t.name == "Person"));
    assert!(krate.api.operations.iter().any(|op| op.id == "fetch_client"));
}

#[test]
fn a_key_of_any_table_that_matches_nothing_is_an_error_at_its_line() {
    // (case, manifest text after the sources, line of the key, what the error says)
    let cases = [
        ("operations", "[overrides.operations]\n\"GET /nowhere\" = \"x\"\n", 9, r#"[overrides.operations] "GET /nowhere": no operation is keyed `GET /nowhere`"#),
        ("types", "[overrides.types]\nFoo = \"Bar\"\n", 9, r#"[overrides.types] "Foo": no generated type is named Foo"#),
        ("fields", "[overrides.fields.\"Client.nope\"]\ntype = \"string\"\n", 8, r#"[overrides.fields] "Client.nope": no generated type Client has a field `nope`"#),
        ("params", "[overrides.params]\n\"GET /clients/{id} to\" = \"string\"\n", 9, r#"[overrides.params] "GET /clients/{id} to": no operation has the parameter"#),
        ("maps", "[overrides.maps]\n\n# a comment\nLimit = true\n", 11, r#"[overrides.maps] "Limit": no object is named Limit"#),
        ("enums", "[overrides.enums]\n\"Client.region\" = [\"eu1\"]\n", 9, r#"[overrides.enums] "Client.region": no generated type Client has a field `region`"#),
        ("responses", "[overrides.responses]\n\"GET /videos/{id}\" = \"video/mp4\"\n", 9, r#"[overrides.responses] "GET /videos/{id}": no operation is keyed"#),
        ("aliases", "[overrides]\naliases = [\n  [\"new_name\", \"old_name\"],\n  [\"name\", \"title\"],\n]\n", 11, r#"[overrides] aliases ["name", "title"]: no object has both fields name and title"#),
        ("not_aliases", "[overrides]\nnot_aliases = [[\"geo\", \"region\"]]\n", 9, r#"[overrides] not_aliases ["geo", "region"]: no object has both fields geo and region"#),
    ];
    for (case, overrides, line, says) in cases {
        let err = generate(case, overrides).err().unwrap_or_else(|| panic!("{case}: an unmatched key must stop the API"));
        assert!(err.contains(&format!("api.toml:{line}: ")), "{case}: wrong line:\n{err}");
        assert!(err.contains(says), "{case}:\n{err}");
        assert_eq!(err.lines().count(), 1, "{case}: only the unmatched key is an error:\n{err}");
    }
}

#[test]
fn a_response_override_that_is_neither_media_type_nor_type_is_an_error() {
    let err = generate("bad-response", "[overrides.responses]\n\"GET /videos/{id}/data\" = \"mp4\"\n").expect_err("an error");
    assert!(err.contains("api.toml:9: ") && err.contains("neither a media type"), "{err}");
}

#[test]
fn the_bundled_manifests_have_no_unmatched_keys() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    for api in ["crankwheel", "crankwheel-reseller", "outseta"] {
        let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
        if let Err(e) = generate_from_manifest(&root.join("specs").join(api), &opts) {
            panic!("{api}:\n{e}");
        }
    }
}

#[test]
fn an_unknown_type_name_is_an_error_at_its_line() {
    let err = generate("field-type", "[overrides.fields.\"Client.name\"]\ntype = \"strnig\"\n").expect_err("an error");
    assert!(err.contains("api.toml:8: ") && err.contains("unknown type `strnig`"), "{err}");
    // A parameter is sent as text: `json` is a field type only.
    let err = generate("param-type", "[overrides.params]\n\"GET /clients/{id} from\" = \"json\"\n").expect_err("an error");
    assert!(err.contains("api.toml:9: ") && err.contains("unknown type `json`"), "{err}");
}
