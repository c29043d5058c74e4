//! `malbild check`: one case per problem, over the `kinds` fixture with one
//! file written, each asserting the place and the message; then the
//! silencing, the report formats, the exit statuses, and that the build
//! prints the same warnings.

use crate::site_test::SiteTest;

const BILAGA: &str = "content/region-a/plan-2030/bilaga.md";

fn page(body: &str) -> String {
    format!("---\ntitle: Bilaga\nweight: 4\n---\n\n{body}")
}

/// (what, body of bilaga.md (after 4 lines of front matter and an empty
/// line, so the body's first line is line 6), what the report must contain)
type Case = (&'static str, &'static str, &'static [&'static str]);

const WARNINGS: &[Case] = &[
    (
        "image without alternative text",
        "Kartan:\n\n![](../plan-2030/karta.svg)\n",
        &[
            "bilaga.md:8:1: warning: the image has no alternative text [alt-text]",
            "describe what the image shows",
        ],
    ),
    (
        "image with a file name as alternative text",
        "![karta.svg](karta.svg)\n",
        &[
            "bilaga.md:6:1: warning: the image's alternative text is a file name: `karta.svg` [alt-text]",
        ],
    ),
    (
        "a second h1",
        "# Ordlista\n\nText här.\n",
        &[
            "bilaga.md:6:1: warning: a second main heading (#): the page title is already the main heading [second-h1]",
        ],
    ),
    (
        "a skipped heading level",
        "## Ordlista\n\nText.\n\n#### Ord\n\nMer text.\n",
        &[
            "bilaga.md:10:1: warning: the heading skips from level 2 to level 4 [heading-level]",
            "use ### here",
        ],
    ),
    (
        "an empty heading",
        "Text.\n\n##\n\nMer text.\n",
        &["bilaga.md:8:1: warning: the heading has no text [empty-heading]"],
    ),
    (
        "an empty section",
        "## Ordlista\n\n## Källor\n\nText.\n",
        &[
            "bilaga.md:6:1: warning: nothing under the heading “Ordlista”: the next heading, “Källor”, follows right after it [empty-section]",
        ],
    ),
    (
        "an empty section at the end",
        "Text.\n\n## Källor\n",
        &[
            "bilaga.md:8:1: warning: nothing under the heading “Källor”: the page ends right after it [empty-section]",
        ],
    ),
    (
        "an empty page",
        "\n",
        &[
            "bilaga.md:2:1: warning: the page has no text [empty-page]",
            "title: Bilaga",
        ],
    ),
    (
        "a sentence repeated in a row (as in the Sörmland 2023 extraction)",
        "Vården utgår från individens behov och förutsättningar. Individens behov och förutsättningar. Individens behov och förutsättningar. Individens behov och förutsättningar.\n",
        &[
            "bilaga.md:6:57: warning: the sentence “Individens behov och förutsättningar.” comes 3 times in a row [repeated]",
            "keep it once",
        ],
    ),
    (
        "a sentence repeated further down",
        "Primärvården är navet i den nära vården.\n\nAnnan text kommer här.\n\nPrimärvården är navet i den nära vården.\n",
        &[
            "bilaga.md:10:1: warning: the sentence “Primärvården är navet i den nära vården.” is already on line 6 [repeated]",
        ],
    ),
    (
        "a paragraph repeated",
        "Vi ställer om. Vården blir nära.\n\nVi ställer om. Vården blir nära.\n",
        &["bilaga.md:8:1: warning: this paragraph is the same as the one on line 6 [repeated]"],
    ),
    (
        "a stray list marker (as in the Skåne extraction)",
        "- 3.** Fokus flyttas från sjukvårdens organisation.\n",
        &[
            "bilaga.md:6:3: warning: `3.**` looks like a list number that lost its place [list-marker]",
            "remove any stray `**`",
        ],
    ),
    (
        "a bullet character pasted as text",
        "• Nära vård\n",
        &[
            "bilaga.md:6:1: warning: a bullet character `•` pasted as text [list-marker]",
            "start each item on its own line with `- `",
        ],
    ),
    (
        "a numbered line inside a paragraph",
        "Strategin har tre delar:\n2. Ledning och styrning.\n",
        &[
            "bilaga.md:7:1: warning: this line starts with `2.` like a numbered list item, but it is part of the paragraph above [list-marker]",
        ],
    ),
    (
        "emphasis that does not close",
        "Det här är **viktigt för alla.\n",
        &[
            "bilaga.md:6:12: warning: `**` that does not close: the text after it is not emphasised [emphasis]",
        ],
    ),
    (
        "raw HTML",
        "<div class=\"ruta\">\nText i en ruta.\n</div>\n",
        &[
            "bilaga.md:6:1: warning: HTML (<div>) written into the Markdown [raw-html]",
            "write Markdown instead",
        ],
    ),
    (
        "an inline style (as in the Skåne extraction)",
        "| Område | Riktning |\n|---|---|\n| Nära vård | <ul style=\"list-style-type: none\"> En mer nära vård |\n",
        &[
            "bilaga.md:8:15: warning: the <ul> has a style=\"...\" attribute [inline-style]",
            "dark mode",
        ],
    ),
    (
        "an image from another web site",
        "![Karta](https://example.com/karta.png)\n",
        &[
            "bilaga.md:6:1: warning: the image `https://example.com/karta.png` is loaded from another web site [third-party]",
        ],
    ),
    (
        "a frame from another web site",
        "<iframe src=\"https://video.example.com/film\"></iframe>\n",
        &[
            "bilaga.md:6:1: warning: the <iframe> loads `https://video.example.com/film` from another web site [third-party]",
        ],
    ),
    (
        "a link text that says nothing",
        "Bakgrunden finns [här](bakgrund.md).\n\n[Läs mer](bakgrund.md)\n",
        &[
            "bilaga.md:6:18: warning: the link text “här” does not say where the link leads [link-text]",
            "bilaga.md:8:1: warning: the link text “Läs mer” does not say where the link leads [link-text]",
        ],
    ),
    (
        "a link without text",
        "Se [](bakgrund.md).\n",
        &["bilaga.md:6:4: warning: the link has no text [link-text]"],
    ),
    (
        "a heading that became a line of text",
        "Bakgrund och syfte\n\nGod och nära vård är ett övergripande mål för omställningen.\n",
        &[
            "bilaga.md:6:1: warning: “Bakgrund och syfte” looks like a heading that became a line of text [flat-heading]",
            "## Bakgrund och syfte",
        ],
    ),
    (
        "a word hyphenated across lines",
        "Omställningen till nära vård kräver omställ-\nningar i hela länet.\n",
        &[
            "bilaga.md:6:37: warning: the word “omställ-ningar” is split across two lines with a hyphen [hyphenation]",
            "omställningar",
        ],
    ),
    (
        "the place of a lost image",
        "FOU Logotyp\n\nText om målbilden.\n",
        &[
            "bilaga.md:6:1: warning: “FOU Logotyp” looks like the place of an image that was lost when the text was copied [image-placeholder]",
        ],
    ),
    (
        "a sentence over the limit",
        "Vi ska tillsammans utveckla gemensamma förhållnings- och arbetssätt inom fyra utvecklingsområden och dessutom se till att alla invånare i hela länet oavsett ålder, bakgrund, bostadsort eller tidigare kontakter med vården och omsorgen får det stöd de behöver i rätt tid och på rätt plats.\n",
        &[
            "bilaga.md:6:1: warning: the sentence “Vi ska tillsammans utveckla gemensamma förhållnings- och …” has 44 words; the limit is 40 [long-sentence]",
        ],
    ),
];

fn check(t: &SiteTest, args: &[&str]) -> (i32, String) {
    let out = assert_cmd::Command::cargo_bin("malbild")
        .unwrap()
        .arg("check")
        .args(args)
        .arg("--root")
        .arg(t.root())
        .output()
        .unwrap();
    let mut text = String::from_utf8(out.stdout).unwrap();
    text.push_str(&String::from_utf8(out.stderr).unwrap());
    (out.status.code().unwrap_or(-1), text)
}

// See: issue 11 (`title: ”Nära vård 2030”` was published with its quotes).
#[test]
fn curly_quotes_around_a_front_matter_value() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        "---\ntitle: ”Bilaga 2030”\nsummary: “Kort \"text\"”\nweight: 4\n---\n\nText om ”Nära vård”.\n",
    );
    let (code, out) = check(&t, &[]);
    let (strict, _) = check(&t, &["--strict"]);
    assert_eq!((code, strict), (0, 1), "{out}");
    for e in [
        "bilaga.md:2:8: warning: `title` står inom ”…”, och de citattecknen publiceras som en del av texten: ”Bilaga 2030” [curly-quotes]",
        "hint: ta bort dem om de inte ska synas: `title: Bilaga 2030`; behöver texten citattecken för att ` #` eller `: ` ska ingå, använd raka: `title: \"Bilaga 2030\"`",
        "bilaga.md:3:10: warning: `summary` står inom ”…”",
        "använd raka: `summary: \"Kort \\\"text\\\"\"`",
    ] {
        assert!(out.contains(e), "lacks {e:?}:\n{out}");
    }
    assert_eq!(out.matches("[curly-quotes]").count(), 2, "{out}");
}

// See: issue 14 (a theme word not in the vocabulary gets "did you mean").
#[test]
fn a_theme_word_site_yaml_does_not_list_is_a_warning() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        "---\ntitle: Bilaga\nweight: 4\nthemes: [samverkn, tillit, trygghet]\n---\n\nText.\n",
    );
    let (code, out) = check(&t, &[]);
    assert_eq!(code, 0, "{out}");
    for e in [
        "bilaga.md:4:10: warning: temaordet `samverkn` finns inte bland webbplatsens teman i content/site.yaml [theme-word]",
        "hint: menade du `samverkan`? Annars lägg till raden `  samverkn: Samverkn` under `themes:`",
        "bilaga.md:4:28: warning: temaordet `trygghet` finns inte",
        "hint: skriv ett av orden under `themes:` i content/site.yaml (samverkan, tillit), eller lägg till raden `  trygghet: Trygghet` där",
    ] {
        assert!(out.contains(e), "lacks {e:?}:\n{out}");
    }
    assert_eq!(out.matches("[theme-word]").count(), 2, "{out}");
    // Silenced like every check.
    t.write(
        BILAGA,
        "---\ntitle: Bilaga\nweight: 4\nthemes: [trygghet]\ncheck: {ignore: [theme-word]}\n---\n\nText.\n",
    );
    let (_, out) = check(&t, &["--strict"]);
    assert!(!out.contains("[theme-word]"), "{out}");
}

#[test]
fn the_kinds_fixture_has_no_problems() {
    let t = SiteTest::from_dir("kinds");
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!((code, out.trim()), (0, "no problems found"));
}

#[test]
fn every_warning_names_file_line_and_check() {
    let mut failures = Vec::new();
    for (what, body, expected) in WARNINGS {
        let t = SiteTest::from_dir("kinds");
        t.write(BILAGA, &page(body));
        let (code, out) = check(&t, &[]);
        let (strict, _) = check(&t, &["--strict"]);
        let mut problems = Vec::new();
        if code != 0 {
            problems.push(format!("exit status {code} without --strict"));
        }
        if strict != 1 {
            problems.push(format!("exit status {strict} with --strict"));
        }
        for e in *expected {
            if !out.contains(e) {
                problems.push(format!("lacks {e:?}"));
            }
        }
        if out.contains("panicked") {
            problems.push("it panicked".into());
        }
        if t.path("output").exists() {
            problems.push("check wrote output/".into());
        }
        if !problems.is_empty() {
            failures.push(format!("== {what}: {}\n{out}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (what, files, what the report must contain); each must exit with 1.
type ErrorCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

const ERRORS: &[ErrorCase] = &[
    (
        "a link to a missing fragment of another page",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [syftet](bakgrund.md#syfet).\n",
        )],
        &[
            "bilaga.md:5:4: error: the link `bakgrund.md#syfet` points to `#syfet`, which is not on the page “Bakgrund”",
            "did you mean `#syfte`?",
        ],
    ),
    (
        "a link to a missing fragment of the same page",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\n## Ordlista\n\nSe [nedan](#källor).\n",
        )],
        &[
            "bilaga.md:7:4: error: the link `#källor` points to `#källor`, which is not on this page",
            "the headings of that page have the ids: #ordlista",
        ],
    ),
    (
        "a link to a missing page",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [bakgrunden](bakgrnd.md).\n",
        )],
        &[
            "bilaga.md:5:4: error: the link `bakgrnd.md` points to `content/region-a/plan-2030/bakgrnd.md`, which does not exist",
            "did you mean `bakgrund.md`?",
        ],
    ),
    (
        "a link to a missing page named like none: no guess from the folder",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [planen](finns-ej.md).\n",
        )],
        &[
            "bilaga.md:5:4: error: the link `finns-ej.md` points to `content/region-a/plan-2030/finns-ej.md`, which does not exist",
            "= hint: check the spelling; links are relative to this file's folder",
        ],
    ),
    (
        "a link to a missing file",
        &[(BILAGA, "---\ntitle: Bilaga\n---\n\n![Karta](kartan.svg)\n")],
        &[
            "bilaga.md:5:1: error: the link `kartan.svg` points to `content/region-a/plan-2030/kartan.svg`, which does not exist",
        ],
    ),
    (
        "a link to a draft",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [utkastet](../../region-b/strategi/utkast.md).\n",
        )],
        &[
            "bilaga.md:5:4: error: the link `../../region-b/strategi/utkast.md` points to a draft page",
        ],
    ),
    (
        "two files, one address",
        &[(
            "content/region-a/plan-2030/annan.md",
            "---\ntitle: Annan\nslug: bilaga\n---\n\nText.\n",
        )],
        &[
            "bilaga.md: error: this page and content/region-a/plan-2030/annan.md would both be written to region-a/plan-2030/bilaga/index.html",
        ],
    ),
    (
        "a front-matter error",
        &[(BILAGA, "---\ntitle: Bilaga\nweight: abc\n---\n")],
        &["bilaga.md:3:9: error: `weight` ska vara ett heltal, men här står texten ”abc”"],
    ),
    (
        "an unknown check in front matter",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\ncheck:\n  ignore: [lxi]\n---\n\nText.\n",
        )],
        &[
            "bilaga.md:4:12: error: `check: ignore` names `lxi`, which is not a check",
            "did you mean `lix`?",
        ],
    ),
    (
        "an unknown key under check",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\ncheck:\n  ignored: [lix]\n---\n\nText.\n",
        )],
        &[
            "bilaga.md:4:3: error: okänd nyckel `ignored` under `check:`",
            "menade du `ignore`? Skriv `ignore: [lix]`",
        ],
    ),
    (
        "an unknown check in site.yaml",
        &[(
            "content/site.yaml",
            "title: Test\ncheck:\n  ignore: [repeat]\n",
        )],
        &[
            "content/site.yaml: error: `check: ignore` names `repeat`, which is not a check",
            "did you mean `repeated`?",
        ],
    ),
    (
        "a theme that does not exist",
        &[("content/site.yaml", "title: Test\ntheme: egen\n")],
        &["content/site.yaml:2:1: error: there is no theme called `egen`"],
    ),
    (
        "a Tera syntax error",
        &[
            ("content/site.yaml", "title: Test\ntheme: egen\n"),
            ("themes/egen/theme.yaml", "extends: default\n"),
            (
                "themes/egen/templates/page.html",
                "{% extends \"base.html\" %}\n{% block body %}{{ page.title }\n{% endblock body %}\n",
            ),
        ],
        &[
            "themes/egen/templates/page.html:2:",
            "template syntax error",
        ],
    ),
    (
        "a wrong limit in site.yaml",
        &[("content/site.yaml", "title: Test\ncheck:\n  lix_max: hög\n")],
        &[
            "content/site.yaml:3:12: error: `lix_max` under `check:` ska vara ett heltal, men här står texten ”hög”",
        ],
    ),
];

#[test]
fn every_error_fails_the_check() {
    let mut failures = Vec::new();
    for (what, files, expected) in ERRORS {
        let t = SiteTest::from_dir("kinds");
        for (rel, text) in *files {
            t.write(rel, text);
        }
        let (code, out) = check(&t, &[]);
        let mut problems = Vec::new();
        if code != 1 {
            problems.push(format!("exit status {code}"));
        }
        for e in *expected {
            if !out.contains(e) {
                problems.push(format!("lacks {e:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!("== {what}: {}\n{out}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn valid_fragments_pass() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        &page("## Ordlista\n\nSe [syftet](bakgrund.md#syfte), [visionen](målbild.md#mb-vision), [målområdet](målbild.md#nara) och [ordlistan](#ordlista).\n"),
    );
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn what_only_looks_like_a_problem_passes() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        &page(concat!(
            "<!-- En anteckning till redaktionen. -->\n\n",
            "Isolerade vård-\noch omsorgsinsatser blir sammanhållna, t.ex. Primärvården och ",
            "Hälso- och sjukvård 2.0 för länet. Räkna 5 * 3 och skriv \\*stjärna.\n\n",
            "- för att lära\n- för att lära\n\n",
            "Tabell: Mål per område\n\n| Område | Mål |\n|---|---|\n| Nära vård | Ett |\n| Nära vård | Två |\n\n",
            "Strategi för en stegvis omställning:\n\n1. Perspektivskiften\n2. Ledning\n",
        )),
    );
    // A part that ends with the heading the theme's success factors continue.
    t.write(
        "content/region-a/plan-2030/framgångsfaktorer.md",
        "---\ntitle: Framgångsfaktorer\nkind: success-factors\nweight: 2\nfactors:\n  - title: Tillit\n    summary: Goda relationer.\n---\n\nDet här behöver vi.\n\n## Framgångsfaktorer\n",
    );
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!((code, out.trim()), (0, "no problems found"));
}

#[test]
fn a_communicator_can_silence_a_check() {
    let repeated = "Individens behov och förutsättningar. Individens behov och förutsättningar.\n";
    let cases: &[(&str, String, &str)] = &[
        (
            "front matter",
            format!("---\ntitle: Bilaga\ncheck: {{ignore: [repeated]}}\n---\n\n{repeated}"),
            "",
        ),
        (
            "a comment on the line before",
            page(&format!("<!-- malbild: ignore repeated -->\n{repeated}")),
            "",
        ),
        (
            "a comment with an empty line after it",
            page(&format!(
                "<!-- malbild: ignore long-sentence, repeated -->\n\n{repeated}"
            )),
            "",
        ),
        (
            "site.yaml",
            page(repeated),
            "title: Testsajt\ncheck:\n  ignore: [repeated]\norganisation:\n  name: Region A\n  email: info@example.se\naccessibility:\n  compliance: fully\n  statement_date: 2026-01-15\n",
        ),
    ];
    for (how, text, site) in cases {
        let t = SiteTest::from_dir("kinds");
        t.write(BILAGA, text);
        if !site.is_empty() {
            t.write("content/site.yaml", site);
        }
        let (code, out) = check(&t, &["--strict"]);
        assert_eq!((code, out.trim()), (0, "no problems found"), "{how}");
    }
    // A comment covers the paragraph after it, not the next one.
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        &page(&format!(
            "<!-- malbild: ignore repeated -->\n{repeated}\n{repeated}"
        )),
    );
    let (_, out) = check(&t, &[]);
    assert!(
        out.contains(
            "bilaga.md:9:1: warning: this paragraph is the same as the one on line 7 [repeated]"
        ),
        "{out}"
    );
    // A misspelt name in a comment is pointed out.
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        &page(&format!("<!-- malbild: ignore repaeted -->\n{repeated}")),
    );
    let (_, out) = check(&t, &[]);
    assert!(
        out.contains("bilaga.md:6:1: warning: the comment names `repaeted`, which is not a check"),
        "{out}"
    );
    assert!(out.contains("did you mean `repeated`?"), "{out}");
    assert!(out.contains("comes 2 times in a row [repeated]"), "{out}");
}

#[test]
fn readability_limits_come_from_site_yaml() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        "content/site.yaml",
        "title: Testsajt\ncheck:\n  lix_max: 40\n  lix_min_words: 10\n  sentence_words_max: 12\norganisation:\n  name: Region A\n  email: info@example.se\naccessibility:\n  compliance: fully\n  statement_date: 2026-01-15\n",
    );
    t.write(
        BILAGA,
        &page("Omställningen till nära vård innebär att verksamheterna organiseras utifrån invånarens samlade behov och förutsättningar.\n\nKompetensförsörjningen behöver lösas långsiktigt.\n"),
    );
    let (_, out) = check(&t, &[]);
    for want in [
        "bilaga.md:2:1: warning: the text is hard to read: LIX 70 (mycket svår), over the limit 40 [lix]",
        "words per sentence (9 here) plus the share of words over six letters (61 % here)",
        "bilaga.md:6:1: warning: the sentence “Omställningen till nära vård innebär att verksamheterna …” has 14 words; the limit is 12 [long-sentence]",
    ] {
        assert!(out.contains(want), "want {want:?} in\n{out}");
    }
    // The defaults: a page this short is not measured.
    t.write("content/site.yaml", "title: Testsajt\norganisation:\n  name: Region A\n  email: info@example.se\naccessibility:\n  compliance: fully\n  statement_date: 2026-01-15\n");
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn json_report_has_the_same_fields() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        BILAGA,
        &page("Se [här](bakgrund.md).\n\nSe [x](saknas.md).\n"),
    );
    let out = assert_cmd::Command::cargo_bin("malbild")
        .unwrap()
        .args(["check", "--format", "json", "--root"])
        .arg(t.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    assert_eq!(report["warnings"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["file"], "content/region-a/plan-2030/bilaga.md");
    assert_eq!(first["line"], 6);
    assert_eq!(first["column"], 4);
    assert_eq!(first["level"], "warning");
    assert_eq!(first["check"], "link-text");
    assert_eq!(first["source_line"], "Se [här](bakgrund.md).");
    assert!(first["hint"].as_str().unwrap().contains("screen reader"));
    assert_eq!(report["diagnostics"][1]["level"], "error");
    assert_eq!(report["diagnostics"][1]["check"], serde_json::Value::Null);
}

#[test]
fn wrong_usage_exits_with_2() {
    let t = SiteTest::from_dir("kinds");
    for args in [&["--format", "xml"][..], &["--stric"][..]] {
        let (code, out) = check(&t, args);
        assert_eq!(code, 2, "{args:?}: {out}");
    }
}

#[test]
fn build_prints_the_same_warnings() {
    let t = SiteTest::from_dir("kinds");
    t.write(BILAGA, &page("Se [här](bakgrund.md).\n\n• Punkt\n"));
    let run = t.build();
    for want in [
        "bilaga.md:6:4: warning: the link text “här” does not say where the link leads [link-text]",
        "bilaga.md:8:1: warning: a bullet character `•` pasted as text [list-marker]",
        "2 warnings",
    ] {
        assert!(
            run.stderr.contains(want),
            "want {want:?} in\n{}",
            run.stderr
        );
    }
}

#[test]
fn many_problems_of_one_kind_are_counted_not_listed() {
    let t = SiteTest::from_dir("kinds");
    let body: String = (0..25)
        .map(|i| format!("[här](bakgrund.md) {i}\n\n"))
        .collect();
    t.write(BILAGA, &page(&body));
    let (_, out) = check(&t, &[]);
    assert_eq!(out.matches("[link-text]").count(), 11, "{out}");
    assert!(out.contains("bilaga.md:26:1: warning: 15 more problems of this kind on this page from here on, not listed one by one [link-text]"), "{out}");
}

#[test]
fn drafts_are_checked_when_asked() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        "content/region-b/strategi/utkast.md",
        "---\ntitle: Utkast\ndraft: true\n---\n\nSe [här](../../region-a/plan-2030/bakgrund.md).\n",
    );
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!((code, out.trim()), (0, "no problems found"));
    let (code, out) = check(&t, &["--strict", "--drafts"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("content/region-b/strategi/utkast.md:6:4: warning: the link text “här” does not say where the link leads [link-text]"),
        "{out}"
    );
}
