//! Every field the documents say a client may send is a typed field of the request type, not
//! something reachable only through `extra`: this file compiles only while they are, and the
//! JSON sent carries each one under its documented name.

use serde_json::json;

#[test]
fn a_reseller_client_create_can_send_the_fields_documented_under_the_clients_list() {
    use crankwheel_reseller::models::{CreateClientRequest, Geo};
    let mut body = CreateClientRequest::default();
    let company = body.company.get_or_insert_with(Default::default);
    company.sname = Some("acme".into());
    company.geo = Some(Geo::Eu2);
    company.logo = Some("https://example.com/logo.png".into());
    company.remove_cw_branding = Some(true);
    company.integrations_enabled = Some(false);
    let settings = company.settings.get_or_insert_with(Default::default);
    settings.window = Some(true);
    settings.content_filter_pattern = Some(Some("secret".into()));
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"company": {
            "sname": "acme", "geo": "eu2", "logo": "https://example.com/logo.png",
            "remove_cw_branding": true, "integrations_enabled": false,
            "settings": {"window": true, "content_filter_pattern": "secret"}
        }})
    );
}

#[test]
fn a_reseller_client_update_sends_settings_with_the_id_the_prose_requires() {
    use crankwheel_reseller::models::UpdateClientRequest;
    let mut body = UpdateClientRequest::default();
    let company = body.company.get_or_insert_with(Default::default);
    company.remove_cw_branding = Some(false);
    // `id` is not an `Option`: the description says it must be sent with `settings`.
    company.settings = Some(serde_json::from_value(json!({"id": "7"})).unwrap());
    company.settings.as_mut().unwrap().window = Some(false);
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"company": {"remove_cw_branding": false, "settings": {"id": "7", "window": false}}}));
    let without_id = serde_json::from_value::<UpdateClientRequest>(json!({"company": {"settings": {"window": true}}}));
    assert!(without_id.is_err(), "settings without its id must not be accepted as an update body");
}

#[test]
fn a_crankwheel_user_update_can_send_privilege_and_demo_pool() {
    use crankwheel::models::{Privilege, UpdateCompanyUserRequest};
    let mut body = UpdateCompanyUserRequest::default();
    let user = body.user_access.get_or_insert_with(Default::default);
    user.privilege = Some(Privilege::Admin);
    user.in_demo_pool = Some(Some(true));
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"user_access": {"privilege": "admin", "in_demo_pool": true}}));
}

#[test]
fn a_crankwheel_noauth_link_can_send_the_parameters_its_prose_documents() {
    use crankwheel::models::CreateNoauthLinkRequest;
    let body = CreateNoauthLinkRequest {
        email: Some("a@example.com".into()),
        truncate_older_links: Some(true),
        create_hook: Some("https://example.com/created".into()),
        viewer_hook: Some("https://example.com/viewer".into()),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"email": "a@example.com", "truncate_older_links": true, "create_hook": "https://example.com/created", "viewer_hook": "https://example.com/viewer"})
    );
}
