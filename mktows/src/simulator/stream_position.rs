//! The simulator's `streamPosition` for getMultipleLeads.
//!
//! Marketo positions are opaque (the blog shows `id:1089965:to:…:os:2:rc:24`); ours is
//! `id:<last lead id>:rc:<leads returned so far>:sel:<selector fingerprint>`. Paging is by lead
//! id, so leads created while a client pages do not shift the pages. A position is accepted only
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
        format!(
            "id:{}:rc:{}:sel:{:016x}",
            self.last_id, self.returned, self.fingerprint
        )
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
        if parts.next().is_some() {
            return Err(bad("unrecognised stream position"));
        }
        if selector != fingerprint {
            return Err(bad("stream position belongs to another lead selector"));
        }
        Ok(Self {
            last_id,
            returned,
            fingerprint,
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
        };
        let text = pos.encode();
        assert_eq!(StreamPosition::decode(&text, pos.fingerprint), Ok(pos));
        let longer = format!("{text}:x:1");
        assert!(StreamPosition::decode(&longer, pos.fingerprint).is_err());
        assert_ne!(
            StreamPosition::fingerprint("all"),
            StreamPosition::fingerprint("al")
        );
    }
}
