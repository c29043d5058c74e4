//! Incremental rebuilds: after each edit, a rebuild with the caches of the
//! previous builds writes exactly the bytes a build from nothing writes, and
//! renders only what the edit reaches.

use std::fs;

use malbild::{Builder, Config};

use crate::site_test::SiteTest;

const MALBILD: &str = "content/region-a/plan-2030/målbild.md";
const BILAGA: &str = "content/region-a/plan-2030/bilaga.md";
const PUBLICATION: &str = "content/region-a/plan-2030/_index.md";

enum Edit {
    Write(&'static str, &'static str),
    Append(&'static str, &'static str),
    Remove(&'static str),
}

/// (what, edits, how many pages may be rendered at most; None = any)
type Step = (&'static str, &'static [Edit], Option<usize>);

const STEPS: &[Step] = &[
    ("nothing changed", &[], Some(0)),
    (
        "a body edit with a new warning",
        &[Edit::Append(BILAGA, "\n## Tom rubrik\n")],
        Some(2),
    ),
    (
        "a body edit: the page and its publication's print page",
        &[Edit::Append(BILAGA, "\nEn ny mening.\n")],
        Some(2),
    ),
    (
        "a part's title: its siblings, publication, print page and the accessibility statement show it",
        &[Edit::Write(
            BILAGA,
            "---\ntitle: Bilaga med ny titel\nweight: 4\n---\n\n## Ordlista\n",
        )],
        Some(8),
    ),
    (
        "a publication's title: every page's navigation shows it",
        &[Edit::Write(
            PUBLICATION,
            "---\ntitle: Plan 2031\npublisher: Region A\n---\n\nInledning. Se [målbilden](målbild.md#tillsammans).\n",
        )],
        None,
    ),
    (
        "a new page",
        &[Edit::Write(
            "content/region-a/plan-2030/ny.md",
            "---\ntitle: Ny del\nweight: 9\n---\n\nSe [bilagan](bilaga.md).\n",
        )],
        None,
    ),
    (
        "a removed page",
        &[Edit::Remove("content/region-a/plan-2030/ny.md")],
        None,
    ),
    (
        "a goal area's text",
        &[Edit::Write(
            MALBILD,
            "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\ngoal_areas:\n  - title: Tillsammans\n    text: Ny text.\n---\n",
        )],
        None,
    ),
    (
        "an image",
        &[Edit::Write(
            "content/region-a/plan-2030/karta.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        )],
        Some(0),
    ),
    (
        "site.yaml",
        &[Edit::Write(
            "content/site.yaml",
            "title: Ny titel på sajten\n",
        )],
        None,
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
        None,
    ),
    (
        "an edit of that template re-renders only the pages that use it",
        &[Edit::Write(
            "themes/egen/templates/page.html",
            "{% extends \"base.html\" %}{% block body %}<p>egen 2</p>{{ page.content | safe }}{% endblock body %}\n",
        )],
        Some(1),
    ),
    (
        "a CSS edit renders nothing",
        &[Edit::Write(
            "themes/egen/static/css/malbild.css",
            "body { color: black }\n",
        )],
        Some(0),
    ),
];

#[test]
fn every_rebuild_equals_a_build_from_nothing() {
    let t = SiteTest::from_dir("kinds");
    let mut builder = Builder::new(Config::new(t.root()));
    builder.build().unwrap();
    let mut failures = Vec::new();
    for (what, edits, max_rendered) in STEPS {
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
                Edit::Remove(rel) => fs::remove_file(t.path(rel)).unwrap(),
            }
            let rel = match edit {
                Edit::Write(r, _) | Edit::Append(r, _) | Edit::Remove(r) => r,
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
        let report = builder.rebuild(&changes).unwrap();
        if let Some(max) = max_rendered {
            if report.rendered > *max {
                failures.push(format!(
                    "{what}: rendered {} pages, at most {max} expected",
                    report.rendered
                ));
            }
        }
        let incremental = t.output_files();
        let mut fresh = Config::new(t.root());
        fresh.output = t.path("fresh");
        let full = malbild::build(&fresh).unwrap();
        let said = |w: &[malbild::diagnostic::Diagnostic]| {
            w.iter().map(|d| d.to_string()).collect::<Vec<_>>()
        };
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
    assert!(failures.is_empty(), "{}", failures.join("\n"));
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
