//! The workstation's own words for errors the workspace raises with a way past them: the library's
//! message names the command line's flag (`--keep-invalid`, `--reason`), the workstation names the
//! field to fill or the key to press.

use crate::{Error, Remedy};

/// `e` as the workstation says it.
pub fn error(e: &Error) -> String {
    match e {
        Error::Refused { problem, remedy } => format!("{problem}{}", remedy_text(remedy)),
        Error::UnknownCode(code) => {
            // Items is the one field where a code is typed (the evidence form): the focus goes there.
            format!("unknown checklist code {code:?} in Items: the codes are on the Red flags and Due diligence tabs")
        }
        other => other.to_string(),
    }
}

fn remedy_text(remedy: &Remedy) -> String {
    match remedy {
        Remedy::KeepInvalid => "; to record it as typed, set Keep if invalid to yes".into(),
        Remedy::AsIdentifier { field, kind } => format!(
            "; if that is what was given, leave {field} empty here and add it as a {kind} identifier with Keep \
             if invalid set to yes"
        ),
        Remedy::Reason => ": write it under Why".into(),
        Remedy::Disposition => ": pick cleared, confirmed or inconclusive under Disposition".into(),
        Remedy::UnvoidEvidence(_) => "; restore it first (d on the Evidence tab)".into(),
        Remedy::Unvoid(..) => "; restore it first (d on its line)".into(),
        Remedy::VerifyEvidence(_) => "; v on the Evidence tab re-checks it".into(),
        Remedy::TrustSigner(_) => "; check its fingerprint with the sender, then trust it when importing".into(),
        Remedy::NoteOnIdentifier(_) => ". Add where else it appeared to that one's note (e on its line)".into(),
        Remedy::ClearSubject => ": void each one that goes with the subject (d on its line) or move it to the \
                                 subject it belongs to (e on its line, Subject), then void the subject; nothing was written"
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_remedy_names_a_command_line_flag() {
        let remedies = [
            Remedy::KeepInvalid,
            Remedy::AsIdentifier { field: "Routing number", kind: "routing-number" },
            Remedy::Reason,
            Remedy::Disposition,
            Remedy::UnvoidEvidence(3),
            Remedy::Unvoid("ident", 2),
            Remedy::VerifyEvidence(1),
            Remedy::TrustSigner("SHA256:x".into()),
            Remedy::NoteOnIdentifier(4),
            Remedy::ClearSubject,
        ];
        for remedy in remedies {
            let e = Error::Refused { problem: "refused".into(), remedy: remedy.clone() };
            assert!(e.to_string().contains("--") || e.to_string().contains("`vetdesk"), "the CLI's: {e}");
            let said = error(&e);
            assert!(!said.contains("--") && !said.contains("vetdesk"), "{said}");
        }
        let said = error(&Error::UnknownCode("RF-XX-99".into()));
        assert!(!said.contains("vetdesk catalog"), "{said}");
    }
}
