//! Postman auth inheritance on a real package's collection (`python-postman` 0.9.1, MIT, copy
//! in `tests/fixtures/postman/python-postman`; the corpus fetches the same file pinned by
//! sha256): collection-level API-key auth, a `noauth` folder, a bearer folder whose nested
//! folders inherit it, a request with its own auth, and `{{base_url}}`/`{{user_id}}` variables.

use codegen::emit::EmitOptions;
use codegen::model::{Api, AuthKind, Operation};
use codegen::pipeline::generate_from_files;
use std::path::Path;

fn api() -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postman/python-postman/nested_collection.json");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "nested-auth", &opts).unwrap_or_else(|e| panic!("{e}")).api
}

fn op<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|o| o.id == id).unwrap_or_else(|| panic!("no `{id}`: {:?}", api.operations.iter().map(|o| &o.id).collect::<Vec<_>>()))
}

#[test]
fn a_request_in_a_noauth_folder_sends_no_credentials_though_the_collection_has_auth() {
    let api = api();
    assert!(op(&api, "login").auth.is_empty(), "{:?}", op(&api, "login").auth);
}

#[test]
fn requests_in_folders_nested_under_a_bearer_folder_inherit_bearer() {
    let api = api();
    for id in ["get_all_users", "get_user_by_id", "update_profile"] {
        assert_eq!(op(&api, id).auth, ["bearer"], "{id}");
    }
    let bearer = api.auth.iter().find(|s| s.name == "bearer").expect("a bearer scheme");
    assert!(matches!(&bearer.kind, AuthKind::Bearer { prefix } if prefix == "Bearer"), "{:?}", bearer.kind);
}

#[test]
fn a_request_with_its_own_auth_in_a_noauth_folder_keeps_its_own() {
    let api = api();
    assert_eq!(op(&api, "logout").auth, ["bearer"]);
}

#[test]
fn variables_in_urls_are_the_base_url_and_path_parameters() {
    let api = api();
    // `{{base_url}}/users/{{user_id}}`: the host variable is the server, `{{user_id}}` a parameter.
    let by_id = op(&api, "get_user_by_id");
    assert_eq!(by_id.path.to_openapi(), "/users/{user_id}");
    assert_eq!(op(&api, "update_profile").path.to_openapi(), "/users/{user_id}/profile");
    assert!(api.operations.iter().all(|o| !o.path.to_openapi().contains("base_url")));
}
