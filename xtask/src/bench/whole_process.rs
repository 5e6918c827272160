//! One whole process, measured from outside: wall time, CPU time (user + system) and peak
//! resident memory, as the kernel reports them when the process is reaped (`wait4`). The
//! figures are the process's own plus those of any children it waited for, so a launcher
//! script's JVM would be counted too; the bench starts `java` itself.
//!
//! Linux starts a new program's peak (`ru_maxrss`) at the peak of the process that spawned it
//! (the memory it had when it called exec counts): the bench holds GitHub's parsed description
//! (about 150 MB), which would be every small run's floor. So [`measure_fresh`] spawns the
//! program from a fresh, small `xtask bench --measure` process, which reaps it and reports.

use std::ffi::OsString;
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
    let (ok, wall, cpu, peak_kb) = reap(&mut child, start, limit)?;
    if !ok {
        return Err(format!("failed: {} (log {})", why(&std::fs::read_to_string(log).unwrap_or_default()), log.display()));
    }
    Ok(Usage { wall, cpu, peak_kb })
}

/// The reason in a failed run's log: its first exception or error line, else its last line.
fn why(log: &str) -> String {
    let lines = || log.lines().map(str::trim).filter(|l| !l.is_empty());
    let first_error = lines().find(|l| l.contains("Exception:") || l.to_ascii_lowercase().starts_with("error"));
    first_error.or_else(|| lines().next_back()).unwrap_or("no output").to_string()
}

/// Runs `cmd`'s program and arguments (not its environment or folder) from a fresh
/// `xtask bench --measure` process, so that the figures are the program's alone.
pub fn measure_fresh(cmd: &Command, log: &Path, limit: Duration) -> Result<Usage, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(exe)
        .args(["bench", "--measure"])
        .arg(log)
        .arg(limit.as_secs().to_string())
        .arg("--")
        .arg(cmd.get_program())
        .args(cmd.get_args())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot start xtask bench --measure: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    match stdout.lines().find(|l| l.starts_with("USAGE ") || l.starts_with("FAILED ")) {
        Some(line) => parse_report(line),
        None => Err(format!("xtask bench --measure said nothing ({})", out.status)),
    }
}

/// `xtask bench --measure LOG LIMIT_S -- PROGRAM ARGS...`: runs the program, prints one
/// report line for [`measure_fresh`].
pub fn wrapper(measure_args: &[String], program: &[OsString]) -> u8 {
    let (Some(log), Some(limit), Some((program, args))) = (measure_args.first(), measure_args.get(1).and_then(|s| s.parse().ok()), program.split_first()) else {
        eprintln!("usage: xtask bench --measure LOG LIMIT_S -- PROGRAM ARGS...");
        return 2;
    };
    let mut cmd = Command::new(program);
    cmd.args(args);
    println!("{}", report(&measure(&mut cmd, Path::new(log), Duration::from_secs(limit))));
    0
}

fn report(result: &Result<Usage, String>) -> String {
    match result {
        Ok(u) => format!("USAGE {} {} {}", u.wall.as_micros(), u.cpu.as_micros(), u.peak_kb),
        Err(e) => format!("FAILED {}", e.replace('\n', " ")),
    }
}

fn parse_report(line: &str) -> Result<Usage, String> {
    if let Some(e) = line.strip_prefix("FAILED ") {
        return Err(e.to_string());
    }
    let numbers: Vec<u64> = line.strip_prefix("USAGE ").unwrap_or_default().split(' ').filter_map(|n| n.parse().ok()).collect();
    match numbers[..] {
        [wall, cpu, peak_kb] => Ok(Usage { wall: Duration::from_micros(wall), cpu: Duration::from_micros(cpu), peak_kb }),
        _ => Err(format!("unreadable report {line:?}")),
    }
}

/// Waits for the child, stopping it after `limit`, and reaps it with `wait4`, which hands back
/// its resource usage. Returns (exited successfully, wall time from `start` to its exit, CPU
/// time, peak KiB). The wait blocks until the exit itself: polling every 20 ms, as this did,
/// added up to 20 ms (10 on average) to every wall time measured.
#[cfg(unix)]
fn reap(child: &mut std::process::Child, start: Instant, limit: Duration) -> Result<(bool, Duration, Duration, u64), String> {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
    // A watchdog stops the child at the limit. The child is waited for without being reaped
    // first, so that the watchdog can only ever signal our own child, never a reused pid.
    let (exited, wait_done) = channel::<()>();
    let left = limit.saturating_sub(start.elapsed());
    let watchdog = std::thread::spawn(move || match wait_done.recv_timeout(left) {
        Err(RecvTimeoutError::Timeout) => {
            // SAFETY: `pid` is our child, exited or not, and not reaped until this thread ends.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            true
        }
        _ => false,
    });
    let waited = wait_exit(pid);
    let wall = start.elapsed();
    drop(exited);
    let killed = watchdog.join().unwrap_or(false);
    waited?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own exited, unreaped child; `status` and `usage` are writable.
        let got = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if got == pid {
            break;
        }
        let e = std::io::Error::last_os_error();
        if got >= 0 || e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4: {e}"));
        }
    }
    if killed {
        return Err(format!("still running after {} s; stopped", limit.as_secs()));
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    let time = |t: libc::timeval| Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64);
    Ok((ok, wall, time(usage.ru_utime) + time(usage.ru_stime), peak_kib(usage.ru_maxrss as u64)))
}

/// Blocks until child `pid` has exited, leaving it to be reaped.
#[cfg(unix)]
fn wait_exit(pid: libc::pid_t) -> Result<(), String> {
    let id = libc::id_t::try_from(pid).map_err(|e| e.to_string())?;
    loop {
        // SAFETY: an all-zero siginfo_t is a valid value of this plain C struct.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        // SAFETY: `pid` is our own child; `info` is valid and writable.
        if unsafe { libc::waitid(libc::P_PID, id, &mut info, libc::WEXITED | libc::WNOWAIT) } == 0 {
            return Ok(());
        }
        let e = std::io::Error::last_os_error();
        if e.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("waitid: {e}"));
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
fn reap(child: &mut std::process::Child, start: Instant, _limit: Duration) -> Result<(bool, Duration, Duration, u64), String> {
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), start.elapsed(), Duration::ZERO, 0))
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
    fn a_failing_process_is_an_error_with_its_reason() {
        let err = measure(Command::new("sh").args(["-c", "echo first; echo 'last words' >&2; exit 3"]), &log("fails"), Duration::from_secs(60)).unwrap_err();
        assert!(err.contains("last words") && !err.contains("first"), "{err}");
        let java = "[main] INFO starting\nio.swagger.SnakeException: expected a single document\n\tat a.b(C.java:1)\nCaused by: x\n";
        assert_eq!(why(java), "io.swagger.SnakeException: expected a single document");
    }

    #[test]
    fn the_wrappers_report_reads_back() {
        let u = Usage { wall: Duration::from_micros(2_500_001), cpu: Duration::from_micros(1_250_000), peak_kb: 1_546_240 };
        let back = parse_report(&report(&Ok(u))).unwrap();
        assert_eq!((back.wall, back.cpu, back.peak_kb), (u.wall, u.cpu, u.peak_kb));
        assert_eq!(parse_report(&report(&Err("failed:\nboom".into()))).unwrap_err(), "failed: boom");
        assert!(parse_report("USAGE 1 2").is_err());
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
