//! Link targets: from what a writer types (`bakgrund.md`, `../logo.png`,
//! `https://...`) to the relative URL written in the page.
//!
//! Every URL the site writes is relative, so `output/` works at a domain root,
//! under a sub-path and from disk. Pages live at `<folder>/index.html`, and
//! links name `index.html` explicitly so they work from disk too.

use crate::model::{Page, PageId, Site};

/// Turns a link target written in Markdown into the URL to write in HTML.
pub(crate) trait Resolve {
    /// `Ok(href)` for a target that exists, `Err((message, hint))` otherwise.
    fn resolve(&self, dest: &str) -> Result<String, (String, String)>;

    /// The message and hint for `written` (`[text](dest)`, or `![alt](dest)`
    /// when `image`), which is no link because `dest` has a space in it.
    fn spaced(&self, written: &str, dest: &str, image: bool) -> (String, String) {
        spaced_message(written, dest, image, None)
    }
}

/// The relative URL from the page whose folder is `from` (e.g. `a/b/`) to the
/// output file `to` (e.g. `a/c/index.html`).
pub fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len().saturating_sub(1));
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The prefix that leads from a page's folder to the site root: `../../`.
pub fn root_prefix(url: &str) -> String {
    "../".repeat(url.split('/').filter(|s| !s.is_empty()).count())
}

/// Whether a link leaves the site: `https:`, `mailto:`, `//host`...
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && !dest[..i].contains('/')
        }
        None => false,
    }
}

/// The schemes a link or image may have; any other (`javascript:`,
/// `vbscript:`, `data:`...) is refused (issue 11).
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of a link that leaves the site (`javascript` for
/// `JavaScript:alert(1)`, lowercased), when it is not one of
/// [`ALLOWED_SCHEMES`]. `None` for `//host`, which keeps the page's scheme.
pub fn refused_scheme(dest: &str) -> Option<String> {
    if !is_external(dest) || dest.starts_with("//") {
        return None;
    }
    let scheme = dest[..dest.find(':')?].to_ascii_lowercase();
    (!ALLOWED_SCHEMES.contains(&scheme.as_str())).then_some(scheme)
}

/// The scheme a browser sees in the attribute value `raw` as written in
/// HTML (`&#106;avascript:` is `javascript:`; leading spaces and control
/// characters are dropped and tabs and line breaks removed, as the WHATWG
/// URL parser does), when it is not one of [`ALLOWED_SCHEMES`].
pub fn refused_attribute_scheme(raw: &str) -> Option<String> {
    let value: String = unescape_attribute(raw)
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = value.find(':')?;
    let scheme = &value[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let is_scheme = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let scheme = scheme.to_ascii_lowercase();
    (is_scheme && !ALLOWED_SCHEMES.contains(&scheme.as_str())).then_some(scheme)
}

/// An HTML attribute value with its character references decoded: the
/// numeric ones and the few names that can spell a scheme's letters or
/// its colon (`&colon;`), which is what matters for [`refused_attribute_scheme`].
fn unescape_attribute(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        // Numeric: digits, then an optional `;` (browsers read `&#106avascript:`).
        if let Some(after) = rest.strip_prefix('#') {
            let (radix, digits_from) = match after.strip_prefix(['x', 'X']) {
                Some(h) => (16, h),
                None => (10, after),
            };
            let len = digits_from
                .find(|c: char| !c.is_digit(radix))
                .unwrap_or(digits_from.len());
            if len > 0 {
                // Leading zeros count for nothing (`&#0000106;` is `j`).
                let digits = digits_from[..len].trim_start_matches('0');
                let c = (digits.len() <= 8)
                    .then(|| u32::from_str_radix(digits, radix).unwrap_or(0))
                    .and_then(char::from_u32)
                    .unwrap_or('\u{fffd}');
                out.push(c);
                let tail = &digits_from[len..];
                rest = tail.strip_prefix(';').unwrap_or(tail);
                continue;
            }
        }
        let named = [
            ("colon;", ':'),
            ("Tab;", '\t'),
            ("NewLine;", '\n'),
            ("amp;", '&'),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        match named {
            Some((name, c)) => {
                out.push(c);
                rest = &rest[name.len()..];
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Whether `dest` names a file on the writer's own computer:
/// `C:\Users\...`, `C:/...`, `file:///...`, `\\server\share\...`.
pub fn is_local_path(dest: &str) -> bool {
    let b = dest.as_bytes();
    let drive = b.len() >= 3
        && b[0].is_ascii_alphabetic()
        && b[1] == b':'
        && (b[2] == b'\\' || b[2] == b'/');
    drive
        || dest.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("file:"))
        // `\\server\share` in Markdown is `\server\share` (`\\` escapes `\`).
        || dest.starts_with('\\')
}

/// The message and hint for a link or image to a file on the writer's
/// computer (issue 11).
fn local_path_message(dest: &str) -> (String, String) {
    let name = dest
        .rsplit(['/', '\\'])
        .next()
        .filter(|n| !n.is_empty())
        .unwrap_or("bild.png");
    let name = percent_decode(name);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name.as_str(), ""));
    let is_image = ["png", "jpg", "jpeg", "gif", "svg", "webp", "avif"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e));
    let example = format!(
        "{}[{stem}]({})",
        if is_image { "!" } else { "" },
        encode(&name)
    );
    crate::words::w().local_path(dest, &example)
}

/// The message and hint for `written` (`[text](dest)`, `![alt](dest)` when
/// `image`), which stayed text because `dest` has a space (issue 11); `page`
/// is the file name of the page it most likely means, written from here.
pub fn spaced_message(
    written: &str,
    dest: &str,
    image: bool,
    page: Option<&str>,
) -> (String, String) {
    let text_end = written.find("](").unwrap_or(0);
    let head = &written[..text_end];
    crate::words::w().spaced(written, image, head, dest, page)
}

/// The message and hint for a link with a refused scheme (issue 11).
fn refused_scheme_message(dest: &str, scheme: &str) -> (String, String) {
    crate::words::w().refused_scheme(dest, scheme)
}

/// `%xx` escapes decoded (a `%` not followed by two hex digits stays);
/// bytes that make no UTF-8 become U+FFFD.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // `get`, not slicing: the two bytes after `%` may be part of a
            // character (`100%€.md`).
            if let Some(b) = s
                .get(i + 1..i + 3)
                .filter(|hex| hex.bytes().all(|b| b.is_ascii_hexdigit()))
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Encodes what may not stand bare in an `href`.
pub fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '"' => out.push_str("%22"),
            c => out.push(c),
        }
    }
    out
}

/// Joins a relative path onto a folder of `content/`, resolving `.` and `..`.
/// `None` when it climbs out of `content/`.
fn join(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Resolves the links of one page.
pub(crate) struct PageLinks<'a> {
    /// The site.
    pub(crate) site: &'a Site,
    /// The page whose Markdown holds the links.
    pub(crate) page: &'a Page,
}

impl PageLinks<'_> {
    /// The page a link leads to and the fragment after its `#` (`""` when
    /// none): `#x` is the page itself. `None` for a link that leaves the site
    /// or leads to a file or nowhere.
    pub(crate) fn page_of<'d>(&self, dest: &'d str) -> Option<(PageId, &'d str)> {
        if let Some(fragment) = dest.strip_prefix('#') {
            let id = self.site.by_rel.get(&self.page.rel).copied()?;
            return Some((id, fragment));
        }
        if dest.is_empty() || is_external(dest) {
            return None;
        }
        let (path, rest) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let fragment = rest.split_once('#').map_or("", |(_, f)| f);
        let folder = self.page.rel.rsplit_once('/').map_or("", |(d, _)| d);
        let target = join(folder, &crate::load::nfc(&percent_decode(path)))?;
        [
            target.clone(),
            format!("{target}/_index.md"),
            format!("{}.md", target.trim_end_matches('/')),
        ]
        .iter()
        .find_map(|c| self.site.by_rel.get(c.trim_start_matches('/')).copied())
        .map(|id| (id, fragment))
    }
}

impl Resolve for PageLinks<'_> {
    fn spaced(&self, written: &str, dest: &str, image: bool) -> (String, String) {
        // A page named in words, `Varför behövs en omställning`: the page
        // of this folder whose file name makes the same slug.
        let folder = self.page.rel.rsplit_once('/').map_or("", |(d, _)| d);
        let wanted = crate::model::slugify(dest.trim_end_matches(".md"));
        let page = (!image)
            .then(|| {
                self.site.by_rel.keys().find(|k| {
                    let (k_folder, name) = k.rsplit_once('/').unwrap_or(("", k));
                    k_folder == folder
                        && name.strip_suffix(".md").is_some_and(|stem| {
                            stem != "_index" && crate::model::slugify(stem) == wanted
                        })
                })
            })
            .flatten()
            .map(|k| k.rsplit('/').next().unwrap_or(k).to_string());
        spaced_message(written, dest, image, page.as_deref())
    }

    fn resolve(&self, dest: &str) -> Result<String, (String, String)> {
        if is_local_path(dest) {
            return Err(local_path_message(dest));
        }
        if let Some(scheme) = refused_scheme(dest) {
            return Err(refused_scheme_message(dest, &scheme));
        }
        if dest.is_empty() || dest.starts_with('#') || is_external(dest) {
            return Ok(dest.to_string());
        }
        let (path, fragment) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        let folder = self.page.rel.rsplit_once('/').map_or("", |(d, _)| d);
        let decoded = crate::load::nfc(&percent_decode(path));
        let Some(target) = join(folder, &decoded) else {
            return Err(crate::words::w().link_outside(dest));
        };
        let site = self.site;
        let candidates = [
            target.clone(),
            format!("{target}/_index.md"),
            format!("{}.md", target.trim_end_matches('/')),
        ];
        for candidate in candidates.iter().map(|c| c.trim_start_matches('/')) {
            if let Some(&id) = site.by_rel.get(candidate) {
                let href = relative(&self.page.url, &site.pages[id].output_path());
                return Ok(format!("{href}{fragment}"));
            }
            if let Some(out) = site.asset_by_rel.get(candidate) {
                return Ok(format!(
                    "{}{fragment}",
                    encode(&relative(&self.page.url, out))
                ));
            }
            if site.unreadable.iter().any(|d| d == candidate) {
                // That page's own error is reported; the link may well be right.
                return Ok(dest.to_string());
            }
            if site.drafts.iter().any(|d| d == candidate) {
                return Err(crate::words::w().link_to_draft(dest));
            }
        }
        let hint = if dest.starts_with("www.") {
            crate::words::w().link_www(dest)
        } else {
            let name = target.rsplit('/').next().unwrap_or(&target);
            // Near by file name (a whole path is near every file of its
            // folder), then by path; of equally near files the first in
            // order, so that the hint is the same from one build to the next.
            let near = site
                .by_rel
                .keys()
                .chain(site.asset_by_rel.keys())
                .map(|k| {
                    let k_name = k.rsplit('/').next().unwrap_or(k);
                    let by_name = strsim::jaro_winkler(name, k_name);
                    (by_name, strsim::jaro_winkler(&target, k), k)
                })
                .filter(|(by_name, _, _)| *by_name > 0.85)
                .max_by(|a, b| {
                    a.0.total_cmp(&b.0)
                        .then(a.1.total_cmp(&b.1))
                        .then_with(|| b.2.cmp(a.2))
                });
            match near {
                Some((_, _, k)) => crate::words::w().link_near(&relative_source(folder, k)),
                None => crate::words::w().link_spelling().into(),
            }
        };
        Err((crate::words::w().link_missing(dest, &target), hint))
    }
}

/// How to write a link from `folder` to the content file `rel`.
fn relative_source(folder: &str, rel: &str) -> String {
    let r = relative(&format!("{folder}/"), rel);
    if r.is_empty() { rel.to_string() } else { r }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls() {
        let cases = [
            ("", "index.html", "index.html"),
            ("", "a/index.html", "a/index.html"),
            ("a/b/", "a/c/index.html", "../c/index.html"),
            ("a/b/c/", "a/b/index.html", "../index.html"),
            ("a/b/", "a/b/logo.png", "logo.png"),
            ("a/b/", "index.html", "../../index.html"),
            ("a/", "a/index.html", "index.html"),
            ("x/y/", "z/index.html", "../../z/index.html"),
        ];
        for (from, to, want) in cases {
            assert_eq!(relative(from, to), want, "{from} -> {to}");
        }
    }

    #[test]
    fn external_links() {
        for d in [
            "https://a.se",
            "mailto:a@b.se",
            "tel:+4610",
            "//cdn.example",
        ] {
            assert!(is_external(d), "{d}");
        }
        for d in ["bakgrund.md", "../a/b.md", "bild.png", "a:b/c.md"] {
            assert!(!is_external(d) || d == "a:b/c.md", "{d}");
        }
    }

    // See: issue 11 (`javascript:` links were published).
    #[test]
    fn refused_schemes_and_local_paths() {
        for (d, want) in [
            ("javascript:alert(1)", Some("javascript")),
            ("JavaScript:alert(1)", Some("javascript")),
            ("vbscript:msgbox", Some("vbscript")),
            ("data:text/html,<b>x</b>", Some("data")),
            ("ftp://a.se/x", Some("ftp")),
            ("https://a.se", None),
            ("HTTP://a.se", None),
            ("mailto:a@b.se", None),
            ("tel:+4610", None),
            ("//cdn.example/x", None),
            ("bakgrund.md", None),
            ("#mal", None),
        ] {
            assert_eq!(refused_scheme(d).as_deref(), want, "{d}");
        }
        for d in [
            "C:\\Users\\anna\\Bilder\\karta.png",
            "c:/Users/anna/karta.png",
            "file:///home/anna/karta.png",
            "FILE:///C:/karta.png",
            "\\\\server\\share\\karta.png",
            "\\server\\share\\karta.png",
        ] {
            assert!(is_local_path(d), "{d}");
        }
        for d in ["karta.png", "https://a.se/c:/x", "../bilder/karta.png"] {
            assert!(!is_local_path(d), "{d}");
        }
        let (_, hint) = local_path_message("C:\\Users\\anna\\Bilder\\karta.png");
        assert!(hint.ends_with("`![karta](karta.png)`"), "{hint}");
    }

    #[test]
    fn joins() {
        assert_eq!(join("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("a/b", "./c.md").as_deref(), Some("a/b/c.md"));
        assert_eq!(join("a", "../../c.md"), None);
        assert_eq!(percent_decode("min%20bild.png"), "min bild.png");
    }

    // See: issue 12 (a `%` before a character of more than one byte panicked,
    // and ended `serve`).
    #[test]
    fn percent_before_a_wide_character() {
        for (s, want) in [
            ("100%€.md", "100%€.md"),
            ("%€", "%€"),
            ("a%Å", "a%Å"),
            ("%", "%"),
            ("%4", "%4"),
            ("%41", "A"),
            ("x%c3%a5", "xå"),
        ] {
            assert_eq!(percent_decode(s), want, "{s}");
        }
    }
}
