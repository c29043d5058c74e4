//! HTML snapshots of the `<main>` of each page kind. Update with
//! `INSTA_UPDATE=always cargo test` and review the diff.

use crate::site_test::SiteTest;

#[test]
fn main_of_each_page_kind() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let pages = [
        ("home", "index.html"),
        ("region", "region-a/index.html"),
        ("publication", "region-a/plan-2030/index.html"),
        ("goal_picture", "region-a/plan-2030/malbild/index.html"),
        (
            "success_factors",
            "region-a/plan-2030/framgangsfaktorer/index.html",
        ),
        ("background", "region-a/plan-2030/bakgrund/index.html"),
        ("page", "region-a/plan-2030/bilaga/index.html"),
        ("print", "region-a/plan-2030/print/index.html"),
    ];
    for (name, rel) in pages {
        insta::assert_snapshot!(name, t.main_of(rel));
    }
}
