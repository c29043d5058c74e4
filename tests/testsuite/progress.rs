//! The progress of long builds: drawn only on a terminal without
//! `NO_COLOR`, never into a pipe; `--quiet` prints only the problems;
//! `watch` and `serve` say at once that they are building.
//!
//! `MALBILD_PROGRESS_DELAY_MS=0` shows the progress from the first moment,
//! so that these small builds would show it if anything did.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

use crate::site_test::SiteTest;

fn at_once() -> (&'static str, &'static OsStr) {
    ("MALBILD_PROGRESS_DELAY_MS", OsStr::new("0"))
}

fn no_progress(stderr: &str) {
    assert!(!stderr.contains('\x1b'), "an escape code: {stderr:?}");
    assert!(!stderr.contains('\r'), "a carriage return: {stderr:?}");
    assert!(!stderr.contains("/16"), "a count: {stderr:?}");
}

#[test]
fn a_pipe_gets_no_progress() {
    let t = SiteTest::from_dir("kinds");
    let run = t.run_with_env(&["build"], &[at_once()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    no_progress(&run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines[0].starts_with("byggde 9 sidor (69 filer) på "),
        "{}",
        run.stderr
    );
    assert!(lines[1].starts_with("sökindex: "), "{}", run.stderr);
    // Without base_url, a note (not a warning) says what was not written.
    assert_eq!(lines[2], crate::feed::NO_BASE_URL);
    let run = t.run_with_env(&["check"], &[at_once()]);
    no_progress(&run.stderr);
    assert_eq!(run.stderr, "");
}

#[test]
fn quiet_prints_only_the_problems() {
    let t = SiteTest::from_dir("kinds");
    for quiet in ["--quiet", "-q"] {
        let run = t.run(&["build", quiet]);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    }
    // Warnings are problems too.
    let t = SiteTest::from_dir("everything");
    let run = t.run(&["build", "-q"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stderr.matches(": varning: ").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("byggde "), "{}", run.stderr);
    // And errors always.
    t.write("content/trasig.md", "---\ntitle: [\n---\n");
    let run = t.run(&["build", "--quiet"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("trasig.md:2:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("den förra webbplatsen i output-mappen är orörd")
    );

    let check = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("malbild")
            .unwrap()
            .args(args)
            .arg("--root")
            .arg(SiteTest::from_dir("kinds").root())
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(check(&["check"]), "inga problem hittades\n");
    assert_eq!(check(&["check", "--quiet"]), "");
}

/// Runs `malbild <args> --root <site>` in a pseudo-terminal (util-linux
/// `script`) and returns what the terminal got.
#[cfg(target_os = "linux")]
fn on_a_terminal(t: &SiteTest, args: &str, env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("malbild");
    let line = format!("{} {args} --root {}", bin.display(), t.root().display());
    let out = Command::new("script")
        .args(["-qefc", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .env_remove("MALBILD_TIMINGS")
        .env("TERM", "xterm")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("these tests need `script` (util-linux) for a pseudo-terminal");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_gets_progress_then_the_usual_output() {
    let t = SiteTest::from_dir("kinds");
    let at_once = [("MALBILD_PROGRESS_DELAY_MS", "0")];
    let seen = on_a_terminal(&t, "build", &at_once);
    assert!(
        seen.contains("läser filer   [") && seen.contains("] 0/11"),
        "{seen:?}"
    );
    // Cleared: the summary starts on a clean line.
    let summary = seen.rfind("byggde 9 sidor (69 filer) på ").unwrap();
    assert!(seen[..summary].ends_with("\r\x1b[2K"), "{seen:?}");
    assert!(!seen[summary..].contains('\x1b'), "{seen:?}");

    // A short build shows nothing.
    let seen = on_a_terminal(&t, "build", &[]);
    assert!(seen.starts_with("byggde 9 sidor"), "{seen:?}");
    no_progress(&seen.replace("\r\n", "\n"));

    for quiet in [
        on_a_terminal(&t, "build", &[at_once[0], ("NO_COLOR", "1")]),
        on_a_terminal(&t, "check", &[at_once[0], ("NO_COLOR", "1")]),
        on_a_terminal(&t, "build -q", &at_once),
        on_a_terminal(&t, "check -q", &at_once),
    ] {
        no_progress(&quiet.replace("\r\n", "\n"));
    }
}

/// The lines `malbild <args> --root <site>` prints to standard error until
/// one contains `until`.
#[cfg(feature = "serve")]
fn lines_until(t: &SiteTest, args: &[&str], until: &str) -> Vec<String> {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("malbild"))
        .args(args)
        .arg("--root")
        .arg(t.root())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut lines = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(line) => {
                let done = line.contains(until);
                lines.push(line);
                if done {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        lines.last().is_some_and(|l| l.contains(until)),
        "never printed {until:?}: {lines:?}"
    );
    lines
}

#[cfg(feature = "serve")]
#[test]
fn watch_and_serve_say_they_are_building_first() {
    let t = SiteTest::from_dir("kinds");
    let lines = lines_until(&t, &["watch"], "bevakar ändringar");
    assert_eq!(lines[0], "bygger webbplatsen …");
    assert!(lines[1].starts_with("byggde 9 sidor på "), "{lines:?}");
    let lines = lines_until(&t, &["serve", "--port", "0"], "webbplatsen visas på");
    assert_eq!(lines[0], "bygger webbplatsen …");
    assert!(lines[1].starts_with("byggde 9 sidor på "), "{lines:?}");

    // Quiet: the problems and the address only.
    let lines = lines_until(&t, &["serve", "--port", "0", "-q"], "webbplatsen visas på");
    assert_eq!(lines.len(), 1, "{lines:?}");
    t.write("content/trasig.md", "---\ntitle: [\n---\n");
    let lines = lines_until(&t, &["watch", "--quiet"], "fel: ");
    assert!(lines[0].starts_with("content/trasig.md:2:"), "{lines:?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("building") || l.contains("built")),
        "{lines:?}"
    );
}
