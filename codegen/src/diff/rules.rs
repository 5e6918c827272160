//! The rule table: every kind of change `cargo xtask diff` reports, with its stable id and its
//! level as seen from a program that uses the generated crate.
//!
//! This is the one place the table lives. `docs/spec-diff.md` carries the same table, rendered
//! by [`markdown_table`] (`cargo xtask diff --rules` prints it), and a test fails when the two
//! drift apart. Ids follow oasdiff's vocabulary (`new-required-request-parameter`,
//! `response-property-became-optional`) wherever oasdiff has a check for the same change; the
//! level is ours, because a generated Rust crate breaks in places an HTTP client does not (a
//! field that became optional changes its Rust type from `T` to `Option<T>`).

use std::fmt;

/// How a change affects a program that uses the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Code that compiled and worked may stop compiling or start failing: needs a major version.
    Breaking,
    /// Some uses break (an exhaustive `match`, a struct literal, `-D warnings`); most do not.
    Warning,
    /// Compatible: new things to use, nothing taken away.
    Info,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Breaking => "breaking",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which part of the API a rule is about, for grouping the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    Operations,
    Parameters,
    RequestBody,
    Responses,
    Types,
    Auth,
    Servers,
}

impl Area {
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Operations => "Operations",
            Area::Parameters => "Parameters",
            Area::RequestBody => "Request bodies",
            Area::Responses => "Responses",
            Area::Types => "Types",
            Area::Auth => "Authentication",
            Area::Servers => "Servers",
        }
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The stable id, in oasdiff's style.
    pub id: &'static str,
    pub level: Level,
    pub area: Area,
    /// What changed, as a short phrase that can start a sentence.
    pub what: &'static str,
    /// Why the level: what a program using the crate sees.
    pub why: &'static str,
    /// The oasdiff check that looks at the same change, where there is one.
    pub oasdiff: Option<&'static str>,
}

/// Every kind of change. The order is the table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    EndpointAdded,
    ApiRemoved,
    OperationIdUpdated,
    ApiDeprecated,
    ApiReactivated,
    ApiServerChanged,
    NewRequiredRequestParameter,
    NewOptionalRequestParameter,
    RequestParameterRemoved,
    RequestParameterBecameRequired,
    RequestParameterBecameOptional,
    RequestParameterTypeChanged,
    RequestParametersReordered,
    RequestPathParameterRenamed,
    RequestBodyAddedRequired,
    RequestBodyRemoved,
    RequestBodyMediaTypeChanged,
    RequestBodyTypeChanged,
    RequestFilePartAdded,
    RequestFilePartRemoved,
    NewRequiredRequestProperty,
    NewOptionalRequestProperty,
    RequestPropertyRemoved,
    RequestPropertyBecameRequired,
    RequestPropertyBecameOptional,
    RequestPropertyBecameNullable,
    RequestPropertyBecameNotNullable,
    RequestPropertyTypeChanged,
    RequestPropertyEnumValueAdded,
    RequestPropertyEnumValueRemoved,
    RequestPropertyOneOfAdded,
    RequestPropertyOneOfRemoved,
    ResponseSuccessStatusAdded,
    ResponseSuccessStatusRemoved,
    ResponseNonSuccessStatusAdded,
    ResponseNonSuccessStatusRemoved,
    ResponseBodyTypeChanged,
    ResponseRequiredPropertyAdded,
    ResponseOptionalPropertyAdded,
    ResponseRequiredPropertyRemoved,
    ResponseOptionalPropertyRemoved,
    ResponsePropertyBecameOptional,
    ResponsePropertyBecameRequired,
    ResponsePropertyBecameNullable,
    ResponsePropertyBecameNotNullable,
    ResponsePropertyTypeChanged,
    ResponsePropertyEnumValueAdded,
    ResponsePropertyEnumValueRemoved,
    ResponsePropertyOneOfAdded,
    ResponsePropertyOneOfRemoved,
    TypeRenamed,
    SecuritySchemeAdded,
    SecuritySchemeRemoved,
    SecuritySchemeChanged,
    SecuritySchemeSetterChanged,
    ApiSecurityAdded,
    ApiSecurityRemoved,
    ServerAdded,
    ServerRemoved,
    DefaultServerChanged,
    DefaultServerRemoved,
}

impl Rule {
    /// Every rule, in table order.
    pub const ALL: &'static [Rule] = &[
        Rule::EndpointAdded,
        Rule::ApiRemoved,
        Rule::OperationIdUpdated,
        Rule::ApiDeprecated,
        Rule::ApiReactivated,
        Rule::ApiServerChanged,
        Rule::NewRequiredRequestParameter,
        Rule::NewOptionalRequestParameter,
        Rule::RequestParameterRemoved,
        Rule::RequestParameterBecameRequired,
        Rule::RequestParameterBecameOptional,
        Rule::RequestParameterTypeChanged,
        Rule::RequestParametersReordered,
        Rule::RequestPathParameterRenamed,
        Rule::RequestBodyAddedRequired,
        Rule::RequestBodyRemoved,
        Rule::RequestBodyMediaTypeChanged,
        Rule::RequestBodyTypeChanged,
        Rule::RequestFilePartAdded,
        Rule::RequestFilePartRemoved,
        Rule::NewRequiredRequestProperty,
        Rule::NewOptionalRequestProperty,
        Rule::RequestPropertyRemoved,
        Rule::RequestPropertyBecameRequired,
        Rule::RequestPropertyBecameOptional,
        Rule::RequestPropertyBecameNullable,
        Rule::RequestPropertyBecameNotNullable,
        Rule::RequestPropertyTypeChanged,
        Rule::RequestPropertyEnumValueAdded,
        Rule::RequestPropertyEnumValueRemoved,
        Rule::RequestPropertyOneOfAdded,
        Rule::RequestPropertyOneOfRemoved,
        Rule::ResponseSuccessStatusAdded,
        Rule::ResponseSuccessStatusRemoved,
        Rule::ResponseNonSuccessStatusAdded,
        Rule::ResponseNonSuccessStatusRemoved,
        Rule::ResponseBodyTypeChanged,
        Rule::ResponseRequiredPropertyAdded,
        Rule::ResponseOptionalPropertyAdded,
        Rule::ResponseRequiredPropertyRemoved,
        Rule::ResponseOptionalPropertyRemoved,
        Rule::ResponsePropertyBecameOptional,
        Rule::ResponsePropertyBecameRequired,
        Rule::ResponsePropertyBecameNullable,
        Rule::ResponsePropertyBecameNotNullable,
        Rule::ResponsePropertyTypeChanged,
        Rule::ResponsePropertyEnumValueAdded,
        Rule::ResponsePropertyEnumValueRemoved,
        Rule::ResponsePropertyOneOfAdded,
        Rule::ResponsePropertyOneOfRemoved,
        Rule::TypeRenamed,
        Rule::SecuritySchemeAdded,
        Rule::SecuritySchemeRemoved,
        Rule::SecuritySchemeChanged,
        Rule::SecuritySchemeSetterChanged,
        Rule::ApiSecurityAdded,
        Rule::ApiSecurityRemoved,
        Rule::ServerAdded,
        Rule::ServerRemoved,
        Rule::DefaultServerChanged,
        Rule::DefaultServerRemoved,
    ];

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn level(self) -> Level {
        self.info().level
    }

    /// The rule with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }

    /// The table itself.
    pub fn info(self) -> RuleInfo {
        use Area::*;
        use Level::*;
        let (id, level, area, what, why, oasdiff) = match self {
            Rule::EndpointAdded => ("endpoint-added", Info, Operations, "operation added", "a new client method", Some("endpoint-added")),
            Rule::ApiRemoved => (
                "api-removed",
                Breaking,
                Operations,
                "operation removed",
                "its client method is gone, deprecated or not",
                Some("api-removed-without-deprecation"),
            ),
            Rule::OperationIdUpdated => (
                "api-operation-id-updated",
                Breaking,
                Operations,
                "operation's method renamed",
                "the client method has a new name (operationId, request name or override changed)",
                Some("api-operation-id-updated"),
            ),
            Rule::ApiDeprecated => (
                "api-deprecated",
                Warning,
                Operations,
                "operation deprecated",
                "the method gets `#[deprecated]`: callers built with `-D warnings` fail",
                Some("endpoint-deprecated"),
            ),
            Rule::ApiReactivated => ("api-reactivated", Info, Operations, "operation no longer deprecated", "`#[deprecated]` goes away", Some("endpoint-reactivated")),
            Rule::ApiServerChanged => (
                "api-server-changed",
                Warning,
                Operations,
                "operation's own host changed",
                "the same call now goes to another host",
                None,
            ),
            Rule::NewRequiredRequestParameter => (
                "new-required-request-parameter",
                Breaking,
                Parameters,
                "new required parameter",
                "the method takes one more argument",
                Some("new-required-request-parameter"),
            ),
            Rule::NewOptionalRequestParameter => (
                "new-optional-request-parameter",
                Info,
                Parameters,
                "new optional parameter",
                "a new builder setter",
                Some("new-optional-request-parameter"),
            ),
            Rule::RequestParameterRemoved => (
                "request-parameter-removed",
                Breaking,
                Parameters,
                "parameter removed",
                "an argument or a setter is gone",
                Some("request-parameter-removed"),
            ),
            Rule::RequestParameterBecameRequired => (
                "request-parameter-became-required",
                Breaking,
                Parameters,
                "parameter became required",
                "a setter becomes a method argument",
                Some("request-parameter-became-required"),
            ),
            Rule::RequestParameterBecameOptional => (
                "request-parameter-became-optional",
                Breaking,
                Parameters,
                "parameter became optional",
                "a method argument becomes a setter (oasdiff: info; for Rust callers the call no longer compiles)",
                Some("request-parameter-became-optional"),
            ),
            Rule::RequestParameterTypeChanged => (
                "request-parameter-type-changed",
                Breaking,
                Parameters,
                "parameter's Rust type changed",
                "the argument or setter takes another type",
                Some("request-parameter-type-changed"),
            ),
            Rule::RequestParametersReordered => (
                "request-parameters-reordered",
                Breaking,
                Parameters,
                "required parameters reordered",
                "positional arguments swap: calls may still compile and send values to the wrong parameter",
                None,
            ),
            Rule::RequestPathParameterRenamed => (
                "request-path-parameter-renamed",
                Info,
                Parameters,
                "path parameter renamed",
                "arguments are positional; only the argument's name changes",
                None,
            ),
            Rule::RequestBodyAddedRequired => (
                "request-body-added-required",
                Breaking,
                RequestBody,
                "typed request body added",
                "the method takes a `body` argument",
                Some("request-body-added-required"),
            ),
            Rule::RequestBodyRemoved => (
                "request-body-removed",
                Breaking,
                RequestBody,
                "typed request body removed",
                "the `body` argument is gone",
                Some("request-body-removed"),
            ),
            Rule::RequestBodyMediaTypeChanged => (
                "request-body-media-type-changed",
                Info,
                RequestBody,
                "request body media type changed",
                "the crate encodes the body; the caller's code is unchanged",
                Some("request-body-media-type-removed"),
            ),
            Rule::RequestBodyTypeChanged => (
                "request-body-type-changed",
                Breaking,
                RequestBody,
                "request body type changed",
                "the `body` argument takes another type",
                Some("request-body-type-changed"),
            ),
            Rule::RequestFilePartAdded => (
                "request-file-part-added",
                Breaking,
                RequestBody,
                "multipart file part added",
                "the method takes one more `FilePart` argument",
                None,
            ),
            Rule::RequestFilePartRemoved => (
                "request-file-part-removed",
                Breaking,
                RequestBody,
                "multipart file part removed",
                "a `FilePart` argument is gone",
                None,
            ),
            Rule::NewRequiredRequestProperty => (
                "new-required-request-property",
                Breaking,
                RequestBody,
                "new required request field",
                "struct literals must set it, and the server rejects requests without it",
                Some("new-required-request-property"),
            ),
            Rule::NewOptionalRequestProperty => (
                "new-optional-request-property",
                Warning,
                RequestBody,
                "new optional request field",
                "struct literals without `..Default::default()` must name it",
                Some("new-optional-request-property"),
            ),
            Rule::RequestPropertyRemoved => (
                "request-property-removed",
                Breaking,
                RequestBody,
                "request field removed",
                "code that sets the field stops compiling",
                Some("request-property-removed"),
            ),
            Rule::RequestPropertyBecameRequired => (
                "request-property-became-required",
                Breaking,
                RequestBody,
                "request field became required",
                "`Option<T>` becomes `T`, and requests without it are rejected",
                Some("request-property-became-required"),
            ),
            Rule::RequestPropertyBecameOptional => (
                "request-property-became-optional",
                Breaking,
                RequestBody,
                "request field became optional",
                "`T` becomes `Option<T>` (oasdiff: info; for Rust callers the literal no longer compiles)",
                Some("request-property-became-optional"),
            ),
            Rule::RequestPropertyBecameNullable => (
                "request-property-became-nullable",
                Breaking,
                RequestBody,
                "request field became nullable",
                "the field's Rust type gains an `Option` layer",
                Some("request-property-became-nullable"),
            ),
            Rule::RequestPropertyBecameNotNullable => (
                "request-property-became-not-nullable",
                Breaking,
                RequestBody,
                "request field no longer nullable",
                "the field's Rust type loses an `Option` layer, and `null` is rejected",
                Some("request-property-became-not-nullable"),
            ),
            Rule::RequestPropertyTypeChanged => (
                "request-property-type-changed",
                Breaking,
                RequestBody,
                "request field's type changed",
                "the field takes another Rust type",
                Some("request-property-type-changed"),
            ),
            Rule::RequestPropertyEnumValueAdded => (
                "request-property-enum-value-added",
                Info,
                RequestBody,
                "request enum value added",
                "a new variant the caller may send",
                Some("request-property-enum-value-added"),
            ),
            Rule::RequestPropertyEnumValueRemoved => (
                "request-property-enum-value-removed",
                Breaking,
                RequestBody,
                "request enum value removed",
                "code that names the variant stops compiling",
                Some("request-property-enum-value-removed"),
            ),
            Rule::RequestPropertyOneOfAdded => (
                "request-property-one-of-added",
                Info,
                RequestBody,
                "request union variant added",
                "a new variant the caller may send",
                Some("request-property-one-of-added"),
            ),
            Rule::RequestPropertyOneOfRemoved => (
                "request-property-one-of-removed",
                Breaking,
                RequestBody,
                "request union variant removed",
                "code that names the variant stops compiling",
                Some("request-property-one-of-removed"),
            ),
            Rule::ResponseSuccessStatusAdded => (
                "response-success-status-added",
                Info,
                Responses,
                "success status added",
                "any 2xx decodes as the method's return type",
                Some("response-success-status-added"),
            ),
            Rule::ResponseSuccessStatusRemoved => (
                "response-success-status-removed",
                Warning,
                Responses,
                "success status removed",
                "the code still compiles; a caller that checks for this status will not see it",
                Some("response-success-status-removed"),
            ),
            Rule::ResponseNonSuccessStatusAdded => (
                "response-non-success-status-added",
                Info,
                Responses,
                "error status added",
                "a new documented error body; errors were already possible",
                Some("response-non-success-status-added"),
            ),
            Rule::ResponseNonSuccessStatusRemoved => (
                "response-non-success-status-removed",
                Info,
                Responses,
                "error status removed",
                "one documented error less",
                Some("response-non-success-status-removed"),
            ),
            Rule::ResponseBodyTypeChanged => (
                "response-body-type-changed",
                Breaking,
                Responses,
                "response body type changed",
                "the method returns (or the error decodes to) another type",
                Some("response-body-type-changed"),
            ),
            Rule::ResponseRequiredPropertyAdded => (
                "response-required-property-added",
                Info,
                Responses,
                "new response field, always present",
                "a new field to read",
                Some("response-required-property-added"),
            ),
            Rule::ResponseOptionalPropertyAdded => (
                "response-optional-property-added",
                Info,
                Responses,
                "new optional response field",
                "a new `Option` field to read",
                Some("response-optional-property-added"),
            ),
            Rule::ResponseRequiredPropertyRemoved => (
                "response-required-property-removed",
                Breaking,
                Responses,
                "response field removed",
                "code that reads the field stops compiling",
                Some("response-required-property-removed"),
            ),
            Rule::ResponseOptionalPropertyRemoved => (
                "response-optional-property-removed",
                Breaking,
                Responses,
                "optional response field removed",
                "code that reads the field stops compiling (oasdiff: warning)",
                Some("response-optional-property-removed"),
            ),
            Rule::ResponsePropertyBecameOptional => (
                "response-property-became-optional",
                Breaking,
                Responses,
                "response field became optional",
                "`T` becomes `Option<T>`",
                Some("response-property-became-optional"),
            ),
            Rule::ResponsePropertyBecameRequired => (
                "response-property-became-required",
                Breaking,
                Responses,
                "response field became required",
                "`Option<T>` becomes `T` (oasdiff: info; `if let Some(..)` no longer compiles)",
                Some("response-property-became-required"),
            ),
            Rule::ResponsePropertyBecameNullable => (
                "response-property-became-nullable",
                Breaking,
                Responses,
                "response field became nullable",
                "the field's Rust type gains an `Option` layer",
                Some("response-property-became-nullable"),
            ),
            Rule::ResponsePropertyBecameNotNullable => (
                "response-property-became-not-nullable",
                Breaking,
                Responses,
                "response field no longer nullable",
                "the field's Rust type loses an `Option` layer (oasdiff: info)",
                Some("response-property-became-not-nullable"),
            ),
            Rule::ResponsePropertyTypeChanged => (
                "response-property-type-changed",
                Breaking,
                Responses,
                "response field's type changed",
                "the field has another Rust type",
                Some("response-property-type-changed"),
            ),
            Rule::ResponsePropertyEnumValueAdded => (
                "response-property-enum-value-added",
                Warning,
                Responses,
                "response enum value added",
                "a `match` without a wildcard arm stops compiling",
                Some("response-property-enum-value-added"),
            ),
            Rule::ResponsePropertyEnumValueRemoved => (
                "response-property-enum-value-removed",
                Breaking,
                Responses,
                "response enum value removed",
                "code that names the variant stops compiling (oasdiff: info)",
                Some("response-property-enum-value-removed"),
            ),
            Rule::ResponsePropertyOneOfAdded => (
                "response-property-one-of-added",
                Warning,
                Responses,
                "response union variant added",
                "a `match` without a wildcard arm stops compiling",
                Some("response-property-one-of-added"),
            ),
            Rule::ResponsePropertyOneOfRemoved => (
                "response-property-one-of-removed",
                Breaking,
                Responses,
                "response union variant removed",
                "code that names the variant stops compiling",
                Some("response-property-one-of-removed"),
            ),
            Rule::TypeRenamed => (
                "type-renamed",
                Warning,
                Types,
                "model type renamed",
                "code that names the type stops compiling; code that only uses values does not",
                None,
            ),
            Rule::SecuritySchemeAdded => (
                "api-security-component-added",
                Info,
                Auth,
                "auth scheme added",
                "a new builder setter",
                Some("api-security-component-added"),
            ),
            Rule::SecuritySchemeRemoved => (
                "api-security-component-removed",
                Breaking,
                Auth,
                "auth scheme removed",
                "its builder setter is gone",
                Some("api-security-component-removed"),
            ),
            Rule::SecuritySchemeChanged => (
                "api-security-component-changed",
                Warning,
                Auth,
                "auth scheme sends the secret differently",
                "the setter is unchanged, but the secret it expects may differ (header, prefix or kind changed)",
                Some("api-security-component-type-changed"),
            ),
            Rule::SecuritySchemeSetterChanged => (
                "api-security-component-setter-changed",
                Breaking,
                Auth,
                "auth scheme's setter takes other arguments",
                "the setter's arguments change (one secret, a key and a secret, or a bearer token with its `with_` method)",
                Some("api-security-component-type-changed"),
            ),
            Rule::ApiSecurityAdded => (
                "api-security-added",
                Info,
                Auth,
                "credential now accepted",
                "calls that worked still work",
                Some("api-security-added"),
            ),
            Rule::ApiSecurityRemoved => (
                "api-security-removed",
                Breaking,
                Auth,
                "credential no longer accepted",
                "a client configured with only that credential (or with none) gets 401s",
                Some("api-security-removed"),
            ),
            Rule::ServerAdded => ("server-added", Info, Servers, "base URL added", "nothing in the crate changes for existing callers", None),
            Rule::ServerRemoved => (
                "server-removed",
                Info,
                Servers,
                "base URL other than the default removed",
                "the crate only uses the default; callers that pass this URL should check it",
                None,
            ),
            Rule::DefaultServerChanged => (
                "default-server-changed",
                Warning,
                Servers,
                "default base URL changed",
                "`DEFAULT_BASE_URL` changes: `Client::builder()` talks to another host",
                None,
            ),
            Rule::DefaultServerRemoved => (
                "default-server-removed",
                Breaking,
                Servers,
                "default base URL removed",
                "`DEFAULT_BASE_URL` is empty: `Client::builder().build()` without `base_url` fails",
                None,
            ),
        };
        RuleInfo { id, level, area, what, why, oasdiff }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The rule table as Markdown, grouped by area: what `docs/spec-diff.md` shows.
pub fn markdown_table() -> String {
    let mut out = String::new();
    let mut area = None;
    for rule in Rule::ALL {
        let info = rule.info();
        if area != Some(info.area) {
            if area.is_some() {
                out.push('\n');
            }
            area = Some(info.area);
            out.push_str(&format!("### {}\n\n", info.area.as_str()));
            out.push_str("| id | level | change | why, for a program using the crate | oasdiff check |\n");
            out.push_str("|---|---|---|---|---|\n");
        }
        let oasdiff = info.oasdiff.map(|o| format!("`{o}`")).unwrap_or_else(|| "-".to_string());
        out.push_str(&format!("| `{}` | {} | {} | {} | {} |\n", info.id, info.level, info.what, info.why, oasdiff));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique_and_round_trip() {
        let ids: BTreeSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        for r in Rule::ALL {
            assert_eq!(Rule::from_id(r.id()), Some(*r));
        }
    }

    #[test]
    fn all_lists_every_rule_in_declaration_order() {
        let mut sorted = Rule::ALL.to_vec();
        sorted.sort();
        assert_eq!(sorted, Rule::ALL.to_vec(), "Rule::ALL must follow the enum's order");
        // The last variant is listed, so none was forgotten at the end.
        assert_eq!(Rule::ALL.last(), Some(&Rule::DefaultServerRemoved));
        assert_eq!(Rule::ALL.len(), Rule::DefaultServerRemoved as usize + 1);
    }
}
