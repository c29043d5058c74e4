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
pub struct Split<'a> {
    /// The YAML text, without the `---` lines; empty when there is none.
    pub yaml: &'a str,
    /// The 1-based line of the file on which `yaml` starts.
    pub yaml_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Cuts `text` (the whole file, BOM and CRLF already removed) into front
/// matter and body. A file that does not start with `---` has no front matter.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(Split {
            yaml: "",
            yaml_line: 1,
            body: text,
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
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(path, "the front matter never ends")
        .at(text, 1, 1)
        .with_hint(
            "the front matter starts with --- on line 1; add a line with only --- after its last key",
        ))
}

/// Reads YAML into `T`. `file_text` is the whole file and `first_line` the
/// line of the file where `yaml` starts, so that errors point into the file.
pub fn parse<T: DeserializeOwned>(
    path: &Path,
    file_text: &str,
    yaml: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    if let Some((line, column)) = too_deep(yaml) {
        return Err(Diagnostic::error(
            path,
            format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
        )
        .at(file_text, line + first_line - 1, column)
        .with_hint(
            "a list or group of keys inside another this many times is not a målbild's content; check the brackets [ ] and { } and the indentation from here on",
        ));
    }
    serde_yaml::from_str(yaml).map_err(|err| {
        let (line, column) = err
            .location()
            .map_or((first_line, 1), |l| (l.line() + first_line - 1, l.column()));
        explain(path, &err.to_string(), yaml).at(file_text, line, column.max(1))
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
pub fn lost_comment(
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
    Diagnostic::error(
        path,
        format!(
            "allt från ` #` till radens slut räknas som en kommentar och publiceras inte; här blir texten bara ”{kept}”"
        ),
    )
    .with_hint(format!(
        "sätt hela texten inom raka citattecken: `{fix}` (fler rader: sätt citattecknen runt hela texten)"
    ))
}

/// The curly quotes that YAML keeps around whole values (issue 11: `title:
/// ”Nära vård 2030”` was published with its quotes): for each value that
/// starts with `”`, `“` or `„` and ends with `”` or `“`, with no other
/// curly quote inside, its byte offset in `yaml`, its key (`None` for an item
/// of a list) and the text inside the quotes. Lines of `|` and `>` texts are
/// left alone.
pub fn curly_quoted(yaml: &str) -> Vec<(usize, Option<&str>, &str)> {
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
pub const MAX_DEPTH: usize = 64;

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

/// Turns serde_yaml's message into words and a hint.
fn explain(path: &Path, raw: &str, yaml: &str) -> Diagnostic {
    // serde_yaml appends " at line 3 column 9"; we show the place ourselves.
    let msg = match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    };
    // "goal_areas[0]: unknown field `x`" -> where = "goal_areas[0]"
    let (place, what) = match msg.find(": ") {
        Some(i) if !msg[..i].contains(' ') => (Some(&msg[..i]), &msg[i + 2..]),
        _ => (None, msg),
    };
    let within = place.map(|p| format!(" in `{p}`")).unwrap_or_default();

    if let Some(rest) = what.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let mut d = Diagnostic::error(path, format!("unknown key `{key}`{within}"));
        let best = allowed
            .iter()
            .map(|k| (strsim::jaro_winkler(key, k), *k))
            .filter(|(score, _)| *score > 0.75)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        let list = allowed.join(", ");
        d = match best {
            Some((_, k)) => d.with_hint(format!(
                "did you mean `{k}`? The keys allowed here are: {list}"
            )),
            None if list.is_empty() => d.with_hint("remove this key"),
            None => d.with_hint(format!("remove it, or use one of: {list}")),
        };
        return d;
    }
    if let Some(rest) = what.strip_prefix("missing field `") {
        let key = rest.split('`').next().unwrap_or_default();
        return Diagnostic::error(path, format!("`{key}` is missing{within}"))
            .with_hint(format!("add a line `{key}: ...`"));
    }
    if let Some(rest) = what.strip_prefix("invalid type: ") {
        let (found, expected) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        let (wanted, example) = plain_type(expected);
        let key = place
            .map(|p| format!("`{p}`"))
            .unwrap_or_else(|| "this value".into());
        return Diagnostic::error(
            path,
            format!(
                "{key} should be {wanted}, but here it is {}",
                plain_found(found)
            ),
        )
        .with_hint(example);
    }
    if let Some(rest) = what.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        let allowed: Vec<&str> = rest
            .split_once("expected ")
            .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
            .unwrap_or_default();
        let key = place
            .map(|p| format!("`{p}`"))
            .unwrap_or_else(|| "this value".into());
        return Diagnostic::error(path, format!("{key} cannot be `{value}`"))
            .with_hint(format!("use one of: {}", allowed.join(", ")));
    }
    let _ = yaml;
    Diagnostic::error(path, format!("the YAML{within} cannot be read: {what}")).with_hint(
        "each line is `key: value`; indent list items and nested keys with spaces, not tabs; \
         put text containing `: ` or starting with a special character in double quotes",
    )
}

fn plain_type(expected: &str) -> (&'static str, &'static str) {
    match expected {
        e if e.starts_with('i') || e.starts_with('u') => (
            "a whole number",
            "write digits only, for example `weight: 2`",
        ),
        "a string" | "a borrowed string" => (
            "text",
            "write the text after the colon; put it in double quotes if it contains `: ` or starts with a special character",
        ),
        "a sequence" => (
            "a list",
            "write each item on its own line starting with `- `, or as [a, b]",
        ),
        "a boolean" => ("true or false", "write `true` or `false`"),
        e if e.starts_with("struct") || e == "a map" => (
            "a group of keys",
            "write the keys below it, each on its own line and indented by two spaces",
        ),
        _ => (
            "another kind of value",
            "check the value against the README's content model",
        ),
    }
}

fn plain_found(found: &str) -> String {
    if let Some(s) = found.strip_prefix("string ") {
        format!("the text {s}")
    } else if let Some(n) = found.strip_prefix("integer ") {
        format!("the number {}", n.trim_matches('`'))
    } else if let Some(n) = found.strip_prefix("floating point ") {
        format!("the number {}", n.trim_matches('`'))
    } else if found == "sequence" {
        "a list".into()
    } else if found == "map" {
        "a group of keys".into()
    } else if found == "unit value" {
        "empty".into()
    } else if let Some(b) = found.strip_prefix("boolean ") {
        b.trim_matches('`').to_string()
    } else {
        found.to_string()
    }
}

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

    #[test]
    fn cases() {
        let cases: &[(&str, &str)] = &[
            (
                "---\ntitle: A\nweight: abc\n---\n",
                "a.md:3:9: fel: `weight` should be a whole number, but here it is the text \"abc\"",
            ),
            ("---\ntitel: A\n---\n", "a.md:2:1: fel: unknown key `titel`"),
            (
                "---\ntitle: A\n",
                "a.md:1:1: fel: the front matter never ends",
            ),
            ("---\nweight: 1\n---\n", "a.md:2:1: fel: `title` is missing"),
            (
                "---\ntitle: A\n weight: 2\n---\n",
                "a.md:3:8: fel: the YAML cannot be read",
            ),
        ];
        for (input, expected) in cases {
            let shown = parse_file(input).unwrap_err().to_string();
            assert!(
                shown.starts_with(expected),
                "{input:?}\n got: {shown}\nwant: {expected}"
            );
        }
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let shown = parse_file("---\ntitel: A\n---\n").unwrap_err().to_string();
        assert!(shown.contains("did you mean `title`?"), "{shown}");
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
        assert_eq!(s.body, "# Hej\n");
    }
}
