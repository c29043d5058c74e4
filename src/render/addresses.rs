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

    /// The id of publication `id` on the comparison page (its columns' ids
    /// add `-visions`, `-goal-areas`...).
    pub(crate) fn compare_anchor(site: &Site, id: PageId) -> String {
        let url = site.pages[id].url.trim_matches('/');
        format!("mb-jamfor-{}", url.replace('/', "-"))
    }

    /// Where a publication's link to the comparison leads: its goal areas
    /// (a column, or the line that says it has none).
    pub(crate) fn compare_link(site: &Site, id: PageId) -> String {
        format!("{COMPARE_URL}#{}-goal-areas", compare_anchor(site, id))
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
    /// split (`crate::search::Plan`).
    pub(crate) const LETTER_TEMPLATE: &str = "search_letter.html";
    /// Where the search page is, from the site root.
    pub(crate) const URL: &str = "sok/index.html";

    /// Whether the theme has the search page (and so the index is made).
    pub(crate) fn enabled(theme: &Theme) -> bool {
        theme.has(TEMPLATE)
    }
}
