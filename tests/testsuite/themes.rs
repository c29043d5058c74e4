//! Theme cascade: a site theme that extends the default one overrides single
//! templates and static files and inherits the rest.

use crate::site_test::SiteTest;

#[test]
fn a_site_theme_overrides_single_templates() {
    let t = SiteTest::from_dir("kinds");
    t.write("content/site.yaml", "title: Test\ntheme: egen\n");
    t.write("themes/egen/theme.yaml", "name: egen\nextends: default\n");
    t.write(
        "themes/egen/templates/background.html",
        "{% extends \"base.html\" %}\n{% block body %}<p class=\"egen\">{{ page.title }}</p>{% endblock body %}\n",
    );
    t.write("themes/egen/static/css/extra.css", "p { color: black }\n");
    t.build();
    let bakgrund = t.read("output/region-a/plan-2030/bakgrund/index.html");
    assert!(
        bakgrund.contains("<p class=\"egen\">Bakgrund</p>"),
        "{bakgrund}"
    );
    // Everything else still comes from the default theme.
    let malbild = t.read("output/region-a/plan-2030/malbild/index.html");
    assert!(malbild.contains("Tillsammans skapar vi hälsa."));
    assert!(t.path("output/css/extra.css").is_file());
    assert!(t.path("output/css/malbild.css").is_file());
}

#[test]
fn a_kind_without_its_template_falls_back_to_page_html() {
    let t = SiteTest::from_dir("kinds");
    t.write("content/site.yaml", "title: Test\ntheme: minimal\n");
    t.write("themes/minimal/templates/page.html", "<!doctype html><html lang=\"{{ lang }}\"><title>{{ page.title }}</title><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></html>\n");
    t.write("themes/minimal/i18n/sv.yaml", "hej: Hej\n");
    t.build();
    let html = t.read("output/region-a/plan-2030/malbild/index.html");
    assert!(
        html.starts_with("<!doctype html><html lang=\"sv\"><title>Målbild</title>"),
        "{html}"
    );
}
