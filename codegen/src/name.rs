//! Rust identifiers from JSON names, request names and paths.
//!
//! JSON names arrive with brackets, dots, spaces, leading digits, e-mail addresses and Rust
//! keywords (`user_access[email]`, `FromPerson.Uid`, `type`); every function here returns a
//! valid identifier, and the emitter adds a serde rename whenever it differs from the JSON name.

use heck::{ToPascalCase, ToSnakeCase};
use std::cell::RefCell;
use foldhash::HashMap;
use std::thread::LocalKey;

/// Rust keywords, strict and reserved, in every edition we target.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Splits on anything that is not a letter or digit, so `user_access[email]` -> `user access email`.
fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if c == '@' {
            out.push_str(" at ");
        } else {
            out.push(' ');
        }
    }
    out
}

/// Keeps only ASCII so the identifier is valid everywhere (`é` -> `e` is not attempted; such
/// characters are dropped and the serde rename keeps the real name).
fn ascii_only(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect()
}

type Answers = RefCell<HashMap<String, String>>;

thread_local! {
    static SNAKE: Answers = RefCell::default();
    static PASCAL: Answers = RefCell::default();
}

/// heck converts a character at a time through `fmt`, about 10,000 instructions a name, and the
/// same names come back often (GitHub's description: a million conversions of a few thousand
/// names), so each thread keeps its answers; bounded, so a long fuzzing run cannot grow it.
fn remembered(answers: &'static LocalKey<Answers>, raw: &str, convert: fn(&str) -> String) -> String {
    if let Some(hit) = answers.with(|a| a.borrow().get(raw).cloned()) {
        return hit;
    }
    let out = convert(raw);
    answers.with(|a| {
        let mut a = a.borrow_mut();
        if a.len() >= 1 << 16 {
            a.clear();
        }
        a.insert(raw.to_string(), out.clone());
    });
    out
}

/// A field, method or module name: `snake_case`, never a keyword, never starting with a digit.
pub fn snake(raw: &str) -> String {
    remembered(&SNAKE, raw, convert_snake)
}

fn convert_snake(raw: &str) -> String {
    let mut s = if raw.is_ascii() { ascii_case(&words(raw), Case::Snake) } else { ascii_only(&words(raw).to_snake_case()) };
    if s.is_empty() {
        s = "field".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n{s}");
    }
    if KEYWORDS.contains(&s.as_str()) {
        s = format!("r#{s}");
        if matches!(s.as_str(), "r#self" | "r#Self" | "r#super" | "r#crate") {
            s = format!("{}_", &s[2..]);
        }
    }
    s
}

/// heck's `to_snake_case` of any text (no keyword or digit rules): words for matching, not
/// an identifier. ASCII takes the fast path, as names do.
pub fn snake_words(raw: &str) -> String {
    if raw.is_ascii() {
        ascii_case(raw, Case::Snake)
    } else {
        raw.to_snake_case()
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Case {
    Snake,
    Pascal,
}

/// heck's `to_snake_case` / `to_pascal_case` of ASCII text, without its character-at-a-time
/// formatting (most of the cost of a name): the same word boundaries (`transform` in heck
/// 0.5), each word lower case, joined by `_` or capitalised. The tests check it against heck.
fn ascii_case(s: &str, case: Case) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let mut out = String::with_capacity(s.len());
    let push = |word: &[u8], out: &mut String| {
        if case == Case::Snake && !out.is_empty() {
            out.push('_');
        }
        for (i, b) in word.iter().enumerate() {
            out.push(if i == 0 && case == Case::Pascal { b.to_ascii_uppercase() } else { b.to_ascii_lowercase() } as char);
        }
    };
    for word in s.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
        let (mut init, mut mode) = (0, Mode::Boundary);
        for i in 0..word.len() {
            let c = word[i];
            let Some(&next) = word.get(i + 1) else {
                push(&word[init..], &mut out);
                break;
            };
            let next_mode = if c.is_ascii_lowercase() {
                Mode::Lower
            } else if c.is_ascii_uppercase() {
                Mode::Upper
            } else {
                mode
            };
            if next_mode == Mode::Lower && next.is_ascii_uppercase() {
                push(&word[init..i + 1], &mut out);
                (init, mode) = (i + 1, Mode::Boundary);
            } else if mode == Mode::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                push(&word[init..i], &mut out);
                (init, mode) = (i, Mode::Boundary);
            } else {
                mode = next_mode;
            }
        }
    }
    out
}

/// A type or variant name: `PascalCase`, never starting with a digit.
pub fn pascal(raw: &str) -> String {
    remembered(&PASCAL, raw, convert_pascal)
}

fn convert_pascal(raw: &str) -> String {
    let mut s = if raw.is_ascii() { ascii_case(&words(raw), Case::Pascal) } else { ascii_only(&words(raw).to_pascal_case()) };
    if s.is_empty() {
        s = "Unnamed".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("N{s}");
    }
    if s == "Self" {
        s = "SelfValue".into();
    }
    s
}

/// A type name: PascalCase. (Names the crate or std already use are cleared when a model
/// is named, in `infer::build`, so that `Client` still names `ClientSettings`.)
pub fn type_name(raw: &str) -> String {
    pascal(raw)
}

/// A bare identifier for `quote!`: `r#type` must be made with `Ident::new_raw`.
pub fn ident(name: &str) -> proc_macro2::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => proc_macro2::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => proc_macro2::Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// The singular of an English plural, for the items of a list (`clients` -> `client`).
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let irregular = [("people", "person"), ("children", "child"), ("men", "man"), ("data", "data"), ("media", "media")];
    for (plural, single) in irregular {
        if lower.ends_with(plural) {
            let cut = word.len() - plural.len();
            let head = &word[..cut];
            // Keep the capitalisation of the first letter of the replaced part.
            let tail = if word[cut..].starts_with(|c: char| c.is_uppercase()) { single.to_pascal_case() } else { single.to_string() };
            return format!("{head}{tail}");
        }
    }
    let keep = ["status", "address", "access", "business", "class", "process", "alias", "bonus", "analysis", "news", "series", "settings", "stats", "details", "metadata", "canvas"];
    if keep.iter().any(|k| lower.ends_with(k)) {
        return word.to_string();
    }
    // Words whose singular keeps its `e` before the plural `s` that the rules below would
    // clip (`caches` is not `cach`).
    for e_word in ["caches", "niches", "headaches", "movies", "cookies", "rookies", "zombies"] {
        if lower.ends_with(e_word) {
            return word[..word.len() - 1].to_string();
        }
    }
    if lower.ends_with("ies") && word.len() > 3 {
        return format!("{}y", &word[..word.len() - 3]);
    }
    for suffix in ["sses", "shes", "ches", "xes", "zes"] {
        if lower.ends_with(suffix) {
            return word[..word.len() - 2].to_string();
        }
    }
    if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && !lower.ends_with("is") && word.len() > 2 {
        return word[..word.len() - 1].to_string();
    }
    word.to_string()
}

/// Makes `name` unique among `taken` by appending 2, 3, ... and records it as taken.
pub fn unique(name: String, taken: &mut std::collections::BTreeSet<String>) -> String {
    if taken.insert(name.clone()) {
        return name;
    }
    for n in 2.. {
        let candidate = format!("{name}{n}");
        if taken.insert(candidate.clone()) {
            return candidate;
        }
    }
    unreachable!("an unbounded counter always finds a free name")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_names_with_punctuation_become_valid_identifiers() {
        assert_eq!(snake("user_access[email]"), "user_access_email");
        assert_eq!(snake("FromPerson.Uid"), "from_person_uid");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("2fa_enabled"), "n2fa_enabled");
        assert_eq!(snake("joi+admin@crankwheel.com"), "joi_admin_at_crankwheel_com");
        assert_eq!(snake("date_in_yyyy-MM-DD"), "date_in_yyyy_mm_dd");
        assert_eq!(snake(""), "field");
        assert_eq!(snake("prospect-name"), "prospect_name");
    }

    #[test]
    fn type_names_are_pascal_case_and_never_start_with_a_digit() {
        assert_eq!(type_name("client"), "Client");
        assert_eq!(type_name("client settings"), "ClientSettings");
        assert_eq!(type_name("3ds"), "N3ds");
        assert_eq!(type_name("self"), "SelfValue");
    }

    #[test]
    fn ascii_names_are_cased_as_heck_cases_them() {
        // Every boundary heck knows: case changes, acronyms, digits, separators.
        let parts = ["a", "B", "cd", "EF", "Gh", "iJ", "KLm", "1", "23", "x9", "9X", "_", " ", "-", "  ", "HTTPServer", "ID"];
        let mut cases = vec![String::new()];
        for _ in 0..3 {
            cases = cases.iter().flat_map(|c| parts.iter().map(move |p| format!("{c}{p}"))).collect();
        }
        for raw in &cases {
            assert_eq!(ascii_case(raw, Case::Snake), raw.to_snake_case(), "{raw:?}");
            assert_eq!(ascii_case(raw, Case::Pascal), raw.to_pascal_case(), "{raw:?}");
            assert_eq!(snake_words(raw), raw.to_snake_case(), "{raw:?}");
        }
        for raw in ["Größe-Key", "clé_API", "ÀccessToken"] {
            assert_eq!(snake_words(raw), raw.to_snake_case(), "{raw:?}");
        }
    }

    #[test]
    fn plurals_become_singular() {
        assert_eq!(singular("clients"), "client");
        assert_eq!(singular("people"), "person");
        assert_eq!(singular("Subscriptions"), "Subscription");
        assert_eq!(singular("categories"), "category");
        assert_eq!(singular("ActionsCaches"), "ActionsCache");
        assert_eq!(singular("cookies"), "cookie");
        assert_eq!(singular("branches"), "branch");
        assert_eq!(singular("properties"), "property");
        assert_eq!(singular("addresses"), "address");
        assert_eq!(singular("status"), "status");
        assert_eq!(singular("PersonAccount"), "PersonAccount");
        assert_eq!(singular("settings"), "settings");
        assert_eq!(singular("boxes"), "box");
    }
}
