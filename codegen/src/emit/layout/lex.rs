//! Just enough of Rust's lexical rules to tell which lines the layout may touch.

/// Whether each line starts and ends outside any literal and comment and holds no comment:
/// a lexer of just enough Rust (strings, raw strings, chars against lifetimes, comments).
pub(crate) fn plain_lines(text: &str) -> Vec<bool> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        Code,
        Str,
        Raw(usize),
        Block(usize),
    }
    use State::*;
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let ident = |i: Option<usize>| i.is_some_and(|i| at(i).is_ascii_alphanumeric() || at(i) == b'_' || at(i) >= 0x80);
    let mut out = Vec::with_capacity(b.len() / 40);
    let (mut state, mut plain, mut i) = (Code, true, 0);
    // Where the next `'` is, from `i` on (found again once passed).
    let mut next_quote = memchr::memchr(b'\'', b).unwrap_or(b.len());
    while i < b.len() {
        if state == Code {
            // Most bytes of code mean nothing here: skip to the next one that may, found by
            // `memchr` (a third of this function's time went to looking at each, then a
            // tenth of emit's to stopping at each `r` of a name).
            if next_quote < i {
                next_quote = memchr::memchr(b'\'', &b[i..]).map_or(b.len(), |n| i + n);
            }
            i = memchr::memchr3(b'\n', b'/', b'"', &b[i..]).map_or(b.len(), |n| i + n).min(next_quote);
            if i == b.len() {
                break;
            }
        }
        let c = b[i];
        if c == b'\n' {
            out.push(plain && state == Code);
            plain = state == Code;
            i += 1;
            continue;
        }
        match state {
            Code => match c {
                b'/' if at(i + 1) == b'/' => {
                    plain = false;
                    i = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |n| i + n);
                    continue;
                }
                b'/' if at(i + 1) == b'*' => {
                    plain = false;
                    state = Block(1);
                    i += 1;
                }
                // A raw string when the quote follows `r` and hashes (`r#"`, `br"`), that `r`
                // not the end of a name.
                b'"' => {
                    let hashes = b[..i].iter().rev().take_while(|&&h| h == b'#').count();
                    let r = (i - hashes).checked_sub(1);
                    let raw = r.is_some_and(|r| at(r) == b'r' && (!ident(r.checked_sub(1)) || (at(r - 1) == b'b' && !ident(r.checked_sub(2)))));
                    state = if raw { Raw(hashes) } else { Str };
                }
                b'\'' if at(i + 1) == b'\\' => {
                    // An escaped char: its escape, then anything up to the closing quote.
                    i += 3;
                    while i < b.len() && b[i] != b'\'' && b[i] != b'\n' {
                        i += 1;
                    }
                }
                b'\'' => {
                    let len = utf8_len(at(i + 1));
                    if at(i + 1 + len) == b'\'' {
                        i += 1 + len; // a char; otherwise a lifetime
                    }
                }
                _ => {}
            },
            Str => match c {
                b'\\' if at(i + 1) != b'\n' => i += 1,
                b'"' => state = Code,
                _ => {}
            },
            Raw(hashes) => {
                if c == b'"' && b[i + 1..].iter().take(hashes).filter(|&&h| h == b'#').count() == hashes {
                    state = Code;
                    i += hashes;
                }
            }
            Block(depth) => {
                if c == b'/' && at(i + 1) == b'*' {
                    state = Block(depth + 1);
                    i += 1;
                } else if c == b'*' && at(i + 1) == b'/' {
                    state = if depth == 1 { Code } else { Block(depth - 1) };
                    i += 1;
                }
            }
        }
        i += 1;
    }
    if !text.is_empty() && !text.ends_with('\n') {
        out.push(plain && state == Code);
    }
    out
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The width of a line's indent in spaces, byte by byte (`trim_start_matches(' ')` went a
/// char at a time: a fifth of the layout pass on GitHub's description).
pub(crate) fn indent(line: &str) -> usize {
    line.bytes().take_while(|&b| b == b' ').count()
}

/// `str::trim_start` and `str::lines`, the spaces of an indent and the line ends found a
/// block of bytes at a time (both showed in the layout pass's profile).
pub(crate) trait Lines {
    fn trim_indent(&self) -> &str;
    fn fast_lines(&self) -> impl Iterator<Item = &str>;
}

impl Lines for str {
    fn trim_indent(&self) -> &str {
        self[indent(self)..].trim_start()
    }

    fn fast_lines(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', self.as_bytes()).chain(std::iter::once(self.len()));
        ends.filter_map(move |end| {
            if start > self.len() || (end == self.len() && start == end) {
                return None;
            }
            let line = &self[start..end];
            start = end + 1;
            // As `str::lines`: a line ending in `\r\n` loses both; a last one without `\n` keeps its `\r`.
            Some(if end < self.len() { line.strip_suffix('\r').unwrap_or(line) } else { line })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Lines;

    #[test]
    fn fast_lines_split_as_str_lines() {
        for text in ["", "a", "a\n", "a\n\n", "\n", "a\r\nb\r", "a\r\n", " x\n\r\n  y", "\r"] {
            assert_eq!(text.fast_lines().collect::<Vec<_>>(), text.lines().collect::<Vec<_>>(), "{text:?}");
        }
        assert_eq!("  \u{a0} x".trim_indent(), "  \u{a0} x".trim_start());
    }
}

