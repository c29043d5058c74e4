//! Site search: the index a build writes (`search/*.js`), read back and
//! queried as the theme's `js/search.js` does (stem the words, load the
//! shard of each stem, decode its pages), and the search page's A–Ö list.
//! What the browser does with it is tested in `tests/browser/search.mjs`.

use std::collections::BTreeMap;

use crate::site_test::SiteTest;

/// Pages written into the `kinds` fixture for these tests: (file, title, text).
const PAGES: &[(&str, &str, &str)] = &[
    (
        "kommuner.md",
        "Zon för samarbete",
        "Kommuner och regioner samverkar om vården.",
    ),
    (
        "malbilden.md",
        "Öppenhet",
        "Målbilden beskriver vart vi ska.",
    ),
    ("hal.md", "Ärenden", "Vägen är hal i dag."),
    ("aring.md", "Åtgärder", "Vi gör mycket för att nå målen."),
    // Saved on a Mac: ä as a and a combining diaeresis (NFD).
    (
        "nfd.md",
        "Ett utkast",
        "Regionernas sja\u{308}lvsta\u{308}ndighet.",
    ),
];

/// (query, a page it must find, a page it must not find)
const QUERIES: &[(&str, Option<&str>, Option<&str>)] = &[
    ("kommunerna", Some("kommuner"), Some("malbilden")),
    ("KOMMUNEN", Some("kommuner"), None),
    ("målbilder", Some("malbilden"), Some("kommuner")),
    // å, ä and ö are letters of their own: hål is not hal.
    ("hål", None, Some("hal")),
    ("hal", Some("hal"), None),
    ("självständigheten", Some("nfd"), None),
    // Two words: pages with both.
    ("kommunerna vården", Some("kommuner"), Some("malbilden")),
    ("kommunerna målbilden", None, Some("kommuner")),
    // A stop word alone finds nothing; beside a word it is left out.
    ("och", None, Some("kommuner")),
    ("kommuner och", Some("kommuner"), None),
];

pub(crate) fn site() -> SiteTest {
    let t = SiteTest::from_dir("kinds");
    for (i, (file, title, text)) in PAGES.iter().enumerate() {
        t.write(
            &format!("content/region-a/plan-2030/{file}"),
            &format!("---\ntitle: {title}\nweight: {}\n---\n\n{text}\n", 20 + i),
        );
    }
    t
}

/// The JSON argument of the one call in an index file.
fn argument(text: &str, call: &str) -> serde_json::Value {
    let start = text.find('(').unwrap() + 1;
    let inner = &text[start..text.rfind(')').unwrap()];
    let inner = match call {
        "shard" | "pages" => &inner[inner.find(',').unwrap() + 1..],
        _ => inner,
    };
    serde_json::from_str(inner).unwrap_or_else(|e| panic!("{call}: {e}: {inner}"))
}

/// The numbers of a shard's string: base 32, the last digit of each from
/// the first alphabet, the others from the second (see `js/search.js`).
fn numbers(text: &str) -> Vec<u64> {
    const LAST: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    const MORE: &str = "abcdefghijklmnopqrstuvwxyz6789+/";
    let mut out = Vec::new();
    let mut n = 0;
    for c in text.chars() {
        if let Some(d) = LAST.find(c) {
            out.push(n * 32 + d as u64);
            n = 0;
        } else {
            n = n * 32 + MORE.find(c).unwrap() as u64;
        }
    }
    out
}

/// The addresses of the pages `query` finds in the site's index, as the
/// browser finds them (exact stems, every word: see js/search.js).
fn find(t: &SiteTest, query: &str) -> Vec<String> {
    let meta = argument(&t.read("output/search/index.js"), "meta");
    let keys: Vec<&str> = meta["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    let mut found: Option<BTreeMap<u64, u64>> = None;
    let stems: Vec<String> = malbild::tokens(query).filter_map(malbild::stem).collect();
    if stems.is_empty() {
        return Vec::new();
    }
    for stem in stems {
        let key = malbild::shard_key(&stem);
        let mut here = BTreeMap::new();
        if keys.contains(&key) {
            let shard = argument(
                &t.read(&format!("output/{}", malbild::shard_file(key))),
                "shard",
            );
            if let Some(list) = shard[&stem].as_str() {
                let mut doc = 0;
                for pair in numbers(list).chunks(2) {
                    doc += pair[0];
                    here.insert(doc, pair[1]);
                }
            }
        }
        found = Some(match found {
            None => here,
            Some(before) => before
                .into_iter()
                .filter_map(|(d, s)| here.get(&d).map(|h| (d, s + h)))
                .collect(),
        });
    }
    found
        .unwrap_or_default()
        .keys()
        .map(|&d| {
            let d = d as usize;
            let cards = argument(
                &t.read(&format!("output/search/p-{}.js", d / chunk)),
                "pages",
            );
            cards[d % chunk][0].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn queries_find_other_forms_of_their_words() {
    let t = site();
    let run = t.build();
    assert!(run.stderr.contains("sökindex: "), "{}", run.stderr);
    let url = |slug: &str| format!("region-a/plan-2030/{slug}/index.html");
    let mut wrong = Vec::new();
    for &(query, must, must_not) in QUERIES {
        let found = find(&t, query);
        if let Some(m) = must
            && !found.contains(&url(m))
        {
            wrong.push(format!("`{query}` does not find {m}: {found:?}"));
        }
        if let Some(m) = must_not
            && found.contains(&url(m))
        {
            wrong.push(format!("`{query}` finds {m}: {found:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_search_page_lists_every_page_a_to_o() {
    let t = site();
    t.build();
    let html = t.read("output/sok/index.html");
    let list = &html[html.find("id=\"mb-alla-sidor\"").unwrap()..];
    let list = &list[..list.find("</section>").unwrap()];
    // Z, then Å, Ä, Ö, as a Swedish dictionary has them.
    let at = |title: &str| {
        list.find(&format!(">{title}</a>"))
            .unwrap_or_else(|| panic!("{title} is not listed"))
    };
    assert!(at("Zon för samarbete") < at("Åtgärder"));
    assert!(at("Åtgärder") < at("Ärenden"));
    assert!(at("Ärenden") < at("Öppenhet"));
    for letter in [
        "mb-bokstav-z",
        "mb-bokstav-aa",
        "mb-bokstav-ae",
        "mb-bokstav-oe",
    ] {
        assert!(list.contains(&format!("href=\"#{letter}\"")), "{letter}");
    }
    // Every page of the site is there, with its place.
    let pages = t.path("output");
    let n = walkdir::WalkDir::new(&pages)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "index.html")
        .filter(|e| {
            let rel = e
                .path()
                .strip_prefix(&pages)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            !["sok/", "jamfor/", "teman/", "tillganglighet/"]
                .iter()
                .any(|p| rel.starts_with(p))
                && !rel.contains("/utskrift/")
                && !rel.ends_with("/print/index.html")
        })
        .count();
    assert_eq!(list.matches("<li><a href=\"../").count(), n, "{list}");
    assert!(list.contains("Region A · Plan 2030"), "{list}");
    // The header's search form of every other page leads here.
    let home = t.read("output/index.html");
    assert!(
        home.contains(
            "<form class=\"site-search\" role=\"search\" action=\"sok/index.html\" method=\"get\""
        ),
        "{home}"
    );
    assert!(
        !html.contains("class=\"site-search\""),
        "the search page has its own form"
    );
}

#[test]
fn a_page_at_the_search_page_s_address_is_an_error() {
    let t = SiteTest::from_dir("kinds");
    t.write("content/sok/_index.md", "---\ntitle: Sök\n---\n");
    let run = t.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/sok/_index.md")
            && run
                .stderr
                .contains("den här sidan skulle hamna på samma adress som sökningens sida"),
        "{}",
        run.stderr
    );
}
