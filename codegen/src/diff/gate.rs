//! The gate: a breaking change needs a semver-major version step of the crate (a minor step
//! for 0.x, a patch step for 0.0.x, as Cargo reads versions).

use super::{Change, Level, Status};

/// What the gate says about one API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing breaking.
    Pass,
    /// Breaking changes, announced by a large enough version step.
    Bumped { from: String, to: String },
    /// Breaking changes without a large enough version step: exit 1.
    Fail { from: String, to: String, needed: String },
    /// Nothing to compare: a new API, a removed one, or a base that does not build.
    NotApplicable,
    /// The base version is not semver, so the step cannot be judged; the reason says why.
    Unchecked(String),
    /// The working tree is bad input (its documents do not build, or its version is not
    /// semver): exit 2.
    Invalid(String),
}

impl Verdict {
    /// The exit code this verdict asks for: 0, 1 (unannounced breaking change) or 2.
    pub fn exit_code(&self) -> u8 {
        match self {
            Verdict::Fail { .. } => 1,
            Verdict::Invalid(_) => 2,
            _ => 0,
        }
    }
}

/// A `MAJOR.MINOR.PATCH` version; pre-release and build suffixes are ignored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(s: &str) -> Option<Version> {
        let core = s.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.');
        let mut next = || -> Option<u64> {
            let p = parts.next()?;
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || (p.len() > 1 && p.starts_with('0')) {
                return None;
            }
            p.parse().ok()
        };
        let v = Version { major: next()?, minor: next()?, patch: next()? };
        if parts.next().is_some() {
            return None;
        }
        Some(v)
    }

    /// The smallest version that Cargo treats as incompatible with this one.
    pub fn next_breaking(self) -> Version {
        match self {
            Version { major: 0, minor: 0, patch } => Version { major: 0, minor: 0, patch: patch.saturating_add(1) },
            Version { major: 0, minor, .. } => Version { major: 0, minor: minor.saturating_add(1), patch: 0 },
            Version { major, .. } => Version { major: major.saturating_add(1), minor: 0, patch: 0 },
        }
    }

    /// `to` is a breaking step from `self`: at least [`Version::next_breaking`].
    pub fn allows_breaking(self, to: Version) -> bool {
        to >= self.next_breaking()
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Judges one API's changes against its version step.
pub fn verdict(status: &Status, changes: &[Change]) -> Verdict {
    let (old, new) = match status {
        Status::Compared { old_version, new_version } => (old_version, new_version),
        Status::HeadBroken { reason } => return Verdict::Invalid(reason.clone()),
        Status::New { new_version } | Status::BaseBroken { new_version, .. } => {
            return match Version::parse(new_version) {
                Some(_) => Verdict::NotApplicable,
                None => Verdict::Invalid(format!("version `{new_version}` in api.toml is not a semver version (MAJOR.MINOR.PATCH)")),
            };
        }
        Status::Removed { .. } => return Verdict::NotApplicable,
    };
    let Some(to) = Version::parse(new) else {
        return Verdict::Invalid(format!("version `{new}` in api.toml is not a semver version (MAJOR.MINOR.PATCH)"));
    };
    if !changes.iter().any(|c| c.level() == Level::Breaking) {
        return Verdict::Pass;
    }
    let Some(from) = Version::parse(old) else {
        return Verdict::Unchecked(format!("the base version `{old}` is not semver, so the version step cannot be judged"));
    };
    if from.allows_breaking(to) {
        Verdict::Bumped { from: old.clone(), to: new.clone() }
    } else {
        Verdict::Fail { from: old.clone(), to: new.clone(), needed: from.next_breaking().to_string() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).unwrap()
    }

    #[test]
    fn versions_parse_strictly() {
        assert_eq!(v("1.2.3"), Version { major: 1, minor: 2, patch: 3 });
        assert_eq!(v("2.0.0-alpha.1+build"), Version { major: 2, minor: 0, patch: 0 });
        for bad in ["", "1", "1.2", "1.2.3.4", "01.2.3", "a.b.c", "1.2.x"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn breaking_needs_a_major_step_or_minor_for_0x_or_patch_for_00x() {
        assert!(v("1.4.2").allows_breaking(v("2.0.0")));
        assert!(!v("1.4.2").allows_breaking(v("1.5.0")));
        assert!(v("0.1.0").allows_breaking(v("0.2.0")));
        assert!(v("0.1.0").allows_breaking(v("1.0.0")));
        assert!(!v("0.1.0").allows_breaking(v("0.1.1")));
        assert!(v("0.0.3").allows_breaking(v("0.0.4")));
        assert!(!v("0.1.0").allows_breaking(v("0.1.0")));
        assert_eq!(v("0.1.7").next_breaking().to_string(), "0.2.0");
        assert_eq!(v("3.1.7").next_breaking().to_string(), "4.0.0");
    }
}
