//! File events from notify, turned into batches of our own [`Change`]s: one
//! batch per burst of events (an editor's save, a `git checkout`), ignoring
//! editors' temporary and backup files.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::Config;
use crate::change::{Change, classify};
use crate::diagnostic::display_path;

/// Quiet time that ends a burst of events while a file is still being
/// written (written to, not yet closed).
const QUIET: Duration = Duration::from_millis(15);
/// Quiet time that ends a burst once every file written in it was closed
/// (the editor has finished saving; a rename of an editor's temporary
/// file follows within microseconds).
const SETTLED: Duration = Duration::from_millis(5);
/// A burst never holds a rebuild back longer than this.
const LONGEST: Duration = Duration::from_millis(1000);

/// The events of one burst: the paths they name, the files written to and
/// not closed since, and whether a close after writing was seen at all.
#[derive(Debug, Default)]
struct Burst {
    paths: Vec<PathBuf>,
    open: HashSet<PathBuf>,
    closed: bool,
}

impl Burst {
    /// Takes an event; reads (but a close after writing) are not changes.
    fn add(&mut self, kind: EventKind, paths: Vec<PathBuf>) {
        match kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                self.closed = true;
                for p in &paths {
                    self.open.remove(p);
                }
            }
            EventKind::Access(_) => return,
            EventKind::Create(CreateKind::File | CreateKind::Any)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
                self.open.extend(paths.iter().cloned());
            }
            _ => {}
        }
        self.paths.extend(paths);
    }

    /// How long to wait for more events before the burst ends: the short
    /// wait only once the system said that the files written were closed.
    /// Windows and macOS never say so (their events are `Any` or have no
    /// close): there, and for a burst of renames and removals alone (Word
    /// saving on a shared drive renames its files in turn), the long one.
    fn quiet(&self) -> Duration {
        if self.closed && self.open.is_empty() {
            SETTLED
        } else {
            QUIET
        }
    }
}

/// Starts watching `content/` and `themes/` and returns the batches of
/// changes, one at a time, forever.
pub(super) fn watch(config: &Config) -> Result<impl Iterator<Item = Vec<Change>> + use<>> {
    let root = std::path::absolute(&config.root)?;
    let output = std::path::absolute(&config.output)?;
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Of the reads and closes, only a close after writing matters: the
        // save is over.
        if let Ok(event) = event
            && match event.kind {
                EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
                EventKind::Access(_) => false,
                _ => true,
            }
        {
            let _ = tx.send((event.kind, event.paths));
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
            let (kind, first) = rx.recv().ok()?;
            let started = Instant::now();
            let mut burst = Burst::default();
            burst.add(kind, first);
            loop {
                match rx.recv_timeout(burst.quiet()) {
                    Ok((kind, more)) => burst.add(kind, more),
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
            let mut batch: Vec<Change> = burst
                .paths
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

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, MetadataKind, RemoveKind, RenameMode};

    #[test]
    fn a_burst_waits_longer_while_a_file_is_being_written() {
        let a = || vec![PathBuf::from("a.md")];
        let b = || vec![PathBuf::from("b.md")];
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        let created = EventKind::Create(CreateKind::File);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        let touched = EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any));
        let removed = EventKind::Remove(RemoveKind::File);
        let any_created = EventKind::Create(CreateKind::Any);
        let any_modified = EventKind::Modify(ModifyKind::Any);
        // The events so far, the wait after them and the paths gathered.
        type Case = (Vec<(EventKind, Vec<PathBuf>)>, Duration, usize);
        let cases: Vec<Case> = vec![
            // Written in place, as most editors save: truncated and written
            // (open), then closed (settled).
            (vec![(data, a())], QUIET, 1),
            (vec![(data, a()), (data, a()), (closed, a())], SETTLED, 3),
            // Two files, one still open.
            (vec![(data, a()), (data, b()), (closed, a())], QUIET, 3),
            // A new file, not yet closed; then closed.
            (vec![(created, a())], QUIET, 1),
            (vec![(created, a()), (data, a()), (closed, a())], SETTLED, 3),
            // A temporary file written, closed and renamed over the file
            // (vim, VS Code's safe write): settled.
            (
                vec![(created, b()), (data, b()), (closed, b()), (renamed, a())],
                SETTLED,
                4,
            ),
            // Renames or a removal alone (Word on a shared drive renames its
            // files in turn): no close was seen, so the long wait.
            (vec![(renamed, a())], QUIET, 1),
            (vec![(removed, a())], QUIET, 1),
            (vec![(touched, a()), (closed, a())], SETTLED, 2),
            // Windows: every event is `Any`, and no close comes.
            (vec![(any_created, a()), (any_modified, a())], QUIET, 2),
            (vec![(any_modified, a()), (renamed, a())], QUIET, 2),
            // Reading is not a change.
            (vec![(read, a())], QUIET, 0),
            (vec![(data, a()), (read, a())], QUIET, 1),
        ];
        for (events, wait, n_paths) in cases {
            let mut burst = Burst::default();
            for (kind, paths) in events.clone() {
                burst.add(kind, paths);
            }
            assert_eq!(
                (burst.quiet(), burst.paths.len()),
                (wait, n_paths),
                "{events:?}"
            );
        }
    }
}
