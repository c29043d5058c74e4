//! Silencing a check where a communicator disagrees with it: for a page, in
//! its front matter (`check: {ignore: [lix]}`), for the whole site in
//! `site.yaml` (`check: {ignore: [lix]}`), or for one paragraph with an HTML
//! comment on the line before it:
//!
//! ```markdown
//! <!-- malbild: ignore repeated, long-sentence -->
//! Individens behov och förutsättningar. Individens behov och förutsättningar.
//! ```
//!
//! A comment alone on its line covers the block that follows it (up to the
//! next empty line); a comment at the end of a line covers that line. Only
//! warnings can be silenced, never errors.

use std::ops::RangeInclusive;

use super::{Check, PageText, is_check, suggest};
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// What one page silences.
#[derive(Debug, Default)]
pub(crate) struct Ignores {
    /// Checks silenced on the whole page (front matter and site.yaml).
    page: Vec<String>,
    /// Checks silenced on some lines (1-based, inclusive).
    lines: Vec<(RangeInclusive<usize>, Vec<String>)>,
}

fn unknown_hint(name: &str) -> String {
    crate::words::w().unknown_check_hint(suggest(name), &names())
}

fn names() -> String {
    Check::ALL
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Ignores {
    /// What `text`'s page and the site (`site`) silence, and problems with
    /// the names given.
    pub(crate) fn of(text: &PageText<'_>, site: &[String]) -> (Ignores, Vec<Diagnostic>) {
        let page = text.page;
        let mut problems = Vec::new();
        let mut ignores = Ignores {
            page: site.to_vec(),
            lines: Vec::new(),
        };
        let front = &page.text[..page.body_offset];
        for name in page.ignored_checks() {
            if !is_check(name) {
                let offset = front.find(name.as_str()).unwrap_or(0);
                problems.push(
                    text.at_offset(
                        Diagnostic::error(&page.path, crate::words::w().ignore_not_a_check(name))
                            .with_hint(unknown_hint(name)),
                        offset,
                    ),
                );
            }
            ignores.page.push(name.clone());
        }
        let first = text.line_of(page.body_offset);
        let last = text.line_of(page.text.len());
        for line in first..=last {
            let l = text.line_text(line);
            let Some(start) = l.find("<!--") else {
                continue;
            };
            let Some(len) = l[start..].find("-->") else {
                continue;
            };
            let inner = l[start + 4..start + len].trim();
            let Some(directive) = inner.strip_prefix("malbild:") else {
                continue;
            };
            let column = l[..start].chars().count() + 1;
            let directive = directive.trim();
            let Some(list) = directive.strip_prefix("ignore") else {
                problems.push(text.at_line(
                    {
                        let (message, hint) = crate::words::w().unknown_comment(directive);
                        Diagnostic::warning(&page.path, message).with_hint(hint)
                    },
                    line,
                ));
                continue;
            };
            let mut names = Vec::new();
            for name in list.split([',', ' ']).filter(|n| !n.is_empty()) {
                if is_check(name) {
                    names.push(name.to_string());
                } else {
                    let mut d = text.at_line(
                        Diagnostic::warning(
                            &page.path,
                            crate::words::w().comment_not_a_check(name),
                        )
                        .with_hint(unknown_hint(name)),
                        line,
                    );
                    d.column = column;
                    problems.push(d);
                }
            }
            let alone = l.trim_start().starts_with("<!--") && l.trim_end().ends_with("-->");
            let covered = if alone {
                let mut from = line + 1;
                while from <= last && text.line_text(from).trim().is_empty() {
                    from += 1;
                }
                let mut to = from;
                while to < last && !text.line_text(to + 1).trim().is_empty() {
                    to += 1;
                }
                line..=to
            } else {
                line..=line
            };
            ignores.lines.push((covered, names));
        }
        (ignores, problems)
    }

    /// Whether `d` is still to be reported.
    pub(crate) fn allows(&self, d: &Diagnostic) -> bool {
        let Some(check) = d.check else {
            return true;
        };
        if d.is_error() {
            return true;
        }
        let check = check.name();
        !self.page.iter().any(|n| n == check)
            && !self
                .lines
                .iter()
                .any(|(lines, names)| lines.contains(&d.line) && names.iter().any(|n| n == check))
    }
}

/// Errors for names in `site.yaml`'s `check: ignore` that are not checks.
pub(crate) fn site_names(site: &Site) -> Vec<Diagnostic> {
    site.config
        .check
        .ignore
        .iter()
        .filter(|n| !is_check(n))
        .map(|name| {
            Diagnostic::error(
                "content/site.yaml",
                crate::words::w().ignore_not_a_check(name),
            )
            .with_hint(unknown_hint(name))
        })
        .collect()
}
