//! The models module: struct fields with their Rust names and types, enum variant names.

use super::rust::{field_names, field_ty};
use super::{FieldItem, ItemKind, TypeItem, VariantItem};
use crate::model::{EnumValue, Field, Ty, TypeKind, Types};
use crate::name;
use foldhash::HashMap;
use std::collections::{BTreeMap, BTreeSet};

/// Every model by its Rust name.
pub fn items(types: &Types) -> BTreeMap<String, TypeItem> {
    let boxed = boxed_edges(types);
    let mut out = BTreeMap::new();
    for (i, def) in types.defs.iter().enumerate() {
        let kind = match &def.kind {
            TypeKind::Struct(fields) => {
                let (names, _) = field_names(fields);
                let fields = fields
                    .iter()
                    .zip(names)
                    .enumerate()
                    .map(|(fi, (f, name))| FieldItem { name, json: f.name.clone(), ty: field_ty(types, f, boxed.contains(&(i, fi))).to_string() })
                    .collect();
                ItemKind::Struct(fields)
            }
            TypeKind::Enum { values, .. } => {
                let variants = variant_names(values).into_iter().zip(values).map(|(name, v)| VariantItem { name, value: wire(&v.value) }).collect();
                ItemKind::Enum(variants)
            }
            TypeKind::Union(variants) => ItemKind::Union(
                variants
                    .iter()
                    .map(|v| VariantItem { name: name::pascal(&v.name), value: super::rust::rust_ty(types, &v.ty).to_string() })
                    .collect(),
            ),
        };
        // Where the type's evidence starts, for the report: `file#/json/pointer`.
        let origin = def.origins.first().map(|o| format!("{}#{}", o.file, o.pointer)).unwrap_or_default();
        out.insert(def.name.trim_start_matches("r#").to_string(), TypeItem { kind, origin });
    }
    out
}

/// Models with the shape of an earlier one (the same members, member docs and boxing; the
/// type's own docs and evidence aside), by name, and the name of that first one: emit writes
/// them as `pub type Name = First;`. Large APIs describe one object inline under many names.
/// `targets`: [`alias_targets`].
pub fn aliases(types: &Types, targets: &[Option<usize>]) -> BTreeMap<String, String> {
    targets
        .iter()
        .enumerate()
        .filter_map(|(i, first)| Some((bare(&types.defs[i].name), bare(&types.defs[(*first)?].name))))
        .collect()
}

/// Per model, the index of the earlier model it is an alias of.
pub fn alias_targets(types: &Types) -> Vec<Option<usize>> {
    let boxed = boxed_edges(types);
    // Structs, the most, are compared member by member (evidence aside); enums and unions
    // by their debug text, which tells apart what `PartialEq` would not (`0.0` and `-0.0`,
    // objects with their keys in another order).
    let mut first_struct: HashMap<Vec<Member>, usize> = HashMap::default();
    let mut first_other: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(types.defs.len());
    for (i, def) in types.defs.iter().enumerate() {
        let first = match &def.kind {
            TypeKind::Struct(fields) => {
                let members = fields.iter().enumerate().map(|(fi, f)| Member::new(f, boxed.contains(&(i, fi)))).collect();
                *first_struct.entry(members).or_insert(i)
            }
            other => *first_other.entry(format!("{other:?}")).or_insert(i),
        };
        out.push((first != i).then_some(first));
    }
    out
}

/// Everything emit writes for a struct member: the field without its evidence, and whether
/// it is boxed. Hashed by name and type only (docs are long to hash and rarely all that
/// differs); equality compares all of it.
#[derive(PartialEq, Eq)]
struct Member<'a> {
    name: &'a str,
    rust_name: Option<&'a str>,
    aliases: &'a [String],
    ty: &'a Ty,
    optional: bool,
    nullable: bool,
    lenient: bool,
    docs: Option<&'a str>,
    boxed: bool,
}

impl std::hash::Hash for Member<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.ty.hash(state);
    }
}

impl<'a> Member<'a> {
    fn new(f: &'a Field, boxed: bool) -> Member<'a> {
        // Destructured so that a field added to `Field` must be considered here.
        let Field { name, rust_name, aliases, ty, optional, nullable, lenient, docs, origins: _ } = f;
        Member { name, rust_name: rust_name.as_deref(), aliases, ty, optional: *optional, nullable: *nullable, lenient: *lenient, docs: docs.as_deref(), boxed }
    }
}

fn bare(name: &str) -> String {
    name.trim_start_matches("r#").to_string()
}

/// An enum value as the API sends it: a string as it is, a number in JSON.
pub fn wire(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Whether an enum's values travel as numbers (Outseta's `AccountStage` codes).
pub fn integer_codes(values: &[EnumValue]) -> bool {
    !values.is_empty() && values.iter().all(|v| v.value.is_i64())
}

/// The Rust variant name of each value, in order; `Other` is kept for unknown values.
pub fn variant_names(values: &[EnumValue]) -> Vec<String> {
    let ints = integer_codes(values);
    let mut taken = BTreeSet::from(["Other".to_string()]);
    values
        .iter()
        .map(|v| {
            let raw = wire(&v.value);
            let wanted = match (&v.label, ints) {
                (Some(label), _) if label.split_whitespace().count() <= 4 => name::pascal(label),
                (_, true) => format!("Code{raw}").replace('-', "Minus"),
                _ => name::pascal(&raw),
            };
            name::unique(wanted, &mut taken)
        })
        .collect()
}

/// Struct fields that must be boxed: those whose type leads back to the struct itself
/// without passing through a `Vec` or a map (which already give indirection), that is whose
/// type is in the struct's strongly connected component. A search from every field was
/// quadratic: a tenth of emit's time on the main thread on GitHub's description.
pub fn boxed_edges(types: &Types) -> BTreeSet<(usize, usize)> {
    let direct = |ty: &Ty| -> Option<usize> {
        match ty {
            Ty::Named(id) => Some(id.0),
            _ => None,
        }
    };
    let edges: Vec<Vec<usize>> = types
        .defs
        .iter()
        .map(|d| match &d.kind {
            TypeKind::Struct(fields) => fields.iter().filter_map(|f| direct(&f.ty)).collect(),
            TypeKind::Union(vs) => vs.iter().filter_map(|v| direct(&v.ty)).collect(),
            TypeKind::Enum { .. } => Vec::new(),
        })
        .collect();
    let component = components(&edges);
    let mut out = BTreeSet::new();
    for (i, d) in types.defs.iter().enumerate() {
        if let TypeKind::Struct(fields) = &d.kind {
            for (fi, f) in fields.iter().enumerate() {
                if direct(&f.ty).is_some_and(|target| component.get(target) == Some(&component[i])) {
                    out.insert((i, fi));
                }
            }
        }
    }
    out
}

/// The strongly connected component of each node (Tarjan's, without recursion: the arena's
/// chains of types are deep). Nodes reach each other both ways exactly when their numbers
/// are equal; an edge to a node outside the graph is left out.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut component = vec![UNSEEN; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let (mut next_index, mut next_component) = (0, 0);
    // The search's own stack: a node and how many of its edges it has followed.
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        calls.push((root, 0));
        while let Some(&mut (node, ref mut followed)) = calls.last_mut() {
            if *followed == 0 {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&to) = edges[node].get(*followed) {
                *followed += 1;
                if to >= n {
                    continue;
                }
                if index[to] == UNSEEN {
                    calls.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn nodes_share_a_component_exactly_when_each_reaches_the_other() {
        // 0 -> 1 -> 2 -> 0 is a cycle, 3 refers to itself, 4 -> 0 and 5 stand alone, and
        // 2's edge to 9 leads out of the graph.
        let edges = vec![vec![1], vec![2], vec![0, 9], vec![3, 4], vec![0], vec![]];
        let c = components(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        let others = [c[0], c[3], c[4], c[5]];
        assert!(others.iter().enumerate().all(|(i, a)| others[i + 1..].iter().all(|b| a != b)));
    }
}
