//! Themes: Tera templates, static files and UI strings, in a cascade.
//!
//! A site picks a theme in `site.yaml`; `themes/<name>/theme.yaml` may say
//! `extends: <other>`, and so on down to `default`. A file in a theme hides
//! the file of the same name in the theme it extends. `themes/default/` in the
//! project wins over the copy of the default theme built into the binary, so a
//! site without a `themes/` folder still builds. Templates are parsed once per
//! build. This module turns Tera's errors into diagnostics; it does not know
//! what a page is.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::front_matter;
use crate::load;

/// The default theme, built into the binary.
pub(crate) static BUILTIN_DEFAULT: Dir<'static> =
    include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// `themes/<name>/theme.yaml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ThemeInfo {
    /// The theme's name.
    #[serde(default)]
    #[expect(dead_code, reason = "theme.yaml may say it; nothing reads it")]
    pub name: Option<String>,
    /// One line about it.
    #[serde(default)]
    #[expect(dead_code, reason = "theme.yaml may say it; nothing reads it")]
    pub description: Option<String>,
    /// The theme this one builds on.
    #[serde(default)]
    pub extends: Option<String>,
}

/// A UI string, or a list of them (month names).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(untagged)]
pub(crate) enum Text {
    /// One string.
    One(String),
    /// Several, e.g. month names.
    Many(Vec<String>),
}

/// The UI texts of one language.
#[derive(Debug, Clone)]
pub(crate) struct Texts {
    /// Its UI strings.
    pub strings: BTreeMap<String, Text>,
    /// Its month names, from `strings.months`.
    pub months: Vec<String>,
}

impl Texts {
    fn of(strings: BTreeMap<String, Text>) -> Self {
        let months = match strings.get("months") {
            Some(Text::Many(m)) if m.len() == 12 => m.clone(),
            _ => (1..=12).map(|m| m.to_string()).collect(),
        };
        Texts { strings, months }
    }
}

/// Where a theme file comes from.
#[derive(Debug, Clone)]
pub enum FileSource {
    /// A file in the project.
    Disk(PathBuf),
    /// A file of the built-in default theme.
    Builtin(&'static [u8]),
}

/// One template, kept for error messages.
#[derive(Debug, Clone)]
struct TemplateSource {
    /// Shown in messages, e.g. `themes/default/templates/page.html`.
    shown: PathBuf,
    text: String,
}

/// A theme cascade, ready to render.
pub(crate) struct Theme {
    /// The parsed templates, named by their path under `templates/`.
    pub tera: tera::Tera,
    /// The themes of the cascade, the site's own first.
    pub chain: Vec<String>,
    /// Files to copy to the output, by output path.
    pub static_files: BTreeMap<String, FileSource>,
    /// The text of every stylesheet among them, by output path, for pages
    /// that carry their styles inline (the 404 page, served at any address).
    pub stylesheets: BTreeMap<String, String>,
    /// The UI strings of the site's language.
    pub strings: BTreeMap<String, Text>,
    /// Month names for dates, from `strings.months`.
    pub months: Vec<String>,
    /// The UI texts of every language the theme has (`i18n/<lang>.yaml`
    /// anywhere in the cascade), the site's language among them: a page
    /// whose front matter (or a parent's) sets `lang` gets its UI in that
    /// language when the theme has it.
    pub languages: BTreeMap<String, Texts>,
    templates: BTreeMap<String, TemplateSource>,
    /// Per template: a hash of its text, of every template it extends or
    /// includes, and of the UI strings. Outputs made with a template whose
    /// hash did not change need not be rendered again.
    fingerprints: BTreeMap<String, u64>,
    /// The templates whose text, or that of a template they extend or
    /// include, reads a value's `publications` ([`names_publications`]):
    /// the only ones that may show the
    /// navigation's publications (`site.regions[].publications`), so the
    /// only ones made again when a publication's title changes and they do
    /// not read it through the page views.
    lists_publications: std::collections::BTreeSet<String>,
    /// The templates whose closure names `site.regions`
    /// ([`names_site_regions`]): they may show every
    /// region's title, so they are made again when one changes. The
    /// default theme calls [`regions()`](took_regions) instead, which notes
    /// the read only when the template shows the regions.
    lists_regions: std::collections::BTreeSet<String>,
}

thread_local! {
    /// Whether the template function `regions()` was called on this thread
    /// since [`took_regions`] last looked.
    static REGIONS_READ: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a template rendered on this thread called `regions()` since the
/// last time this was asked (an output's rendering asks before and after:
/// when it did, the output read every region's title and address).
pub(crate) fn took_regions() -> bool {
    REGIONS_READ.with(|r| r.replace(false))
}

/// The template function `regions()`: the regions of the site navigation
/// (`site.regions`: each one's `title`, `url` and `publications`), noting
/// that the output being made shows them.
fn regions_function(_: tera::Kwargs, state: &tera::State) -> tera::Value {
    REGIONS_READ.with(|r| r.set(true));
    state
        .get::<tera::Value>("site")
        .ok()
        .flatten()
        .and_then(|site| site.get_from_path("regions").cloned())
        .unwrap_or_else(|| tera::Value::from_serializable(&Vec::<()>::new()))
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("chain", &self.chain)
            .finish_non_exhaustive()
    }
}

/// One theme's folder: on disk or built in.
enum ThemeDir {
    Disk { abs: PathBuf, shown: PathBuf },
    Builtin,
}

impl ThemeDir {
    /// Every file under `sub`, as (path relative to `sub`, source, shown path).
    fn files(&self, sub: &str) -> Vec<(String, FileSource, PathBuf)> {
        let mut out = Vec::new();
        match self {
            ThemeDir::Disk { abs, shown } => {
                let base = abs.join(sub);
                for entry in walkdir::WalkDir::new(&base)
                    .sort_by_file_name()
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0 || !load::is_ignored(&e.file_name().to_string_lossy())
                    })
                    .filter_map(Result::ok)
                    .filter(|e| e.file_type().is_file())
                {
                    let rel = entry.path().strip_prefix(&base).unwrap_or(entry.path());
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    let shown = shown.join(sub).join(&rel);
                    out.push((rel, FileSource::Disk(entry.path().to_path_buf()), shown));
                }
            }
            ThemeDir::Builtin => {
                fn walk(
                    dir: &'static Dir<'static>,
                    out: &mut Vec<&'static include_dir::File<'static>>,
                ) {
                    out.extend(dir.files());
                    for d in dir.dirs() {
                        walk(d, out);
                    }
                }
                if let Some(dir) = BUILTIN_DEFAULT.get_dir(sub) {
                    let mut files = Vec::new();
                    walk(dir, &mut files);
                    for f in files {
                        let full = f.path().to_string_lossy().replace('\\', "/");
                        let rel = full
                            .strip_prefix(&format!("{sub}/"))
                            .unwrap_or(&full)
                            .to_string();
                        let shown = PathBuf::from(format!("(built in) themes/default/{full}"));
                        out.push((rel, FileSource::Builtin(f.contents()), shown));
                    }
                }
                out.sort_by(|a, b| a.0.cmp(&b.0));
            }
        }
        out
    }

    fn file(&self, rel: &str) -> Option<(FileSource, PathBuf)> {
        match self {
            ThemeDir::Disk { abs, shown } => {
                let p = abs.join(rel);
                // Never a file that a link takes outside the theme's folder.
                let inside = match (p.canonicalize(), abs.canonicalize()) {
                    (Ok(file), Ok(dir)) => file.starts_with(dir),
                    _ => false,
                };
                (inside && p.is_file()).then(|| (FileSource::Disk(p), shown.join(rel)))
            }
            ThemeDir::Builtin => BUILTIN_DEFAULT.get_file(rel).map(|f| {
                (
                    FileSource::Builtin(f.contents()),
                    PathBuf::from(format!("(built in) themes/default/{rel}")),
                )
            }),
        }
    }
}

fn read(config: &Config, source: &FileSource, shown: &Path) -> Result<String, Diagnostic> {
    match source {
        FileSource::Disk(p) => load::read_text(config, p),
        FileSource::Builtin(bytes) => load::decode(shown, bytes.to_vec()),
    }
}

/// Finds a theme's folder.
fn locate(config: &Config, name: &str) -> Option<ThemeDir> {
    let abs = config.root.join("themes").join(name);
    if abs.join("templates").is_dir() || abs.join("theme.yaml").is_file() {
        let shown = config.relative(&abs).to_path_buf();
        return Some(ThemeDir::Disk { abs, shown });
    }
    (name == "default").then_some(ThemeDir::Builtin)
}

fn available(config: &Config) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(config.root.join("themes"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.path().join("templates").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if !names.iter().any(|n| n == "default") {
        names.push("default".into());
    }
    names.sort();
    names
}

/// Loads the theme `name` and the themes it extends, for `language`.
/// `asked_at` is the file and line that named the theme, for messages.
pub(crate) fn load(
    config: &Config,
    name: &str,
    language: &str,
    asked_at: Diagnostic,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut chain: Vec<(String, ThemeDir)> = Vec::new();
    let mut next = Some(name.to_string());
    let mut asked = asked_at;
    while let Some(name) = next.take() {
        if chain.iter().any(|(n, _)| *n == name) {
            return Err(vec![{
                let (message, hint) = crate::words::w().theme_circle(&name);
                asked.clone_with(message).with_hint(hint)
            }]);
        }
        if !crate::config::is_plain_name(&name) {
            return Err(vec![{
                let (message, hint) = crate::words::w().theme_path(&name);
                asked.clone_with(message).with_hint(hint)
            }]);
        }
        let Some(dir) = locate(config, &name) else {
            let names = available(config);
            let (message, hint) = crate::words::w().no_theme(&name, &names.join(", "));
            return Err(vec![asked.clone_with(message).with_hint(hint)]);
        };
        if let ThemeDir::Disk { abs, shown } = &dir {
            let project = config.root.canonicalize();
            let real = abs.canonicalize();
            if let (Ok(project), Ok(real)) = (project, real)
                && !real.starts_with(&project)
            {
                let (message, hint) = crate::words::w().theme_outside(&real.display().to_string());
                return Err(vec![Diagnostic::error(shown, message).with_hint(hint)]);
            }
        }
        if let Some((source, shown)) = dir.file("theme.yaml") {
            let text = read(config, &source, &shown).map_err(|d| vec![d])?;
            let info: ThemeInfo =
                front_matter::parse(&shown, &text, &text, 1).map_err(|d| vec![d])?;
            if let Some(parent) = info.extends {
                let line = text
                    .lines()
                    .position(|l| l.starts_with("extends"))
                    .map_or(1, |i| i + 1);
                asked = Diagnostic::error(&shown, "").at(&text, line, 1);
                next = Some(parent);
            }
        }
        chain.push((name, dir));
    }

    let mut diagnostics = Vec::new();
    let mut templates: BTreeMap<String, TemplateSource> = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    let mut stylesheets = BTreeMap::new();
    let mut all_strings: BTreeMap<String, BTreeMap<String, Text>> = BTreeMap::new();
    // Base first, so that the site's own theme overrides.
    for (_, dir) in chain.iter().rev() {
        for (rel, source, shown) in dir.files("templates") {
            match read(config, &source, &shown) {
                Ok(text) => {
                    templates.insert(rel, TemplateSource { shown, text });
                }
                Err(d) => diagnostics.push(d),
            }
        }
        for (rel, source, shown) in dir.files("static") {
            if rel.ends_with(".css") {
                match read(config, &source, &shown) {
                    // Never the end of the <style> element it goes into.
                    Ok(text) => {
                        stylesheets.insert(rel.clone(), text.replace("</style", "<\\/style"));
                    }
                    Err(d) => diagnostics.push(d),
                }
            }
            static_files.insert(rel, source);
        }
        for (rel, source, shown) in dir.files("i18n") {
            let Some(lang) = rel.strip_suffix(".yaml") else {
                continue;
            };
            if lang.contains('/') || !crate::config::is_plain_name(lang) {
                continue;
            }
            match read(config, &source, &shown).and_then(|text| {
                front_matter::parse::<BTreeMap<String, Text>>(&shown, &text, &text, 1)
            }) {
                Ok(map) => all_strings.entry(lang.to_string()).or_default().extend(map),
                Err(d) => diagnostics.push(d),
            }
        }
    }
    let strings = all_strings.get(language).cloned().unwrap_or_default();
    if strings.is_empty() {
        let (message, hint) = crate::words::w().theme_no_language(language);
        diagnostics.push(
            Diagnostic::error(
                PathBuf::from(format!("themes/{name}/i18n/{language}.yaml")),
                message,
            )
            .with_hint(hint),
        );
    }
    let months = Texts::of(strings.clone()).months;
    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_function("regions", regions_function);
    let (fingerprints, lists_publications, lists_regions) = fingerprints(&templates, &all_strings);
    let languages = all_strings
        .into_iter()
        .map(|(lang, strings)| (lang, Texts::of(strings)))
        .collect();
    let theme = Theme {
        tera: tera::Tera::new(),
        chain: chain.iter().map(|(n, _)| n.clone()).collect(),
        static_files,
        stylesheets,
        strings,
        months,
        languages,
        templates,
        fingerprints,
        lists_publications,
        lists_regions,
    };
    if let Err(err) = tera.add_raw_templates(
        theme
            .templates
            .iter()
            .map(|(n, t)| (n.as_str(), t.text.as_str())),
    ) {
        diagnostics.push(theme.explain(&err, None));
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    Ok(Theme { tera, ..theme })
}

/// The templates a template names in `extends`, `include` and `import` tags.
fn references(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in text.split("{%").skip(1) {
        let tag = tag.trim_start_matches('-').trim_start();
        let Some(rest) = ["extends", "include", "import"]
            .iter()
            .find_map(|k| tag.strip_prefix(k))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(name) = rest[1..].split(quote).next() {
            out.push(name.to_string());
        }
    }
    out
}

/// Whether a template's text reads a value's `publications`: `x.publications`
/// or `x["publications"]`, but not the UI text `t.publications` nor an id or
/// class that has the word in it (`mb-publications`).
fn names_publications(text: &str) -> bool {
    names_field(text, "publications")
}

/// Whether a template's text reads `site.regions` (or `site["regions"]`),
/// the navigation's regions, other than through `regions()`.
fn names_site_regions(text: &str) -> bool {
    ["site.regions", "site[\"regions\"]", "site['regions']"]
        .iter()
        .any(|w| {
            text.match_indices(w).any(|(i, _)| {
                !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                    && !text[i + w.len()..]
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
}

/// Whether a template's text reads a value's field `field`: `x.field` or
/// `x["field"]`, but not the UI text `t.field` nor an id or class that has
/// the word in it (`mb-field`).
fn names_field(text: &str, field: &str) -> bool {
    text.match_indices(field).any(|(i, w)| {
        let before = &text[..i];
        let after = text[i + w.len()..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            return false;
        }
        match before.chars().next_back() {
            Some('"' | '\'') => true,
            Some('.') => {
                let owner = before[..before.len() - 1]
                    .rsplit(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or_default();
                owner != "t"
            }
            _ => false,
        }
    })
}

/// Per template: its fingerprint (a hash of it, of every template it uses,
/// and of the UI strings); the templates whose closure names
/// `publications`; and those whose closure names `regions`.
#[allow(clippy::type_complexity)]
fn fingerprints(
    templates: &BTreeMap<String, TemplateSource>,
    strings: &BTreeMap<String, BTreeMap<String, Text>>,
) -> (
    BTreeMap<String, u64>,
    std::collections::BTreeSet<String>,
    std::collections::BTreeSet<String>,
) {
    let strings_hash = crate::hash::str(&format!("{strings:?}"));
    let mut lists = std::collections::BTreeSet::new();
    let mut regions = std::collections::BTreeSet::new();
    let fingerprints = templates
        .keys()
        .map(|name| {
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = vec![name.clone()];
            while let Some(n) = todo.pop() {
                if let Some(t) = templates.get(&n)
                    && seen.insert(n)
                {
                    todo.extend(references(&t.text));
                }
            }
            let mut h = crate::hash::Combine::default().u64(strings_hash);
            for n in &seen {
                h = h.str(n).str(&templates[n].text);
            }
            if seen.iter().any(|n| names_publications(&templates[n].text)) {
                lists.insert(name.clone());
            }
            if seen.iter().any(|n| names_site_regions(&templates[n].text)) {
                regions.insert(name.clone());
            }
            (name.clone(), h.finish())
        })
        .collect();
    (fingerprints, lists, regions)
}

impl Theme {
    /// The UI texts for content in `lang` (`en`, or `en-GB` for `en`), when
    /// the theme has them.
    pub(crate) fn texts(&self, lang: &str) -> Option<&Texts> {
        self.languages.get(lang).or_else(|| {
            let primary = lang.split(['-', '_']).next()?;
            self.languages.get(primary)
        })
    }

    /// A hash of a template, of every template it uses, and of the UI
    /// strings of every language.
    pub(crate) fn fingerprint(&self, name: &str) -> u64 {
        self.fingerprints.get(name).copied().unwrap_or_default()
    }

    /// Whether template `name` (or one it uses) names `publications`, so
    /// that it may show the navigation's publications.
    pub(crate) fn lists_publications(&self, name: &str) -> bool {
        self.lists_publications.contains(name)
    }

    /// Whether template `name` (or one it uses) names `site.regions`, so
    /// that it may show every region's title without
    /// calling `regions()`.
    pub(crate) fn lists_regions(&self, name: &str) -> bool {
        self.lists_regions.contains(name)
    }

    /// Whether any template names `site.regions` ([`Theme::lists_regions`]).
    pub(crate) fn names_site_regions(&self) -> bool {
        !self.lists_regions.is_empty()
    }

    /// A hash of every stylesheet's text.
    pub(crate) fn stylesheets_hash(&self) -> u64 {
        let mut h = crate::hash::Combine::default();
        for (name, text) in &self.stylesheets {
            h = h.str(name).str(text);
        }
        h.finish()
    }

    /// Whether the cascade has a template called `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.templates.contains_key(name)
    }

    /// Every template name, sorted.
    pub(crate) fn template_names(&self) -> impl Iterator<Item = &str> {
        self.templates.keys().map(String::as_str)
    }

    /// Renders `template` with `context` into bytes, for a file. Tera's
    /// `render` checks that its bytes are UTF-8 to make a `String`, which a
    /// file does not need (that check was 2 % of a build's samples).
    pub(crate) fn render_bytes(
        &self,
        template: &str,
        context: &tera::Context,
    ) -> Result<Vec<u8>, tera::Error> {
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, context, &mut bytes)?;
        Ok(bytes)
    }

    /// Turns a Tera error into a diagnostic in the template's file. `page` is
    /// the content file being rendered, if any.
    pub(crate) fn explain(&self, err: &tera::Error, page: Option<&Path>) -> Diagnostic {
        let context = page
            .map(|p| crate::words::w().while_making(&crate::diagnostic::display_path(p)))
            .unwrap_or_default();
        match err.kind() {
            tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
                let syntax = matches!(err.kind(), tera::ErrorKind::SyntaxError(_));
                let (shown, text) = match self.templates.get(report.filename()) {
                    Some(t) => (t.shown.clone(), t.text.as_str()),
                    None => (PathBuf::from(report.filename()), ""),
                };
                let span = report.span();
                let hint = crate::words::w().template_hint(if syntax {
                    0
                } else if report.message().contains("not found")
                    || report.message().contains("undefined")
                {
                    1
                } else {
                    2
                });
                Diagnostic::error(
                    shown,
                    crate::words::w().template_error(syntax, report.message(), &context),
                )
                .at(text, span.start_line, span.start_col + 1)
                .with_hint(hint)
            }
            tera::ErrorKind::CircularInclude { include_chain, .. } => {
                self.explain_loop(include_chain, "include", context)
            }
            tera::ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => {
                let chain: Vec<String> = std::iter::once(tpl.clone())
                    .chain(inheritance_chain.iter().cloned())
                    .collect();
                self.explain_loop(&chain, "extends", context)
            }
            tera::ErrorKind::MissingParent { current, parent } => {
                let (shown, text) = self.source_of(current);
                let line = text
                    .lines()
                    .position(|l| l.contains(parent.as_str()))
                    .map_or(1, |i| i + 1);
                Diagnostic::error(shown, crate::words::w().missing_parent(parent))
                    .at(text, line, 1)
                    .with_hint(
                        crate::words::w()
                            .template_names(&self.template_names().collect::<Vec<_>>().join(", ")),
                    )
            }
            tera::ErrorKind::TemplateNotFound(name) => Diagnostic::error(
                page.map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("themes")),
                crate::words::w().template_missing(name, &context),
            )
            .with_hint(
                crate::words::w()
                    .template_names(&self.template_names().collect::<Vec<_>>().join(", ")),
            ),
            tera::ErrorKind::Msg(message) => {
                // Checks across templates come as Tera's own reports:
                // "error: <message>\n --> <name>:<line>:<col>\n ..."; the first is shown.
                let first = message.split("\n\n").next().unwrap_or(message);
                let mut lines = first.lines();
                let what = lines
                    .next()
                    .unwrap_or_default()
                    .trim_start_matches("error: ")
                    .to_string();
                let place = lines
                    .next()
                    .and_then(|l| l.trim().strip_prefix("--> "))
                    .and_then(|l| {
                        let mut it = l.rsplitn(3, ':');
                        let col: usize = it.next()?.parse().ok()?;
                        let line: usize = it.next()?.parse().ok()?;
                        Some((it.next()?.to_string(), line, col))
                    });
                match place {
                    Some((name, line, col)) => {
                        let (shown, text) = self.source_of(&name);
                        Diagnostic::error(
                            shown,
                            crate::words::w().template_error(false, &what, &context),
                        )
                        .at(text, line, col)
                        .with_hint(crate::words::w().template_hint(3))
                    }
                    None => Diagnostic::error(
                        page.map(Path::to_path_buf)
                            .unwrap_or_else(|| PathBuf::from("themes")),
                        crate::words::w().template_problem(&what, &context),
                    ),
                }
            }
            other => Diagnostic::error(
                page.map(Path::to_path_buf)
                    .unwrap_or_else(|| PathBuf::from("themes")),
                crate::words::w().template_problem(&other.to_string(), &context),
            ),
        }
    }

    /// A loop of `{% include %}` or `{% extends %}` (`tag`) through the
    /// templates of `chain`, whose last is one before it: an error in the
    /// template that closes the loop, on the line of its tag.
    fn explain_loop(&self, chain: &[String], tag: &str, context: String) -> Diagnostic {
        let (Some(last), Some(closing)) = (chain.last(), chain.len().checked_sub(2)) else {
            return Diagnostic::error("themes", crate::words::w().template_loop(tag, &context));
        };
        let closing = &chain[closing];
        let (shown, text) = self.source_of(closing);
        let line = text
            .lines()
            .position(|l| l.contains(tag) && l.contains(last.as_str()))
            .map_or(1, |i| i + 1);
        let (message, hint) = crate::words::w().template_loop_at(
            closing,
            tag == "include",
            last,
            &chain.join(" → "),
            &context,
        );
        let path = if text.is_empty() {
            PathBuf::from(closing)
        } else {
            shown
        };
        Diagnostic::error(path, message)
            .at(text, line, 1)
            .with_hint(hint)
    }

    fn source_of(&self, name: &str) -> (PathBuf, &str) {
        match self.templates.get(name) {
            Some(t) => (t.shown.clone(), t.text.as_str()),
            None => (PathBuf::from(name), ""),
        }
    }
}

impl Diagnostic {
    /// The same place, another message.
    fn clone_with(&self, message: String) -> Diagnostic {
        Diagnostic {
            message,
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_names_publications_when_it_reads_them() {
        for (text, reads) in [
            ("{% for p in r.publications %}", true),
            ("{{ site.regions[0].publications | length }}", true),
            ("{{ region[\"publications\"] }}", true),
            (
                "<h2 id=\"mb-publications\">{{ t.publications }}</h2>",
                false,
            ),
            ("{{ t.no_publications }}", false),
            ("<section class=\"region-publications\">", false),
            ("{{ page.publications_count }}", false),
        ] {
            assert_eq!(names_publications(text), reads, "{text}");
        }
    }

    #[test]
    fn a_template_names_the_regions_when_it_reads_site_regions() {
        for (text, reads) in [
            ("{% for r in site.regions %}", true),
            ("{{ site.regions | length }}", true),
            ("{{ site[\"regions\"] }}", true),
            ("{% for r in regions() %}", false),
            ("{{ site.region_count }}", false),
            ("{% for region in theme.regions %}", false),
            ("{{ t.regions }}", false),
            ("{{ website.regions }}", false),
        ] {
            assert_eq!(names_site_regions(text), reads, "{text}");
        }
    }
}
