//! Reviewed snapshots of what the generator decides for each bundled API: the types (one line
//! per field) and the merge report. A change here is a change in the generated crates' API.

use codegen::emit::summary::types_summary;
use workspace_tests::{bundled_apis, generate_bundled};

#[test]
fn model_types_of_each_bundled_api() {
    for api in bundled_apis() {
        let krate = generate_bundled(&api);
        insta::assert_snapshot!(format!("{api}__types"), types_summary(&krate.api));
    }
}

#[test]
fn merge_report_of_each_bundled_api() {
    for api in bundled_apis() {
        let krate = generate_bundled(&api);
        insta::assert_snapshot!(format!("{api}__report"), krate.files["REPORT.md"]);
    }
}
