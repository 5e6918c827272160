use super::error::Error;
use futures_core::Stream;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// One page, as a generated list call reads it from its envelope.
#[doc(hidden)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The number of items in all pages, when the envelope says.
    pub total: Option<i64>,
    /// The page size the server used.
    pub page_size: Option<i64>,
}

type PageFuture<'a, T, E> = Pin<Box<dyn Future<Output = Result<Page<T>, Error<E>>> + Send + 'a>>;
type Fetch<'a, T, E> = Box<dyn FnMut(i64) -> PageFuture<'a, T, E> + Send + 'a>;

/// Every item of a paginated list, fetching each page only when the items before it have
/// been read. It is a [`futures_core::Stream`]; [`next`](Self::next) reads one item
/// without any stream library. It stops after a short or empty page, once `total` items
/// were read, or after an error.
pub struct Paginator<'a, T, E> {
    fetch: Fetch<'a, T, E>,
    pending: Option<PageFuture<'a, T, E>>,
    buffer: VecDeque<T>,
    next_page: i64,
    seen: i64,
    done: bool,
}

// Items are only moved in and out of the buffer, never pinned.
impl<T, E> Unpin for Paginator<'_, T, E> {}

impl<'a, T, E> Paginator<'a, T, E> {
    /// `fetch` loads the page with the given index, starting at `first_page`.
    #[doc(hidden)]
    pub fn new(first_page: i64, fetch: impl FnMut(i64) -> PageFuture<'a, T, E> + Send + 'a) -> Self {
        Paginator { fetch: Box::new(fetch), pending: None, buffer: VecDeque::new(), next_page: first_page, seen: 0, done: false }
    }

    /// The next item, or `None` after the last one.
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Reads every remaining item.
    pub async fn collect(mut self) -> Result<Vec<T>, Error<E>> {
        let mut out = Vec::new();
        while let Some(item) = self.next().await {
            out.push(item?);
        }
        Ok(out)
    }
}

impl<T, E> Stream for Paginator<'_, T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            if this.done {
                return Poll::Ready(None);
            }
            let page = this.next_page;
            let fetch = &mut this.fetch;
            let pending = this.pending.get_or_insert_with(|| fetch(page));
            let result = match pending.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(result) => result,
            };
            this.pending = None;
            match result {
                Err(e) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(page) => {
                    let count = page.items.len() as i64;
                    this.seen += count;
                    this.next_page += 1;
                    let short = page.page_size.is_some_and(|size| count < size);
                    let all = page.total.is_some_and(|total| this.seen >= total);
                    this.done = count == 0 || short || all;
                    this.buffer.extend(page.items);
                }
            }
        }
    }
}
