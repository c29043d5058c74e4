//! malbild turns a folder of Markdown målbild publications into an accessible
//! static website.
//!
//! The pipeline, one step per module:
//! `load` (read content/) → `model` (front matter, tree, URLs) → `theme`
//! (templates, parsed once) → `render::markdown` (bodies, links) →
//! `render::pages` (templates) → `print::pages` (a print page per
//! publication) → `statement` (the accessibility statement) → `check`
//! (content checks) → `pdf::build` (only with `--pdf`) → `output` (fresh
//! folder swapped in, or only the changed files).
//!
//! [`build`] runs all of it; [`prepare`] stops before writing; [`check`] is
//! `prepare` for its diagnostics only. Each step tells
//! [`Config::progress`](config::Config::progress) how far it is
//! (`progress`); the core itself draws nothing.

pub(crate) mod across;
pub(crate) mod change;
pub(crate) mod check;
pub(crate) mod cli;
pub(crate) mod cmd;
pub(crate) mod config;
pub(crate) mod diagnostic;
pub(crate) mod feed;
pub(crate) mod front_matter;
pub(crate) mod hash;
pub(crate) mod import;
pub(crate) mod index;
pub mod links;
pub(crate) mod load;
pub(crate) mod markdown;
pub(crate) mod model;
pub(crate) mod output;
pub(crate) mod pdf;
pub(crate) mod persist;
pub(crate) mod print;
pub(crate) mod progress;
pub(crate) mod render;
pub(crate) mod scaffold;
pub(crate) mod search;
pub(crate) mod serial;
#[cfg(feature = "serve")]
pub(crate) mod serve;
pub(crate) mod statement;
pub(crate) mod theme;
pub(crate) mod words;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

pub use change::{Change, ChangeKind, classify};
pub use cmd::run;
pub use config::Config;
pub use diagnostic::{Diagnostic, Failed, List, Severity};
pub use import::docx::{El, parse_xml};
pub use index::{shard_key, stem, tokens};
pub use load::{Loaded, Source, decode};
use model::{PageId, Site};
use output::Copy;
pub use output::lock;
pub use persist::Mode as CacheMode;
use render::OutFile;
pub use search::shard_file;

/// A site rendered in memory, ready to be written.
#[derive(Debug)]
pub struct Prepared {
    /// The pages that had to be rendered (all of them without a cache).
    pub files: Vec<OutFile>,
    /// Every page output of the site, rendered now or before.
    pub all: Vec<String>,
    /// Theme static files and content assets to copy.
    pub copies: Vec<Copy>,
    /// What the build says besides warnings (one line each, Swedish), e.g.
    /// that there is no sitemap without `base_url`.
    pub notes: Vec<String>,
    /// What every output read.
    made: render::Made,
    last: Option<Last>,
}

impl Prepared {
    /// The model.
    fn site(&self) -> &Site {
        &self.last.as_ref().expect("a prepared site").site
    }

    /// Every page's rendered Markdown.
    fn bodies(&self) -> &[std::sync::Arc<render::Body>] {
        &self.last.as_ref().expect("a prepared site").bodies
    }

    /// What the output `path` read when it was made now: each page (by
    /// content path) and what of it (`facts`, `body`, `children`, `parent`,
    /// `logo`), sorted.
    pub fn reads(&self, path: &str) -> Option<Vec<(String, &'static str)>> {
        let site = self.site();
        let (_, _, _, reads) = self.made.made.iter().find(|(p, _, _, _)| p == path)?;
        let mut out: Vec<(String, &'static str)> = reads
            .iter()
            .map(|&(id, aspect)| (site.pages[id].rel.clone(), aspect.name()))
            .collect();
        out.sort();
        Some(out)
    }

    /// The theme.
    fn theme(&self) -> &theme::Theme {
        &self.last.as_ref().expect("a prepared site").theme
    }

    /// The print page of the publication whose `_index.md` is `publication`
    /// (its path in `content/`) as the PDF step makes it: its table of
    /// contents numbered with the pages of `bookmarks` (a PDF's bookmarks:
    /// title and page, in order). Returns the page and the numbers, or
    /// `None` when an entry of the table of contents has no bookmark (or
    /// there is no such publication).
    pub fn numbered(
        &self,
        publication: &str,
        bookmarks: &[(String, usize)],
    ) -> Option<Result<(OutFile, Vec<usize>), Diagnostic>> {
        let id = *self.site().by_rel.get(publication)?;
        print::numbered(self.site(), self.bodies(), self.theme(), id, bookmarks)
    }

    /// The site, its bodies and its theme to read, beside the files to add
    /// to: for the PDF step, which prints the print pages and adds the PDFs
    /// and the landing pages that link to them.
    pub(crate) fn parts(&mut self) -> Option<pdf::Parts<'_>> {
        let last = self.last.as_ref()?;
        Some(pdf::Parts {
            site: &last.site,
            bodies: &last.bodies,
            theme: &last.theme,
            files: &mut self.files,
            all: &mut self.all,
            copies: &self.copies,
        })
    }
}

/// What the last build made, for the PDF step ([`Prepared::parts`]) and for
/// `Prepared`'s readers.
#[derive(Debug)]
struct Last {
    site: Site,
    bodies: Vec<std::sync::Arc<render::Body>>,
    theme: std::sync::Arc<theme::Theme>,
}

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    /// Pages in the site (without the 404 page).
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
    /// Pages rendered by this build (all of them on a first build).
    pub rendered: usize,
    /// Files of the search index made by this build (`search/`, not pages).
    pub index_made: usize,
    /// Files written (a file that came out the same is not written again).
    pub written: usize,
    /// Files removed because their page or file is gone.
    pub removed: usize,
    /// The paths (in the output folder) of the files written or removed,
    /// when known; `None` after a build from nothing, which wrote them all.
    pub changed: Option<Vec<String>>,
    /// PDFs made (with `--pdf`).
    pub pdfs: usize,
    /// Warnings about the content, sorted by file and line.
    pub warnings: List,
    /// What the build says besides warnings (see [`Prepared::notes`]).
    pub notes: Vec<String>,
    /// How long it took.
    pub elapsed: Duration,
    /// A line about the search index (its size), when the site has one.
    pub search: Option<String>,
}

/// What one build remembers for the next, so that a rebuild reads, parses
/// and renders only what changed. Everything in it is keyed by content, so a
/// rebuild produces the same bytes as a build from nothing.
#[derive(Debug, Default)]
pub struct Caches {
    files: load::FileCache,
    loaded: Option<load::Loaded>,
    parse: model::ParseCache,
    markdown: render::MarkdownCache,
    render: render::RenderCache,
    basis: render::BasisCache,
    pages: render::PagesMemo,
    search: search::ShardCache,
    /// The paths of the outputs and of the files to copy, hashed; the files
    /// that would take a page's place; and the outputs that differ only in
    /// case: when the paths were last worked out.
    copies: Option<(u64, hash::FxSet<String>, Vec<Diagnostic>)>,
    /// The last build's theme, with the name and language it was loaded
    /// for; and whether no file under `themes/` changed since (a rebuild
    /// that knows it takes the theme from here).
    theme: Option<(String, String, std::sync::Arc<theme::Theme>)>,
    themes_unchanged: bool,
    /// The statement's inputs hashed, what it made and what it found, when
    /// it was last made.
    #[expect(clippy::type_complexity, reason = "read in one place, prepare_with")]
    statement: Option<(u64, Option<(String, output::Stamp)>, Vec<Diagnostic>)>,
    /// What the home page's view read for the statement's key.
    statement_reads: Option<statement::HomeReads>,
    written: output::Written,
    check: check::CheckCache,
    /// The last build's model, when it built ([`model::patch`]).
    site: Option<Site>,
    /// The problems of the last build, when it wrote anything.
    list: Option<List>,
    /// How the last build's list of problems was put together
    /// ([`assemble`]).
    assembled: Option<Assembled>,
    /// Bodies and findings read from the cache file, for the first build
    /// (`persist::seed` gives them to `markdown` and `check`).
    seed: Option<persist::Seed>,
    /// What the caches held once the cache file was read, while they may
    /// still hold just that.
    from_disk: Option<persist::Loaded>,
}

/// Builds one project again and again: the first build writes everything,
/// later ones only what changed. `serve` and `watch` keep one; `build` makes
/// a new one each time, whose caches come from the cache file of the last
/// run ([`persist`], [`Builder::with_disk_cache`]).
#[derive(Debug)]
pub struct Builder {
    /// What to build.
    pub config: Config,
    caches: Caches,
    /// Whether it reads and writes the cache file (`persist`).
    disk: persist::Mode,
}

impl Builder {
    /// A builder that has built nothing yet.
    pub fn new(config: Config) -> Self {
        Builder {
            config,
            caches: Caches::default(),
            disk: persist::Mode::Off,
        }
    }

    /// Makes its first build read the caches an earlier run of malbild
    /// left in the project's cache file (`.malbild/`), and, with
    /// [`persist::Mode::LoadAndSave`], each successful build write them
    /// there. Never with `--pdf`.
    pub fn with_disk_cache(mut self, mode: persist::Mode) -> Self {
        self.disk = mode;
        self
    }

    /// Makes the next build read `path` again, whatever its size and
    /// modification time say.
    pub fn forget(&mut self, path: &std::path::Path) {
        let content = std::path::absolute(self.config.content_dir())
            .unwrap_or_else(|_| self.config.content_dir());
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if let Ok(rel) = path.strip_prefix(&content) {
            self.caches.files.forget(&load::rel_string(rel));
        }
    }

    /// Builds the site. Over an output folder whose marker says what is in
    /// it (a build of this builder, or of an earlier run), only the files
    /// that changed are written, each one atomically; into an empty or
    /// missing folder it writes a fresh folder and swaps it in. On content or template
    /// errors it returns [`Failed`] and writes nothing.
    pub fn build(&mut self) -> Result<Report> {
        self.caches.themes_unchanged = false;
        self.build_with(None)
    }

    /// Builds again after `changes`: the files they name are read again,
    /// and the one pipeline of [`Builder::build`] runs over the caches, so
    /// only what changed is parsed, rendered and checked again. Files that
    /// came and went unread (an editor's temporary files) change nothing;
    /// edits of files the last build read skip the walk of `content/`.
    pub fn rebuild(&mut self, changes: &[change::Change]) -> Result<Report> {
        let start = Instant::now();
        let changes: Vec<change::Change> = changes
            .iter()
            .filter(|c| !self.is_stray(c))
            .cloned()
            .collect();
        if changes.is_empty()
            && let Some(list) = &self.caches.list
        {
            // Only files that came and went, after a build that worked:
            // nothing to do.
            return Ok(Report {
                pages: self.caches.loaded.as_ref().map_or(0, |l| l.sources.len()),
                files: self.caches.written.len(),
                rendered: 0,
                index_made: 0,
                written: 0,
                removed: 0,
                changed: Some(Vec::new()),
                pdfs: 0,
                warnings: list.clone(),
                notes: Vec::new(),
                elapsed: start.elapsed(),
                search: search::summary(
                    self.caches
                        .written
                        .iter()
                        .map(|(p, s)| (p.as_str(), s.size)),
                ),
            });
        }
        for c in &changes {
            self.forget(&c.path);
        }
        let absolute = |p: PathBuf| std::path::absolute(&p).unwrap_or(p);
        let content = absolute(self.config.content_dir());
        let themes = absolute(self.config.root.join("themes"));
        let mut edited = Some(Vec::new());
        self.caches.themes_unchanged = !changes.iter().any(|c| c.path.starts_with(&themes));
        for c in &changes {
            if let Ok(rel) = c.path.strip_prefix(&content) {
                if let Some(e) = edited.as_mut() {
                    e.push(load::rel_string(rel));
                }
            } else if !c.path.starts_with(&themes) {
                // Somewhere unexpected: look at everything.
                edited = None;
            }
        }
        self.build_with(edited)
    }

    /// Whether `change` is of a content file that is gone and that the last
    /// build did not read: a temporary file that a program saving a page
    /// wrote and renamed (sed, gedit...). It changes nothing.
    pub(crate) fn is_stray(&self, change: &change::Change) -> bool {
        let (Some(loaded), ChangeKind::Content) = (&self.caches.loaded, change.kind) else {
            return false;
        };
        if change.path.symlink_metadata().is_ok() {
            return false;
        }
        let content = std::path::absolute(self.config.content_dir())
            .unwrap_or_else(|_| self.config.content_dir());
        let Ok(rel) = change.path.strip_prefix(&content) else {
            return false;
        };
        let rel = load::rel_string(rel);
        if rel.is_empty() {
            return false;
        }
        // A folder that held files the last build read is not stray.
        let folder = format!("{rel}/");
        let read = |r: &str| r == rel || r.starts_with(&folder);
        !(loaded.sources.iter().any(|s| read(&s.rel))
            || loaded.assets.iter().any(|a| read(&a.rel))
            || loaded.site_yaml.is_some() && rel == "site.yaml"
            || loaded.audit_yaml.is_some() && rel == load::AUDIT_FILE)
    }

    fn build_with(&mut self, edited: Option<Vec<String>>) -> Result<Report> {
        let start = Instant::now();
        let config = &self.config;
        // One build at a time per output folder, for this build only (a
        // `serve` between its rebuilds holds nothing).
        let _lock = output::lock(config)?;
        output::recover(config)?;
        if let Err(d) = output::check_target(config) {
            return Err(Failed {
                diagnostics: vec![d],
            }
            .into());
        }
        let mut clock = Clock::start();
        let first = self.caches.loaded.is_none();
        if self.caches.written.is_empty() {
            // A new run of malbild over an output an earlier one wrote: its
            // marker says what is there, so unchanged files stay untouched
            // (an rsync or FTP deploy then copies only what changed).
            self.caches.written = output::on_disk(config);
        }
        let fresh = self.caches.written.is_empty() || !config.output.join(output::MARKER).is_file();
        if fresh {
            self.caches.render = render::RenderCache::default();
            self.caches.written = output::Written::default();
        } else if first && self.disk != persist::Mode::Off && !config.pdf {
            clock.lap("on disk");
            if let Some((render, seed)) = persist::load(config, &self.caches.written) {
                self.caches.render = render;
                self.caches.seed = Some(seed);
            }
            clock.lap("cache read");
        }
        clock.lap("on disk");
        // Each output goes to the sink as soon as it is rendered: into the
        // staging folder of a build from nothing, or compared with what the
        // output folder holds, so the site's HTML is never all in memory.
        // The PDF step prints the print pages, so it needs them all.
        let sink = if !fresh {
            output::Sink::Compare(std::mem::take(&mut self.caches.written))
        } else if config.pdf {
            output::Sink::Keep
        } else {
            output::Sink::Staging(output::Staging::begin(config)?)
        };
        let (prepared, mut warnings) =
            prepare_with(config, &mut self.caches, edited.as_deref(), None, &sink);
        clock.lap("prepared");
        let sink = match sink {
            output::Sink::Compare(written) => {
                self.caches.written = written;
                None
            }
            output::Sink::Keep => None,
            output::Sink::Staging(staging) => Some(staging),
        };
        let Some(mut prepared) = prepared else {
            self.caches.list = None;
            self.caches.from_disk = None;
            return Err(Failed {
                diagnostics: warnings.to_vec(),
            }
            .into());
        };
        let pdfs = if config.pdf {
            let mut more = Vec::new();
            let made = pdf::build(
                config,
                prepared.parts(),
                &mut self.caches.written,
                &mut more,
            );
            warnings.add(more);
            made
        } else {
            pdf::Made::default()
        };
        let changes = if let Some(staging) = sink {
            staging.finish(config, &prepared.files, &prepared.copies)?
        } else if fresh {
            output::write(config, &prepared.files, &prepared.copies)?
        } else {
            output::update(
                config,
                &prepared.files,
                &prepared.all,
                &prepared.copies,
                std::mem::take(&mut self.caches.written),
                // The rebuilds of `serve` and `watch` leave the marker's
                // hashes be (see `output::update`).
                edited.is_none(),
            )?
        };
        clock.lap("write");
        let last = prepared.last.take().expect("a prepared site");
        let made = std::mem::take(&mut prepared.made);
        let index_made = made
            .made
            .iter()
            .filter(|(path, _, _, _)| path.starts_with(search::DIR))
            .count();
        let rendered = made.made.len() - index_made;
        self.caches.render.update(&last.site, made);
        let n_pages = last.site.pages.len();
        self.caches.site = Some(last.site);
        self.caches.written = changes.written;
        self.caches.list = Some(warnings.clone());
        clock.lap("remember");
        if self.disk == persist::Mode::LoadAndSave && !config.pdf {
            persist::save(
                config,
                &self.caches.markdown,
                &self.caches.check,
                &self.caches.render,
                &self.caches.written,
                self.caches.from_disk.take(),
            );
            clock.lap("cache saved");
        }
        Ok(Report {
            pages: n_pages,
            files: prepared.all.len() + prepared.copies.len(),
            rendered,
            index_made,
            written: changes.n_written,
            removed: changes.n_removed,
            changed: changes.paths,
            pdfs: pdfs.pdfs.len() + pdfs.kept,
            warnings,
            notes: std::mem::take(&mut prepared.notes),
            elapsed: start.elapsed(),
            search: search::summary(
                self.caches
                    .written
                    .iter()
                    .map(|(p, s)| (p.as_str(), s.size)),
            ),
        })
    }
}

/// Reads and renders the site without writing anything. Returns what was
/// rendered (if nothing stopped it) and every problem found.
pub fn prepare(config: &Config) -> (Option<Prepared>, Vec<Diagnostic>) {
    prepare_loaded(config, load::load(config))
}

/// [`prepare`] over content already read (the fuzz target and tests give it
/// content that never was on disk).
pub fn prepare_loaded(
    config: &Config,
    loaded: load::Loaded,
) -> (Option<Prepared>, Vec<Diagnostic>) {
    let (prepared, list) = prepare_with(
        config,
        &mut Caches::default(),
        None,
        Some(loaded),
        &output::Sink::Keep,
    );
    (prepared, list.to_vec())
}

/// `edited`: the content files (relative to `content/`) known to be the only
/// ones that changed since the last build, when that is known. `given`:
/// content already read.
fn prepare_with(
    config: &Config,
    caches: &mut Caches,
    edited: Option<&[String]>,
    given: Option<load::Loaded>,
    sink: &output::Sink,
) -> (Option<Prepared>, List) {
    let mut diagnostics = Vec::new();
    let mut clock = Clock::start();
    let mut before = caches.loaded.take();
    // What was read is brought up to date in place when the changed files
    // are known and no file came or went (no copy of 12,500 files' list).
    let mut reloaded = None;
    let loaded = match (given, edited, before.as_mut()) {
        (Some(given), _, _) => given,
        (None, Some(edited), Some(previous)) => {
            match load::reload(config, previous, &mut caches.files, edited) {
                Some(r) => {
                    reloaded = Some(r);
                    before.take().expect("read before")
                }
                None => load::load_with(config, &mut caches.files),
            }
        }
        _ => load::load_with(config, &mut caches.files),
    };
    clock.lap("load");
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let site_yaml = loaded.site_yaml.clone();
    let audit_yaml = loaded.audit_yaml.clone();
    let kept = match (caches.site.take(), &reloaded, &before) {
        (Some(old), Some(reloaded), _) => {
            model::patch_reloaded(old, &loaded, reloaded, &mut caches.parse)
        }
        (Some(old), None, Some(before)) => model::patch(old, before, &loaded, &mut caches.parse),
        _ => None,
    };
    drop(before);
    // What was read, for the next build (a copy only when the model is
    // built from it, which takes it).
    let mut site = match kept {
        Some(site) => {
            caches.loaded = Some(loaded);
            site
        }
        None => {
            caches.loaded = Some(loaded.clone());
            model::build_with(config, loaded, &mut caches.parse, &mut diagnostics)
        }
    };
    if let Some(src) = &site_yaml {
        diagnostics.extend(site.config.check_names(&src.path, &src.text));
    }
    clock.lap("model");
    let asked_at = match &site_yaml {
        Some(src) => {
            let line = src
                .text
                .lines()
                .position(|l| l.starts_with("theme"))
                .map_or(1, |i| i + 1);
            Diagnostic::error(&src.path, "").at(&src.text, line, 1)
        }
        None => Diagnostic::error(PathBuf::from("content/site.yaml"), ""),
    };
    // The theme of the last build, when no file of a theme changed and the
    // site asks for the same theme in the same language.
    let kept_theme = match caches.theme.take() {
        Some((name, language, theme))
            if edited.is_some()
                && caches.themes_unchanged
                && name == site.config.theme
                && language == site.config.language =>
        {
            Some(theme)
        }
        _ => None,
    };
    caches.themes_unchanged = false;
    let theme = match kept_theme {
        Some(theme) => theme,
        None => match theme::load(config, &site.config.theme, &site.config.language, asked_at) {
            Ok(theme) => std::sync::Arc::new(theme),
            Err(d) => {
                diagnostics.extend(d);
                return (None, List::new(diagnostics));
            }
        },
    };
    caches.theme = Some((
        site.config.theme.clone(),
        site.config.language.clone(),
        theme.clone(),
    ));
    clock.lap("theme");
    if let Some(seed) = caches.seed.take() {
        caches.from_disk = Some(persist::seed(
            &site,
            seed,
            &mut caches.markdown,
            &mut caches.check,
        ));
        clock.lap("cache seeded");
    }
    let progress = &*config.progress;
    // Each page's checks run as its body is made, while the body has its
    // blocks (the plain text of every block), which are then dropped.
    let check_settings = caches.check.settings(&site, &theme);
    let (bodies, made) = render::markdown(
        &site,
        &theme,
        &mut caches.markdown,
        progress,
        &check::now(&site, &check_settings),
    );
    clock.lap("markdown");
    caches.render.renumber(&site);
    let basis = render::basis(&site, &bodies, &theme, &mut caches.basis);
    clock.lap("basis");
    let target = render::Target {
        cache: &caches.render,
        sink,
    };
    let mut pages = render::pages(
        &site,
        &bodies,
        &theme,
        &basis,
        target,
        &mut caches.pages,
        &mut diagnostics,
        progress,
    );
    clock.lap("pages");
    // The statement shows much of the site (settings, the audit, pages'
    // titles) and warns about missing facts: made again when any of that
    // may have changed (a hash of it all), and counted and written only
    // when its bytes changed.
    let statement_key = hash::Combine::default()
        .u64(basis.site_hash)
        .u64(basis.publications_hash)
        .u64(basis.regions_hash)
        .u64(theme.fingerprint(statement::TEMPLATE))
        .u64(statement::pages_key(
            (&site, &bodies, &theme),
            &basis,
            audit_yaml.is_some(),
            &mut caches.statement_reads,
        ))
        .str(site_yaml.as_ref().map_or("", |s| &s.text))
        .str(audit_yaml.as_ref().map_or("", |s| &s.text));
    // What its links may lead to besides pages: files, drafts, unreadable pages.
    let statement_key = site
        .assets
        .iter()
        .map(|(a, to)| (a.rel.as_str(), to.as_str()))
        .chain(site.drafts.iter().map(|d| (d.as_str(), "draft")))
        .chain(site.unreadable.iter().map(|u| (u.as_str(), "unreadable")))
        .fold(statement_key, |h, (a, b)| h.str(a).str(b))
        .finish();
    match &caches.statement {
        // What it made last time is what the output folder holds (the
        // sink holds the list of what it holds while the build runs).
        Some((key, file, found))
            if *key == statement_key
                && file
                    .as_ref()
                    .is_none_or(|(path, stamp)| sink.holds(path, stamp)) =>
        {
            pages
                .all
                .extend(file.as_ref().map(|(path, _)| path.clone()));
            diagnostics.extend(found.iter().cloned());
        }
        _ => {
            let mut found = Vec::new();
            let file = statement::render(
                &site,
                &bodies,
                &theme,
                (site_yaml.as_ref(), audit_yaml.as_ref()),
                &mut found,
            );
            let made = file
                .as_ref()
                .map(|f| (f.path.clone(), output::Stamp::of(&f.bytes)));
            diagnostics.extend(found.iter().cloned());
            caches.statement = Some((statement_key, made.clone(), found));
            if let (Some(file), Some((_, stamp))) = (file, made) {
                pages.all.push(file.path.clone());
                if !sink.holds(&file.path, &stamp) {
                    pages.files.push(file);
                }
            }
        }
    }
    pages.extend(print::pages(
        &site,
        &bodies,
        &theme,
        &basis,
        target,
        &mut diagnostics,
        progress,
    ));
    clock.lap("print");
    pages.extend(across::pages(
        &site,
        &bodies,
        &theme,
        &basis,
        target,
        &mut diagnostics,
    ));
    clock.lap("across");
    let (feeds, note) = feed::pages(
        &site,
        &bodies,
        &theme,
        &basis,
        target,
        site_yaml.as_ref(),
        &mut diagnostics,
    );
    pages.extend(feeds);
    let notes: Vec<String> = note.into_iter().collect();
    clock.lap("feed");
    pages.extend(search::pages(
        &site,
        &bodies,
        &theme,
        &basis,
        target,
        (&mut caches.search, &config.output),
        &mut diagnostics,
    ));
    clock.lap("search");
    let mut checked = check::run(
        &site,
        (&bodies, made),
        &theme,
        &check_settings,
        &mut caches.check,
        progress,
    );
    diagnostics.append(&mut checked.site);
    clock.lap("checks");
    // Which files would take a page's place, and which outputs differ only
    // in case, depend on the outputs' paths: worked out again only when
    // they, or the files to copy, changed.
    let copies_key = pages
        .all
        .iter()
        .map(String::as_str)
        .chain(theme.static_files.keys().map(String::as_str))
        .chain(
            site.assets
                .iter()
                .flat_map(|(a, to)| [a.rel.as_str(), to.as_str()]),
        )
        .fold(hash::Combine::default(), |h, p| h.str(p))
        .finish();
    let copies = match &caches.copies {
        Some((key, over_pages, twins)) if *key == copies_key => {
            let copies = copies(
                &site,
                &theme,
                &|to| over_pages.contains(to),
                &mut diagnostics,
            );
            diagnostics.extend(twins.iter().cloned());
            copies
        }
        _ => {
            let all: hash::FxSet<&str> = pages.all.iter().map(String::as_str).collect();
            let copies = copies(&site, &theme, &|to| all.contains(to), &mut diagnostics);
            let over_pages = theme
                .static_files
                .keys()
                .chain(site.assets.iter().map(|(_, to)| to))
                .filter(|to| all.contains(to.as_str()))
                .cloned()
                .collect();
            let mut twins = Vec::new();
            case_twins(&site, &pages.all, &copies, &mut twins);
            diagnostics.extend(twins.iter().cloned());
            caches.copies = Some((copies_key, over_pages, twins));
            copies
        }
    };
    clock.lap("copies");
    diagnostic::sort(&mut diagnostics);
    let list = assemble(&site, diagnostics, checked.pages, &mut caches.assembled);
    clock.lap("diagnostics");
    if list.errors() > 0 {
        return (None, list);
    }
    caches.basis.keep(basis);
    let prepared = Prepared {
        notes,
        files: pages.files,
        all: pages.all,
        copies,
        made: pages.made,
        last: Some(Last {
            site,
            bodies,
            theme,
        }),
    };
    (Some(prepared), list)
}

/// The list of problems [`assemble`] made, with what it made it of.
#[derive(Debug)]
struct Assembled {
    /// The [`Site::lineage`] of the site.
    lineage: u64,
    other: Vec<Diagnostic>,
    pages: Vec<std::sync::Arc<[Diagnostic]>>,
    list: List,
}

/// Every problem of the site: `other` (sorted), and each page's own
/// (`pages`, by page) in its file. `keep`: the last build's, and then this
/// one's; when its site had the same pages (or `site` was made from it by
/// putting parts in or taking them out, `Site::renumbered`) and the same
/// other problems, its list is taken and only the files of the pages whose
/// problems changed (or that were taken out) are put in again.
fn assemble(
    site: &Site,
    other: Vec<Diagnostic>,
    pages: Vec<std::sync::Arc<[Diagnostic]>>,
    keep: &mut Option<Assembled>,
) -> List {
    let mut kept = keep.take();
    // Parts came or went: the other pages' problems stand, by their new
    // ids; the files of those taken out are emptied.
    if let Some(last) = &mut kept
        && let Some(renumbered) = site.renumbered_from(last.lineage)
    {
        renumbered.apply(&mut last.pages, std::sync::Arc::from([]));
        for (path, _) in &renumbered.gone {
            last.list
                .set_file(path, file_of(&other, path, &std::sync::Arc::from([])));
        }
        last.lineage = site.lineage;
    }
    let list = match kept {
        Some(last)
            if last.lineage == site.lineage
                && last.pages.len() == pages.len()
                && last.other == other =>
        {
            let mut list = last.list;
            for (id, (was, is)) in last.pages.iter().zip(&pages).enumerate() {
                if !std::sync::Arc::ptr_eq(was, is) {
                    let path = &site.pages[id].path;
                    list.set_file(path, file_of(&other, path, is));
                }
            }
            list
        }
        _ => assemble_all(site, &other, &pages),
    };
    *keep = Some(Assembled {
        lineage: site.lineage,
        other,
        pages,
        list: list.clone(),
    });
    list
}

/// [`assemble`] from nothing.
fn assemble_all(site: &Site, other: &[Diagnostic], pages: &[std::sync::Arc<[Diagnostic]>]) -> List {
    // In the order of the files' paths, so that the list's sort finds them
    // sorted (a sort by `Path` compares folder by folder: thousands of
    // pages with warnings took 20 ms at every rebuild).
    let order: Box<dyn Iterator<Item = PageId>> = if site.path_order.len() == site.pages.len() {
        Box::new(site.path_order.iter().copied())
    } else {
        Box::new(0..site.pages.len())
    };
    let mut files: Vec<std::sync::Arc<[Diagnostic]>> = order
        .filter_map(|id| Some(file_of(other, &site.pages[id].path, pages.get(id)?)))
        .filter(|f| !f.is_empty())
        .collect();
    if !other.is_empty() {
        let page_files: std::collections::HashSet<&std::path::Path> =
            site.pages.iter().map(|p| p.path.as_path()).collect();
        files.extend(
            other
                .chunk_by(|a, b| a.path == b.path)
                .filter(|f| !page_files.contains(f[0].path.as_path()))
                .map(std::sync::Arc::from),
        );
    }
    List::of_files(files)
}

/// The problems of a page's file: those of `other` (sorted) in it, and the
/// page's own.
fn file_of(
    other: &[Diagnostic],
    path: &std::path::Path,
    own: &std::sync::Arc<[Diagnostic]>,
) -> std::sync::Arc<[Diagnostic]> {
    let start = other.partition_point(|d| d.path.as_path() < path);
    let len = other[start..].partition_point(|d| d.path == path);
    if len == 0 {
        return own.clone();
    }
    let mut all = other[start..start + len].to_vec();
    all.extend(own.iter().cloned());
    diagnostic::sort_file(&mut all);
    all.into()
}

/// Theme static files, then content files; a content file may not take the
/// place of a page or of a theme file.
fn copies(
    site: &Site,
    theme: &theme::Theme,
    is_page: &dyn Fn(&str) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
    let mut out = Vec::with_capacity(theme.static_files.len() + site.assets.len());
    for (rel, source) in &theme.static_files {
        if is_page(rel) {
            diagnostics.push(
                Diagnostic::error(
                    PathBuf::from("themes")
                        .join(&theme.chain[0])
                        .join("static")
                        .join(rel),
                    crate::words::w().theme_file_over_page(rel).0,
                )
                .with_hint(crate::words::w().theme_file_over_page(rel).1),
            );
            continue;
        }
        out.push(Copy {
            stamp: output::stamp_of(source),
            from: source.clone(),
            to: rel.clone(),
        });
    }
    for (asset, to) in &site.assets {
        if is_page(to) {
            diagnostics.push(asset_over_page(site, &asset.rel, to));
            continue;
        }
        if theme.static_files.contains_key(to) {
            diagnostics.push(
                Diagnostic::error(
                    PathBuf::from("content").join(&asset.rel),
                    crate::words::w().file_over_theme_file(to).0,
                )
                .with_hint(crate::words::w().file_over_theme_file(to).1),
            );
            continue;
        }
        out.push(Copy {
            stamp: hash::Combine::default()
                .u64(asset.stamp.0)
                .str(&format!("{:?}", asset.stamp.1))
                .finish(),
            from: theme::FileSource::Disk(asset.abs.clone()),
            to: to.clone(),
        });
    }
    out
}

/// The error for a file of `content/` (`rel`) that would take the place of
/// the page malbild makes at `to` (issue 11: it replaced it without a word).
/// A file where a Markdown page goes is `model`'s error already.
fn asset_over_page(site: &Site, rel: &str, to: &str) -> Diagnostic {
    let words = crate::words::w();
    let made = if to == "404.html" {
        words.made_page(0, "")
    } else if to == statement::URL {
        words.made_page(1, "")
    } else if to == feed::FEED_URL {
        words.made_page(4, "")
    } else if to == feed::SITEMAP_URL {
        words.made_page(5, "")
    } else if let Some(page) = site.pages.iter().enumerate().find_map(|(id, p)| {
        (p.role == model::Role::Publication && print::output_path(site, id) == to).then_some(p)
    }) {
        words.made_page(2, &page.path.display().to_string())
    } else {
        words.made_page(3, "")
    };
    let (message, hint) = words.file_over_made_page(&made, to);
    Diagnostic::error(PathBuf::from("content").join(rel), message).with_hint(hint)
}

/// Output files whose names differ only in case (`Karta.svg`, `karta.svg`):
/// one file on Windows and macOS, so one would replace the other when the
/// site is copied there (issue 11). Each such pair is an error at the second
/// file's source.
fn case_twins(site: &Site, pages: &[String], copies: &[Copy], diagnostics: &mut Vec<Diagnostic>) {
    let source = |to: &str| -> PathBuf {
        if let Some((asset, _)) = site.assets.iter().find(|(_, out)| out == to) {
            PathBuf::from("content").join(&asset.rel)
        } else if let Some(&id) = site.by_output.get(to) {
            site.pages[id].path.clone()
        } else {
            PathBuf::from(to)
        }
    };
    let mut seen: hash::FxMap<std::borrow::Cow<'_, str>, &str> = hash::FxMap::default();
    seen.reserve(pages.len() + copies.len());
    let all = pages
        .iter()
        .map(String::as_str)
        .chain(copies.iter().map(|c| c.to.as_str()));
    for to in all {
        // Most paths are ASCII in lower case already: no copy of them.
        let lower = if to.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            std::borrow::Cow::Borrowed(to)
        } else {
            std::borrow::Cow::Owned(to.to_lowercase())
        };
        match seen.entry(lower) {
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(to);
            }
            std::collections::hash_map::Entry::Occupied(e) if *e.get() != to => {
                let (first, second) = (source(e.get()), source(to));
                diagnostics.push(case_twins_error(&first, &second));
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
        }
    }
}

/// The message of [`case_twins`].
fn case_twins_error(first: &std::path::Path, second: &std::path::Path) -> Diagnostic {
    let (message, hint) = crate::words::w().case_twins(
        &diagnostic::display_path(first),
        &diagnostic::display_path(second),
    );
    Diagnostic::error(second, message).with_hint(hint)
}

/// Checks the site of `config` without writing anything: every problem the
/// build would report, errors and warnings, sorted by file and line.
pub fn check(config: &Config) -> Vec<Diagnostic> {
    prepare(config).1
}

/// Builds the site of `config` into its output folder, from nothing.
///
/// On content or template errors it returns [`Failed`] with every problem,
/// and the output folder is left as it was.
pub fn build(config: &Config) -> Result<Report> {
    Builder::new(config.clone()).build()
}

/// Prints how long each step took when `MALBILD_TIMINGS` is set, and on
/// Linux the processor time the step used (all threads): a step whose
/// processor time is near its wall time ran on one core.
struct Clock {
    on: bool,
    last: Instant,
    cpu: Option<f64>,
}

impl Clock {
    fn start() -> Self {
        let on = std::env::var_os("MALBILD_TIMINGS").is_some();
        Clock {
            on,
            last: Instant::now(),
            cpu: if on { cpu_ms() } else { None },
        }
    }

    fn lap(&mut self, what: &str) {
        if self.on {
            let wall = self.last.elapsed().as_secs_f64() * 1000.0;
            let cpu = cpu_ms();
            match (self.cpu, cpu) {
                (Some(a), Some(b)) => eprintln!("  {what}: {wall:.1} ms (cpu {:.0} ms)", b - a),
                _ => eprintln!("  {what}: {wall:.1} ms"),
            }
            self.cpu = cpu;
            self.last = Instant::now();
        }
    }
}

/// The processor time this process has used, user and system, from
/// `/proc/self/stat` (in clock ticks of 10 ms); `None` elsewhere than Linux.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut fields = rest.split(' ');
    let utime: f64 = fields.nth(11)?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) * 10.0)
}
