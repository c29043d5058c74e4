//! Incremental rebuilds: after each edit, a rebuild with the caches of the
//! previous builds writes exactly the bytes a build from nothing writes, and
//! renders only what the edit reaches.

use std::fs;

use malbild::{Builder, Config};

use crate::site_test::SiteTest;

const MALBILD: &str = "content/region-a/plan-2030/målbild.md";
const BILAGA: &str = "content/region-a/plan-2030/bilaga.md";
const PUBLICATION: &str = "content/region-a/plan-2030/_index.md";

const BAKGRUND: &str = "content/region-a/plan-2030/bakgrund.md";

enum Edit {
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
enum Expect {
    /// Build, rendering at most this many pages.
    AtMost(usize),
    /// Build, rendering any number of pages.
    Any,
    /// Fail, with the errors and warnings of a build from nothing.
    Fails,
}
use Expect::*;

/// (what, edits, what the rebuild must do)
type Step = (&'static str, &'static [Edit], Expect);

const STEPS: &[Step] = &[
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
        "a CSS edit renders nothing",
        &[Edit::Write(
            "themes/egen/static/css/malbild.css",
            "body { color: black }\n",
        )],
        AtMost(0),
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
        "a part's title, which the statement shows",
        &[Edit::Replace(
            BAKGRUND,
            "title: Bakgrund och syfte",
            "title: Bakgrunden",
        )],
        AtMost(10),
    ),
];

#[test]
fn every_rebuild_equals_a_build_from_nothing() {
    let t = SiteTest::from_dir("kinds");
    let failures = run_steps(&t, STEPS);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn run_steps(t: &SiteTest, steps: &[Step]) -> Vec<String> {
    let mut builder = Builder::new(Config::new(t.root()));
    builder.build().unwrap();
    let mut failures = Vec::new();
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
            changes.extend(malbild::change::classify(
                &root,
                &root.join("output"),
                &path,
            ));
        }
        let result = builder.rebuild(&changes);
        let mut fresh = Config::new(t.root());
        fresh.output = t.path("fresh");
        if let Fails = expect {
            let diagnostics = |e: anyhow::Error| -> Vec<String> {
                let failed = e.downcast::<malbild::diagnostic::Failed>().unwrap();
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
        if let AtMost(max) = expect {
            if report.rendered > *max {
                failures.push(format!(
                    "{what}: rendered {} pages, at most {max} expected",
                    report.rendered
                ));
            }
        }
        let incremental = t.output_files();
        let full = malbild::build(&fresh).unwrap();
        let said =
            |w: &malbild::diagnostic::List| w.iter().map(|d| d.to_string()).collect::<Vec<_>>();
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
    // The page and its publication's print page, which shows every part.
    assert_eq!((report.rendered, report.written), (2, 2));
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
    let failures = run_steps(&t, steps);
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
