//! Which strings are times: timestamps in the many spellings APIs use, and lengths of time
//! (`.NET`'s `TimeSpan` text, ISO 8601 durations). Shapes count them; a place whose every
//! string is one becomes a `Timestamp` or a `TimeSpan`.

/// ISO 8601-like timestamps in the many forms the seeds use: with or without a zone, with
/// 0 to 7 fraction digits, with `T` or a space, and plain dates.
pub fn looks_like_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 10 || b.len() > 40 {
        return false;
    }
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let date = (0..4).all(digit) && b[4] == b'-' && digit(5) && digit(6) && b[7] == b'-' && digit(8) && digit(9);
    if !date {
        return false;
    }
    if b.len() == 10 {
        return true;
    }
    if !(b[10] == b'T' || b[10] == b' ') || b.len() < 16 {
        return false;
    }
    if !(digit(11) && digit(12) && b[13] == b':' && digit(14) && digit(15)) {
        return false;
    }
    // What follows `HH:MM` must be seconds, a fraction and a zone, and nothing else: a
    // sentence that starts with a date is text, and the type says it is a time.
    let mut i = 16;
    if b.get(i) == Some(&b':') && digit(i + 1) && digit(i + 2) {
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) && digit(i + 1) {
            i += 1;
            while digit(i) {
                i += 1;
            }
        }
    }
    match b.get(i) {
        None => true,
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let zone = &s[i + 1..];
            let hh_mm = zone.len() == 5 && zone.as_bytes()[2] == b':';
            let digits = zone.bytes().filter(u8::is_ascii_digit).count();
            (zone.len() == 2 && digits == 2) || (zone.len() == 4 && digits == 4) || (hh_mm && digits == 4)
        }
        Some(_) => false,
    }
}

/// An ISO 8601 duration: `P`, then numbers with `Y`, `M`, `W`, `D`, and after a `T` with `H`,
/// `M`, `S` (the last may have a fraction), at least one of them.
pub fn looks_like_iso_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('-').unwrap_or(s).strip_prefix('P') else { return false };
    let (date, time) = rest.split_once('T').unwrap_or((rest, ""));
    let units = |part: &str, allowed: &str, fraction: bool| -> Option<usize> {
        let (mut n, mut digits) = (0, 0);
        for c in part.chars() {
            match c {
                '0'..='9' => digits += 1,
                '.' | ',' if fraction && digits > 0 => {}
                u if allowed.contains(u) && digits > 0 => {
                    n += 1;
                    digits = 0;
                }
                _ => return None,
            }
        }
        (digits == 0).then_some(n)
    };
    match (units(date, "YMWD", false), units(time, "HMS", true)) {
        (Some(d), Some(t)) => d + t > 0 && (rest.contains('T') == (t > 0)),
        _ => false,
    }
}

/// A length of time as `.NET` writes a `TimeSpan`: `[-][d.]hh:mm:ss[.f]` (hours and minutes
/// of two digits, so `10:30` or a clock time of `9:05:00` alone are not).
pub fn looks_like_timespan(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    // `hh:mm:ss` is 8 bytes; with 8 digits of days and 9 of fraction, 27. Longer text (most
    // example strings are prose or URLs) is no timespan, and need not be split.
    if !(8..=27).contains(&s.len()) {
        return false;
    }
    let digits = |p: &str, min: usize, max: usize| (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    let (days, rest) = match s.split_once('.') {
        Some((d, rest)) if !d.contains(':') => (Some(d), rest),
        _ => (None, s),
    };
    let (clock, fraction) = match rest.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (rest, None),
    };
    let mut parts = clock.split(':');
    let (Some(h), Some(m), Some(sec), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else { return false };
    let two_digit_max = |p: &str, max: u32| digits(p, 2, 2) && p.parse::<u32>().is_ok_and(|n| n <= max);
    days.is_none_or(|d| digits(d, 1, 8))
        && two_digit_max(h, if days.is_some() { 23 } else { 99 })
        && two_digit_max(m, 59)
        && two_digit_max(sec, 59)
        && fraction.is_none_or(|f| digits(f, 1, 9))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_every_seed_format_are_recognised() {
        for s in [
            "2019-02-01T00:00:00Z",
            "2019-02-28T10:09:30.701107",
            "2019-02-01T00:00:00.0Z",
            "2018-01-29T11:25:52.4923813-05:00",
            "0001-01-01T00:00:00",
            "2019-02-01 00:00:00.0Z",
            "2020-01-01",
        ] {
            assert!(looks_like_datetime(s), "{s}");
        }
        for s in ["2019-02-01T00:00", "2019-02-01T00:00:00+0100", "2019-02-01T00:00:00-05", "2019-02-01T00:00:00,5Z"] {
            assert!(looks_like_datetime(s), "{s}");
        }
        for s in ["never", "2019", "00:03:45", "joi@crankwheel.com", "2019-02-01T00:00 is late", "2019-02-01T00:00:00ZZ", "2019-02-01T00:00:00+1:00", "2019-02-01T00:00:00."] {
            assert!(!looks_like_datetime(s), "{s}");
        }
    }

    #[test]
    fn durations_in_dotnet_timespan_form_are_recognised() {
        for s in ["00:03:45", "1.02:03:04", "-00:00:01.5", "10:00:00.0000001", "123.23:59:59", "-12345678.23:59:59.123456789"] {
            assert!(looks_like_timespan(s), "{s}");
        }
        for s in ["10:30", "9:05:00", "1.24:00:00", "00:60:00", "2019-02-01T00:00:00Z", "PT3M", "00:03:45.", "a.00:00:00", "1:2:3", "123456789.23:59:59", "12345678.23:59:59.1234567890"] {
            assert!(!looks_like_timespan(s), "{s}");
        }
    }

    #[test]
    fn iso_durations_are_recognised() {
        for s in ["PT1H30M", "P1D", "P1DT2H", "PT0.5S", "-PT5M", "P2W"] {
            assert!(looks_like_iso_duration(s), "{s}");
        }
        for s in ["P", "PT", "P1DT", "PT5", "Plan", "P1H", "PT1D"] {
            assert!(!looks_like_iso_duration(s), "{s}");
        }
    }
}
