//! `malbild serve` and `malbild watch`.

use crate::cli::{ServeArgs, WatchArgs};
use crate::serve::{self, ServeOptions};

/// Builds, serves, and rebuilds on every change.
pub fn run(args: ServeArgs) -> anyhow::Result<()> {
    let config = super::config(args.site);
    serve::serve(
        config,
        ServeOptions {
            port: args.port,
            bind: args.bind,
            open: args.open,
        },
    )
}

/// Rebuilds on every change.
pub fn watch(args: WatchArgs) -> anyhow::Result<()> {
    serve::watch(super::config(args.site))
}
