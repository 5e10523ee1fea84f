//! Paging through the stream-position operations: getMultipleLeads, getLeadChanges,
//! getLeadActivity, getMObjects and getCustomObjects.
//!
//! Each of them returns one batch plus a position to pass back for the next one
//! (`newStreamPosition` → `streamPosition`, or `newStartPosition` → `startPosition`). A
//! [`Pager`] does that loop and stops when the server says it is done:
//! `remainingCount == 0` (`hasMore == false` for getMObjects), or an empty position. It never
//! loops forever: a server that hands back the position it was just given, or claims more
//! records while returning none, ends the paging with an error.
//!
//! ```no_run
//! # async fn demo(client: mktows::Client, params: mktows::generated::types::ParamsGetMultipleLeads)
//! # -> Result<(), mktows::Error> {
//! use mktows::paging::{GetMultipleLeads, Pager};
//! let mut pages = Pager::<GetMultipleLeads>::new(client, params);
//! while let Some(leads) = pages.next_page().await? {
//!     println!("{} leads", leads.len());
//! }
//! # Ok(()) }
//! ```

use std::fmt::Debug;
use std::future::Future;

use futures_util::Stream;

use crate::generated::types::{
    ActivityRecord, CustomObj, LeadChangeRecord, LeadRecord, MObject, ParamsGetCustomObjects,
    ParamsGetLeadActivity, ParamsGetLeadChanges, ParamsGetMObjects, ParamsGetMultipleLeads,
    StreamPosition,
};
use crate::xml::{DecodeError, Nillable};
use crate::{Client, Error, ErrorKind};

/// One batch as a pager sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T, P> {
    /// The records of this batch.
    pub items: Vec<T>,
    /// Whether the server says more records follow (`remainingCount > 0` / `hasMore`).
    pub more: bool,
    /// The position of the next batch; None when the server sent an empty one.
    pub next: Option<P>,
}

/// An operation that pages with a stream position. Implemented by the marker types
/// [`GetMultipleLeads`], [`GetLeadChanges`], [`GetLeadActivity`], [`GetMObjects`] and
/// [`GetCustomObjects`].
pub trait PagedOperation {
    /// WSDL operation name (for error messages).
    const NAME: &'static str;
    /// The request parameters (the position field is overwritten by the pager).
    type Params: Clone + Send + Sync;
    /// One record.
    type Item: Send;
    /// The position value passed back to the server.
    type Position: Clone + PartialEq + Debug + Send + Sync;

    /// Puts `position` into the request.
    fn set_position(params: &mut Self::Params, position: Self::Position);

    /// Calls the operation once.
    fn fetch(
        client: &Client,
        params: &Self::Params,
    ) -> impl Future<Output = Result<Page<Self::Item, Self::Position>, Error>> + Send;
}

/// Saturating "more records follow" for a count.
fn has_remaining(remaining_count: i32) -> bool {
    remaining_count > 0
}

/// A string position, None when empty.
fn string_position(position: String) -> Option<String> {
    (!position.trim().is_empty()).then_some(position)
}

/// A complex position, None when every field is absent, nil or empty.
fn start_position(position: StreamPosition) -> Option<StreamPosition> {
    let set = |v: &Option<Nillable<chrono::DateTime<chrono::FixedOffset>>>| {
        v.as_ref().is_some_and(|v| v.value().is_some())
    };
    let offset = position
        .offset
        .as_ref()
        .and_then(|o| o.value())
        .is_some_and(|o| !o.trim().is_empty());
    let any = offset
        || set(&position.latest_created_at)
        || set(&position.oldest_created_at)
        || set(&position.activity_created_at);
    any.then_some(position)
}

/// The records inside an optional, nillable list wrapper.
fn items<W, T>(list: Option<Nillable<W>>, into: impl FnOnce(W) -> Vec<T>) -> Vec<T> {
    list.and_then(Nillable::into_option)
        .map(into)
        .unwrap_or_default()
}

/// getMultipleLeads, paged by `streamPosition`.
#[derive(Debug, Clone, Copy)]
pub struct GetMultipleLeads;

impl PagedOperation for GetMultipleLeads {
    const NAME: &'static str = "getMultipleLeads";
    type Params = ParamsGetMultipleLeads;
    type Item = LeadRecord;
    type Position = String;

    fn set_position(params: &mut Self::Params, position: String) {
        params.stream_position = Some(Nillable::Value(position));
    }

    fn fetch(
        client: &Client,
        params: &Self::Params,
    ) -> impl Future<Output = Result<Page<LeadRecord, String>, Error>> + Send {
        let call = client.get_multiple_leads(params);
        async move {
            let result = call.await?.result;
            Ok(Page {
                items: items(result.lead_record_list, |l| l.lead_record),
                more: has_remaining(result.remaining_count),
                next: string_position(result.new_stream_position),
            })
        }
    }
}

/// getLeadChanges, paged by `startPosition`.
#[derive(Debug, Clone, Copy)]
pub struct GetLeadChanges;

impl PagedOperation for GetLeadChanges {
    const NAME: &'static str = "getLeadChanges";
    type Params = ParamsGetLeadChanges;
    type Item = LeadChangeRecord;
    type Position = StreamPosition;

    fn set_position(params: &mut Self::Params, position: StreamPosition) {
        params.start_position = position;
    }

    fn fetch(
        client: &Client,
        params: &Self::Params,
    ) -> impl Future<Output = Result<Page<LeadChangeRecord, StreamPosition>, Error>> + Send {
        let call = client.get_lead_changes(params);
        async move {
            let result = call.await?.result;
            Ok(Page {
                items: items(result.lead_change_record_list, |l| l.lead_change_record),
                more: has_remaining(result.remaining_count),
                next: start_position(result.new_start_position),
            })
        }
    }
}

/// getLeadActivity, paged by `startPosition` (for several activity types Marketo's
/// `remainingCount` is only a flag, which is all the pager uses).
#[derive(Debug, Clone, Copy)]
pub struct GetLeadActivity;

impl PagedOperation for GetLeadActivity {
    const NAME: &'static str = "getLeadActivity";
    type Params = ParamsGetLeadActivity;
    type Item = ActivityRecord;
    type Position = StreamPosition;

    fn set_position(params: &mut Self::Params, position: StreamPosition) {
        params.start_position = Some(Nillable::Value(position));
    }

    fn fetch(
        client: &Client,
        params: &Self::Params,
    ) -> impl Future<Output = Result<Page<ActivityRecord, StreamPosition>, Error>> + Send {
        let call = client.get_lead_activity(params);
        async move {
            let list = call.await?.lead_activity_list;
            Ok(Page {
                items: items(list.activity_record_list, |l| l.activity_record),
                more: has_remaining(list.remaining_count),
                next: start_position(list.new_start_position),
            })
        }
    }
}

/// getMObjects, paged by `streamPosition` until `hasMore == false` (Marketo returns a
/// position even on the last page).
#[derive(Debug, Clone, Copy)]
pub struct GetMObjects;

impl PagedOperation for GetMObjects {
    const NAME: &'static str = "getMObjects";
    type Params = ParamsGetMObjects;
    type Item = MObject;
    type Position = String;

    fn set_position(params: &mut Self::Params, position: String) {
        params.stream_position = Some(position);
    }

    fn fetch(
        client: &Client,
        params: &Self::Params,
    ) -> impl Future<Output = Result<Page<MObject, String>, Error>> + Send {
        let call = client.get_m_objects(params);
        async move {
            let result = call.await?.result;
            Ok(Page {
                items: result.m_object_list.map(|l| l.m_object).unwrap_or_default(),
                more: result.has_more,
                next: string_position(result.new_stream_position),
            })
        }
    }
}

/// getCustomObjects, paged by `streamPosition`.
#[derive(Debug, Clone, Copy)]
pub struct GetCustomObjects;

impl PagedOperation for GetCustomObjects {
    const NAME: &'static str = "getCustomObjects";
    type Params = ParamsGetCustomObjects;
    type Item = CustomObj;
    type Position = String;

    fn set_position(params: &mut Self::Params, position: String) {
        params.stream_position = Some(Nillable::Value(position));
    }

    fn fetch(
        client: &Client,
        params: &Self::Params,
    ) -> impl Future<Output = Result<Page<CustomObj, String>, Error>> + Send {
        let call = client.get_custom_objects(params);
        async move {
            let result = call.await?.result;
            Ok(Page {
                items: items(result.custom_obj_list, |l| l.custom_obj),
                more: has_remaining(result.remaining_count),
                next: string_position(result.new_stream_position),
            })
        }
    }
}

/// Where a pager stands.
#[derive(Debug, Clone)]
enum Cursor<P> {
    /// Nothing fetched yet: the first request uses the caller's parameters as given.
    Start,
    /// The next request uses this position.
    At(P),
    /// The server said it is done (or paging failed for good).
    Done,
}

/// Fetches the batches of one [`PagedOperation`] in order. A failed call leaves the pager
/// where it was, so `next_page` may simply be called again.
#[derive(Debug)]
pub struct Pager<O: PagedOperation> {
    client: Client,
    params: O::Params,
    cursor: Cursor<O::Position>,
    pages: u64,
}

impl<O: PagedOperation> Pager<O>
where
    O::Params: Debug,
{
    /// Pages from the position in `params` (usually none: from the start).
    pub fn new(client: Client, params: O::Params) -> Self {
        Self {
            client,
            params,
            cursor: Cursor::Start,
            pages: 0,
        }
    }

    /// Batches fetched so far.
    pub fn pages_fetched(&self) -> u64 {
        self.pages
    }

    /// The next batch, or None once the server said there is nothing more.
    pub async fn next_page(&mut self) -> Result<Option<Vec<O::Item>>, Error> {
        let sent = match &self.cursor {
            Cursor::Done => return Ok(None),
            Cursor::Start => None,
            Cursor::At(position) => Some(position.clone()),
        };
        if let Some(position) = &sent {
            O::set_position(&mut self.params, position.clone());
        }
        let page = O::fetch(&self.client, &self.params).await?;
        self.pages += 1;
        self.cursor = match page.next {
            _ if !page.more => Cursor::Done,
            None => Cursor::Done,
            Some(next) if sent.as_ref() == Some(&next) => {
                self.cursor = Cursor::Done;
                return Err(stuck(
                    O::NAME,
                    format!("the server returned the position it was sent ({next:?})"),
                ));
            }
            Some(_) if page.items.is_empty() => {
                self.cursor = Cursor::Done;
                return Err(stuck(
                    O::NAME,
                    "the server reported more records but returned none".to_owned(),
                ));
            }
            Some(next) => Cursor::At(next),
        };
        Ok(Some(page.items))
    }

    /// Every remaining record, in order.
    pub async fn collect_all(mut self) -> Result<Vec<O::Item>, Error> {
        let mut all = Vec::new();
        while let Some(items) = self.next_page().await? {
            all.extend(items);
        }
        Ok(all)
    }

    /// The remaining records as a stream of batches; it ends after the last batch or the
    /// first error.
    pub fn into_stream(self) -> impl Stream<Item = Result<Vec<O::Item>, Error>> {
        futures_util::stream::unfold(Some(self), |pager| async move {
            let mut pager = pager?;
            match pager.next_page().await {
                Ok(Some(items)) => Some((Ok(items), Some(pager))),
                Ok(None) => None,
                Err(error) => Some((Err(error), None)),
            }
        })
    }
}

/// The error that ends paging when the server makes no progress.
fn stuck(operation: &'static str, why: String) -> Error {
    let detail = DecodeError::other(format!("paging stopped: {why}"), None);
    Error::new(Some(operation), 1, ErrorKind::Decode(detail))
}

impl Client {
    /// A [`Pager`] over getMultipleLeads.
    pub fn get_multiple_leads_pages(
        &self,
        params: ParamsGetMultipleLeads,
    ) -> Pager<GetMultipleLeads> {
        Pager::new(self.clone(), params)
    }

    /// A [`Pager`] over getLeadChanges.
    pub fn get_lead_changes_pages(&self, params: ParamsGetLeadChanges) -> Pager<GetLeadChanges> {
        Pager::new(self.clone(), params)
    }

    /// A [`Pager`] over getLeadActivity.
    pub fn get_lead_activity_pages(&self, params: ParamsGetLeadActivity) -> Pager<GetLeadActivity> {
        Pager::new(self.clone(), params)
    }

    /// A [`Pager`] over getMObjects.
    pub fn get_m_objects_pages(&self, params: ParamsGetMObjects) -> Pager<GetMObjects> {
        Pager::new(self.clone(), params)
    }

    /// A [`Pager`] over getCustomObjects.
    pub fn get_custom_objects_pages(
        &self,
        params: ParamsGetCustomObjects,
    ) -> Pager<GetCustomObjects> {
        Pager::new(self.clone(), params)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_positions_end_paging() {
        assert_eq!(string_position("  ".to_owned()), None);
        assert_eq!(string_position("id:1".to_owned()), Some("id:1".to_owned()));
        let empty = StreamPosition {
            offset: Some(Nillable::Value(String::new())),
            latest_created_at: Some(Nillable::Nil),
            ..StreamPosition::default()
        };
        assert_eq!(start_position(empty), None);
        let offset = StreamPosition {
            offset: Some(Nillable::Value("ID:1024814".to_owned())),
            ..StreamPosition::default()
        };
        assert!(start_position(offset).is_some());
    }
}
