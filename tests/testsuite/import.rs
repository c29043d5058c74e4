//! `malbild import`: Word documents from `fixtures/docx/` (made by
//! `fixtures/docx/make.py`) imported into a copy of the `kinds` fixture site.
//! See: issue 15.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

use crate::site_test::SiteTest;

fn docx(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/testsuite/fixtures/docx")
        .join(name)
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn import(t: &SiteTest, file: &str, target: &str) -> Out {
    let out = Command::cargo_bin("malbild")
        .unwrap()
        .arg("import")
        .arg(docx(file))
        .arg(target)
        .arg("--root")
        .arg(t.root())
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Every Markdown file of a folder, by name.
fn markdown(dir: &Path) -> BTreeMap<String, String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn front_matter(text: &str) -> (serde_yaml::Value, String) {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let (fm, body) = rest.split_once("\n---\n").expect("end of front matter");
    (serde_yaml::from_str(fm).unwrap(), body.to_string())
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn import_every_element_as_markdown() {
    let t = SiteTest::from_dir("kinds");
    let out = import(&t, "every-element.docx", "exempel/malbild-2035");
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let dir = t.path("content/exempel/malbild-2035");
    let mut all = String::new();
    for (name, text) in markdown(&dir) {
        all.push_str(&format!("==> {name} <==\n{text}\n"));
    }
    insta::assert_snapshot!("every_element", all);
    assert!(dir.join("image1.png").is_file() && dir.join("image2.png").is_file());
    assert!(t.path("content/exempel/_index.md").is_file(), "new region");
    t.build();
}

#[test]
fn import_lists_what_to_review_with_its_place() {
    let t = SiteTest::from_dir("kinds");
    let out = import(&t, "every-element.docx", "exempel/malbild-2035");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let want = [
        "  - _index.md (stycke 2): innehållsförteckningen importeras inte",
        "  - malbild.md, under ”Tillsammans” (stycke 10): en fotnot i ett målområde eller en framgångsfaktor står inom parentes",
        "  - innehall-i-texten.md, under ”Bilder” (stycke 43): bilden image2.png saknar alternativtext",
        "  - bakgrund.md, under ”Bakgrund” (stycke 45): spårad ändring: borttagen text ”i maj” är kvar",
        "  - bakgrund.md, under ”Bakgrund” (stycke 45): spårad ändring: infogad text ”i juni” är inte med",
        "  - bakgrund.md, under ”Bakgrund” (stycke 46): kommentar: ”Bertil: Stämmer siffran?”",
        "  - bakgrund.md, under ”Bakgrund” (stycke 54): en textruta (”Text i rutan”) kan inte konverteras",
        "7 saker att granska:",
        "malbild check hittade 2 problem i de nya sidorna:",
        "innehall-i-texten.md:50:1: varning: bilden har ingen alternativtext [alt-text]",
    ];
    for w in want {
        assert!(out.stdout.contains(w), "missing {w:?} in\n{}", out.stdout);
    }
    // The text as it was before the tracked changes.
    let bakgrund = t.read("content/exempel/malbild-2035/bakgrund.md");
    assert!(
        bakgrund.contains("Beslutet togs i maj av regionfullmäktige."),
        "{bakgrund}"
    );
    assert!(!bakgrund.contains("juni"), "{bakgrund}");
}

#[test]
fn import_never_overwrites() {
    let t = SiteTest::from_dir("kinds");
    assert_eq!(import(&t, "clean.docx", "exempel/plan").code, 0);
    let before = t.read("content/exempel/plan/_index.md");
    let out = import(&t, "every-element.docx", "exempel/plan");
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("content/exempel/plan finns redan och är inte tom; malbild import skriver aldrig över något"),
        "{}",
        out.stderr
    );
    assert_eq!(t.read("content/exempel/plan/_index.md"), before);
}

#[test]
fn import_refuses_bad_files_saying_what_to_do() {
    let t = SiteTest::from_dir("kinds");
    let cases = [
        (
            "not-word.docx",
            "not-word.docx är inte ett Word-dokument (.docx)",
            "spara den som .docx",
        ),
        (
            "encrypted.docx",
            "encrypted.docx är lösenordsskyddad (krypterad)",
            "ta bort lösenordet",
        ),
        (
            "old.doc",
            "old.doc är ett gammalt Word-dokument (.doc, Word 97–2003), inte .docx",
            "Öppna filen i Word och spara den som .docx",
        ),
    ];
    for (file, what, todo) in cases {
        let out = import(&t, file, "exempel/ny");
        assert_eq!(out.code, 1, "{file}: {}", out.stderr);
        assert!(out.stderr.contains(what), "{file}: {}", out.stderr);
        assert!(
            out.stderr.to_lowercase().contains(&todo.to_lowercase()),
            "{file}: {}",
            out.stderr
        );
        assert!(!t.path("content/exempel/ny").exists(), "{file} wrote files");
    }
    let out = import(&t, "clean.docx", "bara-en-mapp");
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("`bara-en-mapp` är inte REGION/SLUG"),
        "{}",
        out.stderr
    );
}

#[test]
fn import_of_a_clean_document_passes_check_strict() {
    let t = SiteTest::from_dir("kinds");
    let out = import(&t, "clean.docx", "prov/plan");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("inget att granska i Word-dokumentet"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("malbild check hittade inga problem"),
        "{}",
        out.stdout
    );
    let check = t.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

#[test]
fn import_knows_swedish_and_libreoffice_heading_styles() {
    let t = SiteTest::from_dir("kinds");
    let out = import(&t, "swedish-styles.docx", "sormland/framtid");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = markdown(&t.path("content/sormland/framtid"));
    let (index, body) = front_matter(&md["_index.md"]);
    assert_eq!(index["title"], "Framtidens vård");
    assert_eq!(words(&body), "Inledning före rubrikerna.");
    let (bakgrund, body) = front_matter(&md["bakgrund.md"]);
    assert_eq!(bakgrund["weight"], 1);
    assert!(body.contains("\n## Varför\n"), "{body}");
    assert!(body.contains("\n### Mellanrubrik\n"), "{body}");
    let (malbild, _) = front_matter(&md["malbild.md"]);
    assert_eq!(malbild["weight"], 2, "a style with only an outline level");
}

/// Kalmar län's målbild, written in Word from content/kalmar/, comes back
/// as content/kalmar/ has it: parts by title and weight, goal areas,
/// factors and text.
#[test]
fn import_kalmar_matches_the_hand_written_publication() {
    let t = SiteTest::from_dir("kinds");
    let out = import(&t, "kalmar.docx", "kalmar/nara-vard-2023");
    assert_eq!(out.code, 0, "{}", out.stderr);
    t.build();
    let theirs =
        markdown(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content/kalmar/nara-vard-2023"));
    let ours = markdown(&t.path("content/kalmar/nara-vard-2023"));
    let by_title =
        |files: &BTreeMap<String, String>| -> BTreeMap<String, (serde_yaml::Value, String)> {
            files
                .iter()
                .filter(|(name, _)| *name != "_index.md")
                .map(|(_, text)| {
                    let (fm, body) = front_matter(text);
                    (
                        fm["title"].as_str().unwrap().to_string(),
                        (fm, words(&body)),
                    )
                })
                .collect()
        };
    let (theirs_parts, ours_parts) = (by_title(&theirs), by_title(&ours));
    assert_eq!(
        theirs_parts.keys().collect::<Vec<_>>(),
        ours_parts.keys().collect::<Vec<_>>()
    );
    for (title, (want, want_body)) in &theirs_parts {
        let (got, got_body) = &ours_parts[title];
        for key in ["weight", "kind", "vision"] {
            assert_eq!(got[key], want[key], "{title}: {key}");
        }
        assert_eq!(got_body, want_body, "{title}: text");
        for (list, text) in [("goal_areas", "text"), ("factors", "summary")] {
            let items = |v: &serde_yaml::Value| -> Vec<(String, String)> {
                v[list]
                    .as_sequence()
                    .map(|s| {
                        s.iter()
                            .map(|i| {
                                (
                                    i["title"].as_str().unwrap().to_string(),
                                    words(i[text].as_str().unwrap_or_default()),
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default()
            };
            assert_eq!(items(got), items(want), "{title}: {list}");
        }
    }
    let (want, want_body) = front_matter(&theirs["_index.md"]);
    let (got, got_body) = front_matter(&ours["_index.md"]);
    assert_eq!(got["title"], want["title"]);
    assert_eq!(got["publisher"], want["publisher"]);
    assert_eq!(words(&got_body), words(&want_body));
}

/// A file LibreOffice Writer saved itself (make.py converts HTML with
/// `soffice --headless`): its own style ids and numbering.
#[test]
fn import_a_file_saved_by_libreoffice() {
    let t = SiteTest::from_dir("kinds");
    let out = import(&t, "libreoffice.docx", "lo/vard");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let md = markdown(&t.path("content/lo/vard"));
    let (malbild, body) = front_matter(&md["malbild.md"]);
    assert_eq!(malbild["kind"], "goal-picture");
    assert_eq!(malbild["vision"], "Vård nära dig.");
    assert_eq!(malbild["goal_areas"][0]["title"], "Trygghet");
    assert!(
        body.contains("en **trygg** och *nära* vård, se [1177](https://www.1177.se/)."),
        "{body}"
    );
    let (bakgrund, body) = front_matter(&md["bakgrund.md"]);
    assert_eq!(bakgrund["shifts"][0]["from"], "Sjukhus");
    assert!(
        body.contains("- Fler äldre\n    - Fler med kroniska sjukdomar\n- Färre som arbetar\n\n1. Först\n2. Sedan\n"),
        "bullets and numbers are two lists:\n{body}"
    );
    let check = t.run(&["check", "--strict"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
}

/// A .docx made here, part by part.
fn write_zip(path: &Path, parts: &[(&str, &[u8])]) {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(fs::File::create(path).unwrap());
    for (name, bytes) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main""#;

#[test]
fn import_damaged_and_hostile_files() {
    let t = SiteTest::from_dir("kinds");
    let dir = tempfile::tempdir().unwrap();
    let run = |file: &Path| {
        let out = Command::cargo_bin("malbild")
            .unwrap()
            .args(["import"])
            .arg(file)
            .arg("ny/pub")
            .arg("--root")
            .arg(t.root())
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap(),
        )
    };
    // A zip that is not Word (a spreadsheet, say).
    let xlsx = dir.path().join("tabell.docx");
    write_zip(&xlsx, &[("xl/workbook.xml", b"<workbook/>")]);
    let (code, text) = run(&xlsx);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("tabell.docx är inte ett Word-dokument (.docx)"),
        "{text}"
    );
    // Broken XML.
    let broken = dir.path().join("trasig.docx");
    write_zip(
        &broken,
        &[("word/document.xml", b"<w:document><w:body><w:p></w:body>")],
    );
    let (code, text) = run(&broken);
    assert_eq!(code, 1, "{text}");
    assert!(
        text.contains("trasig.docx är ett skadat Word-dokument"),
        "{text}"
    );
    assert!(!t.path("content/ny/pub").exists());
    // Images whose names inside the file would be a page or leave the folder.
    let body = format!(
        r#"<w:document {W}><w:body><w:p><w:r><w:t>Text.</w:t></w:r></w:p>
        <w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="a" descr="Karta"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><a:blip r:embed="rId1"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
        <w:p><w:r><w:drawing><wp:inline><wp:docPr id="2" name="b" descr="Sida"/><a:graphic><a:graphicData uri="x"><a:blip r:embed="rId2"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
        <w:p><w:r><w:drawing><wp:inline><wp:docPr id="3" name="c" descr="Gammal"/><a:graphic><a:graphicData uri="x"><a:blip r:embed="rId3"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
        </w:body></w:document>"#
    );
    let rels = r#"<Relationships><Relationship Id="rId1" Target="media/Karta Över Län.PNG"/><Relationship Id="rId2" Target="media/_index.md"/><Relationship Id="rId3" Target="media/image3.emf"/></Relationships>"#;
    let hostile = dir.path().join("bilder.docx");
    write_zip(
        &hostile,
        &[
            ("word/document.xml", body.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
            ("word/media/Karta Över Län.PNG", b"\x89PNG"),
            ("word/media/_index.md", b"---\ntitle: x\n---\n"),
            ("word/media/image3.emf", b"EMF"),
        ],
    );
    let (code, text) = run(&hostile);
    assert_eq!(code, 0, "{text}");
    let files: Vec<String> = fs::read_dir(t.path("content/ny/pub"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(files, ["_index.md", "karta-over-lan.png"], "{text}");
    assert!(
        text.contains("bilden _index.md har ett format som webbläsare inte visar"),
        "{text}"
    );
    assert!(
        text.contains("bilden image3.emf har ett format som webbläsare inte visar"),
        "{text}"
    );
    assert!(
        t.read("content/ny/pub/_index.md")
            .contains("![Karta](karta-over-lan.png)")
    );
}
