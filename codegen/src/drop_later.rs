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

#[cfg(test)]
mod tests {
    use super::drop_later;
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
}
