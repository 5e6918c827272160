//! Retries, `Retry-After`, timeouts and pagination, against wiremock on 127.0.0.1. Waits are
//! kept short with a fast retry policy; every test has a time limit.

mod live_support;

use live_support::{run, seen};
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const LIMIT: Duration = Duration::from_secs(30);

fn fast_retries() -> crankwheel::RetryPolicy {
    crankwheel::RetryPolicy { max_retries: 2, initial_backoff: Duration::from_millis(10), max_backoff: Duration::from_millis(50), ..Default::default() }
}

fn client(server: &MockServer) -> crankwheel::Client {
    crankwheel::Client::builder().base_url(server.uri()).api_key("k").retry(fast_retries()).build().unwrap()
}

/// `first` answered `times` times, then 200 with `ok`.
async fn flaky(server: &MockServer, first: ResponseTemplate, times: u64, ok: &str) {
    server.reset().await;
    Mock::given(wiremock::matchers::any()).respond_with(first).up_to_n_times(times).mount(server).await;
    Mock::given(wiremock::matchers::any()).respond_with(ResponseTemplate::new(200).set_body_string(ok)).mount(server).await;
}

#[test]
fn idempotent_calls_retry_on_429_502_503_504_then_succeed() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let client = client(&server);
        for status in [429, 502, 503, 504] {
            flaky(&server, ResponseTemplate::new(status), 2, "[]").await;
            assert!(client.list_api_keys().await.unwrap().is_empty(), "{status}");
            assert_eq!(seen(&server).await.len(), 3, "{status}: two retries");
        }
        // Retries run out: the last error is returned.
        flaky(&server, ResponseTemplate::new(503), 10, "[]").await;
        assert_eq!(client.list_api_keys().await.unwrap_err().status(), Some(503));
        assert_eq!(seen(&server).await.len(), 3);
        // Other errors are not retried.
        flaky(&server, ResponseTemplate::new(500), 1, "[]").await;
        assert_eq!(client.list_api_keys().await.unwrap_err().status(), Some(500));
        assert_eq!(seen(&server).await.len(), 1);
    });
}

#[test]
fn post_is_not_retried_unless_asked() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let key = r#"{"write": true, "key": "k"}"#;
        flaky(&server, ResponseTemplate::new(503), 1, key).await;
        assert_eq!(client(&server).create_new_api_key().await.unwrap_err().status(), Some(503));
        assert_eq!(seen(&server).await.len(), 1);

        flaky(&server, ResponseTemplate::new(503), 1, key).await;
        let retrying = crankwheel::Client::builder().base_url(server.uri()).retry(fast_retries()).retry_non_idempotent(true).build().unwrap();
        assert!(retrying.create_new_api_key().await.unwrap().write);
        assert_eq!(seen(&server).await.len(), 2);
    });
}

#[test]
fn retry_after_is_honoured_in_seconds_and_as_a_date() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let client = client(&server);
        flaky(&server, ResponseTemplate::new(429).insert_header("retry-after", "1"), 1, "[]").await;
        let start = Instant::now();
        client.list_api_keys().await.unwrap();
        assert!(start.elapsed() >= Duration::from_millis(950), "waited {:?}", start.elapsed());

        // An HTTP date in the past means "now".
        flaky(&server, ResponseTemplate::new(503).insert_header("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT"), 1, "[]").await;
        let start = Instant::now();
        client.list_api_keys().await.unwrap();
        assert!(start.elapsed() < Duration::from_millis(900), "waited {:?}", start.elapsed());
        assert_eq!(seen(&server).await.len(), 2);
    });
}

#[test]
fn retry_after_beyond_the_policy_limit_returns_the_error_at_once() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        flaky(&server, ResponseTemplate::new(429).insert_header("retry-after", "3600").set_body_string("slow down"), 1, "[]").await;
        let start = Instant::now();
        let err = client(&server).list_api_keys().await.unwrap_err();
        assert_eq!(err.status(), Some(429));
        assert!(start.elapsed() < Duration::from_secs(2));
        assert_eq!(seen(&server).await.len(), 1);
    });
}

#[test]
fn connection_errors_are_retried_until_the_server_answers() {
    run(LIMIT, async {
        // A port with nothing listening yet; the server comes up after the first refusal.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(150)).await;
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = tokio::io::AsyncReadExt::read(&mut socket, &mut buf).await;
            let reply = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]";
            tokio::io::AsyncWriteExt::write_all(&mut socket, reply).await.unwrap();
        });
        let retry = crankwheel::RetryPolicy { max_retries: 6, initial_backoff: Duration::from_millis(100), max_backoff: Duration::from_millis(200), ..Default::default() };
        let client = crankwheel::Client::builder().base_url(format!("http://127.0.0.1:{port}")).retry(retry).build().unwrap();
        assert!(client.list_api_keys().await.unwrap().is_empty());
        server.await.unwrap();

        // Without retries the refusal is a transport error.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let client = crankwheel::Client::builder().base_url(format!("http://127.0.0.1:{port}")).max_retries(0).build().unwrap();
        assert!(matches!(client.list_api_keys().await.unwrap_err(), crankwheel::Error::Transport(_)));
    });
}

#[test]
fn a_slow_server_is_a_timeout_error_and_a_timeout_is_retried() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        flaky(&server, ResponseTemplate::new(200).set_body_string("[]").set_delay(Duration::from_secs(3)), 1, "[]").await;
        let slow = crankwheel::Client::builder().base_url(server.uri()).timeout(Duration::from_millis(200)).max_retries(0).build().unwrap();
        let start = Instant::now();
        assert!(matches!(slow.list_api_keys().await.unwrap_err(), crankwheel::Error::Timeout));
        assert!(start.elapsed() < Duration::from_millis(1500), "{:?}", start.elapsed());

        flaky(&server, ResponseTemplate::new(200).set_body_string("[]").set_delay(Duration::from_secs(3)), 1, "[]").await;
        let retrying = crankwheel::Client::builder().base_url(server.uri()).timeout(Duration::from_millis(200)).retry(fast_retries()).build().unwrap();
        assert!(retrying.list_api_keys().await.unwrap().is_empty());
    });
}

fn outseta_page(person: &Value, offset: u64, count: u64, limit: u64, total: u64) -> Value {
    let items: Vec<Value> = (0..count)
        .map(|i| {
            let mut p = person.clone();
            p["Email"] = json!(format!("person{}@example.com", offset * limit + i));
            p
        })
        .collect();
    json!({"metadata": {"limit": limit, "offset": offset, "total": total}, "items": items})
}

#[test]
fn outseta_lists_stream_every_item_fetching_pages_lazily() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let krate = workspace_tests::generate_bundled("outseta");
        let example = krate.api.examples.iter().find(|e| e.operation == "get_all_people" && !e.request).unwrap();
        let person = example.value["items"][0].clone();
        // Offset is a page index: ?offset=1&limit=2 is items 3 and 4.
        for (offset, count) in [(0, 2), (1, 2), (2, 1)] {
            Mock::given(method("GET"))
                .and(query_param("offset", offset.to_string()))
                .and(query_param("limit", "2"))
                .respond_with(ResponseTemplate::new(200).set_body_json(outseta_page(&person, offset, count, 2, 5)))
                .mount(&server)
                .await;
        }
        let client = outseta::Client::builder().base_url(server.uri()).api_key("k", "s").build().unwrap();
        let mut people = client.get_all_people().limit(2).into_stream();
        let first = people.next().await.unwrap().unwrap();
        // `Email` is optional and nullable (the transactions example has a person without one).
        assert_eq!(first.email.clone().flatten().as_deref(), Some("person0@example.com"));
        assert_eq!(seen(&server).await.len(), 1, "the second page is fetched only when needed");
        let mut emails = vec![first.email.flatten().unwrap_or_default()];
        while let Some(person) = people.next().await {
            emails.push(person.unwrap().email.flatten().unwrap_or_default());
        }
        let expected: Vec<String> = (0..5).map(|i| format!("person{i}@example.com")).collect();
        assert_eq!(emails, expected);
        let offsets: Vec<String> = seen(&server).await.iter().map(|r| r.query.iter().find(|(k, _)| k == "offset").map(|(_, v)| v.clone()).unwrap_or_default()).collect();
        assert_eq!(offsets, ["0", "1", "2"], "no request after the last page");
    });
}

#[test]
fn crankwheel_shares_stream_pages_from_one_and_stop_on_an_error() {
    run(LIMIT, async {
        let server = MockServer::start().await;
        let krate = workspace_tests::generate_bundled("crankwheel");
        let example = krate.api.examples.iter().find(|e| e.operation == "list_shares_with_engagement" && !e.request).unwrap();
        let share = example.value["data"][0].clone();
        let page = |n: u64, count: u64| {
            let data: Vec<Value> = (0..count).map(|i| { let mut s = share.clone(); s["slug"] = json!(format!("s{}", (n - 1) * 2 + i)); s }).collect();
            json!({"data": data, "pagination": {"page": n, "page_size": 2, "total": 3}, "from": "2026-01-01T00:00:00Z", "to": "2026-04-22T23:59:59Z"})
        };
        Mock::given(query_param("page", "1")).respond_with(ResponseTemplate::new(200).set_body_json(page(1, 2))).mount(&server).await;
        Mock::given(query_param("page", "2")).respond_with(ResponseTemplate::new(200).set_body_json(page(2, 1))).mount(&server).await;
        let client = crankwheel::Client::builder().base_url(server.uri()).api_key("k").build().unwrap();
        let shares = client.list_shares_with_engagement().page_size(2).into_stream().collect().await.unwrap();
        let slugs: Vec<String> = shares.into_iter().map(|s| s.slug).collect();
        assert_eq!(slugs, ["s0", "s1", "s2"]);
        assert_eq!(seen(&server).await.len(), 2, "total reached: no third request");

        server.reset().await;
        Mock::given(query_param("page", "1")).respond_with(ResponseTemplate::new(200).set_body_json(page(1, 2))).mount(&server).await;
        Mock::given(query_param("page", "2")).respond_with(ResponseTemplate::new(500)).mount(&server).await;
        let mut stream = client.list_shares_with_engagement().page_size(2).into_stream();
        assert!(stream.next().await.unwrap().is_ok());
        assert!(stream.next().await.unwrap().is_ok());
        assert_eq!(stream.next().await.unwrap().unwrap_err().status(), Some(500));
        assert!(stream.next().await.is_none(), "the stream ends after an error");
    });
}
