use serde_json::json;

use crate::domain::{NewPayment, Priority};
use crate::workspace::{NewCase, Workspace};

fn yen(amount_cents: i64) -> NewPayment {
    NewPayment {
        paid_on: "2026-03-02".into(),
        amount_cents,
        currency: "JPY".into(),
        method: "wire".into(),
        ..NewPayment::default()
    }
}

fn workspace_with_case() -> (Workspace, i64) {
    let mut ws = Workspace::open_in_memory("ana").unwrap();
    let case = ws.create_case(&NewCase { title: "Backend".into(), priority: Priority::Low, candidate: None }).unwrap();
    (ws, case)
}

/// A fraction of a yen recorded before vetdesk refused one (kept as it was written, sealed) does not stop
/// the rest of its payment from being corrected, and is not rounded away; a new one is refused.
#[test]
fn a_fraction_recorded_before_it_was_refused_stays_when_the_rest_is_corrected() {
    let (mut ws, case) = workspace_with_case();
    let id = ws.add_payment(case, &yen(150_000)).unwrap();
    // As an older vetdesk wrote it: 1.50 JPY, sealed with its audit row.
    ws.change("payment.edit", Some(case), |tx, _| {
        tx.execute("UPDATE payment SET amount_cents = 150 WHERE id = ?1", [id])?;
        Ok(((), json!({ "payment": id })))
    })
    .unwrap();
    let mut noted = yen(150);
    noted.note = "wired from a second account".into();
    ws.edit_payment(id, &noted).unwrap();
    let kept = ws.payment(id).unwrap();
    assert_eq!((kept.amount_cents, kept.note.as_str()), (150, "wired from a second account"));
    let refused = ws.add_payment(case, &yen(150)).unwrap_err().to_string();
    assert!(refused.contains("invalid amount 1.50 JPY"), "{refused}");
    let refused = ws.edit_payment(id, &yen(250)).unwrap_err().to_string();
    assert!(refused.contains("invalid amount 2.50 JPY"), "{refused}");
}

/// The summary adds up a case's payments in each currency: a payment that would take that total past what
/// an amount can hold is refused, so the summary never overflows.
#[test]
fn a_payment_that_would_take_its_cases_total_past_the_bound_is_refused() {
    let (mut ws, case) = workspace_with_case();
    let most = 99_999_999_999_999_999; // 999,999,999,999,999.99, the largest amount vetdesk reads
    let usd = |amount_cents| NewPayment { currency: "USD".into(), ..yen(amount_cents) };
    let fits = (i64::MAX / most) as usize;
    for _ in 0..fits {
        ws.add_payment(case, &usd(most)).unwrap();
    }
    let refused = ws.add_payment(case, &usd(most)).unwrap_err().to_string();
    assert!(refused.contains("adds up to more than vetdesk can total"), "{refused}");
    // Another currency has a total of its own.
    ws.add_payment(case, &NewPayment { currency: "EUR".into(), ..usd(most) }).unwrap();
    let summary = crate::report::build(&ws, case, &crate::report::Options::default()).unwrap();
    let text = crate::report::render(&summary, crate::report::Format::Text);
    assert!(text.contains("91,999,999,999,999,999.08"), "the US-dollar total, whole: {text}");
}
