//! `cargo check` of a generated crate with one Cargo feature against all of them: what a user
//! who depends on a single group (`default-features = false, features = ["issues"]`) pays.
//!
//! The features measured are picked from the crate's own `surface.json` (each feature with
//! the methods it compiles): the largest group and the smallest non-empty one, so the figures
//! bracket what one feature costs on any description, not a name chosen for one API.

use super::cargo;
use super::whole_process::{measure, Usage};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The largest and the smallest feature by methods compiled, with their method counts.
pub fn bracketing_features(surface_json: &str) -> Vec<(String, usize)> {
    let Ok(surface) = serde_json::from_str::<serde_json::Value>(surface_json) else { return Vec::new() };
    let Some(features) = surface.get("features").and_then(|f| f.as_object()) else { return Vec::new() };
    let sized: Vec<(String, usize)> = features
        .iter()
        .map(|(name, f)| (name.clone(), f.get("methods").and_then(|m| m.as_array()).map_or(0, Vec::len)))
        .filter(|(_, methods)| *methods > 0)
        .collect();
    // Ties go to the first name, so the pick is the same on every run.
    let largest = sized.iter().min_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let smallest = sized.iter().min_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    match (largest, smallest) {
        (Some(big), Some(small)) if big.0 != small.0 => vec![big.clone(), small.clone()],
        (Some(only), _) => vec![only.clone()],
        _ => Vec::new(),
    }
}

/// Times a warm `cargo check` (the crate alone: check, touch `src/lib.rs`, check again) with
/// all features and with each bracketing feature alone, and prints the CPU time of each.
pub fn bench_features(dir: &Path, target: &Path, surface_json: &str) -> Vec<String> {
    let mut said = Vec::new();
    let mut runs = vec![("all features (the default)".to_string(), Vec::new())];
    for (feature, methods) in bracketing_features(surface_json) {
        let args = vec!["--no-default-features".to_string(), "--features".to_string(), feature.clone()];
        let plural = if methods == 1 { "" } else { "s" };
        runs.push((format!("`{feature}` alone ({methods} method{plural})"), args));
    }
    println!("  github: cargo check, warm (crate only), by Cargo feature:");
    for (what, args) in runs {
        let result = warm_check(dir, target, &args);
        let line = match result {
            Ok(u) => format!("{what}: {:.1} s CPU, {:.1} s wall", u.cpu.as_secs_f64(), u.wall.as_secs_f64()),
            Err(e) => format!("{what}: does not compile: {e}"),
        };
        println!("    {line}");
        said.push(line);
    }
    said
}

fn warm_check(dir: &Path, target: &Path, features: &[String]) -> Result<Usage, String> {
    let log = target.join("features-check.log");
    let check = || {
        let mut cmd = Command::new(cargo());
        cmd.current_dir(dir).env("CARGO_TARGET_DIR", target).args(["check", "--quiet"]).args(features);
        measure(&mut cmd, &log, Duration::from_secs(1800))
    };
    check()?;
    std::fs::File::options()
        .append(true)
        .open(dir.join("src/lib.rs"))
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| e.to_string())?;
    check()
}

#[cfg(test)]
mod tests {
    use super::bracketing_features;

    #[test]
    fn picks_the_largest_and_the_smallest_non_empty_feature() {
        let surface = r#"{"features": {
            "a": {"methods": ["x", "y"]}, "b": {"methods": ["x", "y", "z"]},
            "c": {"methods": ["x"]}, "d": {"methods": ["w"]}, "models-only": {"methods": []}}}"#;
        assert_eq!(bracketing_features(surface), vec![("b".to_string(), 3), ("c".to_string(), 1)]);
    }

    #[test]
    fn one_feature_is_measured_once_and_no_surface_measures_none() {
        assert_eq!(bracketing_features(r#"{"features": {"a": {"methods": ["x"]}}}"#), vec![("a".to_string(), 1)]);
        assert!(bracketing_features("not json").is_empty());
    }
}
