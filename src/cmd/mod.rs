//! One file per command: each turns arguments into a [`crate::Config`],
//! calls the library and prints the result. No logic lives here.

pub mod build;
pub mod new;
#[cfg(feature = "serve")]
pub mod serve;
pub mod check;

use crate::diagnostic::{Diagnostic, Failed};

/// A [`Config`](crate::Config) from the options every command shares.
pub fn config(
    root: Option<std::path::PathBuf>,
    output: Option<std::path::PathBuf>,
    drafts: bool,
) -> crate::Config {
    let root = root.unwrap_or_else(|| ".".into());
    let mut config = crate::Config::new(root);
    if let Some(output) = output {
        config.output = output;
    }
    config.drafts = drafts;
    config
}

/// Prints diagnostics, errors and warnings alike, to standard error.
pub fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}\n");
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
