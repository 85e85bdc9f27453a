//! Paged lists on the command line. Every paged list command (`case list`, `search`, `note list`, `note
//! search`, `audit log`, `links --all`, `roster screen`) says where its page stands the same way: on
//! standard error as one line (`showing 51-100 of 240 clusters; 140 more: --offset 100`), and in `--json`
//! as the same fields around its rows (see [`Place`]).

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use super::output::tell;
use crate::workspace::MORE_CAP;

/// The `--limit` every paged list takes: 1 to 100,000 rows a page (0 would be a page that says nothing).
pub fn page_size() -> clap::builder::RangedI64ValueParser<u32> {
    clap::value_parser!(u32).range(1..=100_000)
}

/// The cases a list reads from its `--archived` and `--all` flags: archived cases only, every case, or
/// (neither given) every case but the archived ones.
pub fn cases(archived: bool, all: bool) -> crate::store::cases::ArchivedCases {
    use crate::store::cases::ArchivedCases;
    match (archived, all) {
        (true, _) => ArchivedCases::Only,
        (_, true) => ArchivedCases::Included,
        _ => ArchivedCases::Hidden,
    }
}

/// A page of `all`: `limit` items from `offset`, and how many come after them.
pub fn slice<T>(all: &[T], limit: u32, offset: u32) -> (&[T], u64) {
    let start = (offset as usize).min(all.len());
    let end = start.saturating_add(limit as usize).min(all.len());
    (&all[start..end], (all.len() - end) as u64)
}

/// Where a page stands in its list. In `--json`, beside the rows:
/// - `total`: how many the whole list holds, or null when the command does not count them (a search stops
///   at the page; a page read from a cursor counts only what follows);
/// - `offset`: the rows skipped before this page (after the cursor, when one was given);
/// - `more`: how many come after this page; when `more_exact` is false, at least that many (a count that
///   stops at 1,000, or a search that looked one row ahead);
/// - `next`: the option that reads the next page, such as `{"offset": 100}`, `{"after": "…"}` or
///   `{"before": 812}`; null on the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub total: Option<u64>,
    pub offset: u32,
    pub more: u64,
    pub more_exact: bool,
    pub next: Option<Next>,
    /// The rows of this page (not written: the rows are).
    #[serde(skip)]
    pub shown: usize,
}

/// The option that reads the page after this one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Next {
    /// `--offset N`: the number of the page's last row.
    Offset(u64),
    /// `--after CURSOR`: the page's last row as a cursor of its order.
    After(String),
    /// `--before ID`: the page's last row's id, for lists newest first.
    Before(i64),
}

impl Place {
    /// A page of a list read by offset: `shown` rows from `offset`, `more` after them (exact), of `total`
    /// when known.
    pub fn by_offset(total: Option<u64>, offset: u32, shown: usize, more: u64) -> Place {
        let next = (more > 0 && shown > 0).then(|| Next::Offset(u64::from(offset) + shown as u64));
        Place { total, offset, more, more_exact: true, next, shown }
    }

    /// A page of a list read by cursor; `next` is the page's last row as the cursor, given only when more
    /// follow. Without a total, `more` was counted up to [`MORE_CAP`].
    pub fn by_cursor(total: Option<u64>, offset: u32, shown: usize, more: u64, last: Option<Next>) -> Place {
        let next = if more > 0 { last } else { None };
        let more_exact = total.is_some() || more < u64::from(MORE_CAP);
        Place { total, offset, more, more_exact, next, shown }
    }

    /// A page read with one row of look-ahead: whether more follow is known, not how many.
    pub fn looked_ahead(offset: u32, shown: usize, more: bool) -> Place {
        Place { more_exact: !more, ..Place::by_offset(None, offset, shown, u64::from(more)) }
    }

    /// A whole list given at once.
    pub fn whole(shown: usize) -> Place {
        Place::by_offset(Some(shown as u64), 0, shown, 0)
    }

    /// The line standard error gets when more follow: `showing 51-100 of 240 clusters; 140 more: --offset
    /// 100`; without a total, `showing 1-50 cases; at least 1 more: --offset 50`; after a cursor, `1000+ more: --before
    /// 812`.
    pub fn line(&self, what: &str) -> Option<String> {
        let next = self.next.as_ref()?;
        let more = match (self.more_exact, self.more) {
            (true, n) => format!("{n} more"),
            (false, n) if n >= u64::from(MORE_CAP) => format!("{MORE_CAP}+ more"),
            (false, n) => format!("at least {} more", n.max(1)),
        };
        let option = match next {
            Next::Offset(n) => format!("--offset {n}"),
            Next::After(cursor) => format!("--after {cursor}"),
            Next::Before(id) => format!("--before {id}"),
        };
        let (first, last) = (u64::from(self.offset) + 1, u64::from(self.offset) + self.shown as u64);
        Some(match (self.total, next) {
            (Some(total), _) => format!("showing {first}-{last} of {total} {what}; {more}: {option}"),
            (None, Next::Offset(_)) => format!("showing {first}-{last} {what}; {more}: {option}"),
            (None, _) => format!("{more}: {option}"),
        })
    }

    /// For an empty page, says on standard error why: `no more notes` past the list's start (`past_start`:
    /// an offset or a cursor was given), else `none`, the list being empty; `true` when it did.
    pub fn told_empty(&self, past_start: bool, what: &str, none: &str) -> bool {
        if self.shown > 0 {
            return false;
        }
        if past_start {
            tell!("no more {what}");
        } else {
            tell!("{none}");
        }
        true
    }

    /// [`Place::line`] on standard error, when more follow.
    pub fn tell(&self, what: &str) {
        if let Some(line) = self.line(what) {
            tell!("{line}");
        }
    }
}

/// A page as `--json` gives it: the command's own fields first (`extra`, such as the query), then the
/// [`Place`]'s, then the rows under `key`.
pub struct Paged<'a, R> {
    pub extra: &'a [(&'static str, serde_json::Value)],
    pub place: &'a Place,
    pub key: &'static str,
    pub rows: R,
}

impl<R: Serialize> Serialize for Paged<'_, R> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (name, value) in self.extra {
            map.serialize_entry(name, value)?;
        }
        map.serialize_entry("total", &self.place.total)?;
        map.serialize_entry("offset", &self.place.offset)?;
        map.serialize_entry("more", &self.place.more)?;
        map.serialize_entry("more_exact", &self.place.more_exact)?;
        map.serialize_entry("next", &self.place.next)?;
        map.serialize_entry(self.key, &self.rows)?;
        map.end()
    }
}

/// Writes a page as `--json` gives it (see [`Paged`]).
pub fn json<R: Serialize>(
    extra: &[(&'static str, serde_json::Value)],
    place: &Place,
    key: &'static str,
    rows: R,
) -> super::Outcome {
    super::output::json(&Paged { extra, place, key, rows })
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

    #[test]
    fn the_line_names_the_rows_shown_and_the_option_for_the_next_page() {
        let counted = Place::by_offset(Some(240), 50, 50, 140);
        assert_eq!(counted.line("clusters").as_deref(), Some("showing 51-100 of 240 clusters; 140 more: --offset 100"));
        let searched = Place::looked_ahead(0, 50, true);
        assert_eq!(searched.line("cases").as_deref(), Some("showing 1-50 cases; at least 1 more: --offset 50"));
        let capped = Place::by_cursor(None, 0, 50, 1000, Some(Next::Before(812)));
        assert_eq!(capped.line("rows").as_deref(), Some("1000+ more: --before 812"));
        assert_eq!(
            Place::by_cursor(None, 0, 50, 3, Some(Next::Before(812))).line("rows").as_deref(),
            Some("3 more: --before 812")
        );
        for last in [Place::by_offset(Some(100), 50, 50, 0), Place::looked_ahead(0, 7, false), Place::whole(9)] {
            assert_eq!((last.line("rows"), last.next), (None, None));
        }
    }

    #[test]
    fn json_gives_the_place_then_the_rows() {
        let place = Place::by_cursor(Some(7), 0, 2, 5, Some(Next::After("risk:3,9".into())));
        let page = Paged { extra: &[("query", "camera".into())], place: &place, key: "cases", rows: [1, 2] };
        let text = serde_json::to_string(&page).unwrap();
        assert_eq!(
            text,
            r#"{"query":"camera","total":7,"offset":0,"more":5,"more_exact":true,"next":{"after":"risk:3,9"},"cases":[1,2]}"#
        );
        let last = Place::looked_ahead(50, 3, false);
        let text = serde_json::to_string(&Paged { extra: &[], place: &last, key: "cases", rows: [0; 0] }).unwrap();
        assert_eq!(text, r#"{"total":null,"offset":50,"more":0,"more_exact":true,"next":null,"cases":[]}"#);
    }
}
