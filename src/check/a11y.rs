//! Accessibility checks on one page's Markdown: the heading outline, the
//! images' alternative text and the tables' captions.

use super::Check;
use super::{Markdown, PageText};
use crate::diagnostic::Diagnostic;

/// Warnings for one page. The page title is the page's h1, so the body's
/// headings start at `##`.
pub(crate) fn page(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let path = &text.page.path;
    let body = &parts[0];
    let mut previous = 1;
    for h in &body.rendered.headings {
        if h.level == 1 {
            out.push(text.at(
                {
                    let (message, hint) = crate::words::w().second_h1();
                    Diagnostic::warning(path, message)
                        .for_check(Check::SecondH1)
                        .with_hint(hint)
                },
                body,
                h.offset,
            ));
        } else if h.level > previous + 1 {
            out.push(text.at(
                {
                    let (message, hint) = crate::words::w().heading_skip(
                        previous,
                        h.level,
                        &"#".repeat(usize::from(previous) + 1),
                    );
                    Diagnostic::warning(path, message)
                        .for_check(Check::HeadingLevel)
                        .with_hint(hint)
                },
                body,
                h.offset,
            ));
        }
        previous = h.level;
    }
    for md in parts {
        for img in &md.rendered.images {
            let alt = img.alt.trim();
            let file_name = img.dest.rsplit('/').next().unwrap_or(&img.dest);
            let d = if alt.is_empty() {
                let (message, hint) = crate::words::w().alt_missing();
                Diagnostic::warning(path, message).with_hint(hint)
            } else if alt == file_name
                || alt.rsplit_once('.').is_some_and(|(_, ext)| {
                    ["png", "jpg", "jpeg", "svg", "gif", "webp"]
                        .contains(&ext.to_lowercase().as_str())
                })
            {
                let (message, hint) = crate::words::w().alt_file_name(alt);
                Diagnostic::warning(path, message).with_hint(hint)
            } else {
                continue;
            };
            out.push(text.at(d.for_check(Check::AltText), md, img.offset));
        }
    }
    for table in body.rendered.tables.iter().filter(|t| !t.named) {
        out.push(text.at(
            {
                let (message, hint) = crate::words::w().table_caption();
                Diagnostic::warning(path, message)
                    .for_check(Check::TableCaption)
                    .with_hint(hint)
            },
            body,
            table.offset,
        ));
    }
    out
}
