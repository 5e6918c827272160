//! Spec descriptions into rustdoc that builds without warnings and never runs JSON as a doctest.
//!
//! Descriptions arrive as HTML (Postman) or Markdown (OpenAPI). HTML goes through `htmd`;
//! then code blocks are fenced as `text`, indentation is capped so nothing becomes an indented
//! (Rust) code block, bare URLs are wrapped, and brackets that rustdoc would read as intra-doc
//! links are escaped.

use foldhash::HashMap;
use std::borrow::Cow;
use std::sync::{LazyLock, Mutex};

/// Conversions already made. Each description is converted twice, for the Rust docs and for
/// `openapi.json`, on the two threads of emit; the second is a lookup. Bounded, so that a
/// long fuzzing run cannot grow it.
static DONE: LazyLock<Mutex<HashMap<String, String>>> = LazyLock::new(Mutex::default);

/// Converts a description into rustdoc Markdown. Empty input gives an empty string.
pub fn to_rustdoc(raw: &str) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return String::new();
    }
    if let Some(hit) = DONE.lock().ok().and_then(|done| done.get(raw).cloned()) {
        return hit;
    }
    let out = convert(raw);
    if let Ok(mut done) = DONE.lock() {
        if done.len() >= 1 << 16 {
            done.clear();
        }
        done.insert(raw.to_string(), out.clone());
    }
    out
}

/// [`to_rustdoc`] of trimmed, non-empty text.
fn convert(raw: &str) -> String {
    if !raw.contains('<') {
        // No tag: Markdown as it is (most descriptions; the rest would not change it).
        return clean_markdown(raw);
    }
    // Markdown whose only HTML is line breaks (GitHub's descriptions) stays Markdown: the
    // HTML conversion would escape its backticks and brackets.
    let without_breaks = ["<br />", "<br/>", "<br>"].iter().fold(raw.to_string(), |s, br| s.replace(br, "\n"));
    let raw = if looks_like_html(raw) && !looks_like_html(&without_breaks) { without_breaks.as_str() } else { raw };
    let markdown = if let Some(markdown) = markdown_with_html_blocks(raw) {
        markdown
    } else if looks_like_html(raw) {
        html_to_markdown(raw)
    } else {
        raw.to_string()
    };
    clean_markdown(&markdown)
}

fn html_to_markdown(html: &str) -> String {
    // htmd fences `<pre><code>` but not a bare `<pre>`, which Postman descriptions use.
    let fenced = html.replace("<pre>", "<pre><code>").replace("</pre>", "</code></pre>").replace("<code><code>", "<code>").replace("</code></code>", "</code>");
    htmd::convert(&fenced).unwrap_or_else(|_| crate::text::strip_tags(html))
}

/// Markdown that embeds HTML blocks (a `<table>` between `## Headings`), with only those
/// blocks converted. Converted whole as HTML, its Markdown would lose its line breaks and
/// headings, and its code spans would be escaped (leaving URLs in them bare). `None` unless
/// the text has both: an HTML block (CommonMark's: a line that opens a block tag, up to the
/// next blank line) and Markdown block syntax outside one (a heading, a fence, a table row).
fn markdown_with_html_blocks(raw: &str) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let (mut block, mut in_fence, mut has_block, mut has_markdown) = (None::<String>, false, false, false);
    for line in raw.lines() {
        let trimmed = line.trim_start();
        if let Some(html) = &mut block {
            if trimmed.is_empty() {
                out.push(html_to_markdown(html));
                out.push(String::new());
                block = None;
            } else {
                html.push('\n');
                html.push_str(line);
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            has_markdown = true;
        } else if !in_fence && opens_html_block(trimmed) && line.len() - trimmed.len() < 4 {
            has_block = true;
            block = Some(line.to_string());
            continue;
        } else if !in_fence && (is_heading(trimmed) || trimmed.starts_with('|')) {
            has_markdown = true;
        }
        out.push(line.to_string());
    }
    if let Some(html) = block {
        out.push(html_to_markdown(&html));
    }
    (has_block && has_markdown).then(|| out.join("\n"))
}

/// `<table>`, `</div>`, `<p class=...>`: the start of a CommonMark HTML block (type 6).
fn opens_html_block(line: &str) -> bool {
    const BLOCK_TAGS: [&str; 20] = ["blockquote", "tbody", "thead", "table", "div", "pre", "ul", "ol", "li", "dl", "tr", "td", "th", "hr", "h1", "h2", "h3", "h4", "h5", "p"];
    let Some(rest) = line.strip_prefix('<') else { return false };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    BLOCK_TAGS.iter().any(|t| {
        rest.get(..t.len()).is_some_and(|head| head.eq_ignore_ascii_case(t)) && (rest.len() == t.len() || rest[t.len()..].starts_with(['>', ' ', '/', '\t']))
    })
}

/// `## Tokens`: an ATX heading.
fn is_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|c| *c == '#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

fn looks_like_html(s: &str) -> bool {
    // A tag name must end there: `<branch name>` in prose is not a `<br>`.
    const TAGS: [&str; 18] = ["p", "br", "strong", "code", "ul", "ol", "li", "pre", "h1", "h2", "h3", "table", "a", "div", "em", "b", "i", "span"];
    s.match_indices('<').any(|(at, _)| {
        let rest = &s[at + 1..];
        TAGS.iter().any(|t| {
            rest.get(..t.len()).is_some_and(|head| head.eq_ignore_ascii_case(t)) && rest[t.len()..].starts_with(['>', ' ', '/', '\n'])
        })
    })
}

fn clean_markdown(md: &str) -> String {
    let mut out: Vec<Cow<str>> = Vec::new();
    let mut in_fence = false;
    for line in join_split_links(md) {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            if in_fence {
                out.push("```".into());
            } else {
                let lang = trimmed.trim_start_matches(['`', '~']).trim();
                // Only Rust may run as a doctest; everything else is shown as text.
                out.push(if lang == "rust" { "```rust,ignore".into() } else { "```text".into() });
            }
            in_fence = !in_fence;
            continue;
        }
        // Tabs render unpredictably in rustdoc (and clippy refuses them).
        let line = if line.contains('\t') { Cow::Owned(line.replace('\t', "    ")) } else { line };
        if in_fence {
            out.push(line);
            continue;
        }
        let trimmed = line.trim_start();
        let indent = (line.len() - trimmed.len()).min(3);
        // A line that follows a list item without being one would be read as the item's
        // lazy continuation; these are separate notes ("Default: `secret`").
        // Likewise a line after a quote that is not quoted.
        let after_item = out.last().is_some_and(|l| is_list_item(l.trim_start()));
        let after_quote = out.last().is_some_and(|l| l.trim_start().starts_with('>'));
        if (after_item && indent == 0 && !is_list_item(trimmed) || after_quote && !trimmed.starts_with('>')) && !trimmed.is_empty() {
            out.push(Cow::Borrowed(""));
        }
        // A leading `>` quotes the line; only the rest is prose.
        let quote = trimmed.len() - trimmed.trim_start_matches(['>', ' ']).len();
        let (marker, rest) = if trimmed[..quote].contains('>') { trimmed.split_at(quote) } else { ("", trimmed) };
        let mut cleaned = String::with_capacity(indent + line.len() + 8);
        cleaned.push_str(&"   "[..indent]);
        cleaned.push_str(marker);
        escape_line_into(&unescape_links(rest.trim_end()), &mut cleaned);
        out.push(Cow::Owned(cleaned));
    }
    if in_fence {
        out.push("```".into());
    }
    // Collapse runs of blank lines and trim the ends.
    let mut result: Vec<Cow<str>> = Vec::with_capacity(out.len());
    for line in out {
        if line.trim().is_empty() && result.last().is_none_or(|l| l.trim().is_empty()) {
            continue;
        }
        result.push(line);
    }
    while result.last().is_some_and(|l| l.trim().is_empty()) {
        result.pop();
    }
    result.join("\n")
}

/// The lines of `md`, with a link whose text runs onto the next line (`[Create\nor
/// update](url)`) joined into one line: lines are escaped one at a time, and half a link
/// would lose its brackets.
fn join_split_links(md: &str) -> Vec<Cow<'_, str>> {
    let mut out: Vec<Cow<str>> = Vec::new();
    let mut in_fence = false;
    for line in md.lines() {
        let fence = line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~");
        let open = out.last().is_some_and(|l| !in_fence && has_open_link(l));
        if open && !fence && !line.trim().is_empty() && line.contains("](") {
            if let Some(last) = out.last_mut() {
                let last = last.to_mut();
                last.push(' ');
                last.push_str(line.trim_start());
                continue;
            }
        }
        in_fence ^= fence;
        out.push(Cow::Borrowed(line));
    }
    out
}

/// `\\[text\\](url)`, a link whose brackets an HTML conversion escaped, as `[text](url)`.
fn unescape_links(line: &str) -> Cow<'_, str> {
    if !line.contains("\\](") {
        return Cow::Borrowed(line);
    }
    let mut line = line.to_string();
    while let Some(close) = line.find("\\](") {
        let Some(open) = line[..close].rfind("\\[") else { break };
        line.replace_range(close..close + 1, "");
        line.replace_range(open..open + 1, "");
    }
    Cow::Owned(line)
}

/// Whether the line has a `[` that no `]` closes on it.
fn has_open_link(line: &str) -> bool {
    line.rfind('[').is_some_and(|open| !line[open..].contains(']'))
}

/// `- item`, `* item`, `+ item`, `1. item`, `1) item`.
fn is_list_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    match digits {
        0 => rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ "),
        _ => rest.starts_with(". ") || rest.starts_with(") "),
    }
}

/// Escapes what rustdoc would misread on one line of prose, leaving inline code alone, onto
/// `out`: byte by byte (what it looks for is ASCII), the text between two changes copied at
/// once (a `Vec<char>` of each line and a push per char were most of this file's time).
fn escape_line_into(line: &str, out: &mut String) {
    let b = line.as_bytes();
    let mut in_code = false;
    let (mut done, mut i) = (0, 0);
    // From one byte that may matter to the next (most bytes are prose).
    while let Some(n) = b[i..].iter().position(|&c| MAY_MATTER[usize::from(c)]) {
        i += n;
        let c = b[i];
        if c == b'`' {
            in_code = !in_code;
        }
        if in_code || c == b'`' {
            i += 1;
            continue;
        }
        // `h` is ASCII: `i` is where a char starts.
        let rest = if c == b'h' { &line[i..] } else { "" };
        if (rest.starts_with("http://") || rest.starts_with("https://")) && !preceded_by_link_syntax(b, i) {
            let end = rest.char_indices().find(|&(_, c)| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | ']' | '`')).map_or(rest.len(), |(n, _)| n);
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':']);
            out.push_str(&line[done..i]);
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&rest[url.len()..end]);
            i += end;
            done = i;
            continue;
        }
        let escape = match c {
            // `[text](url)` is a real link (its text may hold inline code); any other
            // bracket is prose, like `[personUid]`.
            b'[' if link_close(b, i).is_some() => None,
            b']' if b.get(i + 1) == Some(&b'(') => None,
            b'[' => Some("\\["),
            b']' => Some("\\]"),
            b'<' => Some("&lt;"),
            b'>' => Some("&gt;"),
            _ => None,
        };
        if let Some(escape) = escape {
            out.push_str(&line[done..i]);
            out.push_str(escape);
            done = i + 1;
        }
        i += 1;
    }
    out.push_str(&line[done..]);
}

/// The bytes [`escape_line_into`] looks at: code spans, brackets, angles and the `h` of a URL.
const MAY_MATTER: [bool; 256] = {
    let mut table = [false; 256];
    let bytes = b"`[]<>h";
    let mut at = 0;
    while at < bytes.len() {
        table[bytes[at] as usize] = true;
        at += 1;
    }
    table
};

/// Where the `]` of a Markdown link starting at `open` is, if `[` starts a link.
fn link_close(b: &[u8], open: usize) -> Option<usize> {
    let close = b[open..].iter().position(|&c| c == b']')? + open;
    (b.get(close + 1) == Some(&b'(')).then_some(close)
}

fn preceded_by_link_syntax(b: &[u8], i: usize) -> bool {
    i > 0 && matches!(b[i - 1], b'(' | b'<' | b'[')
}

/// The first sentence or line, for one-line summaries.
pub fn first_line(doc: &str) -> String {
    doc.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_with_text_code_blocks() {
        let doc = to_rustdoc("<p>Returns <strong>clients</strong>.</p><pre>{\"a\": 1}</pre>");
        assert!(doc.contains("**clients**"), "{doc}");
        assert!(doc.contains("```text"), "{doc}");
        assert!(!doc.contains("<p>"), "{doc}");
    }

    #[test]
    fn bare_urls_are_wrapped_and_brackets_escaped() {
        let doc = to_rustdoc("See https://meeting.is/ss/api. Use [personUid] or [the docs](https://x.io).");
        assert!(doc.contains("<https://meeting.is/ss/api>."), "{doc}");
        assert!(doc.contains("\\[personUid\\]"), "{doc}");
        assert!(doc.contains("[the docs](https://x.io)"), "{doc}");
    }

    #[test]
    fn a_link_whose_text_is_its_url_stays_a_plain_link() {
        let doc = to_rustdoc("use [https://meeting.is](https://meeting.is) here");
        assert!(doc.contains("[https://meeting.is](https://meeting.is)"), "{doc}");
    }

    #[test]
    fn indentation_never_makes_a_code_block() {
        let doc = to_rustdoc("line\n\n        let x = 1;");
        assert!(doc.lines().all(|l| l.len() - l.trim_start().len() < 4), "{doc}");
    }

    #[test]
    fn tabs_quotes_and_notes_after_lists_read_as_written() {
        let doc = to_rustdoc("> [!NOTE]\n> Preview.\n\n- one\n- two\nDefault: `x`\n|a\t|b|");
        assert!(doc.starts_with("> \\[!NOTE\\]\n> Preview."), "{doc}");
        assert!(doc.contains("- two\n\nDefault: `x`"), "{doc}");
        assert!(!doc.contains('\t'), "{doc}");
    }

    #[test]
    fn a_link_split_over_two_lines_stays_a_link() {
        let doc = to_rustdoc("see [Create\nor update a secret](https://x.io/a#b).");
        assert!(doc.contains("[Create or update a secret](https://x.io/a#b)"), "{doc}");
    }

    #[test]
    fn a_link_escaped_by_the_html_conversion_is_a_link_again() {
        let doc = to_rustdoc("<p>You need to \\[request a pull\\](https://x.io/p) first.</p>");
        assert!(doc.contains("[request a pull](https://x.io/p)"), "{doc}");
    }

    #[test]
    fn markdown_with_line_breaks_is_not_converted_as_html() {
        let doc = to_rustdoc("The `:ref` must be `heads/<branch name>`.<br>See [refs](https://x.io/r).");
        assert!(doc.starts_with("The `:ref` must be"), "{doc}");
        assert!(doc.contains("[refs](https://x.io/r)"), "{doc}");
    }

    #[test]
    fn markdown_keeps_its_headings_and_code_around_an_html_table() {
        let raw = "Intro with `project_id`.\n\n## Networks\n\n<table>\n  <tr>\n    <td><code>https://a.io/v0</code></td>\n  </tr>\n</table>\n\n## More\n\n| a | `https://b.io/{x}` |\n|---|---|";
        let doc = to_rustdoc(raw);
        assert!(doc.starts_with("Intro with `project_id`.\n\n## Networks\n\n"), "{doc}");
        assert!(doc.contains("`https://a.io/v0`"), "{doc}");
        assert!(!doc.contains("<table>") && !doc.contains("<td>"), "{doc}");
        assert!(doc.contains("\n\n## More\n\n| a | `https://b.io/{x}` |"), "{doc}");
    }

    #[test]
    fn html_without_markdown_blocks_is_converted_whole() {
        // No Markdown outside the HTML blocks: converted whole, as before.
        let doc = to_rustdoc("<p>One</p>\n<ul><li>two</li></ul>");
        assert!(doc.contains("One") && doc.contains("two") && !doc.contains("<p>"), "{doc}");
    }

    #[test]
    fn fences_of_any_language_become_text_but_rust_is_not_run() {
        assert!(to_rustdoc("```json\n{}\n```").starts_with("```text"));
        assert!(to_rustdoc("```rust\nfn x() {}\n```").starts_with("```rust,ignore"));
    }
}
