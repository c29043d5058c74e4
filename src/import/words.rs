//! The sentences `malbild import` shows, by name: each one comes from the
//! catalogue ([`crate::words`], `import_*`), in the language of the run.
//! Only the title of a document without one (`NO_TITLE`) is content, and
//! stays Swedish. Nothing else here.

use std::path::Path;

use crate::diagnostic::display_path;
use crate::words::{ImportWord, w};

/// A file that is not a Word document at all.
pub(crate) fn not_word() -> &'static str {
    w().import_word(ImportWord::NotWord)
}
/// An encrypted (password-protected) Word document.
pub(crate) fn encrypted() -> &'static str {
    w().import_word(ImportWord::Encrypted)
}
/// An old `.doc` (Word 97-2003).
pub(crate) fn old_doc() -> &'static str {
    w().import_word(ImportWord::OldDoc)
}

/// What to do about each kind of bad file.
pub(crate) fn what_to_do(problem: &str) -> &'static str {
    if problem == encrypted() {
        w().import_word(ImportWord::FixEncrypted)
    } else if problem == old_doc() {
        w().import_word(ImportWord::FixOldDoc)
    } else {
        w().import_word(ImportWord::FixOther)
    }
}

/// `FILE: problem`, and what to do.
pub(crate) fn bad_file(file: &Path, problem: &str) -> String {
    w().import_bad_file(&display_path(file), problem, what_to_do(problem))
}

/// A file that cannot be read at all.
pub(crate) fn cannot_read(file: &Path, why: &str) -> String {
    w().import_cannot_read(&display_path(file), why)
}

/// The XML inside the file is broken.
pub(crate) fn broken(file: &Path, why: &str) -> String {
    w().import_broken(&display_path(file), why)
}

/// REGION/SLUG is not two folder names.
pub(crate) fn bad_target(target: &str) -> String {
    w().import_bad_target(target)
}

/// There is no `content/` folder.
pub(crate) fn no_content(root: &Path) -> String {
    w().import_no_content(&display_path(root))
}

/// The publication folder exists and has files.
pub(crate) fn exists(dir: &Path) -> String {
    w().import_exists(&display_path(dir))
}

/// A file could not be written.
pub(crate) fn cannot_write(path: &Path, why: &str) -> String {
    w().import_cannot_write(&display_path(path), why)
}

/// The document has no text.
pub(crate) fn empty(file: &Path) -> String {
    w().import_empty(&display_path(file))
}

/// A title for a publication without any: content, so Swedish.
pub(crate) const NO_TITLE: &str = "Utan titel";

/// Text inserted while tracking changes (left out).
pub(crate) fn inserted(text: &str) -> String {
    w().import_inserted(&short(text))
}

/// Text deleted while tracking changes (kept).
pub(crate) fn deleted(text: &str) -> String {
    w().import_deleted(&short(text))
}

/// A comment in the document.
pub(crate) fn comment(text: &str) -> String {
    w().import_comment(&short(text))
}

/// An image without alternative text.
pub(crate) fn no_alt(name: &str) -> String {
    w().import_no_alt(name)
}

/// A text box.
pub(crate) fn text_box(text: &str) -> String {
    w().import_text_box(&short(text))
}

/// A chart.
pub(crate) fn chart() -> String {
    w().import_word(ImportWord::Chart).into()
}
/// SmartArt.
pub(crate) fn smartart() -> String {
    w().import_word(ImportWord::SmartArt).into()
}
/// An equation.
pub(crate) fn equation() -> String {
    w().import_word(ImportWord::Equation).into()
}
/// An endnote.
pub(crate) fn endnote() -> String {
    w().import_word(ImportWord::Endnote).into()
}
/// An image in a format browsers do not show (EMF, WMF, TIFF …).
pub(crate) fn image_format(name: &str) -> String {
    w().import_image_format(name)
}

/// A footnote in the text of a goal area or a factor.
pub(crate) fn note_inlined() -> String {
    w().import_word(ImportWord::NoteInlined).into()
}

/// A table of contents (left out).
pub(crate) fn toc() -> &'static str {
    w().import_word(ImportWord::Toc)
}
/// A table in a table.
pub(crate) fn nested_table() -> String {
    w().import_word(ImportWord::NestedTable).into()
}
/// An embedded object or shape that is not an image.
pub(crate) fn unknown_object() -> String {
    w().import_word(ImportWord::UnknownObject).into()
}
/// An image that is linked, not embedded.
pub(crate) fn linked_image() -> String {
    w().import_word(ImportWord::LinkedImage).into()
}

/// Where in the document: part file and heading, or paragraph number.
pub(crate) fn place(file: &str, heading: Option<&str>, number: usize) -> String {
    w().import_place(file, heading, number)
}

/// The report's first line.
pub(crate) fn imported(file: &Path, dir: &Path, parts: usize) -> String {
    w().import_imported(&display_path(file), &display_path(dir), parts)
}

/// A file written.
pub(crate) fn created(path: &Path) -> String {
    w().created(&display_path(path))
}

/// The heading of the review list.
pub(crate) fn review(n: usize) -> String {
    w().import_review(n)
}

/// The heading of the checks on the new pages.
pub(crate) fn checks(n: usize) -> String {
    w().import_checks(n)
}

/// What to do last.
pub(crate) fn next(program: &str) -> String {
    w().import_next(program)
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
