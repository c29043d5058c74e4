//! How far a build is, for whoever wants to show it. The steps of the
//! pipeline report the [`Phase`] they begin and how many of its items are
//! done; [`Progress`] receives it. The core draws nothing and knows no
//! terminal: `cmd::progress` draws a bar on one.
//!
//! Items are counted from inside the parallel loops, so an implementation
//! must be cheap and must not take a lock per item (an atomic counter is
//! enough). [`Silent`], the default, does nothing.

use std::sync::Arc;

/// A step of a build, in the order a full build takes them (`Pdf` only
/// with `--pdf`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// Reading the files of `content/` (items: files of text).
    Read,
    /// Turning every page's Markdown into HTML (items: pages).
    Markdown,
    /// Rendering the pages through the templates (items: pages).
    Pages,
    /// Rendering the print page of each publication (items: publications).
    Print,
    /// The content checks (items: pages).
    Checks,
    /// Making PDFs with a browser (items: publications).
    Pdf,
    /// Writing the output folder (items: folders and files).
    Write,
}

/// Receives a build's progress. Every method does nothing unless
/// implemented.
pub trait Progress: Send + Sync {
    /// `phase` begins, with `total` items to do.
    fn phase(&self, phase: Phase, total: u64) {
        let _ = (phase, total);
    }

    /// `n` more items of the current phase are done. Called from many
    /// threads at once.
    fn advance(&self, n: u64) {
        let _ = n;
    }

    /// The build is over (called by whoever started it, not by the core):
    /// anything shown must go.
    fn finish(&self) {}
}

/// Progress that goes nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Silent;

impl Progress for Silent {}

/// A shared [`Progress`], as [`crate::Config`] holds it; [`Silent`] by
/// default.
#[derive(Clone)]
pub struct Handle(Arc<dyn Progress>);

impl Handle {
    /// Shares `progress`.
    pub fn new(progress: Arc<dyn Progress>) -> Self {
        Handle(progress)
    }
}

impl Default for Handle {
    fn default() -> Self {
        Handle(Arc::new(Silent))
    }
}

impl std::fmt::Debug for Handle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("progress::Handle")
    }
}

impl std::ops::Deref for Handle {
    type Target = dyn Progress;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    /// Every call, in order.
    #[derive(Default)]
    struct Recording(Mutex<Vec<(Option<Phase>, u64)>>);

    impl Progress for Recording {
        fn phase(&self, phase: Phase, total: u64) {
            self.0.lock().unwrap().push((Some(phase), total));
        }

        fn advance(&self, n: u64) {
            self.0.lock().unwrap().push((None, n));
        }
    }

    impl Recording {
        /// Each phase with its total and the items reported done.
        fn phases(&self) -> Vec<(Phase, u64, u64)> {
            let mut out: Vec<(Phase, u64, u64)> = Vec::new();
            for &(phase, n) in self.0.lock().unwrap().iter() {
                match (phase, out.last_mut()) {
                    (Some(phase), _) => out.push((phase, n, 0)),
                    (None, Some(last)) => last.2 += n,
                    (None, None) => panic!("an advance before any phase"),
                }
            }
            out
        }
    }

    #[test]
    fn a_build_reports_its_phases_in_order_with_counts() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/fixtures/kinds");
        let out = tempfile::tempdir().unwrap();
        let mut config = crate::Config::new(&root);
        config.output = out.path().join("output");
        let recording = Arc::new(Recording::default());
        config.progress = Handle::new(recording.clone());
        let report = crate::build(&config).unwrap();
        let pages = report.pages as u64;
        let mut phases = recording.phases();
        // Pages are written as they are rendered; the write step is what
        // is left: the statement, the copied files and their folders.
        let (write, total, done) = phases.pop().unwrap();
        assert_eq!(write, Phase::Write);
        assert_eq!(total, done);
        assert!(done > 0 && done < report.files as u64, "{done}");
        assert_eq!(
            phases,
            [
                // 10 Markdown files and site.yaml.
                (Phase::Read, 11, 11),
                (Phase::Markdown, pages, pages),
                (Phase::Pages, pages, pages),
                // region-a/plan-2030 and region-b/strategi.
                (Phase::Print, 2, 2),
                (Phase::Checks, pages, pages),
            ]
        );
    }

    #[test]
    fn check_reports_no_writing() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/testsuite/fixtures/kinds");
        let mut config = crate::Config::new(&root);
        let recording = Arc::new(Recording::default());
        config.progress = Handle::new(recording.clone());
        crate::check(&config);
        let phases: Vec<Phase> = recording.phases().iter().map(|p| p.0).collect();
        assert_eq!(
            phases,
            [
                Phase::Read,
                Phase::Markdown,
                Phase::Pages,
                Phase::Print,
                Phase::Checks
            ]
        );
    }
}
