//! Finds the line of a JSON pointer in the original text, so diagnostics can name it.
//!
//! Parsing into `serde_json::Value` loses positions; rather than keep a second, position-aware
//! tree for every document, these scanners walk the text when a diagnostic needs a line: once
//! per pointer here (for an error), once for all the warnings in [`super::locate_many`].

/// Splits an RFC 6901 pointer into unescaped segments.
pub fn pointer_segments(pointer: &str) -> Vec<String> {
    if pointer.is_empty() {
        return Vec::new();
    }
    pointer.trim_start_matches('/').split('/').map(|s| s.replace("~1", "/").replace("~0", "~")).collect()
}

/// The line where the JSON value at `pointer` starts. `None` if the pointer is not in the text.
pub fn json_line(text: &str, pointer: &str) -> Option<usize> {
    let target = pointer_segments(pointer);
    let mut scanner = JsonScanner { bytes: text.as_bytes(), pos: 0 };
    scanner.skip_ws();
    scanner.find(&target, 0)
}

/// Lines are counted once, where the target is found: valid JSON has no raw newline inside a
/// string (the text parsed), so the line is the newlines before the position, plus one.
pub(super) struct JsonScanner<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) pos: usize,
}

impl JsonScanner<'_> {
    pub(super) fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn line(&self) -> usize {
        let before = self.bytes.get(..self.pos).unwrap_or(self.bytes);
        1 + memchr::memchr_iter(b'\n', before).count()
    }

    /// At the start of a value: returns its line if `target[depth..]` is empty, else descends.
    fn find(&mut self, target: &[String], depth: usize) -> Option<usize> {
        if depth == target.len() {
            return Some(self.line());
        }
        match self.bytes.get(self.pos)? {
            b'{' => {
                self.pos += 1;
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos)? {
                        b'}' => return None,
                        b',' => {
                            self.pos += 1;
                            continue;
                        }
                        b'"' => {}
                        _ => return None,
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    if self.bytes.get(self.pos)? != &b':' {
                        return None;
                    }
                    self.pos += 1;
                    self.skip_ws();
                    if key == target[depth] {
                        return self.find(target, depth + 1);
                    }
                    self.skip_value()?;
                }
            }
            b'[' => {
                let wanted: usize = target[depth].parse().ok()?;
                self.pos += 1;
                let mut index = 0;
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos)? {
                        b']' => return None,
                        b',' => {
                            self.pos += 1;
                            continue;
                        }
                        _ => {}
                    }
                    if index == wanted {
                        return self.find(target, depth + 1);
                    }
                    self.skip_value()?;
                    index += 1;
                }
            }
            _ => None,
        }
    }

    /// Reads a string token (at its opening quote) and returns its unescaped text.
    pub(super) fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.skip_string()?;
        let raw = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
        serde_json::from_str(raw).ok()
    }

    /// Skips a string token (at its opening quote) without decoding it: most of a large
    /// document is skipped, and decoding every string made each lookup slow. `memchr` jumps
    /// to the next quote or backslash.
    pub(super) fn skip_string(&mut self) -> Option<()> {
        self.pos += 1;
        loop {
            let rest = self.bytes.get(self.pos..)?;
            let at = memchr::memchr2(b'"', b'\\', rest)?;
            if rest[at] == b'"' {
                self.pos += at + 1;
                return Some(());
            }
            self.pos += at + 2;
        }
    }

    /// Skips one whole value: a string, a container with everything in it, or a scalar.
    pub(super) fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match *self.bytes.get(self.pos)? {
            b'"' => self.skip_string(),
            open @ (b'{' | b'[') => {
                // Only this kind of bracket counts (the text parsed, so the other kind is
                // balanced inside), and `memchr3` jumps to the next quote or bracket of it:
                // a byte at a time, the 13 warnings of GitHub's description cost 3.3% of the run.
                let close = if open == b'{' { b'}' } else { b']' };
                let mut depth = 0usize;
                loop {
                    let at = memchr::memchr3(b'"', open, close, self.bytes.get(self.pos..)?)?;
                    self.pos += at;
                    match self.bytes[self.pos] {
                        b'"' => {
                            self.skip_string()?;
                            continue;
                        }
                        b if b == open => depth += 1,
                        _ => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                    }
                    self.pos += 1;
                }
            }
            _ => {
                while !matches!(self.bytes.get(self.pos), Some(b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') | None) {
                    self.pos += 1;
                }
                Some(())
            }
        }
    }
}

/// The line of `pointer` in block-style YAML, found by indentation. Flow style and anchors are
/// not followed; the answer is then `None`, never a wrong line.
pub fn yaml_line(text: &str, pointer: &str) -> Option<usize> {
    let target = pointer_segments(pointer);
    let lines: Vec<&str> = text.lines().collect();
    let mut at = Position::root(&lines)?;
    for seg in &target {
        at = step(&lines, &at, seg)?;
    }
    Some(at.line + 1)
}

/// Where we stand: the line of the current node, the column of its key or dash, whether it
/// is a list item, and the text after the dash (an item's first key sits on its own line).
#[derive(Clone)]
pub(super) struct Position<'a> {
    pub(super) line: usize,
    indent: isize,
    item: bool,
    inline: Option<(isize, &'a str)>,
}

impl<'a> Position<'a> {
    /// The document: its first line of content.
    pub(super) fn root(lines: &[&str]) -> Option<Position<'a>> {
        let first = lines.iter().position(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#') && t != "---"
        })?;
        Some(Position { line: first, indent: -1, item: false, inline: None })
    }

    /// The key that the dash line's text starts with (`- name: x`), and where that key stands.
    pub(super) fn inline_key(&self) -> Option<(&'a str, Position<'a>)> {
        let (col, content) = self.inline?;
        Some((key_of(content)?, Position { line: self.line, indent: col, item: false, inline: None }))
    }

    /// The first line of the node's children.
    pub(super) fn first_child_line(&self) -> usize {
        if self.indent < 0 {
            self.line
        } else {
            self.line + 1
        }
    }

    /// What a line inside the node is, or `None` where the node ends. A blank or comment line
    /// is `Skip`.
    pub(super) fn read<'l>(&self, i: usize, line: &'l str) -> Option<Child<'l>> {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Some(Child::Skip);
        }
        let indent = (line.len() - trimmed.len()) as isize;
        let is_item = trimmed.starts_with("- ") || trimmed == "-";
        // The node ends where a line is no deeper than it (a mapping's list items may sit at
        // the key's own column).
        let ends = if self.item { indent <= self.indent } else { indent < self.indent || (indent == self.indent && !is_item) };
        if ends {
            return None;
        }
        if is_item {
            if self.item || indent < 0 {
                return Some(Child::Skip);
            }
            let content = trimmed.strip_prefix('-').unwrap_or("").trim_start();
            let col = indent + (trimmed.len() - content.len()) as isize;
            return Some(Child::Item(Position { line: i, indent, item: true, inline: (!content.is_empty()).then_some((col, content)) }));
        }
        Some(Child::Key(key_of(trimmed), Position { line: i, indent, item: false, inline: None }))
    }
}

/// A line inside a node: a list item, a line that may start with a key, or neither.
pub(super) enum Child<'a> {
    Item(Position<'a>),
    Key(Option<&'a str>, Position<'a>),
    Skip,
}

fn key_of(content: &str) -> Option<&str> {
    let (k, _) = content.split_once(':')?;
    Some(k.trim().trim_matches(|c| c == '"' || c == '\''))
}

fn step<'a>(lines: &[&'a str], at: &Position<'a>, seg: &str) -> Option<Position<'a>> {
    // An item's first key is on the dash line: `- name: x`.
    if let Some((key, position)) = at.inline_key() {
        if key == seg {
            return Some(position);
        }
    }
    let wanted_index: Option<usize> = seg.parse().ok();
    let mut index = 0;
    for (i, line) in lines.iter().enumerate().skip(at.first_child_line()) {
        match at.read(i, line)? {
            Child::Item(item) if wanted_index == Some(index) => return Some(item),
            Child::Item(_) => index += 1,
            Child::Key(key, position) if key == Some(seg) => return Some(position),
            Child::Key(..) | Child::Skip => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_line_finds_nested_keys_and_indexes() {
        let text = "{\n  \"a\": 1,\n  \"b\": [\n    {\"c\": 2},\n    {\"c\": 3}\n  ]\n}";
        assert_eq!(json_line(text, ""), Some(1));
        assert_eq!(json_line(text, "/a"), Some(2));
        assert_eq!(json_line(text, "/b/1/c"), Some(5));
        assert_eq!(json_line(text, "/b/2"), None);
        assert_eq!(json_line(text, "/zzz"), None);
    }

    #[test]
    fn json_line_skips_values_with_brackets_of_both_kinds_and_inside_strings() {
        let text = "{\"a\": {\"s\": \"}]{[\\\"\", \"l\": [1, {\"x\": \"]\"},\n [2, []]], \"o\": {\"p\": {}}},\n \"b\": [[{\"c\": \"[\"}], {}],\n \"d\": 3}";
        assert!(serde_json::from_str::<serde_json::Value>(text).is_ok());
        assert_eq!(json_line(text, "/b"), Some(3));
        assert_eq!(json_line(text, "/b/1"), Some(3));
        assert_eq!(json_line(text, "/d"), Some(4));
        assert_eq!(json_line(text, "/a/o/p"), Some(2));
    }

    #[test]
    fn json_line_handles_escaped_pointer_segments() {
        let text = "{\"a/b\": {\n\"~x\": true}}";
        assert_eq!(json_line(text, "/a~1b/~0x"), Some(2));
    }

    #[test]
    fn yaml_line_finds_compact_lists_and_keys_on_the_dash_line() {
        let text = "paths:\n  /a:\n    get:\n      parameters:\n      - in: query\n        name: x\n      - name: y\n        in: path\nservers:\n- url: http://x\n";
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/0"), Some(5));
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/0/name"), Some(6));
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/1/name"), Some(7));
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/1/in"), Some(8));
        assert_eq!(yaml_line(text, "/servers/0/url"), Some(10));
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/2"), None);
    }

    #[test]
    fn yaml_line_follows_indentation() {
        let text = "---\nswagger: '2.0'\npaths:\n  /a:\n    get:\n      parameters:\n        - name: x\n        - name: y\n";
        assert_eq!(yaml_line(text, "/paths/~1a/get"), Some(5));
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/1"), Some(8));
        assert_eq!(yaml_line(text, "/nope"), None);
    }
}
