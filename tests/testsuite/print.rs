//! The print page of a publication (`<region>/<publication>/print/`) and
//! `build --pdf`. The PDF itself (tags, bookmarks, A4, reading order) is
//! checked with a real Chromium by `tests/browser/pdf_check.sh`; here a
//! stand-in browser checks what malbild does around it.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};

use lol_html::{RewriteStrSettings, element, rewrite_str, text};

use crate::site_test::SiteTest;

const PRINT: &str = "region-a/plan-2030/print/index.html";

/// Files to write over the fixture: (path, text).
type Writes = &'static [(&'static str, &'static str)];
const INDEX: &str = "content/region-a/plan-2030/_index.md";

/// An element of a page: its attributes and its text (whitespace collapsed).
#[derive(Debug, Default)]
struct Found {
    tag: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

/// Every element of `html` that matches the CSS `selector`, in order.
fn select(html: &str, selector: &str) -> Vec<Found> {
    let found: RefCell<Vec<Found>> = RefCell::default();
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!(selector, |el| {
                found.borrow_mut().push(Found {
                    tag: el.tag_name(),
                    attrs: el
                        .attributes()
                        .iter()
                        .map(|a| (a.name(), a.value()))
                        .collect(),
                    text: String::new(),
                });
                Ok(())
            }))
            .append_element_content_handler(text!(selector, |chunk| {
                if let Some(f) = found.borrow_mut().last_mut() {
                    f.text.push_str(chunk.as_str());
                }
                Ok(())
            })),
    )
    .unwrap();
    let mut found = found.into_inner();
    for f in &mut found {
        f.text = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    found
}

fn texts(html: &str, selector: &str) -> Vec<String> {
    select(html, selector).into_iter().map(|f| f.text).collect()
}

fn attrs(html: &str, selector: &str, name: &str) -> Vec<String> {
    select(html, selector)
        .into_iter()
        .filter_map(|f| f.attrs.get(name).cloned())
        .collect()
}

#[test]
fn the_cover_shows_the_publication_facts() {
    let full: &[(&str, &str)] = &[
        ("Utgivare", "Region A"),
        ("Ort", "Aby"),
        ("Datum", "24 januari 2023"),
        ("Beslutad av", "Regionfullmäktige"),
        ("Diarienummer", "2023-RS-1"),
        ("Tidshorisont", "till 2030"),
        ("Teman", "Samverkan, Tillit"),
    ];
    // (the publication's _index.md, or None for the fixture's, and the facts on the cover)
    let cases: &[(Option<&str>, Writes)] = &[
        (None, full),
        (
            Some("---\ntitle: Plan 2030\npublisher: Region A\ndate: \"2023-01\"\n---\n"),
            &[("Utgivare", "Region A"), ("Datum", "januari 2023")],
        ),
        (Some("---\ntitle: Plan 2030\n---\n"), &[]),
    ];
    for (index, want) in cases {
        let t = SiteTest::from_dir("kinds");
        if let Some(index) = index {
            t.write(INDEX, index);
        }
        t.build();
        let html = t.read(&format!("output/{PRINT}"));
        assert_eq!(texts(&html, "#mb-cover h1"), ["Plan 2030"]);
        assert_eq!(texts(&html, "#mb-cover .eyebrow__region"), ["Region A"]);
        let facts: Vec<(String, String)> = texts(&html, "#mb-cover dt")
            .into_iter()
            .zip(texts(&html, "#mb-cover dd"))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(facts, want, "{index:?}");
        assert_eq!(
            texts(&html, "title"),
            ["Plan 2030 – Region A – Testsajt"],
            "the PDF's title"
        );
    }
}

#[test]
fn parts_follow_weight_and_the_table_of_contents_points_at_them() {
    // (files to write, the parts in order)
    let cases: &[(Writes, &[&str])] = &[
        (&[], &["Målbild", "Framgångsfaktorer", "Bakgrund", "Bilaga"]),
        (
            &[(
                "content/region-a/plan-2030/bilaga.md",
                "---\ntitle: Bilaga\nweight: -1\n---\n\n## Ordlista\n",
            )],
            &["Bilaga", "Målbild", "Framgångsfaktorer", "Bakgrund"],
        ),
    ];
    for (writes, want) in cases {
        let t = SiteTest::from_dir("kinds");
        for (path, text) in *writes {
            t.write(path, text);
        }
        t.build();
        let html = t.read(&format!("output/{PRINT}"));
        assert_eq!(texts(&html, ".print-part__title"), *want);
        assert_eq!(texts(&html, ".print-toc__link"), *want);
        let parts: Vec<String> = attrs(&html, ".print-part__title", "id")
            .iter()
            .map(|id| format!("#{id}"))
            .collect();
        assert_eq!(attrs(&html, ".print-toc__link", "href"), parts);
        let ids: HashSet<String> = attrs(&html, "[id]", "id").into_iter().collect();
        for href in attrs(&html, ".print-toc a", "href") {
            let id = href.strip_prefix('#').expect("TOC links stay on the page");
            assert!(
                ids.contains(id),
                "the TOC links to #{id}, which is not on the page"
            );
        }
    }
    // The sections of a part are its headings, one level down.
    let t = SiteTest::from_dir("kinds");
    t.build();
    let html = t.read(&format!("output/{PRINT}"));
    assert_eq!(
        texts(&html, ".print-toc__section"),
        [
            "Vision",
            "Tillsammans",
            "Nära",
            "Så följer vi upp",
            "Tillit",
            "Ledarskap",
            "Syfte",
            "Perspektivskiften",
            "Ordlista"
        ]
    );
}

#[test]
fn ids_are_unique_and_the_outline_stays_right() {
    const EXTRA: &str = "---\ntitle: Extra\nweight: 9\n---\n\n## Syfte\n\nText[^1].\n\n[^1]: Not.\n\n## Egen {#bakgrund-syfte}\n\n### Tillit\n\n[Upp](#syfte) [Bakgrunden](bakgrund.md#syfte)\n";
    // (what, files to write)
    let cases: &[(&str, Writes)] = &[
        ("the fixture", &[]),
        (
            "a part repeating headings, footnotes and ids of others",
            &[("content/region-a/plan-2030/extra.md", EXTRA)],
        ),
        (
            "the publication's text with a heading named like a part",
            &[(
                INDEX,
                "---\ntitle: Plan 2030\n---\n\n## Bakgrund\n\nText[^1].\n\n[^1]: Not.\n",
            )],
        ),
    ];
    for (what, writes) in cases {
        let t = SiteTest::from_dir("kinds");
        for (path, text) in *writes {
            t.write(path, text);
        }
        t.build();
        let html = t.read(&format!("output/{PRINT}"));
        let ids = attrs(&html, "[id]", "id");
        let unique: HashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{what}: duplicate ids in {ids:?}");
        for href in attrs(&html, "a[href^='#']", "href") {
            assert!(
                unique.contains(&href[1..].to_string()),
                "{what}: {href} points nowhere"
            );
        }
        for list in attrs(&html, "[aria-labelledby]", "aria-labelledby") {
            assert!(unique.contains(&list), "{what}: aria-labelledby={list}");
        }
        let levels: Vec<u8> = select(
            &html,
            "main h1, main h2, main h3, main h4, main h5, main h6",
        )
        .iter()
        .map(|h| h.tag[1..].parse().unwrap())
        .collect();
        assert_eq!(levels.iter().filter(|&&l| l == 1).count(), 1, "{what}");
        assert_eq!(levels[0], 1, "{what}");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{what}: a heading level is skipped in {levels:?}"
            );
        }
        for title in select(&html, ".print-part__title") {
            assert_eq!(title.tag, "h2", "{what}: {}", title.text);
        }
    }
}

#[test]
fn links_lead_within_the_print_page_or_to_real_files() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let html = t.read(&format!("output/{PRINT}"));
    // (link text, where it leads)
    let cases = [
        ("målbilden", "#malbild-tillsammans"),
        ("bakgrunden", "#bakgrund"),
        ("planen", "#mb-cover"),
        ("Region Ö", "../../../region-o/index.html"),
        ("1", "#bakgrund-1"),
        (
            "Tillbaka till publikationen",
            "../../../region-a/plan-2030/index.html",
        ),
    ];
    let links: Vec<(String, String)> = select(&html, "main a[href]")
        .into_iter()
        .map(|a| (a.text, a.attrs["href"].clone()))
        .collect();
    for (text, href) in cases {
        assert!(
            links.iter().any(|(t, h)| t == text && h == href),
            "no link `{text}` to {href} in {links:?}"
        );
    }
    assert_eq!(attrs(&html, "main img", "src"), ["../karta.svg"]);
    // Every relative link and image leads to a file of the site.
    let files = t.output_files();
    let folder = PRINT.trim_end_matches("index.html");
    let relative = select(&html, "[href], [src]").into_iter().filter_map(|e| {
        let url = e.attrs.get("href").or(e.attrs.get("src"))?.clone();
        (!url.starts_with('#') && !url.contains(':')).then_some(url)
    });
    for url in relative {
        let path = url.split('#').next().unwrap();
        let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
        for seg in path.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                s => parts.push(s),
            }
        }
        let target = parts.join("/");
        assert!(
            files.contains_key(&target),
            "{url} -> {target} is not in the output"
        );
    }
}

#[test]
fn the_landing_page_links_the_print_page() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let landing = t.read("output/region-a/plan-2030/index.html");
    assert_eq!(
        select(&landing, ".print-links a")
            .iter()
            .map(|a| (a.text.as_str(), a.attrs["href"].as_str()))
            .collect::<Vec<_>>(),
        [(
            "Skriv ut / spara som PDF",
            "../../region-a/plan-2030/print/index.html"
        )]
    );
    // Only publication landing pages link one.
    for page in [
        "index.html",
        "region-a/index.html",
        "region-a/plan-2030/malbild/index.html",
    ] {
        let html = t.read(&format!("output/{page}"));
        assert!(select(&html, ".print-links").is_empty(), "{page}");
    }
    // Every page carries the title its printout shows in the page margin.
    for (page, title) in [
        ("index.html", "Testsajt"),
        ("region-a/index.html", "Region A"),
        ("region-a/plan-2030/malbild/index.html", "Plan 2030"),
        (PRINT, "Plan 2030"),
    ] {
        let html = t.read(&format!("output/{page}"));
        assert_eq!(attrs(&html, "html", "data-print-title"), [title], "{page}");
        assert!(html.contains("css/print.css\">"), "{page}");
    }
}

#[test]
fn the_print_page_records_what_it_shows() {
    let t = SiteTest::from_dir("kinds");
    let (prepared, diagnostics) = malbild::prepare(&malbild::Config::new(t.root()));
    let prepared = prepared.unwrap_or_else(|| panic!("{diagnostics:?}"));
    let reads = prepared.reads(PRINT).unwrap();
    let read = |aspect: &str| -> Vec<&str> {
        reads
            .iter()
            .filter(|(_, a)| *a == aspect)
            .map(|(rel, _)| rel.as_str())
            .collect()
    };
    let parts = [
        "region-a/plan-2030/bakgrund.md",
        "region-a/plan-2030/bilaga.md",
        "region-a/plan-2030/framgångsfaktorer.md",
        "region-a/plan-2030/målbild.md",
    ];
    // Every part's text, and the publication's own.
    let mut bodies = vec!["region-a/plan-2030/_index.md"];
    bodies.extend(parts);
    bodies.sort_unstable();
    assert_eq!(read("body"), bodies);
    // The facts of the home page, region and publication (breadcrumbs, cover).
    for rel in [
        "_index.md",
        "region-a/_index.md",
        "region-a/plan-2030/_index.md",
    ] {
        assert!(read("facts").contains(&rel), "{rel}: {reads:?}");
    }
    assert!(read("children").contains(&"region-a/plan-2030/_index.md"));
    // Nothing of another publication.
    assert!(
        reads.iter().all(|(rel, _)| !rel.starts_with("region-b/")),
        "{reads:?}"
    );
}

/// A stand-in for Chromium: a shell script that notes its arguments (in
/// `browser/args-<pdf name>.txt`, since it runs once per publication), says
/// `said` on stderr, writes `pdf` where `--print-to-pdf=` says and exits with
/// `status`.
#[cfg(unix)]
fn fake_browser(t: &SiteTest, said: &str, pdf: &str, status: i32) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --print-to-pdf=*) out=\"${{a#--print-to-pdf=}}\";; esac; done\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args-$(basename \"$out\").txt\"\necho '{said}' >&2\nprintf '{pdf}' > \"$out\"\nexit {status}\n"
    );
    let path = t.path("browser/chromium");
    t.write("browser/chromium", &script);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn pdf_with_and_without_a_browser() {
    use std::ffi::OsStr;

    const PDF: &str = "region-a/plan-2030/print/region-a-plan-2030.pdf";
    // (what, the browser: what it says, what it writes, its exit status,
    //  or None for MALBILD_CHROMIUM naming a missing file; what stderr says;
    //  whether a PDF is made)
    type Case = (
        &'static str,
        Option<(&'static str, &'static str, i32)>,
        &'static [&'static str],
        bool,
    );
    let cases: &[Case] = &[
        (
            "MALBILD_CHROMIUM names no program",
            None,
            &[
                "--pdf: varning: ingen PDF gjordes: MALBILD_CHROMIUM är satt till `/no/such/chromium`, som inte är ett program som går att köra",
                "tips: sätt MALBILD_CHROMIUM till hela sökvägen till Chromium",
                "byggde 9 sidor (",
            ],
            false,
        ),
        (
            "the browser fails",
            Some(("ERROR: sidan kunde inte laddas", "", 3)),
            &[
                "content/region-a/plan-2030/_index.md: varning: PDF:en för den här publikationen gick inte att göra:",
                "stannade med exit status: 3; den sa: ERROR: sidan kunde inte laddas",
                "öppna region-a/plan-2030/print/index.html i webbläsaren",
                "byggde 9 sidor (",
            ],
            false,
        ),
        (
            "the browser writes no PDF",
            Some(("", "<html>", 0)),
            &["skrev ingen PDF"],
            false,
        ),
        (
            "the browser works",
            Some(("[1:2:ERROR:dbus/bus.cc] noise", "%%PDF-1.4 test", 0)),
            &["byggde 9 sidor och 2 PDF:er ("],
            true,
        ),
    ];
    for (what, browser, said, made) in cases {
        let t = SiteTest::from_dir("kinds");
        let program = match browser {
            Some((stderr, pdf, status)) => fake_browser(&t, stderr, pdf, *status),
            None => "/no/such/chromium".into(),
        };
        let run = t.run_with_env(
            &["build", "--pdf"],
            &[("MALBILD_CHROMIUM", program.as_os_str())],
        );
        assert_eq!(run.code, 0, "{what}: {}", run.stderr);
        for s in *said {
            assert!(
                run.stderr.contains(s),
                "{what}: `{s}` not in\n{}",
                run.stderr
            );
        }
        assert!(t.path(&format!("output/{PRINT}")).is_file(), "{what}");
        let landing = t.read("output/region-a/plan-2030/index.html");
        let links: Vec<(String, String)> = select(&landing, ".print-links a")
            .into_iter()
            .map(|a| (a.text, a.attrs["href"].clone()))
            .collect();
        if *made {
            assert_eq!(t.read(&format!("output/{PDF}")), "%PDF-1.4 test", "{what}");
            assert_eq!(
                links[1],
                (
                    "Ladda ner som PDF (PDF, 1 kB)".to_string(),
                    "../../region-a/plan-2030/print/region-a-plan-2030.pdf".to_string()
                ),
                "{what}"
            );
            let args = std::fs::read_dir(t.path("browser"))
                .unwrap()
                .filter_map(Result::ok)
                .filter(|e| e.file_name().to_string_lossy().starts_with("args-"))
                .map(|e| std::fs::read_to_string(e.path()).unwrap())
                .find(|a| a.trim_end().ends_with(PRINT))
                .unwrap_or_else(|| panic!("{what}: the browser never saw {PRINT}"));
            for flag in [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--no-pdf-header-footer",
                "--generate-pdf-document-outline",
            ] {
                assert!(args.lines().any(|l| l == flag), "{what}: {flag} in\n{args}");
            }
            assert!(args.contains("\n--user-data-dir="), "{args}");
            let page = args.lines().last().unwrap();
            assert!(
                page.starts_with("file:///") && page.ends_with(&format!("/{PRINT}")),
                "{what}: {page}"
            );
        } else {
            assert!(!t.path(&format!("output/{PDF}")).exists(), "{what}");
            assert_eq!(links.len(), 1, "{what}: {links:?}");
        }
        // The scratch folder the browser read is gone.
        let left: Vec<String> = std::fs::read_dir(t.root())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("malbild-"))
            .collect();
        assert!(left.is_empty(), "{what}: {left:?}");
    }
    // Without a browser anywhere, the warning says what to install.
    #[cfg(target_os = "linux")]
    {
        let t = SiteTest::from_dir("kinds");
        let empty = t.path("browser");
        std::fs::create_dir_all(&empty).unwrap();
        let run = t.run_with_env(
            &["build", "--pdf"],
            &[
                ("PATH", empty.as_os_str()),
                ("MALBILD_CHROMIUM", OsStr::new("")),
            ],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        for s in [
            "--pdf: varning: ingen PDF gjordes: malbild gör PDF:er med Chromium, Google Chrome eller Microsoft Edge, och hittade ingen av dem",
            "sudo apt-get install chromium",
            "MALBILD_CHROMIUM",
        ] {
            assert!(run.stderr.contains(s), "`{s}` not in\n{}", run.stderr);
        }
    }
}

#[test]
fn the_copy_for_the_pdf_numbers_its_table_of_contents() {
    let t = SiteTest::from_dir("kinds");
    let (prepared, diagnostics) = malbild::prepare(&malbild::Config::new(t.root()));
    let p = prepared.unwrap_or_else(|| panic!("{diagnostics:?}"));
    let publication = "region-a/plan-2030/_index.md";
    // The bookmarks Chromium makes from the headings, with their pages.
    let bookmarks: Vec<(String, usize)> = [
        ("Plan 2030", 1),
        ("Innehåll", 2),
        ("Målbild", 3),
        ("Vision", 3),
        ("Tillsammans", 3),
        ("Nära", 4),
        ("Så följer vi upp", 4),
        ("Framgångsfaktorer", 5),
        ("Tillit", 5),
        ("Ledarskap", 5),
        ("Bakgrund", 6),
        ("Syfte", 6),
        ("Detaljer", 6),
        ("Perspektivskiften", 7),
        ("Bilaga", 8),
        ("Ordlista", 8),
    ]
    .iter()
    .map(|(t, p)| (t.to_string(), *p))
    .collect();
    let (file, numbers) = p
        .numbered(publication, &bookmarks)
        .expect("every entry has a bookmark")
        .unwrap();
    let want = [3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 8, 8];
    assert_eq!(numbers, want);
    let html = String::from_utf8(file.bytes).unwrap();
    let shown: Vec<String> = want.iter().map(usize::to_string).collect();
    assert_eq!(texts(&html, ".print-toc__page"), shown);
    // A missing bookmark means no numbers rather than wrong ones.
    let fewer = &bookmarks[..bookmarks.len() - 1];
    assert!(p.numbered(publication, fewer).is_none());
    // The web page has none.
    t.build();
    assert!(texts(&t.read(&format!("output/{PRINT}")), ".print-toc__page").is_empty());
}

#[cfg(unix)]
#[test]
fn a_builder_kept_with_pdf_keeps_the_pdfs_and_their_links() {
    const PDF: &str = "output/region-a/plan-2030/print/region-a-plan-2030.pdf";
    let t = SiteTest::from_dir("kinds");
    let mut config = malbild::Config::new(t.root());
    config.pdf = true;
    config.chromium = Some(fake_browser(&t, "", "%%PDF-1.4 test", 0));
    let mut builder = malbild::Builder::new(config);
    let runs = || {
        std::fs::read_dir(t.path("browser"))
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with("args-")
            })
            .count()
    };
    let linked = || {
        let landing = t.read("output/region-a/plan-2030/index.html");
        select(&landing, ".print-links a")
            .iter()
            .any(|a| a.attrs["href"].ends_with("region-a-plan-2030.pdf"))
    };
    let report = builder.build().unwrap();
    assert_eq!(report.pdfs, 2);
    assert!(t.path(PDF).is_file() && linked());
    // Nothing changed, then a part of another publication: the PDFs and
    // their links stay, and no browser runs.
    std::fs::remove_dir_all(t.path("browser")).ok();
    config_browser(&t);
    for edit in [false, true] {
        if edit {
            let part = "content/region-b/strategi/_index.md";
            t.write(part, &format!("{}\nMer text.\n", t.read(part)));
        }
        let report = builder.build().unwrap();
        assert_eq!(report.pdfs, 2, "edit: {edit}");
        assert!(t.path(PDF).is_file(), "edit: {edit}: the PDF was removed");
        assert!(linked(), "edit: {edit}: the link to the PDF is gone");
    }
    // A part of the publication: its PDF is made again, and linked.
    let part = "content/region-a/plan-2030/bilaga.md";
    t.write(part, &format!("{}\nMer text.\n", t.read(part)));
    builder.build().unwrap();
    assert!(runs() >= 1, "the PDF was not made again");
    assert!(t.path(PDF).is_file() && linked());
    // The PDF removed by hand: made again from the print page as it is.
    std::fs::remove_file(t.path(PDF)).unwrap();
    builder.build().unwrap();
    assert_eq!(t.read(PDF), "%PDF-1.4 test");
    assert!(linked());
}

/// The stand-in browser again, after its notes were removed.
#[cfg(unix)]
fn config_browser(t: &SiteTest) {
    fake_browser(t, "", "%%PDF-1.4 test", 0);
}
