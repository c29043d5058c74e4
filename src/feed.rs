//! What the site says about itself to machines: the Atom feed of
//! publications (`feed.xml`, always), `sitemap.xml` and `robots.txt` (only
//! when `site.yaml` has `base_url`, since both need absolute addresses). Each
//! page's own metadata (OpenGraph, JSON-LD) is `render::social`'s.
//!
//! Every output here reads the site through [`Views`]' accessors and is made
//! through [`crate::render::output`], so its incremental rebuild comes from
//! what it read: the feed reads the tree down to the publications and their
//! regions' and publications' facts; the sitemap reads the tree, every
//! page's address ([`Views::address`]) and theme words (for the theme
//! pages); `robots.txt` reads nothing but the settings.
//!
//! Without `base_url` the feed is still written: its links are relative
//! (Atom resolves them against the feed's own address, so they are right
//! wherever the site is copied), and its ids, which Atom wants absolute and
//! permanent, are `urn:uuid:`s made from the site's title and each
//! publication's folder. The XML is written here, not by a template: it is
//! a format, not a design.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{Date, Site};
use crate::render::social::{absolute, base};
use crate::render::{Basis, Body, Check, OutFile, Output, Pages, Views};
use crate::theme::Theme;

pub(crate) use crate::render::addresses::feed::FEED_URL;
/// The sitemap, from the site root (only with `base_url`).
pub(crate) const SITEMAP_URL: &str = "sitemap.xml";
/// robots.txt, from the site root (only with `base_url`).
pub(crate) const ROBOTS_URL: &str = "robots.txt";

/// Escapes text for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An RFC 3339 time for Atom: a date as precise as it is given, at
/// midnight UTC of its first day.
fn rfc3339(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    )
}

/// A permanent `urn:uuid:` (RFC 9562 version 8) made from `parts`.
fn urn(parts: &[&str]) -> String {
    let mut text = String::from("malbild");
    for p in parts {
        text.push('\u{1f}');
        text.push_str(p);
    }
    let mut b = xxhash_rust::xxh3::xxh3_128(text.as_bytes()).to_be_bytes();
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// The Atom feed: one entry per publication, newest first.
fn feed(views: &Views<'_>) -> String {
    let site = views.site;
    let link = |path: &str| absolute(site, path).unwrap_or_else(|| path.to_string());
    struct Entry {
        id: String,
        title: String,
        url: String,
        date: Option<Date>,
        author: (String, String),
        summary: Option<(&'static str, String)>,
        categories: Vec<(String, String)>,
    }
    let mut entries: Vec<Entry> = crate::across::publications(views)
        .into_iter()
        .map(|(region, id)| {
            let page = views.facts(id);
            let region = views.facts(region);
            let url = page.output_path();
            let summary = match (views.summary(id), views.description(id)) {
                (Some(html), _) => Some(("html", html)),
                (None, Some(text)) => Some(("text", text)),
                _ => None,
            };
            let themes = page.meta.themes();
            Entry {
                id: absolute(site, &url).unwrap_or_else(|| urn(&[&site.config.title, &page.rel])),
                title: page.title.clone(),
                url: link(&url),
                date: page.date,
                author: (region.title.clone(), link(&region.output_path())),
                summary,
                categories: views
                    .themes(themes)
                    .into_iter()
                    .filter(|t| !t.slug.is_empty())
                    .map(|t| (t.slug, t.label))
                    .collect(),
            }
        })
        .collect();
    // Newest first; the same date in the order of the site.
    entries.sort_by_key(|e| std::cmp::Reverse(e.date));
    let latest = entries.iter().filter_map(|e| e.date).max();
    // Atom wants a time everywhere: a publication without a date takes the
    // newest date of the others (1970-01-01 when none has one), never the
    // time of the build, so a build from nothing writes the same bytes.
    let fallback = latest.map_or_else(|| "1970-01-01T00:00:00Z".to_string(), rfc3339);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out += &format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        xml(&site.config.language)
    );
    let id = absolute(site, FEED_URL).unwrap_or_else(|| urn(&[&site.config.title, FEED_URL]));
    out += &format!("  <id>{}</id>\n", xml(&id));
    out += &format!("  <title>{}</title>\n", xml(&site.config.title));
    if let Some(d) = &site.config.description {
        out += &format!("  <subtitle>{}</subtitle>\n", xml(d));
    }
    out += &format!("  <updated>{fallback}</updated>\n");
    out += &format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        xml(&link(FEED_URL))
    );
    out += &format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&link("index.html"))
    );
    let (name, uri) = match &site.config.organisation {
        Some(o) => (o.name.clone(), o.url.clone()),
        None => (site.config.title.clone(), None),
    };
    out += &format!("  <author>\n    <name>{}</name>\n", xml(&name));
    if let Some(uri) = uri {
        out += &format!("    <uri>{}</uri>\n", xml(&uri));
    }
    out += "  </author>\n  <generator>malbild</generator>\n";
    for e in entries {
        out += "  <entry>\n";
        out += &format!("    <id>{}</id>\n", xml(&e.id));
        out += &format!("    <title>{}</title>\n", xml(&e.title));
        out += &format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&e.url)
        );
        match e.date {
            Some(d) => {
                out += &format!("    <published>{}</published>\n", rfc3339(d));
                out += &format!("    <updated>{}</updated>\n", rfc3339(d));
            }
            None => out += &format!("    <updated>{fallback}</updated>\n"),
        }
        out += &format!(
            "    <author>\n      <name>{}</name>\n      <uri>{}</uri>\n    </author>\n",
            xml(&e.author.0),
            xml(&e.author.1)
        );
        if let Some((kind, text)) = e.summary {
            out += &format!(
                "    <summary type=\"{kind}\">{}</summary>\n",
                xml(text.trim())
            );
        }
        for (term, label) in e.categories {
            out += &format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml(&term),
                xml(&label)
            );
        }
        out += "  </entry>\n";
    }
    out += "</feed>\n";
    out
}

/// The sitemap: every page, in the order of the site, then the statement,
/// the comparison and the theme pages. `None` without `base_url`.
fn sitemap(views: &Views<'_>) -> Option<String> {
    let site = views.site;
    let theme = views.theme;
    let base = base(site)?;
    let mut paths = Vec::new();
    let mut words = BTreeMap::new();
    let mut todo = vec![Site::HOME];
    while let Some(id) = todo.pop() {
        paths.push(views.address(id));
        for w in views.themes_of(id) {
            let slug = crate::model::slugify(w);
            if !slug.is_empty() {
                words.insert(slug, ());
            }
        }
        todo.extend(views.children(id).iter().rev());
    }
    if theme.has(crate::render::addresses::statement::TEMPLATE) {
        paths.push(crate::render::addresses::statement::URL.to_string());
    }
    // Every page of a comparison and theme pages split by region (the
    // regions are read above, as the home page's children).
    let groups = crate::across::groups(site);
    if crate::across::compare_enabled(theme) {
        paths.extend((0..groups).map(crate::across::compare_path));
    }
    if crate::across::themes_enabled(theme) {
        paths.push(crate::across::THEMES_URL.to_string());
        for slug in words.into_keys() {
            paths.extend((0..groups).map(|g| crate::across::theme_path(&slug, g)));
        }
    }
    if crate::search::enabled(theme) {
        paths.push(crate::search::URL.to_string());
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths {
        if let Ok(url) = base.join(&path) {
            out += &format!("  <url><loc>{}</loc></url>\n", xml(url.as_str()));
        }
    }
    out += "</urlset>\n";
    Some(out)
}

/// robots.txt: everything may be read, and where the sitemap is.
fn robots(site: &Site) -> Option<String> {
    let sitemap = absolute(site, SITEMAP_URL)?;
    Some(format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"))
}

/// How one of these files is made from the views (`None`: empty).
type Make = fn(&Views<'_>) -> Option<String>;

/// Makes the feed, and with `base_url` the sitemap and robots.txt; an
/// output whose fingerprint is as in `target`'s cache is not made again.
/// Returns them, and a note of what was not written and why.
pub(crate) fn pages(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    basis: &Basis,
    target: crate::render::Target<'_>,
    site_yaml: Option<&crate::load::Source>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Pages, Option<String>) {
    let crate::render::Target { cache, sink } = target;
    let check = Check::new(cache, basis);
    let no_pdfs = BTreeMap::new();
    let mut out = Pages::default();
    let mut note = None;
    let mut jobs: Vec<(&str, Make)> = vec![(FEED_URL, |v| Some(feed(v)))];
    if base(site).is_some() {
        jobs.push((SITEMAP_URL, sitemap));
        // A robots.txt of the site's own (content/robots.txt) wins.
        if !site.assets.iter().any(|(_, to)| to == ROBOTS_URL) {
            jobs.push((ROBOTS_URL, |v| robots(v.site)));
        }
    } else if let Some(url) = &site.config.base_url {
        let mut d = Diagnostic::warning(
            std::path::PathBuf::from("content/site.yaml"),
            crate::words::w().bad_base_url(url).0,
        )
        .with_hint(crate::words::w().bad_base_url(url).1);
        if let Some(src) = site_yaml {
            let line = src
                .text
                .lines()
                .position(|l| l.starts_with("base_url"))
                .map_or(1, |i| i + 1);
            d = Diagnostic::warning(&src.path, d.message.clone())
                .with_hint(crate::words::w().bad_base_url(url).1)
                .at(&src.text, line, 1);
        }
        diagnostics.push(d);
    } else {
        note = Some(crate::words::w().no_base_url());
    }
    for (path, make) in jobs {
        // What these files show besides what they read: the settings
        // (in the site hash) and this module's own way of writing them.
        let shared = crate::hash::Combine::default()
            .u64(basis.site_hash)
            .str(path)
            .finish();
        let result: Result<Output, Diagnostic> =
            crate::render::output(&check, sink, path.to_string(), shared, |reads| {
                let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                Ok(OutFile {
                    path: path.to_string(),
                    bytes: make(&views).unwrap_or_default().into_bytes(),
                })
            });
        match result {
            Ok(output) => out.push(output),
            Err(d) => diagnostics.push(d),
        }
    }
    (out, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_are_stable_and_well_formed() {
        let a = urn(&["Sajt", "a/b/_index.md"]);
        assert_eq!(a, urn(&["Sajt", "a/b/_index.md"]));
        assert_ne!(a, urn(&["Sajt", "a/c/_index.md"]));
        let uuid = a.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8", "version 8: {uuid}");
        assert!("89ab".contains(&uuid[19..20]), "variant: {uuid}");
    }
}
