//! A large JSON document parsed on two threads.
//!
//! serde_json parses one value on one thread: 75 ms for GitHub's 13 MB description, the largest
//! serial piece of the run. A byte scan finds the document's skeleton, the objects down to
//! [`SPLIT_DEPTH`] levels (`components/schemas` is one: its 969 entries are leaves), and the byte
//! ranges of the values below; serde_json parses those ranges on two threads, and the skeleton's
//! objects are filled in the document's order, with the same `Map::insert` a whole parse does.
//!
//! The scan checks the skeleton's grammar (keys, colons, commas, braces) and serde_json checks
//! each leaf in full, so a document read this way is valid JSON and gives the same value as a
//! whole parse. Whenever either is unsure (a bad or deep leaf, a key seen twice, anything), the
//! answer is `None` and the caller parses the whole text, which gives its own value or error.

use super::locate_many::Places;
use super::pointer::child;
use serde_json::{Map, Value};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Mutex;

/// Smaller documents are parsed whole: the scan and the thread would cost more than they save.
pub const MIN_LEN: usize = 1 << 20;

/// How deep the skeleton goes: the root (1), its members (2: `components`), theirs (3:
/// `components/schemas`, `paths/{path}`); the values in the last are leaves.
const SPLIT_DEPTH: usize = 3;

/// A whole parse stops at serde_json's limit of 128 levels (the caller then takes another way);
/// so as never to accept what it rejects, anything near that is left to it.
const MAX_NEST: usize = 100;

/// Leaves are parsed in batches of about this many bytes (1% of GitHub's description), taken
/// in turn by either thread.
const BATCH_BYTES: usize = 128 << 10;

/// An object of the skeleton: each member's key, value and the offset where the value starts,
/// in the text's order. A leaf's value is the next of those parsed, in order.
#[derive(Debug)]
enum Node {
    Leaf,
    Object(Vec<(String, Node, usize)>),
}

/// A run of consecutive leaves, numbered in the text's order.
type Batch = (usize, Vec<Range<usize>>);

/// The value of the JSON `text` (an object at the top) and where the skeleton's values start,
/// or `None` if the text is not one this way can read exactly as [`serde_json::from_str`] would.
pub fn parse(text: &str) -> Option<(Value, Places)> {
    // The scan hands out batches as it goes, so the other thread starts parsing at once; once
    // the scan is done, this thread parses too.
    let (sender, receiver) = mpsc::channel::<Batch>();
    let receiver = Mutex::new(receiver);
    let failed = AtomicBool::new(false);
    let work = || parse_batches(text, &receiver, &failed);
    let scan_then_work = || {
        let mut batcher = Batcher { sender, number: 0, leaves: Vec::new(), bytes: 0 };
        let root = Scanner { bytes: text.as_bytes(), batcher: &mut batcher }.document();
        if root.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        batcher.flush();
        // The other thread's wait ends when the last batch is taken.
        drop(batcher);
        (root, work())
    };
    // Not `both::both`: without a second thread, the scan must come first, then all the work.
    let (theirs, (root, ours)) = std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().name("parse-json".into()).stack_size(crate::both::STACK).spawn_scoped(scope, work);
        let ours = scan_then_work();
        let theirs = match spawned {
            Ok(handle) => handle.join().ok().flatten(),
            Err(_) => Some(Vec::new()),
        };
        (theirs, ours)
    });
    let mut all: Vec<(usize, Vec<Value>)> = theirs?.into_iter().chain(ours?).collect();
    all.sort_unstable_by_key(|(n, _)| *n);
    let mut values = all.into_iter().flat_map(|(_, values)| values);
    let mut places = Places::default();
    let value = assemble(root?, &mut values, "", &mut places)?;
    Some((value, places))
}

/// The batches' values, parsed as they come until the scan is done; `None` once any leaf
/// (on either thread) or the scan failed.
fn parse_batches(text: &str, receiver: &Mutex<Receiver<Batch>>, failed: &AtomicBool) -> Option<Vec<(usize, Vec<Value>)>> {
    let mut done = Vec::new();
    loop {
        let next = receiver.lock().ok()?.recv();
        let Ok((number, leaves)) = next else { return Some(done) };
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        let values = leaves.into_iter().map(|r| serde_json::from_str(text.get(r)?).ok()).collect::<Option<Vec<Value>>>();
        let Some(values) = values else {
            failed.store(true, Ordering::Relaxed);
            return None;
        };
        done.push((number, values));
    }
}

/// Gathers the scan's leaves into batches of about [`BATCH_BYTES`] and sends each when full.
struct Batcher {
    sender: Sender<Batch>,
    number: usize,
    leaves: Vec<Range<usize>>,
    bytes: usize,
}

impl Batcher {
    fn push(&mut self, leaf: Range<usize>) {
        self.bytes += leaf.len();
        self.leaves.push(leaf);
        if self.bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.leaves.is_empty() {
            return;
        }
        let leaves = std::mem::take(&mut self.leaves);
        // A send fails only when both threads have stopped taking batches: after a failure.
        let _ = self.sender.send((self.number, leaves));
        (self.number, self.bytes) = (self.number + 1, 0);
    }
}

/// The bytes that open or close a string, an object or a list.
static STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'{' as usize] = true;
    table[b'}' as usize] = true;
    table[b'[' as usize] = true;
    table[b']' as usize] = true;
    table
};

struct Scanner<'a> {
    bytes: &'a [u8],
    batcher: &'a mut Batcher,
}

impl Scanner<'_> {
    /// The root object, with nothing but whitespace after it.
    fn document(mut self) -> Option<Node> {
        let start = self.skip_ws(0);
        let (root, end) = self.object(start, 1)?;
        (self.skip_ws(end) == self.bytes.len()).then_some(root)
    }

    /// The object opening at `start`, `nest` levels deep (the root is 1), and the offset after it.
    fn object(&mut self, start: usize, nest: usize) -> Option<(Node, usize)> {
        if self.bytes.get(start) != Some(&b'{') {
            return None;
        }
        let mut members = Vec::new();
        let mut i = self.skip_ws(start + 1);
        if self.bytes.get(i) == Some(&b'}') {
            return Some((Node::Object(members), i + 1));
        }
        loop {
            let key_end = self.string_end(i)?;
            // serde_json decodes the key (escapes, surrogates) and rejects what it would.
            let key: String = serde_json::from_str(self.text(i..key_end)?).ok()?;
            i = self.skip_ws(key_end);
            if self.bytes.get(i) != Some(&b':') {
                return None;
            }
            i = self.skip_ws(i + 1);
            let start = i;
            let (value, end) = if nest < SPLIT_DEPTH && self.bytes.get(i) == Some(&b'{') {
                self.object(i, nest + 1)?
            } else {
                let end = self.value_end(i, nest)?;
                self.batcher.push(i..end);
                (Node::Leaf, end)
            };
            members.push((key, value, start));
            i = self.skip_ws(end);
            match self.bytes.get(i)? {
                b',' => i = self.skip_ws(i + 1),
                b'}' => return Some((Node::Object(members), i + 1)),
                _ => return None,
            }
        }
    }

    /// The offset after the value starting at `start`, inside an object `nest` levels deep. Only
    /// its extent: serde_json checks the rest.
    fn value_end(&self, start: usize, nest: usize) -> Option<usize> {
        let bytes = self.bytes;
        match *bytes.get(start)? {
            b'"' => self.string_end(start),
            b'{' | b'[' => {
                // Brackets of either kind are counted together; a mismatch fails the leaf's parse.
                let (mut depth, mut i) = (0usize, start);
                loop {
                    // Past the bytes that change nothing (most are indentation).
                    i += bytes.get(i..)?.iter().position(|&b| STRUCTURAL[usize::from(b)])?;
                    match bytes[i] {
                        b'"' => {
                            i = self.string_end(i)?;
                            continue;
                        }
                        b'{' | b'[' => {
                            depth += 1;
                            if nest + depth > MAX_NEST {
                                return None;
                            }
                        }
                        _ => {
                            depth -= 1;
                            if depth == 0 {
                                return Some(i + 1);
                            }
                        }
                    }
                    i += 1;
                }
            }
            // A number, `true`, `false` or `null`: to the next separator.
            _ => {
                let len = bytes[start..].iter().position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))?;
                (len > 0).then_some(start + len)
            }
        }
    }

    /// The offset after the string whose opening quote is at `start`.
    fn string_end(&self, start: usize) -> Option<usize> {
        if self.bytes.get(start) != Some(&b'"') {
            return None;
        }
        let mut i = start + 1;
        loop {
            let at = memchr::memchr2(b'"', b'\\', self.bytes.get(i..)?)?;
            if self.bytes[i + at] == b'"' {
                return Some(i + at + 1);
            }
            // Past the backslash and the byte it escapes.
            i += at + 2;
        }
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while matches!(self.bytes.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            i += 1;
        }
        i
    }

    /// The text of `range`: `None` if it does not fall on character boundaries (the scan only
    /// cuts at ASCII bytes, so it always does).
    fn text(&self, range: Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.bytes.get(range)?).ok()
    }
}

/// The skeleton at `pointer` filled with the leaves' values, taken in order, and the start of
/// each of its members' values in `places`. `None` on a key seen twice in one object, where a
/// whole parse is left to decide.
fn assemble(node: Node, values: &mut impl Iterator<Item = Value>, pointer: &str, places: &mut Places) -> Option<Value> {
    match node {
        Node::Leaf => values.next(),
        Node::Object(members) => {
            let mut map = Map::new();
            for (key, member, start) in members {
                let at = child(pointer, &key);
                let value = assemble(member, values, &at, places)?;
                places.record(at, start);
                if map.insert(key, value).is_some() {
                    return None;
                }
            }
            Some(Value::Object(map))
        }
    }
}

#[cfg(test)]
#[path = "split_json_tests.rs"]
mod tests;
