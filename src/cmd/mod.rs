//! One file per command: each turns arguments into a [`crate::Config`],
//! calls the library and prints the result; [`run`] parses the command line
//! (`crate::cli`) and dispatches to them. No logic lives here.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod progress;
#[cfg(feature = "serve")]
pub(crate) mod serve;

use std::ffi::OsString;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cli::Command;
use crate::diagnostic::{Diagnostic, Failed, display_path};

/// The exit status when malbild stopped on a bug of its own (a panic):
/// `EX_SOFTWARE` of BSD's sysexits, apart from 1 (problems in the content)
/// and 2 (wrong command-line usage), and from Rust's own 101.
pub(crate) const EXIT_INTERNAL: i32 = 70;

/// Parses `args` and runs the command; returns the exit status: 0 on success,
/// 1 when the content has errors, 2 for wrong command-line usage, 70 when
/// malbild stopped on a bug of its own (`EXIT_INTERNAL`).
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    crate::words::set(crate::words::from_args(&args));
    let cli = match crate::cli::parse(&args) {
        Ok(cli) => cli,
        Err(status) => return status,
    };
    // A panic anywhere is a bug: reported as such (exit status 70), not
    // with Rust's message and backtrace.
    let result = catch_panics(|| match cli.command {
        Command::Build(args) => build::run(args).map(|()| 0),
        #[cfg(feature = "serve")]
        Command::Serve(args) => serve::run(args).map(|()| 0),
        #[cfg(feature = "serve")]
        Command::Watch(args) => serve::watch(args).map(|()| 0),
        Command::New(what) => new::run(what).map(|()| 0),
        Command::Check(args) => Ok(check::run(args)),
        Command::Import(args) => import::run(args),
    });
    match result {
        Ok(status) => status,
        Err(err) => {
            print_error(&err);
            exit_status(&err)
        }
    }
}

/// A bug in malbild, caught by [`catch_panics`]: what Rust said, where in
/// malbild's source, and the file that was being built, when known.
#[derive(Debug, Clone)]
pub(crate) struct Internal {
    /// The panic's message.
    pub message: String,
    /// `src/file.rs:line:column` of the panic.
    pub location: Option<String>,
    /// The content file that was being built (see
    /// [`crate::diagnostic::working_on`]).
    pub file: Option<PathBuf>,
    /// Whether the output folder is known to be as it was (`build` swaps in
    /// the new folder only when all of it is written).
    pub output_unchanged: bool,
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let file = self.file.as_deref().map(display_path);
        f.write_str(&crate::words::w().internal(
            file.as_deref(),
            &self.message,
            self.location.as_deref(),
            self.output_unchanged,
        ))
    }
}

impl std::error::Error for Internal {}

/// How many [`catch_panics`] are running: while any is, panics in it and in
/// the rayon threads it waits for are recorded for it instead of being
/// printed with Rust's message (and backtrace). Panics in other threads (the
/// preview server's) keep Rust's message.
static CATCHING: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// How many [`catch_panics`] this thread is in.
    static IN_CATCH: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}
/// The first panic while catching, as the hook saw it (in the thread that
/// panicked, which knows the file it worked on).
static CAUGHT: Mutex<Option<Internal>> = Mutex::new(None);

fn install_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let caught_here = IN_CATCH.get() > 0
                || (rayon::current_thread_index().is_some() && CATCHING.load(Ordering::SeqCst) > 0);
            if !caught_here {
                return default(info);
            }
            let message = payload_text(info.payload());
            let location = info.location().map(|l| {
                format!(
                    "{}:{}:{}",
                    l.file().replace('\\', "/"),
                    l.line(),
                    l.column()
                )
            });
            let file = crate::diagnostic::current_file();
            let mut caught = CAUGHT.lock().unwrap_or_else(|e| e.into_inner());
            caught.get_or_insert(Internal {
                message,
                location,
                file,
                output_unchanged: false,
            });
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic".to_string()
    }
}

/// Runs `f`; a panic in it (or in the threads it waits for) becomes an
/// [`Internal`] error instead of ending the program with Rust's message, so
/// that `build` says what to do and `serve` carries on.
pub(crate) fn catch_panics<T>(f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    install_hook();
    CATCHING.fetch_add(1, Ordering::SeqCst);
    IN_CATCH.set(IN_CATCH.get() + 1);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    IN_CATCH.set(IN_CATCH.get() - 1);
    CATCHING.fetch_sub(1, Ordering::SeqCst);
    match result {
        Ok(result) => result,
        Err(payload) => {
            let recorded = CAUGHT.lock().unwrap_or_else(|e| e.into_inner()).take();
            Err(recorded
                .unwrap_or_else(|| Internal {
                    message: payload_text(payload.as_ref()),
                    location: None,
                    file: None,
                    output_unchanged: false,
                })
                .into())
        }
    }
}

/// [`crate::Builder::build`], with a panic reported as an [`Internal`]
/// error; after one the builder starts again from nothing, so the next
/// build does not rely on what the failed one left half done. The output
/// folder is untouched by a build that did not finish.
#[cfg(feature = "serve")]
pub(crate) fn build_catching(builder: &mut crate::Builder) -> anyhow::Result<crate::Report> {
    let result = catch_panics(|| builder.build());
    forget_after_panic(builder, &result);
    result
}

/// [`crate::Builder::rebuild`], with a panic reported as an [`Internal`]
/// error (see [`build_catching`]): `serve` and `watch` call it, so that a
/// bug ends neither the preview nor the last good pages it serves.
#[cfg(feature = "serve")]
pub(crate) fn rebuild_catching(
    builder: &mut crate::Builder,
    changes: &[crate::change::Change],
) -> anyhow::Result<crate::Report> {
    let result = catch_panics(|| builder.rebuild(changes));
    forget_after_panic(builder, &result);
    result
}

#[cfg(feature = "serve")]
fn forget_after_panic<T>(builder: &mut crate::Builder, result: &anyhow::Result<T>) {
    if result.as_ref().is_err_and(|e| e.is::<Internal>()) {
        let config = builder.config.clone();
        *builder = crate::Builder::new(config);
    }
}

/// The exit status for `err`: [`EXIT_INTERNAL`] for a bug, 1 otherwise.
pub(crate) fn exit_status(err: &anyhow::Error) -> i32 {
    if err.is::<Internal>() {
        EXIT_INTERNAL
    } else {
        1
    }
}

/// A [`Config`](crate::Config) from the options every command shares, with
/// the progress of its (first) build shown on the terminal unless `--quiet`.
pub(crate) fn config(args: crate::cli::SiteArgs) -> crate::Config {
    let mut config = crate::Config::new(args.root.unwrap_or_else(|| ".".into()));
    if let Some(output) = args.output {
        config.output = output;
    }
    config.drafts = args.drafts;
    config.progress = progress::on_terminal(args.quiet);
    config
}

/// How many warnings `build`, `serve` and `watch` show; `check` shows all.
pub(crate) const WARNINGS_SHOWN: usize = 20;

/// Prints every error and the first [`WARNINGS_SHOWN`] warnings to standard
/// error, then how many more warnings there are.
pub(crate) fn print_diagnostics<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) {
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
        let _ = writeln!(out, "{}\n", crate::words::w().more_warnings(hidden));
    }
}

/// Prints an error: content problems one by one, anything else as its chain
/// of causes.
pub(crate) fn print_error(err: &anyhow::Error) {
    if let Some(failed) = err.downcast_ref::<Failed>() {
        print_diagnostics(&failed.diagnostics);
        let warnings = failed.diagnostics.iter().filter(|d| !d.is_error()).count();
        let words = crate::words::w();
        eprintln!("{}: {failed}{}", words.error(), words.failed_also(warnings));
    } else if let Some(internal) = err.downcast_ref::<Internal>() {
        eprintln!("{internal}");
    } else {
        eprintln!("{}: {err:#}", crate::words::w().error());
    }
}
