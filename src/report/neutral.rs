//! Neutral words for what vetdesk drafts: the workspace's internal case numbers never reach a reader
//! outside it, and a note written by an accepted suggestion says what it was in plain words.

/// Which case numbers the narrative may put in words: the case summarized, and the numbers the workspace
/// has given out (1 to the largest); any other "case #N" is some other numbering (a court docket, a
/// ticket) and is kept as written.
#[derive(Debug, Clone, Copy)]
pub(super) struct CaseNumbers {
    pub this: i64,
    pub last: i64,
    /// Whose numbering: the complainant's workspace, or (for a text written before a case was handed
    /// over) the workspace it came from, whose case files the complainant does not hold.
    pub origin: bool,
}

/// Keeps the workspace's internals out of the narrative: "case #12" (and "case #12, #15", "cases #12 and
/// #15", "case # 12") becomes "another case file held by the complainant" ("2 other case files …"), a
/// range ("cases #12-#15", "#12 to #15") "other case files held by the complainant", the case summarized
/// "this case file", a possessive ("case #12's account") "another case file's account"; and the prefix
/// of a note written by an accepted suggestion says what it was in words a reader outside vetdesk
/// understands. A number that is not one of the workspace's ("case #2026-0457", "case #12A", a number past
/// the last case) is no reference to a case file and is left as written, and so is any other way of
/// writing one ("case no. 12").
/// Where a note written by an accepted suggestion quotes a reference list's label: after "on list NAME
/// (KIND): " up to the end of that reason (the next "; ", or the end of the line).
fn list_labels(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    for (at, found) in text.match_indices(" on list ") {
        let after = at + found.len();
        let Some(colon) = text[after..].find("): ") else { continue };
        let start = after + colon + "): ".len();
        let line_end = text[start..].find('\n').map_or(text.len(), |e| start + e);
        let end = text[start..line_end].find("; ").map_or(line_end, |e| start + e);
        out.push(start..end);
    }
    out
}

pub(super) fn neutral(text: &str, numbers: CaseNumbers) -> String {
    let text = text.replace("Suggested by vetdesk: ", "Found in the complainant's records: ");
    let lower = text.to_ascii_lowercase();
    let quoted = list_labels(&text);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut search = 0;
    while let Some(found) = next_case_number(&lower, search, numbers) {
        search = found.end;
        // A reference list's label is quoted as its list wrote it: its "case #3" is the list maker's.
        if quoted.iter().any(|r| r.contains(&found.start)) {
            continue;
        }
        let possessive = ["'s", "\u{2019}s"].into_iter().find(|p| text[found.end..].starts_with(p));
        // A possessive after a run is its last number's.
        let words = match found.split_last().filter(|_| possessive.is_some()) {
            Some((head, tail)) => {
                in_words(&head, numbers, false).zip(in_words(&tail, numbers, true)).map(|(head_words, tail_words)| {
                    // The words between, without a "case" the words for the last number say again.
                    let between = &text[head.end..tail.start];
                    let cut =
                        if between.to_ascii_lowercase().ends_with("case ") { between.len() - 5 } else { between.len() };
                    format!("{head_words}{}{tail_words}", &between[..cut])
                })
            }
            None => in_words(&found, numbers, possessive.is_some()),
        };
        let Some(words) = words else { continue };
        out.push_str(&text[at..found.start]);
        // "Case #4 showed…" starts a sentence, and so does its replacement.
        let before = text[..found.start].trim_end_matches([' ', '\t']);
        if before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n']) {
            out.push_str(&(words[..1].to_uppercase() + &words[1..]));
        } else {
            out.push_str(&words);
        }
        at = found.end + possessive.map_or(0, str::len);
    }
    out.push_str(&text[at..]);
    out
}

/// A run of case numbers in a text: its byte span, the numbers it names (each `None` when it runs on
/// into something no case number is: "#2026-0457", "#12A", "#3.5"), and after which of them a range
/// starts ("#2-#5": after the first).
struct Found {
    start: usize,
    end: usize,
    named: Vec<Option<i64>>,
    range_after: Vec<bool>,
    /// For each number after the first: where the words joining it to the one before start, and where
    /// its `#` is.
    joins: Vec<(usize, usize)>,
}

impl Found {
    /// The run without its last number, and that number alone: "cases #4-#6 and #7's account" is #7's
    /// account, not the four cases'. `None` for a run of one, or one ending in a range.
    fn split_last(&self) -> Option<(Found, Found)> {
        let (&(join, hash), joins) = self.joins.split_last()?;
        let (&last_is_range, ranges) = self.range_after.split_last()?;
        if last_is_range {
            return None;
        }
        let (&last, named) = self.named.split_last()?;
        let head = Found {
            start: self.start,
            end: join,
            named: named.to_vec(),
            range_after: ranges.to_vec(),
            joins: joins.to_vec(),
        };
        let tail = Found { start: hash, end: self.end, named: vec![last], range_after: vec![], joins: vec![] };
        Some((head, tail))
    }
}

/// The case numbers `found` in words (with `possessive`, as a possessive: "another case file's"), or
/// `None` when one of them is not the workspace's.
fn in_words(found: &Found, numbers: CaseNumbers, possessive: bool) -> Option<String> {
    let ours = |n: &Option<i64>| n.filter(|n| (1..=numbers.last).contains(n));
    let mut named: Vec<i64> = Vec::new();
    for (i, n) in found.named.iter().enumerate() {
        let n = ours(n)?;
        // A range names every case between its ends; one too wide to count is left as written.
        match (i.checked_sub(1).and_then(|p| found.range_after.get(p)), named.last()) {
            (Some(true), Some(&from)) if n > from && n - from <= 10_000 => named.extend(from + 1..=n),
            // Written from the higher end ("#4-#2"), the same cases; from a number to itself, that one.
            (Some(true), Some(&from)) if n < from && from - n <= 10_000 => named.extend(n..from),
            (Some(true), Some(&from)) if n == from => {}
            (Some(true), _) => return None,
            _ => named.push(n),
        }
    }
    let this = named.contains(&numbers.this);
    let others: std::collections::BTreeSet<i64> = named.into_iter().filter(|&n| n != numbers.this).collect();
    let held = match (possessive, numbers.origin) {
        (true, _) => "",
        (false, false) => " held by the complainant",
        (false, true) => " held in another workspace",
    };
    let (one, many) = if possessive { ("'s", "'") } else { ("", "") };
    let others = match others.len() {
        0 => None,
        1 => Some(format!("another case file{held}{one}")),
        n => Some(format!("{n} other case files{held}{many}")),
    };
    Some(match (this, others) {
        (true, None) => format!("this case file{one}"),
        (true, Some(others)) => format!("this case file and {others}"),
        (false, Some(others)) => others,
        (false, None) => return None,
    })
}

/// The next "case #N" or "cases #N" from `from` in `lower`, with any ", #M" / " and #M" (or a range's
/// "-#M", " to #M") after it.
fn next_case_number(lower: &str, from: usize, numbers: CaseNumbers) -> Option<Found> {
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
        // "#12", or "# 12" with one space.
        let first = match (bytes.get(i), bytes.get(i + 1)) {
            (Some(b'#'), Some(b' ')) if digits(i + 2) > 0 => Some(i + 2),
            (Some(b'#'), _) if digits(i + 1) > 0 => Some(i + 1),
            _ => None,
        };
        if let (true, Some(first)) = (word_start, first) {
            let len = digits(first);
            let head = number(first, len);
            let mut found = Found { start, end: first + len, named: vec![head], range_after: vec![], joins: vec![] };
            // A first number not of the workspace is left as written, and what follows it is read anew.
            let ours = head.is_some_and(|n| (1..=numbers.last).contains(&n));
            loop {
                let rest = &lower[found.end..];
                if !ours {
                    break;
                }
                let list = [", #", " and #", ", case #", ", and #", " and case #"];
                let range = ["-#", "\u{2013}#", " - #", " \u{2013} #", " to #", " through #"];
                let (skip, is_range) = match list.iter().find(|p| rest.starts_with(*p)) {
                    Some(p) => (p.len(), false),
                    None => match range.iter().find(|p| rest.starts_with(*p)) {
                        Some(p) => (p.len(), true),
                        None => break,
                    },
                };
                let len = digits(found.end + skip);
                let next = number(found.end + skip, len);
                // The run goes on only through numbers of the workspace: "case #4, case #12" with no case
                // 12 puts #4 in words and leaves "case #12" as written. A range to such a number ("#2-#99")
                // is left whole as written: half of it in words would read "… complainant-#99".
                if len == 0 || next.is_none_or(|n| !(1..=numbers.last).contains(&n)) {
                    if is_range && len > 0 {
                        found.named.push(None);
                        found.range_after.push(true);
                        found.joins.push((found.end, found.end + skip - 1));
                        found.end += skip + len;
                    }
                    break;
                }
                found.named.push(next);
                found.range_after.push(is_range);
                found.joins.push((found.end, found.end + skip - 1));
                found.end += skip + len;
            }
            return Some(found);
        }
        search = start + 4;
    }
    None
}

impl super::load::CaseData {
    /// A text of the case as an export shares it with another organization: its case numbers in words, as
    /// the summary's narrative has them. (The values of references left out are withheld from it before,
    /// by [`super::load::CaseData::withhold_left_out_values`].)
    pub(crate) fn shared_text(&self, text: &str, which: super::load::Text<'_>) -> String {
        neutral(&self.as_written(text, which), self.case_numbers())
    }
}
