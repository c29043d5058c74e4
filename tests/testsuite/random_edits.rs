//! Random sequences of edits (fixed seeds, so every run is the same): after
//! each, the rebuild must write the bytes and report the diagnostics of a
//! build from nothing, or fail as it fails. `MALBILD_RANDOM_SEEDS`,
//! `MALBILD_RANDOM_START` and `MALBILD_RANDOM_STEPS` run more of them.

use std::fs;

use malbild::{Builder, Config};

use crate::site_test::SiteTest;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[derive(Clone, Debug)]
struct Part {
    title: &'static str,
    weight: i64,
    summary: Option<&'static str>,
    template: Option<&'static str>,
    date: Option<&'static str>,
    ignore: Option<&'static str>,
    kind: Option<&'static str>,
    body: Vec<&'static str>,
}

impl Part {
    fn text(&self) -> String {
        let mut s = format!("---\ntitle: {}\nweight: {}\n", self.title, self.weight);
        if let Some(k) = self.kind {
            s += &format!("kind: {k}\n");
        }
        if let Some(x) = self.summary {
            s += &format!("summary: \"{x}\"\n");
        }
        if let Some(x) = self.template {
            s += &format!("template: {x}\n");
        }
        if let Some(x) = self.date {
            s += &format!("date: \"{x}\"\n");
        }
        if let Some(x) = self.ignore {
            s += &format!("check:\n  ignore: {x}\n");
        }
        s += "---\n\n";
        for b in &self.body {
            s += b;
            s += "\n\n";
        }
        s
    }
}

const TITLES: &[&str] = &["Bilaga", "Alfa", "Omega", "Mitten"];
const SUMMARIES: &[Option<&str>] = &[
    None,
    None,
    None,
    Some("Kort sammanfattning."),
    Some("Läs <b>mer</b>."),
    Some("Läs [här](bakgrund.md)."),
    Some("Se [x](saknas.md)."),
    Some("Se [bakgrunden](bakgrund.md#syfte)."),
];
const TEMPLATES: &[Option<&str>] = &[
    None,
    None,
    None,
    None,
    Some("page.html"),
    Some("background.html"),
    Some("saknas.html"),
];
const DATES: &[Option<&str>] = &[None, None, Some("2024-02"), Some("2024"), Some("2024-13")];
const IGNORES: &[Option<&str>] = &[
    None,
    None,
    None,
    Some("[lix]"),
    Some("[temp]"),
    Some("[empty-section]"),
    Some("[link-text, raw-html]"),
];
const KINDS: &[Option<&str>] = &[None, None, Some("background"), Some("page")];
const BODIES: &[&str] = &[
    "En mening.",
    "En annan mening.",
    "## Avsnitt\n\nMed text.",
    "Se [bilagan](bilaga.md).",
    "Läs [här](tre.md).",
    "## Tom",
    "## Rubrik\n\nText under.",
    "Se [syftet](bakgrund.md#syfte).",
    "Se [planen](finns-inte.md).",
    "Se [här](#rubrik).",
    "<b>fet</b> text.",
    "Se [detaljerna](#detaljerna).",
];

const FILES: &[&str] = &[
    "content/region-a/plan-2030/bilaga.md",
    "content/region-a/plan-2030/ny.md",
    "content/region-a/plan-2030/tre.md",
    "content/region-a/kontakt.md",
];

fn run(seed: u64, steps: usize) -> Vec<String> {
    run_in("kinds", seed, steps)
}

/// [`run`] over fixture `fixture` (`kinds`, or `split`: the same site split
/// as a large one is).
fn run_in(fixture: &str, seed: u64, steps: usize) -> Vec<String> {
    let t = SiteTest::from_dir(fixture);
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let mut parts: Vec<Option<Part>> = vec![
        Some(Part {
            title: "Bilaga",
            weight: 4,
            summary: None,
            template: None,
            date: None,
            ignore: None,
            kind: None,
            body: vec!["## Ordlista", "En vanlig sida."],
        }),
        None,
        Some(Part {
            title: "Tre",
            weight: 2,
            summary: None,
            template: None,
            date: None,
            ignore: None,
            kind: None,
            body: vec!["Tredje."],
        }),
        None,
    ];
    for (i, p) in parts.iter().enumerate() {
        if let Some(p) = p {
            t.write(FILES[i], &p.text());
        }
    }
    if seed.is_multiple_of(2) {
        let old = t.read("content/site.yaml");
        t.write("content/site.yaml", &format!("{old}\ntheme: egen\n"));
    }
    t.write("themes/egen/theme.yaml", "extends: default\n");
    t.write("themes/egen/templates/page.html", "{% extends \"base.html\" %}{% block body %}<p>egen</p>{{ page.content | safe }}{% endblock body %}\n");
    let mut builder = Builder::new(Config::new(t.root()));
    let _ = builder.build();
    let mut failures = Vec::new();
    let mut log = Vec::new();
    let mut syfte = true;
    let mut site_title = false;
    let mut audit = false;
    let mut broken = false;
    for step in 0..steps {
        let mut changed: Vec<&str> = Vec::new();
        let n_ops = 1 + rng.pick(3);
        for _ in 0..n_ops {
            if broken && rng.pick(2) == 0 {
                let i = rng.pick(FILES.len() + 2);
                if i == FILES.len() + 1 {
                    let f = "themes/egen/templates/page.html";
                    t.write(f, "{% extends \"base.html\" %}{% block body %}<p>egen</p>{{ page.content | safe }}{% endblock body %}\n");
                    log.push(format!("{step}: heal template"));
                    changed.push(f);
                    continue;
                }
                if i == FILES.len() {
                    if !syfte {
                        let f = "content/region-a/plan-2030/bakgrund.md";
                        let old = t.read(f);
                        t.write(f, &old.replacen("## Ändamål", "## Syfte", 1));
                        syfte = true;
                        log.push(format!("{step}: heal syfte"));
                        changed.push(f);
                    }
                    continue;
                }
                let Some(mut p) = parts[i].clone() else {
                    continue;
                };
                if p.summary.is_some_and(|s| s.contains("saknas")) {
                    p.summary = None;
                }
                if p.template == Some("saknas.html") {
                    p.template = None;
                }
                if p.date == Some("2024-13") {
                    p.date = None;
                }
                if p.ignore == Some("[temp]") {
                    p.ignore = None;
                }
                let tre = parts[2].is_some();
                p.body.retain(|b| tre || !b.contains("tre.md"));
                let has_rubrik = p.body.iter().any(|b| b.starts_with("## Rubrik"));
                p.body.retain(|b| {
                    !b.contains("finns-inte")
                        && !b.contains("#detaljerna")
                        && (has_rubrik || !b.contains("#rubrik"))
                });
                log.push(format!("{step}: heal {} -> {:?}", FILES[i], p));
                t.write(FILES[i], &p.text());
                parts[i] = Some(p);
                changed.push(FILES[i]);
                continue;
            }
            let op = rng.pick(26);
            match op {
                0..=11 => {
                    let i = rng.pick(FILES.len());
                    let mut p = match parts[i].clone() {
                        Some(p) => p,
                        None => {
                            if broken || rng.pick(3) != 0 {
                                continue;
                            }
                            Part {
                                title: "Ny",
                                weight: 1,
                                summary: None,
                                template: None,
                                date: None,
                                ignore: None,
                                kind: None,
                                body: vec!["Ny text."],
                            }
                        }
                    };
                    let what = rng.pick(12);
                    match what {
                        0 => p.title = TITLES[rng.pick(TITLES.len())],
                        1 => p.weight = rng.pick(6) as i64 - 1,
                        2 => p.summary = SUMMARIES[rng.pick(SUMMARIES.len())],
                        3 => p.template = TEMPLATES[rng.pick(TEMPLATES.len())],
                        4 => p.date = DATES[rng.pick(DATES.len())],
                        5 => p.ignore = IGNORES[rng.pick(IGNORES.len())],
                        6 => p.kind = KINDS[rng.pick(KINDS.len())],
                        7 => {
                            p.body.pop();
                        }
                        8 => {
                            p.body = vec![BODIES[rng.pick(5)]];
                        }
                        _ => p.body.push(BODIES[rng.pick(BODIES.len())]),
                    }
                    log.push(format!("{step}: {} {what} -> {:?}", FILES[i], p));
                    t.write(FILES[i], &p.text());
                    parts[i] = Some(p);
                    changed.push(FILES[i]);
                }
                12 => {
                    let i = rng.pick(FILES.len());
                    if broken || i == 0 || parts[i].is_none() {
                        continue;
                    }
                    log.push(format!("{step}: remove {}", FILES[i]));
                    fs::remove_file(t.path(FILES[i])).unwrap();
                    parts[i] = None;
                    changed.push(FILES[i]);
                }
                13 => {
                    let f = "content/region-a/plan-2030/bakgrund.md";
                    let old = t.read(f);
                    let new = if syfte {
                        old.replacen("## Syfte", "## Ändamål", 1)
                    } else {
                        old.replacen("## Ändamål", "## Syfte", 1)
                    };
                    syfte = !syfte;
                    log.push(format!("{step}: bakgrund heading syfte={syfte}"));
                    t.write(f, &new);
                    changed.push(f);
                }
                14 => {
                    let f = "content/region-a/plan-2030/bakgrund.md";
                    let old = t.read(f);
                    let new = if old.contains("title: Bakgrund\n") {
                        old.replacen("title: Bakgrund\n", "title: Bakgrunden\n", 1)
                    } else {
                        old.replacen("title: Bakgrunden\n", "title: Bakgrund\n", 1)
                    };
                    log.push(format!("{step}: bakgrund title"));
                    t.write(f, &new);
                    changed.push(f);
                }
                15 => {
                    let f = "content/region-a/plan-2030/_index.md";
                    let old = t.read(f);
                    log.push(format!("{step}: publication body"));
                    t.write(f, &format!("{old}\nMer om planen.\n"));
                    changed.push(f);
                }
                16 => {
                    let f = "content/site.yaml";
                    let old = t.read(f);
                    let new = if site_title {
                        old.replacen("title: Ny sajt", "title: Testsajt", 1)
                    } else {
                        old.replacen("title: Testsajt", "title: Ny sajt", 1)
                    };
                    site_title = !site_title;
                    log.push(format!("{step}: site.yaml"));
                    t.write(f, &new);
                    changed.push(f);
                }
                17 => {
                    let f = "content/accessibility-audit.yaml";
                    if audit {
                        fs::remove_file(t.path(f)).unwrap();
                    } else {
                        t.write(f, "date: \"2026-01-02\"\ntools: [axe]\nchecks: 1\npassed: 2\nfailed: 0\npages:\n  - \"index.html\"\n");
                    }
                    audit = !audit;
                    log.push(format!("{step}: audit {audit}"));
                    changed.push(f);
                }
                18 => {
                    let f = "content/region-a/plan-2030/målbild.md";
                    let old = t.read(f);
                    let new = if old.contains("  - title: Nära\n") {
                        old.replacen("  - title: Nära\n", "  - title: Närhet\n", 1)
                    } else {
                        old.replacen("  - title: Närhet\n", "  - title: Nära\n", 1)
                    };
                    log.push(format!("{step}: goal area"));
                    t.write(f, &new);
                    changed.push(f);
                }
                19 => {
                    // What the feed, the sitemap and the JSON-LD show: a
                    // publication's summary and date, base_url, a part's lang.
                    let which = rng.pick(3);
                    let (f, from, to) = match which {
                        0 => (
                            "content/region-a/plan-2030/_index.md",
                            "summary: Planen beskriver *vart* vi ska.\n",
                            "summary: Ny sammanfattning.\ndate: 2025-06\n",
                        ),
                        1 => (
                            "content/site.yaml",
                            "title: ",
                            "base_url: https://example.se/plan/\ntitle: ",
                        ),
                        _ => (
                            "content/region-a/plan-2030/framgångsfaktorer.md",
                            "kind: success-factors\n",
                            "kind: success-factors\nlang: en\n",
                        ),
                    };
                    let old = t.read(f);
                    let new = if old.contains(to) {
                        old.replacen(to, from, 1)
                    } else {
                        old.replacen(from, to, 1)
                    };
                    assert_ne!(old, new, "{f}: {from:?}");
                    log.push(format!("{step}: feed facts {which}"));
                    t.write(f, &new);
                    changed.push(f);
                }
                20 => {
                    let f = "themes/egen/templates/page.html";
                    let v = rng.pick(5).min(2);
                    let text = match v {
                        0 => {
                            "{% extends \"base.html\" %}{% block body %}<p>egen</p>{{ page.content | safe }}{% endblock body %}\n"
                        }
                        1 => {
                            "{% extends \"base.html\" %}{% block body %}<p>egen {{ page.title }} {% for p in page.publication.parts %}{{ p.title }}{% endfor %}</p>{{ page.content | safe }}{% endblock body %}\n"
                        }
                        _ => {
                            "{% extends \"base.html\" %}{% block body %}<p>{{ page.date.text }}</p>{{ page.content | safe }}{% endblock body %}\n"
                        }
                    };
                    log.push(format!("{step}: template {v}"));
                    t.write(f, text);
                    changed.push(f);
                }
                21 => {
                    let f = "themes/egen/static/css/malbild.css";
                    log.push(format!("{step}: css"));
                    t.write(
                        f,
                        &format!("body {{ color: #{:06x} }}\n", rng.pick(0xffffff)),
                    );
                    changed.push(f);
                }
                22 => {
                    let f = "content/region-a/plan-2030/_index.md";
                    let old = t.read(f);
                    let new = if old.contains("title: Plan 2030\n") {
                        old.replacen("title: Plan 2030\n", "title: Plan 2031\n", 1)
                    } else {
                        old.replacen("title: Plan 2031\n", "title: Plan 2030\n", 1)
                    };
                    log.push(format!("{step}: publication title"));
                    t.write(f, &new);
                    changed.push(f);
                }
                23 => {
                    let f = "content/region-a/plan-2030/sedX1b2c3";
                    t.write(f, "tillfällig");
                    fs::remove_file(t.path(f)).unwrap();
                    log.push(format!("{step}: stray"));
                    changed.push(f);
                }
                24 => {
                    let f = "content/region-a/plan-2030/framgångsfaktorer.md";
                    let old = t.read(f);
                    let new = if old.contains("weight: 2\n") {
                        old.replacen("weight: 2\n", "weight: 6\n", 1)
                    } else {
                        old.replacen("weight: 6\n", "weight: 2\n", 1)
                    };
                    log.push(format!("{step}: framgang weight"));
                    t.write(f, &new);
                    changed.push(f);
                }
                _ => {
                    let f = "content/region-a/_index.md";
                    let old = t.read(f);
                    log.push(format!("{step}: region body"));
                    t.write(f, &format!("{old}\n## Tom\n"));
                    changed.push(f);
                }
            }
        }
        let result = builder.rebuild(&changes_of(&t, &changed));
        let (fail, full_failed) = differs(&t, result);
        broken = full_failed;
        if let Some(fail) = fail {
            failures.push(format!(
                "seed {seed} step {step}:\n{}\n{fail}",
                log.join("\n")
            ));
            return failures;
        }
    }
    failures
}

/// Whether the rebuild's `result` differs from a build from nothing of the
/// site as it is now (its files, its warnings, or its errors), and whether
/// that build failed.
/// What the watcher would say of the files `changed` (relative to the
/// site's folder).
fn changes_of(t: &SiteTest, changed: &[&str]) -> Vec<malbild::Change> {
    let root = std::path::absolute(t.root()).unwrap();
    changed
        .iter()
        .filter_map(|rel| {
            malbild::classify(
                &root,
                &root.join("output"),
                &std::path::absolute(t.path(rel)).unwrap(),
            )
        })
        .collect()
}

fn differs(t: &SiteTest, result: anyhow::Result<malbild::Report>) -> (Option<String>, bool) {
    let mut fresh = Config::new(t.root());
    fresh.output = t.path("fresh");
    let _ = fs::remove_dir_all(t.path("fresh"));
    let full = malbild::build(&fresh);
    let said = |w: &malbild::List| w.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    let diags = |e: anyhow::Error| -> Vec<String> {
        match e.downcast::<malbild::Failed>() {
            Ok(f) => f.diagnostics.iter().map(|d| d.to_string()).collect(),
            Err(e) => vec![format!("OTHER {e:#}")],
        }
    };
    let full_failed = full.is_err();
    let fail = match (result, full) {
        (Ok(mine), Ok(full)) => {
            let mut f = None;
            if said(&mine.warnings) != said(&full.warnings) {
                f = Some(format!(
                    "warnings differ: rebuild {:?}\nfull {:?}",
                    said(&mine.warnings),
                    said(&full.warnings)
                ));
            }
            let a = t.output_files();
            let b = t.files_in("fresh");
            if a != b {
                let differ: Vec<&String> = a
                    .keys()
                    .chain(b.keys())
                    .filter(|k| a.get(*k) != b.get(*k))
                    .collect();
                f = Some(format!(
                    "{}files differ: {differ:?}",
                    f.map(|s| s + "\n").unwrap_or_default()
                ));
            }
            f
        }
        (Err(mine), Err(full)) => {
            let (m, f) = (diags(mine), diags(full));
            (m != f).then(|| format!("errors differ: rebuild {m:?}\nfull {f:?}"))
        }
        (m, f) => Some(format!("rebuild ok={} full ok={}", m.is_ok(), f.is_ok())),
    };
    (fail, full_failed)
}

/// Whether the long runs are asked for (`MALBILD_LONG_TESTS`, which
/// `.ci/run` sets): `cargo test` alone runs a few seeds of each random test,
/// so that it stays fast; CI runs them all (about a minute).
fn long() -> bool {
    std::env::var_os("MALBILD_LONG_TESTS").is_some()
}

#[test]
fn random_edit_sequences_equal_builds_from_nothing() {
    let seeds: u64 = std::env::var("MALBILD_RANDOM_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if long() { 20 } else { 3 });
    let start: u64 = std::env::var("MALBILD_RANDOM_START")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let steps: usize = std::env::var("MALBILD_RANDOM_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let mut all = Vec::new();
    for seed in start..start + seeds {
        all.extend(run(seed, steps));
        if all.len() >= 3 {
            break;
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n\n=====\n\n"));
}

// The same on a site split as a large one is (issue 13): the A–Ö list a
// page per letter in parts, the comparison and theme pages per region.
#[test]
fn random_edit_sequences_on_a_split_site_equal_builds_from_nothing() {
    let mut all = Vec::new();
    for seed in 1..=if long() { 6 } else { 2 } {
        all.extend(run_in("split", seed, 30));
        if !all.is_empty() {
            break;
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n\n=====\n\n"));
}

/// Files that come and go in [`parts_come_and_go`]: parts of a
/// publication (one sorted before every other), of a region, of the home
/// page, of a draft publication's folder, and more of the publication.
const COMING: &[&str] = &[
    "content/region-a/plan-2030/ny.md",
    "content/region-a/plan-2030/a-zebra.md",
    "content/region-a/plan-2030/tre.md",
    "content/region-a/kontakt.md",
    "content/om.md",
    "content/region-b/strategi/del.md",
    // Enough of them for the site to pass 16 pages (every page's number in
    // the search index moves).
    "content/region-a/plan-2030/fyra.md",
    "content/region-a/plan-2030/fem.md",
    "content/region-a/plan-2030/sex.md",
    "content/region-a/plan-2030/sju.md",
];

/// What their bodies (and the body of `bilaga.md`) say: text, a heading
/// others link to, links that lead somewhere from every folder (`SAFE`),
/// and links to the files that come and go, with and without `#fragments`,
/// relative or not, and a link left as text for a space in it (`RISKY`,
/// an error while their target is not there).
const SAFE: &[&str] = &[
    "En mening.",
    "## Rubrik\n\nText under.",
    "Se [bakgrunden](/region-a/plan-2030/bakgrund.md#syfte).",
    "Se [bilden](/region-a/plan-2030/karta.svg).",
];
const RISKY: &[&str] = &[
    "Läs [tre](tre.md).",
    "Läs [ny](/region-a/plan-2030/ny.md#rubrik).",
    "Läs [kontakt](../kontakt.md).",
    "Läs [om oss](/om.md).",
    "Se [a zebra](a zebra).",
    "Se [syftet](bakgrund.md#syfte).",
];

/// A body of [`SAFE`] and [`RISKY`], mostly safe.
fn linking(rng: &mut Rng) -> String {
    let mut body = SAFE[rng.pick(SAFE.len())].to_string();
    if rng.pick(3) == 0 {
        body += "\n\n";
        body += RISKY[rng.pick(RISKY.len())];
    }
    body
}

/// Parts that come and go, many at a time, on a site that builds (issue
/// 13: a part that came or went keeps the last build's work by page,
/// `model::Renumbered`): after each step the rebuild must equal a build from
/// nothing, or fail as it fails.
fn parts_come_and_go(fixture: &str, seed: u64, steps: usize) -> Vec<String> {
    let t = SiteTest::from_dir(fixture);
    let mut rng = Rng(seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let mut builder = Builder::new(Config::new(t.root()));
    let _ = builder.build();
    let mut there = [false; COMING.len()];
    let mut log = Vec::new();
    for step in 0..steps {
        let mut changed: Vec<&str> = Vec::new();
        for _ in 0..1 + rng.pick(2) {
            if rng.pick(4) == 0 {
                let f = "content/region-a/plan-2030/bilaga.md";
                let body = linking(&mut rng);
                log.push(format!("{step}: bilaga -> {body:?}"));
                t.write(
                    f,
                    &format!("---\ntitle: Bilaga\nweight: 4\n---\n\n{body}\n"),
                );
                changed.push(f);
                continue;
            }
            let i = rng.pick(COMING.len());
            if there[i] {
                log.push(format!("{step}: remove {}", COMING[i]));
                fs::remove_file(t.path(COMING[i])).unwrap();
            } else {
                let title = ["Ny", "Alfa", "Öst", "Tre"][rng.pick(4)];
                let weight = rng.pick(4) as i64 - 1;
                let themes = [
                    "",
                    "themes: [Samverkan]\n",
                    "themes: [samverkan, Nytt ord]\n",
                ][rng.pick(3)];
                let body = linking(&mut rng);
                let text =
                    format!("---\ntitle: {title}\nweight: {weight}\n{themes}---\n\n{body}\n");
                log.push(format!("{step}: add {} {text:?}", COMING[i]));
                t.write(COMING[i], &text);
            }
            there[i] = !there[i];
            changed.push(COMING[i]);
        }
        let result = builder.rebuild(&changes_of(&t, &changed));
        if let (fail @ Some(_), _) = differs(&t, result) {
            return vec![format!(
                "seed {seed} step {step}:\n{}\n{}",
                log.join("\n"),
                fail.unwrap_or_default()
            )];
        }
    }
    Vec::new()
}

#[test]
fn random_parts_that_come_and_go_equal_builds_from_nothing() {
    let mut all = Vec::new();
    let (kinds, split) = if long() { (8, 3) } else { (2, 1) };
    for (fixture, seeds) in [("kinds", 1..=kinds), ("split", 1..=split)] {
        for seed in seeds {
            all.extend(parts_come_and_go(fixture, seed, 30));
            if !all.is_empty() {
                break;
            }
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n\n=====\n\n"));
}
