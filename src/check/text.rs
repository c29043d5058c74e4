//! What copying from PDF and Word leaves in the text: sentences and
//! paragraphs repeated, list markers and bullets that became text (`- 3.**`,
//! `•`), and emphasis marks that do not close.

use std::collections::HashMap;

use super::readability::{is_running_text, sentences, start_of, words};
use super::{Markdown, PageText};
use crate::diagnostic::Diagnostic;
use crate::markdown::{BlockKind, TextBlock};

/// A sentence or paragraph must have this many words to count as repeated:
/// short ones ("för att lära") repeat on purpose.
pub const MIN_REPEATED_WORDS: usize = 4;

/// Bullet characters that word processors and PDF readers paste as text.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '■', '●', '‣', '⁃', '○', '□', '➢', '►', '\u{f0b7}', '·',
];

/// Text for comparing: lower case, single spaces, no end punctuation.
pub fn normalise(text: &str) -> String {
    words(text)
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// Warnings about repeats, stray list markers and unclosed emphasis.
pub fn page(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let mut out = repeated(text, parts);
    for md in parts {
        for block in &md.rendered.blocks {
            let skip = list_marker(text, md, block, &mut out);
            emphasis(text, md, block, skip, &mut out);
        }
    }
    out
}

/// Repeated paragraphs, then repeated sentences in the other paragraphs.
fn repeated(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let path = &text.page.path;
    let mut out = Vec::new();
    let line =
        |md: &Markdown<'_>, offset: usize| text.at(Diagnostic::warning(path, ""), md, offset).line;
    let mut paragraphs: HashMap<String, (usize, usize)> = HashMap::new();
    let mut sentence_first: HashMap<String, (usize, usize)> = HashMap::new();
    // The last sentence: its text, the warning about it when it repeats an
    // earlier one, how many times it came in a row, and where it was before
    // the run (when it was).
    let mut run: Option<(String, Option<usize>, usize, String)> = None;
    let hint = "text copied from a PDF or Word file is often doubled; keep it once";
    // In the order of the file: the front matter's fields, then the body.
    let order = (1..parts.len()).chain(std::iter::once(0));
    for (p, md) in order.map(|p| (p, &parts[p])) {
        for block in md.rendered.blocks.iter().filter(|b| is_running_text(b)) {
            let whole = normalise(&block.text);
            if words(&whole).count() >= MIN_REPEATED_WORDS && sentences(&block.text).len() > 1 {
                if let Some(&(fp, fo)) = paragraphs.get(&whole) {
                    out.push(
                        text.at(
                            Diagnostic::warning(
                                path,
                                format!(
                                    "this paragraph is the same as the one on line {}",
                                    line(&parts[fp], fo)
                                ),
                            )
                            .for_check("repeated")
                            .with_hint(hint),
                            md,
                            block.offset,
                        ),
                    );
                    run = None;
                    continue;
                }
                paragraphs.insert(whole, (p, block.offset));
            }
            for s in sentences(&block.text) {
                let sentence = &block.text[s.clone()];
                let norm = normalise(sentence);
                if words(&norm).count() < MIN_REPEATED_WORDS {
                    run = None;
                    continue;
                }
                let offset = block.source_offset(s.start);
                if let Some((previous, warning, count, before)) = run.as_mut() {
                    if *previous == norm {
                        *count += 1;
                        let message = format!(
                            "the sentence “{}” comes {count} times in a row{before}",
                            start_of(sentence)
                        );
                        match warning {
                            Some(i) => out[*i].message = message,
                            None => {
                                out.push(
                                    text.at(
                                        Diagnostic::warning(path, message)
                                            .for_check("repeated")
                                            .with_hint(hint),
                                        md,
                                        offset,
                                    ),
                                );
                                *warning = Some(out.len() - 1);
                            }
                        }
                        continue;
                    }
                }
                let Some(&(fp, fo)) = sentence_first.get(&norm) else {
                    sentence_first.insert(norm.clone(), (p, offset));
                    run = Some((norm, None, 1, String::new()));
                    continue;
                };
                let place = match parts[fp].field {
                    Some(key) => format!("in `{key}` on line {}", line(&parts[fp], fo)),
                    None => format!("on line {}", line(&parts[fp], fo)),
                };
                out.push(
                    text.at(
                        Diagnostic::warning(
                            path,
                            format!("the sentence “{}” is already {place}", start_of(sentence)),
                        )
                        .for_check("repeated")
                        .with_hint(hint),
                        md,
                        offset,
                    ),
                );
                run = Some((
                    norm,
                    Some(out.len() - 1),
                    1,
                    format!(", and is already {place}"),
                ));
            }
        }
        run = None;
    }
    out
}

/// A list marker or bullet that became text. Returns the byte range of the
/// block's text it covers, so that emphasis does not report it again.
fn list_marker(
    text: &PageText<'_>,
    md: &Markdown<'_>,
    block: &TextBlock,
    out: &mut Vec<Diagnostic>,
) -> std::ops::Range<usize> {
    let path = &text.page.path;
    if !matches!(
        block.kind,
        BlockKind::Paragraph | BlockKind::ListItem | BlockKind::TableCell
    ) {
        return 0..0;
    }
    if block.kind == BlockKind::ListItem && block.text.trim().is_empty() && block.pieces.is_empty()
    {
        let rest = md.source.get(block.offset..).unwrap_or_default();
        let first = rest.lines().next().unwrap_or_default();
        let after_marker = first
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['-', '*', '+', '.', ')']);
        if after_marker.trim().is_empty()
            && !rest.lines().nth(1).is_some_and(|l| l.starts_with(' '))
        {
            out.push(
                text.at(
                    Diagnostic::warning(path, "an empty list item")
                        .for_check("list-marker")
                        .with_hint("remove the line, or write the item's text after the marker"),
                    md,
                    block.offset,
                ),
            );
        }
        return 0..0;
    }
    let mut covered = 0..0;
    let mut line_start = 0;
    for (n, line) in block.text.split('\n').enumerate() {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        let at = line_start + lead;
        line_start += line.len() + 1;
        if let Some(bullet) = trimmed.chars().next().filter(|c| BULLETS.contains(c)) {
            out.push(text.at(
                Diagnostic::warning(path, format!("a bullet character `{bullet}` pasted as text"))
                    .for_check("list-marker")
                    .with_hint("make a Markdown list: start each item on its own line with `- ` (a hyphen and a space)"),
                md,
                block.source_offset(at),
            ));
            continue;
        }
        let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 3 {
            continue;
        }
        let after = &trimmed[digits..];
        let Some(rest) = after.strip_prefix(['.', ')']) else {
            continue;
        };
        let next = rest.chars().next();
        if n == 0 && next.is_some_and(|c| !c.is_whitespace() && !c.is_ascii_digit()) {
            let marker = &trimmed[..digits + 1];
            let stray: String = rest.chars().take_while(|c| "*_".contains(*c)).collect();
            out.push(text.at(
                Diagnostic::warning(
                    path,
                    format!("`{marker}{stray}` looks like a list number that lost its place"),
                )
                .for_check("list-marker")
                .with_hint(format!(
                    "for a numbered list write `{marker} ` and the text at the start of the line, with no `- ` in front; remove any stray `**`"
                )),
                md,
                block.source_offset(at),
            ));
            covered = at..at + digits + 1 + stray.len();
        } else if n > 0 && next.is_some_and(char::is_whitespace) {
            out.push(text.at(
                Diagnostic::warning(
                    path,
                    format!(
                        "this line starts with `{}` like a numbered list item, but it is part of the paragraph above",
                        &trimmed[..digits + 1]
                    ),
                )
                .for_check("list-marker")
                .with_hint("put an empty line before the list; a numbered list can only interrupt a paragraph when it starts at 1"),
                md,
                block.source_offset(at),
            ));
        }
    }
    covered
}

/// `**`, `__` or `*` that do not close: Markdown left them as text.
fn emphasis(
    text: &PageText<'_>,
    md: &Markdown<'_>,
    block: &TextBlock,
    skip: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    if block.kind == BlockKind::Other {
        return;
    }
    let t = &block.text;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c != b'*' && c != b'_' {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && bytes[j] == c {
            j += 1;
        }
        let run = j - i;
        let before = t[..i].chars().next_back();
        let after = t[j..].chars().next();
        let space = |ch: Option<char>| ch.is_none_or(char::is_whitespace);
        let source = block.source_offset(i);
        let escaped = source > 0 && md.source.as_bytes().get(source - 1) == Some(&b'\\');
        let looks_like_delimiter = match (c, run) {
            (b'*', _) => space(before) != space(after),
            (b'_', 2..) => space(before) != space(after),
            _ => false,
        };
        if looks_like_delimiter && !escaped && !skip.contains(&i) {
            let mark = &t[i..j];
            out.push(text.at(
                Diagnostic::warning(path_of(text), format!("`{mark}` that does not close: the text after it is not emphasised"))
                    .for_check("emphasis")
                    .with_hint(format!(
                        "emphasis needs the mark on both sides with no space inside, {mark}like this{mark}; remove it if no emphasis was meant"
                    )),
                md,
                source,
            ));
            return;
        }
        i = j;
    }
}

fn path_of<'a>(text: &'a PageText<'_>) -> &'a std::path::Path {
    &text.page.path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_text_ignores_case_spacing_and_end_marks() {
        assert_eq!(
            normalise("Individens  behov och\nförutsättningar."),
            normalise("individens behov och förutsättningar")
        );
    }
}
