//! The English catalogue (`--lang en`, `MALBILD_LANG=en`): every message of
//! [`super::Words`].

use super::{Lang, Words, decimal};
use crate::progress::Phase;

/// English.
#[derive(Debug, Clone, Copy)]
pub(crate) struct En;

fn plural(n: usize, one: &str) -> String {
    match n {
        1 => format!("1 {one}"),
        n => format!("{n} {one}s"),
    }
}

impl Words for En {
    fn error(&self) -> &'static str {
        "error"
    }

    fn warning(&self) -> &'static str {
        "warning"
    }

    fn hint(&self) -> &'static str {
        "hint"
    }

    fn more_errors(&self, n: usize) -> String {
        format!("{n} more errors like the ones above from here on, not listed one by one")
    }

    fn more_errors_hint(&self, shown: usize) -> String {
        format!("fix the {shown} above first and build again; the next ones are shown then")
    }

    fn failed(&self, n: usize) -> String {
        format!("{}, nothing was written", plural(n, "error"))
    }

    fn failed_also(&self, n: usize) -> String {
        let also = match n {
            0 => String::new(),
            n => format!(" (and {})", plural(n, "warning")),
        };
        format!("{also}; the previous output is unchanged")
    }

    fn failed_in_serve(&self) -> &'static str {
        "the browser shows the last pages that built"
    }

    fn summary(&self, e: usize, w: usize) -> String {
        match (e, w) {
            (0, 0) => "no problems found".into(),
            (e, 0) => plural(e, "error"),
            (0, w) => plural(w, "warning"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        }
    }

    fn more_warnings(&self, hidden: usize) -> String {
        format!(
            "… and {hidden} more warnings; `malbild check` lists them all, `malbild check --format json` for tools"
        )
    }

    fn built(
        &self,
        pages: usize,
        pdfs: usize,
        n_files: usize,
        written: Option<(usize, usize)>,
        seconds: f64,
        output: &str,
        n_warnings: usize,
    ) -> String {
        let pdfs = match pdfs {
            0 => String::new(),
            1 => " and 1 PDF".into(),
            n => format!(" and {n} PDFs"),
        };
        let files = match written {
            None => format!("{n_files} files"),
            Some((written, 0)) => format!("{n_files} files, {written} written"),
            Some((written, removed)) => {
                format!("{n_files} files, {written} written, {removed} removed")
            }
        };
        let warnings = match n_warnings {
            0 => String::new(),
            n => format!(", {}", plural(n, "warning")),
        };
        format!(
            "built {pages} pages{pdfs} ({files}) in {} s into {output}{warnings}",
            decimal(Lang::En, seconds, 2)
        )
    }

    fn internal(
        &self,
        file: Option<&str>,
        message: &str,
        location: Option<&str>,
        output_unchanged: bool,
    ) -> String {
        let mut text = "internal error: malbild stopped on a bug of its own".to_string();
        if let Some(file) = file {
            text.push_str(&format!(" while building {file}"));
        }
        text.push_str(&format!(" ({message}"));
        if let Some(location) = location {
            text.push_str(&format!(", at {location}"));
        }
        text.push(')');
        if output_unchanged {
            text.push_str("; the previous output is unchanged");
        }
        text.push_str(&format!(
            "\n  = hint: this is not a problem in your files; please report it to malbild's developers with this message{}; until it is fixed, undo your last change to that file",
            if file.is_some() {
                " and the file named above"
            } else {
                ""
            }
        ));
        text
    }

    fn building(&self) -> &'static str {
        "building the site…"
    }

    fn phase(&self, phase: Phase) -> &'static str {
        match phase {
            Phase::Read => "reading files",
            Phase::Markdown => "Markdown",
            Phase::Pages => "pages",
            Phase::Print => "print pages",
            Phase::Checks => "checks",
            Phase::Pdf => "PDFs",
            Phase::Write => "writing",
        }
    }

    fn built_first(&self, pages: usize, seconds: f64, output: &str) -> String {
        format!(
            "built {pages} pages in {} s into {output}",
            decimal(Lang::En, seconds, 2)
        )
    }

    fn serving(&self, url: &str) -> String {
        format!("serving the site at {url}")
    }

    fn serve_how(&self) -> &'static str {
        "saving a file rebuilds the site and open pages show the change; press Ctrl+C to stop"
    }

    fn no_browser(&self, err: &str, url: &str) -> String {
        format!("warning: could not open a browser ({err}); open {url} yourself")
    }

    fn watching(&self) -> &'static str {
        "watching for changes; press Ctrl+C to stop"
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
            "{what}: rebuilt in {ms} ms ({rendered} rendered, {written} written, {removed} removed)"
        )
    }

    fn files_changed(&self, n: usize) -> String {
        format!("{n} files changed")
    }

    fn panel_title(&self) -> &'static str {
        "malbild: the site could not be built"
    }

    fn panel_footer(&self) -> &'static str {
        "The page shows the last version that built. Save a fix and it shows the change."
    }

    fn cannot_watch(&self, what: &str) -> String {
        format!("cannot watch {what} for changes")
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
                "`{dest}` is a path on your own computer; visitors cannot reach it, so the image or file is missing on the site"
            ),
            format!(
                "copy the file into the publication's folder in content/ and write only its name, e.g. `{example}`"
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
            "`{written}` does not become {} but shows on the page just as written, because the address has spaces",
            if image { "an image" } else { "a link" }
        );
        let what = if image { "the image" } else { "the link" };
        let hint = match page {
            Some(file) => {
                format!("did you mean `{file}`? Write `{head}]({file})`, with the page's file name")
            }
            None => format!(
                "put the address between < > so that {what} works: `{head}](<{dest}>)`, or rename the file so that its name has no spaces (e.g. `{}`)",
                dest.replace(' ', "-")
            ),
        };
        (message, hint)
    }

    fn refused_scheme(&self, dest: &str, scheme: &str) -> (String, String) {
        (format!("the link `{dest}` starts with `{scheme}:` and is left out: such an address can run code or show something that is not a web page"), "write a web address that starts with https:// (mailto: for e-mail, tel: for a phone number), or link to a page or file in content/, e.g. `bakgrund.md`; otherwise remove the link".into())
    }

    fn html_refused_scheme(&self, name: &str, value: &str, scheme: &str) -> (String, String) {
        (
            format!("the HTML <{name}> has the address `{value}`, which starts with `{scheme}:`: such an address can run code or show something that is not a web page, and the page is not published with it"),
            "write the link in Markdown, `[text](https://…)`, or link to a page or file in content/; otherwise remove the HTML".into(),
        )
    }

    fn no_base_url(&self) -> String {
        "Note: sitemap.xml and robots.txt were not written, because content/site.yaml has no base_url (the site's address). Write for example base_url: https://www.example.se/malbild in site.yaml, and they are.".into()
    }

    fn bad_base_url(&self, url: &str) -> (String, String) {
        (
            format!("base_url `{url}` is not a web address, so sitemap.xml and robots.txt were not written and no page got its full address"),
            "write the whole address with https://, for example base_url: https://www.example.se/malbild".into(),
        )
    }

    fn folder_without_index(&self, folder: &str, missing: &str, region: bool) -> (String, String) {
        (
            format!("the folder `{folder}` has no _index.md"),
            format!(
                "create content/{missing} with the {}'s `title:` in its front matter",
                if region { "region" } else { "publication" }
            ),
        )
    }

    fn no_address_from_name(&self) -> (String, String) {
        (
            "no web address can be made from this name".into(),
            "use letters or digits in the file name, or set `slug:` in the front matter".into(),
        )
    }

    fn pages_same_address(&self, other: &str, out: &str) -> (String, String) {
        (
            format!("this page and {other} would both be written to {out}"),
            "rename one of the files, or give one of them another `slug:`".into(),
        )
    }

    fn file_and_page_same_address(&self, page: &str, out: &str) -> (String, String) {
        (
            format!("this file and the page {page} would both be written to {out}"),
            "rename the file".into(),
        )
    }

    fn usage_unknown_command(&self, given: &str, suggested: Option<&str>) -> (String, String) {
        (
            format!("malbild has no command called `{given}`"),
            match suggested {
                Some(s) => format!("did you mean `malbild {s}`? `malbild --help` lists every command"),
                None => "the commands are build, serve, watch, new, check and import; `malbild --help` says what they do".into(),
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
            format!("`{command}` has no option `{given}`"),
            match suggested {
                Some(s) => format!("did you mean `{s}`? `{command} --help` lists every option"),
                None => format!("`{command} --help` lists the options there are"),
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
            format!("`{given}` cannot be used for {arg}"),
            match valid {
                Some(v) => format!("write one of: {v}"),
                None => format!("`{command} --help` says what goes there"),
            },
        )
    }

    fn usage_no_value(&self, arg: &str, command: &str) -> (String, String) {
        (
            format!("{arg} lacks its value"),
            format!(
                "write the value right after the option, e.g. `--root my-site`; `{command} --help` says what goes there"
            ),
        )
    }

    fn usage_missing(&self, missing: &str, command: &str) -> (String, String) {
        (
            format!("`{command}` needs {missing}"),
            format!("`{command} --help` says what goes there, with examples"),
        )
    }

    fn search_summary(&self, size: &str, files: usize, largest: &str) -> String {
        format!(
            "search index: {size} in {files} files (search/); a search loads only the files it needs, the largest is {largest}"
        )
    }

    fn search_page_taken(&self) -> (String, String) {
        (
            "this page would be at the same address as the search page".into(),
            "rename the file or give it another `slug:`; `sok/` is malbild's page for the search"
                .into(),
        )
    }

    fn link_outside(&self, dest: &str) -> (String, String) {
        (
            format!("the link `{dest}` points outside the content folder"),
            "link to a page or file inside content/, e.g. `../bakgrund.md`".into(),
        )
    }

    fn link_to_draft(&self, dest: &str) -> (String, String) {
        (
            format!("the link `{dest}` points to a draft page, which is not published"),
            "remove `draft: true` from that page, or remove the link".into(),
        )
    }

    fn link_missing(&self, dest: &str, target: &str) -> String {
        format!("the link `{dest}` points to `content/{target}`, which does not exist")
    }

    fn link_www(&self, dest: &str) -> String {
        format!("a web address needs https:// in front: `https://{dest}`")
    }

    fn link_near(&self, file: &str) -> String {
        format!("did you mean `{file}`? Links are relative to this file's folder")
    }

    fn link_spelling(&self) -> &'static str {
        "check the spelling; links are relative to this file's folder, e.g. `bakgrund.md` or `../../skane/_index.md`"
    }

    fn link_no_text(&self) -> (&'static str, &'static str) {
        (
            "the link has no text",
            "write what the link leads to between the brackets: [Bakgrund och syfte](bakgrund.md)",
        )
    }

    fn link_vague(&self, text: &str) -> (String, &'static str) {
        (
            format!("the link text “{text}” does not say where the link leads"),
            "screen reader users often hear the links of a page without the text around them; name the target instead, e.g. “Läs mer om [perspektivskiftena](bakgrund.md)”",
        )
    }

    fn and_more(&self, n: usize) -> String {
        format!(" and {n} more")
    }

    fn fragment_near(&self, id: &str) -> String {
        format!("did you mean `#{id}`?")
    }

    fn fragment_no_headings(&self) -> &'static str {
        "that page has no headings to link to; remove the #-part of the link"
    }

    fn fragment_ids(&self, ids: &str) -> String {
        format!("the headings of that page have the ids: {ids}")
    }

    fn fragment_missing(&self, dest: &str, fragment: &str, page: Option<&str>) -> String {
        let on = match page {
            Some(title) => format!("the page “{title}”"),
            None => "this page".into(),
        };
        format!("the link `{dest}` points to `#{fragment}`, which is not on {on}")
    }

    fn second_h1(&self) -> (String, String) {
        (
            "a second main heading (#): the page title is already the main heading".into(),
            "use ## for the headings in the text, ### below them".into(),
        )
    }

    fn heading_skip(&self, from: u8, to: u8, use_: &str) -> (String, String) {
        (
            format!("the heading skips from level {from} to level {to}"),
            format!("screen reader users navigate by heading levels; use {use_} here"),
        )
    }

    fn alt_missing(&self) -> (String, String) {
        ("the image has no alternative text".into(), "describe what the image shows between the brackets: ![Karta över länets vårdcentraler](karta.png)".into())
    }

    fn alt_file_name(&self, alt: &str) -> (String, String) {
        (
            format!("the image's alternative text is a file name: `{alt}`"),
            "describe what the image shows, in words".into(),
        )
    }

    fn table_caption(&self) -> (String, String) {
        ("the table has no caption".into(), "screen readers announce a table by its caption: write a line `Tabell: what the table shows` just above it, with an empty line between, or put the table right under a heading".into())
    }

    fn empty_heading(&self) -> (String, String) {
        (
            "the heading has no text".into(),
            "write the heading after the #-signs, or remove the line".into(),
        )
    }

    fn empty_section(&self, title: &str, next: Option<&str>) -> (String, String) {
        let why = match next {
            Some(n) => format!("the next heading, “{n}”, follows right after it"),
            None => "the page ends right after it".into(),
        };
        (
            format!("nothing under the heading “{title}”: {why}"),
            "write the section's text under the heading, or remove the heading".into(),
        )
    }

    fn empty_page(&self) -> (String, String) {
        (
            "the page has no text".into(),
            "write the page's text below the front matter's closing ---, or remove the file".into(),
        )
    }

    fn third_party_tag(&self, name: &str, url: &str) -> (String, String) {
        (format!("the <{name}> loads `{url}` from another web site"), "the site promises visitors that nothing is loaded from other hosts; save the file in content/ beside the page and link it, or link to the other site instead".into())
    }

    fn inline_style(&self, name: &str) -> (String, String) {
        (format!("the <{name}> has a style=\"...\" attribute"), "inline styles override the theme's colours, sizes and dark mode, and can make text unreadable; remove the HTML and write Markdown, e.g. a list with `- ` or **bold**".into())
    }

    fn raw_html(&self, first: &str) -> (String, String) {
        (format!("HTML (<{first}>) written into the Markdown"), "write Markdown instead (lists with `- `, **bold**, tables with |); HTML pasted from Word or a web page is not checked and bypasses the theme".into())
    }

    fn third_party_image(&self, dest: &str) -> (String, String) {
        (format!("the image `{dest}` is loaded from another web site"), "save the image in content/ beside the page and write ![what it shows](file.png); the site promises visitors that nothing is loaded from other hosts".into())
    }

    fn curly_quotes(&self, key: Option<&str>, inner: &str, straight: &str) -> (String, String) {
        let (what, key) = match key {
            Some(k) => (format!("`{k}`"), format!("{k}: ")),
            None => ("the text".to_string(), "- ".to_string()),
        };
        (
            format!(
                "{what} is in ”…”, and those quotes are published as part of the text: ”{inner}”"
            ),
            format!(
                "remove them if they are not meant to show: `{key}{inner}`; if the text needs quotes so that ` #` or `: ` can be part of it, use straight ones: `{key}\"{straight}\"`"
            ),
        )
    }

    fn lost_image(&self, line: &str) -> (String, String) {
        (format!("“{line}” looks like the place of an image that was lost when the text was copied"), "put the image file beside the page and write ![what the image shows](file.png), or remove the line".into())
    }

    fn flat_heading(&self, first: &str) -> (String, String) {
        (
            format!("“{first}” looks like a heading that became a line of text"),
            format!(
                "if it is a heading, write `## {first}` on a line of its own with empty lines around it; if it is text, end it with a full stop"
            ),
        )
    }

    fn hyphenated(&self, before: &str, after: &str) -> (String, String) {
        (
            format!("the word “{before}-{after}” is split across two lines with a hyphen"),
            format!("join it into one word: {before}{after}"),
        )
    }

    fn repeated_hint(&self) -> &'static str {
        "text copied from a PDF or Word file is often doubled; keep it once"
    }

    fn repeated_paragraph(&self, line: usize) -> String {
        format!("this paragraph is the same as the one on line {line}")
    }

    fn repeated_place(&self, key: Option<&str>, line: usize) -> String {
        match key {
            Some(key) => format!("in `{key}` on line {line}"),
            None => format!("on line {line}"),
        }
    }

    fn repeated_sentence(&self, start: &str, place: &str) -> String {
        format!("the sentence “{start}” is already {place}")
    }

    fn repeated_run(&self, start: &str, count: usize, place: Option<&str>) -> String {
        let also = place.map_or(String::new(), |p| format!(", and is already {p}"));
        format!("the sentence “{start}” comes {count} times in a row{also}")
    }

    fn empty_list_item(&self) -> (String, String) {
        (
            "an empty list item".into(),
            "remove the line, or write the item's text after the marker".into(),
        )
    }

    fn pasted_bullet(&self, bullet: char) -> (String, String) {
        (format!("a bullet character `{bullet}` pasted as text"), "make a Markdown list: start each item on its own line with `- ` (a hyphen and a space)".into())
    }

    fn lost_number(&self, marker: &str, stray: &str) -> (String, String) {
        (
            format!("`{marker}{stray}` looks like a list number that lost its place"),
            format!(
                "for a numbered list write `{marker} ` and the text at the start of the line, with no `- ` in front; remove any stray `**`"
            ),
        )
    }

    fn number_in_paragraph(&self, marker: &str) -> (String, String) {
        (format!("this line starts with `{marker}` like a numbered list item, but it is part of the paragraph above"), "put an empty line before the list; a numbered list can only interrupt a paragraph when it starts at 1".into())
    }

    fn unclosed_emphasis(&self, mark: &str) -> (String, String) {
        (
            format!("`{mark}` that does not close: the text after it is not emphasised"),
            format!(
                "emphasis needs the mark on both sides with no space inside, {mark}like this{mark}; remove it if no emphasis was meant"
            ),
        )
    }

    fn long_sentence(&self, start: &str, n: usize, max: usize) -> (String, String) {
        (format!("the sentence “{start}” has {n} words; the limit is {max}"), "split it where it changes subject, or make a list of what it enumerates; sentences of 15–20 words are easiest to read".into())
    }

    fn lix(
        &self,
        lix: f64,
        max: u32,
        per_sentence: f64,
        long_share: f64,
        lines: &str,
    ) -> (String, String) {
        let band = match lix {
            l if l < 30.0 => "very easy",
            l if l < 40.0 => "easy",
            l if l < 50.0 => "medium",
            l if l < 60.0 => "hard",
            _ => "very hard",
        };
        (
            format!("the text is hard to read: LIX {lix:.0} ({band}), over the limit {max}"),
            format!(
                "LIX is words per sentence ({per_sentence:.0} here) plus the share of words over six letters ({long_share:.0} % here); shorter sentences and everyday words bring it down. The longest sentences start on lines {lines}"
            ),
        )
    }

    fn unknown_check_hint(&self, near: Option<&str>, names: &str) -> String {
        match near {
            Some(s) => format!("did you mean `{s}`? The checks are: {names}"),
            None => format!("the checks are: {names}"),
        }
    }

    fn ignore_not_a_check(&self, name: &str) -> String {
        format!("`check: ignore` names `{name}`, which is not a check")
    }

    fn unknown_comment(&self, directive: &str) -> (String, String) {
        (
            format!("malbild does not understand the comment `malbild: {directive}`"),
            "to silence a check for the next paragraph write <!-- malbild: ignore NAME -->".into(),
        )
    }

    fn comment_not_a_check(&self, name: &str) -> String {
        format!("the comment names `{name}`, which is not a check")
    }

    fn more_of_check(&self, n: usize, max: usize) -> (String, String) {
        (
            format!(
                "{n} more problems of this kind on this page from here on, not listed one by one"
            ),
            format!("fix the ones above first; the page has more than {max} of them"),
        )
    }

    fn misnamed(&self, is_dir: bool, better: &str) -> (String, String) {
        (
            format!(
                "{}: malbild skips names that start with #, like a text editor's temporary files",
                if is_dir {
                    "the folder and everything in it is not published"
                } else {
                    "the page is not published"
                }
            ),
            format!("rename it so that the name starts with a letter or digit, e.g. `{better}`"),
        )
    }

    fn no_content(&self, root: &str) -> (String, String) {
        (
            "there is no content folder".into(),
            format!(
                "run malbild in the project folder (the one holding content/), pass --root, or start a new site with `malbild new site {root}`"
            ),
        )
    }

    fn link_loop(&self) -> &'static str {
        "this folder link points back to a folder that contains it"
    }

    fn cannot_read(&self, why: &str) -> String {
        format!("cannot be read: {why}")
    }

    fn cannot_read_link_hint(&self) -> &'static str {
        "remove the link or give the file read permission"
    }

    fn cannot_read_hint(&self) -> &'static str {
        "check that the file exists and that you may read it"
    }

    fn link_outside_project(&self, real: &str, shown: &str) -> (String, String) {
        (
            format!(
                "this is a link to {real}, outside the project folder, and malbild publishes only files inside it"
            ),
            format!("copy what you want published into content/ and remove the link ({shown})"),
        )
    }

    fn link_nowhere(&self, target: &str, why: Option<&str>) -> String {
        match why {
            None => format!("this is a link to {target}, which does not exist"),
            Some(why) => format!("this is a link to {target}, which cannot be followed: {why}"),
        }
    }

    fn link_nowhere_hint(&self) -> &'static str {
        "remove the link, or make it point to a file inside the project"
    }

    fn io_reason(&self, kind: Option<std::io::ErrorKind>, other: &str) -> String {
        match kind {
            Some(std::io::ErrorKind::PermissionDenied) => "permission denied".into(),
            Some(std::io::ErrorKind::NotFound) => "it disappeared while reading".into(),
            None => "unknown reason".into(),
            _ => other.into(),
        }
    }

    fn utf16_broken(&self) -> (String, String) {
        ("the file is saved as UTF-16 (“Unicode”), but here it is broken".into(), "open the file, check the text here and save it as UTF-8 (in Notepad: Save as > Encoding > UTF-8)".into())
    }

    fn not_text(&self) -> (String, String) {
        (
            "this is not a text file".into(),
            "a .md file must be Markdown text; rename or remove it if it is an image or a document"
                .into(),
        )
    }

    fn not_utf8(&self) -> (String, String) {
        (
            "the file is not UTF-8 text".into(),
            "save the file as UTF-8 (in most editors: Save as… > Encoding > UTF-8)".into(),
        )
    }

    fn statement_taken(&self, url: &str) -> (String, String) {
        (format!("this page and the accessibility statement would both be written to {url}"), "rename this file or its folder; the accessibility statement has that address on every malbild site".into())
    }

    fn in_key(&self, message: &str, key: &str) -> String {
        format!("{message} (in `{key}`)")
    }

    fn site_yaml_link_hint(&self, hint: &str) -> String {
        format!(
            "{hint}; in site.yaml, links are written as from content/_index.md, e.g. `sormland/_index.md`"
        )
    }

    fn statement_date(&self, key: &str, value: &str) -> (String, String) {
        (
            format!(
                "`accessibility.{key}` should be a date written YYYY-MM-DD, but here it is `{value}`"
            ),
            "write the day the statement was made or reviewed, e.g. `2026-11-22`".into(),
        )
    }

    fn statement_fact(&self, n: usize) -> (&'static str, &'static str) {
        match n {
            0 => ("whose site it is", "`organisation:` with `name:`"),
            1 => (
                "how accessible the site is",
                "`compliance:` (fully, partly or not) under `accessibility:`",
            ),
            2 => (
                "how to report a problem",
                "`contact_email:`, `contact_phone:` or `contact_url:` under `accessibility:`",
            ),
            _ => (
                "when it was made",
                "`statement_date:` (YYYY-MM-DD) under `accessibility:`",
            ),
        }
    }

    fn join_or(&self, items: &[&str]) -> String {
        match items {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{}, or {last}", rest.join(", ")),
        }
    }

    fn statement_missing(&self, what: &str, add: &str) -> (String, String) {
        (
            format!("the accessibility statement does not say {what}"),
            format!(
                "public-sector sites must publish this; add to site.yaml {add} (see README.md)"
            ),
        )
    }

    fn audit_hint(&self) -> &'static str {
        "this file is written by `node tests/browser/audit.mjs --record`; run it again, or delete the file"
    }

    fn audit_date(&self, value: &str) -> String {
        format!("`date` should be written YYYY-MM-DD, but here it is `{value}`")
    }

    fn theme_file_over_page(&self, rel: &str) -> (String, String) {
        (
            format!("this theme file and a page would both be written to {rel}"),
            "rename the page's folder or file".into(),
        )
    }

    fn file_over_theme_file(&self, to: &str) -> (String, String) {
        (
            format!("this file and a file of the theme would both be written to {to}"),
            "rename the file or its folder".into(),
        )
    }

    fn made_page(&self, which: usize, publication: &str) -> String {
        match which {
            0 => "the 404 page (the one shown when an address does not exist)".into(),
            1 => "the accessibility statement".into(),
            2 => format!("the print page of {publication}"),
            4 => "the Atom feed of the publications".into(),
            5 => "the site map".into(),
            _ => "a page malbild makes".into(),
        }
    }

    fn file_over_made_page(&self, made: &str, to: &str) -> (String, String) {
        (
            format!("this file would replace {made} ({to}), so that page would not be published"),
            "malbild makes that page itself: remove the file, or rename it or its folder".into(),
        )
    }

    fn case_twins(&self, first: &str, second: &str) -> (String, String) {
        (
            format!(
                "{first} and {second} would be two files whose names differ only in upper and lower case; on Windows and macOS that is one file, so one would replace the other"
            ),
            "rename one of the files or folders, e.g. so that the name has only lower-case letters"
                .into(),
        )
    }

    fn name_not_path(&self, key: &str, value: &str, default: &str) -> (String, String) {
        (
            format!("`{key}:` must be a name, not a path: `{value}`"),
            format!("write only letters, digits, `-` and `_`, for example `{key}: {default}`"),
        )
    }

    fn no_template(&self, name: &str, names: &str) -> (String, String) {
        (
            format!("the template `{name}` does not exist"),
            format!("the templates of the theme are: {names}"),
        )
    }

    fn no_page_template(&self, wanted: &str) -> (String, String) {
        (
            format!("the theme has neither `{wanted}` nor `page.html`"),
            "add templates/page.html to the theme; every page falls back to it".into(),
        )
    }

    fn print_taken(&self, publication: &str, path: &str) -> (String, String) {
        (format!("this page and the print page of {publication} would both be written to {path}"), "rename the file, or give it another `slug:`; `print/` is where the print page of a publication goes".into())
    }

    fn print_failed(&self, why: &str) -> (String, String) {
        (
            format!("the print page of this publication could not be made: {why}"),
            "this is a bug in malbild; please report it with this publication".into(),
        )
    }

    fn across_taken(&self, path: &str) -> (String, String) {
        (format!("this page would have the same address as malbild's own page {path}"), "rename the file or give it another `slug:`; `jamfor/` and `teman/` are malbild's pages that compare the regions".into())
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
                "did you mean `{s}`? Otherwise add the line `  {slug}: {label}` under `themes:` in content/site.yaml, and the word gets a page of its own among the themes"
            ),
            None => format!(
                "write one of the words under `themes:` in content/site.yaml ({words}), or add the line `  {slug}: {label}` there"
            ),
        };
        (
            format!("the theme word `{word}` is not among the site's themes in content/site.yaml"),
            hint,
        )
    }

    fn pdf_no_scratch(&self, why: &str) -> (String, String) {
        (format!("no PDF was made: {why}"), "check that the folder beside the output folder can be written to; the website itself was built".into())
    }

    fn pdf_failed(&self, why: &str, print: &str) -> (String, String) {
        (
            format!("the PDF of this publication could not be made: {why}"),
            format!(
                "the website was built without this PDF; build again, and if it fails again, open {print} in the browser and print it to check that the page works"
            ),
        )
    }

    fn pdf_bad_env(&self, env: &str, value: &str) -> (String, String) {
        (
            format!(
                "no PDF was made: {env} is set to `{value}`, which is not a program that can be run"
            ),
            format!(
                "set {env} to the full path of Chromium, Chrome or Edge (e.g. /usr/bin/chromium, or C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe), or unset it to look for one on the PATH; the website itself was built"
            ),
        )
    }

    fn pdf_no_browser(&self) -> (String, String) {
        ("no PDF was made: malbild makes PDFs with Chromium, Google Chrome or Microsoft Edge, and found none of them".into(), "install Chromium (Debian and Ubuntu: `sudo apt-get install chromium`), Google Chrome or Microsoft Edge, or set MALBILD_CHROMIUM to the browser's program file, e.g. MALBILD_CHROMIUM=/usr/bin/chromium; the website itself was built".into())
    }

    fn starter_comment(&self, key: &str) -> Option<&'static str> {
        Some(match key {
            "site" => "The site as a whole. Every key is optional.",
            "base_url" => "only needed for the sitemap and the 404 page",
            "statement" => {
                "Whose site it is, and the accessibility statement (tillganglighet/index.html),\n# which public-sector sites must publish. Write your organisation's own facts\n# here before you publish; README.md lists every key."
            }
            "compliance" => "fully, partly or not",
            "contact" => "how visitors report a problem",
            "statement_date" => "when the statement was made (YYYY-MM-DD)",
            "guessed_title" => {
                "The title was made from the folder name: write the real title, with å, ä and ö."
            }
            "home" => "The home page. Its title defaults to the site's title in site.yaml.",
            "region" => {
                "A region (or a municipality, an R&D unit): its name is shown on every page of it."
            }
            "publication" => {
                "The publication: these facts go on its landing page and on the cover of the print version."
            }
            "date" => "YYYY, YYYY-MM or YYYY-MM-DD",
            "horizon" => "the year the målbild aims at",
            "reference" => "case or diary number",
            "goal_picture" => "shows the vision, the horizon and the goal areas",
            "weight" => "the order of the parts: 1, 2, 3 ...",
            "background" => "shows the perspective shifts as a table",
            "factors" => "shows the factors as a list",
            _ => return None,
        })
    }

    fn new_not_empty(&self, dir: &str) -> String {
        format!(
            "{dir} already exists and is not empty; malbild new never overwrites anything, so pick a new folder name"
        )
    }

    fn cannot_create(&self, path: &str) -> String {
        format!("cannot create {path}")
    }

    fn cannot_write(&self, path: &str) -> String {
        format!("cannot write {path}")
    }

    fn new_not_region_slug(&self) -> &'static str {
        "write the publication as REGION/SLUG, for example `skane/nara-vard-2026`"
    }

    fn new_bad_folder(&self, part: &str) -> String {
        format!(
            "`{part}` cannot be a folder name; use letters, digits and hyphens, e.g. `skane/nara-vard-2026`"
        )
    }

    fn new_no_content(&self, root: &str) -> String {
        format!(
            "there is no content folder in {root}; run this in the project folder, pass --root, or start with `malbild new site DIR`"
        )
    }

    fn new_site_done(&self, shown: &str, run: &str, content: &str) -> String {
        format!(
            "\na new site is in {shown}. Preview it with:\n\n    {run}\n\nthen edit the files in {content}/content/ and watch the browser."
        )
    }

    fn new_publication_done(&self, program: &str) -> String {
        format!(
            "\nfill in the facts in _index.md and the text of each part; `{program} serve` shows the result as you save"
        )
    }

    fn theme_circle(&self, name: &str) -> (String, String) {
        (
            format!("the theme `{name}` extends itself in a circle"),
            "one theme in the circle must extend `default` instead".into(),
        )
    }

    fn theme_path(&self, name: &str) -> (String, String) {
        (
            format!("a theme is named, not given as a path: `{name}`"),
            "write only letters, digits, `-` and `_`, for example `extends: default`".into(),
        )
    }

    fn no_theme(&self, name: &str, names: &str) -> (String, String) {
        (
            format!("there is no theme called `{name}`"),
            format!(
                "the themes here are: {names}. A theme is a folder themes/<name>/ with a templates/ folder"
            ),
        )
    }

    fn theme_outside(&self, real: &str) -> (String, String) {
        (
            format!(
                "this theme folder is a link to {real}, outside the project folder, and malbild reads themes only inside it"
            ),
            "copy the theme into themes/ and remove the link".into(),
        )
    }

    fn theme_no_language(&self, language: &str) -> (String, String) {
        (
            format!("the theme has no texts for the language `{language}`"),
            format!(
                "set `language: sv` in content/site.yaml, or add i18n/{language}.yaml to the theme"
            ),
        )
    }

    fn while_making(&self, page: &str) -> String {
        format!(" (while making the page for {page})")
    }

    fn template_error(&self, syntax: bool, message: &str, context: &str) -> String {
        format!(
            "{}: {message}{context}",
            if syntax {
                "template syntax error"
            } else {
                "template error"
            }
        )
    }

    fn template_hint(&self, which: usize) -> &'static str {
        match which {
            0 => {
                "check the {{ }} and {% %} tags on this line: each one must be closed, and every {% if %}, {% for %} and {% block %} needs its {% end... %}"
            }
            1 => {
                "the value does not exist for this page; test it first with {% if ... %}, or see themes/default/README.md for the values a template gets"
            }
            2 => "see themes/default/README.md for the values a template gets",
            _ => "see themes/default/README.md for the blocks and values of the default theme",
        }
    }

    fn missing_parent(&self, parent: &str) -> String {
        format!("this template extends `{parent}`, which does not exist")
    }

    fn template_names(&self, names: &str) -> String {
        format!("the templates are: {names}")
    }

    fn template_missing(&self, name: &str, context: &str) -> String {
        format!("the template `{name}` does not exist{context}")
    }

    fn template_problem(&self, what: &str, context: &str) -> String {
        format!("template problem: {what}{context}")
    }

    fn template_loop(&self, tag: &str, context: &str) -> String {
        format!("templates {tag} each other in a loop{context}")
    }

    fn template_loop_at(
        &self,
        closing: &str,
        include: bool,
        last: &str,
        chain: &str,
        context: &str,
    ) -> (String, String) {
        (format!("`{closing}` {} `{last}`, which leads back to it: {chain}{context}", if include { "includes" } else { "extends" }), if include { "a template cannot include itself, directly or through others; remove this {% include %} or the one that leads back here" } else { "a template cannot extend itself, directly or through others; make this {% extends %} name a template that does not lead back here (layouts usually extend base.html)" }.into())
    }

    fn cannot_start_server(&self) -> &'static str {
        "cannot start the server"
    }

    fn server_stopped(&self, err: &str) -> String {
        format!("error: the preview server stopped: {err}")
    }

    fn port_taken(&self, port: u16, instead: u16) -> String {
        format!(
            "port {port} is in use (another malbild serve?), so the site is served on port {instead} instead"
        )
    }

    fn cannot_listen(&self, address: &str) -> String {
        format!("cannot listen on {address}")
    }

    fn ports_taken(&self, from: u16, to: u16, err: &str) -> String {
        format!("ports {from} to {to} are all in use ({err}); choose another with --port")
    }

    fn wrong_host(&self) -> &'static str {
        "malbild serve answers only at the address it printed (http://127.0.0.1:…/ or http://localhost:…/).\n"
    }

    fn refuse_output(&self, why: usize, protected: &str) -> (String, String) {
        let why = match why {
            0 => "it is the project folder or contains it, and the build replaces the whole output folder".to_string(),
            1 => format!("it is inside {protected}/, which holds your work"),
            2 => "it is a file, not a folder".to_string(),
            _ => "the folder is not empty and was not made by malbild (it has no .malbild-output file), and a build replaces everything in it".to_string(),
        };
        (
            format!("refusing to write the site here: {why}"),
            "pick another folder with --output, for example --output output".into(),
        )
    }

    fn cannot_read_output(&self, err: &str) -> String {
        format!("cannot read the output folder: {err}")
    }

    fn cannot_lock(&self, lock: &str, err: &str, output: &str) -> String {
        format!("cannot lock {lock} ({err}); is another malbild building into {output}?")
    }

    fn waiting(&self, output: &str) -> String {
        format!("another malbild is building into {output}/; waiting for it to finish…")
    }

    fn recovered(&self, output: &str, old: &str) -> String {
        format!(
            "{output}/ was missing after a build that stopped halfway; put the previous one back from {old}"
        )
    }

    fn cannot_recover(&self, old: &str, out: &str) -> String {
        format!(
            "the output folder is missing after a build that stopped halfway, and the previous one could not be put back from {old}; rename that folder to {out}"
        )
    }

    fn not_ours(&self, file: &str, rel: &str, output: &str) -> String {
        format!(
            "{file} was not written by malbild, and this build would write its own {rel} in its place; move your file out of {output}, or rename the page or file in content/ that becomes {rel}"
        )
    }

    fn cannot_keep(&self, file: &str) -> String {
        format!("cannot keep {file} (a file malbild did not write) in the new output")
    }

    fn cannot_move_aside(&self, err: &str, out: &str) -> String {
        format!(
            "cannot move the previous output aside ({err}); is a file in {out} open in another program?"
        )
    }

    fn cannot_move_in(&self, err: &str) -> String {
        format!("cannot move the new output into place: {err}")
    }

    fn cannot_do(&self, what: usize, path: &str) -> String {
        match what {
            0 => format!("cannot write in {path}"),
            1 => format!("cannot clear {path}"),
            2 => format!("cannot read {path}"),
            3 => format!("cannot remove {path}"),
            _ => format!("cannot create a scratch folder in {path}"),
        }
    }

    fn import_word(&self, word: crate::words::ImportWord) -> &'static str {
        match word {
            crate::words::ImportWord::NotWord => "is not a Word document (.docx)",
            crate::words::ImportWord::Encrypted => {
                "is password-protected (encrypted), and malbild cannot read it"
            }
            crate::words::ImportWord::OldDoc => {
                "is an old Word document (.doc, Word 97–2003), not .docx"
            }
            crate::words::ImportWord::FixEncrypted => {
                "open the file in Word, remove the password (File > Info > Protect Document > Encrypt with Password, empty the box), save and import again"
            }
            crate::words::ImportWord::FixOldDoc => {
                "open the file in Word and save it as .docx (File > Save As > Word Document), and import the new file"
            }
            crate::words::ImportWord::FixOther => {
                "open the file in Word and save it as .docx (File > Save As > Word Document); a PDF or a text file cannot be imported"
            }
            crate::words::ImportWord::Chart => {
                "a chart cannot be converted; save it as an image with alternative text, or describe it in a table"
            }
            crate::words::ImportWord::SmartArt => {
                "a SmartArt graphic cannot be converted; write its content as a list or save the graphic as an image with alternative text"
            }
            crate::words::ImportWord::Equation => {
                "an equation cannot be converted; write it as text"
            }
            crate::words::ImportWord::Endnote => {
                "an endnote cannot be converted; make it a footnote in Word"
            }
            crate::words::ImportWord::NoteInlined => {
                "a footnote in a goal area or a success factor is in brackets in the text (a Markdown footnote does not work there); see whether it should stay"
            }
            crate::words::ImportWord::Toc => {
                "the table of contents is not imported: the site and the print page make their own"
            }
            crate::words::ImportWord::NestedTable => {
                "a table in a table cannot be converted; split it into two tables"
            }
            crate::words::ImportWord::UnknownObject => {
                "an embedded object or a shape cannot be converted; replace it with text or an image"
            }
            crate::words::ImportWord::LinkedImage => {
                "a linked image is not in the file; insert the image into the document instead"
            }
        }
    }

    fn import_bad_file(&self, file: &str, problem: &str, fix: &str) -> String {
        format!("{file} {problem}\n  = what to do: {fix}")
    }

    fn import_cannot_read(&self, file: &str, why: &str) -> String {
        format!(
            "cannot read {file}: {why}\n  = what to do: check that the file exists and that you may read it"
        )
    }

    fn import_broken(&self, file: &str, why: &str) -> String {
        format!(
            "{file} is a damaged Word document ({why})\n  = what to do: open the file in Word, save it as a new .docx and import that"
        )
    }

    fn import_bad_target(&self, target: &str) -> String {
        format!(
            "`{target}` is not REGION/SLUG\n  = what to do: write the region's folder and the publication's folder with a slash between, e.g. `kalmar/nara-vard-2023`, in letters, digits and hyphens"
        )
    }

    fn import_no_content(&self, root: &str) -> String {
        format!(
            "there is no content folder in {root}\n  = what to do: run the command in the project folder, pass --root, or start with `malbild new site DIR`"
        )
    }

    fn import_exists(&self, dir: &str) -> String {
        format!(
            "{dir} already exists and is not empty; malbild import never overwrites anything\n  = what to do: choose a new name for the publication's folder, or move the old one away"
        )
    }

    fn import_cannot_write(&self, path: &str, why: &str) -> String {
        format!("cannot write {path}: {why}")
    }

    fn import_empty(&self, file: &str) -> String {
        format!("{file} has no text to import\n  = what to do: check that it is the right file")
    }

    fn import_inserted(&self, text: &str) -> String {
        format!(
            "tracked change: inserted text “{text}” is left out (the text is imported as it was before the changes); accept or reject the change in Word, or type it in yourself"
        )
    }

    fn import_deleted(&self, text: &str) -> String {
        format!(
            "tracked change: deleted text “{text}” is still there (the text is imported as it was before the changes); remove it if the change should stand"
        )
    }

    fn import_comment(&self, text: &str) -> String {
        format!(
            "comment: “{text}” – comments are not imported; see whether the text needs a change"
        )
    }

    fn import_no_alt(&self, name: &str) -> String {
        format!(
            "the image {name} has no alternative text: write what it shows between the brackets of ![](…), or in Word under Alt Text"
        )
    }

    fn import_text_box(&self, text: &str) -> String {
        format!(
            "a text box (“{text}”) cannot be converted; write its text as an ordinary paragraph"
        )
    }

    fn import_image_format(&self, name: &str) -> String {
        format!(
            "the image {name} is in a format browsers do not show and is left out; save it as PNG or JPEG and insert it with alternative text"
        )
    }

    fn import_place(&self, file: &str, heading: Option<&str>, number: usize) -> String {
        match heading {
            Some(h) => format!("{file}, under “{h}” (paragraph {number})"),
            None => format!("{file} (paragraph {number})"),
        }
    }

    fn import_imported(&self, file: &str, dir: &str, parts: usize) -> String {
        format!("imported {file} into {dir} ({parts} parts)")
    }

    fn import_review(&self, n: usize) -> String {
        match n {
            0 => "nothing to review in the Word document".into(),
            1 => "1 thing to review:".into(),
            n => format!("{n} things to review:"),
        }
    }

    fn import_checks(&self, n: usize) -> String {
        match n {
            0 => "malbild check found no problems in the new pages".into(),
            1 => "malbild check found 1 problem in the new pages:".into(),
            n => format!("malbild check found {n} problems in the new pages:"),
        }
    }

    fn import_next(&self, program: &str) -> String {
        format!(
            "read through the Markdown files, check date in _index.md (it is the day the Word file was made), fill in what is missing (e.g. horizon, summary, themes, description) and preview with `{program} serve`"
        )
    }

    fn pdf_why(&self, what: usize, program: &str, detail: &str) -> String {
        match what {
            0 => format!("{program} cannot be made into a file URL"),
            1 => format!("cannot make a temporary folder for the browser: {detail}"),
            2 => format!("{program} could not be started: {detail}"),
            3 => format!("{program} did not finish within {detail} seconds and was stopped"),
            4 => format!("waiting for {program} failed: {detail}"),
            5 => format!("{program} wrote no PDF"),
            _ => format!("{program} stopped with {detail}"),
        }
    }

    fn pdf_said(&self, said: &str) -> String {
        format!("; it said: {said}")
    }

    fn created(&self, path: &str) -> String {
        format!("  created {path}")
    }
}

/// `--help` in English.
pub(super) mod cli {
    use crate::words::CliWord;

    pub(crate) fn about(command: &str) -> Option<(&'static str, &'static str)> {
        Some(match command {
            "" => (
                "malbild builds the målbild publications in content/ into a website in output/.",
                "malbild builds the målbild publications in content/ into a website in output/.\n\n\
                 Write Markdown in content/, run `malbild build`, and copy the output/ folder to \
                 any web server, shared drive or file area: every link in it is relative.\n\n\
                 Messages are in Swedish unless `--lang en` or the environment variable \
                 MALBILD_LANG=en asks for English.",
            ),
            "build" => (
                "Build the website from content/ into output/.",
                "Build the website from content/ into output/.\n\n\
                 When something is wrong nothing is written, so the previous site stays as it \
                 was. Over an output/ an earlier build wrote, only the files that changed are \
                 written (the others keep their dates, for rsync or FTP); otherwise the new site \
                 is written to a fresh folder that then replaces output/. Files in output/ that \
                 malbild did not write (web.config, .htaccess, CNAME) stay. A second build into \
                 the same folder waits for the first. A build that takes more than a second \
                 shows how far it is, on a terminal only and not when the environment variable \
                 NO_COLOR is set.",
            ),
            "serve" => (
                "Preview the site in your browser while you edit.",
                "Preview the site in your browser while you edit.\n\n\
                 Builds the site, serves it at http://127.0.0.1:1111/ and rebuilds it every time \
                 you save a file in content/ or themes/; open pages show the change by themselves. When a \
                 file has an error, the browser shows it until you save a fix. A long first \
                 build shows how far it is, as `build` does. Press Ctrl+C to stop.",
            ),
            "watch" => (
                "Rebuild the site every time a file changes, without a server.",
                "Rebuild the site every time a file changes, without a server.",
            ),
            "new" => (
                "Start a new site or a new publication from a working example.",
                "Start a new site or a new publication from a working example.",
            ),
            "new site" => (
                "A new site in DIR: site.yaml, a home page and one example publication.",
                "A new site in DIR: site.yaml, a home page and one example publication.",
            ),
            "new publication" => (
                "A new publication: content/REGION/SLUG/ with _index.md and three parts.",
                "A new publication: content/REGION/SLUG/ with _index.md and three parts.",
            ),
            "check" => (
                "Check the content for problems, without writing anything.",
                "Check the content for problems, without writing anything.\n\n\
                 Reports every error the build would stop on (front matter, broken links and \
                 #fragments, templates), and warnings: heading and alt-text problems, empty \
                 headings, sections and pages, repeated sentences, stray list markers and \
                 emphasis, headings and images lost in copying, words hyphenated across lines, \
                 raw HTML and inline styles, vague link texts, and readability (LIX, long \
                 sentences; limits in site.yaml). Errors fail (exit status 1); warnings fail \
                 only with --strict.\n\n\
                 Each warning ends with the name of its check. To silence one for a paragraph, \
                 put `<!-- malbild: ignore NAME -->` on the line before it; for a page, write \
                 `check: {ignore: [NAME]}` in its front matter. README.md lists every check.",
            ),
            "import" => (
                "Make a new publication out of a Word document (.docx).",
                "Make a new publication out of a Word document (.docx).\n\n\
                 Writes content/REGION/SLUG/: _index.md with the document's title, publisher \
                 (the Company property), date and the text before the first heading, and one \
                 part per top-level heading, in order. Headings, paragraphs, bold and italic, \
                 bulleted and numbered lists, tables, links, footnotes and images are converted; \
                 a \"Vision\" heading, the areas under \"Målområden\", the factors under \
                 \"Framgångsfaktorer\" and a Från/Till table become the structured fields of \
                 their part. Nothing is overwritten: the publication folder must be new or \
                 empty.\n\n\
                 The text is imported as it was before any tracked changes. The report lists \
                 what a person must look at, each with its place: tracked changes, comments, \
                 images without alternative text, and what cannot be converted (text boxes, \
                 charts, SmartArt, equations), followed by what `malbild check` finds in the new \
                 pages. Word's own table of contents is left out (the site makes one). Old .doc \
                 files and password-protected files are refused with what to do.",
            ),
            _ => return None,
        })
    }

    pub(crate) fn arg(command: &str, arg: &str) -> Option<&'static str> {
        Some(match (command, arg) {
            (_, "help") => "Print help (a summary with -h, all of it with --help)",
            ("", "version") => "Print version",
            (_, "lang") => {
                "The language of every message: sv (Swedish, the default) or en (English); \
                 also the environment variable MALBILD_LANG"
            }
            ("import", "file") => "The Word document, e.g. malbild.docx",
            ("import", "target") => {
                "Region folder and publication folder, e.g. kalmar/nara-vard-2023"
            }
            (_, "root") => {
                "The project folder, the one that holds content/ [default: the current folder]"
            }
            (_, "output") => "Where to write the website [default: output/ in the project folder]",
            ("check", "drafts") => {
                "Also check pages marked `draft: true`, as if they were published"
            }
            (_, "drafts") => "Also build pages marked `draft: true`",
            ("check", "quiet") => "Print only the problems: no progress, no summary line",
            (_, "quiet") => {
                "Print only the problems (errors and warnings): no progress, no summary line. \
                 `serve` still prints its address"
            }
            ("build", "pdf") => {
                "Also make a PDF of each publication from its print page, with Chromium, Google \
                 Chrome or Microsoft Edge installed on this computer (found on the PATH, or \
                 named by the environment variable MALBILD_CHROMIUM). Without a browser the \
                 website is still built, and a warning says what to install"
            }
            ("serve", "port") => {
                "The port to serve on [default: 1111]; if it is taken, the next free one is used"
            }
            ("serve", "bind") => {
                "The address to serve on [default: 127.0.0.1]; anything but 127.0.0.1 lets \
                 other computers see the preview"
            }
            ("serve", "open") => "Open the site in your web browser",
            ("check", "format") => {
                "How to report: `text` for people (the default), `json` for other tools"
            }
            ("check", "strict") => "Fail (exit status 1) on warnings too, not only on errors",
            ("new site", "dir") => "The folder to create (it must not exist, or be empty)",
            ("new publication", "path") => {
                "Region folder and publication folder, e.g. skane/nara-vard-2026"
            }
            _ => return None,
        })
    }

    pub(crate) fn word(word: CliWord) -> &'static str {
        match word {
            CliWord::Usage => "Usage:",
            CliWord::Commands => "Commands:",
            CliWord::Arguments => "Arguments:",
            CliWord::Options => "Options:",
            CliWord::OptionsPlaceholder => "[OPTIONS]",
            CliWord::CommandPlaceholder => "<COMMAND>",
            CliWord::Dir => "DIR",
            CliWord::HelpCommand => "Print this message or the help of the given subcommand(s)",
        }
    }
}
