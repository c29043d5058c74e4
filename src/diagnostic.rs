//! Content and template problems as data: a [`Diagnostic`] names a file, a line
//! and a column, says what is wrong and how to fix it.
//!
//! Diagnostics are collected, never returned early one by one, so that a build
//! reports every problem at once (rust-analyzer's `(T, Vec<Error>)`). This
//! module only formats them; it does not decide what is a problem.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site is not built.
    Error,
    /// The site is built, but something should be fixed.
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The offending line of the file, when there is one.
    pub source_line: Option<String>,
    /// The content check that found it (`lix`, `repeated`...), by which a
    /// communicator can silence it; `None` for errors of the build itself.
    pub check: Option<Check>,
    /// How many characters of a long line were cut from the start of
    /// `source_line` (see [`Diagnostic::with_source_line`]); 32 bits keep a
    /// diagnostic within 128 bytes.
    #[serde(skip)]
    pub(crate) source_from: u32,
}

/// A content check (the checks themselves are in `check`); every one finds
/// warnings a communicator can silence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    /// A `#` heading in the text.
    SecondH1,
    /// A skipped heading level.
    HeadingLevel,
    /// A heading without text.
    EmptyHeading,
    /// A heading with nothing under it.
    EmptySection,
    /// A part without text.
    EmptyPage,
    /// Missing or file-name alternative text.
    AltText,
    /// A table without a caption or a heading to name it.
    TableCaption,
    /// Vague or empty link text.
    LinkText,
    /// HTML in the Markdown.
    RawHtml,
    /// `style=` in HTML in the Markdown.
    InlineStyle,
    /// Something loaded from another web site.
    ThirdParty,
    /// A repeated sentence or paragraph.
    Repeated,
    /// A list marker or bullet that became text.
    ListMarker,
    /// Emphasis that does not close.
    Emphasis,
    /// A heading that became a line of text.
    FlatHeading,
    /// A word hyphenated across lines.
    Hyphenation,
    /// The place of a lost image.
    ImagePlaceholder,
    /// LIX over the limit.
    Lix,
    /// A sentence over the limit.
    LongSentence,
    /// A front-matter value inside ”…”, which YAML keeps.
    CurlyQuotes,
    /// A theme word that `site.yaml`'s `themes:` does not list.
    ThemeWord,
}

impl Check {
    /// Every check, in the order README lists them.
    pub const ALL: &[Check] = &[
        Check::SecondH1,
        Check::HeadingLevel,
        Check::EmptyHeading,
        Check::EmptySection,
        Check::EmptyPage,
        Check::AltText,
        Check::TableCaption,
        Check::LinkText,
        Check::RawHtml,
        Check::InlineStyle,
        Check::ThirdParty,
        Check::Repeated,
        Check::ListMarker,
        Check::Emphasis,
        Check::FlatHeading,
        Check::Hyphenation,
        Check::ImagePlaceholder,
        Check::Lix,
        Check::LongSentence,
        Check::CurlyQuotes,
        Check::ThemeWord,
    ];

    /// The name a communicator writes to silence it.
    pub fn name(self) -> &'static str {
        match self {
            Check::SecondH1 => "second-h1",
            Check::HeadingLevel => "heading-level",
            Check::EmptyHeading => "empty-heading",
            Check::EmptySection => "empty-section",
            Check::EmptyPage => "empty-page",
            Check::AltText => "alt-text",
            Check::TableCaption => "table-caption",
            Check::LinkText => "link-text",
            Check::RawHtml => "raw-html",
            Check::InlineStyle => "inline-style",
            Check::ThirdParty => "third-party",
            Check::Repeated => "repeated",
            Check::ListMarker => "list-marker",
            Check::Emphasis => "emphasis",
            Check::FlatHeading => "flat-heading",
            Check::Hyphenation => "hyphenation",
            Check::ImagePlaceholder => "image-placeholder",
            Check::Lix => "lix",
            Check::LongSentence => "long-sentence",
            Check::CurlyQuotes => "curly-quotes",
            Check::ThemeWord => "theme-word",
        }
    }

    /// The check called `name`.
    pub fn named(name: &str) -> Option<Check> {
        Check::ALL.iter().copied().find(|c| c.name() == name)
    }
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl serde::Serialize for Check {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// Lines longer than this many characters are shown cut, as a window around
/// the column.
pub(crate) const MAX_LINE_SHOWN: usize = 160;
/// Characters shown before the column of a cut line.
const SHOWN_BEFORE: usize = 60;

/// The errors shown per file; the rest are counted in one more error.
pub(crate) const MAX_ERRORS_PER_FILE: usize = 20;

impl Diagnostic {
    /// An error about `path` as a whole.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
            source_line: None,
            check: None,
            source_from: 0,
        }
    }

    /// A warning about `path` as a whole.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Points the diagnostic at a line and column (both 1-based) of `text`,
    /// the file's contents, and keeps that line to show it.
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        match text.lines().nth(line.saturating_sub(1)) {
            Some(l) => self.with_source_line(l.trim_end_matches('\r')),
            None => {
                self.source_line = None;
                self
            }
        }
    }

    /// Keeps `line` (the line the diagnostic points at; set `column` first)
    /// to show it; a line longer than `MAX_LINE_SHOWN` characters is kept
    /// as a window around the column, with `…` where it was cut, so that a
    /// message never repeats a whole long line.
    pub fn with_source_line(mut self, line: &str) -> Self {
        self.source_from = 0;
        if line.len() <= MAX_LINE_SHOWN {
            self.source_line = Some(line.to_string());
            return self;
        }
        let from = self.column.saturating_sub(1).saturating_sub(SHOWN_BEFORE);
        let mut chars = line.chars().skip(from);
        let window: String = chars.by_ref().take(MAX_LINE_SHOWN).collect();
        let before = if from > 0 { "…" } else { "" };
        let after = if chars.next().is_some() { "…" } else { "" };
        self.source_line = Some(format!("{before}{window}{after}"));
        self.source_from = u32::try_from(from).unwrap_or(u32::MAX);
        self
    }

    /// Points the diagnostic at byte `offset` of `text`.
    pub fn at_offset(self, text: &str, offset: usize) -> Self {
        let (line, column) = line_col(text, offset);
        self.at(text, line, column)
    }

    /// Adds advice on how to fix the problem.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the check that found the problem.
    pub fn for_check(mut self, check: Check) -> Self {
        self.check = Some(check);
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One file's errors of one kind, of which the first [`MAX_ERRORS_PER_FILE`]
/// are kept and the rest counted in one more error at the first of them: 20,000
/// broken links on a page are 21 messages, not 20,000 (and the ones not kept
/// are not even made).
#[derive(Debug, Default)]
pub(crate) struct Capped {
    kept: Vec<Diagnostic>,
    more: usize,
    first_more: Option<Diagnostic>,
}

impl Capped {
    /// Adds the error `make` makes, or counts it when there are enough.
    pub(crate) fn push_with(&mut self, make: impl FnOnce() -> Diagnostic) {
        if self.kept.len() < MAX_ERRORS_PER_FILE {
            self.kept.push(make());
        } else {
            if self.more == 0 {
                self.first_more = Some(make());
            }
            self.more += 1;
        }
    }

    /// The errors kept, and one that says how many more there are.
    pub(crate) fn finish(self) -> Vec<Diagnostic> {
        let mut out = self.kept;
        if let Some(first) = self.first_more {
            let words = crate::words::w();
            out.push(Diagnostic {
                message: words.more_errors(self.more),
                hint: Some(words.more_errors_hint(MAX_ERRORS_PER_FILE)),
                ..first
            });
        }
        out
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error: message`, then the line with a caret under the
    /// column, then the hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let words = crate::words::w();
        let level = match self.severity {
            Severity::Error => words.error(),
            Severity::Warning => words.warning(),
        };
        let path = display_path(&self.path);
        match (self.line, self.column) {
            (0, _) => write!(f, "{path}: {level}: {}", self.message)?,
            (l, 0) => write!(f, "{path}:{l}: {level}: {}", self.message)?,
            (l, c) => write!(f, "{path}:{l}:{c}: {level}: {}", self.message)?,
        }
        if let Some(check) = self.check {
            write!(f, " [{check}]")?;
        }
        if let Some(src) = &self.source_line {
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            write!(f, "\n {pad} |\n {number} | {src}")?;
            if self.column > 0 {
                // A cut line starts with `…` in place of what was cut.
                let cut = usize::from(self.source_from > 0);
                let indent: String = src
                    .chars()
                    .take((self.column - 1).saturating_sub(self.source_from as usize) + cut)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {indent}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = {}: {hint}", words.hint())?;
        }
        Ok(())
    }
}

thread_local! {
    static WORKING_ON: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
}

/// Says which file this thread works on until the guard is dropped, so that
/// a bug (a panic) can be reported with the file that was being built
/// (the panic report of `cmd::catch_panics`).
///
/// For the tests of that report, `MALBILD_INJECT_PANIC=<end of a path>`
/// makes working on a file whose path ends so panic.
pub(crate) fn working_on(path: &Path) -> WorkingOn {
    static INJECT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let previous = WORKING_ON.with(|w| w.replace(Some(path.to_path_buf())));
    let guard = WorkingOn { previous };
    if let Some(end) = INJECT.get_or_init(|| std::env::var("MALBILD_INJECT_PANIC").ok())
        && !end.is_empty()
        && display_path(path).ends_with(end.as_str())
    {
        panic!("a panic injected by MALBILD_INJECT_PANIC");
    }
    guard
}

/// The file this thread works on (see [`working_on`]).
pub(crate) fn current_file() -> Option<PathBuf> {
    WORKING_ON.with(|w| w.borrow().clone())
}

/// Restores the file worked on before, when dropped.
#[must_use]
pub(crate) struct WorkingOn {
    previous: Option<PathBuf>,
}

impl Drop for WorkingOn {
    fn drop(&mut self) {
        WORKING_ON.with(|w| *w.borrow_mut() = self.previous.take());
    }
}

/// A path as the user should see it: with forward slashes.
pub(crate) fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The error a build returns when content or templates have problems. The
/// diagnostics are already sorted by file and line.
#[derive(Debug)]
pub struct Failed {
    /// Every problem found, errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.iter().filter(|d| d.is_error()).count();
        f.write_str(&crate::words::w().failed(n))
    }
}

impl std::error::Error for Failed {}

/// `2 errors, 1 warning`, or `no problems found`, in the chosen language.
pub(crate) fn summary(errors: usize, warnings: usize) -> String {
    crate::words::w().summary(errors, warnings)
}

/// One diagnostic for other tools: the fields of the text form.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    file: String,
    line: usize,
    column: usize,
    level: Severity,
    check: Option<&'static str>,
    message: &'a str,
    source_line: Option<&'a str>,
    hint: Option<&'a str>,
}

/// The diagnostics as one JSON object: `{"errors": n, "warnings": n,
/// "diagnostics": [{"file", "line", "column", "level", "check", "message",
/// "source_line", "hint"}]}`; line and column are 0 when unknown.
pub(crate) fn to_json(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let list: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: display_path(&d.path),
            line: d.line,
            column: d.column,
            level: d.severity,
            check: d.check.map(Check::name),
            message: &d.message,
            source_line: d.source_line.as_deref(),
            hint: d.hint.as_deref(),
        })
        .collect();
    serde_json::json!({
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "diagnostics": list,
    })
    .to_string()
}

/// Sorts diagnostics by file, line and column, and drops exact repeats.
pub(crate) fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity))
    });
    diagnostics.dedup();
}

/// Sorts the diagnostics of one file by line and column, and drops exact
/// repeats: [`sort`] for diagnostics known to share their file.
pub(crate) fn sort_file(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    diagnostics.dedup();
}

/// Every diagnostic of a build, sorted by file, line and column, and kept
/// per file: a rebuild after an edit of one page replaces that page's file
/// and shares the others with the build before, however many there are.
#[derive(Debug, Clone, Default)]
pub struct List {
    /// One entry per file, in the order of their paths; never empty.
    files: Vec<Arc<[Diagnostic]>>,
    len: usize,
    errors: usize,
}

impl List {
    /// The diagnostics of `all`, sorted.
    pub fn new(mut all: Vec<Diagnostic>) -> Self {
        sort(&mut all);
        let mut list = List::default();
        for group in all.chunk_by(|a, b| a.path == b.path) {
            list.count(group, 1);
            list.files.push(group.into());
        }
        list
    }

    /// `files`, each one file's diagnostics as `sort_file` leaves them, in
    /// any order; empty ones are left out.
    pub fn of_files(files: impl IntoIterator<Item = Arc<[Diagnostic]>>) -> Self {
        let mut files: Vec<Arc<[Diagnostic]>> =
            files.into_iter().filter(|f| !f.is_empty()).collect();
        files.sort_by(|a, b| a[0].path.cmp(&b[0].path));
        let mut list = List::default();
        for group in &files {
            list.count(group, 1);
        }
        List { files, ..list }
    }

    fn count(&mut self, group: &[Diagnostic], sign: isize) {
        let errors = group.iter().filter(|d| d.is_error()).count();
        self.len = self.len.wrapping_add_signed(sign * group.len() as isize);
        self.errors = self.errors.wrapping_add_signed(sign * errors as isize);
    }

    fn find(&self, path: &Path) -> Result<usize, usize> {
        self.files
            .binary_search_by(|f| f[0].path.as_path().cmp(path))
    }

    /// Every diagnostic, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> + '_ {
        self.files.iter().flat_map(|f| f.iter())
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many are errors.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// The diagnostics about `path`.
    pub fn of_file(&self, path: &Path) -> &[Diagnostic] {
        match self.find(path) {
            Ok(i) => &self.files[i],
            Err(_) => &[],
        }
    }

    /// All of them, in order, as one vector.
    pub fn to_vec(&self) -> Vec<Diagnostic> {
        self.iter().cloned().collect()
    }

    /// Makes `group` (one file's diagnostics as `sort_file` leaves them)
    /// the diagnostics of `path`; an empty group leaves the file out.
    pub fn set_file(&mut self, path: &Path, group: Arc<[Diagnostic]>) {
        debug_assert!(group.iter().all(|d| d.path == path));
        match self.find(path) {
            Ok(i) => {
                let old = std::mem::replace(&mut self.files[i], group.clone());
                self.count(&old, -1);
                if group.is_empty() {
                    self.files.remove(i);
                }
            }
            Err(_) if group.is_empty() => return,
            Err(i) => self.files.insert(i, group.clone()),
        }
        self.count(&group, 1);
    }

    /// Adds `more`, each one after those of its file with the same line and
    /// column.
    pub fn add(&mut self, more: Vec<Diagnostic>) {
        self.merge(more, false);
    }

    /// Adds `more`, each one before those of its file with the same line
    /// and column.
    pub fn add_before(&mut self, more: Vec<Diagnostic>) {
        self.merge(more, true);
    }

    fn merge(&mut self, more: Vec<Diagnostic>, before: bool) {
        for group in List::new(more).files {
            let path = group[0].path.clone();
            let mut all = self.of_file(&path).to_vec();
            if before {
                all.splice(0..0, group.iter().cloned());
            } else {
                all.extend(group.iter().cloned());
            }
            sort_file(&mut all);
            self.set_file(&path, all.into());
        }
    }
}

impl<'a> IntoIterator for &'a List {
    type Item = &'a Diagnostic;
    type IntoIter = std::iter::FlatMap<
        std::slice::Iter<'a, Arc<[Diagnostic]>>,
        std::slice::Iter<'a, Diagnostic>,
        fn(&'a Arc<[Diagnostic]>) -> std::slice::Iter<'a, Diagnostic>,
    >;

    fn into_iter(self) -> Self::IntoIter {
        fn each(f: &Arc<[Diagnostic]>) -> std::slice::Iter<'_, Diagnostic> {
            f.iter()
        }
        self.files
            .iter()
            .flat_map(each as fn(&'a Arc<[Diagnostic]>) -> _)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(path: &str, line: usize, message: &str) -> Diagnostic {
        let mut d = Diagnostic::warning(path, message);
        d.line = line;
        d
    }

    fn said(list: &List) -> Vec<String> {
        list.iter()
            .map(|d| format!("{}:{} {}", d.path.display(), d.line, d.message))
            .collect()
    }

    #[test]
    fn a_list_is_sorted_by_file_and_line_without_repeats() {
        let list = List::new(vec![
            d("b.md", 2, "x"),
            d("a.md", 9, "y"),
            d("b.md", 1, "z"),
            d("a.md", 9, "y"),
            Diagnostic::error("a.md", "e"),
        ]);
        assert_eq!(
            said(&list),
            ["a.md:0 e", "a.md:9 y", "b.md:1 z", "b.md:2 x"]
        );
        assert_eq!((list.len(), list.errors()), (4, 1));
        assert_eq!(list.of_file(Path::new("b.md")).len(), 2);
        assert!(list.of_file(Path::new("c.md")).is_empty());
        let files = List::of_files([
            Arc::from(vec![d("b.md", 1, "z"), d("b.md", 2, "x")]),
            Arc::from(vec![]),
            Arc::from(vec![Diagnostic::error("a.md", "e"), d("a.md", 9, "y")]),
        ]);
        assert_eq!(said(&files), said(&list));
        assert_eq!((files.len(), files.errors()), (4, 1));
    }

    #[test]
    fn a_file_of_a_list_is_replaced_added_or_removed() {
        let mut list = List::new(vec![d("b.md", 1, "x"), Diagnostic::error("d.md", "e")]);
        list.set_file(Path::new("c.md"), vec![d("c.md", 3, "new")].into());
        list.set_file(Path::new("d.md"), vec![d("d.md", 1, "fixed")].into());
        list.set_file(Path::new("b.md"), Arc::from(vec![]));
        list.set_file(Path::new("e.md"), Arc::from(vec![]));
        assert_eq!(said(&list), ["c.md:3 new", "d.md:1 fixed"]);
        assert_eq!((list.len(), list.errors()), (2, 0));
        list.add(vec![
            d("d.md", 0, "first"),
            d("a.md", 1, "a"),
            d("d.md", 1, "fixed"),
        ]);
        assert_eq!(
            said(&list),
            ["a.md:1 a", "c.md:3 new", "d.md:0 first", "d.md:1 fixed"]
        );
        assert_eq!(list.len(), 4);
        assert_eq!(list.to_vec().len(), (&list).into_iter().count());
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ab\nåäö x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "åäö " is 7 bytes; x is the 5th character
        assert_eq!(line_col(text, 3 + 7), (2, 5));
    }

    #[test]
    fn display_shows_line_and_caret() {
        let text = "title: A\nweight: abc\n";
        let d = Diagnostic::error("content/a.md", "weight must be a whole number")
            .at(text, 2, 9)
            .with_hint("write a number");
        let shown = d.to_string();
        assert_eq!(
            shown,
            "content/a.md:2:9: fel: weight must be a whole number\n   |\n 2 | weight: abc\n   |         ^\n  = tips: write a number"
        );
    }
}
