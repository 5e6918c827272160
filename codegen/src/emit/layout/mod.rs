//! Layout: lays prettyplease's text out at rustfmt's default margin (100 columns) and in its
//! "Compressed" parameter layout, where prettyplease keeps a fixed 89-column margin and one
//! parameter, generic argument or call argument a line whenever a list breaks.
//!
//! A pass over the text, not a formatter: it only rewrites shapes it recognises exactly and
//! leaves every other line as prettyplease printed it. Every rewrite only moves whitespace
//! between tokens, but for the trailing comma of a list it puts on one line (`f(a, b)`), which
//! a list of parameters, arguments or array elements does not need. `tests/layout.rs` checks
//! that on every generated file. The shapes:
//!
//! - a list broken one item a line, `(` `<` or `[` ending a line, items one line each ending
//!   with `,`, closed by a line starting with `)` `>` or `]` (macro calls and attributes are
//!   left alone): joined onto one line when it fits;
//! - a function's parameters that do not fit on one line: filled onto as few lines as fit;
//! - a `type` alias too long for one line: broken after its `=`;
//! - a function whose body is one expression line: on one line when it fits;
//! - a method chain one call a line (`x` / `.a()` / `.b()`): on one line when it fits;
//! - a macro call's body that prettyplease filled at its margin (`name!(` ... `);`): filled
//!   again at 100 columns, breaking only at spaces between tokens; never the body of a call
//!   of the runtime's macros that define types (`model! {`), which holds items laid out one
//!   field a line (`emit::calls`).
//!
//! Lines that start or end inside a string literal or a comment, or hold a comment (`///`
//! docs among them), are never touched.

pub(crate) mod lex;

use lex::{plain_lines, Lines};
use std::borrow::Cow;

/// rustfmt's default `max_width`.
pub(super) const WIDTH: usize = 100;

/// `text` laid out (see the module docs).
pub fn layout(text: &str) -> String {
    let plain = plain_lines(text);
    // As many lines as the text: grown as it went, its copies were a tenth of this pass.
    let mut lists = Lists { out: Vec::with_capacity(plain.len()), open: Vec::new() };
    for (line, plain) in text.fast_lines().zip(plain) {
        lists.push(Cow::Borrowed(line), plain);
    }
    let lines = one_line_fns(chains(macros(lists.out)));
    let mut out = String::with_capacity(text.len());
    for (line, _) in &lines {
        out.push_str(line);
        out.push('\n');
    }
    if !text.ends_with('\n') {
        out.pop();
    }
    out
}

type Line<'a> = (Cow<'a, str>, bool);

fn indent(line: &str) -> usize {
    lex::indent(line)
}

fn width(line: &str) -> usize {
    line.chars().count()
}

/// A list whose opening line has been read.
struct Frame<'a> {
    /// Where its opening line is in `out`.
    open: usize,
    close: char,
    /// The indent of its items, known from the line after the opening one.
    items: Option<usize>,
    /// `(`: a tuple when nothing names what it is, `(x,)`: its comma matters for one item.
    needs_two: bool,
    /// A function's parameters.
    params: bool,
    /// When the opening line is a list joined onto the line of another (`fn f(a) -> R<`): how
    /// that list was before.
    before: Option<Vec<Cow<'a, str>>>,
}

/// A list's line, and how it was when that line opens another list.
type Closed<'a> = (Cow<'a, str>, Option<Vec<Cow<'a, str>>>);

#[derive(Default)]
struct Lists<'a> {
    out: Vec<Line<'a>>,
    open: Vec<Frame<'a>>,
}

impl<'a> Lists<'a> {
    fn push(&mut self, mut line: Cow<'a, str>, mut plain: bool) {
        let mut before = None;
        while let Some(top) = self.open.last_mut() {
            let blank = line.trim().is_empty();
            let items = match top.items {
                Some(items) => items,
                None if plain && !blank && indent(&line) > indent(&self.out[top.open].0) => {
                    top.items = Some(indent(&line));
                    break;
                }
                None => {
                    self.open.pop();
                    continue;
                }
            };
            if blank || indent(&line) >= items {
                break;
            }
            let Some(frame) = self.open.pop() else { break };
            if let Some((joined, was)) = self.close(frame, &line, plain) {
                line = joined;
                plain = true;
                before = was;
            }
        }
        let opens = if plain { opens(&line) } else { None };
        self.out.push((line, plain));
        if let Some((close, needs_two, params)) = opens {
            let open = self.out.len() - 1;
            self.open.push(Frame { open, close, items: None, needs_two, params, before });
        }
    }

    /// Closes `frame` with `closer`: the line that now stands for the list and its closing
    /// line, with how they were if that line opens another list; `None` leaves them as they are.
    fn close(&mut self, frame: Frame<'a>, closer: &str, plain: bool) -> Option<Closed<'a>> {
        let items_indent = frame.items?;
        let items = &self.out[frame.open + 1..];
        let simple = |(line, plain): &Line| *plain && indent(line) == items_indent && line.ends_with(',');
        if !plain || !closer.trim_indent().starts_with(frame.close) || items.len() < 1 + usize::from(frame.needs_two) || !items.iter().all(simple) {
            return None;
        }
        let opener = &self.out[frame.open].0;
        let joined = join(opener, items, closer);
        if width(&joined) <= WIDTH {
            let was = opens(&joined).map(|_| {
                let mut was: Vec<Cow<str>> = vec![opener.clone()];
                was.extend(if frame.params { fill(items_indent, items) } else { items.iter().map(|(l, _)| l.clone()).collect() });
                was.push(Cow::Owned(closer.to_string()));
                was
            });
            self.out.truncate(frame.open);
            return Some((Cow::Owned(joined), was));
        }
        let before = frame.before.as_deref().filter(|b| b.len() <= items.len() + 2);
        if let Some((last, kept)) = before.and_then(<[_]>::split_last) {
            // `fn f(..) -> R<..> {` is too long: the parameters as they were, `) -> R<..> {`.
            let alt = join(last, items, closer);
            if width(&alt) <= WIDTH {
                self.out.truncate(frame.open);
                self.out.extend(kept.iter().map(|l| (l.clone(), true)));
                return Some((Cow::Owned(alt), None));
            }
        }
        if let Some((head, rhs)) = split_alias(&joined) {
            self.out.truncate(frame.open);
            self.out.push((Cow::Owned(head), true));
            return Some((Cow::Owned(rhs), None));
        }
        if frame.params {
            let filled = fill(items_indent, items);
            self.out.truncate(frame.open + 1);
            self.out.extend(filled.into_iter().map(|l| (l, true)));
        }
        None
    }
}

/// `opener` items `closer` on one line, without the last item's comma.
fn join(opener: &str, items: &[Line], closer: &str) -> String {
    let mut out = String::with_capacity(opener.len() + closer.len() + items.iter().map(|(l, _)| l.len()).sum::<usize>());
    out.push_str(opener);
    for (i, (item, _)) in items.iter().enumerate() {
        let item = item.trim_indent();
        if i > 0 {
            out.push(' ');
        }
        out.push_str(if i + 1 == items.len() { &item[..item.len() - 1] } else { item });
    }
    out.push_str(closer.trim_indent());
    out
}

/// Items filled onto as few lines as fit, at `indent`.
fn fill<'a>(indent: usize, items: &[Line]) -> Vec<Cow<'a, str>> {
    let mut out = Vec::new();
    let mut line = String::new();
    for (item, _) in items {
        let item = item.trim_indent();
        if !line.is_empty() && width(&line) + 1 + width(item) > WIDTH {
            out.push(Cow::Owned(std::mem::take(&mut line)));
        }
        if line.is_empty() {
            line = " ".repeat(indent);
        } else {
            line.push(' ');
        }
        line.push_str(item);
    }
    out.push(Cow::Owned(line));
    out
}

/// Whether a line opens a list this pass may join: its closing character, whether one item
/// needs its comma, whether it is a function's parameters.
fn opens(line: &str) -> Option<(char, bool, bool)> {
    let code = line.trim_indent();
    if code.starts_with('#') {
        return None;
    }
    let mut rev = code.chars().rev();
    let (last, before) = (rev.next()?, rev.next()?);
    let named = before.is_alphanumeric() || before == '_';
    match last {
        '(' if before == '!' => None,
        '(' => Some((')', !(named || before == '>'), named && is_fn(code))),
        '<' if named || before == ':' => Some(('>', false, false)),
        '[' if before != '!' && before != '#' => Some((']', false, false)),
        _ => None,
    }
}

/// `pub fn name(`, `pub(crate) const unsafe fn name<T>(`.
fn is_fn(code: &str) -> bool {
    let mut words = code.split(' ');
    for word in words.by_ref() {
        match word {
            "fn" => return words.next().is_some_and(|w| w.starts_with(|c: char| c.is_alphabetic() || c == '_')),
            "pub" | "const" | "async" | "unsafe" | "extern" | "\"C\"" => {}
            w if w.starts_with("pub(") => {}
            _ => return false,
        }
    }
    false
}

/// A `type` alias too long for one line, broken after its `=`: the two lines when they fit.
fn split_alias(line: &str) -> Option<(String, String)> {
    let code = line.trim_indent();
    let rest = code.strip_prefix("pub ").or_else(|| code.strip_prefix("pub(crate) ")).unwrap_or(code);
    if !rest.starts_with("type ") || !code.ends_with(';') || code.contains(['"', '/']) {
        return None;
    }
    let (mut depth, mut prev) = (0i32, ' ');
    let mut at = None;
    for (i, c) in line.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' if prev != '-' => depth -= 1,
            ')' | ']' => depth -= 1,
            '=' if depth == 0 && prev == ' ' && line[i + 1..].starts_with(' ') => {
                at = Some(i);
                break;
            }
            _ => {}
        }
        prev = c;
    }
    let at = at?;
    let head = line[..at + 1].to_string();
    let rhs = format!("{}{}", " ".repeat(indent(line) + 4), &line[at + 2..]);
    (width(&head) <= WIDTH && width(&rhs) <= WIDTH).then_some((head, rhs))
}

/// `fn f() -> T {`, one expression line, `}`: on one line when it fits.
fn one_line_fns(lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for (line, plain) in lines {
        // `line` may be the closing `}` of a body of one line under a fn's head.
        let n = out.len();
        if plain && line.trim_indent() == "}" && n >= 2 {
            let (head, body) = (&out[n - 2], &out[n - 1]);
            let ind = indent(&line);
            let expr = body.0.trim_indent();
            let one = head.1
                && body.1
                && indent(&head.0) == ind
                && indent(&body.0) == ind + 4
                && head.0.ends_with(" {")
                && is_fn(head.0.trim_indent())
                && !expr.ends_with([';', ',', '{', '(', '[', '<'])
                && !expr.starts_with(['}', ')', ']', '.', '#'])
                && !expr.starts_with("let ");
            if one {
                let joined = format!("{} {expr} }}", head.0);
                if width(&joined) <= WIDTH {
                    out.truncate(n - 2);
                    out.push((Cow::Owned(joined), true));
                    continue;
                }
            }
        }
        out.push((line, plain));
    }
    out
}

/// `x` then `.a()` `.b()` one a line under it: on one line when it fits.
fn chains(mut lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let (head, plain) = &lines[i];
        let ind = indent(head);
        let calls = lines[i + 1..].iter().take_while(|(l, p)| *p && indent(l) == ind + 4 && l.trim_indent().starts_with('.')).count();
        let end = i + 1 + calls;
        let code = head.trim_indent();
        let ends = |l: &str| l.ends_with(')') || l.ends_with('?');
        let chain = *plain
            && calls > 0
            && (ends(code) || code.ends_with(|c: char| c.is_alphanumeric() || c == '_'))
            && !code.starts_with(['.', '#', '}', ')', ']'])
            && lines[i + 1..end - 1].iter().all(|(l, _)| ends(l))
            && (ends(&lines[end - 1].0) || lines[end - 1].0.ends_with(';'))
            && lines.get(end).is_none_or(|(l, _)| indent(l) <= ind);
        if chain {
            let mut joined = head.to_string();
            for (call, _) in &lines[i + 1..end] {
                joined.push_str(call.trim_indent());
            }
            if width(&joined) <= WIDTH {
                out.push((Cow::Owned(joined), true));
                i = end;
                continue;
            }
        }
        out.push(std::mem::take(&mut lines[i]));
        i += 1;
    }
    out
}

/// A macro call's body that prettyplease filled (`name!(`, lines of tokens, `)`): filled again
/// at 100 columns. A body of one item a line (`vec![` `a,` `b,` `]`) is left as it is.
fn macros(mut lines: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        out.push(std::mem::take(&mut lines[i]));
        let Some((open, plain)) = out.last() else { break };
        i += 1;
        let close = match open.as_bytes() {
            [.., b'!', b'('] => ')',
            [.., b'!', b'['] => ']',
            [.., b'!', b'{'] => '}',
            _ => continue,
        };
        let ind = indent(open);
        let body = lines[i..].iter().take_while(|(l, p)| *p && indent(l) == ind + 4).count();
        let closer = lines.get(i + body);
        let ok = *plain
            && !open.trim_indent().starts_with('#')
            && !crate::emit::calls::is_call(open)
            && body >= 2
            && closer.is_some_and(|(l, p)| *p && indent(l) == ind && l.trim_indent().starts_with(close))
            && !lines[i..i + body].iter().all(|(l, _)| l.ends_with(','))
            && !lines[i..i + body].iter().any(|(l, _)| l.contains("' '"));
        if !ok {
            continue;
        }
        // The body's words: pieces between spaces, a piece inside a literal joined to the next.
        let mut words: Vec<String> = Vec::new();
        let mut word = String::new();
        for piece in lines[i..i + body].iter().flat_map(|(l, _)| l.trim_indent().split(' ')) {
            if !word.is_empty() {
                word.push(' ');
            }
            word.push_str(piece);
            if !word.contains(['"', '\'']) || plain_lines(&word).first().copied().unwrap_or(true) {
                words.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            continue; // a literal that does not end: leave the body alone
        }
        let filled = fill(ind + 4, &words.iter().map(|w| (Cow::Borrowed(w.as_str()), true)).collect::<Vec<_>>());
        if filled.len() < body {
            out.extend(filled.into_iter().map(|l| (Cow::Owned(l.into_owned()), true)));
            i += body;
        }
    }
    out
}
