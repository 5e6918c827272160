//! Names a generated crate already uses, which no name taken from a spec may take.
//!
//! A query parameter named `query` became a setter beside the runtime's `Request::query`
//! (E0592); a model named `Client` sat beside the HTTP client, and one named `Duration`
//! shadowed `std::time::Duration` for whoever glob-imports the models. The lists below are
//! checked against the runtime's source by a test, so a new runtime method cannot slip past.

/// Methods of the runtime's `Request` (every operation's builder), plus the pager's
/// `into_stream`: an operation's setters must not take them.
const REQUEST_METHODS: &[&str] = &[
    "decode", "decode_unit", "decode_optional", "query", "query_list", "set_query", "header", "header_list", "json", "form", "multipart", "auth", "server",
    "send", "pages", "try_clone", "into_stream",
];

/// Methods of the runtime's and the crate root's `Client`: operation methods must not take them.
const CLIENT_METHODS: &[&str] = &[
    "request", "get", "post", "put", "patch", "delete", "download", "base_url", "with_credential", "with_only_credential",
    "with_base_url", "send", "send_streaming", "execute", "backoff", "build_request", "builder", "new",
];

/// Methods of the runtime's `ClientBuilder`: the auth and server setters a spec's scheme
/// names and server variables give it must not take them.
const BUILDER_METHODS: &[&str] = &[
    "new", "base_url", "base_url_from_template", "timeout", "user_agent", "retry", "max_retries", "retry_non_idempotent",
    "http_client", "credential", "build", "max_response_bytes",
];

/// Methods of the traits `Client` and `Request` implement (`Clone`, `Debug`, `IntoFuture`)
/// and of the blanket ones every type has (`Into`, `Borrow`, `Any`): an inherent method of
/// that name would hide them. (Associated functions such as `From::from` take no `self`
/// and hide nothing.)
const TRAIT_METHODS: &[&str] = &[
    "clone", "clone_from", "clone_into", "to_owned", "fmt", "into_future", "into", "try_into", "borrow", "borrow_mut",
    "type_id",
];

/// The crate root's public types, which users import beside the models.
const CRATE_TYPES: &[&str] = &[
    "Client", "ClientBuilder", "Error", "ErrorBody", "ApiError", "DecodeError", "ByteStream", "FilePart", "Paginator",
    "Request", "RetryPolicy", "Sending",
];

/// Rust's prelude and the derives and serde names the generated models use unqualified.
const PRELUDE: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "Vec", "String", "Box", "ToString", "ToOwned", "Clone", "Copy",
    "Send", "Sync", "Sized", "Unpin", "Drop", "Fn", "FnMut", "FnOnce", "AsRef", "AsMut", "Into", "From", "Default",
    "Iterator", "Extend", "IntoIterator", "DoubleEndedIterator", "ExactSizeIterator", "PartialEq", "PartialOrd", "Eq",
    "Ord", "Debug", "Hash", "TryFrom", "TryInto", "FromIterator", "Self", "Serialize", "Deserialize", "Value", "Map",
];

/// std types users commonly import beside the models (`use std::time::Duration;`).
const STD_TYPES: &[&str] = &[
    "Duration", "Instant", "SystemTime", "HashMap", "HashSet", "BTreeMap", "BTreeSet", "VecDeque", "Rc", "Arc", "Cell",
    "RefCell", "Mutex", "RwLock", "Cow", "Path", "PathBuf", "Ordering", "Display", "Formatter", "Future", "Pin",
];

/// Why a setter may not be called `name`, if it may not.
pub fn setter_clash(name: &str) -> Option<&'static str> {
    let bare = name.trim_start_matches("r#");
    if REQUEST_METHODS.contains(&bare) {
        Some("a method of the request every setter is on")
    } else if TRAIT_METHODS.contains(&bare) {
        Some("a trait method of the request")
    } else {
        None
    }
}

/// The setter of an optional parameter whose name is `name` (already snake case): the name
/// itself, or `<name>_param` where that clashes (`query` -> `query_param`).
pub fn setter_name(name: String) -> String {
    match setter_clash(&name) {
        Some(_) => format!("{}_param", name.trim_start_matches("r#")),
        None => name,
    }
}

/// Why an operation method may not be called `name`, if it may not.
pub fn method_clash(name: &str) -> Option<&'static str> {
    let bare = name.trim_start_matches("r#");
    if CLIENT_METHODS.contains(&bare) {
        Some("a method of the crate's `Client`")
    } else if bare == "client" {
        Some("the name whose builder type would be `ClientBuilder`, the client's own builder")
    } else if TRAIT_METHODS.contains(&bare) {
        Some("a trait method of the crate's `Client`")
    } else {
        None
    }
}

/// Why a `ClientBuilder` setter may not be called `name`, if it may not.
pub fn builder_clash(name: &str) -> Option<&'static str> {
    let bare = name.trim_start_matches("r#");
    if BUILDER_METHODS.contains(&bare) || TRAIT_METHODS.contains(&bare) {
        Some("a method of `ClientBuilder`")
    } else {
        None
    }
}

/// The `Client` method that acts with a bearer token of the scheme `scheme` (snake case):
/// `with_<scheme>`, or `with_<scheme>_token` where that is a method already
/// (`with_credential`).
pub fn with_token_name(scheme: &str) -> String {
    let scheme = scheme.trim_start_matches("r#");
    let wanted = format!("with_{scheme}");
    match method_clash(&wanted) {
        Some(_) => format!("{wanted}_token"),
        None => wanted,
    }
}

/// Why a model may not be called `name`, if it may not.
pub fn type_clash(name: &str) -> Option<&'static str> {
    if CRATE_TYPES.contains(&name) {
        Some("a type of the crate root, which users import beside the models")
    } else if PRELUDE.contains(&name) {
        Some("a name of Rust's prelude or of serde, which the generated code uses unqualified")
    } else if STD_TYPES.contains(&name) {
        Some("a std type users commonly import beside the models")
    } else {
        None
    }
}

/// What a model is called instead of a name it may not take.
pub fn clear_type(name: &str) -> String {
    format!("{name}Model")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names of the methods in the `impl` blocks of `target` (`Client`, `Request<`) in
    /// the runtime's source.
    fn runtime_methods(target: &str) -> Vec<String> {
        let sources = [
            include_str!("runtime/client.rs"),
            include_str!("runtime/request.rs"),
            include_str!("runtime/transport.rs"),
            include_str!("runtime/paginate.rs"),
        ];
        let mut out = Vec::new();
        for source in sources {
            let mut inside = false;
            for line in source.lines() {
                if line.starts_with("impl") {
                    let head = line.split(" for ").last().unwrap_or(line);
                    inside = head.split_whitespace().any(|w| w == target || w.starts_with(&format!("{target}<")));
                } else if line.starts_with('}') {
                    inside = false;
                } else if inside {
                    let words: Vec<&str> = line.split_whitespace().collect();
                    if let Some(i) = words.iter().position(|w| *w == "fn") {
                        let name = words.get(i + 1).map(|n| n.split(['(', '<']).next().unwrap_or(n)).unwrap_or_default();
                        out.push(name.to_string());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_runtime_method_of_request_and_client_is_reserved() {
        let request = runtime_methods("Request");
        assert!(request.contains(&"query".to_string()) && request.contains(&"into_future".to_string()), "{request:?}");
        for m in &request {
            assert!(setter_clash(m).is_some(), "Request::{m} is not in REQUEST_METHODS or TRAIT_METHODS");
        }
        let builder = runtime_methods("ClientBuilder");
        assert!(builder.contains(&"timeout".to_string()), "{builder:?}");
        for m in &builder {
            assert!(builder_clash(m).is_some(), "ClientBuilder::{m} is not in BUILDER_METHODS");
        }
        let client = runtime_methods("Client");
        assert!(client.contains(&"get".to_string()) && client.contains(&"send".to_string()), "{client:?}");
        for m in &client {
            assert!(method_clash(m).is_some(), "Client::{m} is not in CLIENT_METHODS or TRAIT_METHODS");
        }
    }

    #[test]
    fn spec_names_that_clash_are_told_apart_from_free_ones() {
        assert!(setter_clash("query").is_some());
        assert!(setter_clash("r#type").is_none());
        assert!(setter_clash("page").is_none());
        assert_eq!(setter_name("query".into()), "query_param");
        assert_eq!(setter_name("r#type".into()), "r#type");
        assert!(method_clash("delete").is_some());
        assert!(method_clash("clone").is_some());
        assert!(method_clash("delete_client").is_none());
        assert!(type_clash("Client").is_some());
        assert!(type_clash("Duration").is_some());
        assert!(type_clash("Option").is_some());
        assert!(type_clash("ClientSettings").is_none());
        assert_eq!(clear_type("Client"), "ClientModel");
        assert_eq!(with_token_name("access_token"), "with_access_token");
        assert_eq!(with_token_name("credential"), "with_credential_token");
    }
}
