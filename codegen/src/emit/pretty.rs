//! serde_json's pretty printing (two spaces a level), with each line's indent written at
//! once: `PrettyFormatter` writes it two bytes at a time, two million writes for GitHub's
//! `openapi.json` (275,000 lines, 15 spaces a line on average).

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// A separator, then a new line's indent: `,` `\n` and spaces for 128 levels.
const LINE: &[u8; 2 + 2 * 128] = &{
    let mut line = [b' '; 2 + 2 * 128];
    line[0] = b',';
    line[1] = b'\n';
    line
};

/// Writes exactly what `serde_json::ser::PrettyFormatter::new()` writes.
#[derive(Default)]
pub struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    /// A new line (after a comma unless `first`) indented to the current depth.
    fn line<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        let from = usize::from(first);
        match LINE.get(from..2 + 2 * self.depth) {
            Some(line) => w.write_all(line),
            // Deeper than the table: the rest two spaces at a time.
            None => {
                w.write_all(LINE.get(from..).unwrap_or_default())?;
                (LINE.len() - 2..2 * self.depth).step_by(2).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth = self.depth.saturating_sub(1);
        if self.has_value {
            self.line(w, true)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.line(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` pretty-printed onto `out`, as `serde_json::to_writer_pretty` writes it.
pub fn write<T: ?Sized + Serialize>(out: &mut Vec<u8>, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Pretty::default()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_writes() {
        let mut deep = json!([]);
        for at in 0..300 {
            deep = json!({"level": at, "empty": {}, "none": [], "list": [1, "two", deep, {"k": null}]});
        }
        let mut ours = Vec::new();
        super::write(&mut ours, &deep).unwrap();
        assert_eq!(String::from_utf8(ours).unwrap(), serde_json::to_string_pretty(&deep).unwrap());
    }
}
