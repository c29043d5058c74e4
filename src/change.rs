//! Changed files, as the watcher reports them to [`crate::Builder::rebuild`]:
//! our own types, so that the core never sees notify's events.

use std::path::{Path, PathBuf};

/// What kind of file changed: decides what the browser does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A Markdown file, an image, anything in `content/`.
    Content,
    /// `content/site.yaml`.
    Site,
    /// A template, a UI text or another theme file.
    Theme,
    /// A stylesheet: the browser swaps it without reloading.
    Css,
}

/// One changed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its path.
    pub path: PathBuf,
    /// What kind of file it is.
    pub kind: ChangeKind,
}

/// Classifies a path, or `None` for files that never matter.
pub fn classify(root: &Path, output: &Path, path: &Path) -> Option<Change> {
    let name = path.file_name()?.to_string_lossy();
    if crate::load::is_ignored(&name) || name.contains(".malbild-tmp-") {
        return None;
    }
    if path.starts_with(output) {
        return None;
    }
    let rel = path.strip_prefix(root).ok()?;
    let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let kind = match parts.next()?.as_ref() {
        "content" if rel == Path::new("content/site.yaml") => ChangeKind::Site,
        "content" if name.ends_with(".css") => ChangeKind::Css,
        "content" => ChangeKind::Content,
        "themes" if name.ends_with(".css") => ChangeKind::Css,
        "themes" => ChangeKind::Theme,
        _ => return None,
    };
    Some(Change {
        path: path.to_path_buf(),
        kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn editor_files_and_output_are_ignored() {
        let root = Path::new("/p");
        let out = Path::new("/p/output");
        let cases = [
            ("/p/content/a.md", Some(ChangeKind::Content)),
            ("/p/content/site.yaml", Some(ChangeKind::Site)),
            ("/p/content/bild.png", Some(ChangeKind::Content)),
            (
                "/p/themes/egen/templates/page.html",
                Some(ChangeKind::Theme),
            ),
            ("/p/themes/egen/static/css/x.css", Some(ChangeKind::Css)),
            ("/p/content/.a.md.swp", None),
            ("/p/content/a.md~", None),
            ("/p/content/.#a.md", None),
            ("/p/content/4913", None),
            ("/p/content/#a.md#", None),
            ("/p/output/index.html", None),
            ("/p/target/debug/x", None),
        ];
        for (path, want) in cases {
            assert_eq!(
                classify(root, out, Path::new(path)).map(|c| c.kind),
                want,
                "{path}"
            );
        }
    }
}
