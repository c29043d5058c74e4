//! Fuzzes front matter + Markdown + rendering + checks: the whole of
//! `malbild::prepare_loaded`, over a small site made from the input.
//!
//! Input format: parts separated by the bytes FF FE (never in UTF-8 text).
//! The first part is `site.yaml` (none when empty); in each further part the
//! first byte picks the file's place in the site and the rest is its bytes,
//! decoded as `load` decodes files (BOM, CRLF, UTF-8, NUL checks).
//!
//! Properties: no panic; a site is returned exactly when there is no error;
//! every diagnostic points at a line of its file and can be printed.

#![no_main]

use libfuzzer_sys::fuzz_target;
use malbild::Config;
use malbild::{Loaded, Source};

const PLACES: &[&str] = &[
    "_index.md",
    "a/_index.md",
    "a/p/_index.md",
    "a/p/x.md",
    "a/p/y.md",
    "a/p/Y.md",
    "b/_index.md",
    "b/q/_index.md",
    "b/q/z.md",
    "om.md",
    "a/p/deep/w.md",
];

fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + 1 < data.len() {
        if data[i] == 0xff && data[i + 1] == 0xfe {
            out.push(&data[start..i]);
            i += 2;
            start = i;
        } else {
            i += 1;
        }
    }
    out.push(&data[start..]);
    out
}

fuzz_target!(|data: &[u8]| {
    let parts = split(data);
    let mut loaded = Loaded::default();
    let shown = |rel: &str| std::path::PathBuf::from("content").join(rel);
    if let Some(site) = parts.first().filter(|p| !p.is_empty()) {
        match malbild::decode(&shown("site.yaml"), site.to_vec()) {
            Ok(text) => {
                loaded.site_yaml = Some(Source {
                    path: shown("site.yaml"),
                    rel: "site.yaml".into(),
                    text: text.into(),
                })
            }
            Err(d) => loaded.diagnostics.push(d),
        }
    }
    let mut used = Vec::new();
    for part in parts.iter().skip(1).take(8) {
        let Some((&pick, bytes)) = part.split_first() else {
            continue;
        };
        let rel = PLACES[usize::from(pick) % PLACES.len()];
        if used.contains(&rel) {
            continue;
        }
        used.push(rel);
        match malbild::decode(&shown(rel), bytes.to_vec()) {
            Ok(text) => loaded.sources.push(Source {
                path: shown(rel),
                rel: rel.into(),
                text: text.into(),
            }),
            Err(d) => loaded.diagnostics.push(d),
        }
    }
    let texts: Vec<(std::path::PathBuf, std::sync::Arc<str>)> = loaded
        .sources
        .iter()
        .chain(loaded.site_yaml.iter())
        .map(|s| (s.path.clone(), s.text.clone()))
        .collect();
    // A root with no themes/ folder: the built-in default theme is used.
    let config = Config::new("/nonexistent/malbild-fuzz");
    let (prepared, diagnostics) = malbild::prepare_loaded(&config, loaded);
    let errors = diagnostics.iter().any(|d| d.is_error());
    assert_eq!(prepared.is_some(), !errors, "{diagnostics:#?}");
    for d in &diagnostics {
        let shown = d.to_string();
        assert!(!shown.is_empty());
        if let Some((_, text)) = texts.iter().find(|(p, _)| *p == d.path) {
            let lines = text.lines().count().max(1);
            assert!(
                d.line <= lines + 1,
                "line {} of {} in {shown}",
                d.line,
                lines
            );
        }
    }
});
