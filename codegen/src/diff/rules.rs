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
    Webhooks,
    Auth,
    Servers,
    Features,
}

impl Area {
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Operations => "Operations",
            Area::Parameters => "Parameters",
            Area::RequestBody => "Request bodies",
            Area::Responses => "Responses",
            Area::Types => "Types",
            Area::Webhooks => "Webhooks",
            Area::Auth => "Authentication",
            Area::Servers => "Servers",
            Area::Features => "Cargo features",
        }
    }
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    /// The rule this row describes: row `i` is the rule whose discriminant is `i`.
    pub rule: Rule,
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
    SetterRemoved,
    ErrorTypeChanged,
    ErrorVariantRemoved,
    ErrorVariantChanged,
    PaginationRemoved,
    PaginationAdded,
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
    TypeRemoved,
    FieldRemoved,
    FieldRenamed,
    FieldTypeChanged,
    VariantRemoved,
    TypeAliasRemoved,
    TypeAliasAdded,
    WebhookFunctionRemoved,
    WebhookEventAdded,
    WebhookEventRemoved,
    WebhookEventChanged,
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
    FeatureRemoved,
    FeatureItemRemoved,
    FeatureAdded,
}

/// A row, shorter to write.
const fn info(rule: Rule, id: &'static str, level: Level, area: Area, what: &'static str, why: &'static str, oasdiff: Option<&'static str>) -> RuleInfo {
    RuleInfo { rule, id, level, area, what, why, oasdiff }
}

use Area::*;
use Level::*;

/// The table, in the enum's order.
#[rustfmt::skip]
const RULES: &[RuleInfo] = &[
    info(Rule::EndpointAdded, "endpoint-added", Info, Operations, "operation added", "a new client method", Some("endpoint-added")),
    info(Rule::ApiRemoved, "api-removed", Breaking, Operations, "operation removed", "its client method is gone, deprecated or not", Some("api-removed-without-deprecation")),
    info(Rule::OperationIdUpdated, "api-operation-id-updated", Breaking, Operations, "operation's method renamed", "the client method has a new name (operationId, request name or override changed)", Some("api-operation-id-updated")),
    info(Rule::ApiDeprecated, "api-deprecated", Warning, Operations, "operation deprecated", "the method gets `#[deprecated]`: callers built with `-D warnings` fail", Some("endpoint-deprecated")),
    info(Rule::ApiReactivated, "api-reactivated", Info, Operations, "operation no longer deprecated", "`#[deprecated]` goes away", Some("endpoint-reactivated")),
    info(Rule::ApiServerChanged, "api-server-changed", Warning, Operations, "operation's own host changed", "the same call now goes to another host", None),
    info(Rule::SetterRemoved, "setter-removed", Breaking, Operations, "builder setter removed or renamed", "code that calls the setter stops compiling", None),
    info(Rule::ErrorTypeChanged, "error-type-changed", Breaking, Operations, "method's error type changed", "code that names `Error<E>` or matches on `E` stops compiling", None),
    info(Rule::ErrorVariantRemoved, "error-variant-removed", Breaking, Operations, "error enum variant removed or renamed", "code that names the variant (`GetPetError::NotFound`) stops compiling", None),
    info(Rule::ErrorVariantChanged, "error-variant-changed", Breaking, Operations, "error enum variant holds another type", "code that reads what the variant holds stops compiling", None),
    info(Rule::PaginationRemoved, "pagination-removed", Breaking, Operations, "`into_stream` removed or yields another type", "code that streams the list stops compiling", None),
    info(Rule::PaginationAdded, "pagination-added", Info, Operations, "`into_stream` added", "a new way to read every page", None),
    info(Rule::NewRequiredRequestParameter, "new-required-request-parameter", Breaking, Parameters, "new required parameter", "the method takes one more argument", Some("new-required-request-parameter")),
    info(Rule::NewOptionalRequestParameter, "new-optional-request-parameter", Info, Parameters, "new optional parameter", "a new builder setter", Some("new-optional-request-parameter")),
    info(Rule::RequestParameterRemoved, "request-parameter-removed", Breaking, Parameters, "parameter removed", "an argument or a setter is gone", Some("request-parameter-removed")),
    info(Rule::RequestParameterBecameRequired, "request-parameter-became-required", Breaking, Parameters, "parameter became required", "a setter becomes a method argument", Some("request-parameter-became-required")),
    info(Rule::RequestParameterBecameOptional, "request-parameter-became-optional", Breaking, Parameters, "parameter became optional", "a method argument becomes a setter (oasdiff: info; for Rust callers the call no longer compiles)", Some("request-parameter-became-optional")),
    info(Rule::RequestParameterTypeChanged, "request-parameter-type-changed", Breaking, Parameters, "parameter's Rust type changed", "the argument or setter takes another type", Some("request-parameter-type-changed")),
    info(Rule::RequestParametersReordered, "request-parameters-reordered", Breaking, Parameters, "required parameters reordered", "positional arguments swap: calls may still compile and send values to the wrong parameter", None),
    info(Rule::RequestPathParameterRenamed, "request-path-parameter-renamed", Info, Parameters, "path parameter renamed", "arguments are positional; only the argument's name changes", None),
    info(Rule::RequestBodyAddedRequired, "request-body-added-required", Breaking, RequestBody, "typed request body added", "the method takes a `body` argument", Some("request-body-added-required")),
    info(Rule::RequestBodyRemoved, "request-body-removed", Breaking, RequestBody, "typed request body removed", "the `body` argument is gone", Some("request-body-removed")),
    info(Rule::RequestBodyMediaTypeChanged, "request-body-media-type-changed", Info, RequestBody, "request body media type changed", "the crate encodes the body; the caller's code is unchanged", Some("request-body-media-type-removed")),
    info(Rule::RequestBodyTypeChanged, "request-body-type-changed", Breaking, RequestBody, "request body type changed", "the `body` argument takes another type", Some("request-body-type-changed")),
    info(Rule::RequestFilePartAdded, "request-file-part-added", Breaking, RequestBody, "multipart file part added", "the method takes one more `FilePart` argument", None),
    info(Rule::RequestFilePartRemoved, "request-file-part-removed", Breaking, RequestBody, "multipart file part removed", "a `FilePart` argument is gone", None),
    info(Rule::NewRequiredRequestProperty, "new-required-request-property", Breaking, RequestBody, "new required request field", "struct literals must set it, and the server rejects requests without it", Some("new-required-request-property")),
    info(Rule::NewOptionalRequestProperty, "new-optional-request-property", Warning, RequestBody, "new optional request field", "struct literals without `..Default::default()` must name it", Some("new-optional-request-property")),
    info(Rule::RequestPropertyRemoved, "request-property-removed", Breaking, RequestBody, "request field removed", "code that sets the field stops compiling", Some("request-property-removed")),
    info(Rule::RequestPropertyBecameRequired, "request-property-became-required", Breaking, RequestBody, "request field became required", "`Option<T>` becomes `T`, and requests without it are rejected", Some("request-property-became-required")),
    info(Rule::RequestPropertyBecameOptional, "request-property-became-optional", Breaking, RequestBody, "request field became optional", "`T` becomes `Option<T>` (oasdiff: info; for Rust callers the literal no longer compiles)", Some("request-property-became-optional")),
    info(Rule::RequestPropertyBecameNullable, "request-property-became-nullable", Breaking, RequestBody, "request field became nullable", "the field's Rust type gains an `Option` layer", Some("request-property-became-nullable")),
    info(Rule::RequestPropertyBecameNotNullable, "request-property-became-not-nullable", Breaking, RequestBody, "request field no longer nullable", "the field's Rust type loses an `Option` layer, and `null` is rejected", Some("request-property-became-not-nullable")),
    info(Rule::RequestPropertyTypeChanged, "request-property-type-changed", Breaking, RequestBody, "request field's type changed", "the field takes another Rust type", Some("request-property-type-changed")),
    info(Rule::RequestPropertyEnumValueAdded, "request-property-enum-value-added", Info, RequestBody, "request enum value added", "a new variant the caller may send", Some("request-property-enum-value-added")),
    info(Rule::RequestPropertyEnumValueRemoved, "request-property-enum-value-removed", Breaking, RequestBody, "request enum value removed", "code that names the variant stops compiling", Some("request-property-enum-value-removed")),
    info(Rule::RequestPropertyOneOfAdded, "request-property-one-of-added", Info, RequestBody, "request union variant added", "a new variant the caller may send", Some("request-property-one-of-added")),
    info(Rule::RequestPropertyOneOfRemoved, "request-property-one-of-removed", Breaking, RequestBody, "request union variant removed", "code that names the variant stops compiling", Some("request-property-one-of-removed")),
    info(Rule::ResponseSuccessStatusAdded, "response-success-status-added", Info, Responses, "success status added", "any 2xx decodes as the method's return type", Some("response-success-status-added")),
    info(Rule::ResponseSuccessStatusRemoved, "response-success-status-removed", Warning, Responses, "success status removed", "the code still compiles; a caller that checks for this status will not see it", Some("response-success-status-removed")),
    info(Rule::ResponseNonSuccessStatusAdded, "response-non-success-status-added", Warning, Responses, "error status added", "the method's error enum gains a variant: a `match` on it without a wildcard arm stops compiling", Some("response-non-success-status-added")),
    info(Rule::ResponseNonSuccessStatusRemoved, "response-non-success-status-removed", Breaking, Responses, "error status removed", "the method's error enum loses the status's variant: code that names it stops compiling", Some("response-non-success-status-removed")),
    info(Rule::ResponseBodyTypeChanged, "response-body-type-changed", Breaking, Responses, "response body type changed", "the method returns (or the error decodes to) another type", Some("response-body-type-changed")),
    info(Rule::ResponseRequiredPropertyAdded, "response-required-property-added", Info, Responses, "new response field, always present", "a new field to read", Some("response-required-property-added")),
    info(Rule::ResponseOptionalPropertyAdded, "response-optional-property-added", Info, Responses, "new optional response field", "a new `Option` field to read", Some("response-optional-property-added")),
    info(Rule::ResponseRequiredPropertyRemoved, "response-required-property-removed", Breaking, Responses, "response field removed", "code that reads the field stops compiling", Some("response-required-property-removed")),
    info(Rule::ResponseOptionalPropertyRemoved, "response-optional-property-removed", Breaking, Responses, "optional response field removed", "code that reads the field stops compiling (oasdiff: warning)", Some("response-optional-property-removed")),
    info(Rule::ResponsePropertyBecameOptional, "response-property-became-optional", Breaking, Responses, "response field became optional", "`T` becomes `Option<T>`", Some("response-property-became-optional")),
    info(Rule::ResponsePropertyBecameRequired, "response-property-became-required", Breaking, Responses, "response field became required", "`Option<T>` becomes `T` (oasdiff: info; `if let Some(..)` no longer compiles)", Some("response-property-became-required")),
    info(Rule::ResponsePropertyBecameNullable, "response-property-became-nullable", Breaking, Responses, "response field became nullable", "the field's Rust type gains an `Option` layer", Some("response-property-became-nullable")),
    info(Rule::ResponsePropertyBecameNotNullable, "response-property-became-not-nullable", Breaking, Responses, "response field no longer nullable", "the field's Rust type loses an `Option` layer (oasdiff: info)", Some("response-property-became-not-nullable")),
    info(Rule::ResponsePropertyTypeChanged, "response-property-type-changed", Breaking, Responses, "response field's type changed", "the field has another Rust type", Some("response-property-type-changed")),
    info(Rule::ResponsePropertyEnumValueAdded, "response-property-enum-value-added", Warning, Responses, "response enum value added", "a `match` without a wildcard arm stops compiling", Some("response-property-enum-value-added")),
    info(Rule::ResponsePropertyEnumValueRemoved, "response-property-enum-value-removed", Breaking, Responses, "response enum value removed", "code that names the variant stops compiling (oasdiff: info)", Some("response-property-enum-value-removed")),
    info(Rule::ResponsePropertyOneOfAdded, "response-property-one-of-added", Warning, Responses, "response union variant added", "a `match` without a wildcard arm stops compiling", Some("response-property-one-of-added")),
    info(Rule::ResponsePropertyOneOfRemoved, "response-property-one-of-removed", Breaking, Responses, "response union variant removed", "code that names the variant stops compiling", Some("response-property-one-of-removed")),
    info(Rule::TypeRenamed, "type-renamed", Breaking, Types, "model type renamed", "code that names the type stops compiling: a semver break, even where only the name changed", None),
    info(Rule::TypeRemoved, "type-removed", Breaking, Types, "model type removed from the crate", "code that names the type stops compiling; reported where the type's uses did not go away with it (a generator or `api.toml` change)", None),
    info(Rule::FieldRemoved, "field-removed", Breaking, Types, "struct field removed", "code that reads or sets the field stops compiling", None),
    info(Rule::FieldRenamed, "field-renamed", Breaking, Types, "struct field has a new Rust name", "the JSON name is the same, but code that names the field stops compiling", None),
    info(Rule::FieldTypeChanged, "field-type-changed", Breaking, Types, "struct field's Rust type changed", "code that reads or sets the field stops compiling (a `[overrides.fields]` type, or a generator change)", None),
    info(Rule::VariantRemoved, "variant-removed", Breaking, Types, "enum variant removed or renamed", "code that names the variant stops compiling", None),
    info(Rule::TypeAliasRemoved, "type-alias-removed", Breaking, Types, "model type no longer an alias of the same one", "`pub type B = A` became a type of its own (or an alias of another): code that passes a `B` where an `A` is expected stops compiling", None),
    info(Rule::TypeAliasAdded, "type-alias-added", Warning, Types, "model type became an alias of another", "two types are now one: a trait the program implements for both conflicts", None),
    info(Rule::WebhookFunctionRemoved, "webhook-function-removed", Breaking, Webhooks, "webhook decode function removed or returns another type", "code that calls it, or uses what it returns, stops compiling", None),
    info(Rule::WebhookEventAdded, "webhook-event-added", Warning, Webhooks, "webhook event added", "a `match` on the event enum without a wildcard arm stops compiling", None),
    info(Rule::WebhookEventRemoved, "webhook-event-removed", Breaking, Webhooks, "webhook event removed", "code that names its variant stops compiling", None),
    info(Rule::WebhookEventChanged, "webhook-event-changed", Breaking, Webhooks, "webhook event's variant or payload type changed", "code that matches the variant or reads its payload stops compiling", None),
    info(Rule::SecuritySchemeAdded, "api-security-component-added", Info, Auth, "auth scheme added", "a new builder setter", Some("api-security-component-added")),
    info(Rule::SecuritySchemeRemoved, "api-security-component-removed", Breaking, Auth, "auth scheme removed", "its builder setter is gone", Some("api-security-component-removed")),
    info(Rule::SecuritySchemeChanged, "api-security-component-changed", Warning, Auth, "auth scheme sends the secret differently", "the setter is unchanged, but the secret it expects may differ (header, prefix or kind changed)", Some("api-security-component-type-changed")),
    info(Rule::SecuritySchemeSetterChanged, "api-security-component-setter-changed", Breaking, Auth, "auth scheme's setter takes other arguments", "the setter's arguments change (one secret, a key and a secret, or a bearer token with its `with_` method)", Some("api-security-component-type-changed")),
    info(Rule::ApiSecurityAdded, "api-security-added", Info, Auth, "credential now accepted", "calls that worked still work", Some("api-security-added")),
    info(Rule::ApiSecurityRemoved, "api-security-removed", Breaking, Auth, "credential no longer accepted", "a client configured with only that credential (or with none) gets 401s", Some("api-security-removed")),
    info(Rule::ServerAdded, "server-added", Info, Servers, "base URL added", "nothing in the crate changes for existing callers", None),
    info(Rule::ServerRemoved, "server-removed", Info, Servers, "base URL other than the default removed", "the crate only uses the default; callers that pass this URL should check it", None),
    info(Rule::DefaultServerChanged, "default-server-changed", Warning, Servers, "default base URL changed", "`DEFAULT_BASE_URL` changes: `Client::builder()` talks to another host", None),
    info(Rule::DefaultServerRemoved, "default-server-removed", Breaking, Servers, "default base URL removed", "`DEFAULT_BASE_URL` is empty: `Client::builder().build()` without `base_url` fails", None),
    info(Rule::FeatureRemoved, "feature-removed", Breaking, Features, "Cargo feature removed", "a dependency with `features = [\"...\"]` naming it no longer resolves", None),
    info(Rule::FeatureItemRemoved, "feature-item-removed", Breaking, Features, "method or model no longer compiled by a feature", "it moved to another feature or now needs one: a build with `default-features = false` and the old features loses it", None),
    info(Rule::FeatureAdded, "feature-added", Info, Features, "Cargo feature added", "on by default: builds with default features compile it, the others are unchanged", None),
];

/// Every rule, read off the table, so a new rule is listed where its row is.
const ALL: [Rule; RULES.len()] = {
    let mut out = [Rule::EndpointAdded; RULES.len()];
    let mut i = 0;
    while i < RULES.len() {
        out[i] = RULES[i].rule;
        i += 1;
    }
    out
};

impl Rule {
    /// Every rule, in table order.
    pub const ALL: &'static [Rule] = &ALL;

    pub fn id(self) -> &'static str {
        self.info().id
    }

    pub fn level(self) -> Level {
        self.info().level
    }

    /// The rule with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        RULES.iter().find(|r| r.id == id).map(|r| r.rule)
    }

    /// The rule's row of the table.
    pub fn info(self) -> RuleInfo {
        RULES[self as usize]
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
    fn row_i_of_the_table_is_the_rule_with_discriminant_i() {
        for (i, row) in RULES.iter().enumerate() {
            assert_eq!(row.rule as usize, i, "the row of {:?} is out of place", row.rule);
        }
        // The last variant has a row, so none was forgotten at the end.
        assert_eq!(RULES.len(), Rule::FeatureAdded as usize + 1);
    }
}
