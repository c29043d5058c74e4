//! `malbild build`.

use crate::cli::BuildArgs;

/// Builds the site and says what was written.
pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let quiet = args.site.quiet;
    let mut config = super::config(args.site);
    config.pdf = args.pdf;
    config.notice = super::progress::notice;
    config.chromium = std::env::var_os(crate::pdf::ENV)
        .filter(|v| !v.is_empty())
        .map(Into::into);
    let mut report = super::catch_panics(|| crate::build(&config));
    config.progress.finish();
    if let Err(err) = &mut report
        && let Some(internal) = err.downcast_mut::<super::Internal>()
    {
        // A build from nothing swaps its folder in only when it is whole.
        internal.output_unchanged = true;
    }
    let report = report?;
    super::print_diagnostics(&report.warnings);
    if quiet {
        return Ok(());
    }
    let warnings = match report.warnings.len() {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    };
    let pdfs = match report.pdfs {
        0 => String::new(),
        1 => " and 1 PDF".into(),
        n => format!(" and {n} PDFs"),
    };
    // Over an output an earlier build wrote, only what changed is written.
    let files = if report.written == report.files && report.removed == 0 {
        format!("{} files", report.files)
    } else {
        let removed = match report.removed {
            0 => String::new(),
            n => format!(", {n} removed"),
        };
        format!(
            "{} files, {} written{removed}",
            report.files, report.written
        )
    };
    eprintln!(
        "built {} pages{pdfs} ({files}) in {:.2} s into {}{warnings}",
        report.pages,
        report.elapsed.as_secs_f64(),
        config.output.display(),
    );
    if let Some(line) = &report.search {
        eprintln!("{line}");
    }
    Ok(())
}
