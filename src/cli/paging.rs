//! `--limit` and `--offset` for the list commands whose whole result is worked out at once (clusters of
//! linked cases, roster hits) or read in rank order (search): the page is a slice of it, and the command
//! says how many more there are and how to ask for them.

use super::output::tell;

/// A page of `all`: `limit` items from `offset`, and how many come after them.
pub fn slice<T>(all: &[T], limit: u32, offset: u32) -> (&[T], u64) {
    let start = (offset as usize).min(all.len());
    let end = start.saturating_add(limit as usize).min(all.len());
    (&all[start..end], (all.len() - end) as u64)
}

/// On standard error, when a page leaves some out: `showing 51-100 of 240 clusters; 140 more: --offset 100`
/// (`of` left out when the total is not known).
pub fn tell_more(what: &str, offset: u32, shown: usize, total: Option<u64>, more: u64) {
    if more == 0 || shown == 0 {
        return;
    }
    // The next page starts after the last shown, so its offset is the last one's number.
    let (first, last) = (u64::from(offset) + 1, u64::from(offset) + shown as u64);
    match total {
        Some(total) => tell!("showing {first}-{last} of {total} {what}; {more} more: --offset {last}"),
        None => tell!("showing {first}-{last} {what}; more: --offset {last}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_a_slice_and_counts_what_follows() {
        let all: Vec<u32> = (1..=10).collect();
        assert_eq!(slice(&all, 3, 0), (&all[0..3], 7));
        assert_eq!(slice(&all, 3, 8), (&all[8..10], 0));
        assert_eq!(slice(&all, 3, 20), (&all[10..10], 0));
        assert_eq!(slice(&all, u32::MAX, 2), (&all[2..10], 0));
    }
}
