//! One file per command: each turns arguments into a [`crate::Config`],
//! calls the library and prints the result. No logic lives here.

pub mod build;
pub mod check;
pub mod new;
pub mod progress;
#[cfg(feature = "serve")]
pub mod serve;

use crate::diagnostic::{Diagnostic, Failed};

/// A [`Config`](crate::Config) from the options every command shares, with
/// the progress of its (first) build shown on the terminal unless `--quiet`.
pub fn config(args: crate::cli::SiteArgs) -> crate::Config {
    let mut config = crate::Config::new(args.root.unwrap_or_else(|| ".".into()));
    if let Some(output) = args.output {
        config.output = output;
    }
    config.drafts = args.drafts;
    config.progress = progress::on_terminal(args.quiet);
    config
}

/// How many warnings `build`, `serve` and `watch` show; `check` shows all.
pub const WARNINGS_SHOWN: usize = 20;

/// Prints every error and the first [`WARNINGS_SHOWN`] warnings to standard
/// error, then how many more warnings there are.
pub fn print_diagnostics<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stderr().lock());
    let mut hidden = 0;
    let mut shown = 0;
    for d in diagnostics {
        if !d.is_error() {
            if shown == WARNINGS_SHOWN {
                hidden += 1;
                continue;
            }
            shown += 1;
        }
        let _ = writeln!(out, "{d}\n");
    }
    if hidden > 0 {
        let _ = writeln!(
            out,
            "… and {hidden} more warnings; `malbild check` lists them all, `malbild check --format json` for tools\n"
        );
    }
}

/// Prints an error: content problems one by one, anything else as its chain
/// of causes.
pub fn print_error(err: &anyhow::Error) {
    if let Some(failed) = err.downcast_ref::<Failed>() {
        print_diagnostics(&failed.diagnostics);
        let warnings = failed.diagnostics.iter().filter(|d| !d.is_error()).count();
        let also = match warnings {
            0 => String::new(),
            1 => " (and 1 warning)".into(),
            n => format!(" (and {n} warnings)"),
        };
        eprintln!("error: {failed}{also}; the previous output is unchanged");
    } else {
        eprintln!("error: {err:#}");
    }
}
