//! The public surface of a generated crate, decided once from the merged [`Api`]: the models
//! with their fields and Rust types, enum variants, client methods with their arguments,
//! setters, return and error types, pagination and webhook events.
//!
//! Emit writes what these functions decide, and the spec diff compares the surfaces of two
//! revisions, so a change a user's code can see is judged on what the user compiles against,
//! whether a document, `api.toml` or the generator caused it. Every item keeps the API terms
//! behind it (the operation, the JSON field, the enum value) so a change can be explained.

pub mod calls;
pub mod features;
pub mod feature_map;
pub mod pages;
pub mod rust;
pub mod types;
pub mod webhooks;

use crate::model::{Api, Method as HttpMethod, Operation, ParamLocation};
use std::collections::BTreeMap;

pub use calls::{arg_ty, error_enum, params, return_ty, success, ArgTy, Param, Success};
pub use rust::{rust_ty, RustTy};

/// What a program using the crate compiles against.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Surface {
    /// The models, by Rust name.
    pub types: BTreeMap<String, TypeItem>,
    /// One client method per operation, in the API's order.
    pub methods: Vec<MethodItem>,
    /// The decode functions of the `webhooks` module.
    pub webhooks: Vec<WebhookFn>,
    /// Models emitted as `pub type Name = Target;`, by name. `None` in a file written before
    /// the surface had them ([`Surface::complete`] fills it in).
    #[serde(default)]
    pub aliases: Option<BTreeMap<String, String>>,
    /// The crate's Cargo features and what each gates; `None` as for `aliases`.
    #[serde(default)]
    pub features: Option<BTreeMap<String, FeatureItem>>,
}

/// What a Cargo feature compiles: methods and models that need it (a model reached by
/// several features needs any one of them; one compiled always is in no list).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FeatureItem {
    pub methods: Vec<String>,
    pub types: Vec<String>,
    /// The `webhooks` module's decode functions.
    #[serde(default)]
    pub webhooks: Vec<String>,
}

/// One variant of a method's error enum: one per documented error status.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ErrorVariantItem {
    pub status: u16,
    /// `NotFound`, `Status418`.
    pub name: String,
    /// What the variant holds: a Rust type, or empty for a unit variant.
    pub payload: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TypeItem {
    pub kind: ItemKind,
    /// Where its evidence starts: `file#/json/pointer`.
    pub origin: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ItemKind {
    Struct(Vec<FieldItem>),
    /// The variants besides `Other`; `value` is the wire value.
    Enum(Vec<VariantItem>),
    /// The variants of an untagged union; `value` is the variant's Rust type.
    Union(Vec<VariantItem>),
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldItem {
    /// The Rust name (`r#type`, `content_filter_regex`).
    pub name: String,
    /// The JSON name it is read from.
    pub json: String,
    /// The normalized Rust type: `Option<Vec<Pet>>`.
    pub ty: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VariantItem {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MethodItem {
    /// The method on `Client`.
    pub name: String,
    /// The operation behind it: `GET /pets/{petId}`.
    pub operation: String,
    /// The operation's identity across revisions: method, path shape and rank.
    pub key: OpKey,
    /// Required parameters, the typed body and file parts, in argument order.
    pub args: Vec<ArgItem>,
    /// Setters of the optional parameters, on the builder.
    pub setters: Vec<ArgItem>,
    /// `Request<'_, T, E>`'s `T`.
    pub returns: String,
    /// `Error<E>`, or `Error` without documented error statuses.
    pub error: String,
    /// The builder alias, where the method has setters.
    pub builder: Option<String>,
    /// The item type of `into_stream`, for a paginated list.
    pub pages: Option<String>,
    /// The error enum's variants besides `Other`, in status order; `None` in older files.
    #[serde(default)]
    pub errors: Option<Vec<ErrorVariantItem>>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArgItem {
    pub name: String,
    /// `&str`, `i64`, `impl Into<Timestamp>`, `Vec<String>`.
    pub ty: String,
    /// What it stands for, as the spec diff says it: `query parameter limit`, `request body`.
    pub place: String,
    /// Its identity across revisions: path parameters by position, the rest by name.
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WebhookFn {
    /// `decode`, `decode_<operation>_<key>`.
    pub function: String,
    /// The `Ok` type: the event enum, or the one payload of a single callback.
    pub returns: String,
    /// The event enum's variants (empty for a single callback).
    pub events: Vec<EventItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EventItem {
    pub variant: String,
    /// The webhook's name or the callback's URL expression.
    pub name: String,
    pub payload: String,
}

/// An operation's identity: method, path with parameters by position, and its rank among
/// the operations that share them (two where requests were split for their auth).
pub type OpKey = String;

/// Each operation's [`OpKey`], in order.
pub fn op_keys(ops: &[Operation]) -> Vec<OpKey> {
    let mut seen: BTreeMap<(String, HttpMethod), usize> = BTreeMap::new();
    ops.iter()
        .map(|op| {
            let key = (op.path.shape_key(), op.method);
            let rank = seen.entry(key.clone()).or_default();
            *rank += 1;
            format!("{} {} #{}", key.1.as_str(), key.0, *rank - 1)
        })
        .collect()
}

/// The file emit writes the surface to, in the crate's folder, so that the diff can compare
/// a revision's crate with the working tree's even where the generator changed in between.
pub const FILE: &str = "surface.json";

/// The surface as that file holds it: pretty JSON, keys in a fixed order, the generated-file
/// marker first (`command` regenerates it).
pub fn to_json(surface: &Surface, command: &str) -> String {
    #[derive(serde::Serialize)]
    struct File<'a> {
        #[serde(rename = "x-generated")]
        generated: String,
        #[serde(flatten)]
        surface: &'a Surface,
    }
    let file = File { generated: format!("@generated by `{command}`. Do not edit by hand."), surface };
    // Sized for GitHub's (1.1 KB per method and type), so that the 3 MB are not copied
    // again and again as the buffer grows (pages not written cost no memory).
    let guess = (surface.methods.len() + surface.types.len()).saturating_mul(1280).min(64 << 20);
    let mut bytes = Vec::with_capacity(guess);
    if crate::emit::pretty::write(&mut bytes, &file).is_err() {
        bytes.clear();
    }
    bytes.push(b'\n');
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The surface a `surface.json` holds; `None` when it is not one this generator can read.
pub fn from_json(text: &str) -> Option<Surface> {
    serde_json::from_str(text).ok()
}

/// `GET /pets/{petId}`.
pub fn op_name(op: &Operation) -> String {
    format!("{} {}", op.method.as_str(), op.path.to_openapi())
}

/// `query parameter limit`.
pub fn param_place(p: &crate::model::OpParam) -> String {
    format!("{} parameter {}", location_name(p.location), p.name)
}

fn location_name(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Cookie => "cookie",
    }
}

/// A parameter's identity: path parameters by position, the others by location and name
/// (header names ignore case).
pub fn param_key(op: &Operation, p: &crate::model::OpParam) -> String {
    match p.location {
        ParamLocation::Path => format!("path #{}", op.path.params().position(|name| name == p.name).unwrap_or(usize::MAX)),
        ParamLocation::Header => format!("header {}", p.name.to_ascii_lowercase()),
        l => format!("{} {}", location_name(l), p.name),
    }
}

/// The surface of the crate emit writes for `api`.
pub fn build(api: &Api) -> Surface {
    build_with(api, &feature_map::FeatureMap::new(api), &types::alias_targets(&api.types))
}

/// [`build`] from the feature map and alias targets emit already has.
pub fn build_with(api: &Api, map: &feature_map::FeatureMap, alias_targets: &[Option<usize>]) -> Surface {
    let keys = op_keys(&api.operations);
    let methods = api.operations.iter().zip(keys).map(|(op, key)| method(api, op, key)).collect();
    let aliases = Some(types::aliases(&api.types, alias_targets));
    Surface { types: types::items(&api.types), methods, webhooks: webhooks::items(api), aliases, features: Some(features::items(api, map, alias_targets)) }
}

impl Surface {
    /// Fills in what a file written by an older generator lacks from `built` (the surface
    /// this generator decides for the same documents), so that only what both sides know is
    /// compared.
    pub fn complete(&mut self, built: &Surface) {
        self.aliases.get_or_insert_with(|| built.aliases.clone().unwrap_or_default());
        self.features.get_or_insert_with(|| built.features.clone().unwrap_or_default());
        for m in self.methods.iter_mut().filter(|m| m.errors.is_none()) {
            m.errors = built.methods.iter().find(|b| b.key == m.key).and_then(|b| b.errors.clone());
        }
    }
}

fn method(api: &Api, op: &Operation, key: OpKey) -> MethodItem {
    let (params, files) = params(api, op);
    let item = |p: &Param| ArgItem { name: p.name.clone(), ty: p.ty.to_string(), place: param_place(&p.param), key: param_key(op, &p.param) };
    let mut args: Vec<ArgItem> = params.iter().filter(|p| p.param.required).map(item).collect();
    let setters: Vec<ArgItem> = params.iter().filter(|p| !p.param.required).map(item).collect();
    if let Some(ty) = op.request.as_ref().and_then(|r| r.ty.as_ref()) {
        args.push(ArgItem { name: "body".into(), ty: rust_ty(&api.types, ty).to_string(), place: "request body".into(), key: "body".into() });
    }
    for (name, field) in files.iter().zip(op.request.iter().flat_map(|r| &r.file_fields)) {
        args.push(ArgItem { name: name.clone(), ty: "FilePart".into(), place: format!("request body file `{field}`"), key: format!("file {field}") });
    }
    let error = match error_enum(op) {
        Some(e) => format!("Error<{e}>"),
        None => "Error".to_string(),
    };
    let builder = (!setters.is_empty()).then(|| format!("{}Builder", crate::name::pascal(&op.id)));
    let pages = pages::pagination(api, op).filter(|_| builder.is_some()).map(|p| rust_ty(&api.types, &p.item).to_string());
    let errors = calls::error_variants(op)
        .into_iter()
        .map(|(status, name, r)| {
            let payload = match (&r.ty, r.kind) {
                (Some(ty), _) => rust_ty(&api.types, ty).to_string(),
                (None, crate::model::BodyKind::Text) => "String".into(),
                (None, crate::model::BodyKind::Json) => "Value".into(),
                _ => String::new(),
            };
            ErrorVariantItem { status, name, payload }
        })
        .collect();
    let name = op.id.trim_start_matches("r#").to_string();
    MethodItem { name, operation: op_name(op), key, args, setters, returns: return_ty(api, op).to_string(), error, builder, pages, errors: Some(errors) }
}
