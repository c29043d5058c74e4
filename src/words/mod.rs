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

pub use en::En;
pub use sv::Sv;

/// A language malbild speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// Swedish, the default.
    Sv,
    /// English.
    En,
}

/// The environment variable that chooses the language (`sv` or `en`).
pub const ENV: &str = "MALBILD_LANG";

impl Lang {
    /// `sv` or `en` (any case, surrounding spaces ignored); `None` for
    /// anything else.
    pub fn parse(word: &str) -> Option<Lang> {
        match word.trim().to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "sv_se" | "svenska" | "swedish" => Some(Lang::Sv),
            "en" | "en-gb" | "en_gb" | "en-us" | "en_us" | "english" | "engelska" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's code, as `--lang` takes it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// Chooses the language of every message from now on (the command line
/// does, once, before it parses anything).
pub fn set(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language chosen for this run.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Sv,
    }
}

/// The language the command line asks for: the last `--lang X` or
/// `--lang=X` before a lone `--`, else `MALBILD_LANG`, else Swedish. A word
/// that is no language is left for clap to refuse (see `cli.rs`).
pub fn from_args<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Lang {
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
pub fn w() -> &'static dyn Words {
    of(lang())
}

/// The catalogue of `lang`.
pub fn of(lang: Lang) -> &'static dyn Words {
    match lang {
        Lang::Sv => &Sv,
        Lang::En => &En,
    }
}

/// A number with a decimal comma in Swedish (`0,52`), a point in English.
pub fn decimal(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::Sv => text.replace('.', ","),
        Lang::En => text,
    }
}

/// The headings and placeholders `--help` shows around the texts of
/// [`Words::cli_about`] and [`Words::cli_arg`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliWord {
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

/// Every message malbild says, one method each. `sv.rs` and `en.rs` each
/// implement all of them: a message missing in one language is a compile
/// error.
pub trait Words: Sync {
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

    #[test]
    fn swedish_numbers_have_a_decimal_comma() {
        assert_eq!(decimal(Lang::Sv, 0.5234, 2), "0,52");
        assert_eq!(decimal(Lang::En, 0.5234, 2), "0.52");
    }
}
