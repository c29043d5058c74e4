//! `malbild new`: a working starter site, or a new publication with the three
//! usual parts, each file with commented front matter, so a communicator never
//! starts from an empty page.
//!
//! Besides `output.rs`, this is the only module that writes, and it never
//! overwrites: it refuses a folder that exists and is not empty.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

const SITE_YAML: &str = "\
# {{site}}
title: Målbilder för god och nära vård
description: Våra målbilder för omställningen till en god och nära vård.
language: sv
theme: default
# base_url: https://www.example.se/malbild   # {{base_url}}

# {{statement}}
organisation:
  name: Region Exempel
  email: info@example.se
accessibility:
  compliance: partly                        # {{compliance}}
  contact_email: tillganglighet@example.se  # {{contact}}
  statement_date: __TODAY__                 # {{statement_date}}
";

/// What `malbild new site` writes as `.gitignore`: the built site is made
/// again from `content/`, so it is not kept in git, and neither is the
/// cache of `malbild build` (`crate::persist`).
const GITIGNORE: &str = "output/\n.malbild/\n";

/// What the starter files say about a title made from a folder name in which
/// å, ä and ö may be missing.
const GUESSED_TITLE: &str = "# {{guessed_title}}\n";

/// The 21 Swedish regions: the folder name `malbild new publication` is given
/// and the region's name.
const REGIONS: &[(&str, &str)] = &[
    ("blekinge", "Region Blekinge"),
    ("dalarna", "Region Dalarna"),
    ("gotland", "Region Gotland"),
    ("gavleborg", "Region Gävleborg"),
    ("halland", "Region Halland"),
    ("jamtland-harjedalen", "Region Jämtland Härjedalen"),
    ("jonkoping", "Region Jönköpings län"),
    ("kalmar", "Region Kalmar län"),
    ("kronoberg", "Region Kronoberg"),
    ("norrbotten", "Region Norrbotten"),
    ("skane", "Region Skåne"),
    ("stockholm", "Region Stockholm"),
    ("sormland", "Region Sörmland"),
    ("uppsala", "Region Uppsala"),
    ("varmland", "Region Värmland"),
    ("vasterbotten", "Region Västerbotten"),
    ("vasternorrland", "Region Västernorrland"),
    ("vastmanland", "Region Västmanland"),
    ("vastra-gotaland", "Västra Götalandsregionen"),
    ("orebro", "Region Örebro län"),
    ("ostergotland", "Region Östergötland"),
];

/// Words of a folder name whose å, ä and ö can be put back for certain.
const WORDS: &[(&str, &str)] = &[
    ("vard", "vård"),
    ("nara", "nära"),
    ("malbild", "målbild"),
    ("malbilder", "målbilder"),
    ("halsa", "hälsa"),
    ("omstallning", "omställning"),
    ("och", "och"),
    ("god", "god"),
    ("plan", "plan"),
    ("strategi", "strategi"),
];

const HOME: &str = "\
---
# {{home}}
description: Våra målbilder för omställningen till en god och nära vård.
---

Här samlar vi våra målbilder. Börja med [exempelregionen](exempelregion/_index.md).
";

const REGION: &str = "\
---
# {{region}}
__NOTE__title: __REGION__
# organisations: [Region Exempel, Kommunerna i länet]
# contact:
#   name: Enheten för utveckling
#   email: info@example.se
weight: 1
---

Här finns __REGION__s målbilder.
";

const PUBLICATION: &str = "\
---
# {{publication}}
__NOTE__title: __TITLE__
publisher: __REGION__
# place: Exempelstad
date: \"__YEAR__\"                # {{date}}
horizon: 2035                  # {{horizon}}
# adopted_by: Regionfullmäktige
# reference: 2026-RS-123      # {{reference}}
summary: En mening om vad målbilden vill uppnå.
description: En mening för sökmotorer, högst 160 tecken.
themes: [samverkan, tillit]
weight: 1
---

Skriv en kort inledning här, eller lämna den tom.
";

const GOAL_PICTURE: &str = "\
---
title: Målbild
kind: goal-picture             # {{goal_picture}}
weight: 1                      # {{weight}}
vision: Tillsammans skapar vi hälsa och trygghet för hela livet.
horizon: 2035
goal_areas:
  - title: Tillsammans
    means: genom delaktighet och samordning
    text: |
      Beskriv målområdet här. Du kan skriva flera stycken
      och använda **fetstil** och [länkar](bakgrund.md).
  - title: Nära
    means: genom tillgänglighet och kontinuitet
    text: Beskriv målområdet här.
---

Text efter målområdena, om det behövs.
";

const BACKGROUND: &str = "\
---
title: Bakgrund
kind: background               # {{background}}
weight: 2
shifts:
  - from: Organisation
    to: Person och relation
  - from: Reaktiv
    to: Proaktiv och hälsofrämjande
---

## Varför behövs en målbild?

Skriv bakgrunden här. Rubriker i texten börjar med ## (sidans titel är redan huvudrubriken).
";

const FACTORS: &str = "\
---
title: Framgångsfaktorer
kind: success-factors          # {{factors}}
weight: 3
factors:
  - title: Tillit
    summary: Goda relationer mellan alla som är inblandade.
  - title: Ledarskap
    summary: Ett tydligt och nära ledarskap.
---

Det här behöver vi för att nå målbilden.
";

fn refuse_unless_empty(dir: &Path) -> Result<()> {
    if dir.exists() {
        let empty = fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            bail!(
                "{}",
                crate::words::w().new_not_empty(&dir.display().to_string())
            );
        }
    }
    Ok(())
}

/// Writes `text`, its `{{name}}`s replaced by the catalogue's comments.
fn write(path: &Path, text: &str) -> Result<()> {
    let words = crate::words::w();
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).with_context(|| words.cannot_create(&dir.display().to_string()))?;
    }
    fs::write(path, comments(text, words))
        .with_context(|| words.cannot_write(&path.display().to_string()))
}

/// `text` with every `{{name}}` replaced by the starter comment `name` of
/// `words` (the language of the run: English comments with `--lang en`).
fn comments(text: &str, words: &dyn crate::words::Words) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + len];
        out.push_str(&rest[..start]);
        match words.starter_comment(name) {
            Some(comment) => out.push_str(comment),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

/// The region's name for the folder name `slug`, and whether it is certain
/// (a known region) rather than made from the folder name.
fn region_name(slug: &str) -> (String, bool) {
    match REGIONS.iter().find(|(s, _)| *s == slug) {
        Some((_, name)) => ((*name).to_string(), true),
        None => (
            format!("Region {}", capitalise(&slug.replace('-', " "))),
            false,
        ),
    }
}

/// The publication's title for the folder name `slug` (`nara-vard-2030`:
/// "Nära vård 2030"), and whether it is certain: every word is a number or one
/// of [`WORDS`].
fn publication_title(slug: &str) -> (String, bool) {
    let mut certain = true;
    let words: Vec<String> = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .map(|w| match WORDS.iter().find(|(s, _)| *s == w) {
            Some((_, word)) => (*word).to_string(),
            None => {
                certain &= w.chars().all(|c| c.is_ascii_digit());
                w.to_string()
            }
        })
        .collect();
    (capitalise(&words.join(" ")), certain)
}

/// `text` with `__NOTE__` replaced by [`GUESSED_TITLE`] when the title is
/// not `certain`, else by nothing.
fn note(text: &str, certain: bool) -> String {
    text.replace("__NOTE__", if certain { "" } else { GUESSED_TITLE })
}

/// Today's date as YYYY-MM-DD (UTC), for the statement of a new site.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn publication_files(
    dir: &Path,
    (title, certain): (&str, bool),
    region: &str,
    year: &str,
) -> Result<()> {
    let fill = |t: &str| {
        note(t, certain)
            .replace("__TITLE__", title)
            .replace("__REGION__", region)
            .replace("__YEAR__", year)
    };
    write(&dir.join("_index.md"), &fill(PUBLICATION))?;
    write(&dir.join("målbild.md"), GOAL_PICTURE)?;
    write(&dir.join("bakgrund.md"), BACKGROUND)?;
    write(&dir.join("framgångsfaktorer.md"), FACTORS)
}

/// Makes a new site in `dir`, and returns the files written.
pub(crate) fn new_site(dir: &Path) -> Result<Vec<PathBuf>> {
    refuse_unless_empty(dir)?;
    let content = dir.join("content");
    write(&dir.join(".gitignore"), GITIGNORE)?;
    write(
        &content.join("site.yaml"),
        &SITE_YAML.replace("__TODAY__", &today()),
    )?;
    write(&content.join("_index.md"), HOME)?;
    write(
        &content.join("exempelregion/_index.md"),
        &note(REGION, true).replace("__REGION__", "Region Exempel"),
    )?;
    publication_files(
        &content.join("exempelregion/malbild-2035"),
        ("Målbild för nära vård 2035", true),
        "Region Exempel",
        "2026",
    )?;
    Ok(walk(dir))
}

/// Makes `content/<region>/<slug>/` in the project `root`, and the region's
/// `_index.md` if the region is new. Returns the files written.
pub(crate) fn new_publication(root: &Path, path: &str) -> Result<Vec<PathBuf>> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let [region, slug] = parts[..] else {
        bail!("{}", crate::words::w().new_not_region_slug());
    };
    for part in [region, slug] {
        if part.is_empty() || part.starts_with('.') || crate::model::slugify(part).is_empty() {
            bail!("{}", crate::words::w().new_bad_folder(part));
        }
    }
    let content = root.join("content");
    if !content.is_dir() {
        bail!(
            "{}",
            crate::words::w().new_no_content(&root.display().to_string())
        );
    }
    let region_dir = content.join(region);
    let mut written = Vec::new();
    if !region_dir.join("_index.md").is_file() {
        let (name, certain) = region_name(region);
        let file = region_dir.join("_index.md");
        write(&file, &note(REGION, certain).replace("__REGION__", &name))?;
        written.push(file);
    }
    let dir = region_dir.join(slug);
    refuse_unless_empty(&dir)?;
    let region_name = region_title(&region_dir).unwrap_or_else(|| region_name(region).0);
    let (title, certain) = publication_title(slug);
    publication_files(&dir, (&title, certain), &region_name, "2026")?;
    written.extend(walk(&dir));
    Ok(written)
}

/// How to start malbild again from the current folder, as the user would
/// type it: `malbild` when that name finds this program on the `PATH`,
/// otherwise the program's own path (`./malbild`, `.\malbild.exe` when it is
/// in the current folder), so the hint works right after a download.
pub(crate) fn command() -> Program {
    // Compared canonical (links resolved), shown as the system gives it
    // (Windows' canonical form starts with `\\?\`).
    let canonical = |p: &Path| p.canonicalize().ok();
    let Ok(exe) = std::env::current_exe() else {
        return Program::OnPath;
    };
    let Some(real) = canonical(&exe) else {
        return Program::OnPath;
    };
    let found = which::which("malbild").ok();
    if found.as_deref().and_then(canonical).as_ref() == Some(&real) {
        return Program::OnPath;
    }
    let here = std::env::current_dir().ok();
    if here.as_deref().and_then(canonical).as_deref() == real.parent() {
        let name = exe.file_name().map(|n| n.to_string_lossy().into_owned());
        return Program::Here(name.unwrap_or_else(|| "malbild".into()));
    }
    Program::At(exe)
}

/// Where the program that runs is, seen from the current folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Program {
    /// Found as `malbild` on the `PATH`.
    OnPath,
    /// In the current folder, under this file name.
    Here(String),
    /// Somewhere else.
    At(PathBuf),
}

impl Program {
    /// The words that start the program in a terminal.
    pub(crate) fn words(&self) -> String {
        match self {
            Program::OnPath => "malbild".into(),
            Program::Here(name) if cfg!(windows) => format!(r".\{name}"),
            Program::Here(name) => quote(&format!("./{name}")),
            // PowerShell runs a quoted program name only after `&`.
            Program::At(path) if cfg!(windows) && path.to_string_lossy().contains(' ') => {
                format!("& {}", quote(&path.to_string_lossy()))
            }
            Program::At(path) => quote(&path.to_string_lossy()),
        }
    }
}

/// What `malbild new site DIR` says last: how to preview the new site from
/// the folder the user is in now.
pub(crate) fn site_hint(dir: &Path, program: &Program) -> String {
    let shown = dir.display().to_string();
    let run = match program {
        // Once in DIR, a relative path to the program would no longer work.
        Program::OnPath => format!("cd {}\n    malbild serve", quote(&shown)),
        other => format!("{} serve --root {}", other.words(), quote(&shown)),
    };
    crate::words::w().new_site_done(&shown, &run, shown.trim_end_matches(['/', '\\']))
}

/// What `malbild new publication` says last.
pub(crate) fn publication_hint(program: &Program) -> String {
    crate::words::w().new_publication_done(&program.words())
}

/// A word as a terminal needs it: quoted when it holds a space or a quote.
fn quote(word: &str) -> String {
    if !word.contains([' ', '\'', '"', '&', '(', ')', '$', ';']) {
        word.to_string()
    } else if cfg!(windows) {
        format!("\"{word}\"")
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

fn region_title(region_dir: &Path) -> Option<String> {
    let text = fs::read_to_string(region_dir.join("_index.md")).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("title:"))
        .map(|t| t.trim().trim_matches('"').to_string())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_hint_names_the_program_as_the_user_can_run_it() {
        let dir = Path::new("mitt projekt");
        let hint = |p: Program| site_hint(dir, &p);
        assert_eq!(
            hint(Program::OnPath),
            "\nen ny webbplats finns i mitt projekt. Förhandsgranska den med:\n\n    cd 'mitt projekt'\n    malbild serve\n\nredigera sedan filerna i mitt projekt/content/ och se resultatet i webbläsaren."
                .replace('\'', if cfg!(windows) { "\"" } else { "'" })
        );
        let here = hint(Program::Here("malbild".into()));
        if cfg!(windows) {
            assert!(
                here.contains(r#"    .\malbild serve --root "mitt projekt""#),
                "{here}"
            );
        } else {
            assert!(
                here.contains("    ./malbild serve --root 'mitt projekt'"),
                "{here}"
            );
        }
        let at = hint(Program::At("/home/anna/Hämtade filer/malbild".into()));
        if !cfg!(windows) {
            assert!(
                at.contains("    '/home/anna/Hämtade filer/malbild' serve --root 'mitt projekt'"),
                "{at}"
            );
        }
        assert!(
            site_hint(Path::new("site"), &Program::OnPath)
                .contains("    cd site\n    malbild serve\n")
        );
    }

    // See: issue 11 ("Region Gavleborg", "Nara vard 2030").
    #[test]
    fn every_starter_comment_is_in_both_catalogues() {
        use crate::words::{Lang, of};
        for text in [
            SITE_YAML,
            GUESSED_TITLE,
            HOME,
            REGION,
            PUBLICATION,
            GOAL_PICTURE,
            BACKGROUND,
            FACTORS,
        ] {
            let (sv, en) = (comments(text, of(Lang::Sv)), comments(text, of(Lang::En)));
            assert!(!sv.contains("{{") && !en.contains("{{"), "{sv}\n{en}");
            // Only the comments differ: the same lines, the same keys.
            assert_eq!(sv.lines().count(), en.lines().count());
        }
        assert!(comments(SITE_YAML, of(Lang::Sv)).contains("# Webbplatsen som helhet"));
        assert!(comments(SITE_YAML, of(Lang::En)).contains("# The site as a whole"));
    }

    #[test]
    fn names_from_folder_names() {
        assert_eq!(region_name("gavleborg"), ("Region Gävleborg".into(), true));
        assert_eq!(
            region_name("vastra-gotaland"),
            ("Västra Götalandsregionen".into(), true)
        );
        assert_eq!(region_name("fou-nord"), ("Region Fou nord".into(), false));
        assert_eq!(REGIONS.len(), 21);
        assert_eq!(
            publication_title("nara-vard-2030"),
            ("Nära vård 2030".into(), true)
        );
        assert_eq!(
            publication_title("omstallning-god-och-nara-vard"),
            ("Omställning god och nära vård".into(), true)
        );
        assert_eq!(
            publication_title("framtidens-halsa"),
            ("Framtidens hälsa".into(), false)
        );
        assert_eq!(today().len(), 10);
    }

    #[test]
    fn publication_hint_uses_the_same_program() {
        assert!(publication_hint(&Program::OnPath).contains("`malbild serve`"));
        if !cfg!(windows) {
            assert!(
                publication_hint(&Program::Here("malbild".into())).contains("`./malbild serve`")
            );
        }
    }
}
