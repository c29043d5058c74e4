//! The site as plain data: every Markdown file becomes a [`Page`] in one
//! arena, linked into the tree home > region > publication > part.
//!
//! Where a file sits decides its role: `content/_index.md` is the home page,
//! `content/<region>/_index.md` a region, `content/<region>/<publication>/_index.md`
//! a publication, and any other `.md` file a part of the folder it is in. This
//! module parses front matter, assigns URLs and orders pages; it does not
//! render Markdown or HTML.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::{Config, PageCheck, SiteConfig};
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, words};
use crate::hash::FxMap;
use crate::load::{Asset, Loaded, Source};

/// Index of a page in [`Site::pages`].
pub(crate) type PageId = usize;

/// What a page is, from where its file sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Role {
    /// `content/_index.md`.
    Home,
    /// `content/<region>/_index.md`.
    Region,
    /// `content/<region>/<publication>/_index.md`.
    Publication,
    /// Any other Markdown file: one part of the folder it is in.
    Part,
}

impl Role {
    /// The name templates see.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Role::Home => "home",
            Role::Region => "region",
            Role::Publication => "publication",
            Role::Part => "part",
        }
    }
}

/// A part's `kind`: picks its template.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    /// The målbild itself: vision, horizon, goal areas.
    GoalPicture,
    /// Success factors and prerequisites.
    SuccessFactors,
    /// Background, purpose, perspective shifts.
    Background,
    /// Anything else.
    #[default]
    Page,
}

impl Kind {
    /// The name templates and front matter use.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::GoalPicture => "goal-picture",
            Kind::SuccessFactors => "success-factors",
            Kind::Background => "background",
            Kind::Page => "page",
        }
    }
}

/// A goal area (målområde) of a goal picture.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GoalArea {
    /// Its name, e.g. "Tillsammans".
    pub title: String,
    /// The short "how", e.g. "genom delaktighet och samordning".
    #[serde(default)]
    pub means: Option<String>,
    /// Markdown.
    #[serde(default)]
    pub text: String,
}

/// A success factor (framgångsfaktor).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Factor {
    /// Its name.
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub summary: String,
}

/// A perspective shift: från ... till ...
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Shift {
    /// Where we come from.
    pub from: String,
    /// Where we are going.
    pub to: String,
}

/// How to reach a region's organisation.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// A name or unit.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// Website.
    #[serde(default)]
    pub url: Option<String>,
    /// Postal address.
    #[serde(default)]
    pub address: Option<String>,
}

/// Front matter of `content/_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HomeMeta {
    /// Defaults to the site title.
    #[serde(default)]
    pub title: Option<String>,
    /// Meta description.
    #[serde(default)]
    pub description: Option<String>,
    /// Lead paragraph, Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    /// Another template than `home.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Checks not run on this page.
    #[serde(default)]
    pub check: Option<PageCheck>,
}

/// Front matter of a region's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegionMeta {
    /// The region's name.
    pub title: String,
    /// Organisations behind its publications.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// A logo file beside `_index.md`.
    #[serde(default)]
    pub logo: Option<String>,
    /// The logo's alternative text.
    #[serde(default)]
    pub logo_alt: Option<String>,
    /// How to reach the region.
    #[serde(default)]
    pub contact: Option<Contact>,
    /// Meta description.
    #[serde(default)]
    pub description: Option<String>,
    /// Lead paragraph, Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    /// Order on the home page.
    #[serde(default)]
    pub weight: i64,
    /// Not built unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// URL segment instead of the folder name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Another template than `region.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Language, when not the site's.
    #[serde(default)]
    pub lang: Option<String>,
    /// Checks not run on this page.
    #[serde(default)]
    pub check: Option<PageCheck>,
}

/// Front matter of a publication's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PublicationMeta {
    /// The publication's title.
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where.
    #[serde(default)]
    pub place: Option<String>,
    /// When: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// The target year.
    #[serde(default)]
    pub horizon: Option<i32>,
    /// Who adopted it.
    #[serde(default)]
    pub adopted_by: Option<String>,
    /// Case or diary number.
    #[serde(default)]
    pub reference: Option<String>,
    /// Lead paragraph, Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    /// Meta description.
    #[serde(default)]
    pub description: Option<String>,
    /// Shared vocabulary, e.g. `samverkan`.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Order within the region.
    #[serde(default)]
    pub weight: i64,
    /// Not built unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// URL segment instead of the folder name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Another template than `publication.html`.
    #[serde(default)]
    pub template: Option<String>,
    /// Language, when not the site's.
    #[serde(default)]
    pub lang: Option<String>,
    /// Checks not run on this page.
    #[serde(default)]
    pub check: Option<PageCheck>,
}

/// Front matter of a part (any Markdown file but `_index.md`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PartMeta {
    /// The part's title: its h1.
    pub title: String,
    /// Picks the template.
    #[serde(default)]
    pub kind: Kind,
    /// Order within the publication.
    #[serde(default)]
    pub weight: i64,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Meta description.
    #[serde(default)]
    pub description: Option<String>,
    /// Lead paragraph, Markdown.
    #[serde(default)]
    pub summary: Option<String>,
    /// Shared vocabulary.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Not built unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// URL segment instead of the file name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Another template than the kind's.
    #[serde(default)]
    pub template: Option<String>,
    /// Language, when not the site's.
    #[serde(default)]
    pub lang: Option<String>,
    /// The vision sentence.
    #[serde(default)]
    pub vision: Option<String>,
    /// The target year.
    #[serde(default)]
    pub horizon: Option<i32>,
    /// Goal areas.
    #[serde(default)]
    pub goal_areas: Vec<GoalArea>,
    /// Success factors.
    #[serde(default)]
    pub factors: Vec<Factor>,
    /// Perspective shifts.
    #[serde(default)]
    pub shifts: Vec<Shift>,
    /// Checks not run on this page.
    #[serde(default)]
    pub check: Option<PageCheck>,
}

/// A page's front matter, by role.
#[derive(Debug, Clone)]
pub(crate) enum Meta {
    /// The home page.
    Home(HomeMeta),
    /// A region.
    Region(Box<RegionMeta>),
    /// A publication.
    Publication(Box<PublicationMeta>),
    /// A part.
    Part(Box<PartMeta>),
}

impl Meta {
    /// The theme words of the front matter (`themes:`; only publications and
    /// parts have them).
    pub(crate) fn themes(&self) -> &[String] {
        match self {
            Meta::Publication(m) => &m.themes,
            Meta::Part(m) => &m.themes,
            _ => &[],
        }
    }
}

/// A date as precise as the content gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Date {
    /// Year.
    pub year: i32,
    /// 1-12, if given.
    pub month: Option<u8>,
    /// 1-31, if given.
    pub day: Option<u8>,
}

/// How many days `month` (1 to 12) of `year` has.
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// The Swedish month names, for messages.
const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The message and hint for `date:` (`written`) that has the form
/// `YYYY-MM-DD` but a day its month does not have, as `2023-02-31`
/// (issue 11: it was published as "31 februari 2023"); `None` for any other
/// text.
fn impossible_date(written: &str) -> Option<(String, String)> {
    let mut parts = written.trim().split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (year, month, day) = (
        y.parse::<i32>().ok()?,
        m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?,
        d.parse::<u8>().ok()?,
    );
    let last = days_in_month(year, month);
    (day > last).then(|| {
        let name = MONTHS[usize::from(month) - 1];
        words::impossible_date(written.trim(), name, y, m, last)
    })
}

/// The message and hint for `date:` (`written`) that is no date at all:
/// a month that does not exist (`2024-13-01`), or another way of writing
/// a date (`24 januari 2023`, `2023/01/24`, `24.1.2023`), told as it should
/// be written when it can be.
fn not_a_date(written: &str) -> (String, String) {
    let text = written.trim();
    let lower = text.to_lowercase();
    // Numbers and Swedish month names, in order.
    let mut numbers: Vec<u32> = Vec::new();
    let mut month_named = None;
    for token in lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if let Ok(n) = token.parse::<u32>() {
            numbers.push(n);
        } else if let Some(i) = MONTHS
            .iter()
            .position(|m| *m == token || (token.len() >= 3 && m.starts_with(token)))
        {
            month_named = Some(i as u32 + 1);
        } else {
            return words::not_a_date(text, None, None);
        }
    }
    let year_first = text
        .split(|c: char| !c.is_ascii_digit())
        .next()
        .is_some_and(|t| t.len() == 4);
    let (year, month, day) = match (month_named, numbers.as_slice()) {
        (Some(m), [y]) if *y >= 1000 => (*y, Some(m), None),
        (Some(m), [d, y]) if *y >= 1000 => (*y, Some(m), Some(*d)),
        (None, [y, m]) if year_first => (*y, Some(*m), None),
        (None, [m, y]) if *y >= 1000 => (*y, Some(*m), None),
        (None, [y, m, d]) if year_first => (*y, Some(*m), Some(*d)),
        (None, [d, m, y]) if *y >= 1000 => (*y, Some(*m), Some(*d)),
        _ => return words::not_a_date(text, None, None),
    };
    if let Some(m) = month.filter(|m| !(1..=12).contains(m)) {
        return words::not_a_date(text, Some(words::NotADate::Month(m)), None);
    }
    let fix = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    if let Some((message, hint)) = impossible_date(&fix).filter(|_| fix != text) {
        let _ = message;
        return (words::not_a_date(text, None, None).0, hint);
    }
    if Date::parse(&fix).is_none() {
        return words::not_a_date(text, None, None);
    }
    words::not_a_date(text, None, Some(&fix))
}

impl Date {
    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub(crate) fn parse(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year = parts.next()?;
        if year.len() != 4 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let month = match parts.next() {
            Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
            Some(_) => return None,
            None => None,
        };
        let day =
            match parts.next() {
                Some(d) if d.len() == 2 => Some(d.parse::<u8>().ok().filter(|&d| {
                    month.is_some_and(|m| (1..=days_in_month(year, m)).contains(&d))
                })?),
                Some(_) => return None,
                None => None,
            };
        if parts.next().is_some() {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// `2023`, `2023-01` or `2023-01-24`, for `<time datetime>`.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// `24 januari 2023`, `januari 2023` or `2023`, with the theme's month names.
    pub(crate) fn text(&self, months: &[String]) -> String {
        let month = |m: u8| {
            months
                .get(usize::from(m) - 1)
                .cloned()
                .unwrap_or_else(|| m.to_string())
        };
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", month(m), self.year),
            (Some(m), None) => format!("{} {}", month(m), self.year),
            _ => self.year.to_string(),
        }
    }
}

/// One Markdown file, placed in the site.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// The file, relative to the project root (for messages).
    pub path: PathBuf,
    /// The file, relative to `content/`.
    pub rel: String,
    /// The whole file (for messages that show a line).
    pub text: Arc<str>,
    /// A hash of `text`.
    pub text_hash: u64,
    /// A hash of what other pages show of this one: its front matter and
    /// its file name.
    pub front_hash: u64,
    /// Byte offset of the Markdown body in `text`.
    pub body_offset: usize,
    /// Home, region, publication or part.
    pub role: Role,
    /// The front matter (shared: pages are cloned from build to build).
    pub meta: Arc<Meta>,
    /// The title (home: the site title unless given).
    pub title: String,
    /// Sort key among siblings.
    pub weight: i64,
    /// The page's date, checked.
    pub date: Option<Date>,
    /// Its folder in the output, e.g. `sormland/nara-vard-2023/malbild/`; `""` for home.
    pub url: String,
    /// The page it belongs to.
    pub parent: Option<PageId>,
    /// Its pages, in order.
    pub children: Vec<PageId>,
}

impl Page {
    /// The Markdown body.
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The template asked for in front matter, if any.
    pub(crate) fn template(&self) -> Option<&str> {
        match &*self.meta {
            Meta::Home(m) => m.template.as_deref(),
            Meta::Region(m) => m.template.as_deref(),
            Meta::Publication(m) => m.template.as_deref(),
            Meta::Part(m) => m.template.as_deref(),
        }
    }

    /// The checks its front matter turns off (`check: {ignore: [...]}`).
    pub(crate) fn ignored_checks(&self) -> &[String] {
        let check = match &*self.meta {
            Meta::Home(m) => m.check.as_ref(),
            Meta::Region(m) => m.check.as_ref(),
            Meta::Publication(m) => m.check.as_ref(),
            Meta::Part(m) => m.check.as_ref(),
        };
        check.map_or(&[], |c| c.ignore.as_slice())
    }

    /// The part's front matter, if it is a part.
    pub(crate) fn part(&self) -> Option<&PartMeta> {
        match &*self.meta {
            Meta::Part(m) => Some(m),
            _ => None,
        }
    }

    /// The output file, relative to the output folder.
    pub(crate) fn output_path(&self) -> String {
        format!("{}index.html", self.url)
    }

    /// The 1-based line of the file on which `key:` is set in the front
    /// matter, for messages about a value.
    pub(crate) fn key_line(&self, key: &str) -> Option<usize> {
        let front = &self.text[..self.body_offset];
        front
            .lines()
            .position(|l| {
                l.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .map(|i| i + 1)
    }
}

/// The whole site.
#[derive(Debug, Default)]
pub(crate) struct Site {
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Every page; the home page is [`Site::HOME`].
    pub pages: Vec<Page>,
    /// Files copied beside the pages, with their output paths.
    pub assets: Vec<(Asset, String)>,
    /// Content paths (relative to `content/`) of drafts left out of this build.
    pub drafts: Vec<String>,
    /// Content paths of pages that could not be read or parsed (already
    /// reported); links to them are not reported again.
    pub unreadable: Vec<String>,
    /// Content path (relative to `content/`) to page.
    pub by_rel: FxMap<String, PageId>,
    /// Output path (`Page::output_path`) to page.
    pub(crate) by_output: FxMap<String, PageId>,
    /// Content path to asset output path.
    pub asset_by_rel: FxMap<String, String>,
    /// Every theme word the pages name, by slug, with the word as first
    /// written in page order ([`theme_words`]).
    pub(crate) theme_words: BTreeMap<String, String>,
    /// Whether building it said nothing, so that the next build may
    /// [`patch`] it.
    pub(crate) patchable: bool,
    /// Every page, in the order of its file's path (as `Path` orders them:
    /// by folder, then name), for the list of problems by file.
    pub(crate) path_order: Vec<PageId>,
    /// A number new with every site [`build_with`] makes and kept by
    /// [`patch`]: two sites of one lineage have the same pages under the
    /// same ids, in the same places, with the same assets (what later steps
    /// keep between builds is valid while it is the same).
    pub(crate) lineage: u64,
    /// The pages the [`patch`] that made this site put in (and their
    /// parents, whose children it may have ordered again); empty for a site
    /// made from nothing.
    pub(crate) patched: Vec<PageId>,
    /// How this site's ids came from those of the last site when a part
    /// came or went ([`patch_reloaded`]): the site is of a new lineage, and
    /// a step that kept work by page for the last one may renumber it
    /// rather than start over.
    pub(crate) renumbered: Option<Renumbered>,
}

/// How the ids of a site of lineage `from` became those of a site made by
/// [`patch_reloaded`]: parts put in and taken out, in order. Every other
/// page is the page it was (the same file, address and place), and
/// [`Site::patched`] lists the pages put in and the parents whose children
/// changed.
#[derive(Debug, Clone)]
pub(crate) struct Renumbered {
    /// The lineage of the last site.
    pub from: u64,
    /// In order: a page put in at this id (`true`), or the page of this id
    /// taken out (`false`).
    pub steps: Vec<(PageId, bool)>,
    /// The files (as shown in messages) and content paths of the pages
    /// taken out.
    pub gone: Vec<(PathBuf, String)>,
}

impl Renumbered {
    /// `kept`, a value per page of the last site, as a value per page of
    /// this one: `fill` for each page put in.
    pub(crate) fn apply<T: Clone>(&self, kept: &mut Vec<T>, fill: T) {
        for &(id, put) in &self.steps {
            if put {
                kept.insert(id, fill.clone());
            } else {
                kept.remove(id);
            }
        }
    }

    /// The id in the last site, of `len` pages, of each page of this one
    /// (`None` for a page put in); empty when the steps do not fit `len`.
    pub(crate) fn was(&self, len: usize) -> Vec<Option<PageId>> {
        let mut was: Vec<Option<PageId>> = (0..len).map(Some).collect();
        for &(id, put) in &self.steps {
            if put && id <= was.len() {
                was.insert(id, None);
            } else if !put && id < was.len() {
                was.remove(id);
            } else {
                return Vec::new();
            }
        }
        was
    }

    /// The id in this site of page `id` of the last one; `None` when it was
    /// taken out.
    pub(crate) fn id(&self, mut id: PageId) -> Option<PageId> {
        for &(at, put) in &self.steps {
            if put {
                if id >= at {
                    id += 1;
                }
            } else if id == at {
                return None;
            } else if id > at {
                id -= 1;
            }
        }
        Some(id)
    }
}

/// A new [`Site::lineage`].
fn new_lineage() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Site {
    /// The home page's id.
    pub(crate) const HOME: PageId = 0;

    /// How this site's ids came from those of a site of `lineage`, when
    /// it was made from that one by putting parts in or taking them out.
    pub(crate) fn renumbered_from(&self, lineage: u64) -> Option<&Renumbered> {
        self.renumbered.as_ref().filter(|r| r.from == lineage)
    }

    /// The pages from `id` up to the home page, nearest first.
    pub(crate) fn ancestors(&self, id: PageId) -> impl Iterator<Item = PageId> + '_ {
        std::iter::successors(self.pages[id].parent, |&p| self.pages[p].parent)
    }
}

/// Pages parsed by earlier builds, by content path, kept while their text is
/// the same.
#[derive(Debug, Default)]
pub(crate) struct ParseCache {
    /// The `site.yaml` the pages were parsed with (the home page's title
    /// defaults to the site's).
    site_yaml: Option<Arc<str>>,
    pages: HashMap<String, Page>,
}

/// Builds the site model from what `load` read, parsing again only the
/// files whose text changed since `cache` saw them. Problems are collected in
/// `diagnostics`; the site holds every page that could be read.
pub(crate) fn build_with(
    config: &Config,
    loaded: Loaded,
    cache: &mut ParseCache,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let said = diagnostics.len();
    let site_config = match &loaded.site_yaml {
        Some(src) => match front_matter::parse::<SiteConfig>(&src.path, &src.text, &src.text, 1) {
            Ok(c) => c,
            Err(d) => {
                diagnostics.push(d);
                SiteConfig::default()
            }
        },
        None => SiteConfig::default(),
    };
    let site_yaml = loaded.site_yaml.as_ref().map(|s| s.text.clone());
    let same_site = match (&site_yaml, &cache.site_yaml) {
        (Some(a), Some(b)) => Arc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    };
    if !same_site {
        cache.pages.clear();
        cache.site_yaml = site_yaml;
    }
    let mut unreadable: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter_map(|d| {
            d.path
                .strip_prefix("content")
                .ok()?
                .to_str()
                .map(|p| p.replace('\\', "/"))
        })
        .collect();
    // A Markdown file that could not be read at all (not UTF-8, not text)
    // stands in too, so that its folder's pages find their region or
    // publication.
    let read: std::collections::HashSet<&str> =
        loaded.sources.iter().map(|s| s.rel.as_str()).collect();
    let mut candidates: Vec<Page> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| {
            let rel = d
                .path
                .strip_prefix("content")
                .ok()?
                .to_str()?
                .replace('\\', "/");
            let role =
                role_of(&rel).filter(|_| rel.ends_with(".md") && !read.contains(rel.as_str()))?;
            Some(stand_in(
                d.path.clone(),
                rel,
                Arc::from(""),
                role,
                &site_config,
            ))
        })
        .collect();
    candidates.sort_by(|a, b| a.rel.cmp(&b.rel));
    candidates.dedup_by(|a, b| a.rel == b.rel);
    // A page parsed before is cloned once for this build and moved from the
    // old cache to the new; a page parsed now is cloned into the cache.
    let parsed: Vec<(Parsed, bool)> = loaded
        .sources
        .into_par_iter()
        .map(|s| match cache.pages.get(&s.rel) {
            Some(p) if Arc::ptr_eq(&p.text, &s.text) => (Ok(p.clone()), true),
            _ => (parse_page(s, &site_config), false),
        })
        .collect();
    let mut old = std::mem::take(&mut cache.pages);
    let mut pages = HashMap::with_capacity(parsed.len());
    for (p, cached) in parsed {
        match p {
            Ok(page) => {
                let kept = if cached {
                    old.remove_entry(&page.rel)
                } else {
                    None
                };
                match kept {
                    Some((rel, cached)) => pages.insert(rel, cached),
                    None => pages.insert(page.rel.clone(), page.clone()),
                };
                candidates.push(page);
            }
            Err(broken) => {
                let (d, stand_in) = *broken;
                if let Some(rel) = d.path.strip_prefix("content").ok().and_then(|p| p.to_str()) {
                    unreadable.push(rel.replace('\\', "/"));
                }
                diagnostics.push(d);
                // Not cached: the next build reads it again, and says so again.
                candidates.extend(stand_in);
            }
        }
    }
    cache.pages = pages;
    let mut site = Site {
        config: site_config,
        unreadable,
        lineage: new_lineage(),
        ..Site::default()
    };
    place(config, &mut site, candidates, diagnostics);
    place_assets(&mut site, loaded.assets, diagnostics);
    site.patchable =
        diagnostics.len() == said && site.unreadable.is_empty() && loaded.diagnostics.is_empty();
    site
}

/// The last build's model made this build's without building it again: when
/// the same files are there (none came or went), the last build's model
/// step found nothing to say, and each changed page keeps its place (its
/// role, whether it is a draft, its slug), the changed pages are parsed and
/// put in their old places, and only their parents' children are ordered
/// again (a title or weight may move a page among its siblings). Page ids
/// stay as they were. `None` when any of that does not hold: then the model
/// is built from nothing ([`build_with`]), which gives the same site.
pub(crate) fn patch(
    old: Site,
    before: &Loaded,
    now: &Loaded,
    cache: &mut ParseCache,
) -> Option<Site> {
    let same_yaml = match (&before.site_yaml, &now.site_yaml) {
        (Some(a), Some(b)) => Arc::ptr_eq(&a.text, &b.text),
        (None, None) => true,
        _ => false,
    };
    if !old.patchable
        || !same_yaml
        || !before.diagnostics.is_empty()
        || !now.diagnostics.is_empty()
        || before.sources.len() != now.sources.len()
        || before.assets.len() != now.assets.len()
    {
        return None;
    }
    let mut changed = Vec::new();
    for (i, (b, n)) in before.sources.iter().zip(&now.sources).enumerate() {
        if b.rel != n.rel {
            return None;
        }
        if !Arc::ptr_eq(&b.text, &n.text) {
            changed.push(i);
            if changed.len() > 64 {
                return None;
            }
        }
    }
    let same_assets = before
        .assets
        .iter()
        .zip(&now.assets)
        .all(|(b, n)| b.rel == n.rel);
    patch_sources(old, now, &changed, same_assets, cache)
}

/// [`patch`] after [`crate::load::reload`], which read again, in place, the
/// files it names in `reloaded`. A part that came or went in a folder of a
/// region, publication or the home page is put in or taken out where a
/// build from nothing puts it ([`add_part`], [`remove_part`]); the site
/// then has a new lineage (the ids after it moved by one).
pub(crate) fn patch_reloaded(
    old: Site,
    now: &Loaded,
    reloaded: &crate::load::Reloaded,
    cache: &mut ParseCache,
) -> Option<Site> {
    if !old.patchable
        || reloaded.site_yaml
        || !now.diagnostics.is_empty()
        || reloaded.sources.len() + reloaded.added.len() + reloaded.removed.len() > 64
    {
        return None;
    }
    let mut site = old;
    site.renumbered = None;
    let from = site.lineage;
    let mut steps = Vec::new();
    let mut parents = Vec::new();
    let mut gone = Vec::new();
    for rel in &reloaded.removed {
        let (id, parent) = remove_part(&mut site, rel, cache, &mut gone)?;
        steps.push((id, false));
        parents.push(parent);
    }
    for rel in &reloaded.added {
        let source = now.sources.iter().find(|s| s.rel == *rel)?;
        let (id, parent) = add_part(&mut site, source, cache)?;
        steps.push((id, true));
        parents.push(parent);
    }
    if steps.is_empty() {
        return patch_sources(site, now, &reloaded.sources, true, cache);
    }
    site.lineage = new_lineage();
    let lineage = site.lineage;
    let mut site = patch_sources(site, now, &reloaded.sources, true, cache)?;
    if site.lineage == lineage {
        // The same files to copy: every page but those put in or taken
        // out is as it was. (Parents are folders' pages, before every part
        // in id order, so their ids did not move.)
        site.patched.extend(parents);
        site.patched
            .extend(reloaded.added.iter().filter_map(|r| site.by_rel.get(r)));
        site.patched.sort_unstable();
        site.patched.dedup();
        site.renumbered = Some(Renumbered { from, steps, gone });
    }
    Some(site)
}

/// Puts the part of the new file `source` into `site` as [`place`] does
/// from nothing: its id in the order of (role, content path), so that every
/// page after it moves up by one. `None` when it is anything but a plain
/// part (not a part, a draft, a file that cannot be read, no address from
/// its name, an address another page or a file has, no page for its
/// folder): then the site is built from nothing, which says why.
fn add_part(site: &mut Site, source: &Source, cache: &mut ParseCache) -> Option<(PageId, PageId)> {
    let mut page = match cache.pages.get(&source.rel) {
        Some(p) if Arc::ptr_eq(&p.text, &source.text) => p.clone(),
        _ => parse_page(source.clone(), &site.config).ok()?,
    };
    if page.role != Role::Part || is_draft(&page.meta) || site.by_rel.contains_key(&page.rel) {
        return None;
    }
    let dir = folder(&page.rel);
    let parent = if dir.is_empty() {
        Site::HOME
    } else {
        *site.by_rel.get(&format!("{dir}/_index.md"))?
    };
    let name = page
        .rel
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .trim_end_matches(".md");
    let slug = slugify(slug_of(&page.meta).unwrap_or(name));
    if slug.is_empty() {
        return None;
    }
    page.url = format!("{}{slug}/", site.pages[parent].url);
    page.parent = Some(parent);
    let output = page.output_path();
    if site.by_output.contains_key(&output) || site.assets.iter().any(|(_, out)| *out == output) {
        return None;
    }
    let key = (Role::Part, page.rel.as_str());
    let id = 1 + site.pages[1..].partition_point(|p| (p.role, p.rel.as_str()) < key);
    site.shift(id, true);
    let themes = !page.meta.themes().is_empty();
    let rel = page.rel.clone();
    cache.pages.insert(rel.clone(), page.clone());
    site.pages.insert(id, page);
    let at = site
        .path_order
        .partition_point(|&p| site.pages[p].rel.split('/').lt(rel.split('/')));
    site.path_order.insert(at, id);
    site.by_rel.insert(rel, id);
    site.by_output.insert(output, id);
    site.pages[parent].children.push(id);
    site.order_children(parent);
    if themes {
        site.theme_words = theme_words(&site.pages);
    }
    Some((id, parent))
}

/// Takes the part of the file `rel`, which went, out of `site`: every page
/// after it moves down by one, as in a build from nothing without it.
/// `None` when it is not a part of the site (a draft left out, a folder's
/// page).
fn remove_part(
    site: &mut Site,
    rel: &str,
    cache: &mut ParseCache,
    gone: &mut Vec<(PathBuf, String)>,
) -> Option<(PageId, PageId)> {
    let id = *site.by_rel.get(rel)?;
    let page = &site.pages[id];
    let parent = page.parent.filter(|_| page.role == Role::Part)?;
    let themes = !page.meta.themes().is_empty();
    let output = page.output_path();
    site.pages[parent].children.retain(|&c| c != id);
    site.by_rel.remove(rel);
    site.by_output.remove(&output);
    site.path_order.retain(|&p| p != id);
    gone.push((site.pages.remove(id).path, rel.to_string()));
    site.shift(id + 1, false);
    cache.pages.remove(rel);
    if themes {
        site.theme_words = theme_words(&site.pages);
    }
    Some((id, parent))
}

/// Puts the sources `changed` (indices into `now.sources`) of `now` into
/// `old` in their places (see [`patch`]); `same_assets`: whether `now` has
/// the files (not Markdown) `old` was made with.
fn patch_sources(
    old: Site,
    now: &Loaded,
    changed: &[usize],
    same_assets: bool,
    cache: &mut ParseCache,
) -> Option<Site> {
    let changed = changed.iter().map(|&i| &now.sources[i]);
    let mut site = old;
    site.patched.clear();
    site.renumbered = None;
    let mut parents = Vec::new();
    let mut themes_moved = false;
    for source in changed {
        let id = *site.by_rel.get(&source.rel)?;
        let page = match cache.pages.get(&source.rel) {
            Some(p) if Arc::ptr_eq(&p.text, &source.text) => p.clone(),
            _ => parse_page(source.clone(), &site.config).ok()?,
        };
        let was = &site.pages[id];
        if page.role != was.role
            || is_draft(&page.meta) != is_draft(&was.meta)
            || slug_of(&page.meta) != slug_of(&was.meta)
        {
            return None;
        }
        let moved = (page.weight, &page.title) != (was.weight, &was.title);
        themes_moved |= page.meta.themes() != was.meta.themes();
        cache.pages.insert(page.rel.clone(), page.clone());
        let was = &mut site.pages[id];
        let mut page = page;
        page.url = std::mem::take(&mut was.url);
        page.parent = was.parent;
        page.children = std::mem::take(&mut was.children);
        *was = page;
        site.patched.push(id);
        if moved && let Some(parent) = site.pages[id].parent {
            parents.push(parent);
        }
    }
    for parent in parents {
        site.order_children(parent);
        site.patched.push(parent);
    }
    site.patched.sort_unstable();
    site.patched.dedup();
    if themes_moved {
        site.theme_words = theme_words(&site.pages);
    }
    if same_assets
        && site.assets.len() == now.assets.len()
        && site
            .assets
            .iter()
            .zip(&now.assets)
            .all(|((a, _), n)| a.rel == n.rel)
    {
        // The same files (a build that said nothing placed them all, in
        // order): only their sizes and times may have changed.
        for ((asset, _), now) in site.assets.iter_mut().zip(&now.assets) {
            asset.stamp = now.stamp;
        }
    } else {
        // Assets are placed by the pages' folders, which did not move; what
        // was kept of the pages' logos is not valid any more.
        site.lineage = new_lineage();
        let mut diagnostics = Vec::new();
        site.assets.clear();
        site.asset_by_rel.clear();
        place_assets(&mut site, now.assets.clone(), &mut diagnostics);
        if !diagnostics.is_empty() {
            return None;
        }
    }
    Some(site)
}

impl Site {
    /// Moves every id from `from` on up by one (`up`: a page is put in
    /// before them) or down by one (a page before them was taken out), in
    /// the tree and the maps.
    pub(crate) fn shift(&mut self, from: PageId, up: bool) {
        let moved = |id: &mut PageId| {
            if *id >= from {
                if up {
                    *id += 1;
                } else {
                    *id -= 1;
                }
            }
        };
        for page in &mut self.pages {
            if let Some(p) = page.parent.as_mut() {
                moved(p);
            }
            page.children.iter_mut().for_each(moved);
        }
        self.by_rel.values_mut().for_each(moved);
        self.by_output.values_mut().for_each(moved);
        self.path_order.iter_mut().for_each(moved);
    }

    /// Orders the children of `id`: by weight, then title.
    fn order_children(&mut self, id: PageId) {
        let mut children = std::mem::take(&mut self.pages[id].children);
        children.sort_by(|&a, &b| {
            let (a, b) = (&self.pages[a], &self.pages[b]);
            (a.weight, &a.title, &a.rel).cmp(&(b.weight, &b.title, &b.rel))
        });
        self.pages[id].children = children;
    }
}

fn role_of(rel: &str) -> Option<Role> {
    let parts: Vec<&str> = rel.split('/').collect();
    let index = parts.last() == Some(&"_index.md");
    match (parts.len(), index) {
        (1, true) => Some(Role::Home),
        (2, true) => Some(Role::Region),
        (3, true) => Some(Role::Publication),
        (1..=3, false) => Some(Role::Part),
        _ => None,
    }
}

/// A page, or the error of a file and the page that stands in for it.
type Parsed = Result<Page, Box<(Diagnostic, Option<Page>)>>;

/// Parses one file into a page. When its front matter cannot be read, the
/// error comes with a page that stands in for it (see [`stand_in`]), so
/// that the pages in its folder, and the links to it, do not fail too: one
/// slip, one error (issue 11).
fn parse_page(source: Source, site: &SiteConfig) -> Parsed {
    let Source { path, rel, text } = source;
    let _working = crate::diagnostic::working_on(&path);
    let Some(role) = role_of(&rel) else {
        let (message, hint) = words::nested_too_deep();
        return Err(Box::new((
            Diagnostic::error(&path, message).with_hint(hint),
            None,
        )));
    };
    match read_page(&path, &rel, &text, role, site) {
        Ok(page) => Ok(page),
        Err(d) => Err(Box::new((d, Some(stand_in(path, rel, text, role, site))))),
    }
}

/// A page for a file whose front matter cannot be read: in its place in
/// the tree, with the title its `title:` line seems to give (or its file
/// or folder name), its body where the front matter seems to end, and
/// nothing else. It never reaches the output: its file has an error.
fn stand_in(path: PathBuf, rel: String, text: Arc<str>, role: Role, site: &SiteConfig) -> Page {
    let body_offset = match front_matter::split(&path, &text) {
        Ok(split) => split.body_offset,
        Err(_) => front_matter::guessed_body(&text),
    };
    let front = &text[..body_offset];
    let written = front.lines().skip(1).find_map(|l| {
        let v = l.strip_prefix("title:")?.trim();
        let v = v.trim_matches(['"', '\'', '”', '“']).trim();
        (!v.is_empty()).then(|| v.to_string())
    });
    let name = || {
        let name = match role {
            Role::Part => rel
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".md"),
            _ => folder(&rel).rsplit('/').next().unwrap_or_default(),
        };
        name.to_string()
    };
    let title = match role {
        Role::Home => written.unwrap_or_else(|| site.title.clone()),
        _ => written.unwrap_or_else(name),
    };
    let meta = match role {
        Role::Home => Meta::Home(HomeMeta::default()),
        Role::Region => Meta::Region(Box::new(RegionMeta {
            title: title.clone(),
            ..RegionMeta::default()
        })),
        Role::Publication => Meta::Publication(Box::new(PublicationMeta {
            title: title.clone(),
            ..PublicationMeta::default()
        })),
        Role::Part => Meta::Part(Box::new(PartMeta {
            title: title.clone(),
            ..PartMeta::default()
        })),
    };
    let text_hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    let front_hash = xxhash_rust::xxh3::xxh3_64_with_seed(
        text[..body_offset].as_bytes(),
        crate::hash::str(&rel),
    );
    Page {
        path,
        rel,
        text,
        text_hash,
        front_hash,
        body_offset,
        role,
        meta: Arc::new(meta),
        title,
        weight: 0,
        date: None,
        url: String::new(),
        parent: None,
        children: Vec::new(),
    }
}

/// Reads the front matter of a file with `role` into a page.
fn read_page(
    path: &std::path::Path,
    rel: &str,
    text: &Arc<str>,
    role: Role,
    site: &SiteConfig,
) -> Result<Page, Diagnostic> {
    if text.trim().is_empty() && role != Role::Home {
        let (message, hint) = words::empty_file();
        return Err(Diagnostic::error(path, message).with_hint(hint));
    }
    let split = front_matter::split(path, text)?;
    let (yaml, yaml_line, body_offset) = (split.yaml, split.yaml_line, split.body_offset);
    if yaml.is_empty() && role != Role::Home {
        let (message, hint) = words::no_front_matter();
        return Err(Diagnostic::error(path, message)
            .at(text, 1, 1)
            .with_hint(hint));
    }
    if let Some(d) = front_matter::lost_comment(path, text, yaml, yaml_line) {
        return Err(d);
    }
    let meta = match role {
        Role::Home => Meta::Home(front_matter::parse(path, text, yaml, yaml_line)?),
        Role::Region => Meta::Region(Box::new(front_matter::parse(path, text, yaml, yaml_line)?)),
        Role::Publication => {
            Meta::Publication(Box::new(front_matter::parse(path, text, yaml, yaml_line)?))
        }
        Role::Part => Meta::Part(Box::new(front_matter::parse(path, text, yaml, yaml_line)?)),
    };
    let meta = Arc::new(meta);
    let (title, weight, date) = match &*meta {
        Meta::Home(m) => (
            m.title.clone().unwrap_or_else(|| site.title.clone()),
            0,
            None,
        ),
        Meta::Region(m) => (m.title.clone(), m.weight, None),
        Meta::Publication(m) => (m.title.clone(), m.weight, m.date.clone()),
        Meta::Part(m) => (m.title.clone(), m.weight, m.date.clone()),
    };
    let text_hash = xxhash_rust::xxh3::xxh3_64(text.as_bytes());
    let front_hash =
        xxhash_rust::xxh3::xxh3_64_with_seed(text[..body_offset].as_bytes(), crate::hash::str(rel));
    let mut page = Page {
        path: path.to_path_buf(),
        rel: rel.to_string(),
        text: text.clone(),
        text_hash,
        front_hash,
        body_offset,
        role,
        meta,
        title: title.trim().to_string(),
        weight,
        date: None,
        url: String::new(),
        parent: None,
        children: Vec::new(),
    };
    if page.title.is_empty() {
        let line = page.key_line("title").unwrap_or(1);
        let (message, hint) = words::empty_title();
        return Err(Diagnostic::error(&page.path, message)
            .at(&page.text, line, "title: ".len() + 1)
            .with_hint(hint));
    }
    if let Some(d) = date {
        page.date = Some(Date::parse(&d).ok_or_else(|| {
            let line = page.key_line("date").unwrap_or(1);
            // The column of the value: where the writer has to act.
            let column = page
                .text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.split_once(':'))
                .map_or(1, |(key, value)| {
                    key.chars().count() + 2 + value.chars().take_while(|c| *c == ' ').count()
                });
            let (message, hint) = impossible_date(&d).unwrap_or_else(|| not_a_date(&d));
            Diagnostic::error(&page.path, message)
                .at(&page.text, line, column)
                .with_hint(hint)
        })?);
    }
    Ok(page)
}

fn is_draft(meta: &Meta) -> bool {
    match meta {
        Meta::Home(_) => false,
        Meta::Region(m) => m.draft,
        Meta::Publication(m) => m.draft,
        Meta::Part(m) => m.draft,
    }
}

fn slug_of(meta: &Meta) -> Option<&str> {
    match meta {
        Meta::Home(_) => None,
        Meta::Region(m) => m.slug.as_deref(),
        Meta::Publication(m) => m.slug.as_deref(),
        Meta::Part(m) => m.slug.as_deref(),
    }
}

/// A URL segment from a file or folder name: lower case ASCII letters, digits
/// and hyphens (`framgångsfaktorer` -> `framgangsfaktorer`).
pub(crate) fn slugify(name: &str) -> String {
    slug::slugify(name)
}

/// The folder of a content path: `a/b/c.md` -> `a/b`, `a/_index.md` -> `a`.
fn folder(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// Puts the parsed pages in a tree, leaves drafts out, assigns URLs.
fn place(
    config: &Config,
    site: &mut Site,
    candidates: Vec<Page>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Drafts, and everything inside a draft section, are left out.
    let draft_folders: Vec<String> = candidates
        .iter()
        .filter(|p| p.role != Role::Part && is_draft(&p.meta))
        .map(|p| format!("{}/", folder(&p.rel)))
        .collect();
    let mut pages = Vec::with_capacity(candidates.len());
    for p in candidates {
        let hidden =
            is_draft(&p.meta) || draft_folders.iter().any(|f| p.rel.starts_with(f.as_str()));
        if hidden && !config.drafts {
            site.drafts.push(p.rel);
        } else {
            pages.push(p);
        }
    }
    // The home page comes first; it is made up when there is no _index.md.
    let home = match pages.iter().position(|p| p.role == Role::Home) {
        Some(i) => pages.remove(i),
        None => Page {
            path: PathBuf::from("content/_index.md"),
            rel: "_index.md".into(),
            text: Arc::from(""),
            text_hash: 0,
            front_hash: crate::hash::str(&site.config.title),
            body_offset: 0,
            role: Role::Home,
            meta: Arc::new(Meta::Home(HomeMeta::default())),
            title: site.config.title.clone(),
            weight: 0,
            date: None,
            url: String::new(),
            parent: None,
            children: Vec::new(),
        },
    };
    site.pages.push(home);
    // Sections (by folder) first, so parts can find them.
    pages.sort_by(|a, b| (a.role, &a.rel).cmp(&(b.role, &b.rel)));
    let mut section_by_folder: HashMap<String, PageId> = HashMap::new();
    section_by_folder.insert(String::new(), Site::HOME);
    for mut page in pages {
        let own = folder(&page.rel).to_string();
        let parent_folder = match page.role {
            Role::Part => own.clone(),
            _ => folder(&own).to_string(),
        };
        let Some(&parent) = section_by_folder.get(&parent_folder) else {
            let missing = if parent_folder.is_empty() {
                "_index.md".to_string()
            } else {
                format!("{parent_folder}/_index.md")
            };
            let region = parent_folder.matches('/').count() == 0;
            let (message, hint) =
                crate::words::w().folder_without_index(&parent_folder, &missing, region);
            diagnostics.push(Diagnostic::error(&page.path, message).with_hint(hint));
            continue;
        };
        let segment = match page.role {
            Role::Part => page
                .rel
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .trim_end_matches(".md"),
            _ => own.rsplit('/').next().unwrap_or_default(),
        };
        let slug = match slug_of(&page.meta) {
            Some(s) => slugify(s),
            None => slugify(segment),
        };
        if slug.is_empty() {
            let (message, hint) = crate::words::w().no_address_from_name();
            diagnostics.push(Diagnostic::error(&page.path, message).with_hint(hint));
            continue;
        }
        page.url = format!("{}{slug}/", site.pages[parent].url);
        page.parent = Some(parent);
        let id = site.pages.len();
        if page.role != Role::Part {
            section_by_folder.insert(own, id);
        }
        site.pages[parent].children.push(id);
        site.pages.push(page);
    }
    for id in 0..site.pages.len() {
        site.order_children(id);
    }
    // Two pages, one address.
    let mut by_url: BTreeMap<&str, PageId> = BTreeMap::new();
    for (id, page) in site.pages.iter().enumerate() {
        if let Some(&first) = by_url.get(page.url.as_str()) {
            let other = &site.pages[first];
            let (message, hint) = crate::words::w().pages_same_address(
                &crate::diagnostic::display_path(&other.path),
                &page.output_path(),
            );
            diagnostics.push(Diagnostic::error(&page.path, message).with_hint(hint));
        } else {
            by_url.insert(&page.url, id);
        }
    }
    site.by_rel = site
        .pages
        .iter()
        .enumerate()
        .map(|(id, p)| (p.rel.clone(), id))
        .collect();
    site.by_output = site
        .pages
        .iter()
        .enumerate()
        .map(|(id, p)| (p.output_path(), id))
        .collect();
    site.theme_words = theme_words(&site.pages);
    // Folder by folder, as `Path` compares (every file is under content/).
    let mut order: Vec<PageId> = (0..site.pages.len()).collect();
    order.sort_by(|&a, &b| {
        site.pages[a]
            .rel
            .split('/')
            .cmp(site.pages[b].rel.split('/'))
    });
    site.path_order = order;
}

/// Every theme word `pages` name, by slug, with the word as first written
/// (shown when `site.yaml` has no label for it): the first spelling of a
/// slug, in page order, names it.
fn theme_words(pages: &[Page]) -> BTreeMap<String, String> {
    let mut words = BTreeMap::new();
    // Thousands of pages name a few dozen words: each spelling once.
    let mut seen: crate::hash::FxSet<&str> = Default::default();
    for page in pages {
        for w in page.meta.themes() {
            if !seen.insert(w.as_str()) {
                continue;
            }
            let slug = slugify(w);
            if !slug.is_empty() {
                words.entry(slug).or_insert_with(|| w.clone());
            }
        }
    }
    words
}

/// Assets go beside the pages of their folder: the folder part of their path
/// is made of the same slugs as the pages' URLs.
fn place_assets(site: &mut Site, assets: Vec<Asset>, diagnostics: &mut Vec<Diagnostic>) {
    let section_url: HashMap<String, String> = site
        .pages
        .iter()
        .filter(|p| p.role != Role::Part)
        .map(|p| (folder(&p.rel).to_string(), p.url.clone()))
        .collect();
    for asset in assets {
        let (dir, name) = asset.rel.rsplit_once('/').unwrap_or(("", &asset.rel));
        let out_dir = match section_url.get(dir) {
            Some(url) => url.clone(),
            None => dir
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| format!("{}/", slugify(s)))
                .collect(),
        };
        let out = format!("{out_dir}{name}");
        if let Some(&id) = site.by_output.get(&out) {
            let (message, hint) = crate::words::w().file_and_page_same_address(
                &crate::diagnostic::display_path(&site.pages[id].path),
                &out,
            );
            diagnostics.push(
                Diagnostic::error(PathBuf::from("content").join(&asset.rel), message)
                    .with_hint(hint),
            );
            continue;
        }
        site.asset_by_rel.insert(asset.rel.clone(), out.clone());
        site.assets.push((asset, out));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a site is made of, as text, to compare two sites.
    fn shape(site: &Site) -> String {
        let pages: Vec<_> = site
            .pages
            .iter()
            .map(|p| (&p.rel, &p.url, &p.title, p.parent, &p.children))
            .collect();
        let mut by_rel: Vec<_> = site.by_rel.iter().collect();
        by_rel.sort();
        let mut by_output: Vec<_> = site.by_output.iter().collect();
        by_output.sort();
        format!(
            "{pages:?}\n{by_rel:?}\n{by_output:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            site.path_order, site.theme_words, site.assets, site.drafts
        )
    }

    fn loaded(files: &[(&str, &str)]) -> Loaded {
        let mut sources: Vec<Source> = files
            .iter()
            .map(|(rel, text)| Source {
                path: PathBuf::from("content").join(rel),
                rel: rel.to_string(),
                text: Arc::from(*text),
            })
            .collect();
        sources.sort_by(|a, b| crate::load::walk_order(&a.rel, &b.rel));
        Loaded {
            sources,
            ..Loaded::default()
        }
    }

    // A part that came or went is put in or taken out of the last build's
    // site, which is then the site a build from nothing makes; anything
    // but a plain part is built from nothing.
    #[test]
    fn a_part_that_came_or_went_is_placed_as_from_nothing() {
        let site = [
            ("_index.md", "---\ntitle: Hem\n---\n"),
            ("om.md", "---\ntitle: Om\n---\n"),
            ("region-a/_index.md", "---\ntitle: A\n---\n"),
            ("region-a/kontakt.md", "---\ntitle: Kontakt\n---\n"),
            (
                "region-a/plan/_index.md",
                "---\ntitle: Plan\nthemes: [Vård]\n---\n",
            ),
            ("region-a/plan/b.md", "---\ntitle: B\nweight: 2\n---\n"),
            (
                "region-a/plan/d.md",
                "---\ntitle: D\nthemes: [Skola]\n---\n",
            ),
            ("region-a-b/_index.md", "---\ntitle: AB\n---\n"),
            ("region-a-b/p/_index.md", "---\ntitle: P\n---\n"),
            ("region-a-b/p/x.md", "---\ntitle: X\n---\n"),
            ("region-b/_index.md", "---\ntitle: B\ndraft: true\n---\n"),
            ("region-b/p/_index.md", "---\ntitle: P\n---\n"),
        ];
        let part = "---\ntitle: Ny\nweight: 1\n---\n";
        // (came, went, whether it is patched)
        type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str], bool);
        let cases: &[Case] = &[
            (&[("region-a/plan/c.md", part)], &[], true),
            (&[("region-a/plan/a.md", part)], &[], true),
            (&[("region-a/plan/z.md", part)], &[], true),
            (&[("region-a/a.md", part)], &[], true),
            (&[("region-a-b/p/a.md", part)], &[], true),
            (&[("a.md", part)], &[], true),
            (&[("zz.md", part)], &[], true),
            (
                &[(
                    "region-a/plan/c.md",
                    "---\ntitle: C\nthemes: [vård, skola, Nytt]\n---\n",
                )],
                &[],
                true,
            ),
            (
                &[("region-a/plan/a.md", part), ("region-a-b/p/y.md", part)],
                &["region-a/plan/b.md", "om.md"],
                true,
            ),
            (&[], &["region-a/plan/d.md"], true),
            (&[], &["region-a/kontakt.md", "region-a-b/p/x.md"], true),
            // Not a plain part: built from nothing.
            (
                &[("region-a/plan/c.md", "---\ntitle: C\ndraft: true\n---\n")],
                &[],
                false,
            ),
            (
                &[("region-a/plan/c.md", "---\ntitle: C\nslug: b\n---\n")],
                &[],
                false,
            ),
            (
                &[("region-a/plan/c.md", "---\ntitle: [\n---\n")],
                &[],
                false,
            ),
            (&[("region-a/plan/!.md", part)], &[], false),
            (&[("region-b/p/c.md", part)], &[], false),
            (&[("region-c/c.md", part)], &[], false),
            (
                &[("region-c/_index.md", "---\ntitle: C\n---\n")],
                &[],
                false,
            ),
            (
                &[("region-a/ny/_index.md", "---\ntitle: Ny\n---\n")],
                &[],
                false,
            ),
            (&[], &["region-a/plan/_index.md"], false),
        ];
        let config = Config::new("/nowhere");
        for (came, went, patched) in cases {
            let before = loaded(&site);
            let mut files: Vec<(&str, &str)> = site
                .iter()
                .filter(|(rel, _)| !went.contains(rel))
                .copied()
                .collect();
            files.extend(came.iter().copied());
            let now = loaded(&files);
            let mut cache = ParseCache::default();
            let mut said = Vec::new();
            let old = build_with(&config, before, &mut cache, &mut said);
            assert!(said.is_empty() && old.patchable, "{said:?}");
            let reloaded = crate::load::Reloaded {
                added: came.iter().map(|(rel, _)| rel.to_string()).collect(),
                removed: went.iter().map(|rel| rel.to_string()).collect(),
                ..Default::default()
            };
            let lineage = old.lineage;
            let got = patch_reloaded(old, &now, &reloaded, &mut cache);
            assert_eq!(got.is_some(), *patched, "{came:?} {went:?}");
            let Some(got) = got else { continue };
            assert_ne!(got.lineage, lineage);
            let mut said = Vec::new();
            let want = build_with(&config, now, &mut ParseCache::default(), &mut said);
            assert!(said.is_empty(), "{said:?}");
            assert_eq!(shape(&got), shape(&want), "{came:?} {went:?}");
        }
    }

    #[test]
    fn roles_follow_the_folder_depth() {
        let cases = [
            ("_index.md", Some(Role::Home)),
            ("om.md", Some(Role::Part)),
            ("skane/_index.md", Some(Role::Region)),
            ("skane/pub/_index.md", Some(Role::Publication)),
            ("skane/pub/malbild.md", Some(Role::Part)),
            ("skane/pub/deeper/x.md", None),
        ];
        for (rel, role) in cases {
            assert_eq!(role_of(rel), role, "{rel}");
        }
    }

    #[test]
    fn slugs_are_swedish_aware() {
        assert_eq!(slugify("framgångsfaktorer"), "framgangsfaktorer");
        assert_eq!(slugify("Hälsa och sjukvård 2.0"), "halsa-och-sjukvard-2-0");
        assert_eq!(slugify("Öppna jämförelser"), "oppna-jamforelser");
    }

    // See: issue 11. A date written another way is told how to write it.
    #[test]
    fn dates_that_are_not_dates() {
        for (written, message, hint) in [
            (
                "2024-13-01",
                "`2024-13-01` är inget datum: månad 13 finns inte, året har 12 månader",
                "skriv datumet som ÅÅÅÅ-MM-DD",
            ),
            (
                "januari 2023",
                "`januari 2023` är inget datum som malbild kan läsa",
                "skriv `date: 2023-01` (år-månad med siffror)",
            ),
            (
                "24 januari 2023",
                "`24 januari 2023` är inget datum som malbild kan läsa",
                "skriv `date: 2023-01-24` (år-månad-dag med siffror)",
            ),
            (
                "2023/01/24",
                "`2023/01/24` är inget datum som malbild kan läsa",
                "skriv `date: 2023-01-24`",
            ),
            (
                "24.1.2023",
                "`24.1.2023` är inget datum som malbild kan läsa",
                "skriv `date: 2023-01-24`",
            ),
            (
                "31 feb 2023",
                "`31 feb 2023` är inget datum som malbild kan läsa",
                "skriv ett datum som finns, t.ex. `date: 2023-02-28`",
            ),
            (
                "snart",
                "`snart` är inget datum som malbild kan läsa",
                "skriv datumet som ÅÅÅÅ-MM-DD",
            ),
        ] {
            let (m, h) = not_a_date(written);
            assert_eq!(m, message, "{written}");
            assert!(h.starts_with(hint), "{written}: {h}");
        }
    }

    #[test]
    fn dates() {
        let months: Vec<String> = ["januari", "februari", "mars", "april"]
            .map(String::from)
            .to_vec();
        let cases = [
            ("2023", Some(("2023", "2023"))),
            ("2023-01", Some(("2023-01", "januari 2023"))),
            ("2020-04-16", Some(("2020-04-16", "16 april 2020"))),
            ("2023-13", None),
            ("23-01-01", None),
            ("januari 2023", None),
            // See: issue 11 (published as "31 februari 2023").
            ("2023-02-31", None),
            ("2023-02-29", None),
            ("2024-02-29", Some(("2024-02-29", "29 februari 2024"))),
            ("2100-02-29", None),
            ("2000-02-29", Some(("2000-02-29", "29 februari 2000"))),
            ("2023-04-31", None),
            ("2023-01-31", Some(("2023-01-31", "31 januari 2023"))),
        ];
        for (input, want) in cases {
            let got = Date::parse(input).map(|d| (d.iso(), d.text(&months)));
            let want = want.map(|(a, b)| (a.to_string(), b.to_string()));
            assert_eq!(got, want, "{input}");
        }
    }
}
