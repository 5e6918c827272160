//! Shapes: everything the evidence says about the values at one place in a body.
//!
//! A [`Shape`] counts what kinds of JSON value were seen (from samples and from declared
//! schemas alike) so that evidence is unioned, never won: a field that is `10` in one example
//! and declared `type: 'null'` elsewhere is an optional integer. Unioning is commutative, so the
//! result does not depend on the order of the samples.
//!
//! This file holds the types and their small accessors; adding evidence is in
//! `shape_observe.rs` and unioning shapes in `shape_merge.rs`, child modules so that the
//! private parts (`Rare`, the limits) stay private to shapes.

pub use super::name_text::Name;
pub use super::origins::Origins;
pub use super::shared::Shared;
use super::sorted_set::SortedSet;
use crate::model::SharedText;
use litemap::LiteMap;
use std::collections::BTreeSet;

#[path = "shape_merge.rs"]
mod merge;
#[path = "shape_observe.rs"]
mod observe;

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
    /// Behind a pointer, like the array and the object: most places are not strings. Shared
    /// (see [`Shared`]) so that copies of a shape share it; the object stays a `Box`, which
    /// other stages build.
    pub string: Option<Shared<StringShape>>,
    pub array: Option<Shared<ArrayShape>>,
    pub object: Option<Box<ObjectShape>>,
    /// The integers, references and titles seen here: boxed, since most places have none, and
    /// three empty sets inline made every shape (90,000 for GitHub) 192 bytes where 128 do.
    pub(crate) rare: Option<Shared<Rare>>,
    /// A declared schema said "anything" here.
    pub any: bool,
    /// The first declared description: the one the docs are written from. Only the first is
    /// kept (every union compared and copied them all, for nothing), shared by the copies.
    pub docs: Option<SharedText>,
    /// Held inline while there is one (most places).
    pub origins: Origins,
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
    /// Shared: a document names a few formats (`uri`, `date-time`) on thousands of strings.
    pub formats: SortedSet<Name>,
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
    /// Keyed by shared names: a union or a copy of the object counts each name up, where a
    /// `String` per field was copied and freed again with every object the clustering joined.
    pub fields: LiteMap<Name, FieldShape>,
    /// Declared `additionalProperties` schema, or values of an object judged to be a map.
    pub additional: Option<Shared<Shape>>,
    /// Property order as a schema declared it (samples never set it: their order is noise).
    pub declared_order: Vec<Name>,
    /// The key sets (sorted) of the samples of 2 to 64 keys, to tell which fields appeared
    /// together in one sample (for alias guards). Key sets, not pairs of keys: pairs grow with
    /// the square of the keys, which was tens of MB for GitHub's examples.
    pub together: SortedSet<Vec<Name>>,
    /// For each field, the key that preceded it in a sample (for alias guards).
    pub previous: LiteMap<Name, SortedSet<Name>>,
    /// How many declared object schemas with properties were observed here.
    pub declared: usize,
    /// The property names (sorted) of each declared schema of 2 or more properties: names one
    /// schema declares side by side are distinct fields, never a renamed one (alias guards).
    pub declared_sets: SortedSet<Vec<Name>>,
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
    /// Behind a pointer: a map's node has room for 11 entries whatever it holds, and a `Shape` inline
    /// made that 3 KB for every object, most of them with a few fields.
    pub shape: Shared<Shape>,
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
}

impl StringShape {
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
    /// Whether fields `a` and `b` (two names) appeared together in one sample.
    pub fn together(&self, a: &str, b: &str) -> bool {
        let has = |keys: &[Name], k: &str| keys.binary_search_by(|x| x.as_str().cmp(k)).is_ok();
        self.together.iter().any(|keys| has(keys, a) && has(keys, b))
    }

    /// The set of field names, for similarity between objects.
    pub fn keys(&self) -> BTreeSet<&str> {
        self.fields.keys().map(Name::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Schema, SchemaKind};
    use serde_json::Value;
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
        assert_eq!(o.fields.get("a").unwrap().present, 1);
        assert_eq!(o.fields.get("b").unwrap().present, 2);
        assert_eq!(o.fields.get("b").unwrap().shape.null, 1);
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
