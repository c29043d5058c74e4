//! The print page of each publication, `<region>/<publication>/print/`: a
//! cover, the publication's own text, a table of contents and then every part
//! in order, on one page made for paper and for the PDF.
//!
//! Like mdBook's `html/print.rs`, this stage works on HTML. Each part is
//! rendered through the theme's `print/part.html`; then every piece is
//! rewritten so that the pieces fit on one page: headings move one level down
//! (a part's `h1` becomes an `h2` under the publication's `h1`), ids are made
//! unique across the page, and links between the publication's pages become
//! links within the page. The result goes through `print/publication.html`.
//!
//! This module neither writes files nor makes PDFs (`crate::pdf` does).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use lol_html::{RewriteStrSettings, element, end_tag, rewrite_str, text};
use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, display_path};
use crate::links;
use crate::markdown::{Ids, TABLE_REGION_CLASS, unnamed_table_name};
use crate::model::{PageId, Role, Site};
use std::sync::Arc;

use crate::progress::{Phase, Progress};
use crate::render::{Basis, Body, Check, Link, OutFile, Output, Pages, RESERVED_IDS, Reads, Views};
use crate::theme::Theme;

pub(crate) use crate::render::addresses::print::{
    PAGE_TEMPLATE, PART_TEMPLATE, enabled, output_path, url,
};

/// The id `print/part.html` gives the part's heading; it becomes the part's anchor.
const PART_ID: &str = "mb-part";
/// The id of the cover on the print page; links to the landing page lead there.
const COVER_ID: &str = "mb-cover";
/// The class of a link whose text is its address: print does not repeat it.
const URL_SHOWN: &str = "print-url-shown";
/// Ids `print/publication.html` writes itself.
const TEMPLATE_IDS: &[&str] = &[COVER_ID, "mb-print-toc"];

/// The PDF's file, e.g. `sormland/nara-vard-2023/print/sormland-nara-vard-2023.pdf`:
/// named after the region and the publication, so that downloads keep apart.
pub(crate) fn pdf_path(site: &Site, publication: PageId) -> String {
    let name = site.pages[publication]
        .url
        .trim_end_matches('/')
        .replace('/', "-");
    format!("{}{name}.pdf", url(site, publication))
}

/// The publications of the site, in site order.
pub(crate) fn publications(site: &Site) -> Vec<PageId> {
    (0..site.pages.len())
        .filter(|&id| site.pages[id].role == Role::Publication)
        .collect()
}

/// An entry of the print page's table of contents.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TocEntry {
    /// The id it links to, on the print page.
    pub id: String,
    /// The heading's text as HTML (escaped text, no tags).
    pub title_html: String,
    /// The sections of a part (its `h3` headings on the print page).
    pub children: Vec<TocEntry>,
    /// The page it is on in the PDF, when known (only in the copy of the
    /// print page that the PDF is made from; see [`numbered`]).
    pub page: Option<usize>,
}

/// One part on the print page.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintPart {
    /// Its anchor on the print page.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: &'static str,
    /// Its HTML, rewritten for the print page.
    pub html: String,
}

/// What `print/publication.html` gets as `print`, besides `page` (the
/// publication, with role `print`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PrintView {
    /// The table of contents: every part, with its sections.
    pub toc: Vec<TocEntry>,
    /// The publication's own text (its `_index.md`), rewritten; `""` when empty.
    pub intro_html: String,
    /// The parts, in order.
    pub parts: Vec<PrintPart>,
    /// The publication's landing page.
    pub publication: Link,
}

/// Renders the print page of every publication, in parallel; a print page
/// whose fingerprint is as in `cache` is not rendered again.
pub(crate) fn pages(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    basis: &Basis,
    target: crate::render::Target<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    progress: &dyn Progress,
) -> Pages {
    let crate::render::Target { cache, sink } = target;
    let mut out = Pages::default();
    if !enabled(theme) {
        return out;
    }
    let no_pdfs = Default::default();
    let check = Check::new(cache, basis);
    let base = &basis.base;
    let shared = crate::hash::Combine::default()
        .u64(basis.shown(theme, PAGE_TEMPLATE))
        .u64(basis.shown(theme, PART_TEMPLATE))
        .u64(theme.fingerprint(PAGE_TEMPLATE))
        .u64(theme.fingerprint(PART_TEMPLATE))
        .finish();
    // Addresses a page has taken.
    let taken = &site.by_output;
    let publications = publications(site);
    progress.phase(Phase::Print, publications.len() as u64);
    let results: Vec<Result<Output, Diagnostic>> = publications
        .into_par_iter()
        .map(|id| {
            progress.advance(1);
            let path = output_path(site, id);
            if let Some(other) = taken.get(&path).map(|&o| &site.pages[o]) {
                let (message, hint) =
                    crate::words::w().print_taken(&display_path(&site.pages[id].path), &path);
                return Err(Diagnostic::error(&other.path, message).with_hint(hint));
            }
            crate::render::output(&check, sink, path, shared, |reads| {
                let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                view(&views, base, id)
                    .and_then(|(page, print)| render(&views, base, id, &page, &print))
            })
        })
        .collect();
    for r in results {
        match r {
            Ok(output) => out.push(output),
            // The same template error comes once per publication: say it once.
            Err(d) => {
                if !diagnostics.iter().any(|e| {
                    !d.path.starts_with("content")
                        && (&e.path, e.line, e.column) == (&d.path, d.line, d.column)
                }) {
                    diagnostics.push(d);
                }
            }
        }
    }
    out
}

/// The HTML of one page of the publication, to go on the print page.
struct Fragment {
    /// The output file of the page it comes from: its links are relative to
    /// that page, and links to that page lead to this fragment.
    page: String,
    /// Where links to the page itself (without a `#fragment`) lead.
    anchor: String,
    html: String,
    /// How many levels its headings move down.
    shift: u8,
}

/// The ids of each fragment on the print page: old id -> new id, by page.
#[derive(Default)]
struct IdMaps {
    by_page: HashMap<String, (String, HashMap<String, String>)>,
}

impl IdMaps {
    /// Where a link to `page`, with `fragment`, leads on the print page.
    fn target(&self, page: &str, fragment: Option<&str>) -> Option<String> {
        let (anchor, ids) = self.by_page.get(page)?;
        Some(
            fragment
                .and_then(|f| ids.get(f))
                .unwrap_or(anchor)
                .to_string(),
        )
    }
}

/// The print page of publication `id`, for the PDF: its table of contents
/// numbered with the pages of `bookmarks` (the bookmarks of a PDF made from
/// the print page: title and page, in order). Returns the page and the numbers,
/// or `None` when an entry of the table of contents has no bookmark.
pub(crate) fn numbered(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    id: PageId,
    bookmarks: &[(String, usize)],
) -> Option<Result<(OutFile, Vec<usize>), Diagnostic>> {
    let no_pdfs = Default::default();
    let reads = Reads::default();
    let views = Views::new(site, bodies, theme, &no_pdfs, &reads);
    let base = crate::render::base_context(site, theme);
    let (page, mut print) = match view(&views, &base, id) {
        Ok(v) => v,
        Err(d) => return Some(Err(d)),
    };
    let numbers = number(&mut print.toc, bookmarks)?;
    Some(render(&views, &base, id, &page, &print).map(|file| (file, numbers)))
}

/// Gives each entry of `toc` (parts, then their sections, in order) the page
/// of its bookmark, matching titles in order. Returns the pages in that order,
/// or `None` when an entry has no bookmark.
fn number(toc: &mut [TocEntry], bookmarks: &[(String, usize)]) -> Option<Vec<usize>> {
    /// Letters and digits only: entities, spaces and punctuation do not count.
    fn key(text: &str) -> String {
        let mut out = String::new();
        let mut entity = false;
        for c in text.chars() {
            match c {
                '&' => entity = true,
                ';' if entity => entity = false,
                c if !entity && c.is_alphanumeric() => out.extend(c.to_lowercase()),
                _ => {}
            }
        }
        out
    }
    let mut next = 0;
    let mut pages = Vec::new();
    let mut find = |entry: &mut TocEntry| -> Option<()> {
        let want = key(&entry.title_html);
        let at = bookmarks[next..]
            .iter()
            .position(|(title, _)| key(&title.replace('&', " ")) == want)?;
        let page = bookmarks[next + at].1;
        next += at + 1;
        entry.page = Some(page);
        pages.push(page);
        Some(())
    };
    for entry in toc.iter_mut() {
        find(entry)?;
        for section in &mut entry.children {
            find(section)?;
        }
    }
    Some(pages)
}

/// Everything on the print page of publication `id`: its `page` and `print`.
fn view<'a>(
    views: &Views<'a>,
    base: &tera::Context,
    id: PageId,
) -> Result<(crate::render::PageView<'a>, PrintView), Diagnostic> {
    let site = views.site;
    let publication = views.facts(id);
    let theme = views.theme;
    let print_url = url(site, id);
    let root = links::root_prefix(&print_url);
    let failed = |e: lol_html::errors::RewritingError| {
        let (message, hint) = crate::words::w().print_failed(&e.to_string());
        Diagnostic::error(&publication.path, message).with_hint(hint)
    };

    // Each part through print/part.html, as if it were at its own address.
    let mut fragments = vec![Fragment {
        page: publication.output_path(),
        anchor: COVER_ID.into(),
        html: views.body(id).content.html.clone(),
        shift: 0,
    }];
    let mut ids = Ids::new(&[RESERVED_IDS, TEMPLATE_IDS].concat());
    let mut parts = Vec::new();
    for &part_id in views.children(id) {
        let part = views.facts(part_id);
        let view = views.page(part_id);
        let mut context = base.clone();
        context.insert("root", &root);
        context.insert("page", &view);
        let html = theme
            .tera
            .render(PART_TEMPLATE, &context)
            .map_err(|e| theme.explain(&e, Some(&part.path)))?;
        let slug = part.url.trim_end_matches('/').rsplit('/').next();
        let anchor = ids.unique(slug.unwrap_or(&part.title));
        parts.push(PrintPart {
            id: anchor.clone(),
            title: part.title.clone(),
            kind: view.kind,
            html: String::new(),
        });
        fragments.push(Fragment {
            page: part.output_path(),
            anchor,
            html,
            shift: 1,
        });
    }

    // Every id gets its place on the print page before any link is rewritten,
    // since a part may link to a later one.
    let mut maps = IdMaps::default();
    let mut shows_url = Vec::new();
    for (i, fragment) in fragments.iter().enumerate() {
        let mut map = HashMap::new();
        let found = collect(&fragment.html).map_err(failed)?;
        shows_url.push(found.shows_url);
        for old in found.ids {
            let new = if i == 0 {
                ids.unique(&old)
            } else if old == PART_ID {
                fragment.anchor.clone()
            } else {
                ids.unique(&format!("{}-{old}", fragment.anchor))
            };
            map.entry(old).or_insert(new);
        }
        maps.by_page
            .insert(fragment.page.clone(), (fragment.anchor.clone(), map));
    }

    let mut toc = Vec::new();
    let mut intro_html = String::new();
    // Tables without a name are numbered again across the print page.
    let unnamed = crate::render::markdown_settings(site, theme).unnamed_table;
    let mut n_tables = 0;
    for (i, fragment) in fragments.iter().enumerate() {
        let tables = Tables {
            unnamed,
            n: &mut n_tables,
        };
        let (html, headings) =
            rewrite(fragment, &maps, &shows_url[i], &print_url, tables).map_err(failed)?;
        if i == 0 {
            intro_html = html;
            continue;
        }
        let part = &mut parts[i - 1];
        part.html = html;
        toc.push(TocEntry {
            id: part.id.clone(),
            title_html: escape(&part.title),
            page: None,
            children: headings
                .into_iter()
                .filter(|h| h.level == 3)
                .map(|h| TocEntry {
                    id: h.id,
                    title_html: h.title_html,
                    children: Vec::new(),
                    page: None,
                })
                .collect(),
        });
    }

    let mut view = views.page(id);
    view.role = "print";
    view.url = output_path(site, id);
    view.breadcrumbs.push(views.link(id));
    view.prev = None;
    view.next = None;
    view.print = None;
    // The publication's address stays the canonical one; its description
    // for machines is on its landing page only.
    view.social.json_ld = None;
    let print = PrintView {
        toc,
        intro_html,
        parts,
        publication: views.link(id),
    };
    Ok((view, print))
}

/// The print page itself, through `print/publication.html`.
fn render(
    views: &Views<'_>,
    base: &tera::Context,
    id: PageId,
    page: &crate::render::PageView<'_>,
    print: &PrintView,
) -> Result<OutFile, Diagnostic> {
    let site = views.site;
    let mut context = base.clone();
    context.insert("root", &links::root_prefix(&url(site, id)));
    context.insert("page", page);
    context.insert("print", print);
    let bytes = views
        .theme
        .render_bytes(PAGE_TEMPLATE, &context)
        .map_err(|e| views.theme.explain(&e, Some(&site.pages[id].path)))?;
    Ok(OutFile {
        path: output_path(site, id),
        bytes,
    })
}

/// What the first pass over a fragment finds.
#[derive(Debug, Default, PartialEq, Eq)]
struct Found {
    /// Every `id`, in order.
    ids: Vec<String>,
    /// For every `a[href]`, in order: whether its text is its own address
    /// (`[www.example.se](https://www.example.se/)`), so that print need not
    /// repeat the address after it.
    shows_url: Vec<bool>,
}

fn collect(html: &str) -> Result<Found, lol_html::errors::RewritingError> {
    let ids = RefCell::new(Vec::new());
    let links: RefCell<Vec<(String, String)>> = RefCell::default();
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", |el| {
                if let Some(id) = el.get_attribute("id") {
                    ids.borrow_mut().push(id);
                }
                if el.tag_name() == "a"
                    && let Some(href) = el.get_attribute("href")
                {
                    links.borrow_mut().push((href, String::new()));
                }
                Ok(())
            }))
            .append_element_content_handler(text!("a[href]", |chunk| {
                if let Some((_, text)) = links.borrow_mut().last_mut() {
                    text.push_str(chunk.as_str());
                }
                Ok(())
            })),
    )?;
    let bare = |s: &str| {
        let s = s.trim().replace("&amp;", "&").to_lowercase();
        let s = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"))
            .unwrap_or(&s);
        let s = s.strip_prefix("www.").unwrap_or(s);
        s.trim_end_matches('/').to_string()
    };
    Ok(Found {
        ids: ids.into_inner(),
        shows_url: links
            .into_inner()
            .iter()
            .map(|(href, text)| links::is_external(href) && bare(href) == bare(text))
            .collect(),
    })
}

/// A heading as it ends up on the print page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PrintHeading {
    level: u8,
    id: String,
    title_html: String,
}

/// Attributes that hold one id or a list of them.
const ID_LIST_ATTRIBUTES: &[&str] = &[
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "for",
    "headers",
];

/// The numbering of tables on the print page: the theme's name of a table
/// without one, and how many tables came before.
struct Tables<'a> {
    unnamed: &'a str,
    n: &'a mut usize,
}

/// Rewrites one fragment for the print page: ids, links, heading levels and
/// the numbers in the names of unnamed tables. Returns the HTML and its
/// headings.
fn rewrite(
    fragment: &Fragment,
    maps: &IdMaps,
    shows_url: &[bool],
    print_url: &str,
    tables: Tables<'_>,
) -> Result<(String, Vec<PrintHeading>), lol_html::errors::RewritingError> {
    let headings: Rc<RefCell<Vec<PrintHeading>>> = Rc::default();
    let mut n_links = 0;
    let in_heading = Rc::new(RefCell::new(false));
    let own = &maps.by_page[&fragment.page].1;
    let folder = fragment
        .page
        .strip_suffix("index.html")
        .unwrap_or(&fragment.page);
    let html = rewrite_str(
        &fragment.html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", |el| {
                if let Some(id) = el.get_attribute("id")
                    && let Some(new) = own.get(&id)
                {
                    el.set_attribute("id", new)?;
                }
                for name in ID_LIST_ATTRIBUTES {
                    if let Some(list) = el.get_attribute(name) {
                        let new: Vec<&str> = list
                            .split_ascii_whitespace()
                            .map(|id| own.get(id).map_or(id, String::as_str))
                            .collect();
                        el.set_attribute(name, &new.join(" "))?;
                    }
                }
                if el.tag_name() == "a" && el.has_attribute("href") {
                    if shows_url.get(n_links) == Some(&true) {
                        let class = el.get_attribute("class").unwrap_or_default();
                        el.set_attribute("class", format!("{class} {URL_SHOWN}").trim())?;
                    }
                    n_links += 1;
                }
                for name in ["href", "src"] {
                    if let Some(value) = el.get_attribute(name) {
                        let to_anchor = name == "href";
                        if let Some(new) = relink(&value, folder, to_anchor, maps, print_url) {
                            el.set_attribute(name, &new)?;
                        }
                    }
                }
                let tag = el.tag_name();
                if tag == "div"
                    && el.get_attribute("role").as_deref() == Some("region")
                    && el.get_attribute("class").is_some_and(|c| {
                        c.split_ascii_whitespace().any(|c| c == TABLE_REGION_CLASS)
                    })
                {
                    *tables.n += 1;
                    if el.has_attribute("aria-label") {
                        el.set_attribute(
                            "aria-label",
                            &unnamed_table_name(tables.unnamed, *tables.n),
                        )?;
                    }
                }
                if let Some(level) = heading_level(&tag) {
                    let level = (level + fragment.shift).min(6);
                    el.set_tag_name(&format!("h{level}"))?;
                    if let Some(id) = el.get_attribute("id") {
                        headings.borrow_mut().push(PrintHeading {
                            level,
                            id,
                            title_html: String::new(),
                        });
                        *in_heading.borrow_mut() = true;
                        let in_heading = in_heading.clone();
                        el.on_end_tag(end_tag!(move |_| {
                            *in_heading.borrow_mut() = false;
                            Ok(())
                        }))?;
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(text!("h1, h2, h3, h4, h5, h6", |chunk| {
                if *in_heading.borrow()
                    && let Some(h) = headings.borrow_mut().last_mut()
                {
                    h.title_html.push_str(chunk.as_str());
                }
                Ok(())
            })),
    )?;
    let mut headings = headings.take();
    for h in &mut headings {
        h.title_html = h
            .title_html
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
    }
    Ok((html, headings))
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

/// The new value of a link (`href`, or `src` when `to_anchor` is false) of
/// the page in `folder`, on the print page at `print_url`; `None` keeps it.
/// A link to a page shown on the print page becomes a link within it.
fn relink(
    value: &str,
    folder: &str,
    to_anchor: bool,
    maps: &IdMaps,
    print_url: &str,
) -> Option<String> {
    if value.is_empty() || links::is_external(value) {
        return None;
    }
    let base = url::Url::parse("https://malbild.invalid/")
        .ok()?
        .join(folder)
        .ok()?;
    let target = base.join(value).ok()?;
    let mut path = target.path().trim_start_matches('/').to_string();
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    }
    if to_anchor {
        let fragment = target.fragment();
        if let Some(id) = maps.target(&path, fragment) {
            return Some(format!("#{id}"));
        }
    }
    let mut out = links::relative(print_url, &path);
    if let Some(q) = target.query() {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = target.fragment() {
        out.push('#');
        out.push_str(f);
    }
    Some(out)
}

/// Text as HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn maps() -> IdMaps {
        let mut maps = IdMaps::default();
        maps.by_page.insert(
            "r/p/index.html".into(),
            (COVER_ID.into(), HashMap::from([("om".into(), "om".into())])),
        );
        maps.by_page.insert(
            "r/p/bakgrund/index.html".into(),
            (
                "bakgrund".into(),
                HashMap::from([("syfte".into(), "bakgrund-syfte".into())]),
            ),
        );
        maps.by_page.insert(
            "r/p/malbild/index.html".into(),
            (
                "malbild".into(),
                HashMap::from([("syfte".into(), "malbild-syfte".into())]),
            ),
        );
        maps
    }

    #[test]
    fn links_between_parts_become_anchors() {
        let maps = maps();
        // (link, the page's folder, href or src, new value)
        let cases = [
            (
                "../bakgrund/index.html#syfte",
                "r/p/malbild/",
                true,
                Some("#bakgrund-syfte"),
            ),
            (
                "../bakgrund/index.html",
                "r/p/malbild/",
                true,
                Some("#bakgrund"),
            ),
            (
                "../bakgrund/index.html#okand",
                "r/p/malbild/",
                true,
                Some("#bakgrund"),
            ),
            ("#syfte", "r/p/malbild/", true, Some("#malbild-syfte")),
            (
                "index.html#syfte",
                "r/p/malbild/",
                true,
                Some("#malbild-syfte"),
            ),
            ("../index.html", "r/p/malbild/", true, Some("#mb-cover")),
            ("bakgrund/index.html", "r/p/", true, Some("#bakgrund")),
            ("#om", "r/p/", true, Some("#om")),
            (
                "../../../q/index.html",
                "r/p/malbild/",
                true,
                Some("../../../q/index.html"),
            ),
            ("../karta.svg", "r/p/malbild/", false, Some("../karta.svg")),
            ("karta%20ny.svg", "r/p/", false, Some("../karta%20ny.svg")),
            (
                "../../index.html?a=1#x",
                "r/p/",
                true,
                Some("../../../index.html?a=1#x"),
            ),
            ("https://example.se/a", "r/p/", true, None),
            ("mailto:a@b.se", "r/p/", true, None),
        ];
        for (value, folder, href, want) in cases {
            assert_eq!(
                relink(value, folder, href, &maps, "r/p/print/").as_deref(),
                want,
                "{value} in {folder}"
            );
        }
    }

    #[test]
    fn headings_move_down_and_ids_follow() {
        let maps = maps();
        let fragment = Fragment {
            page: "r/p/malbild/index.html".into(),
            anchor: "malbild".into(),
            html: concat!(
                "<section aria-labelledby=\"syfte\"><h1>Målbild</h1>",
                "<h2 id=\"syfte\">Syfte &amp; <code>mål</code></h2>",
                "<h6 id=\"x\">Djup</h6><p><a href=\"#syfte\">upp</a></p></section>"
            )
            .into(),
            shift: 1,
        };
        let tables = Tables {
            unnamed: "Tabell {n}",
            n: &mut 0,
        };
        let (html, headings) = rewrite(&fragment, &maps, &[false], "r/p/print/", tables).unwrap();
        assert_eq!(
            html,
            concat!(
                "<section aria-labelledby=\"malbild-syfte\"><h2>Målbild</h2>",
                "<h3 id=\"malbild-syfte\">Syfte &amp; <code>mål</code></h3>",
                "<h6 id=\"x\">Djup</h6><p><a href=\"#malbild-syfte\">upp</a></p></section>"
            )
        );
        assert_eq!(
            headings,
            vec![
                PrintHeading {
                    level: 3,
                    id: "malbild-syfte".into(),
                    title_html: "Syfte &amp; mål".into()
                },
                PrintHeading {
                    level: 6,
                    id: "x".into(),
                    title_html: "Djup".into()
                },
            ]
        );
    }

    #[test]
    fn links_that_show_their_address_are_found() {
        let found = collect(concat!(
            "<h2 id=\"a\">A</h2><p><a href=\"https://www.fou.se/x/\">www.fou.se/x</a> ",
            "<a href=\"https://fou.se\">FoU</a> <a href=\"../b/index.html\">../b/index.html</a> ",
            "<a href=\"http://a.se/?q=1&amp;r=2\">a.se/?q=1&amp;r=2</a><span id=\"b\"></span></p>"
        ))
        .unwrap();
        assert_eq!(
            found,
            Found {
                ids: vec!["a".into(), "b".into()],
                shows_url: vec![true, false, false, true],
            }
        );
    }

    #[test]
    fn the_table_of_contents_takes_its_pages_from_the_bookmarks() {
        let entry = |title: &str, children: Vec<TocEntry>| TocEntry {
            id: String::new(),
            title_html: title.into(),
            children,
            page: None,
        };
        let toc = || {
            vec![
                entry(
                    "Målbild",
                    vec![entry("Vision", vec![]), entry("Syfte &amp; mål", vec![])],
                ),
                entry("Bakgrund", vec![entry("Syfte &amp; mål", vec![])]),
            ]
        };
        let marks = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
            list.iter().map(|(t, p)| (t.to_string(), *p)).collect()
        };
        // (the PDF's bookmarks, the pages of the entries)
        type Case<'a> = (&'a [(&'a str, usize)], Option<&'a [usize]>);
        let cases: &[Case<'_>] = &[
            (
                &[
                    ("Plan", 1),
                    ("Innehåll", 2),
                    ("Målbild", 3),
                    ("Vision", 3),
                    ("Syfte & mål", 4),
                    ("Bakgrund", 5),
                    ("Syfte &\nmål", 6),
                ],
                Some(&[3, 3, 4, 5, 6]),
            ),
            // Each bookmark serves one entry, in order.
            (
                &[
                    ("Målbild", 3),
                    ("Vision", 3),
                    ("Syfte & mål", 4),
                    ("Bakgrund", 5),
                ],
                None,
            ),
            (&[], None),
        ];
        for (bookmarks, want) in cases {
            let mut toc = toc();
            let got = number(&mut toc, &marks(bookmarks));
            assert_eq!(got.as_deref(), *want, "{bookmarks:?}");
            if let Some(want) = want {
                assert_eq!(toc[1].children[0].page, Some(want[4]));
            }
        }
    }

    #[test]
    fn pdf_names_keep_regions_apart() {
        let mut site = Site::default();
        for url in ["", "sormland/", "sormland/nara-vard-2023/"] {
            site.pages.push(crate::model::Page {
                path: "x".into(),
                rel: String::new(),
                text: "".into(),
                text_hash: 0,
                front_hash: 0,
                body_offset: 0,
                role: Role::Publication,
                meta: crate::model::Meta::Home(Default::default()).into(),
                title: String::new(),
                weight: 0,
                date: None,
                url: url.into(),
                parent: None,
                children: Vec::new(),
            });
        }
        assert_eq!(
            pdf_path(&site, 2),
            "sormland/nara-vard-2023/print/sormland-nara-vard-2023.pdf"
        );
        assert_eq!(
            output_path(&site, 2),
            "sormland/nara-vard-2023/print/index.html"
        );
    }
}
