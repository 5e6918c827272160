//! The runtime's macros that define types (`emit::calls`): marked items of a module become
//! one call of their macro, a `cfg` gates its own call, each field's attributes go on its
//! line, and the layout pass leaves the calls' bodies alone.

use codegen::emit::calls::{merge, wrap};
use codegen::emit::layout::layout;

fn printed(text: &str) -> String {
    let mut file = syn::parse_file(text).expect("parses");
    merge(&mut file.items);
    wrap(&layout(&prettyplease::unparse(&file)))
}

const ITEMS: &str = r#"
mod m {
    /// A.
    #[model]
    #[derive(Clone)]
    pub struct A {
        /// The name.
        #[json = "type"] #[kind = Opt] #[alias = "kind"] pub r#type: Option<String>,
        #[extra] pub extra: Map,
    }
    pub type Alias = A;
    #[wire_enum(str, open)]
    #[derive(Clone)]
    pub enum E { X = "x", /// Other.
    Other(String) }
    #[model]
    pub struct B { #[extra] pub extra: Map }
    #[model]
    #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub struct TooLongToShareItsLineWithTheseDerives { #[extra] pub extra: Map }
}
#[cfg(feature = "a")]
#[documented_errors]
pub enum Err1 { #[status = 404] NotFound(X), #[empty = 304] NotModified, Other(Body) }
#[cfg(feature = "b")]
#[documented_errors]
pub enum Err2 { #[text = 409] Conflict(String), Other(Body) }
"#;

#[test]
fn a_module_makes_one_call_of_each_macro_with_its_types_inside() {
    // An item's derives share its head's line where the two fit in 100 columns.
    let out = printed(ITEMS);
    let want = "mod m {
    model! {
        /// A.
        #[derive(Clone)] pub struct A {
            /// The name.
            #[json = \"type\"] #[kind = Opt] #[alias = \"kind\"] pub r#type: Option<String>,
            #[extra] pub extra: Map,
        }
        pub struct B {
            #[extra] pub extra: Map,
        }
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct TooLongToShareItsLineWithTheseDerives {
            #[extra] pub extra: Map,
        }
    }
    pub type Alias = A;
    wire_enum! {
        #[derive(Clone)] pub enum E: str, open {
            X = \"x\",
            /// Other.
            Other(String),
        }
    }
}
";
    assert!(out.starts_with(want), "{out}");
    // Each `cfg` gates its own call: the impls the macro writes need it too.
    assert!(out.contains("#[cfg(feature = \"a\")]\ndocumented_errors! {\n    pub enum Err1 {\n        #[status = 404] NotFound(X),\n        #[empty = 304] NotModified,\n"), "{out}");
    assert!(out.contains("#[cfg(feature = \"b\")]\ndocumented_errors! {\n    pub enum Err2 {\n        #[text = 409] Conflict(String),\n"), "{out}");
    syn::parse_file(&out).expect("the calls parse");
}

#[test]
fn the_layout_pass_leaves_the_calls_bodies_alone() {
    let out = printed(ITEMS);
    assert_eq!(layout(&out), out);
}
