//! A Word file (`.docx`: a zip of XML parts) read into a small document
//! model: paragraphs with their heading level and list place, runs with bold,
//! italic and link, tables, images, footnotes, and what a person must review
//! (tracked changes, comments, what cannot be converted).
//!
//! It reads only; it knows nothing of publications or Markdown (see
//! `map.rs` and `write.rs`). Tracked changes are read as the text was before
//! them: deleted text is kept and inserted text dropped.

use std::collections::HashMap;
use std::io::{Read, Seek};

use anyhow::Result;
use quick_xml::events::Event;

use super::words;

/// One inline piece of a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    /// Text with its formatting.
    Text {
        /// The characters.
        text: String,
        /// Bold.
        bold: bool,
        /// Italic.
        italic: bool,
        /// The link's address.
        link: Option<String>,
    },
    /// A line break inside the paragraph.
    Break,
    /// A footnote reference: its place in [`Document::footnotes`].
    Footnote(usize),
    /// An image: its index in [`Document::images`].
    Image(usize),
}

/// Where a paragraph is in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListItem {
    /// Numbered (true) or bulleted.
    pub ordered: bool,
    /// 0 for the outermost level.
    pub level: usize,
    /// Word's list (`w:numId`): another one starts a new Markdown list.
    pub num_id: String,
}

/// A paragraph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Para {
    /// 1-based number of the paragraph in the document body.
    pub number: usize,
    /// `Some(0)` for a title, `Some(n)` for a heading of level n.
    pub heading: Option<usize>,
    /// Its place in a list, from the numbering.
    pub list: Option<ListItem>,
    /// Whether its style is Word's Caption (Beskrivning in Swedish Word).
    pub caption: bool,
    /// Its content.
    pub inlines: Vec<Inline>,
}

impl Para {
    /// Its text without formatting.
    pub(crate) fn text(&self) -> String {
        let mut s = String::new();
        for i in &self.inlines {
            match i {
                Inline::Text { text, .. } => s.push_str(text),
                Inline::Break => s.push(' '),
                _ => {}
            }
        }
        s.trim().to_string()
    }
}

/// A table: rows of cells, each cell its paragraphs.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// Number of the paragraph before it, for the report.
    pub number: usize,
    /// The rows; the first is the header row.
    pub rows: Vec<Vec<Vec<Para>>>,
}

/// A block of the body.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(Table),
}

/// An image of the document.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    /// Its file name, e.g. `image1.png`.
    pub name: String,
    /// Its bytes.
    pub data: Vec<u8>,
    /// The description (alt text), or the title; empty when it has neither.
    pub alt: String,
    /// The paragraph it is in.
    pub number: usize,
}

/// Something a person must look at, found while reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The paragraph it is in.
    pub number: usize,
    /// What it is, in words for the report.
    pub what: String,
}

/// The document as `import` needs it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    /// The core property `title`.
    pub title: Option<String>,
    /// The `Company` of `docProps/app.xml`, else the core `creator`... only
    /// when there is no company, nothing.
    pub company: Option<String>,
    /// The core `created` date, `YYYY-MM-DD`.
    pub created: Option<String>,
    /// The core `description` (Word's "Comments" property) or `subject`.
    pub description: Option<String>,
    /// The body.
    pub blocks: Vec<Block>,
    /// Footnote texts, in the order they are referenced.
    pub footnotes: Vec<Vec<Inline>>,
    /// Images, in order.
    pub images: Vec<Image>,
    /// Tracked changes, comments and what could not be converted.
    pub findings: Vec<Finding>,
}

/// What kind of file `bytes` is, when it is not a Word document: the
/// message of the error, in Swedish. `None` for a zip file.
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    const CFB: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&CFB) {
        // A compound file's directory holds its stream names in UTF-16LE.
        let has = |name: &str| {
            let utf16: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.windows(utf16.len()).any(|w| w == utf16.as_slice())
        };
        return Some(if has("EncryptedPackage") {
            words::encrypted()
        } else if has("WordDocument") {
            words::old_doc()
        } else {
            words::not_word()
        });
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return None;
    }
    Some(words::not_word())
}

/// A tiny XML tree: enough to walk Word's parts.
#[derive(Debug, Clone, Default)]
pub struct El {
    /// The qualified name, e.g. `w:p`.
    pub name: String,
    /// Attributes by qualified name.
    pub attrs: Vec<(String, String)>,
    /// Child elements and text.
    pub children: Vec<Node>,
}

/// A child of an [`El`].
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    El(El),
    /// Text.
    Text(String),
}

impl El {
    /// The value of attribute `name`.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Child elements.
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element called `name`.
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }

    /// The first descendant called `name`, depth first.
    pub fn find(&self, name: &str) -> Option<&El> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// All text inside, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::El(e) => s.push_str(&e.text()),
            }
        }
        s
    }

    /// `w:val` of the child `name`.
    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }
}

/// Image formats a browser shows.
const WEB_IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// How deep elements may nest; Word's own files stay far below.
const MAX_DEPTH: usize = 256;

/// The most bytes read from one part of the zip (a zip bomb stops here).
const MAX_PART: u64 = 256 * 1024 * 1024;

/// Parses XML text into its root element.
pub fn parse_xml(text: &str) -> Result<El, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<El> = vec![El::default()];
    let open = |e: &quick_xml::events::BytesStart<'_>| -> Result<El, String> {
        let mut el = El {
            name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
            ..El::default()
        };
        for a in e.attributes() {
            let a = a.map_err(|e| e.to_string())?;
            let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
            let value = a.unescape_value().map_err(|e| e.to_string())?.into_owned();
            el.attrs.push((key, value));
        }
        Ok(el)
    };
    let push_text = |stack: &mut Vec<El>, t: &str| {
        if let Some(top) = stack.last_mut() {
            if let Some(Node::Text(last)) = top.children.last_mut() {
                last.push_str(t);
            } else {
                top.children.push(Node::Text(t.to_string()));
            }
        }
    };
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                // The tree is walked recursively: a hostile file must not
                // nest deep enough to overflow the stack.
                if stack.len() > MAX_DEPTH {
                    return Err(format!("more than {MAX_DEPTH} nested elements"));
                }
                stack.push(open(&e)?)
            }
            Event::Empty(e) => {
                let el = open(&e)?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::El(el));
                }
            }
            Event::End(_) => {
                let el = stack.pop().ok_or("unbalanced")?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::El(el)),
                    None => return Err("unbalanced".into()),
                }
            }
            Event::Text(t) => {
                let t = t.decode().map_err(|e| e.to_string())?;
                push_text(&mut stack, &t);
            }
            Event::CData(t) => {
                let t = String::from_utf8_lossy(&t).into_owned();
                push_text(&mut stack, &t);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| e.to_string())?;
                        match name.as_ref() {
                            "amp" => "&",
                            "lt" => "<",
                            "gt" => ">",
                            "quot" => "\"",
                            "apos" => "'",
                            _ => "",
                        }
                        .to_string()
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut root = stack.pop().ok_or("unbalanced")?;
    if !stack.is_empty() {
        return Err("unbalanced".into());
    }
    root.children.retain(|n| matches!(n, Node::El(_)));
    match root.children.pop() {
        Some(Node::El(el)) => Ok(el),
        _ => Err("empty".into()),
    }
}

/// The zip archive, read part by part.
struct Package<R> {
    zip: zip::ZipArchive<R>,
}

impl<R: Read + Seek> Package<R> {
    fn bytes(&mut self, name: &str) -> Option<Vec<u8>> {
        let file = self.zip.by_name(name).ok()?;
        let mut out = Vec::new();
        file.take(MAX_PART).read_to_end(&mut out).ok()?;
        Some(out)
    }

    fn xml(&mut self, name: &str) -> Result<Option<El>, String> {
        match self.bytes(name) {
            None => Ok(None),
            Some(b) => {
                let text = String::from_utf8_lossy(&b);
                parse_xml(&text)
                    .map(Some)
                    .map_err(|e| format!("{name}: {e}"))
            }
        }
    }
}

/// Heading level (0 = title) and list formats, from styles.xml and
/// numbering.xml.
#[derive(Default)]
struct Styles {
    /// style id -> (w:name, basedOn, outlineLvl, numPr (numId, ilvl))
    styles: HashMap<String, StyleDef>,
    /// numId -> abstractNumId
    nums: HashMap<String, String>,
    /// (abstractNumId, ilvl) -> numFmt
    formats: HashMap<(String, usize), String>,
}

#[derive(Default, Clone)]
struct StyleDef {
    name: String,
    based_on: Option<String>,
    outline: Option<usize>,
    num: Option<(String, Option<usize>)>,
}

/// The heading level a style name or id stands for: `heading 1`,
/// `Heading1`, `Rubrik1` -> 1; `Title`, `Rubrik` -> 0.
fn builtin_level(word: &str) -> Option<usize> {
    let w = word.to_lowercase().replace(' ', "");
    if w == "title" || w == "rubrik" {
        return Some(0);
    }
    for prefix in ["heading", "rubrik"] {
        if let Some(n) = w.strip_prefix(prefix)
            && let Ok(n) = n.parse::<usize>()
            && (1..=9).contains(&n)
        {
            return Some(n);
        }
    }
    None
}

impl Styles {
    fn read(styles: Option<El>, numbering: Option<El>) -> Styles {
        let mut out = Styles::default();
        if let Some(styles) = styles {
            for s in styles.elements().filter(|e| e.name == "w:style") {
                let Some(id) = s.attr("w:styleId") else {
                    continue;
                };
                let ppr = s.child("w:pPr");
                let def = StyleDef {
                    name: s.val("w:name").unwrap_or_default().to_string(),
                    based_on: s.val("w:basedOn").map(str::to_string),
                    outline: ppr
                        .and_then(|p| p.val("w:outlineLvl"))
                        .and_then(|v| v.parse().ok()),
                    num: ppr.and_then(|p| p.child("w:numPr")).and_then(|n| {
                        Some((
                            n.val("w:numId")?.to_string(),
                            n.val("w:ilvl").and_then(|v| v.parse().ok()),
                        ))
                    }),
                };
                out.styles.insert(id.to_string(), def);
            }
        }
        if let Some(numbering) = numbering {
            for e in numbering.elements() {
                if e.name == "w:abstractNum" {
                    let Some(id) = e.attr("w:abstractNumId") else {
                        continue;
                    };
                    for lvl in e.elements().filter(|l| l.name == "w:lvl") {
                        let level = lvl.attr("w:ilvl").and_then(|v| v.parse().ok());
                        if let (Some(level), Some(fmt)) = (level, lvl.val("w:numFmt")) {
                            out.formats.insert((id.to_string(), level), fmt.to_string());
                        }
                    }
                } else if e.name == "w:num"
                    && let (Some(num), Some(abs)) = (e.attr("w:numId"), e.val("w:abstractNumId"))
                {
                    out.nums.insert(num.to_string(), abs.to_string());
                }
            }
        }
        out
    }

    /// The chain of a style and the styles it is based on.
    fn chain(&self, id: &str) -> Vec<(&str, &StyleDef)> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            if out.len() > 20 || out.iter().any(|(seen, _)| *seen == id) {
                break;
            }
            match self.styles.get_key_value(id) {
                Some((k, def)) => {
                    out.push((k.as_str(), def));
                    next = def.based_on.as_deref();
                }
                None => break,
            }
        }
        out
    }

    /// The heading level of a paragraph style: by built-in name or id,
    /// through `w:basedOn`, or by outline level.
    fn heading(&self, id: &str) -> Option<usize> {
        if let Some(n) = builtin_level(id) {
            return Some(n);
        }
        for (sid, def) in self.chain(id) {
            if let Some(n) = builtin_level(&def.name).or_else(|| builtin_level(sid)) {
                return Some(n);
            }
            if let Some(o) = def.outline {
                return (o < 9).then_some(o + 1);
            }
        }
        None
    }

    /// Whether a paragraph style is one of Word's table-of-contents styles
    /// (`toc 1` …, `TOC Heading`; Swedish Word's ids are `Innehll1` …).
    fn toc(&self, id: &str) -> bool {
        let is = |w: &str| {
            let w = w.to_lowercase().replace(' ', "");
            w == "tocheading"
                || w == "innehållsförteckningsrubrik"
                || ["toc", "innehll", "innehåll", "förteckning"]
                    .iter()
                    .any(|p| {
                        w.strip_prefix(p)
                            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                    })
        };
        is(id) || self.chain(id).iter().any(|(sid, d)| is(sid) || is(&d.name))
    }

    /// Whether a paragraph style is Word's built-in Caption, or based on it.
    fn caption(&self, id: &str) -> bool {
        let is = |w: &str| {
            matches!(
                w.to_lowercase().as_str(),
                "caption" | "beskrivning" | "bildtext"
            )
        };
        is(id) || self.chain(id).iter().any(|(sid, d)| is(sid) || is(&d.name))
    }

    fn style_num(&self, id: &str) -> Option<(String, Option<usize>)> {
        self.chain(id).into_iter().find_map(|(_, d)| d.num.clone())
    }

    fn ordered(&self, num_id: &str, level: usize) -> Option<bool> {
        let abs = self.nums.get(num_id)?;
        let fmt = self.formats.get(&(abs.clone(), level))?;
        match fmt.as_str() {
            "none" => None,
            "bullet" => Some(false),
            _ => Some(true),
        }
    }
}

/// Reading state over the body.
struct Reader<'a> {
    styles: Styles,
    rels: HashMap<String, String>,
    notes_xml: HashMap<String, El>,
    comments: HashMap<String, String>,
    media: &'a mut dyn FnMut(&str) -> Option<Vec<u8>>,
    doc: Document,
    number: usize,
    seen_comments: Vec<String>,
    /// Complex fields open at this point (`w:fldChar` begin … end, which may
    /// span runs and paragraphs): their instruction, and whether their
    /// result has started.
    fields: Vec<(String, bool)>,
}

fn on(el: Option<&El>) -> Option<bool> {
    el.map(|e| !matches!(e.attr("w:val"), Some("0" | "false" | "off")))
}

impl Reader<'_> {
    fn finding(&mut self, what: String) {
        let f = Finding {
            number: self.number,
            what,
        };
        if !self.doc.findings.contains(&f) {
            self.doc.findings.push(f);
        }
    }

    fn body(&mut self, body: &El) -> Vec<Block> {
        let mut blocks = Vec::new();
        for e in body.elements() {
            match e.name.as_str() {
                "w:p" => {
                    self.number += 1;
                    let p = self.para(e);
                    let style = e
                        .child("w:pPr")
                        .and_then(|p| p.val("w:pStyle"))
                        .unwrap_or("Normal");
                    if self.styles.toc(style) {
                        // The site makes its own table of contents.
                        if !self.doc.findings.iter().any(|f| f.what == words::toc()) {
                            self.finding(words::toc().to_string());
                        }
                        continue;
                    }
                    blocks.push(Block::Para(p));
                }
                "w:tbl" => {
                    let t = self.table(e);
                    blocks.push(Block::Table(t));
                }
                "w:sdt" => {
                    if let Some(content) = e.child("w:sdtContent") {
                        blocks.extend(self.body(content));
                    }
                }
                // A whole paragraph inserted while tracking changes: not
                // there before the change.
                "w:ins" | "w:moveTo" => {
                    self.finding(words::inserted(&e.text()));
                }
                "w:del" | "w:moveFrom" => blocks.extend(self.body(e)),
                _ => {}
            }
        }
        blocks
    }

    fn table(&mut self, tbl: &El) -> Table {
        let mut table = Table {
            number: self.number,
            rows: Vec::new(),
        };
        for tr in tbl.elements().filter(|e| e.name == "w:tr") {
            let mut row = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "w:tc") {
                let mut cell = Vec::new();
                for p in tc.elements() {
                    if p.name == "w:p" {
                        self.number += 1;
                        let para = self.para(p);
                        cell.push(para);
                    } else if p.name == "w:tbl" {
                        self.finding(words::nested_table());
                    }
                }
                row.push(cell);
            }
            table.rows.push(row);
        }
        table
    }

    fn para(&mut self, p: &El) -> Para {
        let mut para = Para {
            number: self.number,
            ..Para::default()
        };
        let ppr = p.child("w:pPr");
        let style = ppr.and_then(|p| p.val("w:pStyle")).unwrap_or("Normal");
        para.heading = self.styles.heading(style);
        para.caption = self.styles.caption(style);
        if let Some(o) = ppr
            .and_then(|p| p.val("w:outlineLvl"))
            .and_then(|v| v.parse::<usize>().ok())
        {
            para.heading = (o < 9).then_some(o + 1);
        }
        let num = ppr
            .and_then(|p| p.child("w:numPr"))
            .map(|n| {
                (
                    n.val("w:numId").map(str::to_string),
                    n.val("w:ilvl").and_then(|v| v.parse::<usize>().ok()),
                )
            })
            .or_else(|| {
                self.styles
                    .style_num(style)
                    .map(|(id, lvl)| (Some(id), lvl))
            });
        if para.heading.is_none()
            && let Some((Some(num_id), level)) = num
            && num_id != "0"
        {
            let level = level.unwrap_or(0);
            if let Some(ordered) = self.styles.ordered(&num_id, level) {
                para.list = Some(ListItem {
                    ordered,
                    level,
                    num_id: num_id.clone(),
                });
            }
        }
        let mut inlines = Vec::new();
        self.inlines(p, None, &mut inlines);
        para.inlines = inlines;
        para
    }

    fn inlines(&mut self, el: &El, link: Option<&str>, out: &mut Vec<Inline>) {
        for e in el.elements() {
            match e.name.as_str() {
                "w:r" => self.run(e, link, out),
                "w:hyperlink" => {
                    let target = e
                        .attr("r:id")
                        .and_then(|id| self.rels.get(id).cloned())
                        .or_else(|| e.attr("w:anchor").map(|a| format!("#{a}")));
                    // Links inside the document (bookmarks) have no page to
                    // go to: their text stays.
                    let target = target.filter(|t| !t.starts_with('#'));
                    self.inlines(e, target.as_deref(), out);
                }
                "w:ins" | "w:moveTo" => {
                    let text = e.text();
                    self.finding(words::inserted(&text));
                }
                "w:del" | "w:moveFrom" => {
                    let mut before = Vec::new();
                    self.inlines(e, link, &mut before);
                    let text: String = before
                        .iter()
                        .map(|i| match i {
                            Inline::Text { text, .. } => text.as_str(),
                            _ => "",
                        })
                        .collect();
                    self.finding(words::deleted(&text));
                    out.extend(before);
                }
                "w:fldSimple" => {
                    self.fields
                        .push((e.attr("w:instr").unwrap_or_default().to_string(), true));
                    let field_link = self.field_link();
                    self.inlines(e, link.or(field_link.as_deref()), out);
                    self.fields.pop();
                }
                "w:smartTag" | "w:customXml" | "w:sdt" | "w:sdtContent" => {
                    self.inlines(e, link, out)
                }
                "w:commentRangeStart" => {
                    if let Some(id) = e.attr("w:id") {
                        self.comment(id);
                    }
                }
                "m:oMath" | "m:oMathPara" => self.finding(words::equation()),
                _ => {}
            }
        }
    }

    fn comment(&mut self, id: &str) {
        if self.seen_comments.iter().any(|s| s == id) {
            return;
        }
        self.seen_comments.push(id.to_string());
        let text = self.comments.get(id).cloned().unwrap_or_default();
        self.finding(words::comment(&text));
    }

    /// The address of the innermost `HYPERLINK "…"` field whose result we
    /// are in (Word writes pasted links so).
    fn field_link(&self) -> Option<String> {
        self.fields.iter().rev().find_map(|(instr, in_result)| {
            let rest = instr.trim().strip_prefix("HYPERLINK")?;
            if !in_result || rest.contains("\\l") {
                return None;
            }
            let url = rest.trim().trim_start_matches('"');
            let url = url.split('"').next()?.trim();
            (!url.is_empty()).then(|| url.to_string())
        })
    }

    /// Whether we are in a field's instruction (not shown) rather than in
    /// its result.
    fn in_field_code(&self) -> bool {
        self.fields.last().is_some_and(|(_, in_result)| !in_result)
    }

    fn run(&mut self, r: &El, link: Option<&str>, out: &mut Vec<Inline>) {
        let field_link = self.field_link();
        let link = link.or(field_link.as_deref());
        let in_code = self.in_field_code();
        let rpr = r.child("w:rPr");
        let bold = on(rpr.and_then(|p| p.child("w:b"))).unwrap_or(false);
        let italic = on(rpr.and_then(|p| p.child("w:i"))).unwrap_or(false);
        let push = |out: &mut Vec<Inline>, t: &str| {
            if let Some(Inline::Text {
                text,
                bold: b,
                italic: i,
                link: l,
            }) = out.last_mut()
                && *b == bold
                && *i == italic
                && l.as_deref() == link
            {
                text.push_str(t);
                return;
            }
            out.push(Inline::Text {
                text: t.to_string(),
                bold,
                italic,
                link: link.map(str::to_string),
            });
        };
        for e in r.elements() {
            match e.name.as_str() {
                "w:t" | "w:delText" if !in_code => push(out, &e.text()),
                "w:fldChar" => match e.attr("w:fldCharType") {
                    Some("begin") => self.fields.push((String::new(), false)),
                    Some("separate") => {
                        if let Some(top) = self.fields.last_mut() {
                            top.1 = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "w:instrText" => {
                    if let Some(top) = self.fields.last_mut() {
                        top.0.push_str(&e.text());
                    }
                }
                "w:tab" => push(out, " "),
                "w:noBreakHyphen" => push(out, "-"),
                "w:br" | "w:cr" => {
                    if e.attr("w:type") == Some("page") {
                        continue;
                    }
                    out.push(Inline::Break)
                }
                "w:footnoteReference" => {
                    if let Some(id) = e.attr("w:id")
                        && let Some(note) = self.notes_xml.get(id).cloned()
                    {
                        let mut inl = Vec::new();
                        for p in note.elements().filter(|p| p.name == "w:p") {
                            if !inl.is_empty() {
                                inl.push(Inline::Text {
                                    text: " ".into(),
                                    bold: false,
                                    italic: false,
                                    link: None,
                                });
                            }
                            self.inlines(p, None, &mut inl);
                        }
                        trim_start(&mut inl);
                        self.doc.footnotes.push(inl);
                        out.push(Inline::Footnote(self.doc.footnotes.len() - 1));
                    }
                }
                "w:endnoteReference" => self.finding(words::endnote()),
                "w:commentReference" => {
                    if let Some(id) = e.attr("w:id") {
                        self.comment(id);
                    }
                }
                "w:drawing" => self.drawing(e, out),
                "w:pict" | "w:object" => {
                    if e.find("w:txbxContent").is_some() {
                        self.finding(words::text_box(&e.text()));
                    } else if let Some(img) = e.find("v:imagedata") {
                        let rel = img.attr("r:id").map(str::to_string);
                        let alt = e
                            .find("v:shape")
                            .and_then(|s| s.attr("alt"))
                            .unwrap_or_default()
                            .to_string();
                        self.image(rel.as_deref(), alt, out);
                    } else {
                        self.finding(words::unknown_object());
                    }
                }
                "mc:AlternateContent" => {
                    // Word writes a new form and an old one: read the new.
                    if let Some(choice) = e.child("mc:Choice") {
                        let fake = El {
                            name: "w:r".into(),
                            attrs: Vec::new(),
                            children: choice.children.clone(),
                        };
                        self.run(&fake, link, out);
                    }
                }
                _ => {}
            }
        }
    }

    fn drawing(&mut self, d: &El, out: &mut Vec<Inline>) {
        let graphic = d.find("a:graphicData");
        let uri = graphic.and_then(|g| g.attr("uri")).unwrap_or_default();
        if uri.ends_with("/chart") || d.find("c:chart").is_some() {
            return self.finding(words::chart());
        }
        if uri.ends_with("/diagram") || d.find("dgm:relIds").is_some() {
            return self.finding(words::smartart());
        }
        if d.find("w:txbxContent").is_some() {
            return self.finding(words::text_box(
                &d.find("w:txbxContent").map(El::text).unwrap_or_default(),
            ));
        }
        let Some(blip) = d.find("a:blip") else {
            return self.finding(words::unknown_object());
        };
        let doc_pr = d.find("wp:docPr");
        let alt = doc_pr
            .and_then(|p| p.attr("descr").filter(|s| !s.trim().is_empty()))
            .or_else(|| doc_pr.and_then(|p| p.attr("title")))
            .unwrap_or_default()
            .trim()
            .to_string();
        let rel = blip.attr("r:embed").map(str::to_string);
        self.image(rel.as_deref(), alt, out);
    }

    fn image(&mut self, rel: Option<&str>, alt: String, out: &mut Vec<Inline>) {
        let Some(target) = rel.and_then(|r| self.rels.get(r)).cloned() else {
            return self.finding(words::linked_image());
        };
        let part = if let Some(abs) = target.strip_prefix('/') {
            abs.to_string()
        } else {
            format!("word/{target}")
        };
        let Some(data) = (self.media)(&part) else {
            return self.finding(words::linked_image());
        };
        // The name comes from inside the file: only a plain name with an
        // image's extension goes into the publication folder (never `x.md`
        // or `..`).
        let file = part.rsplit('/').next().unwrap_or_default();
        let (stem, ext) = file.rsplit_once('.').unwrap_or((file, ""));
        let ext = ext.to_ascii_lowercase();
        if !WEB_IMAGES.contains(&ext.as_str()) {
            return self.finding(words::image_format(file));
        }
        let stem = crate::model::slugify(stem);
        let stem = if stem.is_empty() {
            "bild".to_string()
        } else {
            stem
        };
        let mut name = format!("{stem}.{ext}");
        let mut n = 2;
        while self
            .doc
            .images
            .iter()
            .any(|i| i.name == name && i.data != data)
        {
            name = format!("{stem}-{n}.{ext}");
            n += 1;
        }
        self.doc.images.push(Image {
            name,
            data,
            alt,
            number: self.number,
        });
        out.push(Inline::Image(self.doc.images.len() - 1));
    }
}

fn trim_start(inlines: &mut Vec<Inline>) {
    while let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        let t = text.trim_start().to_string();
        if t.is_empty() {
            inlines.remove(0);
        } else {
            *text = t;
            break;
        }
    }
}

/// Reads a `.docx` from its bytes. The error is a Swedish sentence naming
/// what is wrong (the caller adds the file name and what to do).
pub(crate) fn read(bytes: &[u8]) -> Result<Document, String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| words::not_word().to_string())?;
    let mut pkg = Package { zip };
    let Some(body_root) = pkg.xml("word/document.xml")? else {
        return Err(words::not_word().to_string());
    };
    let styles = Styles::read(pkg.xml("word/styles.xml")?, pkg.xml("word/numbering.xml")?);
    let mut rels = HashMap::new();
    if let Some(r) = pkg.xml("word/_rels/document.xml.rels")? {
        for rel in r.elements() {
            if let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) {
                rels.insert(id.to_string(), target.to_string());
            }
        }
    }
    let mut notes_xml = HashMap::new();
    if let Some(notes) = pkg.xml("word/footnotes.xml")? {
        for n in notes.elements().filter(|n| n.name == "w:footnote") {
            if let Some(id) = n.attr("w:id") {
                notes_xml.insert(id.to_string(), n.clone());
            }
        }
    }
    let mut comments = HashMap::new();
    if let Some(c) = pkg.xml("word/comments.xml")? {
        for n in c.elements().filter(|n| n.name == "w:comment") {
            if let Some(id) = n.attr("w:id") {
                let author = n.attr("w:author").unwrap_or_default();
                let text = n.text();
                let text = if author.is_empty() {
                    text
                } else {
                    format!("{author}: {text}")
                };
                comments.insert(id.to_string(), text.trim().to_string());
            }
        }
    }
    let mut doc = Document::default();
    if let Some(core) = pkg.xml("docProps/core.xml")? {
        let get = |name: &str| {
            core.child(name)
                .map(|e| e.text().trim().to_string())
                .filter(|t| !t.is_empty())
        };
        doc.title = get("dc:title");
        doc.description = get("dc:description").or_else(|| get("dc:subject"));
        doc.created = get("dcterms:created")
            .and_then(|d| d.get(..10).map(str::to_string))
            .filter(|d| d.as_bytes().get(4) == Some(&b'-'));
    }
    if let Some(app) = pkg.xml("docProps/app.xml")? {
        doc.company = app
            .child("Company")
            .map(|c| c.text().trim().to_string())
            .filter(|c| !c.is_empty());
    }
    let Some(body) = body_root.child("w:body") else {
        return Err(words::not_word().to_string());
    };
    let mut media = |name: &str| pkg.bytes(name);
    let mut reader = Reader {
        styles,
        rels,
        notes_xml,
        comments,
        media: &mut media,
        doc,
        number: 0,
        seen_comments: Vec::new(),
        fields: Vec::new(),
    };
    let blocks = reader.body(body);
    reader.doc.blocks = blocks;
    Ok(reader.doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_heading_levels_by_builtin_identity() {
        assert_eq!(builtin_level("heading 1"), Some(1));
        assert_eq!(builtin_level("Heading2"), Some(2));
        assert_eq!(builtin_level("Rubrik1"), Some(1));
        assert_eq!(builtin_level("Title"), Some(0));
        assert_eq!(builtin_level("Normal"), None);
        assert_eq!(builtin_level("Rubrik 1 Char"), None);
    }

    #[test]
    fn import_heading_styles_by_id_name_based_on_and_outline_level() {
        let styles = parse_xml(
            r#"<w:styles>
              <w:style w:styleId="Rubrik1"><w:name w:val="Min rubrik"/></w:style>
              <w:style w:styleId="a1"><w:name w:val="heading 2"/></w:style>
              <w:style w:styleId="Egen"><w:name w:val="Egen"/><w:basedOn w:val="a1"/></w:style>
              <w:style w:styleId="Niva"><w:name w:val="Nivå"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
              <w:style w:styleId="Brod"><w:name w:val="Brödtext"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
              <w:style w:styleId="Rubrik"><w:name w:val="Title"/></w:style>
              <w:style w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
            </w:styles>"#,
        )
        .unwrap();
        let s = Styles::read(Some(styles), None);
        assert_eq!(s.heading("Rubrik1"), Some(1), "by id");
        assert_eq!(s.heading("a1"), Some(2), "by w:name");
        assert_eq!(s.heading("Egen"), Some(2), "by w:basedOn");
        assert_eq!(s.heading("Niva"), Some(3), "by w:outlineLvl");
        assert_eq!(s.heading("Brod"), None, "outline level 9 is body text");
        assert_eq!(s.heading("Rubrik"), Some(0), "title");
        assert_eq!(s.heading("Loop"), None);
        assert_eq!(s.heading("Normal"), None);
    }

    #[test]
    fn import_sniffs_files_that_are_not_docx() {
        assert_eq!(sniff(b"hello"), Some(words::not_word()));
        assert_eq!(sniff(b"PK\x03\x04rest"), None);
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(sniff(&cfb), Some(words::old_doc()));
    }

    #[test]
    fn import_refuses_xml_nested_too_deep() {
        let deep = "<a>".repeat(MAX_DEPTH + 10) + &"</a>".repeat(MAX_DEPTH + 10);
        assert!(parse_xml(&deep).is_err());
        let ok = "<a>".repeat(50) + &"</a>".repeat(50);
        assert!(parse_xml(&ok).is_ok());
    }

    #[test]
    fn import_parses_entities() {
        let el = parse_xml("<a x=\"1&amp;2\">b &lt; c&#228;</a>").unwrap();
        assert_eq!(el.attr("x"), Some("1&2"));
        assert_eq!(el.text(), "b < cä");
    }
}
