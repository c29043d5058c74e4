//! Reads `content/`: the Markdown files, `site.yaml`, the record of the
//! latest accessibility audit (`accessibility-audit.yaml`), and the list of
//! other files (images and the like) to copy beside the pages.
//!
//! This is the only module that reads content from disk. It normalises text
//! (UTF-8 byte order mark and CRLF line endings simply work) and reports files
//! it cannot read as diagnostics; it does not parse anything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, line_col};

/// A text file of the content folder.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the project root, as shown in messages.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// The text, without byte order mark, with `\n` line endings. Shared, so
    /// that an unchanged file costs nothing to keep between rebuilds.
    pub text: Arc<str>,
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute path of the file.
    pub abs: PathBuf,
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// Size and modification time, to tell whether it changed.
    pub stamp: Stamp,
}

/// A file's size and modification time.
pub(crate) type Stamp = (u64, Option<SystemTime>);

/// Texts read by earlier loads, by absolute path, kept while size and
/// modification time stay the same.
#[derive(Debug, Default)]
pub(crate) struct FileCache {
    texts: HashMap<String, (Stamp, Arc<str>)>,
    /// Whether the last walk found every name in NFC, so that content
    /// paths sort as the walk found the files ([`walk_order`]).
    nfc_names: bool,
}

impl FileCache {
    /// Forgets the file at `rel` (relative to `content/`), so the next load
    /// reads it whatever its size and time say: the watcher knows it changed,
    /// and a quick second save can keep both.
    pub(crate) fn forget(&mut self, rel: &str) {
        self.texts.remove(rel);
    }
}

/// Everything read from `content/`.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// `content/site.yaml`, if there is one.
    pub site_yaml: Option<Source>,
    /// `content/accessibility-audit.yaml`, written by the browser audit
    /// (`tests/browser/audit.mjs --record`), if there is one.
    pub audit_yaml: Option<Source>,
    /// The Markdown files, sorted by path.
    pub sources: Vec<Source>,
    /// Every other file, sorted by path.
    pub assets: Vec<Asset>,
    /// Files that could not be read.
    pub diagnostics: Vec<Diagnostic>,
}

/// The record of the latest accessibility audit, in `content/`.
pub(crate) const AUDIT_FILE: &str = "accessibility-audit.yaml";

/// Whether a file is an editor's temporary or backup file, or hidden.
pub(crate) fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "Thumbs.db"
        || name == "desktop.ini"
}

/// Whether `name`, which [`is_ignored`] skips, is a page or a folder a
/// writer meant to publish: `#1 prioritet.md`, not an editor's `#bilaga.md#`
/// (Emacs) or a hidden `.name`, which are skipped without a word.
fn is_misnamed(name: &str, is_dir: bool) -> bool {
    name.starts_with('#') && !name.ends_with('#') && (is_dir || name.ends_with(".md"))
}

/// The warning for a page or folder that is not published for its name
/// (issue 11: `#1 prioritet.md` was dropped without a word).
fn misnamed_warning(path: PathBuf, name: &str, is_dir: bool) -> Diagnostic {
    let better = name.trim_start_matches(['#', ' ']).replace(' ', "-");
    let better = if better.is_empty() || better == ".md" {
        "prioritet-1.md".to_string()
    } else {
        better
    };
    let (message, hint) = crate::words::w().misnamed(is_dir, &better);
    Diagnostic::warning(path, message).with_hint(hint)
}

/// Reads the content folder of `config`.
pub(crate) fn load(config: &Config) -> Loaded {
    load_with(config, &mut FileCache::default())
}

/// Reads the content folder, reading again only the files whose size or
/// modification time changed since `cache` saw them.
pub(crate) fn load_with(config: &Config, cache: &mut FileCache) -> Loaded {
    let content = config.content_dir();
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        loaded.diagnostics.push({
            let (message, hint) = crate::words::w().no_content(&config.root.display().to_string());
            Diagnostic::error(config.relative(&content), message).with_hint(hint)
        });
        return loaded;
    }
    let mut markdown = Vec::new();
    // Links may lead anywhere inside the project, and nowhere outside it: a
    // link to /etc/passwd must not be published.
    let project = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    let mut misnamed = Vec::new();
    let mut nfc_names = true;
    let mut walker = WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            let keep = e.depth() == 0 || !is_ignored(&name);
            if !keep && is_misnamed(&name, e.file_type().is_dir()) {
                misnamed.push((e.path().to_path_buf(), e.file_type().is_dir()));
            }
            keep
        });
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| content.clone());
                if err.loop_ancestor().is_none()
                    && is_link(&path)
                    && let Some(d) = outside_link(config, &project, &path)
                {
                    loaded.diagnostics.push(d);
                    continue;
                }
                let message = if err.loop_ancestor().is_some() {
                    crate::words::w().link_loop().to_string()
                } else {
                    crate::words::w().cannot_read(&io_reason(err.io_error()))
                };
                loaded.diagnostics.push(
                    Diagnostic::error(config.relative(&path), message)
                        .with_hint(crate::words::w().cannot_read_link_hint()),
                );
                continue;
            }
        };
        if entry.path_is_symlink()
            && let Some(d) = outside_link(config, &project, entry.path())
        {
            loaded.diagnostics.push(d);
            if entry.file_type().is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let stamp = entry
            .metadata()
            .map(|m| (m.len(), m.modified().ok()))
            .unwrap_or((0, None));
        let abs = entry.path().to_path_buf();
        let raw = rel_string(abs.strip_prefix(&content).unwrap_or(&abs));
        let rel = nfc(&raw);
        nfc_names &= rel == raw;
        if rel.ends_with(".md") || rel == "site.yaml" || rel == AUDIT_FILE {
            markdown.push((abs, rel, stamp));
        } else {
            loaded.assets.push(Asset { abs, rel, stamp });
        }
    }
    drop(walker);
    for (path, is_dir) in misnamed {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        loaded.diagnostics.push(misnamed_warning(
            config.relative(&path).to_path_buf(),
            &name,
            is_dir,
        ));
    }
    let progress = &config.progress;
    progress.phase(crate::progress::Phase::Read, markdown.len() as u64);
    let read: Vec<(Result<Source, Diagnostic>, Stamp)> = markdown
        .into_par_iter()
        .map(|(abs, rel, stamp)| {
            progress.advance(1);
            let _working = crate::diagnostic::working_on(config.relative(&abs));
            let text = match cache.texts.get(&rel) {
                Some((seen, text)) if *seen == stamp && stamp.1.is_some() => Ok(text.clone()),
                _ => read_text(config, &abs).map(Arc::from),
            };
            let source = text.map(|text| Source {
                path: config.relative(&abs).to_path_buf(),
                rel,
                text,
            });
            (source, stamp)
        })
        .collect();
    let mut texts = HashMap::with_capacity(read.len());
    for (r, stamp) in read {
        match r {
            Ok(s) => {
                texts.insert(s.rel.clone(), (stamp, s.text.clone()));
                if s.rel == "site.yaml" {
                    loaded.site_yaml = Some(s);
                } else if s.rel == AUDIT_FILE {
                    loaded.audit_yaml = Some(s);
                } else {
                    loaded.sources.push(s);
                }
            }
            Err(d) => loaded.diagnostics.push(d),
        }
    }
    cache.texts = texts;
    cache.nfc_names = nfc_names;
    loaded
}

/// An error when the link at `link` leads outside the folder `project`
/// (canonical), or nowhere.
fn outside_link(config: &Config, project: &Path, link: &Path) -> Option<Diagnostic> {
    let shown = config.relative(link);
    let target = std::fs::read_link(link).unwrap_or_default();
    match link.canonicalize() {
        Ok(real) if real.starts_with(project) => None,
        Ok(real) => {
            let (message, hint) = crate::words::w()
                .link_outside_project(&real.display().to_string(), &shown.display().to_string());
            Some(Diagnostic::error(shown, message).with_hint(hint))
        }
        Err(e) => Some(
            Diagnostic::error(
                shown,
                crate::words::w().link_nowhere(
                    &target.display().to_string(),
                    (e.kind() != std::io::ErrorKind::NotFound)
                        .then(|| io_reason(Some(&e)))
                        .as_deref(),
                ),
            )
            .with_hint(crate::words::w().link_nowhere_hint()),
        ),
    }
}

/// Whether `path` is a link (which only a walk of the folder checks).
pub(crate) fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// What [`reload`] changed in what was read.
#[derive(Debug, Default)]
pub(crate) struct Reloaded {
    /// The sources (by index) of files read before whose text is new.
    pub sources: Vec<usize>,
    /// Whether `site.yaml`'s text is new.
    pub site_yaml: bool,
    /// The Markdown files that came (content paths), now in `sources`.
    pub added: Vec<String>,
    /// The Markdown files that went (content paths).
    pub removed: Vec<String>,
    /// Whether a file to copy (not Markdown) came or went.
    pub assets_moved: bool,
}

/// The order of a walk of `content/` ([`load_with`] sorts each folder by
/// name and goes depth first): content paths compared folder by folder.
pub(crate) fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// Brings `loaded` up to date, in place, when only the files `changed`
/// (paths relative to `content/`) changed, without walking the folder. A
/// Markdown file or a file to copy that came or went is put in or taken
/// out in the place a walk gives it, when a walk would only have found
/// that: it is in a folder read before, with no link on the way, no hidden
/// or misnamed name, and its text can be read. `None`, with `loaded` as it
/// was, when that is not enough: a file could not be read before or now,
/// is a link, or is a folder.
pub(crate) fn reload(
    config: &Config,
    loaded: &mut Loaded,
    cache: &mut FileCache,
    changed: &[String],
) -> Option<Reloaded> {
    if !loaded.diagnostics.is_empty() {
        return None;
    }
    enum Slot {
        Source,
        SiteYaml,
        Audit,
        Asset,
        NewSource,
        NewAudit,
        NewAsset,
        Gone,
    }
    let content = config.content_dir();
    // Everything is read first, and nothing changed until all of it was.
    let mut read = Vec::with_capacity(changed.len());
    for rel in changed {
        let abs = content.join(rel);
        let raw = rel.as_str();
        let rel = nfc(rel);
        let text_file = rel.ends_with(".md") || rel == "site.yaml" || rel == AUDIT_FILE;
        let known = |rel: &str| {
            if rel == "site.yaml" {
                loaded.site_yaml.as_ref().map(|_| Slot::SiteYaml)
            } else if rel == AUDIT_FILE {
                loaded.audit_yaml.as_ref().map(|_| Slot::Audit)
            } else if text_file {
                loaded
                    .sources
                    .iter()
                    .any(|s| s.rel == rel)
                    .then_some(Slot::Source)
            } else {
                loaded
                    .assets
                    .iter()
                    .any(|a| a.rel == rel)
                    .then_some(Slot::Asset)
            }
        };
        let meta = match std::fs::symlink_metadata(&abs) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // Gone: only a file read before, which the walk found in
                // its place (a folder that went is walked again).
                if rel == "site.yaml" {
                    return None;
                }
                known(&rel)?;
                read.push((Slot::Gone, rel, (0, None), None));
                continue;
            }
            Err(_) => return None,
        };
        if meta.file_type().is_symlink() || !meta.is_file() {
            return None;
        }
        let stamp = (meta.len(), meta.modified().ok());
        let slot = match known(&rel) {
            Some(slot) => slot,
            None => {
                // New: where a walk would find it, and what a walk would
                // make of its name.
                if raw != rel || !cache.nfc_names || rel == "site.yaml" {
                    return None;
                }
                let mut folder = content.clone();
                let mut names = rel.split('/').peekable();
                let mut skipped = false;
                while let Some(name) = names.next() {
                    let is_dir = names.peek().is_some();
                    if is_ignored(name) {
                        if is_misnamed(name, is_dir) {
                            return None;
                        }
                        skipped = true;
                        break;
                    }
                    if is_dir {
                        folder.push(name);
                        if is_link(&folder) {
                            return None;
                        }
                    }
                }
                if skipped {
                    continue;
                }
                let dir = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
                let in_dir = |r: &str| r.rsplit_once('/').map_or("", |(d, _)| d) == dir;
                if !(loaded.sources.iter().any(|s| in_dir(&s.rel))
                    || loaded.assets.iter().any(|a| in_dir(&a.rel)))
                {
                    return None;
                }
                if rel == AUDIT_FILE {
                    Slot::NewAudit
                } else if text_file {
                    Slot::NewSource
                } else {
                    Slot::NewAsset
                }
            }
        };
        let text = if text_file {
            match read_text(config, &abs) {
                Ok(text) => Some(Arc::<str>::from(text)),
                Err(_) => return None,
            }
        } else {
            None
        };
        read.push((slot, rel, stamp, text));
    }
    let mut reloaded = Reloaded::default();
    let mut edited = Vec::new();
    for (slot, rel, stamp, text) in read {
        let source = match slot {
            Slot::Source => {
                let text = text.expect("a text file");
                cache.texts.insert(rel.clone(), (stamp, text.clone()));
                edited.push((rel, text));
                continue;
            }
            Slot::SiteYaml => {
                reloaded.site_yaml = true;
                loaded.site_yaml.as_mut().expect("found above")
            }
            Slot::Audit => loaded.audit_yaml.as_mut().expect("found above"),
            Slot::Asset => {
                if let Some(a) = loaded.assets.iter_mut().find(|a| a.rel == rel) {
                    a.stamp = stamp;
                }
                continue;
            }
            Slot::NewAudit => loaded.audit_yaml.insert(Source {
                path: config.relative(&content.join(&rel)).to_path_buf(),
                rel: rel.clone(),
                text: Arc::from(""),
            }),
            Slot::NewSource => {
                let text = text.expect("a text file");
                cache.texts.insert(rel.clone(), (stamp, text.clone()));
                let at = loaded
                    .sources
                    .partition_point(|s| walk_order(&s.rel, &rel).is_lt());
                if loaded.sources.get(at).is_some_and(|s| s.rel == rel) {
                    // Named twice in one batch.
                    loaded.sources[at].text = text;
                    continue;
                }
                reloaded.removed.retain(|r| *r != rel);
                reloaded.added.push(rel.clone());
                loaded.sources.insert(
                    at,
                    Source {
                        path: config.relative(&content.join(&rel)).to_path_buf(),
                        rel,
                        text,
                    },
                );
                continue;
            }
            Slot::NewAsset => {
                let at = loaded
                    .assets
                    .partition_point(|a| walk_order(&a.rel, &rel).is_lt());
                if loaded.assets.get(at).is_some_and(|a| a.rel == rel) {
                    loaded.assets[at].stamp = stamp;
                    continue;
                }
                reloaded.assets_moved = true;
                loaded.assets.insert(
                    at,
                    Asset {
                        abs: content.join(&rel),
                        rel,
                        stamp,
                    },
                );
                continue;
            }
            Slot::Gone => {
                cache.texts.remove(&rel);
                if rel == AUDIT_FILE {
                    loaded.audit_yaml = None;
                } else if let Some(i) = loaded.sources.iter().position(|s| s.rel == rel) {
                    loaded.sources.remove(i);
                    reloaded.added.retain(|r| *r != rel);
                    reloaded.removed.push(rel.clone());
                } else if let Some(i) = loaded.assets.iter().position(|a| a.rel == rel) {
                    loaded.assets.remove(i);
                    reloaded.assets_moved = true;
                }
                edited.retain(|(r, _)| *r != rel);
                continue;
            }
        };
        let text = text.expect("a text file");
        source.text = text.clone();
        cache.texts.insert(rel, (stamp, text));
    }
    for (rel, text) in edited {
        if let Some(i) = loaded.sources.iter().position(|s| s.rel == rel) {
            loaded.sources[i].text = text;
            if !reloaded.added.contains(&rel) {
                reloaded.sources.push(i);
            }
        }
    }
    reloaded.sources.sort_unstable();
    reloaded.sources.dedup();
    Some(reloaded)
}

/// `s` in Unicode NFC: macOS saves `å` as `a` and a ring (NFD), a page
/// writes it as one character; names, link targets and output paths are
/// compared and written in NFC (issue 11).
pub(crate) fn nfc(s: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// A path relative to `content/` as a string with `/`.
pub(crate) fn rel_string(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

fn io_reason(err: Option<&std::io::Error>) -> String {
    crate::words::w().io_reason(
        err.map(std::io::Error::kind),
        &err.map(ToString::to_string).unwrap_or_default(),
    )
}

/// Reads a file as UTF-8 text, without BOM and with `\n` line endings.
pub(crate) fn read_text(config: &Config, abs: &Path) -> Result<String, Diagnostic> {
    let shown = config.relative(abs).to_path_buf();
    let bytes = std::fs::read(abs).map_err(|e| {
        Diagnostic::error(&shown, crate::words::w().cannot_read(&io_reason(Some(&e))))
            .with_hint(crate::words::w().cannot_read_hint())
    })?;
    decode(&shown, bytes)
}

/// The text of a file saved as UTF-16 with a byte order mark (Notepad's
/// "Unicode"; issue 11), `None` for any other file. Positions in messages
/// are then those of the decoded text, as for any file.
fn utf16(shown: &Path, bytes: &[u8]) -> Option<Result<String, Diagnostic>> {
    let unit: fn([u8; 2]) -> u16 = match bytes.get(..2)? {
        [0xff, 0xfe] => u16::from_le_bytes,
        [0xfe, 0xff] => u16::from_be_bytes,
        _ => return None,
    };
    let units: Vec<u16> = bytes[2..]
        .chunks(2)
        .map(|c| unit([c[0], c.get(1).copied().unwrap_or(0)]))
        .collect();
    let bad = if bytes.len() % 2 == 1 {
        Some(units.len() - 1)
    } else {
        let mut at = 0;
        char::decode_utf16(units.iter().copied()).find_map(|c| match c {
            Ok(c) => {
                at += c.len_utf16();
                None
            }
            Err(_) => Some(at),
        })
    };
    Some(match bad {
        None => Ok(String::from_utf16_lossy(&units)),
        Some(at) => {
            let text = String::from_utf16_lossy(&units);
            let before = String::from_utf16_lossy(&units[..at]);
            let (line, column) = line_col(&text, before.len());
            let (message, hint) = crate::words::w().utf16_broken();
            Err(Diagnostic::error(shown, message)
                .with_hint(hint)
                .at(&text, line, column))
        }
    })
}

/// Turns file bytes into normalised text, or says why they are not text.
pub fn decode(shown: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let bytes = match utf16(shown, &bytes) {
        Some(text) => text?.into_bytes(),
        None => bytes,
    };
    if bytes.contains(&0) {
        let (message, hint) = crate::words::w().not_text();
        return Err(Diagnostic::error(shown, message).with_hint(hint));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(err.as_bytes()).into_owned();
            let (line, column) = line_col(&lossy, valid);
            let (message, hint) = crate::words::w().not_utf8();
            return Err(Diagnostic::error(shown, message)
                .at(&lossy, line, column)
                .with_hint(hint));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_normalises_and_refuses() {
        let p = Path::new("a.md");
        assert_eq!(
            decode(p, b"\xef\xbb\xbf---\r\ntitle: A\r\n".to_vec()).unwrap(),
            "---\ntitle: A\n"
        );
        let err = decode(p, b"ok\nbad \xff here".to_vec()).unwrap_err();
        assert_eq!((err.line, err.column), (2, 5));
        assert!(decode(p, b"PNG\0\0".to_vec()).is_err());
    }

    // See: issue 11 (Notepad's "Unicode" was "not a text file").
    #[test]
    fn decode_reads_utf16_with_a_byte_order_mark() {
        let p = Path::new("a.md");
        let text = "---\r\ntitle: Nära vård 😀\r\n";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le.clone(), be] {
            assert_eq!(decode(p, bytes).unwrap(), "---\ntitle: Nära vård 😀\n");
        }
        // Half a character at the end, and a lone surrogate on line 2.
        let mut odd = le.clone();
        odd.push(b'x');
        let err = decode(p, odd).unwrap_err();
        assert_eq!(err.line, 3, "{err:?}");
        let mut lone = le[..2 + 2 * 7].to_vec();
        lone.extend(0xd800u16.to_le_bytes());
        lone.extend(u16::from(b'a').to_le_bytes());
        let err = decode(p, lone).unwrap_err();
        assert_eq!((err.line, err.column), (2, 3), "{err:?}");
        assert!(err.message.contains("UTF-16"));
    }

    /// What was read, as text, to compare two loads.
    fn shape(loaded: &Loaded) -> String {
        let sources: Vec<_> = loaded
            .sources
            .iter()
            .map(|s| (&s.path, &s.rel, &*s.text))
            .collect();
        let assets: Vec<_> = loaded
            .assets
            .iter()
            .map(|a| (&a.abs, &a.rel, a.stamp.0))
            .collect();
        let audit = loaded
            .audit_yaml
            .as_ref()
            .map(|s| (&s.path, &s.rel, &*s.text));
        format!(
            "{sources:?}\n{assets:?}\n{audit:?}\n{:?}",
            loaded.diagnostics
        )
    }

    // A file that came or went is put in or taken out where a walk of the
    // folder puts it; a link, a folder, a new folder or a misnamed page
    // walks the folder.
    #[test]
    fn files_that_came_or_went_are_reloaded_in_place() {
        let files = [
            "_index.md",
            "a/_index.md",
            "a/b.md",
            "a/d.md",
            "a/bild.png",
            "a-b/_index.md",
            "a-b/c.md",
            "a.b/_index.md",
        ];
        // (made, removed, whether it is done in place)
        let cases: &[(&[&str], &[&str], bool)] = &[
            (&["a/c.md"], &[], true),
            (&["a/a.md"], &[], true),
            (&["a/z.md"], &[], true),
            (&["a-b/b.md"], &[], true),
            (&["a-a.md"], &[], true),
            (&["a.md"], &[], true),
            (&["a/c.md", "a/e.md"], &["a/b.md"], true),
            (&[], &["a/d.md"], true),
            (&["a/bild2.png"], &["a/bild.png"], true),
            (&["accessibility-audit.yaml"], &[], true),
            (&[".a.md.swp"], &[], true),
            (&["a/#b.md#"], &[], true),
            (&["a/#1 prioritet.md"], &[], false),
            // Not in NFC (macOS): its place is by the name on disk.
            (&["a/a\u{30a}.md"], &[], false),
            (&["ny/_index.md"], &[], false),
            (&[], &["a"], false),
            (&["a/ny"], &[], false),
            (&[], &["site.yaml"], false),
            (&[], &["saknas.md"], false),
        ];
        for (made, removed, in_place) in cases {
            let dir = tempfile::tempdir().unwrap();
            let config = Config::new(dir.path());
            let content = config.content_dir();
            let write = |rel: &str| {
                let path = content.join(rel);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, format!("---\ntitle: {rel}\n---\n")).unwrap();
            };
            for rel in files.iter().chain(&["site.yaml"]) {
                write(rel);
            }
            let mut cache = FileCache::default();
            let mut loaded = load_with(&config, &mut cache);
            for rel in *made {
                if rel.ends_with('y') {
                    std::fs::create_dir_all(content.join(rel)).unwrap();
                } else {
                    write(rel);
                }
            }
            for rel in *removed {
                let path = content.join(rel);
                if path.is_dir() {
                    std::fs::remove_dir_all(path).unwrap();
                } else {
                    let _ = std::fs::remove_file(path);
                }
            }
            let changed: Vec<String> = made.iter().chain(*removed).map(|s| s.to_string()).collect();
            let was = shape(&loaded);
            let reloaded = reload(&config, &mut loaded, &mut cache, &changed);
            assert_eq!(reloaded.is_some(), *in_place, "{changed:?}");
            if reloaded.is_none() {
                assert_eq!(shape(&loaded), was, "{changed:?}");
                continue;
            }
            let want = load_with(&config, &mut FileCache::default());
            assert_eq!(shape(&loaded), shape(&want), "{changed:?}");
        }
    }

    #[test]
    fn editor_files_are_ignored() {
        for name in [
            ".x.md.swp",
            "x.md~",
            "#x.md#",
            ".#x.md",
            "4913",
            ".DS_Store",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("malbild.md"));
    }
}
