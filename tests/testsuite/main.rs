//! The one integration-test binary: fixture sites in `fixtures/`, built with
//! the real `malbild` binary in a temporary folder.

mod build;
mod errors;
mod print;
mod site_test;
mod snapshots;
mod themes;
