//! The organization's and the filer's phones as the form's phone fields take them: their international
//! numbers' digits, and what the summary says before filing about one that does not read as a number.

use crate::domain::Organization;
use crate::{Result, Workspace};

/// The organization's details, its phone numbers as their international numbers where they read as valid
/// numbers under the workspace's rules (the form takes digits: "+44 (0)20 7946 0000" is 442079460000, not
/// 4402079460000); one that does not keeps what was typed.
pub(super) fn org_for_form(ws: &Workspace) -> Result<(Organization, Vec<OrgPhoneProblem>)> {
    let mut org = ws.organization()?;
    let rules = ws.rules()?;
    let mut problems = Vec::new();
    for (field, phone) in [("phone", &mut org.phone), ("filer_phone", &mut org.filer_phone)] {
        if phone.trim().is_empty() {
            continue;
        }
        let typed = phone.trim().to_string();
        match crate::domain::IdentifierKind::Phone.check_with(phone, &rules) {
            // A national number with no country known is the digits the form takes too.
            Ok(checked) if checked.warning.is_none() => {
                if let Some(extension) = crate::domain::identifier::phone_extension(&typed) {
                    let problem =
                        format!("the form's phone field takes the number's digits: {extension:?} is left out");
                    problems.push(OrgPhoneProblem { field, typed, problem, invalid: false });
                }
                *phone = checked.normalized;
            }
            checked => {
                let why = match checked {
                    Ok(c) => c.warning.unwrap_or_default(),
                    Err(e) => e.to_string(),
                };
                let problem = format!(
                    "it does not read as a phone number ({why}), so it is shown as typed: the form takes the \
                     number's digits with its country code"
                );
                problems.push(OrgPhoneProblem { field, typed, problem, invalid: true });
            }
        }
    }
    Ok((org, problems))
}

/// An organization or filer phone the form's phone field does not take as typed.
#[derive(Debug, Clone)]
pub(crate) struct OrgPhoneProblem {
    /// `phone` or `filer_phone`.
    pub field: &'static str,
    pub typed: String,
    pub problem: String,
    /// Whether it is not a phone number at all (then the field shows it as typed, not digits cut from it).
    pub invalid: bool,
}
