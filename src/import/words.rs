//! Every sentence `malbild import` shows, in Swedish, in one place, so that
//! a later message catalogue can take them over. Nothing else here.

use std::path::Path;

use crate::diagnostic::display_path;

/// A file that is not a Word document at all.
pub const NOT_WORD: &str = "är inte ett Word-dokument (.docx)";
/// An encrypted (password-protected) Word document.
pub const ENCRYPTED: &str = "är lösenordsskyddad (krypterad), och malbild kan inte läsa den";
/// An old `.doc` (Word 97-2003).
pub const OLD_DOC: &str = "är ett gammalt Word-dokument (.doc, Word 97–2003), inte .docx";

/// What to do about each kind of bad file.
pub fn what_to_do(problem: &str) -> &'static str {
    if problem == ENCRYPTED {
        "öppna filen i Word, ta bort lösenordet (Arkiv > Info > Skydda dokument > Kryptera med lösenord, töm rutan), spara och importera igen"
    } else if problem == OLD_DOC {
        "öppna filen i Word och spara den som .docx (Arkiv > Spara som > Word-dokument), och importera den nya filen"
    } else {
        "öppna filen i Word och spara den som .docx (Arkiv > Spara som > Word-dokument); en PDF eller en textfil går inte att importera"
    }
}

/// `FILE: problem`, and what to do.
pub fn bad_file(file: &Path, problem: &str) -> String {
    format!(
        "{} {problem}\n  = gör så här: {}",
        display_path(file),
        what_to_do(problem)
    )
}

/// A file that cannot be read at all.
pub fn cannot_read(file: &Path, why: &str) -> String {
    format!(
        "kan inte läsa {}: {why}\n  = gör så här: kontrollera att filen finns och att du får läsa den",
        display_path(file)
    )
}

/// The XML inside the file is broken.
pub fn broken(file: &Path, why: &str) -> String {
    format!(
        "{} är ett skadat Word-dokument ({why})\n  = gör så här: öppna filen i Word, spara den som en ny .docx och importera den",
        display_path(file)
    )
}

/// REGION/SLUG is not two folder names.
pub fn bad_target(target: &str) -> String {
    format!(
        "`{target}` är inte REGION/SLUG\n  = gör så här: skriv regionens mapp och publikationens mapp med snedstreck emellan, t.ex. `kalmar/nara-vard-2023`, med bokstäver, siffror och bindestreck"
    )
}

/// There is no `content/` folder.
pub fn no_content(root: &Path) -> String {
    format!(
        "det finns ingen mapp content i {}\n  = gör så här: kör kommandot i projektets mapp, ange --root, eller börja med `malbild new site MAPP`",
        display_path(root)
    )
}

/// The publication folder exists and has files.
pub fn exists(dir: &Path) -> String {
    format!(
        "{} finns redan och är inte tom; malbild import skriver aldrig över något\n  = gör så här: välj ett nytt namn på publikationens mapp, eller flytta bort den gamla",
        display_path(dir)
    )
}

/// A file could not be written.
pub fn cannot_write(path: &Path, why: &str) -> String {
    format!("kan inte skriva {}: {why}", display_path(path))
}

/// The document has no text.
pub fn empty(file: &Path) -> String {
    format!(
        "{} innehåller ingen text att importera\n  = gör så här: kontrollera att det är rätt fil",
        display_path(file)
    )
}

/// A title for a publication without any.
pub const NO_TITLE: &str = "Utan titel";

/// Text inserted while tracking changes (left out).
pub fn inserted(text: &str) -> String {
    format!(
        "spårad ändring: infogad text ”{}” är inte med (texten importeras som den var före ändringarna); godkänn eller avvisa ändringen i Word, eller skriv in den själv",
        short(text)
    )
}

/// Text deleted while tracking changes (kept).
pub fn deleted(text: &str) -> String {
    format!(
        "spårad ändring: borttagen text ”{}” är kvar (texten importeras som den var före ändringarna); ta bort den om ändringen ska gälla",
        short(text)
    )
}

/// A comment in the document.
pub fn comment(text: &str) -> String {
    format!(
        "kommentar: ”{}” – kommentarer importeras inte; se efter om texten behöver ändras",
        short(text)
    )
}

/// An image without alternative text.
pub fn no_alt(name: &str) -> String {
    format!(
        "bilden {name} saknar alternativtext: skriv vad bilden visar mellan hakparenteserna i ![](…), eller i Word under Alternativ text"
    )
}

/// A text box.
pub fn text_box(text: &str) -> String {
    format!(
        "en textruta (”{}”) kan inte konverteras; skriv in texten som ett vanligt stycke",
        short(text)
    )
}

/// A chart.
pub const CHART: &str = "ett diagram kan inte konverteras; spara det som en bild med alternativtext, eller beskriv det i en tabell";
/// SmartArt.
pub const SMARTART: &str = "en SmartArt-grafik kan inte konverteras; skriv innehållet som en lista eller spara grafiken som en bild med alternativtext";
/// An equation.
pub const EQUATION: &str = "en formel (ekvation) kan inte konverteras; skriv den som text";
/// An endnote.
pub const ENDNOTE: &str = "en slutkommentar kan inte konverteras; gör den till en fotnot i Word";
/// An image in a format browsers do not show (EMF, WMF, TIFF …).
pub fn image_format(name: &str) -> String {
    format!(
        "bilden {name} har ett format som webbläsare inte visar och är inte med; spara den som PNG eller JPEG och lägg in den med alternativtext"
    )
}

/// A footnote in the text of a goal area or a factor.
pub const NOTE_INLINED: &str = "en fotnot i ett målområde eller en framgångsfaktor står inom parentes i texten (en Markdown-fotnot fungerar inte där); se efter om den ska stå kvar";

/// A table of contents (left out).
pub const TOC: &str =
    "innehållsförteckningen importeras inte: webbplatsen och utskriften gör en egen";
/// A table in a table.
pub const NESTED_TABLE: &str =
    "en tabell i en tabell kan inte konverteras; dela upp den i två tabeller";
/// An embedded object or shape that is not an image.
pub const UNKNOWN_OBJECT: &str =
    "ett inbäddat objekt eller en form kan inte konverteras; ersätt det med text eller en bild";
/// An image that is linked, not embedded.
pub const LINKED_IMAGE: &str =
    "en länkad bild finns inte i filen; infoga bilden i dokumentet i stället";

/// Where in the document: part file and heading, or paragraph number.
pub fn place(file: &str, heading: Option<&str>, number: usize) -> String {
    match heading {
        Some(h) => format!("{file}, under ”{h}” (stycke {number})"),
        None => format!("{file} (stycke {number})"),
    }
}

/// The report's first line.
pub fn imported(file: &Path, dir: &Path, parts: usize) -> String {
    format!(
        "importerade {} till {} ({parts} delar)",
        display_path(file),
        display_path(dir)
    )
}

/// A file written.
pub fn created(path: &Path) -> String {
    format!("  skapade {}", display_path(path))
}

/// The heading of the review list.
pub fn review(n: usize) -> String {
    match n {
        0 => "inget att granska i Word-dokumentet".into(),
        1 => "1 sak att granska:".into(),
        n => format!("{n} saker att granska:"),
    }
}

/// The heading of the checks on the new pages.
pub fn checks(n: usize) -> String {
    match n {
        0 => "malbild check hittade inga problem i de nya sidorna".into(),
        1 => "malbild check hittade 1 problem i de nya sidorna:".into(),
        n => format!("malbild check hittade {n} problem i de nya sidorna:"),
    }
}

/// What to do last.
pub fn next(program: &str) -> String {
    format!(
        "läs igenom Markdown-filerna, kontrollera date i _index.md (det är dagen då Word-filen skapades), fyll i det som saknas (t.ex. horizon, summary, themes, description) och förhandsgranska med `{program} serve`"
    )
}

/// A text shortened for a message.
fn short(text: &str) -> String {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.chars().count() > 60 {
        format!("{}…", t.chars().take(60).collect::<String>())
    } else {
        t
    }
}
