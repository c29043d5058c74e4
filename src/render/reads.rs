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
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use crate::hash::Combine;
use crate::model::{PageId, Site};

use super::Body;

/// What an output reads of one page.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
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
    /// search index (by [`crate::index::shard_number`]), with the numbers
    /// of the pages they are on.
    Shard(u32),
    /// Of the home page only: the cards (content path, facts, snippet) of
    /// the pages in one card file of the search index.
    Chunk(u32),
    /// Of the home page only, when a large site's A–Ö list is split
    /// ([`crate::index::Plan`]): its letters and how many pages it holds,
    /// as the search page shows them.
    Letters,
    /// Of the home page only: a part of the split A–Ö list, by
    /// [`crate::index::list_key`] of its address (its pages' titles,
    /// addresses and contexts, and the letters around it).
    List(u32),
    /// Of the home page only: the regions of the site navigation (their
    /// titles and addresses, in order), read by an output whose template
    /// called `regions()` ([`Check::note_navigation`]).
    Navigation,
    /// Which of the pages below it the pages across regions show
    /// ([`super::addresses::across::gathered`]: those with theme words or something
    /// for the comparison), in order, and whether the comparison shows
    /// each: what a theme page, the list of theme words and the comparison
    /// read of a publication's parts instead of [`Aspect::Children`] (and
    /// then each one's theme words, facts or anchors), so that a part with
    /// neither coming or going leaves them be.
    Gathered,
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
            Aspect::Letters => "letters",
            Aspect::List(_) => "list",
            Aspect::Navigation => "navigation",
            Aspect::Gathered => "gathered",
        }
    }

    /// Its bit in [`Changed`], for the aspects of one page.
    fn bit(self) -> u16 {
        match self {
            Aspect::Facts => 1,
            Aspect::Body => 1 << 1,
            Aspect::Children => 1 << 2,
            Aspect::Parent => 1 << 3,
            Aspect::Logo => 1 << 4,
            Aspect::Themes => 1 << 5,
            Aspect::Anchors => 1 << 6,
            Aspect::Address => 1 << 7,
            Aspect::Title => 1 << 8,
            Aspect::Gathered => 1 << 9,
            Aspect::Index
            | Aspect::Shard(_)
            | Aspect::Chunk(_)
            | Aspect::Letters
            | Aspect::List(_)
            | Aspect::Navigation => 0,
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
            Aspect::Letters => 12,
            Aspect::List(n) => 13 | (u64::from(n) << 8),
            Aspect::Address => 11,
            Aspect::Navigation => 14,
            Aspect::Gathered => 15,
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

/// What changed since the last build, when [`Values::of`] knows it (a site
/// of the same lineage): the aspects of each page that changed, as bits by
/// [`Aspect::bit`], and the values of the whole site that moved.
#[derive(Debug, Default)]
pub(crate) struct Changed {
    /// By page id (a look-up for each page every output read, so not a
    /// map).
    pages: Vec<u16>,
    index: bool,
    shards: crate::hash::FxSet<u32>,
    chunks: crate::hash::FxSet<u32>,
    /// Whether what the search page shows of the split A–Ö list moved.
    letters: bool,
    /// The parts of the split A–Ö list whose value moved, by
    /// [`crate::index::list_key`].
    lists: crate::hash::FxSet<u32>,
    /// Whether every part of it may have moved (it was made with no plan
    /// to compare with).
    every_list: bool,
}

impl Changed {
    /// Whether page `id`'s `aspect` changed.
    fn hits(&self, id: PageId, aspect: Aspect) -> bool {
        match aspect {
            Aspect::Index => self.index,
            Aspect::Shard(n) => self.shards.contains(&n),
            Aspect::Chunk(n) => self.chunks.contains(&n),
            Aspect::Letters => self.letters,
            Aspect::List(key) => self.every_list || self.lists.contains(&key),
            _ => self
                .pages
                .get(id)
                .is_some_and(|bits| bits & aspect.bit() != 0),
        }
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
    gathered: Vec<u64>,
    /// What each page's search card shows.
    cards: Vec<u64>,
    /// [`Aspect::Index`]: one value for the whole site.
    index: u64,
    /// [`Aspect::Shard`], by shard number.
    shards: HashMap<u32, u64>,
    /// Every shard of the search index, sorted.
    shard_keys: Vec<String>,
    /// [`Aspect::Chunk`], by card file (what its pages' cards show).
    chunks: Vec<Combine>,
    /// Each page's number in the search index ([`crate::index::numbers`]).
    numbers: Vec<u32>,
    /// The pages of each card file, with their numbers, in order.
    chunk_pages: Vec<Vec<(u32, PageId)>>,
    /// What changed since the last build, when that is known.
    changed: Option<Changed>,
    /// The split A–Ö list ([`Aspect::Letters`], [`Aspect::List`]).
    plan: Arc<crate::index::Plan>,
}

impl Values {
    /// The values of `site` with `bodies`. `kept` holds the last build's
    /// values: when `site` is of its lineage ([`Site::lineage`]: the same
    /// pages under the same ids), only the pages the model patched, those
    /// whose body changed, their parents and what is below a changed region
    /// or publication (their search cards show its title) are valued again.
    pub(crate) fn of(site: &Site, bodies: &[Arc<Body>], kept: &mut Option<ValuesCache>) -> Self {
        use rayon::prelude::*;
        let n = site.pages.len();
        let mut taken = kept.take();
        let last_plan = taken.as_mut().and_then(|last| last.plan.take());
        // How this site was made from the one of the last plan, when parts
        // came or went.
        let renumbered = taken
            .as_ref()
            .and_then(|last| site.renumbered_from(last.lineage));
        // A site of the last one's lineage, or made from it by putting
        // parts in or taking them out (then what was kept is renumbered).
        let mut rechunk = false;
        let last = taken.and_then(|mut last| {
            last.values.as_ref()?;
            if last.lineage != site.lineage {
                let renumbered = site.renumbered_from(last.lineage)?;
                renumber(&mut last, site, renumbered)?;
                rechunk = true;
            }
            (last.bodies.len() == n).then_some(last)
        });
        let (mut values, rels, per, affected) = match last {
            Some(last) => {
                let mut affected: Vec<PageId> = site.patched.clone();
                affected.extend((0..n).filter(|&id| !Arc::ptr_eq(&last.bodies[id], &bodies[id])));
                // A region's or publication's title is on the cards of the
                // pages below it.
                let mut i = 0;
                while i < affected.len() {
                    let id = affected[i];
                    if matches!(
                        site.pages[id].role,
                        crate::model::Role::Region | crate::model::Role::Publication
                    ) {
                        let mut stack = site.pages[id].children.clone();
                        while let Some(c) = stack.pop() {
                            affected.push(c);
                            stack.extend_from_slice(&site.pages[c].children);
                        }
                    }
                    i += 1;
                }
                affected.sort_unstable();
                affected.dedup();
                // A page's theme words and what the comparison shows of
                // it are in its parent's [`Aspect::Gathered`].
                let parents: Vec<PageId> = site
                    .patched
                    .iter()
                    .filter_map(|&id| site.pages[id].parent)
                    .collect();
                affected.extend(parents);
                affected.sort_unstable();
                affected.dedup();
                let per: Vec<(PageId, [u64; 11])> = affected
                    .par_iter()
                    .map(|&id| (id, page_values(site, bodies, &last.rels, id)))
                    .collect();
                let values = last.values.expect("kept values");
                (values, last.rels, per, Some((last.bodies, last.sums)))
            }
            None => {
                // Each page's content path, hashed once.
                let rels: Vec<u64> = site
                    .pages
                    .par_iter()
                    .map(|p| crate::hash::str(&p.rel))
                    .collect();
                let per: Vec<(PageId, [u64; 11])> = (0..n)
                    .into_par_iter()
                    .map(|id| (id, page_values(site, bodies, &rels, id)))
                    .collect();
                let values = Values {
                    facts: vec![0; n],
                    body: vec![0; n],
                    children: vec![0; n],
                    parent: vec![0; n],
                    logo: vec![0; n],
                    themes: vec![0; n],
                    anchors: vec![0; n],
                    address: vec![0; n],
                    title: vec![0; n],
                    gathered: vec![0; n],
                    cards: vec![0; n],
                    index: 0,
                    shards: HashMap::new(),
                    shard_keys: Vec::new(),
                    chunks: Vec::new(),
                    numbers: crate::index::numbers(site, &rels),
                    chunk_pages: Vec::new(),
                    changed: None,
                    plan: Arc::default(),
                };
                (values, rels, per, None)
            }
        };
        let mut cards_moved: Vec<usize> = Vec::new();
        let mut changed = Changed {
            pages: vec![0; n],
            ..Changed::default()
        };
        for &(id, v) in &per {
            let card_was = values.cards[id];
            let was = [
                values.facts[id],
                values.body[id],
                values.children[id],
                values.parent[id],
                values.logo[id],
                values.themes[id],
                values.anchors[id],
                values.address[id],
                values.title[id],
                values.gathered[id],
            ];
            let bits = (0..10)
                .filter(|&i| was[i] != v[i])
                .fold(0u16, |bits, i| bits | (1 << i));
            changed.pages[id] = bits;
            values.facts[id] = v[0];
            values.body[id] = v[1];
            values.children[id] = v[2];
            values.parent[id] = v[3];
            values.logo[id] = v[4];
            values.themes[id] = v[5];
            values.anchors[id] = v[6];
            values.address[id] = v[7];
            values.title[id] = v[8];
            values.gathered[id] = v[9];
            values.cards[id] = v[10];
            if v[10] != card_was {
                cards_moved.push(values.numbers[id] as usize / crate::index::CHUNK);
            }
        }

        // The split A–Ö list, made again only when a page's title or
        // address, the tree or the setting moved (milliseconds at 10,000
        // pages; its key, microseconds; nothing when no page's title or
        // children changed since the last build).
        let titles_moved = affected.is_none()
            || changed
                .pages
                .iter()
                .any(|bits| bits & (Aspect::Title.bit() | Aspect::Children.bit()) != 0);
        let mut plan_key = 0;
        if titles_moved {
            let mut key = Combine::default().u64(crate::index::split_above(site) as u64);
            for (id, rel) in rels.iter().enumerate() {
                key = key.u64(*rel).u64(values.children[id]).u64(values.title[id]);
            }
            let key = key.finish();
            values.plan = match last_plan {
                Some((k, plan)) if k == key => plan,
                Some((_, plan)) => {
                    // The last build's plan, brought up to date in place
                    // when only some titles moved (the values hold it too).
                    values.plan = Arc::default();
                    let mut plan = Arc::unwrap_or_clone(plan);
                    let (overview, lists) = (plan.overview, plan.list_values());
                    if !plan.patch(site, renumbered, &rels, &values.title, &values.children) {
                        plan = crate::index::Plan::of(
                            site,
                            Some(&plan),
                            &rels,
                            &values.title,
                            &values.children,
                        );
                    }
                    changed.letters = plan.overview != overview;
                    changed.lists = plan.changed_lists(&lists);
                    Arc::new(plan)
                }
                None => {
                    changed.letters = true;
                    changed.every_list = true;
                    Arc::new(crate::index::Plan::of(
                        site,
                        None,
                        &rels,
                        &values.title,
                        &values.children,
                    ))
                }
            };
            plan_key = key;
        } else if let Some((k, plan)) = last_plan {
            values.plan = plan;
            plan_key = k;
        }

        // The card files: the pages of each, in the order of their numbers.
        if affected.is_none() || rechunk {
            let mut by_number: Vec<(u32, PageId)> = values
                .numbers
                .iter()
                .enumerate()
                .map(|(id, &number)| (number, id))
                .collect();
            by_number.sort_unstable();
            for (number, id) in by_number {
                let chunk = number as usize / crate::index::CHUNK;
                if values.chunk_pages.len() <= chunk {
                    values.chunk_pages.resize_with(chunk + 1, Vec::new);
                }
                values.chunk_pages[chunk].push((number, id));
            }
            cards_moved = (0..values.chunk_pages.len()).collect();
            if rechunk {
                values
                    .chunks
                    .resize(values.chunk_pages.len(), Combine::default());
            } else {
                values.chunks = vec![Combine::default(); values.chunk_pages.len()];
            }
        }
        cards_moved.sort_unstable();
        cards_moved.dedup();
        for chunk in cards_moved {
            let was = values.chunks[chunk].finish();
            values.chunks[chunk] = values.chunk_pages[chunk]
                .iter()
                .fold(Combine::default(), |h, &(number, id)| {
                    h.u64(u64::from(number)).u64(values.cards[id])
                });
            if values.chunks[chunk].finish() != was {
                changed.chunks.insert(chunk as u32);
            }
        }
        let incremental = affected.is_some();
        // A shard's value is the sum of what each page has in it, with the
        // page's number: the order pages are added in does not matter, so
        // pieces of the site are summed in parallel, and a rebuild where
        // every page kept its number takes the last sums and changes only
        // what the changed pages have (a page has words in hundreds of
        // shards).
        let sums = match affected {
            Some((last_bodies, mut sums)) => {
                for (id, (was, is)) in last_bodies.iter().zip(bodies).enumerate() {
                    if Arc::ptr_eq(was, is) {
                        continue;
                    }
                    take_out(&mut sums, was, values.numbers[id]);
                    put_in(&mut sums, is, values.numbers[id]);
                }
                sums
            }
            None => shard_sums(bodies, &values.numbers),
        };
        let shards: crate::hash::FxMap<&str, u64> =
            sums.iter().map(|(k, &(h, _))| (k.as_str(), h)).collect();
        let mut keys: Vec<&str> = shards.keys().copied().collect();
        keys.sort_unstable();
        let mut index = Combine::default().u64(n as u64);
        for k in &keys {
            index = index.str(k);
        }
        changed.index = values.index != index.finish();
        values.index = index.finish();
        // Two keys with one number share a value that moves when either does.
        let last_shards = std::mem::take(&mut values.shards);
        for (k, h) in shards {
            *values
                .shards
                .entry(crate::index::shard_number(k))
                .or_default() ^= h;
        }
        for (n, h) in &values.shards {
            if last_shards.get(n) != Some(h) {
                changed.shards.insert(*n);
            }
        }
        for n in last_shards.keys() {
            if !values.shards.contains_key(n) {
                changed.shards.insert(*n);
            }
        }
        values.changed = incremental.then_some(changed);
        values.shard_keys = keys.into_iter().map(str::to_string).collect();
        *kept = Some(ValuesCache {
            lineage: site.lineage,
            rels,
            bodies: bodies.to_vec(),
            sums,
            values: None,
            plan: Some((plan_key, values.plan.clone())),
        });
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
            Aspect::Gathered => self.gathered[id],
            Aspect::Index => self.index,
            Aspect::Shard(n) => self.shards.get(&n).copied().unwrap_or_default(),
            Aspect::Chunk(n) => self.chunks.get(n as usize).map_or(0, Combine::finish),
            Aspect::Letters => self.plan.overview,
            Aspect::List(key) => self.plan.value(key),
            // Not a value of the pages: [`Check`] has it.
            Aspect::Navigation => 0,
        }
    }

    /// The split A–Ö list (empty when the site is small).
    pub(crate) fn plan(&self) -> &crate::index::Plan {
        &self.plan
    }

    /// One hash of `aspects` of every page (for an output that may show
    /// any page's, and is cheaper to check as a whole).
    pub(crate) fn of_every_page(&self, aspects: &[Aspect]) -> u64 {
        let mut h = Combine::default();
        for &aspect in aspects {
            h = h.u64(aspect.code());
            for id in 0..self.facts.len() {
                h = h.u64(self.get(id, aspect));
            }
        }
        h.finish()
    }

    /// One hash of the values of `reads` (as [`Reads::finish`] gives them).
    pub(crate) fn of_reads(&self, reads: &[(PageId, Aspect)]) -> u64 {
        reads
            .iter()
            .fold(Combine::default(), |h, &(id, aspect)| {
                h.u64(id as u64)
                    .u64(aspect.code())
                    .u64(self.get(id, aspect))
            })
            .finish()
    }

    /// Each page's number in the search index.
    pub(crate) fn numbers(&self) -> &[u32] {
        &self.numbers
    }

    /// The card files that have pages.
    pub(crate) fn chunk_numbers(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.chunk_pages.len()).filter(|&n| !self.chunk_pages[n].is_empty())
    }

    /// The pages of card file `n`, with their numbers.
    pub(crate) fn chunk_pages(&self, n: usize) -> &[(u32, PageId)] {
        self.chunk_pages.get(n).map_or(&[], Vec::as_slice)
    }

    /// Every shard of the search index, sorted.
    pub(crate) fn shard_keys(&self) -> &[String] {
        &self.shard_keys
    }
}

/// The values of page `id`: its facts, body, children, parent, logo, theme
/// words, anchors, address, title, gathered children and search card
/// (`rels`: each page's content path, hashed).
fn page_values(site: &Site, bodies: &[Arc<Body>], rels: &[u64], id: PageId) -> [u64; 11] {
    let rel = |id: Option<PageId>| id.map_or(0, |p| rels[p]);
    let page = &site.pages[id];
    let body = &bodies[id];
    let facts = super::fact(page, body);
    let mut children = Combine::default();
    for &c in &page.children {
        children = children.u64(rel(Some(c)));
    }
    let mut themes = Combine::default();
    for w in page.meta.themes() {
        themes = themes.str(w);
    }
    let mut anchors = Combine::default();
    for (anchor, _) in body.goal_areas.iter().chain(&body.factors) {
        anchors = anchors.str(anchor);
    }
    let mut gathered = Combine::default();
    for &c in &page.children {
        let child = &site.pages[c];
        if !super::addresses::across::gathered(child) {
            continue;
        }
        // (Its theme words are read as its own [`Aspect::Themes`].)
        gathered = gathered
            .u64(rels[c])
            .u64(u64::from(super::addresses::across::compared(child)));
    }
    [
        facts,
        Combine::default()
            .u64(page.text_hash)
            .u64(body.html_hash)
            .finish(),
        children.finish(),
        rel(page.parent),
        super::region_logo(site, id).map_or(0, |l| crate::hash::str(&l)),
        themes.finish(),
        anchors.finish(),
        crate::hash::str(&page.url),
        Combine::default().str(&page.title).str(&page.url).finish(),
        gathered.finish(),
        // What its search card shows: with the titles of its region and
        // publication.
        site.ancestors(id)
            .filter(|&a| {
                matches!(
                    site.pages[a].role,
                    crate::model::Role::Region | crate::model::Role::Publication
                )
            })
            .fold(
                Combine::default()
                    .u64(rels[id])
                    .u64(facts)
                    .str(&body.search.snippet),
                |h, a| h.str(&site.pages[a].title),
            )
            .finish(),
    ]
}

/// What [`Values::of`] keeps for the next build: the values, with the
/// lineage of the site and the bodies they are of; and per shard of the
/// search index, the sum of what each page has in it
/// ([`crate::hash::mix`] of the page's number and its hash there) and how
/// many pages have words in it.
#[derive(Debug, Default)]
pub(crate) struct ValuesCache {
    lineage: u64,
    /// Each page's content path, hashed.
    rels: Vec<u64>,
    bodies: Vec<Arc<Body>>,
    sums: crate::hash::FxMap<String, (u64, u32)>,
    /// The values, once the build that used them is over
    /// ([`ValuesCache::keep`]).
    values: Option<Values>,
    /// The split A–Ö list, by a hash of what it is made of.
    plan: Option<(u64, Arc<crate::index::Plan>)>,
}

impl ValuesCache {
    /// Keeps `values`, which [`Values::of`] made, for the next build.
    pub(crate) fn keep(&mut self, values: Values) {
        self.values = Some(values);
    }
}

/// Takes what `body` has in the shards of the search index, as page
/// number `number`, out of `sums` ([`ValuesCache::sums`]).
fn take_out(sums: &mut crate::hash::FxMap<String, (u64, u32)>, body: &Body, number: u32) {
    for (key, h) in body.search.shards() {
        if let Some(e) = sums.get_mut(key) {
            e.0 = e.0.wrapping_sub(crate::hash::mix(0, number.into(), h));
            e.1 -= 1;
            if e.1 == 0 {
                sums.remove(key);
            }
        }
    }
}

/// Puts what `body` has in the shards of the search index, as page number
/// `number`, into `sums`.
fn put_in(sums: &mut crate::hash::FxMap<String, (u64, u32)>, body: &Body, number: u32) {
    for (key, h) in body.search.shards() {
        let e = sums.entry(key.to_string()).or_default();
        e.0 = e.0.wrapping_add(crate::hash::mix(0, number.into(), h));
        e.1 += 1;
    }
}

/// Makes `last`, the values of a site of lineage `renumbered.from`, those
/// of `site`, which was made from it by putting parts in or taking them
/// out: each page's values by its new id (nothing for a page put in, whose
/// last body is an empty one, so that it is valued and summed as a changed
/// one), what a page taken out had in the search index's shards taken out,
/// and each page whose number in the index moved summed again under its
/// new one. The card files are then made again ([`Values::of`]). `None`
/// when many numbers moved (the site passed a power of two): then
/// everything is valued from nothing.
fn renumber(
    last: &mut ValuesCache,
    site: &Site,
    renumbered: &crate::model::Renumbered,
) -> Option<()> {
    let values = last.values.as_mut()?;
    // Each page's content path, hashed: those kept as they were.
    let was = renumbered.was(last.rels.len());
    if was.len() != site.pages.len() {
        return None;
    }
    let mut rels = std::mem::take(&mut last.rels);
    renumbered.apply(&mut rels, 0);
    for (id, old) in was.iter().enumerate() {
        if old.is_none() {
            rels[id] = crate::hash::str(&site.pages[id].rel);
        }
    }
    let numbers = crate::index::numbers(site, &rels);
    let mut was = std::mem::take(&mut values.numbers);
    let empty = Arc::new(Body::default());
    for &(id, put) in &renumbered.steps {
        if put {
            last.bodies.insert(id, empty.clone());
            was.insert(id, 0);
        } else {
            let body = last.bodies.remove(id);
            take_out(&mut last.sums, &body, was.remove(id));
        }
    }
    if was.len() != numbers.len() {
        return None;
    }
    let moved: Vec<PageId> = (0..numbers.len())
        .filter(|&id| was[id] != numbers[id] && !Arc::ptr_eq(&last.bodies[id], &empty))
        .collect();
    if moved.len() > 64 {
        return None;
    }
    for id in moved {
        take_out(&mut last.sums, &last.bodies[id], was[id]);
        put_in(&mut last.sums, &last.bodies[id], numbers[id]);
    }
    values.numbers = numbers;
    for v in [
        &mut values.facts,
        &mut values.body,
        &mut values.children,
        &mut values.parent,
        &mut values.logo,
        &mut values.themes,
        &mut values.anchors,
        &mut values.address,
        &mut values.title,
        &mut values.gathered,
        &mut values.cards,
    ] {
        renumbered.apply(v, 0);
    }
    values.chunk_pages.clear();
    last.rels = rels;
    last.lineage = site.lineage;
    Some(())
}

/// [`ValuesCache::sums`] of `bodies`, from nothing, in parallel.
fn shard_sums(bodies: &[Arc<Body>], numbers: &[u32]) -> crate::hash::FxMap<String, (u64, u32)> {
    use rayon::prelude::*;
    let sums: crate::hash::FxMap<&str, (u64, u32)> = bodies
        .par_iter()
        .enumerate()
        .fold(
            crate::hash::FxMap::default,
            |mut map: crate::hash::FxMap<&str, (u64, u32)>, (id, body)| {
                for (key, h) in body.search.shards() {
                    let e = map.entry(key).or_default();
                    e.0 = e.0.wrapping_add(crate::hash::mix(0, numbers[id].into(), h));
                    e.1 += 1;
                }
                map
            },
        )
        .reduce(crate::hash::FxMap::default, |mut left, right| {
            for (key, (h, n)) in right {
                let e = left.entry(key).or_default();
                e.0 = e.0.wrapping_add(h);
                e.1 += n;
            }
            left
        });
    sums.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// What the last build recorded of one output.
#[derive(Debug)]
struct Recorded {
    /// Its path (for the cache file; looked up by its hash).
    path: String,
    fingerprint: u64,
    /// The hash of its shared inputs, when this run made it or found it
    /// fresh (0 from the cache file).
    shared: AtomicU64,
    /// What it read: pages by their id in that build.
    reads: Box<[(u32, Aspect)]>,
    /// The last build that found it fresh or made it
    /// ([`RenderCache::generation`]).
    seen: AtomicU32,
}

/// The key of output `path` in [`RenderCache`]: a 64-bit hash, as the
/// fingerprints are (two of a site's paths share one once in some 10^11
/// sites of 15,000 outputs).
fn output_key(path: &str) -> u64 {
    crate::hash::str(path)
}

/// Per output path, what it read and its fingerprint, as of the last build
/// that wrote its files.
#[derive(Debug, Default)]
pub(crate) struct RenderCache {
    /// By the hash of the output's path ([`output_key`]): each of the
    /// 15,000 outputs of a large site is looked up every build, and a map
    /// by path compared the path's bytes, in memory far from the map, on
    /// every look-up (most of what checking an output cost).
    outputs: crate::hash::FxMap<u64, Recorded>,
    /// The content path of every page of that build, by its `PageId` then.
    rels: Vec<String>,
    /// Per page of that build: its id in this build, if it still exists;
    /// `None` when every page has the id it had ([`RenderCache::renumber`]).
    now: Option<Vec<Option<PageId>>>,
    /// A number per build, to tell the outputs of this one from gone ones.
    generation: u32,
    /// The [`Site::lineage`] of that build (0 when read from the cache
    /// file): a site of the same lineage has the same pages under the same
    /// ids.
    lineage: u64,
}

impl RenderCache {
    /// Before a build's outputs are checked: finds which page of the last
    /// build is which page of `site` (pages are matched by content path; most
    /// often every page kept its id).
    pub(crate) fn renumber(&mut self, site: &Site) {
        self.generation = self.generation.wrapping_add(1);
        // Parts came or went since: their steps say which page is which
        // (no look-up of 10,000 content paths).
        if let Some(renumbered) = site.renumbered_from(self.lineage) {
            let was = renumbered.was(self.rels.len());
            if was.len() == site.pages.len() {
                let mut now = vec![None; self.rels.len()];
                for (id, old) in was.into_iter().enumerate() {
                    if let Some(old) = old {
                        now[old] = Some(id);
                    }
                }
                self.now = Some(now);
                return;
            }
        }
        let same = self.rels.len() == site.pages.len()
            && (self.lineage != 0 && self.lineage == site.lineage
                || self.rels.iter().zip(&site.pages).all(|(r, p)| *r == p.rel));
        self.now = (!same).then(|| {
            self.rels
                .iter()
                .map(|r| site.by_rel.get(r).copied())
                .collect()
        });
    }

    /// Every output's fingerprint and what it read (pages by their index
    /// in [`RenderCache::rels`]), for [`crate::persist`].
    pub(crate) fn records(&self) -> impl Iterator<Item = (&str, u64, &[(u32, Aspect)])> {
        self.outputs
            .values()
            .map(|r| (r.path.as_str(), r.fingerprint, &*r.reads))
    }

    /// The content path of every page of the build it knows, by its
    /// `PageId` then.
    pub(crate) fn rels(&self) -> &[String] {
        &self.rels
    }

    /// The cache of `records` (as [`RenderCache::records`] gives them) over
    /// the pages `rels`.
    pub(crate) fn from_records(
        records: impl IntoIterator<Item = (String, u64, Box<[(u32, Aspect)]>)>,
        rels: Vec<String>,
    ) -> Self {
        RenderCache {
            outputs: records
                .into_iter()
                .map(|(path, fingerprint, reads)| {
                    (
                        output_key(&path),
                        Recorded {
                            path,
                            fingerprint,
                            shared: AtomicU64::new(0),
                            reads,
                            seen: AtomicU32::new(0),
                        },
                    )
                })
                .collect(),
            rels,
            now: None,
            generation: 0,
            lineage: 0,
        }
    }

    /// Keeps what this build's outputs read, for the next build: the records
    /// of outputs that were not made again stay (their pages renumbered when
    /// pages came or went), those of `made` are new, the others are gone.
    pub(crate) fn update(&mut self, site: &Site, made: Made) {
        let generation = self.generation;
        if let Some(now) = &self.now {
            // In parallel: hundreds of thousands of reads at 10,000 pages.
            use rayon::prelude::*;
            let mut fresh: Vec<&mut Recorded> = self
                .outputs
                .values_mut()
                .filter(|r| r.seen.load(Ordering::Relaxed) == generation)
                .collect();
            fresh.par_iter_mut().for_each(|recorded| {
                for (id, _) in recorded.reads.iter_mut() {
                    *id = now[*id as usize].expect("a fresh output's pages exist") as u32;
                }
            });
        }
        for (path, fingerprint, shared, reads) in made.made {
            let reads = reads.into_iter().map(|(id, a)| (id as u32, a)).collect();
            self.outputs.insert(
                output_key(&path),
                Recorded {
                    path,
                    fingerprint,
                    shared: AtomicU64::new(shared),
                    reads,
                    seen: AtomicU32::new(generation),
                },
            );
        }
        self.outputs
            .retain(|_, recorded| *recorded.seen.get_mut() == generation);
        match site.renumbered_from(self.lineage) {
            // The pages kept keep their content paths.
            Some(renumbered)
                if self.now.is_some()
                    && renumbered.was(self.rels.len()).len() == site.pages.len() =>
            {
                let was = renumbered.was(self.rels.len());
                renumbered.apply(&mut self.rels, String::new());
                for (id, old) in was.into_iter().enumerate() {
                    if old.is_none() {
                        self.rels[id] = site.pages[id].rel.clone();
                    }
                }
            }
            _ if self.now.is_some() || self.rels.len() != site.pages.len() => {
                self.rels = site.pages.iter().map(|p| p.rel.clone()).collect();
            }
            _ => {}
        }
        self.lineage = site.lineage;
        self.now = None;
    }
}

/// This build's view of the last one: which of its pages still exist, and
/// under which id.
pub(crate) struct Check<'a> {
    cache: &'a RenderCache,
    values: &'a Values,
    /// The value of [`Aspect::Navigation`], and whether it moved since the
    /// last build.
    navigation: (u64, bool),
}

impl<'a> Check<'a> {
    /// Checks outputs against `cache`, which [`RenderCache::renumber`] has
    /// matched with this build's pages, and the values of `basis`.
    pub(crate) fn new(cache: &'a RenderCache, basis: &'a super::Basis) -> Self {
        Check {
            cache,
            values: &basis.values,
            navigation: (basis.regions_hash, basis.regions_moved),
        }
    }

    /// Notes in `reads` what an output whose template called `regions()`
    /// read: the navigation's regions.
    pub(crate) fn note_navigation(&self, reads: &Reads) {
        reads.note(Site::HOME, Aspect::Navigation);
    }

    /// The current value of page `id`'s `aspect`.
    fn value(&self, id: PageId, aspect: Aspect) -> u64 {
        match aspect {
            Aspect::Navigation => self.navigation.0,
            _ => self.values.get(id, aspect),
        }
    }

    /// The fingerprint of an output whose shared inputs hash to `shared` and
    /// that read `reads` (this build's ids).
    pub(crate) fn fingerprint(&self, shared: u64, reads: &[(PageId, Aspect)]) -> u64 {
        let mut h = Combine::default().u64(shared);
        for &(id, aspect) in reads {
            h = h.u64(aspect.code()).u64(self.value(id, aspect));
        }
        h.finish()
    }

    /// Whether the output `path` is as the last build made it (its shared
    /// inputs hash to `shared` and nothing it read changed). A fresh output
    /// keeps its record for the next build.
    pub(crate) fn fresh(&self, path: &str, shared: u64) -> bool {
        let Some(recorded) = self.cache.outputs.get(&output_key(path)) else {
            return false;
        };
        // Nothing it read changed (pages matched by content path when some
        // came or went), and what it shares is as it was: fresh, without
        // hashing what it read.
        if let Some(changed) = &self.values.changed
            && recorded.shared.load(Ordering::Relaxed) == shared
            && !recorded
                .reads
                .iter()
                .any(|&(old, aspect)| match (aspect, &self.cache.now) {
                    (Aspect::Navigation, _) => self.navigation.1,
                    (_, None) => changed.hits(old as PageId, aspect),
                    (_, Some(now)) => match now.get(old as usize) {
                        Some(Some(id)) => changed.hits(*id, aspect),
                        _ => true,
                    },
                })
        {
            recorded
                .seen
                .store(self.cache.generation, Ordering::Relaxed);
            return true;
        }
        // In the order it was recorded (and hashed) in.
        let mut h = Combine::default().u64(shared);
        for &(old, aspect) in &recorded.reads {
            let id = match &self.cache.now {
                None => old as PageId,
                Some(now) => match now.get(old as usize) {
                    Some(Some(id)) => *id,
                    _ => return false,
                },
            };
            h = h.u64(aspect.code()).u64(self.value(id, aspect));
        }
        let fresh = h.finish() == recorded.fingerprint;

        if fresh {
            recorded
                .seen
                .store(self.cache.generation, Ordering::Relaxed);
            recorded.shared.store(shared, Ordering::Relaxed);
        }
        fresh
    }
}

/// What one build's outputs recorded.
#[derive(Debug, Default)]
pub(crate) struct Made {
    /// Outputs made now: path, fingerprint and reads.
    #[expect(
        clippy::type_complexity,
        reason = "path, fingerprint, shared hash, reads: read once, in lib.rs"
    )]
    pub(crate) made: Vec<(String, u64, u64, Vec<(PageId, Aspect)>)>,
}

impl Made {
    /// Adds what `other` recorded.
    pub(crate) fn extend(&mut self, other: Made) {
        self.made.extend(other.made);
    }
}
