//! The round-trip law through the reader and merge, on random data: random JSON samples become
//! the saved responses and request bodies of a random Postman collection; after
//! `read_source` and `merge`, every example the API lists (`Api::examples`) is accepted by the
//! type of its body and given back unchanged. Unlike `prop_infer.rs`, this covers what merge
//! adds: bodies of several operations clustered into shared types, names, and request types.
//!
//! Nothing is compiled (see `prop_support::codec`). `PROPTEST_CASES=N` runs more cases.

mod prop_support;

use codegen::diag::Diagnostics;
use codegen::manifest::{Manifest, Package};
use codegen::model::{Api, Ty};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use prop_support::{codec, json, promised, same};
use serde_json::{json, Value};

/// One request of the collection: its path, a request body sample and saved responses.
#[derive(Clone, Debug)]
struct Request {
    path: &'static str,
    body: Option<Value>,
    responses: Vec<(u16, Value)>,
}

fn request() -> impl Strategy<Value = Request> {
    let path = prop::sample::select(vec!["/users", "/users/:id", "/users/{{userId}}/settings", "/plans", "/clients/42"]);
    let status = prop::sample::select(vec![200u16, 201, 400, 404]);
    (path, prop::option::of(json()), prop::collection::vec((status, json()), 1..4))
        .prop_map(|(path, body, responses)| Request { path, body, responses })
}

fn collection(requests: &[Request]) -> String {
    let items: Vec<Value> = requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let method = if r.body.is_some() { "POST" } else { "GET" };
            let mut request = json!({"method": method, "url": format!("https://api.example.com{}", r.path)});
            if let Some(body) = &r.body {
                request["body"] = json!({"mode": "raw", "raw": body.to_string(), "options": {"raw": {"language": "json"}}});
                request["header"] = json!([{"key": "Content-Type", "value": "application/json"}]);
            }
            let responses: Vec<Value> = r
                .responses
                .iter()
                .enumerate()
                .map(|(j, (code, v))| {
                    json!({"name": format!("example {j}"), "code": code, "body": v.to_string(),
                           "header": [{"key": "Content-Type", "value": "application/json"}],
                           "originalRequest": request.clone()})
                })
                .collect();
            json!({"name": format!("request {i}"), "request": request, "response": responses})
        })
        .collect();
    json!({
        "info": {"name": "Random", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": items,
    })
    .to_string()
}

fn read_and_merge(text: &str) -> Api {
    let mut diags = Diagnostics::default();
    let source = codegen::read::read_source("random.postman.json", text, &mut diags).expect("a collection made by the test reads");
    let manifest = Manifest {
        package: Package { name: "random".into(), version: "0.1.0".into(), title: None, description: None },
        ..Default::default()
    };
    codegen::pipeline::build_api(&manifest, &[source], &mut diags)
}

/// The type of the body an example documents.
fn body_ty(api: &Api, operation: &str, status: Option<u16>, request: bool) -> Option<Ty> {
    let op = api.operations.iter().find(|o| o.id == operation)?;
    if request {
        return op.request.as_ref()?.ty.clone();
    }
    op.responses.iter().find(|r| r.status == status)?.ty.clone()
}

fn config() -> Config {
    let env = |name: &str| std::env::var(name).ok().and_then(|s| s.parse::<u64>().ok());
    let cases = env("PROPTEST_CASES").map_or(128, |n| n as u32);
    let seed = env("PROPTEST_RNG_SEED").unwrap_or(9);
    Config { cases, max_shrink_iters: 1024, rng_seed: RngSeed::Fixed(seed), ..Config::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_example_of_a_random_collection_round_trips_through_its_body_type(requests in prop::collection::vec(request(), 1..5)) {
        let text = collection(&requests);
        let api = read_and_merge(&text);
        let mut checked = 0;
        for ex in &api.examples {
            let Some(ty) = body_ty(&api, &ex.operation, ex.status, ex.request) else { continue };
            checked += 1;
            let out = codec(&api.types, &ty, &ex.value);
            prop_assert!(out.is_ok(), "{} {:?} (request: {}) rejects {}: {:?}\ntypes: {:#?}", ex.operation, ex.status, ex.request, ex.value, out, api.types.defs.iter().map(|d| (&d.name, &d.kind)).collect::<Vec<_>>());
            let (out, want) = (out.unwrap_or_default(), promised(&api.types, &ty, &ex.value));
            prop_assert!(same(&out, &want), "{} {:?}: changed\n  in:  {}\n  out: {out}\n  want: {want}", ex.operation, ex.status, ex.value);
        }
        if std::env::var_os("PROP_DEBUG").is_some() {
            eprintln!("{} examples, {checked} checked, {} types", api.examples.len(), api.types.defs.len());
        }
    }

    #[test]
    fn reading_and_merging_a_random_collection_twice_gives_the_same_api(requests in prop::collection::vec(request(), 1..4)) {
        let text = collection(&requests);
        prop_assert_eq!(read_and_merge(&text), read_and_merge(&text));
    }
}
