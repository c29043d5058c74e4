//! Content checks that do not stop a build: they become warnings.
//!
//! Each check looks at what the Markdown renderer saw (headings, images) and
//! returns diagnostics; none of them reads files or changes the site.

pub mod a11y;
