//! malbild turns a folder of Markdown målbild publications into an accessible
//! static website.
//!
//! The pipeline, one step per module:
//! `load` (read content/) → `model` (front matter, tree, URLs) → `theme`
//! (templates, parsed once) → `render::markdown` (bodies, links, checks) →
//! `render::pages` (templates) → `print::pages` (a print page per
//! publication) → `pdf::build` (only with `--pdf`) → `output` (fresh folder,
//! swapped in).
//!
//! [`build`] runs all of it; [`prepare`] stops before writing.

pub mod check;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostic;
pub mod front_matter;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod print;
pub mod render;
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
    /// The rendered pages.
    pub files: Vec<OutFile>,
    /// Theme static files and content assets to copy.
    pub copies: Vec<Copy>,
    /// The rendered Markdown of every page (to render pages again).
    pub bodies: Vec<render::Body>,
    /// The theme.
    pub theme: theme::Theme,
}

/// What a successful build did.
#[derive(Debug)]
pub struct Report {
    /// Pages written (without the 404 page).
    pub pages: usize,
    /// Files written in all.
    pub files: usize,
    /// PDFs made (with `--pdf`).
    pub pdfs: usize,
    /// Warnings about the content.
    pub warnings: Vec<Diagnostic>,
    /// How long it took.
    pub elapsed: Duration,
}

/// Reads and renders the site without writing anything. Returns what was
/// rendered (if nothing stopped it) and every problem found.
pub fn prepare(config: &Config) -> (Option<Prepared>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let loaded = load::load(config);
    diagnostics.extend(loaded.diagnostics.iter().cloned());
    let site_yaml = loaded.site_yaml.clone();
    let site = model::build(config, loaded, &mut diagnostics);
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
    let bodies = render::markdown(&site, &mut diagnostics);
    let mut files = render::pages(&site, &bodies, &theme, &mut diagnostics);
    files.extend(print::pages(&site, &bodies, &theme, &mut diagnostics));
    let copies = copies(&site, &theme, &files, &mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return (None, diagnostics);
    }
    (
        Some(Prepared {
            site,
            files,
            copies,
            bodies,
            theme,
        }),
        diagnostics,
    )
}

/// Theme static files, then content files; a content file may not take the
/// place of a page or of a theme file.
fn copies(
    site: &Site,
    theme: &theme::Theme,
    files: &[OutFile],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Copy> {
    let pages: std::collections::HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
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
            from: theme::FileSource::Disk(asset.abs.clone()),
            to: to.clone(),
        });
    }
    out
}

/// Builds the site of `config` into its output folder.
///
/// On content or template errors it returns [`Failed`] with every problem,
/// and the output folder is left as it was.
pub fn build(config: &Config) -> Result<Report> {
    let start = Instant::now();
    if let Err(d) = output::check_target(config) {
        return Err(Failed {
            diagnostics: vec![d],
        }
        .into());
    }
    let (prepared, mut diagnostics) = prepare(config);
    let Some(mut prepared) = prepared else {
        return Err(Failed { diagnostics }.into());
    };
    let made = if config.pdf {
        pdf::build(config, &mut prepared, &mut diagnostics)
    } else {
        pdf::Made::default()
    };
    output::write(config, &prepared.files, &prepared.copies)?;
    Ok(Report {
        pages: prepared.site.pages.len(),
        pdfs: made.pdfs.len(),
        files: prepared.files.len() + prepared.copies.len(),
        warnings: diagnostics,
        elapsed: start.elapsed(),
    })
}
