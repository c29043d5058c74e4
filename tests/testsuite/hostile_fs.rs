//! Hostile files and faults (issue 12): links that lead out of the project,
//! `theme:` and `language:` that are paths, a build killed between the two
//! renames of the swap, files in the output folder that malbild did not
//! write, and two builds into one folder at once. Each case says its exit
//! status, that the message names the file, that nothing panicked, and that
//! the output is unchanged or whole.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::site_test::{Run, SiteTest};

/// What every failed run must show: the status, each of `says`, no panic,
/// and the output as it was.
fn failed_cleanly(
    t: &SiteTest,
    run: &Run,
    code: i32,
    says: &[&str],
    before: &BTreeMap<String, Vec<u8>>,
) {
    assert_eq!(run.code, code, "{}", run.stderr);
    for s in says {
        assert!(run.stderr.contains(s), "want {s:?} in:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(&t.output_files(), before, "the previous output changed");
}

/// A file outside the project that no build may publish.
const SECRET: &str = "root:x:0:0:the first line of a secret\n";

#[cfg(unix)]
#[test]
fn links_that_lead_out_of_the_project_are_errors() {
    use std::os::unix::fs::symlink;
    // (what is made, the messages, what must not be in the message or output)
    type Setup = fn(&SiteTest, &Path);
    let cases: &[(&str, Setup, &[&str])] = &[
        (
            "a file linked as an asset",
            |t, outside| {
                symlink(
                    outside.join("passwd"),
                    t.path("content/region-a/plan-2030/losen.txt"),
                )
                .unwrap()
            },
            &[
                "content/region-a/plan-2030/losen.txt: fel: det här är en länk till ",
                "passwd, utanför projektets mapp",
                "= tips: kopiera det som ska publiceras till content/ och ta bort länken",
            ],
        ),
        (
            "a folder linked whole",
            |t, outside| symlink(outside, t.path("content/region-a/plan-2030/bilder")).unwrap(),
            &[
                "content/region-a/plan-2030/bilder: fel: det här är en länk till ",
                "utanför projektets mapp",
            ],
        ),
        (
            "a page linked",
            |t, outside| {
                symlink(
                    outside.join("passwd"),
                    t.path("content/region-a/plan-2030/hemlig.md"),
                )
                .unwrap()
            },
            &["content/region-a/plan-2030/hemlig.md: fel: det här är en länk till "],
        ),
        (
            "the content folder linked",
            |t, outside| {
                let moved = outside.join("content");
                std::fs::rename(t.path("content"), &moved).unwrap();
                symlink(&moved, t.path("content")).unwrap();
            },
            &[
                "content: fel: det här är en länk till ",
                "utanför projektets mapp",
            ],
        ),
        (
            "a link inside the project to a link out of it",
            |t, outside| {
                symlink(outside.join("passwd"), t.path("inside-link")).unwrap();
                symlink(t.path("inside-link"), t.path("content/region-a/losen.txt")).unwrap();
            },
            &[
                "content/region-a/losen.txt: fel: det här är en länk till ",
                "passwd, utanför",
            ],
        ),
        (
            "a link that leads nowhere",
            |t, _| symlink("/no/such/file.png", t.path("content/region-a/bild.png")).unwrap(),
            &[
                "content/region-a/bild.png: fel: det här är en länk till /no/such/file.png, som inte finns",
            ],
        ),
    ];
    for (what, setup, says) in cases {
        let t = SiteTest::from_dir("kinds");
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("passwd"), SECRET).unwrap();
        t.build();
        let before = t.output_files();
        setup(&t, outside.path());
        let run = t.run(&["build"]);
        eprintln!("case: {what}");
        failed_cleanly(&t, &run, 1, says, &before);
        assert!(
            !run.stderr.contains("secret"),
            "{what}: the file was read:\n{}",
            run.stderr
        );
        assert!(
            t.files_in("output")
                .values()
                .all(|b| b != SECRET.as_bytes()),
            "{what}"
        );
        // `check` fails on it too.
        assert_eq!(t.run(&["check"]).code, 1, "{what}");
    }
}

#[cfg(unix)]
#[test]
fn links_inside_the_project_still_work() {
    let t = SiteTest::from_dir("kinds");
    t.write(
        "delat/logga.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    std::os::unix::fs::symlink(t.path("delat"), t.path("content/region-a/delat")).unwrap();
    std::os::unix::fs::symlink("../_index.md", t.path("content/region-a/kopia.txt")).unwrap();
    t.build();
    assert!(t.path("output/region-a/delat/logga.svg").is_file());
    assert!(t.path("output/region-a/kopia.txt").is_file());
}

#[test]
fn theme_and_language_must_be_names() {
    let cases: &[(&str, &[&str])] = &[
        (
            "language: ../../../../etc/passwd\n",
            &[
                "content/site.yaml:11:11: fel: `language:` ska vara ett namn, inte en sökväg: `../../../../etc/passwd`",
                "= tips: skriv bara bokstäver, siffror, `-` och `_`, till exempel `language: sv`",
            ],
        ),
        (
            "theme: ../../elsewhere\n",
            &["content/site.yaml:11:8: fel: `theme:` ska vara ett namn, inte en sökväg"],
        ),
        (
            "theme: /etc\n",
            &["content/site.yaml:11:8: fel: `theme:` ska vara ett namn"],
        ),
        (
            "theme: \"a\\\\b\"\n",
            &["content/site.yaml:11:8: fel: `theme:` ska vara ett namn"],
        ),
        (
            "language: sv.yaml\n",
            &["content/site.yaml:11:11: fel: `language:` ska vara ett namn"],
        ),
    ];
    let t = SiteTest::from_dir("kinds");
    let site = t.read("content/site.yaml");
    assert_eq!(
        site.lines().count(),
        10,
        "the cases count on site.yaml's length"
    );
    t.build();
    let before = t.output_files();
    for (line, says) in cases {
        t.write("content/site.yaml", &format!("{site}{line}"));
        let run = t.run(&["build"]);
        failed_cleanly(&t, &run, 1, says, &before);
    }
    // Names with `-`, `_` and letters are fine.
    t.write(
        "content/site.yaml",
        &format!("{site}language: sv\ntheme: default\n"),
    );
    t.build();
}

#[test]
fn themes_stay_inside_the_project() {
    let t = SiteTest::from_dir("kinds");
    let site = t.read("content/site.yaml");
    t.build();
    let before = t.output_files();
    // A theme folder that is a link out of the project.
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("templates")).unwrap();
    std::fs::write(outside.path().join("theme.yaml"), "extends: default\n").unwrap();
    std::fs::create_dir_all(t.path("themes")).unwrap();
    std::os::unix::fs::symlink(outside.path(), t.path("themes/utanfor")).unwrap();
    t.write("content/site.yaml", &format!("{site}theme: utanfor\n"));
    let run = t.run(&["build"]);
    failed_cleanly(
        &t,
        &run,
        1,
        &[
            "themes/utanfor: fel: den här temamappen är en länk till",
            "utanför projektets mapp",
        ],
        &before,
    );
    // `extends:` is a name too.
    t.write("themes/egen/theme.yaml", "extends: ../../../etc\n");
    t.write("content/site.yaml", &format!("{site}theme: egen\n"));
    let run = t.run(&["build"]);
    failed_cleanly(
        &t,
        &run,
        1,
        &[
            "themes/egen/theme.yaml:1:1: fel: ett tema anges med namn, inte med en sökväg: `../../../etc`",
            "till exempel `extends: default`",
        ],
        &before,
    );
    // A theme file that is a link out of its folder is not read.
    let secret = outside.path().join("sv.yaml");
    std::fs::write(&secret, "hemligt: [inte stängd\n").unwrap();
    t.write("themes/egen/theme.yaml", "extends: default\n");
    std::fs::create_dir_all(t.path("themes/egen/i18n")).unwrap();
    std::os::unix::fs::symlink(&secret, t.path("themes/egen/i18n/sv.yaml")).unwrap();
    let run = t.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("hemligt"), "{}", run.stderr);
}

/// Runs a build with `MALBILD_FAULT` set (honoured by debug builds only,
/// which is what `cargo test` runs).
fn build_with_fault(t: &SiteTest, fault: &str) -> Run {
    t.run_with_env(&["build"], &[("MALBILD_FAULT", OsStr::new(fault))])
}

#[test]
fn a_build_killed_between_the_renames_is_undone_by_the_next() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    // A marker without hashes, as an older malbild wrote it: the next build
    // writes a new folder and swaps it in (over a marker with hashes it
    // would write only the changed files, in place).
    let marker = t.read("output/.malbild-output");
    let (head, files) = marker
        .split_once("files, each after its hash and size:\n")
        .unwrap();
    let files: String = files
        .lines()
        .map(|l| format!("{}\n", l.splitn(3, ' ').nth(2).unwrap()))
        .collect();
    t.write("output/.malbild-output", &format!("{head}files:\n{files}"));
    let before = t.output_files();
    t.write(
        "content/region-a/plan-2030/bilaga.md",
        "---\ntitle: Bilaga\nweight: 4\n---\n\nNy text.\n",
    );
    let run = build_with_fault(&t, "kill-between-renames");
    assert_eq!(run.code, 137, "{}", run.stderr);
    assert!(
        !t.path("output").exists(),
        "the fault did not strike between the renames"
    );
    // The next build fails on content, and still the output is back as it was.
    t.write(
        "content/region-a/plan-2030/bilaga.md",
        "---\ntitle: [Bilaga\n---\n",
    );
    let run = t.run(&["build"]);
    failed_cleanly(
        &t,
        &run,
        1,
        &[
            "output/ saknades efter ett bygge som stannade halvvägs; lade tillbaka den förra från .output.malbild-old-",
            "den förra webbplatsen i output-mappen är orörd",
        ],
        &before,
    );
    // And one that works leaves nothing beside it.
    t.write(
        "content/region-a/plan-2030/bilaga.md",
        "---\ntitle: Bilaga\nweight: 4\n---\n\nNy text.\n",
    );
    t.build();
    assert!(
        t.read("output/region-a/plan-2030/bilaga/index.html")
            .contains("Ny text.")
    );
    assert_eq!(leftovers(&t), Vec::<String>::new());
}

/// What a build left beside the output folder (the lock file,
/// `.output.malbild.lock`, stays for the next build).
fn leftovers(t: &SiteTest) -> Vec<String> {
    std::fs::read_dir(t.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("malbild-"))
        .collect()
}

#[test]
fn files_malbild_did_not_write_are_kept() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let mine = [
        ("output/CNAME", "malbild.example.se\n"),
        ("output/.htaccess", "ErrorDocument 404 /404.html\n"),
        ("output/web.config", "<configuration/>\n"),
        ("output/region-a/plan-2030/extra/rapport.pdf", "%PDF-1.7"),
    ];
    for (path, text) in mine {
        t.write(path, text);
    }
    // A page gone, a page new: the build's own files come and go, not these.
    std::fs::remove_file(t.path("content/region-a/plan-2030/bilaga.md")).unwrap();
    t.write(
        "content/region-a/plan-2030/ny.md",
        "---\ntitle: Ny\nweight: 5\n---\n\nText.\n",
    );
    for _ in 0..2 {
        t.build();
        for (path, text) in mine {
            assert_eq!(t.read(path), text, "{path}");
        }
        assert!(!t.path("output/region-a/plan-2030/bilaga").exists());
        assert!(t.path("output/region-a/plan-2030/ny/index.html").is_file());
        let marker = t.read("output/.malbild-output");
        assert!(
            marker.lines().any(|l| l.ends_with(" index.html")),
            "{marker}"
        );
        assert!(
            !marker.contains("CNAME") && !marker.contains("rapport"),
            "{marker}"
        );
    }
}

#[test]
fn a_copied_marker_does_not_delete_the_server_files() {
    // `cp -r output/. /var/www/html`, then building into /var/www/html.
    let t = SiteTest::from_dir("kinds");
    t.build();
    let www = t.path("www");
    std::fs::create_dir(&www).unwrap();
    for (rel, bytes) in t.output_files() {
        let to = www.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    t.write("www/CNAME", "malbild.example.se\n");
    t.write("www/gammal/index.html", "en sida från förr");
    let run = t.run(&["build", "--output", www.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(t.read("www/CNAME"), "malbild.example.se\n");
    assert_eq!(t.read("www/gammal/index.html"), "en sida från förr");
    assert!(t.path("www/index.html").is_file());
}

#[test]
fn a_file_of_someone_else_where_the_build_writes_is_refused() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    t.write("output/region-a/karta.svg", "the server's own map");
    let before = t.output_files();
    t.write(
        "content/region-a/karta.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let run = t.run(&["build"]);
    failed_cleanly(
        &t,
        &run,
        1,
        &[
            "output/region-a/karta.svg skrevs inte av malbild, och det här bygget skulle skriva sin egen region-a/karta.svg i dess ställe",
        ],
        &before,
    );
    assert_eq!(leftovers(&t), Vec::<String>::new());
}

#[test]
fn two_builds_started_together_both_work() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let want = t.output_files();
    for _ in 0..5 {
        let start = || {
            Command::new(assert_cmd::cargo::cargo_bin("malbild"))
                .args(["build", "--root"])
                .arg(t.root())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (start(), start());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{stderr}");
        }
        assert_eq!(t.output_files(), want, "the output is not whole");
    }
    assert_eq!(leftovers(&t), Vec::<String>::new());
}

#[test]
fn a_build_waits_for_the_one_before_and_says_so() {
    let t = SiteTest::from_dir("kinds");
    t.build();
    let want = t.output_files();
    let config = malbild::Config::new(t.root());
    let held = malbild::lock(&config).unwrap();
    let child = Command::new(assert_cmd::cargo::cargo_bin("malbild"))
        .args(["build", "--quiet", "--root"])
        .arg(t.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    drop(held);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("en annan malbild bygger till output/; väntar tills den är klar …"),
        "{stderr}"
    );
    assert_eq!(t.output_files(), want);
}

/// `watch` (and `serve`) lock the output for each build only: a `build` run
/// while it watches does not wait for it to end.
#[cfg(feature = "serve")]
#[test]
fn a_build_while_watch_runs_does_not_wait_for_it() {
    use std::io::{BufRead, BufReader};
    let t = SiteTest::from_dir("kinds");
    let mut watch = Command::new(assert_cmd::cargo::cargo_bin("malbild"))
        .args(["watch", "--root"])
        .arg(t.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(watch.stderr.take().unwrap()).lines();
    let watching = lines
        .by_ref()
        .map_while(Result::ok)
        .any(|l| l.contains("bevakar ändringar"));
    assert!(watching, "watch did not start");
    let mut build = Command::new(assert_cmd::cargo::cargo_bin("malbild"))
        .args(["build", "--root"])
        .arg(t.root())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = build.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > std::time::Duration::from_secs(5) {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let _ = build.kill();
    let _ = watch.kill();
    let _ = watch.wait();
    let out = build.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        status.is_some_and(|s| s.success()),
        "the build waited or failed: {stderr}"
    );
    assert!(!stderr.contains("waiting"), "{stderr}");
}
