//! Names: stable when unrelated operations are added, and overridable from api.toml.

use codegen::emit::EmitOptions;
use codegen::model::{Api, Ty, TypeKind};
use codegen::pipeline::{generate_from_files, generate_from_manifest};
use std::path::PathBuf;

fn request(name: &str, method: &str, path: &str, body: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name,
        "request": {"method": method, "url": format!("{{{{url}}}}{path}")},
        "response": [{"name": "ok", "code": 200, "header": [{"key": "Content-Type", "value": "application/json"}], "body": body}]
    })
}

fn collection(items: Vec<serde_json::Value>) -> String {
    serde_json::json!({
        "info": {"name": "Names", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items
    })
    .to_string()
}

fn base_items() -> Vec<serde_json::Value> {
    vec![
        request("List clients", "GET", "/clients", r#"[{"id": 1, "sname": "a", "settings": {"audit_log": true, "lobby_url": null}}]"#),
        request("Show client", "GET", "/clients/:id", r#"{"id": 1, "sname": "a", "settings": {"audit_log": false, "lobby_url": "x"}}"#),
        request("Client usage", "GET", "/clients/:id/usage", r#"{"start": "2019-01-01T00:00:00Z", "num_sessions": 3}"#),
    ]
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("codegen-names-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn generate(name: &str, items: Vec<serde_json::Value>) -> Api {
    let path = dir(name).join("api.postman.json");
    std::fs::write(&path, collection(items)).unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "names", &opts).unwrap().api
}

/// Each operation's response type name, by method name.
fn response_names(api: &Api) -> Vec<(String, String)> {
    api.operations
        .iter()
        .map(|op| {
            let ty = op.responses.iter().find_map(|r| r.ty.clone());
            let name = match ty {
                Some(Ty::Named(id)) => api.types.get(id).name.clone(),
                Some(Ty::List(inner)) => match *inner {
                    Ty::Named(id) => format!("Vec<{}>", api.types.get(id).name),
                    other => format!("{other:?}"),
                },
                other => format!("{other:?}"),
            };
            (op.id.clone(), name)
        })
        .collect()
}

#[test]
fn types_are_named_for_what_they_are() {
    let api = generate("plain", base_items());
    let names = response_names(&api);
    // `Client` is the crate's HTTP client: the model takes the suffix `Model`.
    assert!(names.contains(&("list_clients".into(), "Vec<ClientModel>".into())), "{names:?}");
    assert!(names.contains(&("show_client".into(), "ClientModel".into())), "{names:?}");
    assert!(names.contains(&("client_usage".into(), "ClientUsage".into())), "{names:?}");
    // A generic field name takes its owner's name.
    assert!(api.types.defs.iter().any(|d| d.name == "ClientSettings"), "{:?}", api.types.defs.iter().map(|d| &d.name).collect::<Vec<_>>());
}

#[test]
fn adding_an_unrelated_operation_renames_nothing() {
    let before = generate("before", base_items());
    let mut items = base_items();
    items.insert(1, request("List webhooks", "GET", "/webhooks", r#"[{"id": 7, "url": "https://example.com/hook", "settings": {"retries": 3}}]"#));
    items.push(request("Create webhook", "POST", "/webhooks", r#"{"id": 8, "url": "https://example.com/other"}"#));
    let after = generate("after", items);
    let after_names = response_names(&after);
    for pair in response_names(&before) {
        assert!(after_names.contains(&pair), "{pair:?} changed: {after_names:?}");
    }
    let type_names = |api: &Api| api.types.defs.iter().map(|d| d.name.clone()).collect::<Vec<_>>();
    for name in type_names(&before) {
        assert!(type_names(&after).contains(&name), "type `{name}` disappeared: {:?}", type_names(&after));
    }
}

#[test]
fn the_manifest_renames_operations_types_and_fields() {
    let d = dir("manifest");
    std::fs::write(d.join("api.postman.json"), collection(base_items())).unwrap();
    std::fs::write(
        d.join("api.toml"),
        r#"
        [package]
        name = "renamed"
        version = "1.0.0"
        [[source]]
        file = "api.postman.json"
        [overrides.operations]
        "GET /clients/{id}" = "get_client"
        [overrides.types]
        ClientUsage = "UsageReport"
        [overrides.fields."Client.sname"]
        rename = "short_name"
        docs = "The short name."
        "#,
    )
    .unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let krate = generate_from_manifest(&d, &opts).unwrap();
    let api = &krate.api;
    assert!(api.operations.iter().any(|o| o.id == "get_client"));
    assert!(api.types.defs.iter().any(|t| t.name == "UsageReport"));
    // The manifest's keys may use the name the model wanted (`Client.sname`).
    let client = api.types.defs.iter().find(|t| t.name == "ClientModel").unwrap();
    let TypeKind::Struct(fields) = &client.kind else { panic!("Client is a struct") };
    let sname = fields.iter().find(|f| f.name == "sname").unwrap();
    assert_eq!(sname.rust_name.as_deref(), Some("short_name"));
    let models = &krate.files["src/models.rs"];
    assert!(models.contains("#[json = \"sname\"] pub short_name: String,"), "{models}");
    let report = &krate.files["REPORT.md"];
    assert!(report.contains("Overrides applied") && report.contains("UsageReport"), "{report}");
}

#[test]
fn the_manifest_can_make_a_field_an_enum_and_examples_still_win() {
    let d = dir("enums");
    std::fs::write(d.join("api.postman.json"), collection(base_items())).unwrap();
    std::fs::write(
        d.join("api.toml"),
        r#"
        [package]
        name = "enums"
        version = "1.0.0"
        [[source]]
        file = "api.postman.json"
        [overrides.enums]
        "Client.sname" = ["b", "c"]
        "#,
    )
    .unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let api = generate_from_manifest(&d, &opts).unwrap().api;
    // The manifest's keys may use the name the model wanted (`Client.sname`).
    let client = api.types.defs.iter().find(|t| t.name == "ClientModel").unwrap();
    let TypeKind::Struct(fields) = &client.kind else { panic!("Client is a struct") };
    let Ty::Named(id) = fields.iter().find(|f| f.name == "sname").unwrap().ty else { panic!("sname is not an enum") };
    let TypeKind::Enum { values, open } = &api.types.get(id).kind else { panic!("sname is not an enum") };
    let values: Vec<&serde_json::Value> = values.iter().map(|v| &v.value).collect();
    // "a" is in the examples but not in the manifest's list: examples win, and it is kept.
    assert_eq!(values, [&serde_json::json!("b"), &serde_json::json!("c"), &serde_json::json!("a")]);
    assert!(open);
}

#[test]
fn a_model_renamed_to_clear_a_clash_can_be_named_in_the_manifest() {
    for key in ["Client", "ClientModel"] {
        let d = dir(&format!("clash-{key}"));
        std::fs::write(d.join("api.postman.json"), collection(base_items())).unwrap();
        let manifest = format!("[package]\nname = \"clash\"\nversion = \"1.0.0\"\n[[source]]\nfile = \"api.postman.json\"\n[overrides.types]\n{key} = \"Company\"\n");
        std::fs::write(d.join("api.toml"), manifest).unwrap();
        let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
        let api = generate_from_manifest(&d, &opts).unwrap().api;
        let names = response_names(&api);
        assert!(names.contains(&("show_client".into(), "Company".into())), "{key}: {names:?}");
        // The names that came from the model's name stay as they were.
        assert!(api.types.defs.iter().any(|d| d.name == "ClientSettings"), "{key}");
    }
}
