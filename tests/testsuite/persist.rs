//! The cache file (`.malbild/cache.bin`): a new run of `malbild build` over
//! it writes the bytes and says the diagnostics a build from nothing does,
//! after every kind of edit made while no malbild ran, and a file that is
//! broken, of another format or that cannot be written only makes the build
//! one from nothing.

use std::fs;

use malbild::{Builder, Config};

use crate::incremental::{Runs, STEPS, new_run, run_steps};
use crate::site_test::SiteTest;

const CACHE: &str = ".malbild/cache.bin";

#[test]
fn every_new_run_equals_a_build_from_nothing() {
    let t = SiteTest::from_dir("kinds");
    let failures = run_steps(&t, STEPS, Runs::New);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The files of `output/` equal those of a build from nothing into
/// `fresh/`, and the warnings are the same.
fn same_as_from_nothing(t: &SiteTest, report: &malbild::Report, what: &str) {
    let mut fresh = Config::new(t.root());
    fresh.output = t.path("fresh");
    let _ = fs::remove_dir_all(t.path("fresh"));
    let full = malbild::build(&fresh).unwrap();
    let said = |w: &malbild::List| w.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    assert_eq!(said(&report.warnings), said(&full.warnings), "{what}");
    let (mine, from_nothing) = (t.output_files(), t.files_in("fresh"));
    let differ: Vec<&String> = mine
        .keys()
        .chain(from_nothing.keys())
        .filter(|k| mine.get(*k) != from_nothing.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
}

#[test]
fn a_new_run_with_nothing_changed_renders_nothing() {
    let t = SiteTest::from_dir("kinds");
    let first = new_run(&t).build().unwrap();
    assert!(first.rendered > 0);
    assert!(t.path(CACHE).is_file(), "no cache file");
    // Without the file, a new builder renders every page again.
    let without = Builder::new(Config::new(t.root())).build().unwrap();
    assert_eq!(without.rendered, first.rendered);
    let again = new_run(&t).build().unwrap();
    assert_eq!(
        (again.rendered, again.index_made, again.written),
        (0, 0, 0),
        "a new run over the cache file made pages again"
    );
    same_as_from_nothing(&t, &again, "nothing changed");
    // Nor was the file written again (it would say the same).
    let stamp = |t: &SiteTest| fs::metadata(t.path(CACHE)).unwrap().modified().unwrap();
    let before = (stamp(&t), fs::read(t.path(CACHE)).unwrap());
    std::thread::sleep(std::time::Duration::from_millis(20));
    new_run(&t).build().unwrap();
    assert_eq!(stamp(&t), before.0, "the file was written again");
    // An edit is: the next run knows the new body.
    let bilaga = "content/region-a/plan-2030/bilaga.md";
    t.write(bilaga, &format!("{}\nEn ny mening.\n", t.read(bilaga)));
    let edited = new_run(&t).build().unwrap();
    assert!(edited.rendered > 0);
    assert_ne!(fs::read(t.path(CACHE)).unwrap(), before.1);
    let after = new_run(&t).build().unwrap();
    assert_eq!(after.rendered, 0, "the edit's body was not kept");
    // The folder tells git and backup programs what it is.
    assert_eq!(t.read(".malbild/.gitignore"), "*\n");
    assert!(
        t.read(".malbild/CACHEDIR.TAG")
            .starts_with("Signature: 8a477f597d28d172789f06886806bc55")
    );
}

/// Ways a cache file goes bad: (what, what is done to its bytes).
type Damage = (&'static str, fn(&mut Vec<u8>));

const DAMAGES: &[Damage] = &[
    ("truncated", |b| b.truncate(b.len() / 2)),
    ("cut by one byte", |b| {
        b.pop();
    }),
    ("empty", |b| b.clear()),
    ("not a cache file", |b| {
        *b = b"---\ntitle: x\n---\n".to_vec();
    }),
    ("of an older format", |b| {
        b[8..12].copy_from_slice(&0u32.to_le_bytes())
    }),
    ("of another version of malbild", |b| {
        // The header's version, `0.1.0` and the like, after its length.
        let at = 12 + 1;
        b[at] = b'9';
    }),
    ("with one letter of a body changed", |b| {
        // `Ordlista`, a heading of bilaga.md, in its HTML and facts.
        let word = b"Ordlista";
        let mut i = 0;
        let mut n = 0;
        while i + word.len() <= b.len() {
            if &b[i..i + word.len()] == word {
                b[i + 7] = b'x';
                n += 1;
            }
            i += 1;
        }
        assert!(n > 0, "no Ordlista in the cache file");
    }),
];

#[test]
fn a_damaged_cache_file_builds_as_from_nothing() {
    let damage_cache = |t: &SiteTest, damage: fn(&mut Vec<u8>)| {
        let mut bytes = fs::read(t.path(CACHE)).unwrap();
        damage(&mut bytes);
        fs::write(t.path(CACHE), &bytes).unwrap();
    };
    for (what, damage) in DAMAGES {
        let t = SiteTest::from_dir("kinds");
        let first = new_run(&t).build().unwrap();
        damage_cache(&t, *damage);
        // Nothing changed: a file that were used would make no page again.
        let report = new_run(&t)
            .build()
            .unwrap_or_else(|e| panic!("{what}: the build failed: {e:#}"));
        assert_eq!(report.rendered, first.rendered, "{what}: the file was used");
        same_as_from_nothing(&t, &report, what);
        // The build wrote a good file again.
        let again = new_run(&t).build().unwrap();
        assert_eq!(again.rendered, 0, "{what}: no good file after it");
        // A publication's title: every page renders again, each with its
        // body, which would come from the damaged file if it were used.
        damage_cache(&t, *damage);
        let publication = "content/region-a/plan-2030/_index.md";
        let text = t
            .read(publication)
            .replacen("title: Plan 2030", "title: Plan 2031", 1);
        assert!(text.contains("Plan 2031"));
        t.write(publication, &text);
        let report = new_run(&t)
            .build()
            .unwrap_or_else(|e| panic!("{what}: the build failed: {e:#}"));
        same_as_from_nothing(&t, &report, what);
    }
}

#[test]
fn a_cache_that_cannot_be_written_changes_nothing() {
    let t = SiteTest::from_dir("kinds");
    // A file where the folder should be.
    t.write(".malbild", "not a folder");
    let first = new_run(&t).build().unwrap();
    let again = new_run(&t).build().unwrap();
    assert_eq!(again.rendered, first.rendered);
    same_as_from_nothing(&t, &again, "no cache");
    assert_eq!(t.read(".malbild"), "not a folder");
    // And `malbild build` says nothing of it.
    let run = t.build();
    assert!(!run.stderr.contains("cache"), "{}", run.stderr);
}

#[test]
fn an_output_changed_by_a_build_that_does_not_save_is_made_again() {
    // `serve`, or a library caller, writes the output folder without
    // writing the cache file: the file's records of the outputs it changed
    // no longer describe the folder.
    let t = SiteTest::from_dir("kinds");
    let bilaga = "content/region-a/plan-2030/bilaga.md";
    let before = t.read(bilaga);
    new_run(&t).build().unwrap();
    t.write(
        bilaga,
        &before.replace("En vanlig sida.", "En ändrad sida."),
    );
    Builder::new(Config::new(t.root())).build().unwrap();
    t.write(bilaga, &before);
    let report = new_run(&t).build().unwrap();
    assert!(
        report.written > 0,
        "the page edited meanwhile was not written back"
    );
    same_as_from_nothing(&t, &report, "back to the text the cache file knows");
}

#[test]
fn check_and_a_build_into_a_new_folder_write_no_cache() {
    let t = SiteTest::from_dir("kinds");
    let run = t.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!t.path(".malbild").exists(), "check wrote the cache");
    t.build();
    assert!(t.path(CACHE).is_file(), "malbild build wrote no cache");
}
