//! Incremental rebuilds: after each edit, a rebuild with the caches of the
//! previous builds writes exactly the bytes a build from nothing writes, and
//! renders only what the edit reaches.

use std::fs;

use malbild::{Builder, Config};

use crate::site_test::SiteTest;

const MALBILD: &str = "content/region-a/plan-2030/målbild.md";
const BILAGA: &str = "content/region-a/plan-2030/bilaga.md";
const PUBLICATION: &str = "content/region-a/plan-2030/_index.md";
const REGION_B: &str = "content/region-b/_index.md";

const BAKGRUND: &str = "content/region-a/plan-2030/bakgrund.md";

pub(crate) enum Edit {
    Write(&'static str, &'static str),
    Append(&'static str, &'static str),
    /// Replaces the first text with the second.
    Replace(&'static str, &'static str, &'static str),
    Remove(&'static str),
    /// Writes and removes a file before the rebuild, as a program saving a
    /// page through a temporary file does.
    Stray(&'static str),
    /// Removes a folder; only the folder is reported.
    RemoveDir(&'static str),
}

/// What a rebuild after a step must do.
pub(crate) enum Expect {
    /// Build, rendering at most this many pages.
    AtMost(usize),
    /// Build, rendering at most this many pages and making at most this
    /// many files of the search index.
    AtMostIndex(usize, usize),
    /// Build, rendering any number of pages.
    Any,
    /// Fail, with the errors and warnings of a build from nothing.
    Fails,
}
use Expect::*;

/// (what, edits, what the rebuild must do)
pub(crate) type Step = (&'static str, &'static [Edit], Expect);

pub(crate) const STEPS: &[Step] = &[
    ("nothing changed", &[], AtMost(0)),
    (
        "a body edit with a new warning",
        &[Edit::Append(BILAGA, "\n## Tom rubrik\n")],
        AtMost(2),
    ),
    (
        "a body edit: the page and its publication's print page",
        &[Edit::Append(BILAGA, "\nEn ny mening.\n")],
        AtMost(2),
    ),
    (
        "a part's title: its siblings, publication and print page show it",
        &[Edit::Write(
            BILAGA,
            "---\ntitle: Bilaga med ny titel\nweight: 4\n---\n\n## Ordlista\n",
        )],
        AtMost(8),
    ),
    (
        "a publication's title: every page's navigation shows it",
        &[Edit::Write(
            PUBLICATION,
            "---\ntitle: Plan 2031\npublisher: Region A\n---\n\nInledning. Se [målbilden](målbild.md#tillsammans).\n",
        )],
        Any,
    ),
    (
        "a new page",
        &[Edit::Write(
            "content/region-a/plan-2030/ny.md",
            "---\ntitle: Ny del\nweight: 9\n---\n\nSe [bilagan](bilaga.md).\n",
        )],
        Any,
    ),
    (
        "a removed page",
        &[Edit::Remove("content/region-a/plan-2030/ny.md")],
        Any,
    ),
    (
        "a goal area's text",
        &[Edit::Write(
            MALBILD,
            "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\ngoal_areas:\n  - title: Tillsammans\n    text: Ny text.\n---\n",
        )],
        Any,
    ),
    (
        "an image",
        &[Edit::Write(
            "content/region-a/plan-2030/karta.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        )],
        AtMost(0),
    ),
    (
        "site.yaml",
        &[Edit::Write(
            "content/site.yaml",
            "title: Ny titel på sajten\n",
        )],
        Any,
    ),
    (
        "check settings: the kept bodies (whose blocks are dropped) are checked again",
        &[Edit::Write(
            "content/site.yaml",
            "title: Ny titel på sajten\ncheck:\n  sentence_words_max: 4\n",
        )],
        Any,
    ),
    (
        "a site theme with one template",
        &[
            Edit::Write("content/site.yaml", "title: Test\ntheme: egen\n"),
            Edit::Write("themes/egen/theme.yaml", "extends: default\n"),
            Edit::Write(
                "themes/egen/templates/page.html",
                "{% extends \"base.html\" %}{% block body %}<p>egen</p>{{ page.content | safe }}{% endblock body %}\n",
            ),
        ],
        Any,
    ),
    (
        "an edit of that template re-renders only the pages that use it",
        &[Edit::Write(
            "themes/egen/templates/page.html",
            "{% extends \"base.html\" %}{% block body %}<p>egen 2</p>{{ page.content | safe }}{% endblock body %}\n",
        )],
        AtMost(1),
    ),
    (
        "a CSS edit renders only the 404 page (its styles are inline)",
        &[Edit::Write(
            "themes/egen/static/css/malbild.css",
            "body { color: black }\n",
        )],
        AtMost(1),
    ),
    (
        "a table without a name",
        &[Edit::Append(
            BILAGA,
            "\nEn tabell:\n\n| A | B |\n|---|---|\n| 1 | 2 |\n",
        )],
        AtMost(2),
    ),
    (
        "the theme's name for tables without one: the bodies that use it",
        &[Edit::Write(
            "themes/egen/i18n/sv.yaml",
            "table_unnamed: \"Tabell nummer {n}\"\n",
        )],
        Any,
    ),
    (
        "a link to a heading of another page",
        &[Edit::Append(BILAGA, "\nSe [syftet](bakgrund.md#syfte).\n")],
        AtMost(2),
    ),
    (
        "that heading renamed in the body: the link breaks",
        &[Edit::Replace(BAKGRUND, "## Syfte", "## Ändamål")],
        Fails,
    ),
    (
        "an edit of a third page while the link is broken still fails",
        &[Edit::Append(MALBILD, "\nEn mening om uppföljning.\n")],
        Fails,
    ),
    (
        "the heading back: everything edited meanwhile is built",
        &[Edit::Replace(BAKGRUND, "## Ändamål", "## Syfte")],
        AtMost(4),
    ),
    (
        "a link to a page that does not exist",
        &[Edit::Append(BILAGA, "\nSe [planen](finns-inte.md).\n")],
        Fails,
    ),
    (
        "another page edited while that link is broken",
        &[Edit::Append(BAKGRUND, "\nMer om syftet.\n")],
        Fails,
    ),
    (
        "the link mended",
        &[Edit::Replace(BILAGA, "finns-inte.md", "bakgrund.md")],
        AtMost(4),
    ),
    (
        "a link to a heading of its own page that is not there",
        &[Edit::Append(BAKGRUND, "\nSe [detaljerna](#detaljerna).\n")],
        Fails,
    ),
    (
        "mended",
        &[Edit::Replace(BAKGRUND, "(#detaljerna)", "(#detaljer)")],
        AtMost(2),
    ),
    (
        "a part's weight: the order of its siblings, its publication and print page",
        &[Edit::Replace(BILAGA, "weight: 4", "weight: 0")],
        AtMost(9),
    ),
    (
        "a theme word added to a part: a new theme page, the list of themes, the facts box",
        &[Edit::Replace(
            BILAGA,
            "weight: 0\n",
            "weight: 0\nthemes: [samverkan, kontinuitet]\n",
        )],
        AtMost(11),
    ),
    (
        "the theme word removed again: its page is gone",
        &[Edit::Replace(
            BILAGA,
            "themes: [samverkan, kontinuitet]\n",
            "",
        )],
        AtMost(11),
    ),
    (
        "a goal area's means: the goal picture, the comparison",
        &[Edit::Replace(
            MALBILD,
            "    text: Ny text.\n",
            "    means: genom delaktighet\n    text: Ny text.\n",
        )],
        AtMost(7),
    ),
    (
        "a part's summary and date",
        &[Edit::Replace(
            BILAGA,
            "weight: 0\n",
            "weight: 0\nsummary: Ord *och* begrepp.\ndate: 2024-02\n",
        )],
        AtMost(9),
    ),
    (
        "a goal area renamed that a link names: the link breaks",
        &[Edit::Replace(
            MALBILD,
            "  - title: Tillsammans",
            "  - title: Samverkan",
        )],
        Fails,
    ),
    (
        "renamed back",
        &[Edit::Replace(
            MALBILD,
            "  - title: Samverkan",
            "  - title: Tillsammans",
        )],
        AtMost(9),
    ),
    (
        "a template that does not exist",
        &[Edit::Replace(
            BILAGA,
            "weight: 0\n",
            "weight: 0\ntemplate: saknas.html\n",
        )],
        Fails,
    ),
    (
        "a title edit of another part while that is broken",
        &[Edit::Replace(
            BAKGRUND,
            "title: Bakgrund",
            "title: Bakgrund och syfte",
        )],
        Fails,
    ),
    (
        "the template line removed",
        &[Edit::Replace(BILAGA, "template: saknas.html\n", "")],
        AtMost(9),
    ),
    (
        "a part made a draft: it is gone",
        &[Edit::Replace(
            BILAGA,
            "weight: 0\n",
            "weight: 0\ndraft: true\n",
        )],
        Any,
    ),
    (
        "and back",
        &[Edit::Replace(BILAGA, "draft: true\n", "")],
        Any,
    ),
    (
        "a part's slug: a new address",
        &[Edit::Replace(
            BILAGA,
            "weight: 0\n",
            "weight: 0\nslug: ordlista\n",
        )],
        Any,
    ),
    (
        "front matter that is not YAML",
        &[Edit::Replace(BILAGA, "weight: 0\n", "weight: [0\n")],
        Fails,
    ),
    (
        "mended",
        &[Edit::Replace(BILAGA, "weight: [0\n", "weight: 0\n")],
        Any,
    ),
    (
        "a body edit saved through a temporary file (sed -i)",
        &[
            Edit::Stray("content/region-a/plan-2030/sedX1b2c3"),
            Edit::Append(BILAGA, "\nSparad med sed.\n"),
        ],
        AtMost(2),
    ),
    (
        "only a temporary file came and went",
        &[Edit::Stray("content/region-a/sedY4d5e6")],
        AtMost(0),
    ),
    (
        "a folder of pages removed, reported as the folder",
        &[Edit::RemoveDir("content/region-b/strategi")],
        Any,
    ),
    (
        "a slug for a page that other pages link to: their links follow",
        &[Edit::Replace(
            BAKGRUND,
            "weight: 3\n",
            "weight: 3\nslug: om-planen\n",
        )],
        Any,
    ),
    (
        "an audit record: the statement lists the pages tested and not",
        &[Edit::Write(
            "content/accessibility-audit.yaml",
            "date: \"2026-01-02\"\ntools: [axe]\nchecks: 1\npassed: 2\nfailed: 0\npages:\n  - \"index.html\"\n  - \"region-a/plan-2030/bakgrund/index.html\"\n",
        )],
        Any,
    ),
    (
        "a new word in a body: the page, its print page, the new word's shard (new: the index file lists it) and the page's card file (its snippet)",
        &[Edit::Append(BAKGRUND, "\nZebrafinkar sjunger.\n")],
        AtMostIndex(2, 4),
    ),
    (
        "the word removed: its shard is gone",
        &[Edit::Replace(BAKGRUND, "\nZebrafinkar sjunger.\n", "")],
        AtMostIndex(2, 4),
    ),
    (
        "a body edit that changes no word: the page and its print page only",
        &[Edit::Replace(BAKGRUND, "## Syfte", "## Syfte ")],
        AtMostIndex(2, 0),
    ),
    (
        "a part's title: as before, and the shards of its old and new words and its card file",
        &[Edit::Replace(
            BILAGA,
            "title: Bilaga med ny titel",
            "title: Ordlista och begrepp",
        )],
        Any,
    ),
    (
        "a part's title, which the statement shows",
        &[Edit::Replace(
            BAKGRUND,
            "title: Bakgrund och syfte",
            "title: Bakgrunden",
        )],
        AtMost(10),
    ),
    (
        "a publication's summary and date: its pages, the feed",
        &[Edit::Replace(
            PUBLICATION,
            "publisher: Region A\n",
            "publisher: Region A\nsummary: Kort om planen.\ndate: 2023-05\n",
        )],
        Any,
    ),
    (
        "the publication's summary edited",
        &[Edit::Replace(
            PUBLICATION,
            "Kort om planen.",
            "En ny sammanfattning.",
        )],
        Any,
    ),
    (
        "the publication's date edited",
        &[Edit::Replace(
            PUBLICATION,
            "date: 2023-05",
            "date: 2024-01-10",
        )],
        Any,
    ),
    (
        "the publication's title edited",
        &[Edit::Replace(
            PUBLICATION,
            "title: Plan 2031",
            "title: Plan 2032",
        )],
        Any,
    ),
    (
        "a publication added: a new entry in the feed",
        &[Edit::Write(
            "content/region-a/plan-2040/_index.md",
            "---\ntitle: Plan 2040\ndate: 2025\nhorizon: 2040\n---\n\nEn ny plan.\n",
        )],
        Any,
    ),
    (
        "base_url set: the sitemap, robots.txt, every page's address",
        &[Edit::Append(
            "content/site.yaml",
            "base_url: https://example.se/planer\n",
        )],
        Any,
    ),
    (
        "a part added with base_url: the sitemap lists it",
        &[Edit::Write(
            "content/region-a/plan-2040/del.md",
            "---\ntitle: En del\n---\n\nText.\n",
        )],
        Any,
    ),
    (
        "a part's body with base_url: the sitemap, feed and robots.txt stay",
        &[Edit::Append(
            "content/region-a/plan-2040/del.md",
            "\nMer text.\n",
        )],
        AtMost(2),
    ),
    (
        "a part's slug with base_url: a new address in the sitemap",
        &[Edit::Replace(
            "content/region-a/plan-2040/del.md",
            "title: En del\n",
            "title: En del\nslug: delen\n",
        )],
        Any,
    ),
    (
        "the publication removed: its entry leaves the feed",
        &[Edit::RemoveDir("content/region-a/plan-2040")],
        Any,
    ),
    (
        "a part in English: English UI around it",
        &[Edit::Replace(
            BAKGRUND,
            "title: Bakgrunden",
            "title: Bakgrunden\nlang: en",
        )],
        Any,
    ),
    (
        "the theme's English texts: the English page",
        &[Edit::Write(
            "themes/egen/i18n/en.yaml",
            "on_this_page: \"What this page says\"\n",
        )],
        Any,
    ),
    (
        "the part back in Swedish",
        &[Edit::Replace(
            BAKGRUND,
            "title: Bakgrunden\nlang: en",
            "title: Bakgrunden",
        )],
        Any,
    ),
    (
        "base_url removed: sitemap and robots.txt are gone",
        &[Edit::Replace(
            "content/site.yaml",
            "base_url: https://example.se/planer\n",
            "",
        )],
        Any,
    ),
];

#[test]
fn every_rebuild_equals_a_build_from_nothing() {
    let t = SiteTest::from_dir("kinds");
    let failures = run_steps(&t, STEPS, Runs::One);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What is wrong with the files a rebuild says it wrote or removed
/// (`Report::changed`, what `serve` tells the browser): every file whose
/// bytes changed, came or went must be named, or a page open in a browser
/// would not show the change; and a page named must have changed, or it
/// would be fetched for nothing. (A copied file is named when its source was
/// saved, with the same bytes or not.)
fn said_changed(
    what: &str,
    report: &malbild::Report,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    after: &std::collections::BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let Some(changed) = &report.changed else {
        return vec![format!(
            "{what}: a rebuild over the output folder does not say what it changed"
        )];
    };
    let changed: std::collections::BTreeSet<&str> = changed.iter().map(String::as_str).collect();
    let mut failures = Vec::new();
    let differ: Vec<&String> = before
        .keys()
        .chain(after.keys())
        .filter(|k| *k != ".malbild-output" && before.get(*k) != after.get(*k))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let unsaid: Vec<&&String> = differ
        .iter()
        .filter(|k| !changed.contains(k.as_str()))
        .collect();
    if !unsaid.is_empty() {
        failures.push(format!(
            "{what}: these files changed but the rebuild does not name them: {unsaid:?}"
        ));
    }
    let needless: Vec<&&str> = changed
        .iter()
        .filter(|k| k.ends_with(".html") && !differ.iter().any(|d| d == *k))
        .collect();
    if !needless.is_empty() {
        failures.push(format!(
            "{what}: the rebuild names these pages, which did not change: {needless:?}"
        ));
    }
    failures
}

/// How the builds after the first are run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Runs {
    /// One builder rebuilds after each step, as `serve` and `watch` do.
    One,
    /// Each build is a new builder (a new run of `malbild build`) over the
    /// cache file the last one wrote; the edits are made while no malbild
    /// runs, so nothing tells it what changed.
    New,
}

/// A builder of a new run of `malbild build`.
pub(crate) fn new_run(t: &SiteTest) -> Builder {
    Builder::new(Config::new(t.root())).with_disk_cache(malbild::CacheMode::LoadAndSave)
}

pub(crate) fn run_steps(t: &SiteTest, steps: &[Step], runs: Runs) -> Vec<String> {
    let mut builder = match runs {
        Runs::One => Builder::new(Config::new(t.root())),
        Runs::New => new_run(t),
    };
    builder.build().unwrap();
    let mut failures = Vec::new();
    let mut before = t.output_files();
    for (what, edits, expect) in steps {
        let mut changes = Vec::new();
        for edit in *edits {
            match edit {
                Edit::Write(rel, text) => {
                    t.write(rel, text);
                }
                Edit::Append(rel, text) => {
                    let old = t.read(rel);
                    t.write(rel, &format!("{old}{text}"));
                }
                Edit::Replace(rel, from, to) => {
                    let old = t.read(rel);
                    assert!(old.contains(from), "{what}: no {from} in {rel}");
                    t.write(rel, &old.replacen(from, to, 1));
                }
                Edit::Remove(rel) => fs::remove_file(t.path(rel)).unwrap(),
                Edit::Stray(rel) => {
                    t.write(rel, "tillfällig");
                    fs::remove_file(t.path(rel)).unwrap();
                }
                Edit::RemoveDir(rel) => fs::remove_dir_all(t.path(rel)).unwrap(),
            }
            let rel = match edit {
                Edit::Write(r, _)
                | Edit::Append(r, _)
                | Edit::Replace(r, _, _)
                | Edit::Remove(r)
                | Edit::Stray(r)
                | Edit::RemoveDir(r) => r,
            };
            // As the watcher reports it: absolute paths, classified.
            let path = std::path::absolute(t.path(rel)).unwrap();
            let root = std::path::absolute(t.root()).unwrap();
            changes.extend(malbild::classify(&root, &root.join("output"), &path));
        }
        let result = match runs {
            Runs::One => builder.rebuild(&changes),
            Runs::New => new_run(t).build(),
        };
        let mut fresh = Config::new(t.root());
        fresh.output = t.path("fresh");
        if let Fails = expect {
            let diagnostics = |e: anyhow::Error| -> Vec<String> {
                let failed = e.downcast::<malbild::Failed>().unwrap();
                failed.diagnostics.iter().map(|d| d.to_string()).collect()
            };
            match (result, malbild::build(&fresh)) {
                (Err(mine), Err(full)) => {
                    let (mine, full) = (diagnostics(mine), diagnostics(full));
                    if mine != full {
                        failures.push(format!(
                            "{what}: the rebuild said {mine:?}, a build from nothing {full:?}"
                        ));
                    }
                }
                (mine, full) => failures.push(format!(
                    "{what}: both should fail; the rebuild {}, a build from nothing {}",
                    if mine.is_ok() { "built" } else { "failed" },
                    if full.is_ok() { "built" } else { "failed" },
                )),
            }
            continue;
        }
        let report = match result {
            Ok(report) => report,
            Err(e) => {
                failures.push(format!("{what}: the rebuild failed: {e:#}"));
                continue;
            }
        };
        if let AtMost(max) | AtMostIndex(max, _) = expect
            && report.rendered > *max
        {
            failures.push(format!(
                "{what}: rendered {} pages, at most {max} expected",
                report.rendered
            ));
        }
        if let AtMost(0) = expect
            && report.index_made > 0
        {
            failures.push(format!(
                "{what}: made {} files of the search index, none expected",
                report.index_made
            ));
        }
        if let AtMostIndex(_, max) = expect
            && report.index_made > *max
        {
            failures.push(format!(
                "{what}: made {} files of the search index, at most {max} expected",
                report.index_made
            ));
        }
        let incremental = t.output_files();
        failures.extend(said_changed(what, &report, &before, &incremental));
        before = incremental.clone();
        let full = malbild::build(&fresh).unwrap();
        let said = |w: &malbild::List| w.iter().map(|d| d.to_string()).collect::<Vec<_>>();
        if said(&report.warnings) != said(&full.warnings) {
            failures.push(format!(
                "{what}: the rebuild warned {:?}, a build from nothing {:?}",
                said(&report.warnings),
                said(&full.warnings)
            ));
        }
        let from_nothing = t.files_in("fresh");
        if incremental != from_nothing {
            let differ: Vec<&String> = incremental
                .keys()
                .chain(from_nothing.keys())
                .filter(|k| incremental.get(*k) != from_nothing.get(*k))
                .collect();
            failures.push(format!(
                "{what}: these files differ from a build from nothing: {differ:?}"
            ));
        }
    }
    failures
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let t = SiteTest::from_dir("kinds");
    let mut builder = Builder::new(Config::new(t.root()));
    builder.build().unwrap();
    let page = t.path("output/region-a/plan-2030/malbild/index.html");
    let before = fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let old = t.read(BILAGA);
    t.write(BILAGA, &format!("{old}\nMer text.\n"));
    builder.forget(&t.path(BILAGA));
    let report = builder.build().unwrap();
    // The page and its publication's print page, which shows every part;
    // and of the search index, the shards of its new words, its card file
    // and (a new shard) the index file.
    assert_eq!(
        (report.rendered, report.written),
        (2, 2 + report.index_made)
    );
    assert!(
        (1..=4).contains(&report.index_made),
        "{}",
        report.index_made
    );
    assert_eq!(fs::metadata(&page).unwrap().modified().unwrap(), before);
}

#[test]
fn a_failed_rebuild_writes_nothing_and_the_fix_recovers() {
    let t = SiteTest::from_dir("kinds");
    let mut builder = Builder::new(Config::new(t.root()));
    builder.build().unwrap();
    let before = t.output_files();
    t.write(BILAGA, "---\ntitle: Bilaga\nweight: abc\n---\n");
    builder.forget(&t.path(BILAGA));
    assert!(builder.build().is_err());
    assert_eq!(t.output_files(), before);
    t.write(BILAGA, "---\ntitle: Bilaga lagad\nweight: 4\n---\n");
    builder.forget(&t.path(BILAGA));
    builder.build().unwrap();
    assert!(
        t.read("output/region-a/plan-2030/bilaga/index.html")
            .contains("Bilaga lagad")
    );
}

fn check(name: &str, steps: &[Step]) {
    let t = SiteTest::from_dir("kinds");
    let failures = run_steps(&t, steps, Runs::One);
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn a_batch_of_temporary_files_after_a_failed_rebuild_still_fails() {
    check(
        "stray",
        &[
            (
                "a link to a page that does not exist",
                &[Edit::Append(BILAGA, "\nSe [planen](finns-inte.md).\n")],
                Fails,
            ),
            (
                "only a temporary file came and went while it is broken",
                &[Edit::Stray("content/region-a/sedY4d5e6")],
                Fails,
            ),
            ("nothing changed while it is broken", &[], Fails),
        ],
    );
}

#[test]
fn a_batch_of_temporary_files_after_a_template_error_still_fails() {
    check(
        "stray template",
        &[
            (
                "a template that does not exist",
                &[Edit::Replace(
                    BILAGA,
                    "weight: 4\n",
                    "weight: 4\ntemplate: saknas.html\n",
                )],
                Fails,
            ),
            (
                "only a temporary file came and went while it is broken",
                &[Edit::Stray("content/region-a/sedY4d5e6")],
                Fails,
            ),
        ],
    );
}

#[test]
fn a_link_of_the_statement_follows_a_slug() {
    check(
        "statement",
        &[
            (
                "site.yaml with a known problem that links a part",
                &[Edit::Write(
                    "content/site.yaml",
                    "title: Testsajt\norganisation:\n  name: Region A\n  email: info@example.se\naccessibility:\n  compliance: partly\n  statement_date: 2026-01-15\n  known_problems:\n    - \"Tabellen i [bakgrunden](region-a/plan-2030/bakgrund.md) saknar rubrik.\"\n",
                )],
                Any,
            ),
            (
                "a slug for that part",
                &[Edit::Replace(
                    BAKGRUND,
                    "weight: 3\n",
                    "weight: 3\nslug: om-planen\n",
                )],
                Any,
            ),
        ],
    );
}

#[test]
fn a_region_logo_follows_its_file() {
    check(
        "logo",
        &[
            (
                "a region logo in a subfolder",
                &[
                    Edit::Write(
                        "content/region-b/_index.md",
                        "---\ntitle: Region Ö\nslug: region-o\nweight: 1\nlogo: Bilder/logo.svg\nlogo_alt: Region Ö\n---\n",
                    ),
                    Edit::Write(
                        "content/region-b/Bilder/logo.svg",
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
                    ),
                ],
                Any,
            ),
            (
                "the logo file removed",
                &[Edit::Remove("content/region-b/Bilder/logo.svg")],
                Any,
            ),
        ],
    );
}

#[test]
fn a_home_page_file_after_none() {
    check(
        "home",
        &[
            (
                "no home page file",
                &[Edit::Remove("content/_index.md")],
                Any,
            ),
            (
                "a home page file without front matter",
                &[Edit::Write("content/_index.md", "Välkommen hit.\n")],
                Any,
            ),
            (
                "a publication's title",
                &[Edit::Replace(
                    PUBLICATION,
                    "title: Plan 2030",
                    "title: Plan 2031",
                )],
                Any,
            ),
        ],
    );
}

#[test]
fn the_content_folder_moved_away() {
    check(
        "content",
        &[(
            "the content folder moved away",
            &[Edit::RemoveDir("content")],
            Fails,
        )],
    );
}

// Sequences that mix the fast and the full way, and failures between them.

const REGION: &str = "content/region-a/_index.md";
const FRAMGANG: &str = "content/region-a/plan-2030/framgångsfaktorer.md";

#[test]
fn body_then_site_yaml() {
    check(
        "body_then_site_yaml",
        &[
            (
                "body",
                &[Edit::Append(BILAGA, "\nEn ny mening.\n")],
                AtMost(2),
            ),
            (
                "title",
                &[Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga B")],
                AtMost(9),
            ),
            (
                "site.yaml",
                &[Edit::Replace(
                    "content/site.yaml",
                    "title: Testsajt",
                    "title: Ny sajt",
                )],
                Any,
            ),
            (
                "body again",
                &[Edit::Append(BILAGA, "\nÄnnu en.\n")],
                AtMost(2),
            ),
        ],
    );
}

#[test]
fn fast_then_template_and_css() {
    check(
        "fast_then_template_and_css",
        &[
            (
                "a site theme with one template",
                &[
                    Edit::Write("content/site.yaml", "title: Test\ntheme: egen\n"),
                    Edit::Write("themes/egen/theme.yaml", "extends: default\n"),
                    Edit::Write(
                        "themes/egen/templates/page.html",
                        "{% extends \"base.html\" %}{% block body %}<p>egen</p>{{ page.content | safe }}{% endblock body %}\n",
                    ),
                ],
                Any,
            ),
            (
                "body",
                &[Edit::Append(BILAGA, "\nEn ny mening.\n")],
                AtMost(2),
            ),
            (
                "title",
                &[Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga B")],
                AtMost(9),
            ),
            (
                "template",
                &[Edit::Write(
                    "themes/egen/templates/page.html",
                    "{% extends \"base.html\" %}{% block body %}<p>egen 2</p>{{ page.content | safe }}{% endblock body %}\n",
                )],
                Any,
            ),
            (
                "title 2",
                &[Edit::Replace(BILAGA, "title: Bilaga B", "title: Bilaga C")],
                AtMost(9),
            ),
            (
                "css",
                &[Edit::Write(
                    "themes/egen/static/css/malbild.css",
                    "body { color: black }\n",
                )],
                // The 404 page, whose styles are inline.
                AtMost(1),
            ),
            ("body 2", &[Edit::Append(BAKGRUND, "\nMer.\n")], AtMost(2)),
        ],
    );
}

#[test]
fn fast_then_new_and_removed_page() {
    check(
        "fast_then_new_and_removed_page",
        &[
            (
                "title",
                &[Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga B")],
                AtMost(9),
            ),
            ("body", &[Edit::Append(BAKGRUND, "\nMer.\n")], AtMost(2)),
            (
                "a new page",
                &[Edit::Write(
                    "content/region-a/plan-2030/ny.md",
                    "---\ntitle: Ny del\nweight: 9\n---\n\nSe [bilagan](bilaga.md).\n",
                )],
                Any,
            ),
            (
                "title of new",
                &[Edit::Replace(
                    "content/region-a/plan-2030/ny.md",
                    "title: Ny del",
                    "title: Ny del 2",
                )],
                AtMost(9),
            ),
            (
                "weight of new",
                &[Edit::Replace(
                    "content/region-a/plan-2030/ny.md",
                    "weight: 9",
                    "weight: -1",
                )],
                // A new order also moves the comparison and the theme pages.
                // A new order of parts: the A–Ö list of the search page reads the tree too.
                AtMost(12),
            ),
            (
                "removed",
                &[Edit::Remove("content/region-a/plan-2030/ny.md")],
                Any,
            ),
            (
                "title again",
                &[Edit::Replace(BILAGA, "title: Bilaga B", "title: Bilaga C")],
                AtMost(9),
            ),
            ("removed bilaga", &[Edit::Remove(BILAGA)], Any),
            (
                "body again",
                &[Edit::Append(BAKGRUND, "\nMer.\n")],
                AtMost(2),
            ),
        ],
    );
}

#[test]
fn weight_twice_then_sibling() {
    check(
        "weight_twice_then_sibling",
        &[
            (
                "w1",
                &[Edit::Replace(BILAGA, "weight: 4", "weight: 0")],
                // A new order also moves the comparison and the theme pages.
                AtMost(11),
            ),
            (
                "w2",
                &[Edit::Replace(BILAGA, "weight: 0", "weight: 2")],
                // A new order also moves the comparison and the theme pages.
                AtMost(11),
            ),
            (
                "w3",
                &[Edit::Replace(BAKGRUND, "weight: 3", "weight: 5")],
                AtMost(9),
            ),
            (
                "a new sibling",
                &[Edit::Write(
                    "content/region-a/plan-2030/ny.md",
                    "---\ntitle: Ny del\nweight: 2\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "w4",
                &[Edit::Replace(BILAGA, "weight: 2", "weight: 7")],
                // A new order also moves the comparison and the theme pages.
                // A new order of parts: the A–Ö list of the search page reads the tree too.
                AtMost(12),
            ),
        ],
    );
}

#[test]
fn summary_warning() {
    check(
        "summary_warning",
        &[
            (
                "summary with a warning",
                &[Edit::Replace(
                    BILAGA,
                    "weight: 4\n",
                    "weight: 4\nsummary: \"Läs <b>mer</b> [här](bakgrund.md).\"\n",
                )],
                AtMost(9),
            ),
            (
                "summary fixed",
                &[Edit::Replace(
                    BILAGA,
                    "summary: \"Läs <b>mer</b> [här](bakgrund.md).\"\n",
                    "summary: Läs om bakgrunden.\n",
                )],
                AtMost(9),
            ),
            (
                "summary with a broken link",
                &[Edit::Replace(
                    BILAGA,
                    "summary: Läs om bakgrunden.\n",
                    "summary: Se [x](saknas.md).\n",
                )],
                Fails,
            ),
            (
                "summary removed",
                &[Edit::Replace(BILAGA, "summary: Se [x](saknas.md).\n", "")],
                AtMost(9),
            ),
        ],
    );
}

#[test]
fn fast_fail_then_slow_fix() {
    check(
        "fast_fail_then_slow_fix",
        &[
            (
                "broken link",
                &[Edit::Append(BILAGA, "\nSe [x](saknas.md).\n")],
                Fails,
            ),
            (
                "title while broken",
                &[Edit::Replace(
                    BAKGRUND,
                    "title: Bakgrund",
                    "title: Bakgrund 2",
                )],
                Fails,
            ),
            (
                "the missing page created",
                &[Edit::Write(
                    "content/region-a/plan-2030/saknas.md",
                    "---\ntitle: Saknas\n---\n\nNu finns den.\n",
                )],
                Any,
            ),
            ("body", &[Edit::Append(BILAGA, "\nMer.\n")], AtMost(2)),
        ],
    );
}

#[test]
fn fast_fail_then_site_yaml() {
    check(
        "fast_fail_then_site_yaml",
        &[
            (
                "template missing",
                &[Edit::Replace(
                    BILAGA,
                    "weight: 4\n",
                    "weight: 4\ntemplate: saknas.html\n",
                )],
                Fails,
            ),
            (
                "site.yaml",
                &[Edit::Replace(
                    "content/site.yaml",
                    "title: Testsajt",
                    "title: Ny sajt",
                )],
                Fails,
            ),
            (
                "fixed",
                &[Edit::Replace(BILAGA, "template: saknas.html\n", "")],
                Any,
            ),
            ("body", &[Edit::Append(BILAGA, "\nMer.\n")], AtMost(2)),
        ],
    );
}

#[test]
fn fast_fail_template_then_slow_fix_other() {
    check(
        "fast_fail_template_then_slow_fix_other",
        &[
            (
                "template missing",
                &[Edit::Replace(
                    BILAGA,
                    "weight: 4\n",
                    "weight: 4\ntemplate: saknas.html\n",
                )],
                Fails,
            ),
            (
                "file fixed and new page",
                &[
                    Edit::Replace(BILAGA, "template: saknas.html\n", ""),
                    Edit::Write(
                        "content/region-a/plan-2030/ny.md",
                        "---\ntitle: Ny\n---\n\nText.\n",
                    ),
                ],
                Any,
            ),
            (
                "title",
                &[Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga 2")],
                AtMost(10),
            ),
        ],
    );
}

#[test]
fn same_page_twice() {
    check(
        "same_page_twice",
        &[
            (
                "body twice",
                &[
                    Edit::Append(BILAGA, "\nA.\n"),
                    Edit::Append(BILAGA, "\nB.\n"),
                ],
                AtMost(2),
            ),
            (
                "front twice",
                &[
                    Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga X"),
                    Edit::Replace(BILAGA, "weight: 4", "weight: 0"),
                ],
                // A new order also moves the comparison and the theme pages.
                AtMost(11),
            ),
            (
                "front then body",
                &[
                    Edit::Replace(BILAGA, "title: Bilaga X", "title: Bilaga Y"),
                    Edit::Append(BILAGA, "\n## Tom\n"),
                ],
                AtMost(9),
            ),
            (
                "new heading ids twice",
                &[
                    Edit::Replace(BILAGA, "## Ordlista", "## Begrepp"),
                    Edit::Append(BILAGA, "\nSe [x](#ordlista).\n"),
                ],
                Fails,
            ),
            (
                "fixed",
                &[Edit::Replace(BILAGA, "(#ordlista)", "(#begrepp)")],
                AtMost(9),
            ),
        ],
    );
}

#[test]
fn batch_two_parts() {
    check(
        "batch_two_parts",
        &[
            (
                "body + front",
                &[
                    Edit::Append(BAKGRUND, "\nMer.\n"),
                    Edit::Replace(BILAGA, "weight: 4", "weight: 0"),
                ],
                // A new order of parts: the A–Ö list of the search page reads the tree too.
                AtMost(11),
            ),
            (
                "front + body",
                &[
                    Edit::Replace(BILAGA, "weight: 0", "weight: 4"),
                    Edit::Append(BAKGRUND, "\nÄnnu mer.\n"),
                ],
                // A new order of parts: the A–Ö list of the search page reads the tree too.
                AtMost(11),
            ),
            (
                "front + front",
                &[
                    Edit::Replace(BILAGA, "title: Bilaga", "title: A-bilaga"),
                    Edit::Replace(BAKGRUND, "title: Bakgrund", "title: Z-bakgrund"),
                ],
                AtMost(10),
            ),
            (
                "weights swap",
                &[
                    Edit::Replace(BILAGA, "weight: 4", "weight: 3"),
                    Edit::Replace(BAKGRUND, "weight: 3", "weight: 4"),
                ],
                // A new order of parts: the A–Ö list of the search page reads the tree too.
                AtMost(11),
            ),
        ],
    );
}

#[test]
fn template_page_html() {
    check(
        "template_page_html",
        &[
            (
                "template page.html",
                &[Edit::Replace(
                    BAKGRUND,
                    "weight: 3\n",
                    "weight: 3\ntemplate: page.html\n",
                )],
                AtMost(10),
            ),
            (
                "template line removed",
                &[Edit::Replace(BAKGRUND, "template: page.html\n", "")],
                AtMost(10),
            ),
            (
                "template page.html again",
                &[Edit::Replace(
                    BAKGRUND,
                    "weight: 3\n",
                    "weight: 3\ntemplate: page.html\n",
                )],
                AtMost(10),
            ),
            ("removed", &[Edit::Remove(BAKGRUND)], Fails),
        ],
    );
}

#[test]
fn template_page_html_removed_file() {
    check(
        "template_page_html_removed_file",
        &[
            (
                "template page.html",
                &[Edit::Replace(
                    BILAGA,
                    "weight: 4\n",
                    "weight: 4\ntemplate: page.html\n",
                )],
                AtMost(10),
            ),
            ("removed", &[Edit::Remove(BILAGA)], Any),
            (
                "back",
                &[Edit::Write(
                    BILAGA,
                    "---\ntitle: Bilaga\nweight: 4\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
                )],
                Any,
            ),
        ],
    );
}

#[test]
fn audit_after_fast() {
    check(
        "audit_after_fast",
        &[
            (
                "an audit record",
                &[Edit::Write(
                    "content/accessibility-audit.yaml",
                    "date: \"2026-01-02\"\ntools: [axe]\nchecks: 1\npassed: 2\nfailed: 0\npages:\n  - \"index.html\"\n  - \"region-a/plan-2030/bakgrund/index.html\"\n",
                )],
                Any,
            ),
            (
                "title",
                &[Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga B")],
                AtMost(10),
            ),
            (
                "weight",
                &[Edit::Replace(BILAGA, "weight: 4", "weight: 0")],
                // A new order of parts: the A–Ö list of the search page reads the tree too.
                AtMost(11),
            ),
            ("body", &[Edit::Append(BAKGRUND, "\nMer.\n")], AtMost(2)),
            (
                "audit edited",
                &[Edit::Replace(
                    "content/accessibility-audit.yaml",
                    "checks: 1",
                    "checks: 3",
                )],
                Any,
            ),
            (
                "title 2",
                &[Edit::Replace(BILAGA, "title: Bilaga B", "title: Bilaga C")],
                AtMost(10),
            ),
            (
                "audit removed",
                &[Edit::Remove("content/accessibility-audit.yaml")],
                Any,
            ),
            (
                "title 3",
                &[Edit::Replace(BILAGA, "title: Bilaga C", "title: Bilaga D")],
                AtMost(10),
            ),
        ],
    );
}

#[test]
fn index_bodies() {
    check(
        "index_bodies",
        &[
            (
                "publication body",
                &[Edit::Append(PUBLICATION, "\nMer om planen.\n")],
                AtMost(3),
            ),
            (
                "region body",
                &[Edit::Append(REGION, "\nMer om regionen.\n")],
                Any,
            ),
            (
                "home body",
                &[Edit::Append("content/_index.md", "\nMer.\n")],
                Any,
            ),
            (
                "publication body heading",
                &[Edit::Append(PUBLICATION, "\n## Mål\n\nText.\n")],
                AtMost(3),
            ),
            (
                "link to it",
                &[Edit::Append(BILAGA, "\nSe [mål](_index.md#mal).\n")],
                AtMost(2),
            ),
            (
                "heading renamed",
                &[Edit::Replace(PUBLICATION, "## Mål", "## Syften")],
                Fails,
            ),
            (
                "back",
                &[Edit::Replace(PUBLICATION, "## Syften", "## Mål")],
                Any,
            ),
            (
                "region body warn",
                &[Edit::Append(REGION, "\n## Tom\n")],
                Any,
            ),
            (
                "region body unwarn",
                &[Edit::Replace(REGION, "\n## Tom\n", "\n")],
                Any,
            ),
            (
                "site.yaml",
                &[Edit::Replace(
                    "content/site.yaml",
                    "title: Testsajt",
                    "title: Ny sajt",
                )],
                Any,
            ),
        ],
    );
}

#[test]
fn goal_areas_fast() {
    check(
        "goal_areas_fast",
        &[
            (
                "goal area renamed with a link to it",
                &[Edit::Replace(
                    MALBILD,
                    "  - title: Nära",
                    "  - title: Närhet",
                )],
                AtMost(10),
            ),
            (
                "factor summary warning",
                &[Edit::Replace(
                    FRAMGANG,
                    "summary: Tydligt ledarskap.",
                    "summary: \"Tydligt <i>ledarskap</i>.\"",
                )],
                AtMost(10),
            ),
            (
                "factor summary fixed",
                &[Edit::Replace(
                    FRAMGANG,
                    "summary: \"Tydligt <i>ledarskap</i>.\"",
                    "summary: Tydligt ledarskap.",
                )],
                AtMost(10),
            ),
            (
                "kind changed",
                &[Edit::Replace(
                    FRAMGANG,
                    "kind: success-factors",
                    "kind: background",
                )],
                Any,
            ),
        ],
    );
}

#[test]
fn tie_order() {
    check(
        "tie_order",
        &[(
            "a missing template and an unknown check name on the same spot",
            &[Edit::Replace(
                BILAGA,
                "weight: 4\n",
                "weight: 4\ntemplate: saknas.html\ncheck:\n  ignore: [temp]\n",
            )],
            Fails,
        )],
    );
}

#[test]
fn parts_elsewhere() {
    check(
        "parts_elsewhere",
        &[
            (
                "parts under the home page and a region",
                &[
                    Edit::Write(
                        "content/om.md",
                        "---\ntitle: Om sajten\nweight: 5\n---\n\nText om sajten.\n",
                    ),
                    Edit::Write(
                        "content/region-a/kontakt.md",
                        "---\ntitle: Kontakt\nweight: 5\n---\n\nRing oss.\n",
                    ),
                ],
                Any,
            ),
            (
                "home part title",
                &[Edit::Replace(
                    "content/om.md",
                    "title: Om sajten",
                    "title: Om webbplatsen",
                )],
                AtMost(10),
            ),
            (
                "home part weight",
                &[Edit::Replace("content/om.md", "weight: 5", "weight: 0")],
                AtMost(10),
            ),
            (
                "region part weight",
                &[Edit::Replace(
                    "content/region-a/kontakt.md",
                    "weight: 5",
                    "weight: -3",
                )],
                AtMost(10),
            ),
            (
                "region part summary",
                &[Edit::Replace(
                    "content/region-a/kontakt.md",
                    "weight: -3\n",
                    "weight: -3\nsummary: Så når du oss.\n",
                )],
                AtMost(10),
            ),
            (
                "region part body",
                &[Edit::Append("content/region-a/kontakt.md", "\nMejla.\n")],
                AtMost(10),
            ),
            (
                "region title",
                &[Edit::Replace(
                    REGION,
                    "title: Region A",
                    "title: Region Alfa",
                )],
                Any,
            ),
            (
                "home part title 2",
                &[Edit::Replace(
                    "content/om.md",
                    "title: Om webbplatsen",
                    "title: Om oss",
                )],
                AtMost(10),
            ),
            (
                "audit",
                &[Edit::Write(
                    "content/accessibility-audit.yaml",
                    "date: \"2026-01-02\"\ntools: [axe]\nchecks: 1\npassed: 2\nfailed: 0\npages:\n  - \"index.html\"\n",
                )],
                Any,
            ),
            (
                "home part title 3",
                &[Edit::Replace("content/om.md", "title: Om oss", "title: Om")],
                AtMost(20),
            ),
            (
                "region part title",
                &[Edit::Replace(
                    "content/region-a/kontakt.md",
                    "title: Kontakt",
                    "title: Kontakta oss",
                )],
                AtMost(20),
            ),
        ],
    );
}

#[test]
fn link_to_unreadable_then_removed() {
    check(
        "link_to_unreadable_then_removed",
        &[
            (
                "a new page and a link to it",
                &[
                    Edit::Write(
                        "content/region-a/plan-2030/ny.md",
                        "---\ntitle: Ny del\nweight: 9\n---\n\nText.\n",
                    ),
                    Edit::Append(BILAGA, "\nSe [den nya](ny.md).\n"),
                ],
                Any,
            ),
            (
                "its front matter broken",
                &[Edit::Replace(
                    "content/region-a/plan-2030/ny.md",
                    "weight: 9",
                    "weight: [9",
                )],
                Fails,
            ),
            (
                "and the page removed: the link leads nowhere",
                &[Edit::Remove("content/region-a/plan-2030/ny.md")],
                Fails,
            ),
        ],
    );
}

#[test]
fn link_to_missing_then_unreadable() {
    check(
        "link_to_missing_then_unreadable",
        &[
            (
                "a link to a page that does not exist",
                &[Edit::Append(BILAGA, "\nSe [den nya](ny.md).\n")],
                Fails,
            ),
            (
                "the page created, with front matter that is not YAML",
                &[Edit::Write(
                    "content/region-a/plan-2030/ny.md",
                    "---\ntitle: Ny del\nweight: [9\n---\n\nText.\n",
                )],
                Fails,
            ),
        ],
    );
}

#[test]
fn link_hint_ties() {
    for _ in 0..8 {
        check(
            "link_hint_ties",
            &[
                (
                    "two pages whose names differ in one letter",
                    &[
                        Edit::Write(
                            "content/region-a/plan-2030/a.md",
                            "---\ntitle: A\n---\n\nText a.\n",
                        ),
                        Edit::Write(
                            "content/region-a/plan-2030/b.md",
                            "---\ntitle: B\n---\n\nText b.\n",
                        ),
                    ],
                    Any,
                ),
                (
                    "a link to a third such name",
                    &[Edit::Append(BILAGA, "\nSe [c](c.md).\n")],
                    Fails,
                ),
                (
                    "site.yaml edited",
                    &[Edit::Replace(
                        "content/site.yaml",
                        "title: Testsajt",
                        "title: Ny sajt",
                    )],
                    Fails,
                ),
            ],
        );
    }
}

#[test]
fn a_spaced_link_then_the_page_it_names() {
    // The message for `[x](a target with spaces)` suggests a page by name:
    // a page added elsewhere changes it, and so the body's problems.
    check(
        "a_spaced_link_then_the_page_it_names",
        &[
            (
                "a link with spaces in its target",
                &[Edit::Append(BILAGA, "\nSe [planen](Ny plan).\n")],
                Fails,
            ),
            (
                "the page that name makes",
                &[Edit::Write(
                    "content/region-a/plan-2030/ny-plan.md",
                    "---\ntitle: Ny plan\nweight: 9\n---\n\nText.\n",
                )],
                Fails,
            ),
            (
                "the page removed again",
                &[Edit::Remove("content/region-a/plan-2030/ny-plan.md")],
                Fails,
            ),
        ],
    );
}

// Issue 13: a publication's title is shown by the pages that read it (its
// parts' breadcrumbs, its region's list, the comparison...), not by every
// page: the default theme's navigation lists regions only. A theme that
// lists the navigation's publications (`site.regions[].publications`) gets
// every page made again.
#[test]
fn a_publication_title_renders_only_the_pages_that_show_it() {
    check(
        "a_publication_title_renders_only_the_pages_that_show_it",
        &[(
            "a publication's title",
            &[Edit::Replace(
                PUBLICATION,
                "title: Plan 2030",
                "title: Planen 2030",
            )],
            AtMost(PAGES_SHOWING_THE_PUBLICATION),
        )],
    );
}

/// The outputs of the `kinds` fixture that show its publication's title:
/// the publication, its 4 parts, its print page, the home and region pages
/// (their lists), the 404 page (the home page's list), the comparison, the
/// 3 theme pages, the feed and the search page (A–Ö); not region B's 3
/// pages.
const PAGES_SHOWING_THE_PUBLICATION: usize = 15;

#[test]
fn a_theme_that_lists_the_navigations_publications() {
    check(
        "a_theme_that_lists_the_navigations_publications",
        &[
            (
                "a site theme whose pages list every publication",
                &[
                    Edit::Write("content/site.yaml", "title: Test\ntheme: egen\n"),
                    Edit::Write("themes/egen/theme.yaml", "extends: default\n"),
                    // Region B's publication page too.
                    Edit::Write(
                        "themes/egen/templates/publication.html",
                        "{% extends \"base.html\" %}{% block body %}<ul>{% for r in site.regions %}{% for p in r.publications %}<li>{{ p.title }}</li>{% endfor %}{% endfor %}</ul>{{ page.content | safe }}{% endblock body %}\n",
                    ),
                ],
                Any,
            ),
            (
                "a publication's title: every page made with that template shows it",
                &[Edit::Replace(
                    PUBLICATION,
                    "title: Plan 2030",
                    "title: Planen 2030",
                )],
                Any,
            ),
        ],
    );
}

// Issue 13: a page's number in the search index is its own (a place in a
// sparse table by a hash of its content path), so a page added or removed
// before others in the site's order changes only the shards of its words,
// its card file and the index file; with numbers by place in the site it
// made 44 of the 47 files again. All numbers move when the number of pages
// passes a power of two: the fixture has 8 pages, so the first new page
// does.
#[test]
fn a_new_page_makes_only_its_own_files_of_the_search_index() {
    check(
        "a_new_page_makes_only_its_own_files_of_the_search_index",
        &[
            (
                "a ninth page: every number moves",
                &[Edit::Write(
                    "content/region-a/plan-2030/x-ny.md",
                    "---\ntitle: Ny\nweight: 8\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "a tenth page, first of its publication: its word's shard, its card file and the index file",
                &[Edit::Write(
                    "content/region-a/plan-2030/a-zebra.md",
                    "---\ntitle: Zebra\nweight: 9\n---\n\nZebra.\n",
                )],
                AtMostIndex(100, 3),
            ),
            (
                "that page removed",
                &[Edit::Remove("content/region-a/plan-2030/a-zebra.md")],
                AtMostIndex(100, 3),
            ),
        ],
    );
}

// A home page without `title:` is titled by site.yaml: a new site title
// gives its search words the new title too, as a build from nothing does
// (its body, cached by the page's text, was kept with the old words).
#[test]
fn a_site_title_renames_a_home_page_without_its_own() {
    check(
        "a_site_title_renames_a_home_page_without_its_own",
        &[
            (
                "the home page without a title",
                &[Edit::Replace("content/_index.md", "title: Testsajt\n", "")],
                Any,
            ),
            (
                "a new site title",
                &[Edit::Replace(
                    "content/site.yaml",
                    "title: Testsajt",
                    "title: Zebrasajten",
                )],
                Any,
            ),
        ],
    );
}

/// Ten regions more for the `kinds` fixture (twelve in all, Region Ö last):
/// more than the default theme lists in its header (six) and, with one
/// more, in its footer (twelve).
const TEN_REGIONS: &[Edit] = &[
    Edit::Write(
        "content/region-c/_index.md",
        "---\ntitle: Region C\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-d/_index.md",
        "---\ntitle: Region D\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-e/_index.md",
        "---\ntitle: Region E\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-f/_index.md",
        "---\ntitle: Region F\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-g/_index.md",
        "---\ntitle: Region G\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-h/_index.md",
        "---\ntitle: Region H\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-i/_index.md",
        "---\ntitle: Region I\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-j/_index.md",
        "---\ntitle: Region J\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-k/_index.md",
        "---\ntitle: Region K\n---\n\nEn region.\n",
    ),
    Edit::Write(
        "content/region-l/_index.md",
        "---\ntitle: Region L\n---\n\nEn region.\n",
    ),
];

// The default theme shows the navigation's regions only when they are few,
// and reads them with `regions()` only then: a region's title makes again
// every page while the regions are in the header and footer, and only the
// pages that show it once they are not.
#[test]
fn a_region_title_renders_the_pages_that_show_it() {
    check(
        "a_region_title_renders_the_pages_that_show_it",
        &[
            (
                "a region's title, two regions (in every header)",
                &[Edit::Replace(
                    REGION_B,
                    "title: Region Ö",
                    "title: Region Ö2",
                )],
                Any,
            ),
            ("ten regions more", TEN_REGIONS, Any),
            (
                "a region's title, twelve regions (in every footer)",
                &[Edit::Replace(
                    REGION_B,
                    "title: Region Ö2",
                    "title: Region Ö3",
                )],
                Any,
            ),
            (
                "a thirteenth region",
                &[Edit::Write(
                    "content/region-m/_index.md",
                    "---\ntitle: Region M\n---\n\nEn region.\n",
                )],
                Any,
            ),
            // Its page, its publication's pages and print page, the home
            // page, the comparison and theme word pages (8 here, where the
            // step before renders 28): not the other regions' pages nor
            // region A's publication and its parts.
            (
                "a region's title, thirteen regions (in no header or footer)",
                &[Edit::Replace(
                    REGION_B,
                    "title: Region Ö3",
                    "title: Region Ö4",
                )],
                AtMost(9),
            ),
            (
                "back to twelve",
                &[Edit::Remove("content/region-m/_index.md")],
                Any,
            ),
        ],
    );
}

// A theme that names `site.regions` (not `regions()`) gets every page made
// with that template made again when a region's title changes, however
// many regions there are.
#[test]
fn a_theme_that_names_site_regions() {
    check(
        "a_theme_that_names_site_regions",
        &[
            ("ten regions more", TEN_REGIONS, Any),
            (
                "a thirteenth region, and a theme whose publication pages name site.regions",
                &[
                    Edit::Write(
                        "content/region-m/_index.md",
                        "---\ntitle: Region M\n---\n\nEn region.\n",
                    ),
                    Edit::Write("content/site.yaml", "title: Test\ntheme: egen\n"),
                    Edit::Write("themes/egen/theme.yaml", "extends: default\n"),
                    Edit::Write(
                        "themes/egen/templates/publication.html",
                        "{% extends \"base.html\" %}{% block body %}<ul>{% for r in site.regions %}<li>{{ r.title }}</li>{% endfor %}</ul>{{ page.content | safe }}{% endblock body %}\n",
                    ),
                ],
                Any,
            ),
            (
                "a region's title: region A's publication shows it too",
                &[Edit::Replace(
                    REGION_B,
                    "title: Region Ö",
                    "title: Region Ö2",
                )],
                Any,
            ),
        ],
    );
}

// See: issue 13. Without an audit, the statement is made again only when
// what the home page's view reads moved (its title is in the statement's
// breadcrumbs), not for a part's title; with one, for any page's title.
#[test]
fn the_statement_follows_the_home_page_and_the_audit() {
    check(
        "the_statement_follows_the_home_page_and_the_audit",
        &[
            (
                "a part's title",
                &[Edit::Replace(BILAGA, "title: Bilaga", "title: Bilaga B")],
                Any,
            ),
            (
                "the home page's title",
                &[Edit::Replace(
                    "content/_index.md",
                    "title: Testsajt",
                    "title: Startsidan",
                )],
                Any,
            ),
            (
                "the home page's description",
                &[Edit::Replace(
                    "content/_index.md",
                    "description: Startsidan för tester.",
                    "description: Startsidan.",
                )],
                Any,
            ),
            (
                "an audit record",
                &[Edit::Write(
                    "content/accessibility-audit.yaml",
                    "date: \"2026-01-02\"\ntools: [axe]\nchecks: 1\npassed: 2\nfailed: 0\npages:\n  - \"index.html\"\n",
                )],
                Any,
            ),
            (
                "a part's title, listed among the pages not tested",
                &[Edit::Replace(BILAGA, "title: Bilaga B", "title: Bilaga C")],
                Any,
            ),
        ],
    );
}

// Issue 13: the theme pages, the list of theme words and the comparison
// read of a publication's parts only those with theme words or something
// for the comparison (their publication's `gathered` aspect), so a plain
// part coming or going makes none of them again; one with theme words or a
// vision does, and so does a part that gains or loses them.
#[test]
fn a_plain_part_leaves_the_pages_across_regions_be() {
    const NY: &str = "content/region-a/plan-2030/ny.md";
    check(
        "a_plain_part_leaves_the_pages_across_regions_be",
        &[
            (
                "a plain new part: itself, its publication, siblings and print page, the A–Ö list",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nweight: 9\n---\n\nText.\n",
                )],
                AtMost(8),
            ),
            (
                "it names a theme word: that word's page and the list of theme words",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nweight: 9\nthemes: [samverkan]\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "a new theme word",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nweight: 9\nthemes: [Nytt ord, samverkan]\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "a goal area too: the comparison",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nkind: goal-picture\nweight: 9\nthemes: [Nytt ord, samverkan]\ngoal_areas:\n  - title: Trygghet\n    text: Trygg vård.\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "no theme words, the goal area kept",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nkind: goal-picture\nweight: 9\ngoal_areas:\n  - title: Trygghet\n    text: Trygg vård.\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "plain again",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nweight: 9\n---\n\nText.\n",
                )],
                Any,
            ),
            (
                "the plain part removed: its publication, siblings and print page, the A–Ö list",
                &[Edit::Remove(NY)],
                AtMost(7),
            ),
            (
                "a new part with a goal area and a theme word",
                &[Edit::Write(
                    NY,
                    "---\ntitle: Ny del\nkind: goal-picture\nweight: 9\nthemes: [tillit]\ngoal_areas:\n  - title: Trygghet\n    text: Trygg vård.\n---\n\nText.\n",
                )],
                Any,
            ),
            ("that part removed", &[Edit::Remove(NY)], Any),
        ],
    );
}

// Issue 13: when parts come or go, a body asks its link questions again
// only when one may name them (by the last segments of its links' paths,
// `render::body::link_names`, kept up to date as bodies are made again); a
// broken link's hint names the nearest page, which a part that came may
// be, whatever its name.
#[test]
fn a_broken_link_hints_at_a_part_that_came() {
    check(
        "a_broken_link_hints_at_a_part_that_came",
        &[
            (
                "a part and a link to it",
                &[
                    Edit::Write(
                        "content/region-a/plan-2030/ny-del.md",
                        "---\ntitle: Ny del\nweight: 9\n---\n\nText.\n",
                    ),
                    Edit::Append(BILAGA, "\nSe [den nya delen](ny-del.md).\n"),
                ],
                Any,
            ),
            (
                "the part removed: the link leads nowhere",
                &[Edit::Remove("content/region-a/plan-2030/ny-del.md")],
                Fails,
            ),
            (
                "a part whose name is nearer than any other: the hint names it",
                &[Edit::Write(
                    "content/region-a/plan-2030/ny-dex.md",
                    "---\ntitle: Ny dex\nweight: 9\n---\n\nText.\n",
                )],
                Fails,
            ),
        ],
    );
}

// Issue 13: the outputs kept when a part came or went keep what they read
// by the pages' new ids (`RenderCache::renumber` by the model's steps):
// the comparison, left as it was for a plain part put in before the parts
// it shows, is made again when one of them changes.
#[test]
fn a_part_put_in_before_others_leaves_them_read() {
    check(
        "a_part_put_in_before_others_leaves_them_read",
        &[
            (
                "a plain part whose file comes first in its folder",
                &[Edit::Write(
                    "content/region-a/plan-2030/aaa-del.md",
                    "---\ntitle: Första delen\nweight: 9\n---\n\nText.\n",
                )],
                AtMost(8),
            ),
            (
                "the vision of a part after it: the comparison shows it",
                &[Edit::Replace(
                    MALBILD,
                    "vision: Tillsammans skapar vi hälsa.",
                    "vision: Tillsammans skapar vi mer hälsa.",
                )],
                Any,
            ),
            (
                "the part taken out again",
                &[Edit::Remove("content/region-a/plan-2030/aaa-del.md")],
                AtMost(7),
            ),
            (
                "the vision as it was",
                &[Edit::Replace(
                    MALBILD,
                    "vision: Tillsammans skapar vi mer hälsa.",
                    "vision: Tillsammans skapar vi hälsa.",
                )],
                Any,
            ),
        ],
    );
}

// The cache file a watching run writes after a part came keeps every
// page's content path (`RenderCache::update` puts those of the parts put
// in where they go): a new run over it finds every output fresh.
#[test]
fn a_new_run_after_a_part_came_renders_nothing() {
    let t = SiteTest::from_dir("kinds");
    let mut builder = new_run(&t);
    builder.build().unwrap();
    let rel = "content/region-a/plan-2030/aaa-del.md";
    t.write(rel, "---\ntitle: Första delen\nweight: 9\n---\n\nText.\n");
    let root = std::path::absolute(t.root()).unwrap();
    let path = std::path::absolute(t.path(rel)).unwrap();
    let changes: Vec<_> = malbild::classify(&root, &root.join("output"), &path)
        .into_iter()
        .collect();
    builder.rebuild(&changes).unwrap();
    drop(builder);
    let report = new_run(&t).build().unwrap();
    assert_eq!(report.rendered, 0);
}
