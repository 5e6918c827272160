//! Nullability read from prose: "or nil if unset", "May be null", "False or nil by default",
//! and blanket statements ("the following attributes, each of which can take the value null
//! if unset") that cover every field the description documents after them.
//!
//! Prose is weaker evidence than examples and schemas, but a nullable field only accepts more,
//! so the prose is followed, on response bodies only: it tells what the server may send, and a
//! request type that suddenly sends `null` would be a change the prose does not ask for.

use super::build::{Builder, Role, Root};
use super::prose::ProseField;
use crate::model::{Decision, DecisionKind, Ty, TypeKind};

/// Words that say a value may be `null`, matched as whole words, case-insensitively.
const NULL_WORDS: &[&str] = &["null", "nil", "nullable"];

/// Words that, shortly before a null word, deny it ("never null", "cannot be nil").
const NEGATIONS: &[&str] = &["not", "never", "non", "cannot", "can't", "won't", "isn't", "mustn't", "no"];

/// The sentence of `text` that says the value may be null, if one does.
pub fn null_cue(text: &str) -> Option<String> {
    if !may_say_null(text) {
        return None;
    }
    sentences(text).find(|s| says_null(s)).map(str::to_string)
}

/// False where no sentence of `text` can say null: every null word holds `nil` or `nul`, and
/// most descriptions hold neither, so the sentences need not be split and lowered.
fn may_say_null(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w.eq_ignore_ascii_case(b"nil") || w.eq_ignore_ascii_case(b"nul"))
}

/// A sentence that says every field documented after it may be null: a null word and a
/// quantifier over fields ("each of which", "all attributes", "every field").
pub fn blanket(text: &str) -> Option<String> {
    const WHICH: &[&str] = &["each of which", "all of which", "any of which", "each of them", "all of them", "any of them"];
    const NOUNS: &[&str] = &["attribute", "field", "propert", "key", "value", "member"];
    if !may_say_null(text) {
        return None;
    }
    sentences(text)
        .find(|s| {
            let lower = s.to_ascii_lowercase();
            let quantified = WHICH.iter().any(|w| lower.contains(w))
                || ["all ", "every ", "each ", "any "].iter().any(|q| {
                    lower.match_indices(q).any(|(i, _)| {
                        let after: String = lower[i + q.len()..].chars().take(24).collect();
                        NOUNS.iter().any(|n| after.contains(n))
                    })
                });
            quantified && says_null(s)
        })
        .map(str::to_string)
}

/// Sentences, split at `. `, `; ` and line ends; a dot inside a word (`settings.id`) stays.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['\n', ';']).flat_map(|l| l.split(". ")).map(str::trim).filter(|s| !s.is_empty())
}

fn says_null(sentence: &str) -> bool {
    let lower = sentence.to_ascii_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '_')).filter(|w| !w.is_empty()).collect();
    words.iter().enumerate().any(|(i, w)| {
        let w = w.trim_matches('\'');
        // "null" in `__isnull` or `null_value` is a name, not the word.
        NULL_WORDS.contains(&w) && !words[i.saturating_sub(3)..i].iter().any(|p| NEGATIONS.contains(&p.trim_matches('\'')))
    })
}

impl Builder<'_> {
    /// Makes nullable the response fields whose prose says they may be null.
    pub(super) fn apply_prose_nullable(&mut self, roots: &[Root], tys: &[Option<Ty>]) {
        for (root, ty) in roots.iter().zip(tys) {
            let Some(ty) = ty.as_ref().filter(|_| root.role == Role::Response) else { continue };
            for entry in root.prose.iter().filter(|e| e.nullable.is_some() && !e.loose) {
                for target in self.targets(ty, entry) {
                    self.make_nullable(entry, target.ty, target.field);
                }
            }
        }
    }

    fn make_nullable(&mut self, entry: &ProseField, ty: crate::model::TypeId, index: usize) {
        let type_name = self.types.get(ty).name.clone();
        let TypeKind::Struct(fields) = &mut self.types.defs[ty.0].kind else { return };
        let field = &mut fields[index];
        // `Value` holds null already; the manifest's word is final.
        let key = format!("{type_name}.{}", field.name);
        if field.nullable || field.ty == Ty::Json || self.overrides.field(&key).is_some_and(|o| o.nullable.is_some()) {
            return;
        }
        field.nullable = true;
        let said = entry.nullable.as_deref().unwrap_or_default().trim_end_matches([':', '.']);
        let said: String = if said.chars().count() > 120 { format!("{}…", said.chars().take(120).collect::<String>()) } else { said.to_string() };
        self.decisions.push(Decision {
            kind: DecisionKind::Nullable,
            subject: key.clone(),
            detail: format!("the prose says it may be null (\"{said}\") though no example shows null; `[overrides.fields.\"{key}\"] nullable = false` undoes it"),
            evidence: entry.origin.iter().cloned().collect(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_words_in_a_field_doc_are_cues() {
        assert!(null_cue("A URL to the client company's logo, or nil if unset.").is_some());
        assert!(null_cue("False or nil by default, which indicates branding is shown.").is_some());
        assert!(null_cue("How many users. May be null or 99999999 for unlimited.").unwrap().starts_with("May be null"));
        assert!(null_cue("Default nil. Set to a comma-separated list.").is_some());
        assert!(null_cue("These must both be set at once, or both be unset to null at once.").is_some());
    }

    #[test]
    fn denied_or_embedded_null_words_are_not_cues() {
        assert_eq!(null_cue("This is never null."), None);
        assert_eq!(null_cue("Must not be nil; always set."), None);
        assert_eq!(null_cue("Filter with ProfileImageS3Url__isnull=true."), None);
        assert_eq!(null_cue("If none match, you will receive an empty list."), None);
        assert_eq!(null_cue("The nullification date."), None);
    }

    #[test]
    fn blanket_statements_need_a_quantifier_over_fields() {
        assert!(blanket("For each client, the list has an object with the following attributes, each of which can take the value null if unset:").is_some());
        assert!(blanket("All fields of the response may be null.").is_some());
        assert!(blanket("Every attribute is nullable.").is_some());
        assert_eq!(blanket("A URL to the logo, or nil if unset."), None);
        assert_eq!(blanket("All fields are required and never null."), None);
        assert!(blanket("ALL FIELDS MAY BE NULL.").is_some() && null_cue("Or NIL if unset.").is_some(), "any case");
        assert!(!may_say_null("All fields are required.") && may_say_null("nullable") && may_say_null("NiL"));
    }
}
