//! A form field whose value is one of a closed set: ←/→ (or ↑/↓ in a list) steps through the values,
//! typing a letter jumps to the first value starting with it. The values come from the domain's own
//! lists (`Role::ALL`, `PAYMENT_METHODS`…), so the form never offers a word the workspace refuses.

/// One value a picker offers and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// What the field's value becomes: what the workspace is given.
    pub value: String,
    /// What the investigator sees; for an enum word, the word itself.
    pub shown: String,
}

impl Choice {
    pub fn word(word: impl Into<String>) -> Choice {
        let word = word.into();
        Choice { shown: word.clone(), value: word }
    }

    /// The empty value of an optional field.
    pub fn none() -> Choice {
        Choice { value: String::new(), shown: NONE.into() }
    }
}

/// How the empty value of an optional picker is shown.
pub const NONE: &str = "(none)";

/// A picker's values and which one is chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub choices: Vec<Choice>,
    pub selected: usize,
    /// Drawn as a list with every choice on its own row (evidence to link), not as `‹ value ›`.
    pub list: bool,
}

impl Pick {
    /// A picker over `choices`, on the one whose value is `current` (compared case-insensitively). A
    /// current value that is not among the choices (a record written by an older vetdesk) is kept as
    /// an extra choice, so opening and saving a form never changes what was not touched.
    pub fn new(mut choices: Vec<Choice>, current: &str) -> Pick {
        let current = current.trim();
        let selected = match choices.iter().position(|c| c.value.eq_ignore_ascii_case(current)) {
            Some(i) => i,
            None if current.is_empty() || choices.is_empty() => 0,
            None => {
                choices.push(Choice::word(current));
                choices.len() - 1
            }
        };
        Pick { choices, selected, list: false }
    }

    pub fn value(&self) -> &str {
        self.choices.get(self.selected).map_or("", |c| c.value.as_str())
    }

    pub fn shown(&self) -> &str {
        self.choices.get(self.selected).map_or("", |c| c.shown.as_str())
    }

    /// Steps forward (`true`) or back, wrapping round.
    pub fn step(&mut self, forward: bool) {
        let n = self.choices.len();
        if n > 0 {
            self.selected = if forward { (self.selected + 1) % n } else { (self.selected + n - 1) % n };
        }
    }

    /// Moves to the first choice starting with `letter`; when the chosen one already starts with it, to
    /// the next one that does, so pressing the letter again walks through them. `false` when none does.
    pub fn jump(&mut self, letter: char) -> bool {
        let starts = |c: &Choice| initials(&c.shown).any(|f| f.to_lowercase().eq(letter.to_lowercase()));
        let n = self.choices.len();
        let from = if self.choices.get(self.selected).is_some_and(starts) { self.selected + 1 } else { 0 };
        let found = (0..n).map(|i| (from + i) % n).find(|&i| starts(&self.choices[i]));
        if let Some(i) = found {
            self.selected = i;
        }
        found.is_some()
    }

    /// Chooses the value `text` names (its value or how it is shown, in any case).
    pub fn choose(&mut self, text: &str) -> bool {
        let text = text.trim();
        let found =
            self.choices.iter().position(|c| c.value.eq_ignore_ascii_case(text) || c.shown.eq_ignore_ascii_case(text));
        if let Some(i) = found {
            self.selected = i;
        }
        found.is_some()
    }

    /// Goes back to the empty value, if the field has one.
    pub fn clear(&mut self) -> bool {
        self.choose("")
    }

    /// The values, for a message naming what the field takes.
    pub fn words(&self) -> String {
        self.choices.iter().map(|c| c.shown.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// The characters a letter typed on a picker matches: the first of what is shown, or for a record
/// shown `#12 Jordan Lee`, the first of its id and of its name.
fn initials(shown: &str) -> impl Iterator<Item = char> + '_ {
    let (id, name) = match shown.strip_prefix('#') {
        Some(rest) => rest.split_once(' ').unwrap_or((rest, "")),
        None => ("", shown),
    };
    id.chars().next().into_iter().chain(name.chars().next())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> Pick {
        let words = crate::domain::IdentifierKind::ALL.iter().map(|k| Choice::word(k.as_str())).collect();
        Pick::new(words, "email")
    }

    #[test]
    fn arrows_wrap_and_letters_jump_to_the_first_match_then_walk_through_the_others() {
        let mut p = kinds();
        assert_eq!(p.value(), "email");
        p.step(false);
        assert_eq!(p.value(), "document-number", "back from the first wraps to the last");
        p.step(true);
        assert!(p.jump('P'));
        assert_eq!(p.value(), "phone");
        assert!(p.jump('d'));
        assert_eq!(p.value(), "device-serial");
        assert!(p.jump('d'));
        assert_eq!(p.value(), "document-number", "the same letter again goes to the next match");
        assert!(p.jump('d'));
        assert_eq!(p.value(), "device-serial", "and round");
        assert!(!p.jump('z'));
        assert_eq!(p.value(), "device-serial", "no match leaves the choice alone");
    }

    #[test]
    fn an_unknown_current_value_is_kept_and_an_optional_field_clears() {
        let p = Pick::new(vec![Choice::word("wire"), Choice::word("ach")], "Telegraph");
        assert_eq!(p.value(), "Telegraph");
        assert_eq!(p.choices.len(), 3);
        let mut p = Pick::new(vec![Choice::none(), Choice::word("yes"), Choice::word("no")], "YES");
        assert_eq!((p.value(), p.shown()), ("yes", "yes"));
        assert!(p.clear());
        assert_eq!((p.value(), p.shown()), ("", NONE));
        assert!(p.choose("No"));
        assert_eq!(p.value(), "no");
        assert!(!p.choose("maybe"));
    }

    #[test]
    fn a_record_is_jumped_to_by_its_name_or_its_id() {
        let record = |id: i64, name: &str| Choice { value: id.to_string(), shown: format!("#{id} {name}") };
        let mut p = Pick::new(vec![Choice::none(), record(1, "Jordan Lee"), record(12, "Laptop Host LLC")], "");
        assert!(p.jump('l'));
        assert_eq!(p.value(), "12");
        assert!(p.jump('1'));
        assert_eq!(p.value(), "1");
        assert!(p.jump('1'));
        assert_eq!(p.value(), "12");
        assert!(!p.jump('#'));
    }
}
