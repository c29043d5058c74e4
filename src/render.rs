//! Pages to HTML: Markdown first (every page, in parallel), then the theme's
//! templates (every page, in parallel) over view structs.
//!
//! Templates get views ([`PageView`], [`SiteView`]), never the model, so the
//! model can change without breaking themes; `themes/default/README.md`
//! documents the views. Each output records the pages it was made from
//! ([`OutFile::sources`]), which is what an incremental rebuild needs to know.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::links::{self, PageLinks};
use crate::markdown::{self, Heading, Ids, Rendered};
use crate::model::{Kind, Meta, Page, PageId, Role, Shift, Site};
use crate::progress::{Phase, Progress};
use crate::theme::Theme;

/// Ids the default theme uses itself; headings never get them.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "innehall",
    "sidhuvud",
    "sidfot",
    "brodsmulor",
];

/// A file the build writes.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The pages whose content it shows, besides the site navigation (the
    /// titles of every region and publication), which every page shows.
    pub sources: Vec<PageId>,
    /// The template it was rendered with.
    pub template: String,
}

/// The HTML of one page's Markdown: the body and the Markdown fields of its
/// front matter.
#[derive(Debug, Default)]
pub struct Body {
    /// The body.
    pub content: Rendered,
    /// `summary`.
    pub summary_html: Option<String>,
    /// `goal_areas[].text`, with the ids of the areas' headings.
    pub goal_areas: Vec<(String, String)>,
    /// `factors[].summary`, with the ids of the factors' headings.
    pub factors: Vec<(String, String)>,
    /// Broken links found on the way.
    pub problems: Vec<Diagnostic>,
    /// A hash of all the HTML above.
    pub html_hash: u64,
    /// The Markdown fields of the front matter (`summary`, `goal_areas`,
    /// `factors`) and what rendering saw in them, for the checks.
    pub fields: Vec<Field>,
}

/// A Markdown field of the front matter.
#[derive(Debug, Clone)]
pub struct Field {
    /// Its key: `summary`, `goal_areas` or `factors`.
    pub key: &'static str,
    /// Its Markdown.
    pub markdown: String,
    /// What rendering saw.
    pub rendered: Rendered,
}

/// Bodies rendered by earlier builds, by content path, kept while the page's
/// text and every page's address stay the same.
#[derive(Debug, Default)]
pub struct MarkdownCache {
    bodies: HashMap<String, (Arc<str>, u64, Arc<Body>)>,
}

impl MarkdownCache {
    /// Keeps the body of the page `rel`, rendered from `text` under the link
    /// world `world`.
    pub fn remember(&mut self, rel: &str, text: Arc<str>, world: u64, body: Arc<Body>) {
        self.bodies.insert(rel.to_string(), (text, world, body));
    }
}

/// What Markdown rendering takes from the site and the theme: the language
/// (quotes) and the theme's name for a table without one (`table_unnamed`).
pub fn markdown_settings<'a>(site: &Site, theme: &'a Theme) -> markdown::Settings<'a> {
    markdown::Settings {
        swedish: site.config.language.starts_with("sv"),
        unnamed_table: match theme.strings.get("table_unnamed") {
            Some(crate::theme::Text::One(s)) => s,
            _ => markdown::Settings::UNNAMED_TABLE,
        },
    }
}

/// A hash of everything a link can resolve to: every page's content path and
/// address, every file, every draft, every page that could not be read, and
/// the [`markdown_settings`]. Bodies rendered under the same hash link (and
/// read) the same way.
pub fn link_world(site: &Site, theme: &Theme) -> u64 {
    let mut h = crate::hash::Combine::default()
        .str(&site.config.language)
        .str(markdown_settings(site, theme).unnamed_table);
    for p in &site.pages {
        h = h.str(&p.rel).str(&p.url);
    }
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
/// (`Body::problems`) and is reported with the page's checks.
pub fn markdown(
    site: &Site,
    theme: &Theme,
    cache: &mut MarkdownCache,
    progress: &dyn Progress,
) -> Vec<Arc<Body>> {
    let world = link_world(site, theme);
    progress.phase(Phase::Markdown, site.pages.len() as u64);
    let bodies: Vec<Arc<Body>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| {
            progress.advance(1);
            let page = &site.pages[id];
            match cache.bodies.get(&page.rel) {
                Some((text, w, body)) if Arc::ptr_eq(text, &page.text) => {
                    if *w == world {
                        return body.clone();
                    }
                    // Another page moved: most bodies link the same way as
                    // before, and keeping them keeps what depends on them
                    // (their checks, their pages' outputs).
                    let new = body_of(site, theme, id);
                    if new.html_hash == body.html_hash && new.problems == body.problems {
                        body.clone()
                    } else {
                        Arc::new(new)
                    }
                }
                _ => Arc::new(body_of(site, theme, id)),
            }
        })
        .collect();
    cache.bodies = site
        .pages
        .iter()
        .zip(&bodies)
        .map(|(p, b)| (p.rel.clone(), (p.text.clone(), world, b.clone())))
        .collect();
    bodies
}

/// Renders one page's Markdown: its body and the Markdown of its front matter.
pub fn body_of(site: &Site, theme: &Theme, id: PageId) -> Body {
    let settings = markdown_settings(site, theme);
    {
        {
            let page = &site.pages[id];
            let _working = crate::diagnostic::working_on(&page.path);
            let resolver = PageLinks { site, page };
            let mut ids = Ids::new(RESERVED_IDS);
            let mut problems = crate::diagnostic::Capped::default();
            let mut fields = Vec::new();
            let mut field = |key: &'static str, md: &str, ids: &mut Ids| {
                let r = markdown::render(md, &resolver, ids, &settings);
                let line = page.key_line(key).unwrap_or(1);
                for bad in &r.bad_links {
                    problems.push_with(|| {
                        Diagnostic::error(&page.path, format!("{} (in `{key}`)", bad.message))
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
            Body {
                html_hash: h.finish(),
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

/// A title and where it is.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    /// Shown text.
    pub title: String,
    /// Path from the site root.
    pub url: String,
}

/// A date for templates.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// For `<time datetime>`.
    pub iso: String,
    /// For people: `16 april 2020`.
    pub text: String,
}

/// A theme word.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    /// Its slug.
    pub slug: String,
    /// Its label.
    pub label: String,
}

/// A part in a publication's list of parts.
#[derive(Debug, Clone, Serialize)]
pub struct PartLink {
    /// Its title.
    pub title: String,
    /// Path from the site root.
    pub url: String,
    /// Its kind.
    pub kind: &'static str,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// The publication a page belongs to.
#[derive(Debug, Clone, Serialize)]
pub struct PublicationView {
    /// Title.
    pub title: String,
    /// Path from the site root.
    pub url: String,
    /// Publisher.
    pub publisher: Option<String>,
    /// Place.
    pub place: Option<String>,
    /// Date.
    pub date: Option<DateView>,
    /// Target year.
    pub horizon: Option<i32>,
    /// Who adopted it.
    pub adopted_by: Option<String>,
    /// Case number.
    pub reference: Option<String>,
    /// Lead paragraph.
    pub summary_html: Option<String>,
    /// Its parts.
    pub parts: Vec<PartLink>,
}

/// A page listed on another page.
#[derive(Debug, Clone, Serialize)]
pub struct ChildView {
    /// Title.
    pub title: String,
    /// Path from the site root.
    pub url: String,
    /// A part's kind, else `null`.
    pub kind: Option<&'static str>,
    /// Meta description.
    pub description: Option<String>,
    /// Lead paragraph.
    pub summary_html: Option<String>,
    /// Date.
    pub date: Option<DateView>,
    /// A publication's publisher.
    pub publisher: Option<String>,
    /// A region's publications (home page only).
    pub publications: Vec<ChildView>,
}

/// A goal area for templates.
#[derive(Debug, Clone, Serialize)]
pub struct GoalAreaView {
    /// Its heading's id.
    pub id: String,
    /// Name.
    pub title: String,
    /// The short "how".
    pub means: Option<String>,
    /// Its text as HTML.
    pub text_html: String,
}

/// A success factor for templates.
#[derive(Debug, Clone, Serialize)]
pub struct FactorView {
    /// Its heading's id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Its text as HTML.
    pub summary_html: String,
}

/// A region's own facts, on its page.
#[derive(Debug, Clone, Serialize)]
pub struct RegionInfo {
    /// Organisations.
    pub organisations: Vec<String>,
    /// Logo, path from the site root.
    pub logo: Option<String>,
    /// The logo's alternative text.
    pub logo_alt: Option<String>,
    /// Contact.
    pub contact: Option<crate::model::Contact>,
}

/// A page for templates. Every field is always there; what does not apply is
/// `null` or empty.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// home, region, publication, part, not-found.
    pub role: &'static str,
    /// A part's kind; `page` otherwise.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// Lead paragraph.
    pub summary_html: Option<String>,
    /// Path from the site root.
    pub url: String,
    /// The body as HTML.
    pub content: String,
    /// The body's h2 and h3 headings.
    pub toc: Vec<Heading>,
    /// Date.
    pub date: Option<DateView>,
    /// Theme words.
    pub themes: Vec<ThemeView>,
    /// From the home page down to the parent.
    pub breadcrumbs: Vec<Link>,
    /// The region.
    pub region: Option<Link>,
    /// The publication.
    pub publication: Option<PublicationView>,
    /// The previous page in the publication.
    pub prev: Option<Link>,
    /// The next page in the publication.
    pub next: Option<Link>,
    /// Pages listed here.
    pub children: Vec<ChildView>,
    /// The vision sentence.
    pub vision: Option<String>,
    /// The target year.
    pub horizon: Option<i32>,
    /// Goal areas.
    pub goal_areas: Vec<GoalAreaView>,
    /// Success factors.
    pub factors: Vec<FactorView>,
    /// Perspective shifts.
    pub shifts: Vec<Shift>,
    /// A region's facts.
    pub region_info: Option<RegionInfo>,
    /// The language of the page's content when its front matter (or a
    /// parent's) sets `lang`, e.g. `en`; `null` for the site's language.
    pub lang: Option<String>,
    /// Publication landing pages: where its print page (and PDF) are; else `null`.
    pub print: Option<PrintLink>,
}

/// A publication's print page and PDF, for a link on its landing page.
#[derive(Debug, Clone, Serialize)]
pub struct PrintLink {
    /// The print page, path from the site root.
    pub url: String,
    /// The PDF, only when this build made it.
    pub pdf: Option<PdfLink>,
}

/// A PDF that the build made.
#[derive(Debug, Clone, Serialize)]
pub struct PdfLink {
    /// Path from the site root.
    pub url: String,
    /// Its size for people, e.g. `412 kB`.
    pub size: String,
}

/// The site for templates.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Publisher of the site.
    pub organisation: Option<crate::config::Organisation>,
    /// Regions and their publications, for navigation.
    pub regions: Vec<RegionNav>,
    /// The accessibility statement, for the footer; `null` when the theme
    /// has no `accessibility.html`.
    pub statement: Option<Link>,
}

/// A region in the site navigation.
#[derive(Debug, Clone, Serialize)]
pub struct RegionNav {
    /// Title.
    pub title: String,
    /// Path from the site root.
    pub url: String,
    /// Its publications.
    pub publications: Vec<Link>,
}

/// Builds the views of pages; shared with the print stage (`crate::print`).
pub(crate) struct Views<'a> {
    pub(crate) site: &'a Site,
    pub(crate) bodies: &'a [Arc<Body>],
    pub(crate) theme: &'a Theme,
    /// The PDFs made so far, by publication.
    pub(crate) pdfs: &'a BTreeMap<PageId, PdfLink>,
}

impl Views<'_> {
    pub(crate) fn link(&self, id: PageId) -> Link {
        let p = &self.site.pages[id];
        Link {
            title: p.title.clone(),
            url: p.output_path(),
        }
    }

    fn date(&self, id: PageId) -> Option<DateView> {
        self.site.pages[id].date.map(|d| DateView {
            iso: d.iso(),
            text: d.text(&self.theme.months),
        })
    }

    fn description(&self, id: PageId) -> Option<String> {
        match &*self.site.pages[id].meta {
            Meta::Home(m) => m
                .description
                .clone()
                .or_else(|| self.site.config.description.clone()),
            Meta::Region(m) => m.description.clone(),
            Meta::Publication(m) => m.description.clone(),
            Meta::Part(m) => m.description.clone(),
        }
    }

    fn themes(&self, words: &[String]) -> Vec<ThemeView> {
        words
            .iter()
            .map(|w| {
                let slug = crate::model::slugify(w);
                let label = self
                    .site
                    .config
                    .themes
                    .get(&slug)
                    .cloned()
                    .unwrap_or_else(|| w.clone());
                ThemeView { slug, label }
            })
            .collect()
    }

    fn child(&self, id: PageId, with_publications: bool) -> ChildView {
        let p = &self.site.pages[id];
        ChildView {
            title: p.title.clone(),
            url: p.output_path(),
            kind: p.part().map(|m| m.kind.name()),
            description: self.description(id),
            summary_html: self.bodies[id].summary_html.clone(),
            date: self.date(id),
            publisher: match &*p.meta {
                Meta::Publication(m) => m.publisher.clone(),
                _ => None,
            },
            publications: if with_publications {
                p.children
                    .iter()
                    .filter(|&&c| self.site.pages[c].role == Role::Publication)
                    .map(|&c| self.child(c, false))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    fn publication(&self, id: PageId, current: PageId) -> PublicationView {
        let p = &self.site.pages[id];
        let Meta::Publication(m) = &*p.meta else {
            unreachable!("nearest(Role::Publication) is a publication")
        };
        PublicationView {
            title: p.title.clone(),
            url: p.output_path(),
            publisher: m.publisher.clone(),
            place: m.place.clone(),
            date: self.date(id),
            horizon: m.horizon,
            adopted_by: m.adopted_by.clone(),
            reference: m.reference.clone(),
            summary_html: self.bodies[id].summary_html.clone(),
            parts: p
                .children
                .iter()
                .map(|&c| {
                    let part = &self.site.pages[c];
                    PartLink {
                        title: part.title.clone(),
                        url: part.output_path(),
                        kind: part.part().map_or("page", |m| m.kind.name()),
                        current: c == current,
                    }
                })
                .collect(),
        }
    }

    pub(crate) fn page(&self, id: PageId) -> PageView {
        let site = self.site;
        let page = &site.pages[id];
        let body = &self.bodies[id];
        let mut breadcrumbs: Vec<Link> = site.ancestors(id).map(|a| self.link(a)).collect();
        breadcrumbs.reverse();
        let publication = site.nearest(id, Role::Publication);
        // Neighbours: the landing page leads to the first part; parts to each other.
        let (prev, next) = match (page.role, publication) {
            (Role::Publication, _) => (None, page.children.first().map(|&c| self.link(c))),
            (Role::Part, Some(pubid)) => {
                let siblings = &site.pages[pubid].children;
                let i = siblings.iter().position(|&c| c == id).unwrap_or(0);
                let prev = if i == 0 { pubid } else { siblings[i - 1] };
                (
                    Some(self.link(prev)),
                    siblings.get(i + 1).map(|&c| self.link(c)),
                )
            }
            _ => (None, None),
        };
        let children = match page.role {
            Role::Home => page
                .children
                .iter()
                .filter(|&&c| site.pages[c].role == Role::Region)
                .map(|&c| self.child(c, true))
                .collect(),
            Role::Part => Vec::new(),
            _ => page
                .children
                .iter()
                .map(|&c| self.child(c, false))
                .collect(),
        };
        let part = page.part();
        let themes = match &*page.meta {
            Meta::Publication(m) => self.themes(&m.themes),
            Meta::Part(m) => self.themes(&m.themes),
            _ => Vec::new(),
        };
        let region_info = match &*page.meta {
            Meta::Region(m) => Some(RegionInfo {
                organisations: m.organisations.clone(),
                logo: region_logo(site, id),
                logo_alt: m.logo_alt.clone(),
                contact: m.contact.clone(),
            }),
            _ => None,
        };
        PageView {
            role: page.role.name(),
            kind: part.map_or(Kind::Page, |m| m.kind).name(),
            title: page.title.clone(),
            description: self.description(id),
            summary_html: body.summary_html.clone(),
            url: page.output_path(),
            content: body.content.html.clone(),
            toc: body
                .content
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .cloned()
                .collect(),
            date: self.date(id),
            themes,
            breadcrumbs,
            region: site.nearest(id, Role::Region).map(|r| self.link(r)),
            publication: publication.map(|p| self.publication(p, id)),
            prev,
            next,
            children,
            vision: part.and_then(|m| m.vision.clone()),
            horizon: part.and_then(|m| m.horizon),
            goal_areas: part
                .map(|m| {
                    m.goal_areas
                        .iter()
                        .zip(&body.goal_areas)
                        .map(|(a, (id, html))| GoalAreaView {
                            id: id.clone(),
                            title: a.title.clone(),
                            means: a.means.clone(),
                            text_html: html.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            factors: part
                .map(|m| {
                    m.factors
                        .iter()
                        .zip(&body.factors)
                        .map(|(f, (id, html))| FactorView {
                            id: id.clone(),
                            title: f.title.clone(),
                            summary_html: html.clone(),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            shifts: part.map(|m| m.shifts.clone()).unwrap_or_default(),
            region_info,
            lang: std::iter::once(id)
                .chain(site.ancestors(id))
                .find_map(|a| match &*site.pages[a].meta {
                    Meta::Region(m) => m.lang.clone(),
                    Meta::Publication(m) => m.lang.clone(),
                    Meta::Part(m) => m.lang.clone(),
                    Meta::Home(_) => None,
                })
                .filter(|l| *l != site.config.language),
            print: (page.role == Role::Publication && crate::print::enabled(self.theme)).then(
                || PrintLink {
                    url: crate::print::output_path(site, id),
                    pdf: self.pdfs.get(&id).cloned(),
                },
            ),
        }
    }

    pub(crate) fn site(&self) -> SiteView {
        let site = self.site;
        SiteView {
            title: site.config.title.clone(),
            description: site.config.description.clone(),
            organisation: site.config.organisation.clone(),
            regions: site.pages[Site::HOME]
                .children
                .iter()
                .filter(|&&r| site.pages[r].role == Role::Region)
                .map(|&r| RegionNav {
                    title: site.pages[r].title.clone(),
                    url: site.pages[r].output_path(),
                    publications: site.pages[r]
                        .children
                        .iter()
                        .filter(|&&p| site.pages[p].role == Role::Publication)
                        .map(|&p| self.link(p))
                        .collect(),
                })
                .collect(),
            statement: self.theme.has(crate::statement::TEMPLATE).then(|| Link {
                title: match self.theme.strings.get("statement_title") {
                    Some(crate::theme::Text::One(t)) => t.clone(),
                    _ => "Tillgänglighetsredogörelse".into(),
                },
                url: crate::statement::URL.into(),
            }),
        }
    }

    /// The pages whose titles, dates or summaries the page `id` shows.
    fn sources(&self, id: PageId) -> Vec<PageId> {
        sources(self.site, id)
    }
}

/// The pages whose titles, dates or summaries the page `id` shows: itself,
/// its ancestors, its siblings, its children and grandchildren.
pub fn sources(site: &Site, id: PageId) -> Vec<PageId> {
    {
        let mut s: Vec<PageId> = vec![id];
        s.extend(site.ancestors(id));
        if let Some(parent) = site.pages[id].parent {
            s.extend(&site.pages[parent].children);
        }
        for &c in &site.pages[id].children {
            s.push(c);
            s.extend(&site.pages[c].children);
        }
        s.sort_unstable();
        s.dedup();
        s
    }
}

/// Which template renders page `id`.
pub fn template_for(site: &Site, theme: &Theme, id: PageId) -> Result<String, Diagnostic> {
    let page = &site.pages[id];
    if let Some(name) = page.template() {
        if theme.has(name) {
            return Ok(name.to_string());
        }
        let line = page.key_line("template").unwrap_or(1);
        return Err(
            Diagnostic::error(&page.path, format!("the template `{name}` does not exist"))
                .at(&page.text, line, 1)
                .with_hint(format!(
                    "the templates of the theme are: {}",
                    theme
                        .template_names()
                        .filter(|n| !n.contains('/'))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
        );
    }
    let wanted = match page.role {
        Role::Home => "home.html",
        Role::Region => "region.html",
        Role::Publication => "publication.html",
        Role::Part => match page.part().map(|m| m.kind) {
            Some(Kind::GoalPicture) => "goal-picture.html",
            Some(Kind::SuccessFactors) => "success-factors.html",
            Some(Kind::Background) => "background.html",
            _ => "page.html",
        },
    };
    for name in [wanted, "page.html"] {
        if theme.has(name) {
            return Ok(name.to_string());
        }
    }
    Err(Diagnostic::error(
        PathBuf::from("themes")
            .join(&theme.chain[0])
            .join("templates"),
        format!("the theme has neither `{wanted}` nor `page.html`"),
    )
    .with_hint("add templates/page.html to the theme; every page falls back to it"))
}

/// The context every template receives (`site`, `lang`, `t`), for outputs
/// rendered outside this module.
pub fn base_context(site: &Site, bodies: &[Arc<Body>], theme: &Theme) -> tera::Context {
    basis(site, bodies, theme).base
}

/// The view of page `id`, for outputs rendered outside this module.
pub fn page_view(site: &Site, bodies: &[Arc<Body>], theme: &Theme, id: PageId) -> PageView {
    Views {
        site,
        bodies,
        theme,
        pdfs: &BTreeMap::new(),
    }
    .page(id)
}

/// Renders the pages `ids` again, in full, now that the PDFs `pdfs` exist
/// (their landing pages link them).
pub fn rerender(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    ids: &[PageId],
    pdfs: &BTreeMap<PageId, PdfLink>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OutFile> {
    let views = Views {
        site,
        bodies,
        theme,
        pdfs,
    };
    let base = views.base_context();
    let mut out = Vec::new();
    for &id in ids {
        let page = &site.pages[id];
        let rendered = template_for(site, theme, id).and_then(|template| {
            let mut context = base.clone();
            context.insert("root", &links::root_prefix(&page.url));
            context.insert("page", &views.page(id));
            theme
                .tera
                .render(&template, &context)
                .map(|html| OutFile {
                    path: page.output_path(),
                    bytes: html.into_bytes(),
                    sources: views.sources(id),
                    template,
                })
                .map_err(|e| theme.explain(&e, Some(&page.path)))
        });
        match rendered {
            Ok(f) => out.push(f),
            Err(d) => diagnostics.push(d),
        }
    }
    out
}

impl Views<'_> {
    /// `site`, `lang` and `t`.
    pub(crate) fn base_context(&self) -> tera::Context {
        let mut base = tera::Context::new();
        base.insert("site", &self.site());
        base.insert("lang", &self.site.config.language);
        base.insert("t", &self.theme.strings);
        base.insert("inline_css", &None::<()>);
        base
    }
}

/// Output fingerprints of the previous build, by output path.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// Set by the caller once the outputs are written, never before.
    pub fingerprints: HashMap<String, u64>,
}

/// What [`pages`] rendered.
#[derive(Debug, Default)]
pub struct Pages {
    /// The outputs that had to be rendered (all of them on a first build).
    pub files: Vec<OutFile>,
    /// Every output path of the site, rendered now or before.
    pub all: Vec<String>,
    /// The fingerprint of every output; becomes the [`RenderCache`] once the
    /// outputs are written.
    pub fingerprints: HashMap<String, u64>,
}

/// What every page's rendering shares: the site view in a template context,
/// and the hashes that make up output fingerprints.
#[derive(Debug)]
pub struct Basis {
    /// A hash of the site's settings, navigation and link targets.
    pub site_hash: u64,
    /// Per page: a hash of what other pages show of it.
    pub facts: Vec<u64>,
    /// `site`, `lang` and `t` for templates.
    pub base: tera::Context,
}

/// The address of the logo of region `id`, when it has one.
fn region_logo(site: &Site, id: PageId) -> Option<String> {
    let page = &site.pages[id];
    let Meta::Region(m) = &*page.meta else {
        return None;
    };
    let logo = m.logo.as_ref()?;
    let folder = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
    Some(
        site.asset_by_rel
            .get(&format!("{folder}/{logo}"))
            .cloned()
            .unwrap_or_else(|| format!("{}{logo}", page.url)),
    )
}

/// A hash of what other pages show of `page`: its front matter, its address
/// and its summary.
pub fn fact(page: &Page, body: &Body) -> u64 {
    crate::hash::Combine::default()
        .u64(page.front_hash)
        .str(&page.url)
        .str(body.summary_html.as_deref().unwrap_or_default())
        .finish()
}

/// The pages whose output may show the front matter of page `id` (which
/// has no children): itself, its siblings, its parent and grandparent (see
/// `Views::sources`).
pub fn shown_by(site: &Site, id: PageId) -> Vec<PageId> {
    let mut out = vec![id];
    if let Some(parent) = site.pages[id].parent {
        out.extend(&site.pages[parent].children);
        out.push(parent);
        out.extend(site.pages[parent].parent);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Computes the [`Basis`] of a build.
pub fn basis(site: &Site, bodies: &[Arc<Body>], theme: &Theme) -> Basis {
    let no_pdfs = BTreeMap::new();
    let views = Views {
        site,
        bodies,
        theme,
        pdfs: &no_pdfs,
    };
    let site_view = views.site();
    let site_hash = crate::hash::Combine::default()
        .str(&format!("{:?}", site.config))
        .str(&format!("{site_view:?}"))
        .finish();
    let facts: Vec<u64> = site
        .pages
        .iter()
        .zip(bodies)
        .map(|(p, b)| fact(p, b))
        .collect();
    let mut base = tera::Context::new();
    base.insert("site", &site_view);
    base.insert("lang", &site.config.language);
    base.insert("t", &theme.strings);
    base.insert("inline_css", &None::<()>);
    Basis {
        site_hash,
        facts,
        base,
    }
}

/// Renders every page (or only the pages `only`), and the 404 page, through
/// the theme, in parallel.
/// A page whose inputs (its text, the facts of the pages it shows, its
/// template, the site) hash the same as in `cache` is not rendered again.
#[expect(
    clippy::too_many_arguments,
    reason = "one step of the pipeline: its inputs, where the diagnostics go and who hears how far it is"
)]
pub fn pages(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    basis: &Basis,
    cache: &RenderCache,
    only: Option<&[PageId]>,
    diagnostics: &mut Vec<Diagnostic>,
    progress: &dyn Progress,
) -> Pages {
    let no_pdfs = BTreeMap::new();
    let views = Views {
        site,
        bodies,
        theme,
        pdfs: &no_pdfs,
    };
    let Basis {
        site_hash,
        facts,
        base,
    } = basis;
    let site_hash = *site_hash;
    let ids: Vec<PageId> = match only {
        Some(ids) => ids.to_vec(),
        None => (0..site.pages.len()).collect(),
    };
    /// An output path, its fingerprint, and the file when it was rendered.
    type Rendered = (String, u64, Option<OutFile>);
    progress.phase(Phase::Pages, ids.len() as u64);
    let results: Vec<Result<Rendered, Diagnostic>> = ids
        .into_par_iter()
        .map(|id| {
            progress.advance(1);
            let page = &site.pages[id];
            let _working = crate::diagnostic::working_on(&page.path);
            let template = template_for(site, theme, id)?;
            let sources = views.sources(id);
            let mut h = crate::hash::Combine::default()
                .u64(site_hash)
                .u64(theme.fingerprint(&template))
                .str(&template)
                .u64(page.text_hash)
                .u64(bodies[id].html_hash)
                // Where its logo file went (a region's page shows it).
                .str(region_logo(site, id).as_deref().unwrap_or_default());
            for &s in &sources {
                h = h.u64(facts[s]);
            }
            let fingerprint = h.finish();
            let path = page.output_path();
            if cache.fingerprints.get(&path) == Some(&fingerprint) {
                return Ok((path, fingerprint, None));
            }
            let mut context = base.clone();
            context.insert("root", &links::root_prefix(&page.url));
            context.insert("page", &views.page(id));
            let html = theme
                .tera
                .render(&template, &context)
                .map_err(|e| theme.explain(&e, Some(&page.path)))?;
            let file = OutFile {
                path: path.clone(),
                bytes: html.into_bytes(),
                sources,
                template,
            };
            Ok((path, fingerprint, Some(file)))
        })
        .collect();
    let mut out = Pages::default();
    let mut fingerprints = HashMap::with_capacity(results.len() + 1);
    // A template error repeats on every page that uses the template: say it once.
    let mut template_errors: Vec<(Diagnostic, usize)> = Vec::new();
    for r in results {
        match r {
            Ok((path, fingerprint, file)) => {
                fingerprints.insert(path.clone(), fingerprint);
                out.all.push(path);
                out.files.extend(file);
            }
            Err(d) if d.path.starts_with("content") => diagnostics.push(d),
            Err(d) => match template_errors
                .iter_mut()
                .find(|(e, _)| (&e.path, e.line, e.column) == (&d.path, d.line, d.column))
            {
                Some((_, n)) => *n += 1,
                None => template_errors.push((d, 0)),
            },
        }
    }
    for (mut d, others) in template_errors {
        if others > 0
            && let Some(i) = d.message.rfind(')')
        {
            d.message.insert_str(i, &format!(" and {others} more"));
        }
        diagnostics.push(d);
    }
    if only.is_none() && theme.has("404.html") {
        let fingerprint = crate::hash::Combine::default()
            .u64(site_hash)
            .u64(theme.fingerprint("404.html"))
            .u64(theme.stylesheets_hash())
            .u64(facts[Site::HOME])
            .finish();
        fingerprints.insert("404.html".into(), fingerprint);
        out.all.push("404.html".into());
        if cache.fingerprints.get("404.html") != Some(&fingerprint) {
            match not_found(site, &views, base) {
                Ok(f) => out.files.push(f),
                Err(e) => diagnostics.push(theme.explain(&e, None)),
            }
        }
    }
    out.fingerprints = fingerprints;
    out
}

/// The 404 page is served at any address, so it carries its stylesheets
/// inline (`inline_css`), and its links start from the path of the site's
/// base URL (or `/` when `base_url` is not set). In a browser, its script
/// finds where the site really is (see `404.html`) and corrects the links,
/// so it works at a domain root, under any sub-path and in the preview.
fn not_found(site: &Site, views: &Views<'_>, base: &tera::Context) -> Result<OutFile, tera::Error> {
    let strings = &views.theme.strings;
    let title = match strings.get("not_found_title") {
        Some(crate::theme::Text::One(t)) => t.clone(),
        _ => "404".into(),
    };
    let mut view = views.page(Site::HOME);
    view.role = "not-found";
    view.title = title;
    view.description = None;
    view.summary_html = None;
    view.content = String::new();
    view.toc.clear();
    view.children.clear();
    view.breadcrumbs = vec![views.link(Site::HOME)];
    view.url = "404.html".into();
    view.date = None;
    let root = match &site.config.base_url {
        Some(url) => {
            let path = url.split_once("://").map_or(url.as_str(), |(_, rest)| {
                rest.find('/').map_or("/", |i| &rest[i..])
            });
            format!("{}/", path.trim_end_matches('/'))
        }
        None => "/".into(),
    };
    let mut context = base.clone();
    context.insert("root", &root);
    context.insert("page", &view);
    context.insert("inline_css", &views.theme.stylesheets);
    let html = views.theme.tera.render("404.html", &context)?;
    Ok(OutFile {
        path: "404.html".into(),
        bytes: html.into_bytes(),
        sources: vec![Site::HOME],
        template: "404.html".into(),
    })
}
