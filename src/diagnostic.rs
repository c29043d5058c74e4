//! Content and template problems as data: a [`Diagnostic`] names a file, a line
//! and a column, says what is wrong and how to fix it.
//!
//! Diagnostics are collected, never returned early one by one, so that a build
//! reports every problem at once (rust-analyzer's `(T, Vec<Error>)`). This
//! module only formats them; it does not decide what is a problem.

use std::fmt;
use std::path::{Path, PathBuf};

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
    pub check: Option<crate::check::Check>,
}

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
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end_matches('\r').to_string());
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
    pub fn for_check(mut self, check: crate::check::Check) -> Self {
        self.check = Some(check);
        self
    }

    /// Whether this stops the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
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
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
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
                let indent: String = src
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n {pad} | {indent}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A path as the user should see it: with forward slashes.
pub fn display_path(path: &Path) -> String {
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
        if n == 1 {
            write!(f, "1 error, nothing was written")
        } else {
            write!(f, "{n} errors, nothing was written")
        }
    }
}

impl std::error::Error for Failed {}

/// `2 errors, 1 warning`, or `no problems found`.
pub fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, one: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    };
    match (errors, warnings) {
        (0, 0) => "no problems found".into(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
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
pub fn to_json(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let list: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            file: display_path(&d.path),
            line: d.line,
            column: d.column,
            level: d.severity,
            check: d.check.map(crate::check::Check::name),
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
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.path, a.line, a.column, a.severity).cmp(&(&b.path, b.line, b.column, b.severity))
    });
    diagnostics.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

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
            "content/a.md:2:9: error: weight must be a whole number\n   |\n 2 | weight: abc\n   |         ^\n  = hint: write a number"
        );
    }
}
