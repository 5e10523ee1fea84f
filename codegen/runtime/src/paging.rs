//! Walking a paged read to the end without getting stuck.
//!
//! Many services return one page at a time plus a position (a token) to continue from. The
//! rules, from how such APIs fail in practice (the same guards smithy-rs paginators use):
//! - pass back exactly the position the previous page returned;
//! - stop when the page says there is no more, or returns an empty position;
//! - stop when the server hands out a position it already gave: otherwise a server that cycles
//!   (A, B, A, B…) becomes an endless loop.
//!
//! Which operations page, and through which fields, is declared once per service and
//! generated as [`Paginated`] impls on the request types.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::error::Error;

/// A future that fetches one page.
type PageFuture<'c, P> = Pin<Box<dyn Future<Output = Result<P, Error>> + Send + 'c>>;

/// A request whose response can be continued page by page.
pub trait Paginated: Clone + Send + Sync + Sized {
    /// The client type that performs the call.
    type Client: Sync;
    /// One response.
    type Page: Send;
    /// The position passed from one page to the next.
    type Token: Clone + PartialEq + Send + Sync;

    /// Performs the call for one page.
    fn fetch<'c>(
        &'c self,
        client: &'c Self::Client,
    ) -> impl Future<Output = Result<Self::Page, Error>> + Send + 'c;

    /// The position this request starts from, if it has one.
    fn token(&self) -> Option<Self::Token>;

    /// This request, continuing from `token`.
    fn with_token(&self, token: Self::Token) -> Self;

    /// The position after `page`, or `None` when the page says it was the last (or returns
    /// an empty position).
    fn next_token(page: &Self::Page) -> Option<Self::Token>;
}

/// The pages of one paged request, as a [`Stream`] of results (or one by one with
/// [`Pages::next_page`]). Ends after the last page, after a repeated position, or after an
/// error.
pub struct Pages<'c, R: Paginated> {
    client: &'c R::Client,
    next: Option<R>,
    seen: Vec<R::Token>,
    in_flight: Option<(R, PageFuture<'c, R::Page>)>,
}

impl<R: Paginated> fmt::Debug for Pages<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages")
            .field("pages_fetched", &self.seen.len())
            .field("done", &(self.next.is_none() && self.in_flight.is_none()))
            .finish_non_exhaustive()
    }
}

impl<'c, R: Paginated + 'c> Pages<'c, R> {
    /// Pages of `first` and its continuations, fetched through `client`.
    pub fn new(client: &'c R::Client, first: R) -> Self {
        let seen = first.token().into_iter().collect();
        Self {
            client,
            next: Some(first),
            seen,
            in_flight: None,
        }
    }

    /// The next page; `None` once the last page was returned or after an error.
    pub async fn next_page(&mut self) -> Option<Result<R::Page, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The request the next page will be fetched with (`None` when done), e.g. to persist the
    /// position and resume later.
    pub fn pending_request(&self) -> Option<&R> {
        self.in_flight
            .as_ref()
            .map(|(request, _)| request)
            .or(self.next.as_ref())
    }

    /// Decides the request after `page` (fetched with `request`): `None` at the end or when the
    /// position was handed out before.
    fn continuation(&mut self, request: &R, page: &R::Page) -> Option<R> {
        let token = R::next_token(page)?;
        if self.seen.contains(&token) {
            return None;
        }
        self.seen.push(token.clone());
        Some(request.with_token(token))
    }
}

// `Pages` holds no self-references: the boxed future borrows only the client and an owned
// request clone.
impl<R: Paginated> Unpin for Pages<'_, R> {}

impl<'c, R: Paginated + 'c> Stream for Pages<'c, R> {
    type Item = Result<R::Page, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.in_flight.is_none() {
            let Some(request) = this.next.take() else {
                return Poll::Ready(None);
            };
            let client = this.client;
            let owned = request.clone();
            let future: PageFuture<'c, R::Page> =
                Box::pin(async move { owned.fetch(client).await });
            this.in_flight = Some((request, future));
        }
        let Some((_, future)) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        let Some((request, _)) = this.in_flight.take() else {
            return Poll::Ready(None);
        };
        if let Ok(page) = &result {
            this.next = this.continuation(&request, page);
        }
        Poll::Ready(Some(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serves page `n` of a scripted list of next positions (`None` = last page).
    struct Script(Vec<Option<&'static str>>);

    #[derive(Clone, Debug, PartialEq)]
    struct Request {
        position: Option<String>,
        page: usize,
    }

    impl Paginated for Request {
        type Client = Script;
        type Page = Option<&'static str>;
        type Token = String;

        async fn fetch<'c>(&'c self, client: &'c Script) -> Result<Self::Page, Error> {
            Ok(client.0.get(self.page).copied().flatten())
        }

        fn token(&self) -> Option<String> {
            self.position.clone()
        }

        fn with_token(&self, token: String) -> Self {
            Self {
                position: Some(token),
                page: self.page + 1,
            }
        }

        fn next_token(page: &Self::Page) -> Option<String> {
            page.filter(|p| !p.is_empty()).map(str::to_owned)
        }
    }

    fn pages_of(script: Vec<Option<&'static str>>, first: Option<&str>) -> usize {
        let client = Script(script);
        let first = Request {
            position: first.map(str::to_owned),
            page: 0,
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap_or_else(|e| panic!("{e}"));
        runtime.block_on(async {
            let mut pages = Pages::new(&client, first);
            let mut count = 0;
            while let Some(page) = pages.next_page().await {
                assert!(page.is_ok());
                count += 1;
                assert!(count < 100, "paging did not stop");
            }
            count
        })
    }

    #[test]
    fn stops_at_the_end_and_at_an_empty_position() {
        assert_eq!(pages_of(vec![Some("a"), Some("b"), None], None), 3);
        assert_eq!(pages_of(vec![Some("a"), Some("")], None), 2);
    }

    #[test]
    fn stops_when_a_position_comes_back_even_after_others() {
        let cycle = vec![Some("A"), Some("B"), Some("A"), Some("B"), Some("A")];
        assert_eq!(pages_of(cycle, None), 3, "A, B, then A again ends it");
        assert_eq!(pages_of(vec![Some("x"), Some("y")], Some("x")), 1);
    }

    #[test]
    fn pages_is_a_stream() {
        fn assert_stream<S: Stream>(_: &S) {}
        let client = Script(vec![None]);
        let pages = Pages::new(
            &client,
            Request {
                position: None,
                page: 0,
            },
        );
        assert_stream(&pages);
        assert_eq!(pages.pending_request().map(|r| r.page), Some(0));
    }
}
