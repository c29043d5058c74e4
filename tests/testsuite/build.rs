//! The content model over fixture sites: which pages exist, where, in which
//! order, and how links between them come out.

use crate::site_test::SiteTest;

#[test]
fn every_page_gets_its_url() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let all: Vec<String> = t.output_files().into_keys().collect();
    // The search index is tested in search.rs; here, that it is there.
    assert!(all.iter().any(|f| f == "search/index.js"), "{all:?}");
    let files: Vec<&String> = all.iter().filter(|f| !f.starts_with("search/")).collect();
    let want = [
        ".malbild-output",
        "404.html",
        "css/malbild.css",
        "css/print.css",
        "feed.xml",
        "index.html",
        "jamfor/index.html",
        "js/search.js",
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
        "sok/index.html",
        "teman/index.html",
        "teman/samverkan/index.html",
        "teman/tillit/index.html",
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
    assert!(run.stderr.contains("filer, 0 skrivna)"), "{}", run.stderr);
    assert_eq!(identities(&t), first);
    // A page edited: that page (and what shows it) written, the rest kept.
    let part = "content/region-a/plan-2030/bilaga.md";
    t.write(part, &t.read(part).replace("Ordlista", "Ordförklaringar"));
    let run = t.build();
    assert!(!run.stderr.contains("0 skrivna"), "{}", run.stderr);
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
    // Its page, and the shards of the search index that only it had words in.
    assert!(run.stderr.contains(" borttagna)"), "{}", run.stderr);
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
    assert!(run.stderr.contains("filer, 0 skrivna)"), "{}", run.stderr);
    assert_eq!(identities(&t), before);
}

/// Runs `malbild <args>`, and insists it works; its standard error.
fn malbild(args: &[&std::ffi::OsStr]) -> String {
    let out = assert_cmd::Command::cargo_bin("malbild")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "malbild {args:?}:\n{stderr}");
    stderr
}

// See: issue 11 (a new site warned, "Region Gavleborg", "Nara vard 2030").
#[test]
fn a_new_site_and_publication_build_without_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("webb");
    let s = site.as_os_str();
    malbild(&["new".as_ref(), "site".as_ref(), s]);
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore")).unwrap(),
        "output/\n.malbild/\n"
    );
    let publication = |path: &str| {
        malbild(&[
            "new".as_ref(),
            "publication".as_ref(),
            path.as_ref(),
            "--root".as_ref(),
            s,
        ]);
    };
    publication("gavleborg/nara-vard-2030");
    publication("vastra-gotaland/malbild-god-och-nara-vard");
    let read = |rel: &str| std::fs::read_to_string(site.join("content").join(rel)).unwrap();
    let region = read("gavleborg/_index.md");
    assert!(region.contains("\ntitle: Region Gävleborg\n"), "{region}");
    let first = read("gavleborg/nara-vard-2030/_index.md");
    assert!(first.contains("\ntitle: Nära vård 2030\n"), "{first}");
    assert!(first.contains("\npublisher: Region Gävleborg\n"), "{first}");
    assert!(!first.contains("mappnamnet"), "{first}");
    let second = read("vastra-gotaland/malbild-god-och-nara-vard/_index.md");
    assert!(
        second.contains("\ntitle: Målbild god och nära vård\n")
            && second.contains("\npublisher: Västra Götalandsregionen\n"),
        "{second}"
    );
    let built = malbild(&["build".as_ref(), "--root".as_ref(), s]);
    assert!(!built.contains("varning"), "{built}");
    // A name malbild cannot be sure of is kept, and the file says so.
    publication("fou-nord/framtidens-halsa");
    let guessed = read("fou-nord/framtidens-halsa/_index.md");
    assert!(
        guessed.contains(
            "# Titeln är gjord av mappnamnet: skriv den riktiga titeln, med å, ä och ö.\ntitle: Framtidens hälsa\n"
        ),
        "{guessed}"
    );
    assert!(read("fou-nord/_index.md").contains("mappnamnet"));
}

// See: issue 11 (`#1 prioritet.md` was dropped without a word).
#[test]
fn a_page_skipped_for_its_name_is_a_warning() {
    let t = SiteTest::from_dir("kinds");
    let page = "---\ntitle: Prioritet\n---\n\nText.\n";
    t.write("content/region-a/plan-2030/#1 prioritet.md", page);
    t.write("content/region-a/plan-2030/#bilaga.md#", page);
    t.write("content/region-a/plan-2030/.utkast.md", page);
    t.write("content/region-a/#gamla/del.md", page);
    let run = t.build();
    for e in [
        "content/region-a/plan-2030/#1 prioritet.md: varning: sidan publiceras inte: malbild hoppar över namn som börjar med #, som en texteditors tillfälliga filer",
        "tips: byt namn så att namnet börjar med en bokstav eller siffra, t.ex. `1-prioritet.md`",
        "content/region-a/#gamla: varning: mappen och allt i den publiceras inte",
    ] {
        assert!(run.stderr.contains(e), "lacks {e:?}:\n{}", run.stderr);
    }
    // An editor's file and a hidden one are skipped without a word.
    assert!(!run.stderr.contains("#bilaga.md#"), "{}", run.stderr);
    assert!(!run.stderr.contains(".utkast.md"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("varning:").count(), 2, "{}", run.stderr);
}

// See: issue 11 (a file Notepad saved as "Unicode" was "not a text file").
#[test]
fn a_page_saved_as_utf16_is_read() {
    let t = SiteTest::from_dir("kinds");
    let utf16le = |text: &str| -> Vec<u8> {
        [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect()
    };
    let bilaga = t.path("content/region-a/plan-2030/bilaga.md");
    std::fs::write(
        &bilaga,
        utf16le("---\r\ntitle: Bilaga om vård\r\n---\r\n\r\nÅtta steg, se [här](saknas.md).\r\n"),
    )
    .unwrap();
    let run = t.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bilaga.md:5:15: fel: länken `saknas.md`"),
        "{}",
        run.stderr
    );
    std::fs::write(
        &bilaga,
        utf16le("---\r\ntitle: Bilaga om vård\r\n---\r\n\r\nÅtta steg.\r\n"),
    )
    .unwrap();
    t.build();
    let page = t.main_of("region-a/plan-2030/bilaga/index.html");
    assert!(
        page.contains("Bilaga om vård") && page.contains("Åtta steg."),
        "{page}"
    );
}

// See: issue 11 (a file saved by macOS with a decomposed `ä` was a broken
// link from a page that wrote the composed name).
#[test]
fn names_are_compared_and_written_in_nfc() {
    let t = SiteTest::from_dir("kinds");
    // NFD: `a` + U+0308, `o` + U+0308.
    t.write(
        "content/region-a/plan-2030/sa\u{308}kerhet.md",
        "---\ntitle: Säkerhet\n---\n\nText.\n",
    );
    t.write("content/region-a/plan-2030/o\u{308}versikt.svg", "<svg/>");
    t.write(
        "content/region-a/plan-2030/bilaga.md",
        "---\ntitle: Bilaga\n---\n\nSe [säkerheten](s\u{e4}kerhet.md) och ![karta](\u{f6}versikt.svg).\n",
    );
    let run = t.build();
    assert!(!run.stderr.contains("error"), "{}", run.stderr);
    let files = t.output_files();
    assert!(
        files.contains_key("region-a/plan-2030/\u{f6}versikt.svg"),
        "{:?}",
        files.keys()
    );
    let page = t.main_of("region-a/plan-2030/bilaga/index.html");
    // `ö` in NFC, percent-encoded (NFD would be `o%CC%88`).
    assert!(
        page.contains("href=\"../sakerhet/index.html\"")
            && page.contains("src=\"../%C3%B6versikt.svg\""),
        "{page}"
    );
}

// See: issue 11 (`Karta.svg` and `karta.svg` are one file on Windows and macOS).
#[test]
fn output_files_that_differ_only_in_case_are_an_error() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let before = t.output_files();
    t.write("content/region-a/plan-2030/Karta.svg", "<svg/>");
    let run = t.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/region-a/plan-2030/karta.svg: fel: content/region-a/plan-2030/Karta.svg och content/region-a/plan-2030/karta.svg skulle bli två filer vars namn bara skiljer sig i stora och små bokstäver; på Windows och macOS är det samma fil, så den ena skulle ersätta den andra"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("tips: byt namn på den ena filen eller mappen")
    );
    assert_eq!(t.output_files(), before);
}
