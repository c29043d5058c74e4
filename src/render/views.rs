//! The view structs templates get ([`PageView`], [`SiteView`]...), never the
//! model, so the model can change without breaking themes
//! (`themes/default/README.md` documents them), and [`Views`], which makes
//! them and notes in a [`Reads`] every fact of a page it hands over.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::Heading;
use crate::model::{Kind, Meta, PageId, Role, Shift, Site};
use crate::theme::{Texts, Theme};

use super::reads::{Aspect, Reads};
use super::{Body, addresses, social};

/// A title and where it is.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    /// Shown text.
    pub title: String,
    /// Path from the site root.
    pub url: String,
}

/// A date for templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DateView {
    /// For `<time datetime>`.
    pub iso: String,
    /// For people: `16 april 2020`.
    pub text: String,
}

/// A theme word.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ThemeView {
    /// Its slug.
    pub slug: String,
    /// Its label.
    pub label: String,
    /// Its page (`teman/<slug>/index.html`), when the theme has theme pages.
    pub url: Option<String>,
}

/// A part in a publication's list of parts.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartLink {
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
pub(crate) struct PublicationView {
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
pub(crate) struct ChildView {
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
pub(crate) struct GoalAreaView {
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
pub(crate) struct FactorView {
    /// Its heading's id.
    pub id: String,
    /// Name.
    pub title: String,
    /// Its text as HTML.
    pub summary_html: String,
}

/// A region's own facts, on its page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RegionInfo {
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
pub(crate) struct PageView<'a> {
    /// home, region, publication, part, not-found.
    pub role: &'static str,
    /// A part's kind; `page` otherwise.
    pub kind: &'static str,
    /// Title.
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// Lead paragraph (borrowed from the body, as the body's HTML).
    pub summary_html: Option<&'a str>,
    /// Path from the site root.
    pub url: String,
    /// The body as HTML, borrowed from the rendered body: not copied for
    /// each output that shows it.
    pub content: &'a str,
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
    /// parent's) sets `lang`, e.g. `de`, and the theme has no UI texts in
    /// it (for `<main lang>`); `null` for the site's language and for a
    /// language the theme has texts in (the whole page, `<html lang>` and
    /// its UI, is then in that language).
    pub lang: Option<String>,
    /// What the page says about itself in `<head>`: OpenGraph, JSON-LD.
    pub social: social::SocialView,
    /// Publication landing pages: where its print page (and PDF) are; else `null`.
    pub print: Option<PrintLink>,
    /// Publication landing pages: its place on the comparison page
    /// (`jamfor/index.html#...`), when the theme has one; else `null`.
    pub compare: Option<String>,
}

/// A publication's print page and PDF, for a link on its landing page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintLink {
    /// The print page, path from the site root.
    pub url: String,
    /// The PDF, only when this build made it.
    pub pdf: Option<PdfLink>,
}

/// A PDF that the build made.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PdfLink {
    /// Path from the site root.
    pub url: String,
    /// Its size for people, e.g. `412 kB`.
    pub size: String,
}

/// The site for templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SiteView {
    /// Title.
    pub title: String,
    /// Description.
    pub description: Option<String>,
    /// Publisher of the site.
    pub organisation: Option<crate::config::Organisation>,
    /// Regions and their publications, for navigation. A template that
    /// names it may show every region's title, and is made again when one
    /// changes; the template function `regions()` gives the same list and
    /// makes only the outputs that call it depend on the titles.
    pub regions: Vec<RegionNav>,
    /// How many regions `regions` has (the default theme lists them in its
    /// header only when they are few).
    pub region_count: usize,
    /// The accessibility statement, for the footer; `null` when the theme
    /// has no `accessibility.html`.
    pub statement: Option<Link>,
    /// The comparison of the publications (`jamfor/`); `null` when the
    /// theme has no `compare.html`.
    pub compare: Option<Link>,
    /// The list of theme words (`teman/`); `null` when the theme has no
    /// theme pages.
    pub themes: Option<Link>,
    /// The Atom feed of publications (`feed.xml`), its title the site's.
    pub feed: Link,
    /// The search page (`sok/index.html`, which lists every page A–Ö);
    /// `null` when the theme has no `search.html`.
    pub search: Option<Link>,
}

/// A region in the site navigation.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RegionNav {
    /// Title.
    pub title: String,
    /// Path from the site root.
    pub url: String,
    /// Its publications.
    pub publications: Vec<Link>,
}

/// Builds the views of pages; shared with the print stage.
///
/// Every fact of a page that a view shows is read through one of the
/// accessors below ([`Views::facts`], [`Views::body`], [`Views::children`],
/// [`Views::parent`], [`Views::logo`]), which note it in `reads`: that list,
/// and nothing written by hand, is what decides whether an output must be
/// made again (see [`super::reads`]).
pub(crate) struct Views<'a> {
    pub(crate) site: &'a Site,
    bodies: &'a [std::sync::Arc<Body>],
    pub(crate) theme: &'a Theme,
    /// The PDFs made so far, by publication.
    pdfs: &'a BTreeMap<PageId, PdfLink>,
    /// What the output being made has read.
    reads: &'a Reads,
}

impl<'a> Views<'a> {
    /// Views of `site` for one output, noting what they show in `reads`.
    pub(crate) fn new(
        site: &'a Site,
        bodies: &'a [std::sync::Arc<Body>],
        theme: &'a Theme,
        pdfs: &'a BTreeMap<PageId, PdfLink>,
        reads: &'a Reads,
    ) -> Self {
        Views {
            site,
            bodies,
            theme,
            pdfs,
            reads,
        }
    }

    /// Page `id`'s front matter, title, date, address and summary.
    pub(crate) fn facts(&self, id: PageId) -> &'a crate::model::Page {
        self.reads.note(id, Aspect::Facts);
        &self.site.pages[id]
    }

    /// Page `id`'s rendered Markdown (its body, headings, goal areas...).
    pub(crate) fn body(&self, id: PageId) -> &'a Body {
        self.reads.note(id, Aspect::Body);
        &self.bodies[id]
    }

    /// The pages below page `id`, in order.
    pub(crate) fn children(&self, id: PageId) -> &'a [PageId] {
        self.reads.note(id, Aspect::Children);
        &self.site.pages[id].children
    }

    /// The pages below page `id` that the pages across regions show
    /// ([`super::addresses::across::gathered`]), in order: reads which they are, their
    /// theme words and whether the comparison shows them
    /// ([`Aspect::Gathered`]), not its other children.
    pub(crate) fn gathered(&self, id: PageId) -> impl Iterator<Item = PageId> + 'a {
        self.reads.note(id, Aspect::Gathered);
        let site = self.site;
        site.pages[id]
            .children
            .iter()
            .copied()
            .filter(move |&c| super::addresses::across::gathered(&site.pages[c]))
    }

    /// The page above page `id`.
    pub(crate) fn parent(&self, id: PageId) -> Option<PageId> {
        self.reads.note(id, Aspect::Parent);
        self.site.pages[id].parent
    }

    /// The pages from `id` up to the home page, nearest first.
    fn ancestors(&self, id: PageId) -> Vec<PageId> {
        std::iter::successors(self.parent(id), |&p| self.parent(p)).collect()
    }

    /// The nearest page with `role`, `id` itself included.
    pub(crate) fn nearest(&self, id: PageId, role: Role) -> Option<PageId> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find(|&p| self.site.pages[p].role == role)
    }

    /// The theme words of page `id` (and nothing else of its facts).
    pub(crate) fn themes_of(&self, id: PageId) -> &'a [String] {
        self.reads.note(id, Aspect::Themes);
        self.site.pages[id].meta.themes()
    }

    /// The ids of page `id`'s goal areas' and success factors' headings,
    /// in order (and nothing else of its body).
    pub(crate) fn anchors(&self, id: PageId) -> (Vec<&'a str>, Vec<&'a str>) {
        self.reads.note(id, Aspect::Anchors);
        let body = &self.bodies[id];
        (
            body.goal_areas.iter().map(|(a, _)| a.as_str()).collect(),
            body.factors.iter().map(|(a, _)| a.as_str()).collect(),
        )
    }

    /// Where page `id` is, from the site root (`.../index.html`), and
    /// nothing else of its facts.
    pub(crate) fn address(&self, id: PageId) -> String {
        self.reads.note(id, Aspect::Address);
        self.site.pages[id].output_path()
    }

    /// Page `id`'s title and address (and nothing else of its facts).
    pub(crate) fn title(&self, id: PageId) -> Link {
        self.reads.note(id, Aspect::Title);
        let p = &self.site.pages[id];
        Link {
            title: p.title.clone(),
            url: p.output_path(),
        }
    }

    /// Notes that the output reads which pages and shards the search index
    /// has ([`Aspect::Index`]).
    pub(crate) fn index(&self) {
        self.reads.note(crate::model::Site::HOME, Aspect::Index);
    }

    /// Notes that the output reads shard `key` of the search index: every
    /// stem in it, with the pages it is on ([`Aspect::Shard`]).
    pub(crate) fn shard(&self, key: &str) {
        self.reads.note(
            crate::model::Site::HOME,
            Aspect::Shard(crate::index::shard_number(key)),
        );
    }

    /// Notes that the output reads the letters of the split A–Ö list and
    /// how many pages it holds ([`Aspect::Letters`]).
    pub(crate) fn letters(&self) {
        self.reads.note(crate::model::Site::HOME, Aspect::Letters);
    }

    /// Notes that the output reads the part of the split A–Ö list whose
    /// [`crate::index::list_key`] is `key` ([`Aspect::List`]).
    pub(crate) fn list(&self, key: u32) {
        self.reads.note(crate::model::Site::HOME, Aspect::List(key));
    }

    /// Notes that the output reads the cards of card file `n` of the search
    /// index ([`Aspect::Chunk`]).
    pub(crate) fn chunk(&self, n: usize) {
        self.reads
            .note(crate::model::Site::HOME, Aspect::Chunk(n as u32));
    }

    /// Page `id`'s summary as HTML (one of its facts).
    pub(crate) fn summary(&self, id: PageId) -> Option<String> {
        self.summary_html(id)
    }

    /// Where the logo of region `id` is.
    fn logo(&self, id: PageId) -> Option<String> {
        self.reads.note(id, Aspect::Logo);
        super::region_logo(self.site, id)
    }

    pub(crate) fn link(&self, id: PageId) -> Link {
        let p = self.facts(id);
        Link {
            title: p.title.clone(),
            url: p.output_path(),
        }
    }

    fn date(&self, id: PageId, months: &[String]) -> Option<DateView> {
        self.facts(id).date.map(|d| DateView {
            iso: d.iso(),
            text: d.text(months),
        })
    }

    /// The language page `id`'s front matter (or its nearest parent's) sets
    /// with `lang`, when it is not the site's.
    pub(crate) fn content_lang(&self, id: PageId) -> Option<String> {
        std::iter::once(id)
            .chain(self.ancestors(id))
            .find_map(|a| match &*self.facts(a).meta {
                Meta::Region(m) => m.lang.clone(),
                Meta::Publication(m) => m.lang.clone(),
                Meta::Part(m) => m.lang.clone(),
                Meta::Home(_) => None,
            })
            .filter(|l| *l != self.site.config.language)
    }

    /// The language of page `id`'s UI (headings, pager, facts labels) when
    /// it is not the site's: its content's language, when the theme has
    /// texts for it.
    pub(crate) fn ui_lang(&self, id: PageId) -> Option<(String, &'a Texts)> {
        let lang = self.content_lang(id)?;
        let texts = self.theme.texts(&lang)?;
        Some((lang, texts))
    }

    pub(crate) fn description(&self, id: PageId) -> Option<String> {
        match &*self.facts(id).meta {
            Meta::Home(m) => m
                .description
                .clone()
                .or_else(|| self.site.config.description.clone()),
            Meta::Region(m) => m.description.clone(),
            Meta::Publication(m) => m.description.clone(),
            Meta::Part(m) => m.description.clone(),
        }
    }

    /// Page `id`'s summary as HTML (one of its facts).
    fn summary_html(&self, id: PageId) -> Option<String> {
        self.facts(id);
        self.bodies[id].summary_html.clone()
    }

    pub(crate) fn themes(&self, words: &[String]) -> Vec<ThemeView> {
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
                let url = (!slug.is_empty() && addresses::across::themes_enabled(self.theme))
                    .then(|| addresses::across::theme_url(&slug));
                ThemeView { slug, label, url }
            })
            .collect()
    }

    fn child(&self, id: PageId, with_publications: bool, months: &[String]) -> ChildView {
        let p = self.facts(id);
        ChildView {
            title: p.title.clone(),
            url: p.output_path(),
            kind: p.part().map(|m| m.kind.name()),
            description: self.description(id),
            summary_html: self.summary_html(id),
            date: self.date(id, months),
            publisher: match &*p.meta {
                Meta::Publication(m) => m.publisher.clone(),
                _ => None,
            },
            publications: if with_publications {
                self.children(id)
                    .iter()
                    .filter(|&&c| self.site.pages[c].role == Role::Publication)
                    .map(|&c| self.child(c, false, months))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    fn publication(&self, id: PageId, current: PageId, months: &[String]) -> PublicationView {
        let p = self.facts(id);
        let Meta::Publication(m) = &*p.meta else {
            unreachable!("nearest(Role::Publication) is a publication")
        };
        PublicationView {
            title: p.title.clone(),
            url: p.output_path(),
            publisher: m.publisher.clone(),
            place: m.place.clone(),
            date: self.date(id, months),
            horizon: m.horizon,
            adopted_by: m.adopted_by.clone(),
            reference: m.reference.clone(),
            summary_html: self.summary_html(id),
            parts: self
                .children(id)
                .iter()
                .map(|&c| {
                    let part = self.facts(c);
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

    /// The page around an output that is no page of the content (the
    /// comparison, the theme pages, the search page and its parts): this
    /// page's role, title, breadcrumbs and address, and what it says about
    /// itself in `<head>` (its address, the site's language, no JSON-LD).
    /// It reads nothing of the home page: what the home page's view would
    /// add (its text, its regions and their publications) is not shown, so
    /// an edit there makes none of these pages again.
    pub(crate) fn chrome(
        &self,
        role: &'static str,
        title: String,
        crumbs: Vec<Link>,
        url: &str,
    ) -> PageView<'a> {
        PageView {
            role,
            kind: "page",
            title,
            description: None,
            summary_html: None,
            url: url.to_string(),
            content: "",
            toc: Vec::new(),
            date: None,
            themes: Vec::new(),
            breadcrumbs: crumbs,
            region: None,
            publication: None,
            prev: None,
            next: None,
            children: Vec::new(),
            vision: None,
            horizon: None,
            goal_areas: Vec::new(),
            factors: Vec::new(),
            shifts: Vec::new(),
            region_info: None,
            lang: None,
            social: social::SocialView {
                kind: "article",
                locale: social::locale(&self.site.config.language),
                url: social::absolute(self.site, url),
                json_ld: None,
            },
            print: None,
            compare: None,
        }
    }

    pub(crate) fn page(&self, id: PageId) -> PageView<'a> {
        let site = self.site;
        let page = self.facts(id);
        let body = self.body(id);
        let ancestors = self.ancestors(id);
        // The UI follows the content's language when the theme has texts
        // for it; otherwise only `<main>` says what language it is in.
        let content_lang = self.content_lang(id);
        let ui = content_lang.as_deref().and_then(|l| self.theme.texts(l));
        let months = ui.map_or(&self.theme.months, |t| &t.months);
        let social = social::social(
            self,
            id,
            content_lang.as_deref().unwrap_or(&site.config.language),
        );
        let breadcrumbs: Vec<Link> = ancestors.iter().rev().map(|&a| self.link(a)).collect();
        let publication = self.nearest(id, Role::Publication);
        // Neighbours: the landing page leads to the first part; parts to each other.
        let (prev, next) = match (page.role, publication) {
            (Role::Publication, _) => (None, self.children(id).first().map(|&c| self.link(c))),
            (Role::Part, Some(pubid)) => {
                let siblings = self.children(pubid);
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
            Role::Home => self
                .children(id)
                .iter()
                .filter(|&&c| site.pages[c].role == Role::Region)
                .map(|&c| self.child(c, true, months))
                .collect(),
            Role::Part => Vec::new(),
            _ => self
                .children(id)
                .iter()
                .map(|&c| self.child(c, false, months))
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
                logo: self.logo(id),
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
            summary_html: body.summary_html.as_deref(),
            url: page.output_path(),
            content: &body.content.html,
            toc: body
                .content
                .headings
                .iter()
                .filter(|h| (2..=3).contains(&h.level))
                .cloned()
                .collect(),
            date: self.date(id, months),
            themes,
            breadcrumbs,
            region: self.nearest(id, Role::Region).map(|r| self.link(r)),
            publication: publication.map(|p| self.publication(p, id, months)),
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
            lang: content_lang.filter(|_| ui.is_none()),
            social,
            print: (page.role == Role::Publication && addresses::print::enabled(self.theme)).then(
                || PrintLink {
                    url: addresses::print::output_path(site, id),
                    pdf: self.pdfs.get(&id).cloned(),
                },
            ),
            compare: (page.role == Role::Publication
                && addresses::across::compare_enabled(self.theme))
            .then(|| addresses::across::compare_link(site, id)),
        }
    }
}

/// The [`SiteView`] of `site`, in the site's language.
pub(crate) fn site_view(site: &Site, theme: &Theme) -> SiteView {
    site_view_in(site, theme, &theme.strings)
}

/// The [`SiteView`] of `site`, with the UI texts `strings`.
pub(crate) fn site_view_in(
    site: &Site,
    theme: &Theme,
    strings: &std::collections::BTreeMap<String, crate::theme::Text>,
) -> SiteView {
    let text = |key: &str| match strings.get(key) {
        Some(crate::theme::Text::One(t)) => t.clone(),
        _ => key.to_string(),
    };
    let link = |id: PageId| Link {
        title: site.pages[id].title.clone(),
        url: site.pages[id].output_path(),
    };
    let regions: Vec<RegionNav> = site.pages[Site::HOME]
        .children
        .iter()
        .filter(|&&r| site.pages[r].role == Role::Region)
        .map(|&r| RegionNav {
            title: site.pages[r].title.clone(),
            url: site.pages[r].output_path(),
            publications: site.pages[r]
                .children
                .iter()
                .filter(|&p| site.pages[*p].role == Role::Publication)
                .map(|&p| link(p))
                .collect(),
        })
        .collect();
    SiteView {
        title: site.config.title.clone(),
        description: site.config.description.clone(),
        organisation: site.config.organisation.clone(),
        region_count: regions.len(),
        regions,
        statement: theme.has(addresses::statement::TEMPLATE).then(|| Link {
            title: match strings.get("statement_title") {
                Some(crate::theme::Text::One(t)) => t.clone(),
                _ => "Tillgänglighetsredogörelse".into(),
            },
            url: addresses::statement::URL.into(),
        }),
        compare: addresses::across::compare_enabled(theme).then(|| Link {
            title: text("compare_title"),
            url: addresses::across::COMPARE_URL.into(),
        }),
        themes: addresses::across::themes_enabled(theme).then(|| Link {
            title: text("themes_title"),
            url: addresses::across::THEMES_URL.into(),
        }),
        feed: Link {
            title: site.config.title.clone(),
            url: addresses::feed::FEED_URL.into(),
        },
        search: addresses::search::enabled(theme).then(|| Link {
            title: text("search_title"),
            url: addresses::search::URL.into(),
        }),
    }
}
