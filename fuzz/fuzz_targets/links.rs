//! Fuzzes link targets and URLs (issue 12): the input is a link target as a
//! writer could type it, used
//!
//! - directly with every public function of `malbild::links` (no panic; every
//!   slice of the text on a character boundary; `percent_decode` undoes
//!   `encode`), and
//! - in a small site, in the ways Markdown and front matter carry a link
//!   (`[t](x)`, `[t](<x>)`, `![a](x)`, a reference definition, an autolink,
//!   raw HTML, a `#fragment`, a summary), built through the whole pipeline.
//!
//! Properties: no panic; a site is returned exactly when there is no error;
//! no written `href` or `src` has a scheme other than http, https, mailto
//! and tel (after the HTML entities and the characters browsers drop are
//! taken out), also where the target made raw HTML (`check/html.rs` refuses
//! such addresses in HTML as `links.rs` does in Markdown).

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use malbild::Config;
use malbild::links;
use malbild::{Loaded, Source};

fn source(rel: &str, text: String) -> Source {
    Source {
        path: PathBuf::from("content").join(rel),
        rel: rel.into(),
        text: text.into(),
    }
}

/// `s` with the HTML character references of an attribute value decoded
/// (the ones a serializer writes: named basics and numeric).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').map(|d| d.parse::<u32>().ok()))
                .flatten()
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser would see in attribute value `v` (WHATWG URL:
/// leading C0 controls and spaces dropped, tabs and newlines removed).
fn scheme_of(v: &str) -> Option<String> {
    let v: String = unescape(v)
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = v.find(':')?;
    let scheme = &v[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| scheme.to_ascii_lowercase())
}

/// Every `href="…"` and `src="…"` value in `html`.
fn attributes(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for key in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(key) {
            rest = &rest[i + key.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let dest: &str = &input;

    // The functions alone.
    let _ = links::is_external(dest);
    let _ = links::refused_scheme(dest);
    let _ = links::is_local_path(dest);
    let _ = links::root_prefix(dest);
    let (a, b) = dest.split_at(dest.char_indices().nth(dest.chars().count() / 2).map_or(0, |(i, _)| i));
    let _ = links::relative(a, b);
    let _ = links::relative(b, a);
    let _ = links::spaced_message(&format!("[t]({dest})"), dest, false, None);
    let _ = links::spaced_message(&format!("![t]({dest})"), dest, true, Some(dest));
    let encoded = links::encode(dest);
    assert_eq!(links::percent_decode(&encoded), dest, "decode(encode(x)) != x");
    let _ = links::percent_decode(dest);

    // In a site. The target must stay on one line for Markdown to see a
    // link; a line break ends the fuzzed part.
    let line = dest.lines().next().unwrap_or("");
    let yaml_text = format!("'Se [här]({})'", line.replace('\'', "''"));
    let body = format!(
        "---\ntitle: X\nweight: 1\nsummary: {yaml_text}\n---\n\n\
         Se [en länk]({line}) och [en till](<{line}>) och ![en bild]({line}).\n\n\
         Se [referensen][r] och <{line}> och [y](y.md#{line}).\n\n\
         [r]: {line}\n"
    );
    let mut loaded = Loaded::default();
    loaded.site_yaml = Some(source("site.yaml", "title: Fuzz\n".into()));
    loaded.sources.push(source("a/_index.md", "---\ntitle: A\n---\n".into()));
    loaded
        .sources
        .push(source("a/p/_index.md", "---\ntitle: P\n---\n".into()));
    loaded.sources.push(source("a/p/x.md", body));
    loaded
        .sources
        .push(source("a/p/y.md", "---\ntitle: Y\nweight: 2\n---\n\n## Rubrik\n".into()));
    let config = Config::new("/nonexistent/malbild-fuzz");
    let (prepared, diagnostics) = malbild::prepare_loaded(&config, loaded);
    let errors = diagnostics.iter().any(|d| d.is_error());
    assert_eq!(prepared.is_some(), !errors, "{diagnostics:#?}");
    for d in &diagnostics {
        assert!(!d.to_string().is_empty());
    }
    let Some(prepared) = prepared else { return };
    for file in &prepared.files {
        if !file.path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&file.bytes);
        for value in attributes(&html) {
            if let Some(scheme) = scheme_of(value) {
                assert!(
                    links::ALLOWED_SCHEMES.contains(&scheme.as_str()),
                    "{} writes `{value}` (scheme `{scheme}`) for the target `{line}`",
                    file.path
                );
            }
        }
    }
});
