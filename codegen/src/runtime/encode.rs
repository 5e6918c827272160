/// Percent-encodes one path segment, so `../admin`, `a/b` and `user+tag@example.com` stay one
/// segment. Only RFC 3986 unreserved characters pass through.
pub fn encode_path_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'~' => out.push(b as char),
            // A dot alone would still let `..` through as a path step.
            b'.' if segment != "." && segment != ".." => out.push('.'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Standard base64 with padding, for HTTP basic credentials.
pub fn base64(input: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A form body's fields from a model: strings as they are, other values as JSON text.
/// Absent (`None`) fields are left out.
pub fn form_fields<T: serde::Serialize>(body: &T) -> Result<Vec<(String, String)>, crate::runtime::Error> {
    let value = serde_json::to_value(body).map_err(|e| crate::runtime::Error::InvalidRequest(e.to_string()))?;
    let serde_json::Value::Object(map) = value else {
        return Err(crate::runtime::Error::InvalidRequest("a form body must be an object".into()));
    };
    Ok(map
        .into_iter()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => (k, s),
            other => (k, other.to_string()),
        })
        .collect())
}
