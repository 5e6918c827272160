//! A success documented under two JSON media types with different schemas
//! (`codegen/tests/fixtures/media`, after GitHub's analysis and its SARIF log): the generated
//! crate, driven over loopback HTTP from a test inside it, returns the variant the response's
//! `Content-Type` names, and a body under an unlisted media type is kept, never lost.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::process::Command;
use workspace_tests::root;

/// The test written into the generated crate: a one-shot HTTP server per response on
/// 127.0.0.1, answering with the given `Content-Type`.
const LOOPBACK: &str = r##"
use media_types_check::models::GetAnalysisResponse;
use std::io::{Read, Write};

fn serve(content_type: &'static str, body: &'static str) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("accept");
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request);
        let reply = format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}", body.len());
        stream.write_all(reply.as_bytes()).expect("write");
    });
    format!("http://{addr}")
}

async fn get(content_type: &'static str, body: &'static str) -> GetAnalysisResponse {
    let client = media_types_check::Client::new(serve(content_type, body)).expect("client");
    client.get_analysis(41).send().await.expect("decoded")
}

const ANALYSIS: &str = r#"{"id":41,"ref":"refs/heads/main","tool":{"name":"CodeQL"},"results_count":3}"#;
// Shaped as the document's own SARIF example (its one run shows `results`, so they are required).
const SARIF: &str = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"CodeQL"}},"results":[]}]}"#;

#[tokio::test]
async fn the_content_type_picks_the_variant() {
    assert!(matches!(get("application/json", ANALYSIS).await, GetAnalysisResponse::Json(a) if a.id == 41));
    assert!(matches!(get("application/sarif+json; charset=utf-8", SARIF).await, GetAnalysisResponse::SarifJson(s) if s.version == "2.1.0"));
}

#[tokio::test]
async fn a_body_under_another_media_type_is_never_lost() {
    // An unlisted media type: the first variant that takes the body, else `Other`.
    assert!(matches!(get("text/plain", SARIF).await, GetAnalysisResponse::SarifJson(_)));
    let other = get("application/octet-stream", r#"{"unexpected":true}"#).await;
    assert_eq!(other, GetAnalysisResponse::Other(serde_json::json!({"unexpected": true})));
    // A body that does not fit its own media type's variant is still decoded.
    assert!(matches!(get("application/json", SARIF).await, GetAnalysisResponse::SarifJson(_)));
}
"##;

#[test]
fn a_generated_crate_picks_the_success_type_by_content_type_over_http() {
    let input = root().join("codegen/tests/fixtures/media/code-scanning-3.0.yaml");
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support: false };
    let krate = generate_from_files(std::slice::from_ref(&input), "media-types-check", &opts).expect("the fixture generates");
    let work = root().join("target/standalone-check");
    let dir = work.join("crates/media-types-check");
    let mut files = krate.files.clone();
    files.insert("tests/loopback.rs".into(), LOOPBACK.to_string());
    workspace_tests::write_crate(&dir, &files);
    // Clippy with warnings denied, as CI lints the bundled crates; then the loopback test.
    for args in [&["clippy", "--quiet", "--all-targets", "--", "-D", "warnings"][..], &["test", "--quiet", "--test", "loopback"][..]] {
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(&args[..1])
            .arg("--manifest-path")
            .arg(dir.join("Cargo.toml"))
            .args(&args[1..])
            .env("CARGO_TARGET_DIR", work.join("target"))
            .output()
            .expect("cargo runs");
        let log = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "`cargo {}` of the generated crate failed:\n{log}", args[0]);
    }
}
