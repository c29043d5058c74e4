//! Where the site's made outputs live (print pages, the accessibility
//! statement, the comparison and theme pages, the feed, the search page) and
//! whether the theme makes them: the facts a page's views link by. They are
//! here, below the modules that make those outputs (`print`, `statement`,
//! `across`, `feed`, `search`), so that rendering a page never reaches up
//! into them; those modules re-export what is theirs.
//!
//! This module renders nothing.

use crate::model::{PageId, Site};
use crate::theme::Theme;

/// The print page of a publication (`crate::print`).
pub(crate) mod print {
    use super::*;

    /// The template of the print page.
    pub(crate) const PAGE_TEMPLATE: &str = "print/publication.html";
    /// The template of one part on the print page.
    pub(crate) const PART_TEMPLATE: &str = "print/part.html";

    /// Whether the theme makes print pages (a theme that does not extend the
    /// default one may have no print templates).
    pub(crate) fn enabled(theme: &Theme) -> bool {
        theme.has(PAGE_TEMPLATE) && theme.has(PART_TEMPLATE)
    }

    /// The print page's folder, e.g. `sormland/nara-vard-2023/print/`.
    pub(crate) fn url(site: &Site, publication: PageId) -> String {
        format!("{}print/", site.pages[publication].url)
    }

    /// The print page's file, relative to the output folder.
    pub(crate) fn output_path(site: &Site, publication: PageId) -> String {
        format!("{}index.html", url(site, publication))
    }
}

/// The accessibility statement (`crate::statement`).
pub(crate) mod statement {
    /// Where the statement is written, from the site root.
    pub(crate) const URL: &str = "tillganglighet/index.html";
    /// The template that renders it.
    pub(crate) const TEMPLATE: &str = "accessibility.html";
}

/// The pages across regions (`crate::across`).
pub(crate) mod across {
    use super::*;

    /// The comparison page's template.
    pub(crate) const COMPARE_TEMPLATE: &str = "compare.html";
    /// The template of the list of theme words.
    pub(crate) const THEMES_TEMPLATE: &str = "themes.html";
    /// The template of one theme word's page.
    pub(crate) const THEME_TEMPLATE: &str = "theme.html";

    /// Where the comparison is, from the site root.
    pub(crate) const COMPARE_URL: &str = "jamfor/index.html";
    /// Where the list of theme words is.
    pub(crate) const THEMES_URL: &str = "teman/index.html";

    /// Whether page `page` is among the pages a publication's theme pages,
    /// list of theme words or comparison may show: it has theme words, or
    /// something for the comparison ([`compared`]). They read the others of a
    /// publication's pages not at all ([`crate::render::Views::gathered`]), so that a part
    /// with neither coming or going makes none of them again.
    pub(crate) fn gathered(page: &crate::model::Page) -> bool {
        !page.meta.themes().is_empty() || compared(page)
    }

    /// Whether part `page` has a vision, goal areas, success factors or
    /// perspective shifts: the comparison shows it.
    pub(crate) fn compared(page: &crate::model::Page) -> bool {
        page.part().is_some_and(|m| {
            m.vision.is_some()
                || !m.goal_areas.is_empty()
                || !m.factors.is_empty()
                || !m.shifts.is_empty()
        })
    }

    /// Whether the theme has the comparison page.
    pub(crate) fn compare_enabled(theme: &Theme) -> bool {
        theme.has(COMPARE_TEMPLATE)
    }

    /// Whether the theme has the theme pages.
    pub(crate) fn themes_enabled(theme: &Theme) -> bool {
        theme.has(THEMES_TEMPLATE) && theme.has(THEME_TEMPLATE)
    }

    /// The page of theme word `slug`, from the site root.
    pub(crate) fn theme_url(slug: &str) -> String {
        format!("teman/{slug}/index.html")
    }

    /// How many regions one page of the comparison and of a theme word's
    /// page holds when the site has more: `site.yaml`'s `split: regions:`,
    /// else 21. A site of Sweden's 21 regions keeps them all side by side
    /// on one page, which is what the comparison is for (with a few
    /// publications each, a page of some hundred kilobytes); a site of
    /// regions and municipalities, or of hundreds of regions, gets a page
    /// per 21 regions in the site's order, so a reader comparing
    /// neighbours finds them together and a publication's edit makes one
    /// page of the comparison again, not one of megabytes.
    pub(crate) fn group_size(site: &Site) -> usize {
        site.config.split.regions.unwrap_or(21).max(1)
    }

    /// The regions of the site, in order.
    pub(crate) fn regions(site: &Site) -> impl Iterator<Item = PageId> + '_ {
        site.pages[Site::HOME]
            .children
            .iter()
            .copied()
            .filter(|&r| site.pages[r].role == crate::model::Role::Region)
    }

    /// How many pages the comparison (and each theme word's page) has: one
    /// unless the site has more regions than [`group_size`]. It changes
    /// only with the regions, which every page's navigation shows, so a
    /// page that links to one of them is made again when it does.
    pub(crate) fn groups(site: &Site) -> usize {
        regions(site).count().div_ceil(group_size(site)).max(1)
    }

    /// Page `group` (from 0) of the comparison: `jamfor/index.html`, then
    /// `jamfor/sida/2/index.html`...
    pub(crate) fn compare_path(group: usize) -> String {
        if group == 0 {
            COMPARE_URL.to_string()
        } else {
            format!("jamfor/sida/{}/index.html", group + 1)
        }
    }

    /// Page `group` (from 0) of theme word `slug`'s page.
    pub(crate) fn theme_path(slug: &str, group: usize) -> String {
        if group == 0 {
            theme_url(slug)
        } else {
            format!("teman/{slug}/sida/{}/index.html", group + 1)
        }
    }

    /// The page of the comparison that shows publication `id`'s region.
    pub(crate) fn group_of(site: &Site, id: PageId) -> usize {
        if groups(site) == 1 {
            return 0;
        }
        let region = site.pages[id].parent.unwrap_or(Site::HOME);
        regions(site).position(|r| r == region).unwrap_or(0) / group_size(site)
    }

    /// The id of publication `id` on the comparison page (its columns' ids
    /// add `-visions`, `-goal-areas`...).
    pub(crate) fn compare_anchor(site: &Site, id: PageId) -> String {
        let url = site.pages[id].url.trim_matches('/');
        format!("mb-jamfor-{}", url.replace('/', "-"))
    }

    /// Where a publication's link to the comparison leads: its goal areas
    /// (a column, or the line that says it has none).
    pub(crate) fn compare_link(site: &Site, id: PageId) -> String {
        format!(
            "{}#{}-goal-areas",
            compare_path(group_of(site, id)),
            compare_anchor(site, id)
        )
    }
}

/// The feed (`crate::feed`).
pub(crate) mod feed {
    /// The Atom feed, from the site root.
    pub(crate) const FEED_URL: &str = "feed.xml";
}

/// The search page (`crate::search`).
pub(crate) mod search {
    use super::*;

    /// The search page's template.
    pub(crate) const TEMPLATE: &str = "search.html";
    /// The template of a part of the A–Ö list, when a large site's list is
    /// split (`crate::index::Plan`).
    pub(crate) const LETTER_TEMPLATE: &str = "search_letter.html";
    /// Where the search page is, from the site root.
    pub(crate) const URL: &str = "sok/index.html";

    /// Whether the theme has the search page (and so the index is made).
    pub(crate) fn enabled(theme: &Theme) -> bool {
        theme.has(TEMPLATE)
    }
}
