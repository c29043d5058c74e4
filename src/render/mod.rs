//! Pages to HTML: Markdown first (every page, in parallel: [`body`]), then
//! the theme's templates (every page, in parallel) over view structs
//! ([`views`]). Each output notes what it read ([`reads`]); an output whose
//! reads and template are unchanged is not rendered again.

pub(crate) mod addresses;
mod body;
mod reads;
pub(crate) mod social;
mod views;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::links;
use crate::model::{Kind, Meta, Page, PageId, Role, Site};
use crate::progress::{Phase, Progress};
use crate::theme::Theme;

pub(crate) use crate::output::OutFile;
pub(crate) use body::{Body, Found, MarkdownCache, body_of, markdown, markdown_settings};
pub(crate) use reads::RenderCache;
pub(crate) use reads::{Aspect, Check, Made, Reads, Values};
pub(crate) use views::{DateView, Link, PageView, PdfLink, SiteView};
pub(crate) use views::{Views, site_view};

/// Ids the default theme uses itself; headings never get them.
pub(crate) const RESERVED_IDS: &[&str] = &[
    "main",
    "top",
    "innehall",
    "sidhuvud",
    "sidfot",
    "brodsmulor",
];

/// Which template renders page `id`.
pub(crate) fn template_for(site: &Site, theme: &Theme, id: PageId) -> Result<String, Diagnostic> {
    let page = &site.pages[id];
    if let Some(name) = page.template() {
        if theme.has(name) {
            return Ok(name.to_string());
        }
        let line = page.key_line("template").unwrap_or(1);
        let names = theme
            .template_names()
            .filter(|n| !n.contains('/'))
            .collect::<Vec<_>>()
            .join(", ");
        let (message, hint) = crate::words::w().no_template(name, &names);
        return Err(Diagnostic::error(&page.path, message)
            .at(&page.text, line, 1)
            .with_hint(hint));
    }
    let wanted = match page.role {
        Role::Home => "home.html",
        Role::Region => "region.html",
        Role::Publication => "publication.html",
        Role::Part => match page.part().map(|m| m.kind) {
            Some(Kind::GoalPicture) => "goal-picture.html",
            Some(Kind::SuccessFactors) => "success-factors.html",
            Some(Kind::Background) => "background.html",
            _ => "page.html",
        },
    };
    for name in [wanted, "page.html"] {
        if theme.has(name) {
            return Ok(name.to_string());
        }
    }
    let (message, hint) = crate::words::w().no_page_template(wanted);
    Err(Diagnostic::error(
        PathBuf::from("themes")
            .join(&theme.chain[0])
            .join("templates"),
        message,
    )
    .with_hint(hint))
}
/// The context every template receives (`site`, `lang`, `t`), for outputs
/// rendered outside this module.
pub(crate) fn base_context(site: &Site, theme: &Theme) -> tera::Context {
    base_context_of(&site_view(site, theme), site, theme)
}

/// The context of a page whose UI is in `lang` (not the site's language),
/// with `texts`: `site` (its navigation's words), `lang` and `t` in it.
fn language_context(
    site: &Site,
    theme: &Theme,
    lang: &str,
    texts: &crate::theme::Texts,
) -> tera::Context {
    let mut base = tera::Context::new();
    base.insert("site", &views::site_view_in(site, theme, &texts.strings));
    base.insert("lang", lang);
    base.insert("t", &texts.strings);
    base.insert("inline_css", &None::<()>);
    // The site's own names (its title, regions, organisation) are in the
    // site's language, not the page's: the theme marks them with it.
    base.insert("titles_lang", &site.config.language);
    base
}

fn base_context_of(site_view: &SiteView, site: &Site, theme: &Theme) -> tera::Context {
    let mut base = tera::Context::new();
    base.insert("site", site_view);
    base.insert("lang", &site.config.language);
    base.insert("t", &theme.strings);
    base.insert("inline_css", &None::<()>);
    base.insert("titles_lang", &None::<()>);
    base
}

/// The view of page `id`, for outputs rendered outside this module (which
/// are made on every build, so what it reads, noted in `reads`, is not
/// kept). It borrows the body's HTML, so it lives as long as `reads`.
pub(crate) fn page_view<'a>(
    site: &'a Site,
    bodies: &'a [Arc<Body>],
    theme: &'a Theme,
    reads: &'a Reads,
    id: PageId,
) -> PageView<'a> {
    static NO_PDFS: BTreeMap<PageId, PdfLink> = BTreeMap::new();
    Views::new(site, bodies, theme, &NO_PDFS, reads).page(id)
}

/// Renders `template` with `context` into the file `path`, for an output
/// that is no content page (its template errors are the theme's).
pub(crate) fn render_file(
    theme: &Theme,
    template: &str,
    context: &tera::Context,
    path: String,
) -> Result<OutFile, Diagnostic> {
    let bytes = theme
        .render_bytes(template, context)
        .map_err(|e| theme.explain(&e, None))?;
    Ok(OutFile { path, bytes })
}

/// Renders page `id` through its template.
fn render_page(
    views: &Views<'_>,
    base: &tera::Context,
    id: PageId,
    template: &str,
) -> Result<OutFile, Diagnostic> {
    let page = &views.site.pages[id];
    let mut context = match views.ui_lang(id) {
        Some((lang, texts)) => language_context(views.site, views.theme, &lang, texts),
        None => base.clone(),
    };
    context.insert("root", &links::root_prefix(&page.url));
    context.insert("page", &views.page(id));
    let bytes = views
        .theme
        .render_bytes(template, &context)
        .map_err(|e| views.theme.explain(&e, Some(&page.path)))?;
    Ok(OutFile {
        path: page.output_path(),
        bytes,
    })
}

/// Renders the pages `ids` again, in full, now that the PDFs `pdfs` exist
/// (their landing pages link them).
pub(crate) fn rerender(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    ids: &[PageId],
    pdfs: &BTreeMap<PageId, PdfLink>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<OutFile> {
    let base = base_context(site, theme);
    let mut out = Vec::new();
    for &id in ids {
        let reads = Reads::default();
        let views = Views::new(site, bodies, theme, pdfs, &reads);
        match template_for(site, theme, id).and_then(|t| render_page(&views, &base, id, &t)) {
            Ok(f) => out.push(f),
            Err(d) => diagnostics.push(d),
        }
    }
    out
}

/// What [`pages`] rendered.
#[derive(Debug, Default)]
pub(crate) struct Pages {
    /// The outputs that had to be rendered (all of them on a first build).
    pub files: Vec<OutFile>,
    /// Every output path of the site, rendered now or before.
    pub all: Vec<String>,
    /// What every output read; becomes the [`RenderCache`] once the outputs
    /// are written.
    pub(crate) made: Made,
}

impl Pages {
    /// Adds what `other` rendered.
    pub(crate) fn extend(&mut self, other: Pages) {
        self.files.extend(other.files);
        self.all.extend(other.all);
        self.made.extend(other.made);
    }
}

/// What every output's rendering shares: the site view in a template
/// context, and the hashes that make up output fingerprints.
#[derive(Debug)]
pub(crate) struct Basis {
    /// A hash of the site's settings, navigation (but its publications) and
    /// the theme's set of templates: what every output shows or depends on.
    pub site_hash: u64,
    /// A hash of the navigation's publications (their titles and addresses),
    /// for the outputs whose template may show them ([`Basis::shown`]).
    pub publications_hash: u64,
    /// A hash of the navigation's regions (their titles and addresses), for
    /// the outputs whose template names `regions` ([`Basis::shown`]); those
    /// that call the template function `regions()` read them instead
    /// ([`output`]).
    pub regions_hash: u64,
    /// Whether `regions_hash` is not the last build's.
    pub(crate) regions_moved: bool,
    /// `site`, `lang` and `t` for templates.
    pub base: tera::Context,
    /// The value of every page's every fact, for the fingerprints.
    pub(crate) values: Values,
}

impl Basis {
    /// What every output made with `template` shows of the site: the
    /// [`Basis::site_hash`], and the navigation's publications and regions
    /// when the template names them ([`Theme::lists_publications`],
    /// [`Theme::lists_regions`]; a publication's or region's title then
    /// makes again only the pages that show it).
    pub(crate) fn shown(&self, theme: &Theme, template: &str) -> u64 {
        let mut h = self.site_hash;
        if theme.lists_publications(template) {
            h = crate::hash::mix(h, self.publications_hash, 1);
        }
        if theme.lists_regions(template) {
            h = crate::hash::mix(h, self.regions_hash, 2);
        }
        h
    }
}

/// The address of the logo of region `id`, when it has one.
pub(crate) fn region_logo(site: &Site, id: PageId) -> Option<String> {
    let page = &site.pages[id];
    let Meta::Region(m) = &*page.meta else {
        return None;
    };
    let logo = m.logo.as_ref()?;
    let folder = page.rel.rsplit_once('/').map_or("", |(d, _)| d);
    Some(
        site.asset_by_rel
            .get(&format!("{folder}/{logo}"))
            .cloned()
            .unwrap_or_else(|| format!("{}{logo}", page.url)),
    )
}

/// A hash of what other pages show of `page`: its front matter, its address
/// and its summary.
pub(crate) fn fact(page: &Page, body: &Body) -> u64 {
    crate::hash::Combine::default()
        .u64(page.front_hash)
        .str(&page.url)
        .str(body.summary_html.as_deref().unwrap_or_default())
        .finish()
}

/// Computes the [`Basis`] of a build. `kept` holds the last build's site
/// view, in a template context, with its hash: when the settings, the
/// theme's texts and templates, and the navigation's titles and addresses
/// hash the same, they are taken from there rather than made again (with
/// every publication in the navigation, they are thousands of values).
pub(crate) fn basis(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    kept: &mut BasisCache,
) -> Basis {
    let key = navigation_key(site, theme);
    let (hashes, base) = match &kept.site {
        Some((k, hashes, base)) if *k == key => (*hashes, base.clone()),
        _ => {
            let site_view = site_view(site, theme);
            // The navigation's regions and publications apart: only some
            // templates show them.
            let mut bare = site_view.clone();
            let mut regions = crate::hash::Combine::default();
            let mut publications = crate::hash::Combine::default();
            for region in std::mem::take(&mut bare.regions) {
                regions = regions.str(&region.title).str(&region.url);
                for p in region.publications {
                    publications = publications.str(&p.title).str(&p.url);
                }
                publications = publications.str("");
            }
            let mut h = crate::hash::Combine::default()
                .str(&format!("{:?}", site.config))
                .str(&format!("{bare:?}"));
            for name in theme.template_names() {
                h = h.str(name);
            }
            let base = base_context_of(&site_view, site, theme);
            let hashes = (h.finish(), publications.finish(), regions.finish());
            kept.site = Some((key, hashes, base.clone()));
            (hashes, base)
        }
    };
    let values = Values::of(site, bodies, &mut kept.values);
    Basis {
        site_hash: hashes.0,
        publications_hash: hashes.1,
        regions_hash: hashes.2,
        regions_moved: kept.regions.replace(hashes.2) != Some(hashes.2),
        base,
        values,
    }
}

/// What [`basis`] keeps for the next build.
#[derive(Debug, Default)]
pub(crate) struct BasisCache {
    /// The last build's site view in a template context, and its hashes
    /// (those of [`Basis`]), by [`navigation_key`].
    site: Option<(u64, (u64, u64, u64), tera::Context)>,
    /// The last build's [`Basis::regions_hash`].
    regions: Option<u64>,
    /// The values of the last build's pages, and the search index's shard
    /// values.
    values: Option<reads::ValuesCache>,
}

impl BasisCache {
    /// Keeps what `basis` valued for the next build.
    pub(crate) fn keep(&mut self, basis: Basis) {
        if let Some(kept) = &mut self.values {
            kept.keep(basis.values);
        }
    }
}

/// A hash of everything [`site_view`] and [`base_context_of`] are made of:
/// the settings, the theme's texts and templates, and the titles and
/// addresses of the regions and publications below the home page.
fn navigation_key(site: &Site, theme: &Theme) -> u64 {
    let mut h = crate::hash::Combine::default()
        .str(&format!("{:?}", site.config))
        .str(&format!("{:?}", theme.strings));
    for name in theme.template_names() {
        h = h.str(name);
    }
    let home = &site.pages[Site::HOME];
    h = h.str(&home.title).u64(home.children.len() as u64);
    for &r in &home.children {
        let region = &site.pages[r];
        h = h
            .u64(region.role as u64)
            .str(&region.title)
            .str(&region.url)
            .u64(region.children.len() as u64);
        for &p in &region.children {
            let page = &site.pages[p];
            h = h.u64(page.role as u64).str(&page.title).str(&page.url);
        }
    }
    h.finish()
}

/// Makes one output unless it is fresh: `shared` hashes what it depends on
/// besides the pages it reads; `make` renders it, reading through [`Views`]
/// that note what they show in the [`Reads`] it is given.
pub(crate) fn output(
    check: &Check<'_>,
    sink: &crate::output::Sink,
    path: String,
    shared: u64,
    make: impl FnOnce(&Reads) -> Result<OutFile, Diagnostic>,
) -> Result<Output, Diagnostic> {
    if check.fresh(&path, shared) {
        return Ok(Output::Fresh(path));
    }
    let reads = Reads::default();
    // The template function `regions()` says when the output shows the
    // navigation's regions (rendering runs on this thread).
    crate::theme::took_regions();
    let file = make(&reads)?;
    if crate::theme::took_regions() {
        check.note_navigation(&reads);
    }
    let reads = reads.finish();
    let fingerprint = check.fingerprint(shared, &reads);
    Ok(Output::Made(
        file.path.clone(),
        sink.take(file),
        (fingerprint, shared),
        reads,
    ))
}

/// One output of a build.
pub(crate) enum Output {
    /// Not made again: its path (its record stays as it was).
    Fresh(String),
    /// Made: its path, the file (unless the sink took it), its fingerprint
    /// and the hash of its shared inputs, and what it read.
    Made(String, Option<OutFile>, (u64, u64), Vec<(PageId, Aspect)>),
}

impl Pages {
    /// Adds `output`.
    pub(crate) fn push(&mut self, output: Output) {
        match output {
            Output::Fresh(path) => self.all.push(path),
            Output::Made(path, file, (fingerprint, shared), reads) => {
                self.all.push(path.clone());
                self.made.made.push((path, fingerprint, shared, reads));
                self.files.extend(file);
            }
        }
    }
}

/// Where a build's outputs go, and what the last build recorded of them.
#[derive(Clone, Copy)]
pub(crate) struct Target<'a> {
    /// What each output read last time, and its fingerprint.
    pub cache: &'a RenderCache,
    /// Where each output made now goes.
    pub sink: &'a crate::output::Sink,
}

/// What [`pages`] worked out for each page, for the next build: its
/// template, the hash of what it shares and its output path. Valid for the
/// pages the model did not put in again, in a site of the same lineage
/// ([`Site::lineage`]), with the same theme and the same [`Basis`] hashes.
#[derive(Debug, Default)]
pub(crate) struct PagesMemo {
    key: (u64, u64, u64, u64, u64),
    pages: Vec<(String, u64, String)>,
}

/// Renders every page, and the 404 page, through the theme, in parallel;
/// a page whose fingerprint is as in `cache` is not rendered again.
#[expect(
    clippy::too_many_arguments,
    reason = "the pipeline's step: each argument is one of its inputs"
)]
pub(crate) fn pages(
    site: &Site,
    bodies: &[Arc<Body>],
    theme: &Theme,
    basis: &Basis,
    target: Target<'_>,
    memo: &mut PagesMemo,
    diagnostics: &mut Vec<Diagnostic>,
    progress: &dyn Progress,
) -> Pages {
    let no_pdfs = BTreeMap::new();
    let Target { cache, sink } = target;
    let check = Check::new(cache, basis);
    let base = &basis.base;
    progress.phase(Phase::Pages, site.pages.len() as u64);
    let theme_key = theme
        .template_names()
        .fold(crate::hash::Combine::default(), |h, name| {
            h.str(name).u64(theme.fingerprint(name))
        })
        .finish();
    let key = (
        site.lineage,
        theme_key,
        basis.site_hash,
        basis.publications_hash,
        // Only a template that names `site.regions` has it in its hash.
        if theme.names_site_regions() {
            basis.regions_hash
        } else {
            0
        },
    );
    // Parts came or went: what was worked out for the other pages stands,
    // by their new ids (those put in are among the patched).
    if let Some(renumbered) = site.renumbered_from(memo.key.0)
        && (memo.key.1, memo.key.2, memo.key.3) == (key.1, key.2, key.3)
    {
        renumbered.apply(&mut memo.pages, Default::default());
        memo.key.0 = site.lineage;
    }
    let known = memo.key == key && memo.pages.len() == site.pages.len();
    // Each output, with the template and shared hash worked out for it.
    type Worked = Option<(String, u64)>;
    let results: Vec<Result<(Output, Worked), Diagnostic>> = (0..site.pages.len())
        .into_par_iter()
        .map(|id| {
            progress.advance(1);
            if known && site.patched.binary_search(&id).is_err() {
                let (template, shared, path) = &memo.pages[id];
                if check.fresh(path, *shared) {
                    return Ok((Output::Fresh(path.clone()), None));
                }
                let _working = crate::diagnostic::working_on(&site.pages[id].path);
                let made = output(&check, sink, path.clone(), *shared, |reads| {
                    let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                    render_page(&views, base, id, template)
                })?;
                return Ok((made, None));
            }
            let page = &site.pages[id];
            let _working = crate::diagnostic::working_on(&page.path);
            let template = template_for(site, theme, id)?;
            let shared = crate::hash::Combine::default()
                .u64(basis.shown(theme, &template))
                .u64(theme.fingerprint(&template))
                .str(&template)
                .finish();
            let made = output(&check, sink, page.output_path(), shared, |reads| {
                let views = Views::new(site, bodies, theme, &no_pdfs, reads);
                render_page(&views, base, id, &template)
            })?;
            Ok((made, Some((template, shared))))
        })
        .collect();
    // Kept for the next build when every page had its template.
    let mut next = PagesMemo {
        key,
        pages: Vec::with_capacity(site.pages.len()),
    };
    let results: Vec<Result<Output, Diagnostic>> = results
        .into_iter()
        .enumerate()
        .map(|(id, r)| {
            r.map(|(output, worked)| {
                let path = match &output {
                    Output::Fresh(path) | Output::Made(path, ..) => path.clone(),
                };
                match worked {
                    Some((template, shared)) => next.pages.push((template, shared, path)),
                    None if known => next.pages.push(std::mem::take(&mut memo.pages[id])),
                    None => {}
                }
                output
            })
        })
        .collect();
    *memo = if next.pages.len() == site.pages.len() {
        next
    } else {
        PagesMemo::default()
    };
    let mut out = Pages::default();
    // A template error repeats on every page that uses the template: say it once.
    let mut template_errors: Vec<(Diagnostic, usize)> = Vec::new();
    for r in results {
        match r {
            Ok(output) => out.push(output),
            Err(d) if d.path.starts_with("content") => diagnostics.push(d),
            Err(d) => match template_errors
                .iter_mut()
                .find(|(e, _)| (&e.path, e.line, e.column) == (&d.path, d.line, d.column))
            {
                Some((_, n)) => *n += 1,
                None => template_errors.push((d, 0)),
            },
        }
    }
    for (mut d, others) in template_errors {
        if others > 0
            && let Some(i) = d.message.rfind(')')
        {
            d.message.insert_str(i, &crate::words::w().and_more(others));
        }
        diagnostics.push(d);
    }
    if theme.has("404.html") {
        let shared = crate::hash::Combine::default()
            .u64(basis.shown(theme, "404.html"))
            .u64(theme.fingerprint("404.html"))
            .u64(theme.stylesheets_hash())
            .finish();
        match output(&check, sink, "404.html".into(), shared, |reads| {
            let views = Views::new(site, bodies, theme, &no_pdfs, reads);
            not_found(site, &views, base).map_err(|e| theme.explain(&e, None))
        }) {
            Ok(output) => out.push(output),
            Err(d) => diagnostics.push(d),
        }
    }
    out
}

/// The 404 page is served at any address, so it carries its stylesheets
/// inline (`inline_css`), and its links start from the path of the site's
/// base URL (or `/` when `base_url` is not set). In a browser, its script
/// finds where the site really is (see `404.html`) and corrects the links,
/// so it works at a domain root, under any sub-path and in the preview.
fn not_found(site: &Site, views: &Views<'_>, base: &tera::Context) -> Result<OutFile, tera::Error> {
    let strings = &views.theme.strings;
    let title = match strings.get("not_found_title") {
        Some(crate::theme::Text::One(t)) => t.clone(),
        _ => "404".into(),
    };
    // The page around it, with the home page's link as its breadcrumb: it
    // reads nothing of the home page but its title and address.
    let mut view = views.chrome("not-found", title, vec![views.link(Site::HOME)], "404.html");
    view.social.url = None;
    view.social.kind = "website";
    let root = match &site.config.base_url {
        Some(url) => {
            let path = url.split_once("://").map_or(url.as_str(), |(_, rest)| {
                rest.find('/').map_or("/", |i| &rest[i..])
            });
            format!("{}/", path.trim_end_matches('/'))
        }
        None => "/".into(),
    };
    let mut context = base.clone();
    context.insert("root", &root);
    context.insert("page", &view);
    context.insert("inline_css", &views.theme.stylesheets);
    let html = views.theme.tera.render("404.html", &context)?;
    Ok(OutFile {
        path: "404.html".into(),
        bytes: html.into_bytes(),
    })
}
