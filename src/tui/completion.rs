//! Completing a file path typed in a form, as a shell does.

use std::path::Path;

/// A name in a folder, and whether it is a folder.
type Entry = (String, bool);

/// Completes `input` as a file path: to the one match, or to the longest common start of several,
/// which are returned for display (at most 20). A name holding a control character is never completed
/// (a form takes no control character, typed or pasted); how many were left out is the third part.
pub fn complete_path(input: &str) -> (String, Vec<String>, usize) {
    let expanded = match input.strip_prefix("~/") {
        Some(rest) => std::env::var("HOME").map(|h| format!("{h}/{rest}")).unwrap_or_else(|_| input.to_string()),
        None => input.to_string(),
    };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(i) => (&expanded[..=i], &expanded[i + 1..]),
        None => ("", expanded.as_str()),
    };
    let read_from = if dir.is_empty() { Path::new(".") } else { Path::new(dir) };
    let Ok(entries) = std::fs::read_dir(read_from) else { return (input.to_string(), Vec::new(), 0) };
    let (mut matches, controlled): (Vec<Entry>, Vec<Entry>) = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            (name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.'))).then_some((name, is_dir))
        })
        .partition(|(name, _)| !name.chars().any(char::is_control));
    let skipped = controlled.len();
    matches.sort();
    match matches.as_slice() {
        [] => (input.to_string(), Vec::new(), skipped),
        [(name, is_dir)] => (format!("{dir}{name}{}", if *is_dir { "/" } else { "" }), Vec::new(), skipped),
        many => {
            let first = &many[0].0;
            let common = many.iter().fold(first.len(), |n, (m, _)| {
                first
                    .chars()
                    .zip(m.chars())
                    .take_while(|(a, b)| a == b)
                    .map(|(a, _)| a.len_utf8())
                    .sum::<usize>()
                    .min(n)
            });
            let shown = many.iter().take(20).map(|(m, d)| format!("{m}{}", if *d { "/" } else { "" })).collect();
            (format!("{dir}{}", &first[..common]), shown, skipped)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_completion_completes_one_match_and_the_common_start_of_several() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("interview-1.mp4"), b"").unwrap();
        std::fs::write(dir.path().join("interview-2.mp4"), b"").unwrap();
        std::fs::create_dir(dir.path().join("résumés")).unwrap();
        let base = format!("{}/", dir.path().display());
        let (done, choices, _) = complete_path(&format!("{base}ré"));
        assert_eq!(done, format!("{base}résumés/"));
        assert!(choices.is_empty());
        let (done, choices, _) = complete_path(&format!("{base}int"));
        assert_eq!(done, format!("{base}interview-"));
        assert_eq!(choices, ["interview-1.mp4", "interview-2.mp4"]);
        assert_eq!(complete_path("/no/such/dir/x").0, "/no/such/dir/x");
        // A name with a control character (an escape, a line break) is left out, and counted.
        std::fs::write(dir.path().join("interview-\u{1b}[31mx.mp4"), b"").unwrap();
        let (done, choices, skipped) = complete_path(&format!("{base}interview-2"));
        assert_eq!((done, choices, skipped), (format!("{base}interview-2.mp4"), Vec::new(), 0));
        let (_, choices, skipped) = complete_path(&format!("{base}int"));
        assert_eq!((choices.len(), skipped), (2, 1));
    }
}
