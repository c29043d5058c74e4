//! The Swedish catalogue, the default: every message of [`super::Words`].
//! Plain words (klarspråk): what is wrong, where, and what to do.

use super::{Lang, Words, decimal};
use crate::progress::Phase;

/// Swedish.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sv;

/// `1 fel`, `2 fel`; `1 varning`, `2 varningar`.
fn errors(n: usize) -> String {
    format!("{n} fel")
}

fn warnings(n: usize) -> String {
    match n {
        1 => "1 varning".into(),
        n => format!("{n} varningar"),
    }
}

/// `1 skriven`, `0 skrivna`.
fn done(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn pages(n: usize) -> String {
    match n {
        1 => "1 sida".into(),
        n => format!("{n} sidor"),
    }
}

fn files(n: usize) -> String {
    match n {
        1 => "1 fil".into(),
        n => format!("{n} filer"),
    }
}

impl Words for Sv {
    fn error(&self) -> &'static str {
        "fel"
    }

    fn warning(&self) -> &'static str {
        "varning"
    }

    fn hint(&self) -> &'static str {
        "tips"
    }

    fn more_errors(&self, n: usize) -> String {
        format!("ytterligare {n} fel av samma slag som ovan härifrån, inte uppräknade ett och ett")
    }

    fn more_errors_hint(&self, shown: usize) -> String {
        format!("rätta de {shown} ovan först och bygg igen; då visas nästa")
    }

    fn failed(&self, n: usize) -> String {
        format!("{}, inget skrevs", errors(n))
    }

    fn failed_also(&self, n: usize) -> String {
        let also = match n {
            0 => String::new(),
            n => format!(" (och {})", warnings(n)),
        };
        format!("{also}; den förra webbplatsen i output-mappen är orörd")
    }

    fn failed_in_serve(&self) -> &'static str {
        "webbläsaren visar de senaste sidorna som gick att bygga"
    }

    fn summary(&self, e: usize, w: usize) -> String {
        match (e, w) {
            (0, 0) => "inga problem hittades".into(),
            (e, 0) => errors(e),
            (0, w) => warnings(w),
            (e, w) => format!("{}, {}", errors(e), warnings(w)),
        }
    }

    fn more_warnings(&self, hidden: usize) -> String {
        format!(
            "… och {} till; `malbild check` visar alla, `malbild check --format json` för andra program",
            warnings(hidden)
        )
    }

    fn built(
        &self,
        n_pages: usize,
        pdfs: usize,
        n_files: usize,
        written: Option<(usize, usize)>,
        seconds: f64,
        output: &str,
        n_warnings: usize,
    ) -> String {
        let pdfs = match pdfs {
            0 => String::new(),
            1 => " och 1 PDF".into(),
            n => format!(" och {n} PDF:er"),
        };
        let files = match written {
            None => files(n_files),
            Some((written, 0)) => format!(
                "{}, {}",
                files(n_files),
                done(written, "skriven", "skrivna")
            ),
            Some((written, removed)) => format!(
                "{}, {}, {}",
                files(n_files),
                done(written, "skriven", "skrivna"),
                done(removed, "borttagen", "borttagna")
            ),
        };
        let warnings = match n_warnings {
            0 => String::new(),
            n => format!(", {}", warnings(n)),
        };
        format!(
            "byggde {}{pdfs} ({files}) på {} s till {output}{warnings}",
            pages(n_pages),
            decimal(Lang::Sv, seconds, 2)
        )
    }

    fn internal(
        &self,
        file: Option<&str>,
        message: &str,
        location: Option<&str>,
        output_unchanged: bool,
    ) -> String {
        let mut text = "internt fel: malbild stannade på ett eget programfel".to_string();
        if let Some(file) = file {
            text.push_str(&format!(" när den byggde {file}"));
        }
        text.push_str(&format!(" ({message}"));
        if let Some(location) = location {
            text.push_str(&format!(", i {location}"));
        }
        text.push(')');
        if output_unchanged {
            text.push_str("; den förra webbplatsen i output-mappen är orörd");
        }
        text.push_str(&format!(
            "\n  = tips: felet ligger inte i dina filer; rapportera det till malbilds utvecklare med det här meddelandet{}; tills det är rättat, ångra din senaste ändring i den filen",
            if file.is_some() {
                " och filen som nämns ovan"
            } else {
                ""
            }
        ));
        text
    }

    fn building(&self) -> &'static str {
        "bygger webbplatsen …"
    }

    fn phase(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Read => "läser filer",
            Phase::Markdown => "Markdown",
            Phase::Pages => "sidor",
            Phase::Print => "utskriftssidor",
            Phase::Checks => "kontroller",
            Phase::Pdf => "PDF:er",
            Phase::Write => "skriver",
        }
    }

    fn built_first(&self, n_pages: usize, seconds: f64, output: &str) -> String {
        format!(
            "byggde {} på {} s till {output}",
            pages(n_pages),
            decimal(Lang::Sv, seconds, 2)
        )
    }

    fn serving(&self, url: &str) -> String {
        format!("webbplatsen visas på {url}")
    }

    fn serve_how(&self) -> &'static str {
        "när du sparar en fil byggs webbplatsen om och öppna sidor visar ändringen; tryck Ctrl+C för att sluta"
    }

    fn no_browser(&self, err: &str, url: &str) -> String {
        format!("varning: kunde inte öppna en webbläsare ({err}); öppna {url} själv")
    }

    fn watching(&self) -> &'static str {
        "bevakar ändringar; tryck Ctrl+C för att sluta"
    }

    fn rebuilt(
        &self,
        what: &str,
        ms: u128,
        rendered: usize,
        written: usize,
        removed: usize,
    ) -> String {
        format!(
            "{what}: ombyggd på {ms} ms ({}, {}, {})",
            done(rendered, "gjord", "gjorda"),
            done(written, "skriven", "skrivna"),
            done(removed, "borttagen", "borttagna")
        )
    }

    fn files_changed(&self, n: usize) -> String {
        format!("{n} filer ändrades")
    }

    fn panel_title(&self) -> &'static str {
        "malbild: webbplatsen gick inte att bygga"
    }

    fn panel_footer(&self) -> &'static str {
        "Sidan visar den senaste versionen som gick att bygga. Spara en rättelse, så visar den ändringen."
    }

    fn cannot_watch(&self, what: &str) -> String {
        format!("kan inte bevaka {what} efter ändringar")
    }

    fn cli_about(&self, command: &str) -> Option<(&'static str, &'static str)> {
        cli::about(command)
    }

    fn cli_arg(&self, command: &str, arg: &str) -> Option<&'static str> {
        cli::arg(command, arg)
    }

    fn cli_word(&self, word: crate::words::CliWord) -> &'static str {
        cli::word(word)
    }

    fn local_path(&self, dest: &str, example: &str) -> (String, String) {
        let _ = self;
        (
            format!(
                "`{dest}` är en sökväg på din egen dator; besökarna kommer inte åt den, så bilden eller filen saknas på webbplatsen"
            ),
            format!(
                "kopiera filen till publikationens mapp i content/ och skriv bara filnamnet, t.ex. `{example}`"
            ),
        )
    }

    fn spaced(
        &self,
        written: &str,
        image: bool,
        head: &str,
        dest: &str,
        page: Option<&str>,
    ) -> (String, String) {
        let message = format!(
            "`{written}` blir ingen {} utan visas precis så på sidan, eftersom adressen har mellanslag",
            if image { "bild" } else { "länk" }
        );
        let what = if image { "bilden" } else { "länken" };
        let hint = match page {
            Some(file) => {
                format!("menade du `{file}`? Skriv `{head}]({file})`, med sidans filnamn")
            }
            None => format!(
                "sätt adressen inom < > så att {what} fungerar: `{head}](<{dest}>)`, eller byt namn på filen så att namnet saknar mellanslag (t.ex. `{}`)",
                dest.replace(' ', "-")
            ),
        };
        (message, hint)
    }

    fn refused_scheme(&self, dest: &str, scheme: &str) -> (String, String) {
        (format!("länken `{dest}` börjar med `{scheme}:` och tas inte med: en sådan adress kan köra kod eller visa innehåll som inte är en webbsida"), "skriv en webbadress som börjar med https:// (mailto: för e-post, tel: för telefon), eller länka till en sida eller fil i content/, t.ex. `bakgrund.md`; annars ta bort länken".into())
    }

    fn html_refused_scheme(&self, name: &str, value: &str, scheme: &str) -> (String, String) {
        (
            format!("HTML-koden <{name}> har adressen `{value}`, som börjar med `{scheme}:`: en sådan adress kan köra kod eller visa innehåll som inte är en webbsida, och sidan publiceras inte med den"),
            "skriv länken i Markdown, `[text](https://…)`, eller länka till en sida eller fil i content/; annars ta bort HTML-koden".into(),
        )
    }

    fn no_base_url(&self) -> String {
        "Obs: sitemap.xml och robots.txt skrevs inte, eftersom content/site.yaml saknar base_url (webbplatsens adress). Skriv till exempel base_url: https://www.example.se/malbild i site.yaml, så skrivs de.".into()
    }

    fn bad_base_url(&self, url: &str) -> (String, String) {
        (
            format!("base_url `{url}` är ingen webbadress, så sitemap.xml och robots.txt skrevs inte och inga sidor fick sin fullständiga adress"),
            "skriv hela adressen med https://, till exempel base_url: https://www.example.se/malbild".into(),
        )
    }

    fn folder_without_index(&self, folder: &str, missing: &str, region: bool) -> (String, String) {
        (
            format!("mappen `{folder}` har ingen _index.md"),
            format!(
                "skapa content/{missing} med {} `title:` i sin front matter",
                if region {
                    "regionens"
                } else {
                    "publikationens"
                }
            ),
        )
    }

    fn no_address_from_name(&self) -> (String, String) {
        (
            "det går inte att göra en webbadress av det här namnet".into(),
            "använd bokstäver eller siffror i filnamnet, eller skriv `slug:` i front matter".into(),
        )
    }

    fn pages_same_address(&self, other: &str, out: &str) -> (String, String) {
        (
            format!("den här sidan och {other} skulle båda skrivas till {out}"),
            "byt namn på en av filerna, eller ge en av dem en annan `slug:`".into(),
        )
    }

    fn file_and_page_same_address(&self, page: &str, out: &str) -> (String, String) {
        (
            format!("den här filen och sidan {page} skulle båda skrivas till {out}"),
            "byt namn på filen".into(),
        )
    }

    fn usage_unknown_command(&self, given: &str, suggested: Option<&str>) -> (String, String) {
        (
            format!("malbild har inget kommando som heter `{given}`"),
            match suggested {
                Some(s) => format!("menade du `malbild {s}`? `malbild --help` visar alla kommandon"),
                None => "kommandona är build, serve, watch, new, check och import; `malbild --help` visar vad de gör".into(),
            },
        )
    }

    fn usage_unknown_flag(
        &self,
        given: &str,
        command: &str,
        suggested: Option<&str>,
    ) -> (String, String) {
        (
            format!("`{command}` har ingen flagga `{given}`"),
            match suggested {
                Some(s) => format!("menade du `{s}`? `{command} --help` visar alla flaggor"),
                None => format!("`{command} --help` visar de flaggor som finns"),
            },
        )
    }

    fn usage_bad_value(
        &self,
        given: &str,
        arg: &str,
        valid: Option<&str>,
        command: &str,
    ) -> (String, String) {
        (
            format!("`{given}` går inte att använda för {arg}"),
            match valid {
                Some(v) => format!("skriv ett av: {v}"),
                None => format!("`{command} --help` visar vad som ska stå där"),
            },
        )
    }

    fn usage_no_value(&self, arg: &str, command: &str) -> (String, String) {
        (
            format!("{arg} saknar sitt värde"),
            format!(
                "skriv värdet direkt efter flaggan, t.ex. `--root min-webbplats`; `{command} --help` visar vad som ska stå där"
            ),
        )
    }

    fn usage_missing(&self, missing: &str, command: &str) -> (String, String) {
        (
            format!("`{command}` behöver {missing}"),
            format!("`{command} --help` visar vad som ska stå där, med exempel"),
        )
    }

    fn search_summary(&self, size: &str, files: usize, largest: &str) -> String {
        format!(
            "sökindex: {size} i {files} filer (search/); en sökning hämtar bara de filer den behöver, den största är {largest}"
        )
    }

    fn search_page_taken(&self) -> (String, String) {
        (
            "den här sidan skulle hamna på samma adress som sökningens sida".into(),
            "byt namn på filen eller ge den en annan `slug:`; `sok/` är malbilds sida för sökningen".into(),
        )
    }

    fn link_outside(&self, dest: &str) -> (String, String) {
        (
            format!("länken `{dest}` leder utanför mappen content"),
            "länka till en sida eller fil i content/, t.ex. `../bakgrund.md`".into(),
        )
    }

    fn link_to_draft(&self, dest: &str) -> (String, String) {
        (
            format!("länken `{dest}` leder till ett utkast (`draft: true`), som inte publiceras"),
            "ta bort `draft: true` från den sidan, eller ta bort länken".into(),
        )
    }

    fn link_missing(&self, dest: &str, target: &str) -> String {
        format!("länken `{dest}` leder till `content/{target}`, som inte finns")
    }

    fn link_www(&self, dest: &str) -> String {
        format!("en webbadress behöver https:// först: `https://{dest}`")
    }

    fn link_near(&self, file: &str) -> String {
        format!("menade du `{file}`? Länkar utgår från den här filens mapp")
    }

    fn link_spelling(&self) -> &'static str {
        "kontrollera stavningen; länkar utgår från den här filens mapp, t.ex. `bakgrund.md` eller `../../skane/_index.md`"
    }

    fn link_no_text(&self) -> (&'static str, &'static str) {
        (
            "länken har ingen text",
            "skriv vart länken leder mellan hakparenteserna: [Bakgrund och syfte](bakgrund.md)",
        )
    }

    fn link_vague(&self, text: &str) -> (String, &'static str) {
        (
            format!("länktexten ”{text}” säger inte vart länken leder"),
            "skärmläsaranvändare hör ofta sidans länkar utan texten runt dem; skriv vad länken leder till, t.ex. ”Läs mer om [perspektivskiftena](bakgrund.md)”",
        )
    }

    fn and_more(&self, n: usize) -> String {
        format!(" och {n} till")
    }

    fn fragment_near(&self, id: &str) -> String {
        format!("menade du `#{id}`?")
    }

    fn fragment_no_headings(&self) -> &'static str {
        "den sidan har inga rubriker att länka till; ta bort #-delen av länken"
    }

    fn fragment_ids(&self, ids: &str) -> String {
        format!("rubrikerna på den sidan har id:na: {ids}")
    }

    fn fragment_missing(&self, dest: &str, fragment: &str, page: Option<&str>) -> String {
        let on = match page {
            Some(title) => format!("sidan ”{title}”"),
            None => "den här sidan".into(),
        };
        format!("länken `{dest}` leder till `#{fragment}`, som inte finns på {on}")
    }

    fn second_h1(&self) -> (String, String) {
        (
            "en andra huvudrubrik (#): sidans titel är redan huvudrubriken".into(),
            "använd ## för rubrikerna i texten, ### under dem".into(),
        )
    }

    fn heading_skip(&self, from: u8, to: u8, use_: &str) -> (String, String) {
        (
            format!("rubriken hoppar från nivå {from} till nivå {to}"),
            format!("skärmläsaranvändare tar sig fram med rubriknivåerna; använd {use_} här"),
        )
    }

    fn alt_missing(&self) -> (String, String) {
        ("bilden har ingen alternativtext".into(), "beskriv vad bilden visar mellan hakparenteserna: ![Karta över länets vårdcentraler](karta.png)".into())
    }

    fn alt_file_name(&self, alt: &str) -> (String, String) {
        (
            format!("bildens alternativtext är ett filnamn: `{alt}`"),
            "beskriv med ord vad bilden visar".into(),
        )
    }

    fn table_caption(&self) -> (String, String) {
        ("tabellen har ingen rubrik".into(), "skärmläsare presenterar en tabell med dess rubrik: skriv en rad `Tabell: vad tabellen visar` precis ovanför den, med en tom rad emellan, eller lägg tabellen direkt under en rubrik".into())
    }

    fn empty_heading(&self) -> (String, String) {
        (
            "rubriken har ingen text".into(),
            "skriv rubriken efter #-tecknen, eller ta bort raden".into(),
        )
    }

    fn empty_section(&self, title: &str, next: Option<&str>) -> (String, String) {
        let why = match next {
            Some(n) => format!("nästa rubrik, ”{n}”, kommer direkt efter"),
            None => "sidan slutar direkt efter".into(),
        };
        (
            format!("inget under rubriken ”{title}”: {why}"),
            "skriv avsnittets text under rubriken, eller ta bort rubriken".into(),
        )
    }

    fn empty_page(&self) -> (String, String) {
        (
            "sidan har ingen text".into(),
            "skriv sidans text under front matterns avslutande ---, eller ta bort filen".into(),
        )
    }

    fn third_party_tag(&self, name: &str, url: &str) -> (String, String) {
        (format!("<{name}> hämtar `{url}` från en annan webbplats"), "webbplatsen lovar besökarna att inget hämtas från andra servrar; spara filen i content/ bredvid sidan och länka till den, eller länka till den andra webbplatsen i stället".into())
    }

    fn inline_style(&self, name: &str) -> (String, String) {
        (format!("<{name}> har ett attribut style=\"...\""), "inline-stilar går före temats färger, storlekar och mörka läge och kan göra texten oläslig; ta bort HTML-koden och skriv Markdown, t.ex. en lista med `- ` eller **fetstil**".into())
    }

    fn raw_html(&self, first: &str) -> (String, String) {
        (format!("HTML (<{first}>) i Markdown-texten"), "skriv Markdown i stället (listor med `- `, **fetstil**, tabeller med |); HTML som klistrats in från Word eller en webbsida granskas inte och går förbi temat".into())
    }

    fn third_party_image(&self, dest: &str) -> (String, String) {
        (format!("bilden `{dest}` hämtas från en annan webbplats"), "spara bilden i content/ bredvid sidan och skriv ![vad den visar](fil.png); webbplatsen lovar besökarna att inget hämtas från andra servrar".into())
    }

    fn curly_quotes(&self, key: Option<&str>, inner: &str, straight: &str) -> (String, String) {
        let (what, key) = match key {
            Some(k) => (format!("`{k}`"), format!("{k}: ")),
            None => ("texten".to_string(), "- ".to_string()),
        };
        (
            format!(
                "{what} står inom ”…”, och de citattecknen publiceras som en del av texten: ”{inner}”"
            ),
            format!(
                "ta bort dem om de inte ska synas: `{key}{inner}`; behöver texten citattecken för att ` #` eller `: ` ska ingå, använd raka: `{key}\"{straight}\"`"
            ),
        )
    }

    fn lost_image(&self, line: &str) -> (String, String) {
        (format!("”{line}” ser ut att vara platsen för en bild som försvann när texten kopierades"), "lägg bildfilen bredvid sidan och skriv ![vad bilden visar](fil.png), eller ta bort raden".into())
    }

    fn flat_heading(&self, first: &str) -> (String, String) {
        (
            format!("”{first}” ser ut som en rubrik som blivit en vanlig textrad"),
            format!(
                "är det en rubrik, skriv `## {first}` på en egen rad med tomma rader runt; är det text, avsluta den med punkt"
            ),
        )
    }

    fn hyphenated(&self, before: &str, after: &str) -> (String, String) {
        (
            format!("ordet ”{before}-{after}” är avstavat över två rader"),
            format!("skriv ihop det till ett ord: {before}{after}"),
        )
    }

    fn repeated_hint(&self) -> &'static str {
        "text som kopierats från en PDF eller en Word-fil blir ofta dubbel; behåll den en gång"
    }

    fn repeated_paragraph(&self, line: usize) -> String {
        format!("det här stycket är detsamma som det på rad {line}")
    }

    fn repeated_place(&self, key: Option<&str>, line: usize) -> String {
        match key {
            Some(key) => format!("i `{key}` på rad {line}"),
            None => format!("på rad {line}"),
        }
    }

    fn repeated_sentence(&self, start: &str, place: &str) -> String {
        format!("meningen ”{start}” finns redan {place}")
    }

    fn repeated_run(&self, start: &str, count: usize, place: Option<&str>) -> String {
        let also = place.map_or(String::new(), |p| format!(", och finns redan {p}"));
        format!("meningen ”{start}” kommer {count} gånger i rad{also}")
    }

    fn empty_list_item(&self) -> (String, String) {
        (
            "en tom punkt i en lista".into(),
            "ta bort raden, eller skriv punktens text efter tecknet".into(),
        )
    }

    fn pasted_bullet(&self, bullet: char) -> (String, String) {
        (format!("ett punkttecken `{bullet}` inklistrat som text"), "gör en Markdown-lista: börja varje punkt på en egen rad med `- ` (ett bindestreck och ett mellanslag)".into())
    }

    fn lost_number(&self, marker: &str, stray: &str) -> (String, String) {
        (
            format!("`{marker}{stray}` ser ut som ett listnummer som hamnat fel"),
            format!(
                "för en numrerad lista, skriv `{marker} ` och texten i början av raden, utan `- ` före; ta bort lösa `**`"
            ),
        )
    }

    fn number_in_paragraph(&self, marker: &str) -> (String, String) {
        (format!("raden börjar med `{marker}` som en punkt i en numrerad lista, men den hör till stycket ovanför"), "lägg en tom rad före listan; en numrerad lista kan bara avbryta ett stycke när den börjar på 1".into())
    }

    fn unclosed_emphasis(&self, mark: &str) -> (String, String) {
        (
            format!("`{mark}` som inte stängs: texten efter blir inte betonad"),
            format!(
                "betoning behöver tecknet på båda sidor utan mellanslag innanför, {mark}så här{mark}; ta bort det om ingen betoning var menad"
            ),
        )
    }

    fn long_sentence(&self, start: &str, n: usize, max: usize) -> (String, String) {
        (format!("meningen ”{start}” har {n} ord; gränsen är {max}"), "dela den där den byter ämne, eller gör en lista av det den räknar upp; meningar på 15–20 ord är lättast att läsa".into())
    }

    fn lix(
        &self,
        lix: f64,
        max: u32,
        per_sentence: f64,
        long_share: f64,
        lines: &str,
    ) -> (String, String) {
        // What Björnsson's scale calls the value, as Swedish readers know it.
        let band = match lix {
            l if l < 30.0 => "mycket lätt",
            l if l < 40.0 => "lätt",
            l if l < 50.0 => "medelsvår",
            l if l < 60.0 => "svår",
            _ => "mycket svår",
        };
        (
            format!("texten är svår att läsa: LIX {lix:.0} ({band}), över gränsen {max}"),
            format!(
                "LIX är ord per mening ({per_sentence:.0} här) plus andelen ord med fler än sex bokstäver ({long_share:.0} % här); kortare meningar och vardagliga ord sänker det. De längsta meningarna börjar på raderna {lines}"
            ),
        )
    }

    fn unknown_check_hint(&self, near: Option<&str>, names: &str) -> String {
        match near {
            Some(s) => format!("menade du `{s}`? Kontrollerna heter: {names}"),
            None => format!("kontrollerna heter: {names}"),
        }
    }

    fn ignore_not_a_check(&self, name: &str) -> String {
        format!("`check: ignore` nämner `{name}`, som inte är en kontroll")
    }

    fn unknown_comment(&self, directive: &str) -> (String, String) {
        (
            format!("malbild förstår inte kommentaren `malbild: {directive}`"),
            "för att tysta en kontroll för nästa stycke, skriv <!-- malbild: ignore NAMN -->"
                .into(),
        )
    }

    fn comment_not_a_check(&self, name: &str) -> String {
        format!("kommentaren nämner `{name}`, som inte är en kontroll")
    }

    fn more_of_check(&self, n: usize, max: usize) -> (String, String) {
        (
            format!(
                "ytterligare {n} problem av det här slaget på sidan härifrån, inte uppräknade ett och ett"
            ),
            format!("rätta dem ovan först; sidan har fler än {max} av dem"),
        )
    }

    fn misnamed(&self, is_dir: bool, better: &str) -> (String, String) {
        (
            format!(
                "{}: malbild hoppar över namn som börjar med #, som en texteditors tillfälliga filer",
                if is_dir {
                    "mappen och allt i den publiceras inte"
                } else {
                    "sidan publiceras inte"
                }
            ),
            format!("byt namn så att namnet börjar med en bokstav eller siffra, t.ex. `{better}`"),
        )
    }

    fn no_content(&self, root: &str) -> (String, String) {
        (
            "det finns ingen mapp content".into(),
            format!(
                "kör malbild i projektets mapp (den som har content/), ange --root, eller börja en ny webbplats med `malbild new site {root}`"
            ),
        )
    }

    fn link_loop(&self) -> &'static str {
        "den här mapplänken leder tillbaka till en mapp som innehåller den"
    }

    fn cannot_read(&self, why: &str) -> String {
        format!("går inte att läsa: {why}")
    }

    fn cannot_read_link_hint(&self) -> &'static str {
        "ta bort länken eller ge läsrättighet till filen"
    }

    fn cannot_read_hint(&self) -> &'static str {
        "kontrollera att filen finns och att du får läsa den"
    }

    fn link_outside_project(&self, real: &str, shown: &str) -> (String, String) {
        (
            format!(
                "det här är en länk till {real}, utanför projektets mapp, och malbild publicerar bara filer i den"
            ),
            format!("kopiera det som ska publiceras till content/ och ta bort länken ({shown})"),
        )
    }

    fn link_nowhere(&self, target: &str, why: Option<&str>) -> String {
        match why {
            None => format!("det här är en länk till {target}, som inte finns"),
            Some(why) => format!("det här är en länk till {target}, som inte går att följa: {why}"),
        }
    }

    fn link_nowhere_hint(&self) -> &'static str {
        "ta bort länken, eller låt den peka på en fil i projektet"
    }

    fn io_reason(&self, kind: Option<std::io::ErrorKind>, other: &str) -> String {
        match kind {
            Some(std::io::ErrorKind::PermissionDenied) => "du saknar behörighet".into(),
            Some(std::io::ErrorKind::NotFound) => "den försvann medan den lästes".into(),
            None => "okänd orsak".into(),
            _ => other.into(),
        }
    }

    fn utf16_broken(&self) -> (String, String) {
        ("filen är sparad som UTF-16 (”Unicode”), men här är den trasig".into(), "öppna filen, kontrollera texten här och spara den som UTF-8 (i Anteckningar: Spara som > Kodning > UTF-8)".into())
    }

    fn not_text(&self) -> (String, String) {
        ("det här är ingen textfil".into(), "en .md-fil måste vara Markdown-text; byt namn på den eller ta bort den om den är en bild eller ett dokument".into())
    }

    fn not_utf8(&self) -> (String, String) {
        (
            "filen är inte UTF-8-text".into(),
            "spara filen som UTF-8 (i de flesta program: Spara som … > Kodning > UTF-8)".into(),
        )
    }

    fn statement_taken(&self, url: &str) -> (String, String) {
        (format!("den här sidan och tillgänglighetsredogörelsen skulle båda skrivas till {url}"), "byt namn på filen eller dess mapp; tillgänglighetsredogörelsen har den adressen på varje malbild-webbplats".into())
    }

    fn in_key(&self, message: &str, key: &str) -> String {
        format!("{message} (i `{key}`)")
    }

    fn site_yaml_link_hint(&self, hint: &str) -> String {
        format!(
            "{hint}; i site.yaml skrivs länkar som från content/_index.md, t.ex. `sormland/_index.md`"
        )
    }

    fn statement_date(&self, key: &str, value: &str) -> (String, String) {
        (
            format!(
                "`accessibility.{key}` ska vara ett datum skrivet ÅÅÅÅ-MM-DD, men här är det `{value}`"
            ),
            "skriv dagen då redogörelsen gjordes eller granskades, t.ex. `2026-11-22`".into(),
        )
    }

    fn statement_fact(&self, n: usize) -> (&'static str, &'static str) {
        match n {
            0 => ("vems webbplatsen är", "`organisation:` med `name:`"),
            1 => (
                "hur tillgänglig webbplatsen är",
                "`compliance:` (fully, partly eller not) under `accessibility:`",
            ),
            2 => (
                "hur man anmäler ett problem",
                "`contact_email:`, `contact_phone:` eller `contact_url:` under `accessibility:`",
            ),
            _ => (
                "när den gjordes",
                "`statement_date:` (ÅÅÅÅ-MM-DD) under `accessibility:`",
            ),
        }
    }

    fn join_or(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} eller {last}", rest.join(", ")),
        }
    }

    fn statement_missing(&self, what: &str, add: &str) -> (String, String) {
        (
            format!("tillgänglighetsredogörelsen säger inte {what}"),
            format!(
                "webbplatser i offentlig sektor måste publicera detta; lägg till i site.yaml {add} (se README.md)"
            ),
        )
    }

    fn audit_hint(&self) -> &'static str {
        "den här filen skrivs av `node tests/browser/audit.mjs --record`; kör det igen, eller ta bort filen"
    }

    fn audit_date(&self, value: &str) -> String {
        format!("`date` ska skrivas ÅÅÅÅ-MM-DD, men här är det `{value}`")
    }

    fn theme_file_over_page(&self, rel: &str) -> (String, String) {
        (
            format!("den här temafilen och en sida skulle båda skrivas till {rel}"),
            "byt namn på sidans mapp eller fil".into(),
        )
    }

    fn file_over_theme_file(&self, to: &str) -> (String, String) {
        (
            format!("den här filen och en fil i temat skulle båda skrivas till {to}"),
            "byt namn på filen eller dess mapp".into(),
        )
    }

    fn made_page(&self, which: usize, publication: &str) -> String {
        match which {
            0 => "404-sidan (den som visas när en adress inte finns)".into(),
            1 => "tillgänglighetsredogörelsen".into(),
            2 => format!("utskriftssidan för {publication}"),
            4 => "Atom-flödet med publikationerna".into(),
            5 => "webbplatskartan".into(),
            _ => "en sida som malbild gör".into(),
        }
    }

    fn file_over_made_page(&self, made: &str, to: &str) -> (String, String) {
        (
            format!(
                "den här filen skulle ersätta {made} ({to}), så den sidan skulle inte publiceras"
            ),
            "malbild gör den sidan själv: ta bort filen, eller byt namn på den eller dess mapp"
                .into(),
        )
    }

    fn case_twins(&self, first: &str, second: &str) -> (String, String) {
        (
            format!(
                "{first} och {second} skulle bli två filer vars namn bara skiljer sig i stora och små bokstäver; på Windows och macOS är det samma fil, så den ena skulle ersätta den andra"
            ),
            "byt namn på den ena filen eller mappen, t.ex. så att namnet bara har små bokstäver"
                .into(),
        )
    }

    fn name_not_path(&self, key: &str, value: &str, default: &str) -> (String, String) {
        (
            format!("`{key}:` ska vara ett namn, inte en sökväg: `{value}`"),
            format!("skriv bara bokstäver, siffror, `-` och `_`, till exempel `{key}: {default}`"),
        )
    }

    fn no_template(&self, name: &str, names: &str) -> (String, String) {
        (
            format!("mallen `{name}` finns inte"),
            format!("temats mallar är: {names}"),
        )
    }

    fn no_page_template(&self, wanted: &str) -> (String, String) {
        (
            format!("temat har varken `{wanted}` eller `page.html`"),
            "lägg till templates/page.html i temat; varje sida faller tillbaka på den".into(),
        )
    }

    fn print_taken(&self, publication: &str, path: &str) -> (String, String) {
        (format!("den här sidan och utskriftssidan för {publication} skulle båda skrivas till {path}"), "byt namn på filen, eller ge den en annan `slug:`; `print/` är där en publikations utskriftssida hamnar".into())
    }

    fn print_failed(&self, why: &str) -> (String, String) {
        (
            format!("utskriftssidan för den här publikationen gick inte att göra: {why}"),
            "det här är ett fel i malbild; rapportera det med den här publikationen".into(),
        )
    }

    fn across_taken(&self, path: &str) -> (String, String) {
        (format!("den här sidan skulle hamna på samma adress som malbilds egen sida {path}"), "byt namn på filen eller ge den en annan `slug:`; `jamfor/` och `teman/` är malbilds sidor som jämför regionerna".into())
    }

    fn theme_word(
        &self,
        word: &str,
        near: Option<&str>,
        slug: &str,
        label: &str,
        words: &str,
    ) -> (String, String) {
        let hint = match near {
            Some(s) => format!(
                "menade du `{s}`? Annars lägg till raden `  {slug}: {label}` under `themes:` i content/site.yaml, så får ordet en egen sida bland teman"
            ),
            None => format!(
                "skriv ett av orden under `themes:` i content/site.yaml ({words}), eller lägg till raden `  {slug}: {label}` där"
            ),
        };
        (
            format!("temaordet `{word}` finns inte bland webbplatsens teman i content/site.yaml"),
            hint,
        )
    }

    fn pdf_no_scratch(&self, why: &str) -> (String, String) {
        (format!("ingen PDF gjordes: {why}"), "kontrollera att det går att skriva i mappen bredvid output-mappen; själva webbplatsen byggdes".into())
    }

    fn pdf_failed(&self, why: &str, print: &str) -> (String, String) {
        (
            format!("PDF:en för den här publikationen gick inte att göra: {why}"),
            format!(
                "webbplatsen byggdes utan den här PDF:en; bygg igen, och om det misslyckas igen, öppna {print} i webbläsaren och skriv ut den för att se att sidan fungerar"
            ),
        )
    }

    fn pdf_bad_env(&self, env: &str, value: &str) -> (String, String) {
        (
            format!(
                "ingen PDF gjordes: {env} är satt till `{value}`, som inte är ett program som går att köra"
            ),
            format!(
                "sätt {env} till hela sökvägen till Chromium, Chrome eller Edge (t.ex. /usr/bin/chromium, eller C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe), eller ta bort den för att leta i PATH; själva webbplatsen byggdes"
            ),
        )
    }

    fn pdf_no_browser(&self) -> (String, String) {
        ("ingen PDF gjordes: malbild gör PDF:er med Chromium, Google Chrome eller Microsoft Edge, och hittade ingen av dem".into(), "installera Chromium (Debian och Ubuntu: `sudo apt-get install chromium`), Google Chrome eller Microsoft Edge, eller sätt MALBILD_CHROMIUM till webbläsarens programfil, t.ex. MALBILD_CHROMIUM=/usr/bin/chromium; själva webbplatsen byggdes".into())
    }

    fn starter_comment(&self, key: &str) -> Option<&'static str> {
        Some(match key {
            "site" => "Webbplatsen som helhet. Alla nycklar kan utelämnas.",
            "base_url" => "behövs bara för webbplatskartan och 404-sidan",
            "statement" => {
                "Vems webbplatsen är, och tillgänglighetsredogörelsen (tillganglighet/index.html),\n# som webbplatser i offentlig sektor måste publicera. Skriv in er egen organisations\n# uppgifter här innan ni publicerar; README.md listar alla nycklar."
            }
            "compliance" => "fully (helt), partly (delvis) eller not (inte)",
            "contact" => "hur besökare anmäler ett problem",
            "statement_date" => "när redogörelsen gjordes (ÅÅÅÅ-MM-DD)",
            "guessed_title" => {
                "Titeln är gjord av mappnamnet: skriv den riktiga titeln, med å, ä och ö."
            }
            "home" => {
                "Startsidan. Dess titel är webbplatsens titel i site.yaml om du inte skriver en egen."
            }
            "region" => {
                "En region (eller en kommun, en FoU-enhet): namnet visas på alla dess sidor."
            }
            "publication" => {
                "Publikationen: uppgifterna står på dess startsida och på omslaget till utskriftsversionen."
            }
            "date" => "ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD",
            "horizon" => "året som målbilden siktar mot",
            "reference" => "ärende- eller diarienummer",
            "goal_picture" => "visar visionen, året och målområdena",
            "weight" => "delarnas ordning: 1, 2, 3 …",
            "background" => "visar perspektivskiftena som en tabell",
            "factors" => "visar faktorerna som en lista",
            _ => return None,
        })
    }

    fn new_not_empty(&self, dir: &str) -> String {
        format!(
            "{dir} finns redan och är inte tom; malbild new skriver aldrig över något, så välj ett nytt mappnamn"
        )
    }

    fn cannot_create(&self, path: &str) -> String {
        format!("kan inte skapa {path}")
    }

    fn cannot_write(&self, path: &str) -> String {
        format!("kan inte skriva {path}")
    }

    fn new_not_region_slug(&self) -> &'static str {
        "skriv publikationen som REGION/SLUG, till exempel `skane/nara-vard-2026`"
    }

    fn new_bad_folder(&self, part: &str) -> String {
        format!(
            "`{part}` kan inte vara ett mappnamn; använd bokstäver, siffror och bindestreck, t.ex. `skane/nara-vard-2026`"
        )
    }

    fn new_no_content(&self, root: &str) -> String {
        format!(
            "det finns ingen mapp content i {root}; kör kommandot i projektets mapp, ange --root, eller börja med `malbild new site MAPP`"
        )
    }

    fn new_site_done(&self, shown: &str, run: &str, content: &str) -> String {
        format!(
            "\nen ny webbplats finns i {shown}. Förhandsgranska den med:\n\n    {run}\n\nredigera sedan filerna i {content}/content/ och se resultatet i webbläsaren."
        )
    }

    fn new_publication_done(&self, program: &str) -> String {
        format!(
            "\nfyll i uppgifterna i _index.md och texten i varje del; `{program} serve` visar resultatet när du sparar"
        )
    }

    fn theme_circle(&self, name: &str) -> (String, String) {
        (
            format!("temat `{name}` bygger på sig självt i en cirkel"),
            "ett av temana i cirkeln måste bygga på `default` i stället".into(),
        )
    }

    fn theme_path(&self, name: &str) -> (String, String) {
        (
            format!("ett tema anges med namn, inte med en sökväg: `{name}`"),
            "skriv bara bokstäver, siffror, `-` och `_`, till exempel `extends: default`".into(),
        )
    }

    fn no_theme(&self, name: &str, names: &str) -> (String, String) {
        (
            format!("det finns inget tema som heter `{name}`"),
            format!(
                "temana här är: {names}. Ett tema är en mapp themes/<namn>/ med en mapp templates/"
            ),
        )
    }

    fn theme_outside(&self, real: &str) -> (String, String) {
        (
            format!(
                "den här temamappen är en länk till {real}, utanför projektets mapp, och malbild läser bara teman i den"
            ),
            "kopiera temat till themes/ och ta bort länken".into(),
        )
    }

    fn theme_no_language(&self, language: &str) -> (String, String) {
        (
            format!("temat har inga texter för språket `{language}`"),
            format!(
                "skriv `language: sv` i content/site.yaml, eller lägg till i18n/{language}.yaml i temat"
            ),
        )
    }

    fn while_making(&self, page: &str) -> String {
        format!(" (när sidan för {page} gjordes)")
    }

    fn template_error(&self, syntax: bool, message: &str, context: &str) -> String {
        format!(
            "{}: {message}{context}",
            if syntax {
                "fel i mallens syntax"
            } else {
                "fel i mallen"
            }
        )
    }

    fn template_hint(&self, which: usize) -> &'static str {
        match which {
            0 => {
                "kontrollera taggarna {{ }} och {% %} på den här raden: var och en måste stängas, och varje {% if %}, {% for %} och {% block %} behöver sin {% end... %}"
            }
            1 => {
                "värdet finns inte för den här sidan; testa det först med {% if ... %}, eller se themes/default/README.md för de värden en mall får"
            }
            2 => "se themes/default/README.md för de värden en mall får",
            _ => "se themes/default/README.md för standardtemats block och värden",
        }
    }

    fn missing_parent(&self, parent: &str) -> String {
        format!("den här mallen bygger på `{parent}`, som inte finns")
    }

    fn template_names(&self, names: &str) -> String {
        format!("mallarna är: {names}")
    }

    fn template_missing(&self, name: &str, context: &str) -> String {
        format!("mallen `{name}` finns inte{context}")
    }

    fn template_problem(&self, what: &str, context: &str) -> String {
        format!("problem i mallen: {what}{context}")
    }

    fn template_loop(&self, tag: &str, context: &str) -> String {
        format!("mallarna gör {tag} av varandra i en slinga{context}")
    }

    fn template_loop_at(
        &self,
        closing: &str,
        include: bool,
        last: &str,
        chain: &str,
        context: &str,
    ) -> (String, String) {
        (format!("`{closing}` {} `{last}`, som leder tillbaka till den: {chain}{context}", if include { "tar med" } else { "bygger på" }), if include { "en mall kan inte ta med sig själv, direkt eller genom andra; ta bort den här {% include %} eller den som leder tillbaka hit" } else { "en mall kan inte bygga på sig själv, direkt eller genom andra; låt den här {% extends %} nämna en mall som inte leder tillbaka hit (sidmallar bygger oftast på base.html)" }.into())
    }

    fn cannot_start_server(&self) -> &'static str {
        "kan inte starta förhandsgranskningens server"
    }

    fn server_stopped(&self, err: &str) -> String {
        format!("fel: förhandsgranskningens server stannade: {err}")
    }

    fn port_taken(&self, port: u16, instead: u16) -> String {
        format!(
            "port {port} används redan (en annan malbild serve?), så förhandsgranskningen använder port {instead} i stället"
        )
    }

    fn cannot_listen(&self, address: &str) -> String {
        format!("kan inte ta emot anslutningar på {address}")
    }

    fn ports_taken(&self, from: u16, to: u16, err: &str) -> String {
        format!("portarna {from} till {to} används alla redan ({err}); välj en annan med --port")
    }

    fn wrong_host(&self) -> &'static str {
        "malbild serve svarar bara på adressen den skrev ut (http://127.0.0.1:…/ eller http://localhost:…/).\n"
    }

    fn refuse_output(&self, why: usize, protected: &str) -> (String, String) {
        let why = match why {
            0 => "det är projektets mapp eller innehåller den, och bygget ersätter hela output-mappen".to_string(),
            1 => format!("den ligger i {protected}/, som innehåller ditt arbete"),
            2 => "det är en fil, inte en mapp".to_string(),
            _ => "mappen är inte tom och gjordes inte av malbild (den saknar filen .malbild-output), och ett bygge ersätter allt i den".to_string(),
        };
        (
            format!("vägrar skriva webbplatsen här: {why}"),
            "välj en annan mapp med --output, till exempel --output output".into(),
        )
    }

    fn cannot_read_output(&self, err: &str) -> String {
        format!("kan inte läsa output-mappen: {err}")
    }

    fn cannot_lock(&self, lock: &str, err: &str, output: &str) -> String {
        format!("kan inte låsa {lock} ({err}); bygger en annan malbild till {output}?")
    }

    fn waiting(&self, output: &str) -> String {
        format!("en annan malbild bygger till {output}/; väntar tills den är klar …")
    }

    fn recovered(&self, output: &str, old: &str) -> String {
        format!(
            "{output}/ saknades efter ett bygge som stannade halvvägs; lade tillbaka den förra från {old}"
        )
    }

    fn cannot_recover(&self, old: &str, out: &str) -> String {
        format!(
            "output-mappen saknas efter ett bygge som stannade halvvägs, och den förra gick inte att lägga tillbaka från {old}; byt namn på den mappen till {out}"
        )
    }

    fn not_ours(&self, file: &str, rel: &str, output: &str) -> String {
        format!(
            "{file} skrevs inte av malbild, och det här bygget skulle skriva sin egen {rel} i dess ställe; flytta din fil ut ur {output}, eller byt namn på sidan eller filen i content/ som blir {rel}"
        )
    }

    fn cannot_keep(&self, file: &str) -> String {
        format!("kan inte behålla {file} (en fil som malbild inte skrev) i den nya output-mappen")
    }

    fn cannot_move_aside(&self, err: &str, out: &str) -> String {
        format!(
            "kan inte flytta undan den förra output-mappen ({err}); är en fil i {out} öppen i ett annat program?"
        )
    }

    fn cannot_move_in(&self, err: &str) -> String {
        format!("kan inte flytta den nya output-mappen på plats: {err}")
    }

    fn cannot_do(&self, what: usize, path: &str) -> String {
        match what {
            0 => format!("kan inte skriva i {path}"),
            1 => format!("kan inte tömma {path}"),
            2 => format!("kan inte läsa {path}"),
            3 => format!("kan inte ta bort {path}"),
            _ => format!("kan inte skapa en tillfällig mapp i {path}"),
        }
    }

    fn import_word(&self, word: crate::words::ImportWord) -> &'static str {
        match word {
            crate::words::ImportWord::NotWord => "är inte ett Word-dokument (.docx)",
            crate::words::ImportWord::Encrypted => {
                "är lösenordsskyddad (krypterad), och malbild kan inte läsa den"
            }
            crate::words::ImportWord::OldDoc => {
                "är ett gammalt Word-dokument (.doc, Word 97–2003), inte .docx"
            }
            crate::words::ImportWord::FixEncrypted => {
                "öppna filen i Word, ta bort lösenordet (Arkiv > Info > Skydda dokument > Kryptera med lösenord, töm rutan), spara och importera igen"
            }
            crate::words::ImportWord::FixOldDoc => {
                "öppna filen i Word och spara den som .docx (Arkiv > Spara som > Word-dokument), och importera den nya filen"
            }
            crate::words::ImportWord::FixOther => {
                "öppna filen i Word och spara den som .docx (Arkiv > Spara som > Word-dokument); en PDF eller en textfil går inte att importera"
            }
            crate::words::ImportWord::Chart => {
                "ett diagram kan inte konverteras; spara det som en bild med alternativtext, eller beskriv det i en tabell"
            }
            crate::words::ImportWord::SmartArt => {
                "en SmartArt-grafik kan inte konverteras; skriv innehållet som en lista eller spara grafiken som en bild med alternativtext"
            }
            crate::words::ImportWord::Equation => {
                "en formel (ekvation) kan inte konverteras; skriv den som text"
            }
            crate::words::ImportWord::Endnote => {
                "en slutkommentar kan inte konverteras; gör den till en fotnot i Word"
            }
            crate::words::ImportWord::NoteInlined => {
                "en fotnot i ett målområde eller en framgångsfaktor står inom parentes i texten (en Markdown-fotnot fungerar inte där); se efter om den ska stå kvar"
            }
            crate::words::ImportWord::Toc => {
                "innehållsförteckningen importeras inte: webbplatsen och utskriften gör en egen"
            }
            crate::words::ImportWord::NestedTable => {
                "en tabell i en tabell kan inte konverteras; dela upp den i två tabeller"
            }
            crate::words::ImportWord::UnknownObject => {
                "ett inbäddat objekt eller en form kan inte konverteras; ersätt det med text eller en bild"
            }
            crate::words::ImportWord::LinkedImage => {
                "en länkad bild finns inte i filen; infoga bilden i dokumentet i stället"
            }
        }
    }

    fn import_bad_file(&self, file: &str, problem: &str, fix: &str) -> String {
        format!("{file} {problem}\n  = gör så här: {fix}")
    }

    fn import_cannot_read(&self, file: &str, why: &str) -> String {
        format!(
            "kan inte läsa {file}: {why}\n  = gör så här: kontrollera att filen finns och att du får läsa den"
        )
    }

    fn import_broken(&self, file: &str, why: &str) -> String {
        format!(
            "{file} är ett skadat Word-dokument ({why})\n  = gör så här: öppna filen i Word, spara den som en ny .docx och importera den"
        )
    }

    fn import_bad_target(&self, target: &str) -> String {
        format!(
            "`{target}` är inte REGION/SLUG\n  = gör så här: skriv regionens mapp och publikationens mapp med snedstreck emellan, t.ex. `kalmar/nara-vard-2023`, med bokstäver, siffror och bindestreck"
        )
    }

    fn import_no_content(&self, root: &str) -> String {
        format!(
            "det finns ingen mapp content i {root}\n  = gör så här: kör kommandot i projektets mapp, ange --root, eller börja med `malbild new site MAPP`"
        )
    }

    fn import_exists(&self, dir: &str) -> String {
        format!(
            "{dir} finns redan och är inte tom; malbild import skriver aldrig över något\n  = gör så här: välj ett nytt namn på publikationens mapp, eller flytta bort den gamla"
        )
    }

    fn import_cannot_write(&self, path: &str, why: &str) -> String {
        format!("kan inte skriva {path}: {why}")
    }

    fn import_empty(&self, file: &str) -> String {
        format!(
            "{file} innehåller ingen text att importera\n  = gör så här: kontrollera att det är rätt fil"
        )
    }

    fn import_inserted(&self, text: &str) -> String {
        format!(
            "spårad ändring: infogad text ”{text}” är inte med (texten importeras som den var före ändringarna); godkänn eller avvisa ändringen i Word, eller skriv in den själv"
        )
    }

    fn import_deleted(&self, text: &str) -> String {
        format!(
            "spårad ändring: borttagen text ”{text}” är kvar (texten importeras som den var före ändringarna); ta bort den om ändringen ska gälla"
        )
    }

    fn import_comment(&self, text: &str) -> String {
        format!(
            "kommentar: ”{text}” – kommentarer importeras inte; se efter om texten behöver ändras"
        )
    }

    fn import_no_alt(&self, name: &str) -> String {
        format!(
            "bilden {name} saknar alternativtext: skriv vad bilden visar mellan hakparenteserna i ![](…), eller i Word under Alternativ text"
        )
    }

    fn import_text_box(&self, text: &str) -> String {
        format!(
            "en textruta (”{text}”) kan inte konverteras; skriv in texten som ett vanligt stycke"
        )
    }

    fn import_image_format(&self, name: &str) -> String {
        format!(
            "bilden {name} har ett format som webbläsare inte visar och är inte med; spara den som PNG eller JPEG och lägg in den med alternativtext"
        )
    }

    fn import_place(&self, file: &str, heading: Option<&str>, number: usize) -> String {
        match heading {
            Some(h) => format!("{file}, under ”{h}” (stycke {number})"),
            None => format!("{file} (stycke {number})"),
        }
    }

    fn import_imported(&self, file: &str, dir: &str, parts: usize) -> String {
        format!("importerade {file} till {dir} ({parts} delar)")
    }

    fn import_review(&self, n: usize) -> String {
        match n {
            0 => "inget att granska i Word-dokumentet".into(),
            1 => "1 sak att granska:".into(),
            n => format!("{n} saker att granska:"),
        }
    }

    fn import_checks(&self, n: usize) -> String {
        match n {
            0 => "malbild check hittade inga problem i de nya sidorna".into(),
            1 => "malbild check hittade 1 problem i de nya sidorna:".into(),
            n => format!("malbild check hittade {n} problem i de nya sidorna:"),
        }
    }

    fn import_next(&self, program: &str) -> String {
        format!(
            "läs igenom Markdown-filerna, kontrollera date i _index.md (det är dagen då Word-filen skapades), fyll i det som saknas (t.ex. horizon, summary, themes, description) och förhandsgranska med `{program} serve`"
        )
    }

    fn pdf_why(&self, what: usize, program: &str, detail: &str) -> String {
        match what {
            0 => format!("{program} går inte att göra till en fil-adress"),
            1 => format!("kan inte skapa en tillfällig mapp för webbläsaren: {detail}"),
            2 => format!("{program} gick inte att starta: {detail}"),
            3 => format!("{program} blev inte klar inom {detail} sekunder och stoppades"),
            4 => format!("att vänta på {program} misslyckades: {detail}"),
            5 => format!("{program} skrev ingen PDF"),
            _ => format!("{program} stannade med {detail}"),
        }
    }

    fn pdf_said(&self, said: &str) -> String {
        format!("; den sa: {said}")
    }

    fn created(&self, path: &str) -> String {
        format!("  skapade {path}")
    }
}

/// `--help` in Swedish.
pub(super) mod cli {
    use crate::words::CliWord;

    pub(crate) fn about(command: &str) -> Option<(&'static str, &'static str)> {
        Some(match command {
            "" => (
                "malbild bygger målbildspublikationerna i content/ till en webbplats i output/.",
                "malbild bygger målbildspublikationerna i content/ till en webbplats i output/.\n\n\
                 Skriv Markdown i content/, kör `malbild build` och kopiera mappen output/ till \
                 en webbserver, en delad mapp eller ett filområde: alla länkar i den är relativa.\n\n\
                 Alla meddelanden är på svenska; `--lang en` eller miljövariabeln MALBILD_LANG=en \
                 ger dem på engelska.",
            ),
            "build" => (
                "Bygg webbplatsen från content/ till output/.",
                "Bygg webbplatsen från content/ till output/.\n\n\
                 När något är fel skrivs ingenting, så den förra webbplatsen är kvar som den var. \
                 Över en output/ som ett tidigare bygge skrev skrivs bara de filer som ändrats \
                 (de andra behåller sina datum, för rsync eller FTP); annars skrivs den nya \
                 webbplatsen till en ny mapp som sedan ersätter output/. Filer i output/ som \
                 malbild inte skrev (web.config, .htaccess, CNAME) får vara kvar. Ett andra bygge \
                 till samma mapp väntar på det första. Ett bygge som tar mer än en sekund visar \
                 hur långt det har kommit, bara i ett terminalfönster och inte när \
                 miljövariabeln NO_COLOR är satt.",
            ),
            "serve" => (
                "Förhandsgranska webbplatsen i din webbläsare medan du skriver.",
                "Förhandsgranska webbplatsen i din webbläsare medan du skriver.\n\n\
                 Bygger webbplatsen, visar den på http://127.0.0.1:1111/ och bygger om den varje \
                 gång du sparar en fil i content/ eller themes/; öppna sidor visar ändringen av sig \
                 själva. När en fil har ett fel visar webbläsaren felet tills du sparar en \
                 rättelse. Ett långt första bygge visar hur långt det har kommit, som `build` \
                 gör. Tryck Ctrl+C för att sluta.",
            ),
            "watch" => (
                "Bygg om webbplatsen varje gång en fil ändras, utan server.",
                "Bygg om webbplatsen varje gång en fil ändras, utan server.",
            ),
            "new" => (
                "Börja en ny webbplats eller en ny publikation från ett fungerande exempel.",
                "Börja en ny webbplats eller en ny publikation från ett fungerande exempel.",
            ),
            "new site" => (
                "En ny webbplats i MAPP: site.yaml, en startsida och en exempelpublikation.",
                "En ny webbplats i MAPP: site.yaml, en startsida och en exempelpublikation.",
            ),
            "new publication" => (
                "En ny publikation: content/REGION/SLUG/ med _index.md och tre delar.",
                "En ny publikation: content/REGION/SLUG/ med _index.md och tre delar.",
            ),
            "check" => (
                "Granska innehållet efter problem, utan att skriva något.",
                "Granska innehållet efter problem, utan att skriva något.\n\n\
                 Visar alla fel som bygget skulle stanna på (front matter, trasiga länkar och \
                 #ankare, mallar) och varningar: rubriker och alternativtexter, tomma rubriker, \
                 avsnitt och sidor, upprepade meningar, lösa listtecken och betoningar, rubriker \
                 och bilder som gått förlorade vid kopiering, ord avstavade över radslut, rå HTML \
                 och inline-stilar, otydliga länktexter och läsbarhet (LIX, långa meningar; \
                 gränserna i site.yaml). Fel ger slutstatus 1; varningar bara med --strict.\n\n\
                 Varje varning slutar med namnet på sin kontroll. För att tysta en för ett \
                 stycke, skriv `<!-- malbild: ignore NAMN -->` på raden före det; för en sida, \
                 skriv `check: {ignore: [NAMN]}` i dess front matter. README.md listar alla \
                 kontroller.",
            ),
            "import" => (
                "Gör en ny publikation av ett Word-dokument (.docx).",
                "Gör en ny publikation av ett Word-dokument (.docx).\n\n\
                 Skriver content/REGION/SLUG/: _index.md med dokumentets titel, utgivare \
                 (egenskapen Företag), datum och texten före den första rubriken, och en del per \
                 rubrik på översta nivån, i ordning. Rubriker, stycken, fetstil och kursiv, \
                 punktlistor och numrerade listor, tabeller, länkar, fotnoter och bilder \
                 konverteras; en rubrik \"Vision\", områdena under \"Målområden\", faktorerna \
                 under \"Framgångsfaktorer\" och en Från/Till-tabell blir sin dels strukturerade \
                 fält. Inget skrivs över: publikationens mapp måste vara ny eller tom.\n\n\
                 Texten importeras som den var före spårade ändringar. Rapporten listar vad en \
                 människa måste titta på, var och en med sin plats: spårade ändringar, \
                 kommentarer, bilder utan alternativtext och det som inte går att konvertera \
                 (textrutor, diagram, SmartArt, ekvationer), följt av vad `malbild check` hittar \
                 i de nya sidorna. Words egen innehållsförteckning tas inte med (webbplatsen gör \
                 en). Gamla .doc-filer och lösenordsskyddade filer avvisas med besked om vad du \
                 ska göra.",
            ),
            _ => return None,
        })
    }

    pub(crate) fn arg(command: &str, arg: &str) -> Option<&'static str> {
        Some(match (command, arg) {
            (_, "help") => "Visa hjälpen (en sammanfattning med -h, allt med --help)",
            ("", "version") => "Visa versionen",
            (_, "lang") => {
                "Språket för alla meddelanden: sv (svenska, standard) eller en (engelska); \
                 även miljövariabeln MALBILD_LANG"
            }
            ("import", "file") => "Word-dokumentet, t.ex. malbild.docx",
            ("import", "target") => {
                "Regionens mapp och publikationens mapp, t.ex. kalmar/nara-vard-2023"
            }
            (_, "root") => "Projektets mapp, den som har content/ [standard: mappen du står i]",
            (_, "output") => "Vart webbplatsen skrivs [standard: output/ i projektets mapp]",
            ("check", "drafts") => "Granska även sidor med `draft: true`, som om de publicerades",
            (_, "drafts") => "Bygg även sidor med `draft: true`",
            ("check", "quiet") => "Visa bara problemen: inga framsteg, ingen sammanfattning",
            (_, "quiet") => {
                "Visa bara problemen (fel och varningar): inga framsteg, ingen \
                 sammanfattningsrad. `serve` visar ändå sin adress"
            }
            ("build", "pdf") => {
                "Gör också en PDF av varje publikation från dess utskriftssida, med Chromium, \
                 Google Chrome eller Microsoft Edge installerad på datorn (hittas via PATH, \
                 eller anges med miljövariabeln MALBILD_CHROMIUM). Utan webbläsare byggs \
                 webbplatsen ändå, och en varning säger vad du ska installera"
            }
            ("serve", "port") => {
                "Porten att visa på [standard: 1111]; är den upptagen används nästa lediga"
            }
            ("serve", "bind") => {
                "Adressen att visa på [standard: 127.0.0.1]; allt annat låter andra datorer \
                 se förhandsgranskningen"
            }
            ("serve", "open") => "Öppna webbplatsen i din webbläsare",
            ("check", "format") => {
                "Hur resultatet visas: `text` för människor (standard), `json` för andra program"
            }
            ("check", "strict") => "Misslyckas (slutstatus 1) även på varningar, inte bara på fel",
            ("new site", "dir") => "Mappen som skapas (den får inte finnas, eller måste vara tom)",
            ("new publication", "path") => {
                "Regionens mapp och publikationens mapp, t.ex. skane/nara-vard-2026"
            }
            _ => return None,
        })
    }

    pub(crate) fn word(word: CliWord) -> &'static str {
        match word {
            CliWord::Usage => "Användning:",
            CliWord::Commands => "Kommandon:",
            CliWord::Arguments => "Argument:",
            CliWord::Options => "Flaggor:",
            CliWord::OptionsPlaceholder => "[FLAGGOR]",
            CliWord::CommandPlaceholder => "<KOMMANDO>",
            CliWord::Dir => "MAPP",
            CliWord::HelpCommand => "Visa den här hjälpen, eller hjälpen för ett kommando",
        }
    }
}
