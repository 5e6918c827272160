//! Builders whose setters are the same share them: operations of one feature that take the
//! same optional parameters (names, types, wire names and docs) get one number of `Request`
//! and one generic `impl` of the setters; a look-alike parameter with other docs, or an
//! operation of another feature, keeps its own. Compiling the result and what rustdoc lists
//! on each builder's page are checked in `tests/tests/shared_setters.rs`.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::Path;

fn operations() -> String {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/builders/shared-setters-3.1.yaml");
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: false };
    let krate = generate_from_files(&[input], "shared", &opts).expect("the fixture generates");
    krate.files["src/operations.rs"].clone()
}

/// The `OP` number of a builder alias.
fn number(operations: &str, builder: &str) -> String {
    let start = operations.find(&format!("pub type {builder}<'a> = Request<")).unwrap_or_else(|| panic!("no {builder} in {operations}"));
    let alias = &operations[start..];
    let alias = &alias[..alias.find(">;").expect("the alias ends")];
    alias.rsplit(',').next().expect("a number").trim().to_string()
}

#[test]
fn two_operations_with_the_same_documented_setters_share_one_impl() {
    let ops = operations();
    let shared = number(&ops, "ListItemsBuilder");
    assert_eq!(number(&ops, "ListTagsBuilder"), shared, "{ops}");
    let header = format!("impl<'a, T, E> Request<'a, T, E, {shared}> {{");
    assert_eq!(ops.matches(&header).count(), 1, "{header} in {ops}");
    // Each doc is kept, once for the two operations.
    assert_eq!(ops.matches("/// The page number of the results to fetch.").count(), 2, "{ops}");
    assert!(!ops.contains("impl<'a> ListItemsBuilder<'a>") && !ops.contains("impl<'a> ListTagsBuilder<'a>"), "{ops}");
}

#[test]
fn a_differently_documented_parameter_or_another_feature_keeps_its_own_setters() {
    let ops = operations();
    let shared = number(&ops, "ListItemsBuilder");
    // `page` as a cursor: another type and doc, so the whole builder is its own.
    assert_ne!(number(&ops, "ListVersionsBuilder"), shared, "{ops}");
    assert!(ops.contains("impl<'a> ListVersionsBuilder<'a> {"), "{ops}");
    assert!(ops.contains("/// An opaque cursor from the previous page's `next` field.\n        pub fn page(self, value: &str) -> Self {"), "{ops}");
    // The same setters in another feature: that feature's module has its own impl, so that
    // each compiles alone.
    assert_ne!(number(&ops, "ListPeopleBuilder"), shared, "{ops}");
    assert!(ops.contains("impl<'a> ListPeopleBuilder<'a> {"), "{ops}");
    // One shared impl, and the two operations of their own: three `per_page` in all.
    assert_eq!(ops.matches("pub fn per_page(self, value: i64) -> Self {").count(), 3, "{ops}");
}
