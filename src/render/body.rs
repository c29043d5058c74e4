//! The Markdown stage: every page's body and the Markdown fields of its
//! front matter to HTML ([`Body`]), in parallel, cached by text and *link
//! world* (what every link can resolve to).

use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::links::PageLinks;
use crate::markdown::{self, Ids, Rendered};
use crate::model::{Meta, PageId, Site};
use crate::progress::{Phase, Progress};
use crate::theme::Theme;

use super::RESERVED_IDS;

/// The HTML of one page's Markdown: the body and the Markdown fields of its
/// front matter.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Body {
    /// The body.
    pub content: Rendered,
    /// `summary`.
    pub summary_html: Option<String>,
    /// `goal_areas[].text`, with the ids of the areas' headings.
    pub goal_areas: Vec<(String, String)>,
    /// `factors[].summary`, with the ids of the factors' headings.
    pub factors: Vec<(String, String)>,
    /// Broken links found on the way.
    #[serde(with = "crate::serial::diagnostics")]
    pub problems: Vec<Diagnostic>,
    /// A hash of all the HTML above.
    pub html_hash: u64,
    /// Every link target its Markdown asked for, with a hash of what it
    /// resolved to: while each still resolves the same way, the body is as
    /// it would be made now (a page added elsewhere changes nothing here).
    pub(crate) links_read: Vec<(LinkRead, u64)>,
    /// The Markdown fields of the front matter (`summary`, `goal_areas`,
    /// `factors`) and what rendering saw in them, for the checks.
    pub fields: Vec<Field>,
    /// What the search index knows of the page (its words and snippet),
    /// made here so that it is cached with the body.
    pub search: crate::index::Words,
    /// A hash of the title its words were made with: a home page without
    /// `title:` is titled by site.yaml, which its text does not show, so a
    /// body is kept only while this is the page's title's.
    pub title_hash: u64,
    /// Whether the blocks of `content` and `fields` are there
    /// ([`crate::markdown::Rendered::blocks`]). [`body_of`] makes them for
    /// the search words and the checks; [`markdown`] drops them once the
    /// page's checks ran, so that the plain text of every page is never in
    /// memory at once, and the cache file does not hold them. The checks of
    /// a body without them (after the check settings changed) make the
    /// body again ([`crate::check::run`]).
    #[serde(skip)]
    pub has_blocks: bool,
}

impl Body {
    /// Drops the blocks (see [`Body::has_blocks`]).
    pub(crate) fn drop_blocks(&mut self) {
        self.content.blocks = Default::default();
        for f in &mut self.fields {
            f.rendered.blocks = Default::default();
        }
        self.has_blocks = false;
    }
}

/// What a page's checks found in its body, made while [`markdown`] has
/// the body with its blocks: [`markdown`] calls it for each body it makes
/// (`None` for a page without checks). [`crate::check`] passes it in, since
/// `render` is below it.
pub(crate) type CheckNow<'a> = dyn Fn(PageId, &Body) -> Found + Sync + 'a;

/// What a page's checks found in a body made now (see [`CheckNow`]).
pub(crate) type Found = Option<Arc<[Diagnostic]>>;

/// The key of a [`Field`] (a name, so that serde does not take the field
/// for text borrowed from the file).
pub(crate) type FieldKey = &'static str;

/// A Markdown field of the front matter.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Field {
    /// Its key: `summary`, `goal_areas` or `factors`.
    #[serde(with = "crate::serial::field_key")]
    pub key: FieldKey,
    /// Its Markdown.
    pub markdown: String,
    /// What rendering saw.
    pub rendered: Rendered,
}

/// Bodies rendered by earlier builds, by content path, kept while the page's
/// text stays the same and every link it has resolves as before.
#[derive(Debug, Default)]
pub(crate) struct MarkdownCache {
    /// Per page: its text, the link world and the settings it was made
    /// with, and the body.
    bodies: crate::hash::FxMap<String, (Arc<str>, u64, u64, Arc<Body>)>,
    /// The last build's link world with the lineage of its site
    /// ([`Site::lineage`]: the same pages at the same addresses, the same
    /// files) and the settings (the theme's words), and its bodies by page.
    last: Option<(u64, u64, u64, Vec<Arc<Body>>)>,
    /// The [`LinkNames`] of each of `last`'s bodies, when made (by the
    /// first build whose parts came or went, then kept up to date).
    names: Vec<LinkNames>,
    /// The [`page_link`] of each page of `last`'s site, when made as
    /// `names` is, and their sum.
    links: (Vec<u64>, u64),
}

/// The last segments of the paths of a body's link targets, joined by `/`
/// (which no segment holds), where [`may_have_moved`] looks for the names
/// of the files that came or went: in one string, so that looking through
/// every body's is a walk through memory, not through each body's links;
/// `None` when a link question of the body may get another answer whatever
/// came or went.
type LinkNames = Option<Box<str>>;

/// The [`LinkNames`] of `body`: `None` when it has a broken link (its hint
/// names the nearest pages) or a link left as text for a space (it names a
/// page of its folder), or a link whose last path segment is not a name
/// (`..`, `./`, nothing) or may be written another way (`%`, not ASCII,
/// `\`).
fn link_names(body: &Body) -> LinkNames {
    if !body.problems.is_empty() {
        return None;
    }
    let mut names = String::new();
    for (read, _) in &body.links_read {
        let LinkRead::Target(dest) = read else {
            return None;
        };
        if !dest.is_ascii() || dest.contains(['%', '\\']) {
            return None;
        }
        let path = dest.split(['#', '?']).next().unwrap_or_default();
        let last = path.rsplit('/').next().unwrap_or_default();
        if matches!(last, "" | "." | "..") {
            return None;
        }
        names.push('/');
        names.push_str(last);
    }
    Some(names.into_boxed_str())
}

impl MarkdownCache {
    /// Every page's body: its content path, the text, link world and
    /// settings it was made with, and the body (for [`crate::persist`]).
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&str, &Arc<str>, u64, u64, &Arc<Body>)> {
        self.bodies
            .iter()
            .map(|(rel, (text, world, settings, body))| {
                (rel.as_str(), text, *world, *settings, body)
            })
    }

    /// Keeps `body` as page `rel`'s, made from `text` under the link world
    /// `world` and the settings `settings` (from [`crate::persist`]).
    pub(crate) fn keep(
        &mut self,
        rel: String,
        text: Arc<str>,
        world: u64,
        settings: u64,
        body: Arc<Body>,
    ) {
        self.bodies.insert(rel, (text, world, settings, body));
    }
}

/// What Markdown rendering takes from the site and the theme: the language
/// (quotes) and the theme's name for a table without one (`table_unnamed`).
pub(crate) fn markdown_settings<'a>(site: &Site, theme: &'a Theme) -> markdown::Settings<'a> {
    markdown::Settings {
        swedish: site.config.language.starts_with("sv"),
        unnamed_table: match theme.strings.get("table_unnamed") {
            Some(crate::theme::Text::One(s)) => s,
            _ => markdown::Settings::UNNAMED_TABLE,
        },
    }
}

/// A hash of what every body is made with besides its text and links.
fn settings_hash(site: &Site, theme: &Theme) -> u64 {
    crate::hash::Combine::default()
        .str(&site.config.language)
        .str(markdown_settings(site, theme).unnamed_table)
        .finish()
}

/// A hash of everything a link can resolve to: every page's content path and
/// address, every file, every draft, every page that could not be read, and
/// the [`markdown_settings`]. Bodies rendered under the same hash link (and
/// read) the same way.
fn link_world(site: &Site, theme: &Theme) -> u64 {
    let pages = site
        .pages
        .iter()
        .fold(0u64, |sum, p| sum.wrapping_add(page_link(p)));
    world_of(site, theme, pages)
}

/// What page `page` is to links: a hash of its content path and address.
/// The pages' part of [`link_world`] is the sum of theirs (their order
/// follows from their content paths), so that a part that comes or goes
/// adds or takes away its own ([`MarkdownCache::links`]).
fn page_link(page: &crate::model::Page) -> u64 {
    crate::hash::Combine::default()
        .str(&page.rel)
        .str(&page.url)
        .finish()
}

/// [`link_world`] of `site`, whose pages' [`page_link`]s sum to `pages`.
fn world_of(site: &Site, theme: &Theme, pages: u64) -> u64 {
    let mut h = crate::hash::Combine::default()
        .str(&site.config.language)
        .str(markdown_settings(site, theme).unnamed_table)
        .u64(pages);
    for (a, out) in &site.assets {
        h = h.str(&a.rel).str(out);
    }
    for d in &site.drafts {
        h = h.str(d);
    }
    // A link to a page that could not be read is not an error of its own.
    let mut unreadable: Vec<&String> = site.unreadable.iter().collect();
    unreadable.sort();
    for u in unreadable {
        h = h.str(u);
    }
    h.finish()
}

/// Renders every page's Markdown, in parallel, reusing what `cache` holds.
/// What it finds wrong (links that lead nowhere...) stays with each body
/// (`Body::problems`) and is reported with the page's checks. Each body
/// made now is checked by `check` before its blocks are dropped
/// ([`Body::has_blocks`]); returns the bodies and, for those made now, what
/// `check` found.
pub(crate) fn markdown(
    site: &Site,
    theme: &Theme,
    cache: &mut MarkdownCache,
    progress: &dyn Progress,
    check: &CheckNow<'_>,
) -> (Vec<Arc<Body>>, Vec<Found>) {
    let settings_now = settings_hash(site, theme);
    let n = site.pages.len();
    // In a site of the last one's lineage, with the same settings, the link
    // world is the same, and so is every body but those of the pages the
    // model put in again.
    let mut last = cache.last.take();
    // Parts came or went: the link world moved by them alone (no other
    // page or file moved), so a body asks its link questions again only
    // when one may name them ([`may_have_moved`]).
    if let Some((lineage, settings, _, bodies)) = &mut last
        && *settings == settings_now
        && let Some(renumbered) = site.renumbered_from(*lineage)
    {
        let came_or_went: Vec<&str> = renumbered
            .gone
            .iter()
            .map(|(_, rel)| rel.as_str())
            .chain(
                renumbered
                    .steps
                    .iter()
                    .filter(|(_, put)| *put)
                    .map(|&(id, _)| site.pages[id].rel.as_str()),
            )
            .collect();
        let stems: Vec<&str> = came_or_went
            .iter()
            .map(|rel| {
                rel.rsplit('/')
                    .next()
                    .unwrap_or(rel)
                    .trim_end_matches(".md")
            })
            .collect();
        let mut names = std::mem::take(&mut cache.names);
        if names.len() == bodies.len() {
            renumbered.apply(&mut names, None);
        } else {
            names = bodies.par_iter().map(|b| link_names(b)).collect();
            renumbered.apply(&mut names, None);
        }
        // The pages' part of the link world: what those taken out added
        // taken away, what those put in add added.
        let (mut links, mut sum) = std::mem::take(&mut cache.links);
        if links.len() != bodies.len() {
            links = Vec::new();
        }
        for &(id, put) in &renumbered.steps {
            if links.is_empty() {
                break;
            } else if put && id <= links.len() {
                links.insert(id, 0);
            } else if !put && id < links.len() {
                sum = sum.wrapping_sub(links.remove(id));
            } else {
                links.clear();
            }
        }
        if links.len() == n {
            // Those put in are 0 (a page's own is 0 once in 2^64).
            for (id, page) in site.pages.iter().enumerate() {
                if links[id] == 0 {
                    links[id] = page_link(page);
                    sum = sum.wrapping_add(links[id]);
                }
            }
        } else {
            links = site.pages.iter().map(page_link).collect();
            sum = links.iter().fold(0u64, |s, l| s.wrapping_add(*l));
        }
        renumbered.apply(bodies, Arc::new(Body::default()));
        if bodies.len() == n {
            let world = world_of(site, theme, sum);
            // (Tests run with debug assertions: the sum kept is the sum.)
            debug_assert_eq!(world, link_world(site, theme));
            let mut again = site.patched.clone();
            again.extend((0..n).filter(|&id| may_have_moved(&names[id], &stems)));
            again.sort_unstable();
            again.dedup();
            let mut bodies = std::mem::take(bodies);
            let founds = remake(
                site,
                theme,
                cache,
                &again,
                &mut bodies,
                (world, settings_now),
                progress,
                check,
            );
            for (_, rel) in &renumbered.gone {
                cache.bodies.remove(rel);
            }
            for &id in &again {
                names[id] = link_names(&bodies[id]);
            }
            cache.names = names;
            cache.links = (links, sum);
            cache.last = Some((site.lineage, settings_now, world, bodies.clone()));
            return (bodies, founds);
        }
    }
    let kept = last.filter(|(lineage, settings, _, last)| {
        *lineage == site.lineage && *settings == settings_now && last.len() == n
    });
    if let Some((lineage, settings, world, mut bodies)) = kept {
        let mut names = std::mem::take(&mut cache.names);
        let founds = remake(
            site,
            theme,
            cache,
            &site.patched,
            &mut bodies,
            (world, settings_now),
            progress,
            check,
        );
        if names.len() == n {
            for &id in &site.patched {
                names[id] = link_names(&bodies[id]);
            }
            cache.names = names;
        }
        cache.last = Some((lineage, settings, world, bodies.clone()));
        return (bodies, founds);
    }
    let links: Vec<u64> = site.pages.iter().map(page_link).collect();
    let sum = links.iter().fold(0u64, |s, l| s.wrapping_add(*l));
    let world = world_of(site, theme, sum);
    cache.links = (links, sum);
    progress.phase(Phase::Markdown, n as u64);
    // Each body, whether its cache entry is as it should stay, and what
    // the checks found in it when it is made now.
    let bodies: Vec<(Arc<Body>, bool, Found)> = (0..n)
        .into_par_iter()
        .map(|id| {
            progress.advance(1);
            body_for(site, theme, cache, id, world, settings_now, check)
        })
        .collect();
    let entry = |id: usize, body: &Arc<Body>| {
        let p = &site.pages[id];
        (p.text.clone(), world, settings_now, body.clone())
    };
    // When the same pages are there (or a few came or went), only the
    // changed entries are set.
    let mut in_place = cache.bodies.len() == n || site.renumbered.is_some();
    if in_place {
        for (id, (body, kept, _)) in bodies.iter().enumerate() {
            if *kept {
                continue;
            }
            let rel = &site.pages[id].rel;
            match cache.bodies.get_mut(rel) {
                Some(e) => *e = entry(id, body),
                None if site.renumbered.is_some() => {
                    cache.bodies.insert(rel.clone(), entry(id, body));
                }
                None => {
                    in_place = false;
                    break;
                }
            }
        }
        if cache.bodies.len() != n {
            cache.bodies.retain(|rel, _| site.by_rel.contains_key(rel));
            in_place = cache.bodies.len() == n;
        }
    }
    if !in_place {
        cache.bodies = bodies
            .iter()
            .enumerate()
            .map(|(id, (b, _, _))| (site.pages[id].rel.clone(), entry(id, b)))
            .collect();
    }
    let (bodies, founds): (Vec<Arc<Body>>, Vec<Found>) =
        bodies.into_iter().map(|(b, _, found)| (b, found)).unzip();
    cache.names.clear();
    cache.last = Some((site.lineage, settings_now, world, bodies.clone()));
    (bodies, founds)
}

/// Makes again the bodies of the pages `ids` in `bodies` (the others kept),
/// under the link world and settings `(world, settings_now)`, and keeps the
/// new ones in `cache`; returns what `check` found, by page.
#[allow(clippy::too_many_arguments)]
fn remake(
    site: &Site,
    theme: &Theme,
    cache: &mut MarkdownCache,
    ids: &[PageId],
    bodies: &mut [Arc<Body>],
    (world, settings_now): (u64, u64),
    progress: &dyn Progress,
    check: &CheckNow<'_>,
) -> Vec<Found> {
    progress.phase(Phase::Markdown, ids.len() as u64);
    let made: Vec<(PageId, Arc<Body>, bool, Found)> = ids
        .par_iter()
        .map(|&id| {
            progress.advance(1);
            let (body, kept, found) = body_for(site, theme, cache, id, world, settings_now, check);
            (id, body, kept, found)
        })
        .collect();
    let mut founds: Vec<Found> = vec![None; bodies.len()];
    for (id, body, kept, found) in made {
        if !kept {
            let p = &site.pages[id];
            let e = (p.text.clone(), world, settings_now, body.clone());
            cache.bodies.insert(p.rel.clone(), e);
        }
        bodies[id] = body;
        founds[id] = found;
    }
    founds
}

/// The body of page `id` under the link world `world` and the settings
/// `settings_now`: the cached one when it is still right; whether its cache
/// entry is as it should stay; and, for a body made now, what `check` found
/// in it (its blocks are dropped after).
fn body_for(
    site: &Site,
    theme: &Theme,
    cache: &MarkdownCache,
    id: PageId,
    world: u64,
    settings_now: u64,
    check: &CheckNow<'_>,
) -> (Arc<Body>, bool, Found) {
    // A body made now: checked, then without its blocks.
    let made = |mut body: Body| {
        let found = check(id, &body);
        body.drop_blocks();
        (Arc::new(body), false, found)
    };
    let page = &site.pages[id];
    match cache.bodies.get(&page.rel) {
        Some((text, w, settings, body))
            if Arc::ptr_eq(text, &page.text)
                && body.title_hash == crate::hash::str(&page.title) =>
        {
            if *w == world {
                return (body.clone(), true, None);
            }
            // Another page moved: most bodies link the same way as
            // before, and keeping them keeps what depends on them
            // (their checks, their pages' outputs).
            if *settings == settings_now && links_same(site, id, body) {
                return (body.clone(), false, None);
            }
            let new = body_of(site, theme, id);
            if new.html_hash == body.html_hash && new.problems == body.problems {
                (body.clone(), false, None)
            } else {
                made(new)
            }
        }
        _ => made(body_of(site, theme, id)),
    }
}

/// Whether a link question of a body whose [`LinkNames`] are `names` may
/// get another answer when pages of the file names `stems` (`ny-del` of
/// `ny-del.md`) came or went, and no other page or file moved: a link
/// resolved before resolves the same unless the last segment of its path
/// names one of them ([`link_names`] says when that is not enough to
/// know).
fn may_have_moved(names: &LinkNames, stems: &[&str]) -> bool {
    names
        .as_deref()
        .is_none_or(|names| stems.iter().any(|s| names.contains(s)))
}

/// A hash of what a link target resolved to.
fn resolution_hash(r: &Result<String, (String, String)>) -> u64 {
    match r {
        Ok(href) => crate::hash::Combine::default().u64(1).str(href).finish(),
        Err((message, hint)) => crate::hash::Combine::default()
            .u64(2)
            .str(message)
            .str(hint)
            .finish(),
    }
}

/// What a body asked of the links of the site.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) enum LinkRead {
    /// Where a link target leads ([`markdown::Resolve::resolve`]).
    Target(String),
    /// The message for a link left as text for a space in its target
    /// ([`markdown::Resolve::spaced`]): what was written, the target, and
    /// whether it is an image.
    Spaced(String, String, bool),
}

impl LinkRead {
    /// A hash of what `links` answers to it.
    fn answer(&self, links: &dyn markdown::Resolve) -> u64 {
        match self {
            LinkRead::Target(dest) => resolution_hash(&links.resolve(dest)),
            LinkRead::Spaced(written, dest, image) => {
                let (message, hint) = links.spaced(written, dest, *image);
                crate::hash::Combine::default()
                    .str(&message)
                    .str(&hint)
                    .finish()
            }
        }
    }
}

/// Resolves links as [`PageLinks`] does, and notes each question and a hash
/// of its answer.
struct Recording<'a> {
    links: PageLinks<'a>,
    read: std::cell::RefCell<Vec<(LinkRead, u64)>>,
}

impl markdown::Resolve for Recording<'_> {
    fn resolve(&self, dest: &str) -> Result<String, (String, String)> {
        let r = self.links.resolve(dest);
        self.read
            .borrow_mut()
            .push((LinkRead::Target(dest.to_string()), resolution_hash(&r)));
        r
    }

    fn spaced(&self, written: &str, dest: &str, image: bool) -> (String, String) {
        let answer = self.links.spaced(written, dest, image);
        let read = LinkRead::Spaced(written.to_string(), dest.to_string(), image);
        let h = crate::hash::Combine::default()
            .str(&answer.0)
            .str(&answer.1)
            .finish();
        self.read.borrow_mut().push((read, h));
        answer
    }
}

/// Whether every link target `body` read still resolves as it did for
/// page `id`.
fn links_same(site: &Site, id: PageId, body: &Body) -> bool {
    let links = PageLinks {
        site,
        page: &site.pages[id],
    };
    body.links_read
        .iter()
        .all(|(read, h)| read.answer(&links) == *h)
}

/// Renders one page's Markdown: its body and the Markdown of its front matter.
pub(crate) fn body_of(site: &Site, theme: &Theme, id: PageId) -> Body {
    let settings = markdown_settings(site, theme);
    {
        {
            let page = &site.pages[id];
            let _working = crate::diagnostic::working_on(&page.path);
            let resolver = Recording {
                links: PageLinks { site, page },
                read: Default::default(),
            };
            let mut ids = Ids::new(RESERVED_IDS);
            let mut problems = crate::diagnostic::Capped::default();
            let mut fields = Vec::new();
            let mut field = |key: &'static str, md: &str, ids: &mut Ids| {
                let r = markdown::render(md, &resolver, ids, &settings);
                let line = page.key_line(key).unwrap_or(1);
                for bad in &r.bad_links {
                    problems.push_with(|| {
                        Diagnostic::error(&page.path, crate::words::w().in_key(&bad.message, key))
                            .at(&page.text, line, 1)
                            .with_hint(bad.hint.clone())
                    });
                }
                let html = r.html.clone();
                fields.push(Field {
                    key,
                    markdown: md.to_string(),
                    rendered: r,
                });
                html
            };
            let summary = match &*page.meta {
                Meta::Home(m) => m.summary.as_deref(),
                Meta::Region(m) => m.summary.as_deref(),
                Meta::Publication(m) => m.summary.as_deref(),
                Meta::Part(m) => m.summary.as_deref(),
            };
            let summary_html = summary.map(|s| field("summary", s, &mut ids));
            let mut goal_areas = Vec::new();
            let mut factors = Vec::new();
            if let Some(part) = page.part() {
                for area in &part.goal_areas {
                    let id = ids.unique(&area.title);
                    goal_areas.push((id, field("goal_areas", &area.text, &mut ids)));
                }
                for factor in &part.factors {
                    let id = ids.unique(&factor.title);
                    factors.push((id, field("factors", &factor.summary, &mut ids)));
                }
            }
            let content = markdown::render(page.body(), &resolver, &mut ids, &settings);
            for bad in &content.bad_links {
                problems.push_with(|| {
                    Diagnostic::error(&page.path, bad.message.clone())
                        .at_offset(&page.text, page.body_offset + bad.offset)
                        .with_hint(bad.hint.clone())
                });
            }
            let problems = problems.finish();
            let mut h = crate::hash::Combine::default()
                .str(&content.html)
                .str(summary_html.as_deref().unwrap_or("\u{0}"));
            for (id, html) in goal_areas.iter().chain(&factors) {
                h = h.str(id).str(html);
            }
            let search = crate::index::words_of(
                page,
                &content,
                &fields
                    .iter()
                    .map(|f| (f.key == "summary", &f.rendered))
                    .collect::<Vec<_>>(),
            );
            Body {
                search,
                has_blocks: true,
                title_hash: crate::hash::str(&page.title),
                html_hash: h.finish(),
                links_read: resolver.read.into_inner(),
                content,
                summary_html,
                goal_areas,
                factors,
                problems,
                fields,
            }
        }
    }
}
