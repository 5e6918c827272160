//! The diff sees what a user of the crate sees: `api.toml` overrides and generator changes
//! that no document shows still fail the gate without a breaking version step.
//!
//! Each side is built as `cargo xtask diff` builds it (`diff::load`, from the bundled specs
//! with an edited `api.toml`), and judged by the same `ApiDiff` and renderer.

mod diff_support;

use codegen::diff::load::{self, Side};
use diff_support::SURFACE_ONLY;
use codegen::diff::render::{self, Report};
use codegen::diff::{compare, compare_crates, ApiDiff, Rule};
use codegen::model::Api;
use codegen::surface::{self, ArgItem, ErrorVariantItem, EventItem, FeatureItem, ItemKind, Surface, WebhookFn};
use std::collections::BTreeMap;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The API of `specs/<api>` with its `api.toml` edited: `version` set and `extra` appended.
fn build(api: &str, version: &str, edit: impl Fn(String) -> String) -> Side {
    let dir = format!("specs/{api}");
    let manifest = format!("{dir}/api.toml");
    let root = root();
    let read = |rel: &str| -> Result<Option<String>, String> {
        let text = load::read_disk(&root, rel)?;
        Ok(if rel == manifest { text.map(|t| edit(t.replacen("version = \"0.1.0\"", &format!("version = \"{version}\""), 1))) } else { text })
    };
    match load::read_inputs(&dir, &read) {
        Ok(Some(inputs)) => inputs.build(),
        other => panic!("{dir} does not load: {other:?}"),
    }
}

fn append(extra: &'static str) -> impl Fn(String) -> String {
    move |t| format!("{t}\n{extra}\n")
}

/// The diff of the unedited reseller API against one with `extra` in its `api.toml`, at
/// `version`: its exit code and its text report.
fn reseller_diff(extra: &'static str, version: &str) -> (u8, String) {
    let base = build("crankwheel-reseller", "0.1.0", |t| t);
    let head = build("crankwheel-reseller", version, append(extra));
    let report = Report { base: "the bundled api.toml".into(), apis: vec![ApiDiff::new("crankwheel-reseller", &base, &head)] };
    (report.exit_code(), render::text(&report))
}

/// An `api.toml` edit alone fails the gate at the same version, naming what changed in
/// the report, and passes with a breaking version step (0.1.0 -> 0.2.0).
fn assert_gated(extra: &'static str, named: &[&str]) {
    let (code, text) = reseller_diff(extra, "0.1.0");
    assert_eq!(code, 1, "{text}");
    for n in named {
        assert!(text.contains(n), "the report does not name {n}:\n{text}");
    }
    let (code, text) = reseller_diff(extra, "0.2.0");
    assert_eq!(code, 0, "a breaking version step announces it:\n{text}");
}

#[test]
fn a_type_renamed_only_in_api_toml_is_breaking_and_named() {
    assert_gated("[overrides.types]\nPlan = \"PricePlan\"", &["type-renamed", "`Plan` -> `PricePlan`"]);
}

#[test]
fn a_field_type_changed_only_in_api_toml_is_breaking_and_named() {
    assert_gated("[overrides.fields.\"Plan.session_limit\"]\ntype = \"string\"", &["session_limit", "integer -> string"]);
}

/// The diff builds each side with `[overrides.responses]`: CrankWheel's video download is
/// the `ByteStream` the crate returns, and taking the override away is a breaking change.
#[test]
fn the_crankwheel_diff_sees_the_download_override_as_a_byte_stream() {
    let download = "GET /ss/api/company_content/{id}/data";
    let Side::Built(api) = build("crankwheel", "0.1.0", |t| t) else { panic!("crankwheel builds") };
    let method = surface::build(&api).methods.into_iter().find(|m| m.operation == download).expect("the download method");
    assert_eq!(method.returns, "ByteStream");
    let base = build("crankwheel", "0.1.0", |t| t);
    let head = build("crankwheel", "0.1.0", |t| t.replace("\"GET /ss/api/company_content/{id}/data\" = \"video/mp4\"", ""));
    let diff = ApiDiff::new("crankwheel", &base, &head);
    let change = diff.changes.iter().find(|c| c.operation.as_deref() == Some(download)).expect("the download's change");
    assert_eq!(change.rule, Rule::ResponseBodyTypeChanged, "{}", change.message());
    assert!(change.detail.starts_with("bytes -> "), "{}", change.message());
}

// ---------------------------------------------------------------------------------------------
// Generator changes: the model is the same on both sides, the crate's surface is not.
// ---------------------------------------------------------------------------------------------

fn reseller_api() -> Api {
    match build("crankwheel-reseller", "0.1.0", |t| t) {
        Side::Built(api) => *api,
        other => panic!("the reseller API does not build: {other:?}"),
    }
}

/// Renames a model everywhere the surface spells it, as a generator that names it
/// differently would.
fn rename_type(s: &mut Surface, from: &str, to: &str) {
    let swap = |t: &mut String| {
        let words: Vec<String> = t.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '_')).map(str::to_string).collect();
        *t = words.iter().map(|w| if w.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '_')) == from { w.replacen(from, to, 1) } else { w.clone() }).collect();
    };
    let item = s.types.remove(from).expect("the type");
    s.types.insert(to.to_string(), item);
    for item in s.types.values_mut() {
        if let ItemKind::Struct(fields) = &mut item.kind {
            fields.iter_mut().for_each(|f| swap(&mut f.ty));
        }
    }
    for m in &mut s.methods {
        swap(&mut m.returns);
        m.args.iter_mut().chain(&mut m.setters).for_each(|a| swap(&mut a.ty));
    }
    for f in s.features.iter_mut().flat_map(|f| f.values_mut()) {
        f.types.iter_mut().for_each(swap);
    }
    for (_, target) in s.aliases.iter_mut().flatten() {
        swap(target);
    }
}

/// Renames a method, in the features too.
fn rename_method(s: &mut Surface, from: &str, to: &str) {
    method(s, from).name = to.into();
    for f in s.features.iter_mut().flat_map(|f| f.values_mut()) {
        f.methods.iter_mut().filter(|m| *m == from).for_each(|m| *m = to.into());
    }
}

fn field_ty<'a>(s: &'a mut Surface, ty: &str, json: &str) -> &'a mut codegen::surface::FieldItem {
    match &mut s.types.get_mut(ty).expect("the type").kind {
        ItemKind::Struct(fields) => fields.iter_mut().find(|f| f.json == json).expect("the field"),
        _ => panic!("{ty} is not a struct"),
    }
}

fn method<'a>(s: &'a mut Surface, name: &str) -> &'a mut codegen::surface::MethodItem {
    s.methods.iter_mut().find(|m| m.name == name).expect("the method")
}

fn hook(events: &[(&str, &str)]) -> WebhookFn {
    let events = events.iter().map(|(name, payload)| EventItem { variant: name.to_string(), name: name.to_lowercase(), payload: payload.to_string() }).collect();
    WebhookFn { function: "decode".into(), returns: "Event".into(), events }
}

fn errors<'a>(s: &'a mut Surface, name: &str) -> &'a mut Vec<ErrorVariantItem> {
    method(s, name).errors.as_mut().expect("the error variants")
}

fn aliases(s: &mut Surface) -> &mut BTreeMap<String, String> {
    s.aliases.as_mut().expect("the aliases")
}

fn feature<'a>(s: &'a mut Surface, name: &str) -> &'a mut FeatureItem {
    s.features.as_mut().expect("the features").entry(name.to_string()).or_default()
}

type Edit = fn(&mut Surface, &mut Surface);

/// One simulated generator change per rule the surface compare adds, and the rules it must
/// report: (what changed, the edit of the old and new surfaces, the rule ids).
const GENERATOR_CHANGES: &[(&str, Edit, &[&str])] = &[
    ("a model renamed", |_, s| rename_type(s, "Plan", "PricePlan"), &["type-renamed"]),
    ("a model the base's generator named otherwise", |o, _| rename_type(o, "Plan", "PlanModel"), &["type-renamed"]),
    ("a model dropped", |_, s| {
        s.types.remove("Plan");
    }, &["type-removed"]),
    ("a field's Rust type", |_, s| field_ty(s, "Plan", "session_limit").ty = "f64".into(), &["field-type-changed"]),
    ("a field dropped", |_, s| {
        if let ItemKind::Struct(f) = &mut s.types.get_mut("Plan").expect("Plan").kind {
            f.retain(|f| f.json != "human_name");
        }
    }, &["field-removed"]),
    ("a field's Rust name", |_, s| field_ty(s, "Plan", "api_name").name = "api_handle".into(), &["field-renamed"]),
    ("an enum variant's name", |_, s| {
        if let ItemKind::Enum(v) = &mut s.types.get_mut("Host").expect("Host").kind {
            v[0].name.push_str("Host");
        }
    }, &["variant-removed"]),
    ("a method's name", |_, s| rename_method(s, "get_available_plans", "list_plans"), &["api-operation-id-updated"]),
    ("an argument's type", |_, s| method(s, "show_client_by_id").args[0].ty = "&str".into(), &["request-parameter-type-changed"]),
    ("a setter's name", |_, s| method(s, "grant_token").setters[0].name.push_str("_param"), &["setter-removed"]),
    ("a return type", |_, s| method(s, "delete_client").returns = "String".into(), &["response-body-type-changed"]),
    ("an error type", |_, s| method(s, "show_client_by_id").error = "Error<ClientError>".into(), &["error-type-changed"]),
    ("pagination dropped", |o, _| method(o, "get_available_plans").pages = Some("Plan".into()), &["pagination-removed"]),
    ("pagination added", |_, s| method(s, "get_available_plans").pages = Some("Plan".into()), &["pagination-added"]),
    ("a decode function dropped", |o, _| o.webhooks.push(hook(&[("Ping", "Value")])), &["webhook-function-removed"]),
    ("a webhook event added", |o, s| {
        o.webhooks.push(hook(&[("Ping", "Value")]));
        s.webhooks.push(hook(&[("Ping", "Value"), ("Push", "Value")]));
    }, &["webhook-event-added"]),
    ("a webhook event dropped", |o, s| {
        o.webhooks.push(hook(&[("Ping", "Value"), ("Push", "Value")]));
        s.webhooks.push(hook(&[("Ping", "Value")]));
    }, &["webhook-event-removed"]),
    ("a webhook payload's type", |o, s| {
        o.webhooks.push(hook(&[("Ping", "Value")]));
        s.webhooks.push(hook(&[("Ping", "Box<Plan>")]));
    }, &["webhook-event-changed"]),
    ("an error variant dropped", |_, s| errors(s, "create_client").retain(|v| v.status != 409), &["error-variant-removed"]),
    ("an error variant's name", |_, s| errors(s, "create_client")[0].name = "Invalid".into(), &["error-variant-removed"]),
    ("an error variant's payload", |_, s| errors(s, "create_client")[0].payload = "String".into(), &["error-variant-changed"]),
    ("an alias became a type of its own", |o, _| {
        aliases(o).insert("SettingsInput2".into(), "SettingsInput".into());
    }, &["type-alias-removed"]),
    ("an alias of another type", |o, s| {
        aliases(o).insert("SettingsInput2".into(), "SettingsInput".into());
        aliases(s).insert("SettingsInput2".into(), "CompanyInput".into());
    }, &["type-alias-removed", "type-alias-added"]),
    ("two types became one", |_, s| {
        aliases(s).insert("SettingsInput2".into(), "SettingsInput".into());
    }, &["type-alias-added"]),
    ("a feature dropped", |o, _| {
        feature(o, "legacy");
    }, &["feature-removed"]),
    ("a feature added", |_, s| {
        feature(s, "legacy");
    }, &["feature-added"]),
    ("a method moved to another feature", |_, s| {
        feature(s, "single-sign-on").methods.retain(|m| m != "grant_token");
        feature(s, "reseller-management").methods.push("grant_token".into());
    }, &["feature-item-removed"]),
    ("a type moved to another feature", |_, s| {
        feature(s, "reseller-management").types.retain(|t| t != "Plan");
        feature(s, "single-sign-on").types.push("Plan".into());
    }, &["feature-item-removed"]),
    ("a decode function moved to another feature", |o, s| {
        o.webhooks.push(hook(&[("Ping", "Value")]));
        s.webhooks.push(hook(&[("Ping", "Value")]));
        feature(o, "single-sign-on").webhooks.push("decode".into());
        feature(s, "reseller-management").webhooks.push("decode".into());
    }, &["feature-item-removed"]),
    ("a type compiled always now needs a feature", |o, _| {
        feature(o, "single-sign-on").types.retain(|t| t != "GrantToken");
    }, &["feature-item-removed"]),
];

/// The documents, `api.toml` and so the model are the same on both sides; only the crate's
/// surface differs, as after a generator change. The spec compare alone sees nothing here,
/// so each expected change comes from the surface compare.
#[test]
fn a_generator_change_of_the_public_surface_fails_the_gate_without_a_version_step() {
    let api = reseller_api();
    assert!(compare(&api, &api).is_empty(), "the model against itself changes nothing");
    let bumped = Api { version: "0.2.0".into(), ..api.clone() };
    let mut failures = Vec::new();
    for (what, edit, want) in GENERATOR_CHANGES {
        let (mut old, mut new) = (surface::build(&api), surface::build(&api));
        edit(&mut old, &mut new);
        let changes = compare_crates(&api, &old, &api, &new);
        let got: Vec<&str> = changes.iter().map(|c| c.rule.id()).collect();
        if got != *want {
            failures.push(format!("{what}: want {want:?}, got {:#?}", changes.iter().map(|c| c.message()).collect::<Vec<_>>()));
            continue;
        }
        let breaking = changes.iter().any(|c| c.level() == codegen::diff::Level::Breaking);
        let diff = ApiDiff::compared("crankwheel-reseller", &api, &api, changes.clone());
        if diff.verdict.exit_code() != u8::from(breaking) {
            failures.push(format!("{what}: exit code {} at an unchanged version", diff.verdict.exit_code()));
        }
        if ApiDiff::compared("crankwheel-reseller", &api, &bumped, changes).verdict.exit_code() != 0 {
            failures.push(format!("{what}: a breaking version step does not announce it"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The rules only the surface compare reports each have a case above; the fixture pairs of
/// `diff_rules.rs`, which change documents only, leave exactly these out.
#[test]
fn every_surface_only_rule_has_a_generator_change_case() {
    let covered: Vec<&str> = GENERATOR_CHANGES.iter().flat_map(|(_, _, rules)| rules.iter().copied()).collect();
    for id in SURFACE_ONLY {
        assert!(Rule::from_id(id).is_some(), "{id} is not a rule");
        assert!(covered.contains(id), "no generator change case reports {id}");
    }
}

#[test]
fn arguments_are_spelled_as_the_crate_takes_them() {
    let api = reseller_api();
    let s = surface::build(&api);
    let grant = s.methods.iter().find(|m| m.name == "grant_token").expect("grant_token");
    assert_eq!(grant.args.first(), Some(&ArgItem { name: "email".into(), ty: "&str".into(), place: "path parameter email".into(), key: "path #0".into() }));
}

/// A documented error status removed is the spec compare's change, and breaking: the error
/// enum loses its variant. The surface compare does not say it again.
#[test]
fn a_removed_error_status_is_breaking_and_said_once() {
    let api = reseller_api();
    let mut new = api.clone();
    let op = new.operations.iter_mut().find(|o| o.id == "create_client").expect("create_client");
    op.responses.retain(|r| r.status != Some(409));
    let changes = compare(&api, &new);
    let got: Vec<(&str, codegen::diff::Level)> = changes.iter().map(|c| (c.rule.id(), c.level())).collect();
    assert_eq!(got, [("response-non-success-status-removed", codegen::diff::Level::Breaking)], "{changes:#?}");
}

/// A `surface.json` written before the surface had aliases, features and error variants is
/// completed from this generator's decision: nothing is reported for what it did not say.
#[test]
fn an_older_surface_file_is_completed_not_reported() {
    let api = reseller_api();
    let mut json: serde_json::Value = serde_json::from_str(&surface::to_json(&surface::build(&api), "test")).expect("JSON");
    json.as_object_mut().expect("an object").retain(|k, _| k != "aliases" && k != "features");
    json["methods"].as_array_mut().expect("methods").iter_mut().for_each(|m| drop(m.as_object_mut().expect("a method").remove("errors")));
    let old = surface::from_json(&json.to_string()).expect("an older file still reads");
    assert!(old.features.is_none() && old.aliases.is_none());
    let side = Side::Built(Box::new(api));
    let diff = ApiDiff::with_base_surface("crankwheel-reseller", &side, &side, Some(&old));
    assert!(diff.changes.is_empty(), "{:#?}", diff.changes);
}

/// A tag moved in the documents moves a method (and the models only it reaches) to another
/// feature: the spec compare has no rule for tags, the surface compare reports it.
#[test]
fn a_method_whose_tag_changes_leaves_its_feature() {
    let api = reseller_api();
    let mut new = api.clone();
    let op = new.operations.iter_mut().find(|o| o.id == "grant_token").expect("grant_token");
    let from = op.tags.first().cloned().expect("a tag");
    let to = api.operations.iter().find(|o| o.id == "get_available_plans").and_then(|o| o.tags.first().cloned()).expect("a tag");
    assert_ne!(from, to);
    op.tags = vec![to];
    let changes = compare(&api, &new);
    let moved: Vec<String> = changes.iter().filter(|c| c.rule == Rule::FeatureItemRemoved).map(|c| c.message()).collect();
    assert!(moved.iter().any(|m| m.contains("feature `single-sign-on`") && m.contains("method `grant_token`")), "{changes:#?}");
    let diff = ApiDiff::compared("crankwheel-reseller", &api, &new, changes);
    assert_eq!(diff.verdict.exit_code(), 1);
}

/// A 1xx is neither the return type nor an error variant: removing it changes nothing the
/// crate shows, so it is not reported (and not as a breaking error status).
#[test]
fn an_informational_status_is_not_an_error_status() {
    let new = reseller_api();
    let mut old = new.clone();
    let op = old.operations.iter_mut().find(|o| o.id == "create_client").expect("create_client");
    let mut early = op.responses[0].clone();
    early.status = Some(102);
    op.responses.push(early);
    assert!(compare(&old, &new).is_empty(), "{:#?}", compare(&old, &new));
}

/// An error status added gives the error enum a variant: an exhaustive `match` on it stops
/// compiling, the same warning as a response enum value added.
#[test]
fn an_added_error_status_is_a_warning() {
    let api = reseller_api();
    let mut new = api.clone();
    let op = new.operations.iter_mut().find(|o| o.id == "create_client").expect("create_client");
    let mut gone = op.responses.iter().find(|r| r.status == Some(409)).expect("a 409").clone();
    gone.status = Some(422);
    op.responses.push(gone);
    let changes = compare(&api, &new);
    let got: Vec<(&str, codegen::diff::Level)> = changes.iter().map(|c| (c.rule.id(), c.level())).collect();
    assert_eq!(got, [("response-non-success-status-added", codegen::diff::Level::Warning)], "{changes:#?}");
}
