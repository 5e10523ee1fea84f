//! Walking Marketo's "stream position" paging without getting stuck.
//!
//! Five read operations return one page at a time plus a position to continue from
//! (`newStreamPosition` string or `newStartPosition` structure). The rules, from the docs and
//! from how such APIs fail in practice:
//! - pass back exactly what the previous page returned;
//! - stop when the server says so (`remainingCount == 0`, `hasMore == false`) or returns an
//!   empty position;
//! - stop when the server repeats the position it was given (otherwise a server bug becomes an
//!   endless loop, the same guard smithy-rs paginators use).
//!
//! ```no_run
//! # async fn demo(client: &mktows::Client) -> Result<(), mktows::Error> {
//! use mktows::generated::types::ParamsGetMultipleLeads;
//! let params = ParamsGetMultipleLeads::default();
//! let mut pages = client.pages(params);
//! while let Some(page) = pages.next_page().await {
//!     let page = page?;
//!     println!("{} leads", page.result.return_count);
//! }
//! # Ok(()) }
//! ```

use std::future::Future;

use crate::Error;
use crate::client::Client;
use crate::generated::types::{
    ParamsGetCustomObjects, ParamsGetLeadActivity, ParamsGetLeadChanges, ParamsGetMObjects,
    ParamsGetMultipleLeads, StreamPosition, SuccessGetCustomObjects, SuccessGetLeadActivity,
    SuccessGetLeadChanges, SuccessGetMObjects, SuccessGetMultipleLeads,
};
use crate::xml::Nillable;

/// A request whose response can be continued page by page.
pub trait PagedRequest: Clone + Send + Sync {
    /// One response.
    type Page: Send;

    /// Performs the call for one page.
    fn fetch<'c>(
        &'c self,
        client: &'c Client,
    ) -> impl Future<Output = Result<Self::Page, Error>> + Send + 'c;

    /// The request for the page after `page`, or `None` when `page` was the last one.
    fn next_request(&self, page: &Self::Page) -> Option<Self>;
}

/// Pages of one paged request; see [`Client::pages`].
#[derive(Debug)]
pub struct Pages<'c, R: PagedRequest> {
    client: &'c Client,
    next: Option<R>,
}

impl<R: PagedRequest> Pages<'_, R> {
    /// The next page; `None` once the last page was returned or after an error.
    pub async fn next_page(&mut self) -> Option<Result<R::Page, Error>> {
        let request = self.next.take()?;
        match request.fetch(self.client).await {
            Ok(page) => {
                self.next = request.next_request(&page);
                Some(Ok(page))
            }
            Err(error) => Some(Err(error)),
        }
    }

    /// The request the next [`Self::next_page`] will send (`None` when done), e.g. to persist
    /// the position and resume later.
    pub fn pending_request(&self) -> Option<&R> {
        self.next.as_ref()
    }
}

impl Client {
    /// Pages through a paged read (`getMultipleLeads`, `getLeadChanges`, `getLeadActivity`,
    /// `getMObjects`, `getCustomObjects`), starting from `first` as given.
    pub fn pages<R: PagedRequest>(&self, first: R) -> Pages<'_, R> {
        Pages {
            client: self,
            next: Some(first),
        }
    }
}

/// The next string position, unless the server signalled the end or repeated itself.
fn next_string_position(current: Option<&str>, new: &str, more: bool) -> Option<String> {
    (more && !new.is_empty() && current != Some(new)).then(|| new.to_owned())
}

/// The next structured position, unless the server signalled the end or repeated itself.
fn next_start_position(
    current: Option<&StreamPosition>,
    new: &StreamPosition,
    remaining: i32,
) -> Option<StreamPosition> {
    (remaining > 0 && new != &StreamPosition::default() && current != Some(new))
        .then(|| new.clone())
}

fn nillable_str(value: &Option<Nillable<String>>) -> Option<&str> {
    value.as_ref().and_then(Nillable::value).map(String::as_str)
}

/// Paging for the operations whose request carries `streamPosition` (optional, nillable)
/// and whose `result` has `remainingCount` and `newStreamPosition`: getMultipleLeads and
/// getCustomObjects share exactly this shape.
macro_rules! remaining_count_paging {
    ($params:ty, $success:ty, $method:ident) => {
        impl PagedRequest for $params {
            type Page = $success;

            fn fetch<'c>(
                &'c self,
                client: &'c Client,
            ) -> impl Future<Output = Result<Self::Page, Error>> + Send + 'c {
                client.$method(self)
            }

            fn next_request(&self, page: &Self::Page) -> Option<Self> {
                let result = &page.result;
                let position = next_string_position(
                    nillable_str(&self.stream_position),
                    &result.new_stream_position,
                    result.remaining_count > 0,
                )?;
                Some(Self {
                    stream_position: Some(Nillable::Value(position)),
                    ..self.clone()
                })
            }
        }
    };
}

remaining_count_paging!(
    ParamsGetMultipleLeads,
    SuccessGetMultipleLeads,
    get_multiple_leads
);
remaining_count_paging!(
    ParamsGetCustomObjects,
    SuccessGetCustomObjects,
    get_custom_objects
);

impl PagedRequest for ParamsGetMObjects {
    type Page = SuccessGetMObjects;

    fn fetch<'c>(
        &'c self,
        client: &'c Client,
    ) -> impl Future<Output = Result<Self::Page, Error>> + Send + 'c {
        client.get_m_objects(self)
    }

    fn next_request(&self, page: &Self::Page) -> Option<Self> {
        let result = &page.result;
        let position = next_string_position(
            self.stream_position.as_deref(),
            &result.new_stream_position,
            result.has_more,
        )?;
        Some(Self {
            stream_position: Some(position),
            ..self.clone()
        })
    }
}

impl PagedRequest for ParamsGetLeadChanges {
    type Page = SuccessGetLeadChanges;

    fn fetch<'c>(
        &'c self,
        client: &'c Client,
    ) -> impl Future<Output = Result<Self::Page, Error>> + Send + 'c {
        client.get_lead_changes(self)
    }

    fn next_request(&self, page: &Self::Page) -> Option<Self> {
        let result = &page.result;
        let position = next_start_position(
            Some(&self.start_position),
            &result.new_start_position,
            result.remaining_count,
        )?;
        Some(Self {
            start_position: position,
            ..self.clone()
        })
    }
}

impl PagedRequest for ParamsGetLeadActivity {
    type Page = SuccessGetLeadActivity;

    fn fetch<'c>(
        &'c self,
        client: &'c Client,
    ) -> impl Future<Output = Result<Self::Page, Error>> + Send + 'c {
        client.get_lead_activity(self)
    }

    fn next_request(&self, page: &Self::Page) -> Option<Self> {
        let list = &page.lead_activity_list;
        let current = self.start_position.as_ref().and_then(Nillable::value);
        let position =
            next_start_position(current, &list.new_start_position, list.remaining_count)?;
        Some(Self {
            start_position: Some(Nillable::Value(position)),
            ..self.clone()
        })
    }
}
