//! Objects nested in the response bodies, found by the name their field gives (`plan`,
//! `plans` as a list: `Plan`). One walk over the bodies answers every name: walking them
//! again for each name asked was 3-4% of the whole run on GitHub's description.

use crate::infer::{Role, Root, Shape};
use crate::name;
use foldhash::HashMap;

/// One step from a root's shape down to a nested one.
enum Step {
    Item,
    Field(String),
}

/// Where an object of some name is first found: the root, the way down, the field's name.
struct Hit {
    root: usize,
    path: Vec<Step>,
    key: String,
}

/// The first object found for each name (its type name in lower case), over the response
/// roots walked so far. Roots are only ever added, never changed, so what was found stays.
#[derive(Default)]
pub(super) struct Nested {
    walked: usize,
    first: HashMap<String, Hit>,
    /// The first response root that is an object, by its hint's type name in lower case,
    /// over the roots up to `hinted`: asked for every borrowed body, the hints were converted
    /// again each time.
    named: HashMap<String, usize>,
    hinted: usize,
}

impl Nested {
    /// The first response root that is an object whose hint gives the type name `wanted`
    /// (compared without case).
    pub(super) fn root_named(&mut self, wanted: &str, roots: &[Root]) -> Option<usize> {
        for (i, root) in roots.iter().enumerate().skip(self.hinted) {
            if root.role == Role::Response && is_object(&root.shape) {
                self.named.entry(name::type_name(&root.hint).to_ascii_lowercase()).or_insert(i);
            }
        }
        self.hinted = roots.len();
        self.named.get(&wanted.to_ascii_lowercase()).copied()
    }

    /// A copy of the first object held by a field whose name gives `wanted` (compared
    /// without case), and the field's name; the order is that of the roots, and inside one
    /// body an array's items first, then the object's fields, then what they hold.
    pub(super) fn find(&mut self, wanted: &str, roots: &[Root]) -> Option<(String, Shape)> {
        let mut names: HashMap<&str, String> = HashMap::default();
        for (i, root) in roots.iter().enumerate().skip(self.walked) {
            if root.role == Role::Response {
                walk(&root.shape, i, &mut Vec::new(), &mut names, &mut self.first);
            }
        }
        self.walked = roots.len();
        let hit = self.first.get(&wanted.to_ascii_lowercase())?;
        let mut shape = &roots.get(hit.root)?.shape;
        for step in &hit.path {
            shape = match step {
                Step::Item => &shape.array.as_ref()?.item,
                Step::Field(key) => &shape.object.as_ref()?.fields.get(key.as_str())?.shape,
            };
        }
        Some((hit.key.clone(), shape.clone()))
    }
}

/// The way down while walking: `None` for an array's items, else a field's name.
type Way<'s> = Vec<Option<&'s str>>;

fn walk<'s>(shape: &'s Shape, root: usize, way: &mut Way<'s>, names: &mut HashMap<&'s str, String>, first: &mut HashMap<String, Hit>) {
    if let Some(array) = &shape.array {
        way.push(None);
        walk(&array.item, root, way, names, first);
        way.pop();
    }
    let Some(object) = shape.object.as_ref() else { return };
    for (key, field) in &object.fields {
        let own = &field.shape;
        let down: &[Option<&str>] = if is_object(own) {
            &[Some(key)]
        } else if own.array.as_ref().is_some_and(|a| is_object(&a.item)) {
            &[Some(key), None]
        } else {
            continue;
        };
        let named = names.entry(key.as_str()).or_insert_with(|| name::type_name(&name::singular(key)).to_ascii_lowercase());
        if !first.contains_key(named.as_str()) {
            let path = way.iter().chain(down).map(|step| step.map_or(Step::Item, |k| Step::Field(k.to_string()))).collect();
            first.insert(named.clone(), Hit { root, path, key: key.to_string() });
        }
    }
    for (key, field) in &object.fields {
        way.push(Some(key));
        walk(&field.shape, root, way, names, first);
        way.pop();
    }
}

pub(super) fn is_object(shape: &Shape) -> bool {
    shape.object.is_some() && shape.array.is_none()
}
