//! HTML and plain-text helpers shared by the stages that read prose (merge, infer) and the one
//! that writes rustdoc (emit), so that none of them imports another for a string function.

/// Text without its HTML tags: prose to search, or a description an HTML conversion failed on.
pub fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Text with the HTML entities that descriptions use decoded (`&amp;` last, so `&amp;lt;`
/// stays `&lt;`).
pub fn decode_entities(s: &str) -> String {
    s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&")
}

/// The text of HTML with a line break for each block or `<br>`, so that a heading and its
/// pairs stay apart from the sentences around them.
pub fn block_text(html: &str) -> String {
    const BLOCKS: &[&str] = &["br", "p", "/p", "li", "/li", "tr", "/tr", "div", "/div", "h1", "h2", "h3", "h4", "/h1", "/h2", "/h3", "/h4"];
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else { break };
        let tag = rest[open + 1..open + close].trim().trim_end_matches('/').trim().to_ascii_lowercase();
        let tag_name = tag.split_whitespace().next().unwrap_or_default();
        if BLOCKS.contains(&tag_name) {
            out.push('\n');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_their_text_stays() {
        assert_eq!(strip_tags("<p>The <b>id</b> of it</p>"), "The id of it");
        assert_eq!(decode_entities("a &lt;b&gt; &amp;lt; &quot;c&quot;"), "a <b> &lt; \"c\"");
        assert_eq!(block_text("<p>Codes</p><p>1 = on</p>"), "\nCodes\n\n1 = on\n");
    }
}
