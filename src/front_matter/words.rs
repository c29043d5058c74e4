//! Every sentence `front_matter` (and `model`, about front matter) says to a
//! communicator, Swedish first and its English twin beside it, for the
//! message catalogue (issue 11). The language is the run's
//! (`crate::words::lang`: `--lang` or `MALBILD_LANG`); Swedish by default.

use super::{Belongs, Got, Wanted};

/// A language the messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    /// Swedish, the default.
    Sv,
    /// English.
    En,
}

/// The language of this run's messages.
pub(crate) fn lang() -> Lang {
    match crate::words::lang() {
        crate::words::Lang::En => Lang::En,
        crate::words::Lang::Sv => Lang::Sv,
    }
}

type Said = (String, String);

const ORDINALS_SV: [&str; 20] = [
    "första",
    "andra",
    "tredje",
    "fjärde",
    "femte",
    "sjätte",
    "sjunde",
    "åttonde",
    "nionde",
    "tionde",
    "elfte",
    "tolfte",
    "trettonde",
    "fjortonde",
    "femtonde",
    "sextonde",
    "sjuttonde",
    "artonde",
    "nittonde",
    "tjugonde",
];
const ORDINALS_EN: [&str; 20] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
];

/// Item `index` (from 0) of a list, counted from 1 in words:
/// `goal_areas[1]` → "det andra målområdet".
pub(crate) fn item(list: &str, index: usize) -> String {
    let (article, noun, en) = match list {
        "goal_areas" => ("det", "målområdet", "goal area"),
        "factors" => ("den", "framgångsfaktorn", "success factor"),
        "shifts" => ("det", "perspektivskiftet", "perspective shift"),
        "themes" => ("det", "temaordet", "theme word"),
        "organisations" => ("den", "organisationen", "organisation"),
        _ => ("den", "punkten", "item"),
    };
    let n = index + 1;
    let under = if noun == "punkten" {
        format!(" under `{list}:`")
    } else {
        String::new()
    };
    match lang() {
        Lang::Sv => {
            let ordinal = ORDINALS_SV.get(index).map_or_else(
                || {
                    let a = if matches!(n % 10, 1 | 2) && !matches!(n % 100, 11 | 12) {
                        "a"
                    } else {
                        "e"
                    };
                    format!("{n}:{a}")
                },
                |o| o.to_string(),
            );
            format!("{article} {ordinal} {noun}{under}")
        }
        Lang::En => {
            let ordinal = ORDINALS_EN.get(index).map_or_else(
                || {
                    let s = match (n % 10, n % 100) {
                        (1, x) if x != 11 => "st",
                        (2, x) if x != 12 => "nd",
                        (3, x) if x != 13 => "rd",
                        _ => "th",
                    };
                    format!("{n}{s}")
                },
                |o| o.to_string(),
            );
            format!("the {ordinal} {en}{under}")
        }
    }
}

/// Where in the front matter a serde path (`goal_areas[1]`, `contact`,
/// `accessibility`) is, as words after the thing: "i det andra
/// målområdet", "under `contact:`".
pub(crate) fn place(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    if let Some((list, rest)) = last.split_once('[')
        && let Ok(i) = rest.trim_end_matches(']').parse::<usize>()
    {
        let item = item(list, i);
        return match lang() {
            Lang::Sv => format!("i {item}"),
            Lang::En => format!("in {item}"),
        };
    }
    match lang() {
        Lang::Sv => format!("under `{path}:`"),
        Lang::En => format!("under `{path}:`"),
    }
}

fn within(w: &Option<String>) -> String {
    w.as_ref().map(|w| format!(" {w}")).unwrap_or_default()
}

/// A `key:` that a group of keys must have.
pub(crate) fn missing_key(key: &str, w: Option<String>) -> Said {
    let item = w.is_some();
    let w = within(&w);
    match lang() {
        Lang::Sv => (
            format!("`{key}:` saknas{w}"),
            if item {
                format!("lägg till en rad `{key}: …`, lika långt in som de andra nycklarna där")
            } else {
                format!("lägg till en rad `{key}: …`")
            },
        ),
        Lang::En => (
            format!("`{key}:` is missing{w}"),
            if item {
                format!("add a line `{key}: …`, indented as far as the other keys there")
            } else {
                format!("add a line `{key}: …`")
            },
        ),
    }
}

/// The same key twice in one group.
pub(crate) fn duplicate_key(key: &str, w: Option<String>) -> Said {
    let w = within(&w);
    match lang() {
        Lang::Sv => (
            format!("`{key}:` står två gånger{w}"),
            "ta bort den ena raden: bara en av dem kan gälla".into(),
        ),
        Lang::En => (
            format!("`{key}:` is there twice{w}"),
            "remove one of the lines: only one of them can hold".into(),
        ),
    }
}

/// A value that is not one of the words a key takes (`kind:`).
pub(crate) fn unknown_value(
    key: &str,
    value: &str,
    w: Option<String>,
    guess: Option<(bool, &str)>,
    allowed: &[&str],
) -> Said {
    let w = within(&w);
    let list = allowed.join(", ");
    match lang() {
        Lang::Sv => (
            format!("`{key}`{w} kan inte vara `{value}`"),
            match guess {
                Some((true, v)) => {
                    format!("skriv `{key}: {v}`: orden skrivs på engelska ({list})")
                }
                Some((false, v)) => format!("menade du `{v}`? Det som går: {list}"),
                None => format!("skriv ett av: {list}"),
            },
        ),
        Lang::En => (
            format!("`{key}`{w} cannot be `{value}`"),
            match guess {
                Some((true, v)) => {
                    format!("write `{key}: {v}`: the words are English ({list})")
                }
                Some((false, v)) => format!("did you mean `{v}`? The choices: {list}"),
                None => format!("write one of: {list}"),
            },
        ),
    }
}

/// What cannot be told more exactly.
pub(crate) fn unreadable(w: Option<String>) -> Said {
    let w = within(&w);
    match lang() {
        Lang::Sv => (
            format!("front matter går inte att läsa här{w}"),
            "varje rad är `nyckel: värde`; dra in punkter och nycklar under en annan nyckel med mellanslag, inte tabbar; sätt en text som har `: ` eller börjar med ett specialtecken inom raka citattecken".into(),
        ),
        Lang::En => (
            format!("the front matter cannot be read here{w}"),
            "each line is `key: value`; indent list items and keys under another key with spaces, not tabs; put a text that has `: ` or starts with a special character in straight double quotes".into(),
        ),
    }
}

/// A line indented with a tab.
pub(crate) fn tab() -> Said {
    match lang() {
        Lang::Sv => (
            "raden är indragen med tabb, och front matter får bara dras in med mellanslag".into(),
            "ta bort tabben och skriv mellanslag i stället, två per nivå".into(),
        ),
        Lang::En => (
            "the line is indented with a tab, and front matter may only be indented with spaces"
                .into(),
            "remove the tab and type spaces instead, two per level".into(),
        ),
    }
}

/// A quote that opens a text and is never closed.
pub(crate) fn unclosed_quote(key: Option<&str>, q: char, fix: &str) -> Said {
    match lang() {
        Lang::Sv => (
            match key {
                Some(k) => format!("citattecknet som börjar texten efter `{k}:` stängs aldrig, så raderna under räknas in i texten"),
                None => "citattecknet som börjar texten stängs aldrig, så raderna under räknas in i texten".into(),
            },
            format!("sätt ett likadant citattecken ({q}) sist i texten: `{fix}`"),
        ),
        Lang::En => (
            match key {
                Some(k) => format!("the quote that starts the text after `{k}:` is never closed, so the lines below are taken into the text"),
                None => "the quote that starts the text is never closed, so the lines below are taken into the text".into(),
            },
            format!("put the same quote ({q}) at the end of the text: `{fix}`"),
        ),
    }
}

/// `title: Nära vård: så gör vi`.
pub(crate) fn colon_in_text(key: Option<&str>, fix: &str) -> Said {
    match lang() {
        Lang::Sv => (
            match key {
                Some(k) => format!(
                    "texten efter `{k}:` har ett kolon följt av mellanslag, och då läses resten som en ny nyckel"
                ),
                None => {
                    "texten har ett kolon följt av mellanslag, och då läses resten som en ny nyckel"
                        .into()
                }
            },
            format!("sätt hela texten inom raka citattecken: `{fix}`"),
        ),
        Lang::En => (
            match key {
                Some(k) => format!(
                    "the text after `{k}:` has a colon followed by a space, so the rest is read as a new key"
                ),
                None => {
                    "the text has a colon followed by a space, so the rest is read as a new key"
                        .into()
                }
            },
            format!("put the whole text in straight double quotes: `{fix}`"),
        ),
    }
}

/// A key indented further than the key above it, whose text it joins.
pub(crate) fn indented_key(key: &str, above: Option<&str>, spaces: usize) -> Said {
    let above_sv = above.map_or("raden ovanför".to_string(), |a| {
        format!("`{a}:` på raden ovanför")
    });
    let above_en = above.map_or("the line above".to_string(), |a| {
        format!("`{a}:` on the line above")
    });
    let like = above.map_or(String::new(), |a| format!(" `{a}:`"));
    match lang() {
        Lang::Sv => (
            format!(
                "`{key}:` är indragen längre än {above_sv}, så den läses som en del av texten där"
            ),
            format!("börja `{key}:` lika långt in som{like} ovanför ({spaces} mellanslag)"),
        ),
        Lang::En => (
            format!(
                "`{key}:` is indented further than {above_en}, so it is read as part of the text there"
            ),
            format!("start `{key}:` as far in as{like} above ({spaces} spaces)"),
        ),
    }
}

/// A line of a `|` text not indented more than its key.
pub(crate) fn block_text_not_indented(key: &str, spaces: usize) -> Said {
    match lang() {
        Lang::Sv => (
            format!(
                "raden hör till texten efter `{key}: |` men är inte indragen längre än `{key}:`"
            ),
            format!("dra in textens rader längre än `{key}:`, t.ex. {spaces} mellanslag"),
        ),
        Lang::En => (
            format!(
                "the line belongs to the text after `{key}: |` but is not indented further than `{key}:`"
            ),
            format!("indent the text's lines further than `{key}:`, e.g. {spaces} spaces"),
        ),
    }
}

/// A line that is neither `key: value` nor indented text.
pub(crate) fn missing_colon(word: &str) -> Said {
    let first = word.split_whitespace().next().unwrap_or(word);
    match lang() {
        Lang::Sv => (
            format!(
                "raden ”{word}” saknar kolon, så den är varken en nyckel med värde eller en fortsättning på texten ovanför"
            ),
            format!(
                "skriv ett kolon och ett mellanslag efter nyckeln (`{first}: …`); eller, om raden fortsätter texten ovanför, dra in den med två mellanslag"
            ),
        ),
        Lang::En => (
            format!(
                "the line “{word}” has no colon, so it is neither a key with a value nor a continuation of the text above"
            ),
            format!(
                "write a colon and a space after the key (`{first}: …`); or, if the line continues the text above, indent it by two spaces"
            ),
        ),
    }
}

/// A key of a list item written as far in as its `-`.
pub(crate) fn key_at_dash(key: &str, above: Option<&str>, spaces: usize) -> Said {
    let like = above.map_or(String::new(), |a| format!(" `{a}:`"));
    match lang() {
        Lang::Sv => (
            format!(
                "`{key}:` står lika långt in som `-` i punkten ovanför, så den hör varken till punkten eller är en ny punkt"
            ),
            format!(
                "dra in `{key}:` lika långt som{like} i punkten ovanför ({spaces} mellanslag), så hör den till samma punkt"
            ),
        ),
        Lang::En => (
            format!(
                "`{key}:` is as far in as the `-` of the item above, so it neither belongs to that item nor starts a new one"
            ),
            format!(
                "indent `{key}:` as far as{like} in the item above ({spaces} spaces), so it belongs to the same item"
            ),
        ),
    }
}

/// `goal_areas: - title: A`.
pub(crate) fn list_on_key_line(key: &str) -> Said {
    match lang() {
        Lang::Sv => (
            format!("en lista kan inte börja på samma rad som `{key}:`"),
            format!(
                "skriv `{key}:` ensamt på raden och varje punkt på en egen rad under, indragen två mellanslag: `  - …`"
            ),
        ),
        Lang::En => (
            format!("a list cannot start on the same line as `{key}:`"),
            format!(
                "write `{key}:` alone on its line and each item on a line of its own below, indented by two spaces: `  - …`"
            ),
        ),
    }
}

/// A text starting with a character YAML reads as something else.
pub(crate) fn special_start(key: Option<&str>, c: &str, fix: &str) -> Said {
    let c = &code(c);
    let after_sv = key.map_or(String::new(), |k| format!(" efter `{k}:`"));
    let after_en = key.map_or(String::new(), |k| format!(" after `{k}:`"));
    match lang() {
        Lang::Sv => (
            format!("texten{after_sv} börjar med {c}, och då läses den inte som text"),
            format!("sätt hela texten inom raka citattecken: `{fix}`"),
        ),
        Lang::En => (
            format!("the text{after_en} starts with {c}, so it is not read as text"),
            format!("put the whole text in straight double quotes: `{fix}`"),
        ),
    }
}

/// `c` in backticks (a backtick in double ones).
fn code(c: &str) -> String {
    if c.contains('`') {
        format!("`` {c} ``")
    } else {
        format!("`{c}`")
    }
}

/// A character before a key (`@kind: page`), or at the start of a
/// line (`{title: A`); `fix` is the line without it.
pub(crate) fn stray_start(c: &str, fix: Option<&str>) -> Said {
    let c = code(c);
    match lang() {
        Lang::Sv => (
            format!("raden börjar med {c}, som inte hör till någon nyckel"),
            match fix {
                Some(f) => format!("ta bort {c}: `{f}`"),
                None => format!("ta bort {c}"),
            },
        ),
        Lang::En => (
            format!("the line starts with {c}, which belongs to no key"),
            match fix {
                Some(f) => format!("remove {c}: `{f}`"),
                None => format!("remove {c}"),
            },
        ),
    }
}

/// `themes: [a, b` with no `]`.
pub(crate) fn unclosed_bracket(key: &str, open: char) -> Said {
    let close = if open == '{' { '}' } else { ']' };
    match lang() {
        Lang::Sv => (
            format!("listan efter `{key}:` börjar med `{open}` men stängs aldrig med `{close}`"),
            format!(
                "sätt `{close}` sist i listan, på samma rad; ett ord med `#`, `:` eller `,` sätts inom raka citattecken"
            ),
        ),
        Lang::En => (
            format!(
                "the list after `{key}:` starts with `{open}` but is never closed with `{close}`"
            ),
            format!(
                "put `{close}` at the end of the list, on the same line; a word with `#`, `:` or `,` goes in straight double quotes"
            ),
        ),
    }
}

/// `- Tillsammans` where an item's keys go: `item` is where ("i det
/// första målområdet"), `key` its first key.
pub(crate) fn item_without_key(item: &str, key: &str, text: &str) -> Said {
    match lang() {
        Lang::Sv => (
            format!("texten ”{text}” står utan nyckel {item}"),
            format!("skriv nyckeln före texten: `- {key}: {text}`"),
        ),
        Lang::En => (
            format!("the text “{text}” has no key {item}"),
            format!("write the key before the text: `- {key}: {text}`"),
        ),
    }
}

/// `- kind: page` among keys.
pub(crate) fn item_among_keys() -> Said {
    match lang() {
        Lang::Sv => (
            "raden börjar med `- ` som en punkt i en lista, men här står nycklar".into(),
            "ta bort `- ` i början av raden".into(),
        ),
        Lang::En => (
            "the line starts with `- ` like a list item, but keys stand here".into(),
            "remove the `- ` at the start of the line".into(),
        ),
    }
}

/// A backslash in a text in double quotes.
pub(crate) fn backslash(fix: &str) -> Said {
    match lang() {
        Lang::Sv => (
            "inom dubbla citattecken läses `\\` som början på ett specialtecken".into(),
            format!("sätt texten inom enkla citattecken i stället: `{fix}`"),
        ),
        Lang::En => (
            "inside double quotes `\\` starts a special character".into(),
            format!("put the text in single quotes instead: `{fix}`"),
        ),
    }
}

/// The first key indented when the keys below it are not.
pub(crate) fn first_indented(key: &str) -> Said {
    match lang() {
        Lang::Sv => (
            format!(
                "`{key}` är indragen, men nycklarna överst i front matter ska stå längst till vänster"
            ),
            format!("ta bort mellanslagen före `{key}:`"),
        ),
        Lang::En => (
            format!(
                "`{key}` is indented, but the keys at the top of front matter start at the left edge"
            ),
            format!("remove the spaces before `{key}:`"),
        ),
    }
}

/// `summary: "a" b`.
pub(crate) fn text_after_quote(fix: &str) -> Said {
    match lang() {
        Lang::Sv => (
            "texten fortsätter efter citattecknet som avslutar den".into(),
            format!("sätt hela texten inom citattecken: `{fix}`"),
        ),
        Lang::En => (
            "the text goes on after the quote that closes it".into(),
            format!("put the whole text in quotes: `{fix}`"),
        ),
    }
}

/// A list item not as far in as the one above.
pub(crate) fn item_indent(spaces: usize) -> Said {
    match lang() {
        Lang::Sv => (
            "punkten står inte lika långt in som punkten ovanför i samma lista".into(),
            if spaces == 0 {
                "börja raden med `-` längst till vänster, som punkten ovanför".into()
            } else {
                format!("börja raden med {spaces} mellanslag före `-`, som punkten ovanför")
            },
        ),
        Lang::En => (
            "the item is not as far in as the item above in the same list".into(),
            if spaces == 0 {
                "start the line with `-` at the left edge, as the item above".into()
            } else {
                format!("start the line with {spaces} spaces before `-`, as the item above")
            },
        ),
    }
}

/// A key not as far in as the key above in its group.
pub(crate) fn key_indent(key: &str, above: Option<&str>, spaces: usize) -> Said {
    let like = above.map_or(String::new(), |a| format!(", som `{a}:`"));
    let like_en = above.map_or(String::new(), |a| format!(", as `{a}:`"));
    match lang() {
        Lang::Sv => (
            format!("`{key}` står inte lika långt in som raden ovanför"),
            format!("nycklar i samma grupp börjar lika långt in: {spaces} mellanslag{like}"),
        ),
        Lang::En => (
            format!("`{key}` is not as far in as the line above"),
            format!("keys of one group start equally far in: {spaces} spaces{like_en}"),
        ),
    }
}

const NUMBERS_SV: [&str; 13] = [
    "noll", "ett", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv",
];

/// A value of the wrong kind.
pub(crate) fn wrong_kind(
    key: Option<&str>,
    w: Option<String>,
    wanted: Wanted,
    found: &Got,
    value: Option<&str>,
) -> Said {
    let sv = lang() == Lang::Sv;
    let w = within(&w);
    let k = key.unwrap_or("…");
    let subject = match (key, sv) {
        (Some(k), _) if *found == Got::Empty => format!("`{k}:`{w}"),
        (Some(k), _) => format!("`{k}`{w}"),
        (None, true) => format!("värdet{w}"),
        (None, false) => format!("the value{w}"),
    };
    let wants = match (wanted, sv) {
        (Wanted::Number, true) => "ett heltal",
        (Wanted::Text, true) => "en text",
        (Wanted::List, true) => "en lista",
        (Wanted::Bool, true) => "true eller false",
        (Wanted::Group, true) => "en grupp av nycklar",
        (Wanted::Other, true) => "något annat",
        (Wanted::Number, false) => "a whole number",
        (Wanted::Text, false) => "text",
        (Wanted::List, false) => "a list",
        (Wanted::Bool, false) => "true or false",
        (Wanted::Group, false) => "a group of keys",
        (Wanted::Other, false) => "another kind of value",
    };
    let got = match (found, sv) {
        (Got::Text(s), true) => format!("står texten ”{s}”"),
        (Got::Number(n), true) => format!("står talet {n}"),
        (Got::List, true) => "är det en lista".into(),
        (Got::Group, true) => "är det en grupp av nycklar".into(),
        (Got::Other(s), true) => format!("står {s}"),
        (Got::Text(s), false) => format!("it is the text “{s}”"),
        (Got::Number(n), false) => format!("it is the number {n}"),
        (Got::List, false) => "it is a list".into(),
        (Got::Group, false) => "it is a group of keys".into(),
        (Got::Other(s), false) => format!("it is {s}"),
        (Got::Empty, _) => String::new(),
    };
    let message = match (found, sv) {
        (Got::Empty, true) => format!("{subject} har inget värde"),
        (Got::Empty, false) => format!("{subject} has no value"),
        (_, true) => format!("{subject} ska vara {wants}, men här {got}"),
        (_, false) => format!("{subject} should be {wants}, but here {got}"),
    };
    let hint = match (wanted, found) {
        (Wanted::Number, Got::Text(s)) => {
            let word = s.trim().to_lowercase();
            let digits: String = s.chars().filter(char::is_ascii_digit).collect();
            if let Some(n) = NUMBERS_SV
                .iter()
                .position(|w| *w == word || (word == "en" && *w == "ett"))
            {
                if sv {
                    format!("skriv talet med siffror: `{k}: {n}`")
                } else {
                    format!("write the number in digits: `{k}: {n}`")
                }
            } else if !digits.is_empty() {
                if sv {
                    format!("skriv bara siffror: `{k}: {digits}`")
                } else {
                    format!("write digits only: `{k}: {digits}`")
                }
            } else if sv {
                format!("skriv bara siffror, t.ex. `{k}: 2`")
            } else {
                format!("write digits only, for example `{k}: 2`")
            }
        }
        (Wanted::Number, Got::Number(_)) => {
            if sv {
                format!("skriv ett heltal utan decimaler och med högst 9 siffror, t.ex. `{k}: 2`")
            } else {
                format!(
                    "write a whole number without decimals and at most 9 digits, for example `{k}: 2`"
                )
            }
        }
        (Wanted::Number, Got::Empty) => {
            if sv {
                format!("skriv ett heltal efter kolonet, t.ex. `{k}: 2`, eller ta bort raden")
            } else {
                format!(
                    "write a whole number after the colon, for example `{k}: 2`, or remove the line"
                )
            }
        }
        (Wanted::Text, Got::List | Got::Group)
            if value.is_some_and(|v| v.starts_with(['[', '{'])) =>
        {
            let v = value.unwrap_or_default();
            let first = &v[..1];
            let fix = super::written(key, &super::quoted(v));
            if sv {
                format!(
                    "en text som börjar med `{first}` läses som en lista; sätt hela texten inom raka citattecken: `{fix}`"
                )
            } else {
                format!(
                    "a text that starts with `{first}` is read as a list; put the whole text in straight double quotes: `{fix}`"
                )
            }
        }
        (Wanted::Text, Got::List | Got::Group) => {
            if sv {
                format!(
                    "skriv texten direkt efter `{k}:` på samma rad, utan `- ` och utan indragna rader under"
                )
            } else {
                format!(
                    "write the text right after `{k}:` on the same line, without `- ` and without indented lines below"
                )
            }
        }
        (Wanted::List, Got::Text(s)) => {
            let items: Vec<&str> = s
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            let items = items.join(", ");
            if sv {
                format!(
                    "skriv `{k}: [{items}]`, eller varje punkt på en egen rad under `{k}:` som börjar med `- `"
                )
            } else {
                format!(
                    "write `{k}: [{items}]`, or each item on a line of its own under `{k}:` starting with `- `"
                )
            }
        }
        (Wanted::List, _) => {
            if sv {
                format!(
                    "skriv varje punkt på en egen rad under `{k}:` som börjar med `- `, eller ta bort raden"
                )
            } else {
                format!(
                    "write each item on a line of its own under `{k}:` starting with `- `, or remove the line"
                )
            }
        }
        (Wanted::Bool, _) => {
            if sv {
                format!("skriv `{k}: true` (ja) eller `{k}: false` (nej)")
            } else {
                format!("write `{k}: true` (yes) or `{k}: false` (no)")
            }
        }
        (Wanted::Group, _) => {
            if sv {
                format!(
                    "skriv nycklarna på egna rader under `{k}:`, indragna två mellanslag, t.ex. `  name: …`"
                )
            } else {
                format!(
                    "write the keys on lines of their own under `{k}:`, indented by two spaces, e.g. `  name: …`"
                )
            }
        }
        (_, Got::Empty) => {
            if sv {
                "skriv värdet efter kolonet, eller ta bort raden".into()
            } else {
                "write the value after the colon, or remove the line".into()
            }
        }
        _ => {
            if sv {
                "se README:s innehållsmodell för vad nyckeln tar".into()
            } else {
                "see the README's content model for what the key takes".into()
            }
        }
    };
    (message, hint)
}

/// `-title: A`.
pub(crate) fn dash_without_space(key: &str, value: &str) -> Said {
    match lang() {
        Lang::Sv => (
            format!("`-{key}` saknar mellanslag efter `-`"),
            format!("skriv `- {key}: {value}`"),
        ),
        Lang::En => (
            format!("`-{key}` has no space after `-`"),
            format!("write `- {key}: {value}`"),
        ),
    }
}

fn line_of(key: &str, value: &str) -> String {
    if value.is_empty() {
        format!("{key}:")
    } else {
        format!("{key}: {value}")
    }
}

/// `vikt: 3`.
pub(crate) fn swedish_key(key: &str, english: &str, value: &str, w: Option<String>) -> Said {
    let w = within(&w);
    let line = line_of(english, value);
    match lang() {
        Lang::Sv => (
            format!("okänd nyckel `{key}`{w}"),
            format!("skriv `{line}`: nycklarna skrivs på engelska"),
        ),
        Lang::En => (
            format!("unknown key `{key}`{w}"),
            format!("write `{line}`: the keys are English"),
        ),
    }
}

/// A documented key in a file or group where it does not belong.
pub(crate) fn key_elsewhere(key: &str, english: &str, belongs: Belongs, w: Option<String>) -> Said {
    let w = within(&w);
    let (sv, en) = match belongs {
        Belongs::PublicationOrPart => (
            "en publikations _index.md eller i en del av den",
            "a publication's _index.md or one of its parts",
        ),
        Belongs::Region => (
            "regionens _index.md (content/<region>/_index.md)",
            "the region's _index.md (content/<region>/_index.md)",
        ),
        Belongs::Publication => (
            "publikationens _index.md (content/<region>/<publikation>/_index.md)",
            "the publication's _index.md (content/<region>/<publication>/_index.md)",
        ),
        Belongs::Part => (
            "en del av en publikation (en .md-fil bredvid publikationens _index.md)",
            "a part of a publication (a .md file beside the publication's _index.md)",
        ),
        Belongs::GoalPicture => (
            "målbildssidan, en del med `kind: goal-picture`",
            "the goal picture, a part with `kind: goal-picture`",
        ),
        Belongs::SuccessFactors => (
            "sidan om framgångsfaktorer, en del med `kind: success-factors`",
            "the success factors page, a part with `kind: success-factors`",
        ),
        Belongs::GoalArea => (
            "ett målområde under `goal_areas:`",
            "a goal area under `goal_areas:`",
        ),
        Belongs::Shift => (
            "ett perspektivskifte under `shifts:`",
            "a perspective shift under `shifts:`",
        ),
        Belongs::Contact => (
            "`contact:` i regionens _index.md",
            "`contact:` in the region's _index.md",
        ),
        Belongs::Check => ("`check:`", "`check:`"),
        Belongs::SiteYaml => ("content/site.yaml", "content/site.yaml"),
        Belongs::Anywhere => ("", ""),
    };
    let named = if key == english {
        format!("`{key}:`")
    } else {
        format!("`{english}:` ({key})")
    };
    match lang() {
        Lang::Sv => (
            if key == english {
                format!("`{key}:` hör inte hemma här{w}")
            } else {
                format!("okänd nyckel `{key}`{w}")
            },
            format!("{named} skrivs i {sv}; flytta raden dit, eller ta bort den"),
        ),
        Lang::En => (
            if key == english {
                format!("`{key}:` does not belong here{w}")
            } else {
                format!("unknown key `{key}`{w}")
            },
            format!("{named} is written in {en}; move the line there, or remove it"),
        ),
    }
}

/// A slip of the keyboard: `titl: A`.
pub(crate) fn misspelt_key(key: &str, guess: &str, value: &str, w: Option<String>) -> Said {
    let w = within(&w);
    let line = line_of(guess, value);
    match lang() {
        Lang::Sv => (
            format!("okänd nyckel `{key}`{w}"),
            format!("menade du `{guess}`? Skriv `{line}`"),
        ),
        Lang::En => (
            format!("unknown key `{key}`{w}"),
            format!("did you mean `{guess}`? Write `{line}`"),
        ),
    }
}

/// A key that is nothing malbild knows.
pub(crate) fn unknown_key(key: &str, w: Option<String>, allowed: &[&str]) -> Said {
    let w = within(&w);
    let list = allowed.join(", ");
    match lang() {
        Lang::Sv => (
            format!("okänd nyckel `{key}`{w}"),
            if list.is_empty() {
                "ta bort raden".into()
            } else {
                format!("ta bort raden, eller använd en av nycklarna som gäller här: {list}")
            },
        ),
        Lang::En => (
            format!("unknown key `{key}`{w}"),
            if list.is_empty() {
                "remove the line".into()
            } else {
                format!("remove the line, or use one of the keys that hold here: {list}")
            },
        ),
    }
}

/// Nesting too deep for the parser.
pub(crate) fn too_deep(max: usize) -> Said {
    match lang() {
        Lang::Sv => (
            format!("front matter har listor eller grupper inuti varandra i mer än {max} nivåer"),
            "så många nivåer behöver ingen målbild; kontrollera hakparenteserna [ ] och { } och indragningen härifrån".into(),
        ),
        Lang::En => (
            format!("the front matter nests lists or groups more than {max} levels deep"),
            "no målbild needs that many levels; check the brackets [ ] and { } and the indentation from here on".into(),
        ),
    }
}

/// No closing `---`; `before` when the place shown is the first line
/// after the front matter (else it is its last line).
pub(crate) fn never_ends(before: bool) -> Said {
    match lang() {
        Lang::Sv => (
            "front matter tar aldrig slut: raden --- som ska avsluta den saknas".into(),
            if before {
                "skriv en rad med bara --- före den här raden, direkt efter den sista nyckeln"
                    .into()
            } else {
                "skriv en rad med bara --- efter den här raden".into()
            },
        ),
        Lang::En => (
            "the front matter never ends: the line --- that closes it is missing".into(),
            if before {
                "write a line with only --- before this line, right after the last key".into()
            } else {
                "write a line with only --- after this line".into()
            },
        ),
    }
}

/// A ` #` that cuts a text short (see `lost_comment`).
pub(crate) fn lost_comment(kept: &str, fix: &str) -> Said {
    match lang() {
        Lang::Sv => (
            format!(
                "allt från ` #` till radens slut räknas som en kommentar och publiceras inte; här blir texten bara ”{kept}”"
            ),
            format!(
                "sätt hela texten inom raka citattecken: `{fix}` (fler rader: sätt citattecknen runt hela texten)"
            ),
        ),
        Lang::En => (
            format!(
                "everything from ` #` to the end of the line counts as a comment and is not published; here the text is only “{kept}”"
            ),
            format!(
                "put the whole text in straight double quotes: `{fix}` (several lines: put the quotes around the whole text)"
            ),
        ),
    }
}

/// A page in a folder deeper than publications.
pub(crate) fn nested_too_deep() -> Said {
    match lang() {
        Lang::Sv => (
            "sidan ligger för djupt i mapparna".into(),
            "sidor ligger i content/<region>/<publikation>/; flytta upp den, eller ha bara bilder i djupare mappar".into(),
        ),
        Lang::En => (
            "this page is nested too deep".into(),
            "pages go in content/<region>/<publication>/; move it up, or keep only images in deeper folders".into(),
        ),
    }
}

/// An empty `.md` file.
pub(crate) fn empty_file() -> Said {
    match lang() {
        Lang::Sv => (
            "filen är tom".into(),
            "skriv tre rader: ---, sedan `title: Sidans titel`, sedan ---; eller ta bort filen"
                .into(),
        ),
        Lang::En => (
            "the file is empty".into(),
            "write three lines: ---, then `title: The page's title`, then ---; or remove the file"
                .into(),
        ),
    }
}

/// A page without front matter.
pub(crate) fn no_front_matter() -> Said {
    match lang() {
        Lang::Sv => (
            "sidan saknar front matter, raderna mellan två --- överst som ger den en titel".into(),
            "börja filen med tre rader: ---, sedan `title: Sidans titel`, sedan ---".into(),
        ),
        Lang::En => (
            "the page has no front matter, the lines between two --- at the top that give it a title".into(),
            "start the file with three lines: ---, then `title: The page's title`, then ---".into(),
        ),
    }
}

/// `title:` with nothing after it.
pub(crate) fn empty_title() -> Said {
    match lang() {
        Lang::Sv => (
            "`title:` har ingen text".into(),
            "skriv sidans titel efter `title:`, t.ex. `title: Bakgrund`".into(),
        ),
        Lang::En => (
            "`title:` has no text".into(),
            "write the page's title after `title:`, for example `title: Background`".into(),
        ),
    }
}

/// `date:` that is no date; `why` says what is wrong when that is
/// known, `fix` is the date as it should be written when it can be
/// told.
pub(crate) fn not_a_date(written: &str, why: Option<NotADate>, fix: Option<&str>) -> Said {
    let sv = lang() == Lang::Sv;
    let message = match (why, sv) {
        (Some(NotADate::Month(m)), true) => {
            format!("`{written}` är inget datum: månad {m} finns inte, året har 12 månader")
        }
        (Some(NotADate::Month(m)), false) => {
            format!("`{written}` is not a date: there is no month {m}, a year has 12")
        }
        (None, true) => format!("`{written}` är inget datum som malbild kan läsa"),
        (None, false) => format!("`{written}` is not a date malbild can read"),
    };
    let parts = fix.map_or(0, |f| f.matches('-').count());
    let form = match (parts, sv) {
        (2, true) => " (år-månad-dag med siffror)",
        (1, true) => " (år-månad med siffror)",
        (2, false) => " (year-month-day in digits)",
        (1, false) => " (year-month in digits)",
        _ => "",
    };
    let hint = match (fix, sv) {
        (Some(f), true) => format!("skriv `date: {f}`{form}"),
        (Some(f), false) => format!("write `date: {f}`{form}"),
        (None, true) => {
            "skriv datumet som ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ, t.ex. `date: 2023-01-24`".into()
        }
        (None, false) => {
            "write the date as YYYY-MM-DD, YYYY-MM or YYYY, for example `date: 2023-01-24`".into()
        }
    };
    (message, hint)
}

/// What is wrong with a date, when it can be told.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NotADate {
    /// A month above 12 or 0.
    Month(u32),
}

/// `date: 2023-02-31`: `name` is the month's Swedish name.
pub(crate) fn impossible_date(
    written: &str,
    name: &str,
    year: &str,
    month: &str,
    last: u8,
) -> Said {
    match lang() {
        Lang::Sv => (
            format!("datumet `{written}` finns inte: {name} {year} har {last} dagar"),
            format!(
                "skriv ett datum som finns, t.ex. `date: {year}-{month}-{last}`, eller bara år och månad: `date: {year}-{month}`"
            ),
        ),
        Lang::En => (
            format!("the date `{written}` does not exist: month {month} of {year} has {last} days"),
            format!(
                "write a date that exists, e.g. `date: {year}-{month}-{last}`, or only year and month: `date: {year}-{month}`"
            ),
        ),
    }
}
