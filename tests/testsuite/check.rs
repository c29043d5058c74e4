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
            "bilaga.md:8:1: varning: bilden har ingen alternativtext [alt-text]",
            "beskriv vad bilden visar",
        ],
    ),
    (
        "image with a file name as alternative text",
        "![karta.svg](karta.svg)\n",
        &["bilaga.md:6:1: varning: bildens alternativtext är ett filnamn: `karta.svg` [alt-text]"],
    ),
    (
        "a second h1",
        "# Ordlista\n\nText här.\n",
        &[
            "bilaga.md:6:1: varning: en andra huvudrubrik (#): sidans titel är redan huvudrubriken [second-h1]",
        ],
    ),
    (
        "a skipped heading level",
        "## Ordlista\n\nText.\n\n#### Ord\n\nMer text.\n",
        &[
            "bilaga.md:10:1: varning: rubriken hoppar från nivå 2 till nivå 4 [heading-level]",
            "använd ### här",
        ],
    ),
    (
        "an empty heading",
        "Text.\n\n##\n\nMer text.\n",
        &["bilaga.md:8:1: varning: rubriken har ingen text [empty-heading]"],
    ),
    (
        "an empty section",
        "## Ordlista\n\n## Källor\n\nText.\n",
        &[
            "bilaga.md:6:1: varning: inget under rubriken ”Ordlista”: nästa rubrik, ”Källor”, kommer direkt efter [empty-section]",
        ],
    ),
    (
        "an empty section at the end",
        "Text.\n\n## Källor\n",
        &[
            "bilaga.md:8:1: varning: inget under rubriken ”Källor”: sidan slutar direkt efter [empty-section]",
        ],
    ),
    (
        "an empty page",
        "\n",
        &[
            "bilaga.md:2:1: varning: sidan har ingen text [empty-page]",
            "title: Bilaga",
        ],
    ),
    (
        "a sentence repeated in a row (as in the Sörmland 2023 extraction)",
        "Vården utgår från individens behov och förutsättningar. Individens behov och förutsättningar. Individens behov och förutsättningar. Individens behov och förutsättningar.\n",
        &[
            "bilaga.md:6:57: varning: meningen ”Individens behov och förutsättningar.” kommer 3 gånger i rad [repeated]",
            "behåll den en gång",
        ],
    ),
    (
        "a sentence repeated further down",
        "Primärvården är navet i den nära vården.\n\nAnnan text kommer här.\n\nPrimärvården är navet i den nära vården.\n",
        &[
            "bilaga.md:10:1: varning: meningen ”Primärvården är navet i den nära vården.” finns redan på rad 6 [repeated]",
        ],
    ),
    (
        "a paragraph repeated",
        "Vi ställer om. Vården blir nära.\n\nVi ställer om. Vården blir nära.\n",
        &["bilaga.md:8:1: varning: det här stycket är detsamma som det på rad 6 [repeated]"],
    ),
    (
        "a stray list marker (as in the Skåne extraction)",
        "- 3.** Fokus flyttas från sjukvårdens organisation.\n",
        &[
            "bilaga.md:6:3: varning: `3.**` ser ut som ett listnummer som hamnat fel [list-marker]",
            "ta bort lösa `**`",
        ],
    ),
    (
        "a bullet character pasted as text",
        "• Nära vård\n",
        &[
            "bilaga.md:6:1: varning: ett punkttecken `•` inklistrat som text [list-marker]",
            "börja varje punkt på en egen rad med `- `",
        ],
    ),
    (
        "a numbered line inside a paragraph",
        "Strategin har tre delar:\n2. Ledning och styrning.\n",
        &[
            "bilaga.md:7:1: varning: raden börjar med `2.` som en punkt i en numrerad lista, men den hör till stycket ovanför [list-marker]",
        ],
    ),
    (
        "emphasis that does not close",
        "Det här är **viktigt för alla.\n",
        &[
            "bilaga.md:6:12: varning: `**` som inte stängs: texten efter blir inte betonad [emphasis]",
        ],
    ),
    (
        "raw HTML",
        "<div class=\"ruta\">\nText i en ruta.\n</div>\n",
        &[
            "bilaga.md:6:1: varning: HTML (<div>) i Markdown-texten [raw-html]",
            "skriv Markdown i stället",
        ],
    ),
    (
        "an inline style (as in the Skåne extraction)",
        "| Område | Riktning |\n|---|---|\n| Nära vård | <ul style=\"list-style-type: none\"> En mer nära vård |\n",
        &[
            "bilaga.md:8:15: varning: <ul> har ett attribut style=\"...\" [inline-style]",
            "mörka läge",
        ],
    ),
    (
        "an image from another web site",
        "![Karta](https://example.com/karta.png)\n",
        &[
            "bilaga.md:6:1: varning: bilden `https://example.com/karta.png` hämtas från en annan webbplats [third-party]",
        ],
    ),
    (
        "a frame from another web site",
        "<iframe src=\"https://video.example.com/film\"></iframe>\n",
        &[
            "bilaga.md:6:1: varning: <iframe> hämtar `https://video.example.com/film` från en annan webbplats [third-party]",
        ],
    ),
    (
        "a link text that says nothing",
        "Bakgrunden finns [här](bakgrund.md).\n\n[Läs mer](bakgrund.md)\n",
        &[
            "bilaga.md:6:18: varning: länktexten ”här” säger inte vart länken leder [link-text]",
            "bilaga.md:8:1: varning: länktexten ”Läs mer” säger inte vart länken leder [link-text]",
        ],
    ),
    (
        "a link without text",
        "Se [](bakgrund.md).\n",
        &["bilaga.md:6:4: varning: länken har ingen text [link-text]"],
    ),
    (
        "a heading that became a line of text",
        "Bakgrund och syfte\n\nGod och nära vård är ett övergripande mål för omställningen.\n",
        &[
            "bilaga.md:6:1: varning: ”Bakgrund och syfte” ser ut som en rubrik som blivit en vanlig textrad [flat-heading]",
            "## Bakgrund och syfte",
        ],
    ),
    (
        "a word hyphenated across lines",
        "Omställningen till nära vård kräver omställ-\nningar i hela länet.\n",
        &[
            "bilaga.md:6:37: varning: ordet ”omställ-ningar” är avstavat över två rader [hyphenation]",
            "omställningar",
        ],
    ),
    (
        "the place of a lost image",
        "FOU Logotyp\n\nText om målbilden.\n",
        &[
            "bilaga.md:6:1: varning: ”FOU Logotyp” ser ut att vara platsen för en bild som försvann när texten kopierades [image-placeholder]",
        ],
    ),
    (
        "a sentence over the limit",
        "Vi ska tillsammans utveckla gemensamma förhållnings- och arbetssätt inom fyra utvecklingsområden och dessutom se till att alla invånare i hela länet oavsett ålder, bakgrund, bostadsort eller tidigare kontakter med vården och omsorgen får det stöd de behöver i rätt tid och på rätt plats.\n",
        &[
            "bilaga.md:6:1: varning: meningen ”Vi ska tillsammans utveckla gemensamma förhållnings- och …” har 44 ord; gränsen är 40 [long-sentence]",
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
        "bilaga.md:2:8: varning: `title` står inom ”…”, och de citattecknen publiceras som en del av texten: ”Bilaga 2030” [curly-quotes]",
        "tips: ta bort dem om de inte ska synas: `title: Bilaga 2030`; behöver texten citattecken för att ` #` eller `: ` ska ingå, använd raka: `title: \"Bilaga 2030\"`",
        "bilaga.md:3:10: varning: `summary` står inom ”…”",
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
        "bilaga.md:4:10: varning: temaordet `samverkn` finns inte bland webbplatsens teman i content/site.yaml [theme-word]",
        "tips: menade du `samverkan`? Annars lägg till raden `  samverkn: Samverkn` under `themes:`",
        "bilaga.md:4:28: varning: temaordet `trygghet` finns inte",
        "tips: skriv ett av orden under `themes:` i content/site.yaml (samverkan, tillit), eller lägg till raden `  trygghet: Trygghet` där",
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
    assert_eq!((code, out.trim()), (0, "inga problem hittades"));
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
            "bilaga.md:5:4: fel: länken `bakgrund.md#syfet` leder till `#syfet`, som inte finns på sidan ”Bakgrund”",
            "menade du `#syfte`?",
        ],
    ),
    (
        "a link to a missing fragment of the same page",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\n## Ordlista\n\nSe [nedan](#källor).\n",
        )],
        &[
            "bilaga.md:7:4: fel: länken `#källor` leder till `#källor`, som inte finns på den här sidan",
            "rubrikerna på den sidan har id:na: #ordlista",
        ],
    ),
    (
        "a link to a missing page",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [bakgrunden](bakgrnd.md).\n",
        )],
        &[
            "bilaga.md:5:4: fel: länken `bakgrnd.md` leder till `content/region-a/plan-2030/bakgrnd.md`, som inte finns",
            "menade du `bakgrund.md`?",
        ],
    ),
    (
        "a link to a missing page named like none: no guess from the folder",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [planen](finns-ej.md).\n",
        )],
        &[
            "bilaga.md:5:4: fel: länken `finns-ej.md` leder till `content/region-a/plan-2030/finns-ej.md`, som inte finns",
            "= tips: kontrollera stavningen; länkar utgår från den här filens mapp",
        ],
    ),
    (
        "a link to a missing file",
        &[(BILAGA, "---\ntitle: Bilaga\n---\n\n![Karta](kartan.svg)\n")],
        &[
            "bilaga.md:5:1: fel: länken `kartan.svg` leder till `content/region-a/plan-2030/kartan.svg`, som inte finns",
        ],
    ),
    (
        "a link to a draft",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [utkastet](../../region-b/strategi/utkast.md).\n",
        )],
        &["bilaga.md:5:4: fel: länken `../../region-b/strategi/utkast.md` leder till ett utkast"],
    ),
    (
        "two files, one address",
        &[(
            "content/region-a/plan-2030/annan.md",
            "---\ntitle: Annan\nslug: bilaga\n---\n\nText.\n",
        )],
        &[
            "bilaga.md: fel: den här sidan och content/region-a/plan-2030/annan.md skulle båda skrivas till region-a/plan-2030/bilaga/index.html",
        ],
    ),
    (
        "a front-matter error",
        &[(BILAGA, "---\ntitle: Bilaga\nweight: abc\n---\n")],
        &["bilaga.md:3:9: fel: `weight` ska vara ett heltal, men här står texten ”abc”"],
    ),
    (
        "an unknown check in front matter",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\ncheck:\n  ignore: [lxi]\n---\n\nText.\n",
        )],
        &[
            "bilaga.md:4:12: fel: `check: ignore` nämner `lxi`, som inte är en kontroll",
            "menade du `lix`?",
        ],
    ),
    (
        "an unknown key under check",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\ncheck:\n  ignored: [lix]\n---\n\nText.\n",
        )],
        &[
            "bilaga.md:4:3: fel: okänd nyckel `ignored` under `check:`",
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
            "content/site.yaml: fel: `check: ignore` nämner `repeat`, som inte är en kontroll",
            "menade du `repeated`?",
        ],
    ),
    (
        "a theme that does not exist",
        &[("content/site.yaml", "title: Test\ntheme: egen\n")],
        &["content/site.yaml:2:1: fel: det finns inget tema som heter `egen`"],
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
        &["themes/egen/templates/page.html:2:", "fel i mallens syntax"],
    ),
    (
        "a wrong limit in site.yaml",
        &[("content/site.yaml", "title: Test\ncheck:\n  lix_max: hög\n")],
        &[
            "content/site.yaml:3:12: fel: `lix_max` under `check:` ska vara ett heltal, men här står texten ”hög”",
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
    assert_eq!((code, out.trim()), (0, "inga problem hittades"));
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
        assert_eq!((code, out.trim()), (0, "inga problem hittades"), "{how}");
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
            "bilaga.md:9:1: varning: det här stycket är detsamma som det på rad 7 [repeated]"
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
        out.contains(
            "bilaga.md:6:1: varning: kommentaren nämner `repaeted`, som inte är en kontroll"
        ),
        "{out}"
    );
    assert!(out.contains("menade du `repeated`?"), "{out}");
    assert!(out.contains("kommer 2 gånger i rad [repeated]"), "{out}");
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
        "bilaga.md:2:1: varning: texten är svår att läsa: LIX 70 (mycket svår), över gränsen 40 [lix]",
        "ord per mening (9 här) plus andelen ord med fler än sex bokstäver (61 % här)",
        "bilaga.md:6:1: varning: meningen ”Omställningen till nära vård innebär att verksamheterna …” har 14 ord; gränsen är 12 [long-sentence]",
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
    assert!(first["hint"].as_str().unwrap().contains("skärmläsar"));
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
        "bilaga.md:6:4: varning: länktexten ”här” säger inte vart länken leder [link-text]",
        "bilaga.md:8:1: varning: ett punkttecken `•` inklistrat som text [list-marker]",
        "2 varningar",
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
    assert!(out.contains("bilaga.md:26:1: varning: ytterligare 15 problem av det här slaget på sidan härifrån, inte uppräknade ett och ett [link-text]"), "{out}");
}

#[test]
fn drafts_are_checked_when_asked() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        "content/region-b/strategi/utkast.md",
        "---\ntitle: Utkast\ndraft: true\n---\n\nSe [här](../../region-a/plan-2030/bakgrund.md).\n",
    );
    let (code, out) = check(&t, &["--strict"]);
    assert_eq!((code, out.trim()), (0, "inga problem hittades"));
    let (code, out) = check(&t, &["--strict", "--drafts"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("content/region-b/strategi/utkast.md:6:4: varning: länktexten ”här” säger inte vart länken leder [link-text]"),
        "{out}"
    );
}
