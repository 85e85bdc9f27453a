//! The IC3 form's fields for one payment's transaction type (`i` on a payment line of the Overview): the
//! form shows different fields for a wire transfer, cryptocurrency, a P2P transfer or a gift card, and so
//! does this one. The payment's core fields (date, amount, banks, accounts) stay in its own form (`e`).

use super::app::App;
use super::form::{Field, Form, Purpose};
use crate::domain::{NewPayment, Payment, TransactionDetails, YesNo};
use crate::report::TransactionType;

/// The details the form shows for a payment's type, in the form's order.
fn shown(p: &Payment) -> Vec<&'static crate::domain::Detail> {
    let form_type = TransactionType::from_method(&p.method).form_number();
    TransactionDetails::ALL.iter().filter(|d| d.shown_for(form_type)).collect()
}

pub fn form(p: &Payment) -> Form {
    let fields = shown(p)
        .into_iter()
        .map(|d| {
            let value = p.details.get(d.column).unwrap_or_default();
            match d.column {
                // yes, no or unknown, as bank contacted is.
                "money_sent" => {
                    Field::optional_pick(d.label, d.help, YesNo::ALL.iter().map(ToString::to_string), value)
                }
                _ => Field::line(d.label, d.help, value),
            }
        })
        .collect();
    let kind = TransactionType::from_method(&p.method).label();
    Form::new(
        format!("IC3 fields of payment #{} ({kind}; Ctrl-S saves)", p.id),
        Purpose::PaymentDetails { payment_id: p.id },
        fields,
    )
}

/// Saves the details in the form; the payment's other details and fields are kept.
pub fn apply(app: &mut App, payment_id: i64, form: &Form) -> crate::Result<String> {
    let payment = app.ws.payment(payment_id)?;
    let before = NewPayment::from(&payment);
    let mut changed = before.clone();
    for (i, detail) in shown(&payment).into_iter().enumerate() {
        changed.details.set(detail.column, form.value(i));
    }
    app.ws.edit_payment(payment_id, &changed)?;
    super::undo::push(app, super::undo::Undo::Payment { id: payment_id, payment: Box::new(before), details: true });
    Ok(format!("payment #{payment_id}: IC3 fields saved"))
}
