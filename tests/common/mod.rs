//! Shared helpers for the CLI tests: a temporary workspace and a fingerprint of everything in it.

#![allow(dead_code)]

pub mod bundle_kit;
pub mod import_kit;
pub mod pty;
pub mod roster_kit;
pub mod tamper_kit;
pub mod tui_app;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("ws").join("workspace.db");
        Env { dir, db }
    }

    /// `vetdesk` on this workspace, never the user's: the workspace and config both point into the
    /// temporary folder.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("vetdesk").expect("binary");
        cmd.env("VETDESK_DB", &self.db)
            .env("VETDESK_CONFIG", self.dir.path().join("config.toml"))
            .env("VETDESK_KEY_DIR", self.keys())
            .env("USER", "ana")
            .env_remove("NO_COLOR");
        cmd
    }

    /// The signing key folder of this environment's machine.
    pub fn keys(&self) -> PathBuf {
        self.dir.path().join("keys")
    }

    /// Runs `args`, expects success, returns standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(out.status.success(), "vetdesk {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }

    /// Runs `args`, expects exit 2 and a one-line error containing `needle`; checks nothing changed.
    pub fn refused(&self, args: &[&str], needle: &str) {
        self.refused_with(&[], args, needle);
    }

    /// [`Env::refused`] with extra environment variables. A run that takes more than 20 seconds is killed
    /// and fails the test rather than hanging it.
    pub fn refused_with(&self, vars: &[(&str, &Path)], args: &[&str], needle: &str) {
        let before = fingerprint(&self.db);
        let mut cmd = self.cmd();
        for (name, value) in vars {
            cmd.env(name, value);
        }
        let out = cmd.args(args).timeout(std::time::Duration::from_secs(20)).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "vetdesk {args:?} should fail: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        assert!(stderr.starts_with("vetdesk: "), "{stderr}");
        assert!(stderr.contains(needle), "{stderr:?} should mention {needle:?}");
        assert!(out.stdout.is_empty(), "no output on error");
        assert_eq!(before, fingerprint(&self.db), "vetdesk {args:?} changed the workspace");
    }

    /// Runs `args`, expects a usage error shown whole as clap words it (exit 2, `error: …` mentioning
    /// `needle`, then the usage or `--help` line), no output, and nothing changed.
    pub fn usage_error(&self, args: &[&str], needle: &str) {
        let before = fingerprint(&self.db);
        let out = self.cmd().args(args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "vetdesk {args:?} should fail: {stderr}");
        assert!(stderr.starts_with("error: ") && stderr.contains(needle), "{stderr:?} should mention {needle:?}");
        assert!(stderr.contains("For more information, try '--help'."), "shown whole: {stderr}");
        assert!(out.stdout.is_empty(), "no output on error");
        assert_eq!(before, fingerprint(&self.db), "vetdesk {args:?} changed the workspace");
    }

    pub fn id(&self, args: &[&str]) -> i64 {
        self.ok(args).trim().parse().expect("an id alone")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }

    pub fn file(&self, name: &str, content: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, content).expect("write");
        p
    }
}

/// Every row of every table, as text: equal fingerprints mean an unchanged workspace.
pub fn fingerprint(db: &Path) -> String {
    if !db.exists() {
        return "absent".into();
    }
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.sort();
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| Ok((0..n).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
            .unwrap();
        for row in rows {
            out.push_str(&t);
            out.push(':');
            out.push_str(&row.unwrap());
            out.push('\n');
        }
    }
    out
}

/// Makes this machine's head records in the key folder `keys` read as an older vetdesk wrote them, naming
/// no match rules version: for a test that stands in for a workspace an older vetdesk left (older rules,
/// no key tags), which this vetdesk then derives again. A record naming today's rules would show the
/// version was set back behind vetdesk's back instead.
pub fn head_records_from_an_older_vetdesk(keys: &Path) {
    let Ok(entries) = std::fs::read_dir(keys.join("heads")) else { return };
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let Ok(mut record) = serde_json::from_str::<serde_json::Value>(text.trim_end()) else { continue };
        if let Some(fields) = record.as_object_mut() {
            fields.remove("rules");
        }
        std::fs::write(entry.path(), record.to_string()).unwrap();
    }
}

/// A signing key folder beside a test workspace, never the user's.
pub fn keys_beside(db: &Path) -> vetdesk::signing::Keyring {
    vetdesk::signing::Keyring::open(&db.with_extension("keys"))
}

/// Appends an audit row as a vetdesk from before signing and sealing wrote one (unsigned, no seal) after
/// the trail's last row, for a workspace a test builds with SQL: every record vetdesk writes comes with
/// its row, and a workspace holding records with no trail at all is taken for one emptied behind its back.
pub fn legacy_audit_row(conn: &rusqlite::Connection, action: &str, case_id: Option<i64>) {
    use vetdesk::store::audit::{Canonical, GENESIS, hash_row};
    let (last, prev): (i64, String) = conn
        .query_row("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap_or((0, GENESIS.to_string()));
    let id = last + 1;
    let row = Canonical { id, at: "x", actor: "ana", action, case_id, details: "{}", seal: None };
    let hash = hash_row(&prev, &row);
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, case_id, details, prev_hash, hash) VALUES (?1, 'x', 'ana', ?2, ?3, '{}', ?4, ?5)",
        rusqlite::params![id, action, case_id, prev, hash],
    )
    .unwrap();
}
