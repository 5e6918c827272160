//! One operation's method, and its builder's alias and setters, as prettyplease prints the
//! tokens `operations::emit_operation` and `builders` write (see [`super::operations`]).
//! Only lines that fit prettyplease's margin are printed here (`Out::breakable`); a method
//! with a media type decoder or a multipart body, and a builder with `into_stream`, are left
//! to prettyplease.

use super::items::{ty_text, Out, MARGIN};
use crate::emit::operations::{builder_doc, decoder_call, has_pager, operation_doc, path_template, required_call, setter_call, setter_doc};
use crate::emit::responses::{pagination, success, Success};
use crate::model::{Api, BodyKind, Operation};
use crate::name;
use crate::surface::{self, ArgTy, Param};
use proc_macro2::Literal;

/// What the printer needs of one operation.
pub(super) struct Op<'a> {
    pub op: &'a Operation,
    pub params: Vec<Param>,
    pub files: Vec<String>,
    /// Its error enum's name (`crate::ErrorBody` without one).
    pub error: String,
}

impl<'a> Op<'a> {
    pub fn new(api: &Api, op: &'a Operation) -> Self {
        let (params, files) = surface::params(api, op);
        Op { op, params, files, error: surface::error_enum(op).unwrap_or_else(|| "crate::ErrorBody".to_string()) }
    }

    fn optional(&self) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(|p| !p.param.required)
    }

    pub fn has_builder(&self) -> bool {
        self.optional().next().is_some()
    }

    /// Whether its builder has `into_stream` (and so a number of its own).
    pub fn has_pager(&self, api: &Api) -> bool {
        pagination(api, self.op).is_some_and(|p| has_pager(&p, self.params.iter().map(|p| &p.param)))
    }

    /// What its builder's setters are compared by (`builders::owners`): every part of their
    /// tokens.
    pub fn setters_key(&self) -> String {
        let mut key = String::new();
        for p in self.optional() {
            let (arg, into) = arg_ty(&p.ty);
            for part in [&p.name, &arg, &into.unwrap_or_default(), &p.param.name, setter_call(&p.param), &setter_doc(&p.param)] {
                key.push_str(part);
                key.push('\0');
            }
        }
        key
    }
}

/// A parameter's argument type and, for `impl Into<T>`, `T`.
fn arg_ty(ty: &ArgTy) -> (String, Option<String>) {
    let mut text = String::new();
    match ty {
        ArgTy::Value(t) => ty_text(t, "crate::models::", &mut text),
        ArgTy::Str => text.push_str("&str"),
        ArgTy::Into(t) => {
            ty_text(t, "crate::models::", &mut text);
            return (format!("impl Into<{text}>"), Some(text));
        }
    }
    (text, None)
}

/// A return type: `Request<..>` with these arguments, or one printed as it is (`Self`).
enum Ret<'a> {
    Request(Vec<String>),
    Plain(&'a str),
}

/// A function's head at `ind` as prettyplease prints it: on one line where it fits the
/// margin, else each argument on its own line (the arguments' box is broken when the whole
/// head is too wide), then `) -> Request<` with each of its arguments on its own line where
/// `) -> Request<..> {` is too wide. A line that would break further is left to prettyplease.
fn signature(ind: usize, head: &str, args: &[String], ret: &Ret, out: &mut Out) {
    let ret_text = match ret {
        Ret::Request(generics) => format!("Request<{}>", generics.join(", ")),
        Ret::Plain(text) => text.to_string(),
    };
    let flat = format!("{head}({}) -> {ret_text} {{", args.join(", "));
    if ind + flat.len() <= MARGIN {
        return out.line(ind, &[&flat]);
    }
    out.breakable(ind, &[head, "("]);
    for arg in args {
        out.grouped(ind + 4, &[arg, ","]);
    }
    let tail = format!(") -> {ret_text} {{");
    if ind + tail.len() <= MARGIN {
        return out.line(ind, &[&tail]);
    }
    let Ret::Request(generics) = ret else {
        out.fits = false;
        return;
    };
    out.line(ind, &[") -> Request<"]);
    for g in generics {
        out.grouped(ind + 4, &[g, ","]);
    }
    out.line(ind, &["> {"]);
}

fn string(value: &str) -> String {
    Literal::string(value).to_string()
}

/// The method, at 4 in `impl crate::Client`; `out.fits` turns false where prettyplease
/// would print it otherwise.
pub(super) fn method(api: &Api, o: &Op, out: &mut Out) {
    let op = o.op;
    out.docs(4, &operation_doc(api, op));
    if op.deprecated {
        out.line(4, &["#[deprecated]"]);
    }
    let required: Vec<&Param> = o.params.iter().filter(|p| p.param.required).collect();
    let mut args = vec!["&self".to_string()];
    let mut conversions = Vec::new();
    for p in &required {
        let (arg, into) = arg_ty(&p.ty);
        args.push(format!("{}: {arg}", p.name));
        if let Some(ty) = into {
            conversions.push(format!("let {0}: {ty} = {0}.into();", p.name));
        }
    }
    if let Some(t) = op.request.as_ref().and_then(|r| r.ty.as_ref()) {
        let mut arg = "body: ".to_string();
        ty_text(&surface::rust_ty(&api.types, t), "models::", &mut arg);
        args.push(arg);
    }
    for f in &o.files {
        args.push(format!("{f}: crate::FilePart"));
    }
    let builder = format!("{}Builder<'_>", name::pascal(&op.id));
    let ret = if o.has_builder() {
        Ret::Plain(&builder)
    } else {
        let mut success = String::new();
        ty_text(&surface::return_ty(api, op), "models::", &mut success);
        let mut generics = vec!["'_".to_string(), success];
        if surface::error_enum(op).is_some() {
            generics.push(o.error.clone());
        }
        Ret::Request(generics)
    };
    signature(4, &format!("pub fn {}", op.id), &args, &ret, out);
    for c in &conversions {
        out.breakable(8, &[c]);
    }
    match call(api, o, &required) {
        Some(chain) => chain.print(8, out),
        None => out.fits = false,
    }
    out.line(4, &["}"]);
}

/// A method's call chain: `self.get(args)`, then `.decode_unit()`, ...
struct Chain {
    call: String,
    args: Vec<String>,
    then: Vec<String>,
}

impl Chain {
    /// The chain at `ind` as prettyplease prints a function's tail expression: on one line
    /// where it fits the margin; else a lone call's arguments each on a line, or each call
    /// of a longer chain on a line of its own (the chain's box breaks, then each call's
    /// arguments only where its line is too wide: left to prettyplease).
    fn print(&self, ind: usize, out: &mut Out) {
        let first = format!("{}({})", self.call, self.args.join(", "));
        let flat = format!("{first}{}", self.then.concat());
        if ind + flat.len() <= MARGIN {
            return out.line(ind, &[&flat]);
        }
        if self.then.is_empty() {
            out.line(ind, &[&self.call, "("]);
            self.args.iter().for_each(|a| out.grouped(ind + 4, &[a, ","]));
            return out.line(ind, &[")"]);
        }
        if ind + first.len() <= MARGIN {
            out.line(ind, &[&first]);
        } else {
            // The first call's arguments, one level in from the chain's.
            out.line(ind, &[&self.call, "("]);
            self.args.iter().for_each(|a| out.grouped(ind + 8, &[a, ","]));
            out.line(ind + 4, &[")"]);
        }
        self.then.iter().for_each(|c| out.breakable(ind + 4, &[c]));
    }
}

/// The method's call chain; `None` where it is left to prettyplease.
fn call(api: &Api, o: &Op, required: &[&Param]) -> Option<Chain> {
    let op = o.op;
    if crate::emit::media::decoder(api, op).is_some() {
        return None;
    }
    let (template, path_params) = path_template(op, o.params.iter().map(|p| &p.param));
    let path_args: Vec<String> = path_params.iter().map(|at| at.map_or("&\"\"".to_string(), |at| format!("&{}", o.params[at].name))).collect();
    let template = string(&template);
    let args = format!("&[{}]", path_args.join(", "));
    let m = op.method.as_str();
    let (call, args) = match (success(op), m) {
        (Success::Stream, m) => ("self.download".to_string(), vec![format!("Method::{m}"), template, args]),
        (_, "GET" | "POST" | "PUT" | "PATCH" | "DELETE") => (format!("self.{}", m.to_ascii_lowercase()), vec![template, args]),
        (_, m) => ("self.request".to_string(), vec![format!("Method::{m}"), template, args]),
    };
    let mut chain = Chain { call, args, then: Vec::new() };
    let call = &mut chain.then;
    match decoder_call(op) {
        Some((decode, Some(with))) => call.push(format!(".{decode}(RawResponse::{with})")),
        Some((decode, None)) => call.push(format!(".{decode}()")),
        None => {}
    }
    for p in required {
        if let Some(send) = required_call(&p.param) {
            call.push(format!(".{send}({}, {})", string(&p.param.name), p.name));
        }
    }
    match (&op.request, op.request.as_ref().and_then(|r| r.ty.as_ref())) {
        (Some(r), Some(_)) if r.kind == BodyKind::Json => call.push(".json(&body)".to_string()),
        (Some(r), Some(_)) if r.kind == BodyKind::Form => call.push(".form(&body)".to_string()),
        (Some(r), _) if r.kind == BodyKind::Multipart => return None,
        _ => {}
    }
    if !op.auth.is_empty() {
        let auth: Vec<String> = op.auth.iter().map(|a| string(a)).collect();
        call.push(format!(".auth(&[{}])", auth.join(", ")));
    }
    if let Some(s) = &op.server {
        call.push(format!(".server({})", string(s)));
    }
    Some(chain)
}

/// The builder's items at 4 in its module: its alias with `number` and, `impl_head` given
/// (the first of its number), the `impl` of its setters. `out.fits` turns false where
/// prettyplease would print them otherwise, or for `into_stream`.
pub(super) fn builder(api: &Api, o: &Op, number: usize, impl_head: Option<&str>, out: &mut Out) {
    let op = o.op;
    out.docs(4, builder_doc(op).trim_start_matches(' '));
    let mut success = String::new();
    ty_text(&surface::return_ty(api, op), "models::", &mut success);
    let generics = ["'a".to_string(), success, o.error.clone(), number.to_string()];
    let head = format!("pub type {}Builder<'a> = Request<", name::pascal(&op.id));
    // The arguments' box is broken where the line is too wide (see `signature`).
    let flat = format!("{head}{}>;", generics.join(", "));
    if 4 + flat.len() <= MARGIN {
        out.line(4, &[&flat]);
    } else {
        // Nothing breaks before `Request<`.
        out.line(4, &[&head]);
        for g in &generics {
            out.grouped(8, &[g, ","]);
        }
        out.line(4, &[">;"]);
    }
    let Some(head) = impl_head else { return };
    out.breakable(4, &[head]);
    for p in o.optional() {
        setter(p, out);
    }
    out.line(4, &["}"]);
}

/// One setter at 8 in its builder's `impl`.
fn setter(p: &Param, out: &mut Out) {
    out.docs(8, &setter_doc(&p.param));
    let (arg, into) = arg_ty(&p.ty);
    signature(8, &format!("pub fn {}", p.name), &["self".to_string(), format!("value: {arg}")], &Ret::Plain("Self"), out);
    if let Some(ty) = into {
        out.breakable(12, &["let value: ", &ty, " = value.into();"]);
    }
    out.breakable(12, &["self.", setter_call(&p.param), "(", &string(&p.param.name), ", value)"]);
    out.line(8, &["}"]);
}
