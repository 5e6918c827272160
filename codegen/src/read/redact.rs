//! Credentials in the inputs never reach the output. API documents ship real tokens in their
//! examples (a JWT in a saved response, `Authorization: bearer eyJ…` in a request, a
//! `password` in a body); every emitted file (docs, README, `openapi.json`, the report) is
//! built from the [`Source`] a reader returns, so this one pass over it, right after reading
//! and before any other stage looks, covers them all.
//!
//! Two rules: a string shaped like a credential anywhere (a JWT, a long `Bearer`/`Basic`
//! token, `api_key=…`, a password in a URL) has that part replaced; and the whole string value
//! of anything named like a secret (a field, header, parameter or form field such as
//! `password`, `access_token`, `client_secret`, `X-Api-Key`, `Authorization`, `Cookie`) is
//! replaced, keeping a leading scheme word (`Basic REDACTED`). Templates such as
//! `{{api-key}}` or `<token>` are not secrets and stay. Only strings change, so an example
//! keeps its shape and still decodes into the same type; each replacement is a report line.

use crate::both::both;
use crate::diag::{Diagnostic, Error};
use crate::model::{AuthHint, Body, Decision, DecisionKind, ExampleBody, Origin, Schema, SchemaKind, Source, SourceOperation};
use regex::{Captures, Regex};
use serde_json::Value;
use std::fmt::Display;
use std::sync::LazyLock;

mod prefilter;

/// What a secret is replaced by: a plain word, so Markdown, rustdoc and JSON keep it as it is.
pub const PLACEHOLDER: &str = "REDACTED";

/// Credential shapes inside any text, with the group that is the secret: JWTs, whole or cut
/// short (`eyJ` is base64 for `{"`), long tokens after an auth scheme or after `api_key=` or
/// `password:`, and passwords in URLs. The middle two need a digit in the token, so prose
/// ("Basic authentication", "token: required") is left alone.
struct Shape {
    re: Regex,
    secret: usize,
    needs_digit: bool,
    /// A match that starts with this is no credential (`https://mailto:me@example.com`).
    unless: Option<&'static str>,
    what: &'static str,
}

static SHAPES: LazyLock<[Shape; 4]> = LazyLock::new(|| {
    let re = |s: &str| Regex::new(s).expect("a valid built-in pattern");
    [
        Shape { re: re(r"eyJ[A-Za-z0-9_-]{16,}(?:\.[A-Za-z0-9_-]*){0,2}"), secret: 0, needs_digit: false, unless: None, what: "a JWT" },
        Shape { re: re(r"(?i)\b(?:bearer|basic|token)\s+([A-Za-z0-9._~+/-]{16,}=*)"), secret: 1, needs_digit: true, unless: None, what: "a token after an auth scheme" },
        Shape {
            re: re(r#"(?i)\b(?:api[_-]?key|apikey|access[_-]?token|secret|password|passwd)["']?\s*[:=]\s*["']?([A-Za-z0-9._~+/-]{8,}=*)"#),
            secret: 1,
            needs_digit: true,
            unless: None,
            what: "a value after a secret's name",
        },
        Shape { re: re(r"://[^/\s:@]+:([^/\s@]+)@"), secret: 1, needs_digit: false, unless: Some("://mailto:"), what: "a password in a URL" },
    ]
});

/// `"name": "value"` pairs in text that is JSON-like but was not parsed (raw bodies).
static JSON_PAIR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#""([^"\\]{1,80})"(\s*:\s*)"((?:[^"\\]|\\.)*)""#).expect("a valid built-in pattern"));

/// Templates: `{{var}}`, `<var>`, `${var}`.
static TEMPLATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{\{[^}]*\}\}|<[^>]*>|\$\{[^}]*\}").expect("a valid built-in pattern"));

/// True for names that say their value is a secret: the last word of `access_token`,
/// `NewPassword`, `X-Api-Key`, `Set-Cookie`, or a pair such as `private_key`.
pub fn is_secret_name(name: &str) -> bool {
    if !prefilter::may_be_secret_name(name) {
        return false;
    }
    let snake = crate::name::snake_words(name);
    let words: Vec<&str> = snake.split('_').filter(|w| !w.is_empty()).collect();
    let last = words.last().copied().unwrap_or("");
    let before = words.len().checked_sub(2).map(|i| words[i]).unwrap_or("");
    matches!(last, "password" | "passwd" | "passphrase" | "secret" | "token" | "authorization" | "cookie" | "credential" | "credentials" | "apikey" | "jwt")
        || (last == "key" && matches!(before, "api" | "private" | "secret" | "access" | "signing"))
}

/// True when the value holds no secret: empty, masks (`•••`, `***`), or templates with at
/// most a scheme word before them (`Basic {{key}}`, `Outseta {{key}}:{{secret}}`, `<token>`).
fn is_placeholder(value: &str) -> bool {
    let rest = TEMPLATE.replace_all(value, "");
    let mut words = rest.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    match (words.next(), words.next()) {
        (None, _) => true,
        (Some(word), None) => rest.len() < value.len() && word.chars().all(char::is_alphabetic) && value.trim_start().starts_with(word),
        _ => false,
    }
}

/// Redacts `source` in place and records where, as decisions for the report. The schemas and
/// the first half of the operations on a second thread (the pass was 27 ms on GitHub's
/// description, the examples' values most of it), the decisions in the order of one pass.
/// `Err` only if that thread panicked: the source is then not fully searched.
pub fn source(source: &mut Source) -> Result<(), Error> {
    let mut r = Redactor { found: Vec::new() };
    let file = source.file.clone();
    let top = Origin::new(file, "");
    for text in [&mut source.title, &mut source.description].into_iter().flatten() {
        r.text(text, &top, "the description");
    }
    for scheme in &mut source.auth {
        if let Some(d) = &mut scheme.description {
            r.text(d, &top, &format!("auth scheme {}", scheme.name));
        }
    }
    for server in &mut source.servers {
        r.text(server, &top, "a server URL");
    }
    let (schemas, webhooks) = (&mut source.schemas, &mut source.webhooks);
    let half = source.operations.len() / 2;
    let (front, back) = source.operations.split_at_mut(half);
    let first = || {
        let mut r = Redactor { found: Vec::new() };
        for schema in schemas.values_mut() {
            r.schema(schema, None);
        }
        front.iter_mut().for_each(|op| r.operation(op));
        r.found
    };
    // Webhooks and callbacks are read as operations, and searched the same way.
    let second = || {
        let mut r = Redactor { found: Vec::new() };
        back.iter_mut().chain(webhooks.iter_mut().map(|w| &mut w.operation)).for_each(|op| r.operation(op));
        r.found
    };
    let (first, second) = both("redact", first, second);
    let first = first.ok_or_else(|| Error::at(&top, None, "internal error: the search for credentials panicked"))?;
    source.decisions.extend(r.found.into_iter().chain(first).chain(second));
    Ok(())
}

/// Warnings a reader wrote may quote the input (a URL with `?api_key=…`): the same shapes go
/// from their messages, and each is recorded like any other redaction.
pub fn diagnostics(items: &mut [Diagnostic], decisions: &mut Vec<Decision>) {
    let mut r = Redactor { found: Vec::new() };
    for d in items {
        r.text(&mut d.message, &d.origin, "a warning about the input");
    }
    decisions.extend(r.found);
}

struct Redactor {
    found: Vec<Decision>,
}

/// What a schema's redactions are reported under: `schema of {key}`, or `a schema`. Written
/// out only for a redaction, not for each of the tens of thousands of schemas searched.
struct SchemaSubject<'a>(Option<&'a str>);

impl Display for SchemaSubject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(k) => write!(f, "schema of {k}"),
            None => f.write_str("a schema"),
        }
    }
}

/// A response's status in a subject: its code, or `default`.
struct Status(Option<u16>);

impl Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(code) => write!(f, "{code}"),
            None => f.write_str("default"),
        }
    }
}

impl Redactor {
    fn record<S: Display + ?Sized>(&mut self, origin: &Origin, subject: &S, what: &str) {
        self.found.push(Decision {
            kind: DecisionKind::Redacted,
            subject: subject.to_string(),
            detail: format!("{what} replaced by `{PLACEHOLDER}`"),
            evidence: vec![origin.clone()],
        });
    }

    /// Free text: each credential shape in it is replaced.
    fn text<S: Display + ?Sized>(&mut self, text: &mut String, origin: &Origin, subject: &S) {
        let mut may = prefilter::candidates(text);
        for (i, shape) in SHAPES.iter().enumerate() {
            if may & (1 << i) == 0 || !shape.re.is_match(text) {
                continue;
            }
            let mut hit = false;
            let replaced = shape.re.replace_all(text, |c: &Captures| {
                let (whole, secret) = (&c[0], c.get(shape.secret).map_or("", |m| m.as_str()));
                let kept = shape.unless.is_some_and(|u| whole.to_ascii_lowercase().starts_with(u));
                if kept || secret == PLACEHOLDER || is_placeholder(secret) || (shape.needs_digit && !secret.contains(|c: char| c.is_ascii_digit())) {
                    return whole.to_string();
                }
                hit = true;
                let at = c.get(shape.secret).map_or(0, |m| m.start()) - c.get(0).map_or(0, |m| m.start());
                format!("{}{PLACEHOLDER}{}", &whole[..at], &whole[at + secret.len()..])
            });
            if hit {
                *text = replaced.into_owned();
                self.record(origin, subject, shape.what);
                may = prefilter::candidates(text);
            }
        }
        if may & prefilter::JSON_PAIRS != 0 {
            self.json_pairs(text, origin, subject);
        }
    }

    /// Raw JSON-like text that was not parsed: `"password": "…"` pairs.
    fn json_pairs<S: Display + ?Sized>(&mut self, text: &mut String, origin: &Origin, subject: &S) {
        if !JSON_PAIR.is_match(text) {
            return;
        }
        let mut hits = Vec::new();
        let replaced = JSON_PAIR.replace_all(text, |c: &Captures| {
            if holds_secret(&c[3], &c[1]) {
                hits.push(c[1].to_string());
                format!("\"{}\"{}\"{}\"", &c[1], &c[2], keep_scheme(&c[3], &c[1]))
            } else {
                c[0].to_string()
            }
        });
        if !hits.is_empty() {
            *text = replaced.into_owned();
            for key in hits {
                self.record(origin, &format!("{subject} field {key}"), "the value of a name that holds a secret");
            }
        }
    }

    /// A value named like a secret is replaced whole; else it is free text.
    fn named<S: Display + ?Sized>(&mut self, value: &mut String, name: &str, origin: &Origin, subject: &S) {
        if holds_secret(value, name) {
            *value = keep_scheme(value, name);
            self.record(origin, subject, "the value of a name that holds a secret");
        } else {
            self.text(value, origin, subject);
        }
    }

    /// JSON: strings under a secret's name are replaced, every other string is free text.
    fn value<S: Display + ?Sized>(&mut self, value: &mut Value, key: Option<&str>, origin: &Origin, subject: &S) {
        match value {
            Value::String(s) => match key {
                Some(k) if holds_secret(s, k) => self.named(s, k, origin, &format!("{subject} field {k}")),
                _ => self.text(s, origin, subject),
            },
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v, key, origin, subject)),
            Value::Object(map) => map.iter_mut().for_each(|(k, v)| self.value(v, Some(k), origin, subject)),
            _ => {}
        }
    }

    /// One operation: its prose, parameters, auth header, bodies and responses.
    fn operation(&mut self, op: &mut SourceOperation) {
        let subject = format!("{} {}", op.method.as_str(), op.path.to_openapi());
        for text in [&mut op.name, &mut op.description].into_iter().flatten() {
            self.text(text, &op.origin, &subject);
        }
        // The subjects are written out only for a redaction (`format_args!`), not for each of
        // the tens of thousands of texts searched.
        for p in &mut op.params {
            if let Some(d) = &mut p.description {
                self.text(d, &p.origin, &format_args!("{subject} parameter {}", p.name));
            }
            let key = Some(p.name.as_str());
            for v in &mut p.examples {
                self.value(v, key, &p.origin, &format_args!("{subject} parameter"));
            }
            if let Some(s) = &mut p.schema {
                self.schema(s, key);
            }
        }
        if let Some(AuthHint::Header { name, value }) = &mut op.auth {
            let what = format!("{subject} header {name}");
            self.named(value, name, &op.origin, &what);
        }
        for body in &mut op.request {
            self.body(body, &format_args!("{subject} request"));
        }
        for resp in &mut op.responses {
            let status = Status(resp.status);
            if let Some(d) = &mut resp.description {
                self.text(d, &resp.origin, &format_args!("{subject} response {status}"));
            }
            if let Some(b) = &mut resp.body {
                self.body(b, &format_args!("{subject} response {status}"));
            }
        }
    }

    fn schema(&mut self, schema: &mut Schema, key: Option<&str>) {
        let subject = SchemaSubject(key);
        for text in [&mut schema.title, &mut schema.description].into_iter().flatten() {
            self.text(text, &schema.origin, &subject);
        }
        for v in [&mut schema.example, &mut schema.default].into_iter().flatten() {
            self.value(v, key, &schema.origin, &subject);
        }
        match &mut schema.kind {
            SchemaKind::Array(items) => self.schema(items, key),
            SchemaKind::Object { properties, additional, .. } => {
                for (name, prop) in properties.iter_mut() {
                    self.schema(prop, Some(name));
                }
                if let Some(a) = additional {
                    self.schema(a, None);
                }
            }
            SchemaKind::OneOf(parts) | SchemaKind::AllOf(parts) => parts.iter_mut().for_each(|p| self.schema(p, key)),
            _ => {}
        }
    }

    fn body<S: Display + ?Sized>(&mut self, body: &mut Body, subject: &S) {
        if let Some(d) = &mut body.description {
            self.text(d, &body.origin, subject);
        }
        if let Some(s) = &mut body.schema {
            self.schema(s, None);
        }
        for ex in &mut body.examples {
            match &mut ex.body {
                ExampleBody::Json(v) => self.value(v, None, &ex.origin, subject),
                ExampleBody::Text(t) | ExampleBody::InvalidJson { raw: t, .. } => self.text(t, &ex.origin, subject),
            }
        }
        for field in &mut body.form_fields {
            if let Some(d) = &mut field.description {
                self.text(d, &body.origin, &format_args!("{subject} form field {}", field.name));
            }
            if let Some(s) = &mut field.schema {
                self.schema(s, Some(&field.name));
            }
            if let Some(v) = &mut field.example {
                self.value(v, Some(&field.name), &body.origin, &format_args!("{subject} form field"));
            }
        }
    }
}

/// A string under `name` that is a real secret, not a template or one already replaced.
fn holds_secret(value: &str, name: &str) -> bool {
    is_secret_name(name) && value != PLACEHOLDER && !is_placeholder(value)
}

/// `PLACEHOLDER`, after the value's auth scheme if it has one (`Basic REDACTED`): any first
/// word of an `Authorization` value, else only the standard schemes.
fn keep_scheme(value: &str, name: &str) -> String {
    let header = name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization");
    match value.trim().split_once(char::is_whitespace) {
        Some((scheme, _)) if scheme.chars().all(char::is_alphabetic) && (header || matches!(scheme.to_ascii_lowercase().as_str(), "basic" | "bearer" | "token" | "digest")) => {
            format!("{scheme} {PLACEHOLDER}")
        }
        _ => PLACEHOLDER.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Example, Method, PathTemplate, SourceOperation};
    use serde_json::json;

    const JWT: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1bmlxdWVfbmFtZSI6ImEifQ.C13Q5lYW_BOBFLYwiVZX";

    fn redacted_text(text: &str) -> (String, usize) {
        let mut r = Redactor { found: Vec::new() };
        let mut t = text.to_string();
        r.text(&mut t, &Origin::new("f.json", "/x"), "s");
        (t, r.found.len())
    }

    #[test]
    fn names_that_hold_secrets() {
        for name in ["password", "NewPassword", "temporaryPassword", "access_token", "CustomerToken", "client_secret", "X-Api-Key", "apiKey", "api_key", "Authorization", "Set-Cookie", "private_key"] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in ["token_type", "PasswordMustChange", "key", "monkey", "name", "author", "tokens_used", "api_version"] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn templates_and_masks_are_not_secrets() {
        for v in ["", "{{crankwheel-api-key}}", "Basic {{key}}", "Outseta {{apiKey}}:{{apiKeySecret}}", "<token>", "•••••••", "***", "${TOKEN}"] {
            assert!(is_placeholder(v), "{v}");
        }
        for v in ["test", "woof woof", "Basic dXNlcjpwYXNz", "cust_xxxxxxxx", "{{a}} hunter2"] {
            assert!(!is_placeholder(v), "{v}");
        }
    }

    #[test]
    fn credential_shapes_in_prose_are_replaced_and_the_rest_kept() {
        assert_eq!(redacted_text(&format!("Example:\n\nbearer {JWT}\n")), ("Example:\n\nbearer REDACTED\n".to_string(), 1));
        assert_eq!(redacted_text(&format!("<p>{}</p>", &JWT[..40])).0, "<p>REDACTED</p>", "a JWT cut short");
        assert_eq!(redacted_text("Authorization: Bearer 9f8e7d6c5b4a39281706f5e4").0, "Authorization: Bearer REDACTED");
        assert_eq!(redacted_text("call with ?api_key=ab12cd34ef56 appended").0, "call with ?api_key=REDACTED appended");
        assert_eq!(redacted_text("https://admin:s3cret@example.com/api").0, "https://admin:REDACTED@example.com/api");
        assert_eq!(redacted_text("[mail us](https://mailto:help@example.com)").1, 0);
        for prose in ["Use Basic authentication with your key.", "The bearer token from /tokens.", "Authorization: Basic {{api-key}}", "password: at least eight characters"] {
            assert_eq!(redacted_text(prose), (prose.to_string(), 0), "{prose}");
        }
    }

    #[test]
    fn a_schema_redaction_is_reported_under_its_field() {
        let mut schema = Schema { description: Some(format!("Send bearer {JWT}")), origin: Origin::new("f.json", "/s"), ..Default::default() };
        let mut r = Redactor { found: Vec::new() };
        r.schema(&mut schema, Some("auth"));
        r.schema(&mut Schema { example: Some(json!(format!("token {JWT}"))), ..Default::default() }, None);
        let subjects: Vec<&str> = r.found.iter().map(|d| d.subject.as_str()).collect();
        assert_eq!(subjects, ["schema of auth", "a schema"]);
    }

    #[test]
    fn warnings_that_quote_the_input_lose_its_credentials() {
        let origin = Origin::new("c.json", "/item/0/request/url");
        let mut items = vec![Diagnostic { level: crate::diag::Level::Warning, origin: origin.clone(), line: None, message: "the URL `/x?api_key=ab12cd34ef56` has no host".into() }];
        let mut decisions = Vec::new();
        diagnostics(&mut items, &mut decisions);
        assert_eq!(items[0].message, "the URL `/x?api_key=REDACTED` has no host");
        assert_eq!(decisions.len(), 1);
        assert_eq!(decisions[0].evidence, vec![origin]);
    }

    #[test]
    fn raw_bodies_lose_secret_fields_and_keep_the_rest() {
        let (text, n) = redacted_text("{\n  \"Username\": \"ann\",\n  \"Password\": \"hunter2\",\n  \"token_type\": \"bearer\"\n}");
        assert_eq!(text, "{\n  \"Username\": \"ann\",\n  \"Password\": \"REDACTED\",\n  \"token_type\": \"bearer\"\n}");
        assert_eq!(n, 1);
    }

    #[test]
    fn a_source_keeps_its_shapes_and_reports_each_redaction_without_the_secret() {
        let origin = Origin::new("api.json", "/item/0/response/0/body");
        let example = json!({"access_token": JWT, "token_type": "bearer", "expires_in": 3600, "user": {"NewPassword": "tester", "name": "Ann"}});
        let mut op = SourceOperation {
            method: Method::Post,
            path: PathTemplate::default(),
            name: None,
            operation_id: None,
            description: Some(format!("Send `Authorization: bearer {JWT}`.")),
            tags: Vec::new(),
            params: Vec::new(),
            request: Vec::new(),
            responses: Vec::new(),
            auth: Some(AuthHint::Header { name: "Authorization".into(), value: "Basic dXNlcjpwYXNzd29yZA==".into() }),
            server: None,
            deprecated: false,
            origin: origin.clone(),
        };
        op.responses.push(crate::model::Response {
            status: Some(200),
            description: None,
            body: Some(Body {
                content_type: "application/json".into(),
                kind: crate::model::BodyKind::Json,
                schema: None,
                examples: vec![Example { name: None, body: ExampleBody::Json(example), origin: origin.clone() }],
                form_fields: Vec::new(),
                description: None,
                origin: origin.clone(),
            }),
            media: Vec::new(),
            headers: Vec::new(),
            origin: origin.clone(),
        });
        let mut src = Source { file: "api.json".into(), operations: vec![op], ..Default::default() };
        source(&mut src).expect("no panic");
        let op = &src.operations[0];
        assert_eq!(op.description.as_deref(), Some("Send `Authorization: bearer REDACTED`."));
        assert_eq!(op.auth, Some(AuthHint::Header { name: "Authorization".into(), value: "Basic REDACTED".into() }));
        let ExampleBody::Json(v) = &op.responses[0].body.as_ref().unwrap().examples[0].body else { panic!("not JSON") };
        assert_eq!(v, &json!({"access_token": "REDACTED", "token_type": "bearer", "expires_in": 3600, "user": {"NewPassword": "REDACTED", "name": "Ann"}}));
        assert_eq!(src.decisions.len(), 4, "{:#?}", src.decisions);
        assert!(src.decisions.iter().all(|d| d.kind == DecisionKind::Redacted && d.evidence == vec![origin.clone()]));
        let report = format!("{:?}", src.decisions);
        assert!(!report.contains("eyJ") && !report.contains("tester") && !report.contains("dXNlc"), "{report}");
        assert!(report.contains("field access_token") && report.contains("field NewPassword"), "{report}");
    }
}
