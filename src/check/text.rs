//! What copying from PDF and Word leaves in the text: sentences and
//! paragraphs repeated, list markers and bullets that became text (`- 3.**`,
//! `•`), emphasis marks that do not close, headings that became plain lines,
//! words hyphenated across lines, and lines where an image used to be
//! ("FOU Logotyp").

use std::collections::HashMap;

use super::Check;
use super::readability::{is_running_text, sentences, start_of, words};
use super::{Markdown, PageText};
use crate::diagnostic::Diagnostic;
use crate::markdown::{BlockKind, TextBlock};

/// A sentence or paragraph must have this many words to count as repeated:
/// short ones ("för att lära") repeat on purpose.
pub(crate) const MIN_REPEATED_WORDS: usize = 4;

/// Bullet characters that word processors and PDF readers paste as text.
const BULLETS: &[char] = &[
    '•', '◦', '▪', '■', '●', '‣', '⁃', '○', '□', '➢', '►', '\u{f0b7}', '·',
];

/// Text for comparing: lower case, single spaces, no end punctuation.
pub(crate) fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    let end = out.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
    out.truncate(end);
    out
}

/// Curly quotes around a whole value of the front matter, which YAML keeps
/// in the text (`title: ”Nära vård 2030”`; issue 11).
pub(crate) fn front_matter(text: &PageText<'_>) -> Vec<Diagnostic> {
    let page = text.page;
    let front = &page.text[..page.body_offset];
    crate::front_matter::curly_quoted(front)
        .into_iter()
        .map(|(offset, key, inner)| {
            let (message, hint) = curly_quotes_message(key, inner);
            text.at_offset(
                Diagnostic::warning(&page.path, message)
                    .for_check(Check::CurlyQuotes)
                    .with_hint(hint),
                offset,
            )
        })
        .collect()
}

/// The message and hint of [`front_matter`].
fn curly_quotes_message(key: Option<&str>, inner: &str) -> (String, String) {
    let straight = inner.replace('\\', "\\\\").replace('"', "\\\"");
    crate::words::w().curly_quotes(key, inner, &straight)
}

/// Warnings about repeats, stray list markers and unclosed emphasis.
pub(crate) fn page(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let mut out = repeated(text, parts);
    for md in parts {
        let blocks = &md.rendered.blocks;
        for (i, block) in blocks.iter().enumerate() {
            let block = &block;
            let skip = list_marker(text, md, block, &mut out);
            emphasis(text, md, block, skip, &mut out);
            if block.kind == BlockKind::Paragraph {
                let next = blocks
                    .get(i + 1)
                    .filter(|b| is_running_text(b) && reads_as_text(b.text));
                if !placeholder(text, md, block, &mut out) {
                    flat_heading(text, md, block, next.is_some(), &mut out);
                }
                hyphenation(text, md, block, &mut out);
            }
        }
    }
    out
}

/// Words that end the text of a line where an image was.
const IMAGE_WORDS: &[&str] = &[
    "logotyp",
    "logotype",
    "logga",
    "logo",
    "bild",
    "foto",
    "fotografi",
    "illustration",
    "diagram",
    "figur",
    "karta",
    "symbol",
];

/// A short line such as "FOU Logotyp": the alternative text of an image
/// that was lost in copying.
fn placeholder(
    text: &PageText<'_>,
    md: &Markdown<'_>,
    block: &TextBlock,
    out: &mut Vec<Diagnostic>,
) -> bool {
    let line = block.text.trim();
    let n = words(line).take(7).count();
    let last = line
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .to_lowercase();
    if line.contains('\n') || n == 0 || n > 6 || !IMAGE_WORDS.contains(&last.as_str()) {
        return false;
    }
    out.push(text.at(
        {
            let (message, hint) = crate::words::w().lost_image(line);
            Diagnostic::warning(&text.page.path, message)
                .for_check(Check::ImagePlaceholder)
                .with_hint(hint)
        },
        md,
        block.offset,
    ));
    true
}

/// The first line of a paragraph that reads like a heading: short, no end
/// punctuation, and followed by text (on the next line, or as the next
/// paragraph).
fn flat_heading(
    text: &PageText<'_>,
    md: &Markdown<'_>,
    block: &TextBlock,
    text_follows: bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut lines = block.text.split('\n');
    let first = lines.next().unwrap_or_default().trim();
    let second = lines.next().map(str::trim);
    let n = words(first).take(9).count();
    let followed = match second {
        Some(next) => next.starts_with(char::is_uppercase) && reads_as_text(next),
        None => text_follows,
    };
    let ends_open = first
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric());
    if !(1..=8).contains(&n) || !ends_open || !followed || !first.starts_with(char::is_uppercase) {
        return;
    }
    out.push(text.at(
        {
            let (message, hint) = crate::words::w().flat_heading(first);
            Diagnostic::warning(&text.page.path, message)
                .for_check(Check::FlatHeading)
                .with_hint(hint)
        },
        md,
        block.offset,
    ));
}

/// Whether a line reads as running text rather than a label: it is long or
/// ends a sentence.
fn reads_as_text(line: &str) -> bool {
    words(line).nth(8).is_some() || line.contains(['.', '!', '?'])
}

/// Words after a hyphen at the end of a line that show the hyphen is meant:
/// `hälso-` / `och sjukvård`.
const AFTER_HYPHEN: &[&str] = &[
    "och",
    "eller",
    "samt",
    "respektive",
    "resp",
    "som",
    "till",
    "med",
];

/// A word split across two lines with a hyphen, as PDFs do: `omställ-` /
/// `ningen`.
fn hyphenation(
    text: &PageText<'_>,
    md: &Markdown<'_>,
    block: &TextBlock,
    out: &mut Vec<Diagnostic>,
) {
    let t = &block.text;
    let mut from = 0;
    while let Some(i) = t[from..].find("-\n") {
        let at = from + i;
        from = at + 2;
        let before: String = t[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after: String = t[at + 2..]
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        if before.is_empty()
            || !after.starts_with(char::is_lowercase)
            || AFTER_HYPHEN.contains(&after.as_str())
        {
            continue;
        }
        out.push(text.at(
            {
                let (message, hint) = crate::words::w().hyphenated(&before, &after);
                Diagnostic::warning(&text.page.path, message)
                    .for_check(Check::Hyphenation)
                    .with_hint(hint)
            },
            md,
            block.source_offset(at - before.len()),
        ));
    }
}

/// A fingerprint of the [`normalise`]d text and its number of words,
/// without building the text: most sentences never repeat, so only a
/// fingerprint that matches is checked against the text itself.
fn fingerprint(text: &str) -> (u64, usize) {
    // FNV-1a over the bytes of the normalised text.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |b: u8| hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    let mut n = 0;
    let mut all = words(text).peekable();
    while let Some(word) = all.next() {
        let word = if all.peek().is_none() {
            word.trim_end_matches(|c: char| !c.is_alphanumeric())
        } else {
            word
        };
        if n > 0 {
            feed(b' ');
        }
        for c in word.chars() {
            // Most letters are ASCII: lower-cased without Unicode's tables
            // (this hash is a tenth of a build's time at 10,000 parts).
            if c.is_ascii() {
                feed(c.to_ascii_lowercase() as u8);
            } else {
                for lower in c.to_lowercase() {
                    let mut buf = [0; 4];
                    lower.encode_utf8(&mut buf).bytes().for_each(&mut feed);
                }
            }
        }
        n += 1;
    }
    (hash, n)
}

/// Where a sentence or paragraph was first seen: part, block, byte range in
/// the block's text, and offset in the part's Markdown.
#[derive(Debug, Clone)]
struct Seen {
    part: usize,
    block: usize,
    range: std::ops::Range<usize>,
    offset: usize,
}

impl Seen {
    fn text<'a>(&self, parts: &'a [Markdown<'_>]) -> &'a str {
        let block = parts[self.part]
            .rendered
            .blocks
            .get(self.block)
            .expect("a block seen");
        &block.text[self.range.clone()]
    }
}

/// Repeated paragraphs, then repeated sentences in the other paragraphs.
fn repeated(text: &PageText<'_>, parts: &[Markdown<'_>]) -> Vec<Diagnostic> {
    let path = &text.page.path;
    let mut out = Vec::new();
    let line = |seen: &Seen| {
        text.at(
            Diagnostic::warning(path, ""),
            &parts[seen.part],
            seen.offset,
        )
        .line
    };
    let same = |a: &Seen, b: &str| normalise(a.text(parts)) == normalise(b);
    let mut paragraphs: HashMap<u64, Seen> = HashMap::new();
    let mut sentence_first: HashMap<u64, Seen> = HashMap::new();
    let mut run: Option<Run> = None;
    let hint = crate::words::w().repeated_hint();
    // In the order of the file: the front matter's fields, then the body.
    let order = (1..parts.len()).chain(std::iter::once(0));
    for (p, md) in order.map(|p| (p, &parts[p])) {
        for (b, block) in md.rendered.blocks.iter().enumerate() {
            if !is_running_text(&block) {
                continue;
            }
            let ranges = sentences(block.text);
            let (hash, n) = if ranges.len() > 1 {
                fingerprint(block.text)
            } else {
                (0, 0)
            };
            if n >= MIN_REPEATED_WORDS {
                match paragraphs.get(&hash) {
                    Some(first) if same(first, block.text) => {
                        out.push(
                            text.at(
                                Diagnostic::warning(
                                    path,
                                    crate::words::w().repeated_paragraph(line(first)),
                                )
                                .for_check(Check::Repeated)
                                .with_hint(hint),
                                md,
                                block.offset,
                            ),
                        );
                        run = None;
                        continue;
                    }
                    Some(_) => {}
                    None => {
                        paragraphs.insert(
                            hash,
                            Seen {
                                part: p,
                                block: b,
                                range: 0..block.text.len(),
                                offset: block.offset,
                            },
                        );
                    }
                }
            }
            for s in ranges {
                let sentence = &block.text[s.clone()];
                let (hash, n) = fingerprint(sentence);
                if n < MIN_REPEATED_WORDS {
                    run = None;
                    continue;
                }
                let offset = block.source_offset(s.start);
                if let Some(r) = run
                    .as_mut()
                    .filter(|r| r.hash == hash && same(&r.first, sentence))
                {
                    r.count += 1;
                    let message = crate::words::w().repeated_run(
                        &start_of(r.first.text(parts)),
                        r.count,
                        r.before.as_deref(),
                    );
                    match r.warning {
                        Some(i) => out[i].message = message,
                        None => {
                            out.push(
                                text.at(
                                    Diagnostic::warning(path, message)
                                        .for_check(Check::Repeated)
                                        .with_hint(hint),
                                    &parts[r.first.part],
                                    r.first.offset,
                                ),
                            );
                            r.warning = Some(out.len() - 1);
                        }
                    }
                    continue;
                }
                let here = Seen {
                    part: p,
                    block: b,
                    range: s.clone(),
                    offset,
                };
                let earlier = sentence_first
                    .get(&hash)
                    .filter(|first| same(first, sentence))
                    .cloned();
                let Some(first) = earlier else {
                    sentence_first.entry(hash).or_insert_with(|| here.clone());
                    run = Some(Run {
                        hash,
                        first: here,
                        warning: None,
                        count: 1,
                        before: None,
                    });
                    continue;
                };
                let place = crate::words::w().repeated_place(parts[first.part].field, line(&first));
                out.push(
                    text.at(
                        Diagnostic::warning(
                            path,
                            crate::words::w().repeated_sentence(&start_of(sentence), &place),
                        )
                        .for_check(Check::Repeated)
                        .with_hint(hint),
                        md,
                        offset,
                    ),
                );
                run = Some(Run {
                    hash,
                    first: here,
                    warning: Some(out.len() - 1),
                    count: 1,
                    before: Some(place),
                });
            }
        }
        run = None;
    }
    out
}

/// The last sentence seen, and how many times in a row it came.
struct Run {
    /// Its fingerprint.
    hash: u64,
    /// Where the run starts.
    first: Seen,
    /// The warning about it, once it repeats.
    warning: Option<usize>,
    /// How many times in a row.
    count: usize,
    /// Where it was before the run, when it was: `on line 3`.
    before: Option<String>,
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
            out.push(text.at(
                {
                    let (message, hint) = crate::words::w().empty_list_item();
                    Diagnostic::warning(path, message)
                        .for_check(Check::ListMarker)
                        .with_hint(hint)
                },
                md,
                block.offset,
            ));
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
                {
                    let (message, hint) = crate::words::w().pasted_bullet(bullet);
                    Diagnostic::warning(path, message)
                        .for_check(Check::ListMarker)
                        .with_hint(hint)
                },
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
                {
                    let (message, hint) = crate::words::w().lost_number(marker, &stray);
                    Diagnostic::warning(path, message)
                        .for_check(Check::ListMarker)
                        .with_hint(hint)
                },
                md,
                block.source_offset(at),
            ));
            covered = at..at + digits + 1 + stray.len();
        } else if n > 0 && next.is_some_and(char::is_whitespace) {
            out.push(text.at(
                {
                    let (message, hint) =
                        crate::words::w().number_in_paragraph(&trimmed[..digits + 1]);
                    Diagnostic::warning(path, message)
                        .for_check(Check::ListMarker)
                        .with_hint(hint)
                },
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
                {
                    let (message, hint) = crate::words::w().unclosed_emphasis(mark);
                    Diagnostic::warning(path_of(text), message)
                        .for_check(Check::Emphasis)
                        .with_hint(hint)
                },
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
    use crate::markdown::{Ids, Resolve, render};
    use crate::model::{Meta, Page, PartMeta, Role};

    struct Same;
    impl Resolve for Same {
        fn resolve(&self, dest: &str) -> Result<String, (String, String)> {
            Ok(dest.to_string())
        }
    }

    /// `line:column: message` of every warning about `body`, a part's text
    /// after three lines of front matter (so its first line is line 4).
    fn warnings(body: &str) -> Vec<String> {
        let text = format!("---\ntitle: A\n---\n{body}");
        let meta: PartMeta =
            crate::front_matter::parse(std::path::Path::new("a.md"), &text, "title: A\n", 2)
                .unwrap();
        let page = Page {
            path: "a.md".into(),
            rel: "a.md".into(),
            body_offset: text.len() - body.len(),
            text: text.clone().into(),
            text_hash: 0,
            front_hash: 0,
            role: Role::Part,
            meta: Meta::Part(Box::new(meta)).into(),
            title: "A".into(),
            weight: 0,
            date: None,
            url: String::new(),
            parent: None,
            children: Vec::new(),
        };
        let rendered = render(
            page.body(),
            &Same,
            &mut Ids::default(),
            &crate::markdown::Settings::SWEDISH,
        );
        let parts = [Markdown {
            source: page.body(),
            rendered: &rendered,
            field: None,
        }];
        super::page(&PageText::new(&page), &parts)
            .into_iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect()
    }

    #[test]
    fn repeats() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Vi ställer om vården. Individens behov och förutsättningar. Individens behov och förutsättningar. Individens behov och förutsättningar.\n",
                &["4:23: meningen ”Individens behov och förutsättningar.” kommer 3 gånger i rad"],
            ),
            (
                "Primärvården är navet här.\n\nAnnat stycke kommer sedan.\n\nPrimärvården är navet här.\n",
                &["8:1: meningen ”Primärvården är navet här.” finns redan på rad 4"],
            ),
            (
                "Ett två tre fyra. Fem sex sju åtta.\n\nEtt två tre fyra. Fem sex sju åtta.\n",
                &["6:1: det här stycket är detsamma som det på rad 4"],
            ),
            // Short sentences repeat on purpose; case and spacing do not matter.
            ("För att lära. För att lära.\n", &[]),
            (
                "Nära vård för alla.\n\nNÄRA  VÅRD för alla\n",
                &["4:1: meningen ”Nära vård för alla.” kommer 2 gånger i rad"],
            ),
        ];
        for (body, want) in cases {
            assert_eq!(warnings(body), *want, "{body}");
        }
    }

    #[test]
    fn copy_artefacts() {
        let cases: &[(&str, &[&str])] = &[
            (
                "- 3.** Fokus flyttas.\n",
                &["4:3: `3.**` ser ut som ett listnummer som hamnat fel"],
            ),
            ("- 3. Fokus flyttas.\n", &[]),
            ("Version 2.0 gäller.\n", &[]),
            (
                "▪ Punkt ett.\n",
                &["4:1: ett punkttecken `▪` inklistrat som text"],
            ),
            ("-\n- Text här.\n", &["4:1: en tom punkt i en lista"]),
            (
                "Det är **viktigt.\n",
                &["4:8: `**` som inte stängs: texten efter blir inte betonad"],
            ),
            ("Det är **viktigt** och *nära*.\n", &[]),
            ("Räkna 5 * 3.\n", &[]),
            ("Ett \\*escaped.\n", &[]),
            (
                "omställ-\nningen tar tid.\n",
                &["4:1: ordet ”omställ-ningen” är avstavat över två rader"],
            ),
            ("hälso-\noch sjukvård.\n", &[]),
        ];
        for (body, want) in cases {
            assert_eq!(warnings(body), *want, "{body:?}");
        }
    }

    #[test]
    fn a_fingerprint_is_the_hash_of_the_normalised_text() {
        let fnv = |s: &str| {
            s.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            })
        };
        for text in [
            "Individens  behov och\nförutsättningar.",
            "ÅTTA ÄLGAR ÖVER ÉN Bro, 2035!",
            "Straße İstanbul ΣΟΦΙΑ – ”citat” …",
            "ett",
            "",
        ] {
            let words = normalise(text).split(' ').filter(|w| !w.is_empty()).count();
            assert_eq!(
                fingerprint(text),
                (fnv(&normalise(text)), words),
                "{text:?}"
            );
        }
    }

    #[test]
    fn normalised_text_ignores_case_spacing_and_end_marks() {
        assert_eq!(
            normalise("Individens  behov och\nförutsättningar."),
            normalise("individens behov och förutsättningar")
        );
    }
}
