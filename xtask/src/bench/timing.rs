//! Time and CPU time of repeated in-process runs.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub struct Times {
    pub min: Duration,
    pub median: Duration,
    /// The least CPU time of a run: what an idle machine would take (this one is shared).
    pub cpu: Duration,
}

pub fn time_runs(runs: usize, mut f: impl FnMut()) -> Times {
    f();
    let mut cpu = Duration::MAX;
    let mut t: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let (start, start_cpu) = (Instant::now(), cpu_time());
            f();
            cpu = cpu.min(cpu_time().saturating_sub(start_cpu));
            start.elapsed()
        })
        .collect();
    t.sort();
    Times { min: t[0], median: t[t.len() / 2], cpu }
}

/// This thread's CPU time (the pipeline runs on one thread); the wall clock elsewhere.
#[cfg(target_os = "linux")]
pub fn cpu_time() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec; clock_gettime only writes it.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
        Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    } else {
        wall_since_start()
    }
}

#[cfg(not(target_os = "linux"))]
pub fn cpu_time() -> Duration {
    wall_since_start()
}

fn wall_since_start() -> Duration {
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Lines of Rust in a crate's files.
pub fn rust_lines(files: &BTreeMap<String, String>) -> usize {
    files.iter().filter(|(p, _)| p.ends_with(".rs")).map(|(_, t)| t.lines().count()).sum()
}
