//! Site search that needs no server: an index made at build time, loaded by
//! the browser as classic `<script>` files (from `file://`, `fetch()` and
//! module imports fail in Chromium), so it works from a disk, under any
//! sub-path and on any host; and the search page (`sok/index.html`), which
//! without JavaScript lists every page A–Ö.
//!
//! What a page says is turned into *words*: its text (title, headings, body,
//! summary, goal areas, success factors, perspective shifts, theme words) is
//! cut at everything that is not a letter or digit, folded ([`fold`]: lower
//! case, accents off, but å, ä and ö kept), stop words dropped, and each word
//! stemmed with Snowball's Swedish stemmer (rust-stemmers), so `kommunerna`
//! and `kommuner` are both `kommun`. The page's [`Words`] are made with its
//! body (`render::body_of`), so they are cached with it.
//!
//! The index is split so that a query loads only what it needs:
//!
//! - `search/index.js`: how many pages, how many numbers per card file, the
//!   shard keys and the stop words;
//! - `search/t-<key>.js`: a shard, every stem that starts with those two
//!   letters (a letter outside `a-z0-9` is written `_` and its code point in
//!   hex, see [`shard_file`]), each with its pages (numbers, as differences
//!   from the one before) and a score, written as a string of base-32 digits
//!   ([`number`]); a page's number is its place in a sparse table
//!   ([`numbers`]), which it keeps when other pages come or go;
//! - `search/p-<n>.js`: the cards of the pages numbered `n * CHUNK ..`
//!   (`null` for a number no page has): address, title, where it belongs
//!   (region, publication) and a snippet.
//!
//! Each file calls a function of `window.malbildSearch`, which the theme's
//! `js/search.js` defines; that script also holds a port of the stemmer
//! (tested against this one on a word list: `tests/browser/stems.tsv`).
//!
//! A file of the index depends on pages anywhere in the site, so each reads
//! one value of the whole site (of the home page, see
//! [`crate::render::Aspect`]): the index file `Index` (how many pages, which
//! shards), a shard `Shard(n)` (its stems with the numbers of their pages),
//! a card file `Chunk(n)` (its pages' content paths, facts and snippets).
//! Those values come from each page's [`Words`] (a hash per shard, worked
//! out from its stems: [`Words::shards`]), in one pass; a build gathers the postings of only the shards whose value moved
//! (in parallel, linear in the words of the site), and writes only the files
//! whose bytes changed.
//!
//! It does not rank by anything but the words' places (a title counts more
//! than a heading, a heading more than the text), and it shows no snippet
//! around the words found: a card's snippet is fixed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::links;
use crate::markdown::{BlockKind, Rendered};
use crate::model::{Meta, Page, PageId, Role, Site};
use crate::render::{Basis, Body, Check, Field, Link, Output, Pages, Target, Views};
use crate::theme::{Text, Theme};

pub(crate) use crate::render::addresses::search::{LETTER_TEMPLATE, TEMPLATE, URL, enabled};
/// The folder of the index.
pub(crate) const DIR: &str = "search/";
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

/// A size for people in the run's language: `412 kB`, `1,2 MB` (`1.2 MB`).
pub(crate) fn size(bytes: u64) -> String {
    if bytes < 1000 {
        format!("{bytes} byte")
    } else if bytes < 1_000_000 {
        format!("{} kB", (bytes + 500) / 1000)
    } else {
        let tenths = (bytes + 50_000) / 100_000;
        let mb = format!("{}.{}", tenths / 10, tenths % 10);
        format!(
            "{} MB",
            crate::words::decimal(crate::words::lang(), mb.parse().unwrap_or(0.0), 1)
        )
    }
}

/// The line the build prints about the index, from the sizes of the files
/// the output holds (`files`: every output path and its size).
pub(crate) fn summary<'a>(files: impl Iterator<Item = (&'a str, u64)>) -> Option<String> {
    let (mut bytes, mut n, mut largest) = (0, 0, 0);
    for (path, size) in files {
        if path.starts_with(DIR) && path.ends_with(".js") && size != u64::MAX {
            bytes += size;
            n += 1;
            largest = largest.max(size);
        }
    }
    (n > 0).then(|| crate::words::w().search_summary(&size(bytes), n, &size(largest)))
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
fn shard_needle(key: &str) -> String {
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
pub(crate) fn words_of<'a>(page: &'a Page, content: &'a Rendered, fields: &'a [Field]) -> Words {
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
    for f in fields {
        let weight = if f.key == "summary" { LEAD } else { TEXT };
        for b in &f.rendered.blocks {
            add(b.text, weight);
        }
        if f.key == "summary" {
            summary = Some(plain(&f.rendered, |_| true));
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

/// The file of shard `key`, from the site root: `search/t-ko.js`,
/// `search/t-m_e5.js` for `må`.
pub fn shard_file(key: &str) -> String {
    let mut name = String::new();
    for c in key.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            name.push(c);
        } else {
            name.push_str(&format!("_{:x}", u32::from(c)));
        }
    }
    format!("{DIR}t-{name}.js")
}

/// The card file of chunk `n`.
fn chunk_file(n: usize) -> String {
    format!("{DIR}p-{n}.js")
}

/// The index file.
fn meta_file() -> String {
    format!("{DIR}index.js")
}

/// The site's inverted index: per shard, its stems in order, each with its
/// pages' numbers ([`numbers`]) and scores, by number.
type Shards = BTreeMap<String, Stems>;

/// The stems of one shard, in order, each with its pages' numbers and
/// scores, by number.
type Stems = Vec<(String, Vec<(u32, u8)>)>;

/// The shards of the index that rebuilds gathered, kept up to date with the
/// pages: a rebuild after an edit of a page needs the shards of its words
/// again, and then takes them from here, changing only what the pages
/// whose body changed have in them. Only a rebuild's few shards are kept
/// (a build from nothing gathers every shard and keeps none), in a site of
/// the same lineage ([`Site::lineage`]: the same pages, so the same numbers).
#[derive(Debug, Default)]
pub(crate) struct ShardCache {
    lineage: u64,
    /// The bodies the shards are of.
    bodies: Vec<Arc<Body>>,
    /// The pages' numbers then.
    numbers: Vec<u32>,
    shards: crate::hash::FxMap<String, Stems>,
    /// Every shard of the index of the last build that made one.
    keys: crate::hash::FxSet<String>,
}

impl ShardCache {
    /// Brings the kept shards up to `bodies` (every build, so that it knows
    /// the last build's bodies); returns the pages whose body changed since
    /// the last build, and the numbers of the pages taken out since, when
    /// the site is of its lineage, or was made from it by putting parts in
    /// or taking them out (`Site::renumbered`) and no other page's number
    /// moved.
    fn sync(&mut self, site: &Site, bodies: &[Arc<Body>], numbers: &[u32]) -> Option<Changed> {
        let mut gone = Vec::new();
        if let Some(renumbered) = site.renumbered_from(self.lineage)
            && self.numbers.len() == self.bodies.len()
        {
            // A page put in has an empty body here, so it counts as changed.
            let empty = Arc::new(Body::default());
            let mut was = std::mem::take(&mut self.numbers);
            for &(id, put) in &renumbered.steps {
                if put {
                    self.bodies.insert(id, empty.clone());
                    was.insert(id, u32::MAX);
                } else {
                    self.bodies.remove(id);
                    gone.push(was.remove(id));
                }
            }
            let moved = was.len() != numbers.len()
                || was
                    .iter()
                    .zip(numbers)
                    .any(|(w, n)| *w != u32::MAX && w != n);
            if !moved {
                self.lineage = site.lineage;
            }
        }
        let changed = if self.lineage != site.lineage || self.bodies.len() != bodies.len() {
            self.shards.clear();
            None
        } else {
            let changed: Vec<PageId> = (0..bodies.len())
                .filter(|&id| !Arc::ptr_eq(&self.bodies[id], &bodies[id]))
                .collect();
            if !changed.is_empty() || !gone.is_empty() {
                self.shards.par_iter_mut().for_each(|(key, stems)| {
                    put_in(key, stems, (&changed, &gone), bodies, numbers);
                });
            }
            Some((changed, gone))
        };
        self.lineage = site.lineage;
        self.bodies = bodies.to_vec();
        self.numbers = numbers.to_vec();
        changed
    }

    /// The shards `wanted` of `bodies`, whose pages have `numbers`, after
    /// [`ShardCache::sync`] found the pages `changed`. A shard not kept is
    /// read from its file, when the output folder holds what the last build
    /// wrote there (`held`; the last build's bodies then, so only the
    /// changed pages are put in again), or else gathered from the pages.
    fn gather(
        &mut self,
        bodies: &[Arc<Body>],
        numbers: &[u32],
        wanted: &HashSet<&str>,
        changed: Option<&Changed>,
        (last_keys, held): (&crate::hash::FxSet<String>, &Held<'_>),
    ) -> Shards {
        let mut missing: HashSet<&str> = HashSet::new();
        for &key in wanted {
            if self.shards.contains_key(key) {
                continue;
            }
            let read = changed.and_then(|changed| {
                // A shard the last build's index did not have: only the
                // changed pages have stems in it.
                if !last_keys.contains(key) {
                    let mut stems = Stems::new();
                    put_in(key, &mut stems, (&changed.0, &changed.1), bodies, numbers);
                    return Some(stems);
                }
                let bytes = held(&shard_file(key))?;
                let mut stems = parse_shard(std::str::from_utf8(&bytes).ok()?, key)?;
                put_in(key, &mut stems, (&changed.0, &changed.1), bodies, numbers);
                Some(stems)
            });
            match read {
                Some(stems) => {
                    self.shards.insert(key.to_string(), stems);
                }
                None => {
                    missing.insert(key);
                }
            }
        }
        if !missing.is_empty() {
            let mut found = invert(bodies, numbers, Some(&missing));
            for key in missing {
                self.shards
                    .insert(key.to_string(), found.remove(key).unwrap_or_default());
            }
        }
        wanted
            .iter()
            .map(|&k| (k.to_string(), self.shards[k].clone()))
            .collect()
    }

    /// Forgets every shard (a build that gathered them all).
    fn clear(&mut self) {
        self.shards.clear();
    }
}

/// The bytes of a file of the output folder when it holds what malbild last
/// wrote there (`output::Sink::held`).
type Held<'a> = dyn Fn(&str) -> Option<Vec<u8>> + Sync + 'a;

/// The pages whose body changed since the last build, and the numbers of
/// the pages taken out since ([`ShardCache::sync`]).
type Changed = (Vec<PageId>, Vec<u32>);

/// Puts what the pages `changed` have in shard `key` into its `stems`, in
/// place of what they had (found by their numbers), and takes out what the
/// pages of the numbers `gone` had.
fn put_in(
    key: &str,
    stems: &mut Stems,
    (changed, gone): (&[PageId], &[u32]),
    bodies: &[Arc<Body>],
    numbers: &[u32],
) {
    let needle = shard_needle(key);
    for number in gone {
        for (_, list) in stems.iter_mut() {
            if let Ok(i) = list.binary_search_by_key(number, |&(n, _)| n) {
                list.remove(i);
            }
        }
    }
    for &id in changed {
        let number = numbers[id];
        for (_, list) in stems.iter_mut() {
            if let Ok(i) = list.binary_search_by_key(&number, |&(n, _)| n) {
                list.remove(i);
            }
        }
        for (stem, score) in bodies[id].search.in_shard(key, &needle) {
            match stems.binary_search_by(|(s, _)| s.as_str().cmp(stem)) {
                Ok(i) => {
                    let list = &mut stems[i].1;
                    let at = list.partition_point(|&(n, _)| n < number);
                    list.insert(at, (number, score));
                }
                Err(i) => stems.insert(i, (stem.to_string(), vec![(number, score)])),
            }
        }
    }
    stems.retain(|(_, list)| !list.is_empty());
}

/// The stems of shard `key` as [`shard_js`] wrote them; `None` when `text`
/// is not such a file.
fn parse_shard(text: &str, key: &str) -> Option<Stems> {
    let object = text
        .strip_prefix("malbildSearch.shard(")?
        .strip_prefix(json(key).as_str())?
        .strip_prefix(',')?
        .strip_suffix(");\n")?;
    let map: BTreeMap<String, String> = serde_json::from_str(object).ok()?;
    let mut stems = Vec::with_capacity(map.len());
    for (stem, digits) in map {
        let mut numbers = Vec::new();
        let mut n: u32 = 0;
        for c in digits.bytes() {
            if let Some(d) = MORE_DIGITS.iter().position(|&m| m == c) {
                n = n.checked_mul(32)?.checked_add(d as u32)?;
            } else {
                let d = LAST_DIGITS.iter().position(|&m| m == c)?;
                numbers.push(n.checked_mul(32)?.checked_add(d as u32)?);
                n = 0;
            }
        }
        if numbers.len() % 2 != 0 {
            return None;
        }
        let mut list = Vec::with_capacity(numbers.len() / 2);
        let mut last = 0u32;
        for pair in numbers.chunks_exact(2) {
            last = last.checked_add(pair[0])?;
            list.push((last, u8::try_from(pair[1]).ok()?));
        }
        stems.push((stem, list));
    }
    Some(stems)
}

/// Builds the inverted index of `bodies`' words (of the shards `only`, or
/// all), in parallel: each piece of the pages gathers its postings under the
/// pages' `numbers`, and every stem's postings are sorted by number.
fn invert(bodies: &[Arc<Body>], numbers: &[u32], only: Option<&HashSet<&str>>) -> Shards {
    // A few shards (a rebuild's): only the stems of those shards are
    // looked at, in each page that has any.
    let needles: Option<Vec<(&str, String)>> = only
        .filter(|o| o.len() <= 16)
        .map(|o| o.iter().map(|&k| (k, shard_needle(k))).collect());
    let postings: HashMap<&str, Vec<(u32, u8)>> = bodies
        .par_iter()
        .enumerate()
        .fold(
            HashMap::new,
            |mut map: HashMap<&str, Vec<(u32, u8)>>, (id, body)| {
                if let Some(needles) = &needles {
                    for (key, needle) in needles {
                        for (stem, score) in body.search.in_shard(key, needle) {
                            map.entry(stem).or_default().push((numbers[id], score));
                        }
                    }
                    return map;
                }
                // Stems are sorted, so each shard's are together: ask
                // whether a shard is wanted once per shard, not per stem.
                let mut group = ("", true);
                for (stem, score) in body.search.iter() {
                    let key = shard_key(stem);
                    if key != group.0 {
                        group = (key, only.is_none_or(|o| o.contains(key)));
                    }
                    if group.1 {
                        map.entry(stem).or_default().push((numbers[id], score));
                    }
                }
                map
            },
        )
        .reduce(HashMap::new, |mut left, right| {
            for (stem, list) in right {
                left.entry(stem).or_default().extend(list);
            }
            left
        });
    let mut stems: Vec<(&str, Vec<(u32, u8)>)> = postings.into_iter().collect();
    // By number, for the differences a shard is written in.
    stems
        .par_iter_mut()
        .for_each(|(_, list)| list.sort_unstable_by_key(|&(doc, _)| doc));
    stems.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut shards: Shards = BTreeMap::new();
    for (stem, list) in stems {
        shards
            .entry(shard_key(stem).to_string())
            .or_default()
            .push((stem.to_string(), list));
    }
    shards
}

/// The text of a shard file.
fn shard_js(key: &str, stems: &[(String, Vec<(u32, u8)>)]) -> String {
    let mut out = format!("malbildSearch.shard({},{{", json(key));
    for (i, (stem, list)) in stems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json(stem));
        out.push_str(":\"");
        let mut last = 0;
        for &(doc, score) in list {
            number(&mut out, doc - last);
            number(&mut out, u32::from(score));
            last = doc;
        }
        out.push('"');
    }
    out.push_str("});\n");
    out
}

/// The last digit of a number in a shard ([`number`]).
const LAST_DIGITS: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
/// The other digits.
const MORE_DIGITS: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz6789+/";

/// Writes `n` in base 32, most significant digit first, the last digit from
/// [`LAST_DIGITS`] and the others from [`MORE_DIGITS`]: a page's number (as
/// the difference from the one before) and its score take a character each
/// when they are below 32, so a shard is a third of its size in decimal.
/// `js/search.js` reads them back.
fn number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 7];
    let mut i = digits.len();
    i -= 1;
    digits[i] = LAST_DIGITS[(n % 32) as usize];
    n /= 32;
    while n > 0 {
        i -= 1;
        digits[i] = MORE_DIGITS[(n % 32) as usize];
        n /= 32;
    }
    out.push_str(std::str::from_utf8(&digits[i..]).expect("ASCII digits"));
}

/// A string as a JavaScript (JSON) literal.
fn json(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Where page `id` belongs, for its card: its region's and publication's
/// titles (those above it).
fn context(site: &Site, id: PageId) -> String {
    let mut names = Vec::new();
    let mut at = site.pages[id].parent;
    while let Some(p) = at {
        let page = &site.pages[p];
        if matches!(page.role, Role::Region | Role::Publication) {
            names.push(page.title.as_str());
        }
        at = page.parent;
    }
    names.reverse();
    names.join(" · ")
}

/// The text of card file `n`.
fn chunk_js(site: &Site, bodies: &[Arc<Body>], n: usize, pages: &[(u32, PageId)]) -> String {
    // A card per number of the file's range, `null` where no page has it
    // (none after the last).
    let last = pages
        .iter()
        .map(|&(number, _)| number as usize % CHUNK)
        .max();
    let mut cards: Vec<Option<[String; 4]>> = vec![None; last.map_or(0, |l| l + 1)];
    for &(number, id) in pages {
        let page = &site.pages[id];
        cards[number as usize % CHUNK] = Some([
            page.output_path(),
            page.title.clone(),
            context(site, id),
            bodies[id].search.snippet.clone(),
        ]);
    }
    format!(
        "malbildSearch.pages({n},{});\n",
        serde_json::to_string(&cards).expect("strings serialise")
    )
}

/// The text of the index file.
fn meta_js(pages: usize, shards: &[String]) -> String {
    #[derive(Serialize)]
    struct Meta<'a> {
        pages: usize,
        chunk: usize,
        shards: &'a [String],
        stop: &'a [&'a str],
    }
    format!(
        "malbildSearch.meta({});\n",
        serde_json::to_string(&Meta {
            pages,
            chunk: CHUNK,
            shards,
            stop: STOP_WORDS,
        })
        .expect("plain data serialises")
    )
}

/// One page in the A–Ö list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    /// Its title.
    pub title: String,
    /// Its address, from the site root.
    pub url: String,
    /// Its region and publication, e.g. `Region Kalmar län · Nära vård`.
    pub context: String,
}

/// The pages under one letter.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Letter {
    /// The letter, `A`...`Ö`, or `#` for titles that start otherwise.
    pub letter: String,
    /// Its heading's id.
    pub id: String,
    /// Its first part, from the site root, when the list is split
    /// (`null` when its pages are on the search page).
    pub url: Option<String>,
    /// Its pages, in Swedish alphabetical order (none when the list is
    /// split).
    pub pages: Vec<Entry>,
}

/// What `search.html` gets as `search`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SearchView {
    /// Every page, A–Ö.
    pub letters: Vec<Letter>,
    /// How many pages.
    pub count: usize,
    /// The index file, from the site root (the page's script loads it).
    pub index: String,
    /// Whether the list is split into a page per letter ([`Plan`]).
    pub split: bool,
}

/// The initial a title's [`swedish_key`] files it under: `A`...`Ö`, or `#`
/// for a title that starts with no letter.
fn initial(key: &[u32]) -> String {
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
fn letter_slug(letter: &str) -> String {
    match letter {
        "Å" => "aa".to_string(),
        "Ä" => "ae".to_string(),
        "Ö" => "oe".to_string(),
        "#" => "ovrigt".to_string(),
        l => l.to_lowercase(),
    }
}

/// The A–Ö list: every page of the tree, read through `views`.
fn a_to_o(views: &Views<'_>) -> SearchView {
    // (title's key, context's key, entry)
    let mut entries: Vec<(Vec<u32>, Vec<u32>, Entry)> = Vec::new();
    // (page, its context) — an explicit stack, depth first.
    let mut stack: Vec<(PageId, String)> = vec![(Site::HOME, String::new())];
    while let Some((id, ctx)) = stack.pop() {
        let link = views.title(id);
        let role = views.site.pages[id].role;
        let below = if matches!(role, Role::Region | Role::Publication) {
            if ctx.is_empty() {
                link.title.clone()
            } else {
                format!("{ctx} · {}", link.title)
            }
        } else {
            ctx.clone()
        };
        entries.push((
            swedish_key(&link.title),
            swedish_key(&ctx),
            Entry {
                title: link.title,
                url: link.url,
                context: ctx,
            },
        ));
        for &c in views.children(id).iter().rev() {
            stack.push((c, below.clone()));
        }
    }
    // Each key made once, not once per comparison.
    entries.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.url.cmp(&b.2.url))
    });
    let count = entries.len();
    let mut letters: Vec<Letter> = Vec::new();
    for (key, _, entry) in entries {
        let letter = initial(&key);
        match letters.last_mut() {
            Some(last) if last.letter == letter => last.pages.push(entry),
            _ => {
                let id = format!("mb-bokstav-{}", letter_slug(&letter));
                letters.push(Letter {
                    letter,
                    id,
                    url: None,
                    pages: vec![entry],
                });
            }
        }
    }
    SearchView {
        letters,
        count,
        index: meta_file(),
        split: false,
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

/// The search page's view of a split list: the letters, each linked to its
/// first part, and no pages.
fn overview(views: &Views<'_>, plan: &Plan) -> SearchView {
    views.letters();
    SearchView {
        letters: plan
            .letters
            .iter()
            .filter(|l| l.pages > 0)
            .map(|l| Letter {
                letter: l.letter.clone(),
                id: format!("mb-bokstav-{}", letter_slug(&l.letter)),
                url: Some(plan.parts[l.first].path.clone()),
                pages: Vec::new(),
            })
            .collect(),
        count: plan.count,
        index: meta_file(),
        split: true,
    }
}

/// A link in a part's navigation.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartLink {
    /// Its text: a letter, or a part's number.
    pub label: String,
    /// Where it leads, from the site root.
    pub url: String,
    /// Whether it is the page it is on (or, for a letter, the letter of it).
    pub current: bool,
}

/// What `search_letter.html` gets as `letter`: one part of a split A–Ö list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PartView {
    /// The letter, `A`...`Ö`, `#`.
    pub letter: String,
    /// Its number among the letter's parts, from 1.
    pub number: usize,
    /// How many parts the letter has.
    pub of: usize,
    /// Every letter, each linked to its first part.
    pub letters: Vec<PartLink>,
    /// The letter's parts (empty when it has one).
    pub parts: Vec<PartLink>,
    /// Its pages, in Swedish alphabetical order.
    pub pages: Vec<Entry>,
    /// The search page, from the site root.
    pub search: String,
}

/// Part `n` of `plan`, read through `views` as one value.
fn part_view(views: &Views<'_>, plan: &Plan, n: usize) -> PartView {
    let part = &plan.parts[n];
    views.list(list_key(&part.path));
    let letter = &plan.letters[part.letter];
    let site = views.site;
    PartView {
        letter: letter.letter.clone(),
        number: part.number,
        of: letter.parts,
        letters: plan
            .letters
            .iter()
            .enumerate()
            .map(|(i, l)| PartLink {
                label: l.letter.clone(),
                url: plan.parts[l.first].path.clone(),
                current: i == part.letter,
            })
            .collect(),
        parts: if letter.parts > 1 {
            (0..letter.parts)
                .map(|i| PartLink {
                    label: (i + 1).to_string(),
                    url: plan.parts[letter.first + i].path.clone(),
                    current: letter.first + i == n,
                })
                .collect()
        } else {
            Vec::new()
        },
        pages: part
            .entries
            .iter()
            .map(|(id, ctx)| Entry {
                title: site.pages[*id].title.clone(),
                url: site.pages[*id].output_path(),
                context: ctx.to_string(),
            })
            .collect(),
        search: URL.to_string(),
    }
}

/// A text of the theme's, with `{letter}`, `{n}` and `{of}` filled in.
fn text(theme: &Theme, key: &str, part: &PartView) -> String {
    let t = match theme.strings.get(key) {
        Some(Text::One(t)) => t.as_str(),
        _ => key,
    };
    t.replace("{letter}", &part.letter)
        .replace("{n}", &part.number.to_string())
        .replace("{of}", &part.of.to_string())
}

/// Renders the search page and the index, in parallel; an output whose
/// fingerprint is as in `target`'s cache is not made again, and only the
/// shards that must be made are gathered from the pages' words.
pub(crate) fn pages(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    basis: &Basis,
    target: Target<'_>,
    (kept, folder): (&mut ShardCache, &std::path::Path),
    diagnostics: &mut Vec<Diagnostic>,
) -> Pages {
    let mut out = Pages::default();
    if !enabled(theme) {
        return out;
    }
    let Target { cache, sink } = target;
    let check = Check::new(cache, basis);
    let no_pdfs = BTreeMap::new();
    if let Some(other) = site.by_output.get(URL).map(|&id| &site.pages[id]) {
        let (message, hint) = crate::words::w().search_page_taken();
        diagnostics.push(Diagnostic::error(&other.path, message).with_hint(hint));
        return out;
    }

    // The search page; with a large site, the A–Ö list's parts.
    let plan = basis.values.plan();
    let split = plan.split() && theme.has(LETTER_TEMPLATE);
    let shared = crate::hash::Combine::default()
        .u64(basis.shown(theme, TEMPLATE))
        .u64(theme.fingerprint(TEMPLATE))
        .str(TEMPLATE)
        .u64(u64::from(split))
        .finish();
    let page = crate::render::output(&check, sink, URL.to_string(), shared, |reads| {
        let views = Views::new(site, bodies, theme, &no_pdfs, reads);
        let mut context = basis.base.clone();
        context.insert("root", &links::root_prefix("sok/"));
        if split {
            context.insert("search", &overview(&views, plan));
        } else {
            context.insert("search", &a_to_o(&views));
        }
        let title = match theme.strings.get("search_title") {
            Some(Text::One(t)) => t.clone(),
            _ => "search_title".into(),
        };
        // Its own address in <head>, not the home page's (it was the home
        // page's canonical address, so a search engine took it for a copy).
        let view = views.chrome("search", title, vec![views.title(Site::HOME)], URL);
        context.insert("page", &view);
        crate::render::render_file(theme, TEMPLATE, &context, URL.to_string())
    });
    match page {
        Ok(o) => out.push(o),
        Err(d) => diagnostics.push(d),
    }
    if split {
        let shared = crate::hash::Combine::default()
            .u64(basis.shown(theme, LETTER_TEMPLATE))
            .u64(theme.fingerprint(LETTER_TEMPLATE))
            .str(LETTER_TEMPLATE)
            .finish();
        let parts: Vec<Result<Output, Diagnostic>> = (0..plan.parts.len())
            .into_par_iter()
            .map(|n| {
                let path = &plan.parts[n].path;
                crate::render::output(&check, sink, path.clone(), shared, |reads| {
                    let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                    let mut context = basis.base.clone();
                    context.insert(
                        "root",
                        &links::root_prefix(path.trim_end_matches("index.html")),
                    );
                    let part = part_view(&views, plan, n);
                    let key = if part.of > 1 {
                        "search_letter_part_title"
                    } else {
                        "search_letter_title"
                    };
                    let title = text(theme, key, &part);
                    let search = Link {
                        title: text(theme, "search_title", &part),
                        url: URL.to_string(),
                    };
                    let view =
                        views.chrome("letter", title, vec![views.title(Site::HOME), search], path);
                    context.insert("page", &view);
                    context.insert("letter", &part);
                    crate::render::render_file(theme, LETTER_TEMPLATE, &context, path.clone())
                })
            })
            .collect();
        for r in parts {
            match r {
                Ok(o) => out.push(o),
                Err(d) => diagnostics.push(d),
            }
        }
    }

    // The index. Which of its files must be made is known from their
    // records; only the shards among them are gathered from the pages.
    let shared = crate::hash::Combine::default()
        .u64(basis.site_hash)
        .str("search index 1")
        .finish();
    let keys = basis.values.shard_keys();
    let stale: HashSet<&str> = keys
        .par_iter()
        .filter(|k| !check.fresh(&shard_file(k), shared))
        .map(String::as_str)
        .collect();
    let changed = kept.sync(site, bodies, basis.values.numbers());
    let last_keys = std::mem::replace(&mut kept.keys, keys.iter().cloned().collect());
    // Known only in a site of the last one's lineage (or made from it by
    // putting parts in or taking them out).
    let changed = changed.filter(|_| !last_keys.is_empty());
    let shards = if stale.is_empty() {
        BTreeMap::new()
    } else if stale.len() == keys.len() {
        kept.clear();
        invert(bodies, basis.values.numbers(), None)
    } else {
        let held = |path: &str| sink.held(folder, path);
        kept.gather(
            bodies,
            basis.values.numbers(),
            &stale,
            changed.as_ref(),
            (&last_keys, &held),
        )
    };
    enum Job<'a> {
        Meta,
        Shard(&'a str),
        Chunk(usize),
    }
    let mut jobs = vec![(meta_file(), Job::Meta)];
    jobs.extend(keys.iter().map(|k| (shard_file(k), Job::Shard(k))));
    jobs.extend(
        basis
            .values
            .chunk_numbers()
            .map(|n| (chunk_file(n), Job::Chunk(n))),
    );
    let results: Vec<Result<Output, Diagnostic>> = jobs
        .into_par_iter()
        .map(|(path, job)| {
            crate::render::output(&check, sink, path.clone(), shared, |reads| {
                let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                let text = match job {
                    Job::Meta => {
                        views.index();
                        meta_js(site.pages.len(), keys)
                    }
                    Job::Shard(key) => {
                        views.shard(key);
                        let stems = shards.get(key).map_or(&[][..], Vec::as_slice);
                        shard_js(key, stems)
                    }
                    Job::Chunk(n) => {
                        views.chunk(n);
                        chunk_js(site, bodies, n, basis.values.chunk_pages(n))
                    }
                };
                Ok(crate::render::OutFile {
                    path,
                    bytes: text.into_bytes(),
                })
            })
        })
        .collect();
    for r in results {
        match r {
            Ok(o) => out.push(o),
            Err(d) => diagnostics.push(d),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site of a home page, 3 regions of 2 publications each and
    /// `parts` parts under each publication, titled by `title`, split
    /// above `above` pages.
    fn listed_site(parts: usize, above: usize, mut title: impl FnMut() -> String) -> Site {
        let mut site = Site::default();
        site.config.split.pages = Some(above);
        let mut add =
            |site: &mut Site, rel: String, url: String, role: Role, parent: Option<PageId>| {
                let meta = match role {
                    Role::Home => Meta::Home(Default::default()),
                    Role::Region => Meta::Region(Default::default()),
                    Role::Publication => Meta::Publication(Default::default()),
                    Role::Part => Meta::Part(Default::default()),
                };
                let id = site.pages.len();
                site.pages.push(Page {
                    path: rel.clone().into(),
                    rel,
                    text: Arc::from(""),
                    text_hash: 0,
                    front_hash: 0,
                    body_offset: 0,
                    role,
                    meta: Arc::new(meta),
                    title: title(),
                    weight: 0,
                    date: None,
                    url,
                    parent,
                    children: Vec::new(),
                });
                if let Some(p) = parent {
                    site.pages[p].children.push(id);
                }
                id
            };
        add(
            &mut site,
            "_index.md".into(),
            String::new(),
            Role::Home,
            None,
        );
        for r in 0..3 {
            let region = add(
                &mut site,
                format!("r{r}/_index.md"),
                format!("r{r}/"),
                Role::Region,
                Some(Site::HOME),
            );
            for p in 0..2 {
                let publication = add(
                    &mut site,
                    format!("r{r}/p{p}/_index.md"),
                    format!("r{r}/p{p}/"),
                    Role::Publication,
                    Some(region),
                );
                for d in 0..parts {
                    add(
                        &mut site,
                        format!("r{r}/p{p}/d{d}.md"),
                        format!("r{r}/p{p}/d{d}/"),
                        Role::Part,
                        Some(publication),
                    );
                }
            }
        }
        site
    }

    /// Each page's hashes of its content path, title and address, and
    /// children, as `render::Values` makes them.
    fn list_hashes(site: &Site) -> (Vec<u64>, Vec<u64>, Vec<u64>) {
        let rels = site
            .pages
            .iter()
            .map(|p| crate::hash::str(&p.rel))
            .collect::<Vec<_>>();
        let titles = site
            .pages
            .iter()
            .map(|p| {
                crate::hash::Combine::default()
                    .str(&p.title)
                    .str(&p.url)
                    .finish()
            })
            .collect();
        let children = site
            .pages
            .iter()
            .map(|p| {
                p.children
                    .iter()
                    .fold(crate::hash::Combine::default(), |h, &c| h.u64(rels[c]))
                    .finish()
            })
            .collect();
        (rels, titles, children)
    }

    // See: issue 13. A title edit brings the last plan up to date in
    // place; it must come out as the plan made from nothing.
    #[test]
    fn a_patched_plan_is_the_plan_made_from_nothing() {
        // xorshift, two streams.
        let rng = |mut seed: u64| {
            move |n: usize| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed % n as u64) as usize
            }
        };
        let mut next = rng(0x2545_f491_4f6c_dd1d);
        // Few initials, so that titles tie, and some outside the alphabet.
        let initials = [
            "A", "a", "B", "M", "S", "Z", "Å", "Ä", "Ö", "ö", "1", "É", "Ω", " ",
        ];
        let words = ["", "ek", "ek", "ål", "öga", "mål"];
        let mut title = {
            let mut pick = rng(0x9e37_79b9_7f4a_7c15);
            move || {
                format!(
                    "{}{} {}",
                    initials[pick(initials.len())],
                    words[pick(words.len())],
                    words[pick(words.len())]
                )
            }
        };
        let (mut patched, mut whole) = (0, 0);
        // Rounds where parts came or went: patched, made again.
        let (mut renumbered, mut renumbered_whole) = (0, 0);
        let mut new_parts = 0;
        for (parts, above) in [(12, 20), (25, 60), (40, 12)] {
            let mut site = listed_site(parts, above, &mut title);
            let (rels, titles, children) = list_hashes(&site);
            let mut plan = Plan::of(&site, None, &rels, &titles, &children);
            assert!(plan.split());
            for round in 0..300 {
                // One to three pages retitled; now and then a region's or
                // publication's title, or an address.
                for _ in 0..1 + next(3) {
                    let id = 1 + next(site.pages.len() - 1);
                    if next(3) > 0 || site.pages[id].role == Role::Part {
                        site.pages[id].title = title();
                    }
                    if next(20) == 0 {
                        site.pages[id].url.push('x');
                    }
                }
                // Now and then a publication's parts in another order: the
                // tree moved, the plan is made again.
                if next(15) == 0 {
                    let publications: Vec<PageId> = (1..site.pages.len())
                        .filter(|&id| site.pages[id].role == Role::Publication)
                        .collect();
                    let publication = publications[next(publications.len())];
                    site.pages[publication].children.reverse();
                }
                // Now and then a part put in or taken out (or both), as
                // `model::add_part` and `remove_part` do: the ids after it
                // move.
                site.renumbered = None;
                site.patched.clear();
                if next(3) == 0 {
                    let mut steps = Vec::new();
                    if next(3) > 0 {
                        let parts: Vec<PageId> = (1..site.pages.len())
                            .filter(|&id| site.pages[id].role == Role::Part)
                            .collect();
                        let id = parts[next(parts.len())];
                        let parent = take_out(&mut site, id);
                        steps.push((id, false));
                        site.patched.push(parent);
                    }
                    if next(3) > 0 {
                        let publications: Vec<PageId> = (1..site.pages.len())
                            .filter(|&id| site.pages[id].role == Role::Publication)
                            .collect();
                        let parent = publications[next(publications.len())];
                        let at = parent + 1 + next(site.pages[parent].children.len() + 1);
                        new_parts += 1;
                        let rel = format!("{}n{new_parts}.md", site.pages[parent].url);
                        put_in(&mut site, at, parent, rel, title());
                        steps.push((at, true));
                        site.patched.retain(|&p| p != at);
                        site.patched.iter_mut().for_each(|p| {
                            if *p >= at {
                                *p += 1
                            }
                        });
                        site.patched.extend([at, parent]);
                    }
                    site.patched.sort_unstable();
                    site.patched.dedup();
                    if !steps.is_empty() {
                        site.renumbered = Some(crate::model::Renumbered {
                            from: round,
                            steps,
                            gone: Vec::new(),
                        });
                    }
                }
                let (rels, titles, children) = list_hashes(&site);
                let from_nothing = Plan::of(&site, None, &rels, &titles, &children);
                let last_lists = plan.list_values();
                let before = plan.clone();
                let came = site.renumbered.clone();
                if plan.patch(&site, came.as_ref(), &rels, &titles, &children) {
                    patched += 1;
                    renumbered += usize::from(came.is_some());
                } else {
                    // As it was when it could not be patched (or only
                    // taken to the new ids).
                    if came.is_none() {
                        assert_eq!(
                            plan, before,
                            "round {round}: a failed patch changed the plan"
                        );
                    }
                    whole += 1;
                    renumbered_whole += usize::from(came.is_some());
                    plan = Plan::of(&site, Some(&plan), &rels, &titles, &children);
                }
                assert_eq!(
                    plan, from_nothing,
                    "round {round} of {parts} parts above {above}"
                );
                // The parts whose value moved are those whose value is not
                // as it was.
                let moved = plan.changed_lists(&last_lists);
                for part in &plan.parts {
                    let key = list_key(&part.path);
                    assert_eq!(
                        moved.contains(&key),
                        last_lists.get(&key) != Some(&plan.value(key))
                    );
                }
            }
        }
        // Most edits are patched in place, the others made again; so are
        // most parts that came or went.
        eprintln!(
            "{patched} patched, {whole} made again; parts came or went: \
             {renumbered} patched, {renumbered_whole} made again"
        );
        assert!(
            patched > 3 * whole && whole > 0,
            "{patched} patched, {whole} made again"
        );
        assert!(
            renumbered > 3 * renumbered_whole && renumbered > 100,
            "{renumbered} patched, {renumbered_whole} made again"
        );
    }

    /// Moves the ids from `from` on up or down by one, as `Site::shift`.
    fn shift(site: &mut Site, from: PageId, up: bool) {
        let moved = |id: &mut PageId| {
            if *id >= from {
                if up {
                    *id += 1;
                } else {
                    *id -= 1;
                }
            }
        };
        for page in &mut site.pages {
            if let Some(p) = page.parent.as_mut() {
                moved(p);
            }
            page.children.iter_mut().for_each(moved);
        }
    }

    /// Takes part `id` out of `site`; returns its parent.
    fn take_out(site: &mut Site, id: PageId) -> PageId {
        let parent = site.pages[id].parent.expect("a part has a parent");
        site.pages[parent].children.retain(|&c| c != id);
        site.pages.remove(id);
        shift(site, id + 1, false);
        parent
    }

    /// Puts a part at id `at` (below `parent`, among its children at a
    /// place of its own).
    fn put_in(site: &mut Site, at: PageId, parent: PageId, rel: String, title: String) {
        shift(site, at, true);
        let url = format!("{}/", rel.trim_end_matches(".md"));
        site.pages.insert(
            at,
            Page {
                path: rel.clone().into(),
                rel,
                text: Arc::from(""),
                text_hash: 0,
                front_hash: 0,
                body_offset: 0,
                role: Role::Part,
                meta: Arc::new(Meta::Part(Default::default())),
                title,
                weight: 0,
                date: None,
                url,
                parent: Some(parent),
                children: Vec::new(),
            },
        );
        let children = &mut site.pages[parent].children;
        let place = at % (children.len() + 1);
        children.insert(place, at);
    }

    #[test]
    fn inflected_forms_share_a_stem() {
        for (a, b) in [
            ("kommunerna", "kommuner"),
            ("målbilder", "målbilden"),
            ("Regionerna", "regionen"),
            ("Hälsofrämjande", "hälsofrämjandet"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} {b}");
        }
        assert_eq!(stem("kommunerna").as_deref(), Some("kommun"));
        assert_eq!(stem("Målbilden").as_deref(), Some("målbild"));
        assert_eq!(stem("och"), None);
    }

    #[test]
    fn folding_keeps_a_ring_a_umlaut_o_umlaut() {
        assert_eq!(fold("ÅÄÖ åäö Éclair Ærø"), "åäö åäö eclair ärö");
        assert_ne!(stem("hål"), stem("hal"));
        assert_ne!(stem("målen"), stem("malen"));
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

    #[test]
    fn a_shard_file_reads_back_as_its_stems() {
        let stems: Stems = vec![
            (
                "kommun".into(),
                vec![(0, 1), (5, 31), (40, 32), (1_000_000, 200)],
            ),
            ("ko\"d".into(), vec![(7, 0)]),
            ("kå".into(), vec![(3, 4), (4, 4)]),
        ];
        let mut sorted = stems.clone();
        sorted.sort_by(|a, b| a.0.cmp(&b.0));
        let text = shard_js("ko", &sorted);
        assert_eq!(parse_shard(&text, "ko"), Some(sorted));
        assert_eq!(parse_shard(&text, "kå"), None);
        assert_eq!(parse_shard(&text.replace(":\"A", ":\"!"), "ko"), None);
    }

    #[test]
    fn shards_by_two_letters_in_safe_file_names() {
        assert_eq!(shard_key("kommun"), "ko");
        assert_eq!(shard_key("å"), "å");
        assert_eq!(shard_file("må"), "search/t-m_e5.js");
        assert_eq!(shard_file("20"), "search/t-20.js");
    }

    #[test]
    fn snippets_are_cut_at_a_word() {
        let long = "ord ".repeat(100);
        let s = cut(&long);
        assert!(s.ends_with('…') && s.chars().count() <= SNIPPET + 1, "{s}");
        assert_eq!(cut("kort  text\n här"), "kort text här");
    }

    /// `tests/browser/stems.tsv` holds words and their stems by this
    /// stemmer; `tests/browser/search.mjs` checks that the theme's
    /// `js/search.js` gives the same stems. `MALBILD_UPDATE_STEMS=1`
    /// rewrites the stems (after a change of the stemmer).
    #[test]
    fn stems_file_is_what_the_stemmer_says() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/stems.tsv");
        let text = std::fs::read_to_string(&path).expect("tests/browser/stems.tsv");
        let update = std::env::var_os("MALBILD_UPDATE_STEMS").is_some();
        let mut out = String::new();
        let mut wrong = Vec::new();
        let mut n = 0;
        for line in text.lines() {
            let Some((word, expected)) = line.split_once('\t').filter(|_| !line.starts_with('#'))
            else {
                out.push_str(line);
                out.push('\n');
                continue;
            };
            n += 1;
            let got = stem(word).unwrap_or_else(|| "-".into());
            if got != expected {
                wrong.push(format!("{word}: {got}, the file says {expected}"));
            }
            out.push_str(&format!("{word}\t{got}\n"));
        }
        if update {
            std::fs::write(&path, out).expect("write stems.tsv");
            return;
        }
        assert!(n > 1000, "only {n} words");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn numbers_in_shards_end_in_a_last_digit() {
        let mut out = String::new();
        for n in [0, 1, 31, 32, 1025, u32::MAX] {
            number(&mut out, n);
            out.push(' ');
        }
        assert_eq!(out, "A B 5 bA baB d/////5 ");
    }

    #[test]
    fn sizes_for_people() {
        assert_eq!(size(999), "999 byte");
        assert_eq!(size(1501), "2 kB");
        assert_eq!(size(1_250_000), "1,3 MB");
    }
}
