//! Hostile inputs, as data (issue 12): each case writes files into a site
//! that built, runs a command and wants its exit status, a message that
//! names the file, no panic from Rust, no line of output longer than a
//! screen can show, and the previous output left byte for byte as it was.
//! The inputs are small; `benches/hostile_growth.py` shows how the time and
//! memory of the same inputs grow with their size.

use std::ffi::OsStr;

use crate::site_test::SiteTest;

const BILAGA: &str = "content/region-a/plan-2030/bilaga.md";

/// The longest line malbild may print: a cut source line is 160 characters
/// and its frame.
const LONGEST_LINE: usize = 250;

struct Case {
    what: &'static str,
    /// (file, contents); a file is written after the first build.
    files: Vec<(&'static str, String)>,
    /// Environment variables of the second run.
    env: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    code: i32,
    /// What standard error (or standard output, for `check`) must contain.
    said: Vec<String>,
}

fn page(body: &str) -> String {
    format!("---\ntitle: Bilaga\n---\n\n## Ordlista\n\n{body}\n")
}

fn cases() -> Vec<Case> {
    let deep = |open: &str, close: &str, n: usize| {
        format!("---\ntitle: {}x{}\n---\n", open.repeat(n), close.repeat(n))
    };
    let mut block = String::from("---\ntitle: Bilaga\nx:\n");
    for i in 1..=70 {
        block.push_str(&format!("{}a:\n", " ".repeat(i)));
    }
    block.push_str("---\n");
    let links: String = (0..50).map(|i| format!("[l{i}](#saknas-{i}) ")).collect();
    let long_line = format!("{} [l](#saknas) slut", "ord ".repeat(2_000));
    let theme = |name: &'static str, text: &'static str| (name, text.to_string());
    vec![
        Case {
            what: "a list in a list 200 deep",
            files: vec![(BILAGA, deep("[", "]", 200))],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![
                format!("{BILAGA}:2:71: fel: front matter har listor eller grupper inuti varandra i mer än 64 nivåer"),
                "…".into(),
            ],
        },
        Case {
            what: "a group of keys in a group 200 deep",
            files: vec![(BILAGA, deep("{a: ", "}", 200))],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![format!("{BILAGA}:2:"), "i mer än 64 nivåer".into()],
        },
        Case {
            what: "keys indented 70 levels deep",
            files: vec![(BILAGA, block)],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![format!("{BILAGA}:67:65:"), "i mer än 64 nivåer".into()],
        },
        Case {
            what: "50 links to missing fragments",
            files: vec![(BILAGA, page(&links))],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![
                format!("{BILAGA}:7:"),
                "leder till `#saknas-19`".into(),
                "ytterligare 30 fel av samma slag som ovan härifrån".into(),
            ],
        },
        Case {
            what: "a broken link at the end of an 8,000 character line",
            files: vec![(BILAGA, page(&long_line))],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![
                format!("{BILAGA}:7:8002: fel: länken `#saknas`"),
                " 7 | …".into(),
                "[l](#saknas) slut".into(),
            ],
        },
        Case {
            what: "templates that include each other",
            files: vec![
                (
                    "content/site.yaml",
                    "title: Test\ntheme: egen\n".to_string(),
                ),
                theme("themes/egen/theme.yaml", "name: egen\nextends: default\n"),
                theme(
                    "themes/egen/templates/partials/a.html",
                    "<p>a</p>\n{% include \"partials/b.html\" %}\n",
                ),
                theme(
                    "themes/egen/templates/partials/b.html",
                    "<p>b</p>\n\n{% include \"partials/a.html\" %}\n",
                ),
            ],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![
                "themes/egen/templates/partials/b.html:3:1: fel: `partials/b.html` tar med `partials/a.html`, som leder tillbaka till den: partials/a.html → partials/b.html → partials/a.html".into(),
                "ta bort den här {% include %}".into(),
            ],
        },
        Case {
            what: "templates that extend each other",
            files: vec![
                (
                    "content/site.yaml",
                    "title: Test\ntheme: egen\n".to_string(),
                ),
                theme("themes/egen/theme.yaml", "name: egen\nextends: default\n"),
                theme(
                    "themes/egen/templates/background.html",
                    "{% extends \"layouts/x.html\" %}\n",
                ),
                theme(
                    "themes/egen/templates/layouts/x.html",
                    "\n{% extends \"background.html\" %}\n",
                ),
            ],
            env: &[],
            args: &["build"],
            code: 1,
            said: vec![
                "themes/egen/templates/".into(),
                "som leder tillbaka till den".into(),
                "background.html".into(),
                "layouts/x.html".into(),
            ],
        },
        Case {
            what: "a bug (a panic) while building a page",
            files: vec![],
            env: &[("MALBILD_INJECT_PANIC", "bilaga.md"), ("RUST_BACKTRACE", "1")],
            args: &["build"],
            code: 70,
            said: vec![
                format!("internt fel: malbild stannade på ett eget programfel när den byggde {BILAGA}"),
                "a panic injected by MALBILD_INJECT_PANIC".into(),
                "rapportera det".into(),
            ],
        },
        // See: issue 12 (a bug while reading site.yaml named no file).
        Case {
            what: "a bug (a panic) while reading site.yaml",
            files: vec![],
            env: &[("MALBILD_INJECT_PANIC", "content/site.yaml"), ("RUST_BACKTRACE", "1")],
            args: &["build"],
            code: 70,
            said: vec!["internt fel: malbild stannade på ett eget programfel när den byggde content/site.yaml".into()],
        },
        Case {
            what: "a bug (a panic) while checking",
            files: vec![],
            env: &[("MALBILD_INJECT_PANIC", "bilaga.md"), ("RUST_BACKTRACE", "full")],
            args: &["check"],
            code: 70,
            said: vec![format!("internt fel: malbild stannade på ett eget programfel när den byggde {BILAGA}")],
        },
    ]
}

#[test]
fn hostile_inputs_are_reported_in_bounded_words_and_keep_the_output() {
    let mut failures = Vec::new();
    for case in cases() {
        let t = SiteTest::from_dir("kinds");
        t.build();
        let before = t.output_files();
        for (rel, text) in &case.files {
            t.write(rel, text);
        }
        let env: Vec<(&str, &OsStr)> = case.env.iter().map(|(k, v)| (*k, OsStr::new(v))).collect();
        let run = t.run_with_env(case.args, &env);
        let mut problems = Vec::new();
        if run.code != case.code {
            problems.push(format!("exit status {} instead of {}", run.code, case.code));
        }
        if run.stderr.contains("panicked")
            || run.stderr.contains("RUST_BACKTRACE")
            || run.stderr.contains("stack backtrace")
        {
            problems.push("Rust's panic message".into());
        }
        for s in &case.said {
            if !run.stderr.contains(s.as_str()) {
                problems.push(format!("stderr lacks {s:?}"));
            }
        }
        if let Some(long) = run
            .stderr
            .lines()
            .find(|l| l.chars().count() > LONGEST_LINE)
        {
            problems.push(format!("a line of {} characters", long.chars().count()));
        }
        if case.args == ["build"]
            && !run
                .stderr
                .contains("den förra webbplatsen i output-mappen är orörd")
        {
            problems.push("no word that the output is unchanged".into());
        }
        if t.output_files() != before {
            problems.push("the previous output changed".into());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "== {}: {}\n{}",
                case.what,
                problems.join("; "),
                run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A bug during a rebuild ends neither `serve` nor the last good pages: the
/// panic is reported like a failed build, and the next save builds again.
#[cfg(feature = "serve")]
#[test]
fn a_panic_while_serving_keeps_the_last_pages_and_the_server() {
    let t = SiteTest::from_dir("kinds");
    let new = "content/region-a/plan-2030/ny.md";
    let serve = crate::serve::Serve::start_with_env(
        &t,
        "0",
        &[("MALBILD_INJECT_PANIC", "ny.md"), ("RUST_BACKTRACE", "1")],
    );
    assert_eq!(serve.get("/region-a/plan-2030/bilaga/").0, 200);

    t.write(new, "---\ntitle: Ny\n---\n\nNy text.\n");
    let said = serve.wait_for("internt fel");
    assert!(said.contains(&format!("när den byggde {new}")), "{said}");
    assert_eq!(
        serve.get("/region-a/plan-2030/bilaga/").0,
        200,
        "the last pages stay served"
    );

    std::fs::remove_file(t.path(new)).unwrap();
    serve.wait_for("ombyggd på");
    assert_eq!(serve.get("/region-a/plan-2030/bilaga/").0, 200);
    let all = serve.seen();
    assert!(!all.contains("panicked"), "{all}");
}
