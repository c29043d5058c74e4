//! How some of the core's types are written to the cache file between runs
//! (`crate::persist`), for `#[serde(with)]`: kept apart, below the modules
//! whose types use them, so that `persist` (which reads and writes the
//! whole caches) stays above them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::{Diagnostic, Severity};

/// `#[serde(with)]` for a list of [`Diagnostic`]s on disk.
pub(crate) mod diagnostics {
    use super::*;

    #[derive(Serialize)]
    struct One<'a> {
        path: &'a Path,
        line: usize,
        column: usize,
        error: bool,
        message: &'a str,
        hint: Option<&'a str>,
        source_line: Option<&'a str>,
        check: Option<&'static str>,
        source_from: u32,
    }

    #[derive(Deserialize)]
    struct OneIn {
        path: PathBuf,
        line: usize,
        column: usize,
        error: bool,
        message: String,
        hint: Option<String>,
        source_line: Option<String>,
        check: Option<String>,
        source_from: u32,
    }

    pub(crate) fn serialize<S: Serializer>(list: &[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(list.iter().map(|d| One {
            path: &d.path,
            line: d.line,
            column: d.column,
            error: d.severity == Severity::Error,
            message: &d.message,
            hint: d.hint.as_deref(),
            source_line: d.source_line.as_deref(),
            check: d.check.map(crate::diagnostic::Check::name),
            source_from: d.source_from,
        }))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Diagnostic>, D::Error> {
        Vec::<OneIn>::deserialize(d)?
            .into_iter()
            .map(|o| {
                let check = match o.check {
                    Some(name) => Some(
                        crate::diagnostic::Check::named(&name)
                            .ok_or_else(|| serde::de::Error::custom(format!("no check {name}")))?,
                    ),
                    None => None,
                };
                Ok(Diagnostic {
                    path: o.path,
                    line: o.line,
                    column: o.column,
                    severity: if o.error {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    message: o.message,
                    hint: o.hint,
                    source_line: o.source_line,
                    check,
                    source_from: o.source_from,
                })
            })
            .collect()
    }
}

/// `#[serde(with)]` for [`crate::render::Field::key`].
pub(crate) mod field_key {
    use super::*;

    /// Every key a field can have.
    const KEYS: &[&str] = &["summary", "goal_areas", "factors"];

    pub(crate) fn serialize<S: Serializer>(key: &&'static str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(key)
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
        let key = String::deserialize(d)?;
        KEYS.iter()
            .copied()
            .find(|k| *k == key)
            .ok_or_else(|| serde::de::Error::custom(format!("no field {key}")))
    }
}
