//! Content checks: what a careful editor would catch before the public does.
//!
//! Each module judges what the Markdown renderer saw (headings, images, links,
//! raw HTML, the plain text of each block; see [`crate::markdown::Rendered`])
//! and returns [`Diagnostic`]s; none of them reads files or changes the site.
//! [`run`] is one step of the pipeline, after rendering, for `build` and
//! `check` alike. Almost every finding is a warning a communicator may
//! silence for a line or a page ([`ignore`]); a link to a missing fragment is
//! an error, like any link that points nowhere.

pub mod a11y;
pub mod html;
pub mod ignore;
pub mod links;
pub mod readability;
pub mod structure;
pub mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::config::CheckConfig;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::model::{Page, Site};
use crate::render::{Body, OutFile};
use crate::theme::{Text, Theme};

/// Every check that can be silenced, with what it finds (for README and hints).
pub const CHECKS: &[(&str, &str)] = &[
    (
        "second-h1",
        "a heading with # in the text: the page title is already the main heading",
    ),
    (
        "heading-level",
        "a heading that skips a level, e.g. ### right after ## is fine, #### is not",
    ),
    ("empty-heading", "a heading without text"),
    (
        "empty-section",
        "a heading with nothing under it before the next heading",
    ),
    ("empty-page", "a part without any text"),
    (
        "alt-text",
        "an image without alternative text, or with a file name as its text",
    ),
    (
        "link-text",
        "a link whose text says nothing out of context (här, läs mer) or is empty",
    ),
    ("raw-html", "HTML written into the Markdown"),
    (
        "inline-style",
        "a style=\"...\" attribute in HTML written into the Markdown",
    ),
    (
        "third-party",
        "an image, script or frame loaded from another web site",
    ),
    (
        "repeated",
        "a sentence or paragraph that appears twice on a page",
    ),
    (
        "list-marker",
        "a list marker or bullet that became text (`- 3.**`, `•`)",
    ),
    ("emphasis", "** or * that does not close"),
    (
        "lix",
        "a page whose LIX (läsbarhetsindex) is over the limit",
    ),
    ("long-sentence", "a sentence with more words than the limit"),
];

/// Whether `name` is one of [`CHECKS`].
pub fn is_check(name: &str) -> bool {
    CHECKS.iter().any(|(n, _)| *n == name)
}

/// The nearest check name to a misspelt one.
pub fn suggest(name: &str) -> Option<&'static str> {
    CHECKS
        .iter()
        .map(|(n, _)| (strsim::jaro_winkler(name, n), *n))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}

/// At most this many warnings of one check on one page; the rest are counted.
pub const MAX_PER_CHECK: usize = 10;

/// What the checks need besides the page: the limits, and the headings the
/// theme writes after the body (a body may end with a heading the theme's
/// success factors or shifts continue).
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// `check:` of site.yaml.
    pub config: &'a CheckConfig,
    /// The theme's heading of the success factors, lower case.
    pub factors_label: String,
    /// The theme's heading of the perspective shifts, lower case.
    pub shifts_label: String,
}

impl<'a> Settings<'a> {
    /// The settings of `site` with `theme`.
    pub fn new(site: &'a Site, theme: &Theme) -> Self {
        let label = |key: &str| match theme.strings.get(key) {
            Some(Text::One(t)) => t.to_lowercase(),
            _ => String::new(),
        };
        Settings {
            config: &site.config.check,
            factors_label: label("success_factors"),
            shifts_label: label("shifts"),
        }
    }
}

/// One page's file, with a line index so that placing many diagnostics in a
/// large file stays fast.
#[derive(Debug)]
pub struct PageText<'a> {
    /// The page.
    pub page: &'a Page,
    line_starts: Vec<usize>,
}

impl<'a> PageText<'a> {
    /// Indexes the lines of `page`'s file.
    pub fn new(page: &'a Page) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            page.text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        PageText { page, line_starts }
    }

    /// The 1-based line of byte `offset` of the file.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The text of 1-based `line`, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let text = &self.page.text;
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).map_or(text.len(), |&e| e - 1);
        text.get(start..end.max(start)).unwrap_or("")
    }

    /// Points `d` at byte `offset` of the file.
    pub fn at_offset(&self, mut d: Diagnostic, offset: usize) -> Diagnostic {
        let text = &self.page.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        d.line = line;
        d.column = text[start..offset].chars().count() + 1;
        d.source_line = Some(self.line_text(line).to_string());
        d
    }

    /// Points `d` at 1-based `line`, column 1.
    pub fn at_line(&self, mut d: Diagnostic, line: usize) -> Diagnostic {
        d.line = line;
        d.column = 1;
        d.source_line = Some(self.line_text(line).to_string());
        d
    }

    /// Points `d` at byte `offset` of the Markdown `md`, which is the body or
    /// the field `md.field` of the front matter. In a field, the place is
    /// found by looking for the text there in the front matter; failing that,
    /// it is the line of the field's key.
    pub fn at(&self, d: Diagnostic, md: &Markdown<'_>, offset: usize) -> Diagnostic {
        let Some(key) = md.field else {
            return self.at_offset(d, self.page.body_offset + offset);
        };
        // The field's text is searched from its key on.
        let front = &self.page.text[..self.page.body_offset];
        let key_start = self
            .page
            .key_line(key)
            .and_then(|l| self.line_starts.get(l - 1).copied())
            .unwrap_or(0)
            .min(front.len());
        let source = md.source;
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let snippet: String = source[offset..]
            .lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(40)
            .collect();
        let snippet = snippet.trim();
        match front[key_start..]
            .find(snippet)
            .filter(|_| !snippet.is_empty())
        {
            Some(i) => self.at_offset(d, key_start + i),
            None => {
                let d = self.at_line(d, self.page.key_line(key).unwrap_or(1));
                Diagnostic {
                    message: format!("{} (in `{key}`)", d.message),
                    ..d
                }
            }
        }
    }
}

/// One piece of Markdown of a page and what rendering saw in it.
#[derive(Debug, Clone, Copy)]
pub struct Markdown<'a> {
    /// The Markdown.
    pub source: &'a str,
    /// What rendering saw.
    pub rendered: &'a Rendered,
    /// `None` for the body, else the key of the front matter field.
    pub field: Option<&'static str>,
}

/// The body and the Markdown fields of a page.
pub fn markdown_of<'a>(page: &'a Page, body: &'a Body) -> Vec<Markdown<'a>> {
    let mut out = vec![Markdown {
        source: page.body(),
        rendered: &body.content,
        field: None,
    }];
    out.extend(body.fields.iter().map(|f| Markdown {
        source: &f.markdown,
        rendered: &f.rendered,
        field: Some(f.key),
    }));
    out
}

/// Runs every check over the site: each page in parallel, then the links
/// between pages (fragments, against the ids of the rendered `files`).
pub fn run(site: &Site, bodies: &[Body], files: &[OutFile], theme: &Theme) -> Vec<Diagnostic> {
    let settings = Settings::new(site, theme);
    let mut out: Vec<Diagnostic> = (0..site.pages.len().min(bodies.len()))
        .into_par_iter()
        .flat_map_iter(|id| page(site, id, &bodies[id], &settings))
        .collect();
    out.extend(links::fragments(site, bodies, files));
    out.extend(ignore::site_names(site));
    out
}

/// Every check of one page, with what the page and the site silence taken out.
pub fn page(site: &Site, id: usize, body: &Body, settings: &Settings<'_>) -> Vec<Diagnostic> {
    let page = &site.pages[id];
    let text = PageText::new(page);
    let parts = markdown_of(page, body);
    let mut found = Vec::new();
    found.extend(a11y::page(&text, &parts));
    found.extend(structure::page(&text, body, settings));
    found.extend(links::texts(&text, &parts));
    found.extend(html::page(&text, &parts));
    found.extend(text::page(&text, &parts));
    found.extend(readability::page(&text, &parts, settings.config));
    let (ignores, mut out) = ignore::Ignores::of(&text, &settings.config.ignore);
    found.retain(|d| ignores.allows(d));
    out.extend(cap(found));
    out
}

/// Keeps the first [`MAX_PER_CHECK`] warnings of each check, and says how
/// many more there are.
fn cap(mut found: Vec<Diagnostic>) -> Vec<Diagnostic> {
    found.sort_by_key(|d| (d.line, d.column));
    let mut seen: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(found.len().min(64));
    let mut more: BTreeMap<&'static str, (Diagnostic, usize)> = BTreeMap::new();
    for d in found {
        let Some(check) = d.check else {
            out.push(d);
            continue;
        };
        let n = seen.entry(check).or_default();
        *n += 1;
        if *n <= MAX_PER_CHECK {
            out.push(d);
        } else {
            more.entry(check).or_insert((d, 0)).1 += 1;
        }
    }
    for (_, (first, n)) in more {
        out.push(Diagnostic {
            message: format!(
                "{n} more problems of this kind on this page from here on, not listed one by one"
            ),
            hint: Some(format!(
                "fix the ones above first; the page has more than {MAX_PER_CHECK} of them"
            )),
            ..first
        });
    }
    out
}
