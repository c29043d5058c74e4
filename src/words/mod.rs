//! Every sentence malbild says to a person, in one catalogue per language:
//! [`sv`] (the default) and [`en`] (`--lang en` or `MALBILD_LANG=en`).
//!
//! The catalogue is the trait [`Words`]: one method per message, and one
//! `impl` of it per language, so a message missing in one language does not
//! compile. Code that says something calls [`w`] (`words::w().summary(…)`),
//! which answers in the language chosen for this run ([`set`]); the default is
//! Swedish, for the library, its tests and anything that never chooses.
//!
//! Our own small catalogue rather than fluent or rust-i18n: the messages are
//! built with Rust's `format!` from typed arguments (paths, counts, names),
//! a missing translation is a compile error instead of a run-time fallback,
//! and nothing is parsed or looked up by string at run time. Only the
//! wording lives here, never the decision of what is a problem.
//!
//! The names of the checks (`[link-text]`) and the front-matter keys stay
//! as documented in both languages.

use std::sync::atomic::{AtomicU8, Ordering};

mod en;
mod sv;

pub(crate) use en::En;
pub(crate) use sv::Sv;

/// A language malbild speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Swedish, the default.
    Sv,
    /// English.
    En,
}

/// The environment variable that chooses the language (`sv` or `en`).
pub(crate) const ENV: &str = "MALBILD_LANG";

impl Lang {
    /// `sv` or `en` (any case, surrounding spaces ignored); `None` for
    /// anything else.
    pub(crate) fn parse(word: &str) -> Option<Lang> {
        match word.trim().to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "sv_se" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "en-gb" | "en_gb" | "en-us" | "en_us" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of every message from now on (the command line
/// does, once, before it parses anything).
pub(crate) fn set(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language chosen for this run.
pub(crate) fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Sv,
    }
}

/// The language the command line asks for: the last `--lang X` or
/// `--lang=X` before a lone `--`, else `MALBILD_LANG`, else Swedish. A word
/// that is no language is left for clap to refuse (see `cli.rs`).
pub(crate) fn from_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Lang {
    let mut chosen = None;
    let mut args = args.iter().map(|a| a.as_ref().to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            if let Some(value) = args.next() {
                chosen = Lang::parse(&value).or(chosen);
            }
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            chosen = Lang::parse(value).or(chosen);
        }
    }
    chosen
        .or_else(|| std::env::var(ENV).ok().and_then(|v| Lang::parse(&v)))
        .unwrap_or(Lang::Sv)
}

/// The catalogue of the language chosen for this run.
pub(crate) fn w() -> &'static dyn Words {
    of(lang())
}

/// The catalogue of `lang`.
pub(crate) fn of(lang: Lang) -> &'static dyn Words {
    match lang {
        Lang::Sv => &Sv,
        Lang::En => &En,
    }
}

/// A number with a decimal comma in Swedish (`0,52`), a point in English.
pub(crate) fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The headings and placeholders `--help` shows around the texts of
/// [`Words::cli_about`] and [`Words::cli_arg`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CliWord {
    /// `Usage:`
    Usage,
    /// `Commands:`
    Commands,
    /// `Arguments:`
    Arguments,
    /// `Options:`
    Options,
    /// `[OPTIONS]` in the usage line.
    OptionsPlaceholder,
    /// `<COMMAND>` in the usage line.
    CommandPlaceholder,
    /// The `help` command's description.
    HelpCommand,
    /// What a folder is called in `--root <DIR>`.
    Dir,
}

/// The fixed sentences of `malbild import` ([`Words::import_word`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportWord {
    /// is not a Word document (.docx)
    NotWord,
    /// is password-protected (encrypted), and malbild cannot read it
    Encrypted,
    /// is an old Word document (.doc, Word 97–2003), not .docx
    OldDoc,
    /// open the file in Word, remove the password (File > Info > Protect Document > Encrypt with Password, empty the box), save and import again
    FixEncrypted,
    /// open the file in Word and save it as .docx (File > Save As > Word Document), and import the new file
    FixOldDoc,
    /// open the file in Word and save it as .docx (File > Save As > Word Document); a PDF or a text file cannot be imported
    FixOther,
    /// a chart cannot be converted; save it as an image with alternative text, or describe it in a table
    Chart,
    /// a SmartArt graphic cannot be converted; write its content as a list or save the graphic as an image with alternative text
    SmartArt,
    /// an equation cannot be converted; write it as text
    Equation,
    /// an endnote cannot be converted; make it a footnote in Word
    Endnote,
    /// a footnote in a goal area or a success factor is in brackets in the text (a Markdown footnote does not work there); see whether it should stay
    NoteInlined,
    /// the table of contents is not imported: the site and the print page make their own
    Toc,
    /// a table in a table cannot be converted; split it into two tables
    NestedTable,
    /// an embedded object or a shape cannot be converted; replace it with text or an image
    UnknownObject,
    /// a linked image is not in the file; insert the image into the document instead
    LinkedImage,
}

/// Every message malbild says, one method each. `sv.rs` and `en.rs` each
/// implement all of them: a message missing in one language is a compile
/// error.
#[cfg_attr(
    not(feature = "serve"),
    allow(dead_code, reason = "the messages of `serve` and `watch`")
)]
pub(crate) trait Words: Sync {
    // ---- the form of a diagnostic and the summaries ----

    /// The word before an error's message: `error`.
    fn error(&self) -> &'static str;
    /// The word before a warning's message: `warning`.
    fn warning(&self) -> &'static str;
    /// The word before a hint: `hint`.
    fn hint(&self) -> &'static str;
    /// The last error of a file that had too many: how many more there are.
    fn more_errors(&self, n: usize) -> String;
    /// Its hint.
    fn more_errors_hint(&self, shown: usize) -> String;
    /// `1 error, nothing was written`: a failed build.
    fn failed(&self, errors: usize) -> String;
    /// What follows [`Words::failed`] on the terminal after a `build`.
    fn failed_also(&self, warnings: usize) -> String;
    /// What follows [`Words::failed`] in `serve` and `watch`.
    fn failed_in_serve(&self) -> &'static str;
    /// `2 errors, 1 warning`, or that nothing was found (`check`'s last line).
    fn summary(&self, errors: usize, warnings: usize) -> String;
    /// How many more warnings there are than `build` shows.
    fn more_warnings(&self, hidden: usize) -> String;
    /// The line after a successful `build`.
    #[allow(clippy::too_many_arguments)]
    fn built(
        &self,
        pages: usize,
        pdfs: usize,
        files: usize,
        written: Option<(usize, usize)>,
        seconds: f64,
        output: &str,
        warnings: usize,
    ) -> String;
    /// A bug of malbild's own (a panic).
    fn internal(
        &self,
        file: Option<&str>,
        message: &str,
        location: Option<&str>,
        output_unchanged: bool,
    ) -> String;

    // ---- serve, watch, progress ----

    /// What `serve` and `watch` say before their first build.
    fn building(&self) -> &'static str;
    /// The name of a phase on the progress line.
    fn phase(&self, phase: crate::progress::Phase) -> &'static str;
    /// After the first build of `serve`/`watch`.
    fn built_first(&self, pages: usize, seconds: f64, output: &str) -> String;
    /// Where `serve` serves.
    fn serving(&self, url: &str) -> String;
    /// How `serve` works.
    fn serve_how(&self) -> &'static str;
    /// `--open` found no browser.
    fn no_browser(&self, err: &str, url: &str) -> String;
    /// How `watch` works.
    fn watching(&self) -> &'static str;
    /// One rebuild.
    fn rebuilt(
        &self,
        what: &str,
        ms: u128,
        rendered: usize,
        written: usize,
        removed: usize,
    ) -> String;
    /// Several files saved at once.
    fn files_changed(&self, n: usize) -> String;
    /// The title of the browser's error panel.
    fn panel_title(&self) -> &'static str;
    /// The last line of the browser's error panel.
    fn panel_footer(&self) -> &'static str;
    /// The watcher could not watch a folder.
    fn cannot_watch(&self, what: &str) -> String;

    // ---- --help ----

    /// The one-line and the long description of a command: `""` is malbild
    /// itself, `"new site"` a command under `new`. `None` for a command
    /// the catalogue does not know (a test asks for every one).
    fn cli_about(&self, command: &str) -> Option<(&'static str, &'static str)>;
    /// The help of an option or argument of `command`, by its clap id
    /// (`root`, `pdf`, `help`...), default values and choices written out.
    fn cli_arg(&self, command: &str, arg: &str) -> Option<&'static str>;
    /// The headings and placeholders of `--help`.
    fn cli_word(&self, word: CliWord) -> &'static str;

    // ---- links ----

    /// A link or image to a path on the writer's computer; `example` is `![stem](name)`.
    fn local_path(&self, dest: &str, example: &str) -> (String, String);
    /// `[text](a target with spaces)` stayed text; `page` is the page it likely means.
    fn spaced(
        &self,
        written: &str,
        image: bool,
        head: &str,
        dest: &str,
        page: Option<&str>,
    ) -> (String, String);
    /// A link with a scheme other than http, https, mailto, tel.
    fn refused_scheme(&self, dest: &str, scheme: &str) -> (String, String);
    /// An address in raw HTML (`<name>`'s attribute `value`) with a refused scheme.
    fn html_refused_scheme(&self, name: &str, value: &str, scheme: &str) -> (String, String);
    /// The build note when `site.yaml` has no `base_url` (no sitemap, no robots.txt).
    fn no_base_url(&self) -> String;
    /// A `base_url` that is not a web address.
    fn bad_base_url(&self, url: &str) -> (String, String);
    /// A page whose folder has no `_index.md` (`missing`, from content/);
    /// `region`: the folder is a region's.
    fn folder_without_index(&self, folder: &str, missing: &str, region: bool) -> (String, String);
    /// A file name that makes no web address.
    fn no_address_from_name(&self) -> (String, String);
    /// Two pages with one address (`other` is the first page, `out` the file).
    fn pages_same_address(&self, other: &str, out: &str) -> (String, String);
    /// A content file and a page with one address.
    fn file_and_page_same_address(&self, page: &str, out: &str) -> (String, String);
    /// A command that does not exist (`malbild biuld`), and clap's suggestion.
    fn usage_unknown_command(&self, given: &str, suggested: Option<&str>) -> (String, String);
    /// A flag `command` does not have, and clap's suggestion.
    fn usage_unknown_flag(
        &self,
        given: &str,
        command: &str,
        suggested: Option<&str>,
    ) -> (String, String);
    /// A value `arg` cannot take; `valid`: the values it can.
    fn usage_bad_value(
        &self,
        given: &str,
        arg: &str,
        valid: Option<&str>,
        command: &str,
    ) -> (String, String);
    /// A flag written without its value (`--root` at the end).
    fn usage_no_value(&self, arg: &str, command: &str) -> (String, String);
    /// Arguments `command` needs and did not get.
    fn usage_missing(&self, missing: &str, command: &str) -> (String, String);
    /// The build's line about the search index: its size, its files and the largest.
    fn search_summary(&self, size: &str, files: usize, largest: &str) -> String;
    /// A page that would take the search page's address (`sok/`).
    fn search_page_taken(&self) -> (String, String);
    /// A link that leads out of content/.
    fn link_outside(&self, dest: &str) -> (String, String);
    /// A link to a draft page.
    fn link_to_draft(&self, dest: &str) -> (String, String);
    /// A link to a file that does not exist.
    fn link_missing(&self, dest: &str, target: &str) -> String;
    /// Hint: a web address without https://.
    fn link_www(&self, dest: &str) -> String;
    /// Hint: the file a broken link likely means.
    fn link_near(&self, file: &str) -> String;
    /// Hint: a broken link with no near file.
    fn link_spelling(&self) -> &'static str;
    /// A link without text.
    fn link_no_text(&self) -> (&'static str, &'static str);
    /// A link text such as “här” that does not say where the link leads.
    fn link_vague(&self, text: &str) -> (String, &'static str);
    /// ` and 3 more` after a list cut short.
    fn and_more(&self, n: usize) -> String;
    /// Hint: the #fragment a link likely means.
    fn fragment_near(&self, id: &str) -> String;
    /// Hint: the target page has no headings.
    fn fragment_no_headings(&self) -> &'static str;
    /// Hint: the ids the target page has.
    fn fragment_ids(&self, ids: &str) -> String;
    /// A link to a #fragment the target page does not have; `page` is the title of another page, `None` for this one.
    fn fragment_missing(&self, dest: &str, fragment: &str, page: Option<&str>) -> String;

    // ---- checks: headings, images, tables, structure, HTML ----

    /// A second `#` heading.
    fn second_h1(&self) -> (String, String);
    /// A heading that skips a level; `use_` is the right `###`.
    fn heading_skip(&self, from: u8, to: u8, use_: &str) -> (String, String);
    /// An image without alternative text.
    fn alt_missing(&self) -> (String, String);
    /// An alternative text that is a file name.
    fn alt_file_name(&self, alt: &str) -> (String, String);
    /// A table without a name.
    fn table_caption(&self) -> (String, String);
    /// A heading without text.
    fn empty_heading(&self) -> (String, String);
    /// Nothing under a heading; `next` is the heading right after it, `None` at the end of the page.
    fn empty_section(&self, title: &str, next: Option<&str>) -> (String, String);
    /// A page without text.
    fn empty_page(&self) -> (String, String);
    /// Raw HTML that loads something from another host.
    fn third_party_tag(&self, name: &str, url: &str) -> (String, String);
    /// Raw HTML with `style=`.
    fn inline_style(&self, name: &str) -> (String, String);
    /// Raw HTML in Markdown.
    fn raw_html(&self, first: &str) -> (String, String);
    /// An image from another host.
    fn third_party_image(&self, dest: &str) -> (String, String);

    // ---- checks: text ----

    /// A front-matter value in curly quotes, which would be published.
    fn curly_quotes(&self, key: Option<&str>, inner: &str, straight: &str) -> (String, String);
    /// A line that looks like the place of a lost image.
    fn lost_image(&self, line: &str) -> (String, String);
    /// A line that looks like a heading that became text.
    fn flat_heading(&self, first: &str) -> (String, String);
    /// A word split across two lines with a hyphen.
    fn hyphenated(&self, before: &str, after: &str) -> (String, String);
    /// Hint of every repeat.
    fn repeated_hint(&self) -> &'static str;
    /// A paragraph that repeats an earlier one.
    fn repeated_paragraph(&self, line: usize) -> String;
    /// Where a sentence came first: in a front-matter field or the text.
    fn repeated_place(&self, key: Option<&str>, line: usize) -> String;
    /// A sentence that came before, at `place`.
    fn repeated_sentence(&self, start: &str, place: &str) -> String;
    /// A sentence repeated `count` times in a row, and maybe already at `place`.
    fn repeated_run(&self, start: &str, count: usize, place: Option<&str>) -> String;
    /// An empty list item.
    fn empty_list_item(&self) -> (String, String);
    /// A bullet character pasted as text.
    fn pasted_bullet(&self, bullet: char) -> (String, String);
    /// A list number that lost its place.
    fn lost_number(&self, marker: &str, stray: &str) -> (String, String);
    /// A line that starts like a numbered item inside a paragraph.
    fn number_in_paragraph(&self, marker: &str) -> (String, String);
    /// An emphasis mark that does not close.
    fn unclosed_emphasis(&self, mark: &str) -> (String, String);

    // ---- checks: readability, silencing ----

    /// A sentence over the limit.
    fn long_sentence(&self, start: &str, n: usize, max: usize) -> (String, String);
    /// A text over the LIX limit; `lines` are where the longest sentences start.
    fn lix(
        &self,
        lix: f64,
        max: u32,
        per_sentence: f64,
        long_share: f64,
        lines: &str,
    ) -> (String, String);
    /// Hint for a name that is no check.
    fn unknown_check_hint(&self, near: Option<&str>, names: &str) -> String;
    /// `check: ignore` names something that is not a check.
    fn ignore_not_a_check(&self, name: &str) -> String;
    /// A `<!-- malbild: ... -->` comment that is not `ignore`.
    fn unknown_comment(&self, directive: &str) -> (String, String);
    /// An ignore comment names something that is not a check.
    fn comment_not_a_check(&self, name: &str) -> String;
    /// More findings of one check on one page than are listed.
    fn more_of_check(&self, n: usize, max: usize) -> (String, String);

    // ---- reading content/ ----

    /// A file or folder whose name starts with `#`, which is skipped.
    fn misnamed(&self, is_dir: bool, better: &str) -> (String, String);
    /// There is no content/ folder.
    fn no_content(&self, root: &str) -> (String, String);
    /// A folder link that leads to a folder holding it.
    fn link_loop(&self) -> &'static str;
    /// A file or folder that cannot be read.
    fn cannot_read(&self, why: &str) -> String;
    /// Hint: a file in the walk cannot be read.
    fn cannot_read_link_hint(&self) -> &'static str;
    /// Hint: a file cannot be read.
    fn cannot_read_hint(&self) -> &'static str;
    /// A file link that leads out of the project.
    fn link_outside_project(&self, real: &str, shown: &str) -> (String, String);
    /// A file link to nothing (`why` is `None`), or one that cannot be followed.
    fn link_nowhere(&self, target: &str, why: Option<&str>) -> String;
    /// Hint of [`Words::link_nowhere`].
    fn link_nowhere_hint(&self) -> &'static str;
    /// Why a file cannot be read: `other` is the system's words.
    fn io_reason(&self, kind: Option<std::io::ErrorKind>, other: &str) -> String;
    /// A file saved as UTF-16 that is broken here.
    fn utf16_broken(&self) -> (String, String);
    /// A .md file that is not text.
    fn not_text(&self) -> (String, String);
    /// A file that is not UTF-8.
    fn not_utf8(&self) -> (String, String);

    // ---- the accessibility statement ----

    /// A page at the statement's address.
    fn statement_taken(&self, url: &str) -> (String, String);
    /// A message about the text of a front-matter or site.yaml key.
    fn in_key(&self, message: &str, key: &str) -> String;
    /// Hint of a broken link in site.yaml.
    fn site_yaml_link_hint(&self, hint: &str) -> String;
    /// A statement date that is not YYYY-MM-DD.
    fn statement_date(&self, key: &str, value: &str) -> (String, String);
    /// The `n`th fact DIGG requires (0 owner, 1 compliance, 2 contact, 3 date): what it is in words, and what to add to site.yaml.
    fn statement_fact(&self, n: usize) -> (&'static str, &'static str);
    /// `a, b, or c`.
    fn join_or(&self, items: &[&str]) -> String;
    /// The statement lacks facts DIGG requires.
    fn statement_missing(&self, what: &str, add: &str) -> (String, String);
    /// Hint for a broken audit record.
    fn audit_hint(&self) -> &'static str;
    /// An audit record whose date is not YYYY-MM-DD.
    fn audit_date(&self, value: &str) -> String;

    // ---- pages malbild makes ----

    /// A theme file where a page goes.
    fn theme_file_over_page(&self, rel: &str) -> (String, String);
    /// A content file where a theme file goes.
    fn file_over_theme_file(&self, to: &str) -> (String, String);
    /// A page malbild makes: 0 the 404 page, 1 the accessibility statement, 2 the print page of `publication`, 4 the feed, 5 the sitemap, else any.
    fn made_page(&self, which: usize, publication: &str) -> String;
    /// A content file that would replace a page malbild makes.
    fn file_over_made_page(&self, made: &str, to: &str) -> (String, String);
    /// Two output files whose names differ only in case.
    fn case_twins(&self, first: &str, second: &str) -> (String, String);
    /// `theme:` or `language:` in site.yaml that is a path.
    fn name_not_path(&self, key: &str, value: &str, default: &str) -> (String, String);
    /// A page asks for a template the theme does not have.
    fn no_template(&self, name: &str, names: &str) -> (String, String);
    /// The theme has no template for a page.
    fn no_page_template(&self, wanted: &str) -> (String, String);
    /// A page where the print page of a publication goes.
    fn print_taken(&self, publication: &str, path: &str) -> (String, String);
    /// The print page could not be made (a bug).
    fn print_failed(&self, why: &str) -> (String, String);

    // ---- pages across regions, PDFs ----

    /// A page at the address of the comparison or a theme page.
    fn across_taken(&self, path: &str) -> (String, String);
    /// A theme word site.yaml does not list; `near` is the listed word it likely means, `words` all of them.
    fn theme_word(
        &self,
        word: &str,
        near: Option<&str>,
        slug: &str,
        label: &str,
        words: &str,
    ) -> (String, String);
    /// No PDF: the scratch folder could not be made.
    fn pdf_no_scratch(&self, why: &str) -> (String, String);
    /// The PDF of one publication failed.
    fn pdf_failed(&self, why: &str, print: &str) -> (String, String);
    /// MALBILD_CHROMIUM names no program.
    fn pdf_bad_env(&self, env: &str, value: &str) -> (String, String);
    /// No browser to make PDFs with.
    fn pdf_no_browser(&self) -> (String, String);

    // ---- themes and templates ----

    /// Themes that extend each other in a circle.
    fn theme_circle(&self, name: &str) -> (String, String);
    /// A theme given as a path.
    fn theme_path(&self, name: &str) -> (String, String);
    /// A theme that does not exist.
    fn no_theme(&self, name: &str, names: &str) -> (String, String);
    /// A theme folder that links out of the project.
    fn theme_outside(&self, real: &str) -> (String, String);
    /// A theme without texts for the site's language.
    fn theme_no_language(&self, language: &str) -> (String, String);
    /// After a template error: the page being made.
    fn while_making(&self, page: &str) -> String;
    /// A Tera syntax or rendering error; `message` is Tera's own (English).
    fn template_error(&self, syntax: bool, message: &str, context: &str) -> String;
    /// Hint of a template error: 0 syntax, 1 a missing value, 2 any other, 3 across templates.
    fn template_hint(&self, which: usize) -> &'static str;
    /// A template that extends one that does not exist.
    fn missing_parent(&self, parent: &str) -> String;
    /// Hint: the templates there are.
    fn template_names(&self, names: &str) -> String;
    /// A template that does not exist.
    fn template_missing(&self, name: &str, context: &str) -> String;
    /// Any other template problem; `what` is Tera's words.
    fn template_problem(&self, what: &str, context: &str) -> String;
    /// Templates that include or extend each other (no more known).
    fn template_loop(&self, tag: &str, context: &str) -> String;
    /// The template that closes a loop of includes or extends.
    fn template_loop_at(
        &self,
        closing: &str,
        include: bool,
        last: &str,
        chain: &str,
        context: &str,
    ) -> (String, String);

    // ---- new: what it says ----

    /// A comment of the starter files `malbild new` writes (after `# `), by its name in `scaffold.rs`; `None` for a name the catalogue lacks.
    fn starter_comment(&self, key: &str) -> Option<&'static str>;
    /// `new` into a folder that has files.
    fn new_not_empty(&self, dir: &str) -> String;
    /// A folder could not be made.
    fn cannot_create(&self, path: &str) -> String;
    /// A file could not be written.
    fn cannot_write(&self, path: &str) -> String;
    /// `new publication` not given REGION/SLUG.
    fn new_not_region_slug(&self) -> &'static str;
    /// A folder name `new publication` cannot use.
    fn new_bad_folder(&self, part: &str) -> String;
    /// `new publication` outside a project.
    fn new_no_content(&self, root: &str) -> String;
    /// What `new site` says last: how to preview.
    fn new_site_done(&self, shown: &str, run: &str, content: &str) -> String;
    /// What `new publication` says last.
    fn new_publication_done(&self, program: &str) -> String;

    // ---- the preview server ----

    /// The preview server could not start.
    fn cannot_start_server(&self) -> &'static str;
    /// The preview server stopped.
    fn server_stopped(&self, err: &str) -> String;
    /// The port asked for is taken; the next free one is used.
    fn port_taken(&self, port: u16, instead: u16) -> String;
    /// The server cannot listen on an address.
    fn cannot_listen(&self, address: &str) -> String;
    /// Every port tried is taken.
    fn ports_taken(&self, from: u16, to: u16, err: &str) -> String;
    /// The answer to a request with another `Host`.
    fn wrong_host(&self) -> &'static str;

    // ---- the output folder ----

    /// The output folder malbild will not write into: 0 the project folder, 1 inside `protected`/, 2 a file, 3 a folder it did not make.
    fn refuse_output(&self, why: usize, protected: &str) -> (String, String);
    /// The output folder cannot be read.
    fn cannot_read_output(&self, err: &str) -> String;
    /// The lock beside the output folder cannot be taken.
    fn cannot_lock(&self, lock: &str, err: &str, output: &str) -> String;
    /// Another build writes into the same folder.
    fn waiting(&self, output: &str) -> String;
    /// The previous output put back after a build that stopped halfway.
    fn recovered(&self, output: &str, old: &str) -> String;
    /// The previous output could not be put back.
    fn cannot_recover(&self, old: &str, out: &str) -> String;
    /// A file malbild did not write where it would write its own.
    fn not_ours(&self, file: &str, rel: &str, output: &str) -> String;
    /// A file malbild did not write could not be kept.
    fn cannot_keep(&self, file: &str) -> String;
    /// The previous output could not be moved aside.
    fn cannot_move_aside(&self, err: &str, out: &str) -> String;
    /// The new output could not be moved into place.
    fn cannot_move_in(&self, err: &str) -> String;
    /// A file operation failed: 0 write in, 1 clear, 2 read, 3 remove, 4 make a scratch folder in.
    fn cannot_do(&self, what: usize, path: &str) -> String;

    // ---- import ----

    /// A fixed sentence of `malbild import`.
    fn import_word(&self, word: crate::words::ImportWord) -> &'static str;
    /// `FILE problem`, and what to do.
    fn import_bad_file(&self, file: &str, problem: &str, fix: &str) -> String;
    /// The document cannot be read.
    fn import_cannot_read(&self, file: &str, why: &str) -> String;
    /// The XML inside the document is broken.
    fn import_broken(&self, file: &str, why: &str) -> String;
    /// REGION/SLUG is not two folder names.
    fn import_bad_target(&self, target: &str) -> String;
    /// There is no content/ for `import`.
    fn import_no_content(&self, root: &str) -> String;
    /// The publication folder exists and has files.
    fn import_exists(&self, dir: &str) -> String;
    /// A file of `import` could not be written.
    fn import_cannot_write(&self, path: &str, why: &str) -> String;
    /// The document has no text.
    fn import_empty(&self, file: &str) -> String;
    /// Text inserted while tracking changes (left out).
    fn import_inserted(&self, text: &str) -> String;
    /// Text deleted while tracking changes (kept).
    fn import_deleted(&self, text: &str) -> String;
    /// A comment in the document.
    fn import_comment(&self, text: &str) -> String;
    /// An image without alternative text.
    fn import_no_alt(&self, name: &str) -> String;
    /// A text box.
    fn import_text_box(&self, text: &str) -> String;
    /// An image in a format browsers do not show.
    fn import_image_format(&self, name: &str) -> String;
    /// Where in the document: part file and heading, or paragraph number.
    fn import_place(&self, file: &str, heading: Option<&str>, number: usize) -> String;
    /// The first line of the report.
    fn import_imported(&self, file: &str, dir: &str, parts: usize) -> String;
    /// The heading of the review list.
    fn import_review(&self, n: usize) -> String;
    /// The heading of the checks on the new pages.
    fn import_checks(&self, n: usize) -> String;
    /// What to do last.
    fn import_next(&self, program: &str) -> String;

    // ---- the PDF step, what went wrong ----

    /// Why Chromium made no PDF: 0 no file URL for `program` (a page), 1 no temporary folder, 2 could not start, 3 timed out after `detail` seconds, 4 waiting failed, 5 wrote no PDF, 6 stopped with `detail` (a status).
    fn pdf_why(&self, what: usize, program: &str, detail: &str) -> String;
    /// What the browser said last, after [`Words::pdf_why`].
    fn pdf_said(&self, said: &str) -> String;

    // ---- new ----

    /// A file `new` made.
    fn created(&self, path: &str) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_comes_from_the_option_then_the_environment() {
        assert_eq!(from_args(&["malbild", "--lang", "en", "build"]), Lang::En);
        assert_eq!(from_args(&["malbild", "build", "--lang=EN"]), Lang::En);
        assert_eq!(
            from_args(&["malbild", "--lang", "en", "--lang", "sv"]),
            Lang::Sv
        );
        assert_eq!(
            from_args(&["malbild", "--", "--lang", "en"]),
            from_args(&["malbild"])
        );
        assert_eq!(Lang::parse(" Svenska "), Some(Lang::Sv));
        assert_eq!(Lang::parse("fi"), None);
    }

    /// The names of the `fn`s in the block of `text` that starts with
    /// `start` (up to the first `}` at the start of a line), sorted.
    fn fns(text: &str, start: &str) -> Vec<String> {
        let from = text.find(start).expect(start);
        let block = &text[from..];
        let block = &block[..block.find("\n}\n").unwrap_or(block.len())];
        let mut names: Vec<String> = block
            .split("fn ")
            .skip(1)
            .filter_map(|rest| rest.split(['(', '<']).next())
            .map(str::to_string)
            .collect();
        names.sort();
        names
    }

    /// The compiler already refuses a language without every message; this
    /// says which, and also that no message has a default in the trait
    /// (which would let a language leave it out).
    #[test]
    fn both_catalogues_have_every_message() {
        let all = fns(include_str!("mod.rs"), "pub(crate) trait Words");
        let trait_text = &include_str!("mod.rs")[include_str!("mod.rs")
            .find("pub(crate) trait Words")
            .unwrap()..];
        let trait_text = &trait_text[..trait_text.find("\n}\n").unwrap()];
        assert!(
            !trait_text
                .lines()
                .any(|l| l.trim_start().starts_with("fn ") && l.trim_end().ends_with('{')),
            "a message with a default text in the trait"
        );
        let sv = fns(include_str!("sv.rs"), "impl Words for Sv");
        let en = fns(include_str!("en.rs"), "impl Words for En");
        let missing = |have: &[String]| -> Vec<String> {
            all.iter().filter(|n| !have.contains(n)).cloned().collect()
        };
        assert_eq!(missing(&sv), Vec::<String>::new(), "missing in sv.rs");
        assert_eq!(missing(&en), Vec::<String>::new(), "missing in en.rs");
        assert!(all.len() > 100, "{}", all.len());
    }

    /// Every command and option of `--help` has its text in both
    /// languages, and none is the same in both.
    #[test]
    fn help_has_every_command_and_option_in_both_languages() {
        fn walk(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
            for lang in [Lang::Sv, Lang::En] {
                let words = of(lang);
                if words.cli_about(path).is_none() {
                    out.push(format!("{lang:?}: the command `{path}`"));
                }
                for arg in cmd.get_arguments() {
                    let id = arg.get_id().as_str();
                    if words.cli_arg(path, id).is_none() {
                        out.push(format!("{lang:?}: `{id}` of `{path}`"));
                    }
                }
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if of(Lang::Sv).cli_arg(path, id) == of(Lang::En).cli_arg(path, id) {
                    out.push(format!("the same in both: `{id}` of `{path}`"));
                }
            }
            for sub in cmd.get_subcommands() {
                let name = sub.get_name();
                let sub_path = if path.is_empty() {
                    name.to_string()
                } else {
                    format!("{path} {name}")
                };
                walk(sub, &sub_path, out);
            }
        }
        use clap::CommandFactory;
        let mut missing = Vec::new();
        walk(&crate::cli::Cli::command(), "", &mut missing);
        assert_eq!(missing, Vec::<String>::new());
    }

    #[test]
    fn swedish_numbers_have_a_decimal_comma() {
        assert_eq!(decimal(Lang::Sv, 0.5234, 2), "0,52");
        assert_eq!(decimal(Lang::En, 0.5234, 2), "0.52");
    }
}
