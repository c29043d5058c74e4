//! The check `theme-word`: a page's theme words that `site.yaml`'s `themes:`
//! does not list.

use std::collections::BTreeMap;

use super::{Check, PageText};
use crate::diagnostic::Diagnostic;
use crate::model::{Page, slugify};

/// Warnings for the theme words of one page that `site.yaml`'s `themes:`
/// does not list (when it lists any), with the nearest word it does list.
/// Run by the checks (`theme-word`), so it can be silenced like them.
pub(crate) fn unknown_words(
    text: &PageText<'_>,
    vocabulary: &BTreeMap<String, String>,
) -> Vec<Diagnostic> {
    let page = text.page;
    if vocabulary.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for w in page.meta.themes() {
        let slug = slugify(w);
        if vocabulary.contains_key(&slug) {
            continue;
        }
        let best = vocabulary
            .iter()
            .map(|(s, label)| {
                let score = strsim::jaro_winkler(&slug, s).max(strsim::jaro_winkler(
                    &w.to_lowercase(),
                    &label.to_lowercase(),
                ));
                (score, s)
            })
            .filter(|(score, _)| *score > 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let mut label: Vec<char> = w.chars().collect();
        if let Some(first) = label.first_mut() {
            *first = first.to_uppercase().next().unwrap_or(*first);
        }
        let label: String = label.into_iter().collect();
        let all = vocabulary
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        let (message, hint) =
            crate::words::w().theme_word(w, best.map(|(_, s)| s.as_str()), &slug, &label, &all);
        let d = Diagnostic::warning(&page.path, message)
            .for_check(Check::ThemeWord)
            .with_hint(hint);
        let line = theme_line(page, w);
        let offset = text
            .line_text(line)
            .find(w.as_str())
            .map(|i| text.offset_of_line(line) + i);
        out.push(match offset {
            Some(o) => text.at_offset(d, o),
            None => text.at_line(d, line),
        });
    }
    out
}

/// The line of the front matter where theme word `word` is written (the
/// `themes:` line when it is not found after it).
fn theme_line(page: &Page, word: &str) -> usize {
    let start = page.key_line("themes").unwrap_or(1);
    let front = &page.text[..page.body_offset];
    front
        .lines()
        .enumerate()
        .skip(start - 1)
        .take_while(|(i, l)| *i + 1 == start || l.starts_with([' ', '\t', '-']))
        .find(|(_, l)| l.contains(word))
        .map_or(start, |(i, _)| i + 1)
}
