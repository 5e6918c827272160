//! Finds the lines of many JSON pointers in one pass over the text.
//!
//! [`super::locate`] scans the text from its start for one pointer: once per warning, a
//! document with thousands of warnings took a scan each (quadratic). Here the pointers become
//! a tree of segments, and one walk descends only where some pointer leads, skipping the rest,
//! so the cost is one scan whatever the number of pointers. The answers are those of
//! `locate::json_line` and `locate::yaml_line` for each pointer (`tests/locate_many.rs`).

use super::locate::{pointer_segments, Child, JsonScanner, Position};
use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The line of each of `pointers` in JSON `text`, as [`super::locate::json_line`] gives it.
pub fn json_lines(text: &str, pointers: &[&str]) -> Vec<Option<usize>> {
    walk_from(text, 0, 1, pointers)
}

/// [`json_lines`], each pointer walked to from the deepest of `places` above it (the others
/// from the top): the walk from the top crossed all of GitHub's 13 MB description for its 13
/// warnings (8 ms), as the last is near the end.
pub fn json_lines_in(text: &str, pointers: &[&str], places: &Places) -> Vec<Option<usize>> {
    let mut out = vec![None; pointers.len()];
    let mut from_top = Vec::new();
    let mut by_start: BTreeMap<usize, Vec<(usize, &str)>> = BTreeMap::new();
    for (i, pointer) in pointers.iter().enumerate() {
        match places.deepest(pointer) {
            Some((start, rest)) => by_start.entry(start).or_default().push((i, rest)),
            None => from_top.push(i),
        }
    }
    if !from_top.is_empty() {
        let found = json_lines(text, &from_top.iter().map(|&i| pointers[i]).collect::<Vec<_>>());
        for (i, line) in from_top.into_iter().zip(found) {
            out[i] = line;
        }
    }
    // In the text's order, each newline counted once.
    let (mut line, mut counted) = (1, 0);
    for (start, group) in by_start {
        let upto = start.clamp(counted, text.len());
        line += memchr::memchr_iter(b'\n', text.as_bytes().get(counted..upto).unwrap_or_default()).count();
        counted = upto;
        let rests: Vec<&str> = group.iter().map(|(_, rest)| *rest).collect();
        for ((i, _), found) in group.into_iter().zip(walk_from(text, start, line, &rests)) {
            out[i] = found;
        }
    }
    out
}

/// The lines of `pointers` (from the value that starts at byte `start`, on `line`).
fn walk_from(text: &str, start: usize, line: usize, pointers: &[&str]) -> Vec<Option<usize>> {
    let tree = Tree::new(pointers);
    let mut walk = JsonWalk {
        s: JsonScanner { bytes: text.as_bytes(), pos: start },
        counted: start.min(text.len()),
        line,
        entered: vec![false; tree.nodes.len()],
        tree: &tree,
        out: vec![None; pointers.len()],
    };
    walk.s.skip_ws();
    // Malformed text (never: it parsed) ends the walk; what it has not found stays `None`.
    let _ = walk.value(&[0]);
    walk.out
}

/// Where the values of a JSON document's skeleton start (the members of its top levels, as
/// `split_json` scanned them), by pointer. Empty for other documents.
#[derive(Clone, Debug, Default)]
pub struct Places {
    starts: HashMap<String, usize>,
    /// How many segments the longest pointer has.
    depth: usize,
}

impl Places {
    /// The value at `pointer` (escaped as `read::pointer::child` writes it) starts at byte `start`.
    pub(crate) fn record(&mut self, pointer: String, start: usize) {
        self.depth = self.depth.max(pointer.matches('/').count());
        self.starts.insert(pointer, start);
    }

    /// The start of the deepest recorded value at or above `pointer`, and the rest of the
    /// pointer below it. A pointer written otherwise than the recorded ones (`~` escapes in
    /// another form) is not found here, and is walked to from the top.
    fn deepest<'p>(&self, pointer: &'p str) -> Option<(usize, &'p str)> {
        if !pointer.starts_with('/') {
            return None;
        }
        let ends = pointer.match_indices('/').skip(1).map(|(i, _)| i).chain([pointer.len()]).take(self.depth);
        let ends: Vec<usize> = ends.collect();
        ends.into_iter().rev().find_map(|end| Some((*self.starts.get(pointer.get(..end)?)?, pointer.get(end..)?)))
    }

    #[cfg(test)]
    pub(crate) fn pointers(&self) -> impl Iterator<Item = &str> {
        self.starts.keys().map(String::as_str)
    }
}

/// The line of each of `pointers` in block-style YAML `text`, as [`super::locate::yaml_line`]
/// gives it.
pub fn yaml_lines(text: &str, pointers: &[&str]) -> Vec<Option<usize>> {
    let tree = Tree::new(pointers);
    let lines: Vec<&str> = text.lines().collect();
    let mut walk = YamlWalk { lines: &lines, tree: &tree, placed: vec![false; tree.nodes.len()], out: vec![None; pointers.len()] };
    if let Some(root) = Position::root(&lines) {
        walk.node(0, &root);
    }
    walk.out
}

/// The pointers as a tree of their segments; node 0 is the document.
struct Tree {
    nodes: Vec<Node>,
}

#[derive(Default)]
struct Node {
    /// The indexes of the pointers that end at this node.
    ends: Vec<usize>,
    children: HashMap<String, usize>,
}

impl Tree {
    fn new(pointers: &[&str]) -> Tree {
        let mut nodes = vec![Node::default()];
        for (i, pointer) in pointers.iter().enumerate() {
            let mut at = 0;
            for seg in pointer_segments(pointer) {
                at = match nodes[at].children.get(&seg) {
                    Some(&child) => child,
                    None => {
                        nodes.push(Node::default());
                        let child = nodes.len() - 1;
                        nodes[at].children.insert(seg, child);
                        child
                    }
                };
            }
            nodes[at].ends.push(i);
        }
        Tree { nodes }
    }

    /// The children of `nodes` whose segment reads as an array index, by index: read as the
    /// single-pointer scanners read it (`"01"` is index 1 too).
    fn indexed(&self, nodes: &[usize]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> =
            nodes.iter().flat_map(|&n| self.nodes[n].children.iter().filter_map(|(seg, &c)| Some((seg.parse().ok()?, c)))).collect();
        out.sort_unstable();
        out
    }

    fn leaf(&self, nodes: &[usize]) -> bool {
        nodes.iter().all(|&n| self.nodes[n].children.is_empty())
    }
}

/// A forward walk over JSON text. Where one array element is two pointers' (`/a/1`, `/a/01`),
/// both descend together: `nodes` is a set.
struct JsonWalk<'a> {
    s: JsonScanner<'a>,
    tree: &'a Tree,
    /// Lines counted up to `counted`: the walk only moves forward, so each newline is counted once.
    counted: usize,
    line: usize,
    /// The nodes already descended into: a key given twice leads only to its first value, as
    /// in the single-pointer scan.
    entered: Vec<bool>,
    out: Vec<Option<usize>>,
}

impl<'a> JsonWalk<'a> {
    fn line(&mut self) -> usize {
        let upto = self.s.pos.min(self.s.bytes.len());
        self.line += memchr::memchr_iter(b'\n', &self.s.bytes[self.counted..upto]).count();
        self.counted = upto;
        self.line
    }

    /// At the start of the value where the pointers of `nodes` lead: records their line, looks
    /// for their children, and leaves the scanner past the value.
    fn value(&mut self, nodes: &[usize]) -> Option<()> {
        if nodes.iter().any(|&n| !self.tree.nodes[n].ends.is_empty()) {
            let line = self.line();
            for &n in nodes {
                for &i in &self.tree.nodes[n].ends {
                    self.out[i] = Some(line);
                }
            }
        }
        if self.tree.leaf(nodes) {
            return self.s.skip_value();
        }
        match self.s.bytes.get(self.s.pos)? {
            b'{' => self.object(nodes),
            b'[' => self.array(nodes),
            _ => self.s.skip_value(),
        }
    }

    fn descend(&mut self, next: &[usize]) -> Option<()> {
        if next.is_empty() {
            self.s.skip_value()
        } else {
            self.value(next)
        }
    }

    fn object(&mut self, nodes: &[usize]) -> Option<()> {
        self.s.pos += 1;
        while self.member(b'}')? {
            if self.s.bytes.get(self.s.pos)? != &b'"' {
                return None;
            }
            let key = self.key()?;
            self.s.skip_ws();
            if self.s.bytes.get(self.s.pos)? != &b':' {
                return None;
            }
            self.s.pos += 1;
            self.s.skip_ws();
            let tree = self.tree;
            let next: Vec<usize> = nodes
                .iter()
                .filter_map(|&n| tree.nodes[n].children.get(key.as_ref()).copied())
                .filter(|&c| !std::mem::replace(&mut self.entered[c], true))
                .collect();
            self.descend(&next)?;
        }
        Some(())
    }

    /// Past the blanks and commas before a container's next member: whether there is one, or
    /// the container ends (`close`, then passed).
    fn member(&mut self, close: u8) -> Option<bool> {
        loop {
            self.s.skip_ws();
            match *self.s.bytes.get(self.s.pos)? {
                b',' => self.s.pos += 1,
                b if b == close => {
                    self.s.pos += 1;
                    return Some(false);
                }
                _ => return Some(true),
            }
        }
    }

    /// A key (at its opening quote): its bytes as they stand when it has no escape, which is
    /// nearly always, else decoded.
    fn key(&mut self) -> Option<Cow<'a, str>> {
        let start = self.s.pos;
        self.s.skip_string()?;
        let bytes: &'a [u8] = self.s.bytes;
        let raw = bytes.get(start + 1..self.s.pos - 1)?;
        if memchr::memchr(b'\\', raw).is_none() {
            return Some(Cow::Borrowed(std::str::from_utf8(raw).ok()?));
        }
        self.s.pos = start;
        self.s.string().map(Cow::Owned)
    }

    fn array(&mut self, nodes: &[usize]) -> Option<()> {
        let wanted = self.tree.indexed(nodes);
        let mut wanted = wanted.iter().peekable();
        self.s.pos += 1;
        let mut index = 0;
        while self.member(b']')? {
            let mut next = Vec::new();
            while let Some(&(_, child)) = wanted.next_if(|(i, _)| *i == index) {
                next.push(child);
            }
            self.descend(&next)?;
            index += 1;
        }
        Some(())
    }
}

/// A walk over YAML lines by indentation, each node of the tree visited once: the lines of a
/// node are read once for all its children, where `locate::yaml_line` reads them per pointer.
struct YamlWalk<'a> {
    lines: &'a [&'a str],
    tree: &'a Tree,
    /// The nodes already found: the first line that matches a segment is its node.
    placed: Vec<bool>,
    out: Vec<Option<usize>>,
}

impl<'a> YamlWalk<'a> {
    fn node(&mut self, node: usize, at: &Position<'a>) {
        for &i in &self.tree.nodes[node].ends {
            self.out[i] = Some(at.line + 1);
        }
        let children = &self.tree.nodes[node].children;
        let mut found = Vec::new();
        // An item's first key is on the dash line: `- name: x`.
        if let Some((key, position)) = at.inline_key() {
            if let Some(&child) = children.get(key) {
                self.place(child, position, &mut found);
            }
        }
        let indexed = self.tree.indexed(&[node]);
        let mut indexed = indexed.iter().peekable();
        let mut index = 0;
        for (i, line) in self.lines.iter().enumerate().skip(at.first_child_line()) {
            if found.len() == children.len() {
                break;
            }
            match at.read(i, line) {
                None => break,
                Some(Child::Item(item)) => {
                    while let Some(&(_, child)) = indexed.next_if(|(n, _)| *n == index) {
                        self.place(child, item.clone(), &mut found);
                    }
                    index += 1;
                }
                Some(Child::Key(Some(key), position)) => {
                    if let Some(&child) = children.get(key) {
                        self.place(child, position, &mut found);
                    }
                }
                Some(Child::Key(None, _) | Child::Skip) => {}
            }
        }
        for (child, position) in found {
            self.node(child, &position);
        }
    }

    /// `child` is at `position`, unless an earlier line was it.
    fn place(&mut self, child: usize, position: Position<'a>, found: &mut Vec<(usize, Position<'a>)>) {
        if !std::mem::replace(&mut self.placed[child], true) {
            found.push((child, position));
        }
    }
}
