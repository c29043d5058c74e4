//! Readability: LIX (läsbarhetsindex) per page and sentences over a length
//! limit, over the running text (paragraphs and list items, of the body and
//! of the Markdown fields of the front matter; not headings or tables).
//!
//! LIX (Björnsson 1968) is the average number of words per sentence plus the
//! percentage of words longer than six letters. Björnsson's scale: under 30
//! very easy, 30–40 easy, 40–50 medium (ordinary factual prose), 50–60 hard
//! (official texts), over 60 very hard (bureaucratic and research prose).

use std::ops::Range;

use super::Check;
use super::{Markdown, PageText};
use crate::config::CheckConfig;
use crate::diagnostic::Diagnostic;
use crate::markdown::{BlockKind, TextBlock};

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "ca", "jfr", "resp", "osv", "dvs", "kap", "nr", "st", "tel", "pga", "enl", "inkl", "exkl",
    "etc", "prof", "dr", "ang", "avd", "kl", "mfl", "mm", "bl", "obs", "vs", "tex", "sk",
];

/// Whether the full stop ending `before` (the text up to it) belongs to an
/// abbreviation (`t.ex`, `bl.a`, `ca`) or an initial.
fn is_abbreviation(before: &str) -> bool {
    let token = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    let letters: String = token.chars().filter(|c| c.is_alphabetic()).collect();
    token.contains('.')
        || (letters.chars().count() == 1 && token.chars().all(char::is_alphabetic))
        || ABBREVIATIONS.contains(&letters.to_lowercase().as_str())
}

/// The sentences of `text`, as byte ranges without surrounding whitespace. A
/// sentence ends at `.`, `!`, `?` or `…` followed by a space and a capital
/// letter, a digit or a quote, at `:` followed by a space and a capital
/// letter, and at the end of the text.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    while let Some(found) = text[pos..].find(['.', '!', '?', '…', ':']) {
        let at = pos + found;
        let c = text[at..].chars().next().unwrap_or('.');
        // The end mark may be several characters and be followed by a
        // closing quote or parenthesis: `?!`, `.”`, `.)`.
        let mut end = at + c.len_utf8();
        for next in text[end..].chars() {
            if !matches!(next, '.' | '!' | '?' | '…' | '”' | '"' | '’' | ')' | '»') {
                break;
            }
            end += next.len_utf8();
        }
        let rest = &text[end..];
        let after_space = rest.trim_start();
        let boundary = match after_space.chars().next() {
            None => true,
            Some(_) if after_space.len() == rest.len() => false,
            Some(n) if c == ':' => n.is_uppercase(),
            Some(n) => {
                (n.is_uppercase() || n.is_ascii_digit() || "”\"–-(«".contains(n))
                    && !(c == '.' && is_abbreviation(&text[start..at]))
            }
        };
        if boundary {
            push_trimmed(&mut out, text, start..end);
            start = end;
        }
        pos = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if words(trimmed).next().is_some() {
        out.push(range.start + lead..range.start + lead + trimmed.len());
    }
}

/// The words of `text`: what stands between spaces and has a letter or digit.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Whether a word is long in LIX's sense: more than six letters.
pub(crate) fn is_long(word: &str) -> bool {
    word.len() > 6 && word.chars().filter(|c| c.is_alphabetic()).nth(6).is_some()
}

/// Counts for LIX.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Words.
    pub words: usize,
    /// Words of more than six letters.
    pub long: usize,
    /// Sentences.
    pub sentences: usize,
}

impl Counts {
    /// Counts `text`, one block of running text.
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> Counts {
        let mut c = Counts::default();
        for s in sentences(text) {
            c.sentences += 1;
            for w in words(&text[s]) {
                c.words += 1;
                c.long += usize::from(is_long(w));
            }
        }
        c
    }

    /// Adds `other`.
    pub(crate) fn add(&mut self, other: Counts) {
        self.words += other.words;
        self.long += other.long;
        self.sentences += other.sentences;
    }

    /// LIX: words per sentence + per cent long words.
    pub(crate) fn lix(&self) -> f64 {
        if self.words == 0 || self.sentences == 0 {
            return 0.0;
        }
        self.words as f64 / self.sentences as f64 + 100.0 * self.long as f64 / self.words as f64
    }
}

/// Whether a block is running text.
pub(crate) fn is_running_text(block: &TextBlock) -> bool {
    matches!(block.kind, BlockKind::Paragraph | BlockKind::ListItem)
}

/// LIX and long-sentence warnings for one page.
pub(crate) fn page(
    text: &PageText<'_>,
    parts: &[Markdown<'_>],
    config: &CheckConfig,
) -> Vec<Diagnostic> {
    let path = &text.page.path;
    let mut out = Vec::new();
    let mut total = Counts::default();
    // (words, part, offset in the part's Markdown) of every sentence.
    let mut longest: Vec<(usize, usize, usize)> = Vec::new();
    for (p, md) in parts.iter().enumerate() {
        for block in md.rendered.blocks.iter().filter(|b| is_running_text(b)) {
            for s in sentences(block.text) {
                let sentence = &block.text[s.clone()];
                let (mut n, mut long) = (0, 0);
                for w in words(sentence) {
                    n += 1;
                    long += usize::from(is_long(w));
                }
                total.add(Counts {
                    words: n,
                    long,
                    sentences: 1,
                });
                let offset = block.source_offset(s.start);
                longest.push((n, p, offset));
                if n > config.sentence_words_max {
                    out.push(text.at(
                        {
                            let (message, hint) = crate::words::w().long_sentence(
                                &start_of(sentence),
                                n,
                                config.sentence_words_max,
                            );
                            Diagnostic::warning(path, message)
                                .for_check(Check::LongSentence)
                                .with_hint(hint)
                        },
                        md,
                        offset,
                    ));
                }
            }
        }
    }
    let lix = total.lix();
    if total.words >= config.lix_min_words && lix > f64::from(config.lix_max) {
        longest.sort_by_key(|s| std::cmp::Reverse(s.0));
        let mut lines: Vec<usize> = longest
            .iter()
            .take(3)
            .map(|&(_, p, offset)| {
                text.at(Diagnostic::warning(path, ""), &parts[p], offset)
                    .line
            })
            .collect();
        lines.sort_unstable();
        lines.dedup();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        let line = text.page.key_line("title").unwrap_or(1);
        let (message, hint) = crate::words::w().lix(
            lix,
            config.lix_max,
            total.words as f64 / total.sentences.max(1) as f64,
            100.0 * total.long as f64 / total.words.max(1) as f64,
            &lines.join(", "),
        );
        out.push(
            text.at_line(Diagnostic::warning(path, message), line)
                .for_check(Check::Lix)
                .with_hint(hint),
        );
    }
    out
}

/// The first words of a sentence, to quote it.
pub(crate) fn start_of(sentence: &str) -> String {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.len() <= 8 {
        words.join(" ")
    } else {
        format!("{} …", words[..7].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn sentences_split_where_swedish_sentences_end() {
        let cases: &[(&str, &[&str])] = &[
            ("En mening. En till!", &["En mening.", "En till!"]),
            (
                "Vården, t.ex. Primärvården, är nära. Bl.a. Kommunerna deltar.",
                &[
                    "Vården, t.ex. Primärvården, är nära.",
                    "Bl.a. Kommunerna deltar.",
                ],
            ),
            (
                "Hälso- och sjukvård 2.0 för länet. Klart.",
                &["Hälso- och sjukvård 2.0 för länet.", "Klart."],
            ),
            (
                "Budskapet: Tillsammans skapar vi hälsa",
                &["Budskapet:", "Tillsammans skapar vi hälsa"],
            ),
            (
                "Fråga: vad är viktigt? ”Allt.” Sedan",
                &["Fråga: vad är viktigt?", "”Allt.”", "Sedan"],
            ),
            (
                "Ca 5 400 personer. 12 kommuner deltar.",
                &["Ca 5 400 personer.", "12 kommuner deltar."],
            ),
            ("   ", &[]),
            ("Utan punkt", &["Utan punkt"]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), *want, "{text}");
        }
    }

    #[test]
    fn lix_of_known_texts() {
        // 2 sentences, 10 words, 3 of them longer than six letters:
        // 10/2 + 100*3/10 = 35.
        let c = Counts::of("Vi ställer om till nära vård. Omställningen kräver gemensamt ansvar.");
        assert_eq!(
            c,
            Counts {
                words: 10,
                long: 3,
                sentences: 2
            }
        );
        assert!((c.lix() - 35.0).abs() < 1e-9);
        let (message, _) = crate::words::Words::lix(&crate::words::Sv, c.lix(), 30, 5.0, 30.0, "1");
        assert!(message.contains("LIX 35 (lätt)"), "{message}");
        assert_eq!(Counts::default().lix(), 0.0);
        assert!(is_long("kompetensförsörjning"));
        assert!(!is_long("hälso-"));
        assert!(!is_long("2035"));
    }

    #[test]
    fn words_skip_punctuation() {
        let w: Vec<&str> = words("Nära – och ”trygg” vård , 2035 .").collect();
        assert_eq!(w, ["Nära", "och", "”trygg”", "vård", "2035"]);
    }
}
