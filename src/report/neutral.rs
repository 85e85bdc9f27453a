//! Neutral words for what vetdesk drafts: the workspace's internal case numbers never reach a reader
//! outside it, and a note written by an accepted suggestion says what it was in plain words.

/// Which case numbers the narrative may put in words: the case summarized, and the numbers the workspace
/// has given out (1 to the largest); any other "case #N" is some other numbering (a court docket, a
/// ticket) and is kept as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct CaseNumbers {
    pub this: i64,
    pub last: i64,
}

/// Keeps the workspace's internals out of the narrative: "case #12" (and "case #12, #15") becomes
/// "another case file held by the complainant" ("2 other case files …"), the case summarized "this case
/// file", and the prefix of a note written by an accepted suggestion says what it was in words a reader
/// outside vetdesk understands. A number that is not one of the workspace's ("case #2026-0457", "case
/// #12A", a number past the last case) is no reference to a case file and is left as written.
pub(super) fn neutral(text: &str, numbers: CaseNumbers) -> String {
    let text = text.replace("Suggested by vetdesk: ", "Matched in the complainant's records: ");
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut search = 0;
    while let Some((start, end, named)) = next_case_number(&lower, search) {
        search = end;
        let Some(words) = in_words(&named, numbers) else { continue };
        out.push_str(&text[at..start]);
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

/// The case numbers `named` in words, or `None` when one of them is not the workspace's.
fn in_words(named: &[Option<i64>], numbers: CaseNumbers) -> Option<String> {
    let mut others = std::collections::BTreeSet::new();
    let mut this = false;
    for n in named {
        match *n {
            Some(n) if n == numbers.this => this = true,
            Some(n) if (1..=numbers.last).contains(&n) => {
                others.insert(n);
            }
            _ => return None,
        }
    }
    let others = match others.len() {
        0 => None,
        1 => Some("another case file held by the complainant".to_string()),
        n => Some(format!("{n} other case files held by the complainant")),
    };
    Some(match (this, others) {
        (true, None) => "this case file".to_string(),
        (true, Some(others)) => format!("this case file and {others}"),
        (false, Some(others)) => others,
        (false, None) => return None,
    })
}

/// The next "case #N" or "cases #N" from `from` in `lower`, with any ", #M" / " and #M" after it: its
/// byte span and the numbers it names, each `None` when it runs on into something no case number is
/// ("#2026-0457", "#12A", "#3.5").
fn next_case_number(lower: &str, from: usize) -> Option<(usize, usize, Vec<Option<i64>>)> {
    let bytes = lower.as_bytes();
    let digits = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    // The number at `i` (its digits counted already), unless the token goes on past them.
    let number = |i: usize, len: usize| {
        let next = bytes.get(i + len).copied();
        let after = bytes.get(i + len + 1).copied();
        let runs_on = match next {
            Some(b) if b.is_ascii_alphanumeric() || b == b'_' => true,
            Some(b'-' | b'/' | b'.' | b':') => after.is_some_and(|a| a.is_ascii_alphanumeric()),
            _ => false,
        };
        if runs_on { None } else { lower[i..i + len].parse::<i64>().ok() }
    };
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
            let len = digits(i + 1);
            let mut named = vec![number(i + 1, len)];
            let mut end = i + 1 + len;
            loop {
                let rest = &lower[end..];
                let skip =
                    [", #", " and #", ", case #", ", and #"].iter().find(|p| rest.starts_with(*p)).map(|p| p.len());
                match skip {
                    Some(skip) if digits(end + skip) > 0 => {
                        let len = digits(end + skip);
                        named.push(number(end + skip, len));
                        end += skip + len;
                    }
                    _ => break,
                }
            }
            return Some((start, end, named));
        }
        search = start + 4;
    }
    None
}
