//! Timestamps kept as the text the API wrote, converted with `jiff` on demand.
//!
//! APIs spell times in many ways (`2019-02-01T00:00:00.0Z`, zone-less
//! `2019-02-28T10:09:30.701107`, seven fraction digits with `-05:00`, a space for the `T`,
//! dates alone, `.NET`'s `0001-01-01T00:00:00` for "no value"). A [`Timestamp`] keeps the text
//! exactly as it arrived, so it goes back byte for byte and never rejects what a server sends;
//! the conversions say when the text is not a time.
//!
//! `jiff` is the date-time crate because one of its parsers reads every spelling above (up to
//! nine fraction digits, `Z` or numeric offsets, `T` or a space, a date alone), it keeps
//! zone-less civil times apart from instants instead of guessing UTC, and without its
//! time-zone database it adds one small dependency.

use jiff::civil::{self, Date, DateTime};
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;
use std::fmt;

/// A date and time as the API writes it, kept as text.
///
/// Equality, hashing and ordering compare the text: `...T10:00:00Z` and `...T11:00:00+01:00`
/// are different values that are the same instant (compare [`Timestamp::to_timestamp`] for
/// that). Build one from text (`"2020-01-01T00:00:00Z".into()`) or from a `jiff` value
/// (`Timestamp::from(jiff::Timestamp::now())`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(String);

impl Timestamp {
    /// The text as it is, whatever it holds.
    pub fn new(text: impl Into<String>) -> Self {
        Timestamp(text.into())
    }

    /// The text as the API wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text as the API wrote it.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The instant, when the text has an offset (`Z`, `-05:00`). A zone-less time or a date
    /// alone is an error: see [`Timestamp::to_timestamp_assuming`].
    pub fn to_timestamp(&self) -> Result<jiff::Timestamp, jiff::Error> {
        self.0.parse()
    }

    /// The instant, reading a time written without an offset (and a date alone, at midnight)
    /// at `offset`: many APIs write UTC without saying so (`Offset::UTC`). An offset in the
    /// text wins.
    pub fn to_timestamp_assuming(&self, offset: Offset) -> Result<jiff::Timestamp, jiff::Error> {
        let pieces = Pieces::parse(&self.0)?;
        let offset = pieces.to_numeric_offset().unwrap_or(offset);
        offset.to_timestamp(civil_of(&pieces))
    }

    /// The date and wall-clock time as written, any offset ignored; a date alone is midnight.
    pub fn to_civil(&self) -> Result<DateTime, jiff::Error> {
        Pieces::parse(&self.0).map(|p| civil_of(&p))
    }

    /// The date as written, any time and offset ignored.
    pub fn to_date(&self) -> Result<Date, jiff::Error> {
        Pieces::parse(&self.0).map(|p| p.date())
    }

    /// The offset the text gives (`Z` is UTC), if any.
    pub fn offset(&self) -> Option<Offset> {
        Pieces::parse(&self.0).ok()?.to_numeric_offset()
    }

    /// Whether this is the "no value" sentinel `0001-01-01T00:00:00` (`.NET`'s
    /// `DateTime.MinValue`), with or without a fraction of zeros or a zero offset.
    pub fn is_unset(&self) -> bool {
        let Ok(pieces) = Pieces::parse(&self.0) else { return false };
        // `map_or(true, ..)`, not `is_none_or`: generated crates build with Rust 1.80.
        let zero_offset = pieces.to_numeric_offset().map_or(true, |o| o == Offset::UTC);
        let midnight = pieces.time().map_or(true, |t| t == civil::Time::midnight());
        pieces.date() == civil::date(1, 1, 1) && midnight && zero_offset
    }
}

fn civil_of(pieces: &Pieces<'_>) -> DateTime {
    pieces.date().to_datetime(pieces.time().unwrap_or(civil::Time::midnight()))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Timestamp {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Timestamp {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Timestamp(s.to_string()))
    }
}

impl PartialEq<str> for Timestamp {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Timestamp {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<&str> for Timestamp {
    fn from(s: &str) -> Self {
        Timestamp(s.to_string())
    }
}

impl From<&String> for Timestamp {
    fn from(s: &String) -> Self {
        Timestamp(s.clone())
    }
}

impl From<String> for Timestamp {
    fn from(s: String) -> Self {
        Timestamp(s)
    }
}

impl From<Timestamp> for String {
    fn from(t: Timestamp) -> Self {
        t.0
    }
}

/// RFC 3339 in UTC: `2020-01-01T00:00:00Z`, with a fraction only where there is one.
impl From<jiff::Timestamp> for Timestamp {
    fn from(t: jiff::Timestamp) -> Self {
        Timestamp(t.to_string())
    }
}

/// A zone-less date and time: `2020-01-01T09:30:00`.
impl From<DateTime> for Timestamp {
    fn from(t: DateTime) -> Self {
        Timestamp(t.to_string())
    }
}

/// A date alone: `2020-01-01`.
impl From<Date> for Timestamp {
    fn from(d: Date) -> Self {
        Timestamp(d.to_string())
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// Any string is accepted as it is: a server that sends a time in a new spelling (or not a
/// time at all) must not make the whole response undecodable.
impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <String as serde::Deserialize>::deserialize(d).map(Timestamp)
    }
}
