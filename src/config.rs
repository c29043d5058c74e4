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
pub struct SiteConfig {
    /// The site's name, in every page title.
    #[serde(default = "default_title")]
    pub title: String,
    /// One sentence about the site (meta description of the home page).
    #[serde(default)]
    pub description: Option<String>,
    /// The language of the content; picks `i18n/<language>.yaml` of the theme.
    #[serde(default = "default_language")]
    pub language: String,
    /// Where the site is published, e.g. `https://example.se/malbild`. Only
    /// the sitemap, feed and 404 page need it; every other link is relative.
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
}

/// Who publishes the site, and how to reach them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
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

/// Facts for the accessibility statement, as DIGG's model asks for them.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// `fully`, `partly` or `not` compliant.
    #[serde(default)]
    pub compliance: Option<String>,
    /// Known problems, one sentence each.
    #[serde(default)]
    pub known_problems: Vec<String>,
    /// Where to report a problem: an e-mail address.
    #[serde(default)]
    pub contact_email: Option<String>,
    /// Where to report a problem: a telephone number.
    #[serde(default)]
    pub contact_phone: Option<String>,
    /// How soon a report is answered, e.g. "inom fem arbetsdagar".
    #[serde(default)]
    pub response_time: Option<String>,
    /// When the statement was first made (YYYY-MM-DD).
    #[serde(default)]
    pub statement_date: Option<String>,
    /// When it was last reviewed (YYYY-MM-DD).
    #[serde(default)]
    pub reviewed_date: Option<String>,
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
        }
    }
}
