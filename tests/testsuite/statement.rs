//! The accessibility statement (tillganglighet/index.html): DIGG's structure,
//! filled in from site.yaml and the audit record, linked from every page.
//! See: issue 6.

use crate::site_test::SiteTest;

const STATEMENT: &str = "tillganglighet/index.html";

#[test]
fn statement_follows_diggs_structure_with_the_facts_of_site_yaml() {
    let t = SiteTest::from_dir("everything");
    let run = t.build();
    assert!(
        !run.stderr.contains("accessibility statement"),
        "{}",
        run.stderr
    );
    let main = t.main_of(STATEMENT);
    insta::assert_snapshot!("statement", main);

    // DIGG's parts, in DIGG's order.
    let headings = [
        "<h1 class=\"page-header__title\">Tillgänglighetsredogörelse</h1>",
        "Region Norr står bakom webbplatsen Allt i ett.",
        "<h2 id=\"mb-compliance\">Hur tillgänglig är webbplatsen?</h2>",
        "delvis förenlig med lagen om tillgänglighet till digital offentlig service",
        "<h3 id=\"mb-known-problems\">Brister vi känner till</h3>",
        "<h3 id=\"mb-burden\">",
        "<h3 id=\"mb-not-covered\">",
        "<h2 id=\"mb-report\">Säg till om något inte fungerar</h2>",
        "<h3 id=\"mb-then\">Vad händer sedan?</h3>",
        "<h2 id=\"mb-enforcement\">Tillsyn</h2>",
        "<h2 id=\"mb-testing\">Så har vi testat webbplatsen</h2>",
        "<h2 id=\"mb-about\">Om redogörelsen</h2>",
    ];
    let mut at = 0;
    for h in headings {
        let found = main[at..]
            .find(h)
            .unwrap_or_else(|| panic!("{h} missing or out of order in\n{main}"));
        at += found + h.len();
    }

    // The facts of site.yaml, each where it belongs.
    for want in [
        // A known problem's Markdown link, relative to the statement's folder.
        "Kartan i <a href=\"../norr/plan-2035/bakgrund/index.html\">bakgrunden</a> har ingen <em>textversion</em>",
        "Inskannade protokoll från 1990-talet",
        "Dokument som publicerades före den 23 september 2018.",
        "<a href=\"mailto:tillganglighet@example.se\">tillganglighet@example.se</a>",
        "<a href=\"tel:010-1234500\">010-123 45 00</a>",
        "<a href=\"https://www.example.se/kontakt\">www.example.se/kontakt</a>",
        "svarar dig inom fem arbetsdagar.",
        "<a href=\"https://www.digg.se/tdosanmalan\">Anmäl bristande tillgänglighet till Digg</a>",
        "Vi har granskat webbplatsen själva (självskattning)",
        "Redogörelsen upprättades <time datetime=\"2026-01-15\">15 januari 2026</time>.",
        "Den sågs senast över <time datetime=\"2026-11-02\">2 november 2026</time>.",
    ] {
        assert!(main.contains(want), "want {want:?} in\n{main}");
    }

    // The audit record: date, tools, result, the pages it checked that still
    // exist, and the pages added since.
    let testing = &main[main.find("mb-testing").unwrap()..main.find("mb-about").unwrap()];
    for want in [
        "gjordes <time datetime=\"2026-11-01\">1 november 2026</time>.",
        "webbplatsens 4 sidor",
        "44 kontroller gick igenom",
        "axe-core 4.14.1, W3C Nu Html Checker 26.9.27",
        "<a href=\"../norr/plan-2035/index.html\">Plan för nära vård 2035</a>",
        "<a href=\"../norr/plan-2035/in-english/index.html\">Summary in English – Plan för nära vård 2035</a>",
    ] {
        assert!(testing.contains(want), "want {want:?} in\n{testing}");
    }
    assert!(
        !testing.contains("borttagen"),
        "a page that is gone is listed"
    );
    assert!(!testing.contains("404.html"), "the 404 page is listed");
}

#[test]
fn every_page_links_to_the_statement() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let pages: Vec<String> = t
        .output_files()
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.len() > 5);
    for page in pages {
        let html = t.read(&format!("output/{page}"));
        let href = if page == "404.html" {
            format!("/{STATEMENT}")
        } else {
            format!("{}{STATEMENT}", "../".repeat(page.matches('/').count()))
        };
        let link = format!("<a href=\"{href}\">Tillgänglighetsredogörelse</a>");
        let footer = &html[html
            .find("<footer")
            .unwrap_or_else(|| panic!("{page} has no footer"))..];
        assert!(footer.contains(&link), "{page} lacks {link}");
    }
}

/// (what, site.yaml, what stderr must contain, what the statement must say)
type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

const CASES: &[Case] = &[
    (
        "nothing said",
        "title: T\n",
        &[
            "content/site.yaml: varning: tillgänglighetsredogörelsen säger inte vems webbplatsen är, hur tillgänglig webbplatsen är, hur man anmäler ett problem eller när den gjordes",
            "`organisation:` med `name:`",
        ],
        &[
            "Den här redogörelsen gäller webbplatsen T.",
            "Vi har ännu inte bedömt hur väl webbplatsen uppfyller",
            "Webbplatsen har ännu ingen kontaktväg",
            "Webbplatsen har ännu inte granskats automatiskt.",
        ],
    ),
    (
        "the organisation's contact details are the way to report",
        "title: T\norganisation:\n  name: Region T\n  email: info@t.se\n  phone: 010 1\naccessibility:\n  compliance: fully\n  statement_date: 2026-03-01\n",
        &[],
        &[
            "Region T står bakom webbplatsen T.",
            "Webbplatsen är helt förenlig",
            "Vi känner inte till några brister",
            "<a href=\"mailto:info@t.se\">info@t.se</a>",
            "<a href=\"tel:0101\">010 1</a>",
            "svarar dig så snart vi kan.",
        ],
    ),
    (
        "only the contact is missing",
        "title: T\norganisation:\n  name: Region T\naccessibility:\n  compliance: not\n  statement_date: 2026-03-01\n",
        &[
            "content/site.yaml:4:1: varning: tillgänglighetsredogörelsen säger inte hur man anmäler ett problem",
            "`contact_email:`, `contact_phone:` eller `contact_url:` under `accessibility:`",
        ],
        &["Webbplatsen är inte förenlig"],
    ),
];

#[test]
fn statement_says_what_site_yaml_says_and_warns_about_what_it_lacks() {
    for (what, yaml, stderr, says) in CASES {
        let t = SiteTest::from_dir("kinds");
        t.write("content/site.yaml", yaml);
        let run = t.build();
        for want in *stderr {
            assert!(
                run.stderr.contains(want),
                "{what}: want {want:?} in\n{}",
                run.stderr
            );
        }
        if stderr.is_empty() {
            assert!(!run.stderr.contains("varning"), "{what}:\n{}", run.stderr);
        }
        let main = t.main_of(STATEMENT);
        for want in *says {
            assert!(main.contains(want), "{what}: want {want:?} in\n{main}");
        }
    }
}

/// (what, files to write, what stderr must contain)
type ErrorCase = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [&'static str],
);

const ERRORS: &[ErrorCase] = &[
    (
        "a compliance that is not one of the three",
        &[(
            "content/site.yaml",
            "title: T\naccessibility:\n  compliance: full\n",
        )],
        &[
            "content/site.yaml:3:15: fel: `compliance` under `accessibility:` kan inte vara `full`",
            "menade du `fully`? Det som går: fully, partly, not",
        ],
    ),
    (
        "a date that is not YYYY-MM-DD",
        &[(
            "content/site.yaml",
            "title: T\naccessibility:\n  statement_date: 15/1 2026\n",
        )],
        &[
            "content/site.yaml:3:3: fel: `accessibility.statement_date` ska vara ett datum skrivet ÅÅÅÅ-MM-DD, men här är det `15/1 2026`",
        ],
    ),
    (
        "a broken link in a known problem",
        &[(
            "content/site.yaml",
            "title: T\naccessibility:\n  known_problems:\n    - Se [sidan](finns-inte.md).\n",
        )],
        &[
            "content/site.yaml:3:3: fel: länken `finns-inte.md` leder till `content/finns-inte.md`, som inte finns (i `known_problems`)",
            "skrivs länkar som från content/_index.md",
        ],
    ),
    (
        "a page at the statement's address",
        &[(
            "content/tillganglighet/_index.md",
            "---\ntitle: Krock\n---\n",
        )],
        &[
            "content/tillganglighet/_index.md: fel: den här sidan och tillgänglighetsredogörelsen skulle båda skrivas till tillganglighet/index.html",
        ],
    ),
    (
        "an audit record that cannot be read",
        &[(
            "content/accessibility-audit.yaml",
            "date: 2026-11-01\ntools: []\n",
        )],
        &[
            "content/accessibility-audit.yaml",
            "`checks:` saknas",
            "audit.mjs --record",
        ],
    ),
];

#[test]
fn statement_errors_name_the_line_and_leave_the_output_alone() {
    for (what, files, stderr) in ERRORS {
        let t = SiteTest::from_dir("kinds");
        t.build();
        let before = t.output_files();
        for (path, text) in *files {
            t.write(path, text);
        }
        let run = t.run(&["build"]);
        assert_eq!(run.code, 1, "{what}:\n{}", run.stderr);
        for want in *stderr {
            assert!(
                run.stderr.contains(want),
                "{what}: want {want:?} in\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("panicked"), "{what}:\n{}", run.stderr);
        assert_eq!(t.output_files(), before, "{what}: the output changed");
    }
}
