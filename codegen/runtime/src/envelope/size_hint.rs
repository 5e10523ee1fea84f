//! How much room to reserve for an envelope: the size of the last one written with the same
//! body element.
//!
//! An envelope is written into one `String`. Grown from a small buffer, a 30 MB response is
//! reallocated a dozen times; every new buffer is fresh memory the kernel has to map and zero
//! on first touch, and the last ones are large enough that the allocator maps them anew for
//! every document. That doubled the cost of writing a large response compared with writing the
//! same records into a buffer of the right size. Documents with the same body element (the
//! responses of one operation) tend to have similar sizes, so the writer starts from the size of
//! the previous one; the first of its kind, and any that outgrows its predecessor, grow as
//! before.
//!
//! The sizes live in a small table indexed by a hash of the body element's name. A collision
//! only means a worse starting size, never a different document.

use std::sync::atomic::{AtomicU64, Ordering};

/// Slots in the table (a power of two).
const SLOTS: usize = 32;
/// The capacity used when nothing is known (an envelope with a small body fits).
pub(super) const DEFAULT_CAPACITY: usize = 2048;

/// Last envelope sizes by body element name.
pub(super) struct SizeHints {
    /// Per slot: the name's 32-bit hash in the high half, the last size in the low half.
    slots: [AtomicU64; SLOTS],
}

/// The sizes of the envelopes this process writes.
pub(super) static ENVELOPE_SIZES: SizeHints = SizeHints::new();

/// FNV-1a of the body element's name.
fn name_hash(body_local: &str) -> u32 {
    body_local.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

impl SizeHints {
    const fn new() -> Self {
        SizeHints {
            slots: [const { AtomicU64::new(0) }; SLOTS],
        }
    }

    fn slot(&self, hash: u32) -> &AtomicU64 {
        // `SLOTS` is a power of two, so the mask keeps the index in range.
        &self.slots[hash as usize & (SLOTS - 1)]
    }

    /// The capacity to start an envelope with body element `body_local` at: the size of the
    /// last one (plus a sixteenth, for one slightly larger), or [`DEFAULT_CAPACITY`].
    pub(super) fn capacity_for(&self, body_local: &str) -> usize {
        let hash = name_hash(body_local);
        let entry = self.slot(hash).load(Ordering::Relaxed);
        if (entry >> 32) as u32 != hash {
            return DEFAULT_CAPACITY;
        }
        let last = usize::try_from(entry & u64::from(u32::MAX)).unwrap_or(0);
        last.saturating_add(last / 16).max(DEFAULT_CAPACITY)
    }

    /// Remembers the size of an envelope just written with body element `body_local`.
    pub(super) fn record(&self, body_local: &str, size: usize) {
        let hash = name_hash(body_local);
        let size = u32::try_from(size).unwrap_or(u32::MAX);
        self.slot(hash)
            .store(u64::from(hash) << 32 | u64::from(size), Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_envelope_starts_at_the_size_of_the_last_one_with_the_same_body() {
        let hints = SizeHints::new();
        let name = "sizeHintTestBodyA";
        assert_eq!(hints.capacity_for(name), DEFAULT_CAPACITY);
        hints.record(name, 1_600_000);
        assert_eq!(hints.capacity_for(name), 1_700_000);
        hints.record(name, 100);
        assert_eq!(
            hints.capacity_for(name),
            DEFAULT_CAPACITY,
            "never below the default"
        );
        // Another body element (in another slot) keeps its own size.
        let other = (0..)
            .map(|i| format!("sizeHintTestBody{i}"))
            .find(|n| name_hash(n) as usize % SLOTS != name_hash(name) as usize % SLOTS)
            .unwrap_or_default();
        hints.record(name, 1_600_000);
        hints.record(&other, 64_000);
        assert_eq!(hints.capacity_for(&other), 68_000);
        assert_eq!(hints.capacity_for(name), 1_700_000);
    }

    #[test]
    fn a_name_sharing_a_slot_does_not_take_its_size() {
        let hints = SizeHints::new();
        let name = "sizeHintTestBodyB";
        let twin = (0..)
            .map(|i| format!("sizeHintTwin{i}"))
            .find(|n| {
                name_hash(n) as usize % SLOTS == name_hash(name) as usize % SLOTS
                    && name_hash(n) != name_hash(name)
            })
            .unwrap_or_default();
        hints.record(name, 500_000);
        hints.record(&twin, 9_000);
        assert_eq!(hints.capacity_for(name), DEFAULT_CAPACITY);
        assert_eq!(
            hints.capacity_for(&twin),
            DEFAULT_CAPACITY.max(9_000 + 9_000 / 16)
        );
    }
}
