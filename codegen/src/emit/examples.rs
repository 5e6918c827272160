//! `tests/examples.json` and `tests/examples.rs`: `cargo test` in a generated crate decodes
//! every JSON example its documents carry into the type the client uses for that body and
//! encodes it back. The test is data-driven and instantiates one generic check per distinct
//! body type (not per operation), so it stays cheap to compile on large APIs.

use super::fits;
use super::models::rust_ty;
use crate::model::{Api, DecisionKind, ExampleUse, Ty};
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub const JSON_FILE: &str = "tests/examples.json";
pub const TEST_FILE: &str = "tests/examples.rs";

/// One example, the type it is checked against, and what the generator already knows of it.
pub struct Checked<'a> {
    pub example: &'a ExampleUse,
    /// The body type's name in the test's table (`Vec<models::Repo>`), if the body has one.
    pub ty: Option<String>,
    /// Why the generated type cannot decode it: the document contradicts itself, or the
    /// generator chose too narrow a type.
    pub cannot_decode: Option<String>,
}

/// Every example of the API with its body type, in the order the pipeline found them.
pub fn check_all(api: &Api) -> Vec<Checked<'_>> {
    api.examples
        .iter()
        .map(|ex| {
            let ty = body_ty(api, ex);
            let cannot_decode = match ty {
                Some(ty) => fits::why_not(&api.types, ty, &ex.value),
                None => Some("the operation has no typed body for it".to_string()),
            };
            Checked { example: ex, ty: ty.map(|t| type_key(api, t)), cannot_decode }
        })
        .collect()
}

fn body_ty<'a>(api: &'a Api, ex: &ExampleUse) -> Option<&'a Ty> {
    let op = api.operations.iter().find(|o| o.id == ex.operation)?;
    match ex.request {
        true => op.request.as_ref()?.ty.as_ref(),
        false => op.responses.iter().find(|r| r.status == ex.status)?.ty.as_ref(),
    }
}

/// The Rust type as the test names it, without spaces: also its key in the table.
fn type_key(api: &Api, ty: &Ty) -> String {
    rust_ty(&api.types, ty, &quote!(models::)).to_string().replace(' ', "")
}

/// The examples file: one example per line, so a change reads well in a diff.
pub fn examples_json(api: &Api, checked: &[Checked]) -> String {
    let lines: Vec<String> = checked
        .iter()
        .map(|c| {
            let ex = c.example;
            let mut entry = json!({
                "operation": ex.operation.trim_start_matches("r#"),
                "status": ex.status,
                "request": ex.request,
                "type": c.ty,
                "origin": ex.origin.to_string(),
                "value": ex.value,
            });
            if let (Some(obj), Some(why)) = (entry.as_object_mut(), &c.cannot_decode) {
                obj.insert("cannot_decode".into(), Value::String(why.clone()));
            }
            if let (Some(obj), Some(ty)) = (entry.as_object_mut(), body_ty(api, ex)) {
                let expect = fits::expected(&api.types, ty, &ex.value);
                if expect != ex.value {
                    obj.insert("expect".into(), expect);
                }
            }
            entry.to_string()
        })
        .collect();
    format!("[\n{}\n]\n", lines.join(",\n"))
}

/// The test: a table of one `check::<T>` per distinct body type, keyed by the names the
/// examples file uses.
pub fn emit_test(api: &Api, checked: &[Checked]) -> TokenStream {
    let krate = crate_ident(&api.name);
    let names: BTreeSet<&str> = checked.iter().filter_map(|c| c.ty.as_deref()).collect();
    // Only a table that names a model needs the module.
    let import = match names.iter().any(|n| n.contains("models::")) {
        true => quote!(use #krate::models;),
        false => quote!(),
    };
    // With no typed body there is nothing to instantiate `check` for, and an unused function
    // would be a warning.
    let check_fn = match names.is_empty() {
        true => quote!(),
        false => quote! {
            /// Decodes as the client does (naming the path of a mismatch) and encodes back as it
            /// sends a body.
            fn check<T: ::serde::de::DeserializeOwned + ::serde::Serialize>(json: &[u8]) -> Result<Value, String> {
                let de = &mut ::serde_json::Deserializer::from_slice(json);
                let value: T = ::serde_path_to_error::deserialize(de).map_err(|e| format!("at `{}`: {}", e.path(), e.inner()))?;
                let bytes = ::serde_json::to_vec(&value).map_err(|e| e.to_string())?;
                ::serde_json::from_slice(&bytes).map_err(|e| e.to_string())
            }
        },
    };
    let rows = names.iter().map(|name| {
        let ty: TokenStream = name.parse().unwrap_or_else(|_| quote!(::serde_json::Value));
        quote!((#name, check::<#ty>))
    });
    quote! {
        //! Every JSON example in the API's documents (`tests/examples.json`) decodes into the
        //! type the client uses for its body and encodes back to the same JSON, numbers
        //! compared by value. Examples the generator found not to fit their body's type (listed
        //! in REPORT.md) must still fail to decode, and are counted apart.

        #import
        use ::serde_json::Value;

        type Check = fn(&[u8]) -> Result<Value, String>;

        /// Each body type once: one instantiation of `check` per type keeps compiling cheap.
        const TYPES: &[(&str, Check)] = &[#(#rows,)*];

        #check_fn

        /// The first place where `b` differs from `a`, as a JSON pointer with both values.
        /// Numbers compare by value: `20` and `20.0` are the same number, as JSON says.
        fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
            match (a, b) {
                (Value::Number(x), Value::Number(y)) if x == y || x.as_f64() == y.as_f64() => None,
                (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
                    x.iter().zip(y).enumerate().find_map(|(i, (a, b))| difference(a, b, &format!("{path}/{i}")))
                }
                (Value::Object(x), Value::Object(y)) => {
                    let dropped = x.iter().find(|(k, _)| !y.contains_key(*k)).map(|(k, v)| format!("at `{path}/{k}`: {v} was dropped"));
                    let added = || y.iter().find(|(k, _)| !x.contains_key(*k)).map(|(k, v)| format!("at `{path}/{k}`: {v} was added"));
                    dropped.or_else(added).or_else(|| x.iter().find_map(|(k, v)| difference(v, &y[k], &format!("{path}/{k}"))))
                }
                _ if a == b => None,
                _ => Some(format!("at `{path}`: {a} came back as {b}")),
            }
        }

        /// What happened to one example: `Ok` where it behaved as the generator said.
        fn run(example: &Value) -> Result<(), String> {
            let Some(name) = example["type"].as_str() else {
                return example.get("cannot_decode").map(|_| ()).ok_or_else(|| "no body type for it".to_string());
            };
            let check = TYPES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c).ok_or_else(|| format!("`{name}` is not in the table"))?;
            let value = &example["value"];
            let expect = example.get("expect").unwrap_or(value);
            let outcome = ::serde_json::to_vec(value).map_err(|e| e.to_string()).and_then(|bytes| check(&bytes));
            match (outcome, example.get("cannot_decode")) {
                (Ok(back), None) => match difference(expect, &back, "") {
                    None => Ok(()),
                    Some(diff) => Err(format!("changed on the round trip {diff}")),
                },
                (Err(_), Some(_)) => Ok(()),
                (Ok(_), Some(why)) => Err(format!("decodes, but REPORT.md says it cannot: {why}")),
                (Err(e), None) => Err(format!("does not decode as `{name}`: {e}")),
            }
        }

        #[test]
        fn every_example_decodes_and_encodes_back_to_the_same_json() {
            // Large bodies decoded in a debug build need more than a test thread's 2 MiB stack.
            let checks = std::thread::Builder::new().stack_size(64 << 20).spawn(check_all).expect("a thread for the checks");
            if let Err(panic) = checks.join() {
                std::panic::resume_unwind(panic);
            }
        }

        fn check_all() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/examples.json");
            let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            let examples: Vec<Value> = ::serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
            let mut failing = Vec::new();
            let mut known = 0;
            for example in &examples {
                if let Some(why) = example.get("cannot_decode").and_then(Value::as_str) {
                    known += 1;
                    println!("KNOWN {}: {why}", example["origin"]);
                }
                if let Err(why) = run(example) {
                    println!("FAIL {}: {why}", example["origin"]);
                    failing.push(format!("{}: {why}", example["origin"]));
                }
            }
            println!("examples: {} checked, {} known not to decode (REPORT.md), {} failing", examples.len(), known, failing.len());
            assert!(!examples.is_empty(), "no examples in {path}");
            assert!(failing.is_empty(), "{} of {} examples fail:\n{}", failing.len(), examples.len(), failing.join("\n"));
        }
    }
}

/// The crate's name as Rust code names it (`crankwheel_reseller`). A name no crate could have
/// still gives an identifier: the crate will not build, but generation must not panic.
fn crate_ident(name: &str) -> proc_macro2::Ident {
    let mut id: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') || id == "_" {
        id.insert(0, '_');
    }
    if id == "_" {
        id.push('_');
    }
    match (syn::parse_str::<syn::Ident>(&id), id.as_str()) {
        (Ok(_), _) => quote::format_ident!("{id}"),
        // Keywords that cannot be raw identifiers either.
        (Err(_), "self" | "super" | "crate" | "Self") => quote::format_ident!("_{id}"),
        (Err(_), _) => quote::format_ident!("r#{id}"),
    }
}

/// The REPORT.md section: each example the generated type cannot decode, why, and whose the
/// fault is where the merge found the example to contradict its own schema.
pub fn report_section(api: &Api, checked: &[Checked]) -> String {
    let bad: Vec<&Checked> = checked.iter().filter(|c| c.cannot_decode.is_some()).collect();
    if bad.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n## Examples the generated types cannot decode\n\n{} of {} examples do not fit the type generated for their body. `tests/examples.rs` checks that they still fail, so a fix shows there. Each says whether the document contradicts itself (the example does not fit its own schema either); otherwise the generated type is narrower than the document.\n\n",
        bad.len(),
        checked.len()
    );
    for c in bad {
        let ex = c.example;
        let body = match (ex.request, ex.status) {
            (true, _) => "request".to_string(),
            (false, Some(s)) => format!("{s} response"),
            (false, None) => "response".to_string(),
        };
        let why = c.cannot_decode.as_deref().unwrap_or_default().replace('\n', " ");
        let own_schema = api.decisions.iter().any(|d| d.kind == DecisionKind::ExampleContradictsSchema && d.evidence.first() == Some(&ex.origin));
        let fault = if own_schema { "document: the example contradicts its own schema too" } else { "generator: the type is narrower than the document" };
        out.push_str(&format!("- `{}` {body} (`{}`): {why} ({fault})\n", ex.operation.trim_start_matches("r#"), ex.origin));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::crate_ident;

    #[test]
    fn any_api_name_gives_an_identifier_for_the_crate() {
        assert_eq!(crate_ident("crankwheel-reseller").to_string(), "crankwheel_reseller");
        assert_eq!(crate_ident("openapi_inference_samples.json").to_string(), "openapi_inference_samples_json");
        assert_eq!(crate_ident("9lives").to_string(), "_9lives");
        assert_eq!(crate_ident("").to_string(), "__");
        assert_eq!(crate_ident("_").to_string(), "__");
        assert_eq!(crate_ident("self").to_string(), "_self");
        assert_eq!(crate_ident("type").to_string(), "r#type");
    }
}
