use super::error::Error;
use futures_core::Stream;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A file part of a multipart body, from bytes in memory or from a stream.
pub struct FilePart {
    pub file_name: String,
    pub content_type: String,
    pub(super) data: FileData,
}

pub(super) enum FileData {
    Bytes(bytes::Bytes),
    /// Sent once: a call with a streamed part is never retried.
    Stream { body: Option<reqwest::Body>, length: Option<u64> },
}

impl FilePart {
    /// A file held in memory.
    pub fn new(file_name: impl Into<String>, content_type: impl Into<String>, data: impl Into<bytes::Bytes>) -> Self {
        FilePart { file_name: file_name.into(), content_type: content_type.into(), data: FileData::Bytes(data.into()) }
    }

    /// A file read from a stream of chunks as it is sent (e.g.
    /// `tokio_util::io::ReaderStream::new(tokio::fs::File::open(path).await?)`). Pass the
    /// length when it is known: some servers refuse a multipart body without one.
    pub fn stream<S>(file_name: impl Into<String>, content_type: impl Into<String>, stream: S, length: Option<u64>) -> Self
    where
        S: futures_core::TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        bytes::Bytes: From<S::Ok>,
    {
        let body = Some(reqwest::Body::wrap_stream(stream));
        FilePart { file_name: file_name.into(), content_type: content_type.into(), data: FileData::Stream { body, length } }
    }

    /// A copy, for a file held in memory.
    pub(super) fn try_clone(&self) -> Option<Self> {
        match &self.data {
            FileData::Bytes(b) => Some(FilePart { file_name: self.file_name.clone(), content_type: self.content_type.clone(), data: FileData::Bytes(b.clone()) }),
            FileData::Stream { .. } => None,
        }
    }

    pub(super) fn take_part<E>(&mut self) -> Result<reqwest::multipart::Part, Error<E>> {
        let part = match &mut self.data {
            FileData::Bytes(bytes) => reqwest::multipart::Part::stream_with_length(bytes.clone(), bytes.len() as u64),
            FileData::Stream { body, length } => {
                let body = body.take().ok_or_else(|| Error::InvalidRequest("a streamed file part can be sent only once".into()))?;
                match length {
                    Some(n) => reqwest::multipart::Part::stream_with_length(body, *n),
                    None => reqwest::multipart::Part::stream(body),
                }
            }
        };
        part.file_name(self.file_name.clone()).mime_str(&self.content_type).map_err(|e| Error::InvalidRequest(e.to_string()))
    }
}

impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let data = match &self.data {
            FileData::Bytes(b) => format!("{} bytes", b.len()),
            FileData::Stream { length: Some(n), .. } => format!("stream of {n} bytes"),
            FileData::Stream { length: None, .. } => "stream".to_string(),
        };
        f.debug_struct("FilePart").field("file_name", &self.file_name).field("content_type", &self.content_type).field("data", &data).finish()
    }
}

type Chunks = Pin<Box<dyn Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>;

/// A binary response body, read chunk by chunk as it arrives rather than held whole.
/// It is a [`futures_core::Stream`] of chunks; [`next_chunk`](Self::next_chunk) reads one
/// without any stream library.
pub struct ByteStream {
    status: u16,
    headers: reqwest::header::HeaderMap,
    chunks: Chunks,
}

impl ByteStream {
    pub(super) fn new(response: reqwest::Response) -> Self {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        ByteStream { status, headers, chunks: Box::pin(response.bytes_stream()) }
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The `Content-Type`, e.g. `video/mp4`.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(reqwest::header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Length`, when the server sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.headers.get(reqwest::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok())
    }

    /// The next chunk, or `None` at the end.
    pub async fn next_chunk(&mut self) -> Option<Result<bytes::Bytes, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Reads the rest of the body into memory.
    pub async fn collect(mut self) -> Result<bytes::Bytes, Error> {
        let mut out = Vec::new();
        while let Some(chunk) = self.next_chunk().await {
            out.extend_from_slice(&chunk?);
        }
        Ok(out.into())
    }
}

impl Stream for ByteStream {
    type Item = Result<bytes::Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx).map(|item| item.map(|r| r.map_err(Error::from)))
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").field("status", &self.status).field("content_type", &self.content_type()).finish()
    }
}
