use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the RFC 3986 unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~').remove(b'.');

/// Percent-encodes one path segment, so `../admin`, `a/b` and `user+tag@example.com` stay one
/// segment. Only RFC 3986 unreserved characters pass through.
pub fn encode_path_segment(segment: &str) -> String {
    // A dot alone would still let `..` through as a path step.
    let set = if segment == "." || segment == ".." { NON_ALPHANUMERIC } else { SEGMENT };
    utf8_percent_encode(segment, set).to_string()
}

/// A form body's fields from a model: strings as they are, other values as JSON text.
/// Absent (`None`) fields are left out.
pub fn form_fields<T: serde::Serialize, E>(body: &T) -> Result<Vec<(String, String)>, crate::runtime::Error<E>> {
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

/// Replaces each `{name}` in `template` with its value.
pub fn fill_template(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A value that may stand in a host name or one path segment: no `/`, `@`, `:` or `?`.
pub fn is_safe_variable(value: &str) -> bool {
    !value.is_empty()
        && value != "."
        && value != ".."
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

/// An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, the only form RFC 9110 asks senders to use)
/// as seconds since the Unix epoch.
pub fn parse_http_date(value: &str) -> Option<u64> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else { return None };
    let day: u64 = day.parse().ok()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"].iter().position(|m| m == month)? as u64 + 1;
    let year: u64 = year.parse().ok()?;
    let hms: Vec<u64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    // Days from the civil date (Howard Hinnant's algorithm), for years from 1970 on.
    let (y, mo) = if month <= 2 { (year.checked_sub(1)?, month + 9) } else { (year, month - 3) };
    let era = y / 400;
    let yoe = y - era * 400;
    let doy = (153 * mo + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = (era * 146_097 + doe).checked_sub(719_468)?;
    Some(days * 86_400 + h * 3600 + m * 60 + s)
}
