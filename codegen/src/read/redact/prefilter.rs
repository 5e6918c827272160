//! Cheap searches that tell which credential shapes a text may hold, so the exact patterns run
//! only where they can redact. Most strings in a large description (URLs, names, dates) hold
//! none, and five separate regex searches per string were most of redaction's cost.
//!
//! Each pattern cannot match without one of its literals below, so a pattern whose literals
//! are absent is skipped without changing any result; so is one of the two shapes whose secret
//! needs a digit (`super::Shape::needs_digit`) in a text without any digit, as whatever it
//! matches there is kept. The patterns are case-insensitive in Unicode's sense (`(?i)k` also
//! matches the Kelvin sign), which an ASCII scan cannot see: text that is not ASCII runs every
//! pattern.

use aho_corasick::AhoCorasick;
use memchr::memmem::Finder;
use std::sync::LazyLock;

/// Per pattern, in `super::SHAPES` order and then the JSON pairs: literals one of which every
/// match contains (compared ignoring ASCII case, a superset of the case-sensitive ones; the
/// JWT's `eyJ` is searched as it is written, as its pattern is case-sensitive). The API key's
/// spellings are whole, as `api` alone is in every URL of an API description.
const LITERALS: [&[&str]; 5] = [&["eyJ"], &["bearer", "basic", "token"], &["apikey", "api_key", "api-key", "access", "secret", "passw"], &["://"], &["\""]];

/// The bit of the JWT.
const JWT: Mask = 1;

/// The bits of the two shapes whose secret needs a digit, whose literals are words searched for
/// together.
const NEED_DIGIT: Mask = 0b110;

/// No match of the first three patterns in ASCII text is shorter: a JWT is `eyJ` and 16 more, a
/// token after a scheme 5 + 1 + 16 bytes, a value after a secret's name 6 + 1 + 8. Most strings
/// of a description's examples are shorter (names, dates, ids) and skip those searches.
const SHORTEST_WORD_MATCH: usize = 15;

/// The bit of the password in a URL, which also needs an `@` after the user name.
const URL: Mask = 1 << 3;

/// Bit `i` set: pattern `i` (the shapes, then the JSON pairs) may redact.
pub(super) type Mask = u8;

const ALL: Mask = (1 << LITERALS.len()) - 1;

/// The bit of `super::JSON_PAIR`.
pub(super) const JSON_PAIRS: Mask = 1 << (LITERALS.len() - 1);

/// The automaton of the literals of the shapes that need a digit, and for each literal the bit
/// of its pattern. The other literals are single searches (`memchr`, `memmem`): in the
/// automaton, each URL and each quote of a text stopped the scan and started it again.
static SCAN: LazyLock<(AhoCorasick, Vec<Mask>)> = LazyLock::new(|| {
    let shapes = LITERALS.iter().enumerate().filter(|(i, _)| NEED_DIGIT & (1 << i) != 0);
    let (words, bits): (Vec<&str>, Vec<Mask>) = shapes.flat_map(|(i, ws)| ws.iter().map(move |w| (*w, 1 << i))).unzip();
    (AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("valid built-in literals"), bits)
});

static JWT_START: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(LITERALS[0][0]));

static SCHEME_SEPARATOR: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(LITERALS[3][0]));

/// The patterns that may redact something in `text`.
pub(super) fn candidates(text: &str) -> Mask {
    if !text.is_ascii() {
        return ALL;
    }
    let bytes = text.as_bytes();
    let mut mask = 0;
    if memchr::memchr(b'"', bytes).is_some() {
        mask |= JSON_PAIRS;
    }
    if memchr::memchr(b'@', bytes).is_some() && SCHEME_SEPARATOR.find(bytes).is_some() {
        mask |= URL;
    }
    if text.len() >= SHORTEST_WORD_MATCH {
        if JWT_START.find(bytes).is_some() {
            mask |= JWT;
        }
        // Most prose has no digit: the automaton, a byte at a time, was half of redaction.
        if has_digit(bytes) {
            mask |= words(text);
        }
    }
    mask
}

/// Whether ASCII `bytes` hold a digit, 8 bytes at a time: adding `0x80 - 0x30` to a byte below
/// 0x80 sets its top bit when it is `0` or above, adding `0x80 - 0x3A` when it is above `9`,
/// and neither carries into the next byte.
fn has_digit(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else { return true };
        let word = u64::from_le_bytes(word);
        let from_zero = word.wrapping_add(ONES * (0x80 - 0x30));
        let above_nine = word.wrapping_add(ONES * (0x80 - 0x3A));
        if from_zero & !above_nine & (ONES * 0x80) != 0 {
            return true;
        }
    }
    words.remainder().iter().any(u8::is_ascii_digit)
}

/// The patterns needing a digit whose literals `text` holds.
fn words(text: &str) -> Mask {
    let (ac, bits) = &*SCAN;
    let mut mask = 0;
    let mut at = 0;
    // Each search finds the occurrence that ends first. Going on from just after its start
    // (not its end, which would skip `token` in `secretoken`) meets every occurrence, as no
    // literal holds another (a test checks); faster than an overlapping search.
    while let Some(m) = ac.find(aho_corasick::Input::new(text).span(at..text.len())) {
        mask |= bits[m.pattern().as_usize()];
        if mask == NEED_DIGIT {
            break;
        }
        at = m.start() + 1;
    }
    mask
}

/// The words `super::is_secret_name` looks for, or a part of them. An ASCII name's snake-case
/// words are pieces of it in lower case, so a name holding none of these is no secret's name.
static SECRET_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = ["pass", "secret", "token", "authorization", "cookie", "credential", "key", "jwt"];
    AhoCorasick::builder().ascii_case_insensitive(true).build(words).expect("valid built-in literals")
});

/// False only where `super::is_secret_name` is false too. Each of its words holds an `s`, `k`,
/// `z`, `d` or `j`: a name without any (`login`, `url`, `type`) needs no search.
pub(super) fn may_be_secret_name(name: &str) -> bool {
    // Setting bit 5 lowers an ASCII letter, and makes no other byte one of these.
    let may_hold_one = name.bytes().any(|b| matches!(b | 0x20, b's' | b'k' | b'z' | b'd' | b'j'));
    !name.is_ascii() || (may_hold_one && SECRET_WORDS.is_match(name))
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
        assert_eq!(candidates("secretoken=12345678"), 0b110);
        assert_eq!(candidates("accessecret://a:b@c\"\" 1"), 0b11100);
        assert_eq!(candidates("https://api.github.com/repos"), 0, "a URL without a user");
    }

    #[test]
    fn no_word_pattern_matches_a_shorter_text() {
        let shortest = ["eyJ0123456789abcdef", "basic 0123456789abcdef", "token\t0123456789abcdef", "apikey:12345678", "secret=12345678", "passwd=12345678"];
        for text in shortest {
            assert!(text.len() >= SHORTEST_WORD_MATCH, "{text}");
            let matched = SHAPES.iter().take(3).position(|s| s.re.is_match(text));
            assert!(matched.is_some_and(|i| candidates(text) & (1 << i) != 0), "{text}");
            // One byte less matches none.
            assert!(SHAPES.iter().take(3).all(|s| !s.re.is_match(&text[..text.len() - 1])), "{text}");
        }
        assert_eq!(candidates("secret=1234567"), 0);
        assert_eq!(candidates("\"secret\": \"x\""), JSON_PAIRS);
    }

    #[test]
    fn a_text_without_digits_skips_the_shapes_that_need_one() {
        for (i, shape) in SHAPES.iter().enumerate() {
            assert_eq!(shape.needs_digit, NEED_DIGIT & (1 << i) != 0, "shape {i}");
        }
        let text = "Authorization: Bearer abcdefghijklmnopqrstuvwxyz, api_key=abcdefghij";
        assert!(SHAPES[1].re.is_match(text) && SHAPES[2].re.is_match(text));
        assert_eq!(candidates(text), 0);
        assert_eq!(candidates(&format!("{text}0")), NEED_DIGIT);
        for (text, digit) in [("0", true), ("9", true), ("/:@`", false), ("abcdefgh/:abcdefgh", false), ("abcdefgh/:abcdefg5", true), ("12345678", true)] {
            assert_eq!(has_digit(text.as_bytes()), digit, "{text}");
        }
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
