//! What a build is asked to do ([`Config`], from the command line) and what the
//! site says about itself ([`SiteConfig`], from `content/site.yaml`).
//!
//! `site.yaml` is optional: a folder of Markdown alone builds with defaults.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// One build's settings, validated from the command line.
#[derive(Debug, Clone)]
pub struct Config {
    /// The project folder: it holds `content/` and, optionally, `themes/`.
    pub root: PathBuf,
    /// Where the site is written; `root/output` unless given.
    pub output: PathBuf,
    /// Whether pages marked `draft: true` are built.
    pub drafts: bool,
    /// Whether a PDF is made of each publication (`--pdf`).
    pub pdf: bool,
    /// The browser that makes PDFs (`MALBILD_CHROMIUM`); looked for on the
    /// `PATH` when `None`.
    pub chromium: Option<PathBuf>,
    /// Where the build reports how far it is; silent unless given.
    pub progress: crate::progress::Handle,
    /// Where the build says something the user should know at once (that
    /// it waits for another build, that it put back an output folder);
    /// nowhere unless given.
    pub notice: fn(&str),
}

impl Config {
    /// The settings for the project in `root`, writing to `root/output`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Config {
            output: root.join("output"),
            root,
            drafts: false,
            pdf: false,
            chromium: None,
            progress: Default::default(),
            notice: |_| {},
        }
    }

    /// The `content/` folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// Shows `path` relative to the project root, as messages should.
    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

/// `content/site.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteConfig {
    /// The site's name, in every page title.
    #[serde(default = "default_title")]
    pub title: String,
    /// One sentence about the site (meta description of the home page).
    #[serde(default)]
    pub description: Option<String>,
    /// The language of the content; picks `i18n/<language>.yaml` of the theme.
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site is published, e.g. `https://example.se/malbild`. Every
    /// link is relative without it; the 404 page's links start from its path,
    /// so they are right without JavaScript under a sub-path too.
    #[serde(default)]
    pub base_url: Option<String>,
    /// The theme in `themes/<name>/`; `default` is built in.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Who publishes the site.
    #[serde(default)]
    pub organisation: Option<Organisation>,
    /// Labels for theme slugs, e.g. `kompetensforsorjning: Kompetensförsörjning`.
    #[serde(default)]
    pub themes: BTreeMap<String, String>,
    /// Facts for the accessibility statement (tillgänglighetsredogörelse).
    #[serde(default)]
    pub accessibility: Option<Accessibility>,
    /// When the pages that show the whole site are split (`split:`).
    #[serde(default)]
    pub split: SplitConfig,
    /// Limits of the content checks (`malbild check`, and the build's warnings).
    #[serde(default)]
    pub check: CheckConfig,
}

/// The `split:` section of `site.yaml`: above what size the pages that
/// show the whole site are split into pages a phone and a screen reader can
/// take. Not in the starter `site.yaml`: the defaults are for every real
/// site; tests set small numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SplitConfig {
    /// The search page's list of every page A–Ö becomes a page per letter
    /// above this many pages (`crate::index::split_above`: 500).
    #[serde(default)]
    pub pages: Option<usize>,
    /// The comparison and each theme word's page become a page per this
    /// many regions when the site has more (`crate::across::group_size`:
    /// 21, Sweden's regions).
    #[serde(default)]
    pub regions: Option<usize>,
}

/// The `check:` section of `site.yaml`: limits of the content checks, and
/// checks turned off for the whole site. README.md explains each default.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckConfig {
    /// Warn when a page's LIX (läsbarhetsindex) is above this. 60 is where
    /// Björnsson's scale puts "mycket svår" text (bureaucratic, research prose).
    #[serde(default = "default_lix_max")]
    pub lix_max: u32,
    /// LIX is only computed for pages with at least this many words of
    /// running text; on fewer it says more about chance than about the text.
    #[serde(default = "default_lix_min_words")]
    pub lix_min_words: usize,
    /// Warn about a sentence with more words than this.
    #[serde(default = "default_sentence_words_max")]
    pub sentence_words_max: usize,
    /// Checks turned off for every page, e.g. `[lix]`.
    #[serde(default)]
    pub ignore: Vec<String>,
}

fn default_lix_max() -> u32 {
    60
}
fn default_lix_min_words() -> usize {
    100
}
fn default_sentence_words_max() -> usize {
    40
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            lix_max: default_lix_max(),
            lix_min_words: default_lix_min_words(),
            sentence_words_max: default_sentence_words_max(),
            ignore: Vec::new(),
        }
    }
}

/// The `check:` key of a page's front matter: checks turned off for that page.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageCheck {
    /// Checks not run on this page, e.g. `[lix, long-sentence]`.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// Who publishes the site, and how to reach them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Organisation {
    /// The organisation's name.
    pub name: String,
    /// Its website.
    #[serde(default)]
    pub url: Option<String>,
    /// A contact e-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// A contact telephone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// Facts for the accessibility statement (tillgänglighetsredogörelse), as
/// DIGG's model asks for them. Whose site it is comes from
/// [`Organisation::name`]; how it was tested comes from the latest browser
/// audit (`content/accessibility-audit.yaml`). The statement is rendered by
/// `statement.rs`; every field is optional and the page leaves out what is
/// not given.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accessibility {
    /// How well the site meets the law: `fully`, `partly` or `not`
    /// (helt, delvis or inte förenlig).
    #[serde(default)]
    pub compliance: Option<Compliance>,
    /// Known problems: what is not accessible and why, one item each
    /// (Markdown; links written as from `content/_index.md`).
    #[serde(default)]
    pub known_problems: Vec<String>,
    /// Content left inaccessible because fixing it would be an unreasonable
    /// burden (12 § of the law), each with the reason.
    #[serde(default)]
    pub disproportionate_burden: Vec<String>,
    /// Content the law does not cover (9 §), e.g. documents published before
    /// 23 September 2018.
    #[serde(default)]
    pub not_covered: Vec<String>,
    /// Where to report a problem: an e-mail address (else `organisation.email`).
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Where to report a problem: a telephone number (else `organisation.phone`).
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// Where to report a problem: a web form or contact page (else
    /// `organisation.url`).
    #[serde(default)]
    pub contact_url: Option<String>,
    /// How soon a report is answered, e.g. "inom fem arbetsdagar".
    #[serde(default)]
    pub response_time: Option<String>,
    /// How the site was assessed besides the automated audit, e.g. "Vi har
    /// granskat webbplatsen själva." (Markdown).
    #[serde(default)]
    pub method: Option<String>,
    /// When the statement was first made (YYYY-MM-DD).
    #[serde(default)]
    pub statement_date: Option<String>,
    /// When it was last reviewed (YYYY-MM-DD).
    #[serde(default)]
    pub reviewed_date: Option<String>,
}

/// How well a site meets the accessibility law.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Compliance {
    /// Helt förenlig.
    Fully,
    /// Delvis förenlig.
    Partly,
    /// Inte förenlig.
    Not,
}

/// Whether `name` can name a theme or a language: letters, digits, `-` and
/// `_` only, so that it can never be a path (`../x`, `/etc`, `a/b`).
pub(crate) fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

impl SiteConfig {
    /// Errors for a `theme:` or `language:` that is not a plain name, placed
    /// on its line of `text` (the site.yaml at `path`); each such value is set
    /// back to its default, so nothing is read from where it points.
    pub(crate) fn check_names(
        &mut self,
        path: &Path,
        text: &str,
    ) -> Vec<crate::diagnostic::Diagnostic> {
        let mut out = Vec::new();
        for (key, value, default) in [
            ("theme", &mut self.theme, default_theme()),
            ("language", &mut self.language, default_language()),
        ] {
            if is_plain_name(value) {
                continue;
            }
            let line = text
                .lines()
                .position(|l| l.starts_with(&format!("{key}:")))
                .map_or(1, |i| i + 1);
            // At the value: after the colon and the spaces.
            let l = text.lines().nth(line - 1).unwrap_or("");
            let column = l.find(':').map_or(1, |colon| {
                let rest = &l[colon + 1..];
                colon + 2 + rest.len() - rest.trim_start().len()
            });
            let (message, hint) = crate::words::w().name_not_path(key, value, &default);
            out.push(
                crate::diagnostic::Diagnostic::error(path, message)
                    .at(text, line, column)
                    .with_hint(hint),
            );
            *value = default;
        }
        out
    }
}

fn default_title() -> String {
    "Målbilder".into()
}
fn default_language() -> String {
    "sv".into()
}
fn default_theme() -> String {
    "default".into()
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: default_title(),
            description: None,
            language: default_language(),
            base_url: None,
            theme: default_theme(),
            organisation: None,
            themes: BTreeMap::new(),
            accessibility: None,
            split: SplitConfig::default(),
            check: CheckConfig::default(),
        }
    }
}
