//! The typed calls a downstream crate makes, against wiremock on 127.0.0.1: auth as the
//! documents describe it in prose, bodies (form, multipart from bytes and streams, streamed
//! downloads), typed errors, bodies that are not what was documented, and the safety rules.

mod live_support;

use live_support::{form_pairs, run, seen};
use serde_json::{json, Value};
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LIMIT: Duration = Duration::from_secs(30);

async fn respond(server: &MockServer, status: u16, body: impl Into<Vec<u8>>) {
    server.reset().await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(status).set_body_bytes(body.into())).mount(server).await;
}

fn example(api: &str, operation: &str, status: Option<u16>, request: bool) -> Value {
    let krate = workspace_tests::generate_bundled(api);
    let found = krate.api.examples.iter().find(|e| e.operation == operation && e.request == request && (status.is_none() || e.status == status));
    found.map(|e| e.value.clone()).unwrap_or_else(|| panic!("no example for {operation}"))
}

#[test]
fn crankwheel_key_is_sent_raw_after_basic_not_base64() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        respond(&server, 200, "[]").await;
        let client = crankwheel::Client::builder().base_url(server.uri()).api_key("068Y_yRRM5Jl-bR9HaLGJiJkMITQVZsNeMc-DD_1").build().unwrap();
        client.list_api_keys().await.unwrap();
        let req = &seen(&server).await[0];
        assert_eq!(req.header("authorization"), Some("Basic 068Y_yRRM5Jl-bR9HaLGJiJkMITQVZsNeMc-DD_1"));
        assert_eq!(req.header("user-agent"), Some("crankwheel/0.1.0"), "the user agent names the crate and version");
    });
}

#[test]
fn reseller_impersonation_authenticates_as_the_client_company_admin() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        respond(&server, 200, "[]").await;
        let client = crankwheel::Client::builder().base_url(server.uri()).reseller_impersonation(12345, "ABCDEFG").build().unwrap();
        client.list_company_users().await.unwrap();
        let req = &seen(&server).await[0];
        assert_eq!(req.header("authorization"), Some("Basic resellerimpersonate-12345-ABCDEFG"));
    });
}

#[test]
fn outseta_sends_key_pair_for_server_calls_and_bearer_for_profile() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let profile = example("outseta", "get_profile", None, false);
        respond(&server, 200, serde_json::to_vec(&profile).unwrap()).await;
        let client = outseta::Client::builder().base_url(server.uri()).api_key("KEY", "SECRET").access_token("TOKEN").build().unwrap();
        // A server call whose body the documents do not show: any JSON is accepted.
        client.delete_deal("d1").await.unwrap();
        client.get_profile().await.unwrap();
        let reqs = seen(&server).await;
        assert_eq!(reqs[0].header("authorization"), Some("Outseta KEY:SECRET"));
        assert_eq!(reqs[1].header("authorization"), Some("bearer TOKEN"), "profile endpoints take only the user's token");
    });
}

#[test]
fn outseta_token_exchange_result_configures_a_user_client() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let token = example("outseta", "get_auth_token", Some(200), false);
        Mock::given(method("POST")).and(path("/tokens")).respond_with(ResponseTemplate::new(200).set_body_json(&token)).mount(&server).await;
        let profile = example("outseta", "get_profile", None, false);
        Mock::given(method("GET")).and(path("/profile")).respond_with(ResponseTemplate::new(200).set_body_json(&profile)).mount(&server).await;

        let server_client = outseta::Client::builder().base_url(server.uri()).api_key("KEY", "SECRET").build().unwrap();
        let body = serde_json::from_value(json!({"username": "user@example.com", "password": "p&ss word"})).unwrap();
        let token = server_client.get_auth_token(body).await.unwrap();
        let user = server_client.with_access_token(token.access_token.clone());
        user.get_profile().await.unwrap();

        let reqs = seen(&server).await;
        assert_eq!(reqs[0].header("content-type"), Some("application/x-www-form-urlencoded"));
        let mut form = form_pairs(&reqs[0].body_text());
        form.sort();
        assert_eq!(form, vec![("password".into(), "p&ss word".into()), ("username".into(), "user@example.com".into())]);
        assert_eq!(reqs[1].header("authorization"), Some(format!("bearer {}", token.access_token).as_str()));
    });
}

#[test]
fn secrets_never_appear_in_debug_output() {
    let builder = outseta::Client::builder().domain("acme").api_key("KEY-123", "SECRET-456").access_token("TOKEN-789");
    let client = outseta::Client::builder().domain("acme").api_key("KEY-123", "SECRET-456").access_token("TOKEN-789").build().unwrap();
    let user = client.with_access_token("TOKEN-abc");
    let cw = crankwheel::Client::builder().reseller_impersonation(1, "RESELLER-KEY").build().unwrap();
    for text in [format!("{builder:?}"), format!("{client:?}"), format!("{user:?}"), format!("{cw:?}")] {
        for secret in ["KEY-123", "SECRET-456", "TOKEN-789", "TOKEN-abc", "RESELLER-KEY"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("***"), "{text}");
    }
}

#[test]
fn outseta_base_url_is_per_tenant_and_rejects_values_that_change_the_host() {
    let client = outseta::Client::builder().domain("acme").build().unwrap();
    assert_eq!(client.base_url(), "https://acme.outseta.com/api/v1");
    for bad in ["evil.com/x", "a@b", "x:1", "", ".."] {
        assert!(outseta::Client::builder().domain(bad).build().is_err(), "{bad:?} was accepted");
    }
    assert_eq!(crankwheel::Client::builder().build().unwrap().base_url(), "https://meeting.is");
}

#[test]
fn multipart_upload_sends_file_parts_from_bytes_and_from_streams() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        respond(&server, 200, "").await;
        let client = crankwheel::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        let bytes = crankwheel::FilePart::new("clip.mp4", "video/mp4", b"MP4-BYTES".to_vec());
        client.upload_company_content_data(975, bytes).await.unwrap();
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = vec![Ok(b"ID3-".to_vec()), Ok(b"CHUNKED-".to_vec()), Ok(b"AUDIO".to_vec())];
        let stream = crankwheel::FilePart::stream("call.mp3", "audio/mpeg", futures_util::stream::iter(chunks), Some(17));
        client.upload_external_audio_recording(stream).agent_email("user+tag@example.com").await.unwrap();

        let reqs = seen(&server).await;
        assert_eq!(reqs[0].path, "/ss/uploads/company_content/975/data");
        let text = reqs[0].body_text();
        assert!(reqs[0].header("content-type").unwrap_or_default().starts_with("multipart/form-data; boundary="));
        assert!(text.contains("name=\"data\"; filename=\"clip.mp4\"") && text.contains("video/mp4") && text.contains("MP4-BYTES"), "{text}");
        let text = reqs[1].body_text();
        assert!(text.contains("filename=\"call.mp3\"") && text.contains("ID3-CHUNKED-AUDIO"), "{text}");
        assert_eq!(reqs[1].query, vec![("agent_email".to_string(), "user+tag@example.com".to_string())]);
    });
}

#[test]
fn download_is_a_byte_stream_read_chunk_by_chunk() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let video: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        server.reset().await;
        Mock::given(method("GET"))
            .and(path("/ss/api/company_content/975/data"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(video.clone(), "video/mp4; charset=utf-8"))
            .mount(&server)
            .await;
        let client = crankwheel::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        let mut stream = client.download_company_content(975).await.unwrap();
        assert_eq!(stream.content_type(), Some("video/mp4; charset=utf-8"));
        assert_eq!(stream.content_length(), Some(video.len() as u64));
        let (mut received, mut chunks) = (Vec::new(), 0);
        while let Some(chunk) = stream.next_chunk().await {
            received.extend_from_slice(&chunk.unwrap());
            chunks += 1;
        }
        assert_eq!(received, video);
        assert!(chunks > 1, "the body arrived in {chunks} chunk(s)");
        // An error status is read whole and typed like any other.
        respond(&server, 404, r#"{"error":"not found"}"#).await;
        let err = client.download_company_content(1).await.unwrap_err();
        assert!(matches!(err.api().map(|e| &e.body), Some(crankwheel::ErrorBody::Message(m)) if m == "not found"), "{err:?}");
    });
}

#[test]
fn documented_error_status_decodes_into_its_type_with_status_headers_and_request_id() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let conflict = example("crankwheel-reseller", "create_client", Some(409), false);
        server.reset().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(409).set_body_json(&conflict).insert_header("x-request-id", "req-42"))
            .mount(&server)
            .await;
        let client = crankwheel_reseller::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        let body = serde_json::from_value(example("crankwheel-reseller", "create_client", None, true)).unwrap();
        let err = client.create_client(body).await.unwrap_err();
        assert_eq!(err.status(), Some(409));
        assert_eq!(err.request_id(), Some("req-42"));
        let api = err.api().unwrap();
        assert!(matches!(&api.body, crankwheel_reseller::CreateClientError::Conflict(c) if c.errors.contains_key("sname")), "{api:?}");
        assert_eq!(serde_json::from_slice::<Value>(&api.raw_body).unwrap(), conflict);
        assert_eq!(api.headers.get("x-request-id").unwrap(), "req-42");
        assert!(err.to_string().contains("409") && err.to_string().contains("req-42"), "{err}");

        // A typed error converts into the crate-wide error with `?`.
        async fn create(client: &crankwheel_reseller::Client, body: crankwheel_reseller::models::CreateClientRequest) -> Result<(), crankwheel_reseller::Error> {
            client.create_client(body).await?;
            Ok(())
        }
        let body = serde_json::from_value(example("crankwheel-reseller", "create_client", None, true)).unwrap();
        let untyped = create(&client, body).await.unwrap_err();
        assert!(matches!(untyped.api().map(|e| &e.body), Some(crankwheel_reseller::ErrorBody::Fields(f)) if f.contains_key("sname")), "{untyped:?}");
    });
}

#[test]
fn error_bodies_of_any_shape_are_read_without_panicking() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let client = crankwheel::Client::builder().base_url(server.uri()).api_key("k").max_retries(0).build().unwrap();
        let cases: [(u16, &str, crankwheel::ErrorBody); 5] = [
            (404, r#"{"error": "Meeting not found"}"#, crankwheel::ErrorBody::Message("Meeting not found".into())),
            (400, r#"{"errors": {"email": ["has already been taken"]}}"#, crankwheel::ErrorBody::Fields([("email".to_string(), vec!["has already been taken".to_string()])].into())),
            (500, "Error setting post session url", crankwheel::ErrorBody::Text("Error setting post session url".into())),
            (403, "", crankwheel::ErrorBody::Empty),
            (422, r#"{"error": {}}"#, crankwheel::ErrorBody::Json(json!({"error": {}}))),
        ];
        for (status, body, expected) in cases {
            respond(&server, status, body).await;
            let err = client.list_webhooks().await.unwrap_err();
            assert_eq!(err.api().map(|e| &e.body), Some(&expected), "{status} {body}");
        }
        // A documented plain-text 404, and a documented JSON 404 that arrives as text.
        respond(&server, 404, "Not found").await;
        let body = serde_json::from_value(json!({"email": "a@b.c", "url": "https://nike.com"})).unwrap();
        let err = client.set_post_meeting_url(body).await.unwrap_err();
        assert_eq!(err.api().map(|e| &e.body), Some(&crankwheel::SetPostMeetingUrlError::NotFound("Not found".into())));
        let err = client.delete_meeting_link("uid").await.unwrap_err();
        assert!(matches!(err.api().map(|e| &e.body), Some(crankwheel::DeleteMeetingLinkError::Other(crankwheel::ErrorBody::Text(_)))), "{err:?}");
    });
}

#[test]
fn empty_and_text_success_bodies_are_handled_and_bad_json_names_its_path() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let cw = crankwheel::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        let rs = crankwheel_reseller::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        // HTTP gives a 204 no body, whatever the documents show.
        respond(&server, 204, "").await;
        assert_eq!(rs.delete_client(1).await.unwrap(), None);
        // A documented empty 200 next to a typed 201.
        respond(&server, 200, "").await;
        let body = serde_json::from_value(json!({"user_access": {"email": "a@b.c"}})).unwrap();
        assert_eq!(cw.create_company_user(body).await.unwrap(), None);
        // A JSON string documented, plain text sent.
        respond(&server, 200, "deleted").await;
        assert_eq!(cw.delete_api_key("k").await.unwrap().as_deref(), Some("deleted"));
        respond(&server, 200, "\"deleted\"").await;
        assert_eq!(cw.delete_api_key("k").await.unwrap().as_deref(), Some("deleted"));
        // An empty 200 where an object is required: a decode error, not a panic.
        respond(&server, 200, "").await;
        assert!(matches!(rs.show_client_by_id(1).await.unwrap_err(), crankwheel_reseller::Error::Decode(_)));
        // A wrong type deep inside: the error names the path.
        let mut client = example("crankwheel-reseller", "show_client_by_id", Some(200), false);
        client["settings"]["window"] = json!("not a bool");
        respond(&server, 200, serde_json::to_vec(&client).unwrap()).await;
        let err = rs.show_client_by_id(1).await.unwrap_err();
        let crankwheel_reseller::Error::Decode(d) = &err else { panic!("{err:?}") };
        assert_eq!(d.path, "settings.window", "{err}");
        assert!(err.to_string().contains("settings.window"));
    });
}

#[test]
fn path_parameters_stay_one_segment() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let user = json!({"privilege": "admin", "in_demo_pool": true, "email": "x@example.com"});
        respond(&server, 200, serde_json::to_vec(&user).unwrap()).await;
        let client = crankwheel::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        for value in ["../admin", "a/b", "user+tag@example.com", "with space?#"] {
            client.show_company_user(value).await.unwrap();
        }
        // No encoding keeps `..` one segment (URL parsing removes it): it is refused.
        for value in ["..", "."] {
            assert!(matches!(client.show_company_user(value).await, Err(crankwheel::Error::InvalidRequest(_))), "{value}");
        }
        let paths: Vec<String> = seen(&server).await.into_iter().map(|r| r.path).collect();
        assert_eq!(
            paths,
            [
                "/ss/api/user_access/..%2Fadmin",
                "/ss/api/user_access/a%2Fb",
                "/ss/api/user_access/user%2Btag%40example.com",
                "/ss/api/user_access/with%20space%3F%23",
            ]
        );
    });
}

#[test]
fn header_values_with_line_breaks_are_rejected_not_sent() {
    assert!(matches!(crankwheel::Client::builder().api_key("key\r\nX-Evil: 1").build(), Err(crankwheel::Error::InvalidRequest(_))));
    run(LIMIT, async {
        let server = MockServer::start().await;
        respond(&server, 200, "{}").await;
        let client = outseta::Client::builder().base_url(server.uri()).build().unwrap().with_access_token("token\nX-Evil: 1");
        let err = client.get_profile().await.unwrap_err();
        assert!(matches!(err, outseta::Error::InvalidRequest(_)), "{err:?}");
        assert!(seen(&server).await.is_empty(), "the request was sent");
    });
}

#[test]
fn generated_crates_use_rustls_by_default() {
    for api in workspace_tests::bundled_apis() {
        let toml = std::fs::read_to_string(workspace_tests::root().join("generated").join(&api).join("Cargo.toml")).unwrap();
        let reqwest = toml.lines().find(|l| l.starts_with("reqwest")).unwrap_or_default();
        assert!(reqwest.contains("default-features = false") && reqwest.contains("\"rustls-tls\""), "{api}: {reqwest}");
    }
}

#[test]
fn an_optional_parameter_set_twice_is_sent_once_with_the_last_value() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        respond(&server, 200, serde_json::to_vec(&json!({"metadata": {"limit": 5, "offset": 0, "total": 0}, "items": []})).unwrap()).await;
        let client = outseta::Client::builder().base_url(server.uri()).api_key("KEY", "SECRET").build().unwrap();
        // The builder is the request itself; `send` works as well as `.await`.
        client.get_all_people().limit(2).offset(1).limit(5).send().await.unwrap();
        let req = &seen(&server).await[0];
        let limits: Vec<&str> = req.query.iter().filter(|(k, _)| k == "limit").map(|(_, v)| v.as_str()).collect();
        assert_eq!(limits, ["5"], "{:?}", req.query);
        assert!(req.query.iter().any(|(k, v)| k == "offset" && v == "1"), "{:?}", req.query);
    });
}
