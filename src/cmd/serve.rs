//! `malbild serve` and `malbild watch`.

use crate::cli::{ServeArgs, WatchArgs};
use crate::serve::{self, Hooks, ServeOptions};

/// Builds, serves, and rebuilds on every change.
pub(crate) fn run(args: ServeArgs) -> anyhow::Result<()> {
    let quiet = args.site.quiet;
    let mut config = super::config(args.site);
    config.notice = super::progress::notice;
    building(quiet);
    serve::serve(
        config,
        ServeOptions {
            port: args.port,
            bind: args.bind,
            open: args.open,
            quiet,
        },
        HOOKS,
    )
}

/// Rebuilds on every change.
pub(crate) fn watch(args: WatchArgs) -> anyhow::Result<()> {
    let quiet = args.site.quiet;
    let mut config = super::config(args.site);
    config.notice = super::progress::notice;
    building(quiet);
    serve::watch(config, quiet, HOOKS)
}

/// Says at once that the first build has begun: on a large site it takes
/// seconds before anything else is printed.
fn building(quiet: bool) {
    if !quiet {
        eprintln!("{}", crate::words::w().building());
    }
}

/// The builds and printing of `cmd` that the server's loop uses.
const HOOKS: Hooks = Hooks {
    build: super::build_catching,
    rebuild: super::rebuild_catching,
    print_diagnostics: |diagnostics| super::print_diagnostics(diagnostics),
    print_error: super::print_error,
};
