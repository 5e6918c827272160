//! `xtask bench --measure`: the figures are the measured program's own, not those of the
//! process that asked (Linux starts a new program's peak memory at its spawner's).

#![cfg(target_os = "linux")]

use std::process::Command;

#[test]
fn the_peak_is_the_programs_not_the_big_spawners() {
    // This process holds 300 MiB, touched; `true` needs a few MiB.
    let big = vec![1u8; 300 << 20];
    let log = std::env::temp_dir().join(format!("xtask-measure-{}.log", std::process::id()));
    let out = Command::new(env!("CARGO_BIN_EXE_xtask")).args(["bench", "--measure"]).arg(&log).args(["60", "--", "true"]).output().expect("xtask runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().find(|l| l.starts_with("USAGE ")).unwrap_or_else(|| panic!("no report: {stdout}"));
    let peak_kb: u64 = line.rsplit(' ').next().and_then(|n| n.parse().ok()).expect("a peak");
    assert!(peak_kb > 0 && peak_kb < 100 << 10, "peak {peak_kb} KiB");
    assert_eq!(big[big.len() - 1], 1);
}
