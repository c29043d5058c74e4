//! `malbild import FILE.docx REGION/SLUG`: a Word document becomes a new
//! publication folder, and a report says what a person must review.
//!
//! The steps: [`docx::read`] (zip and XML to a small document model),
//! [`map::publication`] (parts, kinds, structured fields), [`write::files`]
//! (Markdown and front matter, never overwriting), then the checks of
//! `malbild check` on the new folder only. All messages are in
//! [`words`]. This module does not render or build anything.

pub(crate) mod docx;
pub(crate) mod map;
pub(crate) mod words;
pub(crate) mod write;

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// Wrong command-line usage (exit status 2), e.g. a target that is not
/// `REGION/SLUG`.
#[derive(Debug)]
pub(crate) struct Usage(pub String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// What one import did.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// The new publication folder.
    pub dir: PathBuf,
    /// Every file written.
    pub written: Vec<PathBuf>,
    /// How many parts.
    pub parts: usize,
    /// What to review in the document: place, what.
    pub review: Vec<(String, String)>,
    /// What `malbild check` says about the new pages.
    pub diagnostics: Vec<Diagnostic>,
}

/// Imports `file` as `content/<region>/<slug>/` in the project `root`.
///
/// A bad target is a [`Usage`] error; a file that is not a readable `.docx`,
/// an existing folder or a failed write is an error with a Swedish message.
pub(crate) fn import(file: &Path, target: &str, root: &Path) -> anyhow::Result<Outcome> {
    let names: Vec<&str> = target.trim_matches('/').split('/').collect();
    let [region, slug] = names[..] else {
        return Err(Usage(words::bad_target(target)).into());
    };
    for name in [region, slug] {
        if name.is_empty() || name.starts_with('.') || crate::model::slugify(name).is_empty() {
            return Err(Usage(words::bad_target(target)).into());
        }
    }
    let bytes = std::fs::read(file)
        .map_err(|e| anyhow::anyhow!(words::cannot_read(file, &e.to_string())))?;
    if let Some(problem) = docx::sniff(&bytes) {
        anyhow::bail!(words::bad_file(file, problem));
    }
    let doc = docx::read(&bytes).map_err(|why| {
        if why == words::not_word() {
            anyhow::anyhow!(words::bad_file(file, words::not_word()))
        } else {
            anyhow::anyhow!(words::broken(file, &why))
        }
    })?;
    if doc.blocks.is_empty() {
        anyhow::bail!(words::empty(file));
    }
    let content = root.join("content");
    if !content.is_dir() {
        anyhow::bail!(words::no_content(root));
    }
    let publication = map::publication(&doc);
    let region_dir = content.join(region);
    let region_index = region_dir.join("_index.md");
    let region_title = doc
        .company
        .clone()
        .unwrap_or_else(|| format!("Region {}", capitalise(region)));
    let new_region =
        (!region_index.exists()).then_some((region_index.as_path(), region_title.as_str()));
    let dir = region_dir.join(slug);
    let written =
        write::files(&dir, new_region, &publication, &doc).map_err(|e| anyhow::anyhow!(e))?;

    // The checks of `malbild check`, kept to the new files.
    let config = Config::new(root);
    let rel = Path::new("content").join(region).join(slug);
    let region_rel = Path::new("content").join(region).join("_index.md");
    let diagnostics = crate::check(&config)
        .into_iter()
        .filter(|d| {
            let p = d.path.strip_prefix(root).unwrap_or(&d.path);
            p.starts_with(&rel) || (new_region.is_some() && p == region_rel)
        })
        .collect();
    Ok(Outcome {
        dir,
        written,
        parts: publication.parts.len(),
        review: publication.review,
        diagnostics,
    })
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}
