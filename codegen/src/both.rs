//! Two pieces of independent work at once: one on a second thread, one on this one. The 2-core
//! machines this runs on would otherwise leave the second core idle outside emit.

use std::any::Any;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Deep documents recurse deeply: a main thread's stack, not the 2 MiB of a spawned one.
pub const STACK: usize = 16 << 20;

/// Runs `first` on a second thread while `second` runs here, and gives both results. When no
/// thread can be started, `first` runs here, before `second`. `None`: `first` panicked.
pub fn both<A: Send, B>(name: &str, first: impl FnOnce() -> A + Send, second: impl FnOnce() -> B) -> (Option<A>, B) {
    // In a cell, so that it is still here to run if the thread cannot start.
    let cell = Mutex::new(Some(first));
    let run = || cell.lock().ok()?.take().map(|f| f());
    std::thread::scope(|scope| match std::thread::Builder::new().name(name.into()).stack_size(STACK).spawn_scoped(scope, run) {
        Ok(other) => {
            let b = second();
            (other.join().ok().flatten(), b)
        }
        Err(_) => {
            let a = run();
            (a, second())
        }
    })
}

/// Runs `job(0)` to `job(count - 1)` on this thread and a second one, each thread taking the
/// next number when it is free (so that both end about together when the jobs' sizes are hard
/// to foresee), and gives the results in number order. When no thread can be started, every
/// job runs here. `Err`: the second thread panicked (its payload; the caller decides whether
/// that is a bug to raise again or an error to report).
pub fn in_turns<R: Send>(name: &str, count: usize, job: impl Fn(usize) -> R + Sync) -> Result<Vec<R>, Box<dyn Any + Send>> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            if at >= count {
                return done;
            }
            done.push((at, job(at)));
        }
    };
    let mut done = std::thread::scope(|scope| {
        let other = std::thread::Builder::new().name(name.into()).stack_size(STACK).spawn_scoped(scope, work);
        let mut done = work();
        if let Ok(other) = other {
            done.extend(other.join()?);
        }
        Ok::<_, Box<dyn Any + Send>>(done)
    })?;
    done.sort_by_key(|(at, _)| *at);
    Ok(done.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    use super::{both, in_turns};

    #[test]
    fn both_results_come_back_and_a_panic_is_none() {
        let mut n = 0;
        let (a, b) = both("test", || 1 + 1, || { n += 1; n });
        assert_eq!((a, b), (Some(2), 1));
        let (a, b) = both("test", || -> u8 { panic!("on purpose") }, || 3);
        assert_eq!((a, b), (None, 3));
    }

    #[test]
    fn jobs_in_turns_come_back_in_number_order() {
        let squares = in_turns("test", 100, |at| at * at).unwrap_or_default();
        assert_eq!(squares, (0..100).map(|at| at * at).collect::<Vec<_>>());
        assert_eq!(in_turns("test", 0, |at| at).unwrap_or_default(), Vec::<usize>::new());
    }

    #[test]
    fn a_panic_on_the_second_thread_comes_back_as_its_payload() {
        // Job 1 panics on whichever thread takes it; on this thread the panic goes on up.
        let here = std::thread::current().id();
        let result = std::panic::catch_unwind(|| {
            in_turns("test", 2, |at| {
                if at == 1 && std::thread::current().id() != here {
                    panic!("on purpose");
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
                at
            })
        });
        match result {
            // The second thread took job 1: its payload is the error.
            Ok(Err(payload)) => assert_eq!(payload.downcast_ref::<&str>(), Some(&"on purpose")),
            // This thread took both jobs (the other was slow to start): no panic at all.
            Ok(Ok(done)) => assert_eq!(done, vec![0, 1]),
            Err(_) => panic!("a panic on the second thread must not unwind this one"),
        }
    }
}
