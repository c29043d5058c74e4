//! File events from notify, turned into batches of our own [`Change`]s: one
//! batch per burst of events (an editor's save, a `git checkout`), ignoring
//! editors' temporary and backup files.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::Config;

/// What kind of file changed: decides what the browser does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A Markdown file, an image, anything in `content/`.
    Content,
    /// `content/site.yaml`.
    Site,
    /// A template, a UI text or another theme file.
    Theme,
    /// A stylesheet: the browser swaps it without reloading.
    Css,
}

/// One changed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its path.
    pub path: PathBuf,
    /// What kind of file it is.
    pub kind: ChangeKind,
}

/// Quiet time that ends a burst of events.
const QUIET: Duration = Duration::from_millis(15);
/// A burst never holds a rebuild back longer than this.
const LONGEST: Duration = Duration::from_millis(1000);

/// Classifies a path, or `None` for files that never matter.
pub(super) fn classify(root: &Path, output: &Path, path: &Path) -> Option<Change> {
    let name = path.file_name()?.to_string_lossy();
    if crate::load::is_ignored(&name) || name.contains(".malbild-tmp-") {
        return None;
    }
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let kind = match parts.next()?.as_ref() {
        "content" if rel == Path::new("content/site.yaml") => ChangeKind::Site,
        "content" if name.ends_with(".css") => ChangeKind::Css,
        "content" => ChangeKind::Content,
        "themes" if name.ends_with(".css") => ChangeKind::Css,
        "themes" => ChangeKind::Theme,
        _ => return None,
    };
    Some(Change {
        path: path.to_path_buf(),
        kind,
    })
}

/// Starts watching `content/` and `themes/` and returns the batches of
/// changes, one at a time, forever.
pub(super) fn watch(config: &Config) -> Result<impl Iterator<Item = Vec<Change>> + use<>> {
    let root = std::path::absolute(&config.root)?;
    let output = std::path::absolute(&config.output)?;
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            if !matches!(event.kind, EventKind::Access(_)) {
                let _ = tx.send(event.paths);
            }
        }
    })
    .context("cannot watch the project folder for changes")?;
    watcher
        .watch(&root.join("content"), RecursiveMode::Recursive)
        .context("cannot watch content/")?;
    // themes/ may not exist yet: watch the root for its creation too.
    watcher
        .watch(&root, RecursiveMode::NonRecursive)
        .context("cannot watch the project folder")?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_and_output_are_ignored() {
        let root = Path::new("/p");
        let out = Path::new("/p/output");
        let cases = [
            ("/p/content/a.md", Some(ChangeKind::Content)),
            ("/p/content/site.yaml", Some(ChangeKind::Site)),
            ("/p/content/bild.png", Some(ChangeKind::Content)),
            (
                "/p/themes/egen/templates/page.html",
                Some(ChangeKind::Theme),
            ),
            ("/p/themes/egen/static/css/x.css", Some(ChangeKind::Css)),
            ("/p/content/.a.md.swp", None),
            ("/p/content/a.md~", None),
            ("/p/content/.#a.md", None),
            ("/p/content/4913", None),
            ("/p/content/#a.md#", None),
            ("/p/output/index.html", None),
            ("/p/target/debug/x", None),
        ];
        for (path, want) in cases {
            assert_eq!(
                classify(root, out, Path::new(path)).map(|c| c.kind),
                want,
                "{path}"
            );
        }
    }
}
