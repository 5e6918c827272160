//! Observing: one JSON sample or one declared schema added to a [`Shape`].
//!
//! Kept apart from the type definitions (`shape.rs`) and from the unions (`shape_merge.rs`):
//! this is where each kind of evidence (a value, a `type`, a `format`, a `required` list, a
//! `oneOf` or `allOf`, an enum, an example) becomes counts.

use crate::infer::time_text::{looks_like_datetime, looks_like_iso_duration, looks_like_timespan};
use super::{FieldShape, Name, ObjectShape, Shape, Shared, SortedSet, StringShape, MAX_STRING_VALUES};
use litemap::LiteMap;
use crate::model::{push_segment, FileName, Origin, Schema, SchemaKind, SharedText};
use serde_json::{Map, Value};

impl Shape {
    /// Adds one JSON sample.
    pub fn observe(&mut self, value: &Value, origin: &Origin) {
        self.note_origin(origin);
        let mut pointer = String::with_capacity(origin.pointer.len() + 64);
        pointer.push_str(&origin.pointer);
        self.observe_value(value, origin.file, &mut pointer);
    }

    /// `observe` below the sample's root, its origin noted: `pointer` is the value's, extended
    /// for each child and restored after it. A child's origin is made only where its shape keeps
    /// it (most places that see many samples have their few origins already): a shared text
    /// made for each value of GitHub's examples, and mostly freed at once, cost more than the
    /// rest of observing them.
    fn observe_value(&mut self, value: &Value, file: FileName, pointer: &mut String) {
        match value {
            Value::Null => self.null += 1,
            Value::Bool(_) => self.bool += 1,
            Value::Number(n) => {
                // An integer beyond i64 (an id near u64::MAX) would not fit the `i64` field
                // an integer gets: f64 holds it, approximately, where i64 rejects it.
                if n.is_i64() {
                    self.int += 1;
                    if let Some(i) = n.as_i64().filter(|_| self.ints().len() < MAX_STRING_VALUES) {
                        self.rare_mut().ints.insert(i);
                    }
                } else {
                    self.float += 1
                }
            }
            Value::String(s) => self.string.get_or_insert_with(Default::default).observe(s),
            Value::Array(items) => {
                let array = self.array.get_or_insert_with(Default::default);
                array.count += 1;
                if items.is_empty() {
                    array.empty += 1;
                }
                let at = pointer.len();
                for (i, item) in items.iter().enumerate() {
                    pointer.truncate(at);
                    push_segment(pointer, i);
                    array.item.note_origin_at(file, pointer);
                    array.item.observe_value(item, file, pointer);
                }
                pointer.truncate(at);
            }
            Value::Object(map) => {
                let object = self.object.get_or_insert_with(Default::default);
                object.count += 1;
                // One shared name per key, for the field, the key sets and the keys before each
                // field (a sample of one key has neither).
                let names: Vec<Name> = map.keys().map(|k| Name::key(k)).collect();
                if object.fields.is_empty() && object.previous.is_empty() {
                    object.observe_first(map, &names, file, pointer);
                } else {
                    object.observe_again(map, &names, file, pointer);
                }
                if (2..=64).contains(&map.len()) {
                    let mut keys: Vec<&Name> = names.iter().collect();
                    keys.sort_unstable();
                    if !object.together.contains_by(|set| set.iter().cmp(keys.iter().copied())) {
                        object.together.insert(keys.into_iter().cloned().collect());
                    }
                }
            }
        }
    }

    /// Adds a declared schema. `$ref`s stay references; they are resolved by name later.
    pub fn observe_schema(&mut self, schema: &Schema) {
        self.note_origin(&schema.origin);
        if self.docs.is_none() {
            self.docs = schema.description.as_deref().filter(|d| !d.trim().is_empty()).map(SharedText::from);
        }
        if let Some(t) = &schema.title {
            self.rare_mut().titles.insert(t.clone());
        }
        if schema.nullable {
            self.null += 1;
        }
        match &schema.kind {
            SchemaKind::Any => {
                if schema.enum_values.is_empty() {
                    self.any = true;
                }
            }
            SchemaKind::Null => self.null += 1,
            SchemaKind::Boolean => self.bool += 1,
            SchemaKind::Integer => {
                self.int += 1;
                self.declared_int += 1;
            }
            SchemaKind::Number => self.float += 1,
            SchemaKind::String => {
                let s = self.string.get_or_insert_with(Default::default);
                s.count += 1;
                match schema.format.as_deref() {
                    Some(f) => {
                        s.formats.insert(Name::key(f));
                        match f {
                            "date-time" | "date" => s.datetime += 1,
                            "duration" => s.duration += 1,
                            _ => {}
                        }
                    }
                    None => s.plain_declared += 1,
                }
            }
            SchemaKind::Array(item) => {
                let array = self.array.get_or_insert_with(Default::default);
                array.count += 1;
                array.item.observe_schema(item);
            }
            SchemaKind::Object { properties, required, additional } => {
                // One schema is one observation: unioned, so that two schemas never require
                // more than either does.
                let open = usize::from(properties.is_empty() && additional.is_none());
                let mut one = ObjectShape { stating: usize::from(!required.is_empty()), open, ..Default::default() };
                // One shared name per property, for its field, the declared order and the
                // schema's set of names.
                let names: Vec<Name> = properties.iter().map(|(n, _)| Name::key(n)).collect();
                for ((name, prop), shared) in properties.iter().zip(&names) {
                    if !one.declared_order.contains(shared) {
                        one.declared_order.push(shared.clone());
                    }
                    let field = one.fields.entry(shared.clone()).or_default();
                    field.shape.observe_schema(prop);
                    field.declared_required |= required.contains(name);
                    field.required_by_some |= required.contains(name);
                    field.read_only |= prop.read_only;
                    field.write_only |= prop.write_only;
                }
                if !properties.is_empty() {
                    one.declared = 1;
                    one.note_declared(names);
                }
                if let Some(additional) = additional {
                    one.additional.get_or_insert_with(Default::default).observe_schema(additional);
                }
                // The first schema here is the whole object: moved in, where a merge into an
                // empty object copied every field of it.
                match &mut self.object {
                    Some(object) => object.merge(&one, false),
                    None => self.object = Some(Box::new(one)),
                }
            }
            SchemaKind::OneOf(parts) => {
                // Each alternative speaks for itself: where one says which fields are required
                // (or takes any object), a field is required only where every one requires it.
                let mut alternatives: Vec<Shape> = parts
                    .iter()
                    .map(|part| {
                        let mut one = Shape::default();
                        one.observe_schema(part);
                        one
                    })
                    .collect();
                                if alternatives.iter().any(|a| a.object.as_deref().is_some_and(|o| o.stating > 0 || o.open > 0)) {
                    for object in alternatives.iter_mut().filter_map(|a| a.object.as_mut()) {
                        object.stating = object.stating.max(1);
                    }
                }
                for alternative in &alternatives {
                    self.union(alternative);
                }
            }
            SchemaKind::AllOf(parts) => {
                // Every part applies: what any part requires is required.
                let mut all = Shape::default();
                for part in parts {
                    let mut one = Shape::default();
                    one.observe_schema(part);
                    all.merge(&one, true);
                }
                self.union(&all);
                // The parts' properties are the properties of one object.
                let names: Vec<Name> = parts
                    .iter()
                    .filter_map(|p| match &p.kind {
                        SchemaKind::Object { properties, .. } => Some(properties.iter().map(|(n, _)| Name::key(n))),
                        _ => None,
                    })
                    .flatten()
                    .collect();
                if let Some(object) = self.object.as_mut() {
                    object.note_declared(names);
                }
            }
            SchemaKind::Ref(name) => {
                self.rare_mut().refs.insert(name.clone());
            }
        }
        for v in &schema.enum_values {
            match v {
                Value::String(s) => {
                    let st = self.string.get_or_insert_with(Default::default);
                    st.declared_enum.insert(s.clone());
                    if st.count == 0 {
                        st.count = 1;
                    }
                }
                Value::Null => self.null += 1,
                other => self.observe(other, &schema.origin),
            }
        }
        if let Some(example) = &schema.example {
            // A schema's own example is evidence too, as long as it fits the declared kind.
            if example_fits(&schema.kind, example) {
                self.observe(example, &schema.origin);
            }
        }
    }
}

impl StringShape {
    fn observe(&mut self, s: &str) {
        self.count += 1;
        if looks_like_datetime(s) {
            self.datetime += 1;
        } else if looks_like_timespan(s) {
            self.duration += 1;
        } else if looks_like_iso_duration(s) {
            self.iso_duration += 1;
        }
        if self.values.len() < MAX_STRING_VALUES {
            self.values.insert(s.to_string());
        } else if !self.values.contains(s) {
            self.truncated = true;
        }
    }
}

impl ObjectShape {
    /// The first sample of an empty object (most are: one sample per body): its fields and
    /// the keys before them are built in order and sorted once, where inserting each key
    /// in its place moved and grew the maps key by key.
    fn observe_first(&mut self, map: &Map<String, Value>, names: &[Name], file: FileName, pointer: &mut String) {
        let mut fields = Vec::with_capacity(map.len());
        let mut before = Vec::with_capacity(map.len().saturating_sub(1));
        for (i, ((key, v), name)) in map.iter().zip(names).enumerate() {
            let mut shape = Shape::default();
            let at = pointer.len();
            push_segment(pointer, key);
            shape.note_origin_at(file, pointer);
            shape.observe_value(v, file, pointer);
            pointer.truncate(at);
            let field = FieldShape { present: 1, shape: Shared::new(shape), declared_required: false, required_by_some: false, read_only: false, write_only: false };
            fields.push((name.clone(), field));
            if let Some(previous) = i.checked_sub(1).and_then(|p| names.get(p)) {
                before.push((name.clone(), SortedSet::one(previous.clone())));
            }
        }
        // The keys of a JSON object are distinct: sorted, each is in its place.
        fields.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        before.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.fields = LiteMap::from_sorted_store_unchecked(fields);
        self.previous = LiteMap::from_sorted_store_unchecked(before);
    }

    /// Another sample of an object seen before: a name is copied only where the object lacks it.
    fn observe_again(&mut self, map: &Map<String, Value>, names: &[Name], file: FileName, pointer: &mut String) {
        let mut previous: Option<&Name> = None;
        for ((key, v), name) in map.iter().zip(names) {
            let field = match self.fields.get_mut(key.as_str()) {
                Some(field) => field,
                None => self.fields.entry(name.clone()).or_default(),
            };
            field.present += 1;
            let at = pointer.len();
            push_segment(pointer, key);
            field.shape.note_origin_at(file, pointer);
            field.shape.observe_value(v, file, pointer);
            pointer.truncate(at);
            if let Some(prev) = previous {
                let before = match self.previous.get_mut(key.as_str()) {
                    Some(before) => before,
                    None => self.previous.entry(name.clone()).or_default(),
                };
                if !before.contains(prev.as_str()) {
                    before.insert(prev.clone());
                }
            }
            previous = Some(name);
        }
    }

    fn note_declared(&mut self, mut names: Vec<Name>) {
        names.sort_unstable();
        names.dedup();
        if names.len() >= 2 {
            self.declared_sets.insert(names);
        }
    }
}

fn example_fits(kind: &SchemaKind, example: &Value) -> bool {
    matches!(
        (kind, example),
        (SchemaKind::Boolean, Value::Bool(_))
            | (SchemaKind::Integer, Value::Number(_))
            | (SchemaKind::Number, Value::Number(_))
            | (SchemaKind::String, Value::String(_))
            | (SchemaKind::Null, Value::Null)
    ) || matches!((kind, example), (SchemaKind::Integer, Value::Number(n)) if n.is_i64() || n.is_u64())
}
