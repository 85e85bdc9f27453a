//! Completing a file path typed in a form, as a shell does.

use std::path::Path;

/// Completes `input` as a file path: to the one match, or to the longest common start of several,
/// which are returned for display (at most 20).
pub fn complete_path(input: &str) -> (String, Vec<String>) {
    let expanded = match input.strip_prefix("~/") {
        Some(rest) => std::env::var("HOME").map(|h| format!("{h}/{rest}")).unwrap_or_else(|_| input.to_string()),
        None => input.to_string(),
    };
    let (dir, prefix) = match expanded.rfind('/') {
        Some(i) => (&expanded[..=i], &expanded[i + 1..]),
        None => ("", expanded.as_str()),
    };
    let read_from = if dir.is_empty() { Path::new(".") } else { Path::new(dir) };
    let Ok(entries) = std::fs::read_dir(read_from) else { return (input.to_string(), Vec::new()) };
    let mut matches: Vec<(String, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
            (name.starts_with(prefix) && (prefix.starts_with('.') || !name.starts_with('.'))).then_some((name, is_dir))
        })
        .collect();
    matches.sort();
    match matches.as_slice() {
        [] => (input.to_string(), Vec::new()),
        [(name, is_dir)] => (format!("{dir}{name}{}", if *is_dir { "/" } else { "" }), Vec::new()),
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
            (format!("{dir}{}", &first[..common]), shown)
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
        let (done, choices) = complete_path(&format!("{base}ré"));
        assert_eq!(done, format!("{base}résumés/"));
        assert!(choices.is_empty());
        let (done, choices) = complete_path(&format!("{base}int"));
        assert_eq!(done, format!("{base}interview-"));
        assert_eq!(choices, ["interview-1.mp4", "interview-2.mp4"]);
        assert_eq!(complete_path("/no/such/dir/x").0, "/no/such/dir/x");
    }
}
