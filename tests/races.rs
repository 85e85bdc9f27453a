//! Two commands at once on one workspace: each decides on what it read in the same write transaction that
//! records its change, so two of them never both pass a check only one may pass.

mod common;

use std::process::{Child, Output, Stdio};

use common::Env;

fn spawn(env: &Env, args: &[&str]) -> Child {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vetdesk"));
    cmd.args(args)
        .env("VETDESK_DB", &env.db)
        .env("VETDESK_CONFIG", env.dir.path().join("config.toml"))
        .env("VETDESK_KEY_DIR", env.keys())
        .env("USER", "ana")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().expect("run vetdesk")
}

/// Runs the two commands at once; their outputs, in the order given.
fn at_once(env: &Env, a: &[&str], b: &[&str]) -> (Output, Output) {
    let (first, second) = (spawn(env, a), spawn(env, b));
    (first.wait_with_output().unwrap(), second.wait_with_output().unwrap())
}

fn sql(env: &Env, query: &str) -> i64 {
    rusqlite::Connection::open(&env.db).unwrap().query_row(query, [], |r| r.get(0)).unwrap()
}

const ROUNDS: usize = 6;

#[test]
fn a_subject_is_never_voided_while_a_value_is_recorded_against_it() {
    for _ in 0..ROUNDS {
        let env = Env::new();
        env.ok(&["case", "new", "Backend engineer", "--subject", "Ann Lee"]);
        let (void, add) = at_once(
            &env,
            &["subject", "void", "1", "--reason", "entered twice"],
            &["ident", "add", "1", "email", "ann@example.com", "--subject", "1"],
        );
        let voided = sql(&env, "SELECT voided_at IS NOT NULL FROM subject WHERE id = 1") == 1;
        let held = sql(&env, "SELECT count(*) FROM identifier WHERE subject_id = 1 AND voided_at IS NULL");
        assert!(!(voided && held > 0), "void: {void:?}\nadd: {add:?}");
        assert!(void.status.success() != add.status.success(), "one of them refused: {void:?}\n{add:?}");
        env.ok(&["audit", "verify"]);
    }
}

#[test]
fn one_value_added_twice_at_once_is_recorded_once_and_a_record_voided_twice_once() {
    for _ in 0..ROUNDS {
        let env = Env::new();
        env.ok(&["case", "new", "Backend engineer"]);
        let (a, b) = at_once(
            &env,
            &["ident", "add", "1", "email", "jo@example.com"],
            &["ident", "add", "1", "email", "jo@example.com"],
        );
        assert_eq!(sql(&env, "SELECT count(*) FROM identifier"), 1, "{a:?}\n{b:?}");
        assert!(a.status.success() != b.status.success(), "one refused: {a:?}\n{b:?}");
        let (a, b) =
            at_once(&env, &["ident", "void", "1", "--reason", "first"], &["ident", "void", "1", "--reason", "second"]);
        assert!(a.status.success() != b.status.success(), "one refused: {a:?}\n{b:?}");
        assert_eq!(sql(&env, "SELECT count(*) FROM audit WHERE action = 'identifier.void'"), 1);
        env.ok(&["audit", "verify"]);
    }
}

/// Two corrections at once: the second one's audit row says it replaced what the first wrote.
#[test]
fn of_two_corrections_at_once_the_second_says_it_replaced_the_first() {
    for _ in 0..ROUNDS {
        let env = Env::new();
        env.ok(&["case", "new", "Backend engineer"]);
        env.ok(&["ident", "add", "1", "email", "a@example.com"]);
        let (b, c) = at_once(
            &env,
            &["ident", "edit", "1", "email", "b@example.com"],
            &["ident", "edit", "1", "email", "c@example.com"],
        );
        assert!(b.status.success() && c.status.success(), "{b:?}\n{c:?}");
        let conn = rusqlite::Connection::open(&env.db).unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT json_extract(details, '$.from.raw'), json_extract(details, '$.to.raw') FROM audit
                 WHERE action = 'identifier.edit' ORDER BY id",
            )
            .unwrap();
        let edits: Vec<(String, String)> =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
        assert_eq!(edits.len(), 2);
        assert_eq!(edits[0].0, "a@example.com");
        assert_eq!(edits[1].0, edits[0].1, "the second replaced what the first wrote: {edits:?}");
    }
}
