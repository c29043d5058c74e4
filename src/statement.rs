//! The accessibility statement (tillgänglighetsredogörelse): one page at
//! [`URL`], rendered with the theme's [`TEMPLATE`] and linked from every
//! page's footer.
//!
//! It follows the structure DIGG prescribes: whose site it is, how accessible
//! it is (fully, partly, not), known problems, how to report a problem and
//! what happens then, the enforcement body and how to reach it, how the site
//! was tested, and when the statement was made and last reviewed. The facts
//! come from `site.yaml` (`organisation`, `accessibility`); how the site was
//! tested comes from the record of the latest browser audit,
//! `content/accessibility-audit.yaml`, which `tests/browser/audit.mjs
//! --record` writes. The build only reads that record: it never runs a
//! browser. This module does not judge whether the site is accessible; it
//! says what the site's owner and the audit say.

use std::collections::HashSet;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::config::{Accessibility, Compliance};
use crate::diagnostic::Diagnostic;
use crate::links::{self, PageLinks};
use crate::load::Source;
use crate::markdown::{self, Ids, Resolve};
use crate::model::{Date, PageId, Role, Site};
use crate::render::{self, Body, DateView, Link, OutFile, RESERVED_IDS};
use crate::theme::{Text, Theme};

pub(crate) use crate::render::addresses::statement::{TEMPLATE, URL};

/// DIGG's page for reporting a site that is not accessible.
pub(crate) const ENFORCEMENT_URL: &str = "https://www.digg.se/tdosanmalan";

/// `content/accessibility-audit.yaml`: what the latest browser audit checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Audit {
    /// When it ran (YYYY-MM-DD).
    pub date: String,
    /// The tools and their versions.
    pub tools: Vec<String>,
    /// How many checks ran on each page.
    pub checks: u32,
    /// Page checks that passed.
    pub passed: u32,
    /// Page checks that failed.
    pub failed: u32,
    /// The pages, as paths from the site root.
    pub pages: Vec<String>,
}

/// The statement for templates. Every field is always there; what the
/// site does not say is `null` or empty.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StatementView {
    /// Who stands behind the site (`organisation.name`).
    pub owner: Option<String>,
    /// The site's name.
    pub site_title: String,
    /// `fully`, `partly`, `not`, or `null` when not assessed.
    pub compliance: Option<&'static str>,
    /// Known problems, as HTML.
    pub known_problems: Vec<String>,
    /// Content exempted as an unreasonable burden, as HTML.
    pub disproportionate_burden: Vec<String>,
    /// Content the law does not cover, as HTML.
    pub not_covered: Vec<String>,
    /// Where to report a problem.
    pub contact: ContactView,
    /// How soon a report is answered.
    pub response_time: Option<String>,
    /// How the site was assessed, as HTML.
    pub method_html: Option<String>,
    /// When the statement was made.
    pub statement_date: Option<DateView>,
    /// When it was last reviewed.
    pub reviewed_date: Option<DateView>,
    /// The latest browser audit.
    pub audit: Option<AuditView>,
    /// DIGG's page for reports.
    pub enforcement_url: &'static str,
}

/// Ways to report a problem; any may be `null`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ContactView {
    /// E-mail address.
    pub email: Option<String>,
    /// Telephone number.
    pub phone: Option<String>,
    /// A form or contact page.
    pub url: Option<String>,
}

/// The latest browser audit for templates.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AuditView {
    /// When it ran.
    pub date: DateView,
    /// The tools and their versions.
    pub tools: Vec<String>,
    /// How many pages it checked.
    pub n_pages: usize,
    /// How many checks ran on each page.
    pub checks: u32,
    /// Page checks that passed.
    pub passed: u32,
    /// Page checks that failed.
    pub failed: u32,
    /// The checked pages that still exist, with their titles today.
    pub pages: Vec<Link>,
    /// Pages of this build that the audit did not check.
    pub untested: Vec<Link>,
}

/// Links in the statement's Markdown are written as from `content/_index.md`;
/// the statement sits one folder down.
struct StatementLinks<'a>(PageLinks<'a>);

impl Resolve for StatementLinks<'_> {
    fn resolve(&self, dest: &str) -> Result<String, (String, String)> {
        let href = self.0.resolve(dest)?;
        if href.starts_with('#') || links::is_external(&href) {
            Ok(href)
        } else {
            Ok(format!("../{href}"))
        }
    }
}

/// Renders the statement, or nothing when the theme has no [`TEMPLATE`].
/// `sources` are `site.yaml` and the audit record, for messages.
pub(crate) fn render(
    site: &Site,
    bodies: &[std::sync::Arc<Body>],
    theme: &Theme,
    sources: (Option<&Source>, Option<&Source>),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<OutFile> {
    let (site_yaml, audit_yaml) = sources;
    if !theme.has(TEMPLATE) {
        return None;
    }
    if let Some(page) = site.by_output.get(URL).map(|&id| &site.pages[id]) {
        diagnostics.push({
            let (message, hint) = crate::words::w().statement_taken(URL);
            Diagnostic::error(&page.path, message).with_hint(hint)
        });
        return None;
    }
    let yaml_path =
        site_yaml.map_or_else(|| PathBuf::from("content/site.yaml"), |s| s.path.clone());
    // Points at the line of `key` in site.yaml, when it is there.
    let at_key = |d: Diagnostic, key: &str| {
        let Some(src) = site_yaml else { return d };
        match src
            .text
            .lines()
            .enumerate()
            .find(|(_, l)| l.trim_start().starts_with(&format!("{key}:")))
        {
            Some((i, l)) => d.at(&src.text, i + 1, l.len() - l.trim_start().len() + 1),
            None => d,
        }
    };

    let facts = site.config.accessibility.clone().unwrap_or_default();
    let organisation = site.config.organisation.clone().unwrap_or_default();
    let settings = crate::render::markdown_settings(site, theme);
    let resolver = StatementLinks(PageLinks {
        site,
        page: &site.pages[Site::HOME],
    });
    let mut ids = Ids::new(RESERVED_IDS);
    let mut markdown = |key: &str, text: &str| {
        let r = markdown::render(text, &resolver, &mut ids, &settings);
        for bad in &r.bad_links {
            diagnostics.push(
                at_key(
                    Diagnostic::error(&yaml_path, crate::words::w().in_key(&bad.message, key)),
                    key,
                )
                .with_hint(crate::words::w().site_yaml_link_hint(&bad.hint)),
            );
        }
        r.html
    };
    let known_problems = facts
        .known_problems
        .iter()
        .map(|p| unwrap_paragraph(markdown("known_problems", p)))
        .collect();
    let disproportionate_burden = facts
        .disproportionate_burden
        .iter()
        .map(|p| unwrap_paragraph(markdown("disproportionate_burden", p)))
        .collect();
    let not_covered = facts
        .not_covered
        .iter()
        .map(|p| unwrap_paragraph(markdown("not_covered", p)))
        .collect();
    let method_html = facts.method.as_deref().map(|m| markdown("method", m));

    let mut date = |key: &str, value: &Option<String>| -> Option<DateView> {
        let value = value.as_deref()?;
        match Date::parse(value).filter(|d| d.day.is_some()) {
            Some(d) => Some(DateView {
                iso: d.iso(),
                text: d.text(&theme.months),
            }),
            None => {
                diagnostics.push({
                    let (message, hint) = crate::words::w().statement_date(key, value);
                    at_key(Diagnostic::error(&yaml_path, message), key).with_hint(hint)
                });
                None
            }
        }
    };
    let statement_date = date("statement_date", &facts.statement_date);
    let reviewed_date = date("reviewed_date", &facts.reviewed_date);

    let contact = ContactView {
        email: facts.contact_email.clone().or(organisation.email.clone()),
        phone: facts.contact_phone.clone().or(organisation.phone.clone()),
        url: facts.contact_url.clone().or(organisation.url.clone()),
    };
    let owner = Some(organisation.name.trim().to_string()).filter(|n| !n.is_empty());
    let missing = missing_facts(&facts, owner.is_some(), &contact);
    // When site.yaml could not be read, its facts are not missing.
    let unreadable = diagnostics
        .iter()
        .any(|d| d.is_error() && d.path == yaml_path);
    if !missing.is_empty() && !unreadable {
        let (what, add): (Vec<&str>, Vec<&str>) = missing.into_iter().unzip();
        let (message, hint) =
            crate::words::w().statement_missing(&join_and(&what), &add.join("; "));
        diagnostics.push(
            at_key(Diagnostic::warning(&yaml_path, message), "accessibility").with_hint(hint),
        );
    }

    let title = match theme.strings.get("statement_title") {
        Some(Text::One(t)) => t.clone(),
        _ => "Tillgänglighetsredogörelse".into(),
    };
    let audit = audit_yaml.and_then(|src| {
        let audit: Audit = match crate::front_matter::parse(&src.path, &src.text, &src.text, 1) {
            Ok(a) => a,
            Err(d) => {
                diagnostics.push(d.with_hint(crate::words::w().audit_hint()));
                return None;
            }
        };
        let Some(date) = Date::parse(&audit.date).filter(|d| d.day.is_some()) else {
            diagnostics.push(
                Diagnostic::error(&src.path, crate::words::w().audit_date(&audit.date))
                    .with_hint(crate::words::w().audit_hint()),
            );
            return None;
        };
        let checked: HashSet<&str> = audit.pages.iter().map(String::as_str).collect();
        let (pages, untested): (Vec<Link>, Vec<Link>) = pages_in_order(site, &title)
            .into_iter()
            .partition(|l| checked.contains(l.url.as_str()));
        Some(AuditView {
            date: DateView {
                iso: date.iso(),
                text: date.text(&theme.months),
            },
            tools: audit.tools.clone(),
            n_pages: audit.pages.len(),
            checks: audit.checks,
            passed: audit.passed,
            failed: audit.failed,
            pages,
            untested,
        })
    });

    let statement = StatementView {
        owner,
        site_title: site.config.title.clone(),
        compliance: facts.compliance.map(|c| match c {
            Compliance::Fully => "fully",
            Compliance::Partly => "partly",
            Compliance::Not => "not",
        }),
        known_problems,
        disproportionate_burden,
        not_covered,
        contact,
        response_time: facts.response_time.clone(),
        method_html,
        statement_date,
        reviewed_date: reviewed_date.clone(),
        audit,
        enforcement_url: ENFORCEMENT_URL,
    };

    let reads = render::Reads::default();
    let mut page = render::page_view(site, bodies, theme, &reads, Site::HOME);
    page.role = "accessibility";
    page.kind = "page";
    page.title = title;
    page.description = match theme.strings.get("statement_description") {
        Some(Text::One(t)) => Some(t.replace("{site}", &site.config.title)),
        _ => None,
    };
    page.summary_html = None;
    page.url = URL.into();
    page.social.kind = "article";
    page.social.url = render::social::absolute(site, URL);
    page.content = "";
    page.toc.clear();
    page.date = reviewed_date;
    page.themes.clear();
    page.breadcrumbs = vec![Link {
        title: site.pages[Site::HOME].title.clone(),
        url: site.pages[Site::HOME].output_path(),
    }];
    page.region = None;
    page.publication = None;
    page.prev = None;
    page.next = None;
    page.children.clear();
    let mut context = render::base_context(site, theme);
    context.insert(
        "root",
        &links::root_prefix(URL.trim_end_matches("index.html")),
    );
    context.insert("page", &page);
    context.insert("statement", &statement);
    match theme.tera.render(TEMPLATE, &context) {
        Ok(html) => Some(OutFile {
            path: URL.into(),
            bytes: html.into_bytes(),
        }),
        Err(e) => {
            diagnostics.push(theme.explain(&e, None));
            None
        }
    }
}

/// What DIGG requires that the site does not give: what it is, in words,
/// and what to add to site.yaml.
fn missing_facts(
    facts: &Accessibility,
    has_owner: bool,
    contact: &ContactView,
) -> Vec<(&'static str, &'static str)> {
    let lacking = [
        !has_owner,
        facts.compliance.is_none(),
        contact.email.is_none() && contact.phone.is_none() && contact.url.is_none(),
        facts.statement_date.is_none(),
    ];
    (0..lacking.len())
        .filter(|&n| lacking[n])
        .map(|n| crate::words::w().statement_fact(n))
        .collect()
}

/// One paragraph without its `<p>`, so that it sits in a list item like
/// text; several blocks stay as they are.
fn unwrap_paragraph(html: String) -> String {
    match html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>\n"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

fn join_and(items: &[&str]) -> String {
    crate::words::w().join_or(items)
}

/// What the home page's view read, for [`pages_key`]: while the site is
/// of the same lineage, the navigation and templates are the same and
/// nothing it read changed, the view would read the same again.
#[derive(Debug)]
pub(crate) struct HomeReads {
    lineage: u64,
    shared: u64,
    reads: Vec<(PageId, render::Aspect)>,
    value: u64,
}

/// A hash of what the statement may show of the pages, for its key: with
/// an audit (which lists pages by title) or a text of `accessibility:` that
/// may link to a page (a `[` or a `<` in it), each page's facts, title,
/// children and body; else what the home page's view, the statement's
/// base, reads (`kept`: what it read last time), so that a part's title
/// edit leaves the statement be.
pub(crate) fn pages_key(
    (site, bodies, theme): (&Site, &[std::sync::Arc<Body>], &Theme),
    basis: &render::Basis,
    audit: bool,
    kept: &mut Option<HomeReads>,
) -> u64 {
    use render::Aspect;
    let values = &basis.values;
    let facts = site.config.accessibility.as_ref();
    let links = facts.is_some_and(|f| {
        f.known_problems
            .iter()
            .chain(&f.disproportionate_burden)
            .chain(&f.not_covered)
            .chain(&f.method)
            .any(|t| t.contains(['[', '<']))
    });
    if audit || links {
        return values.of_every_page(&[
            Aspect::Facts,
            Aspect::Title,
            Aspect::Children,
            Aspect::Body,
        ]);
    }
    let shared = crate::hash::Combine::default()
        .u64(basis.site_hash)
        .u64(basis.publications_hash)
        .u64(theme.fingerprint(TEMPLATE))
        .finish();
    // Parts came or went since: what it read, by the new ids (a page taken
    // out among it, and it reads again).
    if let Some(k) = kept.as_mut()
        && let Some(renumbered) = site.renumbered_from(k.lineage)
    {
        let reads: Option<Vec<(PageId, Aspect)>> = k
            .reads
            .iter()
            .map(|&(id, aspect)| Some((renumbered.id(id)?, aspect)))
            .collect();
        if let Some(reads) = reads {
            k.reads = reads;
            k.lineage = site.lineage;
        }
    }
    let value = match kept {
        Some(k)
            if k.lineage == site.lineage
                && k.shared == shared
                && values.of_reads(&k.reads) == k.value =>
        {
            k.value
        }
        _ => {
            let reads = render::Reads::default();
            render::Views::new(site, bodies, theme, &Default::default(), &reads).page(Site::HOME);
            let reads = reads.finish();
            let value = values.of_reads(&reads);
            *kept = Some(HomeReads {
                lineage: site.lineage,
                shared,
                reads,
                value,
            });
            value
        }
    };
    // And the page that takes its address, if one does.
    let taken = site
        .by_output
        .get(URL)
        .map_or(0, |&id| crate::hash::str(&site.pages[id].rel));
    crate::hash::Combine::default()
        .u64(value)
        .u64(taken)
        .finish()
}

/// Every page of the site in reading order (home, then each region with its
/// publications and their parts), then the statement, as links whose text
/// tells pages of the same name apart: a part is "Bakgrund – <publication>".
fn pages_in_order(site: &Site, statement_title: &str) -> Vec<Link> {
    fn walk(site: &Site, id: PageId, out: &mut Vec<Link>) {
        let page = &site.pages[id];
        let title = match (page.role, page.parent) {
            (Role::Part, Some(parent)) if site.pages[parent].role == Role::Publication => {
                format!("{} – {}", page.title, site.pages[parent].title)
            }
            _ => page.title.clone(),
        };
        out.push(Link {
            title,
            url: page.output_path(),
        });
        for &child in &page.children {
            walk(site, child, out);
        }
    }
    let mut out = Vec::with_capacity(site.pages.len() + 1);
    walk(site, Site::HOME, &mut out);
    out.push(Link {
        title: statement_title.to_string(),
        url: URL.into(),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_single_paragraph_loses_its_p() {
        assert_eq!(
            unwrap_paragraph("<p>En <em>brist</em>.</p>\n".into()),
            "En <em>brist</em>."
        );
        let two = "<p>Ett.</p>\n<p>Två.</p>\n".to_string();
        assert_eq!(unwrap_paragraph(two.clone()), two);
    }

    #[test]
    fn missing_facts_in_words() {
        let contact = ContactView {
            email: None,
            phone: None,
            url: None,
        };
        let missing: Vec<&str> = missing_facts(&Accessibility::default(), false, &contact)
            .into_iter()
            .map(|(what, _)| what)
            .collect();
        assert_eq!(
            join_and(&missing),
            "vems webbplatsen är, hur tillgänglig webbplatsen är, hur man anmäler ett problem eller när den gjordes"
        );
        let facts = Accessibility {
            compliance: Some(Compliance::Partly),
            statement_date: Some("2026-11-22".into()),
            ..Accessibility::default()
        };
        let contact = ContactView {
            email: Some("a@b.se".into()),
            ..contact
        };
        assert!(missing_facts(&facts, true, &contact).is_empty());
    }
}
