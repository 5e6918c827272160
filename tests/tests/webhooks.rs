//! Webhooks and callbacks: a crate generated from an OpenAPI 3.1 document with webhooks only,
//! and from a 3.0 document with callbacks, has their payload types and decode functions, and
//! a test inside each crate decodes sample deliveries through them (`cargo clippy` and
//! `cargo test`, warnings denied, doctests included).

use codegen::emit::EmitOptions;
use codegen::model::{Api, Ty, TypeKind};
use codegen::pipeline::{generate_from_files, GeneratedCrate};
use std::path::Path;
use std::process::Command;
use workspace_tests::root;

fn generate(fixture: &str, name: &str) -> GeneratedCrate {
    let input = root().join("codegen/tests/fixtures/webhooks").join(fixture);
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    generate_from_files(std::slice::from_ref(&input), name, &opts).unwrap_or_else(|e| panic!("{fixture} does not generate:\n{e}"))
}

/// Writes the crate and `tests/decode.rs` into its own folder, then runs its tests in the
/// target folder the standalone crates share (their dependencies compile once).
fn run_tests_inside(krate: &GeneratedCrate, name: &str, test: &str) {
    let work = root().join("target/standalone-check");
    let dir = work.join("crates").join(name);
    let mut files = krate.files.clone();
    files.insert("tests/decode.rs".into(), test.to_string());
    workspace_tests::write_crate(&dir, &files);
    // Clippy first, as CI runs it on the bundled crates; then the tests, doctests included.
    for args in [&["clippy", "--quiet", "--all-targets"][..], &["test", "--quiet"][..]] {
        let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        cmd.args(args).arg("--manifest-path").arg(dir.join("Cargo.toml"));
        if args[0] == "clippy" {
            cmd.args(["--", "-D", "warnings"]);
        }
        let out = cmd.env("CARGO_TARGET_DIR", work.join("target")).env("RUSTFLAGS", "-D warnings").output().expect("cargo runs");
        let log = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{name}: `cargo {}` of the generated crate failed:\n{log}", args[0]);
    }
    assert!(Path::new(&dir).join("src/webhooks/delivery.rs").exists());
}

fn type_name(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Named(id) => api.types.get(*id).name.clone(),
        other => format!("{other:?}"),
    }
}

fn field_ty<'a>(api: &'a Api, ty: &Ty, field: &str) -> &'a Ty {
    let Ty::Named(id) = ty else { panic!("not a named type: {ty:?}") };
    match &api.types.get(*id).kind {
        TypeKind::Struct(fields) => &fields.iter().find(|f| f.name == field).unwrap_or_else(|| panic!("no field {field}")).ty,
        other => panic!("not a struct: {other:?}"),
    }
}

const PET_EVENTS_TEST: &str = r##"
use pet_events::webhooks::{decode, decode_named, Event, WebhookError};

#[test]
fn header_and_action_pick_the_event_and_unknown_fields_are_kept() {
    let body = br#"{"action":"adopted","pet":{"id":7,"name":"Rex","tag":null,"age":3},"adopter":null}"#;
    let event = decode([("X-Pet-Event", "pet")], body).expect("decodes");
    assert_eq!(event.name(), "pet-adopted");
    let Event::PetAdopted(payload) = event else { panic!("not pet-adopted") };
    assert_eq!((payload.pet.id, payload.pet.name.as_str()), (7, "Rex"));
    assert_eq!(payload.adopter, None);
    assert_eq!(payload.pet.extra.get("age"), Some(&serde_json::json!(3)));
    let created = decode(vec![("x-pet-event".to_string(), b"pet".to_vec())], br#"{"action":"created","pet":{"id":1,"name":"Tom"}}"#);
    assert!(matches!(created, Ok(Event::PetCreated(_))), "{created:?}");
}

#[test]
fn an_http_header_map_goes_in_as_axum_and_actix_web_hand_it_over() {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("X-Pet-Event", reqwest::header::HeaderValue::from_static("pet"));
    let body: Vec<u8> = br#"{"action":"created","pet":{"id":2,"name":"Kit"}}"#.to_vec();
    assert!(matches!(decode(&headers, &body), Ok(Event::PetCreated(_))));
}

#[test]
fn a_delivery_nothing_tells_apart_is_the_undiscriminated_event() {
    let event = decode(Vec::<(&str, &str)>::new(), br#"{"zen":"Keep it simple","hook_id":null}"#).expect("decodes");
    let Event::Ping(ping) = event else { panic!("not ping") };
    // Optional and nullable: present as `null` is `Some(None)`.
    assert_eq!((ping.zen.as_str(), ping.hook_id), ("Keep it simple", Some(None)));
}

#[test]
fn a_wrong_payload_names_the_event_and_the_path() {
    let err = decode([("X-Pet-Event", "pet")], br#"{"action":"created","pet":{"id":"x","name":"a"}}"#).expect_err("fails");
    match &err {
        WebhookError::Decode { event, path, .. } => assert_eq!((*event, path.as_str()), ("pet-created", "pet.id")),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("pet.id"), "{err}");
}

#[test]
fn decode_named_picks_by_name() {
    assert!(matches!(decode_named("ping", br#"{"zen":"z"}"#), Ok(Event::Ping(_))));
    assert!(matches!(decode_named("nope", b"{}"), Err(WebhookError::UnknownEvent { .. })));
}
"##;

#[test]
fn webhooks_only_document_gives_payload_types_an_event_enum_and_decode() {
    let krate = generate("pet-events-3.1.yaml", "pet-events");
    let api = &krate.api;
    assert!(api.operations.is_empty());
    assert_eq!(api.webhooks.len(), 1);
    let events = &api.webhooks[0].events;
    let keys: Vec<(&str, &str, Option<&str>, Vec<&str>)> = events
        .iter()
        .map(|e| (e.name.as_str(), e.variant.as_str(), e.header.as_ref().map(|(h, _)| h.as_str()), e.actions.iter().map(String::as_str).collect()))
        .collect();
    assert_eq!(
        keys,
        [
            ("pet-created", "PetCreated", Some("X-Pet-Event"), vec!["created"]),
            ("pet-adopted", "PetAdopted", Some("X-Pet-Event"), vec!["adopted"]),
            ("ping", "Ping", None, vec![]),
        ]
    );
    // Both events that reference the `Pet` component share its one type.
    let pets: Vec<String> = events.iter().take(2).map(|e| type_name(api, field_ty(api, e.ty.as_ref().expect("typed"), "pet"))).collect();
    assert_eq!(pets, ["Pet", "Pet"]);
    let doc: serde_json::Value = serde_json::from_str(&krate.files["openapi.json"]).expect("openapi.json is JSON");
    let adopted = doc.pointer("/webhooks/pet-adopted/post").expect("the webhook is in openapi.json");
    assert_eq!(adopted.pointer("/requestBody/content/application~1json/schema/$ref"), Some(&serde_json::json!("#/components/schemas/PetAdoptedPayload")));
    assert_eq!(adopted.pointer("/parameters/0/schema/enum"), Some(&serde_json::json!(["pet"])));
    assert!(doc.pointer("/components/schemas/PingPayload").is_some(), "payload types are components");
    let readme = &krate.files["README.md"];
    assert!(readme.contains("| `webhooks::decode` | `pet-adopted` | `POST` | `X-Pet-Event: pet`, `action: adopted` |"), "{readme}");
    let report = &krate.files["REPORT.md"];
    assert!(report.contains("`webhook POST ping`: payload `PingPayload`; no required header"), "{report}");
    run_tests_inside(&krate, "webhooks-pet-events", PET_EVENTS_TEST);
}

const SUBSCRIPTIONS_TEST: &str = r##"
use subscriptions::webhooks::{decode_create_subscription_on_cancel, decode_create_subscription_on_event};

#[test]
fn each_callback_decodes_its_payload() {
    let headers = [("Content-Type", "application/json")];
    let event = decode_create_subscription_on_event(headers, br#"{"id":"e1","kind":"renewed","subscription":{"id":"s1"}}"#).expect("decodes");
    let _: &subscriptions::models::Event = &event;
    assert_eq!(event.subscription.map(|s| s.id), Some("s1".to_string()));
    let cancel = decode_create_subscription_on_cancel(headers, br#"{"subscription":{"id":"s1"},"reason":null}"#).expect("decodes");
    assert_eq!((cancel.subscription.id.as_str(), cancel.reason), ("s1", Some(None)));
    assert!(decode_create_subscription_on_cancel(headers, b"{}").is_err(), "`subscription` is required");
}
"##;

#[test]
fn callbacks_get_a_decode_function_each_and_share_the_apis_models() {
    let krate = generate("subscriptions-callbacks-3.0.yaml", "subscriptions");
    let api = &krate.api;
    let groups: Vec<(String, String)> = api.webhooks.iter().map(|g| g.callback.clone().expect("callbacks only")).collect();
    let expected = [("create_subscription", "onEvent"), ("create_subscription", "onCancel")].map(|(o, k)| (o.to_string(), k.to_string()));
    assert_eq!(groups, expected);
    let created = api.operations[0].responses.iter().find(|r| r.status == Some(201)).and_then(|r| r.ty.clone()).expect("201 body");
    let on_event = api.webhooks[0].events[0].ty.clone().expect("typed");
    let on_cancel = api.webhooks[1].events[0].ty.clone().expect("typed");
    assert_eq!(type_name(api, &on_event), "Event");
    assert_eq!(field_ty(api, &on_event, "subscription"), &created);
    assert_eq!(field_ty(api, &on_cancel, "subscription"), &created);
    let doc: serde_json::Value = serde_json::from_str(&krate.files["openapi.json"]).expect("openapi.json is JSON");
    let callback = doc.pointer("/paths/~1subscriptions/post/callbacks/onEvent/{$request.body#~1callbackUrl}/post").expect("in openapi.json");
    assert_eq!(callback.pointer("/requestBody/content/application~1json/schema/$ref"), Some(&serde_json::json!("#/components/schemas/Event")));
    let webhooks = &krate.files["src/webhooks/mod.rs"];
    assert!(webhooks.contains("pub fn decode_create_subscription_on_cancel<"), "{webhooks}");
    run_tests_inside(&krate, "webhooks-subscriptions", SUBSCRIPTIONS_TEST);
}

const EDGE_CASES_TEST: &str = r##"
use edge_cases::webhooks::{decode, decode_start_job_on_event, decode_start_job_on_event2, Event, StartJobOnEventCallback};

#[test]
fn action_alone_picks_its_event_and_text_takes_the_rest() {
    assert!(matches!(decode(Vec::<(&str, &str)>::new(), br#"{"action":"closed","number":3}"#), Ok(Event::Issue(_))));
    let Ok(Event::Log(text)) = decode(Vec::<(&str, &str)>::new(), b"plain words") else { panic!("not the text event") };
    assert_eq!(text, b"plain words".to_vec());
}

#[test]
fn a_callback_with_several_requests_is_an_enum_and_clashing_keys_are_numbered() {
    let done = decode_start_job_on_event([("a", "b")], br#"{"done":true}"#).expect("decodes");
    assert!(matches!(done, StartJobOnEventCallback::Post(ref p) if p.done), "{done:?}");
    assert!(decode_start_job_on_event2([("a", "b")], br#"{"any":1}"#).is_ok());
}
"##;

#[test]
fn edge_cases_raw_bodies_action_only_several_requests_and_clashing_names_compile_and_decode() {
    let krate = generate("edge-cases-3.1.yaml", "edge-cases");
    let webhooks = &krate.files["src/webhooks/mod.rs"];
    for item in ["pub fn decode_start_job_on_event<", "pub fn decode_start_job_on_event2<", "pub enum StartJobOnEventCallback", "Log(Vec<u8>)"] {
        assert!(webhooks.contains(item), "no `{item}`:\n{webhooks}");
    }
    run_tests_inside(&krate, "webhooks-edge-cases", EDGE_CASES_TEST);
}
