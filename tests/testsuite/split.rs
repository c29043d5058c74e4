//! The A–Ö list of a large site, split into a page per letter and a long
//! letter into parts (issue 13): above `site.yaml`'s `split: pages:` (500
//! unless set; these tests set a small number, so a dozen pages split), not
//! at it; the parts together are the list a small site shows on its search
//! page; each part is a page of its own (one `h1`, `lang`, relative links,
//! named navigation); and a rebuild makes only the parts an edit shows on.

use malbild::{Builder, Config};

use crate::incremental::{Runs, STEPS, run_steps};
use crate::search::site;
use crate::site_test::SiteTest;

/// The search fixture (titles under Z, Å, Ä, Ö) with `split: {pages: n}`.
fn split_site(n: usize) -> SiteTest {
    let t = site();
    let yaml = t.read("content/site.yaml");
    t.write(
        "content/site.yaml",
        &format!("{yaml}split:\n  pages: {n}\n"),
    );
    t
}

/// The entries of every `a-to-o__list` in `html`, in order, each as
/// (address from the site root, title, context).
fn entries(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<ul class=\"a-to-o__list\"") {
        rest = &rest[at..];
        let end = rest.find("</ul>").unwrap();
        for li in rest[..end].split("<li>").skip(1) {
            let href = &li[li.find("href=\"").unwrap() + 6..];
            let href = &href[..href.find('"').unwrap()];
            let title = &li[li.find('>').unwrap() + 1..li.find("</a>").unwrap()];
            let context = li
                .find("<span class=\"muted\">")
                .map(|s| {
                    let c = &li[s + 20..];
                    c[..c.find("</span>").unwrap()].to_string()
                })
                .unwrap_or_default();
            out.push((
                href.trim_start_matches("../").to_string(),
                title.to_string(),
                context,
            ));
        }
        rest = &rest[end..];
    }
    out
}

/// The `href`s of the `nav` named `name` in `html`.
fn nav(html: &str, name: &str) -> Vec<String> {
    let Some(at) = html.find(&format!("aria-label=\"{name}\"")) else {
        return Vec::new();
    };
    let nav = &html[at..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    nav.split("href=\"")
        .skip(1)
        .map(|h| h[..h.find('"').unwrap()].to_string())
        .collect()
}

/// How many pages the unsplit list holds, and the list.
fn unsplit() -> (usize, Vec<(String, String, String)>) {
    let t = site();
    t.build();
    let list = entries(&t.read("output/sok/index.html"));
    (list.len(), list)
}

#[test]
fn the_list_is_split_above_the_threshold_and_not_below() {
    let (n, whole) = unsplit();
    assert!(n > 10, "{whole:?}");

    // At the threshold: one page, as without the setting.
    let t = split_site(n);
    t.build();
    let search = t.read("output/sok/index.html");
    assert_eq!(entries(&search), whole);
    assert!(!t.path("output/sok/z/index.html").exists());

    // Above it: a page per letter (and parts of a long one), linked from
    // the search page in a named `nav`; together they are the list.
    for above in [n - 1, 3] {
        let t = split_site(above);
        t.build();
        let search = t.read("output/sok/index.html");
        assert!(entries(&search).is_empty(), "{search}");
        assert!(
            search.contains(&format!("Webbplatsen har {n} sidor.")),
            "{search}"
        );
        let letters = nav(&search, "Bokstäver");
        let expect: Vec<&str> = [
            "b", "e", "f", "m", "p", "r", "s", "t", "z", "aa", "ae", "oe",
        ]
        .to_vec();
        assert_eq!(
            letters,
            expect
                .iter()
                .map(|l| format!("../sok/{l}/index.html"))
                .collect::<Vec<_>>(),
            "{search}"
        );
        let mut joined = Vec::new();
        let mut parts = 0;
        for l in &expect {
            let first = format!("output/sok/{l}/index.html");
            let html = t.read(&first);
            let numbered = nav(&html, &format!("Delar av listan för {}", letter_of(l)));
            let paths: Vec<String> = if numbered.is_empty() {
                vec![first]
            } else {
                numbered
                    .iter()
                    .map(|h| format!("output/{}", h.trim_start_matches("../")))
                    .collect()
            };
            for (i, path) in paths.iter().enumerate() {
                parts += 1;
                let html = t.read(path);
                part_is_a_page(&html, path, letter_of(l), i + 1, paths.len());
                joined.extend(entries(&html));
            }
        }
        assert_eq!(joined, whole, "the parts, letter by letter, are the list");
        // A letter no page starts with has a page that says so, so every
        // part's row of letters is the whole alphabet, whatever comes.
        let q = t.read("output/sok/q/index.html");
        assert!(q.contains("Ingen sida börjar på Q."), "{q}");
        assert_eq!(nav(&q, "Bokstäver").len(), 29, "{q}");
        part_is_a_page(&q, "sok/q/index.html", "Q", 1, 1);
        if above == 3 {
            // A long letter is cut into parts: `pages: 3` makes parts
            // of at most 2 pages.
            assert!(parts > expect.len(), "{parts} parts");
            assert!(t.path("output/sok/r/sida/2/index.html").exists());
        }
    }
}

/// `sok/<slug>/` → the letter.
fn letter_of(slug: &str) -> &'static str {
    match slug {
        "aa" => "Å",
        "ae" => "Ä",
        "oe" => "Ö",
        "b" => "B",
        "e" => "E",
        "f" => "F",
        "m" => "M",
        "p" => "P",
        "r" => "R",
        "s" => "S",
        "t" => "T",
        "z" => "Z",
        other => panic!("{other}"),
    }
}

/// A part is a page of its own: the site's language, one `h1` that says
/// which letter and part, the landmarks, named navigation that marks where
/// it is, and only relative links.
fn part_is_a_page(html: &str, path: &str, letter: &str, number: usize, of: usize) {
    let title = if of > 1 {
        format!("Alla sidor på {letter}, del {number} av {of}")
    } else {
        format!("Alla sidor på {letter}")
    };
    assert!(html.contains("<html lang=\"sv\""), "{path}");
    assert_eq!(html.matches("<h1").count(), 1, "{path}");
    assert!(
        html.contains(&format!("<h1 class=\"page-header__title\">{title}</h1>")),
        "{path}: {html}"
    );
    assert!(html.contains(&format!("<title>{title} – ")), "{path}");
    for landmark in ["<header", "<main", "<footer"] {
        assert!(html.contains(landmark), "{path}: {landmark}");
    }
    assert!(
        !html.contains("href=\"/") && !html.contains("href=\"http"),
        "{path}"
    );
    let list = &html[html.find("<section class=\"a-to-o\"").unwrap()..];
    assert_eq!(
        list.matches("aria-current=\"page\"").count()
            + list.matches("aria-current=\"true\"").count(),
        if of > 1 { 2 } else { 1 },
        "{path}: its letter, and its part"
    );
    assert!(html.contains("href=\"../"), "{path}");
}

/// Builds the site after `edit` with a builder that built it before, and
/// says how many pages the rebuild rendered.
fn rendered_after(t: &SiteTest, rel: &str, text: &str) -> usize {
    let mut builder = Builder::new(Config::new(t.root()));
    builder.build().unwrap();
    t.write(rel, text);
    let path = std::path::absolute(t.path(rel)).unwrap();
    let root = std::path::absolute(t.root()).unwrap();
    let changes: Vec<_> = malbild::classify(&root, &root.join("output"), &path)
        .into_iter()
        .collect();
    builder.rebuild(&changes).unwrap().rendered
}

// A title edit renders the part of the list the page is on, in place of
// the search page: as many pages as on a small site, not every part.
#[test]
fn a_title_edit_renders_only_the_part_it_is_on() {
    let bilaga = "content/region-a/plan-2030/bilaga.md";
    for (what, text) in [
        (
            "a title under the same letter",
            "---\ntitle: Bilaga med ny titel\nweight: 4\n---\n\n## Ordlista\n",
        ),
        (
            "a title that moves to another letter",
            "---\ntitle: Tillägg\nweight: 4\n---\n\n## Ordlista\n",
        ),
        (
            "a title that moves to a letter no page had",
            "---\ntitle: Nytt namn\nweight: 4\n---\n\n## Ordlista\n",
        ),
    ] {
        let small = rendered_after(&site(), bilaga, text);
        let t = split_site(3);
        let split = rendered_after(&t, bilaga, text);
        // Moving to another letter makes the part it leaves and the one it
        // joins, in place of the search page, and the other part of a
        // letter whose number of parts changed (its parts' navigation).
        // A letter no page had: its page and the part it leaves, and the
        // search page, which links only the letters that have pages.
        let allowed = if what.contains("moves") {
            small + 2
        } else {
            small
        };
        assert!(
            split <= allowed,
            "{what}: {split} rendered on a split site, {small} on a small one"
        );
        let (letter, title) = if what.contains("no page had") {
            ("n", "Nytt namn")
        } else if what.contains("moves") {
            ("t", "Tillägg")
        } else {
            ("b", "Bilaga med ny titel")
        };
        let under: String = t
            .files_in(&format!("output/sok/{letter}"))
            .into_values()
            .map(|b| String::from_utf8(b).unwrap())
            .collect();
        assert!(under.contains(&format!(">{title}</a>")), "{what}");
    }
}

// A publication's title renders the page of the comparison and the pages
// of the theme words its region is on, not the others: no more pages than
// on a site of one page each (where it renders the comparison and the pages
// of its words).
#[test]
fn a_publication_title_renders_only_its_region_s_pages() {
    let rel = "content/region-a/plan-2030/_index.md";
    let retitled = |t: &SiteTest| {
        t.read(rel)
            .replacen("title: Plan 2030", "title: Plan 2031", 1)
    };
    let one = SiteTest::from_dir("kinds");
    let small = rendered_after(&one, rel, &retitled(&one));
    let t = SiteTest::from_dir("kinds");
    let yaml = t.read("content/site.yaml");
    t.write(
        "content/site.yaml",
        &format!("{yaml}split:\n  regions: 1\n"),
    );
    let split = rendered_after(&t, rel, &retitled(&t));
    assert!(
        split <= small,
        "{split} rendered split by region, {small} on one page"
    );
    assert!(
        t.read("output/teman/tillit/sida/2/index.html")
            .contains("Plan 2031")
    );
}

/// The comparison and the theme pages of the `kinds` fixture (two
/// regions, Region A and Region Ö) with `split: {regions: 1}`: a page per
/// region, each linked from the others; a publication links to the page
/// of the comparison its region is on; together the pages show what the
/// one page shows.
#[test]
fn the_comparison_and_theme_pages_are_split_by_region_above_the_threshold() {
    let whole = SiteTest::from_dir("kinds");
    whole.build();
    let t = SiteTest::from_dir("kinds");
    let yaml = t.read("content/site.yaml");
    t.write(
        "content/site.yaml",
        &format!("{yaml}split:\n  regions: 1\n"),
    );
    t.build();
    let at_two = SiteTest::from_dir("kinds");
    at_two.write(
        "content/site.yaml",
        &format!("{yaml}split:\n  regions: 2\n"),
    );
    at_two.build();
    assert_eq!(
        at_two.files_in("output"),
        whole.files_in("output"),
        "at the threshold nothing is split"
    );
    let themes: Vec<String> = std::fs::read_dir(t.path("output/teman"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!themes.is_empty());
    let pages = |first: &str| -> Vec<String> {
        let second = first.replace("index.html", "sida/2/index.html");
        assert!(
            !t.path(&first.replace("index.html", "sida/3/index.html"))
                .exists()
        );
        vec![first.to_string(), second]
    };
    // What a page shows of its regions: each `<section>` of a theme page,
    // each column of the comparison, by its id.
    let columns = |html: &str| -> Vec<String> {
        html.split("<h3 class=\"compare__title\" id=\"")
            .skip(1)
            .map(|c| c[..c.find('"').unwrap()].to_string())
            .collect()
    };
    let passages = |html: &str| -> Vec<String> {
        html.split("<p class=\"passage__title\"><a href=\"")
            .skip(1)
            .map(|c| {
                c[..c.find('"').unwrap()]
                    .trim_start_matches("../")
                    .to_string()
            })
            .collect()
    };
    let mut all = vec![(
        "output/jamfor/index.html".to_string(),
        "Jämför målbilderna".to_string(),
    )];
    for slug in &themes {
        let html = whole.read(&format!("output/teman/{slug}/index.html"));
        let h1 = &html[html.find("page-header__title\">").unwrap() + 20..];
        all.push((
            format!("output/teman/{slug}/index.html"),
            h1[..h1.find('<').unwrap()].to_string(),
        ));
    }
    for (first, title) in &all {
        let one = whole.read(first);
        let (mut split_columns, mut split_passages) = (Vec::new(), Vec::new());
        for (i, path) in pages(first).iter().enumerate() {
            let html = t.read(path);
            assert!(
                html.contains(&format!(
                    "<h1 class=\"page-header__title\">{title}, del {} av 2</h1>",
                    i + 1
                )),
                "{path}: {html}"
            );
            assert_eq!(html.matches("<h1").count(), 1, "{path}");
            assert!(html.contains("<html lang=\"sv\""), "{path}");
            assert!(
                !html.contains("href=\"/") && !html.contains("href=\"http"),
                "{path}"
            );
            let parts = nav(&html, "Delar, efter region");
            assert_eq!(parts.len(), 2, "{path}: {html}");
            let group_nav = &html[html.find("aria-label=\"Delar, efter region\"").unwrap()..];
            let group_nav = &group_nav[..group_nav.find("</nav>").unwrap()];
            assert_eq!(
                group_nav.matches("aria-current=\"page\"").count(),
                1,
                "{path}"
            );
            assert!(
                group_nav.contains(&format!("aria-current=\"page\">Region {}", ["Ö", "A"][i])),
                "{path}"
            );
            split_columns.extend(columns(&html));
            split_passages.extend(passages(&html));
        }
        assert_eq!(split_columns, columns(&one), "{first}");
        assert_eq!(split_passages, passages(&one), "{first}");
    }
    // Region A's publication links to the second page of the comparison
    // (the site puts Region Ö first).
    let strategi = std::fs::read_dir(t.path("output/region-a"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().join("index.html").exists())
        .unwrap()
        .path()
        .join("index.html");
    let html = std::fs::read_to_string(&strategi).unwrap();
    assert!(
        html.contains("jamfor/sida/2/index.html#mb-jamfor-"),
        "{html}"
    );
}

// Every kind of edit on a split site: the rebuild is a build from nothing
// (and renders no more than on a small site, by the steps' own bounds).
#[test]
fn every_rebuild_of_a_split_site_equals_a_build_from_nothing() {
    let t = SiteTest::from_dir("kinds");
    let yaml = t.read("content/site.yaml");
    t.write(
        "content/site.yaml",
        &format!("{yaml}split:\n  pages: 3\n  regions: 1\n"),
    );
    // The steps up to the one that rewrites site.yaml (the title, a
    // publication's title, a new and a removed page...) run on a split
    // site: the fixture has a dozen pages, split above 3.
    let failures = run_steps(&t, STEPS, Runs::One);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
