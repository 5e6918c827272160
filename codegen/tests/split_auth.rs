//! Requests on one method and path that differ in auth (one sends no credentials, one does)
//! and in their body fields are two operations, each with its own auth; requests that differ
//! only in their bodies stay one.

use codegen::emit::EmitOptions;
use codegen::model::{Api, DecisionKind, Operation, Ty};
use codegen::pipeline::generate_from_files;
use std::path::Path;

fn api() -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/split/sessions.postman.json");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "sessions", &opts).unwrap().api
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no `{id}`: {:?}", api.operations.iter().map(|o| &o.id).collect::<Vec<_>>()))
}

#[test]
fn a_login_without_credentials_and_a_keyed_request_on_one_path_are_two_methods() {
    let api = api();
    let login = op(&api, "log_in");
    let minted = op(&api, "create_session_for_user");
    assert_eq!((login.path.to_openapi(), minted.path.to_openapi()), ("/sessions".to_string(), "/sessions".to_string()));
    assert!(login.auth.is_empty(), "the login sends no credentials: {:?}", login.auth);
    assert_eq!(minted.auth, ["bearer"]);
    // Each sends its own body; the login shares the only documented response.
    let body_name = |o: &Operation| match o.request.as_ref().and_then(|r| r.ty.clone()) {
        Some(Ty::Named(id)) => api.types.get(id).name.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!((body_name(login), body_name(minted)), ("LogInRequest".to_string(), "CreateSessionForUserRequest".to_string()));
    let success = |o: &Operation| o.responses.iter().find(|r| r.status == Some(201)).and_then(|r| r.ty.clone());
    assert!(success(login).is_some() && success(login) == success(minted));
    let decision = api.decisions.iter().find(|d| d.kind == DecisionKind::OperationMerged && d.subject == "POST /sessions").unwrap();
    assert!(decision.detail.starts_with("two operations, not one: `Log in` sends no credentials"), "{}", decision.detail);
}

#[test]
fn requests_with_the_same_auth_stay_one_operation_whatever_their_bodies() {
    let api = api();
    let notes: Vec<&Operation> = api.operations.iter().filter(|o| o.path.to_openapi() == "/notes").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].auth, ["bearer"]);
}

#[test]
fn the_spec_diff_pairs_each_split_operation_with_itself() {
    let (old, mut new) = (api(), api());
    assert!(codegen::diff::compare(&old, &new).is_empty());
    // The key-minting operation loses its auth: one change, on that operation alone.
    let minted = new.operations.iter_mut().find(|o| o.id == "create_session_for_user").unwrap();
    minted.auth.clear();
    let changes = codegen::diff::compare(&old, &new);
    assert!(!changes.is_empty());
    assert!(changes.iter().all(|c| format!("{c:?}").contains("POST /sessions")), "{changes:?}");
}

#[test]
fn api_toml_names_one_split_operation_by_its_request_name() {
    let dir = std::env::temp_dir().join(format!("codegen-split-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/split/sessions.postman.json"), dir.join("api.postman.json")).unwrap();
    let manifest = "[package]\nname = \"sessions\"\nversion = \"1.0.0\"\n[[source]]\nfile = \"api.postman.json\"\n[overrides.operations]\n\"POST /sessions (Log in)\" = \"login\"\n";
    std::fs::write(dir.join("api.toml"), manifest).unwrap();
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let api = codegen::pipeline::generate_from_manifest(&dir, &opts).unwrap().api;
    let ids: Vec<&str> = api.operations.iter().filter(|o| o.path.to_openapi() == "/sessions").map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["login", "create_session_for_user"]);
}
