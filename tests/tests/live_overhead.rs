//! Benchmark, not a timed test (ignored by default): per-request time of a generated call
//! against the same call written by hand with reqwest, both decoding the same JSON into the
//! same type, on a keep-alive loopback server that answers from memory.
//!
//! `cargo test --release -p workspace-tests --test live_overhead -- --ignored --nocapture`

mod live_support;

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const BODY: &str = r#"[{"write":false,"key":"NLBMmGd8my-7njNjcrGBBmvSKstO402GgvcY8lbJ"},{"write":true,"key":"068Y_yRRM5Jl-bR9HaLGJiJkMITQVZsNeMc-DD_1"}]"#;

/// A keep-alive HTTP/1.1 server that answers every GET with `BODY`.
async fn serve() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let reply = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}", BODY.len());
                let mut buf = vec![0u8; 8192];
                let mut pending = Vec::new();
                loop {
                    let Ok(n) = socket.read(&mut buf).await else { return };
                    if n == 0 {
                        return;
                    }
                    pending.extend_from_slice(&buf[..n]);
                    while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                        pending.drain(..end + 4);
                        if socket.write_all(reply.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

#[test]
#[ignore = "a benchmark: run with --ignored --nocapture"]
fn generated_call_overhead_over_hand_written_reqwest() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let base = serve().await;
        let http = reqwest::Client::builder().user_agent("bench").build().expect("reqwest");
        let client = crankwheel::Client::builder().base_url(&base).api_key("k").build().expect("client");
        let url = format!("{base}/ss/api/api_access");
        let (rounds, per_round) = (31u32, 300u32);
        let (mut hand, mut generated, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..rounds {
            // Alternate which goes first, so that neither always runs on a warmer machine.
            let mut times = [Duration::ZERO; 2];
            for which in if round % 2 == 0 { [0, 1] } else { [1, 0] } {
                let start = Instant::now();
                for _ in 0..per_round {
                    if which == 0 {
                        let resp = http.get(&url).header("authorization", "Basic k").send().await.expect("send");
                        let bytes = resp.bytes().await.expect("body");
                        let keys: Vec<crankwheel::models::ApiAccess> = serde_json::from_slice(&bytes).expect("json");
                        assert_eq!(keys.len(), 2);
                    } else {
                        let keys = client.list_api_keys().await.expect("call");
                        assert_eq!(keys.len(), 2);
                    }
                }
                times[which] = start.elapsed() / per_round;
            }
            // The first round warms connections and caches.
            if round > 0 {
                hand.push(times[0]);
                generated.push(times[1]);
                ratios.push(times[1].as_secs_f64() / times[0].as_secs_f64());
            }
        }
        ratios.sort_by(f64::total_cmp);
        let overhead = (ratios[ratios.len() / 2] - 1.0) * 100.0;
        let (h, g) = (median(hand), median(generated));
        println!("per request, median of {} rounds of {per_round}: hand-written reqwest {h:?}, generated {g:?}; median per-round overhead {overhead:+.1}%", rounds - 1);
    });
}
