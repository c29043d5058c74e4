//! The content model over fixture sites: which pages exist, where, in which
//! order, and how links between them come out.

use crate::site_test::SiteTest;

#[test]
fn every_page_gets_its_url() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let files: Vec<String> = t.output_files().into_keys().collect();
    let want = [
        ".malbild-output",
        "404.html",
        "css/malbild.css",
        "css/print.css",
        "index.html",
        "region-a/index.html",
        "region-a/plan-2030/bakgrund/index.html",
        "region-a/plan-2030/bilaga/index.html",
        "region-a/plan-2030/framgangsfaktorer/index.html",
        "region-a/plan-2030/index.html",
        "region-a/plan-2030/karta.svg",
        "region-a/plan-2030/malbild/index.html",
        "region-a/plan-2030/print/index.html",
        "region-o/index.html",
        "region-o/strategi/index.html",
        "region-o/strategi/print/index.html",
        "tillganglighet/index.html",
    ];
    assert_eq!(files, want);
}

#[test]
fn drafts_are_built_only_when_asked() {
    let t = SiteTest::from_dir("kinds");
    let run = t.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        t.path("output/region-o/strategi/utkast/index.html")
            .is_file()
    );
}

#[test]
fn parts_follow_weight_and_links_are_relative() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let landing = t.main_of("region-a/plan-2030/index.html");
    let order: Vec<usize> = ["Målbild", "Framgångsfaktorer", "Bakgrund", "Bilaga"]
        .iter()
        .map(|title| {
            landing
                .find(&format!(">{title}<"))
                .unwrap_or_else(|| panic!("{title} missing"))
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "parts out of order: {order:?}"
    );
    assert!(
        landing.contains(r#"href="malbild/index.html#tillsammans""#),
        "{landing}"
    );

    let bakgrund = t.read("output/region-a/plan-2030/bakgrund/index.html");
    for href in [
        r#"href="../index.html""#,
        r#"href="../../../region-o/index.html""#,
        r#"src="../karta.svg""#,
        r#"href="../../../css/malbild.css""#,
    ] {
        assert!(bakgrund.contains(href), "{href} missing");
    }
    // Nothing absolute, nothing from another host.
    for page in t
        .output_files()
        .keys()
        .filter(|p| p.ends_with("index.html"))
    {
        let html = t.read(&format!("output/{page}"));
        assert!(!html.contains("href=\"/"), "{page} has an absolute link");
        assert!(
            !html.contains("src=\"http"),
            "{page} loads from another host"
        );
        assert!(html.contains("<html lang=\"sv\""), "{page} lacks lang");
        assert_eq!(
            html.matches("<h1").count(),
            1,
            "{page} must have exactly one h1"
        );
    }
}

#[test]
fn a_site_with_only_markdown_builds_with_defaults() {
    let t = SiteTest::from_dir("kinds");
    std::fs::remove_file(t.path("content/site.yaml")).unwrap();
    std::fs::remove_file(t.path("content/_index.md")).unwrap();
    t.build();
    let home = t.read("output/index.html");
    assert!(home.contains("<title>Målbilder"), "default title missing");
    assert!(home.contains("Region A"));
}

#[test]
fn crlf_and_byte_order_mark_simply_work() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        "content/region-a/plan-2030/bilaga.md",
        "\u{feff}---\r\ntitle: Bilaga\r\nweight: 4\r\n---\r\n\r\n## Ordlista\r\n",
    );
    t.build();
    assert!(
        t.read("output/region-a/plan-2030/bilaga/index.html")
            .contains("<h2 id=\"ordlista\">Ordlista</h2>")
    );
}

#[test]
fn rebuilding_replaces_the_output_and_keeps_nothing_stale() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    std::fs::remove_file(t.path("content/region-a/plan-2030/bilaga.md")).unwrap();
    t.build();
    assert!(!t.path("output/region-a/plan-2030/bilaga").exists());
    assert!(t.path("output/.malbild-output").is_file());
    let leftovers: Vec<_> = std::fs::read_dir(t.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("malbild-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
}

/// Every output file's inode and modification time.
#[cfg(unix)]
fn identities(t: &SiteTest) -> std::collections::BTreeMap<String, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(t.path("output"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e.path().strip_prefix(t.path("output")).unwrap();
            (
                rel.to_string_lossy().into_owned(),
                (meta.ino(), meta.modified().unwrap()),
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_over_its_own_output_writes_only_what_changed() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let first = identities(&t);
    let bytes = t.output_files();
    // Nothing changed: not one file written, not even the marker.
    let run = t.build();
    assert!(run.stderr.contains("files, 0 written)"), "{}", run.stderr);
    assert_eq!(identities(&t), first);
    // A page edited: that page (and what shows it) written, the rest kept.
    let part = "content/region-a/plan-2030/bilaga.md";
    t.write(part, &t.read(part).replace("Ordlista", "Ordförklaringar"));
    let run = t.build();
    assert!(!run.stderr.contains("0 written"), "{}", run.stderr);
    let now = identities(&t);
    let same = |p: &str| now[p] == first[p];
    assert!(!same("region-a/plan-2030/bilaga/index.html"));
    assert!(same("region-o/strategi/index.html"));
    assert!(same("css/malbild.css"));
    // A file of ours changed by hand (to the same size, so only its time
    // tells) is put back as the build makes it.
    let size = bytes["region-o/index.html"].len();
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(t.path("output/region-o/index.html"), "x".repeat(size)).unwrap();
    t.build();
    assert_eq!(
        t.output_files()["region-o/index.html"],
        bytes["region-o/index.html"]
    );
    // A page gone: its file goes, the marker says so.
    std::fs::remove_file(t.path(part)).unwrap();
    let run = t.build();
    assert!(run.stderr.contains("1 removed"), "{}", run.stderr);
    assert!(!t.path("output/region-a/plan-2030/bilaga").exists());
    assert!(!t.read("output/.malbild-output").contains("bilaga"));
}

#[cfg(unix)]
#[test]
fn a_build_after_an_edit_and_a_build_writes_nothing() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let part = "content/region-a/plan-2030/bilaga.md";
    t.write(part, &t.read(part).replace("Ordlista", "Ordförklaringar"));
    t.build();
    let before = identities(&t);
    let run = t.build();
    assert!(run.stderr.contains("files, 0 written)"), "{}", run.stderr);
    assert_eq!(identities(&t), before);
}
