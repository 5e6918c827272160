//! No success body is thrown away: a method returns `()` only where the documents say the
//! body is empty, and bodies the documents show only through prose or the API's structure get
//! the type that evidence names.

use codegen::emit::responses::{success, Success};
use codegen::model::{Api, BodyKind, Ty};
use workspace_tests::{bundled_apis, generate_bundled};

fn returns(api: &Api, method: &str) -> String {
    let op = api.operations.iter().find(|o| o.id == method).unwrap_or_else(|| panic!("no method {method}"));
    match success(op) {
        Success::Json { ty: Ty::Named(id), optional } => {
            let name = api.types.get(id).name.clone();
            if optional {
                format!("Option<{name}>")
            } else {
                name
            }
        }
        other => format!("{other:?}"),
    }
}

#[test]
fn no_method_returns_unit_unless_the_documents_show_an_empty_body() {
    for name in bundled_apis() {
        let api = generate_bundled(&name).api;
        for op in &api.operations {
            if success(op) != Success::Unit {
                continue;
            }
            let documented_empty = op
                .responses
                .iter()
                .filter(|r| r.status.is_none_or(|s| (200..300).contains(&s)))
                .any(|r| matches!(r.status, Some(204 | 205)) || r.kind == BodyKind::Empty);
            assert!(documented_empty, "{name} {} returns () but no document says its body is empty", op.id);
        }
    }
}

#[test]
fn bodies_named_by_prose_or_structure_get_their_types() {
    let outseta = generate_bundled("outseta").api;
    // "The method returns an invoice object."
    for method in ["add_first_time_subscription", "add_first_time_subscription_preview", "change_subscription", "change_subscription_preview"] {
        assert!(returns(&outseta, method).ends_with("Invoice>") || returns(&outseta, method) == "Invoice", "{method}: {}", returns(&outseta, method));
    }
    // A list with no example, wrapped as the API's other lists are, around the `Plan` shown
    // inside subscriptions.
    assert_eq!(returns(&outseta, "get_all_plans"), "PlanList");
    let plan_list = outseta.types.defs.iter().find(|t| t.name == "PlanList").expect("PlanList");
    let codegen::model::TypeKind::Struct(fields) = &plan_list.kind else { panic!("PlanList is a struct") };
    assert!(fields.iter().any(|f| f.name == "items" && matches!(&f.ty, Ty::List(item) if matches!(**item, Ty::Named(id) if outseta.types.get(id).name == "Plan"))));
    assert!(fields.iter().any(|f| f.name == "metadata"));
    // An update of an item returns the item its GET shows, or nothing.
    assert_eq!(returns(&outseta, "update_person"), "Option<Person>");

    let crankwheel = generate_bundled("crankwheel").api;
    // "You will receive back a JSON object with details on the created record."
    assert_eq!(returns(&crankwheel, "create_company_content_video_upload"), "CompanyContent");
}
