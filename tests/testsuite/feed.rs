//! The Atom feed, the sitemap and robots.txt, and what pages say about
//! themselves in `<head>` (OpenGraph, schema.org JSON-LD); the English UI.

use malbild::{El, parse_xml};

use crate::site_test::SiteTest;

const BASE: &str = "https://www.example.se/malbild";

/// Parses `text` as XML (quick-xml checks that every end tag closes the
/// element it should) and returns its root element.
fn xml(text: &str) -> El {
    assert!(
        text.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
        "{text}"
    );
    parse_xml(text).unwrap_or_else(|e| panic!("not XML: {e}\n{text}"))
}

/// Whether `s` is an RFC 3339 time as Atom wants it: `2023-01-24T00:00:00Z`.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 20
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            19 => *c == b'Z',
            _ => c.is_ascii_digit(),
        })
}

/// Checks what RFC 4287 requires of a feed and its entries; returns the
/// entries' ids, titles and links.
fn check_atom(feed: &El) -> Vec<(String, String, String)> {
    assert_eq!(feed.name, "feed");
    assert_eq!(feed.attr("xmlns"), Some("http://www.w3.org/2005/Atom"));
    let one = |el: &El, name: &str| -> String {
        let found: Vec<&El> = el.elements().filter(|e| e.name == name).collect();
        assert_eq!(found.len(), 1, "one <{name}> in <{}>", el.name);
        found[0].text()
    };
    for name in ["id", "title", "updated"] {
        assert!(!one(feed, name).is_empty(), "feed {name}");
    }
    assert!(is_rfc3339(&one(feed, "updated")));
    let links: Vec<&El> = feed.elements().filter(|e| e.name == "link").collect();
    assert!(
        links.iter().any(|l| l.attr("rel") == Some("self")),
        "a self link"
    );
    let feed_author = feed.child("author").is_some();
    let mut out = Vec::new();
    for entry in feed.elements().filter(|e| e.name == "entry") {
        let id = one(entry, "id");
        assert!(
            id.starts_with("urn:uuid:") || id.starts_with("https://"),
            "an absolute IRI: {id}"
        );
        let updated = one(entry, "updated");
        assert!(is_rfc3339(&updated), "{updated}");
        assert!(feed_author || entry.child("author").is_some());
        if let Some(author) = entry.child("author") {
            assert!(!one(author, "name").is_empty());
        }
        let link = entry
            .elements()
            .find(|e| e.name == "link" && e.attr("rel") == Some("alternate"))
            .expect("an alternate link");
        out.push((
            id,
            one(entry, "title"),
            link.attr("href").unwrap().to_string(),
        ));
    }
    let mut ids: Vec<&String> = out.iter().map(|(id, _, _)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), out.len(), "ids are unique");
    out
}

/// The HTML pages of the output, as text.
fn html_pages(t: &SiteTest) -> Vec<(String, String)> {
    t.output_files()
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

fn with_base_url(t: &SiteTest) {
    let old = t.read("content/site.yaml");
    t.write("content/site.yaml", &format!("{old}base_url: {BASE}/\n"));
}

#[test]
fn the_feed_is_atom_with_one_entry_per_publication() {
    let t = SiteTest::from_dir("everything");
    t.build();
    let feed = xml(&t.read("output/feed.xml"));
    let entries = check_atom(&feed);
    // Newest first; relative links, resolved against the feed's own place.
    let titles: Vec<(&str, &str)> = entries
        .iter()
        .map(|(_, title, href)| (title.as_str(), href.as_str()))
        .collect();
    assert_eq!(
        titles,
        [
            ("Plan för nära vård 2035", "norr/plan-2035/index.html"),
            ("En publikation utan delar", "norr/utan-delar/index.html"),
        ]
    );
    for (_, _, href) in &entries {
        assert!(t.path("output").join(href).is_file(), "{href}");
    }
    let first = feed.elements().find(|e| e.name == "entry").unwrap();
    assert_eq!(
        first.child("author").unwrap().child("name").unwrap().text(),
        "Region Norr"
    );
    assert_eq!(
        first.child("published").unwrap().text(),
        "2024-03-12T00:00:00Z"
    );
    let summary = first.child("summary").unwrap();
    assert_eq!(summary.attr("type"), Some("html"));
    assert_eq!(
        summary.text(),
        "<p>Planen beskriver vart vi ska och hur vi tar oss dit.</p>"
    );
    let terms: Vec<&str> = first
        .elements()
        .filter(|e| e.name == "category")
        .filter_map(|e| e.attr("label"))
        .collect();
    assert_eq!(terms, ["Samverkan", "Tillit", "Kompetensförsörjning"]);
    // The ids stay the same from build to build.
    let again = SiteTest::from_dir("everything");
    again.build();
    assert_eq!(t.read("output/feed.xml"), again.read("output/feed.xml"));

    // Every page links it.
    for (path, html) in html_pages(&t) {
        assert!(
            html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""),
            "{path}"
        );
    }
}

#[test]
fn with_base_url_the_feed_links_and_ids_are_addresses() {
    let t = SiteTest::from_dir("everything");
    with_base_url(&t);
    t.build();
    let feed = xml(&t.read("output/feed.xml"));
    assert_eq!(feed.child("id").unwrap().text(), format!("{BASE}/feed.xml"));
    let entries = check_atom(&feed);
    assert_eq!(
        entries[0].0,
        format!("{BASE}/norr/plan-2035/index.html"),
        "{entries:?}"
    );
    assert_eq!(entries[0].2, entries[0].0);
}

#[test]
fn a_sitemap_and_robots_txt_only_with_base_url() {
    let t = SiteTest::from_dir("everything");
    let run = t.build();
    assert!(!t.path("output/sitemap.xml").exists());
    assert!(!t.path("output/robots.txt").exists());
    // A note, one line, never the word CI greps the log for.
    assert!(run.stderr.contains(NO_BASE_URL), "{}", run.stderr);
    assert!(!run.stderr.to_lowercase().contains("warning: sitemap"));

    with_base_url(&t);
    let run = t.build();
    assert!(!run.stderr.contains("sitemap"), "{}", run.stderr);
    let sitemap = xml(&t.read("output/sitemap.xml"));
    assert_eq!(sitemap.name, "urlset");
    assert_eq!(
        sitemap.attr("xmlns"),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: Vec<String> = sitemap
        .elements()
        .map(|u| {
            assert_eq!(u.name, "url");
            u.child("loc").unwrap().text()
        })
        .collect();
    // Every page but the 404 page and the print pages (copies of the
    // publications), each once.
    let mut want: Vec<String> = t
        .output_files()
        .into_keys()
        .filter(|p| p.ends_with(".html") && p != "404.html" && !p.contains("/print/"))
        .map(|p| format!("{BASE}/{p}"))
        .collect();
    want.sort();
    let mut got = locs.clone();
    got.sort();
    assert_eq!(got, want);
    assert_eq!(locs[0], format!("{BASE}/index.html"));
    // Each page says it is at its own address (the search page once gave
    // the home page's, so a search engine would take it for a copy).
    for p in &want {
        let html = t.read(&format!("output/{}", &p[BASE.len() + 1..]));
        assert_eq!(og(&html, "og:url").as_ref(), Some(p), "og:url of {p}");
        let canonical = format!("<link rel=\"canonical\" href=\"{p}\">");
        assert!(html.contains(&canonical), "{p} lacks {canonical}");
    }
    assert_eq!(
        t.read("output/robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {BASE}/sitemap.xml\n")
    );
}

#[test]
fn a_robots_txt_of_the_site_s_own_wins() {
    let t = SiteTest::from_dir("kinds");
    with_base_url(&t);
    t.write("content/robots.txt", "User-agent: *\nDisallow: /utkast/\n");
    t.build();
    assert_eq!(
        t.read("output/robots.txt"),
        "User-agent: *\nDisallow: /utkast/\n"
    );
    assert!(t.path("output/sitemap.xml").is_file());
    // A file where the feed goes is an error that names it.
    t.write("content/feed.xml", "<feed/>");
    let run = t.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/feed.xml") && run.stderr.contains("Atom-flödet"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_base_url_that_is_no_address_is_a_warning() {
    let t = SiteTest::from_dir("kinds");
    let old = t.read("content/site.yaml");
    t.write(
        "content/site.yaml",
        &format!("{old}base_url: www.example.se\n"),
    );
    let run = t.build();
    assert!(
        run.stderr.contains(
            "base_url `www.example.se` är ingen webbadress, så sitemap.xml och robots.txt skrevs inte och inga sidor fick sin fullständiga adress"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/site.yaml:11:1"),
        "{}",
        run.stderr
    );
    assert!(!t.path("output/sitemap.xml").exists());
}

/// The JSON-LD of a page, parsed.
fn json_ld(html: &str) -> Option<serde_json::Value> {
    let start = html.find("<script type=\"application/ld+json\">")?;
    let rest = &html[start + "<script type=\"application/ld+json\">".len()..];
    let end = rest.find("</script>").unwrap();
    Some(serde_json::from_str(&rest[..end]).unwrap())
}

/// The `content` of `<meta property="...">` in `html`.
fn og(html: &str, property: &str) -> Option<String> {
    let tag = format!("<meta property=\"{property}\" content=\"");
    let start = html.find(&tag)? + tag.len();
    Some(html[start..].split('"').next().unwrap().to_string())
}

#[test]
fn a_publication_describes_itself_as_a_report_of_a_government_organisation() {
    let t = SiteTest::from_dir("kinds");
    with_base_url(&t);
    t.build();
    let html = t.read("output/region-a/plan-2030/index.html");
    let got = json_ld(&html).expect("JSON-LD on a publication");
    let want = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "name": "Plan 2030",
        "inLanguage": "sv",
        "description": "Plan för nära vård i Region A.",
        "datePublished": "2023-01-24",
        "temporalCoverage": "2023/2030",
        "author": {
            "@type": "GovernmentOrganization",
            "name": "Region A",
            "url": format!("{BASE}/region-a/index.html"),
        },
        "publisher": {
            "@type": "GovernmentOrganization",
            "name": "Region A",
            "url": format!("{BASE}/region-a/index.html"),
        },
        "spatialCoverage": { "@type": "Place", "name": "Region A" },
        "locationCreated": { "@type": "Place", "name": "Aby" },
        "keywords": ["Samverkan", "Tillit"],
        "url": format!("{BASE}/region-a/plan-2030/index.html"),
    });
    assert_eq!(got, want);
    assert_eq!(og(&html, "og:type").as_deref(), Some("article"));
    assert_eq!(og(&html, "og:locale").as_deref(), Some("sv_SE"));
    assert_eq!(og(&html, "og:title").as_deref(), Some("Plan 2030"));
    assert_eq!(
        og(&html, "og:url"),
        Some(format!("{BASE}/region-a/plan-2030/index.html"))
    );
    assert!(html.contains(&format!(
        "<link rel=\"canonical\" href=\"{BASE}/region-a/plan-2030/index.html\">"
    )));
    // Only publications carry it; every page has OpenGraph.
    let part = t.read("output/region-a/plan-2030/bakgrund/index.html");
    assert_eq!(json_ld(&part), None);
    assert_eq!(og(&part, "og:title").as_deref(), Some("Bakgrund"));
    let home = t.read("output/index.html");
    assert_eq!(og(&home, "og:type").as_deref(), Some("website"));
    assert_eq!(og(&home, "og:title").as_deref(), Some("Testsajt"));
    assert_eq!(
        og(&home, "og:description").as_deref(),
        Some("Startsidan för tester.")
    );
}

#[test]
fn without_base_url_no_page_claims_an_address() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    for (path, html) in html_pages(&t) {
        assert_eq!(og(&html, "og:url"), None, "{path}");
        assert!(!html.contains("rel=\"canonical\""), "{path}");
    }
    let got = json_ld(&t.read("output/region-a/plan-2030/index.html")).unwrap();
    assert_eq!(got.get("url"), None);
    assert_eq!(got["author"].get("url"), None);
}

#[test]
fn a_title_that_closes_the_script_stays_inside_it() {
    let t = SiteTest::from_dir("kinds");
    let rel = "content/region-a/plan-2030/_index.md";
    let old = t.read(rel);
    let title = "Plan </script><script>alert(1)</script> <!-- & 2030";
    t.write(
        rel,
        &old.replacen("title: Plan 2030", &format!("title: \"{title}\""), 1),
    );
    t.build();
    let html = t.read("output/region-a/plan-2030/index.html");
    let got = json_ld(&html).unwrap();
    assert_eq!(got["name"], title);
    assert!(!html.contains("<script>alert"), "{html}");
    // Nothing in the script's text that HTML could read as a tag or a
    // comment: no `<` at all.
    let start = html.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + html[start..].find("</script>").unwrap();
    assert!(!html[start..end].contains('<'), "{}", &html[start..end]);
}

#[test]
fn a_site_in_english_has_an_english_ui() {
    let t = SiteTest::from_dir("kinds");
    let old = t.read("content/site.yaml");
    t.write("content/site.yaml", &format!("{old}language: en\n"));
    let run = t.build();
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    for (path, html) in html_pages(&t) {
        assert!(html.contains("<html lang=\"en\""), "{path}");
        assert!(
            !html.contains("Till huvudinnehållet"),
            "{path} has Swedish UI"
        );
    }
    let part = t.read("output/region-a/plan-2030/bakgrund/index.html");
    assert!(part.contains("Skip to main content"), "{part}");
    assert!(part.contains("Parts of the publication"), "{part}");
    let publication = t.read("output/region-a/plan-2030/index.html");
    assert!(publication.contains("24 January 2023"), "{publication}");
    assert_eq!(og(&publication, "og:locale").as_deref(), Some("en_GB"));
}

#[test]
fn the_english_fixture_builds_without_a_word_of_warning() {
    // The browser audit checks every page of it.
    let t = SiteTest::from_dir("english");
    let run = t.build();
    let lines: Vec<&str> = run.stderr.lines().collect();
    // The summary and the search index's line; no note (it has base_url).
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(lines[0].starts_with("byggde 6 sidor"), "{}", run.stderr);
    assert!(lines[1].starts_with("sökindex: "), "{}", run.stderr);
    let sitemap = xml(&t.read("output/sitemap.xml"));
    assert!(sitemap.elements().count() >= 6);
    let statement = t.read("output/tillganglighet/index.html");
    assert!(
        statement.contains("<h1 class=\"page-header__title\">Accessibility statement</h1>"),
        "{statement}"
    );
    check_atom(&xml(&t.read("output/feed.xml")));
}

#[test]
fn an_english_part_gets_an_english_ui_around_it() {
    let t = SiteTest::from_dir("everything");
    t.build();
    let english = t.read("output/norr/plan-2035/in-english/index.html");
    assert!(english.contains("<html lang=\"en\""), "{english}");
    // The page's UI says it is English already; <main> needs no lang.
    assert!(english.contains("<main id=\"main\" tabindex=\"-1\">"));
    for words in [
        "Skip to main content",
        "Parts of the publication",
        "Previous and next part",
        "Compare the goal pictures",
    ] {
        assert!(english.contains(words), "{words}");
    }
    assert!(!english.contains("Till huvudinnehållet"));
    // The site's own names around it stay marked as Swedish.
    assert!(english.contains("<a class=\"site-header__title\" href=\"../../../index.html\" lang=\"sv\">Allt i ett</a>"), "{english}");
    assert!(english.contains("<ul class=\"site-nav__list\" lang=\"sv\">"));
    assert_eq!(og(&english, "og:locale").as_deref(), Some("en_GB"));
    // Only that page: its siblings stay Swedish.
    for (path, html) in html_pages(&t) {
        if !path.contains("in-english") && path != "404.html" {
            assert!(html.contains("<html lang=\"sv\""), "{path}");
            assert!(!html.contains("Skip to main content"), "{path}");
        }
    }
}

#[test]
fn a_language_the_theme_has_no_texts_in_marks_only_the_content() {
    let t = SiteTest::from_dir("kinds");
    let rel = "content/region-a/plan-2030/bilaga.md";
    let old = t.read(rel);
    t.write(rel, &old.replacen("---\n", "---\nlang: de\n", 1));
    t.build();
    let html = t.read("output/region-a/plan-2030/bilaga/index.html");
    assert!(html.contains("<html lang=\"sv\""));
    assert!(html.contains("<main id=\"main\" tabindex=\"-1\" lang=\"de\">"));
    assert_eq!(og(&html, "og:locale").as_deref(), Some("de_DE"));
}

/// The note of a build without `base_url`, as it is printed.
pub(crate) const NO_BASE_URL: &str = "Obs: sitemap.xml och robots.txt skrevs inte, eftersom content/site.yaml saknar base_url (webbplatsens adress). Skriv till exempel base_url: https://www.example.se/malbild i site.yaml, så skrivs de.";
