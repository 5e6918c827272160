//! The rules that type what the documents do not show, on a collection of another API (a
//! lending library), so that none of them leans on a CrankWheel or Outseta name:
//! - a body no example shows is not thrown away: prose ("returns a book object"), a
//!   sibling's item, the list envelope the API's other lists use, or `serde_json::Value`;
//! - a request can send what the prose allows ("any or all of the fields documented under
//!   List members", "The parameter **send_welcome**"), never the read-only or ID fields;
//! - money seen only as integers is `f64`.

use codegen::emit::responses::{success, Success};
use codegen::emit::EmitOptions;
use codegen::model::{Api, DecisionKind, Ty, TypeKind};
use codegen::pipeline::generate_from_files;
use std::path::PathBuf;

fn api() -> Api {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/postman/library_structure.json");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    generate_from_files(&[path], "library", &opts).expect("the fixture builds").api
}

fn returns(api: &Api, method: &str) -> (String, bool) {
    let op = api.operations.iter().find(|o| o.id == method).unwrap_or_else(|| panic!("no method {method}"));
    match success(op) {
        Success::Json { ty: Ty::Named(id), optional } => (api.types.get(id).name.clone(), optional),
        other => (format!("{other:?}"), false),
    }
}

fn fields(api: &Api, type_name: &str) -> Vec<(String, Ty, bool)> {
    let def = api.types.defs.iter().find(|d| d.name == type_name).unwrap_or_else(|| panic!("no type {type_name}"));
    let TypeKind::Struct(fields) = &def.kind else { panic!("{type_name} is not a struct") };
    fields.iter().map(|f| (f.name.clone(), f.ty.clone(), f.optional)).collect()
}

#[test]
fn bodies_no_example_shows_are_typed_from_prose_structure_or_left_open() {
    let api = api();
    // Prose: "The method returns a book object"; `Book` is shown nested in a loan.
    assert_eq!(returns(&api, "renew_loan"), ("Book".to_string(), true));
    // A create of the collection and an update of the item return the item GET shows (or
    // nothing: they are not GETs).
    assert_eq!(returns(&api, "add_member"), ("Member".to_string(), true));
    assert_eq!(returns(&api, "edit_member"), ("Member".to_string(), true));
    // A list with no example: the envelope of the other lists, around the nested `Book`s.
    let (list, optional) = returns(&api, "list_books");
    assert!(!optional);
    let envelope = fields(&api, &list);
    let names: Vec<&str> = envelope.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["paging", "results"], "{list}");
    assert!(matches!(&envelope[1].1, Ty::List(item) if matches!(**item, Ty::Named(id) if api.types.get(id).name == "Book")));
    // Nothing at all: any JSON, never `()`.
    assert_eq!(returns(&api, "remove_member").0, "Value");
    let said: Vec<&str> = api.decisions.iter().filter(|d| d.kind == DecisionKind::ResponseBody).map(|d| d.subject.as_str()).collect();
    for subject in ["POST /loans/renew", "POST /members", "PATCH /members/{member_id}", "GET /books", "DELETE /members/{member_id}"] {
        assert!(said.contains(&subject), "REPORT.md says nothing about {subject}: {said:?}");
    }
}

#[test]
fn a_request_can_send_every_field_the_prose_allows_and_no_read_only_one() {
    let api = api();
    let create = fields(&api, "AddMemberRequest");
    let names: Vec<&str> = create.iter().map(|f| f.0.as_str()).collect();
    for allowed in ["name", "card_color", "late_fee", "loans", "send_welcome"] {
        assert!(names.contains(&allowed), "AddMemberRequest lacks {allowed}: {names:?}");
    }
    for read_only in ["id", "joined"] {
        assert!(!names.contains(&read_only), "AddMemberRequest has the read-only {read_only}");
    }
    assert!(create.iter().all(|f| f.2), "every added field is optional");
    assert!(create.iter().any(|f| f.0 == "send_welcome" && f.1 == Ty::Bool));
    // An update of the item accepts what the create sends.
    let update: Vec<String> = fields(&api, "EditMemberRequest").into_iter().map(|f| f.0).collect();
    assert!(update.contains(&"name".to_string()) && update.contains(&"send_welcome".to_string()), "{update:?}");
}

#[test]
fn money_seen_only_as_integers_is_a_float() {
    let api = api();
    let member = fields(&api, "Member");
    assert!(member.iter().any(|f| f.0 == "late_fee" && f.1 == Ty::Float), "{member:?}");
    assert!(member.iter().any(|f| f.0 == "id" && f.1 == Ty::Integer));
}
