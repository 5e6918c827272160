//! `generated/` must be exactly what the generator makes from `specs/` today.

use workspace_tests::{bundled_apis, generate_bundled, root};

#[test]
fn generated_crates_are_fresh() {
    let apis = bundled_apis();
    assert_eq!(apis, ["crankwheel", "crankwheel-reseller", "outseta"], "the bundled APIs changed");
    let mut stale = Vec::new();
    for api in &apis {
        let krate = generate_bundled(api);
        for (rel, text) in &krate.files {
            let path = root().join("generated").join(api).join(rel);
            match std::fs::read_to_string(&path) {
                Ok(old) if &old == text => {}
                Ok(_) => stale.push(format!("changed: {}", path.display())),
                Err(_) => stale.push(format!("missing: {}", path.display())),
            }
        }
    }
    assert!(stale.is_empty(), "generated/ is stale; run `cargo xtask codegen` and commit:\n{}", stale.join("\n"));
}

#[test]
fn two_runs_give_byte_identical_output() {
    for api in bundled_apis() {
        let a = generate_bundled(&api);
        let b = generate_bundled(&api);
        assert_eq!(a.files, b.files, "{api}: two runs differ");
    }
}
