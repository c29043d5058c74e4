//! `malbild build`.

use crate::cli::BuildArgs;

/// Builds the site and says what was written.
pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let config = super::config(args.root, args.output, args.drafts);
    let report = crate::build(&config)?;
    super::print_diagnostics(&report.warnings);
    let warnings = match report.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    };
    eprintln!(
        "built {} pages ({} files) in {:.2} s into {}{warnings}",
        report.pages,
        report.files,
        report.elapsed.as_secs_f64(),
        config.output.display(),
    );
    Ok(())
}
