//! The examples the bodies give, each with the operation and status it shows.
//!
//! Planning reads the sources on two threads and must not copy every example value (a
//! deep copy of each JSON example: most of the examples' memory, and time): each use
//! remembers where its value is, and the values are filled in once planning is done, moved
//! out of sources that were handed over (their bodies are released right after), copied
//! from borrowed ones.

use crate::model::{ExampleBody, ExampleUse, Source};
use foldhash::HashMap;
use serde_json::Value;

/// Uses whose values are still in the sources.
#[derive(Default)]
pub(super) struct Uses {
    /// Each use, with `Value::Null` for its value until `fill`.
    list: Vec<ExampleUse>,
    /// The address of each use's value in the sources: a key, never read through.
    at: Vec<usize>,
}

impl Uses {
    /// A use of `value`, an example of one of the sources' bodies.
    pub(super) fn push(&mut self, example: ExampleUse, value: &Value) {
        self.list.push(example);
        self.at.push(value as *const Value as usize);
    }

    pub(super) fn append(&mut self, next: Uses) {
        self.list.extend(next.list);
        self.at.extend(next.at);
    }

    /// The uses with their values, moved out of `sources` (whose bodies go next): a value
    /// used twice is copied for all but its last use.
    pub(super) fn take_from(self, sources: &mut [Source]) -> Vec<ExampleUse> {
        let mut values: HashMap<usize, &mut Value> = HashMap::default();
        for source in sources.iter_mut() {
            for op in &mut source.operations {
                let responses = op.responses.iter_mut().flat_map(|r| r.body.iter_mut().chain(r.media.iter_mut()));
                for body in op.request.iter_mut().chain(responses) {
                    for ex in &mut body.examples {
                        if let ExampleBody::Json(v) = &mut ex.body {
                            values.insert(&*v as *const Value as usize, v);
                        }
                    }
                }
            }
        }
        let mut remaining: HashMap<usize, usize> = HashMap::default();
        for &at in &self.at {
            *remaining.entry(at).or_default() += 1;
        }
        let Uses { mut list, at } = self;
        for (example, at) in list.iter_mut().zip(at) {
            let (Some(value), Some(left)) = (values.get_mut(&at), remaining.get_mut(&at)) else {
                // Only if the sources changed since planning: a bug, which debug builds catch.
                debug_assert!(false, "an example use whose value is no longer in the sources");
                continue;
            };
            *left -= 1;
            example.value = if *left == 0 { std::mem::take(&mut **value) } else { (**value).clone() };
        }
        list
    }

    /// The uses with their values copied from `sources`, which stay as they are.
    pub(super) fn copy_from(self, sources: &[Source]) -> Vec<ExampleUse> {
        let mut values: HashMap<usize, &Value> = HashMap::default();
        for op in sources.iter().flat_map(|s| &s.operations) {
            let responses = op.responses.iter().flat_map(|r| r.body.iter().chain(&r.media));
            for ex in op.request.iter().chain(responses).flat_map(|b| &b.examples) {
                if let ExampleBody::Json(v) = &ex.body {
                    values.insert(v as *const Value as usize, v);
                }
            }
        }
        let Uses { mut list, at } = self;
        for (example, at) in list.iter_mut().zip(at) {
            match values.get(&at) {
                Some(value) => example.value = (*value).clone(),
                None => debug_assert!(false, "an example use whose value is no longer in the sources"),
            }
        }
        list
    }
}
