//! Markdown to HTML with pulldown-cmark: CommonMark plus tables, footnotes,
//! strikethrough, heading ids and smart punctuation (with Swedish quotes).
//!
//! Every heading gets an id that is unique on its page, and every link and
//! image goes through a [`Resolve`] so that `[bakgrund](bakgrund.md)` becomes
//! the relative URL of that page. Tables get a name for screen readers: a
//! paragraph `Tabell: …` (or `Table: …`) right before a table becomes its
//! `<caption>`; otherwise a table right under a heading is labelled by that
//! heading (`aria-labelledby`). Header cells get `scope="col"`. Every table
//! sits in a `<div class="mb-table" role="region" tabindex="0">` named like
//! the table (its caption, its heading, or [`Settings::unnamed_table`]), so
//! that a table wider than the screen scrolls sideways inside a region that
//! keyboards reach and screen readers name (the stylesheet makes it scroll);
//! the table itself keeps its semantics. This module
//! reports what it saw (headings, images, links that point nowhere, link
//! texts, raw HTML, the plain text of each block, with byte offsets); it does
//! not decide what is a problem (the `check` modules do), and it never reads
//! files.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

pub(crate) use crate::links::Resolve;

/// A heading of the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// Its id, unique on the page.
    pub id: String,
    /// Its text.
    pub title: String,
    /// Byte offset in the Markdown.
    #[serde(skip)]
    pub offset: usize,
}

/// An image of the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Image {
    /// Its alternative text.
    pub alt: String,
    /// Its target as written.
    pub dest: String,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// A table of the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Table {
    /// Whether it has a name: a caption, or the heading right above it.
    pub named: bool,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// A link or image whose target could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct BadLink {
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// A link of the body, as written.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct LinkSeen {
    /// Its target as written.
    pub dest: String,
    /// Its text (for an image inside the link, the image's alternative text).
    pub text: String,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// Raw HTML written in the Markdown: a whole HTML block, or one inline tag.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct HtmlSeen {
    /// The HTML as written.
    pub html: String,
    /// Byte offset in the Markdown.
    pub offset: usize,
}

/// What a [`TextBlock`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) enum BlockKind {
    /// A paragraph.
    Paragraph,
    /// A list item (its first paragraph, when it has several).
    ListItem,
    /// A heading.
    Heading,
    /// A table cell.
    TableCell,
    /// A code block, an HTML block or a thematic break: content without text.
    Other,
}

/// One block of the Markdown with its plain text: what a reader reads,
/// without markup, code or images. A view into [`Rendered`]'s blocks
/// ([`Rendered::blocks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextBlock<'a> {
    /// What kind of block.
    pub kind: BlockKind,
    /// Byte offset of the block in the Markdown.
    pub offset: usize,
    /// The plain text; a line break in the source is `\n`.
    pub text: &'a str,
    /// Where the text came from, one piece of text each, in order.
    pub pieces: &'a [Piece],
}

/// Where a piece of a block's text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Piece {
    /// Byte position in the block's text.
    pub at: u32,
    /// Where it starts in the Markdown (byte offset).
    pub start: u32,
    /// Where it ends in the Markdown.
    pub end: u32,
}

impl TextBlock<'_> {
    /// The byte offset in the Markdown of byte `pos` of [`TextBlock::text`].
    pub(crate) fn source_offset(&self, pos: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.at as usize <= pos);
        match i.checked_sub(1).map(|i| &self.pieces[i]) {
            Some(p) => {
                let (start, end) = (p.start as usize, p.end as usize);
                (start + (pos - p.at as usize)).min(end.max(start))
            }
            None => self.offset,
        }
    }
}

/// Every block of a page, packed: one text and one list of pieces for all
/// of them (a page has hundreds of blocks, table cells too, and they are
/// kept for the whole build and between rebuilds: a `String` and a `Vec`
/// of each block's own cost more than its text).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Blocks {
    /// The blocks' texts, one after the other.
    text: String,
    /// The blocks' pieces, one after the other.
    pieces: Vec<Piece>,
    /// Per block: its kind, its offset in the Markdown, and where its text
    /// and pieces end (each starts where the previous block's end).
    ends: Vec<(BlockKind, u32, u32, u32)>,
}

impl Blocks {
    /// Packs `blocks`.
    fn pack(blocks: Vec<Building>) -> Blocks {
        let mut out = Blocks {
            text: String::with_capacity(blocks.iter().map(|b| b.text.len()).sum()),
            pieces: Vec::with_capacity(blocks.iter().map(|b| b.pieces.len()).sum()),
            ends: Vec::with_capacity(blocks.len()),
        };
        for b in blocks {
            out.text.push_str(&b.text);
            out.pieces.extend(b.pieces);
            out.ends.push((
                b.kind,
                small(b.offset),
                small(out.text.len()),
                small(out.pieces.len()),
            ));
        }
        out
    }

    /// How many blocks.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Block `i`, if there is one.
    pub(crate) fn get(&self, i: usize) -> Option<TextBlock<'_>> {
        (i < self.len()).then(|| self.block(i))
    }

    /// Block `i` (there must be one).
    fn block(&self, i: usize) -> TextBlock<'_> {
        let (kind, offset, text_end, pieces_end) = self.ends[i];
        let (text_start, pieces_start) = match i.checked_sub(1) {
            Some(j) => (self.ends[j].2 as usize, self.ends[j].3 as usize),
            None => (0, 0),
        };
        TextBlock {
            kind,
            offset: offset as usize,
            text: &self.text[text_start..text_end as usize],
            pieces: &self.pieces[pieces_start..pieces_end as usize],
        }
    }

    /// Every block, in order.
    pub(crate) fn iter(&self) -> BlocksIter<'_> {
        BlocksIter {
            blocks: self,
            left: 0..self.len(),
        }
    }
}

impl<'a> IntoIterator for &'a Blocks {
    type Item = TextBlock<'a>;
    type IntoIter = BlocksIter<'a>;

    fn into_iter(self) -> BlocksIter<'a> {
        self.iter()
    }
}

/// The blocks of a [`Blocks`], in order.
#[derive(Debug, Clone)]
pub(crate) struct BlocksIter<'a> {
    blocks: &'a Blocks,
    left: Range<usize>,
}

impl<'a> Iterator for BlocksIter<'a> {
    type Item = TextBlock<'a>;

    fn next(&mut self) -> Option<TextBlock<'a>> {
        self.left.next().map(|i| self.blocks.block(i))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.left.size_hint()
    }
}

impl DoubleEndedIterator for BlocksIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.left.next_back().map(|i| self.blocks.block(i))
    }
}

impl ExactSizeIterator for BlocksIter<'_> {}

/// A byte offset as kept in [`Blocks`] (a Markdown file is far below
/// 4 GiB; [`crate::load`] reads no such file).
fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A block while its text is being gathered (blocks nest: a list item's
/// text may go on after a list inside it).
#[derive(Debug)]
struct Building {
    kind: BlockKind,
    offset: usize,
    text: String,
    pieces: Vec<Piece>,
}

/// What rendering produced and saw.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct Rendered {
    /// The HTML.
    pub html: String,
    /// Every heading, in order (on disk with its offset, which templates
    /// do not get: [`crate::persist`]).
    #[serde(with = "headings")]
    pub headings: Vec<Heading>,
    /// Every image, in order.
    pub images: Vec<Image>,
    /// Every table, in order.
    pub tables: Vec<Table>,
    /// Links that point nowhere.
    pub bad_links: Vec<BadLink>,
    /// Every link, in order.
    pub links: Vec<LinkSeen>,
    /// Raw HTML, in order.
    pub raw_html: Vec<HtmlSeen>,
    /// Every block, in order of where it starts: for the search words and
    /// the checks, which run while the body is made; a kept body has none
    /// ([`crate::render::Body::has_blocks`]), and the cache file holds none.
    #[serde(skip)]
    pub blocks: Blocks,
}

/// Collects what a reader reads ([`TextBlock`]s), links and raw HTML from
/// the events, without recursion, so any depth of nesting is fine.
#[derive(Debug, Default)]
struct Seen {
    /// Every block so far, in order of where it starts.
    blocks: Vec<Building>,
    /// Open blocks that take text: indexes into `blocks`.
    open: Vec<usize>,
    /// Inside an image (its alternative text is not running text).
    images: usize,
    /// Inside a code block.
    code: bool,
    link: Option<LinkSeen>,
    html: Option<HtmlSeen>,
}

impl Seen {
    fn start(&mut self, kind: BlockKind, offset: usize) {
        self.blocks.push(Building {
            kind,
            offset,
            text: String::new(),
            pieces: Vec::new(),
        });
        if kind != BlockKind::Other {
            self.open.push(self.blocks.len() - 1);
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if let Some(link) = self.link.as_mut() {
            link.text.push_str(text);
        }
        if self.images > 0 || self.code {
            return;
        }
        if let Some(&i) = self.open.last() {
            let block = &mut self.blocks[i];
            block.pieces.push(Piece {
                at: small(block.text.len()),
                start: small(range.start),
                end: small(range.end),
            });
            block.text.push_str(text);
        }
    }

    fn see(&mut self, out: &mut Rendered, event: &Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(Tag::Paragraph) => {
                // A list item's first paragraph is the item's own text.
                match self.open.last() {
                    Some(&i)
                        if self.blocks[i].kind == BlockKind::ListItem
                            && self.blocks[i].text.is_empty()
                            && self.blocks[i].pieces.is_empty() =>
                    {
                        self.open.push(i)
                    }
                    _ => self.start(BlockKind::Paragraph, range.start),
                }
            }
            Event::Start(Tag::Item) => self.start(BlockKind::ListItem, range.start),
            Event::Start(Tag::Heading { .. }) => self.start(BlockKind::Heading, range.start),
            Event::Start(Tag::TableCell) => self.start(BlockKind::TableCell, range.start),
            Event::Start(Tag::CodeBlock(_)) => {
                self.start(BlockKind::Other, range.start);
                self.code = true;
            }
            Event::End(TagEnd::CodeBlock) => self.code = false,
            Event::Rule => self.start(BlockKind::Other, range.start),
            Event::Start(Tag::HtmlBlock) => {
                self.start(BlockKind::Other, range.start);
                self.html = Some(HtmlSeen {
                    html: String::new(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::HtmlBlock) => out.raw_html.extend(self.html.take()),
            Event::End(
                TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_) | TagEnd::TableCell,
            ) => {
                self.open.pop();
            }
            Event::Start(Tag::Image { .. }) => self.images += 1,
            Event::End(TagEnd::Image) => self.images = self.images.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.link = Some(LinkSeen {
                    dest: dest_url.to_string(),
                    text: String::new(),
                    offset: range.start,
                });
            }
            Event::End(TagEnd::Link) => out.links.extend(self.link.take()),
            Event::Text(t) => self.text(t, range),
            Event::Code(t) => {
                if let Some(link) = self.link.as_mut() {
                    link.text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.text("\n", range),
            Event::Html(t) => match self.html.as_mut() {
                Some(h) => h.html.push_str(t),
                None => out.raw_html.push(HtmlSeen {
                    html: t.to_string(),
                    offset: range.start,
                }),
            },
            Event::InlineHtml(t) => out.raw_html.push(HtmlSeen {
                html: t.to_string(),
                offset: range.start,
            }),
            _ => {}
        }
    }
}

/// What rendering takes from the site and the theme.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings<'a> {
    /// Smart quotes become Swedish ones (”…” and ’).
    pub swedish: bool,
    /// The accessible name of the region around a table that has neither a
    /// caption nor a heading right above it; `{n}` becomes the table's number
    /// on the page (the theme's `table_unnamed`).
    pub unnamed_table: &'a str,
}

impl Settings<'_> {
    /// The name of an unnamed table when the theme has none.
    pub(crate) const UNNAMED_TABLE: &'static str = "Tabell {n}";
    /// Swedish quotes and the default name of an unnamed table.
    #[cfg(test)]
    pub(crate) const SWEDISH: Settings<'static> = Settings {
        swedish: true,
        unnamed_table: Self::UNNAMED_TABLE,
    };
}

/// The class of the region around every table.
pub(crate) const TABLE_REGION_CLASS: &str = "mb-table";

/// The name of the region around the `n`th table of a page (from 1) that
/// has no name of its own.
pub(crate) fn unnamed_table_name(format: &str, n: usize) -> String {
    format.replace("{n}", &n.to_string())
}

/// Hands out ids unique within one page, and numbers its tables.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    used: HashSet<String>,
    tables: usize,
}

impl Ids {
    /// An allocator that never hands out `reserved` (ids the theme uses).
    pub(crate) fn new(reserved: &[&str]) -> Self {
        Ids {
            used: reserved.iter().map(|s| s.to_string()).collect(),
            tables: 0,
        }
    }

    /// The number of the next table on the page, from 1.
    fn next_table(&mut self) -> usize {
        self.tables += 1;
        self.tables
    }

    /// `base` as an id, with `-2`, `-3`... when taken.
    pub(crate) fn unique(&mut self, base: &str) -> String {
        let mut base = crate::model::slugify(base);
        if base.is_empty() {
            base = "avsnitt".into();
        }
        // `mb-` is the theme's prefix for its own ids.
        if base.starts_with("mb-") {
            base.insert_str(0, "rubrik-");
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.used.insert(id.clone()))
            .expect("an unused id exists")
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Renders `markdown`. Heading and caption ids and table numbers come from
/// `ids`.
pub(crate) fn render(
    markdown: &str,
    links: &dyn Resolve,
    ids: &mut Ids,
    settings: &Settings<'_>,
) -> Rendered {
    let swedish = settings.swedish;
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    // A heading's events are held back until its text (and so its id) is known.
    let mut heading: Option<(usize, Vec<Event<'_>>)> = None;
    let mut image: Option<(usize, String, String)> = None;
    let mut seen = Seen::default();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        seen.see(&mut out, &event, range.clone());
        let event = match event {
            Event::Text(text) if swedish && text.contains(['“', '‘']) => {
                Event::Text(CowStr::from(text.replace('“', "”").replace('‘', "’")))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = rewrite(&dest_url, links, range.start, &mut out.bad_links)
                    .map_or(dest_url, CowStr::from);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                image = Some((range.start, dest_url.to_string(), String::new()));
                let dest_url = rewrite(&dest_url, links, range.start, &mut out.bad_links)
                    .map_or(dest_url, CowStr::from);
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
            other => other,
        };
        if let Some((_, _, alt)) = image.as_mut() {
            match &event {
                Event::Text(t) | Event::Code(t) => alt.push_str(t),
                Event::End(TagEnd::Image) => {
                    let (offset, dest, alt) = image.take().expect("inside an image");
                    out.images.push(Image { alt, dest, offset });
                }
                _ => {}
            }
        }
        if let Event::Start(Tag::Table(_)) = &event {
            out.tables.push(Table {
                named: false,
                offset: range.start,
            });
        }
        match (&mut heading, event) {
            (None, Event::Start(Tag::Heading { .. })) => {
                heading = Some((range.start, Vec::new()));
            }
            (Some(_), Event::End(TagEnd::Heading(level))) => {
                let (offset, inner) = heading.take().expect("inside a heading");
                let title = plain_text(&inner).trim().to_string();
                let explicit = markdown[offset..]
                    .lines()
                    .next()
                    .and_then(|l| l.trim_end().strip_suffix('}'))
                    .and_then(|l| l.rsplit_once("{#"))
                    .map(|(_, id)| id.trim().to_string());
                let id = ids.unique(explicit.as_deref().unwrap_or(&title));
                out.headings.push(Heading {
                    level: level_number(level),
                    id: id.clone(),
                    title,
                    offset,
                });
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
                events.extend(inner);
                events.push(Event::End(TagEnd::Heading(level)));
            }
            (Some((_, inner)), event) => inner.push(event),
            (None, event) => events.push(event),
        }
    }
    out.blocks = Blocks::pack(std::mem::take(&mut seen.blocks));
    spaced_links(&out.blocks, links, &mut out.bad_links);
    let prefix = marker_prefix(markdown);
    let (events, labels) = name_tables(events, ids, settings, &prefix);
    for (table, label) in out.tables.iter_mut().zip(&labels) {
        table.named = !matches!(label, TableLabel::None(_));
    }
    out.html.reserve(markdown.len() * 3 / 2);
    html::push_html(&mut out.html, events.into_iter());
    if !labels.is_empty() {
        out.html = label_tables(&out.html, &labels, &prefix);
    }
    // Kept for the whole build (and between rebuilds): no room to spare.
    out.html.shrink_to_fit();
    out.links.shrink_to_fit();
    out.headings.shrink_to_fit();
    out
}

/// How a table is named for screen readers.
#[derive(Debug, Clone, PartialEq, Eq)]
enum TableLabel {
    /// By its `<caption>` (already in the events), which has this id.
    Caption(String),
    /// By the heading with this id, right above it.
    Heading(String),
    /// Not at all; its region gets the theme's generic name, with this number.
    None(usize),
}

/// The prefixes that make a paragraph right before a table its caption.
const CAPTION_PREFIXES: &[&str] = &["Tabell:", "Table:"];

/// The start of the comments that mark tables in a page whose Markdown is
/// `markdown`: one that does not occur in it, so no comment the writer put
/// in the page can be taken for one (all other HTML is escaped, or is the
/// writer's raw HTML, which is in the Markdown).
fn marker_prefix(markdown: &str) -> String {
    let mut nonce = 0u32;
    loop {
        let prefix = format!("<!--mb-table-{nonce:x}-");
        if !markdown.contains(&prefix) {
            return prefix;
        }
        nonce += 1;
    }
}

fn marker(prefix: &str, n: usize) -> String {
    format!("{prefix}{n}-->")
}

/// Moves a `Tabell: …` paragraph right before a table into the table as its
/// caption (with an id), puts each table in its named, focusable region, and
/// marks each table (an HTML comment) so that [`label_tables`] can find it in
/// the HTML. Returns how each table is named, in order.
fn name_tables<'a>(
    events: Vec<Event<'a>>,
    ids: &mut Ids,
    settings: &Settings<'_>,
    prefix: &str,
) -> (Vec<Event<'a>>, Vec<TableLabel>) {
    if !events
        .iter()
        .any(|e| matches!(e, Event::Start(Tag::Table(_))))
    {
        return (events, Vec::new());
    }
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len() + 8);
    let mut labels = Vec::new();
    let mut caption: Option<Vec<Event<'_>>> = None;
    let mut last_heading: Option<String> = None;
    let mut events = events.into_iter().peekable();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Paragraph) => {
                let mut inner = Vec::new();
                for e in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Paragraph)) {
                        break;
                    }
                    inner.push(e);
                }
                let next_is_table = matches!(events.peek(), Some(Event::Start(Tag::Table(_))));
                match caption_text(&inner) {
                    Some(rest) if next_is_table => {
                        inner[0] = Event::Text(CowStr::from(rest));
                        caption = Some(inner);
                    }
                    _ => {
                        out.push(Event::Start(Tag::Paragraph));
                        out.extend(inner);
                        out.push(Event::End(TagEnd::Paragraph));
                    }
                }
            }
            Event::Start(Tag::Heading { ref id, .. }) => {
                last_heading = id.as_ref().map(|i| i.to_string());
                out.push(event);
            }
            Event::Start(Tag::Table(_)) => {
                let after_heading = matches!(out.last(), Some(Event::End(TagEnd::Heading(_))));
                let n = ids.next_table();
                let caption = caption.take();
                let label = match (&caption, &last_heading) {
                    (Some(inner), _) => {
                        TableLabel::Caption(ids.unique(&format!("tabell-{}", plain_text(inner))))
                    }
                    (None, Some(id)) if after_heading => TableLabel::Heading(id.clone()),
                    _ => TableLabel::None(n),
                };
                let name = match &label {
                    TableLabel::Caption(id) | TableLabel::Heading(id) => {
                        format!("aria-labelledby=\"{id}\"")
                    }
                    TableLabel::None(n) => format!(
                        "aria-label=\"{}\"",
                        escape_attribute(&unnamed_table_name(settings.unnamed_table, *n))
                    ),
                };
                out.push(Event::InlineHtml(CowStr::from(format!(
                    "<div class=\"{TABLE_REGION_CLASS}\" role=\"region\" tabindex=\"0\" {name}>"
                ))));
                out.push(Event::InlineHtml(CowStr::from(marker(
                    prefix,
                    labels.len(),
                ))));
                out.push(event);
                if let (Some(inner), TableLabel::Caption(id)) = (caption, &label) {
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<caption id=\"{id}\">"
                    ))));
                    out.extend(inner);
                    out.push(Event::InlineHtml(CowStr::from("</caption>")));
                }
                labels.push(label);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::InlineHtml(CowStr::from("</div>\n")));
            }
            other => out.push(other),
        }
    }
    (out, labels)
}

/// The text of some inline events, without markup.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            text.push_str(t);
        }
    }
    text
}

/// `text` for an HTML attribute value in double quotes.
fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The caption of a `Tabell: …` paragraph's first text, without the prefix.
fn caption_text(inner: &[Event<'_>]) -> Option<String> {
    let Some(Event::Text(first)) = inner.first() else {
        return None;
    };
    let rest = CAPTION_PREFIXES
        .iter()
        .find_map(|p| first.strip_prefix(p))?
        .trim_start()
        .to_string();
    (!rest.is_empty() || inner.len() > 1).then_some(rest)
}

/// Writes what the events cannot say into the marked tables' HTML:
/// `aria-labelledby` for a table under a heading and `scope="col"` on the
/// header cells.
fn label_tables(html: &str, labels: &[TableLabel], prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + labels.len() * 64);
    let mut rest = html;
    for (n, label) in labels.iter().enumerate() {
        let m = marker(prefix, n);
        let Some(at) = rest.find(&m) else { break };
        out.push_str(&rest[..at]);
        rest = &rest[at + m.len()..];
        let mut table = String::from("<table");
        if let TableLabel::Heading(id) = label {
            table.push_str(&format!(" aria-labelledby=\"{id}\""));
        }
        rest = rest.strip_prefix("<table").unwrap_or(rest);
        out.push_str(&table);
        let head_end = rest.find("</thead>").unwrap_or(0);
        out.push_str(
            &rest[..head_end]
                .replace("<th>", "<th scope=\"col\">")
                .replace("<th style=", "<th scope=\"col\" style="),
        );
        rest = &rest[head_end..];
    }
    out.push_str(rest);
    out
}

/// Reports as bad links the `[text](dest)` and `![alt](dest)` that stayed
/// text because `dest` has a space in it (CommonMark then makes no link, and
/// the page shows the Markdown as written; issue 11). The blocks' plain text
/// leaves code out, so `` `[a](b c)` `` is not one.
fn spaced_links(blocks: &Blocks, links: &dyn Resolve, bad: &mut Vec<BadLink>) {
    for block in blocks.iter() {
        let text = block.text;
        let mut from = 0;
        while let Some(i) = text[from..].find("](").map(|i| from + i) {
            from = i + 2;
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            let (Some(open), Some(close)) = (
                text[line_start..i].rfind('[').map(|o| line_start + o),
                text[i + 2..line_end].find(')').map(|c| i + 2 + c),
            ) else {
                continue;
            };
            let dest = text[i + 2..close].trim();
            if !dest.contains(' ') {
                continue;
            }
            let image = text[..open].ends_with('!');
            let start = if image { open - 1 } else { open };
            let (message, hint) = links.spaced(&text[start..=close], dest, image);
            bad.push(BadLink {
                message,
                hint,
                offset: block.source_offset(start),
            });
            from = close + 1;
        }
    }
}

/// The new target for a link, `None` to keep it as written.
fn rewrite(
    dest: &str,
    links: &dyn Resolve,
    offset: usize,
    bad: &mut Vec<BadLink>,
) -> Option<String> {
    match links.resolve(dest) {
        Ok(href) if href == dest => None,
        Ok(href) => Some(href),
        Err((message, hint)) => {
            bad.push(BadLink {
                message,
                hint,
                offset,
            });
            // A refused address (`javascript:`, a path on the writer's
            // computer) is never written, even where a failed build's HTML
            // is looked at.
            crate::links::is_external(dest).then(String::new)
        }
    }
}

/// `#[serde(with)]` for the headings of [`crate::markdown::Rendered`] on
/// disk, with their offsets (which the templates' serialization leaves out).
pub(crate) mod headings {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Heading;

    pub(crate) fn serialize<S: Serializer>(list: &[Heading], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            list.iter()
                .map(|h| (h.level, h.id.as_str(), h.title.as_str(), h.offset)),
        )
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Heading>, D::Error> {
        Ok(Vec::<(u8, String, String, usize)>::deserialize(d)?
            .into_iter()
            .map(|(level, id, title, offset)| Heading {
                level,
                id,
                title,
                offset,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Same;
    impl Resolve for Same {
        fn resolve(&self, dest: &str) -> Result<String, (String, String)> {
            match dest {
                "missing.md" => Err(("no such page".into(), "fix it".into())),
                "a.md" => Ok("../a/index.html".into()),
                d => Ok(d.to_string()),
            }
        }
    }

    fn html(md: &str) -> String {
        render(md, &Same, &mut Ids::new(&["main"]), &Settings::SWEDISH).html
    }

    #[test]
    fn cases() {
        let cases = [
            (
                "## Mål och syfte\n",
                "<h2 id=\"mal-och-syfte\">Mål och syfte</h2>\n",
            ),
            ("## Main\n", "<h2 id=\"main-2\">Main</h2>\n"),
            ("## MB toc\n", "<h2 id=\"rubrik-mb-toc\">MB toc</h2>\n"),
            (
                "## A\n\n## A\n",
                "<h2 id=\"a\">A</h2>\n<h2 id=\"a-2\">A</h2>\n",
            ),
            ("## Egen {#egen-id}\n", "<h2 id=\"egen-id\">Egen</h2>\n"),
            (
                "Se [A](a.md).\n",
                "<p>Se <a href=\"../a/index.html\">A</a>.</p>\n",
            ),
            (
                "\"Nära vård\" och 'tillit'\n",
                "<p>”Nära vård” och ’tillit’</p>\n",
            ),
            ("~~bort~~\n", "<p><del>bort</del></p>\n"),
            ("Fem -- sex\n", "<p>Fem – sex</p>\n"),
        ];
        for (md, want) in cases {
            assert_eq!(html(md), want, "{md}");
        }
    }

    #[test]
    fn tables_get_captions_and_header_scopes() {
        let cases = [
            (
                "Tabell: Nyckeltal *per år*\n\n| A | B |\n|---|--:|\n| 1 | 2 |\n",
                "<div class=\"mb-table\" role=\"region\" tabindex=\"0\" aria-labelledby=\"tabell-nyckeltal-per-ar\"><table><caption id=\"tabell-nyckeltal-per-ar\">Nyckeltal <em>per år</em></caption><thead><tr><th scope=\"col\">A</th><th scope=\"col\" style=\"text-align: right\">B</th></tr></thead><tbody>\n<tr><td>1</td><td style=\"text-align: right\">2</td></tr>\n</tbody></table>\n</div>\n",
            ),
            (
                "## Mål\n\n| A |\n|---|\n| 1 |\n",
                "<h2 id=\"mal\">Mål</h2>\n<div class=\"mb-table\" role=\"region\" tabindex=\"0\" aria-labelledby=\"mal\"><table aria-labelledby=\"mal\"><thead><tr><th scope=\"col\">A</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table>\n</div>\n",
            ),
            (
                "## Mål\n\nText.\n\n| A |\n|---|\n| 1 |\n\nText.\n",
                "<h2 id=\"mal\">Mål</h2>\n<p>Text.</p>\n<div class=\"mb-table\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell 1\"><table><thead><tr><th scope=\"col\">A</th></tr></thead><tbody>\n<tr><td>1</td></tr>\n</tbody></table>\n</div>\n<p>Text.</p>\n",
            ),
            // Not right before a table: an ordinary paragraph.
            (
                "Tabell: ingen\n\nText.\n",
                "<p>Tabell: ingen</p>\n<p>Text.</p>\n",
            ),
        ];
        for (md, want) in cases {
            assert_eq!(html(md), want, "{md}");
        }
        let r = render(
            "| A |\n|---|\n| 1 |\n\nTable: B\n\n| B |\n|---|\n| 2 |\n",
            &Same,
            &mut Ids::default(),
            &Settings::SWEDISH,
        );
        let named: Vec<bool> = r.tables.iter().map(|t| t.named).collect();
        assert_eq!(named, [false, true]);
        assert_eq!(r.tables[1].offset, 29);
    }

    #[test]
    fn a_comment_like_the_table_markers_in_the_text_stays_text() {
        // A writer's own `<!--mb-table-0-->` (raw HTML, kept as written) is
        // not taken for the mark of the table after it.
        for comment in ["<!--mb-table-0-->", "<!--mb-table-0-0-->"] {
            let md = format!("{comment}\n\n## Mål\n\n| A |\n|---|\n| 1 |\n");
            let out = html(&md);
            assert!(out.starts_with(comment), "{out}");
            assert!(
                out.contains("<table aria-labelledby=\"mal\"><thead><tr><th scope=\"col\">A</th>"),
                "{out}"
            );
            assert_eq!(out.matches("<table").count(), 1, "{out}");
            assert!(!out.contains("mb-table-1"), "{out}");
        }
    }

    #[test]
    fn table_regions_are_named_and_numbered_on_the_page() {
        // The number counts every table of the page, across the renders that
        // share the page's ids; the theme's words are escaped.
        let mut ids = Ids::default();
        let settings = Settings {
            swedish: true,
            unnamed_table: "Tabell {n} & \"mer\"",
        };
        let first = render("| A |\n|---|\n| 1 |\n", &Same, &mut ids, &settings);
        let second = render(
            "Tabell: Namn\n\n| B |\n|---|\n| 2 |\n\n| C |\n|---|\n| 3 |\n\n## Namn\n",
            &Same,
            &mut ids,
            &settings,
        );
        assert!(
            first
                .html
                .starts_with("<div class=\"mb-table\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell 1 &amp; &quot;mer&quot;\"><table>"),
            "{}",
            first.html
        );
        let regions: Vec<&str> = second
            .html
            .lines()
            .filter(|l| l.starts_with("<div"))
            .collect();
        assert_eq!(
            regions,
            [
                "<div class=\"mb-table\" role=\"region\" tabindex=\"0\" aria-labelledby=\"tabell-namn\"><table><caption id=\"tabell-namn\">Namn</caption><thead><tr><th scope=\"col\">B</th></tr></thead><tbody>",
                "<div class=\"mb-table\" role=\"region\" tabindex=\"0\" aria-label=\"Tabell 3 &amp; &quot;mer&quot;\"><table><thead><tr><th scope=\"col\">C</th></tr></thead><tbody>",
            ]
        );
        // A heading's id comes first; the caption's id does not take it.
        assert!(second.html.contains("<h2 id=\"namn\">"), "{}", second.html);
        assert_eq!(second.html.matches("</table>\n</div>\n").count(), 2);
    }

    #[test]
    fn tables_and_footnotes() {
        let got = html("| A | B |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Not.\n");
        assert!(got.contains("<table>"), "{got}");
        assert!(got.contains("footnote-definition"), "{got}");
    }

    // See: issue 11 (a target with a space is no link, and was published as
    // Markdown).
    #[test]
    fn targets_with_spaces() {
        let bad = |md: &str| {
            let r = render(md, &Same, &mut Ids::default(), &Settings::SWEDISH);
            r.bad_links.iter().map(|b| b.offset).collect::<Vec<_>>()
        };
        assert_eq!(bad("Se [a](b c).\n"), [3]);
        assert_eq!(bad("x ![karta](bilder/karta g.png)\n"), [2]);
        assert_eq!(bad("- [a](b c) och [d](e f)\n"), [2, 15]);
        assert!(bad("`[a](b c)`\n").is_empty());
        assert!(bad("[a](<b c>) och [d](e.md) (se f)\n").is_empty());
        assert!(bad("```\n[a](b c)\n```\n").is_empty());
    }

    #[test]
    fn reports_headings_images_and_bad_links() {
        let r = render(
            "# Ett\n\n![](bild.png)\n\n[x](missing.md)\n",
            &Same,
            &mut Ids::default(),
            &Settings::SWEDISH,
        );
        assert_eq!(r.headings[0].level, 1);
        assert_eq!(r.images[0].alt, "");
        assert_eq!(r.images[0].offset, 7);
        assert_eq!(r.bad_links.len(), 1);
        assert_eq!(r.bad_links[0].offset, 22);
    }
}
