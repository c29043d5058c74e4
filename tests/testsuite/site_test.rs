//! `SiteTest`: a fixture site copied to a temporary folder, built with the
//! `malbild` binary, and read back.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

pub(crate) struct SiteTest {
    pub(crate) dir: tempfile::TempDir,
}

pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stderr: String,
}

impl SiteTest {
    /// Copies `tests/testsuite/fixtures/<name>` to a temporary folder.
    pub(crate) fn from_dir(name: &str) -> SiteTest {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/testsuite/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&src, dir.path());
        SiteTest { dir }
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub(crate) fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path(rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, text).unwrap();
        self
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs `malbild <args> --root <dir>`.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// Runs `malbild <args> --root <dir>` with environment variables set
    /// (`MALBILD_CHROMIUM` is always unset first; an empty value stays unset).
    pub(crate) fn run_with_env(&self, args: &[&str], env: &[(&str, &OsStr)]) -> Run {
        let mut command = Command::cargo_bin("malbild").unwrap();
        command.env_remove("MALBILD_CHROMIUM");
        for (key, value) in env {
            command.env(key, value);
        }
        let out: Output = command
            .args(args)
            .arg("--root")
            .arg(self.root())
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Builds and insists it works.
    pub(crate) fn build(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }

    /// Every file under `output/`, with its bytes (of the marker, only the
    /// files it lists: see [`SiteTest::files_in`]).
    pub(crate) fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        self.files_in("output")
    }

    /// Every file under the folder `rel`, with its bytes; of the marker
    /// `.malbild-output`, only the files it lists (its hashes may lag behind
    /// after the rebuilds of `serve`, by design: see `output::update`).
    pub(crate) fn files_in(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let mut files = self.raw_files_in(rel);
        if let Some(marker) = files.get_mut(".malbild-output") {
            let text = String::from_utf8_lossy(marker).into_owned();
            let listed: String = text
                .lines()
                .map(|l| match l.splitn(3, ' ').collect::<Vec<_>>()[..] {
                    [hash, size, path]
                        if hash.len() == 16 && size.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        format!("{path}\n")
                    }
                    _ => format!("{l}\n"),
                })
                .collect();
            *marker = listed.into_bytes();
        }
        files
    }

    /// Every file under the folder `rel`, with its bytes as they are.
    fn raw_files_in(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let base = self.path(rel);
        for e in walkdir::WalkDir::new(&base)
            .into_iter()
            .filter_map(Result::ok)
        {
            if e.file_type().is_file() {
                let rel = e
                    .path()
                    .strip_prefix(&base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(e.path()).unwrap());
            }
        }
        out
    }

    /// The `<main>` element of an output page.
    pub(crate) fn main_of(&self, rel: &str) -> String {
        let html = self.read(&format!("output/{rel}"));
        let start = html
            .find("<main")
            .unwrap_or_else(|| panic!("{rel} has no <main>"));
        let end = html.find("</main>").unwrap() + "</main>".len();
        html[start..end].to_string()
    }
}

fn copy_dir(src: &Path, dst: &Path) {
    for e in walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = e.path().strip_prefix(src).unwrap();
        let to = dst.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&to).unwrap();
        } else {
            fs::copy(e.path(), &to).unwrap();
        }
    }
}
