//! Two pieces of independent work at once: one on a second thread, one on this one. The 2-core
//! machines this runs on would otherwise leave the second core idle outside emit.

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

#[cfg(test)]
mod tests {
    use super::both;

    #[test]
    fn both_results_come_back_and_a_panic_is_none() {
        let mut n = 0;
        let (a, b) = both("test", || 1 + 1, || { n += 1; n });
        assert_eq!((a, b), (Some(2), 1));
        let (a, b) = both("test", || -> u8 { panic!("on purpose") }, || 3);
        assert_eq!((a, b), (None, 3));
    }
}
