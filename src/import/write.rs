//! Markdown and front matter for the publication `map.rs` made, and the
//! files: a new folder, never overwriting anything.
//!
//! Front matter is written by hand, each string JSON-quoted
//! (`serde_json::to_string` of a string is a valid YAML double-quoted
//! scalar), so that serde_yaml stays in `front_matter.rs` only.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::docx::{Block, Document, Inline, Para, Table};
use super::map::{Part, Publication};
use super::words;

/// The footnotes a part refers to, numbered from 1 in order of reference.
pub(crate) struct Notes<'a> {
    doc: &'a Document,
    used: Vec<usize>,
    /// Write each footnote in parentheses where it is referenced (for the
    /// text of a goal area or factor, which is rendered on its own, so a
    /// Markdown footnote there would have no definition).
    inline: bool,
    /// How many footnotes were written in parentheses.
    pub inlined: usize,
}

impl<'a> Notes<'a> {
    /// No footnotes yet.
    pub(crate) fn new(doc: &'a Document) -> Self {
        Notes {
            doc,
            used: Vec::new(),
            inline: false,
            inlined: 0,
        }
    }

    /// Footnotes written in parentheses where they are referenced.
    pub(crate) fn inline(doc: &'a Document) -> Self {
        Notes {
            inline: true,
            ..Notes::new(doc)
        }
    }

    fn number(&mut self, index: usize) -> usize {
        match self.used.iter().position(|&u| u == index) {
            Some(p) => p + 1,
            None => {
                self.used.push(index);
                self.used.len()
            }
        }
    }

    /// `body` with the footnote definitions at its end.
    pub(crate) fn finish(mut self, body: String) -> String {
        let mut out = body.trim_end().to_string();
        let mut i = 0;
        while i < self.used.len() {
            let index = self.used[i];
            let inl = self.doc.footnotes.get(index).cloned().unwrap_or_default();
            let text = inline_markdown(&inl, &mut self);
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let _ = write!(out, "[^{}]: {}", i + 1, text.trim());
            i += 1;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }
}

/// The text of inlines without formatting.
pub(crate) fn inline_plain(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::Break => s.push(' '),
            _ => {}
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '~' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escapes what would make the start of a line a heading, quote or list.
fn escape_start(line: String) -> String {
    let t = line.as_str();
    if t.starts_with(['#', '>', '=', '+', '-']) {
        return format!("\\{t}");
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(['.', ')']) {
        return format!("{}\\{}", &t[..digits], &t[digits..]);
    }
    line
}

/// Inline Markdown: bold, italic, links, footnotes, images.
fn inline_markdown(inlines: &[Inline], notes: &mut Notes<'_>) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < inlines.len() {
        match &inlines[i] {
            Inline::Text {
                link: Some(url), ..
            } => {
                let mut text = String::new();
                while let Some(Inline::Text { link: Some(u), .. }) = inlines.get(i) {
                    if u != url {
                        break;
                    }
                    text.push_str(&styled(&inlines[i]));
                    i += 1;
                }
                let _ = write!(
                    out,
                    "[{}]({})",
                    text.trim(),
                    url.replace(' ', "%20").replace(')', "%29")
                );
                continue;
            }
            t @ Inline::Text { .. } => out.push_str(&styled(t)),
            Inline::Break => out.push_str("\\\n"),
            Inline::Footnote(n) if notes.inline => {
                let inl = notes.doc.footnotes.get(*n).cloned().unwrap_or_default();
                notes.inlined += 1;
                let text = inline_markdown(&inl, notes);
                let _ = write!(out, " ({})", text.trim());
            }
            Inline::Footnote(n) => {
                let k = notes.number(*n);
                let _ = write!(out, "[^{k}]");
            }
            Inline::Image(n) => {
                if let Some(img) = notes.doc.images.get(*n) {
                    let _ = write!(out, "![{}]({})", escape(&img.alt), img.name);
                }
            }
        }
        i += 1;
    }
    out
}

/// One text run with its emphasis; spaces stay outside the markers.
fn styled(inline: &Inline) -> String {
    let Inline::Text {
        text, bold, italic, ..
    } = inline
    else {
        return String::new();
    };
    let marker = match (bold, italic) {
        (true, true) => "***",
        (true, false) => "**",
        (false, true) => "*",
        (false, false) => "",
    };
    let trimmed = text.trim();
    if marker.is_empty() || trimmed.is_empty() {
        return escape(text);
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let tail = &text[text.trim_end().len()..];
    format!("{lead}{marker}{}{marker}{tail}", escape(trimmed))
}

fn paragraph(p: &Para, notes: &mut Notes<'_>) -> String {
    let md = inline_markdown(&p.inlines, notes);
    let md = md.lines().map(str::trim).collect::<Vec<_>>().join("\n");
    let md = md
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    escape_start(md)
}

fn table(t: &Table, notes: &mut Notes<'_>) -> String {
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return String::new();
    }
    let mut out = String::new();
    for (n, row) in t.rows.iter().enumerate() {
        out.push('|');
        for c in 0..cols {
            let text = row
                .get(c)
                .map(|cell| {
                    cell.iter()
                        .map(|p| inline_markdown(&p.inlines, notes).replace("\\\n", " "))
                        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let _ = write!(out, " {text} |");
        }
        out.push('\n');
        if n == 0 {
            out.push('|');
            for _ in 0..cols {
                out.push_str(" --- |");
            }
            out.push('\n');
        }
    }
    out.trim_end().to_string()
}

/// Markdown of blocks: headings one level below the part's (`top` is the
/// level of the part headings), lists from the numbering, tables.
/// Each heading's place goes into `places` for the review list.
pub(crate) fn blocks_markdown(
    blocks: &[Block],
    _doc: &Document,
    top: usize,
    notes: &mut Notes<'_>,
    places: &mut Vec<(usize, String, Option<String>)>,
    file: &str,
) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut list: Vec<String> = Vec::new();
    let mut counters: Vec<usize> = Vec::new();
    let mut current: Option<(String, bool)> = None;
    let flush = |out: &mut Vec<String>, list: &mut Vec<String>, counters: &mut Vec<usize>| {
        if !list.is_empty() {
            out.push(list.join("\n"));
            list.clear();
        }
        counters.clear();
    };
    // Word puts a table's caption above or below it; Markdown wants
    // `Tabell: …` right above.
    let mut order: Vec<&Block> = blocks.iter().collect();
    for i in 1..order.len() {
        if matches!(order[i - 1], Block::Table(_)) && table_caption(order[i]).is_some() {
            order.swap(i - 1, i);
        }
    }
    let mut before_table = vec![false; order.len()];
    for i in 0..order.len().saturating_sub(1) {
        before_table[i] = matches!(order[i + 1], Block::Table(_));
    }
    for (i, b) in order.into_iter().enumerate() {
        if before_table[i]
            && let Some(text) = table_caption(b)
        {
            flush(&mut out, &mut list, &mut counters);
            out.push(format!("Tabell: {}", escape(&text)));
            continue;
        }
        match b {
            Block::Table(t) => {
                flush(&mut out, &mut list, &mut counters);
                let md = table(t, notes);
                if !md.is_empty() {
                    out.push(md);
                }
            }
            Block::Para(p) => {
                if let Some(item) = &p.list {
                    let text = paragraph(p, notes);
                    if text.is_empty() {
                        continue;
                    }
                    // Another Word list, or bullets after numbers: a new list.
                    if item.level == 0
                        && current.as_ref().is_some_and(|(id, ordered)| {
                            *id != item.num_id || *ordered != item.ordered
                        })
                    {
                        flush(&mut out, &mut list, &mut counters);
                    }
                    if item.level == 0 {
                        current = Some((item.num_id.clone(), item.ordered));
                    }
                    let level = item.level.min(counters.len());
                    counters.truncate(level + 1);
                    while counters.len() <= level {
                        counters.push(0);
                    }
                    counters[level] += 1;
                    let marker = if item.ordered {
                        format!("{}.", counters[level])
                    } else {
                        "-".to_string()
                    };
                    let indent = "    ".repeat(level);
                    let text = text.replace('\n', &format!("\n{indent}    "));
                    list.push(format!("{indent}{marker} {text}"));
                    continue;
                }
                flush(&mut out, &mut list, &mut counters);
                match p.heading {
                    Some(level) if level > 0 => {
                        let text = inline_plain(&p.inlines);
                        if text.is_empty() {
                            continue;
                        }
                        places.push((p.number, file.to_string(), Some(text.clone())));
                        let depth = (level + 1).saturating_sub(top).clamp(2, 6);
                        out.push(format!("{} {}", "#".repeat(depth), escape(&text)));
                    }
                    _ => {
                        let text = paragraph(p, notes);
                        if !text.is_empty() {
                            out.push(text);
                        }
                    }
                }
            }
        }
    }
    flush(&mut out, &mut list, &mut counters);
    let mut s = out.join("\n\n");
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

/// The text of a Caption-styled paragraph about a table, without Word's
/// number: "Tabell 2. Antal invånare" -> "Antal invånare".
fn table_caption(block: &Block) -> Option<String> {
    let Block::Para(p) = block else {
        return None;
    };
    if !p.caption {
        return None;
    }
    let text = inline_plain(&p.inlines);
    let rest = text
        .strip_prefix("Tabell")
        .or_else(|| text.strip_prefix("Table"))?;
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, ':' | '.' | '–' | '-')
    });
    (!rest.is_empty()).then(|| rest.to_string())
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The `_index.md` of the publication.
pub(crate) fn publication_file(p: &Publication) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", q(&p.title));
    if let Some(v) = &p.publisher {
        let _ = writeln!(s, "publisher: {}", q(v));
    }
    if let Some(v) = &p.date {
        let _ = writeln!(s, "date: {}", q(v));
    }
    if let Some(v) = &p.description {
        let _ = writeln!(s, "description: {}", q(v));
    }
    s.push_str("---\n");
    if !p.body.trim().is_empty() {
        s.push('\n');
        s.push_str(&p.body);
    }
    s
}

/// A part's file.
pub(crate) fn part_file(p: &Part) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", q(&p.title));
    let _ = writeln!(s, "kind: {}", p.kind.name());
    let _ = writeln!(s, "weight: {}", p.weight);
    if let Some(v) = &p.vision {
        let _ = writeln!(s, "vision: {}", q(v));
    }
    if !p.goal_areas.is_empty() {
        s.push_str("goal_areas:\n");
        for (title, means, text) in &p.goal_areas {
            let _ = writeln!(s, "  - title: {}", q(title));
            if let Some(m) = means {
                let _ = writeln!(s, "    means: {}", q(m));
            }
            let _ = writeln!(s, "    text: {}", q(text));
        }
    }
    if !p.factors.is_empty() {
        s.push_str("factors:\n");
        for (title, summary) in &p.factors {
            let _ = writeln!(s, "  - title: {}", q(title));
            let _ = writeln!(s, "    summary: {}", q(summary));
        }
    }
    if !p.shifts.is_empty() {
        s.push_str("shifts:\n");
        for (from, to) in &p.shifts {
            let _ = writeln!(s, "  - from: {}", q(from));
            let _ = writeln!(s, "    to: {}", q(to));
        }
    }
    s.push_str("---\n");
    if !p.body.trim().is_empty() {
        s.push('\n');
        s.push_str(&p.body);
    }
    s
}

/// A region's `_index.md`, for a region folder that has none.
pub(crate) fn region_file(title: &str) -> String {
    format!("---\ntitle: {}\n---\n", q(title))
}

/// Writes a new file; fails if it exists.
fn create(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| words::cannot_write(path, &e.to_string()))?;
    f.write_all(bytes)
        .map_err(|e| words::cannot_write(path, &e.to_string()))
}

/// Writes the publication into `dir` (which must be new or empty), and the
/// region's `_index.md` when `region` is given; returns the files written.
pub(crate) fn files(
    dir: &Path,
    region: Option<(&Path, &str)>,
    publication: &Publication,
    doc: &Document,
) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(words::exists(dir));
        }
    }
    fs::create_dir_all(dir).map_err(|e| words::cannot_write(dir, &e.to_string()))?;
    let mut written = Vec::new();
    if let Some((file, title)) = region {
        create(file, region_file(title).as_bytes())?;
        written.push(file.to_path_buf());
    }
    let index = dir.join("_index.md");
    create(&index, publication_file(publication).as_bytes())?;
    written.push(index);
    for part in &publication.parts {
        let path = dir.join(&part.file);
        create(&path, part_file(part).as_bytes())?;
        written.push(path);
    }
    for img in &doc.images {
        let path = dir.join(&img.name);
        if path.exists() {
            continue;
        }
        create(&path, &img.data)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str, bold: bool, italic: bool) -> Inline {
        Inline::Text {
            text: t.into(),
            bold,
            italic,
            link: None,
        }
    }

    #[test]
    fn import_markdown_escapes_what_word_text_may_hold() {
        let doc = Document::default();
        let mut notes = Notes::new(&doc);
        let md = |inl: Vec<Inline>, notes: &mut Notes<'_>| {
            paragraph(
                &Para {
                    inlines: inl,
                    ..Para::default()
                },
                notes,
            )
        };
        assert_eq!(
            md(vec![text("# inte en rubrik", false, false)], &mut notes),
            "\\# inte en rubrik"
        );
        assert_eq!(
            md(vec![text("2023. Ett år", false, false)], &mut notes),
            "2023\\. Ett år"
        );
        assert_eq!(
            md(vec![text("- inte en lista", false, false)], &mut notes),
            "\\- inte en lista"
        );
        assert_eq!(
            md(vec![text("a*b_c [d] <e>", false, false)], &mut notes),
            "a\\*b\\_c \\[d\\] \\<e>"
        );
        // Spaces stay outside the emphasis markers, or CommonMark ignores them.
        assert_eq!(
            md(
                vec![
                    text("Det ", false, false),
                    text("viktiga ", true, false),
                    text("är", false, true)
                ],
                &mut notes
            ),
            "Det **viktiga** *är*"
        );
    }
}
