//! Numbers the examples show only as integers but whose name says they hold money or a
//! ratio (`MonthlyRate`, `SetupFee`, `avg_percent_watched`): a price of 9.99 must decode.
//!
//! They become `f64`, not a decimal type: serde_json reads every JSON number into `f64`
//! unless its `arbitrary_precision` feature is on, which would change how every number of
//! the user's program is parsed; `f64` holds every value these APIs send to 15 significant
//! digits, and it is what a user reaches for. A declared `type: integer` keeps `i64`, and
//! `[overrides.fields]` can set `type = "integer"` back.

/// Words that say a value may have a fraction wherever they stand in the name.
const ANYWHERE: &[&str] = &["amount", "price", "percent", "percentage", "ratio", "avg", "average"];
/// Words that say so as the last word of the name (`rate_limit` is a count).
const LAST: &[&str] = &["rate", "fee", "fees", "cost", "balance", "revenue", "tax", "discount", "subtotal"];

/// Whether the field named last in `subject` (`Plan.MonthlyRate`) holds money or a ratio.
pub fn holds_fractions(subject: &str) -> bool {
    let field = subject.rsplit('.').next().unwrap_or(subject);
    let words: Vec<String> = heck::ToSnakeCase::to_snake_case(field).split('_').filter(|w| !w.is_empty()).map(str::to_string).collect();
    words.iter().any(|w| ANYWHERE.contains(&w.as_str())) || words.last().is_some_and(|w| LAST.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::holds_fractions;

    #[test]
    fn money_and_ratios_are_told_from_counts() {
        for yes in ["Plan.MonthlyRate", "Plan.SetupFee", "Share.avg_percent_watched", "Stats.play_rate", "Deal.Amount", "Order.total_price"] {
            assert!(holds_fractions(yes), "{yes}");
        }
        for no in ["Limits.rate_limit", "Plan.TrialPeriodDays", "Page.total", "Share.plays", "Amounts"] {
            assert!(!holds_fractions(no), "{no}");
        }
    }
}
