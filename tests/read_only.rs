//! Workspaces on read-only media and in read-only folders open for reading, refuse every change with one
//! line, and workspace files open to others are made private.
//!
//! Tests run as root here, and permission bits do not stop root. So a read-only folder is tested by
//! running vetdesk as `nobody` (through `setpriv`) when the tests run as root, and a read-only file
//! system through a read-only bind mount; each test says so and returns early where that is impossible.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command as Std, Output};

use common::Env;

fn running_as_root() -> bool {
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

const NOBODY: u32 = 65534;

/// Runs vetdesk on `db`, as `nobody` when `as_nobody`.
fn run(env: &Env, db: &Path, as_nobody: bool, args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("vetdesk");
    let mut cmd = if as_nobody {
        let mut c = Std::new("setpriv");
        c.args(["--reuid", &NOBODY.to_string(), "--regid", &NOBODY.to_string(), "--clear-groups"]).arg(bin);
        c
    } else {
        Std::new(bin)
    };
    cmd.args(args)
        .env("VETDESK_DB", db)
        .env("VETDESK_CONFIG", env.dir.path().join("config.toml"))
        .env("HOME", env.dir.path())
        .env("USER", "ana");
    cmd.output().expect("run vetdesk")
}

/// A workspace with one case, a note and a report-worthy identifier, closed cleanly (no -wal file).
fn filled(env: &Env) -> String {
    let c = env.id(&["case", "new", "Backend engineer", "--subject", "Jordan Lee"]).to_string();
    env.ok(&["note", "add", &c, "Camera off in every interview."]);
    env.ok(&["ident", "add", &c, "email", "jordan@example.com"]);
    c
}

/// Every row of the workspace, read from a copy: opening it in place would leave SQLite's -wal and
/// -shm files beside it, or fail where they cannot be created.
fn fingerprint(db: &Path) -> String {
    let copy = tempfile::tempdir().unwrap();
    let to = copy.path().join("copy.db");
    std::fs::copy(db, &to).unwrap();
    common::fingerprint(&to)
}

/// Reads work and a change is refused with one line, leaving the workspace as it was.
fn reads_work_and_writes_are_refused(env: &Env, db: &Path, as_nobody: bool, c: &str) {
    let before = fingerprint(db);
    for args in [vec!["case", "list"], vec!["case", "show", c], vec!["report", c], vec!["audit", "verify"]] {
        let out = run(env, db, as_nobody, &args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{args:?} printed something");
    }
    let shown = String::from_utf8(run(env, db, as_nobody, &["case", "show", c]).stdout).unwrap();
    assert!(shown.contains("Backend engineer") && shown.contains("jordan@example.com"), "{shown}");
    for args in
        [vec!["note", "add", c, "more"], vec!["case", "new", "another"], vec!["check", "set", c, "RF-ID-01", "flagged"]]
    {
        let out = run(env, db, as_nobody, &args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert!(stderr.contains("is read-only; nothing was changed"), "{args:?}: {stderr}");
    }
    assert_eq!(before, fingerprint(db), "the workspace is unchanged");
    let dir = db.parent().unwrap();
    let names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["workspace.db"], "nothing was left beside the workspace");
}

/// Bind-mounts `from` read-only at a new folder; None when this process may not mount.
struct ReadOnlyMount(PathBuf);

impl ReadOnlyMount {
    fn new(from: &Path, at: &Path) -> Option<ReadOnlyMount> {
        std::fs::create_dir_all(at).unwrap();
        let ok = |args: &[&str]| Std::new("mount").args(args).output().is_ok_and(|o| o.status.success());
        let (from_s, at_s) = (from.to_str().unwrap(), at.to_str().unwrap());
        if !ok(&["--bind", from_s, at_s]) {
            return None;
        }
        let mount = ReadOnlyMount(at.to_path_buf());
        ok(&["-o", "remount,bind,ro", at_s]).then_some(mount)
    }
}

impl Drop for ReadOnlyMount {
    fn drop(&mut self) {
        let _ = Std::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_workspace_on_a_read_only_file_system_opens_for_reading() {
    let env = Env::new();
    let c = filled(&env);
    let Some(mount) = ReadOnlyMount::new(env.db.parent().unwrap(), &env.dir.path().join("ro")) else {
        eprintln!("skipped: this process may not bind-mount (needs root in a mount namespace)");
        return;
    };
    let db = mount.0.join("workspace.db");
    assert!(std::fs::OpenOptions::new().write(true).open(&db).is_err(), "the mount is read-only");
    reads_work_and_writes_are_refused(&env, &db, false, &c);

    // The workstation opens it too, and says it is read-only.
    let ws = vetdesk::Workspace::open(&db, "ana", common::keys_beside(&db)).unwrap();
    assert!(ws.is_read_only());
    let mut app = vetdesk::tui::App::new(ws, vetdesk::tui::Theme::named("dark", false).unwrap()).unwrap();
    app.size = ratatui::layout::Rect::new(0, 0, 100, 30);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| vetdesk::tui::ui::draw(&app, f)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("(read-only)") && screen.contains("Backend engineer"), "{screen}");
}

/// A workspace copied to read-only media with a `-wal` file holding changes not yet written into it (copied
/// while a program had it open) cannot be read there: SQLite reads the log through a `-shm` file the folder
/// cannot take, and the file without its log is an older record. One line says so and what to do.
#[test]
fn a_workspace_whose_log_holds_changes_on_read_only_media_says_what_to_do() {
    let env = Env::new();
    filled(&env);
    // A program that has the workspace open and has just written to it, as a copy taken then holds it.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    conn.pragma_update(None, "user_version", version).unwrap();
    std::mem::forget(conn);
    let folder = env.db.parent().unwrap();
    assert!(std::fs::metadata(folder.join("workspace.db-wal")).unwrap().len() > 0, "the log holds the change");
    std::fs::remove_file(folder.join("workspace.db-shm")).unwrap();
    let Some(mount) = ReadOnlyMount::new(folder, &env.dir.path().join("ro")) else {
        eprintln!("skipped: this process may not bind-mount (needs root in a mount namespace)");
        return;
    };
    let db = mount.0.join("workspace.db");
    let out = run(&env, &db, false, &["case", "list"]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{said}");
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("workspace.db: has changes in ")
            && said.contains("workspace.db-wal not yet written into it, which cannot be read where its folder cannot be written; copy the workspace with that file to a folder that can be written and open it there"),
        "{said}"
    );
}

#[test]
fn a_workspace_in_a_read_only_folder_opens_for_reading() {
    let env = Env::new();
    let c = filled(&env);
    let folder = env.db.parent().unwrap();
    let as_nobody = running_as_root();
    if as_nobody {
        if Std::new("setpriv").arg("--version").output().is_err() {
            eprintln!("skipped: running as root without setpriv, so a read-only folder cannot be tested");
            return;
        }
        // nobody must reach the binary and the workspace, and own the workspace file (it stays writable).
        std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        Std::new("chown").args([&format!("{NOBODY}:{NOBODY}")]).arg(&env.db).status().unwrap();
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let writable = std::fs::metadata(&env.db).unwrap().permissions().mode() & 0o200 != 0;
    assert!(writable, "the file itself stays writable; only the folder is not");
    reads_work_and_writes_are_refused(&env, &env.db, as_nobody, &c);

    // Keys derived under older rules are matched as they are, and every command says so.
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    rusqlite::Connection::open(&env.db)
        .unwrap()
        .execute("UPDATE setting SET value = '2026.12.2' WHERE key = 'match_rules'", [])
        .unwrap();
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = run(&env, &env.db, as_nobody, &["case", "list"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("match keys were derived under rules 2026.12.2, not under this vetdesk's rules"),
        "{stderr}"
    );
    assert!(stderr.contains("which it does once it can be written"), "{stderr}");
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700)).unwrap();
}

#[test]
fn a_workspace_open_to_others_is_made_private_once() {
    let env = Env::new();
    env.ok(&["init"]);
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Another process holds the workspace open, so its -wal and -shm files exist; make them readable too.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "journal_mode", "wal").unwrap();
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).unwrap();
    let companions = ["-wal", "-shm"].map(|s| PathBuf::from(format!("{}{s}", env.db.display())));
    for f in &companions {
        assert!(f.exists(), "{f:?}");
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("vetdesk: note: ")).collect();
    assert_eq!(notes.len(), 3, "{stderr}");
    assert!(notes[0].ends_with("workspace.db was readable by others; its permissions are now 0600"), "{stderr}");
    for f in std::iter::once(&env.db).chain(&companions) {
        assert_eq!(std::fs::metadata(f).unwrap().mode() & 0o777, 0o600, "{f:?}");
    }
    drop(conn);
    let again = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("note:"), "said once");
}

#[test]
fn a_read_only_workspace_loses_no_write_bit_it_did_not_have() {
    let env = Env::new();
    env.ok(&["init"]);
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::metadata(&env.db).unwrap().mode() & 0o777, 0o400);
    env.refused(&["case", "new", "x"], "is read-only; nothing was changed");
}

/// A change made while another program holds the workspace for writing waits as long as it was told,
/// then is refused in one line that says the workspace is busy, with nothing written.
#[test]
fn a_change_while_another_program_writes_is_refused_as_busy() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.db");
    let mut ws = vetdesk::Workspace::open(&path, "ana", common::keys_beside(&path)).unwrap();
    let new = vetdesk::workspace::NewCase {
        title: "Contractor".into(),
        priority: vetdesk::domain::Priority::Low,
        candidate: None,
    };
    let case = ws.create_case(&new).unwrap();
    ws.set_busy_timeout(std::time::Duration::from_millis(200)).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = std::time::Instant::now();
    let err = ws.add_note(case, "written while busy").unwrap_err().to_string();
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "waited {:?}", started.elapsed());
    assert!(err.contains("is busy: another program has been writing to it for 0.2 s; nothing was changed"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert!(ws.notes(case, 10, 0).unwrap().is_empty());
    ws.add_note(case, "written once it is free").unwrap();
}

#[test]
fn a_signing_key_open_to_others_is_made_private_and_said_so() {
    let env = Env::new();
    env.ok(&["init"]);
    let key = env.keys().join("audit_ed25519");
    std::fs::set_permissions(env.keys(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = env.cmd().args(["case", "new", "Backend engineer"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the signing key folder"), "{stderr}");
    assert!(stderr.contains("(mode 0644); its permissions are now 0600"), "{stderr}");
    assert_eq!(std::fs::metadata(&key).unwrap().mode() & 0o777, 0o600);
    assert_eq!(std::fs::metadata(env.keys()).unwrap().mode() & 0o777, 0o700);
    let again = env.cmd().args(["case", "list"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&again.stderr).contains("signing key"), "said once");
}
