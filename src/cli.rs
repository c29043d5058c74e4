//! The command line: what a communicator types, parsed by clap.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// malbild builds the målbild publications in content/ into a website in output/.
///
/// Write Markdown in content/, run `malbild build`, and copy the output/ folder
/// to any web server, shared drive or file area: every link in it is relative.
#[derive(Debug, Parser)]
#[command(name = "malbild", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the website from content/ into output/.
    ///
    /// The new site is written to a fresh folder and only then replaces
    /// output/, so when something is wrong the previous site stays as it was.
    Build(BuildArgs),
}

/// Options of `malbild build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The project folder, the one that holds content/ [default: the current folder]
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where to write the website [default: output/ in the project folder]
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,
    /// Also build pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Also make a PDF of each publication from its print page, with Chromium,
    /// Google Chrome or Microsoft Edge installed on this computer (found on the
    /// PATH, or named by the environment variable MALBILD_CHROMIUM). Without a
    /// browser the website is still built, and a warning says what to install
    #[arg(long)]
    pub pdf: bool,
}

/// Parses `args` and runs the command; returns the exit status: 0 on success,
/// 1 when the content has errors, 2 for wrong command-line usage.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Build(args) => crate::cmd::build::run(args),
    };
    match result {
        Ok(()) => 0,
        Err(err) => {
            crate::cmd::print_error(&err);
            1
        }
    }
}
