//! The one integration-test binary: fixture sites in `fixtures/`, built with
//! the real `malbild` binary in a temporary folder.

mod build;
mod check;
mod errors;
mod feed;
mod hostile_fs;
mod hostile_input;
mod import;
mod incremental;
mod layers;
mod persist;
mod print;
mod progress;
mod random_edits;
mod search;
#[cfg(feature = "serve")]
mod serve;
mod site_test;
mod snapshots;
mod split;
mod statement;
mod tables;
mod themes;
