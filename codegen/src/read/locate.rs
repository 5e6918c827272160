//! Finds the line of a JSON pointer in the original text, so diagnostics can name it.
//!
//! Parsing into `serde_json::Value` loses positions; rather than keep a second, position-aware
//! tree for every document, these scanners walk the text once when a diagnostic needs a line.

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
    let mut scanner = JsonScanner { bytes: text.as_bytes(), pos: 0, line: 1 };
    scanner.skip_ws();
    scanner.find(&target, 0)
}

struct JsonScanner<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl JsonScanner<'_> {
    fn skip_ws(&mut self) {
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ => return,
            }
            self.pos += 1;
        }
    }

    /// At the start of a value: returns its line if `target[depth..]` is empty, else descends.
    fn find(&mut self, target: &[String], depth: usize) -> Option<usize> {
        if depth == target.len() {
            return Some(self.line);
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
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        self.pos += 1;
        while let Some(&b) = self.bytes.get(self.pos) {
            match b {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    let raw = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
                    return serde_json::from_str(raw).ok();
                }
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                _ => self.pos += 1,
            }
        }
        None
    }

    /// Skips one whole value: a string, a container with everything in it, or a scalar.
    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match *self.bytes.get(self.pos)? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match *self.bytes.get(self.pos)? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth -= 1;
                            if depth == 0 {
                                self.pos += 1;
                                return Some(());
                            }
                        }
                        b'\n' => self.line += 1,
                        _ => {}
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
    // Skip a leading `---` document marker.
    let mut start = lines.iter().position(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && t != "---"
    })?;
    if target.is_empty() {
        return Some(start + 1);
    }
    let mut parent_indent: isize = -1;
    let mut end = lines.len();
    for seg in &target {
        let mut found = None;
        let mut index = 0usize;
        for (i, line) in lines.iter().enumerate().take(end).skip(start) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = (line.len() - trimmed.len()) as isize;
            if indent <= parent_indent && i > start {
                break;
            }
            if let Some(item) = trimmed.strip_prefix("- ").or(if trimmed == "-" { Some("") } else { None }) {
                if seg.parse::<usize>().ok() == Some(index) {
                    // The item's own keys sit two columns in, on this same line.
                    let _ = item;
                    found = Some((i, indent + 1));
                    break;
                }
                index += 1;
                continue;
            }
            let key = trimmed.split_once(':').map(|(k, _)| k.trim().trim_matches(|c| c == '"' || c == '\''));
            if key == Some(seg.as_str()) {
                found = Some((i, indent));
                break;
            }
        }
        let (line, indent) = found?;
        start = line;
        parent_indent = indent;
        end = lines.len();
    }
    Some(start + 1)
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
    fn json_line_handles_escaped_pointer_segments() {
        let text = "{\"a/b\": {\n\"~x\": true}}";
        assert_eq!(json_line(text, "/a~1b/~0x"), Some(2));
    }

    #[test]
    fn yaml_line_follows_indentation() {
        let text = "---\nswagger: '2.0'\npaths:\n  /a:\n    get:\n      parameters:\n        - name: x\n        - name: y\n";
        assert_eq!(yaml_line(text, "/paths/~1a/get"), Some(5));
        assert_eq!(yaml_line(text, "/paths/~1a/get/parameters/1"), Some(8));
        assert_eq!(yaml_line(text, "/nope"), None);
    }
}
