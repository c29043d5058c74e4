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
        let rel = nfc(&rel_string(abs.strip_prefix(&content).unwrap_or(&abs)));
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
    /// The sources (by index) whose text is new.
    pub sources: Vec<usize>,
    /// Whether `site.yaml`'s text is new.
    pub site_yaml: bool,
}

/// Brings `loaded` up to date, in place, when only the files `changed`
/// (paths relative to `content/`) changed, without walking the folder.
/// `None`, with `loaded` as it was, when that is not enough: a file is new,
/// gone, or could not be read before.
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
        Source(usize),
        SiteYaml,
        Audit,
        Asset(usize),
    }
    // Everything is read first, and nothing changed until all of it was.
    let mut read = Vec::with_capacity(changed.len());
    for rel in changed {
        let abs = config.content_dir().join(rel);
        let rel = nfc(rel);
        if is_link(&abs) {
            return None;
        }
        let meta = std::fs::metadata(&abs)
            .ok()
            .filter(std::fs::Metadata::is_file)?;
        let stamp = (meta.len(), meta.modified().ok());
        if rel.ends_with(".md") || rel == "site.yaml" || rel == AUDIT_FILE {
            let text: Arc<str> = match read_text(config, &abs) {
                Ok(text) => Arc::from(text),
                Err(_) => return None,
            };
            let slot = if rel == "site.yaml" {
                loaded.site_yaml.as_ref().map(|_| Slot::SiteYaml)?
            } else if rel == AUDIT_FILE {
                loaded.audit_yaml.as_ref().map(|_| Slot::Audit)?
            } else {
                Slot::Source(loaded.sources.iter().position(|s| s.rel == rel)?)
            };
            read.push((slot, rel, stamp, Some(text)));
        } else {
            let i = loaded.assets.iter().position(|a| a.rel == rel)?;
            read.push((Slot::Asset(i), rel, stamp, None));
        }
    }
    let mut reloaded = Reloaded::default();
    for (slot, rel, stamp, text) in read {
        let source = match slot {
            Slot::Source(i) => {
                reloaded.sources.push(i);
                &mut loaded.sources[i]
            }
            Slot::SiteYaml => {
                reloaded.site_yaml = true;
                loaded.site_yaml.as_mut().expect("found above")
            }
            Slot::Audit => loaded.audit_yaml.as_mut().expect("found above"),
            Slot::Asset(i) => {
                loaded.assets[i].stamp = stamp;
                continue;
            }
        };
        let text = text.expect("a text file");
        source.text = text.clone();
        cache.texts.insert(rel, (stamp, text));
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
