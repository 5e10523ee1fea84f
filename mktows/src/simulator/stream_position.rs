//! The simulator's opaque `streamPosition` for getMultipleLeads, getMObjects and
//! getCustomObjects.
//!
//! Marketo positions are opaque (the blog shows `id:1089965:to:…:os:2:rc:24`); ours is
//! `id:<last id>:rc:<records returned so far>:sel:<selector fingerprint>`, with `:end:1` when
//! the page was the last one (getMObjects and getCustomObjects return a position even then, as
//! Marketo's examples do; continuing from it is 20123). Paging is by record id, so records
//! created while a client pages do not shift the pages. A position is accepted only
//! with the selector it was produced for; anything else is 20122 "Bad Stream Position".

use crate::simulator::fault::{ServiceFault, codes};

/// A decoded position: resume after `last_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StreamPosition {
    /// Id of the last lead already returned.
    pub last_id: i32,
    /// Leads returned on earlier pages (informational, like Marketo's `rc`).
    pub returned: u64,
    /// Fingerprint of the selector this position belongs to.
    pub fingerprint: u64,
    /// The page ending here was the last one: continuing from it is 20123 "Stream at End".
    pub at_end: bool,
}

impl StreamPosition {
    /// FNV-1a over the canonical selector text (stable across processes and platforms).
    pub fn fingerprint(canonical: &str) -> u64 {
        canonical
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            })
    }

    /// The wire text.
    pub fn encode(&self) -> String {
        let end = if self.at_end { ":end:1" } else { "" };
        format!(
            "id:{}:rc:{}:sel:{:016x}{end}",
            self.last_id, self.returned, self.fingerprint
        )
    }

    /// Like [`decode`](Self::decode), but a position marked as the end of its stream is
    /// 20123 "Stream at End" (getMObjects and getCustomObjects return one with their last page).
    pub fn decode_continuing(text: &str, fingerprint: u64) -> Result<Self, ServiceFault> {
        let position = Self::decode(text, fingerprint)?;
        if position.at_end {
            return Err(ServiceFault::with_detail(
                codes::STREAM_AT_END,
                "the stream position was returned with the last page",
            ));
        }
        Ok(position)
    }

    /// Parses a position and checks it belongs to the selector with `fingerprint`.
    pub fn decode(text: &str, fingerprint: u64) -> Result<Self, ServiceFault> {
        let bad = |why: &str| {
            ServiceFault::with_detail(codes::BAD_STREAM_POSITION, format!("{why}: {text:?}"))
        };
        let mut parts = text.split(':');
        let mut field = |name: &str| match (parts.next(), parts.next()) {
            (Some(key), Some(value)) if key == name => Ok(value),
            _ => Err(bad("unrecognised stream position")),
        };
        let last_id = field("id")?
            .parse::<i32>()
            .map_err(|_| bad("bad lead id in stream position"))?;
        let returned = field("rc")?
            .parse::<u64>()
            .map_err(|_| bad("bad count in stream position"))?;
        let selector = u64::from_str_radix(field("sel")?, 16)
            .map_err(|_| bad("bad selector in stream position"))?;
        let at_end = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => false,
            (Some("end"), Some("1"), None) => true,
            _ => return Err(bad("unrecognised stream position")),
        };
        if selector != fingerprint {
            return Err(bad("stream position belongs to another lead selector"));
        }
        Ok(Self {
            last_id,
            returned,
            fingerprint,
            at_end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_and_reject_trailing_fields() {
        let pos = StreamPosition {
            last_id: 42,
            returned: 10,
            fingerprint: StreamPosition::fingerprint("all"),
            at_end: false,
        };
        let text = pos.encode();
        assert_eq!(StreamPosition::decode(&text, pos.fingerprint), Ok(pos));
        let longer = format!("{text}:x:1");
        assert!(StreamPosition::decode(&longer, pos.fingerprint).is_err());
        let end = StreamPosition {
            at_end: true,
            ..pos
        };
        assert_eq!(
            StreamPosition::decode(&end.encode(), pos.fingerprint),
            Ok(end)
        );
        let at_end = StreamPosition::decode_continuing(&end.encode(), pos.fingerprint);
        assert_eq!(at_end.map_err(|f| f.code), Err(codes::STREAM_AT_END));
        assert_ne!(
            StreamPosition::fingerprint("all"),
            StreamPosition::fingerprint("al")
        );
    }
}
