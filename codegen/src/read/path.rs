//! Path templates: every placeholder syntax into [`crate::model::PathTemplate`].
//!
//! The sources spell a path parameter five ways: Postman's `:id`, OpenAPI's `{id}`, a Postman
//! variable `{{id}}`, the documentation convention `[id]` and, with no marker at all, a literal
//! sample id such as `wDQ2w9V6`. The first four are recognised here segment by segment; the last
//! needs sibling paths as evidence, so this module only offers [`looks_like_id`] and the position
//! matching helpers, and the readers decide.

use crate::model::{PathTemplate, Segment};

/// Something in a path that could not be carried over exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathIssue {
    /// The 0-based index of the segment it concerns.
    pub index: usize,
    pub message: String,
}

/// Parses a path (no scheme, host or query) into segments. A leading `/` is optional, a trailing
/// slash is kept as an empty last literal, and `""` or `"/"` is the root (no segments).
pub fn parse_path(raw_path: &str) -> PathTemplate {
    parse_path_checked(raw_path).0
}

/// [`parse_path`], plus what it had to keep as literal text although it looks like a parameter
/// (`{id}.json`: the model has no segment that mixes text and a parameter) and parameters named
/// twice.
pub fn parse_path_checked(raw_path: &str) -> (PathTemplate, Vec<PathIssue>) {
    let mut issues = Vec::new();
    let trimmed = raw_path.trim();
    let body = trimmed.strip_prefix('/').unwrap_or(trimmed);
    if body.is_empty() {
        return (PathTemplate::default(), issues);
    }
    let mut segments = Vec::new();
    for (index, raw) in body.split('/').enumerate() {
        let decoded = percent_decode_segment(raw);
        let segment = parse_segment(&decoded);
        if let Segment::Literal(text) = &segment {
            if has_embedded_placeholder(text) {
                issues.push(PathIssue {
                    index,
                    message: format!(
                        "path segment `{text}` mixes literal text and a placeholder; it is kept as literal text"
                    ),
                });
            }
        }
        segments.push(segment);
    }
    let mut seen: Vec<&str> = Vec::new();
    for (index, seg) in segments.iter().enumerate() {
        if let Segment::Param(name) = seg {
            if seen.contains(&name.as_str()) {
                issues.push(PathIssue { index, message: format!("the path names the parameter `{name}` twice") });
            } else {
                seen.push(name);
            }
        }
    }
    (PathTemplate { segments }, issues)
}

/// One segment: a parameter when the whole segment is a placeholder, else literal text.
pub fn parse_segment(segment: &str) -> Segment {
    match placeholder_name(segment) {
        Some(name) => Segment::Param(name.to_string()),
        None => Segment::Literal(segment.to_string()),
    }
}

/// The parameter name when the whole segment is one placeholder: `:id`, `{id}`, `{{id}}` or
/// `[id]`. The name is kept as written, apart from surrounding blanks (`{{ id }}`).
pub fn placeholder_name(segment: &str) -> Option<&str> {
    let s = segment.trim();
    let name = if let Some(rest) = s.strip_prefix("{{") {
        rest.strip_suffix("}}")?
    } else if let Some(rest) = s.strip_prefix('{') {
        rest.strip_suffix('}')?
    } else if let Some(rest) = s.strip_prefix('[') {
        rest.strip_suffix(']')?
    } else {
        s.strip_prefix(':')?
    };
    let name = name.trim();
    let valid = !name.is_empty() && !name.contains(['{', '}', '[', ']', '/']) && !name.starts_with(':');
    valid.then_some(name)
}

/// A literal segment that still carries placeholder syntax inside other text.
fn has_embedded_placeholder(text: &str) -> bool {
    let braces = text.find('{').is_some_and(|open| text[open..].contains('}'));
    let brackets = text.find('[').is_some_and(|open| text[open..].contains(']'));
    braces || brackets
}

/// Decodes `%XX` escapes in a path segment, except `%2F`, which would change the segmentation.
/// A segment whose escapes do not decode to UTF-8 is kept as written.
fn percent_decode_segment(raw: &str) -> String {
    if !raw.contains('%') {
        return raw.to_string();
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(pos) = rest.find("%2F").or_else(|| rest.find("%2f")) {
        out.push_str(&percent_decode(&rest[..pos], false));
        out.push_str(&rest[pos..pos + 3]);
        rest = &rest[pos + 3..];
    }
    out.push_str(&percent_decode(rest, false));
    out
}

/// Decodes `%XX` escapes (and `+` as a space when `plus_as_space`, as query strings mean it).
/// Escapes that are malformed or do not form UTF-8 are kept as written.
pub fn percent_decode(raw: &str, plus_as_space: bool) -> String {
    let bytes = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(if plus_as_space && b == b'+' { b' ' } else { b });
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(_) if plus_as_space => raw.replace('+', " "),
        Err(_) => raw.to_string(),
    }
}

/// Whether a literal path segment looks like a sample value (an id, an e-mail address) rather than
/// a word of the API. On its own this is weak evidence: callers also need a sibling path with a
/// parameter at the same position.
///
/// An id has a digit (`wDQ2w9V6`, `12345`, a UUID; not a version such as `v2` or a word with a
/// number such as `oauth2`), or mixes case in a way camelCase words do not (`exmepWVG`), or
/// carries characters no path word has (`user@example.com`, free text with spaces).
pub fn looks_like_id(segment: &str) -> bool {
    let s = segment.trim();
    if s.is_empty() || placeholder_name(s).is_some() {
        return false;
    }
    if s.contains('@') || s.contains(' ') {
        return true;
    }
    if s.chars().any(|c| c.is_ascii_digit()) {
        return !is_version(s) && !is_word_with_number(s);
    }
    if s.contains(['-', '_', '.', '~']) {
        // kebab-case, snake_case and file names are words.
        return false;
    }
    let has_upper = s.chars().any(|c| c.is_uppercase());
    let has_lower = s.chars().any(|c| c.is_lowercase());
    if !(has_upper && has_lower) {
        // One case only: a word (`removecancellation`) or an acronym (`API`).
        return false;
    }
    !is_camel_case_word(s) && s.chars().count() >= 6
}

/// `v1`, `V2`, `v1.2`.
fn is_version(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['v', 'V']) else { return false };
    !rest.is_empty() && rest.split(['.', '_']).all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
}

/// A lower-case word followed by one or two digits: `oauth2`, `s3`, `ipv4`, `base64`.
fn is_word_with_number(s: &str) -> bool {
    let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
    let letters = &s[..s.len() - digits];
    (1..=2).contains(&digits) && !letters.is_empty() && letters.bytes().all(|b| b.is_ascii_lowercase())
}

/// `forgotPassword`, `setTemporaryPassword`, `AccountStage`: every capital starts a lower-case run.
fn is_camel_case_word(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    if !chars.iter().all(|c| c.is_alphabetic()) {
        return false;
    }
    for (i, c) in chars.iter().enumerate() {
        if c.is_uppercase() && !chars.get(i + 1).is_some_and(|n| n.is_lowercase()) {
            return false;
        }
    }
    true
}

/// Two segments can be the same position of one endpoint: equal literals, or a parameter on
/// either side.
pub fn segments_compatible(a: &Segment, b: &Segment) -> bool {
    match (a, b) {
        (Segment::Literal(x), Segment::Literal(y)) => x == y,
        _ => true,
    }
}

/// The segments without trailing empty literals, so `/a/b/` and `/a/b` compare equal.
pub fn without_trailing_slash(segments: &[Segment]) -> &[Segment] {
    let mut end = segments.len();
    while end > 0 && matches!(&segments[end - 1], Segment::Literal(s) if s.is_empty()) {
        end -= 1;
    }
    &segments[..end]
}

/// Matches the tail of `longer` against all of `shorter`, position by position, trailing slashes
/// ignored. Returns how many leading segments of `longer` are left over (a base path such as
/// `/api/v1` that a literal host carried), or `None` when some position disagrees.
pub fn tail_match(shorter: &[Segment], longer: &[Segment]) -> Option<usize> {
    let shorter = without_trailing_slash(shorter);
    let longer = without_trailing_slash(longer);
    let offset = longer.len().checked_sub(shorter.len())?;
    let tail = longer.get(offset..)?;
    shorter.iter().zip(tail).all(|(a, b)| segments_compatible(a, b)).then_some(offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(s: &str) -> Segment {
        Segment::Literal(s.into())
    }

    fn param(s: &str) -> Segment {
        Segment::Param(s.into())
    }

    #[test]
    fn colon_syntax_is_a_postman_path_variable() {
        assert_eq!(
            parse_path("/ss/rsapi/clients/:id").segments,
            vec![lit("ss"), lit("rsapi"), lit("clients"), param("id")]
        );
    }

    #[test]
    fn single_brace_syntax_is_an_openapi_parameter() {
        assert_eq!(
            parse_path("billing/subscriptions/{subscriptionUid}").segments,
            vec![lit("billing"), lit("subscriptions"), param("subscriptionUid")]
        );
    }

    #[test]
    fn double_brace_syntax_is_a_postman_variable_parameter() {
        assert_eq!(
            parse_path("/crm/accounts/{{accountUid}}/send-confirmation-email").segments,
            vec![lit("crm"), lit("accounts"), param("accountUid"), lit("send-confirmation-email")]
        );
        assert_eq!(parse_path("/a/{{ id }}").segments, vec![lit("a"), param("id")]);
    }

    #[test]
    fn square_bracket_syntax_keeps_the_name_as_written() {
        assert_eq!(parse_path("/crm/people/[personUid]").segments, vec![lit("crm"), lit("people"), param("personUid")]);
        assert_eq!(
            parse_path("/crm/accounts/extendtrial/[accountUid]/[date_in_yyyy-MM-DD]").segments,
            vec![lit("crm"), lit("accounts"), lit("extendtrial"), param("accountUid"), param("date_in_yyyy-MM-DD")]
        );
    }

    #[test]
    fn trailing_slash_is_an_empty_last_literal() {
        assert_eq!(parse_path("/crm/accounts/").segments, vec![lit("crm"), lit("accounts"), lit("")]);
        assert_eq!(parse_path("/crm/accounts").segments, vec![lit("crm"), lit("accounts")]);
    }

    #[test]
    fn root_and_empty_paths_have_no_segments() {
        assert!(parse_path("/").segments.is_empty());
        assert!(parse_path("").segments.is_empty());
    }

    #[test]
    fn percent_encoded_placeholders_are_decoded_first() {
        assert_eq!(
            parse_path("/crm/people/%5BpersonUid%5D").segments,
            vec![lit("crm"), lit("people"), param("personUid")]
        );
        assert_eq!(parse_path("/files/a%2Fb").segments, vec![lit("files"), lit("a%2Fb")]);
    }

    #[test]
    fn mixed_segments_stay_literal_and_are_reported() {
        let (path, issues) = parse_path_checked("/files/{name}.json");
        assert_eq!(path.segments, vec![lit("files"), lit("{name}.json")]);
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].index, 1);
    }

    #[test]
    fn a_parameter_named_twice_is_reported() {
        let (_, issues) = parse_path_checked("/a/:id/b/{id}");
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("twice"));
    }

    #[test]
    fn empty_placeholders_are_literal() {
        assert_eq!(parse_segment("{}"), lit("{}"));
        assert_eq!(parse_segment(":"), lit(":"));
        assert_eq!(parse_segment("[]"), lit("[]"));
    }

    #[test]
    fn literal_ids_from_the_seeds_look_like_ids() {
        for id in [
            "wDQ2w9V6",
            "exmepWVG",
            "KL9ngWZG",
            "KaWx1mVr",
            "27084",
            "d6a55fc8-dac1-4b2c-8d6a-652d5804f88f",
            "joi+admin@crankwheel.com",
        ] {
            assert!(looks_like_id(id), "{id} should look like an id");
        }
    }

    #[test]
    fn path_words_do_not_look_like_ids() {
        for word in [
            "forgotPassword",
            "setTemporaryPassword",
            "extendtrial",
            "removecancellation",
            "cancellation",
            "compute-charge-summary",
            "send-confirmation-email",
            "firsttimesubscription",
            "usage_new",
            "accounts",
            "v1",
            "oauth2",
            "API",
            "memberships",
            "",
            ":id",
            "[personUid]",
        ] {
            assert!(!looks_like_id(word), "{word} should not look like an id");
        }
    }

    #[test]
    fn tail_match_tolerates_a_base_path_and_parameters_on_either_side() {
        let request = parse_path("/crm/accounts/[accountUid]").segments;
        let example = parse_path("/api/v1/crm/accounts/KaWx1mVr").segments;
        assert_eq!(tail_match(&request, &example), Some(2));
        let other = parse_path("/billing/subscriptions/change-subscription-preview").segments;
        let mine = parse_path("/billing/subscriptions/compute-charge-summary").segments;
        assert_eq!(tail_match(&mine, &other), None);
        assert_eq!(tail_match(&parse_path("/crm/accounts/").segments, &parse_path("/crm/accounts").segments), Some(0));
    }

    #[test]
    fn percent_decode_keeps_malformed_escapes() {
        assert_eq!(percent_decode("a%20b", false), "a b");
        assert_eq!(percent_decode("ActivityDateTime+DESC", true), "ActivityDateTime DESC");
        assert_eq!(percent_decode("100%", false), "100%");
        assert_eq!(percent_decode("%zz", false), "%zz");
        assert_eq!(percent_decode("%ff", false), "%ff");
    }
}
