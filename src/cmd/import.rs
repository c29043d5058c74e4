//! `malbild import`.

use crate::cli::ImportArgs;
use crate::import::{self, words};

/// Imports the file and prints the report; returns the exit status: 0, or 2
/// for a target that is not REGION/SLUG (other errors are returned).
pub fn run(args: ImportArgs) -> anyhow::Result<i32> {
    let root = args.root.unwrap_or_else(|| ".".into());
    let outcome = match import::import(&args.file, &args.target, &root) {
        Ok(outcome) => outcome,
        Err(err) if err.is::<import::Usage>() => {
            eprintln!("error: {err}");
            return Ok(2);
        }
        Err(err) => return Err(err),
    };
    println!(
        "{}",
        words::imported(&args.file, &outcome.dir, outcome.parts)
    );
    for f in &outcome.written {
        println!("{}", words::created(f));
    }
    println!();
    println!("{}", words::review(outcome.review.len()));
    for (place, what) in &outcome.review {
        println!("  - {place}: {what}");
    }
    println!();
    println!("{}", words::checks(outcome.diagnostics.len()));
    for d in &outcome.diagnostics {
        println!("{d}\n");
    }
    println!();
    let program = crate::scaffold::command();
    println!("{}", words::next(&program.words()));
    Ok(0)
}
