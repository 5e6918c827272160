//! One scan that tells which credential shapes a text may hold, so the exact patterns run only
//! where they can match. Most strings in a large description (URLs, names, dates) hold none,
//! and five separate regex searches per string were most of redaction's cost.
//!
//! Each pattern cannot match without one of its literals below, so a pattern whose literals
//! are absent is skipped without changing any result. The patterns are case-insensitive in
//! Unicode's sense (`(?i)k` also matches the Kelvin sign), which an ASCII scan cannot see:
//! text that is not ASCII runs every pattern.

use aho_corasick::AhoCorasick;
use std::sync::LazyLock;

/// Per pattern, in `super::SHAPES` order and then the JSON pairs: literals one of which every
/// match contains (compared ignoring ASCII case, a superset of the case-sensitive ones). The
/// API key's spellings are whole, as `api` alone is in every URL of an API description.
const LITERALS: [&[&str]; 5] = [&["eyJ"], &["bearer", "basic", "token"], &["apikey", "api_key", "api-key", "access", "secret", "passw"], &["://"], &["\""]];

/// The bit of the password in a URL, which also needs an `@` after the user name.
const URL: Mask = 1 << 3;

/// Bit `i` set: pattern `i` (the shapes, then the JSON pairs) may match.
pub(super) type Mask = u8;

const ALL: Mask = (1 << LITERALS.len()) - 1;

/// The bit of `super::JSON_PAIR`.
pub(super) const JSON_PAIRS: Mask = 1 << (LITERALS.len() - 1);

/// The automaton, and for each of its literals the bit of the pattern it belongs to.
static SCAN: LazyLock<(AhoCorasick, Vec<Mask>)> = LazyLock::new(|| {
    let (words, bits): (Vec<&str>, Vec<Mask>) = LITERALS.iter().enumerate().flat_map(|(i, ws)| ws.iter().map(move |w| (*w, 1 << i))).unzip();
    (AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("valid built-in literals"), bits)
});

/// The patterns that may match `text`.
pub(super) fn candidates(text: &str) -> Mask {
    if !text.is_ascii() {
        return ALL;
    }
    let (ac, bits) = &*SCAN;
    let mut mask = 0;
    let mut at = 0;
    // Each search finds the occurrence that ends first. Going on from just after its start
    // (not its end, which would skip `token` in `secretoken`) meets every occurrence, as no
    // literal holds another (a test checks); faster than an overlapping search.
    while let Some(m) = ac.find(aho_corasick::Input::new(text).span(at..text.len())) {
        mask |= bits[m.pattern().as_usize()];
        if mask == ALL {
            break;
        }
        at = m.start() + 1;
    }
    if mask & URL != 0 && !text.contains('@') {
        mask &= !URL;
    }
    mask
}

/// The words `super::is_secret_name` looks for, or a part of them. An ASCII name's snake-case
/// words are pieces of it in lower case, so a name holding none of these is no secret's name.
static SECRET_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = ["pass", "secret", "token", "authorization", "cookie", "credential", "key", "jwt"];
    AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("valid built-in literals")
});

/// False only where `super::is_secret_name` is false too.
pub(super) fn may_be_secret_name(name: &str) -> bool {
    !name.is_ascii() || SECRET_WORDS.is_match(name)
}

#[cfg(test)]
mod tests {
    use super::super::{is_secret_name, JSON_PAIR, SHAPES};
    use super::*;

    /// Texts that match each pattern, in the cases and spellings the patterns accept.
    const MATCHING: [&[&str]; 5] = [
        &["eyJhbGciOiJIUzI1NiJ9abcdef", "x=eyJ0eXAiOiJKV1QiLCJhbGciOiJI.a.b"],
        &["Bearer 9f8e7d6c5b4a39281706", "BASIC dXNlcjpwYXNzd29yZA==", "ToKeN abcdefghijklmnop1", "to\u{212A}en 0123456789abcdef0123"],
        &["api_key=ab12cd34ef56", "APIKEY: 12345678", "Api-Key: 12345678", "Access-Token='abcdefgh1'", "secret=12345678", "PassWord: hunter22", "passwd=12345678", "\u{17F}ecret=12345678", "api\u{212A}ey=12345678"],
        &["https://admin:s3cret@example.com", "ftp://u:p@h"],
        &["{\"a\": \"b\"}", "\"k\":\"\""],
    ];

    #[test]
    fn every_text_a_pattern_matches_gets_through() {
        let patterns: Vec<&regex::Regex> = SHAPES.iter().map(|s| &s.re).chain([&*JSON_PAIR]).collect();
        for (i, texts) in MATCHING.iter().enumerate() {
            for text in *texts {
                assert!(patterns[i].is_match(text), "pattern {i} should match {text:?}");
                assert_ne!(candidates(text) & (1 << i), 0, "pattern {i} skipped for {text:?}");
            }
        }
        // Every pattern against every text: none that matches is skipped.
        for text in MATCHING.iter().flat_map(|t| t.iter()) {
            for (i, re) in patterns.iter().enumerate() {
                assert!(!re.is_match(text) || candidates(text) & (1 << i) != 0, "pattern {i} skipped for {text:?}");
            }
        }
    }

    #[test]
    fn no_literal_holds_another() {
        let all: Vec<String> = LITERALS.iter().flat_map(|ws| ws.iter().map(|w| w.to_ascii_lowercase())).collect();
        for (i, a) in all.iter().enumerate() {
            for (j, b) in all.iter().enumerate() {
                assert!(i == j || !a.contains(b.as_str()), "{a} holds {b}");
            }
        }
    }

    #[test]
    fn literals_that_overlap_are_all_seen() {
        assert_eq!(candidates("secretoken"), 0b110);
        assert_eq!(candidates("accessecret://a:b@c\"\""), 0b11100);
        assert_eq!(candidates("https://api.github.com/repos"), 0, "a URL without a user");
    }

    #[test]
    fn plain_text_skips_every_pattern() {
        for text in ["octocat", "2011-01-26T19:01:12Z", "Hello World", "/repos/{owner}/{repo}"] {
            assert_eq!(candidates(text), 0, "{text}");
        }
    }

    #[test]
    fn every_secret_name_gets_through() {
        for name in ["password", "NewPassword", "passphrase", "PASSWD", "client_secret", "X-Api-Key", "apiKey", "Set-Cookie", "credentials", "jwt", "Authorization", "private_key", "ACCESS_TOKEN", "\u{212A}ey"] {
            assert!(may_be_secret_name(name), "{name}");
        }
        for name in ["id", "login", "html_url", "created_at"] {
            assert!(!may_be_secret_name(name) && !is_secret_name(name), "{name}");
        }
    }
}
