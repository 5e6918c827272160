//! The runtime's `Timestamp` and `TimeSpan` (the same file in every generated crate, tested
//! here through `outseta`): every spelling the bundled documents use is read, the text goes
//! back byte for byte, and the "no value" sentinel is recognised.

use outseta::jiff::civil::date;
use outseta::jiff::tz::Offset;
use outseta::jiff::{self, SignedDuration};
use outseta::{TimeSpan, Timestamp};
use std::time::Duration;

fn ts(s: &str) -> Timestamp {
    Timestamp::from(s)
}

#[test]
fn every_seed_spelling_reads_as_a_civil_time() {
    let cases = [
        ("2019-02-01T00:00:00.0Z", date(2019, 2, 1).at(0, 0, 0, 0)),
        ("2019-02-28T10:09:30.701107", date(2019, 2, 28).at(10, 9, 30, 701_107_000)),
        ("2018-01-29T11:25:52.4923813-05:00", date(2018, 1, 29).at(11, 25, 52, 492_381_300)),
        ("2019-02-01 00:00:00.0Z", date(2019, 2, 1).at(0, 0, 0, 0)),
        ("2019-02-28 23:59:59.999999Z", date(2019, 2, 28).at(23, 59, 59, 999_999_000)),
        ("2019-02-01", date(2019, 2, 1).at(0, 0, 0, 0)),
        ("0001-01-01T00:00:00", date(1, 1, 1).at(0, 0, 0, 0)),
        ("2017-04-05T11:23:56", date(2017, 4, 5).at(11, 23, 56, 0)),
    ];
    for (text, civil) in cases {
        assert_eq!(ts(text).to_civil().unwrap(), civil, "{text}");
        assert_eq!(ts(text).to_date().unwrap(), civil.date(), "{text}");
    }
}

#[test]
fn zoned_spellings_are_instants_and_zone_less_ones_are_not_guessed() {
    let seven_digits = ts("2018-01-29T11:25:52.4923813-05:00").to_timestamp().unwrap();
    assert_eq!(seven_digits, "2018-01-29T16:25:52.4923813Z".parse::<jiff::Timestamp>().unwrap());
    assert_eq!(ts("2019-02-01 00:00:00.0Z").to_timestamp().unwrap(), "2019-02-01T00:00:00Z".parse::<jiff::Timestamp>().unwrap());
    assert_eq!(ts("2018-01-29T11:25:52.4923813-05:00").offset(), Some(Offset::constant(-5)));
    for zone_less in ["2019-02-28T10:09:30.701107", "2019-02-01", "0001-01-01T00:00:00"] {
        assert!(ts(zone_less).to_timestamp().is_err(), "{zone_less}");
        assert_eq!(ts(zone_less).offset(), None);
    }
    let assumed = ts("2019-02-28T10:09:30.701107").to_timestamp_assuming(Offset::UTC).unwrap();
    assert_eq!(assumed, "2019-02-28T10:09:30.701107Z".parse::<jiff::Timestamp>().unwrap());
    // An offset in the text wins over the assumed one.
    let zoned = ts("2020-01-01T00:00:00+01:00").to_timestamp_assuming(Offset::UTC).unwrap();
    assert_eq!(zoned, "2019-12-31T23:00:00Z".parse::<jiff::Timestamp>().unwrap());
}

#[test]
fn the_dotnet_min_value_is_unset_in_any_spelling() {
    for unset in ["0001-01-01T00:00:00", "0001-01-01T00:00:00.0000000", "0001-01-01T00:00:00Z", "0001-01-01 00:00:00.000+00:00", "0001-01-01"] {
        assert!(ts(unset).is_unset(), "{unset}");
    }
    for set in ["0001-01-01T00:00:01", "0001-01-02T00:00:00", "0001-01-01T00:00:00+01:00", "2019-02-01T00:00:00Z", "", "never"] {
        assert!(!ts(set).is_unset(), "{set}");
    }
}

#[test]
fn text_that_is_not_a_time_is_kept_and_fails_only_on_conversion() {
    let t: Timestamp = serde_json::from_str("\"next tuesday\"").unwrap();
    assert_eq!(t, "next tuesday");
    assert!(t.to_civil().is_err() && t.to_timestamp().is_err());
    assert!(serde_json::from_str::<Timestamp>("17").is_err(), "a number is not text");
}

#[test]
fn serialization_gives_back_the_exact_text() {
    for text in ["2019-02-01T00:00:00.0Z", "2018-01-29T11:25:52.4923813-05:00", "2019-02-01 00:00:00.0Z", "2019-02-01", "0001-01-01T00:00:00"] {
        let json = format!("\"{text}\"");
        let t: Timestamp = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&t).unwrap(), json);
        assert_eq!(t.to_string(), text);
        assert_eq!(t.as_str(), text);
    }
}

#[test]
fn timestamps_are_built_from_jiff_values_and_text() {
    let instant: jiff::Timestamp = "2020-07-19T23:59:59Z".parse().unwrap();
    assert_eq!(Timestamp::from(instant), "2020-07-19T23:59:59Z");
    assert_eq!(Timestamp::from(date(2020, 1, 1).at(9, 30, 0, 0)), "2020-01-01T09:30:00");
    assert_eq!(Timestamp::from(date(2020, 1, 1)), "2020-01-01");
    assert_eq!(Timestamp::from(String::from("x")), Timestamp::new("x"));
    let mut sorted = vec![ts("2020-01-02"), ts("2020-01-01")];
    sorted.sort();
    assert_eq!(sorted, vec![ts("2020-01-01"), ts("2020-01-02")]);
}

#[test]
fn timespans_in_dotnet_and_iso_spellings_convert_to_std_durations() {
    let cases = [
        ("00:03:45", Duration::from_secs(225)),
        ("1.02:03:04.5000000", Duration::from_millis(((26 * 60 + 3) * 60 + 4) * 1000 + 500)),
        ("1:02:03:04", Duration::from_secs((26 * 60 + 3) * 60 + 4)),
        ("10:00:00.0000001", Duration::new(36_000, 100)),
        ("PT3M45S", Duration::from_secs(225)),
        ("P1DT1H", Duration::from_secs(25 * 3600)),
    ];
    for (text, expected) in cases {
        assert_eq!(TimeSpan::from(text).to_duration(), Some(expected), "{text}");
    }
    assert_eq!(TimeSpan::from("-00:00:01.5").to_signed_duration(), Some(SignedDuration::from_millis(-1500)));
    assert_eq!(TimeSpan::from("-00:00:01.5").to_duration(), None, "negative");
    for bad in ["", "soon", "00:60:00", "1.24:00:00", "10:30", "P1Y"] {
        assert_eq!(TimeSpan::from(bad).to_duration(), None, "{bad}");
    }
}

#[test]
fn timespans_are_built_in_the_dotnet_spelling_and_keep_their_text() {
    assert_eq!(TimeSpan::from(Duration::from_secs(225)).as_str(), "00:03:45");
    assert_eq!(TimeSpan::from(Duration::new(93_784, 500_000_000)).as_str(), "1.02:03:04.5000000");
    assert_eq!(TimeSpan::from(Duration::new(1, 1)).as_str(), "00:00:01.000000001");
    let t: TimeSpan = serde_json::from_str("\"00:03:45.10\"").unwrap();
    assert_eq!(serde_json::to_string(&t).unwrap(), "\"00:03:45.10\"");
    assert_eq!(t.to_duration(), Some(Duration::from_millis(225_100)));
}
