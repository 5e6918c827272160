//! Helpers for the loopback tests (`live_*.rs`): a runtime, and the requests a wiremock server
//! on 127.0.0.1 received, read back as plain data.

#![allow(dead_code)]

use std::future::Future;
use std::time::Duration;

/// Runs `f` on a fresh single-threaded runtime, failing the test after `limit` so that no
/// test can hang. The mock server runs on its own thread.
pub fn run<F: Future>(limit: Duration, f: F) -> F::Output {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    rt.block_on(async move { tokio::time::timeout(limit, f).await.expect("the test finished within its time limit") })
}

/// A received request, reduced to what the tests compare.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    /// The path as sent, still percent-encoded.
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Every request the server received so far.
pub async fn seen(server: &wiremock::MockServer) -> Vec<Seen> {
    let requests = server.received_requests().await.unwrap_or_default();
    requests
        .into_iter()
        .map(|r| Seen {
            method: r.method.to_string(),
            path: r.url.path().to_string(),
            query: r.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect(),
            headers: r.headers.iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("<binary>").to_string())).collect(),
            body: r.body,
        })
        .collect()
}

/// `application/x-www-form-urlencoded` pairs, decoded.
pub fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= bytes.len() => {
                match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// JSON equality where numbers compare by value (`20` and `20.0` are one number).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w))),
        _ => a == b,
    }
}
