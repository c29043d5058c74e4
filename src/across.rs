//! Pages across regions: the comparison (`jamfor/index.html`: every
//! publication's vision, goal areas, success factors and perspective shifts
//! side by side) and the theme pages (`teman/index.html`, and
//! `teman/<slug>/index.html` per theme word: what each region says about it).
//!
//! Each output reads the site only through [`Views`]' accessors, so its
//! incremental rebuild comes from what they record (see
//! `crate::render::reads`): the comparison reads the tree, which of a
//! publication's parts it may show ([`Views::gathered`]) and the facts and
//! anchors of those it shows; a theme page and the list of theme words read
//! the tree, the gathered parts' theme words ([`Views::themes_of`]) and the
//! facts of the pages they list. A part with no theme words and nothing for
//! the comparison is read by none of them, so one coming or going makes
//! none of them again.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::links;
use crate::model::{Meta, PageId, Role, Site};
use crate::render::{Basis, Body, Check, Link, Output, Pages, Views};
use crate::search::swedish_key;
use crate::theme::{Text, Theme};

pub(crate) use crate::render::addresses::across::{
    COMPARE_TEMPLATE, THEME_TEMPLATE, THEMES_TEMPLATE, THEMES_URL, compare_anchor, compare_enabled,
    compare_path, compared, group_size, groups, theme_path, theme_url, themes_enabled,
};

/// A thing a publication says, and where it says it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Item {
    /// Its name (a goal area's or factor's title, a vision).
    pub title: String,
    /// A line under it (a goal area's "how"), or `null`.
    pub detail: Option<String>,
    /// Its place, from the site root, with its `#fragment`.
    pub url: String,
}

/// One publication on the comparison page, before it is cut into sections.
#[derive(Debug, Clone)]
struct Compared {
    /// Its id on the page (for links from the publication).
    pub id: String,
    /// Its region.
    pub region: Link,
    /// Its title.
    pub title: String,
    /// Its landing page.
    pub url: String,
    /// Its target year, from the publication or its målbild.
    pub horizon: Option<i32>,
    /// Its vision (from its målbild part), or `null`.
    pub vision: Option<Item>,
    /// Its goal areas, in order.
    pub goal_areas: Vec<Item>,
    /// Its success factors, in order.
    pub factors: Vec<Item>,
    /// Its perspective shifts: `title` is where from, `detail` where to.
    pub shifts: Vec<Item>,
}

/// One column of a section of the comparison: a publication and what it
/// says of that section's kind.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Column {
    /// Its heading's id (unique on the page).
    pub id: String,
    /// The region.
    pub region: Link,
    /// The publication's title.
    pub title: String,
    /// Its landing page.
    pub url: String,
    /// Its target year.
    pub horizon: Option<i32>,
    /// What it says, in order.
    pub items: Vec<Item>,
}

/// A publication that says nothing of a section's kind.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Missing {
    /// Its id on the page, as its column would have.
    pub id: String,
    /// The region's title.
    pub region: String,
    /// The publication's title.
    pub title: String,
    /// Its landing page.
    pub url: String,
}

/// One section of the comparison: visions, goal areas, factors or shifts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Section {
    /// Its heading's id.
    pub id: &'static str,
    /// `visions`, `goal_areas`, `factors` or `shifts`.
    pub kind: &'static str,
    /// Its heading.
    pub title: String,
    /// A column per publication that says something of it.
    pub columns: Vec<Column>,
    /// The publications that say nothing of it.
    pub missing: Vec<Missing>,
}

/// What `compare.html` gets as `compare`, besides `page`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CompareView {
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// Where this page is among the comparison's pages, when a large site's
    /// comparison is split by region (else `null`).
    pub part: Option<GroupNav>,
}

/// A link to one page of a comparison or theme page split by region.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupLink {
    /// Its regions: the first and the last, `Region A – Region K`.
    pub label: String,
    /// Its address, from the site root.
    pub url: String,
    /// Whether it is the page it is on.
    pub current: bool,
}

/// Where a page of a comparison or theme page split by region is.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupNav {
    /// Its number, from 1.
    pub number: usize,
    /// How many pages.
    pub of: usize,
    /// Every page, in order.
    pub links: Vec<GroupLink>,
}

/// A page that names a theme word, on that word's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Passage {
    /// Its title.
    pub title: String,
    /// Its address, from the site root.
    pub url: String,
    /// A part's kind, `publication` for a landing page.
    pub kind: &'static str,
    /// What it says, in short: its summary (HTML), else `null`.
    pub summary_html: Option<String>,
    /// Its meta description, when it has no summary.
    pub description: Option<String>,
    /// Its goal areas and success factors, each linked to its place.
    pub items: Vec<Item>,
}

/// A publication on a theme word's page, with its passages.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemePublication {
    /// Title.
    pub title: String,
    /// Landing page.
    pub url: String,
    /// The publication itself and its parts that name the word, in order.
    pub passages: Vec<Passage>,
}

/// A region on a theme word's page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemeRegion {
    /// Title.
    pub title: String,
    /// Its page.
    pub url: String,
    /// Its publications that name the word (not named `publications`,
    /// which would make `theme.html` read the navigation's publications,
    /// see `theme::names_publications`, and every theme page be made again
    /// when any publication's title changes).
    pub documents: Vec<ThemePublication>,
}

/// What `theme.html` gets as `theme`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemePage {
    /// The word's slug.
    pub slug: String,
    /// Its label (from `site.yaml`'s `themes:`, else the word as written).
    pub label: String,
    /// How many pages name it.
    pub count: usize,
    /// The regions that name it, in the order of the site.
    pub regions: Vec<ThemeRegion>,
    /// Where this page is among the word's pages, when a large site's
    /// theme pages are split by region (else `null`; `count` is then this
    /// page's).
    pub part: Option<GroupNav>,
}

/// One word in the list of theme words.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemeEntry {
    /// The word's label.
    pub label: String,
    /// Its page.
    pub url: String,
    /// How many pages name it.
    pub count: usize,
    /// How many regions.
    pub regions: usize,
}

/// What `themes.html` gets as `themes`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemesView {
    /// Every theme word some page names, in Swedish alphabetical order.
    pub words: Vec<ThemeEntry>,
}

/// The label of theme word `slug`: `site.yaml`'s, else the word as a page
/// wrote it.
fn label_of(site: &Site, slug: &str, written: &str) -> String {
    site.config
        .themes
        .get(slug)
        .cloned()
        .unwrap_or_else(|| written.to_string())
}

/// Renders the comparison and the theme pages, in parallel; an output whose
/// fingerprint is as in `target`'s cache is not rendered again.
pub(crate) fn pages(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    basis: &Basis,
    target: crate::render::Target<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Pages {
    let crate::render::Target { cache, sink } = target;
    let mut out = Pages::default();
    let no_pdfs = BTreeMap::new();
    let check = Check::new(cache, basis);
    let base = &basis.base;
    // Addresses a page has taken: the pages here must not replace one.
    let taken = &site.by_output;

    enum Job {
        Compare(usize),
        Themes,
        Theme(String, usize),
    }
    // A large site's comparison and theme pages: a page per group of
    // regions (`group_size`).
    let groups = groups(site);
    let mut jobs = Vec::new();
    if compare_enabled(theme) {
        for g in 0..groups {
            jobs.push((compare_path(g), COMPARE_TEMPLATE, Job::Compare(g)));
        }
    }
    if themes_enabled(theme) {
        jobs.push((THEMES_URL.to_string(), THEMES_TEMPLATE, Job::Themes));
        for slug in site.theme_words.keys() {
            for g in 0..groups {
                jobs.push((
                    theme_path(slug, g),
                    THEME_TEMPLATE,
                    Job::Theme(slug.clone(), g),
                ));
            }
        }
    }
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(path, template, job)| {
            if let Some(other) = taken.get(&path).map(|&o| &site.pages[o]) {
                let (message, hint) = crate::words::w().across_taken(&path);
                return Err(Diagnostic::error(&other.path, message).with_hint(hint));
            }
            let shared = crate::hash::Combine::default()
                .u64(basis.shown(theme, template))
                .u64(theme.fingerprint(template))
                .str(template)
                .finish();
            crate::render::output(&check, sink, path.clone(), shared, |reads| {
                let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                let mut context = base.clone();
                context.insert(
                    "root",
                    &links::root_prefix(path.trim_end_matches("index.html")),
                );
                let (title, crumbs) = match &job {
                    Job::Compare(g) => {
                        let view = compare(&views, *g);
                        let title = part_title(theme, string(theme, "compare_title"), &view.part);
                        context.insert("compare", &view);
                        (title, vec![views.title(Site::HOME)])
                    }
                    Job::Themes => {
                        context.insert("themes", &themes(&views));
                        (string(theme, "themes_title"), vec![views.title(Site::HOME)])
                    }
                    Job::Theme(slug, g) => {
                        let view = theme_page(&views, slug, *g);
                        let title = part_title(theme, view.label.clone(), &view.part);
                        context.insert("theme", &view);
                        let list = Link {
                            title: string(theme, "themes_title"),
                            url: THEMES_URL.into(),
                        };
                        (title, vec![views.title(Site::HOME), list])
                    }
                };
                let role = match &job {
                    Job::Compare(_) => "compare",
                    Job::Themes => "themes",
                    Job::Theme(..) => "theme",
                };
                context.insert("page", &views.chrome(role, title, crumbs, &path));
                crate::render::render_file(theme, template, &context, path.clone())
            })
        })
        .collect();
    for r in results {
        match r {
            Ok(output) => out.push(output),
            Err(d) => {
                if !diagnostics.iter().any(|e| {
                    (&e.path, e.line, e.column, &e.message)
                        == (&d.path, d.line, d.column, &d.message)
                }) {
                    diagnostics.push(d);
                }
            }
        }
    }
    out
}

/// A page's title, with which part it is when the page is split
/// (`part_title` of the theme's texts: `{title}, del {n} av {of}`).
fn part_title(theme: &Theme, title: String, part: &Option<GroupNav>) -> String {
    match part {
        None => title,
        Some(p) => string(theme, "part_title")
            .replace("{title}", &title)
            .replace("{n}", &p.number.to_string())
            .replace("{of}", &p.of.to_string()),
    }
}

/// The regions of page `group` of a page split by region, read through
/// `views` (all of them when the site is not split), and the navigation
/// between the pages (`path` gives each one's address), `null` when there
/// is one.
fn group(
    views: &Views<'_>,
    group: usize,
    path: impl Fn(usize) -> String,
) -> (Vec<PageId>, Option<GroupNav>) {
    let site = views.site;
    let regions: Vec<PageId> = views
        .children(Site::HOME)
        .iter()
        .copied()
        .filter(|&r| site.pages[r].role == Role::Region)
        .collect();
    let of = groups(site);
    if of == 1 {
        return (regions, None);
    }
    let chunks: Vec<&[PageId]> = regions.chunks(group_size(site)).collect();
    let links = chunks
        .iter()
        .enumerate()
        .map(|(g, chunk)| {
            let first = views.title(chunk[0]).title;
            let last = views.title(chunk[chunk.len() - 1]).title;
            GroupLink {
                label: if chunk.len() == 1 {
                    first
                } else {
                    format!("{first} – {last}")
                },
                url: path(g),
                current: g == group,
            }
        })
        .collect();
    let mine = chunks.get(group).map(|c| c.to_vec()).unwrap_or_default();
    (
        mine,
        Some(GroupNav {
            number: group + 1,
            of,
            links,
        }),
    )
}

/// The publications of `regions`, region by region, as `(region, publication)`.
fn publications_of(views: &Views<'_>, regions: &[PageId]) -> Vec<(PageId, PageId)> {
    let site = views.site;
    let mut out = Vec::new();
    for &r in regions {
        for &p in views.children(r) {
            if site.pages[p].role == Role::Publication {
                out.push((r, p));
            }
        }
    }
    out
}

/// A string of the theme's texts, or its key when the theme has none.
fn string(theme: &Theme, key: &str) -> String {
    match theme.strings.get(key) {
        Some(Text::One(t)) => t.clone(),
        _ => key.to_string(),
    }
}

/// The publications of the site, region by region, as `(region, publication)`.
pub(crate) fn publications(views: &Views<'_>) -> Vec<(PageId, PageId)> {
    let site = views.site;
    let mut out = Vec::new();
    for &r in views.children(Site::HOME) {
        if site.pages[r].role != Role::Region {
            continue;
        }
        for &p in views.children(r) {
            if site.pages[p].role == Role::Publication {
                out.push((r, p));
            }
        }
    }
    out
}

/// `url` with `#id`.
fn anchored(url: String, id: &str) -> String {
    format!("{url}#{id}")
}

/// The comparison: every publication (of page `g`'s regions, when it is
/// split) and what its parts say.
fn compare(views: &Views<'_>, g: usize) -> CompareView {
    let site = views.site;
    let (regions, part) = group(views, g, compare_path);
    let publications = publications_of(views, &regions)
        .into_iter()
        .map(|(region, id)| {
            let publication = views.facts(id);
            let mut c = Compared {
                id: compare_anchor(site, id),
                region: views.link(region),
                title: publication.title.clone(),
                url: publication.output_path(),
                horizon: match &*publication.meta {
                    Meta::Publication(m) => m.horizon,
                    _ => None,
                },
                vision: None,
                goal_areas: Vec::new(),
                factors: Vec::new(),
                shifts: Vec::new(),
            };
            for part_id in views.gathered(id) {
                if !compared(&site.pages[part_id]) {
                    continue;
                }
                let part = views.facts(part_id);
                let Some(m) = part.part() else { continue };
                let url = part.output_path();
                let (area_ids, factor_ids) = views.anchors(part_id);
                if let (None, Some(vision)) = (&c.vision, &m.vision) {
                    c.vision = Some(Item {
                        title: vision.clone(),
                        detail: None,
                        url: anchored(url.clone(), "mb-vision"),
                    });
                }
                if c.horizon.is_none() {
                    c.horizon = m.horizon;
                }
                c.goal_areas
                    .extend(m.goal_areas.iter().zip(&area_ids).map(|(a, anchor)| Item {
                        title: a.title.clone(),
                        detail: a.means.clone(),
                        url: anchored(url.clone(), anchor),
                    }));
                c.factors
                    .extend(m.factors.iter().zip(&factor_ids).map(|(f, anchor)| Item {
                        title: f.title.clone(),
                        detail: None,
                        url: anchored(url.clone(), anchor),
                    }));
                c.shifts.extend(m.shifts.iter().map(|s| Item {
                    title: s.from.clone(),
                    detail: Some(s.to.clone()),
                    url: anchored(url.clone(), "mb-shifts"),
                }));
            }
            c
        })
        .collect::<Vec<Compared>>();
    let theme = views.theme;
    let sections = [
        ("mb-visioner", "visions", "compare_visions"),
        ("mb-malomraden", "goal_areas", "compare_goal_areas"),
        ("mb-framgangsfaktorer", "factors", "compare_factors"),
        ("mb-perspektivskiften", "shifts", "compare_shifts"),
    ]
    .into_iter()
    .map(|(id, kind, key)| {
        let mut section = Section {
            id,
            kind,
            title: string(theme, key),
            columns: Vec::new(),
            missing: Vec::new(),
        };
        for c in &publications {
            let column_id = format!("{}-{}", c.id, kind.replace('_', "-"));
            let items = match kind {
                "visions" => c.vision.iter().cloned().collect(),
                "goal_areas" => c.goal_areas.clone(),
                "factors" => c.factors.clone(),
                _ => c.shifts.clone(),
            };
            if items.is_empty() {
                section.missing.push(Missing {
                    id: column_id,
                    region: c.region.title.clone(),
                    title: c.title.clone(),
                    url: c.url.clone(),
                });
            } else {
                section.columns.push(Column {
                    id: column_id,
                    region: c.region.clone(),
                    title: c.title.clone(),
                    url: c.url.clone(),
                    horizon: c.horizon,
                    items,
                });
            }
        }
        section
    })
    .collect();
    CompareView { sections, part }
}

/// The page of theme word `slug` (page `g` of it, when it is split).
fn theme_page(views: &Views<'_>, slug: &str, g: usize) -> ThemePage {
    let site = views.site;
    let (in_group, part) = group(views, g, |g| theme_path(slug, g));
    let mut written = None;
    let mut names = |id: PageId| {
        views
            .themes_of(id)
            .iter()
            .find(|w| crate::model::slugify(w) == slug)
            .inspect(|w| {
                written.get_or_insert_with(|| (*w).clone());
            })
            .is_some()
    };
    let mut regions: Vec<ThemeRegion> = Vec::new();
    let mut count = 0;
    for (region, id) in publications_of(views, &in_group) {
        let mut passages = Vec::new();
        for page_id in std::iter::once(id).chain(views.gathered(id)) {
            if names(page_id) {
                passages.push(passage(views, page_id));
            }
        }
        if passages.is_empty() {
            continue;
        }
        count += passages.len();
        let publication = views.link(id);
        let entry = ThemePublication {
            title: publication.title,
            url: publication.url,
            passages,
        };
        match regions.last_mut() {
            Some(last) if last.url == site.pages[region].output_path() => {
                last.documents.push(entry)
            }
            _ => {
                let r = views.link(region);
                regions.push(ThemeRegion {
                    title: r.title,
                    url: r.url,
                    documents: vec![entry],
                });
            }
        }
    }
    let written = written.unwrap_or_else(|| slug.to_string());
    ThemePage {
        slug: slug.to_string(),
        label: label_of(site, slug, &written),
        count,
        regions,
        part,
    }
}

/// Page `id` as a passage on a theme page.
fn passage(views: &Views<'_>, id: PageId) -> Passage {
    let page = views.facts(id);
    let url = page.output_path();
    let (kind, description, items) = match &*page.meta {
        Meta::Part(m) => {
            let (area_ids, factor_ids) = views.anchors(id);
            let mut items: Vec<Item> = m
                .goal_areas
                .iter()
                .zip(&area_ids)
                .map(|(a, anchor)| Item {
                    title: a.title.clone(),
                    detail: None,
                    url: anchored(url.clone(), anchor),
                })
                .collect();
            items.extend(m.factors.iter().zip(&factor_ids).map(|(f, anchor)| Item {
                title: f.title.clone(),
                detail: None,
                url: anchored(url.clone(), anchor),
            }));
            (m.kind.name(), m.description.clone(), items)
        }
        Meta::Publication(m) => ("publication", m.description.clone(), Vec::new()),
        _ => ("page", None, Vec::new()),
    };
    let summary_html = views.summary(id);
    Passage {
        title: page.title.clone(),
        url,
        kind,
        description: if summary_html.is_some() {
            None
        } else {
            description
        },
        summary_html,
        items,
    }
}

/// The list of theme words.
fn themes(views: &Views<'_>) -> ThemesView {
    let site = views.site;
    // slug -> (word as first written, pages, regions)
    let mut found: BTreeMap<String, (String, usize, Vec<PageId>)> = BTreeMap::new();
    // Thousands of pages name a few dozen words: each spelling slugged once.
    let mut slugs: crate::hash::FxMap<&str, String> = Default::default();
    for (region, id) in publications(views) {
        for page_id in std::iter::once(id).chain(views.gathered(id)) {
            for w in views.themes_of(page_id) {
                let slug = slugs
                    .entry(w.as_str())
                    .or_insert_with(|| crate::model::slugify(w));
                if slug.is_empty() {
                    continue;
                }
                let entry = found
                    .entry(slug.clone())
                    .or_insert_with(|| (w.clone(), 0, Vec::new()));
                entry.1 += 1;
                if !entry.2.contains(&region) {
                    entry.2.push(region);
                }
            }
        }
    }
    let mut words: Vec<ThemeEntry> = found
        .into_iter()
        .map(|(slug, (written, count, regions))| ThemeEntry {
            label: label_of(site, &slug, &written),
            url: theme_url(&slug),
            count,
            regions: regions.len(),
        })
        .collect();
    words.sort_by_cached_key(|w| swedish_key(&w.label));
    ThemesView { words }
}

#[cfg(test)]
mod tests {
    use super::swedish_key;

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() {
        let mut words = vec![
            "Ödmjukhet",
            "ärlighet",
            "Zon",
            "åtgärd",
            "Anhöriga",
            "éclair",
            "eko",
        ];
        words.sort_by_cached_key(|w| swedish_key(w));
        assert_eq!(
            words,
            [
                "Anhöriga",
                "éclair",
                "eko",
                "Zon",
                "åtgärd",
                "ärlighet",
                "Ödmjukhet"
            ]
        );
    }
}
