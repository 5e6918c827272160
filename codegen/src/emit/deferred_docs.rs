//! The operations' long doc blocks kept out of their tokens: a method's or setter's docs are
//! one placeholder attribute, whose printed line is replaced by the doc lines after
//! prettyplease. A doc line as tokens was built, copied, parsed and printed one attribute at
//! a time; on GitHub's description the operations have 12,000 of them.
//!
//! prettyplease prints `#[doc = "\u{1}7"]` on a line of its own as `///\u{1}7` at the
//! item's indentation (a doc value without `\n` that does not start with `/`); a real doc
//! value starts with a space, so no doc line is taken for a placeholder. Each doc line is
//! then written as prettyplease writes `#[doc = " {line}"]` ([`doc_line`]), before the layout
//! pass, which therefore sees the text it saw before.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use foldhash::HashMap;
use std::rc::Rc;

/// What marks a placeholder's value.
const MARK: char = '\u{1}';

/// The doc blocks of one part of the operations file, by placeholder number; the same
/// block has the same number, so that equal setters still have equal tokens (`builders`
/// shares them by their text).
#[derive(Default)]
pub struct DeferredDocs {
    /// Each block once, shared by its number and its entry in `numbers`.
    blocks: Vec<Rc<str>>,
    numbers: HashMap<Rc<str>, usize>,
}

impl DeferredDocs {
    /// The placeholder for `doc`'s lines (nothing for no line, as `doc_attr`).
    pub fn attr(&mut self, doc: String) -> TokenStream {
        if doc.lines().next().is_none() {
            return TokenStream::new();
        }
        let number = match self.numbers.get(doc.as_str()) {
            Some(n) => *n,
            None => {
                let doc: Rc<str> = doc.into();
                self.blocks.push(doc.clone());
                self.numbers.insert(doc, self.blocks.len() - 1);
                self.blocks.len() - 1
            }
        };
        let value = Literal::string(&format!("{MARK}{number}"));
        quote!(#[doc = #value])
    }

    /// prettyplease's text with each placeholder's line replaced by its doc lines, added to
    /// `out`.
    pub fn expand_into(&self, text: &str, out: &mut String) {
        if self.blocks.is_empty() {
            return out.push_str(text);
        }
        for line in text.split_inclusive('\n') {
            let code = line.trim_start_matches(' ');
            let block = code.strip_prefix("///").and_then(|c| c.strip_prefix(MARK)).and_then(|n| n.trim_end_matches('\n').parse::<usize>().ok());
            match block.and_then(|n| self.blocks.get(n)) {
                Some(doc) => {
                    let indent = &line[..line.len() - code.len()];
                    doc.lines().for_each(|l| doc_line(out, indent, l));
                }
                None => out.push_str(line),
            }
        }
    }
}

/// One doc line as prettyplease prints `#[doc = " {line}"]`: `///` and the value with its
/// trailing spaces trimmed.
pub fn doc_line(out: &mut String, indent: &str, line: &str) {
    out.push_str(indent);
    out.push_str("///");
    if !line.trim_end_matches(' ').is_empty() {
        out.push(' ');
        out.push_str(line.trim_end_matches(' '));
    }
    out.push('\n');
}
