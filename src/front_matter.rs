//! Front matter: the YAML between the `---` lines at the top of a Markdown
//! file, and `site.yaml`.
//!
//! This is the only module that uses serde_yaml (it is archived, so keeping it
//! in one place keeps it swappable). It turns YAML errors into
//! [`Diagnostic`]s a communicator can act on: the line of the file, the key,
//! what was expected in plain words, and a "did you mean" for unknown keys. It
//! does not know what the keys mean; `model` does.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;

/// A Markdown file cut into its front matter and its body.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split<'a> {
    /// The YAML text, without the `---` lines; empty when there is none.
    pub yaml: &'a str,
    /// The 1-based line of the file on which `yaml` starts.
    pub yaml_line: usize,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Cuts `text` (the whole file, BOM and CRLF already removed) into front
/// matter and body. A file that does not start with `---` has no front matter.
pub(crate) fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_line: 1,
            body_offset: 0,
        });
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut pos = yaml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "---" {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body_offset,
            });
        }
        pos = end + 1;
    }
    let (line, before) = missing_end(text);
    let (message, hint) = words::never_ends(before);
    Err(Diagnostic::error(path, message)
        .at(text, line, 1)
        .with_hint(hint))
}

/// Where the closing `---` of a front matter that has none should go: the
/// 1-based line of the first line that does not look like YAML (`true`:
/// the `---` goes before it), or the last line of the file (`false`: after
/// it). A key, an indented line, a list item and a comment right after
/// them look like YAML; a blank line, then a comment, is taken for a
/// Markdown heading; `##` always is.
pub(crate) fn missing_end(text: &str) -> (usize, bool) {
    let mut last_yaml = 1;
    let mut blank_since = false;
    for (n, line) in text.lines().enumerate().skip(1) {
        let t = line.trim_end();
        if t.is_empty() {
            blank_since = true;
            continue;
        }
        let heading = t.starts_with("##") || (t.starts_with('#') && blank_since);
        let key = line_parts(t).is_some_and(|l| l.key.is_some() && l.indent == 0);
        let yaml = !heading
            && (key
                || t.starts_with([' ', '\t', '#'])
                || t.starts_with("- ")
                || (t.starts_with('-') && t.len() == 1));
        if !yaml || (blank_since && !key && !t.starts_with("- ")) {
            return (n + 1, true);
        }
        last_yaml = n + 1;
        blank_since = false;
    }
    (last_yaml, false)
}

/// The byte offset where the body of a file whose front matter never ends
/// probably starts (see [`missing_end`]), for a page that stands in.
pub(crate) fn guessed_body(text: &str) -> usize {
    match missing_end(text) {
        (line, true) => text
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum(),
        _ => text.len(),
    }
}

/// Reads YAML into `T`. `file_text` is the whole file and `first_line` the
/// line of the file where `yaml` starts, so that errors point into the file.
pub(crate) fn parse<T: DeserializeOwned>(
    path: &Path,
    file_text: &str,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    if let Some((line, column)) = too_deep(yaml) {
        let (message, hint) = words::too_deep(MAX_DEPTH);
        return Err(Diagnostic::error(path, message)
            .at(file_text, line + first_line - 1, column)
            .with_hint(hint));
    }
    serde_yaml::from_str(yaml).map_err(|err| {
        let at = err
            .location()
            .map_or((1, 1), |l| (l.line(), l.column().max(1)));
        let found = explain(yaml, &err.to_string(), at);
        Diagnostic::error(path, found.message)
            .at(file_text, found.line + first_line - 1, found.column)
            .with_hint(found.hint)
    })
}

/// A `#` that YAML takes for the start of a comment in the middle of a
/// plain (unquoted) text, so that the rest of the line is lost (issue 11:
/// `text: Digitala verktyg (t.ex. 1177 #vårdnära) som…`). `None` when there
/// is none. A comment on its own line, after a quoted value, or after a
/// one-word value as `weight: 1   # the order` (what `malbild new` writes)
/// stays allowed; after a value of several words, or as `#word` (a
/// hashtag, not a comment), it is an error. `yaml` starts on line
/// `first_line` of `file_text`.
pub(crate) fn lost_comment(
    path: &Path,
    file_text: &str,
    yaml: &str,
    first_line: usize,
) -> Option<Diagnostic> {
    // The indentation of a `|` or `>` text's key: lines more indented are text.
    let mut block_text: Option<usize> = None;
    // Inside a quoted text that spans lines: its quote.
    let mut quote: Option<char> = None;
    for (n, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = line[indent..].trim_end();
        if let Some(key_indent) = block_text {
            if rest.is_empty() || indent > key_indent {
                continue;
            }
            block_text = None;
        }
        if let Some(q) = quote {
            if closing_quote(rest, q).is_some() {
                quote = None;
            }
            continue;
        }
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let mut item = rest;
        while let Some(r) = item.strip_prefix("- ") {
            item = r.trim_start();
        }
        let (key, value) = match item.split_once(": ") {
            Some((k, v)) if !k.contains([' ', '#', '"', '\'']) || k.starts_with(['"', '\'']) => {
                (Some(k), v.trim_start())
            }
            _ => (
                None,
                item.strip_suffix(':').map_or(item, |_| &item[item.len()..]),
            ),
        };
        // `value` is a part of `line`: its column (in characters, from 0).
        let value_at = line[..value.as_ptr() as usize - line.as_ptr() as usize]
            .chars()
            .count();
        if let Some(q) = value.chars().next().filter(|c| matches!(c, '"' | '\'')) {
            if closing_quote(&value[1..], q).is_none() {
                quote = Some(q);
            }
            continue;
        }
        if value.starts_with(['|', '>']) {
            block_text = Some(indent);
            continue;
        }
        if value.starts_with(['[', '{', '&', '*', '!']) {
            continue;
        }
        let Some(hash) = value
            .char_indices()
            .find(|&(i, c)| c == '#' && value[..i].ends_with([' ', '\t']))
            .map(|(i, _)| i)
        else {
            continue;
        };
        let before = value[..hash].trim_end();
        let after = &value[hash + 1..];
        let several_words = before.contains([' ', '\t']);
        let hashtag = after.starts_with(|c: char| !c.is_whitespace() && c != '#');
        if before.is_empty() || !(several_words || hashtag) {
            continue;
        }
        let column = value_at + value[..hash].chars().count() + 1;
        let line = n + first_line;
        return Some(lost_comment_message(path, key, before, value).at(file_text, line, column));
    }
    None
}

/// The message of [`lost_comment`]: `key` (`None` in a list or a line that
/// goes on from the one above), what YAML keeps, and the whole value.
fn lost_comment_message(path: &Path, key: Option<&str>, kept: &str, value: &str) -> Diagnostic {
    let quoted = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    let fix = match key {
        Some(k) => format!("{k}: {quoted}"),
        None => quoted,
    };
    let (message, hint) = words::lost_comment(kept, &fix);
    Diagnostic::error(path, message).with_hint(hint)
}

/// The curly quotes that YAML keeps around whole values (issue 11: `title:
/// ”Nära vård 2030”` was published with its quotes): for each value that
/// starts with `”`, `“` or `„` and ends with `”` or `“`, with no other
/// curly quote inside, its byte offset in `yaml`, its key (`None` for an item
/// of a list) and the text inside the quotes. Lines of `|` and `>` texts are
/// left alone.
pub(crate) fn curly_quoted(yaml: &str) -> Vec<(usize, Option<&str>, &str)> {
    const OPEN: [char; 3] = ['”', '“', '„'];
    const CLOSE: [char; 2] = ['”', '“'];
    let mut out = Vec::new();
    let mut block_text: Option<usize> = None;
    let mut offset = 0;
    for line in yaml.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let line = line.trim_end();
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(key_indent) = block_text {
            if rest.is_empty() || indent > key_indent {
                continue;
            }
            block_text = None;
        }
        let mut item = rest;
        while let Some(r) = item.strip_prefix("- ") {
            item = r.trim_start();
        }
        let (key, value) = match item.split_once(": ") {
            Some((k, v)) if !k.contains([' ', '#']) => (Some(k), v.trim_start()),
            _ if item.len() < rest.len() => (None, item),
            _ => continue,
        };
        if value.starts_with(['|', '>']) {
            block_text = Some(indent);
            continue;
        }
        let inner = value
            .strip_prefix(OPEN)
            .and_then(|v| v.strip_suffix(CLOSE))
            .filter(|v| !v.trim().is_empty() && !v.contains(OPEN));
        if let Some(inner) = inner {
            let at = start + (value.as_ptr() as usize - line.as_ptr() as usize);
            out.push((at, key, inner));
        }
    }
    out
}

/// The byte offset in `text` of the quote `q` that closes a quoted YAML
/// text begun before it, if it is on this line.
fn closing_quote(text: &str, q: char) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\\' && q == '"' {
            chars.next();
        } else if c == q {
            if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                chars.next();
            } else {
                return Some(i);
            }
        }
    }
    None
}

/// How deep lists and groups of keys may nest in YAML. Far more than any
/// målbild needs, and little enough that the parser's time stays bounded:
/// serde_yaml takes minutes over `[[[[…]]]]` 100,000 deep (issue 12).
pub(crate) const MAX_DEPTH: usize = 64;

/// The 1-based line and column (in `yaml`) where its nesting first goes
/// deeper than [`MAX_DEPTH`], if it does: a scan of the text before the
/// parser sees it. Depth is the indentation levels of block collections,
/// plus the `- ` that open a list on the same line, plus the open `[` and
/// `{` of flow collections (not those in quotes, comments or block texts).
fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // The indentation of a `|` or `>` text's key: lines more indented are text.
    let mut block_text: Option<usize> = None;
    // Inside a quoted text, which can span lines: its quote.
    let mut quote: Option<char> = None;
    for (n, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if let Some(key_indent) = block_text {
            if rest.is_empty() || indent > key_indent {
                continue;
            }
            block_text = None;
        }
        if quote.is_none() && flow == 0 {
            if rest.is_empty() || rest.starts_with('#') {
                continue;
            }
            while indents.last().is_some_and(|&i| i >= indent) {
                indents.pop();
            }
            indents.push(indent);
        }
        let mut depth = indents.len() + flow;
        let mut value_start = true;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if let Some(q) = quote {
                if c == '\\' && q == '"' {
                    chars.next();
                } else if c == q {
                    // '' inside single quotes is one quote.
                    if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                        chars.next();
                    } else {
                        quote = None;
                    }
                }
                continue;
            }
            match c {
                '"' | '\'' if value_start => quote = Some(c),
                '#' if i == 0 || rest[..i].ends_with([' ', '\t']) => break,
                '[' | '{' => {
                    flow += 1;
                    depth += 1;
                }
                ']' | '}' => {
                    flow = flow.saturating_sub(1);
                    depth = depth.saturating_sub(1);
                }
                '-' if value_start && flow == 0 && chars.peek().is_none_or(|&(_, n)| n == ' ') => {
                    depth += 1;
                }
                _ => {}
            }
            if depth > MAX_DEPTH {
                return Some((n + 1, indent + rest[..i].chars().count() + 1));
            }
            // A quote opens a quoted text only where a value starts: at
            // the start of the line, or after `: `, `- `, `[`, `{`, `,`.
            if !c.is_whitespace() {
                let spaced = chars.peek().is_none_or(|&(_, n)| n == ' ' || n == '\t');
                value_start =
                    matches!(c, '[' | '{' | ',') || (matches!(c, ':' | '-' | '?') && spaced);
            }
        }
        let trimmed = rest.split(" #").next().unwrap_or_default().trim_end();
        if quote.is_none()
            && flow == 0
            && trimmed.rsplit([' ', ':']).next().is_some_and(|last| {
                !last.is_empty()
                    && (last.starts_with('|') || last.starts_with('>'))
                    && last.len() <= 3
            })
        {
            block_text = Some(indent);
        }
    }
    None
}

/// A YAML problem explained: where (1-based line of the YAML and column in
/// characters) and what to say.
struct Found {
    line: usize,
    column: usize,
    message: String,
    hint: String,
}

impl Found {
    fn new(line: usize, column: usize, (message, hint): (String, String)) -> Found {
        Found {
            line,
            column: column.max(1),
            message,
            hint,
        }
    }
}

/// One line of YAML taken apart: its indentation, the column (1-based, in
/// characters) where its key or item starts, the key (if the line is
/// `key: ...` or `key:`), and the value after it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    indent: usize,
    /// Column of the key, or of the value of an item with no key.
    key_column: usize,
    key: Option<&'a str>,
    value: &'a str,
    /// Column of `value`.
    value_column: usize,
    /// It starts with `- `.
    item: bool,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Takes `line` apart; `None` for a blank line or a comment.
fn line_parts(line: &str) -> Option<Line<'_>> {
    let line = line.trim_end();
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let mut rest = &line[indent..];
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let mut item = false;
    while let Some(r) = rest
        .strip_prefix("- ")
        .or_else(|| rest.strip_prefix('-').filter(|r| r.is_empty()))
    {
        item = true;
        rest = r.trim_start();
    }
    let column = |s: &str| chars(&line[..s.as_ptr() as usize - line.as_ptr() as usize]) + 1;
    let key_column = column(rest);
    let key_end = rest
        .find(": ")
        .or_else(|| rest.strip_suffix(':').map(str::len));
    let (key, value) = match key_end {
        Some(k)
            if !rest[..k].is_empty()
                && !rest[..k].contains([' ', '\t', '"', '\'', '[', '{', '#']) =>
        {
            (Some(&rest[..k]), rest[k + 1..].trim_start())
        }
        _ => (None, rest),
    };
    Some(Line {
        indent,
        key_column,
        key,
        value,
        value_column: column(value),
        item,
    })
}

/// `value` in quotes YAML reads as it is: double quotes, or single quotes
/// when it holds `"` or `\`.
fn quoted(value: &str) -> String {
    if value.contains(['"', '\\']) {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    }
}

/// `key: value` as the writer should write it, or `value` in a list.
fn written(key: Option<&str>, value: &str) -> String {
    match key {
        Some(k) => format!("{k}: {value}"),
        None => format!("- {value}"),
    }
}

/// The lines of `yaml` inside `|` or `>` texts (0-based), which are text
/// whatever they hold.
fn block_text_lines(lines: &[&str]) -> Vec<bool> {
    let mut inside = vec![false; lines.len()];
    let mut key_indent: Option<usize> = None;
    for (n, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let blank = line.trim().is_empty();
        if let Some(k) = key_indent {
            if blank || indent > k {
                inside[n] = true;
                continue;
            }
            key_indent = None;
        }
        if let Some(l) = line_parts(line)
            && l.value.split(" #").next().is_some_and(|v| {
                let v = v.trim_end();
                (v.starts_with('|') || v.starts_with('>')) && v.len() <= 3
            })
        {
            key_indent = Some(l.indent);
        }
    }
    inside
}

/// The first line (0-based) at or before `upto` that is indented with a
/// tab, and the column of the tab.
fn tab_indent(lines: &[&str], text: &[bool], upto: usize) -> Option<(usize, usize)> {
    lines
        .iter()
        .enumerate()
        .take(upto + 1)
        .find_map(|(n, line)| {
            let lead = &line[..line.len() - line.trim_start_matches([' ', '\t', '-']).len()];
            let tab = lead.find('\t')?;
            ((!text[n] || n == upto) && !line.trim().is_empty())
                .then(|| (n, chars(&lead[..tab]) + 1))
        })
}

/// The first quote (0-based line, and its column) at or before line `upto`
/// that opens a text and is not closed before a line that looks like the
/// next key: the quote the writer forgot to close.
fn unclosed_quote<'a>(lines: &[&'a str], text: &[bool], upto: usize) -> Option<(usize, Line<'a>)> {
    let mut n = 0;
    while n <= upto.min(lines.len().saturating_sub(1)) {
        let Some(l) = line_parts(lines[n]).filter(|_| !text[n]) else {
            n += 1;
            continue;
        };
        let Some(q) = l.value.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            n += 1;
            continue;
        };
        if closing_quote(&l.value[1..], q).is_some() {
            n += 1;
            continue;
        }
        // It goes on: to a line that closes it, unless a line on the way
        // looks like a key of its own (as far in as this one, or less).
        let mut m = n + 1;
        loop {
            let Some(next) = lines.get(m) else {
                return Some((n, l));
            };
            if let Some(p) = line_parts(next)
                && p.key.is_some()
                && p.indent <= l.indent
            {
                return Some((n, l));
            }
            if closing_quote(next, q).is_some() {
                break;
            }
            m += 1;
        }
        n = m + 1;
    }
    None
}

/// The last ` at line N column M` of a message of libyaml: where the thing
/// it was reading started.
fn context_mark(raw: &str) -> Option<(usize, usize)> {
    let i = raw.rfind(" at line ")?;
    let rest = &raw[i + " at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.parse().ok()?, column.parse().ok()?))
}

/// The nearest line above `n` (0-based) that is not blank, not a comment
/// and not inside a `|` text.
fn line_above<'a>(lines: &[&'a str], text: &[bool], n: usize) -> Option<Line<'a>> {
    (0..n.min(lines.len()))
        .rev()
        .filter(|&m| !text[m])
        .find_map(|m| line_parts(lines[m]))
}

/// Turns serde_yaml's error about `yaml` into plain words, at the place
/// where the writer has to act. `at` is the error's place in `yaml`.
fn explain(yaml: &str, raw: &str, at: (usize, usize)) -> Found {
    let lines: Vec<&str> = yaml.lines().collect();
    let text = block_text_lines(&lines);
    let (line, column) = at;
    let n = line.saturating_sub(1);
    let this = lines.get(n).copied().and_then(line_parts);
    // serde_yaml appends " at line 3 column 9"; we show the place ourselves.
    let msg = raw.rfind(" at line ").map_or(raw, |i| &raw[..i]);
    // "goal_areas[0]: unknown field `x`" -> place = "goal_areas[0]"
    let (place, what) = match msg.find(": ") {
        Some(i) if !msg[..i].contains(' ') => (Some(&msg[..i]), &msg[i + 2..]),
        _ => (None, msg),
    };

    if let Some(found) = explain_syntax(&lines, &text, raw, what, at, this) {
        return found;
    }
    if let Some(rest) = what.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let value = this.filter(|l| l.key == Some(key)).map_or("", |l| l.value);
        return Found::new(line, column, unknown_key(key, value, place, &allowed));
    }
    if let Some(rest) = what.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return Found::new(
            line,
            column,
            words::missing_key(key, place.map(words::place)),
        );
    }
    if let Some(rest) = what.strip_prefix("duplicate field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let (l, c) = second_key(&lines, key, at).unwrap_or(at);
        return Found::new(l, c, words::duplicate_key(key, place.map(words::place)));
    }
    if let Some(rest) = what.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        return invalid_type(&lines, place, found, expected, at);
    }
    if let Some(rest) = what
        .strip_prefix("invalid value: ")
        .or_else(|| what.strip_prefix("invalid length "))
    {
        let found = rest.split(", expected").next().unwrap_or(rest);
        return invalid_type(&lines, place, found, "a number", at);
    }
    if let Some(rest) = what.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let key = place.map_or("kind", |p| p.rsplit('.').next().unwrap_or(p));
        let guess = swedish_value(value)
            .filter(|v| allowed.contains(v))
            .map(|v| (true, v))
            .or_else(|| nearest(value, &allowed).map(|v| (false, v)));
        let within = place
            .and_then(|p| p.rsplit_once('.'))
            .map(|(w, _)| words::place(w));
        return Found::new(
            line,
            column,
            words::unknown_value(key, value, within, guess, &allowed),
        );
    }
    Found::new(line, column, words::unreadable(place.map(words::place)))
}

/// The syntax errors of libyaml (and a forgotten quote or a tab, found by
/// looking at the text), at the place where the writer has to act.
fn explain_syntax(
    lines: &[&str],
    text: &[bool],
    raw: &str,
    what: &str,
    at: (usize, usize),
    this: Option<Line<'_>>,
) -> Option<Found> {
    const SYNTAX: [&str; 14] = [
        "mapping values are not allowed",
        "could not find expected ':'",
        "did not find expected",
        "block sequence entries are not allowed",
        "found character that cannot start any token",
        "found unexpected end of stream",
        "found a tab character",
        "unknown anchor",
        "found unknown escape character",
        "found unexpected document indicator",
        "found undefined tag handle",
        "while scanning",
        "while parsing",
        "more than one document",
    ];
    if !SYNTAX.iter().any(|s| what.contains(s)) {
        return None;
    }
    let (line, column) = at;
    let n = line.saturating_sub(1);
    // What the writer did first: a tab, or a quote never closed.
    let tab = tab_indent(lines, text, n);
    let quote = unclosed_quote(lines, text, n);
    match (tab, quote) {
        (Some((t, c)), q) if q.is_none_or(|(qn, _)| t <= qn) => {
            return Some(Found::new(t + 1, c, words::tab()));
        }
        (_, Some((qn, l))) => {
            let q = l.value.chars().next().unwrap_or('"');
            let fix = written(l.key, &format!("{}{q}", l.value));
            return Some(Found::new(
                qn + 1,
                l.value_column,
                words::unclosed_quote(l.key, q, &fix),
            ));
        }
        _ => {}
    }
    // The first key indented, the keys below it not.
    let content: Vec<(usize, Line<'_>)> = lines
        .iter()
        .enumerate()
        .filter(|&(m, _)| !text[m])
        .filter_map(|(m, s)| line_parts(s).map(|l| (m, l)))
        .collect();
    if let Some(&(first, l)) = content.first()
        && l.indent > 0
        && !l.item
        && content.iter().any(|(_, other)| other.indent < l.indent)
    {
        return Some(Found::new(
            first + 1,
            1,
            words::first_indented(l.key.unwrap_or(l.value)),
        ));
    }
    // A `[` or `{` never closed: libyaml names where it opened.
    if raw.contains("while parsing a flow")
        && let Some((l, c)) = context_mark(raw)
        && let Some(open) = lines.get(l.saturating_sub(1)).and_then(|s| line_parts(s))
    {
        let bracket = lines[l - 1].chars().nth(c.saturating_sub(1)).unwrap_or('[');
        if open.key.is_some() && c == open.value_column {
            let key = open.key.unwrap_or_default();
            if LIST_KEYS.contains(&key) {
                return Some(Found::new(l, c, words::unclosed_bracket(key, bracket)));
            }
            let fix = written(open.key, &quoted(open.value));
            return Some(Found::new(
                l,
                c,
                words::special_start(open.key, &bracket.to_string(), &fix),
            ));
        }
        return Some(Found::new(
            l,
            c,
            words::stray_start(&bracket.to_string(), None),
        ));
    }
    let the_char = |l: usize, c: usize| {
        lines
            .get(l.saturating_sub(1))
            .and_then(|s| s.chars().nth(c.saturating_sub(1)))
    };
    if what.contains("mapping values are not allowed") {
        let Some(l) = this else {
            return Some(Found::new(line, column, words::unreadable(None)));
        };
        if column > l.value_column || l.key.is_none() {
            // `title: Nära vård: så gör vi`
            let fix = written(l.key, &quoted(l.value));
            let start = if l.key.is_some() {
                l.value_column
            } else {
                l.key_column
            };
            return Some(Found::new(line, start, words::colon_in_text(l.key, &fix)));
        }
        // The line's own `key:` is taken for part of the text above it.
        if let Some(above) = line_above(lines, text, n) {
            let key = l.key.unwrap_or_default();
            if is_known_key(key) {
                return Some(Found::new(
                    line,
                    l.indent + 1,
                    words::indented_key(key, above.key, above.key_column - 1),
                ));
            }
            let start = text_start(lines, text, n);
            return Some(Found::new(
                start.0,
                start.1,
                words::colon_in_text(start.2, &written(start.2, "\"…\"")),
            ));
        }
    }
    if what.contains("could not find expected ':'") {
        let (l, _) = context_mark(raw).unwrap_or(at);
        let m = l.saturating_sub(1);
        let word = lines.get(m).map_or("", |s| s.trim());
        let indent = lines.get(m).map_or(0, |s| s.len() - s.trim_start().len());
        // A `|` text whose lines are not indented more than its key.
        if let Some(above) = line_above(lines, text, m)
            && above.key.is_some()
            && above.indent == indent
            && (above.value.starts_with('|') || above.value.starts_with('>'))
        {
            return Some(Found::new(
                l,
                indent + 1,
                words::block_text_not_indented(above.key.unwrap_or_default(), above.key_column + 1),
            ));
        }
        return Some(Found::new(l, indent + 1, words::missing_colon(word)));
    }
    if what.contains("did not find expected '-' indicator")
        && let (Some(l), Some(above)) = (this, dash_above(lines, text, n))
    {
        return Some(Found::new(
            line,
            l.key_column,
            words::key_at_dash(l.key.unwrap_or(l.value), above.key, above.key_column - 1),
        ));
    }
    if what.contains("block sequence entries are not allowed")
        && let Some(l) = this
    {
        let key = l.key.unwrap_or_default();
        if LIST_KEYS.contains(&key) {
            return Some(Found::new(
                line,
                l.value_column,
                words::list_on_key_line(key),
            ));
        }
        let fix = written(l.key, &quoted(l.value));
        return Some(Found::new(
            line,
            l.value_column,
            words::special_start(l.key, "-", &fix),
        ));
    }
    if (what.contains("did not find expected key")
        || what.contains("did not find expected node content"))
        && let Some(l) = this
    {
        // `summary: "a" b`
        let q = l.value.chars().next().filter(|c| matches!(c, '"' | '\''));
        if let Some(q) = q
            && closing_quote(&l.value[1..], q).is_some()
            && column > l.value_column
        {
            let fix = written(l.key, &quoted(l.value));
            return Some(Found::new(
                line,
                l.value_column,
                words::text_after_quote(&fix),
            ));
        }
        if l.item {
            if let Some(above) = dash_above(lines, text, n) {
                return Some(Found::new(
                    line,
                    l.indent + 1,
                    words::item_indent(above.indent),
                ));
            }
        } else if let Some(above) = line_above(lines, text, n) {
            return Some(Found::new(
                line,
                l.indent + 1,
                words::key_indent(l.key.unwrap_or(l.value), above.key, above.key_column - 1),
            ));
        }
    }
    if let Some(l) = this {
        // `- kind: page` among keys.
        if l.item && l.indent == 0 && what.contains("did not find expected key") {
            return Some(Found::new(line, 1, words::item_among_keys()));
        }
        // `: title: A`, `]title: A`.
        let first = lines[n][l.indent..].chars().next();
        if let Some(c) = first.filter(|c| matches!(c, ':' | ']' | '}' | ',')) {
            let rest = lines[n][l.indent + 1..].trim();
            return Some(Found::new(
                line,
                l.indent + 1,
                words::stray_start(&c.to_string(), Some(rest)),
            ));
        }
        // `"C:\Users"`: a backslash in double quotes.
        if what.contains("unknown escape character") && l.value.starts_with('"') {
            let inner = l.value[1..]
                .rsplit_once('"')
                .map_or(&l.value[1..], |(i, _)| i);
            let fix = written(l.key, &format!("'{}'", inner.replace('\'', "''")));
            return Some(Found::new(line, column, words::backslash(&fix)));
        }
    }
    // A character before a key: `@kind: page`.
    if let Some(l) = this
        && let Some(c) = l
            .key
            .and_then(|k| k.chars().next())
            .filter(|c| SPECIAL.contains(*c))
    {
        let key = l.key.unwrap_or_default();
        let rest = &key[c.len_utf8()..];
        return Some(Found::new(
            line,
            l.key_column,
            words::stray_start(&c.to_string(), Some(&written(Some(rest), l.value))),
        ));
    }
    // Something after the quote that closes a text: `title: "A"@`.
    let after_quote = (0..=n.min(lines.len().saturating_sub(1)))
        .filter(|&m| !text[m])
        .find_map(|m| {
            let l = line_parts(lines[m])?;
            let q = l.value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
            let end = closing_quote(&l.value[1..], q)?;
            let rest = l.value[1 + end + 1..].trim();
            (!rest.is_empty() && !rest.starts_with('#')).then_some((m, l))
        });
    if let Some((m, l)) = after_quote {
        let fix = written(l.key, &quoted(l.value));
        return Some(Found::new(
            m + 1,
            l.value_column,
            words::text_after_quote(&fix),
        ));
    }
    // A text that starts with a character YAML reads as something else:
    // `@`, `` ` ``, `*`, `&`, `!`, `%`, `|`, `>`, `[`, `{`.
    if let Some(l) = this {
        let first = l.value.chars().next().or_else(|| the_char(line, column));
        if let Some(c) = first.filter(|c| SPECIAL.contains(*c)) {
            let fix = written(l.key, &quoted(l.value));
            return Some(Found::new(
                line,
                l.value_column,
                words::special_start(l.key, &c.to_string(), &fix),
            ));
        }
    }
    Some(Found::new(line, column, words::unreadable(None)))
}

/// The line (1-based) and column where the plain text that line `n`
/// (0-based) goes on starts, and its key.
fn text_start<'a>(lines: &[&'a str], text: &[bool], n: usize) -> (usize, usize, Option<&'a str>) {
    let indent = |s: &str| s.len() - s.trim_start().len();
    let mut m = n;
    while m > 0 {
        m -= 1;
        if text[m] || lines[m].trim().is_empty() {
            continue;
        }
        if let Some(l) = line_parts(lines[m])
            && (l.key.is_some() || l.item)
            && indent(lines[m]) < indent(lines[n])
        {
            return (m + 1, l.value_column, l.key);
        }
    }
    (n + 1, indent(lines[n]) + 1, None)
}

/// The nearest item (`- `) above line `n` (0-based).
fn dash_above<'a>(lines: &[&'a str], text: &[bool], n: usize) -> Option<Line<'a>> {
    (0..n.min(lines.len()))
        .rev()
        .filter(|&m| !text[m])
        .filter_map(|m| line_parts(lines[m]))
        .find(|l| l.item)
}

/// Where `key` is set the second time in the group of keys that starts at
/// `at` (serde_yaml points at the group).
fn second_key(lines: &[&str], key: &str, at: (usize, usize)) -> Option<(usize, usize)> {
    let (line, column) = at;
    let mut seen = false;
    for (n, s) in lines.iter().enumerate().skip(line.saturating_sub(1)) {
        let Some(l) = line_parts(s) else { continue };
        if n + 1 > line && l.indent + 1 < column && !(l.item && l.key_column > column) {
            break;
        }
        if l.key_column == column && l.key == Some(key) {
            if seen {
                return Some((n + 1, column));
            }
            seen = true;
        }
    }
    None
}

/// A value of the wrong kind: `weight: tre`, `title:` with a list under it.
fn invalid_type(
    lines: &[&str],
    place: Option<&str>,
    found: &str,
    expected: &str,
    at: (usize, usize),
) -> Found {
    let (line, column) = at;
    let key = place.map(|p| p.rsplit('.').next().unwrap_or(p));
    let key = key.filter(|k| !k.ends_with(']'));
    let within = place
        .and_then(|p| p.rsplit_once('.').map(|(w, _)| w))
        .or(place.filter(|p| p.ends_with(']')))
        .map(words::place);
    // The line the value is on (a list under `title:` starts below it).
    let on_line = lines
        .get(line.saturating_sub(1))
        .and_then(|s| line_parts(s));
    let value = on_line
        .filter(|l| l.key.is_some() && l.key == key)
        .map(|l| l.value.trim_end());
    let wanted = match expected {
        e if e.starts_with('i') || e.starts_with('u') || e == "a number" => Wanted::Number,
        "a string" | "a borrowed string" => Wanted::Text,
        "a sequence" => Wanted::List,
        "a boolean" => Wanted::Bool,
        e if e.starts_with("struct") || e == "a map" => Wanted::Group,
        _ => Wanted::Other,
    };
    let found = if let Some(s) = found.strip_prefix("string ") {
        Got::Text(s.trim_matches('"').to_string())
    } else if let Some(n) = found
        .strip_prefix("integer ")
        .or_else(|| found.strip_prefix("floating point "))
    {
        Got::Number(
            n.trim_matches('`')
                .split('`')
                .next()
                .unwrap_or_default()
                .to_string(),
        )
    } else if found == "sequence" {
        Got::List
    } else if found == "map" {
        Got::Group
    } else if found == "unit value" {
        Got::Empty
    } else if let Some(b) = found.strip_prefix("boolean ") {
        Got::Text(b.trim_matches('`').to_string())
    } else {
        Got::Other(found.to_string())
    };
    // A file of one line without a colon: YAML reads it as one text.
    if place.is_none() && wanted == Wanted::Group && matches!(found, Got::Text(_)) {
        let n = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
        let indent = lines.get(n).map_or(0, |s| s.len() - s.trim_start().len());
        let word = lines.get(n).map_or("", |s| s.trim());
        return Found::new(n + 1, indent + 1, words::missing_colon(word));
    }
    // `- Tillsammans` where a goal area's keys go.
    if key.is_none()
        && wanted == Wanted::Group
        && let (Some(p), Got::Text(text)) = (place, &found)
        && let Some((list, _)) = p.rsplit('.').next().and_then(|l| l.split_once('['))
    {
        let first = if list == "shifts" { "from" } else { "title" };
        let item = within.clone().unwrap_or_default();
        return Found::new(line, column, words::item_without_key(&item, first, text));
    }
    let (message, hint) = words::wrong_kind(key, within, wanted, &found, value);
    // A list or group under the key: point at the key, where the text goes.
    let column = match (wanted, &found, on_line) {
        (Wanted::Text, Got::List | Got::Group, Some(l)) if l.key == key => l.value_column,
        _ => column,
    };
    Found::new(line, column, (message, hint))
}

/// What a key wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wanted {
    Number,
    Text,
    List,
    Bool,
    Group,
    Other,
}

/// What the writer gave instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Got {
    Text(String),
    Number(String),
    List,
    Group,
    Empty,
    Other(String),
}

/// The characters a plain text cannot start with.
const SPECIAL: &str = "@`*&!%|>[{]}:,";

/// The keys whose value is a list.
const LIST_KEYS: [&str; 10] = [
    "goal_areas",
    "factors",
    "shifts",
    "themes",
    "organisations",
    "ignore",
    "known_problems",
    "disproportionate_burden",
    "not_covered",
    "checks",
];

/// Every key the README documents (front matter and `site.yaml`), and where
/// it belongs: `None` where it may be used here and elsewhere alike.
const KEYS: &[(&str, Belongs)] = &[
    ("title", Belongs::Anywhere),
    ("description", Belongs::Anywhere),
    ("summary", Belongs::Anywhere),
    ("template", Belongs::Anywhere),
    ("check", Belongs::Anywhere),
    ("weight", Belongs::Anywhere),
    ("draft", Belongs::Anywhere),
    ("slug", Belongs::Anywhere),
    ("lang", Belongs::Anywhere),
    ("date", Belongs::PublicationOrPart),
    ("themes", Belongs::PublicationOrPart),
    ("horizon", Belongs::PublicationOrPart),
    ("organisations", Belongs::Region),
    ("logo", Belongs::Region),
    ("logo_alt", Belongs::Region),
    ("contact", Belongs::Region),
    ("publisher", Belongs::Publication),
    ("place", Belongs::Publication),
    ("adopted_by", Belongs::Publication),
    ("reference", Belongs::Publication),
    ("kind", Belongs::Part),
    ("vision", Belongs::GoalPicture),
    ("goal_areas", Belongs::GoalPicture),
    ("factors", Belongs::SuccessFactors),
    ("shifts", Belongs::Part),
    ("means", Belongs::GoalArea),
    ("text", Belongs::GoalArea),
    ("from", Belongs::Shift),
    ("to", Belongs::Shift),
    ("name", Belongs::Contact),
    ("email", Belongs::Contact),
    ("phone", Belongs::Contact),
    ("url", Belongs::Contact),
    ("address", Belongs::Contact),
    ("ignore", Belongs::Check),
    ("language", Belongs::SiteYaml),
    ("base_url", Belongs::SiteYaml),
    ("theme", Belongs::SiteYaml),
    ("organisation", Belongs::SiteYaml),
    ("accessibility", Belongs::SiteYaml),
    ("split", Belongs::SiteYaml),
];

/// Where a documented key is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Belongs {
    Anywhere,
    PublicationOrPart,
    Region,
    Publication,
    Part,
    GoalPicture,
    SuccessFactors,
    GoalArea,
    Shift,
    Contact,
    Check,
    SiteYaml,
}

fn is_known_key(key: &str) -> bool {
    KEYS.iter().any(|(k, _)| *k == key)
}

/// Swedish (and other likely) words for each key: the communicator's first
/// guess. The first of a word's keys that is allowed where it is written
/// wins (`namn` is `title` on a page and `name` under `contact:`).
const SWEDISH_KEYS: &[(&str, &[&str])] = &[
    ("titel", &["title"]),
    ("titeln", &["title"]),
    ("rubrik", &["title"]),
    ("rubriken", &["title"]),
    ("overskrift", &["title"]),
    ("sidtitel", &["title"]),
    ("namn", &["name", "title"]),
    ("vikt", &["weight"]),
    ("ordning", &["weight"]),
    ("ordningsfoljd", &["weight"]),
    ("sortering", &["weight"]),
    ("nummer", &["weight"]),
    ("nr", &["weight"]),
    ("order", &["weight"]),
    ("datum", &["date"]),
    ("publiceringsdatum", &["date"]),
    ("beslutsdatum", &["date"]),
    ("sammanfattning", &["summary"]),
    ("sammandrag", &["summary"]),
    ("ingress", &["summary"]),
    ("beskrivning", &["description", "text", "summary"]),
    ("metabeskrivning", &["description"]),
    ("tema", &["theme", "themes"]),
    ("teman", &["themes"]),
    ("amne", &["themes"]),
    ("amnen", &["themes"]),
    ("taggar", &["themes"]),
    ("tags", &["themes"]),
    ("nyckelord", &["themes"]),
    ("utkast", &["draft"]),
    ("opublicerad", &["draft"]),
    ("visionen", &["vision"]),
    ("horisont", &["horizon"]),
    ("tidshorisont", &["horizon"]),
    ("malar", &["horizon"]),
    ("artal", &["horizon"]),
    ("typ", &["kind"]),
    ("sort", &["kind"]),
    ("slag", &["kind"]),
    ("sidtyp", &["kind"]),
    ("type", &["kind"]),
    ("adress", &["address", "slug"]),
    ("webbadress", &["url", "base_url", "slug"]),
    ("mall", &["template"]),
    ("sidmall", &["template"]),
    ("sprak", &["lang", "language"]),
    ("malomraden", &["goal_areas"]),
    ("malomrade", &["goal_areas"]),
    ("omraden", &["goal_areas"]),
    ("framgangsfaktorer", &["factors"]),
    ("framgangsfaktor", &["factors"]),
    ("faktorer", &["factors"]),
    ("forutsattningar", &["factors"]),
    ("perspektivskiften", &["shifts"]),
    ("perspektivskifte", &["shifts"]),
    ("skiften", &["shifts"]),
    ("forflyttningar", &["shifts"]),
    ("utgivare", &["publisher"]),
    ("avsandare", &["publisher"]),
    ("ort", &["place"]),
    ("plats", &["place"]),
    ("stad", &["place"]),
    ("antagen_av", &["adopted_by"]),
    ("beslutad_av", &["adopted_by"]),
    ("faststalld_av", &["adopted_by"]),
    ("diarienummer", &["reference"]),
    ("dnr", &["reference"]),
    ("referens", &["reference"]),
    ("organisationer", &["organisations"]),
    ("organisation", &["organisations", "organisation"]),
    ("logotyp", &["logo"]),
    ("logga", &["logo"]),
    ("alttext", &["logo_alt"]),
    ("logotyp_alt", &["logo_alt"]),
    ("kontakt", &["contact"]),
    ("kontaktuppgifter", &["contact"]),
    ("medel", &["means"]),
    ("hur", &["means"]),
    ("genom", &["means"]),
    ("brodtext", &["text"]),
    ("fran", &["from"]),
    ("till", &["to"]),
    ("epost", &["email"]),
    ("e_post", &["email"]),
    ("mejl", &["email"]),
    ("mail", &["email"]),
    ("telefon", &["phone"]),
    ("tel", &["phone"]),
    ("telefonnummer", &["phone"]),
    ("webbplats", &["url"]),
    ("hemsida", &["url"]),
    ("postadress", &["address"]),
    ("kontroll", &["check"]),
    ("kontroller", &["check"]),
    ("ignorera", &["ignore"]),
    ("tillganglighet", &["accessibility"]),
];

/// `key` folded as [`SWEDISH_KEYS`] writes it: lower case, å ä → a, ö → o,
/// `-` and spaces → `_`.
fn fold(key: &str) -> String {
    key.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' => 'o',
            'é' | 'è' => 'e',
            '-' | ' ' => '_',
            c => c,
        })
        .collect()
}

/// The documented key a Swedish `key` stands for, if `allowed` has it (or,
/// when `allowed` is empty, the first).
fn swedish_key(key: &str, allowed: &[&str]) -> Option<&'static str> {
    let folded = fold(key);
    let (_, keys) = SWEDISH_KEYS.iter().find(|(sv, _)| *sv == folded)?;
    keys.iter().copied().find(|k| allowed.contains(k))
}

/// The `kind` a Swedish word stands for.
fn swedish_value(value: &str) -> Option<&'static str> {
    Some(match fold(value).as_str() {
        "malbild" | "malbilden" | "mal" => "goal-picture",
        "framgangsfaktorer" | "forutsattningar" | "faktorer" => "success-factors",
        "bakgrund" | "bakgrunden" | "perspektivskiften" | "syfte" => "background",
        "sida" | "text" | "vanlig" => "page",
        _ => return None,
    })
}

/// The allowed word nearest to `word`, if it is near enough to be a slip.
fn nearest<'a>(word: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|k| (strsim::jaro_winkler(&word.to_lowercase(), k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The message for a key that is not allowed where it is written.
fn unknown_key(key: &str, value: &str, place: Option<&str>, allowed: &[&str]) -> (String, String) {
    let within = place.map(words::place);
    if let Some(rest) = key.strip_prefix('-') {
        // `-title: A`: a list item without its space.
        return words::dash_without_space(rest.trim(), value);
    }
    if let Some(english) = swedish_key(key, allowed) {
        return words::swedish_key(key, english, value, within);
    }
    // A documented key (or the Swedish word for one) that belongs elsewhere.
    let documented = KEYS.iter().find(|(k, _)| *k == key).or_else(|| {
        let english = swedish_key(key, &KEYS.iter().map(|(k, _)| *k).collect::<Vec<_>>())?;
        KEYS.iter().find(|(k, _)| *k == english)
    });
    if let Some(&(english, belongs)) = documented
        && belongs != Belongs::Anywhere
    {
        return words::key_elsewhere(key, english, belongs, within);
    }
    match nearest(key, allowed) {
        Some(k) => words::misspelt_key(key, k, value, within),
        None => words::unknown_key(key, within, allowed),
    }
}

/// Every sentence this module (and `model`, about front matter) says.
pub(crate) mod words;

#[cfg(test)]
mod tests {
    // See: issue 11 (`title: ”Nära vård 2030”` kept its quotes).
    #[test]
    fn curly_quotes_around_values() {
        let yaml = "title: ”Nära vård 2030”\nsummary: Om ”Nära vård”\nfactors:\n  - title: „Hälsa“\n    summary: ”a” och ”b”\ntext: |\n  ”citat”\nlist:\n  - ”x”\n";
        let found: Vec<_> = curly_quoted(yaml)
            .into_iter()
            .map(|(at, key, inner)| (yaml[..at].matches('\n').count(), key, inner))
            .collect();
        assert_eq!(
            found,
            [
                (0, Some("title"), "Nära vård 2030"),
                (3, Some("title"), "Hälsa"),
                (8, None, "x"),
            ]
        );
    }

    // See: issue 11 (`text: a (t.ex. 1177 #vårdnära) b` lost its end).
    #[test]
    fn comments_that_cut_a_text() {
        let lost =
            |yaml: &str| lost_comment(Path::new("a.md"), yaml, yaml, 1).map(|d| (d.line, d.column));
        for (yaml, want) in [
            (
                "text: Digitala verktyg (t.ex. 1177 #vårdnära) som\n",
                Some((1, 36)),
            ),
            ("title: A\ntitle: Bilaga #2\n", Some((2, 15))),
            ("goal_areas:\n  - title: Nära vård # 2030\n", Some((2, 22))),
            ("text: Nära vård\n  och hälsa #x\n", Some((2, 13))),
            ("weight: 1   # the order\n", None),
            ("kind: goal-picture # shows the vision\n", None),
            ("# a comment\ntitle: A\n", None),
            ("title: \"A #b\" # ok\n", None),
            ("title: 'A #b c' # ok\n", None),
            ("text: \"a\n  b #c d\"\n", None),
            ("text: |\n  a #b c\n", None),
            ("title: C#-kurs i Nära vård\n", None),
            ("title: A\n# tags: #a #b\n", None),
            ("tags: [a, b #c]\n", None),
        ] {
            assert_eq!(lost(yaml), want, "{yaml}");
        }
        let d = lost_comment(
            Path::new("a.md"),
            "text: a (t.ex. 1177 #vårdnära) b",
            "text: a (t.ex. 1177 #vårdnära) b",
            1,
        )
        .unwrap();
        assert_eq!(
            d.hint.as_deref(),
            Some(
                "sätt hela texten inom raka citattecken: `text: \"a (t.ex. 1177 #vårdnära) b\"` (fler rader: sätt citattecknen runt hela texten)"
            )
        );
    }

    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        #[serde(default)]
        weight: i64,
        #[serde(default)]
        date: Option<String>,
    }

    fn parse_file(text: &str) -> Result<Fm, Diagnostic> {
        let path = Path::new("a.md");
        let s = split(path, text)?;
        parse(path, text, s.yaml, s.yaml_line)
    }

    /// Parses `text` as a part's front matter; its error as (line,
    /// column, message, hint).
    fn part_error(text: &str) -> (usize, usize, String, String) {
        let path = Path::new("a.md");
        let d = split(path, text)
            .and_then(|s| {
                parse::<crate::model::PartMeta>(path, text, s.yaml, s.yaml_line).map(|_| ())
            })
            .expect_err(text);
        (d.line, d.column, d.message, d.hint.unwrap_or_default())
    }

    // See: issue 11. Each slip: the one place where the writer acts, the
    // message and the hint, with no parser wording.
    #[test]
    fn cases() {
        let cases: &[(&str, (usize, usize), &str, &str)] = &[
            (
                "---\ntitle: Nära vård: så gör vi\n---\n",
                (2, 8),
                "texten efter `title:` har ett kolon följt av mellanslag, och då läses resten som en ny nyckel",
                "sätt hela texten inom raka citattecken: `title: \"Nära vård: så gör vi\"`",
            ),
            (
                "---\ntitle: Bilaga\nkind: goal-picture\ngoal_areas:\n  - title: A\n  - title: B: C\n---\n",
                (6, 12),
                "texten efter `title:` har ett kolon följt av mellanslag, och då läses resten som en ny nyckel",
                "`title: \"B: C\"`",
            ),
            (
                "---\ntitle: \"Plan 2030\nweight: 2\nsummary: Text.\n---\n",
                (2, 8),
                "citattecknet som börjar texten efter `title:` stängs aldrig, så raderna under räknas in i texten",
                "sätt ett likadant citattecken (\") sist i texten: `title: \"Plan 2030\"`",
            ),
            (
                "---\ntitle: \"Plan 2030\nsummary: \"Text\"\n---\n",
                (2, 8),
                "citattecknet som börjar texten efter `title:` stängs aldrig",
                "`title: \"Plan 2030\"`",
            ),
            (
                "---\ntitle: A\nsummary: 'Text\n---\n",
                (3, 10),
                "citattecknet som börjar texten efter `summary:` stängs aldrig",
                "(') sist i texten: `summary: 'Text'`",
            ),
            (
                "---\ntitle: A\n\tweight: 2\n---\n",
                (3, 1),
                "raden är indragen med tabb, och front matter får bara dras in med mellanslag",
                "ta bort tabben och skriv mellanslag i stället, två per nivå",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n \t - title: B\n---\n",
                (6, 2),
                "raden är indragen med tabb",
                "ta bort tabben",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n - title: B\n---\n",
                (6, 2),
                "punkten står inte lika långt in som punkten ovanför i samma lista",
                "börja raden med 2 mellanslag före `-`, som punkten ovanför",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n- title: A\n  - title: B\n---\n",
                (6, 3),
                "punkten står inte lika långt in som punkten ovanför i samma lista",
                "börja raden med `-` längst till vänster, som punkten ovanför",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n  text: B\n---\n",
                (6, 3),
                "`text:` står lika långt in som `-` i punkten ovanför, så den hör varken till punkten eller är en ny punkt",
                "dra in `text:` lika långt som `title:` i punkten ovanför (4 mellanslag), så hör den till samma punkt",
            ),
            (
                "---\ntitle: A\n weight: 2\n---\n",
                (3, 2),
                "`weight:` är indragen längre än `title:` på raden ovanför, så den läses som en del av texten där",
                "börja `weight:` lika långt in som `title:` ovanför (0 mellanslag)",
            ),
            (
                "---\ntitle: A\nweight:\n---\n",
                (3, 8),
                "`weight:` har inget värde",
                "skriv ett heltal efter kolonet, t.ex. `weight: 2`, eller ta bort raden",
            ),
            (
                "---\ntitle: A\nweight\n---\n",
                (3, 1),
                "raden ”weight” saknar kolon, så den är varken en nyckel med värde eller en fortsättning på texten ovanför",
                "skriv ett kolon och ett mellanslag efter nyckeln (`weight: …`); eller, om raden fortsätter texten ovanför, dra in den med två mellanslag",
            ),
            (
                "---\ntitle A\n---\n",
                (2, 1),
                "raden ”title A” saknar kolon",
                "`title: …`",
            ),
            (
                "---\ntitle: A\nhorisont: 2030\n---\n",
                (3, 1),
                "okänd nyckel `horisont`",
                "skriv `horizon: 2030`: nycklarna skrivs på engelska",
            ),
            (
                "---\ntitle: A\nvikt: 3\n---\n",
                (3, 1),
                "okänd nyckel `vikt`",
                "skriv `weight: 3`: nycklarna skrivs på engelska",
            ),
            (
                "---\ntitel: A\n---\n",
                (2, 1),
                "okänd nyckel `titel`",
                "skriv `title: A`: nycklarna skrivs på engelska",
            ),
            (
                "---\ntitle: A\nSammanfattning: Text\n---\n",
                (3, 1),
                "okänd nyckel `Sammanfattning`",
                "skriv `summary: Text`",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\nmålområden:\n  - title: B\n---\n",
                (4, 1),
                "okänd nyckel `målområden`",
                "skriv `goal_areas:`",
            ),
            (
                "---\ntitle: A\ntitl: B\n---\n",
                (3, 1),
                "okänd nyckel `titl`",
                "menade du `title`? Skriv `title: B`",
            ),
            (
                "---\ntitle: A\npublisher: Region A\n---\n",
                (3, 1),
                "`publisher:` hör inte hemma här",
                "`publisher:` skrivs i publikationens _index.md",
            ),
            (
                "---\ntitle: A\nweight: tre\n---\n",
                (3, 9),
                "`weight` ska vara ett heltal, men här står texten ”tre”",
                "skriv talet med siffror: `weight: 3`",
            ),
            (
                "---\ntitle: A\nhorizon: 2030-talet\n---\n",
                (3, 10),
                "`horizon` ska vara ett heltal, men här står texten ”2030-talet”",
                "skriv bara siffror: `horizon: 2030`",
            ),
            (
                "---\ntitle: A\nweight: 2\nweight: 3\n---\n",
                (4, 1),
                "`weight:` står två gånger",
                "ta bort den ena raden: bara en av dem kan gälla",
            ),
            (
                "---\ntitle: A\nkind: success-factors\nfactors:\n  - title: A\n    summary: B\n    summary: C\n---\n",
                (7, 5),
                "`summary:` står två gånger i den första framgångsfaktorn",
                "ta bort den ena raden",
            ),
            (
                "---\ntitle: A\n\n## Ordlista\n",
                (4, 1),
                "front matter tar aldrig slut: raden --- som ska avsluta den saknas",
                "skriv en rad med bara --- före den här raden, direkt efter den sista nyckeln",
            ),
            (
                "---\ntitle: A\nweight: 2\n",
                (3, 1),
                "front matter tar aldrig slut: raden --- som ska avsluta den saknas",
                "skriv en rad med bara --- efter den här raden",
            ),
            (
                "---\ntitle:\n  - A\n  - B\n---\n",
                (3, 3),
                "`title` ska vara en text, men här är det en lista",
                "skriv texten direkt efter `title:` på samma rad, utan `- ` och utan indragna rader under",
            ),
            (
                "---\ntitle: A\nsummary: [Se bakgrunden](bakgrund.md) och mer\n---\n",
                (3, 10),
                "`summary` ska vara en text, men här är det en lista",
                "en text som börjar med `[` läses som en lista; sätt hela texten inom raka citattecken: `summary: \"[Se bakgrunden](bakgrund.md) och mer\"`",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n  - titel: B\n---\n",
                (6, 5),
                "okänd nyckel `titel` i det andra målområdet",
                "skriv `title: B`",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n  - title: B\n  - text: C\n---\n",
                (7, 5),
                "`title:` saknas i det tredje målområdet",
                "lägg till en rad `title: …`",
            ),
            (
                "---\ntitle: A\nkind: background\nshifts:\n  - from: A\n---\n",
                (5, 5),
                "`to:` saknas i det första perspektivskiftet",
                "lägg till en rad `to: …`",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n  - title: [B]\n---\n",
                (6, 12),
                "`title` i det andra målområdet ska vara en text, men här är det en lista",
                "`title: \"[B]\"`",
            ),
            (
                "---\ntitle: A\nthemes: samverkan, tillit\n---\n",
                (3, 9),
                "`themes` ska vara en lista, men här står texten ”samverkan, tillit”",
                "skriv `themes: [samverkan, tillit]`",
            ),
            (
                "---\ntitle: A\ndraft: ja\n---\n",
                (3, 8),
                "`draft` ska vara true eller false, men här står texten ”ja”",
                "skriv `draft: true` (ja) eller `draft: false` (nej)",
            ),
            (
                "---\ntitle: A\nsummary: *Viktigt* text\n---\n",
                (3, 10),
                "texten efter `summary:` börjar med `*`, och då läses den inte som text",
                "`summary: \"*Viktigt* text\"`",
            ),
            (
                "---\ntitle: A\nsummary: \"a\" b\n---\n",
                (3, 10),
                "texten fortsätter efter citattecknet som avslutar den",
                "`summary: '\"a\" b'`",
            ),
            (
                "---\ntitle: A\ngoal_areas: - title: A\n---\n",
                (3, 13),
                "en lista kan inte börja på samma rad som `goal_areas:`",
                "skriv `goal_areas:` ensamt på raden",
            ),
            (
                "---\ntitle: A\nkind: målbild\n---\n",
                (3, 7),
                "`kind` kan inte vara `målbild`",
                "skriv `kind: goal-picture`",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n    text: |\n    B\n---\n",
                (7, 5),
                "raden hör till texten efter `text: |` men är inte indragen längre än `text:`",
                "dra in textens rader längre än `text:`, t.ex. 6 mellanslag",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n  - title: A\n  - Nära\n---\n",
                (6, 5),
                "texten ”Nära” står utan nyckel i det andra målområdet",
                "skriv nyckeln före texten: `- title: Nära`",
            ),
            (
                "---\ntitle: A\nkind: goal-picture\ngoal_areas:\n-title: A\n---\n",
                (5, 1),
                "`-title` saknar mellanslag efter `-`",
                "skriv `- title: A`",
            ),
        ];
        let mut failures = Vec::new();
        for (input, at, message, hint) in cases {
            let (line, column, m, h) = part_error(input);
            if (line, column) != *at || !m.starts_with(message) || !h.contains(hint) {
                failures.push(format!(
                    "{input:?}\n got: {line}:{column}: {m} / {h}\nwant: {}:{}: {message} / …{hint}…",
                    at.0, at.1
                ));
            }
            for parser_words in ["mapping values", "scalar", "expected", "YAML", "stream"] {
                if m.contains(parser_words) || h.contains(parser_words) {
                    failures.push(format!("{input:?}: parser words in {m} / {h}"));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    // Every one-character slip at every place of a real front matter gets
    // a message with a place inside the file, and no panic.
    #[test]
    fn every_slip_is_explained_without_panic() {
        let bases = [
            "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\nvision: Tillsammans skapar vi hälsa.\ngoal_areas:\n  - title: Tillsammans\n    means: genom delaktighet\n    text: |\n      Individen är delaktig.\n  - title: Nära\n    text: \"Vården: nära\"\n---\n\nText.\n",
            "---\ntitle: Bakgrund\nkind: background\nthemes: [samverkan, tillit]\nshifts:\n  - from: 'Organisation'\n    to: Person\ncheck:\n  ignore: [lix]\n---\n",
        ];
        let slips = [
            "\"", "'", ":", ": ", " ", "\t", "-", "- ", "\n", "[", "{", "]", "#", " #", "*", "|",
            ">", "ä", "&", "!", "%", "@", "`", "\\", "---\n",
        ];
        let mut failures = Vec::new();
        for base in bases {
            let places: Vec<usize> = (0..=base.len())
                .filter(|&i| base.is_char_boundary(i))
                .collect();
            for &at in &places {
                for slip in slips {
                    let text = format!("{}{slip}{}", &base[..at], &base[at..]);
                    let path = Path::new("a.md");
                    let result = std::panic::catch_unwind(|| {
                        split(path, &text).and_then(|s| {
                            parse::<crate::model::PartMeta>(path, &text, s.yaml, s.yaml_line)
                                .map(|_| ())
                        })
                    });
                    match result {
                        Err(_) => failures.push(format!("panic: {text:?}")),
                        Ok(Err(d)) => {
                            let lines = text.lines().count().max(1);
                            if d.line == 0 || d.line > lines || d.column == 0 {
                                failures.push(format!("{}:{} outside: {text:?}", d.line, d.column));
                            }
                            for words in ["mapping values", "scalar", "did not find", "stream"] {
                                if d.message.contains(words) {
                                    failures.push(format!("{}: {text:?}", d.message));
                                }
                            }
                        }
                        Ok(Ok(())) => {}
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} failures:\n{}",
            failures.len(),
            failures[..failures.len().min(30)].join("\n")
        );
    }

    // See: issue 11 (`goal_areas[0]`): items are counted from 1, in words.
    #[test]
    fn items_in_words() {
        for (path, want) in [
            ("goal_areas[0]", "i det första målområdet"),
            ("goal_areas[1]", "i det andra målområdet"),
            ("factors[0]", "i den första framgångsfaktorn"),
            ("shifts[2]", "i det tredje perspektivskiftet"),
            ("goal_areas[20]", "i det 21:a målområdet"),
            ("factors[22]", "i den 23:e framgångsfaktorn"),
            ("check.ignore[1]", "i den andra punkten under `ignore:`"),
            ("contact", "under `contact:`"),
        ] {
            assert_eq!(words::place(path), want, "{path}");
        }
    }

    #[test]
    fn dates_stay_text() {
        let fm = parse_file("---\ntitle: A\ndate: 2023-01-24\n---\nbody").unwrap();
        assert_eq!(fm.date.as_deref(), Some("2023-01-24"));
        let fm = parse_file("---\ntitle: A\ndate: 2023\n---\nbody").unwrap();
        assert_eq!(fm.date.as_deref(), Some("2023"));
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let s = split(Path::new("a.md"), "# Hej\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body_offset, 0);
    }
}
