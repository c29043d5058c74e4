//! Writes the built site: into a fresh folder beside the output folder, then
//! swapped in (one atomic exchange where the system has one, else two
//! renames), so a failed build leaves the previous output exactly as it was.
//!
//! This is the only module that writes to disk (besides `malbild new`). It
//! deletes only what malbild wrote: the output folder must be empty, absent,
//! or hold the marker file a previous build left there, which lists the files
//! that build wrote; every other file in it is carried over into the new
//! folder. One build at a time writes into an output folder ([`lock`]).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::progress::{Phase, Progress, Silent};
use crate::theme::FileSource;

/// A file the build writes.
#[derive(Debug, Clone)]
pub struct OutFile {
    /// Path relative to the output folder, with `/`.
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The file that marks a folder as written by malbild, and lists the files
/// malbild wrote there.
pub(crate) const MARKER: &str = ".malbild-output";

/// The first lines of [`MARKER`]; the files follow, one a line, each after
/// the hash of what was written (xxh3 of the bytes, or the stamp of a copied
/// file's source) and its size: `0123456789abcdef 4711 sormland/index.html`.
const MARKER_HEAD: &str = "This folder was written by malbild. A build replaces the files listed below\nand leaves every other file in the folder alone.\nfiles, each after its hash and size:\n";

/// The line before the files in the marker of a malbild that kept no hashes.
const OLD_FILES: &str = "\nfiles:\n";

/// What a test build does wrong on purpose (`MALBILD_FAULT`, only in debug
/// builds): `kill-between-renames` swaps with two renames and exits between
/// them, as a power cut would.
#[cfg(debug_assertions)]
fn fault(what: &str) -> bool {
    std::env::var("MALBILD_FAULT").is_ok_and(|v| v == what)
}

#[cfg(not(debug_assertions))]
fn fault(_: &str) -> bool {
    false
}

/// The files a marker lists, or `None` for a marker of an older malbild
/// (which replaced the whole folder) or none at all.
fn listed(out: &Path) -> Option<std::collections::HashSet<String>> {
    let text = fs::read_to_string(out.join(MARKER)).ok()?;
    Some(parse_marker(&text)?.into_iter().map(|(p, _)| p).collect())
}

/// The files of a marker's text, with what was written when it says.
fn parse_marker(text: &str) -> Option<Vec<(String, Option<Stamp>)>> {
    if let Some((_, files)) = text.split_once(OLD_FILES) {
        return Some(files.lines().map(|l| (l.to_string(), None)).collect());
    }
    let head_end = MARKER_HEAD.rsplit('\n').nth(1)?;
    let (_, files) = text.split_once(&format!("\n{head_end}\n"))?;
    Some(
        files
            .lines()
            .map(|line| {
                let mut parts = line.splitn(3, ' ');
                let hash = parts.next().and_then(|h| u64::from_str_radix(h, 16).ok());
                let size = parts.next().and_then(|s| s.parse().ok());
                match (hash, size, parts.next()) {
                    (Some(hash), Some(size), Some(path)) => {
                        (path.to_string(), Some(Stamp { hash, size }))
                    }
                    _ => (line.to_string(), None),
                }
            })
            .collect(),
    )
}

/// The marker's text for a folder holding `files`.
fn marker_text(files: &Written) -> String {
    let mut files: Vec<(&String, &Stamp)> =
        files.iter().filter(|(f, _)| !f.contains('\n')).collect();
    // In parallel: some 16,000 paths with long common beginnings, a few
    // milliseconds of comparing on one core.
    files.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut text = String::with_capacity(
        MARKER_HEAD.len() + files.iter().map(|(p, _)| p.len() + 40).sum::<usize>(),
    );
    text.push_str(MARKER_HEAD);
    // By hand rather than through `format!`: a rebuild that adds a file
    // writes the list of 16,000 files again.
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for (path, stamp) in files {
        let mut line = [0u8; 16];
        for (i, b) in line.iter_mut().enumerate() {
            *b = HEX[(stamp.hash >> (60 - 4 * i) & 0xf) as usize];
        }
        text.push_str(std::str::from_utf8(&line).expect("hex digits"));
        text.push(' ');
        text.push_str(itoa(stamp.size, &mut [0u8; 20]));
        text.push(' ');
        text.push_str(path);
        text.push('\n');
    }
    text
}

/// `n` in decimal, written into `buf`.
fn itoa(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).expect("digits")
}

/// What an output folder that an earlier build (another run of malbild)
/// wrote holds, as its marker says, for [`update`]: a file is trusted to
/// hold what the marker says when it has the size written there and was
/// not changed after the marker was written; any other file the marker
/// lists is [`Stamp::UNKNOWN`] (written again, or removed when gone). Empty
/// when there is no marker, or one without hashes.
pub(crate) fn on_disk(config: &Config) -> Written {
    let out = &config.output;
    let marker = out.join(MARKER);
    let (Ok(text), Ok(meta)) = (fs::read_to_string(&marker), fs::metadata(&marker)) else {
        return Written::default();
    };
    let Some(files) = parse_marker(&text) else {
        return Written::default();
    };
    let Ok(when) = meta.modified() else {
        return Written::default();
    };
    if files.iter().any(|(_, s)| s.is_none()) {
        return Written::default();
    }
    files
        .into_par_iter()
        .map(|(path, stamp)| {
            let stamp = stamp.unwrap_or(Stamp::UNKNOWN);
            let same = fs::symlink_metadata(out.join(&path)).is_ok_and(|m| {
                m.is_file() && m.len() == stamp.size && m.modified().is_ok_and(|t| t <= when)
            });
            (path, if same { stamp } else { Stamp::UNKNOWN })
        })
        .collect()
}

/// Holds the output folder for one build; dropping it lets the next one in.
#[derive(Debug)]
pub struct Lock {
    _file: fs::File,
}

/// Waits until no other malbild builds into the output folder of `config`
/// (saying so through [`Config::notice`]), then holds it. The lock is a file
/// beside the output folder, `.<output>.malbild.lock`; it stays there.
pub fn lock(config: &Config) -> Result<Lock> {
    use fs4::fs_std::FileExt;
    let (_, parent, name) = beside_output(config)?;
    let path = parent.join(format!(".{name}.malbild.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .read(true)
        .write(true)
        .open(&path)
        .with_context(|| crate::words::w().cannot_create(&path.display().to_string()))?;
    let locked = |e: std::io::Error| {
        anyhow::anyhow!(
            "{}",
            crate::words::w().cannot_lock(
                &path.display().to_string(),
                &e.to_string(),
                &config.output.display().to_string()
            )
        )
    };
    if !file.try_lock_exclusive().map_err(locked)? {
        (config.notice)(
            &crate::words::w().waiting(&config.relative(&config.output).display().to_string()),
        );
        file.lock_exclusive().map_err(locked)?;
    }
    Ok(Lock { _file: file })
}

/// Puts the previous output folder back when a build stopped between the two
/// renames of the swap (killed, or the power went): the output folder is
/// missing and the old one is beside it. Says so through [`Config::notice`].
pub(crate) fn recover(config: &Config) -> Result<()> {
    let (out, parent, name) = beside_output(config)?;
    if out.symlink_metadata().is_ok() {
        return Ok(());
    }
    let prefix = format!(".{name}.malbild-old-");
    let newest = fs::read_dir(&parent)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .filter(|e| e.path().join(MARKER).is_file())
        .max_by_key(|e| e.metadata().and_then(|m| m.modified()).ok());
    let Some(old) = newest else {
        return Ok(());
    };
    fs::rename(old.path(), &out).with_context(|| {
        crate::words::w().cannot_recover(
            &old.path().display().to_string(),
            &out.display().to_string(),
        )
    })?;
    (config.notice)(&crate::words::w().recovered(
        &config.relative(&config.output).display().to_string(),
        &old.file_name().to_string_lossy(),
    ));
    Ok(())
}

/// A file copied to the output as it is.
#[derive(Debug, Clone)]
pub struct Copy {
    /// Where it comes from.
    pub from: FileSource,
    /// Path relative to the output folder.
    pub to: String,
    /// Changes when the source changes (size and time, or content).
    pub stamp: u64,
}

/// What is in the output folder: output path to what was written there.
pub(crate) type Written = crate::hash::FxMap<String, Stamp>;

/// What was written to one output file: a hash of the bytes (pages) or the
/// stamp of the source (copies), and the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    /// xxh3 of the bytes, or [`Copy::stamp`].
    pub hash: u64,
    /// The file's size in bytes.
    pub size: u64,
}

impl Stamp {
    /// A file of ours whose bytes are not known (changed since, or listed by
    /// a marker without hashes): always written again.
    pub(crate) const UNKNOWN: Stamp = Stamp {
        hash: 0,
        size: u64::MAX,
    };

    /// The stamp of `bytes`.
    pub(crate) fn of(bytes: &[u8]) -> Stamp {
        Stamp {
            hash: crate::hash::bytes(bytes),
            size: bytes.len() as u64,
        }
    }

    /// Whether this is what was written, as far as known: its hash is
    /// `hash`.
    pub(crate) fn is(self, hash: u64) -> bool {
        self != Stamp::UNKNOWN && self.hash == hash
    }
}

/// What a write did.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    /// Everything now in the output folder.
    pub written: Written,
    /// Files written.
    pub n_written: usize,
    /// Files removed.
    pub n_removed: usize,
    /// The paths of the files written or removed, when known: a rebuild
    /// over the output folder knows them; a build from nothing (`None`)
    /// wrote every file. What `serve` tells the browser.
    pub paths: Option<Vec<String>>,
}

/// The stamp of a theme file.
pub(crate) fn stamp_of(source: &FileSource) -> u64 {
    match source {
        FileSource::Disk(p) => {
            let meta = fs::metadata(p).ok();
            crate::hash::Combine::default()
                .u64(meta.as_ref().map_or(0, fs::Metadata::len))
                .str(&format!("{:?}", meta.and_then(|m| m.modified().ok())))
                .finish()
        }
        FileSource::Builtin(bytes) => crate::hash::bytes(bytes),
    }
}

/// The absolute, normalised form of `path`, whether or not it exists.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Resolve symlinks of the part that exists, keep the rest as written.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Refuses an output folder that would destroy something: the project, its
/// content or themes, or a folder of someone else's files.
pub(crate) fn check_target(config: &Config) -> Result<(), Diagnostic> {
    let root = absolute(&config.root);
    let out = absolute(&config.output);
    let shown = config.relative(&config.output).to_path_buf();
    let refuse = |why: usize, protected: &str| {
        let (message, hint) = crate::words::w().refuse_output(why, protected);
        Err(Diagnostic::error(&shown, message).with_hint(hint))
    };
    if root.starts_with(&out) {
        return refuse(0, "");
    }
    for protected in ["content", "themes", "src", "tests", ".git"] {
        if out.starts_with(root.join(protected)) {
            return refuse(1, protected);
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse(2, "");
        }
        let mut entries = fs::read_dir(&out).map_err(|e| {
            Diagnostic::error(&shown, crate::words::w().cannot_read_output(&e.to_string()))
        })?;
        let empty = entries.next().is_none();
        if !empty && !out.join(MARKER).is_file() {
            return refuse(3, "");
        }
    }
    Ok(())
}

/// The output folder (absolute), the folder it is in (created if need be),
/// and its name: staging and scratch folders go beside it.
fn beside_output(config: &Config) -> Result<(PathBuf, PathBuf, String)> {
    let out = absolute(&config.output);
    let parent = out
        .parent()
        .context("the output folder has no parent folder")?
        .to_path_buf();
    let name = out
        .file_name()
        .context("the output folder has no name")?
        .to_string_lossy()
        .into_owned();
    fs::create_dir_all(&parent)
        .with_context(|| crate::words::w().cannot_create(&parent.display().to_string()))?;
    Ok((out, parent, name))
}

/// Where a build puts each output the moment it is rendered, so that the
/// whole site's HTML is never in memory at once.
#[derive(Debug)]
pub(crate) enum Sink {
    /// Keep every file (for `check`, tests and the PDF step, which read them).
    Keep,
    /// Write it into the staging folder of a build from nothing.
    Staging(Staging),
    /// Keep only the files whose bytes differ from what the output folder
    /// holds (this).
    Compare(Written),
}

impl Sink {
    /// The bytes of `path` in the output folder `folder`, when a build over
    /// it (a rebuild) knows them to be what malbild last wrote there (by
    /// their hash and size).
    pub(crate) fn held(&self, folder: &Path, path: &str) -> Option<Vec<u8>> {
        let Sink::Compare(written) = self else {
            return None;
        };
        let stamp = written.get(path)?;
        let bytes = fs::read(folder.join(path)).ok()?;
        (Stamp::of(&bytes) == *stamp).then_some(bytes)
    }

    /// Whether the output folder holds `stamp` at `path`, as what malbild
    /// last wrote there (a rebuild); never in a build from nothing, whose
    /// every file goes into the staging folder.
    pub(crate) fn holds(&self, path: &str, stamp: &Stamp) -> bool {
        matches!(self, Sink::Compare(written) if written.get(path) == Some(stamp))
    }

    /// Takes `file`, made now; gives it back when it is still to be written.
    pub(crate) fn take(&self, file: OutFile) -> Option<OutFile> {
        match self {
            Sink::Keep => Some(file),
            Sink::Staging(staging) => {
                staging.put(&file);
                None
            }
            Sink::Compare(before) => {
                (before.get(&file.path) != Some(&Stamp::of(&file.bytes))).then_some(file)
            }
        }
    }
}

/// A fresh folder beside the output folder that a build from nothing writes
/// into as it renders, and that [`Staging::finish`] swaps in. Dropped
/// unfinished (the build failed), it is removed.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: PathBuf,
    /// What was put in it, with its stamp.
    put: std::sync::Mutex<Vec<(String, Stamp)>>,
    /// The first error writing into it.
    error: std::sync::Mutex<Option<anyhow::Error>>,
    finished: bool,
}

impl Staging {
    /// Makes the staging folder of the output folder of `config` (removing
    /// those of builds that were killed).
    pub(crate) fn begin(config: &Config) -> Result<Staging> {
        let (_, parent, name) = beside_output(config)?;
        clean_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.malbild-tmp-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)
                .with_context(|| crate::words::w().cannot_do(1, &dir.display().to_string()))?;
        }
        fs::create_dir_all(&dir)
            .with_context(|| crate::words::w().cannot_create(&dir.display().to_string()))?;
        // Marks the folder as malbild's (a killed build's is removed by the
        // next); the list of files comes when they are all written.
        fs::write(dir.join(MARKER), MARKER_HEAD)
            .with_context(|| crate::words::w().cannot_do(0, &dir.display().to_string()))?;
        Ok(Staging {
            dir,
            put: Default::default(),
            error: Default::default(),
            finished: false,
        })
    }

    /// Writes `file` into the folder (from any thread).
    fn put(&self, file: &OutFile) {
        let path = self.dir.join(&file.path);
        let written = path
            .parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|()| fs::write(&path, &file.bytes))
            .with_context(|| crate::words::w().cannot_write(&path.display().to_string()));
        match written {
            Ok(()) => self
                .put
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((file.path.clone(), Stamp::of(&file.bytes))),
            Err(e) => {
                let mut first = self
                    .error
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                first.get_or_insert(e);
            }
        }
    }

    /// Writes `files` and `copies` too, carries over the files of the
    /// output folder that malbild did not write, writes the marker and
    /// swaps the folder in for the output folder.
    pub(crate) fn finish(
        mut self,
        config: &Config,
        files: &[OutFile],
        copies: &[Copy],
    ) -> Result<Changes> {
        if let Some(e) = self
            .error
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()
        {
            return Err(e);
        }
        let (out, parent, name) = beside_output(config)?;
        add(&self.dir, files, copies, &*config.progress)?;
        carry_over(config, &out, &self.dir)?;
        let mut written: Written = std::mem::take(
            &mut *self
                .put
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )
        .into_iter()
        .collect();
        written.extend(files.iter().map(|f| (f.path.clone(), Stamp::of(&f.bytes))));
        written.extend(copies.iter().map(|c| (c.to.clone(), copy_stamp(c))));
        // Written last, so the files are not newer than it (see `on_disk`).
        fs::write(self.dir.join(MARKER), marker_text(&written))
            .with_context(|| crate::words::w().cannot_do(0, &self.dir.display().to_string()))?;
        swap(
            &self.dir,
            &out,
            &parent.join(format!(".{name}.malbild-old-{}", std::process::id())),
        )?;
        self.finished = true;
        Ok(Changes {
            n_written: written.len(),
            written,
            n_removed: 0,
            paths: None,
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Writes `files` and `copies` to a fresh folder and swaps it in for the
/// output folder.
pub(crate) fn write(config: &Config, files: &[OutFile], copies: &[Copy]) -> Result<Changes> {
    let (out, parent, name) = beside_output(config)?;
    let parent = parent.as_path();
    clean_leftovers(parent, &name);
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.malbild-tmp-{pid}"));
    let result = fill(&staging, files, copies, &*config.progress)
        .and_then(|()| carry_over(config, &out, &staging));
    let mut written: Written = files
        .par_iter()
        .map(|f| (f.path.clone(), Stamp::of(&f.bytes)))
        .collect();
    written.extend(copies.iter().map(|c| (c.to.clone(), copy_stamp(c))));
    // Written last, so the files are not newer than it (see `on_disk`).
    let result = result.and_then(|()| {
        fs::write(staging.join(MARKER), marker_text(&written))
            .with_context(|| crate::words::w().cannot_do(0, &staging.display().to_string()))
    });
    if let Err(err) = result {
        let _ = fs::remove_dir_all(&staging);
        return Err(err);
    }
    swap(
        &staging,
        &out,
        &parent.join(format!(".{name}.malbild-old-{pid}")),
    )?;
    Ok(Changes {
        n_written: written.len(),
        written,
        n_removed: 0,
        paths: None,
    })
}

/// The stamp of a copied file: its source's stamp, and its size.
fn copy_stamp(c: &Copy) -> Stamp {
    let size = match &c.from {
        FileSource::Disk(p) => fs::metadata(p).map_or(u64::MAX, |m| m.len()),
        FileSource::Builtin(b) => b.len() as u64,
    };
    Stamp {
        hash: c.stamp,
        size,
    }
}

/// Brings an output folder written by an earlier build up to date: writes
/// the files whose bytes changed (each to a temporary file renamed into
/// place, so a server never sends half a page), copies the files whose source
/// changed, and removes the files whose page or file is gone. `all` lists
/// every page output, rendered now or before; `before` is what the folder
/// holds.
pub(crate) fn update(
    config: &Config,
    files: &[OutFile],
    all: &[String],
    copies: &[Copy],
    before: Written,
    every_change: bool,
) -> Result<Changes> {
    let out = &config.output;
    // A new file where one malbild did not write is: refused, as by `write`.
    // Read only when there is a new path (the marker is long at 10,000
    // pages, and most rebuilds add no file).
    let mut ours = None;
    for path in files
        .iter()
        .map(|f| &f.path)
        .chain(copies.iter().map(|c| &c.to))
    {
        if !before.contains_key(path)
            && out.join(path).symlink_metadata().is_ok()
            && !ours
                .get_or_insert_with(|| listed(out).unwrap_or_default())
                .contains(path)
        {
            return Err(not_ours(config, path));
        }
    }
    // What the folder held, as far as it matters below: `written` becomes
    // what it holds now (in place: it lists every file of the site).
    let before_len = before.len();
    let new_pages = files.iter().any(|f| !before.contains_key(&f.path));
    let changed_copies: Vec<&Copy> = copies
        .iter()
        .filter(|c| !before.get(&c.to).is_some_and(|s| s.is(c.stamp)))
        .collect();
    let new_copies = changed_copies.iter().any(|c| !before.contains_key(&c.to));
    let mut written = before;
    let mut paths = patch(config, files, &mut written)?;
    let n_pages = paths.len();
    changed_copies.par_iter().try_for_each(|c| {
        let bytes = match &c.from {
            FileSource::Disk(p) => fs::read(p)
                .with_context(|| crate::words::w().cannot_do(2, &p.display().to_string()))?,
            FileSource::Builtin(b) => b.to_vec(),
        };
        write_atomically(&out.join(&c.to), &bytes)
    })?;
    for c in &changed_copies {
        written.insert(c.to.clone(), copy_stamp(c));
    }
    // Every output is in `written` now; when it holds no more than them,
    // nothing is gone (most rebuilds), and no set of them all is made.
    // (In parallel: 15,000 look-ups at 10,000 parts.)
    let gone: Vec<String> = if written.len() == all.len() + copies.len()
        && all.par_iter().all(|p| written.contains_key(p))
    {
        Vec::new()
    } else {
        let keep: crate::hash::FxSet<&str> = all
            .iter()
            .map(String::as_str)
            .chain(copies.iter().map(|c| c.to.as_str()))
            .collect();
        let paths: Vec<&String> = written.keys().collect();
        paths
            .into_par_iter()
            .filter(|k| !keep.contains(k.as_str()))
            .cloned()
            .collect()
    };
    for path in &gone {
        written.remove(path);
        let file = out.join(path);
        let _ = fs::remove_file(&file);
        // Remove folders left empty, up to the output folder.
        let mut dir = file.parent();
        while let Some(d) = dir {
            if d == out.as_path() || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    // With `every_change` false (the rebuilds of `serve`), the marker is
    // written again only when the set of files changed: a file rewritten
    // since the marker is newer than it, which is all a later `on_disk`
    // needs to write that file again (once), and rewriting the whole list
    // after each save would cost more than that.
    let new_files = written.len() != before_len || new_pages || new_copies;
    let changed = n_pages + changed_copies.len() > 0;
    if new_files || !gone.is_empty() || every_change && changed {
        write_atomically(&out.join(MARKER), marker_text(&written).as_bytes())?;
    }
    let n_removed = gone.len();
    paths.extend(changed_copies.iter().map(|c| c.to.clone()));
    paths.extend(gone);
    Ok(Changes {
        written,
        n_written: n_pages + changed_copies.len(),
        n_removed,
        paths: Some(paths),
    })
}

/// Writes those of `files` whose bytes changed into an output folder that
/// `written` describes, and records them there; nothing is removed. Returns
/// the paths written. For rebuilds that change no page's address.
pub(crate) fn patch(
    config: &Config,
    files: &[OutFile],
    written: &mut Written,
) -> Result<Vec<String>> {
    let stamps: Vec<Stamp> = files.par_iter().map(|f| Stamp::of(&f.bytes)).collect();
    let changed: Vec<&OutFile> = files
        .iter()
        .zip(&stamps)
        .filter(|(f, s)| written.get(&f.path) != Some(s))
        .map(|(f, _)| f)
        .collect();
    changed
        .par_iter()
        .try_for_each(|f| write_atomically(&config.output.join(&f.path), &f.bytes))?;
    for (f, s) in files.iter().zip(stamps) {
        written.insert(f.path.clone(), s);
    }
    Ok(changed.iter().map(|f| f.path.clone()).collect())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().context("a file has no folder")?;
    fs::create_dir_all(dir)
        .with_context(|| crate::words::w().cannot_create(&dir.display().to_string()))?;
    let name = path
        .file_name()
        .context("a file has no name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.malbild-tmp-{}", std::process::id()));
    fs::write(&tmp, bytes)
        .with_context(|| crate::words::w().cannot_write(&tmp.display().to_string()))?;
    fs::rename(&tmp, path)
        .with_context(|| crate::words::w().cannot_write(&path.display().to_string()))
}

/// Writes `files` and `copies` to a new scratch folder beside the output
/// folder, for a program that reads the built site (Chromium, for PDFs). The
/// folder is removed when the returned value is dropped, and by the next build
/// if this one is killed. It is beside the output folder rather than in the
/// system's temporary folder because a browser installed as a snap package
/// cannot see the latter.
pub(crate) fn scratch(
    config: &Config,
    files: &[OutFile],
    copies: &[Copy],
) -> Result<tempfile::TempDir> {
    let (_, parent, name) = beside_output(config)?;
    let parent = parent.as_path();
    let dir = tempfile::Builder::new()
        .prefix(&format!(".{name}.malbild-pdf-"))
        .tempdir_in(parent)
        .with_context(|| crate::words::w().cannot_do(4, &parent.display().to_string()))?;
    fill(dir.path(), files, copies, &Silent)?;
    Ok(dir)
}

/// Writes `file` into a scratch folder made by [`scratch`], replacing what
/// is there.
pub(crate) fn write_into(dir: &Path, file: &OutFile) -> Result<()> {
    let path = dir.join(&file.path);
    fs::write(&path, &file.bytes)
        .with_context(|| crate::words::w().cannot_write(&path.display().to_string()))
}

/// Removes staging folders of builds that were killed halfway.
fn clean_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.malbild-");
    for entry in fs::read_dir(parent).into_iter().flatten().flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if file_name.starts_with(&prefix) && entry.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn fill(staging: &Path, files: &[OutFile], copies: &[Copy], progress: &dyn Progress) -> Result<()> {
    if staging.exists() {
        fs::remove_dir_all(staging)
            .with_context(|| crate::words::w().cannot_do(1, &staging.display().to_string()))?;
    }
    fs::create_dir_all(staging)
        .with_context(|| crate::words::w().cannot_create(&staging.display().to_string()))?;
    // Marks the folder as malbild's (a killed build's is removed by the
    // next); the list of files comes when they are written.
    fs::write(staging.join(MARKER), MARKER_HEAD)
        .with_context(|| crate::words::w().cannot_do(0, &staging.display().to_string()))?;
    add(staging, files, copies, progress)
}

/// Writes `files` and `copies` into the folder `staging`.
fn add(staging: &Path, files: &[OutFile], copies: &[Copy], progress: &dyn Progress) -> Result<()> {
    let mut dirs: Vec<PathBuf> = files
        .iter()
        .map(|f| f.path.as_str())
        .chain(copies.iter().map(|c| c.to.as_str()))
        .filter_map(|p| Path::new(p).parent().map(|d| staging.join(d)))
        .collect();
    dirs.sort();
    dirs.dedup();
    progress.phase(
        Phase::Write,
        (dirs.len() + files.len() + copies.len()) as u64,
    );
    for d in &dirs {
        progress.advance(1);
        fs::create_dir_all(d)
            .with_context(|| crate::words::w().cannot_create(&d.display().to_string()))?;
    }
    files.par_iter().try_for_each(|f| {
        progress.advance(1);
        let path = staging.join(&f.path);
        fs::write(&path, &f.bytes)
            .with_context(|| crate::words::w().cannot_write(&path.display().to_string()))
    })?;
    copies.par_iter().try_for_each(|c| {
        progress.advance(1);
        let path = staging.join(&c.to);
        match &c.from {
            FileSource::Disk(from) => fs::copy(from, &path)
                .map(|_| ())
                .with_context(|| format!("cannot copy {} to {}", from.display(), path.display())),
            FileSource::Builtin(bytes) => fs::write(&path, bytes)
                .with_context(|| crate::words::w().cannot_write(&path.display().to_string())),
        }
    })?;
    Ok(())
}

/// Copies the files of the output folder that malbild did not write (those
/// its marker does not list: a `web.config`, `CNAME` or `.htaccess` put there
/// by hand or by the server) into the new folder `staging`, as hard links
/// where the file system allows. A file the new build writes itself at the
/// same place is an error: malbild would delete someone else's file.
fn carry_over(config: &Config, out: &Path, staging: &Path) -> Result<()> {
    let Some(ours) = listed(out) else {
        return Ok(());
    };
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry =
            entry.with_context(|| crate::words::w().cannot_do(2, &out.display().to_string()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = crate::load::rel_string(entry.path().strip_prefix(out).unwrap_or(entry.path()));
        if rel == MARKER || ours.contains(&rel) {
            continue;
        }
        let to = staging.join(&rel);
        if to.symlink_metadata().is_ok() {
            return Err(not_ours(config, &rel));
        }
        if let Some(dir) = to.parent() {
            fs::create_dir_all(dir)
                .with_context(|| crate::words::w().cannot_create(&dir.display().to_string()))?;
        }
        let from = entry.path();
        let copied = if entry.file_type().is_symlink() {
            copy_link(from, &to)
        } else {
            fs::hard_link(from, &to).or_else(|_| fs::copy(from, &to).map(|_| ()))
        };
        copied.with_context(|| crate::words::w().cannot_keep(&from.display().to_string()))?;
    }
    Ok(())
}

/// The error for a file malbild did not write at `rel`, where this build
/// writes its own.
fn not_ours(config: &Config, rel: &str) -> anyhow::Error {
    let out = config.relative(&config.output);
    anyhow::anyhow!(
        "{}",
        crate::words::w().not_ours(
            &out.join(rel).display().to_string(),
            rel,
            &out.display().to_string()
        )
    )
}

#[cfg(unix)]
fn copy_link(from: &Path, to: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(fs::read_link(from)?, to)
}

#[cfg(not(unix))]
fn copy_link(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::copy(from, to).map(|_| ())
}

/// Exchanges two folders in one step, where the system can.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(Into::into)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

/// Puts `staging` in the place of `out`: in one atomic exchange where the
/// system and file system have one, else with two renames (`out` to `old`,
/// `staging` to `out`); a build killed between those is undone by the next
/// one ([`recover`]).
fn swap(staging: &Path, out: &Path, old: &Path) -> Result<()> {
    let kill = fault("kill-between-renames");
    if out.exists() && !kill && exchange(staging, out).is_ok() {
        // `staging` now holds the previous output.
        let _ = fs::remove_dir_all(staging);
        return Ok(());
    }
    if out.exists() {
        if old.exists() {
            fs::remove_dir_all(old)
                .with_context(|| crate::words::w().cannot_do(3, &old.display().to_string()))?;
        }
        if let Err(e) = fs::rename(out, old) {
            let _ = fs::remove_dir_all(staging);
            bail!(
                "{}",
                crate::words::w().cannot_move_aside(&e.to_string(), &out.display().to_string())
            );
        }
        if kill {
            std::process::exit(137);
        }
    }
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(old, out);
        let _ = fs::remove_dir_all(staging);
        bail!("{}", crate::words::w().cannot_move_in(&e.to_string()));
    }
    if old.exists() {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> OutFile {
        OutFile {
            path: path.into(),
            bytes: path.as_bytes().to_vec(),
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    #[test]
    fn exchange_swaps_two_folders_in_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "in a").unwrap();
        fs::write(b.join("x"), "in b").unwrap();
        exchange(&a, &b).unwrap();
        assert_eq!(fs::read_to_string(a.join("x")).unwrap(), "in b");
        assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "in a");
    }

    #[test]
    fn the_marker_reads_back_what_it_says() {
        let mut files = Written::default();
        for (i, (path, hash, size)) in [
            ("index.html", 0u64, 0u64),
            ("a/index.html", u64::MAX, 1),
            ("b/c.js", 0x0123_4567_89ab_cdef, 1_234_567_890),
        ]
        .into_iter()
        .enumerate()
        {
            files.insert(path.to_string(), Stamp { hash, size });
            let text = marker_text(&files);
            assert!(text.ends_with('\n'), "{text}");
            let mut back = parse_marker(&text).unwrap();
            back.sort_by(|a, b| a.0.cmp(&b.0));
            let mut want: Vec<(String, Option<Stamp>)> =
                files.iter().map(|(p, s)| (p.clone(), Some(*s))).collect();
            want.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(back, want, "{i}: {text}");
        }
        assert!(marker_text(&files).contains("0123456789abcdef 1234567890 b/c.js\n"));
    }

    #[test]
    fn the_marker_lists_what_the_build_wrote_after_every_update() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config::new(dir.path());
        let files = [page("index.html"), page("a/index.html")];
        let changes = write(&config, &files, &[]).unwrap();
        let listed_now = || {
            let mut l: Vec<String> = listed(&config.output).unwrap().into_iter().collect();
            l.sort();
            l
        };
        assert_eq!(listed_now(), ["a/index.html", "index.html"]);
        // A page gone and one new, written by a rebuild of `serve`.
        let files = [page("index.html"), page("b/index.html")];
        let all = ["index.html".to_string(), "b/index.html".to_string()];
        update(&config, &files, &all, &[], changes.written, true).unwrap();
        assert_eq!(listed_now(), ["b/index.html", "index.html"]);
        assert!(!config.output.join("a").exists());
        // A file someone put where a rebuild now writes stays, and the
        // rebuild says why it stops.
        let before = listed(&config.output).unwrap();
        fs::write(config.output.join("c.txt"), "someone's").unwrap();
        let files = [page("index.html"), page("b/index.html"), page("c.txt")];
        let all = files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        let written: Written = before.iter().map(|p| (p.clone(), Stamp::UNKNOWN)).collect();
        let err = update(&config, &files, &all, &[], written, true).unwrap_err();
        assert!(
            format!("{err}").contains("c.txt skrevs inte av malbild"),
            "{err}"
        );
        assert_eq!(
            fs::read_to_string(config.output.join("c.txt")).unwrap(),
            "someone's"
        );
        // A marker of an older malbild lists nothing: all of it was malbild's.
        fs::write(
            config.output.join(MARKER),
            "This folder was written by malbild; each build replaces all of it.\n",
        )
        .unwrap();
        assert!(listed(&config.output).is_none());
    }
}
