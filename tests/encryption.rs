//! Encrypted workspaces (SQLCipher): `encrypt`, `decrypt`, `rekey`, `init --encrypt`, a normal flow on an
//! encrypted workspace with a passphrase file, wrong passphrases, and what the files on disk give away.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use common::Env;
use predicates::prelude::*;

/// What the case is about; none of it may be readable in the encrypted files.
const SECRETS: [&str; 5] = [
    "Pyongyang Software Outsourcing",
    "Kim Chol-su",
    "chol.su.dev@example.com",
    "laptop farm in Shenyang",
    "Backend engineer (contract)",
];

fn pass_file(env: &Env, name: &str, line: &str) -> PathBuf {
    env.file(name, format!("{line}\nthis second line is not part of it\n").as_bytes())
}

/// `vetdesk` with the passphrase file in VETDESK_PASSPHRASE_FILE.
fn with_pass(env: &Env, pass: &Path, args: &[&str]) -> std::process::Output {
    env.cmd().env("VETDESK_PASSPHRASE_FILE", pass).args(args).output().expect("run")
}

fn ok_with(env: &Env, pass: &Path, args: &[&str]) -> String {
    let out = with_pass(env, pass, args);
    assert!(out.status.success(), "vetdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A plain workspace holding one case built from [`SECRETS`]; returns the case id as text.
fn plain_case(env: &Env) -> String {
    let c = env.id(&["case", "new", SECRETS[4], "--subject", SECRETS[1]]).to_string();
    env.id(&["ident", "add", &c, "email", SECRETS[2], "--subject", "1"]);
    env.id(&["note", "add", &c, &format!("Referred by {}; ships to a {}.", SECRETS[0], SECRETS[3])]);
    c
}

/// The bytes of the workspace and of its -wal and -shm files, when they exist.
fn disk_bytes(db: &Path) -> Vec<u8> {
    let mut all = std::fs::read(db).unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut name = db.as_os_str().to_os_string();
        name.push(suffix);
        if let Ok(b) = std::fs::read(PathBuf::from(name)) {
            all.extend(b);
        }
    }
    all
}

fn assert_unreadable(db: &Path) {
    let bytes = disk_bytes(db);
    assert!(!bytes.starts_with(b"SQLite format 3\0"), "no SQLite header");
    for secret in SECRETS {
        let needle = secret.as_bytes();
        assert!(!bytes.windows(needle.len()).any(|w| w == needle), "{secret:?} is readable in the file");
    }
    let out = Std::new("sqlite3").arg(db).arg("SELECT count(*) FROM sqlite_master").output().expect("sqlite3");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("file is not a database"), "{out:?}");
}

fn sqlite3(db: &Path, sql: &str) -> String {
    let out = Std::new("sqlite3").arg(db).arg(sql).output().expect("sqlite3");
    assert!(out.status.success(), "sqlite3: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn leftovers(db: &Path) -> Vec<String> {
    let dir = db.parent().unwrap();
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("-old") || n.ends_with("crypting") || n.ends_with(".converting"))
        .collect()
}

#[test]
fn an_encrypted_workspace_runs_a_normal_flow_and_gives_nothing_away() {
    let env = Env::new();
    let c = plain_case(&env);
    let before = env.ok(&["case", "show", &c, "--json"]);
    let pass = pass_file(&env, "pass.txt", "correct horse battery staple");

    let out = with_pass(&env, &pass, &["encrypt"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("now encrypted") && said.contains("overwritten with zeros and deleted"), "{said}");
    assert!(leftovers(&env.db).is_empty(), "{:?}", leftovers(&env.db));
    assert_unreadable(&env.db);
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&env.db).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);

    // Everything an investigator does, with the passphrase file.
    assert_eq!(ok_with(&env, &pass, &["case", "show", &c, "--json"]), before);
    let d = ok_with(&env, &pass, &["case", "new", "Second contractor", "--subject", "Pak Yong-ho"]).trim().to_string();
    ok_with(&env, &pass, &["ident", "add", &d, "email", SECRETS[2]]);
    ok_with(&env, &pass, &["note", "add", &d, "Same email as the first contractor."]);
    let report = ok_with(&env, &pass, &["report", &c, "--format", "text"]);
    assert!(report.contains(SECRETS[1]), "{report}");
    let links: serde_json::Value = serde_json::from_str(&ok_with(&env, &pass, &["links", &d, "--json"])).unwrap();
    let linked: Vec<i64> =
        links["links"].as_array().unwrap().iter().filter_map(|l| l["other"]["held"]["case_id"].as_i64()).collect();
    assert_eq!(linked, [c.parse::<i64>().unwrap()], "the shared email links the cases: {links}");
    let found = ok_with(&env, &pass, &["search", "Shenyang"]);
    assert!(found.contains(SECRETS[4]), "full-text search works: {found}");
    assert!(ok_with(&env, &pass, &["audit", "verify"]).starts_with("audit chain verified"));
    let log = ok_with(&env, &pass, &["audit", "log", "--json"]);
    assert!(log.contains("workspace.encrypt"), "{log}");
    assert!(!log.contains("correct horse"), "no secret in the audit trail");
    assert_unreadable(&env.db);
}

#[test]
fn a_wrong_or_missing_passphrase_is_one_line_and_changes_nothing() {
    let env = Env::new();
    plain_case(&env);
    let pass = pass_file(&env, "pass.txt", "right one");
    assert!(with_pass(&env, &pass, &["encrypt"]).status.success());
    let bytes = std::fs::read(&env.db).unwrap();
    let wrong = pass_file(&env, "wrong.txt", "wrong one");
    for args in [&["case", "list"][..], &["note", "add", "1", "more"], &["decrypt"], &["rekey"]] {
        let out = with_pass(&env, &wrong, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("vetdesk: wrong passphrase for ") && stderr.contains("workspace.db"), "{stderr}");
        assert!(out.stdout.is_empty());
        assert_eq!(std::fs::read(&env.db).unwrap(), bytes, "{args:?} changed the file");
    }
    // Without a passphrase and without a terminal to ask on: the way to give one.
    env.cmd().args(["case", "list"]).assert().code(2).stderr(predicate::str::contains("--passphrase-file"));
    assert_eq!(std::fs::read(&env.db).unwrap(), bytes);
    // The passphrase is never an argument.
    env.cmd().args(["--passphrase", "right one", "case", "list"]).assert().code(2);
    // Nor is its file ever written over: the workspace could not be opened again.
    let out = with_pass(&env, &pass, &["report", "1", "--output", pass.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is the workspace's passphrase file; nothing was written"), "{stderr}");
    assert!(std::fs::read_to_string(&pass).unwrap().starts_with("right one\n"));
}

#[test]
fn decrypt_gives_back_the_same_plain_workspace() {
    let env = Env::new();
    let c = plain_case(&env);
    let before = env.ok(&["case", "show", &c, "--json"]);
    let pass = pass_file(&env, "pass.txt", "round trip");
    assert!(with_pass(&env, &pass, &["encrypt"]).status.success());
    let out = with_pass(&env, &pass, &["decrypt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("now plain"));
    assert!(leftovers(&env.db).is_empty());
    assert!(std::fs::read(&env.db).unwrap().starts_with(b"SQLite format 3\0"));
    assert_eq!(sqlite3(&env.db, "SELECT title FROM \"case\"").trim(), SECRETS[4]);
    assert_eq!(sqlite3(&env.db, "PRAGMA integrity_check").trim(), "ok");
    // Plain again: no passphrase needed, the same case, and the trail says what happened.
    assert_eq!(env.ok(&["case", "show", &c, "--json"]), before);
    assert!(env.ok(&["audit", "verify"]).starts_with("audit chain verified"));
    let log = env.ok(&["audit", "log", "--json"]);
    assert!(log.contains("workspace.encrypt") && log.contains("workspace.decrypt"), "{log}");
    env.refused(&["decrypt"], "is not encrypted");
}

/// A workspace file with a second name (a hard-linked backup, as `cp -al` and snapshot tools make): the
/// conversion overwrites the old file with zeros, which would reach the backup, so it is refused, both
/// ways, and neither name changes.
#[test]
fn a_workspace_with_another_name_is_not_converted() {
    let env = Env::new();
    plain_case(&env);
    let backup = env.dir.path().join("backup.db");
    std::fs::hard_link(&env.db, &backup).unwrap();
    let before = std::fs::read(&backup).unwrap();
    let pass = pass_file(&env, "pass.txt", "linked");
    let out = with_pass(&env, &pass, &["encrypt"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("has 1 other name (hard links") && said.contains("nothing was changed"), "{said}");
    assert!(std::fs::read(&backup).unwrap() == before, "the backup is as it was");
    // Encrypted on a name of its own, then linked: decrypt is refused the same way.
    std::fs::remove_file(&backup).unwrap();
    assert!(with_pass(&env, &pass, &["encrypt"]).status.success());
    std::fs::hard_link(&env.db, &backup).unwrap();
    let out = with_pass(&env, &pass, &["decrypt"]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    // Not zeroed: the workspace (and so its other name) is still the encrypted one, and it opens.
    assert!(std::fs::read(&backup).unwrap().iter().any(|b| *b != 0));
    assert_unreadable(&env.db);
    assert!(ok_with(&env, &pass, &["case", "list"]).contains(SECRETS[4]));
}

/// Files that only bear the names an interrupted `encrypt` or `decrypt` leaves (another workspace copied
/// there, a backup linked there) are not vetdesk's to zero or delete: every command leaves them, says so,
/// and `encrypt` refuses to start over them.
#[test]
fn files_that_only_bear_a_leftovers_name_are_never_zeroed() {
    let env = Env::new();
    plain_case(&env);
    let other = Env::new();
    other.id(&["case", "new", "Another investigation"]);
    let pass = pass_file(&env, "pass.txt", "named alike");
    let db = env.db.to_str().unwrap().to_string();
    let old = PathBuf::from(format!("{db}.plain-old"));
    std::fs::copy(&other.db, &old).unwrap();
    let kept = env.dir.path().join("keep-this.db");
    std::fs::hard_link(&old, &kept).unwrap();
    let copy = PathBuf::from(format!("{db}.decrypting"));
    std::fs::write(&copy, b"notes of mine").unwrap();
    let before = (std::fs::read(&old).unwrap(), std::fs::read(&copy).unwrap());
    let out = with_pass(&env, &pass, &["case", "list"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.matches("as it is: vetdesk has no record of an interrupted").count(), 2, "{said}");
    let out = with_pass(&env, &pass, &["encrypt"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains(&format!("{}.plain-old is in the way", db)), "{said}");
    assert_eq!((std::fs::read(&old).unwrap(), std::fs::read(&copy).unwrap()), before);
    assert_eq!(std::fs::read(&kept).unwrap(), before.0, "the other name keeps the other workspace");
    assert!(
        !std::fs::read(&env.db).unwrap().is_empty() && sqlite3(&env.db, "SELECT count(*) FROM \"case\"").trim() == "1"
    );
    // Moved away, the workspace converts, and nothing of the conversion is left beside it.
    std::fs::remove_file(&old).unwrap();
    std::fs::remove_file(&copy).unwrap();
    ok_with(&env, &pass, &["encrypt"]);
    assert!(leftovers(&env.db).is_empty(), "{:?}", leftovers(&env.db));
    assert_eq!(std::fs::read(&kept).unwrap(), before.0);
}

#[test]
fn rekey_changes_the_passphrase() {
    let env = Env::new();
    let c = plain_case(&env);
    let old = pass_file(&env, "old.txt", "first passphrase");
    let new = pass_file(&env, "new.txt", "second passphrase");
    assert!(with_pass(&env, &old, &["encrypt"]).status.success());
    // The same passphrase again changes nothing, and says so.
    let same = with_pass(&env, &old, &["rekey", "--new-passphrase-file", old.to_str().unwrap()]);
    assert_eq!(same.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&same.stderr).contains("that is the passphrase the workspace has"));
    assert!(!ok_with(&env, &old, &["audit", "log", "--json"]).contains("workspace.rekey"));
    let out = with_pass(&env, &old, &["rekey", "--new-passphrase-file", new.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let refused = with_pass(&env, &old, &["case", "list"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("wrong passphrase"));
    assert!(ok_with(&env, &new, &["case", "show", &c]).contains(SECRETS[4]));
    assert!(ok_with(&env, &new, &["audit", "log", "--json"]).contains("workspace.rekey"));
    assert!(ok_with(&env, &new, &["audit", "verify"]).starts_with("audit chain verified"));
    assert_unreadable(&env.db);
}

/// A rekey refused (here: the chain was found broken, so no change may be signed onto it) leaves the
/// passphrase as it was: the refusal says nothing was written, and nothing was.
#[test]
fn a_refused_rekey_leaves_the_passphrase_as_it_was() {
    let env = Env::new();
    plain_case(&env);
    env.ok(&["note", "add", "1", "second row"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let guard: String =
        conn.query_row("SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'", [], |r| r.get(0)).unwrap();
    conn.execute_batch(&format!(
        "DROP TRIGGER audit_no_update; UPDATE audit SET sig = (SELECT sig FROM audit WHERE id = 3) WHERE id = 2; {guard};"
    ))
    .unwrap();
    drop(conn);
    let old = pass_file(&env, "old.txt", "first passphrase");
    let new = pass_file(&env, "new.txt", "second passphrase");
    assert!(with_pass(&env, &old, &["encrypt"]).status.success());
    assert_eq!(with_pass(&env, &old, &["audit", "verify"]).status.code(), Some(1));
    let out = with_pass(&env, &old, &["rekey", "--new-passphrase-file", new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was written"));
    assert!(with_pass(&env, &old, &["case", "list"]).status.success(), "the old passphrase still opens it");
    assert_eq!(with_pass(&env, &new, &["case", "list"]).status.code(), Some(2));
}

#[test]
fn init_encrypt_creates_an_encrypted_workspace() {
    let env = Env::new();
    let pass = pass_file(&env, "pass.txt", "brand new");
    let out = with_pass(&env, &pass, &["init", "--encrypt"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), env.db.to_str().unwrap());
    let c = ok_with(&env, &pass, &["case", "new", SECRETS[4], "--subject", SECRETS[1]]).trim().to_string();
    ok_with(&env, &pass, &["note", "add", &c, SECRETS[3]]);
    assert_unreadable(&env.db);
    assert!(ok_with(&env, &pass, &["audit", "log", "--json"]).contains("workspace.init"));
    // Once there, it is not created again, and a plain workspace is not overwritten.
    let again = with_pass(&env, &pass, &["init", "--encrypt"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already an encrypted workspace"));
    let plain = Env::new();
    plain_case(&plain);
    let refused = with_pass(&plain, &pass, &["init", "--encrypt"]);
    assert!(String::from_utf8_lossy(&refused.stderr).contains("`vetdesk encrypt` encrypts it"));
}

/// The WAL and shared-memory files of an encrypted workspace, read while the workspace is open and
/// holds an uncheckpointed change, contain none of the case's words.
#[test]
fn the_wal_of_an_open_encrypted_workspace_gives_nothing_away() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ws.db");
    let key = vetdesk::store::Passphrase::from_first_line(b"in process".to_vec()).unwrap();
    let mut ws = vetdesk::Workspace::open_keyed(&db, "ana", common::keys_beside(&db), Some(key)).unwrap();
    let id = ws
        .create_case(&vetdesk::workspace::NewCase {
            title: SECRETS[4].into(),
            priority: vetdesk::domain::Priority::High,
            candidate: Some(SECRETS[1].into()),
        })
        .unwrap();
    ws.add_note(id, &format!("{} {}", SECRETS[0], SECRETS[3])).unwrap();
    let wal = std::fs::read(dir.path().join("ws.db-wal")).unwrap();
    assert!(wal.len() > 4096, "the change is in the WAL, not yet in the file");
    let mut all = wal;
    all.extend(std::fs::read(dir.path().join("ws.db-shm")).unwrap_or_default());
    all.extend(std::fs::read(&db).unwrap());
    for secret in SECRETS {
        assert!(!all.windows(secret.len()).any(|w| w == secret.as_bytes()), "{secret:?} readable");
    }
    drop(ws);
}

/// On a terminal, the passphrase is asked without echo: what is typed never reaches the screen.
#[test]
fn on_a_terminal_the_passphrase_is_asked_without_echo() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    let env = Env::new();
    plain_case(&env);
    let pass = pass_file(&env, "pass.txt", "typed on the keyboard");
    assert!(with_pass(&env, &pass, &["encrypt"]).status.success());

    let pair = native_pty_system().openpty(PtySize { rows: 24, cols: 100, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vetdesk"));
    cmd.args(["case", "list"]);
    cmd.env_clear();
    cmd.env("VETDESK_DB", &env.db);
    cmd.env("VETDESK_CONFIG", env.dir.path().join("config.toml"));
    cmd.env("VETDESK_KEY_DIR", env.keys());
    cmd.env("USER", "ana");
    cmd.env("TERM", "xterm");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !String::from_utf8_lossy(&seen).contains("Passphrase for ") {
        assert!(std::time::Instant::now() < deadline, "no prompt: {}", String::from_utf8_lossy(&seen));
        if let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
            seen.extend(chunk);
        }
    }
    let mut writer = pair.master.take_writer().unwrap();
    writer.write_all(b"typed on the keyboard\r").unwrap();
    // Bounded: a prompt that never returns fails the test instead of holding the whole run.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() >= deadline {
            let _ = child.kill();
            while let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(100)) {
                seen.extend(chunk);
            }
            panic!("vetdesk did not end after the passphrase: {}", String::from_utf8_lossy(&seen));
        }
        if let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(20)) {
            seen.extend(chunk);
        }
    };
    while let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(500)) {
        seen.extend(chunk);
    }
    let screen = String::from_utf8_lossy(&seen);
    assert!(status.success(), "{screen}");
    assert!(screen.contains(SECRETS[4]), "the case list after the passphrase: {screen}");
    assert!(!screen.contains("typed on the keyboard"), "echoed: {screen}");
}

/// The swap renames the copy over the name given: through a symbolic link it would replace the link and
/// leave the workspace it points to behind, zeroed. `encrypt` is refused through a link, naming the file.
#[test]
fn encrypt_through_a_symbolic_link_is_refused_and_changes_nothing() {
    let env = Env::new();
    plain_case(&env);
    let link = env.dir.path().join("link.db");
    std::os::unix::fs::symlink(&env.db, &link).unwrap();
    let pass = pass_file(&env, "pass.txt", "right one");
    let before = std::fs::read(&env.db).unwrap();
    let out =
        env.cmd().env("VETDESK_DB", &link).env("VETDESK_PASSPHRASE_FILE", &pass).args(["encrypt"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("is a symbolic link; give the workspace's own path"), "{stderr}");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read(&env.db).unwrap(), before, "the workspace is as it was");
}

/// A machine set up for its own OpenSSL (a FIPS provider, an engine) names modules in the file
/// `OPENSSL_CONF` points to. vetdesk's OpenSSL reads no such file: a configuration naming a module that does
/// not load changes nothing, where before SQLCipher could not seed itself, every command wrote its errors
/// to standard error and `encrypt` failed.
#[test]
fn an_openssl_configuration_on_the_machine_is_not_read() {
    let env = Env::new();
    let module = env.dir.path().join("provider-that-is-not-there.so");
    let conf = env.file(
        "openssl.cnf",
        format!(
            "openssl_conf = openssl_init\n[openssl_init]\nproviders = provider_sect\n\
             [provider_sect]\nlocal = local_sect\n[local_sect]\nmodule = {}\nactivate = 1\n",
            module.display()
        )
        .as_bytes(),
    );
    let pass = pass_file(&env, "pass.txt", "correct horse battery staple");
    let run = |args: &[&str]| {
        let out = env.cmd().env("OPENSSL_CONF", &conf).env("VETDESK_PASSPHRASE_FILE", &pass).args(args).output();
        let out = out.expect("run");
        let said = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "vetdesk {args:?} failed: {said}");
        assert!(!said.contains("ERROR") && !said.contains("sqlcipher"), "vetdesk {args:?} wrote: {said}");
        String::from_utf8(out.stdout).unwrap()
    };
    let c = run(&["case", "new", SECRETS[4]]).trim().to_string();
    run(&["encrypt"]);
    assert_unreadable(&env.db);
    run(&["ident", "add", &c, "email", SECRETS[2]]);
    assert!(run(&["case", "show", &c]).contains(SECRETS[2]));
    assert!(run(&["audit", "verify"]).starts_with("audit chain verified"));
}
