//! What each output read, and whether it must be made again.
//!
//! While an output renders, its [`Views`](super::views::Views) note every
//! fact of a page they hand to the template ([`Reads`]), the way cargo's
//! dep-info files list what a compilation read. After the build the
//! [`RenderCache`] keeps, per output, that list and a fingerprint: a hash of
//! what is shared (the site's settings and navigation, the template and
//! everything it extends or includes) and of the current value of every fact
//! in the list. The next build recomputes that hash from the list alone; when
//! it comes out the same, the output would be the same and is not made again.
//! Nothing lists by hand which pages an output shows.
//!
//! Pages are remembered by content path, not by [`PageId`], so a page added
//! or removed elsewhere (which renumbers pages) leaves the other outputs
//! fresh.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use crate::hash::Combine;
use crate::model::{PageId, Site};

use super::Body;

/// What an output reads of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Aspect {
    /// Its front matter, title, date, address and summary ([`super::fact`]).
    Facts,
    /// Its text and rendered Markdown.
    Body,
    /// Which pages are below it, in order.
    Children,
    /// Which page is above it.
    Parent,
    /// Where its logo file was copied to.
    Logo,
    /// Its theme words (also among its facts: an output that only looks for
    /// the pages that name a word reads just this).
    Themes,
    /// The ids of its goal areas' and success factors' headings (also part
    /// of its body: an output that only links to them reads just this).
    Anchors,
    /// Its address (also among its facts: the sitemap reads just this).
    Address,
    /// Its title and address (also among its facts: a list of every page
    /// reads just this).
    Title,
    /// Of the home page only, for the search index (`crate::search`), whose
    /// files each depend on pages anywhere in the site and so read one value
    /// of the whole site rather than a list as long as it: how many pages
    /// there are and which shards.
    Index,
    /// Of the home page only: the stems and scores in one shard of the
    /// search index (by [`crate::search::shard_number`]), with the numbers
    /// of the pages they are on.
    Shard(u32),
    /// Of the home page only: the cards (content path, facts, snippet) of
    /// the pages in one card file of the search index.
    Chunk(u32),
}

impl Aspect {
    /// Its name, for tests and messages.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Aspect::Facts => "facts",
            Aspect::Body => "body",
            Aspect::Children => "children",
            Aspect::Parent => "parent",
            Aspect::Logo => "logo",
            Aspect::Themes => "themes",
            Aspect::Anchors => "anchors",
            Aspect::Address => "address",
            Aspect::Title => "title",
            Aspect::Index => "index",
            Aspect::Shard(_) => "shard",
            Aspect::Chunk(_) => "chunk",
        }
    }

    /// A number for it, for the fingerprints.
    fn code(self) -> u64 {
        match self {
            Aspect::Facts => 0,
            Aspect::Body => 1,
            Aspect::Children => 2,
            Aspect::Parent => 3,
            Aspect::Logo => 4,
            Aspect::Themes => 5,
            Aspect::Anchors => 6,
            Aspect::Index => 7,
            Aspect::Title => 10,
            Aspect::Shard(n) => 8 | (u64::from(n) << 8),
            Aspect::Chunk(n) => 9 | (u64::from(n) << 8),
            Aspect::Address => 11,
        }
    }
}

/// What one output has read so far, in the order it read it.
#[derive(Debug, Default)]
pub(crate) struct Reads(RefCell<Vec<(PageId, Aspect)>>);

impl Reads {
    /// Notes that page `id`'s `aspect` was read.
    pub(crate) fn note(&self, id: PageId, aspect: Aspect) {
        self.0.borrow_mut().push((id, aspect));
    }

    /// Each thing read once, in a fixed order.
    pub(crate) fn finish(self) -> Vec<(PageId, Aspect)> {
        let mut list = self.0.into_inner();
        list.sort_unstable();
        list.dedup();
        // Kept until the build ends: most notes were repeats (a page's
        // title is read by each of its children's navigations). A copy of
        // its size rather than `shrink_to_fit`, which would keep it where
        // the long list grew, splitting the free memory.
        list.as_slice().to_vec()
    }
}

/// The current value of every page's every [`Aspect`], as hashes, for one
/// build.
#[derive(Debug)]
pub(crate) struct Values {
    facts: Vec<u64>,
    body: Vec<u64>,
    children: Vec<u64>,
    parent: Vec<u64>,
    logo: Vec<u64>,
    themes: Vec<u64>,
    anchors: Vec<u64>,
    address: Vec<u64>,
    title: Vec<u64>,
    /// [`Aspect::Index`]: one value for the whole site.
    index: u64,
    /// [`Aspect::Shard`], by shard number.
    shards: HashMap<u32, u64>,
    /// Every shard of the search index, sorted.
    shard_keys: Vec<String>,
    /// [`Aspect::Chunk`], by card file.
    chunks: Vec<u64>,
}

impl Values {
    /// The values of `site` with `bodies`; `facts` as in [`super::Basis`].
    pub(crate) fn of(site: &Site, bodies: &[Arc<Body>], facts: &[u64]) -> Self {
        let rel = |id: Option<PageId>| id.map_or(0, |p| crate::hash::str(&site.pages[p].rel));
        let n = site.pages.len();
        let mut values = Values {
            facts: facts.to_vec(),
            body: Vec::with_capacity(n),
            children: Vec::with_capacity(n),
            parent: Vec::with_capacity(n),
            logo: Vec::with_capacity(n),
            themes: Vec::with_capacity(n),
            anchors: Vec::with_capacity(n),
            address: Vec::with_capacity(n),
            title: Vec::with_capacity(n),
            index: 0,
            shards: HashMap::new(),
            shard_keys: Vec::new(),
            chunks: Vec::with_capacity(n.div_ceil(crate::search::CHUNK)),
        };
        let mut shards: HashMap<&str, u64> = HashMap::new();
        let mut chunk = Combine::default();
        for (id, page) in site.pages.iter().enumerate() {
            values.body.push(
                Combine::default()
                    .u64(page.text_hash)
                    .u64(bodies[id].html_hash)
                    .finish(),
            );
            let mut h = Combine::default();
            for &c in &page.children {
                h = h.u64(rel(Some(c)));
            }
            values.children.push(h.finish());
            values.parent.push(rel(page.parent));
            values
                .logo
                .push(super::region_logo(site, id).map_or(0, |l| crate::hash::str(&l)));
            let mut h = Combine::default();
            for w in crate::across::page_themes(&page.meta) {
                h = h.str(w);
            }
            values.themes.push(h.finish());
            let mut h = Combine::default();
            for (anchor, _) in bodies[id].goal_areas.iter().chain(&bodies[id].factors) {
                h = h.str(anchor);
            }
            values.anchors.push(h.finish());
            values.address.push(crate::hash::str(&page.url));
            values
                .title
                .push(Combine::default().str(&page.title).str(&page.url).finish());
            let words = &bodies[id].search;
            for (key, h) in words.shards() {
                let e = shards.entry(key).or_default();
                *e = crate::hash::mix(*e, id as u64, h);
            }
            chunk = chunk.str(&page.rel).u64(facts[id]).str(&words.snippet);
            if (id + 1) % crate::search::CHUNK == 0 || id + 1 == n {
                values.chunks.push(std::mem::take(&mut chunk).finish());
            }
        }
        let mut keys: Vec<&str> = shards.keys().copied().collect();
        keys.sort_unstable();
        let mut index = Combine::default().u64(n as u64);
        for k in &keys {
            index = index.str(k);
        }
        values.index = index.finish();
        // Two keys with one number share a value that moves when either does.
        for (k, h) in shards {
            *values
                .shards
                .entry(crate::search::shard_number(k))
                .or_default() ^= h;
        }
        values.shard_keys = keys.into_iter().map(str::to_string).collect();
        values
    }

    fn get(&self, id: PageId, aspect: Aspect) -> u64 {
        match aspect {
            Aspect::Facts => self.facts[id],
            Aspect::Body => self.body[id],
            Aspect::Children => self.children[id],
            Aspect::Parent => self.parent[id],
            Aspect::Logo => self.logo[id],
            Aspect::Themes => self.themes[id],
            Aspect::Anchors => self.anchors[id],
            Aspect::Address => self.address[id],
            Aspect::Title => self.title[id],
            Aspect::Index => self.index,
            Aspect::Shard(n) => self.shards.get(&n).copied().unwrap_or_default(),
            Aspect::Chunk(n) => self.chunks.get(n as usize).copied().unwrap_or_default(),
        }
    }

    /// Every shard of the search index, sorted.
    pub(crate) fn shard_keys(&self) -> &[String] {
        &self.shard_keys
    }
}

/// What an output read, by page index (of the last build, or of this one).
pub(crate) type Recorded32 = Box<[(u32, Aspect)]>;

/// What the last build recorded of one output.
#[derive(Debug, Clone)]
struct Recorded {
    fingerprint: u64,
    /// What it read: pages by their index in [`RenderCache::rels`].
    reads: Box<[(u32, Aspect)]>,
}

/// Per output path, what it read and its fingerprint, as of the last build
/// that wrote its files.
#[derive(Debug, Default, Clone)]
pub struct RenderCache {
    outputs: HashMap<String, Recorded>,
    /// The content path of every page of that build, by its `PageId` then.
    rels: Vec<String>,
}

impl RenderCache {
    /// Whether it knows nothing.
    pub fn is_empty(&self) -> bool {
        self.outputs.is_empty()
    }

    /// Forgets what it knows of `path` (the next build makes it again).
    pub fn forget(&mut self, path: &str) {
        self.outputs.remove(path);
    }

    /// Keeps what this build's outputs read, for the next build: `fresh`
    /// holds what the outputs that were not made again had recorded, and
    /// `made` what the others read now.
    pub(crate) fn update(&mut self, site: &Site, made: Made) {
        let mut outputs = HashMap::with_capacity(made.fresh.len() + made.made.len());
        for (path, fingerprint, reads) in made.made {
            let reads = reads.into_iter().map(|(id, a)| (id as u32, a)).collect();
            outputs.insert(path, Recorded { fingerprint, reads });
        }
        for (path, fingerprint, reads) in made.fresh {
            outputs.insert(path, Recorded { fingerprint, reads });
        }
        self.outputs = outputs;
        self.rels = site.pages.iter().map(|p| p.rel.clone()).collect();
    }
}

/// This build's view of the last one: which of its pages still exist, and
/// under which id.
pub(crate) struct Check<'a> {
    cache: &'a RenderCache,
    /// Per page of the last build: its id now, if it still exists.
    now: Vec<Option<PageId>>,
    values: &'a Values,
}

impl<'a> Check<'a> {
    pub(crate) fn new(cache: &'a RenderCache, site: &Site, values: &'a Values) -> Self {
        let same = cache.rels.len() == site.pages.len()
            && cache.rels.iter().zip(&site.pages).all(|(r, p)| *r == p.rel);
        let now = if same {
            (0..site.pages.len()).map(Some).collect()
        } else {
            cache
                .rels
                .iter()
                .map(|r| site.by_rel.get(r).copied())
                .collect()
        };
        Check { cache, now, values }
    }

    /// The fingerprint of an output whose shared inputs hash to `shared` and
    /// that read `reads` (this build's ids).
    pub(crate) fn fingerprint(&self, shared: u64, reads: &[(PageId, Aspect)]) -> u64 {
        let mut h = Combine::default().u64(shared);
        for &(id, aspect) in reads {
            h = h.u64(aspect.code()).u64(self.values.get(id, aspect));
        }
        h.finish()
    }

    /// When the output `path` is as the last build made it (its shared
    /// inputs hash to `shared` and nothing it read changed): its fingerprint
    /// and what it read, in this build's ids.
    pub(crate) fn fresh(&self, path: &str, shared: u64) -> Option<(u64, Recorded32)> {
        let recorded = self.cache.outputs.get(path)?;
        let mut reads = Vec::with_capacity(recorded.reads.len());
        for &(old, aspect) in &recorded.reads {
            let id = (*self.now.get(old as usize)?)?;
            reads.push((id, aspect));
        }
        // In the order it was recorded (and hashed) in.
        let fingerprint = self.fingerprint(shared, &reads);
        (fingerprint == recorded.fingerprint).then(|| {
            (
                fingerprint,
                reads.into_iter().map(|(id, a)| (id as u32, a)).collect(),
            )
        })
    }
}

/// What one build's outputs recorded.
#[derive(Debug, Default)]
pub(crate) struct Made {
    /// Outputs not made again: path, fingerprint and reads (this build's ids).
    pub(crate) fresh: Vec<(String, u64, Recorded32)>,
    /// Outputs made now: path, fingerprint and reads.
    #[expect(
        clippy::type_complexity,
        reason = "path, fingerprint, reads: read once, in lib.rs"
    )]
    pub(crate) made: Vec<(String, u64, Vec<(PageId, Aspect)>)>,
}

impl Made {
    /// Adds what `other` recorded.
    pub(crate) fn extend(&mut self, other: Made) {
        self.fresh.extend(other.fresh);
        self.made.extend(other.made);
    }
}
