//! The caches on disk: what a `malbild build` keeps for the next run of
//! malbild, so that a build with nothing changed renders nothing again.
//!
//! One file, `<root>/.malbild/cache.bin`, written at the end of a successful
//! `malbild build` (never by `check`, `serve`, `watch` or a `--pdf` build)
//! and read at the start of a build whose [`crate::Builder`] has built
//! nothing yet, over an output folder whose marker is there. It holds the
//! caches that save the most time: each page's Markdown body (with its link
//! records and search words) and its check findings, and what each output
//! read with its fingerprint (the render records).
//!
//! It is never trusted for correctness. A body is used only for a page whose
//! text has the same length and 128-bit hash as the text it was made from;
//! after that the in-memory caches ask their own questions (link world,
//! settings, fingerprints) as they do between two rebuilds of `serve`. A
//! render record is used only while the output folder holds, as its marker
//! says and [`crate::output::on_disk`] trusts, the very bytes that were
//! there when the record was saved. A file of another format, another
//! version of malbild (or another build of the program), another language of
//! messages, a truncated or corrupt file, or one that cannot be written, is
//! ignored without a word (a `MALBILD_TIMINGS` line says why) and the build
//! works as from nothing. Deleting the folder is always safe.
//!
//! The format is postcard (serde): compact, and its wire format is stable
//! across the 1.x releases. The file is [`MAGIC`], the [`FORMAT`] number
//! (so a file of another format is refused before any of it is decoded),
//! the [`Header`], an xxh3-128 checksum of the rest, and the rest,
//! whose pages are each encoded on their own, so they are encoded (a few
//! hundred at a time, written as they come) and decoded in parallel. A build
//! whose caches are still what it read does not write the file again.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::check::CheckCache;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::output::{Stamp, Written};
use crate::render::{Aspect, Body, MarkdownCache, RenderCache};

/// The folder of the cache, in the project folder.
pub(crate) const DIR: &str = ".malbild";
/// The cache file in [`DIR`].
const FILE: &str = "cache.bin";
/// The first bytes of the file.
const MAGIC: &[u8; 8] = b"malbild\x1a";
/// The version of the layout below; a file of another is not read.
const FORMAT: u32 = 4;

/// When to use the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Never (library callers, tests, a build "from nothing").
    #[default]
    Off,
    /// Read it for the first build (`serve`, `watch`).
    Load,
    /// Read it for the first build and write it after each successful one
    /// (`malbild build`).
    LoadAndSave,
}

/// Where the cache of `config`'s project is.
pub(crate) fn path(config: &Config) -> PathBuf {
    config.root.join(DIR).join(FILE)
}

/// Says `line` when `MALBILD_TIMINGS` is set (the only place the cache
/// speaks: a user never hears of it).
fn timing(line: &str) {
    if std::env::var_os("MALBILD_TIMINGS").is_some() {
        eprintln!("  cache: {line}");
    }
}

/// What tells this program's caches from another's: its version, a stamp of
/// the program file itself (a new build of the same version may render
/// differently), and the language of its messages (bodies and findings keep
/// messages).
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    version: String,
    program: u64,
    lang: u8,
}

impl Header {
    fn now() -> Header {
        let program = std::env::current_exe()
            .and_then(fs::metadata)
            .map(|m| {
                let when = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as u64);
                crate::hash::Combine::default()
                    .u64(m.len())
                    .u64(when)
                    .finish()
            })
            .unwrap_or(0);
        Header {
            version: env!("CARGO_PKG_VERSION").to_string(),
            program,
            lang: crate::words::lang() as u8,
        }
    }
}

/// The key of a page's text: its length and 128-bit hash.
type TextKey = (u64, u128);

fn text_key(text: &str) -> TextKey {
    (
        text.len() as u64,
        xxhash_rust::xxh3::xxh3_128(text.as_bytes()),
    )
}

/// One page, as written.
#[derive(Serialize)]
struct PageOut<'a> {
    rel: &'a str,
    text: TextKey,
    world: u64,
    settings: u64,
    body: &'a Body,
    found: Option<DiagnosticsOut<'a>>,
}

/// One page, as read.
#[derive(Deserialize)]
struct PageIn {
    rel: String,
    text: TextKey,
    world: u64,
    settings: u64,
    body: Body,
    found: Option<DiagnosticsIn>,
}

/// One output's render record, as written.
#[derive(Serialize)]
struct OutputOut<'a> {
    path: &'a str,
    fingerprint: u64,
    reads: &'a [(u32, Aspect)],
    /// What the output folder held at that path when it was saved.
    hash: u64,
    size: u64,
}

/// One output's render record, as read.
#[derive(Deserialize)]
struct OutputIn {
    path: String,
    fingerprint: u64,
    reads: Vec<(u32, Aspect)>,
    hash: u64,
    size: u64,
}

// What follows the checksum is written by `save` field by field as
// postcard would encode a struct of a `u64` (the check settings), a list
// of pages, each as bytes (a `PageOut` encoded on its own), the content
// paths of the render records' pages, and the render records; `read`
// reads it back, and the unit test below holds the two together.

/// What a loaded file gives the first build: bodies and findings, which
/// [`seed`] hands to the in-memory caches once the pages are read.
#[derive(Default)]
pub(crate) struct Seed {
    check_settings: u64,
    pages: HashMap<String, PageIn>,
    /// [`render_signature`] of the render records kept.
    render: u64,
}

/// What the first build began with from the file (as signatures of the
/// caches), so that a build that changed none of it does not write the
/// same file again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Loaded {
    render: u64,
    pages: u64,
}

/// A sum of one hash per entry: the same for the same entries in any order.
fn sum_of(hashes: impl Iterator<Item = u64>) -> u64 {
    hashes.fold(0u64, u64::wrapping_add)
}

/// A signature of render records: each output's path, fingerprint and the
/// bytes its file holds, and the pages they are numbered by.
fn render_signature<'a>(
    records: impl Iterator<Item = (&'a str, u64, Stamp)>,
    rels: &[String],
) -> u64 {
    let mut rels_hash = crate::hash::Combine::default();
    for r in rels {
        rels_hash = rels_hash.str(r);
    }
    sum_of(records.map(|(path, fingerprint, stamp)| {
        crate::hash::Combine::default()
            .str(path)
            .u64(fingerprint)
            .u64(stamp.hash)
            .u64(stamp.size)
            .finish()
    }))
    .wrapping_add(rels_hash.finish())
}

/// A signature of the bodies and findings in memory (by identity: for
/// telling, within one run, whether they are still the ones read).
fn pages_signature(markdown: &MarkdownCache, check: &CheckCache) -> u64 {
    let entries = markdown.entries().map(|(rel, _, world, settings, body)| {
        let found = check
            .found(rel, body)
            .map_or(0, |f| Arc::as_ptr(f) as *const () as usize as u64);
        crate::hash::Combine::default()
            .str(rel)
            .u64(Arc::as_ptr(body) as usize as u64)
            .u64(world)
            .u64(settings)
            .u64(found)
            .finish()
    });
    sum_of(entries).wrapping_add(check.settings_hash())
}

impl std::fmt::Debug for Seed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Seed({} pages)", self.pages.len())
    }
}

/// Reads the cache of `config`'s project: the render records of the
/// outputs whose bytes `written` (what the output folder holds) still has,
/// and the bodies for [`seed`]. `None` when there is no usable file.
pub(crate) fn load(config: &Config, written: &Written) -> Option<(RenderCache, Seed)> {
    match read(&path(config)) {
        Ok((size, contents)) => {
            let (render, seed) = use_in(contents, written);
            timing(&format!(
                "read {size} bytes: {} bodies, {} render records",
                seed.pages.len(),
                render.records().count()
            ));
            Some((render, seed))
        }
        Err(why) => {
            timing(&format!("not used ({why})"));
            None
        }
    }
}

/// What a cache file holds after its header.
struct Contents {
    check_settings: u64,
    pages: Vec<PageIn>,
    rels: Vec<String>,
    outputs: Vec<OutputIn>,
}

/// A reader that hashes what it reads and counts it.
struct Hashing<R> {
    inner: R,
    sum: xxhash_rust::xxh3::Xxh3,
    read: u64,
}

impl<R: std::io::Read> std::io::Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.sum.update(&buf[..n]);
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: std::io::Read> Hashing<R> {
    /// A number as postcard writes one (seven bits a byte, the low first).
    fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let mut byte = [0u8];
            std::io::Read::read_exact(self, &mut byte).map_err(|e| e.to_string())?;
            value |= u64::from(byte[0] & 0x7f) << shift;
            if byte[0] & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err("a number too long".into())
    }
}

/// The size and contents of the cache file `file`, when it is one of this
/// program. Read as a stream, a few hundred pages at a time (each decoded
/// in parallel), so the file is never all in memory; the checksum is
/// known only at the end, and nothing read is used before.
fn read(file: &Path) -> Result<(u64, Contents), String> {
    use std::io::{Read, Seek};
    let mut f = fs::File::open(file).map_err(|e| e.to_string())?;
    let size = f.metadata().map_err(|e| e.to_string())?.len();
    let mut head = vec![0u8; size.min(4096) as usize];
    f.read_exact(&mut head).map_err(|e| e.to_string())?;
    let rest = head
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a cache file")?;
    let (format, rest) = rest.split_first_chunk::<4>().ok_or("truncated")?;
    if u32::from_le_bytes(*format) != FORMAT {
        return Err(format!("format {}", u32::from_le_bytes(*format)));
    }
    let (header, rest): (Header, _) =
        postcard::take_from_bytes(rest).map_err(|e| format!("header: {e}"))?;
    if header != Header::now() {
        return Err(format!("of another program: {header:?}"));
    }
    // A byte changed on disk could still decode, into a wrong body.
    let (sum, rest) = rest.split_first_chunk::<16>().ok_or("truncated")?;
    let sum = u128::from_le_bytes(*sum);
    let start = (head.len() - rest.len()) as u64;
    f.seek(std::io::SeekFrom::Start(start))
        .map_err(|e| e.to_string())?;
    let mut r = Hashing {
        inner: std::io::BufReader::with_capacity(1 << 20, f),
        sum: xxhash_rust::xxh3::Xxh3::new(),
        read: 0,
    };
    let left = |r: &Hashing<_>| size - start - r.read;
    let check_settings = r.varint()?;
    let n = r.varint()?;
    let mut pages = Vec::new();
    let mut chunk: Vec<Vec<u8>> = Vec::with_capacity(256);
    for i in 0..n {
        let len = r.varint()?;
        if len > left(&r) {
            return Err("truncated".into());
        }
        let mut page = vec![0u8; len as usize];
        r.read_exact(&mut page).map_err(|e| e.to_string())?;
        chunk.push(page);
        if chunk.len() == 256 || i + 1 == n {
            let decoded = chunk
                .par_iter()
                .map(|raw| postcard::from_bytes::<PageIn>(raw))
                .collect::<Result<Vec<PageIn>, _>>()
                .map_err(|e| format!("a page: {e}"))?;
            pages.extend(decoded);
            chunk.clear();
        }
    }
    let mut tail = Vec::new();
    r.read_to_end(&mut tail).map_err(|e| e.to_string())?;
    if r.sum.digest128() != sum {
        return Err("its checksum is wrong".into());
    }
    let ((rels, outputs), rest): ((Vec<String>, Vec<OutputIn>), _) =
        postcard::take_from_bytes(&tail).map_err(|e| e.to_string())?;
    if !rest.is_empty() {
        return Err("bytes after the end".into());
    }
    Ok((
        size,
        Contents {
            check_settings,
            pages,
            rels,
            outputs,
        },
    ))
}

/// The render records of `loaded` whose outputs `written` holds as they
/// were, and its pages.
fn use_in(loaded: Contents, written: &Written) -> (RenderCache, Seed) {
    let records = loaded.outputs.into_iter().filter_map(|o| {
        let stamp = Stamp {
            hash: o.hash,
            size: o.size,
        };
        (stamp != Stamp::UNKNOWN && written.get(&o.path) == Some(&stamp))
            .then(|| (o.path, o.fingerprint, o.reads.into_boxed_slice()))
    });
    let render = RenderCache::from_records(records, loaded.rels);
    let signature = render_signature(
        render
            .records()
            .filter_map(|(path, fingerprint, _)| Some((path, fingerprint, *written.get(path)?))),
        render.rels(),
    );
    let seed = Seed {
        check_settings: loaded.check_settings,
        pages: loaded
            .pages
            .into_iter()
            .map(|p| (p.rel.clone(), p))
            .collect(),
        render: signature,
    };
    (render, seed)
}

/// Hands the bodies and findings of `seed` to the in-memory caches, for
/// each page of `site` whose text is the one they were made from. Returns
/// what the caches then hold, for [`save`].
pub(crate) fn seed(
    site: &Site,
    mut seed: Seed,
    markdown: &mut MarkdownCache,
    check: &mut CheckCache,
) -> Loaded {
    let keys: Vec<TextKey> = site.pages.par_iter().map(|p| text_key(&p.text)).collect();
    let mut n = 0;
    for (page, key) in site.pages.iter().zip(keys) {
        let Some(p) = seed.pages.remove(&page.rel) else {
            continue;
        };
        if p.text != key {
            continue;
        }
        let body = Arc::new(p.body);
        markdown.keep(
            page.rel.clone(),
            page.text.clone(),
            p.world,
            p.settings,
            body.clone(),
        );
        if let Some(found) = p.found {
            check.keep(seed.check_settings, page.rel.clone(), body, found.0.into());
        }
        n += 1;
    }
    timing(&format!("{n} of {} pages' bodies kept", site.pages.len()));
    Loaded {
        render: seed.render,
        pages: pages_signature(markdown, check),
    }
}

/// Writes the caches to the file of `config`'s project, for the next run:
/// every body of `markdown` with its findings in `check`, and every render
/// record of `render` with what `written` says the output folder holds at
/// its path; unless they are what the file held when `loaded` was read.
/// Fails without a word: the next build is then from nothing.
pub(crate) fn save(
    config: &Config,
    markdown: &MarkdownCache,
    check: &CheckCache,
    render: &RenderCache,
    written: &Written,
    loaded: Option<Loaded>,
) {
    if let Some(loaded) = loaded {
        let now = Loaded {
            render: render_signature(
                render.records().filter_map(|(path, fingerprint, _)| {
                    Some((path, fingerprint, *written.get(path)?))
                }),
                render.rels(),
            ),
            pages: pages_signature(markdown, check),
        };
        if now == loaded {
            timing("unchanged, not written");
            return;
        }
    }
    let mut pages: Vec<_> = markdown.entries().collect();
    pages.sort_unstable_by_key(|p| p.0);
    let outputs: Vec<OutputOut<'_>> = render
        .records()
        .filter_map(|(path, fingerprint, reads)| {
            let stamp = written.get(path)?;
            (*stamp != Stamp::UNKNOWN).then_some(OutputOut {
                path,
                fingerprint,
                reads,
                hash: stamp.hash,
                size: stamp.size,
            })
        })
        .collect();
    let file = path(config);
    let result = write(&file, |out| {
        // As postcard encodes an `Out` (a struct is its fields in order, a
        // list its length and its items, bytes their length and
        // themselves), a few hundred pages at a time, each encoded in
        // parallel, so the file is never all in memory.
        out.put(&postcard::to_allocvec(&check.settings_hash())?)?;
        out.put(&postcard::to_allocvec(&pages.len())?)?;
        for chunk in pages.chunks(256) {
            let encoded = chunk
                .par_iter()
                .map(|&(rel, text, world, settings, body)| {
                    postcard::to_allocvec(&PageOut {
                        rel,
                        text: text_key(text),
                        world,
                        settings,
                        body,
                        found: check.found(rel, body).map(|f| DiagnosticsOut(f)),
                    })
                })
                .collect::<Result<Vec<Vec<u8>>, _>>()?;
            for page in encoded {
                out.put(&postcard::to_allocvec(&page.len())?)?;
                out.put(&page)?;
            }
        }
        out.put(&postcard::to_allocvec(render.rels())?)?;
        out.put(&postcard::to_allocvec(&outputs)?)?;
        Ok(())
    });
    match result {
        Ok(n) => timing(&format!("wrote {n} bytes")),
        Err(e) => timing(&format!("not written ({e})")),
    }
}

/// The payload of a cache file being written, and its checksum so far.
struct Payload {
    file: std::io::BufWriter<fs::File>,
    sum: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl Payload {
    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        use std::io::Write;
        self.sum.update(bytes);
        self.len += bytes.len() as u64;
        self.file.write_all(bytes)
    }
}

/// Writes the cache file `file`: the magic, format and header, then the
/// checksum of what `payload` writes, then that; through a temporary file
/// beside it, so a build killed meanwhile leaves the old file or none.
/// Marks its folder as a cache (git ignores it, backup programs that know
/// `CACHEDIR.TAG` skip it). Returns the file's size.
fn write(
    file: &Path,
    payload: impl FnOnce(&mut Payload) -> anyhow::Result<()>,
) -> anyhow::Result<u64> {
    use std::io::{Seek, Write};
    let dir = file.parent().expect("the cache is in a folder");
    fs::create_dir_all(dir)?;
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        fs::write(ignore, "*\n")?;
    }
    let tag = dir.join("CACHEDIR.TAG");
    if !tag.exists() {
        fs::write(
            tag,
            "Signature: 8a477f597d28d172789f06886806bc55\n# malbild's cache; deleting this folder is always safe.\n",
        )?;
    }
    let tmp = dir.join(format!(".{FILE}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(&FORMAT.to_le_bytes());
        let head = postcard::to_extend(&Header::now(), head)?;
        let mut out = Payload {
            file: std::io::BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?),
            sum: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        };
        out.file.write_all(&head)?;
        out.file.write_all(&[0; 16])?;
        payload(&mut out)?;
        let sum = out.sum.digest128();
        out.file.seek(std::io::SeekFrom::Start(head.len() as u64))?;
        out.file.write_all(&sum.to_le_bytes())?;
        out.file.into_inner().map_err(|e| e.into_error())?;
        fs::rename(&tmp, file)?;
        Ok(head.len() as u64 + 16 + out.len)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Diagnostics as written: every field, `source_from` too (serde's derive
/// on [`Diagnostic`] is for the JSON output, which leaves it out).
struct DiagnosticsOut<'a>(&'a [Diagnostic]);

/// Diagnostics as read.
struct DiagnosticsIn(Vec<Diagnostic>);

impl Serialize for DiagnosticsOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        diagnostics::serialize(self.0, s)
    }
}

impl<'de> Deserialize<'de> for DiagnosticsIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        diagnostics::deserialize(d).map(DiagnosticsIn)
    }
}

pub(crate) use crate::serial::diagnostics;

#[cfg(test)]
mod tests {
    use super::*;

    /// Copies the test fixture `name` into `to`.
    fn fixture(name: &str, to: &Path) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/testsuite/fixtures")
            .join(name);
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&target).unwrap();
            } else {
                fs::copy(entry.path(), &target).unwrap();
            }
        }
    }

    /// A build keeps no body's blocks (the plain text of every block, which
    /// the checks read while the body is made), in memory or in the file,
    /// and the checks that read them still found what they find: a long
    /// sentence; and after the check settings changed, the checks of a body
    /// read from the file (which make it again) find it under the new limit.
    #[test]
    fn no_body_keeps_its_blocks() {
        let dir = tempfile::tempdir().unwrap();
        fixture("kinds", dir.path());
        let page = dir.path().join("content/region-a/plan-2030/bilaga.md");
        let text = fs::read_to_string(&page).unwrap();
        fs::write(&page, format!("{text}\n{}slut.\n", "ord ".repeat(50))).unwrap();
        let mut builder =
            crate::Builder::new(Config::new(dir.path())).with_disk_cache(Mode::LoadAndSave);
        let long = |report: &crate::Report| {
            report
                .warnings
                .iter()
                .filter(|d| d.check == Some(crate::check::Check::LongSentence))
                .count()
        };
        let report = builder.build().unwrap();
        assert_eq!(long(&report), 1, "{:?}", report.warnings);
        let no_blocks = |builder: &crate::Builder| {
            let mut n = 0;
            for (rel, _, _, _, body) in builder.caches.markdown.entries() {
                assert!(!body.has_blocks, "{rel}");
                assert_eq!(body.content.blocks.len(), 0, "{rel}");
                for f in &body.fields {
                    assert_eq!(f.rendered.blocks.len(), 0, "{rel}");
                }
                n += 1;
            }
            assert!(n > 5);
        };
        no_blocks(&builder);
        let (_, read) = read(&path(&builder.config)).unwrap();
        assert!(read.pages.iter().all(|p| p.body.content.blocks.len() == 0));
        // A new run over the file, with a lower limit: the page's body comes
        // from the file, without blocks, and its checks make it again.
        let yaml = dir.path().join("content/site.yaml");
        let site = fs::read_to_string(&yaml).unwrap();
        fs::write(&yaml, format!("{site}check:\n  sentence_words_max: 8\n")).unwrap();
        let mut again =
            crate::Builder::new(Config::new(dir.path())).with_disk_cache(Mode::LoadAndSave);
        let report = again.build().unwrap();
        assert_eq!(long(&report), 1, "{:?}", report.warnings);
        assert!(
            report.warnings.iter().any(|d| d.message.contains(" 8")),
            "{:?}",
            report.warnings
        );
        no_blocks(&again);
        let fresh = crate::check(&Config::new(dir.path()))
            .iter()
            .filter(|d| d.check == Some(crate::check::Check::LongSentence))
            .count();
        assert_eq!(long(&report), fresh);
    }

    /// Every body, finding and render record read back from the file is
    /// what the build that wrote it held (all their fields, by `Debug`):
    /// the layout [`save`] writes is the one [`read`] reads.
    #[test]
    fn what_is_read_is_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        fixture("kinds", dir.path());
        // A long line with a warning far into it: a finding whose source
        // line is cut (`source_from`), and a heading with an offset.
        let page = dir.path().join("content/region-a/plan-2030/bilaga.md");
        let long = "Ord ".repeat(80);
        let text = fs::read_to_string(&page).unwrap();
        fs::write(
            &page,
            format!("{text}\n{long} [klicka här](bakgrund.md).\n\n#### Djup\n"),
        )
        .unwrap();
        let mut builder =
            crate::Builder::new(Config::new(dir.path())).with_disk_cache(Mode::LoadAndSave);
        let report = builder.build().unwrap();
        assert!(report.warnings.len() > 1, "{:?}", report.warnings);
        let (_, rest) = read(&path(&builder.config)).unwrap();
        let pages = &rest.pages;
        let caches = &builder.caches;
        let mut cut = 0;
        assert_eq!(pages.len(), caches.markdown.entries().count());
        for page in pages {
            let (_, text, world, settings, body) =
                caches.markdown.entries().find(|e| e.0 == page.rel).unwrap();
            assert_eq!(page.text, text_key(text), "{}", page.rel);
            assert_eq!((page.world, page.settings), (world, settings));
            assert_eq!(
                format!("{:?}", page.body),
                format!("{body:?}"),
                "{}",
                page.rel
            );
            let found = caches.check.found(&page.rel, body).unwrap();
            let read = &page.found.as_ref().unwrap().0;
            assert_eq!(format!("{read:?}"), format!("{found:?}"), "{}", page.rel);
            cut += read.iter().filter(|d| d.source_from > 0).count();
        }
        assert!(cut > 0, "no finding with a cut source line");
        assert_eq!(rest.check_settings, caches.check.settings_hash());
        assert_eq!(rest.rels, caches.render.rels());
        let mut written: Vec<String> = rest
            .outputs
            .iter()
            .map(|o| format!("{} {} {:?}", o.path, o.fingerprint, o.reads))
            .collect();
        let mut held: Vec<String> = caches
            .render
            .records()
            .map(|(path, fingerprint, reads)| format!("{path} {fingerprint} {reads:?}"))
            .collect();
        written.sort();
        held.sort();
        assert_eq!(written, held);
        for o in &rest.outputs {
            let stamp = caches.written[&o.path];
            assert_eq!((o.hash, o.size), (stamp.hash, stamp.size), "{}", o.path);
        }
    }
}
