//! Freeing big values off the critical path.
//!
//! A stage that is done with a large tree (the parsed document, the sources' bodies, the
//! inference roots) would spend tens of milliseconds freeing it node by node before the next
//! stage can start. Handed to another thread, that time overlaps the next stage on the
//! second core. Nothing observable depends on when a value is freed, so output stays the same.

/// Drops `value` on a thread of its own. If no thread can be started, drops it here.
pub fn drop_later<T: Send + 'static>(value: T) {
    // When no thread can be started, `spawn` drops the closure, and the value with it, here.
    let _ = std::thread::Builder::new().name("drop-later".into()).spawn(move || drop(value));
}

/// Where a stage puts what it no longer reads: freed at once on another thread, or kept for
/// the caller, which frees it when it chooses (or never: a process about to end). Inference's
/// input is a tree of hundreds of thousands of small allocations (about 20 MB on GitHub's
/// description): freeing it took about 55 ms of CPU from emit's two threads on two cores.
#[derive(Default)]
pub enum Spent {
    /// [`drop_later`] each value as it comes.
    #[default]
    FreedAtOnce,
    /// Keep every value until this is dropped.
    Kept(Vec<Box<dyn std::any::Any + Send>>),
}

impl Spent {
    pub fn put<T: Send + 'static>(&mut self, value: T) {
        match self {
            Spent::FreedAtOnce => drop_later(value),
            Spent::Kept(values) => values.push(Box::new(value)),
        }
    }
}

impl std::fmt::Debug for Spent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Spent::FreedAtOnce => f.write_str("FreedAtOnce"),
            Spent::Kept(values) => write!(f, "Kept({} values)", values.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{drop_later, Spent};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    struct Flag(Arc<AtomicBool>);
    impl Drop for Flag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_value_is_dropped() {
        let dropped = Arc::new(AtomicBool::new(false));
        drop_later(Flag(dropped.clone()));
        let start = Instant::now();
        while !dropped.load(Ordering::SeqCst) {
            assert!(start.elapsed() < Duration::from_secs(10), "never dropped");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    #[test]
    fn kept_values_live_until_the_spent_is_dropped_and_the_others_go_at_once() {
        let (kept, freed) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let mut spent = Spent::Kept(Vec::new());
        spent.put(Flag(kept.clone()));
        Spent::FreedAtOnce.put(Flag(freed.clone()));
        let start = Instant::now();
        while !freed.load(Ordering::SeqCst) {
            assert!(start.elapsed() < Duration::from_secs(10), "never dropped");
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(!kept.load(Ordering::SeqCst), "kept, not freed");
        assert_eq!(format!("{spent:?}"), "Kept(1 values)");
        drop(spent);
        assert!(kept.load(Ordering::SeqCst));
    }
}
