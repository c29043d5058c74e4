//! The command line: what a communicator types, parsed by clap. What each
//! command does is `cmd`'s (which uses these definitions); this module only
//! parses.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::words::{CliWord, Words};

/// malbild builds the målbild publications in content/ into a website in output/.
///
/// The texts `--help` shows are not these doc comments but the catalogue's
/// ([`crate::words::Words::cli_about`], [`crate::words::Words::cli_arg`]),
/// in the language chosen for the run; see [`command`].
#[derive(Debug, Parser)]
#[command(name = "malbild", version, about, long_about, max_term_width = 100)]
pub(crate) struct Cli {
    /// The language of every message: sv (the default) or en; also
    /// `MALBILD_LANG`. Read before parsing by [`crate::words::from_args`],
    /// declared here so that clap accepts it and refuses other words.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "sv|en",
        env = "MALBILD_LANG",
        hide_env = true,
        hide_possible_values = true
    )]
    pub lang: Option<LangArg>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The languages `--lang` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// Swedish.
    Sv,
    /// English.
    En,
}

/// The command line as clap parses it, with every text of `--help` from
/// the catalogue of the chosen language: descriptions, option help, the
/// headings (`Användning:`, `Flaggor:` ...) through a help template, and
/// default values and choices written into the help texts.
pub(crate) fn command() -> clap::Command {
    let words = crate::words::w();
    let mut cmd = localise(Cli::command(), "", words)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(words.cli_arg("", "version").unwrap_or_default()),
        );
    cmd.build();
    finish(cmd, words)
}

/// After clap has built `cmd`: the usage lines with the catalogue's
/// placeholder for options, and the `help` commands clap added.
fn finish(mut cmd: clap::Command, words: &dyn Words) -> clap::Command {
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .split_once(": ")
        .map_or(usage.as_str(), |(_, u)| u)
        .replace("[OPTIONS]", words.cli_word(CliWord::OptionsPlaceholder));
    cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        cmd = if name == "help" {
            cmd.mut_subcommand(name, |help| {
                help.about(words.cli_word(CliWord::HelpCommand))
                    .help_template(template(words, false, false, false))
            })
        } else {
            cmd.mut_subcommand(name, |c| finish(c, words))
        };
    }
    cmd
}

/// Applies the catalogue's texts to `cmd` (named `path`, `""` for malbild)
/// and its commands.
fn localise(mut cmd: clap::Command, path: &str, words: &dyn Words) -> clap::Command {
    if let Some((about, long)) = words.cli_about(path) {
        cmd = cmd.about(about).long_about(long);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if let Some(help) = words.cli_arg(path, &id) {
            cmd = cmd.mut_arg(id, |a| {
                let mut a = a.help(help).long_help(None::<&str>);
                if a.get_value_names() == Some(&["DIR".into()]) {
                    a = a.value_name(words.cli_word(CliWord::Dir));
                }
                // Defaults and choices are written in the help texts, in words.
                if a.get_action().takes_values() {
                    a.hide_default_value(true).hide_possible_values(true)
                } else {
                    a
                }
            });
        }
    }
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .global(false)
        .help(words.cli_arg(path, "help").unwrap_or_default());
    cmd = cmd.disable_help_flag(true).arg(help);
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    let has_commands = !names.is_empty();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(name, |c| localise(c, &sub, words));
    }
    let positionals = cmd.get_positionals().next().is_some();
    cmd.help_template(template(words, has_commands, positionals, true))
        .subcommand_value_name(
            words
                .cli_word(CliWord::CommandPlaceholder)
                .trim_matches(['<', '>']),
        )
        .subcommand_help_heading(words.cli_word(CliWord::Commands).trim_end_matches(':'))
}

/// The help template: clap's own, with the catalogue's headings.
fn template(words: &dyn Words, commands: bool, positionals: bool, options: bool) -> String {
    let mut t = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}",
        words.cli_word(CliWord::Usage)
    );
    if commands {
        t.push_str(&format!(
            "\n\n{}\n{{subcommands}}",
            words.cli_word(CliWord::Commands)
        ));
    }
    if positionals {
        t.push_str(&format!(
            "\n\n{}\n{{positionals}}",
            words.cli_word(CliWord::Arguments)
        ));
    }
    if options {
        t.push_str(&format!(
            "\n\n{}\n{{options}}",
            words.cli_word(CliWord::Options)
        ));
    }
    t.push_str("{after-help}");
    t
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the website from content/ into output/.
    ///
    /// When something is wrong nothing is written, so the previous site stays
    /// as it was. Over an output/ an earlier build wrote, only the files
    /// that changed are written (the others keep their dates, for rsync or
    /// FTP); otherwise the new site is written to a fresh folder that then
    /// replaces output/.
    /// Files in output/ that malbild did not write (web.config, .htaccess,
    /// CNAME) stay. A second build into the same folder waits for the first.
    /// A build that takes more than a second shows how far it is, on a
    /// terminal only and not when the environment variable NO_COLOR is set.
    Build(BuildArgs),
    /// Preview the site in your browser while you edit.
    ///
    /// Builds the site, serves it at http://127.0.0.1:1111/ and rebuilds it
    /// every time you save a file in content/ or themes/; open pages reload by
    /// themselves. When a file has an error, the browser shows it until you
    /// save a fix. A long first build shows how far it is, as `build` does.
    /// Press Ctrl+C to stop.
    #[cfg(feature = "serve")]
    Serve(ServeArgs),
    /// Rebuild the site every time a file changes, without a server.
    #[cfg(feature = "serve")]
    Watch(WatchArgs),
    /// Start a new site or a new publication from a working example.
    #[command(subcommand)]
    New(NewCommand),
    /// Check the content for problems, without writing anything.
    ///
    /// Reports every error the build would stop on (front matter, broken
    /// links and #fragments, templates), and warnings: heading and alt-text
    /// problems, empty headings, sections and pages, repeated sentences,
    /// stray list markers and emphasis, headings and images lost in copying,
    /// words hyphenated across lines, raw HTML and inline styles, vague link
    /// texts, and readability (LIX, long sentences; limits in site.yaml).
    /// Errors fail (exit status 1); warnings fail only with --strict.
    ///
    /// Each warning ends with the name of its check. To silence one for a
    /// paragraph, put `<!-- malbild: ignore NAME -->` on the line before it;
    /// for a page, write `check: {ignore: [NAME]}` in its front matter.
    /// README.md lists every check.
    Check(CheckArgs),
    /// Make a new publication out of a Word document (.docx).
    ///
    /// Writes content/REGION/SLUG/: _index.md with the document's title,
    /// publisher (the Company property), date and the text before the first
    /// heading, and one part per top-level heading, in order. Headings,
    /// paragraphs, bold and italic, bulleted and numbered lists, tables,
    /// links, footnotes and images are converted; a "Vision" heading, the
    /// areas under "Målområden", the factors under "Framgångsfaktorer" and a
    /// Från/Till table become the structured fields of their part. Nothing is
    /// overwritten: the publication folder must be new or empty.
    ///
    /// The text is imported as it was before any tracked changes. The report
    /// lists what a person must look at, each with its place: tracked changes,
    /// comments, images without alternative text, and what cannot be converted
    /// (text boxes, charts, SmartArt, equations), followed by what `malbild
    /// check` finds in the new pages. Word's own table of contents is left
    /// out (the site makes one). Old .doc files and password-protected files
    /// are refused with what to do.
    Import(ImportArgs),
}

/// Options of `malbild import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The Word document, e.g. malbild.docx
    #[arg(value_name = "FILE.docx")]
    pub file: PathBuf,
    /// Region folder and publication folder, e.g. kalmar/nara-vard-2023
    #[arg(value_name = "REGION/SLUG")]
    pub target: String,
    /// The project folder, the one that holds content/ [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
}

/// What `malbild new` makes.
#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// A new site in DIR: site.yaml, a home page and one example publication.
    Site {
        /// The folder to create (it must not exist, or be empty)
        dir: PathBuf,
    },
    /// A new publication: content/REGION/SLUG/ with _index.md and three parts.
    Publication {
        /// Region folder and publication folder, e.g. skane/nara-vard-2026
        path: String,
        /// The project folder [default: the current folder]
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

/// The options `build`, `serve` and `watch` share.
#[derive(Debug, Args)]
pub(crate) struct SiteArgs {
    /// The project folder, the one that holds content/ [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where to write the website [default: output/ in the project folder]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also build pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Print only the problems (errors and warnings): no progress, no
    /// summary line. `serve` still prints its address
    #[arg(short, long)]
    pub quiet: bool,
}

/// Options of `malbild serve`.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Which site, and where it goes.
    #[command(flatten)]
    pub site: SiteArgs,
    /// The port to serve on; if it is taken, the next free one is used
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to serve on; anything but 127.0.0.1 lets other computers see the preview
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the site in your web browser
    #[arg(long)]
    pub open: bool,
}

/// Options of `malbild watch`.
#[cfg(feature = "serve")]
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// Which site, and where it goes.
    #[command(flatten)]
    pub site: SiteArgs,
}

/// Options of `malbild check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The project folder, the one that holds content/ [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// How to report: `text` for people, `json` for other tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail (exit status 1) on warnings too, not only on errors
    #[arg(long)]
    pub strict: bool,
    /// Also check pages marked `draft: true`, as if they were published
    #[arg(long)]
    pub drafts: bool,
    /// Print only the problems: no progress, no summary line
    #[arg(short, long)]
    pub quiet: bool,
}

/// How `malbild check` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// `file:line:column: level: message`, the line, and a hint.
    Text,
    /// One JSON object with every problem, for editors and CI.
    Json,
}

/// Options of `malbild build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Which site, and where it goes.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Also make a PDF of each publication from its print page, with Chromium,
    /// Google Chrome or Microsoft Edge installed on this computer (found on the
    /// PATH, or named by the environment variable MALBILD_CHROMIUM). Without a
    /// browser the website is still built, and a warning says what to install
    #[arg(long)]
    pub pdf: bool,
}

/// Parses `args` (the program's name first); a mistake, `--help` or
/// `--version` is printed here and its exit status returned: 2 for wrong
/// command-line usage, 0 for help and the version.
pub(crate) fn parse(args: &[OsString]) -> Result<Cli, i32> {
    match command()
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => Ok(cli),
        Err(err) => {
            match usage_error(&err, args) {
                Some(text) => eprint!("{text}"),
                None => {
                    let _ = err.print();
                }
            }
            Err(if err.use_stderr() { 2 } else { 0 })
        }
    }
}

/// A mistake on the command line in the run's language, for the mistakes a
/// communicator makes (a misspelt command or flag, a value that cannot be
/// used, something missing); `None` for help, the version and rarer
/// mistakes, which clap prints in its own (English) words.
fn usage_error(err: &clap::Error, args: &[OsString]) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let words = crate::words::w();
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let first = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    // The command the mistake was made in (`malbild new publication`): the
    // words of the line that name clap's commands, flags skipped.
    let mut command = String::from("malbild");
    let mut current = self::command();
    let mut after_lang = false;
    for arg in args.iter().skip(1).map(|a| a.to_string_lossy()) {
        if std::mem::replace(&mut after_lang, arg == "--lang") || arg.starts_with('-') {
            continue;
        }
        let Some(sub) = current.find_subcommand(arg.as_ref()).cloned() else {
            break;
        };
        command.push(' ');
        command.push_str(&arg);
        current = sub;
    }
    let (message, hint) = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            let given = text(ContextKind::InvalidSubcommand)?;
            words.usage_unknown_command(&given, first(ContextKind::SuggestedSubcommand).as_deref())
        }
        ErrorKind::UnknownArgument => {
            let given = text(ContextKind::InvalidArg)?;
            words.usage_unknown_flag(
                &given,
                &command,
                first(ContextKind::SuggestedArg).as_deref(),
            )
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let given = text(ContextKind::InvalidValue)?;
            let arg = text(ContextKind::InvalidArg)?;
            let valid = text(ContextKind::ValidValue).filter(|v| !v.is_empty());
            if given.is_empty() {
                words.usage_no_value(&arg, &command)
            } else {
                words.usage_bad_value(&given, &arg, valid.as_deref(), &command)
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = text(ContextKind::InvalidArg)?;
            words.usage_missing(&missing, &command)
        }
        _ => return None,
    };
    Some(format!(
        "{}: {message}\n  = {}: {hint}\n",
        words.error(),
        words.hint()
    ))
}
