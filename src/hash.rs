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
