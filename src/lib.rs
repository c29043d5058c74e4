//! malbild turns a folder of Markdown målbild publications into an accessible
//! static website.
//!
//! The pipeline, one step per module:
//! `load` (read content/) → `model` (front matter, tree, URLs) → `theme`
//! (templates, parsed once) → `render::markdown` (bodies, links, checks) →
//! `render::pages` (templates) → `output` (fresh folder, swapped in).
//!
//! [`build`] runs all of it; [`prepare`] stops before writing.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod front_matter;
pub mod hash;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod render;
pub mod scaffold;
#[cfg(feature = "serve")]
pub mod serve;
pub mod theme;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;

pub use config::Config;
use diagnostic::{Diagnostic, Failed};
use model::Site;
use output::Copy;
use render::OutFile;

/// A site rendered in memory, ready to be written.
#[derive(Debug)]
pub struct Prepared {
    /// The model.
    pub site: Site,
    /// The pages that had to be rendered (all of them without a cache).
    pub files: Vec<OutFile>,
    /// Every page output of the site, rendered now or before.
    pub all: Vec<String>,
    /// Theme static files and content assets to copy.
    pub copies: Vec<Copy>,
    fingerprints: std::collections::HashMap<String, u64>,
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
    /// Files written (a file that came out the same is not written again).
    pub written: usize,
    /// Files removed because their page or file is gone.
    pub removed: usize,
    /// Warnings about the content.
    pub warnings: Vec<Diagnostic>,
    /// How long it took.
    pub elapsed: Duration,
}

/// What one build remembers for the next, so that a rebuild reads, parses
/// and renders only what changed. Everything in it is keyed by content, so a
/// rebuild produces the same bytes as a build from nothing.
#[derive(Debug, Default)]
pub struct Caches {
    files: load::FileCache,
    parse: model::ParseCache,
    markdown: render::MarkdownCache,
    render: render::RenderCache,
    written: output::Written,
}

/// Builds one project again and again: the first build writes everything,
/// later ones only what changed. `serve` and `watch` keep one; `build` makes
/// a new one each time.
#[derive(Debug)]
pub struct Builder {
    /// What to build.
    pub config: Config,
    caches: Caches,
}

impl Builder {
    /// A builder that has built nothing yet.
    pub fn new(config: Config) -> Self {
        Builder {
            config,
            caches: Caches::default(),
        }
    }

    /// Makes the next build read `path` again, whatever its size and
    /// modification time say.
    pub fn forget(&mut self, path: &std::path::Path) {
        let content = std::path::absolute(self.config.content_dir())
            .unwrap_or_else(|_| self.config.content_dir());
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if let Ok(rel) = path.strip_prefix(&content) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            self.caches.files.forget(&rel.join("/"));
        }
    }

    /// Builds the site. The first build (or one after the output folder was
    /// removed) writes a fresh folder and swaps it in; later builds write only
    /// the files that changed, each one atomically. On content or template
    /// errors it returns [`Failed`] and writes nothing.
    pub fn build(&mut self) -> Result<Report> {
        let start = Instant::now();
        let config = &self.config;
        if let Err(d) = output::check_target(config) {
            return Err(Failed {
                diagnostics: vec![d],
            }
            .into());
        }
        let fresh = self.caches.written.is_empty() || !config.output.join(output::MARKER).is_file();
        if fresh {
            self.caches.render = render::RenderCache::default();
        }
        let (prepared, diagnostics) = prepare_with(config, &mut self.caches);
        let Some(prepared) = prepared else {
            return Err(Failed { diagnostics }.into());
        };
        let changes = if fresh {
            output::write(config, &prepared.files, &prepared.copies)?
        } else {
            output::update(
                config,
                &prepared.files,
                &prepared.all,
                &prepared.copies,
                &self.caches.written,
            )?
        };
        self.caches.render.fingerprints = prepared.fingerprints;
        self.caches.written = changes.written;
        Ok(Report {
            pages: prepared.site.pages.len(),
            files: prepared.all.len() + prepared.copies.len(),
            rendered: prepared.files.len(),
            written: changes.n_written,
            removed: changes.n_removed,
            warnings: diagnostics,
            elapsed: start.elapsed(),
        })
    }
}

/// Reads and renders the site without writing anything. Returns what was
/// rendered (if nothing stopped it) and every problem found.
pub fn prepare(config: &Config) -> (Option<Prepared>, Vec<Diagnostic>) {
    prepare_with(config, &mut Caches::default())
}

fn prepare_with(config: &Config, caches: &mut Caches) -> (Option<Prepared>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let loaded = load::load_with(config, &mut caches.files);
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let site_yaml = loaded.site_yaml.clone();
    let site = model::build_with(config, loaded, &mut caches.parse, &mut diagnostics);
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
    let theme = match theme::load(config, &site.config.theme, &site.config.language, asked_at) {
        Ok(theme) => theme,
        Err(d) => {
            diagnostics.extend(d);
            diagnostic::sort(&mut diagnostics);
            return (None, diagnostics);
        }
    };
    let bodies = render::markdown(&site, &mut caches.markdown, &mut diagnostics);
    let pages = render::pages(&site, &bodies, &theme, &caches.render, &mut diagnostics);
    let copies = copies(&site, &theme, &pages.all, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    let prepared = Prepared {
        site,
        files: pages.files,
        all: pages.all,
        copies,
        fingerprints: pages.fingerprints,
    };
    (Some(prepared), diagnostics)
}

/// Theme static files, then content files; a content file may not take the
/// place of a page or of a theme file.
fn copies(
    site: &Site,
    theme: &theme::Theme,
    pages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
    let pages: std::collections::HashSet<&str> = pages.iter().map(String::as_str).collect();
    let mut out = Vec::with_capacity(theme.static_files.len() + site.assets.len());
    for (rel, source) in &theme.static_files {
        if pages.contains(rel.as_str()) {
            diagnostics.push(
                Diagnostic::error(
                    PathBuf::from("themes")
                        .join(&theme.chain[0])
                        .join("static")
                        .join(rel),
                    format!("this theme file and a page would both be written to {rel}"),
                )
                .with_hint("rename the page's folder or file"),
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
        if theme.static_files.contains_key(to) {
            diagnostics.push(
                Diagnostic::error(
                    PathBuf::from("content").join(&asset.rel),
                    format!("this file and a file of the theme would both be written to {to}"),
                )
                .with_hint("rename the file or its folder"),
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

/// Builds the site of `config` into its output folder, from nothing.
///
/// On content or template errors it returns [`Failed`] with every problem,
/// and the output folder is left as it was.
pub fn build(config: &Config) -> Result<Report> {
    Builder::new(config.clone()).build()
}
