//! File events from notify, turned into batches of our own [`Change`]s: one
//! batch per burst of events (an editor's save, a `git checkout`), ignoring
//! editors' temporary and backup files.

use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::Config;
use crate::change::{Change, classify};
use crate::diagnostic::display_path;

/// Quiet time that ends a burst of events.
const QUIET: Duration = Duration::from_millis(15);
/// A burst never holds a rebuild back longer than this.
const LONGEST: Duration = Duration::from_millis(1000);

/// Starts watching `content/` and `themes/` and returns the batches of
/// changes, one at a time, forever.
pub(super) fn watch(config: &Config) -> Result<impl Iterator<Item = Vec<Change>> + use<>> {
    let root = std::path::absolute(&config.root)?;
    let output = std::path::absolute(&config.output)?;
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .with_context(|| crate::words::w().cannot_watch(&display_path(&root)))?;
    watcher
        .watch(&root.join("content"), RecursiveMode::Recursive)
        .with_context(|| crate::words::w().cannot_watch(&display_path(&root.join("content"))))?;
    // themes/ may not exist yet: watch the root for its creation too.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .with_context(|| crate::words::w().cannot_watch(&display_path(&root)))?;
    let themes = root.join("themes");
    let mut themes_watched =
        themes.is_dir() && watcher.watch(&themes, RecursiveMode::Recursive).is_ok();
    Ok(std::iter::from_fn(move || {
        loop {
            let first: Vec<PathBuf> = rx.recv().ok()?;
            let started = Instant::now();
            let mut paths = first;
            loop {
                match rx.recv_timeout(QUIET) {
                    Ok(more) => paths.extend(more),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
                if started.elapsed() > LONGEST {
                    break;
                }
            }
            if !themes_watched && themes.is_dir() {
                themes_watched = watcher.watch(&themes, RecursiveMode::Recursive).is_ok();
            }
            let mut batch: Vec<Change> = paths
                .iter()
                .filter_map(|p| classify(&root, &output, p))
                .collect();
            batch.sort_by(|a, b| a.path.cmp(&b.path));
            batch.dedup();
            if !batch.is_empty() {
                return Some(batch);
            }
        }
    }))
}
