//! Success bodies the documents do not show, typed from weaker evidence instead of thrown away.
//!
//! Evidence is read in a fixed order of strength; the first that speaks decides, and the
//! report says which did, with its pointer:
//! 1. examples and declared schemas (already in the plan: nothing to do here);
//! 2. prose: "returns an invoice object" names a body the API shows elsewhere;
//! 3. the API's structure: the operations on one resource path share its type (GET of the
//!    item, POST to the collection, PUT/PATCH of the item), a list is wrapped in the envelope
//!    its sibling list endpoints use, and a resource seen only nested (`Plan` inside a
//!    subscription) or only as a request body still gives its own type;
//! 4. otherwise any JSON (`serde_json::Value`), which the plan already holds.
//!
//! Borrowed bodies of calls other than GET may also come back empty (`Option<T>`), and a
//! body taken from a request has every field optional: the evidence shows what may be there,
//! not what must.

use super::bodies::Plan;
use super::group::Group;
use crate::infer::{Role, Root, Shape};
use crate::overrides::Lookup;
use crate::model::{Decision, DecisionKind, Method, Origin, Segment};
use crate::name;
use super::nested::{is_object, Nested};
use std::collections::BTreeMap;

/// Where an operation stands on its resource: `/deals` is the collection, `/deals/{id}` an item.
struct Resource {
    /// The collection's path, parameters by position (`/crm/deals`).
    collection: String,
    /// The collection's last literal segment (`deals`).
    word: String,
    item: bool,
}

fn resource(g: &Group<'_>) -> Option<Resource> {
    let segs = &g.path.segments;
    let item = matches!(segs.last(), Some(Segment::Param(_)));
    let collection = if item { &segs[..segs.len() - 1] } else { &segs[..] };
    let word = collection.iter().rev().find_map(|s| match s {
        Segment::Literal(l) if !l.is_empty() => Some(l.clone()),
        _ => None,
    })?;
    // The collection itself must end in its word: `/deals/{id}/close` is an action, not an item.
    if !matches!(collection.last(), Some(Segment::Literal(l)) if *l == word) {
        return None;
    }
    let key = collection.iter().map(|s| match s {
        Segment::Literal(l) => format!("/{l}"),
        Segment::Param(_) => "/{}".to_string(),
    });
    Some(Resource { collection: key.collect(), word, item })
}

/// The calls whose body is the resource itself, by convention of HTTP APIs.
fn returns_item(method: Method, item: bool) -> bool {
    matches!((method, item), (Method::Get | Method::Put | Method::Patch, true) | (Method::Post, false))
}

/// A root, why it was chosen, and its evidence.
type Found = (usize, String, Vec<Origin>);

/// Fills the success bodies of `plans` that the documents do not show.
/// Operations whose response api.toml sets (`[overrides.responses]`) are left to it.
pub fn borrow(groups: &[Group<'_>], plans: &mut [Plan], roots: &mut Vec<Root>, overrides: &Lookup<'_>, decisions: &mut Vec<Decision>) {
    let resources: Vec<Option<Resource>> = groups.iter().map(resource).collect();
    let envelope = list_envelope(groups, plans, roots, &resources);
    // Each resource's item type is found once, from the bodies the documents show, so the
    // operations that borrow it share one type and the report names the real evidence.
    let mut items: BTreeMap<String, Option<Found>> = BTreeMap::new();
    let mut nested = Nested::default();
    let shown: Vec<bool> = plans.iter().map(|p| !p.success_unknown()).collect();
    for i in 0..groups.len() {
        if !plans[i].success_unknown() {
            continue;
        }
        let g = &groups[i];
        let subject = format!("{} {}", g.method.as_str(), g.path.to_openapi());
        if overrides.sets_response(&subject) {
            continue;
        }
        // A GET reads something back; other calls may answer with nothing, unless their
        // prose says a body comes back.
        let may_be_empty = g.method != Method::Get && !g.members.iter().filter_map(|m| m.description.as_deref()).any(says_body_comes_back);
        if let Some((root, detail, evidence)) = from_prose(g, roots, &mut nested) {
            plans[i].borrow_success(root, may_be_empty);
            decisions.push(Decision { kind: DecisionKind::ResponseBody, subject, detail, evidence });
            continue;
        }
        let found = resources[i].as_ref().and_then(|r| {
            if !items.contains_key(&r.collection) {
                let found = item_root(r, groups, plans, roots, &resources, &shown, &mut nested);
                items.insert(r.collection.clone(), found);
            }
            let item = items.get(&r.collection).cloned().flatten();
            if returns_item(g.method, r.item) {
                item.map(|(root, why, evidence)| (root, format!("the body is the `{}` item: {why}", r.word), evidence))
            } else if g.method == Method::Get && !r.item {
                let (item, why, mut evidence) = item?;
                let (list, envelope_from) = wrap_list(&envelope, item, &g.path, roots);
                evidence.extend(envelope_from);
                Some((list, format!("the body lists `{}` items ({why}) in the list envelope the API's other lists use", r.word), evidence))
            } else {
                None
            }
        });
        match found {
            Some((root, detail, evidence)) => {
                plans[i].borrow_success(root, may_be_empty);
                let detail = format!("{detail}{}", if may_be_empty { "; an empty body gives `None`" } else { "" });
                decisions.push(Decision { kind: DecisionKind::ResponseBody, subject, detail, evidence });
            }
            None => decisions.push(Decision {
                kind: DecisionKind::ResponseBody,
                subject,
                detail: "no example, schema, prose or sibling operation shows the success body: it is returned as `serde_json::Value` (empty: `null`)".into(),
                evidence: g.members.iter().map(|m| m.origin.clone()).collect(),
            }),
        }
    }
}

/// "Returns an invoice object", "returns the updated Person object": a body named in prose
/// that the API shows elsewhere, as a whole body or nested in one.
fn from_prose(g: &Group<'_>, roots: &mut Vec<Root>, nested: &mut Nested) -> Option<Found> {
    for m in &g.members {
        let Some(text) = m.description.as_deref() else { continue };
        for wanted in returned_objects(text) {
            let type_name = name::type_name(&wanted);
            if let Some(root) = named_root(&type_name, roots, nested) {
                let mut evidence = vec![m.origin.child("description")];
                evidence.extend(roots[root].shape.origins.iter().take(2).cloned());
                return Some((root, format!("the description says it returns {} `{wanted}` object, and that object is shown elsewhere", article(&wanted)), evidence));
            }
        }
    }
    None
}

/// "You will receive back a JSON object", "responds with an object", "returns a JSON object".
pub fn says_body_comes_back(text: &str) -> bool {
    let text = text.to_ascii_lowercase();
    ["receive back a", "receive a json", "returns a json", "responds with a", "respond with a", "returns an object", "return a json"]
        .iter()
        .any(|p| text.contains(p))
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// The names in "returns a(n)/the X object" (one or two words before `object`).
pub fn returned_objects(text: &str) -> Vec<String> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_ascii_lowercase();
        if !matches!(lower.as_str(), "return" | "returns" | "returned") {
            continue;
        }
        // "returns an invoice object", "returns the updated invoice object".
        let rest: Vec<&String> = words[i + 1..].iter().take(5).collect();
        let Some(start) = rest.iter().position(|w| matches!(w.to_ascii_lowercase().as_str(), "a" | "an" | "the")) else { continue };
        let Some(end) = rest.iter().position(|w| w.eq_ignore_ascii_case("object")) else { continue };
        if end > start + 1 {
            // The last word before `object` names it ("updated invoice" -> "invoice").
            let name = rest[end - 1].to_string();
            if !matches!(name.to_ascii_lowercase().as_str(), "json" | "new" | "updated" | "same") && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// A response root named `type_name`, or a copy of an object of that name nested in one.
/// Names compare without case: `planfamilies` names the `PlanFamily` objects.
fn named_root(type_name: &str, roots: &mut Vec<Root>, nested: &mut Nested) -> Option<usize> {
    let wanted = name::type_name(type_name);
    if let Some(i) = nested.root_named(&wanted, roots) {
        return Some(i);
    }
    let (key, shape) = nested.find(&wanted, roots)?;
    roots.push(Root { hint: name::type_name(&name::singular(&key)), role: Role::Response, shape, prose: Vec::new() });
    Some(roots.len() - 1)
}

/// The root of the resource's item type: a sibling's documented item body, else the object of
/// that name shown nested in some body, else the body sent to create or replace it.
fn item_root(
    r: &Resource,
    groups: &[Group<'_>],
    plans: &[Plan],
    roots: &mut Vec<Root>,
    resources: &[Option<Resource>],
    shown: &[bool],
    nested: &mut Nested,
) -> Option<Found> {
    let siblings: Vec<usize> = (0..groups.len()).filter(|&j| resources[j].as_ref().is_some_and(|s| s.collection == r.collection)).collect();
    // GET of the item first: it is what the resource is.
    let mut order = siblings.clone();
    order.sort_by_key(|&j| (groups[j].method != Method::Get, groups[j].method));
    for &j in &order {
        let Some(s) = &resources[j] else { continue };
        if !returns_item(groups[j].method, s.item) || !shown[j] {
            continue;
        }
        if let Some(root) = plans[j].success_root().filter(|&k| is_object(&roots[k].shape)) {
            let g = &groups[j];
            let why = format!("{} {} shows it", g.method.as_str(), g.path.to_openapi());
            return Some((root, why, roots[root].shape.origins.iter().take(2).cloned().collect()));
        }
    }
    // The items of a sibling list.
    for &j in &order {
        if groups[j].method != Method::Get || resources[j].as_ref().is_none_or(|s| s.item) || !shown[j] {
            continue;
        }
        let Some(list) = plans[j].success_root() else { continue };
        if let Some(items) = list_items(&roots[list].shape) {
            let shape = items.clone();
            let g = &groups[j];
            let why = format!("the items of {} {}", g.method.as_str(), g.path.to_openapi());
            let evidence = shape.origins.iter().take(2).cloned().collect();
            roots.push(Root { hint: name::type_name(&name::singular(&r.word)), role: Role::Response, shape, prose: Vec::new() });
            return Some((roots.len() - 1, why, evidence));
        }
    }
    let type_name = name::type_name(&name::singular(&r.word));
    // `data`, `items`, `settings` name no resource: an object of that name elsewhere is
    // another thing.
    let generic = crate::infer::build::GENERIC_NAMES.contains(&r.word.to_ascii_lowercase().as_str());
    if let Some(root) = if generic { None } else { named_root(&type_name, roots, nested) } {
        let why = format!("an object named `{}` is shown in another body", roots[root].hint);
        return Some((root, why, roots[root].shape.origins.iter().take(2).cloned().collect()));
    }
    // A request body says what the resource may hold only where the API also reads the
    // resource back: a lone POST is as likely an action as a collection.
    if !order.iter().any(|&j| groups[j].method == Method::Get) {
        return None;
    }
    for &j in &order {
        let Some(s) = &resources[j] else { continue };
        if !returns_item(groups[j].method, s.item) || groups[j].method == Method::Get {
            continue;
        }
        if let Some(k) = plans[j].request_root().filter(|&k| is_object(&roots[k].shape)) {
            let mut shape = roots[k].shape.clone();
            super::request_fields::loosen(&mut shape);
            let g = &groups[j];
            let why = format!("the body {} {} sends, every field optional", g.method.as_str(), g.path.to_openapi());
            let evidence = shape.origins.iter().take(2).cloned().collect();
            roots.push(Root { hint: type_name, role: Role::Response, shape, prose: Vec::new() });
            return Some((roots.len() - 1, why, evidence));
        }
    }
    None
}

/// The item objects of a list body: a bare array, or an envelope with one array of objects.
pub(super) fn list_items(shape: &Shape) -> Option<&Shape> {
    if shape.object.is_none() {
        return shape.array.as_ref().map(|a| &a.item).filter(|i| is_object(i));
    }
    let object = shape.object.as_ref().filter(|_| shape.array.is_none())?;
    let lists: Vec<&Shape> = object.fields.values().filter_map(|f| f.shape.array.as_ref().map(|a| &a.item)).filter(|i| is_object(i)).collect();
    match lists[..] {
        [items] => Some(items),
        _ => None,
    }
}

/// How the API's documented lists are wrapped: an envelope object (its shape and the key of
/// its array of items), or `None` for bare arrays or no documented list.
struct Envelope {
    shape: Shape,
    items: String,
}

/// The most common wrapping of the documented GET lists of the API.
fn list_envelope(groups: &[Group<'_>], plans: &[Plan], roots: &[Root], resources: &[Option<Resource>]) -> Option<Envelope> {
    let mut seen: BTreeMap<Vec<String>, (usize, Option<Envelope>)> = BTreeMap::new();
    for (j, g) in groups.iter().enumerate() {
        if g.method != Method::Get || resources[j].as_ref().is_none_or(|r| r.item) {
            continue;
        }
        let Some(root) = plans[j].success_root() else { continue };
        let shape = &roots[root].shape;
        if list_items(shape).is_none() {
            continue;
        }
        let Some(object) = &shape.object else {
            seen.entry(Vec::new()).or_insert((0, None)).0 += 1;
            continue;
        };
        let Some(items) = object.fields.iter().find(|(_, f)| f.shape.array.as_ref().is_some_and(|a| is_object(&a.item))).map(|(k, _)| k) else { continue };
        let keys: Vec<String> = object.fields.keys().map(|k| k.to_string()).collect();
        let entry = seen.entry(keys).or_insert((0, None));
        entry.0 += 1;
        if entry.1.is_none() {
            entry.1 = Some(Envelope { shape: shape.clone(), items: items.to_string() });
        }
    }
    // Most common first; on a tie, the first key set in order, so the choice is stable.
    let best = seen.into_iter().max_by(|a, b| a.1 .0.cmp(&b.1 .0).then_with(|| b.0.cmp(&a.0)))?;
    best.1 .1
}

/// A new root for a list of `item`s, wrapped as the API wraps its lists.
fn wrap_list(envelope: &Option<Envelope>, item: usize, path: &crate::model::PathTemplate, roots: &mut Vec<Root>) -> (usize, Vec<Origin>) {
    let item_shape = roots[item].shape.clone();
    let (shape, evidence) = match envelope {
        Some(env) => {
            let mut shape = env.shape.clone();
            if let Some(array) = shape.object.as_mut().and_then(|o| o.fields.get_mut(env.items.as_str())).and_then(|f| f.shape.array.as_mut()) {
                array.item = item_shape;
            }
            let evidence = env.shape.origins.iter().take(1).cloned().collect();
            (shape, evidence)
        }
        None => {
            let mut shape = Shape::default();
            let array = shape.array.get_or_insert_with(Default::default);
            array.count = 1;
            array.item = item_shape;
            (shape, Vec::new())
        }
    };
    let hint = super::bodies::resource_hint(path, &shape);
    roots.push(Root { hint, role: Role::Response, shape, prose: Vec::new() });
    (roots.len() - 1, evidence)
}

#[cfg(test)]
mod tests {
    use super::returned_objects;

    #[test]
    fn returned_objects_are_read_from_prose() {
        assert_eq!(returned_objects("The method returns an invoice object."), vec!["invoice"]);
        assert_eq!(returned_objects("Returns the updated Person object"), vec!["Person"]);
        assert_eq!(returned_objects("Returns a JSON object with the result"), Vec::<String>::new());
        assert_eq!(returned_objects("It returns nothing; the object is deleted"), Vec::<String>::new());
    }
}
