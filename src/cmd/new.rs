//! `malbild new site` and `malbild new publication`.

use crate::cli::NewCommand;
use crate::scaffold;

/// Writes the starter files and says what to do next.
pub(crate) fn run(what: NewCommand) -> anyhow::Result<()> {
    match what {
        NewCommand::Site { dir } => {
            let files = scaffold::new_site(&dir)?;
            for f in &files {
                eprintln!("{}", crate::words::w().created(&f.display().to_string()));
            }
            eprintln!("{}", scaffold::site_hint(&dir, &scaffold::command()));
        }
        NewCommand::Publication { path, root } => {
            let root = root.unwrap_or_else(|| ".".into());
            let files = scaffold::new_publication(&root, &path)?;
            for f in &files {
                eprintln!("{}", crate::words::w().created(&f.display().to_string()));
            }
            eprintln!("{}", scaffold::publication_hint(&scaffold::command()));
        }
    }
    Ok(())
}
