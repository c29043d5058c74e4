//! Links: texts that say nothing out of context, and `#fragments` that point
//! to no heading or theme id of their page. (Links to pages and files that
//! do not exist, or to drafts, are found while rendering: `crate::links`.)

use std::collections::{HashMap, HashSet};

use super::Check;
use super::{Markdown, PageText, markdown_of};
use crate::diagnostic::Diagnostic;
use crate::links::PageLinks;
use crate::model::{PageId, Site};
use std::sync::Arc;

use crate::render::{Body, RESERVED_IDS};

/// Link texts that only make sense next to what surrounds them. Screen
/// reader users often list a page's links without their context (WCAG 2.4.4).
const VAGUE: &[&str] = &[
    "här",
    "klicka här",
    "klicka",
    "tryck här",
    "läs mer",
    "läs mer här",
    "läs här",
    "mer",
    "mer info",
    "mer information",
    "se här",
    "se mer",
    "länk",
    "länken",
    "denna länk",
    "den här länken",
    "hit",
    "gå hit",
    "detta",
    "här hittar du mer",
    "click here",
    "here",
    "read more",
    "more",
    "link",
];

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// Warnings about link texts.
pub(crate) fn texts(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let path = &text.page.path;
    let mut out = Vec::new();
    for md in parts {
        for link in &md.rendered.links {
            let said = normalise(&link.text);
            let d = if said.is_empty() {
                let (message, hint) = crate::words::w().link_no_text();
                Diagnostic::warning(path, message).with_hint(hint)
            } else if VAGUE.contains(&said.as_str()) {
                let (message, hint) = crate::words::w().link_vague(link.text.trim());
                Diagnostic::warning(path, message).with_hint(hint)
            } else {
                continue;
            };
            out.push(text.at(d.for_check(Check::LinkText), md, link.offset));
        }
    }
    out
}

/// The first ids of `ids`, as `#a, #b`, and how many more there are.
fn shown_ids(ids: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut list = ids
        .iter()
        .take(SHOWN)
        .map(|h| format!("#{h}"))
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        list.push_str(&crate::words::w().and_more(ids.len() - SHOWN));
    }
    list
}

/// Every `id="..."` in an HTML page.
fn ids_in_html(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            ids.insert(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    ids
}

/// The ids a link to `body`'s page may name after `#`: the ids of its
/// headings, goal areas and success factors, every id in its HTML
/// (footnotes), and the theme's reserved ids.
pub(crate) fn ids_of(body: &Body) -> HashSet<String> {
    let mut set: HashSet<String> = ids_in_html(&body.content.html);
    set.extend(RESERVED_IDS.iter().map(|s| s.to_string()));
    set.extend(body.content.headings.iter().map(|h| h.id.clone()));
    set.extend(body.goal_areas.iter().map(|(id, _)| id.clone()));
    set.extend(body.factors.iter().map(|(id, _)| id.clone()));
    set
}

/// What the fragment check found on the pages that link to a `#fragment`,
/// with what it looked at, for the next build: a page whose body and whose
/// targets' bodies are the same in a site of the same lineage
/// ([`Site::lineage`]: the same pages at the same addresses) is not looked at
/// again.
#[derive(Debug, Default)]
pub(crate) struct FragmentCache {
    lineage: u64,
    /// Every page's body when it was looked at.
    bodies: Vec<Arc<Body>>,
    /// By page with links to a fragment: the pages it links to with their
    /// bodies, and the errors.
    found: crate::hash::FxMap<PageId, Found>,
}

/// What the fragment check found on one page: the pages its links to a
/// fragment lead to, with their bodies, and the errors.
type Found = (Vec<(PageId, Arc<Body>)>, Vec<Diagnostic>);

/// Errors for links whose `#fragment` names no id on the target page (see
/// [`ids_of`]), each with the page it is on; what `kept` knows of a page
/// that did not change is taken from there.
pub(crate) fn fragments(
    site: &Site,
    bodies: &[Arc<Body>],
    kept: &mut FragmentCache,
) -> Vec<(PageId, Diagnostic)> {
    let mut ids: HashMap<PageId, HashSet<String>> = HashMap::new();
    let mut out = Vec::new();
    let mut last = std::mem::take(&mut kept.found);
    // Parts came or went: what was found stands, by the pages' new ids; a
    // page whose link led to a page taken out is looked at again.
    if let Some(renumbered) = site.renumbered_from(kept.lineage) {
        let empty = Arc::new(Body::default());
        renumbered.apply(&mut kept.bodies, empty.clone());
        for (id, (targets, errors)) in std::mem::take(&mut last) {
            let Some(id) = renumbered.id(id) else {
                continue;
            };
            let targets: Option<Vec<(PageId, Arc<Body>)>> = targets
                .into_iter()
                .map(|(t, b)| Some((renumbered.id(t)?, b)))
                .collect();
            match targets {
                Some(targets) => {
                    last.insert(id, (targets, errors));
                }
                None => kept.bodies[id] = empty.clone(),
            }
        }
        kept.lineage = site.lineage;
    }
    let same = kept.lineage == site.lineage && kept.bodies.len() == bodies.len();
    for (id, page) in site.pages.iter().enumerate() {
        let Some(body) = bodies.get(id) else { continue };
        if same && Arc::ptr_eq(&kept.bodies[id], body) {
            // Looked at before: no link to a fragment, or the same links
            // to targets that are as they were.
            let Some((targets, errors)) = last.remove(&id) else {
                continue;
            };
            if targets.iter().all(|(t, b)| Arc::ptr_eq(b, &bodies[*t])) {
                out.extend(errors.iter().map(|d| (id, d.clone())));
                kept.found.insert(id, (targets, errors));
                continue;
            }
        }
        if site.unreadable.contains(&page.rel) {
            continue;
        }
        // Most pages link to no fragment: skip them before anything else.
        let to_fragment =
            |r: &crate::markdown::Rendered| r.links.iter().any(|l| l.dest.contains('#'));
        if !to_fragment(&body.content) && !body.fields.iter().any(|f| to_fragment(&f.rendered)) {
            continue;
        }
        let (targets, errors) = fragments_of(site, bodies, id, &mut ids);
        out.extend(errors.iter().map(|d| (id, d.clone())));
        kept.found.insert(id, (targets, errors));
    }
    kept.lineage = site.lineage;
    kept.bodies = bodies.to_vec();
    out
}

/// The errors of [`fragments`] on page `id`, with the pages its links to a
/// fragment lead to and their bodies. `ids`: the ids of the pages looked at
/// so far.
fn fragments_of(
    site: &Site,
    bodies: &[Arc<Body>],
    id: PageId,
    ids: &mut HashMap<PageId, HashSet<String>>,
) -> Found {
    let page = &site.pages[id];
    let body = &bodies[id];
    let mut targets: Vec<(PageId, Arc<Body>)> = Vec::new();
    let resolver = PageLinks { site, page };
    let mut text = None;
    let mut errors = crate::diagnostic::Capped::default();
    for md in markdown_of(page, body) {
        for link in &md.rendered.links {
            if !link.dest.contains('#') {
                continue;
            }
            let Some((target, fragment)) = resolver.page_of(&link.dest) else {
                continue;
            };
            if fragment.is_empty() {
                continue;
            }
            if !targets.iter().any(|(t, _)| *t == target) {
                targets.push((target, bodies[target].clone()));
            }
            // A page whose front matter could not be read stands in
            // without its goal areas and factors: its error is enough.
            if site.unreadable.contains(&site.pages[target].rel) {
                continue;
            }
            let known = &*ids.entry(target).or_insert_with(|| ids_of(&bodies[target]));
            // `mb-` ids are the theme's own (vision, factors, table of contents).
            if known.contains(fragment) || fragment.starts_with("mb-") {
                continue;
            }
            // Made only for the errors that are shown (see `Capped`).
            errors.push_with(|| {
                let target_page = &site.pages[target];
                let headings: Vec<String> = bodies[target]
                    .content
                    .headings
                    .iter()
                    .map(|h| h.id.clone())
                    .chain(bodies[target].goal_areas.iter().map(|(i, _)| i.clone()))
                    .chain(bodies[target].factors.iter().map(|(i, _)| i.clone()))
                    .collect();
                let near = known
                    .iter()
                    .map(|k| (strsim::jaro_winkler(&fragment.to_lowercase(), k), k))
                    .filter(|(s, _)| *s > 0.8)
                    // Of equally near ids the first in order, so that the
                    // hint is the same from one build to the next.
                    .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
                    .map(|(_, k)| k.clone())
                    .or_else(|| {
                        let slug = crate::model::slugify(fragment);
                        known.contains(&slug).then_some(slug)
                    });
                let hint = match (near, headings.is_empty()) {
                    (Some(k), _) => crate::words::w().fragment_near(&k),
                    (None, true) => crate::words::w().fragment_no_headings().to_string(),
                    (None, false) => crate::words::w().fragment_ids(&shown_ids(&headings)),
                };
                let other = (target != id).then_some(target_page.title.as_str());
                let text = text.get_or_insert_with(|| PageText::new(page));
                text.at(
                    Diagnostic::error(
                        &page.path,
                        crate::words::w().fragment_missing(&link.dest, fragment, other),
                    )
                    .with_hint(hint),
                    &md,
                    link.offset,
                )
            });
        }
    }
    (targets, errors.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_texts() {
        for t in ["Här", "klicka här!", " Läs mer… ", "[mer]"] {
            assert!(VAGUE.contains(&normalise(t).as_str()), "{t}");
        }
        for t in [
            "Läs mer om perspektivskiftena",
            "Region Skåne",
            "här i Sörmland",
        ] {
            assert!(!VAGUE.contains(&normalise(t).as_str()), "{t}");
        }
    }

    #[test]
    fn ids_are_found_in_html() {
        let ids = ids_in_html("<h2 id=\"a\">A</h2><nav id=\"mb-toc\"><div class=\"x\" id=\"b-2\">");
        let mut ids: Vec<_> = ids.into_iter().collect();
        ids.sort();
        assert_eq!(ids, ["a", "b-2", "mb-toc"]);
    }
}
