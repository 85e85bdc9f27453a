//! The IC3 form's per-case answers: one row per answered question.

use rusqlite::{Connection, params};

use super::word;
use crate::Result;
use crate::domain::{Answer, Answers};

pub fn of_case(conn: &Connection, case_id: i64) -> Result<Answers> {
    let mut stmt = conn.prepare_cached(
        "SELECT field, value, answered_by, answered_at FROM case_answer WHERE case_id = ?1 ORDER BY field",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Answer { field: word(r, 0)?, value: r.get(1)?, answered_by: r.get(2)?, answered_at: r.get(3)? })
    })?;
    Ok(Answers(rows.collect::<rusqlite::Result<_>>()?))
}

pub fn put(conn: &Connection, case_id: i64, a: &Answer) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO case_answer (case_id, field, value, answered_by, answered_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (case_id, field) DO UPDATE SET value = ?3, answered_by = ?4, answered_at = ?5",
    )?
    .execute(params![case_id, a.field.as_str(), a.value, a.answered_by, a.answered_at])?;
    Ok(())
}

pub fn clear(conn: &Connection, case_id: i64, field: crate::domain::AnswerField) -> Result<()> {
    conn.prepare_cached("DELETE FROM case_answer WHERE case_id = ?1 AND field = ?2")?
        .execute(params![case_id, field.as_str()])?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::domain::{AnswerField, Priority};
    use crate::store::{Store, cases};

    #[test]
    fn answers_are_put_replaced_and_cleared() {
        let store = Store::open_in_memory().unwrap();
        let conn = store.conn();
        let case = cases::insert(conn, "t", Priority::Low, "1", "now").unwrap();
        let a = |field, value: &str| Answer {
            field,
            value: value.into(),
            answered_by: "ana".into(),
            answered_at: "2025-01-01T00:00:00Z".into(),
        };
        put(conn, case, &a(AnswerField::Affected, "yes")).unwrap();
        put(conn, case, &a(AnswerField::Affected, "no")).unwrap();
        put(conn, case, &a(AnswerField::Signature, "Ana")).unwrap();
        let got = of_case(conn, case).unwrap();
        assert_eq!(got.0.len(), 2);
        assert_eq!(got.text(AnswerField::Affected), "no");
        clear(conn, case, AnswerField::Affected).unwrap();
        assert_eq!(of_case(conn, case).unwrap().0, vec![a(AnswerField::Signature, "Ana")]);
    }
}
