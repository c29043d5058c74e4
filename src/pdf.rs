//! `malbild build --pdf`: a PDF of each publication's print page, made by a
//! locally installed Chromium (or Google Chrome, or Microsoft Edge) run as a
//! separate program in headless mode.
//!
//! The built site is first written to a scratch folder beside the output
//! folder (through `output::scratch`); Chromium prints each print page of it
//! to a tagged PDF with bookmarks from the headings. The PDFs then join the
//! site's files like any other output, and the publications' landing pages are
//! rendered again to link them. Nothing here can break the build: when no
//! browser is found, or one PDF fails, the site is built without it and a
//! warning says what to do. This module reads back the PDFs Chromium wrote;
//! it writes nothing itself.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{PageId, Site};
use crate::output::Copy;
use crate::print;
use crate::render::{self, Body, OutFile, PdfLink};
use crate::theme::Theme;

/// The environment variable that names the browser's program file.
pub(crate) const ENV: &str = "MALBILD_CHROMIUM";

/// Programs looked for on the `PATH`, in this order.
const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// How long one PDF may take before Chromium is stopped.
const TIMEOUT: Duration = Duration::from_secs(180);

/// Where the messages about the PDF step point: the option that asked for it.
const ASKED_BY: &str = "--pdf";

/// What the PDF step made.
#[derive(Debug, Default)]
pub(crate) struct Made {
    /// Output paths of the PDFs made now, with their sizes in bytes.
    pub pdfs: Vec<(String, u64)>,
    /// How many PDFs of an earlier build stay as they are (their print page
    /// did not change).
    pub kept: usize,
}

/// What the PDF step works on: a prepared site's model, bodies and theme to
/// read, beside its files to add to (`Prepared::parts` lends them).
pub(crate) struct Parts<'a> {
    pub(crate) site: &'a Site,
    pub(crate) bodies: &'a [Arc<Body>],
    pub(crate) theme: &'a Theme,
    pub(crate) files: &'a mut Vec<OutFile>,
    pub(crate) all: &'a mut Vec<String>,
    pub(crate) copies: &'a [Copy],
}

/// Makes the PDF of every print page in `prepared` that was made again (or
/// whose PDF is not in the output folder, which `written` describes), adds
/// the PDFs to its files and renders the landing pages of those
/// publications again with a link to them. A PDF whose print page did not
/// change stays, and so does its link. Problems become warnings.
pub(crate) fn build(
    config: &Config,
    prepared: Option<Parts<'_>>,
    written: &mut crate::output::Written,
    diagnostics: &mut Vec<Diagnostic>,
) -> Made {
    let Some(mut prepared) = prepared else {
        return Made::default();
    };
    let site = prepared.site;
    let swedish = site.config.language.starts_with("sv");
    let made_now: std::collections::HashSet<&str> =
        prepared.files.iter().map(|f| f.path.as_str()).collect();
    let mut wanted: Vec<PageId> = Vec::new();
    // PDFs that stay: their print page is as the last build made it.
    let mut links = BTreeMap::new();
    for id in print::publications(site) {
        let pdf = print::pdf_path(site, id);
        let on_disk = std::fs::metadata(config.output.join(&pdf)).map(|m| m.len());
        if written
            .get(&pdf)
            .is_some_and(|stamp| on_disk.as_ref().ok() != Some(&stamp.size))
        {
            // Removed or changed by hand since: written again when made.
            written.remove(&pdf);
        }
        match written.get(&pdf) {
            Some(stamp)
                if *stamp != crate::output::Stamp::UNKNOWN
                    && !made_now.contains(print::output_path(site, id).as_str()) =>
            {
                links.insert(
                    id,
                    PdfLink {
                        url: pdf,
                        size: size_text(stamp.size, swedish),
                    },
                );
            }
            _ => wanted.push(id),
        }
    }
    let mut made = Made {
        kept: links.len(),
        ..Made::default()
    };
    prepared.all.extend(links.values().map(|l| l.url.clone()));
    // The landing pages to render again: those of PDFs made (or failed)
    // now, and those of kept PDFs whose page was made now without the link.
    let mut landing: Vec<PageId> = links
        .keys()
        .copied()
        .filter(|&id| made_now.contains(site.pages[id].output_path().as_str()))
        .collect();
    landing.extend(&wanted);
    let mut fresh_print_pages = Vec::new();
    for &id in &wanted {
        let path = print::output_path(site, id);
        if !made_now.contains(path.as_str()) {
            // Its print page is fresh but its PDF is missing: Chromium prints
            // the print page that is in the output folder.
            if let Ok(bytes) = std::fs::read(config.output.join(&path)) {
                fresh_print_pages.push(OutFile { path, bytes });
            }
        }
    }
    if wanted.is_empty() {
        rerender_landing(&mut prepared, &landing, &links, diagnostics);
        return made;
    }
    let chromium = match find(config.chromium.as_deref()) {
        Ok(c) => c,
        Err(d) => {
            diagnostics.push(d);
            rerender_landing(&mut prepared, &landing, &links, diagnostics);
            return made;
        }
    };
    let files: Vec<OutFile> = prepared
        .files
        .iter()
        .cloned()
        .chain(fresh_print_pages)
        .collect();
    let scratch = match crate::output::scratch(config, &files, prepared.copies) {
        Ok(dir) => dir,
        Err(e) => {
            diagnostics.push({
                let (message, hint) = crate::words::w().pdf_no_scratch(&format!("{e:#}"));
                Diagnostic::warning(ASKED_BY, message).with_hint(hint)
            });
            rerender_landing(&mut prepared, &landing, &links, diagnostics);
            return made;
        }
    };
    drop(files);
    let progress = &config.progress;
    progress.phase(crate::progress::Phase::Pdf, wanted.len() as u64);
    let results: Vec<(PageId, Result<Vec<u8>, String>)> = wanted
        .par_iter()
        .map(|&id| {
            let made = make(&chromium, scratch.path(), &prepared, id);
            progress.advance(1);
            (id, made)
        })
        .collect();
    for (id, result) in results {
        let publication = &site.pages[id];
        match result {
            Ok(bytes) => {
                let path = print::pdf_path(site, id);
                let size = bytes.len() as u64;
                links.insert(
                    id,
                    PdfLink {
                        url: path.clone(),
                        size: size_text(size, swedish),
                    },
                );
                made.pdfs.push((path.clone(), size));
                prepared.all.push(path.clone());
                prepared.files.push(OutFile { path, bytes });
            }
            Err(why) => diagnostics.push({
                let (message, hint) =
                    crate::words::w().pdf_failed(&why.to_string(), &print::output_path(site, id));
                Diagnostic::warning(&publication.path, message).with_hint(hint)
            }),
        }
    }
    drop(scratch);
    rerender_landing(&mut prepared, &landing, &links, diagnostics);
    made
}

/// Renders the landing pages `ids` again, with the links to the PDFs in
/// `links` (a page without one gets none), in place of the files made
/// before or as new files.
fn rerender_landing(
    prepared: &mut Parts<'_>,
    ids: &[PageId],
    links: &BTreeMap<PageId, PdfLink>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let landing = render::rerender(
        prepared.site,
        prepared.bodies,
        prepared.theme,
        ids,
        links,
        diagnostics,
    );
    for new in landing {
        match prepared.files.iter_mut().find(|f| f.path == new.path) {
            Some(old) => *old = new,
            None => prepared.files.push(new),
        }
    }
}

/// How many times a PDF is made to get the page numbers of its table of
/// contents right (the first time without numbers).
const PASSES: usize = 3;

/// Makes the PDF of publication `id`'s print page in the scratch folder `dir`.
///
/// Chromium cannot number a table of contents (`target-counter()`), so the
/// first PDF's bookmarks give the pages, the print page is made again with
/// them, and printed again; this is kept when its bookmarks agree with the
/// numbers in it. Otherwise the first PDF, without numbers, is the one.
fn make(chromium: &Path, dir: &Path, prepared: &Parts<'_>, id: PageId) -> Result<Vec<u8>, String> {
    let site = prepared.site;
    let page = dir.join(print::output_path(site, id));
    let pdf = dir.join(format!("malbild-{id}.pdf"));
    let first = print_to_pdf(chromium, &page, &pdf)?;
    let mut bytes = first.clone();
    let mut shown: Option<Vec<usize>> = None;
    for _ in 1..PASSES {
        let marks = bookmarks(&bytes);
        let Some(made) = print::numbered(site, prepared.bodies, prepared.theme, id, &marks) else {
            return Ok(first);
        };
        let (file, numbers) = made.map_err(|d| d.message)?;
        if numbers.is_empty() {
            return Ok(first);
        }
        if shown.as_ref() == Some(&numbers) {
            return Ok(bytes);
        }
        crate::output::write_into(dir, &file).map_err(|e| format!("{e:#}"))?;
        bytes = print_to_pdf(chromium, &page, &pdf)?;
        shown = Some(numbers);
    }
    let confirmed = print::numbered(
        site,
        prepared.bodies,
        prepared.theme,
        id,
        &bookmarks(&bytes),
    )
    .and_then(Result::ok)
    .is_some_and(|(_, numbers)| Some(numbers) == shown);
    Ok(if confirmed { bytes } else { first })
}

/// The bookmarks of a PDF, in order: title and page (from 1). None when the
/// PDF cannot be read.
fn bookmarks(pdf: &[u8]) -> Vec<(String, usize)> {
    lopdf::Document::load_mem(pdf)
        .and_then(|doc| doc.get_toc())
        .map(|toc| toc.toc.into_iter().map(|t| (t.title, t.page)).collect())
        .unwrap_or_default()
}

/// The browser to print with: `MALBILD_CHROMIUM` (passed in as `setting`),
/// else the first of [`NAMES`] on the `PATH`, else the usual places on
/// Windows and macOS.
pub(crate) fn find(setting: Option<&Path>) -> Result<PathBuf, Diagnostic> {
    if let Some(path) = setting {
        return match which::which(path) {
            Ok(found) => Ok(found),
            Err(_) => {
                let (message, hint) =
                    crate::words::w().pdf_bad_env(ENV, &path.display().to_string());
                Err(Diagnostic::warning(ASKED_BY, message).with_hint(hint))
            }
        };
    }
    if let Some(found) = NAMES.iter().find_map(|n| which::which(n).ok()) {
        return Ok(found);
    }
    if let Some(found) = usual_places().into_iter().find(|p| p.is_file()) {
        return Ok(found);
    }
    let (message, hint) = crate::words::w().pdf_no_browser();
    Err(Diagnostic::warning(ASKED_BY, message).with_hint(hint))
}

/// Where Chrome, Edge and Chromium install themselves outside the `PATH`.
fn usual_places() -> Vec<PathBuf> {
    let mut places = Vec::new();
    if cfg!(target_os = "macos") {
        for app in [
            "Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chromium.app/Contents/MacOS/Chromium",
            "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        ] {
            places.push(Path::new("/Applications").join(app));
        }
    }
    if cfg!(windows) {
        for var in ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"] {
            if let Some(dir) = std::env::var_os(var) {
                let dir = PathBuf::from(dir);
                places.push(dir.join(r"Google\Chrome\Application\chrome.exe"));
                places.push(dir.join(r"Microsoft\Edge\Application\msedge.exe"));
                places.push(dir.join(r"Chromium\Application\chrome.exe"));
            }
        }
    }
    places
}

/// The command-line switches for one PDF. `--generate-pdf-document-outline`
/// makes bookmarks from the headings; it needs the tagged (accessible) PDF,
/// which current Chromium makes by default in headless mode and older
/// versions make with `--export-tagged-pdf` (newer ones ignore it).
fn arguments(profile: &Path, page: &Path, pdf: &Path) -> Result<Vec<OsString>, String> {
    let page_url = url::Url::from_file_path(page)
        .map_err(|()| crate::words::w().pdf_why(0, &page.display().to_string(), ""))?;
    let with = |flag: &str, value: &Path| {
        let mut s = OsString::from(flag);
        s.push(value.as_os_str());
        s
    };
    Ok(vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-dev-shm-usage".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        with("--user-data-dir=", profile),
        with("--print-to-pdf=", pdf),
        "--no-pdf-header-footer".into(),
        "--export-tagged-pdf".into(),
        "--generate-pdf-document-outline".into(),
        page_url.as_str().into(),
    ])
}

/// Runs the browser on `page` and returns the PDF's bytes, or why not.
fn print_to_pdf(chromium: &Path, page: &Path, pdf: &Path) -> Result<Vec<u8>, String> {
    let profile = tempfile::Builder::new()
        .prefix("malbild-chromium-")
        .tempdir()
        .map_err(|e| crate::words::w().pdf_why(1, "", &e.to_string()))?;
    let mut child = Command::new(chromium)
        .args(arguments(profile.path(), page, pdf)?)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            crate::words::w().pdf_why(2, &chromium.display().to_string(), &e.to_string())
        })?;
    // Chromium can write a lot to stderr; read it while waiting so it never
    // blocks. A helper process may keep the pipe open after the browser has
    // exited, so the text is taken only if it comes soon after.
    let stderr = child.stderr.take();
    let (send, said) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut s) = stderr {
            let _ = std::io::Read::read_to_string(&mut s, &mut text);
        }
        let _ = send.send(text);
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(crate::words::w().pdf_why(
                    3,
                    &chromium.display().to_string(),
                    &TIMEOUT.as_secs().to_string(),
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                return Err(crate::words::w().pdf_why(
                    4,
                    &chromium.display().to_string(),
                    &e.to_string(),
                ));
            }
        }
    };
    let stderr = said
        .recv_timeout(Duration::from_secs(5))
        .unwrap_or_default();
    let bytes = std::fs::read(pdf).unwrap_or_default();
    if status.success() && bytes.starts_with(b"%PDF-") {
        return Ok(bytes);
    }
    let said = last_message(&stderr);
    let said = if said.is_empty() {
        String::new()
    } else {
        crate::words::w().pdf_said(&said)
    };
    let program = chromium.display().to_string();
    Err(if status.success() {
        format!("{}{said}", crate::words::w().pdf_why(5, &program, ""))
    } else {
        format!(
            "{}{said}",
            crate::words::w().pdf_why(6, &program, &status.to_string())
        )
    })
}

/// The last line of a browser's stderr that is not about D-Bus, GPU or
/// other noise every headless run prints.
fn last_message(stderr: &str) -> String {
    stderr
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .rfind(|l| {
            !["dbus", "gpu", "Fontconfig", "sandbox"]
                .iter()
                .any(|n| l.contains(n))
        })
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect()
}

/// A file size for people: `412 kB`, `1,2 MB` (a decimal comma in Swedish).
pub(crate) fn size_text(bytes: u64, decimal_comma: bool) -> String {
    const K: u64 = 1000;
    let kb = bytes.div_ceil(K).max(1);
    if kb < K {
        return format!("{kb} kB");
    }
    let mb = format!("{:.1}", bytes as f64 / (K * K) as f64);
    let mb = if decimal_comma {
        mb.replace('.', ",")
    } else {
        mb
    };
    format!("{mb} MB")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        let cases = [
            (0, "1 kB"),
            (999, "1 kB"),
            (1_000, "1 kB"),
            (1_001, "2 kB"),
            (412_300, "413 kB"),
            (999_000, "999 kB"),
            (999_001, "1,0 MB"),
            (1_000_000, "1,0 MB"),
            (1_240_000, "1,2 MB"),
        ];
        for (bytes, want) in cases {
            assert_eq!(size_text(bytes, true), want, "{bytes}");
        }
        assert_eq!(size_text(1_240_000, false), "1.2 MB");
    }

    #[test]
    fn noise_is_left_out_of_messages() {
        let stderr = "[1:2:ERROR:dbus/bus.cc:405] Failed to connect to the bus\nERROR: file not found: x.html\n[3:4:ERROR:gpu/init.cc] no gpu\n";
        assert_eq!(last_message(stderr), "ERROR: file not found: x.html");
    }

    #[test]
    fn a_setting_that_points_nowhere_is_explained() {
        let d = find(Some(Path::new("/no/such/chromium"))).unwrap_err();
        assert!(!d.is_error());
        assert!(
            d.message
                .contains("MALBILD_CHROMIUM är satt till `/no/such/chromium`"),
            "{}",
            d.message
        );
    }
}
