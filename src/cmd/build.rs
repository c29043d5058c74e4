//! `malbild build`.

use crate::cli::BuildArgs;

/// Builds the site and says what was written.
pub(crate) fn run(args: BuildArgs) -> anyhow::Result<()> {
    let quiet = args.site.quiet;
    let mut config = super::config(args.site);
    config.pdf = args.pdf;
    config.notice = super::progress::notice;
    config.chromium = std::env::var_os(crate::pdf::ENV)
        .filter(|v| !v.is_empty())
        .map(Into::into);
    // The caches go to `.malbild/` for the next run (not with `--pdf`,
    // whose pages link PDFs that a later build without it removes).
    let mut report = super::catch_panics(|| {
        crate::Builder::new(config.clone())
            .with_disk_cache(crate::persist::Mode::LoadAndSave)
            .build()
    });
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
    // Over an output an earlier build wrote, only what changed is written.
    let written = (report.written != report.files || report.removed != 0)
        .then_some((report.written, report.removed));
    eprintln!(
        "{}",
        crate::words::w().built(
            report.pages,
            report.pdfs,
            report.files,
            written,
            report.elapsed.as_secs_f64(),
            &config.output.display().to_string(),
            report.warnings.len(),
        )
    );
    if let Some(line) = &report.search {
        eprintln!("{line}");
    }
    for note in &report.notes {
        eprintln!("{note}");
    }
    Ok(())
}
