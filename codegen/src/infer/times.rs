//! Strings that are times: a field whose every value is a timestamp becomes the crate's
//! `Timestamp`, one whose every value is a length of time its `TimeSpan`. Both keep the text
//! as it arrived, so the choice never rejects or changes what the API sends; one value of
//! another kind keeps the field a `String`.

use super::build::Builder;
use super::shape::StringShape;
use crate::model::{Decision, DecisionKind, Origin, Ty};

impl Builder<'_> {
    /// The type of a place that holds strings (and no declared enum), with the decision.
    pub(super) fn string_ty(&mut self, s: &StringShape, subject: &str, origins: &[Origin]) -> Ty {
        let (ty, (one, many), rust) = if s.all_datetime() {
            (Ty::DateTime, ("a timestamp", "timestamps"), "Timestamp")
        } else if s.all_duration() {
            (Ty::Duration, ("a length of time", "lengths of time"), "TimeSpan")
        } else {
            return Ty::String;
        };
        let seen = s.datetime.max(s.duration);
        let example = s.values.iter().next().map(|v| format!(" such as `{v}`")).unwrap_or_default();
        let declared: Vec<&str> = s.formats.iter().map(super::shape::Name::as_str).filter(|f| matches!(*f, "date-time" | "date" | "duration")).collect();
        let why = if declared.is_empty() {
            match seen {
                1 => format!("its one value is {one}{example}"),
                n => format!("all {n} of its values are {many}{example}"),
            }
        } else {
            format!("declared `format: {}`", declared.join("`, `"))
        };
        self.decisions.push(Decision {
            kind: DecisionKind::Time,
            subject: subject.to_string(),
            detail: format!("{why}: `{rust}`, which keeps the text as sent (`type = \"string\"` in `[overrides.fields]` makes it a `String`)"),
            evidence: origins.iter().take(1).cloned().collect(),
        });
        ty
    }
}
