//! The Swagger 2.0 and OpenAPI 3.x readers, on small fixtures and on the two bundled seeds.

use codegen::diag::{Diagnostic, Diagnostics, Level};
use codegen::model::{
    AuthHint, AuthKind, BodyKind, DecisionKind, ExampleBody, Format, Method, ParamLocation, Schema, SchemaKind, Source,
    SourceOperation,
};
use codegen::read::read_source;
use serde_json::json;

/// Reads a file relative to the workspace root; the origins carry that relative name.
fn read(relative: &str) -> (Source, Diagnostics) {
    let full = format!("{}/../{relative}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    let mut diags = Diagnostics::default();
    let source = read_source(relative, &text, &mut diags).unwrap_or_else(|e| panic!("{relative} did not read: {e}"));
    (source, diags)
}

const SWAGGER_YAML: &str = "codegen/tests/fixtures/swagger2/petstore-mini.yaml";
const SWAGGER_JSON: &str = "codegen/tests/fixtures/swagger2/petstore-mini.json";
const OPENAPI30: &str = "codegen/tests/fixtures/openapi/petstore-mini-3.0.json";
const OPENAPI31: &str = "codegen/tests/fixtures/openapi/petstore-mini-3.1.yaml";
const WEBHOOKS31: &str = "codegen/tests/fixtures/openapi/webhooks-only-3.1.yaml";
const DANGLING30: &str = "codegen/tests/fixtures/openapi/dangling-ref-3.0.yaml";
const BROKEN30: &str = "codegen/tests/fixtures/openapi/broken-3.0.json";
const CRANKWHEEL: &str = "specs/crankwheel/crankwheel.swagger.yaml";
const RESELLER: &str = "specs/crankwheel-reseller/reseller.openapi.yaml";

fn op<'s>(source: &'s Source, method: Method, path: &str) -> &'s SourceOperation {
    source
        .operations
        .iter()
        .find(|o| o.method == method && o.path.to_openapi() == path)
        .unwrap_or_else(|| panic!("no {} {path}", method.as_str()))
}

fn warnings<'d>(diags: &'d Diagnostics, needle: &str) -> Vec<&'d Diagnostic> {
    diags.items.iter().filter(|d| d.level == Level::Warning && d.message.contains(needle)).collect()
}

fn property<'s>(schema: &'s Schema, name: &str) -> &'s Schema {
    match &schema.kind {
        SchemaKind::Object { properties, .. } => {
            properties.iter().find(|(n, _)| n == name).map(|(_, s)| s).unwrap_or_else(|| panic!("no property {name}"))
        }
        other => panic!("not an object: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Swagger 2.0
// ---------------------------------------------------------------------------------------------

#[test]
fn swagger2_joins_base_path_to_paths_and_builds_servers_from_host_and_schemes() {
    let (s, _) = read(SWAGGER_YAML);
    assert_eq!(s.format, Some(Format::Swagger2));
    assert_eq!(s.title.as_deref(), Some("Petstore mini"));
    assert_eq!(s.version.as_deref(), Some("1.0.0"));
    assert_eq!(s.servers, vec!["https://petstore.example.com", "http://petstore.example.com"]);
    let paths: Vec<String> = s.operations.iter().map(|o| format!("{} {}", o.method.as_str(), o.path.to_openapi())).collect();
    assert_eq!(
        paths,
        vec![
            "GET /v2/pets",
            "POST /v2/pets",
            "GET /v2/pets/{petId}",
            "POST /v2/pets/{petId}",
            "DELETE /v2/pets/{petId}",
            "POST /v2/pets/{petId}/uploadImage",
            "GET /v2/store/inventory",
        ]
    );
    // Origins point at the path as the Swagger file spells it, without the base path.
    assert_eq!(op(&s, Method::Get, "/v2/pets").origin.pointer, "/paths/~1pets/get");
}

#[test]
fn swagger2_body_parameter_becomes_a_json_body_whose_origin_is_the_parameter() {
    let (s, _) = read(SWAGGER_YAML);
    let add = op(&s, Method::Post, "/v2/pets");
    assert!(add.params.is_empty());
    assert_eq!(add.request.len(), 1);
    let body = &add.request[0];
    assert_eq!(body.content_type, "application/json");
    assert_eq!(body.kind, BodyKind::Json);
    assert_eq!(body.description.as_deref(), Some("The pet to add"));
    assert_eq!(body.schema.as_ref().map(|s| &s.kind), Some(&SchemaKind::Ref("Pet".into())));
    assert_eq!(body.origin.pointer, "/paths/~1pets/post/parameters/0");
    assert_eq!(body.schema.as_ref().map(|s| s.origin.pointer.as_str()), Some("/paths/~1pets/post/parameters/0/schema"));
}

#[test]
fn swagger2_form_data_with_a_file_becomes_a_multipart_body() {
    let (s, _) = read(SWAGGER_YAML);
    let upload = op(&s, Method::Post, "/v2/pets/{petId}/uploadImage");
    assert_eq!(upload.params.len(), 1, "the path parameter stays a parameter");
    let body = &upload.request[0];
    assert_eq!(body.kind, BodyKind::Multipart);
    assert_eq!(body.content_type, "multipart/form-data");
    let fields: Vec<(&str, bool, bool)> = body.form_fields.iter().map(|f| (f.name.as_str(), f.is_file, f.required)).collect();
    assert_eq!(fields, vec![("additionalMetadata", false, false), ("file", true, true)]);
    assert_eq!(body.form_fields[1].description.as_deref(), Some("The image"));
    assert_eq!(body.origin.pointer, "/paths/~1pets~1{petId}~1uploadImage/post/parameters/1");
    let file = body.form_fields[1].schema.as_ref().expect("file schema");
    assert_eq!(file.origin.pointer, "/paths/~1pets~1{petId}~1uploadImage/post/parameters/2");
}

#[test]
fn swagger2_form_data_without_a_file_becomes_a_urlencoded_body() {
    let (s, diags) = read(SWAGGER_YAML);
    let update = op(&s, Method::Post, "/v2/pets/{petId}");
    let body = &update.request[0];
    assert_eq!(body.kind, BodyKind::Form);
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    let fields: Vec<(&str, bool)> = body.form_fields.iter().map(|f| (f.name.as_str(), f.required)).collect();
    assert_eq!(fields, vec![("name", false), ("status", true)]);
    assert!(warnings(&diags, "contradicts").is_empty(), "consumes agrees with formData here");
}

#[test]
fn swagger2_definitions_become_named_schemas_and_refs_stay_refs() {
    let (s, _) = read(SWAGGER_YAML);
    let names: Vec<&str> = s.schemas.keys().map(String::as_str).collect();
    assert_eq!(names, vec!["ApiResponse", "Category", "Error", "Pet", "Tag"]);
    let pet = &s.schemas["Pet"];
    assert_eq!(pet.origin.pointer, "/definitions/Pet");
    assert_eq!(property(pet, "category").kind, SchemaKind::Ref("Category".into()));
    match &property(pet, "tags").kind {
        SchemaKind::Array(items) => assert_eq!(items.kind, SchemaKind::Ref("Tag".into())),
        other => panic!("tags: {other:?}"),
    }
    assert!(property(pet, "id").read_only);
    assert!(property(pet, "nickname").nullable, "x-nullable is read as nullable");
    assert_eq!(property(pet, "status").enum_values, vec![json!("available"), json!("pending"), json!("sold")]);
    assert_eq!(property(pet, "name").origin.pointer, "/definitions/Pet/properties/name");
    let list = op(&s, Method::Get, "/v2/pets");
    let ok = list.responses.iter().find(|r| r.status == Some(200)).expect("200");
    let body = ok.body.as_ref().expect("body");
    match &body.schema.as_ref().map(|s| &s.kind) {
        Some(SchemaKind::Array(items)) => assert_eq!(items.kind, SchemaKind::Ref("Pet".into())),
        other => panic!("{other:?}"),
    }
}

#[test]
fn swagger2_security_definitions_become_schemes_and_security_becomes_hints() {
    let (s, diags) = read(SWAGGER_YAML);
    let kinds: Vec<(&str, &AuthKind)> = s.auth.iter().map(|a| (a.name.as_str(), &a.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("api_key", &AuthKind::Header { header: "X-Api-Key".into(), prefix: String::new() }),
            ("basic_auth", &AuthKind::Basic),
            ("petstore_auth", &AuthKind::Bearer { prefix: "Bearer ".into() }),
        ]
    );
    assert_eq!(op(&s, Method::Get, "/v2/pets").auth, Some(AuthHint::Schemes(vec!["api_key".into()])));
    assert_eq!(op(&s, Method::Get, "/v2/pets/{petId}").auth, Some(AuthHint::None));
    assert_eq!(op(&s, Method::Delete, "/v2/pets/{petId}").auth, Some(AuthHint::Schemes(vec!["petstore_auth".into()])));
    assert_eq!(op(&s, Method::Get, "/v2/store/inventory").auth, Some(AuthHint::Schemes(vec!["basic_auth".into()])));
    let oauth = warnings(&diags, "flows of `petstore_auth`");
    assert_eq!(oauth.len(), 1);
    assert_eq!(oauth[0].origin.pointer, "/securityDefinitions/petstore_auth");
}

#[test]
fn swagger2_parameter_and_response_refs_resolve_to_their_definitions() {
    let (s, _) = read(SWAGGER_YAML);
    let get = op(&s, Method::Get, "/v2/pets/{petId}");
    let pet_id = &get.params[0];
    assert_eq!((pet_id.name.as_str(), pet_id.location, pet_id.required), ("petId", ParamLocation::Path, true));
    assert_eq!(pet_id.schema.as_ref().map(|s| (&s.kind, s.format.as_deref())), Some((&SchemaKind::Integer, Some("int64"))));
    assert_eq!(pet_id.origin.pointer, "/parameters/petId");
    let not_found = get.responses.iter().find(|r| r.status == Some(404)).expect("404");
    assert_eq!(not_found.origin.pointer, "/responses/NotFound");
    assert_eq!(not_found.description.as_deref(), Some("The pet does not exist"));
    let schema = not_found.body.as_ref().and_then(|b| b.schema.as_ref()).expect("schema");
    assert_eq!(schema.kind, SchemaKind::Ref("Error".into()));
    assert_eq!(schema.origin.pointer, "/responses/NotFound/schema");
}

#[test]
fn swagger2_query_parameters_keep_their_types_and_default_response_has_no_status() {
    let (s, diags) = read(SWAGGER_YAML);
    let list = op(&s, Method::Get, "/v2/pets");
    let names: Vec<&str> = list.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["status", "limit"]);
    match &list.params[0].schema.as_ref().map(|s| &s.kind) {
        Some(SchemaKind::Array(items)) => assert_eq!(items.kind, SchemaKind::String),
        other => panic!("{other:?}"),
    }
    assert_eq!(list.params[1].schema.as_ref().and_then(|s| s.default.clone()), Some(json!(20)));
    assert!(warnings(&diags, "serialization").is_empty(), "collectionFormat multi is the 3.0 default");
    let statuses: Vec<Option<u16>> = list.responses.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![Some(200), None]);
    assert_eq!(list.responses[0].headers, vec!["X-Rate-Limit"]);
}

#[test]
fn swagger2_response_examples_become_body_examples_at_their_original_place() {
    let (s, _) = read(SWAGGER_YAML);
    let ok = &op(&s, Method::Get, "/v2/pets").responses[0];
    let body = ok.body.as_ref().expect("body");
    assert_eq!(body.examples.len(), 1);
    assert_eq!(body.examples[0].body, ExampleBody::Json(json!([{"id": 1, "name": "Rex", "status": "available"}])));
    assert_eq!(body.examples[0].origin.pointer, "/paths/~1pets/get/responses/200/examples/application~1json");
}

#[test]
fn swagger2_json_and_yaml_fixtures_read_the_same() {
    let (mut yaml, yaml_diags) = read(SWAGGER_YAML);
    let (json, json_diags) = read(SWAGGER_JSON);
    // Only the file names differ.
    let rename = |s: &str| s.replace(SWAGGER_YAML, SWAGGER_JSON);
    let yaml_text = rename(&format!("{yaml:?}"));
    assert_eq!(yaml_text, format!("{json:?}"));
    assert_eq!(yaml_diags.items.len(), json_diags.items.len());
    yaml.file = SWAGGER_JSON.into();
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.0
// ---------------------------------------------------------------------------------------------

#[test]
fn openapi30_servers_substitute_variable_defaults() {
    let (s, diags) = read(OPENAPI30);
    assert_eq!(s.format, Some(Format::OpenApi30));
    assert_eq!(s.servers, vec!["https://api.petstore.example.com/v1", "https://sandbox.petstore.example.com/v1"]);
    assert!(warnings(&diags, "server").is_empty());
}

#[test]
fn openapi30_component_refs_resolve_for_parameters_bodies_and_responses() {
    let (s, _) = read(OPENAPI30);
    let list = op(&s, Method::Get, "/pets");
    assert_eq!(list.params[0].name, "limit");
    assert_eq!(list.params[0].origin.pointer, "/components/parameters/limit");
    let create = op(&s, Method::Post, "/pets");
    let kinds: Vec<(&str, BodyKind)> = create.request.iter().map(|b| (b.content_type.as_str(), b.kind)).collect();
    assert_eq!(kinds, vec![("application/json", BodyKind::Json), ("application/x-www-form-urlencoded", BodyKind::Form)]);
    assert_eq!(create.request[0].description.as_deref(), Some("The pet to create"));
    assert_eq!(create.request[0].schema.as_ref().map(|s| &s.kind), Some(&SchemaKind::Ref("NewPet".into())));
    assert_eq!(create.request[0].origin.pointer, "/components/requestBodies/NewPet/content/application~1json");
    // The form body's fields come from the referenced schema's properties.
    let form: Vec<(&str, bool)> = create.request[1].form_fields.iter().map(|f| (f.name.as_str(), f.required)).collect();
    assert_eq!(form[0], ("name", true));
    assert_eq!(form.len(), 7);
    let shown = op(&s, Method::Get, "/pets/{petId}");
    let not_found = shown.responses.iter().find(|r| r.status == Some(404)).expect("404");
    assert_eq!(not_found.origin.pointer, "/components/responses/NotFound");
    assert_eq!(not_found.body.as_ref().and_then(|b| b.schema.as_ref()).map(|s| &s.kind), Some(&SchemaKind::Ref("Error".into())));
}

#[test]
fn openapi30_schemas_keep_all_of_one_of_nullable_read_and_write_only() {
    let (s, diags) = read(OPENAPI30);
    match &s.schemas["Pet"].kind {
        SchemaKind::AllOf(parts) => {
            assert_eq!(parts[0].kind, SchemaKind::Ref("NewPet".into()));
            assert!(property(&parts[1], "id").read_only);
        }
        other => panic!("Pet: {other:?}"),
    }
    match &s.schemas["Animal"].kind {
        SchemaKind::OneOf(v) => {
            let kinds: Vec<&SchemaKind> = v.iter().map(|s| &s.kind).collect();
            assert_eq!(kinds, vec![&SchemaKind::Ref("Cat".into()), &SchemaKind::Ref("Dog".into())]);
        }
        other => panic!("Animal: {other:?}"),
    }
    assert_eq!(warnings(&diags, "`discriminator` is not kept").len(), 1);
    let new_pet = &s.schemas["NewPet"];
    assert!(property(new_pet, "tag").nullable);
    assert!(!property(new_pet, "name").nullable);
    assert!(property(new_pet, "secret").write_only);
    assert!(property(new_pet, "legacyCode").deprecated);
    assert_eq!(property(new_pet, "birthday").format.as_deref(), Some("date"));
    assert_eq!(property(new_pet, "kind").enum_values, vec![json!("cat"), json!("dog"), json!("other")]);
    // `allOf: [$ref]` with `nullable` and a description is a nullable reference.
    let owner = property(new_pet, "owner");
    assert_eq!(owner.kind, SchemaKind::Ref("Owner".into()));
    assert!(owner.nullable);
    assert_eq!(owner.description.as_deref(), Some("Who owns the pet"));
    match &s.schemas["Owner"].kind {
        SchemaKind::Object { additional: Some(extra), .. } => assert_eq!(extra.kind, SchemaKind::String),
        other => panic!("Owner: {other:?}"),
    }
    match &s.schemas["NewPet"].kind {
        SchemaKind::Object { properties, required, .. } => {
            let names: Vec<&str> = properties.iter().map(|(n, _)| n.as_str()).collect();
            assert_eq!(names, vec!["name", "tag", "kind", "birthday", "owner", "secret", "legacyCode"], "document order");
            assert_eq!(required, &vec!["name".to_string()]);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn openapi30_security_schemes_map_to_auth_kinds() {
    let (s, _) = read(OPENAPI30);
    let kinds: Vec<(&str, &AuthKind)> = s.auth.iter().map(|a| (a.name.as_str(), &a.kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("api_key", &AuthKind::Header { header: "X-Api-Key".into(), prefix: String::new() }),
            ("query_key", &AuthKind::Query { param: "api_key".into() }),
            ("basic", &AuthKind::Basic),
            ("bearer", &AuthKind::Bearer { prefix: "Bearer ".into() }),
            ("oauth", &AuthKind::Bearer { prefix: "Bearer ".into() }),
        ]
    );
}

#[test]
fn openapi30_operation_security_overrides_global_and_empty_security_means_none() {
    let (s, _) = read(OPENAPI30);
    assert_eq!(op(&s, Method::Get, "/pets").auth, Some(AuthHint::Schemes(vec!["bearer".into()])));
    assert_eq!(op(&s, Method::Post, "/pets").auth, Some(AuthHint::Schemes(vec!["api_key".into(), "basic".into()])));
    assert_eq!(op(&s, Method::Get, "/pets/{petId}").auth, Some(AuthHint::None));
}

#[test]
fn openapi30_path_level_parameters_merge_with_the_operation_winning() {
    let (s, _) = read(OPENAPI30);
    let shown = op(&s, Method::Get, "/pets/{petId}");
    let params: Vec<(&str, ParamLocation)> = shown.params.iter().map(|p| (p.name.as_str(), p.location)).collect();
    assert_eq!(params, vec![("petId", ParamLocation::Path), ("X-Request-Id", ParamLocation::Header)]);
    assert_eq!(shown.params[0].schema.as_ref().map(|s| &s.kind), Some(&SchemaKind::Integer), "the operation's petId wins");
    assert_eq!(shown.params[0].examples, vec![json!(42)]);
    assert_eq!(shown.params[0].origin.pointer, "/paths/~1pets~1{petId}/get/parameters/0");
    let deleted = op(&s, Method::Delete, "/pets/{petId}");
    assert_eq!(deleted.params[0].schema.as_ref().map(|s| &s.kind), Some(&SchemaKind::String), "the path item's petId");
    assert_eq!(deleted.params[0].origin.pointer, "/paths/~1pets~1{petId}/parameters/0");
    assert!(deleted.deprecated);
}

#[test]
fn openapi30_multipart_body_lists_its_fields_with_file_parts_marked() {
    let (s, _) = read(OPENAPI30);
    let upload = op(&s, Method::Put, "/pets/{petId}/photo");
    let body = &upload.request[0];
    assert_eq!(body.kind, BodyKind::Multipart);
    let fields: Vec<(&str, bool, bool)> = body.form_fields.iter().map(|f| (f.name.as_str(), f.is_file, f.required)).collect();
    assert_eq!(fields, vec![("photo", true, true), ("caption", false, false)]);
    assert_eq!(body.form_fields[0].description.as_deref(), Some("The image file"));
    assert_eq!(body.form_fields[1].example, Some(json!("At the beach")));
}

#[test]
fn openapi30_binary_and_text_media_types_get_their_body_kinds() {
    let (s, _) = read(OPENAPI30);
    let stored = &op(&s, Method::Put, "/pets/{petId}/photo").responses[0];
    let text = stored.body.as_ref().expect("text body");
    assert_eq!(text.kind, BodyKind::Text);
    assert_eq!(text.examples[0].body, ExampleBody::Text("stored".into()));
    let photo = op(&s, Method::Get, "/pets/{petId}/photo").responses[0].body.as_ref().expect("photo");
    assert_eq!(photo.kind, BodyKind::Binary);
    let video = op(&s, Method::Get, "/pets/{petId}/video").responses[0].body.as_ref().expect("video");
    assert_eq!((video.content_type.as_str(), video.kind), ("video/mp4", BodyKind::Binary));
}

#[test]
fn openapi30_default_response_has_no_status_and_a_status_range_is_reported() {
    let (s, diags) = read(OPENAPI30);
    let list = op(&s, Method::Get, "/pets");
    let statuses: Vec<Option<u16>> = list.responses.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![Some(200), None]);
    assert_eq!(list.responses[0].headers, vec!["X-Next", "X-Rate-Limit"]);
    let create = op(&s, Method::Post, "/pets");
    assert_eq!(create.responses.iter().map(|r| r.status).collect::<Vec<_>>(), vec![Some(201), Some(400)]);
    let range = warnings(&diags, "status range `4XX`");
    assert_eq!(range.len(), 1);
    assert_eq!(range[0].origin.pointer, "/paths/~1pets/post/responses/4XX");
    assert!(range[0].line.is_some());
}

#[test]
fn openapi30_named_examples_are_kept_and_external_ones_are_reported() {
    let (s, diags) = read(OPENAPI30);
    let ok = op(&s, Method::Get, "/pets").responses[0].body.as_ref().expect("body");
    let names: Vec<Option<&str>> = ok.examples.iter().map(|e| e.name.as_deref()).collect();
    assert_eq!(names, vec![Some("two"), Some("none")]);
    assert_eq!(ok.examples[1].body, ExampleBody::Json(json!([])));
    assert_eq!(ok.examples[0].origin.pointer, "/paths/~1pets/get/responses/200/content/application~1json/examples/two/value");
    assert_eq!(warnings(&diags, "external example").len(), 1);
    let created = op(&s, Method::Post, "/pets").responses[0].body.as_ref().expect("body");
    assert_eq!(created.examples[0].name, None);
    assert_eq!(created.examples[0].body, ExampleBody::Json(json!({"id": 3, "name": "Kitty", "kind": "cat"})));
}

#[test]
fn openapi30_operations_keep_summary_description_tags_and_ids() {
    let (s, _) = read(OPENAPI30);
    let list = op(&s, Method::Get, "/pets");
    assert_eq!(list.operation_id.as_deref(), Some("listPets"));
    assert_eq!(list.name.as_deref(), Some("List pets"));
    assert_eq!(list.description.as_deref(), Some("Lists the pets, a page at a time."));
    assert_eq!(list.tags, vec!["pets"]);
    assert_eq!(s.operations.len(), 8);
}

#[test]
fn reading_twice_gives_identical_sources_and_diagnostics() {
    for file in [SWAGGER_YAML, OPENAPI30, OPENAPI31, RESELLER, CRANKWHEEL] {
        let (a, da) = read(file);
        let (b, db) = read(file);
        assert_eq!(a, b, "{file}");
        assert_eq!(da.items, db.items, "{file}");
    }
}

// ---------------------------------------------------------------------------------------------
// OpenAPI 3.1
// ---------------------------------------------------------------------------------------------

#[test]
fn openapi31_type_lists_and_type_null_become_nullable() {
    let (s, _) = read(OPENAPI31);
    assert_eq!(s.format, Some(Format::OpenApi31));
    let pet = &s.schemas["Pet"];
    let chip = property(pet, "chip");
    assert_eq!((&chip.kind, chip.nullable), (&SchemaKind::String, true));
    let legacy = property(pet, "legacy");
    assert_eq!((&legacy.kind, legacy.nullable), (&SchemaKind::Null, true), "only null survives as Null");
    match &property(pet, "weight").kind {
        SchemaKind::OneOf(v) => assert_eq!(v.iter().map(|s| &s.kind).collect::<Vec<_>>(), vec![&SchemaKind::Number, &SchemaKind::String]),
        other => panic!("weight: {other:?}"),
    }
    let since = &op(&s, Method::Get, "/pets").params[0];
    let schema = since.schema.as_ref().expect("schema");
    assert_eq!((&schema.kind, schema.nullable, schema.format.as_deref()), (&SchemaKind::String, true, Some("date-time")));
}

#[test]
fn openapi31_defs_move_into_named_schemas_and_null_alternatives_become_nullable() {
    let (s, _) = read(OPENAPI31);
    let owner = &s.schemas["Owner"];
    assert_eq!(owner.origin.pointer, "/components/schemas/Pet/$defs/Owner");
    assert_eq!(property(owner, "name").kind, SchemaKind::String);
    let reference = property(&s.schemas["Pet"], "owner");
    assert_eq!((&reference.kind, reference.nullable), (&SchemaKind::Ref("Owner".into()), true));
}

#[test]
fn openapi31_const_examples_and_exclusive_bounds_are_lowered() {
    let (s, diags) = read(OPENAPI31);
    let pet = &s.schemas["Pet"];
    let kind = property(pet, "kind");
    assert_eq!((&kind.kind, &kind.enum_values), (&SchemaKind::String, &vec![json!("pet")]));
    assert_eq!(property(pet, "name").example, Some(json!("Rex")));
    assert_eq!(warnings(&diags, "only one of the 2 schema examples").len(), 1);
    assert_eq!(property(pet, "id").kind, SchemaKind::Integer);
}

#[test]
fn openapi31_ref_with_a_sibling_description_keeps_both() {
    let (s, _) = read(OPENAPI31);
    let created = &op(&s, Method::Post, "/pets").responses[0];
    let schema = created.body.as_ref().and_then(|b| b.schema.as_ref()).expect("schema");
    assert_eq!(schema.kind, SchemaKind::Ref("Pet".into()));
    assert_eq!(schema.description.as_deref(), Some("The new pet"));
}

#[test]
fn openapi31_content_media_type_marks_a_file_part() {
    let (s, _) = read(OPENAPI31);
    let body = &op(&s, Method::Post, "/pets").request[0];
    let fields: Vec<(&str, bool)> = body.form_fields.iter().map(|f| (f.name.as_str(), f.is_file)).collect();
    assert_eq!(fields, vec![("name", false), ("photo", true)]);
}

#[test]
fn openapi31_webhooks_only_document_reads_its_webhook_and_no_operations() {
    let (s, diags) = read(WEBHOOKS31);
    assert!(s.operations.is_empty());
    assert_eq!(s.title.as_deref(), Some("Pet events"));
    assert!(warnings(&diags, "webhooks").is_empty(), "{:?}", diags.items);
    let names: Vec<&str> = s.webhooks.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["newPet"]);
    assert_eq!(s.webhooks[0].operation.method, Method::Post);
    assert_eq!(s.webhooks[0].operation.origin.pointer, "/webhooks/newPet/post");
}

// ---------------------------------------------------------------------------------------------
// Broken input
// ---------------------------------------------------------------------------------------------

#[test]
fn dangling_refs_are_warned_with_pointer_and_line_and_read_as_any() {
    let (s, diags) = read(DANGLING30);
    let items = warnings(&diags, "#/components/schemas/Thing` points to nothing");
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].origin.pointer, "/paths/~1things/get/responses/200/content/application~1json/schema/items");
    assert_eq!(items[0].line, Some(16));
    let list = op(&s, Method::Get, "/things");
    match &list.responses[0].body.as_ref().and_then(|b| b.schema.as_ref()).map(|s| &s.kind) {
        Some(SchemaKind::Array(items)) => assert_eq!(items.kind, SchemaKind::Any),
        other => panic!("{other:?}"),
    }
    assert_eq!(property(&s.schemas["Widget"], "part").kind, SchemaKind::Any);
    assert_eq!(warnings(&diags, "#/components/schemas/Part` points to nothing").len(), 1);
    let param = warnings(&diags, "#/components/parameters/Missing` points to nothing");
    assert_eq!(param.len(), 1);
    assert_eq!(param[0].origin.pointer, "/paths/~1things~1{id}/get/parameters/0");
    assert_eq!(op(&s, Method::Get, "/things/{id}").params.len(), 1);
}

#[test]
fn a_broken_openapi30_document_is_an_error_naming_file_pointer_and_line() {
    let full = format!("{}/../{BROKEN30}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(full).expect("fixture");
    let mut diags = Diagnostics::default();
    let err = read_source(BROKEN30, &text, &mut diags).expect_err("the document is broken");
    let d = &err.diagnostics[0];
    assert_eq!(d.origin.file, BROKEN30);
    assert_eq!(d.origin.pointer, "/paths/~1a/get/responses/200");
    assert_eq!(d.line, Some(8));
    assert!(d.message.contains("`$ref` must be a string"), "{}", d.message);
}

// ---------------------------------------------------------------------------------------------
// The bundled seeds
// ---------------------------------------------------------------------------------------------

#[test]
fn seed_crankwheel_swagger_reads_six_operations_under_the_base_path() {
    let (s, _) = read(CRANKWHEEL);
    let ops: Vec<String> = s.operations.iter().map(|o| format!("{} {}", o.method.as_str(), o.path.to_openapi())).collect();
    assert_eq!(
        ops,
        vec![
            "GET /ss/api/usage",
            "GET /ss/api/demo_usage",
            "GET /ss/api/user_access",
            "POST /ss/api/user_access",
            "GET /ss/api/user_access/{email}",
            "DELETE /ss/api/user_access/{email}",
        ]
    );
    assert_eq!(s.servers, vec!["http://meeting.is"]);
    assert!(s.operations.iter().all(|o| o.responses.len() == 1 && o.responses[0].status == Some(200)));
    assert_eq!(op(&s, Method::Get, "/ss/api/usage").operation_id.as_deref(), Some("UsageGet"));
    assert_eq!(op(&s, Method::Get, "/ss/api/usage").tags, vec!["Retrieve", "Usage", "History"]);
}

#[test]
fn seed_crankwheel_swagger_untyped_parameters_are_read_with_unknown_type_and_warned() {
    let (s, diags) = read(CRANKWHEEL);
    let usage = op(&s, Method::Get, "/ss/api/usage");
    let names: Vec<&str> = usage.params.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["from", "to"]);
    assert_eq!(usage.params[0].schema.as_ref().map(|s| &s.kind), Some(&SchemaKind::Any));
    let untyped = warnings(&diags, "has no `type`");
    assert_eq!(untyped.len(), 10, "from/to twice, four form fields, email twice");
    assert!(untyped.iter().all(|d| d.origin.file == CRANKWHEEL));
}

#[test]
fn seed_crankwheel_swagger_path_parameter_is_made_required_with_a_warning() {
    let (s, diags) = read(CRANKWHEEL);
    for method in [Method::Get, Method::Delete] {
        let o = op(&s, method, "/ss/api/user_access/{email}");
        assert_eq!(o.params.len(), 1);
        assert_eq!((o.params[0].name.as_str(), o.params[0].location, o.params[0].required), ("email", ParamLocation::Path, true));
    }
    let w = warnings(&diags, "not marked `required`");
    assert_eq!(w.len(), 2);
    assert_eq!(w[0].origin.pointer, "/paths/~1user_access~1{email}/get/parameters/0");
    assert_eq!(s.decisions.iter().filter(|d| d.kind == DecisionKind::PathParameter).count(), 2);
}

#[test]
fn seed_crankwheel_swagger_form_data_under_json_consumes_becomes_a_form_body_with_a_warning() {
    let (s, diags) = read(CRANKWHEEL);
    let post = op(&s, Method::Post, "/ss/api/user_access");
    assert!(post.params.is_empty(), "Content-Type is not a parameter");
    assert_eq!(post.request.len(), 1);
    let body = &post.request[0];
    assert_eq!((body.content_type.as_str(), body.kind), ("application/x-www-form-urlencoded", BodyKind::Form));
    let fields: Vec<&str> = body.form_fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(fields, vec!["user_access[email]", "user_access[in_demo_pool]", "user_access[privilege]", "user_access[send_onboarding_email]"]);
    assert_eq!(body.origin.pointer, "/paths/~1user_access/post/parameters/1");
    let conflict = warnings(&diags, "contradicts");
    assert_eq!(conflict.len(), 1);
    assert_eq!(conflict[0].origin.pointer, "/paths/~1user_access/post/parameters/1");
    assert!(s.decisions.iter().any(|d| d.kind == DecisionKind::SourceConflict && d.subject == "POST /ss/api/user_access"));
    assert_eq!(warnings(&diags, "`Content-Type` is ignored").len(), 1);
}

#[test]
fn seed_reseller_openapi31_reads_thirteen_operations() {
    let (s, _) = read(RESELLER);
    assert_eq!(s.format, Some(Format::OpenApi31));
    assert_eq!(s.operations.len(), 13);
    assert_eq!(s.title.as_deref(), Some("CrankWheel reseller RESTful API"));
    let first: Vec<String> = s.operations.iter().take(3).map(|o| format!("{} {}", o.method.as_str(), o.path.to_openapi())).collect();
    assert_eq!(first, vec!["GET /ss/rsapi/clients", "POST /ss/rsapi/clients", "GET /ss/rsapi/clients/{id}"]);
    assert!(s.schemas.is_empty(), "the file has no components");
}

#[test]
fn seed_reseller_authorization_header_parameters_become_auth_hints() {
    let (s, _) = read(RESELLER);
    for o in &s.operations {
        assert_eq!(
            o.auth,
            Some(AuthHint::Header { name: "Authorization".into(), value: "Basic {{crankwheel-reseller-api-key}}".into() }),
            "{} {}",
            o.method.as_str(),
            o.path.to_openapi()
        );
        assert!(o.params.iter().all(|p| !p.name.eq_ignore_ascii_case("authorization")));
    }
}

#[test]
fn seed_reseller_postman_variable_server_is_left_out_with_a_warning() {
    let (s, diags) = read(RESELLER);
    assert!(s.servers.is_empty());
    let w = warnings(&diags, "Postman variable");
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].origin.pointer, "/servers/0");
    assert_eq!(w[0].line, Some(35));
}

#[test]
fn seed_reseller_type_null_becomes_null_only_nullable_and_bogus_formats_are_kept() {
    let (s, _) = read(RESELLER);
    let list = op(&s, Method::Get, "/ss/rsapi/clients");
    let body = list.responses[0].body.as_ref().expect("body");
    let item = match &body.schema.as_ref().map(|s| &s.kind) {
        Some(SchemaKind::Array(item)) => item.as_ref().clone(),
        other => panic!("{other:?}"),
    };
    let smsname = property(&item, "smsname");
    assert_eq!((&smsname.kind, smsname.nullable), (&SchemaKind::Null, true));
    assert_eq!(property(&item, "logo").format.as_deref(), Some("uri"));
    let usage = op(&s, Method::Get, "/ss/rsapi/clients/{id}/usage");
    let schema = usage.responses[0].body.as_ref().and_then(|b| b.schema.as_ref()).expect("schema");
    let company = property(schema, "company_id");
    assert_eq!((&company.kind, company.format.as_deref()), (&SchemaKind::String, Some("utc-millisec")));
}

#[test]
fn seed_reseller_response_examples_and_headers_are_kept() {
    let (s, _) = read(RESELLER);
    let create = op(&s, Method::Post, "/ss/rsapi/clients");
    let statuses: Vec<Option<u16>> = create.responses.iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![Some(201), Some(400), Some(409)]);
    let examples: usize = s.operations.iter().flat_map(|o| &o.responses).filter_map(|r| r.body.as_ref()).map(|b| b.examples.len()).sum();
    assert_eq!(examples, 15, "one example per response entry");
    let list = op(&s, Method::Get, "/ss/rsapi/clients");
    let ok = &list.responses[0];
    assert_eq!(ok.headers.first().map(String::as_str), Some("Server"));
    let example = &ok.body.as_ref().expect("body").examples[0];
    assert_eq!(example.origin.file, RESELLER);
    assert_eq!(example.origin.pointer, "/paths/~1ss~1rsapi~1clients/get/responses/200/content/application~1json/example");
    match &example.body {
        ExampleBody::Json(v) => assert_eq!(v[0]["sname"], json!("companyone")),
        other => panic!("{other:?}"),
    }
    let deleted = op(&s, Method::Delete, "/ss/rsapi/clients/{id}");
    let body = deleted.responses[0].body.as_ref().expect("body");
    assert_eq!(body.examples[0].body, ExampleBody::Json(json!("Deleted successfully")));
}

#[test]
fn seed_reseller_path_item_parameters_are_merged_into_each_operation() {
    let (s, _) = read(RESELLER);
    let usage = op(&s, Method::Get, "/ss/rsapi/clients/{id}/usage");
    let params: Vec<(&str, ParamLocation)> = usage.params.iter().map(|p| (p.name.as_str(), p.location)).collect();
    assert_eq!(
        params,
        vec![("id", ParamLocation::Path), ("start", ParamLocation::Query), ("end", ParamLocation::Query), ("min_seconds", ParamLocation::Query)]
    );
    assert_eq!(usage.params[0].schema.as_ref().map(|s| &s.kind), Some(&SchemaKind::Integer));
    assert_eq!(usage.params[0].examples, vec![json!(41003)]);
    assert_eq!(usage.params[3].description.as_deref(), Some("Default is 40"));
}
