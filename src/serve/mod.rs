//! `malbild serve` and `malbild watch`: turn file events into rebuilds, and
//! (serve) show the site over HTTP with live reload.
//!
//! Only this module uses notify and HTTP. It does not know how to build: it
//! calls [`crate::Builder::build`], which re-renders only what changed,
//! through the [`Hooks`] the command gives it (which catch a panic as a
//! bug report and print problems on the terminal).

mod http;
mod livereload;
mod watcher;

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Result;

pub(crate) use crate::change::{Change, ChangeKind};

use crate::diagnostic::Diagnostic;
use crate::{Builder, Config, Report};
use livereload::{Hub, Message};

/// Options of `malbild serve`.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    /// The port to listen on; the next free one if it is taken.
    pub port: u16,
    /// The address to listen on.
    pub bind: IpAddr,
    /// Open the site in the default browser.
    pub open: bool,
    /// Print only problems and the address (`--quiet`).
    pub quiet: bool,
}

/// What `serve` and `watch` need of the command that runs them (`cmd`):
/// builds that report a panic as a bug and start the builder afresh after
/// one, and the terminal's way of printing problems.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hooks {
    /// [`Builder::build`], a panic caught.
    pub build: fn(&mut Builder) -> Result<Report>,
    /// [`Builder::rebuild`], a panic caught.
    pub rebuild: fn(&mut Builder, &[Change]) -> Result<Report>,
    /// Prints problems (every error, the first warnings).
    pub print_diagnostics: for<'a> fn(&mut dyn Iterator<Item = &'a Diagnostic>),
    /// Prints an error that is not the content's.
    pub print_error: fn(&anyhow::Error),
}

/// Builds, serves and rebuilds on every change until the process is stopped.
pub(crate) fn serve(config: Config, options: ServeOptions, hooks: Hooks) -> Result<()> {
    let hub = Arc::new(Hub::new());
    // Watch first: a file saved during the first build is not missed.
    let batches = watcher::watch(&config)?;
    // The first build reads what the last `malbild build` left in
    // `.malbild/`; the rebuilds keep their caches in memory and write none.
    let mut builder = Builder::new(config).with_disk_cache(crate::persist::Mode::Load);
    first_build(&mut builder, &hub, options.quiet, hooks);
    let server = http::start(builder.config.output.clone(), &options, hub.clone())?;
    eprintln!("{}", crate::words::w().serving(&server.url));
    if !options.quiet {
        eprintln!("{}", crate::words::w().serve_how());
    }
    if options.open
        && let Err(err) = opener::open_browser(&server.url)
    {
        eprintln!(
            "{}",
            crate::words::w().no_browser(&err.to_string(), &server.url)
        );
    }
    rebuild_loop(builder, batches, Some(hub), options.quiet, hooks)
}

/// Builds and rebuilds on every change, without a server; `quiet` prints
/// only problems.
pub(crate) fn watch(config: Config, quiet: bool, hooks: Hooks) -> Result<()> {
    let hub = Arc::new(Hub::new());
    let batches = watcher::watch(&config)?;
    let mut builder = Builder::new(config);
    first_build(&mut builder, &hub, quiet, hooks);
    if !quiet {
        eprintln!("{}", crate::words::w().watching());
    }
    rebuild_loop(builder, batches, None, quiet, hooks)
}

/// The first build shows the progress of `builder.config` (then taken away:
/// rebuilds say one line each).
fn first_build(builder: &mut Builder, hub: &Hub, quiet: bool, hooks: Hooks) {
    // A panic is reported like a failed build (issue 12).
    let result = (hooks.build)(builder);
    std::mem::take(&mut builder.config.progress).finish();
    match result {
        Ok(report) if quiet => (hooks.print_diagnostics)(&mut report.warnings.iter()),
        Ok(report) => {
            (hooks.print_diagnostics)(&mut report.warnings.iter());
            eprintln!(
                "{}",
                crate::words::w().built_first(
                    report.pages,
                    report.elapsed.as_secs_f64(),
                    &builder.config.output.display().to_string()
                )
            );
        }
        Err(err) => {
            (hooks.print_error)(&err);
            hub.send(Message::Error(error_text(&err)));
        }
    }
}

fn rebuild_loop(
    mut builder: Builder,
    batches: impl Iterator<Item = Vec<Change>>,
    hub: Option<Arc<Hub>>,
    quiet: bool,
    hooks: Hooks,
) -> Result<()> {
    for batch in batches {
        let start = Instant::now();
        let only_css = batch.iter().all(|c| c.kind == ChangeKind::Css);
        // Temporary files that came and went are not worth naming.
        let saved_files: Vec<Change> = batch
            .iter()
            .filter(|c| !builder.is_stray(c))
            .cloned()
            .collect();
        // A panic is reported like a failed build and keeps the last good pages (issue 12).
        let result = (hooks.rebuild)(&mut builder, &batch);
        // The warnings of the files just saved; the others were shown before.
        let root = std::path::absolute(&builder.config.root).unwrap_or_default();
        let saved: Vec<&std::path::Path> = batch
            .iter()
            .filter_map(|c| c.path.strip_prefix(&root).ok())
            .collect();
        let message = match &result {
            Ok(report) => {
                (hooks.print_diagnostics)(
                    &mut saved.iter().flat_map(|p| report.warnings.of_file(p)),
                );
                if !quiet {
                    eprintln!(
                        "{}",
                        crate::words::w().rebuilt(
                            &describe(if saved_files.is_empty() {
                                &batch
                            } else {
                                &saved_files
                            }),
                            start.elapsed().as_millis(),
                            report.rendered,
                            report.written,
                            report.removed
                        )
                    );
                }
                let failing = hub.as_ref().is_some_and(|h| h.failing());
                if report.written + report.removed == 0 && !failing {
                    // Saved without a change the browser could see.
                    None
                } else if only_css {
                    Some(Message::Css)
                } else {
                    // The pages not among them do nothing.
                    Some(Message::Reload(report.changed.clone()))
                }
            }
            Err(err) => {
                match err.downcast_ref::<crate::diagnostic::Failed>() {
                    // Every error, and the warnings of the files just saved.
                    Some(failed) => {
                        (hooks.print_diagnostics)(
                            &mut failed
                                .diagnostics
                                .iter()
                                .filter(|d| d.is_error() || saved.contains(&d.path.as_path())),
                        );
                        let words = crate::words::w();
                        eprintln!("{}: {failed}; {}", words.error(), words.failed_in_serve());
                    }
                    None => (hooks.print_error)(err),
                }
                Some(Message::Error(error_text(err)))
            }
        };
        if let (Some(hub), Some(message)) = (&hub, message) {
            hub.send(message);
        }
    }
    Ok(())
}

fn describe(batch: &[Change]) -> String {
    match batch {
        [one] => one
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        many => crate::words::w().files_changed(many.len()),
    }
}

/// The text of a failed build, as the terminal shows it.
fn error_text(err: &anyhow::Error) -> String {
    match err.downcast_ref::<crate::diagnostic::Failed>() {
        Some(failed) => {
            let mut text = String::new();
            for d in failed.diagnostics.iter().filter(|d| d.is_error()) {
                text.push_str(&d.to_string());
                text.push_str("\n\n");
            }
            text.push_str(crate::words::w().panel_footer());
            text
        }
        None => format!("{err:#}"),
    }
}
