//! What the search index is made of, below [`crate::render`], which reads
//! it: each page's [`Words`] (made with its body, so cached with it), the
//! pages' numbers in the index ([`numbers`]), the shards' numbers, and the
//! plan of the A–Ö list ([`Plan`]: its letters and parts, patched in place
//! when titles change or pages come or go). [`crate::search`] writes the
//! index's files and the search pages from these; its module documentation
//! describes the index.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};

use crate::markdown::{BlockKind, Rendered};
use crate::model::{Meta, Page, PageId, Role, Site};

/// Numbers per card file (a power of two; a file has the cards of the
/// pages whose numbers are in its range, about an eighth as many).
pub(crate) const CHUNK: usize = 64;

/// Each page's number in the index ([`crate::render::Values`] keeps them):
/// where a hash of its content path falls in a table eight times as large
/// as the site (the next power of two), the next free number when that is
/// taken (pages placed in the order of those places, then of content path).
/// A page keeps its number when pages are added or removed elsewhere, so
/// those touch only the shards of their own words and their own card file
/// (a number by place in the site would move every page after them); all
/// numbers move only when the site's size passes a power of two. `rels`:
/// each page's content path, hashed ([`crate::hash::str`]).
pub(crate) fn numbers(site: &Site, rels: &[u64]) -> Vec<u32> {
    let n = site.pages.len().max(1);
    let bits = (n.next_power_of_two().trailing_zeros() + 3).min(31);
    let mut order: Vec<(u32, &str, PageId)> = site
        .pages
        .iter()
        .zip(rels)
        .enumerate()
        .map(|(id, (p, rel))| {
            let place = (rel >> (64 - bits)) as u32;
            (place, p.rel.as_str(), id)
        })
        .collect();
    order.sort_unstable();
    let mut numbers = vec![0; site.pages.len()];
    let mut next = 0u32;
    for (place, _, id) in order {
        let number = place.max(next);
        numbers[id] = number;
        next = number + 1;
    }
    numbers
}
/// How long a snippet is at most, in characters.
const SNIPPET: usize = 180;
/// Scores are kept below this (a word said a hundred times is not a hundred
/// times as much about it).
const MAX_SCORE: u32 = 99;

/// Weights of the places a word can be in.
const TITLE: u32 = 8;
const HEADING: u32 = 4;
const LEAD: u32 = 2;
const TEXT: u32 = 1;

/// Snowball's Swedish stop words, which are not indexed (nor looked for):
/// they are on nearly every page and say nothing of it.
pub(crate) const STOP_WORDS: &[&str] = &[
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig",
    "för", "så", "till", "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du",
    "henne", "då", "sin", "nu", "har", "inte", "hans", "honom", "skulle", "hennes", "där", "min",
    "man", "ej", "vid", "kunde", "något", "från", "ut", "när", "efter", "upp", "vi", "dem", "vara",
    "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla", "under", "någon",
    "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit",
    "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir",
    "mina", "samma", "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sådant",
    "varför", "varje", "vilka", "ditt", "vem", "vilket", "sitta", "sådana", "vart", "dina", "vars",
    "vårt", "våra", "ert", "era", "vilkas",
];

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Swedish));
static STOP: LazyLock<crate::hash::FxMap<&'static str, ()>> =
    LazyLock::new(|| STOP_WORDS.iter().map(|w| (*w, ())).collect());

/// How many words each thread keeps the stem of (a site's pages share most
/// of their words; stemming each word of each page again was most of the
/// time the index took).
const MAX_KNOWN: usize = 200_000;

thread_local! {
    /// The stems of words seen on this thread, by the word as written.
    static STEMS: std::cell::RefCell<crate::hash::FxMap<String, Option<String>>> =
        Default::default();
}

/// A word folded for the index: lower case, accents off, but å, ä and ö
/// kept (and æ, ø written ä, ö). The theme's `js/search.js` folds the same.
pub(crate) fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// One lower-case letter folded as [`fold`] does (also the Swedish
/// alphabetical order's, [`swedish_key`]).
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'õ' => 'o',
        'ú' | 'ù' | 'û' => 'u',
        'ü' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        'æ' => 'ä',
        'ø' => 'ö',
        c => c,
    }
}

/// A key that sorts Swedish text as a Swedish dictionary does: case and
/// accents aside, with å, ä and ö after z (and æ, ø as ä, ö; ü as y).
pub(crate) fn swedish_key(text: &str) -> Vec<u32> {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .filter_map(|c| match c {
            'å' => Some(u32::from('z') + 1),
            'ä' => Some(u32::from('z') + 2),
            'ö' => Some(u32::from('z') + 3),
            c if c.is_alphanumeric() => Some(u32::from(c)),
            ' ' | '-' => Some(u32::from(' ')),
            _ => None,
        })
        .collect()
}

/// The words of `text`: runs of letters and digits.
pub fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The stem of one word, or `None` for a stop word. `word` is a token
/// ([`tokens`]), not yet folded.
pub fn stem(word: &str) -> Option<String> {
    let folded = fold(word);
    if STOP.contains_key(folded.as_str()) {
        return None;
    }
    Some(STEMMER.stem(&folded).into_owned())
}

/// What the index knows of one page: its stems with a score, and its
/// snippet. Made with the page's body, and cached with it.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Words {
    /// Its stems, sorted, each followed by `\n`.
    stems: String,
    /// The score of each stem, in the same order.
    scores: Vec<u8>,
    /// What the results show under its title.
    pub snippet: String,
}

impl Words {
    /// Each stem with its score.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.stems
            .split_terminator('\n')
            .zip(self.scores.iter().copied())
    }

    /// Its stems in shard `key` with their scores; `needle` is the key's
    /// [`shard_needle`]. Found by a search of its text and a count of the
    /// stems before them, not by a walk through every stem (a rebuild
    /// gathers a few shards from thousands of pages).
    pub(crate) fn in_shard<'a>(
        &'a self,
        key: &'a str,
        needle: &str,
    ) -> impl Iterator<Item = (&'a str, u8)> + 'a {
        let start = if self.stems.starts_with(&needle[1..]) {
            Some(0)
        } else {
            self.stems.find(needle).map(|i| i + 1)
        };
        let (text, index) = match start {
            Some(start) => (
                &self.stems[start..],
                self.stems.as_bytes()[..start]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count(),
            ),
            None => ("", self.scores.len()),
        };
        text.split_terminator('\n')
            .zip(self.scores[index..].iter().copied())
            .take_while(move |(stem, _)| shard_key(stem) == key)
    }

    /// Each shard its stems are in ([`shard_key`]), in order, with a hash
    /// of its stems and scores there. Worked out when asked (once a build,
    /// by `render::Values`): kept, a page's hundred shards with their hashes
    /// cost more than its stems.
    pub(crate) fn shards(&self) -> impl Iterator<Item = (&str, u64)> {
        let mut stems = self.iter().peekable();
        std::iter::from_fn(move || {
            let (first, score) = stems.next()?;
            let key = shard_key(first);
            let mut h = crate::hash::Combine::default()
                .str(first)
                .u64(u64::from(score));
            while let Some((s, score)) = stems.next_if(|(s, _)| shard_key(s) == key) {
                h = h.str(s).u64(u64::from(score));
            }
            Some((key, h.finish()))
        })
    }
}

/// What [`Words::in_shard`] looks for in a page's stems (each after a
/// `\n`) to tell whether it has any in shard `key`: a stem that starts with
/// its two letters, or, for a key of one letter, that letter alone.
pub(crate) fn shard_needle(key: &str) -> String {
    if key.chars().nth(1).is_some() {
        format!("\n{key}")
    } else {
        format!("\n{key}\n")
    }
}

/// The number the reads of an output use for shard `key`
/// ([`crate::render::Aspect::Shard`]). Two keys with one number would only
/// make both files again when one changes.
pub(crate) fn shard_number(key: &str) -> u32 {
    crate::hash::str(key) as u32
}

/// The plain text of rendered Markdown's blocks of `kinds`, one space between.
fn plain(rendered: &Rendered, mut keep: impl FnMut(BlockKind) -> bool) -> String {
    let mut out = String::new();
    for b in &rendered.blocks {
        if keep(b.kind) && !b.text.trim().is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(b.text.trim());
        }
    }
    out
}

/// `text` cut to at most [`SNIPPET`] characters at a word, with `…`.
fn cut(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SNIPPET {
        return text;
    }
    let end = text
        .char_indices()
        .nth(SNIPPET)
        .map_or(text.len(), |(i, _)| i);
    let head = &text[..end];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end_matches([',', '.', ';', ':', ' ']))
}

/// The [`Words`] of `page`, whose body rendered to `content` and its
/// Markdown fields (summary, goal areas' texts, factors' summaries) to
/// `fields`.
pub(crate) fn words_of<'a>(
    page: &'a Page,
    content: &'a Rendered,
    fields: &[(bool, &'a Rendered)],
) -> Words {
    // Every text with its weight, borrowed; in NFC, as the browser's query
    // is (a file saved on a Mac may have å decomposed).
    let mut texts: Vec<(std::borrow::Cow<'a, str>, u32)> = Vec::with_capacity(64);
    let mut add = |text: &'a str, weight: u32| {
        texts.push((nfc(text), weight));
    };
    add(&page.title, TITLE);
    let description = match &*page.meta {
        Meta::Part(m) => {
            if let Some(v) = &m.vision {
                add(v, HEADING);
            }
            for a in &m.goal_areas {
                add(&a.title, HEADING);
                if let Some(means) = &a.means {
                    add(means, LEAD);
                }
            }
            for f in &m.factors {
                add(&f.title, HEADING);
            }
            for s in &m.shifts {
                add(&s.from, TEXT);
                add(&s.to, TEXT);
            }
            for w in &m.themes {
                add(w, LEAD);
            }
            m.description.as_deref()
        }
        Meta::Publication(m) => {
            for w in &m.themes {
                add(w, LEAD);
            }
            m.description.as_deref()
        }
        Meta::Region(m) => m.description.as_deref(),
        Meta::Home(m) => m.description.as_deref(),
    };
    if let Some(d) = description {
        add(d, LEAD);
    }
    let mut summary = None;
    for &(is_summary, rendered) in fields {
        let weight = if is_summary { LEAD } else { TEXT };
        for b in &rendered.blocks {
            add(b.text, weight);
        }
        if is_summary {
            summary = Some(plain(rendered, |_| true));
        }
    }
    for b in &content.blocks {
        let weight = match b.kind {
            BlockKind::Heading => HEADING,
            _ => TEXT,
        };
        add(b.text, weight);
    }
    // Each word as written, with its score: a page says most words many
    // times, so each is folded and stemmed once, below.
    let mut written: crate::hash::FxMap<&str, u32> = Default::default();
    for (text, weight) in &texts {
        for t in tokens(text) {
            let score = written.entry(t).or_default();
            *score = (*score + weight).min(MAX_SCORE);
        }
    }
    let snippet = cut(&description
        .map(str::to_string)
        .or(summary)
        .unwrap_or_else(|| plain(content, |k| k == BlockKind::Paragraph)));
    let (stems, scores) = STEMS.with_borrow_mut(|known| {
        if known.len() > MAX_KNOWN {
            known.clear();
        }
        for word in written.keys() {
            if !known.contains_key(*word) {
                known.insert(word.to_string(), stem(word));
            }
        }
        // The stems borrowed from what this thread knows: no string is
        // made for a word seen before.
        let mut scores: crate::hash::FxMap<&str, u32> = Default::default();
        for (word, score) in &written {
            if let Some(Some(s)) = known.get(*word) {
                let e = scores.entry(s.as_str()).or_default();
                *e = (*e + score).min(MAX_SCORE);
            }
        }
        let mut sorted: Vec<(&str, u32)> = scores.into_iter().collect();
        sorted.sort_unstable();
        let mut stems = String::with_capacity(sorted.iter().map(|(s, _)| s.len() + 1).sum());
        for (s, _) in &sorted {
            stems.push_str(s);
            stems.push('\n');
        }
        (stems, sorted.iter().map(|(_, s)| *s as u8).collect())
    });
    Words {
        stems,
        scores,
        snippet,
    }
}

/// `text` in NFC, borrowed when it already is (almost always).
fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(unicode_normalization::UnicodeNormalization::nfc(text).collect())
    }
}

/// The shard of `stem`: its first two characters.
pub fn shard_key(stem: &str) -> &str {
    let end = stem.char_indices().nth(2).map_or(stem.len(), |(i, _)| i);
    &stem[..end]
}

/// The initial a title's [`swedish_key`] files it under: `A`...`Ö`, or `#`
/// for a title that starts with no letter.
pub(crate) fn initial(key: &[u32]) -> String {
    key.first()
        .and_then(|&c| char::from_u32(c))
        .map(|c| match c {
            '{' => 'å',
            '|' => 'ä',
            '}' => 'ö',
            c => c,
        })
        .filter(|c| c.is_alphabetic())
        .map_or_else(|| "#".to_string(), |c| c.to_uppercase().collect())
}

/// A letter's name in ids and addresses: `a`...`z`, `aa` (Å), `ae` (Ä),
/// `oe` (Ö), `ovrigt` (`#`).
pub(crate) fn letter_slug(letter: &str) -> String {
    match letter {
        "Å" => "aa".to_string(),
        "Ä" => "ae".to_string(),
        "Ö" => "oe".to_string(),
        "#" => "ovrigt".to_string(),
        l => l.to_lowercase(),
    }
}

/// Above how many pages the A–Ö list is split into a page per letter (and
/// a long letter into parts): `site.yaml`'s `split: pages:`, else 500. The
/// real sites (21 regions, a few publications each of a handful of parts)
/// have one to three hundred pages, whose list is one page of at most some
/// 100 kB that a reader scrolls or searches with the browser; at 500 it
/// would be some 150 kB and 500 links, more than a phone or a screen
/// reader's list of links is good for, and every title edit would make it
/// again. (A test's fixture sets a small number, so a dozen pages split.)
pub(crate) fn split_above(site: &Site) -> usize {
    site.config.split.pages.unwrap_or(500)
}

/// How a letter's list is cut into parts: at most `max` pages a part (200,
/// some 60 kB); a part of `min` pages or more (41) ends before a page whose
/// content path hashes to a multiple of `cut` (83). A part then holds
/// about 120 pages, and where it ends depends on the pages there, not on
/// how many come before, so a page added or retitled changes the part it
/// joins and the part it leaves, not every part after them. From
/// [`split_above`], so that a test's lower number cuts small parts too.
fn part_sizes(above: usize) -> (usize, usize, u64) {
    (
        (above * 2 / 5).max(2),
        (above / 12).max(1),
        (above as u64 / 6).max(2),
    )
}

/// The A–Ö list of a large site, split: a page per letter, and a long
/// letter in parts. Made every build (from the site, in parallel: some
/// milliseconds at 10,000 pages) into [`crate::render::Values`], whose
/// [`crate::render::Aspect::Letters`] and `List(n)` are its hashes, so a
/// title edit makes only the part the page is on again (and the part it
/// moves to).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Plan {
    /// Each letter that has pages, in order.
    pub letters: Vec<PlanLetter>,
    /// Each part of the list, letter by letter.
    pub parts: Vec<Part>,
    /// How many pages the list holds.
    pub count: usize,
    /// What the search page shows of it: the letters (with the address of
    /// each one's first part) and how many pages.
    pub overview: u64,
    /// Each part's value, by [`list_key`] of its address.
    values: HashMap<u32, u64>,
    /// Each page's title's sort key ([`swedish_key`]), by id.
    keys: Vec<Arc<[u32]>>,
    /// Each page's hash of its title and address, by id.
    titles: Vec<u64>,
    /// Each page's hash of its content path, by id.
    rels: Vec<u64>,
    /// Each page's hash of its children, by id.
    children: Vec<u64>,
    /// [`split_above`] when it was made.
    above: usize,
}

/// The number a part of the list is read by
/// ([`crate::render::Aspect::List`]): from its address, not its place
/// among the parts, so that a letter that gains or loses a part does not
/// move the parts of the letters after it.
pub(crate) fn list_key(path: &str) -> u32 {
    crate::hash::str(path) as u32
}

/// A letter of [`Plan`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanLetter {
    /// `A`...`Ö`, `#`.
    pub letter: String,
    /// Its first part in [`Plan::parts`].
    pub first: usize,
    /// How many parts (one, empty, when no page starts with it).
    pub parts: usize,
    /// How many pages start with it.
    pub pages: usize,
}

/// A part of [`Plan`]: one page of output.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    /// Its letter in [`Plan::letters`].
    pub letter: usize,
    /// Its number among the letter's parts, from 1.
    pub number: usize,
    /// Where it is written.
    pub path: String,
    /// Its pages, in order, with their context.
    pub entries: Vec<(PageId, Arc<str>)>,
    /// The hash of everything it shows.
    pub value: u64,
}

/// Where part `number` of `letter` is written: `sok/m/index.html`, then
/// `sok/m/sida/2/index.html` (the shape of Hugo's and Zola's pagination,
/// in Swedish).
pub(crate) fn part_path(letter: &str, number: usize) -> String {
    let slug = letter_slug(letter);
    if number <= 1 {
        format!("sok/{slug}/index.html")
    } else {
        format!("sok/{slug}/sida/{number}/index.html")
    }
}

/// The letters every part's navigation shows, whether pages start with
/// them or not (a letter no page starts with has a page that says so): the
/// navigation stays the same when the first page under a letter comes or
/// the last goes, so that does not make every part again.
const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ";

impl Plan {
    /// The plan of `site`'s list, or an empty one (the list stays on the
    /// search page) when the site has [`split_above`] pages or fewer.
    /// `rels`, `titles` and `children` are each page's hash of its content
    /// path, of its title and address and of its children; a title's sort
    /// key is taken from `last`, the last build's plan, when the pages are
    /// the same and its title hashes the same (a title edit then keys one
    /// title, not thousands).
    pub(crate) fn of(
        site: &Site,
        last: Option<&Plan>,
        rels: &[u64],
        titles: &[u64],
        children: &[u64],
    ) -> Plan {
        if site.pages.len() <= split_above(site) {
            return Plan::default();
        }
        // Each page's sort key of the last plan, with the title it is of,
        // by this site's ids (parts may have come or gone since).
        let kept: Vec<Option<(u64, Arc<[u32]>)>> = match last {
            Some(l) if l.rels == rels && l.keys.len() == titles.len() => l
                .titles
                .iter()
                .zip(&l.keys)
                .map(|(t, k)| Some((*t, k.clone())))
                .collect(),
            Some(l) if l.keys.len() == l.rels.len() && l.titles.len() == l.rels.len() => {
                match &site.renumbered {
                    Some(renumbered) => {
                        // A page's content path and title, hashed, and its key.
                        type Keyed = (u64, u64, Arc<[u32]>);
                        let mut kept: Vec<Option<Keyed>> = l
                            .rels
                            .iter()
                            .zip(&l.titles)
                            .zip(&l.keys)
                            .map(|((r, t), k)| Some((*r, *t, k.clone())))
                            .collect();
                        renumbered.apply(&mut kept, None);
                        let same = kept.len() == rels.len()
                            && kept
                                .iter()
                                .zip(rels)
                                .all(|(k, r)| k.as_ref().is_none_or(|k| k.0 == *r));
                        if same {
                            kept.into_iter()
                                .map(|k| k.map(|(_, t, k)| (t, k)))
                                .collect()
                        } else {
                            Vec::new()
                        }
                    }
                    None => Vec::new(),
                }
            }
            _ => Vec::new(),
        };
        let keys: Vec<Arc<[u32]>> = (0..site.pages.len())
            .into_par_iter()
            .map(|id| match kept.get(id) {
                Some(Some((t, k))) if *t == titles[id] => k.clone(),
                _ => swedish_key(&site.pages[id].title).into(),
            })
            .collect();
        // Every page of the tree, depth first, with the region or
        // publication whose context its list entry shows (the nearest
        // above it); each such context made and keyed once.
        let mut contexts: Vec<(Arc<str>, Vec<u32>)> = vec![(Arc::from(""), Vec::new())];
        let mut found: Vec<(PageId, usize)> = Vec::with_capacity(site.pages.len());
        let mut stack: Vec<(PageId, usize)> = vec![(Site::HOME, 0)];
        while let Some((id, ctx)) = stack.pop() {
            let page = &site.pages[id];
            let below = if matches!(page.role, Role::Region | Role::Publication) {
                let text = if contexts[ctx].0.is_empty() {
                    page.title.clone()
                } else {
                    format!("{} · {}", contexts[ctx].0, page.title)
                };
                let key = swedish_key(&text);
                contexts.push((text.into(), key));
                contexts.len() - 1
            } else {
                ctx
            };
            for &c in page.children.iter().rev() {
                stack.push((c, below));
            }
            found.push((id, ctx));
        }
        let mut entries: Vec<(Arc<[u32]>, PageId, usize)> = found
            .into_iter()
            .map(|(id, ctx)| (keys[id].clone(), id, ctx))
            .collect();
        // As the list on the search page is sorted: by title, context and
        // address (made only for the rare tie).
        entries.par_sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| contexts[a.2].1.cmp(&contexts[b.2].1))
                .then_with(|| {
                    site.pages[a.1]
                        .output_path()
                        .cmp(&site.pages[b.1].output_path())
                })
        });
        let count = entries.len();
        // The letters: the alphabet, and any other initial (`#`, a letter
        // of another alphabet) where its pages sort.
        let mut names: Vec<(u32, String)> = ALPHABET
            .chars()
            .map(|c| letter_position(&c.to_string()))
            .collect();
        let mut by_letter: HashMap<String, Vec<(PageId, Arc<str>)>> = HashMap::new();
        // Sorted: the entries of one initial come together.
        let mut current: Option<(Option<u32>, String)> = None;
        for (key, id, ctx) in &entries {
            let first = key.first().copied();
            let letter = match &current {
                Some((f, l)) if *f == first => l.clone(),
                _ => {
                    let l = initial(key);
                    current = Some((first, l.clone()));
                    l
                }
            };
            let list = by_letter.entry(letter).or_insert_with_key(|letter| {
                if !ALPHABET.contains(letter.as_str()) {
                    names.push(letter_position(letter));
                }
                Vec::new()
            });
            list.push((*id, contexts[*ctx].0.clone()));
        }
        names.sort();
        let mut plan = Plan {
            count,
            keys,
            titles: titles.to_vec(),
            rels: rels.to_vec(),
            children: children.to_vec(),
            above: split_above(site),
            ..Plan::default()
        };
        let mut letter_parts = Vec::with_capacity(names.len());
        for (_, letter) in names {
            let pages = by_letter.remove(&letter).unwrap_or_default();
            let l = plan.letters.len();
            plan.letters.push(PlanLetter {
                letter,
                first: 0,
                parts: 0,
                pages: pages.len(),
            });
            letter_parts.push(plan.cut(l, pages));
        }
        plan.assemble(site, letter_parts);
        plan
    }

    /// Makes `self` (the last build's plan) the plan of `site`'s list as
    /// [`Plan::of`] makes it, in place, when only some titles moved: the pages
    /// are the same (`rels`), under the same pages (`children`). Each page
    /// whose title or address moved, and each page below a region or
    /// publication whose title moved (its context), is taken out of its
    /// letter and put in where it now sorts, and only the
    /// letters it left and joined are cut into parts again (a part ends
    /// where its pages say, so most of their parts come out as they were).
    /// `renumbered`: how `site` was made from the site of this plan by
    /// putting parts in and taking them out, when it was; the plan is then
    /// first taken to the site's ids ([`Plan::renumber`]), and the parts put
    /// in are put in their letters as a retitled page is.
    /// Returns whether it could be made so (else `self` is as it was, or,
    /// with `renumbered`, maybe only taken to the site's ids: what
    /// [`Plan::of`] takes from a last plan).
    pub(crate) fn patch(
        &mut self,
        site: &Site,
        renumbered: Option<&crate::model::Renumbered>,
        rels: &[u64],
        titles: &[u64],
        children: &[u64],
    ) -> bool {
        if self.parts.is_empty()
            || site.pages.len() <= split_above(site)
            || self.above != split_above(site)
        {
            return false;
        }
        // The pages put in, and the letters that lost a page taken out.
        let (put, shrunk) = match renumbered {
            Some(r) if self.rels != rels => match self.renumber(site, r, rels, children) {
                Some(done) => done,
                None => return false,
            },
            _ => (Vec::new(), Vec::new()),
        };
        if self.rels != rels || self.children != children || self.titles.len() != titles.len() {
            return false;
        }
        let retitled: Vec<PageId> = (0..titles.len())
            .filter(|&id| self.titles[id] != titles[id] || put.binary_search(&id).is_ok())
            .collect();
        // A region's or publication's title is in the context of every page
        // below it: those move too, with their new context.
        let mut contexts: HashMap<PageId, Arc<str>> = HashMap::new();
        for &id in &retitled {
            if !matches!(site.pages[id].role, Role::Region | Role::Publication) {
                continue;
            }
            let mut above: Vec<PageId> = site.ancestors(id).collect();
            above.reverse();
            let ctx = above
                .into_iter()
                .fold(String::new(), |ctx, a| below(site, a, ctx));
            let mut stack: Vec<(PageId, Arc<str>)> = vec![(id, Arc::from(below(site, id, ctx)))];
            while let Some((page, ctx)) = stack.pop() {
                for &c in &site.pages[page].children {
                    contexts.insert(c, ctx.clone());
                    let inner = if matches!(site.pages[c].role, Role::Region | Role::Publication) {
                        Arc::from(below(site, c, ctx.to_string()))
                    } else {
                        ctx.clone()
                    };
                    stack.push((c, inner));
                }
            }
        }
        let mut moved: Vec<PageId> = retitled.iter().chain(contexts.keys()).copied().collect();
        moved.sort_unstable();
        moved.dedup();
        let by_name: HashMap<&str, usize> = self
            .letters
            .iter()
            .enumerate()
            .map(|(l, letter)| (letter.letter.as_str(), l))
            .collect();
        // The letters the moved pages leave and join (and those that lost a
        // page taken out), each as one list.
        let mut lists: BTreeMap<usize, Vec<(PageId, Arc<str>)>> = BTreeMap::new();
        for l in shrunk {
            lists.insert(l, self.pages_of(l));
        }
        let mut taken: Vec<(PageId, Arc<str>, usize)> = Vec::with_capacity(moved.len());
        // The moved pages' new keys, put in the plan once it is sure to be
        // patched.
        let mut keys: HashMap<PageId, Arc<[u32]>> = HashMap::with_capacity(moved.len());
        for &id in &moved {
            let key: Arc<[u32]> = if retitled.binary_search(&id).is_ok() {
                swedish_key(&site.pages[id].title).into()
            } else {
                self.keys[id].clone()
            };
            // A letter that was not in the list: its navigation moves.
            let Some(&to) = by_name.get(initial(&key).as_str()) else {
                return false;
            };
            let ctx = if put.binary_search(&id).is_ok() {
                // Not in the list yet: its context from the pages above it.
                let mut above: Vec<PageId> = site.ancestors(id).collect();
                above.reverse();
                Arc::from(
                    above
                        .into_iter()
                        .fold(String::new(), |ctx, a| below(site, a, ctx)),
                )
            } else {
                let Some(&from) = by_name.get(initial(&self.keys[id]).as_str()) else {
                    return false;
                };
                let list = lists.entry(from).or_insert_with(|| self.pages_of(from));
                let Some(at) = list.iter().position(|(p, _)| *p == id) else {
                    return false;
                };
                let (_, ctx) = list.remove(at);
                contexts.get(&id).cloned().unwrap_or(ctx)
            };
            taken.push((id, ctx, to));
            keys.insert(id, key);
        }
        let key_of = |p: &PageId| keys.get(p).unwrap_or(&self.keys[*p]);
        for (id, ctx, to) in taken {
            let list = lists.entry(to).or_insert_with(|| self.pages_of(to));
            let path = site.pages[id].output_path();
            let ctx_key = swedish_key(&ctx);
            let key = key_of(&id);
            let at = list.partition_point(|(p, c)| {
                key_of(p)
                    .cmp(key)
                    .then_with(|| swedish_key(c).cmp(&ctx_key))
                    .then_with(|| site.pages[*p].output_path().cmp(&path))
                    .is_lt()
            });
            list.insert(at, (id, ctx));
        }
        // A letter outside the alphabet is listed while pages start with it.
        if lists.iter().any(|(&l, list)| {
            list.is_empty() && !ALPHABET.contains(self.letters[l].letter.as_str())
        }) {
            return false;
        }
        for (id, key) in keys {
            self.keys[id] = key;
        }
        self.titles.copy_from_slice(titles);
        let mut parts = std::mem::take(&mut self.parts);
        let mut letter_parts: Vec<Vec<Part>> = Vec::with_capacity(self.letters.len());
        for l in (0..self.letters.len()).rev() {
            let old = parts.split_off(self.letters[l].first);
            letter_parts.push(match lists.remove(&l) {
                Some(list) => {
                    self.letters[l].pages = list.len();
                    let mut new = self.cut(l, list);
                    // A part as it was keeps its value.
                    if new.len() == old.len() {
                        for (n, o) in new.iter_mut().zip(old) {
                            if n.entries == o.entries
                                && !n
                                    .entries
                                    .iter()
                                    .any(|(p, _)| retitled.binary_search(p).is_ok())
                            {
                                n.value = o.value;
                            }
                        }
                    }
                    new
                }
                None => old,
            });
        }
        letter_parts.reverse();
        self.assemble(site, letter_parts);
        true
    }

    /// Takes the plan to the ids of `site`, made from the site of this plan
    /// as `renumbered` says: each page's sort key, title, content path and
    /// children by its new id, the pages of the list by theirs, those taken
    /// out taken out of their parts (whose value is then 0: worked out
    /// again). Returns the pages put in (not in the list yet) and the
    /// letters that lost a page, or `None` (with `self` as it was) when the
    /// pages kept are not those of `rels` or a page's children moved other
    /// than by a page put in or taken out ([`Site::patched`]).
    fn renumber(
        &mut self,
        site: &Site,
        renumbered: &crate::model::Renumbered,
        rels: &[u64],
        children: &[u64],
    ) -> Option<(Vec<PageId>, Vec<usize>)> {
        // Each page's id in this plan, by its id in `site`.
        let was = renumbered.was(self.rels.len());
        if was.len() != rels.len() {
            return None;
        }
        for (id, old) in was.iter().enumerate() {
            if let Some(old) = *old
                && (self.rels[old] != rels[id]
                    || (self.children[old] != children[id]
                        && site.patched.binary_search(&id).is_err()))
            {
                return None;
            }
        }
        let mut now: Vec<Option<PageId>> = vec![None; self.rels.len()];
        let mut put = Vec::new();
        for (id, old) in was.iter().enumerate() {
            match old {
                Some(old) => now[*old] = Some(id),
                None => put.push(id),
            }
        }
        renumbered.apply(&mut self.keys, Arc::from([]));
        renumbered.apply(&mut self.titles, 0);
        self.rels = rels.to_vec();
        self.children = children.to_vec();
        let mut shrunk = Vec::new();
        for part in &mut self.parts {
            let before = part.entries.len();
            part.entries.retain_mut(|(id, _)| match now[*id] {
                Some(new) => {
                    *id = new;
                    true
                }
                None => false,
            });
            if part.entries.len() != before {
                part.value = 0;
                shrunk.push(part.letter);
                self.count -= before - part.entries.len();
            }
        }
        self.count += put.len();
        shrunk.dedup();
        Some((put, shrunk))
    }

    /// The pages of letter `l`, in order, with their contexts.
    fn pages_of(&self, l: usize) -> Vec<(PageId, Arc<str>)> {
        let letter = &self.letters[l];
        self.parts[letter.first..letter.first + letter.parts]
            .iter()
            .flat_map(|p| p.entries.iter().cloned())
            .collect()
    }

    /// Letter `l`'s `pages`, in order, cut into parts (valued 0): at most
    /// so many a part, and a part of enough pages ends before a page whose
    /// content path hashes to a multiple of a number ([`part_sizes`]).
    fn cut(&self, l: usize, pages: Vec<(PageId, Arc<str>)>) -> Vec<Part> {
        let (part_max, part_min, part_cut) = part_sizes(self.above);
        let letter = &self.letters[l].letter;
        let mut parts: Vec<Part> = Vec::new();
        let mut in_part = 0;
        for (i, (id, ctx)) in pages.into_iter().enumerate() {
            let cut = i > 0
                && (in_part >= part_max
                    || (in_part >= part_min && self.rels[id].is_multiple_of(part_cut)));
            if i == 0 || cut {
                parts.push(Part {
                    letter: l,
                    number: parts.len() + 1,
                    path: part_path(letter, parts.len() + 1),
                    entries: Vec::new(),
                    value: 0,
                });
                in_part = 0;
            }
            in_part += 1;
            parts
                .last_mut()
                .expect("a part was pushed")
                .entries
                .push((id, ctx));
        }
        if parts.is_empty() {
            // No page starts with it: a page that says so.
            parts.push(Part {
                letter: l,
                number: 1,
                path: part_path(letter, 1),
                entries: Vec::new(),
                value: 0,
            });
        }
        parts
    }

    /// Puts each letter's parts (as [`Plan::cut`] made them, or as they
    /// were) in the plan, values those valued 0 (a part's hash is 0 once
    /// in 2^64 builds; it is then worked out each time), and works out what the
    /// search page shows and each part's value by its address.
    fn assemble(&mut self, site: &Site, letter_parts: Vec<Vec<Part>>) {
        self.parts.clear();
        for (l, parts) in letter_parts.into_iter().enumerate() {
            self.letters[l].first = self.parts.len();
            self.letters[l].parts = parts.len();
            self.parts.extend(parts);
        }
        // The letters, as every part's navigation shows them (each linked
        // to its first part, whose address is the letter's).
        let mut nav = crate::hash::Combine::default();
        for l in &self.letters {
            nav = nav.str(&l.letter);
        }
        let nav = nav.finish();
        // The search page links the letters that have pages.
        let mut overview = crate::hash::Combine::default().u64(self.count as u64);
        for l in self.letters.iter().filter(|l| l.pages > 0) {
            overview = overview.str(&l.letter);
        }
        self.overview = overview.finish();
        let letters = &self.letters;
        self.parts
            .par_iter_mut()
            .filter(|part| part.value == 0)
            .for_each(|part| {
                let mut h = crate::hash::Combine::default()
                    .u64(nav)
                    .str(&part.path)
                    .u64(part.number as u64)
                    .u64(letters[part.letter].parts as u64);
                for (id, ctx) in &part.entries {
                    let page = &site.pages[*id];
                    h = h.str(&page.title).str(&page.url).str(ctx);
                }
                part.value = h.finish();
            });
        // Two parts whose addresses share a key share a value that moves
        // when either does.
        self.values.clear();
        for part in &self.parts {
            *self.values.entry(list_key(&part.path)).or_default() ^= part.value;
        }
    }

    /// Each part's value, by [`list_key`] of its address.
    pub(crate) fn list_values(&self) -> HashMap<u32, u64> {
        self.values.clone()
    }

    /// The [`list_key`]s of the parts whose value is not as in `last`
    /// ([`Plan::list_values`] of another plan), or that came or went.
    pub(crate) fn changed_lists(&self, last: &HashMap<u32, u64>) -> crate::hash::FxSet<u32> {
        self.values
            .iter()
            .filter(|(k, v)| last.get(k) != Some(v))
            .map(|(k, _)| *k)
            .chain(
                last.keys()
                    .filter(|k| !self.values.contains_key(k))
                    .copied(),
            )
            .collect()
    }

    /// The value of the part whose [`list_key`] is `key` (0 when there is
    /// none).
    pub(crate) fn value(&self, key: u32) -> u64 {
        self.values.get(&key).copied().unwrap_or_default()
    }

    /// Whether the list is split.
    pub(crate) fn split(&self) -> bool {
        !self.parts.is_empty()
    }
}

/// The context of the pages below page `id` whose own context is `ctx`, as
/// [`Plan::of`] makes it: a region's or publication's title after its
/// context (`Region Kalmar län · Nära vård`); `ctx` for another page.
fn below(site: &Site, id: PageId, ctx: String) -> String {
    let page = &site.pages[id];
    if !matches!(page.role, Role::Region | Role::Publication) {
        ctx
    } else if ctx.is_empty() {
        page.title.clone()
    } else {
        format!("{ctx} · {}", page.title)
    }
}

/// Where the letter `letter` sorts among the letters: by its first
/// character's [`swedish_key`] (`#` first), then its name.
fn letter_position(letter: &str) -> (u32, String) {
    let first = if letter == "#" {
        0
    } else {
        swedish_key(letter).first().copied().unwrap_or(0)
    };
    (first, letter.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "ord ".repeat(100);
        let s = cut(&long);
        assert!(s.ends_with('…') && s.chars().count() <= SNIPPET + 1, "{s}");
        assert_eq!(cut("kort  text\n här"), "kort text här");
    }

    #[test]
    fn the_stems_of_a_shard_are_those_a_walk_finds() {
        let stems = [
            "a", "ab", "abc", "b", "ko", "kommun", "kå", "m", "må", "målbild", "x",
        ];
        let words = Words {
            stems: stems.iter().map(|s| format!("{s}\n")).collect(),
            scores: (1..=stems.len() as u8).collect(),
            snippet: String::new(),
        };
        for key in ["a", "ab", "b", "ko", "kå", "m", "må", "ma", "x", "z", "k"] {
            let walked: Vec<(&str, u8)> =
                words.iter().filter(|(s, _)| shard_key(s) == key).collect();
            let found: Vec<(&str, u8)> = words.in_shard(key, &shard_needle(key)).collect();
            assert_eq!(found, walked, "{key}");
        }
    }
}
