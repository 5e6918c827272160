//! Shapes: everything the evidence says about the values at one place in a body.
//!
//! A [`Shape`] counts what kinds of JSON value were seen (from samples and from declared
//! schemas alike) so that evidence is unioned, never won: a field that is `10` in one example
//! and declared `type: 'null'` elsewhere is an optional integer. Unioning is commutative, so the
//! result does not depend on the order of the samples.

use super::time_text::{looks_like_datetime, looks_like_iso_duration, looks_like_timespan};
use crate::model::{Origin, Schema, SchemaKind, SharedText};
use serde_json::Value;
use super::sorted_set::SortedSet;
use litemap::LiteMap;
use foldhash::HashSet;
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// How many distinct string values are remembered per place (enough to see sentinels).
const MAX_STRING_VALUES: usize = 32;
/// How many origins are remembered per place, for the report.
const MAX_ORIGINS: usize = 4;

/// Counts are `u32` (no document has four billion samples at one place): with `usize` a shape
/// was 128 bytes and a string's 120, one allocator size class more each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    pub null: u32,
    pub bool: u32,
    pub int: u32,
    pub float: u32,
    /// Declared `type: integer` schemas among the integers: a schema's word outranks a name.
    pub declared_int: u32,
    /// Boxed, like the array and the object: most places are not strings.
    pub string: Option<Box<StringShape>>,
    pub array: Option<Box<ArrayShape>>,
    pub object: Option<Box<ObjectShape>>,
    /// The integers, references and titles seen here: boxed, since most places have none, and
    /// three empty sets inline made every shape (90,000 for GitHub) 192 bytes where 128 do.
    pub(crate) rare: Option<Box<Rare>>,
    /// A declared schema said "anything" here.
    pub any: bool,
    /// Declared descriptions, first one wins when the docs are written.
    pub docs: Vec<String>,
    pub origins: Vec<Origin>,
}

/// The parts of a [`Shape`] most places leave empty. Never present while all three are empty,
/// so that equal shapes compare equal.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Rare {
    /// Distinct integers seen (up to a limit), for enums the prose documents.
    ints: SortedSet<i64>,
    /// Named schemas referenced here (`$ref`), resolved when types are built.
    refs: SortedSet<String>,
    /// Names given by the evidence itself (a schema title).
    titles: SortedSet<String>,
}

static NO_INTS: SortedSet<i64> = SortedSet::new();
static NO_NAMES: SortedSet<String> = SortedSet::new();

#[derive(Clone, Debug, Default, PartialEq)]
pub struct StringShape {
    pub count: u32,
    pub datetime: u32,
    /// Lengths of time: `00:03:45`, `1.02:03:04.5`, or declared `format: duration`.
    pub duration: u32,
    /// ISO 8601 durations (`PT1H30M`): lengths of time where some other value or a declared
    /// `format: duration` says so, since a short word starting with `P` may be a code.
    pub iso_duration: u32,
    /// Declared `type: string` with no format: says nothing for or against a timestamp.
    pub plain_declared: u32,
    pub values: SortedSet<String>,
    /// More distinct values were seen than are remembered.
    pub truncated: bool,
    /// Declared `enum` values: a closed set the spec promises.
    pub declared_enum: SortedSet<String>,
    pub formats: SortedSet<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArrayShape {
    pub count: usize,
    pub empty: usize,
    pub item: Shape,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ObjectShape {
    /// Observations that tell which fields are present: samples, and schemas with `required`.
    pub count: usize,
    pub fields: LiteMap<String, FieldShape>,
    /// Declared `additionalProperties` schema, or values of an object judged to be a map.
    pub additional: Option<Box<Shape>>,
    /// Property order as a schema declared it (samples never set it: their order is noise).
    pub declared_order: Vec<String>,
    /// The key sets (sorted) of the samples of 2 to 64 keys, to tell which fields appeared
    /// together in one sample (for alias guards). Key sets, not pairs of keys: pairs grow with
    /// the square of the keys, which was tens of MB for GitHub's examples.
    pub together: SortedSet<Vec<String>>,
    /// For each field, the key that preceded it in a sample (for alias guards).
    pub previous: LiteMap<String, SortedSet<String>>,
    /// How many declared object schemas with properties were observed here.
    pub declared: usize,
    /// The property names (sorted) of each declared schema of 2 or more properties: names one
    /// schema declares side by side are distinct fields, never a renamed one (alias guards).
    pub declared_sets: SortedSet<Vec<String>>,
    /// Declared schemas here that say which fields are required: a `required` list, or an
    /// alternative of a `oneOf`/`anyOf` (what it does not require may be absent). A field is
    /// required only where every one of them requires it; schemas that never say (many
    /// documents write no `required` at all) leave it to the others and the samples.
    pub stating: usize,
    /// Declared object schemas with no properties and no `additionalProperties` schema: any
    /// object at all.
    pub open: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldShape {
    /// In how many of the object's observations this field was present.
    pub present: usize,
    /// Boxed: a map's node has room for 11 entries whatever it holds, and a `Shape` inline
    /// made that 3 KB for every object, most of them with a few fields.
    pub shape: Box<Shape>,
    /// Every declared schema that says which fields are required requires it (see
    /// [`ObjectShape::stating`]), or the prose or a form says so.
    pub declared_required: bool,
    /// Some declared schema requires it, though not all that say do (for the report).
    pub required_by_some: bool,
    /// A declared schema marks it `readOnly`: the server sets it, a client never has to send it.
    pub read_only: bool,
    /// A declared schema marks it `writeOnly`: a client sends it, a response may leave it out.
    pub write_only: bool,
}

impl Shape {
    pub fn is_empty(&self) -> bool {
        self.kinds() == 0 && self.null == 0 && !self.any && self.refs().is_empty()
    }

    /// Distinct integers seen (up to a limit), for enums the prose documents.
    pub fn ints(&self) -> &SortedSet<i64> {
        self.rare.as_ref().map_or(&NO_INTS, |r| &r.ints)
    }

    /// Named schemas referenced here (`$ref`), resolved when types are built.
    pub fn refs(&self) -> &SortedSet<String> {
        self.rare.as_ref().map_or(&NO_NAMES, |r| &r.refs)
    }

    /// The one named schema referenced here, where there is exactly one.
    pub fn only_ref(&self) -> Option<&String> {
        let mut refs = self.refs().iter();
        refs.next().filter(|_| refs.next().is_none())
    }

    /// Names given by the evidence itself (a schema title).
    pub fn titles(&self) -> &SortedSet<String> {
        self.rare.as_ref().map_or(&NO_NAMES, |r| &r.titles)
    }

    fn rare_mut(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Default::default)
    }

    /// Forgets the references (their schemas were joined in by the caller).
    pub fn clear_refs(&mut self) {
        if let Some(rare) = &mut self.rare {
            rare.refs = SortedSet::new();
            if rare.ints.is_empty() && rare.titles.is_empty() {
                self.rare = None;
            }
        }
    }

    /// How many different non-null JSON kinds were seen (numbers count once).
    pub fn kinds(&self) -> usize {
        usize::from(self.bool > 0)
            + usize::from(self.int + self.float > 0)
            + usize::from(self.string.is_some())
            + usize::from(self.array.is_some())
            + usize::from(self.object.is_some())
    }

    fn note_origin(&mut self, origin: &Origin) {
        // The pointers first (they differ where origins do), and the texts only where they are
        // not one shared text (the file name of an origin is shared by its whole file).
        let same_text = |a: &SharedText, b: &SharedText| std::ptr::eq(a.as_str(), b.as_str()) || a == b;
        let known = |o: &Origin| same_text(&o.pointer, &origin.pointer) && same_text(&o.file, &origin.file);
        if self.origins.len() < MAX_ORIGINS && !self.origins.iter().any(known) {
            // Most places are seen once: room for one origin, where the first push made four.
            self.origins.reserve_exact(1);
            self.origins.push(origin.clone());
        }
    }

    /// Adds one JSON sample.
    pub fn observe(&mut self, value: &Value, origin: &Origin) {
        self.note_origin(origin);
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
                for (i, item) in items.iter().enumerate() {
                    array.item.observe(item, &origin.child(i));
                }
            }
            Value::Object(map) => {
                let object = self.object.get_or_insert_with(Default::default);
                object.count += 1;
                let mut previous: Option<&String> = None;
                // Where earlier samples were seen here, a name is copied only where the object
                // lacks it; into a new object (most are: one sample per body), it is copied
                // at once, as each is new.
                let fresh = object.fields.is_empty() && object.previous.is_empty();
                for (key, v) in map {
                    let field = match fresh {
                        true => object.fields.entry(key.clone()).or_default(),
                        false => match object.fields.get_mut(key.as_str()) {
                            Some(field) => field,
                            None => object.fields.entry(key.clone()).or_default(),
                        },
                    };
                    field.present += 1;
                    field.shape.observe(v, &origin.child(key));
                    if let Some(prev) = previous {
                        let before = match fresh {
                            true => object.previous.entry(key.clone()).or_default(),
                            false => match object.previous.get_mut(key.as_str()) {
                                Some(before) => before,
                                None => object.previous.entry(key.clone()).or_default(),
                            },
                        };
                        if fresh || !before.contains(prev.as_str()) {
                            before.insert(prev.clone());
                        }
                    }
                    previous = Some(key);
                }
                if (2..=64).contains(&map.len()) {
                    let mut keys: Vec<&String> = map.keys().collect();
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
        if let Some(d) = schema.description.as_ref().filter(|d| !d.trim().is_empty()) {
            if !self.docs.contains(d) {
                self.docs.push(d.clone());
            }
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
                        s.formats.insert(f.to_string());
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
                if !properties.is_empty() {
                    one.declared = 1;
                    one.note_declared(properties.iter().map(|(n, _)| n.clone()).collect());
                }
                for (name, prop) in properties {
                    if !one.declared_order.contains(name) {
                        one.declared_order.push(name.clone());
                    }
                    let field = one.fields.entry(name.clone()).or_default();
                    field.shape.observe_schema(prop);
                    field.declared_required |= required.contains(name);
                    field.required_by_some |= required.contains(name);
                    field.read_only |= prop.read_only;
                    field.write_only |= prop.write_only;
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
                let names: Vec<String> = parts
                    .iter()
                    .filter_map(|p| match &p.kind {
                        SchemaKind::Object { properties, .. } => Some(properties.iter().map(|(n, _)| n.clone())),
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

    /// Unions `other` into `self`. Commutative up to the order of remembered origins and docs.
    pub fn union(&mut self, other: &Shape) {
        self.merge(other, false);
    }

    /// Unions `other` into `self` as one alternative of several of which some say which fields
    /// are required: its object counts as saying so too (`stating` at least 1), as a copy of it
    /// with that set would, without the copy.
    pub fn union_alternative(&mut self, other: &Shape) {
        self.merge_stating(other, false, 1);
    }

    /// Unions `other` into `self`; `both` when both hold at once (the parts of an `allOf`), so
    /// that what either requires is required.
    fn merge(&mut self, other: &Shape, both: bool) {
        self.merge_stating(other, both, 0);
    }

    /// `merge`, with `other`'s object taken as stating required fields at least `stating` times.
    fn merge_stating(&mut self, other: &Shape, both: bool, stating: usize) {
        self.null += other.null;
        self.bool += other.bool;
        self.int += other.int;
        if let Some(theirs) = other.rare.as_deref() {
            let mine = self.rare_mut();
            for &i in &theirs.ints {
                if mine.ints.len() < MAX_STRING_VALUES {
                    mine.ints.insert(i);
                }
            }
            mine.refs.extend_from(&theirs.refs);
            mine.titles.extend_from(&theirs.titles);
        }
        self.float += other.float;
        self.declared_int += other.declared_int;
        self.any |= other.any;
        for d in &other.docs {
            if !self.docs.contains(d) {
                self.docs.push(d.clone());
            }
        }
        for o in &other.origins {
            // Full: no origin of `other` is remembered, and none need be compared.
            if self.origins.len() >= MAX_ORIGINS {
                break;
            }
            self.note_origin(o);
        }
        // Where `self` has none, a union into an empty one is a copy (the sets of `other` are
        // distinct and within their limits): cloned, where the union walked every field.
        if let Some(s) = &other.string {
            match &mut self.string {
                Some(mine) => mine.union(s),
                None => self.string = Some(s.clone()),
            }
        }
        if let Some(a) = &other.array {
            match &mut self.array {
                Some(mine) => {
                    mine.count += a.count;
                    mine.empty += a.empty;
                    mine.item.merge(&a.item, both);
                }
                None => self.array = Some(a.clone()),
            }
        }
        if let Some(o) = &other.object {
            let theirs_stating = o.stating.max(stating);
            match &mut self.object {
                Some(mine) => mine.merge_as(o, theirs_stating, both),
                None => {
                    let mut copy = o.clone();
                    copy.stating = theirs_stating;
                    self.object = Some(copy);
                }
            }
        }
    }
}

impl FieldShape {
    /// Adds another observation of the same field; `declared_required` is the object's to set.
    fn absorb(&mut self, other: &FieldShape, both: bool) {
        self.present += other.present;
        self.required_by_some |= other.required_by_some;
        self.read_only |= other.read_only;
        self.write_only |= other.write_only;
        self.shape.merge(&other.shape, both);
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

    fn union(&mut self, other: &StringShape) {
        self.count += other.count;
        self.datetime += other.datetime;
        self.duration += other.duration;
        self.iso_duration += other.iso_duration;
        self.plain_declared += other.plain_declared;
        self.truncated |= other.truncated;
        for v in &other.values {
            if self.values.contains(v) {
                continue;
            }
            if self.values.len() < MAX_STRING_VALUES {
                self.values.insert(v.clone());
            } else {
                self.truncated = true;
            }
        }
        self.declared_enum.extend_from(&other.declared_enum);
        self.formats.extend_from(&other.formats);
    }

    /// Every string seen is a timestamp, and at least one was seen or declared so. A declared
    /// `type: string` without a format neither counts for nor against.
    pub fn all_datetime(&self) -> bool {
        self.datetime > 0 && self.datetime + self.plain_declared == self.count
    }

    /// Every string seen is a length of time, and at least one was seen or declared so.
    pub fn all_duration(&self) -> bool {
        self.duration > 0 && self.duration + self.iso_duration + self.plain_declared == self.count
    }
}

impl ObjectShape {
    /// Unions `other` into `self`. The field maps are walked together in their sorted order and
    /// a name is cloned only where `self` lacks it: merging the clusters' objects cloned every
    /// name of both sides, several times, for each of thousands of unions.
    fn merge(&mut self, other: &ObjectShape, both: bool) {
        self.merge_as(other, other.stating, both);
    }

    /// `merge`, with `theirs_stating` in place of `other.stating`.
    fn merge_as(&mut self, other: &ObjectShape, theirs_stating: usize, both: bool) {
        self.count += other.count;
        // Where both sides say which fields are required, a field stays required only if both
        // require it (a side that lacks the field does not); else the side that says decides.
        let (mine_says, theirs_say) = (self.stating > 0, theirs_stating > 0);
        let required = |mine: bool, theirs: bool| match (both, mine_says, theirs_say) {
            (true, _, _) | (false, false, false) => mine || theirs,
            (false, true, true) => mine && theirs,
            (false, true, false) => mine,
            (false, false, true) => theirs,
        };
        // Their fields `self` lacks, each with how many of `self`'s fields come before it: the
        // names are compared once each, here, and not again to insert the new ones.
        let mut theirs = other.fields.iter().peekable();
        let mut new: Vec<(usize, &String, &FieldShape)> = Vec::new();
        for (at, (name, mine)) in self.fields.iter_mut().enumerate() {
            let mut field = None;
            while let Some(&(n, f)) = theirs.peek() {
                match n.cmp(name) {
                    Ordering::Less => new.push((at, n, f)),
                    Ordering::Equal => field = Some(f),
                    Ordering::Greater => break,
                }
                theirs.next();
                if field.is_some() {
                    break;
                }
            }
            mine.declared_required = required(mine.declared_required, field.is_some_and(|f| f.declared_required));
            if let Some(field) = field {
                mine.absorb(field, both);
            }
        }
        let end = self.fields.len();
        new.extend(theirs.map(|(n, f)| (end, n, f)));
        if !new.is_empty() {
            // A union into an empty field is a copy of it.
            let copy = |name: &String, field: &FieldShape| (name.clone(), FieldShape { declared_required: required(false, field.declared_required), ..field.clone() });
            let mine = std::mem::take(&mut self.fields).into_tuple_vec();
            let mut fields = Vec::with_capacity(mine.len() + new.len());
            let mut new = new.into_iter().peekable();
            for (at, entry) in mine.into_iter().enumerate() {
                while let Some((_, name, field)) = new.next_if(|(before, _, _)| *before == at) {
                    fields.push(copy(name, field));
                }
                fields.push(entry);
            }
            fields.extend(new.map(|(_, name, field)| copy(name, field)));
            // Sorted: both sides were, and each new field sits where its name orders it.
            self.fields = LiteMap::from_sorted_store_unchecked(fields);
        }
        self.stating += theirs_stating;
        self.open += other.open;
        if self.declared_order != other.declared_order {
            let mut known: HashSet<&str> = self.declared_order.iter().map(String::as_str).collect();
            let added: Vec<&String> = other.declared_order.iter().filter(|n| known.insert(n.as_str())).collect();
            self.declared_order.extend(added.into_iter().cloned());
        }
        if let Some(a) = &other.additional {
            match &mut self.additional {
                Some(mine) => mine.merge(a, both),
                None => self.additional = Some(a.clone()),
            }
        }
        self.together.extend_from(&other.together);
        self.declared += other.declared;
        self.declared_sets.extend_from(&other.declared_sets);
        for (k, v) in &other.previous {
            match self.previous.get_mut(k) {
                Some(mine) => mine.extend_from(v),
                None => {
                    self.previous.insert(k.clone(), v.clone());
                }
            }
        }
    }

    fn note_declared(&mut self, mut names: Vec<String>) {
        names.sort_unstable();
        names.dedup();
        if names.len() >= 2 {
            self.declared_sets.insert(names);
        }
    }

    /// Whether fields `a` and `b` (two names) appeared together in one sample.
    pub fn together(&self, a: &str, b: &str) -> bool {
        let has = |keys: &[String], k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).is_ok();
        self.together.iter().any(|keys| has(keys, a) && has(keys, b))
    }

    /// The set of field names, for similarity between objects.
    pub fn keys(&self) -> BTreeSet<&str> {
        self.fields.keys().map(String::as_str).collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shape_of(values: &[Value]) -> Shape {
        let mut s = Shape::default();
        for v in values {
            s.observe(v, &Origin::default());
        }
        s
    }

    #[test]
    fn optional_and_nullable_are_counted_apart() {
        let s = shape_of(&[json!({"a": 1, "b": null}), json!({"b": 2})]);
        let o = s.object.as_ref().unwrap();
        assert_eq!(o.count, 2);
        assert_eq!(o.fields[&"a".to_string()].present, 1);
        assert_eq!(o.fields[&"b".to_string()].present, 2);
        assert_eq!(o.fields[&"b".to_string()].shape.null, 1);
    }

    #[test]
    fn union_does_not_depend_on_order() {
        let a = json!({"x": [1, 2.5], "y": "2019-02-01T00:00:00Z"});
        let b = json!({"x": [], "z": {"k": true}});
        let mut ab = shape_of(std::slice::from_ref(&a));
        ab.union(&shape_of(std::slice::from_ref(&b)));
        let mut ba = shape_of(&[b]);
        ba.union(&shape_of(&[a]));
        assert_eq!(ab.object.as_ref().map(|o| &o.fields), ba.object.as_ref().map(|o| &o.fields));
    }

    fn object_schema(props: &[&str], required: &[&str]) -> Schema {
        let properties = props.iter().map(|p| (p.to_string(), Schema { kind: SchemaKind::String, ..Default::default() })).collect();
        let required = required.iter().map(|r| r.to_string()).collect();
        Schema { kind: SchemaKind::Object { properties, required, additional: None }, ..Default::default() }
    }

    fn required_of(s: &Shape) -> Vec<&str> {
        s.object.as_ref().unwrap().fields.iter().filter(|f| f.1.declared_required).map(|f| f.0.as_str()).collect()
    }

    #[test]
    fn two_schemas_require_only_what_both_require_in_either_order() {
        let (a, b) = (object_schema(&["id", "name", "tag"], &["id", "name"]), object_schema(&["id", "kind"], &["id", "kind"]));
        let (mut ab, mut ba) = (Shape::default(), Shape::default());
        ab.observe_schema(&a);
        ab.observe_schema(&b);
        ba.observe_schema(&b);
        ba.observe_schema(&a);
        assert_eq!(required_of(&ab), ["id"]);
        assert_eq!(ab.object.as_ref().map(|o| &o.fields), ba.object.as_ref().map(|o| &o.fields));
        // A schema that never says which fields are required leaves it to the others.
        ab.observe_schema(&object_schema(&["name"], &[]));
        assert_eq!(required_of(&ab), ["id"]);
        // The parts of an `allOf` all hold: what any requires is required.
        let mut all = Shape::default();
        all.observe_schema(&Schema { kind: SchemaKind::AllOf(vec![a, b]), ..Default::default() });
        assert_eq!(required_of(&all), ["id", "kind", "name"]);
    }

    #[test]
    fn iso_durations_count_only_beside_other_evidence() {
        assert!(!shape_of(&[json!("PT5M"), json!("P1D")]).string.unwrap().all_duration());
        let mut declared = shape_of(&[json!("PT5M")]);
        declared.observe_schema(&Schema { kind: SchemaKind::String, format: Some("duration".into()), ..Default::default() });
        assert!(declared.string.unwrap().all_duration());
    }

    #[test]
    fn one_sample_that_is_not_a_time_keeps_the_field_text() {
        let s = shape_of(&[json!("2019-02-01T00:00:00Z"), json!("soon"), json!("00:03:45")]);
        let st = s.string.as_ref().unwrap();
        assert!(!st.all_datetime() && !st.all_duration());
        let s = shape_of(&[json!("00:03:45"), json!("1.00:00:00")]);
        assert!(s.string.as_ref().unwrap().all_duration());
    }

    #[test]
    fn a_declared_string_without_format_does_not_hide_timestamps() {
        let mut s = shape_of(&[json!("2019-02-28T10:09:30.701107")]);
        s.observe_schema(&Schema { kind: SchemaKind::String, ..Default::default() });
        assert!(s.string.as_ref().unwrap().all_datetime());
        let mut declared_only = Shape::default();
        declared_only.observe_schema(&Schema { kind: SchemaKind::String, ..Default::default() });
        assert!(!declared_only.string.as_ref().unwrap().all_datetime());
        let mut uuid = shape_of(&[json!("2019-02-01")]);
        uuid.observe_schema(&Schema { kind: SchemaKind::String, format: Some("uuid".into()), ..Default::default() });
        assert!(!uuid.string.as_ref().unwrap().all_datetime());
    }
}
