//! The modules' layers (ARCHITECTURE.md, "Layers"): a module of `src/` names
//! only modules of lower layers (`crate::x`), so there are no import circles
//! (issue 13). Comments and the unit tests at the end of a file are not read:
//! a doc may point anywhere, and a test may use anything.

use std::collections::BTreeSet;
use std::path::Path;

/// Lowest first. A module may use only the modules of the layers below its
/// own. `lib` is `src/lib.rs`, the pipeline (and the items it defines, such as
/// `crate::Builder`); `crate::Config` counts as `config`, whose type it is.
const LAYERS: &[&[&str]] = &[
    &["hash", "progress"],
    &["words"],
    &["diagnostic"],
    &["config"],
    &["load", "front_matter"],
    &["change", "model", "theme"],
    &["links"],
    &["serial"],
    &["markdown", "output"],
    &["index"],
    &["render"],
    &["search"],
    &["across", "check", "print", "statement"],
    &["feed", "pdf"],
    &["persist"],
    &["lib", "scaffold"],
    &["cli", "import", "serve"],
    &["cmd"],
];

/// Uses of a higher layer that are known and not yet cut, as (user, used).
/// Remove a pair when it is cut (the test says so). The last one,
/// `render` -> `search`, was cut by moving what the search index is made
/// of (words, numbers, the A–Ö plan) into `index`, below `render`.
const NOT_YET_CUT: &[(&str, &str)] = &[];

/// The layer of module `name`.
fn layer(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&name))
}

/// The module a `crate::` path that starts with `name` names; `next` is what
/// follows the name (`::` for a path into a module).
fn module_of(name: &str, next: &str) -> &'static str {
    if (next.starts_with("::") || !matches!(name, "build" | "check" | "prepare" | "run"))
        && let Some(m) = LAYERS.iter().flat_map(|l| l.iter()).find(|m| **m == name)
    {
        return m;
    }
    if name == "Config" { "config" } else { "lib" }
}

/// `text` without comments and without the unit tests at its end.
fn code_of(text: &str) -> String {
    let text = match text.find("\n#[cfg(test)]\nmod ") {
        Some(end) => &text[..end],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::` use of `code`: (line, the module named).
fn uses(code: &str) -> Vec<(usize, &'static str)> {
    let mut out = Vec::new();
    for (i, line) in code.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `crate::{a::B, C}`: the first name of each item (on one
                // line, as rustfmt writes short groups).
                let inner = group.split('}').next().unwrap_or_default();
                for item in inner.split(',') {
                    let item = item.trim();
                    let end = item
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(item.len());
                    if end > 0 {
                        out.push((i + 1, module_of(&item[..end], &item[end..])));
                    }
                }
                continue;
            }
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            if end > 0 {
                out.push((i + 1, module_of(&rest[..end], &rest[end..])));
            }
        }
    }
    out
}

/// Every `.rs` file under `dir`, with the module it belongs to.
fn files(src: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(src, &path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let rel = path
                .strip_prefix(src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let module = rel
                .split('/')
                .next()
                .unwrap()
                .trim_end_matches(".rs")
                .to_string();
            if module != "main" {
                out.push((rel, module));
            }
        }
    }
}

/// What `src` breaks of the layers: one line per use of a module that is
/// not below the user's layer.
fn breaches(src: &Path) -> (Vec<String>, BTreeSet<(String, String)>) {
    let mut all = Vec::new();
    files(src, src, &mut all);
    let mut found = Vec::new();
    let mut used_above = BTreeSet::new();
    for (rel, module) in &all {
        let Some(own) = layer(module) else {
            found.push(format!(
                "src/{rel}: module `{module}` has no layer; add it to LAYERS here and to \"Layers\" in ARCHITECTURE.md"
            ));
            continue;
        };
        let code = code_of(&std::fs::read_to_string(src.join(rel)).unwrap());
        for (line, used) in uses(&code) {
            if used == module {
                continue;
            }
            let Some(theirs) = layer(used) else { continue };
            if theirs < own {
                continue;
            }
            used_above.insert((module.clone(), used.to_string()));
            if NOT_YET_CUT.contains(&(module.as_str(), used)) {
                continue;
            }
            let how = if theirs == own {
                "its own layer"
            } else {
                "a higher layer"
            };
            found.push(format!(
                "src/{rel}:{line}: `{module}` uses `{used}`, of {how}"
            ));
        }
    }
    (found, used_above)
}

#[test]
fn modules_use_only_lower_layers() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let (found, used_above) = breaches(&src);
    assert!(found.is_empty(), "layers broken:\n{}", found.join("\n"));
    for (user, used) in NOT_YET_CUT {
        assert!(
            used_above.contains(&(user.to_string(), used.to_string())),
            "`{user}` no longer uses `{used}`: remove the pair from NOT_YET_CUT"
        );
    }
}

#[test]
fn the_reader_sees_what_it_should() {
    // (code, the modules it names)
    let cases: &[(&str, &[&str])] = &[
        ("use crate::check::Check;", &["check"]),
        ("let d = crate::check(&config);", &["lib"]),
        (
            "use crate::{Builder, Config, Report};",
            &["lib", "config", "lib"],
        ),
        (
            "use crate::{diagnostic::Diagnostic, model};",
            &["diagnostic", "model"],
        ),
        (
            "x(crate::print::url(s, i), crate::statement::URL)",
            &["print", "statement"],
        ),
        ("// see crate::cmd::run", &[]),
        ("let a = 1; // crate::cmd", &[]),
        (
            "fn f() {}\n#[cfg(test)]\nmod tests {\n    use crate::cli::Cli;\n}",
            &[],
        ),
    ];
    for (code, want) in cases {
        let got: Vec<&str> = uses(&code_of(code)).into_iter().map(|(_, m)| m).collect();
        assert_eq!(&got, want, "{code}");
    }
}
