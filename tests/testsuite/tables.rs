//! Tables in the text: each sits in a region that can scroll sideways, that
//! the keyboard reaches (`tabindex="0"`) and that screen readers name (the
//! caption, the heading above, or the theme's `table_unnamed`), on the page
//! and on the print page. Update the snapshot with `INSTA_UPDATE=always cargo
//! test` and review the diff. (What the browser does with them is tested by
//! `tests/browser/audit.mjs`.)

use crate::site_test::SiteTest;

const TABLES: &str = "---
title: Bilaga
weight: 4
---

## Ordlista

| Ord | Betydelse |
|---|---|
| Nära vård | Vård nära invånaren |

Tabell: Invånare per *kommun*

| Kommun | Invånare |
|---|--:|
| Norrstad | 58 412 |

En tabell utan namn:

| A |
|---|
| 1 |

En till:

| B |
|---|
| 2 |
";

/// The opening tags of the tables' regions, their tables and captions.
fn regions(html: &str) -> String {
    html.lines()
        .filter(|l| l.starts_with("<div class=\"mb-table\""))
        .map(|l| match l.find("<thead>") {
            Some(end) => &l[..end],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn tables_sit_in_named_focusable_regions() {
    let t = SiteTest::from_dir("kinds");
    t.write("content/region-a/plan-2030/bilaga.md", TABLES);
    t.build();
    let page = t.read("output/region-a/plan-2030/bilaga/index.html");
    insta::assert_snapshot!("page", regions(&page));
    // Each region closes right after its table.
    assert_eq!(page.matches("</table>\n</div>").count(), 4, "{page}");
    // On the print page, ids (and so the names) are those of the print page,
    // and tables without a name are numbered across the publication (the
    // background part before it has a table with a caption).
    let print = t.read("output/region-a/plan-2030/print/index.html");
    insta::assert_snapshot!("print", regions(&print));
}

#[test]
fn a_theme_names_the_tables_without_a_name() {
    let t = SiteTest::from_dir("kinds");
    t.write("content/region-a/plan-2030/bilaga.md", TABLES);
    t.write("content/site.yaml", "title: Test\ntheme: egen\n");
    t.write("themes/egen/theme.yaml", "extends: default\n");
    t.write(
        "themes/egen/i18n/sv.yaml",
        "table_unnamed: \"Tabell nr {n} & mer\"\n",
    );
    t.build();
    let page = t.read("output/region-a/plan-2030/bilaga/index.html");
    assert!(
        page.contains("tabindex=\"0\" aria-label=\"Tabell nr 3 &amp; mer\"><table>"),
        "{page}"
    );
    assert!(
        page.contains("tabindex=\"0\" aria-label=\"Tabell nr 4 &amp; mer\"><table>"),
        "{page}"
    );
}
