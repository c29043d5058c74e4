//! Fast hashes for telling whether something changed between rebuilds.

use std::hash::Hasher;

use xxhash_rust::xxh3::Xxh3;

/// The hash of a string.
pub fn str(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// The hash of bytes.
pub fn bytes(b: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(b)
}

/// One hash of `before` and two numbers after it (cheaper than a
/// [`Combine`] for a value updated many times).
pub fn mix(before: u64, a: u64, b: u64) -> u64 {
    let mut bytes = [0u8; 24];
    bytes[..8].copy_from_slice(&before.to_le_bytes());
    bytes[8..16].copy_from_slice(&a.to_le_bytes());
    bytes[16..].copy_from_slice(&b.to_le_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// Builds one hash from several values.
#[derive(Default)]
pub struct Combine(Xxh3);

impl Combine {
    /// Adds a number.
    pub fn u64(mut self, v: u64) -> Self {
        self.0.write_u64(v);
        self
    }

    /// Adds a string, delimited.
    pub fn str(mut self, s: &str) -> Self {
        self.0.write(s.as_bytes());
        self.0.write_u8(0xff);
        self
    }

    /// The hash.
    pub fn finish(&self) -> u64 {
        self.0.finish()
    }
}
