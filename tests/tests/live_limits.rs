//! The response size limit of buffered calls, against a raw HTTP server on 127.0.0.1 (wiremock
//! cannot send an endless body): an endless or announced-too-large body fails the call with
//! `Error::ResponseTooLarge` after reading at most the limit, and streamed downloads stay
//! unlimited.

mod live_support;

use live_support::run;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const LIMIT: Duration = Duration::from_secs(60);
const MIB: u64 = 1024 * 1024;

/// What the server does after reading a request head.
#[derive(Clone, Copy)]
enum Answer {
    /// Chunked JSON-looking bytes until the client hangs up.
    Endless,
    /// `Content-Length: n`, then nothing: the client must decide from the header alone.
    Announce(u64),
    /// `n` bytes with their `Content-Length`.
    Exactly(u64),
}

struct Server {
    url: String,
    /// Body bytes written so far, over every connection.
    sent: Arc<AtomicU64>,
    connections: Arc<AtomicU64>,
}

async fn serve(answer: Answer) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sent, connections) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let (s, c) = (sent.clone(), connections.clone());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            c.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(answer_one(socket, answer, s.clone()));
        }
    });
    Server { url, sent, connections }
}

async fn answer_one(mut socket: TcpStream, answer: Answer, sent: Arc<AtomicU64>) {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match socket.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let chunk = vec![b' '; 64 * 1024];
    match answer {
        Answer::Endless => {
            let _ = socket.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n1\r\n[\r\n").await;
            let framed = [format!("{:x}\r\n", chunk.len()).into_bytes(), chunk.clone(), b"\r\n".to_vec()].concat();
            while socket.write_all(&framed).await.is_ok() {
                sent.fetch_add(chunk.len() as u64, Ordering::SeqCst);
            }
        }
        Answer::Announce(n) => {
            let _ = socket.write_all(format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {n}\r\n\r\n").as_bytes()).await;
            // Hold the connection open without a byte of body.
            let _ = socket.read(&mut buf).await;
        }
        Answer::Exactly(n) => {
            let _ = socket.write_all(format!("HTTP/1.1 200 OK\r\ncontent-type: video/mp4\r\ncontent-length: {n}\r\n\r\n").as_bytes()).await;
            let mut left = n;
            while left > 0 {
                let part = left.min(chunk.len() as u64) as usize;
                if socket.write_all(&chunk[..part]).await.is_err() {
                    return;
                }
                sent.fetch_add(part as u64, Ordering::SeqCst);
                left -= part as u64;
            }
        }
    }
}

fn client(server: &Server) -> crankwheel::ClientBuilder {
    crankwheel::Client::builder().base_url(server.url.clone()).api_key("k").timeout(Duration::from_secs(30))
}

/// The server stops writing once the client has hung up; how much did it get out?
async fn settled(sent: &AtomicU64) -> u64 {
    let mut last = u64::MAX;
    loop {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let now = sent.load(Ordering::SeqCst);
        if now == last {
            return now;
        }
        last = now;
    }
}

#[test]
fn an_endless_body_fails_with_response_too_large_after_reading_at_most_the_limit() {
    run(LIMIT, async {
        let server = serve(Answer::Endless).await;
        let client = client(&server).max_response_bytes(MIB).build().unwrap();
        match client.list_api_keys().await {
            Err(crankwheel::Error::ResponseTooLarge { limit, content_length }) => {
                assert_eq!((limit, content_length), (MIB, None));
            }
            other => panic!("expected ResponseTooLarge, got {other:?}"),
        }
        // The connection was dropped: the server could only fill the socket buffers beyond
        // what the client read, then its writes failed.
        let sent = settled(&server.sent).await;
        assert!(sent < MIB + 16 * MIB, "the server got {sent} bytes out: the client kept reading");
        assert_eq!(server.connections.load(Ordering::SeqCst), 1, "a too-large body is not retried");
    });
}

#[test]
fn the_default_limit_stops_an_endless_body_too() {
    run(LIMIT, async {
        let server = serve(Answer::Endless).await;
        let client = client(&server).build().unwrap();
        let err = client.list_api_keys().await.unwrap_err();
        assert!(
            matches!(err, crankwheel::Error::ResponseTooLarge { limit: crankwheel::DEFAULT_MAX_RESPONSE_BYTES, .. }),
            "{err:?}"
        );
        assert!(err.to_string().contains("larger than the limit"), "{err}");
        let sent = settled(&server.sent).await;
        assert!(sent < crankwheel::DEFAULT_MAX_RESPONSE_BYTES + 16 * MIB, "the server got {sent} bytes out");
    });
}

#[test]
fn an_announced_content_length_over_the_limit_fails_before_the_body_is_read() {
    run(LIMIT, async {
        let server = serve(Answer::Announce(10 * 1024 * MIB)).await;
        let client = client(&server).max_response_bytes(MIB).build().unwrap();
        // The server never sends a body byte: only the header can have decided, and at once.
        let started = std::time::Instant::now();
        let err = client.list_api_keys().await.unwrap_err();
        assert!(
            matches!(err, crankwheel::Error::ResponseTooLarge { limit: MIB, content_length: Some(n) } if n == 10 * 1024 * MIB),
            "{err:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "waited for a body: {:?}", started.elapsed());
    });
}

#[test]
fn streamed_downloads_are_not_limited() {
    run(LIMIT, async {
        let server = serve(Answer::Exactly(4 * MIB)).await;
        let client = client(&server).max_response_bytes(MIB).build().unwrap();
        let stream = client.download_company_content(1).await.unwrap();
        assert_eq!(stream.content_length(), Some(4 * MIB));
        assert_eq!(stream.collect().await.unwrap().len() as u64, 4 * MIB);
    });
}
