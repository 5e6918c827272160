//! Durations kept as the text the API wrote: `.NET`'s `TimeSpan` spelling (`00:03:45`,
//! `1.02:03:04.5000000`) and ISO 8601 (`PT3M45S`), converted on demand.
//!
//! Named `TimeSpan` so that it never shadows `std::time::Duration`, which it converts to.

use std::fmt;
use std::time::Duration;

/// A length of time as the API writes it, kept as text: `[-][d.]hh:mm:ss[.fffffff]` or an
/// ISO 8601 duration of weeks, days, hours, minutes and seconds (`P1DT1H30M`). Equality, hashing and
/// ordering compare the text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeSpan(String);

impl TimeSpan {
    /// The text as it is, whatever it holds.
    pub fn new(text: impl Into<String>) -> Self {
        TimeSpan(text.into())
    }

    /// The text as the API wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as the API wrote it.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The signed length, or `None` when the text is not a duration.
    pub fn to_signed_duration(&self) -> Option<jiff::SignedDuration> {
        let text = self.0.trim();
        if text.trim_start_matches(['-', '+']).starts_with(['P', 'p']) {
            // Weeks and days are 7 and 1 times 24 hours; years and months have no fixed length.
            let span: jiff::Span = text.parse().ok()?;
            return span.to_duration(jiff::SpanRelativeTo::days_are_24_hours()).ok();
        }
        let (negative, text) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (nanos, total) = clock(text)?;
        let seconds = i64::try_from(total).ok()?;
        let span = jiff::SignedDuration::new(seconds, i32::try_from(nanos).ok()?);
        Some(if negative { -span } else { span })
    }

    /// The length as a `std::time::Duration`, or `None` when the text is not a duration or
    /// is negative.
    pub fn to_duration(&self) -> Option<Duration> {
        Duration::try_from(self.to_signed_duration()?).ok()
    }
}

/// `[d.]hh:mm:ss[.f]` (also `d:hh:mm:ss`): the nanoseconds and the whole seconds.
fn clock(text: &str) -> Option<(u32, u64)> {
    let number = |s: &str| if !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) { s.parse::<u64>().ok() } else { None };
    // A dot before the first colon ends the days; a dot after it starts the fraction.
    let (days, rest) = match text.split_once('.') {
        Some((d, rest)) if !d.contains(':') => (Some(d), rest),
        _ => (None, text),
    };
    let (rest, fraction) = match rest.split_once('.') {
        Some((r, f)) => (r, Some(f)),
        None => (rest, None),
    };
    let mut parts: Vec<&str> = rest.split(':').collect();
    let days = match (days, parts.len()) {
        (Some(d), 3) => Some(number(d)?),
        (None, 4) => Some(number(parts.remove(0))?),
        (None, 3) => None,
        _ => return None,
    };
    let [h, m, s] = parts[..] else { return None };
    let (hours, minutes, seconds) = (number(h)?, number(m)?, number(s)?);
    if minutes > 59 || seconds > 59 || (days.is_some() && hours > 23) {
        return None;
    }
    let nanos = match fraction {
        Some(f) if !f.is_empty() && f.len() <= 9 && f.bytes().all(|b| b.is_ascii_digit()) => format!("{f:0<9}").parse().ok()?,
        Some(_) => return None,
        None => 0,
    };
    Some((nanos, ((days.unwrap_or(0) * 24 + hours) * 60 + minutes) * 60 + seconds))
}

impl fmt::Display for TimeSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for TimeSpan {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for TimeSpan {
    fn from(s: &str) -> Self {
        TimeSpan(s.to_string())
    }
}

impl From<String> for TimeSpan {
    fn from(s: String) -> Self {
        TimeSpan(s)
    }
}

/// The `.NET` spelling: `hh:mm:ss`, with `d.` before it from a day on and seven fraction
/// digits where there is a fraction (nine where it is finer than 100 ns).
impl From<Duration> for TimeSpan {
    fn from(d: Duration) -> Self {
        let total = d.as_secs();
        let (days, hours, minutes, seconds) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
        let mut text = if days > 0 { format!("{days}.{hours:02}:{minutes:02}:{seconds:02}") } else { format!("{hours:02}:{minutes:02}:{seconds:02}") };
        match d.subsec_nanos() {
            0 => {}
            n if n % 100 == 0 => text.push_str(&format!(".{:07}", n / 100)),
            n => text.push_str(&format!(".{n:09}")),
        }
        TimeSpan(text)
    }
}

impl serde::Serialize for TimeSpan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Any string is accepted as it is, as for [`Timestamp`](super::Timestamp).
impl<'de> serde::Deserialize<'de> for TimeSpan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(d).map(TimeSpan)
    }
}
