//! Content checks: what a careful editor would catch before the public does.
//!
//! Each module judges what the Markdown renderer saw (headings, images, links,
//! raw HTML, the plain text of each block; see [`crate::markdown::Rendered`])
//! and returns [`Diagnostic`]s; none of them reads files or changes the site.
//! [`run`] is one step of the pipeline, after rendering, for `build` and
//! `check` alike. Almost every finding is a warning a communicator may
//! silence for a line or a page ([`ignore`]); a link to a missing fragment is
//! an error, like any link that points nowhere.

pub(crate) mod a11y;
pub(crate) mod html;
pub(crate) mod ignore;
pub(crate) mod links;
pub(crate) mod readability;
pub(crate) mod structure;
pub(crate) mod text;
pub(crate) mod theme_words;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::CheckConfig;
pub(crate) use crate::diagnostic::Check;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::model::{Page, PageId, Site};
use crate::progress::{Phase, Progress};
use crate::render::Body;
use crate::theme::{Text, Theme};

/// Whether `name` names a check.
pub(crate) fn is_check(name: &str) -> bool {
    Check::named(name).is_some()
}

/// The nearest check name to a misspelt one.
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    let name = name.to_lowercase();
    Check::ALL
        .iter()
        .map(|c| (strsim::osa_distance(&name, c.name()), c.name()))
        .filter(|(edits, n)| *edits <= (n.len() / 3).max(1))
        .min_by_key(|(edits, _)| *edits)
        .map(|(_, n)| n)
}

/// At most this many warnings of one check on one page; the rest are counted.
pub(crate) const MAX_PER_CHECK: usize = 10;

/// What the checks need besides the page: the limits, and the headings the
/// theme writes after the body (a body may end with a heading the theme's
/// success factors or shifts continue).
#[derive(Debug, Clone)]
pub(crate) struct Settings<'a> {
    /// `check:` of site.yaml.
    pub config: &'a CheckConfig,
    /// The theme's heading of the success factors, lower case.
    pub factors_label: String,
    /// The theme's heading of the perspective shifts, lower case.
    pub shifts_label: String,
    /// `themes:` of site.yaml: the theme words and their labels.
    pub themes: &'a BTreeMap<String, String>,
}

impl<'a> Settings<'a> {
    /// The settings of `site` with `theme`.
    pub(crate) fn new(site: &'a Site, theme: &Theme) -> Self {
        let label = |key: &str| match theme.strings.get(key) {
            Some(Text::One(t)) => t.to_lowercase(),
            _ => String::new(),
        };
        Settings {
            config: &site.config.check,
            factors_label: label("success_factors"),
            shifts_label: label("shifts"),
            themes: &site.config.themes,
        }
    }
}

/// One page's file, with a line index so that placing many diagnostics in a
/// large file stays fast.
#[derive(Debug)]
pub(crate) struct PageText<'a> {
    /// The page.
    pub page: &'a Page,
    line_starts: Vec<usize>,
}

impl<'a> PageText<'a> {
    /// Indexes the lines of `page`'s file.
    pub(crate) fn new(page: &'a Page) -> Self {
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
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The byte offset in the file where 1-based `line` starts.
    pub(crate) fn offset_of_line(&self, line: usize) -> usize {
        self.line_starts
            .get(line.wrapping_sub(1))
            .copied()
            .unwrap_or(self.page.text.len())
    }

    /// The text of 1-based `line`, without its line break.
    pub(crate) fn line_text(&self, line: usize) -> &'a str {
        let text = &self.page.text;
        let Some(&start) = self.line_starts.get(line.wrapping_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).map_or(text.len(), |&e| e - 1);
        text.get(start..end.max(start)).unwrap_or("")
    }

    /// Points `d` at byte `offset` of the file.
    pub(crate) fn at_offset(&self, mut d: Diagnostic, offset: usize) -> Diagnostic {
        let text = &self.page.text;
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.line_starts[line - 1];
        d.line = line;
        d.column = text[start..offset].chars().count() + 1;
        d.with_source_line(self.line_text(line))
    }

    /// Points `d` at 1-based `line`, column 1.
    pub(crate) fn at_line(&self, mut d: Diagnostic, line: usize) -> Diagnostic {
        d.line = line;
        d.column = 1;
        d.with_source_line(self.line_text(line))
    }

    /// Points `d` at byte `offset` of the Markdown `md`, which is the body or
    /// the field `md.field` of the front matter. In a field, the place is
    /// found by looking for the text there in the front matter; failing that,
    /// it is the line of the field's key.
    pub(crate) fn at(&self, d: Diagnostic, md: &Markdown<'_>, offset: usize) -> Diagnostic {
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
pub(crate) struct Markdown<'a> {
    /// The Markdown.
    pub source: &'a str,
    /// What rendering saw.
    pub rendered: &'a Rendered,
    /// `None` for the body, else the key of the front matter field.
    pub field: Option<&'static str>,
}

/// The body and the Markdown fields of a page.
pub(crate) fn markdown_of<'a>(page: &'a Page, body: &'a Body) -> Vec<Markdown<'a>> {
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

/// Each page's own problems from earlier builds, kept while its rendered
/// body (so its text and the link world) and the check settings stay the
/// same.
#[derive(Debug, Default)]
pub(crate) struct CheckCache {
    settings: u64,
    pages: crate::hash::FxMap<String, (Arc<Body>, Arc<[Diagnostic]>)>,
    /// What the fragment check found.
    fragments: links::FragmentCache,
    /// The last build's bodies and each page's own findings, by page, with
    /// the lineage of its site ([`Site::lineage`]): a page whose body is
    /// the same is found there without a lookup by its path.
    last: Option<LastChecked>,
}

/// A build's lineage, bodies and each page's own findings (see
/// [`CheckCache`]).
type LastChecked = (u64, Vec<Arc<Body>>, Vec<Arc<[Diagnostic]>>);

impl CheckCache {
    /// The settings of `site` with `theme`; forgets everything when they
    /// are not those of the last build. Called once per build, before the
    /// bodies are made (see [`now`]).
    pub(crate) fn settings<'a>(&mut self, site: &'a Site, theme: &Theme) -> Settings<'a> {
        let settings = Settings::new(site, theme);
        let hash = crate::hash::str(&format!(
            "{:?}{}{}{:?}",
            settings.config, settings.factors_label, settings.shifts_label, settings.themes
        ));
        if hash != self.settings {
            self.pages.clear();
            self.last = None;
            self.settings = hash;
        }
        settings
    }

    /// A hash of the settings its findings were made with.
    pub(crate) fn settings_hash(&self) -> u64 {
        self.settings
    }

    /// The findings of page `rel`, when they were made for `body` (for
    /// [`crate::persist`]).
    pub(crate) fn found(&self, rel: &str, body: &Arc<Body>) -> Option<&Arc<[Diagnostic]>> {
        match self.pages.get(rel) {
            Some((b, found)) if Arc::ptr_eq(b, body) => Some(found),
            _ => None,
        }
    }

    /// Keeps `found` as page `rel`'s findings with `body`, made under the
    /// settings that hash to `settings` (from [`crate::persist`]).
    pub(crate) fn keep(
        &mut self,
        settings: u64,
        rel: String,
        body: Arc<Body>,
        found: Arc<[Diagnostic]>,
    ) {
        if settings != self.settings {
            self.pages.clear();
            self.settings = settings;
        }
        self.last = None;
        self.pages.insert(rel, (body, found));
    }

    /// What is known of page `id` with `body`.
    fn get(&self, site: &Site, id: PageId, body: &Arc<Body>) -> Option<Arc<[Diagnostic]>> {
        match self.pages.get(&site.pages[id].rel) {
            Some((b, found)) if Arc::ptr_eq(b, body) => Some(found.clone()),
            _ => None,
        }
    }
}

/// A page's own problems: what rendering its Markdown found (links that
/// lead nowhere...) and what the checks find, sorted by line.
fn own(site: &Site, id: PageId, body: &Body, settings: &Settings<'_>) -> Arc<[Diagnostic]> {
    let _working = crate::diagnostic::working_on(&site.pages[id].path);
    let mut found = body.problems.clone();
    found.extend(page(site, id, body, settings));
    crate::diagnostic::sort_file(&mut found);
    // They are kept for the whole build and between builds (a fifth of
    // their texts' bytes was room to grow).
    for d in &mut found {
        d.path.shrink_to_fit();
        d.message.shrink_to_fit();
        for s in [&mut d.hint, &mut d.source_line].into_iter().flatten() {
            s.shrink_to_fit();
        }
    }
    found.into()
}

/// The checks of one page, for [`crate::render::markdown`] to run on each
/// body it makes while the body still has its blocks: a page's own
/// problems (see [`own`]), or `None` for a page that has no checks.
pub(crate) fn now<'a>(
    site: &'a Site,
    settings: &'a Settings<'a>,
) -> impl Fn(PageId, &Body) -> Option<Arc<[Diagnostic]>> + Sync + 'a {
    move |id, body| {
        (!site.unreadable.contains(&site.pages[id].rel)).then(|| own(site, id, body, settings))
    }
}

/// What [`run`] found.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// Per page: its own problems (see [`own`]) and its links to missing
    /// `#fragments`, sorted by line.
    pub pages: Vec<Arc<[Diagnostic]>>,
    /// The pages with links to missing fragments.
    #[expect(
        dead_code,
        reason = "nothing reads it; `run`, which fills it, is being reworked"
    )]
    pub broken: BTreeSet<PageId>,
    /// Problems of the site's settings.
    pub site: Vec<Diagnostic>,
}

/// Runs every check over the site: each page in parallel (reusing what
/// `cache` holds for pages that did not change, and what the Markdown step
/// found in the bodies it made, `made`, see [`now`]), then the links
/// between pages (fragments, against the ids of the target's body).
/// `settings`: what [`CheckCache::settings`] gave for this build.
pub(crate) fn run(
    site: &Site,
    (bodies, made): (&[Arc<Body>], Vec<crate::render::Found>),
    theme: &Theme,
    settings: &Settings<'_>,
    cache: &mut CheckCache,
    progress: &dyn Progress,
) -> Checked {
    let n = site.pages.len().min(bodies.len());
    let mut made = made;
    made.resize(n, None);
    progress.phase(Phase::Checks, n as u64);
    let last = cache.last.take().and_then(|(lineage, mut b, mut found)| {
        // Parts came or went: the other pages' findings stand, by their
        // new ids (a page put in has an empty body there, never its own).
        if let Some(renumbered) = site.renumbered_from(lineage) {
            renumbered.apply(&mut b, Arc::new(Body::default()));
            renumbered.apply(&mut found, Arc::from([]));
        } else if lineage != site.lineage {
            return None;
        }
        (b.len() == n).then_some((site.lineage, b, found))
    });
    // Each page's problems, and whether they came from the cache.
    let found: Vec<(Arc<[Diagnostic]>, bool)> = (0..n)
        .into_par_iter()
        .map(|id| {
            progress.advance(1);
            if let Some((_, bodies_then, found)) = &last
                && Arc::ptr_eq(&bodies_then[id], &bodies[id])
            {
                return (found[id].clone(), true);
            }
            // A page whose front matter could not be read stands in for
            // the tree and links only: its error is all it says.
            if site.unreadable.contains(&site.pages[id].rel) {
                return (Arc::from([]), false);
            }
            if let Some(found) = cache.get(site, id, &bodies[id]) {
                return (found, true);
            }
            if let Some(found) = &made[id] {
                return (found.clone(), false);
            }
            if bodies[id].has_blocks {
                return (own(site, id, &bodies[id], settings), false);
            }
            // A body kept from an earlier build (in memory or from the
            // cache file) without its blocks, whose findings are not known
            // under these settings: its blocks are made again.
            let again = crate::render::body_of(site, theme, id);
            (own(site, id, &again, settings), false)
        })
        .collect();
    drop(made);
    // When the same pages are there (or a few came or went), only the
    // changed entries are set.
    let mut in_place = cache.pages.len() == n || site.renumbered.is_some();
    if in_place {
        for (id, (found, kept)) in found.iter().enumerate() {
            if *kept {
                continue;
            }
            let rel = &site.pages[id].rel;
            match cache.pages.get_mut(rel) {
                Some(e) => *e = (bodies[id].clone(), found.clone()),
                None if site.renumbered.is_some() => {
                    cache
                        .pages
                        .insert(rel.clone(), (bodies[id].clone(), found.clone()));
                }
                None => {
                    in_place = false;
                    break;
                }
            }
        }
        if cache.pages.len() != n {
            cache.pages.retain(|rel, _| site.by_rel.contains_key(rel));
            in_place = cache.pages.len() == n;
        }
    }
    if !in_place {
        cache.pages = (0..n)
            .map(|id| {
                let rel = site.pages[id].rel.clone();
                (rel, (bodies[id].clone(), found[id].0.clone()))
            })
            .collect();
    }
    let mut pages: Vec<Arc<[Diagnostic]>> = found.into_iter().map(|(f, _)| f).collect();
    cache.last = Some((site.lineage, bodies[..n].to_vec(), pages.clone()));
    let broken = add_fragments(site, bodies, &mut pages, &mut cache.fragments);
    Checked {
        pages,
        broken,
        site: ignore::site_names(site),
    }
}

/// Adds to `pages` the errors for links to missing fragments (see
/// [`links::fragments`]); returns the pages that have them.
fn add_fragments(
    site: &Site,
    bodies: &[Arc<Body>],
    pages: &mut [Arc<[Diagnostic]>],
    kept: &mut links::FragmentCache,
) -> BTreeSet<PageId> {
    let mut by_page: BTreeMap<PageId, Vec<Diagnostic>> = BTreeMap::new();
    for (id, d) in links::fragments(site, bodies, kept) {
        by_page.entry(id).or_default().push(d);
    }
    for (&id, found) in &mut by_page {
        let mut all = pages[id].to_vec();
        all.append(found);
        crate::diagnostic::sort_file(&mut all);
        pages[id] = all.into();
    }
    by_page.into_keys().collect()
}

/// Every check of one page, with what the page and the site silence taken out.
pub(crate) fn page(
    site: &Site,
    id: usize,
    body: &Body,
    settings: &Settings<'_>,
) -> Vec<Diagnostic> {
    let page = &site.pages[id];
    let text = PageText::new(page);
    let parts = markdown_of(page, body);
    let mut found = Vec::new();
    found.extend(a11y::page(&text, &parts));
    found.extend(structure::page(&text, body, settings));
    found.extend(links::texts(&text, &parts));
    found.extend(html::page(&text, &parts));
    found.extend(text::page(&text, &parts));
    found.extend(text::front_matter(&text));
    found.extend(theme_words::unknown_words(&text, settings.themes));
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
    let mut seen: BTreeMap<Check, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(found.len().min(64));
    let mut more: BTreeMap<Check, (Diagnostic, usize)> = BTreeMap::new();
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
        let (message, hint) = crate::words::w().more_of_check(n, MAX_PER_CHECK);
        out.push(Diagnostic {
            message,
            hint: Some(hint),
            ..first
        });
    }
    out
}
