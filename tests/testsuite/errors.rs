//! Every error a communicator can make, as a CLI test: exit status 1, a
//! message naming the file and line, no panic, and the previous output left
//! byte for byte as it was.

use crate::site_test::SiteTest;

const BILAGA: &str = "content/region-a/plan-2030/bilaga.md";

/// (what, files to write, what stderr must contain: each line in Swedish,
/// the default, and in English, `MALBILD_LANG=en`). Messages of
/// `front_matter.rs` and `model.rs` are in their own words in both.
type Case = (
    &'static str,
    &'static [(&'static str, &'static str)],
    &'static [(&'static str, &'static str)],
);

const CASES: &[Case] = &[
    (
        "invalid YAML",
        &[(BILAGA, "---\ntitle: Bilaga\n weight: 4\n---\n")],
        &[
            (
                "content/region-a/plan-2030/bilaga.md:3:2: fel: `weight:` är indragen längre än `title:` på raden ovanför",
                "content/region-a/plan-2030/bilaga.md:3:2: error: ",
            ),
            (
                "tips: börja `weight:` lika långt in som `title:` ovanför (0 mellanslag)",
                "hint: ",
            ),
        ],
    ),
    (
        "wrong type",
        &[(BILAGA, "---\ntitle: Bilaga\nweight: abc\n---\n")],
        &[
            (
                "bilaga.md:3:9: fel: `weight` ska vara ett heltal, men här står texten ”abc”",
                "bilaga.md:3:9: error: ",
            ),
            (" 3 | weight: abc", " 3 | weight: abc"),
            ("tips: skriv bara siffror, t.ex. `weight: 2`", "hint: "),
        ],
    ),
    (
        "unknown key",
        &[(BILAGA, "---\ntitel: Bilaga\nweight: 4\n---\n")],
        &[
            (
                "bilaga.md:2:1: fel: okänd nyckel `titel`",
                "bilaga.md:2:1: error: ",
            ),
            (
                "tips: skriv `title: Bilaga`: nycklarna skrivs på engelska",
                "hint: ",
            ),
        ],
    ),
    (
        "unknown key in a goal area",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\nkind: goal-picture\ngoal_areas:\n  - title: A\n    txt: B\n---\n",
        )],
        &[
            ("bilaga.md:6:5:", "bilaga.md:6:5:"),
            (
                "okänd nyckel `txt` i det första målområdet",
                "unknown key `txt` in the first goal area",
            ),
            ("menade du `text`? Skriv `text: B`", "did you mean `text`?"),
        ],
    ),
    (
        "unknown kind",
        &[(BILAGA, "---\ntitle: Bilaga\nkind: goal-pictur\n---\n")],
        &[
            (
                "bilaga.md:3:7: fel: `kind` kan inte vara `goal-pictur`",
                "bilaga.md:3:7: error: ",
            ),
            (
                "goal-picture, success-factors, background, page",
                "goal-picture, success-factors, background, page",
            ),
        ],
    ),
    (
        "missing closing ---",
        &[(BILAGA, "---\ntitle: Bilaga\n\n## Ordlista\n")],
        &[
            (
                "bilaga.md:4:1: fel: front matter tar aldrig slut: raden --- som ska avsluta den saknas",
                "bilaga.md:4:1: error: ",
            ),
            (" 4 | ## Ordlista", " 4 | ## Ordlista"),
            (
                "tips: skriv en rad med bara --- före den här raden, direkt efter den sista nyckeln",
                "hint: ",
            ),
        ],
    ),
    (
        "missing title",
        &[(BILAGA, "---\nweight: 4\n---\n")],
        &[
            (
                "bilaga.md:2:1: fel: `title:` saknas",
                "bilaga.md:2:1: error: ",
            ),
            ("tips: lägg till en rad `title: …`", "hint: "),
        ],
    ),
    (
        "a date that is not one",
        &[(BILAGA, "---\ntitle: Bilaga\ndate: januari 2023\n---\n")],
        &[
            (
                "bilaga.md:3:7: fel: `januari 2023` är inget datum som malbild kan läsa",
                "bilaga.md:3:7: error: ",
            ),
            (
                "tips: skriv `date: 2023-01` (år-månad med siffror)",
                "hint: ",
            ),
        ],
    ),
    // See: issue 11 (published as "31 februari 2023").
    (
        "a day the month does not have",
        &[(BILAGA, "---\ntitle: Bilaga\ndate: 2023-02-31\n---\n")],
        &[
            (
                "bilaga.md:3:7: fel: datumet `2023-02-31` finns inte: februari 2023 har 28 dagar",
                "bilaga.md:3:7: error: ",
            ),
            (
                "tips: skriv ett datum som finns, t.ex. `date: 2023-02-28`, eller bara år och månad: `date: 2023-02`",
                "hint: ",
            ),
        ],
    ),
    (
        "broken link",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nText.\n\nSe [saknad sida](saknas.md).\n",
        )],
        &[(
            "bilaga.md:7:4: fel: länken `saknas.md` leder till `content/region-a/plan-2030/saknas.md`, som inte finns",
            "bilaga.md:7:4: error: the link `saknas.md` points to `content/region-a/plan-2030/saknas.md`, which does not exist",
        )],
    ),
    (
        "broken link with a near miss",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe [bakgrunden](bakgrnd.md).\n",
        )],
        &[
            ("bilaga.md:5:4:", "bilaga.md:5:4:"),
            ("menade du `bakgrund.md`?", "did you mean `bakgrund.md`?"),
        ],
    ),
    (
        "link to a web address without https",
        &[(BILAGA, "---\ntitle: Bilaga\n---\n\nSe [FoU](www.fou.se).\n")],
        &[
            ("bilaga.md:5:4:", "bilaga.md:5:4:"),
            ("https://www.fou.se", "https://www.fou.se"),
        ],
    ),
    (
        "broken link in front matter Markdown",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\nsummary: Se [x](nope.md).\n---\n",
        )],
        &[
            (
                "bilaga.md:3:1: fel: länken `nope.md`",
                "bilaga.md:3:1: error: the link `nope.md`",
            ),
            ("(i `summary`)", "(in `summary`)"),
        ],
    ),
    (
        "link to a draft",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\n[Utkast](../../region-b/strategi/utkast.md)\n",
        )],
        &[
            ("bilaga.md:5:1:", "bilaga.md:5:1:"),
            ("leder till ett utkast", "points to a draft page"),
        ],
    ),
    // See: issue 11 (such links were published and ran when clicked).
    (
        "links that run code",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\nsummary: Se [x](vbscript:msgbox).\n---\n\n[x](javascript:alert(1))\n\n[y](JavaScript:alert(1))\n\n[z](data:text/html,<b>x</b>)\n",
        )],
        &[
            (
                "bilaga.md:6:1: fel: länken `javascript:alert(1)` börjar med `javascript:` och tas inte med",
                "bilaga.md:6:1: error: the link `javascript:alert(1)` starts with `javascript:` and is left out",
            ),
            (
                "bilaga.md:8:1: fel: länken `JavaScript:alert(1)` börjar med `javascript:`",
                "bilaga.md:8:1: error: the link `JavaScript:alert(1)` starts with `javascript:`",
            ),
            (
                "bilaga.md:10:1: fel: länken `data:text/html,<b>x</b>` börjar med `data:`",
                "bilaga.md:10:1: error: the link `data:text/html,<b>x</b>` starts with `data:`",
            ),
            (
                "bilaga.md:3:1: fel: länken `vbscript:msgbox` börjar med `vbscript:`",
                "bilaga.md:3:1: error: the link `vbscript:msgbox` starts with `vbscript:`",
            ),
            (
                "tips: skriv en webbadress som börjar med https://",
                "hint: write a web address that starts with https://",
            ),
        ],
    ),
    // See: issue 12 (the links fuzz target: raw HTML is another way to write
    // a link, and `&#106;` another way to write a `j`).
    (
        "links that run code, written in HTML",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\nSe <a href=\"javascript:alert(1)\">här</a>.\n\n<p><a href=\" &#106;avascript&colon;alert(1)\">x</a> <img src=\"data:text/html,x\" alt=\"\"></p>\n\n<a href=\"https://example.se/a:b\">ok</a> <a href=\"bakgrund.md#x:y\">ok</a>\n",
        )],
        &[
            (
                "bilaga.md:5:4: fel: HTML-koden <a> har adressen `javascript:alert(1)`, som börjar med `javascript:`",
                "bilaga.md:5:4: error: the HTML <a> has the address `javascript:alert(1)`, which starts with `javascript:`",
            ),
            (
                "bilaga.md:7:4: fel: HTML-koden <a> har adressen ` &#106;avascript&colon;alert(1)`, som börjar med `javascript:`",
                "bilaga.md:7:4: error: the HTML <a> has the address ` &#106;avascript&colon;alert(1)`, which starts with `javascript:`",
            ),
            (
                "bilaga.md:7:52: fel: HTML-koden <img> har adressen `data:text/html,x`, som börjar med `data:`",
                "bilaga.md:7:52: error: the HTML <img> has the address `data:text/html,x`, which starts with `data:`",
            ),
            (
                "tips: skriv länken i Markdown, `[text](https://…)`",
                "hint: write the link in Markdown, `[text](https://…)`",
            ),
        ],
    ),
    // See: issue 11 (it was "loaded from another web site", and missing).
    (
        "a path on the writer's computer",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\n---\n\n![karta](C:\\Users\\anna\\Bilder\\karta.png)\n\n[fil](file:///home/anna/plan.pdf)\n\n![a](\\\\server\\share\\a.png)\n",
        )],
        &[
            (
                "bilaga.md:5:1: fel: `C:\\Users\\anna\\Bilder\\karta.png` är en sökväg på din egen dator",
                "bilaga.md:5:1: error: `C:\\Users\\anna\\Bilder\\karta.png` is a path on your own computer",
            ),
            (
                "tips: kopiera filen till publikationens mapp i content/ och skriv bara filnamnet, t.ex. `![karta](karta.png)`",
                "hint: copy the file into the publication's folder in content/ and write only its name, e.g. `![karta](karta.png)`",
            ),
            (
                "bilaga.md:7:1: fel: `file:///home/anna/plan.pdf` är en sökväg på din egen dator",
                "bilaga.md:7:1: error: `file:///home/anna/plan.pdf` is a path on your own computer",
            ),
            (
                "bilaga.md:9:1: fel: `\\server\\share\\a.png` är en sökväg",
                "bilaga.md:9:1: error: `\\server\\share\\a.png` is a path",
            ),
            ("`[plan](plan.pdf)`", "`[plan](plan.pdf)`"),
        ],
    ),
    // See: issue 11 (YAML took ` #vårdnära) som…` for a comment).
    (
        "a comment that cuts a text",
        &[(
            BILAGA,
            "---\ntitle: Bilaga\nsummary: Digitala verktyg (t.ex. 1177 #vårdnära) som hjälper\nweight: 4   # the order\n---\n",
        )],
        &[
            (
                "bilaga.md:3:39: fel: allt från ` #` till radens slut räknas som en kommentar och publiceras inte; här blir texten bara ”Digitala verktyg (t.ex. 1177”",
                "bilaga.md:3:39: error: everything from ` #` to the end of the line counts as a comment and is not published; here the text is only “Digitala verktyg (t.ex. 1177”",
            ),
            (
                "tips: sätt hela texten inom raka citattecken: `summary: \"Digitala verktyg (t.ex. 1177 #vårdnära) som hjälper\"`",
                "hint: put the whole text in straight double quotes: `summary: \"Digitala verktyg (t.ex. 1177 #vårdnära) som hjälper\"`",
            ),
        ],
    ),
    // See: issue 11 (the generated page was replaced without a word).
    (
        "files where malbild's own pages go",
        &[
            ("content/404.html", "<p>Borta</p>\n"),
            ("content/tillganglighet/index.html", "<p>Egen</p>\n"),
            (
                "content/region-a/plan-2030/print/index.html",
                "<p>Egen</p>\n",
            ),
            (
                "content/region-a/plan-2030/bilaga/index.html",
                "<p>Egen</p>\n",
            ),
        ],
        &[
            (
                "content/404.html: fel: den här filen skulle ersätta 404-sidan (den som visas när en adress inte finns) (404.html), så den sidan skulle inte publiceras",
                "content/404.html: error: this file would replace the 404 page (the one shown when an address does not exist) (404.html), so that page would not be published",
            ),
            (
                "content/tillganglighet/index.html: fel: den här filen skulle ersätta tillgänglighetsredogörelsen (tillganglighet/index.html)",
                "content/tillganglighet/index.html: error: this file would replace the accessibility statement (tillganglighet/index.html)",
            ),
            (
                "content/region-a/plan-2030/print/index.html: fel: den här filen skulle ersätta utskriftssidan för content/region-a/plan-2030/_index.md (region-a/plan-2030/print/index.html)",
                "content/region-a/plan-2030/print/index.html: error: this file would replace the print page of content/region-a/plan-2030/_index.md (region-a/plan-2030/print/index.html)",
            ),
            (
                "content/region-a/plan-2030/bilaga/index.html: fel: den här filen och sidan content/region-a/plan-2030/bilaga.md skulle båda skrivas till",
                "content/region-a/plan-2030/bilaga/index.html: error: this file and the page content/region-a/plan-2030/bilaga.md would both be written to",
            ),
            (
                "tips: malbild gör den sidan själv: ta bort filen, eller byt namn på den eller dess mapp",
                "hint: malbild makes that page itself: remove the file, or rename it or its folder",
            ),
        ],
    ),
    // See: issue 11 (shown as Markdown on the page).
    (
        "link targets with spaces",
        &[
            (
                BILAGA,
                "---\ntitle: Bilaga\n---\n\nSe [bakgrunden](Varför behövs en omställning).\n\n![karta](bilder/karta gävleborg.png)\n",
            ),
            (
                "content/region-a/plan-2030/varfor-behovs-en-omstallning.md",
                "---\ntitle: Varför behövs en omställning\n---\n\nText.\n",
            ),
        ],
        &[
            (
                "bilaga.md:5:4: fel: `[bakgrunden](Varför behövs en omställning)` blir ingen länk utan visas precis så på sidan, eftersom adressen har mellanslag",
                "bilaga.md:5:4: error: `[bakgrunden](Varför behövs en omställning)` does not become a link but shows on the page just as written, because the address has spaces",
            ),
            (
                "tips: menade du `varfor-behovs-en-omstallning.md`? Skriv `[bakgrunden](varfor-behovs-en-omstallning.md)`, med sidans filnamn",
                "hint: did you mean `varfor-behovs-en-omstallning.md`? Write `[bakgrunden](varfor-behovs-en-omstallning.md)`, with the page's file name",
            ),
            (
                "bilaga.md:7:1: fel: `![karta](bilder/karta gävleborg.png)` blir ingen bild",
                "bilaga.md:7:1: error: `![karta](bilder/karta gävleborg.png)` does not become an image",
            ),
            (
                "tips: sätt adressen inom < > så att bilden fungerar: `![karta](<bilder/karta gävleborg.png>)`, eller byt namn på filen så att namnet saknar mellanslag (t.ex. `bilder/karta-gävleborg.png`)",
                "hint: put the address between < > so that the image works: `![karta](<bilder/karta gävleborg.png>)`, or rename the file so that its name has no spaces (e.g. `bilder/karta-gävleborg.png`)",
            ),
        ],
    ),
    (
        "missing template",
        &[(BILAGA, "---\ntitle: Bilaga\ntemplate: special.html\n---\n")],
        &[
            (
                "bilaga.md:3:1: fel: mallen `special.html` finns inte",
                "bilaga.md:3:1: error: the template `special.html` does not exist",
            ),
            ("page.html", "page.html"),
        ],
    ),
    (
        "two pages, one address",
        &[(
            "content/region-a/plan-2030/Bilaga!.md",
            "---\ntitle: Bilaga igen\n---\n",
        )],
        &[
            (
                "skulle båda skrivas till region-a/plan-2030/bilaga/index.html",
                "would both be written to region-a/plan-2030/bilaga/index.html",
            ),
            (
                "ge en av dem en annan `slug:`",
                "give one of them another `slug:`",
            ),
        ],
    ),
    (
        "a part where the print page goes",
        &[(
            "content/region-a/plan-2030/print.md",
            "---\ntitle: Utskrift\n---\n",
        )],
        &[
            (
                "content/region-a/plan-2030/print.md: fel: den här sidan och utskriftssidan för content/region-a/plan-2030/_index.md skulle båda skrivas till region-a/plan-2030/print/index.html",
                "content/region-a/plan-2030/print.md: error: this page and the print page of content/region-a/plan-2030/_index.md would both be written to region-a/plan-2030/print/index.html",
            ),
            ("ge den en annan `slug:`", "give it another `slug:`"),
        ],
    ),
    (
        "a page with no section",
        &[("content/region-c/plan/del.md", "---\ntitle: Del\n---\n")],
        &[(
            "content/region-c/plan/del.md: fel: mappen `region-c/plan` har ingen _index.md",
            "content/region-c/plan/del.md: error: the folder `region-c/plan` has no _index.md",
        )],
    ),
    (
        "invalid UTF-8",
        &[(BILAGA, "---\ntitle: Bilaga\n---\n\nHej \u{fffd}\n")],
        &[],
    ),
    (
        "theme that does not exist",
        &[("content/site.yaml", "title: Test\ntheme: nope\n")],
        &[
            (
                "content/site.yaml:2:1: fel: det finns inget tema som heter `nope`",
                "content/site.yaml:2:1: error: there is no theme called `nope`",
            ),
            ("temana här är: default", "the themes here are: default"),
        ],
    ),
    (
        "unknown key in site.yaml",
        &[("content/site.yaml", "title: Test\nlanguge: sv\n")],
        &[
            (
                "content/site.yaml:2:1: fel: okänd nyckel `languge`",
                "content/site.yaml:2:1: error: ",
            ),
            (
                "menade du `language`? Skriv `language: sv`",
                "did you mean `language`?",
            ),
        ],
    ),
    (
        "Tera syntax error",
        &[
            ("content/site.yaml", "title: Test\ntheme: egen\n"),
            ("themes/egen/theme.yaml", "name: egen\nextends: default\n"),
            (
                "themes/egen/templates/page.html",
                "{% extends \"base.html\" %}\n{% block body %}\n{% if page.title %}\n{{ page.title }\n{% endblock body %}\n",
            ),
        ],
        &[
            (
                "themes/egen/templates/page.html:4:",
                "themes/egen/templates/page.html:4:",
            ),
            ("fel i mallens syntax", "template syntax error"),
            ("tips:", "hint:"),
        ],
    ),
    (
        "template using a missing value",
        &[
            ("content/site.yaml", "title: Test\ntheme: egen\n"),
            ("themes/egen/theme.yaml", "extends: default\n"),
            (
                "themes/egen/templates/page.html",
                "{% extends \"base.html\" %}\n{% block body %}\n<p>{{ page.subtitle }}</p>\n{% endblock body %}\n",
            ),
        ],
        &[
            (
                "themes/egen/templates/page.html:3:",
                "themes/egen/templates/page.html:3:",
            ),
            ("fel i mallen", "template error"),
            (
                "när sidan för content/region-a/plan-2030/bilaga.md gjordes",
                "while making the page for content/region-a/plan-2030/bilaga.md",
            ),
        ],
    ),
];

/// The words of a run that does not depend on the case, in Swedish and in
/// English: a third-party warning, and that the output is unchanged.
const THIRD_PARTY: (&str, &str) = ("från en annan webbplats", "another web site");
const OUTPUT_KEPT: (&str, &str) = (
    "den förra webbplatsen i output-mappen är orörd",
    "the previous output is unchanged",
);

#[test]
fn every_error_names_file_and_line_and_keeps_the_output() {
    let mut failures = Vec::new();
    // The table twice: Swedish (the default) and English.
    for english in [false, true] {
        let pick = |pair: &(&'static str, &'static str)| if english { pair.1 } else { pair.0 };
        for (what, files, expected) in CASES {
            let t = SiteTest::from_dir("kinds");
            t.build();
            let before = t.output_files();
            for (rel, text) in *files {
                t.write(rel, text);
            }
            if *what == "invalid UTF-8" {
                let mut bytes = std::fs::read(t.path(BILAGA)).unwrap();
                bytes.extend_from_slice(b"\nTrasig \xe5 byte\n");
                std::fs::write(t.path(BILAGA), bytes).unwrap();
            }
            let lang = std::ffi::OsStr::new(if english { "en" } else { "sv" });
            let run = t.run_with_env(&["build"], &[("MALBILD_LANG", lang)]);
            let mut problems = Vec::new();
            if run.code != 1 {
                problems.push(format!("exit status {} instead of 1", run.code));
            }
            if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
                problems.push("it panicked".into());
            }
            for e in expected.iter().map(pick) {
                if !run.stderr.contains(e) {
                    problems.push(format!("stderr lacks {e:?}"));
                }
            }
            // No case here is about resources from other hosts: a path on the
            // writer's computer is not one (issue 11).
            if run.stderr.contains(pick(&THIRD_PARTY)) {
                problems.push("a third-party warning".into());
            }
            if !run.stderr.contains(pick(&OUTPUT_KEPT)) {
                problems.push("no word that the output is unchanged".into());
            }
            // The summary, in the same language as the messages.
            let (summary, other) = if english {
                ("error: ", "fel: ")
            } else {
                ("fel: ", "error: ")
            };
            if !run
                .stderr
                .lines()
                .last()
                .is_some_and(|l| l.starts_with(summary))
                || run.stderr.contains(other)
            {
                problems.push(format!("the prefix is not `{summary}` throughout"));
            }
            if t.output_files() != before {
                problems.push("the previous output changed".into());
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "== {what} ({}): {}\n{}",
                    lang.display(),
                    problems.join("; "),
                    run.stderr
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let t = SiteTest::from_dir("kinds");
    std::fs::write(
        t.path(BILAGA),
        b"---\ntitle: Bilaga\n---\n\nTrasig \xe5 byte\n",
    )
    .unwrap();
    let run = t.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("bilaga.md:5:8: fel: filen är inte UTF-8-text"),
        "{}",
        run.stderr
    );
}

#[test]
fn refuses_output_folders_it_must_not_replace() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let before = t.output_files();
    t.write("someone-else/report.docx", "important");
    let cases = [
        (
            t.root().to_path_buf(),
            "det är projektets mapp eller innehåller den",
        ),
        (t.path("content"), "den ligger i content/"),
        (t.path("content/x"), "den ligger i content/"),
        (t.path("themes"), "den ligger i themes/"),
        (t.root().parent().unwrap().to_path_buf(), "innehåller den"),
        (t.path("someone-else"), "gjordes inte av malbild"),
        (t.path("content/site.yaml"), "den ligger i content/"),
    ];
    for (out, why) in cases {
        let run = t.run(&["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 1, "{}: {}", out.display(), run.stderr);
        assert!(
            run.stderr.contains("vägrar skriva webbplatsen här"),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains(why),
            "{}: want {why:?}\n{}",
            out.display(),
            run.stderr
        );
    }
    assert_eq!(t.read("someone-else/report.docx"), "important");
    assert_eq!(t.output_files(), before, "the previous output changed");
    assert!(t.path("content/site.yaml").is_file());
    // An empty folder is fine, and is ours from then on.
    std::fs::create_dir(t.path("empty")).unwrap();
    let run = t.run(&["build", "--output", t.path("empty").to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(t.path("empty/index.html").is_file());
}

// See: issue 11 (clap's English words were the only English a communicator
// met on a mistyped command line).
#[test]
fn wrong_usage_exits_with_2_and_says_it_in_the_runs_language() {
    let t = SiteTest::from_dir("kinds");
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["biuld"],
            "fel: malbild har inget kommando som heter `biuld`\n  = tips: menade du `malbild build`?",
            "error: malbild has no command called `biuld`\n  = hint: did you mean `malbild build`?",
        ),
        (
            &["build", "--otput", "x"],
            "fel: `malbild build` har ingen flagga `--otput`\n  = tips: menade du `--output`?",
            "error: `malbild build` has no option `--otput`\n  = hint: did you mean `--output`?",
        ),
        (
            &["build", "--no-such-flag"],
            "fel: `malbild build` har ingen flagga `--no-such-flag`",
            "error: `malbild build` has no option `--no-such-flag`",
        ),
        (
            &["check", "--format", "xml"],
            "fel: `xml` går inte att använda för --format <FORMAT>\n  = tips: skriv ett av: text, json",
            "error: `xml` cannot be used for --format <FORMAT>\n  = hint: write one of: text, json",
        ),
        (
            &["serve", "--port", "abc"],
            "fel: `abc` går inte att använda för --port <PORT>\n  = tips: `malbild serve --help`",
            "error: `abc` cannot be used for --port <PORT>\n  = hint: `malbild serve --help`",
        ),
        (
            &["build", "--root"],
            "fel: --root <MAPP> saknar sitt värde",
            "error: --root <DIR> lacks its value",
        ),
        (
            &["new", "publication"],
            "fel: `malbild new publication` behöver <PATH>",
            "error: `malbild new publication` needs <PATH>",
        ),
    ];
    let mut failures = Vec::new();
    for (args, sv, en) in cases {
        for (lang, expected) in [("sv", sv), ("en", en)] {
            let run = t.run_with_env(args, &[("MALBILD_LANG", std::ffi::OsStr::new(lang))]);
            if run.code != 2 || !run.stderr.contains(expected) {
                failures.push(format!(
                    "{args:?} ({lang}): exit {}, {:?}",
                    run.code, run.stderr
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_content_folder_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("malbild")
        .unwrap()
        .args(["build", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content: fel: det finns ingen mapp content"),
        "{stderr}"
    );
}

#[test]
fn warnings_do_not_stop_the_build() {
    let t = SiteTest::from_dir("kinds");
    t.write(BILAGA, "---\ntitle: Bilaga\n---\n\n# Rubrik\n\n#### Djup\n\n![](karta.svg)\n\n![karta.svg](karta.svg)\n");
    let run = t.build();
    for want in [
        "bilaga.md:5:1: varning: en andra huvudrubrik",
        "bilaga.md:7:1: varning: rubriken hoppar från nivå 1 till nivå 4",
        "bilaga.md:9:1: varning: bilden har ingen alternativtext",
        "bilaga.md:11:1: varning: bildens alternativtext är ett filnamn",
        "4 varningar",
    ] {
        assert!(
            run.stderr.contains(want),
            "want {want:?} in\n{}",
            run.stderr
        );
    }
}

/// Runs `build` on a site whose previous output is `before`, and lists what
/// went wrong: not exit status 1, a panic, a missing message, a changed output.
fn fails_cleanly(
    t: &SiteTest,
    before: &std::collections::BTreeMap<String, Vec<u8>>,
    expected: &[&str],
) -> Vec<String> {
    let run = t.run(&["build"]);
    let mut problems = Vec::new();
    if run.code != 1 {
        problems.push(format!("exit status {} instead of 1", run.code));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("overflow") {
        problems.push("it panicked".into());
    }
    for e in expected {
        if !run.stderr.contains(e) {
            problems.push(format!("stderr lacks {e:?}"));
        }
    }
    if t.output_files() != *before {
        problems.push("the previous output changed".into());
    }
    if !problems.is_empty() {
        problems.push(run.stderr);
    }
    problems
}

#[test]
fn files_that_are_not_markdown_text() {
    let cases: &[(&str, &[u8], &[&str])] = &[
        (
            "a binary file named .md",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10",
            &[
                "bilaga.md: fel: det här är ingen textfil",
                "byt namn på den eller ta bort den",
            ],
        ),
        (
            "an empty file",
            b"",
            &["bilaga.md: fel: filen är tom", "eller ta bort filen"],
        ),
        (
            "a file of blank lines",
            b"\n\n  \n",
            &["bilaga.md: fel: filen är tom"],
        ),
    ];
    for (what, bytes, expected) in cases {
        let t = SiteTest::from_dir("kinds");
        t.build();
        let before = t.output_files();
        std::fs::write(t.path(BILAGA), bytes).unwrap();
        let problems = fails_cleanly(&t, &before, expected);
        assert!(problems.is_empty(), "{what}: {}", problems.join("\n"));
    }
}

#[test]
fn two_pages_with_the_same_slug() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let before = t.output_files();
    t.write(
        "content/region-a/plan-2030/ordlista.md",
        "---\ntitle: Ordlista\nslug: bakgrund\n---\n\nOrd.\n",
    );
    let problems = fails_cleanly(
        &t,
        &before,
        &[
            "content/region-a/plan-2030/ordlista.md: fel: den här sidan och content/region-a/plan-2030/bakgrund.md skulle båda skrivas till region-a/plan-2030/bakgrund/index.html",
        ],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_content() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let before = t.output_files();
    std::os::unix::fs::symlink("..", t.path("content/region-a/plan-2030/loop")).unwrap();
    let problems = fails_cleanly(
        &t,
        &before,
        &[
            "content/region-a/plan-2030/loop: fel: den här mapplänken leder tillbaka till en mapp som innehåller den",
        ],
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let t = SiteTest::from_dir("kinds");
    t.build();
    let before = t.output_files();
    let path = t.path(BILAGA);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Running as root (as CI may): chmod 000 does not stop root from
        // reading, so there is nothing unreadable to report. The build must
        // then simply succeed; the message is asserted where it can occur.
        let run = t.run(&["build"]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        eprintln!(
            "an_unreadable_file: running as root, the file stays readable; only the build's success was checked"
        );
        return;
    }
    let problems = fails_cleanly(
        &t,
        &before,
        &["content/region-a/plan-2030/bilaga.md: fel: går inte att läsa: du saknar behörighet"],
    );
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn huge_and_deep_markdown_builds() {
    let t = SiteTest::from_dir("kinds");
    // A list nested 10,000 deep, a quote 10,000 deep, emphasis and brackets
    // 5,000 deep.
    let deep = format!(
        "---\ntitle: Djup\n---\n\n{}nivå\n\n{}citat\n\n{}x{}\n\n{}x{}\n",
        "- ".repeat(10_000),
        "> ".repeat(10_000),
        "*".repeat(5_000),
        "*".repeat(5_000),
        "[".repeat(5_000),
        "]".repeat(5_000),
    );
    t.write("content/region-a/plan-2030/djup.md", &deep);
    // 20 MB of Markdown: paragraphs of distinct sentences with headings.
    let words = [
        "vården",
        "omsorgen",
        "invånaren",
        "samverkan",
        "nära",
        "hälsa",
        "kommunerna",
        "regionen",
    ];
    let mut big = String::from("---\ntitle: Stor\n---\n\n");
    let mut i = 0usize;
    while big.len() < 20 * 1024 * 1024 {
        i += 1;
        if i.is_multiple_of(50) {
            big.push_str(&format!("## Avsnitt {i}\n\n"));
            continue;
        }
        for s in 0..4 {
            let w = |k: usize| words[(i * 7 + s * 3 + k) % words.len()];
            big.push_str(&format!(
                "Stycke {i} mening {s}: {} {} och {} {} i länet. ",
                w(0),
                w(1),
                w(2),
                w(3)
            ));
        }
        big.push_str("\n\n");
    }
    t.write("content/region-a/plan-2030/stor.md", &big);
    let run = t.run(&["build"]);
    assert_eq!(run.code, 0, "{}", &run.stderr[..run.stderr.len().min(4000)]);
    let html = t.read("output/region-a/plan-2030/stor/index.html");
    assert!(html.contains("<h2 id=\"avsnitt-50\">Avsnitt 50</h2>"));
    let deep = t.read("output/region-a/plan-2030/djup/index.html");
    assert!(deep.matches("<ul>").count() >= 10_000);
}

const REGION: &str = "content/region-a/_index.md";
const PLAN: &str = "content/region-a/plan-2030/_index.md";
const MALBILD: &str = "content/region-a/plan-2030/målbild.md";
const BAKGRUND: &str = "content/region-a/plan-2030/bakgrund.md";

/// One slip in front matter: (what, the file, its new text, where the
/// one diagnostic points, its message, what its hint says).
type Slip = (
    &'static str,
    &'static str,
    &'static str,
    (usize, usize),
    &'static str,
    &'static str,
);

// See: issue 11. One slip, one error, in plain words at the place where the
// writer acts; a region or publication that cannot be read still holds its
// pages, and links to a page that cannot be read are not errors of their own.
const SLIPS: &[Slip] = &[
    (
        "a colon in a region's title",
        REGION,
        "---\ntitle: Region A: så gör vi\norganisations: [Region A, Kommunerna i A]\nweight: 2\n---\n\nRegion A:s publikationer.\n",
        (2, 8),
        "texten efter `title:` har ett kolon följt av mellanslag, och då läses resten som en ny nyckel",
        "sätt hela texten inom raka citattecken: `title: \"Region A: så gör vi\"`",
    ),
    (
        "a colon in a publication's title",
        PLAN,
        "---\ntitle: Nära vård: så gör vi\ndate: 2023-01-24\n---\n\nInledning till planen. Se [målbilden](målbild.md#tillsammans).\n",
        (2, 8),
        "texten efter `title:` har ett kolon följt av mellanslag, och då läses resten som en ny nyckel",
        "`title: \"Nära vård: så gör vi\"`",
    ),
    (
        "an unclosed quote",
        PLAN,
        "---\ntitle: \"Plan 2030\npublisher: Region A\nplace: Aby\ndate: 2023-01-24\nhorizon: 2030\nsummary: Planen beskriver *vart* vi ska.\nthemes: [samverkan, tillit]\n---\n\nInledning till planen.\n",
        (2, 8),
        "citattecknet som börjar texten efter `title:` stängs aldrig, så raderna under räknas in i texten",
        "sätt ett likadant citattecken (\") sist i texten: `title: \"Plan 2030\"`",
    ),
    (
        "an unclosed quote closed by the next line's",
        BILAGA,
        "---\ntitle: \"Bilaga\nsummary: \"Om ordlistan\"\nweight: 4\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (2, 8),
        "citattecknet som börjar texten efter `title:` stängs aldrig, så raderna under räknas in i texten",
        "`title: \"Bilaga\"`",
    ),
    (
        "a tab used for indentation",
        MALBILD,
        "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\ngoal_areas:\n\t- title: Tillsammans\n---\n\nText.\n",
        (6, 1),
        "raden är indragen med tabb, och front matter får bara dras in med mellanslag",
        "ta bort tabben och skriv mellanslag i stället, två per nivå",
    ),
    (
        "a list item not as far in as the one above",
        MALBILD,
        "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\ngoal_areas:\n  - title: Tillsammans\n    text: Ihop.\n - title: Nära\n---\n\nText.\n",
        (8, 2),
        "punkten står inte lika långt in som punkten ovanför i samma lista",
        "börja raden med 2 mellanslag före `-`, som punkten ovanför",
    ),
    (
        "a key of a list item as far in as its dash",
        MALBILD,
        "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\ngoal_areas:\n  - title: Tillsammans\n  text: Ihop.\n---\n\nText.\n",
        (7, 3),
        "`text:` står lika långt in som `-` i punkten ovanför, så den hör varken till punkten eller är en ny punkt",
        "dra in `text:` lika långt som `title:` i punkten ovanför (4 mellanslag)",
    ),
    (
        "a key without value",
        BILAGA,
        "---\ntitle: Bilaga\nweight:\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (3, 8),
        "`weight:` har inget värde",
        "skriv ett heltal efter kolonet, t.ex. `weight: 2`, eller ta bort raden",
    ),
    (
        "a key without colon",
        BILAGA,
        "---\ntitle: Bilaga\nweight 4\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (3, 1),
        "raden ”weight 4” saknar kolon, så den är varken en nyckel med värde eller en fortsättning på texten ovanför",
        "skriv ett kolon och ett mellanslag efter nyckeln (`weight: …`)",
    ),
    (
        "horisont: in a publication",
        PLAN,
        "---\ntitle: Plan 2030\ndate: 2023-01-24\nhorisont: 2030\n---\n\nInledning till planen. Se [målbilden](målbild.md#tillsammans).\n",
        (4, 1),
        "okänd nyckel `horisont`",
        "skriv `horizon: 2030`: nycklarna skrivs på engelska",
    ),
    (
        "a month that does not exist",
        PLAN,
        "---\ntitle: Plan 2030\ndate: 2024-13-01\n---\n\nInledning till planen. Se [målbilden](målbild.md#tillsammans).\n",
        (3, 7),
        "`2024-13-01` är inget datum: månad 13 finns inte, året har 12 månader",
        "skriv datumet som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ",
    ),
    (
        "weight: tre",
        BILAGA,
        "---\ntitle: Bilaga\nweight: tre\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (3, 9),
        "`weight` ska vara ett heltal, men här står texten ”tre”",
        "skriv talet med siffror: `weight: 3`",
    ),
    (
        "vikt: 3",
        BILAGA,
        "---\ntitle: Bilaga\nvikt: 3\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (3, 1),
        "okänd nyckel `vikt`",
        "skriv `weight: 3`: nycklarna skrivs på engelska",
    ),
    (
        "a misspelt key",
        BILAGA,
        "---\ntitle: Bilaga\nwieght: 3\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (3, 1),
        "okänd nyckel `wieght`",
        "menade du `weight`? Skriv `weight: 3`",
    ),
    (
        "a duplicate key in a region",
        REGION,
        "---\ntitle: Region A\nweight: 2\ntitle: Region Ä\n---\n\nRegion A:s publikationer.\n",
        (4, 1),
        "`title:` står två gånger",
        "ta bort den ena raden: bara en av dem kan gälla",
    ),
    (
        "a missing closing --- in a publication",
        PLAN,
        "---\ntitle: Plan 2030\ndate: 2023-01-24\n\nInledning till planen. Se [målbilden](målbild.md#tillsammans).\n",
        (5, 1),
        "front matter tar aldrig slut: raden --- som ska avsluta den saknas",
        "skriv en rad med bara --- före den här raden, direkt efter den sista nyckeln",
    ),
    (
        "a missing closing --- in a part with no text",
        BILAGA,
        "---\ntitle: Bilaga\nweight: 4\n",
        (3, 1),
        "front matter tar aldrig slut: raden --- som ska avsluta den saknas",
        "skriv en rad med bara --- efter den här raden",
    ),
    (
        "a list where a text goes",
        BILAGA,
        "---\ntitle:\n  - Bilaga\n  - Ordlista\n---\n\n## Ordlista\n\nEn vanlig sida.\n",
        (3, 3),
        "`title` ska vara en text, men här är det en lista",
        "skriv texten direkt efter `title:` på samma rad",
    ),
    (
        "a Swedish key in the second goal area",
        MALBILD,
        "---\ntitle: Målbild\nkind: goal-picture\nweight: 1\ngoal_areas:\n  - title: Tillsammans\n  - titel: Nära\n---\n\nText.\n",
        (7, 5),
        "okänd nyckel `titel` i det andra målområdet",
        "skriv `title: Nära`: nycklarna skrivs på engelska",
    ),
    (
        "a missing key in the second perspective shift",
        BAKGRUND,
        "---\ntitle: Bakgrund\nkind: background\nweight: 3\nshifts:\n  - from: Organisation\n    to: Person\n  - from: Reaktiv\n---\n\n## Syfte\n\nText.\n",
        (8, 5),
        "`to:` saknas i det andra perspektivskiftet",
        "lägg till en rad `to: …`",
    ),
    (
        "an empty region file",
        REGION,
        "",
        (0, 0),
        "filen är tom",
        "eller ta bort filen",
    ),
    (
        "a page without front matter that others link to",
        BAKGRUND,
        "## Syfte\n\nText.\n",
        (1, 1),
        "sidan saknar front matter, raderna mellan två --- överst som ger den en titel",
        "börja filen med tre rader",
    ),
];

/// Runs `malbild check --format json` (with `env`) and returns its
/// diagnostics.
fn json_diagnostics(t: &SiteTest, env: &[(&str, &str)]) -> Vec<serde_json::Value> {
    let mut command = assert_cmd::Command::cargo_bin("malbild").unwrap();
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command
        .args(["check", "--format", "json", "--root"])
        .arg(t.root())
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn one_slip_in_front_matter_gives_one_plain_error() {
    let mut failures = Vec::new();
    for (what, file, text, (line, column), message, hint) in SLIPS {
        let t = SiteTest::from_dir("kinds");
        t.build();
        let before = t.output_files();
        t.write(file, text);
        let run = t.run(&["build"]);
        let mut problems = Vec::new();
        if run.code != 1 {
            problems.push(format!("exit status {} instead of 1", run.code));
        }
        if t.output_files() != before {
            problems.push("the previous output changed".into());
        }
        for parser in ["mapping values", "scalar", "did not find", "stream", "YAML"] {
            if run.stderr.contains(parser) {
                problems.push(format!("the parser's words ({parser})"));
            }
        }
        let found = json_diagnostics(&t, &[]);
        if found.len() != 1 {
            problems.push(format!("{} diagnostics instead of one", found.len()));
        }
        if let Some(d) = found.first() {
            let got = (
                d["file"].as_str().unwrap_or_default(),
                d["line"].as_u64().unwrap_or_default() as usize,
                d["column"].as_u64().unwrap_or_default() as usize,
                d["message"].as_str().unwrap_or_default(),
            );
            if got != (*file, *line, *column, *message) {
                problems.push(format!(
                    "got {}:{}:{}: {}\n   want {file}:{line}:{column}: {message}",
                    got.0, got.1, got.2, got.3
                ));
            }
            let h = d["hint"].as_str().unwrap_or_default();
            if !h.contains(hint) {
                problems.push(format!("hint {h:?} lacks {hint:?}"));
            }
        }
        if !problems.is_empty() {
            failures.push(format!(
                "== {what}: {}\n{}",
                problems.join("; "),
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// The same slips in English (`MALBILD_LANG=en`): same place, English words.
#[test]
fn slips_in_english() {
    let cases: &[(usize, &str, &str)] = &[
        (
            0,
            "the text after `title:` has a colon followed by a space, so the rest is read as a new key",
            "put the whole text in straight double quotes: `title: \"Region A: så gör vi\"`",
        ),
        (
            2,
            "the quote that starts the text after `title:` is never closed, so the lines below are taken into the text",
            "put the same quote (\") at the end of the text: `title: \"Plan 2030\"`",
        ),
        (
            12,
            "unknown key `vikt`",
            "write `weight: 3`: the keys are English",
        ),
        (
            18,
            "unknown key `titel` in the second goal area",
            "write `title: Nära`",
        ),
        (
            19,
            "`to:` is missing in the second perspective shift",
            "add a line `to: …`",
        ),
    ];
    let mut failures = Vec::new();
    for (row, message, hint) in cases {
        let (what, file, text, (line, column), _, _) = SLIPS[*row];
        let t = SiteTest::from_dir("kinds");
        t.write(file, text);
        let found = json_diagnostics(&t, &[("MALBILD_LANG", "en")]);
        let got: Vec<_> = found
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap_or_default() as usize,
                    d["column"].as_u64().unwrap_or_default() as usize,
                    d["message"].as_str().unwrap_or_default().to_string(),
                    d["hint"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let ok = got.len() == 1
            && (got[0].0, got[0].1) == (line, column)
            && got[0].2 == *message
            && got[0].3.contains(hint);
        if !ok {
            failures.push(format!(
                "== {what}: {got:?}\n   want {line}:{column}: {message} / {hint}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// See: issue 11. A region's `_index.md` that cannot be read at all still
// holds its publications: one error, not one per page below it.
#[test]
fn an_unreadable_region_file_is_one_error() {
    let cases: &[(&str, &[u8], (u64, u64))] = &[
        (
            "not UTF-8",
            b"---\ntitle: Region \xc5\n---\n\nText.\n",
            (2, 15),
        ),
        ("not text", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", (0, 0)),
    ];
    let mut failures = Vec::new();
    for (what, bytes, (line, column)) in cases {
        let t = SiteTest::from_dir("kinds");
        t.build();
        let before = t.output_files();
        std::fs::write(t.path(REGION), bytes).unwrap();
        let run = t.run(&["build"]);
        let found = json_diagnostics(&t, &[]);
        let places: Vec<_> = found
            .iter()
            .map(|d| (d["file"].clone(), d["line"].clone(), d["column"].clone()))
            .collect();
        if run.code != 1
            || t.output_files() != before
            || places != [(REGION.into(), (*line).into(), (*column).into())]
        {
            failures.push(format!("== {what}: {places:?}\n{}", run.stderr));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
