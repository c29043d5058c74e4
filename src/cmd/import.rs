//! `malbild import`.

use std::io::Write as _;

use crate::cli::ImportArgs;
use crate::import::{self, words};

/// Imports the file and prints the report; returns the exit status: 0, or 2
/// for a target that is not REGION/SLUG (other errors are returned).
pub(crate) fn run(args: ImportArgs) -> anyhow::Result<i32> {
    let root = args.root.unwrap_or_else(|| ".".into());
    let outcome = match import::import(&args.file, &args.target, &root) {
        Ok(outcome) => outcome,
        Err(err) if err.is::<import::Usage>() => {
            eprintln!("{}: {err}", crate::words::w().error());
            return Ok(2);
        }
        Err(err) => return Err(err),
    };
    // The files are written: a closed pipe (`| head`) only cuts the report.
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}",
        words::imported(&args.file, &outcome.dir, outcome.parts)
    );
    for f in &outcome.written {
        let _ = writeln!(out, "{}", words::created(f));
    }
    let _ = writeln!(out, "\n{}", words::review(outcome.review.len()));
    for (place, what) in &outcome.review {
        let _ = writeln!(out, "  - {place}: {what}");
    }
    let _ = writeln!(out, "\n{}", words::checks(outcome.diagnostics.len()));
    for d in &outcome.diagnostics {
        let _ = writeln!(out, "{d}\n");
    }
    let program = crate::scaffold::command();
    let _ = writeln!(out, "\n{}", words::next(&program.words()));
    Ok(0)
}
