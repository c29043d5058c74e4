//! The shape of a page: empty headings, headings with nothing under them, and
//! parts without any text.

use super::Check;
use super::{PageText, Settings, markdown_of};
use crate::diagnostic::Diagnostic;
use crate::markdown::BlockKind;
use crate::model::{Kind, Role};
use crate::render::Body;

/// Warnings about the shape of one page.
pub(crate) fn page(text: &PageText<'_>, body: &Body, settings: &Settings<'_>) -> Vec<Diagnostic> {
    let page = text.page;
    let parts = markdown_of(page, body);
    let md = &parts[0];
    let rendered = &body.content;
    let path = &page.path;
    let mut out = Vec::new();
    let mut content: Vec<usize> = rendered
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Heading)
        .map(|b| b.offset)
        .collect();
    // Sorted, so that each heading looks up its section's first block in
    // log time: linear in the page, not headings × blocks (issue 12).
    content.sort_unstable();
    let headings = &rendered.headings;
    for (i, h) in headings.iter().enumerate() {
        if h.title.trim().is_empty() {
            out.push(text.at(
                {
                    let (message, hint) = crate::words::w().empty_heading();
                    Diagnostic::warning(path, message)
                        .for_check(Check::EmptyHeading)
                        .with_hint(hint)
                },
                md,
                h.offset,
            ));
            continue;
        }
        let next = headings.get(i + 1);
        let end = next.map_or(usize::MAX, |n| n.offset);
        let first_after = content.partition_point(|&o| o <= h.offset);
        let has_content = content.get(first_after).is_some_and(|&o| o < end);
        if has_content || next.is_some_and(|n| n.level > h.level) {
            continue;
        }
        if next.is_none() && continued_by_theme(&h.title, h.level, text, settings) {
            continue;
        }
        let (message, hint) =
            crate::words::w().empty_section(&h.title, next.map(|n| n.title.as_str()));
        out.push(
            text.at(
                Diagnostic::warning(path, message)
                    .for_check(Check::EmptySection)
                    .with_hint(hint),
                md,
                h.offset,
            ),
        );
    }
    if page.role == Role::Part && is_empty(body, page) {
        let line = page.key_line("title").unwrap_or(1);
        let (message, hint) = crate::words::w().empty_page();
        out.push(
            text.at_line(Diagnostic::warning(path, message), line)
                .for_check(Check::EmptyPage)
                .with_hint(hint),
        );
    }
    out
}

/// Whether the theme writes the success factors or the shifts right after
/// the body under this heading (see themes/default/templates/layouts/part.html).
fn continued_by_theme(
    title: &str,
    level: u8,
    text: &PageText<'_>,
    settings: &Settings<'_>,
) -> bool {
    let Some(part) = text.page.part() else {
        return false;
    };
    let title = title.trim().to_lowercase();
    let goal_areas_after = part.kind != Kind::GoalPicture && !part.goal_areas.is_empty();
    level == 2
        && !goal_areas_after
        && ((!part.factors.is_empty() && title == settings.factors_label)
            || (part.factors.is_empty()
                && !part.shifts.is_empty()
                && title == settings.shifts_label))
}

fn is_empty(body: &Body, page: &crate::model::Page) -> bool {
    let Some(part) = page.part() else {
        return false;
    };
    let has_text = |r: &crate::markdown::Rendered| {
        !r.images.is_empty()
            || r.blocks
                .iter()
                .any(|b| b.kind == BlockKind::Other || !b.text.trim().is_empty())
    };
    !has_text(&body.content)
        && body.fields.iter().all(|f| !has_text(&f.rendered))
        && part.vision.as_deref().is_none_or(|v| v.trim().is_empty())
        && part.goal_areas.is_empty()
        && part.factors.is_empty()
        && part.shifts.is_empty()
}
