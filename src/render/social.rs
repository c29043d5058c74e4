//! What a page says about itself in `<head>` to machines: OpenGraph
//! (`og:type`, `og:locale`, `og:url`, the canonical link) and, on a
//! publication's landing page, schema.org JSON-LD; and the absolute
//! addresses made from `base_url` (`feed` writes its ids, links and the
//! sitemap with them). Nothing here renders a template.

use crate::model::{Meta, PageId, Role, Site};
use crate::render::Views;
use serde::Serialize;

/// `site.yaml`'s `base_url` as a folder address (ending in `/`), when it is
/// an `http` or `https` address.
pub(crate) fn base(site: &Site) -> Option<url::Url> {
    let raw = site.config.base_url.as_deref()?.trim();
    let mut url = url::Url::parse(raw).ok()?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return None;
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url.set_query(None);
    url.set_fragment(None);
    Some(url)
}

/// The absolute address of `path` (from the site root), with `base_url`.
pub(crate) fn absolute(site: &Site, path: &str) -> Option<String> {
    Some(base(site)?.join(path).ok()?.to_string())
}

/// What a page says about itself in `<head>`, for templates (`page.social`).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SocialView {
    /// `og:type`: `website` for the home page, `article` otherwise.
    pub kind: &'static str,
    /// `og:locale`, e.g. `sv_SE`, `en_GB`; `null` for a language it does
    /// not know.
    pub locale: Option<String>,
    /// The page's absolute address (`og:url`, `<link rel="canonical">`),
    /// only with `base_url`.
    pub url: Option<String>,
    /// schema.org JSON-LD, ready to stand inside `<script>` (no `<` in it):
    /// on a publication's landing page, a `Report` by a
    /// `GovernmentOrganization`; else `null`.
    pub json_ld: Option<String>,
}

/// `og:locale` of a language tag: `sv` → `sv_SE`, `en` → `en_GB`,
/// `en-US` → `en_US`.
pub(crate) fn locale(lang: &str) -> Option<String> {
    let mut parts = lang.split(['-', '_']);
    let language = parts.next()?.to_ascii_lowercase();
    if let Some(region) = parts.next().filter(|r| r.len() == 2) {
        return Some(format!("{language}_{}", region.to_ascii_uppercase()));
    }
    let region = match language.as_str() {
        "sv" => "SE",
        "en" => "GB",
        "fi" => "FI",
        "nb" | "nn" | "no" => "NO",
        "da" => "DK",
        "de" => "DE",
        "fr" => "FR",
        "es" => "ES",
        "se" => "SE",
        _ => return None,
    };
    Some(format!("{language}_{region}"))
}

/// The metadata of page `id` (in `lang`, the language of its content).
pub(crate) fn social(views: &Views<'_>, id: PageId, lang: &str) -> SocialView {
    let site = views.site;
    let page = views.facts(id);
    SocialView {
        kind: if page.role == Role::Home {
            "website"
        } else {
            "article"
        },
        locale: locale(lang),
        url: absolute(site, &page.output_path()),
        json_ld: (page.role == Role::Publication).then(|| script_json(&report(views, id, lang))),
    }
}

/// JSON for inside `<script>`: no `<`, `>` or `&` (so never `</script>` or
/// `<!--`), each written as its `\u` escape, which JSON reads as the same.
pub(crate) fn script_json(value: &serde_json::Value) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Text without its tags and with its entities read: a summary's HTML as
/// plain text.
pub(crate) fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut tag = false;
    for c in html.chars() {
        match c {
            '<' => tag = true,
            '>' if tag => tag = false,
            c if !tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The schema.org `Report` of publication `id`.
fn report(views: &Views<'_>, id: PageId, lang: &str) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let site = views.site;
    let page = views.facts(id);
    let Meta::Publication(m) = &*page.meta else {
        return Value::Null;
    };
    let region = views.nearest(id, Role::Region).map(|r| views.facts(r));
    let organisation = |name: &str, url: Option<String>| {
        let mut o = Map::new();
        o.insert("@type".into(), json!("GovernmentOrganization"));
        o.insert("name".into(), json!(name));
        if let Some(url) = url {
            o.insert("url".into(), json!(url));
        }
        Value::Object(o)
    };
    let mut r = Map::new();
    r.insert("@context".into(), json!("https://schema.org"));
    r.insert("@type".into(), json!("Report"));
    r.insert("name".into(), json!(page.title));
    r.insert("inLanguage".into(), json!(lang));
    let description = views
        .description(id)
        .or_else(|| views.summary(id).map(|s| plain(&s)));
    if let Some(d) = description {
        r.insert("description".into(), json!(d));
    }
    if let Some(date) = page.date {
        r.insert("datePublished".into(), json!(date.iso()));
    }
    if let Some(horizon) = m.horizon {
        let coverage = match page.date {
            Some(d) if d.year <= horizon => format!("{}/{horizon}", d.year),
            _ => horizon.to_string(),
        };
        r.insert("temporalCoverage".into(), json!(coverage));
    }
    if let Some(region) = region {
        let author = organisation(&region.title, absolute(site, &region.output_path()));
        r.insert("author".into(), author.clone());
        r.insert(
            "spatialCoverage".into(),
            json!({"@type": "Place", "name": region.title}),
        );
        let publisher = match &m.publisher {
            Some(p) if *p != region.title => organisation(p, None),
            _ => author,
        };
        r.insert("publisher".into(), publisher);
    } else if let Some(p) = &m.publisher {
        r.insert("publisher".into(), organisation(p, None));
    }
    if let Some(place) = &m.place {
        r.insert(
            "locationCreated".into(),
            json!({"@type": "Place", "name": place}),
        );
    }
    let themes: Vec<String> = views
        .themes(&m.themes)
        .into_iter()
        .map(|t| t.label)
        .collect();
    if !themes.is_empty() {
        r.insert("keywords".into(), json!(themes));
    }
    if let Some(url) = absolute(site, &page.output_path()) {
        r.insert("url".into(), json!(url));
    }
    Value::Object(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        for (lang, want) in [
            ("sv", Some("sv_SE")),
            ("en", Some("en_GB")),
            ("en-US", Some("en_US")),
            ("sv_fi", Some("sv_FI")),
            ("xx", None),
        ] {
            assert_eq!(locale(lang).as_deref(), want, "{lang}");
        }
    }

    #[test]
    fn json_in_a_script_never_ends_it() {
        for text in ["</script><script>alert(1)</script>", "<!-- a", "a & b > c"] {
            let out = script_json(&serde_json::json!({ "name": text }));
            assert!(!out.contains('<') && !out.contains('>'), "{out}");
            let back: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back["name"], text);
        }
    }

    #[test]
    fn plain_text_of_html() {
        assert_eq!(
            plain("<p>Planen beskriver <em>vart</em> vi ska &amp; hur.</p>\n"),
            "Planen beskriver vart vi ska & hur."
        );
    }
}
