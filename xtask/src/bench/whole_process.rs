//! One whole process, measured from outside: wall time, CPU time (user + system) and peak
//! resident memory, as the kernel reports them when the process is reaped (`wait4`). The
//! figures are the process's own plus those of any children it waited for, so a launcher
//! script's JVM would be counted too; the bench starts `java` itself.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run cost.
#[derive(Clone, Copy, Debug)]
pub struct Usage {
    pub wall: Duration,
    /// User + system time.
    pub cpu: Duration,
    /// Peak resident memory in KiB (`ru_maxrss`, KiB on Linux).
    pub peak_kb: u64,
}

/// Runs `cmd` to its end (stdout and stderr into `log`), at most `limit`. A process that
/// exits with an error is an `Err` with the end of its log.
pub fn measure(cmd: &mut Command, log: &Path, limit: Duration) -> Result<Usage, String> {
    let file = std::fs::File::create(log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err = file.try_clone().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut child = cmd.stdin(Stdio::null()).stdout(file).stderr(err).spawn().map_err(|e| format!("cannot start {:?}: {e}", cmd.get_program()))?;
    let (ok, cpu, peak_kb) = reap(&mut child, start, limit)?;
    let wall = start.elapsed();
    if !ok {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let tail: Vec<&str> = text.lines().rev().filter(|l| !l.trim().is_empty()).take(3).collect();
        return Err(format!("failed ({}; log {})", tail.into_iter().rev().collect::<Vec<_>>().join(" | "), log.display()));
    }
    Ok(Usage { wall, cpu, peak_kb })
}

/// Waits for the child with `wait4`, which hands back its resource usage as it is reaped.
/// Returns (exited successfully, CPU time, peak KiB).
#[cfg(unix)]
fn reap(child: &mut std::process::Child, start: Instant, limit: Duration) -> Result<(bool, Duration, u64), String> {
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
    let mut killed = false;
    loop {
        let mut status: libc::c_int = 0;
        // SAFETY: an all-zero rusage is a valid value of this plain C struct.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let flags = if killed { 0 } else { libc::WNOHANG };
        // SAFETY: `pid` is our own unreaped child; `status` and `usage` are valid and writable.
        let got = unsafe { libc::wait4(pid, &mut status, flags, &mut usage) };
        if got == pid {
            if killed {
                return Err(format!("still running after {} s; stopped", limit.as_secs()));
            }
            let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
            let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
            return Ok((ok, time(usage.ru_utime) + time(usage.ru_stime), peak_kib(usage.ru_maxrss as u64)));
        }
        if got < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() != std::io::ErrorKind::Interrupted {
                return Err(format!("wait4: {e}"));
            }
        } else if start.elapsed() > limit {
            let _ = child.kill();
            killed = true;
        } else {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `ru_maxrss` is in KiB on Linux and the BSDs, in bytes on macOS.
#[cfg(unix)]
fn peak_kib(maxrss: u64) -> u64 {
    if cfg!(target_os = "macos") {
        maxrss / 1024
    } else {
        maxrss
    }
}

/// Elsewhere: wall time only (CPU time and peak memory read as 0).
#[cfg(not(unix))]
fn reap(child: &mut std::process::Child, _start: Instant, _limit: Duration) -> Result<(bool, Duration, u64), String> {
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), Duration::ZERO, 0))
}

/// The median of each figure over the runs, taken separately (the runs are few and the
/// machine may be shared: one slow run does not move it).
pub fn median(runs: &[Usage]) -> Option<Usage> {
    if runs.is_empty() {
        return None;
    }
    let mid = |mut v: Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let mut peaks: Vec<u64> = runs.iter().map(|u| u.peak_kb).collect();
    peaks.sort_unstable();
    Some(Usage {
        wall: mid(runs.iter().map(|u| u.wall).collect()),
        cpu: mid(runs.iter().map(|u| u.cpu).collect()),
        peak_kb: peaks[peaks.len() / 2],
    })
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn log(test: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("xtask-{test}-{}.log", std::process::id()))
    }

    #[test]
    fn the_peak_is_the_childs_in_kib() {
        // dd reads into one 64 MiB buffer: the child's peak is at least that, and far above
        // this test process's own few MiB.
        let usage = measure(Command::new("dd").args(["if=/dev/zero", "of=/dev/null", "bs=64M", "count=2"]), &log("peak"), Duration::from_secs(60)).unwrap();
        assert!(usage.peak_kb >= 64 * 1024, "peak {} KiB", usage.peak_kb);
        assert!(usage.peak_kb < 1024 * 1024, "peak {} KiB", usage.peak_kb);
        assert!(usage.cpu > Duration::ZERO);
    }

    #[test]
    fn a_failing_process_is_an_error_with_its_last_words() {
        let err = measure(Command::new("sh").args(["-c", "echo first; echo 'last words' >&2; exit 3"]), &log("fails"), Duration::from_secs(60)).unwrap_err();
        assert!(err.contains("last words"), "{err}");
    }

    #[test]
    fn a_process_over_the_limit_is_stopped() {
        let start = Instant::now();
        let err = measure(Command::new("sleep").arg("30"), &log("limit"), Duration::from_millis(200)).unwrap_err();
        assert!(err.contains("stopped"), "{err}");
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn the_median_takes_each_figure_on_its_own() {
        let u = |w: u64, c: u64, p: u64| Usage { wall: Duration::from_secs(w), cpu: Duration::from_secs(c), peak_kb: p };
        let m = median(&[u(9, 1, 500), u(1, 5, 100), u(5, 9, 300)]).unwrap();
        assert_eq!((m.wall, m.cpu, m.peak_kb), (Duration::from_secs(5), Duration::from_secs(5), 300));
        assert!(median(&[]).is_none());
    }
}
