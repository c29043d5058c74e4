//! `malbild new site` and `malbild new publication`.

use crate::cli::NewCommand;
use crate::scaffold;

/// Writes the starter files and says what to do next.
pub fn run(what: NewCommand) -> anyhow::Result<()> {
    match what {
        NewCommand::Site { dir } => {
            let files = scaffold::new_site(&dir)?;
            for f in &files {
                eprintln!("  created {}", f.display());
            }
            eprintln!(
                "\na new site is in {dir}. Preview it with:\n\n    malbild serve --root {dir}\n\nthen edit the files in {dir}/content/ and watch the browser.",
                dir = dir.display()
            );
        }
        NewCommand::Publication { path, root } => {
            let root = root.unwrap_or_else(|| ".".into());
            let files = scaffold::new_publication(&root, &path)?;
            for f in &files {
                eprintln!("  created {}", f.display());
            }
            eprintln!(
                "\nfill in the facts in _index.md and the text of each part; `malbild serve` shows the result as you save"
            );
        }
    }
    Ok(())
}
