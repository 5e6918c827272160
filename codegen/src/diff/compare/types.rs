//! The spec compare's types, compared structurally where they are used: a type reached
//! from several places is compared once per direction, a name change is one `type-renamed`.

use super::{at, Cx, Dir};
use crate::diff::rules::Rule;
use crate::model::{Api, Field, Ty, TypeId, TypeKind};
use crate::surface::rust_ty;

impl Cx<'_> {
    /// Compares the types at one place. `path` is relative to the body: `.owner.name`,
    /// `.items[]`; empty for the body itself.
    pub(super) fn ty(&mut self, a: &Ty, b: &Ty, dir: Dir, place: &str, path: &str) {
        match (a, b) {
            (Ty::Named(x), Ty::Named(y)) => self.named(*x, *y, dir, place, path),
            (Ty::List(x), Ty::List(y)) => self.ty(x, y, dir, place, &format!("{path}[]")),
            (Ty::Map(x), Ty::Map(y)) => self.ty(x, y, dir, place, &format!("{path}{{}}")),
            // A timestamp is a `Timestamp`, not a `String`: scalars compare by their Rust type.
            (x, y) if scalar(x) && scalar(y) && rust_ty(&self.old.types, x) == rust_ty(&self.new.types, y) => {}
            _ => {
                let detail = format!("{} -> {}", self.describe(self.old, a), self.describe(self.new, b));
                self.type_changed(dir, place, path, detail);
            }
        }
    }

    fn type_changed(&mut self, dir: Dir, place: &str, path: &str, detail: String) {
        let rule = match (dir, path.is_empty()) {
            (Dir::Request, true) => Rule::RequestBodyTypeChanged,
            (Dir::Request, false) => Rule::RequestPropertyTypeChanged,
            (Dir::Response, true) => Rule::ResponseBodyTypeChanged,
            (Dir::Response, false) => Rule::ResponsePropertyTypeChanged,
        };
        self.push(rule, at(place, path), detail);
    }

    fn named(&mut self, x: TypeId, y: TypeId, dir: Dir, place: &str, path: &str) {
        if !self.seen.insert((x, y, dir)) {
            return;
        }
        let (Some(a), Some(b)) = (self.old.types.defs.get(x.0), self.new.types.defs.get(y.0)) else { return };
        self.paired.insert((a.name.clone(), b.name.clone()));
        let names = (a.name.as_str(), b.name.as_str());
        let since = self.out.len();
        match (&a.kind, &b.kind) {
            (TypeKind::Struct(fa), TypeKind::Struct(fb)) => {
                self.rename(&a.name, &b.name);
                self.fields(fa, fb, dir, place, path, names);
            }
            (TypeKind::Enum { values: va, open: oa }, TypeKind::Enum { values: vb, open: ob }) => {
                self.rename(&a.name, &b.name);
                if oa != ob {
                    let show = |open: bool| if open { "open enum" } else { "closed enum" };
                    self.type_changed(dir, place, path, format!("{} -> {}", show(*oa), show(*ob)));
                    self.touch(since, names, "*");
                }
                let (added, removed) = match dir {
                    Dir::Request => (Rule::RequestPropertyEnumValueAdded, Rule::RequestPropertyEnumValueRemoved),
                    Dir::Response => (Rule::ResponsePropertyEnumValueAdded, Rule::ResponsePropertyEnumValueRemoved),
                };
                for (v, rule) in vb.iter().filter(|v| !va.iter().any(|w| w.value == v.value)).map(|v| (v, added)).chain(va.iter().filter(|v| !vb.iter().any(|w| w.value == v.value)).map(|v| (v, removed))) {
                    let since = self.out.len();
                    self.push(rule, at(place, path), v.value.to_string());
                    self.touch(since, names, &format!("={}", crate::surface::types::wire(&v.value)));
                }
            }
            (TypeKind::Union(va), TypeKind::Union(vb)) => {
                self.rename(&a.name, &b.name);
                let (added, removed) = match dir {
                    Dir::Request => (Rule::RequestPropertyOneOfAdded, Rule::RequestPropertyOneOfRemoved),
                    Dir::Response => (Rule::ResponsePropertyOneOfAdded, Rule::ResponsePropertyOneOfRemoved),
                };
                for v in vb {
                    let since = self.out.len();
                    match va.iter().find(|w| w.name == v.name) {
                        None => {
                            let d = format!("`{}`: {}", v.name, self.describe(self.new, &v.ty));
                            self.push(added, at(place, path), d);
                        }
                        Some(w) => self.ty(&w.ty, &v.ty, dir, place, &format!("{path}({})", v.name)),
                    }
                    self.touch(since, names, &format!("({})", crate::name::pascal(&v.name)));
                }
                for w in va.iter().filter(|w| !vb.iter().any(|v| v.name == w.name)) {
                    let d = format!("`{}`: {}", w.name, self.describe(self.old, &w.ty));
                    self.push(removed, at(place, path), d);
                    self.touched.insert((a.name.clone(), format!("({})", crate::name::pascal(&w.name))));
                }
            }
            _ => {
                let detail = format!("{} -> {}", self.describe(self.old, &Ty::Named(x)), self.describe(self.new, &Ty::Named(y)));
                self.type_changed(dir, place, path, detail);
                self.touch(since, names, "*");
            }
        }
    }

    /// A type name change, reported once per pair of names, API-wide.
    fn rename(&mut self, a: &str, b: &str) {
        if a != b && self.renamed.insert((a.to_string(), b.to_string())) {
            let op = self.op.take();
            self.push(Rule::TypeRenamed, "", format!("`{a}` -> `{b}`"));
            self.op = op;
        }
    }

    fn fields(&mut self, fa: &[Field], fb: &[Field], dir: Dir, place: &str, path: &str, names: (&str, &str)) {
        for f in fa {
            if fb.iter().any(|g| g.name == f.name) {
                continue;
            }
            let rule = match dir {
                Dir::Request => Rule::RequestPropertyRemoved,
                Dir::Response if f.optional => Rule::ResponseOptionalPropertyRemoved,
                Dir::Response => Rule::ResponseRequiredPropertyRemoved,
            };
            self.push(rule, at(place, &format!("{path}.{}", f.name)), "");
            self.touch(0, names, &f.name);
        }
        for g in fb {
            let since = self.out.len();
            self.field(fa, g, dir, place, path);
            self.touch(since, names, &g.name);
        }
    }

    /// One field of the new side, against the old side's field of the same JSON name.
    fn field(&mut self, fa: &[Field], g: &Field, dir: Dir, place: &str, path: &str) {
        let here = format!("{path}.{}", g.name);
        let Some(f) = fa.iter().find(|f| f.name == g.name) else {
            let rule = match (dir, g.optional) {
                (Dir::Request, false) => Rule::NewRequiredRequestProperty,
                (Dir::Request, true) => Rule::NewOptionalRequestProperty,
                (Dir::Response, false) => Rule::ResponseRequiredPropertyAdded,
                (Dir::Response, true) => Rule::ResponseOptionalPropertyAdded,
            };
            let detail = self.describe(self.new, &g.ty);
            self.push(rule, at(place, &here), detail);
            return;
        };
        let (became_optional, became_required, became_nullable, became_not_nullable) = match dir {
            Dir::Request => (
                Rule::RequestPropertyBecameOptional,
                Rule::RequestPropertyBecameRequired,
                Rule::RequestPropertyBecameNullable,
                Rule::RequestPropertyBecameNotNullable,
            ),
            Dir::Response => (
                Rule::ResponsePropertyBecameOptional,
                Rule::ResponsePropertyBecameRequired,
                Rule::ResponsePropertyBecameNullable,
                Rule::ResponsePropertyBecameNotNullable,
            ),
        };
        match (f.optional, g.optional) {
            (false, true) => self.push(became_optional, at(place, &here), ""),
            (true, false) => self.push(became_required, at(place, &here), ""),
            _ => {}
        }
        match (f.nullable, g.nullable) {
            (false, true) => self.push(became_nullable, at(place, &here), ""),
            (true, false) => self.push(became_not_nullable, at(place, &here), ""),
            _ => {}
        }
        self.ty(&f.ty, &g.ty, dir, place, &here);
    }
}

fn scalar(ty: &Ty) -> bool {
    !matches!(ty, Ty::List(_) | Ty::Map(_) | Ty::Named(_))
}

/// A type in words: `integer`, `list of object Pet`, `enum Kind`.
pub fn describe(api: &Api, ty: &Ty) -> String {
    match ty {
        Ty::Bool => "boolean".into(),
        Ty::Integer => "integer".into(),
        Ty::Float => "number".into(),
        Ty::String => "string".into(),
        Ty::DateTime => "timestamp".into(),
        Ty::Duration => "duration".into(),
        Ty::Json => "any JSON".into(),
        Ty::List(item) => format!("list of {}", describe(api, item)),
        Ty::Map(value) => format!("map of {}", describe(api, value)),
        Ty::Named(id) => match api.types.defs.get(id.0) {
            Some(def) => {
                let kind = match def.kind {
                    TypeKind::Struct(_) => "object",
                    TypeKind::Enum { .. } => "enum",
                    TypeKind::Union(_) => "union",
                };
                format!("{kind} `{}`", def.name)
            }
            None => "unknown type".into(),
        },
    }
}
