//! The summary's chronology: what it tells of the case's status changes, in the order they were recorded.

use super::*;
use crate::domain::{CaseStatus, Disposition};

fn day(d: u32) -> Clock {
    let t = chrono::DateTime::parse_from_rfc3339(&format!("2025-03-{d:02}T12:00:00Z")).unwrap();
    Clock::Fixed(t.with_timezone(&chrono::Utc))
}

/// The chronology's lines, without their dashes.
fn lines(ws: &Workspace, case: i64) -> Vec<String> {
    let d = build(ws, case, &Options::default()).unwrap().description.value;
    d.lines().filter_map(|l| l.strip_prefix("- ")).map(str::to_string).collect()
}

#[test]
fn a_report_status_set_back_is_told_with_when_it_was_set_back() {
    let (mut ws, case) = workspace();
    ws.set_clock(day(11));
    ws.set_status(case, CaseStatus::Reported, None).unwrap();
    ws.set_clock(day(12));
    ws.set_status(case, CaseStatus::Investigating, None).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    let told = "2025-03-11: the complainant marked the matter as reported, then on 2025-03-12 set its status to investigating.";
    assert!(s.description.value.contains(told), "{}", s.description.value);
    // Reported again and then closed: closing is a step on, not a step back.
    ws.set_clock(day(13));
    ws.set_status(case, CaseStatus::Reported, None).unwrap();
    ws.set_clock(day(14));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Confirmed)).unwrap();
    let s = build(&ws, case, &Options::default()).unwrap();
    assert!(s.description.value.contains(told), "{}", s.description.value);
    assert!(
        s.description.value.contains("2025-03-13: the complainant marked the matter as reported.\n"),
        "{}",
        s.description.value
    );
    // Opened again after it was closed: said, with the status it was given.
    ws.set_clock(day(15));
    ws.set_status(case, CaseStatus::Open, None).unwrap();
    let d = build(&ws, case, &Options::default()).unwrap().description.value;
    assert!(
        d.contains(
            "2025-03-15: the complainant reopened the case file, closed on 2025-03-14, setting its status to open."
        ),
        "{d}"
    );
}

#[test]
fn status_changes_of_one_day_are_told_in_the_order_they_were_made() {
    let (mut ws, case) = workspace();
    // Everything within the same second: only the order the changes were recorded in tells them apart.
    ws.set_clock(day(11));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Cleared)).unwrap();
    ws.set_status(case, CaseStatus::Investigating, None).unwrap();
    ws.set_status(case, CaseStatus::Reported, None).unwrap();
    ws.set_status(case, CaseStatus::Escalated, None).unwrap();
    let red_flag = red_flag_codes(&ws)[0].clone();
    ws.set_mark(case, &red_flag, MarkState::Flagged, None).unwrap();
    let told: Vec<String> = lines(&ws, case).into_iter().filter(|l| l.contains("the complainant")).collect();
    assert_eq!(
        told,
        [
            "2025-03-11: the complainant reopened the case file, closed on 2025-03-11, setting its status to \
             investigating.",
            "2025-03-11: the complainant marked the matter as reported, then on 2025-03-11 set its status to \
             escalated.",
        ]
    );
}

#[test]
fn a_closed_case_closed_again_was_not_reopened_and_a_reopening_to_reported_is_one_line() {
    let (mut ws, case) = workspace();
    ws.set_clock(day(11));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Confirmed)).unwrap();
    // Only the disposition changes: the case stays closed.
    ws.set_clock(day(12));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Cleared)).unwrap();
    let told = |ws: &Workspace| -> Vec<String> {
        lines(ws, case).into_iter().filter(|l| l.contains("the complainant") && !l.contains("containment")).collect()
    };
    // The finding reversed is told, with the first.
    let closings = [
        "2025-03-11: the complainant closed the case file as confirmed.",
        "2025-03-12: the complainant changed the case file's finding from confirmed to cleared.",
    ];
    assert_eq!(told(&ws), closings);
    // Reported straight from closed: one line, saying since when it was closed (its first closing).
    ws.set_clock(day(13));
    ws.set_status(case, CaseStatus::Reported, None).unwrap();
    let reported =
        "2025-03-13: the complainant reopened the case file, closed on 2025-03-11, and marked the matter as reported.";
    assert_eq!(told(&ws), [closings[0], closings[1], reported]);
}

/// A case closed as confirmed after it was reported, then reopened and closed as cleared: both closings
/// are told with their finding, so that the summary does not hide a confirmed finding that was reversed.
/// A case closed once is not: its opening sentence says how it was closed.
#[test]
fn a_finding_given_and_then_reversed_is_told_with_each_closing() {
    let (mut ws, case) = workspace();
    ws.set_clock(day(11));
    ws.set_status(case, CaseStatus::Reported, None).unwrap();
    ws.set_clock(day(12));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Confirmed)).unwrap();
    let told = |ws: &Workspace| -> Vec<String> {
        lines(ws, case).into_iter().filter(|l| l.contains("the complainant") && !l.contains("containment")).collect()
    };
    assert_eq!(told(&ws), ["2025-03-11: the complainant marked the matter as reported."]);
    ws.set_clock(day(13));
    ws.set_status(case, CaseStatus::Investigating, None).unwrap();
    ws.set_clock(day(14));
    ws.set_status(case, CaseStatus::Closed, Some(Disposition::Cleared)).unwrap();
    assert_eq!(
        told(&ws),
        [
            "2025-03-11: the complainant marked the matter as reported.",
            "2025-03-12: the complainant closed the case file as confirmed.",
            "2025-03-13: the complainant reopened the case file, closed on 2025-03-12, setting its status to \
             investigating.",
            "2025-03-14: the complainant closed the case file as cleared.",
        ]
    );
}
