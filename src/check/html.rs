//! HTML written into the Markdown: pasted from Word, a CMS or a PDF
//! converter, it bypasses the theme. Inline `style=` attributes above all:
//! they fix colours and sizes the theme keeps readable (contrast, dark mode,
//! zoom). Also images, scripts and frames loaded from other web sites, which
//! the site promises never to do.

use super::Check;
use super::{Markdown, PageText};
use crate::diagnostic::Diagnostic;
use crate::links::is_external;

/// The HTML without its comments (`<!-- ... -->`).
fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(j) => rest = &rest[i + 4 + j + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The opening tags of `html`: (byte offset, tag name, the whole tag). A
/// tag runs to its `>` (or the end, if it has none), and the next tag is
/// looked for after it, as a browser reads them: each byte is looked at a
/// bounded number of times, so that text with many `<` and no `>` is read in
/// linear time, not quadratic (issue 12).
fn tags(html: &str) -> Vec<(usize, String, &str)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(i) = html[pos..].find('<') {
        let start = pos + i;
        let rest = &html[start + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            pos = start + 1;
            continue;
        }
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let end = rest.find('>').map_or(html.len(), |e| start + 1 + e + 1);
        out.push((start, name.to_ascii_lowercase(), &html[start..end]));
        pos = end;
    }
    out
}

/// The value of attribute `name` in `tag`, if it has one.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        let before = lower[..at].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = lower[from..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let value_start = tag.len() - rest.trim_start().len();
        let value = &tag[value_start..];
        return Some(match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or_default(),
        });
    }
    None
}

/// The attributes of raw HTML that hold an address a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "xlink:href",
];

/// Errors for addresses in raw HTML whose scheme is refused (`<a
/// href="javascript:…">`, also spelled with character references): the same
/// rule as for Markdown links (issue 11), since HTML is only another way to
/// write a link, and a page with one is never written (issue 12's fuzz
/// target for links checks every written `href` and `src`).
fn refused_links<'t>(
    tags: &'t [(usize, String, &str)],
    path: &'t std::path::Path,
) -> impl Iterator<Item = (usize, Diagnostic)> + 't {
    tags.iter().flat_map(move |(at, name, tag)| {
        URL_ATTRIBUTES.iter().filter_map(move |a| {
            let value = attribute(tag, a)?;
            let scheme = crate::links::refused_attribute_scheme(value)?;
            let (message, hint) = crate::words::w().html_refused_scheme(name, value, &scheme);
            Some((*at, Diagnostic::error(path, message).with_hint(hint)))
        })
    })
}

/// Warnings about raw HTML and third-party resources on one page.
pub(crate) fn page(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let path = &text.page.path;
    let mut out = Vec::new();
    for md in parts {
        for seen in &md.rendered.raw_html {
            let html = without_comments(&seen.html);
            let tags = tags(&html);
            let Some((_, first, _)) = tags.first() else {
                continue;
            };
            let offset = seen.offset + seen.html.find('<').unwrap_or(0);
            // Each at its tag, when no comment moved the tags.
            let exact = html.len() == seen.html.len();
            out.extend(
                refused_links(&tags, path)
                    .map(|(at, d)| text.at(d, md, if exact { seen.offset + at } else { offset })),
            );
            let external: Option<(&str, &str)> = tags.iter().find_map(|(_, name, tag)| {
                ["src", "data", "poster"]
                    .iter()
                    .chain((name == "link").then_some(&"href"))
                    .filter_map(|a| attribute(tag, a))
                    .find(|v| {
                        is_external(v)
                            && !v.starts_with("mailto:")
                            && crate::links::refused_attribute_scheme(v).is_none()
                    })
                    .map(|v| (name.as_str(), v))
            });
            let d = if let Some((name, url)) = external {
                let (message, hint) = crate::words::w().third_party_tag(name, url);
                Diagnostic::warning(path, message)
                    .for_check(Check::ThirdParty)
                    .with_hint(hint)
            } else if let Some((_, name, _)) = tags
                .iter()
                .find(|(_, _, tag)| attribute(tag, "style").is_some())
            {
                let (message, hint) = crate::words::w().inline_style(name);
                Diagnostic::warning(path, message)
                    .for_check(Check::InlineStyle)
                    .with_hint(hint)
            } else {
                let (message, hint) = crate::words::w().raw_html(first);
                Diagnostic::warning(path, message)
                    .for_check(Check::RawHtml)
                    .with_hint(hint)
            };
            out.push(text.at(d, md, offset));
        }
        for img in &md.rendered.images {
            // A path on the writer's computer or a refused scheme is an
            // error of its own (`links::PageLinks::resolve`).
            if is_external(&img.dest)
                && !crate::links::is_local_path(&img.dest)
                && crate::links::refused_scheme(&img.dest).is_none()
            {
                out.push(text.at(
                    {
                        let (message, hint) = crate::words::w().third_party_image(&img.dest);
                        Diagnostic::warning(path, message)
                            .for_check(Check::ThirdParty)
                            .with_hint(hint)
                    },
                    md,
                    img.offset,
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes() {
        let html = "<ul style=\"list-style-type: none\"> a <li class=x>b</li></ul>";
        let tags = tags(html);
        let names: Vec<&str> = tags.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["ul", "li"]);
        assert_eq!(attribute(tags[0].2, "style"), Some("list-style-type: none"));
        assert_eq!(attribute(tags[1].2, "class"), Some("x"));
        assert_eq!(attribute("<p data-style=\"x\">", "style"), None);
        assert_eq!(without_comments("a<!-- b -->c<!-- d"), "ac");
        // A `<` inside a tag is part of it, as in a browser.
        let names = |html| -> Vec<String> { super::tags(html).into_iter().map(|t| t.1).collect() };
        assert_eq!(names("<p <b style=x> 1 < 2 <i>"), ["p", "i"]);
        assert_eq!(super::tags("<a <b <c")[0].2, "<a <b <c");
    }
}
