//! `malbild check`.

use crate::cli::{CheckArgs, Format};
use crate::config::Config;
use crate::diagnostic;

/// Checks the site and reports every problem on standard output; returns
/// the exit status: 1 on errors, or on warnings with `--strict`; 70 on a
/// bug of malbild's own; else 0.
pub(crate) fn run(args: CheckArgs) -> i32 {
    let mut config = Config::new(args.root.unwrap_or_else(|| ".".into()));
    config.drafts = args.drafts;
    config.progress = super::progress::on_terminal(args.quiet);
    let diagnostics = super::catch_panics(|| Ok(crate::check(&config)));
    config.progress.finish();
    let diagnostics = match diagnostics {
        Ok(diagnostics) => diagnostics,
        Err(err) => {
            super::print_error(&err);
            return super::exit_status(&err);
        }
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match args.format {
        Format::Json => println!("{}", diagnostic::to_json(&diagnostics)),
        Format::Text => {
            for d in &diagnostics {
                println!("{d}\n");
            }
            if !args.quiet {
                println!("{}", diagnostic::summary(errors, warnings));
            }
        }
    }
    i32::from(errors > 0 || (args.strict && warnings > 0))
}
