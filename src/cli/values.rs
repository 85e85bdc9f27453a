//! Value parsers for arguments that take one of a fixed set of words: clap then lists the words in
//! `--help` and offers them in shell completions, while the type's own `FromStr` still reads the value.

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};

/// A parser for one of `words`, each possibly with aliases, read by `T`'s `FromStr`.
pub fn one_of<T>(words: impl IntoIterator<Item = PossibleValue>) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr + Clone + Send + Sync + 'static,
    T::Err: std::fmt::Display,
{
    PossibleValuesParser::new(words).try_map(|s: String| s.parse::<T>().map_err(|e| e.to_string()))
}

/// [`one_of`] the words of a domain type made by `word_enum!` (its `ALL`, each `as_str`).
macro_rules! words {
    ($t:ty) => {
        $crate::cli::values::one_of::<$t>(<$t>::ALL.iter().map(|v| clap::builder::PossibleValue::new(v.as_str())))
    };
}
pub(crate) use words;

/// [`one_of`] the report formats, with the short names a file's extension uses.
pub fn formats() -> impl TypedValueParser<Value = crate::report::Format> {
    one_of([
        PossibleValue::new("markdown").alias("md"),
        PossibleValue::new("text").alias("txt"),
        PossibleValue::new("json"),
    ])
}

/// [`one_of`] the payment methods (`payment add --method`), as the payment's own check names them.
pub fn methods() -> impl TypedValueParser<Value = String> {
    one_of(crate::domain::PAYMENT_METHODS.iter().map(|m| PossibleValue::new(*m)))
}

/// A hire stage given on the command line (`subject add|edit --stage`), or `none`, which clears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stage(pub Option<crate::domain::HireStage>);

/// [`one_of`] the hire stages and `none`.
pub fn stages() -> impl TypedValueParser<Value = Stage> {
    use crate::domain::HireStage;
    let words = HireStage::ALL.iter().map(|v| PossibleValue::new(v.as_str())).chain([PossibleValue::new("none")]);
    PossibleValuesParser::new(words).try_map(|s: String| match s.as_str() {
        "none" => Ok(Stage(None)),
        word => word.parse::<HireStage>().map(|h| Stage(Some(h))).map_err(|e| e.to_string()),
    })
}

/// The subject an identifier or payment is tied to, as `--subject` gives it: a subject's number, or
/// `none` to tie it to no subject (a value of the case as a whole, or one first tied to the wrong person).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubjectRef(pub Option<i64>);

/// Reads a [`SubjectRef`].
pub fn subject_ref(s: &str) -> Result<SubjectRef, String> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("none") {
        return Ok(SubjectRef(None));
    }
    s.parse().map(|id| SubjectRef(Some(id))).map_err(|_| "expected a subject's number, or none for no subject".into())
}
