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
pub mod print {
    use super::*;

    /// The template of the print page.
    pub const PAGE_TEMPLATE: &str = "print/publication.html";
    /// The template of one part on the print page.
    pub const PART_TEMPLATE: &str = "print/part.html";

    /// Whether the theme makes print pages (a theme that does not extend the
    /// default one may have no print templates).
    pub fn enabled(theme: &Theme) -> bool {
        theme.has(PAGE_TEMPLATE) && theme.has(PART_TEMPLATE)
    }

    /// The print page's folder, e.g. `sormland/nara-vard-2023/print/`.
    pub fn url(site: &Site, publication: PageId) -> String {
        format!("{}print/", site.pages[publication].url)
    }

    /// The print page's file, relative to the output folder.
    pub fn output_path(site: &Site, publication: PageId) -> String {
        format!("{}index.html", url(site, publication))
    }
}

/// The accessibility statement (`crate::statement`).
pub mod statement {
    /// Where the statement is written, from the site root.
    pub const URL: &str = "tillganglighet/index.html";
    /// The template that renders it.
    pub const TEMPLATE: &str = "accessibility.html";
}

/// The pages across regions (`crate::across`).
pub mod across {
    use super::*;

    /// The comparison page's template.
    pub const COMPARE_TEMPLATE: &str = "compare.html";
    /// The template of the list of theme words.
    pub const THEMES_TEMPLATE: &str = "themes.html";
    /// The template of one theme word's page.
    pub const THEME_TEMPLATE: &str = "theme.html";

    /// Where the comparison is, from the site root.
    pub const COMPARE_URL: &str = "jamfor/index.html";
    /// Where the list of theme words is.
    pub const THEMES_URL: &str = "teman/index.html";

    /// Whether the theme has the comparison page.
    pub fn compare_enabled(theme: &Theme) -> bool {
        theme.has(COMPARE_TEMPLATE)
    }

    /// Whether the theme has the theme pages.
    pub fn themes_enabled(theme: &Theme) -> bool {
        theme.has(THEMES_TEMPLATE) && theme.has(THEME_TEMPLATE)
    }

    /// The page of theme word `slug`, from the site root.
    pub fn theme_url(slug: &str) -> String {
        format!("teman/{slug}/index.html")
    }

    /// The id of publication `id` on the comparison page (its columns' ids
    /// add `-visions`, `-goal-areas`...).
    pub fn compare_anchor(site: &Site, id: PageId) -> String {
        let url = site.pages[id].url.trim_matches('/');
        format!("mb-jamfor-{}", url.replace('/', "-"))
    }

    /// Where a publication's link to the comparison leads: its goal areas
    /// (a column, or the line that says it has none).
    pub fn compare_link(site: &Site, id: PageId) -> String {
        format!("{COMPARE_URL}#{}-goal-areas", compare_anchor(site, id))
    }
}

/// The feed (`crate::feed`).
pub mod feed {
    /// The Atom feed, from the site root.
    pub const FEED_URL: &str = "feed.xml";
}

/// The search page (`crate::search`).
pub mod search {
    use super::*;

    /// The search page's template.
    pub const TEMPLATE: &str = "search.html";
    /// Where the search page is, from the site root.
    pub const URL: &str = "sok/index.html";

    /// Whether the theme has the search page (and so the index is made).
    pub fn enabled(theme: &Theme) -> bool {
        theme.has(TEMPLATE)
    }
}
