//! Fast hashes for telling whether something changed between rebuilds.

use std::hash::Hasher;

use xxhash_rust::xxh3::Xxh3;

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

/// One hash of `before` and two numbers after it (cheaper than a
/// [`Combine`] for a value updated many times).
pub(crate) fn mix(before: u64, a: u64, b: u64) -> u64 {
    let mut bytes = [0u8; 24];
    bytes[..8].copy_from_slice(&before.to_le_bytes());
    bytes[8..16].copy_from_slice(&a.to_le_bytes());
    bytes[16..].copy_from_slice(&b.to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// Builds one hash from several values.
#[derive(Default)]
pub(crate) struct Combine(Xxh3);

impl Combine {
    /// Adds a number.
    pub(crate) fn u64(mut self, v: u64) -> Self {
        self.0.write_u64(v);
        self
    }

    /// Adds a string, delimited.
    pub(crate) fn str(mut self, s: &str) -> Self {
        self.0.write(s.as_bytes());
        self.0.write_u8(0xff);
        self
    }

    /// The hash.
    pub(crate) fn finish(&self) -> u64 {
        self.0.finish()
    }
}
