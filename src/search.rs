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
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::links;
use crate::model::{PageId, Role, Site};
use crate::render::{Basis, Body, Check, Link, Output, Pages, Target, Views};
use crate::theme::{Text, Theme};

pub(crate) use crate::index::*;
pub(crate) use crate::render::addresses::search::{LETTER_TEMPLATE, TEMPLATE, URL, enabled};
/// The folder of the index.
pub(crate) const DIR: &str = "search/";
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
    use crate::model::{Meta, Page};

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
                site.pages
                    .push(test_page(rel, role, meta, title(), url, parent));
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

    /// A page of the test sites: no text, weight 0, no children yet.
    fn test_page(
        rel: String,
        role: Role,
        meta: Meta,
        title: String,
        url: String,
        parent: Option<PageId>,
    ) -> Page {
        Page {
            path: rel.clone().into(),
            rel,
            text: Arc::from(""),
            text_hash: 0,
            front_hash: 0,
            body_offset: 0,
            role,
            meta: Arc::new(meta),
            title,
            weight: 0,
            date: None,
            url,
            parent,
            children: Vec::new(),
        }
    }

    /// Takes part `id` out of `site`; returns its parent.
    fn take_out(site: &mut Site, id: PageId) -> PageId {
        let parent = site.pages[id].parent.expect("a part has a parent");
        site.pages[parent].children.retain(|&c| c != id);
        site.pages.remove(id);
        site.shift(id + 1, false);
        parent
    }

    /// Puts a part at id `at` (below `parent`, among its children at a
    /// place of its own).
    fn put_in(site: &mut Site, at: PageId, parent: PageId, rel: String, title: String) {
        site.shift(at, true);
        let url = format!("{}/", rel.trim_end_matches(".md"));
        let meta = Meta::Part(Default::default());
        let page = test_page(rel, Role::Part, meta, title, url, Some(parent));
        site.pages.insert(at, page);
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
