//! A tiny deterministic pseudo-random generator for the synthetic payloads.
//!
//! SplitMix64: one multiply-xorshift chain per draw, good enough to vary field
//! values, and fully reproducible from a seed on every machine.

/// Deterministic 64-bit generator (SplitMix64).
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator that always yields the same sequence for the same `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`0` when `bound` is `0`); the tiny modulo bias does not matter here.
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            return 0;
        }
        self.next_u64() % bound
    }

    /// `true` with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty list (the empty string for an empty list).
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let index = usize::try_from(self.below(items.len() as u64)).unwrap_or(0);
        items.get(index).copied().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn same_seed_same_sequence_different_seed_different_sequence() {
        let draw = |seed| {
            let mut prng = SplitMix64::new(seed);
            (0..8).map(|_| prng.next_u64()).collect::<Vec<_>>()
        };
        assert_eq!(draw(7), draw(7));
        assert_ne!(draw(7), draw(8));
    }

    #[test]
    fn below_stays_in_range_and_pick_covers_the_list() {
        let mut prng = SplitMix64::new(1);
        let items = ["a", "b", "c"];
        let mut seen = [false; 3];
        for _ in 0..200 {
            assert!(prng.below(10) < 10);
            let item = prng.pick(&items);
            let index = items.iter().position(|i| *i == item).unwrap_or(usize::MAX);
            assert!(index < 3, "pick returned {item:?}");
            seen[index] = true;
        }
        assert_eq!(seen, [true; 3]);
        assert_eq!(prng.below(0), 0);
        assert_eq!(prng.pick(&[]), "");
    }
}
