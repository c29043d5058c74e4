//! The document model (`docx.rs`) made into a publication: the text before
//! the first heading for `_index.md`, one part per top-level heading, and
//! the structured fields the headings announce (`vision`, `goal_areas`,
//! `factors`, `shifts`) with the `kind` that shows them.
//!
//! It decides what goes where; Markdown and files are `write.rs`'s.

use crate::model::Kind;

use super::docx::{Block, Document, Para};
use super::words;
use super::write::{Notes, blocks_markdown, inline_plain};

/// One part of the publication.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// File name, e.g. `malbild.md`.
    pub file: String,
    /// Its title (the heading).
    pub title: String,
    /// The template.
    pub kind: Kind,
    /// Order: 1, 2, 3 … in document order.
    pub weight: usize,
    /// The vision sentence.
    pub vision: Option<String>,
    /// Goal areas: title, means, Markdown text.
    pub goal_areas: Vec<(String, Option<String>, String)>,
    /// Success factors: title, Markdown summary.
    pub factors: Vec<(String, String)>,
    /// Perspective shifts: från, till.
    pub shifts: Vec<(String, String)>,
    /// The Markdown body.
    pub body: String,
    /// Paragraphs of goal areas and factors whose footnotes were written in
    /// parentheses.
    pub inlined_notes: Vec<usize>,
}

/// The publication to write.
#[derive(Debug, Clone)]
pub(crate) struct Publication {
    /// Its title.
    pub title: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The meta description.
    pub description: Option<String>,
    /// The text before the first heading, Markdown.
    pub body: String,
    /// The parts, in order.
    pub parts: Vec<Part>,
    /// What a person must review: place, what.
    pub review: Vec<(String, String)>,
}

fn heading(block: &Block) -> Option<usize> {
    match block {
        Block::Para(p) => p.heading.filter(|&l| l > 0),
        Block::Table(_) => None,
    }
}

fn first_number(block: &Block) -> usize {
    match block {
        Block::Para(p) => p.number,
        Block::Table(t) => t.number,
    }
}

fn title_of(block: &Block) -> String {
    match block {
        Block::Para(p) => p.text(),
        Block::Table(_) => String::new(),
    }
}

fn norm(s: &str) -> String {
    s.trim().trim_end_matches([':', '.']).trim().to_lowercase()
}

/// Splits `blocks` at headings of `level`: what comes before the first, then
/// (heading, blocks under it).
fn sections(blocks: &[Block], level: usize) -> (&[Block], Vec<(&Para, &[Block])>) {
    let starts: Vec<usize> = blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| heading(b) == Some(level))
        .map(|(i, _)| i)
        .collect();
    let Some(&first) = starts.first() else {
        return (blocks, Vec::new());
    };
    let mut out = Vec::new();
    for (n, &i) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(blocks.len());
        let Block::Para(p) = &blocks[i] else {
            continue;
        };
        out.push((p, &blocks[i + 1..end]));
    }
    (&blocks[..first], out)
}

/// A Från/Till table: its rows under the header.
fn shift_table(block: &Block) -> Option<Vec<(String, String)>> {
    let Block::Table(t) = block else {
        return None;
    };
    let cell = |c: &[Para]| {
        c.iter()
            .map(Para::text)
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let header = t.rows.first()?;
    if header.len() != 2 || norm(&cell(&header[0])) != "från" || norm(&cell(&header[1])) != "till"
    {
        return None;
    }
    Some(
        t.rows[1..]
            .iter()
            .filter(|r| r.len() >= 2)
            .map(|r| (cell(&r[0]), cell(&r[1])))
            .filter(|(a, b)| !a.is_empty() || !b.is_empty())
            .collect(),
    )
}

const VISION: &[&str] = &["vision", "visionen", "vår vision"];
const GOAL_AREAS: &[&str] = &[
    "målområden",
    "målområde",
    "utvecklingsområden",
    "fokusområden",
    "målområdena",
];
const FACTORS: &[&str] = &[
    "framgångsfaktorer",
    "framgångsfaktor",
    "förutsättningar",
    "förutsättningar för att lyckas",
];

fn is(title: &str, names: &[&str]) -> bool {
    names.contains(&norm(title).as_str())
}

/// "Tillsammans – genom delaktighet" -> ("Tillsammans", "genom delaktighet").
fn split_means(title: &str) -> (String, Option<String>) {
    for sep in [" – ", " — ", " - ", ": "] {
        if let Some((a, b)) = title.split_once(sep)
            && b.trim().to_lowercase().starts_with("genom ")
        {
            return (a.trim().to_string(), Some(b.trim().to_string()));
        }
    }
    (title.trim().to_string(), None)
}

/// Where each paragraph number ends up: (first number, file, heading).
type Places = Vec<(usize, String, Option<String>)>;

/// Makes the publication out of `doc`.
pub(crate) fn publication(doc: &Document) -> Publication {
    let mut blocks: Vec<Block> = doc.blocks.clone();
    // The title: the core property, or the first Title-styled paragraph (which
    // then leaves the body), or the first heading.
    let title_para = blocks
        .iter()
        .position(|b| matches!(b, Block::Para(p) if p.heading == Some(0) && !p.text().is_empty()));
    let mut title = doc.title.clone().filter(|t| !t.trim().is_empty());
    if let Some(i) = title_para {
        let text = title_of(&blocks[i]);
        if title.is_none() || title.as_deref() == Some(text.as_str()) || i == 0 {
            title.get_or_insert(text);
            blocks.remove(i);
        }
    }
    let top = blocks.iter().filter_map(heading).min();
    let title = title
        .or_else(|| blocks.iter().find(|b| heading(b).is_some()).map(title_of))
        .unwrap_or_else(|| words::NO_TITLE.to_string());

    let mut places: Places = Vec::new();
    let mut parts = Vec::new();
    let (front, sections_) = match top {
        Some(top) => sections(&blocks, top),
        None => (&blocks[..], Vec::new()),
    };
    places.push((0, "_index.md".into(), None));
    let mut notes = Notes::new(doc);
    let body = blocks_markdown(
        front,
        doc,
        top.unwrap_or(1),
        &mut notes,
        &mut places,
        "_index.md",
    );
    let body = notes.finish(body);
    let mut used: Vec<String> = vec!["_index".into(), "index".into()];
    for (n, (head, under)) in sections_.iter().enumerate() {
        let top = top.unwrap_or(1);
        let title = head.text();
        let mut base = crate::model::slugify(&title);
        if base.is_empty() {
            base = format!("del-{}", n + 1);
        }
        let mut file = base.clone();
        let mut k = 2;
        while used.contains(&file) {
            file = format!("{base}-{k}");
            k += 1;
        }
        used.push(file.clone());
        let file = format!("{file}.md");
        places.push((head.number, file.clone(), Some(title.clone())));
        parts.push(part(doc, &title, file, n + 1, under, top, &mut places));
    }
    places.sort_by_key(|p| p.0);
    let place_of = |number: usize| {
        let p = places
            .iter()
            .rev()
            .find(|p| p.0 <= number)
            .cloned()
            .unwrap_or((0, "_index.md".into(), None));
        words::place(&p.1, p.2.as_deref(), number)
    };
    let mut review: Vec<(usize, String, String)> = doc
        .findings
        .iter()
        .map(|f| (f.number, place_of(f.number), f.what.clone()))
        .collect();
    for number in parts.iter().flat_map(|p: &Part| p.inlined_notes.iter()) {
        review.push((*number, place_of(*number), words::note_inlined()));
    }
    for img in doc.images.iter().filter(|i| i.alt.is_empty()) {
        review.push((img.number, place_of(img.number), words::no_alt(&img.name)));
    }
    review.sort_by_key(|r| r.0);
    Publication {
        title,
        publisher: doc.company.clone(),
        date: doc.created.clone(),
        description: doc.description.clone().filter(|d| d.chars().count() <= 160),
        body,
        parts,
        review: review.into_iter().map(|(_, p, w)| (p, w)).collect(),
    }
}

fn part(
    doc: &Document,
    title: &str,
    file: String,
    weight: usize,
    blocks: &[Block],
    top: usize,
    places: &mut Places,
) -> Part {
    let mut part = Part {
        file: file.clone(),
        title: title.to_string(),
        kind: Kind::Page,
        weight,
        vision: None,
        goal_areas: Vec::new(),
        factors: Vec::new(),
        shifts: Vec::new(),
        body: String::new(),
        inlined_notes: Vec::new(),
    };
    let mut notes = Notes::new(doc);
    let mut body: Vec<Block> = Vec::new();
    let (intro, subs) = sections(blocks, top + 1);
    let goal_picture = norm(title).starts_with("målbild")
        || subs
            .iter()
            .any(|(h, _)| is(&h.text(), VISION) || is(&h.text(), GOAL_AREAS));
    let factor_part = FACTORS.iter().any(|f| norm(title).starts_with(f));
    let has_area_heading = subs.iter().any(|(h, _)| is(&h.text(), GOAL_AREAS));
    body.extend(intro.iter().cloned());
    let mut inlined: Vec<usize> = Vec::new();
    let mut md = |blocks: &[Block], _: &mut Notes, places: &mut Places| {
        let mut own = Notes::inline(doc);
        let text = blocks_markdown(blocks, doc, top, &mut own, places, &file);
        if own.inlined > 0 {
            inlined.push(blocks.first().map_or(0, first_number));
        }
        text.trim().to_string()
    };
    for (head, under) in &subs {
        let h = head.text();
        places.push((head.number, file.clone(), Some(h.clone())));
        if goal_picture && is(&h, VISION) {
            let text: Vec<String> = under
                .iter()
                .filter_map(|b| match b {
                    Block::Para(p) => Some(inline_plain(&p.inlines)),
                    Block::Table(_) => None,
                })
                .filter(|t| !t.is_empty())
                .collect();
            part.vision = Some(text.join(" "));
        } else if goal_picture && is(&h, GOAL_AREAS) {
            let (lead, areas) = sections(under, top + 2);
            body.extend(lead.iter().cloned());
            for (ah, at) in areas {
                places.push((ah.number, file.clone(), Some(ah.text())));
                let (t, means) = split_means(&ah.text());
                part.goal_areas.push((t, means, md(at, &mut notes, places)));
            }
        } else if goal_picture && !has_area_heading {
            let (t, means) = split_means(&h);
            part.goal_areas
                .push((t, means, md(under, &mut notes, places)));
        } else if factor_part {
            part.factors
                .push((h.trim().to_string(), md(under, &mut notes, places)));
        } else if is(&h, FACTORS) {
            let (lead, factors) = sections(under, top + 2);
            body.push(Block::Para((*head).clone()));
            body.extend(lead.iter().cloned());
            for (fh, ft) in factors {
                places.push((fh.number, file.clone(), Some(fh.text())));
                part.factors
                    .push((fh.text().trim().to_string(), md(ft, &mut notes, places)));
            }
        } else {
            body.push(Block::Para((*head).clone()));
            body.extend(under.iter().cloned());
        }
    }
    part.inlined_notes = inlined;
    // A Från/Till table becomes `shifts`, and a short line that only
    // introduced it ("Perspektivskiften:") goes with it.
    let mut kept: Vec<Block> = Vec::with_capacity(body.len());
    for b in body {
        match shift_table(&b) {
            Some(rows) => {
                part.shifts.extend(rows);
                if let Some(Block::Para(p)) = kept.last()
                    && p.heading.is_none()
                    && p.list.is_none()
                    && p.text().ends_with(':')
                    && p.text().chars().count() <= 60
                {
                    kept.pop();
                }
            }
            None => kept.push(b),
        }
    }
    let mut body = kept;
    part.kind = if goal_picture {
        Kind::GoalPicture
    } else if !part.factors.is_empty() {
        Kind::SuccessFactors
    } else if !part.shifts.is_empty()
        || ["bakgrund", "varför", "syfte", "perspektiv"]
            .iter()
            .any(|w| norm(title).starts_with(w))
    {
        Kind::Background
    } else {
        Kind::Page
    };
    body.sort_by_key(first_number);
    let text = blocks_markdown(&body, doc, top, &mut notes, places, &file);
    part.body = notes.finish(text);
    part
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::docx::{Inline, Table};

    fn para(number: usize, heading: Option<usize>, text: &str) -> Block {
        Block::Para(Para {
            number,
            heading,
            inlines: vec![Inline::Text {
                text: text.into(),
                bold: false,
                italic: false,
                link: None,
            }],
            ..Para::default()
        })
    }

    fn cell(text: &str) -> Vec<Para> {
        match para(0, None, text) {
            Block::Para(p) => vec![p],
            Block::Table(_) => unreachable!(),
        }
    }

    #[test]
    fn import_goal_areas_from_a_heading_each_under_the_malbild() {
        let doc = Document {
            blocks: vec![
                para(1, Some(1), "Målbild 2030"),
                para(2, None, "Inledning."),
                para(3, Some(2), "Vision"),
                para(4, None, "Hälsa hela livet."),
                para(5, Some(2), "Tillsammans – genom delaktighet"),
                para(6, None, "Text om tillsammans."),
                para(7, Some(2), "Nära"),
                para(8, None, "Text om nära."),
                para(9, Some(1), "Perspektiv"),
                Block::Table(Table {
                    number: 9,
                    rows: vec![
                        vec![cell("Från"), cell("Till")],
                        vec![cell("Sjukhus"), cell("Hemmet")],
                    ],
                }),
            ],
            ..Document::default()
        };
        let p = publication(&doc);
        assert_eq!(p.title, "Målbild 2030");
        let m = &p.parts[0];
        assert_eq!(m.kind, Kind::GoalPicture);
        assert_eq!(m.vision.as_deref(), Some("Hälsa hela livet."));
        assert_eq!(
            m.goal_areas,
            vec![
                (
                    "Tillsammans".to_string(),
                    Some("genom delaktighet".to_string()),
                    "Text om tillsammans.".to_string()
                ),
                ("Nära".to_string(), None, "Text om nära.".to_string()),
            ]
        );
        assert_eq!(m.body.trim(), "Inledning.");
        let b = &p.parts[1];
        assert_eq!(b.kind, Kind::Background, "a part with shifts");
        assert_eq!(b.shifts, vec![("Sjukhus".into(), "Hemmet".into())]);
        assert_eq!(
            (m.file.as_str(), b.file.as_str()),
            ("malbild-2030.md", "perspektiv.md")
        );
    }
}
