//! Where the site's made outputs live (print pages, the accessibility
//! statement) and whether the theme makes them: the facts a page's views link
//! by. They are here, below the modules that make those outputs (`print`,
//! `statement`), so that rendering a page never reaches up into them; those
//! modules re-export what is theirs.
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
