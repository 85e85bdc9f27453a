//! Neutral words for what vetdesk drafts: the workspace's internal case numbers never reach a reader
//! outside it, and a note written by an accepted suggestion says what it was in plain words.

/// Keeps the workspace's internals out of the narrative: "case #12" (and "case #12, #15") becomes
/// "another case file held by the complainant" ("2 other case files …"), and the prefix of a note written
/// by an accepted suggestion says what it was in words a reader outside vetdesk understands.
pub(super) fn neutral(text: &str) -> String {
    let text = text.replace("Suggested by vetdesk: ", "Matched in the complainant's records: ");
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = next_case_number(&lower, at) {
        let (start, end, count) = found;
        out.push_str(&text[at..start]);
        let words = if count == 1 {
            "another case file held by the complainant".to_string()
        } else {
            format!("{count} other case files held by the complainant")
        };
        // "Case #4 showed…" starts a sentence, and so does its replacement.
        let before = text[..start].trim_end_matches([' ', '\t']);
        if before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']) {
            out.push_str(&(words[..1].to_uppercase() + &words[1..]));
        } else {
            out.push_str(&words);
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// The next "case #N" or "cases #N" from `from` in `lower`, with any ", #M" / " and #M" after it: its
/// byte span and how many numbers it names.
fn next_case_number(lower: &str, from: usize) -> Option<(usize, usize, usize)> {
    let bytes = lower.as_bytes();
    let digits = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut search = from;
    while let Some(rel) = lower[search..].find("case") {
        let start = search + rel;
        let mut i = start + 4;
        if bytes.get(i) == Some(&b's') {
            i += 1;
        }
        if bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        let word_start = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if word_start && bytes.get(i) == Some(&b'#') && digits(i + 1) > 0 {
            let mut end = i + 1 + digits(i + 1);
            let mut count = 1;
            loop {
                let rest = &lower[end..];
                let skip =
                    [", #", " and #", ", case #", ", and #"].iter().find(|p| rest.starts_with(*p)).map(|p| p.len());
                match skip {
                    Some(len) if digits(end + len) > 0 => {
                        end += len + digits(end + len);
                        count += 1;
                    }
                    _ => break,
                }
            }
            return Some((start, end, count));
        }
        search = start + 4;
    }
    None
}
