//! The layout pass after prettyplease (emit/layout.rs) moves only whitespace: on every
//! generated file of the bundled crates, of crates generated from fixtures and of the runtime,
//! the file prettyplease prints and the file laid out parse to the same tokens, but for the
//! trailing commas of lists where Rust ignores them (parameters, arguments, generic lists,
//! array elements, tuples of two or more). Then what each shape becomes.

use codegen::emit::layout::layout;
use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use quote::ToTokens;
use std::path::{Path, PathBuf};
use syn::punctuated::Punctuated;
use syn::visit_mut::{self, VisitMut};

/// Drops the trailing comma of every list where it means nothing.
struct Commas;

fn trim<T, P: Default>(list: &mut Punctuated<T, P>) {
    if list.trailing_punct() {
        *list = std::mem::take(list).into_iter().collect();
    }
}

fn trim_many<T, P: Default>(list: &mut Punctuated<T, P>) {
    if list.len() >= 2 {
        trim(list);
    }
}

impl VisitMut for Commas {
    fn visit_signature_mut(&mut self, n: &mut syn::Signature) {
        trim(&mut n.inputs);
        visit_mut::visit_signature_mut(self, n);
    }
    fn visit_generics_mut(&mut self, n: &mut syn::Generics) {
        trim(&mut n.params);
        visit_mut::visit_generics_mut(self, n);
    }
    fn visit_angle_bracketed_generic_arguments_mut(&mut self, n: &mut syn::AngleBracketedGenericArguments) {
        trim(&mut n.args);
        visit_mut::visit_angle_bracketed_generic_arguments_mut(self, n);
    }
    fn visit_parenthesized_generic_arguments_mut(&mut self, n: &mut syn::ParenthesizedGenericArguments) {
        trim(&mut n.inputs);
        visit_mut::visit_parenthesized_generic_arguments_mut(self, n);
    }
    fn visit_type_bare_fn_mut(&mut self, n: &mut syn::TypeBareFn) {
        trim(&mut n.inputs);
        visit_mut::visit_type_bare_fn_mut(self, n);
    }
    fn visit_type_tuple_mut(&mut self, n: &mut syn::TypeTuple) {
        trim_many(&mut n.elems);
        visit_mut::visit_type_tuple_mut(self, n);
    }
    fn visit_fields_unnamed_mut(&mut self, n: &mut syn::FieldsUnnamed) {
        trim(&mut n.unnamed);
        visit_mut::visit_fields_unnamed_mut(self, n);
    }
    fn visit_expr_call_mut(&mut self, n: &mut syn::ExprCall) {
        trim(&mut n.args);
        visit_mut::visit_expr_call_mut(self, n);
    }
    fn visit_expr_method_call_mut(&mut self, n: &mut syn::ExprMethodCall) {
        trim(&mut n.args);
        visit_mut::visit_expr_method_call_mut(self, n);
    }
    fn visit_expr_array_mut(&mut self, n: &mut syn::ExprArray) {
        trim(&mut n.elems);
        visit_mut::visit_expr_array_mut(self, n);
    }
    fn visit_expr_tuple_mut(&mut self, n: &mut syn::ExprTuple) {
        trim_many(&mut n.elems);
        visit_mut::visit_expr_tuple_mut(self, n);
    }
    fn visit_pat_tuple_struct_mut(&mut self, n: &mut syn::PatTupleStruct) {
        trim(&mut n.elems);
        visit_mut::visit_pat_tuple_struct_mut(self, n);
    }
    fn visit_pat_tuple_mut(&mut self, n: &mut syn::PatTuple) {
        trim_many(&mut n.elems);
        visit_mut::visit_pat_tuple_mut(self, n);
    }
    fn visit_pat_slice_mut(&mut self, n: &mut syn::PatSlice) {
        trim(&mut n.elems);
        visit_mut::visit_pat_slice_mut(self, n);
    }
}

fn tokens(text: &str, what: &str) -> String {
    let mut file = syn::parse_file(text).unwrap_or_else(|e| panic!("{what} does not parse: {e}\n{text}"));
    Commas.visit_file_mut(&mut file);
    file.to_token_stream().to_string()
}

/// Lays out `text` as prettyplease prints it; checks the tokens and returns both.
fn check(text: &str, what: &str) -> (String, String) {
    let before = prettyplease::unparse(&syn::parse_file(text).unwrap_or_else(|e| panic!("{what}: {e}")));
    let after = layout(&before);
    assert!(tokens(&before, what) == tokens(&after, what), "{what}: the layout changed the tokens");
    assert_eq!(layout(&after), after, "{what}: a second pass changes the layout");
    (before, after)
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())).map(|e| e.expect("an entry").path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rs_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_file_of_the_bundled_crates_keeps_its_tokens() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rs_files(&root.join("generated"), &mut files);
    rs_files(&root.join("codegen/src/runtime"), &mut files);
    assert!(files.len() > 40, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        check(&text, &path.display().to_string());
    }
}

#[test]
fn every_file_generated_from_the_fixtures_keeps_its_tokens() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let inputs = ["builders/shared-setters-3.1.yaml", "openapi/petstore-mini-3.1.yaml", "openapi/webhooks-only-3.1.yaml", "swagger2/petstore-mini.json", "postman/v21_object_urls.json", "media"];
    let opts = EmitOptions { command: "test".into(), standalone: true, test_support: true };
    for input in inputs {
        let mut paths = vec![fixtures.join(input)];
        if paths[0].is_dir() {
            paths = std::fs::read_dir(&paths[0]).expect("a folder").map(|e| e.expect("an entry").path()).collect();
            paths.sort();
            paths.truncate(1);
        }
        let krate = generate_from_files(&paths, "fixture", &opts).unwrap_or_else(|e| panic!("{input}: {e:?}"));
        let mut n = 0;
        for (path, text) in krate.files.iter().filter(|(p, _)| p.ends_with(".rs")) {
            check(text, &format!("{input}: {path}"));
            n += 1;
        }
        assert!(n > 3, "{input}: {n} files");
    }
}

/// Runs on GitHub's description when it is cached: `cargo test -p codegen --release --test
/// layout -- --ignored --nocapture` prints the lines and the time of the pass.
#[test]
#[ignore]
fn github() {
    let dir = std::env::var("LAYOUT_CRATE").unwrap_or_else(|_| "/tmp/gh-main".into());
    let mut files = Vec::new();
    rs_files(Path::new(&dir), &mut files);
    let (mut before_lines, mut after_lines, mut spent) = (0, 0, std::time::Duration::ZERO);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("readable");
        let (before, _) = check(&text, &path.display().to_string());
        // The best of five: the machine is shared.
        let mut best = std::time::Duration::MAX;
        for _ in 0..5 {
            let start = std::time::Instant::now();
            std::hint::black_box(layout(&before));
            best = best.min(start.elapsed());
        }
        spent += best;
        let after = layout(&before);
        println!("{}: {} -> {} lines", path.display(), before.lines().count(), after.lines().count());
        before_lines += before.lines().count();
        after_lines += after.lines().count();
        if let Ok(out) = std::env::var("LAYOUT_OUT") {
            let name = path.strip_prefix(&dir).expect("inside").display().to_string().replace('/', "_");
            std::fs::write(Path::new(&out).join(name), &after).expect("writable");
        }
    }
    println!("total: {before_lines} -> {after_lines} lines, layout {spent:?}");
}

fn laid(text: &str) -> String {
    check(text, "the example").1
}

#[test]
fn a_signature_that_fits_goes_on_one_line_and_one_that_does_not_fills_its_parameters() {
    let out = laid("impl C { pub fn repos_get_org_rule_suite(&self, org: &str, rule_suite_id: i64) -> Request<'_, models::RuleSuite, ReposGetOrgRuleSuiteError> { self.get(\"/orgs/{}/rulesets/rule-suites/{}\", &[&org, &rule_suite_id]) } }");
    let want = "    pub fn repos_get_org_rule_suite(\n        &self, org: &str, rule_suite_id: i64,\n    ) -> Request<'_, models::RuleSuite, ReposGetOrgRuleSuiteError> {\n        self.get(\"/orgs/{}/rulesets/rule-suites/{}\", &[&org, &rule_suite_id])\n    }\n";
    assert!(out.contains(want), "{out}");
    let out = laid("impl C { pub fn repos_get(&self, org: &str, suite_id: i64, name: &str) -> Request<'_, models::Suite> { self.get(\"/orgs/{}/{}\", &[&org, &suite_id]).json(&name) } }");
    let want = "    pub fn repos_get(&self, org: &str, suite_id: i64, name: &str) -> Request<'_, models::Suite> {\n        self.get(\"/orgs/{}/{}\", &[&org, &suite_id]).json(&name)\n    }\n";
    assert!(out.contains(want), "{out}");
}

#[test]
fn a_one_expression_setter_goes_on_one_line() {
    let out = laid("impl<'a, T, E> Request<'a, T, E, 150> { /// The page.\n pub fn page(self, value: i64) -> Self { self.set_query(\"page\", value) } pub fn two(self) -> Self { let x = 1; x } }");
    assert!(out.contains("    /// The page.\n    pub fn page(self, value: i64) -> Self { self.set_query(\"page\", value) }\n"), "{out}");
    assert!(out.contains("    pub fn two(self) -> Self {\n        let x = 1;\n        x\n    }\n"), "{out}");
}

#[test]
fn a_long_type_alias_breaks_after_its_equals_sign() {
    let out = laid("pub type ActionsGetActionsCacheUsageByRepoForOrgBuilder<'a> = Request<'a, models::UsageByRepository, crate::ErrorBody, 150>; pub type Short<'a> = Request<'a, models::UsageByRepository, crate::ErrorBody, 150, 151, 152>;");
    assert!(out.starts_with("pub type ActionsGetActionsCacheUsageByRepoForOrgBuilder<'a> =\n    Request<'a, models::UsageByRepository, crate::ErrorBody, 150>;\n"), "{out}");
    assert!(out.contains("\npub type Short<'a> = Request<'a, models::UsageByRepository, crate::ErrorBody, 150, 151, 152>;\n"), "{out}");
}

#[test]
fn literals_comments_attributes_and_one_tuples_are_left_as_printed() {
    let text = "#[cfg(any(feature = \"actions\", feature = \"activity\", feature = \"apps\", feature = \"billing\", feature = \"checks\"))]\nfn f() -> X { call(\"a string that goes on\nover two lines and so cannot be joined with anything\", other_argument, third_argument_long_enough_to_break); let t = (a_very_long_expression_name_that_breaks_the_line_at_the_margin_of_prettyplease_for_sure,); g(r#\"raw (\"#, 'x', '(', '\\'', long_argument_number_one_of_the_call, argument_number_two) }";
    let (before, after) = check(text, "the example");
    for line in before.lines().filter(|l| l.trim_start().starts_with('#') || l.contains("over two lines") || l.trim() == "a_very_long_expression_name_that_breaks_the_line_at_the_margin_of_prettyplease_for_sure,") {
        assert!(after.lines().any(|l| l == line), "{line:?} in\n{after}");
    }
    assert!(after.contains("    g(r#\"raw (\"#, 'x', '(', '\\'', long_argument_number_one_of_the_call, argument_number_two)\n"), "{after}");
}

#[test]
fn a_macro_body_is_filled_at_the_margin() {
    let body: Vec<String> = (0..30).map(|i| format!("Type{i} {{ field_{i}, other = \"a b c\" : Req }} extra")).collect();
    let (before, after) = check(&format!("rows!({});", body.join("; ")), "the example");
    assert!(after.lines().count() < before.lines().count(), "{after}");
    assert!(after.lines().all(|l| l.chars().count() <= 100) && after.lines().any(|l| l.chars().count() > 90), "{after}");
}

#[test]
fn the_comparison_sees_a_comma_that_matters() {
    assert_ne!(tokens("fn f() { let x = (a,); }", "one"), tokens("fn f() { let x = (a); }", "two"));
    assert_ne!(tokens("m!(a, b,);", "one"), tokens("m!(a, b);", "two"));
    assert_eq!(tokens("fn f(a: A,) { g(a, b,); }", "one"), tokens("fn f(a: A) { g(a, b); }", "two"));
}
