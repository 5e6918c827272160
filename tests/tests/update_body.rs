//! An update body built in Rust with only some fields set sends only those fields: an update
//! never nulls out what the caller did not touch.

use serde_json::json;

#[test]
fn a_reseller_client_update_sends_only_the_fields_set() {
    use crankwheel_reseller::models::{CompanyInput, UpdateClientRequest};
    let body = UpdateClientRequest {
        company: Some(CompanyInput { lname: Some("Renamed Company".into()), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"company": {"lname": "Renamed Company"}}));
    assert_eq!(serde_json::to_value(UpdateClientRequest::default()).unwrap(), json!({}));
}

#[test]
fn an_outseta_person_update_sends_only_the_fields_set() {
    use outseta::models::UpdatePersonRequest;
    let body = UpdatePersonRequest { first_name: Some("Ada".into()), ..Default::default() };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"FirstName": "Ada"}));
}

#[test]
fn a_crankwheel_user_update_sends_only_the_fields_set() {
    use crankwheel::models::{UpdateCompanyUserRequest, UserAccessInput};
    let body = UpdateCompanyUserRequest {
        user_access: Some(UserAccessInput { headline: Some("Sales lead".into()), ..Default::default() }),
        ..Default::default()
    };
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"user_access": {"headline": "Sales lead"}}));
}
