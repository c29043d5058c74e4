//! Accessibility checks on one page's Markdown: the heading outline, the
//! images' alternative text and the tables' captions.

use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::model::Page;

/// Warnings for one page. The page title is the page's h1, so the body's
/// headings start at `##`.
pub fn page(page: &Page, rendered: &Rendered) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let at = |offset: usize| page.body_offset + offset;
    let mut previous = 1;
    for h in &rendered.headings {
        if h.level == 1 {
            out.push(
                Diagnostic::warning(
                    &page.path,
                    "a second main heading (#): the page title is already the main heading",
                )
                .at_offset(&page.text, at(h.offset))
                .with_hint("use ## for the headings in the text, ### below them"),
            );
        } else if h.level > previous + 1 {
            out.push(
                Diagnostic::warning(
                    &page.path,
                    format!(
                        "the heading skips from level {previous} to level {}",
                        h.level
                    ),
                )
                .at_offset(&page.text, at(h.offset))
                .with_hint(format!(
                    "screen reader users navigate by heading levels; use {} here",
                    "#".repeat(usize::from(previous) + 1)
                )),
            );
        }
        previous = h.level;
    }
    for img in &rendered.images {
        let alt = img.alt.trim();
        let file_name = img.dest.rsplit('/').next().unwrap_or(&img.dest);
        if alt.is_empty() {
            out.push(
                Diagnostic::warning(&page.path, "the image has no alternative text")
                    .at_offset(&page.text, at(img.offset))
                    .with_hint("describe what the image shows between the brackets: ![Karta över länets vårdcentraler](karta.png)"),
            );
        } else if alt == file_name
            || alt.rsplit_once('.').is_some_and(|(_, ext)| {
                ["png", "jpg", "jpeg", "svg", "gif", "webp"].contains(&ext.to_lowercase().as_str())
            })
        {
            out.push(
                Diagnostic::warning(
                    &page.path,
                    format!("the image's alternative text is a file name: `{alt}`"),
                )
                .at_offset(&page.text, at(img.offset))
                .with_hint("describe what the image shows, in words"),
            );
        }
    }
    for table in rendered.tables.iter().filter(|t| !t.named) {
        out.push(
            Diagnostic::warning(&page.path, "the table has no caption")
                .at_offset(&page.text, at(table.offset))
                .with_hint("screen readers announce a table by its caption: write a line `Tabell: what the table shows` just above it, with an empty line between, or put the table right under a heading"),
        );
    }
    out
}
