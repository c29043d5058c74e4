//! Fast hashes for telling whether something changed between rebuilds.

use std::hash::Hasher;

/// The hash of a string.
pub(crate) fn str(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// The hash of bytes.
pub(crate) fn bytes(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

/// A fast hasher for short keys in maps built and dropped within one step
/// (the words of a page): FxHash, as rustc uses. Not for fingerprints.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`Fx`].
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

/// A `HashSet` with [`Fx`].
pub(crate) type FxSet<K> = std::collections::HashSet<K, std::hash::BuildHasherDefault<Fx>>;

/// One hash of `before` and two numbers after it (cheaper than a
/// [`Combine`] for a value updated many times).
pub(crate) fn mix(before: u64, a: u64, b: u64) -> u64 {
    fold(fold(before ^ P0, a ^ P1) ^ P2, b ^ P3)
}

// wyhash's secrets: odd constants with balanced bits.
const P0: u64 = 0xa076_1d64_78bd_642f;
const P1: u64 = 0xe703_7ed1_a0b4_28db;
const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
const P3: u64 = 0x5899_65cc_7537_4cc3;

/// wyhash's mixing step: the 128-bit product of `a` and `b`, its halves
/// xored.
fn fold(a: u64, b: u64) -> u64 {
    let r = u128::from(a) * u128::from(b);
    (r as u64) ^ ((r >> 64) as u64)
}

/// Builds one hash from several values: a number, or a string's xxh3, folded
/// into one 64-bit state at a time (eight bytes to move, where a streaming
/// xxh3 state is hundreds: rebuilds fold millions of values).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Combine(u64);

impl Combine {
    /// Adds a number.
    pub(crate) fn u64(self, v: u64) -> Self {
        Combine(fold(self.0 ^ P0, v ^ P1))
    }

    /// Adds a string (its length is part of its hash, so strings are
    /// delimited).
    pub(crate) fn str(self, s: &str) -> Self {
        Combine(fold(self.0 ^ P2, str(s) ^ P3))
    }

    /// The hash.
    pub(crate) fn finish(&self) -> u64 {
        fold(self.0 ^ P1, P0)
    }
}
