//! Accessibility checks on one page's Markdown: the heading outline, the
//! images' alternative text and the tables' captions.

use super::Check;
use super::{Markdown, PageText};
use crate::diagnostic::Diagnostic;

/// Warnings for one page. The page title is the page's h1, so the body's
/// headings start at `##`.
pub fn page(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let path = &text.page.path;
    let body = &parts[0];
    let mut previous = 1;
    for h in &body.rendered.headings {
        if h.level == 1 {
            out.push(
                text.at(
                    Diagnostic::warning(
                        path,
                        "a second main heading (#): the page title is already the main heading",
                    )
                    .for_check(Check::SecondH1)
                    .with_hint("use ## for the headings in the text, ### below them"),
                    body,
                    h.offset,
                ),
            );
        } else if h.level > previous + 1 {
            out.push(
                text.at(
                    Diagnostic::warning(
                        path,
                        format!(
                            "the heading skips from level {previous} to level {}",
                            h.level
                        ),
                    )
                    .for_check(Check::HeadingLevel)
                    .with_hint(format!(
                        "screen reader users navigate by heading levels; use {} here",
                        "#".repeat(usize::from(previous) + 1)
                    )),
                    body,
                    h.offset,
                ),
            );
        }
        previous = h.level;
    }
    for md in parts {
        for img in &md.rendered.images {
            let alt = img.alt.trim();
            let file_name = img.dest.rsplit('/').next().unwrap_or(&img.dest);
            let d = if alt.is_empty() {
                Diagnostic::warning(path, "the image has no alternative text")
                    .with_hint("describe what the image shows between the brackets: ![Karta över länets vårdcentraler](karta.png)")
            } else if alt == file_name
                || alt.rsplit_once('.').is_some_and(|(_, ext)| {
                    ["png", "jpg", "jpeg", "svg", "gif", "webp"]
                        .contains(&ext.to_lowercase().as_str())
                })
            {
                Diagnostic::warning(
                    path,
                    format!("the image's alternative text is a file name: `{alt}`"),
                )
                .with_hint("describe what the image shows, in words")
            } else {
                continue;
            };
            out.push(text.at(d.for_check(Check::AltText), md, img.offset));
        }
    }
    for table in body.rendered.tables.iter().filter(|t| !t.named) {
        out.push(text.at(
            Diagnostic::warning(path, "the table has no caption")
                .for_check(Check::TableCaption)
                .with_hint("screen readers announce a table by its caption: write a line `Tabell: what the table shows` just above it, with an empty line between, or put the table right under a heading"),
            body,
            table.offset,
        ));
    }
    out
}
